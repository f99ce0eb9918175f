"""Keyring backends that fail the ways real ones do: locked, dismissed prompt, D-Bus gone,
hanging, or writing plain files. Each counts its calls so tests can prove what was asked."""

from __future__ import annotations

import threading

from keyring.backend import KeyringBackend
from keyring.errors import InitError, KeyringLocked

from tests.helpers.memory_keyring import MemoryKeyring


class _Failing(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def error(self) -> BaseException:
        raise NotImplementedError

    def get_password(self, service: str, username: str) -> str | None:
        self.calls += 1
        raise self.error()

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls += 1
        raise self.error()

    def delete_password(self, service: str, username: str) -> None:
        self.calls += 1
        raise self.error()


class LockedKeyring(_Failing):
    """What keyring's Secret Service backend raises when the collection stays locked."""

    def error(self) -> BaseException:
        return KeyringLocked("Failed to unlock the collection!")


class PromptDismissedKeyring(_Failing):
    """gnome-keyring without --unlock and nobody to answer the prompt (measured)."""

    def error(self) -> BaseException:
        return InitError("Failed to create the collection: Prompt dismissed..")


class DBusGoneKeyring(_Failing):
    """The Secret Service went away mid-session (a D-Bus error from secretstorage)."""

    def error(self) -> BaseException:
        return SecretServiceNotAvailableException("Cannot connect to the D-Bus session bus")


class SecretServiceNotAvailableException(Exception):
    """secretstorage's exception, re-created so the test runs where it is not installed."""


SecretServiceNotAvailableException.__module__ = "secretstorage.exceptions"


class HangingKeyring(MemoryKeyring):
    """Every call blocks until ``release`` is set (a prompt nobody answers)."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.entered = threading.Event()

    def _wait(self) -> None:
        self.entered.set()
        self.release.wait(30)

    def get_password(self, service: str, username: str) -> str | None:
        self._wait()
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self._wait()
        super().set_password(service, username, password)


class PlaintextFileKeyring(MemoryKeyring):
    """Stands in for keyrings.alt's PlaintextKeyring (which writes base64 to a file)."""


PlaintextFileKeyring.__module__ = "keyrings.alt.file"
