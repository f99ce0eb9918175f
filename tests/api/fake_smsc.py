"""A scriptable fake SMSC for unit tests, served through ``httpx.MockTransport``.

Routes are keyed by script and command (``("receive_phones", "buy")``); a route gives a
response, a callable building one, or an exception to raise. Every request is recorded
with its decoded form so tests can check exactly what the client sent.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import httpx

PASSWORD = "s3cr3t-Pa$$ word"
"""Has characters that URL encoding changes, so redaction of encoded forms is tested."""
APIKEY = "KEY-0123456789abcdef"

COMMANDS = {
    "receive_phones": ("get", "buy", "chg"),
    "downloads": ("get_list", "get_file"),
    "get": ("get_answers",),
}


@dataclass
class Seen:
    method: str
    url: httpx.URL
    script: str
    command: str
    form: dict[str, str]
    headers: httpx.Headers


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


Route = httpx.Response | Exception | Callable[[httpx.Request, dict[str, str]], Any]


@dataclass
class FakeSmsc:
    routes: dict[tuple[str, str], list[Route]] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)

    def on(self, script: str, command: str | None = None, *responses: Route) -> FakeSmsc:
        """Answer the next requests with *responses* in turn; the last one repeats."""
        self.routes[(script, command or script)] = list(responses)
        return self

    def json(self, script: str, command: str | None, payload: Any, status: int = 200) -> FakeSmsc:
        body = json.dumps(payload, ensure_ascii=False).encode()
        return self.on(script, command, httpx.Response(status, content=body))

    def text(
        self, script: str, command: str | None, text: str | bytes, status: int = 200
    ) -> FakeSmsc:
        body = text.encode() if isinstance(text, str) else text
        return self.on(script, command, httpx.Response(status, content=body))

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def calls(self, script: str | None = None, command: str | None = None) -> list[Seen]:
        return [
            s
            for s in self.seen
            if (script is None or s.script == script) and (command is None or s.command == command)
        ]

    def handle(self, request: httpx.Request) -> httpx.Response:
        form = {
            k: v[0] for k, v in parse_qs(request.content.decode(), keep_blank_values=True).items()
        }
        path = request.url.path
        script = path.rsplit("/", 1)[-1].removesuffix(".php")
        command = next((c for c in COMMANDS.get(script, ()) if form.get(c) == "1"), script)
        self.seen.append(Seen(request.method, request.url, script, command, form, request.headers))
        queue = self.routes.get((script, command))
        if not queue:
            return httpx.Response(404, text=f"no route for {script}/{command}")
        route = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(route, Exception):
            raise route
        if isinstance(route, httpx.Response):
            # A fresh, unread copy each time, streamed like a network body.
            return httpx.Response(
                route.status_code,
                headers=route.headers,
                stream=ChunkStream([route.content] if route.content else []),
            )
        return route(request, form)


class ChunkStream(httpx.AsyncByteStream):
    """A response body that yields *chunks* and then optionally raises *error*."""

    def __init__(self, chunks: list[bytes], error: Exception | None = None) -> None:
        self.chunks = chunks
        self.error = error
        self.yielded = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            self.yielded += 1
            yield chunk
        if self.error is not None:
            raise self.error
