"""The overview table: one row per saved account, and the proxy that sorts and filters it.

Each row's cells (text, tooltip, tone, sort key) are worked out once per change of the
account's state (:func:`row_view`), not on every paint; ``tick()`` redoes them all for the
cells that age (``09:14`` becomes ``yesterday 09:14``, a limit's countdown).
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from smsc_desktop.services.attention import (
    AttentionKind,
    Severity,
    next_renewal_date,
    renewals_due_soon,
)
from smsc_desktop.services.overview import AccountState, Activity
from smsc_desktop.services.profiles import Profile
from smsc_desktop.ui.formatting import format_money
from smsc_desktop.ui.models.base import ColumnsTableModel, Index
from smsc_desktop.ui.models.roles import (
    ACCESSIBLE,
    ALIGN,
    DISPLAY,
    FONT,
    FOREGROUND,
    LEFT,
    RIGHT,
    TOOLTIP,
    USER,
    cell_flags,
)
from smsc_desktop.ui.texts import overview as texts
from smsc_desktop.ui.theme import TAG_LIVE, TAG_TEST, Tone, colour
from smsc_desktop.ui.widgets.account_badge import kind_text, kind_tooltip, server_text


class OverviewColumn(enum.IntEnum):
    """What a manager reads first comes first; the details of the account's files follow."""

    ACCOUNT = 0
    SERVER = 1
    BALANCE = 2
    LEVEL = 3
    ATTENTION = 4
    ERROR = 5
    REFRESHED = 6
    NUMBERS = 7
    MONTHLY = 8
    RENEWALS = 9
    NEXT_MONTH = 10
    VERIFYING = 11
    DOWNLOADS = 12


C = OverviewColumn
_COLUMNS = len(C)
ID_ROLE = USER + 1
CHIP_ROLE = USER + 2
"""The server column's tag colours: (background, text)."""

_RIGHT_COLUMNS = frozenset({C.BALANCE, C.LEVEL, C.NUMBERS, C.MONTHLY, C.VERIFYING})

TAB_OF_COLUMN = {
    C.NUMBERS: "numbers",
    C.MONTHLY: "numbers",
    C.RENEWALS: "numbers",
    C.NEXT_MONTH: "numbers",
    C.VERIFYING: "verification",
    C.DOWNLOADS: "exports",
}
"""Which of the account's tabs a double-click on a column opens (others: Numbers)."""

TAB_OF_ATTENTION = {
    AttentionKind.DOWNLOAD_FAILED: "exports",
    AttentionKind.VERIFICATION_EXPIRED: "verification",
}


class ShowFilter(enum.IntEnum):
    ALL = 0
    ATTENTION = 1
    FAILED = 2
    LIVE = 3


@dataclass(slots=True)
class RowView:
    """What one row shows, worked out from an :class:`AccountState` at a moment."""

    state: AccountState
    texts: list[str]
    tips: list[str]
    tones: list[Tone | None]
    sort: list[Any]
    haystack: str
    needs_attention: bool
    failed: bool
    live: bool
    active: bool


def _money_key(amount: Decimal | None) -> tuple[int, float]:
    return (1, 0.0) if amount is None else (0, float(amount))


def row_view(
    state: AccountState, now: datetime, *, active: bool, keyring_available: bool = True
) -> RowView:
    """The cells of one account's row at ``now``."""
    profile, figures, files = state.profile, state.figures, state.files
    n = len(C)
    cells = [""] * n
    tips = [""] * n
    tones: list[Tone | None] = [None] * n
    sort: list[Any] = [(1, 0.0)] * n
    currency = figures.currency or (files.numbers.currency if files else "")
    kinds = {item.kind for item in state.attention}

    live, kind, kind_tip, server = _server(profile.server, profile.demo)
    cells[C.ACCOUNT] = profile.name
    where = server
    if profile.login and profile.auth.value == "password":
        where += f" · {profile.login}"
    tips[C.ACCOUNT] = where
    sort[C.ACCOUNT] = profile.name.casefold()

    cells[C.SERVER] = kind
    tips[C.SERVER] = f"{server}. {kind_tip}"
    sort[C.SERVER] = (0 if live else 1, server.casefold())

    level = profile.low_balance
    cells[C.BALANCE] = texts.none()
    if figures.balance is not None:
        cells[C.BALANCE] = format_money(figures.balance, figures.currency)
        if AttentionKind.LOW_BALANCE in kinds:
            tones[C.BALANCE] = Tone.BAD
    tips[C.BALANCE] = texts.balance_tooltip(figures.balance_at, level, figures.currency)
    sort[C.BALANCE] = _money_key(figures.balance)
    if level is not None:
        cells[C.LEVEL] = format_money(level, currency)
    else:
        tips[C.LEVEL] = texts.no_level()
        tones[C.LEVEL] = Tone.MUTED
    sort[C.LEVEL] = _money_key(level)

    if files is not None:
        numbers = files.numbers
        due_day = next_renewal_date(now)
        if numbers.unreadable:
            cells[C.NUMBERS] = texts.unknown()
            tips[C.NUMBERS] = texts.ledger_unreadable()
            tones[C.NUMBERS] = Tone.WARNING
        elif numbers.rented:
            cells[C.NUMBERS] = str(numbers.rented)
        sort[C.NUMBERS] = (0, numbers.rented)
        if numbers.renewing:
            monthly = format_money(numbers.monthly, currency)
            cells[C.MONTHLY] = monthly + (" +?" if numbers.unknown_price else "")
            tips[C.MONTHLY] = texts.monthly_tooltip(numbers.renewing, numbers.unknown_price)
            if renewals_due_soon(now):
                cells[C.RENEWALS] = texts.counted().renewals_on(
                    numbers.renewing, texts.renewal_day(due_day)
                )
                sort[C.RENEWALS] = (0, numbers.renewing)
            tips[C.RENEWALS] = texts.renewals_tooltip(
                numbers.renewing, numbers.monthly, currency, due_day
            )
            tips[C.NEXT_MONTH] = texts.next_month_tooltip(numbers.monthly, currency, due_day)
            if figures.balance is None:
                cells[C.NEXT_MONTH] = texts.unknown()
            elif AttentionKind.RENEWALS_NOT_COVERED in kinds:
                short = numbers.monthly - figures.balance
                cells[C.NEXT_MONTH] = texts.short_by(short, currency)
                tones[C.NEXT_MONTH] = Tone.BAD
                sort[C.NEXT_MONTH] = (0, float(short))
            else:
                cells[C.NEXT_MONTH] = texts.covered()
                tones[C.NEXT_MONTH] = Tone.GOOD
                sort[C.NEXT_MONTH] = (0, 0.0)
        sort[C.MONTHLY] = (0, float(numbers.monthly))
        waiting = files.verifications.in_progress(now)
        if waiting:
            cells[C.VERIFYING] = str(waiting)
            tones[C.VERIFYING] = Tone.ACCENT
        sort[C.VERIFYING] = (0, waiting)
        failed = len(files.downloads.failed)
        cells[C.DOWNLOADS] = texts.downloads(files.downloads.unfinished, failed)
        tones[C.DOWNLOADS] = Tone.WARNING if failed else None
        sort[C.DOWNLOADS] = (0, failed * 10_000 + files.downloads.unfinished)

    if state.attention:
        worst = max(item.severity for item in state.attention)
        summary = texts.attention_summary(state.attention)
        cells[C.ATTENTION] = f"{len(state.attention)} · {summary}"
        tips[C.ATTENTION] = (
            texts.counted().attention(len(state.attention)) + ":\n" + (summary.replace("; ", "\n"))
        )
        tones[C.ATTENTION] = Tone.BAD if worst is Severity.BAD else Tone.WARNING
        sort[C.ATTENTION] = (0, int(worst) * 1000 + len(state.attention))
    else:
        sort[C.ATTENTION] = (0, 0)

    if state.activity is Activity.ASKING:
        cells[C.REFRESHED], tones[C.REFRESHED] = texts.asking(), Tone.ACCENT
    elif state.activity is Activity.QUEUED:
        cells[C.REFRESHED], tones[C.REFRESHED] = texts.queued(), Tone.MUTED
    elif state.wait_until is not None and state.wait_until > now:
        seconds = math.ceil((state.wait_until - now).total_seconds())
        cells[C.REFRESHED], tones[C.REFRESHED] = texts.limit_wait(seconds), Tone.WARNING
    elif figures.checked_at is not None:
        cells[C.REFRESHED] = texts.moment(figures.checked_at, now)
    else:
        cells[C.REFRESHED], tones[C.REFRESHED] = texts.never(), Tone.MUTED
    tips[C.REFRESHED] = (
        texts.limit_wait_tooltip()
        if state.wait_until is not None and state.wait_until > now
        else texts.refreshed_tooltip(figures.checked_at)
    )
    checked = figures.checked_at.timestamp() if figures.checked_at else 0.0
    sort[C.REFRESHED] = (0, checked)

    error = figures.error
    if error is not None:
        brief, full = texts.error_texts(
            error, keyring_available=keyring_available, skipped=state.skipped
        )
        cells[C.ERROR], tips[C.ERROR], tones[C.ERROR] = brief, full, Tone.BAD
        sort[C.ERROR] = (0, brief.casefold())
    else:
        cells[C.ERROR] = ""
        sort[C.ERROR] = (1, "")

    haystack = " ".join((profile.name, where, profile.server)).casefold()
    return RowView(
        state=state,
        texts=cells,
        tips=tips,
        tones=tones,
        sort=sort,
        haystack=haystack,
        needs_attention=bool(state.attention),
        failed=error is not None,
        live=live,
        active=active,
    )


@lru_cache(maxsize=4096)
def _server(address: str, demo: bool) -> tuple[bool, str, str, str]:
    """(production?, LIVE/SANDBOX/TEST SERVER, its tooltip, the server as the user knows it)
    of a profile's server: worked out once per address, not per row and change."""
    profile = Profile(name="", server=address, demo=demo)
    return profile.is_production, kind_text(profile), kind_tooltip(profile), server_text(profile)


def _missing(key: Any) -> bool:
    """Sort keys are ``(0, value)``, or ``(1, ...)`` for a value not known."""
    return isinstance(key, tuple) and key[0] == 1


@cache
def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class OverviewModel(ColumnsTableModel):
    """The rows' cells are worked out when first asked for (a paint, a sort by a column
    other than the name, a filter), then kept until the account's state changes: the page
    opens with the visible rows worked out, not all of them."""

    columns = OverviewColumn

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._states: list[AccountState] = []
        self._views: list[RowView | None] = []
        self._index: dict[str, int] = {}
        self._titles = dict(enumerate(texts.column_titles()))
        self.active_id = ""
        self.keyring_available = True
        self._now = datetime.now().astimezone()
        self._day: date | None = None

    # --- filling --------------------------------------------------------------------------

    def set_states(self, states: list[AccountState], now: datetime) -> None:
        self._now, self._day = now, now.astimezone().date()
        self.beginResetModel()
        self._states = list(states)
        self._views = [None] * len(self._states)
        self._index = {s.profile.id: row for row, s in enumerate(self._states)}
        self.endResetModel()

    def update_states(self, states: list[AccountState], now: datetime) -> None:
        """New states of accounts already in the table (same order); many at once are one
        ``dataChanged`` (the proxy sorts once)."""
        self._now = now
        rows = []
        for state in states:
            row = self._index.get(state.profile.id)
            if row is not None:
                self._states[row] = state
                self._views[row] = None
                rows.append(row)
        # The name and the server change only with the profile (a reset): leaving them out
        # spares the proxy a re-sort while the table is sorted by name.
        first, last = C.BALANCE, len(C) - 1
        if len(rows) > 8:
            self.dataChanged.emit(self.index(min(rows), first), self.index(max(rows), last))
            return
        for row in rows:
            self.dataChanged.emit(self.index(row, first), self.index(row, last))

    def tick(self, now: datetime) -> None:
        """Redo the cells that age: a limit's countdown; after midnight every time."""
        day = now.astimezone().date()
        if day != self._day:
            self._day = day
            self.rerender(now)
            return
        self.update_states([s for s in self._states if s.wait_until is not None], now)

    def rerender(self, now: datetime) -> None:
        """Redo every row's cells (the keyring's state changed the wording of errors)."""
        self._now = now
        if not self._states:
            return
        self._views = [None] * len(self._states)
        last = len(self._states) - 1
        self.dataChanged.emit(self.index(0, C.BALANCE), self.index(last, len(C) - 1))

    def set_active(self, profile_id: str, now: datetime) -> None:
        previous, self.active_id = self.active_id, profile_id
        self._now = now
        for row in (self._index.get(previous), self._index.get(profile_id)):
            if row is not None:
                self._views[row] = None
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(C) - 1))

    # --- reading --------------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._states)

    def column_count(self) -> int:
        return _COLUMNS  # asked for every painted cell: not len() of the enum each time

    def column_titles(self) -> dict[int, str]:
        return self._titles

    def state(self, row: int) -> AccountState:
        return self._states[row]

    def view(self, row: int) -> RowView:
        view = self._views[row]
        if view is None:
            state = self._states[row]
            view = self._views[row] = row_view(
                state,
                self._now,
                active=state.profile.id == self.active_id,
                keyring_available=self.keyring_available,
            )
        return view

    def views(self) -> list[RowView]:
        return [self.view(row) for row in range(len(self._states))]

    def row_of(self, profile_id: str) -> int:
        return self._index.get(profile_id, -1)

    def sort_key(self, row: int, column: int) -> Any:
        if column == C.ACCOUNT:  # the usual order: no need to work out the row's cells
            return self._states[row].profile.name.casefold()
        return self.view(row).sort[column]

    def flags(self, index: Index) -> Qt.ItemFlag:
        return cell_flags(index)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self._states[index.row()].profile.id
        view = self.view(index.row())
        column = index.column()
        if role == DISPLAY:
            return view.texts[column]
        if role == TOOLTIP:
            return view.tips[column] or None
        if role == FOREGROUND:
            tone = view.tones[column]
            return colour(tone) if tone is not None else None
        if role == FONT:
            return _bold() if view.active else None
        if role == ALIGN:
            return RIGHT if column in _RIGHT_COLUMNS else LEFT
        if role == ACCESSIBLE:
            return f"{self._titles[column]}: {view.texts[column]}"
        if role == CHIP_ROLE and column == C.SERVER:
            return TAG_LIVE if view.live else TAG_TEST
        return None


class OverviewProxy(QSortFilterProxyModel):
    """Sorts by each column's own key (not its text) and filters by text and by a choice."""

    def __init__(self, model: OverviewModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._text = ""
        self._show = ShowFilter.ALL
        self.setSourceModel(model)
        self.setDynamicSortFilter(True)

    def set_text(self, text: str) -> None:
        text = text.strip().casefold()
        if text != self._text:
            self.beginFilterChange()
            self._text = text
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_show(self, show: ShowFilter) -> None:
        if show != self._show:
            self.beginFilterChange()
            self._show = show
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filtering(self) -> bool:
        return bool(self._text) or self._show is not ShowFilter.ALL

    def filterAcceptsRow(
        self,
        source_row: int,
        source_parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if not self._text and self._show is ShowFilter.ALL:
            return True  # no filter: no need to work out the row's cells
        view = self._model.view(source_row)
        if self._text and self._text not in view.haystack:
            return False
        if self._show is ShowFilter.ATTENTION:
            return view.needs_attention
        if self._show is ShowFilter.FAILED:
            return view.failed
        if self._show is ShowFilter.LIVE:
            return view.live
        return True

    def lessThan(
        self,
        source_left: QModelIndex | QPersistentModelIndex,
        source_right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        column = source_left.column()
        left = self._model.sort_key(source_left.row(), column)
        right = self._model.sort_key(source_right.row(), column)
        left_missing, right_missing = _missing(left), _missing(right)
        if left_missing != right_missing:  # what is not known goes last, either way
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            return right_missing if ascending else left_missing
        if left == right:  # a stable order: then by name
            left = self._model.sort_key(source_left.row(), C.ACCOUNT)
            right = self._model.sort_key(source_right.row(), C.ACCOUNT)
        return bool(left < right)
