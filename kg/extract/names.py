"""Guards on names while mentions are resolved (:mod:`.mentions`): which words of a span
or a gazetteer match name an actor, and which name another body, an adjective or a place;
and the quoted names of outlets and groups (موقع «…», حركة «…»), which NER often misses.
"""
from __future__ import annotations

import unicodedata

from ..document import Entity, Sentence, Word
from ..gazetteer import Entry, Gazetteer
from ..lang.ar import clitics, lexicon, normalize_ar, proclitic_variants
from .context import PLACE_NOUNS, QUOTE_MARKS

OUTLET_NOUNS = lexicon.words("outlet_nouns")
GROUP_NOUNS = lexicon.words("group_nouns")
NAME_IDIOMS = lexicon.words("name_idioms")
MAX_QUOTED_NAME = 4  # words


def another_body(sent: Sentence, ids: tuple[int, ...], entry: Entry) -> bool:
    """A body's bare head noun (التحالف for the Global Coalition) followed by an adjective
    names another body: "التحالف المدني الديمقراطي", "التحالف الوطني". The adjective may be
    tagged as a noun; its form (definite, ending in ي or ية) tells it."""
    if len(ids) != 1 or entry.cls not in ("Organization", "ArmedGroup") or ids[0] >= len(sent.words):
        return False
    word, nxt = sent.word(ids[0]), sent.word(ids[0] + 1)
    if word.upos not in ("NOUN", "X") or not any(v.startswith(clitics.ARTICLE) for v in proclitic_variants(word.norm)):
        return False
    return nxt.upos == "ADJ" or (nxt.upos in ("NOUN", "X") and nxt.norm.startswith(clitics.ARTICLE)
                                 and nxt.norm.endswith(("ي", "يه")))


def without_edge_punctuation(text: str) -> str:
    """``text`` without the punctuation marks at its ends: "ريان درار؛" → "ريان درار"."""
    start, end = 0, len(text)
    while start < end and unicodedata.category(text[start]).startswith("P"):
        start += 1
    while end > start and unicodedata.category(text[end - 1]).startswith("P"):
        end -= 1
    return text[start:end]


def after_place_noun(sent: Sentence, first: int) -> bool:
    """The name follows a place noun, past one adjective at most: "محافظة بغداد", "العاصمة
    الألمانية برلين" (a proclitic split off the name's token, ب of برلين, is skipped)."""
    prev = first - 1
    if prev >= 1 and sent.word(prev).token == sent.word(first).token:
        prev -= 1  # ب + رلين: the name's own proclitic
    if prev >= 1 and sent.word(prev).upos == "ADJ":
        prev -= 1
    return prev >= 1 and sent.word(prev).norm in PLACE_NOUNS


PLACE_NAME_HEADS = lexicon.words("place_name_heads")


def name_head_before(sent: Sentence, first: int) -> int | None:
    """The word before a place's name when it is a noun of ``place_name_heads`` in the
    construct state (no article), part of the name: سوق زنكو, "على ضفاف بحيرة تشاد" (the lake,
    not the country), "بسوق العطاف" (a preposition split off the head is left out)."""
    wid = first - 1
    if wid < 1 or sent.word(wid).norm not in PLACE_NAME_HEADS:
        return None
    word = sent.word(wid)
    token = sent.tokens[word.token]
    if token.words[-1] != wid or any(sent.word(w).upos not in ("ADP", "CCONJ") for w in token.words[:-1]):
        return None
    return wid


def remember_headed(places: dict[str, str], name: str, iri: str) -> None:
    """A place named with its head noun (سوق زنكو, بحيرة تشاد): its bare name (زنكو, unless a
    place of the gazetteer) and its head with the article (السوق, البحيرة: the last one named)
    stand for it in later mentions."""
    head, _, bare = normalize_ar(name).partition(" ")
    places.setdefault(bare, iri)
    places[clitics.ARTICLE + head] = iri


def inside_person(sent: Sentence, ids: tuple[int, ...], entry: Entry) -> bool:
    """A country's or place's name that ends a longer person's name NER tagged: "الجنرال بدر
    الدين هايتي" is a general, not Haiti. The person's span holds two more words at least,
    before the match."""
    return entry.cls in ("Country", "Place") and any(
        e.type == "PER" and set(ids) < set(e.words) and e.words[-1] == ids[-1] and len(e.words) - len(ids) >= 2
        for e in sent.entities)


PIOUS = {normalize_ar(f) for f in lexicon.words("pious_formulas")}
DASHES = "-–—"
_NO_DASH = str.maketrans({d: " " for d in DASHES})


def without_formula(sent: Sentence, ent: Entity) -> Entity | None:
    """A person's span without the pious formula NER took in (lexicon ``pious_formulas``): "الملك
    عبدالعزيز – طيب الله ثراه" names عبدالعزيز; a span that is only a formula ("العقيد رحمه الله")
    names nobody (None)."""
    words = [sent.word(w) for w in ent.words]
    for k, word in enumerate(words):
        rest = " ".join(normalize_ar(ent.text[word.start - ent.start:]).translate(_NO_DASH).split())
        if rest in PIOUS or (word.text in DASHES and k > 0):
            keep = [w for w in words[:k] if w.text not in DASHES]
            if not keep:
                return None
            return Entity(ent.text[:keep[-1].end - ent.start], ent.type, ent.start, keep[-1].end,
                          tuple(w.id for w in keep))
    return ent


def in_idiom(sent: Sentence, ids: tuple[int, ...]) -> bool:
    """A one-word name that opens a phrase of lexicon ``name_idioms``: مسقط in "مسقط رأسه"."""
    if len(ids) != 1 or ids[0] >= len(sent.words):
        return False
    return f"{sent.word(ids[0]).norm} {sent.word(ids[0] + 1).norm}" in NAME_IDIOMS


def full_lengths(entry: Entry) -> set[int]:
    """The word counts of an entry's names of two words or more."""
    return {n for n in (len(name.split()) for name in entry.names) if n >= 2}


def adjective_name(gazetteer: Gazetteer, sent: Sentence, ids: tuple[int, ...], entry: Entry) -> bool:
    """A country's name that is also its adjective, after a definite noun: "شركة الاتصالات
    السعودية" is Saudi Telecom, a company, not Saudi Arabia. Forces and governments named
    so (القوات السعودية) keep their country through the demonym (:mod:`.generic`,
    :mod:`.forces`)."""
    if len(ids) != 1 or entry.cls != "Country" or ids[0] < 2:
        return False
    word, prev = sent.word(ids[0]), sent.word(ids[0] - 1)
    return any(v.startswith(clitics.ARTICLE) for v in proclitic_variants(word.norm)) \
        and gazetteer.demonym(word.text) is entry and prev.upos == "NOUN" \
        and prev.norm.startswith(clitics.ARTICLE) and prev.norm not in PLACE_NOUNS


def quoted_outlets(sent: Sentence, taken: set[int]) -> list[Entity]:
    """Organisation spans for the quoted names of news outlets: "وذكر موقع «النبأ اليوم» أن …"
    (lexicon ``outlet_nouns``), named by the quoted words and spanning the noun too. The name
    is up to four words between marks right after the noun, none of them in a gazetteer's
    name nor in a NER span that reaches past the marks (NER may tag a part of it: "ام تي" of
    "ام تي في")."""
    out: list[Entity] = []
    for w in sent.words[:-2]:
        opening = sent.word(w.id + 1)
        if opening.text in "”»" or outlet_noun(sent, w.id) is None:
            continue
        closing = next((x for x in range(w.id + 2, min(len(sent.words), w.id + 2 + MAX_QUOTED_NAME) + 1)
                        if sent.word(x).text in QUOTE_MARKS), None)
        words = tuple(range(w.id + 2, closing)) if closing else ()
        if not words or taken.intersection(words) or any(sent.word(x).upos == "PUNCT" for x in words) \
                or any(set(e.words) & set(words) and not set(e.words) <= set(words) for e in sent.entities):
            continue
        # The mention takes the outlet noun, the head the parse gives the name's roles to.
        first, last = sent.word(words[0]), sent.word(words[-1])
        out.append(Entity(sent.text[first.start - sent.start:last.end - sent.start], "ORG",
                          w.start, last.end, (w.id, opening.id, *words)))
    return out


def quoted_persons(sent: Sentence, taken: set[int], title_heads: frozenset[str]) -> list[Entity]:
    """Person spans for a quoted name followed by a definite title head, which NER misses
    inside quote marks: "كما يقول «سالم الحربي» المدير السابق للقناة" (the director speaks,
    not his channel). Two or three words between the marks, names or nouns, the first
    without the article, none taken by another name; the head is a title noun
    (``titles.yaml``) with the article."""
    out: list[Entity] = []
    n = len(sent.words)
    for w in sent.words:
        if w.text not in QUOTE_MARKS or w.text in "”»":
            continue
        closing = next((x for x in range(w.id + 3, min(n, w.id + 4) + 1) if sent.word(x).text in QUOTE_MARKS), None)
        if closing is None or closing >= n:
            continue
        words = tuple(range(w.id + 1, closing))
        head = sent.word(closing + 1)
        if taken.intersection(words) or not head.norm.startswith(clitics.ARTICLE) \
                or clitics.strip_article(head.norm) not in title_heads \
                or sent.word(words[0]).norm.startswith(clitics.ARTICLE) \
                or any(sent.word(x).upos not in ("PROPN", "X", "NOUN") for x in words):
            continue
        first, last = sent.word(words[0]), sent.word(words[-1])
        out.append(Entity(sent.text[first.start - sent.start:last.end - sent.start], "PER", first.start, last.end,
                          words))
    return out


def outlet_noun(sent: Sentence, wid: int, heads: frozenset[str] = OUTLET_NOUNS) -> Word | None:
    """Word ``wid`` if it is one of ``heads`` (outlet nouns) right before a quote mark that
    opens a name (قناة in قناة «…»), else None."""
    if not 1 <= wid < len(sent.words) or sent.word(wid + 1).text not in QUOTE_MARKS:
        return None
    noun = sent.word(wid)
    return noun if clitics.strip_conjunction(noun.norm) in heads or noun.norm in heads else None


def quoted_name_head(sent: Sentence, first: int) -> Word | None:
    """The outlet or group noun (lexicon ``outlet_nouns``, ``group_nouns``) right before the
    quote mark that opens the name at word ``first``: حركة in حركة «بوكو حرام»."""
    return outlet_noun(sent, first - 2, OUTLET_NOUNS | GROUP_NOUNS) if first >= 3 else None
