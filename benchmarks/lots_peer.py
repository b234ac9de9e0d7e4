"""Run the hand-written DuckDB peer (lots_peer.sql) on a lots file: the benchmark's yardstick.

    python benchmarks/lots_peer.py LOTS CERTIFICATES PRODUCTION OUT [--threads N]

Writes OUT, a CSV of one verdict per lot (line, lot_id, status, checks,
premium_due_cents). Imports only DuckDB: it times what a buyer's own script costs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

SQL = Path(__file__).resolve().with_name("lots_peer.sql")


def run(lots: str, certificates: str, production: str, out: str, threads: int = 1) -> None:
    """Verify ``lots`` with the peer script, writing its verdicts to ``out``."""
    con = duckdb.connect(config={"threads": threads})
    for name, value in (
        ("lots", lots),
        ("certificates", certificates),
        ("production", production),
        ("out", out),
    ):
        con.execute(f"SET VARIABLE {name} = $value", {"value": value})
    con.execute(SQL.read_text(encoding="utf-8"))
    con.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("files", nargs=4, metavar="FILE")
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args(argv)
    run(*a.files, threads=a.threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
