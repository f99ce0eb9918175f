"""Phone numbers as people type them → SMSC's international digits."""

from __future__ import annotations

import pytest

from smsc_desktop.services.phones import PhoneProblem, check_phone, normalize_phone


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("79161234567", "79161234567"),
        ("+7 916 123-45-67", "79161234567"),
        ("+7 (916) 123-45-67", "79161234567"),
        ("8 916 123 45 67", "79161234567"),
        ("89161234567", "79161234567"),
        ("8 (800) 555-35-35", "78005553535"),
        (" 7.916.123.45.67 ", "79161234567"),
        ("+77012345678", "77012345678"),  # Kazakhstan keeps its 7
        ("+380 44 123 4567", "380441234567"),
        ("380441234567", "380441234567"),
        ("+44 20 7946 0958", "442079460958"),
        ("0044 20 7946 0958", "442079460958"),
        ("+375 29 123-45-67", "375291234567"),
        ("+960 712 3456", "9607123456"),  # 10 digits starting with 9 is fine with a +
    ],
)
def test_valid_numbers_are_normalised(text: str, digits: str) -> None:
    result = check_phone(text)
    assert result.ok, result.problem
    assert result.digits == digits
    assert normalize_phone(text) == digits


def test_russian_trunk_prefix_is_reported() -> None:
    assert check_phone("8 916 123 45 67").converted_trunk_prefix
    assert not check_phone("+7 916 123 45 67").converted_trunk_prefix
    # With a +, 8… is an international number (e.g. +81 Japan), never a trunk prefix.
    assert check_phone("+81 3 1234 5678").digits == "81312345678"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", PhoneProblem.EMPTY),
        ("   ", PhoneProblem.EMPTY),
        ("79l61234567", PhoneProblem.BAD_CHARACTERS),
        ("phone", PhoneProblem.BAD_CHARACTERS),
        ("+", PhoneProblem.BAD_CHARACTERS),
        ("++79161234567", PhoneProblem.BAD_CHARACTERS),
        ("７９１６１２３４５６７", PhoneProblem.BAD_CHARACTERS),  # full-width digits
        ("7916123456", PhoneProblem.WRONG_LENGTH_7),
        ("+7 916 123 45 678", PhoneProblem.WRONG_LENGTH_7),
        ("9161234567", PhoneProblem.MISSING_COUNTRY_CODE),
        ("12345", PhoneProblem.TOO_SHORT),
        ("4412345678901234", PhoneProblem.TOO_LONG),
    ],
)
def test_wrong_numbers_say_why(text: str, problem: PhoneProblem) -> None:
    result = check_phone(text)
    assert not result.ok
    assert result.problem is problem
    assert result.digits == ""
    with pytest.raises(ValueError, match=problem.value):
        normalize_phone(text)
