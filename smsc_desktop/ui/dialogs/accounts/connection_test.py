"""The connection test of the account form: one balance request with what the form says,
its outcome in plain words (never a stored secret, never an untranslated error)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from smsc_desktop.api import SmscError
from smsc_desktop.services.accounts import (
    ProfileInvalidError,
    SandboxUnavailableError,
    SecretMissingError,
)
from smsc_desktop.services.profile_form import FormReading
from smsc_desktop.ui.aio import TaskSlot
from smsc_desktop.ui.context import AppContext
from smsc_desktop.ui.resources import icon
from smsc_desktop.ui.texts import accounts as texts
from smsc_desktop.ui.texts.errors import describe_connection_error
from smsc_desktop.ui.theme import Tone, set_tone


class ConnectionTest(QWidget):
    """ "Test connection" and its result. ``read`` gives the form as it is now;
    ``problemsFound`` hands problems of the form back to it (it words and focuses them),
    ``currencyFound`` the account's currency after a successful test."""

    problemsFound = Signal(object)  # tuple[ProfileProblem, ...]
    currencyFound = Signal(str)

    def __init__(
        self, ctx: AppContext, read: Callable[[], FormReading], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ConnectionTest")
        self.ctx = ctx
        self._read = read
        self.task = TaskSlot(self, "connection-test")
        self.button = QPushButton(icon("refresh"), self.tr("Test connection"), self)
        self.button.setObjectName("TestConnection")
        self.button.clicked.connect(self.start)
        self.icon = QLabel(self)
        self.icon.setContentsMargins(0, 4, 0, 0)
        self.result = QLabel(self)
        self.result.setObjectName("TestResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setContentsMargins(0, 4, 0, 0)
        # A grid, not a box: it gives the word-wrapped result the height its lines need.
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(8)
        layout.addWidget(self.button, 0, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.icon, 0, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.result, 0, 2)
        layout.setColumnStretch(2, 1)

    @property
    def running(self) -> bool:
        return self.task.running

    def start(self) -> None:
        """Test the form's settings now (a test in flight is replaced)."""
        self.task.start(self._test(self._read()))

    def cancel(self) -> None:
        self.task.cancel()

    def clear(self) -> None:
        """Forget the last result (the settings it was about changed)."""
        self.show_result(None, "")

    def show_result(self, ok: bool | None, text: str, *, detail: str = "") -> None:
        """``ok`` None: neutral (in progress, or nothing to say)."""
        if ok is None:
            self.icon.clear()
            set_tone(self.result, Tone.MUTED)
        else:
            self.icon.setPixmap(icon("ok" if ok else "error").pixmap(QSize(18, 18)))
            set_tone(self.result, Tone.GOOD if ok else Tone.BAD)
        self.result.setText(text + (f"\n{detail}" if detail else ""))

    async def _test(self, reading: FormReading) -> None:
        if reading.test_problems:
            self.problemsFound.emit(reading.test_problems)
            return
        profile = reading.profile
        accounts = self.ctx.accounts
        wait = accounts.test_retry_after(profile)
        if wait > 0:
            self.show_result(
                False,
                self.tr(
                    "SMSC allows 10 balance requests a minute: test again in %n s.",
                    "",
                    int(wait) + 1,
                ),
            )
            return
        self.button.setEnabled(False)
        self.show_result(None, texts.testing_text())
        server = profile.server
        try:
            if profile.demo:
                server = await self.ctx.sandbox()
            balance = await accounts.test_connection(profile, reading.secret, server=server)
        except SecretMissingError:
            self.show_result(False, texts.secret_to_test_text(profile.auth))
        except SandboxUnavailableError as exc:
            self.show_result(False, texts.sandbox_unavailable_text(exc.port, exc.reason))
        except ProfileInvalidError as exc:
            self.clear()
            self.problemsFound.emit(tuple(exc.problems))
        except SmscError as exc:
            text = describe_connection_error(exc, timeout=accounts.test_timeout, server=server)
            self.show_result(False, text, detail=texts.error_detail(exc))
        else:
            self.show_result(True, texts.connected_text(balance.amount, balance.currency))
            self.currencyFound.emit(balance.currency)
        finally:
            # Not when the panel is gone: the cancellation arrives after its widgets died.
            if self.task.alive:
                self.button.setEnabled(True)
