"""The spaCy bridge: a spaCy ``Doc`` built from Stanza words, and the
``DependencyMatcher`` that finds rule triggers in it.

No spacy-stanza (it pins stanza<1.7): the ``Doc`` is built directly from the
parsed words. ``LEMMA`` and ``NORM`` hold the normalised lemma and form
(:func:`kg.lang.ar.normalize_ar`), ``POS`` the UPOS, ``DEP`` the relation and
``ENT_TYPE`` the class of the resolved actor, so rule patterns can use them.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..document import Sentence
from ..facts import Actor, Mention

if TYPE_CHECKING:  # pragma: no cover
    from .ruleset import EventRule

_UPOS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
         "SCONJ", "SYM", "VERB", "X"}


def _upos(tag: str) -> str:
    return tag if tag in _UPOS else "X"


def _non_overlapping(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    end = -1
    for span in sorted(spans, key=lambda s: (s.start, -len(s))):
        if span.start >= end:
            out.append(span)
            end = span.end
    return out


def _value_test(spec) -> tuple[str, object] | None:
    """A test of one LEMMA or NORM value of a pattern: ``("in", set)`` for an exact string or
    IN, ``("re", pattern)`` for REGEX (searched, as spaCy does); None when the value says
    nothing a word must be (NOT_IN alone)."""
    if isinstance(spec, str):
        return "in", frozenset([spec])
    if not isinstance(spec, dict):
        return None
    if "IN" in spec:
        return "in", frozenset(spec["IN"])
    if "REGEX" in spec:
        return "re", re.compile(spec["REGEX"])
    return None


def _anchor_tests(pattern: list[dict]) -> list[tuple[int, str, object]] | None:
    """What the anchor node (``trigger``) of a pattern asks of a word's LEMMA (0) and NORM
    (1); None when it asks neither, so that any sentence may hold it."""
    anchor = next((node for node in pattern if node.get("RIGHT_ID") == "trigger"), pattern[0])
    attrs = anchor.get("RIGHT_ATTRS", {})
    tests = [(index, *test) for index, key in enumerate(("LEMMA", "NORM")) if key in attrs
             for test in [_value_test(attrs[key])] if test is not None]
    return tests or None


def _passes(value: str, kind: str, payload) -> bool:  # noqa: ANN001 - a set or a pattern
    return value in payload if kind == "in" else payload.search(value) is not None


class Matcher:
    """The event rules' trigger patterns, compiled once per rule set. One DependencyMatcher
    per rule; a sentence runs only the rules whose trigger word it may hold (the anchor's
    LEMMA/NORM tests, a superset of what the full pattern matches), which spares most of the
    matching and the building of the spaCy ``Doc`` for sentences without any trigger."""

    def __init__(self, rules: list[EventRule]) -> None:
        self.vocab = Vocab()
        self._rules: list[tuple[EventRule, DependencyMatcher, list | None]] = []
        for rule in rules:
            matcher = DependencyMatcher(self.vocab)
            matcher.add(rule.id, rule.patterns)
            anchors = [_anchor_tests(p) for p in rule.patterns]
            self._rules.append((rule, matcher, None if any(a is None for a in anchors) else anchors))

    @staticmethod
    def _may_hold(values: list[tuple[str, str]], distinct: tuple[set[str], set[str]], anchors: list | None) -> bool:
        """Some word passes every test of some anchor. ``values``: (lemma, norm) per word;
        ``distinct``: the sets of lemmas and of norms."""
        if anchors is None:
            return True
        for tests in anchors:
            if len(tests) == 1:
                index, kind, payload = tests[0]
                if kind == "in":
                    if not payload.isdisjoint(distinct[index]):
                        return True
                elif any(payload.search(v) for v in distinct[index]):
                    return True
            elif any(all(_passes(v[i], k, p) for i, k, p in tests) for v in values):
                return True
        return False

    def doc(self, sentence: Sentence, mentions: list[Mention], actors: dict[str, Actor]) -> Doc:
        """The sentence as a spaCy ``Doc``, with the mentions as entities."""
        words = sentence.words
        heads = [(w.head - 1) if w.head > 0 else i for i, w in enumerate(words)]
        sdoc = Doc(self.vocab, words=[w.text for w in words], heads=heads,
                   deps=[w.deprel or "dep" for w in words], pos=[_upos(w.upos) for w in words],
                   lemmas=[w.lemma_norm if w.lemma else w.norm for w in words])
        for token, w in zip(sdoc, words):
            token.norm_ = w.norm
        spans = []
        for m in mentions:
            if m.words:
                spans.append(Span(sdoc, m.words[0] - 1, m.words[-1], label=actors[m.actor].cls))
        sdoc.ents = _non_overlapping(spans)
        return sdoc

    def triggers(self, sentence: Sentence, mentions: list[Mention],
                 actors: dict[str, Actor]) -> Iterator[tuple[EventRule, int]]:
        """(rule, trigger word id) for every match, rule by rule in file order."""
        sdoc = None
        values = [(w.lemma_norm if w.lemma else w.norm, w.norm) for w in sentence.words]
        distinct = ({v[0] for v in values}, {v[1] for v in values})
        for rule, matcher, anchors in self._rules:
            if not self._may_hold(values, distinct, anchors):
                continue
            if sdoc is None:
                sdoc = self.doc(sentence, mentions, actors)
            for _, token_ids in matcher(sdoc):
                yield rule, token_ids[0] + 1
