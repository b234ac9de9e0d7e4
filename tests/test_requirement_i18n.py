"""Requirement titles and descriptions are translated for every shipped standard."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from fairmined.report import EN_MARK, requirement_text, requirement_translations, translator
from fairmined.standards import list_standards, load_standard

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "standards" / "i18n"
FIXTURE = str(ROOT / "tests" / "data" / "i18n")
TINY = ROOT / "tests" / "data" / "tiny-standard.toml"
LANGS = ("es", "fr", "pt")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sid", list_standards())
def test_every_requirement_is_translated(sid: str, lang: str) -> None:
    """Each requirement of each shipped standard has a title and description in es, fr, pt."""
    std = load_standard(sid)
    path = I18N / f"{sid}.{lang}.toml"
    assert path.is_file(), f"missing file {path.relative_to(ROOT)}"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data.get("standard") == sid
    assert data.get("language") == lang
    entries = requirement_translations(sid, lang)
    problems = []
    for req in std.requirements:
        entry = entries.get(req.id, {})
        for field in ("title", "description"):
            if not entry.get(field, "").strip():
                problems.append(f"{req.id}.{field} (English: {getattr(req, field)!r})")
    known = {r.id for r in std.requirements}
    problems += [f"{rid}: no such requirement in {sid}" for rid in entries if rid not in known]
    assert not problems, f"{path.relative_to(ROOT)}: {len(problems)} missing or stale:\n" + (
        "\n".join(problems)
    )


@pytest.mark.parametrize("lang", LANGS)
def test_no_translation_file_for_an_unknown_standard(lang: str) -> None:
    """Every translation file belongs to a shipped standard."""
    for path in I18N.glob(f"*.{lang}.toml"):
        assert path.name.removesuffix(f".{lang}.toml") in list_standards(), path.name


def test_translated_text_is_used() -> None:
    """A requirement with a translation shows it, without the marker."""
    std = load_standard(str(TINY))
    req = next(r for r in std.requirements if r.id == "C1")
    text = requirement_text("tiny", req, translator("es_CO"), FIXTURE)
    assert text.title == "Título traducido"
    assert text.description == "Descripción traducida."
    assert text.translated


def test_missing_translation_shows_marked_english() -> None:
    """Where a translation is missing, the English shows with the [en] marker."""
    std = load_standard(str(TINY))
    by_id = {r.id: r for r in std.requirements}
    partial = requirement_text("tiny", by_id["M1"], translator("es"), FIXTURE)
    assert partial.title == "Solo el título"
    assert partial.description == EN_MARK + by_id["M1"].description
    assert not partial.translated
    absent = requirement_text("tiny", by_id["N1"], translator("es"), FIXTURE)
    assert absent.title == EN_MARK + by_id["N1"].title
    no_file = requirement_text("tiny", by_id["C1"], translator("fr"), FIXTURE)
    assert no_file.title.startswith(EN_MARK)


def test_english_is_never_marked() -> None:
    """English readers get the standard's own text."""
    std = load_standard(str(TINY))
    req = std.requirements[0]
    text = requirement_text("tiny", req, translator("en"), FIXTURE)
    assert (text.title, text.description) == (req.title, req.description)


@pytest.mark.parametrize("lang", ["es", "fr", "pt"])
def test_every_pricing_note_and_source_is_translated(lang: str) -> None:
    """Each shipped figure's note and source has its translation in pricing/<lang>.toml."""
    from fairmined.report._premium import pricing_texts

    texts = pricing_texts(lang)
    missing = [
        text
        for sid in list_standards()
        for row in load_standard(sid).pricing
        for fig in (row.floor, row.premium, row.ecological_premium)
        for text in (fig.note, fig.source)
        if text and not texts.get(text)
    ]
    assert not missing, f"pricing/{lang}.toml lacks:\n" + "\n".join(missing)


def _policy_notes(sid: str) -> dict[str, str]:
    """Each certification table of a shipped standard that is not verified, with its note."""
    policy = load_standard(sid).certification
    assert policy is not None
    notes = {}
    if not policy.periods_verified and policy.periods_note:
        notes["corrective_action_periods"] = policy.periods_note
    if not policy.development_verified and policy.development_note:
        notes["development"] = policy.development_note
    for table, part in (("suspension", policy.suspension), ("overdue_actions", policy.overdue)):
        if part is not None and not part.verified and part.note:
            notes[table] = part.note
    return notes


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sid", list_standards())
def test_every_unverified_policy_note_is_translated(sid: str, lang: str) -> None:
    """Each note on what a decision rests on unverified has its translation, and no stale one."""
    path = I18N / f"{sid}.{lang}.toml"
    table = tomllib.loads(path.read_text(encoding="utf-8")).get("unverified", {})
    notes = _policy_notes(sid)
    assert notes, sid
    assert sorted(table) == sorted(notes), path.name
    assert all(isinstance(v, str) and v.strip() for v in table.values()), path.name
