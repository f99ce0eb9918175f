"""receive_phones.php: the free-number list, renting, renewal flags, errors, limits."""

from __future__ import annotations

import time
from decimal import Decimal

from tests.helpers.sandbox import SandboxHandle
from tests.sandbox.conftest import Smsc


def _free(smsc: Smsc, **kwargs: object) -> list[dict[str, object]]:
    numbers = smsc.json("receive_phones", get=1, **kwargs)
    assert isinstance(numbers, list)
    return numbers


def test_list_fields_and_prorating(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.set_today("2024-07-16")  # 16 of 31 days left, today included
    numbers = _free(smsc)
    assert len(numbers) == 300
    first = numbers[0]
    assert set(first) == {"phone", "type", "cost", "current_cost", "info"}
    for number in numbers:
        assert isinstance(number["phone"], str)
        assert number["phone"].isdigit()
        assert number["type"] in {1, 2, 4}
        cost = Decimal(str(number["cost"]))
        assert str(number["cost"]).count(".") == 1
        assert len(str(number["cost"]).split(".")[1]) == 2
        expected = (cost * 16 / 31).quantize(Decimal("0.01"))
        assert Decimal(str(number["current_cost"])) == expected
        assert "; " in str(number["info"])
    operators = {str(n["info"]).split(";")[0] for n in numbers}
    assert {"MTS", "Beeline", "MegaFon", "Tele2"} <= operators
    assert any(str(n["phone"]).startswith("77") for n in numbers)  # Kazakh numbers too
    rented = {r["phone"] for r in sandbox.account_state()["rented"]}
    assert not rented & {n["phone"] for n in numbers}


def test_list_in_kzt_for_a_kzt_account(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.set_today("2024-07-01")
    rub = {n["phone"]: n for n in _free(smsc)}
    kzt = {n["phone"]: n for n in _free(smsc, account=sandbox.kz)}
    assert rub.keys() == kzt.keys()
    phone = next(iter(rub))
    assert Decimal(str(kzt[phone]["cost"])) == Decimal(str(rub[phone]["cost"])) * Decimal("5.80")
    assert kzt[phone]["current_cost"] == kzt[phone]["cost"]  # the 1st: the whole month


def test_list_other_formats(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.reset(numbers=3, enforce_limits=False)
    numbers = _free(smsc)
    lines0 = smsc.text("receive_phones", get=1, fmt=0).split("\n")
    lines1 = smsc.text("receive_phones", get=1, fmt=1).split("\n")
    xml = smsc.text("receive_phones", get=1, fmt=2)
    assert len(lines0) == len(lines1) == 3
    n = numbers[0]
    assert lines0[0] == (
        f"phone = {n['phone']}, type = {n['type']}, cost = {n['cost']}, "
        f"current_cost = {n['current_cost']}, info = {n['info']}"
    )
    assert lines1[0] == f"{n['phone']},{n['type']},{n['cost']},{n['current_cost']},{n['info']}"
    assert xml.startswith("<result><phone phone=")
    assert xml.count("<phone ") == 3
    assert f'current_cost="{n["current_cost"]}"' in xml


def test_rent_charges_prorated_price_and_keeps_the_flag(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.set_today("2024-07-16")
    number = _free(smsc)[5]
    got = smsc.json("receive_phones", buy=1, phone=number["phone"], noprolong=1)
    assert got == {"cost": number["current_cost"]}
    account = sandbox.account_state()
    expected = Decimal("5000.00") - Decimal(str(number["current_cost"]))
    assert Decimal(account["balance"]) == expected
    rental = next(r for r in account["rented"] if r["phone"] == number["phone"])
    assert rental["noprolong"] == 1
    assert rental["charged"] == number["current_cost"]
    assert sandbox.state()["free_numbers"] == 299
    assert sandbox.state()["requests"]["receive_phones.buy"] == 1
    sandbox.advance_clock(61)
    assert number["phone"] not in {n["phone"] for n in _free(smsc)}
    assert smsc.json("balance") == {"balance": f"{expected:.2f}"}


def test_rent_default_renewal_and_plus_prefix(smsc: Smsc, sandbox: SandboxHandle) -> None:
    number = _free(smsc)[0]
    assert "cost" in smsc.json("receive_phones", buy=1, phone="+" + str(number["phone"]))
    rental = next(r for r in sandbox.account_state()["rented"] if r["phone"] == number["phone"])
    assert rental["noprolong"] == 0


def test_rent_other_formats(smsc: Smsc, sandbox: SandboxHandle) -> None:
    numbers = _free(smsc)
    assert smsc.text("receive_phones", fmt=0, buy=1, phone=numbers[0]["phone"]) == (
        f"COST = {numbers[0]['current_cost']}"
    )
    assert (
        smsc.text("receive_phones", fmt=1, buy=1, phone=numbers[1]["phone"])
        == (numbers[1]["current_cost"])
    )
    assert smsc.text("receive_phones", fmt=2, buy=1, phone=numbers[2]["phone"]) == (
        f"<result><cost>{numbers[2]['current_cost']}</cost></result>"
    )


def test_rent_errors(smsc: Smsc, sandbox: SandboxHandle) -> None:
    number = _free(smsc)[0]["phone"]
    taken = "79165550101"  # rented by demo at reset
    not_available = {"error": "phone is not available", "error_code": 1}
    assert smsc.json("receive_phones", buy=1, phone=taken) == not_available
    assert smsc.json("receive_phones", account=sandbox.kz, buy=1, phone=taken) == not_available
    assert smsc.json("receive_phones", buy=1, phone="79990000000") == not_available
    assert smsc.json("receive_phones", buy=1) == {"error": "parameters error", "error_code": 1}
    assert smsc.json("receive_phones", buy=1, phone="12ab") == {
        "error": "invalid phone",
        "error_code": 1,
    }
    assert smsc.json("receive_phones", buy=1, phone=number, noprolong=5)["error_code"] == 1
    # renting twice: the second is refused, charged once
    assert "cost" in smsc.json("receive_phones", buy=1, phone=number)
    assert smsc.json("receive_phones", buy=1, phone=number) == not_available
    balances = {a["login"]: a["balance"] for a in sandbox.state()["accounts"]}
    assert balances["kz_demo"] == "250000.00"


def test_not_enough_money_is_error_3(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.set_today("2024-07-01")
    number = _free(smsc, account=sandbox.poor)[0]
    assert Decimal(str(number["current_cost"])) > Decimal("10.00")
    got = smsc.json("receive_phones", account=sandbox.poor, buy=1, phone=number["phone"])
    assert got == {"error": "no money", "error_code": 3}
    assert smsc.text("receive_phones", account=sandbox.poor, fmt=0, buy=1, phone=number["phone"])
    poor = sandbox.account_state("poor")
    assert poor["balance"] == "10.00"
    assert poor["rented"] == []
    assert sandbox.state()["free_numbers"] == 300


def test_balances_override_allows_exact_money(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.set_today("2024-07-01")
    number = _free(smsc)[0]
    sandbox.reset(balances={"poor": number["current_cost"]})
    sandbox.set_today("2024-07-01")
    got = smsc.json("receive_phones", account=sandbox.poor, buy=1, phone=number["phone"])
    assert got == {"cost": number["current_cost"]}
    assert sandbox.account_state("poor")["balance"] == "0.00"


def test_change_renewal(smsc: Smsc, sandbox: SandboxHandle) -> None:
    got = smsc.json("receive_phones", chg=1, phone="79165550101", noprolong=1)
    assert got == {"result": "OK", "phone": "79165550101", "noprolong": 1}
    flags = {r["phone"]: r["noprolong"] for r in sandbox.account_state()["rented"]}
    assert flags == {"79165550101": 1, "79265550102": 1}
    assert smsc.text("receive_phones", fmt=0, chg=1, phone="79265550102", noprolong=0) == "OK"
    flags = {r["phone"]: r["noprolong"] for r in sandbox.account_state()["rented"]}
    assert flags["79265550102"] == 0
    xml = smsc.text("receive_phones", fmt=2, chg=1, phone="+79265550102", noprolong=1)
    assert xml == (
        "<result><result>OK</result><phone>79265550102</phone><noprolong>1</noprolong></result>"
    )


def test_change_renewal_errors(smsc: Smsc, sandbox: SandboxHandle) -> None:
    not_yours = {"error": "phone is not rented by this client", "error_code": 1}
    assert smsc.json("receive_phones", chg=1, phone="77015550201", noprolong=1) == not_yours
    free = _free(smsc)[0]["phone"]
    assert smsc.json("receive_phones", chg=1, phone=free, noprolong=1) == not_yours
    assert smsc.json("receive_phones", chg=1, phone="79165550101")["error_code"] == 1
    assert smsc.json("receive_phones", chg=1, phone="79165550101", noprolong=2)["error_code"] == 1
    assert smsc.json("receive_phones", chg=1, noprolong=1)["error_code"] == 1
    flags = {r["phone"]: r["noprolong"] for r in sandbox.account_state("kz_demo")["rented"]}
    assert flags == {"77015550201": 0}


def test_command_is_required_and_unique(smsc: Smsc) -> None:
    error = {"error": "parameters error", "error_code": 1}
    assert smsc.json("receive_phones") == error
    assert smsc.json("receive_phones", get=1, buy=1, phone="79165550101") == error
    assert smsc.json("receive_phones", get=0) == error


def test_limit_two_identical_per_minute_per_command(smsc: Smsc, sandbox: SandboxHandle) -> None:
    duplicate = {"error": "duplicate request, wait a minute", "error_code": 9}
    assert isinstance(_free(smsc), list)
    assert isinstance(_free(smsc, fmt=3, charset="koi8-r"), list)  # fmt/charset do not count
    assert smsc.json("receive_phones", get=1) == duplicate
    # other commands, or the same command with other parameters, have their own windows
    for _ in range(2):
        assert "result" in smsc.json("receive_phones", chg=1, phone="79165550101", noprolong=1)
    assert smsc.json("receive_phones", chg=1, phone="79165550101", noprolong=1) == duplicate
    assert "result" in smsc.json("receive_phones", chg=1, phone="79165550101", noprolong=0)
    assert isinstance(smsc.json("receive_phones", get=1, account=sandbox.kz), list)
    sandbox.advance_clock(60.5)
    assert isinstance(_free(smsc), list)


def test_list_of_100k_numbers_is_fast_and_cached(smsc: Smsc, sandbox: SandboxHandle) -> None:
    sandbox.reset(numbers=100_000, enforce_limits=False)
    started = time.perf_counter()
    first = smsc.call("receive_phones", get=1).content
    cold = time.perf_counter() - started
    started = time.perf_counter()
    second = smsc.call("receive_phones", get=1).content
    warm = time.perf_counter() - started
    assert first == second
    assert first.count(b'"phone"') == 100_000
    assert cold < 10.0
    assert warm < 2.0
    # renting changes the list
    phone = first[12:23].decode()
    assert phone.isdigit()
    assert "cost" in smsc.json("receive_phones", buy=1, phone=phone)
    third = smsc.call("receive_phones", get=1).content
    assert third.count(b'"phone"') == 99_999
