"""Handler URLs: building the address to paste into the SMSC settings, and taking one apart
(the ``script!get…?post…`` syntax)."""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final
from urllib.parse import quote, unquote, urlsplit

from smsc_desktop.services.callbacks.hashing import SecretProblem, check_secret
from smsc_desktop.services.callbacks.vocabulary import (
    DEFAULT_CHARSET,
    Algorithm,
    BodyFormat,
    Charset,
)

_PARAM_NAME_RE = re.compile(r"[A-Za-z0-9_.\-\[\]]+")


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
    FMT_UNDOCUMENTED = "fmt_undocumented"
    """An ``fmt`` other than 2 and 3 (kept as written; a warning)."""
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
    other_fmt: str | None = None
    """An ``fmt`` SMSC does not document for handlers (``fmt=1`` in a pasted URL), written
    back as it was with form fields; ``None``: none."""


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
    def fmt_value(self) -> str | None:
        """The ``fmt`` parameter as written (``None``: there is none)."""
        value = self._value("fmt")
        return value.strip() if value is not None else None

    @property
    def undocumented_fmt(self) -> str | None:
        """An ``fmt`` other than SMSC's documented ``2`` (XML) and ``3`` (JSON), as written."""
        value = self.fmt_value
        if value is None or BodyFormat.from_fmt(value) is not None:
            return None
        return value

    @property
    def charset(self) -> Charset:
        """The charset SMSC uses for this URL. SMSC: "when fmt is given, koi8-r is not
        used" — for every ``fmt``, the undocumented ones (``fmt=1``) too: windows-1251."""
        declared = self.declared_charset or DEFAULT_CHARSET
        if declared is Charset.KOI8_R and self.fmt_value is not None:
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
            other_fmt=self.undocumented_fmt,
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
    other_fmt = spec.other_fmt if spec.body_format is BodyFormat.FORM else None
    fmt = spec.body_format.fmt or other_fmt
    if spec.charset is Charset.KOI8_R and fmt is not None:
        issues.append(Issue(IssueKind.KOI8_WITH_FMT, "charset"))
    if other_fmt is not None:
        issues.append(Issue(IssueKind.FMT_UNDOCUMENTED, "format", other_fmt))
    seen: set[str] = set()
    issues += _check_params(spec.get_params, "get", seen)
    issues += _check_params(spec.post_params, "post", seen)

    post: list[Param] = []
    if spec.charset is not DEFAULT_CHARSET:
        post.append(Param("charset", spec.charset.value))
    if fmt is not None:
        post.append(Param("fmt", fmt))
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
