"""The registry of output formats, and which of them each report offers.

To add a format: write a module ``_fmt_<name>.py`` that builds an
:class:`~fairmined.report._output.OutputFormat` taking the kinds of content
it can write, and add it to :data:`FORMATS` below. Every report that produces
one of those kinds offers it, on the command line too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from fairmined.errors import InputError
from fairmined.report._document import Document
from fairmined.report._fmt_csv import CSV
from fairmined.report._fmt_html import HTML
from fairmined.report._fmt_json import JSON
from fairmined.report._fmt_jsonl import JSONL
from fairmined.report._fmt_markdown import MARKDOWN
from fairmined.report._fmt_text import TEXT
from fairmined.report._fmt_xlsx import XLSX
from fairmined.report._output import OutputFormat

__all__ = ["FORMATS", "REPORTS", "check_format", "formats_for", "render", "render_as"]

#: Every output format by name, in the order the command line lists them.
FORMATS: Mapping[str, OutputFormat] = MappingProxyType(
    {f.name: f for f in (TEXT, MARKDOWN, HTML, JSON, JSONL, CSV, XLSX)}
)

#: Per report, the kinds of content it produces (see :data:`~fairmined.report._output.KINDS`);
#: ``"plain"`` means it also writes its own plain text (the ``text`` format) without a
#: :class:`~fairmined.report.Document`.
REPORTS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "audit": ("document", "data", "workbook"),
        "audit-diff": ("document", "data"),
        "quote": ("document", "data"),
        "statement": ("document", "data", "workbook"),
        "lots": ("document", "stream", "workbook"),
        "ledger": ("document", "data", "table"),
        "standards": ("plain", "data"),
    }
)


def formats_for(report: str) -> tuple[str, ...]:
    """The names of the formats ``report`` (a key of :data:`REPORTS`) can be written in."""
    kinds = REPORTS[report]
    return tuple(
        f.name
        for f in FORMATS.values()
        if any(f.takes(k) for k in kinds if k != "plain") or ("plain" in kinds and f is TEXT)
    )


def check_format(fmt: object, report: str = "audit") -> OutputFormat:
    """The format named ``fmt`` if ``report`` offers it; else TypeError (not text) or InputError."""
    if not isinstance(fmt, str):
        raise TypeError(f"fmt must be a str, not {type(fmt).__name__}")
    names = formats_for(report)
    if fmt not in names:
        raise InputError(f"unknown format {fmt!r}", path="fmt", hint="formats: " + ", ".join(names))
    return FORMATS[fmt]


def render(doc: Document, fmt: str) -> str:
    """``doc`` laid out by the format named ``fmt`` (``text``, ``markdown``, ``html``...)."""
    f = FORMATS.get(fmt)
    if f is None or f.document is None:
        raise ValueError(f"unknown format {fmt!r}")
    return f.document(doc)


def render_as(
    fmt: OutputFormat,
    *,
    document: Callable[[], Document] | None = None,
    data: Callable[[], Any] | None = None,
    table: Callable[[], tuple[Sequence[str], Sequence[Sequence[str]]]] | None = None,
) -> str:
    """The report in ``fmt``, built from the first kind of content both offer."""
    if fmt.data is not None and data is not None:
        return fmt.data(data())
    if fmt.table is not None and table is not None:
        return fmt.table(*table())
    if fmt.document is not None and document is not None:
        return fmt.document(document())
    raise InputError(
        f"format {fmt.name!r} writes a file: build it with the report's own function", path="fmt"
    )
