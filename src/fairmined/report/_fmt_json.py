"""``json``: one JSON document, indented, key order kept, non-ASCII kept."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fairmined.report._format import json_safe
from fairmined.report._output import OutputFormat, Stream

__all__ = ["JSON", "json_text"]


def json_text(doc: Any) -> str:
    """``doc`` as indented JSON text; characters a terminal would act on are escaped."""
    return json_safe(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


def _stream(s: Stream) -> Iterator[str]:
    # Each item is one JSON text on one line: joined into the document's list.
    yield '{"format": ' + json.dumps(s.document) + ", " + json.dumps(s.key) + ": ["
    separator = "\n  "
    for block in s.blocks:
        yield separator + block[:-1].replace("\n", ",\n  ")
        separator = ",\n  "
    summary = json_safe(json.dumps(s.summary(), ensure_ascii=False))
    yield '\n], "summary": ' + summary + "}\n"


JSON = OutputFormat(
    "json", "one JSON document (--json is the same)", data=json_text, line="json", stream=_stream
)
