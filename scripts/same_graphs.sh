#!/usr/bin/env bash
# Byte-identity check for refactorings: build graph.trig for the seeds and the dev
# set with the code of REF (default: origin/main, else main) and with the working
# tree, under one fixed SOURCE_DATE_EPOCH, and diff them.
#
#   scripts/same_graphs.sh [REF]        # exit 0: identical; 1: they differ (diff shown)
#   KG_SAME_EXTRA="/tmp/corpus120.jsonl" scripts/same_graphs.sh   # more inputs, e.g. from
#                                       # benchmarks/corpus_jsonl.py (parsed once, then cached)
#
# Needs the models (../shared/stanza_resources) and .venv. Parses are cached, so
# the second build only re-runs the rules. Outputs go to $KG_SAME_DIR
# (default: a temporary folder), never into the project.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
REF=${1:-$(git rev-parse --verify -q origin/main || git rev-parse main)}
SHARED=$(cd "${KG_SHARED:-$ROOT/../shared}" && pwd)
PY=${PY:-$ROOT/.venv/bin/python}
WORK=${KG_SAME_DIR:-$(mktemp -d)}
export KG_SHARED=$SHARED KG_STANZA_DIR=${KG_STANZA_DIR:-$SHARED/stanza_resources}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1764000000}
export KG_CACHE_DIR=${KG_CACHE_DIR:-$WORK/cache}
mkdir -p "$WORK"
rm -rf "$WORK/ref"
git worktree add -f --detach "$WORK/ref" "$REF" >/dev/null
trap 'git worktree remove --force "$WORK/ref" >/dev/null 2>&1 || true' EXIT

# name=input pairs: the seeds, the dev set and any extra inputs
INPUTS=("seeds=$SHARED/seeds" "devset=$SHARED/devset")
for extra in ${KG_SAME_EXTRA:-}; do INPUTS+=("$(basename "${extra%.*}")=$extra"); done

build() {  # build CODE_DIR OUT_DIR
  local code=$1 out=$2
  for pair in "${INPUTS[@]}"; do
    local set=${pair%%=*} input=${pair#*=}
    rm -rf "$out/$set"
    # The code under test is imported from CODE_DIR, whatever the venv has installed.
    (cd "$code" && PYTHONPATH="$code" "$PY" -c '
import sys, kg, pathlib
assert pathlib.Path(kg.__file__).resolve().is_relative_to(pathlib.Path(sys.argv[1]).resolve()), kg.__file__
from kg.cli import main
sys.exit(main(sys.argv[2:]))' "$code" -q run "$input" -o "$out/$set" --no-viewer --no-store)
  done
}

echo "reference: $(git -C "$WORK/ref" log --oneline -1)"
build "$WORK/ref" "$WORK/before"
build "$ROOT" "$WORK/after"
status=0
for pair in "${INPUTS[@]}"; do
  set=${pair%%=*}
  if cmp -s "$WORK/before/$set/graph.trig" "$WORK/after/$set/graph.trig"; then
    echo "$set: graph.trig byte-identical ($(wc -c < "$WORK/after/$set/graph.trig") bytes)"
  else
    echo "$set: graph.trig DIFFERS"
    diff "$WORK/before/$set/graph.trig" "$WORK/after/$set/graph.trig" | head -60 || true
    status=1
  fi
done
exit $status
