#!/usr/bin/env bash
# Mutation testing of the modules that decide money and verdicts (docs/testing.md).
#
#   scripts/mutation.sh [-j WORKERS] [--background] [GROUP...]
#
# GROUP is pricing, rules, audit, lots (default: all four, in that order), or a mutmut
# glob such as 'fairmined.rules._values.*'. Each group is
# one `mutmut run` over its mutants; results accumulate in mutants/ (git-ignored), so a stopped
# run resumes where it was. At the end the per-module score is printed by
# scripts/mutation_scores.py. --background detaches with nohup and logs to
# ${MUTATION_LOG:-/tmp/fairmined-mutation.log}. Not part of CI: it takes tens of minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

workers=2
background=0
groups=()
while [ $# -gt 0 ]; do
    case "$1" in
        -j) workers="$2"; shift 2 ;;
        --background) background=1; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) groups+=("$1"); shift ;;
    esac
done
[ ${#groups[@]} -gt 0 ] || groups=(pricing rules audit lots)

if [ "$background" = 1 ]; then
    log="${MUTATION_LOG:-/tmp/fairmined-mutation.log}"
    nohup "$0" -j "$workers" "${groups[@]}" >"$log" 2>&1 &
    echo "mutation run started (pid $!), log: $log"
    exit 0
fi

glob_for() {
    case "$1" in
        pricing) echo "fairmined.pricing.*" ;;
        rules) echo "fairmined.rules.*" ;;
        audit) echo "fairmined.audit.*" ;;
        lots) echo "fairmined.lots.*" ;;
        fairmined.*) echo "$1" ;;
        *) echo "unknown group: $1 (pricing, rules, audit, lots or a fairmined.* glob)" >&2; exit 2 ;;
    esac
}

# mutmut copies src/ into mutants/ with os.walk, which skips the symlinked directory of
# shipped standards (src/fairmined/_standards -> ../../standards): recreate the link.
mkdir -p mutants/src/fairmined
ln -sfn ../../standards mutants/src/fairmined/_standards

# A reproducible hypothesis budget, so a mutant's verdict does not depend on the draw.
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-mutation}"
for group in "${groups[@]}"; do
    glob="$(glob_for "$group")"
    echo "== $(date -u +%H:%M:%S) mutmut run $glob (workers: $workers)"
    # mutmut 3.8 can stop with "Failed to run pytest" right after collecting the stats (a
    # second pytest.main in one process); the stats are saved, so a second call goes on.
    nice -n 10 mutmut run --max-children "$workers" "$glob" ||
        nice -n 10 mutmut run --max-children "$workers" "$glob" ||
        echo "mutmut exited with $?"
done
python scripts/mutation_scores.py
