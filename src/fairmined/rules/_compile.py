"""Compile a checked syntax tree into closures, once, for fast evaluation."""

from __future__ import annotations

import decimal
from collections.abc import Callable, Mapping
from decimal import Decimal

from ._ast import Binary, Call, DurationLit, ListLit, Literal, Node, Path, Quant, Unary
from ._check import Checker, Interval
from ._types import CONTEXT
from ._values import COMPARE, ZERO, arith, compare, duration, member, negate

Env = list[object]
Fn = Callable[[Env], object]


def _const(node: Node) -> tuple[bool, object]:
    if isinstance(node, Literal):
        return True, node.value
    if isinstance(node, DurationLit):
        return True, duration(node.amount, node.unit)
    return False, None


def _flatten(node: Node, op: str) -> list[Node]:
    if isinstance(node, Binary) and node.op == op:
        return _flatten(node.left, op) + _flatten(node.right, op)
    return [node]


class Compiler:
    """Turns each node into a closure over an environment list (slot 0 holds the facts)."""

    def __init__(self, checker: Checker) -> None:
        self.checker = checker

    def compile(self, node: Node) -> Fn:
        if isinstance(node, Literal | DurationLit):
            value = _const(node)[1]
            return lambda env: value
        if isinstance(node, ListLit):
            return self.list_literal(node)
        if isinstance(node, Path):
            return self.path(node)
        if isinstance(node, Unary):
            inner = self.compile(node.operand)
            if node.op == "not":

                def not_(env: Env) -> object:
                    v = inner(env)
                    return None if v is None else not v

                return not_

            def neg(env: Env) -> object:
                v = inner(env)
                return None if v is None else negate(v)

            return neg
        if isinstance(node, Binary):
            return self.binary(node)
        if isinstance(node, Quant):
            return self.quant(node)
        return self.call(node)

    def list_literal(self, node: ListLit) -> Fn:
        consts = [_const(i) for i in node.items]
        if all(ok for ok, _ in consts):
            values = tuple(v for _, v in consts)
            return lambda env: values
        fns = [self.compile(i) for i in node.items]
        return lambda env: [f(env) for f in fns]

    def path(self, node: Path) -> Fn:
        r = self.checker.paths[id(node)]
        slot, keys = r.slot, r.keys
        if not keys:
            return lambda env: env[slot]
        if len(keys) == 1:
            (k,) = keys

            def get1(env: Env) -> object:
                o = env[slot]
                return None if o is None else o.get(k)  # type: ignore[attr-defined]

            return get1
        if len(keys) == 2:
            k1, k2 = keys

            def get2(env: Env) -> object:
                o = env[slot]
                if o is None:
                    return None
                o = o.get(k1)  # type: ignore[attr-defined]
                return None if o is None else o.get(k2)

            return get2

        def getn(env: Env) -> object:
            o = env[slot]
            for k in keys:
                if o is None:
                    return None
                o = o.get(k)  # type: ignore[attr-defined]
            return o

        return getn

    def binary(self, node: Binary) -> Fn:
        op = node.op
        if op in ("and", "or"):
            return self.logic(op, [self.compile(n) for n in _flatten(node, op)])
        left = self.compile(node.left)
        if op in ("in", "not in"):
            return self.membership(node, left)
        is_const, c = _const(node.right)
        right = self.compile(node.right)
        if op in COMPARE:
            types = self.checker.types
            if isinstance(types[id(node.left)], Interval) or isinstance(
                types[id(node.right)], Interval
            ):

                def interval(env: Env) -> object:
                    a = left(env)
                    if a is None:
                        return None
                    b = right(env)
                    return None if b is None else compare(op, a, b)

                return interval
            fn = COMPARE[op]
            if is_const:

                def cmp_const(env: Env) -> object:
                    a = left(env)
                    return None if a is None else fn(a, c)

                return cmp_const

            def cmp(env: Env) -> object:
                a = left(env)
                if a is None:
                    return None
                b = right(env)
                return None if b is None else fn(a, b)

            return cmp

        def arithmetic(env: Env) -> object:
            a = left(env)
            if a is None:
                return None
            b = right(env)
            return None if b is None else arith(op, a, b)

        return arithmetic

    def logic(self, op: str, fns: list[Fn]) -> Fn:
        stop = op == "or"  # the value that decides: True for or, False for and
        if len(fns) == 2:
            f, g = fns

            def two(env: Env) -> object:
                a = f(env)
                if a is stop:
                    return stop
                b = g(env)
                if b is stop:
                    return stop
                return None if a is None or b is None else not stop

            return two

        def many(env: Env) -> object:
            unknown = False
            for h in fns:
                v = h(env)
                if v is stop:
                    return stop
                if v is None:
                    unknown = True
            return None if unknown else not stop

        return many

    def membership(self, node: Binary, left: Fn) -> Fn:
        negated = node.op == "not in"
        right_node = node.right
        if isinstance(right_node, ListLit) and all(_const(i)[0] for i in right_node.items):
            values = frozenset(_const(i)[1] for i in right_node.items)

            def in_const(env: Env) -> object:
                a = left(env)
                if a is None:
                    return None
                return (a in values) is not negated

            return in_const
        right = self.compile(right_node)

        def in_list(env: Env) -> object:
            a = left(env)
            if a is None:
                return None
            items = right(env)
            if items is None:
                return None
            v = member(a, items)  # type: ignore[arg-type]
            return v if v is None or not negated else not v

        return in_list

    def quant(self, node: Quant) -> Fn:
        slot = self.checker.slots[id(node)]
        src = self.compile(node.source)
        where = self.compile(node.where) if node.where is not None else None
        body = self.compile(node.body) if node.body is not None else None
        kind = node.kind
        if kind in ("all", "any", "none"):
            assert body is not None
            # One element with the value ``hit`` decides the result ``on_hit``.
            hit = kind != "all"
            on_hit = kind == "any"
            if where is None:

                def quantify(env: Env) -> object:
                    items = src(env)
                    if items is None:
                        return None
                    unknown = False
                    for it in items:  # type: ignore[attr-defined]
                        env[slot] = it
                        v = body(env)
                        if v is None:
                            unknown = True
                        elif v is hit:
                            return on_hit
                    return None if unknown else not on_hit

                return quantify

            def quantify_where(env: Env) -> object:
                items = src(env)
                if items is None:
                    return None
                unknown = False
                for it in items:  # type: ignore[attr-defined]
                    env[slot] = it
                    c = where(env)
                    if c is False:
                        continue
                    v = body(env)
                    if v is None:
                        unknown = True
                    elif v is hit:
                        if c is None:
                            unknown = True
                        else:
                            return on_hit
                return None if unknown else not on_hit

            return quantify_where
        return self.aggregate(kind, slot, src, where, body)

    def aggregate(self, kind: str, slot: int, src: Fn, where: Fn | None, body: Fn | None) -> Fn:
        def values(env: Env) -> list[object] | None:
            items = src(env)
            if items is None:
                return None
            out: list[object] = []
            for it in items:  # type: ignore[attr-defined]
                env[slot] = it
                if where is not None:
                    c = where(env)
                    if c is False:
                        continue
                    if c is None:
                        return None
                if body is None:
                    out.append(it)
                    continue
                v = body(env)
                if v is None:
                    return None
                out.append(v)
            return out

        if kind == "count":
            if where is None:

                def count_all(env: Env) -> object:
                    items = src(env)
                    return None if items is None else Decimal(len(items))  # type: ignore[arg-type]

                return count_all

            def count(env: Env) -> object:
                items = src(env)
                if items is None:
                    return None
                n = 0
                for it in items:  # type: ignore[attr-defined]
                    env[slot] = it
                    c = where(env)
                    if c is None:
                        return None
                    if c:
                        n += 1
                return Decimal(n)

            return count
        if kind == "sum":
            add = CONTEXT.add
            if where is None and body is not None:
                value = body

                def sum_plain(env: Env) -> object:
                    items = src(env)
                    if items is None:
                        return None
                    total = ZERO
                    try:
                        for it in items:  # type: ignore[attr-defined]
                            env[slot] = it
                            v = value(env)
                            if v is None:
                                return None
                            total = add(total, v)  # type: ignore[arg-type]
                    except decimal.DecimalException:
                        return None
                    return total

                return sum_plain

            def sum_(env: Env) -> object:
                vs = values(env)
                if vs is None:
                    return None
                total = ZERO
                try:
                    for v in vs:
                        total = add(total, v)  # type: ignore[arg-type]
                except decimal.DecimalException:
                    return None
                return total

            return sum_
        pick = min if kind == "min" else max

        def extreme(env: Env) -> object:
            vs = values(env)
            return pick(vs) if vs else None  # type: ignore[type-var]

        return extreme

    def call(self, node: Call) -> Fn:
        args = [self.compile(a) for a in node.args]
        if node.name == "present":
            (f,) = args
            return lambda env: f(env) is not None
        if node.name == "age":
            born_fn, on_fn = args

            def age_(env: Env) -> object:
                born = born_fn(env)
                if born is None:
                    return None
                on = on_fn(env)
                if on is None:
                    return None
                return Decimal(
                    on.year  # type: ignore[attr-defined]
                    - born.year  # type: ignore[attr-defined]
                    - ((on.month, on.day) < (born.month, born.day))  # type: ignore[attr-defined]
                )

            return age_
        (f,) = args
        if node.name == "len":

            def len_(env: Env) -> object:
                v = f(env)
                return None if v is None else Decimal(len(v))  # type: ignore[arg-type]

            return len_

        def lower(env: Env) -> object:
            v = f(env)
            return None if v is None else v.lower()  # type: ignore[attr-defined]

        return lower


def compile_tree(node: Node, checker: Checker) -> Callable[[Mapping[str, object]], bool | None]:
    """The evaluation function of a checked tree."""
    fn = Compiler(checker).compile(node)
    size = checker.nslots

    if size == 1:

        def run_flat(facts: Mapping[str, object]) -> bool | None:
            return fn([facts])  # type: ignore[return-value]

        return run_flat

    def run(facts: Mapping[str, object]) -> bool | None:
        env: Env = [None] * size
        env[0] = facts
        return fn(env)  # type: ignore[return-value]

    return run
