"""Fitting plain text to a width: the terminal's, or 80 columns when not a terminal.

Shared by every text report (audit, quote, statement, lots, ledger,
standards): sentences wrap at word boundaries with their continuation lines
indented, and a table too wide for the line wraps its text cells inside their
own columns, so the columns stay aligned in every language.
"""

from __future__ import annotations

import os
import re
import sys
import textwrap
import unicodedata
from collections.abc import Sequence
from typing import TextIO

__all__ = ["PIPE_WIDTH", "display_width", "fit_table", "text_width", "wrap_line"]

#: The width of text written to a pipe or a file.
PIPE_WIDTH = 80
#: Narrower terminals are treated as this wide (a sentence needs some room).
_MIN_WIDTH = 40
#: A space that must not end a line: before French ":", ";", "?", "!", "»" and after "«";
#: between a number's digit groups ("4 000 USD").
_TIGHT = re.compile(r" (?=[:;?!»])|(?<=«) |(?<=\d) (?=\d{3}(?!\d))")
#: A text column is never squeezed below this many characters.
_MIN_COLUMN = 8


def text_width(stream: TextIO | None = None) -> int:
    """Columns to fill: when ``stream`` (default: standard output) is a terminal, its width
    (or ``COLUMNS``, as :func:`shutil.get_terminal_size` reads it), else :data:`PIPE_WIDTH`.

    The width is asked of ``stream`` itself: warnings on a terminal's standard error fill
    its width while standard output goes to a file.
    """
    stream = sys.stdout if stream is None else stream
    try:
        tty = stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    if not tty:
        return PIPE_WIDTH
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = PIPE_WIDTH
    return max(_MIN_WIDTH, columns or PIPE_WIDTH)


def display_width(text: str) -> int:
    """Columns ``text`` takes: combining marks none, wide East Asian characters two."""
    w = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in {"W", "F"} else 1
    return w


def wrap_line(
    text: str, width: int, first: str = "", rest: str | None = None, *, hyphens: bool = False
) -> list[str]:
    """``text`` wrapped to ``width`` columns: ``first`` before the first line, ``rest``
    (default: as many spaces as ``first``) before each continuation line.

    Words longer than the line (a URL, a hash) stay whole rather than being cut; a
    line never starts with French closing punctuation, nor splits a number's digit
    groups (the space becomes a no-break space). With ``hyphens``, a line may also
    break after a hyphen between letters (``fairtrade-`` / ``gold-2013``).
    """
    rest = " " * len(first) if rest is None else rest
    if not text:
        return [first.rstrip()]
    lines = textwrap.wrap(
        _TIGHT.sub("\u00a0", text),
        max(width, len(first) + _MIN_COLUMN, len(rest) + _MIN_COLUMN),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=hyphens,
    )
    return lines or [first.rstrip()]


def fit_table(
    rows: Sequence[Sequence[str]],
    numeric: Sequence[int],
    width: int,
    *,
    header: bool = True,
    keys: int = 0,
) -> list[str]:
    """Rows as aligned columns two spaces apart, at most ``width`` wide where the columns
    can wrap; with ``header``, the first row is the header, ruled with dashes.

    Text cells and header words wrap inside their column (a header word also after a
    hyphen: a standard's id as a column's header); numbers never do. The
    widest column is narrowed first, never below its longest word or number. A
    table still too wide, given ``keys``, is cut into tables of the same rows, one
    under the other, each repeating the first ``keys`` columns (the date and lot,
    say). A table that cannot fit keeps the narrowest width it can have.
    """
    n = len(rows[0]) if rows else 0
    if not n:
        return []
    # Each column's natural width and floor, measured once for every trial cut.
    natural = _natural(rows)
    floor = [_floor(rows, i, i in numeric, header) for i in range(n)]
    groups = _column_groups(natural, floor, numeric, width, keys)
    return [
        line
        for k, cols in enumerate(groups)
        for line in ([""] if k else [])
        + _fitted(rows, numeric, natural, floor, cols, width, header)
    ]


def _fitted(
    rows: Sequence[Sequence[str]],
    numeric: Sequence[int],
    natural: Sequence[int],
    floor: Sequence[int],
    cols: Sequence[int],
    width: int,
    header: bool,
) -> list[str]:
    """The columns ``cols`` of ``rows`` as one table at most ``width`` wide (if it can)."""
    widths = _narrowed(
        [natural[i] for i in cols], [floor[i] for i in cols], _local(cols, numeric), width
    )
    out: list[str] = []
    for k, row in enumerate(rows):
        head = header and k == 0
        cells = [
            wrap_line(row[i], w, hyphens=head) if head or i not in numeric else [row[i]]
            for i, w in zip(cols, widths, strict=True)
        ]
        for j in range(max(len(c) for c in cells)):
            parts = []
            for i, c, w in zip(cols, cells, widths, strict=True):
                text = c[j] if j < len(c) else ""
                gap = " " * max(0, w - display_width(text))
                parts.append(gap + text if i in numeric else text + gap)
            out.append("  ".join(parts).rstrip())
        if head:
            out.append("  ".join("-" * w for w in widths))
    return out


def _natural(rows: Sequence[Sequence[str]]) -> list[int]:
    return [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]


def _span(widths: Sequence[int]) -> int:
    return sum(widths) + 2 * (len(widths) - 1)


def _local(cols: Sequence[int], numeric: Sequence[int]) -> list[int]:
    """Which of ``cols`` (by their place among them) are numeric."""
    return [j for j, i in enumerate(cols) if i in numeric]


def _fits(
    natural: Sequence[int],
    floor: Sequence[int],
    numeric: Sequence[int],
    cols: Sequence[int],
    width: int,
) -> bool:
    sub = _narrowed(
        [natural[i] for i in cols], [floor[i] for i in cols], _local(cols, numeric), width
    )
    return _span(sub) <= width


def _column_groups(
    natural: Sequence[int],
    floor: Sequence[int],
    numeric: Sequence[int],
    width: int,
    keys: int,
) -> list[list[int]]:
    """The columns of each table a too-wide table is cut into: the fewest tables that
    fit, the other columns shared out evenly after the ``keys`` columns; one group
    (the whole table) when it fits, or when no cut makes it fit."""
    n = len(natural)
    whole = list(range(n))
    if _fits(natural, floor, numeric, whole, width) or not 0 < keys < n - 1:
        return [whole]
    rest = list(range(keys, n))
    for count in range(2, len(rest) + 1):
        size, extra = divmod(len(rest), count)
        groups, at = [], 0
        for g in range(count):
            take = size + (1 if g < extra else 0)
            groups.append([*range(keys), *rest[at : at + take]])
            at += take
        if all(_fits(natural, floor, numeric, cols, width) for cols in groups):
            return groups
    return [whole]


def _floor(rows: Sequence[Sequence[str]], i: int, numeric: bool, header: bool) -> int:
    """How narrow column ``i`` may get: its longest word, or its widest number."""
    body = rows[1:] if header else rows
    head = [display_width(w) for w in _header_words(rows[0][i])] if header else []
    if not numeric:
        words = [display_width(w) for r in body for w in r[i].split()]
        return max(_MIN_COLUMN, max(words + head, default=0))
    return max([display_width(r[i]) for r in body] + head + [1])


def _header_words(text: str) -> list[str]:
    """A header's unbreakable pieces: its words, split after a hyphen between letters."""
    return [p for w in text.split() for p in wrap_line(w, 1, hyphens=True)]


def _narrowed(
    natural: Sequence[int], floor: Sequence[int], numeric: Sequence[int], width: int
) -> list[int]:
    """Column widths from their natural widths and floors: numeric columns' headers wrap
    first (only the header grows taller), then the text columns, the widest first."""
    widths = list(natural)
    cols = range(len(widths))
    for phase in ([i for i in cols if i in numeric], [i for i in cols if i not in numeric]):
        while sum(widths) + 2 * (len(widths) - 1) > width:
            over = sum(widths) + 2 * (len(widths) - 1) - width
            room = [i for i in phase if widths[i] > floor[i]]
            if not room:
                break
            i = max(room, key=lambda c: widths[c])
            others = [widths[c] for c in room if c != i]
            step = min(over, widths[i] - floor[i], max(1, widths[i] - max(others, default=0)))
            widths[i] -= step
    return widths
