"""Institutions named by a common-noun head: مديرية الأمن في ولاية ماردين, لجنة الأمن القومي
في البرلمان, بعثة الاتحاد الأوروبي في النيجر, المجلس المحلي لمدينة حلب, ولاية أضنة as the
authority that speaks.

The head nouns are data (the ``institutions`` section of
``pipelines/rules/generic_actors.yaml``). :class:`Institutions` is an article step after
``generic_actors``: a head in no mention that acts (the subject of a verb in the parse; by
word order right after one of the section's verbs where the tagger missed it) becomes,
with its genitive chain, its adjectives and a place or body joined by a link preposition,
an Organization mention and actor. The phrase is read from the parse (nmod, amod, flat,
compound), by word order where the parse gives the head nothing; a place or body after a
link is taken by word order too, since parsers often hang it on the verb.

- The label is the whole phrase as written (without its first word's proclitics); the
  mention covers the head up to the first word of another mention, which stays (the place
  of في ليبيا is still a place).
- ``part_of`` is the body the phrase names (its mention), else the country (a country's
  mention, a place's country in the gazetteer, a nationality adjective).
- A phrase that names a mention or a country is one node in every article
  (:func:`kg.ids.actor_iri` of the label, as NER's names are); one that names neither
  (هيئة الأركان العامة) is its article's own.
- An ``authority`` head is also a place (ولاية، محافظة): it is an institution only as the
  subject of one of the verbs; a NER or gazetteer place mention that starts with it
  (ولاية إسطنبول tagged as a place) then becomes the authority, a node of its own
  (:func:`kg.ids.institution_iri` of the place, ``authority``).
- A bare head (اللجنة) is left alone: the short names step reads it as the body named before.
"""
from __future__ import annotations

from ..document import Sentence, Word
from ..facts import Actor, Mention
from ..ids import actor_iri, generic_actor_iri, institution_iri
from ..lang.ar import clitics, normalize_ar, proclitic_variants
from .clauses import verb_in
from .context import PLACE_NOUNS, QUOTE_MARKS
from .generic import _bare_text, _first_form
from .generic_rules import sector_codes
from .steps import ArticleState, ArticleStep

CHAIN_RELATIONS = ("nmod", "amod", "flat", "compound")
MAX_WORDS = 9  # a phrase longer than this is the parse running on
AND = clitics.CONJUNCTIONS[0]
BODY_CLASSES = ("Organization", "ArmedGroup")
VERB_TAGS = ("VERB", "X")
GOV = "GOV"  # the sector of the heads listed under `gov`


def _base(deprel: str) -> str:
    return deprel.split(":", 1)[0]


class Institutions(ArticleStep):
    """Common-noun institutions that act (قالت مديرية الأمن في ولاية ماردين) become
    Organization mentions and actors."""

    name = "institutions"
    requires = frozenset({"actors", "mentions"})  # after generic_actors: their words are taken
    provides = frozenset({"institutions"})

    def __init__(self, rules) -> None:  # noqa: ANN001 - a RuleSet
        super().__init__(rules)
        self.data = rules.generic_actors.institutions
        bodies = rules.cues.national_bodies or {}
        self.bodies = {clitics.without_article(k) for k in bodies if " " not in k}

    def __call__(self, state: ArticleState) -> None:
        if not self.data.heads:
            return
        self._actors = state.actors
        for sent in state.doc.sentences:
            mentions = [m for m in state.mentions if m.sentence == sent.index]
            by_word = {w: m for m in mentions for w in m.words}
            for word in sent.words:
                head = self.head_of(sent, word)
                if head is None or not self.acts(sent, word, head in self.data.authority):
                    continue
                m = by_word.get(word.id)
                if m is not None:
                    if m.words[0] == word.id and head in self.data.authority:
                        self._authority(state, m, head)
                    continue
                ids = self.phrase(sent, word, by_word)
                if ids is None:
                    continue
                own = []
                for i in ids:  # the mention: up to another mention's first word
                    if i in by_word:
                        break
                    own.append(i)
                while len(own) > 1 and sent.word(own[-1]).upos == "ADP":
                    own.pop()  # مكتب الصحة في | عدن
                iri = self._actor(state, sent, head, ids, by_word)
                start, end = sent.word(own[0]).start, sent.word(own[-1]).end
                new = Mention(iri, sent.index, start, end, state.text[start:end], tuple(own))
                state.mentions.append(new)
                by_word.update({i: new for i in own})
        state.mentions.sort(key=lambda m: (m.sentence, m.start))

    # ------------------------------------------------------------ finding

    def head_of(self, sent: Sentence, word: Word) -> str | None:
        """The head noun the word is (its proclitics and article stripped), or None."""
        if word.upos in VERB_TAGS or word.upos == "PUNCT":
            return None
        for form in self._forms(sent, word):
            if clitics.without_article(form) in self.data.heads:
                return clitics.without_article(form)
        return None

    @staticmethod
    def _forms(sent: Sentence, word: Word) -> list[str]:
        """The word's readings without proclitics; for the last word of a token the tokeniser
        split wrongly (ولاية → و + لاية), the token's too."""
        forms = proclitic_variants(normalize_ar(_first_form(sent, word)))
        token = sent.tokens[word.token]
        if len(token.words) > 1 and word.id == token.words[-1]:
            forms += [f for f in proclitic_variants(token.norm) if f not in forms]
        return forms

    def acts(self, sent: Sentence, word: Word, authority: bool) -> bool:
        """The word is the subject of a verb (one of the verbs, for an authority head): by the
        parse; by word order, right after one of the verbs when the tagger did not tag it as one
        or the parse gives that verb no subject."""
        parsed = any(w.head for w in sent.words)
        if parsed and word.deprel.startswith("nsubj") and word.head:
            verb = sent.word(word.head)
            if verb.upos in VERB_TAGS or verb_in(verb, self.data.verbs):
                return not authority or verb_in(verb, self.data.verbs)
        token = sent.tokens[word.token]
        prev = word.id - 1
        while prev >= 1 and prev in token.words:
            prev -= 1
        if prev < 1 or (parsed and word.deprel.startswith("nsubj")):
            return False
        verb = sent.word(prev)
        # Right after one of the verbs, a head the parse made its object is its subject when the
        # verb has none (VSO: "أعلنت ولاية أضنة إغلاق الطريق").
        return verb_in(verb, self.data.verbs) and (not parsed or verb.upos not in VERB_TAGS or not any(
            c.deprel.startswith("nsubj") for c in sent.children(verb.id)))

    def phrase(self, sent: Sentence, word: Word, by_word: dict[int, Mention]) -> tuple[int, ...] | None:
        """The phrase's words: the head, its chain, and a joined place or body; None for a bare
        head or one with a possessive pronoun (مكتبه)."""
        kids = sent.children(word.id)
        if any(k.upos == "PRON" and k.token == word.token for k in kids):
            return None
        chain = self._chain(sent, word, by_word)
        last = chain[-1]
        if len(chain) == 1:  # the parse gives nothing: definite nouns and adjectives after it
            last = self._by_order(sent, word.id, by_word)
        last = self._coordinated(sent, word.id, last, by_word)
        last = self._joined(sent, last, by_word)
        ids = tuple(range(word.id, last + 1))
        # The head with adjectives only (الوكالة الكردية، المجلس المحلي) describes a body named
        # before, like a bare head; a nationality makes it the country's (الرئاسة الفرنسية).
        described = all(sent.word(i).upos == "ADJ" and i not in by_word for i in ids[1:])
        if described and not any(self._nation(sent.word(i)) for i in ids[1:]):
            return None
        return ids

    def _joins(self, sent: Sentence, w: Word, by_word: dict[int, Mention]) -> bool:
        m = by_word.get(w.id)
        if _base(w.deprel) not in CHAIN_RELATIONS or w.upos in ("VERB", "PUNCT", "NUM", "PRON", "CCONJ", "SCONJ") \
                or (w.upos == "X" and m is None and (w.head != w.id - 1 or verb_in(w, self.data.verbs))) \
                or w.text in QUOTE_MARKS \
                or clitics.indefinite_accusative(w.text, w.norm):
            return False  # X: some verbs, and names (right after their head, or NER found them)
        if m is not None and self._actor_cls(m) == "Person":
            return False
        cases = [c for c in sent.children(w.id) if c.deprel == "case"]
        parent = sent.word(w.head)
        if not cases and m is None and w.upos == "NOUN" and _base(w.deprel) == "nmod" \
                and parent.norm.startswith(clitics.ARTICLE):
            return False  # a definite noun ends a genitive chain: وزارة الدفاع | حصيلة القتلى (its object)
        return not cases or (all(c.norm in self.data.links for c in cases) and self._place_or_body(sent, w, by_word))

    def _chain(self, sent: Sentence, word: Word, by_word: dict[int, Mention]) -> list[int]:
        """The head and its contiguous chain in the parse."""
        inc, todo = {word.id}, [word.id]
        while todo:
            for c in sent.children(todo.pop()):
                if c.id > word.id and c.id not in inc and self._joins(sent, c, by_word):
                    inc.add(c.id)
                    inc.update(x.id for x in sent.children(c.id) if x.deprel == "case")
                    todo.append(c.id)
        out = [word.id]
        while out[-1] + 1 in inc and len(out) < MAX_WORDS and not self._after_definite(sent, out[-1] + 1, by_word):
            out.append(out[-1] + 1)
        # not into the middle of a mention
        m = by_word.get(out[-1])
        if m is not None and m.words[-1] > out[-1]:
            out = [i for i in out if i < m.words[0]] or [word.id]
        return out

    @staticmethod
    def _after_definite(sent: Sentence, wid: int, by_word: dict[int, Mention]) -> bool:
        """After a definite word or a name only a definite adjective or a prepositional phrase
        goes on, however the parse hangs what follows: a definite noun ends the genitive chain
        (ولم تعلن وزارة الدفاع | حصيلة القتلى, سجلت بعثة المراقبة الأوروبية | مرور …: the object),
        and so does a name (المجلس العسكري في تعز | الميليشيات)."""
        w, prev = sent.word(wid), sent.word(wid - 1)
        named = wid - 1 in by_word
        if named and wid in by_word and by_word[wid] is not by_word[wid - 1]:
            return True  # two names side by side: في تعز | الميليشيات الحوثية
        if wid in by_word or w.upos == "ADP" or prev.upos == "ADP":
            return False
        if not named and not normalize_ar(_first_form(sent, prev)).startswith(clitics.ARTICLE):
            return False
        return (named and w.upos == "NOUN") or not normalize_ar(_first_form(sent, w)).startswith(clitics.ARTICLE)

    def _by_order(self, sent: Sentence, last: int, by_word: dict[int, Mention]) -> int:
        """Definite nouns and adjectives right after ``last`` (up to a name, which ends it)."""
        n = len(sent.words)
        while last < n and last - sent.word(last).id < MAX_WORDS:
            w = sent.word(last + 1)
            m = by_word.get(w.id)
            if m is not None:
                return m.words[-1] if m.words[0] == w.id and self._actor_cls(m) != "Person" else last
            if w.upos not in ("NOUN", "ADJ") or not w.norm.startswith(clitics.ARTICLE) \
                    or len(sent.tokens[w.token].words) > 1:
                return last
            # A definite word takes no genitive: after it a definite noun that is no nisba
            # adjective (whose lemma ends in ي: العسكرية → عسكري, however it is tagged) is the
            # verb's object ("دان المجلس | العملية").
            if w.upos == "NOUN" and sent.word(last).norm.startswith(clitics.ARTICLE) \
                    and not (w.lemma_norm or w.norm).endswith(clitics.NISBA):
                return last
            last += 1
        return last

    def _coordinated(self, sent: Sentence, head: int, last: int, by_word: dict[int, Mention]) -> int:
        """A second genitive joined by و to the last one of the phrase is part of its name
        (هيئة الإذاعة والتلفزيون، إدارة الغذاء والدواء، هيئة التحقيق والادعاء العام), with the
        definite adjectives after it: the last word is a definite noun of the phrase's own
        genitive, the noun after و is definite and names no actor, body or institution of its
        own (وزارة الداخلية والشرطة are two)."""
        if last == head or last + 1 > len(sent.words) or not sent.word(last).norm.startswith(clitics.ARTICLE):
            return last
        nxt = last + 1
        if sent.word(nxt).upos == "CCONJ" and sent.word(nxt).norm == AND:
            nxt += 1  # و split off its noun
        elif not sent.word(nxt).norm.startswith(AND + clitics.ARTICLE):
            return last
        if nxt > len(sent.words) or nxt in by_word:
            return last
        w = sent.word(nxt)
        bare = clitics.without_article(clitics.strip_conjunction(w.norm))
        if w.upos != "NOUN" or not clitics.strip_conjunction(w.norm).startswith(clitics.ARTICLE) \
                or bare in self.data.heads | self.bodies or nxt - head >= MAX_WORDS:
            return last
        end = nxt
        while end + 1 <= len(sent.words) and end + 1 not in by_word and sent.word(end + 1).upos == "ADJ" \
                and sent.word(end + 1).norm.startswith(clitics.ARTICLE):
            end += 1
        return end

    def _joined(self, sent: Sentence, last: int, by_word: dict[int, Mention]) -> int:
        """A place or body right after the phrase, joined by a link (في ليبيا، لمدينة حلب): by
        word order, wherever the parse hangs it."""
        n = len(sent.words)
        if last + 2 > n or sent.word(last + 1).norm not in self.data.links or sent.word(last + 1).upos != "ADP":
            return last
        w = sent.word(last + 2)
        m = by_word.get(w.id)
        if m is None and w.norm in PLACE_NOUNS | {clitics.strip_article(p) for p in PLACE_NOUNS} and last + 3 <= n:
            m = by_word.get(last + 3)
            m = m if m is not None and m.words[0] == last + 3 else None
        if m is not None and (m.words[0] in (last + 2, last + 3)) and self._actor_cls(m) != "Person":
            return m.words[-1]
        if m is None and clitics.without_article(w.norm) in self.data.heads | self.bodies \
                and w.norm.startswith(clitics.ARTICLE):
            return w.id
        return last

    def _place_or_body(self, sent: Sentence, w: Word, by_word: dict[int, Mention]) -> bool:
        """The object of a link is a place or body: a mention, a place noun with one (ولاية
        ماردين), or a definite body noun (البرلمان، اللجنة)."""
        m = by_word.get(w.id)
        if m is not None:
            return self._actor_cls(m) != "Person"
        bare = clitics.without_article(w.norm)
        if w.norm.startswith(clitics.ARTICLE) and bare in self.data.heads | self.bodies:
            return True
        named = [c for c in sent.children(w.id) if c.deprel != "case" and c.id == w.id + 1]
        # a place or body noun with its name (في محافظة الزرقاء، في مجلس النواب)
        return (bare in self.data.heads | PLACE_NOUNS and bool(named)) or \
            any(c.id in by_word and self._actor_cls(by_word[c.id]) != "Person" for c in sent.children(w.id))

    def _actor_cls(self, m: Mention) -> str:
        return self._actors[m.actor].cls if m.actor in self._actors else ""

    def _demonym(self, sent: Sentence, ids: tuple[int, ...]):  # noqa: ANN202 - an Entry or None
        """The country of the phrase's nationality adjective; None for two (اللجنة العراقية الأمريكية)."""
        found = {e.iri: e for e in (self._nation(sent.word(i)) for i in ids[1:]) if e is not None}
        return next(iter(found.values())) if len(found) == 1 else None

    def _nation(self, w: Word):  # noqa: ANN202 - an Entry or None
        entry = self.rules.gazetteer.demonym(w.text)
        return entry if entry is not None and entry.cls == "Country" else None

    # ------------------------------------------------------------ actors

    def _part_of(self, state: ArticleState, sent: Sentence, ids: tuple[int, ...],
                 by_word: dict[int, Mention]) -> tuple[str | None, bool]:
        """What the phrase is part of, and whether it names anything (a mention or a country)."""
        named = [by_word[i] for i in ids if i in by_word]
        actors = state.actors
        for m in named:
            if actors[m.actor].cls in BODY_CLASSES and not m.as_place:
                return m.actor, True
        for m in named:
            if actors[m.actor].cls == "Country":
                return m.actor, True
        for m in named:
            entry = self.rules.gazetteer.entry(m.actor) if m.actor in self.rules.gazetteer else None
            country = entry.capital_of or entry.part_of if entry is not None else None
            if country and country in self.rules.gazetteer and self.rules.gazetteer.entry(country).cls == "Country":
                state.ensure_actor(self.rules.gazetteer.entry(country))
                return country, True
        entry = self._demonym(sent, ids)
        if entry is not None:
            state.ensure_actor(entry)
            return entry.iri, True
        return None, bool(named)

    def _actor(self, state: ArticleState, sent: Sentence, head: str, ids: tuple[int, ...],
               by_word: dict[int, Mention]) -> str:
        first = sent.word(ids[0])
        form = next((f for f in proclitic_variants(normalize_ar(_first_form(sent, first)))
                     if clitics.without_article(f) == head), None)
        # a wrong split (و + لاية): the token as written
        start = _bare_text(sent, first, form) if form else sent.tokens[first.token].text
        label = start + state.text[first.end:sent.word(ids[-1]).end]
        part_of, named = self._part_of(state, sent, ids, by_word)
        # named, or named so by NER elsewhere in the article: the node of that name
        iri = actor_iri(label) if named or actor_iri(label) in state.actors \
            else generic_actor_iri(state.doc.article.id, normalize_ar(label))
        old = state.actors.get(iri)
        if old is not None and old.cls != "Organization":
            iri = institution_iri(iri, "authority")
        if iri not in state.actors:
            state.actors[iri] = Actor(iri, "Organization", label, sector=self._sector(head), part_of=part_of)
        return iri

    def _sector(self, head: str) -> str | None:
        return sector_codes()[GOV] if head in self.data.gov else None

    def _authority(self, state: ArticleState, m: Mention, head: str) -> None:
        """A place mention that starts with an authority head and acts (قالت ولاية إسطنبول) is
        the authority."""
        place = state.actors[m.actor]
        if place.cls != "Place":
            return
        entry = self.rules.gazetteer.entry(m.actor) if place.from_gazetteer else None
        country = entry.part_of if entry is not None else None
        iri = institution_iri(m.actor, "authority")
        state.actors.setdefault(iri, Actor(iri, "Organization", m.text, sector=self._sector(head), part_of=country))
        m.actor, m.as_place = iri, False
