"""Sending answers: plain bodies and byte ranges of export files, through faults.

:func:`send` writes a body or a :class:`FileSlice` with whatever the active fault asks for
(latency, a rate cap, truncation, a dropped connection); :func:`send_file` adds the file
headers and the single ``Range`` support of ``get_file``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from smsc_desktop.sandbox.exportfile import ExportFile
from smsc_desktop.sandbox.faults import FaultSpec, Throttle


@dataclass(frozen=True)
class FileSlice:
    file: ExportFile
    name: str
    start: int
    end: int  # exclusive


Result = bytes | FileSlice
"""What a script returns: a rendered body, or a file to serve."""


# --- ranges ---------------------------------------------------------------------------------


class Unsatisfiable(Exception):
    pass


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """``(start, end_exclusive)`` for a single byte range; None serves the whole file.

    Malformed and multi-range headers are ignored (the whole file is served, as RFC 9110
    allows); a range that starts at or beyond the end raises :class:`Unsatisfiable`.
    """
    if not header:
        return None
    unit, _, spec = header.strip().partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash:
        return None
    first, last = first.strip(), last.strip()
    if first == "":
        if not last.isdigit():
            return None
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise Unsatisfiable
        return max(0, size - suffix), size
    if not first.isdigit() or (last and not last.isdigit()):
        return None
    start = int(first)
    if last and int(last) < start:
        return None
    if start >= size:
        raise Unsatisfiable
    stop = int(last) + 1 if last else size
    return start, min(stop, size)


# --- sending --------------------------------------------------------------------------------


def _chunks(data: bytes, chunk: int) -> Iterator[memoryview]:
    view = memoryview(data)
    for pos in range(0, len(view), chunk):
        yield view[pos : pos + chunk]


async def send(
    request: web.Request,
    body: Result,
    *,
    status: int = 200,
    headers: dict[str, str],
    fault: FaultSpec | None,
    chunk_size: int,
) -> web.StreamResponse:
    """Send a body or a file slice through whatever the fault asks for."""
    if fault is not None and fault.latency:
        await fault.wait_latency()
    if isinstance(body, bytes) and fault is not None and fault.truncate and body:
        body = body[: max(1, len(body) // 2)]
    rate = fault.rate if fault is not None else None
    drop = fault.drop_after if fault is not None else None
    lie = fault.extra_length if fault is not None else None
    if isinstance(body, bytes) and rate is None and drop is None and lie is None:
        return web.Response(body=body, status=status, headers=headers)
    if drop == 0:
        _abort(request)
        raise Dropped
    chunk = chunk_size if rate is None else max(256, min(chunk_size, rate // 20))
    if isinstance(body, bytes):
        total = len(body)
        pieces: Iterator[memoryview] = _chunks(body, chunk)
    else:
        total = body.end - body.start
        pieces = body.file.iter_range(body.start, body.end, chunk)
    response = web.StreamResponse(status=status, headers=headers)
    response.content_length = total
    if lie is not None:
        # aiohttp would cut a body at the length it announces: the header is written as is
        response.headers["Content-Length"] = str(max(0, total + lie))
        drop = total if drop is None else min(drop, total)
    throttle = Throttle(rate) if rate is not None else None
    sent = 0
    try:
        await response.prepare(request)
        for piece in pieces:
            if drop is not None and sent + len(piece) >= drop:
                piece = piece[: drop - sent]
                if throttle is not None:
                    await throttle.consume(len(piece))
                await response.write(piece)
                await _flush_and_abort(request)
                raise Dropped
            if throttle is not None:
                await throttle.consume(len(piece))
            await response.write(piece)
            sent += len(piece)
        await response.write_eof()
    except ConnectionError:
        # the client went away; nothing more to say to it
        raise Dropped from None
    return response


class Dropped(Exception):
    """The connection was closed on purpose (or by the client) in the middle of a body."""


def _abort(request: web.Request) -> None:
    transport = request.transport
    if transport is not None:
        transport.abort()


async def _flush_and_abort(request: web.Request) -> None:
    transport = request.transport
    if transport is None:
        return
    # let what was written reach the socket, then close without finishing the body
    for _ in range(100):
        if transport.get_write_buffer_size() == 0:
            break
        await asyncio.sleep(0.001)
    transport.close()


def file_headers(file_slice: FileSlice) -> dict[str, str]:
    return {
        "Content-Type": f"text/csv; charset={file_slice.file.charset}",
        "Content-Disposition": f'attachment; filename="{file_slice.name}"',
        "Accept-Ranges": "bytes",
    }


async def send_file(
    request: web.Request,
    entry: dict[str, Any],
    file_slice: FileSlice,
    fault: FaultSpec | None,
    chunk_size: int,
) -> web.StreamResponse:
    size = file_slice.file.size
    headers = file_headers(file_slice)
    try:
        window = parse_range(request.headers.get("Range"), size)
    except Unsatisfiable:
        entry["http_status"] = 416
        headers["Content-Range"] = f"bytes */{size}"
        headers.pop("Content-Disposition", None)
        return web.Response(status=416, headers=headers)
    status = 200
    if window is not None:
        start, end = window
        file_slice = FileSlice(file_slice.file, file_slice.name, start, end)
        headers["Content-Range"] = f"bytes {start}-{end - 1}/{size}"
        status = 206
    entry["http_status"] = status
    return await send(
        request, file_slice, status=status, headers=headers, fault=fault, chunk_size=chunk_size
    )
