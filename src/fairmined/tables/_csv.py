"""Strict CSV, read line by line: a broken quote is reported where it starts.

Every CSV reader of the library (lots, certificates, production, prices,
rates, sales) reads records with :class:`CsvRecords`. It follows RFC 4180:

* a cell is either unquoted, holding no double quote, or quoted from its first
  character, with ``""`` for a quote inside it; a quoted cell may hold the
  delimiter and line breaks, so one record may span several lines;
* after a closing quote comes the delimiter or the end of the line.

A record that breaks these rules is **broken**: a double quote inside an
unquoted cell (``ab"c``, or a space before the opening quote), text after a
closing quote (``"ab"c``), a quote that is not closed before the end of the
file or within :data:`FIELD_LIMIT` characters, or a record spanning several
lines whose cell count differs from the header's. A broken record is its
first line only: that line is reported, with a one-line reason naming the
cell, and reading goes on at the next line, so one stray quote never swallows
the rows after it. Lines are split where Python's universal newlines split
them (``\\n``, ``\\r\\n`` or a lone ``\\r``), and counted the same way.

Each record costs time linear in its length; a broken record's lines are read
at most twice (once looking for its end, once as rows of their own), and the
look-ahead holds at most :data:`FIELD_LIMIT` characters.
"""

from __future__ import annotations

import csv
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence

import attrs

__all__ = ["FIELD_LIMIT", "CsvRecord", "CsvRecords"]

#: The longest cell read, in characters (the csv module's default limit); a
#: quote still open this far after it was opened is broken.
FIELD_LIMIT = 131_072
_ENDS = ("", "\n", "\r\n", "\r")


@attrs.frozen
class CsvRecord:
    """One record: its first line, how many lines it takes, its cells or why it is broken."""

    line: int
    lines: int
    cells: list[str] | None
    error: str | None = None


class _Broken(Exception):
    """A record breaks the rules: the cell at fault, what is wrong, and how to mend it."""

    def __init__(self, index: int, what: str, mend: str = "") -> None:
        super().__init__(what)
        self.index, self.what, self.mend = index, what, mend


_MEND = "quote the whole cell and double any quote inside it"


class CsvRecords:
    """Strict CSV records from ``lines`` (text with line breaks kept), numbered from ``first``.

    ``columns`` (set when the header is known) name cells in reasons and give
    the cell count a record spanning several lines must have. Iterate for
    records; :meth:`read_lines` takes raw lines (for text handed on as it is)
    and :attr:`line` is the number of the next line to be read.
    """

    def __init__(
        self,
        lines: Iterable[str],
        *,
        first: int = 1,
        delimiter: str = ",",
        columns: Sequence[str] | None = None,
    ) -> None:
        self._it = iter(lines)
        self._back: deque[str] = deque()
        self.line = first
        self.delimiter = delimiter
        self.columns = tuple(columns) if columns is not None else None
        self._spans = -1  # the first cell of the record being read that spans lines
        # A whole well-formed line with quotes, read by the csv module (C) instead of
        # cell by cell. Possessive quantifiers: no backtracking, linear time.
        cell = f'(?:"(?:[^"]|"")*+"|[^"{re.escape(delimiter)}\r\n]*+)'
        self._line_ok = re.compile(f"{cell}(?:{re.escape(delimiter)}{cell})*+(?:\r\n|\n|\r)?")

    # ------------------------------------------------------------------ lines

    def _next(self) -> str | None:
        text = self._back.popleft() if self._back else next(self._it, None)
        if text is not None:
            self.line += 1
        return text

    def read_lines(self, chars: int) -> list[str]:
        """Raw lines, about ``chars`` characters of them (at least one, if any is left)."""
        out: list[str] = []
        size = 0
        while size < chars and (text := self._next()) is not None:
            out.append(text)
            size += len(text)
            if not self._back and size < chars:
                readlines = getattr(self._it, "readlines", None)
                if readlines is not None:  # a file: read the rest in one call
                    more = readlines(chars - size)
                    out.extend(more)
                    self.line += len(more)
                    break
        return out

    def unread(self, lines: Sequence[str]) -> None:
        """Put back ``lines`` (the last ones read, in order): they are read again next."""
        self._back.extendleft(reversed(lines))
        self.line -= len(lines)

    # ---------------------------------------------------------------- records

    def __iter__(self) -> Iterator[CsvRecord]:
        while (record := self.read_record()) is not None:
            yield record

    def read_record(self) -> CsvRecord | None:
        """The next record, or ``None`` at the end of the lines."""
        return self.read_record_text()[0]

    def read_record_text(self) -> tuple[CsvRecord | None, list[str]]:
        """The next record and the raw lines it took."""
        start = self.line
        first = self._next()
        if first is None:
            return None, []
        taken = [first]
        self._spans = -1
        try:
            if '"' not in first:
                return CsvRecord(start, 1, self._plain(first)), taken
            if (cells := self._whole_line(first)) is not None:
                return CsvRecord(start, 1, cells), taken
            cells = self._quoted(taken)
            n = len(self.columns) if self.columns is not None else len(cells)
            if len(taken) > 1 and len(cells) != n:
                raise _Broken(len(cells) - 1, f"the row has {len(cells)} cells, not {n}")
        except _Broken as e:
            self.unread(taken[1:])
            return CsvRecord(start, 1, None, self._reason(e, start + len(taken) - 1)), taken[:1]
        return CsvRecord(start, len(taken), cells), taken

    def _reason(self, e: _Broken, last: int) -> str:
        mend = f"; {e.mend}" if e.mend else ""
        if self._spans < 0:
            return f"{self._name(e.index)}: {e.what}{mend}"
        what = e.what.replace("this cell", f"{self._name(e.index)}")
        return (
            f"{self._name(self._spans)}: the quote that opens this cell is not closed on this "
            f"line, and the row it would make is broken on line {last} ({what}){mend}"
        )

    def _name(self, index: int) -> str:
        if self.columns is not None and 0 <= index < len(self.columns) and self.columns[index]:
            return self.columns[index]
        return f"cell {index + 1}"

    def _plain(self, text: str) -> list[str]:
        cells = text.rstrip("\r\n").split(self.delimiter)
        if len(text) > FIELD_LIMIT:
            for i, cell in enumerate(cells):
                if len(cell) > FIELD_LIMIT:
                    raise _Broken(i, f"longer than {FIELD_LIMIT:,} characters")
        return cells

    def _whole_line(self, text: str) -> list[str] | None:
        """The cells of a line that is a well-formed record on its own; ``None`` otherwise."""
        if not self._line_ok.fullmatch(text):
            return None
        try:
            return next(csv.reader([text], delimiter=self.delimiter, strict=True))
        except csv.Error:  # a cell over the csv module's limit: read cell by cell
            return None

    def _quoted(self, taken: list[str]) -> list[str]:
        """The cells of a record with a quote; ``taken`` grows by the lines it spans."""
        d = self.delimiter
        cur, pos = taken[0], 0
        cells: list[str] = []
        while True:
            i = len(cells)
            if cur.startswith('"', pos):
                cell, cur, pos = self._quoted_cell(taken, cur, pos + 1, i)
                cells.append(cell)
                if cur.startswith(d, pos):  # no slice of the rest: linear in the line
                    pos += 1
                    continue
                if cur[pos : pos + 2] in _ENDS and cur[pos : pos + 3] in _ENDS:
                    return cells
                raise _Broken(i, f"text after the closing quote ({_shown(cur[pos:])})", _MEND)
            k = cur.find(d, pos)
            end = k if k >= 0 else len(cur.rstrip("\r\n"))
            cell = cur[pos:end]
            if '"' in cell:
                why = (
                    "a space before the opening quote"
                    if cell.lstrip().startswith('"')
                    else "a double quote inside a cell that does not start with one"
                )
                raise _Broken(i, f"{why} ({_shown(cell)})", _MEND)
            if len(cell) > FIELD_LIMIT:
                raise _Broken(i, f"longer than {FIELD_LIMIT:,} characters")
            cells.append(cell)
            if k < 0:
                return cells
            pos = k + 1

    def _quoted_cell(self, taken: list[str], cur: str, j: int, i: int) -> tuple[str, str, int]:
        """A quoted cell from ``cur[j:]`` (after its opening quote): its text, its last line
        and where it ends there."""
        parts: list[str] = []
        size = 0
        while True:
            k = cur.find('"', j)
            if k < 0:
                parts.append(cur[j:])
                size += len(cur) - j
                more = self._next() if size <= FIELD_LIMIT else None
                if more is None:
                    where = "within" if size > FIELD_LIMIT else "before the end of the file"
                    limit = f" {FIELD_LIMIT:,} characters" if size > FIELD_LIMIT else ""
                    if self._spans in (-1, i):  # this cell is the one left open
                        self._spans = -1
                    raise _Broken(i, f"the quote that opens this cell is not closed {where}{limit}")
                if self._spans < 0:
                    self._spans = i
                taken.append(more)
                cur, j = more, 0
                continue
            if cur.startswith('"', k + 1):
                parts.append(cur[j : k + 1])
                size += k + 1 - j
                j = k + 2
                continue
            parts.append(cur[j:k])
            size += k - j
            if size > FIELD_LIMIT:
                raise _Broken(i, f"longer than {FIELD_LIMIT:,} characters")
            return "".join(parts), cur, k + 1


def _shown(text: str, width: int = 20) -> str:
    """A bit of a line, quoted, for a reason: at most ``width`` characters."""
    text = text.rstrip("\r\n")
    return repr(text if len(text) <= width else text[:width] + "…")
