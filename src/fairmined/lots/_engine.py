"""Verifying a whole lots file on DuckDB: one engine, in exact SQL.

How a run goes (the queries are the ``sql/*.sql`` files beside this module,
one statement each, every value a bound parameter):

1. **Reference data.** Certificates, the standards' price schedules and the
   declared production become three small tables (``certificates.sql``,
   ``rates.sql``, ``production.sql``).
2. **Reading.** A CSV file is read in chunks of whole lines; a chunk of plain
   lines goes to DuckDB as it is (``add_chunk.sql``), which numbers the lines
   (``lines.sql``) and splits them at commas (``cells_csv.sql``). A chunk
   with a double quote, a lone carriage return or a byte that is not UTF-8,
   and every JSON Lines row or mapping, is read by the library's own readers
   and judged by the Python reference (:func:`fairmined.lots.check_row`), row
   by row. A pandas DataFrame or an Arrow table is handed to DuckDB as an
   Arrow table (``_frames.py``), whose cells it casts to text
   (``cells_table.sql``).
3. **Per-lot checks** (``check.sql``, on the cells of either reading):
   every amount is a whole number of small units (milligrams, 10^-4 of
   fineness, cents), so no value passes through a float; the one division,
   by a troy ounce, is an integer division that rounds half up. A row written
   out of the ordinary, or whose price or premium falls short (their messages
   name the standard's rules), is judged by the Python reference instead
   (``pending.sql``), so every message is the library's own.
4. **Across rows** (``more_findings.sql``, ``over.sql``): duplicate lot ids and the
   mass balance, a running total per production period in sale-date order,
   added to the verdicts (``joined.sql``), which the view ``final_view.sql``
   shows as the results (in no set order: readers sort by line).
5. **Results**: in input order, as :class:`LotResult` objects
   (:func:`verify_lots`), as a file of one line each written by DuckDB
   (:meth:`LotRun.write`, ``copy.sql``: lines written by the report layer's
   SQL, the few it leaves by the given renderer) or read back as text blocks
   (:func:`render_lots`), or as an
   Arrow table or a DataFrame built by DuckDB (:meth:`LotRun.to_arrow`,
   :meth:`LotRun.to_pandas`).

DuckDB runs each query on ``jobs`` threads and spills to a temporary folder
beyond :data:`MEMORY_LIMIT`, so memory holds a chunk of the file, the rows
the Python reference judges, and DuckDB's working set.
"""

from __future__ import annotations

import codecs
import errno
import functools
import hashlib
import importlib
import importlib.resources
import itertools
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from fairmined.errors import InputError
from fairmined.lots import _ledger
from fairmined.lots._check import Verdict, grams, grams_text, rule_args, verdict
from fairmined.lots._context import LotContext
from fairmined.lots._frames import LotTable, is_table, lot_table
from fairmined.lots._inputs import (
    LOT_COLUMNS,
    OPTIONAL_LOT_COLUMNS,
    CsvChunk,
    RawRow,
    iter_mappings,
    open_lots,
)
from fairmined.lots._ledger import Ledger, file_sha256
from fairmined.lots._records import (
    Certificate,
    Finding,
    LotResult,
    LotSummary,
    ProductionPeriod,
    check_counts,
)
from fairmined.lots._tables import lots_table_rows, wants_table
from fairmined.model import CONTEXT, Money
from fairmined.pricing import MAX_PRICE_AGE_DAYS, PriceTable
from fairmined.tables import CsvRecords

__all__ = [
    "MEMORY_LIMIT",
    "LotRun",
    "Render",
    "duplicate_findings",
    "lot_key",
    "mass_balance_findings",
    "render_lots",
    "run_lots",
    "verify_lots",
]

#: How :func:`render_lots` turns one result into text.
Render = Callable[[LotResult], str]

#: DuckDB's memory limit for one run; beyond it, it spills to a temporary folder.
MEMORY_LIMIT = "128MB"
#: The most DuckDB threads (``jobs``) a run takes.
MAX_JOBS = 256
#: Characters of CSV text per chunk handed to DuckDB.
CHUNK_CHARS = 1 << 20
#: Characters of CSV text checked in one batch: memory holds about one batch.
BATCH_CHARS = 8 << 20
#: Characters per block of output text (:meth:`LotRun.texts`).
BLOCK_CHARS = 1 << 20
#: Rows of verdicts from the Python reference sent to DuckDB at once.
CHUNK_ROWS = 20_000
#: Beyond this many lots with findings across rows, or texts rendered in Python, the
#: results are joined with them into a table once (``joined.sql``, ``written.sql``):
#: a join with a larger table while a write sorts the results ran out of memory.
JOIN_ROWS = 50_000
#: The csv module's default longest cell: a longer line goes to the Python reader.
_LONGEST_LINE = 131_072

_MACROS = (
    "macro_div",
    "macro_scaled",
    "macro_cents",
    "macro_cents_text",
    "macro_usd",
    "macro_grams",
    "macro_grams_text",
    "macro_lot_key",
    "macro_json",
)


@functools.cache
def _sql(name: str) -> str:
    """The text of ``sql/<name>.sql``."""
    return (importlib.resources.files("fairmined.lots") / "sql" / f"{name}.sql").read_text(
        encoding="utf-8"
    )


def lot_key(lot_id: str) -> str:
    """A lot id as duplicates are found: NFC, without invisible format characters (Cf)."""
    import unicodedata

    kept = "".join(c for c in lot_id if unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFC", kept)


def duplicate_findings(pairs: Iterable[tuple[int, str]]) -> dict[int, Finding]:
    """``duplicate_lot`` findings from (line, lot id) pairs given in input order.

    Ids are compared by :func:`lot_key`, as the engine compares them.
    """
    first: dict[str, int] = {}
    out: dict[int, Finding] = {}
    for line, lot_id in pairs:
        seen = first.setdefault(lot_key(lot_id), line)
        if seen != line:
            out[line] = Finding(
                "duplicate_lot",
                f"lot id {lot_id} already appears on line {seen}",
                {"lot_id": lot_id, "first_line": str(seen)},
            )
    return out


def _mass_message(p: ProductionPeriod, total: Decimal) -> str:
    excess = CONTEXT.subtract(total, p.fine_mass_g)
    return (
        f"certified {p.metal.value} sold under certificate {p.certificate_id} "
        f"from {p.period_start.isoformat()} to {p.period_end.isoformat()} reaches "
        f"{grams(total)} of fine metal with this lot (in sale-date order), "
        f"{grams(excess)} over the {grams(p.fine_mass_g)} declared produced "
        f"(production file line {p.line})"
    )


def _mass_finding(p: ProductionPeriod, total: Decimal) -> Finding:
    """The ``mass_balance_exceeded`` finding of a lot that brings ``total`` over ``p``."""
    args = {
        "metal": p.metal.value,
        "certificate": p.certificate_id,
        "period_start": p.period_start.isoformat(),
        "period_end": p.period_end.isoformat(),
        "total_g": grams_text(total),
        "excess_g": grams_text(CONTEXT.subtract(total, p.fine_mass_g)),
        "declared_g": grams_text(p.fine_mass_g),
        "production_line": str(p.line),
    }
    return Finding("mass_balance_exceeded", _mass_message(p, total), args)


def mass_balance_findings(
    ctx: LotContext, entries: Iterable[tuple[int, int, int, Decimal]]
) -> dict[int, Finding]:
    """``mass_balance_exceeded`` findings from (period, sale ordinal, line, fine grams) entries.

    The reference for the engine's running totals; the engine uses it itself
    when a fine mass does not fit SQL's units.
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
                out[line] = _mass_finding(p, total)
    return out


#: A path (CSV or JSON Lines), mappings, or a pandas DataFrame or Arrow table (typed ``Any``:
#: neither library is imported unless such a table is given).
LotsSource = str | Path | Iterable[Mapping[str, object]] | Any
CertificatesSource = str | Path | Iterable[Mapping[str, object]] | Mapping[str, Certificate]


def _units(value: Decimal, scale: int, limit: int = 10**12) -> str | None:
    """``value`` as a whole number of 10^-scale, as text; ``None`` if it is not one or too big."""
    v = value.scaleb(scale, CONTEXT)
    if v != v.to_integral_value() or not 0 <= v < limit:
        return None
    return str(int(v))


def _cents(amount: Decimal | None) -> str | None:
    return None if amount is None else str(int(amount.scaleb(2, CONTEXT)))


def _args_json(args: Mapping[str, Any]) -> str:
    """A finding's arguments as stored: JSON with sorted keys, as the outputs write them."""
    return json.dumps(args, sort_keys=True, ensure_ascii=False)


def _content(cells: Mapping[str, str]) -> str:
    """A SHA-256 of a row's lot cells, as ``check.sql`` computes it (the ledger's content)."""
    text = "\x1f".join(cells.get(c, "") for c in LOT_COLUMNS)
    if model := cells.get("supply_model", ""):  # only when given: earlier hashes stay valid
        text += "\x1f" + model
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class _Rows:
    """Verdicts of the Python reference, gathered into columns and sent to DuckDB in batches."""

    def __init__(self, con: duckdb.DuckDBPyConnection, ledger: bool) -> None:
        self.con = con
        self.ledger = ledger
        self.cols: dict[str, list[Any]] = {}
        self.fine: dict[int, Decimal] = {}  # fine masses that do not fit 10^-7 g
        self.count = 0
        self._clear()

    def _clear(self) -> None:
        names = (
            *("line", "lot_id", "status", "checks", "messages", "args", "due", "paid"),
            *("reason", "reason_code", "reason_args"),
        )
        self.cols = {n: [] for n in (*names, "period", "day", "fine7", "cert", "metal", "content")}

    def add(self, v: Verdict, cells: Mapping[str, str] | None = None) -> None:
        c = self.cols
        c["line"].append(v.line)
        c["lot_id"].append(v.lot_id)
        c["status"].append(v.status)
        c["checks"].append([f.check for f in v.findings])
        c["messages"].append([f.message for f in v.findings])
        c["args"].append([_args_json(f.args) for f in v.findings])
        c["reason_code"].append(v.reason_code)
        c["reason_args"].append(
            None if v.reason_args is None else json.dumps(v.reason_args, ensure_ascii=False)
        )
        c["due"].append(_cents(v.premium_due))
        c["paid"].append(_cents(v.premium_paid))
        c["reason"].append(v.reason)
        m = v.mass
        if m is None:
            c["period"].append(None)
            c["day"].append(None)
            c["fine7"].append(None)
        else:
            c["period"].append(m[0])
            c["day"].append(date.fromordinal(m[1]))
            fine7 = _units(m[2], 7, 10**30)
            if fine7 is None and m[0] is not None:
                self.fine[v.line] = m[2]
            c["fine7"].append(fine7)
        if cells is None:
            c["cert"].append(None)
            c["metal"].append(None)
            c["content"].append(None)
        else:
            c["cert"].append(cells.get("certificate_id", "").strip())
            c["metal"].append(cells.get("metal", "").strip().lower())
            c["content"].append(_content(cells) if self.ledger else None)
        self.count += 1
        if len(c["line"]) >= CHUNK_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.cols["line"]:
            self.con.execute(_sql("add_verdicts"), self.cols)
            self._clear()


class LotRun:
    """One verification run, done: its results sit in a DuckDB table, in input order.

    Read them as :class:`LotResult` objects (:meth:`results`), as text
    (:meth:`texts`), as a DataFrame (:meth:`to_pandas`), and count them
    (:meth:`summary`). Close it (or use it in a ``with`` block) to free the
    database and its temporary folder.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, tmp: tempfile.TemporaryDirectory[str]):
        self._con = con
        self._tmp = tmp
        self._fine: dict[int, Decimal] = {}  # fine masses that do not fit 10^-7 g, by line

    def __enter__(self) -> LotRun:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._con.close()
        self._tmp.cleanup()

    def summary(self) -> LotSummary:
        """Counts by status and by check, premium totals: computed in SQL."""
        row = self._con.execute(_sql("summary")).fetchone()
        assert row is not None
        rows, passed, failed, invalid, due, paid, short, with_due, with_paid = row
        by_check = check_counts(dict(self._con.execute(_sql("by_check")).fetchall()))
        return LotSummary(
            rows=rows,
            by_status={"pass": passed, "fail": failed, "invalid": invalid},
            by_check=by_check,
            premium_due=Decimal(due).scaleb(-2, CONTEXT) if with_due else Decimal(0),
            premium_paid=Decimal(paid).scaleb(-2, CONTEXT) if with_paid else Decimal(0),
            shortfall=Decimal(short).scaleb(-2, CONTEXT) if with_due and with_paid else Decimal(0),
        )

    def results(self, *, batch: int = 10_000) -> Iterator[LotResult]:
        """Every result, in input order."""
        return self._results("final", "true", batch)

    def problems(self, *, batch: int = 10_000) -> Iterator[LotResult]:
        """The results that did not pass (fail or invalid), in input order."""
        return self._results("final", "status <> 'pass'", batch)

    def per_lot(self, batch: int = 10_000) -> Iterator[LotResult]:
        """Results of the per-lot checks alone (no duplicates, no mass balance), in input order.

        With :meth:`mass_entries`, :func:`duplicate_findings`,
        :func:`mass_balance_findings` and :func:`with_findings`, this is what a
        run on part of a file gives a cluster (docs/buyer-guide.md).
        """
        return self._results("verdicts", "true", batch)

    def mass_entries(self) -> list[tuple[int, int, int, Decimal]]:
        """This run's (period, sale ordinal, line, fine grams) entries, for the mass balance."""
        out = []
        for period, day, line, fine7 in self._con.execute(_sql("entries")).fetchall():
            fine = self._fine.get(line)
            g = fine if fine is not None else Decimal(int(fine7)).scaleb(-7, CONTEXT)
            out.append((period, day.toordinal(), line, g))
        return out

    def _results(self, table: str, keep: str, batch: int) -> Iterator[LotResult]:
        query = _sql("results").replace("{table}", table).replace("{keep}", keep)
        after = -1
        while True:
            rows = self._con.execute(query, {"after": after, "limit": batch}).fetchall()
            for line, lot_id, status, checks, messages, args, due, paid, *why in rows:
                findings = zip(checks, messages, args, strict=True)
                yield LotResult(
                    line,
                    lot_id,
                    status,
                    tuple(Finding(c, m, json.loads(a)) for c, m, a in findings),
                    None if due is None else Money(Decimal(due).scaleb(-2, CONTEXT), "USD"),
                    None if paid is None else Money(Decimal(paid).scaleb(-2, CONTEXT), "USD"),
                    why[0],
                    why[1],
                    {} if why[2] is None else json.loads(why[2]),
                )
            if len(rows) < batch:
                return
            after = rows[-1][0]

    def write(
        self,
        path: str,
        render: Render,
        sql: tuple[str, str] | None = None,
        head: str = "",
        tail: str = "",
    ) -> None:
        """Write every result's text as a line to the file ``path``, in input order.

        ``sql`` is a pair of SQL expressions (the report layer gives one per
        format) over the columns of a result (``line``, ``lot_id``,
        ``status``, ``checks``, ``messages``, ``args``, ``due_text``,
        ``paid_text``, ``reason``): a condition, and the text that writes a
        result it holds for exactly as ``render`` does. ``render`` writes the
        other results, and every result without ``sql``. ``head`` and ``tail``
        (a format's header and summary) come before and after the lines.
        DuckDB writes the file.
        """
        try:
            self._write(path, render, sql, head, tail)
        except duckdb.OutOfMemoryException as e:
            raise _out_of_memory(e, path) from None

    def _write(
        self, path: str, render: Render, sql: tuple[str, str] | None, head: str, tail: str
    ) -> None:
        when, text = sql if sql is not None else ("false", "NULL")
        self._con.execute(_sql("texts"))  # none left from a file written before
        cols: dict[str, list[Any]] = {"line": [], "text": []}
        for r in self._results("final", f"NOT coalesce({when}, false)", 10_000):
            cols["line"].append(r.line)
            cols["text"].append(render(r))
            if len(cols["line"]) >= CHUNK_ROWS:
                self._con.execute(_sql("set_texts"), cols)
                cols = {"line": [], "text": []}
        if cols["line"]:
            self._con.execute(_sql("set_texts"), cols)
        table = "final"
        rendered = self._con.execute(_sql("texts_count")).fetchone()
        if rendered is not None and rendered[0] > JOIN_ROWS:
            self._con.execute(_sql("written"))
            table = "written"
        query = (
            _sql("copy")
            .replace("{render}", f"CASE WHEN {when} THEN {text} END")
            .replace("{table}", table)
        )
        ends = {"head": head.removesuffix("\n"), "tail": tail.removesuffix("\n")}
        # Without a head or a tail, DuckDB writes the sorted lines on every thread and
        # holds those that wait for their turn in memory (out of MEMORY_LIMIT at
        # 1,000,000 lots): such a file is written on one thread. With either, the union
        # is written in order by one thread while the sort uses them all (tested under a
        # small limit: test_lines_written_in_order_within_the_memory_limit).
        row = self._con.execute(_sql("threads")).fetchone()
        jobs = int(row[0]) if row else 1
        one = not ends["head"] and not ends["tail"]
        if one:
            self._con.execute(_sql("set_threads"), {"n": 1})
        try:
            self._con.execute(query, {"path": path, **ends})
        except duckdb.IOException as e:
            raise OSError(errno.EIO, str(e).splitlines()[0], path) from None
        finally:
            if one:
                self._con.execute(_sql("set_threads"), {"n": jobs})

    def texts(
        self,
        render: Render,
        sql: tuple[str, str] | None = None,
        head: str = "",
        tail: str = "",
    ) -> Iterator[str]:
        """The text :meth:`write` writes, in blocks of whole lines."""
        path = os.path.join(self._tmp.name, "texts.txt")
        self.write(path, render, sql, head, tail)
        try:
            with open(path, encoding="utf-8", newline="") as fh:
                rest = ""
                while block := fh.read(BLOCK_CHARS):
                    block = rest + block
                    cut = block.rfind("\n") + 1
                    rest = block[cut:]
                    if cut:
                        yield block[:cut]
                if rest:
                    yield rest
        finally:
            # Gone already if the run was closed before this generator (a failed write).
            Path(path).unlink(missing_ok=True)

    def to_arrow(self) -> Any:
        """The results as an Arrow table, one row per lot in input order, built by DuckDB.

        Columns: line, lot_id, status, checks and messages (lists of text),
        premium_due and premium_paid (exact text such as ``4975.00``), reason.
        Needs pyarrow; no Python object is made per row.
        """
        _needs("pyarrow", "to_arrow()")
        rel = self._con.sql(_sql("frame"))
        if hasattr(rel, "to_arrow_table"):  # DuckDB 1.4 and later
            return rel.to_arrow_table()
        return rel.arrow()  # pragma: no cover - DuckDB before 1.4

    def to_pandas(self) -> Any:
        """The results as a pandas DataFrame (columns as :meth:`to_arrow`), Arrow-backed.

        Each column keeps its Arrow type (``pd.ArrowDtype``): the lists and
        texts are not turned into a Python object per row. Needs pandas and pyarrow.
        """
        _needs("pandas", "to_pandas()")
        import pandas as pd

        return self.to_arrow().to_pandas(types_mapper=pd.ArrowDtype)


def _needs(module: str, what: str) -> None:
    """Import ``module`` or say what to install."""
    try:
        importlib.import_module(module)
    except ImportError:
        raise InputError(f"{what} needs {module}", hint=f"pip install {module}") from None


def run_lots(
    lots: LotsSource,
    *,
    certificates: CertificatesSource,
    production: str | Path | Iterable[Mapping[str, object]] | None = None,
    prices: str | Path | PriceTable | None = None,
    max_price_age: int | None = MAX_PRICE_AGE_DAYS,
    jobs: int = 1,
    first_line: int = 1,
    progress: Callable[[int], None] | None = None,
    ledger: str | Path | None = None,
) -> LotRun:
    """Verify every lot and keep the results in a :class:`LotRun`.

    ``lots`` is a path to a CSV (with a header) or JSON Lines file, or an
    iterable of mappings from column name to text.
    """
    book = _book(ledger, lots, certificates, production, prices)
    ctx, source = _open(lots, certificates, production, prices, jobs, first_line, max_price_age)
    return _run(ctx, source, jobs, progress, book)


def verify_lots(
    lots: LotsSource,
    *,
    certificates: CertificatesSource,
    production: str | Path | Iterable[Mapping[str, object]] | None = None,
    prices: str | Path | PriceTable | None = None,
    max_price_age: int | None = MAX_PRICE_AGE_DAYS,
    jobs: int = 1,
    first_line: int = 1,
    progress: Callable[[int], None] | None = None,
    ledger: str | Path | None = None,
) -> Iterator[LotResult]:
    """Verify every lot; yield one :class:`LotResult` per input row, in input order.

    ``lots`` is a path to a CSV (with a header) or JSON Lines file, or an
    iterable of mappings from column name to text, such as
    ``df.to_dict("records")`` of a DataFrame read with ``dtype=str``; rows of
    mappings are numbered from ``first_line`` (use 2 to match the lines of the
    CSV file the DataFrame was read from). A lot priced from ``prices`` whose
    reference price is more than ``max_price_age`` days older than its sale
    date is invalid, its reason naming the price's date and age (None: any
    age). The reference files are loaded and
    a missing lots file is reported when this function is called, before the
    first result; lots are read and checked when the first result is asked for.
    """
    book = _book(ledger, lots, certificates, production, prices)
    ctx, source = _open(lots, certificates, production, prices, jobs, first_line, max_price_age)

    def results() -> Iterator[LotResult]:
        with _run(ctx, source, jobs, progress, book) as run:
            yield from run.results()

    return results()


def render_lots(
    lots: LotsSource,
    render: Render,
    *,
    summary: LotSummary,
    sql: tuple[str, str] | None = None,
    certificates: CertificatesSource,
    production: str | Path | Iterable[Mapping[str, object]] | None = None,
    prices: str | Path | PriceTable | None = None,
    max_price_age: int | None = MAX_PRICE_AGE_DAYS,
    jobs: int = 1,
    first_line: int = 1,
    progress: Callable[[int], None] | None = None,
    ledger: str | Path | None = None,
) -> Iterator[str]:
    """Verify every lot like :func:`verify_lots`; yield the results' texts, each with a line break.

    The text of a result ``r`` is ``render(r)``; texts come in blocks of
    many lines. ``sql`` writes most lines in SQL (see :meth:`LotRun.write`).
    Every result is also counted in ``summary``, which is complete once the
    first block is yielded.
    """
    if not isinstance(summary, LotSummary):
        raise TypeError(f"summary must be a LotSummary, not {type(summary).__name__}")
    if not callable(render):
        raise TypeError(f"render must be a function of a LotResult, not {type(render).__name__}")
    book = _book(ledger, lots, certificates, production, prices)
    ctx, source = _open(lots, certificates, production, prices, jobs, first_line, max_price_age)

    def texts() -> Iterator[str]:
        with _run(ctx, source, jobs, progress, book) as run:
            summary.merge(run.summary())
            yield from run.texts(render, sql)

    return texts()


def _book(
    ledger: str | Path | None,
    lots: object,
    certificates: object,
    production: object,
    prices: object,
) -> Ledger | None:
    """The ledger to record the run in, with the hashes of the input files."""
    if ledger is None:
        return None
    if not isinstance(ledger, str | Path):
        raise TypeError(f"ledger must be a path, not {type(ledger).__name__}")
    _ledger.check(ledger)
    return Ledger(
        str(ledger),
        str(lots) if isinstance(lots, str | Path) else None,
        {
            "lots_sha256": file_sha256(lots),
            "certificates_sha256": file_sha256(certificates),
            "production_sha256": file_sha256(production),
            "prices_sha256": file_sha256(prices),
        },
    )


class _Source:
    """Where the lots come from: CSV chunks, a table for DuckDB, or rows for the Python check."""

    def __init__(
        self,
        chunks: Iterator[CsvChunk] | None = None,
        rows: Iterator[RawRow] | None = None,
        table: LotTable | None = None,
        path: str | None = None,
    ) -> None:
        self.chunks, self.rows, self.table = chunks, rows, table
        #: The CSV file of ``chunks`` when it is a regular file DuckDB may read itself.
        self.path = path

    def close(self) -> None:
        """Close the file being read (a run that stops early)."""
        for it in (self.chunks, self.rows):
            close = getattr(it, "close", None)
            if close is not None:
                close()


def _check_jobs(jobs: object) -> int:
    if not isinstance(jobs, int) or isinstance(jobs, bool):
        raise TypeError(f"jobs must be an int, not {type(jobs).__name__}")
    if not 1 <= jobs <= MAX_JOBS:
        raise InputError(
            f"jobs must be a whole number from 1 to {MAX_JOBS}, not {jobs!r}", path="jobs"
        )
    return jobs


def _open(
    lots: LotsSource,
    certificates: CertificatesSource,
    production: str | Path | Iterable[Mapping[str, object]] | None,
    prices: str | Path | PriceTable | None,
    jobs: int,
    first_line: int,
    max_price_age: int | None = MAX_PRICE_AGE_DAYS,
) -> tuple[LotContext, _Source]:
    """The reference files, loaded; the lots, opened (read when the run starts)."""
    _check_jobs(jobs)
    ctx = LotContext.load(certificates, production, prices, max_price_age)
    required = tuple(
        c for c in LOT_COLUMNS if not (c == "reference_price" and ctx.prices is not None)
    )
    if isinstance(lots, str | Path) and wants_table(lots, required):
        return ctx, _Source(
            rows=lots_table_rows(
                lots, required=required, known=(*LOT_COLUMNS, *OPTIONAL_LOT_COLUMNS)
            )
        )
    if isinstance(lots, str | Path):
        chunks, rows = open_lots(
            lots,
            required=required,
            what="lots file",
            chars=CHUNK_CHARS,
            optional=OPTIONAL_LOT_COLUMNS,
        )
        path = str(lots) if chunks is not None and os.path.isfile(lots) else None
        return ctx, _Source(chunks=chunks, rows=rows, path=path)
    if isinstance(lots, Mapping):
        raise TypeError("lots must be a path or an iterable of mappings, not one mapping")
    if isinstance(lots, CsvChunk):
        return ctx, _Source(chunks=iter([lots]))
    if is_table(lots):
        table = lot_table(lots, required=required, first_line=first_line)
        if table is not None:
            return ctx, _Source(table=table)
        lots = _records(lots)
    mapped = iter_mappings(
        lots, required=required, first_line=first_line, optional=OPTIONAL_LOT_COLUMNS
    )
    return ctx, _Source(rows=mapped)


def _records(table: Any) -> list[dict[str, object]]:
    """A table DuckDB does not read as it is (see ``_frames.py``), as mappings."""
    if hasattr(table, "to_pylist"):
        rows: list[dict[str, object]] = table.to_pylist()
        return rows
    records: list[dict[str, object]] = table.to_dict("records")
    return records


def _connect(jobs: int, tmp: str) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(
        ":memory:",
        config={
            "threads": jobs,
            "memory_limit": MEMORY_LIMIT,
            "temp_directory": tmp,
            # Tables and scans keep the order rows come in: the file's lines are
            # numbered in file order, and the results written in line order.
            "preserve_insertion_order": True,
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
        },
    )
    # A database file in the run's temporary folder, not ":memory:": its tables
    # can leave memory for the disk when they outgrow MEMORY_LIMIT.
    con.execute(_sql("run_attach"), {"path": os.path.join(tmp, "run.duckdb")})
    con.execute("USE run")
    for name in _MACROS:
        con.execute(_sql(name))
    return con


def _run(
    ctx: LotContext,
    source: _Source,
    jobs: int,
    progress: Callable[[int], None] | None,
    ledger: Ledger | None = None,
) -> LotRun:
    tmp = tempfile.TemporaryDirectory(prefix="fairmined-lots-")
    try:
        con = _connect(jobs, tmp.name)
    except BaseException:
        source.close()
        tmp.cleanup()
        raise
    run = LotRun(con, tmp)
    try:
        if ledger is not None:
            _ledger.attach(con, ledger.path)
        _reference_tables(con, ctx)
        for name in ("verdicts", "extra"):
            con.execute(_sql(name))
        con.execute(_sql("known_none" if ledger is None else "known_ledger"))
        py = _Rows(con, ledger is not None)
        _read(con, ctx, source, py, progress)
        py.flush()
        run._fine = py.fine
        con.execute(_sql("same_none" if ledger is None else "same_known"))
        _across_rows(con, ctx, py.fine)
        con.execute(_sql("more_findings"))
        more = con.execute(_sql("more_count")).fetchone()
        big = more is not None and more[0] > JOIN_ROWS
        con.execute(_sql("joined").replace("{kind}", "TABLE" if big else "VIEW"))
        con.execute(_sql("texts"))
        con.execute(_sql("final_view"))
        if ledger is not None:
            _ledger.record(con, ledger)
    except duckdb.OutOfMemoryException as e:
        source.close()
        run.close()
        raise _out_of_memory(e, source.path) from None
    except BaseException:
        source.close()
        run.close()
        raise
    return run


def _out_of_memory(e: duckdb.OutOfMemoryException, path: str | None) -> OSError:
    """DuckDB's out-of-memory error as one line naming the limit (the CLI prints it)."""
    first = str(e).splitlines()[0] if str(e) else type(e).__name__
    return OSError(
        errno.ENOMEM,
        f"lot verification ran out of memory within DuckDB's limit of {MEMORY_LIMIT} "
        f"(fairmined.lots.MEMORY_LIMIT): {first}",
        path,
    )


def _read(
    con: duckdb.DuckDBPyConnection,
    ctx: LotContext,
    source: _Source,
    py: _Rows,
    progress: Callable[[int], None] | None,
) -> None:
    """Steps 2 and 3: every row read and judged, its verdict in the ``verdicts`` table."""
    if source.table is not None:
        con.register("lot_frame", source.table.arrow)
        _check(con, ctx, py, {}, present=source.table.present)
        if progress is not None:
            progress(source.table.arrow.num_rows)
        return
    if source.rows is not None:
        for raw in source.rows:
            py.add(verdict(ctx, raw), raw.cells)
            if progress is not None and py.count % 1000 == 0:
                progress(py.count)
        return
    if source.chunks is not None:
        _read_csv(con, ctx, source.chunks, py, progress, source.path)


def _read_csv(
    con: duckdb.DuckDBPyConnection,
    ctx: LotContext,
    chunks: Iterator[CsvChunk],
    py: _Rows,
    progress: Callable[[int], None] | None,
    path: str | None = None,
) -> None:
    """A CSV file: read by DuckDB itself when it is plain (:func:`_plain_file`), else in
    chunks, checked a batch of about :data:`BATCH_CHARS` characters at a time."""
    first = next(chunks, None)
    if first is None:
        return
    header = list(first.header)
    if path is not None and first.first_line == 2 and _plain_file(path):
        try:
            con.execute(_sql("read_lines"), {"path": path})
        except duckdb.InvalidInputException:
            pass  # a line DuckDB will not read (too long): the chunks read it
        else:
            dense = con.execute(_sql("raw_dense")).fetchone()
            con.execute(_sql("raw_lines" if dense is not None and dense[0] else "raw_numbered"))
            _check(con, ctx, py, _cell_indices(header), header)
            if progress is not None:
                progress(py.count)
            return
    con.execute(_sql("chunks"))
    done = pending = 0
    for chunk in itertools.chain([first], chunks):
        if _plain(chunk.text):
            con.execute(_sql("add_chunk"), {"first_line": chunk.first_line, "body": chunk.text})
            pending += len(chunk.text)
        else:
            for raw in chunk.rows():
                py.add(verdict(ctx, raw), raw.cells)
        if pending >= BATCH_CHARS:
            _check_chunks(con, ctx, py, header)
            pending = 0
        done += chunk.text.count("\n")
        if progress is not None:
            progress(done)
    if pending:
        _check_chunks(con, ctx, py, header)


def _check_chunks(
    con: duckdb.DuckDBPyConnection, ctx: LotContext, py: _Rows, header: list[str]
) -> None:
    """Step 3 on the chunks of a batch, numbered into lines."""
    con.execute(_sql("lines"))
    _check(con, ctx, py, _cell_indices(header), header)
    con.execute(_sql("clear_chunks"))


def _plain_file(path: str) -> bool:
    """Whether DuckDB may read this CSV file line by line (``read_lines.sql``).

    Not with a double quote (a quoted cell may hold commas or line breaks), a
    carriage return that does not end a line, text that is not UTF-8, or a
    NUL or the byte DuckDB is told separates cells (chr(1)). Checked a block
    at a time by bytes methods, with no Python step per line.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    cr = False  # the last block ended with a carriage return
    with open(path, "rb") as fh:
        while block := fh.read(1 << 24):
            if cr and not block.startswith(b"\n"):
                return False
            cr = block.endswith(b"\r")
            body = block[:-1] if cr else block
            if b'"' in body or b"\x00" in body or b"\x01" in body:
                return False
            if b"\r" in body and body.count(b"\r") != body.count(b"\r\n"):
                return False
            if not block.isascii():
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    return False
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return not cr


def _check(
    con: duckdb.DuckDBPyConnection,
    ctx: LotContext,
    py: _Rows,
    params: dict[str, Any],
    header: list[str] | None = None,
    present: tuple[str, ...] = (),
) -> None:
    """Step 3 on a batch of rows: a CSV batch in ``csv_lines`` (``header`` given), or the table.

    The rows it leaves go to the Python reference: a CSV line read again by
    the csv module, a table's row as the mapping of its ``present`` columns.
    """
    cells = _sql("cells_csv") if header is not None else _sql("cells_table")
    query = _sql("check").replace("{cells}", cells)
    params = {
        **params,
        "source": ctx.certificates_source,
        "ledger": py.ledger,
        "has_production": bool(ctx.production),
    }
    con.execute(query, params)
    # Fetched whole (a batch's odd lines), then dropped: the Python reference's
    # verdicts take their place.
    if header is not None:
        pending = con.execute(_sql("pending")).fetchall()
        con.execute(_sql("drop_pending"))
        for line, raw in pending:
            for row in _reread(raw, line, header):
                py.add(verdict(ctx, row), row.cells)
        return
    where = {c: i + 1 for i, c in enumerate((*LOT_COLUMNS, *OPTIONAL_LOT_COLUMNS))}
    rows = con.execute(_sql("pending_table").replace("{cells}", cells)).fetchall()
    con.execute(_sql("drop_pending"))
    for values in rows:
        cells_of = {c: values[where[c]] for c in present}
        for row in _reread(cells_of, values[0], None):
            py.add(verdict(ctx, row), row.cells)


def _reread(raw: str | Mapping[str, str], line: int, header: list[str] | None) -> list[RawRow]:
    """A row SQL left to the Python reference, read by the library's own readers."""
    if isinstance(raw, str):
        assert header is not None
        from fairmined.lots._inputs import _csv_rows

        return list(_csv_rows(CsvRecords([raw], first=line, columns=header), header))
    return list(iter_mappings([raw], required=(), first_line=line))


def _plain(text: str) -> bool:
    """Whether DuckDB may split this CSV text at line breaks and commas.

    Not with a double quote (a quoted cell may hold commas or line breaks), a
    carriage return that does not end a line, text that is not UTF-8 (read
    with surrogate escapes), or a line longer than the csv module reads.
    """
    if '"' in text:
        return False
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return False
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return False
    return len(text) <= _LONGEST_LINE or max(map(len, text.split("\n"))) <= _LONGEST_LINE


def _cell_indices(header: list[str]) -> dict[str, int]:
    """Where each lot column is in a CSV row (1-based; 0 for a column the file lacks)."""
    where = {c: i + 1 for i, c in enumerate(header)}
    params = {c: where.get(c, 0) for c in (*LOT_COLUMNS, *OPTIONAL_LOT_COLUMNS)}
    params["columns"] = len(header)
    return params


def _reference_tables(con: duckdb.DuckDBPyConnection, ctx: LotContext) -> None:
    """Step 1: certificates, the schedules of their standards, and declared production."""
    stds: dict[int, int] = {}
    standards: list[Any] = []
    cols: dict[str, list[Any]] = {
        k: []
        for k in (
            "cert",
            "std",
            "metals",
            "scope",
            "eco",
            "valid_from",
            "valid_to",
            "from_text",
            "until_text",
            "status",
            "since",
            "since_text",
            "models",
            "models_text",
            "std_models_text",
            "std_models",
        )
    }
    for cid, cert in ctx.certificates.items():
        key = stds.setdefault(id(cert.standard), len(stds))
        if key == len(standards):
            standards.append(cert.standard)
        metals = sorted(m.value for m in cert.metals)
        for name, value in (
            ("cert", cid),
            ("std", key),
            ("metals", metals),
            ("scope", ", ".join(metals)),
            ("eco", cert.ecological),
            ("valid_from", cert.valid_from),
            ("valid_to", cert.valid_to),
            ("from_text", cert.valid_from.isoformat()),
            ("until_text", cert.valid_to.isoformat() if cert.valid_to else "open-ended"),
            ("status", cert.status),
            ("since", cert.status_since),
            ("since_text", cert.status_since.isoformat() if cert.status_since else None),
            *_supply_cells(cert),
        ):
            cols[name].append(value)
    con.execute(_sql("certificates"), cols)
    con.execute(_sql("supply"), _supply(standards))
    con.execute(_sql("rates"), _rates(standards))
    prod: dict[str, list[Any]] = {
        k: [] for k in ("period", "cert", "metal", "p_start", "p_end", "declared7", "declared_text")
    }
    for i, p in enumerate(ctx.production):
        prod["period"].append(i)
        prod["cert"].append(p.certificate_id)
        prod["metal"].append(p.metal.value)
        prod["p_start"].append(p.period_start)
        prod["p_end"].append(p.period_end)
        prod["declared7"].append(_units(p.fine_mass_g, 7, 10**30))
        prod["declared_text"].append(p.fine_mass_text)
    con.execute(_sql("production"), prod)


def _supply_cells(cert: Certificate) -> tuple[tuple[str, Any], ...]:
    """A certificate's supply models (None: not known) and its standard's, as messages list them."""
    models = None if cert.supply_models is None else sorted(cert.supply_models)
    return (
        ("models", models),
        ("models_text", None if models is None else ", ".join(models) or "no supply model"),
        ("std_models_text", ", ".join(m.id for m in cert.standard.supply_models) or "none"),
        ("std_models", [m.id for m in cert.standard.supply_models]),
    )


def _supply(standards: list[Any]) -> dict[str, list[Any]]:
    """The supply models of ``standards`` with their duties, as the columns of ``supply.sql``."""
    cols: dict[str, list[Any]] = {k: [] for k in ("std", "model", "name", "scoped", "traced")}
    for key, std in enumerate(standards):
        for m in std.supply_models:
            cols["std"].append(key)
            cols["model"].append(m.id)
            cols["name"].append(m.name)
            cols["scoped"].append("certificate_scope" in m.duties)
            cols["traced"].append("declared_production" in m.duties)
    return cols


def _rates(standards: list[Any]) -> dict[str, list[Any]]:
    """The schedule rows of ``standards`` as the columns of ``rates.sql``."""
    cols: dict[str, list[Any]] = {
        k: []
        for k in (
            "std",
            "metal",
            "prio",
            "eff_from",
            "eff_to",
            "floor4",
            "prem4",
            "prem_kg2",
            "eco4",
            "eco_kg2",
            "usable",
            "std_id",
            "sched_text",
            "floor_text",
            "prem_text",
            "eco_text",
            "floor_args",
            "prem_args",
            "eco_args",
        )
    }
    for key, std in enumerate(standards):
        for prio, row in enumerate(std.pricing):
            floor4 = _units(row.floor.value, 4)
            prem = _figure(row.premium)
            eco = _figure(row.ecological_premium)
            for name, value in (
                ("std", key),
                ("metal", row.metal.value),
                ("prio", prio),
                ("eff_from", row.effective_from),
                ("eff_to", row.effective_to),
                ("floor4", floor4),
                ("prem4", prem[0]),
                ("prem_kg2", prem[1]),
                ("eco4", eco[0]),
                ("eco_kg2", eco[1]),
                ("usable", floor4 is not None),
                ("std_id", std.id),
                ("sched_text", f"schedule from {row.effective_from.isoformat()}"),
                ("floor_text", row.floor.describe()),
                ("prem_text", row.premium.describe()),
                ("eco_text", row.ecological_premium.describe()),
                ("floor_args", _members(rule_args(row.floor))),
                ("prem_args", _members(rule_args(row.premium))),
                ("eco_args", _members(rule_args(row.ecological_premium))),
            ):
                cols[name].append(value)
    return cols


def _members(args: dict[str, str]) -> str:
    """Arguments as the members of a JSON object, keys sorted, without its braces."""
    return json.dumps(args, sort_keys=True, ensure_ascii=False)[1:-1]


def _figure(fig: Any) -> tuple[str | None, str | None]:
    """A premium as (fraction in 10^-4, USD cents per kg); (None, None) if SQL cannot use it."""
    if fig.kind == "fraction_of_reference":
        return _units(fig.value, 4), None
    if fig.currency != "USD":
        return None, None  # the Python reference reports it
    return None, _units(fig.value, 2)


def _across_rows(con: duckdb.DuckDBPyConnection, ctx: LotContext, fine: dict[int, Decimal]) -> None:
    """Step 4's mass balance: its findings into the ``extra`` table (duplicates are in SQL)."""
    if not ctx.production:
        return
    found: dict[int, Finding] = {}
    if fine or any(_units(p.fine_mass_g, 7, 10**30) is None for p in ctx.production):
        # A mass that does not fit 10^-7 g: the Python reduction, on every entry.
        cursor = con.execute(_sql("entries"))
        entries = []
        while batch := cursor.fetchmany(CHUNK_ROWS):
            for period, day, line, fine7 in batch:
                f = fine.get(line)
                g = f if f is not None else Decimal(int(fine7)).scaleb(-7, CONTEXT)
                entries.append((period, day.toordinal(), line, g))
        found = mass_balance_findings(ctx, entries)
    else:
        for line, period, total in con.execute(_sql("over")).fetchall():
            p = ctx.production[period]
            found[line] = _mass_finding(p, Decimal(int(total)).scaleb(-7, CONTEXT))
    if found:
        lines = sorted(found)
        con.execute(
            _sql("add_extra"),
            {
                "line": lines,
                "check_name": [found[n].check for n in lines],
                "message": [found[n].message for n in lines],
                "args": [_args_json(found[n].args) for n in lines],
            },
        )
