"""docs/standards-reference.md is what scripts/gen_standards_reference.py writes now."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_standards_reference_is_up_to_date() -> None:
    """The generated page matches the shipped standard files (regenerate it if not)."""
    spec = importlib.util.spec_from_file_location(
        "gen_standards_reference", ROOT / "scripts" / "gen_standards_reference.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    page = ROOT / "docs" / "standards-reference.md"
    assert page.read_text(encoding="utf-8") == mod.render(), (
        "docs/standards-reference.md is out of date: run python scripts/gen_standards_reference.py"
    )
