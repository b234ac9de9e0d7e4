"""The Python API does what a newcomer guesses: ids or objects, paths or loaded values."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import fairmined
from fairmined.pricing import PriceTable

ROOT = Path(__file__).parent.parent
RECORD = ROOT / "examples" / "audits" / "fairmined-2.0-child-labour-mercury.json"
PRICES = ROOT / "examples" / "prices-illustrative.csv"

pytestmark = pytest.mark.usefixtures("fresh_standards")


def test_evaluate_takes_id_path_mapping_or_record() -> None:
    """evaluate() gives the same decision for a record as a path, a mapping or an AuditRecord."""
    std = fairmined.load_standard("fairmined-2.0")
    as_mapping = json.loads(RECORD.read_text(encoding="utf-8"))
    decisions = {
        fairmined.evaluate("fairmined-2.0", RECORD).decision,
        fairmined.evaluate("fairmined-2.0", str(RECORD)).decision,
        fairmined.evaluate(std, as_mapping).decision,
        fairmined.evaluate(std, fairmined.load_record(RECORD)).decision,
    }
    assert decisions == {"not_certified"}


def test_evaluate_bad_record_type_is_a_type_error() -> None:
    """A record that is neither a path, a mapping nor an AuditRecord is a TypeError."""
    with pytest.raises(TypeError):
        fairmined.evaluate("fairmined-2.0", 42)  # type: ignore[arg-type]


def test_quote_takes_a_price_file_path() -> None:
    """quote(prices=path) equals quote(prices=PriceTable.from_csv(path))."""
    args = ("fairmined-2.0", "gold", "1kg", "0.995")
    day = date(2024, 3, 28)
    by_path = fairmined.quote(*args, prices=str(PRICES), sale_date=day)
    by_table = fairmined.quote(*args, prices=PriceTable.from_csv(PRICES), sale_date=day)
    assert by_path.total == by_table.total
    assert by_path.reference.per_troy_ounce == by_table.reference.per_troy_ounce


@pytest.mark.parametrize(
    "name",
    ["quote", "Quote", "evaluate", "Evaluation", "verify_lots", "LotResult", "LotSummary",
     "premium_statement", "Statement"],
)  # fmt: skip
def test_jobs_and_results_importable_from_the_package(name: str) -> None:
    """Every job and its result type is a public name of fairmined."""
    assert name in fairmined.__all__
    assert getattr(fairmined, name) is not None
