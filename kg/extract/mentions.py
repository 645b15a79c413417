"""Mentions: which words name which actor.

Article steps, in order:

1. :class:`ResolveMentions`: the actor gazetteer (``ontology/actors.ttl``:
   longest match on normalised forms, proclitics stripped: وواشنطن, لبغداد,
   بالعراق), then Stanza NER spans not covered by a gazetteer match, which
   become actors with a stable IRI from their normalised name. Short person
   names resolve to a full name seen earlier (الكاظمي → مصطفى الكاظمي); a
   capital is the country's government when it acts (بغداد وواشنطن تتفقان)
   but a place after a locative preposition or العاصمة (في بغداد).
2. :class:`DropNonMentions`: a month name tagged as a place is part of a date,
   and a bare title noun tagged as a person (الوزير) is nobody in particular.
3. :class:`NationalBodies`: a bare body noun (البرلمان) is that body of the
   country the article is mostly about.
4. :class:`ShortNames`: a bare definite head noun (الائتلاف) names the body or
   group last named with it (الائتلاف الوطني السوري).
5. :class:`PruneActors`: NER actors left without a mention go.

Then per sentence, :class:`~.officials.Officials`: an unnamed official stands for their
country (الرئيس المصري).
"""
from __future__ import annotations

from collections import Counter

from ..document import Document, Entity, Sentence
from ..facts import Actor, Mention
from ..gazetteer import Entry, Gazetteer
from ..ids import actor_iri
from ..lang.ar import clitics, lexicon, normalize_ar, proclitic_variants
from .steps import ArticleState, ArticleStep, SentenceState, SentenceStep
from .context import PLACE_NOUNS, QUOTE_MARKS
from .names import (adjective_name, after_place_noun, another_body, full_lengths, in_idiom, inside_person,
                    name_head_before, quoted_outlets, quoted_persons, remember_headed, without_edge_punctuation,
                    without_formula)

NER_CLASSES = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}
# Before a capital, these make it a place rather than the government acting.
LOCATIVE = lexicon.words("capital_locatives")
MIN_NAME_CHARS = 3


def _actor_from_entry(entry: Entry) -> Actor:
    return Actor(iri=entry.iri, cls=entry.cls, label_ar=entry.label_ar, label_en=entry.label_en,
                 alt_labels_ar=sorted(set(entry.variants) - {entry.label_ar}), same_as=list(entry.same_as),
                 from_gazetteer=True)


def _is_locative(sentence: Sentence, first_word: int) -> bool:
    """True when the word before ``first_word`` (1-based) or a clitic of the
    same token is a locative preposition."""
    word = sentence.word(first_word)
    token = sentence.tokens[word.token]
    for wid in token.words:
        if wid < first_word and sentence.word(wid).norm in LOCATIVE:
            return True
    if first_word > 1:
        prev = sentence.word(first_word - 1)
        if prev.token != word.token and prev.norm in LOCATIVE:
            return True
        if prev.upos == "PUNCT" and first_word > 2 and sentence.word(first_word - 2).norm in LOCATIVE:
            return True
    return False


def _restore_article(sentence: Sentence, word) -> str:
    """للعراق splits into ل + لعراق: the article's alef is gone; put it back."""
    token = sentence.tokens[word.token]
    if word.id != token.words[0]:
        return clitics.restore_elided_alef(sentence.word(word.id - 1).norm, word.text)
    return word.text


_CLITICS = clitics.CLITIC_WORDS | {clitics.ARTICLE}
HONORIFICS = lexicon.words("honorifics")
RANKS = lexicon.words("military_ranks")
BARE_RANKS = lexicon.words("bare_ranks")
TANWEEN = set("\u064b\u064c\u064d")  # ً ٌ ٍ
ROMAN_DIGITS = set("IVXLCDM")  # a regnal number: إدوارد VIII


def _honorific(form: str) -> bool:
    """An honorific or a military rank (lexicons ``honorifics``, ``military_ranks``), or one
    written without the article (lexicon ``bare_ranks``: دكتور، عقيد)."""
    return form in HONORIFICS or form in RANKS or form in BARE_RANKS


def _before_line_break(sent: Sentence, ent: Entity) -> Entity:
    """The part of a NER span before a line break inside it: a heading run into the next
    paragraph ("الملك فيصل" over "أسند إليه …") names no one across the break."""
    for k in range(1, len(ent.words)):
        before, after = sent.word(ent.words[k - 1]), sent.word(ent.words[k])
        if "\n" in sent.text[before.end - sent.start:after.start - sent.start]:
            return _up_to(sent, ent, k)
    return ent


def _up_to(sent: Sentence, ent: Entity, k: int) -> Entity:
    """The span of ``ent``'s first ``k`` words."""
    last = sent.word(ent.words[k - 1])
    return Entity(ent.text[:last.end - ent.start], ent.type, ent.start, last.end, ent.words[:k])


def _verb_of_name(sent: Sentence, words: tuple[int, ...]) -> bool:
    """The span's first word is a verb whose subject is the rest of the span (ولد رمضان
    قاديروف: "R. K. was born"); a first name the tagger took for a verb (يحيى) heads no
    subject of its own name."""
    first = sent.word(words[0])
    return first.upos == "VERB" and any(sent.word(w).head == first.id and sent.word(w).deprel.startswith("nsubj")
                                        for w in words[1:])


def _token_match_words(sentence: Sentence, start: int, end: int, entry: Entry) -> tuple[int, ...]:
    """Word ids of tokens ``start:end``, without the first token's proclitic
    words unless the name itself begins with them (وزارة, not و + واشنطن)."""
    tokens = sentence.tokens[start:end]
    ids = [w for t in tokens for w in t.words]
    first = tokens[0].words
    head = tokens[0].norm
    if any(normalize_ar(name).split(" ")[0] == head for name in entry.names):
        return tuple(ids)
    while len(ids) > 1 and ids[0] in first[:-1] and sentence.word(ids[0]).norm in _CLITICS:
        ids.pop(0)
    return tuple(ids)


class ActorClasses:
    """NER type → ontology class, refined by the first word of the name
    (``pipelines/rules/actor_classes.yaml``)."""

    def __init__(self, rules: list[dict] | None = None) -> None:
        self.by_word: dict[str, list[tuple[str, set[str]]]] = {}
        for rule in rules or []:
            for word in rule["first_words"]:
                key = clitics.strip_article(normalize_ar(word))
                self.by_word.setdefault(key, []).append((rule["class"], set(rule["ner"])))

    def classify(self, name: str, ner_type: str) -> str | None:
        """The class for a NER entity.

        >>> ActorClasses([{"class": "Place", "first_words": ["مطار"], "ner": ["ORG"]}]).classify("مطار بيروت", "ORG")
        'Place'
        """
        words = normalize_ar(name).split()
        if words:
            for cls, ner in self.by_word.get(clitics.strip_article(words[0]), []):
                if ner_type in ner:
                    return cls
        return NER_CLASSES.get(ner_type)


class Resolver:
    def __init__(self, gazetteer: Gazetteer, classes: ActorClasses | None = None,
                 title_heads: frozenset[str] = frozenset()) -> None:
        self.gazetteer = gazetteer
        self.classes = classes or ActorClasses()
        # Title nouns without the article (مدير، مشرف): one that ends a person's span before
        # the noun it governs starts the title, not the name.
        self.title_heads = title_heads

    def resolve(self, doc: Document) -> tuple[dict[str, Actor], list[Mention]]:
        actors: dict[str, Actor] = {}
        mentions: list[Mention] = []
        full_names: dict[str, str] = {}  # normalised last-name suffix → full-name IRI
        places: dict[str, str] = {}  # a place's bare name → the IRI of its name with its head noun
        for sent in doc.sentences:
            taken: set[int] = set()
            forms = [_restore_article(sent, w) for w in sent.words]
            found = [(tuple(range(m.start + 1, m.end + 1)), m) for m in self.gazetteer.find(forms)]
            found.extend(self._quoted(sent, forms, found))
            # Tokens too, so a name survives a wrong clitic split (وزارة → و + زارة).
            # A longer match of the same entry on tokens wins over its words' match: "عبدربه
            # منصور هادي" with عبدربه split as عبدرب + ه matches only "منصور هادي" on words.
            for m in self.gazetteer.find([t.text for t in sent.tokens]):
                ids = _token_match_words(sent, m.start, m.end, m.entry)
                if not ids:
                    continue
                overlap = [f for f in found if set(f[0]) & set(ids)]
                if not overlap:
                    found.append((ids, m))
                elif all(f[1].entry is m.entry and set(f[0]) < set(ids) for f in overlap):
                    found = [f for f in found if f not in overlap] + [(ids, m)]
            for ids, match in sorted(found, key=lambda f: f[0][0]):
                entry = match.entry
                head = name_head_before(sent, ids[0]) if entry.cls in ("Country", "Place") else None
                if head is not None and head not in taken:  # بحيرة تشاد is a lake, not Chad
                    self._headed_place(sent, (head, *ids), doc, actors, mentions, places)
                    taken.update((head, *ids))
                    continue
                if another_body(sent, ids, entry):
                    continue
                if inside_person(sent, ids, entry):
                    continue  # NER's span of the person is the mention
                if adjective_name(self.gazetteer, sent, ids, entry) or in_idiom(sent, ids):
                    taken.update(ids)  # nor is NER's span of it the country
                    continue
                as_place = False
                if match.via == "capital" and entry.capital_of:
                    # After في/ب, or a place noun (محافظة بغداد، مدينة دمشق): the city, not its government.
                    as_place = _is_locative(sent, ids[0]) or after_place_noun(sent, ids[0])
                    if not as_place:
                        entry = self.gazetteer.entry(entry.capital_of)
                if entry.cls == "Person":
                    # A person's name spelled otherwise in front of a known family name
                    # (أنطوني بلينكن for أنتوني بلينكن): the NER span gives the whole name.
                    # Not another person of the family: "ميشيل أوباما" is as long as باراك أوباما
                    # but spelled otherwise, and NER's span makes her a person of her own.
                    spans = [e for e in sent.entities if e.type == "PER" and set(ids) < set(e.words)
                             and not taken.intersection(e.words)]
                    wider = next((e.words for e in spans if entry.spelled_like(e.text)), None)
                    if wider is None and any(len(normalize_ar(e.text).split()) in full_lengths(entry)
                                             and all(sent.word(w).upos in ("PROPN", "X")
                                                     for w in e.words if w not in ids)
                                             for e in spans):
                        continue  # not "فيتو أوباما" (a noun before the name)
                    ids = tuple(wider) if wider else ids
                actors.setdefault(entry.iri, _actor_from_entry(entry))
                if match.via == "capital" and not as_place:
                    # The capital stands for the country: keep its name as a label.
                    actors[entry.iri].add_label(match.entry.label_ar)
                mentions.append(self._mention(sent, entry.iri, ids, doc, as_place))
                taken.update(ids)
                if entry.cls == "Person":
                    self._remember(full_names, entry.iri, entry.label_ar, entry.variants)
            spans, headed = self._place_spans(sent, taken)
            # An outlet's quoted name is whole, whatever part of it NER tagged ("ام تي في").
            outlets = quoted_outlets(sent, taken) + quoted_persons(sent, taken, self.title_heads)
            spans = outlets + [e for e in spans if not any(set(e.words) & set(o.words) for o in outlets)]
            for ent in spans:
                if not ent.words or taken.intersection(ent.words):
                    continue
                # The surface text: MWT splits may cut a name (عبدالله → عبدالل + ه); not the
                # punctuation a token kept at its edge ("ريان درار؛").
                name = without_edge_punctuation(ent.text)
                cls = self.classes.classify(name, ent.type)
                if cls is None or len(normalize_ar(name).replace(" ", "")) < MIN_NAME_CHARS:
                    continue
                key = normalize_ar(name)
                entry = self.gazetteer.lookup(name)
                if entry is None and len(key.split()) == 1:
                    entry = self.gazetteer.demonym(name)  # الأمريكيون tagged as a name: the country
                if entry is not None:
                    iri = entry.iri
                    actors.setdefault(iri, _actor_from_entry(entry))
                elif cls == "Person" and full_names.get(key):
                    iri = full_names[key]
                elif cls == "Place" and places.get(key):
                    iri = places[key]  # زنكو after سوق زنكو
                else:
                    iri = actor_iri(name)
                    if iri not in actors:
                        actors[iri] = Actor(iri=iri, cls=cls, label_ar=name)
                    if cls == "Person":
                        self._remember(full_names, iri, name, ())
                    if cls == "Place" and ent.words in headed:
                        remember_headed(places, name, iri)
                mentions.append(self._mention(sent, iri, ent.words, doc, actors[iri].cls == "Place"))
                taken.update(ent.words)
        return actors, mentions

    def _quoted(self, sent: Sentence, forms: list[str], found: list) -> list:
        """Names with a quoted part (مجموعة "5+1", جبهة «النصرة»): the gazetteer matched
        without the quote marks, for the names that span one and overlap no other match."""
        keep = [i for i, w in enumerate(sent.words) if w.text not in QUOTE_MARKS]
        if len(keep) == len(sent.words):
            return []
        taken = {w for ids, _ in found for w in ids}
        out = []
        for m in self.gazetteer.find([forms[i] for i in keep]):
            ids = tuple(range(keep[m.start] + 1, keep[m.end - 1] + 2))
            if len(ids) > m.end - m.start and not taken.intersection(ids):
                out.append((ids, m))
                taken.update(ids)
        return out

    def _title_head_ends(self, sent: Sentence, words: tuple[int, ...]) -> bool:
        """The span's last word is a title head without the article, alone in its token, and
        the word after the span is a definite noun (مشرف الإعلام)."""
        last = sent.word(words[-1])
        if last.norm not in self.title_heads or words[-1] >= len(sent.words) \
                or len(sent.tokens[last.token].words) > 1:
            return False
        nxt = sent.word(words[-1] + 1)
        return nxt.upos == "NOUN" and nxt.norm.startswith(clitics.ARTICLE)

    def _place_spans(self, sent: Sentence, taken: set[int]) -> tuple[list[Entity], set[tuple[int, ...]]]:
        """The sentence's NER spans, a person's without a leading honorific (lexicon
        ``honorifics``: الدكتور، المهندس); adjacent place spans are one name (منطقة دشت ليلي, tagged
        as two), and a place's takes the noun before it that is part of its name (lexicon
        ``place_name_heads``: سوق زنكو, جبل المرخ), which NER leaves out. The head stands
        in the construct state (no article), alone in its token. A noun that only says what
        the place is (مدينة، بلدة) stays out of the name. Also returns the words of the spans
        that took a head noun."""
        out: list[Entity] = []
        headed: set[tuple[int, ...]] = set()
        for ent in sent.entities:
            ent = without_formula(sent, _before_line_break(sent, ent))  # "عبدالعزيز – طيب الله ثراه"
            if ent is None:
                continue
            # الدكتور X, العقيد دكتور X, رقيب X: honorifics and ranks, with the article or
            # without, are titles, not the name.
            # NER may also take in the verb before the name (ولد رمضان قاديروف "R. K. was born").
            while ent.type == "PER" and len(ent.words) > 1 and (_honorific(sent.word(ent.words[0]).norm)
                                                                or _verb_of_name(sent, ent.words)):
                second = sent.word(ent.words[1])
                ent = Entity(ent.text[second.start - ent.start:], ent.type, second.start, ent.end, ent.words[1:])
            # "سالم الحربي مشرف الإعلام التربوي": NER takes in the title's head; the definite
            # noun after the span that the head governs shows it starts the title.
            # "سامي حداد Haddad": a Latin gloss after an Arabic name is no part of it.
            # Not a regnal number (إدوارد VIII).
            while ent.type == "PER" and len(ent.words) > 1 and sent.word(ent.words[-1]).text.isascii() \
                    and not set(sent.word(ent.words[-1]).text) <= ROMAN_DIGITS \
                    and not sent.word(ent.words[0]).text.isascii():
                ent = _up_to(sent, ent, len(ent.words) - 1)
            while ent.type == "PER" and len(ent.words) > 2 and self._title_head_ends(sent, ent.words):
                ent = _up_to(sent, ent, len(ent.words) - 1)
            last = out[-1] if out else None
            if last is not None and ent.type == "LOC" and last.type == "LOC" \
                    and ent.words and last.words[-1] + 1 == ent.words[0]:
                out[-1] = Entity(f"{last.text} {ent.text}", last.type, last.start, ent.end, last.words + ent.words)
                if last.words in headed:
                    headed.add(out[-1].words)
                continue
            head = name_head_before(sent, ent.words[0]) if ent.type == "LOC" and ent.words else None
            if head is not None and head not in taken:
                h = sent.word(head)
                ent = Entity(f"{h.text} {ent.text}", ent.type, h.start, ent.end, (head, *ent.words))
                headed.add(ent.words)
            out.append(ent)
        return out, headed


    @staticmethod
    def _remember(full_names: dict[str, str], iri: str, name: str, variants) -> None:
        """Short forms of a full name that later mentions may use: the family
        name (الكاظمي) and the first name (خالد), unless two people share it."""
        parts = normalize_ar(name).split()
        if len(parts) >= 2:
            for short in (parts[-1], parts[0], " ".join(parts)):
                if full_names.get(short, iri) != iri:
                    full_names[short] = ""  # ambiguous in this article
                else:
                    full_names[short] = iri

    def _headed_place(self, sent: Sentence, ids: tuple[int, ...], doc: Document, actors: dict[str, Actor],
                      mentions: list[Mention], places: dict[str, str]) -> None:
        """A place named by a head noun and a known place's name: a Place of its own."""
        name = doc.article.text[sent.word(ids[0]).start:sent.word(ids[-1]).end]
        iri = places.get(normalize_ar(name)) or actor_iri(name)
        actors.setdefault(iri, Actor(iri=iri, cls="Place", label_ar=name))
        remember_headed(places, name, iri)
        mentions.append(self._mention(sent, iri, ids, doc, True))

    @staticmethod
    def _mention(sent: Sentence, iri: str, ids: tuple[int, ...], doc: Document, as_place: bool) -> Mention:
        start, end = sent.word(ids[0]).start, sent.word(ids[-1]).end
        return Mention(iri, sent.index, start, end, doc.article.text[start:end], tuple(ids), as_place)


def body_of(gazetteer: Gazetteer, prefixes: list[str], country: Entry) -> Entry:
    """The country's body whose names start with one of ``prefixes``; the country
    when the gazetteer knows none."""
    for entry in gazetteer:
        if entry.part_of == country.iri and any(
                clitics.without_article(normalize_ar(name)).startswith(clitics.without_article(p))
                for name in entry.names for p in prefixes):
            return entry
    return country


class ResolveMentions(ArticleStep):
    """Gazetteer and NER mentions of the whole article, and their actors."""

    name = "resolve"
    provides = frozenset({"actors", "mentions"})

    def __call__(self, state: ArticleState) -> None:
        actors, mentions = self.rules.resolver.resolve(state.doc)
        state.facts.actors = actors
        state.facts.mentions = mentions


class DropNonMentions(ArticleStep):
    """A month name tagged as a place by NER (نيسان/ابريل) is part of a date, unless the
    span is a whole name in quote marks (صحيفة «اليوم السابع»). So is
    a bare title or member noun tagged as a person (الوزير، برلمانيون، الوزيران) nobody, one
    word the parse reads as the adjective of the noun before it (كبير الخبراء النوويين)
    no name, a place noun with a possessive pronoun (محيطها "its surroundings") no
    place's name, and words written with tanween (بيانًا رسميًا) no name at all."""

    name = "drop_non_mentions"
    requires = frozenset({"actors", "mentions", "dates"})

    def __call__(self, state: ArticleState) -> None:
        heads = self.rules.titles.heads if self.rules.titles else set()
        dates, actors = state.dates, state.actors
        state.mentions[:] = [m for m in state.mentions if actors[m.actor].from_gazetteer
                             or not ((any(d.start < m.end and m.start < d.end for d in dates)
                                      and not self._quoted(state, m))
                                     or normalize_ar(m.text) in heads or self._adjective(state, m)
                                     or clitics.dual_stem(normalize_ar(m.text), self.rules.title_singulars)
                                     or self._place_noun_with_pronoun(m) or self._tanween(m))]

    @staticmethod
    def _quoted(state: ArticleState, m: Mention) -> bool:
        """The mention is a whole name in quote marks (صحيفة «اليوم السابع»): no date."""
        s = state.doc.sentences[m.sentence]
        first, last = m.words[0], m.words[-1]
        opened = (first > 1 and s.word(first - 1).text in QUOTE_MARKS) or \
            any(s.word(w).text in QUOTE_MARKS for w in m.words)
        return opened and last < len(s.words) and s.word(last + 1).text in QUOTE_MARKS

    @staticmethod
    def _tanween(m: Mention) -> bool:
        """A word written with tanween (بيانًا رسميًا، هجومٌ): a common noun, never a name."""
        return any(word.rstrip("اى")[-1:] in TANWEEN for word in m.text.split())

    @staticmethod
    def _place_noun_with_pronoun(m: Mention) -> bool:
        form = normalize_ar(m.text)
        return " " not in form and any(stem in PLACE_NOUNS for stem in clitics.pronoun_suffix_stems(
            clitics.strip_conjunction(form)))

    @staticmethod
    def _adjective(state: ArticleState, m: Mention) -> bool:
        if len(m.words) != 1:
            return False
        s = state.doc.sentences[m.sentence]
        w = s.word(m.words[0])  # not a place's name after a place noun (مدينة أجدابيا)
        return w.upos == "ADJ" and w.deprel.startswith("amod") and w.head == w.id - 1 and not after_place_noun(s, w.id)


class NationalBodies(ArticleStep):
    """A bare definite body noun (البرلمان، مجلس النواب) names that body of the country
    the article is mostly about: the country mentioned most, when one clearly leads and
    the gazetteer knows its body."""

    name = "national_bodies"
    requires = frozenset({"actors", "mentions"})

    def __call__(self, state: ArticleState) -> None:
        gazetteer, mentions, actors = self.rules.gazetteer, state.mentions, state.actors
        bodies = self.rules.cues.national_bodies
        counts = Counter(m.actor for m in mentions if actors[m.actor].cls == "Country"
                         and actors[m.actor].from_gazetteer).most_common(2)
        if not bodies or not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
            return
        country = gazetteer.entry(counts[0][0])
        for m in mentions:
            key = normalize_ar(m.text)
            if not actors[m.actor].from_gazetteer and key in bodies:
                body = body_of(gazetteer, bodies[key], country)
                if body is not country:
                    state.ensure_actor(body)
                    m.actor = body.iri
        firsts = {clitics.without_article(k.split()[0]) for k in bodies}
        for sent in state.doc.sentences:
            taken = {w for m in mentions if m.sentence == sent.index for w in m.words}
            n = len(sent.words)
            for w in sent.words:
                if not any(f in w.norm for f in firsts):
                    continue
                for size in (2, 1):
                    ids = tuple(range(w.id, w.id + size))
                    if ids[-1] > n or set(ids) & taken:
                        continue
                    words = [sent.word(i) for i in ids]
                    key = next((k for k in proclitic_variants(normalize_ar(" ".join(x.text for x in words)))
                                if k in bodies), None)
                    nxt = sent.word(ids[-1] + 1) if ids[-1] < n else None
                    if key is None or (nxt is not None and (nxt.upos in ("ADJ", "PROPN", "X")
                                                             or gazetteer.demonym(nxt.text))):
                        continue  # not bare: البرلمان الأردني, مجلس النواب الأمريكي
                    body = body_of(gazetteer, bodies[key], country)
                    if body is country:
                        continue
                    state.ensure_actor(body)
                    start, end = words[0].start, words[-1].end
                    mentions.append(Mention(body.iri, sent.index, start, end, state.text[start:end], ids))
                    taken.update(ids)
                    break
        mentions.sort(key=lambda m: (m.sentence, m.start))


class PruneActors(ArticleStep):
    """Actors from NER that no mention names any more are dropped."""

    name = "prune_actors"
    requires = frozenset({"actors", "mentions"})

    def __call__(self, state: ArticleState) -> None:
        mentioned = {m.actor for m in state.mentions}
        for iri in [i for i, a in state.actors.items() if not a.from_gazetteer and i not in mentioned]:
            del state.actors[iri]
