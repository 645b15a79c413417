"""Short names (:class:`ShortNames`): a bare definite head noun names the body, group or
outlet the article named in full with it (تنظيم داعش … التنظيم; قناة «…» … القناة); and a
person's family name with the article (:class:`Surnames`: وليد المعلم … المعلم), which NER
often leaves untagged because it is also a noun."""
from __future__ import annotations

from ..lang.ar import clitics, lexicon, normalize_ar, proclitic_variants
from .mentions import Resolver
from .names import outlet_noun, quoted_name_head
from .steps import ArticleState, ArticleStep

# Classes whose names start with a head noun a later mention may use alone (الائتلاف الوطني
# السوري … الائتلاف; تنظيم داعش … التنظيم): bodies and groups, not people or places.
SHORT_NAME_CLASSES = ("Organization", "ArmedGroup")
SHORT_NAME_STOPS = {clitics.strip_article(w) for w in lexicon.words("short_name_stops")}
SUBORDINATORS = lexicon.words("subordinators")


class ShortNames(ArticleStep):
    """A bare definite head noun names the body or group the article last named with it:
    "أعلن الائتلاف الوطني السوري … وقال الائتلاف إن …", "تنظيم داعش … وأعلن التنظيم", "قناة
    «…» … وقالت القناة", "حركة «…» … الحركة" (an outlet or group noun before a quoted name), even
    where the gazetteer gives the bare word to another body ("التحالف العربي … التحالف"). The
    head is the first word of a mention of two or more words whose actor is an organisation
    or armed group; the later word is definite (ال after any proclitic), in no mention, and
    not followed by a definite noun, an adjective or a name, which would make it another name
    (المجلس الوطني)."""

    name = "short_names"
    requires = frozenset({"actors", "mentions"})

    def __call__(self, state: ArticleState) -> None:
        actors, heads = state.actors, {}
        added: list[Mention] = []
        by_sentence: dict[int, list[Mention]] = {}
        for m in state.mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        for sent in state.doc.sentences:
            mentions = sorted(by_sentence.get(sent.index, []), key=lambda m: m.start)
            taken = {w for m in mentions for w in m.words}
            named = {w: m for m in mentions for w in m.words}
            for w in sent.words:
                m = named.get(w.id)
                if m is not None:
                    head = clitics.strip_article(clitics.strip_conjunction(w.norm))
                    outlet = (outlet_noun(sent, w.id) or quoted_name_head(sent, w.id)) if w.id == m.words[0] else None
                    if outlet is not None:  # قناة «…» … وقالت القناة; حركة «…» … الحركة
                        heads[clitics.strip_article(clitics.strip_conjunction(outlet.norm))] = m.actor
                    if len(m.words) >= 2 and w.id == m.words[0] and actors[m.actor].cls in SHORT_NAME_CLASSES \
                            and head not in SHORT_NAME_STOPS:
                        heads[head] = m.actor
                    elif m.words == (w.id,) and heads.get(head, m.actor) != m.actor \
                            and actors[m.actor].cls in SHORT_NAME_CLASSES and w.norm != head:
                        # A bare head the gazetteer gives to another body (التحالف → the Global
                        # Coalition) names the one the article named in full (التحالف العربي).
                        m.actor = heads[head]
                    continue
                if w.id in taken or w.upos not in ("NOUN", "PROPN", "X") or self._in_title(sent, w.id, named, actors):
                    continue
                nxt = sent.word(w.id + 1) if w.id < len(sent.words) else None
                # Not a word of a longer name (المجلس الوطني): an indefinite noun after the head
                # is its object (وشنت الحركة حملة), no part of a name.
                if nxt is not None and nxt.upos in ("NOUN", "PROPN", "ADJ", "X") and nxt.id not in taken \
                        and not self._subordinator(nxt) and not (nxt.upos == "NOUN" and not self._definite(nxt)):
                    continue
                definite = [v for v in proclitic_variants(w.norm) if v.startswith(clitics.ARTICLE)]
                actor = next((heads[clitics.strip_article(v)] for v in definite
                              if clitics.strip_article(v) in heads), None)
                if actor is not None:
                    added.append(Resolver._mention(sent, actor, (w.id,), state.doc, False))
        if added:
            state.mentions.extend(added)
            state.mentions.sort(key=lambda m: (m.sentence, m.start))


    @staticmethod
    def _definite(word) -> bool:  # noqa: ANN001 - a Word
        return any(v.startswith(clitics.ARTICLE) for v in proclitic_variants(word.norm))

    @staticmethod
    def _subordinator(word) -> bool:  # noqa: ANN001 - a Word
        """أن/إن, alone or with a pronoun (انه tagged as a noun): the next clause, not a name's word."""
        form = clitics.strip_conjunction(word.norm)
        return form in SUBORDINATORS or any(stem in SUBORDINATORS for stem in clitics.pronoun_suffix_stems(form, 2))

    def _in_title(self, sent, wid: int, named: dict, actors: dict) -> bool:  # noqa: ANN001 - a Sentence
        """The word completes the title of a person named right after it ("وزير الخارجية وليد
        المعلم"): the body of the holder's own country, not the one the article named before."""
        heads = self.rules.titles.heads if self.rules.titles else set()
        before, after = (sent.word(wid - 1) if wid > 1 else None), named.get(wid + 1)
        return before is not None and after is not None and actors[after.actor].cls == "Person" \
            and bool({before.norm, clitics.without_article(before.norm), before.lemma_norm} & heads)


MIN_SURNAME = 4  # letters of a family name with its article (الصدر)
NAME_SECOND_PARTS = lexicon.words("name_second_parts")


class Surnames(ArticleStep):
    """A person named in full whose family name has the article (وليد المعلم, عادل الجبير;
    each such name after the first: محمود الصرخي الحسني) is meant by that word alone later in
    the article, with a proclitic or without ("وأضاف المعلم", "وقال للمعلم"), and so is a
    person NER found by that name alone. Not when two persons of the article share it, nor
    when the word is in a mention or opens a longer name (a name or a definite adjective
    follows it: المعلم الأول), nor for the second part of a compound first name (عز الدين,
    عبد العزيز: lexicon ``name_second_parts``)."""

    name = "surnames"
    requires = frozenset({"actors", "mentions"})

    def __call__(self, state: ArticleState) -> None:
        owners: dict[str, set[str]] = {}
        first: dict[str, tuple[int, int]] = {}
        for m in state.mentions:
            actor = state.actors[m.actor]
            words = normalize_ar(actor.label_ar).split() if actor.cls == "Person" else []
            for k in range(1, len(words)):  # محمود الصرخي الحسني: الصرخي and الحسني
                if words[k].startswith(clitics.ARTICLE) and len(words[k]) >= MIN_SURNAME \
                        and not {words[k], words[k - 1]} & NAME_SECOND_PARTS:
                    owners.setdefault(words[k], set()).add(m.actor)
                    first.setdefault(m.actor, (m.sentence, m.start))
        surnames = {name: next(iter(iris)) for name, iris in owners.items() if len(iris) == 1}
        if not surnames:
            return
        # NER's later span of the family name alone is that person too.
        for m in state.mentions:
            actor = state.actors[m.actor]
            own = actor.cls == "Person" and not actor.from_gazetteer
            iri = surnames.get(normalize_ar(actor.label_ar)) if own else None
            if iri is not None and iri != m.actor and first[iri] < (m.sentence, m.start):
                m.actor = iri
        taken = {(m.sentence, w) for m in state.mentions for w in m.words}
        added = []
        for sent in state.doc.sentences:
            for w in sent.words:
                if (sent.index, w.id) in taken or w.upos not in ("NOUN", "PROPN", "X", "ADJ"):
                    continue
                iri = next((surnames[v] for v in proclitic_variants(w.norm) if v in surnames), None)
                if iri is None or first[iri] >= (sent.index, w.start):
                    continue
                nxt = sent.word(w.id + 1) if w.id < len(sent.words) else None
                if nxt is not None and (nxt.upos in ("PROPN", "X") or (
                        nxt.upos == "ADJ" and nxt.norm.startswith(clitics.ARTICLE))):
                    continue
                added.append(Resolver._mention(sent, iri, (w.id,), state.doc, False))
        if added:
            state.mentions.extend(added)
            state.mentions.sort(key=lambda m: (m.sentence, m.start))
