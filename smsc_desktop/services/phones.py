"""Phone numbers as people type them, checked and turned into SMSC's international digits.

SMSC wants numbers in international format, digits only (``79161234567``). People type
``+7 (916) 123-45-67``, ``8 916 123 45 67`` or ``+44 20 7946 0958``. :func:`check_phone`
accepts all of these and says precisely what is wrong with the rest; it returns data, not
prose, so the UI can word (and translate) the message.

Rules:

- spaces, brackets, dashes and dots are ignored; one leading ``+`` is allowed;
- the Russian domestic form ``8XXXXXXXXXX`` (11 digits, no ``+``) becomes ``7XXXXXXXXXX``;
- numbers of country code 7 (Russia, Kazakhstan) have exactly 11 digits;
- other countries keep their code; an international number has 8 to 15 digits (E.164);
- 10 digits starting with 9 and no ``+`` is almost always a Russian mobile number typed
  without the country code: it is refused with a hint rather than guessed.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

__all__ = ["PhoneCheck", "PhoneProblem", "check_phone", "normalize_phone"]

MIN_DIGITS = 8
MAX_DIGITS = 15
_SEPARATORS = re.compile(r"[\s()\-.\u00a0\u2010-\u2015]")


class PhoneProblem(enum.Enum):
    """Why a text is not a usable phone number."""

    EMPTY = "empty"
    BAD_CHARACTERS = "bad_characters"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    WRONG_LENGTH_7 = "wrong_length_7"
    """Country code 7 (Russia, Kazakhstan) needs exactly 11 digits."""
    MISSING_COUNTRY_CODE = "missing_country_code"
    """Looks like a Russian mobile number without the leading 7."""


@dataclass(frozen=True, slots=True)
class PhoneCheck:
    """The outcome of :func:`check_phone`: ``digits`` when valid, else ``problem``."""

    text: str
    digits: str = ""
    problem: PhoneProblem | None = None
    converted_trunk_prefix: bool = False
    """True when a Russian ``8…`` number was turned into ``7…``."""

    @property
    def ok(self) -> bool:
        return self.problem is None


def check_phone(text: str) -> PhoneCheck:
    """Check *text* and normalise it to international digits (see the module rules)."""
    raw = (text or "").strip()
    if not raw:
        return PhoneCheck(text, problem=PhoneProblem.EMPTY)
    compact = _SEPARATORS.sub("", raw)
    international = compact.startswith("+")
    if international:
        compact = compact[1:]
    elif compact.startswith("00"):  # 00 44 … is the international prefix in Europe
        compact = compact[2:]
        international = True
    if not compact or not compact.isascii() or not compact.isdigit():
        return PhoneCheck(text, problem=PhoneProblem.BAD_CHARACTERS)
    converted = False
    if not international and len(compact) == 11 and compact.startswith("8"):
        compact = "7" + compact[1:]
        converted = True
    if not international and len(compact) == 10 and compact.startswith("9"):
        return PhoneCheck(text, problem=PhoneProblem.MISSING_COUNTRY_CODE)
    if compact.startswith("7") and len(compact) != 11:
        return PhoneCheck(text, problem=PhoneProblem.WRONG_LENGTH_7)
    if len(compact) < MIN_DIGITS:
        return PhoneCheck(text, problem=PhoneProblem.TOO_SHORT)
    if len(compact) > MAX_DIGITS:
        return PhoneCheck(text, problem=PhoneProblem.TOO_LONG)
    return PhoneCheck(text, digits=compact, converted_trunk_prefix=converted)


def normalize_phone(text: str) -> str:
    """International digits for *text*; raises ``ValueError`` naming the problem."""
    result = check_phone(text)
    if result.problem is not None:
        raise ValueError(f"not a phone number ({result.problem.value}): {text!r}")
    return result.digits
