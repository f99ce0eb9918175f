"""The request log panel: a well-behaved model, filters, copy, save, a bounded list."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication

from smsc_desktop.api import RequestRecord
from smsc_desktop.services.redaction import register_secret
from smsc_desktop.services.request_log import RequestLog
from smsc_desktop.ui.widgets.request_log import Column, RequestLogModel, RequestLogPanel
from tests.helpers.qt import run

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def record(n: int, **fields: Any) -> RequestRecord:
    values: dict[str, Any] = {
        "started_at": START + timedelta(seconds=n),
        "host": "smsc.ru",
        "endpoint": "balance",
        "command": "balance",
        "params": {"cur": "1"},
        "duration": 0.05 + n / 1000,
        "http_status": 200,
        "outcome": "ok",
    }
    values.update(fields)
    return RequestRecord(**values)


def filled_log() -> RequestLog:
    log = RequestLog()
    a, b = log.observer_for("Client A"), log.observer_for("Client B")
    a(record(1))
    b(record(2, endpoint="receive_phones", command="get", params={"get": "1"}))
    a(record(3, outcome="error", error="2", error_code=2, message="Wrong login"))
    b(record(4, outcome="error", error="ConnectFailedError", http_status=None))
    return log


def test_model_passes_the_model_tester(qtmodeltester: Any) -> None:
    log = filled_log()
    model = RequestLogModel(log)
    qtmodeltester.check(model, force_py=True)  # and it keeps watching the changes below
    log.observer_for("Client C")(record(5))
    assert model.rowCount() == 5
    log.clear()
    assert model.rowCount() == 0


def test_rows_show_what_happened(qtbot: Any) -> None:
    panel = RequestLogPanel(filled_log())
    qtbot.addWidget(panel)
    model = panel.model
    row = [model.index(2, c).data() for c in range(model.columnCount())]
    assert row[Column.ACCOUNT] == "Client A"
    assert row[Column.REQUEST] == "balance.php balance"
    assert row[Column.PARAMS] == "cur=1"
    assert row[Column.DURATION] == "53 ms"
    assert row[Column.OUTCOME] == "error 2"
    assert model.index(2, Column.OUTCOME).data(3) == "Wrong login"  # tooltip
    assert model.index(3, Column.OUTCOME).data() == "ConnectFailedError"
    assert panel.summary.text() == "4 request(s), 2 error(s)"


def test_filters(qtbot: Any) -> None:
    panel = RequestLogPanel(filled_log())
    qtbot.addWidget(panel)
    panel.errors_only.setChecked(True)
    assert panel.proxy.rowCount() == 2
    panel.account.setCurrentIndex(panel.account.findData("Client B"))
    assert panel.proxy.rowCount() == 1
    panel.errors_only.setChecked(False)
    assert panel.proxy.rowCount() == 2
    panel.account.setCurrentIndex(0)
    panel.filter_edit.setText("RECEIVE_phones")
    assert panel.proxy.rowCount() == 1
    assert "1 shown" in panel.summary.text()


def test_copy_selected_or_all_shown(qtbot: Any) -> None:
    panel = RequestLogPanel(filled_log())
    qtbot.addWidget(panel)
    panel.copy_rows()
    assert len(QGuiApplication.clipboard().text().splitlines()) == 5  # header + 4
    panel.table.selectRow(1)
    panel.copy_rows()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 2
    assert "receive_phones.php get" in lines[1]


def test_save_is_redacted_and_reports_failure(qtbot: Any, qloop: Any, tmp_path: Path) -> None:
    register_secret("Panel-Secret-3141")
    log = filled_log()
    log.observer_for("Client A")(record(9, params={"phone": "Panel-Secret-3141"}))
    panel = RequestLogPanel(log)
    qtbot.addWidget(panel)
    messages: list[str] = []
    panel.message.connect(messages.append)
    target = tmp_path / "requests.txt"
    assert run(qloop, qtbot, panel.save_to(target))
    text = target.read_text(encoding="utf-8")
    assert len(text.splitlines()) == 6
    assert "Panel-Secret-3141" not in text
    assert messages[-1].startswith("Saved 5 request(s)")
    (tmp_path / "a-file").write_text("x")
    in_a_file = tmp_path / "a-file" / "requests.txt"  # its folder is a file
    assert not run(qloop, qtbot, panel.save_to(in_a_file))
    assert messages[-1].startswith("Could not save the request log")


def test_save_writes_text_with_a_lone_surrogate_and_reports_any_failure(
    qtbot: Any, qloop: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SMSC's text is made safe by the api; the log's file must not depend on it."""
    log = RequestLog()
    log.observer_for("Client \ud800")(
        record(1, outcome="error", error="3", error_code=3, message="нет \ud800 денег")
    )
    panel = RequestLogPanel(log)
    qtbot.addWidget(panel)
    messages: list[str] = []
    panel.message.connect(messages.append)
    target = tmp_path / "requests.txt"
    assert run(qloop, qtbot, panel.save_to(target))
    text = target.read_text(encoding="utf-8")
    assert "Client \\ud800\t" in text  # as a JSON-style escape, not an error
    assert messages[-1].startswith("Saved 1 request(s)")

    def broken(*_: Any) -> str:
        raise ValueError("not a disk problem")

    monkeypatch.setattr("smsc_desktop.ui.widgets.request_log.format_requests", broken)
    assert not run(qloop, qtbot, panel.save_to(target))
    assert messages[-1].startswith("Could not save the request log")


def test_bounded_like_the_log(qtbot: Any, qtmodeltester: Any) -> None:
    log = RequestLog(capacity=3)
    model = RequestLogModel(log)
    qtmodeltester.check(model, force_py=True)
    for n in range(5):
        log.observer_for("A")(record(n, outcome="error" if n == 0 else "ok", error="2"))
    assert model.rowCount() == 3
    assert model.error_count == 0
    assert [model.item(r).record.started_at.second for r in range(3)] == [2, 3, 4]


def test_records_from_a_worker_thread_arrive_on_the_gui_thread(qtbot: Any) -> None:
    log = RequestLog()
    model = RequestLogModel(log)
    worker = threading.Thread(target=lambda: log.observer_for("T")(record(1)))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: model.rowCount() == 1)


def test_the_file_is_written_off_the_gui_thread(
    qtbot: Any, qloop: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A log saved to a slow or network disk never holds the window."""
    from smsc_desktop.ui.widgets import request_log

    threads: list[bool] = []
    real = request_log.atomic_write_text

    def write(path: Path, text: str, encoding: str = "utf-8") -> None:
        threads.append(threading.current_thread() is threading.main_thread())
        real(path, text, encoding)

    monkeypatch.setattr(request_log, "atomic_write_text", write)
    panel = RequestLogPanel(filled_log())
    qtbot.addWidget(panel)
    assert run(qloop, qtbot, panel.save_to(tmp_path / "requests.txt"))
    assert threads == [False]
    # Save…: the file chosen is written by the panel's own task.
    from PySide6.QtWidgets import QFileDialog

    panel.choose_file()
    dialog = panel.findChild(QFileDialog)
    chosen = tmp_path / "chosen.txt"
    dialog.fileSelected.emit(str(chosen))
    qtbot.waitUntil(chosen.exists)
    assert chosen.read_bytes() == (tmp_path / "requests.txt").read_bytes()
    dialog.close()
