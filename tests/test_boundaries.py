"""Every boundary a one-character slip would move, pinned from the user's side.

Each test names its boundary and checks both sides of it (the day before and
the first day, one cent short and exactly due), through the public entry
points only: ``verify_lots`` for lots, ``quote``/``Quoter``/``PriceTable`` for
pricing, ``evaluate`` on a record for rules. The pricing and rule cases use
the made-up standard ``tests/data/boundaries-standard.toml``, whose figures put
each boundary on a round date or amount. tests/mutants.py lists the mutant each
test kills; it runs this file without conftest.py and hypothesis, so keep it
to plain pytest.
"""

from __future__ import annotations

import copy
import csv
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from fairmined import (
    Metal,
    PriceLookupError,
    PriceTable,
    Quoter,
    load_record,
    load_standard,
    quote,
)
from fairmined.audit import evaluate
from fairmined.lots import LOT_COLUMNS, LotResult, verify_lots
from fairmined.records import RECORD_SCHEMA
from fairmined.rules import parse
from fairmined.rules._check import check
from fairmined.rules._explain import Explainer
from fairmined.rules._lexer import NO_ORIGIN
from fairmined.standards import Standard

DATA = Path(__file__).parent / "data"
_CENT = Decimal("0.01")
STANDARD = DATA / "boundaries-standard.toml"

# ----------------------------------------------------------------------------- lots

CERT: dict[str, str] = {
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
#: 995 g of fine gold: USD 3,980.00 premium due under fairmined-2.0 (USD 4,000 per kg fine).
LOT: dict[str, str] = {
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


def _as_csv(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    path = tmp_path / "lots.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(LOT_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(params=["mappings", "csv"])
def lots(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[..., list[LotResult]]:
    """verify_lots on rows given as mappings or written to a CSV file (two readers)."""

    def run(
        rows: list[dict[str, str]],
        cert: Mapping[str, str] = CERT,
        production: Iterable[Mapping[str, str]] | None = None,
    ) -> list[LotResult]:
        source: Any = rows if request.param == "mappings" else _as_csv(tmp_path, rows)
        return list(verify_lots(source, certificates=[cert], production=production))

    return run


def lot(**changes: str) -> dict[str, str]:
    return {**LOT, **changes}


def checks_by_day(run: Callable[..., list[LotResult]], days: list[str], **kw: Any) -> list[Any]:
    rows = [lot(lot_id=f"L-{i}", sale_date=d) for i, d in enumerate(days)]
    return [r.checks for r in run(rows, **kw)]


def test_certificate_first_and_last_valid_day(lots: Callable[..., list[LotResult]]) -> None:
    """Sales on valid_from and on valid_to pass; the day before and the day after do not."""
    days = ["2023-12-31", "2024-01-01", "2024-12-31", "2025-01-01"]
    assert checks_by_day(lots, days) == [
        ("certificate_not_valid",),
        (),
        (),
        ("certificate_not_valid",),
    ]


def test_sale_on_the_day_a_suspension_starts(lots: Callable[..., list[LotResult]]) -> None:
    """Suspended since D: a sale on D fails, a sale on the day before passes."""
    cert = {**CERT, "status": "suspended", "status_since": "2024-06-01"}
    assert checks_by_day(lots, ["2024-05-31", "2024-06-01"], cert=cert) == [
        (),
        ("certificate_suspended",),
    ]


def test_withdrawn_certificate_is_treated_like_a_suspended_one(
    lots: Callable[..., list[LotResult]],
) -> None:
    """Withdrawn since D: a sale from D on fails and the message says withdrawn."""
    cert = {**CERT, "status": "withdrawn", "status_since": "2024-06-01"}
    rows = [lot(lot_id="before", sale_date="2024-05-31"), lot(lot_id="on", sale_date="2024-06-01")]
    before, on = lots(rows, cert=cert)
    assert before.status == "pass"
    assert on.checks == ("certificate_suspended",)
    assert "is withdrawn since 2024-06-01" in on.findings[0].message


def test_premium_one_cent_short_fails(lots: Callable[..., list[LotResult]]) -> None:
    """Premium due 3,980.00: paying 3,979.99 fails by 0.01 USD, paying 3,980.00 passes."""
    short, exact = lots([lot(premium_paid="3979.99"), lot(lot_id="L-2", premium_paid="3980.00")])
    assert short.checks == ("premium_underpaid",)
    assert "is 0.01 USD below the 3,980.00 USD due" in short.findings[0].message
    assert exact.status == "pass"


def test_price_one_cent_below_the_floor_fails(lots: Callable[..., list[LotResult]]) -> None:
    """Paying the floor exactly passes; one cent less fails with price_below_floor."""
    floor = quote(
        "fairmined-2.0",
        "gold",
        "1kg",
        "0.995",
        reference_price="2200.00",
        sale_date=date(2024, 3, 1),
    ).floor_price.amount
    short, exact = lots(
        [lot(price_paid=str(floor - Decimal("0.01"))), lot(lot_id="L-2", price_paid=str(floor))]
    )
    assert short.checks == ("price_below_floor",)
    assert exact.status == "pass"


@pytest.mark.parametrize("currency", ["USD", "usd"])
def test_paid_amounts_round_half_up_to_the_cent(
    lots: Callable[..., list[LotResult]], currency: str
) -> None:
    """3,979.995 paid rounds half up to 3,980.00 (passes); 3,979.994 to 3,979.99 (fails)."""
    half, below = lots(
        [
            lot(premium_paid="3979.995", currency=currency),
            lot(lot_id="L-2", premium_paid="3979.994", currency=currency),
        ]
    )
    assert half.status == "pass", half
    assert half.premium_paid is not None and half.premium_paid.amount == Decimal("3980.00")
    assert below.checks == ("premium_underpaid",)
    assert below.premium_paid is not None and below.premium_paid.amount == Decimal("3979.99")


def test_price_paid_rounds_half_up_before_the_floor_check(
    lots: Callable[..., list[LotResult]],
) -> None:
    """A price half a cent under the floor rounds up to the floor and passes."""
    floor = quote(
        "fairmined-2.0",
        "gold",
        "1kg",
        "0.995",
        reference_price="2200.00",
        sale_date=date(2024, 3, 1),
    ).floor_price.amount
    [r] = lots([lot(price_paid=str(floor - Decimal("0.005")))])
    assert r.status == "pass", r


def test_fine_mass_equal_to_declared_production_passes(
    lots: Callable[..., list[LotResult]],
) -> None:
    """Lots adding up to exactly the declared fine mass pass; one gram more fails."""
    production = [
        {
            "certificate_id": "B-1",
            "period_start": "2024-01-01",
            "period_end": "2024-06-30",
            "metal": "gold",
            "fine_mass": "1990g",
        }
    ]
    rows = [lot(lot_id="a", sale_date="2024-02-01"), lot(lot_id="b", sale_date="2024-03-01")]
    assert [r.status for r in lots(rows, production=production)] == ["pass", "pass"]
    one_gram = lot(
        lot_id="c",
        sale_date="2024-04-01",
        gross_mass="1g",
        fineness="1",
        price_paid="100.00",
        premium_paid="4.00",
    )
    results = lots([*rows, one_gram], production=production)
    assert [r.checks for r in results] == [(), (), ("mass_balance_exceeded",)]
    assert "1.000 g over the 1,990.000 g declared" in results[2].findings[0].message


def test_production_period_counts_its_first_and_last_day(
    lots: Callable[..., list[LotResult]],
) -> None:
    """A period's first and last day count against it; the days around it do not."""
    production = [
        {
            "certificate_id": "B-1",
            "period_start": "2024-03-01",
            "period_end": "2024-03-31",
            "metal": "gold",
            "fine_mass": "995g",
        }
    ]
    # Each lot holds 995 g of fine gold: the period declared one lot's worth.
    days = ["2024-02-29", "2024-03-01", "2024-03-31", "2024-04-01"]
    before, first, last, after = checks_by_day(lots, days, production=production)
    assert first == ()
    assert last == ("mass_balance_exceeded",)
    assert "mass_balance_exceeded" not in before + after


def _cents_down_and_up(exact: Decimal) -> tuple[Decimal, Decimal]:
    """An exact amount with at least half a cent over: rounded down, and half up."""
    down = exact.quantize(_CENT, rounding=ROUND_DOWN)
    assert exact - down >= _CENT / 2, "the case needs half a cent or more to round up"
    up = exact.quantize(_CENT, rounding=ROUND_HALF_UP)
    assert up == down + _CENT
    return down, up


def test_floor_rounds_half_up_to_the_cent(lots: Callable[..., list[LotResult]]) -> None:
    """An exact floor with half a cent or more over is due rounded up: one cent less fails."""
    exact = quote(
        "fairmined-2.0",
        "gold",
        "1kg",
        "0.995",
        reference_price="2200.00",
        sale_date=date(2024, 3, 1),
    ).floor_exact.amount
    down, up = _cents_down_and_up(exact)
    below, at = lots([lot(price_paid=str(down)), lot(lot_id="L-2", price_paid=str(up))])
    assert below.checks == ("price_below_floor",)
    assert f"floor price of {up:,} USD" in below.findings[0].message
    assert at.status == "pass", at


def test_premium_due_rounds_half_up_to_the_cent(lots: Callable[..., list[LotResult]]) -> None:
    """A premium per kg whose exact amount has half a cent or more over is due rounded up."""
    gross = "1000.002g"  # 995.00199 g fine: 3,980.00796 USD at USD 4,000 per kg fine
    exact = quote(
        "fairmined-2.0",
        "gold",
        gross,
        "0.995",
        reference_price="2200.00",
        sale_date=date(2024, 3, 1),
    ).premium_exact.amount
    down, up = _cents_down_and_up(exact)
    rows = [
        lot(gross_mass=gross, premium_paid=str(down)),
        lot(lot_id="L-2", gross_mass=gross, premium_paid=str(up)),
    ]
    below, at = lots(rows)
    assert below.checks == ("premium_underpaid",)
    assert f"below the {up:,} USD due" in below.findings[0].message
    assert at.status == "pass", at


def test_nothing_paid_is_a_shortfall_a_negative_amount_invalid(
    lots: Callable[..., list[LotResult]],
) -> None:
    """A premium of 0 (or 0.50) is read and found short; -1 is an invalid row saying why."""
    rows = [
        lot(lot_id="zero", premium_paid="0"),
        lot(lot_id="half", premium_paid="0.50"),
        lot(lot_id="neg", premium_paid="-1"),
    ]
    zero, half, neg = lots(rows)
    assert zero.checks == half.checks == ("premium_underpaid",)
    assert neg.status == "invalid"
    assert neg.reason == f"line {neg.line}: premium_paid: premium_paid cannot be negative: -1"


def test_price_exactly_at_the_floor_is_not_below_it(lots: Callable[..., list[LotResult]]) -> None:
    """Paying the floor exactly with the premium short: only premium_underpaid is found."""
    floor = quote(
        "fairmined-2.0",
        "gold",
        "1kg",
        "0.995",
        reference_price="2200.00",
        sale_date=date(2024, 3, 1),
    ).floor_price.amount
    [r] = lots([lot(price_paid=str(floor), premium_paid="3979.99")])
    assert r.checks == ("premium_underpaid",)


def test_premium_messages_name_the_kind_and_the_reference(
    lots: Callable[..., list[LotResult]],
) -> None:
    """An ecological premium short says "ecological premium"; a fraction names the reference."""
    [eco] = lots([lot(ecological="true", premium_paid="1.00")])
    assert eco.findings[0].message.startswith("ecological premium paid 1.00 USD is ")
    cert = {**CERT, "standard": str(STANDARD), "valid_from": "2020-01-01"}
    row = lot(sale_date="2021-08-01", reference_price="2000.00", premium_paid="1.00")
    [frac] = lots([row], cert=cert)
    message = frac.findings[0].message
    assert message.startswith("premium paid 1.00 USD is ")
    assert "(5% of the reference price, 2,000.00 USD per troy ounce, for 995.000 g" in message


def test_lot_ids_trimmed_but_case_sensitive(lots: Callable[..., list[LotResult]]) -> None:
    """docs/buyer-guide.md: surrounding spaces do not count in a lot id, case does."""
    rows = [lot(lot_id="L-1"), lot(lot_id="  L-1 "), lot(lot_id="l-1")]
    first, spaced, lower = lots(rows)
    assert first.status == "pass"
    assert spaced.lot_id == "L-1"
    assert spaced.checks == ("duplicate_lot",)
    assert "already appears on line" in spaced.findings[0].message
    assert lower.lot_id == "l-1"
    assert lower.status == "pass"


def test_lots_floor_uses_the_standard_files_fraction(
    lots: Callable[..., list[LotResult]],
) -> None:
    """Under a standard with a 90% floor, paying 90% of the reference value passes."""
    cert = {**CERT, "standard": str(STANDARD), "valid_from": "2020-01-01"}
    # 1,000 g fine at 311.034768 USD per troy ounce: reference value 10,000.00 USD.
    ten_k = {
        "sale_date": "2021-03-01",
        "gross_mass": "1kg",
        "fineness": "1",
        "reference_price": "311.034768",
        "premium_paid": "2000.00",
    }
    rows = [lot(lot_id="at", price_paid="9000.00", **ten_k)]
    rows.append(lot(lot_id="short", price_paid="8999.99", **ten_k))
    at, short = lots(rows, cert=cert)
    assert at.status == "pass", at
    assert short.checks == ("price_below_floor",)
    assert "floor price of 9,000.00 USD" in short.findings[0].message


# -------------------------------------------------------------------------- pricing


@pytest.fixture(scope="module")
def std() -> Standard:
    return load_standard(STANDARD)


def codes(q: Any) -> set[str]:
    return {n.code for n in q.notices}


#: The reference price at which 10% of the reference equals USD 2,000 per kg of fine metal.
CROSSOVER = Decimal("622.069536")


def test_ecological_warning_not_at_the_crossover_price(std: Standard) -> None:
    """At the crossover the two premiums are equal: no warning; a micro-dollar less warns."""
    day = date(2021, 3, 1)
    at = quote(std, "gold", "1kg", "1", reference_price=CROSSOVER, sale_date=day, ecological=True)
    assert at.premium_exact.amount == Decimal(2000)
    assert "ecological_below_conventional" not in codes(at)
    below = quote(
        std,
        "gold",
        "1kg",
        "1",
        reference_price=CROSSOVER - Decimal("0.000001"),
        sale_date=day,
        ecological=True,
    )
    assert "ecological_below_conventional" in codes(below)
    above = quote(
        std, "gold", "1kg", "1", reference_price=CROSSOVER + 1, sale_date=day, ecological=True
    )
    assert "ecological_below_conventional" not in codes(above)


def test_floor_comes_from_the_standard_file(std: Standard) -> None:
    """The floor is the file's fraction (90%, then 85%), not a fixed 95%."""
    ref = Decimal("311.034768")  # 1 kg fine: reference value 10,000.00 USD
    early = quote(std, "gold", "1kg", "1", reference_price=ref, sale_date=date(2021, 3, 1))
    late = quote(std, "gold", "1kg", "1", reference_price=ref, sale_date=date(2021, 8, 1))
    assert early.floor_price.amount == Decimal("9000.00")
    assert late.floor_price.amount == Decimal("8500.00")
    quoter = Quoter(std, "gold")
    assert quoter.floor_and_premium(Decimal(1000), ref, date(2021, 3, 1))[0] == Decimal("9000.00")


@pytest.mark.parametrize(
    ("day", "premium"),
    [
        (date(2020, 7, 1), Decimal("2000.00")),  # first day of the first row
        (date(2021, 6, 30), Decimal("2000.00")),  # last day of the first row
        (date(2021, 7, 1), Decimal("500.00")),  # first day of the second row: 5%
    ],
)
def test_schedule_row_in_force_on_its_first_and_last_day(
    std: Standard, day: date, premium: Decimal
) -> None:
    """The sale date picks the row whose period holds it, whatever the order in the file."""
    ref = Decimal("311.034768")
    q = quote(std, "gold", "1kg", "1", reference_price=ref, sale_date=day)
    assert q.premium.amount == premium
    assert Quoter(std, "gold").floor_and_premium(Decimal(1000), ref, day)[1] == premium


def test_sale_before_the_first_schedule_row_is_refused(std: Standard) -> None:
    """A sale the day before the schedule starts has no price: PriceLookupError."""
    with pytest.raises(PriceLookupError, match="no gold price schedule in force on 2020-06-30"):
        quote(std, "gold", "1kg", "1", reference_price="1000", sale_date=date(2020, 6, 30))
    with pytest.raises(PriceLookupError):
        Quoter(std, "gold").floor_and_premium(Decimal(1000), Decimal(1000), date(2020, 6, 30))


def test_quoter_moves_back_to_an_earlier_row(std: Standard) -> None:
    """One Quoter pricing a later sale, then one the day before that row starts, uses each row."""
    quoter = Quoter(std, "gold")
    ref = Decimal("311.034768")
    assert quoter.floor_and_premium(Decimal(1000), ref, date(2021, 7, 1)) == (
        Decimal("8500.00"),
        Decimal("500.00"),
    )
    assert quoter.floor_and_premium(Decimal(1000), ref, date(2021, 6, 30)) == (
        Decimal("9000.00"),
        Decimal("2000.00"),
    )
    assert quoter.floor_and_premium(Decimal(1000), ref, date(2021, 7, 1))[1] == Decimal("500.00")


def test_sale_on_the_day_the_standard_comes_into_force(std: Standard) -> None:
    """No not-yet-in-force warning from in_force_from on; the day before warns."""
    on = quote(std, "gold", "1kg", "1", reference_price="1000", sale_date=date(2021, 1, 1))
    before = quote(std, "gold", "1kg", "1", reference_price="1000", sale_date=date(2020, 12, 31))
    assert "not_yet_in_force" not in codes(on)
    assert "not_yet_in_force" in codes(before)


def test_sale_on_the_last_day_in_force(std: Standard) -> None:
    """No out-of-force warning on in_force_to; the day after warns."""
    on = quote(std, "gold", "1kg", "1", reference_price="1000", sale_date=date(2022, 12, 31))
    after = quote(std, "gold", "1kg", "1", reference_price="1000", sale_date=date(2023, 1, 1))
    assert "out_of_force" not in codes(on)
    assert "out_of_force" in codes(after)


PRICES = """date,metal,session,usd_per_troy_ounce
2021-03-01,gold,PM,700.00
2021-03-02,gold,AM,710.00
2021-03-08,gold,PM,730.00
"""


def test_price_file_steps_back_over_several_days(std: Standard) -> None:
    """No price on the sale date: the latest earlier price is used, however far back."""
    table = PriceTable.from_text(PRICES, source="prices.csv")
    ref = table.lookup(Metal("gold"), date(2021, 3, 5))
    assert (ref.on, ref.session, ref.per_troy_ounce.amount) == (
        date(2021, 3, 2),
        "AM",
        Decimal("710.00"),
    )
    q = quote(std, "gold", "1kg", "1", prices=table, sale_date=date(2021, 3, 5))
    [fallback] = [n for n in q.notices if n.code == "price_fallback"]
    assert fallback.args["days"] == 3


def test_price_file_steps_back_past_a_day_without_the_session(std: Standard) -> None:
    """Asking for PM on a day after an AM-only day goes back to the last PM price."""
    table = PriceTable.from_text(PRICES, source="prices.csv")
    q = quote(std, "gold", "1kg", "1", prices=table, sale_date=date(2021, 3, 5), session="PM")
    assert (q.reference.on, q.reference.per_troy_ounce.amount) == (
        date(2021, 3, 1),
        Decimal("700.00"),
    )
    exact = quote(std, "gold", "1kg", "1", prices=table, sale_date=date(2021, 3, 8))
    assert "price_fallback" not in codes(exact)
    with pytest.raises(PriceLookupError):
        quote(std, "gold", "1kg", "1", prices=table, sale_date=date(2021, 2, 28))


# ---------------------------------------------------------------------------- rules

RECORD: dict[str, Any] = {
    "format": "fairmined-audit/1",
    "organisation": {"name": "Boundary coop"},
    "audit": {"date": "2024-03-31", "certification_year": 0},
    "workers": [],
    "legality": {"mining_title": {"held": True, "valid_until": "2030-01-01"}},
}


#: The status a requirement gets for each value of its rule.
STATUS_OF = {True: "pass", False: "fail", None: "not_assessed"}


def statuses(std: Standard, workers: list[dict[str, Any]], **title: Any) -> dict[str, str]:
    """Each requirement's status on a record with these workers and mining title.

    The audit decides with the compiled rule's item functions; the compiled
    rule (``rule.evaluate``) and the reference explainer, which interprets
    every element itself, must give the same value, so both are checked here.
    """
    data = copy.deepcopy(RECORD)
    data["workers"] = workers
    data["legality"]["mining_title"].update(title)
    record = load_record(data)
    got = {r.id: r.status for r in evaluate(std, record).results}
    for req in std.requirements:
        assert req.rule is not None
        assert STATUS_OF[req.rule.evaluate(record.facts)] == got[req.id], req.id
        node = parse(req.rule.text, NO_ORIGIN)
        reference = Explainer(check(node, RECORD_SCHEMA, NO_ORIGIN)).run(node, record.facts)
        assert STATUS_OF[reference.value] == got[req.id], req.id
    return got


AGE_RULES = [
    "AGE-GE",
    "AGE-GT",
    "AGE-LT",
    "AGE-LE",
    "AGE-FLIPPED",
    "AGE-FLIPPED-LT",
    "AGE-WHERE",
    "AGE-PLAIN",
    "AGE-COUNT",
    "AGE-OR",
    "AGE-AND",
]


@pytest.mark.parametrize(
    ("born", "status"),
    [("2009-03-31", "pass"), ("2009-04-01", "fail"), ("2008-02-29", "pass")],
    ids=["15th-birthday-on-audit-day", "15th-birthday-next-day", "leap-day-born-16"],
)
def test_age_on_the_birthday_itself(std: Standard, born: str, status: str) -> None:
    """Audit on 2024-03-31: born 2009-03-31 is 15 that day (every rule form agrees)."""
    worker = {"id": "W-1", "birth_date": born, "underground": True}
    got = statuses(std, [worker])
    assert {rid: got[rid] for rid in AGE_RULES} == dict.fromkeys(AGE_RULES, status)


ANY_RULES = [
    "ANY-FLAG",
    "ANY-COMPARE",
    "ANY-COMPARE-FLIPPED",
    "ANY-WHERE",
    "ANY-PLAIN",
    "ANY-AGE",
    "ANY-AGE-WHERE",
    "ANY-PLAIN-WHERE",
]


def test_any_with_an_unknown_and_no_true_item_is_unknown(std: Standard) -> None:
    """any() over [false, unknown] is unknown (not_assessed), never false."""
    no = {"id": "W-1", "hs_trained": False, "hours_per_week": 40, "underground": True}
    no["birth_date"] = "2015-01-01"
    unknown = {"id": "W-2", "underground": True}
    got = statuses(std, [no, unknown])
    assert {rid: got[rid] for rid in ANY_RULES} == dict.fromkeys(ANY_RULES, "not_assessed")
    known_no = {**unknown, "hs_trained": False, "hours_per_week": 40, "birth_date": "2015-06-01"}
    got = statuses(std, [no, known_no])
    assert {rid: got[rid] for rid in ANY_RULES} == dict.fromkeys(ANY_RULES, "fail")
    yes = {
        **unknown,
        "id": "W-3",
        "hs_trained": True,
        "hours_per_week": 41,
        "birth_date": "2000-01-01",
    }
    got = statuses(std, [no, unknown, yes])
    assert {rid: got[rid] for rid in ANY_RULES} == dict.fromkeys(ANY_RULES, "pass")


HOURS_RULES = ["HOURS-FLIPPED", "HOURS-EXACT-FLIPPED", "HOURS-NOT-EXACT-FLIPPED"]


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        (40, ["pass", "pass", "fail"]),
        (41, ["fail", "fail", "pass"]),
        (39, ["pass", "fail", "pass"]),
    ],
)
def test_item_comparison_written_the_other_way_round(
    std: Standard, hours: int, expected: list[str]
) -> None:
    """``40 >= w.hours``, ``40 == w.hours``, ``40 != w.hours`` read as written, at 40 exactly."""
    got = statuses(std, [{"id": "W-1", "hours_per_week": hours}])
    assert [got[rid] for rid in HOURS_RULES] == expected


def test_explanation_states_the_age_reached_on_the_birthday(std: Standard) -> None:
    """A worker turning 15 on the audit day fails "at least 16" observed at 15, not 14."""
    data = copy.deepcopy(RECORD)
    data["workers"] = [{"id": "W-15", "birth_date": "2009-03-31"}]
    [result] = [r for r in evaluate(std, load_record(data)).results if r.id == "AGE-16"]
    assert result.status == "fail"
    [evidence] = result.evidence
    assert evidence.observed.endswith("= 15"), evidence


def test_explanation_does_not_blame_the_worker_whose_birthday_it_is(std: Standard) -> None:
    """Of a worker turning 15 on the audit day and one aged 14, only the second is cited."""
    workers = [
        {"id": "W-15", "birth_date": "2009-03-31"},
        {"id": "W-14", "birth_date": "2009-04-01"},
    ]
    data = copy.deepcopy(RECORD)
    data["workers"] = workers
    [result] = [r for r in evaluate(std, load_record(data)).results if r.id == "AGE-GE"]
    assert result.status == "fail"
    paths = [e.path for e in result.evidence]
    assert any("W-14" in p for p in paths), paths
    assert not any("W-15" in p for p in paths), paths


TITLE_RULES = [
    "TITLE-AHEAD",
    "TITLE-AHEAD-FLIPPED",
    "TITLE-SHORT-FLIPPED",
    "TITLE-LONG-FLIPPED",
    "TITLE-WITHIN-FLIPPED",
    "TITLE-EXACT-FLIPPED",
    "TITLE-NOT-EXACT-FLIPPED",
]


@pytest.mark.parametrize(
    ("valid_until", "expected"),
    [
        # exactly 30 days after the audit date
        ("2024-04-30", ["pass", "pass", "fail", "fail", "pass", "pass", "fail"]),
        ("2024-04-29", ["fail", "fail", "pass", "fail", "pass", "fail", "pass"]),
        ("2024-05-01", ["pass", "pass", "fail", "pass", "fail", "fail", "pass"]),
    ],
)
def test_interval_comparison_written_either_way_round(
    std: Standard, valid_until: str, expected: list[str]
) -> None:
    """``30 days <= until - date`` means ``until - date >= 30 days``, for every operator."""
    got = statuses(std, [{"id": "W-1", "birth_date": "1990-01-01"}], valid_until=valid_until)
    assert [got[rid] for rid in TITLE_RULES] == expected
