"""Every window, tab, dialog and workbench page, walked as a screen reader would: a widget that
takes keyboard focus must have a name (its own text, an accessible name or a label buddy)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from smsc_desktop.api.models import FreeNumber
from smsc_desktop.services.numbers.results import RentQuote
from smsc_desktop.ui.dialogs.accounts import AccountsDialog
from smsc_desktop.ui.dialogs.add_number import AddNumberDialog
from smsc_desktop.ui.dialogs.crash import CrashDialog
from smsc_desktop.ui.dialogs.csv_preview import CsvPreviewDialog
from smsc_desktop.ui.dialogs.insights import InsightsDialog
from smsc_desktop.ui.dialogs.number_test import NumberTestDialog
from smsc_desktop.ui.dialogs.rent import RentDialog
from smsc_desktop.ui.dialogs.settings import SettingsDialog
from smsc_desktop.ui.dialogs.simulate_sms import SimulateSmsDialog
from tests.helpers.a11y import demo, icon_only_without_tip, unnamed
from tests.helpers.app import AppHarness

__all__ = ["demo"]


def _dialogs(demo: AppHarness, tmp_path: Path) -> list[QWidget]:
    window = demo.window
    session = demo.ctx.session
    assert session is not None
    csv = tmp_path / "job.csv"
    csv.write_text("id;phone;status\n1;79990000001;1\n", encoding="utf-8")
    number = FreeNumber("79990000001", 1, Decimal("300"), Decimal("120"), "MTS")
    return [
        AccountsDialog(demo.ctx, window),
        AccountsDialog(demo.ctx, window, first_run=True),
        SettingsDialog(demo.ctx.settings, window),
        RentDialog(RentQuote(number, Decimal("5000"), "RUR"), window, today=date(2026, 1, 5)),
        AddNumberDialog(window, currency="RUR"),
        NumberTestDialog(session.numbers, "79990000001", window, sandbox=True),
        SimulateSmsDialog(["79990000001"], None, window),
        CsvPreviewDialog(csv, window),
        InsightsDialog(csv, window),
        CrashDialog("Traceback: nothing", None, window),
    ]


def test_every_focusable_widget_has_a_name(demo: AppHarness, tmp_path: Path) -> None:
    window = demo.window
    problems: list[str] = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
    problems += unnamed(window)
    problems += [f"icon only: {p}" for p in icon_only_without_tip(window)]
    if demo.controller.request_log is not None:
        problems += unnamed(demo.controller.request_log)
    for dialog in _dialogs(demo, tmp_path):
        demo.qtbot.addWidget(dialog)
        problems += [f"{type(dialog).__name__}: {p}" for p in unnamed(dialog)]
        problems += [
            f"{type(dialog).__name__}: icon only: {p}" for p in icon_only_without_tip(dialog)
        ]
        dialog.close()
    assert not problems, f"{len(problems)} without a name:\n" + "\n".join(problems)


def test_escape_closes_every_dialog(demo: AppHarness, tmp_path: Path) -> None:
    for dialog in _dialogs(demo, tmp_path):
        demo.qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        demo.qtbot.waitUntil(lambda d=dialog: QApplication.activeWindow() is d)
        target = QApplication.focusWidget() or dialog
        demo.qtbot.keyClick(target, Qt.Key.Key_Escape)
        assert not dialog.isVisible(), type(dialog).__name__
