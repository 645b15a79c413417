"""Speaker strategies: who speaks when the words are attributed (حسب البيان), reported
(نقلت الوكالة عن الوزير قوله) or said by an unnamed source of a body (قالت مصادر في
المقاومة). Registered in :data:`.strategies.STRATEGIES`."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..lang.ar import lexicon, normalize_ar
from ..quantities import noun_variants
from .clauses import SUBORDINATORS, group_after
from .context import SentenceContext

if TYPE_CHECKING:  # pragma: no cover
    from .ruleset import EventRule

REPORTED_FROM = normalize_ar("عن")
SOURCE_NOUNS = lexicon.words("source_nouns")
SOURCE_PREPOSITIONS = frozenset(normalize_ar(p) for p in ("في", "من", "ب", "داخل"))


def s_attributed(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """Who said it, when the words are attributed: "تصريحا منسوبا للكاظمي أشار فيه",
    "نقلا عن الوزير", "حسب البيان": the actor right after an attribution word
    within ten words before or six after the trigger."""
    s, cues = ctx.sentence, ctx.cues.attribution
    for wid in range(max(1, trigger - 10), min(len(s.words), trigger + 6) + 1):
        if noun_variants(s.word(wid).norm) & cues or s.word(wid).norm in cues:
            for nxt in range(wid + 1, min(len(s.words), wid + 8) + 1):  # room for a title
                if nxt in ctx.by_word:
                    return [ctx.by_word[nxt]]
                if ctx.is_break(s.word(nxt)) or s.word(nxt).upos == "VERB":
                    break
    return []


def s_reported(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """Who is reported, in "نقلت الوكالة عن وزير الخارجية سامح شكري قوله إن …": the actor
    after the عن that stands at most eight words before the trigger (room for a title), not
    the outlet that reports it."""
    s = ctx.sentence
    for wid in range(trigger - 1, max(0, trigger - 9), -1):
        w = s.word(wid)
        if ctx.is_break(w) or w.upos == "VERB":
            return []
        if w.norm == REPORTED_FROM:
            return group_after(ctx, wid, window=trigger - wid, free_only=False)[:1]
    return []


def s_source(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """The body an unnamed source speaks from (lexicon ``source_nouns``): "قالت مصادر في
    المقاومة إن …", "وأكد مسؤول في وزارة الدفاع أن …" → the resistance, the ministry. The
    source noun follows the verb (past an adverb at most); the body follows في/من/ب within
    four words of it (room for محلية، مسؤول، و). A body addressed with ل is no source."""
    s, n = ctx.sentence, len(ctx.sentence.words)
    noun = next((w for w in range(trigger + 1, min(n, trigger + 2) + 1)
                 if s.word(w).norm in SOURCE_NOUNS or s.word(w).lemma_norm in SOURCE_NOUNS), None)
    if noun is None:
        return []
    for wid in range(noun + 1, min(n, noun + 4) + 1):
        w = s.word(wid)
        if ctx.is_break(w) or w.upos == "VERB" or w.norm in SUBORDINATORS or wid in ctx.by_word:
            return []
        if w.upos == "ADP" and w.norm in SOURCE_PREPOSITIONS:
            idx = ctx.by_word.get(wid + 1)
            return [idx] if idx is not None and ctx.mentions[idx].words[0] == wid + 1 else []
    return []
