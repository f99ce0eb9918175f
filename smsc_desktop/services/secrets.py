"""Passwords and API keys: in the OS keyring, or in memory for this session; never on disk.

One keyring entry per profile, under the fixed service name ``smsc-desktop`` with the
profile's ``secret_key`` (``profile:<id>``) as the user name, so a rename keeps the secret.

Every keyring call runs in its own daemon thread with a timeout: a Secret Service that hangs
(a locked collection waiting for a prompt nobody answers, a wedged D-Bus) can neither freeze
the window nor keep the app from exiting. When the keyring is not usable (the ``fail`` or
``null`` backend, a backend that writes plain files, a locked or unreachable Secret Service,
a timeout, ``--no-keyring``) the store says why in :attr:`SecretStore.status` and keeps
secrets in a dict for this session only. It never falls back to a file.

A secret read from the keyring is kept in memory for the rest of the run (never on disk),
so every account's secret is read once and a locked keyring prompts once at most, however
many accounts the overview refreshes (``get_many`` reads many in one worker thread).

Every secret that passes through the store is registered with
:func:`smsc_desktop.services.redaction.register_secret`, so logs, the request log and crash
reports mask it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from smsc_desktop.services.observable import Signal
from smsc_desktop.services.redaction import redact, register_secret
from smsc_desktop.services.tasks import TaskSet

log = logging.getLogger("smsc_desktop.services.secrets")

SERVICE_NAME = "smsc-desktop"
DEFAULT_TIMEOUT = 30.0
"""Seconds a keyring read or write may take before the keyring counts as unusable for the
session. Generous on purpose: a locked keyring shows its own unlock prompt and the call
returns only when the user has typed the keyring password (the window stays responsive)."""
RESOLVE_TIMEOUT = 5.0
"""Seconds finding the keyring backend may take (no prompt is involved there)."""

T = TypeVar("T")


class KeyringProblem(StrEnum):
    """Why secrets are kept for this session only (the UI turns these into sentences)."""

    DISABLED = "disabled"  # --no-keyring
    NO_BACKEND = "no-backend"  # keyring's fail/null backend: no keyring on this system
    INSECURE = "insecure"  # a backend that would write secrets to a plain file
    LOCKED = "locked"  # the keyring is locked and was not unlocked
    UNREACHABLE = "unreachable"  # the keyring service could not be reached (D-Bus...)
    TIMEOUT = "timeout"  # the keyring did not answer in time
    ERROR = "error"  # any other keyring failure


@dataclass(frozen=True, slots=True)
class KeyringStatus:
    """Which keyring backend is in use, and whether it can be used."""

    backend: str = ""
    problem: KeyringProblem | None = None
    detail: str = ""  # the low-level reason in English, secret-free (logs, debug info)

    @property
    def usable(self) -> bool:
        return self.problem is None

    def describe(self) -> str:
        """One line for logs and the debug info."""
        state = "usable" if self.usable else f"session only ({self.problem})"
        parts = [self.backend or "not resolved yet", state]
        if self.detail:
            parts.append(self.detail)
        return "; ".join(parts)


class KeyringTimeoutError(Exception):
    """A keyring call did not finish within the store's timeout."""


def backend_name(backend: object) -> str:
    from smsc_desktop.services.keyring_child import ChildKeyring

    if isinstance(backend, ChildKeyring):
        return backend.name  # the backend the child opened
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def classify_backend(backend: object) -> KeyringProblem | None:
    """``None`` when ``backend`` keeps secrets safely; else why it must not be used."""
    from smsc_desktop.services.keyring_child import ChildKeyring

    if isinstance(backend, ChildKeyring):
        return backend.problem  # judged by the child, which has keyring imported
    from keyring.backends import chainer, fail, null

    if isinstance(backend, chainer.ChainerBackend):
        chained = list(backend.backends)
        # The chainer writes to its first (highest-priority) backend.
        return classify_backend(chained[0]) if chained else KeyringProblem.NO_BACKEND
    if isinstance(backend, fail.Keyring | null.Keyring):
        return KeyringProblem.NO_BACKEND
    if type(backend).__module__.startswith("keyrings.alt"):
        # keyrings.alt: plaintext or weakly encrypted files; exactly what must not happen.
        return KeyringProblem.INSECURE
    return None


def classify_error(exc: BaseException) -> KeyringProblem:
    """What a failed keyring call means for the user."""
    from smsc_desktop.services.keyring_child import ChildKeyringError

    if isinstance(exc, KeyringTimeoutError | TimeoutError):
        return KeyringProblem.TIMEOUT
    if isinstance(exc, ChildKeyringError):
        return exc.problem  # classified in the child, where the keyring's types are
    if isinstance(exc, EOFError | BrokenPipeError):  # the child process went away
        return KeyringProblem.UNREACHABLE
    from keyring import errors

    text = str(exc).lower()
    if isinstance(exc, errors.KeyringLocked) or "locked" in text or "prompt dismissed" in text:
        return KeyringProblem.LOCKED
    if isinstance(exc, errors.NoKeyringError):
        return KeyringProblem.NO_BACKEND
    if isinstance(exc, errors.InitError):
        return KeyringProblem.UNREACHABLE
    for cls in type(exc).__mro__:
        origin = f"{cls.__module__}.{cls.__name__}".lower()
        if "dbus" in origin or origin.startswith(("jeepney", "secretstorage")):
            return KeyringProblem.UNREACHABLE
    if isinstance(exc, ConnectionError | EOFError):
        return KeyringProblem.UNREACHABLE
    return KeyringProblem.ERROR


def _hand_over(
    loop: asyncio.AbstractEventLoop,
    future: asyncio.Future[T],
    result: Any,
    error: BaseException | None,
) -> None:
    """From a worker thread: settle ``future`` on its loop (unless it is settled already)."""

    def settle() -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)

    # RuntimeError: the loop closed while we were stuck, nobody waits any more.
    with contextlib.suppress(RuntimeError):
        loop.call_soon_threadsafe(settle)


async def _wait_for_thread(future: asyncio.Future[T], timeout: float) -> T:
    try:
        return await asyncio.wait_for(asyncio.shield(future), timeout)
    except TimeoutError:
        raise KeyringTimeoutError(f"the keyring did not answer within {timeout:g} s") from None


async def run_in_daemon_thread(fn: Callable[[], T], timeout: float) -> T:
    """``fn()`` in a new daemon thread; raise :class:`KeyringTimeoutError` after ``timeout``.

    Not ``asyncio.to_thread``: the default executor's threads are joined at interpreter exit,
    so one keyring call stuck on D-Bus would keep the app from quitting.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def work() -> None:
        try:
            result, error = fn(), None
        except BaseException as exc:  # handed to the awaiting coroutine
            result, error = None, exc
        _hand_over(loop, future, result, error)

    threading.Thread(target=work, name="keyring-call", daemon=True).start()
    return await _wait_for_thread(future, timeout)


class SecretStore:
    """The secrets of all profiles, keyed by ``Profile.secret_key``.

    ``backend_factory`` returns the keyring backend to use (default: ``keyring.get_keyring()``,
    resolved in a worker thread on first use). Tests pass fakes; ``enabled=False`` is
    ``--no-keyring``.
    """

    def __init__(
        self,
        *,
        enabled: bool = True,
        service: str = SERVICE_NAME,
        timeout: float = DEFAULT_TIMEOUT,
        resolve_timeout: float = RESOLVE_TIMEOUT,
        backend_factory: Callable[[], Any] | None = None,
    ) -> None:
        self.service = service
        self.timeout = timeout
        self.resolve_timeout = min(resolve_timeout, timeout)
        self._factory = backend_factory
        self._backend: Any = None
        self._session: dict[str, str] = {}
        self._read: dict[str, str] = {}
        """Secrets read from the keyring in this run, kept in memory (never written
        anywhere) so each is read once: one unlock prompt at most, however many accounts."""
        self._lock: asyncio.Lock | None = None
        self._resolving: asyncio.Task[bool] | None = None
        self._early_reads: dict[str, asyncio.Future[tuple[str | None, BaseException | None]]] = {}
        """Reads started by ``open_soon(read_first=...)`` on the opening's own thread."""
        self._tasks = TaskSet("secrets")
        self._status = (
            KeyringStatus()
            if enabled
            else KeyringStatus("", KeyringProblem.DISABLED, "--no-keyring")
        )
        self.status_changed = Signal("secrets.status_changed")  # (KeyringStatus)

    @property
    def status(self) -> KeyringStatus:
        return self._status

    @property
    def session_only(self) -> bool:
        """True when new secrets cannot be stored beyond this session."""
        return not self._status.usable

    def session_keys(self) -> list[str]:
        """Keys of the secrets held in memory only (not in the keyring)."""
        return list(self._session)

    # --- the public operations --------------------------------------------------------

    async def probe(self) -> KeyringStatus:
        """Resolve the backend (once) and say whether it is usable."""
        await self._ensure_backend()
        return self._status

    async def get(self, key: str) -> str | None:
        """The secret for ``key``: this session's copy, else the keyring's; ``None`` if none."""
        if key in self._session:
            return self._session[key]
        if key in self._read:
            return self._read[key]
        if not await self._ensure_backend():
            return None
        try:
            early = await self._early_read(key)
            if early is not None:
                secret = early[0]
            else:
                secret = await self._call(lambda b: b.get_password(self.service, key))
        except Exception as exc:
            self._fail(exc, "read")
            return None
        if secret:
            register_secret(secret)
            self._read[key] = secret
        return secret or None

    async def get_many(self, keys: Iterable[str]) -> dict[str, str | None]:
        """The secrets of ``keys`` (``None`` where none is stored), each read from the
        keyring at most once in this run: the first alone (it may wait for the keyring's
        unlock prompt), the rest together in one worker thread. A failure leaves the
        store session-only, as ``get`` does, so the keyring is asked (and prompts) once."""
        wanted = list(dict.fromkeys(keys))
        found = {k: self._session.get(k) or self._read.get(k) for k in wanted}
        missing = [k for k, v in found.items() if v is None]
        if missing:
            found[missing[0]] = await self.get(missing[0])
            rest = missing[1:]
            if rest and await self._ensure_backend():

                def read_all(backend: Any) -> dict[str, str | None]:
                    return {k: backend.get_password(self.service, k) for k in rest}

                try:
                    values = await self._call(read_all, self.timeout + 0.2 * len(rest))
                except Exception as exc:
                    self._fail(exc, "read")
                    values = {}
                for key, secret in values.items():
                    if secret:
                        register_secret(secret)
                        self._read[key] = secret
                        found[key] = secret
        return found

    async def set(self, key: str, secret: str) -> bool:
        """Keep ``secret`` for ``key``; True if it is in the keyring, False if session only."""
        register_secret(secret)
        if await self._ensure_backend():
            try:
                await self._call(lambda b: b.set_password(self.service, key, secret))
            except Exception as exc:
                self._fail(exc, "write")
            else:
                self._session.pop(key, None)
                self._read[key] = secret
                return True
        self._read.pop(key, None)
        self._session[key] = secret
        return False

    async def delete(self, key: str) -> bool:
        """Forget the secret for ``key``; False if the keyring could not be asked to."""
        self._session.pop(key, None)
        self._read.pop(key, None)
        if not await self._ensure_backend():
            return False

        def remove(backend: Any) -> None:
            try:
                backend.delete_password(self.service, key)
            except Exception as exc:
                from keyring.errors import PasswordDeleteError

                if not isinstance(exc, PasswordDeleteError):  # else nothing stored: fine
                    raise

        try:
            await self._call(remove)
        except Exception as exc:
            self._fail(exc, "delete")
            return False
        return True

    async def retry(self) -> KeyringStatus:
        """Try the keyring again (after the user unlocked it); move session secrets there.

        ``--no-keyring`` stays in force.
        """
        if self._status.problem is KeyringProblem.DISABLED:
            return self._status
        self._close_backend()
        self._drop_early_reads()
        self._set_status(KeyringStatus())
        if await self._ensure_backend():
            for key, secret in list(self._session.items()):
                if not await self.set(key, secret):
                    break
        return self._status

    # --- machinery --------------------------------------------------------------------

    async def _ensure_backend(self) -> bool:
        if not self._status.usable:
            return False
        if self._backend is not None:
            return True
        return await asyncio.shield(self._start_resolving())

    def open_soon(self, read_first: str | None = None) -> None:
        """Start opening the keyring now (its thread starts on the loop's next turn) for a
        read that comes later: at startup the window is built meanwhile, and a read's own
        way there would take several turns of a busy loop before the thread starts.

        With ``read_first`` (a key), the thread that opens the keyring reads that secret
        right after, without waiting for a turn of the loop in between (at startup the
        window's first tab is being built then: 50-100 ms of turns). ``get(read_first)``
        takes the result; any other keyring call waits for that read to end."""
        if self._status.usable and self._backend is None:
            self._start_resolving(read_first)

    def _start_resolving(self, read_first: str | None = None) -> asyncio.Task[bool]:
        """The backend's resolution under way, started now if none is (one at a time)."""
        if self._resolving is None or self._resolving.done():
            self._resolving = self._tasks.start(
                self._resolve(read_first), name="keyring-open", awaited=True
            )
        return self._resolving

    async def _resolve(self, read_first: str | None = None) -> bool:
        factory = self._factory or default_backend
        loop = asyncio.get_running_loop()
        opened: asyncio.Future[Any] = loop.create_future()
        read: asyncio.Future[tuple[str | None, BaseException | None]] | None = None
        if read_first is not None and read_first not in self._read:
            read = loop.create_future()
            self._early_reads[read_first] = read
        service = self.service

        def work() -> None:
            try:
                backend, error = factory(), None
            except BaseException as exc:  # handed to the awaiting coroutine
                backend, error = None, exc
            _hand_over(loop, opened, backend, error)
            if read is None or error is not None or classify_backend(backend) is not None:
                return  # the read, if any, is dropped by _resolve
            try:
                secret, failure = backend.get_password(service, read_first), None
            except BaseException as exc:  # a value, not an exception: it may never be read
                secret, failure = None, exc
            _hand_over(loop, read, (secret, failure), None)

        threading.Thread(target=work, name="keyring-open", daemon=True).start()
        try:
            backend = await _wait_for_thread(opened, self.resolve_timeout)
        except Exception as exc:
            self._drop_early_reads()
            self._fail(exc, "open")
            return False
        name = backend_name(backend)
        problem = classify_backend(backend)
        if problem is not None:
            self._drop_early_reads()
            self._set_status(KeyringStatus(name, problem, f"backend {name} is not usable"))
            log.warning(
                "Keyring backend %s not usable (%s): secrets for this session only", name, problem
            )
            return False
        self._backend = backend
        self._set_status(KeyringStatus(name))
        log.info("Keyring backend: %s", name)
        return True

    async def _early_read(self, key: str) -> tuple[str | None] | None:
        """The secret read for ``key`` on the thread that opened the keyring (in a 1-tuple),
        or None when there was no such read (or it was dropped)."""
        early = self._early_reads.get(key)
        if early is None:
            return None
        await asyncio.wait([early], timeout=self.timeout)
        if early.cancelled():
            return None
        if not early.done():
            raise KeyringTimeoutError(f"the keyring did not answer within {self.timeout:g} s")
        self._early_reads.pop(key, None)
        secret, error = early.result()
        if error is not None:
            raise error
        return (secret,)

    def _drop_early_reads(self) -> None:
        for future in self._early_reads.values():
            future.cancel()  # its thread's answer, if one comes, is ignored
        self._early_reads.clear()

    async def _early_reads_done(self) -> None:
        """Before any other keyring call: the reads on the opening thread have ended (the
        backends are not thread-safe)."""
        pending = [f for f in self._early_reads.values() if not f.done()]
        if pending:
            await asyncio.wait(pending, timeout=self.timeout)

    async def _call(self, operation: Callable[[Any], T], timeout: float | None = None) -> T:
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:  # one keyring call at a time: backends are not thread-safe
            await self._early_reads_done()
            backend = self._backend
            return await run_in_daemon_thread(
                lambda: operation(backend), self.timeout if timeout is None else timeout
            )

    def _fail(self, exc: BaseException, action: str) -> None:
        problem = classify_error(exc)
        detail = redact(f"{action}: {type(exc).__name__}: {exc}")
        name = self._status.backend or (backend_name(self._backend) if self._backend else "")
        log.warning(
            "Keyring %s failed (%s): %s; secrets for this session only", action, problem, detail
        )
        self._close_backend()
        self._set_status(KeyringStatus(name, problem, detail))

    def _close_backend(self) -> None:
        """Forget the backend; a keyring child process is stopped (it may hang on D-Bus)."""
        from smsc_desktop.services.keyring_child import ChildKeyring

        backend, self._backend = self._backend, None
        if isinstance(backend, ChildKeyring):
            backend.close()

    def _set_status(self, status: KeyringStatus) -> None:
        if status != self._status:
            self._status = status
            self.status_changed.emit(status)


def default_backend() -> Any:
    """keyring's own choice of backend; on Linux without a choice made by the user found
    directly (see :func:`_linux_backend`)."""
    import keyring

    backend = _linux_backend() if sys.platform.startswith("linux") else None
    return backend if backend is not None else keyring.get_keyring()


def _linux_backend() -> Any:
    """The Secret Service backend when it answers and nothing else would be chosen.

    ``keyring.get_keyring()`` imports and weighs every backend it knows (macOS, Windows,
    KWallet, libsecret...): 50-90 ms before the first account opens, 50 of them in the macOS
    backend's search for a library Linux does not have. Where the user chose no backend
    (``PYTHON_KEYRING_BACKEND``, keyringrc.cfg) and no KDE session would make KWallet win,
    keyring's choice is the Secret Service whenever it answers; None lets keyring decide.
    """
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return None
    if "KDE" in os.environ.get("XDG_CURRENT_DESKTOP", "").upper():
        return None
    import keyring.core

    if keyring.core.load_config() is not None:
        return None
    try:
        from keyring.backends import SecretService

        SecretService.Keyring.priority  # noqa: B018 - raises when no Secret Service answers
    except Exception:
        return None
    backend = SecretService.Keyring()  # type: ignore[no-untyped-call]
    keyring.set_keyring(backend)
    return backend


def keyring_in_child(command: list[str] | None = None) -> Any:
    """The app's backend factory: the keyring opened in a child process
    (:mod:`smsc_desktop.services.keyring_child`), so the app never imports it; in this
    process when no child can be started or it does not answer as it should (the helper is a
    saving, never a reason to lose the keyring). A keyring that fails in a working child
    fails as it would here."""
    from smsc_desktop.services.keyring_child import ChildKeyring

    try:
        return ChildKeyring.start(command)
    except (OSError, EOFError) as exc:
        log.warning(
            "The keyring's helper process failed (%s): the keyring is opened in the app", exc
        )
        return default_backend()
