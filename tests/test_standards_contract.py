"""Contract over every shipped standard's requirement catalog and policy."""

from __future__ import annotations

from collections import Counter

import pytest

from fairmined.standards import (
    CATEGORIES,
    MISSION_AREAS,
    SHIPPED_STANDARDS,
    Standard,
    clear_cache,
    load_standard,
)


@pytest.fixture(params=SHIPPED_STANDARDS)
def std(request: pytest.FixtureRequest) -> Standard:
    clear_cache()
    return load_standard(request.param)


def test_loads_with_requirements_and_policy(std: Standard) -> None:
    """Each shipped standard loads (rules parsed and type-checked) with a policy."""
    assert std.requirements
    assert std.certification is not None


def test_ids_unique(std: Standard) -> None:
    """Requirement ids are unique within a standard."""
    ids = [r.id for r in std.requirements]
    assert len(ids) == len(set(ids))


def test_every_requirement_is_complete(std: Standard) -> None:
    """Every requirement has a category, type, title, description, source and decider."""
    for r in std.requirements:
        assert r.category in CATEGORIES
        assert std.certification is not None and r.type in std.certification.types
        assert r.title and r.description and r.source
        assert isinstance(r.clause_verified, bool)
        assert (r.rule is not None) != r.manual


def test_each_mission_area_has_three(std: Standard) -> None:
    """Each of the eight mission areas has at least three requirements."""
    counts = Counter(r.category for r in std.requirements)
    for area in MISSION_AREAS:
        assert counts[area] >= 3, area


def test_premium_traceability_trade_covered(std: Standard) -> None:
    """Premium, traceability and trade are covered too."""
    counts = Counter(r.category for r in std.requirements)
    for cat in ("premium", "traceability", "trade"):
        assert counts[cat] >= 1, cat


@pytest.mark.parametrize(
    "fragment",
    [
        "age(w.birth_date, audit.date) >= 15",
        "w.underground: age(w.birth_date, audit.date) < 18",
        "w.hazardous_work",
        "amalgam_burned_in_homes",
        "amalgam_burned_in_open",
        "retorts_used",
        "concentrate_before_amalgamation",
        "chemicals_handled_bare_handed",
        "not toxic_substances.mercury.used and not toxic_substances.cyanide.used",
        "ppe_provided",
        "hs_trained",
        "physical_segregation",
        "freedom_of_association",
        "non_discrimination_policy",
        "general_assembly_last_held <= 12 months",
        "mining_title.valid_until >= audit.date",
        "environmental_permit.valid_until >= audit.date",
        "grievance_mechanism",
        "committee_represents_all_groups",
        "restoration",
    ],
)
def test_known_rules_encoded_everywhere(fragment: str) -> None:
    """Every rule known for all three standards appears in each catalog."""
    for sid in SHIPPED_STANDARDS:
        texts = " | ".join(f"{r.rule_text} {r.scope_text}" for r in load_standard(sid).requirements)
        assert fragment in texts, (sid, fragment)


@pytest.mark.parametrize(
    ("sid", "fragment"),
    [
        ("fairmined-2.0", "g_per_miner_per_day <= 4"),
        ("fairmined-2.0", "investment_plan_horizon_years >= 3"),
        ("fairmined-2.0", "atypical_hours_agreed"),
        ("fairmined-2.0", "supply_model"),
        ("fairtrade-gold-2013", "child_protection_policy"),
        ("fairtrade-gold-2013", "i.registered"),
        ("fairtrade-gold-2013", "only_gravity_processing"),
        ("fairtrade-fairmined-2010", "prefinance_trial_consignments <= 4"),
        ("fairtrade-fairmined-2010", "credit_insurance_percent + 1"),
        ("fairtrade-fairmined-2010", "child_labour.in_development_plan"),
    ],
)
def test_standard_specific_rules_encoded(sid: str, fragment: str) -> None:
    """Rules known for one standard appear in that standard's catalog."""
    texts = " | ".join(str(r.rule_text) for r in load_standard(sid).requirements)
    assert fragment in texts


def test_unverified_policy_figures_say_so(std: Standard) -> None:
    """Corrective-action periods and the development threshold carry their caveat."""
    policy = std.certification
    assert policy is not None
    assert not policy.periods_verified and policy.periods_note
    if any(t.scored for t in policy.types.values()):
        assert not policy.development_verified and "inference" in (policy.development_note or "")
