"""ProfileStore: create, edit, rename, duplicate, reorder, delete, switch; kept in settings."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from smsc_desktop.services.profiles import (
    DEMO_PROFILE_ID,
    AuthKind,
    Profile,
    ProfileProblem,
    ProfileStore,
    clients_of,
    demo_profile,
)
from smsc_desktop.services.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.json")


def test_create_edit_switch_delete_survive_a_restart(settings: Settings) -> None:
    store = ProfileStore(settings)
    changes: list[str] = []
    store.changed.connect(lambda: changes.append("changed"))
    actives: list[str] = []
    store.active_changed.connect(actives.append)

    a = store.add(Profile(name=" Client A ", server="smsc.ru/", login=" alogin "))
    b = store.add(Profile(name="Client B", server="https://smsc.kz", auth=AuthKind.API_KEY))
    assert (a.name, a.server, a.login) == ("Client A", "https://smsc.ru", "alogin")
    store.set_active(b.id)
    store.update(a.renamed("Client A (marketing)"))
    store.update(Profile.from_dict({**b.to_dict(), "low_balance": "150.5"}))
    assert changes == ["changed"] * 4
    assert actives == [b.id]

    again = ProfileStore(Settings(settings.path))  # a restart
    assert [p.name for p in again] == ["Client A (marketing)", "Client B"]
    assert again.get(a.id).secret_key == a.secret_key  # a rename keeps the keyring entry
    assert again.get(b.id).low_balance == Decimal("150.5")
    assert again.active() == again.get(b.id)

    again.remove(b.id)
    assert again.active() is None  # the active account is gone
    assert len(ProfileStore(Settings(settings.path))) == 1


def test_duplicate_goes_after_the_original_with_a_new_id(settings: Settings) -> None:
    store = ProfileStore(settings)
    a = store.add(Profile(name="A", server="https://smsc.ru", login="x"))
    store.add(Profile(name="B", server="https://smsc.ru", login="y"))
    copy = store.duplicate(a.id, "A (copy)")
    assert [p.name for p in store] == ["A", "A (copy)", "B"]
    assert copy.id != a.id
    assert copy.secret_key != a.secret_key
    assert (copy.server, copy.login, copy.auth) == (a.server, a.login, a.auth)


def test_move_and_lookups(settings: Settings) -> None:
    store = ProfileStore(settings)
    ids = [store.add(Profile(name=n, server="https://smsc.ru", login=n)).id for n in "ABC"]
    store.move(ids[2], 0)
    assert [p.name for p in store] == ["C", "A", "B"]
    assert store.index_of(ids[0]) == 1
    assert store.index_of("missing") == -1
    with pytest.raises(KeyError):
        store.remove("missing")
    with pytest.raises(KeyError):
        store.set_active("missing")
    with pytest.raises(ValueError, match="exists"):
        store.add(store.get(ids[0]))


def test_problems_name_what_is_wrong(settings: Settings) -> None:
    store = ProfileStore(settings)
    store.add(Profile(name="Client A", server="https://smsc.ru", login="a"))
    assert store.problems(Profile(name="", server="https://smsc.ru", login="a")) == [
        ProfileProblem.NO_NAME
    ]
    assert store.problems(Profile(name="client a", server="https://smsc.ru", login="b")) == [
        ProfileProblem.DUPLICATE_NAME
    ]
    assert store.problems(Profile(name="X", server="http://smsc.ru", login="b")) == [
        ProfileProblem.BAD_SERVER
    ]
    assert store.problems(Profile(name="X", server="https://smsc.ru")) == [ProfileProblem.NO_LOGIN]
    assert store.problems(Profile(name="X", server="smsc.ua", auth=AuthKind.API_KEY)) == []
    assert store.problems(Profile(name="X", server="http://127.0.0.1:8765", login="b")) == []
    assert store.unique_name("Client A") == "Client A 2"
    assert store.unique_name("Client Z") == "Client Z"


def test_unreadable_entries_are_skipped_not_fatal(settings: Settings) -> None:
    good = Profile(name="Good", server="https://smsc.ru", login="g")
    settings.set(
        "accounts/profiles",
        [good.to_dict(), {"auth": "telepathy"}, "not a dict", good.to_dict()],
    )
    store = ProfileStore(settings)
    assert [p.name for p in store] == ["Good"]  # the bad ones and the duplicate id dropped


def test_settings_file_holds_no_secret_fields(settings: Settings) -> None:
    store = ProfileStore(settings)
    store.add(Profile(name="A", server="https://smsc.ru", login="a"))
    store.add(demo_profile("Sandbox demo"))
    assert settings.flush(10)  # written behind
    data = json.loads(settings.path.read_text(encoding="utf-8"))
    for entry in data["values"]["accounts/profiles"]:
        assert set(entry) == {
            "id",
            "name",
            "server",
            "auth",
            "login",
            "low_balance",
            "demo",
            "client",
        }
    assert store.get(DEMO_PROFILE_ID).demo


def test_the_client_is_trimmed_saved_and_survives_a_restart(settings: Settings) -> None:
    store = ProfileStore(settings)
    a = store.add(
        Profile(name="A", server="https://smsc.ru", login="a", client="  Romashka   LLC ")
    )
    b = store.add(Profile(name="B", server="https://smsc.kz", login="b"))
    assert a.client == "Romashka LLC"
    assert b.client == ""
    again = ProfileStore(Settings(settings.path))  # a restart
    assert again.get(a.id).client == "Romashka LLC"
    assert again.get(b.id).client == ""
    store.update(Profile.from_dict({**again.get(a.id).to_dict(), "client": "Vostok"}))
    assert ProfileStore(Settings(settings.path)).get(a.id).client == "Vostok"


def test_a_profile_saved_before_clients_existed_reads_without_one(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    old = {
        "id": "old1",
        "name": "Old",
        "server": "https://smsc.ru",
        "auth": "password",
        "login": "old",
        "low_balance": "10",
        "demo": False,
    }  # as an earlier release wrote it: no "client"
    path.write_text(
        json.dumps({"schema": 1, "values": {"accounts/profiles": [old]}}), encoding="utf-8"
    )
    [profile] = ProfileStore(Settings(path))
    assert (profile.id, profile.name, profile.client) == ("old1", "Old", "")
    assert profile.low_balance == Decimal("10")


def test_a_duplicate_keeps_the_client(settings: Settings) -> None:
    store = ProfileStore(settings)
    a = store.add(Profile(name="A", server="https://smsc.ru", login="x", client="Romashka"))
    copy = store.duplicate(a.id, "A (copy)")
    assert copy.client == "Romashka"
    assert ProfileStore(Settings(settings.path)).get(copy.id).client == "Romashka"


def test_clients_of_names_each_client_once_sorted() -> None:
    profiles = [
        Profile(name=n, server="https://smsc.ru", client=c)
        for n, c in (("1", "vostok"), ("2", ""), ("3", "Romashka"), ("4", "Vostok"))
    ]
    assert clients_of(profiles) == ["Romashka", "vostok"]
