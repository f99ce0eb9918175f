"""The account form's rules without Qt: typed values become a profile, its problems and
the fields that changed."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from smsc_desktop.services.profile_form import (
    CONNECTION_FIELDS,
    Field,
    FormValues,
    low_balance_amount,
    profile_for_session,
    read_form,
)
from smsc_desktop.services.profiles import AuthKind, Profile, ProfileProblem, demo_profile

SAVED = Profile(
    name="Client A",
    server="https://smsc.kz",
    login="client-a",
    low_balance=Decimal("150.5"),
    id="a1",
)


def values_of(profile: Profile, **changes: object) -> FormValues:
    """The form showing ``profile`` unchanged, then ``changes`` typed."""
    fields: dict[str, object] = {
        "name": profile.name,
        "server": profile.server,
        "auth": profile.auth,
        "login": profile.login,
        "low_balance": float(profile.low_balance or 0),
        "client": profile.client,
    }
    fields.update(changes)
    return FormValues(**fields)  # type: ignore[arg-type]


def test_a_new_account_is_trimmed_normalised_and_all_new() -> None:
    reading = read_form(
        FormValues(
            name="  Client B ", server=" smsc.ru/ ", login=" b ", secret=" pw ", low_balance=0
        ),
        base=None,
        draft_id="draft1",
    )
    profile = reading.profile
    assert (profile.id, profile.name, profile.server, profile.login) == (
        "draft1",
        "Client B",
        "https://smsc.ru",
        "b",
    )
    assert profile.low_balance is None
    assert reading.secret == " pw "  # a password is taken as typed
    assert reading.changed == frozenset(Field)
    assert reading.dirty
    assert reading.problems == ()


def test_the_saved_profile_unchanged_is_not_dirty() -> None:
    reading = read_form(values_of(SAVED), base=SAVED, others=[SAVED])
    assert reading.profile == SAVED
    assert reading.secret is None  # the stored secret stays
    assert reading.changed == frozenset()
    assert not reading.dirty


def test_the_changed_fields_are_named() -> None:
    assert read_form(values_of(SAVED, name="Client A2"), base=SAVED).changed == {Field.NAME}
    # the same address written differently is no change
    assert read_form(values_of(SAVED, server="smsc.kz/"), base=SAVED).changed == frozenset()
    assert read_form(values_of(SAVED, server="smsc.ua"), base=SAVED).changed == {Field.SERVER}
    assert read_form(values_of(SAVED, low_balance=0), base=SAVED).changed == {Field.LOW_BALANCE}
    assert read_form(values_of(SAVED, secret="new"), base=SAVED).changed == {Field.SECRET}
    to_client = read_form(values_of(SAVED, client="  Romashka  LLC "), base=SAVED)
    assert to_client.changed == {Field.CLIENT}
    assert to_client.profile.client == "Romashka LLC"  # trimmed
    assert not to_client.changed & CONNECTION_FIELDS  # a client is no connection matter
    # spaces only around it are no change
    with_client = replace(SAVED, client="Romashka")
    assert not read_form(values_of(with_client, client=" Romashka "), base=with_client).dirty
    to_key = read_form(values_of(SAVED, auth=AuthKind.API_KEY), base=SAVED)
    assert to_key.changed == {Field.AUTH, Field.LOGIN}  # an API key has no login
    assert to_key.profile.login == ""
    assert to_key.changed <= CONNECTION_FIELDS


def test_an_api_key_is_trimmed_and_a_blank_one_keeps_the_stored_key() -> None:
    key = Profile(name="K", server="https://smsc.ru", auth=AuthKind.API_KEY, id="k")
    assert read_form(values_of(key, secret="  abc  "), base=key).secret == "abc"
    blank = read_form(values_of(key, secret="   "), base=key)
    assert blank.secret is None
    assert not blank.dirty


def test_problems_are_data_and_the_test_ignores_the_name() -> None:
    reading = read_form(
        FormValues(name="client a", server="http://smsc.ru", login=""),
        base=None,
        draft_id="new",
        others=[SAVED],
    )
    assert reading.problems == (
        ProfileProblem.DUPLICATE_NAME,
        ProfileProblem.BAD_SERVER,
        ProfileProblem.NO_LOGIN,
    )
    assert reading.test_problems == (ProfileProblem.BAD_SERVER, ProfileProblem.NO_LOGIN)
    assert reading.profile.server == "http://smsc.ru"  # kept as typed, so it can be fixed
    assert read_form(values_of(SAVED, name=""), base=SAVED).problems == (ProfileProblem.NO_NAME,)
    # its own name is not a duplicate
    assert read_form(values_of(SAVED), base=SAVED, others=[SAVED]).problems == ()
    # plain http is fine on this computer
    local = read_form(values_of(SAVED, server="http://127.0.0.1:8765/x"), base=SAVED)
    assert local.problems == ()
    assert local.profile.server == "http://127.0.0.1:8765"


def test_the_demo_account_changes_only_its_name_client_and_warning_level() -> None:
    demo = demo_profile("Sandbox demo")
    reading = read_form(
        FormValues(
            name="Demo",
            server="whatever the box says",
            login="x",
            secret="typed",
            low_balance=100,
            client=" Romashka ",
        ),
        base=demo,
    )
    assert reading.profile.server == demo.server
    assert reading.profile.login == demo.login
    assert reading.profile.demo
    assert reading.secret is None
    assert reading.changed == {Field.NAME, Field.LOW_BALANCE, Field.CLIENT}
    assert reading.profile.client == "Romashka"
    assert reading.problems == ()


def test_low_balance_to_the_cent() -> None:
    assert low_balance_amount(0) is None
    assert low_balance_amount(0.001) is None
    assert low_balance_amount(99.999) == Decimal("100.0")
    assert low_balance_amount(Decimal("150.50")) == Decimal("150.5")


def test_an_edit_of_the_open_account_reopens_it_only_for_a_new_connection() -> None:
    renamed = profile_for_session(SAVED.renamed("New name"), SAVED, secret_changed=False)
    assert renamed is not None
    assert renamed.name == "New name"
    assert profile_for_session(SAVED, SAVED, secret_changed=True) is None
    moved = Profile(name=SAVED.name, server="https://smsc.ru", login=SAVED.login, id=SAVED.id)
    assert profile_for_session(moved, SAVED, secret_changed=False) is None
    # the demo profile keeps the sandbox's live address
    demo = demo_profile("Sandbox demo")
    live = Profile(
        name=demo.name, server="http://127.0.0.1:5555", login="demo", demo=True, id=demo.id
    )
    kept = profile_for_session(demo.renamed("Demo"), live, secret_changed=False)
    assert kept is not None
    assert kept.server == "http://127.0.0.1:5555"
