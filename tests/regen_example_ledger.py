"""Regenerate examples/lots/ledger.duckdb: python tests/regen_example_ledger.py

The ledger that ``fairmined ledger``'s help shows: the example lots recorded
once by ``verify-lots --ledger``. Small blocks and an older storage version
keep the file small and readable by every DuckDB the package allows.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import duckdb

from fairmined.lots import verify_lots

ROOT = Path(__file__).resolve().parent.parent
LEDGER = "examples/lots/ledger.duckdb"


def main() -> None:
    path = ROOT / LEDGER
    path.unlink(missing_ok=True)
    Path(f"{path}.wal").unlink(missing_ok=True)
    con = duckdb.connect()
    con.execute("ATTACH ? AS ledger (BLOCK_SIZE 16384, STORAGE_VERSION 'v1.2.0')", [str(path)])
    con.close()
    with contextlib.chdir(ROOT):
        list(
            verify_lots(
                "examples/lots/lots.csv",
                certificates="examples/lots/certificates.csv",
                production="examples/lots/production.csv",
                ledger=LEDGER,
            )
        )


if __name__ == "__main__":
    main()
