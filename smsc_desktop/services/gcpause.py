"""Keep the garbage collector from stalling the window while a big answer becomes objects.

Turning the 10 MB list of 100,000 free numbers into Python objects allocates hundreds of
thousands of them; on the way CPython runs full collections that scan the whole heap while
holding the GIL, 40-50 ms each on the project's machines (measured with a 10 ms heartbeat:
the stalls line up with ``gc.callbacks``), even though the work itself runs in a worker
thread. ``gc_paused()`` switches the cyclic collector off for such a load. Reference
counting still frees everything acyclic at once, and the result is kept in plain lists of
untracked values, so nothing is left for the collector to scan afterwards.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_depth = 0
_was_enabled = True


def pause() -> None:
    """Disable the cyclic garbage collector until the matching :func:`resume` (re-entrant:
    the collector comes back with the last ``resume``, if it was on before the first
    ``pause``)."""
    global _depth, _was_enabled
    if _depth == 0:
        _was_enabled = gc.isenabled()
        gc.disable()
    _depth += 1


def resume() -> None:
    global _depth
    _depth -= 1
    if _depth == 0 and _was_enabled:
        gc.enable()


def release_memory() -> None:
    """Give the C heap's free pages back to the system, on a short-lived thread.

    glibc keeps what a big piece of work freed (the startup's imports and widgets, a 10 MB
    answer turned into objects) in its heap, counted in the process's memory, until
    ``malloc_trim`` returns it; ctypes releases the GIL for the call, so nobody waits for
    it. Where there is no glibc nothing happens."""
    threading.Thread(target=_trim, name="malloc-trim", daemon=True).start()


def _trim() -> None:
    import ctypes

    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):  # not glibc
        return
    trim(0)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic garbage collector inside the block (re-entrant)."""
    pause()
    try:
        yield
    finally:
        resume()
