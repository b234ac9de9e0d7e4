"""Generated audit records for the audit benchmark: fixed seed, every section filled.

Each record is built by walking :data:`fairmined.records.RECORD_SCHEMA`, so
every section and field of the format is present, with realistic values:
20 to 200 workers, a few of them young, a few flags the "wrong" way, and
about one optional fact in fifty missing (a missing fact makes a rule unknown,
which both baselines must reproduce). :func:`as_json` gives the JSON form, so
tests can check that the loader reads it back to the same facts.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

# The benchmark's records are format 1: the facts every shipped rule reads.
from fairmined.records import RECORD_SCHEMA_V1 as RECORD_SCHEMA
from fairmined.rules import Bool, Date, Field, ListOf, Number, Object, String

#: Flags that are usually false in a well-run organisation.
_USUALLY_FALSE = {
    "in_excluded_area",
    "forced_labour_found",
    "used",
    "amalgam_burned_in_homes",
    "amalgam_burned_in_open",
    "on_mercury_tailings",
    "chemicals_handled_bare_handed",
    "tailings_discharged_to_water",
    "domestic",
    "atypical_hours_agreed",
    "ecological",
}
#: Flags true for a share of the workers only.
_WORKER_SHARE = {
    "underground": 0.45,
    "hazardous_work": 0.3,
    "handles_chemicals": 0.2,
    "member": 0.7,
    "written_terms": 0.85,
}
_MISSING = 0.02
_POOL = 4000


class _Gen:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.audit_date = date(2024, 1, 1)
        self.pool: list[dict[str, object]] = []

    def flag(self, name: str) -> bool:
        r = self.rng.random()
        if name in _WORKER_SHARE:
            return r < _WORKER_SHARE[name]
        if name in _USUALLY_FALSE:
            return r < 0.1
        return r < 0.97

    def date_for(self, name: str) -> date:
        rng, d = self.rng, self.audit_date
        if name == "birth_date":
            # Mostly adults; about one worker in 150 is 13 to 17 on the audit day.
            years = rng.randrange(13, 18) if rng.random() < 0.007 else rng.randrange(18, 65)
            return d - timedelta(days=365 * years + rng.randrange(0, 365))
        if name == "general_assembly_last_held":
            return d - timedelta(days=rng.randrange(20, 420))
        if name == "valid_until":
            return d + timedelta(days=rng.randrange(-60, 900))
        return d - timedelta(days=rng.randrange(0, 2000))

    def number(self, name: str, t: Number) -> Decimal:
        rng = self.rng
        if name == "hours_per_week":
            return Decimal(rng.choice((36, 40, 44, 45, 48, 48, 50)))
        if name == "certification_year":
            return Decimal(rng.randrange(0, 7))
        if name == "investment_plan_horizon_years":
            return Decimal(rng.choice((1, 3, 4, 5, 6)))
        if name == "prefinance_trial_consignments":
            return Decimal(rng.randrange(0, 7))
        if name == "g_per_miner_per_day":
            return Decimal(rng.randrange(5, 60)).scaleb(-1)
        if name.endswith("_percent"):
            return Decimal(rng.randrange(10, 150)).scaleb(-1)
        if name == "women_in_governing_bodies":
            return Decimal(rng.randrange(0, 4))
        hi = int(t.maximum) if t.maximum is not None else 500
        return Decimal(rng.randrange(int(t.minimum or 0), hi + 1))

    def text(self, name: str, t: String, path: str) -> str:
        if t.enum is not None:
            if name == "format":
                return t.enum[0]
            if name == "gender":
                return self.rng.choice(("female", "male", "male", "other"))
            return self.rng.choice(t.enum)
        if name == "country":
            return self.rng.choice(("PE", "CO", "BO", "BF", "MN"))
        return f"{path}-{self.rng.randrange(10_000)}"

    def value(self, f: Field, path: str) -> object:
        t = f.type
        if isinstance(t, Bool):
            return self.flag(f.name)
        if isinstance(t, Date):
            return self.date_for(f.name)
        if isinstance(t, Number):
            return self.number(f.name, t)
        if isinstance(t, String):
            return self.text(f.name, t, path)
        if isinstance(t, ListOf):
            assert isinstance(t.item, Object)
            if f.name == "workers":
                # Drawn from a pool of generated workers, so that generating ten
                # thousand records takes seconds; rules never mutate facts.
                return self.rng.sample(self.workers(t.item), self.rng.randrange(20, 201))
            if f.name == "installations":
                n = self.rng.randrange(1, 6)
            else:
                return []  # findings and waivers: not read by rules
            return [self.obj(t.item, f"{path}[{i}]") for i in range(n)]
        assert isinstance(t, Object)
        return self.obj(t, path)

    def workers(self, t: Object) -> list[dict[str, object]]:
        if not self.pool:
            self.pool = [self.obj(t, f"$.workers[{i}]") for i in range(_POOL)]
        return self.pool

    def obj(self, t: Object, path: str) -> dict[str, object]:
        out: dict[str, object] = {}
        if t.name == "audit":
            # The audit date first: other dates are drawn around it.
            self.audit_date = date(2023, 1, 1) + timedelta(days=self.rng.randrange(0, 730))
        for f in t.fields:
            if not f.required and self.rng.random() < _MISSING:
                continue
            if f.name == "date" and t.name == "audit":
                out["date"] = self.audit_date
                continue
            out[f.name] = self.value(f, f"{path}.{f.name}")
        return out


def generate(n: int, seed: int = 20241128) -> list[dict[str, object]]:
    """``n`` audit records as facts trees (Decimal numbers, date dates)."""
    g = _Gen(random.Random(seed))
    out = []
    for _ in range(n):
        rec = g.obj(RECORD_SCHEMA, "$")
        rec["findings"] = []
        rec["waivers"] = []
        out.append(_consistent(rec))
    return out


#: Facts that only make sense when the chemical is used: a record saying it is
#: not used, yet burned in the open, is refused as contradictory.
_ONLY_WHEN_USED = {
    "mercury": ("retorts_used", "amalgam_burned_in_homes", "amalgam_burned_in_open", "kg_per_year"),
    "cyanide": ("on_mercury_tailings",),
}


def _consistent(rec: dict[str, object]) -> dict[str, object]:
    """Drop the facts a generated record would contradict itself with."""
    toxic = rec.get("toxic_substances")
    if not isinstance(toxic, dict):
        return rec
    used = False
    for chemical, keys in _ONLY_WHEN_USED.items():
        section = toxic.get(chemical)
        if not isinstance(section, dict):
            continue
        used = used or section.get("used") is not False
        if section.get("used") is False:
            for key in keys:
                section.pop(key, None)
    env = rec.get("environment")
    if used and isinstance(env, dict) and env.get("only_gravity_processing") is True:
        env["only_gravity_processing"] = False
    return rec


def as_json(value: object) -> object:
    """A facts tree as the JSON a cooperative would send (dates as ISO text)."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def record_with_workers(n_workers: int, seed: int = 20241128) -> dict[str, object]:
    """One record with exactly ``n_workers`` workers, each with its own id.

    The other sections are drawn as in :func:`generate`; the workers are
    drawn fresh (not from the shared pool), so the ids stay unique at any
    size, and about one in 150 is under 18 on the audit day, as in
    :func:`generate`. The certification year is 2, so every standard decides.
    """
    g = _Gen(random.Random(seed))
    rec = g.obj(RECORD_SCHEMA, "$")
    workers = RECORD_SCHEMA.field("workers")
    assert workers is not None and isinstance(workers.type, ListOf)
    item = workers.type.item
    assert isinstance(item, Object)
    rec["workers"] = [g.obj(item, f"W-{i:06d}") for i in range(n_workers)]
    for i, w in enumerate(rec["workers"]):  # type: ignore[arg-type]
        w["id"] = f"W-{i:06d}"
    audit = rec["audit"]
    assert isinstance(audit, dict)
    audit["certification_year"] = Decimal(2)
    org = rec["organisation"]
    assert isinstance(org, dict)
    org["members"] = Decimal(n_workers)  # the list is everyone: worker rules decide
    rec["findings"] = []
    rec["waivers"] = []
    return _consistent(rec)
