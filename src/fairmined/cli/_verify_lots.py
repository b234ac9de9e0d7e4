"""``fairmined verify-lots``: check every lot a buyer bought, and the mass balance."""

from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import IO, Any

from ._common import (
    add_command,
    add_output,
    add_table_options,
    atomic_output,
    atomic_path,
    days,
    metal_values,
    standard_values,
    stdout_writer,
)

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = add_command(
        sub,
        "verify-lots",
        help="verify certified lots: certificates, floor price, premium, mass balance",
        description="Check every lot of a purchase file against the sellers' certificates, "
        "the floor price and the premium due, and the certificates' declared production.",
        example="fairmined verify-lots examples/lots/lots.csv --certificates "
        "examples/lots/certificates.csv --production examples/lots/production.csv --format text",
        values=lambda: [
            standard_values("standard column of the certificates file"),
            metal_values("metal column of the lots, certificates and production files"),
        ],
        ok="every lot passes",
        negative="a lot fails or is invalid (a bad row does not stop the run)",
    )
    p.add_argument(
        "lots", metavar="LOTS", help="lots file: CSV with a header, an .xlsx sheet, or JSON Lines"
    )
    p.add_argument("--certificates", required=True, metavar="FILE", help="certificates file")
    p.add_argument(
        "--production",
        metavar="FILE",
        help="declared production per certificate and period (for mass balance)",
    )
    p.add_argument(
        "--prices",
        metavar="FILE",
        help="reference prices (date,metal,session,usd_per_troy_ounce) for lots "
        "whose reference_price is empty",
    )
    p.add_argument(
        "--max-price-age",
        type=days,
        default=None,
        metavar="DAYS",
        help="with --prices: a lot whose price is more than DAYS days older than its sale is "
        "invalid (default 7: there is no LBMA price on weekends and UK bank holidays, never "
        "for more than five days in a row)",
    )
    add_output(
        p,
        "lots",
        default="jsonl",
        help="output format (default jsonl); text, markdown and html give a summary for "
        "people with the lots that failed; xlsx a workbook of every lot and the summary",
    )
    add_table_options(p, "the LOTS file", sheets=("certificates", "production", "prices"))
    p.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="DuckDB threads for the per-lot checks (default 1)",
    )
    p.add_argument(
        "--ledger",
        metavar="FILE",
        help="the buyer's ledger (a DuckDB file, created if missing): duplicates and mass "
        "balance also count earlier deliveries, and this run's lots are recorded",
    )
    p.set_defaults(func=run)


def _jobs(text: str) -> int:
    # ArgumentTypeError, not a ValueError: argparse would replace the message
    # with "invalid _jobs value".
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    # More DuckDB threads than the machine runs only oversubscribe it: a typo
    # such as --jobs 1000 is refused.
    limit = max(8, 4 * (os.cpu_count() or 1))
    if n > limit:
        raise argparse.ArgumentTypeError(
            f"at most {limit} threads on this machine (4 per CPU), not {text!r}"
        )
    return n


class _Progress:
    """A one-line counter on stderr, redrawn at most five times a second."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __call__(self, rows: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.2:
            return
        self.last = now
        rate = rows / max(now - self.start, 1e-9)
        width = 30
        filled = int(now * 4) % (width + 1)
        bar = "#" * filled + "." * (width - filled)
        self.stream.write(f"\rchecking lots [{bar}] {rows:,} rows, {rate:,.0f} rows/s ")
        self.stream.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


def run(args: argparse.Namespace) -> int:
    from fairmined.errors import InputError
    from fairmined.lots import LotSummary, run_lots, verify_lots
    from fairmined.report import FORMATS, translator

    from ._common import output_format, price_age, table_file, write_file_output

    args.format = output_format(args, default="jsonl")  # --json is --format json
    tr = translator(args.locale)
    fmt = FORMATS[args.format]

    progress = _Progress(sys.stderr) if sys.stderr.isatty() else None
    for flag in ("certificates", "production", "prices"):
        value = getattr(args, flag)
        # A pipe, a FIFO or - (standard input) is read like a file, with the same byte bound.
        if value is not None and value != "-" and not os.path.exists(value):
            raise InputError(f"no such file: {value}", path=f"--{flag}")
        if value is not None and Path(value).is_dir():
            raise InputError(f"a directory, not a file: {value}", path=f"--{flag}")
    if args.out is not None:
        if Path(args.out).is_dir():
            raise InputError("cannot write output: it is a directory", file=args.out)
        if not Path(args.out).parent.is_dir():
            raise InputError("cannot write output: No such file or directory", file=args.out)
    options: dict[str, Any] = {
        "certificates": table_file(args, args.certificates, "certificates"),
        "production": table_file(args, args.production, "production"),
        "prices": table_file(args, args.prices, "prices"),
        "max_price_age": price_age(args),
        "jobs": args.jobs,
        "progress": progress,
        "ledger": args.ledger,
    }
    lots = table_file(args, args.lots)
    summary = LotSummary()
    if args.format == "xlsx":
        from fairmined.report import lots_xlsx

        data = lots_xlsx(verify_lots(lots, **options), summary, tr)
        _done(progress)
        write_file_output(data, args.out, "xlsx")
        return 0 if summary.all_passed else 1
    if fmt.stream is not None and fmt.line is not None:
        _write_lines(args, fmt, lots, options, summary, progress)
        return 0 if summary.all_passed else 1
    # A report for people: the summary, counted in SQL, and the lots that did not pass.
    from fairmined.report import lots_document, render

    with run_lots(lots, **options) as run:
        summary.merge(run.summary())
        problems = list(run.problems())
    _done(progress)
    document = lots_document(summary, problems, tr, inputs=_inputs(args), run_date=date.today())
    with ExitStack() as stack:
        out: IO[str] = (
            stdout_writer() if args.out is None else stack.enter_context(atomic_output(args.out))
        )
        out.write(render(document, args.format))
        out.flush()
    return 0 if summary.all_passed else 1


def _write_lines(
    args: argparse.Namespace,
    fmt: Any,
    lots: Any,
    options: dict[str, Any],
    summary: Any,
    progress: _Progress | None,
) -> None:
    """A format of one line per lot (JSON Lines, CSV, JSON): DuckDB writes the lines, by the
    report layer's SQL expression, and the few it leaves rendered in Python."""
    from fairmined.lots import run_lots
    from fairmined.report import lot_writer, lots_stream, lots_stream_ends

    line_of, sql = lot_writer(fmt.line)
    with run_lots(lots, **options) as run:
        summary.merge(run.summary())
        _done(progress)
        ends = lots_stream_ends(fmt.stream, summary)
        if ends is not None and args.out is not None:
            with atomic_path(args.out) as path:
                run.write(path, line_of, sql, *ends)
            return
        with ExitStack() as stack:
            out: IO[str] = (
                stdout_writer()
                if args.out is None
                else stack.enter_context(atomic_output(args.out))
            )
            if ends is not None:
                out.writelines(run.texts(line_of, sql, *ends))
            else:
                out.writelines(fmt.stream(lots_stream(run.texts(line_of, sql), summary)))
            out.flush()


def _done(progress: _Progress | None) -> None:
    if progress is not None:
        progress.done()


def _inputs(args: argparse.Namespace) -> list[tuple[str, str]]:
    """The files a run read, as (option, path) pairs, for the report to name."""
    kinds = ("lots", "certificates", "production", "prices", "ledger")
    return [(k, str(getattr(args, k))) for k in kinds if getattr(args, k, None) is not None]
