"""Print the mutation score of each module from mutmut's results in mutants/ (docs/testing.md).

Run after ``scripts/mutation.sh``. A module's score is killed / (killed + survived + timeout
+ no tests); mutants not yet checked are counted apart, so a partial run says so. Given several
``mutants/`` directories (runs of one module with different test selections or functions),
a mutant's verdict is the one of the last directory that checked it.

    python scripts/mutation_scores.py .mutation/compile/mutants .mutation/compile-lean/mutants
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

KILLED = {1, 3, 37}
TIMEOUT = {36, 24, -24, 152, 255}
NO_TESTS = {5, 33}


def _status(code: int | None) -> str:
    if code is None:
        return "unchecked"
    if code in KILLED:
        return "killed"
    if code in TIMEOUT:
        return "timeout"
    if code in NO_TESTS:
        return "no tests"
    if code == 0:
        return "survived"
    return "other"


def _merged(roots: list[Path]) -> dict[str, dict[str, int | None]]:
    """Each module's exit codes, the last directory that checked a mutant deciding it."""
    merged: dict[str, dict[str, int | None]] = {}
    for root in roots:
        for meta in sorted(root.glob("src/**/*.py.meta")):
            name = str(meta.relative_to(root / "src")).removesuffix(".py.meta").replace("/", ".")
            codes = merged.setdefault(name, {})
            for key, code in json.loads(meta.read_text())["exit_code_by_key"].items():
                if code is not None or key not in codes:
                    codes[key] = code
    return merged


def main(roots: list[Path]) -> int:
    """Print one line per mutated module and a list of the survivors."""
    modules = _merged(roots)
    if not modules:
        print(f"no results under {roots} (run scripts/mutation.sh first)", file=sys.stderr)
        return 2
    survivors: list[str] = []
    print(f"{'module':<34} {'killed':>6} {'surv.':>6} {'t/o':>4} {'none':>5} {'todo':>5} score")
    for name, codes in sorted(modules.items()):
        counts = Counter(_status(code) for code in codes.values())
        checked = sum(counts[s] for s in ("killed", "survived", "timeout", "no tests", "other"))
        # A timeout is a mutant the suite stopped (an endless loop): mutmut counts it as caught.
        caught = counts["killed"] + counts["timeout"]
        score = f"{100 * caught / checked:.1f}%" if checked else "-"
        print(
            f"{name:<34} {counts['killed']:>6} {counts['survived']:>6} {counts['timeout']:>4}"
            f" {counts['no tests']:>5} {counts['unchecked']:>5} {score}"
        )
        survivors += [k for k, c in codes.items() if _status(c) in ("survived", "no tests")]
    print(f"\n{len(survivors)} surviving mutants (mutmut show NAME):")
    for name in survivors:
        print("  " + name)
    return 0


if __name__ == "__main__":
    sys.exit(main([Path(a) for a in sys.argv[1:]] or [Path("mutants")]))
