"""Unnamed actors: gunmen, the police, the Syrian army, civilians.

Most attackers and many targets in news have no name: مسلحون، انتحاري، قوات
الأمن، الجيش السوري، المدنيين. They are actors all the same, each with a class
and a sector (the CAMEO/PLOVER actor role codes: ``kg:MilitarySector`` …). The
head nouns are data (``pipelines/rules/generic_actors.yaml``, loaded and checked
by :func:`load_generic_actors`, error codes E321-E325).

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
from collections import Counter, namedtuple
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import RDF
from rdflib.namespace import SKOS

from ..document import Sentence, Word
from ..errors import RuleError
from ..facts import Actor, Mention
from ..gazetteer import Entry
from ..ids import generic_actor_iri, institution_iri
from ..lang.ar import clitics, normalize_ar, proclitic_variants
from ..paths import RULES_DIR, read_yaml
from ..vocab import ACTOR_CLASSES, KG, ontology_graph
from .mentions import body_of
from .names import GROUP_NOUNS
from .steps import ArticleState, ArticleStep

RULES_PATH = RULES_DIR / "generic_actors.yaml"
_FIX = "see the header of pipelines/rules/generic_actors.yaml for the entry format"
_KINDS = ("generic_actors",)
_REQUIRED = {"id", "class", "sector", "en", "forms", "bare", "match", "no_match"}
_OPTIONAL = {"construct", "demonym", "scope", "adjective", "allow", "bodies", "name", "gender", "veto_before",
             "veto_after", "refers"}
_EXAMPLE_KEYS = {"text", "phrase", "class", "sector", "country"}
_CHOICES = {"bare": ("keep", "article", "skip"), "scope": ("article", "country"),
            "adjective": ("keep", "skip"), "gender": ("m", "f")}
_CLASSES = tuple(c for c in ACTOR_CLASSES if c != "Place")
# The article's country must have at least this many mentions, and this many times
# as many as the runner-up, before a bare الجيش is taken to be its army.
MIN_MENTIONS = 2
MIN_LEAD = 2
NAMED_CLASSES = ("Person", "Organization", "ArmedGroup", "Actor")

Form = tuple[str, ...]


# A match example: sector is the CAMEO code, country the country's Arabic name or None.
Example = namedtuple("Example", "text phrase cls sector country")


@dataclass(frozen=True)
class Head:
    """One entry of the data file."""
    id: str
    cls: str
    sector: str  # ontology local name (MilitarySector)
    code: str  # its notation (MIL)
    en: str
    forms: tuple[Form, ...]
    construct: tuple[Form, ...] = ()
    demonym: bool = True
    bare: str = "keep"
    scope: str = "article"
    adjective: str = "keep"
    allow: frozenset[str] = frozenset()
    bodies: tuple[str, ...] = ()
    name: str | None = None
    gender: str | None = None
    veto_before: frozenset[str] = frozenset()
    veto_after: frozenset[str] = frozenset()
    refers: bool = False  # a bare definite form names the group named with it (kg/extract/descriptors.py)
    match: tuple[Example, ...] = ()
    no_match: tuple[str, ...] = ()


@dataclass(frozen=True)
class GenericRules:
    path: str
    heads: tuple[Head, ...]
    links: frozenset[str]
    # normalised first word -> (form, head, is a construct form), longest forms first
    by_first: dict[str, tuple[tuple[Form, Head, bool], ...]]

    def head(self, hid: str) -> Head:
        return next(h for h in self.heads if h.id == hid)


@lru_cache(maxsize=1)
def sector_codes() -> dict[str, str]:
    """CAMEO code → local name of its ``kg:Sector`` individual (from ontology/kg.ttl).

    >>> sector_codes()["MIL"]
    'MilitarySector'
    """
    g = ontology_graph()
    ns = str(KG._NS)
    return {str(code): str(s)[len(ns):] for s in g.subjects(RDF.type, KG.Sector)
            for code in g.objects(s, SKOS.notation)}


def _err(code: str, where: str, message: str, fix: str = _FIX) -> RuleError:
    return RuleError(code, f"{where}: {message}", fix=fix)


def _words(where: str, key: str, raw: Any, required: bool = False) -> list[str]:
    if raw is None and not required:
        return []
    if not isinstance(raw, list) or (required and not raw) or not all(isinstance(w, str) and w.strip() for w in raw):
        raise _err("E321", where, f"'{key}' must be a {'non-empty ' if required else ''}list of strings, got {raw!r}")
    return raw


def _norm_set(where: str, key: str, raw: dict) -> frozenset[str]:
    return frozenset(normalize_ar(w) for w in _words(where, key, raw.get(key)))


def _contains(words: list[str], phrase: list[str]) -> bool:
    """``phrase`` occurs in ``words``, its first word maybe with proclitics (للشرطة)."""
    k = len(phrase)
    return bool(phrase) and any(phrase[0] in proclitic_variants(words[i]) and words[i + 1:i + k] == phrase[1:]
                                for i in range(len(words) - k + 1))


def _example(where: str, raw: Any, cls: str, code: str) -> Example:
    if not isinstance(raw, dict) or set(raw) != _EXAMPLE_KEYS:
        raise _err("E321", where, f"a match example is a mapping with exactly {sorted(_EXAMPLE_KEYS)}, got {raw!r}")
    text, phrase, country = raw["text"], raw["phrase"], raw["country"]
    if not isinstance(text, str) or not isinstance(phrase, str) or not (country is None or isinstance(country, str)):
        raise _err("E321", where, "text and phrase are strings, country a string or null")
    if not _contains(normalize_ar(text).split(), normalize_ar(phrase).split()):
        raise _err("E325", where, f"the phrase {phrase!r} is not in the text {text!r}",
                   fix="copy the phrase from the example's text")
    if raw["class"] != cls or raw["sector"] != code:
        raise _err("E325", where, f"the example expects {raw['class']}/{raw['sector']}, the entry gives {cls}/{code}",
                   fix="make the example's class and sector the entry's")
    return Example(text, phrase, cls, code, country)


def _head(fname: str, index: int, raw: Any, codes: dict[str, str]) -> Head:
    where = f"{fname}:heads[{index}]"
    if not isinstance(raw, dict):
        raise _err("E321", where, f"an entry must be a mapping, got {type(raw).__name__}")
    if isinstance(raw.get("id"), str):
        where = f"{fname}:{raw['id']}"
    unknown, missing = sorted(set(raw) - _REQUIRED - _OPTIONAL), sorted(_REQUIRED - set(raw))
    if unknown or missing:
        raise _err("E321", where, f"unknown key(s) {unknown}, missing key(s) {missing}; "
                   f"allowed: {sorted(_REQUIRED | _OPTIONAL)}")
    hid = raw["id"]
    if not isinstance(hid, str) or not hid.isascii() or not hid.replace("_", "").isalnum():
        raise _err("E321", where, f"id must be an ASCII word (letters, digits, _), got {hid!r}")
    if raw["class"] not in _CLASSES:
        raise _err("E323", where, f"class {raw['class']!r} is not one of {', '.join(_CLASSES)}")
    if raw["sector"] not in codes:
        raise _err("E323", where, f"sector {raw['sector']!r} is not the skos:notation of a kg:Sector",
                   fix=f"use one of {', '.join(sorted(codes))}, or add the sector to ontology/kg.ttl")
    for key, choices in _CHOICES.items():
        if key in raw and raw[key] not in choices:
            raise _err("E323", where, f"{key} must be one of {', '.join(choices)}, got {raw[key]!r}")
    if not all(isinstance(raw.get(k, True), bool) for k in ("demonym", "refers")) \
            or not isinstance(raw["en"], str) or not raw["en"].strip():
        raise _err("E321", where, "demonym and refers must be true or false, and 'en' a non-empty English name")
    if raw["bare"] == "article" and raw["class"] != "Country" and not (
            isinstance(raw.get("name"), str) and raw.get("gender")):
        raise _err("E321", where, "a head whose country may come from the article needs its 'name' and 'gender'",
                   fix="add e.g. name: الجيش and gender: m, for the label الجيش الباكستاني")
    forms = tuple(tuple(normalize_ar(f).split()) for f in _words(where, "forms", raw["forms"], required=True))
    construct = tuple(tuple(normalize_ar(f).split()) for f in _words(where, "construct", raw.get("construct")))
    if not isinstance(raw["match"], list) or not raw["match"]:
        raise _err("E321", where, "'match' must be a non-empty list of examples")
    code = raw["sector"]
    match = tuple(_example(f"{where}:match[{i}]", ex, raw["class"], code) for i, ex in enumerate(raw["match"]))
    no_match = tuple(_words(where, "no_match", raw["no_match"], required=True))
    return Head(hid, raw["class"], codes[code], code, raw["en"], forms, construct, raw.get("demonym", True),
                raw["bare"], raw.get("scope", "article"), raw.get("adjective", "keep"), _norm_set(where, "allow", raw),
                tuple(normalize_ar(b) for b in _words(where, "bodies", raw.get("bodies"))), raw.get("name"),
                raw.get("gender"), _norm_set(where, "veto_before", raw), _norm_set(where, "veto_after", raw),
                raw.get("refers", False), match, no_match)


def load_generic_actors(path: Path | str | None = None) -> GenericRules:
    """Load and check the unnamed actors' head nouns (cached per path).

    >>> rules = load_generic_actors()
    >>> rules.head("police").code, rules.head("police").sector
    ('COP', 'PoliceSector')
    """
    return _load(str(Path(path) if path is not None else RULES_PATH))


@lru_cache(maxsize=8)
def _load(path: str) -> GenericRules:
    fname = Path(path).name
    data = read_yaml(path, code="E322", what="unnamed actors", fix="restore pipelines/rules/generic_actors.yaml")
    if not isinstance(data, dict) or not isinstance(data.get("heads"), list) or not data["heads"] \
            or set(data) - {"kind", "version", "links", "heads"}:
        raise _err("E321", fname, "the file is a mapping of kind, version, links and a non-empty list of `heads`")
    if data.get("kind") not in _KINDS:
        raise _err("E323", fname, f"kind must be {' or '.join(_KINDS)}, got {data.get('kind')!r}")
    codes = sector_codes()
    heads = [_head(fname, i, raw, codes) for i, raw in enumerate(data["heads"])]
    owner: dict[Form, str] = {}
    seen: set[str] = set()
    by_first: dict[str, list[tuple[Form, Head, bool]]] = {}
    for head in heads:
        if head.id in seen:
            raise _err("E324", f"{fname}:{head.id}", "duplicate id", fix="give every entry its own id")
        seen.add(head.id)
        for form, construct in [(f, False) for f in head.forms] + [(f, True) for f in head.construct]:
            if owner.setdefault(form, head.id) != head.id or (form in head.forms and construct):
                raise _err("E324", f"{fname}:{head.id}", f"the form {' '.join(form)!r} is listed twice "
                           f"(also under {owner[form]})", fix="list every form under one entry, once")
            by_first.setdefault(form[0], []).append((form, head, construct))
    links = frozenset(normalize_ar(w) for w in _words(fname, "links", data.get("links")))
    return GenericRules(path, tuple(heads), links,
                        {k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in by_first.items()})


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
        last = max(demonyms) if demonyms else (run[-1] if run and head.adjective == "keep" and parsed else ids[-1])
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
            state.actors[iri] = Actor(iri, head.cls, label, en, sector=head.sector,
                                      part_of=country.iri if country else None)
        elif phrase.explicit and normalize_ar(surface) not in {normalize_ar(x) for x in [actor.label_ar,
                                                                                        *actor.alt_labels_ar]}:
            actor.alt_labels_ar.append(surface)  # الجيش الأفغاني, later القوات المسلحة الأفغانية
            actor.alt_labels_ar.sort()
        return iri

    @staticmethod
    def _surface(text: str, sent: Sentence, phrase: Phrase) -> str:
        """The phrase as written, without the proclitics of its first word."""
        first, last = sent.word(phrase.ids[0]), sent.word(phrase.ids[-1])
        form = next(f for f in proclitic_variants(normalize_ar(_first_form(sent, first)))
                    if any(f == x[0] for x in phrase.head.forms + phrase.head.construct))
        return _bare_text(sent, first, form) + text[first.end:last.end]
