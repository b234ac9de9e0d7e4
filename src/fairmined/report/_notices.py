"""Notices (a code, its facts, the English) as JSON: the facts as plain data; and a
warning as the command line writes it on standard error."""

from __future__ import annotations

import datetime
import enum
import sys
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TextIO

from fairmined.model import Money, Notice
from fairmined.report._format import money_json, terminal_safe
from fairmined.report._i18n import Translator
from fairmined.report._wrap import text_width, wrap_line
from fairmined.standards import Figure

__all__ = ["arg_json", "notice_json", "warning_text"]


def arg_json(value: object) -> Any:
    """One fact of a notice as JSON: decimals as exact text, dates ISO, money and figures
    as objects, metals by name."""
    if value is None or isinstance(value, bool | str | int):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Money):
        return money_json(value)
    if isinstance(value, Figure):
        return value.to_json()
    if isinstance(value, enum.Enum):
        return arg_json(value.value)
    if isinstance(value, Mapping):
        return {str(k): arg_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple | frozenset):
        return [arg_json(v) for v in value]
    return str(value)


def notice_json(n: Notice) -> dict[str, Any]:
    """``{"code", "args", "text"}``: the notice as data next to its English sentence."""
    return {"code": n.code, "args": {k: arg_json(v) for k, v in n.args.items()}, "text": n.text}


def warning_text(message: str, tr: Translator, stream: TextIO | None = None) -> str:
    """``warning: message`` in ``tr``'s language, wrapped to ``stream``'s width (80 columns
    when it is not a terminal; default: standard error) with indented continuation lines."""
    line = terminal_safe(tr._("warning: {message}", message=message))
    width = text_width(sys.stderr if stream is None else stream)
    return "\n".join(wrap_line(line, width, "", "  "))
