"""The audit-record format as schema types of the rule language.

One record describes one audit of one artisanal and small-scale mining
organisation (ASMO). The same format serves every standard: a standard's rules
read the facts they need and treat an absent fact as unknown. The JSON Schema
in ``docs/audit-record.schema.json`` is generated from :data:`RECORD_SCHEMA`.
"""

from __future__ import annotations

from decimal import Decimal

from fairmined.rules import Bool, Date, Field, ListOf, Number, Object, String

__all__ = [
    "AUDIT_TYPES",
    "AUDIT_TYPES_V2",
    "FORMAT",
    "FORMATS",
    "FORMAT_V1",
    "FORMAT_V2",
    "PERMIT_KINDS",
    "RECORD_SCHEMA",
    "RECORD_SCHEMA_V1",
    "SCHEMAS",
]

#: The record formats this library reads; the newest is the one to write.
FORMAT_V1 = "fairmined-audit/1"
FORMAT_V2 = "fairmined-audit/2"
FORMATS = (FORMAT_V1, FORMAT_V2)
#: The value of the ``format`` key of the records this library writes.
FORMAT = FORMAT_V2

AUDIT_TYPES = ("initial", "surveillance", "renewal", "unannounced", "follow_up", "self_assessment")
#: Format 2 adds FLOCERT's other audit types.
AUDIT_TYPES_V2 = (*AUDIT_TYPES, "focused", "desktop", "scope_extension", "additional_entity")
PERMIT_KINDS = (
    "mining_title",
    "environmental",
    "water",
    "explosives",
    "mercury_purchase",
    "cyanide_purchase",
    "processing_plant",
    "other",
)

_YES_NO = Bool


def _flag(name: str, doc: str) -> Field:
    return Field(name, _YES_NO(), doc=doc)


def _date(name: str, doc: str) -> Field:
    return Field(name, Date(), doc=doc)


def _count(name: str, doc: str) -> Field:
    return Field(name, Number(minimum=Decimal(0), integer=True), doc=doc)


def _amount(name: str, doc: str) -> Field:
    return Field(name, Number(minimum=Decimal(0)), doc=doc)


def _text(name: str, doc: str, *, required: bool = False, max_length: int = 10_000) -> Field:
    return Field(name, String(max_length=max_length), required=required, doc=doc)


def _obj(name: str, doc: str, *fields: Field, required: bool = False) -> Field:
    return Field(name, Object(name, tuple(fields)), required=required, doc=doc)


_PERMIT = (
    _flag("held", "The organisation holds this document."),
    _date("valid_until", "Last day the document is valid."),
)

WORKER = Object(
    "worker",
    (
        _text(
            "id", "The organisation's own identifier for the worker.", required=True, max_length=200
        ),
        _date("birth_date", "Date of birth, from an identity document."),
        Field("gender", String(enum=("female", "male", "other")), doc="Gender as recorded."),
        _text("role", "Main task, e.g. miner, processor, carrier, administration.", max_length=200),
        _flag("member", "The worker is a member of the organisation (not only employed)."),
        _flag("underground", "The worker works underground."),
        _flag(
            "hazardous_work",
            "The worker does hazardous work (blasting, processing with "
            "chemicals, heavy loads, night work).",
        ),
        _flag("handles_chemicals", "The worker handles mercury, cyanide or other chemicals."),
        _flag("has_ppe", "The worker has the protective equipment the task needs."),
        _flag("hs_trained", "The worker received health and safety training."),
        _amount("hours_per_week", "Usual working hours per week."),
        _flag("paid_at_least_minimum_wage", "Pay is at least the legal or sector minimum."),
        _flag("written_terms", "The worker has written terms of employment (for employees)."),
    ),
    doc="One person working for the organisation.",
)

FINDING = Object(
    "finding",
    (
        _text(
            "requirement",
            "Id of the requirement this finding is about.",
            required=True,
            max_length=200,
        ),
        Field(
            "outcome", String(enum=("pass", "fail")), required=True, doc="The auditor's judgement."
        ),
        _text(
            "standard",
            "Only for this standard id (for records evaluated against several standards).",
            max_length=200,
        ),
        _text("evidence", "What the auditor saw, read or heard (documents, interviews, visits)."),
        Field(
            "score",
            Number(minimum=Decimal(1), maximum=Decimal(5), integer=True),
            doc="Score 1 to 5, for development requirements.",
        ),
    ),
    doc="An auditor's judgement on one requirement.",
)

WAIVER = Object(
    "waiver",
    (
        _text("requirement", "Id of the requirement waived.", required=True, max_length=200),
        _text("justification", "Why the requirement is waived.", required=True),
        Field("expires", Date(), required=True, doc="Last day the waiver is valid."),
        _text("granted_by", "Who granted the waiver."),
        _text(
            "standard",
            "Only for this standard id (for records evaluated against several standards).",
            max_length=200,
        ),
    ),
    doc="A documented exemption from one requirement, valid until a date.",
)

INSTALLATION = Object(
    "installation",
    (
        _text("id", "Identifier of the installation.", required=True, max_length=200),
        Field(
            "kind",
            String(enum=("mill", "amalgamation", "smelting", "leaching", "gravity", "other")),
            doc="What the installation does.",
        ),
        _flag("registered", "The installation is registered with the organisation."),
        _flag("domestic", "The installation is in or next to a home."),
    ),
    doc="A processing installation used for the organisation's ore.",
)

RECORD_SCHEMA_V1 = Object(
    "audit_record",
    (
        Field(
            "format",
            String(enum=(FORMAT_V1,)),
            required=True,
            doc=f"Format and version of the record: always {FORMAT_V1!r}.",
        ),
        _text("standard", "Id of the standard the record is meant for (optional).", max_length=200),
        _obj(
            "organisation",
            "The mining organisation audited.",
            _text("name", "Name of the organisation.", required=True),
            _text("id", "Certification or registry id.", max_length=200),
            _text("country", "ISO 3166 country code.", max_length=2),
            _text(
                "legal_form", "Legal form, e.g. cooperative, association, company.", max_length=200
            ),
            _count("members", "Number of members."),
            _flag("registered_legal_entity", "The organisation is a registered legal entity."),
            _flag("members_are_asm_miners", "The members are artisanal or small-scale miners."),
            _flag(
                "in_excluded_area",
                "Mining takes place in an area the standard excludes "
                "(protected areas, conflict zones, indigenous land without consent).",
            ),
            required=True,
        ),
        _obj(
            "audit",
            "The audit itself.",
            Field("date", Date(), required=True, doc="Day of the audit (the decision date)."),
            Field("type", String(enum=AUDIT_TYPES), doc="Kind of audit."),
            Field(
                "certification_year",
                Number(minimum=Decimal(0), maximum=Decimal(100), integer=True),
                doc="Year of certification: 0 before or at the initial audit, then 1, 2, ...",
            ),
            _text("auditor", "Name of the auditor or certification body.", max_length=500),
            _flag(
                "ecological",
                "Certification as ecological gold (no mercury, no cyanide) is requested.",
            ),
            required=True,
        ),
        Field(
            "workers",
            ListOf(WORKER, max_items=100_000),
            doc="Everyone working for the organisation, members and employees.",
        ),
        _obj(
            "legality",
            "Permits and titles.",
            _obj("mining_title", "Title or concession for the mining area.", *_PERMIT),
            _obj("environmental_permit", "Environmental licence or permit.", *_PERMIT),
            _flag("taxes_and_royalties_paid", "Taxes and royalties due are paid."),
        ),
        _obj(
            "governance",
            "Democracy, participation and transparency.",
            _date("general_assembly_last_held", "Date of the last general assembly."),
            _flag("assembly_minutes_kept", "Minutes of general assemblies are kept."),
            _flag("accounts_presented_to_members", "Annual accounts are presented to members."),
            _flag("grievance_mechanism", "A grievance mechanism exists and is known."),
            _flag("internal_rules", "Written statutes or internal rules exist."),
            _flag("development_plan", "A development plan exists."),
            _flag(
                "community_engagement",
                "The organisation talks with the neighbouring community about the mine's impact.",
            ),
        ),
        _obj(
            "labour",
            "Employment conditions.",
            _flag(
                "freedom_of_association",
                "Workers may join or form a union or workers' organisation without reprisal.",
            ),
            _flag("collective_bargaining_respected", "Collective bargaining is not obstructed."),
            _flag("forced_labour_found", "Signs of forced or bonded labour were found."),
            _flag("non_discrimination_policy", "A written non-discrimination policy exists."),
            _flag(
                "atypical_hours_agreed",
                "Atypical working hours, where used, are agreed between employer and workers.",
            ),
            _flag(
                "social_security",
                "Workers are enrolled in social security where the law requires it.",
            ),
        ),
        _obj(
            "child_labour",
            "Children and young people.",
            _flag("child_protection_policy", "A child protection policy exists."),
            _flag(
                "in_development_plan", "Eliminating child labour is part of the development plan."
            ),
            _flag("age_verification", "Ages are checked against documents when people start work."),
            _flag("remediation_procedure", "A procedure exists for children found working."),
        ),
        _obj(
            "womens_rights",
            "Gender and non-discrimination.",
            _flag("gender_policy", "A gender policy or gender plan exists."),
            _flag("harassment_policy", "A policy against sexual harassment exists."),
            _flag("equal_pay", "Women and men are paid the same for the same work."),
            _count(
                "women_in_governing_bodies", "Women on the board, committees or premium committee."
            ),
            _flag(
                "pregnant_workers_protected",
                "Pregnant and nursing women are kept away from chemicals and heavy work.",
            ),
        ),
        _obj(
            "health_and_safety",
            "Occupational health and safety.",
            _flag("ppe_provided", "The organisation provides protective equipment free of charge."),
            _flag("training_programme", "A health and safety training programme exists."),
            _flag("risk_assessment", "Workplace risks have been assessed."),
            _flag("first_aid", "First aid equipment and trained people are on site."),
            _flag("accident_register", "Accidents are recorded and investigated."),
            _flag("explosives_controlled", "Explosives are stored and used under control."),
            _flag("ventilation_adequate", "Underground workings are adequately ventilated."),
        ),
        _obj(
            "toxic_substances",
            "Mercury, cyanide and other chemicals.",
            _obj(
                "mercury",
                "Mercury use.",
                _flag("used", "Mercury is used in processing."),
                _flag("retorts_used", "Amalgam is burned in retorts that capture the mercury."),
                _flag("amalgam_burned_in_homes", "Amalgam is burned in or near homes."),
                _flag("amalgam_burned_in_open", "Amalgam is burned in the open air."),
                _flag(
                    "concentrate_before_amalgamation",
                    "Ore is concentrated before amalgamation (no whole-ore amalgamation).",
                ),
                _flag("reduction_plan", "A plan to reduce mercury use exists."),
                _amount("kg_per_year", "Mercury bought per year, in kg."),
            ),
            _obj(
                "cyanide",
                "Cyanide use.",
                _flag("used", "Cyanide is used in processing."),
                _flag("on_mercury_tailings", "Cyanide is used on tailings that contain mercury."),
                _flag("contained_facility", "Cyanide leaching is in a lined, contained facility."),
            ),
            _flag(
                "chemicals_handled_bare_handed",
                "Someone was seen handling chemicals with bare hands.",
            ),
            _flag("chemicals_stored_safely", "Chemicals are stored locked and labelled."),
        ),
        _obj(
            "environment",
            "Ecosystem protection.",
            _flag("tailings_managed", "Tailings are kept in managed deposits."),
            _flag("tailings_discharged_to_water", "Tailings are discharged into water bodies."),
            _flag("water_management", "Water use and discharge are managed."),
            _flag("waste_management", "Solid and hazardous waste is managed."),
            _flag("restoration_plan", "A plan to restore the mine site exists."),
            _flag("restoration_in_progress", "Restoration of worked-out areas is under way."),
            _flag("impact_assessment", "Environmental impacts have been assessed."),
            _flag(
                "only_gravity_processing",
                "Processing uses only gravity or other non-toxic methods.",
            ),
        ),
        _obj(
            "premium",
            "Use of the Fairtrade or Fairmined premium.",
            _flag("committee_exists", "A premium committee exists."),
            _flag(
                "committee_represents_all_groups",
                "The committee represents all groups (miners, processors, women, workers).",
            ),
            _flag("investment_plan", "A written premium investment plan exists."),
            Field(
                "investment_plan_horizon_years",
                Number(minimum=Decimal(0), maximum=Decimal(50)),
                doc="Years covered by the plan's goals.",
            ),
            _flag("plan_approved_by_assembly", "The general assembly approved the plan."),
            _flag("use_reported", "Premium spending is reported to members."),
            _flag("separate_accounts", "Premium money is kept in separate accounts."),
        ),
        _obj(
            "processing",
            "Processing installations.",
            Field(
                "installations",
                ListOf(INSTALLATION, max_items=10_000),
                doc="Every installation processing the organisation's ore.",
            ),
        ),
        _obj(
            "traceability",
            "Production and traceability.",
            _flag(
                "physical_segregation",
                "Certified metal is kept physically apart from uncertified metal.",
            ),
            _flag("production_records", "Production is recorded per day or batch."),
            _flag("sales_records", "Sales are recorded with buyer, mass and fineness."),
            Field(
                "supply_model",
                String(enum=("labelled", "incorporated")),
                doc="Fairmined supply model: labelled (full physical traceability) or "
                "incorporated (mass balance).",
            ),
            _amount("g_per_miner_per_day", "Gold produced per miner per day, in grams."),
            _flag("origin_documented", "The mine of origin of every lot is documented."),
        ),
        _obj(
            "trade",
            "Contracts, buyers and pre-finance.",
            _flag("written_contracts", "Sales follow written contracts."),
            _flag("buyers_certified", "Buyers are registered or certified traders."),
            _flag("mark_use_approved", "Any use of the label or mark was approved."),
            _flag("prefinance_offered", "The buyer offered pre-finance."),
            _count(
                "prefinance_trial_consignments", "Consignments in the pre-finance trial period."
            ),
            _amount("prefinance_cost_percent", "Yearly cost of pre-finance, in percent."),
            _amount(
                "buyer_bank_rate_percent",
                "Buyer's home-country bank lending rate, in percent a year.",
            ),
            _amount("credit_insurance_percent", "Cost of credit insurance, in percent a year."),
        ),
        Field(
            "findings",
            ListOf(FINDING, max_items=10_000),
            doc="The auditor's judgement, per requirement.",
        ),
        Field(
            "waivers",
            ListOf(WAIVER, max_items=10_000),
            doc="Exemptions from requirements, with expiry dates.",
        ),
    ),
    doc="One audit of one artisanal and small-scale mining organisation.",
)


# --------------------------------------------------------------------------- format 2


def _with(obj: Object, *fields: Field, replace: tuple[Field, ...] = ()) -> Object:
    """``obj`` with ``replace`` swapped in by name and ``fields`` appended."""
    swap = {f.name: f for f in replace}
    kept = tuple(swap.get(f.name, f) for f in obj.fields)
    return Object(obj.name, kept + fields, obj.doc)


def _list(name: str, item: Object, doc: str, max_items: int = 10_000) -> Field:
    return Field(name, ListOf(item, max_items=max_items), doc=doc)


REFERENCE = Object(
    "reference",
    (
        Field(
            "kind",
            String(enum=("document", "photo", "interview", "record", "other")),
            doc="What the evidence is.",
        ),
        _text("file", "File name of the evidence as kept by the certifier.", max_length=500),
        _text("sha256", "SHA-256 of the file's bytes, 64 hexadecimal digits.", max_length=64),
        _text(
            "document_id", "Id of the document or photo in the certifier's system.", max_length=200
        ),
        _text("description", "What the evidence shows.", max_length=2000),
    ),
    doc="A piece of evidence: a file with its digest, or a document or photo id.",
)

FINDING_V2 = _with(
    FINDING,
    _date("date", "Day the auditor made the finding."),
    _list("references", REFERENCE, "Evidence the finding rests on.", max_items=1000),
    _date(
        "deadline",
        "The certifier's own deadline for the corrective action, where it differs from the "
        "standard's default period.",
    ),
)

WORKER_V2 = _with(
    WORKER,
    _date("hire_date", "Day the worker started with the organisation."),
    Field(
        "schooling",
        String(enum=("attends_school", "completed_compulsory_schooling", "not_in_school")),
        doc="For workers under 18: whether they attend school.",
    ),
)

PERMIT = Object(
    "permit",
    (
        _text("id", "The record's own identifier for this title or permit.", max_length=200),
        Field("kind", String(enum=PERMIT_KINDS), required=True, doc="What the document permits."),
        _text("number", "Number of the title or permit.", max_length=200),
        _text("issuer", "Authority that issued it.", max_length=500),
        _date("issued", "Day it was issued."),
        _date("valid_from", "First day it is valid."),
        _date("valid_until", "Last day it is valid."),
        _text("covers", "The area or concession it covers.", max_length=1000),
    ),
    doc="A mining title or a permit of one kind.",
)

PREVIOUS_ACTION = Object(
    "previous_corrective_action",
    (
        _text(
            "requirement",
            "Id of the requirement the action is about.",
            required=True,
            max_length=200,
        ),
        _text("standard", "Only for this standard id.", max_length=200),
        Field("deadline", Date(), required=True, doc="Deadline set at the previous audit."),
        Field(
            "state",
            String(enum=("closed", "open")),
            required=True,
            doc="The action's state at this audit.",
        ),
        _date("closed_on", "Day the action was closed (state closed)."),
        _text("evidence", "How the closing was verified."),
        _list("references", REFERENCE, "Evidence of the closing.", max_items=1000),
    ),
    doc="A corrective action set at the previous audit, and its state now.",
)

PREMIUM_YEAR = Object(
    "premium_year",
    (
        Field(
            "year",
            Number(minimum=Decimal(1990), maximum=Decimal(2200), integer=True),
            required=True,
            doc="Calendar year.",
        ),
        _text("currency", "ISO 4217 code of the amounts.", required=True, max_length=3),
        _amount("received", "Premium received in the year."),
        _amount("spent", "Premium spent in the year."),
    ),
    doc="Premium received and spent in one year, as amounts.",
)


def _v2_audit(audit: Object) -> Object:
    team = Object(
        "team",
        (
            _text("lead_auditor", "Name of the lead auditor.", max_length=500),
            _list(
                "members",
                Object(
                    "team_member",
                    (
                        _text("name", "Name.", required=True, max_length=500),
                        _text("role", "Role in the audit team.", max_length=200),
                    ),
                ),
                "The other members of the audit team.",
                max_items=100,
            ),
        ),
    )
    return _with(
        audit,
        _date("end_date", "Last day of the audit, when it took more than one day."),
        Field("team", team, doc="The audit team."),
        replace=(Field("type", String(enum=AUDIT_TYPES_V2), doc="Kind of audit."),),
    )


def _v2_premium(premium: Object) -> Object:
    return _with(premium, _list("years", PREMIUM_YEAR, "Premium per year.", max_items=200))


def _v2() -> Object:
    v1 = {f.name: f for f in RECORD_SCHEMA_V1.fields}
    audit, premium = v1["audit"].type, v1["premium"].type
    assert isinstance(audit, Object) and isinstance(premium, Object)
    replace = (
        Field(
            "format",
            String(enum=(FORMAT_V2,)),
            required=True,
            doc=f"Format and version of the record: {FORMAT_V2!r}.",
        ),
        Field("audit", _v2_audit(audit), required=True, doc=v1["audit"].doc),
        Field("workers", ListOf(WORKER_V2, max_items=100_000), doc=v1["workers"].doc),
        Field("premium", _v2_premium(premium), doc=v1["premium"].doc),
        Field("findings", ListOf(FINDING_V2, max_items=10_000), doc=v1["findings"].doc),
    )
    return _with(
        RECORD_SCHEMA_V1,
        _obj(
            "certificate",
            "The organisation's certificate, when it holds one.",
            _text("number", "Certificate number.", max_length=200),
            _date("valid_until", "Last day the certificate is valid."),
        ),
        _list("permits", PERMIT, "Every mining title and permit, each of one kind.", 1000),
        _obj(
            "worker_sample",
            "Present when workers lists an interview sample, not everyone.",
            Field(
                "size",
                Number(minimum=Decimal(1), integer=True),
                required=True,
                doc="Workers interviewed (the length of workers).",
            ),
            Field(
                "population",
                Number(minimum=Decimal(1), integer=True),
                required=True,
                doc="Workers the sample was drawn from.",
            ),
            _text("method", "How the sample was drawn."),
        ),
        _obj(
            "production",
            "Production over a period, from which grams per miner per day are derived.",
            _date("period_from", "First day of the period."),
            _date("period_to", "Last day of the period."),
            _amount("gold_kg", "Gold produced in the period, in kg."),
            _count("miners", "Miners working in the period."),
            _count("days_worked", "Days worked in the period."),
        ),
        _list(
            "previous_corrective_actions",
            PREVIOUS_ACTION,
            "The previous audit's corrective actions and their state at this audit.",
        ),
        replace=replace,
    )


#: The newest format: the schema the standards' rules are checked against.
RECORD_SCHEMA = _v2()
#: The schema each format is checked against.
SCHEMAS = {FORMAT_V1: RECORD_SCHEMA_V1, FORMAT_V2: RECORD_SCHEMA}
