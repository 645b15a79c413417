"""Stage 3, extraction: a parsed :class:`~kg.document.Document` → :class:`~kg.facts.ArticleFacts`.

Rules are data (``pipelines/rules/*.yaml``, loaded by :mod:`.ruleset`); the
procedure is a sequence of steps (:mod:`.extractor`), one module per job:

========================  ==========================================================
:mod:`.ruleset`           loading and validating the rule files
:mod:`.matcher`           spaCy ``Doc`` from Stanza words; the DependencyMatcher
:mod:`.steps`             the step protocol and the state that flows between steps
:mod:`.mentions`          gazetteer and NER mentions, officials, national bodies
:mod:`.generic`           unnamed actors (مسلحون، الشرطة التركية) with their sectors
:mod:`.descriptors`       descriptors that name a group named before (المتمردون)
:mod:`.dating`            the article's dates; which one dates an event
:mod:`.context`           one sentence's context (quotations, title words, heads)
:mod:`.strategies`        the registry of role-filling strategies
:mod:`.clauses`           groups of actors and the strategies that read a clause
:mod:`.titles`            titles in apposition
:mod:`.relations`         relations between actors (ledBy …)
:mod:`.events`            events and their roles
:mod:`.forces`            troop counts and forces
:mod:`.polarity`          negation, future and planned modality
:mod:`.discourse`         state carried across sentences
:mod:`.extractor`         the steps in order, checked when built
========================  ==========================================================
"""
from .extractor import STEPS, Extractor
from .ruleset import Cues, EventRule, RelationRule, RuleSet, TitleRule

__all__ = ["Cues", "EventRule", "Extractor", "RelationRule", "RuleSet", "STEPS", "TitleRule"]
