"""Regenerate the golden files of ``fairmined statement`` under tests/golden/statement/.

Run ``python tests/regen_golden_statement.py`` after an intended change to the
statement's figures or layout, then review the diff of tests/golden/statement/
like code: every changed figure must be explained by the change.
tests/test_statement.py compares the command's output with these files byte
for byte (the .xlsx file is compared cell by cell, as openpyxl reads it back).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden" / "statement"
ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "statement"

#: The shipped Spanish example, run from its own directory as the treasurer guide shows.
ARGS = [
    "statement", "ventas.csv", "--standard", "fairmined-2.0", "--prices", "precios.csv",
    "--currency", "COP", "--rates", "tasas.csv", "--locale", "es_CO",
]  # fmt: skip
#: Output format -> golden file name.
FORMATS = {
    "text": "es_CO.txt",
    "markdown": "es_CO.md",
    "html": "es_CO.html",
    "json": "es_CO.json",
    "xlsx": "es_CO.xlsx.txt",
}


def render(fmt: str) -> tuple[int, str, str]:
    """Run the example in this process; return (exit code, stdout, stderr).

    For ``xlsx`` the workbook is written to a temporary file and its stdout is
    :func:`xlsx_dump` of that file.
    """
    import tempfile

    from fairmined.cli import main

    out, err = io.StringIO(), io.StringIO()
    here = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "estado.xlsx"
        extra = ["--out", str(book)] if fmt == "xlsx" else []
        os.chdir(EXAMPLE)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main([*ARGS, "--format", fmt, *extra])
        finally:
            os.chdir(here)
        text = xlsx_dump(book.read_bytes()) if fmt == "xlsx" and code < 2 else out.getvalue()
    return code, text, err.getvalue()


def xlsx_dump(data: bytes) -> str:
    """A workbook as openpyxl reads it back: per sheet, per row, each cell's type,
    number format and value, so a reviewer sees every cell in a diff."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    lines = []
    for ws in wb:
        lines.append(f"== {ws.title} (frozen at {ws.freeze_panes})")
        for row in ws.iter_rows():
            cells = [
                f"{c.value!r}:{c.data_type}:{c.number_format}" for c in row if c.value is not None
            ]
            lines.append(" | ".join(cells))
    return "\n".join(lines) + "\n"


def main() -> int:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for fmt, name in FORMATS.items():
        code, out, err = render(fmt)
        if code != 1:  # two sales of the example are underpaid
            sys.stderr.write(f"{fmt}: exit {code}\n{err}")
            return 1
        (GOLDEN / name).write_text(out, encoding="utf-8", newline="")
        print(f"wrote {(GOLDEN / name).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
