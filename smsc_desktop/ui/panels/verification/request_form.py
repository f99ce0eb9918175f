"""The request form of the call tester: the subscriber's phone, the Request button, what is
wrong with the number as it is typed, and SMSC's limit of 50 requests a minute."""

from __future__ import annotations

import math

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smsc_desktop.api import RateLimitedError
from smsc_desktop.services.phones import check_phone
from smsc_desktop.services.verification import (
    LIMIT_PER_MINUTE,
    InvalidPhoneError,
    Verification,
    VerificationService,
)
from smsc_desktop.ui.aio import TaskGroup
from smsc_desktop.ui.formatting import format_phone
from smsc_desktop.ui.texts.errors import describe_error
from smsc_desktop.ui.texts.verification import phone_problem_text
from smsc_desktop.ui.theme import Tone, set_tone


class RequestForm(QFrame):
    """Asks the service for a number to call; works on the service given to
    :meth:`set_service`, and starts its requests in that account's task group."""

    requestFinished = Signal(object)  # Verification | None
    limitChanged = Signal()  # the limit or the busy state changed (the panel's timer follows)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestBox")
        self.service: VerificationService | None = None
        self._tasks: TaskGroup | None = None
        self._in_flight = 0

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

        row = QHBoxLayout()
        row.addWidget(phone_label)
        row.addWidget(self.phone_edit)
        row.addWidget(self.request_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addLayout(row)
        layout.addWidget(self.phone_message)
        layout.addWidget(self.limit_label)

        self.phone_edit.textChanged.connect(self._on_phone_changed)
        self.phone_edit.returnPressed.connect(self.request)
        self.request_button.clicked.connect(self.request)

    def set_service(self, service: VerificationService | None, tasks: TaskGroup) -> None:
        """Work on *service*; *tasks* is cancelled (with the requests in flight) before the
        next one is set."""
        self.service = service
        self._tasks = tasks
        self._in_flight = 0
        self._on_phone_changed(self.phone_edit.text())

    @property
    def busy(self) -> bool:
        """A request is in flight."""
        return self._in_flight > 0

    # --- requesting ------------------------------------------------------------------------

    def request(self) -> None:
        """Validate the phone and ask SMSC for the number to call."""
        service = self.service
        if service is None or self._tasks is None or not self.request_button.isEnabled():
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
        self._in_flight += 1
        self.request_button.setEnabled(False)
        self._tasks.spawn(self._request(service, check.digits), name="wait_call")

    async def _request(self, service: VerificationService, phone: str) -> None:
        # A cancellation (the account changed, the form is gone) ends this at the await:
        # nothing below touches a widget then.
        result: Verification | None = None
        try:
            result = await service.request(phone)
        except InvalidPhoneError as exc:
            if exc.check.problem is not None:
                self._show_phone_message(phone_problem_text(exc.check.problem), error=True)
        except RateLimitedError as exc:
            self._show_phone_message(describe_error(exc), error=True)
        except Exception:
            self._request_done()
            raise
        self._request_done()
        self.requestFinished.emit(result)

    def _request_done(self) -> None:
        self._in_flight -= 1
        self.request_button.setEnabled(self.service is not None and self._in_flight == 0)
        self.refresh_limit()
        self.limitChanged.emit()

    # --- what the user typed ---------------------------------------------------------------

    def _on_phone_changed(self, text: str) -> None:
        check = check_phone(text)
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
        self.request_button.setEnabled(self.service is not None and not self.busy)
        self._update_limit(check.digits if check.ok else "")

    def _show_phone_message(self, text: str, *, error: bool) -> None:
        self.phone_message.setText(text)
        set_tone(self.phone_message, Tone.BAD if error else Tone.MUTED)
        self.phone_message.setVisible(bool(text))

    # --- the limit of 50 a minute ----------------------------------------------------------

    def limit_wait(self) -> bool:
        """The limit keeps the typed number waiting (the panel ticks until it allows)."""
        service = self.service
        digits = check_phone(self.phone_edit.text()).digits
        return service is not None and bool(digits) and service.retry_after(digits) > 0

    def tick(self) -> None:
        """Every second while something waits: the button and the limit line."""
        self.request_button.setEnabled(self._in_flight == 0)
        self.refresh_limit()

    def refresh_limit(self) -> None:
        self._update_limit(check_phone(self.phone_edit.text()).digits)

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
            self.limitChanged.emit()
            return
        text = base
        if used:
            text += " " + self.tr("Used for this number in the last minute: %1.").replace(
                "%1", str(used)
            )
        self.limit_label.setText(text)
        set_tone(self.limit_label, Tone.MUTED)
