"""What the rule layer produces for one article: actors, events, forces,
titles and relations, each traceable to its sentence.

These are plain typed records; ``kg.graph`` turns them into RDF. Role names
and classes are the local names of the ontology (``kg:party``,
``kg:Agreement``), checked against ``ontology/kg.ttl`` by a test.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .document import Document
from .lang.ar import normalize_ar

if TYPE_CHECKING:  # pragma: no cover
    from .dates import TimeExpression


@dataclass(frozen=True)
class SourceRef:
    """Provenance: the sentence a fact came from."""

    article: str
    sentence: int
    start: int  # sentence offsets into the article text
    end: int
    text: str


@dataclass
class Actor:
    iri: str  # full IRI
    cls: str  # ontology local name: Person, Country, Organization, ArmedGroup, Place, Actor
    label_ar: str
    label_en: str | None = None
    alt_labels_ar: list[str] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)
    from_gazetteer: bool = False
    # An unnamed actor's sector (ontology local name: MilitarySector, CivilianSector …)
    # and the country it belongs to (Actor.iri), from pipelines/rules/generic_actors.yaml.
    sector: str | None = None
    part_of: str | None = None

    def add_label(self, label: str) -> None:
        """Another Arabic name of the actor (the article's الجيش الأفغاني for the Afghan army, a
        capital's name for its country), kept once whatever its spelling variant."""
        if normalize_ar(label) not in {normalize_ar(x) for x in [self.label_ar, *self.alt_labels_ar]}:
            self.alt_labels_ar.append(label)
            self.alt_labels_ar.sort()


@dataclass
class Mention:
    """A span of text that refers to an actor (gazetteer or NER)."""

    actor: str  # Actor.iri
    sentence: int
    start: int
    end: int
    text: str
    words: tuple[int, ...] = ()
    # How the actor is used here: a capital as a place (في بغداد) or as an agent.
    as_place: bool = False


@dataclass
class Force:
    """A military force, optionally with a troop count and a place."""

    id: str
    of: str | None  # Actor.iri
    count: int | None
    source: SourceRef
    location: str | None = None  # Actor.iri
    count_text: str = ""
    also: list[SourceRef] = field(default_factory=list)  # further sentences that count it


@dataclass
class Event:
    id: str
    type: str  # ontology class local name
    source: SourceRef
    rule: str
    trigger: str = ""
    roles: dict[str, list[str]] = field(default_factory=dict)  # role local name -> Actor.iri
    force: Force | None = None
    topic: Event | None = None
    date: TimeExpression | None = None
    polarity: str | None = None  # "Negative" or "Positive"
    modality: str | None = None  # e.g. "planned", "future"
    quote: str | None = None
    # Later sentences that tell the same happening (kg/extract/discourse.py same_happening).
    also: list[SourceRef] = field(default_factory=list)

    def add_role(self, role: str, actor: str) -> None:
        values = self.roles.setdefault(role, [])
        if actor not in values:
            values.append(actor)


@dataclass
class Title:
    person: str  # Actor.iri
    title: str
    source: SourceRef


@dataclass
class Relation:
    subject: str
    predicate: str  # ontology local name, e.g. ledBy
    object: str
    source: SourceRef


@dataclass
class ArticleFacts:
    document: Document
    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    forces: list[Force] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    dates: list[TimeExpression] = field(default_factory=list)
    # The publication date: from metadata, else from the text ("تم النشر: …", a dateline).
    published: dt.date | None = None
