"""Explanations read as sentences, pinned from the user's side in four languages.

A record goes through ``evaluate`` and ``render_audit`` in a locale; the
report must give the reason of a requirement as a speaker of that language
would write it, built from the rule's structure (not written per
requirement): an age under the minimum, the time since the last general
assembly against the longest interval allowed, a yes/no fact that must be
true or must be false, a date that must not be before the audit date,
several offending workers, and a fact the record does not state.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from fairmined.audit import evaluate
from fairmined.records import RECORD_SCHEMA
from fairmined.report import render_audit, translator
from fairmined.report._explain import evidence_sentence
from fairmined.rules import compile_rule

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "audits" / "fairmined-2.0-child-labour-mercury.json"
LOCALES = {"en": "en", "es": "es_CO", "fr": "fr_BF", "pt": "pt_BR"}
NNBSP = "\u202f"
#: The apostrophe French typography uses (a RIGHT SINGLE QUOTATION MARK).
RSQ = "\u2019"


def _base() -> dict[str, object]:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _several(data: dict) -> None:  # type: ignore[type-arg]
    """Seven more children at work, unsafe chemical storage, an expired mining title."""
    for i in range(7):
        child = copy.deepcopy(data["workers"][0])
        child["id"] = f"M-{i}"
        child["birth_date"] = f"201{i}-03-0{i + 1}"
        data["workers"].append(child)
    data["toxic_substances"]["chemicals_stored_safely"] = False
    data["legality"]["mining_title"]["valid_until"] = "2023-12-31"


def _missing(data: dict) -> None:  # type: ignore[type-arg]
    """The only worker under 15 has no date of birth."""
    del data["workers"][7]["birth_date"]
    assert data["workers"][7]["id"] == "W-08"


def _three_missing(data: dict) -> None:  # type: ignore[type-arg]
    """Three workers have no date of birth."""
    for w in data["workers"][6:9]:
        del w["birth_date"]


def _brackets(data: dict) -> None:  # type: ignore[type-arg]
    """Worker ids with brackets and dots; the second one has no date of birth."""
    w08, w09 = data["workers"][7], data["workers"][8]
    assert (w08["id"], w09["id"]) == ("W-08", "W-09")
    w08["id"] = "W[1].a"
    w09["id"] = "W[2]"
    del w09["birth_date"]


def _women(data: dict) -> None:  # type: ignore[type-arg]
    """Year 3, when women must take part in governance: women work, none governs."""
    data["audit"]["certification_year"] = 3
    data["womens_rights"]["women_in_governing_bodies"] = 0


def _spaced(data: dict) -> None:  # type: ignore[type-arg]
    """The under-age workers' ids hold words a contraction would join ("de le", "de o")."""
    w08, w09 = data["workers"][7], data["workers"][8]
    w08["id"] = "Jean de le Bois a el"
    w09["id"] = "Ana de o Monte à le"


VARIANTS: dict[str, Callable[[dict], None]] = {  # type: ignore[type-arg]
    "example": lambda data: None,
    "spaced": _spaced,
    "women": _women,
    "several": _several,
    "missing": _missing,
    "brackets": _brackets,
    "three missing": _three_missing,
}


@functools.cache
def _report(variant: str, lang: str) -> str:
    data = _base()
    VARIANTS[variant](data)
    ev = evaluate("fairmined-2.0", data)
    text = render_audit([ev], "markdown", LOCALES[lang])
    text = re.sub(r"\\(.)", r"\1", text)  # Markdown's escapes
    text = re.sub(r"\n *(?:- )?", " ", text)  # one line, without list bullets
    # babel puts a no-break space between a number and its unit (``17 mois``).
    return re.sub(r" +", " ", text.replace("\u00a0", " "))


CASES = [
    # An age under the minimum.
    (
        "en",
        "example",
        "Worker W-08 is 14 years old (born February 14, 2010); the minimum age is 15.",
    ),
    (
        "es",
        "example",
        "El trabajador W-08 tiene 14 años (nació el 14 de febrero de 2010); la edad "
        "mínima es de 15 años.",
    ),
    (
        "fr",
        "example",
        f"Le travailleur W-08 a 14 ans (date de naissance{NNBSP}: 14 février 2010){NNBSP}; "
        f"l{RSQ}âge minimal est de 15 ans.",
    ),
    (
        "pt",
        "example",
        "O trabalhador W-08 tem 14 anos (nasceu em 14 de fevereiro de 2010); a idade "
        "mínima é de 15 anos.",
    ),
    # The time since a date, longer than allowed: the gap is stated.
    (
        "en",
        "example",
        "The last general assembly was on December 1, 2022, 17 months before the "
        "audit (May 20, 2024); the longest interval allowed is 12 months.",
    ),
    (
        "es",
        "example",
        "La última asamblea general fue el 1 de diciembre de 2022, 17 meses antes de "
        "la auditoría (20 de mayo de 2024); el intervalo máximo admitido es de 12 "
        "meses.",
    ),
    (
        "fr",
        "example",
        "La dernière assemblée générale a eu lieu le 1er décembre 2022, 17 mois avant"
        f" l{RSQ}audit (20 mai 2024){NNBSP}; l{RSQ}intervalle maximal admis est de 12 mois.",
    ),
    (
        "pt",
        "example",
        "A última assembleia geral foi em 1º de dezembro de 2022, 17 meses antes da "
        "auditoria (20 de maio de 2024); o intervalo máximo admitido é de 12 meses.",
    ),
    # A yes/no fact that must be false.
    (
        "en",
        "example",
        "According to the record, amalgam is burned in the open air, which is not allowed.",
    ),
    (
        "es",
        "example",
        "Según el registro, la amalgama se quema al aire libre, lo que no está permitido.",
    ),
    (
        "fr",
        "example",
        f"Selon le dossier, l{RSQ}amalgame est brûlé à l{RSQ}air libre,"
        f" ce qui n{RSQ}est pas permis.",
    ),
    (
        "pt",
        "example",
        "Segundo o registro, o amálgama é queimado ao ar livre, o que não é permitido.",
    ),
    # A yes/no fact that must be true.
    (
        "en",
        "several",
        "According to the record, chemicals are not stored safely, which does not "
        "meet the requirement.",
    ),
    (
        "es",
        "several",
        "Según el registro, los químicos no se almacenan de forma segura, lo que no "
        "cumple el requisito.",
    ),
    (
        "fr",
        "several",
        "Selon le dossier, les produits chimiques ne sont pas stockés en sécurité, ce"
        f" qui ne satisfait pas à l{RSQ}exigence.",
    ),
    (
        "pt",
        "several",
        "Segundo o registro, os produtos químicos não são armazenados com segurança, "
        "o que não cumpre o requisito.",
    ),
    # A date that must not be before the audit date.
    (
        "en",
        "several",
        "The expiry date of the mining title is December 31, 2023; the earliest date "
        "allowed is May 20, 2024 (the audit date).",
    ),
    (
        "es",
        "several",
        "La fecha de vencimiento del título minero es el 31 de diciembre de 2023; la "
        "fecha mínima admitida es el 20 de mayo de 2024 (la fecha de la auditoría).",
    ),
    (
        "fr",
        "several",
        f"La date d{RSQ}expiration du titre minier est le 31 décembre 2023{NNBSP}; la date"
        f" minimale admise est le 20 mai 2024 (la date de l{RSQ}audit).",
    ),
    (
        "pt",
        "several",
        "A data de vencimento do título minerário é 31 de dezembro de 2023; a data "
        "mínima admitida é 20 de maio de 2024 (a data da auditoria).",
    ),
    # Several offending workers: how many, the first five, how many more.
    ("en", "several", "8 workers do not meet it. Worker W-08 is 14 years old"),
    (
        "en",
        "several",
        "Worker M-3 is 11 years old (born March 4, 2013); the minimum age is 15. … "
        "and 3 more workers in the same case.",
    ),
    ("es", "several", "8 trabajadores no lo cumplen. El trabajador W-08 tiene 14 años"),
    ("es", "several", "… y 3 trabajadores más en el mismo caso."),
    (
        "fr",
        "several",
        f"8 travailleurs ne satisfont pas à l{RSQ}exigence. Le travailleur W-08 a 14 ans",
    ),
    ("fr", "several", "… et 3 autres travailleurs dans le même cas."),
    ("pt", "several", "8 trabalhadores não o cumprem. O trabalhador W-08 tem 14 anos"),
    ("pt", "several", "… e mais 3 trabalhadores na mesma situação."),
    # A fact the record does not state: not assessed.
    ("en", "missing", "Not assessed: the record does not state the date of birth of worker W-08."),
    (
        "es",
        "missing",
        "No evaluado: el registro no indica la fecha de nacimiento del trabajador W-08.",
    ),
    (
        "fr",
        "missing",
        f"Non évaluée{NNBSP}: le dossier n{RSQ}indique pas la date de naissance"
        " du travailleur W-08.",
    ),
    (
        "pt",
        "missing",
        "Não avaliado: o registro não indica a data de nascimento do trabalhador W-08.",
    ),
    # One field missing for several workers: the field is said once, the workers listed.
    (
        "en",
        "three missing",
        "the record does not state the date of birth of workers W-07, W-08, and W-09.",
    ),
    (
        "es",
        "three missing",
        "el registro no indica la fecha de nacimiento de los trabajadores W-07, W-08 y W-09.",
    ),
    (
        "fr",
        "three missing",
        f"le dossier n{RSQ}indique pas la date de naissance des travailleurs W-07, W-08 et W-09.",
    ),
    (
        "pt",
        "three missing",
        "o registro não indica a data de nascimento dos trabalhadores W-07, W-08 e W-09.",
    ),
    # A requirement that words its failure itself.
    (
        "en",
        "women",
        "The organisation has women workers, but no woman sits in its governing bodies.",
    ),
    (
        "es",
        "women",
        "La organización tiene trabajadoras, pero ninguna mujer forma parte de sus órganos"
        " de gobierno.",
    ),
    # Ids with brackets and dots name the whole id.
    (
        "en",
        "brackets",
        "Worker W[1].a is 14 years old (born February 14, 2010); the minimum age is 15.",
    ),
    ("en", "brackets", "Not assessed: the record does not state the date of birth of worker W[2]."),
    ("es", "brackets", "El trabajador W[1].a tiene 14 años"),
    ("fr", "brackets", "la date de naissance du travailleur W[2]."),
]


@pytest.mark.parametrize(("lang", "variant", "said"), CASES)
def test_the_report_says_it_as_a_speaker_would(lang: str, variant: str, said: str) -> None:
    """The report in this locale gives this reason, word for word."""
    assert said in _report(variant, lang)


def test_french_puts_a_narrow_no_break_space_before_double_punctuation() -> None:
    """The French report (Markdown and text) never puts ``;``, ``:``, ``?`` or ``!`` straight
    after a word or after a plain space: a narrow no-break space comes first."""
    ev = evaluate("fairmined-2.0", _base())
    for fmt in ("markdown", "text"):
        text = render_audit([ev], fmt, "fr_BF")
        bad = re.findall(r"\S*[^\s\u202f\u00a0][;:?!](?=\s|$)|\S* [;:?!]", text)
        assert not bad, (fmt, bad[:5])


def test_an_id_with_brackets_and_dots_is_the_evidence_subject() -> None:
    """The evidence of a worker ``W[1].a`` names the list ``workers`` and the whole id."""
    data = _base()
    _brackets(data)
    ev = evaluate("fairmined-2.0", data)
    r = next(x for x in ev.results if x.id == "3.1")
    assert [e.subject for e in r.evidence] == [("workers", "W[1].a")]
    unknown = next(x for x in ev.results if x.id == "3.2")
    assert unknown.missing == ("workers[W[2]].birth_date",)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "The number of workers (the working time per week: more than 48 hours) is 2;"),
        ("es", "El número de trabajadores (el tiempo de trabajo semanal: más de 48 horas) es 2;"),
        ("fr", f"(le temps de travail hebdomadaire{NNBSP}: plus de 48 heures) est de 2{NNBSP};"),
        ("pt", "O número de trabalhadores (o tempo de trabalho semanal: mais de 48 horas) é 2;"),
    ],
)
def test_a_count_names_which_items_it_counts(lang: str, said: str) -> None:
    """A where-clause with a comparison says which items are counted, not what is required."""
    rule = compile_rule("count(w in workers where w.hours_per_week > 48) <= 1", RECORD_SCHEMA)
    hours = (Decimal(60), Decimal(50), Decimal(40))
    facts = {"workers": [{"id": f"W-{i}", "hours_per_week": h} for i, h in enumerate(hours)]}
    (e,) = rule.explain(facts).evidence
    text = evidence_sentence(translator(LOCALES[lang]), e).replace("\u00a0", " ")
    assert said in text


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "count(w in workers where not (w.hours_per_week > 48)) == 0",
            {
                "en": "(except the working time per week: more than 48 hours)",
                "es": "(excepto el tiempo de trabajo semanal: más de 48 horas)",
                "fr": f"(sauf le temps de travail hebdomadaire{NNBSP}: plus de 48 heures)",
                "pt": "(exceto o tempo de trabalho semanal: mais de 48 horas)",
            },
        ),
        (
            "count(w in workers where -w.hours_per_week < -48) == 0",
            {
                "en": "(minus the working time per week: less than -48)",
                "es": "(menos el tiempo de trabajo semanal: menos de -48)",
                "fr": f"(moins le temps de travail hebdomadaire{NNBSP}: moins de -48)",
                "pt": "(menos o tempo de trabalho semanal: menos de -48)",
            },
        ),
    ],
)
@pytest.mark.parametrize("lang", list(LOCALES))
def test_a_negated_or_signed_where_clause_is_worded(
    text: str, said: dict[str, str], lang: str
) -> None:
    """``not (...)`` over a comparison and a unary minus in a where-clause are worded (they
    once sent the sentence builder round in a loop until RecursionError)."""
    rule = compile_rule(text, RECORD_SCHEMA)
    hours = (Decimal(60), Decimal(50), Decimal(40))
    facts = {"workers": [{"id": f"W-{i}", "hours_per_week": h} for i, h in enumerate(hours)]}
    (e,) = rule.explain(facts).evidence
    assert said[lang] in evidence_sentence(translator(LOCALES[lang]), e).replace("\u00a0", " ")


@pytest.mark.parametrize("lang", list(LOCALES))
def test_contractions_leave_the_records_text_alone(lang: str) -> None:
    """ "de le" becomes "du" in our French words, but a worker id is printed as recorded."""
    text = _report("spaced", lang)
    assert "Jean de le Bois a el" in text
    assert "Ana de o Monte à le" in text


@pytest.mark.parametrize(
    ("wid", "shown"),
    [
        ("W-08]", "W-08]"),
        ("W[08", "W[08"),
        # control and bidi characters are shown escaped, as every echoed id is
        ("W\u202e-08\x1b[31m", "W\\u202e-08\\u001b[31m"),
    ],
)
def test_a_worker_id_with_unbalanced_brackets_is_still_named(wid: str, shown: str) -> None:
    """An id whose brackets do not balance is the worker's id, not part of a path."""
    rule = compile_rule("all(w in workers: w.hours_per_week <= 48)", RECORD_SCHEMA)
    (e,) = rule.explain({"workers": [{"id": wid, "hours_per_week": Decimal(60)}]}).evidence
    assert e.subject == ("workers", shown)
    assert f"of worker {shown} is 60 hours;" in evidence_sentence(translator("en"), e)


@pytest.mark.parametrize(
    ("lang", "counted", "average"),
    [
        (
            "en",
            "The number of workers is 2;",
            "The sum of the working time per week over the workers divided by the number of "
            "workers is 50;",
        ),
        (
            "es",
            "El número de trabajadores es 2;",
            "La suma del tiempo de trabajo semanal de trabajadores dividido por el número de "
            "trabajadores es 50;",
        ),
        (
            "fr",
            f"Le nombre de travailleurs est de 2{NNBSP};",
            f"La somme du temps de travail hebdomadaire sur l{RSQ}ensemble des travailleurs "
            f"divisé par le nombre de travailleurs est de 50{NNBSP};",
        ),
        (
            "pt",
            "O número de trabalhadores é 2;",
            "A soma do tempo de trabalho semanal de trabalhadores dividido pelo número de "
            "trabalhadores é 50;",
        ),
    ],
)
def test_len_and_sum_say_what_they_count_never_the_items(
    lang: str, counted: str, average: str
) -> None:
    """``len(workers)`` reads as the number of workers (once "the number of {'id': 'W-0',
    ...} or ..."), and a sum as the sum of its field (once "the number of workers")."""
    tr = translator(LOCALES[lang])
    facts = {"workers": [{"id": f"W-{i}", "hours_per_week": Decimal(50)} for i in range(2)]}
    (e,) = compile_rule("len(workers) >= 3", RECORD_SCHEMA).explain(facts).evidence
    said = evidence_sentence(tr, e).replace("\u00a0", " ")
    assert said.startswith(counted), said
    rule = compile_rule("sum(w in workers: w.hours_per_week) / len(workers) < 48", RECORD_SCHEMA)
    (e,) = rule.explain(facts).evidence
    said = evidence_sentence(tr, e).replace("\u00a0", " ")
    assert said.startswith(average), said
    assert "W-0" not in said and "{" not in said, said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "sum(w in workers where w.underground: w.hours_per_week) < 48",
            {
                "en": "The sum of the working time per week over the workers (works "
                "underground) is 100 hours; it must be less than 48 hours.",
                "es": "La suma del tiempo de trabajo semanal de trabajadores (trabaja bajo "
                "tierra) es 100 horas; debe ser menor que 48 horas.",
            },
        ),
        (
            'max(w in workers where w.gender == "female": w.hours_per_week) < 48',
            {
                "en": "The highest value of the working time per week among the women workers "
                "is 50 hours; it must be less than 48 hours.",
                "pt": "O valor mais alto do tempo de trabalho semanal entre trabalhadoras é 50 "
                "horas; deve ser menor que 48 horas.",
            },
        ),
        (
            "min(w in workers: w.hours_per_week) > 60",
            {
                "en": "The lowest value of the working time per week among the workers is 50 "
                "hours; it must be more than 60 hours.",
                "fr": "La valeur la plus basse du temps de travail hebdomadaire parmi les "
                f"travailleurs est de 50 heures{NNBSP}; la valeur doit être supérieure à 60 "
                "heures.",
            },
        ),
    ],
)
def test_sum_min_and_max_name_their_field_and_its_unit(text: str, said: dict[str, str]) -> None:
    """A sum, minimum or maximum over a list says of which field, in that field's unit."""
    facts = {
        "workers": [
            {"id": f"W-{i}", "hours_per_week": Decimal(50), "underground": True, "gender": "female"}
            for i in range(2)
        ]
    }
    (e,) = compile_rule(text, RECORD_SCHEMA).explain(facts).evidence
    for lang, expected in said.items():
        got = evidence_sentence(translator(LOCALES[lang]), e).replace("\u00a0", " ")
        assert got == expected, (lang, got)
