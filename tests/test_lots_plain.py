"""The fast lane for plain CSV lines gives the verdicts the general reader gives.

``fairmined.lots._plain`` reads a line without quotes with one pattern and
builds the lot itself; it may only accept a line the general reader
(``csv.reader`` + ``_read_lot``) reads to the same lot. These tests compare the
two readers verdict by verdict on tables mixing plain cells, near misses and
errors, in any column order, with extra columns and every line ending.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairmined.lots import LOT_COLUMNS
from fairmined.lots._check import verdict
from fairmined.lots._context import LotContext
from fairmined.lots._inputs import CsvChunk
from fairmined.lots._plain import _pattern, csv_verdicts
from strategies import LOTS_CERTIFICATES, LOTS_PRODUCTION

ROOT = Path(__file__).resolve().parents[1]

CONTEXTS = {
    "no prices": LotContext.load(LOTS_CERTIFICATES, LOTS_PRODUCTION, None),
    "price file": LotContext.load(
        LOTS_CERTIFICATES, LOTS_PRODUCTION, ROOT / "examples" / "prices-illustrative.csv"
    ),
}

# Per column: cells the fast lane takes, and near misses it must leave alone.
CELLS = {
    "lot_id": ["L-1", "L-2", "A", "x/9#", "a b", " L-1", "L-é", "", "L\t3"],
    "sale_date": [
        "2024-03-01",
        "2024-03-28",
        "2023-06-15",
        "2023-02-30",
        "2024-3-1",
        "2024-13-01",
        "0000-01-01",
        "2024-03-01 ",
        "",
    ],
    "certificate_id": ["C-1", "C-2", "C-9", " C-1", "c-1", ""],
    "metal": ["gold", "silver", "platinum", "Gold", "tin", ""],
    "gross_mass": [
        "250g",
        "1kg",
        "1.250kg",
        "40.19ozt",
        ".5kg",
        "5.kg",
        "0g",
        "0.000kg",
        "1e3g",
        "12",
        "1 kg",
        "1KG",
        "99999999999g",
        "400000000ozt",
        "9" * 31 + "g",
        "1." + "0" * 29 + "kg",
    ],
    "fineness": [
        "0.995",
        "1",
        "1.0",
        ".999",
        "0.75",
        "1.5",
        "0",
        "0.0",
        "18k",
        "999.9‰",
        "0." + "9" * 30,
        "00.5",
    ],
    "ecological": ["true", "false", "True", "yes", ""],
    "reference_price": [
        "2000",
        "2170.40",
        "",
        "0",
        "1000000",
        "1000000.01",
        ".5",
        "5.",
        "-1",
        "9" * 31,
        "1,000",
    ],
    "price_paid": ["0", "68000.00", "1.005", "5.", ".5", "-1", "1e5", "9" * 31, "12.345", ""],
    "premium_paid": ["0", "4975.00", "0.004", "300.5", "-0", "NaN", "9" * 30, ""],
    "currency": ["USD", "usd", "EUR", " USD", ""],
    "notes": ["", "checked", "a\tb", "x\x01y", "é"],
}
ENDINGS = ["\n", "\r\n", "\r"]


@st.composite
def plain_chunks(draw: st.DrawFn) -> CsvChunk:
    columns = list(LOT_COLUMNS)
    if draw(st.booleans()):
        columns.append("notes")
    header = tuple(draw(st.permutations(columns)))
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.integers(0, 19))
        if kind == 0:
            text = ""  # a blank line
        elif kind == 1:
            text = ",".join(draw(st.sampled_from(CELLS[c])) for c in header[:-1])  # a cell short
        else:
            # Mostly the first few cells of each list: the fast lane's own.
            text = ",".join(
                draw(st.sampled_from(CELLS[c][:4] if kind > 8 else CELLS[c])) for c in header
            )
        lines.append(text + draw(st.sampled_from(ENDINGS)))
    if draw(st.booleans()):
        lines[-1] = lines[-1].rstrip("\r\n")
    return CsvChunk(header, draw(st.integers(2, 10_000)), "".join(lines))


@pytest.mark.parametrize("prices", sorted(CONTEXTS))
@given(chunk=plain_chunks())
def test_fast_lane_gives_the_general_readers_verdicts(prices: str, chunk: CsvChunk) -> None:
    ctx = CONTEXTS[prices]
    assert list(csv_verdicts(ctx, chunk)) == [verdict(ctx, raw) for raw in chunk.rows()]


def test_plain_lines_take_the_fast_lane(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lane is not dead code: plain rows are built by it, not by the general reader."""
    from fairmined.lots import _check

    calls: list[int] = []
    original = _check._read_lot

    def counting(*args: object) -> object:
        calls.append(1)
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(_check, "_read_lot", counting)
    header = tuple(LOT_COLUMNS)
    text = "".join(
        f"L-{i},2024-03-01,C-1,gold,1.250kg,0.995,false,2000,75976.23,4975.00,USD\n"
        for i in range(50)
    )
    ctx = CONTEXTS["no prices"]
    verdicts = list(csv_verdicts(ctx, CsvChunk(header, 2, text)))
    assert [v.line for v in verdicts] == list(range(2, 52))
    assert {v.status for v in verdicts} == {"pass"}
    assert calls == []
    assert _pattern(header) is not None


def test_a_quote_anywhere_sends_the_chunk_to_the_general_reader() -> None:
    header = tuple(LOT_COLUMNS)
    text = (
        '"L-1",2024-03-01,C-1,gold,1.250kg,0.995,false,2000,75976.23,4975.00,USD\n'
        '"L-2\nsecond line",2024-03-01,C-1,gold,1kg,0.995,false,2000,1,1,USD\n'
    )
    ctx = CONTEXTS["no prices"]
    chunk = CsvChunk(header, 2, text)
    got = list(csv_verdicts(ctx, chunk))
    assert got == [verdict(ctx, raw) for raw in chunk.rows()]
    assert [(v.line, v.lot_id) for v in got] == [(2, "L-1"), (3, "L-2\nsecond line")]
