"""The benchmark's hand-written DuckDB peer (benchmarks/lots_peer.sql) agrees with verify_lots.

`lots_vs_duckdb_peer` only means something if both give every lot the same
verdict. No timing is asserted here.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
EX = Path(__file__).resolve().parents[1] / "examples" / "lots"
sys.path.insert(0, str(BENCH))

import _lots_data  # noqa: E402
import lots_peer  # noqa: E402

from fairmined.lots import verify_lots  # noqa: E402


def peer_verdicts(lots: Path, certs: Path, prod: Path, out: Path, threads: int = 1) -> list[tuple]:
    lots_peer.run(str(lots), str(certs), str(prod), str(out), threads=threads)
    with out.open(newline="", encoding="utf-8") as fh:
        return [
            (
                int(r["line"]),
                r["status"],
                tuple(r["checks"].split(";")) if r["checks"] else (),
                int(r["premium_due_cents"]) if r["premium_due_cents"] else None,
            )
            for r in csv.DictReader(fh)
        ]


def our_verdicts(lots: Path, certs: Path, prod: Path) -> list[tuple]:
    return [
        (
            r.line,
            r.status,
            r.checks,
            None if r.premium_due is None else int(r.premium_due.amount.scaleb(2)),
        )
        for r in verify_lots(lots, certificates=certs, production=prod)
    ]


def test_peer_agrees_on_the_example_files(tmp_path: Path) -> None:
    """Every check of the example (each finding, bad rows, duplicates, mass balance) agrees."""
    args = (EX / "lots.csv", EX / "certificates.csv", EX / "production.csv")
    want = our_verdicts(*args)
    assert {s for _, s, _, _ in want} == {"pass", "fail", "invalid"}
    assert peer_verdicts(*args, tmp_path / "peer.csv") == want


@pytest.mark.parametrize("threads", [1, 2])
def test_peer_agrees_on_the_benchmark_file(tmp_path: Path, threads: int) -> None:
    """On the benchmark's generated lots, the peer's verdicts and premiums due are ours."""
    certs, prod = _lots_data.write_reference(tmp_path)
    lots = tmp_path / "lots.csv"
    _lots_data.write_lots(lots, 3000)
    want = our_verdicts(lots, certs, prod)
    assert {s for _, s, _, _ in want} == {"pass", "fail"}
    assert peer_verdicts(lots, certs, prod, tmp_path / "peer.csv", threads) == want
