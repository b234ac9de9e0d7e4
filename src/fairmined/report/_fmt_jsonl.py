"""``jsonl``: JSON Lines, one JSON document per item, then the summary's line."""

from __future__ import annotations

import json
from collections.abc import Iterator

from fairmined.report._format import json_safe
from fairmined.report._output import OutputFormat, Stream

__all__ = ["JSONL"]


def _stream(s: Stream) -> Iterator[str]:
    yield from s.blocks
    doc = {"format": s.summary_document, "summary": s.summary()}
    yield json_safe(json.dumps(doc, ensure_ascii=False)) + "\n"


JSONL = OutputFormat("jsonl", "JSON Lines: one JSON document per line", line="json", stream=_stream)
