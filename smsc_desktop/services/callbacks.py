"""SMSC callbacks to a client's handler URL: the URL syntax, signing, parsing and checking.

Plain Python (no Qt, no network); the test-callback sender is ``callback_sender.py``.

What SMSC documents (the seed, ../shared/smsc-api.md §4):

- The handler URL may carry ``charset`` (``windows-1251`` by default, ``utf-8``, ``koi8-r``)
  and ``fmt`` (``2`` XML, ``3`` JSON; with ``fmt`` koi8-r is not used).
- Signing: write ``md5=<secret>``, ``sha1=<secret>`` or ``crc32=<secret>`` in the URL; SMSC
  sends that parameter with the secret replaced by the hash of a data string. For delivery
  statuses the string is ``id:phone:status:<secret>``. The secret may contain Latin letters,
  digits, ``-`` and ``_``.
- Every parameter is POSTed (as XML/JSON in the body with ``fmt=2``/``fmt=3``). Parameters
  written between a ``!`` and the ``?`` arrive by GET: in ``https://mysite.ru/!p1&p2?p3&p4``,
  ``p1`` and ``p2`` by GET, ``p3`` and ``p4`` by POST. Every parameter after the ``?`` is
  POSTed as well as the standard fields.
- An incoming SMS carries ``mes``, a call-verification message ``waitcall``; anything else
  is a delivery status.

Assumptions, labelled as such wherever they are shown:

- Call-verification string ``phone:ts:<secret>``: one third-party integration, unconfirmed.
- Incoming-SMS string: unknown. The checker tries the candidates of
  :data:`INCOMING_CANDIDATES` and says which one matches.
- crc32 is ``zlib.crc32`` of the string as an unsigned decimal number; when checking, hex
  and signed (PHP on 32-bit) spellings are accepted too, and reported.
- Hashes are taken over the values exactly as received: the bytes in the callback's charset,
  after URL-decoding, with the phone as sent.
- With ``fmt=2`` the body is ``<?xml …?><data><name>value</name>…</data>`` (the element
  names of the real body are not documented; the parser accepts any root).
- ``koi8-r`` together with ``fmt``: SMSC says koi8-r "is not used"; the default
  windows-1251 is assumed then.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
import secrets
import time
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Final
from urllib.parse import quote, quote_plus, unquote, urlsplit
from xml.etree import ElementTree

__all__ = [
    "INCOMING_CANDIDATES",
    "STATUS_SCHEME",
    "WAITCALL_SCHEME",
    "Algorithm",
    "BodyFormat",
    "BuiltHandlerUrl",
    "CallbackKind",
    "CallbackParseError",
    "Charset",
    "CheckReport",
    "Difference",
    "HandlerSpec",
    "HandlerUrl",
    "Hint",
    "HintKind",
    "Issue",
    "IssueKind",
    "Param",
    "ParseProblem",
    "PayloadFormat",
    "PreparedCallback",
    "ReceivedCallback",
    "SampleValues",
    "SchemeResult",
    "SignatureCheck",
    "SigningScheme",
    "Verdict",
    "build_handler_url",
    "check_callback",
    "check_secret",
    "compare_strings",
    "detect_kind",
    "encode_body",
    "generate_secret",
    "hash_hex",
    "parse_callback",
    "parse_handler_url",
    "prepare_callback",
    "schemes_for",
    "sign",
]

MAX_SECRET_LENGTH: Final = 64
"""Not documented; long enough for any sensible secret (open question 11)."""
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]+")
_PARAM_NAME_RE = re.compile(r"[A-Za-z0-9_.\-\[\]]+")


# --- vocabulary ---------------------------------------------------------------------------


class Algorithm(enum.StrEnum):
    MD5 = "md5"
    SHA1 = "sha1"
    CRC32 = "crc32"


class Charset(enum.StrEnum):
    WINDOWS_1251 = "windows-1251"
    UTF_8 = "utf-8"
    KOI8_R = "koi8-r"

    @property
    def codec(self) -> str:
        return {"windows-1251": "cp1251", "utf-8": "utf-8", "koi8-r": "koi8_r"}[self.value]

    @classmethod
    def parse(cls, text: str | None) -> Charset | None:
        """The charset named by *text* (``utf8``, ``CP1251``, ``koi8r`` too), or ``None``."""
        if not text:
            return None
        key = re.sub(r"[\s_\-]", "", text.strip().lower())
        aliases = {
            "windows1251": cls.WINDOWS_1251,
            "cp1251": cls.WINDOWS_1251,
            "win1251": cls.WINDOWS_1251,
            "utf8": cls.UTF_8,
            "koi8r": cls.KOI8_R,
        }
        return aliases.get(key)


DEFAULT_CHARSET: Final = Charset.WINDOWS_1251


class BodyFormat(enum.StrEnum):
    """How SMSC sends the parameters: form fields (default), XML (``fmt=2``), JSON (``fmt=3``)."""

    FORM = "form"
    XML = "xml"
    JSON = "json"

    @property
    def fmt(self) -> str | None:
        return {"form": None, "xml": "2", "json": "3"}[self.value]

    @classmethod
    def from_fmt(cls, value: str | None) -> BodyFormat | None:
        return {"2": cls.XML, "3": cls.JSON}.get((value or "").strip())


class CallbackKind(enum.StrEnum):
    STATUS = "status"
    INCOMING = "incoming"
    WAITCALL = "waitcall"


@dataclass(frozen=True, slots=True)
class SigningScheme:
    """Which fields, joined by ``:`` and followed by ``:<secret>``, are hashed."""

    key: str
    kind: CallbackKind
    fields: tuple[str, ...]
    confirmed: bool
    """True only when SMSC's documentation states the string."""

    @property
    def template(self) -> str:
        return ":".join((*self.fields, "<secret>"))

    def data(self, values: Mapping[str, bytes], secret: bytes) -> bytes:
        return b":".join([*(values[name] for name in self.fields), secret])


STATUS_SCHEME: Final = SigningScheme("status", CallbackKind.STATUS, ("id", "phone", "status"), True)
WAITCALL_SCHEME: Final = SigningScheme("waitcall", CallbackKind.WAITCALL, ("phone", "ts"), False)
INCOMING_CANDIDATES: Final = (
    SigningScheme("incoming_id_phone_mes", CallbackKind.INCOMING, ("id", "phone", "mes"), False),
    SigningScheme("incoming_phone_mes_to", CallbackKind.INCOMING, ("phone", "mes", "to"), False),
    SigningScheme("incoming_id_phone", CallbackKind.INCOMING, ("id", "phone"), False),
)


def schemes_for(kind: CallbackKind) -> tuple[SigningScheme, ...]:
    """The signing strings to try for *kind*; the first is the one the app signs with."""
    if kind is CallbackKind.STATUS:
        return (STATUS_SCHEME,)
    if kind is CallbackKind.WAITCALL:
        return (WAITCALL_SCHEME,)
    return INCOMING_CANDIDATES


# --- hashing ------------------------------------------------------------------------------


def hash_hex(algorithm: Algorithm, data: bytes) -> str:
    """md5/sha1 as lowercase hex; crc32 as an unsigned decimal number (see the module doc)."""
    if algorithm is Algorithm.MD5:
        return hashlib.md5(data, usedforsecurity=False).hexdigest()
    if algorithm is Algorithm.SHA1:
        return hashlib.sha1(data, usedforsecurity=False).hexdigest()
    return str(zlib.crc32(data) & 0xFFFFFFFF)


def _encode(value: str | bytes, charset: Charset) -> bytes:
    if isinstance(value, bytes):
        return value
    return value.encode(charset.codec, errors="replace")


def sign(
    algorithm: Algorithm,
    scheme: SigningScheme,
    values: Mapping[str, str | bytes],
    secret: str,
    charset: Charset = DEFAULT_CHARSET,
) -> tuple[bytes, str]:
    """The string SMSC hashes for *values* and its hash: ``(data, hash)``.

    >>> sign(Algorithm.MD5, STATUS_SCHEME, {"id": "1", "phone": "79161234567", "status": "1"},
    ...      "secret")[0]
    b'1:79161234567:1:secret'
    """
    encoded = {name: _encode(values[name], charset) for name in scheme.fields}
    data = scheme.data(encoded, _encode(secret, charset))
    return data, hash_hex(algorithm, data)


class SecretProblem(enum.Enum):
    EMPTY = "empty"
    BAD_CHARACTERS = "bad_characters"
    TOO_LONG = "too_long"


def generate_secret(length: int = 24) -> str:
    """A random secret of allowed characters (letters, digits, ``-``, ``_``)."""
    return secrets.token_urlsafe(length)[:length]


def check_secret(secret: str) -> tuple[SecretProblem, str] | None:
    """``None`` when *secret* is allowed, else the problem and the offending characters."""
    if not secret:
        return SecretProblem.EMPTY, ""
    bad = "".join(dict.fromkeys(c for c in secret if not _SECRET_RE.fullmatch(c)))
    if bad:
        return SecretProblem.BAD_CHARACTERS, bad
    if len(secret) > MAX_SECRET_LENGTH:
        return SecretProblem.TOO_LONG, ""
    return None


# --- handler URLs ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Param:
    """One URL parameter; ``value`` ``None`` is a bare name (``!param1&param2``)."""

    name: str
    value: str | None = None

    def encoded(self) -> str:
        name = quote(self.name, safe="-_.~[]")
        if self.value is None:
            return name
        return f"{name}={quote(self.value, safe='-_.~')}"


class IssueKind(enum.Enum):
    SCRIPT_EMPTY = "script_empty"
    SCRIPT_NOT_HTTP = "script_not_http"
    SCRIPT_NO_HOST = "script_no_host"
    SCRIPT_HAS_PARAMETERS = "script_has_parameters"
    SECRET_EMPTY = "secret_empty"
    SECRET_BAD_CHARACTERS = "secret_bad_characters"
    SECRET_TOO_LONG = "secret_too_long"
    KOI8_WITH_FMT = "koi8_with_fmt"
    PARAM_NAME_EMPTY = "param_name_empty"
    PARAM_NAME_BAD = "param_name_bad"
    PARAM_RESERVED = "param_reserved"
    PARAM_DUPLICATE = "param_duplicate"


ERROR_KINDS: Final = frozenset(
    {
        IssueKind.SCRIPT_EMPTY,
        IssueKind.SCRIPT_NOT_HTTP,
        IssueKind.SCRIPT_NO_HOST,
        IssueKind.SCRIPT_HAS_PARAMETERS,
        IssueKind.SECRET_EMPTY,
        IssueKind.SECRET_BAD_CHARACTERS,
        IssueKind.SECRET_TOO_LONG,
        IssueKind.KOI8_WITH_FMT,
        IssueKind.PARAM_NAME_EMPTY,
        IssueKind.PARAM_NAME_BAD,
    }
)

# Names SMSC itself sends or reads in the handler URL; a user parameter of that name would
# clash with them.
RESERVED_NAMES: Final = frozenset(
    {"charset", "fmt", "md5", "sha1", "crc32", "id", "phone", "status", "err", "ts", "time"}
    | {"mes", "to", "sent", "sms_id", "waitcall", "cost", "cnt", "sender_id"}
)


@dataclass(frozen=True, slots=True)
class Issue:
    """Something wrong with the handler URL. ``where``: ``script``, ``secret``, ``charset``,
    ``get`` or ``post``; ``detail``: the parameter name or the offending characters."""

    kind: IssueKind
    where: str
    detail: str = ""

    @property
    def is_error(self) -> bool:
        return self.kind in ERROR_KINDS


@dataclass(frozen=True, slots=True)
class HandlerSpec:
    """What the URL builder's form holds."""

    script_url: str
    charset: Charset = DEFAULT_CHARSET
    body_format: BodyFormat = BodyFormat.FORM
    algorithm: Algorithm | None = None
    secret: str = ""
    get_params: tuple[Param, ...] = ()
    post_params: tuple[Param, ...] = ()


@dataclass(frozen=True, slots=True)
class HandlerUrl:
    """A handler URL taken apart: where SMSC sends, and which parameters go how.

    ``post_params`` are all parameters after the ``?`` in order, including ``charset``,
    ``fmt`` and the signature parameters (whose values are the secrets).
    """

    script_url: str
    get_params: tuple[Param, ...] = ()
    post_params: tuple[Param, ...] = ()

    def _value(self, name: str) -> str | None:
        for param in self.post_params:
            if param.name.lower() == name:
                return param.value or ""
        return None

    @property
    def declared_charset(self) -> Charset | None:
        return Charset.parse(self._value("charset"))

    @property
    def body_format(self) -> BodyFormat:
        return BodyFormat.from_fmt(self._value("fmt")) or BodyFormat.FORM

    @property
    def charset(self) -> Charset:
        """The charset SMSC uses for this URL (koi8-r is not used together with fmt)."""
        declared = self.declared_charset or DEFAULT_CHARSET
        if declared is Charset.KOI8_R and self.body_format is not BodyFormat.FORM:
            return DEFAULT_CHARSET
        return declared

    @property
    def signatures(self) -> tuple[tuple[Algorithm, str], ...]:
        """``(algorithm, secret)`` for every signing parameter in the URL."""
        found = []
        for param in self.post_params:
            try:
                algorithm = Algorithm(param.name.lower())
            except ValueError:
                continue
            found.append((algorithm, param.value or ""))
        return tuple(found)

    @property
    def request_url(self) -> str:
        """The URL SMSC requests: the script with the GET parameters."""
        if not self.get_params:
            return self.script_url
        return self.script_url + "?" + "&".join(p.encoded() for p in self.get_params)

    @property
    def extra_post_params(self) -> tuple[Param, ...]:
        """POST parameters other than charset, fmt and the signatures."""
        skip = {"charset", "fmt", *Algorithm}
        return tuple(p for p in self.post_params if p.name.lower() not in skip)

    def to_spec(self) -> HandlerSpec:
        signatures = self.signatures
        algorithm, secret = signatures[0] if signatures else (None, "")
        return HandlerSpec(
            script_url=self.script_url,
            charset=self.declared_charset or DEFAULT_CHARSET,
            body_format=self.body_format,
            algorithm=algorithm,
            secret=secret,
            get_params=self.get_params,
            post_params=self.extra_post_params,
        )


@dataclass(frozen=True, slots=True)
class BuiltHandlerUrl:
    """The URL to paste into the SMSC settings (``""`` while there are errors)."""

    url: str
    issues: tuple[Issue, ...]
    handler: HandlerUrl | None

    @property
    def ok(self) -> bool:
        return not any(issue.is_error for issue in self.issues)

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.is_error)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if not i.is_error)


def _check_script(url: str) -> list[Issue]:
    text = url.strip()
    if not text:
        return [Issue(IssueKind.SCRIPT_EMPTY, "script")]
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        return [Issue(IssueKind.SCRIPT_NOT_HTTP, "script")]
    if not parts.hostname:
        return [Issue(IssueKind.SCRIPT_NO_HOST, "script")]
    if "?" in text or "!" in text or "#" in text:
        return [Issue(IssueKind.SCRIPT_HAS_PARAMETERS, "script")]
    return []


def _check_params(params: Sequence[Param], where: str, seen: set[str]) -> list[Issue]:
    issues = []
    for param in params:
        name = param.name.strip()
        if not name:
            issues.append(Issue(IssueKind.PARAM_NAME_EMPTY, where))
            continue
        if not _PARAM_NAME_RE.fullmatch(name):
            issues.append(Issue(IssueKind.PARAM_NAME_BAD, where, name))
            continue
        if name.lower() in RESERVED_NAMES:
            issues.append(Issue(IssueKind.PARAM_RESERVED, where, name))
        elif name.lower() in seen:
            issues.append(Issue(IssueKind.PARAM_DUPLICATE, where, name))
        seen.add(name.lower())
    return issues


def build_handler_url(spec: HandlerSpec) -> BuiltHandlerUrl:
    """The handler URL for *spec*: ``script!get…?charset=…&fmt=…&md5=<secret>&post…``.

    Defaults are left out (``charset=windows-1251``, form fields). The signature parameter
    holds the secret itself: SMSC replaces it with the hash in every callback.
    """
    issues = _check_script(spec.script_url)
    if spec.algorithm is not None:
        problem = check_secret(spec.secret)
        if problem is not None:
            kind = {
                SecretProblem.EMPTY: IssueKind.SECRET_EMPTY,
                SecretProblem.BAD_CHARACTERS: IssueKind.SECRET_BAD_CHARACTERS,
                SecretProblem.TOO_LONG: IssueKind.SECRET_TOO_LONG,
            }[problem[0]]
            issues.append(Issue(kind, "secret", problem[1]))
    if spec.charset is Charset.KOI8_R and spec.body_format is not BodyFormat.FORM:
        issues.append(Issue(IssueKind.KOI8_WITH_FMT, "charset"))
    seen: set[str] = set()
    issues += _check_params(spec.get_params, "get", seen)
    issues += _check_params(spec.post_params, "post", seen)

    post: list[Param] = []
    if spec.charset is not DEFAULT_CHARSET:
        post.append(Param("charset", spec.charset.value))
    if spec.body_format.fmt is not None:
        post.append(Param("fmt", spec.body_format.fmt))
    if spec.algorithm is not None:
        post.append(Param(spec.algorithm.value, spec.secret))
    post += [replace(p, name=p.name.strip()) for p in spec.post_params if p.name.strip()]
    get = tuple(replace(p, name=p.name.strip()) for p in spec.get_params if p.name.strip())
    handler = HandlerUrl(spec.script_url.strip(), get, tuple(post))
    if any(issue.is_error for issue in issues):
        return BuiltHandlerUrl("", tuple(issues), handler)
    url = handler.script_url
    if get:
        url += "!" + "&".join(p.encoded() for p in get)
    if post:
        url += "?" + "&".join(p.encoded() for p in post)
    return BuiltHandlerUrl(url, tuple(issues), handler)


def _split_params(text: str) -> tuple[Param, ...]:
    params = []
    for piece in text.split("&"):
        if not piece:
            continue
        name, sep, value = piece.partition("=")
        params.append(Param(unquote(name), unquote(value) if sep else None))
    return tuple(params)


def parse_handler_url(url: str) -> HandlerUrl:
    """Take a handler URL apart (the ``!`` and ``?`` syntax). Raises ``ValueError`` when
    it is not an http(s) address."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) handler address: {url!r}")
    text = text.split("#", 1)[0]
    before, _, query = text.partition("?")
    scheme_end = before.find("://") + 3
    bang = before.find("!", scheme_end)
    if bang >= 0:
        script, get_text = before[:bang], before[bang + 1 :]
    else:
        script, get_text = before, ""
    return HandlerUrl(script, _split_params(get_text), _split_params(query))


# --- sample callbacks (what the test sender posts) ------------------------------------


@dataclass(frozen=True, slots=True)
class SampleValues:
    """Values of a sample callback; the test sender signs and posts them."""

    id: str = "84215"
    phone: str = "79161234567"
    status: str = "1"
    err: str = "0"
    cost: str = "2.50"
    cnt: str = "1"
    mes: str = "Тест SMSC Desktop: входящее сообщение"
    to: str = "74993801001"
    ts: str = field(default_factory=lambda: str(int(time.time())))

    def fields(self, kind: CallbackKind) -> list[tuple[str, str]]:
        if kind is CallbackKind.STATUS:
            return [
                ("id", self.id),
                ("phone", self.phone),
                ("status", self.status),
                ("err", self.err),
                ("ts", self.ts),
                ("cnt", self.cnt),
                ("cost", self.cost),
            ]
        if kind is CallbackKind.INCOMING:
            return [
                ("id", self.id),
                ("sms_id", "0"),
                ("phone", self.phone),
                ("mes", self.mes),
                ("to", self.to),
                ("sent", self.ts),
                ("time", self.ts),
            ]
        return [("waitcall", "1"), ("phone", self.phone), ("ts", self.ts)]


@dataclass(frozen=True, slots=True)
class SignedField:
    """How one signature parameter of a prepared callback was computed."""

    algorithm: Algorithm
    scheme: SigningScheme
    data: bytes
    value: str


@dataclass(frozen=True, slots=True)
class PreparedCallback:
    """A callback ready to send: URL, headers, body bytes, and how it was signed."""

    kind: CallbackKind
    url: str
    content_type: str
    body: bytes
    fields: tuple[tuple[str, str], ...]
    """Every field of the body, in order, as text (signatures filled in)."""
    charset: Charset
    body_format: BodyFormat
    signatures: tuple[SignedField, ...]


def prepare_callback(
    handler: HandlerUrl | str, kind: CallbackKind, sample: SampleValues | None = None
) -> PreparedCallback:
    """Build the request SMSC would send to *handler* for a *kind* event.

    Standard fields come first, then every parameter after the URL's ``?`` (SMSC POSTs those
    too), with each ``md5``/``sha1``/``crc32`` secret replaced by the hash; GET parameters
    (``!`` syntax) go into the request URL. The body is form fields, XML or JSON per ``fmt``,
    encoded in the URL's charset.
    """
    url = parse_handler_url(handler) if isinstance(handler, str) else handler
    charset = url.charset
    body_format = url.body_format
    sample = sample or SampleValues()
    standard = sample.fields(kind)
    values = dict(standard)
    scheme = schemes_for(kind)[0]
    signed: list[SignedField] = []
    extras: list[tuple[str, str]] = []
    taken = {name for name, _ in standard}
    for param in url.post_params:
        name = param.name
        try:
            algorithm: Algorithm | None = Algorithm(name.lower())
        except ValueError:
            algorithm = None
        if algorithm is not None:
            data, digest = sign(algorithm, scheme, values, param.value or "", charset)
            signed.append(SignedField(algorithm, scheme, data, digest))
            extras.append((name, digest))
        elif name not in taken:
            extras.append((name, param.value or ""))
        taken.add(name)
    fields = (*standard, *extras)
    body, content_type = encode_body(fields, body_format, charset)
    return PreparedCallback(
        kind=kind,
        url=url.request_url,
        content_type=content_type,
        body=body,
        fields=tuple(fields),
        charset=charset,
        body_format=body_format,
        signatures=tuple(signed),
    )


def encode_body(
    fields: Sequence[tuple[str, str]], body_format: BodyFormat, charset: Charset
) -> tuple[bytes, str]:
    """The request body and its Content-Type for *fields*."""
    codec = charset.codec
    if body_format is BodyFormat.JSON:
        text = json.dumps(dict(fields), ensure_ascii=False)
        return text.encode(codec, errors="replace"), f"application/json; charset={charset}"
    if body_format is BodyFormat.XML:
        root = ElementTree.Element("data")
        for name, value in fields:
            ElementTree.SubElement(root, name).text = value
        inner = ElementTree.tostring(root, encoding="unicode")
        text = f'<?xml version="1.0" encoding="{charset}"?>\n{inner}'
        return text.encode(codec, errors="replace"), f"application/xml; charset={charset}"
    pairs = [
        quote_plus(name.encode(codec, errors="replace"))
        + "="
        + quote_plus(value.encode(codec, errors="replace"))
        for name, value in fields
    ]
    return (
        "&".join(pairs).encode("ascii"),
        f"application/x-www-form-urlencoded; charset={charset}",
    )


# --- received callbacks ------------------------------------------------------------------


class PayloadFormat(enum.StrEnum):
    FORM = "form"
    """``id=1&phone=…`` (a POST body)."""
    QUERY = "query"
    """A URL or ``?…`` query string."""
    JSON = "json"
    XML = "xml"
    LINES = "lines"
    """``name = value`` per line, or PHP ``print_r`` output."""
    HTTP = "http"
    """A whole HTTP request: request line, headers, body."""


class ParseProblem(enum.Enum):
    EMPTY = "empty"
    BAD_JSON = "bad_json"
    JSON_NOT_OBJECT = "json_not_object"
    BAD_XML = "bad_xml"
    NO_FIELDS = "no_fields"


class CallbackParseError(ValueError):
    def __init__(self, problem: ParseProblem, detail: str = "") -> None:
        self.problem = problem
        self.detail = detail
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)


RawValue = str | bytes
"""``bytes`` when the text carried percent-encoded bytes, ``str`` when it carried text."""


@dataclass(frozen=True, slots=True)
class ReceivedCallback:
    """A pasted callback, taken apart. Values are kept as received (see :data:`RawValue`)."""

    format: PayloadFormat
    fields: tuple[tuple[str, RawValue], ...]
    header_charset: Charset | None = None
    inner_format: PayloadFormat | None = None
    """For ``HTTP`` dumps: the format of the body."""

    def names(self) -> list[str]:
        return [name for name, _ in self.fields]

    def get(self, name: str) -> RawValue | None:
        for key, value in self.fields:
            if key == name:
                return value
        return None

    def text(self, name: str, charset: Charset) -> str | None:
        value = self.get(name)
        if value is None:
            return None
        if isinstance(value, bytes):
            return value.decode(charset.codec, errors="replace")
        return value

    def raw(self, name: str, charset: Charset) -> bytes | None:
        value = self.get(name)
        if value is None:
            return None
        return _encode(value, charset)

    @property
    def declared_charset(self) -> Charset | None:
        value = self.get("charset")
        if isinstance(value, bytes):
            value = value.decode("ascii", errors="replace")
        return Charset.parse(value) if value is not None else None


def _decode_form(text: str) -> tuple[tuple[str, RawValue], ...]:
    fields: list[tuple[str, RawValue]] = []
    for piece in re.split(r"[&\n]", text):
        piece = piece.strip()
        if not piece:
            continue
        name, _, value = piece.partition("=")
        fields.append((_percent_text(name), _percent_bytes(value)))
    return tuple(fields)


def _percent_bytes(text: str) -> RawValue:
    """Percent-decode to bytes (``+`` is a space); text without escapes stays text.

    A value that mixes escapes with non-ASCII characters comes from a log that already shows
    decoded text: its escapes are read as UTF-8 and it stays text.
    """
    if "%" not in text and "+" not in text:
        return text
    if not text.isascii():
        return unquote(text.replace("+", " "))
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c == "%" and _HEX2.fullmatch(text[i + 1 : i + 3]):
            out.append(int(text[i + 1 : i + 3], 16))
            i += 3
            continue
        out += b" " if c == "+" else c.encode("ascii")
        i += 1
    return bytes(out)


_HEX2 = re.compile(r"[0-9A-Fa-f]{2}")


def _percent_text(text: str) -> str:
    value = _percent_bytes(text)
    return value.decode("utf-8", errors="replace") if isinstance(value, bytes) else value


_JSON_SCALARS = (str, int, float, bool)


def _parse_json(text: str) -> tuple[tuple[str, RawValue], ...]:
    try:
        data = json.loads(text, parse_int=str, parse_float=str)
    except ValueError as exc:
        raise CallbackParseError(ParseProblem.BAD_JSON, str(exc)) from None
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if not isinstance(data, dict):
        raise CallbackParseError(ParseProblem.JSON_NOT_OBJECT)
    fields: list[tuple[str, RawValue]] = []
    for name, value in data.items():
        if value is None:
            fields.append((str(name), ""))
        elif isinstance(value, bool):
            fields.append((str(name), "1" if value else "0"))
        elif isinstance(value, _JSON_SCALARS):
            fields.append((str(name), str(value)))
        else:
            fields.append((str(name), json.dumps(value, ensure_ascii=False)))
    return tuple(fields)


def _parse_xml(text: str) -> tuple[tuple[str, RawValue], ...]:
    body = text.strip()
    if "<!DOCTYPE" in body.upper() or "<!ENTITY" in body.upper():
        raise CallbackParseError(ParseProblem.BAD_XML, "DOCTYPE and entities are not accepted")
    # ElementTree refuses str input with an encoding declaration other than utf-8 only when
    # given bytes; a str is already decoded, so drop the declaration.
    body = re.sub(r"^<\?xml[^>]*\?>", "", body).strip()
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as exc:
        raise CallbackParseError(ParseProblem.BAD_XML, str(exc)) from None
    node = root
    # <result><item>…</item></result>: descend to the first element that holds leaves.
    while len(node) == 1 and not node.attrib and (len(node[0]) > 0 or node[0].attrib):
        node = node[0]
    fields: list[tuple[str, RawValue]] = [(k, v) for k, v in node.attrib.items()]
    for child in node:
        if len(child) == 0:
            fields.append((child.tag, child.text or ""))
    return tuple(fields)


_LINE_RE = re.compile(r"^\s*\[?([A-Za-z_][\w\-.]*)\]?\s*(=>|=|:)\s?(.*?)\s*$")


def _parse_lines(text: str) -> tuple[tuple[str, RawValue], ...]:
    fields: list[tuple[str, RawValue]] = []
    for line in text.splitlines():
        match = _LINE_RE.match(line)
        if match:
            fields.append((match.group(1), match.group(3)))
    return tuple(fields)


_REQUEST_LINE = re.compile(r"^(GET|POST|PUT)\s+(\S+)\s+HTTP/\d(\.\d)?\s*$", re.IGNORECASE)


def _sniff(text: str) -> PayloadFormat:
    head = text.lstrip()
    if head.startswith(("{", "[")):
        return PayloadFormat.JSON
    if head.startswith("<"):
        return PayloadFormat.XML
    first_line = head.splitlines()[0] if head else ""
    if _REQUEST_LINE.match(first_line):
        return PayloadFormat.HTTP
    if "?" in head and ("://" in head or head.startswith(("/", "?"))):
        return PayloadFormat.QUERY
    lines = [line for line in head.splitlines() if line.strip()]
    if len(lines) > 1 and "&" not in head:
        return PayloadFormat.LINES
    return PayloadFormat.FORM


def parse_callback(text: str) -> ReceivedCallback:
    """Take a pasted callback apart: form body, query string or URL, JSON, XML, ``name=value``
    lines or a whole HTTP request. Raises :class:`CallbackParseError`."""
    if not text or not text.strip():
        raise CallbackParseError(ParseProblem.EMPTY)
    fmt = _sniff(text)
    header_charset = None
    inner = None
    if fmt is PayloadFormat.HTTP:
        fields, header_charset, inner = _parse_http(text)
    elif fmt is PayloadFormat.JSON:
        fields = _parse_json(text)
    elif fmt is PayloadFormat.XML:
        fields = _parse_xml(text)
    elif fmt is PayloadFormat.QUERY:
        query = text.strip().split("?", 1)[1].split("#", 1)[0]
        fields = _decode_form(query)
    elif fmt is PayloadFormat.LINES:
        fields = _parse_lines(text)
    else:
        fields = _decode_form(text.strip())
    if not fields:
        raise CallbackParseError(ParseProblem.NO_FIELDS)
    return ReceivedCallback(fmt, fields, header_charset, inner)


def _parse_http(
    text: str,
) -> tuple[tuple[tuple[str, RawValue], ...], Charset | None, PayloadFormat]:
    normalized = text.lstrip().replace("\r\n", "\n")
    head, _, body = normalized.partition("\n\n")
    lines = head.split("\n")
    match = _REQUEST_LINE.match(lines[0])
    assert match is not None
    target = match.group(2)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    content_type = headers.get("content-type", "")
    charset_match = re.search(r"charset=([\w\-]+)", content_type, re.IGNORECASE)
    header_charset = Charset.parse(charset_match.group(1)) if charset_match else None
    get_fields = _decode_form(target.split("?", 1)[1]) if "?" in target else ()
    body = body.strip()
    body_fields: tuple[tuple[str, RawValue], ...] = ()
    inner = PayloadFormat.FORM
    if body:
        if "json" in content_type.lower():
            inner = PayloadFormat.JSON
        elif "xml" in content_type.lower():
            inner = PayloadFormat.XML
        else:
            inner = _sniff(body)
            if inner not in (PayloadFormat.JSON, PayloadFormat.XML, PayloadFormat.LINES):
                inner = PayloadFormat.FORM
        parser = {
            PayloadFormat.JSON: _parse_json,
            PayloadFormat.XML: _parse_xml,
            PayloadFormat.LINES: _parse_lines,
        }.get(inner, _decode_form)
        body_fields = parser(body)
    names = {name for name, _ in body_fields}
    merged = (*body_fields, *((n, v) for n, v in get_fields if n not in names))
    return merged, header_charset, inner


def detect_kind(callback: ReceivedCallback) -> CallbackKind:
    """``mes`` → incoming SMS, ``waitcall`` → call verification, else a delivery status."""
    names = set(callback.names())
    if "mes" in names:
        return CallbackKind.INCOMING
    if "waitcall" in names:
        return CallbackKind.WAITCALL
    return CallbackKind.STATUS


# --- checking signatures -------------------------------------------------------------


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
    parts: tuple[tuple[str, bytes], ...] = ()
    """The values joined into ``data``, by field name (the secret last, as ``secret``)."""
    """How a matching crc32/hex was written when not in the canonical form: ``hex``,
    ``signed``, ``uppercase``."""


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
                primary.parts, _encode(handler_string.strip("\r\n"), effective)
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
