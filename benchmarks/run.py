"""Benchmarks: each figure is a ratio against a baseline timed in the same run.

    python benchmarks/run.py             # full run, writes docs/performance.md
    python benchmarks/run.py --quick --json

Every section times the library and a baseline on the same machine, in the
same process or back to back, and reports the median of at least five runs.
Absolute times depend on the machine; the ratios are what the targets are
about. Data is generated with a fixed seed; nothing is fetched.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: The keys `--quick --json` prints, with each target: (comparison, bound).
TARGETS: dict[str, tuple[str, float]] = {
    "audit_vs_handwritten": ("<=", 1.5),
    "audit_vs_rule_engine": ("<=", 0.2),
    "lots_vs_csv_baseline": ("<=", 3.0),
    "lots_jobs2_speedup": (">=", 1.6),
    "lots_rss_ratio": ("<=", 1.1),
    "quote_vs_decimal": ("<=", 4.0),
    "startup_vs_attrs": ("<=", 2.0),
}


@dataclass
class Figure:
    key: str
    ratio: float
    ours: float
    baseline: float
    what: str
    baseline_what: str
    unit: str = "s"
    notes: list[str] = field(default_factory=list)


def median_time(fn: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``repeats`` calls of ``fn``."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_medians(
    a: Callable[[], object], b: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """Median times of ``a`` and ``b``, interleaved so load drifts hit both alike."""
    ta, tb = [], []
    for _ in range(repeats):
        s = time.perf_counter()
        a()
        ta.append(time.perf_counter() - s)
        s = time.perf_counter()
        b()
        tb.append(time.perf_counter() - s)
    return statistics.median(ta), statistics.median(tb)


# --------------------------------------------------------------------------- quotes


def bench_quotes(n: int, repeats: int) -> Figure:
    """1,000,000 quotes through the public API vs a bare Decimal expression."""
    import random

    from fairmined import Fineness, Mass, Metal
    from fairmined.pricing import Quoter, quote
    from fairmined.standards import load_standard

    rng = random.Random(20241128)
    std = load_standard("fairmined-2.0")
    day = date(2024, 3, 1)
    rows = [
        (
            Decimal(rng.randrange(100, 5000)),  # grams
            Decimal(rng.randrange(750, 1000)).scaleb(-3),  # fineness
            Decimal(rng.randrange(150000, 250000)).scaleb(-2),  # USD/ozt
        )
        for _ in range(min(n, 10_000))
    ]
    reps = max(1, n // len(rows))
    masses = [Mass(g, "g") for g, _, _ in rows]
    fines = [Fineness.of(f) for _, f, _ in rows]
    prices = [p for _, _, p in rows]
    gold = Metal.GOLD

    quoter = Quoter(std, gold)

    def ours() -> None:
        for _ in range(reps):
            for m, f, p in zip(masses, fines, prices, strict=True):
                quoter.floor_and_premium(f.apply(m.grams), p, day)

    def full() -> None:
        for m, f, p in zip(masses, fines, prices, strict=True):
            quote(std, gold, m, f, reference_price=p, sale_date=day)

    ozt = Decimal("31.1034768")
    cent = Decimal("0.01")
    floor_f, per_kg, thousand = Decimal("0.95"), Decimal("4000"), Decimal(1000)

    def bare() -> None:
        for _ in range(reps):
            for g, f, p in rows:
                fine = g * f
                (floor_f * p * fine / ozt).quantize(cent)
                (per_kg * fine / thousand).quantize(cent)

    t_ours, t_bare = paired_medians(ours, bare, repeats)
    total = reps * len(rows)
    t_full = median_time(full, 3) * reps
    return Figure(
        "quote_vs_decimal",
        t_ours / t_bare,
        t_ours,
        t_bare,
        f"{total:,} quotes through fairmined.Quoter.floor_and_premium()",
        f"{total:,} bare Decimal floor and premium expressions",
        notes=[
            f"The full quote() object (fine mass, price paid, warnings, local "
            f"currency) costs {t_full / t_bare:.1f}x the bare expression; "
            "batch work should use Quoter."
        ],
    )


# --------------------------------------------------------------------------- start-up


def bench_startup(repeats: int) -> Figure:
    """`fairmined --version` vs `python -c "import attrs"`, as fresh processes."""
    ours_cmd = [sys.executable, "-m", "fairmined", "--version"]
    base_cmd = [sys.executable, "-c", "import attrs"]

    def run(cmd: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(cmd, check=True, capture_output=True)

    run(ours_cmd)()
    run(base_cmd)()
    t_ours, t_base = paired_medians(run(ours_cmd), run(base_cmd), max(repeats, 11))
    return Figure(
        "startup_vs_attrs",
        t_ours / t_base,
        t_ours,
        t_base,
        "python -m fairmined --version",
        'python -c "import attrs"',
    )


# --------------------------------------------------------------------------- main

SECTIONS: dict[str, Callable[[argparse.Namespace], list[Figure]]] = {}


def section(
    name: str,
) -> Callable[
    [Callable[[argparse.Namespace], list[Figure]]], Callable[[argparse.Namespace], list[Figure]]
]:
    def deco(
        fn: Callable[[argparse.Namespace], list[Figure]],
    ) -> Callable[[argparse.Namespace], list[Figure]]:
        SECTIONS[name] = fn
        return fn

    return deco


@section("quotes")
def _quotes(a: argparse.Namespace) -> list[Figure]:
    return [bench_quotes(100_000 if a.quick else 1_000_000, 5)]


@section("startup")
def _startup(a: argparse.Namespace) -> list[Figure]:
    return [bench_startup(5)]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()} "
        f"({platform.python_implementation()}), {platform.system()} {platform.release()}"
    )


def meets(key: str, ratio: float) -> bool:
    op, bound = TARGETS[key]
    return ratio <= bound if op == "<=" else ratio >= bound


def write_markdown(figures: list[Figure], path: Path) -> None:
    lines = [
        "# Performance",
        "",
        "Generated by `python benchmarks/run.py` (the full run). Each figure is a ratio",
        "against a baseline timed in the same run, median of at least five runs.",
        "",
        f"Machine: {machine()}.",
        "",
        "| key | ratio | target | met | ours | baseline |",
        "|---|---|---|---|---|---|",
    ]
    for f in figures:
        op, bound = TARGETS[f.key]
        lines.append(
            f"| `{f.key}` | {f.ratio:.3f} | {op} {bound} "
            f"| {'yes' if meets(f.key, f.ratio) else 'NO'} "
            f"| {f.what}: {f.ours:.4g} {f.unit} | {f.baseline_what}: {f.baseline:.4g} {f.unit} |"
        )
    notes = [n for f in figures for n in f.notes]
    if notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    lines += [
        "",
        "## Rerun",
        "",
        "```text",
        "pip install '.[bench]'",
        "python benchmarks/run.py            # full run, rewrites this page",
        "python benchmarks/run.py --quick --json",
        "```",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="smaller inputs, same ratios")
    p.add_argument("--json", action="store_true", help="print one JSON object of ratios")
    p.add_argument(
        "--only", action="append", choices=sorted(SECTIONS), help="run only these sections"
    )
    p.add_argument(
        "--out",
        default=None,
        help="where the full run writes its page (default docs/performance.md)",
    )
    a = p.parse_args(argv)
    figures: list[Figure] = []
    for name, fn in SECTIONS.items():
        if a.only and name not in a.only:
            continue
        for fig in fn(a):
            figures.append(fig)
            if not a.json:
                print(
                    f"{fig.key}: {fig.ratio:.3f} ({fig.what}: {fig.ours:.4g}{fig.unit}; "
                    f"{fig.baseline_what}: {fig.baseline:.4g}{fig.unit})",
                    flush=True,
                )
    if a.json:
        print(json.dumps({f.key: round(f.ratio, 4) for f in figures}))
    if not a.quick and not a.only:
        out = Path(a.out) if a.out else ROOT / "docs" / "performance.md"
        write_markdown(figures, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
