"""The ``fairmined`` command: a thin shell over the library.

Each command lives in its own module ``_<command>.py`` with ``register`` (adds
its sub-parser) and ``run`` (does the work, returns the exit code). Expected
failures are :class:`~fairmined.errors.FairminedError`: ``main`` prints them as
``error: ...`` lines on stderr and exits with the error's code (2 for bad
input), never with a traceback.
"""

from __future__ import annotations

import argparse
import re
import signal
import sys
import tempfile
from collections.abc import Sequence
from typing import Any

from fairmined._version import __version__
from fairmined.errors import FairminedError, FileProblems, InputError, did_you_mean

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose usage errors become one-line InputErrors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Let values such as "-1kg" or "-5" reach the command, which explains
        # why they are wrong, instead of argparse taking them for flags.
        self._negative_number_matcher = re.compile(r"^-[0-9.]")

    def error(self, message: str) -> None:  # type: ignore[override]
        raise InputError(message, hint=f"see '{self.prog} --help'")

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        # A wrong choice (command, --format, --session...) names the closest one
        # and lists them all, like every other wrong value.
        if action.choices is not None and value not in action.choices:
            hint = did_you_mean(value, [str(c) for c in action.choices])
            raise argparse.ArgumentError(action, f"invalid choice: {value!r} ({hint})")

    def _print_message(self, message: str, file: Any = None) -> None:
        # argparse swallows OSError here: --help or --version on a full disk
        # would exit 0 having printed nothing. Report it like any output.
        if not message:
            return
        if file is None or file is sys.stdout:
            from fairmined.cli._common import stdout_writer

            out = stdout_writer()
            out.write(message)
            out.flush()
        else:
            file.write(message)

    def format_help(self) -> str:
        # The epilog (valid values, example, exit status) is built only when
        # shown: listing the standards loads them.
        build = getattr(self, "epilog_builder", None)
        if build is not None:
            self.epilog = build()
        return super().format_help()


def _build() -> argparse.ArgumentParser:
    from fairmined.cli import _audit, _ledger, _premium, _standards, _statement, _verify_lots
    from fairmined.cli._common import HelpFormatter, epilog

    parser = _Parser(
        prog="fairmined",
        description="Fairtrade and Fairmined gold certification: premium quotes, audits, "
        "lot verification. 'fairmined COMMAND --help' lists each command's valid values.",
        formatter_class=HelpFormatter,
        epilog=epilog(
            "fairmined standards list",
            ok="the command did its work",
            negative="an audit decides not certified or suspended, a lot fails, or a sale "
            "was underpaid",
        ),
    )
    parser.add_argument("--version", action="version", version=f"fairmined {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in (_premium, _standards, _audit, _verify_lots, _statement, _ledger):
        module.register(sub)
    return parser


def _safe(line: str) -> str:
    """An error line with the characters a terminal would act on escaped visibly."""
    from fairmined.report import terminal_safe

    return terminal_safe(line.replace("\n", " "))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list in (["--version"], ["-V"]):
        # Answer before importing anything else: start-up time matters in scripts.
        try:
            sys.stdout.write(f"fairmined {__version__}\n")
            sys.stdout.flush()
        except OSError as e:
            from fairmined.cli._common import silence_stdout

            silence_stdout()
            if isinstance(e, BrokenPipeError):
                return 0  # the reader went away: not an error of ours
            print(f"error: <stdout>: cannot write output: {e.strerror or e}", file=sys.stderr)
            return 2
        return 0
    from fairmined.cli._common import (
        check_out,
        check_stdin,
        signals_interrupt,
        silence_stdout,
        stdout_writer,
    )

    try:
        with signals_interrupt():
            parser = _build()
            args = parser.parse_args(args_list)
            if getattr(args, "func", None) is None:
                print("error: no command given (see 'fairmined --help')", file=sys.stderr)
                return 2
            check_out(args)  # before any work: --out must not damage anything
            check_stdin(args)  # one input at most from standard input
            code: int = args.func(args)
            stdout_writer().flush()
            return code
    except FileProblems as e:
        for line in e.lines():
            print(_safe(f"error: {line}"), file=sys.stderr)
        return e.exit_code
    except FairminedError as e:
        print(_safe(f"error: {e}"), file=sys.stderr)
        return e.exit_code
    except (TypeError, ValueError) as e:
        # Bad values that reached a constructor without passing a parser first.
        print(_safe(f"error: {e}"), file=sys.stderr)
        return 2
    except BrokenPipeError:
        silence_stdout()
        return 0
    except KeyboardInterrupt as e:
        signum = int(getattr(e, "signum", signal.SIGINT))
        print(f"error: interrupted ({signal.Signals(signum).name})", file=sys.stderr)
        return 128 + signum
    except OSError as e:
        # Not the output (its errors are InputErrors naming it): a working file.
        where = e.filename or f"temporary folder {tempfile.gettempdir()}"
        print(_safe(f"error: {where}: {e.strerror or e}"), file=sys.stderr)
        return 2
