"""One error hierarchy for the whole library.

Every error the library raises on purpose derives from :class:`FairminedError`
and also from the builtin it behaves like, so ``except ValueError`` keeps
working for callers who do not know this library. Each error knows *where* the
problem is: the file, the line and column or row, and a path to the bad value
(``lots[3].fineness``, ``$.requirements[12].rule``). The command-line tool
prints ``str(error)``, which is one line, and maps the class to an exit code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

__all__ = [
    "CurrencyMismatchError",
    "FairminedError",
    "FileProblems",
    "InputError",
    "PriceLookupError",
    "QuantityError",
    "RecordError",
    "RuleError",
    "RuleSyntaxError",
    "RuleTypeError",
    "StandardFileError",
    "UnknownStandardError",
    "did_you_mean",
    "shown",
]

#: The most characters of one echoed value (a run without spaces) an error shows.
ECHO_CHARS = 60
#: The most characters of an error's message (and of its hint).
MESSAGE_CHARS = 1_000
# A run longer than this is cut to ECHO_CHARS: paths, hashes and ids up to it stay whole.
_LONG_RUN = re.compile(r"\S{101,}")
_TAIL = ")]};:,."


def _cut(match: re.Match[str]) -> str:
    run = match.group()
    bare = run.rstrip(_TAIL)
    lead = 1 if bare[0] in "'\"" else 0
    close = bare[0] if lead and bare[-1] == bare[0] else ""
    return f"{run[: lead + ECHO_CHARS]}…{close}{run[len(bare) :]}"


def shown(text: str) -> str:
    """``text`` as an error shows it: every run of over 100 characters without a space cut
    to its first 60 and ``…`` (a closing quote kept), the whole at most 1,000 characters.

    Messages echo the values they refuse; a 1 MB cell must not become a 1 MB line.
    """
    if len(text) <= 100:
        return text
    text = _LONG_RUN.sub(_cut, text)
    if len(text) > MESSAGE_CHARS:
        text = f"{text[:MESSAGE_CHARS]}… ({len(text):,} characters in all)"
    return text


class FairminedError(Exception):
    """Base class of every error this library raises on purpose.

    ``message`` says what is wrong in plain words; ``file``, ``line``,
    ``column`` and ``path`` say where, when known. ``hint`` suggests a fix.
    """

    exit_code: int = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        path: str | None = None,
        hint: str | None = None,
    ) -> None:
        # Bounded whatever value it echoes (see :func:`shown`).
        self.message = shown(message)
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.hint = shown(hint) if hint is not None else None
        super().__init__(self.__str__())

    def located(
        self,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        path_prefix: str | None = None,
    ) -> FairminedError:
        """Return a copy of this error with its location filled in or extended."""
        path = self.path
        if path_prefix:
            path = (
                f"{path_prefix}.{path}"
                if path and not path.startswith("[")
                else (f"{path_prefix}{path}" if path else path_prefix)
            )
        clone = type(self).__new__(type(self))
        FairminedError.__init__(
            clone,
            self.message,
            file=file if file is not None else self.file,
            line=line if line is not None else self.line,
            column=column if column is not None else self.column,
            path=path,
            hint=self.hint,
        )
        return clone

    def where(self) -> str:
        """The location part of the message: ``file:line:column: path``."""
        parts: list[str] = []
        if self.file is not None:
            loc = self.file
            if self.line is not None:
                loc += f":{self.line}"
                if self.column is not None:
                    loc += f":{self.column}"
            parts.append(loc)
        elif self.line is not None:
            parts.append(f"line {self.line}" + (f":{self.column}" if self.column else ""))
        if self.path:
            parts.append(self.path)
        return ": ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f" ({self.hint})"
        # One line, always: a newline in user data must not break the format.
        return " ".join(text.split("\n"))

    def __reduce__(self) -> tuple[object, ...]:
        # Keep errors picklable for multiprocessing (keyword-only arguments).
        return (
            _rebuild,
            (type(self), self.message, self.file, self.line, self.column, self.path, self.hint),
        )


def _rebuild(
    cls: type[FairminedError],
    message: str,
    file: str | None,
    line: int | None,
    column: int | None,
    path: str | None,
    hint: str | None,
) -> FairminedError:
    return cls(message, file=file, line=line, column=column, path=path, hint=hint)


class InputError(FairminedError, ValueError):
    """Input that cannot be used: a bad file, row, field, value or flag."""


class QuantityError(InputError):
    """A money amount, mass or fineness that cannot be read or is out of range."""


class CurrencyMismatchError(FairminedError, ValueError):
    """Two amounts in different currencies were combined."""


class UnknownStandardError(InputError, LookupError):
    """No shipped standard has this id, and no file has this path."""


class StandardFileError(InputError):
    """A standard file is malformed: bad TOML, a missing key, a bad figure."""


class RuleError(StandardFileError):
    """A rule in a standard file is invalid."""


class RuleSyntaxError(RuleError):
    """A rule does not follow the grammar of the rule language."""


class RuleTypeError(RuleError):
    """A rule names an unknown field or combines values of the wrong types."""


class RecordError(InputError):
    """An audit record is malformed or does not match the record format."""


class PriceLookupError(InputError):
    """No reference price can be found for the metal and date asked for."""


class FileProblems(InputError):
    """Every problem found in one file, reported together.

    ``problems`` holds the individual errors; ``str()`` names the first and
    says how many more there are, and :meth:`lines` gives one line each.
    """

    def __init__(self, problems: Iterable[FairminedError], *, file: str | None = None) -> None:
        self.problems: tuple[FairminedError, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("FileProblems needs at least one problem")
        first = str(self.problems[0])
        more = len(self.problems) - 1
        message = first if not more else f"{first} (and {more} more problem{'s' * (more > 1)})"
        super().__init__(message)
        self.file = file

    def __str__(self) -> str:
        return self.message

    def lines(self) -> list[str]:
        """One line per problem, in the order found."""
        return [str(p) for p in self.problems]

    def __reduce__(self) -> tuple[object, ...]:
        return (FileProblems, (self.problems,), {"file": self.file})


def did_you_mean(
    word: object, valid: Sequence[str], *, cutoff: float = 0.6, listed: str | None = None
) -> str:
    """The hint for a wrong value: the closest valid one (if any is close), then all of them.

    One helper for every "unknown X" answer (standard, metal, category, format,
    locale, command), so each is answered the same way:
    ``did you mean gold? valid: gold, silver, platinum``. Case is ignored.
    ``listed`` replaces the list where it would be too long (locales).
    """
    import difflib

    by_lower = {v.lower(): v for v in valid}
    close = difflib.get_close_matches(str(word).strip().lower(), list(by_lower), 1, cutoff)
    listed = listed or "valid: " + ", ".join(valid)
    return f"did you mean {by_lower[close[0]]}? {listed}" if close else listed
