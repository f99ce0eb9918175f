"""My numbers: the ledger of rented numbers with a per-row auto-renewal switch."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from smsc_desktop.api import NumberKind
from smsc_desktop.services.free_numbers import split_info
from smsc_desktop.services.ledger import OwnedNumber, RentalSource, RentalStatus
from smsc_desktop.ui.formatting import format_money, format_phone, format_time
from smsc_desktop.ui.models.base import ColumnsTableModel, Index
from smsc_desktop.ui.models.roles import (
    ALIGN,
    CELL_FLAGS,
    CENTER,
    CHECK,
    DISPLAY,
    FONT,
    FOREGROUND,
    LEFT,
    RIGHT,
    TOOLTIP,
    USER,
    phone_font,
)
from smsc_desktop.ui.texts import numbers as texts
from smsc_desktop.ui.theme import Tone, colour


class MyColumn(enum.IntEnum):
    PHONE = 0
    DETAILS = 1
    MONTHLY = 2
    PAID = 3
    SINCE = 4
    RENEWAL = 5
    STATUS = 6


PHONE_ROLE = USER + 1
RetryAfter = Callable[[str, bool], float]


class MyNumbersModel(ColumnsTableModel):
    """Rows of :class:`OwnedNumber`; the renewal column is a checkbox that asks for a change
    (``renewalToggleRequested``) instead of changing the data itself."""

    columns = MyColumn
    renewalToggleRequested = Signal(str, bool)  # phone, renew

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._numbers: list[OwnedNumber] = []
        self._pending: dict[str, bool] = {}
        self._checking: frozenset[str] = frozenset()
        self._retry_after: RetryAfter | None = None

    def set_retry_source(self, retry_after: RetryAfter | None) -> None:
        self._retry_after = retry_after

    def set_numbers(
        self,
        numbers: Iterable[OwnedNumber],
        pending: Mapping[str, bool] | None = None,
        checking: Iterable[str] = (),
    ) -> None:
        self.beginResetModel()
        far_past = datetime.min.replace(tzinfo=UTC)
        self._numbers = sorted(
            numbers, key=lambda n: (n.rented_at or far_past, n.phone), reverse=True
        )
        self._pending = dict(pending or {})
        self._checking = frozenset(checking)
        self.endResetModel()

    def number_at(self, row: int) -> OwnedNumber | None:
        return self._numbers[row] if 0 <= row < len(self._numbers) else None

    def row_of(self, phone: str) -> int:
        for row, number in enumerate(self._numbers):
            if number.phone == phone:
                return row
        return -1

    def refresh_limits(self) -> None:
        """Repaint the renewal column (its availability changes with time)."""
        if self._numbers:
            self.dataChanged.emit(
                self.index(0, MyColumn.RENEWAL),
                self.index(len(self._numbers) - 1, MyColumn.RENEWAL),
            )

    def any_limited(self) -> bool:
        return any(self._wait(n) > 0 for n in self._numbers if self._switchable_status(n))

    # -- texts ---------------------------------------------------------------------------

    def column_titles(self) -> dict[int, str]:
        return {
            MyColumn.PHONE: self.tr("Number"),
            MyColumn.DETAILS: self.tr("Operator and type"),
            MyColumn.MONTHLY: self.tr("Per month"),
            MyColumn.PAID: self.tr("Paid"),
            MyColumn.SINCE: self.tr("Since"),
            MyColumn.RENEWAL: self.tr("Auto-renewal"),
            MyColumn.STATUS: self.tr("Status"),
        }

    def _details(self, number: OwnedNumber) -> str:
        operator, notices = split_info(number.info)
        parts = [p for p in (operator, notices) if p]
        if number.type is not None:
            kind = NumberKind.from_code(number.type)
            if kind is not NumberKind.UNKNOWN:
                parts.append(texts.kind_labels()[kind])
        return " · ".join(parts) if parts else "—"

    def _status_text(self, number: OwnedNumber) -> str:
        status = number.status
        if status is RentalStatus.UNKNOWN:
            if number.phone in self._checking:
                return self.tr("Result unknown — checking SMSC's free list…")
            return self.tr("Result unknown — check the SMSC cabinet")
        if status is RentalStatus.PROBABLY_RENTED:
            return self.tr("Probably rented — check the SMSC cabinet")
        if status is RentalStatus.ENDED:
            return self.tr("Rental ended (it is on the free list again)")
        if number.source is RentalSource.EXTERNAL:
            return self.tr("Rented elsewhere")
        return self.tr("Rented")

    def _status_tooltip(self, number: OwnedNumber) -> str:
        status = number.status
        if status is RentalStatus.UNKNOWN:
            return self.tr(
                "The rent request was sent but no answer came back. The app checks SMSC's list "
                "of free numbers: if the number has left it, it was most likely rented by this "
                "account. It is never rented a second time automatically."
            )
        if status is RentalStatus.PROBABLY_RENTED:
            return self.tr(
                "The answer to the rent request was lost, and the number is no longer on "
                "SMSC's list of free numbers, so it was most likely rented by this account. "
                'SMSC\'s API cannot list rented numbers: confirm it under "Receiving numbers" '
                'in the SMSC cabinet, then choose "Confirm rented".'
            )
        if status is RentalStatus.ENDED:
            return self.tr(
                "SMSC offers this number as free again, so its rental has ended. "
                "Remove it from My numbers, or rent it again."
            )
        if number.note:
            return number.note
        return ""

    def _renewal_text(self, number: OwnedNumber) -> str:
        pending = self._pending.get(number.phone)
        if pending is not None:
            return self.tr("Switching on…") if pending else self.tr("Switching off…")
        if not self._switchable_status(number):
            return "—"
        text = self.tr("On") if number.renew else self.tr("Off")
        if not number.renew_confirmed:
            text += " " + self.tr("(unconfirmed)")
        wait = self._wait(number)
        if wait > 0:
            text += " · " + self.tr("wait %1 s").replace("%1", str(int(wait) + 1))
        return text

    def _renewal_tooltip(self, number: OwnedNumber) -> str:
        if number.phone in self._pending:
            return self.tr("Waiting for SMSC to confirm the change.")
        if not number.renew_confirmed:
            return self.tr(
                "The last change got no answer from SMSC, so SMSC may still have the other "
                "setting. Switch it again to be sure."
            )
        wait = self._wait(number)
        if wait > 0:
            return self.tr(
                "SMSC accepts 2 renewal changes per number a minute. Available again in %n s.",
                "",
                int(wait) + 1,
            )
        if number.renew:
            return self.tr("Renewed every month. Click to switch auto-renewal off.")
        return self.tr("Released at the end of the month. Click to switch auto-renewal on.")

    def _switchable_status(self, number: OwnedNumber) -> bool:
        return number.status in (RentalStatus.ACTIVE, RentalStatus.PROBABLY_RENTED)

    def _wait(self, number: OwnedNumber) -> float:
        if self._retry_after is None:
            return 0.0
        try:
            return self._retry_after(number.phone, not number.renew)
        except ValueError:
            return 0.0

    def _switchable(self, number: OwnedNumber) -> bool:
        return (
            self._switchable_status(number)
            and number.phone not in self._pending
            and self._wait(number) <= 0
        )

    # -- Qt model interface --------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._numbers)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._numbers):
            return None
        number = self._numbers[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self._display(number, column)
        if role == CHECK and column == MyColumn.RENEWAL:
            pending = self._pending.get(number.phone)
            if pending is not None:
                return Qt.CheckState.PartiallyChecked
            if not self._switchable_status(number):
                return None
            return Qt.CheckState.Checked if number.renew else Qt.CheckState.Unchecked
        if role == ALIGN:
            return _align(column)
        if role == TOOLTIP:
            if column == MyColumn.RENEWAL:
                return self._renewal_tooltip(number)
            if column == MyColumn.STATUS:
                return self._status_tooltip(number) or None
            if column == MyColumn.DETAILS:
                return number.info or None
            return None
        if role == FOREGROUND:
            if number.status is RentalStatus.ENDED:
                return colour(Tone.MUTED)
            if column == MyColumn.STATUS and number.status in (
                RentalStatus.UNKNOWN,
                RentalStatus.PROBABLY_RENTED,
            ):
                return colour(Tone.WARNING)
            if column == MyColumn.RENEWAL and not number.renew_confirmed:
                return colour(Tone.WARNING)
            return None
        if role == FONT and column == MyColumn.PHONE:
            return phone_font()
        if role == PHONE_ROLE:
            return number.phone
        return None

    def _display(self, number: OwnedNumber, column: int) -> str:
        if column == MyColumn.PHONE:
            return format_phone(number.phone)
        if column == MyColumn.DETAILS:
            return self._details(number)
        if column == MyColumn.MONTHLY:
            if number.monthly_cost is None:
                return self.tr("unknown")
            return format_money(number.monthly_cost, number.currency)
        if column == MyColumn.PAID:
            if number.paid is None:
                return "—"
            return format_money(number.paid, number.currency)
        if column == MyColumn.SINCE:
            return format_time(number.rented_at, seconds=False) if number.rented_at else "—"
        if column == MyColumn.RENEWAL:
            return self._renewal_text(number)
        if column == MyColumn.STATUS:
            return self._status_text(number)
        return ""

    def setData(self, index: Index, value: Any, role: int = int(Qt.ItemDataRole.EditRole)) -> bool:
        if role != CHECK or not index.isValid() or index.column() != MyColumn.RENEWAL:
            return False
        number = self.number_at(index.row())
        if number is None or not self._switchable(number):
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
        renew = state == Qt.CheckState.Checked
        if renew != number.renew or not number.renew_confirmed:
            self.renewalToggleRequested.emit(number.phone, renew)
        return False  # the change is shown once the service reports it

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == ALIGN
            and 0 <= section < len(MyColumn)
        ):
            return _align(section)
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = CELL_FLAGS
        if index.column() == MyColumn.RENEWAL:
            number = self.number_at(index.row())
            if number is not None and self._switchable(number):
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags


def _align(column: int) -> int:
    """Amounts to the right; the date centred, so it does not touch the amount before it."""
    if column in (MyColumn.MONTHLY, MyColumn.PAID):
        return RIGHT
    return CENTER if column == MyColumn.SINCE else LEFT
