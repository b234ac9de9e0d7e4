"""The shipped standards' rules written by hand as plain Python: the audit baseline.

One function per distinct rule text (and scope text) of the three shipped
standards, over the same facts dicts the engine reads, with the same
three-valued results: True, False, or None when a missing fact leaves the
result unknown (Kleene logic: ``False and unknown`` is False). This is what a
careful programmer would write for speed: section lookups inlined, the audit
date read once per rule rather than once per worker, ages computed with the
usual year/month/day formula. ``tests/test_bench_baselines.py`` and the
benchmark check that every function agrees with the engine on generated data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

Facts = Mapping[str, Any]
Fn = Callable[[Facts], bool | None]

_E: dict[str, Any] = {}


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _and(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    return None if a is None or b is None else True


def _or(a: bool | None, b: bool | None) -> bool | None:
    if a is True or b is True:
        return True
    return None if a is None or b is None else False


def _not(a: bool | None) -> bool | None:
    return None if a is None else not a


# ----------------------------------------------------------------- workers


def all_workers_at_least_15(f: Facts) -> bool | None:
    ws = f.get("workers")
    if ws is None:
        return None
    on = (f.get("audit") or _E).get("date")
    unknown = False
    for w in ws:
        b = w.get("birth_date")
        if b is None or on is None:
            unknown = True
        elif on.year - b.year - ((on.month, on.day) < (b.month, b.day)) < 15:
            return False
    return None if unknown else True


def none_under_18_underground(f: Facts) -> bool | None:
    ws = f.get("workers")
    if ws is None:
        return None
    on = (f.get("audit") or _E).get("date")
    unknown = False
    for w in ws:
        c = w.get("underground")
        if c is False:
            continue
        b = w.get("birth_date")
        if b is None or on is None:
            unknown = True
        elif on.year - b.year - ((on.month, on.day) < (b.month, b.day)) < 18:
            if c is None:
                unknown = True
            else:
                return False
    return None if unknown else True


def none_under_18_hazardous(f: Facts) -> bool | None:
    ws = f.get("workers")
    if ws is None:
        return None
    on = (f.get("audit") or _E).get("date")
    unknown = False
    for w in ws:
        h = w.get("hazardous_work")
        c = True if h is True else w.get("handles_chemicals")
        if c is False:
            if h is None:
                c = None
            else:
                continue
        b = w.get("birth_date")
        if b is None or on is None:
            unknown = True
        elif on.year - b.year - ((on.month, on.day) < (b.month, b.day)) < 18:
            if c is None:
                unknown = True
            else:
                return False
    return None if unknown else True


def _all_workers(f: Facts, key: str) -> bool | None:
    ws = f.get("workers")
    if ws is None:
        return None
    unknown = False
    for w in ws:
        v = w.get(key)
        if v is False:
            return False
        if v is None:
            unknown = True
    return None if unknown else True


def all_paid_minimum_wage(f: Facts) -> bool | None:
    ws = f.get("workers")
    if ws is None:
        return None
    unknown = False
    for w in ws:
        v = w.get("paid_at_least_minimum_wage")
        if v is False:
            return False
        if v is None:
            unknown = True
    return None if unknown else True


def employees_have_written_terms(f: Facts) -> bool | None:
    ws = f.get("workers")
    if ws is None:
        return None
    unknown = False
    for w in ws:
        m = w.get("member")
        if m is True:
            continue
        v = w.get("written_terms")
        if v is None:
            unknown = True
        elif v is False:
            if m is None:
                unknown = True
            else:
                return False
    return None if unknown else True


def ppe(f: Facts) -> bool | None:
    a = (f.get("health_and_safety") or _E).get("ppe_provided")
    if a is False:
        return False
    return _and(a, _all_workers(f, "has_ppe"))


def training(f: Facts) -> bool | None:
    a = (f.get("health_and_safety") or _E).get("training_programme")
    if a is False:
        return False
    return _and(a, _all_workers(f, "hs_trained"))


def any_underground(f: Facts) -> bool | None:
    ws = f.get("workers")
    if ws is None:
        return None
    unknown = False
    for w in ws:
        v = w.get("underground")
        if v is True:
            return True
        if v is None:
            unknown = True
    return None if unknown else False


def women_in_governance(f: Facts) -> bool | None:
    ws = f.get("workers")
    count: int | None = None
    if ws is not None:
        count = 0
        for w in ws:
            g = w.get("gender")
            if g is None:
                count = None
                break
            if g == "female":
                count += 1
    first = None if count is None else count == 0
    if first is True:
        return True
    n = (f.get("womens_rights") or _E).get("women_in_governing_bodies")
    return _or(first, None if n is None else n >= 1)


def hours(f: Facts) -> bool | None:
    ws = f.get("workers")
    first: bool | None = None
    if ws is not None:
        first = True
        for w in ws:
            h = w.get("hours_per_week")
            if h is None:
                first = None
            elif h > 48:
                first = False
                break
    if first is True:
        return True
    return _or(first, (f.get("labour") or _E).get("atypical_hours_agreed"))


def installations_registered(f: Facts) -> bool | None:
    items = (f.get("processing") or _E).get("installations")
    if items is None:
        return None
    unknown = False
    for i in items:
        v = i.get("registered")
        if v is False:
            return False
        if v is None:
            unknown = True
    return None if unknown else True


# ----------------------------------------------------------------- dates and numbers


def permit(key: str) -> Fn:
    def fn(f: Facts) -> bool | None:
        p = (f.get("legality") or _E).get(key) or _E
        held = p.get("held")
        if held is False:
            return False
        until = p.get("valid_until")
        on = (f.get("audit") or _E).get("date")
        return _and(held, None if until is None or on is None else until >= on)

    return fn


def assembly_within_a_year(f: Facts) -> bool | None:
    g = f.get("governance") or _E
    on = (f.get("audit") or _E).get("date")
    last = g.get("general_assembly_last_held")
    recent: bool | None = None
    if on is not None and last is not None:
        try:
            limit = last.replace(year=last.year + 1)
        except ValueError:  # 29 February
            limit = last.replace(year=last.year + 1, day=28)
        recent = last <= on <= limit
    if recent is False:
        return False
    return _and(recent, g.get("assembly_minutes_kept"))


def ecological_requested(f: Facts) -> bool | None:
    # An absent audit.ecological means ecological certification was not requested.
    return (f.get("audit") or _E).get("ecological") is True


def trial_consignments(f: Facts) -> bool | None:
    v = (f.get("trade") or _E).get("prefinance_trial_consignments")
    return None if v is None else v <= 4


def prefinance_cost(f: Facts) -> bool | None:
    t = f.get("trade") or _E
    cost = t.get("prefinance_cost_percent")
    rate = t.get("buyer_bank_rate_percent")
    insurance = t.get("credit_insurance_percent")
    if cost is None or rate is None or insurance is None:
        return None
    return cost <= rate + insurance + 1


def grams_per_miner(f: Facts) -> bool | None:
    v = (f.get("traceability") or _E).get("g_per_miner_per_day")
    return None if v is None else v <= 4


def investment_plan_horizon(f: Facts) -> bool | None:
    p = f.get("premium") or _E
    plan = p.get("investment_plan")
    if plan is False:
        return False
    h = p.get("investment_plan_horizon_years")
    lo = None if h is None else h >= 3
    hi = None if h is None else h <= 5
    approved = p.get("plan_approved_by_assembly")
    return _and(_and(_and(plan, lo), hi), approved)


def supply_model_given(f: Facts) -> bool | None:
    return (f.get("traceability") or _E).get("supply_model") is not None


def supply_model_is(model: str) -> Fn:
    def check(f: Facts) -> bool | None:
        v = (f.get("traceability") or _E).get("supply_model")
        return None if v is None else v == model

    return check


# ----------------------------------------------------------------- flags


def flag(section: str, key: str, negate: bool = False) -> Fn:
    """``section.key`` (or ``not section.key``) as its own function.

    The generated functions are equivalent to ``def fn(f): return
    (f.get(section) or {}).get(key)``: a closure here keeps fifty such
    definitions readable and costs the same call.
    """
    if negate:

        def no(f: Facts) -> bool | None:
            v = (f.get(section) or _E).get(key)
            return None if v is None else not v

        return no

    def yes(f: Facts) -> bool | None:
        return (f.get(section) or _E).get(key)  # type: ignore[no-any-return]

    return yes


def both(section: str, a: str, b: str, neg_a: bool = False, neg_b: bool = False) -> Fn:
    """``section.a and section.b``, either side optionally negated."""

    def fn(f: Facts) -> bool | None:
        s = f.get(section) or _E
        x = s.get(a)
        if x is not None and neg_a:
            x = not x
        if x is False:
            return False
        y = s.get(b)
        if y is not None and neg_b:
            y = not y
        if y is False:
            return False
        return None if x is None or y is None else True

    return fn


def mercury(key: str, negate: bool = False) -> Fn:
    def fn(f: Facts) -> bool | None:
        v = ((f.get("toxic_substances") or _E).get("mercury") or _E).get(key)
        return None if v is None else (not v if negate else v)

    return fn


def cyanide(key: str) -> Fn:
    def fn(f: Facts) -> bool | None:
        return ((f.get("toxic_substances") or _E).get("cyanide") or _E).get(key)  # type: ignore[no-any-return]

    return fn


def no_amalgam_burning(f: Facts) -> bool | None:
    m = (f.get("toxic_substances") or _E).get("mercury") or _E
    return _and(_not(m.get("amalgam_burned_in_homes")), _not(m.get("amalgam_burned_in_open")))


def no_mercury_no_cyanide(f: Facts) -> bool | None:
    t = f.get("toxic_substances") or _E
    return _and(
        _not((t.get("mercury") or _E).get("used")), _not((t.get("cyanide") or _E).get("used"))
    )


def cyanide_contained(f: Facts) -> bool | None:
    c = (f.get("toxic_substances") or _E).get("cyanide") or _E
    return _and(_not(c.get("on_mercury_tailings")), c.get("contained_facility"))


HANDWRITTEN: dict[str, Fn] = {
    "all(w in workers: age(w.birth_date, audit.date) >= 15)": all_workers_at_least_15,
    "none(w in workers where w.underground: age(w.birth_date, audit.date) < 18)": (
        none_under_18_underground
    ),
    "none(w in workers where w.hazardous_work or w.handles_chemicals: "
    "age(w.birth_date, audit.date) < 18)": none_under_18_hazardous,
    "child_labour.age_verification": flag("child_labour", "age_verification"),
    "child_labour.in_development_plan": flag("child_labour", "in_development_plan"),
    "toxic_substances.mercury.used": mercury("used"),
    "not toxic_substances.mercury.amalgam_burned_in_homes and "
    "not toxic_substances.mercury.amalgam_burned_in_open": no_amalgam_burning,
    "toxic_substances.mercury.retorts_used": mercury("retorts_used"),
    "toxic_substances.mercury.concentrate_before_amalgamation": mercury(
        "concentrate_before_amalgamation"
    ),
    "not toxic_substances.chemicals_handled_bare_handed": flag(
        "toxic_substances", "chemicals_handled_bare_handed", negate=True
    ),
    "toxic_substances.chemicals_stored_safely": flag("toxic_substances", "chemicals_stored_safely"),
    "toxic_substances.mercury.reduction_plan": mercury("reduction_plan"),
    "present(audit.ecological) and audit.ecological": ecological_requested,
    "not toxic_substances.mercury.used and not toxic_substances.cyanide.used": (
        no_mercury_no_cyanide
    ),
    "environment.tailings_managed and not environment.tailings_discharged_to_water": both(
        "environment", "tailings_managed", "tailings_discharged_to_water", neg_b=True
    ),
    "environment.restoration_plan": flag("environment", "restoration_plan"),
    "environment.water_management": flag("environment", "water_management"),
    "environment.waste_management": flag("environment", "waste_management"),
    "environment.impact_assessment": flag("environment", "impact_assessment"),
    "environment.restoration_plan and environment.restoration_in_progress": both(
        "environment", "restoration_plan", "restoration_in_progress"
    ),
    "legality.mining_title.held and legality.mining_title.valid_until >= audit.date": permit(
        "mining_title"
    ),
    "legality.environmental_permit.held and "
    "legality.environmental_permit.valid_until >= audit.date": permit("environmental_permit"),
    "organisation.registered_legal_entity": flag("organisation", "registered_legal_entity"),
    "legality.taxes_and_royalties_paid": flag("legality", "taxes_and_royalties_paid"),
    "organisation.members_are_asm_miners": flag("organisation", "members_are_asm_miners"),
    "governance.general_assembly_last_held <= audit.date and "
    "audit.date - governance.general_assembly_last_held <= 12 months and "
    "governance.assembly_minutes_kept": assembly_within_a_year,
    "governance.grievance_mechanism": flag("governance", "grievance_mechanism"),
    "governance.accounts_presented_to_members and governance.internal_rules": both(
        "governance", "accounts_presented_to_members", "internal_rules"
    ),
    "labour.freedom_of_association": flag("labour", "freedom_of_association"),
    "not labour.forced_labour_found": flag("labour", "forced_labour_found", negate=True),
    "all(w in workers: w.paid_at_least_minimum_wage)": all_paid_minimum_wage,
    "all(w in workers where not w.member: w.written_terms)": employees_have_written_terms,
    "health_and_safety.ppe_provided and all(w in workers: w.has_ppe)": ppe,
    "health_and_safety.training_programme and all(w in workers: w.hs_trained)": training,
    "health_and_safety.risk_assessment": flag("health_and_safety", "risk_assessment"),
    "health_and_safety.first_aid": flag("health_and_safety", "first_aid"),
    "health_and_safety.accident_register": flag("health_and_safety", "accident_register"),
    "any(w in workers: w.underground)": any_underground,
    "health_and_safety.ventilation_adequate": flag("health_and_safety", "ventilation_adequate"),
    "labour.non_discrimination_policy": flag("labour", "non_discrimination_policy"),
    "womens_rights.equal_pay": flag("womens_rights", "equal_pay"),
    "womens_rights.pregnant_workers_protected": flag("womens_rights", "pregnant_workers_protected"),
    "womens_rights.harassment_policy": flag("womens_rights", "harassment_policy"),
    'count(w in workers where w.gender == "female") == 0 or '
    "womens_rights.women_in_governing_bodies >= 1": women_in_governance,
    "premium.committee_exists and premium.committee_represents_all_groups": both(
        "premium", "committee_exists", "committee_represents_all_groups"
    ),
    "premium.investment_plan and premium.plan_approved_by_assembly": both(
        "premium", "investment_plan", "plan_approved_by_assembly"
    ),
    "premium.separate_accounts and premium.use_reported": both(
        "premium", "separate_accounts", "use_reported"
    ),
    "traceability.physical_segregation": flag("traceability", "physical_segregation"),
    "traceability.production_records": flag("traceability", "production_records"),
    "traceability.sales_records and traceability.origin_documented": both(
        "traceability", "sales_records", "origin_documented"
    ),
    "trade.written_contracts": flag("trade", "written_contracts"),
    "trade.buyers_certified": flag("trade", "buyers_certified"),
    "trade.mark_use_approved": flag("trade", "mark_use_approved"),
    "trade.prefinance_offered": flag("trade", "prefinance_offered"),
    "trade.prefinance_trial_consignments <= 4": trial_consignments,
    "trade.prefinance_cost_percent <= trade.buyer_bank_rate_percent + "
    "trade.credit_insurance_percent + 1": prefinance_cost,
    "child_labour.child_protection_policy and child_labour.remediation_procedure": both(
        "child_labour", "child_protection_policy", "remediation_procedure"
    ),
    "toxic_substances.cyanide.used": cyanide("used"),
    "not toxic_substances.cyanide.on_mercury_tailings and "
    "toxic_substances.cyanide.contained_facility": cyanide_contained,
    "environment.only_gravity_processing": flag("environment", "only_gravity_processing"),
    "all(i in processing.installations: i.registered)": installations_registered,
    "health_and_safety.explosives_controlled": flag("health_and_safety", "explosives_controlled"),
    "not organisation.in_excluded_area": flag("organisation", "in_excluded_area", negate=True),
    "traceability.g_per_miner_per_day <= 4": grams_per_miner,
    "governance.community_engagement": flag("governance", "community_engagement"),
    "all(w in workers: w.hours_per_week <= 48) or labour.atypical_hours_agreed": hours,
    "premium.investment_plan and premium.investment_plan_horizon_years >= 3 and "
    "premium.investment_plan_horizon_years <= 5 and premium.plan_approved_by_assembly": (
        investment_plan_horizon
    ),
    "present(traceability.supply_model)": supply_model_given,
    'traceability.supply_model == "labelled"': supply_model_is("labelled"),
    'traceability.supply_model == "incorporated"': supply_model_is("incorporated"),
}


def for_text(text: str) -> Fn:
    """The hand-written function of a rule text; KeyError names a text not written yet."""
    return HANDWRITTEN[text]


# ----------------------------------------------------------------- whole audits
#
# The baseline of ``audit_evaluate_vs_handwritten``: what a careful programmer
# would write to audit a record by hand, with the functions above: each
# requirement's status (due year, scope, rule; a manual requirement without a
# finding is not assessed), a one-sentence reason for each failed or
# unassessed requirement, and the decision. The generated records carry no
# findings or waivers, so this skips them.

#: One requirement: (id, title, type, due from year, scope, rule or None when manual,
#: whether the scope reads the workers, whether the rule does).
HandRequirement = tuple[str, str, str, int, "Fn | None", "Fn | None", bool, bool]


def audit_table(standard: Any) -> list[HandRequirement]:
    """The requirements of a loaded standard with their hand-written functions."""
    out: list[HandRequirement] = []
    for r in standard.requirements:
        scope = for_text(r.scope_text) if r.scope_text else None
        rule = for_text(r.rule_text) if r.rule_text and r.rule is not None else None
        scope_w = r.scope is not None and "workers" in r.scope.fields
        rule_w = r.rule is not None and "workers" in r.rule.fields
        out.append((r.id, r.title, r.type, r.due_from_year, scope, rule, scope_w, rule_w))
    return out


def _worker_gap(f: Facts) -> bool:
    """The worker list proves nothing for everyone: empty, or shorter than the membership."""
    ws = f.get("workers")
    if not isinstance(ws, list) or f.get("worker_sample") is not None:
        return False
    members = (f.get("organisation") or _E).get("members")
    return not ws or (members is not None and len(ws) < members)


def audit(
    table: list[HandRequirement], facts: Facts, year: int, on_core_failure: str
) -> tuple[list[str], list[str], str]:
    """(statuses, one sentence per failed or unassessed requirement, decision).

    ``on_core_failure`` is the decision when a core requirement fails or is
    not assessed (the standard's policy for the certification year). A worker
    list that is empty or shorter than the membership cannot show that a worker
    rule holds (it can show a breach).
    """
    statuses: list[str] = []
    reasons: list[str] = []
    blocked = False
    gap = _worker_gap(facts)
    for rid, title, kind, due, scope, rule, scope_w, rule_w in table:
        if due > year:
            statuses.append("not_applicable")
            continue
        if scope is not None:
            s = scope(facts)
            if s is False and not (gap and scope_w):
                statuses.append("not_applicable")
                continue
            if s is not True:
                statuses.append("not_assessed")
                reasons.append(f"{rid} ({title}) is not assessed: facts it needs are missing.")
                blocked = blocked or kind == "core"
                continue
        if rule is None:
            statuses.append("not_assessed")
            reasons.append(f"{rid} ({title}) is not assessed: the auditor recorded no finding.")
            blocked = blocked or kind == "core"
            continue
        v = rule(facts)
        if v is True and not (gap and rule_w):
            statuses.append("pass")
        elif v is False:
            statuses.append("fail")
            reasons.append(f"{rid} ({title}) fails: the record does not meet it.")
            blocked = blocked or kind == "core"
        else:
            statuses.append("not_assessed")
            reasons.append(f"{rid} ({title}) is not assessed: facts it needs are missing.")
            blocked = blocked or kind == "core"
    if not blocked:
        return statuses, reasons, "certified"
    return statuses, reasons, on_core_failure
