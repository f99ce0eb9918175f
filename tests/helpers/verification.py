"""VerificationService tests' helpers: a service on the sandbox with a clock the test moves,
and waiting on the service's own signals (an asyncio.Event set by ``changed``), never sleeps."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from smsc_desktop.services.clock import ManualClock
from smsc_desktop.services.session import AccountSession
from smsc_desktop.services.verification import (
    HISTORY_FILE,
    Verification,
    VerificationService,
    VerificationState,
)
from tests.helpers.sandbox import SandboxHandle
from tests.helpers.sessions import sandbox_session

T = TypeVar("T")
PHONE = "79161230001"
OTHER = "79161230002"
RU_POOL = ("74993801001", "74993801002", "74993801003", "74993801004")


async def wait_state(
    service: VerificationService, item: Verification, *states: VerificationState
) -> None:
    if item.state in states:
        return
    event = asyncio.Event()

    def on_changed(changed: Verification) -> None:
        if changed is item and item.state in states:
            event.set()

    service.changed.connect(on_changed)
    try:
        await asyncio.wait_for(event.wait(), timeout=10)
    finally:
        service.changed.disconnect(on_changed)


async def wait_polling(service: VerificationService, active: bool) -> None:
    if service.is_polling == active:
        return
    event = asyncio.Event()

    def on_polling(value: bool) -> None:
        if value == active:
            event.set()

    service.polling_changed.connect(on_polling)
    try:
        await asyncio.wait_for(event.wait(), timeout=10)
    finally:
        service.polling_changed.disconnect(on_polling)


def run_with(
    sandbox: SandboxHandle,
    body: Callable[[VerificationService, ManualClock, AccountSession], Awaitable[T]],
    *,
    clock: ManualClock | None = None,
) -> T:
    async def main() -> T:
        session = sandbox_session(sandbox)
        service = VerificationService(session, clock=clock or ManualClock(), poll_interval=0.2)
        try:
            await service.load()
            return await body(service, service.clock, session)  # type: ignore[arg-type]
        finally:
            await service.aclose()
            await session.close()

    return asyncio.run(main())


def history(session_dir: Path) -> list[dict[str, Any]]:
    return json.loads((session_dir / HISTORY_FILE).read_text(encoding="utf-8"))["verifications"]
