"""Every IRI kg mints, in one place.

Actors, articles and their named graphs, and the parts of an article's graph
(sentences, events, forces, titles, relations) live under ``kgr:`` =
``https://w3id.org/ankg/id/``.

>>> actor_iri("مصطفى الكاظمي")
'https://w3id.org/ankg/id/actor/مصطفي_الكاظمي'
>>> str(graph_iri("seed 1"))
'https://w3id.org/ankg/id/graph/seed%201'
>>> str(part_iri("x", "event/3"))
'https://w3id.org/ankg/id/article/x/event/3'
"""
from __future__ import annotations

from urllib.parse import quote

from rdflib import URIRef

from .lang.ar import normalize_ar
from .vocab import KGR

ONTOLOGY_GRAPH = KGR["graph/ontology"]
GRAPH_PREFIX = str(KGR["graph/"])
_SAFE = "_-.~"


def actor_iri(name: str) -> str:
    """A stable IRI for an actor known only by its name (not in the gazetteer)."""
    key = normalize_ar(name).replace(" ", "_")
    # Letters stay readable (IRIs allow Unicode); anything else is percent-encoded.
    key = "".join(ch if ch.isalnum() or ch in _SAFE else quote(ch, safe="") for ch in key)
    return str(KGR["actor/" + key])


def _key(key: str) -> str:
    return "".join(ch if ch.isalnum() or ch in _SAFE else quote(ch, safe="") for ch in key)


def institution_iri(country_iri: str, key: str) -> str:
    """A country's unnamed institution (its army, its police), the same in every
    article: the country's IRI, then the institution's key.

    >>> institution_iri("https://w3id.org/ankg/id/actor/syria", "army")
    'https://w3id.org/ankg/id/actor/syria/army'
    """
    return f"{country_iri.rstrip('/')}/{_key(key)}"


def generic_actor_iri(article_id: str, key: str) -> str:
    """An unnamed group (مسلحون، المدنيين) of one article: groups of two articles
    are never the same node; within one article the same key is one node.

    >>> generic_actor_iri("dev 1", "gunmen")
    'https://w3id.org/ankg/id/article/dev%201/actor/gunmen'
    """
    return str(KGR[f"{article_base(article_id)}/actor/{_key(key)}"])


def article_iri(article_id: str) -> URIRef:
    return KGR["article/" + quote(article_id, safe=_SAFE)]


def graph_iri(article_id: str) -> URIRef:
    """The named graph that holds one article's facts."""
    return KGR["graph/" + quote(article_id, safe=_SAFE)]


def article_base(article_id: str) -> str:
    """The path under ``kgr:`` of an article's parts."""
    return f"article/{quote(article_id, safe=_SAFE)}"


def part_iri(article_id: str, part: str) -> URIRef:
    """A part of an article's graph: ``s3`` (a sentence), ``event/2``, ``force/1``, ``title/0``."""
    return KGR[f"{article_base(article_id)}/{part}"]
