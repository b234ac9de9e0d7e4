"""Audit explanations as sentences in the reader's language.

The audit engine records why each requirement has its status as data: a
``code`` with its ``args`` on the result, and per deciding observation an
:class:`~fairmined.rules.Evidence` (which list item, which field or
function, the typed value observed, the operator and the value required).
This module words them from the word files
``standards/i18n/explain/<lang>.toml``: a label for every record field and
operator, the sentences, and a function's sentence from its entry there.
Dates, numbers and durations are formatted by babel for the locale. A
requirement may word its failure itself (``[overrides."<standard>"]`` of the
word file) where the generic sentence is clumsy.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from babel.units import format_unit
from dateutil.relativedelta import relativedelta

from fairmined.audit import FollowUp, Result
from fairmined.report._i18n import LANGUAGES, N_, Translator
from fairmined.rules import Evidence, Term

__all__ = [
    "SHOWN",
    "explain_sentences",
    "field_words",
    "follow_up_sentence",
    "gap_sentence",
    "missing_sentence",
    "words",
]

#: Observations and missing facts a human format shows per requirement (the JSON keeps all).
SHOWN = 5

#: An auditor's outcome in words (the audit report's status labels, gettext catalogs).
_OUTCOME = {"pass": N_("passed"), "fail": N_("failed")}


def _words_dir() -> Any:
    return resources.files("fairmined") / "_standards" / "i18n" / "explain"


@cache
def words(lang: str) -> Mapping[str, Any]:
    """The word file of ``lang`` (English for a language without one)."""
    lang = lang if lang in LANGUAGES else "en"
    path = _words_dir() / f"{lang}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _w(tr: Translator) -> Mapping[str, Any]:
    return words(tr.language)


def _s(tr: Translator, key: str, **values: object) -> str:
    return str(_w(tr)["sentences"][key]).format(**values)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def field_words(tr: Translator, field: str) -> Mapping[str, str]:
    """The words of a record field (``label``, or ``yes`` and ``no``); a fallback label."""
    found = _w(tr)["fields"].get(field)
    if found is None:
        found = words("en")["fields"].get(field)
    if found is None:  # a field of a certifier's own standard without words
        return {"label": field.rsplit(".", 1)[-1].replace("_", " ")}
    return dict(found)


def _label(tr: Translator, field: str) -> str:
    w = field_words(tr, field)
    if "label" in w:
        return w["label"]
    return _s(tr, "whether", statement=w.get("yes", field))


def _subject(tr: Translator, subject: tuple[str, str] | None) -> str:
    if subject is None:
        return ""
    lst, key = subject
    entry = _w(tr)["lists"].get(lst)
    if entry is None:
        return f"{lst.rsplit('.', 1)[-1]} {key}"
    return str(entry["item"]).format(key=key)


def _owner(tr: Translator, subject: tuple[str, str]) -> str:
    """``of worker W-03``: the list item a field belongs to."""
    lst, key = subject
    entry = _w(tr)["lists"].get(lst)
    if entry is None:
        return f"({lst.rsplit('.', 1)[-1]} {key})"
    return str(entry["owner"]).format(key=key)


# --------------------------------------------------------------------------- values


_UNITS = {"years": "duration-year", "months": "duration-month", "days": "duration-day"}


def _duration(tr: Translator, amount: int, unit: str) -> str:
    return str(format_unit(amount, _UNITS[unit], length="long", locale=tr.locale))


def _delta(tr: Translator, d: relativedelta) -> str:
    if d.years and not d.months and not d.days:
        return _duration(tr, d.years, "years")
    if not d.days:
        return _duration(tr, d.years * 12 + d.months, "months")
    parts = [(d.years, "years"), (d.months, "months"), (d.days, "days")]
    return " ".join(_duration(tr, n, u) for n, u in parts if n)


def _elapsed(tr: Translator, later: datetime.date, earlier: datetime.date, unit: str) -> str:
    """The time from ``earlier`` to ``later`` in whole ``unit``s (months, years or days)."""
    if unit == "days":
        return _duration(tr, (later - earlier).days, "days")
    d = relativedelta(later, earlier)
    months = d.years * 12 + d.months
    if unit == "years" and months % 12 == 0:
        return _duration(tr, d.years, "years")
    if months == 0:
        return _duration(tr, (later - earlier).days, "days")
    return _duration(tr, months, "months")


def value_text(tr: Translator, value: object, field: str = "") -> str:
    """A value observed or required, in the reader's words and the locale's format."""
    if isinstance(value, bool):
        return _s(tr, "yes" if value else "no")
    if isinstance(value, Decimal):
        return tr.number_as_written(value) if value.is_finite() else str(value)
    if isinstance(value, datetime.date):
        return tr.date(value)
    if isinstance(value, relativedelta):
        return _delta(tr, value)
    if isinstance(value, str):
        named = _w(tr).get("values", {}).get(field, {}).get(value)
        return str(named) if named else value
    if isinstance(value, tuple) and len(value) == 2:
        return _elapsed(tr, value[0], value[1], "months")
    if isinstance(value, list | tuple | frozenset):
        return ", ".join(value_text(tr, v, field) for v in value)
    return "?" if value is None else str(value)


# --------------------------------------------------------------------------- terms


def _op(tr: Translator, op: str, limit: object, shown: str) -> str:
    if isinstance(limit, relativedelta):
        table = "interval"
    elif isinstance(limit, datetime.date):
        table = "date"
    else:
        table = "number"
    ops = _w(tr)["ops"][table]
    return str(ops.get(op, ops.get("==", "{limit}"))).format(limit=shown)


def _term_name(tr: Translator, t: Term) -> str:
    """A term without its value: a field's label, a literal, an expression of labels."""
    if t.kind == "field":
        return _label(tr, t.name)
    if t.kind == "value":
        return value_text(tr, t.value)
    if t.kind == "arith":
        left, right = (_term_name(tr, a) for a in t.args)
        return f"{left} {t.name} {right}"
    if t.kind in ("count", "sum", "min", "max"):
        return _count_name(tr, t)
    if t.kind == "call":
        return _term_name(tr, t.args[0]) if t.args else t.name
    return _condition(tr, t)


def _count_name(tr: Translator, t: Term) -> str:
    entry = _w(tr)["lists"].get(t.name)
    items = str(entry["plural"]) if entry else t.name
    where = t.args[0] if t.args else Term("")
    if not where.kind:
        return _s(tr, "count_of", items=items)
    return _s(tr, "count_where", items=items, condition=_condition(tr, where))


def _condition(tr: Translator, t: Term) -> str:
    """A where-clause in words: ``gender: female``, ``works underground``."""
    if t.kind == "field":
        w = field_words(tr, t.name)
        return w.get("yes", w.get("label", t.name))
    if t.kind == "not" and t.args and t.args[0].kind == "field":
        w = field_words(tr, t.args[0].name)
        return w.get("no", w.get("label", t.name))
    if t.kind in ("and", "or"):
        joined = f" {_s(tr, t.kind)} "
        return joined.join(_condition(tr, a) for a in t.args)
    if t.kind == "cmp" and len(t.args) == 2:
        left, right = t.args
        field = left.name if left.kind == "field" else ""
        shown = value_text(tr, right.value, field) if right.kind == "value" else "?"
        if right.kind != "value":
            shown = _term_name(tr, right)
        if t.name == "==":
            return _s(tr, "field_value", label=_term_name(tr, left), value=shown)
        return f"{_term_name(tr, left)} {_op(tr, t.name, right.value, shown)}"
    return _term_name(tr, t)


def _observed(
    tr: Translator, t: Term | None, value: object, subject: str, unit: str = "months"
) -> tuple[str, bool]:
    """The observed side as words, and whether it already names the subject.

    ``unit``: the unit time between two dates is counted in (the limit's).
    """
    if t is None:
        return value_text(tr, value), False
    if t.kind == "call":
        return _call(tr, t, subject)
    if t.kind == "arith" and isinstance(value, tuple) and len(t.args) == 2:
        later, earlier = t.args
        text = _s(
            tr,
            "interval",
            earlier_label=_term_name(tr, earlier),
            earlier=value_text(tr, value[1]),
            elapsed=_elapsed(tr, value[0], value[1], unit),
            later_label=_term_name(tr, later),
            later=value_text(tr, value[0]),
        )
        return text, False
    field = t.name if t.kind == "field" else ""
    return _s(tr, "field_value", label=_term_name(tr, t), value=value_text(tr, value, field)), False


def _call(tr: Translator, t: Term, subject: str) -> tuple[str, bool]:
    """A function's value from its sentence in the word file (``age``: years old, born)."""
    fns = _w(tr)["functions"]
    args = [value_text(tr, a.value, a.name if a.kind == "field" else "") for a in t.args]
    value = value_text(tr, t.value)
    if subject and t.name in fns:
        return str(fns[t.name]).format(*args, subject=subject, value=value), True
    plain = fns.get(f"{t.name}_plain") or fns.get(t.name)
    if plain is None:
        return value, False
    return str(plain).format(*args, subject="", value=value), False


def _unit(limit: object) -> str:
    """The unit the time observed is counted in: days for a limit in days, else months."""
    return "days" if isinstance(limit, relativedelta) and limit.days else "months"


def evidence_sentence(tr: Translator, e: Evidence, *, scope: bool = False) -> str:
    """One deciding observation as a sentence (``scope``: only what was observed)."""
    subject = _subject(tr, e.subject)
    if e.code == "flag" and e.term is not None:
        w = field_words(tr, e.term.name)
        observed = w.get("yes" if e.value else "no", str(e.value))
        if subject:
            return _cap(_s(tr, "item_flag", subject=subject, observed=observed))
        required = w.get("yes" if e.limit else "no", str(e.limit))
        if e.value == e.limit or scope:
            return _s(tr, "according_met", observed=observed)
        return _s(tr, "according", observed=observed, required=required)
    if e.code == "absent" and e.term is not None:
        label = _term_name(tr, e.term)
        if e.subject is not None:
            label = _s(tr, "item_fact", owner=_owner(tr, e.subject), label=label)
        return _cap(_s(tr, "absent", label=label))
    observed, named = _observed(tr, e.term, e.value, subject, _unit(e.limit))
    if scope:
        return _cap(_s(tr, "scope_fact", observed=observed))
    field = e.term.name if e.term is not None and e.term.kind == "field" else ""
    shown = value_text(tr, e.limit, field)
    if isinstance(e.limit, relativedelta) and not e.limit.days:  # 12 months, not 1 year
        shown = _duration(tr, e.limit.years * 12 + e.limit.months, "months")
    if e.limit_term is not None:
        shown = _s(tr, "limit_from", limit=shown, made_of=_term_name(tr, e.limit_term))
    required = _op(tr, e.op, e.limit, shown)
    if subject and not named:
        return _cap(_s(tr, "item_compare", subject=subject, observed=observed, required=required))
    return _cap(_s(tr, "compare", observed=observed, required=required))


# --------------------------------------------------------------------------- missing facts

_CONCRETE = re.compile(r"\A(?P<list>.+)\[(?P<key>[^\[\]]*)\](?:\.(?P<field>.+))?\Z")


def _fact(tr: Translator, path: str) -> str:
    """A missing fact's path (``workers[W-03].birth_date``) as words."""
    m = _CONCRETE.match(path)
    if m is None:
        return _label(tr, path)
    lst, key, field = m.group("list"), m.group("key"), m.group("field")
    base = re.sub(r"\[[^\]]*\]", "[*]", lst)
    if field is None:
        return _subject(tr, (base, key))
    owner = _owner(tr, (base, key))
    return _s(tr, "item_fact", owner=owner, label=_label(tr, f"{base}[*].{field}"))


def missing_sentence(tr: Translator, missing: tuple[str, ...], shown: int = SHOWN) -> str:
    """``Missing from the record: ...`` naming the first facts and a count of the rest."""
    facts = [_fact(tr, m) for m in missing if not m.startswith("findings[")]
    if not facts:
        return ""
    text = _s(tr, "list_sep").join(facts[:shown])
    if len(facts) > shown:
        text = _s(tr, "more", shown=text, count=len(facts) - shown)
    return _s(tr, "missing", facts=text)


# --------------------------------------------------------------------------- results


def _gap(tr: Translator, args: Mapping[str, object]) -> str:
    if not args.get("listed"):
        return _s(tr, "gap_empty")
    return _s(
        tr,
        "gap_short",
        listed=value_text(tr, Decimal(str(args["listed"]))),
        members=value_text(tr, args.get("members")),
    )


def gap_sentence(tr: Translator, args: Mapping[str, object]) -> str:
    """Why the worker list proves nothing for everyone (``listed``, ``members``), a sentence."""
    return _cap(_gap(tr, args)) + "."


def _reason(tr: Translator, r: Result, title: str, type_label: str) -> list[str]:
    """The result's own sentence from its code (before the observations)."""
    a = r.args
    code = r.code
    out: list[str] = []
    if "waiver_expired" in a:
        out.append(_s(tr, "waiver_expired", date=value_text(tr, a["waiver_expired"])))
    if "waiver_type" in a:
        out.append(_s(tr, "waiver_type", type=type_label))
    status = tr._(_OUTCOME[r.status]) if r.status in _OUTCOME else r.status
    if code == "not_due":
        out.append(_s(tr, code, due=a["due_from_year"], year=a["year"]))
    elif code in ("scope_worker_gap", "rule_pass_worker_gap"):
        out.append(_s(tr, code, gap=_gap(tr, a)))
    elif code == "waived":
        out.append(
            _s(tr, code, date=value_text(tr, a["expires"]), justification=a["justification"])
        )
    elif code == "no_finding":
        out.append(_s(tr, code, id=r.id, title=title))
    elif code in ("finding", "rule_unknown_finding"):
        out.append(_s(tr, code, outcome=status))
    elif code == "scored_fail":
        out.append(_s(tr, code, low=value_text(tr, a["low"])))
        if a.get("unused_score") is not None:
            out.append(_s(tr, "unused_score", score=value_text(tr, a["unused_score"])))
    elif code in ("scored_missing", "scored"):
        out.append(_s(tr, code, **{k: value_text(tr, v) for k, v in a.items() if k in _NUMS}))
    elif code in ("rule_fail", "rule_pass") and r.evidence:
        pass  # the observations say it
    elif code == "rule_unknown" and r.missing:
        pass  # the missing facts say it
    elif code:
        out.append(_s(tr, code))
    development = a.get("development")
    if development in ("improve", "raise"):
        out.append(
            _s(
                tr,
                f"development_{development}",
                average=value_text(tr, a["average"]),
                threshold=value_text(tr, a["threshold"]),
            )
        )
    return out


_NUMS = ("low", "high", "score", "threshold")


def _override(tr: Translator, standard_id: str, requirement: str) -> str | None:
    """A failure a requirement words itself (``[overrides."<standard>"]`` of the word file)."""
    found = _w(tr).get("overrides", {}).get(standard_id, {}).get(requirement)
    return str(found) if found else None


def _observations(tr: Translator, evidence: tuple[Evidence, ...], *, scope: bool) -> list[str]:
    """One sentence per observation, those the record simply states joined into one."""
    stated: list[str] = []
    out: list[str] = []
    for e in evidence:
        plain = e.code == "flag" and e.term is not None and e.subject is None
        if plain and (e.value == e.limit or scope):
            w = field_words(tr, e.term.name)  # type: ignore[union-attr]
            stated.append(w.get("yes" if e.value else "no", str(e.value)))
            continue
        out.append(evidence_sentence(tr, e, scope=scope))
    if stated:
        joined = _s(tr, "list_sep").join(dict.fromkeys(stated))
        out.insert(0, _s(tr, "according_met", observed=joined))
    return list(dict.fromkeys(out))


def explain_sentences(
    tr: Translator,
    r: Result,
    *,
    standard_id: str = "",
    title: str = "",
    type_label: str = "",
    shown: int = SHOWN,
) -> list[str]:
    """Why ``r`` has its status, as sentences in ``tr``'s language.

    The result's reason, then the first ``shown`` deciding observations (and
    how many more), then the facts missing. A requirement's own wording of a
    failure (see the module) replaces the observations.
    """
    out = _reason(tr, r, title or r.requirement.title, type_label or r.requirement.type)
    own = _override(tr, standard_id, r.id) if standard_id else None
    if own and r.code == "rule_fail":
        out.append(own)
    else:
        observations = _observations(tr, r.evidence, scope=r.code == "out_of_scope")
        out += observations[:shown]
        if len(observations) > shown:
            out.append(_s(tr, "more_observations", count=len(observations) - shown))
    missing = missing_sentence(tr, r.missing, shown)
    if missing:
        out.append(missing)
    return out


def follow_up_sentence(tr: Translator, f: FollowUp, type_label: str) -> str:
    """A previous corrective action as judged at this audit, from its state and dates."""
    a = f.action
    due = value_text(tr, a.deadline)
    if f.state in ("closed_in_time", "closed_late") and a.closed_on is not None:
        late = _duration(tr, (a.closed_on - a.deadline).days, "days")
        return _s(tr, f"follow_{f.state}", closed=value_text(tr, a.closed_on), due=due, late=late)
    if f.state == "open_not_due":
        return _s(tr, "follow_open_not_due", due=due)
    consequence = _s(tr, f"consequence_{f.consequence or 'none'}")
    return _s(tr, "follow_overdue", due=due, type=type_label, consequence=consequence)
