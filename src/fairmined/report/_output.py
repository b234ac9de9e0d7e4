"""What an output format is, and what a report hands it.

A format takes one or more kinds of content a report can produce:

- ``document``: a report for people (:class:`~fairmined.report.Document`),
  laid out as text, Markdown or HTML;
- ``data``: a machine document (JSON-compatible dicts and lists);
- ``table``: column names and rows of cells;
- ``stream``: items already written one by one (a lot per line), framed
  into one output with their summary (:class:`Stream`);
- ``workbook``: a binary file the report builds itself (``xlsx``).

A report offers the formats that take one of its kinds (see
:func:`fairmined.report.formats_for`), so a new format is one module that
builds an :class:`OutputFormat` and one line in the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs

from fairmined.report._document import Document

__all__ = ["KINDS", "OutputFormat", "Stream"]

#: The kinds of content a report can hand a format.
KINDS = ("document", "data", "table", "stream", "workbook")


@attrs.frozen
class Stream:
    """A report written item by item: blocks of lines, then a summary read at the end."""

    #: Blocks of ``"\\n"``-terminated lines, one item per line, in the format's ``line``.
    blocks: Iterable[str]
    #: Column names (for a format whose lines are table rows).
    columns: Sequence[str]
    #: The key of the items' list in one JSON document (``lots``).
    key: str
    #: The versioned format name of the whole document (``fairmined-lots/1``).
    document: str
    #: The versioned format name of the summary written on its own line.
    summary_document: str
    #: The summary object; called once every block has been written.
    summary: Callable[[], dict[str, Any]]


@attrs.frozen
class OutputFormat:
    """One output format: its name, what it is for, and how it writes each kind it takes."""

    name: str
    help: str
    #: Lays out a report for people.
    document: Callable[[Document], str] | None = None
    #: Writes a machine document.
    data: Callable[[Any], str] | None = None
    #: Writes a table: column names, then rows.
    table: Callable[[Sequence[str], Iterable[Sequence[str]]], str] | None = None
    #: How each item of a stream is written (``"json"`` or ``"csv"``) and how the
    #: items are framed into one output.
    line: str | None = None
    stream: Callable[[Stream], Iterator[str]] | None = None
    #: A binary file the report builds itself; it cannot go to a terminal.
    workbook: bool = False

    def takes(self, kind: str) -> bool:
        """Whether this format writes content of ``kind`` (one of :data:`KINDS`)."""
        if kind == "workbook":
            return self.workbook
        if kind == "stream":
            return self.stream is not None
        return getattr(self, kind) is not None
