"""Reading the three input files: CSV with a header, or JSON Lines.

Rows are streamed: :func:`iter_rows` yields one :class:`RawRow` at a time and
keeps nothing. A row that cannot be read (wrong number of cells, a line that
is not a JSON object) is yielded with ``error`` set instead of ``cells``, so
the caller can report it and go on. Problems that stop a run before it starts
(a missing file, missing columns, a header that is not UTF-8) raise
:class:`~fairmined.errors.InputError`; a data row holding bytes that are not
UTF-8 is a bad row like any other.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections import Counter
from collections.abc import Generator, Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

import attrs

from fairmined.errors import InputError
from fairmined.files import open_bounded
from fairmined.model import repr_of
from fairmined.tables import CsvRecords

__all__ = [
    "CERTIFICATE_COLUMNS",
    "LOT_COLUMNS",
    "OPTIONAL_CERTIFICATE_COLUMNS",
    "OPTIONAL_LOT_COLUMNS",
    "PRODUCTION_COLUMNS",
    "CsvChunk",
    "RawRow",
    "cell_text",
    "iter_csv_chunks",
    "iter_mappings",
    "iter_rows",
    "open_lots",
]

LOT_COLUMNS = (
    "lot_id",
    "sale_date",
    "certificate_id",
    "metal",
    "gross_mass",
    "fineness",
    "ecological",
    "reference_price",
    "price_paid",
    "premium_paid",
    "currency",
)
#: Lot columns a file may leave out: a lot without a supply model is checked without one.
OPTIONAL_LOT_COLUMNS = ("supply_model",)
CERTIFICATE_COLUMNS = (
    "certificate_id",
    "holder",
    "standard",
    "metals",
    "ecological",
    "valid_from",
    "valid_to",
    "status",
    "status_since",
)
#: Certificate columns a file may leave out (then nothing is known of them).
OPTIONAL_CERTIFICATE_COLUMNS = ("supply_models",)
PRODUCTION_COLUMNS = ("certificate_id", "period_start", "period_end", "metal", "fine_mass")


@attrs.frozen
class RawRow:
    """One data row: its line in the file and its cells by column name, or why it is unreadable."""

    __repr__ = repr_of("line", "cells", "error")

    line: int
    cells: dict[str, str] | None
    error: str | None = None


#: The most bytes a certificates or production file may hold (read whole).
MAX_REFERENCE_BYTES = 64 << 20
#: The most bytes one physical line of a lots file may hold: a lots file is
#: streamed, so this, not the file's size, bounds memory (``/dev/zero`` ends here).
MAX_LINE_BYTES = 16 << 20


class _LineBound(io.RawIOBase):
    """A binary stream that raises once a line runs past ``MAX_LINE_BYTES``."""

    def __init__(self, raw: io.BufferedReader, name: str, what: str) -> None:
        super().__init__()
        self._raw, self._name, self._what = raw, name, what
        self._run = 0  # bytes since the last line break

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        data = self._raw.read1(len(view))
        n = len(data)
        view[:n] = data
        cut = data.rfind(b"\n")
        self._run = n - cut - 1 if cut >= 0 else self._run + n
        if self._run > MAX_LINE_BYTES:
            raise InputError(
                f"{self._what} has a line of more than {MAX_LINE_BYTES} bytes, the most read",
                file=self._name,
                hint="check that this is the right file",
            )
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def _open_text(path: str | Path, name: str, what: str, limit: int) -> tuple[TextIO, bool]:
    """``path`` (``-``: standard input) opened as bounded text, and whether it is JSON Lines.

    The file is opened once and its head peeked at, so a pipe loses nothing.
    """
    raw = open_bounded(path, limit, what=what)
    try:
        jsonl = _is_jsonl(Path(path), raw)
    except OSError as e:
        raw.close()
        raise InputError(f"cannot read {what}: {e.strerror}", file=name) from None
    except BaseException:
        raw.close()
        raise
    buffered = io.BufferedReader(_LineBound(raw, name, what), 1 << 16)
    # surrogateescape: a stray non-UTF-8 byte makes its row invalid, not the run.
    fh = io.TextIOWrapper(buffered, encoding="utf-8-sig", errors="surrogateescape", newline="")
    return fh, jsonl


def _is_jsonl(path: Path, raw: io.BufferedReader) -> bool:
    if path.suffix.lower() in {".jsonl", ".ndjson"}:
        return True
    if path.suffix.lower() in {".csv", ".txt", ".tsv"}:
        return False
    head = raw.peek(4096)[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{")


def iter_rows(
    path: str | Path,
    *,
    required: Iterable[str],
    what: str = "file",
    limit: int = 1 << 62,
    optional: Iterable[str] = (),
) -> Iterator[RawRow]:
    """Stream the data rows of a CSV (header required) or JSON Lines file.

    ``required`` columns must all be in a CSV header, otherwise the run cannot
    start; in JSON Lines, a row lacking a required key is a bad row.
    The file is opened before the first row is asked for, so a missing file
    is reported at once. At most ``limit`` bytes are read (``-``: standard input).
    A name close to one of ``optional`` is refused like one close to a required one.
    """
    name = str(path)
    fh, jsonl = _open_text(path, name, what, limit)
    req, opt = tuple(required), tuple(optional)
    if jsonl:
        return _Guarded(_jsonl_rows(fh, name, req, opt), fh, name)
    reader = CsvRecords(fh)
    try:
        header = _csv_header(reader, name, req, what, opt)
    except BaseException:
        fh.close()
        raise
    return _Guarded(_csv_rows(reader, header), fh, name)


@attrs.frozen
class CsvChunk:
    """Consecutive whole CSV records: their text, and their rows when the text holds a quote.

    A chunk without a double quote is its lines as they are, for DuckDB to
    split; a chunk with one was read record by record by the strict reader
    (:class:`fairmined.tables.CsvRecords`) while it was cut, and :meth:`rows`
    gives those rows, so a broken quote is reported where it starts.
    """

    __repr__ = repr_of("first_line", "header", "text", "read")

    header: tuple[str, ...]
    first_line: int
    text: str
    read: tuple[RawRow, ...] | None = None

    def rows(self) -> Iterator[RawRow]:
        if self.read is not None:
            return iter(self.read)
        text = io.StringIO(self.text, newline="")
        return _csv_rows(
            CsvRecords(text, first=self.first_line, columns=self.header), [*self.header]
        )


def iter_csv_chunks(
    path: str | Path, *, required: Iterable[str], what: str = "file", chars: int
) -> Iterator[CsvChunk] | None:
    """A CSV file as chunks of whole records, about ``chars`` characters each.

    ``None`` for a JSON Lines file.

    Like :func:`iter_rows`, a missing file or missing columns raise at once.
    """
    chunks, rows = open_lots(path, required=required, what=what, chars=chars)
    if rows is not None:
        rows.close()
    return chunks


def open_lots(
    path: str | Path,
    *,
    required: Iterable[str],
    what: str = "file",
    chars: int,
    optional: Iterable[str] = (),
) -> tuple[Iterator[CsvChunk] | None, _Guarded | None]:
    """A lots file opened once: CSV as chunks (:func:`iter_csv_chunks`), or JSON Lines rows.

    ``-`` is standard input; a pipe loses nothing, as the file is opened once.
    """
    name = str(path)
    fh, jsonl = _open_text(path, name, what, 1 << 62)
    req, opt = tuple(required), tuple(optional)
    if jsonl:
        return None, _Guarded(_jsonl_rows(fh, name, req, opt), fh, name)
    reader = CsvRecords(fh)
    try:
        header = tuple(_csv_header(reader, name, req, what, opt))
    except BaseException:
        fh.close()
        raise
    return _Guarded(_chunks_of(reader, header, chars), fh, name), None


def _chunks_of(reader: CsvRecords, header: tuple[str, ...], chars: int) -> Iterator[CsvChunk]:
    """Cut the lines after the header into chunks of whole records, about ``chars`` long.

    Lines without a double quote are each one record, so such a chunk is its
    lines as they are, with no Python step per line. Lines with one are read
    record by record; the last record may take lines beyond the chunk (a
    quoted cell spanning lines), and lines read ahead to find that a record
    is broken are put back for the next chunk.
    """
    while lines := reader.read_lines(chars):
        first = reader.line - len(lines)
        if '"' not in (text := "".join(lines)):
            yield CsvChunk(header, first, text)
            continue
        reader.unread(lines)
        taken: list[str] = []
        rows = _csv_rows(_records_within(reader, len(lines), taken), list(header))
        read = tuple(rows)
        yield CsvChunk(header, first, "".join(taken), read)


def _records_within(reader: CsvRecords, lines: int, taken: list[str]) -> Iterator[Any]:
    """Records of ``reader`` until they have taken at least ``lines`` lines (into ``taken``)."""
    while len(taken) < lines:
        record, text = reader.read_record_text()
        if record is None:
            return
        taken.extend(text)
        yield record


class _Guarded:
    """Rows read from ``fh``, which is closed when they end, fail or are closed (even unread)."""

    def __init__(self, rows: Iterator[Any], fh: TextIO, name: str) -> None:
        self._fh = fh
        self._gen = _guard(rows, fh, name)

    def __iter__(self) -> _Guarded:
        return self

    def __next__(self) -> Any:
        return next(self._gen)

    def close(self) -> None:
        self._gen.close()
        self._fh.close()


def _guard(rows: Iterator[Any], fh: TextIO, name: str) -> Generator[Any, None, None]:
    try:
        yield from rows
    except UnicodeDecodeError as e:
        raise InputError(
            f"not UTF-8 text (bad byte {e.object[e.start : e.start + 1]!r})",
            file=name,
            hint="save the file as UTF-8",
        ) from None
    finally:
        fh.close()


def _csv_header(
    reader: CsvRecords,
    name: str,
    required: tuple[str, ...],
    what: str,
    optional: tuple[str, ...] = (),
) -> list[str]:
    try:
        record = reader.read_record()
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", file=name, hint="save the file as UTF-8") from None
    if record is not None and record.cells is None:
        raise InputError(f"header cannot be read: {record.error}", file=name, line=1)
    header = record.cells if record is not None else None
    bad = _control_character({str(i): h for i, h in enumerate(header or ())})
    if bad:
        raise InputError(
            "header " + bad.split(": ", 1)[1], file=name, line=1, hint="save the file as UTF-8"
        )
    if header is None or not any(h.strip() for h in header):
        raise InputError(
            f"{what} is empty: a header row is needed",
            file=name,
            hint="header: " + ",".join(required),
        )
    cols = [h.strip().lower() for h in header]
    dupes = sorted(c for c, n in Counter(cols).items() if n > 1 and c)
    if dupes:
        raise InputError(
            f"column {dupes[0]} appears more than once in the header", file=name, line=1
        )
    if near := _near_miss(cols, required + optional):
        raise InputError(
            f"unknown column {near[0]!r}", file=name, line=1, hint=f"did you mean {near[1]}?"
        )
    missing = [c for c in required if c not in cols]
    if missing:
        raise InputError(
            f"{what} lacks column{'s' * (len(missing) > 1)} {', '.join(missing)}",
            file=name,
            line=1,
            hint="header: " + ",".join(required),
        )
    reader.columns = tuple(cols)  # names cells in the rows' reasons
    return cols


def _csv_rows(records: Iterable[Any], cols: list[str]) -> Iterator[RawRow]:
    """Rows of strict CSV ``records`` (a broken one is a bad row at its first line)."""
    n = len(cols)
    for record in records:
        start = record.line
        cells = record.cells
        if cells is None:
            yield RawRow(start, None, f"line {start}: row cannot be read as CSV: {record.error}")
            continue
        if len(cells) == 1 and not cells[0].strip():
            continue
        if len(cells) != n:
            more = "more" if len(cells) > n else "fewer"
            yield RawRow(
                start,
                None,
                f"line {start}: row has {len(cells)} cells, {more} than "
                f"the {n} columns of the header",
            )
            continue
        row = dict(zip(cols, cells, strict=True))
        bad = _control_character(row)
        yield RawRow(start, None, f"line {start}: {bad}") if bad else RawRow(start, row)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\udc80-\udcff]")


def _control_character(cells: Mapping[str, str]) -> str | None:
    """Why a row holds a control character (a NUL, an escape), or None.

    Such characters are invisible in a spreadsheet, so two lot ids that look
    alike could differ; they come from a corrupt export, not from a person.
    """
    if not _CONTROL.search("".join(cells.values())):
        return None
    for column, text in cells.items():
        if m := _CONTROL.search(text):
            code = ord(m.group())
            if code >= 0xDC80:  # a byte that is not UTF-8, kept by surrogateescape
                return f"{column}: not UTF-8 text (byte 0x{code - 0xDC00:02X})"
            return f"{column}: holds the control character U+{code:04X}"
    return None


class _DuplicateKey(ValueError):
    """A JSON object names a key twice: which value was meant is unknown."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(f"key {key!r} appears more than once in the object")
            seen.add(key)
    return obj


def _jsonl_rows(
    fh: TextIO, name: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> Iterator[RawRow]:
    for lineno, text in enumerate(fh, start=1):
        if not text.strip():
            continue
        try:
            obj = json.loads(text, parse_float=Decimal, object_pairs_hook=_unique_keys)
        except _DuplicateKey as e:
            yield RawRow(lineno, None, f"line {lineno}: {e}")
            continue
        except ValueError as e:
            yield RawRow(lineno, None, f"line {lineno}: not a JSON object: {e}")
            continue
        except RecursionError:
            yield RawRow(lineno, None, f"line {lineno}: JSON nested too deeply")
            continue
        if not isinstance(obj, dict):
            yield RawRow(lineno, None, f"line {lineno}: not a JSON object but {type(obj).__name__}")
            continue
        yield _mapping_row(lineno, obj, required, optional)


def _mapping_row(
    line: int, obj: Mapping[Any, object], required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> RawRow:
    cells: dict[str, str] = {}
    for key, value in obj.items():
        k = str(key).strip().lower()
        if k in cells:
            return RawRow(line, None, f"line {line}: key {k!r} appears more than once")
        try:
            cells[k] = cell_text(value, k)
        except ValueError as e:
            return RawRow(line, None, f"line {line}: {e}")
    if bad := _control_character(cells):
        return RawRow(line, None, f"line {line}: {bad}")
    if near := _near_miss(cells, required + optional):
        return RawRow(
            line, None, f"line {line}: unknown field {near[0]!r} (did you mean {near[1]}?)"
        )
    missing = [c for c in required if c not in cells]
    if missing:
        return RawRow(
            line,
            None,
            f"line {line}: row lacks field{'s' * (len(missing) > 1)} {', '.join(missing)}",
        )
    return RawRow(line, cells)


def _near_miss(names: Iterable[str], known: tuple[str, ...]) -> tuple[str, str] | None:
    """The first unknown name that looks like a misspelt known one, with that one.

    Unrelated extra columns (a buyer's own notes) are allowed; a near miss
    such as ``premium_payed`` is refused, because the value it holds would
    otherwise be silently ignored.
    """
    import difflib

    for name in names:
        if name and name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
            if close:
                return name, close[0]
    return None


def cell_text(value: object, field: str) -> str:
    """A cell as text: strings as they are, ``None`` and NaN as empty, exact numbers as digits.

    A float other than NaN is refused: it cannot hold amounts exactly.
    """
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return format(value, "f") if isinstance(value, Decimal) else str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        raise ValueError(
            f"{field}: {value!r} is a float, which cannot hold amounts exactly "
            "(give it as text, e.g. read CSV with dtype=str)"
        )
    raise ValueError(f"{field}: expected text, not {type(value).__name__}")


def iter_mappings(
    records: Iterable[Mapping[str, object]],
    *,
    required: Iterable[str],
    first_line: int = 1,
    optional: Iterable[str] = (),
) -> Iterator[RawRow]:
    """Rows from mappings (``df.to_dict("records")``), numbered from ``first_line``."""
    req, opt = tuple(required), tuple(optional)
    for i, rec in enumerate(records):
        line = first_line + i
        if not isinstance(rec, Mapping):
            yield RawRow(line, None, f"line {line}: not a mapping but {type(rec).__name__}")
            continue
        yield _mapping_row(line, rec, req, opt)
