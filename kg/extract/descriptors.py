"""Descriptors: a definite descriptor names the group the article named with it.

News names an armed group once with a descriptor in apposition and then by the
descriptor alone: "سيطر المتمردين الحوثيين على المدينة … وقصف المتمردون المطار" (the
rebels are the Houthis). The heads of ``generic_actors.yaml`` marked ``refers: true``
(المتمردون, الانقلابيون) do this: after such a form stands right before the name of an
armed group or organisation, the article's later bare definite forms of that head name
that group. A descriptor the text never links stays an unnamed actor of its own, and an
indefinite one (متمردون) is always one: it introduces a new group.
"""
from __future__ import annotations

from ..lang.ar import clitics, normalize_ar, proclitic_variants
from .generic import _first_form
from .steps import ArticleState, ArticleStep

LINKED_CLASSES = ("ArmedGroup", "Organization")


class Descriptors(ArticleStep):
    name = "descriptors"
    requires = frozenset({"generic_actors"})

    def __init__(self, rules) -> None:  # noqa: ANN001 - a RuleSet
        super().__init__(rules)
        self.data = rules.generic_actors

    def _head(self, sent, word):  # noqa: ANN001, ANN202 - a Sentence and a Word; a Head or None
        """The referring head whose one-word definite form the word is (والمتمردون → rebels)."""
        for first in proclitic_variants(normalize_ar(_first_form(sent, word))):
            if not first.startswith(clitics.ARTICLE):
                continue
            for form, head, construct in self.data.by_first.get(first, ()):
                if head.refers and len(form) == 1 and not construct:
                    return head
        return None

    def __call__(self, state: ArticleState) -> None:
        linked: dict[str, str] = {}  # head id -> the named group's IRI
        by_sentence: dict[int, list] = {}
        for m in state.mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        for sent in state.doc.sentences:
            by_word = {w: m for m in by_sentence.get(sent.index, []) for w in m.words}
            for word in sent.words:
                head = self._head(sent, word)
                if head is None:
                    continue
                m = by_word.get(word.id)
                # The name right after the descriptor, or a name that begins with it (the
                # gazetteer's المتمردون الحوثيون).
                named = by_word.get(word.id + 1) if m is None else m if m.words[0] == word.id < m.words[-1] else None
                if named is not None and not named.as_place and named.words[0] in (word.id, word.id + 1):
                    actor = state.actors[named.actor]
                    if actor.from_gazetteer and actor.cls in LINKED_CLASSES:
                        linked[head.id] = named.actor  # المتمردين الحوثيين
                elif m is not None and m.words == (word.id,) and head.id in linked \
                        and not state.actors[m.actor].from_gazetteer:
                    m.actor = linked[head.id]  # … المتمردون
