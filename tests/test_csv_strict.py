"""Strict CSV (issue 17): a broken quote is reported on the line where it starts, and
reading goes on at the next line, in every CSV reader of the library."""

from __future__ import annotations

import io
from pathlib import Path
from unittest import mock

import pytest

from fairmined.errors import FileProblems, InputError
from fairmined.lots import load_certificates, verify_lots
from fairmined.pricing import PriceTable
from fairmined.tables import FIELD_LIMIT, CsvRecords

ROOT = Path(__file__).resolve().parents[1]
LOTS = (ROOT / "examples/lots/lots.csv").read_text("utf-8").splitlines()
CERTS = ROOT / "examples/lots/certificates.csv"


def _records(text: str) -> list[tuple[int, list[str] | str]]:
    reader = CsvRecords(io.StringIO(text, newline=""), first=2, columns=("a", "b", "c"))
    return [(r.line, r.cells if r.cells is not None else r.error or "") for r in reader]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # Well formed: a quoted cell with a comma, an escaped quote, line breaks.
        ('1,"x,y",3\n4,5,6\n', [(2, ["1", "x,y", "3"]), (3, ["4", "5", "6"])]),
        ('1,"say ""hi""",3\r\n', [(2, ["1", 'say "hi"', "3"])]),
        ('1,"x\ny",3\n4,5,6\n', [(2, ["1", "x\ny", "3"]), (4, ["4", "5", "6"])]),
        ('"1\r\n\r\n",2,3\n', [(2, ["1\r\n\r\n", "2", "3"])]),
        ("1,2,3", [(2, ["1", "2", "3"])]),
        # Opened and never closed: the line alone is broken, the next lines are rows.
        (
            '1,"x,3\n4,5,6\n',
            [
                (2, "b: the quote that opens this cell is not closed before the end"),
                (3, ["4", "5", "6"]),
            ],
        ),
        # A quote inside an unquoted cell, text after a closing quote, a space before a quote.
        ('1,ab"c,3\n4,5,6\n', [(2, "b: a double quote inside a cell"), (3, ["4", "5", "6"])]),
        (
            '"ab"c,2,3\n4,5,6\n',
            [(2, "a: text after the closing quote ('c,2,3')"), (3, ["4", "5", "6"])],
        ),
        ('1,2, "c"\n', [(2, "c: a space before the opening quote")]),
        # A stray quote that a later quote would close: broken where it starts.
        (
            '1,"x,3\n4,5,6\n7,"y",9\n',
            [
                (2, "broken on line 4 (text after the closing quote"),
                (3, ["4", "5", "6"]),
                (4, ["7", "y", "9"]),
            ],
        ),
        # ... even when the record it would make is well formed CSV of the wrong width.
        (
            '1,"x,3\n4,",5,6\n',
            [(2, "(the row has 4 cells, not 3)"), (3, "b: the quote that opens")],
        ),
    ],
)
def test_strict_records(text: str, want: list[tuple[int, list[str] | str]]) -> None:
    """Each record has its first line; a broken one is its first line only, with a reason
    naming the cell, and the next line is read as a record of its own."""
    got = _records(text)
    assert [line for line, _ in got] == [line for line, _ in want]
    for (_, cells), (_, expected) in zip(got, want, strict=True):
        if isinstance(expected, list):
            assert cells == expected
        else:
            assert isinstance(cells, str) and expected in cells, cells


def test_open_quote_looks_ahead_at_most_the_field_limit() -> None:
    """A quote left open is broken once its cell passes FIELD_LIMIT characters, not at EOF."""
    lines = ['1,"x,3\n'] + ["4,5,6\n"] * (FIELD_LIMIT // 6 + 10)
    got = _records("".join(lines))
    assert got[0][0] == 2 and "within 131,072 characters" in str(got[0][1])
    assert len(got) == len(lines)


def _lots_file(tmp_path: Path, rows: int, bad: dict[int, str]) -> Path:
    """``rows`` lots of the example file, row ``n`` (its line n + 1) replaced as ``bad`` says."""
    header, body = LOTS[0], [r for r in LOTS[1:] if '"' not in r]
    out = [header]
    for i in range(rows):
        cells = body[i % len(body)].split(",")
        cells[0] = f"L-{i}"
        out.append(bad.get(i, ",".join(cells)))
    path = tmp_path / "lots.csv"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("chunk", [64, 4096, 1 << 20])
def test_one_stray_quote_loses_no_row(tmp_path: Path, chunk: int) -> None:
    """5,000 rows with one stray quote: 5,000 results, each at its line; only that row is
    invalid, naming the column (issue 17: 3,214 results came out)."""
    stray = 'L-77,2024-02-06,FM-CO-001,"gold,1kg,0.995,false,2200.00,68000.00,3980.00,USD'
    path = _lots_file(tmp_path, 5000, {77: stray})
    with mock.patch("fairmined.lots._engine.CHUNK_CHARS", chunk):
        results = list(verify_lots(path, certificates=CERTS))
    assert [r.line for r in results] == list(range(2, 5002))
    (bad,) = [r for r in results if r.reason and "quote" in r.reason]
    assert bad.line == 79 and bad.status == "invalid"
    assert bad.reason.startswith("line 79: ") and "metal: the quote" in bad.reason
    assert results[78].lot_id == "L-78" and "quote" not in (results[78].reason or "")


def test_quoted_cell_spanning_lines_is_one_row(tmp_path: Path) -> None:
    """A note quoted over two lines (an Excel cell with Alt+Enter) is one row at its first
    line; the next row's line counts both."""
    header = LOTS[0] + ",note"
    row = LOTS[1]
    text = f'{header}\n{row},"checked,\nby JM"\n{row.replace("L-001", "L-999")},ok\n'
    path = tmp_path / "lots.csv"
    path.write_text(text, encoding="utf-8")
    results = list(verify_lots(path, certificates=CERTS))
    assert [(r.line, r.lot_id, r.status) for r in results] == [
        (2, "L-001", "pass"),
        (4, "L-999", "pass"),
    ]


def test_broken_header_is_refused_on_line_1(tmp_path: Path) -> None:
    """A header with a broken quote stops the run: line 1, the reason."""
    path = tmp_path / "lots.csv"
    path.write_text(LOTS[0].replace("metal", 'me"tal') + "\n" + LOTS[1] + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="quote") as info:
        verify_lots(path, certificates=CERTS)
    assert info.value.line == 1


def test_certificate_file_reports_the_quote_and_still_checks_later_rows(tmp_path: Path) -> None:
    """A stray quote on line 3 of a certificates file is reported there; the bad standard on
    line 4 is still found."""
    lines = CERTS.read_text("utf-8").splitlines()
    lines[2] = lines[2].replace(",", ',"', 1)
    lines[3] = (
        lines[3]
        .replace("fairmined-2.0", "fairmined-9.9")
        .replace("fairtrade-gold-2013", "fairmined-9.9")
    )
    path = tmp_path / "certs.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(FileProblems) as info:
        load_certificates(path)
    assert [p.line for p in info.value.problems] == [3, 4]
    assert "quote" in str(info.value.problems[0])


def test_price_file_reports_each_broken_quote_and_reads_on() -> None:
    """In a price file, a broken quote is a problem of its line; reading goes on, so a short
    row two lines later is reported too (the csv module stopped at the first)."""
    text = (
        "date,metal,session,usd_per_troy_ounce\n"
        '2024-03-26,gold,PM,"2180\n'
        "2024-03-27,gold,PM,2190\n"
        "2024-03-28,gold,PM\n"
    )
    with pytest.raises(FileProblems) as info:
        PriceTable.from_text(text, source="prices.csv")
    lines = [p.line for p in info.value.problems]
    assert lines[0] == 2 and 4 in lines, info.value.lines()
    assert "usd_per_troy_ounce" in info.value.lines()[0]


@pytest.mark.parametrize(
    "text",
    [
        '"",' * 400_000 + 'x"\n',  # many quoted cells, broken at the end
        "a," * 400_000 + '"x\n',  # many cells, a quote left open
        '1,"x\n' * 100_000,  # every line a stray quote the next line breaks
        '"' + "a\n" * 100_000,  # a quote open over many lines
    ],
    ids=["quoted-cells", "open-at-end", "stray-every-line", "open-over-lines"],
)
def test_strict_reader_is_linear(text: str) -> None:
    """Broken quotes cost time linear in the text: about a megabyte in well under 5 s (a
    copy of the rest of the line per cell took minutes)."""
    import time

    start = time.perf_counter()
    records = list(CsvRecords(io.StringIO(text, newline="")))
    assert records and time.perf_counter() - start < 5
