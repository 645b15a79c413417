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

An article id becomes one IRI path segment, percent-encoded (:func:`id_segment`),
and one file name (:func:`file_stem`, for ``articles/<stem>.ttl``).
"""
from __future__ import annotations

import hashlib
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


def id_segment(article_id: str) -> str:
    """An article id as one IRI path segment: ASCII letters, digits and ``_-.~``
    stay, everything else is percent-encoded (UTF-8), whatever the id's length.
    Ingest refuses the ids ``.`` and ``..`` (dot segments).

    >>> id_segment("خبر 1")
    '%D8%AE%D8%A8%D8%B1%201'
    """
    return quote(article_id, safe=_SAFE)


# File names: at most this many characters, all ASCII, so that ``<stem>.ttl`` and
# the temporary ``.<stem>.ttl.XXXXXXXX.tmp`` beside it stay far below the 255 bytes
# of common file systems (and the 143 of eCryptfs).
MAX_STEM = 100
_HASH_CHARS = 16
# Names Windows refuses whatever the extension (CON.ttl is the console).
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


def file_stem(article_id: str) -> str:
    """The file name, without extension, of an article's files (``articles/<stem>.ttl``).

    The percent-encoded id (:func:`id_segment`), so two ids never share a file;
    a leading dot is written ``%2E``, so the file is never hidden and never ``.``
    or ``..``. An id that would give more than :data:`MAX_STEM` characters, or a
    name Windows reserves, is cut after a whole character and given ``+`` and a
    hash of the whole id: ``+`` is always percent-encoded in the id, so a cut
    name never equals another id's name.

    >>> file_stem("seed 1"), file_stem(".."), file_stem(".hidden"), file_stem("con")
    ('seed%201', '%2E.', '%2Ehidden', 'con+1143da2bc54c495c')
    >>> import hashlib; hashlib.sha256(b"con").hexdigest()[:16]
    '1143da2bc54c495c'
    >>> stem = file_stem("خبر" * 100); len(stem), stem[:18], stem[-17]
    (95, '%D8%AE%D8%A8%D8%B1', '+')
    """
    stem = _dot(id_segment(article_id))
    if len(stem) <= MAX_STEM and stem.split(".")[0].upper() not in _RESERVED:
        return stem
    digest = hashlib.sha256(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_CHARS]
    cut, budget = "", MAX_STEM - _HASH_CHARS - 1
    for ch in article_id:
        piece = _dot(id_segment(ch)) if not cut else id_segment(ch)
        if len(cut) + len(piece) > budget:
            break
        cut += piece
    return f"{cut}+{digest}"


def _dot(stem: str) -> str:
    return "%2E" + stem[1:] if stem.startswith(".") else stem


def article_iri(article_id: str) -> URIRef:
    return KGR["article/" + id_segment(article_id)]


def graph_iri(article_id: str) -> URIRef:
    """The named graph that holds one article's facts."""
    return KGR["graph/" + id_segment(article_id)]


def article_base(article_id: str) -> str:
    """The path under ``kgr:`` of an article's parts."""
    return f"article/{id_segment(article_id)}"


def part_iri(article_id: str, part: str) -> URIRef:
    """A part of an article's graph: ``s3`` (a sentence), ``event/2``, ``force/1``, ``title/0``."""
    return KGR[f"{article_base(article_id)}/{part}"]
