"""Sandbox-only control endpoints under ``/sandbox/``: JSON in, JSON out, no credentials.

They answer only clients on a loopback address (403 otherwise). Errors come back as
``{"error": "..."}`` with HTTP 400 (bad input), 404 (unknown job/account, no pending
verification) or 410 (the verification expired).

``POST /sandbox/reset``
    Body (optional): config overrides for this reset only, e.g. ``{"numbers": 100000,
    "seed": 7, "balances": {"demo": "12.00"}, "enforce_limits": false, "today":
    "2024-06-15"}``, and the compatibility settings ``{"phones_param": true,
    "domestic_phones": "international", "get_file_charset": "request"}`` (see
    ``SandboxConfig``). Everything goes back to the
    starting point: accounts and balances, free and rented numbers, inbox, jobs,
    verifications, faults, limit windows, request counters, the clock. → ``{"ok": true}``

``GET /sandbox/state``
    Accounts (balance, currency, rented numbers with ``noprolong``, inbox, jobs with current
    status), ``free_numbers`` (count), ``verifications`` (pending/confirmed/expired),
    ``requests`` (counters per endpoint and per ``endpoint.command``, e.g.
    ``"receive_phones.buy": 1``; every HTTP request counts, faulted or refused ones too),
    ``sms`` (``outbox``: the SMS sent; ``captchas``: the live captcha codes by address),
    ``log`` (last 200 requests: endpoint, command, method, params with ``psw``/``apikey``
    masked, body (``urlencoded``/``multipart``/null), body_problem, login, account,
    error_code (0 = success), http_status, fault, dropped, and ``"simulated": false`` for
    scripts the sandbox does not simulate),
    ``faults``, ``clock``, ``config``.

``POST /sandbox/simulate_call``  ``{"phone": "79161234567"[, "to_phone": "..."]}``
    The subscriber calls the number handed out by ``wait_call.php``: an incoming message
    ``[waitcall]`` from ``phone`` to the called number lands in the account's inbox.
    → ``{"id": <message id>, "login", "phone", "to_phone", "verification_id"}``;
    404 without a pending verification for that phone, 410 when it expired (15 minutes).

``POST /sandbox/incoming``  ``{"phone", "text"[, "to_phone", "login", "delay"]}``
    An ordinary SMS from ``phone`` lands on one of the account's rented numbers
    (``to_phone``, or its first one; the demo account unless ``login``). → the message as
    get_answers shows it. With ``delay`` (seconds on the sandbox clock) it lands later and
    gets its id then: → ``{"id": null, "scheduled": true, "due", "due_in", "login",
    "phone", "to_phone", "message"}``. 404 when the account does not rent ``to_phone``
    (or rents no number), 400 for a negative delay.

``POST /sandbox/faults``  ``{"endpoint": "balance", "latency": 2.5, "count": 1, ...}``
    Switch a fault on for one endpoint (balance, receive_phones, wait_call, get, downloads);
    fields in ``faults.py``. → ``{"ok": true, "faults": {...}}``

``DELETE /sandbox/faults[?endpoint=NAME]``
    Switch all faults (or one endpoint's) off.

``POST /sandbox/clock``  ``{"advance": 61}`` and/or ``{"today": "2024-02-29"}`` (null unpins)
    Move the sandbox clock forward (job progression, verification expiry, limit windows,
    message dates) and/or pin the date prorating uses. → the clock section of the state.

``POST /sandbox/jobs``  ``{"size": 1073741824[, "name", "status", "login", "final_status",
"start_delay", "run_time"]}``
    Create an export job (for the demo account unless ``login``). With ``status`` it stays
    in that status; without, it waits ``start_delay`` s (status 0), runs ``run_time`` s
    (status 1), then ends in ``final_status`` (2 done, or 4 failed). → the job record.

``POST /sandbox/captcha``  ``{}`` or ``{"ip": "127.0.0.1"}`` (also ``GET ?ip=``)
    The live code of the captcha picture last shown to that address (without one: the last
    picture shown to anyone), for tests and demos that must type it.
    → ``{"ip", "code", "age", "expires_in", "expired"}``; 404 when no picture is live.

``GET /sandbox/jobs/{id}[?charset=utf-8]``
    → ``{"id", "name", "status", "created", "time", "file", "login", "size", "sha256"}``;
    the SHA-256 of the file served in that charset (windows-1251 unless given) is computed
    by streaming once per size and charset, and cached.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from smsc_desktop.sandbox.endpoints import STATE_KEY
from smsc_desktop.sandbox.exportfile import (
    FILE_CODECS,
    FILE_ENCODING,
    export_first_day,
    sha256_of_size,
)
from smsc_desktop.sandbox.faults import FaultSpec
from smsc_desktop.sandbox.incoming import Message, Scheduled
from smsc_desktop.sandbox.state import ControlError, SandboxState

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _json(data: Any, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=lambda o: json.dumps(o, ensure_ascii=False))


def _is_loopback(remote: str | None) -> bool:
    if not remote:
        return False
    try:
        address = ipaddress.ip_address(remote)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def _guarded(handler: Callable[[web.Request, SandboxState], Awaitable[Any]]) -> Handler:
    async def wrapper(request: web.Request) -> web.StreamResponse:
        if not _is_loopback(request.remote):
            return _json({"error": "control endpoints answer loopback clients only"}, 403)
        state = request.app[STATE_KEY]
        try:
            result = await handler(request, state)
        except ControlError as error:
            return _json({"error": error.message}, error.status)
        except (ValueError, TypeError, KeyError) as error:
            return _json({"error": str(error)}, 400)
        if isinstance(result, web.StreamResponse):
            return result
        return _json(result)

    return wrapper


async def _body(request: web.Request) -> dict[str, Any]:
    raw = await request.read()  # kept by aiohttp: the same bytes if anyone read them before
    if not raw.strip():
        return {}
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("a JSON object is expected")
    return data


async def reset(request: web.Request, state: SandboxState) -> Any:
    state.reset(await _body(request))
    return {"ok": True}


async def get_state(request: web.Request, state: SandboxState) -> Any:
    return state.snapshot()


async def simulate_call(request: web.Request, state: SandboxState) -> Any:
    body = await _body(request)
    if not body.get("phone"):
        raise ValueError("phone is required")
    return state.simulate_call(str(body["phone"]), body.get("to_phone"))


async def incoming(request: web.Request, state: SandboxState) -> Any:
    body = await _body(request)
    delay = body.get("delay")
    message = state.add_incoming(
        phone=str(body["phone"]),
        text=str(body["text"]),
        to_phone=body.get("to_phone"),
        login=body.get("login"),
        delay=None if delay is None else float(delay),
    )
    return message_record(state, message)


def message_record(state: SandboxState, message: Message | Scheduled) -> dict[str, Any]:
    if isinstance(message, Scheduled):
        return state.scheduled_view(message)
    return state.message_view(message)


async def set_fault(request: web.Request, state: SandboxState) -> Any:
    state.faults.set(FaultSpec.from_mapping(await _body(request)))
    return {"ok": True, "faults": state.faults.snapshot()}


async def clear_faults(request: web.Request, state: SandboxState) -> Any:
    state.faults.clear(request.query.get("endpoint") or None)
    return {"ok": True, "faults": state.faults.snapshot()}


def apply_clock(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    if "advance" in body:
        state.clock.advance(float(body["advance"]))
    if "today" in body:
        today = body["today"]
        state.clock.pinned_today = None if today is None else dt.date.fromisoformat(str(today))
    clock: dict[str, Any] = state.snapshot()["clock"]
    return clock


async def clock(request: web.Request, state: SandboxState) -> Any:
    return apply_clock(state, await _body(request))


async def get_clock(request: web.Request, state: SandboxState) -> Any:
    clock: dict[str, Any] = state.snapshot()["clock"]
    return clock


def create_job_from(state: SandboxState, body: dict[str, Any]) -> dict[str, Any]:
    allowed = {"size", "name", "status", "login", "final_status", "start_delay", "run_time"}
    unknown = set(body) - allowed
    if unknown:
        raise ValueError(f"unknown job fields: {sorted(unknown)}")
    job = state.create_job(
        size=int(body.get("size", state.config.default_job_size)),
        name=body.get("name"),
        status=None if body.get("status") is None else int(body["status"]),
        login=body.get("login"),
        final_status=int(body.get("final_status", 2)),
        start_delay=None if body.get("start_delay") is None else float(body["start_delay"]),
        run_time=None if body.get("run_time") is None else float(body["run_time"]),
    )
    return state.job_record(job)


async def create_job(request: web.Request, state: SandboxState) -> Any:
    return create_job_from(state, await _body(request))


async def job_info(request: web.Request, state: SandboxState) -> Any:
    try:
        job_id = int(request.match_info["job_id"])
    except ValueError:
        raise ControlError("job id must be an integer", 400) from None
    job = state.find_job(job_id)
    record = state.job_record(job)
    charset = request.query.get("charset") or FILE_ENCODING
    if charset not in FILE_CODECS:
        raise ValueError(f"charset must be one of {sorted(FILE_CODECS)}")
    first = export_first_day(job.name, job.size, job.created_unix, charset)
    loop = asyncio.get_running_loop()
    record["sha256"] = await loop.run_in_executor(
        None, sha256_of_size, record["size"], charset, first
    )
    record["first_day"] = first.isoformat()
    return record


def captcha_record(state: SandboxState, ip: str | None) -> dict[str, Any]:
    from smsc_desktop.sandbox.captcha import normalize_ip

    address = None
    if ip is not None:
        address = normalize_ip(str(ip))
        if address is None:
            raise ValueError(f"{str(ip)[:60]!r} is not an IP address")
    store = state.sms.captchas
    captcha = store.latest(address)
    if captcha is None:
        shown = f" to {address}" if address else ""
        raise ControlError(f"no captcha picture was shown{shown}", 404)
    return store.view(captcha, state.clock.monotonic())


async def captcha(request: web.Request, state: SandboxState) -> Any:
    ip = (await _body(request)).get("ip") if request.method == "POST" else None
    return captcha_record(state, ip or request.query.get("ip") or None)


async def index(request: web.Request, state: SandboxState) -> Any:
    return {
        "endpoints": [
            "POST /sandbox/reset",
            "GET /sandbox/state",
            "POST /sandbox/simulate_call",
            "POST /sandbox/incoming",
            "POST /sandbox/faults",
            "DELETE /sandbox/faults",
            "GET|POST /sandbox/clock",
            "POST /sandbox/jobs",
            "GET /sandbox/jobs/{id}",
            "GET|POST /sandbox/captcha",
        ]
    }


def add_routes(app: web.Application) -> None:
    router = app.router
    router.add_get("/sandbox/", _guarded(index))
    router.add_post("/sandbox/reset", _guarded(reset))
    router.add_get("/sandbox/state", _guarded(get_state))
    router.add_post("/sandbox/simulate_call", _guarded(simulate_call))
    router.add_post("/sandbox/incoming", _guarded(incoming))
    router.add_post("/sandbox/faults", _guarded(set_fault))
    router.add_delete("/sandbox/faults", _guarded(clear_faults))
    router.add_post("/sandbox/clock", _guarded(clock))
    router.add_get("/sandbox/clock", _guarded(get_clock))
    router.add_post("/sandbox/jobs", _guarded(create_job))
    router.add_get("/sandbox/jobs/{job_id}", _guarded(job_info))
    router.add_post("/sandbox/captcha", _guarded(captcha))
    router.add_get("/sandbox/captcha", _guarded(captcha))
