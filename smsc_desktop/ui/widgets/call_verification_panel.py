"""The call-verification tester: enter a phone, get the number to call, watch the call arrive."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.api import RateLimitedError
from smsc_desktop.services.clock import SystemClock
from smsc_desktop.services.phones import check_phone
from smsc_desktop.services.sandbox_control import SandboxControl, SandboxControlError
from smsc_desktop.services.verification import (
    LIMIT_PER_MINUTE,
    InvalidPhoneError,
    PollStatus,
    Verification,
    VerificationService,
)
from smsc_desktop.ui.aio import TaskGroup, exec_dialog
from smsc_desktop.ui.formatting import format_phone, format_time
from smsc_desktop.ui.models.verification_history import Column, VerificationHistoryModel
from smsc_desktop.ui.texts.errors import describe_error
from smsc_desktop.ui.texts.verification import phone_problem_text
from smsc_desktop.ui.theme import Tone, set_tone
from smsc_desktop.ui.widgets.styles import page_labels
from smsc_desktop.ui.widgets.table import DataTable
from smsc_desktop.ui.widgets.verification_card import VerificationCard


class CallVerificationPanel(QWidget):
    """Works on a :class:`VerificationService` given with :meth:`set_service`."""

    requestFinished = Signal(object)  # Verification | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = TaskGroup(self, "call-verification")
        self.service: VerificationService | None = None
        self.sandbox: SandboxControl | None = None
        self._requesting = 0
        self._confirm_box: QMessageBox | None = None
        self.cards: dict[str, VerificationCard] = {}

        heading, intro = page_labels(
            self,
            self.tr("Verify a phone number by a call"),
            self.tr(
                "SMSC gives out a number that the subscriber must call from the phone being "
                "verified, within 15 minutes. The call shows up among the account's incoming "
                "messages as [waitcall]; the app watches for it and marks the number confirmed."
            ),
        )

        # --- the request form -----------------------------------------------------------
        phone_label = QLabel(self.tr("Subscriber's phone:"), self)
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("phoneEdit")
        self.phone_edit.setPlaceholderText(self.tr("+7 916 123-45-67"))
        self.phone_edit.setClearButtonEnabled(True)
        self.phone_edit.setMinimumWidth(220)
        self.phone_edit.setMaximumWidth(360)
        self.phone_edit.setToolTip(
            self.tr(
                "The number the subscriber will call from, with the country code. "
                "8 916 … and +7 916 … are both fine."
            )
        )
        phone_label.setBuddy(self.phone_edit)
        self.request_button = QPushButton(self.tr("Request number"), self)
        self.request_button.setObjectName("requestButton")
        self.request_button.setDefault(True)
        self.request_button.setToolTip(
            self.tr("Ask SMSC (wait_call.php) for the number the subscriber must call")
        )
        self.phone_message = QLabel(self)
        self.phone_message.setObjectName("phoneMessage")
        self.phone_message.setWordWrap(True)
        self.limit_label = QLabel(self)
        self.limit_label.setObjectName("limitLabel")
        self.limit_label.setWordWrap(True)
        set_tone(self.limit_label, Tone.MUTED)

        form = QHBoxLayout()
        form.addWidget(phone_label)
        form.addWidget(self.phone_edit)
        form.addWidget(self.request_button)
        form.addStretch(1)
        form_box = QFrame(self)
        form_box.setObjectName("requestBox")
        form_layout = QVBoxLayout(form_box)
        form_layout.setContentsMargins(0, 4, 0, 4)
        form_layout.addLayout(form)
        form_layout.addWidget(self.phone_message)
        form_layout.addWidget(self.limit_label)

        # --- active verifications ------------------------------------------------------
        self.cards_host = QWidget(self)
        self.cards_layout = QVBoxLayout(self.cards_host)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.setSpacing(8)
        self.empty_state = QLabel(self.cards_host)
        self.empty_state.setObjectName("emptyState")
        self.empty_state.setWordWrap(True)
        self.empty_state.setTextFormat(Qt.TextFormat.RichText)
        self.empty_state.setStyleSheet(
            "#emptyState { border: 1px dashed palette(mid); border-radius: 6px; padding: 12px; }"
        )
        self.cards_layout.addWidget(self.empty_state)
        self.cards_layout.addStretch(1)
        self.cards_scroll = QScrollArea(self)
        self.cards_scroll.setWidgetResizable(True)
        self.cards_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.cards_scroll.setWidget(self.cards_host)

        # --- history -----------------------------------------------------------------------
        self.model = VerificationHistoryModel(SystemClock(), self)
        self.table = DataTable(
            self,
            "historyTable",
            accessible_name=self.tr("History of this account"),
            multi_select=True,
            context_menu=False,
        )
        self.table.set_placeholder(
            self.tr(
                "Every verification of this account appears here: who was verified, the "
                "number they called, when, the outcome and how long the call took."
            )
        )
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.OUTCOME, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (Column.PHONE, 150),
            (Column.CALLED, 150),
            (Column.REQUESTED, 150),
            (Column.DURATION, 80),
        ):
            self.table.setColumnWidth(column, width)
        history_title = QLabel(self.tr("History of this account"), self)
        history_title.setObjectName("sectionTitle")
        self.history_hint = QLabel(self)
        set_tone(self.history_hint, Tone.MUTED)
        self.clear_button = QPushButton(self.tr("Clear finished"), self)
        self.clear_button.setToolTip(
            self.tr("Remove confirmed, expired and failed verifications from the history")
        )
        history_head = QHBoxLayout()
        history_head.addWidget(history_title)
        history_head.addWidget(self.history_hint, 1)
        history_head.addWidget(self.clear_button)
        history = QWidget(self)
        history_layout = QVBoxLayout(history)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_layout.addLayout(history_head)
        history_layout.addWidget(self.table)

        active = QWidget(self)
        active_layout = QVBoxLayout(active)
        active_layout.setContentsMargins(0, 0, 0, 0)
        active_title = QLabel(self.tr("Verifications in progress"), self)
        active_title.setObjectName("sectionTitle")
        active_layout.addWidget(active_title)
        active_layout.addWidget(self.cards_scroll)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(active)
        self.splitter.addWidget(history)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([240, 360])
        self._splitter_moved = False
        self.splitter.splitterMoved.connect(self._on_splitter_moved)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("pollStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(form_box)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status_label)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._on_tick)

        self.phone_edit.textChanged.connect(self._on_phone_changed)
        self.phone_edit.returnPressed.connect(self.request)
        self.request_button.clicked.connect(self.request)
        self.clear_button.clicked.connect(self._clear_finished)
        self.set_service(None)

    # --- wiring ---------------------------------------------------------------------------

    def _slots(self, service: VerificationService) -> list[tuple[Any, Any]]:
        return [
            (service.added, self._on_added),
            (service.changed, self._on_changed),
            (service.reset, self._on_reset),
            (service.poll_status, self._on_poll_status),
            (service.polling_changed, self._on_polling_changed),
            (service.save_failed, self._on_save_failed),
        ]

    def set_service(
        self, service: VerificationService | None, sandbox: SandboxControl | None = None
    ) -> None:
        old = self.service
        if old is not None:
            for signal, slot in self._slots(old):
                signal.disconnect(slot)
        self.service = service
        self.sandbox = sandbox
        self.empty_state.setText(self._steps_html())
        for card in list(self.cards.values()):
            self._remove_card(card)
        self.model.set_service(service)
        if service is not None:
            for signal, slot in self._slots(service):
                signal.connect(slot, owner=self)
            for item in service.pending:
                self._add_card(item)
        self.setEnabled(service is not None)
        self._on_phone_changed(self.phone_edit.text())
        self._update_history_hint()
        self._update_status()
        self._update_timer()

    # --- requesting ------------------------------------------------------------------------

    def request(self) -> None:
        """Validate the phone and ask SMSC for the number to call."""
        service = self.service
        if service is None or not self.request_button.isEnabled():
            return
        check = check_phone(self.phone_edit.text())
        if not check.ok:
            assert check.problem is not None
            self._show_phone_message(phone_problem_text(check.problem), error=True)
            self.phone_edit.setFocus()
            return
        wait = service.retry_after(check.digits)
        if wait > 0:
            self._update_limit(check.digits)
            return
        self._requesting += 1
        self.request_button.setEnabled(False)
        self.tasks.spawn(self._request(check.digits), name="wait_call")

    async def _request(self, phone: str) -> None:
        assert self.service is not None
        service = self.service
        result: Verification | None = None
        try:
            result = await service.request(phone)
        except InvalidPhoneError as exc:
            if exc.check.problem is not None:
                self._show_phone_message(phone_problem_text(exc.check.problem), error=True)
        except RateLimitedError as exc:
            self._show_phone_message(describe_error(exc), error=True)
        finally:
            self._requesting -= 1
            self.request_button.setEnabled(self.service is not None and self._requesting == 0)
            self._update_limit(check_phone(self.phone_edit.text()).digits)
            self._update_timer()
        self.requestFinished.emit(result)

    def _on_phone_changed(self, text: str) -> None:
        check = check_phone(text)
        busy = self._requesting > 0
        if not text.strip():
            self._show_phone_message("", error=False)
        elif check.ok:
            note = self.tr("Will be sent as %1").replace("%1", check.digits)
            if check.converted_trunk_prefix:
                note += " " + self.tr("(the Russian 8 became the country code 7)")
            self._show_phone_message(note, error=False)
        else:
            # Say what is wrong only once the user has typed a whole number's worth.
            digits = sum(c.isdigit() for c in text)
            assert check.problem is not None
            message = phone_problem_text(check.problem) if digits >= 10 else ""
            self._show_phone_message(message, error=True)
        self.request_button.setEnabled(self.service is not None and not busy)
        self._update_limit(check.digits if check.ok else "")

    def _show_phone_message(self, text: str, *, error: bool) -> None:
        self.phone_message.setText(text)
        set_tone(self.phone_message, Tone.BAD if error else Tone.MUTED)
        self.phone_message.setVisible(bool(text))

    def _update_limit(self, phone: str) -> None:
        service = self.service
        base = self.tr("SMSC accepts at most %1 requests a minute for the same number.").replace(
            "%1", str(LIMIT_PER_MINUTE)
        )
        if service is None or not phone:
            self.limit_label.setText(base)
            set_tone(self.limit_label, Tone.MUTED)
            return
        wait = service.retry_after(phone)
        used = service.recent_requests(phone)
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            self.limit_label.setText(
                self.tr(
                    "Limit reached for %1: the next request is possible in %n s.", "", seconds
                ).replace("%1", format_phone(phone))
            )
            set_tone(self.limit_label, Tone.BAD)
            self.request_button.setEnabled(False)
            self._update_timer(limit_wait=True)
            return
        text = base
        if used:
            text += " " + self.tr("Used for this number in the last minute: %1.").replace(
                "%1", str(used)
            )
        self.limit_label.setText(text)
        set_tone(self.limit_label, Tone.MUTED)

    # --- cards ----------------------------------------------------------------------------

    def _add_card(self, item: Verification) -> VerificationCard:
        card = VerificationCard(item, self.cards_host)
        card.set_sandbox(self.sandbox is not None)
        card.simulateRequested.connect(self._simulate)
        card.dismissRequested.connect(lambda v: self._remove_card(self.cards[v.id]))
        self.cards[item.id] = card
        # Newest on top, above the empty-state text and the stretch.
        self.cards_layout.insertWidget(0, card)
        card.refresh(self._now())
        self.empty_state.hide()
        self._fit_cards()
        return card

    def _on_splitter_moved(self, *_args: object) -> None:
        self._splitter_moved = True

    def _fit_cards(self) -> None:
        """Give the cards the room they need (up to 70 %), until the user moves the divider."""
        if self._splitter_moved:
            return
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        spacing = self.cards_layout.spacing()
        if self.cards:
            wanted = sum(c.sizeHint().height() + spacing for c in self.cards.values())
        else:
            wanted = self.empty_state.sizeHint().height()
        wanted += 40  # the section title and margins
        top = max(160, min(wanted, int(total * 0.7)))
        self.splitter.setSizes([top, total - top])

    def _remove_card(self, card: VerificationCard) -> None:
        self.cards.pop(card.verification.id, None)
        self.cards_layout.removeWidget(card)
        card.hide()
        card.deleteLater()
        self.empty_state.setVisible(not self.cards)
        self._fit_cards()

    def _simulate(self, item: Verification) -> None:
        card = self.cards.get(item.id)
        if self.sandbox is None or card is None:
            return
        card.simulate.setEnabled(False)
        self.tasks.spawn(self._simulate_call(item, card), name="simulate_call")

    async def _simulate_call(self, item: Verification, card: VerificationCard) -> None:
        assert self.sandbox is not None
        try:
            await self.sandbox.simulate_call(item.phone)
        except SandboxControlError as exc:
            if exc.status == 410:
                text = self.tr("The sandbox says this verification has already expired.")
            elif exc.status == 404:
                text = self.tr("The sandbox has no pending verification for this number.")
            else:
                text = self.tr("The sandbox did not accept the call: %1").replace("%1", exc.message)
            card.show_message(text)
            card.simulate.setEnabled(True)
            return
        card.show_message(
            self.tr("The subscriber called. Waiting for the call to show up in the inbox…"),
            error=False,
        )
        if self.service is not None:
            self.service.poll_now()

    # --- service signals ------------------------------------------------------------------

    def _on_added(self, item: Verification) -> None:
        self._add_card(item)
        self._update_history_hint()
        self._update_timer()

    def _on_changed(self, item: Verification) -> None:
        card = self.cards.get(item.id)
        if card is not None:
            card.refresh(self._now())
            if item.state.is_final:
                card.show_message("")
        self._update_limit(check_phone(self.phone_edit.text()).digits)
        self._update_history_hint()
        self._update_timer()

    def _on_reset(self) -> None:
        service = self.service
        if service is None:
            return
        known = {v.id for v in service.verifications}
        for card in list(self.cards.values()):
            if card.verification.id not in known:
                self._remove_card(card)
        for item in service.pending:
            if item.id not in self.cards:
                self._add_card(item)
        self._update_history_hint()
        self._update_timer()

    def _on_poll_status(self, _status: PollStatus) -> None:
        self._update_status()

    def _on_polling_changed(self, _active: bool) -> None:
        self._update_status()

    def _on_save_failed(self, error: OSError) -> None:
        self.status_label.setText(
            self.tr("The history could not be saved (%1); it is kept while the app runs.").replace(
                "%1", error.strerror or str(error)
            )
        )
        set_tone(self.status_label, Tone.BAD)

    def _clear_finished(self) -> None:
        if self.service is not None:
            self.tasks.spawn(self.clear_finished(), name="clear-history")

    async def clear_finished(self) -> bool:
        """Ask, then forget the finished verifications of this account. True when cleared."""
        service = self.service
        if service is None:
            return False
        count = sum(1 for v in service.verifications if v.state.is_final)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Clear the history"))
        box.setText(
            self.tr("Remove %n finished verification(s) from this account's history?", "", count)
        )
        box.setInformativeText(self.tr("Verifications still waiting for a call are kept."))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self._confirm_box = box
        answer = await exec_dialog(box)
        self._confirm_box = None
        if answer != QMessageBox.StandardButton.Yes or self.service is not service:
            return False
        service.clear_finished()
        return True

    # --- every second ------------------------------------------------------------------------

    def _now(self) -> datetime:
        return self.service.clock.now() if self.service is not None else SystemClock().now()

    def _on_tick(self) -> None:
        service = self.service
        if service is None:
            self.timer.stop()
            return
        service.tick()
        now = self._now()
        for card in self.cards.values():
            if not card.verification.state.is_final:
                card.refresh(now)
        self.model.refresh_countdowns()
        digits = check_phone(self.phone_edit.text()).digits
        self.request_button.setEnabled(self._requesting == 0)
        self._update_limit(digits)
        self._update_timer()

    def _update_timer(self, *, limit_wait: bool = False) -> None:
        service = self.service
        needed = service is not None and (bool(service.pending) or limit_wait)
        if not needed and service is not None:
            digits = check_phone(self.phone_edit.text()).digits
            needed = bool(digits) and service.retry_after(digits) > 0
        if needed and not self.timer.isActive():
            self.timer.start()
        elif not needed and self.timer.isActive():
            self.timer.stop()

    def _update_history_hint(self) -> None:
        count = self.model.rowCount()
        if count == 0:
            self.history_hint.setText(
                self.tr("empty · kept on this computer for this account, across restarts")
            )
        else:
            self.history_hint.setText(
                self.tr("%n verification(s), kept across restarts", "", count)
            )
        self.clear_button.setEnabled(
            self.service is not None and any(v.state.is_final for v in self.service.verifications)
        )

    def _update_status(self) -> None:
        service = self.service
        if service is None:
            self.status_label.setText(self.tr("Open an account to verify numbers."))
            set_tone(self.status_label, Tone.MUTED)
            return
        status = service.status()
        interval = round(service.poll_interval)
        if status.error is not None:
            retry = status.next_check_in
            text = self.tr("Incoming messages could not be read: %1").replace(
                "%1", describe_error(status.error)
            )
            if retry:
                text += " " + self.tr("Trying again in %n s.", "", max(1, round(retry)))
            self.status_label.setText("⚠ " + text)
            set_tone(self.status_label, Tone.BAD)
            return
        if status.active:
            text = self.tr(
                "● Watching incoming messages for [waitcall] every %n s while a verification "
                "is waiting.",
                "",
                max(1, interval),
            )
            if status.last_success is not None:
                text += " " + self.tr("Last check: %1.").replace(
                    "%1", format_time(status.last_success).split(" ")[-1]
                )
            self.status_label.setText(text)
            set_tone(self.status_label, Tone.GOOD)
        else:
            self.status_label.setText(
                self.tr("○ Not checking incoming messages: no verification is waiting.")
            )
            set_tone(self.status_label, Tone.MUTED)

    def _steps_html(self) -> str:
        steps = [
            self.tr("Enter the subscriber's phone above and press <b>Request number</b>."),
            self.tr(
                "Give the subscriber the large number that appears here (Copy puts it on the "
                "clipboard). They call it from the phone being verified, within 15 minutes."
            ),
            self.tr(
                "The app sees the call among incoming messages and shows how long it took. "
                "Several numbers can be verified at the same time."
            ),
        ]
        if self.sandbox is not None:
            steps.append(
                self.tr(
                    "This is the sandbox, so nobody will really call: press <b>Simulate the "
                    "subscriber's call</b> on a card to make the call happen."
                )
            )
        items = "".join(f"<li style='margin-bottom:4px'>{s}</li>" for s in steps)
        title = self.tr("No verification in progress. How it works:")
        return f"<p><b>{title}</b></p><ol style='margin-left:-20px'>{items}</ol>"

    def shutdown(self) -> None:
        self.timer.stop()
