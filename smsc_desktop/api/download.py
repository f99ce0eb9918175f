"""The one download core: a deferred job's file to disk, with resume (``get_file``).

The transport (:mod:`smsc_desktop.api.fast_download`: aiohttp on a worker thread) sends the
request and hands the answer to :meth:`Transfer.consume`; everything else is here and runs
through the client's request pipeline (rate guard, retry rule, errors, request records):

- the body is streamed chunk by chunk and never held in memory whole;
- before the first byte is written the start of the body is checked: an SMSC error (in any
  ``fmt``), a web page or a JSON document is not the file and raises without touching the
  partial file, also when it comes as a ``206`` labelled ``text/csv``;
- a resumed answer must continue exactly where the partial file ends;
- a file is whole only when its size is known (``Content-Length``, chunked framing or
  ``Content-Range``) and reached; a body whose end only the closed connection marks is
  confirmed with a ``Range`` request from its end before it is called whole;
- a transfer slower than :data:`MIN_SPEED` bytes a second for :data:`SPEED_WINDOW` seconds
  is interrupted (resumable), so a trickling server cannot hold a download forever.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Final, Protocol

from smsc_desktop.api import bodies
from smsc_desktop.api._endpoints import Call
from smsc_desktop.api._pipeline import Attempt, Pipeline
from smsc_desktop.api._sanitize import safe_text
from smsc_desktop.api.errors import DownloadInterruptedError, ProtocolError
from smsc_desktop.api.models import DownloadResult

__all__ = ["Answer", "DownloadRequest", "SpeedRule", "Transfer", "run_download"]

log = logging.getLogger("smsc_desktop.api")

SNIFF_BYTES: Final = 4096
"""How much of the body is looked at before deciding whether it is the file."""
MAX_NON_FILE_BODY: Final = 1024 * 1024
"""An error or a JSON document is never bigger than this."""
MIN_SPEED: Final = 1024
"""Bytes a second below which a transfer counts as stalled..."""
SPEED_WINDOW: Final = 30.0
"""... when it stays that slow for this many seconds."""
MAX_CONFIRMATIONS: Final = 2
"""Range requests made to confirm a body whose size nobody said."""

_CONTENT_RANGE = re.compile(r"^\s*bytes\s+(?:(\d+)-(\d+)|\*)\s*/\s*(\d+|\*)\s*$", re.IGNORECASE)
_FILENAME_STAR = re.compile(r"filename\*\s*=\s*[^']*'[^']*'([^;]+)", re.IGNORECASE)
_FILENAME = re.compile(r'filename\s*=\s*(?:"([^"]*)"|([^;]+))', re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SpeedRule:
    """Interrupt a transfer slower than *min_rate* bytes/s over *window* seconds."""

    min_rate: float = MIN_SPEED
    window: float = SPEED_WINDOW
    clock: Callable[[], float] = time.monotonic


@dataclass(frozen=True, slots=True)
class DownloadRequest:
    path: Path
    resume: bool
    progress: Callable[[int, int | None], None] | None
    speed: SpeedRule = field(default_factory=SpeedRule)


class Answer(Protocol):
    """What a download reads from an HTTP answer (the transport adapts its response)."""

    @property
    def status_code(self) -> int: ...

    @property
    def headers(self) -> Any:
        """Case-insensitive headers with ``get(name, default)``."""

    def chunks(self) -> AsyncIterator[bytes]:
        """The body with any Content-Encoding undone."""


class RangeNotSatisfiable(Exception):
    """The server cannot continue the partial file (416): fetch the whole file instead."""


def _local_size(path: Path) -> int:
    if path.is_dir():
        raise ValueError(f"{path} is a folder; choose a file name to save the download as.")
    if not path.parent.is_dir():
        raise ValueError(f"The folder {path.parent} does not exist.")
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _parse_content_range(value: str | None) -> tuple[int | None, int | None, int | None]:
    """(first, last, total) from ``bytes a-b/T`` or ``bytes */T``; ``None`` where absent."""
    if not value:
        return None, None, None
    match = _CONTENT_RANGE.match(value)
    if not match or any(len(g or "") > 18 for g in match.groups()):
        raise ValueError(value)
    first = int(match.group(1)) if match.group(1) is not None else None
    last = int(match.group(2)) if match.group(2) is not None else None
    total = int(match.group(3)) if match.group(3) not in (None, "*") else None
    return first, last, total


def _content_length(answer: Answer) -> int | None:
    value = (answer.headers.get("Content-Length") or "").strip()
    return int(value) if value.isdigit() and len(value) <= 18 else None


def _filename(answer: Answer) -> str | None:
    header = answer.headers.get("Content-Disposition")
    if not header:
        return None
    match = _FILENAME_STAR.search(header)
    if match:
        return safe_text(_unquote(match.group(1).strip())) or None
    match = _FILENAME.search(header)
    if match:
        return safe_text((match.group(1) or match.group(2) or "").strip()) or None
    return None


def _unquote(text: str) -> str:
    from urllib.parse import unquote

    return unquote(text)


def _encoded(answer: Answer) -> bool:
    encoding = (answer.headers.get("Content-Encoding") or "").strip().lower()
    return encoding not in ("", "identity")


def _framed(answer: Answer) -> bool:
    """The end of the body is marked by the protocol (chunked), not by a closed connection."""
    return "chunked" in (answer.headers.get("Transfer-Encoding") or "").lower()


Send = Callable[["Transfer"], Awaitable[DownloadResult]]


async def run_download(
    pipeline: Pipeline, call: Call[None], request: DownloadRequest, send: Send
) -> DownloadResult:
    """Download the file of *call* into ``request.path``; *send* runs one :class:`Transfer`
    over the transport (request out, :meth:`Transfer.consume` on the answer)."""
    existing = await asyncio.to_thread(_local_size, request.path)
    range_from = existing if request.resume else 0
    first: DownloadResult | None = None
    received = 0
    confirmations = 0
    unconfirmed: int | None = None
    while True:
        transfer: Transfer | None = None

        async def exchange(attempt: Attempt, start: int = range_from) -> DownloadResult:
            nonlocal transfer
            transfer = Transfer(pipeline, call, request, start, attempt)
            return await send(transfer)

        try:
            result = await pipeline.run(call, exchange)
        except RangeNotSatisfiable:
            log.info(
                "%s.php %s: the server cannot continue from byte %d; downloading it all",
                call.script,
                call.command,
                range_from,
            )
            range_from = 0
            continue
        assert transfer is not None
        received += result.received_bytes
        first = first or result
        whole = replace(
            result,
            received_bytes=received,
            resumed_from=(result if result.http_status == 200 else first).resumed_from,
            already_complete=result.already_complete and first is result,
        )
        if transfer.confirmed or (result.resumed_from == 0 and unconfirmed == result.total_bytes):
            if request.resume and existing > 0 and whole.resumed_from == 0:
                whole = replace(whole, restarted=True)
            return whole
        # Only the closed connection said where the body ended: ask from there.
        if confirmations >= MAX_CONFIRMATIONS:
            raise _unconfirmed(call, result.total_bytes)
        confirmations += 1
        unconfirmed = result.total_bytes if result.resumed_from == 0 else None
        range_from = result.total_bytes
        log.info(
            "%s.php %s: %d bytes without a size; confirming the end with a Range request",
            call.script,
            call.command,
            range_from,
        )


def _unconfirmed(call: Call[None], size: int) -> DownloadInterruptedError:
    log.warning("%s.php %s: the end of the file was never confirmed", call.script, call.command)
    return DownloadInterruptedError(
        "The server never said how big the file is, and could not confirm that the "
        f"{size} bytes received are all of it. The part received is kept; start the "
        "download again to resume it.",
        bytes_on_disk=size,
        endpoint=call.script,
        command=call.command,
        detail="the size of the file was never confirmed",
    )


class Transfer:
    """One HTTP answer of a download, from headers to the last byte."""

    def __init__(
        self,
        pipeline: Pipeline,
        call: Call[None],
        request: DownloadRequest,
        range_from: int,
        attempt: Attempt,
    ) -> None:
        self.pipeline = pipeline
        self.call = call
        self.request = request
        self.range_from = range_from
        self.attempt = attempt
        self.written = 0
        self.start = 0
        self.expected: int | None = None
        self.confirmed = False
        """The size was known and reached (or the server confirmed the end)."""
        self.file: IO[bytes] | None = None
        self._slow_since: float | None = None
        self._slow_bytes = 0

    def request_headers(self) -> dict[str, str]:
        headers = {"Accept-Encoding": "identity"}
        if self.range_from > 0:
            headers["Range"] = f"bytes={self.range_from}-"
        return headers

    # --- failures ---------------------------------------------------------------------

    def interrupted(self, reason: str) -> DownloadInterruptedError:
        """The answer stopped before the whole file arrived: what is on disk can be resumed."""
        call = self.call
        on_disk = self.start + self.written if self.file is not None else self.range_from
        detail = self.pipeline.redact(reason)
        log.warning(
            "%s.php %s: download interrupted after %d bytes (%s)",
            call.script,
            call.command,
            on_disk,
            detail,
        )
        return DownloadInterruptedError(
            bytes_on_disk=on_disk,
            expected_bytes=self.expected,
            endpoint=call.script,
            command=call.command,
            detail=detail,
        )

    def _bad(self, problem: str, body: bytes, *, html: bool = False) -> ProtocolError:
        return self.pipeline.protocol_error(
            self.call, problem, body, self.attempt.status, html=html
        )

    # --- the answer ------------------------------------------------------------------

    async def _read_small(self, answer: Answer) -> bytes:
        body = bytearray()
        async for chunk in answer.chunks():
            self.attempt.received += len(chunk)
            body += chunk
            if len(body) > MAX_NON_FILE_BODY:
                break
        return bytes(body)

    async def consume(self, answer: Answer) -> DownloadResult:
        """Check the answer and write it to the file; returns what was done."""
        status = self.attempt.status = answer.status_code
        pipeline, call = self.pipeline, self.call
        if status == 416:
            body = await self._read_small(answer)
            found = bodies.find_error(body)
            if found is not None:
                raise pipeline.api_error(call, found, body)
            try:
                _, _, total = _parse_content_range(answer.headers.get("Content-Range"))
            except ValueError:
                total = None
            if self.range_from > 0 and total == self.range_from:
                self.confirmed = True
                self._progress(total, total)
                return self._result(answer, already_complete=True)
            if self.range_from > 0:
                raise RangeNotSatisfiable
            raise pipeline.status_error(call, status, body)
        if status not in (200, 206):
            body = await self._read_small(answer)
            found = bodies.find_error(body)
            if found is not None:
                raise pipeline.api_error(call, found, body)
            raise pipeline.status_error(call, status, body)
        self._expect(answer, status)
        chunks = answer.chunks()
        head, ended = await self._sniff(chunks, answer)
        self._check_is_file(head, ended, answer)

        await self._open_file()
        self._write(head)
        if not ended:
            async for chunk in chunks:
                self.attempt.received += len(chunk)
                self._write(chunk)
        size = self.start + self.written
        if self.expected is not None and size != self.expected:
            if size < self.expected:
                raise DownloadInterruptedError(
                    f"The download stopped at {size} of {self.expected} bytes. The part "
                    "received is kept; start the download again to resume it.",
                    bytes_on_disk=size,
                    expected_bytes=self.expected,
                    endpoint=call.script,
                    command=call.command,
                )
            raise self._bad(f"SMSC sent {size} bytes although it announced {self.expected}.", b"")
        self.confirmed = self.expected is not None or _framed(answer)
        return self._result(answer)

    def _expect(self, answer: Answer, status: int) -> None:
        """Where the body starts in the file and how big the file is, from the headers."""
        length = None if _encoded(answer) else _content_length(answer)
        if status == 200:
            self.start, self.expected = 0, length
            return
        try:
            first, last, total = _parse_content_range(answer.headers.get("Content-Range"))
        except ValueError:
            raise self._bad(
                "SMSC answered a resumed download with an unreadable Content-Range.", b""
            ) from None
        if first is None or first != self.range_from:
            raise self._bad(
                f"SMSC resumed the download at byte {first} instead of {self.range_from}.", b""
            )
        self.start = first
        if total is not None:
            self.expected = total
        elif last is not None:
            self.expected = last + 1
        elif length is not None:
            self.expected = first + length

    async def _sniff(self, chunks: AsyncIterator[bytes], answer: Answer) -> tuple[bytes, bool]:
        head = bytearray()
        ended = True
        async for chunk in chunks:
            self.attempt.received += len(chunk)
            head += chunk
            self._check_speed()
            if len(head) >= SNIFF_BYTES:
                ended = False
                break
        if not ended and self._maybe_not_file(bytes(head), answer):
            # An error or a JSON document: read it whole (they are small) to decide.
            ended = True
            async for chunk in chunks:
                self.attempt.received += len(chunk)
                head += chunk
                self._check_speed()
                if len(head) > MAX_NON_FILE_BODY:
                    ended = False
                    break
        return bytes(head), ended

    @staticmethod
    def _maybe_not_file(head: bytes, answer: Answer) -> bool:
        content_type = (answer.headers.get("Content-Type") or "").lower()
        if "json" in content_type:
            return True
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:5]
        return start[:1] in (b"{", b"<") or start.upper() == b"ERROR"

    def _check_is_file(self, head: bytes, ended: bool, answer: Answer) -> None:
        """Raise if *head* (the start of the body) is not the file. Writes nothing."""
        pipeline, call = self.pipeline, self.call
        if ended and not head:
            raise self._bad("SMSC sent an empty answer instead of the file.", b"")
        content_type = (answer.headers.get("Content-Type") or "").lower()
        if ended:
            # A whole small body that is an SMSC error is never a piece of the file,
            # whatever the status and the label say.
            found = bodies.find_error(head)
            if found is not None:
                raise pipeline.api_error(call, found, head)
        if self.start > 0 and "json" not in content_type:
            return  # mid-file bytes of a resumed download cannot be judged further
        if self.start > 0:
            raise self._bad("SMSC sent JSON data instead of the rest of the file.", head)
        if bodies.looks_like_html(head):
            raise self._bad("", head, html=True)
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if ended and stripped[:1] in (b"{", b"["):
            try:
                bodies.decode_json(stripped)
            except bodies.BodyError:
                if "json" in content_type:
                    raise self._bad("SMSC sent broken JSON instead of the file.", head) from None
                return
            raise self._bad("SMSC sent JSON data instead of the file.", head)
        if "json" in content_type:
            raise self._bad("SMSC sent JSON data instead of the file.", head)

    def _check_speed(self) -> None:
        """Interrupt the transfer when it has been too slow for a whole window."""
        rule = self.request.speed
        now = rule.clock()
        done = self.attempt.received
        if self._slow_since is None:
            self._slow_since, self._slow_bytes = now, done
            return
        elapsed = now - self._slow_since
        if elapsed < rule.window:
            return
        if done - self._slow_bytes < rule.min_rate * elapsed:
            raise self.interrupted(f"slower than {rule.min_rate:.0f} bytes/s for {elapsed:.0f} s")
        self._slow_since, self._slow_bytes = now, done

    # --- the file --------------------------------------------------------------------

    async def _open_file(self) -> None:
        path = self.request.path
        if self.start > 0:
            handle = await asyncio.to_thread(_open_binary, path, "r+b")
            try:
                await asyncio.to_thread(handle.seek, self.start)
                await asyncio.to_thread(handle.truncate, self.start)
            except BaseException:
                handle.close()
                raise
        else:
            handle = await asyncio.to_thread(_open_binary, path, "wb")
        self.file = handle

    def _write(self, data: bytes) -> None:
        if not data:
            return
        assert self.file is not None
        self.file.write(data)
        self.written += len(data)
        self._progress(self.start + self.written, self.expected)
        self._check_speed()

    def _progress(self, done: int, total: int | None) -> None:
        if self.request.progress is not None:
            self.request.progress(done, total)

    def close_file(self) -> None:
        # Synchronous on purpose: it must also run when the task is being cancelled.
        if self.file is not None:
            handle, self.file = self.file, None
            with contextlib.suppress(OSError):
                handle.close()

    def _result(self, answer: Answer, *, already_complete: bool = False) -> DownloadResult:
        total = self.range_from if already_complete else self.start + self.written
        return DownloadResult(
            path=self.request.path,
            total_bytes=total,
            received_bytes=0 if already_complete else self.written,
            resumed_from=self.range_from if already_complete else self.start,
            restarted=False,
            already_complete=already_complete,
            http_status=answer.status_code,
            content_type=answer.headers.get("Content-Type"),
            filename=_filename(answer),
        )


def _open_binary(path: Path, mode: str) -> IO[bytes]:
    return open(path, mode)
