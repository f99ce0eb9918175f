"""SMSC callbacks to a client's handler URL: the URL syntax, signing, parsing and checking.

Plain Python (no Qt, no network); the test-callback sender is ``callback_sender.py``. One
module per part, every public name importable from here:

- ``vocabulary.py`` — algorithms, charsets, body formats, kinds, the signing strings;
- ``hashing.py`` — hashes (:func:`sign`, :func:`hash_hex`) and the secret's rules;
- ``handler_url.py`` — building (:func:`build_handler_url`) and reading
  (:func:`parse_handler_url`) the handler URL;
- ``samples.py`` — the signed request SMSC would send (:func:`prepare_callback`);
- ``received.py`` — a pasted callback taken apart (:func:`parse_callback`);
- ``checking.py`` — its signatures checked, and hints when they do not match
  (:func:`check_callback`).

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

from smsc_desktop.services.callbacks.checking import (
    CheckReport,
    Difference,
    Hint,
    HintKind,
    SchemeResult,
    SignatureCheck,
    Verdict,
    check_callback,
    compare_strings,
)
from smsc_desktop.services.callbacks.handler_url import (
    ERROR_KINDS,
    RESERVED_NAMES,
    BuiltHandlerUrl,
    HandlerSpec,
    HandlerUrl,
    Issue,
    IssueKind,
    Param,
    build_handler_url,
    parse_handler_url,
)
from smsc_desktop.services.callbacks.hashing import (
    MAX_SECRET_LENGTH,
    SecretProblem,
    check_secret,
    encode_text,
    generate_secret,
    hash_hex,
    sign,
)
from smsc_desktop.services.callbacks.received import (
    CallbackParseError,
    ParseProblem,
    PayloadFormat,
    RawValue,
    ReceivedCallback,
    detect_kind,
    parse_callback,
)
from smsc_desktop.services.callbacks.samples import (
    PreparedCallback,
    SampleValues,
    SignedField,
    encode_body,
    prepare_callback,
)
from smsc_desktop.services.callbacks.vocabulary import (
    DEFAULT_CHARSET,
    INCOMING_CANDIDATES,
    STATUS_SCHEME,
    WAITCALL_SCHEME,
    Algorithm,
    BodyFormat,
    CallbackKind,
    Charset,
    SigningScheme,
    schemes_for,
)

__all__ = [
    "DEFAULT_CHARSET",
    "ERROR_KINDS",
    "INCOMING_CANDIDATES",
    "MAX_SECRET_LENGTH",
    "RESERVED_NAMES",
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
    "RawValue",
    "ReceivedCallback",
    "SampleValues",
    "SchemeResult",
    "SecretProblem",
    "SignatureCheck",
    "SignedField",
    "SigningScheme",
    "Verdict",
    "build_handler_url",
    "check_callback",
    "check_secret",
    "compare_strings",
    "detect_kind",
    "encode_body",
    "encode_text",
    "generate_secret",
    "hash_hex",
    "parse_callback",
    "parse_handler_url",
    "prepare_callback",
    "schemes_for",
    "sign",
]
