"""Account credentials: login + password, or an API key. The secret never prints."""

from __future__ import annotations

from typing import Any, Final

__all__ = ["Credentials"]

_PASSWORD: Final = "password"
_API_KEY: Final = "apikey"


class Credentials:
    """How the client signs in: ``login`` + ``psw``, or ``apikey``.

    Build with :meth:`from_password` or :meth:`from_api_key`. ``repr()`` and ``str()``
    show the login (if any) and the kind, never the secret. Instances are immutable.
    """

    __slots__ = ("_kind", "_login", "_secret")

    _kind: str
    _login: str | None
    _secret: str

    def __init__(self, *_: object, **__: object) -> None:
        raise TypeError("Use Credentials.from_password() or Credentials.from_api_key().")

    @classmethod
    def _make(cls, kind: str, login: str | None, secret: str) -> Credentials:
        self = object.__new__(cls)
        object.__setattr__(self, "_kind", kind)
        object.__setattr__(self, "_login", login)
        object.__setattr__(self, "_secret", secret)
        return self

    @classmethod
    def from_password(cls, login: str, password: str) -> Credentials:
        """Sign in with the account login and its password (or the password's MD5 hex)."""
        if not isinstance(login, str) or not login.strip():
            raise ValueError("The login is empty. Enter the SMSC account login.")
        if not isinstance(password, str) or not password:
            raise ValueError("The password is empty. Enter the SMSC account password.")
        return cls._make(_PASSWORD, login.strip(), password)

    @classmethod
    def from_api_key(cls, key: str) -> Credentials:
        """Sign in with an API key created in the SMSC account settings."""
        if not isinstance(key, str) or not key.strip():
            raise ValueError("The API key is empty. Paste the key from the SMSC account settings.")
        return cls._make(_API_KEY, None, key.strip())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Credentials are immutable.")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Credentials are immutable.")

    @property
    def login(self) -> str | None:
        """The login, or ``None`` for an API key."""
        return self._login

    @property
    def uses_api_key(self) -> bool:
        return self._kind == _API_KEY

    def form_fields(self) -> dict[str, str]:
        """The POST fields that carry these credentials."""
        if self._kind == _API_KEY:
            return {"apikey": self._secret}
        assert self._login is not None
        return {"login": self._login, "psw": self._secret}

    def secret_values(self) -> tuple[str, ...]:
        """The values that must never appear in logs, records or messages."""
        return (self._secret,)

    def __repr__(self) -> str:
        if self._kind == _API_KEY:
            return "Credentials(apikey=***)"
        return f"Credentials(login={self._login!r}, psw=***)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Credentials):
            return NotImplemented
        return (self._kind, self._login, self._secret) == (
            other._kind,
            other._login,
            other._secret,
        )

    def __hash__(self) -> int:
        return hash((self._kind, self._login, self._secret))

    def __reduce__(self) -> str | tuple[Any, ...]:
        raise TypeError("Credentials cannot be pickled; keep secrets in the keyring.")
