"""Plain CSV lines, read with one regular expression: the fast lane of lot verification.

Most lot files are written by programs: no quotes, ids without spaces,
amounts as plain digits, dates as YYYY-MM-DD. For such a line, one compiled
pattern built from the header checks the shape of every cell at once and
hands out the cells, and the values are built as the field parsers build
them (:meth:`Mass._plain`, the fast path of :meth:`Mass.parse`; ``Decimal``
of a plain number, as :func:`parse_decimal` does; :meth:`Fineness.parse`
itself, for any written fineness). Everything else takes the general reader:
a chunk with a double quote anywhere, a line the pattern does not match, a
value out of range or a date that does not exist. The lane only ever
*accepts* a line, so it can make a row faster but never change its verdict;
a hypothesis test holds the two readers to the same verdicts on generated
and mutated files.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from operator import itemgetter
from typing import Any

from fairmined.errors import FairminedError
from fairmined.lots._check import _MAX_REFERENCE, _METALS, Verdict, _cents, _judge, _Lot, verdict
from fairmined.lots._context import LotContext
from fairmined.lots._inputs import LOT_COLUMNS, CsvChunk, _csv_rows
from fairmined.model import Fineness, Mass, Metal
from fairmined.model._quantities import (
    _MASS_PLAIN,
    _MAX_DIGITS,
    _PLAIN_DECIMAL,
)
from fairmined.pricing import parse_iso_date

__all__ = ["csv_verdicts"]

# Printable ASCII but space, double quote and comma: an id exactly as the
# general reader keeps it (it strips spaces, which this cannot hold).
_ID = r"([!#-+\--~]+)"
_NUMBER = f"({_PLAIN_DECIMAL.pattern})"
#: Each lot column's cell, with its groups, in a plain line.
_CELLS = {
    "lot_id": _ID,
    "sale_date": r"([0-9]{4}-[0-9]{2}-[0-9]{2})",
    "certificate_id": _ID,
    "metal": "(" + "|".join(m.value for m in Metal) + ")",
    "gross_mass": _MASS_PLAIN.pattern,  # two groups: number, unit
    # Any written form (0.995, 18k, 999.9‰): Fineness.parse reads it, as the general reader does.
    "fineness": r"([^,\x00-\x1f\x7f\udc80-\udcff]+)",
    "ecological": "(true|false)",
    "reference_price": _NUMBER + "?",  # empty when a price file gives it
    "price_paid": _NUMBER,
    "premium_paid": _NUMBER,
    "currency": "USD",
}
# Any other column (a buyer's notes): no comma, no control character.
_OTHER = r"[^,\x00-\x1f\x7f\udc80-\udcff]*"
# The lot columns with a value, in the order _lot unpacks them (currency is checked by the pattern).
_ORDER = tuple(c for c in LOT_COLUMNS if c != "currency")
#: Lines longer than this take the general reader.
_LONGEST_LINE = 4096


@lru_cache(maxsize=16)
def _pattern(header: tuple[str, ...]) -> tuple[re.Pattern[str], itemgetter[Any]] | None:
    """The plain-line pattern for ``header``, and a getter putting its groups in ``_ORDER``.

    ``None`` when the header lacks a lot column (``reference_price`` with a
    price file): such files take the general reader.
    """
    if any(c not in header for c in _CELLS):
        return None
    parts: list[str] = []
    where: dict[str, int] = {}
    groups = 0
    for column in header:
        cell = _CELLS.get(column, _OTHER)
        where[column] = groups
        groups += re.compile(cell).groups
        parts.append(cell)
    indices = [where[c] for c in _ORDER]
    # The mass unit, after its number.
    indices.insert(_ORDER.index("gross_mass") + 1, where["gross_mass"] + 1)
    pattern = re.compile(",".join(parts) + r"(?:\r\n|\n|\r)?")
    return pattern, itemgetter(*indices)


def csv_verdicts(ctx: LotContext, chunk: CsvChunk) -> Iterator[Verdict]:
    """The verdict on each row of ``chunk``, as :func:`verdict` gives it on ``chunk.rows()``."""
    plain = _pattern(chunk.header) if '"' not in chunk.text else None
    if plain is None:
        for raw in chunk.rows():
            yield verdict(ctx, raw)
        return
    fullmatch, pick = plain[0].fullmatch, plain[1]
    has_prices = ctx.prices is not None
    header = list(chunk.header)
    # A longer line could hold a cell over the csv module's limit, an error there.
    longest = min(_LONGEST_LINE, csv.field_size_limit())
    # Without a double quote, each line is one record (newline="": split as the file is).
    for line, text in enumerate(io.StringIO(chunk.text, newline=""), start=chunk.first_line):
        m = fullmatch(text) if len(text) <= longest else None
        lot = _lot(pick(m.groups()), has_prices) if m is not None else None
        if lot is not None:
            yield _judge(ctx, line, lot)
        else:
            for raw in _csv_rows(csv.reader([text]), header, line - 1):
                yield verdict(ctx, raw)


def _lot(cells: tuple[Any, ...], has_prices: bool) -> _Lot | None:
    """The lot of a plain line, as ``_read_lot`` reads it; ``None`` to leave it to that reader.

    ``cells`` are the pattern's groups in ``_ORDER``: text, and ``None`` for
    an empty reference price.
    """
    lot_id, day, certificate_id, metal, number, unit, fine, eco, ref, paid, premium = cells
    mass = Mass._plain(number, unit)
    if mass is None or len(paid) > _MAX_DIGITS or len(premium) > _MAX_DIGITS:
        return None
    reference: Decimal | None = None
    if ref is not None:
        if len(ref) > _MAX_DIGITS:
            return None
        reference = Decimal(ref)
        if not 0 < reference <= _MAX_REFERENCE:
            return None
    elif not has_prices:
        return None
    try:
        sale_date = parse_iso_date(day, field="sale_date")
        fineness = Fineness.parse(fine, field="fineness")
    except FairminedError:
        return None
    return _Lot(
        lot_id,
        sale_date,
        certificate_id,
        _METALS[metal],
        mass,
        fineness,
        eco == "true",
        reference,
        _cents(Decimal(paid)),
        _cents(Decimal(premium)),
    )
