"""Money's slot-by-slot builder makes the same frozen objects as the constructor."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given

from fairmined.model import Money
from strategies import money


@given(money())
def test_money_trusted_equals_the_checked_constructor(m: Money) -> None:
    built = Money._trusted(m.amount, m.currency)
    assert built == m
    assert hash(built) == hash(m)
    assert repr(built) == repr(m)


def test_trusted_objects_stay_frozen() -> None:
    m = Money._trusted(Money(1, "USD").amount, "USD")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        m.amount = m.amount  # type: ignore[misc]
