"""Explain an evaluation: interpret the tree, keeping the observed values and missing facts."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from ._ast import Binary, Call, DurationLit, ListLit, Literal, Node, Path, Quant, Unary, unparse
from ._check import Checker
from ._values import ZERO, age, arith, compare, duration, member, negate, render

SHOWN = 5


@attrs.frozen
class Evidence:
    """One deciding observation: where, what was observed, what was required."""

    path: str
    observed: str
    required: str


@attrs.frozen
class Explanation:
    """The value of a rule with one plain sentence, the evidence, and the facts missing."""

    value: bool | None
    text: str
    evidence: tuple[Evidence, ...]
    missing: tuple[str, ...]


@attrs.frozen
class _R:
    value: object
    text: str = ""
    missing: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


def _uniq(items: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _unknown_text(missing: tuple[str, ...], reasons: tuple[str, ...]) -> str:
    parts = []
    if missing:
        parts.append("missing: " + ", ".join(missing))
    parts.extend(reasons)
    return "; ".join(parts) or "unknown"


def _first_path(node: Node, env: dict[int, tuple[object, str]], checker: Checker) -> str | None:
    if isinstance(node, Path):
        r = checker.paths[id(node)]
        base = env[r.slot][1]
        return ".".join(x for x in (base, *r.keys) if x)
    for child in attrs.astuple(node, recurse=False):
        if isinstance(child, Node):
            found = _first_path(child, env, checker)
            if found:
                return found
        if isinstance(child, tuple):
            for c in child:
                if not isinstance(c, Node):
                    continue
                found = _first_path(c, env, checker)
                if found:
                    return found
    return None


class Explainer:
    """Interprets the tree; every result keeps text, missing facts and evidence."""

    def __init__(self, checker: Checker) -> None:
        self.checker = checker

    def run(self, node: Node, facts: Mapping[str, object]) -> Explanation:
        r = self.ev(node, {0: (facts, "")}, None)
        value = r.value if isinstance(r.value, bool) else None
        text = r.text if value is not None else _unknown_text(r.missing, r.reasons)
        missing = r.missing if value is None else ()
        return Explanation(value, text, r.evidence, missing)

    def ev(self, node: Node, env: dict[int, tuple[object, str]], here: str | None) -> _R:
        if isinstance(node, Literal):
            return _R(node.value, render(node.value))
        if isinstance(node, DurationLit):
            return _R(duration(node.amount, node.unit), unparse(node))
        if isinstance(node, ListLit):
            items = [self.ev(i, env, here) for i in node.items]
            missing = _uniq([m for i in items for m in i.missing])
            return _R([i.value for i in items], unparse(node), missing)
        if isinstance(node, Path):
            return self.path(node, env)
        if isinstance(node, Unary):
            inner = self.ev(node.operand, env, here)
            if inner.value is None:
                return _R(None, "", inner.missing, inner.reasons)
            if node.op == "-":
                return _R(negate(inner.value), "")
            value = not inner.value
            return _R(
                value, f"{unparse(node)} is {render(value)}: {inner.text}", (), (), inner.evidence
            )
        if isinstance(node, Binary):
            if node.op in ("and", "or"):
                return self.logic(node, env, here)
            return self.binary(node, env, here)
        if isinstance(node, Quant):
            return self.quant(node, env, here)
        return self.call(node, env, here)

    def path(self, node: Path, env: dict[int, tuple[object, str]]) -> _R:
        r = self.checker.paths[id(node)]
        value, base = env[r.slot]
        concrete = ".".join(x for x in (base, *r.keys) if x)
        for k in r.keys:
            if value is None:
                break
            value = value.get(k)  # type: ignore[attr-defined]
        if value is None:
            return _R(None, "", (concrete,))
        return _R(value, concrete)

    def logic(self, node: Binary, env: dict[int, tuple[object, str]], here: str | None) -> _R:
        stop = node.op == "or"
        parts = [self.ev(n, env, here) for n in _flatten(node, node.op)]
        if any(p.value is stop for p in parts):
            deciding = [p for p in parts if p.value is stop]
            if stop:
                return _R(True, deciding[0].text, (), (), deciding[0].evidence)
            return _R(
                False,
                "; ".join(p.text for p in deciding),
                (),
                (),
                tuple(e for p in deciding for e in p.evidence),
            )
        unknown = [p for p in parts if p.value is None]
        if unknown:
            missing = _uniq([m for p in unknown for m in p.missing])
            reasons = _uniq([x for p in unknown for x in p.reasons])
            return _R(None, "", missing, reasons)
        if stop:
            return _R(
                False,
                "; ".join(p.text for p in parts),
                (),
                (),
                tuple(e for p in parts for e in p.evidence),
            )
        return _R(True, "; ".join(p.text for p in parts))

    def binary(self, node: Binary, env: dict[int, tuple[object, str]], here: str | None) -> _R:
        op = node.op
        left = self.ev(node.left, env, here)
        right = self.ev(node.right, env, here)
        if left.value is None or right.value is None:
            return _R(
                None, "", _uniq(left.missing + right.missing), _uniq(left.reasons + right.reasons)
            )
        a, b = left.value, right.value
        if op in ("+", "-", "*", "/"):
            value = arith(op, a, b)
            if value is None:
                why = "division by zero" if op == "/" and b == ZERO else "no result"
                return _R(None, "", (), (f"{why} in {unparse(node)}",))
            return _R(value, "")
        if op in ("in", "not in"):
            found = member(a, b)  # type: ignore[arg-type]
            result = found if found is None or op == "in" else not found
        else:
            result = compare(op, a, b)
        if result is None:
            return _R(None, "", (), (f"no result for {unparse(node)}",))
        lsrc = unparse(node.left)
        observed = f"{lsrc} = {render(a)}"
        rsrc = unparse(node.right)
        shown_b = render(b)
        required = f"{op} {rsrc}" if rsrc == shown_b else f"{op} {rsrc} ({shown_b})"
        if isinstance(a, tuple):
            observed = f"{lsrc} = {render(a[0])} - {render(a[1])}"
        if result:
            return _R(True, f"{lsrc} is {render(a)}, meets {required}")
        where = here or _first_path(node.left, env, self.checker) or lsrc
        return _R(
            False,
            f"{lsrc} is {render(a)}, required {required}",
            (),
            (),
            (Evidence(where, observed, required),),
        )

    def quant(self, node: Quant, env: dict[int, tuple[object, str]], here: str | None) -> _R:
        slot = self.checker.slots[id(node)]
        source = self.ev(node.source, env, here)
        if source.value is None:
            return _R(None, "", source.missing, source.reasons)
        base = source.text if isinstance(node.source, Path) else ""
        items = source.value
        assert isinstance(items, list | tuple)
        noun = unparse(node.source)
        if node.where is not None:
            noun += f" where {unparse(node.where)}"
        results: list[tuple[str, _R | None, _R | None]] = []
        for i, it in enumerate(items):
            key = it.get("id") if isinstance(it, Mapping) else None
            name = f"{base}[{_key(key) if key is not None else i}]"
            inner = dict(env)
            inner[slot] = (it, name)
            c = self.ev(node.where, inner, name) if node.where is not None else None
            if c is not None and c.value is False:
                results.append((name, c, None))
                continue
            v = self.ev(node.body, inner, name) if node.body is not None else None
            results.append((name, c, v))
        kind = node.kind
        if kind in ("all", "any", "none"):
            return self.quantify(node, results, noun)
        return self.aggregate(node, results, items)

    def quantify(
        self, node: Quant, results: list[tuple[str, _R | None, _R | None]], noun: str
    ) -> _R:
        kind = node.kind
        body = unparse(node.body) if node.body is not None else ""
        hit = kind != "all"
        hits: list[tuple[str, _R]] = []
        unknown: list[_R] = []
        considered = 0
        for _name, c, v in results:
            if v is None:
                continue
            considered += 1
            if v.value is None:
                unknown.append(v)
                if c is not None and c.value is None:
                    unknown.append(c)
            elif v.value is hit:
                if c is not None and c.value is None:
                    unknown.append(c)
                else:
                    hits.append((_name, v))
        if hits:
            on_hit = kind == "any"
            if kind == "any":
                name, v = hits[0]
                return _R(True, f"{_label(name)} meets {body}: {v.text}")
            shown = "; ".join(f"{_label(n)}: {v.text}" for n, v in hits[:SHOWN])
            more = len(hits) - SHOWN
            if more > 0:
                shown += f"; and {more} more"
            verb = "fail" if kind == "all" else "meet"
            evidence = tuple(e for _, v in hits for e in v.evidence)
            return _R(
                on_hit,
                f"{len(hits)} of {considered} {noun} {verb} {body}: {shown}",
                (),
                (),
                evidence,
            )
        if unknown:
            missing = _uniq([m for u in unknown for m in u.missing])
            reasons = _uniq([x for u in unknown for x in u.reasons])
            return _R(None, "", missing, reasons)
        if kind == "all":
            return _R(True, f"all {considered} {noun} meet {body}")
        return _R(kind == "none", f"none of the {considered} {noun} meets {body}")

    def aggregate(
        self,
        node: Quant,
        results: list[tuple[str, _R | None, _R | None]],
        items: list[object] | tuple[object, ...],
    ) -> _R:
        values: list[object] = []
        unknown: list[_R] = []
        for _name, c, v in results:
            if c is not None and c.value is False:
                continue
            if c is not None and c.value is None:
                unknown.append(c)
                continue
            if v is None:
                values.append(None)
            elif v.value is None:
                unknown.append(v)
            else:
                values.append(v.value)
        if unknown:
            missing = _uniq([m for u in unknown for m in u.missing])
            reasons = _uniq([x for u in unknown for x in u.reasons])
            return _R(None, "", missing, reasons)
        if node.kind == "count":
            return _R(Decimal(len(values)), "")
        if node.kind == "sum":
            total: object = ZERO
            for x in values:
                total = arith("+", total, x)
                if total is None:
                    return _R(None, "", (), (f"no result for {unparse(node)}",))
            return _R(total, "")
        if not values:
            return _R(None, "", (), (f"{unparse(node)} has no elements",))
        pick = min if node.kind == "min" else max
        return _R(pick(values), "")  # type: ignore[type-var]

    def call(self, node: Call, env: dict[int, tuple[object, str]], here: str | None) -> _R:
        args = [self.ev(a, env, here) for a in node.args]
        if node.name == "present":
            (p,) = node.args
            given = args[0].value is not None
            shown = unparse(p)
            if given:
                return _R(True, f"{shown} is present")
            where = here or _first_path(p, env, self.checker) or shown
            return _R(
                False,
                f"{shown} is missing",
                (),
                (),
                (Evidence(where, f"{shown} is missing", "present"),),
            )
        if any(a.value is None for a in args):
            return _R(
                None,
                "",
                _uniq([m for a in args for m in a.missing]),
                _uniq([x for a in args for x in a.reasons]),
            )
        v = args[0].value
        if node.name == "age":
            return _R(age(v, args[1].value), "")  # type: ignore[arg-type]
        if node.name == "len":
            return _R(Decimal(len(v)), "")  # type: ignore[arg-type]
        return _R(v.lower(), "")  # type: ignore[attr-defined]


def _key(key: object) -> str:
    # Element ids come from records: keep explanations on one line.
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in str(key))


def _label(name: str) -> str:
    # "workers[W-12]" -> "worker W-12"; an index keeps the list form.
    base, _, rest = name.rpartition("[")
    key = rest[:-1]
    if base and not key.isdigit():
        noun = base.rsplit(".", 1)[-1]
        noun = noun[:-1] if noun.endswith("s") and len(noun) > 1 else noun
        return f"{noun} {key}"
    return name


def _flatten(node: Node, op: str) -> list[Node]:
    if isinstance(node, Binary) and node.op == op:
        return _flatten(node.left, op) + _flatten(node.right, op)
    return [node]
