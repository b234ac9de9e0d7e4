"""The engine's slot-by-slot builders make the same frozen objects as the constructors."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairmined.lots import Finding, LotResult
from fairmined.model import Money
from strategies import money

findings = st.lists(
    st.builds(Finding, st.sampled_from(["duplicate_lot", "premium_underpaid"]), st.text()),
    max_size=3,
).map(tuple)


@given(money())
def test_money_trusted_equals_the_checked_constructor(m: Money) -> None:
    built = Money._trusted(m.amount, m.currency)
    assert built == m
    assert hash(built) == hash(m)
    assert repr(built) == repr(m)


@given(
    st.integers(min_value=1),
    st.none() | st.text(),
    st.sampled_from(["pass", "fail", "invalid"]),
    findings,
    st.none() | money(("USD",)),
    st.none() | money(("USD",)),
    st.none() | st.text(),
)
def test_lot_result_trusted_equals_the_constructor(
    line: int,
    lot_id: str | None,
    status: str,
    found: tuple[Finding, ...],
    due: Money | None,
    paid: Money | None,
    reason: str | None,
) -> None:
    args = (line, lot_id, status, found, due, paid, reason)
    built = LotResult._trusted(*args)  # type: ignore[arg-type]
    expected = LotResult(*args)  # type: ignore[arg-type]
    assert built == expected
    assert hash(built) == hash(expected)
    assert repr(built) == repr(expected)
    assert attrs.asdict(built) == attrs.asdict(expected)


def test_trusted_objects_stay_frozen() -> None:
    m = Money._trusted(Money(1, "USD").amount, "USD")
    r = LotResult._trusted(2, "L-1", "pass", (), m, m)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        m.amount = m.amount  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        r.status = "fail"  # type: ignore[misc]
