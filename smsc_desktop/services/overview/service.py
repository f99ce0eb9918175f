"""``OverviewService``: every saved account at a glance, kept up to date (no Qt).

It holds one :class:`AccountState` per saved profile, in the profiles' order: the last
figures SMSC gave (from ``overview.json`` at once, then from refreshes), what the account's
files say (read in a worker thread by :meth:`rescan`), what needs attention
(``services/attention.py``) and whether it is being asked right now.

- ``changed(ids)`` fires after states changed (``[]``: the list itself changed: an account
  was added, removed, renamed or moved);
- ``progress(RefreshProgress)`` while a refresh runs and once when it ends;
- ``attention_appeared(items)`` with the attention items that are new since the last
  computation (not the ones known when the service started): what a desktop notification
  shows.

``refresh()`` asks SMSC for the balances (``refresh.py``); an automatic refresh (the
interval) leaves out accounts whose sign-in was refused last time, since asking again by
itself with a wrong password gets the computer's IP blocked. The active session feeds the
service too (``follow_session``): a balance the status bar reads is the overview's as well,
and a balance the overview reads is handed to the session.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

from smsc_desktop.api import Balance
from smsc_desktop.services.accounts import AccountManager
from smsc_desktop.services.attention import AttentionItem, AttentionWatch, attention_items
from smsc_desktop.services.observable import Signal
from smsc_desktop.services.overview import store
from smsc_desktop.services.overview.facts import AccountFacts, ErrorFacts, Figures, FileFacts
from smsc_desktop.services.overview.refresh import (
    DEFAULT_CONCURRENCY,
    REFRESH_TIMEOUT,
    RefreshResult,
    RefreshRound,
    RoundSummary,
    SandboxUrl,
)
from smsc_desktop.services.overview.scan import scan_accounts
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.profiles import Profile, normalize_server
from smsc_desktop.services.rate_limits import account_key
from smsc_desktop.services.request_log import RequestLog
from smsc_desktop.services.tasks import TaskSet

if TYPE_CHECKING:
    from smsc_desktop.services.session import AccountSession

log = logging.getLogger("smsc_desktop.services.overview")

QUEUED_SHOWN: Final = 20
"""A refresh of at most this many accounts marks them queued; a bigger one shows only its
progress (marking 200 rows at once would be a visible stall)."""
INTERVALS: Final = (0, 5, 15, 30, 60)
"""The automatic refresh intervals offered, in minutes (0: off)."""


def utcnow() -> datetime:
    return datetime.now(UTC)


class Activity(enum.StrEnum):
    IDLE = "idle"
    QUEUED = "queued"
    ASKING = "asking"


@dataclass(frozen=True, slots=True)
class AccountState:
    """One row of the overview: what is known of the account, and what needs attention.

    ``wait_until`` is set when SMSC's limit kept the last refresh from asking (the figures
    are the earlier ones); ``skipped`` when its server did not answer for another account.
    """

    profile: Profile
    figures: Figures
    files: FileFacts | None
    attention: tuple[AttentionItem, ...] = ()
    activity: Activity = Activity.IDLE
    wait_until: datetime | None = None
    skipped: bool = False

    @property
    def facts(self) -> AccountFacts:
        return AccountFacts(self.profile, self.figures, self.files)


@dataclass(frozen=True, slots=True)
class RefreshProgress:
    """Where a refresh stands: ``done`` of ``total`` accounts asked so far."""

    total: int
    done: int
    ok: int
    failed: int
    waiting: int
    automatic: bool
    summary: RoundSummary | None = None
    """Set once the refresh has ended."""

    @property
    def running(self) -> bool:
        return self.summary is None


def owner_of(profile: Profile) -> str:
    """Whose figures these are: the server and the login (or API-key profile)."""
    server = "sandbox" if profile.demo else _normalized(profile.server)
    return f"{server}|{account_key(profile)}"


@lru_cache(maxsize=4096)
def _normalized(server: str) -> str:
    try:
        return normalize_server(server)
    except ValueError:
        return server.strip()


class OverviewService:
    def __init__(
        self,
        paths: AppPaths,
        accounts: AccountManager,
        *,
        request_log: RequestLog | None = None,
        sandbox: SandboxUrl | None = None,
        now: Callable[[], datetime] = utcnow,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        concurrency: int = DEFAULT_CONCURRENCY,
        timeout: float = REFRESH_TIMEOUT,
        save_delay: float = 1.0,
    ) -> None:
        self.paths = paths
        self.accounts = accounts
        self.profiles = accounts.profiles
        self.request_log = request_log if request_log is not None else accounts.request_log
        self.concurrency = concurrency
        self.timeout = timeout
        self._sandbox = sandbox
        self._now = now
        self._sleep = sleep
        self._tasks = TaskSet("overview")
        self._file = store.FiguresFile(paths.root / store.FILE_NAME, delay=save_delay)
        self._stored = store.load(paths.root / store.FILE_NAME)
        self._states: dict[str, AccountState] = {}
        self._watch = AttentionWatch()
        self._round: RefreshRound | None = None
        self._round_task: asyncio.Task[RoundSummary] | None = None
        self._automatic = False
        self._scan_task: asyncio.Task[None] | None = None
        self._schedule: asyncio.Task[None] | None = None
        self.interval_minutes = 0
        self.last_round: RoundSummary | None = None
        self.last_round_at: datetime | None = None
        self._session: AccountSession | None = None
        self.closed = False
        self.changed = Signal("overview.changed")  # (list[str])
        self.progress = Signal("overview.progress")  # (RefreshProgress)
        self.attention_appeared = Signal("overview.attention_appeared")  # (list[AttentionItem])
        self.profiles.changed.connect(self._profiles_changed)
        self._sync_profiles(seed=True)

    # --- reading -----------------------------------------------------------------------------

    def states(self) -> list[AccountState]:
        """Every saved account, in the profiles' order."""
        return list(self._states.values())

    def state(self, profile_id: str) -> AccountState | None:
        return self._states.get(profile_id)

    def attention(self) -> list[AttentionItem]:
        """Every account's attention items, most serious first."""
        items = [i for s in self._states.values() for i in s.attention]
        return sorted(items, key=lambda i: -i.severity)

    @property
    def refreshing(self) -> bool:
        return self._round is not None and not self._round.finished

    def now(self) -> datetime:
        return self._now()

    # --- the accounts ------------------------------------------------------------------------

    def _profiles_changed(self) -> None:
        self._sync_profiles(seed=False)

    def _sync_profiles(self, *, seed: bool) -> None:
        now = self._now()
        states: dict[str, AccountState] = {}
        for profile in self.profiles:
            owner = owner_of(profile)
            current = self._states.get(profile.id)
            if current is not None and current.figures.account == owner:
                state = replace(current, profile=profile)
            else:
                stored = self._stored.get(profile.id)
                figures = stored.figures if stored is not None else Figures()
                if figures.account != owner:
                    figures = Figures(account=owner)
                files = stored.files if stored is not None else None
                state = AccountState(profile, figures, files)
            states[profile.id] = replace(state, attention=attention_items(state.facts, now))
        for gone in set(self._states) - set(states):
            self._watch.forget(gone)
        removed = set(self._stored) - set(states)
        self._states = states
        if seed:
            self._watch.seed({pid: s.attention for pid, s in states.items()})
        else:
            self._note_attention(states.values())
        for pid in removed:
            self._stored.pop(pid, None)
        if removed and not seed:
            self._save()
        self.changed.emit([])

    def _set(self, state: AccountState, *, save: bool = True) -> None:
        """Replace one account's state (attention recomputed) and tell the observers."""
        state = replace(state, attention=attention_items(state.facts, self._now()))
        pid = state.profile.id
        if pid not in self._states:
            return
        self._states[pid] = state
        self._note_attention([state])
        if save:
            self._stored[pid] = store.Stored(state.figures, state.files)
            self._save()
        self.changed.emit([pid])

    def _note_attention(self, states: Iterable[AccountState]) -> None:
        new = []
        for state in states:
            new.extend(self._watch.update(state.profile.id, state.attention))
        if new:
            self.attention_appeared.emit(new)

    def recompute(self) -> None:
        """Attention again at the current time (renewal day nearing, verifications expiring)."""
        now = self._now()
        changed = []
        for pid, state in self._states.items():
            attention = attention_items(state.facts, now)
            if attention != state.attention:
                self._states[pid] = replace(state, attention=attention)
                changed.append(pid)
        self._note_attention(self._states[pid] for pid in changed)
        if changed:
            self.changed.emit(changed)

    def _save(self) -> None:
        self._file.save_soon(dict(self._stored))

    # --- the account files ---------------------------------------------------------------

    async def rescan(self) -> None:
        """Read what changed in the accounts' files (in a worker thread); calls made while
        a scan runs wait for it."""
        if self._scan_task is None or self._scan_task.done():
            self._scan_task = self._tasks.start(self._scan(), name="scan", awaited=True)
        await asyncio.shield(self._scan_task)

    async def _scan(self) -> None:
        folders = {pid: self.paths.profile_folder(pid) for pid in self._states}
        previous = {pid: s.files for pid, s in self._states.items()}
        found = await asyncio.to_thread(scan_accounts, folders, previous, self._now())
        for pid, files in found.items():
            state = self._states.get(pid)
            if state is not None:
                self._set(replace(state, files=files))
        self.recompute()

    # --- figures from the active session ---------------------------------------------------

    def follow_session(self, session: AccountSession | None) -> None:
        """Take the balance (and balance errors) the active account's session reads."""
        self._session = session
        if session is None:
            return
        pid = session.profile.id
        session.balance_changed.connect(lambda balance: self.note_balance(pid, balance))
        session.balance_failed.connect(lambda error: self.note_error(pid, error))
        if session.balance is not None:
            self.note_balance(pid, session.balance)

    def note_balance(self, profile_id: str, balance: Balance) -> None:
        """The account's balance was read now (by the overview or its session)."""
        state = self._states.get(profile_id)
        if state is not None:
            self._set(self._with_balance(state, balance))

    def note_error(self, profile_id: str, error: BaseException) -> None:
        """Reading the account's balance failed now."""
        state = self._states.get(profile_id)
        if state is not None:
            self._set(self._with_error(state, error))

    def _with_balance(self, state: AccountState, balance: Balance) -> AccountState:
        now = self._now()
        figures = replace(
            state.figures,
            balance=balance.amount,
            currency=balance.currency,
            balance_at=now,
            checked_at=now,
            error=None,
        )
        return replace(state, figures=figures, wait_until=None, skipped=False)

    def _with_error(self, state: AccountState, error: BaseException) -> AccountState:
        now = self._now()
        figures = replace(state.figures, checked_at=now, error=ErrorFacts.from_error(error, now))
        return replace(state, figures=figures, wait_until=None, skipped=False)

    # --- refreshing ---------------------------------------------------------------------

    def refresh(
        self, ids: Sequence[str] | None = None, *, automatic: bool = False
    ) -> asyncio.Task[RoundSummary]:
        """Ask SMSC for the balances of ``ids`` (None: every account). A refresh already
        running takes them on; the task ends with the round's summary."""
        profiles = [
            s.profile
            for pid, s in self._states.items()
            if (ids is None or pid in ids)
            and not (automatic and s.figures.error is not None and s.figures.error.is_sign_in)
        ]
        if self._round is None or self._round.finished or self._round_task is None:
            self._automatic = automatic
            self._round = RefreshRound(
                self.accounts,
                self.request_log,
                self._tasks,
                concurrency=self.concurrency,
                timeout=self.timeout,
                sandbox=self._sandbox,
                on_start=self._asking,
                on_result=self._answered,
            )
            self._round_task = self._tasks.start(
                self._run_round(self._round), name="refresh", awaited=True
            )
        elif not automatic:
            self._automatic = False
        added = self._round.add(profiles)
        if len(added) <= QUEUED_SHOWN:  # a few accounts asked for (a big round: the progress)
            for pid in added:
                self._states[pid] = replace(self._states[pid], activity=Activity.QUEUED)
            self.changed.emit(added)
        self._emit_progress()
        return self._round_task

    def cancel_refresh(self) -> None:
        if self._round is not None:
            self._round.cancel()

    async def _run_round(self, round_: RefreshRound) -> RoundSummary:
        try:
            summary = await asyncio.shield(round_.done)
        except asyncio.CancelledError:
            round_.cancel()
            raise
        finally:
            idle = [pid for pid, s in self._states.items() if s.activity is not Activity.IDLE]
            for pid in idle:
                self._states[pid] = replace(self._states[pid], activity=Activity.IDLE)
            if idle:
                self.changed.emit(idle)
        self.last_round, self.last_round_at = summary, self._now()
        log.info(
            "Overview refresh: %d accounts, %d ok, %d failed, %d waiting, %.1f s",
            summary.total,
            summary.ok,
            summary.failed,
            summary.waiting,
            summary.seconds,
        )
        self._emit_progress(summary)
        return summary

    def _asking(self, profile_id: str) -> None:
        state = self._states.get(profile_id)
        if state is not None:
            self._states[profile_id] = replace(state, activity=Activity.ASKING)
            self.changed.emit([profile_id])

    def _answered(self, result: RefreshResult) -> None:
        state = self._states.get(result.profile_id)
        if state is not None:
            state = replace(state, activity=Activity.IDLE)
            if result.balance is not None:
                self._set(self._with_balance(state, result.balance))
                session = self._session
                if session is not None and session.profile.id == result.profile_id:
                    session.take_balance(result.balance)
            elif result.error is not None:
                self._set(replace(self._with_error(state, result.error), skipped=result.skipped))
            else:
                wait_until = self._now() + timedelta(seconds=result.wait)
                self._set(replace(state, wait_until=wait_until, skipped=False), save=False)
        self._emit_progress()

    def _emit_progress(self, summary: RoundSummary | None = None) -> None:
        round_ = self._round
        if round_ is None:
            return
        done = round_.ok + round_.failed + round_.waiting
        self.progress.emit(
            RefreshProgress(
                round_.total,
                done,
                round_.ok,
                round_.failed,
                round_.waiting,
                self._automatic,
                summary,
            )
        )

    # --- the interval -----------------------------------------------------------------------

    def set_interval(self, minutes: int) -> None:
        """Refresh every account every ``minutes`` (0: only when asked)."""
        self.interval_minutes = max(0, minutes)
        if self._schedule is not None:
            self._schedule.cancel()
            self._schedule = None
        if self.interval_minutes and not self.closed:
            self._schedule = self._tasks.start(self._every(self.interval_minutes), name="interval")

    async def _every(self, minutes: int) -> None:
        period = minutes * 60.0
        while True:
            last = self.last_round_at
            elapsed = (self._now() - last).total_seconds() if last is not None else period
            await self._sleep(max(1.0, period - elapsed) if elapsed < period else 0.0)
            last = self.last_round_at
            if last is not None and (self._now() - last).total_seconds() < period - 1.0:
                continue  # a refresh by hand came in between
            await self.refresh(automatic=True)

    # --- closing ---------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Stop refreshing and scanning, and write what is not written yet."""
        if self.closed:
            return
        self.closed = True
        if self._round is not None:
            self._round.cancel()
        self.profiles.changed.disconnect(self._profiles_changed)
        await self._tasks.aclose(timeout=5.0)
        await self._file.flush()
