"""A message as data: a code, its facts, and the English sentence."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from fairmined.model._repr import repr_of

__all__ = ["Notice"]


@attrs.frozen
class Notice:
    """A warning or note as data: ``code`` names it, ``args`` hold its facts, ``text``
    is the English.

    The report layer words each code in the reader's language from ``args``;
    ``text`` is the English sentence the plain-string fields keep (scripts
    may match it). Each producer documents its codes.
    """

    __repr__ = repr_of("code", "text")

    code: str
    args: Mapping[str, object] = attrs.field(hash=False)
    text: str

    def __str__(self) -> str:
        return self.text
