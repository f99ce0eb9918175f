"""The account form's rules, without Qt: what the user typed becomes a ``Profile``.

The account dialog hands over what its fields say (``FormValues``) together with the saved
profile it shows (None for a new account). ``read_form`` answers with the ``Profile`` to
save or test (server address normalised, spaces trimmed), the new secret (None: keep the
stored one), the fields that differ from the saved profile, and what is wrong with it as
``ProfileProblem`` values; the words for those live in ``ui/texts/accounts.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from smsc_desktop.services.profiles import (
    AuthKind,
    Profile,
    ProfileProblem,
    clean_client,
    find_problems,
    normalize_server,
)


class Field(StrEnum):
    """A field of the account form."""

    NAME = "name"
    SERVER = "server"
    AUTH = "auth"
    LOGIN = "login"
    SECRET = "secret"
    LOW_BALANCE = "low-balance"
    CLIENT = "client"


CONNECTION_FIELDS = frozenset({Field.SERVER, Field.AUTH, Field.LOGIN, Field.SECRET})
"""Fields that decide where and as whom the app signs in: an edit of one of them makes the
last connection test's result stale, and saving one reopens an open session."""

NAME_PROBLEMS = frozenset({ProfileProblem.NO_NAME, ProfileProblem.DUPLICATE_NAME})
"""Problems that keep a profile from being saved but not from being tested."""


@dataclass(frozen=True, slots=True)
class FormValues:
    """What the form's fields say, as typed."""

    name: str = ""
    server: str = ""
    auth: AuthKind = AuthKind.PASSWORD
    login: str = ""
    secret: str = ""  # empty: keep the stored secret
    low_balance: float | Decimal = 0  # 0: no warning
    client: str = ""  # the client company ("": none)


@dataclass(frozen=True, slots=True)
class FormReading:
    """The form read as a profile."""

    profile: Profile
    secret: str | None  # None: keep the stored one
    changed: frozenset[Field] = field(default_factory=frozenset)
    problems: tuple[ProfileProblem, ...] = ()

    @property
    def dirty(self) -> bool:
        """Whether there is something to save."""
        return bool(self.changed)

    @property
    def test_problems(self) -> tuple[ProfileProblem, ...]:
        """The problems that keep the connection test from running."""
        return tuple(p for p in self.problems if p not in NAME_PROBLEMS)


def read_form(
    values: FormValues,
    *,
    base: Profile | None,
    draft_id: str = "",
    others: Iterable[Profile] = (),
) -> FormReading:
    """``values`` as a profile: ``base`` is the saved profile the form shows (None: a new
    one, with the id ``draft_id``); ``others`` are the saved profiles (names must differ)."""
    low = low_balance_amount(values.low_balance)
    name = values.name.strip()
    client = clean_client(values.client)
    if base is not None and base.demo:
        # The demo account's server and credentials are built in: only these three change.
        profile = replace(base, name=name, low_balance=low, client=client)
        changed = _changed(base, profile)
        return FormReading(profile, None, changed, tuple(find_problems(profile, others)))
    auth = values.auth
    profile = Profile(
        id=base.id if base is not None else draft_id,
        name=name,
        server=form_server(values.server),
        auth=auth,
        login=values.login.strip() if auth is AuthKind.PASSWORD else "",
        low_balance=low,
        client=client,
    )
    secret = form_secret(values.secret, auth)
    if base is None:
        changed = frozenset(Field)
    else:
        changed = _changed(base, profile) | ({Field.SECRET} if secret else set())
    return FormReading(profile, secret, frozenset(changed), tuple(find_problems(profile, others)))


def form_server(text: str) -> str:
    """The server address as saved (``smsc.kz/`` -> ``https://smsc.kz``); an address that
    is not usable stays as typed (``find_problems`` reports it)."""
    try:
        return normalize_server(text)
    except ValueError:
        return text.strip()


def form_secret(text: str, auth: AuthKind) -> str | None:
    """The secret to store, or None to keep the stored one. An API key has no spaces
    around it; a password is taken as typed."""
    secret = text.strip() if auth is AuthKind.API_KEY else text
    return secret or None


def low_balance_amount(value: float | Decimal) -> Decimal | None:
    """The low-balance warning level to the cent, or None when it is off (0)."""
    amount = Decimal(str(round(float(value), 2)))
    return amount if amount > 0 else None


def _changed(base: Profile, profile: Profile) -> frozenset[Field]:
    changed = {
        Field.NAME: profile.name != base.name,
        Field.SERVER: profile.server != base.server,
        Field.AUTH: profile.auth is not base.auth,
        Field.LOGIN: profile.login != base.login,
        Field.LOW_BALANCE: profile.low_balance != base.low_balance,
        Field.CLIENT: profile.client != base.client,
    }
    return frozenset(f for f, differs in changed.items() if differs)


def profile_for_session(
    saved: Profile, open_profile: Profile, *, secret_changed: bool
) -> Profile | None:
    """After ``saved`` was saved while its account is open as ``open_profile``: the profile
    the open session carries on with, or None when it must be reopened (another server,
    login, sign-in kind or secret). A demo profile keeps the sandbox's live address."""
    live = replace(saved, server=open_profile.server) if saved.demo else saved
    same = (
        live.server == open_profile.server
        and live.auth is open_profile.auth
        and live.login == open_profile.login
        and live.demo == open_profile.demo
    )
    return live if same and not secret_changed else None
