"""Every command has the same shape, and its --help answers the next question.

The test walks the whole command tree, so a command added later is checked too:
its help must list the valid values of the flags it takes, give one example
that runs on the shipped data, and state the exit status (0 ok, 1 negative
verdict, 2 bad input).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shlex
from pathlib import Path

import pytest

from fairmined.cli import _build, main
from fairmined.model import Metal
from fairmined.report import LANGUAGES
from fairmined.standards import CATEGORIES, list_standards, load_standard

ROOT = Path(__file__).resolve().parents[1]
#: What a failure here asks of a new command.
HOW = "register the command with fairmined.cli._common.add_command (example, values, exit status)"


def _commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every parser of the tree with its command words (aliases included)."""
    found = [(path, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _commands(sub, (*path, name))
    return found


COMMANDS = _commands(_build())
LEAVES = [(path, p) for path, p in COMMANDS if p.get_default("func") is not None]


def _flags(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {s: a for a in parser._actions for s in a.option_strings}


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as e:  # --help exits through argparse
            code = int(e.code or 0)
    return code, out.getvalue(), err.getvalue()


def _help(path: tuple[str, ...]) -> str:
    code, out, err = _run([*path, "--help"])
    assert code == 0 and not err, err
    return out


def _id(item: tuple[tuple[str, ...], argparse.ArgumentParser]) -> str:
    return " ".join(item[0]) or "fairmined"


def test_the_walk_finds_every_command() -> None:
    """The tree holds the four commands, standards' actions and the list alias."""
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"premium", "audit", "verify-lots", "standards", "standards list"} <= names
    assert "standards show" in names


@pytest.mark.parametrize("item", COMMANDS, ids=_id)
def test_help_states_exit_status(item: tuple[tuple[str, ...], argparse.ArgumentParser]) -> None:
    """Every --help states 0 ok, 1 negative verdict (or never), 2 bad input."""
    text = _help(item[0])
    assert "exit status:" in text, HOW
    status = text.split("exit status:", 1)[1].splitlines()
    assert status[1].lstrip().startswith("0  ok")
    assert status[2].lstrip().startswith("1  ")
    assert status[3].lstrip().startswith("2  bad input")


@pytest.mark.parametrize("item", COMMANDS, ids=_id)
def test_help_example_runs(item: tuple[tuple[str, ...], argparse.ArgumentParser]) -> None:
    """The one example in each --help runs on the shipped data, without a usage error."""
    text = _help(item[0])
    assert "example:" in text, HOW
    example = text.split("example:", 1)[1].splitlines()[1].strip()
    words = shlex.split(example)
    assert words[0] == "fairmined"
    assert tuple(words[1 : 1 + len(item[0])]) == item[0]
    with contextlib.chdir(ROOT):
        code, out, err = _run(words[1:])
    assert code in (0, 1), err
    assert out and "error:" not in err


@pytest.mark.parametrize("item", LEAVES, ids=_id)
def test_one_shape(item: tuple[tuple[str, ...], argparse.ArgumentParser]) -> None:
    """--json wherever there is machine output; --format and --locale for people."""
    flags = _flags(item[1])
    missing = {"--format", "--locale", "--json"} - set(flags)
    assert not missing, f"add {missing} (cli._common.add_output)"
    assert "json" in flags["--format"].choices
    assert set(flags["--format"].choices) - {"json", "jsonl", "csv"}, "no format for people"


@pytest.mark.parametrize("item", LEAVES, ids=_id)
def test_help_lists_valid_values(item: tuple[tuple[str, ...], argparse.ArgumentParser]) -> None:
    """Formats, locales, standards (with names), metals and categories are listed."""
    path, parser = item
    help_text = _help(path)
    assert "valid values:" in help_text, HOW
    # Only the list at the end counts, not the usage line argparse writes itself.
    text = " ".join(help_text.split("valid values:", 1)[1].split())
    flags = _flags(parser)
    for fmt in flags["--format"].choices:
        assert fmt in text
    assert all(lang in text for lang in LANGUAGES) and "es_CO" in text
    takes_standard = "--standard" in flags or any(a.metavar == "ID" for a in parser._actions)
    if takes_standard:
        for sid in list_standards():
            assert f"{sid} {load_standard(sid).info.name}" in text
    if "--metal" in flags or path == ("verify-lots",):
        assert ", ".join(m.value for m in Metal) in text
    if "--category" in flags:
        assert ", ".join(CATEGORIES) in text


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["verify-lots", "x.csv", "--certificates", "c.csv", "--format", "jsn"],
            "did you mean json?",
        ),
        (["premium", "--session", "a.m."], "did you mean AM?"),
        (["standard"], "did you mean standards?"),
        (["standards", "lst"], "did you mean list?"),
    ],
)
def test_wrong_choice_answers_with_valid_ones(argv: list[str], expected: str) -> None:
    """A wrong choice names the closest valid value and lists all of them (exit 2)."""
    code, _, err = _run(argv)
    assert code == 2
    assert expected in err and "valid: " in err


def test_building_the_parser_leaves_the_report_layer_unimported() -> None:
    """Building the command tree reads no format choices: the report layer loads on use."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from fairmined.cli import _build\n"
        "_build()\n"
        "print('fairmined.report' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]
