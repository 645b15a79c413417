"""Steps of the extraction, and the typed state that flows between them.

A step declares what it ``requires`` and what it ``provides``, as Stanza
processors declare ``REQUIRES``/``PROVIDES``; :class:`~kg.extract.Extractor`
checks the order when it is built. Article steps run once per article, in
order; then sentence steps run in order on each sentence.

To add a step: subclass :class:`ArticleStep` or :class:`SentenceStep` in the
module of its stage, name what it needs and adds, and insert it in
:data:`kg.extract.extractor.STEPS` after the steps that provide what it needs.
"""
from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from ..document import Document, Sentence
from ..facts import Actor, ArticleFacts, Event, Force, Mention, SourceRef
from ..gazetteer import Entry

if TYPE_CHECKING:  # pragma: no cover
    from ..dates import TimeExpression
    from ..quantities import TroopCount
    from .context import SentenceContext
    from .discourse import Discourse
    from .ruleset import RuleSet


@dataclass
class ArticleState:
    """What is known about one article so far. ``facts`` is the result."""

    doc: Document
    facts: ArticleFacts
    discourse: Discourse
    dates: list[TimeExpression] = field(default_factory=list)
    # ids of forces called foreign (القوات الأجنبية): never the speaker's own.
    foreign: set[str] = field(default_factory=set)
    event_n: int = 0
    force_n: int = 0
    # (owner, count) -> the article's force of that owner and count (kg/extract/forces.py same_force)
    counted: dict[tuple[str, int], Force] = field(default_factory=dict)

    @property
    def actors(self) -> dict[str, Actor]:
        return self.facts.actors

    @property
    def mentions(self) -> list[Mention]:
        return self.facts.mentions

    @property
    def published(self) -> dt.date | None:
        return self.facts.published

    @property
    def text(self) -> str:
        return self.doc.article.text

    def ensure_actor(self, entry: Entry) -> None:
        """Add a gazetteer entry to the article's actors (once)."""
        self.actors.setdefault(entry.iri, Actor(entry.iri, entry.cls, entry.label_ar, entry.label_en,
                                                sorted(set(entry.variants) - {entry.label_ar}),
                                                list(entry.same_as), True))

    def new_event_id(self) -> str:
        self.event_n += 1
        return str(self.event_n)

    def new_force(self, source: SourceRef, of: str | None, count: int | None, location: str | None,
                  text: str) -> Force:
        self.force_n += 1
        return Force(str(self.force_n), of, count, source, location, text)


@dataclass
class SentenceState:
    """What is known about the sentence being read."""

    sentence: Sentence
    source: SourceRef
    mentions: list[Mention] = field(default_factory=list)
    ctx: SentenceContext | None = None
    dates: list[TimeExpression] = field(default_factory=list)
    counts: list[TroopCount] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # id(event) -> the word of its (first) trigger, for the events of this sentence
    triggers: dict[int, int] = field(default_factory=dict)


class Step:
    """One step. ``requires``/``provides`` name pieces of state (``mentions``,
    ``title_words`` …); the extractor checks that every requirement is provided
    by an earlier step."""

    name: ClassVar[str]
    requires: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules


class ArticleStep(Step, ABC):
    """Runs once per article, before the sentence steps."""

    @abstractmethod
    def __call__(self, state: ArticleState) -> None: ...


class SentenceStep(Step, ABC):
    """Runs once per sentence, in sentence order."""

    @abstractmethod
    def __call__(self, state: ArticleState, sent: SentenceState) -> None: ...
