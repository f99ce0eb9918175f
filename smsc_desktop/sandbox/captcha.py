"""The captcha of ``/sys/imgcode.php``: a few digits drawn with noise into a real PNG, and the
codes handed out, remembered per visitor IP address for a few minutes.

SMSC's documentation (the seed, «Подключение антиспам проверки (captcha) к сайту») shows a
50×18 picture, ``<img src="https://smsc.ru/sys/imgcode.php?1.1" onclick="src+=1" width="50"
height="18">``, and says the site passes the code the visitor typed as ``imgcode`` and the
visitor's IP address as ``userip`` to the send script. It says nothing about how long a code
lives nor what a failed check answers; the sandbox chooses (see ``SandboxConfig``):

- every picture makes a new code for the IP address that asked for it (the request's own
  address, or the sandbox-only ``userip`` query parameter), replacing that address's
  previous code: the visitor types what the last picture shows;
- a code lives ``captcha_ttl`` seconds (five minutes) and is good for one check: a send that
  carried it, whether the code matched or not, uses it up (a robot cannot try codes one by
  one against the same picture); a price inquiry (``cost=1``) checks without using it up.

Drawn without any imaging library: a 5×7 bitmap font, doubled, jittered, on a speckled
background crossed by two lines; encoded as an 8-bit RGB PNG with ``zlib``. ``scale`` (1-8)
enlarges the picture for a screen that shows it bigger.
"""

from __future__ import annotations

import enum
import ipaddress
import random
import struct
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Final

WIDTH: Final = 50
HEIGHT: Final = 18
DIGITS: Final = 4
MAX_SCALE: Final = 8
MAX_CODES: Final = 10_000
"""Addresses remembered at once; the oldest are forgotten first."""

_FONT: Final[dict[str, tuple[str, ...]]] = {
    "0": (".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."),
    "1": ("..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "2": (".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
    "3": ("#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."),
    "4": ("...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."),
    "5": ("#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
    "6": ("..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."),
    "8": (".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
    "9": (".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."),
}

Pixel = tuple[int, int, int]


# --- drawing -------------------------------------------------------------------------------


def encode_png(width: int, height: int, rows: list[bytes]) -> bytes:
    """An 8-bit RGB PNG of *rows* (``width * 3`` bytes each)."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)  # filter 0 (none) on every row
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def draw(code: str, rng: random.Random, scale: int = 1) -> bytes:
    """The PNG of *code* (digits): 50×18 pixels times *scale*."""
    if not 1 <= scale <= MAX_SCALE:
        raise ValueError(f"scale must be 1..{MAX_SCALE}")
    pixels: list[list[Pixel]] = []
    for _ in range(HEIGHT):
        row = []
        for _ in range(WIDTH):
            shade = rng.randint(226, 250)
            row.append((shade, shade - rng.randint(0, 8), shade - rng.randint(0, 14)))
        pixels.append(row)
    for _ in range(WIDTH * HEIGHT // 9):  # speckles
        x, y = rng.randrange(WIDTH), rng.randrange(HEIGHT)
        grey = rng.randint(120, 190)
        pixels[y][x] = (grey, grey, grey + rng.randint(0, 40))
    for _ in range(2):  # two lines across, drawn under the digits
        _line(pixels, rng)
    x = 2
    for char in code:
        glyph = _FONT[char]
        top = rng.randint(1, 3)
        ink = (rng.randint(10, 70), rng.randint(20, 80), rng.randint(60, 140))
        for gy, line in enumerate(glyph):
            for gx, mark in enumerate(line):
                if mark != "#":
                    continue
                for dy in (0, 1):
                    for dx in (0, 1):
                        px, py = x + gx * 2 + dx, top + gy * 2 + dy
                        if 0 <= px < WIDTH and 0 <= py < HEIGHT:
                            pixels[py][px] = ink
        x += 12
    rows = []
    for row in pixels:
        line_bytes = b"".join(bytes(p) * scale for p in row)
        rows.extend([line_bytes] * scale)
    return encode_png(WIDTH * scale, HEIGHT * scale, rows)


def _line(pixels: list[list[Pixel]], rng: random.Random) -> None:
    y0, y1 = rng.uniform(2, HEIGHT - 3), rng.uniform(2, HEIGHT - 3)
    colour = (rng.randint(90, 160), rng.randint(90, 160), rng.randint(90, 160))
    for x in range(WIDTH):
        y = round(y0 + (y1 - y0) * x / (WIDTH - 1))
        pixels[y][x] = colour


# --- the codes -----------------------------------------------------------------------------


def normalize_ip(text: str) -> str | None:
    """The address as written by ``ipaddress`` (IPv4-mapped IPv6 as IPv4), or None."""
    try:
        address = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(address)


class Check(enum.Enum):
    """What a send's ``imgcode`` + ``userip`` met."""

    OK = "ok"
    NO_CODE = "no_code"
    """No picture was shown to that address (or its code was used up)."""
    WRONG = "wrong"
    EXPIRED = "expired"


@dataclass
class Captcha:
    code: str
    ip: str
    issued: float  # sandbox monotonic
    issued_unix: float


class CaptchaStore:
    """The codes handed out, one per IP address, each good for ``ttl`` seconds."""

    def __init__(self, ttl: float, rng: random.Random | None = None) -> None:
        self.ttl = ttl
        self.rng = rng or random.Random()
        self._codes: OrderedDict[str, Captcha] = OrderedDict()
        self.issued_count = 0

    def issue(self, ip: str, now: float, now_unix: float) -> Captcha:
        """A new code for *ip*, replacing its previous one."""
        code = "".join(str(self.rng.randrange(10)) for _ in range(DIGITS))
        captcha = Captcha(code, ip, now, now_unix)
        self._codes.pop(ip, None)
        self._codes[ip] = captcha
        while len(self._codes) > MAX_CODES:
            self._codes.popitem(last=False)
        self.issued_count += 1
        return captcha

    def check(self, ip: str, code: str, now: float, *, use_up: bool) -> Check:
        """Whether *code* is the live code of *ip*; a send uses the code up (*use_up*)."""
        captcha = self._codes.get(ip)
        if captcha is None:
            return Check.NO_CODE
        if now - captcha.issued > self.ttl:
            del self._codes[ip]
            return Check.EXPIRED
        result = Check.OK if code.strip() == captcha.code else Check.WRONG
        if use_up:
            del self._codes[ip]
        return result

    def latest(self, ip: str | None = None) -> Captcha | None:
        """The live code of *ip*, or the last one handed out to anyone."""
        if ip is not None:
            return self._codes.get(ip)
        return next(reversed(self._codes.values()), None)

    def view(self, captcha: Captcha, now: float) -> dict[str, Any]:
        left = self.ttl - (now - captcha.issued)
        return {
            "ip": captcha.ip,
            "code": captcha.code,
            "age": round(now - captcha.issued, 3),
            "expires_in": round(max(0.0, left), 3),
            "expired": left < 0,
        }

    def snapshot(self, now: float) -> list[dict[str, Any]]:
        return [self.view(c, now) for c in self._codes.values()]
