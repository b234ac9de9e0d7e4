"""Supply models in lot verification: the Market Annex duties a lots file can show (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from fairmined.cli import main
from fairmined.errors import FileProblems, InputError, StandardFileError
from fairmined.lots import (
    CHECKS,
    LOT_COLUMNS,
    SUPPLY_MODEL_CHECKS,
    LotSummary,
    verify_lots,
)
from fairmined.standards import SUPPLY_DUTIES, load_standard, parse_standard
from lots_reference import reference_results
from strategies import (
    LOTS_CERTIFICATES,
    LOTS_PRODUCTION,
    LOTS_ROW,
    supply_certificates,
    supply_lot_tables,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "lots"
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
#: C-1 (fairmined-2.0) covers the Labelled model only; C-2 (fairtrade-gold-2013) none.
CERTS = [
    {**LOTS_CERTIFICATES[0], "supply_models": "labelled"},
    {**LOTS_CERTIFICATES[1], "supply_models": ""},
]
COLUMNS = (*LOT_COLUMNS, "supply_model")


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    """Rows as plain CSV lines (no quotes), with a supply_model column."""
    lines = [",".join(COLUMNS)] + [",".join(r.get(c, "") for c in COLUMNS) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def checks(rows: list[dict[str, str]], tmp_path: Path, **kw: object) -> list[tuple[str, ...]]:
    """The checks each lot fails, by the SQL engine (CSV) and by the Python path (mappings)."""
    kw = {"certificates": CERTS, "production": LOTS_PRODUCTION, **kw}
    by_sql = [r.checks for r in verify_lots(write_csv(tmp_path / "lots.csv", rows), **kw)]
    by_python = [r.checks for r in verify_lots(rows, **kw)]
    assert by_sql == by_python
    return by_sql


def test_fairmined_2_0_has_the_market_annex_supply_models() -> None:
    """fairmined-2.0 lists Labelled and Incorporated, each with duties and provenance."""
    std = load_standard("fairmined-2.0")
    assert [m.id for m in std.supply_models] == ["labelled", "incorporated"]
    labelled = std.supply_model("labelled")
    assert labelled is not None
    assert labelled.duties == ("certificate_scope", "declared_production")
    assert "MA-1" in labelled.requirements
    assert labelled.provenance.level == "section"
    assert "Market Annex" in (labelled.provenance.locator or "")
    assert load_standard("fairtrade-gold-2013").supply_models == ()
    assert load_standard("fairtrade-fairmined-2010").supply_models == ()


def test_lot_naming_a_supply_model_its_standard_lacks_fails(tmp_path: Path) -> None:
    """An unknown model, or any model under a standard with none, is supply_model_unknown."""
    rows = [
        {**LOTS_ROW, "lot_id": "A", "supply_model": "segregated"},
        {**LOTS_ROW, "lot_id": "B", "certificate_id": "C-2", "supply_model": "labelled"},
        {**LOTS_ROW, "lot_id": "C", "supply_model": "labelled"},
    ]
    found = checks(rows, tmp_path)
    assert found[0] == ("supply_model_unknown",)
    assert found[1] == ("supply_model_unknown",)
    assert found[2] == ()
    message = next(iter(verify_lots(rows[:1], certificates=CERTS))).findings[0].message
    assert "segregated" in message and "labelled, incorporated" in message


def test_certificate_must_cover_the_supply_model(tmp_path: Path) -> None:
    """A model the certificate does not cover fails; without the column, no check."""
    rows = [{**LOTS_ROW, "supply_model": "incorporated"}]
    assert checks(rows, tmp_path) == [("supply_model_not_in_scope",)]
    assert checks(rows, tmp_path, certificates=LOTS_CERTIFICATES) == [()]
    both = [{**CERTS[0], "supply_models": "labelled;incorporated"}, CERTS[1]]
    assert checks(rows, tmp_path, certificates=both) == [()]


def test_labelled_lot_must_come_from_declared_production(tmp_path: Path) -> None:
    """A Labelled lot outside every declared period fails; an Incorporated one does not."""
    late = {**LOTS_ROW, "sale_date": "2024-08-01"}
    rows = [{**late, "lot_id": "A", "supply_model": "labelled"}, {**late, "lot_id": "B"}]
    assert checks(rows, tmp_path) == [("supply_model_untraced",), ()]
    both = [{**CERTS[0], "supply_models": "labelled;incorporated"}, CERTS[1]]
    rows[1]["supply_model"] = "incorporated"
    assert checks(rows, tmp_path, certificates=both) == [("supply_model_untraced",), ()]
    assert checks(rows, tmp_path, certificates=both, production=None) == [(), ()]


def test_supply_model_cell_is_read_like_the_other_words(tmp_path: Path) -> None:
    """Case and surrounding spaces do not matter; an empty cell is a lot without a model."""
    rows = [
        {**LOTS_ROW, "lot_id": "A", "supply_model": " Labelled"},
        {**LOTS_ROW, "lot_id": "B", "supply_model": ""},
        {**LOTS_ROW, "lot_id": "C", "certificate_id": "C-2", "supply_model": " "},
    ]
    assert checks(rows, tmp_path)[:2] == [(), ()]


@SETTINGS
@given(supply_lot_tables(), supply_certificates())
def test_sql_and_the_python_reference_agree_on_supply_models(tmp_path_factory, rows, certs):
    """Any supply-model cells and certificate scopes: the engine gives the reference's results."""
    path = write_csv(tmp_path_factory.mktemp("supply") / "lots.csv", rows)
    kw = {"certificates": certs, "production": LOTS_PRODUCTION}
    assert list(verify_lots(path, **kw)) == reference_results(path, **kw)


def test_summary_counts_supply_checks_only_once_one_is_failed() -> None:
    """Without supply-model findings the summary's checks are as before; with them, in run order."""
    plain = LotSummary()
    for r in verify_lots([LOTS_ROW], certificates=CERTS):
        plain.add(r)
    assert not set(SUPPLY_MODEL_CHECKS) & set(plain.by_check)
    summary = LotSummary()
    rows = [{**LOTS_ROW, "lot_id": "A", "supply_model": "x"}, {**LOTS_ROW, "lot_id": "B"}]
    for r in verify_lots(rows, certificates=CERTS):
        summary.add(r)
    assert summary.by_check["supply_model_unknown"] == 1
    assert list(summary.by_check) == [c for c in CHECKS if c in summary.by_check]
    merged = LotSummary()
    merged.merge(plain)
    merged.merge(summary)
    assert merged.by_check["supply_model_unknown"] == 1
    assert list(merged.by_check) == list(summary.by_check)


def test_misspelt_supply_model_column_is_refused(tmp_path: Path) -> None:
    """A column named like supply_model stops the run instead of being ignored."""
    path = tmp_path / "lots.csv"
    path.write_text(",".join((*LOT_COLUMNS, "supply_modle")) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="did you mean supply_model"):
        list(verify_lots(path, certificates=CERTS))


def test_certificate_naming_a_model_of_another_standard_is_refused() -> None:
    """A certificate's supply_models must be its standard's: the run does not start."""
    bad = [CERTS[0], {**CERTS[1], "supply_models": "labelled"}]
    with pytest.raises(FileProblems, match="labelled is not a supply model of fairtrade-gold-2013"):
        list(verify_lots([LOTS_ROW], certificates=bad))


def test_cli_summary_of_a_file_with_supply_models(tmp_path: Path, capsys) -> None:
    """verify-lots --format json counts each supply-model check and exits 1 on a finding."""
    path = write_csv(tmp_path / "lots.csv", [{**LOTS_ROW, "supply_model": "incorporated"}])
    certs = tmp_path / "certs.jsonl"
    certs.write_text("".join(json.dumps(c) + "\n" for c in CERTS), encoding="utf-8")
    code = main(["verify-lots", str(path), "--certificates", str(certs), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert out["summary"]["by_check"]["supply_model_not_in_scope"] == 1
    assert out["lots"][0]["findings"][0]["check"] == "supply_model_not_in_scope"


SUPPLY_TOML = """
[[supply_models]]
id = "{id}"
name = "Labelled"
description = "kept apart"
duties = {duties}
requirements = {reqs}
provenance = {{ level = "project" }}
"""


@pytest.mark.parametrize(
    ("values", "path"),
    [
        ({"id": "Bad Id"}, "$.supply_models[2].id"),
        ({"duties": '["teleport"]'}, "$.supply_models[2].duties"),
        ({"reqs": '["no-such-id"]'}, "$.supply_models[2].requirements"),
    ],
)
def test_standard_file_supply_models_are_checked(values: dict[str, str], path: str) -> None:
    """A bad supply model id, an unknown duty or requirement is a standard-file error."""
    base = (ROOT / "standards" / "fairmined-2.0.toml").read_text(encoding="utf-8")
    fields = {"id": "extra", "duties": str(list(SUPPLY_DUTIES)).replace("'", '"'), "reqs": "[]"}
    text = base + SUPPLY_TOML.format(**{**fields, **values})
    with pytest.raises(FileProblems) as info:
        parse_standard(text, "x.toml")
    assert any(p.path == path for p in info.value.problems if isinstance(p, StandardFileError))


def test_supply_model_without_provenance_is_refused() -> None:
    """Like every item of a format-2 file, a supply model states its provenance."""
    base = (ROOT / "standards" / "fairmined-2.0.toml").read_text(encoding="utf-8")
    text = base + SUPPLY_TOML.format(id="extra", duties="[]", reqs="[]").replace(
        'provenance = { level = "project" }\n', ""
    )
    with pytest.raises(FileProblems) as info:
        parse_standard(text, "x.toml")
    assert any(p.path == "$.supply_models[2].provenance" for p in info.value.problems)


def test_example_without_the_column_is_unchanged_by_supply_models() -> None:
    """The shipped example has no supply_model column: no lot gets a supply-model finding."""
    results = verify_lots(
        EXAMPLE / "lots.csv",
        certificates=EXAMPLE / "certificates.csv",
        production=EXAMPLE / "production.csv",
    )
    assert not any(c in SUPPLY_MODEL_CHECKS for r in results for c in r.checks)


def test_every_check_is_documented_in_the_buyer_guide() -> None:
    """The buyer guide's checks table names every check a lot can fail."""
    guide = (ROOT / "docs" / "buyer-guide.md").read_text(encoding="utf-8")
    assert all(f"| {c} |" in guide for c in CHECKS)


def test_show_json_lists_supply_models_with_provenance(capsys) -> None:
    """`standards show fairmined-2.0 --json` gives each supply model its duties and provenance."""
    assert main(["standards", "show", "fairmined-2.0", "--json"]) == 0
    models = json.loads(capsys.readouterr().out)["supply_models"]
    assert [m["id"] for m in models] == ["labelled", "incorporated"]
    assert models[0]["duties"] == ["certificate_scope", "declared_production"]
    assert models[1]["provenance"]["level"] == "section"


def test_supply_model_findings_name_the_models_on_each_side() -> None:
    """The unknown model's finding lists the standard's models ("none" for a standard without),
    the scope finding the certificate's ("no supply model" when it covers none)."""
    certs = [{**CERTS[0], "supply_models": ""}, CERTS[1]]
    rows = [
        {**LOTS_ROW, "lot_id": "A", "supply_model": "segregated"},
        {**LOTS_ROW, "lot_id": "B", "certificate_id": "C-2", "supply_model": "labelled"},
        {**LOTS_ROW, "lot_id": "C", "supply_model": "incorporated"},
    ]
    a, b, c = (r.findings[0] for r in verify_lots(rows, certificates=certs))
    assert a.message == (
        "supply model segregated is not in fairmined-2.0"
        " (its supply models: labelled, incorporated)"
    )
    assert a.args == {
        "supply_model": "segregated",
        "standard": "fairmined-2.0",
        "models": ["labelled", "incorporated"],
    }
    assert b.message == (
        "supply model labelled is not in fairtrade-gold-2013 (its supply models: none)"
    )
    assert b.args["models"] == []
    assert c.check == "supply_model_not_in_scope"
    assert c.message == (
        "supply model incorporated is not in the scope of certificate C-1"
        " (it covers no supply model)"
    )
    assert c.args == {"supply_model": "incorporated", "certificate": "C-1", "models": []}
