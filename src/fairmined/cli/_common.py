"""Helpers shared by the commands: JSON output, atomic files, flag values."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from fairmined.errors import InputError

__all__ = [
    "add_locale",
    "add_output",
    "add_table_options",
    "dump_json",
    "output_format",
    "table_options",
    "warn",
    "write_atomic",
    "write_output",
]


def dump_json(obj: Any) -> str:
    """JSON text, key order kept, non-ASCII kept, newline-terminated."""
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


@contextmanager
def atomic_output(path: str | Path) -> Iterator[IO[str]]:
    """A text stream that becomes ``path`` only when the block ends without error.

    It writes to a temporary file beside ``path`` and renames it over
    ``path`` at the end, so a reader never sees a half-written file: either
    the old content or the new. On any error the temporary file is removed.
    The file gets the usual permissions (0666 less the umask), not
    ``mkstemp``'s private 0600.
    """
    target = Path(path)
    if target.is_dir():
        raise InputError("cannot write output: it is a directory", file=str(path))
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as e:
        raise InputError(f"cannot write output: {e.strerror}", file=str(path)) from None
    try:
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(fd, 0o666 & ~mask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write output: {e.strerror}", file=str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_output`)."""
    with atomic_output(path) as fh:
        fh.write(text)


def write_output(text: str, out: str | None) -> None:
    """Print ``text`` to stdout, or write it atomically to ``out``."""
    if out is None:
        sys.stdout.write(text)
    else:
        write_atomic(out, text)


def add_locale(p: Any) -> None:
    """``--locale``: the language and number formats of what people read."""
    p.add_argument(
        "--locale",
        metavar="L",
        help="language and formats: en, es_CO, es_PE, fr_BF, fr, pt_BR... "
        "(default: the environment's LC_ALL / LC_MESSAGES / LANG, else en)",
    )


def add_output(p: Any, *, formats: tuple[str, ...] = ("text", "markdown", "html", "json")) -> None:
    """``--format``, its alias ``--json``, ``--out`` and ``--locale``."""
    p.add_argument(
        "--format",
        choices=formats,
        default=None,
        help="output format (default: text)",
    )
    p.add_argument("--json", action="store_true", help="same as --format json")
    p.add_argument("--out", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    add_locale(p)


def output_format(args: Any) -> str:
    """The format asked for, checking that ``--json`` and ``--format`` agree."""
    if args.json:
        if args.format not in (None, "json"):
            raise InputError(f"--json contradicts --format {args.format}", path="--json")
        return "json"
    return str(args.format or "text")


def warn(text: str, tr: Any) -> None:
    """One translated warning line on stderr."""
    print(tr._("warning: {message}", message=text), file=sys.stderr)


def add_table_options(p: Any) -> None:
    """``--delimiter``, ``--decimal`` and ``--sheet``: how to read the main CSV or .xlsx input.

    Other files a command reads (prices, rates) are detected on their own.
    """
    p.add_argument(
        "--delimiter",
        choices=[",", ";"],
        help="CSV cell separator (default: detected from the header)",
    )
    p.add_argument(
        "--decimal",
        choices=[".", ","],
        help="CSV decimal mark (default: detected from the first rows)",
    )
    p.add_argument("--sheet", metavar="NAME", help=".xlsx inputs: the sheet (default: the first)")


def table_options(args: Any) -> dict[str, Any]:
    """The reading options :func:`fairmined.tables.read_table` takes, from the flags."""
    return {"delimiter": args.delimiter, "decimal": args.decimal, "sheet": args.sheet}
