"""Turn rule text into tokens, with line and column for every token."""

from __future__ import annotations

import attrs

from fairmined.errors import RuleSyntaxError

MAX_TEXT = 4_000
MAX_TOKENS = 1_000
MAX_DEPTH = 32

KEYWORDS = frozenset({"and", "or", "not", "in", "where", "true", "false"})
_OPERATORS = (
    "==",
    "!=",
    "<=",
    ">=",
    "<",
    ">",
    "+",
    "-",
    "*",
    "/",
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    ".",
)


@attrs.frozen
class Origin:
    """Where a rule's text starts: file, line and column, and the requirement it encodes."""

    file: str | None = None
    line: int = 1
    column: int = 1
    requirement: str | None = None

    def error(
        self, message: str, line: int, column: int, hint: str | None = None
    ) -> RuleSyntaxError:
        """A syntax error at ``line``/``column`` of the rule text, mapped into the file."""
        file_line, file_column = self.map(line, column)
        return RuleSyntaxError(
            message,
            file=self.file,
            line=file_line,
            column=file_column,
            path=self.requirement,
            hint=hint,
        )

    def map(self, line: int, column: int) -> tuple[int, int]:
        """Map a 1-based position in the rule text to a position in the file."""
        if line == 1:
            return self.line, self.column + column - 1
        return self.line + line - 1, column


NO_ORIGIN = Origin()


@attrs.frozen
class Token:
    """One token: kind is NUMBER, STRING, NAME, a keyword, an operator, or END."""

    kind: str
    text: str
    line: int
    column: int


def tokenize(text: str, origin: Origin) -> list[Token]:
    """Split ``text`` into tokens, ending with an END token."""
    if len(text) > MAX_TEXT:
        raise origin.error(f"the rule has {len(text)} characters, at most {MAX_TEXT}", 1, 1)
    tokens: list[Token] = []
    i = 0
    line = 1
    line_start = 0
    n = len(text)
    while True:
        while i < n and text[i] in " \t\r\n":
            if text[i] == "\n":
                line += 1
                line_start = i + 1
            i += 1
        column = i - line_start + 1
        if i >= n:
            tokens.append(Token("END", "", line, column))
            return tokens
        if len(tokens) >= MAX_TOKENS:
            raise origin.error(f"the rule has more than {MAX_TOKENS} tokens", line, column)
        c = text[i]
        if c.isascii() and c.isdigit():
            j = i
            while j < n and text[j].isascii() and text[j].isdigit():
                j += 1
            if j + 1 < n and text[j] == "." and text[j + 1].isascii() and text[j + 1].isdigit():
                j += 1
                while j < n and text[j].isascii() and text[j].isdigit():
                    j += 1
            if j < n and (text[j].isalpha() or text[j] == "_"):
                raise origin.error(
                    f"unexpected {text[i : j + 1]!r}: put a space between a number and a unit",
                    line,
                    column,
                )
            tokens.append(Token("NUMBER", text[i:j], line, column))
            i = j
        elif c.isascii() and (c.isalpha() or c == "_"):
            j = i
            while j < n and text[j].isascii() and (text[j].isalnum() or text[j] == "_"):
                j += 1
            word = text[i:j]
            tokens.append(Token(word if word in KEYWORDS else "NAME", word, line, column))
            i = j
        elif c == '"':
            j = i + 1
            chars: list[str] = []
            while True:
                if j >= n or text[j] == "\n":
                    raise origin.error("unterminated string", line, column)
                ch = text[j]
                if ch == '"':
                    break
                if ch == "\\":
                    nxt = text[j + 1] if j + 1 < n else ""
                    if nxt not in ('"', "\\"):
                        raise origin.error(
                            f"unknown escape '\\{nxt}' in a string",
                            line,
                            j - line_start + 1,
                            hint='only \\" and \\\\ are allowed',
                        )
                    chars.append(nxt)
                    j += 2
                    continue
                chars.append(ch)
                j += 1
            tokens.append(Token("STRING", "".join(chars), line, column))
            i = j + 1
        else:
            for op in _OPERATORS:
                if text.startswith(op, i):
                    tokens.append(Token(op, op, line, column))
                    i += len(op)
                    break
            else:
                shown = c if c.isprintable() else f"U+{ord(c):04X}"
                hint = "use == to compare" if c == "=" else None
                hint = "use 'and', 'or', 'not'" if c in "&|!" else hint
                raise origin.error(f"unexpected character {shown!r}", line, column, hint=hint)
