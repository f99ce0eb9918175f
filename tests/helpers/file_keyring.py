"""Keyring backends for the keyring's child process in tests (they live in another process,
so they keep their secrets in a file named by ``SMSC_TEST_KEYRING_FILE``, in the test's
temporary folder; nothing reaches the user's real keyring)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError

ENV = "SMSC_TEST_KEYRING_FILE"


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def path(self) -> Path:
        return Path(os.environ[ENV])

    def _load(self) -> dict[str, str]:
        return json.loads(self.path.read_text("utf-8")) if self.path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        stored = self._load()
        stored[f"{service}/{username}"] = password
        self.path.write_text(json.dumps(stored), "utf-8")

    def delete_password(self, service: str, username: str) -> None:
        stored = self._load()
        if stored.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self.path.write_text(json.dumps(stored), "utf-8")


class LockedFileKeyring(FileKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("Failed to unlock the collection!")


class HangingFileKeyring(FileKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        threading.Event().wait()  # a prompt nobody answers
        return None


class ChattyFileKeyring(FileKeyring):
    """Prints to stdout, as some libraries do: the child's answers must not suffer."""

    def get_password(self, service: str, username: str) -> str | None:
        print("unlocking the collection…")
        return super().get_password(service, username)
