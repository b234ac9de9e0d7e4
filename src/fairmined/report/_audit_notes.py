"""An evaluation's reasons and notes (codes with facts) as sentences in the reader's language.

Both are worded here in every language, English included, from each code and
its arguments (the catalog's English); the audit layer's own English sentence
stays in the JSON's ``reasons`` and ``notes``, where scripts may match it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal

from fairmined.model import Notice
from fairmined.report._explain import gap_sentence
from fairmined.report._i18n import Translator

__all__ = ["note_text", "reason_text"]


def note_text(tr: Translator, n: Notice) -> str:
    """How the record was read (a default, a derived fact, a short worker list), worded.

    In English too: the audit layer's own sentence names the record's fields.
    """
    a: Mapping[str, object] = n.args
    if n.code == "ecological_not_requested":
        return tr._(
            "The record does not say whether ecological certification was requested: it is "
            "taken as not requested, so the ecological requirements do not apply."
        )
    if n.code == "legality_derived":
        count = int(str(a["permits"]))
        if a["key"] == "mining_title":
            return tr.n_(
                "The mining title was read from {n} permit in the record: held if it had "
                "started by the audit date, valid until its end.",
                "The mining title was read from {n} permits in the record: held when every "
                "one had started by the audit date, valid until the earliest end.",
                count,
            )
        return tr.n_(
            "The environmental permit was read from {n} permit in the record: held if it "
            "had started by the audit date, valid until its end.",
            "The environmental permit was read from {n} permits in the record: held when "
            "every one had started by the audit date, valid until the earliest end.",
            count,
        )
    if n.code == "per_miner_per_day_derived":
        return tr._(
            "Gold per miner per day worked out from production: {kg} kg / ({miners} miners "
            "x {days} days) = {value} g.",
            kg=_num(tr, a["gold_kg"]),
            miners=_num(tr, a["miners"]),
            days=_num(tr, a["days_worked"]),
            value=_num(tr, a["value"]),
        )
    if n.code == "worker_gap":
        return gap_sentence(tr, a)
    return n.text


def reason_text(tr: Translator, n: Notice, type_label: Callable[[str], str]) -> str:
    """Why the decision is what it is, one notice worded; ``type_label`` names a type."""
    a: Mapping[str, object] = n.args
    ids = ", ".join(str(i) for i in _seq(a.get("ids")))
    if n.code == "audit_before_force":
        return tr._(
            "Warning: the audit date {date} is before {standard} came into force on {since}.",
            date=_day(tr, a["date"]),
            standard=a["standard"],
            since=_day(tr, a["since"]),
        )
    if n.code == "audit_after_force":
        return tr._(
            "Warning: the audit date {date} is after {standard} ceased to be in force on {until}.",
            date=_day(tr, a["date"]),
            standard=a["standard"],
            until=_day(tr, a["until"]),
        )
    if n.code == "blocking_met":
        return tr._("Every requirement due that blocks certification is met or waived.")
    if n.code == "blocking_failed":
        return tr._(
            "Failed and blocking certification ({type}): {ids}.",
            type=type_label(str(a["type"])),
            ids=ids,
        )
    if n.code == "blocking_not_assessed":
        return tr._(
            "Not assessed and blocking certification ({type}; what cannot be confirmed "
            "counts as not met): {ids}.",
            type=type_label(str(a["type"])),
            ids=ids,
        )
    if n.code == "previous_action_overdue":
        return tr._(
            "The corrective action for {id} from the previous audit was due by {date} and "
            "is overdue.",
            id=a["id"],
            date=_day(tr, a["deadline"]),
        )
    if n.code == "suspension_clear_by":
        return tr._("The suspension must be cleared by {date}.", date=_day(tr, a["date"]))
    return _development_text(tr, n, ids)


def _development_text(tr: Translator, n: Notice, ids: str) -> str:
    a = n.args
    if n.code == "development_below":
        return tr._(
            "The development average {average} is below the threshold {threshold}: "
            "corrective actions are set.",
            average=_num(tr, a["average"]),
            threshold=_num(tr, a["threshold"]),
        )
    if n.code == "development_failed_by_auditor":
        return tr.n_(
            "The auditor failed development requirement {ids}: a corrective action is set; "
            "the average decides certification.",
            "The auditor failed development requirements {ids}: corrective actions are set; "
            "the average decides certification.",
            len(_seq(a.get("ids"))),
            ids=ids,
        )
    if n.code == "development_unscored":
        return tr.n_(
            "{n} development requirement due was not scored: the average rests on {scored}.",
            "{n} development requirements due were not scored: the average rests on {scored}.",
            int(str(a["unscored"])),
            scored=a["scored"],
        )
    if n.code == "corrective_actions":
        total, dated = int(str(a["n"])), int(str(a["dated"]))
        if dated == total:
            return tr.n_(
                "{n} corrective action with a deadline",
                "{n} corrective actions with deadlines",
                total,
            )
        return tr.n_(
            "{n} corrective action ({dated} with a deadline)",
            "{n} corrective actions ({dated} with a deadline)",
            total,
            dated=dated,
        )
    return n.text


def _seq(value: object) -> tuple[object, ...]:
    return tuple(value) if isinstance(value, list | tuple) else ()


def _day(tr: Translator, value: object) -> str:
    return tr.date(value) if isinstance(value, date) else str(value)


def _num(tr: Translator, value: object) -> str:
    return tr.number(value) if isinstance(value, Decimal | int) else str(value)
