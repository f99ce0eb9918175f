"""Every problem the account services report has its own words (keyed by the enum, not by
strings that could drift apart from it)."""

from __future__ import annotations

from typing import Any

from smsc_desktop.services.profiles import ProfileProblem
from smsc_desktop.services.secrets import KeyringProblem
from smsc_desktop.ui.texts import accounts as texts


def test_every_keyring_problem_has_its_own_sentence(qapp: Any) -> None:
    sentences = [texts.keyring_problem_text(p) for p in KeyringProblem]
    assert all(sentences)
    assert len(set(sentences)) == len(KeyringProblem)
    assert texts.keyring_problem_text(None) == ""
    assert texts.session_only_text(KeyringProblem.LOCKED).endswith(
        texts.keyring_problem_text(KeyringProblem.LOCKED)
    )


def test_every_profile_problem_has_its_own_sentence(qapp: Any) -> None:
    sentences = [texts.profile_problem_text(p) for p in ProfileProblem]
    assert all(sentences)
    assert len(set(sentences)) == len(ProfileProblem)
    assert texts.problems_text(list(ProfileProblem)).splitlines() == sentences
