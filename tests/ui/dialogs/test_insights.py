"""The Insights window (``ui/dialogs/insights.py``): reads an export off the GUI thread and
draws it; hover and keys show exact figures; charts copy and save; the summary saves as
Excel-safe CSV; what is missing or broken is said; the export is never written to."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from smsc_desktop.sandbox.exportfile import ExportFile
from smsc_desktop.services.insights import Step
from smsc_desktop.ui import theme
from smsc_desktop.ui.dialogs.insights import InsightsDialog
from smsc_desktop.ui.theme import Scheme, Tone
from smsc_desktop.ui.widgets.charts import Chart
from smsc_desktop.ui.widgets.message_bar import Level
from tests.helpers.exports_tab import WAIT
from tests.helpers.qt import run


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "messages.csv"
    path.write_bytes(ExportFile(2_500_000).read())  # three days of the sandbox's messages
    return path


def open_dialog(qtbot: Any, path: Path) -> InsightsDialog:
    dialog = InsightsDialog(path)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT):
        dialog.show()
    return dialog


def test_an_export_is_read_and_drawn(
    qtbot: Any, qloop: Any, qtmodeltester: Any, export: Path
) -> None:
    before, modified = digest(export), export.stat().st_mtime_ns
    dialog = open_dialog(qtbot, export)
    insights = dialog.insights
    assert insights is not None
    assert insights.rows > 15_000
    assert insights.step() is Step.DAY
    assert not dialog.progress.isVisible()
    assert "01.03.2024 – 04.03.2024" in dialog.heading.text()  # three days and a tail
    # The sandbox's first day has three unreadable lines: counted and named, the rest read.
    assert dialog.notes.level is Level.WARNING
    assert "3 line(s) could not be read" in dialog.notes.message()
    assert "line 59, 207, 315." in dialog.notes.message()
    panel = dialog.panel
    assert len(panel.time_chart.points) == 4
    assert panel.titles[panel.time_chart].text() == "<b>Messages and cost per day</b>"
    assert len(panel.senders_chart.bars) == 7
    assert panel.senders_chart.bars[0].label == "BANK-OTP"
    assert [b.label for b in panel.parts_chart.bars] == ["1 part(s)", "2 part(s)", "3 part(s)"]
    assert {s.label for s in panel.status_chart.slices} >= {"Доставлено", "Просрочено"}
    assert panel.status_chart.centre_text.startswith("8")  # about 82 % delivered
    qtmodeltester.check(panel.summary_model)
    figures = {row.figure: row for row in panel.summary_model.rows}
    assert figures["Messages"].value_cell == insights.rows
    assert figures["Delivered"].share.endswith("%")
    assert figures["Lines that could not be read"].value_cell == 3
    # Every chart and table has a name for screen readers, and its figures as a description.
    for chart in panel.charts:
        assert chart.accessibleName()
        assert chart.accessibleDescription()
    assert panel.summary.accessibleName()
    assert dialog.progress.accessibleName()
    # Read, never written.
    assert digest(export) == before
    assert export.stat().st_mtime_ns == modified


def test_hover_and_keys_show_the_exact_figure(qtbot: Any, qloop: Any, export: Path) -> None:
    dialog = open_dialog(qtbot, export)
    chart = dialog.panel.senders_chart
    qtbot.waitUntil(chart.isVisible, timeout=WAIT)
    target = chart.anchor(1)
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(target),
        QPointF(chart.mapToGlobal(target)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(chart, move)
    assert chart.hovered == 1
    bar = chart.bars[1]
    assert bar.label in bar.tooltip
    assert f"{int(bar.value)} message(s)" in bar.tooltip.replace("\xa0", "").replace(",", "")
    assert QToolTip.text() == bar.tooltip
    time_chart = dialog.panel.time_chart
    time_chart.setFocus()
    QTest.keyClick(time_chart, Qt.Key.Key_Right)
    assert time_chart.hovered == 0
    assert QToolTip.text() == time_chart.points[0].tooltip
    assert "01.03.2024" in time_chart.points[0].tooltip
    QTest.keyClick(time_chart, Qt.Key.Key_Right)
    assert time_chart.hovered == 1
    assert chart.item_at(QPoint(-5, -5)) == -1


def test_copy_and_save_a_chart_and_the_summary(
    qtbot: Any, qloop: Any, export: Path, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, export)
    chart: Chart = dialog.panel.time_chart
    chart.copy_to_clipboard()
    copied = QGuiApplication.clipboard().pixmap()
    assert not copied.isNull()
    assert copied.size() == chart.size()
    assert dialog.status.text() == "The chart was copied as a picture."

    png = tmp_path / "chart.png"
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        assert dialog.save_chart(chart, png)
    image = QImage(str(png))
    assert image.width() == chart.width()

    before = digest(export)
    summary = tmp_path / "summary.csv"
    assert run(qloop, qtbot, dialog.save_summary(summary))
    raw = summary.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Figure;Value;Share"
    assert any(line.startswith("Delivered;") and line.endswith("%") for line in lines)
    cost = next(line for line in lines if line.startswith("Cost;"))
    assert "," in cost.split(";")[1]  # a decimal comma, as Excel in Russian reads it
    # The summary is never written over the export itself.
    assert not run(qloop, qtbot, dialog.save_summary(export))
    assert "never written to" in dialog.status.text()
    assert digest(export) == before


def test_missing_columns_are_said_plainly_and_the_rest_works(
    qtbot: Any, qloop: Any, tmp_path: Path
) -> None:
    path = tmp_path / "statuses.csv"
    path.write_bytes(
        "Телефон;Статус\r\n79161234567;Доставлено\r\n79161234568;Просрочено\r\n".encode("cp1251")
    )
    dialog = open_dialog(qtbot, path)
    message = dialog.notes.message()
    assert message.startswith("Not found in this file: date, sender, cost")
    assert "operator, country" in message
    panel = dialog.panel
    assert panel.time_chart.count() == 0
    assert panel.time_chart.empty_text == "This file has no date column."
    assert panel.senders_chart.empty_text == "This file has no sender column."
    assert panel.status_chart.centre_text.startswith("50")
    figures = {row.figure for row in panel.summary_model.rows}
    assert "Delivered" in figures
    assert "Cost" not in figures


def test_stop_and_read_again(qtbot: Any, qloop: Any, export: Path) -> None:
    dialog = InsightsDialog(export)
    qtbot.addWidget(dialog)
    dialog.stop()  # before the worker thread even starts
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT):
        dialog.show()
    assert dialog.insights is None
    assert dialog.message.message() == "Reading was stopped; nothing is shown."
    assert not dialog.panel.isEnabled()
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT):
        dialog.message.actionTriggered.emit("read")
    assert dialog.insights is not None
    assert not dialog.message.isVisible()
    assert dialog.panel.isEnabled()


def test_a_file_that_cannot_be_read(qtbot: Any, qloop: Any, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, tmp_path / "gone.csv")
    assert dialog.message.level is Level.ERROR
    assert dialog.message.message().startswith("The file cannot be read:")
    assert dialog.insights is None


def test_dark_scheme_colours(qtbot: Any, qloop: Any, export: Path) -> None:
    dialog = open_dialog(qtbot, export)
    panel = dialog.panel
    light = panel.senders_chart.image().toImage()
    try:
        theme.set_scheme(Scheme.DARK)
        assert panel.senders_chart.part_colour == theme.colour(Tone.GOOD)
        assert theme.chart_colours().bars.name() == theme.chart_colours(dark=True).bars.name()
        slice_colour = panel.status_chart.slices[0].colour
        assert slice_colour is not None
        assert slice_colour.name() == theme.css(Tone.GOOD, dark=True)
        dark = panel.senders_chart.image().toImage()
        assert dark != light
    finally:
        theme.set_scheme(Scheme.SYSTEM)
    assert panel.senders_chart.part_colour == theme.colour(Tone.GOOD)


def test_closing_while_reading_stops_the_worker_quietly(
    qtbot: Any, qloop: Any, export: Path
) -> None:
    from smsc_desktop.ui import aio

    dialog = InsightsDialog(export)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    cancel = dialog._cancel
    qtbot.waitUntil(lambda: dialog.progress.isVisible(), timeout=WAIT)
    dialog.close()
    assert cancel.is_set()
    qtbot.waitUntil(
        lambda: not [t for t in aio.pending_tasks() if t.get_name() == "insights-read"],
        timeout=WAIT,
    )
