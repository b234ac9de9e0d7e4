"""Signals during a command: the signal decides the outcome, whatever C code did with it."""

from __future__ import annotations

import os
import signal

import pytest

from fairmined.cli._common import Signalled, signals_interrupt


def test_signal_replaced_by_library_error_still_unwinds_as_the_signal() -> None:
    """A SIGTERM whose exception C code replaced (DuckDB's 'Query interrupted') is Signalled."""
    with pytest.raises(Signalled) as info, signals_interrupt():
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            signal.sigtimedwait([], 0)  # let the handler run here, like a query's check would
        except Signalled:
            raise RuntimeError("Query interrupted") from None
    assert info.value.signum == signal.SIGTERM


def test_error_without_signal_is_left_alone() -> None:
    """An ordinary error inside the block is not turned into an interruption."""
    with pytest.raises(RuntimeError, match="boom"), signals_interrupt():
        raise RuntimeError("boom")


def test_handlers_restored_after_the_block() -> None:
    """The previous SIGTERM handler is back once the block ends, even after a signal."""
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Signalled), signals_interrupt():
        os.kill(os.getpid(), signal.SIGTERM)
        signal.sigtimedwait([], 0)
    assert signal.getsignal(signal.SIGTERM) == before
