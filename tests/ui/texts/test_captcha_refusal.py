"""A refused test send (issue 17, item 1): SMSC's own words are quoted once, and a reading of
a send.php code the documentation available to the app does not state is called a guess."""

from __future__ import annotations

from typing import Any

import pytest

from smsc_desktop.api.errors import api_error_for
from smsc_desktop.ui.texts import captcha as texts


def refused(code: int, words: str, *, captcha: bool = False) -> str:
    error = api_error_for(code, endpoint="send", command="send", server_message=words)
    return texts.refusal(error, captcha=captcha)


@pytest.mark.parametrize("code", [3, 6, 7, 8])
def test_a_recalled_meaning_is_called_a_guess(qapp: Any, code: int) -> None:
    text = refused(code, "some words")
    assert f"This reading of error {code} is the app's guess" in text
    assert text.count("some words") == 1


def test_a_captcha_refusal_says_guess_once(qapp: Any) -> None:
    text = refused(6, "denied", captcha=True)
    assert "This is a guess" in text
    assert "This reading of error 6" not in text


def test_other_codes_quote_smsc_once(qapp: Any) -> None:
    text = refused(11, "strange thing")
    assert text.count("strange thing") == 1
    assert "guess" not in text
