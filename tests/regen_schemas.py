"""Write the JSON Schema of every output document to docs/schemas/ (see docs/reports.md).

Run: python tests/regen_schemas.py, then review the diff. tests/test_output_schemas.py
fails while a file here is out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_DIR = ROOT / "docs" / "schemas"


def schema_path(name: str) -> Path:
    """``fairmined-quote/1`` -> docs/schemas/fairmined-quote-1.schema.json."""
    return SCHEMA_DIR / (name.replace("/", "-") + ".schema.json")


def expected() -> dict[Path, str]:
    """Every schema file's content, by path."""
    from fairmined.report import DOCUMENTS, SCHEMAS

    return {
        schema_path(DOCUMENTS[kind]): json.dumps(s, indent=2, ensure_ascii=False) + "\n"
        for kind, s in SCHEMAS.items()
    }


def main() -> int:
    SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
    for path, text in expected().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
