"""Lots behaviours the mutation run found unpinned (docs/testing.md, "Surviving mutants").

``check_row`` is public for distributed engines (docs/buyer-guide.md): what it
reports for the whole-file checks must be right on its own. The rows given to
``verify_lots`` as mappings here are judged by the Python check, the rows of a
CSV file by the SQL engine (tests/mutants.py holds its hand-made ``S*`` mutants:
keep this file to plain pytest, it runs without conftest.py).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from fairmined.lots import LOT_COLUMNS, LotContext, LotResult, RawRow, check_row, verify_lots
from fairmined.model import Metal

CERT = {
    "certificate_id": "B-1",
    "holder": "Boundary coop",
    "standard": "fairmined-2.0",
    "metals": "gold",
    "ecological": "true",
    "valid_from": "2024-01-01",
    "valid_to": "2024-12-31",
    "status": "active",
    "status_since": "",
}
PERIOD = {
    "certificate_id": "B-1",
    "period_start": "2024-01-01",
    "period_end": "2024-06-30",
    "metal": "gold",
    "fine_mass": "1990g",
}
LOT = {
    "lot_id": "L-1",
    "sale_date": "2024-03-01",
    "certificate_id": "B-1",
    "metal": "gold",
    "gross_mass": "1kg",
    "fineness": "0.995",
    "ecological": "false",
    "reference_price": "2200.00",
    "price_paid": "68000.00",
    "premium_paid": "3980.00",
    "currency": "USD",
}


def test_check_row_reports_the_mass_entry_in_sale_date_order() -> None:
    """A lot in a declared period: its mass entry carries period, sale day ordinal, line, grams."""
    ctx = LotContext.load([CERT], [PERIOD])
    checked = check_row(ctx, RawRow(7, dict(LOT)))
    assert checked.result.status == "pass"
    entry = checked.mass
    assert entry is not None
    assert entry.period == ctx.period_for("B-1", Metal.GOLD, date(2024, 3, 1))
    assert entry.sale_ordinal == date(2024, 3, 1).toordinal()
    assert entry.line == 7
    assert entry.fine_g == Decimal("1000") * Decimal("0.995")


def test_check_row_reads_a_column_the_row_lacks_as_empty() -> None:
    """A row handed to check_row without some columns: each is an empty field, named invalid."""
    ctx = LotContext.load([CERT], [PERIOD])
    gone = ("lot_id", "sale_date", "price_paid", "premium_paid")
    r = check_row(ctx, RawRow(4, {k: v for k, v in LOT.items() if k not in gone})).result
    assert (r.status, r.lot_id, r.reason_code) == ("invalid", None, "fields_invalid")
    assert r.reason_args == {"fields": list(gone), "values": ["", "", "", ""]}
    assert r.reason == (
        "line 4: lot_id: lot_id is empty; sale_date: sale_date is not a date: '' "
        "(write YYYY-MM-DD, e.g. 2024-03-28); price_paid: price_paid is empty; "
        "premium_paid: premium_paid is empty"
    )


BOUNDARIES = Path(__file__).parent / "data" / "boundaries-standard.toml"


def test_lot_that_cannot_be_priced_keeps_its_id_and_the_hint(tmp_path: Path) -> None:
    """A stale price file: the lot is invalid under its own id, the reason ending in the hint."""
    prices = tmp_path / "prices.csv"
    prices.write_text("date,metal,session,usd_per_troy_ounce\n2024-01-02,gold,AM,2000\n")
    [r] = verify_lots([{**LOT, "reference_price": ""}], certificates=[CERT], prices=prices)
    assert (r.status, r.lot_id, r.reason_code) == ("invalid", "L-1", "not_priced")
    assert r.reason is not None and r.reason.startswith("line 1: the newest gold price on or ")
    assert r.reason.endswith(
        " (add the missing prices, give the reference price, or raise --max-price-age)"
    )


def test_lot_that_cannot_be_priced_without_hint_says_only_why(tmp_path: Path) -> None:
    """A premium per kg in EUR cannot be compared: the reason is the error alone, no hint."""
    text = BOUNDARIES.read_text(encoding="utf-8").replace('currency = "USD"', 'currency = "EUR"')
    std = tmp_path / "eur.toml"
    std.write_text(text, encoding="utf-8")
    cert = {**CERT, "standard": str(std), "valid_from": "2020-01-01"}
    [r] = verify_lots([{**LOT, "sale_date": "2021-03-01"}], certificates=[cert])
    assert (r.status, r.lot_id, r.reason_code) == ("invalid", "L-1", "not_priced")
    assert r.reason == "line 1: premium currency EUR is not supported"


def test_open_ended_certificate_is_said_so() -> None:
    """A certificate without an end date: a sale before it starts names it open-ended."""
    [r] = verify_lots([{**LOT, "sale_date": "2023-12-31"}], certificates=[{**CERT, "valid_to": ""}])
    assert r.checks == ("certificate_not_valid",)
    assert r.findings[0].message.endswith("(2024-01-01 to open-ended)")


# ------------------------------------------------- the SQL engine's amounts and limits

Run = Callable[..., list[LotResult]]


def _write_csv(path: Path, rows: Iterable[Mapping[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=[*LOT_COLUMNS, "supply_model"], restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(params=["mappings", "csv"])
def lots(request: pytest.FixtureRequest, tmp_path: Path) -> Run:
    """verify_lots on rows given as mappings (Python check) or as a CSV file (SQL engine)."""

    def run(rows: list[dict[str, str]], cert: Mapping[str, str] = CERT, **kw: Any) -> list[Any]:
        source: Any = rows if request.param == "mappings" else _write_csv(tmp_path / "l.csv", rows)
        return list(verify_lots(source, certificates=[cert], **kw))

    return run


#: Under the boundaries standard on 2021-08-01 (floor 85%, premium 5%, ecological 7% of the
#: reference), 589.081 g of fine gold at 1,500.18 USD per troy ounce make every amount due
#: exactly half a cent over: floor 24,150.625, premium 1,420.625, ecological 1,988.875 USD.
HALF = {
    "sale_date": "2021-08-01",
    "gross_mass": "589.081g",
    "fineness": "1",
    "reference_price": "1500.18",
    "price_paid": "24150.63",
}
HALF_CERT = {**CERT, "standard": str(BOUNDARIES), "valid_from": "2020-01-01"}


def test_floor_exactly_half_a_cent_over_rounds_up(lots: Run) -> None:
    """A floor of exactly 24,150.625 USD is 24,150.63: paying 24,150.62 is below it."""
    rows = [
        {**LOT, **HALF, "lot_id": "up", "premium_paid": "1420.63"},
        {**LOT, **HALF, "lot_id": "down", "price_paid": "24150.62", "premium_paid": "1420.63"},
    ]
    up, down = lots(rows, cert=HALF_CERT)
    assert up.status == "pass", up
    assert down.checks == ("price_below_floor",)
    assert "0.01 USD below the floor price of 24,150.63 USD" in down.findings[0].message


@pytest.mark.parametrize(
    ("ecological", "due"), [("false", "1420.63"), ("true", "1988.88")], ids=["plain", "eco"]
)
def test_premium_fraction_exactly_half_a_cent_over_rounds_up(
    lots: Run, ecological: str, due: str
) -> None:
    """A premium of 5% (7% ecological) due exactly half a cent over: one cent less is short."""
    short = str(Decimal(due) - Decimal("0.01"))
    rows = [
        {**LOT, **HALF, "lot_id": "due", "ecological": ecological, "premium_paid": due},
        {**LOT, **HALF, "lot_id": "short", "ecological": ecological, "premium_paid": short},
    ]
    exact, under = lots(rows, cert=HALF_CERT)
    assert exact.status == "pass", exact
    assert exact.premium_due is not None and exact.premium_due.amount == Decimal(due)
    assert under.checks == ("premium_underpaid",)


def test_premium_per_kg_exactly_half_a_cent_over_rounds_up(lots: Run) -> None:
    """1,002.5 g at 0.9995 is 1,001.99875 g fine: 4,007.995 USD due at 4,000 per kg is 4,008.00."""
    rows = [
        {**LOT, "lot_id": "due", "gross_mass": "1002.5g", "fineness": "0.9995"},
        {**LOT, "lot_id": "short", "gross_mass": "1002.5g", "fineness": "0.9995"},
    ]
    rows[0]["premium_paid"], rows[1]["premium_paid"] = "4008.00", "4007.99"
    exact, under = lots(rows)
    assert exact.status == "pass", exact
    assert under.checks == ("premium_underpaid",)
    assert "0.01 USD below the 4,008.00 USD due" in under.findings[0].message


@pytest.mark.parametrize(
    ("field", "value", "why"),
    [
        ("gross_mass", "0g", "gross_mass: gross_mass must be greater than zero"),
        ("fineness", "0.0", "fineness: fineness 0.0 is out of range"),
        ("reference_price", "0.00", "reference_price: reference_price must be above zero"),
    ],
)
def test_zero_mass_fineness_or_reference_price_is_invalid(
    lots: Run, field: str, value: str, why: str
) -> None:
    """Zero is below every lower limit: the lot is invalid and its reason names the field."""
    [r] = lots([{**LOT, field: value}])
    assert r.status == "invalid"
    assert r.reason is not None and r.reason.startswith(f"line {r.line}: {why}")


def test_karats_that_do_not_divide_exactly_are_not_rounded(lots: Run) -> None:
    """22k is 11/12 exactly: 1 kg carries 3,666.67 USD due (not 0.9166's 3,666.40)."""
    rows = [
        {**LOT, "lot_id": "due", "fineness": "22k", "premium_paid": "3666.67"},
        {**LOT, "lot_id": "short", "fineness": "22k", "premium_paid": "3666.66"},
    ]
    exact, under = lots(rows)
    assert exact.status == "pass", exact
    assert exact.premium_due is not None and exact.premium_due.amount == Decimal("3666.67")
    assert under.checks == ("premium_underpaid",)


@pytest.mark.parametrize("day", ["2024-03-01", "2024-03-31"], ids=["first", "last"])
def test_ledger_counts_an_earlier_delivery_on_a_periods_first_and_last_day(
    tmp_path: Path, day: str
) -> None:
    """A lot of an earlier delivery on the period's first (last) day counts in its balance."""
    period = {**PERIOD, "period_start": "2024-03-01", "period_end": "2024-03-31"}
    period["fine_mass"] = "995g"  # one lot's worth
    kw: dict[str, Any] = {"certificates": [CERT], "production": [period]}
    kw["ledger"] = tmp_path / "ledger.duckdb"
    first = _write_csv(tmp_path / "first.csv", [{**LOT, "lot_id": "a", "sale_date": day}])
    [a] = verify_lots(first, **kw)
    assert a.status == "pass", a
    second = _write_csv(tmp_path / "second.csv", [{**LOT, "lot_id": "b", "sale_date": day}])
    [b] = verify_lots(second, **kw)
    assert b.checks == ("mass_balance_exceeded",)


BAD_FIELDS = [
    ({"lot_id": " "}, "lot_id: lot_id is empty"),
    ({"certificate_id": ""}, "certificate_id: certificate_id is empty"),
    (
        {"reference_price": "1000000.01"},
        "reference_price: reference_price must be above zero and at most 1,000,000 USD per "
        "troy ounce, not 1000000.01",
    ),
    ({"reference_price": "abc"}, "reference_price: reference_price is not a number: 'abc'"),
    (
        {"reference_price": ""},
        "reference_price: reference_price is empty and no price file (--prices) was given",
    ),
    (
        {"currency": "eur"},
        "currency: currency is 'eur': only USD amounts can be compared with the floor price and "
        "premium, which the standards set in USD (convert price_paid and premium_paid to USD at "
        "the rate of the sale)",
    ),
    (
        {"sale_date": "2024-02-30", "metal": "tin"},
        "sale_date: sale_date 2024-02-30 does not exist; "
        "metal: unknown metal 'tin' (valid: gold, silver, platinum)",
    ),
]


@pytest.mark.parametrize(("cells", "why"), BAD_FIELDS, ids=["-".join(c) for c, _ in BAD_FIELDS])
def test_each_bad_field_is_named_in_the_reason(lots: Run, cells: dict[str, str], why: str) -> None:
    """An unreadable field makes the lot invalid: the reason names each bad field, in order."""
    [r] = lots([{**LOT, **cells}])
    assert r.status == "invalid"
    assert r.reason == f"line {r.line}: {why}"
    assert r.reason_code == "fields_invalid"
    assert r.reason_args == {"fields": list(cells), "values": list(cells.values())}


def test_reference_price_up_to_a_million_is_read(lots: Run) -> None:
    """A reference price of exactly 1,000,000 USD per troy ounce is at the limit, so it is read."""
    [r] = lots([{**LOT, "reference_price": "1000000", "price_paid": "1", "premium_paid": "3980"}])
    assert r.status == "fail"
    assert r.checks == ("price_below_floor",)


def test_reference_price_of_one_dollar_is_read(lots: Run) -> None:
    """Any reference price above zero is read: 1 USD per troy ounce makes a lot that passes."""
    [r] = lots([{**LOT, "reference_price": "1"}])
    assert r.status == "pass", r


def test_currency_and_supply_model_are_read_whatever_their_case_and_spaces(lots: Run) -> None:
    """' usd ' is USD; ' Incorporated ' is the supply model incorporated (named as such)."""
    rows = [{**LOT, "currency": " usd "}, {**LOT, "lot_id": "L-2", "supply_model": " Nope "}]
    usd, model = lots(rows)
    assert usd.status == "pass", usd
    assert model.checks == ("supply_model_unknown",)
    assert model.findings[0].message.startswith("supply model nope is not in fairmined-2.0")


def test_active_certificate_with_a_status_date_is_not_suspended(lots: Run) -> None:
    """An active certificate carrying a status date (reinstated on 2024-02-01): a sale after
    that date passes, only a status other than active suspends from its date."""
    [r] = lots([LOT], {**CERT, "status_since": "2024-02-01"})
    assert (r.status, r.checks) == ("pass", ())


def test_price_finding_names_the_price_file_day_and_session(tmp_path: Path) -> None:
    """A lot priced from the price file and paid under the floor: the finding says whose price
    it used (the day and session of the file's row), in its message and its args."""
    prices = tmp_path / "prices.csv"
    prices.write_text("date,metal,session,usd_per_troy_ounce\n2024-03-01,gold,PM,2200.00\n")
    lot = {**LOT, "reference_price": "", "price_paid": "1000.00"}
    [r] = verify_lots([lot], certificates=[CERT], prices=prices)
    [finding] = [f for f in r.findings if f.check == "price_below_floor"]
    assert "2,200.00 USD per troy ounce on 2024-03-01 PM" in finding.message
    assert (finding.args["reference_date"], finding.args["reference_session"]) == (
        "2024-03-01",
        "PM",
    )


def test_price_finding_from_a_price_row_without_session_names_the_day_alone(
    tmp_path: Path,
) -> None:
    """The price file's row has no session: the finding names its day and nothing after it."""
    prices = tmp_path / "prices.csv"
    prices.write_text("date,metal,session,usd_per_troy_ounce\n2024-03-01,gold,,2200.00\n")
    lot = {**LOT, "reference_price": "", "price_paid": "1000.00"}
    [r] = verify_lots([lot], certificates=[CERT], prices=prices)
    [finding] = [f for f in r.findings if f.check == "price_below_floor"]
    assert "(95% of the reference price, 2,200.00 USD per troy ounce on 2024-03-01, for " in (
        finding.message
    )
    assert (finding.args["reference_date"], finding.args["reference_session"]) == (
        "2024-03-01",
        None,
    )


def test_price_findings_of_an_ecological_lot_as_words_and_data() -> None:
    """An ecological lot paid under the floor and the ecological premium: both findings in full."""
    lot = {**LOT, "ecological": "true", "price_paid": "1000.00", "premium_paid": "1.00"}
    [r] = verify_lots([lot], certificates=[CERT])
    floor, premium = r.findings
    facts = {
        "standard": "fairmined-2.0",
        "reference": "2200.00",
        "reference_date": None,
        "reference_session": None,
        "fine_g": "995.000",
        "metal": "gold",
        "schedule_from": "2014-04-05",
    }
    assert (floor.check, floor.args) == (
        "price_below_floor",
        {
            "paid": "1000.00",
            "shortfall": "65859.09",
            "floor": "66859.09",
            "rule_kind": "fraction_of_reference",
            "rule_value": "0.95",
            **facts,
        },
    )
    assert floor.message == (
        "price paid 1,000.00 USD is 65,859.09 USD below the floor price of 66,859.09 USD under "
        "fairmined-2.0 (95% of the reference price, 2,200.00 USD per troy ounce, for 995.000 g "
        "of fine gold; schedule from 2014-04-05)"
    )
    assert (premium.check, premium.args) == (
        "premium_underpaid",
        {
            "ecological": "true",
            "paid": "1.00",
            "shortfall": "5969.00",
            "due": "5970.00",
            "rule_kind": "per_kg_fine",
            "rule_value": "6000.00",
            "rule_currency": "USD",
            **facts,
        },
    )
    assert premium.message == (
        "ecological premium paid 1.00 USD is 5,969.00 USD below the 5,970.00 USD due under "
        "fairmined-2.0 (USD 6000.00 per kg of fine metal, for 995.000 g of fine gold; schedule "
        "from 2014-04-05)"
    )


def test_fine_mass_in_a_price_finding_rounds_half_up_to_the_milligram() -> None:
    """2.001 g at 0.5 is 1.0005 g of fine gold: the findings say 1.001 g (half up, not even)."""
    lot = {**LOT, "gross_mass": "2.001g", "fineness": "0.5", "price_paid": "1.00"}
    lot["premium_paid"] = "0.01"
    [r] = verify_lots([lot], certificates=[CERT])
    floor, premium = r.findings
    for finding in (floor, premium):
        assert finding.args["fine_g"] == "1.001"
        assert ", for 1.001 g of fine gold; schedule from 2014-04-05)" in finding.message
