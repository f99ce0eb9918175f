"""gcpause: the collector paused for a big load; the memory a big piece of work freed handed
back to the system."""

from __future__ import annotations

import ctypes
import gc
import sys
import threading

import pytest

from smsc_desktop.services import gcpause


def anon_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("RssAnon:"):
                return int(line.split()[1])
    raise AssertionError("no RssAnon")


def has_malloc_trim() -> bool:
    try:
        ctypes.CDLL(None).malloc_trim  # noqa: B018 - raises where there is no glibc
    except (AttributeError, OSError):
        return False
    return sys.platform.startswith("linux")


def test_the_collector_is_paused_until_the_last_resume() -> None:
    assert gc.isenabled()
    with gcpause.gc_paused():
        with gcpause.gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.skipif(not has_malloc_trim(), reason="glibc's malloc_trim only")
def test_freed_heap_pages_go_back_to_the_system() -> None:
    """Freed blocks between live ones stay in the process until malloc_trim (what the
    app's memory does after startup and after the free list's load, ~16 MB of 186)."""
    blocks = [bytes(64_000) + i.to_bytes(4, "little") for i in range(1_200)]  # ~77 MB
    kept = blocks[::2]
    del blocks
    before = anon_kb()
    gcpause.release_memory()
    trims = [t for t in threading.enumerate() if t.name == "malloc-trim"]
    for thread in trims:
        thread.join(10)
    assert before - anon_kb() > 20_000  # KB: most of the ~38 MB freed between the kept
    assert len(kept) == 600
