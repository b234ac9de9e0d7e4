"""The parsers' fast paths give exactly what the full checks give: value or error.

parse_decimal, Mass.parse, Fineness.parse, parse_iso_date and the lot row
reader each try a quick path for plain, well-formed text and fall back to the
full check for anything else. Here random and adversarial text goes through
both, and the outcomes must be identical: the same value with the same
exponent (compared by repr), or the same error with the same message, path
and hint.
"""

from __future__ import annotations

from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from fairmined.errors import FairminedError
from fairmined.lots._check import _parse, _parse_all
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


_GOOD = {
    "lot_id": "L-1",
    "sale_date": "2024-03-01",
    "certificate_id": "FM-CO-001",
    "metal": "gold",
    "gross_mass": "1250g",
    "fineness": "0.995",
    "ecological": "false",
    "reference_price": "2000.00",
    "price_paid": "75976.23",
    "premium_paid": "4975.00",
    "currency": "USD",
}
_ODD = {
    "lot_id": ["", " ", " L-2 "],
    "sale_date": ["2024-02-30", " 2024-03-01", "1/3/2024"],
    "certificate_id": ["", " FM-CO-001"],
    "metal": ["Gold", "GOLD ", "tin"],
    "gross_mass": ["1.25 kg", "1250", "0g", "1250G", "-1g"],
    "fineness": ["18k", "995‰", "995", "0", " 0.995"],
    "ecological": ["TRUE", "yes", " false"],
    "reference_price": ["", " ", "0", "1000001", "2,000.00", "-1"],
    "price_paid": ["-0.01", "1e3", " 12.345", ""],
    "premium_paid": ["-1", "4975.005", "x"],
    "currency": ["usd", " USD", "EUR", ""],
}


@given(
    st.dictionaries(
        st.sampled_from(sorted(_ODD)),
        st.one_of(st.sampled_from([v for vs in _ODD.values() for v in vs]), texts),
        max_size=4,
    ),
    st.sets(st.sampled_from(sorted(_GOOD)), max_size=2),
    st.booleans(),
)
def test_row_reader_fast_path_matches_the_full_check(
    changes: dict[str, str], dropped: set[str], has_prices: bool
) -> None:
    cells = {**_GOOD, **changes}
    for key in dropped:
        cells.pop(key)
    assert _outcome(_parse, cells, 7, has_prices) == _outcome(_parse_all, cells, 7, has_prices)
