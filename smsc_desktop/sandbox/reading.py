"""The one place a ``/sys/`` request's parameters are read: :func:`request_params`.

The body is read with ``await request.read()`` (aiohttp keeps the bytes, so reading twice
gives the same bytes) and decoded once by :func:`protocol.parse_params`; the result is kept
on the request. Whoever asks first, a middleware or a handler, everyone after gets the same
:class:`~smsc_desktop.sandbox.protocol.Params`. Whether the body "can still be read" is
never asked, so a middleware that looked at the body first changes nothing.

Only the stream reader ``request.post()`` on a multipart body leaves nothing to read again;
that is reported as a :attr:`Params.problem` rather than silently losing the parameters.

Only POST bodies count (PHP fills ``$_POST`` for POST only). A body over the server's size
limit is not an HTTP 413 but a :attr:`Params.problem`, answered as an SMSC error like any
other unreadable body.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from aiohttp import web

from smsc_desktop.sandbox import protocol as p

# aiohttp >= 3.13 warns about plain string keys on requests; older versions have no RequestKey.
PARAMS_KEY: Any = (
    web.RequestKey("smsc_sandbox_params", p.Params)
    if hasattr(web, "RequestKey")
    else "smsc_sandbox_params"
)


async def request_params(request: web.Request) -> p.Params:
    """The request's decoded parameters, read on the first call and kept on the request."""
    cached = request.get(PARAMS_KEY)
    if isinstance(cached, p.Params):
        return cached
    body = b""
    problem: str | None = None
    if request.method == "POST":
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            problem = f"request body larger than {request.client_max_size} bytes"
        else:
            if not body and request.content_length:
                # streamed away by someone else (e.g. request.post() on a multipart body)
                problem = "the request body was consumed before the sandbox read it"
    content_type = request.headers.get("Content-Type", "")
    params = p.parse_params(request.rel_url.raw_query_string, body, content_type)
    if problem is not None:
        params = dataclasses.replace(params, problem=problem)
    request[PARAMS_KEY] = params
    return params
