"""Request bodies and query strings split into raw ``(name, value)`` byte pairs.

Nothing here decodes text: the pairs stay bytes until :func:`protocol.parse_params` knows the
request's ``charset`` (which may itself sit anywhere in the query or the body), so a
``windows-1251`` or ``koi8-r`` body is decoded once, in its own charset, whatever its shape.

- ``application/x-www-form-urlencoded`` (and any body that is not multipart, as PHP reads
  it): ``&``-separated, ``+`` is a space, ``%XX`` escapes are bytes; raw 8-bit bytes are
  kept as they are.
- ``multipart/form-data`` (what SMSC's own Node library sends): the parts between the
  boundaries; a part's value is its body bytes. File parts (with ``filename``) are not
  parameters and are left out, as PHP puts them in ``$_FILES``.

Both functions are total: malformed input gives the pairs that could be read plus a short
description of the problem, never an exception.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

Pairs = list[tuple[bytes, bytes]]

_BOUNDARY = re.compile(r'boundary\s*=\s*(?:"([^"]+)"|([^\s;,]+))', re.IGNORECASE)
_NAME = re.compile(rb'(?:^|;)\s*name\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))', re.IGNORECASE)
_FILENAME = re.compile(rb"(?:^|;)\s*filename\*?\s*=", re.IGNORECASE)
_DISPOSITION = b"content-disposition:"


def urlencoded_pairs(raw: bytes) -> Pairs:
    """``a=1&b=%D0%AF&c`` → ``[(b"a", b"1"), (b"b", b"\\xd0\\xaf"), (b"c", b"")]``."""
    pairs: Pairs = []
    for field in raw.split(b"&"):
        if not field:
            continue
        name, _, value = field.partition(b"=")
        name = unquote_to_bytes(name.replace(b"+", b" "))
        if not name:
            continue
        pairs.append((name, unquote_to_bytes(value.replace(b"+", b" "))))
    return pairs


def boundary_of(content_type: str) -> bytes | None:
    """The multipart boundary named in a ``Content-Type`` header (None: none given)."""
    match = _BOUNDARY.search(content_type)
    if match is None:
        return None
    value = match.group(1) or match.group(2) or ""
    try:
        return value.encode("ascii")
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace")


def _part_name(headers: bytes) -> tuple[bytes | None, bool]:
    """(field name, is a file) from a part's header block."""
    for line in headers.splitlines():
        if line[: len(_DISPOSITION)].lower() != _DISPOSITION:
            continue
        rest = line[len(_DISPOSITION) :].strip()
        is_file = _FILENAME.search(rest) is not None
        match = _NAME.search(rest)
        if match is None:
            return None, is_file
        quoted, bare = match.group(1), match.group(2)
        name = re.sub(rb"\\(.)", rb"\1", quoted) if quoted is not None else bare
        return name, is_file
    return None, False


def multipart_pairs(body: bytes, content_type: str) -> tuple[Pairs, str | None]:
    """The fields of a ``multipart/form-data`` body and what was wrong with it, if anything."""
    boundary = boundary_of(content_type)
    if not boundary:
        return [], "multipart body without a boundary"
    delimiter = b"--" + boundary
    chunks = body.split(delimiter)
    if len(chunks) < 2:
        return [], "multipart body without its boundary"
    pairs: Pairs = []
    problem: str | None = None
    closed = False
    for chunk in chunks[1:]:
        if chunk.startswith(b"--"):
            closed = True
            break
        # a part: CRLF, headers, an empty line, the value, CRLF (bare LF tolerated)
        if chunk.startswith(b"\r\n"):
            chunk = chunk[2:]
        elif chunk.startswith(b"\n"):
            chunk = chunk[1:]
        if chunk.endswith(b"\r\n"):
            chunk = chunk[:-2]
        elif chunk.endswith(b"\n"):
            chunk = chunk[:-1]
        head, sep, value = chunk.partition(b"\r\n\r\n")
        if not sep:
            head, sep, value = chunk.partition(b"\n\n")
        if not sep:
            if chunk.strip():
                problem = "a multipart part without headers"
            continue
        name, is_file = _part_name(head)
        if name is None:
            problem = "a multipart part without a field name"
            continue
        if not is_file:
            pairs.append((name, value))
    if not closed:  # a truncated body explains any damaged last part too
        problem = "multipart body cut short (no closing boundary)"
    return pairs, problem
