from __future__ import annotations

import pickle

import pytest

from smsc_desktop.api import Credentials
from tests.api.fake_smsc import APIKEY, PASSWORD


def test_password_form_fields() -> None:
    creds = Credentials.from_password("  user1 ", PASSWORD)
    assert creds.form_fields() == {"login": "user1", "psw": PASSWORD}
    assert creds.login == "user1"
    assert not creds.uses_api_key


def test_api_key_form_fields() -> None:
    creds = Credentials.from_api_key(f" {APIKEY}\n")
    assert creds.form_fields() == {"apikey": APIKEY}
    assert creds.login is None
    assert creds.uses_api_key


@pytest.mark.parametrize(
    "creds",
    [Credentials.from_password("user1", PASSWORD), Credentials.from_api_key(APIKEY)],
)
def test_secret_never_printed(creds: Credentials) -> None:
    for text in (repr(creds), str(creds), f"{creds}", repr([creds]), repr({"c": creds})):
        assert PASSWORD not in text
        assert APIKEY not in text
        assert "***" in text


def test_login_is_shown_for_password_credentials() -> None:
    assert "user1" in repr(Credentials.from_password("user1", PASSWORD))


@pytest.mark.parametrize(
    ("login", "password"), [("", "pw"), ("   ", "pw"), ("user", ""), (None, "pw")]
)
def test_empty_values_rejected(login: str, password: str) -> None:
    with pytest.raises(ValueError, match="empty"):
        Credentials.from_password(login, password)


def test_empty_key_rejected() -> None:
    with pytest.raises(ValueError, match="API key is empty"):
        Credentials.from_api_key("  ")


def test_direct_construction_refused() -> None:
    with pytest.raises(TypeError, match="from_password"):
        Credentials("user", "pw")


def test_immutable_and_not_picklable() -> None:
    creds = Credentials.from_password("user1", PASSWORD)
    with pytest.raises(AttributeError):
        creds.login = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        creds._secret = "other"
    with pytest.raises(TypeError):
        pickle.dumps(creds)


def test_equality_and_hash() -> None:
    a = Credentials.from_password("user1", PASSWORD)
    b = Credentials.from_password("user1", PASSWORD)
    c = Credentials.from_password("user1", "other")
    assert a == b
    assert hash(a) == hash(b)
    assert a != c
    assert a != Credentials.from_api_key(PASSWORD)
