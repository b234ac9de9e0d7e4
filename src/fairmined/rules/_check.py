"""Type-check a syntax tree against a record schema."""

from __future__ import annotations

import difflib
from decimal import Decimal

import attrs

from fairmined.errors import RuleTypeError

from ._ast import Binary, Call, DurationLit, ListLit, Literal, Node, Path, Quant, Unary, unparse
from ._functions import FUNCTIONS
from ._lexer import Origin
from ._types import Bool, Date, Duration, ListOf, Number, Object, String, Type


@attrs.frozen
class Interval:
    """The difference of two dates; only comparable with a duration."""


@attrs.frozen
class Empty:
    """The item type of the empty list literal; matches every type."""


T = Type | Interval | Empty


@attrs.frozen
class Resolved:
    """A path resolved against the schema: the env slot it starts from and the keys."""

    slot: int
    keys: tuple[str, ...]
    field: str  # schema path such as "workers[*].birth_date"


@attrs.frozen
class _Var:
    slot: int
    type: T
    field: str


def type_name(t: T) -> str:
    """A short name of a type for messages."""
    if isinstance(t, ListOf):
        return f"list of {type_name(t.item)}"
    if isinstance(t, Object):
        return f"object {t.name}"
    if isinstance(t, Interval):
        return "interval (date - date)"
    if isinstance(t, Empty):
        return "anything"
    return {
        Bool: "boolean",
        Number: "number",
        String: "string",
        Date: "date",
        Duration: "duration",
    }[type(t)]


def _same(a: T, b: T) -> bool:
    if isinstance(a, Empty) or isinstance(b, Empty):
        return True
    if isinstance(a, ListOf) and isinstance(b, ListOf):
        return _same(a.item, b.item)
    return type(a) is type(b) and not isinstance(a, Object)


class Checker:
    """Walks the tree once, recording each node's type and each path's resolution."""

    def __init__(self, schema: Object, origin: Origin) -> None:
        self.schema = schema
        self.origin = origin
        self.types: dict[int, T] = {}
        self.paths: dict[int, Resolved] = {}
        self.slots: dict[int, int] = {}
        self.fields: set[str] = set()
        self.nslots = 1
        self.scope: dict[str, _Var] = {}
        self.cost = 0  # steps at the schema's list limits, set by check()

    def error(self, node: Node, message: str, hint: str | None = None) -> RuleTypeError:
        line, column = self.origin.map(node.line, node.column)
        return RuleTypeError(
            message,
            file=self.origin.file,
            line=line,
            column=column,
            path=self.origin.requirement,
            hint=hint,
        )

    def check(self, node: Node) -> T:
        t = self._check(node)
        self.types[id(node)] = t
        return t

    def want(self, node: Node, kinds: tuple[type, ...], what: str) -> T:
        t = self.check(node)
        if not isinstance(t, kinds):
            raise self.error(node, f"{unparse(node)} is a {type_name(t)}, expected {what}")
        return t

    def _check(self, node: Node) -> T:
        if isinstance(node, Literal):
            v = node.value
            if isinstance(v, bool):
                return Bool()
            if isinstance(v, Decimal):
                return Number()
            if isinstance(v, str):
                return String()
            return Date()
        if isinstance(node, DurationLit):
            return Duration()
        if isinstance(node, ListLit):
            item: T = Empty()
            for x in node.items:
                t = self.check(x)
                if isinstance(t, ListOf | Object | Interval):
                    raise self.error(x, f"a list literal cannot hold a {type_name(t)}")
                if not _same(item, t):
                    raise self.error(
                        x, f"list items must have one type: {type_name(item)} and {type_name(t)}"
                    )
                if not isinstance(t, Empty):
                    item = t
            return ListOf(item)  # type: ignore[arg-type]
        if isinstance(node, Path):
            return self.path(node)
        if isinstance(node, Unary):
            if node.op == "not":
                return self.want(node.operand, (Bool,), "a boolean after 'not'")
            t = self.want(node.operand, (Number, Duration), "a number or duration after '-'")
            return t
        if isinstance(node, Binary):
            return self.binary(node)
        if isinstance(node, Quant):
            return self.quant(node)
        return self.call(node)

    def path(self, node: Path, *, allow_object: bool = False) -> T:
        parts = node.parts
        var = self.scope.get(parts[0])
        current: T
        if var is not None:
            slot, current, field, keys = var.slot, var.type, var.field, parts[1:]
        else:
            slot, current, field, keys = 0, self.schema, "", parts
        for key in keys:
            shown = f"{field}.{key}" if field else key
            if isinstance(current, ListOf):
                raise self.error(
                    node,
                    f"{field} is a list; read its items with all(), any() or count()",
                    hint=f"for example any(x in {field}: x.{key} ...)",
                )
            if not isinstance(current, Object):
                raise self.error(
                    node, f"{field} is a {type_name(current)} and has no field {key!r}"
                )
            f = current.field(key)
            if f is None:
                names = [x.name for x in current.fields]
                if var is None and current is self.schema:
                    names += list(self.scope)
                close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
                where = f"in {current.name}" if field else "in the record"
                raise self.error(
                    node,
                    f"unknown field {shown!r} {where}",
                    hint=f"did you mean {close[0]!r}?" if close else None,
                )
            current = f.type
            field = shown
        if isinstance(current, Object) and not allow_object:
            raise self.error(node, f"{field or 'the record'} is an object; name one of its fields")
        if var is not None and not keys:
            field = var.field
        self.fields.add(field)
        self.paths[id(node)] = Resolved(slot, tuple(keys), field)
        return current

    def binary(self, node: Binary) -> T:
        op = node.op
        if op in ("and", "or"):
            self.want(node.left, (Bool,), f"a boolean on the left of '{op}'")
            self.want(node.right, (Bool,), f"a boolean on the right of '{op}'")
            return Bool()
        left = self.check(node.left)
        right = self.check(node.right)
        mismatch = self.error(
            node, f"cannot apply '{op}' to a {type_name(left)} and a {type_name(right)}"
        )
        if op in ("in", "not in"):
            if not isinstance(right, ListOf) or isinstance(left, ListOf | Object | Interval):
                raise mismatch
            if not _same(left, right.item):
                raise mismatch
            self.enum_check(node.left, left, node.right)
            self.enum_check(node.right, right.item, node.left)
            return Bool()
        if op in ("==", "!=", "<", "<=", ">", ">="):
            if isinstance(left, Interval) or isinstance(right, Interval):
                if {type(left), type(right)} != {Interval, Duration}:
                    raise self.error(
                        node,
                        "a difference of dates can only be compared with a duration",
                        hint="for example audit.date - x.date <= 12 months",
                    )
                return Bool()
            if isinstance(left, ListOf | Object | Duration) or not _same(left, right):
                raise mismatch
            if op not in ("==", "!=") and not isinstance(left, Number | Date):
                raise self.error(node, f"'{op}' compares numbers or dates, not a {type_name(left)}")
            self.enum_check(node.left, left, node.right)
            self.enum_check(node.right, right, node.left)
            return Bool()
        if op in ("*", "/"):
            if isinstance(left, Number) and isinstance(right, Number):
                return Number()
            raise mismatch
        if isinstance(left, Number) and isinstance(right, Number):
            return Number()
        if isinstance(left, Date) and isinstance(right, Duration):
            return Date()
        if op == "+" and isinstance(left, Duration) and isinstance(right, Date):
            return Date()
        if op == "-" and isinstance(left, Date) and isinstance(right, Date):
            return Interval()
        raise mismatch

    def enum_check(self, field_node: Node, t: T, other: Node) -> None:
        if not isinstance(t, String) or t.enum is None:
            return
        literals = other.items if isinstance(other, ListLit) else (other,)
        for lit in literals:
            if isinstance(lit, Literal) and isinstance(lit.value, str) and lit.value not in t.enum:
                close = difflib.get_close_matches(lit.value, list(t.enum), n=1, cutoff=0.6)
                allowed = ", ".join(f'"{e}"' for e in t.enum)
                raise self.error(
                    lit,
                    f'"{lit.value}" is not a possible value of {unparse(field_node)} ({allowed})',
                    hint=f'did you mean "{close[0]}"?' if close else None,
                )

    def quant(self, node: Quant) -> T:
        source = self.check(node.source)
        if not isinstance(source, ListOf):
            raise self.error(
                node.source, f"{unparse(node.source)} is a {type_name(source)}, expected a list"
            )
        slot = self.nslots
        self.nslots += 1
        self.slots[id(node)] = slot
        field = (
            self.paths[id(node.source)].field + "[*]" if isinstance(node.source, Path) else "[*]"
        )
        saved = self.scope.get(node.var)
        self.scope[node.var] = _Var(slot, source.item, field)
        try:
            if node.where is not None:
                self.want(node.where, (Bool,), "a boolean after 'where'")
            if node.kind in ("all", "any", "none"):
                assert node.body is not None
                self.want(node.body, (Bool,), f"a boolean condition in {node.kind}()")
                return Bool()
            if node.kind == "count":
                return Number()
            assert node.body is not None
            if node.kind == "sum":
                self.want(node.body, (Number,), "a number in sum()")
                return Number()
            return self.want(node.body, (Number, Date), f"a number or date in {node.kind}()")
        finally:
            if saved is None:
                del self.scope[node.var]
            else:
                self.scope[node.var] = saved

    def call(self, node: Call) -> T:
        fn = FUNCTIONS.get(node.name)
        if fn is None:
            raise self.error(node, f"unknown function {node.name!r}")
        if fn.impl is None:  # present(): a path read whole, objects allowed
            arg = node.args[0]
            if not isinstance(arg, Path):
                raise self.error(arg, f"{fn.name}() takes {fn.params[0][1]}")
            self.types[id(arg)] = self.path(arg, allow_object=True)
            return fn.result()  # type: ignore[no-any-return]
        for arg, (kinds, what) in zip(node.args, fn.params, strict=True):
            self.want(arg, kinds, what)
        return fn.result()  # type: ignore[no-any-return]


#: Most quantifiers (all, any, none, count, sum, min, max) nested in one another.
MAX_QUANTIFIER_NESTING = 3
#: Most evaluation steps a rule may take on one record at the schema's list
#: limits (a step: one node of the rule evaluated once). Ten million steps take
#: a few seconds; one pass over 100,000 workers with a dozen conditions is 1.3 million.
MAX_COST = 10_000_000


def check(node: Node, schema: Object, origin: Origin) -> Checker:
    """Type-check ``node``; the result must be a boolean. Raise RuleTypeError."""
    checker = Checker(schema, origin)
    t = checker.check(node)
    if not isinstance(t, Bool):
        raise checker.error(node, f"a rule must be a condition (boolean), this is a {type_name(t)}")
    cost = checker.cost = _cost(node, checker, 0)
    if cost > MAX_COST:
        raise checker.error(
            node,
            f"the rule may take about {cost:.1e} steps on a record at the size limits, "
            f"at most {MAX_COST:.0e}",
            hint="do not nest quantifiers over long lists such as workers",
        )
    return checker


def _items(node: Node, checker: Checker) -> int:
    """How many items the list ``node`` can hold at most."""
    if isinstance(node, ListLit):
        return len(node.items)
    t = checker.types.get(id(node))
    return t.max_items if isinstance(t, ListOf) else 1


def _cost(node: Node, checker: Checker, nesting: int) -> int:
    """An upper bound of the steps evaluating ``node`` takes at the schema's limits.

    Bounded by 10**30 so the arithmetic stays small whatever the rule.
    """
    if isinstance(node, Quant):
        if nesting >= MAX_QUANTIFIER_NESTING:
            raise checker.error(
                node,
                f"quantifiers are nested more than {MAX_QUANTIFIER_NESTING} deep",
                hint="split the condition into separate requirements",
            )
        inner = 1 + sum(
            _cost(part, checker, nesting + 1) for part in (node.where, node.body) if part
        )
        total = _cost(node.source, checker, nesting) + _items(node.source, checker) * inner
    elif isinstance(node, Binary):
        total = 1 + _cost(node.left, checker, nesting) + _cost(node.right, checker, nesting)
        if node.op in ("in", "not in"):
            total += _items(node.right, checker)
    elif isinstance(node, Unary):
        total = 1 + _cost(node.operand, checker, nesting)
    elif isinstance(node, Call | ListLit):
        parts = node.args if isinstance(node, Call) else node.items
        total = 1 + sum(_cost(a, checker, nesting) for a in parts)
    else:
        total = 1
    return min(total, 10**30)
