"""Parser fuzzing (issue #11 item 4): generated bodies through the whole client, per endpoint.

Every body goes through ``SmscClient`` (the pipeline, error detection in every ``fmt``, decoding,
the safety pass and the endpoint's parser) or, for job files, through the download core's
``Transfer.consume``. The result must be a valid value or an ``SmscError`` subclass with a
plain message: no other exception, no hang, no text that cannot be written or that hides.

Profiles (``SMSC_FUZZ_PROFILE``): ``ci`` (default: a fixed seed, a few hundred bodies per
test, run by the normal suite) and ``reliability`` (≥ 10,000 bodies in all, random seed; run
by ``./dev perf reliability``, which prints the counts). ``SMSC_FUZZ_REPORT`` names a file
that receives one JSON line per test with its counts.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from multidict import CIMultiDict

from smsc_desktop.api import (
    Balance,
    CallVerification,
    Credentials,
    DownloadResult,
    ExportJob,
    FreeNumber,
    IncomingMessage,
    RecordList,
    SmscClient,
    SmscError,
)
from smsc_desktop.api import _endpoints as endpoints
from smsc_desktop.api._pipeline import Attempt
from smsc_desktop.api.download import (
    DownloadRequest,
    RangeNotSatisfiable,
    SpeedRule,
    Transfer,
)
from tests.api.fake_smsc import FakeClock

settings.register_profile(
    "ci",
    max_examples=80,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "reliability",
    max_examples=1300,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
PROFILE = os.environ.get("SMSC_FUZZ_PROFILE", "ci")
FUZZ = settings.get_profile(PROFILE)
HANG = 5.0
"""Seconds one body may take before it counts as a hang."""

# --- bodies ------------------------------------------------------------------------------

FIELDS = [
    "balance", "currency", "cur", "phone", "number", "type", "cost", "current_cost", "cur_cost",
    "info", "sum", "price", "amount", "all_phones", "id", "from", "to_phone", "to", "message",
    "mes", "text", "received", "time", "sent", "sms_id", "status", "name", "created", "file",
    "error", "error_code", "list", "data", "items", "result", "jobs", "answers", "numbers",
]  # fmt: skip

WEIRD_NUMBERS = [
    "0", "-1", "1e5000", "1e-5000", "1e500000", "-0", "1" * 4300, "9" * 50, "NaN", "Infinity",
    "-Infinity", "1.5", "3e10", "1E+26", "0.000000000000000000001", "18446744073709551616",
]  # fmt: skip
WEIRD_TEXT = [
    '"\\ud800"', '"\\udfff tail"', '"a\\u202eb"', '"\\u0000\\u0007\\u001b"', '"\\ufeff"',
    '"79991234567"', '"+7 (999) 123-45-67"', '""', '" "', '"01.02.2024 10:11:12"',
    '"2024-02-30 25:61:00"', '"1700000000"', '"1e999999"', '"NaN"', '"-5"', '"[waitcall]"',
    '"<html>"', '"' + "7" * 5000 + '"', '"\\u0410\\u0411"',
]  # fmt: skip


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=True, default=str)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
)
raw_scalars = st.one_of(
    scalars.map(json_text),
    st.sampled_from(WEIRD_NUMBERS),
    st.sampled_from(WEIRD_TEXT),
)


@st.composite
def records(draw: st.DrawFn, keys: list[str] | None = None) -> str:
    """A JSON object (as text) with SMSC field names and weird values."""
    names = draw(st.lists(st.sampled_from(keys or FIELDS) | st.text(max_size=8), max_size=9))
    parts = []
    for name in names:
        value = draw(raw_scalars | st.recursive(raw_scalars, _containers, max_leaves=6))
        parts.append(f"{json_text(name)}: {value}")
    return "{" + ", ".join(parts) + "}"


def _containers(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]") | st.lists(
        st.tuples(st.sampled_from(FIELDS), inner), max_size=4
    ).map(lambda pairs: "{" + ", ".join(f'"{k}": {v}' for k, v in pairs) + "}")


json_bodies = st.one_of(
    records(),
    st.lists(records(), max_size=6).map(lambda rs: "[" + ", ".join(rs) + "]"),
    st.tuples(
        st.sampled_from(["list", "data", "jobs", "answers"]), st.lists(records(), max_size=4)
    ).map(lambda t: '{"' + t[0] + '": [' + ", ".join(t[1]) + "]}"),
    st.recursive(raw_scalars, _containers, max_leaves=20),
).map(lambda text: text.encode("utf-8", errors="surrogatepass"))

error_bodies = st.builds(
    lambda shape, code, text: {
        0: f"ERROR = {code} ({text})",
        1: f"0,-{code}",
        2: f"<result><error>{text}</error><error_code>{code}</error_code></result>",
        3: f'{{"error": {json_text(text)}, "error_code": {code}}}',
    }[shape].encode("utf-8", errors="surrogatepass"),
    st.integers(0, 3),
    st.one_of(st.integers(-20, 20), st.sampled_from(WEIRD_NUMBERS)),
    st.text(max_size=40),
)
html_bodies = st.builds(
    lambda head, text: f"{head}<html><head><title>{text}</title></head><body>{text}</body>".encode(
        "utf-8", errors="surrogatepass"
    ),
    st.sampled_from(["", "<!DOCTYPE html>", "  \r\n", "\ufeff"]),
    st.text(max_size=60),
)


@st.composite
def mangled(draw: st.DrawFn, base: st.SearchStrategy[bytes]) -> bytes:
    """A body cut short, re-encoded, padded or sprinkled with bytes that are not UTF-8."""
    body = draw(base)
    how = draw(st.sampled_from(["as-is", "cut", "cp1251", "junk", "bom", "deep", "spaces"]))
    if how == "cut" and body:
        return body[: draw(st.integers(0, len(body) - 1))]
    if how == "cp1251":
        return body.decode("utf-8", errors="replace").encode("cp1251", errors="replace")
    if how == "junk":
        at = draw(st.integers(0, len(body)))
        return body[:at] + draw(st.binary(min_size=1, max_size=8)) + body[at:]
    if how == "bom":
        return b"\xef\xbb\xbf" + body
    if how == "deep":
        depth = draw(st.integers(10, 3000))
        return b"[" * depth + body + b"]" * draw(st.integers(0, depth))
    if how == "spaces":
        return b" \r\n\t" * draw(st.integers(1, 50)) + body
    return body


bodies = st.one_of(
    mangled(json_bodies),
    mangled(error_bodies),
    html_bodies,
    st.binary(max_size=200),
    st.sampled_from([b"", b"  ", b"null", b"[]", b"{}", b"[[]]", b'[""]', b"0", b"OK"]),
)
statuses = st.sampled_from([200] * 8 + [206, 302, 403, 404, 500, 502])


# --- running bodies through the client ---------------------------------------------------


class Harness:
    """One event loop and one client for a whole test; each body is one request."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.clock = FakeClock()
        self.answer = (200, b"", {})
        self.client = SmscClient(
            "https://smsc.ru",
            Credentials.from_password("fuzz", "fuzz-secret"),
            transport=httpx.MockTransport(self._handle),
            clock=self.clock,
        )
        self.counts: Counter[str] = Counter()
        self.slowest = 0.0

    def _handle(self, request: httpx.Request) -> httpx.Response:
        status, body, headers = self.answer
        return httpx.Response(status, content=body, headers=headers)

    def run(self, coro: Any) -> Any:
        return self.loop.run_until_complete(coro)

    def call(self, name: str, body: bytes, status: int = 200, **headers: str) -> Any:
        """Send one request answered with *body*; the value, or the ``SmscError``."""
        self.clock.advance(1000)  # every window empty again, every back-off over
        self.answer = (status, body, headers)
        started = time.perf_counter()
        try:
            return self.run(CALLS[name](self.client))
        except SmscError as error:
            check_error(error)
            return error
        finally:
            elapsed = time.perf_counter() - started
            self.slowest = max(self.slowest, elapsed)
            self.counts[name] += 1
            assert elapsed < HANG, f"{name}: {elapsed:.1f} s for one body"

    def close(self) -> None:
        self.run(self.client.aclose())
        self.loop.close()


CALLS: dict[str, Callable[[SmscClient], Any]] = {
    "balance": lambda c: c.balance(),
    "free_numbers": lambda c: c.list_available_numbers(),
    "rent": lambda c: c.rent_number("79990000001"),
    "renewal": lambda c: c.set_renewal("79990000001", False),
    "wait_call": lambda c: c.request_call_verification("79161234567"),
    "incoming": lambda c: c.incoming_messages(after_id=1),
    "jobs": lambda c: c.list_jobs(),
}


def check_text(text: str) -> None:
    text.encode("utf-8")  # no lone surrogates
    hidden = [ch for ch in text if ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"]
    assert not hidden, repr(text)
    assert not any(ord(ch) < 32 and ch not in "\t\n" for ch in text), repr(text)


def check_error(error: SmscError) -> None:
    message = str(error)
    assert message, repr(error)
    assert len(message) < 1000, message
    check_text(message)
    if error.server_message is not None:
        check_text(error.server_message)


def check_value(name: str, value: Any) -> None:
    """A value the rest of the app can use: right type, finite numbers, safe text."""
    if isinstance(value, SmscError):
        return
    if name == "balance":
        assert isinstance(value, Balance)
        assert value.amount.is_finite()
        assert abs(value.amount) < Decimal(10) ** 15
        check_text(value.currency)
        f"{value.amount:,.2f}"  # the money formatter's conversion must work
    elif name == "rent":
        assert isinstance(value, Decimal)
        assert value.is_finite()
    elif name == "renewal":
        assert value is None
    elif name == "wait_call":
        assert isinstance(value, CallVerification)
        for phone in (value.call_to, *value.all_phones):
            check_text(phone)
    else:
        assert isinstance(value, RecordList)
        kinds = {"free_numbers": FreeNumber, "incoming": IncomingMessage, "jobs": ExportJob}
        for record in value:
            assert isinstance(record, kinds[name])
            for field in record.__slots__:  # type: ignore[attr-defined]
                item = getattr(record, field)
                if isinstance(item, str):
                    check_text(item)
                elif isinstance(item, int):
                    assert abs(item) < 2**63
                    str(item)
                elif isinstance(item, Decimal):
                    assert item.is_finite()
                elif isinstance(item, datetime):
                    item.isoformat()
        for skipped in value.skipped:
            check_text(skipped.reason)
            check_text(skipped.excerpt)


@pytest.fixture(scope="module")
def harness() -> Iterator[Harness]:
    made = Harness()
    yield made
    made.close()
    report = os.environ.get("SMSC_FUZZ_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as out:
            for name, count in sorted(made.counts.items()):
                line = {"target": name, "bodies": count, "slowest_s": round(made.slowest, 3)}
                out.write(json.dumps(line) + "\n")


@pytest.mark.parametrize("name", list(CALLS))
@FUZZ
@given(body=bodies, status=statuses)
def test_any_body_gives_a_value_or_a_plain_error(
    harness: Harness, name: str, body: bytes, status: int
) -> None:
    check_value(name, harness.call(name, body, status))


# --- job files: the head of a download -----------------------------------------------------


class FakeAnswer:
    def __init__(self, status: int, headers: dict[str, str], body: bytes, chunk: int) -> None:
        self.status_code = status
        # As aiohttp gives them: case-insensitive, bytes read as latin-1.
        self.headers = CIMultiDict(
            {k: v.encode("utf-8").decode("latin-1") for k, v in headers.items()}
        )
        self._body = body
        self._chunk = max(1, chunk)

    async def _chunks(self) -> Any:
        for start in range(0, len(self._body), self._chunk):
            yield self._body[start : start + self._chunk]

    def chunks(self) -> Any:
        return self._chunks()


file_heads = st.one_of(
    bodies,
    st.binary(min_size=1, max_size=9000),
    st.text(min_size=1, max_size=3000).map(lambda t: t.encode("utf-8", errors="surrogatepass")),
)
file_headers = st.fixed_dictionaries(
    {},
    optional={
        "Content-Type": st.sampled_from(
            ["text/csv", "application/json", "text/html", "application/octet-stream", ""]
        ),
        "Content-Length": st.one_of(st.integers(0, 20000).map(str), st.sampled_from(["x", "-1"])),
        "Content-Range": st.one_of(
            st.builds(lambda a, b, t: f"bytes {a}-{b}/{t}", st.integers(0, 9000),
                      st.integers(0, 20000), st.integers(0, 20000)),
            st.sampled_from(["bytes */100", "bytes 0-/", "garbage", "bytes " + "9" * 40 + "-1/2"]),
        ),
        "Content-Disposition": st.sampled_from(
            ['attachment; filename="a\u202e.csv"', "attachment; filename*=UTF-8''%D0%B0.csv", "x"]
        ),
        "Transfer-Encoding": st.just("chunked"),
    },
)  # fmt: skip


@FUZZ
@given(
    head=file_heads,
    status=st.sampled_from([200, 200, 206, 206, 416, 404, 500]),
    headers=file_headers,
    range_from=st.sampled_from([0, 0, 100]),
    chunk=st.integers(1, 5000),
)
def test_any_job_file_answer_is_a_result_or_a_plain_error(
    harness: Harness,
    tmp_path_factory: pytest.TempPathFactory,
    head: bytes,
    status: int,
    headers: dict[str, str],
    range_from: int,
    chunk: int,
) -> None:
    folder = tmp_path_factory.getbasetemp() / "fuzz-files"
    folder.mkdir(exist_ok=True)
    path = folder / "job.csv"
    path.write_bytes(b"p" * range_from)
    pipeline = harness.client.pipeline
    call = endpoints.download(1, None)
    request = DownloadRequest(path, True, None, SpeedRule())
    transfer = Transfer(pipeline, call, request, range_from, Attempt(1))
    started = time.perf_counter()
    result: DownloadResult | None = None
    try:
        result = harness.run(transfer.consume(FakeAnswer(status, headers, head, chunk)))
    except SmscError as error:
        check_error(error)
    except RangeNotSatisfiable:
        pass  # the core's own signal to start over from byte 0
    finally:
        transfer.close_file()
        harness.counts["job_file"] += 1
        elapsed = time.perf_counter() - started
        harness.slowest = max(harness.slowest, elapsed)
    assert elapsed < HANG
    if result is not None:
        assert result.total_bytes == path.stat().st_size
        if result.filename is not None:
            check_text(result.filename)


def test_the_profile_generates_enough_bodies() -> None:
    """The reliability profile feeds ≥ 10,000 bodies across the eight targets."""
    targets = len(CALLS) + 1
    assert settings.get_profile("reliability").max_examples * targets >= 10_000
