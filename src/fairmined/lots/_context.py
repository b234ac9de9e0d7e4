"""Certificates, production and prices: loaded fully, every bad row reported at once.

These files are small (one row per certificate or production period), so a
bad row in them stops the run before it starts: the buyer must fix the
reference data, because every lot verdict depends on it. All problems of a
file are collected into one :class:`~fairmined.errors.FileProblems`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Literal, cast

import attrs

from fairmined.errors import FairminedError, FileProblems, InputError, did_you_mean
from fairmined.lots._inputs import (
    CERTIFICATE_COLUMNS,
    MAX_REFERENCE_BYTES,
    OPTIONAL_CERTIFICATE_COLUMNS,
    PRODUCTION_COLUMNS,
    RawRow,
    iter_mappings,
    iter_rows,
)
from fairmined.lots._records import Certificate, ProductionPeriod
from fairmined.lots._tables import Place, reference_table_rows, same, wants_table
from fairmined.model import Mass, Metal, parse_metal, repr_of
from fairmined.pricing import (
    MAX_PRICE_AGE_DAYS,
    PriceTable,
    Quoter,
    check_max_price_age,
    parse_iso_date,
)
from fairmined.standards import Standard, load_standard

__all__ = [
    "LotContext",
    "load_certificates",
    "load_production",
    "parse_bool",
]

_STATUSES = ("active", "suspended", "withdrawn")
_TRUE = {"true": True, "false": False}


def parse_bool(text: str, *, field: str) -> bool:
    """``true`` or ``false`` (any case); anything else is an error naming the field."""
    value = _TRUE.get(text.strip().lower())
    if value is None:
        raise InputError(f"{field} must be true or false, not {text.strip()!r}", path=field)
    return value


def _rows(
    source: str | Path | Iterable[Mapping[str, object]],
    required: tuple[str, ...],
    what: str,
    optional: tuple[str, ...] = (),
) -> tuple[str, Iterable[RawRow], Place]:
    if isinstance(source, str | Path) and wants_table(source, required):
        return reference_table_rows(source, required=required, what=what, optional=optional)
    if isinstance(source, str | Path):
        rows = iter_rows(
            source, required=required, what=what, limit=MAX_REFERENCE_BYTES, optional=optional
        )
        return str(source), rows, same
    rows = iter_mappings(source, required=required, first_line=1, optional=optional)
    return what, rows, same


def _problem(e: FairminedError, file: str, line: int) -> InputError:
    return InputError(e.message, file=file, line=line, path=e.path, hint=e.hint)


def load_certificates(
    source: str | Path | Iterable[Mapping[str, object]],
) -> dict[str, Certificate]:
    """Read the certificate file (or mappings) into certificates by id."""
    name, rows, place = _rows(
        source, CERTIFICATE_COLUMNS, "certificate file", OPTIONAL_CERTIFICATE_COLUMNS
    )
    out: dict[str, Certificate] = {}
    problems: list[InputError] = []
    for raw in rows:
        if raw.cells is None:
            problems.append(_row_error(raw, name))
            continue
        c = raw.cells
        try:
            cert = _certificate(c, raw.line)
        except FairminedError as e:
            problems.append(_problem(e, name, raw.line))
            continue
        if cert.certificate_id in out:
            problems.append(
                InputError(
                    f"certificate {cert.certificate_id} appears twice (first on line "
                    f"{out[cert.certificate_id].line})",
                    file=name,
                    line=raw.line,
                    path="certificate_id",
                )
            )
            continue
        out[cert.certificate_id] = cert
    if problems:
        raise FileProblems(place(problems), file=name)
    return out


def _certificate(c: Mapping[str, str], line: int) -> Certificate:
    cid = c["certificate_id"].strip()
    if not cid:
        raise InputError("certificate_id is empty", path="certificate_id")
    try:
        standard = load_standard(c["standard"].strip())
    except FairminedError as e:
        raise InputError(e.message, path="standard", hint=e.hint) from None
    metals_text = [m for m in c["metals"].split(";") if m.strip()]
    if not metals_text:
        raise InputError("metals is empty", path="metals", hint="e.g. gold;silver")
    metals = frozenset(parse_metal(m, field="metals") for m in metals_text)
    valid_from = parse_iso_date(c["valid_from"], field="valid_from")
    valid_to = parse_iso_date(c["valid_to"], field="valid_to") if c["valid_to"].strip() else None
    if valid_to is not None and valid_to < valid_from:
        raise InputError(f"valid_to {valid_to} is before valid_from {valid_from}", path="valid_to")
    status = c["status"].strip().lower()
    if status not in _STATUSES:
        raise InputError(
            f"status must be active, suspended or withdrawn, not {status!r}", path="status"
        )
    since: date | None = None
    if c["status_since"].strip():
        since = parse_iso_date(c["status_since"], field="status_since")
    elif status != "active":
        raise InputError(f"a {status} certificate needs status_since", path="status_since")
    return Certificate(
        certificate_id=cid,
        holder=c["holder"].strip(),
        standard=standard,
        metals=metals,
        ecological=parse_bool(c["ecological"], field="ecological"),
        valid_from=valid_from,
        valid_to=valid_to,
        status=cast(Literal["active", "suspended", "withdrawn"], status),
        status_since=since,
        line=line,
        supply_models=_supply_models(c.get("supply_models"), standard),
    )


def _supply_models(text: str | None, standard: Standard) -> frozenset[str] | None:
    """The supply models a certificate covers (``;``-separated), each one of its standard's.

    None when the file has no ``supply_models`` column (the certificate's are unknown);
    an empty cell covers none.
    """
    if text is None:
        return None
    names = [m.strip().lower() for m in text.split(";") if m.strip()]
    known = [m.id for m in standard.supply_models]
    for name in names:
        if name not in known:
            raise InputError(
                f"{name} is not a supply model of {standard.id}",
                path="supply_models",
                hint=did_you_mean(name, known)
                if known
                else f"{standard.id} has no supply models: leave the cell empty",
            )
    return frozenset(names)


class _Periods:
    """One certificate's accepted periods of one metal, disjoint, sorted by start."""

    def __init__(self) -> None:
        self.starts: list[date] = []
        self.periods: list[ProductionPeriod] = []

    def clash(self, start: date, end: date) -> ProductionPeriod | None:
        """An accepted period that overlaps ``start`` to ``end`` (the latest one), if any."""
        # Disjoint periods sorted by start are sorted by end too: if any ends
        # on or after ``start``, the last one starting on or before ``end`` does.
        i = bisect.bisect_right(self.starts, end) - 1
        if i >= 0 and self.periods[i].period_end >= start:
            return self.periods[i]
        return None

    def add(self, period: ProductionPeriod) -> None:
        i = bisect.bisect_right(self.starts, period.period_start)
        self.starts.insert(i, period.period_start)
        self.periods.insert(i, period)


def load_production(
    source: str | Path | Iterable[Mapping[str, object]],
    certificates: Mapping[str, Certificate],
) -> tuple[ProductionPeriod, ...]:
    """Read declared production; periods of one certificate and metal must not overlap."""
    name, rows, place = _rows(source, PRODUCTION_COLUMNS, "production file")
    out: list[ProductionPeriod] = []
    accepted: dict[tuple[str, Metal], _Periods] = {}
    problems: list[InputError] = []
    for raw in rows:
        if raw.cells is None:
            problems.append(_row_error(raw, name))
            continue
        c = raw.cells
        try:
            cid = c["certificate_id"].strip()
            if cid not in certificates:
                raise InputError(
                    f"certificate {cid!r} is not in the certificate file", path="certificate_id"
                )
            start = parse_iso_date(c["period_start"], field="period_start")
            end = parse_iso_date(c["period_end"], field="period_end")
            if end < start:
                raise InputError(
                    f"period_end {end} is before period_start {start}", path="period_end"
                )
            metal = parse_metal(c["metal"], field="metal")
            mass = Mass.parse(c["fine_mass"], field="fine_mass", allow_zero=True)
        except FairminedError as e:
            problems.append(_problem(e, name, raw.line))
            continue
        period = ProductionPeriod(cid, metal, start, end, mass.grams, str(mass), raw.line)
        clash = _Periods.clash(accepted.setdefault((cid, metal), _Periods()), start, end)
        if clash is not None:
            problems.append(
                InputError(
                    f"period {start} to {end} overlaps the {metal.value} period of line "
                    f"{clash.line} for {cid}",
                    file=name,
                    line=raw.line,
                    path="period_start",
                )
            )
            continue
        out.append(period)
        accepted[cid, metal].add(period)
    if problems:
        raise FileProblems(place(problems), file=name)
    return tuple(out)


@attrs.frozen
class LotContext:
    """Everything a lot check needs besides the lot: picklable, so workers get a copy."""

    __repr__ = repr_of("certificates", "production", "prices", "certificates_source")

    certificates: Mapping[str, Certificate]
    production: tuple[ProductionPeriod, ...] = ()
    prices: PriceTable | None = None
    certificates_source: str = "the certificate file"
    #: A price from ``prices`` more than this many days older than the sale
    #: makes the lot invalid (None: any age).
    max_price_age: int | None = MAX_PRICE_AGE_DAYS
    _periods: Mapping[tuple[str, Metal], tuple[int, ...]] = attrs.field(
        init=False, repr=False, eq=False
    )
    _quoters: dict[tuple[str, str, Metal, bool], Quoter] = attrs.field(
        init=False, repr=False, eq=False, factory=dict
    )

    def quoter(self, standard: Standard, metal: Metal, ecological: bool) -> Quoter:
        """The premium calculator for one standard, metal and premium kind (cached)."""
        key = (standard.id, standard.sha256, metal, ecological)
        found = self._quoters.get(key)
        if found is None:
            found = self._quoters[key] = Quoter(standard, metal, ecological=ecological)
        return found

    def __attrs_post_init__(self) -> None:
        index: dict[tuple[str, Metal], list[int]] = {}
        for i, p in enumerate(self.production):
            index.setdefault((p.certificate_id, p.metal), []).append(i)
        object.__setattr__(self, "_periods", {k: tuple(v) for k, v in index.items()})

    def period_for(self, certificate_id: str, metal: Metal, day: date) -> int | None:
        """The index of the production period covering a sale, if one is declared."""
        for i in self._periods.get((certificate_id, metal), ()):
            if self.production[i].covers(day):
                return i
        return None

    @classmethod
    def load(
        cls,
        certificates: str | Path | Iterable[Mapping[str, object]] | Mapping[str, Certificate],
        production: str | Path | Iterable[Mapping[str, object]] | None = None,
        prices: str | Path | PriceTable | None = None,
        max_price_age: int | None = MAX_PRICE_AGE_DAYS,
    ) -> LotContext:
        """Load the reference files; raise FileProblems listing every bad row."""
        check_max_price_age(max_price_age)
        if isinstance(certificates, Mapping) and all(
            isinstance(v, Certificate) for v in certificates.values()
        ):
            certs = cast(Mapping[str, Certificate], certificates)
            source = "the certificates given"
        else:
            certs = load_certificates(
                cast(str | Path | Iterable[Mapping[str, object]], certificates)
            )
            source = (
                Path(certificates).name
                if isinstance(certificates, str | Path)
                else "the certificates given"
            )
        prod = load_production(production, certs) if production is not None else ()
        table = (
            prices
            if isinstance(prices, PriceTable) or prices is None
            else PriceTable.from_csv(prices)
        )
        return cls(certs, prod, table, source, max_price_age)


def _row_error(raw: RawRow, name: str) -> InputError:
    """An unreadable row as an error located at ``file:line``, not 'line N' in the text."""
    message = str(raw.error).removeprefix(f"line {raw.line}: ")
    return InputError(message, file=name, line=raw.line)
