"""Compile a checked syntax tree into closures, once, for fast evaluation."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable, Mapping
from decimal import Decimal
from operator import methodcaller

from ._ast import Binary, Call, DurationLit, ListLit, Literal, Node, Path, Quant, Unary
from ._check import Checker, Interval
from ._functions import function
from ._types import CONTEXT
from ._values import COMPARE, ZERO, arith, compare, duration, member, negate

Env = list[object]
Fn = Callable[[Env], object]
#: A function of one quantified item alone.
ItemFn = Callable[[object], object]
#: Binds the loop-invariant parts of an item function once per evaluation.
Prep = Callable[[Env], ItemFn]
#: ``age(b, d) op n`` as a comparison of ``b`` with ``d - n years`` (see _age_threshold).
_AGE_FORMS = {">=": (0, True), ">": (1, True), "<": (0, False), "<=": (1, False)}
_FLIPPED = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


def _unknown_item(it: object) -> object:
    return None


def _threshold_loop(
    items: list[dict[str, object]],
    key: str,
    at_most: bool,
    limit: object,
    hit: bool,
    on_hit: bool,
) -> object:
    """all/any/none over ``item[key] <= limit`` (or ``> limit``), one loop, no call per item.

    The same three-valued result as calling the item function on each item:
    a missing value is unknown; the first element whose comparison equals
    ``hit`` decides.
    """
    result: bool | None = not on_hit  # until an item is unknown
    if at_most:
        for it in items:
            b = it.get(key)
            if b is None:
                result = None
            elif (b <= limit) is hit:  # type: ignore[operator]
                return on_hit
    else:
        for it in items:
            b = it.get(key)
            if b is None:
                result = None
            elif (b > limit) is hit:  # type: ignore[operator]
                return on_hit
    return result


def _threshold_loop_where(
    items: list[dict[str, object]],
    where: ItemFn,
    key: str,
    at_most: bool,
    limit: object,
    hit: bool,
    on_hit: bool,
) -> object:
    """:func:`_threshold_loop` over the items whose ``where`` is not false.

    An item whose ``where`` is unknown can only make the result unknown, never
    decide it, as in the plain quantifier.
    """
    result: bool | None = not on_hit  # until an item is unknown
    for it in items:
        c = where(it)
        if c is False:
            continue
        b = it.get(key)
        if b is None:
            result = None
            continue
        v = b <= limit if at_most else b > limit  # type: ignore[operator]
        if v is hit:
            if c is None:
                result = None
            else:
                return on_hit
    return result


def _quantifier(src: Fn, where: Prep | None, body: Prep, kind: str) -> Fn:
    """all/any/none over item functions: the one loop of the three quantifiers.

    One element whose body has the value ``hit`` (and whose ``where`` is true)
    decides the result ``on_hit``; a missing value or an unknown ``where`` can
    only make it unknown. An age threshold on one item field runs inline
    (:func:`_threshold_loop`), without a call per item.
    """
    hit = kind != "all"
    on_hit = kind == "any"
    if where is None:

        def quantify_items(env: Env) -> object:
            items = src(env)
            if items is None:
                return None
            f = body(env)
            inline = getattr(f, "inline", None)
            if inline is not None:
                key, at_most, limit = inline
                return _threshold_loop(items, key, at_most, limit, hit, on_hit)  # type: ignore[arg-type]
            result: bool | None = not on_hit  # until an item is unknown
            for it in items:  # type: ignore[attr-defined]
                v = f(it)
                if v is hit:
                    return on_hit
                if v is None:
                    result = None
            return result

        return quantify_items
    item_where = where

    def quantify_items_where(env: Env) -> object:
        items = src(env)
        if items is None:
            return None
        w, f = item_where(env), body(env)
        inline = getattr(f, "inline", None)
        if inline is not None:
            key, at_most, limit = inline
            return _threshold_loop_where(items, w, key, at_most, limit, hit, on_hit)  # type: ignore[arg-type]
        result: bool | None = not on_hit  # until an item is unknown
        for it in items:  # type: ignore[attr-defined]
            c = w(it)
            if c is False:
                continue
            v = f(it)
            if v is None:
                result = None
            elif v is hit:
                if c is None:
                    result = None
                else:
                    return on_hit
        return result

    return quantify_items_where


def _years_before(day: datetime.date, years: int) -> datetime.date | None:
    """``day`` moved back ``years`` years (29 February to 28); None out of the calendar.

    ``age(born, day) >= n``  <=>  ``born <= _years_before(day, n)``: age compares
    (year, month, day) tuples, and a birthday on 29 February cannot fall in the
    non-leap year where the clamped threshold lies.
    """
    year = day.year - years
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        return None
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


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

    def __init__(self, checker: Checker, *, optimise: bool) -> None:
        self.checker = checker
        #: Fuse quantifier bodies into item functions; False keeps the plain
        #: closures, which the tests use as the reference.
        self.optimise = optimise
        #: A rule without quantifiers gets the facts mapping itself as env.
        self.flat = optimise and checker.nslots == 1

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
        if self.flat:
            return self.root_path(keys)
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

    def root_path(self, keys: tuple[str, ...]) -> Fn:
        """A path read from the facts themselves (flat rules: env is the facts)."""
        if len(keys) == 1:
            return methodcaller("get", keys[0])
        if len(keys) == 2:
            k1, k2 = keys

            def root2(env: object) -> object:
                o = env.get(k1)  # type: ignore[attr-defined]
                return None if o is None else o.get(k2)

            return root2
        if len(keys) == 3:
            k1, k2, k3 = keys

            def root3(env: object) -> object:
                o = env.get(k1)  # type: ignore[attr-defined]
                if o is None:
                    return None
                o = o.get(k2)
                return None if o is None else o.get(k3)

            return root3

        def rootn(env: object) -> object:
            o = env
            for k in keys:
                if o is None:
                    return None
                o = o.get(k)  # type: ignore[attr-defined]
            return o

        return rootn

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
            result: bool | None = not stop  # until an operand is unknown
            for h in fns:
                v = h(env)
                if v is stop:
                    return stop
                if v is None:
                    result = None
            return result

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
        kind = node.kind
        if kind in ("all", "any", "none"):
            assert node.body is not None
            # Item functions where the tree allows (fused), plain closures on the
            # item's slot elsewhere: one loop either way (_quantifier).
            where = self.item_or_plain(node.where, slot) if node.where is not None else None
            return _quantifier(src, where, self.item_or_plain(node.body, slot), kind)
        if self.optimise:
            fused = self.fused_count(node, slot, src)
            if fused is not None:
                return fused
        where_fn = self.compile(node.where) if node.where is not None else None
        body_fn = self.compile(node.body) if node.body is not None else None
        return self.aggregate(kind, slot, src, where_fn, body_fn)

    # ------------------------------------------------------------ fused quantifiers
    #
    # The profile of the audit benchmark showed quantifier bodies dominating:
    # per worker, ``age(w.birth_date, audit.date) >= 15`` cost five closure
    # calls, re-read audit.date and built a Decimal. A body (and a where) that
    # reads only the item and loop-invariant values compiles instead to an
    # *item function* of the item alone; its invariant parts (audit.date, the
    # age threshold date) are computed once per evaluation, before the loop.

    def invariant(self, node: Node, slot: int) -> bool:
        """True when ``node`` reads no variable bound at ``slot`` or deeper."""
        if isinstance(node, Path):
            return self.checker.paths[id(node)].slot < slot
        if isinstance(node, Literal | DurationLit):
            return True
        if isinstance(node, ListLit):
            return all(self.invariant(i, slot) for i in node.items)
        if isinstance(node, Unary):
            return self.invariant(node.operand, slot)
        if isinstance(node, Binary):
            return self.invariant(node.left, slot) and self.invariant(node.right, slot)
        if isinstance(node, Call):
            return all(self.invariant(a, slot) for a in node.args)
        return False  # a nested quantifier: left to the plain closures

    def single_key(self, node: Node, slot: int) -> str | None:
        """The key when ``node`` is a one-key path on the item (``w.birth_date``)."""
        if not isinstance(node, Path):
            return None
        r = self.checker.paths[id(node)]
        return r.keys[0] if r.slot == slot and len(r.keys) == 1 else None

    def item_path(self, node: Node, slot: int) -> ItemFn | None:
        """A path on the item itself, as a function of the item."""
        if not isinstance(node, Path):
            return None
        r = self.checker.paths[id(node)]
        if r.slot != slot:
            return None
        keys = r.keys
        if not keys:
            return lambda it: it
        if len(keys) == 1:
            return methodcaller("get", keys[0])

        def get_keys(it: object) -> object:
            for k in keys:
                if it is None:
                    return None
                it = it.get(k)  # type: ignore[attr-defined]
            return it

        return get_keys

    def item(self, node: Node, slot: int) -> Prep | None:
        """An item function for ``node``, or None when it needs the plain closures."""
        path = self.item_path(node, slot)
        if path is not None:
            return lambda env: path
        if isinstance(node, Unary) and node.op == "not":
            inner = self.item(node.operand, slot)
            if inner is None:
                return None

            def prep_not(env: Env) -> ItemFn:
                f = inner(env)

                def not_item(it: object) -> object:
                    v = f(it)
                    return None if v is None else not v

                if isinstance(f, methodcaller):  # lets a pass over the items run in C
                    not_item.negates = f  # type: ignore[attr-defined]
                return not_item

            return prep_not
        if isinstance(node, Binary) and node.op in ("and", "or"):
            return self.item_logic(node, slot)
        if isinstance(node, Binary) and node.op in COMPARE:
            return self.item_compare(node, slot)
        return None

    def item_logic(self, node: Binary, slot: int) -> Prep | None:
        left, right = self.item(node.left, slot), self.item(node.right, slot)
        if left is None or right is None:
            return None
        stop = node.op == "or"

        def prep_logic(env: Env) -> ItemFn:
            f, g = left(env), right(env)

            def logic_item(it: object) -> object:
                a = f(it)
                if a is stop:
                    return stop
                b = g(it)
                if b is stop:
                    return stop
                return None if a is None or b is None else not stop

            return logic_item

        return prep_logic

    def item_or_plain(self, node: Node, slot: int) -> Prep:
        """The item function of ``node``, or its plain closure run on the item via its slot."""
        prep = self.item(node, slot) if self.optimise else None
        if prep is not None:
            return prep
        fn = self.compile(node)

        def prep_plain(env: Env) -> ItemFn:
            def plain_item(it: object) -> object:
                env[slot] = it
                return fn(env)

            return plain_item

        return prep_plain

    def item_compare(self, node: Binary, slot: int) -> Prep | None:
        # A difference of dates (compared with a duration) is arithmetic, which has no item
        # function: such a comparison is left to the plain closures (``value`` below is None).
        op, left, right = node.op, node.left, node.right
        if not self.invariant(right, slot):  # the item on the right: written the other way round
            if not self.invariant(left, slot):
                return None  # the item on both sides
            op, left, right = _FLIPPED[op], right, left
        age = self.item_age(op, left, right, slot)
        if age is not None:
            return age
        value = self.item(left, slot)
        if value is None:
            return None
        limit = self.compile(right)
        fn = COMPARE[op]

        def prep_compare(env: Env) -> ItemFn:
            c = limit(env)
            if c is None:
                return _unknown_item
            f = value(env)

            def compare_item(it: object) -> object:
                v = f(it)
                return None if v is None else fn(v, c)

            return compare_item

        return prep_compare

    def item_age(self, op: str, left: Node, right: Node, slot: int) -> Prep | None:
        """``age(item.born, invariant) op n``: ``born`` against one threshold date."""
        if not (
            isinstance(left, Call)
            and left.name == "age"
            and op in _AGE_FORMS
            and isinstance(right, Literal)
            and isinstance(right.value, Decimal)
            and right.value == right.value.to_integral_value()
        ):
            return None
        born_node, on_node = left.args
        f = self.item_path(born_node, slot)
        if f is None or not self.invariant(on_node, slot):
            return None
        on_fn = self.compile(on_node)
        # A threshold date out of the calendar (an age of thousands of years): the age itself.
        plain = self.item_compare_plain(op, left, right.value, slot)
        shift, at_most = _AGE_FORMS[op]
        years = int(right.value) + shift
        born_key = self.single_key(born_node, slot)

        def prep_age(env: Env) -> ItemFn:
            on = on_fn(env)
            if on is None:
                return _unknown_item
            limit = _years_before(on, years)  # type: ignore[arg-type]
            if limit is None:
                return plain(env)
            if at_most:  # age >= n  <=>  born <= limit

                def age_at_least(it: object) -> object:
                    b = f(it)
                    return None if b is None else b <= limit  # type: ignore[operator]

                fn: ItemFn = age_at_least
            else:

                def age_below(it: object) -> object:
                    b = f(it)
                    return None if b is None else b > limit  # type: ignore[operator]

                fn = age_below
            if born_key is not None:
                # Lets a quantifier run this comparison inline, without a call per item.
                fn.inline = (born_key, at_most, limit)  # type: ignore[attr-defined]
            return fn

        return prep_age

    def item_compare_plain(self, op: str, left: Node, limit: object, slot: int) -> Prep:
        """``left op limit`` through the plain closure of ``left``, run on the item via its slot."""
        lf, fn = self.compile(left), COMPARE[op]

        def prep_compare_plain(env: Env) -> ItemFn:
            def compare_plain_item(it: object) -> object:
                env[slot] = it
                a = lf(env)
                return None if a is None else fn(a, limit)

            return compare_plain_item

        return prep_compare_plain

    def fused_count(self, node: Quant, slot: int, src: Fn) -> Fn | None:
        """count(x in xs where ...) over an item function, or None to use the plain closures."""
        if node.kind != "count" or node.where is None:
            return None
        where = self.item(node.where, slot)
        if where is None:
            return None
        count_where = where

        def count_items(env: Env) -> object:
            items = src(env)
            if items is None:
                return None
            w = count_where(env)
            n = 0
            for it in items:  # type: ignore[attr-defined]
                c = w(it)
                if c is None:
                    return None
                if c:
                    n += 1
            return Decimal(n)

        return count_items

    def aggregate(self, kind: str, slot: int, src: Fn, where: Fn | None, body: Fn | None) -> Fn:
        def values(env: Env) -> list[object] | None:
            """The body's values on the items (sum, min, max: each has a body)."""
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
                v = body(env)  # type: ignore[misc]
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
        fn = function(node.name)
        args = [self.compile(a) for a in node.args]
        impl = fn.impl
        if impl is None:  # present()
            (f,) = args
            return lambda env: f(env) is not None
        if len(args) == 1:
            (g,) = args

            def call1(env: Env) -> object:
                v = g(env)
                return None if v is None else impl(v)

            return call1

        def call_n(env: Env) -> object:
            values = []
            for h in args:
                v = h(env)
                if v is None:
                    return None
                values.append(v)
            return impl(*values)

        return call_n


def compile_tree(
    node: Node, checker: Checker, *, optimise: bool = True
) -> Callable[[Mapping[str, object]], bool | None]:
    """The evaluation function of a checked tree.

    ``optimise=False`` compiles every node to its plain closure; the tests
    check that both give the same results.
    """
    compiler = Compiler(checker, optimise=optimise)
    fn = compiler.compile(node)
    size = checker.nslots
    if compiler.flat:
        return fn  # type: ignore[return-value]

    if size == 1:

        def run_flat(facts: Mapping[str, object]) -> bool | None:
            return fn([facts])  # type: ignore[return-value]

        return run_flat

    def run(facts: Mapping[str, object]) -> bool | None:
        env: Env = [None] * size
        env[0] = facts
        return fn(env)  # type: ignore[return-value]

    return run
