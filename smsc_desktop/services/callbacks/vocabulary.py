"""The words of SMSC callbacks: algorithms, charsets, body formats, kinds and signing strings.

Which fields are hashed for which kind (:class:`SigningScheme`) is where SMSC's documentation
is thinnest: only the delivery-status string is documented (``confirmed``); see the package
doc for the assumptions.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final


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
