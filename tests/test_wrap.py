"""Text reports fit the terminal, or 80 columns when piped, with the same layout in every
language; not-applicable and not-assessed read apart without colour; countries by name."""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path
from typing import TextIO

import pytest

from fairmined.audit import evaluate
from fairmined.pricing import quote
from fairmined.records import load_record
from fairmined.report import render_audit, render_quote
from fairmined.report._document import Chart, Document, Facts, Para, Section, Table, render_html
from fairmined.report._wrap import PIPE_WIDTH, fit_table, text_width, wrap_line
from fairmined.standards import load_standard

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "es_CO", "fr_BF", "pt_BR")


def _evaluation(name: str = "fairmined-2.0-missing-evidence.json") -> object:
    record = load_record(ROOT / "examples" / "audits" / name)
    return evaluate(load_standard("fairmined-2.0"), record)


def test_text_width_is_80_when_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Written to a pipe or a file, text is 80 columns wide whatever COLUMNS says."""
    monkeypatch.setattr("sys.stdout", io.StringIO())
    monkeypatch.setenv("COLUMNS", "200")
    assert text_width() == PIPE_WIDTH == 80


def test_text_width_follows_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal, text fills the terminal's width (COLUMNS, as shutil reads it)."""

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdout", Tty())
    monkeypatch.setenv("COLUMNS", "132")
    assert text_width() == 132


def test_wrap_line_indents_continuations_and_keeps_long_words() -> None:
    """Continuation lines take the indent; a word longer than the line stays whole."""
    lines = wrap_line("alpha beta gamma delta " + "x" * 30, 20, "! ", "  ")
    assert lines[0].startswith("! alpha") and all(x.startswith("  ") for x in lines[1:])
    assert "  " + "x" * 30 in lines
    assert all(len(x) <= 20 for x in lines if "x" * 30 not in x)


def test_wrap_line_never_splits_a_numbers_digit_groups() -> None:
    """A number written with spaces between its digit groups (4 000 USD) stays on one line."""
    text = "Source de la prime : pages de la Prime : « jusqu'à » 4 000 USD par kilogramme"
    for width in range(40, 80):
        lines = wrap_line(text, width)
        assert any("4\u00a0000" in line for line in lines), lines
        assert not any(line.strip().startswith("000") for line in lines), lines


def test_fit_table_wraps_text_cells_inside_their_column() -> None:
    """A table too wide wraps its text column; numbers stay whole and right-aligned."""
    rows = [("Name", "Amount"), ("a very long buyer name indeed", "1,234.50"), ("b", "7.00")]
    out = fit_table(rows, (1,), 24)
    assert max(len(line) for line in out) <= 24
    assert out[1].startswith("-")
    assert any(line.endswith("1,234.50") for line in out)
    assert any(line.rstrip().endswith("7.00") for line in out)
    starts = {line.index("1,234.50") for line in out if "1,234.50" in line}
    assert len(starts) == 1


def test_fit_table_cuts_a_table_of_numbers_into_parts_repeating_its_keys() -> None:
    """Numbers that cannot fit side by side go in stacked tables repeating the key columns."""
    header = ("Date", "Lot", *(f"Amount {i}" for i in range(7)))
    body = [
        ("2024-03-04", f"EP-10{k}", *(f"{k}1.076.897.00{i}" for i in range(7))) for k in range(3)
    ]
    rows = [header, *body]
    assert max(len(line) for line in fit_table(rows, range(2, 9), 80)) > 80
    out = fit_table(rows, range(2, 9), 80, keys=2)
    assert max(len(line) for line in out) <= 80
    parts = "\n".join(out).split("\n\n")
    assert len(parts) >= 2
    for part in parts:
        assert part.startswith("Date") and "EP-102" in part
    for k, i in ((k, i) for k in range(3) for i in range(7)):
        assert sum(line.count(f"{k}1.076.897.00{i}") for line in out) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_audit_text_fits_80_columns_in_every_language(lang: str) -> None:
    """The audit text report fits 80 columns in every language, its hashes included."""
    text = render_audit([_evaluation()], "text", lang)  # type: ignore[list-item]
    assert max(len(line) for line in text.splitlines()) <= 80


@pytest.mark.parametrize("lang", LANGS)
def test_quote_text_fits_80_columns(lang: str) -> None:
    """The quote's facts, table and notes wrap at 80 columns, continuations indented."""
    q = quote(
        "fairtrade-gold-2013",
        "silver",
        "10kg",
        "925‰",
        reference_price="24.78",
        sale_date=date(2024, 3, 29),
        ecological=True,
        currency="COP",
        rate="3912.45",
    )
    text = render_quote(q, "text", lang)
    assert all(len(line) <= 80 for line in text.splitlines()), text


def test_same_layout_in_every_language() -> None:
    """Facts align their values after the longest label; continuations align with them."""
    doc = Document(
        "es",
        "T",
        [Facts([("Corto", "x " * 60), ("Una etiqueta", "y")])],
        [Section("S", [Para("z " * 60, "warning")])],
    )
    from fairmined.report._document import render_text

    lines = render_text(doc, width=40).splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("Corto"))
    facts = lines[first : lines.index("", first)]
    assert len(facts) > 2  # the long value wrapped
    starts = {len(line) - len(line.lstrip()) for line in facts if line.startswith(" ")}
    assert starts == {len("Una etiqueta") + 2}
    warning = [line for line in lines if "z" in line]
    assert warning[0].startswith("! z") and all(w.startswith("  z") for w in warning[1:])


def test_html_chart_tells_not_assessed_from_not_applicable_without_colour() -> None:
    """Not-assessed bars are striped and of their own colour; not-applicable ones plain."""
    chart = Chart(
        "c",
        [("not_applicable", "n/a"), ("not_assessed", "not assessed")],
        [("g", [2, 3])],
    )
    html = render_html(Document("en", "t", [], [Section("s", [chart])]))
    assert html.count("<line ") > 2  # stripes over the not-assessed bar and its legend
    assert 'fill="#3949ab"' in html and 'fill="#b0bec5"' in html
    assert "url(" not in html


def test_html_table_rows_mark_not_applicable_and_not_assessed_apart() -> None:
    """Rows of the two statuses get different border styles, not only different colours."""
    table = Table(["s"], [("a",), ("b",)], marks=["not_applicable", "not_assessed"])
    html = render_html(Document("en", "t", [table], []))
    assert "tr.not_applicable td:first-child { border-left: 4px dotted" in html
    assert "tr.not_assessed td:first-child, li.not_assessed { border-left: 4px dashed" in html


@pytest.mark.parametrize(
    ("lang", "name"), [("en", "Peru"), ("es_CO", "Perú"), ("fr_BF", "Pérou"), ("pt_BR", "Peru")]
)
def test_country_named_from_its_code(lang: str, name: str) -> None:
    """The audit report names the organisation's country (PE) in the reader's language."""
    ev = _evaluation()
    for fmt in ("markdown", "html"):
        out = render_audit([ev], fmt, lang)  # type: ignore[list-item]
        assert name in out and "PE<" not in out and "** PE" not in out


def _pty_stream(columns: int) -> tuple[TextIO, int]:
    """A text stream on a pseudo-terminal ``columns`` wide, and the other end's descriptor."""
    import fcntl
    import pty
    import struct
    import termios

    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    return open(terminal, "w", encoding="utf-8"), controller


@pytest.mark.parametrize("columns", [50, 132])
def test_text_width_asks_the_stream_it_writes_to(columns: int, monkeypatch) -> None:
    """A terminal on the stream given sets the width, whatever standard output is (a file)."""
    monkeypatch.delenv("COLUMNS", raising=False)
    stream, controller = _pty_stream(columns)
    try:
        assert text_width(stream) == columns
        monkeypatch.setenv("COLUMNS", "100")
        assert text_width(stream) == 100
    finally:
        stream.close()
        os.close(controller)
    assert text_width(io.StringIO()) == PIPE_WIDTH
