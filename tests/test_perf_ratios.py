"""The startup benchmark's budget ratio pairs each round with the bare window of that round."""

from __future__ import annotations

import pytest

from tests.perf.bench_startup import paired_ratio


def test_each_round_is_compared_with_the_bare_window_of_the_same_round() -> None:
    # A slow second round slows both sides: paired, the app is as fast as the bare window in
    # two rounds of three (ratio 1); the ratio of the medians (30 / 20) would say 1.5.
    assert paired_ratio([10.0, 40.0, 30.0], [10.0, 20.0, 30.0]) == 1.0


def test_rounds_that_do_not_pair_are_an_error() -> None:
    with pytest.raises(ValueError, match="shorter"):
        paired_ratio([10.0, 20.0], [10.0])
