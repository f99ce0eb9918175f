"""A disk that holds the services' writes until the test releases them (``storage``'s
``atomic_write_text``, which every file written behind goes through)."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

import pytest

from smsc_desktop.services import storage


class HeldDisk:
    """``atomic_write_text`` that waits for ``release`` before writing (a slow disk), and
    keeps the texts it wrote, in order."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.release = threading.Event()
        self.writing = threading.Event()
        self.written: list[str] = []
        real = storage.atomic_write_text

        def held(path: Path, text: str, encoding: str = "utf-8") -> None:
            self.writing.set()
            assert self.release.wait(30), "the test never released the disk"
            real(path, text, encoding)
            self.written.append(text)

        monkeypatch.setattr(storage, "atomic_write_text", held)


class FullDisk:
    """``atomic_write_text`` that fails as a full disk does (``ENOSPC``) while ``full`` is
    set, and writes again once it is cleared."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full = True
        real = storage.atomic_write_text

        def disk(path: Path, text: str, encoding: str = "utf-8") -> None:
            if self.full:
                raise OSError(errno.ENOSPC, "No space left on device", str(path))
            real(path, text, encoding)

        monkeypatch.setattr(storage, "atomic_write_text", disk)
