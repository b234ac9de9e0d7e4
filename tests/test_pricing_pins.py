"""Pricing behaviours the mutation run found unpinned (docs/testing.md, "Surviving mutants").

Each test names what a user relies on: where a price-file error points, what
``Quoter.rules`` and ``Quoter.figures`` return for a day.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from fairmined.errors import InputError, PriceLookupError
from fairmined.model import Metal
from fairmined.pricing import PriceTable, Quoter, quote
from fairmined.standards import Standard, load_standard

BOUNDARIES = Path(__file__).parent / "data" / "boundaries-standard.toml"
_PRICES = "date,metal,session,usd_per_troy_ounce\n2024-01-02,gold,AM,2000\n2024-01-03,gold,,2010\n"


@pytest.fixture
def table() -> PriceTable:
    return PriceTable.from_text(_PRICES, source="prices.csv")


def test_table_built_from_rows_has_no_notes() -> None:
    """A table built from rows in memory carries an empty tuple of notes, not None."""
    t = PriceTable([(date(2024, 1, 2), Metal.GOLD, "", Decimal("2000"))], source="rows")
    assert t.notes == ()


def test_metal_missing_from_the_file_names_file_and_field(table: PriceTable) -> None:
    """No silver in the file: the error names the file and the metal field."""
    with pytest.raises(PriceLookupError) as info:
        table.lookup(Metal.SILVER, date(2024, 1, 2))
    assert (info.value.file, info.value.path) == ("prices.csv", "metal")
    assert "no silver prices" in info.value.message


@pytest.mark.parametrize(("session", "what"), [(None, "gold price"), ("pm", "gold PM price")])
def test_no_price_before_the_first_names_file_date_and_session(
    table: PriceTable, session: str | None, what: str
) -> None:
    """Before the first price: the error names the file, the date field and the session asked."""
    with pytest.raises(PriceLookupError) as info:
        table.lookup(Metal.GOLD, date(2024, 1, 1), session)
    assert (info.value.file, info.value.path) == ("prices.csv", "date")
    assert info.value.message == f"the price file has no {what} on or before 2024-01-01"


def test_session_of_the_wrong_type_is_named(table: PriceTable) -> None:
    """A session that is not a string is a TypeError saying which type was given."""
    with pytest.raises(TypeError, match="not int"):
        table.lookup(Metal.GOLD, date(2024, 1, 2), 1)  # type: ignore[arg-type]


def test_price_found_is_in_usd_with_its_file(table: PriceTable) -> None:
    """The price found is in USD, dated and sourced from the file."""
    ref = table.lookup(Metal.GOLD, date(2024, 1, 4))
    assert ref.per_troy_ounce.currency == "USD"
    assert (ref.on, ref.session, ref.source) == (date(2024, 1, 3), "", "prices.csv")


def test_quoter_rules_are_the_rows_in_force_on_the_day() -> None:
    """Quoter.rules gives each day's own schedule row with its floor and premium rule."""
    std = load_standard(BOUNDARIES)
    q = Quoter(std, "gold", ecological=True)
    for day in (date(2021, 6, 30), date(2021, 7, 1)):
        row, floor, premium = q.rules(day)
        assert row is std.schedule(Metal.GOLD, day)
        assert (floor, premium) == (row.floor, row.ecological_premium)


def test_quoter_figures_agree_with_quote() -> None:
    """Quoter.figures names the standard and gives the amounts quote() gives."""
    std = load_standard(BOUNDARIES)
    day = date(2021, 7, 1)
    figs = Quoter(std, "gold").figures(Decimal("1000"), Decimal("2000"), day)
    q = quote(std, "gold", "1kg", "1", reference_price="2000", sale_date=day)
    assert figs.standard_id == q.standard_id == std.id
    assert (figs.floor_price, figs.premium) == (q.floor_price, q.premium)
    assert (figs.floor_rule, figs.premium_rule, figs.schedule) == (
        q.floor_rule,
        q.premium_rule,
        q.schedule,
    )


def test_quoter_takes_a_standard_id_as_well_as_a_standard() -> None:
    """Quoter("fairmined-2.0") loads the standard: same figures as with the loaded one."""
    by_id = Quoter("fairmined-2.0", "gold")
    loaded = Quoter(load_standard("fairmined-2.0"), "gold")
    day = date(2024, 3, 1)
    assert by_id.standard.id == "fairmined-2.0"
    assert by_id.floor_and_premium(Decimal("995"), Decimal("2200"), day) == (
        loaded.floor_and_premium(Decimal("995"), Decimal("2200"), day)
    )


def test_quoter_rounds_an_exact_half_cent_up() -> None:
    """Floor and premium landing on exactly half a cent round up, as quote() rounds them."""
    std = load_standard(BOUNDARIES)
    day = date(2021, 7, 1)
    row = std.schedule(Metal.GOLD, day)
    ozt, ref = Decimal("31.1034768"), Decimal("1000.10")  # one troy ounce of fine gold
    exact = (row.floor.value * ref, row.premium.value * ref)
    cent = Decimal("0.01")
    assert all((x / cent) % 1 == Decimal("0.5") for x in exact), "the case needs half cents"
    want = tuple(x.quantize(cent, rounding=ROUND_HALF_UP) for x in exact)
    assert Quoter(std, "gold").floor_and_premium(ozt, ref, day) == want
    q = quote(std, "gold", "31.1034768g", "1", reference_price=ref, sale_date=day)
    assert (q.floor_price.amount, q.premium.amount) == want


def test_quoter_refuses_a_premium_per_kg_not_in_usd(tmp_path: Path) -> None:
    """A premium per kg set in another currency than USD is an InputError naming it."""
    text = BOUNDARIES.read_text(encoding="utf-8").replace('currency = "USD"', 'currency = "EUR"')
    path = tmp_path / "eur-standard.toml"
    path.write_text(text, encoding="utf-8")
    q = Quoter(load_standard(path), "gold")
    with pytest.raises(InputError, match="premium currency EUR is not supported"):
        q.floor_and_premium(Decimal("1000"), Decimal("2000"), date(2021, 3, 1))


BAD_PRICE_ROWS = [
    ("2023-02-30,gold,AM,2000", "date: date 2023-02-30 does not exist"),
    (
        "2023-02-3x,gold,AM,2000",
        "date: date is not a date: '2023-02-3x' (write YYYY-MM-DD, e.g. 2024-03-28)",
    ),
    ("2024-01-02,tin,AM,2000", "metal: unknown metal 'tin' (valid: gold, silver, platinum)"),
    ("2024-01-02,gold,XM,2000", "session: session must be AM, PM or empty, not 'XM'"),
    ("2024-01-02,gold,AM,abc", "usd_per_troy_ounce: usd_per_troy_ounce is not a number: 'abc'"),
    (
        "2024-01-02,gold,AM,0",
        "usd_per_troy_ounce: usd_per_troy_ounce must be greater than zero, not 0",
    ),
    (
        "2024-01-02,gold,AM,2000000",
        "usd_per_troy_ounce: usd_per_troy_ounce 2000000 is implausibly large (USD per troy ounce)",
    ),
]


@pytest.mark.parametrize(
    ("row", "why"), BAD_PRICE_ROWS, ids=[w.split(":")[0] for _, w in BAD_PRICE_ROWS]
)
def test_a_bad_price_row_names_file_line_and_column(row: str, why: str) -> None:
    """Each unreadable cell of a price file: the error names the file, the line and the column."""
    text = "date,metal,session,usd_per_troy_ounce\n" + row + "\n"
    with pytest.raises(InputError) as caught:
        PriceTable.from_text(text, source="p.csv")
    assert str(caught.value) == f"p.csv:2: {why}"


def test_duplicate_daily_prices_and_every_bad_row_are_reported() -> None:
    """A silver price twice on one day names the first row; the bad row after it is counted."""
    text = "date,metal,session,usd_per_troy_ounce\n2024-01-02,silver,,20\n2024-01-02,silver,,21\n"
    text += "2024-01-03,gold,XM,1\n2024-01-04,gold,AM,1\n"
    with pytest.raises(InputError) as caught:
        PriceTable.from_text(text, source="p.csv")
    assert str(caught.value) == (
        "p.csv:3: date: duplicate price for silver daily on 2024-01-02 (first on row 2)"
        " (and 1 more problem)"
    )
    assert getattr(caught.value, "file", None) == "p.csv"


def test_price_file_over_64_mib_is_refused_unread(tmp_path: Path) -> None:
    """A price file one byte over 64 MiB is refused by its size (a sparse file: nothing read)."""
    path = tmp_path / "prices.csv"
    with path.open("wb") as fh:
        fh.truncate(64 * 2**20 + 1)
    with pytest.raises(InputError, match="price file holds more than 67108864 bytes"):
        PriceTable.from_csv(path)


def test_price_file_delimiter_and_decimal_mark_given_are_obeyed(tmp_path: Path) -> None:
    """A ';' file with decimal commas is read as such, refused when told ',' or a decimal dot."""
    path = tmp_path / "prices.csv"
    path.write_text("date;metal;session;usd_per_troy_ounce\n2024-01-02;gold;AM;2000,50\n")
    found = PriceTable.from_csv(path, delimiter=";", decimal=",").lookup(
        Metal.GOLD, date(2024, 1, 2)
    )
    assert found.per_troy_ounce.amount == Decimal("2000.50")
    with pytest.raises(InputError, match="lacks columns"):
        PriceTable.from_csv(path, delimiter=",")
    with pytest.raises(InputError, match="is not a number: '2000,50'"):
        PriceTable.from_csv(path, delimiter=";", decimal=".")


def test_price_workbook_sheet_given_is_read(tmp_path: Path) -> None:
    """A workbook whose prices are on its second sheet: read with sheet="prices", not without."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "notes"
    book.active.append(["hello"])
    sheet = book.create_sheet("prices")
    sheet.append(list(("date", "metal", "session", "usd_per_troy_ounce")))
    sheet.append(["2024-01-02", "gold", "AM", "2000"])
    path = tmp_path / "prices.xlsx"
    book.save(path)
    found = PriceTable.from_csv(path, sheet="prices").lookup(Metal.GOLD, date(2024, 1, 2))
    assert found.per_troy_ounce.amount == Decimal("2000")
    with pytest.raises(InputError, match="sheet notes"):
        PriceTable.from_csv(path)


def _later(std: Standard, day: date) -> tuple[str, ...]:
    q = quote(std, "gold", "1kg", "1", reference_price="1000", sale_date=day)
    [notice] = [n for n in q.notices if n.code == "out_of_force"]
    later: tuple[str, ...] = notice.args["later"]
    return later


def test_out_of_force_warning_names_the_successors_that_priced_the_day() -> None:
    """A sale after fairtrade-fairmined-2010 ended names the successors whose schedule covers
    the sale date: fairtrade-gold-2013 alone on 2014-01-01, before fairmined-2.0 (2014-04-05)
    priced gold, both a year later."""
    std = load_standard("fairtrade-fairmined-2010")
    assert _later(std, date(2014, 1, 1)) == ("fairtrade-gold-2013",)
    assert _later(std, date(2014, 4, 4)) == ("fairtrade-gold-2013",)
    assert _later(std, date(2015, 1, 1)) == ("fairtrade-gold-2013", "fairmined-2.0")


def test_out_of_force_warning_keeps_a_successor_it_cannot_load(tmp_path: Path) -> None:
    """A successor this installation does not ship cannot be checked: it is named anyway."""
    text = BOUNDARIES.read_text(encoding="utf-8").replace(
        "in_force_to = 2022-12-31\n",
        'in_force_to = 2022-12-31\nsuperseded_by = ["boundaries-next", "fairmined-2.0"]\n',
    )
    path = tmp_path / "boundaries.toml"
    path.write_text(text, encoding="utf-8")
    std = load_standard(path)
    assert _later(std, date(2023, 1, 1)) == ("boundaries-next", "fairmined-2.0")
