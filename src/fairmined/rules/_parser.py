"""A recursive-descent parser for the rule language (grammar in docs/rule-language.md)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from fairmined.errors import RuleSyntaxError

from ._ast import Binary, Call, DurationLit, ListLit, Literal, Node, Path, Quant, Unary
from ._functions import FUNCTIONS
from ._lexer import MAX_DEPTH, NO_ORIGIN, Origin, Token, tokenize

QUANTIFIERS = frozenset({"all", "any", "none", "count", "sum", "min", "max"})
UNITS = {
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
}
_CMP = frozenset({"==", "!=", "<", "<=", ">", ">=", "in"})
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _show(token: Token) -> str:
    return "the end of the rule" if token.kind == "END" else repr(token.text)


class _Parser:
    def __init__(self, text: str, origin: Origin) -> None:
        self.origin = origin
        self.tokens = tokenize(text, origin)
        self.pos = 0
        self.depth = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.pos]

    def peek(self, offset: int = 1) -> Token:
        return self.tokens[min(self.pos + offset, len(self.tokens) - 1)]

    def advance(self) -> Token:
        token = self.tokens[self.pos]
        if token.kind != "END":
            self.pos += 1
        return token

    def error(
        self, message: str, token: Token | None = None, hint: str | None = None
    ) -> RuleSyntaxError:
        token = token or self.tok
        return self.origin.error(message, token.line, token.column, hint)

    def expect(self, kind: str, what: str | None = None) -> Token:
        if self.tok.kind != kind:
            raise self.error(f"expected {what or repr(kind)}, found {_show(self.tok)}")
        return self.advance()

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"the rule is nested more than {MAX_DEPTH} levels deep")

    def parse(self) -> Node:
        node = self.expr()
        if self.tok.kind != "END":
            raise self.error(f"unexpected {_show(self.tok)} after a complete expression")
        return node

    def expr(self) -> Node:
        self.enter()
        node = self.or_expr()
        self.depth -= 1
        return node

    def or_expr(self) -> Node:
        node = self.and_expr()
        while self.tok.kind == "or":
            op = self.advance()
            node = Binary("or", node, self.and_expr(), op.line, op.column)
        return node

    def and_expr(self) -> Node:
        node = self.not_expr()
        while self.tok.kind == "and":
            op = self.advance()
            node = Binary("and", node, self.not_expr(), op.line, op.column)
        return node

    def not_expr(self) -> Node:
        if self.tok.kind == "not":
            op = self.advance()
            self.enter()
            operand = self.not_expr()
            self.depth -= 1
            return Unary("not", operand, op.line, op.column)
        return self.comparison()

    def comparison_op(self) -> tuple[str, Token] | None:
        if self.tok.kind in _CMP:
            return self.tok.kind, self.advance()
        if self.tok.kind == "not" and self.peek().kind == "in":
            token = self.advance()
            self.advance()
            return "not in", token
        return None

    def comparison(self) -> Node:
        node = self.additive()
        found = self.comparison_op()
        if found is None:
            return node
        op, token = found
        node = Binary(op, node, self.additive(), token.line, token.column)
        if self.comparison_op() is not None:
            previous = self.tokens[self.pos - 1]
            raise self.error(
                "comparisons cannot be chained",
                previous,
                hint="write 'a < b and b < c'",
            )
        return node

    def additive(self) -> Node:
        node = self.term()
        while self.tok.kind in ("+", "-"):
            op = self.advance()
            node = Binary(op.kind, node, self.term(), op.line, op.column)
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.tok.kind in ("*", "/"):
            op = self.advance()
            node = Binary(op.kind, node, self.unary(), op.line, op.column)
        return node

    def unary(self) -> Node:
        if self.tok.kind == "-":
            op = self.advance()
            self.enter()
            if self.tok.kind == "NUMBER" and self.peek().text not in UNITS:
                number = self.advance()
                self.depth -= 1
                return Literal(-Decimal(number.text), op.line, op.column)
            operand = self.unary()
            self.depth -= 1
            return Unary("-", operand, op.line, op.column)
        return self.primary()

    def primary(self) -> Node:
        token = self.tok
        kind = token.kind
        if kind == "NUMBER":
            self.advance()
            if self.tok.kind == "NAME" and self.tok.text in UNITS:
                unit = self.advance()
                if "." in token.text:
                    raise self.error("a duration needs a whole number", token)
                return DurationLit(int(token.text), UNITS[unit.text], token.line, token.column)
            return Literal(Decimal(token.text), token.line, token.column)
        if kind == "STRING":
            self.advance()
            return Literal(token.text, token.line, token.column)
        if kind in ("true", "false"):
            self.advance()
            return Literal(kind == "true", token.line, token.column)
        if kind == "(":
            self.advance()
            node = self.expr()
            self.expect(")", "')'")
            return node
        if kind == "[":
            self.advance()
            self.enter()
            items: list[Node] = []
            while self.tok.kind != "]":
                items.append(self.expr())
                if self.tok.kind != ",":
                    break
                self.advance()
            self.expect("]", "',' or ']'")
            self.depth -= 1
            return ListLit(tuple(items), token.line, token.column)
        if kind == "NAME":
            if self.peek().kind == "(":
                return self.call(token)
            return self.path()
        raise self.error(f"unexpected {_show(token)}, expected a value")

    def path(self) -> Node:
        first = self.advance()
        parts = [first.text]
        while self.tok.kind == ".":
            self.advance()
            parts.append(self.expect("NAME", "a field name after '.'").text)
        return Path(tuple(parts), first.line, first.column)

    def call(self, name: Token) -> Node:
        self.advance()
        self.advance()  # "("
        self.enter()
        if name.text == "date":
            text = self.expect("STRING", 'a date string such as "2024-01-31"')
            try:
                if not _DATE.match(text.text):
                    raise ValueError(text.text)
                value = datetime.date.fromisoformat(text.text)
            except ValueError:
                raise self.error(
                    f"{text.text!r} is not a valid date", text, hint="write yyyy-mm-dd"
                ) from None
            self.expect(")", "')'")
            self.depth -= 1
            return Literal(value, name.line, name.column)
        if name.text in QUANTIFIERS:
            node = self.quantifier(name)
        elif name.text in FUNCTIONS:
            args: list[Node] = []
            if self.tok.kind != ")":
                args.append(self.expr())
                while self.tok.kind == ",":
                    self.advance()
                    args.append(self.expr())
            self.expect(")", "',' or ')'")
            wanted = len(FUNCTIONS[name.text].params)
            if len(args) != wanted:
                raise self.error(
                    f"{name.text}() takes {wanted} argument{'s' * (wanted > 1)}, got {len(args)}",
                    name,
                )
            node = Call(name.text, tuple(args), name.line, name.column)
        else:
            known = ", ".join(sorted({*FUNCTIONS, *QUANTIFIERS, "date"}))
            raise self.error(f"unknown function {name.text!r}", name, hint=f"known: {known}")
        self.depth -= 1
        return node

    def quantifier(self, name: Token) -> Node:
        kind = name.text
        var = self.expect("NAME", "a variable name")
        self.expect("in", "'in'")
        source = self.additive()
        where = None
        if self.tok.kind == "where":
            self.advance()
            where = self.expr()
        body = None
        if self.tok.kind == ":":
            if kind == "count":
                raise self.error("count() takes no ':' part; filter with 'where'")
            self.advance()
            body = self.expr()
        elif kind != "count":
            raise self.error(f"expected ':' and an expression in {kind}(), found {_show(self.tok)}")
        self.expect(")", "')'")
        return Quant(kind, var.text, source, where, body, name.line, name.column)


def parse(text: str, origin: Origin = NO_ORIGIN) -> Node:
    """Parse rule text into a syntax tree; raise RuleSyntaxError with file, line and column."""
    if not isinstance(text, str):
        raise TypeError(f"rule text must be a str, not {type(text).__name__}")
    return _Parser(text, origin).parse()
