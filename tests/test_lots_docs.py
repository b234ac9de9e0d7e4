"""The buyer guide's Python example runs as written, from the repository root."""

from __future__ import annotations

import doctest
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_buyer_guide_doctest(monkeypatch):
    """docs/buyer-guide.md's >>> examples give the output shown."""
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(ROOT / "docs" / "buyer-guide.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted > 0
    assert result.failed == 0
    assert os.getcwd() == str(ROOT)
