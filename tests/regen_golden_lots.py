"""Regenerate the golden output of the lots example: python tests/regen_golden_lots.py.

Review the diff before committing: a changed golden file is a changed verdict.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from fairmined.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "lots"
GOLDEN = ROOT / "tests" / "golden" / "lots"


def run(fmt: str) -> tuple[int, str]:
    """Run the example as the docs show it, from the repository root."""
    out = io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(out):
        code = main(
            [
                "verify-lots",
                "examples/lots/lots.csv",
                "--certificates",
                "examples/lots/certificates.csv",
                "--production",
                "examples/lots/production.csv",
                "--format",
                fmt,
            ]
        )
    return code, out.getvalue()


def main_() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for fmt in ("jsonl", "csv", "json"):
        code, text = run(fmt)
        assert code == 1, code
        (GOLDEN / f"example.{fmt}").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main_()
