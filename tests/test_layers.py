"""The package's layers import one way only, and babel stays in its corner."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "fairmined"

#: Lower layers first. A module may import from its own layer's package and
#: from lower layers, never from a higher one or from a sibling at its level.
LAYERS: list[set[str]] = [
    {"errors", "_version"},
    {"files"},
    {"model"},
    {"tables"},
    {"rules"},
    {"records"},
    {"standards"},
    {"pricing"},
    {"audit", "lots", "statement"},
    {"report"},
    {"cli", "__main__", "__init__"},
]
#: The only modules that may import babel (the model validates currency codes
#: against it, lazily; the report layer formats for people).
BABEL_ALLOWED = {"report", "model"}


def _layer_of(top: str) -> int:
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    raise AssertionError(f"module fairmined.{top} is in no layer: add it to LAYERS")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append(node.module)
    return out


def _top(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0].removesuffix(".py")


SOURCES = sorted(p for p in SRC.rglob("*.py") if "_standards" not in p.parts)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(SRC)))
def test_module_imports_only_lower_layers(path: Path) -> None:
    """Every fairmined import in a module points to its own package or a lower layer."""
    mine = _top(path)
    level = _layer_of(mine)
    for name in _imports(path):
        parts = name.split(".")
        if parts[0] != "fairmined" or len(parts) == 1:
            continue
        other = parts[1]
        if other == mine:
            continue
        assert _layer_of(other) < level or mine in {"__init__", "__main__"}, (
            f"{path.relative_to(SRC)} imports {name}: layer {mine} may not import {other}"
        )


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(SRC)))
def test_babel_only_where_allowed(path: Path) -> None:
    """Only the report layer (and the model's currency check) import babel."""
    if _top(path) in BABEL_ALLOWED:
        return
    for name in _imports(path):
        assert name.split(".")[0] != "babel", f"{path.relative_to(SRC)} imports {name}"


def test_every_source_file_is_in_a_layer() -> None:
    """A new top-level module must be placed in the layer list on purpose."""
    for path in SOURCES:
        _layer_of(_top(path))
