"""Catalogs are complete, placeholders match, and amounts are formatted per locale."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Literal

import pytest
from babel.messages.pofile import read_po

import fairmined
from fairmined.model import Money
from fairmined.report import LANGUAGES, standards_text, translator
from fairmined.report._i18n import catalog

ROOT = Path(__file__).resolve().parents[1]
LOCALE_DIR = ROOT / "src" / "fairmined" / "locale"
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_catalogs", ROOT / "scripts" / "update_catalogs.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _po(lang: str):  # type: ignore[no-untyped-def]
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "fairmined.po").open("rb") as fh:
        return read_po(fh, locale=lang)


SOURCE_IDS = sorted(
    (m.id if isinstance(m.id, str) else m.id[0]) for m in _script().extract() if m.id
)


def test_source_has_messages() -> None:
    """Extraction finds the report layer's and the CLI's messages."""
    assert len(SOURCE_IDS) > 40
    assert "Floor price" in SOURCE_IDS


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_translates_every_message(lang: str) -> None:
    """Every message in the source has a non-empty, non-fuzzy translation in every catalog."""
    cat = _po(lang)
    problems = []
    for mid in SOURCE_IDS:
        msg = cat.get(mid)
        if msg is None:
            problems.append(f"missing: {mid!r}")
            continue
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        if not all(strings):
            problems.append(f"untranslated: {mid!r}")
        if msg.fuzzy:
            problems.append(f"fuzzy: {mid!r}")
    stale = [
        m.id for m in cat if m.id and (m.id if isinstance(m.id, str) else m.id[0]) not in SOURCE_IDS
    ]
    problems += [f"no longer in the source: {mid!r}" for mid in stale]
    assert not problems, (
        f"{lang}: {len(problems)} problems (run scripts/update_catalogs.py, then translate):\n"
        + "\n".join(problems)
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_placeholders(lang: str) -> None:
    """A translation uses exactly the {placeholders} of its message, so .format() never fails."""
    for msg in _po(lang):
        if not msg.id:
            continue
        ids = msg.id if isinstance(msg.id, tuple) else (msg.id,)
        want = set(PLACEHOLDER.findall(" ".join(ids)))
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        for s in strings:
            got = set(PLACEHOLDER.findall(s))
            # a plural form may leave out {n} (French "un jour"), never add a name
            assert got <= want and want - got <= {"n"}, f"{lang}: {msg.id!r} -> {s!r}"


def test_english_catalog_is_the_source() -> None:
    """The English catalog's translations are the messages themselves."""
    for msg in _po("en"):
        if msg.id:
            assert msg.string == msg.id


def test_catalogs_are_up_to_date_with_the_source() -> None:
    """scripts/update_catalogs.py --check finds nothing to change."""
    assert _script().main(["--check"]) == 0


@pytest.mark.parametrize(
    ("locale", "message", "expected"),
    [
        ("es_CO", "Floor price", "Precio mínimo"),
        ("es_PE", "Premium", "Prima"),
        ("fr_BF", "Fine mass", "Masse fine"),
        ("fr", "Floor price", "Prix minimum"),
        ("pt_BR", "Premium", "Prêmio"),
        ("pt_MZ", "Fine mass", "Massa fina"),
        ("en", "Floor price", "Floor price"),
        ("de_DE", "Floor price", "Floor price"),
    ],
)
def test_country_locales_use_the_language_catalog(locale: str, message: str, expected: str) -> None:
    """es_CO and es_PE read the es catalog; a language without a catalog reads English."""
    assert translator(locale)._(message) == expected


def test_html_lang_tag() -> None:
    """The translator gives a BCP 47 tag for <html lang>."""
    assert translator("es_CO").tag == "es-CO"
    assert translator("fr").tag == "fr"


def test_po_is_compiled_in_memory_when_no_mo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a .mo (editable install), the .po is compiled on first use."""
    catalog.cache_clear()
    try:
        real = Path.is_file

        def no_mo(self: Path) -> bool:
            return False if self.name.endswith(".mo") else real(self)

        monkeypatch.setattr(Path, "is_file", no_mo)
        assert catalog("es").gettext("Floor price") == "Precio mínimo"
    finally:
        catalog.cache_clear()


def test_installed_wheel_ships_compiled_catalogs() -> None:
    """A wheel install carries the .mo files the build hook compiled (no manual step)."""
    pkg = Path(fairmined.__file__).resolve().parent
    if pkg == (ROOT / "src" / "fairmined").resolve():
        pytest.skip("source or editable install: catalogs are compiled in memory")
    for lang in LANGUAGES:
        assert (pkg / "locale" / lang / "LC_MESSAGES" / "fairmined.mo").is_file(), lang


@pytest.mark.parametrize(
    ("locale", "amount", "currency", "expected"),
    [
        ("es_CO", "1234567", "COP", "$1.234.567"),
        ("pt_BR", "1234567.50", "BRL", "R$\xa01.234.567,50"),
        ("fr_FR", "1234567.50", "EUR", "1\u202f234\u202f567,50\xa0€"),
        ("fr_BF", "1234567", "XOF", "1\u202f234\u202f567\xa0F\u202fCFA"),
        ("en_US", "1234567.50", "USD", "$1,234,567.50"),
        ("es_PE", "1234.5", "PEN", "S/\xa01,234.50"),
    ],
)
def test_money_is_formatted_for_the_locale(
    locale: str, amount: str, currency: str, expected: str
) -> None:
    """Pesos, reais, euros and CFA francs are written as each locale writes them."""
    assert translator(locale).money(Money(Decimal(amount), currency)) == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("es_CO", "28 de marzo de 2024"),
        ("fr_BF", "28 mars 2024"),
        ("pt_BR", "28 de março de 2024"),
        ("en", "March 28, 2024"),
    ],
)
def test_dates_are_formatted_for_the_locale(locale: str, expected: str) -> None:
    """Dates are written out in the locale's long form."""
    assert translator(locale).date(date(2024, 3, 28)) == expected


def test_numbers_are_formatted_for_the_locale() -> None:
    """Decimal separators and grouping follow the locale."""
    assert translator("es_CO").number(Decimal("1243.754"), 2) == "1.243,75"
    assert translator("fr_BF").number(Decimal("1243.75")) == "1\u202f243,75"
    assert translator("pt_BR").number(Decimal("0.995")) == "0,995"


def test_default_locale_comes_from_the_environment() -> None:
    """With no --locale, LANG picks the language; C or unset falls back to English."""
    code = "from fairmined.report import translator; print(translator(None)._('Floor price'))"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    for lang_env, expected in (("pt_BR.UTF-8", "Preço mínimo"), ("C", "Floor price")):
        out = subprocess.run(
            [sys.executable, "-c", code],
            env={**env, "LANG": lang_env},
            capture_output=True,
            text=True,
            check=True,
        )
        assert out.stdout.strip() == expected


def test_cli_premium_in_spanish() -> None:
    """The premium command's table and warnings speak the --locale's language."""
    proc = subprocess.run(
        [sys.executable, "-m", "fairmined", "premium", "--standard", "fairmined-2.0",
         "--metal", "gold", "--mass", "1kg", "--fineness", "0.995", "--reference-price", "2000",
         "--date", "2024-03-28", "--paid", "10", "--locale", "es_CO"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "Precio mínimo" in proc.stdout
    assert "Prima" in proc.stdout
    assert "aviso: El precio pagado" in proc.stderr


def test_bad_locale_is_an_input_error() -> None:
    """An unknown --locale is rejected with exit code 2 and one line."""
    proc = subprocess.run(
        [sys.executable, "-m", "fairmined", "standards", "--locale", "xx_QQ"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: --locale: unknown locale")


@pytest.mark.parametrize(
    ("locale", "since", "wrong"),
    [
        ("es", "vigente desde el", "al hoy"),
        ("fr", "en vigueur depuis le", "au aujourd"),
        ("pt", "em vigor desde", "até hoje"),
    ],
)
def test_open_ended_standard_in_force_since(locale: str, since: str, wrong: str) -> None:
    """A standard still in force reads 'in force since <date>', not 'from <date> to today'."""
    out = standards_text(translator(locale))
    assert since in out
    assert wrong not in out


@pytest.mark.parametrize(
    ("items", "style", "expected"),
    [
        (["plata", "iridio"], "standard", "plata e iridio"),
        (["padres", "hijos"], "standard", "padres e hijos"),
        (["agua", "hielo"], "standard", "agua y hielo"),
        (["oro", "plata", "Ibagué"], "standard", "oro, plata e Ibagué"),
        (["uno", "otro"], "or", "uno u otro"),
        (["mujer", "hombre"], "or", "mujer u hombre"),
        (["oro", "plata"], "or", "oro o plata"),
    ],
)
def test_spanish_lists_change_the_conjunction_by_sound(
    items: list[str], style: Literal["standard", "or"], expected: str
) -> None:
    """Spanish writes e before an i- sound and u before an o- sound (babel writes y, o)."""
    assert translator("es_CO").join(items, style) == expected


def test_other_languages_keep_their_conjunction() -> None:
    """Only Spanish changes its conjunction: Portuguese e, French et, English and stay."""
    assert translator("pt").join(["ouro", "iridio"]) == "ouro e iridio"
    assert translator("fr").join(["or", "iridium"]) == "or et iridium"
    assert translator("en").join(["gold", "silver", "iridium"]) == "gold, silver, and iridium"


def test_report_lists_go_through_the_translator() -> None:
    """No report module joins a list with babel directly, so every list gets the rule above."""
    direct = [
        p.name
        for p in (ROOT / "src" / "fairmined" / "report").glob("*.py")
        if "format_list(" in p.read_text(encoding="utf-8") and p.name != "_i18n.py"
    ]
    assert direct == []


@pytest.mark.parametrize(
    ("locale", "items", "expected"),
    [
        ("en", ["tailings are contained and managed", "not discharged"], "managed, and not"),
        (
            "es",
            ["los relaves están contenidos y gestionados", "no se vierten"],
            "gestionados, y no",
        ),
        ("fr", ["les résidus sont confinés et gérés", "non rejetés"], "gérés, et non"),
        ("pt", ["os rejeitos são contidos e geridos", "não lançados"], "geridos, e não"),
    ],
)
def test_a_list_whose_item_holds_the_conjunction_takes_a_comma(
    locale: str, items: list[str], expected: str
) -> None:
    """'contained and managed and not discharged' reads as one list; a comma marks the level."""
    assert expected in translator(locale).join(items)
    assert translator(locale).join(["a", "b"]).count(",") == 0


@pytest.mark.parametrize(
    ("locale", "joined"),
    [
        ("es", " y Fairtrade"),
        ("fr", " et Fairtrade"),
        ("pt", " e Fairtrade"),
        ("en", " and Fairtrade"),
    ],
)
def test_a_joint_publisher_is_joined_in_the_readers_words(locale: str, joined: str) -> None:
    """The 2010 standard's two publishers keep their names, joined by the reader's "and"."""
    text = " ".join(standards_text(translator(locale)).split())
    assert f"(ARM){joined} Labelling Organizations International (FLO)" in text
    if locale != "en":
        assert "jointly" not in text and " and Fairtrade" not in text


def test_standards_show_says_when_a_requirement_is_due() -> None:
    """The catalog line says 'due from year 0', never a bare 'entry' beside 'entry requirement'."""
    from fairmined.report import catalog_text
    from fairmined.standards import load_standard

    std = load_standard("fairmined-2.0")
    es = catalog_text(std, std.requirements, translator("es"))
    assert "[requisito de entrada, Trabajo infantil, exigible desde el año 0]" in es
    assert ", de entrada]" not in es
