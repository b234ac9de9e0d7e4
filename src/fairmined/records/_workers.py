"""A worker register: the record's workers from a spreadsheet, one row per person.

Cooperatives keep their list of workers in a spreadsheet; the register is
that sheet (``.xlsx``) or its CSV, with a header naming the record's worker
fields (``id`` required; ``birth_date``, ``gender``, ``role``, ``member``,
``underground``, ...). Each row becomes one entry of the record's
``workers``, checked by the record format like any other: a bad value is
reported naming the register, its row (a CSV line or a sheet's cell) and
column, not ``$.workers[3]``.

Cells are read as the record's JSON would hold them: ``true``/``false``
(also ``yes``/``no``, any case) for the yes/no fields, numbers for numeric
fields, dates as ``YYYY-MM-DD`` text (or date cells); an empty cell leaves
the field out (unknown). Columns that are not worker fields (a name, a
phone number) are not read.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar

import attrs

from fairmined.errors import FairminedError, FileProblems, InputError
from fairmined.model import repr_of
from fairmined.records._schema import WORKER_V2
from fairmined.rules import Bool, Number
from fairmined.tables import Row, TextTable, read_table

__all__ = ["WORKER_FIELDS", "WorkerRegister", "merge_workers", "read_workers", "with_register"]

#: The worker fields a register may hold (those of the newest record format).
WORKER_FIELDS: tuple[str, ...] = tuple(f.name for f in WORKER_V2.fields)
_FLAGS = frozenset(f.name for f in WORKER_V2.fields if isinstance(f.type, Bool))
_NUMBERS = tuple(f.name for f in WORKER_V2.fields if isinstance(f.type, Number))
_YES = {"true": True, "yes": True, "false": False, "no": False}
T = TypeVar("T")
_WORKER_PATH = re.compile(r"\$\.workers\[(\d+)\](?:\.(\w+))?(.*)")


@attrs.frozen
class WorkerRegister:
    """The workers of a register, as the record's ``workers`` list, and where each came from."""

    __repr__ = repr_of("source", "workers", "sha256")

    source: str
    workers: tuple[Mapping[str, object], ...]
    table: TextTable = attrs.field(repr=False)
    sha256: str = ""

    def locate(self, problem: FairminedError) -> FairminedError:
        """A record problem about ``$.workers[i]`` moved to the register's row and column."""
        m = _WORKER_PATH.fullmatch(problem.path or "")
        if m is None or int(m.group(1)) >= len(self.table.rows):
            return problem
        row = self.table.rows[int(m.group(1))]
        field = m.group(2) or "id"
        message = problem.message + (f" (at {m.group(3)})" if m.group(3) else "")
        return self.table.problem(row, field, message, problem.hint)


def read_workers(
    source: str | Path,
    *,
    delimiter: str | None = None,
    decimal: str | None = None,
    sheet: str | None = None,
) -> WorkerRegister:
    """Read a worker register (CSV or .xlsx; a TableFile brings its sheet and dialect)."""
    table = read_table(
        source,
        columns=("id",),
        optional=[f for f in WORKER_FIELDS if f != "id"],
        numeric=_NUMBERS,
        what="worker register",
        delimiter=delimiter,
        decimal=decimal,
        sheet=sheet,
    )
    workers = tuple(_worker(row) for row in table.rows)
    return WorkerRegister(table.source, workers, table, _digest(Path(source)))


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _worker(row: Row) -> dict[str, object]:
    out: dict[str, object] = {}
    for field in WORKER_FIELDS:
        text = row.cells.get(field, "").strip()
        if text:
            out[field] = _value(field, text)
    return out


def _value(field: str, text: str) -> object:
    """A cell as the record's JSON holds it; a value of the wrong kind is left to the schema."""
    if field in _FLAGS:
        return _YES.get(text.lower(), text)
    if field in _NUMBERS:
        try:
            return Decimal(text)
        except InvalidOperation:
            return text
    return text


def merge_workers(data: Mapping[str, object], register: WorkerRegister) -> dict[str, object]:
    """The record's data with the register's workers; a record listing its own is refused."""
    own = data.get("workers")
    if isinstance(own, Sequence) and not isinstance(own, str) and len(own) > 0:
        raise InputError(
            f"the record lists {len(own)} workers and a worker register is given",
            path="$.workers",
            hint="keep the workers in one place: empty the record's list or leave out the register",
        )
    return {**data, "workers": [dict(w) for w in register.workers]}


def with_register(
    build: Callable[[object, str], T],
    data: object,
    digest: str,
    register: WorkerRegister | None,
    file: str | None = None,
) -> T:
    """``build(data, digest)`` with the register's workers in ``data``, its problems located.

    The record's digest becomes that of the record's and the register's
    digests together, so a decision is replayed only from both files.
    """
    if register is None or not isinstance(data, Mapping):
        return build(data, digest)
    try:
        merged = merge_workers(data, register)
    except InputError as e:
        raise e.located(file=file) from None
    both = hashlib.sha256(f"{digest}:{register.sha256}".encode()).hexdigest()
    try:
        return build(merged, both)
    except FileProblems as e:
        raise FileProblems([register.locate(p) for p in e.problems], file=e.file) from None
    except FairminedError as e:
        raise register.locate(e) from None
