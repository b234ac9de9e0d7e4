"""Independent review of the public Python API from a newcomer's side (issues 15, 17)."""

from __future__ import annotations

import datetime

import pytest

from fairmined import PriceTable, quote

SALE = datetime.date(2024, 3, 28)


@pytest.mark.parametrize("bad", [1.5, 3, b"prices.csv", object(), ["prices.csv"], {"a": 1}])
def test_quote_prices_of_a_wrong_type_is_a_type_error(bad: object) -> None:
    """quote(prices=...) of neither a path nor a PriceTable raises TypeError naming the type."""
    with pytest.raises(TypeError, match="prices must be a path or a PriceTable"):
        quote("fairmined-2.0", "gold", "1kg", "0.995", prices=bad, sale_date=SALE)  # type: ignore[arg-type]


def test_quote_prices_as_path_or_table_agree() -> None:
    """quote(prices=path) and quote(prices=PriceTable) give the same reference price."""
    path = "examples/prices-illustrative.csv"
    by_path = quote("fairmined-2.0", "gold", "1kg", "0.995", prices=path, sale_date=SALE)
    table = PriceTable.from_csv(path)
    by_table = quote("fairmined-2.0", "gold", "1kg", "0.995", prices=table, sale_date=SALE)
    assert by_path.reference == by_table.reference
    assert by_path.floor_price == by_table.floor_price
