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

from collections import Counter

from ..facts import Mention
from ..lang.ar import clitics, lexicon, normalize_ar, proclitic_variants
from .generic import _first_form
from .steps import ArticleState, ArticleStep

CITY_REFERENCES = lexicon.words("city_references")
TOWN_REFERENCES = lexicon.words("town_references")
COUNTRY_REFERENCES = lexicon.words("country_references")
DEMONSTRATIVES = lexicon.words("demonstratives")
TOWN_REACH = 3  # sentences back to the town a bare البلدة goes on naming
MIN_CITY_MENTIONS = 2  # the main city is named at least this often, and more than any other place

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


def _last_town(state: ArticleState, places: list[Mention], sentence: int, before: int, noun: str) -> str | None:
    """The last place named right after ``noun`` (بلدة in "بلدة القريتين", also as a dual or with a
    proclitic) before word ``before`` of ``sentence``, at most TOWN_REACH sentences back."""
    found = None
    for m in places:
        if not sentence - TOWN_REACH <= m.sentence <= sentence or (m.sentence == sentence and m.words[0] >= before):
            continue
        doc_sent = state.doc.sentences[m.sentence]
        for wid in (m.words[0] - 1, m.words[0]):
            if wid >= 1 and any(v.startswith(noun) and len(v) <= len(noun) + 1
                                for v in proclitic_variants(doc_sent.word(wid).norm)):
                found = m.actor
                break
    return found


def _this_country(state: ArticleState, taken: set[tuple[int, int]]) -> list[Mention]:
    """"هذا البلد" (lexicon ``country_references`` after a demonstrative): the last country
    named before it, at most TOWN_REACH sentences back, as a place."""
    countries = [m for m in state.mentions if state.actors[m.actor].cls == "Country"]
    out = []
    for sent in state.doc.sentences:
        for w in sent.words[1:]:
            if (sent.index, w.id) in taken or w.norm not in COUNTRY_REFERENCES \
                    or sent.word(w.id - 1).norm not in DEMONSTRATIVES:
                continue
            before = [m.actor for m in countries if sent.index - TOWN_REACH <= m.sentence < sent.index
                      or (m.sentence == sent.index and m.words[-1] < w.id)]
            if before:
                out.append(Mention(before[-1], sent.index, w.start, w.end, state.text[w.start:w.end], (w.id,), True))
    return out


class MainCity(ArticleStep):
    """A bare "المدينة" (lexicon ``city_references``) names the article's main city: the place
    (not a country) named most often in the article, at least twice and more than any other.
    "قصفت الطائرات تعز … في أحياء المدينة" → تعز. A place named before it in its own
    sentence comes first ("وأشار سكان في تعز إلى أن الدخان غطى سماء المدينة"). Not when a
    noun, name or adjective follows (المدينة المنورة، المدينة القديمة), nor when no place
    clearly leads. A bare "البلدة" or "القرية" (lexicon ``town_references``) names the last
    place introduced as "بلدة X" or "قرية X" (:func:`_last_town`), or nothing; "هذا البلد" the
    last country named (:func:`_this_country`)."""

    name = "main_city"
    requires = frozenset({"actors", "mentions"})

    def __call__(self, state: ArticleState) -> None:
        places = [m for m in state.mentions
                  if state.actors[m.actor].cls == "Place" or m.as_place and state.actors[m.actor].cls != "Country"]
        counts = Counter(m.actor for m in places)
        ranked = counts.most_common(2)
        leads = ranked and ranked[0][1] >= MIN_CITY_MENTIONS and not (len(ranked) == 2 and ranked[1][1] == ranked[0][1])
        city = ranked[0][0] if leads else None
        taken = {(m.sentence, w) for m in state.mentions for w in m.words}
        added = []
        for sent in state.doc.sentences:
            for w in sent.words:
                if (sent.index, w.id) in taken or not any(v in CITY_REFERENCES or v in TOWN_REFERENCES
                                                          for v in proclitic_variants(w.norm)):
                    continue
                nxt = sent.word(w.id + 1) if w.id < len(sent.words) else None
                if nxt is not None and nxt.upos in ("NOUN", "PROPN", "ADJ", "X") \
                        and not clitics.indefinite_accusative(nxt.text, nxt.norm):  # المدينة ليلا
                    continue
                near = [m.actor for m in places if m.sentence == sent.index and m.words[-1] < w.id]
                actor = near[-1] if near else city
                town = next((v for v in proclitic_variants(w.norm) if v in TOWN_REFERENCES), None)
                if town is not None:
                    actor = _last_town(state, places, sent.index, w.id, clitics.strip_article(town))
                if actor is not None:
                    added.append(Mention(actor, sent.index, w.start, w.end, state.text[w.start:w.end], (w.id,), True))
        added += _this_country(state, taken)
        if added:
            state.mentions.extend(added)
            state.mentions.sort(key=lambda m: (m.sentence, m.start))
