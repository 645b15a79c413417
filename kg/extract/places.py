"""Where an event is: the larger places its location lies in, and the place a sentence
opens with.

Arabic news names a place and then the places it lies in: "في بلدة الحارة بريف درعا",
"جنوب بلدة القريتين", "في قرية X التابعة لمحافظة Y", "غربي مأرب". The event is in every place of
the chain (:func:`containers`). A sentence that opens with a place ("وفي محافظة اللاذقية،
نفذ الطيران غارات على قرى …") sets the scene for all it reports (:func:`setting`).
"""
from __future__ import annotations

from ..lang.ar import clitics, lexicon
from .context import COMMAS, PLACE_NOUNS, SentenceContext

PLACE_LINKS = lexicon.words("place_links")
# Words a chain may pass between two places ("بريف", "التابعة لمحافظة", "شمال شرق").
LINK_WORDS = PLACE_LINKS | PLACE_NOUNS
MAX_LINK = 3  # words between two places of a chain
MAX_CONJUNCT = 3  # words of an unknown place joined by و that a chain passes
SETTING_PREPOSITION = "في"
LOCATED = ("Place", "Country")


def containers(ctx: SentenceContext, index: int) -> list[int]:
    """The places the place mention ``index`` lies in, nearest first: the mentions that
    follow it joined only by words of ``place_links`` and ``place_nouns``."""
    s, out, cur = ctx.sentence, [], index
    while True:
        wid, gap = _past_unnamed_conjunct(ctx, ctx.mentions[cur].words[-1] + 1), 0
        while wid <= len(s.words) and wid not in ctx.by_word and gap < MAX_LINK \
                and s.word(wid).norm in LINK_WORDS:
            wid, gap = wid + 1, gap + 1
        nxt = ctx.by_word.get(wid)
        # Two names side by side (gap 0) are a list or one name, not one place in another.
        if gap == 0 or nxt is None or nxt in out or ctx.cls(nxt) not in LOCATED \
                or ctx.mentions[nxt].words[0] != wid:
            return out
        out.append(nxt)
        cur = nxt


def _past_unnamed_conjunct(ctx: SentenceContext, wid: int) -> int:
    """Past a second place the gazetteer does not know, joined by و, when the place nouns of a
    chain follow it: in "في جبهة عندان وتلة السلام شمالي حلب" both fronts lie north of Aleppo.
    Returns the word to go on from: ``wid`` itself when there is no such conjunct."""
    s = ctx.sentence
    if wid > len(s.words) or s.word(wid).upos != "CCONJ":
        return wid
    nxt = wid + 1
    while nxt <= len(s.words) and nxt - wid <= MAX_CONJUNCT and nxt not in ctx.by_word \
            and s.word(nxt).upos in ("NOUN", "PROPN", "X", "ADJ") and s.word(nxt).norm not in LINK_WORDS:
        nxt += 1
    if nxt - wid > 1 and nxt <= len(s.words) and s.word(nxt).norm in PLACE_NOUNS and nxt not in ctx.by_word:
        return nxt
    return wid


def setting(ctx: SentenceContext) -> list[int]:
    """The place the sentence opens with, and the places it lies in: "وفي حلب، قصفت …",
    "أما في ريف القنيطرة، فقد …". The place must be followed (after its chain) by a comma or
    the sentence's verb."""
    s = ctx.sentence
    def is_fi(w: int) -> bool:  # في, or وفي left whole by the tokeniser (not ف + ي)
        norm = s.word(w).norm
        return norm == SETTING_PREPOSITION or (clitics.has_conjunction(norm) and norm[1:] == SETTING_PREPOSITION)

    wid = 1
    # "و" and "أما" may come first.
    while wid < min(3, len(s.words)) and s.word(wid).upos in ("CCONJ", "PART") and not is_fi(wid):
        wid += 1
    if wid > len(s.words) or not is_fi(wid):
        return []
    wid += 1
    while wid <= len(s.words) and wid not in ctx.by_word and s.word(wid).norm in PLACE_NOUNS:
        wid += 1
    first = ctx.by_word.get(wid)
    if first is None or ctx.cls(first) not in LOCATED or ctx.mentions[first].words[0] != wid:
        return []
    chain = [first, *containers(ctx, first)]
    after = ctx.mentions[chain[-1]].words[-1] + 1
    if after > len(s.words):
        return []
    nxt = s.word(after)
    if nxt.text in COMMAS or nxt.upos == "VERB" or (nxt.upos == "CCONJ" and after < len(s.words)
                                                    and s.word(after + 1).upos == "VERB"):
        return chain
    return []
