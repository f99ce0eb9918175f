"""The call-verification tester: enter a phone, get the number to call, watch the call arrive.

Three panels under a heading — the request form (``request_form.RequestForm``), the
verifications in progress (``cards.CardsArea``) and the history (``history.HistoryPane``),
the last two in a splitter — and the status line of the inbox watch. It works on the
:class:`VerificationService` given to :meth:`CallVerificationPanel.set_service`: it connects
to it through ``bindings`` and runs the account's work (requests, simulated calls, the
clear-history question) in ``account_tasks``; both are dropped before the next service is
set, so nothing started for one account resumes for another.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QSizePolicy, QSplitter, QVBoxLayout, QWidget

from smsc_desktop.services.sandbox_control import SandboxControl
from smsc_desktop.services.verification import PollStatus, Verification, VerificationService
from smsc_desktop.ui.aio import TaskGroup
from smsc_desktop.ui.bindings import Bindings
from smsc_desktop.ui.formatting import format_time
from smsc_desktop.ui.panels.verification.cards import CardsArea
from smsc_desktop.ui.panels.verification.history import HistoryPane
from smsc_desktop.ui.panels.verification.request_form import RequestForm
from smsc_desktop.ui.texts.errors import describe_error
from smsc_desktop.ui.theme import Tone, set_tone
from smsc_desktop.ui.widgets.elided_label import ElidedLabel
from smsc_desktop.ui.widgets.styles import page_labels

CARDS_MIN_HEIGHT = 160


class CallVerificationPanel(QWidget):
    """Works on a :class:`VerificationService` given with :meth:`set_service`."""

    requestFinished = Signal(object)  # Verification | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bindings = Bindings(self)
        self.account_tasks = TaskGroup(self, "call-verification")
        self.service: VerificationService | None = None
        self.sandbox: SandboxControl | None = None

        heading, self.intro = page_labels(
            self,
            self.tr("Verify a phone number by a call"),
            self.tr(
                "SMSC gives out a number that the subscriber must call from the phone being "
                "verified, within 15 minutes. The call shows up among the account's incoming "
                "messages as [waitcall]; the app watches for it and marks the number confirmed."
            ),
        )
        self.form = RequestForm(self)
        self.cards_area = CardsArea(self)
        self.history = HistoryPane(self)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.cards_area)
        self.splitter.addWidget(self.history)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([240, 360])
        self._splitter_moved = False

        self.status_label = ElidedLabel(parent=self)  # one line: the cards need the room
        self.status_label.setObjectName("pollStatus")
        self.status_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status_label)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._on_tick)

        self.form.requestFinished.connect(self.requestFinished)
        self.form.limitChanged.connect(self._update_timer)
        self.cards_area.contentChanged.connect(self._fit_cards)
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        self.splitter.installEventFilter(self)
        self.set_service(None)

    def set_service(
        self, service: VerificationService | None, sandbox: SandboxControl | None = None
    ) -> None:
        self.bindings.clear()
        self.account_tasks.cancel()
        self.service = service
        self.sandbox = sandbox
        self.cards_area.set_service(service, sandbox, self.account_tasks)
        self.history.set_service(service, self.account_tasks)  # its model connects first
        if service is not None:
            self.bindings.connect(service.added, self._on_added)
            self.bindings.connect(service.changed, self._on_changed)
            self.bindings.connect(service.reset, self._on_reset)
            self.bindings.connect(service.poll_status, self._on_poll_status)
            self.bindings.connect(service.polling_changed, self._on_polling_changed)
            self.bindings.connect(service.save_failed, self._on_save_failed)
        self.form.set_service(service, self.account_tasks)
        self.setEnabled(service is not None)
        self._update_status()
        self._update_timer()

    # --- service signals ------------------------------------------------------------------

    def _on_added(self, item: Verification) -> None:
        self.cards_area.add(item)
        self.history.update_hint()
        self._update_timer()

    def _on_changed(self, item: Verification) -> None:
        self.cards_area.changed(item)
        self._fit_cards()  # a card with its number to call is taller
        self.form.refresh_limit()
        self.history.update_hint()
        self._update_timer()

    def _on_reset(self) -> None:
        self.cards_area.sync()
        self.history.update_hint()
        self._update_timer()
        self._fit_cards()

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

    # --- the room of the cards ------------------------------------------------------------

    def _on_splitter_moved(self, *_args: object) -> None:
        self._splitter_moved = True

    def _fit_cards(self) -> None:
        """Give the cards (or the steps) the room they need, leaving the history what its
        rows need, until the user moves the divider."""
        if self._splitter_moved:
            return
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        # The paragraph under the heading says what the steps and the cards say again: it
        # gives its lines to the cards while there are some (a 600-pixel screen needs them).
        self.intro.setVisible(not self.cards_area.cards)
        wanted = self.cards_area.wanted_height()
        history = min(self.history.wanted_height(), total // 2)
        if wanted > total - history:  # the cards first; the history keeps a row in view
            history = min(history, self.history.wanted_height(rows=1))
        top = max(CARDS_MIN_HEIGHT, min(wanted, total - history))
        self.splitter.setSizes([top, total - top])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            self._fit_cards()  # the window, or the paragraph above, changed its room
        return False

    # --- every second ------------------------------------------------------------------------

    def _on_tick(self) -> None:
        service = self.service
        if service is None:
            self.timer.stop()
            return
        service.tick()
        now = service.clock.now()
        self.cards_area.tick(now)
        self.history.refresh_countdowns(now)
        self.form.tick()
        self._update_timer()

    def _update_timer(self) -> None:
        service = self.service
        needed = service is not None and (bool(service.pending) or self.form.limit_wait())
        if needed and not self.timer.isActive():
            self.timer.start()
        elif not needed and self.timer.isActive():
            self.timer.stop()

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

    def shutdown(self) -> None:
        self.timer.stop()
