"""Loading and checking standard files (``standards/*.toml``).

A standard file is TOML: metadata under ``[standard]``, a price schedule as
``[[pricing]]`` rows, and the requirements. It is parsed with the standard
library's ``tomllib`` (no code runs), structured into frozen values with
cattrs, and every problem in the file is collected into one
:class:`~fairmined.errors.FileProblems` naming the path of each bad value.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import tomllib
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from fairmined.errors import (
    FairminedError,
    FileProblems,
    PriceLookupError,
    StandardFileError,
    UnknownStandardError,
    did_you_mean,
)
from fairmined.files import read_bounded
from fairmined.model import Metal, repr_line, repr_of, to_decimal
from fairmined.standards._provenance import (
    LEVELS,
    Provenance,
    SourceDocument,
    legacy_provenance,
    read_documents,
    read_provenance,
)
from fairmined.standards._requirements import (
    CertificationPolicy,
    FileContext,
    Requirement,
    read_certification,
    read_requirements,
)
from fairmined.standards._supply import SupplyModel, read_supply_models

__all__ = [
    "SHIPPED_STANDARDS",
    "Figure",
    "PricingRow",
    "Review",
    "Standard",
    "StandardInfo",
    "clear_cache",
    "list_standards",
    "load_standard",
]

#: Largest standard file read, in bytes (a shipped standard is about 30 kB).
MAX_BYTES = 4 * 2**20

#: Ids of the standards shipped with the library, oldest first.
SHIPPED_STANDARDS: tuple[str, ...] = (
    "fairtrade-fairmined-2010",
    "fairtrade-gold-2013",
    "fairmined-2.0",
)

#: The current file format; format 1 (no provenance, no types) still loads.
FORMAT_VERSION = 2
FORMAT_VERSIONS = (1, 2)


@attrs.frozen
class Figure:
    """One price figure (a floor or a premium) with where it comes from.

    ``kind`` is ``fraction_of_reference`` (``value`` times the reference value
    of the fine metal) or ``per_kg_fine`` (``value`` in ``currency`` per
    kilogram of fine metal).
    """

    __repr__ = repr_of("kind", "value", "currency", "verified")

    kind: Literal["fraction_of_reference", "per_kg_fine"]
    value: Decimal
    source: str
    verified: bool
    currency: str | None = None
    note: str | None = None
    provenance: Provenance | None = None

    def describe(self) -> str:
        """The rule in words, e.g. ``10% of the reference price``."""
        if self.kind == "fraction_of_reference":
            pct = (self.value * 100).normalize()
            return f"{pct:f}% of the reference price"
        return f"{self.currency} {self.value:f} per kg of fine metal"

    def to_json(self) -> dict[str, Any]:
        """The figure as data: its rule, whether it was verified, and its provenance."""
        return {
            "kind": self.kind,
            "value": format(self.value, "f"),
            "currency": self.currency,
            "description": self.describe(),
            "source": self.source,
            "verified": self.verified,
            "note": self.note,
            "provenance": None if self.provenance is None else self.provenance.to_json(),
        }


@attrs.frozen
class PricingRow:
    """The floor and premiums for one metal over one period of a standard's life."""

    metal: Metal
    effective_from: date
    effective_to: date | None
    reference: str
    floor: Figure
    premium: Figure
    ecological_premium: Figure

    def __repr__(self) -> str:
        return repr_line(
            "PricingRow",
            metal=self.metal,
            effective_from=self.effective_from,
            effective_to=self.effective_to,
            floor=self.floor.describe(),
            premium=self.premium.describe(),
        )

    def covers(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


@attrs.frozen
class Review:
    """Who checked a standard file against which copy of the official text, and when."""

    __repr__ = repr_of("by", "on", "document_version")

    by: str
    on: date
    document_version: str
    note: str | None = None


@attrs.frozen
class StandardInfo:
    """What a standard is: name, version, publisher, dates in force, sources."""

    __repr__ = repr_of("id", "version", "name", "in_force_from", "in_force_to")

    id: str
    name: str
    version: str
    publisher: str
    in_force_from: date
    sources: tuple[str, ...]
    fidelity: str
    in_force_to: date | None = None
    dates_note: str | None = None
    supersedes: tuple[str, ...] = ()
    superseded_by: tuple[str, ...] = ()
    predecessor: str | None = None


@attrs.frozen
class Standard:
    """A loaded standard: its metadata, price schedule and requirement catalog.

    ``requirements`` is empty and ``certification`` None for a file that only
    carries pricing.
    """

    info: StandardInfo
    pricing: tuple[PricingRow, ...]
    path: str
    sha256: str
    requirements: tuple[Requirement, ...] = ()
    certification: CertificationPolicy | None = None
    documents: tuple[SourceDocument, ...] = ()
    reviewed_by: tuple[Review, ...] = ()
    supply_models: tuple[SupplyModel, ...] = ()

    def __repr__(self) -> str:
        return repr_line(
            "Standard",
            id=self.id,
            version=self.info.version,
            requirements=len(self.requirements),
            path=self.path,
        )

    @property
    def id(self) -> str:
        return self.info.id

    def supply_model(self, name: str) -> SupplyModel | None:
        """The supply model with id ``name``, or None when the standard has none such."""
        for m in self.supply_models:
            if m.id == name:
                return m
        return None

    def fidelity_counts(self) -> dict[str, int]:
        """Number of requirements at each provenance level, every level present."""
        out: dict[str, int] = dict.fromkeys(LEVELS, 0)
        for r in self.requirements:
            out[r.provenance.level] += 1
        return out

    def requirement(self, name: str) -> Requirement | None:
        """The requirement with id ``name``, or with ``name`` among its former ids."""
        for r in self.requirements:
            if r.id == name or name in r.aliases:
                return r
        return None

    def schedule(self, metal: Metal, day: date) -> PricingRow:
        """The pricing row in force for ``metal`` on ``day``."""
        rows = [r for r in self.pricing if r.metal is metal]
        if not rows:
            raise PriceLookupError(
                f"{self.id} has no price schedule for {metal.value}", path="metal"
            )
        for row in rows:
            if row.covers(day):
                return row
        first = min(r.effective_from for r in rows)
        raise PriceLookupError(
            f"{self.id} has no {metal.value} price schedule in force on {day.isoformat()}",
            path="date",
            hint=f"its schedule starts on {first.isoformat()}",
        )

    def unverified_figures(self) -> list[str]:
        """One line per pricing figure marked unverified."""
        out = []
        for row in self.pricing:
            for name in ("floor", "premium", "ecological_premium"):
                fig: Figure = getattr(row, name)
                if not fig.verified:
                    out.append(
                        f"{row.metal.value} {name.replace('_', ' ')} from "
                        f"{row.effective_from.isoformat()}: {fig.describe()}"
                    )
        return out


# --------------------------------------------------------------------------- raw file shape


@attrs.frozen
class _RawFigure:
    source: str
    verified: bool
    fraction_of_reference: Decimal | None = None
    per_kg_fine: Decimal | None = None
    currency: str | None = None
    note: str | None = None
    provenance: dict[str, Any] | None = None


@attrs.frozen
class _RawPricing:
    metal: Metal
    effective_from: date
    reference: str
    floor: _RawFigure
    premium: _RawFigure
    ecological_premium: _RawFigure
    effective_to: date | None = None


def _structure_decimal(value: object, _: type) -> Decimal:
    if not isinstance(value, str):
        raise ValueError(f'write figures as quoted strings such as "0.95", not {value!r}')
    return to_decimal(value)


def _structure_date(value: object, _: type) -> date:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    raise ValueError(f"expected a TOML date such as 2014-04-05, not {value!r}")


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, not {value!r}")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, not {value!r}")
    return value


_converter = cattrs.Converter(forbid_extra_keys=True)
_converter.register_structure_hook(Decimal, _structure_decimal)
_converter.register_structure_hook(date, _structure_date)
_converter.register_structure_hook(str, _structure_str)
_converter.register_structure_hook(bool, _structure_bool)
_converter.register_structure_hook(Metal, lambda v, _: Metal(v))


def _cattrs_problems(exc: BaseException, root: str) -> list[StandardFileError]:
    """Flatten a cattrs validation error into path-addressed problems."""
    out: list[StandardFileError] = []

    def walk(e: BaseException, path: str) -> None:
        if isinstance(e, ClassValidationError | IterableValidationError):
            with_notes, without_notes = e.group_exceptions()
            for sub in without_notes:
                walk(sub, path)
            for sub, note in with_notes:
                name = getattr(note, "name", None)
                index = getattr(note, "index", None)
                if name is not None:
                    walk(sub, f"{path}.{name}")
                elif index is not None:
                    walk(sub, f"{path}[{index}]")
                else:
                    walk(sub, path)
        elif isinstance(e, ForbiddenExtraKeysError):
            for key in sorted(e.extra_fields):
                out.append(
                    StandardFileError(
                        "unknown key", path=f"{path}.{key}", hint=_did_you_mean(key, e.cl)
                    )
                )
        elif isinstance(e, KeyError):
            out.append(StandardFileError("required key is missing", path=path))
        elif isinstance(e, FairminedError):
            out.append(StandardFileError(e.message, path=path, hint=e.hint))
        else:
            msg = str(e) or type(e).__name__
            if isinstance(e, ValueError) and "is not a valid Metal" in msg:
                msg = f"{msg.split(' is not')[0]} is not a metal: use gold, silver or platinum"
            out.append(StandardFileError(msg, path=path))

    walk(exc, root)
    # A misspelt key is one mistake, not two: when "versio" is unknown with
    # the hint "did you mean version?", drop the "version is missing" line.
    suggested = {
        p.path.rsplit(".", 1)[0] + "." + p.hint.removeprefix("did you mean ").rstrip("?")
        for p in out
        if p.hint and p.hint.startswith("did you mean ") and p.path
    }
    return [p for p in out if not (p.message == "required key is missing" and p.path in suggested)]


def _did_you_mean(key: str, cl: type) -> str | None:
    import difflib

    names = [a.name for a in attrs.fields(cl)] if attrs.has(cl) else []
    close = difflib.get_close_matches(key, names, n=1)
    return f"did you mean {close[0]}?" if close else None


def _figure(
    raw: _RawFigure,
    path: str,
    problems: list[FairminedError],
    ctx: FileContext | None = None,
) -> Figure | None:
    provenance = _figure_provenance(raw, path, problems, ctx)
    given = [k for k in ("fraction_of_reference", "per_kg_fine") if getattr(raw, k) is not None]
    if len(given) != 1:
        problems.append(
            StandardFileError("give exactly one of fraction_of_reference or per_kg_fine", path=path)
        )
        return None
    kind = given[0]
    value: Decimal = getattr(raw, kind)
    if kind == "fraction_of_reference" and not (0 <= value <= 1):
        problems.append(
            StandardFileError(
                f"fraction_of_reference must be between 0 and 1, not {value}", path=path
            )
        )
        return None
    if kind == "per_kg_fine":
        if raw.currency is None:
            problems.append(StandardFileError("per_kg_fine needs a currency", path=path))
            return None
        if value < 0:
            problems.append(
                StandardFileError(f"per_kg_fine cannot be negative: {value}", path=path)
            )
            return None
    if not raw.verified and not raw.note:
        problems.append(
            StandardFileError("an unverified figure needs a note saying what is unknown", path=path)
        )
    return Figure(
        kind=kind,  # type: ignore[arg-type]
        value=value,
        source=raw.source,
        verified=raw.verified,
        currency=raw.currency,
        note=raw.note,
        provenance=provenance,
    )


def _figure_provenance(
    raw: _RawFigure, path: str, problems: list[FairminedError], ctx: FileContext | None
) -> Provenance | None:
    """Format 2: the figure's ``provenance`` table; format 1: its ``source`` as the locator."""
    if ctx is None or ctx.version < 2:
        if raw.provenance is not None:
            problems.append(
                StandardFileError("provenance needs format_version = 2", path=f"{path}.provenance")
            )
        return legacy_provenance(raw.source, "practice" if raw.verified else "project")
    return read_provenance(
        raw.provenance, f"{path}.provenance", ctx.documents, problems, verified=raw.verified
    )


# --------------------------------------------------------------------------- file

_CORE_KEYS = {"format_version", "standard", "pricing", "requirements", "certification"}
_V2_KEYS = {"documents", "reviewed_by", "supply_models"}


def parse_standard(text: str, file: str) -> Standard:
    """Parse and check one standard file's text; ``file`` names it in errors."""
    if not isinstance(text, str):
        raise TypeError(f"a standard's text is a str, not {type(text).__name__}")
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError as e:
        # Only text built in Python can hold a lone surrogate; no file decodes to one.
        raise StandardFileError(
            f"the text holds an unpaired surrogate U+{ord(text[e.start]):04X}",
            file=file,
            line=text.count("\n", 0, e.start) + 1,
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        message, line, column = _toml_position(str(e), text)
        raise StandardFileError(
            f"not valid TOML: {message}", file=file, line=line, column=column
        ) from None
    except RecursionError:
        # tomllib recurses once per nested array or inline table.
        raise StandardFileError(
            "not valid TOML: arrays or tables are nested too deeply", file=file
        ) from None
    problems: list[FairminedError] = []
    fmt = data.get("format_version")
    if fmt not in FORMAT_VERSIONS or isinstance(fmt, bool):
        problems.append(
            StandardFileError(
                f"format_version must be {FORMAT_VERSION} (or the older 1), not {fmt!r}",
                path="$.format_version",
            )
        )
    version = fmt if fmt in FORMAT_VERSIONS and not isinstance(fmt, bool) else FORMAT_VERSION
    known = _CORE_KEYS | (_V2_KEYS if version >= 2 else set())
    for key in sorted(set(data) - known):
        problems.append(StandardFileError("unknown top-level key", path=f"$.{key}"))
    documents: dict[str, SourceDocument] = {}
    if "documents" in data and version >= 2:
        documents = read_documents(data["documents"], problems)
    ctx = FileContext(
        file_text=text, file=file, problems=problems, version=version, documents=documents
    )
    info = _read_info(data, problems)
    rows = _read_pricing(data, ctx)
    certification = None
    if "certification" in data:
        certification = read_certification(data["certification"], ctx)
    ctx = attrs.evolve(ctx, types=certification.types if certification is not None else None)
    requirements = read_requirements(data.get("requirements", []), ctx)
    if "certification" not in data and requirements:
        problems.append(
            StandardFileError(
                "a standard with requirements needs a [certification] table", path="$.certification"
            )
        )
    reviews = _read_reviews(data.get("reviewed_by", []), problems)
    supply: tuple[SupplyModel, ...] = ()
    if "supply_models" in data and version >= 2:
        ids = {r.id for r in requirements}
        supply = read_supply_models(data["supply_models"], documents, ids, problems)
    if problems or info is None:
        located = [p.located(file=file) for p in problems]
        raise FileProblems(located, file=file)
    digest = hashlib.sha256(encoded).hexdigest()
    return Standard(
        info=info,
        pricing=tuple(rows),
        path=file,
        sha256=digest,
        requirements=requirements,
        certification=certification,
        documents=tuple(documents.values()),
        reviewed_by=reviews,
        supply_models=supply,
    )


def _read_info(data: dict[str, Any], problems: list[FairminedError]) -> StandardInfo | None:
    raw_standard = data.get("standard", {})
    if not isinstance(raw_standard, dict):
        problems.append(StandardFileError("expected a [standard] table", path="$.standard"))
        raw_standard = {}
    raw_info = dict(raw_standard)
    list_problem = False
    for key in ("sources", "supersedes", "superseded_by"):
        if key not in raw_info:
            continue
        if isinstance(raw_info[key], list):
            raw_info[key] = tuple(raw_info[key])
        else:
            # cattrs would turn the text "abc" into the tuple ("a", "b", "c").
            problems.append(
                StandardFileError(
                    f'expected a list of texts such as ["..."], not {raw_info[key]!r}',
                    path=f"$.standard.{key}",
                )
            )
            list_problem = True
    try:
        info = _converter.structure(raw_info, StandardInfo)
    except Exception as e:  # cattrs raises ExceptionGroups of any kind
        problems.extend(_cattrs_problems(e, "$.standard"))
        return None
    return None if list_problem else info


def _read_pricing(data: dict[str, Any], ctx: FileContext) -> list[PricingRow]:
    problems = ctx.problems
    rows: list[PricingRow] = []
    raw_rows = data.get("pricing", [])
    if not isinstance(raw_rows, list) or not raw_rows:
        problems.append(
            StandardFileError("at least one [[pricing]] row is needed", path="$.pricing")
        )
        raw_rows = []
    for i, raw_row in enumerate(raw_rows):
        row = _read_row(raw_row, f"$.pricing[{i}]", ctx)
        if row is not None:
            rows.append(row)
    _check_overlaps(rows, problems)
    return rows


def _read_row(raw_row: object, path: str, ctx: FileContext) -> PricingRow | None:
    problems = ctx.problems
    try:
        r = _converter.structure(raw_row, _RawPricing)
    except Exception as e:
        problems.extend(_cattrs_problems(e, path))
        # A figure that did structure may still break a rule of its own
        # (an unverified figure without a note): report that too.
        for name in ("floor", "premium", "ecological_premium"):
            raw_fig = raw_row.get(name) if isinstance(raw_row, dict) else None
            try:
                fig = _converter.structure(raw_fig, _RawFigure)
            except Exception:
                continue  # its problems are in the row's report already
            _figure(fig, f"{path}.{name}", problems, ctx)
        return None
    figs = [
        _figure(getattr(r, n), f"{path}.{n}", problems, ctx)
        for n in ("floor", "premium", "ecological_premium")
    ]
    if r.effective_to is not None and r.effective_to < r.effective_from:
        problems.append(
            StandardFileError("effective_to is before effective_from", path=f"{path}.effective_to")
        )
    if figs[0] is not None and figs[0].kind != "fraction_of_reference":
        problems.append(
            StandardFileError("the floor must be a fraction_of_reference", path=f"{path}.floor")
        )
    floor, premium, eco = figs
    if floor is None or premium is None or eco is None:
        return None
    return PricingRow(r.metal, r.effective_from, r.effective_to, r.reference, floor, premium, eco)


def _read_reviews(value: object, problems: list[FairminedError]) -> tuple[Review, ...]:
    """The ``[[reviewed_by]]`` block: who checked the file against which official copy."""
    if not isinstance(value, list):
        problems.append(StandardFileError("use [[reviewed_by]] tables", path="$.reviewed_by"))
        return ()
    out = []
    for i, raw in enumerate(value):
        path = f"$.reviewed_by[{i}]"
        try:
            out.append(_converter.structure(raw, Review))
        except Exception as e:
            problems.extend(_cattrs_problems(e, path))
    return tuple(out)


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*\Z")


def _toml_position(message: str, text: str) -> tuple[str, int | None, int | None]:
    """Split tomllib's "... (at line 3, column 5)" into the message, line and column."""
    if m := _TOML_AT.search(message):
        return message[: m.start()], int(m.group(1)), int(m.group(2))
    if message.endswith("(at end of document)"):
        return message.removesuffix(" (at end of document)"), text.count("\n") + 1, None
    return message, None, None


def _check_overlaps(rows: list[PricingRow], problems: list[FairminedError]) -> None:
    by_metal: dict[Metal, list[PricingRow]] = {}
    for r in rows:
        by_metal.setdefault(r.metal, []).append(r)
    for metal, rs in by_metal.items():
        rs.sort(key=lambda r: r.effective_from)
        for a, b in itertools.pairwise(rs):
            if a.effective_to is None or a.effective_to >= b.effective_from:
                problems.append(
                    StandardFileError(
                        f"two {metal.value} pricing rows overlap from "
                        f"{b.effective_from.isoformat()}",
                        path="$.pricing",
                    )
                )


def _read_standard_file(path: Path) -> bytes:
    try:
        return read_bounded(path, MAX_BYTES, what="standard file", error=StandardFileError)
    except StandardFileError as e:
        if e.message.startswith("cannot read"):
            # A path that cannot be opened may be a mistyped id: the same class as one.
            raise UnknownStandardError(e.message, file=e.file) from None
        raise


def _shipped_dir() -> Any:
    return resources.files("fairmined") / "_standards"


def list_standards() -> tuple[str, ...]:
    """The ids of the shipped standards."""
    return SHIPPED_STANDARDS


@cache
def load_standard(name_or_path: str | Path) -> Standard:
    """Load a shipped standard by id, or a standard file by path.

    Results are cached; :func:`clear_cache` empties the cache (for tests, or
    after editing a file).
    """
    if isinstance(name_or_path, Path) or (
        isinstance(name_or_path, str)
        and name_or_path not in SHIPPED_STANDARDS
        and (name_or_path.endswith(".toml") or "/" in name_or_path or "\\" in name_or_path)
    ):
        path = Path(name_or_path)
        raw = _read_standard_file(path)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise StandardFileError(f"not UTF-8 text (byte {e.start})", file=str(path)) from None
        # Windows editors often save UTF-8 with a byte-order mark; tomllib refuses it.
        return parse_standard(text.removeprefix("\ufeff"), str(path))
    if not isinstance(name_or_path, str):
        raise TypeError(f"standard must be an id or a path, not {type(name_or_path).__name__}")
    if name_or_path not in SHIPPED_STANDARDS:
        hint = did_you_mean(name_or_path, SHIPPED_STANDARDS)
        raise UnknownStandardError(f"unknown standard {name_or_path!r}", path="standard", hint=hint)
    resource = _shipped_dir() / f"{name_or_path}.toml"
    return parse_standard(resource.read_text(encoding="utf-8"), f"standards/{name_or_path}.toml")


def clear_cache() -> None:
    """Forget every loaded standard."""
    load_standard.cache_clear()
