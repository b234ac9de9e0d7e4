"""Lot findings and invalid rows as data, worded in the reader's language by the report layer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fairmined.lots import CHECKS, LOT_COLUMNS, Finding, LotResult, LotSummary, verify_lots
from fairmined.model import Money
from fairmined.report import lot_json, translator
from fairmined.report._document import render_text
from fairmined.report._lot_messages import finding_text, reason_text
from fairmined.report._lots_summary import lots_document
from strategies import LOTS_CERTIFICATES, LOTS_PRODUCTION, LOTS_ROW

ROOT = Path(__file__).resolve().parent.parent
LOTS = ROOT / "examples" / "lots"


@pytest.fixture(scope="module")
def results() -> list[LotResult]:
    return list(
        verify_lots(
            LOTS / "lots.csv",
            certificates=LOTS / "certificates.csv",
            production=LOTS / "production.csv",
        )
    )


@pytest.fixture(scope="module")
def supply(tmp_path_factory: pytest.TempPathFactory) -> list[LotResult]:
    """Lots failing each supply-model check, read from CSV (the SQL engine)."""
    certs = [{**LOTS_CERTIFICATES[0], "supply_models": "labelled"}, LOTS_CERTIFICATES[1]]
    rows = [
        {**LOTS_ROW, "lot_id": "A", "supply_model": "segregated"},
        {**LOTS_ROW, "lot_id": "B", "supply_model": "incorporated"},
        {**LOTS_ROW, "lot_id": "C", "supply_model": "labelled", "sale_date": "2024-08-01"},
    ]
    columns = (*LOT_COLUMNS, "supply_model")
    path = tmp_path_factory.mktemp("supply") / "lots.csv"
    lines = [",".join(columns)] + [",".join(r.get(c, "") for c in columns) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return list(verify_lots(path, certificates=certs, production=LOTS_PRODUCTION))


def _by_check(results: list[LotResult]) -> dict[str, Finding]:
    return {f.check: f for r in results for f in r.findings}


def test_the_examples_have_every_check(results: list[LotResult], supply: list[LotResult]) -> None:
    """The example lots and the supply lots fail every check, so the tests below see each code."""
    assert set(_by_check(results + supply)) == set(CHECKS)


@pytest.mark.parametrize("locale", ["es_CO", "fr_BF", "pt_BR"])
def test_every_finding_is_worded_without_english_fallback(
    results: list[LotResult], supply: list[LotResult], locale: str
) -> None:
    """Each check's finding becomes a sentence of the locale: no [en] mark, no English message."""
    tr = translator(locale)
    for f in _by_check(results + supply).values():
        text = finding_text(f, tr)
        assert not text.startswith("[en]"), text
        assert text != f.message


def test_english_findings_are_worded_with_babel(results: list[LotResult]) -> None:
    """English findings are sentences with babel's dollars and long dates, not the checker's."""
    tr = translator("en")
    for f in _by_check(results).values():
        text = finding_text(f, tr)
        assert text != f.message and not text.startswith("[en]"), text
        assert not re.search(r"\d{4}-\d\d-\d\d|\d USD", text), text
    text = finding_text(_by_check(results)["premium_underpaid"], tr).replace("\u00a0", " ")
    assert "$475.00" in text and "1,243.750 g" in text and "April 5, 2014" in text


def test_echoed_ids_are_cut_in_text_but_whole_in_json() -> None:
    """A 10,000-character lot or certificate id is cut in the sentence, kept whole in the JSON."""
    lot, cert = "L" * 10_000, "C" * 10_000
    row = {**LOTS_ROW, "lot_id": lot, "certificate_id": cert}
    results = list(verify_lots([row, row], certificates=LOTS_CERTIFICATES, first_line=2))
    findings = {f.check: f for r in results for f in r.findings}
    for locale in ("en", "es_CO", "fr_BF", "pt_BR"):
        for f in findings.values():
            text = finding_text(f, translator(locale))
            assert len(text) < 400 and "…" in text, text
        summary = LotSummary()
        doc = render_text(lots_document(summary, results, translator(locale)))
        assert lot[:41] not in doc and "L" * 40 + "…" in doc
    assert findings["certificate_unknown"].args["certificate"] == cert
    assert lot_json(results[1])["findings"][-1]["args"]["lot_id"] == lot


def test_amounts_and_masses_are_written_for_the_locale(results: list[LotResult]) -> None:
    """The premium shortfall reads 475,00 with Spanish digits and grams with a decimal comma."""
    f = _by_check(results)["premium_underpaid"]
    es = finding_text(f, translator("es_CO")).replace("\u00a0", " ")
    assert "US$475,00" in es and "1.243,750 g" in es and "5 de abril de 2014" in es
    fr = finding_text(f, translator("fr_BF"))
    assert "475,00\u00a0$US" in fr and "1\u202f243,750\u202fg" in fr


def test_french_writes_the_first_of_the_month_as_1er() -> None:
    """A French date on the first of a month says 1er (1er avril), not 1 avril."""
    from datetime import date

    assert translator("fr").date(date(2024, 4, 1)) == "1er avril 2024"
    assert translator("fr").date(date(2024, 4, 2)) == "2 avril 2024"


def test_a_hand_built_finding_without_arguments_falls_back_to_marked_english() -> None:
    """A finding with no arguments (made by a caller) is still shown, marked as English."""
    f = Finding("duplicate_lot", "seen before")
    assert finding_text(f, translator("es")) == "[en] seen before"


def test_invalid_rows_say_which_cells_cannot_be_read(results: list[LotResult]) -> None:
    """An invalid row names its unreadable cells by their translated column and value."""
    bad = {r.line: r for r in results if r.status == "invalid"}
    assert bad[17].reason_code == "fields_invalid"
    assert bad[17].reason_args == {"fields": ["fineness"], "values": ["1.5"]}
    assert reason_text(bad[17], translator("es")) == "No se pueden leer estas celdas: ley «1.5»."
    assert bad[18].reason_code == "row_unreadable"
    assert "[en]" not in reason_text(bad[18], translator("pt"))


def test_a_lot_without_an_id_is_named_by_its_line(results: list[LotResult]) -> None:
    """An unreadable row has no lot id: its heading names the line, never 'lot ?'."""
    summary = LotSummary()
    for r in results:
        summary.add(r)
    problems = [r for r in results if r.status != "pass"]
    text = render_text(lots_document(summary, problems, translator("es")))
    assert "* Línea 18: fila no válida" in text
    assert "?" not in text


def test_report_names_inputs_run_date_version_and_premiums(results: list[LotResult]) -> None:
    """The lots report lists its input files, run date, library version, and due and paid."""
    from datetime import date

    from fairmined import __version__

    summary = LotSummary()
    problems = [r for r in results if r.status != "pass"]
    inputs = [("lots", "lots.csv"), ("certificates", "certs.csv"), ("production", "prod.csv")]
    tr = translator("es_CO")
    doc = lots_document(summary, problems, tr, inputs=inputs, run_date=date(2024, 5, 6))
    text = render_text(doc)
    for expected in (
        "Archivo de lotes",
        "certs.csv",
        "prod.csv",
        "6 de mayo de 2024",
        f"fairmined {__version__}",
        "Prima adeudada: US$4.975,00; pagada: US$4.500,00.",
    ):
        assert expected in text


def test_json_keeps_code_arguments_and_english(results: list[LotResult]) -> None:
    """A lot's JSON finding has its check, the English message and the arguments as text."""
    r = next(r for r in results if r.checks == ("price_below_floor",))
    (f,) = lot_json(r)["findings"]
    assert f["check"] == "price_below_floor"
    assert f["message"].startswith("price paid 30,000.00 USD")
    assert f["args"]["paid"] == "30000.00" and f["args"]["floor"] == "33563.93"
    assert f["args"]["rule_kind"] == "fraction_of_reference" and f["args"]["rule_value"] == "0.95"
    invalid = lot_json(next(r for r in results if r.line == 22))
    assert invalid["reason_code"] == "fields_invalid"
    assert invalid["reason_args"]["fields"] == ["gross_mass", "ecological", "reference_price"]
    json.dumps(invalid)  # every argument is JSON data


def test_a_passing_lot_has_no_reason_keys() -> None:
    """A passing lot's JSON keeps today's keys: the reason arguments appear on invalid rows only."""
    usd = Money("1.00", "USD")
    assert "reason_code" not in lot_json(LotResult(2, "L-1", "pass", (), usd, usd))
