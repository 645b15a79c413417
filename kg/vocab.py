"""The ontology's terms as Python names.

``KG`` is a closed namespace: a typo such as ``KG.Agreemnt`` raises instead of
silently minting a new IRI. A test checks that its term list equals the terms
defined in ``ontology/kg.ttl``, so the two cannot drift apart.

>>> KG.Agreement
rdflib.term.URIRef('https://w3id.org/ankg/ontology#Agreement')
>>> KGR["actor/usa"]
rdflib.term.URIRef('https://w3id.org/ankg/id/actor/usa')
>>> KG.Agreemnt
Traceback (most recent call last):
...
AttributeError: term 'Agreemnt' not in namespace 'https://w3id.org/ankg/ontology#'
"""
from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import DefinedNamespace, Namespace

from . import namespaces
from .errors import ConfigError
from .paths import ONTOLOGY_DIR

ONTOLOGY_IRI = URIRef(namespaces.ONTOLOGY)

KGR = Namespace(namespaces.KGR)
SEM = Namespace(namespaces.SEM)
TIME = Namespace(namespaces.TIME)
SH = Namespace(namespaces.SH)

# Event roles (object properties of kg:Event) and actor classes, as ontology local names.
ROLES = ("agent", "participant", "party", "speaker", "target", "location", "origin", "destination")
ACTOR_CLASSES = ("Person", "Organization", "Country", "ArmedGroup", "Place", "Actor")


class KG(DefinedNamespace):
    """Terms of ``ontology/kg.ttl`` (one annotation per term, sorted)."""

    _NS = Namespace(namespaces.KG)
    _fail = True

    # classes
    Actor: URIRef
    Agreement: URIRef
    ArmedGroup: URIRef
    Article: URIRef
    Attack: URIRef
    Country: URIRef
    Deployment: URIRef
    Event: URIRef
    Meeting: URIRef
    MilitaryForce: URIRef
    Organization: URIRef
    Person: URIRef
    PhoneCall: URIRef
    Place: URIRef
    Polarity: URIRef
    Redeployment: URIRef
    Reduction: URIRef
    Role: URIRef
    Sector: URIRef
    Sentence: URIRef
    Statement: URIRef
    TitleAttribution: URIRef
    Vote: URIRef
    Withdrawal: URIRef

    # individuals
    CivilianSector: URIRef
    GovernmentSector: URIRef
    MilitarySector: URIRef
    Negative: URIRef
    PoliceSector: URIRef
    Positive: URIRef
    RebelSector: URIRef
    UnidentifiedArmedSector: URIRef

    # properties
    agent: URIRef
    capital: URIRef
    capitalOf: URIRef
    date: URIRef
    dateText: URIRef
    demonym: URIRef
    destination: URIRef
    earliest: URIRef
    end: URIRef
    force: URIRef
    forceOf: URIRef
    holder: URIRef
    latest: URIRef
    ledBy: URIRef
    location: URIRef
    modality: URIRef
    origin: URIRef
    partOf: URIRef
    participant: URIRef
    party: URIRef
    polarity: URIRef
    quote: URIRef
    role: URIRef
    roleOf: URIRef
    sector: URIRef
    since: URIRef
    speaker: URIRef
    start: URIRef
    target: URIRef
    text: URIRef
    title: URIRef
    topic: URIRef
    trigger: URIRef
    troopCount: URIRef
    until: URIRef
    url: URIRef


def kg_terms() -> list[str]:
    """Local names of every term of :class:`KG`, sorted.

    >>> "PhoneCall" in kg_terms() and "troopCount" in kg_terms()
    True
    """
    return sorted(name for name in KG.__annotations__ if not name.startswith("_"))


def term(local_name: str) -> URIRef:
    """The IRI of an ontology term given as a local name or a ``kg:`` CURIE.

    Raises :class:`~kg.errors.ConfigError` (E801) for a name the ontology lacks,
    which is how rule files and configs naming ``kg:Agreemnt`` get caught.

    >>> term("kg:party")
    rdflib.term.URIRef('https://w3id.org/ankg/ontology#party')
    >>> term("Withdrawl")
    Traceback (most recent call last):
    ...
    kg.errors.ConfigError: [E801] config: 'Withdrawl' is not a term of ontology/kg.ttl. Fix: use one of the names in kg.vocab.kg_terms(), e.g. 'Withdrawal'
    """
    name = local_name.removeprefix("kg:")
    if name not in KG.__annotations__ or name.startswith("_"):
        import difflib

        close = difflib.get_close_matches(name, kg_terms(), n=1)
        hint = f", e.g. {close[0]!r}" if close else ""
        raise ConfigError(
            "E801",
            f"{local_name!r} is not a term of ontology/kg.ttl",
            fix=f"use one of the names in kg.vocab.kg_terms(){hint}",
        )
    return KG[name]


@lru_cache(maxsize=1)
def _ontology_graph() -> Graph:
    path = ONTOLOGY_DIR / "kg.ttl"
    if not path.is_file():
        raise ConfigError("E802", f"ontology not found at {path}", fix="run from a full checkout; ontology/kg.ttl ships with the project")
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def ontology_graph() -> Graph:
    """A fresh copy of ``ontology/kg.ttl`` as a graph (parsed once, cached).

    A copy, so that callers may add to it without changing the cache.

    >>> (KG.PhoneCall, None, KG.Meeting) in ontology_graph()
    True
    """
    copy = Graph()
    for prefix, namespace in _ontology_graph().namespaces():
        copy.bind(prefix, namespace)
    for triple in _ontology_graph():
        copy.add(triple)
    return copy
