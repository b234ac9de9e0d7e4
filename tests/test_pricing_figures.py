"""Quoter gives the same floor price and premium as quote()."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from fairmined.model import Fineness, Mass, Metal
from fairmined.pricing import Quoter, quote
from fairmined.standards import load_standard


@given(
    standard=st.sampled_from(["fairtrade-fairmined-2010", "fairtrade-gold-2013", "fairmined-2.0"]),
    metal=st.sampled_from(list(Metal)),
    grams=st.integers(1, 10_000_000).map(lambda n: Decimal(n).scaleb(-3)),
    fineness=st.sampled_from(["0.995", "18k", "999.9‰", "0.5", "22k", "0.9999"]),
    reference=st.integers(1, 100_000_000).map(lambda n: Decimal(n).scaleb(-2)),
    days=st.integers(0, 5000),
    ecological=st.booleans(),
)
def test_quoter_figures_equal_quote(standard, metal, grams, fineness, reference, days, ecological):
    """Floor price and premium match quote() to the cent on random sales."""
    day = date(2014, 4, 5) + timedelta(days=days)
    std = load_standard(standard)
    q = quote(
        std,
        metal,
        Mass(grams, "g"),
        fineness,
        reference_price=reference,
        sale_date=day,
        ecological=ecological,
    )
    fine_g = Fineness.parse(fineness).apply(Mass(grams, "g").grams)
    quoter = Quoter(std, metal, ecological=ecological)
    f = quoter.figures(fine_g, reference, day)
    assert quoter.floor_and_premium(fine_g, reference, day) == (
        f.floor_price.amount,
        f.premium.amount,
    )
    assert f.floor_price == q.floor_price
    assert f.premium == q.premium
    assert f.schedule == q.schedule
    assert f.premium_rule == q.premium_rule
