"""Formatting values for people (babel) and for machines (plain strings)."""

from __future__ import annotations

import re
from decimal import Decimal, localcontext
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import default_locale
from babel.numbers import format_currency, format_decimal

from fairmined.errors import InputError, did_you_mean
from fairmined.model import CONTEXT, Money

__all__ = [
    "fmt_decimal",
    "fmt_money",
    "json_safe",
    "money_json",
    "plain",
    "resolve_locale",
    "terminal_safe",
    "visible",
]

FALLBACK_LOCALE = "en_US"

#: Characters a terminal acts on instead of showing: C0 and C1 controls, DEL, and
#: the bidirectional marks, embeddings, overrides and isolates that reorder what
#: follows them. Newline and tab are left to the callers that lay text out.
ACTIVE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def visible(ch: str) -> str:
    """One character as an escape a reader can see: ``\\x1b``, ``\\u202e``."""
    o = ord(ch)
    return f"\\x{o:02x}" if o <= 0xFF else f"\\u{o:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with every terminal control escaped visibly; newlines and tabs kept."""
    return ACTIVE_CHARACTERS.sub(lambda m: visible(m.group()), text)


def json_safe(text: str) -> str:
    """JSON text with raw controls (C1, DEL, bidi) written as ``\\u`` escapes: same data.

    ``json.dumps`` escapes only C0 controls inside strings; outside strings
    JSON holds nothing but ASCII punctuation, newlines and spaces.
    """
    return ACTIVE_CHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def plain(value: Decimal) -> str:
    """A decimal as plain text: no exponent, no trailing zeros after the point."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def money_json(m: Money | None) -> dict[str, str] | None:
    """``{"amount": "1234.50", "currency": "USD"}``, the amount as exact decimal text."""
    if m is None:
        return None
    return {"amount": format(m.amount, "f"), "currency": m.currency}


@cache
def resolve_locale(name: str | None) -> Locale:
    """The babel locale for ``name`` (``es_CO``, ``pt-BR``, ``fr``), or from the environment."""
    if name is None:
        env = default_locale(("LC_ALL", "LC_MONETARY", "LANG", "LANGUAGE"))
        if env is None or env in {"C", "POSIX"} or env.startswith("en_US_POSIX"):
            env = FALLBACK_LOCALE
        try:
            return Locale.parse(env)
        except (ValueError, UnknownLocaleError):
            return Locale.parse(FALLBACK_LOCALE)
    if not isinstance(name, str):
        raise TypeError(f"a locale is a name such as 'es_CO', not {type(name).__name__}")
    try:
        return Locale.parse(name.strip().replace("-", "_"))
    except (ValueError, UnknownLocaleError, TypeError):
        raise InputError(
            f"unknown locale {name!r}",
            path="--locale",
            hint=_locale_hint(name),
        ) from None


def _locale_hint(name: object) -> str:
    import difflib

    from babel.localedata import locale_identifiers

    from fairmined.report._i18n import LANGUAGES  # _i18n imports this module

    text = str(name).strip().replace("-", "_")
    listed = "valid: en, es, fr, pt (translated) or any CLDR locale such as es_CO, fr_BF, pt_BR"
    # A short typo most likely meant a translated language, not a rare CLDR one.
    if "_" not in text and len(text) <= 3:
        close = difflib.get_close_matches(text.lower(), LANGUAGES, 1, 0.5)
        if close:
            return f"did you mean {close[0]}? {listed}"
    return did_you_mean(
        text,
        locale_identifiers(),
        listed=listed,
    )


def fmt_money(m: Money, locale: Locale) -> str:
    """The amount with its currency, as the locale writes it (``$1,234.50``, ``1.234,50 US$``)."""
    # babel rounds in the thread's decimal context (28 digits by default), which
    # raises InvalidOperation on a large amount; use ours (60 digits).
    with localcontext(CONTEXT):
        return str(
            format_currency(
                m.amount,
                m.currency,
                locale=locale,
                currency_digits=True,
                decimal_quantization=False,
            )
        )


def fmt_decimal(value: Decimal, locale: Locale, *, places: int | None = None) -> str:
    with localcontext(CONTEXT):
        if places is not None:
            value = value.quantize(Decimal(1).scaleb(-places))
        return str(format_decimal(value, locale=locale, decimal_quantization=False))
