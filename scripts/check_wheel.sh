#!/usr/bin/env bash
# The wheel check: build kg's wheel (and its sdist, and a wheel from that sdist),
# install the wheel with its dependencies into a FRESH virtual environment outside
# the checkout, and from a directory outside the checkout run what a user runs:
# `kg run` with its defaults (the example article shipped in the package, output
# into ./outputs), `kg query` (SPARQL, --list, a named query), `kg validate`,
# `kg eval`, `kg load` and `kg serve`. Any failure stops the script, naming it.
# Prints the time of each step. Run by `make check-wheel` (and so by .ci/run).
#
# Usage: scripts/check_wheel.sh
# Environment:
#   PYTHON        builds the wheel; needs setuptools>=68 and pip (default: .venv/bin/python)
#   BASE_PYTHON   creates the fresh venv (default: python3)
#   TORCH         the torch requirement installed first (default: torch==2.13.0, the local
#                 CPU build; a plain requirement would pull a multi-GB CUDA build)
#   KG_STANZA_DIR the Stanza models (default: ../shared/stanza_resources)
#   KEEP=1        keep the temporary directory
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$repo/.venv/bin/python}"
case "$python" in */*) python="$(cd "$(dirname "$python")" && pwd)/$(basename "$python")";; esac  # the steps cd elsewhere
base_python="${BASE_PYTHON:-python3}"
torch_req="${TORCH:-torch==2.13.0}"
models="${KG_STANZA_DIR:-$repo/../shared/stanza_resources}"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/kg-wheel.XXXXXX")"
case "$tmp" in "$repo"/*) echo "check_wheel: temp dir $tmp is inside the checkout" >&2; exit 2;; esac
cleanup() { [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null; [ "${KEEP:-}" = 1 ] || rm -rf "$tmp"; }
trap cleanup EXIT

fail() { echo "check_wheel: FAIL: $*" >&2; exit 1; }
start_all=$SECONDS
t0=$SECONDS
step() { echo "check_wheel: $1 ($((SECONDS - t0)) s)"; t0=$SECONDS; }

[ -x "$python" ] || fail "no build python at $python (run make venv-test, or set PYTHON)"
[ -f "$models/resources.json" ] || fail "no Stanza models in $models (set KG_STANZA_DIR)"
models="$(cd "$models" && pwd)"

# 1. Build from a clean copy of what the package is made of, so neither stale
#    build/ files nor untracked files of the checkout can slip into the wheel.
mkdir -p "$tmp/src" "$tmp/dist" "$tmp/sdist-wheel"
tar -C "$repo" --exclude=__pycache__ --exclude='*.pyc' -cf - pyproject.toml README.md kg ontology pipelines \
    | tar -C "$tmp/src" -xf -
(cd "$tmp/src" && "$python" -m pip wheel -q --no-deps --no-build-isolation -w "$tmp/dist" . >"$tmp/build.log" 2>&1) \
    || { cat "$tmp/build.log" >&2; fail "building the wheel"; }
wheel="$(ls "$tmp"/dist/kg-*.whl)"
(cd "$tmp/src" && "$python" -c "import sys; from setuptools import build_meta; build_meta.build_sdist(sys.argv[1])" \
    "$tmp/dist" >>"$tmp/build.log" 2>&1) || { cat "$tmp/build.log" >&2; fail "building the sdist"; }
sdist="$(ls "$tmp"/dist/kg-*.tar.gz)"
"$python" -m pip wheel -q --no-deps --no-build-isolation -w "$tmp/sdist-wheel" "$sdist" >>"$tmp/build.log" 2>&1 \
    || { cat "$tmp/build.log" >&2; fail "building a wheel from the sdist"; }
# The two wheels must hold the same files, and the data files the tests list.
list() { "$python" -c "import sys, zipfile; print('\n'.join(sorted(n for n in zipfile.ZipFile(sys.argv[1]).namelist() if '.dist-info/' not in n)))" "$1"; }
list "$wheel" >"$tmp/wheel.txt"
list "$tmp"/sdist-wheel/kg-*.whl >"$tmp/sdist-wheel.txt"
diff "$tmp/wheel.txt" "$tmp/sdist-wheel.txt" || fail "the wheel built from the sdist differs from the wheel"
for f in kg/ontology/kg.ttl kg/ontology/actors.ttl kg/ontology/shapes.ttl kg/pipelines/default.toml \
         kg/pipelines/examples/example.txt kg/data/viewer/viewer.js; do
    grep -qx "$f" "$tmp/wheel.txt" || fail "$f is not in $(basename "$wheel")"
done
step "built $(basename "$wheel") ($(wc -l <"$tmp/wheel.txt") files), its sdist and a wheel from the sdist"

# 2. A fresh venv, outside the checkout, with the wheel and its dependencies.
"$base_python" -m venv "$tmp/venv"
venv="$tmp/venv/bin"
pip_install() {  # quiet, with pip's output shown only when it fails
    "$venv/pip" install -q --disable-pip-version-check "$@" >"$tmp/pip.log" 2>&1 || { cat "$tmp/pip.log" >&2; fail "pip install $*"; }
}
# As the Makefile: the local CPU file, else PyTorch's CPU index.
"$venv/pip" install -q --disable-pip-version-check "$torch_req" >"$tmp/pip.log" 2>&1 \
    || pip_install torch --index-url https://download.pytorch.org/whl/cpu
step "fresh venv with $torch_req"
pip_install "$wheel"
step "installed the wheel and its dependencies"

# 3. From a directory outside the checkout, with nothing of the checkout in sight.
work="$tmp/work"
mkdir -p "$work"
cd "$work"
export KG_CACHE_DIR="$tmp/cache" KG_SHARED="$tmp/no-shared"
unset PYTHONPATH STANZA_RESOURCES_DIR
kg="$venv/kg"
"$venv/python" - "$repo" <<'PY' || fail "kg is not imported from the installed package"
import sys
from pathlib import Path
import kg, kg.paths
root = Path(sys.argv[1]).resolve()
where = Path(kg.__file__).resolve()
assert root not in where.parents, f"kg imported from the checkout: {where}"
assert kg.paths.PACKAGED, f"kg.paths does not see the packaged data (ontology: {kg.paths.ONTOLOGY_DIR})"
print(f"check_wheel: kg from {where.parent}")
PY

"$kg" -q run --models "$models" >"$tmp/run.log" 2>&1 || { cat "$tmp/run.log" >&2; fail "kg run (default input)"; }
for f in graph.trig graph.ttl graph.html failures.json articles/example.ttl store; do
    [ -e "outputs/$f" ] || { cat "$tmp/run.log" >&2; fail "kg run wrote no ./outputs/$f"; }
done
# The viewer's own script (kg/data/viewer/viewer.js) is inlined into graph.html.
grep -q "kg viewer: builds the vis-network" outputs/graph.html || fail "graph.html lacks the packaged viewer script"
grep -q "1 processed" "$tmp/run.log" || { cat "$tmp/run.log" >&2; fail "kg run did not process the shipped example"; }
site="$("$venv/python" -c "import kg, pathlib; print(pathlib.Path(kg.__file__).parent)")"
[ ! -e "$site/outputs" ] || fail "kg run wrote into the installed package ($site/outputs)"
step "kg run: the shipped example into ./outputs"

# A file of our own, by a relative path, into a directory named by -o.
mkdir -p news
printf '%s\n' "وقعت مصر والأردن اليوم الاثنين في عمّان اتفاقا للتعاون في مجال الطاقة." >news/energy.txt
"$kg" -q run news/energy.txt -o mine --models "$models" >"$tmp/run2.log" 2>&1 \
    || { cat "$tmp/run2.log" >&2; fail "kg run news/energy.txt -o mine"; }
[ -s mine/articles/energy.ttl ] || { cat "$tmp/run2.log" >&2; fail "kg run FILE -o DIR wrote no mine/articles/energy.ttl"; }
m="$("$kg" query mine 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRENDS(STR(?g), "/graph/energy")) }' \
    --format csv | sed -n 2p | tr -d "\r")"
[ "${m:-0}" -gt 5 ] 2>/dev/null || fail "kg query counted '${m}' triples in the graph of news/energy.txt"
"$kg" query mine agreements --format csv | grep -q "article/energy" || fail "kg query agreements finds no agreement in news/energy.txt"
step "kg run FILE -o DIR: news/energy.txt into ./mine ($m triples in its graph)"

n="$("$kg" query outputs 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format csv | sed -n 2p | tr -d "\r")"
[ "${n:-0}" -gt 50 ] 2>/dev/null || fail "kg query counted '${n}' triples"
"$kg" query --list >"$tmp/list.txt" || fail "kg query --list"
for q in "$repo"/ontology/queries/*.rq; do
    name="$(basename "$q" .rq)"
    grep -q "^$name " "$tmp/list.txt" || fail "kg query --list does not list $name"
    "$kg" query outputs "$name" --format csv >/dev/null || fail "kg query outputs $name"
done
"$kg" query outputs agreements --format csv | grep -q "example" || fail "kg query agreements finds no agreement in the example"
# The class hierarchy comes from the packaged ontology: a Country is an Actor.
"$kg" query outputs 'ASK { ?c a/rdfs:subClassOf* kg:Actor }' --format csv | grep -qi true \
    || fail "kg query: the ontology's class hierarchy is not loaded"
step "kg query: $n triples, $(wc -l <"$tmp/list.txt") named queries"

"$kg" validate outputs >"$tmp/validate.log" 2>&1 || { cat "$tmp/validate.log" >&2; fail "kg validate"; }
grep -q "conforms" "$tmp/validate.log" || { cat "$tmp/validate.log" >&2; fail "kg validate did not check the shapes"; }
cat >"$tmp/example.gold.json" <<'JSON'
{"article": "example", "published": "2024-03-14",
 "entities": {"iraq": {"type": "Country", "en": "Iraq", "ar": ["العراق"]},
              "usa": {"type": "Country", "en": "United States", "ar": ["واشنطن"]}},
 "facts": [{"id": "ex-01", "question": "Is Iraq in the graph (a Country, from the gazetteer)?",
            "kind": "entity", "entity": "iraq"},
           {"id": "ex-02", "question": "Do Iraq and the United States agree?",
            "kind": "event", "type": "Agreement", "roles": {"party": ["iraq", "usa"]}}]}
JSON
"$kg" eval --gold "$tmp/example.gold.json" outputs --min-recall 1.0 >"$tmp/eval.log" 2>&1 \
    || { cat "$tmp/eval.log" >&2; fail "kg eval"; }
rm -rf outputs/store
"$kg" load outputs >/dev/null || fail "kg load"
[ -d outputs/store ] || fail "kg load wrote no outputs/store"
step "kg validate, kg eval, kg load"

port="$("$venv/python" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")"
"$kg" serve outputs --port "$port" >"$tmp/serve.log" 2>&1 &
server_pid=$!
"$venv/python" - "$port" <<'PY' || { cat "$tmp/serve.log" >&2; fail "kg serve"; }
import sys, time, urllib.parse, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
for _ in range(100):
    try:
        page = urllib.request.urlopen(base + "/", timeout=5).read().decode("utf-8")
        break
    except OSError:
        time.sleep(0.2)
else:
    sys.exit("kg serve did not answer on /")
assert "kg viewer: builds the vis-network" in page, "/ is not the viewer (graph.html)"
query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
req = urllib.request.Request(f"{base}/sparql?{query}", headers={"Accept": "application/sparql-results+json"})
body = urllib.request.urlopen(req, timeout=10).read().decode("utf-8")
assert '"boolean"' in body and "true" in body, body
PY
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
step "kg serve: viewer and /sparql"

echo "check_wheel: OK in $((SECONDS - start_all)) s"
