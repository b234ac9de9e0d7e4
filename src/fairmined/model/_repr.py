"""Short reprs: a REPL shows one line per object, never the whole content.

``repr_of("id", "status")`` makes a ``__repr__`` showing those attributes;
each value is bounded (text cut with an ellipsis, a file name, named ``file``,
``path`` or ``*source``, to its end; a list shows its first items, any other
collection its size; a related object shows its id) and the whole line by
:data:`REPR_LIMIT`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection, Mapping
from datetime import date
from decimal import Decimal

__all__ = ["REPR_LIMIT", "SHORT", "repr_line", "repr_of", "shorten"]

#: The most characters a repr takes.
REPR_LIMIT = 200
#: The most characters of one echoed value (an id, a title, a file name).
SHORT = 40
_ELLIPSIS = "…"
#: The most items a list shows (any other collection shows its size).
_ITEMS = 4


def shorten(text: str, limit: int = SHORT, *, keep_end: bool = False) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis when longer.

    ``keep_end`` keeps the last characters instead (a file name, not its folders).
    """
    flat = " ".join(text.split()) if any(c in text for c in "\r\n\t\v\f") else text
    if len(flat) <= limit:
        return flat
    if keep_end:
        return _ELLIPSIS + flat[len(flat) - limit + 1 :]
    return flat[: limit - 1] + _ELLIPSIS


def _is_path(name: str) -> bool:
    return name in ("file", "path") or name.endswith("source")


def _brief(value: object, keep_end: bool = False) -> str:
    """A bounded text for one attribute's value."""
    if value is None or isinstance(value, bool | int):
        return repr(value)
    if isinstance(value, enum.Enum):
        return _brief(value.value)
    if isinstance(value, str):
        return repr(shorten(value, keep_end=keep_end))
    if isinstance(value, Decimal | date):
        return shorten(str(value))
    if isinstance(value, list):
        items = [_brief(v) for v in value[:_ITEMS]]
        return f"[{', '.join(items)}{', …' if len(value) > _ITEMS else ''}]"
    if isinstance(value, Mapping | Collection):
        return str(len(value))
    ident = getattr(value, "id", None)
    if isinstance(ident, str):
        return repr(shorten(ident))
    if type(value).__str__ is not object.__str__:
        return shorten(str(value))
    return shorten(repr(value))


def repr_line(name: str, /, **fields: object) -> str:
    """``Name(key=value, ...)`` with every value bounded, at most REPR_LIMIT characters."""
    line = f"{name}({', '.join(f'{k}={_brief(v, _is_path(k))}' for k, v in fields.items())})"
    if len(line) <= REPR_LIMIT:
        return line
    return line[: REPR_LIMIT - 2] + _ELLIPSIS + ")"


def repr_of(*names: str) -> Callable[[object], str]:
    """A ``__repr__`` showing the attributes ``names`` (properties too), bounded."""

    def __repr__(self: object) -> str:
        return repr_line(type(self).__name__, **{n: getattr(self, n) for n in names})

    return __repr__
