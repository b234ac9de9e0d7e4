"""render_lots: every lot's text in input order, and the summary.

The contract is that of verify_lots followed by the renderer and
LotSummary.add, row by row in input order: whatever the chunks, the threads,
the whole-file findings or the size of the totals. Texts come in blocks of
many lines, so they are compared joined.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fairmined.lots import LotResult, LotSummary, _engine, render_lots, verify_lots
from fairmined.model._quantities import CONTEXT
from fairmined.report import lot_csv_text, lot_json_text
from strategies import LOTS_CERTIFICATES, LOTS_PRODUCTION, LOTS_ROW, lot_results, lot_tables

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "lots"
RENDERERS = [lot_json_text, lot_csv_text]


def expected(
    lots: object, render: Callable[[LotResult], str], **kw: object
) -> tuple[str, LotSummary]:
    """What render_lots must give: verify_lots, then render and add each result in order."""
    summary = LotSummary()
    texts = []
    for r in verify_lots(lots, **kw):  # type: ignore[arg-type]
        summary.add(r)
        texts.append(render(r) + "\n")
    return "".join(texts), summary


def rendered(
    lots: object, render: Callable[[LotResult], str], **kw: object
) -> tuple[str, LotSummary]:
    summary = LotSummary()
    texts = "".join(render_lots(lots, render, summary=summary, **kw))  # type: ignore[arg-type]
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
    """Small chunks and two threads render what the row-by-row iterator gives."""
    monkeypatch.setattr(_engine, "CHUNK_CHARS", 400)
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
    assert texts.count("\n") >= summary.rows


def test_summary_totals_are_exact_beyond_sixty_digits():
    """Totals are added in whole cents: thirty-digit amounts add up with nothing rounded."""
    rows = [
        {
            **LOTS_ROW,
            "lot_id": f"L-{i}",
            "price_paid": "9" * 28,
            "premium_paid": "9" * 27 + f".{i}9",
        }
        for i in range(7)
    ]
    kw = {"certificates": LOTS_CERTIFICATES}
    texts, summary = rendered(rows, lot_json_text, **kw)
    assert (texts, summary) == expected(rows, lot_json_text, **kw)
    exact = Decimal(0)
    for r in rows:
        exact = CONTEXT.add(exact, Decimal(r["premium_paid"]))
    assert summary.premium_paid == exact == Decimal("6999999999999999999999999995.73")


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
