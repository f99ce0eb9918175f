"""The demo profiles' names follow the interface language while the user has not renamed them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from smsc_desktop.services.profiles import ProfileStore, demo_profile
from smsc_desktop.services.settings import Settings
from smsc_desktop.ui.demo_accounts import localize_demo_names, sibling_profiles
from tests.helpers.fit import interface_language


def test_a_demo_made_in_english_speaks_russian_after_a_switch(qapp: Any, tmp_path: Path) -> None:
    store = ProfileStore(Settings(tmp_path / "settings.json"))
    with interface_language("en_US"):
        store.add(demo_profile("Sandbox demo"))
        tenge, blocked = sibling_profiles()[2], sibling_profiles()[1]
        store.add(tenge)
        store.add(replace(blocked, name="Blocked one (mine)"))  # renamed by the user
    with interface_language("ru_RU"):
        localize_demo_names(store)
        names = [p.name for p in store]
        localize_demo_names(store)  # a second start changes nothing
        assert [p.name for p in store] == names
    assert names == ["Демо-песочница", "Демо-песочница — тенге", "Blocked one (mine)"]
    with interface_language("en_US"):  # and back
        localize_demo_names(store)
        assert [p.name for p in store] == [
            "Sandbox demo",
            "Sandbox demo — tenge",
            "Blocked one (mine)",
        ]
