"""The output-format registry: every report and the command line take their formats from it."""

from __future__ import annotations

import argparse
import json
from datetime import date
from types import MappingProxyType
from typing import Any

import pytest

import fairmined
from fairmined.cli import _build, main
from fairmined.errors import InputError
from fairmined.report import FORMATS, REPORTS, OutputFormat, formats_for, render_quote
from fairmined.report import _formats as registry

pytestmark = pytest.mark.usefixtures("fresh_standards")

#: The report each command's --format offers.
COMMANDS = {
    ("audit",): "audit",
    ("premium",): "quote",
    ("statement",): "statement",
    ("verify-lots",): "lots",
    ("ledger",): "ledger",
    ("standards",): "standards",
    ("standards", "show"): "standards",
}


def _parser(words: tuple[str, ...]) -> argparse.ArgumentParser:
    parser = _build()
    for word in words:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[word]
    return parser


def _format_flag(parser: argparse.ArgumentParser) -> argparse.Action:
    return next(a for a in parser._actions if "--format" in a.option_strings)


@pytest.mark.parametrize(("words", "report"), COMMANDS.items(), ids=" ".join)
def test_cli_choices_are_the_registry_s(words: tuple[str, ...], report: str) -> None:
    """A command's --format choices are exactly the formats its report offers."""
    assert tuple(_format_flag(_parser(words)).choices or ()) == formats_for(report)


def test_every_format_is_offered_somewhere() -> None:
    """No registered format is dead: some report produces what it takes."""
    offered = {name for report in REPORTS for name in formats_for(report)}
    assert offered == set(FORMATS)


def test_a_report_offers_only_what_it_can_write() -> None:
    """A quote has no workbook and no table: xlsx and csv are refused, naming the choices."""
    q = fairmined.quote(
        "fairmined-2.0", "gold", "1kg", "0.995", reference_price="2000", sale_date=date(2024, 3, 28)
    )
    for fmt in ("xlsx", "csv", "jsonl"):
        with pytest.raises(InputError, match="formats: text, markdown, html, json"):
            render_quote(q, fmt)


def _shout(doc: Any) -> str:
    return json.dumps(doc, sort_keys=True).upper() + "\n"


def test_a_new_format_is_one_object_and_one_registry_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A format added to the registry reaches every report producing its kind, CLI included."""
    shout = OutputFormat("shout", "upper-case JSON", data=_shout)
    monkeypatch.setattr(registry, "FORMATS", MappingProxyType({**FORMATS, "shout": shout}))
    assert "shout" in formats_for("quote") and "shout" in formats_for("ledger")
    assert "shout" not in formats_for("lots"), "lots stream; shout takes a whole document"
    code = main(
        [
            "premium", "--standard", "fairmined-2.0", "--metal", "gold", "--mass", "1kg",
            "--fineness", "0.995", "--reference-price", "2000", "--date", "2024-03-28",
            "--format", "shout",
        ]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert json.loads(out.lower())["standard"] == "fairmined-2.0"
    assert out == out.upper()


@pytest.mark.parametrize("name", list(FORMATS))
def test_format_takes_what_it_writes(name: str) -> None:
    """Each format declares at least one kind, and help text for the command line."""
    f = FORMATS[name]
    assert f.name == name and f.help
    assert any(f.takes(k) for k in ("document", "data", "table", "stream", "workbook"))
    assert (f.line is None) == (f.stream is None), "a stream format says how items are written"
