"""Provenance, scheme types and former ids in the standard files (issue 13)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from fairmined.audit import evaluate
from fairmined.cli import main
from fairmined.errors import FileProblems
from fairmined.records import load_record
from fairmined.report import evaluation_to_json, render_audit
from fairmined.standards import LEVELS, SHIPPED_STANDARDS, load_standard, parse_standard

ROOT = Path(__file__).resolve().parents[1]
TINY = (ROOT / "tests" / "data" / "tiny-standard.toml").read_text(encoding="utf-8")

#: Each scheme's own requirement types (standards-facts.md, second review).
SCHEME_TYPES = {
    "fairtrade-fairmined-2010": {"minimum", "progress"},
    "fairtrade-gold-2013": {"core", "major", "development", "voluntary_best_practice"},
    "fairmined-2.0": {"entry", "progress"},
}


def _raw(sid: str) -> dict[str, object]:
    return tomllib.loads((ROOT / "standards" / f"{sid}.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("sid", SHIPPED_STANDARDS)
def test_every_item_of_a_shipped_file_states_its_provenance(sid: str) -> None:
    """Every requirement, price figure, type, policy figure and supply model has a provenance."""
    raw = _raw(sid)
    missing = [
        f"requirements[{i}]"
        for i, r in enumerate(raw["requirements"])  # type: ignore[arg-type]
        if "provenance" not in r
    ]
    for i, row in enumerate(raw["pricing"]):  # type: ignore[arg-type]
        for name in ("floor", "premium", "ecological_premium"):
            if "provenance" not in row[name]:
                missing.append(f"pricing[{i}].{name}")
    cert = raw["certification"]
    assert isinstance(cert, dict)
    for name, t in cert["types"].items():
        if "provenance" not in t:
            missing.append(f"types.{name}")
    for key in ("corrective_action_periods", "development"):
        if key in cert and "provenance" not in cert[key]:
            missing.append(key)
    if "provenance" not in cert:
        missing.append("certification")
    for i, m in enumerate(raw.get("supply_models", [])):  # type: ignore[arg-type]
        if "provenance" not in m:
            missing.append(f"supply_models[{i}]")
    assert not missing, missing


@pytest.mark.parametrize("sid", SHIPPED_STANDARDS)
def test_clause_and_verified_items_have_locators(sid: str) -> None:
    """Anything at level clause, and every verified figure, says where it was confirmed."""
    std = load_standard(sid)
    for r in std.requirements:
        assert r.provenance.level in LEVELS
        if r.provenance.level == "clause":
            assert r.provenance.locator and r.provenance.document is not None, r.id
    for row in std.pricing:
        for fig in (row.floor, row.premium, row.ecological_premium):
            assert fig.provenance is not None
            if fig.verified:
                assert fig.provenance.locator and fig.provenance.level != "project"


@pytest.mark.parametrize("sid", SHIPPED_STANDARDS)
def test_no_shipped_standard_uses_a_type_its_scheme_lacks(sid: str) -> None:
    """Each standard declares exactly its scheme's types, and no requirement is 'minor'."""
    std = load_standard(sid)
    assert std.certification is not None
    assert set(std.certification.types) == SCHEME_TYPES[sid]
    assert {r.type for r in std.requirements} <= SCHEME_TYPES[sid]


def test_fairtrade_majors_block_and_are_never_waived() -> None:
    """FLOCERT majors block certification and a waiver cannot exempt them."""
    major = load_standard("fairtrade-gold-2013").certification.types["major"]  # type: ignore[union-attr]
    assert major.blocks_certification and not major.waivable


def test_prefinance_chapter_is_section_b_at_clause_level() -> None:
    """2010 pre-finance items 6.1.1 to 6.1.7 are Section B clauses with the 1library locator."""
    std = load_standard("fairtrade-fairmined-2010")
    items = [r for r in std.requirements if r.id.startswith("B-6.1.")]
    assert [r.id for r in items] == [f"B-6.1.{n}" for n in range(1, 8)]
    for r in items:
        assert r.provenance.level == "clause" and r.type == "minimum"
        assert "Section B, chapter 6" in (r.provenance.locator or "")
        assert r.provenance.document is not None
        assert "1library.net" in (r.provenance.document.address or "")
    assert std.requirement("6.1.2") is std.requirement("B-6.1.4")


def test_clause_without_locator_is_refused() -> None:
    """The loader refuses level clause without a locator."""
    text = _tiny_v2().replace(
        'provenance = { level = "clause", document = "d", locator = "1.1" }',
        'provenance = { level = "clause", document = "d" }',
    )
    with pytest.raises(FileProblems) as info:
        parse_standard(text, "t.toml")
    assert any("needs a locator" in p.message for p in info.value.problems)


def test_verified_figure_without_locator_is_refused() -> None:
    """A figure marked verified without a locator is refused."""
    text = _tiny_v2().replace(
        'provenance = { level = "practice", document = "d", locator = "p. 3" }',
        'provenance = { level = "practice", document = "d" }',
        1,
    )
    with pytest.raises(FileProblems) as info:
        parse_standard(text, "t.toml")
    assert any("verified figure needs a locator" in p.message for p in info.value.problems)


def test_requirement_without_provenance_is_refused_in_format_2() -> None:
    """A format-2 requirement without provenance does not load."""
    text = _tiny_v2().replace(
        'provenance = { level = "clause", document = "d", locator = "1.1" }\n', "", 1
    )
    with pytest.raises(FileProblems) as info:
        parse_standard(text, "t.toml")
    assert any(p.path.endswith(".provenance") for p in info.value.problems if p.path)


def test_show_json_gives_provenance(capsys: pytest.CaptureFixture[str]) -> None:
    """`standards show ID --json` gives every requirement a provenance object."""
    assert main(["standards", "show", "fairtrade-fairmined-2010", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for r in data["requirements"]:
        assert set(r["provenance"]) >= {"level", "source", "locator"}
    b1 = next(r for r in data["requirements"] if r["id"] == "B-6.1.1")
    assert b1["aliases"] == ["6.1.1"] and b1["provenance"]["level"] == "clause"


def test_old_id_in_a_finding_still_applies_with_a_notice() -> None:
    """A finding naming a former id applies to the renamed requirement and says so."""
    std = load_standard("fairtrade-fairmined-2010")
    record = json.loads(
        (ROOT / "examples" / "audits" / "fairtrade-fairmined-2010-certified.json").read_text(
            encoding="utf-8"
        )
    )
    record["findings"].append({"requirement": "6.1.2", "outcome": "fail", "evidence": "x"})
    ev = evaluate(std, load_record(record))
    result = next(r for r in ev.results if r.id == "B-6.1.4")
    assert result.status == "fail"
    assert any("6.1.2" in n and "B-6.1.4" in n for n in ev.notices)
    out = evaluation_to_json(ev)
    assert out["notices"] and out["fidelity"] == std.fidelity_counts()
    row = next(r for r in out["results"] if r["id"] == "B-6.1.4")
    assert row["aliases"] == ["6.1.2"]
    text = render_audit([ev], "text", "en")
    assert "Fidelity: requirements per provenance level" in text
    assert "B-6.1.4" in text and "6.1.2" in text


def test_audit_output_names_the_schemes_type() -> None:
    """A Fairmined report speaks of entry requirements, never of majors."""
    std = load_standard("fairmined-2.0")
    record = (ROOT / "examples" / "audits" / "fairmined-2.0-child-labour-mercury.json").read_text(
        encoding="utf-8"
    )
    text = render_audit([evaluate(std, load_record(json.loads(record)))], "text", "en")
    assert "entry requirement" in text
    assert " major " not in text and "core requirement" not in text


def _tiny_v2() -> str:
    """The tiny test standard rewritten in format 2 with explicit provenance."""
    text = TINY.replace("format_version = 1", "format_version = 2")
    text = text.replace(
        "[[pricing]]",
        '[documents.d]\ntitle = "Test document"\nversion = "1"\ndate = "2020"\n\n[[pricing]]',
        1,
    )
    text = text.replace(
        'verified = true\nsource = "test"',
        'verified = true\nsource = "test"\n'
        'provenance = { level = "practice", document = "d", locator = "p. 3" }',
    )
    text = text.replace(
        'source = "test"\nclause_verified = true',
        'provenance = { level = "clause", document = "d", locator = "1.1" }',
    )
    text = text.replace(
        'source = "test"\nclause_verified = false', 'provenance = { level = "project" }'
    )
    cert = text.index("[certification]")
    policy = """[certification]
source = "test"
provenance = { level = "project" }

[certification.types.core]
label = "core requirement"
blocks_certification = true
corrective_action = false
scored = false
waivable = false
provenance = { level = "project" }

[certification.types.major]
label = "major requirement"
blocks_certification = false
corrective_action = true
scored = false
waivable = true
provenance = { level = "project" }

[certification.types.minor]
label = "minor requirement"
blocks_certification = false
corrective_action = true
scored = false
waivable = true
provenance = { level = "project" }

[certification.types.development]
label = "development requirement"
blocks_certification = false
corrective_action = true
scored = true
waivable = true
provenance = { level = "project" }

[certification.corrective_action_periods]
major = "3 months"
minor = "6 months"
development = "12 months"
verified = false
note = "test"
provenance = { level = "project" }

[certification.development]
threshold = "3.0"
verified = false
note = "test"
provenance = { level = "project" }
"""
    return text[:cert] + policy


def test_tiny_v2_loads() -> None:
    """The format-2 fixture used above loads (so the refusals above are the edits' doing)."""
    std = parse_standard(_tiny_v2(), "t.toml")
    assert std.fidelity_counts()["clause"] == 1


def _aliased_evaluation():  # type: ignore[no-untyped-def]
    """The 2010 example with a finding and a waiver naming former ids (6.1.2, 6.1.1)."""
    std = load_standard("fairtrade-fairmined-2010")
    record = json.loads(
        (ROOT / "examples" / "audits" / "fairtrade-fairmined-2010-certified.json").read_text(
            encoding="utf-8"
        )
    )
    record["findings"].append({"requirement": "6.1.2", "outcome": "fail", "evidence": "x"})
    record["waivers"].append(
        {
            "requirement": "6.1.1",
            "justification": "trial agreed late",
            "expires": "2012-12-31",
            "granted_by": "Example Certification Body (fictitious)",
        }
    )
    return evaluate(std, load_record(record))


@pytest.mark.parametrize(
    ("fmt", "locale", "words"),
    [
        ("markdown", "en", ("finding for 6.1.2 applies to B-6.1.4", "waiver for 6.1.1")),
        ("html", "en", ("finding for 6.1.2 applies to B-6.1.4", "waiver for 6.1.1")),
        ("text", "es_CO", ("hallazgo para 6.1.2 se aplica a B-6.1.4", "exención para 6.1.1")),
        ("markdown", "fr_BF", ("pour 6.1.2 s\u2019applique à B-6.1.4", "dérogation pour 6.1.1")),
        ("html", "pt_BR", ("constatação para 6.1.2 se aplica a B-6.1.4", "isenção para 6.1.1")),
    ],
)
def test_alias_notices_in_every_report_format_and_language(
    fmt: str, locale: str, words: tuple[str, str]
) -> None:
    """A former id named by a finding or waiver is noticed in Markdown, HTML and translations."""
    from fairmined.report import render_audit

    ev = _aliased_evaluation()
    assert [(n.kind, n.former, n.current) for n in ev.alias_notices] == [
        ("finding", "6.1.2", "B-6.1.4"),
        ("waiver", "6.1.1", "B-6.1.1"),
    ]
    out = render_audit([ev], fmt, locale)
    for w in words:
        assert w in out


def test_alias_notices_and_fidelity_in_the_workbook() -> None:
    """The audit workbook's summary carries alias notices; its Fidelity sheet, the counts."""
    import io

    import openpyxl

    from fairmined.report import audit_xlsx

    ev = _aliased_evaluation()
    book = openpyxl.load_workbook(io.BytesIO(audit_xlsx([ev], "pt")))
    reasons = [c.value for c in book.worksheets[0][2]][6]
    assert "constatação para 6.1.2 se aplica a B-6.1.4" in reasons
    fidelity = book["Fidelidade"]
    rows = list(fidelity.iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in rows] == list(ev.standard.fidelity_counts().values())
    assert rows[0][:2] == ("fairtrade-fairmined-2010", "cláusula")


def test_show_json_gives_price_rows_and_policy_figures_with_provenance(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`standards show ID --json` carries every price row and policy figure with its provenance."""
    assert main(["standards", "show", "fairtrade-gold-2013", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    std = load_standard("fairtrade-gold-2013")
    assert len(data["pricing"]) == len(std.pricing)
    first = data["pricing"][0]
    assert (first["metal"], first["effective_from"], first["effective_to"]) == (
        "gold",
        "2013-04-22",
        "2013-07-31",
    )
    for row in data["pricing"]:
        for name in ("floor", "premium", "ecological_premium"):
            assert set(row[name]["provenance"]) >= {"level", "source", "locator"}
    assert data["pricing"][1]["premium"]["value"] == "2000.00"
    policy = data["policy"]
    assert policy["provenance"]["level"] == "practice"
    for key in ("corrective_action_periods", "development", "suspension", "overdue_actions"):
        assert set(policy[key]["provenance"]) >= {"level", "source", "locator"}, key
    assert policy["suspension"]["max_period"] == "6 months"
    assert policy["overdue_actions"]["provenance"]["level"] == "project"
    assert policy["corrective_action_periods"]["verified"] is False


def test_review_lists_the_suspension_and_overdue_policy(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`standards review` lists every policy figure not at clause, suspension and overdue too."""
    assert main(["standards", "review", "fairtrade-gold-2013", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    policies = {i["id"]: lvl for lvl, items in data["to_check"].items() for i in items}
    assert policies["suspension"] == "practice"
    assert policies["overdue_actions"] == "project"


@pytest.mark.parametrize(
    ("day", "later"),
    [
        ("2013-04-22", ["fairtrade-gold-2013"]),
        ("2013-08-01", ["fairtrade-gold-2013"]),
        ("2014-04-04", ["fairtrade-gold-2013"]),
        ("2014-04-05", ["fairtrade-gold-2013", "fairmined-2.0"]),
    ],
)
def test_a_joint_label_sale_after_2013_04_21_names_only_the_standards_then_priced(
    day: str, later: list[str]
) -> None:
    """The out-of-force warning names only successors whose schedule covers the sale date."""
    from datetime import date

    from fairmined.pricing import quote

    q = quote(
        "fairtrade-fairmined-2010",
        "gold",
        "1kg",
        "0.9",
        reference_price="1000",
        sale_date=date.fromisoformat(day),
    )
    notice = next(n for n in q.notices if n.code == "out_of_force")
    assert list(notice.args["later"]) == later


def test_standards_list_names_fairmined_v1_1_as_the_predecessor(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`fairmined standards` (text and JSON) names Fairmined v1.1 as fairmined-2.0's predecessor."""
    assert main(["standards", "--json"]) == 0
    rows = {s["id"]: s for s in json.loads(capsys.readouterr().out)["standards"]}
    assert "v1.1" in rows["fairmined-2.0"]["predecessor"]
    assert rows["fairtrade-gold-2013"]["predecessor"] is None
    assert main(["standards", "--locale", "es"]) == 0
    text = capsys.readouterr().out
    assert "predecesor: Fairmined Standard v1.1" in text
