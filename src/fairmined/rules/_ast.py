"""The syntax tree of a rule. Every node knows its line and column in the rule text."""

from __future__ import annotations

import datetime
from decimal import Decimal

import attrs


@attrs.frozen
class Literal:
    """A number, string, boolean, date or duration written in the rule."""

    value: Decimal | str | bool | datetime.date
    line: int = attrs.field(eq=False, default=1)
    column: int = attrs.field(eq=False, default=1)


@attrs.frozen
class DurationLit:
    """A duration literal such as ``12 months``; unit is days, weeks, months or years."""

    amount: int
    unit: str
    line: int = attrs.field(eq=False, default=1)
    column: int = attrs.field(eq=False, default=1)


@attrs.frozen
class ListLit:
    """A list literal ``[a, b]``."""

    items: tuple[Node, ...]
    line: int = attrs.field(eq=False, default=1)
    column: int = attrs.field(eq=False, default=1)


@attrs.frozen
class Path:
    """A field path such as ``audit.date`` or ``w.birth_date``."""

    parts: tuple[str, ...]
    line: int = attrs.field(eq=False, default=1)
    column: int = attrs.field(eq=False, default=1)


@attrs.frozen
class Unary:
    """``not x`` or ``-x``; op is ``not`` or ``-``."""

    op: str
    operand: Node
    line: int = attrs.field(eq=False, default=1)
    column: int = attrs.field(eq=False, default=1)


@attrs.frozen
class Binary:
    """A binary operation: and, or, comparisons, in, not in, + - * /."""

    op: str
    left: Node
    right: Node
    line: int = attrs.field(eq=False, default=1)
    column: int = attrs.field(eq=False, default=1)


@attrs.frozen
class Quant:
    """A quantifier or aggregate: all any none count sum min max."""

    kind: str
    var: str
    source: Node
    where: Node | None
    body: Node | None
    line: int = attrs.field(eq=False, default=1)
    column: int = attrs.field(eq=False, default=1)


@attrs.frozen
class Call:
    """A call of one of the built-in functions: age, len, present, lower."""

    name: str
    args: tuple[Node, ...]
    line: int = attrs.field(eq=False, default=1)
    column: int = attrs.field(eq=False, default=1)


Node = Literal | DurationLit | ListLit | Path | Unary | Binary | Quant | Call

PRECEDENCE = {"or": 1, "and": 2, "not": 3, "cmp": 4, "+": 5, "-": 5, "*": 6, "/": 6, "neg": 7}
COMPARISONS = frozenset({"==", "!=", "<", "<=", ">", ">=", "in", "not in"})


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, datetime.date):
        return f'date("{value.isoformat()}")'
    return str(value)


def _level(node: Node) -> int:
    if isinstance(node, Binary):
        return PRECEDENCE["cmp"] if node.op in COMPARISONS else PRECEDENCE[node.op]
    if isinstance(node, Unary):
        return PRECEDENCE["not"] if node.op == "not" else PRECEDENCE["neg"]
    if isinstance(node, Literal) and isinstance(node.value, Decimal) and node.value < 0:
        return PRECEDENCE["neg"]
    return 99


def unparse(node: Node) -> str:
    """Rule text for ``node``, with only the parentheses the grammar needs."""
    if isinstance(node, Literal):
        return _text(node.value)
    if isinstance(node, DurationLit):
        return f"{node.amount} {node.unit}"
    if isinstance(node, ListLit):
        return "[" + ", ".join(unparse(i) for i in node.items) + "]"
    if isinstance(node, Path):
        return ".".join(node.parts)
    if isinstance(node, Unary):
        inner = unparse(node.operand)
        if _level(node.operand) <= _level(node):
            inner = f"({inner})"
        return f"not {inner}" if node.op == "not" else f"-{inner}"
    if isinstance(node, Binary):
        mine = _level(node)
        left, right = unparse(node.left), unparse(node.right)
        # Comparisons do not chain; arithmetic and logic are left-associative.
        if _level(node.left) < mine or (_level(node.left) == mine and node.op in COMPARISONS):
            left = f"({left})"
        if _level(node.right) <= mine:
            right = f"({right})"
        return f"{left} {node.op} {right}"
    if isinstance(node, Quant):
        text = f"{node.kind}({node.var} in {unparse(node.source)}"
        if node.where is not None:
            text += f" where {unparse(node.where)}"
        if node.body is not None:
            text += f": {unparse(node.body)}"
        return text + ")"
    return f"{node.name}(" + ", ".join(unparse(a) for a in node.args) + ")"
