"""The HTML reports as a person sees them: opened in headless Chromium.

Chromium loads each report from a file, with logging on stderr, and takes a
screenshot. The page must load without console errors, the screenshot must be
a real picture. With ``FAIRMINED_SCREENSHOTS=1`` it is also copied to docs/img/
for the docs (a test run leaves the checkout as it was otherwise): the Spanish
audit report (``audit-report.png``) and the Spanish lot verification report
(``lots-report.png``, run date fixed so the picture does not change by day).
Skips only when chromium is absent outside CI; under CI (``CI`` set) a missing
chromium is a failure, since .ci/run installs it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import struct
import subprocess
from datetime import date
from pathlib import Path

import pytest

from fairmined.audit import evaluate
from fairmined.lots import LotSummary, verify_lots
from fairmined.records import load_record
from fairmined.report import lots_document, render, render_audit, translator
from fairmined.standards import load_standard

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "examples" / "audits" / "fairmined-2.0-child-labour-mercury.json"
IMG = ROOT / "docs" / "img"
LOTS = {
    "lots": "examples/lots/lots.csv",
    "certificates": "examples/lots/certificates.csv",
    "production": "examples/lots/production.csv",
}


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


def _screenshot(html: str, tmp_path: Path, height: int) -> bytes:
    """The page as Chromium draws it at 1280 x ``height``; fails on a console error."""
    browser = _chromium()
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
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
            f"--window-size=1280,{height}",
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
    assert _png_size(data) == (1280, height)
    # a blank page compresses to a few kilobytes; a report has text and tables
    assert len(data) > 40_000, f"screenshot looks empty ({len(data)} bytes)"
    return data


def _keep(data: bytes, name: str) -> None:
    """Copy the screenshot to docs/img/NAME when it changed and FAIRMINED_SCREENSHOTS is set."""
    if not os.environ.get("FAIRMINED_SCREENSHOTS"):
        return
    target = IMG / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)


@pytest.mark.parametrize("locale", ["es_CO"])
def test_html_report_opens_in_chromium_without_errors(locale: str, tmp_path: Path) -> None:
    """The audit report loads with no console error and renders to a non-trivial screenshot."""
    ev = evaluate(load_standard("fairmined-2.0"), load_record(RECORD))
    html = render_audit([ev], "html", translator(locale))
    assert 'lang="es-CO"' in html
    _keep(_screenshot(html, tmp_path, 2000), "audit-report.png")


def _lots_html(locale: str) -> str:
    """The example lots' verification report as HTML, dated 2024-06-30."""
    summary, problems = LotSummary(), []
    with contextlib.chdir(ROOT):
        for r in verify_lots(
            LOTS["lots"], certificates=LOTS["certificates"], production=LOTS["production"]
        ):
            summary.add(r)
            if r.status != "pass":
                problems.append(r)
    doc = lots_document(
        summary, problems, translator(locale), inputs=list(LOTS.items()), run_date=date(2024, 6, 30)
    )
    return render(doc, "html")


@pytest.mark.parametrize("locale", ["es_CO"])
def test_lots_report_opens_in_chromium_without_errors(locale: str, tmp_path: Path) -> None:
    """The lot verification report loads with no console error and renders to a picture."""
    html = _lots_html(locale)
    assert "Verificación de lotes" in html and "prima pagada de menos" in html
    _keep(_screenshot(html, tmp_path, 1800), "lots-report.png")
