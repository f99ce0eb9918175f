"""The "Copy debug info" text: what a support engineer needs, and no secret.

App, Python and platform versions (the UI adds Qt's), the keyring backend and its state,
the active account's server (not its login), the last requests and the last log lines;
the whole text goes through ``redact`` once more before it leaves.
"""

from __future__ import annotations

from collections.abc import Iterable

from smsc_desktop.services.crash import environment_lines
from smsc_desktop.services.logs import last_lines
from smsc_desktop.services.profiles import Profile
from smsc_desktop.services.redaction import redact
from smsc_desktop.services.request_log import LoggedRequest, format_requests
from smsc_desktop.services.secrets import KeyringStatus


def debug_info(
    *,
    extra: Iterable[str] = (),
    keyring: KeyringStatus | None = None,
    profile: Profile | None = None,
    requests: Iterable[LoggedRequest] = (),
    request_count: int = 20,
    log_count: int = 60,
) -> str:
    lines = [*environment_lines(), *extra]
    lines.append(f"Keyring: {keyring.describe() if keyring else 'unknown'}")
    if profile is None:
        lines.append("Account: none open")
    else:
        kind = (
            "demo sandbox"
            if profile.demo
            else ("production" if profile.is_production else "test server")
        )
        lines.append(f"Account: {profile.server_label} ({kind}, sign-in by {profile.auth.value})")
    recent = list(requests)[-request_count:]
    lines += ["", f"Last {len(recent)} requests:", format_requests(recent).rstrip()]
    lines += ["", "Last log lines:", *last_lines(log_count)]
    return redact("\n".join(lines)) + "\n"
