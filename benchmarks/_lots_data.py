"""Generated lot files for the lots benchmark: fixed seed, realistic mix of outcomes."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from fairmined.lots import CERTIFICATE_COLUMNS, LOT_COLUMNS, PRODUCTION_COLUMNS

CERTIFICATES = [
    # id, standard, metals, ecological, valid_from, valid_to, status, since
    ("FM-CO-001", "fairmined-2.0", "gold;silver", "true", "2022-01-01", "2026-12-31", "active", ""),
    ("FM-PE-002", "fairmined-2.0", "gold", "false", "2022-01-01", "2026-12-31", "active", ""),
    (
        "FT-BF-003",
        "fairtrade-gold-2013",
        "gold;silver",
        "false",
        "2022-01-01",
        "2026-12-31",
        "active",
        "",
    ),
    (
        "FM-BO-004",
        "fairmined-2.0",
        "gold",
        "false",
        "2022-01-01",
        "2025-06-30",
        "suspended",
        "2025-01-01",
    ),
]


def write_reference(folder: Path) -> tuple[Path, Path]:
    """The certificates and production files the lots refer to."""
    certs = folder / "certificates.csv"
    with certs.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(CERTIFICATE_COLUMNS)
        for cid, std, metals, eco, vf, vt, status, since in CERTIFICATES:
            w.writerow([cid, f"Holder of {cid}", std, metals, eco, vf, vt, status, since])
    prod = folder / "production.csv"
    with prod.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(PRODUCTION_COLUMNS)
        for cid, *_ in CERTIFICATES:
            for year in (2023, 2024, 2025):
                w.writerow([cid, f"{year}-01-01", f"{year}-12-31", "gold", "5000000kg"])
    return certs, prod


def write_lots(path: Path, n: int, seed: int = 20241128) -> None:
    """``n`` lot rows; about 3% fail a price check, 1% an unknown certificate."""
    rng = random.Random(seed)
    ids = [c[0] for c in CERTIFICATES]
    start = date(2023, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(LOT_COLUMNS)
        for i in range(n):
            grams = rng.randrange(50, 5000)
            fineness = rng.randrange(750, 1000)
            price = rng.randrange(180000, 260000)  # cents per troy ounce
            fine = grams * fineness / 1000  # float-ok: only sizes generated figures
            floor = 0.95 * price / 100 * fine / 31.1034768  # float-ok: as above
            premium = 4.0 * fine  # float-ok: USD 4,000 per kg of fine gold
            r = rng.random()
            paid = floor * (0.97 if r < 0.02 else 1.02)
            prem = premium * (0.9 if 0.02 <= r < 0.04 else 1.01)
            cid = "FM-XX-999" if r > 0.99 else rng.choice(ids)
            w.writerow(
                [
                    f"L-{i:07d}",
                    (start + timedelta(days=rng.randrange(0, 900))).isoformat(),
                    cid,
                    "gold",
                    f"{grams}g",
                    f"0.{fineness:03d}",
                    "false",
                    f"{price // 100}.{price % 100:02d}",
                    f"{paid:.2f}",
                    f"{prem:.2f}",
                    "USD",
                ]
            )
