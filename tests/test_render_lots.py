"""render_lots: each lot's text and the summary, rendered where the lot is checked.

The contract is that of verify_lots followed by the renderer and
LotSummary.add, row by row in input order: whatever the chunks, the workers,
the whole-file findings or the rounding of sixty-digit totals.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fairmined.lots import LotResult, LotSummary, _engine, render_lots, verify_lots
from fairmined.report import lot_csv_text, lot_json_text
from strategies import LOTS_CERTIFICATES, LOTS_PRODUCTION, LOTS_ROW, lot_results, lot_tables

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "lots"
RENDERERS = [lot_json_text, lot_csv_text]


def expected(
    lots: object, render: Callable[[LotResult], str], **kw: object
) -> tuple[list[str], LotSummary]:
    """What render_lots must give: verify_lots, then render and add each result in order."""
    summary = LotSummary()
    texts = []
    for r in verify_lots(lots, **kw):  # type: ignore[arg-type]
        summary.add(r)
        texts.append(render(r) + "\n")
    return texts, summary


def rendered(
    lots: object, render: Callable[[LotResult], str], **kw: object
) -> tuple[list[str], LotSummary]:
    summary = LotSummary()
    texts = list(render_lots(lots, render, summary=summary, **kw))  # type: ignore[arg-type]
    return texts, summary


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lot_tables(), st.sampled_from(RENDERERS), st.integers(1, 4))
def test_texts_and_summary_are_those_of_verify_lots(rows, render, chunk_rows):
    """Duplicates, mass balance and invalid rows included, in chunks of any size."""
    kw = {"certificates": LOTS_CERTIFICATES, "production": LOTS_PRODUCTION}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_engine, "CHUNK_ROWS", chunk_rows)
        assert rendered(rows, render, **kw) == expected(rows, render, **kw)


def messy_csv(tmp_path: Path) -> Path:
    """The example lots with odd rows between them: line breaks in cells, bad bytes, duplicates."""
    body = (EXAMPLE / "lots.csv").read_bytes().splitlines(keepends=True)
    header, rows = body[0], body[1:]
    odd = [
        b'"L-quoted\nline break",2024-03-01,FM-CO-001,gold,1250g,0.995,false,2000,1,1,USD\r\n',
        b"L-bad\xff,2024-03-01,FM-CO-001,gold,1250g,0.995,false,2000,1,1,USD\n",
        b"too,few,cells\n",
        b'"=L-formula",2024-03-01,FM-CO-001,gold,1250g,0.995,false,2000,1,1,USD\n',
        b"L-\xc3\xa9,2024-03-01,FM-CO-001,gold,1250g,0.995,false,2000,1,1,USD\n",
        b'L-open,"unterminated\n',
    ]
    out = [header]
    for i in range(12):
        out.extend(rows)  # every copy after the first repeats the lot ids
        out.append(odd[i % len(odd)])
    path = tmp_path / "messy.csv"
    path.write_bytes(b"".join(out))
    return path


@pytest.mark.parametrize("render", RENDERERS)
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_messy_file_in_small_chunks(tmp_path, monkeypatch, render, jobs):
    """Workers render what one process renders; a text with a line break is rendered again."""
    monkeypatch.setattr(_engine, "TASK_CHARS", (400, 400))
    path = messy_csv(tmp_path)
    kw = {
        "certificates": EXAMPLE / "certificates.csv",
        "production": EXAMPLE / "production.csv",
        "jobs": jobs,
    }
    texts, summary = rendered(path, render, **kw)
    assert (texts, summary) == expected(path, render, **{**kw, "jobs": 1})
    assert summary.by_status["invalid"] > 0
    assert summary.by_check["duplicate_lot"] > 0
    assert any("\n" in t[:-1] for t in texts) == (render is lot_csv_text)


@pytest.mark.parametrize("chunk_rows", [1, 3])
def test_summary_totals_that_round_are_added_row_by_row(monkeypatch, chunk_rows):
    """Totals that rounded, in a chunk or adding chunks, are redone row by row in order.

    Real amounts are capped at 30 digits, so their totals cannot round at 60
    digits; the engine here adds in a 6-digit context instead. One row per
    chunk rounds only where chunks are added; three round within a chunk.
    """
    from decimal import Context

    monkeypatch.setattr(_engine, "CHUNK_ROWS", chunk_rows)
    monkeypatch.setattr(_engine, "CONTEXT", Context(prec=6))
    rows = [{**LOTS_ROW, "lot_id": f"L-{i}", "premium_paid": f"3980.0{i}"} for i in range(7)]
    kw = {"certificates": LOTS_CERTIFICATES}
    texts, summary = rendered(rows, lot_json_text, **kw)
    assert (texts, summary) == expected(rows, lot_json_text, **kw)
    assert summary.premium_paid == Decimal("27860.21")  # seven digits: not rounded


@given(st.lists(lot_results(), max_size=12), st.integers(0, 12))
def test_merged_parts_count_what_one_summary_counts(rs, cut):
    whole, first, second = LotSummary(), LotSummary(), LotSummary()
    for r in rs:
        whole.add(r)
    for r in rs[:cut]:
        first.add(r)
    for r in rs[cut:]:
        second.add(r)
    first.merge(second)
    assert first == whole


def test_recount_moves_a_row_to_its_new_status_and_checks():
    from fairmined.lots import Finding
    from fairmined.model import Money

    usd = Money(Decimal("10.00"), "USD")
    before = LotResult(7, "L-7", "pass", (), usd, usd)
    after = LotResult(7, "L-7", "fail", (Finding("duplicate_lot", "seen on line 2"),), usd, usd)
    s = LotSummary()
    s.add(before)
    s.recount(before, after)
    fresh = LotSummary()
    fresh.add(after)
    assert s == fresh
    with pytest.raises(ValueError, match="before and after"):
        s.recount(before, LotResult(7, "L-7", "fail", (), None, usd))
