"""Score a built graph against hand-written gold facts (``kg eval``).

A gold file (``../shared/gold/FORMAT.md``) lists, for one article, the facts a
careful reader takes from it. Each fact is checked against the article's own
graph and reported as PASS or FAIL with the reason; recall is the share of
facts that hold (a fact marked ``"absent": true`` holds when the graph does
*not* satisfy it).

Matching follows FORMAT.md, with two deliberate widenings, both because our
gazetteer writes spellings there and the gold file cannot know which one a
build picked:

* a node's names are its ``rdfs:label`` **and** ``skos:altLabel`` values;
* names are compared with :func:`kg.lang.ar.normalize_ar`, a superset of the
  FORMAT.md normalisation (it also folds digits, collapses spaces and
  lower-cases Latin, which makes the English comparison case-insensitive).

Class membership follows ``rdfs:subClassOf*``, taken from the graph being
scored when it holds any ``rdfs:subClassOf`` triple (the ontology named graph
of ``graph.trig``, or the union ``graph.ttl``), otherwise from the ontology
file (``ontology/kg.ttl``).

Error codes (all :class:`EvalError`, stage ``eval``):

* E701: a gold file is unreadable or does not follow FORMAT.md;
* E702: the outputs path holds no graph we know how to read;
* E703: a graph file does not parse;
* E704: the ontology file does not parse.

The package, by job: :mod:`~kg.evaluate.gold` (reading and checking gold
files), :mod:`~kg.evaluate.match` (facts against one graph),
:mod:`~kg.evaluate.graphs` (which graph each article is scored against),
:mod:`~kg.evaluate.report` (results, recall, the text report) and
:mod:`~kg.evaluate.run` (:func:`evaluate`, ``kg eval``). Everything public is
importable from here.

>>> from rdflib import Graph
>>> gold = {"article": "a1", "entities": {"jo": {"type": "Country", "en": "Jordan", "ar": ["الأردن"]}},
...         "facts": [{"id": "a1-1", "kind": "entity", "entity": "jo", "question": "Jordan?"}]}
>>> g = Graph().parse(data='''@prefix kg: <https://w3id.org/ankg/ontology#> .
...   @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
...   <https://w3id.org/ankg/id/actor/jordan> a kg:Country ; rdfs:label "الاردن"@ar .''', format="turtle")
>>> [(r.fact_id, r.passed) for r in score_article(validate_gold(gold), g)]
[('a1-1', True)]
"""
from __future__ import annotations

from ..errors import EvalError
from ..vocab import ROLES
from .gold import KINDS, load_gold, validate_gold
from .graphs import ONTOLOGY_GRAPH, default_ontology_path
from .match import score_article
from .report import FactResult, Report, format_report
from .run import evaluate, run_eval

__all__ = [
    "EvalError", "FactResult", "KINDS", "ONTOLOGY_GRAPH", "ROLES", "Report", "default_ontology_path", "evaluate",
    "format_report", "load_gold", "run_eval", "score_article", "validate_gold",
]
