"""A certifier's job: evaluate an audit record and hand the organisation its report.

Run from the repository root:  python examples/certifier_audit.py [OUTPUT_DIR]
Evaluates a fictitious cooperative against Fairmined 2.0 and prints the
decision and what failed. With OUTPUT_DIR, also writes the HTML report in the
four languages there (audit-report.<locale>.html); without it, nothing is
written.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from fairmined import evaluate, load_record, load_standard
from fairmined.report import render_audit, translator

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "examples" / "audits" / "fairmined-2.0-child-labour-mercury.json"
USAGE = "usage: python examples/certifier_audit.py [OUTPUT_DIR]"


def main(argv: list[str]) -> int:
    if len(argv) > 1 or argv[:1] in (["-h"], ["--help"]):
        print(USAGE, file=sys.stderr)
        return 2
    out_dir = Path(argv[0]) if argv else None
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        print(f"error: {out_dir}: not a folder", file=sys.stderr)
        return 2
    ev = evaluate(load_standard("fairmined-2.0"), load_record(RECORD))
    print(f"decision: {ev.decision}")
    for r in ev.results:
        if r.status == "fail":
            print(f"  failed {r.id} ({r.requirement.type}): {r.requirement.title}")
    # actions that ask the same thing by the same date, together, within 80 columns
    asks: dict[str, list[str]] = {}
    for a in ev.corrective_actions:
        due = f"due {a.deadline.isoformat()}: " if a.deadline else ""
        asks.setdefault(due + a.reason, []).append(a.requirement.id)
    for what, ids in asks.items():
        print(f"  corrective action{'s' * (len(ids) > 1)} {', '.join(ids)}:")
        print(textwrap.fill(what, 80, initial_indent="    ", subsequent_indent="    "))
    if out_dir is not None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            for locale in ("en", "es_PE", "fr_BF", "pt_BR"):
                path = out_dir / f"audit-report.{locale}.html"
                path.write_text(render_audit([ev], "html", translator(locale)), encoding="utf-8")
                print(f"report: {path}")
        except OSError as e:
            print(f"error: {e.filename or out_dir}: {e.strerror or e}", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
