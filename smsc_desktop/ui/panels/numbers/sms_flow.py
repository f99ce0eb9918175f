"""The Numbers tab's SMS actions: "Test this number" and, on the sandbox, "Simulate an
incoming SMS" (through ``services/sandbox_control.py``).

A test runs in its own window (:class:`NumberTestDialog`, one per number); every window of
an account closes when the account goes (``set_service``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from smsc_desktop.services.numbers import NumbersService
from smsc_desktop.services.sandbox_control import SandboxControl, SandboxControlError
from smsc_desktop.ui.aio import exec_dialog
from smsc_desktop.ui.panels.numbers.csv_files import dispose
from smsc_desktop.ui.panels.numbers.scope import AccountScope
from smsc_desktop.ui.texts import inbox as texts
from smsc_desktop.ui.widgets.message_bar import Level

if TYPE_CHECKING:  # imported when first opened, not with the tab
    from smsc_desktop.ui.dialogs.number_test import NumberTestDialog

SAMPLE_SENDER = "79161234567"


class SmsFlow(QObject):
    def __init__(self, scope: AccountScope, parent: QWidget) -> None:
        super().__init__(parent)
        self._scope = scope
        self._parent = parent
        self.service: NumbersService | None = None
        self.sandbox: SandboxControl | None = None
        self.tests: dict[str, NumberTestDialog] = {}

    def set_service(self, service: NumbersService | None, sandbox: SandboxControl | None) -> None:
        """Follow another account: its windows close first."""
        for dialog in list(self.tests.values()):
            dialog.close()
            dispose(dialog)
        self.tests.clear()
        self.service = service
        self.sandbox = sandbox if service is not None else None

    # --- "Test this number" -----------------------------------------------------------------

    def test(self, phone: str) -> NumberTestDialog | None:
        """Open (or raise) the test window of ``phone`` and start waiting."""
        service = self.service
        if service is None:
            return None
        dialog = self.tests.get(phone)
        if dialog is None:
            from smsc_desktop.ui.dialogs.number_test import NumberTestDialog

            dialog = NumberTestDialog(
                service, phone, self._parent, sandbox=self.sandbox is not None
            )
            dialog.simulateRequested.connect(self.simulate_now)
            dialog.finished.connect(lambda _result, p=phone: self._closed(p))
            self.tests[phone] = dialog
            dialog.start()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _closed(self, phone: str) -> None:
        dialog = self.tests.pop(phone, None)
        if dialog is not None:
            dispose(dialog)

    # --- simulating an SMS (sandbox) ---------------------------------------------------------

    def simulate(self, phone: str) -> None:
        """Ask what to send, then have the sandbox deliver it."""
        if self.service is not None and self.sandbox is not None:
            self._scope.tasks.spawn(self._ask_and_send(phone or None), name="simulate-sms")

    async def _ask_and_send(self, phone: str | None) -> None:
        service = self.service
        assert service is not None
        from smsc_desktop.ui.dialogs.simulate_sms import SimulateSmsDialog

        dialog = SimulateSmsDialog(service.inbox.rented(), phone, self._parent)
        try:
            if await exec_dialog(dialog) != QDialog.DialogCode.Accepted:
                return
            number, sender, text, delay = dialog.values()
        finally:
            dispose(dialog)
        await self._send(number, sender, text, delay)

    def simulate_now(self, phone: str) -> None:
        """A subscriber sends a sample SMS to ``phone`` at once (the test window's button)."""
        if self.sandbox is not None:
            self._scope.tasks.spawn(
                self._send(phone, SAMPLE_SENDER, texts.sample_text(), 0.0), name="simulate-sms"
            )

    async def _send(self, phone: str, sender: str, text: str, delay: float) -> None:
        sandbox, service = self.sandbox, self.service
        if sandbox is None or service is None:
            return
        try:
            await sandbox.simulate_incoming(sender, text, phone, delay)
        except SandboxControlError as exc:
            self._scope.message.show_message(Level.ERROR, texts.simulate_failed(exc.message))
            return
        self._scope.message.show_message(Level.INFO, texts.simulated(phone, delay))
        if delay <= 0:
            service.inbox.watch.poll_now()
