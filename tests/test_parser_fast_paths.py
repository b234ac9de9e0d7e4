"""The parsers' fast paths give exactly what the full checks give: value or error.

parse_decimal, Mass.parse, Fineness.parse and parse_iso_date each try a
quick path for plain, well-formed text and fall back to the full check for
anything else. Here random and adversarial text goes through
both, and the outcomes must be identical: the same value with the same
exponent (compared by repr), or the same error with the same message, path
and hint.
"""

from __future__ import annotations

from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from fairmined.errors import FairminedError
from fairmined.model import Fineness, Mass, parse_decimal
from fairmined.model._quantities import _parse_decimal_strict
from fairmined.pricing import parse_iso_date
from fairmined.pricing._prices import _parse_iso_date

# Characters the fast paths look at, and their near misses.
_NEAR = "0123456789.+-eE, gGkKoOzZtT\u00a0\t\u0660\uff11%‰"
texts = st.one_of(
    st.text(alphabet=_NEAR, max_size=40),
    st.text(max_size=12),
    st.from_regex(r"[0-9]{0,35}(\.[0-9]{0,35})?(g|kg|ozt|KG| g)?", fullmatch=True),
    st.from_regex(r"[01]?\.[0-9]{0,32}", fullmatch=True),
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\s?", fullmatch=True),
)


def _outcome(fn: Any, *args: Any, **kwargs: Any) -> tuple[str, ...]:
    try:
        return ("ok", repr(fn(*args, **kwargs)))
    except FairminedError as e:
        return ("error", type(e).__name__, e.message, str(e.path), str(e.hint))
    except (TypeError, ValueError, KeyError) as e:
        return ("raised", type(e).__name__, str(e))


_EDGES = [
    "0",
    "1",
    "1.",
    ".5",
    "0.0",
    "1.0000",
    "1.5",
    "9" * 30,
    "9" * 31,
    "1" * 30 + ".",
    "0g",
    "1e3g",
    "10000000000g",
    "10000000001g",
    "321506658kg",
    "321506659ozt",
    "2024-02-30",
    "2024-W01-1",
    "20240101",
]


@given(texts)
@example("")
def test_parse_decimal_fast_path_matches_the_full_check(text: str) -> None:
    for t in (text, *_EDGES):
        assert _outcome(parse_decimal, t, field="f") == _outcome(_parse_decimal_strict, t, "f")


@given(texts, st.booleans())
def test_mass_fast_path_matches_the_full_check(text: str, allow_zero: bool) -> None:
    for t in (text, *_EDGES):
        assert _outcome(Mass.parse, t, field="m", allow_zero=allow_zero) == _outcome(
            Mass._parse_strict, t, "m", allow_zero
        )


@given(texts)
def test_fineness_fast_path_matches_the_full_check(text: str) -> None:
    for t in (text, *_EDGES):
        assert _outcome(Fineness.parse, t, field="x") == _outcome(Fineness._parse_strict, t, "x")


@given(texts)
def test_date_cache_matches_the_full_check(text: str) -> None:
    for t in (text, *_EDGES):
        for _ in range(2):  # the second read comes from the cache
            assert _outcome(parse_iso_date, t, field="d") == _outcome(_parse_iso_date, t, "d")
