"""SPARQL over the graph with pyoxigraph: open or build a store, run a query,
print the answer as a table, CSV or SPARQL JSON.

A source is an outputs folder (its ``graph.trig`` is loaded once into a
persistent store, ``outputs/store/``, rebuilt when ``graph.trig`` changes), a
single RDF file (loaded in memory) or a store folder. Queries see the union of
all named graphs (each triple once), and the ontology is always there so that
``?x a/rdfs:subClassOf* kg:Meeting`` finds a ``kg:PhoneCall``.

The package, by job: :mod:`~kg.query.base` (paths, graph IRIs, prefixes),
:mod:`~kg.query.store` (building and opening stores), :mod:`~kg.query.sparql`
(named queries, the read-only check, running a query),
:mod:`~kg.query.results` (answers as text) and :mod:`~kg.query.commands`
(``kg query``, ``kg load``). Everything public is importable from here.

>>> print(run_query(EXAMPLE, "SELECT ?label WHERE { ?c a kg:Country ; rdfs:label ?label } ORDER BY ?label"))
label
------
العراق
(1 row)
"""
from __future__ import annotations

# The constants are imported from here by kg.serve, kg.validate, the tests and
# the benchmarks; as before the split, __all__ lists only the functions.
from ..paths import ONTOLOGY_DIR, QUERIES_DIR
from .base import (
    EXAMPLE,
    FORMATS,
    KG,
    KGR,
    ONTOLOGY_FILES,
    ONTOLOGY_GRAPH,
    PREFIXES,
    REPO_ROOT,
    STAMP_NAME,
    STORE_DIRNAME,
    STORE_GRAPH,
    XSD,
)
from .commands import load_command, query_command, run_query
from .results import (
    boolean_result,
    compact_iri,
    format_answer,
    format_table,
    solutions_csv,
    solutions_json,
    solutions_xml,
    term_text,
    triples_turtle,
)
from .guard import check_query, check_size
from .sparql import Answer, check_read_only, execute, list_named_queries, read_answer, resolve_query
from .store import build_store, open_store, prepare_store

__all__ = [
    "PREFIXES", "build_store", "open_store", "prepare_store", "resolve_query", "run_query", "list_named_queries",
    "execute", "check_query", "check_size", "read_answer", "format_answer", "Answer", "check_read_only", "compact_iri", "term_text", "format_table", "solutions_json",
    "solutions_csv", "solutions_xml", "boolean_result", "triples_turtle", "query_command", "load_command",
]
