"""ui/texts/errors.py words errors from what they carry, not from their English text."""

from __future__ import annotations

from typing import Any

import pytest

from smsc_desktop import api
from smsc_desktop.services.secrets import KeyringProblem
from smsc_desktop.ui.texts.accounts import keyring_problem_text
from smsc_desktop.ui.texts.errors import (
    describe_connection_error,
    describe_error,
)


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
    assert describe_error(with_text).endswith("Задание не найдено")
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
