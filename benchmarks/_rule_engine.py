"""The shipped standards' rules in the `rule-engine` package: the peer baseline.

:func:`translate` turns one of our rule trees into rule-engine *text* (which
rule-engine parses itself; nothing is executed as Python). What maps how:

- paths use safe item access (``a&['b']``), so a missing section reads as null;
- ``all/any/none/count(x in S where C: B)`` become list comprehensions,
  ``[x for x in S if C and not B].is_empty`` and so on;
- ``age(b, d) >= n`` is spelled out with ``.year``, ``.month`` and ``.day``;
- ``d1 - d2 <= N months`` (an interval against a duration) becomes a
  comparison of month numbers, then days: rule-engine's timedelta has no months;
- ``present(x)`` is ``x != null``.

What rule-engine cannot express: three-valued logic. It has no *unknown*;
null is falsy, and comparing null with a number is an error. The translation
therefore guards every comparison with ``p != null`` for the paths it reads,
which reads an unknown comparison as false. In Kleene logic a result that is
known does not depend on the unknown parts, so wherever our engine gives True
or False, rule-engine gives the same answer (the benchmark and
``tests/test_bench_baselines.py`` check it); where ours says *unknown*
rule-engine answers True or False, and a caller would need a second rule per
requirement to tell "not assessed" apart. That work is not added to its timing.
"""

from __future__ import annotations

from decimal import Decimal

import rule_engine

from fairmined.rules._ast import (
    Binary,
    Call,
    DurationLit,
    ListLit,
    Literal,
    Node,
    Path,
    Quant,
    Unary,
)

CONTEXT = rule_engine.Context(default_value=None)


class Untranslatable(ValueError):
    """A rule construct rule-engine has no spelling for."""


def _lit(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f'd"{value}"'  # a date


def _paths(node: Node) -> list[str]:
    """The paths a comparison reads (not those inside a quantifier, which guards its own)."""
    if isinstance(node, Path):
        return [_path(node)]
    if isinstance(node, Binary):
        return _paths(node.left) + _paths(node.right)
    if isinstance(node, Unary):
        return _paths(node.operand)
    if isinstance(node, Call):
        return [p for a in node.args for p in _paths(a)]
    if isinstance(node, Quant):
        return [_path(node.source)] if isinstance(node.source, Path) else []
    return []


def _path(node: Node) -> str:
    assert isinstance(node, Path)
    return node.parts[0] + "".join(f"&[{_lit(k)}]" for k in node.parts[1:])


def _guard(paths: list[str], expr: str) -> str:
    seen = list(dict.fromkeys(paths))
    if not seen:
        return expr
    return "(" + " and ".join(f"{p} != null" for p in seen) + f" and {expr})"


def _age_at_least(born: str, on: str, n: int) -> str:
    """``age(born, on) >= n``: the years between, less one before the birthday."""
    return (
        f"({on}.year - {born}.year > {n} or ({on}.year - {born}.year == {n} and "
        f"({on}.month > {born}.month or ({on}.month == {born}.month and "
        f"{on}.day >= {born}.day))))"
    )


def _compare(node: Binary) -> str:
    op = node.op
    left, right = node.left, node.right
    # age(b, d) op n, with n a whole number
    if isinstance(left, Call) and left.name == "age" and isinstance(right, Literal):
        n = right.value
        assert isinstance(n, Decimal) and n == n.to_integral_value()
        born, on = (translate(a) for a in left.args)
        k = int(n)
        forms = {
            ">=": _age_at_least(born, on, k),
            ">": _age_at_least(born, on, k + 1),
            "<": "not " + _age_at_least(born, on, k),
            "<=": "not " + _age_at_least(born, on, k + 1),
        }
        if op not in forms:
            raise Untranslatable(f"age(...) {op} n")
        return _guard(_paths(left), forms[op])
    # later - earlier op N months
    if isinstance(left, Binary) and left.op == "-" and isinstance(right, DurationLit):
        if right.unit not in ("months", "years") or op != "<=":
            raise Untranslatable(f"interval {op} {right.unit}")
        months = right.amount * (12 if right.unit == "years" else 1)
        later, earlier = translate(left.left), translate(left.right)
        gap = f"(({later}.year * 12 + {later}.month) - ({earlier}.year * 12 + {earlier}.month))"
        expr = f"({gap} < {months} or ({gap} == {months} and {later}.day <= {earlier}.day))"
        return _guard(_paths(left), expr)
    return _guard(_paths(left) + _paths(right), f"({translate(left)} {op} {translate(right)})")


def translate(node: Node) -> str:
    """Rule-engine text for one of our rule trees."""
    if isinstance(node, Literal):
        return _lit(node.value)
    if isinstance(node, ListLit):
        return "[" + ", ".join(translate(i) for i in node.items) + "]"
    if isinstance(node, DurationLit):
        raise Untranslatable("a duration outside an interval comparison")
    if isinstance(node, Path):
        return _path(node)
    if isinstance(node, Unary):
        if node.op == "not":
            return f"(not {translate(node.operand)})"
        return f"(-{translate(node.operand)})"
    if isinstance(node, Binary):
        if node.op in ("and", "or"):
            return f"({translate(node.left)} {node.op} {translate(node.right)})"
        if node.op in ("==", "!=", "<", "<=", ">", ">=", "in", "not in"):
            return _compare(node)
        return f"({translate(node.left)} {node.op} {translate(node.right)})"
    if isinstance(node, Quant):
        src = translate(node.source)
        var = node.var
        where = translate(node.where) if node.where is not None else None
        body = translate(node.body) if node.body is not None else None
        source = f"({src} == null ? [] : {src})"
        if node.kind == "count":
            cond = f" if {where}" if where else ""
            return f"[{var} for {var} in {source}{cond}].length"
        if node.kind not in ("all", "any", "none"):
            raise Untranslatable(node.kind)
        assert body is not None
        test = f"not {body}" if node.kind == "all" else body
        if where:
            test = f"{where} and ({test})"
        empty = f"[{var} for {var} in {source} if {test}].is_empty"
        expr = f"(not {empty})" if node.kind == "any" else empty
        return f"({src} != null and {expr})"
    if node.name == "present":
        return f"({translate(node.args[0])} != null)"
    raise Untranslatable(f"{node.name}() outside a comparison")


def compile_text(text: str) -> rule_engine.Rule:
    """Our rule text, parsed by us, translated, and compiled by rule-engine."""
    from fairmined.rules import parse

    return rule_engine.Rule(translate(parse(text)), context=CONTEXT)
