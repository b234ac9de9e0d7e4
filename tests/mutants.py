"""The fixed list of mutants the boundary tests must kill, and a harness that runs them.

Each mutant is a one-character slip of the kind real bugs are, at a boundary
issue 20 found unguarded (docs/testing.md). The harness copies the installed
``fairmined`` package to a temporary directory once, then for each mutant
writes the mutated module there, forks, and runs the mutant's tests with that
copy first on ``sys.path``; a mutant is killed when its tests fail. Forking
from a process that has already imported pytest and the dependencies keeps
each mutant well under a second.

    python tests/mutants.py            # every mutant, one line each
    python tests/mutants.py L3 P5      # only these
    python tests/mutants.py -j1        # one at a time (default: one per CPU, at most 4)

``tests/test_mutants.py`` runs it in CI. When a refactoring moves the code a
mutant names, point the mutant at the new code (the site must appear exactly
once, or ``nth`` picks among equal lines) rather than deleting it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
BOUNDARIES = "tests/test_boundaries.py::"
_PYTEST_ARGS = ("-q", "-x", "-p", "no:cacheprovider", "-p", "no:hypothesispytest", "--noconftest")


class Mutant(NamedTuple):
    """``old`` replaced by ``new`` in ``module`` (a path inside the package).

    ``old`` must occur once, or ``nth`` (from 1) picks one of its occurrences.
    """

    id: str
    module: str
    old: str
    new: str
    tests: tuple[str, ...]
    nth: int = 0

    def apply(self, source: str) -> str:
        """The mutated source; ValueError when the site is not there."""
        start = -1
        for _ in range(max(self.nth, 1)):
            start = source.find(self.old, start + 1)
            if start < 0:
                raise ValueError(f"mutant {self.id}: {self.old!r} not found in {self.module}")
        if not self.nth and source.count(self.old) != 1:
            raise ValueError(f"mutant {self.id}: {self.old!r} is not unique in {self.module}")
        return source[:start] + self.new + source[start + len(self.old) :]


def _b(*names: str) -> tuple[str, ...]:
    return tuple(BOUNDARIES + n for n in names)


_ANY = _b("test_any_with_an_unknown_and_no_true_item_is_unknown")
_AGE = _b("test_age_on_the_birthday_itself")
_FLIP_ITEM = _b(
    "test_age_on_the_birthday_itself", "test_item_comparison_written_the_other_way_round"
)
_FLIP_INTERVAL = _b("test_interval_comparison_written_either_way_round")
_Q = "pricing/_quote.py"
_SQL = "lots/sql/check.sql"
_OVER = "lots/sql/over.sql"
_LOTS_PINS = ("tests/test_lots_pins.py",)
_C = "rules/_compile.py"
_V = "rules/_values.py"
_FLIPPED = '_FLIPPED = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}'
_FLIP = 'FLIP = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}'


def _flips(mid: str, module: str, table: str, tests: tuple[str, ...]) -> list[Mutant]:
    """One mutant per entry of a flip table: the entry's operator turned into a wrong one."""
    wrong = {
        '"==": "=="': '"==": "!="',
        '"!=": "!="': '"!=": "=="',
        '"<": ">"': '"<": ">="',
        '"<=": ">="': '"<=": ">"',
        '">": "<"': '">": "<="',
        '">=": "<="': '">=": "<"',
    }
    return [
        Mutant(f"{mid}{i}", module, table, table.replace(entry, bad), tests)
        for i, (entry, bad) in enumerate(wrong.items(), start=1)
    ]


MUTANTS: list[Mutant] = [
    # Lots: the per-lot checks and the whole-file reductions.
    Mutant(
        "L1",
        "lots/_check.py",
        "if day < cert.valid_from or",
        "if day <= cert.valid_from or",
        _b("test_certificate_first_and_last_valid_day"),
    ),
    Mutant(
        "L2",
        "lots/_check.py",
        "day > cert.valid_to)",
        "day >= cert.valid_to)",
        _b("test_certificate_first_and_last_valid_day"),
    ),
    Mutant(
        "L3",
        "lots/_check.py",
        "day >= cert.status_since:",
        "day > cert.status_since:",
        _b("test_sale_on_the_day_a_suspension_starts"),
    ),
    Mutant(
        "L4",
        "lots/_check.py",
        'if cert.status != "active" and',
        'if cert.status == "suspended" and',
        _b("test_withdrawn_certificate_is_treated_like_a_suspended_one"),
    ),
    Mutant(
        "L5",
        "lots/_check.py",
        "or lot.premium_paid < due:",
        "or lot.premium_paid < due - _CENT:",
        _b("test_premium_one_cent_short_fails"),
    ),
    Mutant(
        "L6",
        "lots/_check.py",
        "if lot.price_paid < floor or",
        "if lot.price_paid < floor - _CENT or",
        _b("test_price_one_cent_below_the_floor_fails"),
    ),
    Mutant(
        "L7",
        "lots/_check.py",
        "return amount.quantize(_CENT, rounding=ROUND_HALF_UP, context=CONTEXT)",
        'return amount.quantize(_CENT, rounding="ROUND_DOWN", context=CONTEXT)',
        _b("test_paid_amounts_round_half_up_to_the_cent"),
    ),
    Mutant(
        "L8",
        "lots/sql/over.sql",
        "WHERE line IS NOT NULL AND total > declared7",
        "WHERE line IS NOT NULL AND total >= declared7",
        _b("test_fine_mass_equal_to_declared_production_passes"),
    ),
    Mutant(
        "L9",
        "lots/_check.py",
        "return text.strip()",
        "return text",
        _b("test_lot_ids_trimmed_but_case_sensitive"),
    ),
    Mutant(
        "L10",
        "lots/_check.py",
        "return text.strip()",
        "return text.strip().upper()",
        _b("test_lot_ids_trimmed_but_case_sensitive"),
    ),
    Mutant(
        "L11",  # a production period from its first day (the Python check's rows)
        "lots/_records.py",
        "return self.period_start <= day <= self.period_end",
        "return self.period_start < day <= self.period_end",
        _b("test_production_period_counts_its_first_and_last_day"),
    ),
    Mutant(
        "L12",  # ... to its last
        "lots/_records.py",
        "return self.period_start <= day <= self.period_end",
        "return self.period_start <= day < self.period_end",
        _b("test_production_period_counts_its_first_and_last_day"),
    ),
    # Lots, the SQL engine (mutmut cannot mutate SQL): the same boundaries in check.sql,
    # which judges every plain CSV row (the rows as mappings go to the Python check above).
    Mutant(
        "S1",
        _SQL,
        "coalesce(day < valid_from OR day > valid_to, false) AS f_valid",
        "coalesce(day <= valid_from OR day > valid_to, false) AS f_valid",
        _b("test_certificate_first_and_last_valid_day"),
    ),
    Mutant(
        "S2",
        _SQL,
        "coalesce(day < valid_from OR day > valid_to, false) AS f_valid",
        "coalesce(day < valid_from OR day >= valid_to, false) AS f_valid",
        _b("test_certificate_first_and_last_valid_day"),
    ),
    Mutant(
        "S3",
        _SQL,
        "coalesce(cert_status <> 'active' AND day >= since, false) AS f_suspended",
        "coalesce(cert_status <> 'active' AND day > since, false) AS f_suspended",
        _b("test_sale_on_the_day_a_suspension_starts"),
    ),
    Mutant(
        "S4",
        _SQL,
        "coalesce(cert_status <> 'active' AND day >= since, false) AS f_suspended",
        "coalesce(cert_status = 'suspended' AND day >= since, false) AS f_suspended",
        _b("test_withdrawn_certificate_is_treated_like_a_suspended_one"),
    ),
    Mutant(
        "S5",
        _SQL,
        "coalesce(premium_cents < due_cents, false) AS f_premium",
        "coalesce(premium_cents < due_cents - 1, false) AS f_premium",
        _b("test_premium_one_cent_short_fails"),
    ),
    Mutant(
        "S6",
        _SQL,
        "coalesce((price_cents + 1) * 6220695360000 <= floor_n, false) AS f_floor",
        "coalesce((price_cents + 2) * 6220695360000 <= floor_n, false) AS f_floor",
        _b("test_price_one_cent_below_the_floor_fails"),
    ),
    Mutant(
        "S7",  # the paid amounts: HALF_UP turned into DOWN
        "lots/sql/macro_cents.sql",
        "fm_div(fm_scaled(t, 12) + 5000000000, 10000000000)",
        "fm_div(fm_scaled(t, 12), 10000000000)",
        _b(
            "test_paid_amounts_round_half_up_to_the_cent",
            "test_price_paid_rounds_half_up_before_the_floor_check",
        ),
    ),
    Mutant(
        "S8",  # the floor price: HALF_UP turned into DOWN
        _SQL,
        "2 * floor4 * r2 * mg * f4 + 3110347680000 AS floor_n",
        "2 * floor4 * r2 * mg * f4 AS floor_n",
        _b("test_floor_rounds_half_up_to_the_cent"),
    ),
    Mutant(
        "S9",  # the premium per kg: HALF_UP turned into DOWN
        _SQL,
        "ELSE fm_div(2 * prem_kg2 * mg * f4 + 10000000000, 20000000000)",
        "ELSE fm_div(2 * prem_kg2 * mg * f4, 20000000000)",
        _b("test_premium_due_rounds_half_up_to_the_cent"),
    ),
    Mutant(
        "S12",  # a production period from its first day to its last
        _SQL,
        "k.day BETWEEN p.p_start AND p.p_end",
        "k.day > p.p_start AND k.day < p.p_end",
        _b("test_production_period_counts_its_first_and_last_day"),
    ),
    Mutant(
        "S13",  # exactly due: `<` turned into `<=`
        _SQL,
        "coalesce(premium_cents < due_cents, false) AS f_premium",
        "coalesce(premium_cents <= due_cents, false) AS f_premium",
        _b("test_premium_one_cent_short_fails"),
    ),
    Mutant(
        "S14",  # exactly the floor: `<` turned into `<=`
        _SQL,
        "coalesce((price_cents + 1) * 6220695360000 <= floor_n, false) AS f_floor",
        "coalesce(price_cents * 6220695360000 <= floor_n, false) AS f_floor",
        _b("test_price_one_cent_below_the_floor_fails"),
    ),
    Mutant(
        "S15",  # the floor price: HALF_UP turned into HALF_DOWN
        _SQL,
        "2 * floor4 * r2 * mg * f4 + 3110347680000 AS floor_n",
        "2 * floor4 * r2 * mg * f4 + 3110347679999 AS floor_n",
        _LOTS_PINS,
    ),
    Mutant(
        "S16",  # a premium as a fraction of the reference: HALF_UP turned into DOWN
        _SQL,
        "THEN fm_div(2 * prem4 * r2 * mg * f4 + 3110347680000, 6220695360000)",
        "THEN fm_div(2 * prem4 * r2 * mg * f4, 6220695360000)",
        _LOTS_PINS,
    ),
    Mutant(
        "S17",  # ... and HALF_UP turned into HALF_DOWN
        _SQL,
        "THEN fm_div(2 * prem4 * r2 * mg * f4 + 3110347680000, 6220695360000)",
        "THEN fm_div(2 * prem4 * r2 * mg * f4 + 3110347679999, 6220695360000)",
        _LOTS_PINS,
    ),
    Mutant(
        "S18",  # the premium per kg: HALF_UP turned into HALF_DOWN
        _SQL,
        "ELSE fm_div(2 * prem_kg2 * mg * f4 + 10000000000, 20000000000)",
        "ELSE fm_div(2 * prem_kg2 * mg * f4 + 9999999999, 20000000000)",
        _LOTS_PINS,
    ),
    Mutant(
        "S19",  # the paid amounts: HALF_UP turned into HALF_DOWN
        "lots/sql/macro_cents.sql",
        "fm_div(fm_scaled(t, 12) + 5000000000, 10000000000)",
        "fm_div(fm_scaled(t, 12) + 4999999999, 10000000000)",
        _b("test_paid_amounts_round_half_up_to_the_cent"),
    ),
    Mutant(
        "S20",  # a gross mass of zero read as a plain row
        _SQL,
        "AND mg > 0 AND mg <= 10000000000000",
        "AND mg >= 0 AND mg <= 10000000000000",
        _LOTS_PINS,
    ),
    Mutant(
        "S21",  # a fineness of zero
        _SQL,
        "AND f4 > 0 AND f4 <= 10000",
        "AND f4 >= 0 AND f4 <= 10000",
        _LOTS_PINS,
    ),
    Mutant(
        "S22",  # a reference price of zero
        _SQL,
        "AND r2 > 0 AND r2 <= 100000000",
        "AND r2 >= 0 AND r2 <= 100000000",
        _LOTS_PINS,
    ),
    Mutant(
        "S23",  # a production period's first day, off by one
        _SQL,
        "k.day BETWEEN p.p_start AND p.p_end",
        "k.day BETWEEN p.p_start + 1 AND p.p_end",
        _b("test_production_period_counts_its_first_and_last_day"),
    ),
    Mutant(
        "S24",  # ... its last day
        _SQL,
        "k.day BETWEEN p.p_start AND p.p_end",
        "k.day BETWEEN p.p_start AND p.p_end - 1",
        _b("test_production_period_counts_its_first_and_last_day"),
    ),
    Mutant(
        "S25",  # karats that do not divide exactly read as if they did (rounded down)
        _SQL,
        "AND left(fineness, -1)::BIGINT * 10000 % 24 = 0",
        "AND left(fineness, -1)::BIGINT * 10000 % 24 >= 0",
        _LOTS_PINS,
    ),
    Mutant(
        "S26",  # the ecological premium chosen for a conventional lot (fraction)
        _SQL,
        "CASE WHEN r.eco THEN s.eco4 ELSE s.prem4 END AS prem4",
        "CASE WHEN NOT r.eco THEN s.eco4 ELSE s.prem4 END AS prem4",
        _LOTS_PINS,
    ),
    Mutant(
        "S27",  # ... (per kg)
        _SQL,
        "CASE WHEN r.eco THEN s.eco_kg2 ELSE s.prem_kg2 END AS prem_kg2",
        "CASE WHEN NOT r.eco THEN s.eco_kg2 ELSE s.prem_kg2 END AS prem_kg2",
        _b("test_premium_one_cent_short_fails"),
    ),
    Mutant(
        "S28",  # the mass balance: the running total one lot behind
        _OVER,
        "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW",
        "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING",
        _b("test_fine_mass_equal_to_declared_production_passes"),
    ),
    Mutant(
        "S29",  # ... summed from the latest sale back
        _OVER,
        "PARTITION BY e.period ORDER BY e.day, e.delivery, e.known_line",
        "PARTITION BY e.period ORDER BY e.day DESC, e.delivery, e.known_line",
        _b("test_production_period_counts_its_first_and_last_day"),
    ),
    Mutant(
        "S30",  # ... counting only the invalid lots
        _OVER,
        "WHERE v.status <> 'invalid' AND v.period IS NOT NULL",
        "WHERE v.status = 'invalid' AND v.period IS NOT NULL",
        _b("test_fine_mass_equal_to_declared_production_passes"),
    ),
    Mutant(
        "S31",  # ... the ledger's earlier lots from a period's first day, off by one
        _OVER,
        "k.day BETWEEN p.p_start AND p.p_end",
        "k.day BETWEEN p.p_start + 1 AND p.p_end",
        _LOTS_PINS,
    ),
    Mutant(
        "S32",  # ... to its last day
        _OVER,
        "k.day BETWEEN p.p_start AND p.p_end",
        "k.day BETWEEN p.p_start AND p.p_end - 1",
        _LOTS_PINS,
    ),
    # Pricing: quotes, the batch quoter, the schedule and the price file.
    Mutant(
        "P1",
        _Q,
        "if premium_exact < conventional:",
        "if premium_exact <= conventional:",
        _b("test_ecological_warning_not_at_the_crossover_price"),
    ),
    Mutant(
        "P2",
        "standards/_catalog.py",
        "return self.effective_from <= day and (",
        "return (",
        _b("test_schedule_row_in_force_on_its_first_and_last_day"),
    ),
    Mutant(
        "P3",
        _Q,
        "if r is None or day < r.start or (r.end is not None and day > r.end):",
        "if r is None or (r.end is not None and day > r.end):",
        _b("test_quoter_moves_back_to_an_earlier_row"),
    ),
    Mutant(
        "P4",
        _Q,
        "if cur is not None and cur.start <= day and (cur.end is None or day <= cur.end):",
        "if cur is not None and (cur.end is None or day <= cur.end):",
        _b("test_quoter_moves_back_to_an_earlier_row"),
    ),
    Mutant(
        "P5",
        _Q,
        "floor_exact = figure_amount(floor_rule, per_ozt, fine_g)",
        'floor_exact = _per_ounce_value(per_ozt, fine_g, Decimal("0.95"))',
        _b("test_floor_comes_from_the_standard_file"),
    ),
    Mutant(
        "P6",
        _Q,
        "self.floor_fraction = row.floor.value",
        'self.floor_fraction = Decimal("0.95")',
        _b(
            "test_floor_comes_from_the_standard_file",
            "test_lots_floor_uses_the_standard_files_fraction",
        ),
    ),
    Mutant(
        "P7",
        _Q,
        "if day < info.in_force_from:",
        "if day <= info.in_force_from:",
        _b("test_sale_on_the_day_the_standard_comes_into_force"),
    ),
    Mutant(
        "P8",
        _Q,
        "and day > info.in_force_to:",
        "and day >= info.in_force_to:",
        _b("test_sale_on_the_last_day_in_force"),
    ),
    Mutant(
        "P9",
        "pricing/_prices.py",
        "            i -= 1\n",
        "            break\n",
        _b(
            "test_price_file_steps_back_over_several_days",
            "test_price_file_steps_back_past_a_day_without_the_session",
        ),
    ),
    # Rules: age, any() with unknowns, comparisons written the other way round.
    Mutant(
        "R1",  # the compiled rules use the one age() of _values too (R4: the explanation)
        _V,
        "- ((on.month, on.day) < (born.month, born.day))",
        "- ((on.month, on.day) <= (born.month, born.day))",
        _AGE,
    ),
    Mutant(
        "R2",
        _C,
        "return None if b is None else b <= limit",
        "return None if b is None else b < limit",
        _AGE,
    ),
    Mutant("R3", _C, '">=": (0, True)', '">=": (1, True)', _AGE),
    Mutant(
        "R3b",
        _C,
        "return None if b is None else b > limit",
        "return None if b is None else b >= limit",
        _AGE,
    ),
    Mutant(
        "R4",
        _V,
        "- ((on.month, on.day) < (born.month, born.day))",
        "- ((on.month, on.day) <= (born.month, born.day))",
        _b("test_explanation_states_the_age_reached_on_the_birthday"),
    ),
    *[
        # An unknown item forgotten: the loop returns as if every item were known.
        Mutant(f"R5{chr(96 + i)}", _C, "return result", "return not on_hit", _ANY, nth=i)
        for i in range(1, 5)  # the inline loops, with and without where, and the plain ones
    ],
    *_flips("R6", _C, _FLIPPED, _FLIP_ITEM),
    *_flips("R7", _V, _FLIP, _FLIP_INTERVAL),
]


def _warm_imports() -> None:
    """Import what every child needs but ``fairmined``, so a child starts quickly.

    Not hypothesis: pytest must see its plugin imported fresh to rewrite it.
    """
    for name in ("_pytest.python", "_pytest.fixtures", "attrs", "cattrs", "babel.numbers"):
        importlib.import_module(name)
    importlib.import_module("dateutil.relativedelta")


def _fork_pytest(package: Path, tests: list[str]) -> int:
    """Start ``tests`` in a forked child with ``package``'s copy first on sys.path; its pid."""
    pid = os.fork()
    if pid == 0:
        code = 3
        try:
            sys.path.insert(0, str(package.parent))
            import pytest

            # The boundary tests use neither conftest.py nor hypothesis: skipping both
            # makes a child four times cheaper.
            args = [*_PYTEST_ARGS, *tests]
            with open(os.devnull, "w") as quiet:
                os.dup2(quiet.fileno(), 1)
                os.dup2(quiet.fileno(), 2)
                code = int(pytest.main(args))
        finally:
            os._exit(code)
    return pid


def _wait(pid: int) -> int:
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def _run_all(chosen: list[Mutant], packages: list[Path]) -> dict[str, str]:
    """Each mutant in one of the package copies, as many at once as there are copies."""
    results: dict[str, str] = {}
    free = list(packages)
    running: dict[int, tuple[Mutant, Path, str]] = {}

    def finish() -> None:
        pid, status = os.wait()
        mutant, package, original = running.pop(pid)
        (package / mutant.module).write_text(original, encoding="utf-8")
        code = os.waitstatus_to_exitcode(status)
        results[mutant.id] = "killed" if code == 1 else f"survived (pytest exit {code})"
        free.append(package)

    for m in chosen:
        while not free:
            finish()
        package = free.pop()
        target = package / m.module
        original = target.read_text(encoding="utf-8")
        try:
            mutated = m.apply(original)
        except ValueError as e:
            results[m.id] = f"site missing: {e}"
            free.append(package)
            continue
        target.write_text(mutated, encoding="utf-8")
        running[_fork_pytest(package, list(m.tests))] = (m, package, original)
    while running:
        finish()
    return {m.id: results[m.id] for m in chosen}


def main(argv: list[str]) -> int:
    """Run the named mutants (all by default); print one line each; exit 1 if any survives.

    ``--json`` prints ``{id: verdict}``; ``-jN`` runs N mutants at once (default: the
    number of CPUs, at most 4).
    """
    as_json = "--json" in argv
    jobs = min(os.cpu_count() or 1, 4)
    for a in argv:
        if a.startswith("-j"):
            jobs = max(1, int(a[2:]))
    wanted = [a for a in argv if not a.startswith("-")]
    chosen = [m for m in MUTANTS if not wanted or m.id in wanted]
    os.chdir(ROOT)
    sys.dont_write_bytecode = True  # a mutant and the original may share size and mtime
    _warm_imports()

    spec = importlib.util.find_spec("fairmined")  # found, not imported: children import it
    assert spec is not None and spec.origin is not None
    source = Path(spec.origin).parent
    with tempfile.TemporaryDirectory(prefix="fairmined-mutants-") as tmp:
        packages = []
        for k in range(min(jobs, len(chosen)) or 1):
            package = Path(tmp) / str(k) / "fairmined"
            shutil.copytree(source, package, ignore=shutil.ignore_patterns("__pycache__"))
            packages.append(package)
        # The unmutated copy must pass every test used, or a "kill" would mean nothing.
        baseline = sorted({t for m in chosen for t in m.tests})
        if _wait(_fork_pytest(packages[0], baseline)) != 0:
            print("the unmutated code fails the boundary tests: fix that first", file=sys.stderr)
            return 2
        results = _run_all(chosen, packages)
        # A survivor is run again, alone: a kill missed once under load (one in several
        # suite runs, cause not found) must not fail CI, and a true survivor survives again.
        again = [m for m in chosen if results[m.id] != "killed" and m.id in results]
        again = [m for m in again if not results[m.id].startswith("site missing")]
        if again:
            retried = _run_all(again, packages[:1])
            for m in again:
                if retried[m.id] == "killed":
                    results[m.id] = "killed"
                else:
                    results[m.id] = f"{results[m.id]}, then {retried[m.id]} alone"
    if as_json:
        print(json.dumps(results))
    else:
        for mid, verdict in results.items():
            print(f"{mid:<5} {verdict}")
    return 0 if all(v == "killed" for v in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
