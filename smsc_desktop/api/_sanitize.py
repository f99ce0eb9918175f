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
    "needs_cleaning",
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

# In a raw body: a JSON escape of such a character, or its UTF-8 bytes.
_RAW_UNSAFE = re.compile(
    rb"\\u(?:[dD][89a-fA-F]|00[01]|007[fF]|008|009|061[cC]|180[eE]|200[bBeEfF]|202[a-eA-E]"
    rb"|206|[fF][eE][fF][fF]|[fF][dD][dDeE]|[fF]{3}[9a-fA-F])"
    rb"|[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xd8\x9c|\xe1\xa0\x8e"
    rb"|\xe2\x80[\x8b\x8e\x8f\xaa-\xae]|\xe2\x81[\xa0-\xaf]|\xef\xbb\xbf|\xef\xbf[\xb9-\xbf]"
    rb"|\xef\xb7[\x90-\xaf]|\xf3\xa0[\x80\x81]"
)
_SUSPICIOUS = re.compile(rb"\d{40}|[eE][+-]?\d{4}|(?:[\[{]\s*){16}")


def safe_text(text: str) -> str:
    """*text* with invalid code points replaced and invisible control characters removed."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_fix, text)


def _fix(match: re.Match[str]) -> str:
    return _REPLACE if _INVALID.match(match.group()) else ""


def needs_cleaning(body: bytes) -> bool:
    """True when the decoded *body* may hold text :func:`safe_text` would change."""
    return _RAW_UNSAFE.search(body) is not None


def suspicious(body: bytes) -> bool:
    """Long digit runs, huge exponents or deep nesting: parse it off the event loop."""
    return _SUSPICIOUS.search(body) is not None


class TooDeepError(ValueError):
    """The JSON is nested deeper than :data:`MAX_DEPTH`."""


def safe_tree(value: Any, *, clean: bool, max_depth: int = MAX_DEPTH) -> Any:
    """*value* (decoded JSON) with every string made safe when *clean*; raises
    :class:`TooDeepError` when it is nested deeper than *max_depth*.

    Walks the tree without recursion; containers are changed in place.
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
