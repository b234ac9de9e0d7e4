"""Translations: gettext catalogs for the report layer and the command line.

Catalogs live in ``fairmined/locale/<lang>/LC_MESSAGES/fairmined.po``. A wheel
carries them compiled (``.mo``, made by the build hook in ``hatch_build.py``);
an editable install or a source checkout has only the ``.po``, which is then
compiled in memory on first use, so no manual step is ever needed.

Messages use ``{name}`` placeholders filled by :meth:`Translator._`, so a
translation may reorder them. ``es_CO`` uses the ``es`` catalog; a language
without a catalog gets the English text, with numbers, money and dates still
formatted for its locale.
"""

from __future__ import annotations

import gettext
import io
from datetime import date
from decimal import Decimal, localcontext
from functools import cache
from importlib import resources
from typing import Any, Literal

import attrs
from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from fairmined.model import CONTEXT, Money
from fairmined.report._format import fmt_decimal, fmt_money, resolve_locale

__all__ = ["DOMAIN", "EN_MARK", "LANGUAGES", "N_", "Translator", "catalog", "english", "translator"]

DOMAIN = "fairmined"
#: The languages with a catalog; English is the source language.
LANGUAGES: tuple[str, ...] = ("en", "es", "fr", "pt")


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it yet."""
    return message


def _catalog_dir(lang: str) -> Any:
    return resources.files("fairmined") / "locale" / lang / "LC_MESSAGES"


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog for ``lang`` (``.mo`` if built, else the ``.po`` compiled now)."""
    if lang not in LANGUAGES:
        return gettext.NullTranslations()
    base = _catalog_dir(lang)
    mo = base / f"{DOMAIN}.mo"
    if mo.is_file():
        return gettext.GNUTranslations(io.BytesIO(mo.read_bytes()))
    po = base / f"{DOMAIN}.po"
    if not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as fh:
        parsed = read_po(fh, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, parsed, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


#: Prefix of English text shown where a translation is missing.
EN_MARK = "[en] "


def english(tr: Translator, text: str) -> str:
    """English ``text`` shown in ``tr``'s language: as it is in English, else marked
    :data:`EN_MARK` (a translation is missing)."""
    return text if tr.language == "en" else EN_MARK + text


def _french(language: str) -> bool:
    return language.replace("_", "-").partition("-")[0] == "fr"


def colon(language: str) -> str:
    """``:`` after a label in ``language`` (``fr``: ``\u202f:``, French typography)."""
    return "\u202f:" if _french(language) else ":"


def semicolon(language: str) -> str:
    """``;`` between clauses in ``language`` (``fr``: ``\u202f;``, French typography)."""
    return "\u202f;" if _french(language) else ";"


ListStyle = Literal["standard", "or"]
_VOWELS = frozenset("aeiouáéíóú")


def _spanish_conjunction(word: str, style: str) -> str:
    """``y`` or ``o`` before ``word``, as Spanish writes them: ``e`` before the sound
    i- (``e informe``, ``e hijos``, but ``y hierro``), ``u`` before o- (``u otro``)."""
    w = word.lower()
    bare = w[1:] if w.startswith("h") else w
    if style == "or":
        return "u" if bare[:1] in ("o", "ó") else "o"
    diphthong = len(bare) > 1 and bare[1] in _VOWELS
    return "e" if bare[:1] in ("i", "í") and not (w.startswith("h") and diphthong) else "y"


def join_list(items: list[str], locale: Locale, style: ListStyle = "standard") -> str:
    """``items`` as a list in ``locale``'s words (``a, b y c``; ``style="or"``: ``a o b``),
    with the conjunction a language changes by the next word (Spanish ``y``/``e``,
    ``o``/``u``), and a comma before it when an item holds the same word already
    (``contained and managed, and not discharged``: one ``and`` per level)."""
    from babel.lists import format_list

    text = str(format_list(items, style=style, locale=locale))
    if len(items) < 2:
        return text
    last = items[-1]
    word = str(format_list(["A", "B"], style=style, locale=locale))[1:-1].strip()
    if " " in word or not text.endswith(f" {word} {last}"):
        return text  # a pattern with punctuation or several words: babel's as is
    head = text[: -len(f" {word} {last}")]
    spanish = locale.language == "es" and word in ("y", "o")
    forms = {"y": ("y", "e"), "o": ("o", "u")}.get(word, (word,)) if spanish else (word,)
    if not head.endswith(",") and any(f" {w} " in f" {it} " for it in items for w in forms):
        head += ","
    if spanish:
        word = _spanish_conjunction(last, style)
    return f"{head} {word} {last}"


@attrs.frozen
class Translator:
    """Words and numbers for one locale: gettext messages plus babel formatting."""

    locale: Locale
    messages: gettext.NullTranslations = attrs.field(eq=False, repr=False)

    @property
    def language(self) -> str:
        """The catalog language (``es`` for ``es_CO``); ``en`` when there is none."""
        return self.locale.language if self.locale.language in LANGUAGES else "en"

    @property
    def tag(self) -> str:
        """The BCP 47 tag for HTML's ``lang`` attribute (``es-CO``, ``fr``)."""
        return "-".join(p for p in (self.locale.language, self.locale.territory) if p)

    @property
    def _brazilian(self) -> bool:
        """Portuguese as in Brazil: ``pt_BR`` and plain ``pt`` (CLDR's ``pt`` is Brazil's)."""
        return self.locale.language == "pt" and self.locale.territory in (None, "BR")

    @property
    def colon(self) -> str:
        """``:`` as this language writes it after a label (French: a narrow space first)."""
        return colon(self.locale.language)

    @property
    def semicolon(self) -> str:
        """``;`` as this language writes it between clauses (French: a narrow space first)."""
        return semicolon(self.locale.language)

    def _(self, message: str, /, **values: object) -> str:
        """``message`` in this language, with ``{name}`` placeholders filled from ``values``."""
        text = self.messages.gettext(message)
        return text.format(**values) if values else text

    def n_(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        """The singular or plural form for ``n`` (available as ``{n}``)."""
        text = self.messages.ngettext(singular, plural, n)
        return text.format(n=n, **values)

    def join(self, items: list[str], style: ListStyle = "standard") -> str:
        """``items`` as a list (``a, b and c``; ``style="or"``: ``a or b``) in this language."""
        return join_list(list(items), self.locale, style)

    def quote(self, text: str) -> str:
        """``text`` in this language's quotation marks: “…” (English, Brazilian
        Portuguese), «…» (Spanish, European Portuguese), « … » (French, narrow spaces)."""
        lang = self.locale.language
        if lang == "fr":
            return f"\u00ab\u202f{text}\u202f\u00bb"
        if lang == "es" or (lang == "pt" and not self._brazilian):
            return f"\u00ab{text}\u00bb"
        return f"\u201c{text}\u201d"

    def money(self, m: Money) -> str:
        return fmt_money(m, self.locale)

    def number(self, value: Decimal | int, places: int | None = None) -> str:
        """A number in the locale's digits, rounded to at most ``places`` decimals."""
        return fmt_decimal(Decimal(value), self.locale, places=places)

    def number_as_written(self, value: Decimal) -> str:
        """A number with exactly its own decimal places (``1.250`` stays ``1,250`` in es)."""
        from babel.numbers import format_decimal

        digits, exp = value.as_tuple().digits, value.as_tuple().exponent
        places = -exp if isinstance(exp, int) and exp < 0 else 0
        pattern = "#,##0" + ("." + "0" * places if places else "")
        # babel quantizes in the current context: a value with more digits than its
        # precision (1 / 3 from a rule) would raise InvalidOperation there.
        with localcontext() as ctx:
            ctx.prec = max(ctx.prec, len(digits) + places + 2)
            return str(format_decimal(value, format=pattern, locale=self.locale))

    def date(self, day: date) -> str:
        """A date in the locale's long form (``28 de marzo de 2024``, ``1er avril 2024``)."""
        text = str(format_date(day, format="long", locale=self.locale))
        if self.locale.language == "fr" and day.day == 1 and text.startswith("1 "):
            text = "1er " + text[2:]  # French writes the first of the month as an ordinal
        elif self._brazilian and day.day == 1 and text.startswith("1 "):
            text = "1º " + text[2:]  # and so does Brazilian Portuguese (1º de agosto)
        return text

    def grams(self, value: Decimal) -> str:
        """A mass in grams to the milligram, with the locale's digits and unit (``1.243,750 g``)."""
        from babel.units import format_unit

        with localcontext(CONTEXT):
            return str(
                format_unit(
                    value, "mass-gram", length="short", format="#,##0.000", locale=self.locale
                )
            )

    def country(self, code: str) -> str:
        """A country's name from its ISO 3166 code (``CO`` -> ``Colombia``); else the text."""
        name = self.locale.territories.get(code.strip().upper()) if len(code) == 2 else None
        return str(name) if name else code

    def percent(self, fraction: Decimal) -> str:
        """A fraction as a percentage (``0.95`` -> ``95 %`` in French)."""
        from babel.numbers import format_percent

        return str(format_percent(fraction, locale=self.locale, decimal_quantization=False))


@cache
def _translator(locale: Locale) -> Translator:
    lang = locale.language if locale.language in LANGUAGES else "en"
    return Translator(locale, catalog(lang))


def translator(locale: Locale | str | None = None) -> Translator:
    """The translator for a locale (a babel ``Locale``, a code, or ``None`` for the environment)."""
    loc = locale if isinstance(locale, Locale) else resolve_locale(locale)
    return _translator(loc)
