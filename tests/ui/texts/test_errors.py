"""ui/texts/errors.py words errors from what they carry, not from their English text."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from smsc_desktop import api
from smsc_desktop.api.errors import api_error_for
from smsc_desktop.services.secrets import KeyringProblem
from smsc_desktop.ui.texts.accounts import keyring_problem_text
from smsc_desktop.ui.texts.errors import (
    describe_connection_error,
    describe_error,
)
from tests.helpers.sandbox import SandboxHandle


def read_error(error: api.SmscError) -> api.SmscError:
    error.changes_account = False
    return error


def test_a_dropped_read_is_not_worded_like_a_rent(qapp: Any) -> None:
    dropped = read_error(api.OutcomeUnknownError(endpoint="balance", command="balance"))
    text = describe_error(dropped)
    assert "unknown" not in text
    assert "Nothing was changed" in text
    rent = api.OutcomeUnknownError(endpoint="receive_phones", command="buy")
    rent.changes_account = True
    assert "result is unknown" in describe_error(rent)


def test_a_web_page_is_recognised_by_the_flag_not_the_words(qapp: Any) -> None:
    page = api.ProtocolError("Unexpected answer.", html=True)
    assert "web page" in describe_connection_error(page)
    words = api.ProtocolError("SMSC answered with a web page, it says.", html=False)
    assert "web page" not in describe_connection_error(words)


def test_no_english_from_the_api_reaches_the_user(qapp: Any) -> None:
    not_found = api.NotFoundError(3, "English sentence from the api.")
    assert "English" not in describe_error(not_found)
    with_text = api.NotFoundError(3, server_message="Задание не найдено")
    assert describe_error(with_text).endswith("SMSC's words: “Задание не найдено”")
    unknown = api.UnknownApiError(77, "English.", server_message=None)
    assert describe_error(unknown) == "SMSC reported error 77."
    assert "secret" not in describe_error(ValueError("secret detail"))


@pytest.mark.parametrize("problem", [*KeyringProblem, None])
def test_every_keyring_problem_has_words(qapp: Any, problem: KeyringProblem | None) -> None:
    text = keyring_problem_text(problem)
    assert bool(text) is (problem is not None)


def test_errors_carry_their_kind_and_data() -> None:
    assert api.AuthError(2).kind is api.ErrorKind.AUTH
    assert api.ResponseTimeoutError().kind is api.ErrorKind.ANSWER_TIMEOUT
    assert api.RateLimitedError(3.2).retry_after == 3.2
    assert api.ProtocolError(html=True).html
    assert not api.HttpStatusError().html
    assert api.UnreadableOutcomeError().changes_account


# --- issue 17, item 1: SMSC's own words, and a guess said to be one ------------------------


@pytest.mark.parametrize(
    ("code", "endpoint", "command", "inferred"),
    [
        (1, "receive_phones", "buy", False),
        (2, "balance", None, False),
        (3, "receive_phones", "buy", True),
        (3, "downloads", "get_file", True),
        (4, "wait_call", None, False),
        (9, "downloads", "get_list", False),
        (77, "receive_phones", "chg", False),
    ],
)
def test_every_smsc_error_carries_smsc_s_own_words(
    qapp: Any, code: int, endpoint: str, command: str | None, inferred: bool
) -> None:
    error = api_error_for(code, endpoint=endpoint, command=command, server_message="Текст от SMSC")
    assert error.meaning_inferred is inferred
    text = describe_error(error)
    assert text.endswith("SMSC's words: “Текст от SMSC”")
    assert ("a guess" in text) is inferred
    if code in (2, 4):
        assert "SMSC's words: “Текст от SMSC”" in describe_connection_error(error)
    bare = api_error_for(code, endpoint=endpoint, command=command)
    assert "SMSC's words" not in describe_error(bare)


@pytest.mark.parametrize("reading", ["no_money", "not_available"])
def test_a_refused_rent_shows_smsc_s_words_and_calls_the_app_s_reading_a_guess(
    qapp: Any, sandbox: SandboxHandle, reading: str
) -> None:
    """Whichever refusal SMSC answers error 3 to, the user reads SMSC's words next to the
    app's reading of the code, and that reading is called a guess."""
    sandbox.reset(rent_error_3=reading)
    reply = httpx.post(
        sandbox.endpoint("receive_phones"), data={**sandbox.auth(), "get": 1, "fmt": 3}
    )
    free = reply.json()[0]["phone"]
    taken = sandbox.account_state()["rented"][0]["phone"]

    async def refusals() -> list[api.SmscError]:
        errors: list[api.SmscError] = []
        for account, phone in ((sandbox.poor, free), (sandbox.demo, taken)):
            creds = api.Credentials.from_password(account.login, account.password)
            async with api.SmscClient(sandbox.url, creds) as client:
                try:
                    await client.rent_number(phone)
                except api.ApiError as error:
                    errors.append(error)
        return errors

    no_money, not_available = asyncio.run(refusals())
    three = no_money if reading == "no_money" else not_available
    assert three.code == 3
    assert three.kind is api.ErrorKind.FUNDS  # the app's reading of error 3 on a rent...
    text = describe_error(three)
    assert "a guess" in text  # ...is said to be one,
    assert f"SMSC's words: “{three.server_message}”" in text  # next to SMSC's own words
    for error in (no_money, not_available):
        assert f"“{error.server_message}”" in describe_error(error)
    assert sandbox.account_state(sandbox.poor.login)["balance"] == "10.00"


def test_system_errors_are_worded_by_what_they_are(qapp: Any) -> None:
    import errno
    import socket

    refused = ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")
    assert "cannot be reached" in describe_error(refused)
    assert "file" not in describe_error(refused)
    assert "cannot be reached" in describe_error(socket.gaierror(-2, "Name not known"))
    assert "did not answer in time" in describe_error(TimeoutError())
    full = OSError(errno.ENOSPC, "No space left on device", "/data/export.csv")
    assert describe_error(full) == (
        "The disk is full: /data/export.csv could not be written. Free some space and try again."
    )
    assert "disk is full" in describe_error(OSError(errno.ENOSPC, "No space left on device"))
    denied = PermissionError(errno.EACCES, "Permission denied", "/srv/out")
    assert "not allowed to write or read /srv/out" in describe_error(denied)
    other = OSError(errno.EIO, "Input/output error", "/data/a.csv")
    assert (
        describe_error(other)
        == "The file /data/a.csv could not be written or read: Input/output error"
    )
    assert describe_error(OSError(errno.EIO, "Input/output error")) == (
        "The file could not be written or read: Input/output error"
    )
