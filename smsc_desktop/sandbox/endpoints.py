"""The SMSC scripts: ``/sys/balance.php``, ``receive_phones.php``, ``wait_call.php``,
``get.php`` (``get_answers=1``), ``downloads.php`` and ``send.php`` (its script, shapes and
errors in ``sms.py``; the captcha picture ``imgcode.php`` in ``imgcode.py``).

Every request, in this order: parameters are read once (``reading.request_params``, called
first by :func:`smsc_middleware`), the request is counted, a fault may take over, a body
that could not be read is answered with error 1, the account is authenticated (error 2, or
4 for a blocked account), the concurrency and identical-request limits are checked (error
9), the script runs, and the answer is sent in the request's ``fmt`` and ``charset``
(through any latency, rate cap, truncation or connection drop the active fault asks for).

Any other ``/sys/`` path (``status.php``, ``info.php``...) and any method but
GET/POST gets an SMSC error 1 in the request's fmt, ``<script>.php is not simulated by the
SMSC sandbox``, from the middleware: a fallback, so a real handler added later for one of
them simply takes over.

Success shapes (fmt=3 / fmt=2 / fmt=1 / fmt=0):

- balance: ``{"balance": "250.80"[, "currency": "RUR"]}`` /
  ``<result><balance>250.80</balance>[<currency>RUR</currency>]</result>`` /
  ``250.80[,RUR]`` / ``250.80[,RUR]``
- receive_phones get=1: ``[{"phone", "type", "cost", "current_cost", "info"}, ...]`` /
  ``<result><phone phone=".." type=".." cost=".." current_cost=".." info=".."/>...</result>``
  / one ``phone,type,cost,current_cost,info`` line per number /
  ``phone = .., type = .., cost = .., current_cost = .., info = ..`` lines
- receive_phones buy=1: ``{"cost": "258.06"}`` / ``<result><cost>258.06</cost></result>`` /
  ``258.06`` / ``COST = 258.06``
- receive_phones chg=1: ``{"result": "OK", "phone": "..", "noprolong": 1}`` /
  ``<result><result>OK</result><phone>..</phone><noprolong>1</noprolong></result>`` /
  ``OK`` / ``OK``
- wait_call: ``{"phone": "..", "all_phones": [..]}`` /
  ``<result><phone>..</phone><all_phones>a,b</all_phones></result>`` / ``phone,a,b`` /
  ``PHONE = .., ALL_PHONES = a,b``
- get_answers: ``[{"id", "received", "phone", "message", "to_phone", "sent"}, ...]`` in
  that order (as a live SMSC reply has them) /
  ``<result><answer id=".." .../>...</result>`` / CSV-like lines / ``key = value`` lines
- downloads get_list=1: ``[{"id", "name", "status", "created", "time", "file"}, ...]``,
  same four-way pattern with ``<job .../>`` elements.
- downloads get_file=1: the CSV itself (windows-1251, or as ``get_file_charset`` says),
  ``Content-Type: text/csv; charset=<that charset>``,
  ``Content-Disposition: attachment; filename="..."``, ``Accept-Ranges: bytes``; a single ``Range: bytes=..`` gives 206 + ``Content-Range``, an
  unsatisfiable one 416 + ``Content-Range: bytes */SIZE``.

Numbers are strings with two decimals for money, integers for ids, types and statuses;
dates (``received`` and ``sent`` too) are ``dd.mm.yyyy hh:mm:ss`` in Moscow time.

Errors the sandbox chose (code, description):

- any script: 2 ``authorise error`` (wrong/missing credentials); 4 ``IP is temporarily
  blocked`` (the blocked account, whatever the password); 9 ``duplicate request, wait a
  minute`` (identical-request limit); 9 ``too many concurrent requests`` (15th request of
  one login while 14 run); 1 ``parameters error`` (missing/unknown/ambiguous command, a
  non-numeric or out-of-range number parameter).
- receive_phones: 1 ``invalid phone`` (not 10-15 digits after an optional ``+``, or a
  domestic form under ``domestic_phones="reject"``); 1 ``phone is not available`` (buy of
  a number that is rented, by anyone, or not in the pool); 3 ``no money`` (balance below
  the prorated price; ``rent_error_3="not_available"`` swaps the two codes); 1 ``phone is
  not rented by this client`` (chg on someone else's or
  a free number); 1 ``parameters error`` (chg without ``noprolong``, ``noprolong`` not
  0/1). ``phone`` is read as ``SandboxConfig.phones_param`` and ``domestic_phones`` say.
- wait_call: 1 ``parameters error`` (no phone), 1 ``invalid phone`` (as above).
- any body that cannot be read (malformed multipart, over 16 MiB): 1 ``parameters error:
  <what was wrong>``.
- get: 1 ``parameters error`` (no ``get_answers=1``, ``hour`` outside 1..168, ``cnt``
  outside 1..10000, bad ``after_id``).
- downloads: 1 ``parameters error`` (no command, get_file without id/name); 3 ``job not
  found`` (no such job of this account); 1 ``job file is not ready`` (status 0, 1, 3 or 4).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import quoteattr

from aiohttp import web

from smsc_desktop.sandbox import protocol as p
from smsc_desktop.sandbox.faults import HTML_500, HTML_502, FaultSpec
from smsc_desktop.sandbox.numbers import join_info, money
from smsc_desktop.sandbox.reading import request_params
from smsc_desktop.sandbox.sending import (
    Dropped,
    FileSlice,
    Result,
    Unsatisfiable,
    parse_range,
    send,
    send_file,
)
from smsc_desktop.sandbox.sms import send_script
from smsc_desktop.sandbox.state import Account, SandboxState

__all__ = [
    "SCRIPTS",
    "STATE_KEY",
    "FileSlice",
    "Unsatisfiable",
    "add_routes",
    "command_of",
    "parse_range",
    "smsc_middleware",
]

STATE_KEY = web.AppKey("sandbox_state", SandboxState)


def command_of(endpoint: str, params: p.Params) -> str:
    if endpoint == "send":
        return "cost" if params.get("cost").strip() == "1" else "send"
    names = {
        "receive_phones": ("get", "buy", "chg"),
        "get": ("get_answers", "get_messages"),
        "downloads": ("get_list", "get_file"),
    }.get(endpoint, ())
    present = [name for name in names if params.flag(name)]
    if len(present) == 1:
        return present[0]
    return "" if not present else "+".join(present)


# --- the scripts ----------------------------------------------------------------------------


def _lines(rows: list[str]) -> str:
    return "\n".join(rows)


def _text_line(item: dict[str, Any]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in item.items())


def _values_line(item: dict[str, Any]) -> str:
    return ",".join(str(v) for v in item.values())


def render_list(items: list[dict[str, Any]], tag: str, fmt: int, codec: str) -> bytes:
    if fmt == 3:
        return p.encode_json(items, codec)
    if fmt == 2:
        inner = "".join(p.xml_empty(tag, item) for item in items)
        return p.encode_text(f"<result>{inner}</result>", 2, codec)
    if fmt == 1:
        return p.encode_text(_lines([_values_line(i) for i in items]), 1, codec)
    return p.encode_text(_lines([_text_line(i) for i in items]), 0, codec)


def balance_script(state: SandboxState, account: Account, params: p.Params) -> Result:
    balance, currency = state.balance(account)
    with_currency = params.flag("cur")
    data: dict[str, str] = {"balance": balance}
    xml = p.xml_text("balance", balance)
    plain = balance
    if with_currency:
        data["currency"] = currency
        xml += p.xml_text("currency", currency)
        plain += f",{currency}"
    return p.Reply(json=data, xml=f"<result>{xml}</result>", text=plain, values=plain).render(
        params.fmt, params.codec
    )


def receive_phones_script(state: SandboxState, account: Account, params: p.Params) -> Result:
    command = command_of("receive_phones", params)
    if command == "get":
        return _free_numbers(state, account, params)
    if command == "buy":
        cost = money(state.rent(account, params))
        return p.Reply(
            json={"cost": cost},
            xml=f"<result>{p.xml_text('cost', cost)}</result>",
            text=f"COST = {cost}",
            values=cost,
        ).render(params.fmt, params.codec)
    if command == "chg":
        phone, noprolong = state.change_renewal(account, params)
        xml = p.xml_text("result", "OK") + p.xml_text("phone", phone)
        xml += p.xml_text("noprolong", noprolong)
        return p.Reply(
            json={"result": "OK", "phone": phone, "noprolong": noprolong},
            xml=f"<result>{xml}</result>",
            text="OK",
            values="OK",
        ).render(params.fmt, params.codec)
    raise p.SmscError(1)


def _free_numbers(state: SandboxState, account: Account, params: p.Params) -> bytes:
    """The free-number list, rendered once per pool version, currency, date, fmt, charset."""
    today = state.clock.today()
    key = (state.pool_version, account.currency, today, params.fmt, params.codec)
    cached = state.list_cache.get(key)
    if cached is not None:
        return cached
    prices: dict[Decimal, tuple[str, str]] = {}
    infos: dict[str, str] = {}
    fmt = params.fmt
    rows: list[str] = []
    for offer in state.free.values():
        price = prices.get(offer.cost)
        if price is None:
            price = prices[offer.cost] = state.prices(offer.cost, account, today)
        info = infos.get(offer.info)
        if info is None:
            operator, _, notices = offer.info.partition("; ")
            shaped = join_info(operator, notices, state.config.info_format)
            info = infos[offer.info] = _quote_info(shaped, fmt)
        # phones are digits and prices are plain decimals: only ``info`` needs quoting
        if fmt == 3:
            rows.append(
                f'{{"phone": "{offer.phone}", "type": {offer.type}, "cost": "{price[0]}", '
                f'"current_cost": "{price[1]}", "info": {info}}}'
            )
        elif fmt == 2:
            rows.append(
                f'<phone phone="{offer.phone}" type="{offer.type}" cost="{price[0]}" '
                f'current_cost="{price[1]}" info={info}/>'
            )
        elif fmt == 1:
            rows.append(f"{offer.phone},{offer.type},{price[0]},{price[1]},{info}")
        else:
            rows.append(
                f"phone = {offer.phone}, type = {offer.type}, cost = {price[0]}, "
                f"current_cost = {price[1]}, info = {info}"
            )
    if fmt == 3:
        body = ("[" + ", ".join(rows) + "]").encode(params.codec, "smsc-sandbox-json")
    elif fmt == 2:
        body = p.encode_text("<result>" + "".join(rows) + "</result>", 2, params.codec)
    else:
        body = p.encode_text("\n".join(rows), fmt, params.codec)
    if len(state.list_cache) >= 16:
        state.list_cache.clear()
    state.list_cache[key] = body
    return body


def _quote_info(info: str, fmt: int) -> str:
    if fmt == 3:
        return json.dumps(info, ensure_ascii=False)
    if fmt == 2:
        return quoteattr(info)
    return info


def wait_call_script(state: SandboxState, account: Account, params: p.Params) -> Result:
    phone, pool = state.wait_call(account, params)
    joined = ",".join(pool)
    xml = p.xml_text("phone", phone) + p.xml_text("all_phones", joined)
    return p.Reply(
        json={"phone": phone, "all_phones": list(pool)},
        xml=f"<result>{xml}</result>",
        text=f"PHONE = {phone}, ALL_PHONES = {joined}",
        values=f"{phone},{joined}",
    ).render(params.fmt, params.codec)


def get_script(state: SandboxState, account: Account, params: p.Params) -> Result:
    if command_of("get", params) != "get_answers":
        raise p.SmscError(1)
    items = [state.message_view(m) for m in state.answers(account, params)]
    return render_list(items, "answer", params.fmt, params.codec)


def downloads_script(state: SandboxState, account: Account, params: p.Params) -> Result:
    command = command_of("downloads", params)
    if command == "get_list":
        items = [state.job_view(job) for job in state.jobs(account, params)]
        return render_list(items, "job", params.fmt, params.codec)
    if command == "get_file":
        job = state.job_for_download(account, params)
        file = state.export_file(job, params)
        return FileSlice(file, job.file, 0, file.size)
    raise p.SmscError(1)


SCRIPTS: dict[str, Callable[[SandboxState, Account, p.Params], Result]] = {
    "balance": balance_script,
    "receive_phones": receive_phones_script,
    "wait_call": wait_call_script,
    "get": get_script,
    "downloads": downloads_script,
    "send": send_script,  # sms.py
}


def _smsc_headers(params: p.Params) -> dict[str, str]:
    return {"Content-Type": p.content_type(params.fmt, params.charset)}


async def handle(request: web.Request, endpoint: str) -> web.StreamResponse:
    state = request.app[STATE_KEY]
    params = await request_params(request)
    entry = state.record_request(endpoint, command_of(endpoint, params), request.method, params)
    fault = state.faults.take(endpoint)
    chunk_size = state.config.chunk_size
    try:
        if fault is not None:
            entry["fault"] = fault.to_dict()
            if fault.short_circuit:
                return await _send_fault(request, entry, params, fault, chunk_size)
            if fault.file_error is not None and entry["command"] == "get_file":
                return await _send_error_as_file(request, entry, params, fault, chunk_size)
        try:
            if params.problem is not None:
                raise p.SmscError(1, f"{p.ERR_PARAMS}: {params.problem}")
            account = state.authenticate(params)
            entry["account"] = account.login
            with state.in_flight(account):
                state.check_limit(endpoint, account, params)
                result = SCRIPTS[endpoint](state, account, params)
                entry["error_code"] = 0
                if isinstance(result, FileSlice):
                    return await send_file(request, entry, result, fault, chunk_size)
                entry["http_status"] = 200
                return await send(
                    request,
                    result,
                    headers=_smsc_headers(params),
                    fault=fault,
                    chunk_size=chunk_size,
                )
        except p.SmscError as error:
            entry["error_code"] = error.code
            entry["http_status"] = 200
            body = p.error_body(error.code, error.message, params.fmt, params.codec)
            return await send(
                request, body, headers=_smsc_headers(params), fault=fault, chunk_size=chunk_size
            )
    except Dropped:
        entry["dropped"] = True
        # aiohttp needs a response object; the transport is already closed
        return web.Response(status=499)


async def _send_fault(
    request: web.Request,
    entry: dict[str, Any],
    params: p.Params,
    fault: FaultSpec,
    chunk_size: int,
) -> web.StreamResponse:
    if fault.http_500:
        status, body, headers = 500, HTML_500.encode(), {"Content-Type": "text/html"}
    elif fault.html is not None:
        status, body, headers = fault.html, HTML_502.encode(), {"Content-Type": "text/html"}
    else:
        code = int(fault.error_code or 1)
        message = fault.error_message or p.DEFAULT_ERROR_TEXTS.get(code, "error")
        entry["error_code"] = code
        status, body = 200, p.error_body(code, message, params.fmt, params.codec)
        headers = _smsc_headers(params)
    entry["http_status"] = status
    return await send(
        request, body, status=status, headers=headers, fault=fault, chunk_size=chunk_size
    )


async def _send_error_as_file(
    request: web.Request,
    entry: dict[str, Any],
    params: p.Params,
    fault: FaultSpec,
    chunk_size: int,
) -> web.StreamResponse:
    """An SMSC error in JSON, labelled as the export file (what a careless proxy or server
    might do): the client must not write it into the file."""
    code = int(fault.file_error or 1)
    message = fault.error_message or p.DEFAULT_ERROR_TEXTS.get(code, "error")
    body = p.error_body(code, message, 3, params.codec)
    headers = {
        "Content-Type": "text/csv; charset=windows-1251",
        "Content-Disposition": 'attachment; filename="export.csv"',
        "Accept-Ranges": "bytes",
    }
    status = 200
    ranged = request.headers.get("Range", "")
    if ranged.startswith("bytes=") and ranged[6:].split("-")[0].isdigit():
        start = int(ranged[6:].split("-")[0])
        headers["Content-Range"] = f"bytes {start}-{start + len(body) - 1}/{start + len(body)}"
        status = 206
    entry["error_code"] = code
    entry["http_status"] = status
    return await send(
        request, body, status=status, headers=headers, fault=fault, chunk_size=chunk_size
    )


send_fault = _send_fault
"""An answer a fault stands in for (``imgcode.py`` answers faults the same way)."""


# --- what the sandbox does not simulate -----------------------------------------------------


def script_name(path: str) -> str:
    """``/sys/status.php`` → ``status``; anything else under ``/sys/`` keeps its shape."""
    return path.removeprefix("/sys/").removesuffix(".php") or "?"


async def not_simulated(request: web.Request, allowed: bool = True) -> web.StreamResponse:
    """An SMSC error (code 1, HTTP 200) in the request's fmt and charset, for a script the
    sandbox has no handler for (``status.php``, ``info.php``...) or a method it does not
    answer. Counted and logged like any request (``"simulated": false``)."""
    state = request.app[STATE_KEY]
    params = await request_params(request)
    script = script_name(request.path)
    entry = state.record_request(script, "", request.method, params)
    entry["simulated"] = False
    if allowed:
        message = f"{script}.php is not simulated by the SMSC sandbox"
    else:
        message = f"the SMSC sandbox answers {script}.php over GET and POST only"
    entry["error_code"] = 1
    entry["http_status"] = 200
    body = p.error_body(1, message, params.fmt, params.codec)
    return web.Response(body=body, headers=_smsc_headers(params))


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def smsc_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """For ``/sys/`` requests: read the parameters first (the one read every handler and
    middleware shares), and answer scripts without a route with :func:`not_simulated`.

    Being a fallback rather than a catch-all route, it gives way to any handler added for
    ``/sys/<script>.php`` later, in whatever order the routes are registered.
    """
    if not request.path.startswith("/sys/"):
        return await handler(request)
    await request_params(request)
    missing = request.match_info.http_exception
    if isinstance(missing, web.HTTPNotFound):
        return await not_simulated(request)
    if isinstance(missing, web.HTTPMethodNotAllowed):
        return await not_simulated(request, allowed=False)
    return await handler(request)


def add_routes(app: web.Application) -> None:
    def route(endpoint: str) -> Callable[[web.Request], Any]:
        async def handler(request: web.Request) -> web.StreamResponse:
            return await handle(request, endpoint)

        return handler

    for endpoint in SCRIPTS:
        path = f"/sys/{endpoint}.php"
        app.router.add_route("GET", path, route(endpoint))
        app.router.add_route("POST", path, route(endpoint))
