"""``SandboxServer``: the aiohttp application, on its own thread or inside a running loop.

::

    server = SandboxServer()            # SandboxConfig() defaults, 127.0.0.1, free port
    url = server.start()                # "http://127.0.0.1:PORT", served from a thread
    server.set_fault("balance", latency=2.0, count=1)
    server.stop()

    async with SandboxServer(SandboxConfig(numbers=100_000, enforce_limits=False)) as s:
        ...                              # start_async()/stop_async() in the current loop

The helpers (``reset``, ``state``, ``simulate_call``, ``set_fault``, ``clear_faults``,
``advance_clock``, ``set_today``, ``create_job``, ``job_info``, ``add_incoming``,
``captcha``) mirror the
``/sandbox/`` control endpoints. They may be called from any thread: the work runs on the
server's loop. Called on the loop's own thread they run directly.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import threading
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any, TypeVar

from aiohttp import web

from smsc_desktop.sandbox import control, endpoints, imgcode
from smsc_desktop.sandbox.config import SandboxConfig
from smsc_desktop.sandbox.exportfile import export_first_day, sha256_of_size
from smsc_desktop.sandbox.faults import FaultSpec
from smsc_desktop.sandbox.state import SandboxState

T = TypeVar("T")


def make_app(state: SandboxState) -> web.Application:
    """The aiohttp application serving ``/sys/*.php`` and ``/sandbox/*`` from ``state``."""
    # smsc_middleware first: it reads the parameters before any other middleware could.
    app = web.Application(client_max_size=16 * 1024 * 1024, middlewares=[endpoints.smsc_middleware])
    app[endpoints.STATE_KEY] = state
    endpoints.add_routes(app)
    imgcode.add_routes(app)
    control.add_routes(app)
    return app


class SandboxServer:
    """A stateful SMSC look-alike on ``host:port`` (port 0 picks a free one)."""

    def __init__(
        self, config: SandboxConfig | None = None, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.config = config or SandboxConfig()
        self.host = host
        self.port = port
        self.sandbox = SandboxState(self.config)
        self._runner: web.AppRunner | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread_id: int | None = None
        self._thread: threading.Thread | None = None
        self._url: str | None = None

    # -- lifetime ----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL such as ``http://127.0.0.1:8765`` (no trailing slash)."""
        if self._url is None:
            raise RuntimeError("the sandbox is not running")
        return self._url

    @property
    def running(self) -> bool:
        return self._url is not None

    async def start_async(self) -> str:
        """Serve from the running event loop; returns the base URL."""
        if self._runner is not None:
            return self.url
        runner = web.AppRunner(make_app(self.sandbox), access_log=None, shutdown_timeout=0.5)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port, backlog=1024)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self._loop = asyncio.get_running_loop()
        self._loop_thread_id = threading.get_ident()
        host, port = runner.addresses[0][:2]
        self.port = int(port)
        shown = f"[{host}]" if ":" in str(host) else str(host)
        self._url = f"http://{shown}:{self.port}"
        return self._url

    async def stop_async(self) -> None:
        runner, self._runner = self._runner, None
        self._url = None
        if runner is not None:
            await runner.cleanup()
        if self._thread is None:
            self._loop = None
            self._loop_thread_id = None

    def start(self) -> str:
        """Serve from a thread of its own with its own loop; returns the base URL."""
        if self._thread is not None:
            return self.url
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self.start_async())
            except BaseException as error:  # reported to the starting thread
                failure.append(error)
                ready.set()
                loop.close()
                return
            ready.set()
            try:
                loop.run_forever()
            finally:
                loop.run_until_complete(self.stop_async())
                pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
                for task in pending:
                    task.cancel()
                if pending:
                    loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.run_until_complete(loop.shutdown_default_executor())
                asyncio.set_event_loop(None)
                loop.close()

        thread = threading.Thread(target=run, name="smsc-sandbox", daemon=True)
        self._thread = thread
        thread.start()
        ready.wait()
        if failure:
            self._thread = None
            thread.join()
            raise failure[0]
        return self.url

    def stop(self) -> None:
        """Stop the thread started by :meth:`start` (no-op when not running)."""
        thread, loop = self._thread, self._loop
        if thread is None or loop is None:
            return
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        self._thread = None
        self._loop = None
        self._loop_thread_id = None

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    async def __aenter__(self) -> SandboxServer:
        await self.start_async()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop_async()

    # -- thread-safe helpers -----------------------------------------------------------------

    def _call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = self._loop
        if loop is None or not loop.is_running() or threading.get_ident() == self._loop_thread_id:
            return fn(*args, **kwargs)
        future: concurrent.futures.Future[T] = concurrent.futures.Future()

        def run() -> None:
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as error:
                future.set_exception(error)

        loop.call_soon_threadsafe(run)
        return future.result(timeout=120)

    def reset(self, overrides: Mapping[str, Any] | None = None, **more: Any) -> None:
        """Back to the starting point; overrides (``numbers=``, ``seed=``, ``balances=``,
        ``enforce_limits=``, ``today=``...) apply to this reset only."""
        merged = {**(overrides or {}), **more}
        self._call(self.sandbox.reset, merged)

    def state(self) -> dict[str, Any]:
        """The same JSON-ready snapshot as ``GET /sandbox/state``."""
        return self._call(self.sandbox.snapshot)

    def simulate_call(self, phone: str, to_phone: str | None = None) -> dict[str, Any]:
        """The subscriber calls; returns ``{"id": message_id, ...}``.

        Raises ``ControlError`` (status 404 / 410) without a pending verification.
        """
        return self._call(self.sandbox.simulate_call, phone, to_phone)

    def set_fault(self, endpoint: str, **fields: Any) -> None:
        """E.g. ``set_fault("downloads", rate=1_000_000, drop_after=5000, count=1)``."""
        spec = FaultSpec(endpoint=endpoint, **fields)
        self._call(self.sandbox.faults.set, spec)

    def clear_faults(self, endpoint: str | None = None) -> None:
        self._call(self.sandbox.faults.clear, endpoint)

    def advance_clock(self, seconds: float) -> None:
        self._call(self.sandbox.clock.advance, seconds)

    def set_today(self, today: dt.date | str | None) -> None:
        """Pin the date prorating uses (None: follow the sandbox clock)."""
        value = dt.date.fromisoformat(today) if isinstance(today, str) else today
        self._call(setattr, self.sandbox.clock, "pinned_today", value)

    def create_job(self, size: int, **fields: Any) -> dict[str, Any]:
        """Create an export job (``name``, ``status``, ``login``, ``final_status``,
        ``start_delay``, ``run_time``); returns its record with ``id``."""
        return self._call(control.create_job_from, self.sandbox, {"size": size, **fields})

    def number_new_jobs_from(self, first: int) -> None:
        """Number the export jobs made from now on from ``first`` (the demo: see
        ``child.demo_job_numbers_from``), after a reset too: the seeded jobs keep their
        numbers, the new ones never take one given before."""
        self._call(self.sandbox.number_new_jobs_from, first)

    def job_info(self, job_id: int, charset: str = "windows-1251") -> dict[str, Any]:
        """The job record plus ``size`` and ``sha256`` of the file it serves in ``charset``."""
        job = self._call(lambda: self.sandbox.find_job(job_id))
        record = self._call(lambda: self.sandbox.job_record(job))
        first = export_first_day(job.name, job.size, job.created_unix, charset)
        record["sha256"] = sha256_of_size(record["size"], charset, first)
        record["first_day"] = first.isoformat()
        return record

    def add_incoming(
        self,
        phone: str,
        text: str,
        to_phone: str | None = None,
        login: str | None = None,
        delay: float | None = None,
    ) -> dict[str, Any]:
        """An ordinary SMS on a rented number; returns it as get_answers shows it (with
        ``delay``: the scheduled record, as ``POST /sandbox/incoming`` gives it)."""

        def add() -> dict[str, Any]:
            message = self.sandbox.add_incoming(
                phone=phone, text=text, to_phone=to_phone, login=login, delay=delay
            )
            return control.message_record(self.sandbox, message)

        return self._call(add)

    def captcha(self, ip: str | None = None) -> dict[str, Any]:
        """The live captcha code last shown to *ip* (or to anyone): ``{"ip", "code", ...}``.

        Raises ``ControlError`` (404) when no picture is live."""
        return self._call(control.captcha_record, self.sandbox, ip)
