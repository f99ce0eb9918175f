"""Removes secrets from text before it is logged, shown, copied or written to a crash report.

Two nets: the values of every secret the app has loaded this session (registered by the
services that hold them), and patterns of the SMSC credential fields (``psw=``, ``apikey=``,
``"psw": ...``) for anything that slipped past the first.
"""

from __future__ import annotations

import logging
import re
import threading

MASK = "***"

_lock = threading.Lock()
_secrets: set[str] = set()

_FIELD_PATTERNS = (
    # form / query fields: psw=..., apikey=...
    re.compile(r"(?i)\b(psw|password|apikey|api_key|secret)=([^&\s'\"]+)"),
    # JSON / repr fields: "psw": "...", 'apikey': '...'
    re.compile(r"(?i)([\"']?(?:psw|password|apikey|api_key|secret)[\"']?\s*[:=]\s*[\"'])([^\"']+)"),
)


def register_secret(value: str | None) -> None:
    """Remember a secret so every later ``redact`` call masks it (for the rest of the run: a
    secret replaced or deleted may still be in a log line or a traceback)."""
    if value and len(value) >= 3:
        with _lock:
            _secrets.add(value)


def redact(text: str) -> str:
    """``text`` with every known secret and credential field masked."""
    if not text:
        return text
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    text = _FIELD_PATTERNS[0].sub(lambda m: f"{m.group(1)}={MASK}", text)
    text = _FIELD_PATTERNS[1].sub(lambda m: f"{m.group(1)}{MASK}", text)
    return text


class RedactingFilter(logging.Filter):
    """A handler filter that formats the message and masks secrets in it and the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the record
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            formatter = logging.Formatter()
            record.exc_text = redact(formatter.formatException(record.exc_info))
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
