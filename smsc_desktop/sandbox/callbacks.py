"""Callbacks to the client's handler: what SMSC POSTs when a subscriber calls to confirm a
number, or an SMS lands on a rented number.

The sandbox reads the handler URL (``SandboxConfig.callback_url``, SMSC's "User settings")
on its own, as SMSC's documentation describes it, not with the app's code:

- ``https://site/script!g1&g2?p1&p2``: ``g1``, ``g2`` go in the request's query (GET),
  every parameter after ``?`` is POSTed next to the standard fields;
- ``charset`` (windows-1251 by default, utf-8, koi8-r): the encoding of the values; koi8-r
  is not used when ``fmt`` is given, whatever its value (windows-1251 then);
- ``fmt=2``: an XML body, ``fmt=3``: a JSON body, anything else: form fields;
- ``md5``/``sha1``/``crc32=<secret>``: sent with the secret replaced by the hash (md5 and
  sha1 lower-case hex, crc32 an unsigned decimal) of ``<fields>:<secret>`` in the charset.

Where the documentation is silent, settings choose (both readings can be tested):

- ``waitcall_callback``: ``"waitcall"`` sends ``waitcall=1, phone, ts``; ``"waitcall_mes"``
  also ``id, mes=[waitcall], to`` (SMSC records the call as an incoming ``[waitcall]`` SMS,
  so its callback may look like one);
- ``waitcall_signing`` (``"phone:ts"``) and ``incoming_signing`` (``"id:phone:mes"``): the
  fields hashed before the secret; the documentation gives only the delivery-status string.

Every callback is kept in :attr:`CallbackOutbox.sent` (``GET /sandbox/state`` shows the
last 50, with the whole request as text to paste into a checker) and POSTed when the
server's loop runs; the handler's answer or the failure is added to the record.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import zlib
from collections import deque
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus, unquote, urlsplit
from xml.sax.saxutils import escape

log = logging.getLogger("smsc_desktop.sandbox.callbacks")

CALLBACK_FIELDS = frozenset(
    {"id", "sms_id", "phone", "mes", "to", "sent", "time", "ts", "waitcall"}
)
"""Field names a signing setting may name."""
WAITCALL_CALLBACKS: tuple[str, ...] = ("waitcall", "waitcall_mes")
_CODECS = {"windows-1251": "cp1251", "utf-8": "utf-8", "koi8-r": "koi8_r"}
_ALGORITHMS = ("md5", "sha1", "crc32")
USER_AGENT = "SMSC-sandbox callback"


def check_signing(value: str) -> str:
    """A signing setting (``"phone:ts"``): field names joined by ``:``; ValueError if not."""
    names = [name.strip() for name in str(value).split(":")]
    if not names or any(name not in CALLBACK_FIELDS for name in names):
        raise ValueError(f"signing fields must be some of {sorted(CALLBACK_FIELDS)}: {value!r}")
    return ":".join(names)


def _params(text: str) -> list[tuple[str, str]]:
    pairs = []
    for piece in text.split("&"):
        if piece:
            name, _, value = piece.partition("=")
            pairs.append((unquote(name), unquote(value)))
    return pairs


@dataclass(frozen=True, slots=True)
class HandlerAddress:
    """A handler URL as SMSC reads it."""

    script: str
    get: tuple[tuple[str, str], ...]
    post: tuple[tuple[str, str], ...]

    @classmethod
    def parse(cls, url: str) -> HandlerAddress:
        text = url.strip().split("#", 1)[0]
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"callback_url must be an http(s) address: {url!r}")
        before, _, query = text.partition("?")
        start = before.index("://") + 3
        bang = before.find("!", start)
        script, get_text = (before[:bang], before[bang + 1 :]) if bang >= 0 else (before, "")
        return cls(script, tuple(_params(get_text)), tuple(_params(query)))

    def value(self, name: str) -> str | None:
        return next((v for k, v in self.post if k.lower() == name), None)

    @property
    def charset(self) -> str:
        declared = (self.value("charset") or "windows-1251").strip().lower()
        charset = declared if declared in _CODECS else "windows-1251"
        if charset == "koi8-r" and self.value("fmt") is not None:
            return "windows-1251"  # "when fmt is given, koi8-r is not used"
        return charset

    @property
    def fmt(self) -> str:
        return (self.value("fmt") or "").strip()

    @property
    def request_url(self) -> str:
        if not self.get:
            return self.script
        query = "&".join(f"{quote_plus(k)}={quote_plus(v)}" if v else k for k, v in self.get)
        return f"{self.script}?{query}"


def _hash(algorithm: str, data: bytes) -> str:
    if algorithm == "md5":
        return hashlib.md5(data, usedforsecurity=False).hexdigest()
    if algorithm == "sha1":
        return hashlib.sha1(data, usedforsecurity=False).hexdigest()
    return str(zlib.crc32(data) & 0xFFFFFFFF)


def build_request(
    handler: HandlerAddress, fields: list[tuple[str, str]], signing: str
) -> dict[str, Any]:
    """The request SMSC sends: standard ``fields``, then the URL's POST parameters with
    each signature's secret replaced by the hash of ``signing``'s fields and the secret."""
    charset = handler.charset
    codec = _CODECS[charset]
    values = dict(fields)
    signed = [values.get(name, "") for name in signing.split(":")]
    posted = list(fields)
    taken = {name for name, _ in fields}
    for name, value in handler.post:
        if name.lower() in _ALGORITHMS:
            data = ":".join([*signed, value]).encode(codec, errors="replace")
            posted.append((name, _hash(name.lower(), data)))
        elif name not in taken:
            posted.append((name, value))
        taken.add(name)
    if handler.fmt == "3":
        text = json.dumps(dict(posted), ensure_ascii=False)
        body, content_type = text.encode(codec, errors="replace"), "application/json"
    elif handler.fmt == "2":
        inner = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in posted)
        text = f'<?xml version="1.0" encoding="{charset}"?>\n<result>{inner}</result>'
        body, content_type = text.encode(codec, errors="replace"), "application/xml"
    else:
        text = "&".join(
            quote_plus(k.encode(codec, errors="replace"))
            + "="
            + quote_plus(v.encode(codec, errors="replace"))
            for k, v in posted
        )
        body, content_type = text.encode("ascii"), "application/x-www-form-urlencoded"
    content_type += f"; charset={charset}"
    url = handler.request_url
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    host = parts.netloc
    http = (
        f"POST {target} HTTP/1.1\nHost: {host}\nUser-Agent: {USER_AGENT}\n"
        f"Content-Type: {content_type}\n\n{body.decode(codec, errors='replace')}"
    )
    return {
        "url": url,
        "content_type": content_type,
        "charset": charset,
        "fields": [[k, v] for k, v in posted],
        "signing": signing,
        "http": http,
        "body": body,
    }


class CallbackOutbox:
    """The callbacks the sandbox sent (or would send), and their delivery."""

    def __init__(self) -> None:
        self.sent: deque[dict[str, Any]] = deque(maxlen=50)
        self._tasks: set[asyncio.Task[None]] = set()

    def clear(self) -> None:
        self.sent.clear()
        for task in self._tasks:
            task.cancel()

    def send(self, url: str, kind: str, fields: list[tuple[str, str]], signing: str) -> None:
        """Record the callback and POST it from the running loop (if any)."""
        request = build_request(HandlerAddress.parse(url), fields, signing)
        body: bytes = request.pop("body")
        record = {"kind": kind, **request, "status": None, "error": None}
        self.sent.append(record)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # no server running: recorded only
        task = loop.create_task(self._post(record, body))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _post(self, record: dict[str, Any], body: bytes) -> None:
        import aiohttp  # here, so the sandbox's config needs no aiohttp (ui/context.py)

        headers = {"Content-Type": record["content_type"], "User-Agent": USER_AGENT}
        timeout = aiohttp.ClientTimeout(total=10)
        try:
            async with (
                aiohttp.ClientSession(timeout=timeout) as session,
                session.post(
                    record["url"], data=body, headers=headers, allow_redirects=False
                ) as reply,
            ):
                await reply.read()
                record["status"] = reply.status
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            record["error"] = f"{type(error).__name__}: {error}"
            log.info("Callback to %s failed: %s", record["url"], record["error"])

    def snapshot(self) -> list[dict[str, Any]]:
        return [dict(record) for record in self.sent]
