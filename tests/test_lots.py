"""Buyer lot verification through the Python API: accounting, premiums, order, jobs."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from fairmined.errors import FileProblems, InputError
from fairmined.lots import (
    CHECKS,
    LotSummary,
    duplicate_findings,
    verify_lots,
)
from fairmined.pricing import quote
from fairmined.standards import load_standard
from strategies import LOTS_CERTIFICATES, LOTS_PRODUCTION, LOTS_ROW, lot_tables

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "lots"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(rows, **kw):
    return list(verify_lots(rows, certificates=LOTS_CERTIFICATES, production=LOTS_PRODUCTION, **kw))


@SETTINGS
@given(lot_tables())
def test_every_row_once_in_order(rows):
    """Every input row gives exactly one result, in input order, numbered by line."""
    results = run(rows, first_line=2)
    assert [r.line for r in results] == list(range(2, len(rows) + 2))
    for r in results:
        assert r.status in {"pass", "fail", "invalid"}
        assert all(f.check in CHECKS for f in r.findings)
        assert (r.status == "fail") == bool(r.findings)
        assert (r.status == "invalid") == (r.reason is not None)


@SETTINGS
@given(lot_tables())
def test_total_premium_due_is_sum_of_quotes(rows):
    """The summary's premium due is the sum of quote() premiums of the priced lots."""
    results = run(rows)
    summary = LotSummary()
    expected = Decimal(0)
    certs = {c["certificate_id"]: c for c in LOTS_CERTIFICATES}
    for row, r in zip(rows, results, strict=True):
        summary.add(r)
        if r.premium_due is None:
            continue
        cert = certs[row["certificate_id"]]
        from fairmined.pricing import parse_iso_date

        q = quote(
            load_standard(cert["standard"]),
            row["metal"],
            row["gross_mass"],
            row["fineness"],
            reference_price=row["reference_price"],
            sale_date=parse_iso_date(row["sale_date"]),
            ecological=row["ecological"] == "true",
        )
        assert r.premium_due == q.premium
        expected += q.premium.amount
    assert summary.premium_due == expected


def _verdicts(results, rows):
    return {
        rows[i]["lot_id"]: (r.status, tuple(sorted(r.checks)), r.premium_due)
        for i, r in enumerate(results)
    }


@SETTINGS
@given(lot_tables(unique_ids=True), st_seed := __import__("hypothesis").strategies.integers())
def test_shuffling_changes_no_verdict_but_mass_balance(rows, seed):
    """Shuffled rows get the same verdicts; only mass balance may move between lots
    sold on the same day (ties keep input order), as documented."""
    shuffled = rows[:]
    random.Random(seed).shuffle(shuffled)
    a = _verdicts(run(rows), rows)
    b = _verdicts(run(shuffled), shuffled)
    assert a.keys() == b.keys()
    for key in a:
        sa, ca, da = a[key]
        sb, cb, db = b[key]
        assert da == db
        assert [c for c in ca if c != "mass_balance_exceeded"] == [
            c for c in cb if c != "mass_balance_exceeded"
        ]
        if sa == "invalid":
            assert sb == "invalid"
    same_day = {}
    for row in rows:
        same_day.setdefault((row["certificate_id"], row["sale_date"]), []).append(row)
    if all(len(v) == 1 for v in same_day.values()):
        assert a == b


def test_jobs_give_identical_results():
    """--jobs 2 gives the same results, in the same order, as --jobs 1."""
    rng = random.Random(7)
    rows = [
        {
            **LOTS_ROW,
            "lot_id": f"L-{i % 150}",
            "sale_date": f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            "gross_mass": f"{rng.randint(50, 900)}g",
            "premium_paid": str(rng.randint(0, 4000)),
        }
        for i in range(5000)
    ]
    one = run(rows, jobs=1)
    two = run(rows, jobs=2)
    assert one == two
    assert any(r.checks for r in one)


def test_mass_balance_in_sale_date_order():
    """The lot that crosses the declared production and every later one are flagged."""
    rows = [
        {**LOTS_ROW, "lot_id": "late", "sale_date": "2024-05-01"},
        {**LOTS_ROW, "lot_id": "early", "sale_date": "2024-01-10"},
        {**LOTS_ROW, "lot_id": "mid", "sale_date": "2024-03-01"},
        {**LOTS_ROW, "lot_id": "mid2", "sale_date": "2024-03-01"},
        {**LOTS_ROW, "lot_id": "other-period", "sale_date": "2024-08-01"},
    ]
    # 995 g each against 3 kg: early, mid, mid2 reach 2,985 g; late crosses at 3,980 g.
    results = {r.lot_id: r for r in run(rows)}
    assert results["late"].checks == ("mass_balance_exceeded",)
    assert "980.000 g over" in results["late"].findings[0].message
    assert all(results[k].status == "pass" for k in ("early", "mid", "mid2", "other-period"))
    rows.append({**LOTS_ROW, "lot_id": "tie", "sale_date": "2024-03-01"})
    results = {r.lot_id: r for r in run(rows)}
    assert results["tie"].checks == ("mass_balance_exceeded",)  # crosses: ties in input order
    assert results["late"].checks == ("mass_balance_exceeded",)
    assert "1,975.000 g over" in results["late"].findings[0].message


def test_duplicates_name_the_first_line():
    """A lot id seen earlier is a duplicate naming the earlier line."""
    found = duplicate_findings([(2, "A"), (3, "B"), (4, "A"), (5, "A")])
    assert sorted(found) == [4, 5]
    assert found[5].message == "lot id A already appears on line 2"


def test_pandas_style_records_with_floats():
    """Mappings work; a float cell makes the row invalid, NaN counts as empty."""
    rows = [
        dict(LOTS_ROW),
        {**LOTS_ROW, "lot_id": "f", "price_paid": 68000.5},
        {**LOTS_ROW, "lot_id": "n", "premium_paid": float("nan")},
    ]
    results = run(rows, first_line=2)
    assert results[0].status == "pass"
    assert results[1].status == "invalid" and "price_paid" in results[1].reason
    assert results[2].status == "invalid" and "premium_paid is empty" in results[2].reason


def test_reference_files_report_every_problem(tmp_path):
    """A bad certificates file stops the run with every bad row listed."""
    bad = tmp_path / "c.csv"
    bad.write_text(
        (EXAMPLE / "certificates.csv").read_text(encoding="utf-8")
        + "X,h,no-such-standard,gold,true,2024-01-01,,active,\n"
        + "Y,h,fairmined-2.0,tin,true,2024-02-30,,paused,\n",
        encoding="utf-8",
    )
    with pytest.raises(FileProblems) as info:
        verify_lots(EXAMPLE / "lots.csv", certificates=bad)
    assert len(info.value.problems) == 2
    assert ":5: standard:" in info.value.lines()[0]


def test_missing_columns_and_files_stop_the_run(tmp_path):
    """Missing columns or files raise InputError before any result."""
    lots = tmp_path / "lots.csv"
    lots.write_text("lot_id,sale_date\nA,2024-01-01\n", encoding="utf-8")
    with pytest.raises(InputError, match="lacks columns"):
        verify_lots(lots, certificates=EXAMPLE / "certificates.csv")
    with pytest.raises(InputError, match="cannot read"):
        verify_lots(tmp_path / "nope.csv", certificates=EXAMPLE / "certificates.csv")
    with pytest.raises(InputError):
        verify_lots([], certificates=EXAMPLE / "certificates.csv", jobs=0)


def test_prices_file_fills_empty_reference_price():
    """With a price file, an empty reference_price is looked up for the sale date."""
    rows = [{**LOTS_ROW, "reference_price": "", "sale_date": "2024-03-29"}]
    [r] = run(rows, prices=ROOT / "examples" / "prices-illustrative.csv")
    assert r.status == "pass", r
    [r] = run(rows)
    assert r.status == "invalid" and "--prices" in r.reason


def test_stale_price_makes_the_lot_invalid():
    """A price more than max_price_age days before the sale: invalid, naming its date and age."""
    rows = [{**LOTS_ROW, "reference_price": "", "sale_date": "2024-04-12"}]
    prices = ROOT / "examples" / "prices-illustrative.csv"
    [r] = run(rows, prices=prices)  # the last gold price is of 2024-04-02
    assert r.status == "invalid", r
    assert "2024-04-02" in r.reason and "10 days old" in r.reason and "line 1" in r.reason
    for ok in (10, None):
        [r] = run(rows, prices=prices, max_price_age=ok)
        assert r.status != "invalid", r
    with pytest.raises(TypeError, match="max_price_age"):
        run(rows, prices=prices, max_price_age="7")


def test_jsonl_input(tmp_path):
    """JSON Lines rows are read like CSV rows; a line that is no object is invalid."""
    import json

    path = tmp_path / "lots.jsonl"
    path.write_text(
        json.dumps(LOTS_ROW)
        + "\n\n[1]\n"
        + json.dumps({**LOTS_ROW, "lot_id": "L-2", "price_paid": 68000.00})
        + "\n",
        encoding="utf-8",
    )
    results = list(verify_lots(path, certificates=LOTS_CERTIFICATES))
    assert [(r.line, r.status) for r in results] == [(1, "pass"), (3, "invalid"), (4, "pass")]


def test_jsonl_duplicate_key_makes_the_line_invalid(tmp_path):
    """A key given twice in a JSON line (or twice after case folding): that line is invalid."""
    import json

    good = json.dumps(LOTS_ROW)
    twice = good[:-1] + ', "premium_paid": "0.00"}'
    folded = good[:-1] + ', "Premium_Paid": "0.00"}'
    path = tmp_path / "lots.jsonl"
    path.write_text("\n".join([good, twice, folded, good.replace("L-1", "L-2")]) + "\n")
    results = list(verify_lots(path, certificates=LOTS_CERTIFICATES))
    assert [r.line for r in results] == [1, 2, 3, 4]
    assert [r.status for r in results] == ["pass", "invalid", "invalid", "pass"]
    assert "premium_paid" in results[1].reason and "more than once" in results[1].reason
    assert "line 3" in results[2].reason and "more than once" in results[2].reason


def test_messy_csv_in_many_chunks_equals_the_reference(tmp_path, monkeypatch):
    """Quoted line breaks, NULs, blank lines, CRs, bad rows, small chunks: as the reference."""
    from fairmined.lots import _engine
    from lots_reference import reference_results

    monkeypatch.setattr(_engine, "CHUNK_CHARS", 500)
    src = (EXAMPLE / "lots.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    header, body = src[0], src[1:]
    odd = [
        '"L-quoted\nline break",2024-03-01,FM-CO-001,gold,1250g,0.995,false,2000,1,1,USD\r\n',
        "L-nul\x00,2024-03-01\n",
        "too,few,cells\n",
        "\n",
        '"L-tab\tid",2024-03-01,FM-CO-001,gold,1250g,0.995,false,2000,1,1,USD\n',
        '"L-""q""",2024-03-01,FM-CO-001,gold,1250g,0.995,false,2000,1,1,USD\n',
        "L-é,2024-03-01,FM-CO-001,gold,1250g,0.995,false,2000,1,1,USD\n",
        "L-cr,2024-03-01,FM-CO-001,gold,1250g,0.995,false,2000,1,1,USD\r",
        'L-mid"quote,2024-03-01,FM-CO-001,gold,1250g,0.995,false,2000,1,1,USD\n',
        '"L-multi\n\n\nlines",2024-03-01,FM-CO-001,gold,1250g,0.995,false,2000,1,1,USD\n',
        "  \n",
        "L-crlf,2024-03-01,FM-CO-001,gold,1250g,0.995,false,2000,1,1,USD\r\n",
        'L-open,"unterminated\n',
    ]
    lines = [header]
    for i in range(15):
        lines.extend(body)
        lines.append(odd[i % len(odd)])
    path = tmp_path / "messy.csv"
    path.write_text("".join(lines), encoding="utf-8", newline="")

    def results(jobs: int) -> list[object]:
        return list(verify_lots(path, certificates=EXAMPLE / "certificates.csv", jobs=jobs))

    one = results(1)
    assert one == results(2)
    assert one == reference_results(path, certificates=EXAMPLE / "certificates.csv")
    assert any(r.status == "invalid" for r in one)
    assert any(r.checks for r in one)


def test_sixty_digit_masses_equal_the_reference():
    """Fine masses beyond SQL's units: mass balance by the Python reduction, same results."""
    from lots_reference import reference_results

    rows = [
        {
            **LOTS_ROW,
            "lot_id": f"k{i}",
            "gross_mass": f"99999.{'5' * 20}{'3' * i}ozt",
            "fineness": f"7.{'1' * 25}k",
            "price_paid": "9" * 20,
            "premium_paid": "9" * 20,
        }
        for i in range(1, 6)
    ]
    one = run(rows)
    assert one == run(rows, jobs=2)
    assert one == reference_results(
        rows, certificates=LOTS_CERTIFICATES, production=LOTS_PRODUCTION
    )
    assert any("mass_balance_exceeded" in r.checks for r in one)


def test_jobs_keep_every_row_around_a_byte_that_is_not_utf8(tmp_path):
    """A stray byte makes its row invalid with jobs=2 too; it used to stop the whole run."""
    body = (EXAMPLE / "lots.csv").read_bytes().split(b"\n")
    body.insert(3, b"L-bad\xff,2024-03-01,FM-CO-001,gold,1250g,0.995,false,2000,1,1,USD")
    path = tmp_path / "bad-byte.csv"
    path.write_bytes(b"\n".join(body))

    def results(jobs: int) -> list[object]:
        return list(verify_lots(path, certificates=EXAMPLE / "certificates.csv", jobs=jobs))

    one = results(1)
    assert one == results(2)
    assert (one[2].line, one[2].status, one[2].reason) == (
        4,
        "invalid",
        "line 4: lot_id: not UTF-8 text (byte 0xFF)",
    )
    assert len(one) == len([b for b in body[1:] if b.strip()])


def test_header_with_40000_columns_is_checked_in_seconds(tmp_path):
    """A duplicate among 40,000 header columns is found fast (was quadratic: 39 s)."""
    import time

    lots = tmp_path / "lots.csv"
    names = [*LOTS_ROW, *(f"x{i}" for i in range(40_000)), "x7"]
    lots.write_text(",".join(names) + "\n", encoding="utf-8")
    t0 = time.monotonic()
    with pytest.raises(InputError, match="column x7 appears more than once"):
        verify_lots(lots, certificates=LOTS_CERTIFICATES)
    assert time.monotonic() - t0 < 10  # about 0.2 s; the quadratic check took 24 s here


def test_20000_production_periods_are_checked_in_seconds():
    """Overlaps among 20,000 production periods are found fast (was quadratic: 26 s)."""
    import time
    from datetime import date, timedelta

    day0 = date(1990, 1, 1)
    rows = [
        {
            "certificate_id": "C-1",
            "period_start": (d := day0 + timedelta(days=i)).isoformat(),
            "period_end": d.isoformat(),
            "metal": "gold",
            "fine_mass": "1kg",
        }
        for i in range(20_000)
    ]
    rows.reverse()  # not in date order: the check must not rely on it
    rows.append({**rows[5], "period_start": "1989-12-01"})  # overlaps 1990-01-01..(day 5)
    t0 = time.monotonic()
    with pytest.raises(FileProblems, match="overlaps the gold period of line") as e:
        verify_lots([], certificates=LOTS_CERTIFICATES, production=rows)
    assert time.monotonic() - t0 < 4  # about 0.3 s; the quadratic check took 9 s here
    assert len(e.value.problems) == 1, e.value
