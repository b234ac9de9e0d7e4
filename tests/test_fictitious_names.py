"""Example data names no real organisation: every holder, cooperative and auditor is invented.

Sample data that names a real mining organisation (worse: as a suspended
certificate holder) could be read as a statement about it. The examples, tests
and docs use invented names: the example data's names carry the word "Ejemplo" (or
"Exemple", "Exemplo"), which marks them as invented in the language the reports are
read in (an English "(fictitious)" would show up inside Spanish, French and Portuguese
reports); test data may say "(fictitious)". This test refuses the
names of real certified artisanal and small-scale mining organisations known
from the public record. Add a name here (with where it is known from) when you
learn of one; never use one in sample data.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MARK = "(fictitious)"
#: The language-neutral mark of an invented name in the example data.
EXAMPLE_MARK = re.compile(r"\b(Ejemplo|Exemple|Exemplo|EJEMPLO)\b")

#: Real certified ASM organisations, each with where it is known from.
REAL_NAMES: tuple[tuple[str, str], ...] = (
    ("Sotrami", "Reuters 2013-01-04 (first certified silver, Peru); ingleandrhode.co.uk"),
    ("Aurelsa", "ingleandrhode.co.uk, Fairtrade gold: MACDESA, AURELSA, SOTRAMI, SAMA"),
    ("Macdesa", "plataformaintegraldemineria.org/en/node/121 (Fairtrade since 2015)"),
    ("Minera Aurifera Cuatro de Enero", "plataformaintegraldemineria.org/en/node/121"),
    ("Syanyonja", "plataformaintegraldemineria.org/en/node/121 (SAMA, Uganda)"),
    ("Oro Verde", "2luxury2.com, Fairtrade and Fairmined gold's first birthday (Colombia)"),
    ("Cotapata", "2luxury2.com, Fairtrade and Fairmined gold's first birthday (Bolivia)"),
    ("Coodmilla", "fairmined.org/community-profiles-2/coodmilla/ (La Llanada, Colombia)"),
    ("La Llanada", "fairmined.org, Coodmilla: Cooperativa del Distrito Minero de La Llanada"),
    ("Iquira", "fairmined.org/community-profiles-2/iquira-2/ (Fairmined since 2014)"),
    ("Cecomip", "fairmined.org/community-profiles-2/cecomip/ (Puno, Peru)"),
    ("Cecomsap", "perusupportgroup.org.uk 2019-09; fairever.gold (San Antonio de Poto, Peru)"),
    ("San Antonio de Poto", "perusupportgroup.org.uk 2019-09 (Fairtrade gold, Puno)"),
    ("Minera Cambio", "fairtrade.net news, Minera Cambio S.A. (Fairtrade 2020)"),
    ("Agro Minera de Los Andes", "fairmined.org 2017, La Fortaleza (Narino, Colombia)"),
    ("La Cascada Ltda", "fairmined.org, two new Fairmined mines in Colombia (Manizales)"),
    ("La Coqueta Ltda", "fairmined.org, two new Fairmined mines in Colombia (Manizales)"),
)

#: Where sample data lives. docs/standards-reference.md is generated from
#: standards/*.toml, where a real organisation appears only as the cited source
#: of a figure ("Reuters, 2013-01-04 ... (Sotrami, Peru)"), never as sample data.
EXEMPT = {Path("docs/standards-reference.md"), Path("tests/test_fictitious_names.py")}
TEXT_SUFFIXES = {".py", ".md", ".csv", ".json", ".jsonl", ".toml", ".txt", ".html", ".expect"}


def _plain(text: str) -> str:
    """Lower case without accents, so "Íquira" and "IQUIRA" match "Iquira"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


PATTERN = re.compile(
    "|".join(rf"\b{re.escape(_plain(name))}\b" for name, _ in REAL_NAMES), re.IGNORECASE
)


def _sample_files() -> list[Path]:
    files = [ROOT / "README.md"]
    for top in ("examples", "tests", "docs"):
        files += sorted(p for p in (ROOT / top).rglob("*") if p.suffix in TEXT_SUFFIXES)
    return [p for p in files if p.is_file() and p.relative_to(ROOT) not in EXEMPT]


def _real_names_in(text: str) -> list[str]:
    return sorted({m.group(0) for m in PATTERN.finditer(_plain(text))})


def test_the_check_finds_a_real_name() -> None:
    """The matcher finds a listed name however it is accented or cased."""
    assert _real_names_in("FM-PE-002,Asociación Minera SOTRAMI,fairmined-2.0") == ["sotrami"]
    assert _real_names_in("Cooperativa de Íquira") == ["iquira"]
    assert _real_names_in("Cooperativa Minera Ejemplo Uno (fictitious)") == []


def test_every_listed_name_has_a_source() -> None:
    """Each refused name says where it is known from."""
    for name, source in REAL_NAMES:
        assert name.strip() and len(source) > 10, name


@pytest.mark.parametrize("path", _sample_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_real_organisation_in_sample_data(path: Path) -> None:
    """No example, test or doc file names a real certified mining organisation."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    assert _real_names_in(text) == [], f"{path.relative_to(ROOT)} names a real organisation"


def test_example_certificate_holders_are_marked() -> None:
    """Every certificate holder in the example lots data is marked as an example."""
    with (ROOT / "examples/lots/certificates.csv").open(encoding="utf-8", newline="") as fh:
        holders = [row["holder"] for row in csv.DictReader(fh)]
    assert holders
    assert all(EXAMPLE_MARK.search(h) for h in holders), holders


@pytest.mark.parametrize(
    "path", sorted((ROOT / "examples/audits").glob("*.json")), ids=lambda p: p.name
)
def test_example_audit_names_are_marked(path: Path) -> None:
    """The organisation, its auditor, its team and whoever granted a waiver are examples."""
    record = json.loads(path.read_text(encoding="utf-8"))
    names = [record["organisation"]["name"], record["audit"]["auditor"]]
    names += [w["granted_by"] for w in record.get("waivers", []) if "granted_by" in w]
    team = record["audit"].get("team", {})
    names += [team["lead_auditor"]] if "lead_auditor" in team else []
    names += [m["name"] for m in team.get("members", [])]
    assert all(EXAMPLE_MARK.search(n) for n in names), names


def test_test_certificate_holders_are_marked() -> None:
    """The certificates the property tests build are marked fictitious too."""
    from strategies import LOTS_CERTIFICATES

    assert all(c["holder"].endswith(MARK) for c in LOTS_CERTIFICATES)


def test_example_buyers_are_marked() -> None:
    """Every buyer in the example premium statement's sales is marked as an example."""
    path = ROOT / "examples/statement/ventas.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        buyers = {row["buyer"] for row in csv.DictReader(fh, delimiter=";")}
    assert buyers
    assert all(EXAMPLE_MARK.search(b) for b in buyers), buyers
