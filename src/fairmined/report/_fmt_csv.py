"""``csv``: a header line, then one row per item (cells a spreadsheet would run neutralised)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

from fairmined.report._output import OutputFormat, Stream

__all__ = ["CSV", "csv_text"]


def _line(cells: Sequence[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(cells)
    return buf.getvalue()


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """The columns' header line, then each row, ``\\n``-terminated."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue()


def _stream(s: Stream) -> Iterator[str]:
    yield _line(s.columns)
    yield from s.blocks


CSV = OutputFormat("csv", "CSV with a header line", table=csv_text, line="csv", stream=_stream)
