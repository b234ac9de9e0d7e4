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
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from babel.units import format_unit
from dateutil.relativedelta import relativedelta

from fairmined.audit import FollowUp, Result
from fairmined.report._format import terminal_safe, visible
from fairmined.report._i18n import LANGUAGES, N_, Translator
from fairmined.rules import Evidence, Term, split_item

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


@cache
def _contractions(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    table = words(lang).get("contractions", {})
    out = []
    for loose, tight in table.items():
        out.append((re.compile(rf"(?<!\w){re.escape(loose)}(?!\w)"), str(tight)))
        upper = _cap(loose)
        if upper != loose:
            out.append((re.compile(rf"(?<!\w){re.escape(upper)}(?!\w)"), _cap(str(tight))))
    return tuple(out)


#: Stands for a space inside text from the record (an id, a name, a justification) while a
#: sentence is built: the contractions of the word file join only our own words ("de o" of a
#: template and a label), never the auditor's ("de le faire" stays). ``_done`` puts the
#: spaces back, once, where a sentence leaves this module.
_HOLD = "\ue000"


def _held(text: str) -> str:
    """Text from the record, kept out of the contractions until ``_done``."""
    return text.replace(" ", _HOLD)


def _done(text: str) -> str:
    return text.replace(_HOLD, " ")


def _contract(tr: Translator, text: str) -> str:
    """The contractions of the word file (a preposition before a label's article), outside
    text from the record."""
    for pattern, tight in _contractions(tr.language):
        text = pattern.sub(tight, text)
    return text


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


def _event(tr: Translator, t: Term) -> str:
    """What happened on a date (``the last general assembly``), else the term's name."""
    if t.kind == "field":
        event = field_words(tr, t.name).get("event")
        if event:
            return event
    return _term_name(tr, t)


def _subject(tr: Translator, subject: tuple[str, str] | None) -> str:
    if subject is None:
        return ""
    lst, key = subject
    entry = _w(tr)["lists"].get(lst)
    if entry is None:
        return f"{lst.rsplit('.', 1)[-1]} {_held(key)}"
    return str(entry["item"]).format(key=_held(key))


def _owner(tr: Translator, subject: tuple[str, str]) -> str:
    """``of worker W-03``: the list item a field belongs to."""
    lst, key = subject
    entry = _w(tr)["lists"].get(lst)
    if entry is None:
        return f"({lst.rsplit('.', 1)[-1]} {_held(key)})"
    return str(entry["owner"]).format(key=_held(key))


def _plural(tr: Translator, lst: str) -> str:
    entry = _w(tr)["lists"].get(lst)
    return str(entry["plural"]) if entry else lst.rsplit(".", 1)[-1]


# --------------------------------------------------------------------------- values


_UNITS = {"years": "duration-year", "months": "duration-month", "days": "duration-day"}
#: Units whose short form is how people write them (``5 %``), not ``5 percent``.
_SHORT = frozenset({"concentr-percent"})


def _duration(tr: Translator, amount: int, unit: str) -> str:
    return str(format_unit(amount, _UNITS[unit], length="long", locale=tr.locale))


def _with_unit(tr: Translator, value: Decimal, unit: str) -> str:
    """A number with exactly its own decimals and its unit's name (``2,8 gramos``)."""
    exp = value.as_tuple().exponent
    places = -exp if isinstance(exp, int) and exp < 0 else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")
    if unit in _SHORT:
        return str(format_unit(value, unit, length="short", format=pattern, locale=tr.locale))
    return str(format_unit(value, unit, length="long", format=pattern, locale=tr.locale))


def _field_unit(field: str) -> str:
    """The CLDR unit a number field is counted in (``[fields]`` of the English word file)."""
    entry = words("en")["fields"].get(field) if field else None
    return str(entry.get("unit", "")) if entry else ""


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
        if not value.is_finite():
            return str(value)
        unit = _field_unit(field)
        return _with_unit(tr, value, unit) if unit else tr.number_as_written(value)
    if isinstance(value, datetime.date):
        return tr.date(value)
    if isinstance(value, relativedelta):
        return _delta(tr, value)
    if isinstance(value, str):
        named = _w(tr).get("values", {}).get(field, {}).get(value)
        return str(named) if named else _held(_one_line(value))
    if isinstance(value, tuple) and len(value) == 2:
        return _elapsed(tr, value[0], value[1], "months")
    if isinstance(value, list | tuple | frozenset):
        shown = [value_text(tr, v, field) for v in value]
        return tr.join(shown, style="or")
    return "?" if value is None else _held(_one_line(str(value)))


#: The line breaks and tabs :func:`terminal_safe` leaves to the callers that lay text out.
_BREAKS = re.compile("[\t\n\u2028\u2029]")


def _one_line(text: str) -> str:
    """A record's text as one line of a sentence: every character a terminal acts on, and
    every line break or tab, shown as an escape (``a\\x0ab`` for a line break)."""
    return _BREAKS.sub(lambda m: visible(m.group()), terminal_safe(text))


# --------------------------------------------------------------------------- terms

_ARITH = {"+": "plus", "-": "minus", "*": "times", "/": "divided_by"}


def _op(tr: Translator, op: str, limit: object, shown: str, fn: str = "") -> str:
    """What a comparison requires, as a clause (``the minimum is 15``)."""
    all_ops = _w(tr)["ops"]
    if isinstance(limit, relativedelta):
        table = all_ops["interval"]
    elif isinstance(limit, datetime.date):
        table = all_ops["date"]
    else:
        table = all_ops["number"]
    own = all_ops.get(fn, {}) if fn else {}
    found = own.get(op) or table.get(op) or table.get("==", "{limit}")
    return str(found).format(limit=shown)


#: The kinds of :class:`Term` that are conditions (worded by ``_condition``); every other
#: kind is a value (worded by ``_term_name``). Each function hands the other only its kinds.
_CONDITIONS = frozenset({"cmp", "not", "and", "or"})


def _term_name(tr: Translator, t: Term) -> str:
    """A term without its value: a field's label, a literal, an expression of labels."""
    if t.kind == "field":
        return _label(tr, t.name)
    if t.kind == "value":
        return value_text(tr, t.value)
    if t.kind == "arith":
        left, right = (_term_name(tr, a) for a in t.args)
        word = _s(tr, _ARITH[t.name]) if t.name in _ARITH else t.name
        return f"{left} {word} {right}"
    if t.kind in ("count", "sum", "min", "max"):
        return _count_name(tr, t)
    if t.kind == "call" and t.name == "len" and t.args and t.args[0].kind == "field":
        return _s(tr, "count_of", items=_plural(tr, t.args[0].name))
    if t.kind == "call":
        return _term_name(tr, t.args[0]) if t.args else t.name
    if t.kind == "neg" and t.args:
        return f"{_s(tr, 'minus')} {_term_name(tr, t.args[0])}"
    if t.kind in _CONDITIONS:
        return _condition(tr, t)
    return t.name


def _count_name(tr: Translator, t: Term) -> str:
    """An aggregate over a list: ``the number of workers``, ``the sum of the working time
    per week over the workers (works underground)``, ``the highest value of ... among the
    women workers`` (the items a where-clause picks, when the word file names them)."""
    items = _plural(tr, t.name)
    where = t.args[0] if t.args else Term("")
    named = _items_named(tr, where) if where.kind else ""
    if t.kind != "count":  # sum, min, max: of the value the body gives each item
        body = t.args[1] if len(t.args) > 1 else Term("")
        said = _s(tr, f"{t.kind}_of", label=_term_name(tr, body), items=named or items)
        return f"{said} ({_condition(tr, where)})" if where.kind and not named else said
    if not where.kind:
        return _s(tr, "count_of", items=items)
    if named:
        return _s(tr, "count_of", items=named)
    return _s(tr, "count_where", items=items, condition=_condition(tr, where))


def _value_field(t: Term | None) -> str:
    """The field whose words and unit a term's value takes: the field itself, or the field
    a sum, minimum or maximum is taken of (a sum of hours is hours)."""
    if t is None:
        return ""
    if t.kind == "field":
        return t.name
    if t.kind in ("sum", "min", "max") and len(t.args) > 1 and t.args[1].kind == "field":
        return t.args[1].name
    return ""


def _items_named(tr: Translator, where: Term) -> str:
    """The items a ``field == "value"`` where-clause picks, when the word file names
    them (``[items_where]``: ``women workers``), else ``""``."""
    if where.kind != "cmp" or where.name != "==" or len(where.args) != 2:
        return ""
    left, right = where.args
    if left.kind != "field" or right.kind != "value" or not isinstance(right.value, str):
        return ""
    found = _w(tr).get("items_where", {}).get(left.name, {}).get(right.value)
    return str(found) if found else ""


def _condition(tr: Translator, t: Term) -> str:
    """A where-clause in words: ``the gender: female``, ``works underground``."""
    if t.kind == "field":
        w = field_words(tr, t.name)
        return w.get("yes", w.get("label", t.name))
    if t.kind == "not" and t.args and t.args[0].kind == "field":
        w = field_words(tr, t.args[0].name)
        return w.get("no", w.get("label", t.name))
    if t.kind == "not" and t.args:
        return _s(tr, "not_condition", condition=_condition(tr, t.args[0]))
    if t.kind in ("and", "or"):
        joined = f" {_s(tr, t.kind)} "
        return joined.join(_condition(tr, a) for a in t.args)
    if t.kind == "cmp" and len(t.args) == 2:
        left, right = t.args
        field = left.name if left.kind == "field" else ""
        shown = value_text(tr, right.value, field) if right.kind == "value" else "?"
        if right.kind != "value":
            shown = _term_name(tr, right)
        if t.name != "==":  # "more than 48 hours", not what a requirement demands
            where = _w(tr)["ops"]["where"]
            shown = str(where.get(t.name, "{limit}")).format(limit=shown)
        return _s(tr, "field_value", label=_term_name(tr, left), value=shown)
    if t.kind in _CONDITIONS:  # not reached from a parsed rule: its operator, not a loop
        return t.name
    return _term_name(tr, t)


def _is(tr: Translator, label: str, value: object, field: str = "") -> str:
    """``label is value``, worded for the value's kind (a date, a number, a text)."""
    if isinstance(value, datetime.date):
        key = "is_date"
    elif isinstance(value, Decimal):
        key = "is_number"
    else:
        key = "is_text"
    return _s(tr, key, label=label, value=value_text(tr, value, field))


def _observed(
    tr: Translator,
    t: Term | None,
    value: object,
    subject: tuple[str, str] | None,
    unit: str = "months",
) -> tuple[str, bool]:
    """The observed side as words, and whether it names the list item it is about.

    ``unit``: the unit time between two dates is counted in (the limit's).
    """
    if t is None:
        return value_text(tr, value), False
    if t.kind == "call":
        return _call(tr, t, _subject(tr, subject))
    if t.kind == "arith" and isinstance(value, tuple) and len(t.args) == 2:
        later, earlier = t.args
        text = _s(
            tr,
            "interval",
            earlier_label=_event(tr, earlier),
            earlier=value_text(tr, value[1]),
            elapsed=_elapsed(tr, value[0], value[1], unit),
            later_label=_event(tr, later),
            later=value_text(tr, value[0]),
        )
        return text, False
    field = _value_field(t)
    label = _term_name(tr, t)
    if subject is not None:
        label = _s(tr, "item_fact", owner=_owner(tr, subject), label=label)
    return _is(tr, label, value, field), subject is not None


def _call(tr: Translator, t: Term, subject: str) -> tuple[str, bool]:
    """A function's value from its sentence in the word file (``age``: years old, born)."""
    fns = _w(tr)["functions"]
    args = [_argument(tr, a) for a in t.args]
    value = value_text(tr, t.value)
    if subject and t.name in fns:
        return str(fns[t.name]).format(*args, subject=subject, value=value), True
    plain = fns.get(f"{t.name}_plain") or fns.get(t.name)
    if plain is None:
        return value, False
    return str(plain).format(*args, subject="", value=value), False


def _argument(tr: Translator, a: Term) -> str:
    """A function's argument in its sentence: a list by its name (``len``: "the number
    of workers"), never its items; any other value as observed."""
    if a.kind == "field" and isinstance(a.value, list | tuple):
        return _plural(tr, a.name)
    return value_text(tr, a.value, a.name if a.kind == "field" else "")


def _unit(limit: object) -> str:
    """The unit the time observed is counted in: days for a limit in days, else months."""
    return "days" if isinstance(limit, relativedelta) and limit.days else "months"


def _flag_sentence(tr: Translator, e: Evidence, subject: str, *, scope: bool) -> str:
    """A yes/no field as the record states it, and, when it fails, what is wrong with it."""
    assert e.term is not None
    w = field_words(tr, e.term.name)
    observed = w.get("yes" if e.value else "no", str(e.value))
    if subject:
        return _cap(_s(tr, "item_flag", subject=subject, observed=observed))
    if e.value == e.limit or scope:
        return _s(tr, "according_met", observed=observed)
    return _s(tr, "flag_missing" if e.limit else "flag_forbidden", observed=observed)


def _required(tr: Translator, e: Evidence) -> str:
    """What the comparison of ``e`` requires, as a clause."""
    field = _value_field(e.term)
    fn = e.term.name if e.term is not None and e.term.kind == "call" else ""
    shown = value_text(tr, e.limit, field)
    if isinstance(e.limit, relativedelta) and not e.limit.days:  # 12 months, not 1 year
        shown = _duration(tr, e.limit.years * 12 + e.limit.months, "months")
    if e.limit_term is not None:
        shown = _s(tr, "limit_from", limit=shown, made_of=_term_name(tr, e.limit_term))
    return _op(tr, e.op, e.limit, shown, fn)


def evidence_sentence(tr: Translator, e: Evidence, *, scope: bool = False) -> str:
    """One deciding observation as a sentence (``scope``: only what was observed)."""
    return _done(_evidence(tr, e, scope=scope))


def _evidence(tr: Translator, e: Evidence, *, scope: bool) -> str:
    subject = _subject(tr, e.subject)
    if e.code == "flag" and e.term is not None:
        return _contract(tr, _flag_sentence(tr, e, subject, scope=scope))
    if e.code == "absent" and e.term is not None:
        label = _term_name(tr, e.term)
        if e.subject is not None:
            label = _s(tr, "item_fact", owner=_owner(tr, e.subject), label=label)
        return _contract(tr, _s(tr, "missing", facts=label))
    observed, _named = _observed(tr, e.term, e.value, e.subject, _unit(e.limit))
    if scope:
        return _contract(tr, _cap(_s(tr, "scope_fact", observed=observed)))
    said = _s(tr, "compare", observed=observed, required=_required(tr, e))
    return _contract(tr, _cap(said))


# --------------------------------------------------------------------------- missing facts


def _fact(tr: Translator, path: str) -> str:
    """A missing fact's path (``workers[W-03].birth_date``) as words."""
    found = split_item(path)
    if found is None:
        return _label(tr, path)
    lst, key, field = found
    if not field:
        return _subject(tr, (lst, key))
    owner = _owner(tr, (lst, key))
    return _s(tr, "item_fact", owner=owner, label=_label(tr, f"{lst}[*].{field}"))


def _facts(tr: Translator, missing: Sequence[str]) -> list[str]:
    """Missing facts as words, one field of several items said once:
    ``the date of birth of workers W-05, W-06 and W-07``."""
    keys: dict[tuple[str, str], list[str]] = {}
    for path in missing:
        found = split_item(path)
        lst, key, field = found if found is not None else ("", "", "")
        group = keys.setdefault((lst, field), []) if field else None
        if group is not None and path.endswith(f"].{field}"):
            group.append(key)
    out: list[str] = []
    for path in missing:
        found = split_item(path)
        lst, key, field = found if found is not None else ("", "", "")
        group = keys.get((lst, field), []) if field else []
        entry = _w(tr)["lists"].get(lst) or {}
        if len(group) < 2 or "owners" not in entry:
            out.append(_fact(tr, path))
        elif key == group[0]:
            owner = str(entry["owners"]).format(keys=tr.join([_held(k) for k in group]))
            out.append(_s(tr, "item_fact", owner=owner, label=_label(tr, f"{lst}[*].{field}")))
    return out


def missing_sentence(
    tr: Translator, missing: tuple[str, ...], shown: int = SHOWN, *, unknown: bool = False
) -> str:
    """``The record does not state ...`` naming the first facts and a count of the rest.

    ``unknown``: the facts leave the result not assessed, and the sentence says so.
    """
    return _done(_missing(tr, missing, shown, unknown=unknown))


def _missing(tr: Translator, missing: tuple[str, ...], shown: int, *, unknown: bool) -> str:
    facts = _facts(tr, [m for m in missing if not m.startswith("findings[")])
    if not facts:
        return ""
    named = facts[:shown]
    if len(facts) > shown:
        named.append(_s(tr, "more", count=len(facts) - shown))
    text = tr.join(named)
    return _contract(tr, _s(tr, "missing_unknown" if unknown else "missing", facts=text))


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
    return _done(_contract(tr, _cap(_gap(tr, args)) + "."))


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
            _s(
                tr,
                code,
                date=value_text(tr, a["expires"]),
                justification=_held(str(a["justification"])),
            )
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


def _observations(
    tr: Translator, evidence: tuple[Evidence, ...], *, scope: bool
) -> list[tuple[str, str]]:
    """One sentence per observation (with the list its item is in, or ""), those the
    record simply states joined into one."""
    stated: list[str] = []
    out: dict[str, str] = {}
    for e in evidence:
        plain = e.code == "flag" and e.term is not None and e.subject is None
        if plain and (e.value == e.limit or scope):
            w = field_words(tr, e.term.name)  # type: ignore[union-attr]
            stated.append(w.get("yes" if e.value else "no", str(e.value)))
            continue
        said = _evidence(tr, e, scope=scope)
        out.setdefault(said, e.subject[0] if e.subject is not None else "")
    found = list(out.items())
    if stated:
        joined = tr.join(list(dict.fromkeys(stated)))
        found.insert(0, (_contract(tr, _s(tr, "according_met", observed=joined)), ""))
    return found


def _items_lead(tr: Translator, evidence: tuple[Evidence, ...]) -> list[str]:
    """``3 workers do not meet it.`` when several items of one list offend."""
    keys: dict[str, set[str]] = {}
    for e in evidence:
        if e.subject is not None:
            keys.setdefault(e.subject[0], set()).add(e.subject[1])
    if len(keys) != 1:
        return []
    ((lst, items),) = keys.items()
    if len(items) < 2:
        return []
    count = value_text(tr, Decimal(len(items)))
    return [_s(tr, "items_fail", count=count, items=_plural(tr, lst))]


def _shown(tr: Translator, found: list[tuple[str, str]], shown: int) -> list[str]:
    """The first ``shown`` observations and how many more (of which list's items)."""
    out = [said for said, _ in found[:shown]]
    rest = found[shown:]
    if not rest:
        return out
    count = value_text(tr, Decimal(len(rest)))
    lists = {lst for _, lst in rest}
    if len(lists) == 1 and "" not in lists:
        out.append(_s(tr, "more_items", count=count, items=_plural(tr, lists.pop())))
    else:
        out.append(_s(tr, "more_observations", count=count))
    return out


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
        if r.code == "rule_fail":
            out += _items_lead(tr, r.evidence)
        found = _observations(tr, r.evidence, scope=r.code == "out_of_scope")
        out += _shown(tr, found, shown)
    unknown = r.code == "rule_unknown"
    missing = _missing(tr, r.missing, shown, unknown=unknown)
    if missing:
        out.append(missing)
    return [_done(_contract(tr, line)) for line in out]


def follow_up_sentence(tr: Translator, f: FollowUp, type_label: str) -> str:
    """A previous corrective action as judged at this audit, from its state and dates."""
    a = f.action
    due = value_text(tr, a.deadline)
    if f.state in ("closed_in_time", "closed_late") and a.closed_on is not None:
        late = _duration(tr, (a.closed_on - a.deadline).days, "days")
        closed = value_text(tr, a.closed_on)
        said = _s(tr, f"follow_{f.state}", closed=closed, due=due, late=late)
    elif f.state == "open_not_due":
        said = _s(tr, "follow_open_not_due", due=due)
    else:
        consequence = _s(tr, f"consequence_{f.consequence or 'none'}")
        said = _s(tr, "follow_overdue", due=due, type=type_label, consequence=consequence)
    return _done(_contract(tr, said))
