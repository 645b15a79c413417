"""The extractor: the steps of stage 3 in order, checked when it is built.

Article steps run once per article; then the sentence steps run on each
sentence in turn. :data:`STEPS` is the order; a step's ``requires`` must be
provided by an earlier step (an article step's ``provides`` count for every
sentence step), or building the extractor fails with ``E312``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Document
from ..errors import RuleError
from ..facts import ArticleFacts, SourceRef
from .claims import Claims
from .context import BuildContext
from .dating import FindDates, SentenceDates
from .descriptors import Descriptors, MainCity
from .discourse import CarryDate, Discourse
from .events import Events
from .forces import Forces, TroopCounts
from .generic import GenericActors
from .honorifics import HonorificPronouns
from .institutions import Institutions
from .mentions import DropNonMentions, NationalBodies, PruneActors, ResolveMentions
from .short_names import ShortNames, Surnames
from .officials import Officials
from .relations import Relations
from .steps import ArticleState, ArticleStep, SentenceState, SentenceStep, Step
from .titles import Titles

if TYPE_CHECKING:  # pragma: no cover
    from .ruleset import RuleSet

STEPS: tuple[type[Step], ...] = (
    # article
    ResolveMentions, FindDates, DropNonMentions, NationalBodies, GenericActors, Institutions, Descriptors, ShortNames, Surnames,
    HonorificPronouns,
    MainCity, PruneActors,
    # sentence
    Officials, BuildContext, SentenceDates, TroopCounts, Titles, Relations, Events, Claims, Forces, CarryDate,
)


def check_order(steps: tuple[type[Step], ...]) -> None:
    """Every requirement is provided by an earlier step, and article steps come first."""
    provided: set[str] = set()
    seen_sentence = False
    for step in steps:
        if issubclass(step, SentenceStep):
            seen_sentence = True
        elif seen_sentence:
            raise RuleError("E312", f"article step {step.name!r} comes after a sentence step",
                            fix="move it before the sentence steps in kg/extract/extractor.py STEPS")
        missing = step.requires - provided
        if missing:
            raise RuleError("E312", f"step {step.name!r} needs {', '.join(sorted(missing))}, "
                            "which no earlier step provides",
                            fix="reorder kg/extract/extractor.py STEPS or add the step that provides it")
        provided |= step.provides


class Extractor:
    """Runs the steps over one parsed article: :meth:`run` → :class:`ArticleFacts`."""

    def __init__(self, rules: RuleSet, steps: tuple[type[Step], ...] = STEPS) -> None:
        check_order(steps)
        built = [step(rules) for step in steps]
        self.article_steps = [s for s in built if isinstance(s, ArticleStep)]
        self.sentence_steps = [s for s in built if isinstance(s, SentenceStep)]

    def run(self, doc: Document) -> ArticleFacts:
        state = ArticleState(doc, ArticleFacts(doc), Discourse())
        for step in self.article_steps:
            step(state)
        article = doc.article
        for sentence in doc.sentences:
            sent = SentenceState(sentence, SourceRef(article.id, sentence.index, sentence.start, sentence.end,
                                                     sentence.text))
            for step in self.sentence_steps:
                step(state, sent)
        return state.facts
