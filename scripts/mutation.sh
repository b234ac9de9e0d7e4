#!/usr/bin/env bash
# Mutation testing of the modules that decide money and verdicts (docs/testing.md).
#
#   scripts/mutation.sh [-j WORKERS] [--background] [GROUP...]
#
# GROUP is pricing, audit, lots or rules (default: all four, in that order), as defined in
# [tool.fairmined.mutation] of pyproject.toml: the modules mutated and the targeted tests run
# against each mutant (of those, the ones that reach the mutated function), and optionally the
# functions whose mutants are run. Each group runs in its own
# scratch project .mutation/GROUP/ (git-ignored; scripts/mutation_group.py writes it), where
# mutmut keeps its results in mutants/, so a stopped run resumes where it was. At the end the
# per-module scores are printed by scripts/mutation_scores.py. --background detaches with
# nohup and logs to ${MUTATION_LOG:-/tmp/fairmined-mutation.log}. Everything runs at nice 19.
# Not part of CI: it takes tens of minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

workers=2
background=0
groups=()
while [ $# -gt 0 ]; do
    case "$1" in
        -j) workers="$2"; shift 2 ;;
        --background) background=1; shift ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) groups+=("$1"); shift ;;
    esac
done
[ ${#groups[@]} -gt 0 ] || groups=(pricing audit lots rules)

if [ "$background" = 1 ]; then
    log="${MUTATION_LOG:-/tmp/fairmined-mutation.log}"
    nohup "$0" -j "$workers" "${groups[@]}" >"$log" 2>&1 &
    echo "mutation run started (pid $!), log: $log"
    exit 0
fi

# A reproducible hypothesis budget, so a mutant's verdict does not depend on the draw.
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-mutation}"
for group in "${groups[@]}"; do
    mapfile -t globs < <(python scripts/mutation_group.py "$group")
    cd "$root/.mutation/$group"
    # mutmut copies src/ into mutants/ with os.walk, which skips the symlinked directory of
    # shipped standards (src/fairmined/_standards -> ../../standards): recreate the link.
    mkdir -p mutants/src/fairmined
    ln -sfn "$root/standards" mutants/src/fairmined/_standards
    echo "== $(date -u +%H:%M:%S) mutmut run, group $group (workers: $workers)"
    # mutmut 3.8 can stop with "Failed to run pytest" right after collecting the stats (a
    # second pytest.main in one process); the stats are saved, so a second call goes on.
    nice -n 19 mutmut run --max-children "$workers" ${globs[@]+"${globs[@]}"} ||
        nice -n 19 mutmut run --max-children "$workers" ${globs[@]+"${globs[@]}"} ||
        echo "mutmut exited with $?"
    echo "== $(date -u +%H:%M:%S) group $group done"
    python "$root/scripts/mutation_scores.py" mutants
    cd "$root"
done
