"""Independent review of the command line from the user's side (issues 15, 17, 19)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _cli(args: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fairmined", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        **kw,  # type: ignore[call-overload]
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [["--version"], ["-V"], ["--help"], ["premium", "--help"], ["standards", "--help"]]
)
def test_help_and_version_on_a_full_disk_are_one_error_line(args: list[str]) -> None:
    """--help and --version with stdout on /dev/full: one `error:` line, exit 2, no traceback."""
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "fairmined", *args],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == "error: <stdout>: cannot write output: No space left on device\n"
