"""What the rest of :mod:`kg.query` shares: which ontology files a store
gets, the IRIs of the special graphs, and the prefixes every query gets.
(The folders themselves are in :mod:`kg.paths`.)

The IRIs are plain strings from :mod:`kg.namespaces`, not :mod:`kg.vocab` terms:
that module imports rdflib, which ``kg query`` and ``kg serve`` otherwise never load.

>>> PREFIXES["kg"] == KG and ONTOLOGY_GRAPH.startswith(KGR)
True
"""
from __future__ import annotations

from .. import namespaces
from ..paths import PROJECT_ROOT

REPO_ROOT = PROJECT_ROOT  # the name kg.query has always used
# Only the vocabulary: the gazetteer (actors.ttl) would add every country in the
# world to each answer, and the shapes describe the data, not the domain.
ONTOLOGY_FILES = ("kg.ttl",)

KG = namespaces.KG
KGR = namespaces.KGR
ONTOLOGY_GRAPH = KGR + "graph/ontology"
STORE_GRAPH = KGR + "graph/store"  # marks a store whose default graph holds the union
XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIXES: dict[str, str] = {
    "kg": KG,
    "kgr": KGR,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": XSD,
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "sem": namespaces.SEM,
    "time": namespaces.TIME,
}

FORMATS = ("table", "csv", "json")
STORE_DIRNAME = "store"
# Written inside the store folder; RocksDB leaves files it does not own alone.
STAMP_NAME = "kg-source.json"

EXAMPLE = REPO_ROOT / "tests" / "data" / "query" / "doctest.ttl"
