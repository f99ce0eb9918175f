"""The OS keyring reached through a short-lived child process.

The keyring library and what it brings (secretstorage, jeepney, cryptography's OpenSSL
bindings, importlib_metadata...) cost ~11 MB of memory and ~90 ms of import on the GIL, for
a few calls per run: the first account's password at startup, a password saved or deleted
in the accounts dialog, the overview's first refresh. So the app makes those calls in a
child process (the app's own executable with ``--keyring-child``) that opens the keyring,
answers, and exits once the app closes its input, :data:`LINGER` idle seconds after the last
answer (or when the app ends); the app itself never
imports keyring, and its memory stays what it was before the first call.

Protocol: one JSON object per line. The child first writes what it opened (``backend``:
the backend's module and class, ``problem``: why it must not be used, or null), or the
failure of the opening; then it answers each request ``{"op": "get"|"set"|"delete",
"service", "username"[, "password"]}`` with ``{"value": ...}`` or ``{"error": {"problem",
"type", "message"}}``. Secrets pass through the pipes only, never the command line, the
environment or a file; the child logs nothing.

:class:`ChildKeyring` is the parent's side: a keyring backend (``get_password``,
``set_password``, ``delete_password``) whose calls block on the child's answer, so
:class:`~smsc_desktop.services.secrets.SecretStore` runs them on its daemon threads as it
does the in-process backends (its timeouts apply; ``close()`` kills a child stuck on a
prompt nobody answers).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import threading
from typing import IO, Any

from smsc_desktop.launch import child_pipes, own_command, retire, take
from smsc_desktop.services.secrets import KeyringProblem

FLAG = "--keyring-child"
LINGER = 2.0
"""Seconds the app keeps an idle child for the next call before it lets it go."""


class ChildKeyringError(Exception):
    """A keyring call that failed in the child: ``problem`` is its classification there."""

    def __init__(self, problem: KeyringProblem, kind: str, message: str) -> None:
        super().__init__(f"{kind}: {message}" if message else kind)
        self.problem = problem
        self.kind = kind


def child_command() -> list[str]:
    """How to start the child: this executable again, with :data:`FLAG`."""
    return own_command(FLAG)


class ChildKeyring:
    """The parent's side of the child (see the module's documentation).

    Made with the child already started and its backend opened (:meth:`start`); a call
    after the child exited (idle, or killed) starts a new one. Calls are serialised.
    """

    def __init__(self, command: list[str] | None = None) -> None:
        self.command = command or child_command()
        self.name = ""
        self.problem: KeyringProblem | None = None
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self._linger: threading.Timer | None = None

    @classmethod
    def start(cls, command: list[str] | None = None) -> ChildKeyring:
        """Start the child and open its backend (blocking: call it off the event loop)."""
        backend = cls(command)
        with backend._lock:
            backend._spawn()
        return backend

    # --- the keyring backend's calls ------------------------------------------------------

    def get_password(self, service: str, username: str) -> str | None:
        value = self._call({"op": "get", "service": service, "username": username})
        return value if isinstance(value, str) else None

    def set_password(self, service: str, username: str, password: str) -> None:
        request = {"op": "set", "service": service, "username": username, "password": password}
        self._call(request)

    def delete_password(self, service: str, username: str) -> None:
        """Nothing stored counts as deleted (the child ignores keyring's "not found")."""
        self._call({"op": "delete", "service": service, "username": username})

    def close(self) -> None:
        """Stop the child now, whatever it is doing (a call waiting on it fails)."""
        process, self._process = self._process, None
        self._cancel_linger()
        if process is None:
            return
        if self._lock.acquire(blocking=False):  # nobody is talking to it: retire it here
            try:
                _retire(process, kill=True)
            finally:
                self._lock.release()
        else:  # a call is waiting on it: killed, that call ends and retires it
            with contextlib.suppress(ProcessLookupError):
                process.kill()

    # --- machinery ------------------------------------------------------------------------

    def _spawn(self) -> None:
        process = take(self.command)  # the first: started early by app.main, if it was
        self._process = process
        try:
            hello = _read(process)
        except BaseException:
            self._process = None
            _retire(process, kill=True)
            raise
        if "error" in hello:
            self._process = None
            _retire(process, kill=True)
            raise _error(hello["error"])
        self.name = str(hello.get("backend", ""))
        problem = hello.get("problem")
        self.problem = KeyringProblem(problem) if problem else None
        if self.problem is not None:  # nothing to ask it: it has ended
            self._process = None
            _retire(process, kill=False)

    def _call(self, request: dict[str, str]) -> Any:
        with self._lock:
            self._cancel_linger()
            if self._process is None:
                self._spawn()  # the last one was let go when idle: a new one
            process = self._process
            if process is None:  # the new one found the keyring unusable meanwhile
                problem = self.problem or KeyringProblem.ERROR
                raise ChildKeyringError(problem, self.name, "the keyring is not usable")
            assert process.stdin is not None
            try:
                process.stdin.write(json.dumps(request) + "\n")
                process.stdin.flush()
                answer = _read(process)
            except BaseException:
                if self._process is process:
                    self._process = None
                _retire(process, kill=True)
                raise
            self._linger = threading.Timer(LINGER, self._let_go, (process,))
            self._linger.daemon = True
            self._linger.start()
        if "error" in answer:
            raise _error(answer["error"])
        return answer.get("value")

    def _let_go(self, process: subprocess.Popen[str]) -> None:
        """Idle for LINGER seconds: the child is told to exit (its input closed)."""
        with self._lock:
            if self._process is not process:
                return
            self._process = None
            _retire(process, kill=False)

    def _cancel_linger(self) -> None:
        timer, self._linger = self._linger, None
        if timer is not None:
            timer.cancel()


def _read(process: subprocess.Popen[str]) -> dict[str, Any]:
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        raise EOFError("the keyring's helper process ended without an answer")
    try:
        answer = json.loads(line)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise EOFError("the keyring's helper process gave an answer it should not")
    return answer


def _retire(process: subprocess.Popen[str], *, kill: bool) -> None:
    """End ``process`` (its input closed, or killed), reap it and close its pipes."""
    retire(process, kill=kill, timeout=LINGER)


def _error(raw: Any) -> ChildKeyringError:
    raw = raw if isinstance(raw, dict) else {}
    try:
        problem = KeyringProblem(raw.get("problem"))
    except ValueError:
        problem = KeyringProblem.ERROR
    return ChildKeyringError(problem, str(raw.get("type", "")), str(raw.get("message", "")))


# --- the child's side ---------------------------------------------------------------------


def serve(stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> int:
    """The child: open the keyring, then answer requests until the parent closes the pipe
    (it does after :data:`LINGER` idle seconds)."""
    from smsc_desktop.services.redaction import redact, register_secret
    from smsc_desktop.services.secrets import (
        backend_name,
        classify_backend,
        classify_error,
        default_backend,
    )

    source, sink = child_pipes(stdin, stdout)

    def say(answer: dict[str, Any]) -> None:
        sink.write(json.dumps(answer) + "\n")
        sink.flush()

    def failure(exc: BaseException) -> dict[str, Any]:
        kind = f"{type(exc).__module__}.{type(exc).__qualname__}"
        return {"problem": classify_error(exc).value, "type": kind, "message": redact(str(exc))}

    try:
        backend = default_backend()
    except Exception as exc:
        say({"error": failure(exc)})
        return 1
    problem = classify_backend(backend)
    say({"backend": backend_name(backend), "problem": problem.value if problem else None})
    if problem is not None:
        return 0
    for line in source:
        try:
            request = json.loads(line)
            op = request["op"]
            service, username = str(request["service"]), str(request["username"])
            if op == "get":
                value = backend.get_password(service, username)
                if value:
                    register_secret(value)  # masked, should an error text repeat it
                say({"value": value})
            elif op == "set":
                password = str(request["password"])
                register_secret(password)
                backend.set_password(service, username, password)
                say({"value": None})
            elif op == "delete":
                _delete(backend, service, username)
                say({"value": None})
            else:
                raise ValueError(f"unknown request {op!r}")
        except Exception as exc:
            say({"error": failure(exc)})
    return 0


def _delete(backend: Any, service: str, username: str) -> None:
    from keyring.errors import PasswordDeleteError

    with contextlib.suppress(PasswordDeleteError):  # nothing stored: deleted all the same
        backend.delete_password(service, username)


def main() -> int:
    """``smsc-desktop --keyring-child``."""
    os.environ.pop("PYTHONINSPECT", None)
    return serve()
