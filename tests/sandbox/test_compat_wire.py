"""Issue 18, items 2, 3 and 6: every body gets an SMSC answer, read once, and scripts the
sandbox does not simulate answer an SMSC-style error in the requested fmt."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from urllib.parse import quote_from_bytes

import httpx
import pytest
from aiohttp import web

from smsc_desktop.sandbox import SandboxState, make_app
from tests.helpers.sandbox import SandboxHandle
from tests.sandbox.conftest import Smsc

CYRILLIC_JOB = "Выгрузка за неделю"  # a finished job of the demo account
CODECS = {"windows-1251": "cp1251", "koi8-r": "koi8_r", "utf-8": "utf-8"}
BOUNDARY = "----smsc-sandbox-test-boundary"


def multipart(fields: list[tuple[str, bytes]], boundary: str = BOUNDARY) -> bytes:
    """A multipart/form-data body as SMSC's Node library (form-data) writes it."""
    out = b""
    for name, value in fields:
        out += f"--{boundary}\r\n".encode()
        out += f'Content-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        out += value + b"\r\n"
    return out + f"--{boundary}--\r\n".encode()


def _fields(sandbox: SandboxHandle, charset: str, name: bytes) -> list[tuple[str, bytes]]:
    auth = [(k, v.encode()) for k, v in sandbox.auth().items()]
    # charset last: it must apply to the fields before it as well
    return [*auth, ("get_file", b"1"), ("name", name), ("fmt", b"3"), ("charset", charset.encode())]


def _logged(sandbox: SandboxHandle) -> dict[str, object]:
    return sandbox.state()["log"][-1]


@pytest.mark.parametrize("charset", list(CODECS))
@pytest.mark.parametrize("shape", ["multipart", "urlencoded", "urlencoded-raw", "query"])
def test_cyrillic_in_every_body_shape_and_charset(
    smsc: Smsc, sandbox: SandboxHandle, charset: str, shape: str
) -> None:
    name = CYRILLIC_JOB.encode(CODECS[charset])
    fields = _fields(sandbox, charset, name)
    url = sandbox.endpoint("downloads")
    if shape == "multipart":
        r = smsc.http.post(
            url,
            content=multipart(fields),
            headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
        )
    elif shape == "query":
        r = smsc.http.get(url + "?" + "&".join(f"{k}={quote_from_bytes(v)}" for k, v in fields))
    else:
        escape = quote_from_bytes if shape == "urlencoded" else (lambda v: v.decode("latin-1"))
        body = "&".join(f"{k}={escape(v)}" for k, v in fields).encode("latin-1")
        r = smsc.http.post(
            url, content=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/csv")
    entry = _logged(sandbox)
    assert entry["params"]["name"] == CYRILLIC_JOB  # type: ignore[index]
    assert entry["body"] == (None if shape == "query" else shape.split("-")[0])
    assert entry["error_code"] == 0


@pytest.mark.parametrize("shape", ["multipart", "urlencoded"])
def test_undecodable_bytes_get_an_smsc_answer(
    smsc: Smsc, sandbox: SandboxHandle, shape: str
) -> None:
    fields = _fields(sandbox, "utf-8", b"\xff\xfe\xc3(")
    if shape == "multipart":
        content = multipart(fields)
        content_type = f"multipart/form-data; boundary={BOUNDARY}"
    else:
        content = b"&".join(k.encode() + b"=" + v for k, v in fields)
        content_type = "application/x-www-form-urlencoded"
    r = smsc.http.post(
        sandbox.endpoint("downloads"), content=content, headers={"Content-Type": content_type}
    )
    assert r.status_code == 200
    assert r.json() == {"error": "job not found", "error_code": 3}
    assert "\ufffd" in _logged(sandbox)["params"]["name"]  # type: ignore[index]


@pytest.mark.parametrize(
    ("content", "content_type", "problem"),
    [
        (b"--x\r\nno headers here--x--", "multipart/form-data; boundary=x", "without headers"),
        (b"fmt=3", "multipart/form-data", "without a boundary"),
        (
            b'--x\r\nContent-Disposition: form-data; name="cur"\r\n\r\n1\r\n--x\r\nContent-Di',
            "multipart/form-data; boundary=x",
            "cut short",
        ),
        (
            b"--x\r\nContent-Type: text/plain\r\n\r\n3\r\n--x--\r\n",
            "multipart/form-data; boundary=x",
            "without a field name",
        ),
    ],
)
@pytest.mark.parametrize("fmt", [0, 1, 2, 3])
def test_malformed_multipart_is_an_smsc_error_in_the_requested_fmt(
    smsc: Smsc, sandbox: SandboxHandle, content: bytes, content_type: str, problem: str, fmt: int
) -> None:
    r = smsc.http.post(
        sandbox.endpoint("balance") + f"?fmt={fmt}&login=demo&psw=demo-password",
        content=content,
        headers={"Content-Type": content_type},
    )
    assert r.status_code == 200
    shapes = {0: "ERROR = 1 (", 1: "0,-1", 2: "<result><error>", 3: '{"error": '}
    assert r.text.startswith(shapes[fmt])
    if fmt == 3:
        assert r.json()["error_code"] == 1
        assert problem in r.json()["error"]
    entry = _logged(sandbox)
    assert entry["endpoint"] == "balance"
    assert problem in str(entry["body_problem"])
    assert entry["error_code"] == 1


def test_a_file_part_is_not_a_parameter(smsc: Smsc, sandbox: SandboxHandle) -> None:
    content = multipart([(k, v.encode()) for k, v in sandbox.auth().items()])
    content = content.replace(
        f"--{BOUNDARY}--".encode(),
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="fmt"; filename="fmt.txt"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n3\r\n--{BOUNDARY}--".encode(),
    )
    r = smsc.http.post(
        sandbox.endpoint("balance"),
        content=content,
        headers={"Content-Type": f'multipart/form-data; boundary="{BOUNDARY}"'},
    )
    assert r.text == "5000.00"  # fmt came in a file part: not a parameter, fmt=0


def test_a_body_over_the_size_limit_is_an_smsc_error(smsc: Smsc, sandbox: SandboxHandle) -> None:
    body = b"login=demo&psw=demo-password&fmt=3&pad=" + b"x" * (16 * 1024 * 1024 + 1)
    r = smsc.http.post(
        sandbox.endpoint("balance"),
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 200
    assert r.text.startswith("ERROR = 1 (parameters error: request body larger than")
    assert "larger than" in str(_logged(sandbox)["body_problem"])


# --- scripts the sandbox does not simulate --------------------------------------------------

UNSIMULATED = [
    "status",
    "info",
    "jobs",
    "phones",
    "senders",
    "users",
    "get_mnp",
    "templates",
]


@pytest.mark.parametrize("script", UNSIMULATED)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_unsimulated_script_answers_an_smsc_error(
    smsc: Smsc, sandbox: SandboxHandle, script: str, method: str
) -> None:
    data = smsc.json(script, method=method, phones="79161234567", mes="hi")
    assert data == {"error": f"{script}.php is not simulated by the SMSC sandbox", "error_code": 1}
    entry = _logged(sandbox)
    assert entry["endpoint"] == script
    assert entry["simulated"] is False
    assert entry["error_code"] == 1
    assert entry["params"]["psw"] == "***"  # type: ignore[index]
    assert sandbox.state()["requests"][script] == 1


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        (None, "ERROR = 1 (status.php is not simulated by the SMSC sandbox)"),
        (0, "ERROR = 1 (status.php is not simulated by the SMSC sandbox)"),
        (1, "0,-1"),
        (
            2,
            "<result><error>status.php is not simulated by the SMSC sandbox</error>"
            "<error_code>1</error_code></result>",
        ),
    ],
)
def test_unsimulated_script_in_every_fmt(smsc: Smsc, fmt: int | None, expected: str) -> None:
    response = smsc.call("status", fmt=fmt, charset="koi8-r")
    assert response.status_code == 200
    assert response.text == expected
    assert response.headers["Content-Type"].endswith("charset=koi8-r")


def test_a_handler_added_later_takes_over_from_the_fallback() -> None:
    """The "not simulated" answer is a fallback: a real script added after the sandbox's
    own routes (as send.php and imgcode.php were) answers instead, and sees the parameters."""

    async def status(request: web.Request) -> web.Response:
        from smsc_desktop.sandbox.reading import request_params

        params = await request_params(request)
        return web.json_response({"status": 1, "phone": params.get("phone")})

    app = make_app(SandboxState())
    app.router.add_post("/sys/status.php", status)
    found, other = _serve_and_post(
        app,
        ("/sys/status.php", {"phone": "79161234567", "fmt": "3"}),
        ("/sys/info.php", {"fmt": "3"}),
    )
    assert found == (200, {"status": 1, "phone": "79161234567"})
    assert other == (
        200,
        {"error": "info.php is not simulated by the SMSC sandbox", "error_code": 1},
    )


def test_send_and_imgcode_are_simulated_now() -> None:
    """send.php and imgcode.php have routes of their own: they take precedence over the
    "not simulated" fallback (the captcha work of issue 12)."""
    app = make_app(SandboxState())
    sent, picture = _serve_and_post(
        app,
        (
            "/sys/send.php",
            {
                "login": "demo",
                "psw": "demo-password",
                "phones": "79161234567",
                "mes": "hi",
                "cost": "1",
                "fmt": "3",
            },
        ),
        ("/sys/imgcode.php?scale=x", {"fmt": "3"}),
    )
    assert sent == (200, {"cost": "2.50", "cnt": 1})
    assert picture == (200, {"error": "parameters error", "error_code": 1})


# --- one read, whoever reads first ----------------------------------------------------------

Reader = Callable[[web.Request], Awaitable[object]]


@pytest.mark.parametrize(
    "reader",
    [
        pytest.param(lambda r: r.read(), id="read"),
        pytest.param(lambda r: r.text(), id="text"),
        pytest.param(lambda r: r.post(), id="post"),
    ],
)
def test_a_middleware_that_reads_the_body_first_changes_nothing(reader: Reader) -> None:
    @web.middleware
    async def nosy(request: web.Request, handler: Callable[..., Awaitable[web.StreamResponse]]):
        await reader(request)
        return await handler(request)

    app = make_app(SandboxState())
    app.middlewares.insert(0, nosy)  # before (outside) the sandbox's own middleware
    fields = {"login": "demo", "psw": "demo-password", "fmt": "3", "cur": "1"}
    assert _serve_and_post(app, ("/sys/balance.php", fields)) == [
        (200, {"balance": "5000.00", "currency": "RUR"})
    ]


def _serve_and_post(
    app: web.Application, *requests: tuple[str, dict[str, str]], multipart_body: bool = False
) -> list[tuple[int, object]]:
    """Serve ``app`` on a free port and POST each ``(path, fields)``; (status, JSON) each."""

    async def run() -> list[tuple[int, object]]:
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        host, port = runner.addresses[0][:2]
        results: list[tuple[int, object]] = []
        try:
            async with httpx.AsyncClient(trust_env=False) as client:
                for path, fields in requests:
                    url = f"http://{host}:{port}{path}"
                    if multipart_body:
                        content = multipart([(k, v.encode()) for k, v in fields.items()])
                        kind = f"multipart/form-data; boundary={BOUNDARY}"
                        r = await client.post(url, content=content, headers={"Content-Type": kind})
                    else:
                        r = await client.post(url, data=fields)
                    results.append((r.status_code, json.loads(r.text)))
        finally:
            await runner.cleanup()
        return results

    return asyncio.run(run())


def test_a_multipart_body_streamed_away_first_is_reported_not_lost() -> None:
    """``request.post()`` streams a multipart body without keeping its bytes: the sandbox
    says so (error 1, logged) instead of answering "authorise error" for lost parameters."""

    @web.middleware
    async def nosy(request: web.Request, handler: Callable[..., Awaitable[web.StreamResponse]]):
        await request.post()
        return await handler(request)

    state = SandboxState()
    app = make_app(state)
    app.middlewares.insert(0, nosy)
    fields = {"login": "demo", "psw": "demo-password"}
    [(status, data)] = _serve_and_post(app, ("/sys/balance.php?fmt=3", fields), multipart_body=True)
    assert status == 200
    assert data == {
        "error": "parameters error: the request body was consumed before the sandbox read it",
        "error_code": 1,
    }
    assert state.log[-1]["body_problem"] is not None
