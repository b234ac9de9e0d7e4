"""The HTML audit report as a person sees it: opened in headless Chromium.

Chromium loads the report from a file, with logging on stderr, and takes a
screenshot. The page must load without console errors, the screenshot must be
a real picture, and it is copied to docs/img/audit-report.png for the docs.
Skips only when chromium is absent outside CI; under CI (``CI`` set) a missing
chromium is a failure, since .ci/run installs it.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from fairmined.audit import evaluate
from fairmined.records import load_record
from fairmined.report import render_audit, translator
from fairmined.standards import load_standard

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "examples" / "audits" / "fairmined-2.0-child-labour-mercury.json"
SCREENSHOT = ROOT / "docs" / "img" / "audit-report.png"


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed, but CI is set: .ci/run must install it")
    pytest.skip("chromium is not installed (apt-get install chromium); CI installs it")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("locale", ["es_CO"])
def test_html_report_opens_in_chromium_without_errors(locale: str, tmp_path: Path) -> None:
    """The report loads with no console error and renders to a non-trivial screenshot."""
    browser = _chromium()
    ev = evaluate(load_standard("fairmined-2.0"), load_record(RECORD))
    page = tmp_path / "report.html"
    page.write_text(render_audit([ev], "html", translator(locale)), encoding="utf-8")
    png = tmp_path / "shot.png"
    proc = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={png}",
            "--window-size=1280,2000",
            "--enable-logging=stderr",
            "--v=0",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    log = proc.stderr
    console = [line for line in log.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert not console, "console errors:\n" + "\n".join(console)
    assert png.is_file(), f"no screenshot (exit {proc.returncode}):\n{log[-2000:]}"
    data = png.read_bytes()
    assert _png_size(data) == (1280, 2000)
    # a blank page compresses to a few kilobytes; the report has text, tables and a chart
    assert len(data) > 40_000, f"screenshot looks empty ({len(data)} bytes)"
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    if not SCREENSHOT.exists() or SCREENSHOT.read_bytes() != data:
        shutil.copyfile(png, SCREENSHOT)
