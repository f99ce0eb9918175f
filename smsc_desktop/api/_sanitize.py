"""Making what SMSC sends safe to keep, write and show, before anything else reads it.

Every answer passes here once, at the api boundary:

- text: lone surrogates (``"\\ud800"`` in JSON) and non-characters become U+FFFD, so the
  text can always be encoded (a journal line, a file); control characters other than tab
  and newline, bidirectional overrides and invisible format characters are removed, so a
  message cannot hide or reorder what the user reads;
- structure: JSON nested deeper than :data:`MAX_DEPTH` is refused;
- size of numbers: :func:`bounded_int` / :func:`check_decimal` refuse numbers no SMSC field
  can hold (a 5,000-digit id, ``1e500000``) before any conversion that would take seconds
  or fail later when the number is printed;
- :func:`suspicious` tells which bodies to parse in a worker thread.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Final

__all__ = [
    "MAX_DEPTH",
    "bounded_int",
    "check_decimal",
    "safe_text",
    "safe_tree",
    "suspicious",
]

MAX_DEPTH: Final = 32
"""SMSC's answers are two or three levels deep."""
INT_LIMIT: Final = 2**63
"""Ids, codes and counts fit in a signed 64-bit integer."""
MAX_DIGITS: Final = 40
"""No number SMSC sends has more characters than this."""
MAX_EXPONENT: Final = 15
"""Amounts and numbers stay below 10**15 (and above 10**-15 unless zero)."""

_REPLACE = "\ufffd"
# Surrogates and non-characters are replaced; C0/C1 controls (but tab and newline),
# bidirectional controls, zero-width and other invisible format characters are removed.
_UNSAFE = re.compile(
    "[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
    "\ufff9-\ufffb\U000e0000-\U000e007f]"
)
_INVALID = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")

# Long digit runs, huge exponents, deep nesting: three searches (one alternation is slower).
_SUSPICIOUS = (
    re.compile(rb"[0-9]{40}"),
    re.compile(rb"[eE][+-]?[0-9]{4}"),
    re.compile(rb"[\[{][\s\[{]{15}"),
)


def safe_text(text: str) -> str:
    """*text* with invalid code points replaced and invisible control characters removed."""
    if text.isprintable():  # fast: no control, format, surrogate or unassigned character
        return text
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_fix, text)


def _fix(match: re.Match[str]) -> str:
    return _REPLACE if _INVALID.match(match.group()) else ""


def suspicious(body: bytes) -> bool:
    """Long digit runs, huge exponents or deep nesting: parse it off the event loop."""
    return any(pattern.search(body) is not None for pattern in _SUSPICIOUS)


class TooDeepError(ValueError):
    """The JSON is nested deeper than :data:`MAX_DEPTH`."""


def safe_tree(value: Any, *, clean: bool = True, max_depth: int = MAX_DEPTH) -> Any:
    """*value* (decoded JSON) with every string made safe when *clean*; raises
    :class:`TooDeepError` when it is nested deeper than *max_depth*.

    Walks the tree without recursion; containers are changed in place. For small answers:
    the big lists are not walked (~100 ms for 100,000 records); their parsers make safe
    the text they keep (``parsing.to_str``/``to_phone``), and the JSON decoder's own
    recursion limit bounds their depth.
    """
    if isinstance(value, str):
        return safe_text(value) if clean else value
    if not isinstance(value, list | dict):
        return value
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > max_depth:
            raise TooDeepError(f"the answer is nested more than {max_depth} levels deep")
        if type(node) is list:
            for index, item in enumerate(node):
                if type(item) is str:
                    if clean:
                        node[index] = safe_text(item)
                elif type(item) is list or type(item) is dict:
                    stack.append((item, depth + 1))
        else:
            renamed = False
            for key, item in node.items():
                if type(item) is str:
                    if clean:
                        node[key] = safe_text(item)
                elif type(item) is list or type(item) is dict:
                    stack.append((item, depth + 1))
                if clean and safe_text(key) is not key:
                    renamed = True
            if renamed:
                items = [(safe_text(k), v) for k, v in node.items()]
                node.clear()
                node.update(items)
    return value


def bounded_int(value: int) -> int:
    """*value* when it can be an id, a code or a count; ``ValueError`` otherwise."""
    if -INT_LIMIT < value < INT_LIMIT:
        return value
    raise ValueError("the number is too large")


def check_decimal(value: Decimal) -> Decimal:
    """*value* when it is finite and of a sane size; ``ValueError`` otherwise."""
    if not value.is_finite():
        raise ValueError("not a finite number")
    if value and not -MAX_EXPONENT <= value.adjusted() < MAX_EXPONENT:
        raise ValueError("the number is out of range")
    return value


def short_number_text(text: str) -> str:
    """*text* stripped, when it is short enough to be a number; ``ValueError`` otherwise."""
    text = text.strip()
    if len(text) > MAX_DIGITS:
        raise ValueError(f"{text[:20]!r}… is too long to be a number")
    return text
