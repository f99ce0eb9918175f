"""``/sys/imgcode.php``: the captcha picture a site's form shows (GET or POST, no credentials).

``imgcode.php?1.1`` (any query: browsers add to it to defeat caches) answers a new PNG
(``image/png``, ``Cache-Control: no-store``) and remembers its code for the address that
asked. Sandbox-only query parameters: ``userip=<address>`` remembers the code for that
address instead (a site that fetches the picture on its visitor's behalf), ``scale=1..8``
enlarges the picture. Either one malformed answers SMSC error 1 in the request's fmt.

Counted and logged like any request (``endpoint`` ``imgcode``; the log entry has the
address and never the code); faults on ``imgcode`` apply (latency, drops, error pages).
"""

from __future__ import annotations

from aiohttp import web

from smsc_desktop.sandbox import protocol as p
from smsc_desktop.sandbox.captcha import MAX_SCALE, draw, normalize_ip
from smsc_desktop.sandbox.endpoints import STATE_KEY, send_fault
from smsc_desktop.sandbox.reading import request_params
from smsc_desktop.sandbox.sending import Dropped, send

__all__ = ["add_routes", "imgcode"]


async def imgcode(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE_KEY]
    params = await request_params(request)
    entry = state.record_request("imgcode", "", request.method, params)
    fault = state.faults.take("imgcode")
    chunk_size = state.config.chunk_size
    headers = {"Content-Type": p.content_type(params.fmt, params.charset)}
    try:
        if fault is not None:
            entry["fault"] = fault.to_dict()
            if fault.short_circuit:
                return await send_fault(request, entry, params, fault, chunk_size)
        query = request.rel_url.query
        asked = query.get("userip")
        ip = normalize_ip(asked) if asked is not None else normalize_ip(request.remote or "")
        scale_text = query.get("scale", "1").strip()
        if ip is None or not scale_text.isdigit() or not 1 <= int(scale_text) <= MAX_SCALE:
            entry.update(error_code=1, http_status=200)
            body = p.error_body(1, p.ERR_PARAMS, params.fmt, params.codec)
            return await send(request, body, headers=headers, fault=fault, chunk_size=chunk_size)
        store = state.sms.captchas
        captcha = store.issue(ip, state.clock.monotonic(), state.clock.time())
        png = draw(captcha.code, store.rng, int(scale_text))
        entry.update(error_code=0, http_status=200, userip=ip)
        image_headers = {"Content-Type": "image/png", "Cache-Control": "no-store"}
        return await send(request, png, headers=image_headers, fault=fault, chunk_size=chunk_size)
    except Dropped:
        entry["dropped"] = True
        return web.Response(status=499)


def add_routes(app: web.Application) -> None:
    app.router.add_route("GET", "/sys/imgcode.php", imgcode)
    app.router.add_route("POST", "/sys/imgcode.php", imgcode)
