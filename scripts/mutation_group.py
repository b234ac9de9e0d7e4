"""Prepare the scratch project of one mutation group (scripts/mutation.sh, docs/testing.md).

mutmut reads its configuration from ``pyproject.toml`` in the directory it runs in and keeps
its results in ``mutants/`` there. To run each group with its own modules and its own targeted
tests (never the whole suite per mutant), each group gets a directory
``.mutation/GROUP/`` holding links to the project and a ``pyproject.toml`` whose
``[tool.mutmut]`` is the project's, with ``only_mutate`` and the test selection replaced by
the group's entry in ``[tool.fairmined.mutation]``. Prints the group's ``functions`` (mutant-name
globs, one a line), if it restricts the run to some functions; mutmut re-runs named mutants
each time, so such a group does not resume, while a whole-module group does.

    python scripts/mutation_group.py pricing
"""

from __future__ import annotations

import json
import os
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: What mutmut must not see through a link: its own results and the scratch projects.
_SKIP = {"mutants", ".mutation", ".git", "pyproject.toml"}


def _without_mutmut_table(text: str) -> str:
    """``pyproject.toml`` without its ``[tool.mutmut]`` table."""
    start = text.index("\n[tool.mutmut]\n")
    end = text.find("\n[", start + 1)
    return text[:start] + ("\n" + text[end:] if end >= 0 else "\n")


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def prepare(group: str) -> list[str]:
    """Write ``.mutation/GROUP/`` and return the group's mutant-name globs (none: all)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    groups = data["tool"]["fairmined"]["mutation"]
    if group not in groups:
        raise SystemExit(f"unknown group {group!r}: one of {', '.join(groups)}")
    entry = groups[group]
    config = dict(data["tool"]["mutmut"])
    config["only_mutate"] = entry["modules"]
    config["pytest_add_cli_args_test_selection"] = entry["tests"]
    scratch = ROOT / ".mutation" / group
    scratch.mkdir(parents=True, exist_ok=True)
    for item in ROOT.iterdir():
        link = scratch / item.name
        # What is already there stays (a snapshot of older tests, to measure a "before").
        if item.name not in _SKIP and not os.path.lexists(link):
            link.symlink_to(os.path.relpath(item, scratch))
    lines = [
        f"{key} = {_toml_list(v) if isinstance(v, list) else json.dumps(v)}"
        for key, v in config.items()
    ]
    table = "\n[tool.mutmut]\n" + "\n".join(lines) + "\n"
    (scratch / "pyproject.toml").write_text(_without_mutmut_table(text) + table, encoding="utf-8")
    globs: list[str] = entry.get("functions", [])
    return globs


if __name__ == "__main__":
    for glob in prepare(sys.argv[1]):
        print(glob)
