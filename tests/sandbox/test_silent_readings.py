"""Issue 17: the sandbox plays each plausible reading where SMSC's documentation is silent,
so the client is tested against every one of them (defaults: the readings it always had)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from smsc_desktop.sandbox import SandboxConfig, SandboxServer
from smsc_desktop.sandbox.__main__ import main as sandbox_main
from tests.helpers.sandbox import SandboxHandle
from tests.sandbox.conftest import Smsc


@pytest.mark.parametrize(
    ("shape", "expected"),
    [
        ("semicolon", {"MTS; SMS", "MTS; SMS, calls"}),
        ("comma", {"MTS, SMS", "MTS, SMS, calls"}),
        ("plain", {"MTS SMS", "MTS SMS calls"}),
    ],
)
def test_info_comes_in_each_shape(
    smsc: Smsc, sandbox: SandboxHandle, shape: str, expected: set[str]
) -> None:
    sandbox.reset(info_format=shape)
    infos = {n["info"] for n in smsc.json("receive_phones", get=1)}
    assert {i for i in infos if i.startswith("MTS")} == expected
    fmt1 = smsc.text("receive_phones", get=1, fmt=1)
    assert any(line.endswith(tuple(expected)) for line in fmt1.splitlines())


@pytest.mark.parametrize("reading", ["no_money", "not_available"])
def test_error_3_on_rent_means_what_the_setting_says(
    smsc: Smsc, sandbox: SandboxHandle, reading: str
) -> None:
    sandbox.reset(rent_error_3=reading)
    taken = sandbox.account_state()["rented"][0]["phone"]
    not_free = smsc.json("receive_phones", buy=1, phone=taken)
    free = smsc.json("receive_phones", get=1)[0]["phone"]
    poor = smsc.json("receive_phones", buy=1, phone=free, account=sandbox.poor)
    if reading == "no_money":
        assert not_free == {"error": "phone is not available", "error_code": 1}
        assert poor == {"error": "no money", "error_code": 3}
    else:
        assert not_free == {"error": "phone is not available", "error_code": 3}
        assert poor == {"error": "no money", "error_code": 1}


@pytest.mark.parametrize(("reading", "days"), [("with_today", 29), ("after_today", 28)])
def test_the_prorated_price_pays_for_the_days_the_setting_says(
    smsc: Smsc, sandbox: SandboxHandle, reading: str, days: int
) -> None:
    sandbox.reset(prorate_days=reading, today="2026-12-03")  # December has 31 days
    offer = smsc.json("receive_phones", get=1)[0]
    expected = (Decimal(offer["cost"]) * days / 31).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert Decimal(offer["current_cost"]) == expected
    charged = smsc.json("receive_phones", buy=1, phone=offer["phone"])
    assert charged == {"cost": offer["current_cost"]}


def test_every_setting_is_checked() -> None:
    for key, value in {
        "jobs_order": "sideways",
        "info_format": "xml",
        "rent_error_3": "maybe",
        "prorate_days": "some",
        "waitcall_callback": "all",
        "incoming_signing": "id:secret",
        "callback_url": "ftp://example.com/cb",
    }.items():
        with pytest.raises(ValueError, match=key.split("_")[0]):
            SandboxConfig().with_overrides({key: value})
    config = SandboxConfig().with_overrides({"waitcall_signing": " phone : ts : mes "})
    assert config.waitcall_signing == "phone:ts:mes"


def test_the_command_line_takes_any_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[SandboxConfig] = []

    async def fake_serve(server: SandboxServer) -> None:
        seen.append(server.config)

    monkeypatch.setattr("smsc_desktop.sandbox.__main__.serve", fake_serve)
    sandbox_main(["--port", "0", "--set", "jobs_order=descending", "--set", "info_format=comma"])
    assert (seen[0].jobs_order, seen[0].info_format) == ("descending", "comma")
    with pytest.raises(SystemExit, match="jobs_order"):
        sandbox_main(["--set", "jobs_order=sideways"])
