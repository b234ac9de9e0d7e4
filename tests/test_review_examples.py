"""Independent review: the example scripts answer a bad OUTPUT_DIR like the CLI does (issue 19)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *argv], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize("script", ["examples/certifier_audit.py", "examples/cooperative_quote.py"])
def test_an_output_dir_that_is_a_file_is_one_error_line(script: str, tmp_path: Path) -> None:
    """OUTPUT_DIR naming a file: one `error:` line, exit 2, no traceback, the file untouched."""
    target = tmp_path / "a-file"
    target.write_text("keep\n", encoding="utf-8")
    proc = _run([script, str(target)])
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == f"error: {target}: not a folder\n"
    assert target.read_text(encoding="utf-8") == "keep\n"


@pytest.mark.parametrize("script", ["examples/certifier_audit.py", "examples/cooperative_quote.py"])
def test_an_output_dir_that_cannot_be_made_is_one_error_line(script: str, tmp_path: Path) -> None:
    """OUTPUT_DIR under a file cannot be created: one `error:` line, exit 2, no traceback."""
    parent = tmp_path / "a-file"
    parent.write_text("keep\n", encoding="utf-8")
    proc = _run([script, str(parent / "out")])
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error: ") and proc.stderr.count("\n") == 1


def test_buyer_verify_says_why_a_lot_is_invalid() -> None:
    """An invalid lot's line names its reason, and an unreadable row is named by its line."""
    out = _run(["examples/buyer_verify.py", "en"]).stdout
    invalid = [x for x in out.splitlines() if "cannot be read" in x and x.startswith("Line")]
    assert [line.split(":")[0].split(",")[0] for line in invalid] == [
        f"Line {n}" for n in range(17, 23)
    ]
    assert "Line 18: The row cannot be read" in out and "?" not in out


def test_certifier_audit_says_why_an_action_has_no_deadline() -> None:
    """A core corrective action without a deadline says why, not 'due no deadline'."""
    out = _run(["examples/certifier_audit.py"]).stdout
    assert "no deadline" not in out
    assert "certification waits until it is corrected" in out
