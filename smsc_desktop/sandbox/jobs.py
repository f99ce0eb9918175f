"""The export jobs' part of :class:`~smsc_desktop.sandbox.state.SandboxState`: jobs made,
listed (``get_list``), served (``get_file``) and created through the control endpoints."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from smsc_desktop.sandbox import protocol as p
from smsc_desktop.sandbox.clock import SandboxClock
from smsc_desktop.sandbox.config import SandboxConfig
from smsc_desktop.sandbox.errors import ControlError
from smsc_desktop.sandbox.exportfile import (
    FILE_CODECS,
    FILE_ENCODING,
    ExportFile,
    export_first_day,
)

if TYPE_CHECKING:
    from smsc_desktop.sandbox.state import Account


def int_param(params: p.Params, name: str, default: int, low: int, high: int) -> int:
    """An integer parameter within ``low..high`` (``default`` when absent); SMSC's error 1
    otherwise."""
    raw = params.get(name).strip()
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise p.SmscError(1) from None
    if not low <= value <= high:
        raise p.SmscError(1)
    return value


@dataclass
class Job:
    id: int
    login: str
    name: str
    file: str
    size: int
    created_unix: float
    created_mono: float  # sandbox monotonic
    starts_at: float  # sandbox monotonic
    done_at: float  # sandbox monotonic
    final_status: int = 2
    fixed_status: int | None = None

    def status(self, now: float) -> int:
        if self.fixed_status is not None:
            return self.fixed_status
        if now < self.starts_at:
            return 0
        if now < self.done_at:
            return 1
        return self.final_status

    def started_unix(self, now: float) -> float | None:
        """When the job started running (None while waiting, or when cancelled)."""
        status = self.status(now)
        if status in {0, 3}:
            return None
        # A job created with a fixed running/done status has started by now, even if its
        # scheduled start lies ahead: never report a start time in the future.
        started_after = min(self.starts_at, now) - self.created_mono
        return self.created_unix + max(0.0, started_after)


class JobsMixin:
    """Export jobs per account (``Account.jobs``), numbered from ``_job_ids``."""

    accounts: dict[str, Account]
    config: SandboxConfig
    clock: SandboxClock
    _job_ids: itertools.count[int]

    def _add_job(
        self,
        account: Account,
        name: str,
        size: int,
        *,
        age: float = 0.0,
        fixed_status: int | None = None,
        final_status: int = 2,
        file: str | None = None,
        start_delay: float | None = None,
        run_time: float | None = None,
    ) -> Job:
        job_id = next(self._job_ids)
        mono = self.clock.monotonic()
        delay = self.config.job_start_delay if start_delay is None else start_delay
        run = self.config.job_run_time if run_time is None else run_time
        created_mono = mono - age
        if file is None:
            safe = name if name.isascii() and " " not in name else f"export_{job_id}"
            file = safe if safe.endswith(".csv") else f"{safe}.csv"
        if fixed_status is not None:
            delay = min(delay, 60.0)
        job = Job(
            job_id,
            account.login,
            name,
            file,
            size,
            self.clock.time() - age,
            created_mono,
            created_mono + delay,
            created_mono + delay + run,
            final_status,
            fixed_status,
        )
        account.jobs[job_id] = job
        return job

    def job_view(self, job: Job) -> dict[str, Any]:
        status = job.status(self.clock.monotonic())
        started = job.started_unix(self.clock.monotonic())
        return {
            "id": job.id,
            "name": job.name,
            "status": status,
            "created": self.clock.format(job.created_unix),
            "time": self.clock.format(started) if started is not None else "",
            "file": job.file if status == 2 else "",
        }

    def jobs(self, account: Account, params: p.Params) -> list[Job]:
        """``get_list``: at most ``cnt`` jobs after ``after_id`` in the list's order
        (``jobs_order``: oldest first and newer ones after the id, or newest first and older
        ones after it)."""
        after_id = int_param(params, "after_id", 0, 0, 2**63)
        cnt = int_param(params, "cnt", 10**9, 1, 10**9)
        ordered = sorted(account.jobs.items())
        if self.config.jobs_order == "descending":
            found = [job for job_id, job in reversed(ordered) if not after_id or job_id < after_id]
        else:
            found = [job for job_id, job in ordered if job_id > after_id]
        return found[:cnt]

    def job_for_download(self, account: Account, params: p.Params) -> Job:
        raw_id = params.get("id").strip()
        name = params.get("name")
        job: Job | None = None
        if raw_id:
            if not raw_id.isdigit():
                raise p.SmscError(1)
            job = account.jobs.get(int(raw_id))
        elif name:
            matches = [j for j in account.jobs.values() if j.name == name]
            job = max(matches, key=lambda j: j.id) if matches else None
        else:
            raise p.SmscError(1)
        if job is None:
            raise p.SmscError(3, p.ERR_JOB_NOT_FOUND)
        if job.status(self.clock.monotonic()) != 2:
            raise p.SmscError(1, p.ERR_JOB_NOT_READY)
        return job

    def file_charset(self, params: p.Params | None = None) -> str:
        """The encoding ``get_file`` serves for this request (``get_file_charset``)."""
        setting = self.config.get_file_charset
        if setting != "request":
            return setting
        if params is None:
            return FILE_ENCODING
        return next(
            (cs for cs, codec in FILE_CODECS.items() if codec == params.codec), FILE_ENCODING
        )

    def export_file(self, job: Job, params: p.Params | None = None) -> ExportFile:
        charset = self.file_charset(params)
        first = export_first_day(job.name, job.size, job.created_unix, charset)
        return ExportFile(job.size, charset, first_day=first)

    # -- control -----------------------------------------------------------------------------

    def find_job(self, job_id: int) -> Job:
        for account in self.accounts.values():
            job = account.jobs.get(job_id)
            if job is not None:
                return job
        raise ControlError(f"no job {job_id}", 404)

    def create_job(
        self,
        *,
        size: int,
        name: str | None = None,
        status: int | None = None,
        login: str | None = None,
        final_status: int = 2,
        start_delay: float | None = None,
        run_time: float | None = None,
    ) -> Job:
        login = login or self.config.accounts[0].login
        account = self.accounts.get(login)
        if account is None:
            raise ControlError(f"no account {login!r}", 404)
        if size < 0:
            raise ControlError("size must be >= 0")
        if status is not None and status not in {0, 1, 2, 3, 4}:
            raise ControlError("status must be 0..4")
        if final_status not in {2, 4}:
            raise ControlError("final_status must be 2 or 4")
        job_name = name or f"messages_{self.clock.now():%Y-%m-%d_%H%M%S}"
        return self._add_job(
            account,
            job_name,
            size,
            fixed_status=status,
            final_status=final_status,
            start_delay=start_delay,
            run_time=run_time,
        )

    def job_record(self, job: Job) -> dict[str, Any]:
        view = self.job_view(job)
        view.update(login=job.login, size=job.size)
        return view
