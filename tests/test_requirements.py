"""Reading requirement catalogs: bad rules and bad keys fail at load time, located."""

from __future__ import annotations

from pathlib import Path

import pytest

from fairmined.errors import FileProblems, RuleSyntaxError, RuleTypeError
from fairmined.standards import Period, parse_standard

TINY = (Path(__file__).parent / "data" / "tiny-standard.toml").read_text(encoding="utf-8")


def _problems(text: str) -> list[Exception]:
    with pytest.raises(FileProblems) as info:
        parse_standard(text, "bad.toml")
    return list(info.value.problems)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_tiny_standard_loads() -> None:
    """The fixture standard loads with seven requirements and a policy."""
    std = parse_standard(TINY, "tiny.toml")
    assert len(std.requirements) == 7
    assert std.certification is not None
    assert std.certification.corrective_periods["major"].text == "3 months"


def test_unknown_field_names_file_requirement_line_column() -> None:
    """A misspelt field is a RuleTypeError with file, requirement id, line and column."""
    text = TINY.replace(
        'rule = "health_and_safety.accident_register"',
        'rule = "health_and_safety.acident_register"',
    )
    (p,) = _problems(text)
    assert isinstance(p, RuleTypeError)
    assert p.file == "bad.toml"
    assert p.line == _line_of(text, "acident_register")
    assert p.column is not None and p.column >= 9
    assert "N1" in str(p)


def test_syntax_error_located() -> None:
    """A rule that does not parse is a RuleSyntaxError on the rule's line."""
    text = TINY.replace(
        'rule = "toxic_substances.mercury.retorts_used"',
        'rule = "toxic_substances.mercury.retorts_used and"',
    )
    (p,) = _problems(text)
    assert isinstance(p, RuleSyntaxError)
    assert p.line == _line_of(text, "retorts_used and")


def test_bad_scope_located() -> None:
    """A bad scope rule is reported with its own line."""
    text = TINY.replace(
        'scope = "toxic_substances.mercury.used"', 'scope = "toxic_substances.mercury.usd"'
    )
    (p,) = _problems(text)
    assert p.line == _line_of(text, "mercury.usd")  # type: ignore[attr-defined]


def test_bad_category_and_type_with_hints() -> None:
    """Unknown category and type are errors with did-you-mean hints."""
    text = TINY.replace('category = "legality"', 'category = "legal"').replace(
        'type = "minor"', 'type = "minro"'
    )
    msgs = [str(p) for p in _problems(text)]
    assert any("did you mean legality" in m for m in msgs)
    assert any("did you mean minor" in m for m in msgs)


def test_duplicate_id_rejected() -> None:
    """Two requirements with one id are an error."""
    text = TINY.replace('id = "N1"', 'id = "M1"')
    assert any("duplicate" in str(p) for p in _problems(text))


def test_rule_and_manual_exclusive() -> None:
    """A requirement needs exactly one of rule and manual."""
    text = TINY.replace('rule = "health_and_safety.accident_register"', "manual = false")
    assert any("exactly one" in str(p) for p in _problems(text))


def test_development_must_be_manual() -> None:
    """A development requirement is scored by the auditor."""
    text = TINY.replace(
        'due_from_year = 3\nmanual = true\nsource = "test"\nclause_verified = false\n\n'
        '[[requirements]]\nid = "D2"',
        'due_from_year = 3\nrule = "true"\nsource = "test"\nclause_verified = false\n\n'
        '[[requirements]]\nid = "D2"',
    )
    assert any("development" in str(p) for p in _problems(text))


def test_requirements_need_a_policy() -> None:
    """A file with requirements but no [certification] table is refused."""
    text = TINY[: TINY.index("[certification]")]
    assert any("certification" in str(p) for p in _problems(text))


def test_bad_period_rejected() -> None:
    """A corrective-action period must read like '3 months'."""
    text = TINY.replace('major = "3 months"', 'major = "soon"')
    assert any("period" in str(p) for p in _problems(text))


def test_unverified_threshold_needs_note() -> None:
    """An unverified development threshold must carry a note."""
    text = TINY.replace('note = "test threshold"\n', "")
    assert any("note" in str(p) for p in _problems(text))


@pytest.mark.parametrize(
    ("text", "shown"), [("3 months", "3 months"), ("1 years", "1 year"), ("30 day", "30 days")]
)
def test_period_parse(text: str, shown: str) -> None:
    """Periods parse to a relativedelta and a normalised text."""
    assert Period.parse(text).text == shown
