"""Attacks from issue 17: every input costs time linear in its size, nothing is damaged.

Each test here failed before its fix. Time budgets are generous (the machine is
shared); the inputs are sized so that the old quadratic or cubic code took far
longer than the budget.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from fairmined.errors import FairminedError
from fairmined.model import Mass


def _within(seconds: float, fn: Callable[[], object]) -> None:
    """Run ``fn`` (a FairminedError is a fine answer); fail if it took over ``seconds``."""
    start = time.perf_counter()
    try:
        fn()
    except FairminedError:
        pass
    took = time.perf_counter() - start
    assert took < seconds, f"took {took:.2f} s, budget {seconds} s"


@pytest.mark.parametrize(
    "text",
    ["1" + " " * 3000 + "!", "1" + " " * 3000 + "k!", "1" + " " * 3000 + "kg" + " " * 3000 + "!"],
)
def test_mass_parser_is_linear_on_spaces(text: str) -> None:
    """A number, thousands of spaces, then a bad character is refused at once (no backtracking)."""
    _within(0.5, lambda: Mass.parse(text))
    with pytest.raises(FairminedError, match="not a mass"):
        Mass.parse(text)


@pytest.mark.parametrize("text", ["1\tkg", " 1 kg ", "1.5 oz t", "+1 g\n"])
def test_mass_parser_still_reads_spaced_masses(text: str) -> None:
    """The linear mass parser reads what the old pattern read: blanks around the unit."""
    assert Mass.parse(text).value > 0
