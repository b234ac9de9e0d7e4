"""Generate a lots file of N rows with matching certificates and production (fixed seed).

    python benchmarks/gen_lots.py 100000 /tmp/lots-100k

writes lots.csv, certificates.csv and production.csv into the folder. About
9 lots in 10 pass; the rest underpay the premium, pay below the floor, name an
unknown certificate, or are malformed; a few certificates sell more than they
declared, so the mass balance has work to do. Figures are made up.
"""

from __future__ import annotations

import argparse
import csv
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from fairmined.lots import CERTIFICATE_COLUMNS, LOT_COLUMNS, PRODUCTION_COLUMNS

CERTS = 200
GRAMS_PER_OZT = Decimal("31.1034768")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("rows", type=int)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--seed", type=int, default=20240328)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    out: Path = args.folder
    out.mkdir(parents=True, exist_ok=True)
    ids = [f"FM-{i:04d}" for i in range(CERTS)]
    with (out / "certificates.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(CERTIFICATE_COLUMNS)
        for i, cid in enumerate(ids):
            suspended = i % 50 == 49
            w.writerow(
                [
                    cid,
                    f"Cooperative {i}",
                    "fairmined-2.0",
                    "gold;silver",
                    "true" if i % 3 == 0 else "false",
                    "2020-01-01",
                    "2030-12-31",
                    "suspended" if suspended else "active",
                    "2024-10-01" if suspended else "",
                ]
            )
    # Expected fine gold per certificate and half-year, about 2.4 kg a lot.
    per_period = Decimal(args.rows) / CERTS / 2 * 2400 * Decimal("0.95")
    with (out / "production.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(PRODUCTION_COLUMNS)
        for i, cid in enumerate(ids):
            for start, end in (("2024-01-01", "2024-06-30"), ("2024-07-01", "2024-12-31")):
                factor = Decimal("0.97") if i % 20 == 0 else Decimal("1.3")
                w.writerow([cid, start, end, "gold", f"{per_period * factor / 1000:.3f}kg"])
    day0 = date(2024, 1, 1)
    with (out / "lots.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(LOT_COLUMNS)
        for n in range(args.rows):
            cid = rnd.choice(ids)
            day = day0 + timedelta(days=rnd.randrange(366))
            gold = rnd.random() < 0.95
            grams = rnd.randrange(100, 5000)
            fineness, frac = rnd.choice(
                [("0.995", "0.995"), ("0.999", "0.999"), ("18k", "0.75"), ("999.9‰", "0.9999")]
            )
            cents = rnd.randrange(200_000, 240_000) if gold else rnd.randrange(2_200, 2_800)
            ref = Decimal(cents).scaleb(-2)
            fine = grams * Decimal(frac)
            value = ref * fine / GRAMS_PER_OZT
            eco = int(cid[3:]) % 3 == 0 and rnd.random() < 0.5
            if gold:
                premium = fine * (6 if eco else 4)  # USD 6,000 or 4,000 per kg
            else:
                premium = value * Decimal("0.15" if eco else "0.10")
            roll = rnd.random()  # float-ok: a probability, not an amount
            price_paid = value * Decimal("0.9" if roll < 0.02 else "1.01")
            short = Decimal("0.9" if 0.02 <= roll < 0.05 else "1")
            premium_paid = premium * short + Decimal("0.01")
            lot_id = f"LOT-{n:08d}" if rnd.random() > 0.001 else f"LOT-{max(n - 7, 0):08d}"
            row = [
                lot_id,
                day.isoformat(),
                cid if roll < 0.995 else "FM-UNKNOWN",
                "gold" if gold else "silver",
                f"{grams}g",
                fineness,
                "true" if eco else "false",
                f"{ref:.2f}",
                f"{price_paid:.2f}",
                f"{premium_paid:.2f}",
                "USD",
            ]
            if 0.05 <= roll < 0.052:
                row[5] = "1.5"  # malformed fineness
            w.writerow(row)


if __name__ == "__main__":
    main()
