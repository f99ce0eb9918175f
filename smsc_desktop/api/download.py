"""Streaming a deferred job's file to disk, with resume (``downloads.php?get_file=1``).

The body is streamed chunk by chunk (httpx's default chunking, the fastest measured) and
never held in memory whole. Before the first byte is written the start of the body is
checked: an SMSC error (in any ``fmt``), a web page or a JSON document is not the file,
and raises without touching the partial file at *dest*.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, Protocol
from urllib.parse import unquote

import httpx

from smsc_desktop.api import parsing
from smsc_desktop.api.errors import (
    ConnectFailedError,
    DownloadInterruptedError,
    ProtocolError,
    SmscError,
    TooManyRequestsError,
)
from smsc_desktop.api.models import DownloadResult
from smsc_desktop.api.redact import redact_text

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

    from smsc_desktop.api.client import SmscClient, _Call
    from smsc_desktop.api.ratelimit import Slot

log = logging.getLogger("smsc_desktop.api")

SNIFF_BYTES: Final = 4096
"""How much of the body is looked at before deciding whether it is the file."""
MAX_NON_FILE_BODY: Final = 1024 * 1024
"""An error or a JSON document is never bigger than this."""

_CONTENT_RANGE = re.compile(r"^\s*bytes\s+(?:(\d+)-(\d+)|\*)\s*/\s*(\d+|\*)\s*$", re.IGNORECASE)
_FILENAME_STAR = re.compile(r"filename\*\s*=\s*[^']*'[^']*'([^;]+)", re.IGNORECASE)
_FILENAME = re.compile(r'filename\s*=\s*(?:"([^"]*)"|([^;]+))', re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DownloadRequest:
    path: Path
    resume: bool
    progress: Callable[[int, int | None], None] | None


class Answer(Protocol):
    """What a download reads from an HTTP answer (an ``httpx.Response`` has exactly this).

    ``fast_download`` adapts aiohttp's response to it, so both transports share every check
    made on the answer: error bodies, ranges, sizes and the file writes.
    """

    @property
    def status_code(self) -> int: ...

    @property
    def headers(self) -> Any:
        """Case-insensitive headers with ``get(name, default)``."""

    def aiter_raw(self) -> AsyncIterator[bytes]:
        """The body as sent (not decoded)."""

    def aiter_bytes(self) -> AsyncIterator[bytes]:
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
    if not match:
        raise ValueError(value)
    first = int(match.group(1)) if match.group(1) is not None else None
    last = int(match.group(2)) if match.group(2) is not None else None
    total = int(match.group(3)) if match.group(3) not in (None, "*") else None
    return first, last, total


def _content_length(response: Answer) -> int | None:
    value = response.headers.get("Content-Length")
    if value is None or not value.strip().isdigit():
        return None
    return int(value.strip())


def _filename(response: Answer) -> str | None:
    header = response.headers.get("Content-Disposition")
    if not header:
        return None
    match = _FILENAME_STAR.search(header)
    if match:
        return unquote(match.group(1).strip()) or None
    match = _FILENAME.search(header)
    if match:
        return (match.group(1) or match.group(2) or "").strip() or None
    return None


def _encoded(response: Answer) -> bool:
    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    return encoding not in ("", "identity")


async def run_download(
    client: SmscClient,
    call: _Call,
    request: DownloadRequest,
    attempt_type: Callable[[SmscClient, _Call, DownloadRequest, int, int], _Attempt] | None = None,
) -> DownloadResult:
    """Download the file described by *call* into ``request.path``.

    *attempt_type* builds one HTTP attempt (default: :class:`_Attempt` over the client's
    httpx pool); ``fast_download`` passes its aiohttp attempt.
    """
    make_attempt = attempt_type or _Attempt
    if client.closed:
        raise RuntimeError("The SMSC client is closed.")
    existing = await asyncio.to_thread(_local_size, request.path)
    range_from = existing if request.resume else 0
    attempt = 0
    connect_retries = 1 if call.retry_connect else 0
    while True:
        attempt += 1
        try:
            result = await make_attempt(client, call, request, range_from, attempt).run()
        except RangeNotSatisfiable:
            log.info(
                "%s.php %s: the server cannot continue from byte %d; downloading it all",
                call.script,
                call.command,
                range_from,
            )
            range_from = 0
            continue
        except ConnectFailedError as error:
            if connect_retries > 0 and not error.request_sent:
                connect_retries -= 1
                log.info("Retrying %s.php %s once: %s", call.script, call.command, error.detail)
                continue
            raise
        if request.resume and existing > 0 and result.resumed_from == 0:
            result = replace(result, restarted=True)
        return result


class _Attempt:
    """One HTTP request of a download, from headers to the last byte."""

    def __init__(
        self,
        client: SmscClient,
        call: _Call,
        request: DownloadRequest,
        range_from: int,
        attempt: int,
    ) -> None:
        self.client = client
        self.call = call
        self.request = request
        self.range_from = range_from
        self.attempt = attempt
        self.status: int | None = None
        self.received = 0
        self.written = 0
        self.start = 0
        self.expected: int | None = None
        self.file: IO[bytes] | None = None

    async def run(self) -> DownloadResult:
        client, call = self.client, self.call
        slot = client._reserve(call)
        started_at = datetime.now(UTC)
        t0 = time.perf_counter()
        headers = self._request_headers()
        error: BaseException | None = None
        try:
            try:
                async with client._http.stream(
                    "POST", client._url(call.script), data=client._form(call), headers=headers
                ) as response:
                    self.status = response.status_code
                    return await self._consume(response)
            except httpx.HTTPError as exc:
                raise self._transport_error(exc, slot) from exc
        except BaseException as exc:
            error = exc
            if isinstance(exc, TooManyRequestsError) and call.guard_key is not None:
                client._guard.block(call.guard_key)
            raise
        finally:
            self._close_file()
            client._emit(call, started_at, t0, self.status, error, self.received, self.attempt)

    def _request_headers(self) -> dict[str, str]:
        headers = {"Accept-Encoding": "identity"}
        if self.range_from > 0:
            headers["Range"] = f"bytes={self.range_from}-"
        return headers

    # --- failures ---------------------------------------------------------------------

    def _transport_error(self, exc: httpx.HTTPError, slot: Slot | None) -> SmscError:
        client, call = self.client, self.call
        if self.status is None:
            error = client._network_error(exc, call)
            if slot is not None and not getattr(error, "request_sent", True):
                client._guard.release(slot)
            return error
        return self._interrupted(str(exc) or type(exc).__name__)

    def _interrupted(self, reason: str) -> DownloadInterruptedError:
        """The connection broke after the answer began: what is on disk can be resumed."""
        call = self.call
        on_disk = self.start + self.written if self.file is not None else self.range_from
        detail = redact_text(reason, self.client._secrets)
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

    def _bad(self, problem: str, body: bytes) -> ProtocolError:
        return self.client._protocol_error(self.call, problem, body, self.status)

    # --- the answer ------------------------------------------------------------------

    async def _read_small(self, response: Answer) -> bytes:
        body = bytearray()
        async for chunk in response.aiter_bytes():
            self.received += len(chunk)
            body += chunk
            if len(body) > MAX_NON_FILE_BODY:
                break
        return bytes(body)

    async def _consume(self, response: Answer) -> DownloadResult:
        status = response.status_code
        client = self.client
        if status == 416:
            body = await self._read_small(response)
            found = parsing.find_error(body)
            if found is not None:
                raise client._api_error(self.call, found, body)
            try:
                _, _, total = _parse_content_range(response.headers.get("Content-Range"))
            except ValueError:
                total = None
            if self.range_from > 0 and total == self.range_from:
                self._progress(total, total)
                return self._result(response, already_complete=True)
            if self.range_from > 0:
                raise RangeNotSatisfiable
            raise client._status_error(self.call, status, body)
        if status not in (200, 206):
            body = await self._read_small(response)
            found = parsing.find_error(body)
            if found is not None:
                raise client._api_error(self.call, found, body)
            raise client._status_error(self.call, status, body)

        encoded = _encoded(response)
        length = None if encoded else _content_length(response)
        if status == 206:
            try:
                first, last, total = _parse_content_range(response.headers.get("Content-Range"))
            except ValueError:
                raise self._bad(
                    "SMSC answered a resumed download with an unreadable Content-Range.", b""
                ) from None
            if first is None or first != self.range_from:
                raise self._bad(
                    f"SMSC resumed the download at byte {first} instead of {self.range_from}.",
                    b"",
                )
            self.start = first
            if total is not None:
                self.expected = total
            elif last is not None:
                self.expected = last + 1
            elif length is not None:
                self.expected = first + length
        else:
            self.start = 0
            self.expected = length

        chunks: AsyncIterator[bytes] = response.aiter_bytes() if encoded else response.aiter_raw()
        head, ended = await self._sniff(chunks, response)
        self._check_is_file(head, ended, response)

        await self._open_file()
        self._write(head)
        if not ended:
            async for chunk in chunks:
                self.received += len(chunk)
                self._write(chunk)
        size = self.start + self.written
        if self.expected is not None and size != self.expected:
            if size < self.expected:
                raise DownloadInterruptedError(
                    f"The download stopped at {size} of {self.expected} bytes. The part "
                    "received is kept; start the download again to resume it.",
                    bytes_on_disk=size,
                    expected_bytes=self.expected,
                    endpoint=self.call.script,
                    command=self.call.command,
                )
            raise self._bad(f"SMSC sent {size} bytes although it announced {self.expected}.", b"")
        return self._result(response)

    async def _sniff(self, chunks: AsyncIterator[bytes], response: Answer) -> tuple[bytes, bool]:
        head = bytearray()
        ended = True
        async for chunk in chunks:
            self.received += len(chunk)
            head += chunk
            if len(head) >= SNIFF_BYTES:
                ended = False
                break
        if not ended and self._maybe_not_file(bytes(head), response):
            # An error or a JSON document: read it whole (they are small) to decide.
            ended = True
            async for chunk in chunks:
                self.received += len(chunk)
                head += chunk
                if len(head) > MAX_NON_FILE_BODY:
                    ended = False
                    break
        return bytes(head), ended

    @staticmethod
    def _maybe_not_file(head: bytes, response: Answer) -> bool:
        content_type = response.headers.get("Content-Type", "").lower()
        if "json" in content_type:
            return True
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:5]
        return start[:1] in (b"{", b"<") or start.upper() == b"ERROR"

    def _check_is_file(self, head: bytes, ended: bool, response: Answer) -> None:
        """Raise if *head* (the start of the body) is not the file. Writes nothing."""
        client, call = self.client, self.call
        if ended and not head:
            raise self._bad("SMSC sent an empty answer instead of the file.", b"")
        if self.start == 0 or self.status == 200:
            if parsing.looks_like_html(head):
                raise client._protocol_error(call, "", head, self.status, html=True)
            if ended:
                found = parsing.find_error(head)
                if found is not None:
                    raise client._api_error(call, found, head)
            content_type = response.headers.get("Content-Type", "").lower()
            stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
            if ended and stripped[:1] in (b"{", b"["):
                try:
                    value = parsing.decode_json(stripped)
                except parsing.BodyError:
                    value = None
                    if "json" in content_type:
                        raise self._bad(
                            "SMSC sent broken JSON instead of the file.", head
                        ) from None
                if value is not None:
                    if isinstance(value, dict):
                        found = parsing.find_error(b"", json_value=value)
                        if found is not None:
                            raise client._api_error(call, found, head)
                    raise self._bad("SMSC sent JSON data instead of the file.", head)
            elif "json" in content_type:
                raise self._bad("SMSC sent JSON data instead of the file.", head)
        elif "json" in response.headers.get("Content-Type", "").lower():
            # Mid-file bytes of a resumed download cannot be judged, unless labelled JSON.
            found = parsing.find_error(head) if ended else None
            if found is not None:
                raise client._api_error(call, found, head)
            raise self._bad("SMSC sent JSON data instead of the rest of the file.", head)

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

    def _progress(self, done: int, total: int | None) -> None:
        if self.request.progress is not None:
            self.request.progress(done, total)

    def _close_file(self) -> None:
        # Synchronous on purpose: it must also run when the task is being cancelled.
        if self.file is not None:
            handle, self.file = self.file, None
            with contextlib.suppress(OSError):
                handle.close()

    def _result(self, response: Answer, *, already_complete: bool = False) -> DownloadResult:
        total = self.range_from if already_complete else self.start + self.written
        return DownloadResult(
            path=self.request.path,
            total_bytes=total,
            received_bytes=0 if already_complete else self.written,
            resumed_from=self.range_from if already_complete else self.start,
            restarted=False,
            already_complete=already_complete,
            http_status=response.status_code,
            content_type=response.headers.get("Content-Type"),
            filename=_filename(response),
        )


def _open_binary(path: Path, mode: str) -> IO[bytes]:
    return open(path, mode)
