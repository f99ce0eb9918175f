"""Reading the body of an answer that is not a file: an SMSC error, a bad body, or the value.

:func:`read_answer` decodes the body, finds an SMSC error in any ``fmt``, makes the text safe
and bounds the structure (:mod:`._sanitize`), and converts it with the endpoint's parser.
Big or suspicious bodies are read in a worker thread, so the event loop (the GUI thread)
never spends more than a moment on one. Whatever the body holds, the result is the value or
an :class:`~smsc_desktop.api.errors.SmscError`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from smsc_desktop.api import bodies, parsing
from smsc_desktop.api._sanitize import TooDeepError, safe_tree, suspicious
from smsc_desktop.api.models import CaptchaImage

if TYPE_CHECKING:
    from smsc_desktop.api._endpoints import Call
    from smsc_desktop.api._pipeline import Pipeline

__all__ = ["LARGE_BODY", "image_type", "read_answer", "read_image"]

log = logging.getLogger("smsc_desktop.api")

LARGE_BODY: Final = 256 * 1024
"""Answers bigger than this are read in a worker thread."""


@dataclass(slots=True)
class Outcome:
    """What was made of a body: an SMSC error, a bad body, or the value."""

    error: bodies.ErrorBody | None = None
    problem: str | None = None
    html: bool = False
    value: Any = None


async def read_answer(
    pipeline: Pipeline, call: Call[Any], status: int, charset: str | None, body: bytes
) -> Any:
    """The endpoint's value from *body*, or the :class:`SmscError` it stands for."""
    convert = call.parse if status == 200 else None
    work = _Work(body, charset, convert)
    if len(body) > LARGE_BODY or suspicious(body[:LARGE_BODY]):
        outcome = await asyncio.to_thread(work)
    else:
        outcome = work()
    if outcome.error is not None:
        raise pipeline.api_error(call, outcome.error, body)
    if status != 200:
        raise pipeline.status_error(call, status, body)
    if outcome.problem is not None:
        raise pipeline.protocol_error(call, outcome.problem, body, status, html=outcome.html)
    skipped = getattr(outcome.value, "skipped", ())
    if skipped:
        log.warning(
            "%s.php %s: skipped %d unreadable record(s); first: %s (%s)",
            call.script,
            call.command,
            len(skipped),
            skipped[0].reason,
            skipped[0].excerpt,
        )
    return outcome.value


_IMAGE_SIGNATURES: Final = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


def image_type(body: bytes) -> str | None:
    """The picture type the bytes themselves say (PNG, GIF, JPEG), or None."""
    for signature, kind in _IMAGE_SIGNATURES:
        if body.startswith(signature):
            return kind
    return None


def read_image(
    pipeline: Pipeline, call: Call[Any], status: int, body: bytes, url: str
) -> CaptchaImage:
    """A picture (``imgcode.php``), or the :class:`SmscError` its answer stands for."""
    kind = image_type(body) if status == 200 else None
    if kind is not None:
        return CaptchaImage(body, kind, url)
    found = bodies.find_error(body)
    if found is not None:
        raise pipeline.api_error(call, found, body)
    if status != 200:
        raise pipeline.status_error(call, status, body)
    html = bodies.looks_like_html(body)
    problem = "SMSC sent an empty answer." if not body.strip() else "SMSC did not send a picture."
    raise pipeline.protocol_error(call, problem, body, status, html=html)


class _Work:
    """Decode + check + convert one body; callable inline or in a worker thread."""

    __slots__ = ("body", "charset", "convert")

    def __init__(
        self, body: bytes, charset: str | None, convert: Callable[[Any], Any] | None
    ) -> None:
        self.body = body
        self.charset = charset
        self.convert = convert

    def __call__(self) -> Outcome:
        try:
            return self._read()
        except RecursionError:
            return Outcome(problem="SMSC's answer is nested too deeply to be data.")

    def _read(self) -> Outcome:
        body = self.body
        head = body[:8].lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if head in (b"{", b"["):
            large = len(body) > LARGE_BODY
            decode = bodies.decode_json_array if large else bodies.decode_json
            try:
                value = decode(body, self.charset)
                if not large:
                    value = safe_tree(value)
            except TooDeepError:
                return Outcome(problem="SMSC's answer is nested too deeply to be data.")
            except bodies.BodyError as exc:
                return Outcome(problem=str(exc))
            candidate = value[0] if isinstance(value, list) and len(value) == 1 else value
            if isinstance(candidate, Mapping) and (candidate is value or "error_code" in candidate):
                found = bodies.find_error(b"", json_value=candidate)
                if found is not None:
                    return Outcome(error=found)
        else:
            found = bodies.find_error(body)
            if found is not None:
                return Outcome(error=found)
            if bodies.looks_like_html(body):
                return Outcome(problem="SMSC sent a web page instead of data.", html=True)
            if not body.strip():
                return Outcome(problem="SMSC sent an empty answer.")
            try:
                value = bodies.decode_json(body, self.charset)
                if len(body) <= LARGE_BODY:
                    value = safe_tree(value)
            except TooDeepError:
                return Outcome(problem="SMSC's answer is nested too deeply to be data.")
            except bodies.BodyError as exc:
                return Outcome(problem=str(exc), html=exc.html)
        if self.convert is None:
            return Outcome()
        try:
            return Outcome(value=self.convert(value))
        except (parsing.ShapeError, KeyError, TypeError, ValueError, ArithmeticError) as exc:
            reason = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            return Outcome(problem=f"SMSC's answer does not have the expected shape: {reason}.")
