"""The buyer's ledger: every verified lot of every delivery, in one DuckDB file.

With a ledger, :func:`fairmined.lots.run_lots` attaches the file to the run's
database (``ledger_attach.sql``), creating it if missing, and runs inside one
transaction: duplicates and the mass balance also count the lots of earlier
deliveries, and the run's lots are recorded at the end, with the hashes of
its input files. A run that stops part-way, however it stops, commits
nothing, so the ledger is as it was. A lot already recorded with the same
content (a file run again) is neither counted nor recorded twice; a lot id
recorded with other content is ``duplicate_lot``.

The file carries its schema version (table ``meta``); an older ledger is
migrated forward when it is opened, a newer one is refused, never
reinterpreted.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import duckdb

from fairmined.errors import InputError
from fairmined.model import CONTEXT, repr_of

__all__ = ["SCHEMA_VERSION", "LedgerPeriod", "ledger_balance"]

#: The ledger schema this version of the library writes.
SCHEMA_VERSION = 1
#: The statements that create each schema version from nothing.
_CREATE = ("ledger_v1_meta", "ledger_v1_deliveries", "ledger_v1_lots", "ledger_v1_production")
#: The statements that take a ledger from version N to N + 1 (none yet).
_MIGRATIONS: dict[int, tuple[str, ...]] = {}


def _sql(name: str) -> str:
    from fairmined.lots._engine import _sql as sql

    return sql(name)


def _first_line(e: Exception) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__


def attach(con: duckdb.DuckDBPyConnection, path: str | Path) -> None:
    """Attach the ledger as ``ledger``, created or migrated to :data:`SCHEMA_VERSION`.

    A new ledger gets its (empty) tables at once, an old one its migrations,
    each in a transaction of its own; the run then only reads the ledger
    until :func:`record`. DuckDB writes one database per transaction, so the
    run's own tables are written outside it.
    """
    name = str(path)
    _refuse_other_kinds(name, "--ledger")
    try:
        con.execute(_sql("ledger_attach"), {"path": name})
    except duckdb.Error as e:
        raise InputError(
            f"cannot open the ledger: {_first_line(e)}", file=name, path="--ledger"
        ) from None
    con.begin()
    try:
        _prepare(con, name)
    except BaseException:
        con.rollback()
        raise
    con.commit()


def _refuse_other_kinds(name: str, flag: str | None = None) -> None:
    """Refuse a ledger path that names a directory, a device, a pipe or a socket: DuckDB
    would fail on it, or wait for ever on a pipe."""
    p = Path(name)
    if p.is_dir():
        raise InputError("the ledger is a directory, not a file", file=name, path=flag)
    if p.exists() and not p.is_file():
        raise InputError(
            "the ledger is not a regular file (a device, a pipe or a socket)", file=name, path=flag
        )


def check(path: str | Path) -> None:
    """Refuse at once a ledger this version cannot use (before any lots are read)."""
    name = str(path)
    _refuse_other_kinds(name, "--ledger")
    if not Path(name).exists():
        return  # created by the run
    con = duckdb.connect(":memory:")
    try:
        try:
            con.execute(_sql("ledger_attach_read"), {"path": name})
        except duckdb.Error as e:
            raise InputError(
                f"cannot open the ledger: {_first_line(e)}", file=name, path="--ledger"
            ) from None
        _version(con, name)
    finally:
        con.close()


def _version(con: duckdb.DuckDBPyConnection, name: str) -> int | None:
    """The attached ledger's schema version (``None`` for a new, empty file); refuse others."""
    row = con.execute(_sql("ledger_has_meta")).fetchone()
    has_meta, tables = row if row is not None else (0, 0)
    if not has_meta:
        if tables:
            raise InputError(
                "not a fairmined ledger: the database holds other tables",
                file=name,
                path="--ledger",
            )
        return None
    found = con.execute(_sql("ledger_version")).fetchone()
    version = int(found[0]) if found is not None and str(found[0]).isdigit() else 0
    if version > SCHEMA_VERSION:
        raise InputError(
            f"the ledger has schema version {version}, newer than this fairmined reads "
            f"({SCHEMA_VERSION})",
            file=name,
            path="--ledger",
            hint="upgrade fairmined",
        )
    if version < 1:
        raise InputError("the ledger has no schema version", file=name, path="--ledger")
    return version


def _prepare(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Create the schema in a new ledger, check and migrate an existing one."""
    version = _version(con, name)
    if version is None:
        for statement in _CREATE:
            con.execute(_sql(statement))
        con.execute(_sql("ledger_set_version"), {"version": str(SCHEMA_VERSION)})
        return
    while version < SCHEMA_VERSION:
        for statement in _MIGRATIONS[version]:
            con.execute(_sql(statement))
        version += 1
        con.execute(_sql("ledger_set_version"), {"version": str(version)})


def file_sha256(source: object) -> str | None:
    """The SHA-256 of an input given as a path; ``None`` for data given in memory."""
    if not isinstance(source, str | Path):
        return None
    digest = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.stat(source).st_mode):
            return None  # a pipe or FIFO is read once, by the run, not hashed first
        with open(source, "rb") as fh:
            while block := fh.read(1 << 20):
                digest.update(block)
    except OSError:
        return None  # reported when the file is read
    return digest.hexdigest()


@attrs.frozen
class Ledger:
    """A ledger to record a run in, and the hashes of the run's inputs."""

    path: str
    lots_file: str | None
    hashes: dict[str, str | None]


def record(con: duckdb.DuckDBPyConnection, ledger: Ledger) -> int | None:
    """Record the run's lots and declared production in one transaction.

    The delivery number, if any lot was new. Killed before the commit, the
    ledger keeps none of it.
    """
    con.begin()
    try:
        delivery = _record(con, ledger)
    except BaseException:
        con.rollback()
        raise
    con.commit()
    return delivery


def _record(con: duckdb.DuckDBPyConnection, ledger: Ledger) -> int | None:
    row = con.execute(_sql("ledger_next")).fetchone()
    delivery = int(row[0]) if row is not None else 1
    inserted = con.execute(_sql("ledger_record_lots"), {"delivery": delivery}).fetchone()
    count = int(inserted[0]) if inserted is not None else 0
    con.execute(_sql("ledger_drop_production"))
    con.execute(_sql("ledger_record_production"), {"delivery": delivery})
    if not count:
        return None
    con.execute(
        _sql("ledger_record_delivery"),
        {"delivery": delivery, "lots_file": ledger.lots_file, "lots": count, **ledger.hashes},
    )
    return delivery


@attrs.frozen
class LedgerPeriod:
    """Fine metal bought under one certificate and metal in one declared period.

    ``period_start`` and ``period_end`` are ``None`` (and ``declared_g``
    too) for lots no declared period covers. Masses are exact grams.
    """

    __repr__ = repr_of(
        "certificate_id", "metal", "period_start", "period_end", "declared_g", "bought_g", "lots"
    )

    certificate_id: str
    metal: str
    period_start: date | None
    period_end: date | None
    declared_g: Decimal | None
    bought_g: Decimal
    lots: int

    @property
    def over(self) -> bool:
        return self.declared_g is not None and self.bought_g > self.declared_g


def ledger_balance(path: str | Path) -> list[LedgerPeriod]:
    """Per certificate, metal and declared period: fine metal bought against declared."""
    name = str(path)
    _refuse_other_kinds(name)
    if not Path(name).exists():
        raise InputError("no such ledger file", file=name)
    try:
        con = duckdb.connect(name, read_only=True)
    except duckdb.Error as e:
        raise InputError(f"cannot open the ledger: {_first_line(e)}", file=name) from None
    try:
        return list(_balance(con, name))
    finally:
        con.close()


def _balance(con: duckdb.DuckDBPyConnection, name: str) -> Iterator[LedgerPeriod]:
    try:
        found = con.execute(_sql("ledger_own_version")).fetchone()
    except duckdb.Error:
        raise InputError("not a fairmined ledger", file=name) from None
    version = int(found[0]) if found is not None and str(found[0]).isdigit() else 0
    if version != SCHEMA_VERSION:
        raise InputError(
            f"the ledger has schema version {version}; this fairmined reads {SCHEMA_VERSION}",
            file=name,
            hint="run verify-lots --ledger with it once to migrate it"
            if version < SCHEMA_VERSION
            else "upgrade fairmined",
        )
    for cert, metal, start, end, declared, bought, lots in con.execute(
        _sql("ledger_balance")
    ).fetchall():
        yield LedgerPeriod(
            cert,
            metal,
            start,
            end,
            None if declared is None else _grams(declared),
            _grams(bought),
            int(lots),
        )


def _grams(units: Any) -> Decimal:
    return Decimal(int(units)).scaleb(-7, CONTEXT)
