"""Checking the signatures of a received callback, and saying why one does not match."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from smsc_desktop.services.callbacks.hashing import (
    SecretProblem,
    check_secret,
    encode_text,
    hash_hex,
)
from smsc_desktop.services.callbacks.received import (
    ReceivedCallback,
    detect_kind,
    parse_callback,
)
from smsc_desktop.services.callbacks.vocabulary import (
    DEFAULT_CHARSET,
    Algorithm,
    CallbackKind,
    Charset,
    SigningScheme,
    schemes_for,
)


class Verdict(enum.Enum):
    MATCH = "match"
    MISMATCH = "mismatch"
    NO_SIGNATURE = "no_signature"
    INCOMPLETE = "incomplete"
    """Fields the signing string needs are missing."""
    BAD_SECRET = "bad_secret"


@dataclass(frozen=True, slots=True)
class SchemeResult:
    """One signing string tried for one signature field."""

    scheme: SigningScheme
    data: bytes | None
    missing: tuple[str, ...]
    expected: str | None
    matches: bool
    spelling: str = ""
    """How a matching crc32/hex was written when not in the canonical form: ``hex``,
    ``signed``, ``uppercase``."""
    parts: tuple[tuple[str, bytes], ...] = ()
    """The values joined into ``data``, by field name (the secret last, as ``secret``)."""


class HintKind(enum.Enum):
    SECRET_NOT_REPLACED = "secret_not_replaced"
    """The field holds the secret itself: this is the handler URL, not a callback."""
    OTHER_CHARSET = "other_charset"
    PHONE_PLUS = "phone_plus"
    OTHER_ALGORITHM = "other_algorithm"
    WRONG_LENGTH = "wrong_length"
    SECRET_CASE = "secret_case"


@dataclass(frozen=True, slots=True)
class Hint:
    """A variant that explains a mismatch; ``detail`` is e.g. the charset or algorithm."""

    kind: HintKind
    detail: str = ""


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    algorithm: Algorithm
    received: str
    results: tuple[SchemeResult, ...]
    hints: tuple[Hint, ...] = ()

    @property
    def matched(self) -> SchemeResult | None:
        return next((r for r in self.results if r.matches), None)

    @property
    def primary(self) -> SchemeResult:
        """The result to show: the match, or the first (most likely) string."""
        return self.matched or self.results[0]


@dataclass(frozen=True, slots=True)
class Difference:
    """Where the handler's string departs from the expected one."""

    position: int
    """Byte offset of the first difference."""
    part: int
    """0-based index of the ``:``-separated part that differs."""
    part_name: str
    expected: bytes
    actual: bytes


@dataclass(frozen=True, slots=True)
class CheckReport:
    callback: ReceivedCallback
    kind: CallbackKind
    charset: Charset
    charset_source: str
    """``field`` (the callback's own charset parameter), ``header``, ``chosen`` (given by the
    caller) or ``default`` (windows-1251, nothing said otherwise)."""
    signatures: tuple[SignatureCheck, ...]
    secret_problem: tuple[SecretProblem, str] | None = None
    difference: Difference | None = None

    @property
    def guessed(self) -> tuple[SigningScheme, ...]:
        """The strings the signatures matched that SMSC's documentation does not state
        (the app's guesses): a match then proves only that the handler makes the same
        guess, unless the callback came from SMSC itself."""
        found = (s.matched.scheme for s in self.signatures if s.matched is not None)
        return tuple(dict.fromkeys(scheme for scheme in found if not scheme.confirmed))

    @property
    def tried(self) -> tuple[SigningScheme, ...]:
        """Every signing string tried, in order (the candidates, for incoming SMS)."""
        found = (r.scheme for s in self.signatures for r in s.results)
        return tuple(dict.fromkeys(found))

    @property
    def verdict(self) -> Verdict:
        if self.secret_problem is not None:
            return Verdict.BAD_SECRET
        if not self.signatures:
            return Verdict.NO_SIGNATURE
        if all(s.matched for s in self.signatures):
            return Verdict.MATCH
        if all(r.missing for s in self.signatures for r in s.results):
            return Verdict.INCOMPLETE
        return Verdict.MISMATCH


def _same(received: str, expected: str, algorithm: Algorithm) -> str | None:
    """``""`` when *received* is *expected*, the spelling name when it is another accepted
    spelling of it, ``None`` otherwise."""
    value = received.strip()
    if value == expected:
        return ""
    if algorithm is Algorithm.CRC32:
        number = int(expected)
        if re.fullmatch(r"[0-9A-Fa-f]{8}", value) and int(value, 16) == number:
            return "hex"
        signed = number - (1 << 32) if number >= 1 << 31 else number
        if value == str(signed):
            return "signed"
        return None
    if value.lower() == expected:
        return "uppercase"
    return None


_EXPECTED_LENGTH = {Algorithm.MD5: 32, Algorithm.SHA1: 40}


def check_callback(
    text: str,
    secret: str,
    charset: Charset | None = None,
    handler_string: str | None = None,
) -> CheckReport:
    """Parse a pasted callback and check every signature field it carries.

    *charset* ``None`` means: the callback's own ``charset`` field, else its Content-Type,
    else windows-1251. *handler_string* is the string the user's handler hashed (optional);
    the report then says where it departs from the expected one.
    Raises :class:`CallbackParseError` when *text* cannot be read.
    """
    callback = parse_callback(text)
    kind = detect_kind(callback)
    if charset is not None:
        effective, source = charset, "chosen"
    elif callback.declared_charset is not None:
        effective, source = callback.declared_charset, "field"
    elif callback.header_charset is not None:
        effective, source = callback.header_charset, "header"
    else:
        effective, source = DEFAULT_CHARSET, "default"
    secret = secret.strip()
    secret_problem = check_secret(secret)
    checks: list[SignatureCheck] = []
    if secret_problem is None:
        for algorithm in Algorithm:
            received = callback.text(algorithm.value, effective)
            if received is None:
                continue
            checks.append(_check_one(callback, kind, algorithm, received, secret, effective))
    else:
        for algorithm in Algorithm:
            received = callback.text(algorithm.value, effective)
            if received is not None:
                checks.append(SignatureCheck(algorithm, received, ()))
    difference = None
    if handler_string is not None and handler_string.strip() and checks:
        primary = checks[0].primary if checks[0].results else None
        if primary is not None and primary.data is not None:
            difference = compare_strings(
                primary.parts, encode_text(handler_string.strip("\r\n"), effective)
            )
    return CheckReport(
        callback=callback,
        kind=kind,
        charset=effective,
        charset_source=source,
        signatures=tuple(checks),
        secret_problem=secret_problem,
        difference=difference,
    )


def _scheme_result(
    callback: ReceivedCallback,
    scheme: SigningScheme,
    algorithm: Algorithm,
    received: str,
    secret: str,
    charset: Charset,
    overrides: Mapping[str, bytes] | None = None,
) -> SchemeResult:
    values: dict[str, bytes] = {}
    missing = []
    for name in scheme.fields:
        raw = callback.raw(name, charset)
        if raw is None:
            missing.append(name)
        else:
            values[name] = raw
    if missing:
        return SchemeResult(scheme, None, tuple(missing), None, False)
    if overrides:
        values.update(overrides)
    secret_bytes = secret.encode("ascii")
    data = scheme.data(values, secret_bytes)
    expected = hash_hex(algorithm, data)
    spelling = _same(received, expected, algorithm)
    parts = (*((name, values[name]) for name in scheme.fields), ("secret", secret_bytes))
    return SchemeResult(
        scheme, data, (), expected, spelling is not None, spelling or "", tuple(parts)
    )


def _check_one(
    callback: ReceivedCallback,
    kind: CallbackKind,
    algorithm: Algorithm,
    received: str,
    secret: str,
    charset: Charset,
) -> SignatureCheck:
    schemes = schemes_for(kind)
    results = tuple(
        _scheme_result(callback, s, algorithm, received, secret, charset) for s in schemes
    )
    if any(r.matches for r in results):
        return SignatureCheck(algorithm, received, results)
    return SignatureCheck(
        algorithm,
        received,
        results,
        tuple(_hints(callback, schemes, algorithm, received, secret, charset)),
    )


def _hints(
    callback: ReceivedCallback,
    schemes: Sequence[SigningScheme],
    algorithm: Algorithm,
    received: str,
    secret: str,
    charset: Charset,
) -> Iterable[Hint]:
    value = received.strip()
    if value == secret:
        yield Hint(HintKind.SECRET_NOT_REPLACED)
        return
    length = _EXPECTED_LENGTH.get(algorithm)
    for other in Algorithm:
        if other is algorithm:
            continue
        for scheme in schemes:
            if _scheme_result(callback, scheme, other, value, secret, charset).matches:
                yield Hint(HintKind.OTHER_ALGORITHM, other.value)
                return
    for other_charset in Charset:
        if other_charset is charset:
            continue
        for scheme in schemes:
            result = _scheme_result(callback, scheme, algorithm, value, secret, other_charset)
            if result.matches:
                yield Hint(HintKind.OTHER_CHARSET, other_charset.value)
                return
    phone = callback.raw("phone", charset)
    if phone is not None:
        variant = phone[1:] if phone.startswith(b"+") else b"+" + phone
        for scheme in schemes:
            if "phone" not in scheme.fields:
                continue
            result = _scheme_result(
                callback, scheme, algorithm, value, secret, charset, {"phone": variant}
            )
            if result.matches:
                yield Hint(HintKind.PHONE_PLUS, variant.decode("ascii", errors="replace"))
                return
    for other_case in {secret.lower(), secret.upper()} - {secret}:
        for scheme in schemes:
            if _scheme_result(callback, scheme, algorithm, value, other_case, charset).matches:
                yield Hint(HintKind.SECRET_CASE)
                return
    if (length is not None and not re.fullmatch(rf"[0-9A-Fa-f]{{{length}}}", value)) or (
        algorithm is Algorithm.CRC32 and not re.fullmatch(r"-?\d{1,10}|[0-9A-Fa-f]{8}", value)
    ):
        yield Hint(HintKind.WRONG_LENGTH, str(len(value)))


def compare_strings(parts: Sequence[tuple[str, bytes]], actual: bytes) -> Difference | None:
    """Where *actual* (the string a handler hashed) departs from the expected string, which
    is the *parts* joined by ``:``; ``None`` when they are equal."""
    expected = b":".join(value for _, value in parts)
    if expected == actual:
        return None
    position = next(
        (i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
        min(len(expected), len(actual)),
    )
    start = 0
    for index, (name, value) in enumerate(parts):
        end = start + len(value)
        if position <= end or index == len(parts) - 1:
            if index == len(parts) - 1:
                actual_part = actual[start:]
            else:
                stop = actual.find(b":", max(start, position))
                actual_part = actual[start:] if stop < 0 else actual[start:stop]
            return Difference(position, index, name, value, actual_part)
        start = end + 1
    raise AssertionError("unreachable")  # pragma: no cover
