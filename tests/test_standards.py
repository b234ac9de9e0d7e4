"""Standard files: loading, checking every problem with its path, and the shipped catalog."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest

from fairmined.errors import (
    FileProblems,
    PriceLookupError,
    StandardFileError,
    UnknownStandardError,
)
from fairmined.model import Metal
from fairmined.standards import SHIPPED_STANDARDS, list_standards, load_standard, parse_standard

DATA = Path(__file__).parent / "data" / "standards"

pytestmark = pytest.mark.usefixtures("fresh_standards")


def _problems(name: str) -> FileProblems:
    path = DATA / name
    with pytest.raises(FileProblems) as info:
        load_standard(path)
    return info.value


# --------------------------------------------------------------------------- tiny fixtures


def test_minimal_fixture_loads() -> None:
    """A minimal valid file loads into a Standard with its one gold row."""
    std = load_standard(DATA / "minimal.toml")
    assert std.id == "test-minimal"
    assert std.info.in_force_from == date(2020, 1, 1)
    (row,) = std.pricing
    assert row.metal is Metal.GOLD
    assert row.floor.kind == "fraction_of_reference"
    assert row.floor.value == Decimal("0.90")
    assert row.premium.kind == "per_kg_fine"
    assert row.premium.value == Decimal("1000.00")
    assert row.premium.currency == "USD"
    assert not row.ecological_premium.verified


def test_minimal_fixture_loads_from_a_string_path() -> None:
    """A path given as text (containing a slash, ending in .toml) is loaded as a file."""
    assert load_standard(str(DATA / "minimal.toml")).id == "test-minimal"


def test_load_standard_is_cached_and_clearable() -> None:
    """load_standard returns the same object until the cache is cleared."""
    from fairmined.standards import clear_cache

    a = load_standard("fairmined-2.0")
    assert load_standard("fairmined-2.0") is a
    clear_cache()
    assert load_standard("fairmined-2.0") is not a


def test_unverified_figures_are_listed() -> None:
    """Standard.unverified_figures names each unverified figure."""
    std = load_standard(DATA / "minimal.toml")
    assert std.unverified_figures() == [
        "gold ecological premium from 2020-01-01: 20% of the reference price"
    ]


def test_float_figure_is_refused() -> None:
    """A figure written as a TOML float is refused: figures are strings such as "0.95"."""
    e = _problems("float-figure.toml")
    (p,) = e.problems
    assert p.file == str(DATA / "float-figure.toml")
    assert p.path == "$.pricing[0].floor.fraction_of_reference"
    assert "quoted strings" in p.message


def test_unknown_key_gets_did_you_mean() -> None:
    """A misspelt key is an unknown key with a did-you-mean hint for the right one."""
    e = _problems("unknown-key.toml")
    (p,) = e.problems
    assert p.path == "$.pricing[0].premium.verifed"
    assert p.hint == "did you mean verified?"
    assert str(DATA / "unknown-key.toml") in str(p)


def test_overlapping_rows_are_refused() -> None:
    """Two gold rows in force on the same day are an error (the sale date must pick one)."""
    e = _problems("overlap.toml")
    (p,) = e.problems
    assert p.path == "$.pricing"
    assert "overlap from 2021-06-01" in p.message


def test_unverified_figure_needs_a_note() -> None:
    """verified = false without a note is refused: the user must learn what is unknown."""
    e = _problems("unverified-no-note.toml")
    (p,) = e.problems
    assert p.path == "$.pricing[0].ecological_premium"
    assert "note" in p.message


def test_bad_toml_names_the_file() -> None:
    """Invalid TOML is a StandardFileError naming the file and the line."""
    with pytest.raises(StandardFileError) as info:
        load_standard(DATA / "bad-toml.toml")
    assert str(DATA / "bad-toml.toml") in str(info.value)
    assert info.value.line == 7
    assert f"{DATA / 'bad-toml.toml'}:7:" in str(info.value)


def test_every_problem_of_a_file_is_reported() -> None:
    """Problems in metadata and in two pricing rows all appear, each with file and path."""
    e = _problems("many-problems.toml")
    name = str(DATA / "many-problems.toml")
    assert e.file == name
    assert [p.path for p in e.problems] == [
        "$.standard.publsher",
        "$.pricing[0].floor.fraction_of_reference",
        "$.pricing[1].ecological_premium",
        "$.pricing[1].effective_to",
    ]
    assert all(p.file == name for p in e.problems)
    assert all(line.startswith(name + ": $.") for line in e.lines())
    assert "and 3 more problems" in str(e)


def test_two_problems_in_one_row_are_both_reported() -> None:
    """A float floor and an unverified premium without a note in the same row are both reported."""
    e = _problems("two-problems-one-row.toml")
    assert len(e.problems) == 2


def test_parse_standard_reads_text() -> None:
    """parse_standard checks text directly and names the given file in errors."""
    text = (DATA / "float-figure.toml").read_text(encoding="utf-8")
    with pytest.raises(FileProblems) as info:
        parse_standard(text, "in-memory.toml")
    assert info.value.problems[0].file == "in-memory.toml"


def test_missing_file_is_unknown_standard() -> None:
    """A path that does not exist is an UnknownStandardError naming the path."""
    with pytest.raises(UnknownStandardError, match=r"no-such-file\.toml"):
        load_standard(DATA / "no-such-file.toml")


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("fairmined-2", "fairmined-2.0"),
        ("fairtrade-gold-2014", "fairtrade-gold-2013"),
        ("fairtrade-fairmined2010", "fairtrade-fairmined-2010"),
    ],
)
def test_unknown_standard_id_did_you_mean(typed: str, suggestion: str) -> None:
    """An unknown id is an UnknownStandardError suggesting the nearest shipped id."""
    with pytest.raises(UnknownStandardError) as info:
        load_standard(typed)
    assert info.value.hint is not None
    assert info.value.hint.startswith(f"did you mean {suggestion}? valid: ")
    assert isinstance(info.value, LookupError)


def test_unknown_standard_without_close_match_lists_the_shipped_ids() -> None:
    """An id like nothing shipped gets the list of shipped ids."""
    with pytest.raises(UnknownStandardError) as info:
        load_standard("zzz")
    assert info.value.hint is not None
    for sid in SHIPPED_STANDARDS:
        assert sid in info.value.hint


def test_schedule_outside_its_dates_is_a_lookup_error() -> None:
    """Asking for a day before the first row is a PriceLookupError saying when it starts."""
    std = load_standard(DATA / "minimal.toml")
    with pytest.raises(PriceLookupError) as info:
        std.schedule(Metal.GOLD, date(2019, 12, 31))
    assert info.value.hint == "its schedule starts on 2020-01-01"
    with pytest.raises(PriceLookupError, match="no price schedule for silver"):
        std.schedule(Metal.SILVER, date(2020, 1, 1))


# --------------------------------------------------------------------------- shipped catalog


def test_shipped_ids_are_exactly_the_three_standards() -> None:
    """The shipped ids are exactly those the issue names."""
    assert list_standards() == (
        "fairtrade-fairmined-2010",
        "fairtrade-gold-2013",
        "fairmined-2.0",
    )


@pytest.mark.parametrize("sid", SHIPPED_STANDARDS)
def test_shipped_standard_contract(sid: str) -> None:
    """Every shipped standard loads, prices each metal from its in-force date, cites sources."""
    std = load_standard(sid)
    assert std.id == sid
    assert std.info.sources
    start = std.info.in_force_from
    for metal in Metal:
        row = std.schedule(metal, start)
        assert row.metal is metal
        # The floor is 95% of the reference price in all three standards.
        assert row.floor.kind == "fraction_of_reference"
        assert row.floor.value == Decimal("0.95")
    for row in std.pricing:
        for fig in (row.floor, row.premium, row.ecological_premium):
            assert fig.source.strip(), f"{sid} {row.metal} figure without a source"
            if not fig.verified:
                assert fig.note and fig.note.strip(), f"{sid} unverified figure without a note"
            if fig.kind == "per_kg_fine":
                assert fig.currency == "USD"


@pytest.mark.parametrize("sid", SHIPPED_STANDARDS)
def test_shipped_standard_covers_every_day_in_force(sid: str) -> None:
    """From its first day to its last (or 2030), a shipped standard has a row for each metal."""
    std = load_standard(sid)
    end = std.info.in_force_to or date(2030, 12, 31)
    for metal in Metal:
        rows = sorted((r for r in std.pricing if r.metal is metal), key=lambda r: r.effective_from)
        assert rows[0].effective_from <= std.info.in_force_from
        for a, b in pairwise(rows):
            assert a.effective_to is not None
            assert (b.effective_from - a.effective_to).days == 1, "gap between rows"
        assert rows[-1].effective_to is None or rows[-1].effective_to >= end


def test_shipped_unverified_figures_match_the_facts() -> None:
    """Exactly the figures standards-facts.md (second review) leaves unconfirmed are unverified."""
    unverified = {
        sid: {
            (row.metal.value, name, row.effective_from.isoformat())
            for row in load_standard(sid).pricing
            for name in ("floor", "premium", "ecological_premium")
            if not getattr(row, name).verified
        }
        for sid in SHIPPED_STANDARDS
    }
    all_three = ("floor", "premium", "ecological_premium")
    assert unverified == {
        "fairtrade-fairmined-2010": {
            ("silver", "floor", "2010-03-17"),
            ("silver", "ecological_premium", "2010-03-17"),
        }
        | {("platinum", n, "2010-03-17") for n in all_three},
        "fairtrade-gold-2013": {("platinum", "premium", "2013-08-01")}
        | {(m, n, "2013-04-22") for m in ("silver", "platinum") for n in all_three},
        "fairmined-2.0": {
            ("gold", "premium", "2014-04-05"),
            ("gold", "ecological_premium", "2014-04-05"),
        }
        | {(m, n, "2014-04-05") for m in ("silver", "platinum") for n in all_three},
    }


def test_price_history_follows_the_partnership_end() -> None:
    """Fairtrade gold from 2013-04-22 gets 10%; the joint standard ends on 2013-04-21."""
    joint = load_standard("fairtrade-fairmined-2010")
    fairtrade = load_standard("fairtrade-gold-2013")
    assert joint.info.in_force_to == date(2013, 4, 21)
    first = fairtrade.schedule(Metal.GOLD, date(2013, 4, 22))
    assert (first.premium.kind, first.premium.value) == ("fraction_of_reference", Decimal("0.10"))
    assert first.premium.provenance is not None
    assert first.premium.provenance.document is not None
    with pytest.raises(PriceLookupError):
        fairtrade.schedule(Metal.GOLD, date(2013, 4, 21))


def test_fairmined_2_in_force_with_its_predecessor() -> None:
    """Fairmined 2.0 is in force from 2014-04-05 and names v1.1 as its predecessor."""
    info = load_standard("fairmined-2.0").info
    assert info.in_force_from == date(2014, 4, 5)
    assert info.predecessor is not None and "v1.1" in info.predecessor


def test_fairtrade_gold_2013_switches_to_per_kg_on_2013_08_01() -> None:
    """The gold premium is 10% up to 2013-07-31 and USD 2000/kg of fine gold from 2013-08-01."""
    std = load_standard("fairtrade-gold-2013")
    before = std.schedule(Metal.GOLD, date(2013, 7, 31))
    after = std.schedule(Metal.GOLD, date(2013, 8, 1))
    assert (before.premium.kind, before.premium.value) == ("fraction_of_reference", Decimal("0.10"))
    assert (after.premium.kind, after.premium.value) == ("per_kg_fine", Decimal("2000.00"))


def test_misspelt_key_is_one_problem_not_two() -> None:
    """`versio = ...` gives one did-you-mean problem, not also 'version is missing'."""
    from fairmined.errors import FileProblems
    from fairmined.standards import parse_standard

    text = (Path(__file__).resolve().parents[1] / "standards" / "fairmined-2.0.toml").read_text(
        encoding="utf-8"
    )
    with pytest.raises(FileProblems) as info:
        parse_standard(text.replace('version = "2.0"', 'versio = "2.0"', 1), "x.toml")
    (problem,) = info.value.problems
    assert problem.path == "$.standard.versio"
    assert problem.hint == "did you mean version?"
