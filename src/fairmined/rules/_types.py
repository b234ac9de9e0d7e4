"""The schema types shared by the rule language and the audit-record format.

A schema is a tree of frozen values. :func:`coerce` checks parsed JSON against
a schema and returns the *facts* tree the rules read; :func:`to_json_schema`
publishes the same schema as JSON Schema (draft 2020-12).
"""

from __future__ import annotations

import datetime
import decimal
import difflib
import re
from decimal import Decimal

import attrs

from fairmined.errors import FairminedError, FileProblems, RecordError

__all__ = [
    "Bool",
    "Date",
    "Duration",
    "Field",
    "ListOf",
    "Number",
    "Object",
    "String",
    "Type",
    "coerce",
    "to_json_schema",
]

#: The one decimal context of the rules package; never the global one.
CONTEXT = decimal.Context(
    prec=34,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


@attrs.frozen
class Bool:
    """``true`` or ``false``."""

    doc: str = ""


@attrs.frozen
class Number:
    """A decimal number, optionally bounded and optionally whole."""

    minimum: Decimal | None = None
    maximum: Decimal | None = None
    integer: bool = False
    doc: str = ""


@attrs.frozen
class String:
    """A text value, optionally restricted to an enumeration."""

    enum: tuple[str, ...] | None = None
    max_length: int = 10_000
    doc: str = ""


@attrs.frozen
class Date:
    """A calendar date: ISO ``yyyy-mm-dd`` in JSON, :class:`datetime.date` in facts."""

    doc: str = ""


@attrs.frozen
class Duration:
    """A span of days, weeks, months or years; only produced inside rules."""

    doc: str = ""


@attrs.frozen
class ListOf:
    """A list whose items all have one type."""

    item: Type
    max_items: int = 1_000_000
    doc: str = ""


@attrs.frozen
class Field:
    """One named field of an :class:`Object`."""

    name: str
    type: Type
    required: bool = False
    doc: str = ""


@attrs.frozen
class Object:
    """A record with named fields; unknown keys are rejected."""

    name: str
    fields: tuple[Field, ...]
    doc: str = ""

    def field(self, name: str) -> Field | None:
        """The field called ``name``, or None."""
        for f in self.fields:
            if f.name == name:
                return f
        return None


Type = Bool | Number | String | Date | Duration | ListOf | Object

_NUMBER_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")
_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, int | Decimal):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return f"a Python {type(value).__name__}"


def _hint(word: str, choices: list[str]) -> str | None:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


#: Where a value sits, built without formatting: the root text ("$"), or a
#: (parent, field name or list index) pair. Formatted only for an error.
_Where = str | tuple[object, str | int]


def _where(path: object) -> str:
    """``$.workers[3].birth_date`` from its (parent, key) chain."""
    parts: list[str] = []
    while isinstance(path, tuple):
        path, key = path
        parts.append(f"[{key}]" if isinstance(key, int) else f".{key}")
    return str(path) + "".join(reversed(parts))


class _Coercer:
    """Checks values against a schema; paths are formatted only for problems."""

    def __init__(self, file: str | None) -> None:
        self.file = file
        self.problems: list[FairminedError] = []

    def fail(self, path: _Where, message: str, hint: str | None = None) -> object:
        self.problems.append(RecordError(message, file=self.file, path=_where(path), hint=hint))
        return None

    def value(self, data: object, schema: Type, path: _Where) -> object:
        if isinstance(schema, Object):
            return self.object(data, schema, path)
        if isinstance(schema, ListOf):
            if not isinstance(data, list | tuple):
                return self.fail(path, f"expected an array, got {_json_kind(data)}")
            if len(data) > schema.max_items:
                return self.fail(
                    path, f"the array has {len(data)} items, at most {schema.max_items} allowed"
                )
            item = schema.item
            if isinstance(item, Object):
                return [self.object(x, item, (path, i)) for i, x in enumerate(data)]
            return [self.value(x, item, (path, i)) for i, x in enumerate(data)]
        if isinstance(schema, Bool):
            if not isinstance(data, bool):
                return self.fail(path, f"expected true or false, got {_json_kind(data)}")
            return data
        if isinstance(schema, Number):
            return self.number(data, schema, path)
        if isinstance(schema, String):
            if not isinstance(data, str):
                return self.fail(path, f"expected a string, got {_json_kind(data)}")
            if len(data) > schema.max_length:
                return self.fail(
                    path, f"the string has {len(data)} characters, at most {schema.max_length}"
                )
            if schema.enum is not None and data not in schema.enum:
                allowed = ", ".join(repr(e) for e in schema.enum)
                return self.fail(
                    path,
                    f"{data!r} is not one of {allowed}",
                    _hint(data, list(schema.enum)),
                )
            return data
        if isinstance(schema, Date):
            return self.date(data, path)
        return self.fail(path, "a duration cannot appear in a record")

    def number(self, data: object, schema: Number, path: _Where) -> object:
        if isinstance(data, bool) or not isinstance(data, int | Decimal | str):
            extra = " (parse JSON with parse_float=Decimal)" if isinstance(data, float) else ""
            return self.fail(path, f"expected a number, got {_json_kind(data)}{extra}")
        if isinstance(data, str):
            if not _NUMBER_TEXT.match(data.strip()):
                return self.fail(path, f"expected a number, got the string {data[:40]!r}")
            number = Decimal(data.strip())
        elif isinstance(data, int):
            number = Decimal(data)
        else:
            number = data
        if not number.is_finite():
            return self.fail(path, f"expected a finite number, got {number}")
        if schema.integer and CONTEXT.to_integral_value(number) != number:
            return self.fail(path, f"expected a whole number, got {format(number, 'f')}")
        if schema.minimum is not None and number < schema.minimum:
            return self.fail(path, f"{format(number, 'f')} is below the minimum {schema.minimum}")
        if schema.maximum is not None and number > schema.maximum:
            return self.fail(path, f"{format(number, 'f')} is above the maximum {schema.maximum}")
        return number

    def date(self, data: object, path: _Where) -> object:
        if isinstance(data, datetime.datetime):
            return self.fail(path, "expected a date, got a date and time")
        if isinstance(data, datetime.date):
            return data
        if not isinstance(data, str):
            return self.fail(path, f"expected a date (yyyy-mm-dd), got {_json_kind(data)}")
        if not _DATE_TEXT.match(data):
            return self.fail(path, f"expected a date (yyyy-mm-dd), got {data[:40]!r}")
        try:
            return datetime.date.fromisoformat(data)
        except ValueError:
            return self.fail(path, f"{data!r} is not a real calendar date")

    def object(self, data: object, schema: Object, path: _Where) -> object:
        if not isinstance(data, dict):
            return self.fail(path, f"expected an object ({schema.name}), got {_json_kind(data)}")
        known, plan = _plan(schema)
        suggested: set[str] = set()
        if not known.issuperset(data):
            names = [f.name for f in schema.fields]
            for key in data:
                if key not in known:
                    hint = _hint(str(key), names)
                    self.fail((path, str(key)), f"unknown key {key!r} in {schema.name}", hint)
                    if hint:
                        suggested.update(
                            difflib.get_close_matches(str(key), names, n=1, cutoff=0.6)
                        )
        out: dict[str, object] = {}
        get = data.get
        for name, kind, f in plan:
            raw = get(name)
            if raw is None:
                # A misspelt key already got "did you mean"; its field is not missing twice.
                if f.required and not (name in suggested and name not in data):
                    self.fail((path, name), f"the required field {name!r} is missing")
                continue
            # The common leaves in one step; anything else (and every problem) below.
            cls = raw.__class__
            if kind == "bool" and cls is bool:
                out[name] = raw
                continue
            if kind == "text" and cls is str and len(raw) <= f.type.max_length:  # type: ignore[union-attr]
                out[name] = raw
                continue
            if kind == "enum" and cls is str and raw in f.type.enum:  # type: ignore[union-attr,operator]
                out[name] = raw
                continue
            if kind == "number":
                number = raw if cls is Decimal else _number_text(raw) if cls is str else None
                if number is not None and _plain_number(number, f.type):  # type: ignore[arg-type]
                    out[name] = number
                    continue
            if kind == "date" and cls is str and _DATE_TEXT.match(raw):
                try:
                    out[name] = datetime.date.fromisoformat(raw)
                    continue
                except ValueError:
                    pass  # reported below
            value = self.value(raw, f.type, (path, name))
            if value is not None:
                out[name] = value
        return out


def _number_text(text: str) -> Decimal | None:
    """A decimal string as :meth:`_Coercer.number` reads it, or None to let it decide."""
    return Decimal(text) if _NUMBER_TEXT.match(text) else None


def _plain_number(value: Decimal, schema: Number) -> bool:
    """True when ``value`` passes every check of :meth:`_Coercer.number` as it is."""
    return (
        value.is_finite()
        and (not schema.integer or CONTEXT.to_integral_value(value) == value)
        and (schema.minimum is None or value >= schema.minimum)
        and (schema.maximum is None or value <= schema.maximum)
    )


#: Per schema object, by identity: each field with the kind of its fast path.
_PLANS: dict[int, tuple[Object, frozenset[str], list[tuple[str, str, Field]]]] = {}


def _plan(schema: Object) -> tuple[frozenset[str], list[tuple[str, str, Field]]]:
    """The field names of ``schema``, and each field with the kind of its fast path.

    Kept by identity: hashing a schema would walk all of it.
    """
    hit = _PLANS.get(id(schema))
    if hit is None or hit[0] is not schema:
        plan = []
        for f in schema.fields:
            t = f.type
            kind = "other"
            if isinstance(t, Bool | Date | Number):
                kind = type(t).__name__.lower()
            elif isinstance(t, String):
                kind = "text" if t.enum is None else "enum"
            plan.append((f.name, kind, f))
        hit = _PLANS[id(schema)] = (schema, frozenset(f.name for f in schema.fields), plan)
    return hit[1], hit[2]


def coerce(data: object, schema: Object, *, file: str | None = None) -> dict[str, object]:
    """Check parsed JSON against ``schema`` and return the facts tree.

    Numbers become :class:`~decimal.Decimal` (also from decimal strings), dates
    become :class:`datetime.date`; a missing optional field or JSON null is
    left out. Every problem is collected and raised as one
    :class:`~fairmined.errors.FileProblems` of :class:`~fairmined.errors.RecordError`.
    """
    coercer = _Coercer(file)
    result = coercer.value(data, schema, "$")
    if coercer.problems:
        raise FileProblems(coercer.problems, file=file)
    assert isinstance(result, dict)
    return result


def _json_number(value: Decimal) -> int | str:
    # JSON Schema bounds must be JSON numbers; a whole bound is exact as int.
    if CONTEXT.to_integral_value(value) == value:
        return int(value)
    return format(value, "f")


def _type_schema(schema: Type) -> dict[str, object]:
    out: dict[str, object]
    if isinstance(schema, Bool):
        out = {"type": "boolean"}
    elif isinstance(schema, Number):
        numeric: dict[str, object] = {"type": "integer" if schema.integer else "number"}
        for key, bound in (("minimum", schema.minimum), ("maximum", schema.maximum)):
            if bound is not None:
                as_json = _json_number(bound)
                # Fractional bounds stay exact as strings in an extension keyword.
                numeric[key if isinstance(as_json, int) else f"x-decimal-{key}"] = as_json
        out = {"anyOf": [numeric, {"type": "string", "pattern": _NUMBER_TEXT.pattern[:-2] + "$"}]}
    elif isinstance(schema, String):
        out = {"type": "string", "maxLength": schema.max_length}
        if schema.enum is not None:
            out["enum"] = list(schema.enum)
    elif isinstance(schema, Date):
        out = {"type": "string", "format": "date"}
    elif isinstance(schema, Duration):
        out = {"not": {}}
    elif isinstance(schema, ListOf):
        out = {"type": "array", "items": _type_schema(schema.item), "maxItems": schema.max_items}
    else:
        props: dict[str, object] = {}
        for f in schema.fields:
            sub = _type_schema(f.type)
            if f.doc:
                sub["description"] = f.doc
            if not f.required:
                sub = {
                    "anyOf": [sub, {"type": "null"}],
                    **({"description": f.doc} if f.doc else {}),
                }
            props[f.name] = sub
        out = {
            "type": "object",
            "title": schema.name,
            "properties": props,
            "required": [f.name for f in schema.fields if f.required],
            "additionalProperties": False,
        }
    if schema.doc:
        out["description"] = schema.doc
    return out


def to_json_schema(schema: Object) -> dict[str, object]:
    """The schema as a JSON Schema (draft 2020-12) document, with ``doc`` as descriptions."""
    out: dict[str, object] = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    out.update(_type_schema(schema))
    return out
