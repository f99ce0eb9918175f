from __future__ import annotations

import ssl

import httpx
import pytest

from smsc_desktop.api import Credentials, SmscClient, validate_base_url
from smsc_desktop.api import client as client_module


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://smsc.ru", "https://smsc.ru"),
        ("https://smsc.ru/", "https://smsc.ru"),
        ("https://smsc.kz", "https://smsc.kz"),
        ("https://smsc.ua", "https://smsc.ua"),
        ("https://smscentre.com", "https://smscentre.com"),
        ("https://www2.smsc.ru", "https://www2.smsc.ru"),
        ("https://gateway.example.org:8443/prefix/", "https://gateway.example.org:8443/prefix"),
        ("  HTTPS://SMSC.RU  ", "https://smsc.ru"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("http://127.5.6.7", "http://127.5.6.7"),
        ("http://localhost:1234/", "http://localhost:1234"),
        ("http://[::1]:8080", "http://[::1]:8080"),
    ],
)
def test_accepted(given: str, expected: str) -> None:
    assert str(validate_base_url(given)) == expected


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("", "empty"),
        ("smsc.ru", "must start with https://"),
        ("ftp://smsc.ru", "must start with https://"),
        ("http://smsc.ru", "only allowed for this computer"),
        ("http://192.168.1.10", "only allowed for this computer"),
        ("http://10.0.0.1:8765", "only allowed for this computer"),
        ("http://localhost.example.com", "only allowed for this computer"),
        ("https://user:pw@smsc.ru", "must not contain a user name"),
        ("https://smsc.ru/?login=x", "must not contain"),
        ("https://smsc.ru/#frag", "must not contain"),
        ("https://", "must start with https://"),
    ],
)
def test_rejected_with_plain_message(given: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_base_url(given)


def test_client_rejects_bad_url() -> None:
    creds = Credentials.from_api_key("k")
    with pytest.raises(ValueError, match="only allowed for this computer"):
        SmscClient("http://smsc.ru", creds)


def test_client_needs_credentials() -> None:
    with pytest.raises(TypeError, match="credentials"):
        SmscClient("https://smsc.ru")
    with pytest.raises(TypeError, match="credentials"):
        SmscClient("https://smsc.ru", ("login", "pw"))  # type: ignore[arg-type]


@pytest.mark.parametrize("timeout", [0, -1, "15"])
def test_client_rejects_bad_timeout(timeout: object) -> None:
    with pytest.raises(ValueError, match="timeout"):
        SmscClient("https://smsc.ru", Credentials.from_api_key("k"), timeout=timeout)  # type: ignore[arg-type]


async def test_only_an_https_client_reads_the_certificate_store(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A plain http:// client (this computer only: the demo's sandbox) never uses TLS, so
    it does not pay for the certificate store; its context trusts nobody (fails closed)."""
    made: list[str] = []
    real = httpx.create_ssl_context

    def counting() -> ssl.SSLContext:
        made.append("store")
        return real()

    monkeypatch.setattr(client_module, "_tls_context", None)
    monkeypatch.setattr(client_module.httpx, "create_ssl_context", counting)
    credentials = Credentials.from_password("login", "password")
    plain = SmscClient("http://127.0.0.1:9", credentials)
    await plain.aclose()
    assert made == []
    context = client_module._tls_context_for(httpx.URL("http://127.0.0.1:9"))
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.check_hostname
    assert context.cert_store_stats()["x509_ca"] == 0

    secure = SmscClient("https://smsc.ru", credentials)
    await secure.aclose()
    assert made == ["store"]
