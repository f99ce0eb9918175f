"""Issue 17, item 6: ``info`` (operator and notification types) has no documented format;
``;``, ``,`` and plain text are read alike, and nothing of it is hidden."""

from __future__ import annotations

import asyncio

import pytest

from smsc_desktop.api import Credentials, SmscClient
from smsc_desktop.services.free_numbers import FreeNumbersTable, split_info
from tests.helpers.sandbox import SandboxHandle


@pytest.mark.parametrize(
    ("info", "expected"),
    [
        ("MTS; SMS, calls", ("MTS", "SMS, calls")),
        ("MTS, SMS, calls", ("MTS", "SMS, calls")),
        ("MTS SMS calls", ("MTS", "SMS calls")),
        ("Beeline KZ; SMS", ("Beeline KZ", "SMS")),
        ("Beeline KZ, SMS", ("Beeline KZ", "SMS")),
        ("Beeline KZ SMS", ("Beeline KZ", "SMS")),
        ("МТС; SMS и звонки", ("МТС", "SMS и звонки")),
        ("МТС SMS и звонки", ("МТС", "SMS и звонки")),
        ("MTS", ("MTS", "")),
        ("SMS, calls", ("", "SMS, calls")),
        ("Tele2; SMS; calls", ("Tele2", "SMS, calls")),
        ("  MTS ;  SMS  ", ("MTS", "SMS")),
        ("", ("", "")),
        # Not recognisable: kept whole as the operator, never dropped.
        ("Оператор МТС, номер для входящих", ("Оператор МТС, номер для входящих", "")),
    ],
)
def test_each_shape_of_info_is_split(info: str, expected: tuple[str, str]) -> None:
    assert split_info(info) == expected
    operator, notices = split_info(info)
    words = set(info.replace(";", " ").replace(",", " ").split())
    assert words == set(f"{operator} {notices}".replace(",", " ").split())  # nothing lost


@pytest.mark.parametrize("shape", ["semicolon", "comma", "plain"])
def test_the_free_list_reads_every_shape_the_sandbox_serves(
    sandbox: SandboxHandle, shape: str
) -> None:
    sandbox.reset(info_format=shape)

    async def load() -> FreeNumbersTable:
        creds = Credentials.from_password(sandbox.login, sandbox.password)
        async with SmscClient(sandbox.url, creds) as client:
            return FreeNumbersTable(await client.list_available_numbers())

    table = asyncio.run(load())
    operators = {table.operator(row) for row in range(table.n)}
    assert operators == {
        "MTS",
        "Beeline",
        "MegaFon",
        "Tele2",
        "Kcell",
        "Beeline KZ",
        "Tele2 KZ",
        "Altel",
    }
    notices = {table.notices(row).replace(",", "") for row in range(table.n)}
    assert notices == {"SMS", "SMS calls"}
    for row in range(table.n):  # SMSC's own words stay as they were sent (the tooltip)
        assert table.info(row).startswith(table.operator(row))
