"""Explain an evaluation: interpret the tree, keeping the observed values and missing facts."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from decimal import Decimal
from operator import methodcaller, not_
from typing import NamedTuple

import attrs

from ._ast import Binary, Call, DurationLit, ListLit, Literal, Node, Path, Quant, Unary, unparse
from ._check import Checker, Interval
from ._compile import Compiler, Fn, ItemFn, Prep
from ._functions import function
from ._types import Number
from ._values import COMPARE, ZERO, arith, compare, duration, member, negate, render

SHOWN = 5


class Term(NamedTuple):
    """What a value is, as data a report can word: a field, a literal, or made of terms.

    ``kind`` is ``field`` (``name`` the schema path, such as
    ``workers[*].birth_date``), ``value`` (a literal), ``call`` (``name`` the
    function), ``arith`` (``name`` the operator), or an aggregate ``count``,
    ``sum``, ``min``, ``max`` (``name`` the list's schema path, ``args`` its
    where and body as value-less terms). In a where or body: ``cmp``
    (``name`` the operator), ``not``, ``and``, ``or``. ``value`` is the typed
    value observed (None when unknown or not evaluated).
    """

    kind: str
    name: str = ""
    value: object = None
    args: tuple[Term, ...] = ()


class Evidence(NamedTuple):
    """One deciding observation: where, what was observed, what was required.

    ``path``, ``observed`` and ``required`` are the rule engine's own words
    (field paths and operators, for the certifier). The rest is the same
    observation as data for a report to word in the reader's language:
    ``code`` is ``compare`` (``term`` ``op`` ``limit``), ``flag`` (a yes/no
    field read as a condition: ``value`` against the ``limit`` required) or
    ``absent`` (``present()`` of a field without a value); ``subject`` names
    the list item it is about as (the list's schema path, the item's id or
    index); ``limit_term`` says what the required value is made of when it
    is not written in the rule. A named tuple: one is made per deciding
    observation, on the evaluation's hot path.
    """

    path: str
    observed: str
    required: str
    code: str = "compare"
    subject: tuple[str, str] | None = None
    term: Term | None = None
    value: object = None
    op: str = ""
    limit: object = None
    limit_term: Term | None = None


class Deciding(NamedTuple):
    """What decides one quantifier, as data: its first offending items and how many there are.

    ``source`` is the list's schema path (``workers``); ``items`` the first
    items' ids (their index when they have none), at most the limit asked;
    ``total`` how many items decide (for ``any``, the first one found);
    ``unknown`` is True when they leave the quantifier unknown instead.
    """

    source: str
    items: tuple[str, ...]
    total: int
    unknown: bool


@attrs.frozen
class Explanation:
    """The value of a rule with one plain sentence, the evidence, and the facts missing."""

    value: bool | None
    text: str
    evidence: tuple[Evidence, ...]
    missing: tuple[str, ...]
    #: False when ``evidence`` holds only the first offending items of a quantifier
    #: (``Rule.explain(facts, limit=n)``); the text is the same either way.
    complete: bool = True


class _R:
    """One node's result while explaining (a plain slotted class: made per node and element)."""

    __slots__ = ("evidence", "missing", "reasons", "text", "value")

    def __init__(
        self,
        value: object,
        text: str = "",
        missing: tuple[str, ...] = (),
        reasons: tuple[str, ...] = (),
        evidence: tuple[Evidence, ...] = (),
    ) -> None:
        self.value = value
        self.text = text
        self.missing = missing
        self.reasons = reasons
        self.evidence = evidence


_NEGATED = {
    "<": ">=",
    "<=": ">",
    ">": "<=",
    ">=": "<",
    "==": "!=",
    "!=": "==",
    "in": "not in",
    "not in": "in",
}


def _negate_required(required: str) -> str:
    """``< 18`` becomes ``>= 18``: what an element failing a none() should have met."""
    for op in sorted(_NEGATED, key=len, reverse=True):
        if required.startswith(op + " "):
            return _NEGATED[op] + required[len(op) :]
    return f"not {required}"


_ITEM = re.compile(r"\[[^\]]*\]")
#: A list's path as a subject names it: fields, and items whose keys hold no brackets.
_LIST_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[[^\[\]]*\])*")


def _opening(name: str) -> int:
    """Where the bracket closing ``name`` opens (an item key may hold brackets), or -1."""
    depth = 0
    for i in range(len(name) - 1, -1, -1):
        ch = name[i]
        if ch == "]":
            depth += 1
        elif ch == "[":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _closing(path: str, start: int) -> int:
    """Where the bracket opened at ``start`` closes, or -1."""
    depth = 0
    for i in range(start, len(path)):
        ch = path[i]
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
    return -1


def subject_of(name: str | None) -> tuple[str, str] | None:
    """``workers[W-08]`` as ``("workers", "W-08")``: the list's schema path and the item's key.

    The key is what the last bracket pair holds, brackets and dots included
    (``workers[W[1].a]`` is the item ``W[1].a``). Where the key's own brackets do not
    balance (``workers[]]``, ``workers[W-08\x1b[31m]``), the key opens at the last
    bracket whose left side is a list's path (``workers``, ``sites[S1].workers``).
    """
    if not name or name[-1] != "]":
        return None
    at = _opening(name)
    if at <= 0 or not _LIST_PATH.fullmatch(name[:at]):
        at = next(
            (
                i
                for i in range(len(name) - 2, 0, -1)
                if name[i] == "[" and _LIST_PATH.fullmatch(name[:i])
            ),
            -1,
        )
        if at <= 0:
            return None
    base, key = name[:at], name[at + 1 : -1]
    return (_ITEM.sub("[*]", base) if "[" in base else base, key)


_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")


def split_item(path: str) -> tuple[str, str, str] | None:
    """A fact's path about a list item, ``workers[W[1]].birth_date``, as its list's
    schema path, the item's key and the field (``""`` for the item itself); None for
    a path without an item. A key may hold brackets and dots."""
    at = path.find("[")
    if at <= 0:
        return None
    end = _closing(path, at)
    while end != -1:
        rest = path[end + 1 :]
        if not rest:
            return (path[:at], path[at + 1 : end], "")
        if rest[0] == "." and _FIELD.fullmatch(rest[1:]):
            return (path[:at], path[at + 1 : end], rest[1:])
        end = path.find("]", end + 1)  # an unbalanced key: try the next closing bracket
    return None


_FLAG_TERMS: dict[tuple[str, bool], Term] = {}
_new = tuple.__new__


def _flag(
    where: str, field: str, value: bool, subject: tuple[str, str] | None, need: bool = True
) -> Evidence:
    """A yes/no field read as a condition: it must be ``need`` (true unless under ``not``)."""
    term = _FLAG_TERMS.get((field, value))
    if term is None:
        term = _FLAG_TERMS[(field, value)] = Term("field", field, value)
    # tuple.__new__ straight away: made for every offending item, on the hot path.
    said = f"{where} is {'true' if value else 'false'}"
    need_text = "true" if need else "false"
    return _new(Evidence, (where, said, need_text, "flag", subject, term, value, "==", need, None))


def _flip(e: Evidence) -> Evidence:
    """The evidence of ``not x``: the opposite value is required."""
    if e.code != "flag":
        return e
    return e._replace(required=render(not e.limit), limit=not e.limit)


def _negated(e: Evidence) -> Evidence:
    """What an element failing a none() should have met instead of what it met."""
    if e.code == "flag":
        return _flip(e)
    return e._replace(required=_negate_required(e.required), op=_NEGATED.get(e.op, e.op))


def _uniq(items: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def listing(items: tuple[str, ...] | list[str], shown: int = SHOWN) -> str:
    """``a, b, c`` or, past ``shown`` items, the first ones and ``and N more``.

    Human sentences name the first few; the full list stays in the data
    (``Explanation.missing``, the evidence) for JSON.
    """
    if len(items) <= shown:
        return ", ".join(items)
    return ", ".join(items[:shown]) + f" and {len(items) - shown} more"


def _unknown_text(missing: tuple[str, ...], reasons: tuple[str, ...]) -> str:
    parts = []
    if missing:
        parts.append("missing: " + listing(missing))
    parts.extend(reasons)
    return "; ".join(parts) or "unknown"


def _first_path(node: Node, env: dict[int, tuple[object, str]], checker: Checker) -> str | None:
    if isinstance(node, Path):
        r = checker.paths[id(node)]
        if r.slot not in env:
            # A quantifier's variable inside a condition: no record path while it is not bound
            # (an item of a written list, ``count(x in [1, 2] where x > 1)``, never is).
            return None
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
        self.sources: dict[int, str] = {}
        self.statics: dict[int, Term] = {}

    def src(self, node: Node) -> str:
        """The rule text of ``node`` (kept: the tree does not change)."""
        text = self.sources.get(id(node))
        if text is None:
            text = self.sources[id(node)] = unparse(node)
        return text

    def run(self, node: Node, facts: Mapping[str, object]) -> Explanation:
        r = self.ev(node, {0: (facts, "")}, None)
        value = r.value if isinstance(r.value, bool) else None
        text = r.text if value is not None else _unknown_text(r.missing, r.reasons)
        missing = r.missing if value is None else ()
        return Explanation(value, text, r.evidence, missing)

    def ev(self, node: Node, env: dict[int, tuple[object, str]], here: str | None) -> _R:
        if isinstance(node, Path):  # the commonest node first
            return self.path(node, env)
        if isinstance(node, Literal):
            return _R(node.value, render(node.value))
        if isinstance(node, DurationLit):
            return _R(duration(node.amount, node.unit), self.src(node))
        if isinstance(node, ListLit):
            items = [self.ev(i, env, here) for i in node.items]
            missing = _uniq([m for i in items for m in i.missing])
            return _R([i.value for i in items], self.src(node), missing)
        if isinstance(node, Path):
            return self.path(node, env)
        if isinstance(node, Unary):
            inner = self.ev(node.operand, env, here)
            if inner.value is None:
                return _R(None, "", inner.missing, inner.reasons)
            if node.op == "-":
                return _R(negate(inner.value), "")
            value = not inner.value
            if isinstance(node.operand, Path):
                # "x is true, required false" reads better than "not x is false".
                text = inner.text if value else f"{inner.text}, required false"
                return _R(value, text, (), (), tuple(map(_flip, inner.evidence)))
            return _R(
                value, f"{self.src(node)} is {render(value)}: {inner.text}", (), (), inner.evidence
            )
        if isinstance(node, Binary):
            if node.op in ("and", "or"):
                return self.logic(node, env, here)
            return self.binary(node, env, here)
        if isinstance(node, Quant):
            return self.quant(node, env, here)
        return self.call(node, env, here)

    def term(self, node: Node, env: dict[int, tuple[object, str]], value: object) -> Term:
        """``node`` with its ``value`` as a :class:`Term` (its parts evaluated again)."""
        if isinstance(node, Path):
            return Term("field", self.checker.paths[id(node)].field, value)
        if isinstance(node, Call):
            args = tuple(self.term(a, env, self.ev(a, env, None).value) for a in node.args)
            return Term("call", node.name, value, args)
        if isinstance(node, Binary) and node.op in ("+", "-", "*", "/"):
            parts = (node.left, node.right)
            args = tuple(self.term(x, env, self.ev(x, env, None).value) for x in parts)
            return Term("arith", node.op, value, args)
        if isinstance(node, Quant):
            source = self.static(node.source)
            inner = (node.where, node.body)
            said = tuple(Term("") if x is None else self.static(x) for x in inner)
            return Term(node.kind, source.name, value, said)
        return Term("value", "", value)

    def static(self, node: Node) -> Term:
        """``node`` as a value-less :class:`Term` (a where or a body: said, not evaluated)."""
        found = self.statics.get(id(node))
        if found is None:
            found = self.statics[id(node)] = self._static(node)
        return found

    def _static(self, node: Node) -> Term:
        if isinstance(node, Path):
            return Term("field", self.checker.paths[id(node)].field)
        if isinstance(node, Literal):
            return Term("value", "", node.value)
        if isinstance(node, DurationLit):
            return Term("value", "", duration(node.amount, node.unit))
        if isinstance(node, Unary):
            return Term(
                "not" if node.op == "not" else "neg", "", None, (self.static(node.operand),)
            )
        if isinstance(node, Binary):
            kind = node.op if node.op in ("and", "or") else "arith"
            kind = "cmp" if node.op in COMPARE or node.op in ("in", "not in") else kind
            return Term(kind, node.op, None, (self.static(node.left), self.static(node.right)))
        if isinstance(node, Call):
            return Term("call", node.name, None, tuple(self.static(a) for a in node.args))
        if isinstance(node, Quant):
            parts = (node.where, node.body)
            args = tuple(Term("") if x is None else self.static(x) for x in parts)
            return Term(node.kind, self.static(node.source).name, None, args)
        return Term("value", "", None)

    def path(self, node: Path, env: dict[int, tuple[object, str]]) -> _R:
        r = self.checker.paths[id(node)]
        value, base = env[r.slot]
        tail = ".".join(r.keys)
        concrete = f"{base}.{tail}" if base and tail else base or tail
        for k in r.keys:
            if value is None:
                break
            value = value.get(k)  # type: ignore[attr-defined]
        if value is None:
            return _R(None, "", (concrete,))
        if isinstance(value, bool):
            subject = subject_of(base) if r.slot else None
            evidence = (_flag(concrete, r.field, value, subject),)
            return _R(value, f"{concrete} is {render(value)}", (), (), evidence)
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
        return _R(
            True,
            "; ".join(p.text for p in parts),
            (),
            (),
            tuple(e for p in parts for e in p.evidence),
        )

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
                return _R(None, "", (), (f"{why} in {self.src(node)}",))
            return _R(value, "")
        if op in ("in", "not in"):
            found = member(a, b)  # type: ignore[arg-type]
            result = found if found is None or op == "in" else not found
        else:
            result = compare(op, a, b)
        if result is None:
            return _R(None, "", (), (f"no result for {self.src(node)}",))
        lsrc = self.src(node.left)
        observed = f"{lsrc} = {render(a)}"
        rsrc = self.src(node.right)
        shown_b = render(b)
        required = f"{op} {rsrc}" if rsrc == shown_b else f"{op} {rsrc} ({shown_b})"
        if isinstance(a, tuple):
            observed = f"{lsrc} = {render(a[0])} - {render(a[1])}"
        where = here or _first_path(node.left, env, self.checker) or lsrc
        evidence = (
            Evidence(
                where,
                observed,
                required,
                "compare",
                subject_of(here),
                self.term(node.left, env, a),
                a,
                op,
                b,
                None
                if isinstance(node.right, Literal | DurationLit)
                else self.term(node.right, env, b),
            ),
        )
        if result:
            return _R(True, f"{lsrc} is {render(a)}, meets {required}", (), (), evidence)
        return _R(False, f"{lsrc} is {render(a)}, required {required}", (), (), evidence)

    def quant(self, node: Quant, env: dict[int, tuple[object, str]], here: str | None) -> _R:
        slot = self.checker.slots[id(node)]
        source = self.ev(node.source, env, here)
        if source.value is None:
            return _R(None, "", source.missing, source.reasons)
        base = source.text if isinstance(node.source, Path) else ""
        items = source.value
        assert isinstance(items, list | tuple)
        noun = self.src(node.source)
        if node.where is not None:
            noun += f" where {self.src(node.where)}"
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
        self,
        node: Quant,
        results: list[tuple[str, _R | None, _R | None]],
        noun: str,
        total: int | None = None,
        offenders: int | None = None,
    ) -> _R:
        """all/any/none from each element's results; ``total`` elements considered if given.

        ``offenders`` is the number of offending elements when ``results`` holds only the first.
        """
        kind = node.kind
        body = self.src(node.body) if node.body is not None else ""
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
            count = len(hits) if offenders is None else offenders
            shown = "; ".join(f"{_label(n)}: {v.text}" for n, v in hits[:SHOWN])
            more = count - SHOWN
            if more > 0:
                shown += f"; and {more} more"
            verb = "fail" if kind == "all" else "meet"
            if kind == "none":
                # Each offending element met the body: show what it met, negated.
                evidence = tuple(
                    _negated(e)
                    for n, v in hits
                    for e in (v.evidence or (Evidence(n, v.text, body),))
                )
            else:
                evidence = tuple(e for _, v in hits for e in v.evidence)
            return _R(
                on_hit,
                f"{count} of {considered if total is None else total} {noun} {verb} "
                f"{body}: {shown}",
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
                    return _R(None, "", (), (f"no result for {self.src(node)}",))
            return _R(total, "")
        if not values:
            return _R(None, "", (), (f"{self.src(node)} has no elements",))
        pick = min if node.kind == "min" else max
        return _R(pick(values), "")  # type: ignore[type-var]

    def call(self, node: Call, env: dict[int, tuple[object, str]], here: str | None) -> _R:
        fn = function(node.name)
        args = [self.ev(a, env, here) for a in node.args]
        if fn.impl is None:  # present(): never unknown
            (p,) = node.args
            shown = self.src(p)
            yes, no = fn.sentences
            if args[0].value is not None:
                return _R(True, yes.format(shown))
            where = here or _first_path(p, env, self.checker) or shown
            text = no.format(shown)
            term = self.term(p, env, None)
            evidence = Evidence(where, text, fn.name, "absent", subject_of(here), term)
            return _R(False, text, (), (), (evidence,))
        if any(a.value is None for a in args):
            return _R(
                None,
                "",
                _uniq([m for a in args for m in a.missing]),
                _uniq([x for a in args for x in a.reasons]),
            )
        return _R(fn.impl(*[a.value for a in args]), "")


def _key(key: object) -> str:
    # Element ids come from records: keep explanations on one line.
    if isinstance(key, str) and key.isprintable():
        return key
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


#: Explanations kept per rule without quantifiers, keyed by the values it reads.
CACHE_SIZE = 512

#: Set while a bounded explanation runs: becomes ``[True]`` when an offending item is left out.
_CUT: ContextVar[list[bool]] = ContextVar("_CUT")
#: Set while :meth:`FastExplainer.deciding` runs: each quantifier adds what decides it there.
_FOUND: ContextVar[list[Deciding]] = ContextVar("_FOUND")
#: Per quantifier (by id, top level only), the list it ran over and what decides it:
#: kept from :meth:`FastExplainer.deciding` for the words made later from the same facts.
Memo = dict[int, tuple[object, tuple[list[int], int, bool]]]
_MEMO: ContextVar[Memo] = ContextVar("_MEMO")

_Env = dict[int, tuple[object, str]]


@attrs.frozen
class _QuantFns:
    """The compiled forms of one quantifier: its value, and its where and body per item."""

    value: Fn
    where: Prep | None
    body: Prep | None


@attrs.frozen
class _Shape:
    """A quantifier body whose per-element result :meth:`FastExplainer.quick_item` builds."""

    kind: str  # "path", "not", "cmp" or "call"
    keys: tuple[str, ...]
    field: str = ""
    op: str = ""
    limit: object = None
    lsrc: str = ""
    required: str = ""
    #: For "call": the function, and per argument (its slot, keys, schema path).
    fn: str = ""
    impl: Callable[..., object] | None = None
    args: tuple[tuple[int, tuple[str, ...], str], ...] = ()


_TRUE = _R(True)


def _is_number(t: object) -> bool:
    return isinstance(t, Number)


class FastExplainer(Explainer):
    """The same explanations as :class:`Explainer`, with work in proportion to what decides.

    A quantifier is first evaluated with the compiled functions; only the items
    that decide it (the offending ones, or the first one for ``any``) or leave
    it unknown are interpreted for their text, evidence and missing facts; the
    others give only a count. A rule without quantifiers keeps its last
    explanations keyed by the values it reads (explanations are immutable).
    ``tests/test_rules_explain_fast.py`` holds it equal to the reference.
    """

    def __init__(self, checker: Checker, node: Node, limit: int | None = None) -> None:
        super().__init__(checker)
        #: Describe at most this many offending items per quantifier (None: every one).
        self.limit = limit
        self.compiler = Compiler(checker, optimise=True)  # its item functions
        self.quants: dict[int, _QuantFns] = {}
        self.shapes: dict[int, _Shape | None] = {}
        self.bases: dict[str, str] = {}
        self.cache: dict[tuple[object, ...], Explanation] | None = None
        self.keys: list[Callable[[object], object]] = []
        #: Positions in the cache key of numbers, keyed by their text: Decimal("4.5")
        #: equals Decimal("4.50") but reads differently.
        self.numbers: list[int] = []
        if checker.nslots == 1:
            paths = [k for k in dict.fromkeys(r.keys for r in checker.paths.values()) if k]
            self.keys = [self.compiler.root_path(k) for k in paths]  # type: ignore[misc]
            numeric = {r.keys for i, r in checker.paths.items() if _is_number(checker.types.get(i))}
            self.numbers = [i for i, k in enumerate(paths) if k in numeric]
            self.cache = {}

    def run(self, node: Node, facts: Mapping[str, object]) -> Explanation:
        cache = self.cache
        if cache is None:
            if self.limit is None:
                return super().run(node, facts)
            return self.bounded(node, facts)
        values = [get(facts) for get in self.keys]
        types = tuple(map(type, values))  # 1 == True == Decimal(1), but each reads its own way
        for i in self.numbers:
            values[i] = str(values[i])
        key = (types, *values)
        try:
            hit = cache.get(key)
        except TypeError:  # a list or an object read whole: not cached
            return super().run(node, facts)
        if hit is None:
            if len(cache) >= CACHE_SIZE:
                cache.clear()
            hit = cache[key] = super().run(node, facts)
        return hit

    def bounded(self, node: Node, facts: Mapping[str, object]) -> Explanation:
        """The explanation with at most ``limit`` offending items described per quantifier."""
        cut = [False]
        token = _CUT.set(cut)
        try:
            ex = super().run(node, facts)
        finally:
            _CUT.reset(token)
        return attrs.evolve(ex, complete=False) if cut[0] else ex

    def deciding(
        self, node: Node, facts: Mapping[str, object], memo: Memo
    ) -> tuple[bool | None, tuple[Deciding, ...]]:
        """The value, and per quantifier its first ``limit`` deciding items and their count.

        One pass per quantifier finds its deciding items (kept in ``memo`` for
        :meth:`rerun`); nothing is worded.
        """
        found: list[Deciding] = []
        token, kept = _FOUND.set(found), _MEMO.set(memo)
        try:
            r = self.ev(node, {0: (facts, "")}, None)
        finally:
            _FOUND.reset(token)
            _MEMO.reset(kept)
        return (r.value if isinstance(r.value, bool) else None), tuple(found)

    def rerun(self, node: Node, facts: Mapping[str, object], memo: Memo) -> Explanation:
        """:meth:`run` on the facts :meth:`deciding` saw, with the deciding items it found."""
        kept = _MEMO.set(memo)
        try:
            return self.run(node, facts)
        finally:
            _MEMO.reset(kept)

    def scan(
        self,
        node: Quant,
        env: _Env,
        items: list[object] | tuple[object, ...],
        where: ItemFn | None,
        body: ItemFn,
    ) -> tuple[list[int], int, bool]:
        """:func:`_deciding` for ``node``, or what an earlier pass over the same list found."""
        memo = _MEMO.get(None)
        if memo is None or len(env) != 1 or not isinstance(node.source, Path):
            return _deciding(items, where, body, node.kind != "all", node.kind == "any")
        got = memo.get(id(node))
        if got is None or got[0] is not items:
            got = memo[id(node)] = (
                items,
                _deciding(items, where, body, node.kind != "all", node.kind == "any"),
            )
        return got[1]

    def found(
        self,
        node: Quant,
        found: list[Deciding],
        items: list[object] | tuple[object, ...],
        picked: list[int],
        hits: bool,
        base: str,
    ) -> _R:
        """A quantifier's value, its deciding items noted in ``found`` (see :meth:`deciding`)."""
        kind = node.kind
        if not picked:
            return _R(kind != "any")
        first = []
        for i in picked[: self.limit]:
            it = items[i]
            key = it.get("id") if isinstance(it, Mapping) else None
            first.append(_key(key) if key is not None else str(i))
        found.append(Deciding(self.list_path(base), tuple(first), len(picked), not hits))
        return _R(kind == "any") if hits else _R(None)

    def fns(self, node: Quant) -> _QuantFns:
        found = self.quants.get(id(node))
        if found is None:
            slot = self.checker.slots[id(node)]
            c = self.compiler
            found = _QuantFns(
                c.compile(node),
                c.item_or_plain(node.where, slot) if node.where is not None else None,
                c.item_or_plain(node.body, slot) if node.body is not None else None,
            )
            self.quants[id(node)] = found
        return found

    def env_list(self, env: _Env) -> list[object]:
        out: list[object] = [None] * self.checker.nslots
        for slot, (value, _name) in env.items():
            out[slot] = value
        return out

    def quant(self, node: Quant, env: _Env, here: str | None) -> _R:
        source = self.ev(node.source, env, here)
        if source.value is None:
            return _R(None, "", source.missing, source.reasons)
        items = source.value
        assert isinstance(items, list | tuple)
        fns = self.fns(node)
        lst = self.env_list(env)
        where = fns.where(lst) if fns.where is not None else None
        body = fns.body(lst) if fns.body is not None else None
        base = source.text if isinstance(node.source, Path) else ""
        kind = node.kind
        if kind not in ("all", "any", "none"):
            value = fns.value(lst)
            if value is not None:
                return _R(value, "")
            return self.unknown_aggregate(node, env, items, base, where, body)
        assert body is not None
        found = _FOUND.get(None)
        # any() usually stops early: ask the compiled loop first. all() and none()
        # are mostly decided by several elements, which one pass finds.
        if kind == "any" and fns.value(lst) is False:
            picked: list[int] = []
            hits = False
            considered = len(items)
            if where is not None and found is None:
                considered -= list(map(where, items)).count(False)
        else:
            picked, considered, hits = self.scan(node, env, items, where, body)
        if found is not None:  # deciding(): the items, not their words
            return self.found(node, found, items, picked, hits, base)
        noun = self.src(node.source)
        if node.where is not None:
            noun += f" where {self.src(node.where)}"
        offenders = None
        if hits and self.limit is not None and len(picked) > self.limit:
            offenders, picked = len(picked), picked[: self.limit]
            _CUT.get()[0] = True
        if not picked:  # no element decides and none is unknown: only the count is shown
            text = self.src(node.body)  # type: ignore[arg-type]
            if kind == "all":
                return _R(True, f"all {considered} {noun} meet {text}")
            return _R(kind == "none", f"none of the {considered} {noun} meets {text}")
        quick = self.shape(node)
        results = [
            (quick and self.quick_item(node, quick, items, i, base, where, lst))
            or self.item_result(node, env, items, i, base)
            for i in picked
        ]
        return self.quantify(node, results, noun, considered, offenders)

    def shape(self, node: Quant) -> _Shape | None:
        """The body's shape when an element's result can be built directly, else None.

        ``item.a.b``, ``not item.a.b`` and ``item.a.b <op> literal``: what
        :meth:`path`, ``ev`` on ``not`` and :meth:`binary` would give, without
        interpreting the tree per element (the tests hold the two equal).
        """
        if id(node) in self.shapes:
            return self.shapes[id(node)]
        slot = self.checker.slots[id(node)]
        body, found = node.body, None
        keys = self.item_keys(body, slot)
        if keys is not None:
            found = _Shape("path", keys, self.checker.paths[id(body)].field)
        elif isinstance(body, Unary) and body.op == "not":
            keys = self.item_keys(body.operand, slot)
            field = self.checker.paths[id(body.operand)].field if keys is not None else ""
            found = _Shape("not", keys, field) if keys is not None else None
        elif (
            isinstance(body, Binary)
            and body.op in COMPARE
            and isinstance(body.right, Literal)
            and not isinstance(self.checker.types[id(body.left)], Interval)
        ):
            keys = self.item_keys(body.left, slot)
            lsrc, rsrc = self.src(body.left), self.src(body.right)
            shown = render(body.right.value)
            required = f"{body.op} {rsrc}" if rsrc == shown else f"{body.op} {rsrc} ({shown})"
            if keys is not None:
                field = self.checker.paths[id(body.left)].field
                found = _Shape("cmp", keys, field, body.op, body.right.value, lsrc, required)
            elif isinstance(body.left, Call):
                args = self.call_args(body.left, slot)
                fn = function(body.left.name)
                if args is not None and fn.impl is not None:
                    found = _Shape(
                        "call", (), "", body.op, body.right.value, lsrc, required, fn.name,
                        fn.impl, args,
                    )  # fmt: skip
        self.shapes[id(node)] = found
        return found

    def call_args(
        self, call: Call, slot: int
    ) -> tuple[tuple[int, tuple[str, ...], str], ...] | None:
        """A call's arguments when each is a field of the item or of the record, else None."""
        out = []
        for a in call.args:
            if not isinstance(a, Path):
                return None
            r = self.checker.paths[id(a)]
            if r.slot not in (0, slot) or not r.keys:
                return None
            out.append((r.slot, r.keys, r.field))
        return tuple(out)

    def item_keys(self, node: Node | None, slot: int) -> tuple[str, ...] | None:
        if not isinstance(node, Path):
            return None
        r = self.checker.paths[id(node)]
        return r.keys if r.slot == slot and r.keys else None

    def quick_item(
        self,
        node: Quant,
        shape: _Shape,
        items: list[object] | tuple[object, ...],
        i: int,
        base: str,
        where: ItemFn | None,
        env: list[object],
    ) -> tuple[str, _R | None, _R | None] | None:
        """:meth:`item_result` for a body of a known shape, or None to interpret it."""
        it = items[i]
        c = None
        if where is not None:
            if where(it) is not True:  # unknown or false: the reference says what is missing
                return None
            c = _TRUE
        key = it.get("id") if isinstance(it, Mapping) else None
        shown = _key(key) if key is not None else str(i)
        name = f"{base}[{shown}]"
        # subject_of(name), without parsing the name again for every item.
        plain = "[" not in shown and "]" not in shown
        subject = (self.list_path(base), shown) if plain else subject_of(name)
        if shape.kind == "call":
            v = self.quick_call(shape, it, name, env, subject)
            return None if v is None else (name, c, v)
        value = it
        for k in shape.keys:
            if value is None:
                break
            value = value.get(k)  # type: ignore[attr-defined]
        concrete = f"{name}.{'.'.join(shape.keys)}"
        if value is None:
            return (name, c, _R(None, "", (concrete,)))
        if shape.kind == "cmp":
            result = compare(shape.op, value, shape.limit)
            if result is None:
                return None
            a = render(value)
            evidence = (
                Evidence(
                    name,
                    f"{shape.lsrc} = {a}",
                    shape.required,
                    "compare",
                    subject,
                    Term("field", shape.field, value),
                    value,
                    shape.op,
                    shape.limit,
                ),
            )
            verb = "meets" if result else "required"
            return (
                name,
                c,
                _R(result, f"{shape.lsrc} is {a}, {verb} {shape.required}", (), (), evidence),
            )
        if not isinstance(value, bool):
            return None
        text = f"{concrete} is {render(value)}"
        if shape.kind == "path":
            flag = _flag(concrete, shape.field, value, subject)
            return (name, c, _R(value, text, (), (), (flag,)))
        flipped = not value
        text = text if flipped else f"{text}, required false"
        flag = _flag(concrete, shape.field, value, subject, False)
        return (name, c, _R(flipped, text, (), (), (flag,)))

    def list_path(self, base: str) -> str:
        """The schema path of the list written ``base`` (``workers``), kept per text."""
        found = self.bases.get(base)
        if found is None:
            found = self.bases[base] = _ITEM.sub("[*]", base) if "[" in base else base
        return found

    def quick_call(
        self,
        shape: _Shape,
        it: object,
        name: str,
        env: list[object],
        subject: tuple[str, str] | None,
    ) -> _R | None:
        """``f(item.a, record.b) <op> literal`` for one item as :meth:`binary` gives it."""
        terms = []
        for slot, keys, field in shape.args:
            value = it if slot else env[0]
            for k in keys:
                if value is None:
                    break
                value = value.get(k)  # type: ignore[attr-defined]
            if value is None:  # the reference names the missing fact
                return None
            terms.append(Term("field", field, value))
        assert shape.impl is not None
        a = shape.impl(*[t.value for t in terms])
        result = compare(shape.op, a, shape.limit)
        if result is None:
            return None
        shown = render(a)
        evidence = Evidence(
            name,
            f"{shape.lsrc} = {shown}",
            shape.required,
            "compare",
            subject,
            Term("call", shape.fn, a, tuple(terms)),
            a,
            shape.op,
            shape.limit,
        )
        verb = "meets" if result else "required"
        return _R(result, f"{shape.lsrc} is {shown}, {verb} {shape.required}", (), (), (evidence,))

    def item_result(
        self, node: Quant, env: _Env, items: list[object] | tuple[object, ...], i: int, base: str
    ) -> tuple[str, _R | None, _R | None]:
        """One element interpreted as the reference does: its name, where and body results."""
        it = items[i]
        key = it.get("id") if isinstance(it, Mapping) else None
        name = f"{base}[{_key(key) if key is not None else i}]"
        inner = dict(env)
        inner[self.checker.slots[id(node)]] = (it, name)
        c = self.ev(node.where, inner, name) if node.where is not None else None
        if c is not None and c.value is False:
            return (name, c, None)
        v = self.ev(node.body, inner, name) if node.body is not None else None
        return (name, c, v)

    def unknown_aggregate(
        self,
        node: Quant,
        env: _Env,
        items: list[object] | tuple[object, ...],
        base: str,
        where: ItemFn | None,
        body: ItemFn | None,
    ) -> _R:
        """count/sum/min/max without a value: name what is missing from the unknown elements."""
        unknown = []
        for i, it in enumerate(items):
            c = where(it) if where is not None else True
            if c is None or (c is not False and body is not None and body(it) is None):
                unknown.append(i)
        if not unknown:  # no elements, or no result: the reference says which
            return super().quant(node, env, None)
        results = [self.item_result(node, env, items, i, base) for i in unknown]
        return self.aggregate(node, results, items)


def _positions(values: list[object], wanted: object) -> list[int]:
    """Indexes of ``wanted`` in ``values``, scanned by ``list.index`` (in C)."""
    out: list[int] = []
    at = -1
    try:
        while True:
            at = values.index(wanted, at + 1)
            out.append(at)
    except ValueError:
        return out


def _values(items: list[object] | tuple[object, ...], body: ItemFn) -> list[object]:
    """``body`` on every item; ``not item.x`` and an inline age threshold (see
    ``_threshold_loop``) in C, without a call per item."""
    negated = getattr(body, "negates", None)
    if negated is not None:  # not item.x: the field read in C, then negated in C
        read = list(map(negated, items))
        flipped: list[object] = list(map(not_, read))
        for i in _positions(read, None):
            flipped[i] = None
        return flipped
    inline = getattr(body, "inline", None)
    if inline is None:
        return list(map(body, items))
    key, at_most, limit = inline
    born = list(map(methodcaller("get", key), items))
    values: list[object] = list(map(limit.__ge__ if at_most else limit.__lt__, born))
    for i in _positions(values, NotImplemented):
        if born[i] is not None:  # not a date: the item function says what it gives
            return list(map(body, items))
        values[i] = None
    return values


def _deciding(
    items: list[object] | tuple[object, ...],
    where: ItemFn | None,
    body: ItemFn,
    hit: bool,
    first_only: bool,
) -> tuple[list[int], int, bool]:
    """The elements that decide a quantifier (or leave it unknown), and how many count.

    With a decided value these are the elements whose body has the value ``hit``
    and whose ``where`` is true (only the first when ``first_only``); otherwise
    they are the elements that make it unknown (the flag says which). Mirrors
    :meth:`Explainer.quantify`.
    The item functions are pure, so each runs over every element in C (``map``)
    and only the candidates found by a scan are looked at in Python.
    """
    values = _values(items, body)
    conds: list[object] = _values(items, where) if where is not None else []
    considered = len(items) - conds.count(False)
    # An element decides when its body is ``hit`` and its where true; it leaves the
    # result unknown when its body is unknown (where not false) or its where is.
    hits = [i for i in _positions(values, hit) if values[i] is hit]
    if conds:
        hits = [i for i in hits if conds[i] is not False and conds[i] is not None]
    if hits:
        return (hits[:1] if first_only else hits), considered, True
    unknown = [i for i in _positions(values, None) if not conds or conds[i] is not False]
    if conds:
        unknown += [i for i in _positions(values, hit) if values[i] is hit and conds[i] is None]
        unknown.sort()
    return unknown, considered, False
