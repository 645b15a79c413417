"""Rules stage, part 1: entity resolution.

Mentions come from two sources, gazetteer first:

1. the actor gazetteer (``ontology/actors.ttl``): longest match on normalised
   word forms, proclitics stripped (وواشنطن, لبغداد, بالعراق);
2. Stanza NER spans not covered by a gazetteer match become actors with a
   stable IRI from their normalised name.

Then short person names resolve to a full name seen earlier in the article
(الكاظمي → مصطفى الكاظمي), and a capital is the country's government when
it acts (بغداد وواشنطن تتفقان) but a place after a locative preposition or
العاصمة (في بغداد).
"""
from __future__ import annotations

from .document import Document, Sentence
from .facts import Actor, Mention
from .gazetteer import Entry, Gazetteer
from .graph import actor_iri
from .normalize import normalize_ar

NER_CLASSES = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}
# Before a capital, these make it a place rather than the government acting.
LOCATIVE = {normalize_ar(w) for w in ("في", "ب", "إلى", "الى", "من", "عاصمة", "العاصمة", "مدينة", "قرب", "داخل", "خارج", "حول", "مطار")}
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
        if wid < first_word and normalize_ar(sentence.word(wid).text) in LOCATIVE:
            return True
    if first_word > 1:
        prev = sentence.word(first_word - 1)
        if prev.token != word.token and normalize_ar(prev.text) in LOCATIVE:
            return True
        if prev.upos == "PUNCT" and first_word > 2 and normalize_ar(sentence.word(first_word - 2).text) in LOCATIVE:
            return True
    return False


def _restore_article(sentence: Sentence, word) -> str:
    """للعراق splits into ل + لعراق: the article's alef is gone; put it back."""
    token = sentence.tokens[word.token]
    if word.id != token.words[0] and word.text.startswith("ل") and \
            normalize_ar(sentence.word(word.id - 1).text) == "ل":
        return "ا" + word.text
    return word.text


_CLITICS = {"و", "ف", "ب", "ل", "ك", "ال"}


def _token_match_words(sentence: Sentence, start: int, end: int, entry: Entry) -> tuple[int, ...]:
    """Word ids of tokens ``start:end``, without the first token's proclitic
    words unless the name itself begins with them (وزارة, not و + واشنطن)."""
    tokens = sentence.tokens[start:end]
    ids = [w for t in tokens for w in t.words]
    first = tokens[0].words
    head = normalize_ar(tokens[0].text)
    if any(normalize_ar(name).split(" ")[0] == head for name in entry.names):
        return tuple(ids)
    while len(ids) > 1 and ids[0] in first[:-1] and normalize_ar(sentence.word(ids[0]).text) in _CLITICS:
        ids.pop(0)
    return tuple(ids)


class ActorClasses:
    """NER type → ontology class, refined by the first word of the name
    (``pipelines/rules/actor_classes.yaml``)."""

    def __init__(self, rules: list[dict] | None = None) -> None:
        self.by_word: dict[str, list[tuple[str, set[str]]]] = {}
        for rule in rules or []:
            for word in rule["first_words"]:
                key = _bare(normalize_ar(word))
                self.by_word.setdefault(key, []).append((rule["class"], set(rule["ner"])))

    def classify(self, name: str, ner_type: str) -> str | None:
        """The class for a NER entity.

        >>> ActorClasses([{"class": "Place", "first_words": ["مطار"], "ner": ["ORG"]}]).classify("مطار بيروت", "ORG")
        'Place'
        """
        words = normalize_ar(name).split()
        if words:
            for cls, ner in self.by_word.get(_bare(words[0]), []):
                if ner_type in ner:
                    return cls
        return NER_CLASSES.get(ner_type)


def _bare(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


class Resolver:
    def __init__(self, gazetteer: Gazetteer, classes: ActorClasses | None = None) -> None:
        self.gazetteer = gazetteer
        self.classes = classes or ActorClasses()

    def resolve(self, doc: Document) -> tuple[dict[str, Actor], list[Mention]]:
        actors: dict[str, Actor] = {}
        mentions: list[Mention] = []
        full_names: dict[str, str] = {}  # normalised last-name suffix → full-name IRI
        for sent in doc.sentences:
            taken: set[int] = set()
            forms = [_restore_article(sent, w) for w in sent.words]
            found = [(tuple(range(m.start + 1, m.end + 1)), m) for m in self.gazetteer.find(forms)]
            # Tokens too, so a name survives a wrong clitic split (وزارة → و + زارة).
            word_level = {w for ids, _ in found for w in ids}
            for m in self.gazetteer.find([t.text for t in sent.tokens]):
                ids = _token_match_words(sent, m.start, m.end, m.entry)
                if ids and not word_level.intersection(ids):
                    found.append((ids, m))
            for ids, match in sorted(found, key=lambda f: f[0][0]):
                entry = match.entry
                as_place = False
                if match.via == "capital" and entry.capital_of:
                    as_place = _is_locative(sent, ids[0])
                    if not as_place:
                        entry = self.gazetteer.entry(entry.capital_of)
                if entry.cls == "Person":
                    # A person's name spelled otherwise in front of a known family name
                    # (أنطوني بلينكن for أنتوني بلينكن): the NER span gives the whole name.
                    wider = next((e.words for e in sent.entities if e.type == "PER" and set(ids) < set(e.words)
                                  and not taken.intersection(e.words)), None)
                    ids = tuple(wider) if wider else ids
                actors.setdefault(entry.iri, _actor_from_entry(entry))
                if match.via == "capital" and not as_place:
                    # The capital stands for the country: keep its name as a label.
                    self._add_label(actors[entry.iri], match.entry.label_ar)
                mentions.append(self._mention(sent, entry.iri, ids, doc, as_place))
                taken.update(ids)
                if entry.cls == "Person":
                    self._remember(full_names, entry.iri, entry.label_ar, entry.variants)
            for ent in sent.entities:
                if not ent.words or taken.intersection(ent.words):
                    continue
                name = ent.text  # the surface text: MWT splits may cut a name (عبدالله → عبدالل + ه)
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
                else:
                    iri = actor_iri(name)
                    if iri not in actors:
                        actors[iri] = Actor(iri=iri, cls=cls, label_ar=name)
                    if cls == "Person":
                        self._remember(full_names, iri, name, ())
                mentions.append(self._mention(sent, iri, ent.words, doc, actors[iri].cls == "Place"))
                taken.update(ent.words)
        return actors, mentions

    @staticmethod
    def _add_label(actor: Actor, label: str) -> None:
        if label != actor.label_ar and label not in actor.alt_labels_ar:
            actor.alt_labels_ar.append(label)
            actor.alt_labels_ar.sort()

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

    @staticmethod
    def _mention(sent: Sentence, iri: str, ids: tuple[int, ...], doc: Document, as_place: bool) -> Mention:
        start, end = sent.word(ids[0]).start, sent.word(ids[-1]).end
        return Mention(iri, sent.index, start, end, doc.article.text[start:end], tuple(ids), as_place)
