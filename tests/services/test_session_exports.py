"""AccountSession's exports start: the saved downloads load, the job list starts, and a demo
account that never downloaded here gets its done jobs queued once (a session decision, not
a tab's)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from smsc_desktop.api import Credentials, JobStatus
from smsc_desktop.services.downloads import DownloadState
from smsc_desktop.services.paths import AppPaths
from smsc_desktop.services.session import AccountSession, SessionOptions
from tests.helpers.exports import MovingClock, until
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.sessions import sandbox_profile, sandbox_session


def options() -> SessionOptions:
    clock = MovingClock()
    return SessionOptions(clock=clock, sleep=lambda _s: asyncio.Event().wait())


async def test_a_fresh_demo_account_downloads_its_done_jobs_once(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    session = sandbox_session(sandbox, tmp_path, options=options())
    folder = session.own_downloads_folder
    assert folder == session.data_dir / "downloads"
    await session.start_exports()
    assert session.downloads.saved_before is False
    assert session.demo_downloads_pending
    await until(session.exports.jobs_changed, lambda: session.exports.loaded)
    queue = session.downloads
    await until(
        queue.item_finished,
        lambda: len(queue.items) == 2 and queue.counts()[DownloadState.DONE] == 2,
    )
    assert not session.demo_downloads_pending
    done = sorted(j.id for j in session.exports.jobs if j.status is JobStatus.DONE)
    assert len(done) == 2
    assert [i.job_id for i in session.downloads.items] == done
    assert {i.folder for i in session.downloads.items} == {folder}
    await session.start_exports()  # a second call waits for the same start: no new items
    assert len(session.downloads.items) == 2
    await session.close()

    again = sandbox_session(sandbox, tmp_path, options=options())
    await again.start_exports()
    assert again.downloads.saved_before is True
    assert not again.demo_downloads_pending
    await until(again.exports.jobs_changed, lambda: again.exports.loaded)
    assert [i.job_id for i in again.downloads.items] == done  # the saved ones, no more
    await again.close()


async def test_a_real_account_downloads_nothing_by_itself(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    profile = sandbox_profile(sandbox, demo=False)
    creds = Credentials.from_password(sandbox.login, sandbox.password)
    session = AccountSession(profile, creds, AppPaths(tmp_path), options=options())
    assert session.own_downloads_folder is None
    await session.start_exports()
    await until(session.exports.jobs_changed, lambda: session.exports.loaded)
    assert not session.demo_downloads_pending
    assert session.downloads.items == []
    await session.close()
