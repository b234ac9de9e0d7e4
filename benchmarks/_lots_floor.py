"""A lower bound for the lots benchmark: the least pure-Python work a verifier must do.

``lots_vs_csv_baseline`` compares ``verify_lots()`` with reading the CSV and
parsing its decimals and dates. This module measures what lies between: a
verifier cut down to the work no correct, flat-memory verifier in pure Python
can skip, on the benchmark's generated file, which it knows in advance:

- read each row and parse its date and five amounts (the baseline's work);
- look the certificate up and check its validity and suspension dates;
- compute the fine mass, the floor price and the premium, each rounded once
  to cents, as :class:`fairmined.Quoter` does, and compare what was paid;
- keep memory flat while the whole file is read, because a lot's duplicate
  and mass-balance findings depend on rows after it: write each row's
  outcome to a spool file and its lot id to one of 64 bucket files, scan the
  buckets for duplicates, then read the spool back and build the result
  object the API yields (a ``LotResult`` with two ``Money``).

It leaves out, so it under-counts: checking that each cell is well formed
(it trusts the generated file), invalid rows and their messages, metal and
ecological scope, the schedule's effective dates, the standards' other
premium kinds, mass-balance entries, and the messages of failed checks.
The gap between this and the baseline is therefore a floor under any pure-
Python verifier's ratio, measured on the same machine in the same rounds.
"""

from __future__ import annotations

import csv
import os
import tempfile
import zlib
from collections.abc import Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal
from pathlib import Path

import _lots_data

from fairmined import Quoter
from fairmined.lots import LotResult
from fairmined.model import Money

_CONTEXT = Context(prec=60)
_CENT = Decimal("0.01")
_OZT = Decimal("31.1034768")
_KG = Decimal(1000)


def _certificates() -> dict[str, tuple[date, date, date | None, Decimal, Decimal]]:
    """Certificate id: (valid from, valid to, suspended since, floor fraction, USD per kg)."""
    out = {}
    for cid, std, _metals, _eco, vf, vt, _status, since in _lots_data.CERTIFICATES:
        row, floor, premium = Quoter(std, "gold").rules(date.fromisoformat(vf))
        assert floor.kind == "fraction_of_reference" and premium.kind == "per_kg_fine", row
        out[cid] = (
            date.fromisoformat(vf),
            date.fromisoformat(vt),
            date.fromisoformat(since) if since else None,
            floor.value,
            premium.value,
        )
    return out


def verify(lots: Path) -> Iterator[LotResult]:
    """The cut-down verifier: one ``LotResult`` per row, in input order."""
    certs = _certificates()
    fromiso = date.fromisoformat
    mul, div, quantize = _CONTEXT.multiply, _CONTEXT.divide, Decimal.quantize
    with tempfile.TemporaryDirectory(prefix="fairmined-floor-") as tmp:
        spool_path = os.path.join(tmp, "spool")
        bucket_paths = [os.path.join(tmp, f"ids-{i}") for i in range(64)]
        buckets = [open(p, "w", encoding="ascii") for p in bucket_paths]  # noqa: SIM115
        with (
            open(spool_path, "w", encoding="ascii") as spool,
            lots.open(newline="", encoding="utf-8") as fh,
        ):
            rows = csv.reader(fh)
            next(rows)
            for line, row in enumerate(rows, start=2):
                lot_id = row[0]
                day = fromiso(row[1])
                grams = Decimal(row[4].rstrip("g"))
                ref = Decimal(row[7])
                paid = Decimal(row[8])
                premium_paid = Decimal(row[9])
                cert = certs.get(row[2])
                fine = mul(grams, Decimal(row[5]))
                ok = False
                due = None
                if cert is not None:
                    start, end, since, fraction, per_kg = cert
                    floor = quantize(
                        div(mul(mul(fraction, ref), fine), _OZT), _CENT, ROUND_HALF_UP, _CONTEXT
                    )
                    due = quantize(div(mul(per_kg, fine), _KG), _CENT, ROUND_HALF_UP, _CONTEXT)
                    ok = (
                        start <= day <= end
                        and (since is None or day < since)
                        and paid >= floor
                        and premium_paid >= due
                    )
                spool.write(
                    f"{line}\t{lot_id}\t{'pass' if ok else 'fail'}\t{due}\t{premium_paid}\n"
                )
                buckets[zlib.crc32(lot_id.encode()) % 64].write(f"{line}\t{lot_id}\n")
        for b in buckets:
            b.close()
        duplicate: set[str] = set()
        for path in bucket_paths:
            first: dict[str, str] = {}
            with open(path, encoding="ascii") as fh:
                for text in fh:
                    line_text, _, id_text = text.partition("\t")
                    if first.setdefault(id_text, line_text) is not line_text:
                        duplicate.add(line_text)
        with open(spool_path, encoding="ascii") as fh:
            for text in fh:
                line_text, lot_id, status, due_text, paid_text = text.split("\t")
                yield LotResult(
                    int(line_text),
                    lot_id,
                    "fail" if line_text in duplicate else status,  # type: ignore[arg-type]
                    (),
                    None if due_text == "None" else Money._trusted(Decimal(due_text), "USD"),
                    Money._trusted(Decimal(paid_text), "USD"),
                )


def run(lots: Path) -> int:
    """Rows verified (the benchmark times this)."""
    n = 0
    for _ in verify(lots):
        n += 1
    return n
