"""The Overview tab: every account at a glance in the main window, sorted and filtered,
opened with Enter or a double-click, exported as CSV, opened at once with the last figures."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from smsc_desktop.services.profiles import Profile
from smsc_desktop.ui.models.overview import OverviewColumn as C
from smsc_desktop.ui.panels.overview.export import export_csv
from smsc_desktop.ui.tabs.overview import OverviewTab
from smsc_desktop.ui.theme import Tone, colour
from tests.helpers.app import AppHarness
from tests.helpers.sandbox import SandboxHandle


def accounts(app: AppHarness) -> dict[str, Profile]:
    sandbox = app.sandbox
    return {
        "Demo": app.add_sandbox_profile("Demo"),
        "Poor": app.add_sandbox_profile("Poor", sandbox.poor, low_balance=Decimal("100")),
        "Blocked": app.add_sandbox_profile("Blocked", sandbox.blocked),
        "Tenge": app.add_sandbox_profile("Tenge", sandbox.kz),
    }


def show_overview(app: AppHarness) -> OverviewTab:
    window = app.window
    window.resize(1200, 760)
    window.show()
    app.qtbot.waitExposed(window)
    window.overview_action.trigger()  # Ctrl+0
    page = window.pages["overview"]
    assert isinstance(page, OverviewTab)
    assert window.tabs.currentWidget() is page
    app.qtbot.waitUntil(page.is_loaded, timeout=15_000)
    return page


def cell(page: OverviewTab, name: str, column: C, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    proxy = page.table.proxy
    for row in range(proxy.rowCount()):
        if proxy.index(row, C.ACCOUNT).data() == name:
            return proxy.index(row, column).data(role)
    raise KeyError(name)


def shown(page: OverviewTab) -> list[str]:
    proxy = page.table.proxy
    return [proxy.index(row, C.ACCOUNT).data() for row in range(proxy.rowCount())]


def index_of(page: OverviewTab, name: str, column: C) -> QModelIndex:
    proxy = page.table.proxy
    row = shown(page).index(name)
    return proxy.index(row, column)


def test_every_account_at_a_glance(app: AppHarness, qtmodeltester: Any) -> None:
    accounts(app)
    page = show_overview(app)
    assert shown(page) == ["Blocked", "Demo", "Poor", "Tenge"]  # by name
    assert cell(page, "Demo", C.BALANCE) == "5,000.00 ₽"
    assert cell(page, "Poor", C.BALANCE) == "10.00 ₽"
    assert cell(page, "Poor", C.BALANCE, Qt.ItemDataRole.ForegroundRole) == colour(Tone.BAD)
    assert cell(page, "Poor", C.LEVEL) == "100.00 ₽"
    assert cell(page, "Poor", C.ATTENTION).startswith("1 · Balance below the warning level")
    assert cell(page, "Tenge", C.BALANCE) == "250,000.00 ₸"
    assert cell(page, "Blocked", C.BALANCE) == "—"
    assert cell(page, "Blocked", C.ERROR) == "IP address blocked by SMSC"
    assert "blocked this computer's IP address" in cell(
        page, "Blocked", C.ERROR, Qt.ItemDataRole.ToolTipRole
    )
    assert cell(page, "Demo", C.SERVER) == "TEST SERVER"
    assert cell(page, "Demo", C.REFRESHED) != "Never"
    summary = page.toolbar.summary.text()
    assert summary.startswith("4 account(s) · 2 need(s) attention · 1 failed to refresh")
    assert "5,010.00 ₽" in summary
    assert "250,000.00 ₸" in summary
    assert page.toolbar.status.text().startswith("Refreshed 3 of 4 accounts")
    qtmodeltester.check(page.table.model)
    # accessible names on what a screen reader announces
    assert page.table.view.accessibleName() == "Accounts overview"
    for widget in (page.toolbar.interval, page.toolbar.filter_edit, page.toolbar.show_combo):
        assert widget.accessibleName()
    assert cell(page, "Poor", C.BALANCE, Qt.ItemDataRole.AccessibleTextRole) == ("Balance: 10.00 ₽")


def test_sort_and_filter(app: AppHarness) -> None:
    accounts(app)
    page = show_overview(app)
    page.table.view.sortByColumn(C.BALANCE, Qt.SortOrder.DescendingOrder)
    assert shown(page)[:3] == ["Tenge", "Demo", "Poor"]  # by amount, not by text
    app.qtbot.keyClicks(page.toolbar.filter_edit, "ten")
    assert shown(page) == ["Tenge"]
    page.toolbar.filter_edit.clear()
    page.toolbar.show_combo.setCurrentIndex(page.toolbar.show_combo.findData(2))  # failed
    assert shown(page) == ["Blocked"]
    page.toolbar.show_combo.setCurrentIndex(page.toolbar.show_combo.findData(1))  # attention
    assert sorted(shown(page)) == ["Blocked", "Poor"]
    app.qtbot.keyClicks(page.toolbar.filter_edit, "nobody")
    assert shown(page) == []
    assert page.table.view.placeholder() == "No account matches the filter."


def test_enter_and_double_click_open_the_account_in_its_tab(app: AppHarness) -> None:
    profiles = accounts(app)
    page = show_overview(app)
    view = page.table.view
    view.setFocus()
    view.setCurrentIndex(index_of(page, "Poor", C.BALANCE))
    app.qtbot.keyClick(view, Qt.Key.Key_Return)
    app.wait_session(profiles["Poor"].id)
    assert app.window.tabs.currentWidget() is app.window.pages["numbers"]

    app.window.show_overview()
    index = index_of(page, "Tenge", C.DOWNLOADS)
    view.scrollTo(index)  # the last column: off to the right in a 1200-pixel window
    rect = view.visualRect(index)
    # a real double-click: a press and release, then the double-click event
    app.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    app.qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    app.wait_session(profiles["Tenge"].id)
    assert app.window.tabs.currentWidget() is app.window.pages["exports"]
    font = cell(page, "Tenge", C.ACCOUNT, Qt.ItemDataRole.FontRole)
    assert font is not None
    assert font.bold()  # the open account's row


def test_the_page_opens_with_the_last_figures_without_asking(
    app: AppHarness, sandbox: SandboxHandle, qtbot: Any, qloop: Any, tmp_path: Path
) -> None:
    accounts(app)
    show_overview(app)
    app.run(app.ctx.close())
    asked = sandbox.state()["requests"]["balance"]

    again = AppHarness(qtbot, qloop, tmp_path / "app", sandbox)
    try:
        page = again.window.pages["overview"]
        assert isinstance(page, OverviewTab)
        # before the page is shown or anything is read: the figures of the last run
        assert cell(page, "Poor", C.BALANCE) == "10.00 ₽"
        assert cell(page, "Blocked", C.ERROR) == "IP address blocked by SMSC"
        again.window.show()
        again.window.show_overview()
        qtbot.waitUntil(page.is_loaded, timeout=10_000)
        assert sandbox.state()["requests"]["balance"] == asked  # nobody asked again
    finally:
        again.close()


def test_the_csv_is_for_excel_and_safe(app: AppHarness, tmp_path: Path) -> None:
    app.add_sandbox_profile('=HYPERLINK("http://x")', app.sandbox.poor)
    app.add_sandbox_profile("Tenge; KZ", app.sandbox.kz)
    page = show_overview(app)
    path = tmp_path / "overview.csv"
    views = [page.table.model.view(r) for r in range(page.table.model.rowCount())]
    assert app.run(export_csv(page.message, path, views, page.service.now())) == 2
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header, *body = rows
    assert header[:6] == ["Account", "Server", "Server address", "Login", "Balance", "Currency"]
    by_name = {r[0]: r for r in body}
    assert set(by_name) == {'\'=HYPERLINK("http://x")', "Tenge; KZ"}
    assert by_name["Tenge; KZ"][4:6] == ["250000,00", "KZT"]
    assert page.message.message().startswith("Saved 2 accounts to")


@pytest.mark.parametrize("key", ["Ctrl+0"])
def test_the_overview_has_its_shortcut_and_menu_entry(app: AppHarness, key: str) -> None:
    action = app.window.overview_action
    assert action.shortcut().toString() == key
    assert action in app.window.view_menu.actions()


def test_the_row_menu_from_the_keyboard(app: AppHarness, sandbox: SandboxHandle) -> None:
    from PySide6.QtWidgets import QApplication, QMenu

    accounts(app)
    page = show_overview(app)
    view = page.table.view
    view.setFocus()
    view.setCurrentIndex(index_of(page, "Tenge", C.BALANCE))
    app.qtbot.keyClick(view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)

    def menu() -> QMenu | None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu)]
        return next((m for m in found if m.isVisible()), None)

    app.qtbot.waitUntil(lambda: menu() is not None)
    shown_menu = menu()
    assert shown_menu is not None
    titles = [a.text() for a in shown_menu.actions() if a.text()]
    assert titles == [
        "Open account",
        "Open its Numbers",
        "Open its Verification",
        "Open its Exports",
        "Refresh this account",
        "Edit account…",
    ]
    sent = sandbox.state()["requests"]["balance"]
    next(a for a in shown_menu.actions() if a.text() == "Refresh this account").trigger()
    shown_menu.close()
    app.qtbot.waitUntil(lambda: sandbox.state()["requests"]["balance"] == sent + 1)


def test_the_interval_is_remembered(app: AppHarness) -> None:
    accounts(app)
    page = show_overview(app)
    combo = page.toolbar.interval
    combo.setCurrentIndex(combo.findData(15))
    combo.activated.emit(combo.currentIndex())
    assert app.settings.get("overview/interval_minutes") == 15
    assert page.service.interval_minutes == 15
    combo.setCurrentIndex(combo.findData(0))
    combo.activated.emit(combo.currentIndex())
    assert page.service.interval_minutes == 0


def test_an_account_added_later_is_asked_at_once(app: AppHarness) -> None:
    page = show_overview(app)
    assert page.table.model.rowCount() == 0
    assert page.table.view.placeholder().startswith("No accounts yet.")
    app.add_sandbox_profile("Latecomer", app.sandbox.kz)
    app.qtbot.waitUntil(lambda: page.table.model.rowCount() == 1)
    app.qtbot.waitUntil(lambda: cell(page, "Latecomer", C.BALANCE) == "250,000.00 ₸")


def test_the_demo_has_several_accounts(app: AppHarness, memory_keyring: Any) -> None:
    app.run(app.controller.open_demo())
    ids = [p.id for p in app.ctx.profiles.profiles()]
    assert ids == ["sandbox-demo", "sandbox-poor", "sandbox-blocked", "sandbox-kz"]
    page = show_overview(app)
    assert cell(page, "Sandbox demo — low balance", C.BALANCE) == "10.00 ₽"
    assert cell(page, "Sandbox demo — low balance", C.ATTENTION).startswith("1 · Balance below")
    assert cell(page, "Sandbox demo — IP blocked", C.ERROR) == "IP address blocked by SMSC"
    assert cell(page, "Sandbox demo — tenge", C.BALANCE) == "250,000.00 ₸"
    assert cell(page, "Sandbox demo", C.NUMBERS) == "2"  # what the sandbox rents, recorded
    assert cell(page, "Sandbox demo", C.MONTHLY) == "500.00 ₽"  # one of them renews
    assert cell(page, "Sandbox demo", C.SERVER) == "SANDBOX"
    assert memory_keyring.store == {}  # public sandbox passwords are never stored
