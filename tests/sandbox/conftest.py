"""Helpers for talking to the sandbox over real HTTP with httpx (never smsc_desktop.api)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.helpers.sandbox import SandboxAccount, SandboxHandle


class Smsc:
    """A thin httpx wrapper: POST form fields to ``/sys/<script>.php``."""

    def __init__(self, sandbox: SandboxHandle, http: httpx.Client) -> None:
        self.sandbox = sandbox
        self.http = http

    def call(
        self,
        script: str,
        *,
        account: SandboxAccount | None = None,
        apikey: bool = False,
        auth: dict[str, str] | None = None,
        method: str = "POST",
        fmt: int | None = 3,
        charset: str | None = "utf-8",
        headers: dict[str, str] | None = None,
        **params: Any,
    ) -> httpx.Response:
        fields: dict[str, Any] = dict(
            auth if auth is not None else self.sandbox.auth(account, apikey=apikey)
        )
        if fmt is not None:
            fields["fmt"] = fmt
        if charset is not None:
            fields["charset"] = charset
        fields.update({k: v for k, v in params.items() if v is not None})
        url = self.sandbox.endpoint(script)
        if method == "GET":
            return self.http.get(url, params=fields, headers=headers)
        return self.http.post(url, data=fields, headers=headers)

    def json(self, script: str, **kwargs: Any) -> Any:
        response = self.call(script, **kwargs)
        assert response.status_code == 200, response.text
        return json.loads(response.text)

    def text(self, script: str, **kwargs: Any) -> str:
        response = self.call(script, **kwargs)
        assert response.status_code == 200
        return response.text


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=20.0, trust_env=False) as client:
        yield client


@pytest.fixture
def smsc(sandbox: SandboxHandle, http: httpx.Client) -> Smsc:
    return Smsc(sandbox, http)
