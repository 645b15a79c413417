"""Unnamed actors: gunmen, the police, the Syrian army, civilians.

Most attackers and many targets in news have no name: مسلحون، انتحاري، قوات
الأمن، الجيش السوري، المدنيين. They are actors all the same, each with a class
and a sector (the CAMEO/PLOVER actor role codes: ``kg:MilitarySector`` …). The
head nouns are data (``pipelines/rules/generic_actors.yaml``, loaded and checked
by :func:`kg.extract.generic_rules.load_generic_actors`, error codes E321-E325).

:class:`GenericActors` is an article step after ``national_bodies``. In each
sentence it finds the head phrases that no gazetteer mention covers, and gives
each a mention and an actor:

- a country comes from a nationality adjective on the head (its ``amod`` in the
  parse; the next word when there is no parse): الشرطة الباكستانية, قوات النظام
  السوري; or from the country's name after a construct form (حكومة باكستان); a
  bare institution (الجيش) takes the country the article gave the same head, else
  the country the article is mostly about, when one clearly leads;
- a country's institution is one node in every article: the gazetteer's body
  when it knows one (الجيش العراقي → the Iraqi Army), else
  :func:`kg.ids.institution_iri` (``kgr:actor/syria/army``); a phrase of class
  Country (السلطات الباكستانية) is the country itself;
- any other unnamed group is a node of its article (:func:`kg.ids.generic_actor_iri`):
  the gunmen of two articles are never one actor; in one article the same head
  with the same adjectives is one node.

A head is left alone when it modifies a noun (هجوم انتحاري), stands under a title
(قائد الجيش: the officials step reads it), carries an adjective naming another body
(الجيش الحر), or is followed by its group's name (مسلحو داعش). A NER span that is
exactly a head phrase becomes the unnamed actor (an IRI from the name would make
the gunmen of every article one).
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..document import Sentence, Word
from ..facts import Actor, Mention
from ..gazetteer import Entry
from ..ids import generic_actor_iri, institution_iri
from ..lang.ar import clitics, normalize_ar, proclitic_variants
from .generic_rules import Head
from .mentions import body_of
from .names import GROUP_NOUNS
from .steps import ArticleState, ArticleStep

MIN_MENTIONS = 2
MIN_LEAD = 2
NAMED_CLASSES = ("Person", "Organization", "ArmedGroup", "Actor")



# --------------------------------------------------------------------------
# The step

@dataclass
class Phrase:
    """A head phrase found in a sentence: words ``ids`` (1-based), the country the
    text gives (``explicit``) or the article gives."""

    head: Head
    ids: tuple[int, ...]
    country: Entry | None
    explicit: bool
    # A nationality adjective NER took for the country (الجيش السوري with السوري a
    # mention of Syria): the phrase takes its place.
    absorbed: tuple[Mention, ...] = ()
    extras: tuple[str, ...] = ()  # its other adjectives (مسلحين محليين), normalised


def _drop_letters(text: str, n: int) -> str:
    """``text`` without its first ``n`` letters (diacritics on them go too)."""
    i = 0
    while n > 0 and i < len(text):
        i += 1
        if not unicodedata.combining(text[i - 1]):
            n -= 1
    while i < len(text) and unicodedata.combining(text[i]):
        i += 1
    return text[i:]


def _first_form(sent: Sentence, word: Word) -> str:
    """The word's form with an elided article restored (ل + لشرطة → الشرطة)."""
    token = sent.tokens[word.token]
    if word.id != token.words[0]:
        return clitics.restore_elided_alef(sent.word(word.id - 1).norm, word.text)
    return word.text


def _bare_text(sent: Sentence, word: Word, form: str) -> str:
    """The word as written, without the proclitics that ``form`` (its matched
    normalised reading) lacks: والمسلحون → المسلحون, للشرطة → الشرطة."""
    text = _first_form(sent, word)
    norm = normalize_ar(text)
    if norm == form:
        return text
    if norm.endswith(form):
        return _drop_letters(text, len(norm) - len(form))
    return clitics.ARTICLE[0] + _drop_letters(text, len(norm) - len(form) + 1)  # لل → ال


def readable_name(name: str, gender: str, country: Entry) -> str:
    """A bare head given its country by the article: الجيش → الجيش الباكستاني, with
    the definite demonym agreeing in gender (the masculine is the feminine less its
    ta marbuta); الجيش (باكستان) when the gazetteer has no such pair."""
    forms = sorted(country.demonyms)
    for m in (m for m in forms if m.startswith(clitics.ARTICLE)):
        f = next((f for f in forms if f[:-1] == m and unicodedata.name(f[-1]) == "ARABIC LETTER TEH MARBUTA"), None)
        if f:
            return f"{name} {m if gender == 'm' else f}"
    return f"{name} ({country.label_ar})"


def main_country(state: ArticleState) -> str | None:
    """The country the article is mostly about: the gazetteer country mentioned most,
    as :class:`~kg.extract.mentions.NationalBodies` reads it, but more cautiously: at
    least ``MIN_MENTIONS`` mentions and ``MIN_LEAD`` times the runner-up's."""
    actors = state.actors
    counts = Counter(m.actor for m in state.mentions
                     if actors[m.actor].cls == "Country" and actors[m.actor].from_gazetteer).most_common(2)
    if not counts or counts[0][1] < MIN_MENTIONS or (len(counts) == 2 and counts[0][1] < MIN_LEAD * counts[1][1]):
        return None
    return counts[0][0]


class GenericActors(ArticleStep):
    """Unnamed actors (مسلحون، الشرطة الباكستانية، الجيش) become mentions and actors
    with a sector, where no gazetteer or NER name covers them."""

    name = "generic_actors"
    requires = frozenset({"actors", "mentions"})
    provides = frozenset({"generic_actors"})

    def __init__(self, rules) -> None:  # noqa: ANN001 - a RuleSet
        super().__init__(rules)
        self.data = rules.generic_actors

    def __call__(self, state: ArticleState) -> None:
        main = main_country(state)
        found: list[tuple[Sentence, Phrase, Mention | None]] = []  # (…, the NER mention it takes over)
        for sent in state.doc.sentences:
            mentions = [m for m in state.mentions if m.sentence == sent.index]
            taken = {w for m in mentions for w in m.words}
            # A NER span that is exactly a head phrase is the unnamed actor (NER المسلحين).
            for m in mentions:
                if not state.actors[m.actor].from_gazetteer and m.words:
                    phrase = self.match(state, sent, m.words[0], taken - set(m.words), mentions)
                    if phrase is not None and phrase.ids == m.words:
                        found.append((sent, phrase, m))
            for word in sent.words:
                phrase = None if word.id in taken else self.match(state, sent, word.id, taken, mentions)
                if phrase is not None:
                    found.append((sent, phrase, None))
                    taken.update(phrase.ids)
        # A bare head takes the country the article gives the same head (الشرطة after
        # الشرطة التركية), else the country the article is mostly about.
        given: dict[str, set[str]] = {}
        for _, phrase, _ in found:
            if phrase.country is not None:
                given.setdefault(phrase.head.id, set()).add(phrase.country.iri)
        for sent, phrase, ner in found:
            head = phrase.head
            if phrase.country is None and head.bare == "article":
                same = given.get(head.id, set())
                iri = next(iter(same)) if len(same) == 1 else main
                phrase.country = self.rules.gazetteer.entry(iri) if iri else None
            if phrase.country is None and (head.bare == "skip" or head.cls == "Country"):
                continue
            iri = self._actor(state, sent, phrase)
            if ner is not None:
                ner.actor, ner.as_place = iri, False
                continue
            for m in phrase.absorbed:
                state.mentions.remove(m)
            start, end = sent.word(phrase.ids[0]).start, sent.word(phrase.ids[-1]).end
            state.mentions.append(Mention(iri, sent.index, start, end, state.text[start:end], phrase.ids))
        state.mentions.sort(key=lambda m: (m.sentence, m.start))

    # ------------------------------------------------------------ finding

    def match(self, state: ArticleState, sent: Sentence, wid: int, taken: set[int],
              mentions: list[Mention]) -> Phrase | None:
        """The head phrase starting at word ``wid``, if one does and may: the longest form decides."""
        n = len(sent.words)
        for first in proclitic_variants(normalize_ar(_first_form(sent, sent.word(wid)))):
            for form, head, construct in self.data.by_first.get(first, ()):
                ids = tuple(range(wid, wid + len(form)))
                if ids[-1] <= n and not taken.intersection(ids) and all(
                        sent.word(i).norm == w for i, w in zip(ids[1:], form[1:])):
                    return self._check(state, sent, head, ids, construct, taken, mentions)
        return None

    def _check(self, state: ArticleState, sent: Sentence, head: Head, ids: tuple[int, ...], construct: bool,
               taken: set[int], mentions: list[Mention]) -> Phrase | None:
        parsed = any(w.head for w in sent.words)
        n, first = len(sent.words), sent.word(ids[0])
        # An adjective is no head (هجوم انتحاري), but a noun counted by a number is, even as the
        # number's amod in the parse (أربعة متمردين).
        adjective = parsed and first.deprel.startswith("amod") and not (
            first.head and sent.word(first.head).upos == "NUM")
        if adjective or self._under_title(sent, first, parsed) \
                or (ids[0] > 1 and sent.word(ids[0] - 1).norm in head.veto_before) \
                or (ids[-1] < n and sent.word(ids[-1] + 1).norm in head.veto_after):
            return None  # هجوم انتحاري, قائد الجيش, مسلحون بأسلحة خفيفة
        # Adjectives on the head: a nationality gives the country; another may name another body.
        run: list[int] = []
        demonyms: dict[int, Entry] = {}
        by_word = {w: m for m in mentions for w in m.words}
        absorbed: list[Mention] = []
        for j in range(ids[-1] + 1, min(n, ids[-1] + 3) + 1):
            w = sent.word(j)
            entry = self.rules.gazetteer.demonym(w.text) if head.demonym else None
            entry = entry if entry is None or entry.cls == "Country" else None  # not a group's (حوثي)
            on_head = w.head in ids or w.head in run if parsed else entry is not None
            accusative = clitics.indefinite_accusative(w.text, w.norm)  # مسلحون مجهولون مركزا: the object
            if not on_head or (parsed and not w.deprel.startswith("amod")) or w.norm in self.data.links \
                    or (accusative and not clitics.indefinite_accusative(first.text, first.norm)):
                break
            if j in taken:
                m = by_word.get(j)
                if entry is None or m is None or m.words != (j,) or m.actor != entry.iri:
                    break
                absorbed.append(m)
            run.append(j)
            if entry is not None:
                demonyms[j] = entry
        others = [sent.word(j).norm for j in run if j not in demonyms]
        if head.adjective == "skip" and any(o not in head.allow and clitics.strip_article(o) not in head.allow
                                            for o in others):
            return None  # الجيش الحر, الشرطة العسكرية
        country = next(iter(demonyms.values()), None)
        # The phrase takes in its adjectives: kept ones, and the allowed ones of a skip head
        # (الجيش الوطني).
        last = max(demonyms) if demonyms else (run[-1] if run and (head.adjective == "keep" or others) and parsed
                                               else ids[-1])
        span = tuple(range(ids[0], last + 1))
        after = last + 1
        if construct:
            m = by_word.get(after)
            if m is None or m.as_place or m.actor not in self.rules.gazetteer or country is not None \
                    or state.actors[m.actor].cls != "Country":
                return None
            country = self.rules.gazetteer.entry(m.actor)
        # The group's name follows: مسلحو داعش, مسلحون من حركة طالبان, من تنظيم (داعش).
        while after <= n and sent.word(after).norm in self.data.links and after - last <= 2:
            after += 1
        group = after if after < n and sent.word(after).norm in GROUP_NOUNS and after not in by_word else None
        after += (group is not None) + (group is not None and sent.word(after + 1).text == "(")
        m = by_word.get(after)
        if m is not None and not m.as_place and state.actors[m.actor].cls in NAMED_CLASSES \
                and (not parsed or self._attached(sent, m, span + ((group,) if group else ()))):
            return None
        extras = tuple(clitics.strip_article(sent.word(j).norm) for j in span[len(ids):] if j not in demonyms)
        return Phrase(head, span, country, country is not None,
                      tuple(m for m in absorbed if m.words[0] <= last), extras)

    @staticmethod
    def _attached(sent: Sentence, m: Mention, span: tuple[int, ...]) -> bool:
        """The mention hangs on the phrase in the parse (مسلحو داعش), rather than being,
        say, the verb's object after its subject (استهدف مسلحون أحمد)."""
        return next((sent.word(w).head in span for w in m.words if sent.word(w).head not in m.words), False)

    def _under_title(self, sent: Sentence, word: Word, parsed: bool) -> bool:
        """قائد الجيش, المتحدث باسم الشرطة: the phrase belongs to a title (two genitives up
        in the parse; the word before without one)."""
        heads = self.rules.titles.heads if self.rules.titles else set()
        chain = [] if parsed or word.id == 1 else [sent.word(word.id - 1)]
        while parsed and len(chain) < 2 and word.head and word.deprel.startswith("nmod"):
            word = sent.word(word.head)
            chain.append(word)
        return any({w.norm, clitics.without_article(w.norm), w.lemma_norm} & heads for w in chain)

    # ------------------------------------------------------------ actors

    def _actor(self, state: ArticleState, sent: Sentence, phrase: Phrase) -> str:
        head, country = phrase.head, phrase.country
        if country is not None:
            state.ensure_actor(country)
            body = body_of(self.rules.gazetteer, list(head.bodies), country) if head.bodies else country
            if head.cls == "Country" or body is not country:
                state.ensure_actor(body)
                state.actors[body.iri].add_label(self._surface(state.text, sent, phrase))  # النظام السوري
                return body.iri
        if country is not None and head.scope == "country":
            iri = institution_iri(country.iri, head.id)
        else:  # one node per head, its other adjectives and its country in the article
            key = "-".join([head.id, *phrase.extras] + ([country.iri.rsplit("/", 1)[-1]] if country else []))
            iri = generic_actor_iri(state.doc.article.id, key)
        surface = self._surface(state.text, sent, phrase)
        label = surface if phrase.explicit or country is None else readable_name(head.name, head.gender, country)
        actor = state.actors.get(iri)
        if actor is None:
            en = f"{head.en} ({country.label_en or country.label_ar})" if country else head.en
            actor = state.actors[iri] = Actor(iri, head.cls, label, en, sector=head.sector,
                                              part_of=country.iri if country else None)
        actor.add_label(surface)  # every name the article gave it: عناصر الشرطة
        return iri


    @staticmethod
    def _surface(text: str, sent: Sentence, phrase: Phrase) -> str:
        """The phrase as written, without the proclitics of its first word."""
        first, last = sent.word(phrase.ids[0]), sent.word(phrase.ids[-1])
        form = next(f for f in proclitic_variants(normalize_ar(_first_form(sent, first)))
                    if any(f == x[0] for x in phrase.head.forms + phrase.head.construct))
        return _bare_text(sent, first, form) + text[first.end:last.end]
