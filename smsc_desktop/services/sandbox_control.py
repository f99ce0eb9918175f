"""Talk to the built-in SMSC sandbox's control endpoints (``/sandbox/…``) from the app.

Only for a profile that points at the sandbox (the demo account, or the server started with
``--demo``): the real SMSC has no such endpoints, and the sandbox answers them only on this
computer, so :func:`is_sandbox_profile` refuses anything that is not a loopback address.
Used by the Verification tab's "Simulate the subscriber's call", the Numbers tab's
"Simulate an incoming SMS" and, on the site captcha page, to tell the code of the sandbox's
captcha picture (a demo must be able to type it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from smsc_desktop.api import PlainHttpError, post_plain
from smsc_desktop.services.profiles import Profile, is_loopback_host, normalize_server

if TYPE_CHECKING:
    from smsc_desktop.api import HttpTransport

__all__ = [
    "SandboxCaptcha",
    "SandboxControl",
    "SandboxControlError",
    "SimulatedCall",
    "SimulatedSms",
    "is_sandbox_profile",
]

log = logging.getLogger("smsc_desktop.services.sandbox_control")


class SandboxControlError(Exception):
    """The sandbox refused (``status`` 404: nothing pending, 410: expired) or is unreachable
    (``status`` ``None``). ``message`` is the sandbox's own text."""

    def __init__(self, status: int | None, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(f"sandbox control failed ({status}): {message}")


@dataclass(frozen=True, slots=True)
class SimulatedCall:
    message_id: int
    phone: str
    to_phone: str


@dataclass(frozen=True, slots=True)
class SandboxCaptcha:
    """The live code of the sandbox's captcha picture and the address it was shown to."""

    code: str
    ip: str
    expires_in: float


@dataclass(frozen=True, slots=True)
class SimulatedSms:
    message_id: int | None
    """None while a delayed SMS has not landed yet."""
    phone: str
    to_phone: str


def is_sandbox_profile(profile: Profile, sandbox_url: str | None = None) -> bool:
    """True when *profile* talks to the SMSC sandbox on this computer."""
    try:
        server = normalize_server(profile.server)
    except ValueError:
        return False
    if not is_loopback_host(urlsplit(server).hostname or ""):
        return False
    if profile.demo:
        return True
    if not sandbox_url:
        return False
    try:
        return normalize_server(sandbox_url) == server
    except ValueError:
        return False


class SandboxControl:
    """The control endpoints of the sandbox at *base_url* (loopback only)."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 5.0,
        transport: HttpTransport | None = None,
    ) -> None:
        server = normalize_server(base_url)
        if not is_loopback_host(urlsplit(server).hostname or ""):
            raise ValueError("The sandbox control endpoints exist only on this computer.")
        self.base_url = server
        self._timeout = timeout
        self._transport = transport

    async def simulate_call(self, phone: str) -> SimulatedCall:
        """The subscriber *phone* calls the number the sandbox handed out for it."""
        data = await self._post("/sandbox/simulate_call", {"phone": phone})
        return SimulatedCall(
            message_id=int(str(data.get("id", 0))),
            phone=str(data.get("phone", phone)),
            to_phone=str(data.get("to_phone", "")),
        )

    async def captcha(self, ip: str | None = None) -> SandboxCaptcha:
        """The code of the picture last shown to *ip* (or to anyone); 404 when none is live."""
        data = await self._post("/sandbox/captcha", {"ip": ip} if ip else {})
        try:
            expires_in = float(str(data.get("expires_in", 0)))
        except ValueError:
            expires_in = 0.0
        return SandboxCaptcha(str(data.get("code", "")), str(data.get("ip", "")), expires_in)

    async def simulate_incoming(
        self, phone: str, text: str, to_phone: str, delay: float = 0.0
    ) -> SimulatedSms:
        """An SMS from *phone* lands on the rented number *to_phone* (after *delay* s)."""
        payload: dict[str, object] = {"phone": phone, "text": text, "to_phone": to_phone}
        if delay > 0:
            payload["delay"] = delay
        data = await self._post("/sandbox/incoming", payload)
        message_id = data.get("id")
        return SimulatedSms(
            message_id=None if message_id is None else int(str(message_id)),
            phone=str(data.get("phone", phone)),
            to_phone=str(data.get("to_phone", to_phone)),
        )

    async def _post(self, path: str, payload: dict[str, object]) -> dict[str, object]:
        try:
            reply = await post_plain(
                self.base_url + path, json=payload, timeout=self._timeout, transport=self._transport
            )
        except PlainHttpError as exc:
            raise SandboxControlError(None, exc.detail) from exc
        data = reply.json()
        if not isinstance(data, dict):
            data = {}
        if reply.status != 200:
            message = str(data.get("error") or reply.reason)
            log.info("Sandbox %s refused: %s %s", path, reply.status, message)
            raise SandboxControlError(reply.status, message)
        return data
