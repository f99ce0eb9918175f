"""The verifications in progress as cards, newest on top, or the steps of how it works while
there are none; in the sandbox a card's button makes the subscriber call."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from smsc_desktop.services.clock import SystemClock
from smsc_desktop.services.sandbox_control import SandboxControl, SandboxControlError
from smsc_desktop.services.verification import Verification, VerificationService
from smsc_desktop.ui import a11y
from smsc_desktop.ui.aio import TaskGroup
from smsc_desktop.ui.panels.verification.card import VerificationCard


class CardsArea(QWidget):
    """Shows the pending verifications of the service given to :meth:`set_service`; the
    panel tells it when one is added or changes, and ticks it every second."""

    contentChanged = Signal()  # a card came or went: the room the cards want changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service: VerificationService | None = None
        self.sandbox: SandboxControl | None = None
        self._tasks: TaskGroup | None = None
        self.cards: dict[str, VerificationCard] = {}

        title = self.title = QLabel(self.tr("Verifications in progress"), self)
        title.setObjectName("sectionTitle")
        self.host = QWidget(self)
        self.host_layout = QVBoxLayout(self.host)
        self.host_layout.setContentsMargins(0, 0, 0, 0)
        self.host_layout.setSpacing(8)
        self.empty_state = QLabel(self.host)
        self.empty_state.setObjectName("emptyState")
        self.empty_state.setWordWrap(True)
        self.empty_state.setTextFormat(Qt.TextFormat.RichText)
        self.empty_state.setStyleSheet(
            "#emptyState { border: 1px dashed palette(mid); border-radius: 6px; padding: 12px; }"
        )
        self.host_layout.addWidget(self.empty_state)
        self.host_layout.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.host)
        a11y.name(self.scroll_area, self.tr("Verifications in progress"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.scroll_area)

    def set_service(
        self,
        service: VerificationService | None,
        sandbox: SandboxControl | None,
        tasks: TaskGroup,
    ) -> None:
        """Show *service*'s pending verifications; *tasks* (cancelled before the next
        service is set) runs the simulated calls."""
        self.service = service
        self.sandbox = sandbox
        self._tasks = tasks
        self.empty_state.setText(self._steps_html())
        for card in list(self.cards.values()):
            self._remove(card)
        if service is not None:
            for item in service.pending:
                self.add(item)

    # --- following the service ---------------------------------------------------------------

    def add(self, item: Verification) -> VerificationCard:
        card = VerificationCard(item, self.host)
        card.set_sandbox(self.sandbox is not None)
        card.simulateRequested.connect(self._simulate)
        card.dismissRequested.connect(self._dismiss)
        card.cancelRequested.connect(self._cancel)
        self.cards[item.id] = card
        # Newest on top, above the empty-state text and the stretch.
        self.host_layout.insertWidget(0, card)
        # Tab reaches the new card's buttons next, as they are shown (before the history).
        previous: QWidget = self.scroll_area
        for child in card.findChildren(QWidget):
            if child.focusPolicy() & Qt.FocusPolicy.TabFocus:
                QWidget.setTabOrder(previous, child)
                previous = child
        card.refresh(self._now())
        self.empty_state.hide()
        self.contentChanged.emit()
        return card

    def changed(self, item: Verification) -> None:
        card = self.cards.get(item.id)
        if card is not None:
            card.refresh(self._now())
            if item.state.is_final:
                card.show_message("")

    def sync(self) -> None:
        """The service's whole list changed (loaded, cleared): cards follow it."""
        service = self.service
        if service is None:
            return
        known = {v.id for v in service.verifications}
        for card in list(self.cards.values()):
            if card.verification.id not in known:
                self._remove(card)
        for item in service.pending:
            if item.id not in self.cards:
                self.add(item)

    def tick(self, now: datetime | None = None) -> None:
        """Every second: the countdowns (as of ``now``, the moment the history shows too)."""
        now = now or self._now()
        for card in self.cards.values():
            if not card.verification.state.is_final:
                card.refresh(now)

    def wanted_height(self) -> int:
        """The height that shows every card (or the steps) without scrolling."""
        spacing = self.host_layout.spacing()
        if self.cards:
            wanted = sum(c.sizeHint().height() + spacing for c in self.cards.values())
        else:  # wrapped text: its height at the width it has
            width = self.scroll_area.viewport().width()
            wanted = self.empty_state.heightForWidth(width) if width > 0 else -1
            if wanted < 0:
                wanted = self.empty_state.sizeHint().height()
        spacing = layout.spacing() if (layout := self.layout()) is not None else 0
        frame = 2 * self.scroll_area.frameWidth() + spacing
        return wanted + self.title.sizeHint().height() + frame

    def _now(self) -> datetime:
        return self.service.clock.now() if self.service is not None else SystemClock().now()

    def _cancel(self, item: Verification) -> None:
        if self.service is not None:
            self.service.cancel(item)

    def _dismiss(self, item: Verification) -> None:
        card = self.cards.get(item.id)
        if card is not None:
            self._remove(card)

    def _remove(self, card: VerificationCard) -> None:
        self.cards.pop(card.verification.id, None)
        self.host_layout.removeWidget(card)
        card.hide()
        card.deleteLater()
        self.empty_state.setVisible(not self.cards)
        self.contentChanged.emit()

    # --- the sandbox makes the subscriber call ----------------------------------------------

    def _simulate(self, item: Verification) -> None:
        card = self.cards.get(item.id)
        sandbox, service, tasks = self.sandbox, self.service, self._tasks
        if sandbox is None or service is None or tasks is None or card is None:
            return
        card.simulate.setEnabled(False)
        tasks.spawn(self._simulate_call(sandbox, service, item), name="simulate_call")

    async def _simulate_call(
        self, sandbox: SandboxControl, service: VerificationService, item: Verification
    ) -> None:
        try:
            await sandbox.simulate_call(item.phone)
        except SandboxControlError as exc:
            if exc.status == 410:
                text = self.tr("The sandbox says this verification has already expired.")
            elif exc.status == 404:
                text = self.tr("The sandbox has no pending verification for this number.")
            else:
                text = self.tr("The sandbox did not accept the call: %1").replace("%1", exc.message)
            card = self.cards.get(item.id)  # None when dismissed meanwhile
            if card is not None:
                card.show_message(text)
                card.simulate.setEnabled(True)
            return
        card = self.cards.get(item.id)
        if card is not None:
            card.show_message(
                self.tr("The subscriber called. Waiting for the call to show up in the inbox…"),
                error=False,
            )
        service.poll_now()

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
