"""fairmined.report loads its modules when a name is first used, and gives every name."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import fairmined.report as report

INIT = Path(report.__file__)


def _typed_names() -> dict[str, str]:
    """The names the package's TYPE_CHECKING block imports, by name: their module."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("fairmined.report."):
            module = node.module.rsplit(".", 1)[1]  # type: ignore[union-attr]
            out.update((alias.name, module) for alias in node.names)
    return out


def test_every_public_name_resolves_to_its_module() -> None:
    """Each name of __all__ is the object of the module the package maps it to."""
    assert set(report._WHERE) == set(report.__all__)
    for name in report.__all__:
        value = getattr(report, name)
        module = sys.modules[f"fairmined.report.{report._WHERE[name]}"]
        assert value is getattr(module, name), name


def test_type_checking_imports_match_the_map() -> None:
    """What type checkers see (the TYPE_CHECKING imports) is what runs (the map)."""
    assert _typed_names() == report._WHERE


def test_unknown_name_is_an_attribute_error() -> None:
    """A name the package does not have raises AttributeError, as for any module."""
    with pytest.raises(AttributeError, match="no_such_name"):
        report.no_such_name  # noqa: B018


def test_verify_lots_does_not_load_the_audit_reports() -> None:
    """Writing lots as JSON Lines imports neither the audit nor the statement reports."""
    code = (
        "import sys\n"
        "from fairmined.report import FORMATS, lot_writer, lots_stream_ends, translator\n"
        "print(sorted(m for m in sys.modules if m.startswith(('fairmined.report._audit',"
        " 'fairmined.report._statement', 'fairmined.audit'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
