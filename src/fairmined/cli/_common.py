"""Helpers shared by the commands: JSON output, atomic files, flags and their help."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, cast, overload

from fairmined.errors import InputError

__all__ = [
    "STDOUT",
    "FormatChoices",
    "HelpFormatter",
    "Signalled",
    "add_command",
    "add_locale",
    "add_output",
    "add_table_options",
    "category_values",
    "check_out",
    "check_stdin",
    "days",
    "dump_json",
    "epilog",
    "format_values",
    "locale_values",
    "metal_values",
    "output_format",
    "price_age",
    "signals_interrupt",
    "silence_stdout",
    "standard_values",
    "stdout_writer",
    "table_file",
    "table_options",
    "warn",
    "write_atomic",
    "write_file_output",
    "write_output",
]


def dump_json(obj: Any) -> str:
    """JSON text, key order kept, non-ASCII kept (terminal controls escaped), newline-terminated."""
    from fairmined.report import json_safe

    return json_safe(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")


STDOUT = "<stdout>"


def _write_error(name: str, e: OSError) -> InputError:
    return InputError(f"cannot write output: {e.strerror or e}", file=name)


class _Named:
    """A text stream whose OS errors become one ``InputError`` naming where it writes.

    A broken pipe stays a ``BrokenPipeError``: the reader went away, which is
    not an error of ours. After a failed write to standard output, the
    descriptor is pointed at ``/dev/null`` so the interpreter's last flush at
    exit cannot print a second error.
    """

    def __init__(self, raw: IO[Any], name: str, path: str | None = None) -> None:
        self._raw = raw
        self.name = name
        #: The file being written (a temporary file beside ``name``), if any.
        self.path = path

    def write(self, data: Any) -> int:
        try:
            return self._raw.write(data)
        except BrokenPipeError:
            silence_stdout(self._raw)
            raise
        except OSError as e:
            silence_stdout(self._raw)
            raise _write_error(self.name, e) from None

    def writelines(self, lines: Iterable[Any]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._raw.flush()
        except BrokenPipeError:
            silence_stdout(self._raw)
            raise
        except OSError as e:
            silence_stdout(self._raw)
            raise _write_error(self.name, e) from None


def silence_stdout(stream: object = None) -> None:
    """Point standard output's descriptor at /dev/null (after it failed), if ``stream`` is it."""
    if stream is not None and stream is not sys.stdout:
        return
    try:
        fd = sys.stdout.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
    except (OSError, ValueError, io.UnsupportedOperation):
        return  # not a real descriptor (a test's capture): nothing will flush it at exit
    os.dup2(null, fd)
    os.close(null)


def stdout_writer() -> IO[str]:
    """Standard output, with its OS errors reported as one ``error:`` line naming it."""
    return cast(IO[str], _Named(sys.stdout, STDOUT))


def check_out(args: Any) -> None:
    """Refuse an ``--out`` that would damage something, before any work is done.

    ``--out`` must name a regular file (or none yet) in an existing folder:
    not a directory, a device or other special file, a symbolic link (such as
    ``/dev/stdout``), nor any input file of the same command under another
    spelling of its path.
    """
    out = getattr(args, "out", None)
    if out is None:
        return
    try:
        st: os.stat_result | None = os.lstat(out)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise _write_error(out, e) from None
    if st is None:
        if not Path(out).parent.is_dir():
            raise InputError("cannot write output: No such file or directory", file=out)
        return
    if stat.S_ISLNK(st.st_mode):
        raise InputError(
            "cannot write output: it is a symbolic link",
            file=out,
            hint="name the file itself, or leave out --out to write to standard output",
        )
    if stat.S_ISDIR(st.st_mode):
        raise InputError("cannot write output: it is a directory", file=out)
    if not stat.S_ISREG(st.st_mode):
        raise InputError(
            "cannot write output: it is a device or other special file, not a regular file",
            file=out,
            hint="leave out --out to write to standard output",
        )
    for flag, value in _inputs(args):
        try:
            other = os.stat(value)
        except (OSError, ValueError):
            continue
        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
            raise InputError(
                f"cannot write output: it is an input of this command ({flag} {value})",
                file=out,
                hint="write the report to another file",
            )


#: Names of standard input besides ``-``.
_STDIN_NAMES = {"/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"}


def check_stdin(args: Any) -> None:
    """Refuse two inputs read from standard input: the first would take all of it."""
    flags = [
        flag
        for flag, value in _inputs(args)
        if value == "-" or os.path.abspath(value) in _STDIN_NAMES
    ]
    if len(flags) > 1:
        which = (
            f"{flags[0]} names standard input {len(flags)} times"
            if len(set(flags)) == 1
            else f"{' and '.join(flags)} both name standard input"
        )
        raise InputError(
            f"{which}; only one input can come from it",
            hint="save the other to a file",
        )


#: Positional arguments naming input files, by their metavar.
_POSITIONAL = {"lots", "record", "sales", "id"}


def _inputs(args: Any) -> Iterator[tuple[str, str]]:
    """Every flag value of the command that could name a file, with its flag."""
    for key, value in vars(args).items():
        if key in {"out", "func"}:
            continue
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, str | Path) and str(v):
                name = key.upper() if key in _POSITIONAL else "--" + key.replace("_", "-")
                yield name, str(v)


def _mode_for(target: Path) -> int:
    """An existing file's permissions, else 0666 less the umask (not mkstemp's 0600)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


@contextmanager
def atomic_output(path: str | Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """A text (or ``binary``) stream that becomes ``path`` only when the block ends without error.

    It writes to a temporary file beside ``path`` and renames it over
    ``path`` at the end, so a reader never sees a half-written file: either
    the old content or the new. On any error or signal the temporary file is
    removed. The file keeps an existing file's permissions; a new one gets the
    usual 0666 less the umask, not ``mkstemp``'s private 0600. An OS error of
    this file is an ``InputError`` naming ``path``; one from elsewhere in the
    block (a full temporary directory) passes through unchanged.
    """
    target = Path(path)
    name = str(path)
    if target.is_dir():
        raise InputError("cannot write output: it is a directory", file=name)
    directory = target.parent if str(target.parent) else Path(".")
    mode = _mode_for(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as e:
        raise _write_error(name, e) from None
    try:
        try:
            os.fchmod(fd, mode)
            fh: IO[Any] = (
                os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
            )
        except OSError as e:
            os.close(fd)
            raise _write_error(name, e) from None
        try:
            yield cast(IO[Any], _Named(fh, name, tmp))
            try:
                fh.flush()
                os.fsync(fh.fileno())
            except OSError as e:
                raise _write_error(name, e) from None
        finally:
            # After a failed flush, close() fails again: that is not news.
            with contextlib.suppress(OSError):
                fh.close()
        try:
            os.replace(tmp, target)
        except OSError as e:
            raise _write_error(name, e) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_path(path: str | Path) -> Iterator[str]:
    """The path of a file that becomes ``path`` when the block ends without error, for a
    writer that opens the file itself (see :func:`atomic_output`); its OS errors name ``path``."""
    with atomic_output(path, binary=True) as fh:
        tmp = cast(_Named, fh).path
        assert tmp is not None
        try:
            yield tmp
        except OSError as e:
            if e.filename != tmp:
                raise
            raise _write_error(str(path), e) from None


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_output`)."""
    with atomic_output(path) as fh:
        fh.write(text)


def write_file_output(data: bytes, out: str | None, fmt: str) -> None:
    """Write a binary format (``xlsx``) atomically to ``out``; it cannot go to a terminal."""
    if out is None:
        raise InputError(f"--format {fmt} writes a file: give --out FILE", path="--out")
    with atomic_output(out, binary=True) as fh:
        fh.write(data)


def write_output(text: str, out: str | None) -> None:
    """Print ``text`` to stdout, or write it atomically to ``out``; OS errors name either."""
    if out is None:
        stdout_writer().write(text)
    else:
        write_atomic(out, text)


class Signalled(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: unwinds like Ctrl-C, so every temporary file is removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_STOP_SIGNALS = ("SIGTERM", "SIGHUP", "SIGINT")


@contextmanager
def signals_interrupt() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise :class:`Signalled` (SIGINT already
    raises KeyboardInterrupt); later signals are ignored until the cleanup is done.

    Worker processes forked meanwhile die of the signal as usual.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pid = os.getpid()
    numbers = [getattr(signal, n) for n in _STOP_SIGNALS if hasattr(signal, n)]
    caught: list[int] = []

    def handler(signum: int, frame: object) -> None:
        if os.getpid() != pid:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        for n in numbers:
            signal.signal(n, signal.SIG_IGN)
        caught.append(signum)
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise Signalled(signum)

    old = {n: signal.getsignal(n) for n in numbers}
    for n in numbers:
        signal.signal(n, handler)
    try:
        yield
    except BaseException as e:
        # A library running C code (DuckDB) may replace the exception our handler
        # raised with its own ("Query interrupted"): the signal still decides.
        if caught and not isinstance(e, KeyboardInterrupt):
            if caught[0] == signal.SIGINT:
                raise KeyboardInterrupt from e
            raise Signalled(caught[0]) from e
        raise
    finally:
        for n, h in old.items():
            signal.signal(n, h)


def add_locale(p: Any, default: Any = None) -> None:
    """``--locale``: the language and number formats of what people read."""
    p.add_argument(
        "--locale",
        metavar="L",
        default=default,
        help="language and number formats: en, es, fr, pt, or a locale such as es_CO, "
        "fr_BF, pt_BR (default: the environment's LC_ALL / LANG, else en)",
    )


class FormatChoices(Sequence[str]):
    """The formats a report offers, read from the report layer's registry
    (:func:`fairmined.report.formats_for`) when first asked, so that building the
    parser does not import the report layer."""

    def __init__(self, report: str) -> None:
        self.report = report
        self._names: tuple[str, ...] | None = None

    def _get(self) -> tuple[str, ...]:
        if self._names is None:
            from fairmined.report import formats_for

            self._names = formats_for(self.report)
        return self._names

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[str]: ...
    def __getitem__(self, i: int | slice) -> str | Sequence[str]:
        return self._get()[i]

    def __len__(self) -> int:
        return len(self._get())


def add_output(
    p: Any,
    report: str,
    *,
    default: str = "text",
    out: bool = True,
    help: str | None = None,
) -> None:
    """``--format`` (the formats ``report`` offers), its alias ``--json``, ``--out`` (unless
    ``out=False``) and ``--locale``.

    ``--format`` has no argparse default so that :func:`output_format` can tell
    ``--json --format text`` (a contradiction) from ``--json`` alone.
    """
    p.add_argument(
        "--format",
        choices=FormatChoices(report),
        default=None,
        help=help or f"output format: %(choices)s (default: {default})",
    )
    p.add_argument("--json", action="store_true", help="same as --format json")
    p.set_defaults(output_formats=FormatChoices(report))
    if out:
        p.add_argument(
            "--out",
            metavar="FILE",
            help="write to FILE (atomically) instead of stdout; FILE.xlsx means --format xlsx "
            "where the command writes Excel",
        )
    add_locale(p)


def output_format(args: Any, default: str = "text") -> str:
    """The format asked for, checking that ``--json``, ``--format`` and ``--out`` agree.

    ``--out FILE.xlsx`` without ``--format`` means ``--format xlsx`` where the
    command writes Excel; a text format into a file named ``.xlsx`` is refused.
    """
    if args.json and args.format not in (None, "json"):
        raise InputError(f"--json contradicts --format {args.format}", path="--json")
    given = "json" if args.json else args.format
    out = getattr(args, "out", None)
    if given == "xlsx" and out is None:
        raise InputError("--format xlsx writes a file: give --out FILE", path="--out")
    if out is not None and str(out).lower().endswith(".xlsx") and given != "xlsx":
        formats = getattr(args, "output_formats", ())
        if given is None and "xlsx" in formats:
            return "xlsx"  # --out book.xlsx says which format is wanted
        can = "give --format xlsx" if "xlsx" in formats else "this command writes no Excel"
        raise InputError(
            f"--out {out} names an Excel workbook, but --format {given or default} writes text",
            path="--out",
            hint=f"{can}, or name the file for its format",
        )
    return str(given or default)


def warn(text: str, tr: Any) -> None:
    """One translated warning on stderr, wrapped to its width (80 columns when piped)."""
    from fairmined.report import warning_text

    print(warning_text(text, tr), file=sys.stderr)


def add_table_options(p: Any, what: str = "", sheets: Sequence[str] = ()) -> None:
    """``--delimiter``, ``--decimal`` and ``--sheet``: how to read CSV and .xlsx inputs.

    ``--delimiter`` and ``--decimal`` say how the main input was saved; the
    other CSV files (prices, rates...) are detected on their own and take
    the flags only where detection cannot tell (a price file downloaded with
    commas stays readable next to a semicolon sales file). ``--sheet`` picks
    the sheet of the main input (``what``); each flag in ``sheets``
    (``prices``) adds ``--prices-sheet`` for the workbook given to ``--prices``.
    """
    of = f" of {what}" if what else ""
    p.add_argument(
        "--delimiter",
        choices=[",", ";"],
        help=f"CSV cell separator{of} (default: detected from the header); other CSV inputs "
        "take it only where their own cannot be detected",
    )
    p.add_argument(
        "--decimal",
        choices=[".", ","],
        help=f"CSV decimal mark{of} (default: detected from the first rows); other CSV inputs "
        "take it only where their own cannot be detected",
    )
    p.add_argument(
        "--sheet",
        metavar="NAME",
        help=f".xlsx inputs: the sheet{of} (default: the first)",
    )
    for flag in sheets:
        p.add_argument(
            f"--{flag}-sheet",
            metavar="NAME",
            help=f"the sheet of the --{flag} workbook (default: its first)",
        )


def days(text: str) -> int:
    """A whole number of days (--max-price-age), at most five digits."""
    # ArgumentTypeError: argparse would otherwise say "invalid _days value".
    if not text.isascii() or not text.isdigit() or len(text) > 5:
        raise argparse.ArgumentTypeError(f"must be a whole number of days, not {text!r}")
    return int(text)


def price_age(args: Any) -> int:
    """``--max-price-age`` (default 7); given without ``--prices``, an error.

    A price typed on the command line or written in a file's reference_price
    column carries no date, so its age cannot be checked: accepting the flag
    there would promise a check that is not made.
    """
    if args.max_price_age is None:
        from fairmined.pricing import MAX_PRICE_AGE_DAYS

        return MAX_PRICE_AGE_DAYS
    if not args.prices:
        raise InputError(
            "applies to prices looked up in --prices only: a price given by hand or in a "
            "reference_price column has no date to check its age against",
            path="--max-price-age",
        )
    return int(args.max_price_age)


def table_options(args: Any) -> dict[str, Any]:
    """The reading options :func:`fairmined.tables.read_table` takes, from the flags."""
    return {"delimiter": args.delimiter, "decimal": args.decimal, "sheet": args.sheet}


def table_file(args: Any, path: str | None, flag: str | None = None) -> Any:
    """``path`` as a :class:`~fairmined.tables.TableFile` with the command's reading flags.

    ``flag`` names the input (``prices``) whose ``--prices-sheet`` applies; the
    main input takes ``--sheet``. A sheet named for a CSV file is refused.
    """
    from fairmined.tables import TableFile

    if path is None:
        return None
    option = "--sheet" if flag is None else f"--{flag}-sheet"
    sheet = getattr(args, option[2:].replace("-", "_"), None)
    if sheet is not None and not path.lower().endswith((".xlsx", ".xlsm")):
        raise InputError(f"{option} is for .xlsx files, not {path}", path=option)
    return TableFile(
        path,
        sheet=sheet,
        delimiter=args.delimiter,
        decimal=args.decimal,
        detect_first=flag is not None,
    )


# --------------------------------------------------------------------------- help

#: The exit status every command states in its ``--help``.
_EXIT_OK = "  0  ok"
_EXIT_BAD = "  2  bad input or usage: one 'error:' line per problem, no traceback"


class HelpFormatter(argparse.HelpFormatter):
    """Wraps one-paragraph descriptions; keeps a multi-line epilog as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)

    def _format_args(self, action: argparse.Action, default_metavar: Any) -> str:
        # argparse formats every new argument once to check its metavar (with no
        # default metavar): lazy format choices stay unread until help or an error.
        if default_metavar is None and isinstance(action.choices, FormatChoices):
            return "FORMAT"
        return super()._format_args(action, default_metavar)


def epilog(
    example: str,
    *,
    values: Sequence[tuple[str, Sequence[str]]] = (),
    ok: str = "",
    negative: str | None = None,
) -> str:
    """The end of every ``--help``: valid values, one example and the exit status.

    ``values`` pairs a flag with its valid values (one line each);
    ``negative`` says when the command exits 1, ``None`` if it never does.
    """
    lines = []
    if values:
        lines.append("valid values:")
        for flag, items in values:
            lines.append(f"  {flag}")
            lines += [f"      {item}" for item in items]
    lines += ["example:", f"  {example}", "exit status:", _EXIT_OK + (f": {ok}" if ok else "")]
    lines.append(
        f"  1  the verdict is negative: {negative}"
        if negative
        else "  1  not used: this command gives no verdict"
    )
    lines.append(_EXIT_BAD)
    return "\n".join(lines) + "\n"


def add_command(
    sub: Any,
    name: str,
    *,
    help: str,
    description: str,
    example: str,
    values: Callable[[], Sequence[tuple[str, Sequence[str]]]] | None = None,
    ok: str = "",
    negative: str | None = None,
    aliases: Sequence[str] = (),
) -> Any:
    """A sub-command whose ``--help`` ends with :func:`epilog`.

    ``values`` is called only when the help is shown, so listing the standards
    (which loads them) costs nothing on an ordinary run. The valid values of
    ``--format`` and ``--locale`` are added from the parser's own flags, so the
    help cannot drift from what the parser accepts.
    """
    p = sub.add_parser(
        name,
        help=help,
        description=description,
        aliases=list(aliases),
        formatter_class=HelpFormatter,
    )
    p.epilog_builder = lambda: epilog(
        example,
        values=[*(values() if values else ()), *_output_values(p)],
        ok=ok,
        negative=negative,
    )
    return p


def _output_values(p: argparse.ArgumentParser) -> list[tuple[str, list[str]]]:
    """The valid values of the parser's own ``--format`` and ``--locale`` flags."""
    flags = {s: a for a in p._actions for s in a.option_strings}
    rows = []
    if "--format" in flags and flags["--format"].choices is not None:
        rows.append(format_values([str(c) for c in flags["--format"].choices]))
    if "--locale" in flags:
        rows.append(locale_values())
    return rows


def standard_values(flag: str = "--standard ID") -> tuple[str, list[str]]:
    """The shipped standards, id and name (a standard file's path is accepted too)."""
    from fairmined.standards import list_standards, load_standard

    rows = [f"{sid}  {load_standard(sid).info.name}" for sid in list_standards()]
    return flag, [*rows, "or the path of a standard file (*.toml)"]


def metal_values(flag: str = "--metal") -> tuple[str, list[str]]:
    from fairmined.model import Metal

    return flag, [", ".join(m.value for m in Metal)]


def category_values(flag: str = "--category") -> tuple[str, list[str]]:
    from fairmined.standards import CATEGORIES

    return flag, [", ".join(CATEGORIES)]


def format_values(formats: Sequence[str], flag: str = "--format") -> tuple[str, list[str]]:
    return flag, [", ".join(formats) + ("; --json is --format json" if "json" in formats else "")]


def locale_values(flag: str = "--locale") -> tuple[str, list[str]]:
    from fairmined.report import LANGUAGES

    return flag, [
        "translated: " + ", ".join(LANGUAGES),
        "numbers and dates: any CLDR locale, e.g. es_CO, es_PE, fr_BF, pt_BR",
    ]
