"""``GET /sandbox/state``: the whole sandbox world as JSON-ready data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from smsc_desktop.sandbox.numbers import money

if TYPE_CHECKING:
    from smsc_desktop.sandbox.state import SandboxState


def snapshot(state: SandboxState) -> dict[str, Any]:
    """Everything a test may want to assert on: accounts (balance, rented numbers, inbox,
    jobs), free numbers, verifications, SMS sent and captcha codes, request counters and log,
    faults, clock, config."""
    now = state.clock.monotonic()
    accounts = []
    for account in state.accounts.values():
        accounts.append(
            {
                "login": account.login,
                "balance": money(account.balance),
                "currency": account.currency,
                "ip_blocked": account.ip_blocked,
                "rented": [r.to_dict() for r in account.rented.values()],
                "inbox": [state.message_view(m) for m in account.inbox],
                "scheduled": [
                    state.scheduled_view(item)
                    for item in state.deliveries.pending()
                    if item.login == account.login
                ],
                "jobs": [state.job_record(j) for _, j in sorted(account.jobs.items())],
                "in_flight": account.inflight,
            }
        )
    verifications = []
    for ver in state.verifications:
        if ver.message_id is not None:
            status = "confirmed"
        elif ver.expires <= now:
            status = "expired"
        else:
            status = "pending"
        verifications.append(
            {
                "id": ver.id,
                "login": ver.login,
                "phone": ver.phone,
                "to_phone": ver.to_phone,
                "status": status,
                "created": state.clock.format(ver.created_unix),
                "expires_in": max(0.0, ver.expires - now),
                "message_id": ver.message_id,
            }
        )
    return {
        "accounts": accounts,
        "free_numbers": len(state.free),
        "verifications": verifications,
        "sms": state.sms.snapshot(state),
        "requests": dict(state.requests),
        "callbacks": state.callbacks.snapshot(),
        "log": list(state.log),
        "faults": state.faults.snapshot(),
        "clock": {
            "offset": state.clock.offset,
            "now": state.clock.format(state.clock.time()),
            "unix": state.clock.time(),
            "today": state.clock.today().isoformat(),
            "today_pinned": state.clock.pinned_today is not None,
        },
        "config": {
            "numbers": state.config.numbers,
            "seed": state.config.seed,
            "enforce_limits": state.config.enforce_limits,
            "limits": dict(state.config.limits),
            "concurrency_limit": state.config.concurrency_limit,
            "phones_param": state.config.phones_param,
            "domestic_phones": state.config.domestic_phones,
            "get_file_charset": state.config.get_file_charset,
            "captcha_error": state.config.captcha_error,
            "send_identity": state.config.send_identity,
            "captcha_ttl": state.config.captcha_ttl,
            "trickle_seconds": state.config.trickle_seconds,
        },
    }
