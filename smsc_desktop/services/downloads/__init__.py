"""The download manager: a persistent queue of job-file downloads.

``DownloadQueue`` keeps one :class:`DownloadItem` per file the user asked for and runs at
most ``concurrency`` of them at a time; the rest wait their turn. For each item:

- bytes go to ``NAME.part`` in the chosen folder; only a complete file whose size matches
  what the server announced is moved to ``NAME`` — never over an existing file: a name that
  is taken gets a suffix, ``NAME (1).csv``, so both files are kept;
- a dropped connection resumes from the bytes on disk (HTTP ``Range``) automatically, after
  a backoff, and only when SMSC's limit of 3 identical file requests a minute allows it
  (``client.wait_time(Endpoint.DOWNLOAD, ...)``); the item says when the next try comes;
- an answer that is not the file (an SMSC error with HTTP 200, a web page) fails the item
  with that error and writes nothing into the file;
- disk full, no permission, folder gone: the item fails with a :class:`Problem` saying so,
  and the ``.part`` file is kept for a later resume;
- pause keeps the ``.part``; cancel deletes it; retry starts a failed or cancelled item again;
- the queue is saved (JSON in the profile's folder) on every change of state, and an
  unfinished queue continues when the app starts again.

``add_jobs(jobs, folder)`` holds the queueing rules (only done jobs, not one already on its
way, a free name); the UI only says which jobs and where.

The transfers themselves run on a worker thread (``api.fast_download``); progress comes back
to the loop that owns the queue at most ``PROGRESS_HZ`` times a second per item, so the GUI
loop stays idle while files stream. Clock and sleep are injectable: tests move time instead
of waiting for it. No Qt here; texts for the user are made by the UI from ``Problem.kind``.

Modules: ``items`` (an item, its state and problem, as saved), ``files`` (names, the
``.part`` file, placing the finished file), ``store`` (the saved queue), ``transport`` (how
bytes arrive), ``queue`` (the engine).
"""

from smsc_desktop.services.downloads.files import (
    FILE_TYPES,
    place_file,
    problem_from_os_error,
    safe_file_name,
    suffixed,
    unique_name,
)
from smsc_desktop.services.downloads.items import (
    PART_SUFFIX,
    DownloadItem,
    DownloadState,
    Problem,
    ProblemKind,
)
from smsc_desktop.services.downloads.queue import (
    BACKOFF_BASE,
    BACKOFF_CAP,
    MAX_CONCURRENCY,
    MAX_FRUITLESS_ATTEMPTS,
    PROGRESS_HZ,
    SPEED_WINDOW,
    DownloadQueue,
    QueueingError,
    QueueingStage,
)
from smsc_desktop.services.downloads.store import QUEUE_FILE, SCHEMA_VERSION
from smsc_desktop.services.downloads.transport import ProgressCallback, SmscTransport, Transport

__all__ = [
    "BACKOFF_BASE",
    "BACKOFF_CAP",
    "FILE_TYPES",
    "MAX_CONCURRENCY",
    "MAX_FRUITLESS_ATTEMPTS",
    "PART_SUFFIX",
    "PROGRESS_HZ",
    "QUEUE_FILE",
    "SCHEMA_VERSION",
    "SPEED_WINDOW",
    "DownloadItem",
    "DownloadQueue",
    "DownloadState",
    "Problem",
    "ProblemKind",
    "ProgressCallback",
    "QueueingError",
    "QueueingStage",
    "SmscTransport",
    "Transport",
    "place_file",
    "problem_from_os_error",
    "safe_file_name",
    "suffixed",
    "unique_name",
]
