"""Lot verification results as JSON objects and CSV rows, and their stream for a format."""

from __future__ import annotations

import csv
import importlib.resources
import io
import json
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring
from typing import Any, NamedTuple

from fairmined.lots import LotResult, LotSummary
from fairmined.model import Money
from fairmined.report._documents import DOCUMENTS, versioned
from fairmined.report._format import json_safe, money_json, terminal_safe
from fairmined.report._output import Stream

__all__ = [
    "LOT_CSV_COLUMNS",
    "LOT_CSV_SQL",
    "LOT_JSON_SQL",
    "LineSql",
    "lot_csv_row",
    "lot_csv_text",
    "lot_json",
    "lot_json_text",
    "lot_summary_json",
    "lot_writer",
    "lots_stream",
    "lots_stream_ends",
    "neutralise",
    "summary_json",
]

LOT_CSV_COLUMNS = (
    "line",
    "lot_id",
    "status",
    "checks",
    "messages",
    "premium_due",
    "premium_paid",
    "currency",
    "reason",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _sql(name: str) -> str:
    return (importlib.resources.files("fairmined.report") / "sql" / name).read_text("utf-8")


class LineSql(NamedTuple):
    """SQL that writes a lot result as a line of a format, exactly as its Python renderer does:
    ``text``, an expression over the result's columns, for the results where ``when`` holds;
    the lots engine writes the lines with it (:meth:`fairmined.lots.LotRun.write`) and
    leaves the rest to the renderer. A test holds the two equal."""

    when: str
    text: str


LOT_JSON_SQL = LineSql(_sql("lot_json_when.sql"), _sql("lot_json.sql"))
LOT_CSV_SQL = LineSql(_sql("lot_csv_when.sql"), _sql("lot_csv.sql"))


def lot_json(r: LotResult) -> dict[str, Any]:
    """One result as the JSON object of the ``verify-lots`` output.

    A finding carries its check (the code), the English message and its
    arguments; an invalid row its English reason, ``reason_code`` and
    ``reason_args`` (see :class:`fairmined.lots.LotResult`).
    """
    out = {
        "format": DOCUMENTS["lot"],
        "line": r.line,
        "lot_id": r.lot_id,
        "status": r.status,
        "findings": [
            {"check": f.check, "message": f.message, "args": dict(sorted(f.args.items()))}
            for f in r.findings
        ],
        "premium_due": money_json(r.premium_due),
        "premium_paid": money_json(r.premium_paid),
        "reason": r.reason,
    }
    if r.reason is not None:
        out["reason_code"] = r.reason_code
        out["reason_args"] = dict(r.reason_args)
    return out


_encode = json.JSONEncoder(ensure_ascii=False).encode
_LOT = DOCUMENTS["lot"]


def lot_json_text(r: LotResult) -> str:
    """``json.dumps(lot_json(r), ensure_ascii=False)``, written out directly for a passing lot.

    Characters a terminal would act on (C1 controls, bidi overrides) are
    ``\\u`` escapes (:func:`json_safe`): the same JSON data.

    The command line writes most lines in SQL (``LOT_JSON_SQL``) and
    renders the rest with this; a passing lot skips building a dict and
    walking it. A test holds the two equal.
    """
    due, paid, lot_id = r.premium_due, r.premium_paid, r.lot_id
    if (
        r.status != "pass"
        or r.findings
        or r.reason is not None
        or due is None
        or paid is None
        or lot_id is None
    ):
        return json_safe(_encode(lot_json(r)))
    return (
        f'{{"format": "{_LOT}", "line": {r.line}, '
        f'"lot_id": {json_safe(encode_basestring(lot_id))}, "status": "pass", '
        f'"findings": [], "premium_due": {{"amount": "{due.amount:f}", '
        f'"currency": {encode_basestring(due.currency)}}}, "premium_paid": '
        f'{{"amount": "{paid.amount:f}", "currency": {encode_basestring(paid.currency)}}}, '
        f'"reason": null}}'
    )


def summary_json(s: LotSummary) -> dict[str, Any]:
    """The summary object: counts by status and by check, premium totals in USD (the
    ``summary`` of :func:`lot_summary_json` and of the ``fairmined-lots`` document)."""

    def usd(amount: Any) -> dict[str, str] | None:
        return money_json(Money(amount, "USD").rounded())

    return {
        "rows": s.rows,
        "by_status": dict(s.by_status),
        "by_check": dict(s.by_check),
        "premium_due": usd(s.premium_due),
        "premium_paid": usd(s.premium_paid),
        "shortfall": usd(s.shortfall),
    }


def lot_summary_json(s: LotSummary) -> dict[str, Any]:
    """The summary as its own document (the last line of JSON Lines)."""
    return versioned("lot-summary", {"summary": summary_json(s)})


def neutralise(cell: str) -> str:
    """Prefix a quote to a cell a spreadsheet would run as a formula (= + - @, tab, CR);
    escape the characters a terminal would act on (:func:`terminal_safe`)."""
    safe = terminal_safe(cell)
    return "'" + safe if cell.startswith(_FORMULA_STARTS) else safe


def lot_csv_row(r: LotResult) -> list[str]:
    """One result as CSV cells (see :data:`LOT_CSV_COLUMNS`), formulas neutralised."""
    cells = [
        str(r.line),
        r.lot_id or "",
        r.status,
        ";".join(f.check for f in r.findings),
        " | ".join(f.message for f in r.findings),
        "" if r.premium_due is None else format(r.premium_due.amount, "f"),
        "" if r.premium_paid is None else format(r.premium_paid.amount, "f"),
        "USD" if r.premium_due is not None or r.premium_paid is not None else "",
        r.reason or "",
    ]
    return [neutralise(c) for c in cells]


def lot_csv_text(r: LotResult) -> str:
    """One result as a CSV record (:func:`lot_csv_row`), without its line terminator."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(lot_csv_row(r))
    return buf.getvalue()[:-1]


def lot_writer(line: str) -> tuple[Callable[[LotResult], str], LineSql]:
    """How a format whose items are ``line`` (``json`` or ``csv``) writes each lot: the
    function, and the SQL expression that writes a passing lot the same way."""
    if line == "csv":
        return lot_csv_text, LOT_CSV_SQL
    if line == "json":
        return lot_json_text, LOT_JSON_SQL
    raise ValueError(f"no lot writer for lines of {line!r}")


#: A block standing for the lots' lines, to find what a format writes around them.
_MARK = "\x00lots\x00\n"


def lots_stream_ends(
    stream: Callable[[Stream], Iterable[str]], summary: LotSummary
) -> tuple[str, str] | None:
    """What a streaming format writes before and after the lots' lines (the CSV header, the
    JSON Lines summary), or None if it changes the lines themselves (a JSON document)."""
    parts = list(stream(lots_stream([_MARK], summary)))
    if _MARK not in parts:
        return None
    i = parts.index(_MARK)
    return "".join(parts[:i]), "".join(parts[i + 1 :])


def lots_stream(blocks: Iterable[str], summary: LotSummary) -> Stream:
    """Lots already written (blocks of lines) for a streaming format; ``summary`` is read
    once every block is written, since the blocks fill it."""
    return Stream(
        blocks,
        columns=LOT_CSV_COLUMNS,
        key="lots",
        document=DOCUMENTS["lots"],
        summary_document=DOCUMENTS["lot-summary"],
        summary=lambda: summary_json(summary),
    )
