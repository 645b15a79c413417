"""Query latency: pyoxigraph (what `kg query` and `kg serve` use) against
rdflib's SPARQL engine, on the same graph, measured in one run.

For every named query in ontology/queries/ plus a COUNT(*), prints the best of
``--repeat`` runs with each engine, the ratio rdflib / pyoxigraph, and whether
both found the same number of rows.

    .venv/bin/python benchmarks/bench_query.py --graph outputs/graph.trig
    .venv/bin/python benchmarks/bench_query.py --articles 500   # synthesised

``--graph`` is a graph.trig written by `kg run` (for instance on articles of
../shared/corpus/saudinewsnet turned into a .jsonl). Without one, or with
``--articles N``, the graph is synthesised: the articles of a real graph
(``--graph``, else outputs/graph.trig, else the test fixture) are replicated
under new ids until there are N, with troop counts and dates shifted so that
the copies are not identical; the output says so.
"""
from __future__ import annotations

import argparse
import multiprocessing
import re
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.query import (  # noqa: E402
    ONTOLOGY_DIR, ONTOLOGY_FILES, ONTOLOGY_GRAPH, PREFIXES, QUERIES_DIR, REPO_ROOT, prepare_store,
)

KGR = PREFIXES["kgr"]
KG = PREFIXES["kg"]
XSD = PREFIXES["xsd"]
FIXTURE = REPO_ROOT / "tests" / "data" / "query" / "graph.trig"
COUNT = "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }"
_ARTICLE_ID = re.compile(re.escape(KGR) + r"(graph|article)/([^/]+)")


def load_quads(path: Path) -> list[ox.Quad]:
    return list(ox.parse(path=str(path), format=ox.RdfFormat.from_extension(path.suffix.lstrip("."))))


def _rename(term: object, copy: int) -> object:
    """The same node in copy ``copy``: article and graph ids get a suffix;
    actors stay shared, as they would across real articles."""
    if isinstance(term, ox.NamedNode) and term.value != ONTOLOGY_GRAPH:
        return ox.NamedNode(_ARTICLE_ID.sub(lambda m: f"{KGR}{m.group(1)}/{m.group(2)}-c{copy}", term.value))
    return term


def _perturb(term: object, copy: int) -> object:
    # Different counts and dates per copy, so that queries do not meet only duplicates.
    if isinstance(term, ox.Literal) and term.datatype.value == XSD + "integer":
        return ox.Literal(str(int(term.value) + 100 * copy), datatype=term.datatype)
    if isinstance(term, ox.Literal) and term.datatype.value == XSD + "date":
        year = int(term.value[:4]) + copy % 5
        return ox.Literal(f"{year}{term.value[4:]}", datatype=term.datatype)
    return term


def synthesise(base: list[ox.Quad], articles: int) -> list[ox.Quad]:
    by_graph: dict[str, list[ox.Quad]] = {}
    out = []
    for q in base:
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != ONTOLOGY_GRAPH:
            by_graph.setdefault(q.graph_name.value, []).append(q)
        else:
            out.append(q)
    article_graphs = sorted(by_graph)
    for index in range(articles):
        copy, graph = divmod(index, len(article_graphs))
        out += [ox.Quad(_rename(q.subject, copy), q.predicate, _perturb(_rename(q.object, copy), copy),
                        _rename(q.graph_name, copy)) for q in by_graph[article_graphs[graph]]]
    return out


def build_engines(quads: list[ox.Quad]) -> tuple[ox.Store, rdflib.Dataset]:
    store = ox.Store()
    store.extend(quads)
    if not store.contains_named_graph(ox.NamedNode(ONTOLOGY_GRAPH)):
        for name in ONTOLOGY_FILES:
            store.load(path=str(ONTOLOGY_DIR / name), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    # rdflib gets the named graphs (its union holds each triple once) ...
    nquads = ox.serialize(store, format=ox.RdfFormat.N_QUADS)
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=nquads, format="nquads")
    # ... and pyoxigraph the same union, copied into its default graph as `kg query` does.
    prepare_store(store)
    return store, dataset


def time_oxigraph(store: ox.Store, query: str, repeat: int) -> tuple[float, int]:
    best, rows = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = len(list(store.query(query, prefixes=PREFIXES)))
        best = min(best, time.perf_counter() - start)
    return best, rows


def _rdflib_runs(dataset: rdflib.Dataset, query: str, repeat: int, budget_s: float) -> tuple[float, int]:
    best, rows = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = len(list(dataset.query(query, initNs=PREFIXES)))
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        if elapsed > budget_s / repeat:  # one slow run is enough to know
            break
    return best, rows


def _child(connection: object, dataset: rdflib.Dataset, query: str, repeat: int, budget_s: float) -> None:
    try:
        connection.send(("ok", _rdflib_runs(dataset, query, repeat, budget_s)))
    except Exception as err:  # noqa: BLE001 - sent back and printed
        connection.send(("error", f"{type(err).__name__}: {err}"))


def time_rdflib(dataset: rdflib.Dataset, query: str, repeat: int, budget_s: float) -> tuple[float, int] | None:
    """Best time and row count, or None when the query ran over ``budget_s``.
    rdflib cannot be interrupted, so it runs in a forked child that is killed."""
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork (Windows, macOS default): no budget either
        return _rdflib_runs(dataset, query, repeat, budget_s)
    parent, child = context.Pipe()
    process = context.Process(target=_child, args=(child, dataset, query, repeat, budget_s))
    process.start()
    if not parent.poll(budget_s):
        process.kill()
        process.join()
        return None
    status, payload = parent.recv()
    process.join()
    if status == "error":
        raise RuntimeError(payload)
    return payload


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, help="a graph.trig written by `kg run`")
    parser.add_argument("--articles", type=int, help="synthesise a graph of this many articles from --graph")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query and engine; the best is kept")
    parser.add_argument("--rdflib-budget", type=float, default=30.0,
                        help="seconds rdflib gets per query (all its runs); slower ones are stopped and "
                             "counted at the budget, so the ratio shown is a lower bound")
    parser.add_argument("--only", nargs="*", help="named queries to run (default: all)")
    args = parser.parse_args(argv)

    source = args.graph
    if source is None or not source.is_file():
        if source is not None:
            print(f"note: {source} does not exist", file=sys.stderr)
        default = REPO_ROOT / "outputs" / "graph.trig"
        source = default if default.is_file() else FIXTURE
        args.articles = args.articles or 200
    quads = load_quads(source)
    real_articles = len({q.graph_name.value for q in quads
                         if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != ONTOLOGY_GRAPH})
    if args.articles:
        quads = synthesise(quads, args.articles)
        print(f"graph: SYNTHESISED, {args.articles} articles replicated from the {real_articles} of {source} "
              "(ids renamed, counts and dates shifted per copy)")
    else:
        print(f"graph: {source} ({real_articles} articles)")

    load_start = time.perf_counter()
    store, dataset = build_engines(quads)
    triples = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    print(f"quads: {len(quads)}, distinct triples in the union: {triples} "
          f"(both engines loaded in {time.perf_counter() - load_start:.1f} s)")

    queries = [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(QUERIES_DIR.glob("*.rq"))]
    if args.only:
        queries = [(name, text) for name, text in queries if name in args.only]
    queries.append(("COUNT(*)", COUNT))

    print(f"\n{'query':24} {'pyoxigraph ms':>14} {'rdflib ms':>12} {'rdflib/oxi':>11} {'rows':>7}  same")
    ratios = []
    for name, text in queries:
        oxi_s, oxi_rows = time_oxigraph(store, text, args.repeat)
        try:
            timed = time_rdflib(dataset, text, args.repeat, args.rdflib_budget)
        except Exception as err:  # noqa: BLE001 - report the engine's failure and go on
            print(f"{name:24} {oxi_s * 1000:14.1f} {'error':>12} {'-':>11} {oxi_rows:7d}  rdflib failed: {err}")
            continue
        if timed is None:
            floor = args.rdflib_budget / oxi_s if oxi_s > 0 else float("inf")
            print(f"{name:24} {oxi_s * 1000:14.1f} {'>' + format(args.rdflib_budget * 1000, '.0f'):>12} "
                  f"{'>' + format(floor, '.0f'):>10}x {oxi_rows:7d}  rdflib stopped after {args.rdflib_budget:g} s")
            ratios.append(floor)
            continue
        rdf_s, rdf_rows = timed
        ratio = rdf_s / oxi_s if oxi_s > 0 else float("inf")
        ratios.append(ratio)
        same = "yes" if oxi_rows == rdf_rows else f"NO (rdflib {rdf_rows})"
        print(f"{name:24} {oxi_s * 1000:14.1f} {rdf_s * 1000:12.1f} {ratio:10.1f}x {oxi_rows:7d}  {same}")
    geometric = 1.0
    for ratio in ratios:
        geometric *= ratio
    print(f"\ngeometric mean of rdflib/pyoxigraph: {geometric ** (1 / len(ratios)):.1f}x "
          f"(best of {args.repeat} runs each, same machine and graph; stopped queries count at the budget)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
