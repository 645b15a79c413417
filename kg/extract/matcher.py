"""The spaCy bridge: a spaCy ``Doc`` built from Stanza words, and the
``DependencyMatcher`` that finds rule triggers in it.

No spacy-stanza (it pins stanza<1.7): the ``Doc`` is built directly from the
parsed words. ``LEMMA`` and ``NORM`` hold the normalised lemma and form
(:func:`kg.lang.ar.normalize_ar`), ``POS`` the UPOS, ``DEP`` the relation and
``ENT_TYPE`` the class of the resolved actor, so rule patterns can use them.
"""
from __future__ import annotations

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


class Matcher:
    """The event rules' trigger patterns, compiled once per rule set."""

    def __init__(self, rules: list[EventRule]) -> None:
        self.vocab = Vocab()
        self._matcher = DependencyMatcher(self.vocab)
        self._by_key: dict[int, EventRule] = {}
        for rule in rules:
            self._matcher.add(rule.id, rule.patterns)
            self._by_key[self.vocab.strings[rule.id]] = rule

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
        """(rule, trigger word id) for every match, in the matcher's order."""
        for match_id, token_ids in self._matcher(self.doc(sentence, mentions, actors)):
            yield self._by_key[match_id], token_ids[0] + 1
