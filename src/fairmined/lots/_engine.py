"""Verifying a whole lots file in flat memory, on one process or several.

How it runs:

1. **First pass, streamed.** Rows are read in chunks (a CSV file as raw text
   split at record boundaries, read where it is checked, plain lines through
   the fast lane of :mod:`fairmined.lots._plain`) and each row gets a
   :class:`~fairmined.lots._check.Verdict`, encoded as text: in this process,
   or in ``jobs`` worker processes, chunks taken back in input order. The
   parent writes each chunk's results to a spool file on disk, each lot id to
   one of :data:`BUCKETS` bucket files (by a hash of the id), and each
   mass-balance entry to a third spool, while it keeps one running total of
   fine mass per declared production period (added per chunk; row by row in
   input order if any addition rounded).
2. **Resolution.** Duplicates are found one bucket at a time (a lot id always
   lands in the same bucket), by the workers when there are any, so memory
   holds one bucket per process, not every id. The mass balance compares
   each period's total with its declared production; only the periods that
   exceed it are read back from the spool and sorted by (sale date, line):
   ties on one sale date keep input order. The lot that crosses the declared
   production and every later lot of that period are flagged, each with its
   excess.
3. **Second pass.** The spool is read back in input order, the findings of
   step 2 are added, and results are yielded one by one.

:func:`render_lots` runs the same passes for a caller that wants each result
as text (the command line's JSON and CSV output): the first pass also renders
every result and counts it in a :class:`~fairmined.lots.LotSummary`, where the
row is checked, so the second pass only hands the texts on and redoes the
few rows that step 2 gave a finding. With workers, that moves nearly all the
per-row work out of the one process that must go through the rows in order.

Memory therefore holds one chunk per worker, one total per production
period, one bucket of lot ids, the entries of the periods that exceed their
production, and the findings of step 2; not the file.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from decimal import Decimal, Rounded
from itertools import islice
from pathlib import Path
from typing import IO, NamedTuple

from fairmined.errors import InputError
from fairmined.lots._check import Verdict, grams, result_of, verdict
from fairmined.lots._context import LotContext
from fairmined.lots._inputs import (
    LOT_COLUMNS,
    CsvChunk,
    RawRow,
    iter_csv_chunks,
    iter_mappings,
    iter_rows,
)
from fairmined.lots._plain import csv_verdicts
from fairmined.lots._records import Certificate, Finding, LotResult, LotSummary
from fairmined.model import Money
from fairmined.model._quantities import CONTEXT
from fairmined.pricing import PriceTable

__all__ = [
    "BUCKETS",
    "Render",
    "duplicate_findings",
    "mass_balance_findings",
    "render_lots",
    "verify_lots",
]

#: How :func:`render_lots` turns one result into text; a module-level function,
#: so that worker processes can be sent it.
Render = Callable[[LotResult], str]

#: How many bucket files lot ids are spread over for the duplicate check.
BUCKETS = 64
#: Rows per task for JSON Lines and mappings (CSV goes by :data:`TASK_CHARS`):
#: large enough that the parent's cost per task (queues, pickling, wake-ups)
#: stays small next to the rows' own.
CHUNK_ROWS = 2000
#: Characters of CSV text per worker task, at least and at most: a file gets
#: about eight tasks per worker between these bounds, so a small file still
#: spreads over every worker and a large one keeps the per-task cost small.
#: One process reads chunks of the smallest size.
TASK_CHARS = (16_384, 262_144)

_worker_ctx: LotContext | None = None
_worker_render: Render | None = None


def _init_worker(ctx: LotContext, render: Render | None) -> None:
    global _worker_ctx, _worker_render
    _worker_ctx, _worker_render = ctx, render


def _encode_in_worker(chunk: list[RawRow] | CsvChunk) -> _Encoded:
    assert _worker_ctx is not None
    return _encode(_verdicts(_worker_ctx, chunk), _worker_render)


def _verdicts(ctx: LotContext, chunk: list[RawRow] | CsvChunk) -> Iterator[Verdict]:
    if isinstance(chunk, CsvChunk):
        return csv_verdicts(ctx, chunk)
    return (verdict(ctx, raw) for raw in chunk)


class _Encoded(NamedTuple):
    """A chunk of checked rows, ready for the spool files (what a worker sends back).

    ``totals`` adds the chunk's fine grams per production period in input
    order. With a renderer, ``shown`` has each row's text on a line of its
    own (an empty line for a text that holds a line break: the second pass
    renders that row again) and ``summary`` counts the chunk's results.
    ``exact`` says no addition rounded, so adding the chunks' totals gives the
    same values as adding the rows one by one.
    """

    rows: int
    spool: bytes
    ids: dict[int, bytes]
    mass: bytes
    totals: dict[int, Decimal]
    shown: bytes
    summary: LotSummary | None
    exact: bool


def _encode(verdicts: Iterable[Verdict], render: Render | None = None) -> _Encoded:
    spool: list[str] = []
    ids: dict[int, list[str]] = {}
    mass: list[str] = []
    totals: dict[int, Decimal] = {}
    shown: list[str] = []
    summary = None if render is None else LotSummary()
    adding = CONTEXT.copy()
    adding.clear_flags()
    add = adding.add
    for v in verdicts:
        if summary is not None and render is not None:
            r = result_of(v)
            summary.add(r, adding)
            text = render(r)
            shown.append("" if "\n" in text else text)
        lot_id = v.lot_id
        id_text = None if lot_id is None else _id_text(lot_id)
        spool.append(_dump(v, id_text))
        if lot_id is not None:
            b = zlib.crc32(lot_id.encode("utf-8")) % BUCKETS
            ids.setdefault(b, []).append(f"{v.line}\t{id_text}\n")
        m = v.mass
        if m is not None:
            period, ordinal, fine_g = m
            mass.append(f"{period}\t{ordinal}\t{v.line}\t{fine_g:f}\n")
            totals[period] = add(totals.get(period, _ZERO), fine_g)
    return _Encoded(
        len(spool),
        "".join(spool).encode("ascii"),
        {b: "".join(v).encode("ascii") for b, v in ids.items()},
        "".join(mass).encode("ascii"),
        totals,
        # surrogatepass: a lot id read with surrogateescape comes back as it was.
        ("\n".join(shown) + "\n").encode("utf-8", "surrogatepass") if shown else b"",
        summary,
        not adding.flags[Rounded],
    )


_ZERO = Decimal(0)
_NOT_PLAIN_ID = re.compile(r'[\t\n\r"]')


def _id_text(lot_id: str) -> str:
    """A lot id for a tab-separated line: as it is when plain ASCII, else as a JSON string."""
    if lot_id.isascii() and not _NOT_PLAIN_ID.search(lot_id):
        return lot_id
    return json.dumps(lot_id)


def _read_id(text: str) -> str:
    return str(json.loads(text)) if text.startswith('"') else text


def _dump(v: Verdict, id_text: str | None) -> str:
    """A spool line: ``line<TAB>lot id<TAB>due<TAB>paid`` for a lot without findings, else JSON."""
    due, paid = v.premium_due, v.premium_paid
    if (
        v.status == "pass"
        and due is not None
        and paid is not None
        and id_text is not None
        and not id_text.startswith('"')
    ):
        return f"{v.line}\t{id_text}\t{due:f}\t{paid:f}\n"
    text = json.dumps(
        [
            v.line,
            v.lot_id,
            v.status,
            [[f.check, f.message] for f in v.findings],
            None if due is None else format(due, "f"),
            None if paid is None else format(paid, "f"),
            v.reason,
        ]
    )
    return text + "\n"


def _load(text: str, extra: dict[int, list[Finding]]) -> LotResult:
    if text[0] != "[":
        # Decimal() ignores the line's trailing newline.
        line_text, lot_id, due_text, paid_text = text.split("\t")
        line = int(line_text)
        more = extra.pop(line, None) if extra else None
        return LotResult._trusted(
            line,
            lot_id,
            "fail" if more else "pass",
            tuple(more) if more else (),
            Money._trusted(Decimal(due_text), "USD"),
            Money._trusted(Decimal(paid_text), "USD"),
        )
    line, lot_id, status, findings, due, paid, reason = json.loads(text)
    found = tuple(Finding(c, m) for c, m in findings) + tuple(extra.pop(line, ()))
    if status != "invalid":
        status = "fail" if found else "pass"
    return LotResult._trusted(
        line,
        lot_id,
        status,
        found if status != "invalid" else (),
        None if due is None else Money._trusted(Decimal(due), "USD"),
        None if paid is None else Money._trusted(Decimal(paid), "USD"),
        reason,
    )


def _chunks(rows: Iterable[RawRow], size: int) -> Iterator[list[RawRow]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def _encoded_chunks(
    ctx: LotContext,
    chunks: Iterable[list[RawRow]] | Iterable[CsvChunk],
    pool: ProcessPoolExecutor | None,
    jobs: int,
    render: Render | None,
) -> Iterator[_Encoded]:
    """Checked chunks in input order; with a pool they are checked in its worker processes."""
    if pool is None:
        for chunk in chunks:
            yield _encode(_verdicts(ctx, chunk), render)
        return
    pending: deque[Future[_Encoded]] = deque()
    for chunk in chunks:
        pending.append(pool.submit(_encode_in_worker, chunk))
        if len(pending) >= 3 * jobs:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


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
    ctx, chunks = _open(lots, certificates, production, prices, jobs, first_line)
    return _run(ctx, chunks, jobs, progress)


def render_lots(
    lots: LotsSource,
    render: Render,
    *,
    summary: LotSummary,
    certificates: str | Path | Iterable[Mapping[str, object]] | Mapping[str, Certificate],
    production: str | Path | Iterable[Mapping[str, object]] | None = None,
    prices: str | Path | PriceTable | None = None,
    jobs: int = 1,
    first_line: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Iterator[str]:
    """Verify every lot like :func:`verify_lots`; yield each result's text and a line break.

    The text of a result ``r`` is ``render(r)``. Every result is also counted
    in ``summary``, which is complete once the texts are exhausted.
    ``render`` must be a module-level function (workers are sent it by name):
    it runs where each row is checked, in the workers with ``jobs``, so the
    one process that reads the results back in order does little more than
    hand the texts on.
    """
    ctx, chunks = _open(lots, certificates, production, prices, jobs, first_line)
    return _run_rendered(ctx, chunks, jobs, progress, render, summary)


def _open(
    lots: LotsSource,
    certificates: str | Path | Iterable[Mapping[str, object]] | Mapping[str, Certificate],
    production: str | Path | Iterable[Mapping[str, object]] | None,
    prices: str | Path | PriceTable | None,
    jobs: int,
    first_line: int,
) -> tuple[LotContext, Iterable[list[RawRow]] | Iterable[CsvChunk]]:
    """The reference files, loaded; the lots, as chunks to check (read when iterated)."""
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise InputError(f"jobs must be a whole number of at least 1, not {jobs!r}", path="jobs")
    ctx = LotContext.load(certificates, production, prices)
    required = tuple(
        c for c in LOT_COLUMNS if not (c == "reference_price" and ctx.prices is not None)
    )
    chunks: Iterable[list[RawRow]] | Iterable[CsvChunk] | None = None
    if isinstance(lots, str | Path):
        # CSV goes as raw text, read where it is checked (in a worker, with jobs),
        # which lets plain lines take the fast lane of fairmined.lots._plain.
        chunks = iter_csv_chunks(
            lots, required=required, what="lots file", chars=_task_chars(lots, jobs)
        )
        if chunks is None:  # JSON Lines
            rows = iter_rows(lots, required=required, what="lots file")
            chunks = _chunks(rows, CHUNK_ROWS)
    else:
        if isinstance(lots, Mapping):
            raise TypeError("lots must be a path or an iterable of mappings, not one mapping")
        chunks = _chunks(iter_mappings(lots, required=required, first_line=first_line), CHUNK_ROWS)
    return ctx, chunks


def _task_chars(path: str | Path, jobs: int) -> int:
    """How many characters of CSV text to send a worker per task (see :data:`TASK_CHARS`).

    One process has no cost per task to amortise: it takes the smallest, so
    its memory does not depend on the file's size.
    """
    low, high = TASK_CHARS
    if jobs <= 1:
        return low
    try:
        size = os.path.getsize(path)
    except OSError:
        size = 0  # iter_csv_chunks reports the file
    return max(low, min(high, size // (8 * jobs)))


def _run(
    ctx: LotContext,
    chunks: Iterable[list[RawRow]] | Iterable[CsvChunk],
    jobs: int,
    progress: Callable[[int], None] | None,
) -> Iterator[LotResult]:
    with tempfile.TemporaryDirectory(prefix="fairmined-lots-") as tmp:
        with _pool(ctx, jobs, None) as pool:
            extra, _ = _first_pass(ctx, chunks, pool, jobs, tmp, progress, None)
        with open(_spool_path(tmp), encoding="ascii", newline="\n") as fh:
            yield from _read_back(fh, extra)


def _run_rendered(
    ctx: LotContext,
    chunks: Iterable[list[RawRow]] | Iterable[CsvChunk],
    jobs: int,
    progress: Callable[[int], None] | None,
    render: Render,
    summary: LotSummary,
) -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="fairmined-lots-") as tmp:
        with _pool(ctx, jobs, render) as pool:
            extra, counted = _first_pass(ctx, chunks, pool, jobs, tmp, progress, render)
        assert counted is not None
        summary.merge(counted)
        with (
            open(_spool_path(tmp), encoding="ascii", newline="\n") as fh,
            open(_shown_path(tmp), encoding="utf-8", errors="surrogatepass", newline="\n") as shown,
        ):
            yield from _read_back_rendered(fh, shown, extra, render, summary)


def _spool_path(tmp: str) -> str:
    return os.path.join(tmp, "results.txt")


def _shown_path(tmp: str) -> str:
    return os.path.join(tmp, "shown.txt")


def _read_back(fh: IO[str], extra: dict[int, list[Finding]]) -> Iterator[LotResult]:
    """Step 3: the spooled results in input order, with the findings of step 2 added.

    A passing lot without such findings, nearly every row, is built here
    without a call to :func:`_load`: this loop runs alone in the parent, so
    with workers it bounds the speed-up.
    """
    result, money, decimal = LotResult._trusted, Money._trusted, Decimal
    for text in fh:
        if text[0] != "[":
            # Decimal() ignores the line's trailing newline.
            line_text, lot_id, due_text, paid_text = text.split("\t")
            line = int(line_text)
            if line not in extra:
                due, paid = money(decimal(due_text), "USD"), money(decimal(paid_text), "USD")
                yield result(line, lot_id, "pass", (), due, paid)
                continue
        yield _load(text, extra)


def _read_back_rendered(
    fh: IO[str],
    shown: IO[str],
    extra: dict[int, list[Finding]],
    render: Render,
    summary: LotSummary,
) -> Iterator[str]:
    """Step 3 for :func:`render_lots`: the texts of the first pass, in input order.

    A row that step 2 gave a finding is built again from the spool, counted
    anew in ``summary`` and rendered here; so is a row whose text holds a line
    break (an empty line in ``shown``).
    """
    for text, line in zip(fh, shown, strict=True):
        if extra:
            number = int(text[: text.index("\t")] if text[0] != "[" else text[1 : text.index(",")])
            if number in extra:
                before = _load(text, {})
                after = _load(text, extra)
                summary.recount(before, after)
                yield render(after) + "\n"
                continue
        yield line if line != "\n" else render(_load(text, extra)) + "\n"


@contextlib.contextmanager
def _pool(
    ctx: LotContext, jobs: int, render: Render | None
) -> Iterator[ProcessPoolExecutor | None]:
    if jobs <= 1:
        yield None
        return
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(ctx, render)
    ) as pool:
        yield pool


def _first_pass(
    ctx: LotContext,
    chunks: Iterable[list[RawRow]] | Iterable[CsvChunk],
    pool: ProcessPoolExecutor | None,
    jobs: int,
    tmp: str,
    progress: Callable[[int], None] | None,
    render: Render | None,
) -> tuple[dict[int, list[Finding]], LotSummary | None]:
    """Steps 1 and 2: check and spool every row; the whole-file findings by line.

    With a renderer, the texts go to a spool of their own and the results
    are counted: the summary comes back with the findings.
    """
    spool_path = _spool_path(tmp)
    mass_path = os.path.join(tmp, "mass.tsv")
    buckets = [os.path.join(tmp, f"ids-{i:02d}.tsv") for i in range(BUCKETS)]
    totals: dict[int, Decimal] = {}
    summary = None if render is None else LotSummary()
    adding = CONTEXT.copy()
    adding.clear_flags()
    exact = True
    with (
        open(spool_path, "wb") as spool,
        open(mass_path, "wb") as mass,
        open(_shown_path(tmp), "wb") as shown,
    ):
        files: list[IO[bytes] | None] = [None] * BUCKETS
        try:
            count = 0
            for enc in _encoded_chunks(ctx, chunks, pool, jobs, render):
                spool.write(enc.spool)
                shown.write(enc.shown)
                if summary is not None and enc.summary is not None:
                    summary.merge(enc.summary, adding)
                for b, text in enc.ids.items():
                    fh = files[b]
                    if fh is None:
                        fh = files[b] = open(buckets[b], "wb")  # noqa: SIM115
                    fh.write(text)
                mass.write(enc.mass)
                for period, total in enc.totals.items():
                    totals[period] = adding.add(totals.get(period, _ZERO), total)
                exact = exact and enc.exact
                if progress is not None:
                    for k in range(count // 1000 + 1, (count + enc.rows) // 1000 + 1):
                        progress(k * 1000)
                count += enc.rows
        finally:
            for fh in files:
                if fh is not None:
                    fh.close()
    if not exact or adding.flags[Rounded]:
        # Some addition rounded: add the rows one by one, in input order.
        with open(mass_path, encoding="ascii", newline="\n") as fh1:
            totals = {}
            for period, _ordinal, _line, fine in _mass_entries(fh1, None):
                totals[period] = CONTEXT.add(totals.get(period, _ZERO), fine)
        if summary is not None:
            summary = LotSummary()
            with open(spool_path, encoding="ascii", newline="\n") as fh2:
                for row in fh2:
                    summary.add(_load(row, {}))
    extra: dict[int, list[Finding]] = {}
    written = [path for path in buckets if os.path.exists(path)]
    # A lot id always lands in the same bucket, so buckets are scanned
    # independently: by the workers, when there are any.
    scans = map(_bucket_findings, written) if pool is None else pool.map(_bucket_findings, written)
    for found in scans:
        for line, f in found.items():
            extra.setdefault(line, []).append(f)
    over = {i for i, total in totals.items() if total > ctx.production[i].fine_mass_g}
    if over:
        with open(mass_path, encoding="ascii", newline="\n") as fh3:
            entries = _mass_entries(fh3, over)
            for line, f in mass_balance_findings(ctx, entries).items():
                extra.setdefault(line, []).append(f)
    return extra, summary


def _bucket_findings(path: str) -> dict[int, Finding]:
    """The ``duplicate_lot`` findings of one bucket file, as :func:`duplicate_findings` gives them.

    Lines are compared as written: a lot id's text in the file is a function
    of the id alone, so equal texts are equal ids. Only a duplicate's id is
    decoded, for its message.
    """
    first: dict[str, str] = {}
    out: dict[int, Finding] = {}
    with open(path, encoding="ascii", newline="\n") as fh:
        for text in fh:
            line, _, id_text = text.partition("\t")
            seen = first.setdefault(id_text, line)
            if seen is not line:
                lot_id = _read_id(id_text[:-1])
                out[int(line)] = Finding(
                    "duplicate_lot", f"lot id {lot_id} already appears on line {seen}"
                )
    return out


def _mass_entries(fh: IO[str], over: set[int] | None) -> Iterator[tuple[int, int, int, Decimal]]:
    """Mass entries of the periods in ``over`` (all of them for ``None``), in input order."""
    for text in fh:
        period, ordinal, line, fine = text.rstrip("\n").split("\t")
        p = int(period)
        if over is None or p in over:
            yield p, int(ordinal), int(line), Decimal(fine)
