"""The rule language: a small, closed, always-terminating language for audit criteria.

Rules are parsed and type-checked against a record schema when a standard
loads (:func:`compile_rule`), compiled once into closures, and evaluated with
three-valued logic: a missing fact makes a result *unknown* (None), never an
error. :meth:`Rule.explain` says in one sentence which sub-condition decided.
The grammar is documented in ``docs/rule-language.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from fairmined.model import REPR_LIMIT, repr_line, shorten

from ._ast import Node, unparse
from ._check import check
from ._compile import compile_tree
from ._explain import (
    SHOWN,
    Deciding,
    Evidence,
    Explanation,
    FastExplainer,
    Memo,
    Term,
    listing,
    split_item,
)
from ._lexer import NO_ORIGIN, Origin
from ._parser import parse
from ._types import (
    Bool,
    Date,
    Duration,
    Field,
    ListOf,
    Number,
    Object,
    String,
    Type,
    coerce,
    to_json_schema,
)

__all__ = [
    "SHOWN",
    "Bool",
    "Date",
    "Decided",
    "Deciding",
    "Duration",
    "Evidence",
    "Explanation",
    "Field",
    "ListOf",
    "Node",
    "Number",
    "Object",
    "Origin",
    "Rule",
    "String",
    "Term",
    "Type",
    "coerce",
    "compile_rule",
    "listing",
    "parse",
    "split_item",
    "to_json_schema",
    "unparse",
]


class Rule:
    """A compiled rule: ``evaluate`` is the fast path, ``explain`` says why.

    ``evaluate(facts)`` returns True or False, or None when missing facts leave
    the result unknown. It is the compiled function itself, stored on the
    instance, so a call costs no extra method frame (benchmarks/run.py).
    """

    __slots__ = (
        "_bounded",
        "_checker",
        "_explainer",
        "_node",
        "cost",
        "evaluate",
        "fields",
        "origin",
        "quantified",
        "text",
    )

    text: str
    fields: frozenset[str]
    origin: Origin
    evaluate: Callable[[Mapping[str, object]], bool | None]

    def __init__(self, text: str, schema: Object, origin: Origin = NO_ORIGIN) -> None:
        node = parse(text, origin)
        checker = check(node, schema, origin)
        self.text = text
        self.origin = origin
        self.fields = frozenset(checker.fields)
        #: Worst-case evaluation steps on a record at the schema's list limits.
        self.cost = checker.cost
        self._node = node
        self.evaluate = compile_tree(node, checker)
        self._checker = checker
        #: Whether the rule has a quantifier (``all``, ``count``...) over a list.
        self.quantified = checker.nslots > 1
        self._explainer = FastExplainer(checker, node)
        self._bounded: dict[int, FastExplainer] = {}

    def explain(self, facts: Mapping[str, object], *, limit: int | None = None) -> Explanation:
        """The value with one plain sentence, the deciding evidence and the missing facts.

        With ``limit``, a quantifier's evidence holds only its first ``limit``
        offending items (the sentence still counts them all, and names the first
        :data:`SHOWN` when ``limit`` is at least that); ``complete`` says whether
        any were left out. Items that leave a result unknown are all described.
        """
        if limit is None or self._checker.nslots == 1:  # no quantifier: nothing to bound
            return self._explainer.run(self._node, facts)
        return self._limited(limit).run(self._node, facts)

    def decide(self, facts: Mapping[str, object], limit: int) -> Decided:
        """The value, and for each quantifier that decides it (or leaves it unknown) the
        first ``limit`` deciding items' ids and their count, found in one pass, not worded.

        A rule without quantifiers has none: its value alone. The result's
        :meth:`Decided.explain` words it later without that pass again.
        """
        if self._checker.nslots == 1:
            return Decided(self, facts, self.evaluate(facts), (), None)
        memo: Memo = {}
        value, deciding = self._limited(limit).deciding(self._node, facts, memo)
        return Decided(self, facts, value, deciding, memo)

    def _explain_again(self, facts: Mapping[str, object], memo: Memo | None) -> Explanation:
        if memo is None:
            return self.explain(facts)
        return self._explainer.rerun(self._node, facts, memo)

    def _limited(self, limit: int) -> FastExplainer:
        explainer = self._bounded.get(limit)
        if explainer is None:
            explainer = self._bounded[limit] = FastExplainer(self._checker, self._node, limit)
        return explainer

    def __repr__(self) -> str:
        return f"Rule({shorten(self.text, REPR_LIMIT - 10)!r})"


class Decided:
    """A rule's value and deciding items from one pass (:meth:`Rule.decide`).

    :meth:`explain` gives what :meth:`Rule.explain` gives on the same facts,
    reusing the items that pass found: the facts must not change in between.
    """

    __slots__ = ("_facts", "_memo", "_rule", "deciding", "value")

    def __init__(
        self,
        rule: Rule,
        facts: Mapping[str, object],
        value: bool | None,
        deciding: tuple[Deciding, ...],
        memo: Memo | None,
    ) -> None:
        self.value = value
        #: Per quantifier deciding the value (or leaving it unknown): its first items.
        self.deciding = deciding
        self._rule = rule
        self._facts = facts
        self._memo = memo

    def explain(self) -> Explanation:
        """The full explanation: every deciding item worded, as :meth:`Rule.explain`."""
        return self._rule._explain_again(self._facts, self._memo)

    def __repr__(self) -> str:
        return repr_line(
            "Decided", rule=self._rule.text, value=self.value, deciding=len(self.deciding)
        )


def compile_rule(text: str, schema: Object, origin: Origin = NO_ORIGIN) -> Rule:
    """Parse, type-check against ``schema`` and compile a rule.

    Raises RuleSyntaxError or RuleTypeError with the file, line and column
    mapped from ``origin``.
    """
    return Rule(text, schema, origin)
