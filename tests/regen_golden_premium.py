"""Regenerate the golden files of ``fairmined premium`` under tests/golden/premium/.

Run ``python tests/regen_golden_premium.py`` after an intended change to the
premium table or JSON, then review the diff of tests/golden/premium/ like code:
every changed figure must be explained by the change. tests/test_cli_premium.py
compares the command's output with these files byte for byte.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden" / "premium"
ROOT = Path(__file__).parent.parent

#: Three representative quotes: name -> arguments after ``fairmined premium``.
#: Paths are relative to the repository root; every case fixes --date and --locale.
CASES: dict[str, list[str]] = {
    # fairmined-2.0 gold, per-kg premium, reference price given, US English.
    "fairmined-2.0-gold": [
        "--standard", "fairmined-2.0", "--metal", "gold", "--mass", "1.250kg",
        "--fineness", "0.995", "--reference-price", "2000", "--date", "2024-03-28",
        "--locale", "en_US",
    ],
    # fairtrade-gold-2013 ecological silver from the price file on Good Friday (falls back
    # to 2024-03-28), paid above the floor, with Colombian pesos, Colombian Spanish.
    "fairtrade-gold-2013-silver-ecological-cop": [
        "--standard", "fairtrade-gold-2013", "--metal", "silver", "--mass", "10kg",
        "--fineness", "925‰", "--prices", "examples/prices-illustrative.csv",
        "--date", "2024-03-29", "--ecological", "--paid", "8000",
        "--currency", "COP", "--rate", "3912.45", "--locale", "es_CO",
    ],
    # fairtrade-fairmined-2010 platinum (unverified premium), paid below the floor,
    # West African CFA francs (no minor unit), French (Burkina Faso).
    "fairtrade-fairmined-2010-platinum-shortfall-xof": [
        "--standard", "fairtrade-fairmined-2010", "--metal", "platinum", "--mass", "100g",
        "--fineness", "24k", "--reference-price", "1500", "--date", "2012-06-01",
        "--paid", "4000", "--currency", "XOF", "--rate", "480.5", "--locale", "fr_BF",
    ],
}  # fmt: skip


def render(args: list[str]) -> tuple[int, str, str]:
    """Run ``fairmined premium ARGS`` in this process; return (exit code, stdout, stderr)."""
    from fairmined.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["premium", *args])
    return code, out.getvalue(), err.getvalue()


def expected_files(name: str) -> tuple[Path, Path]:
    return GOLDEN / f"{name}.txt", GOLDEN / f"{name}.json"


def main() -> int:
    import os

    os.chdir(ROOT)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, args in CASES.items():
        txt, js = expected_files(name)
        for path, extra in ((txt, []), (js, ["--json"])):
            code, out, err = render([*args, *extra])
            if code != 0:
                sys.stderr.write(f"{name}: exit {code}\n{err}")
                return 1
            path.write_text(out, encoding="utf-8", newline="")
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
