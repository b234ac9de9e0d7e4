"""Verifying a whole lots file in flat memory, on one process or several.

How it runs:

1. **First pass, streamed.** Rows are read in chunks and each chunk goes
   through :func:`~fairmined.lots._check.check_row` (in this process, or in
   ``jobs`` worker processes, results taken back in input order). The parent
   writes each partial result to a spool file on disk, each lot id to one of
   :data:`BUCKETS` bucket files (by a hash of the id), and each mass-balance
   entry to a third spool, while it keeps one running total of fine mass per
   declared production period.
2. **Resolution.** Duplicates are found one bucket at a time (a lot id always
   lands in the same bucket), so memory holds one bucket, not every id.
   The mass balance compares each period's total with its declared
   production; only the periods that exceed it are read back from the spool
   and sorted by (sale date, line): ties on one sale date keep input order.
   The lot that crosses the declared production and every later lot of that
   period are flagged, each with its excess.
3. **Second pass.** The spool is read back in input order, the findings of
   step 2 are added, and results are yielded one by one.

Memory therefore holds one chunk per worker, one total per production
period, one bucket of lot ids, the entries of the periods that exceed their
production, and the findings of step 2; not the file.
"""

from __future__ import annotations

import json
import os
import tempfile
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import IO

from fairmined.errors import InputError
from fairmined.lots._check import check_row, grams
from fairmined.lots._context import LotContext
from fairmined.lots._inputs import LOT_COLUMNS, RawRow, iter_mappings, iter_rows
from fairmined.lots._records import Certificate, Finding, LotResult
from fairmined.model import Money
from fairmined.model._quantities import CONTEXT
from fairmined.pricing import PriceTable

__all__ = ["BUCKETS", "duplicate_findings", "mass_balance_findings", "verify_lots"]

#: How many bucket files lot ids are spread over for the duplicate check.
BUCKETS = 64
CHUNK_ROWS = 2000

# A checked row as the workers send it back: spool text, line, lot id, mass entry.
_Row = tuple[str, int, str | None, tuple[int, int, int, str] | None]

_worker_ctx: LotContext | None = None


def _init_worker(ctx: LotContext) -> None:
    global _worker_ctx  # noqa: PLW0603
    _worker_ctx = ctx


def _check_chunk_in_worker(rows: list[RawRow]) -> list[_Row]:
    assert _worker_ctx is not None
    return _check_chunk(_worker_ctx, rows)


def _check_chunk(ctx: LotContext, rows: list[RawRow]) -> list[_Row]:
    out: list[_Row] = []
    for raw in rows:
        checked = check_row(ctx, raw)
        r = checked.result
        m = checked.mass
        out.append(
            (
                _dump(r),
                r.line,
                r.lot_id,
                None if m is None else (m.period, m.sale_ordinal, m.line, format(m.fine_g, "f")),
            )
        )
    return out


def _dump(r: LotResult) -> str:
    return json.dumps(
        [
            r.line,
            r.lot_id,
            r.status,
            [[f.check, f.message] for f in r.findings],
            None if r.premium_due is None else format(r.premium_due.amount, "f"),
            None if r.premium_paid is None else format(r.premium_paid.amount, "f"),
            r.reason,
        ]
    )


def _load(text: str, extra: dict[int, list[Finding]]) -> LotResult:
    line, lot_id, status, findings, due, paid, reason = json.loads(text)
    found = tuple(Finding(c, m) for c, m in findings) + tuple(extra.pop(line, ()))
    if status != "invalid":
        status = "fail" if found else "pass"
    return LotResult(
        line,
        lot_id,
        status,
        found if status != "invalid" else (),
        None if due is None else Money(Decimal(due), "USD"),
        None if paid is None else Money(Decimal(paid), "USD"),
        reason,
    )


def _chunks(rows: Iterable[RawRow], size: int) -> Iterator[list[RawRow]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def _checked_rows(ctx: LotContext, rows: Iterable[RawRow], jobs: int) -> Iterator[_Row]:
    """Checked rows in input order; with ``jobs > 1`` chunks run in worker processes."""
    if jobs <= 1:
        for chunk in _chunks(rows, CHUNK_ROWS):
            yield from _check_chunk(ctx, chunk)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(ctx,)) as pool:
        pending: deque[Future[list[_Row]]] = deque()
        for chunk in _chunks(rows, CHUNK_ROWS):
            pending.append(pool.submit(_check_chunk_in_worker, chunk))
            if len(pending) >= 3 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def duplicate_findings(pairs: Iterable[tuple[int, str]]) -> dict[int, Finding]:
    """``duplicate_lot`` findings from (line, lot id) pairs given in input order."""
    first: dict[str, int] = {}
    out: dict[int, Finding] = {}
    for line, lot_id in pairs:
        seen = first.setdefault(lot_id, line)
        if seen != line:
            out[line] = Finding("duplicate_lot", f"lot id {lot_id} already appears on line {seen}")
    return out


def mass_balance_findings(
    ctx: LotContext, entries: Iterable[tuple[int, int, int, Decimal]]
) -> dict[int, Finding]:
    """``mass_balance_exceeded`` findings from (period, sale ordinal, line, fine grams) entries.

    This is the whole mass balance on entries that fit in memory; the streamed
    run calls it only with the entries of periods whose total exceeds the
    declared production.
    """
    by_period: dict[int, list[tuple[int, int, Decimal]]] = {}
    for period, ordinal, line, fine_g in entries:
        by_period.setdefault(period, []).append((ordinal, line, fine_g))
    out: dict[int, Finding] = {}
    for period, items in by_period.items():
        p = ctx.production[period]
        items.sort(key=lambda t: (t[0], t[1]))
        total = Decimal(0)
        for _ordinal, line, fine_g in items:
            total = CONTEXT.add(total, fine_g)
            if total > p.fine_mass_g:
                excess = CONTEXT.subtract(total, p.fine_mass_g)
                out[line] = Finding(
                    "mass_balance_exceeded",
                    f"certified {p.metal.value} sold under certificate {p.certificate_id} "
                    f"from {p.period_start.isoformat()} to {p.period_end.isoformat()} reaches "
                    f"{grams(total)} of fine metal with this lot (in sale-date order), "
                    f"{grams(excess)} over the {grams(p.fine_mass_g)} declared produced "
                    f"(production file line {p.line})",
                )
    return out


LotsSource = str | Path | Iterable[Mapping[str, object]]


def verify_lots(
    lots: LotsSource,
    *,
    certificates: str | Path | Iterable[Mapping[str, object]] | Mapping[str, Certificate],
    production: str | Path | Iterable[Mapping[str, object]] | None = None,
    prices: str | Path | PriceTable | None = None,
    jobs: int = 1,
    first_line: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Iterator[LotResult]:
    """Verify every lot; yield one :class:`LotResult` per input row, in input order.

    ``lots`` is a path to a CSV (with a header) or JSON Lines file, or an
    iterable of mappings from column name to text, such as
    ``df.to_dict("records")`` of a DataFrame read with ``dtype=str``; rows of
    mappings are numbered from ``first_line`` (use 2 to match the lines of the
    CSV file the DataFrame was read from). The reference files are loaded and
    a missing lots file is reported when this function is called, before the
    first result; lots are read and checked when the first result is asked for.
    """
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise InputError(f"jobs must be a whole number of at least 1, not {jobs!r}", path="jobs")
    ctx = LotContext.load(certificates, production, prices)
    required = tuple(
        c for c in LOT_COLUMNS if not (c == "reference_price" and ctx.prices is not None)
    )
    if isinstance(lots, str | Path):
        rows: Iterable[RawRow] = iter_rows(lots, required=required, what="lots file")
    else:
        if isinstance(lots, Mapping):
            raise TypeError("lots must be a path or an iterable of mappings, not one mapping")
        rows = iter_mappings(lots, required=required, first_line=first_line)
    return _run(ctx, rows, jobs, progress)


def _run(
    ctx: LotContext, rows: Iterable[RawRow], jobs: int, progress: Callable[[int], None] | None
) -> Iterator[LotResult]:
    with tempfile.TemporaryDirectory(prefix="fairmined-lots-") as tmp:
        spool_path = os.path.join(tmp, "results.jsonl")
        mass_path = os.path.join(tmp, "mass.tsv")
        buckets = [os.path.join(tmp, f"ids-{i:02d}.jsonl") for i in range(BUCKETS)]
        totals: dict[int, Decimal] = {}
        with (
            open(spool_path, "w", encoding="ascii") as spool,
            open(mass_path, "w", encoding="ascii") as mass,
        ):
            files: list[IO[str] | None] = [None] * BUCKETS
            try:
                for count, (text, line, lot_id, entry) in enumerate(
                    _checked_rows(ctx, rows, jobs), start=1
                ):
                    spool.write(text)
                    spool.write("\n")
                    if lot_id is not None:
                        b = zlib.crc32(lot_id.encode("utf-8")) % BUCKETS
                        fh = files[b]
                        if fh is None:
                            fh = files[b] = open(buckets[b], "w", encoding="ascii")  # noqa: SIM115
                        fh.write(json.dumps([line, lot_id]))
                        fh.write("\n")
                    if entry is not None:
                        period, ordinal, eline, fine = entry
                        mass.write(f"{period}\t{ordinal}\t{eline}\t{fine}\n")
                        totals[period] = CONTEXT.add(totals.get(period, Decimal(0)), Decimal(fine))
                    if progress is not None and count % 1000 == 0:
                        progress(count)
            finally:
                for fh in files:
                    if fh is not None:
                        fh.close()
        extra: dict[int, list[Finding]] = {}
        for path in buckets:
            if os.path.exists(path):
                with open(path, encoding="ascii") as fh2:
                    pairs = ((int(a), str(b)) for a, b in map(json.loads, fh2))
                    for line, f in duplicate_findings(pairs).items():
                        extra.setdefault(line, []).append(f)
        over = {i for i, total in totals.items() if total > ctx.production[i].fine_mass_g}
        if over:
            with open(mass_path, encoding="ascii") as fh3:
                entries = _mass_entries(fh3, over)
                for line, f in mass_balance_findings(ctx, entries).items():
                    extra.setdefault(line, []).append(f)
        with open(spool_path, encoding="ascii") as fh4:
            for text in fh4:
                yield _load(text, extra)


def _mass_entries(fh: IO[str], over: set[int]) -> Iterator[tuple[int, int, int, Decimal]]:
    for text in fh:
        period, ordinal, line, fine = text.rstrip("\n").split("\t")
        p = int(period)
        if p in over:
            yield p, int(ordinal), int(line), Decimal(fine)
