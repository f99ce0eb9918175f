"""Sample callbacks: the request SMSC would send to a handler, signed (what the test sender
posts)."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import quote_plus
from xml.etree import ElementTree

from smsc_desktop.services.callbacks.handler_url import HandlerUrl, parse_handler_url
from smsc_desktop.services.callbacks.hashing import sign
from smsc_desktop.services.callbacks.vocabulary import (
    Algorithm,
    BodyFormat,
    CallbackKind,
    Charset,
    SigningScheme,
    schemes_for,
)


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
