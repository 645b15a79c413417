"""Coordination: actors joined by و (and by "ومعه"), nationality adjectives joined on one
head, and verbs joined by و that share their subject. Every role strategy that takes
actors reads conjuncts through :func:`conjuncts`, so one rule serves every event type.

The parse marks conjuncts with ``conj``; the small models often hang them wrongly (as the
verb's object, or on the wrong word), so word order is the fallback where the parse gives
the mention no conjunct at all: the names joined by و right after it, each starting right
after the last (no comma, no other word between). "X ومعه Y" (lexicon ``companion_words``)
joins Y to X whatever the parse says. Only mentions join: a noun that names no actor
("الجيش والأسلحة") ends the list.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..lang.ar import clitics, lexicon
from .context import QUOTE_MARKS, SentenceContext

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Sentence
    from .ruleset import EventRule

COMPANIONS = lexicon.words("companion_words")
AND = clitics.CONJUNCTIONS[0]
STOPS = lexicon.words("subordinators") | lexicon.words("relatives") | lexicon.words("clause_links")
SHARED_REACH = 25  # words back from a verb to the verb whose subject it shares


def conjuncts(ctx: SentenceContext, index: int) -> list[int]:
    """The mentions conjoined to mention ``index``: a conj on any of its words, as parsers
    hang "وقوات صالح" on the last word of "المتمردون الحوثيون وقوات صالح", and the conjuncts
    of those (a list hangs each name on the one before); else, by word
    order, the names joined by و right after it (:func:`joined_after`); and the companion
    after "ومعه" (:func:`companion`), with the names joined to it."""
    out: list[int] = []
    todo = [index]
    while todo:  # a conj of a conjunct too: "في الأردن ومصر والعراق" hangs العراق on مصر
        words = set(ctx.mentions[todo.pop(0)].words)
        for w in ctx.sentence.words:
            if w.deprel.startswith("conj") and w.head in words and w.id in ctx.by_word \
                    and ctx.by_word[w.id] != index and ctx.by_word[w.id] not in out:
                out.append(ctx.by_word[w.id])
                todo.append(ctx.by_word[w.id])
    if not out:
        out = joined_after(ctx, index)
    last = out[-1] if out else index
    for i in (last, index):
        other = companion(ctx, i)
        if other is not None and other != index and other not in out:
            out.append(other)
            out.extend(j for j in joined_after(ctx, other) if j not in out and j != index)
            break
    # The companion itself, where the parse makes it the subject: "يواصل النظام ومعه حزب الله
    # القصف" (nsubj حزب الله) names the regime too.
    before = companion_of(ctx, index)
    if before is not None and before not in out:
        out.append(before)
    return out


def companion_of(ctx: SentenceContext, index: int) -> int | None:
    """The mention X of "X ومعه Y" when mention ``index`` is Y (see :func:`companion`)."""
    s = ctx.sentence
    first = ctx.mentions[index].words[0]
    while first > 1 and s.word(first - 1).text in QUOTE_MARKS:
        first -= 1
    if first < 2:
        return None
    token = s.tokens[s.word(first - 1).token]
    if token.norm not in COMPANIONS or token.words[-1] != first - 1 or token.words[0] < 2:
        return None
    idx = ctx.by_word.get(token.words[0] - 1)
    return idx if idx is not None and idx != index and companion(ctx, idx) == index else None


def _and_before(s: Sentence, wid: int) -> bool:
    """Word ``wid`` has a و of its own right before it: a conjunction word (و of وحزب split
    off), or an unsplit و that its lemma lacks (وحركة, lemma حركة)."""
    w = s.word(wid)
    if wid > 1 and s.word(wid - 1).upos == "CCONJ" and s.word(wid - 1).norm == AND:
        return True
    return w.norm.startswith(AND) and not w.lemma_norm.startswith(AND) and len(s.tokens[w.token].words) == 1


def joined_after(ctx: SentenceContext, index: int) -> list[int]:
    """By word order, the mentions joined to mention ``index`` by و, each right after the
    last: "شنت قوات النظام وحزب الله هجوما" (Hezbollah too). A word that is no mention ends
    the list, so does a comma."""
    s, out, cur = ctx.sentence, [], index
    while True:
        end = ctx.mentions[cur].words[-1]
        nxt = end + 2 if end + 1 <= len(s.words) and s.word(end + 1).upos == "CCONJ" else end + 1
        idx = ctx.by_word.get(nxt)
        if idx is None or idx == cur or idx in out or idx == index or ctx.mentions[idx].words[0] != nxt \
                or not _and_before(s, nxt):
            return out
        out.append(idx)
        cur = idx


def companion(ctx: SentenceContext, index: int) -> int | None:
    """"X ومعه Y" (lexicon ``companion_words``): the mention Y right after the word ومعه /
    ومعها / ومعهم that follows mention X: "يحاصر النظام ومعه حزب الله البلدة"."""
    s = ctx.sentence
    end = ctx.mentions[index].words[-1]
    if end + 1 > len(s.words):
        return None
    token = s.tokens[s.word(end + 1).token]
    if token.norm not in COMPANIONS or token.words[0] != end + 1:
        return None
    nxt = token.words[-1] + 1
    while nxt <= len(s.words) and s.word(nxt).text in QUOTE_MARKS:  # ومعه «حزب الله»
        nxt += 1
    idx = ctx.by_word.get(nxt)
    return idx if idx is not None and ctx.mentions[idx].words[0] == nxt else None


def coordinated_adjectives(ctx: SentenceContext, wid: int) -> list[int]:
    """Adjectives joined by و to the adjective at ``wid`` on one head: in "الطائرات الروسية
    والسورية" both nationalities fly. By the parse (a conj of the adjective), and by word
    order (و then an adjective, in a run), never a word of a mention."""
    s = ctx.sentence
    out = [c.id for c in s.children(wid) if c.deprel.startswith("conj") and c.upos in ("ADJ", "X")
           and c.id not in ctx.by_word]
    cur = wid
    while True:
        nxt = cur + 2 if cur + 1 <= len(s.words) and s.word(cur + 1).upos == "CCONJ" else cur + 1
        if nxt > len(s.words) or nxt in ctx.by_word or s.word(nxt).upos not in ("ADJ", "X") \
                or not _and_before(s, nxt):
            break
        if nxt not in out:
            out.append(nxt)
        cur = nxt
    return sorted(out)


def s_shared(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """Coordinated verbs share their subject: a verb joined by و to an earlier verb, with no
    subject of its own, takes that verb's: "حاصرت القوات البلدة وقصفتها", "يحاصر الجيش
    المدينة ويقصفها" (the forces, the army bomb). The earlier verb is the trigger's head when
    the parse makes the trigger its conj, else the nearest verb before it; nothing joins
    across a break, a subordinator, a relative pronoun or a clause link (lexicons
    ``subordinators``, ``relatives``, ``clause_links``)."""
    from .clauses import fronted_subject, s_subject  # noqa: PLC0415 - clauses imports this module

    s = ctx.sentence
    t = s.word(trigger)
    if t.upos not in ("VERB", "X") or not _and_before(s, trigger) or s_subject(ctx, trigger, None):
        return []
    verb = first_conjunct_verb(ctx, trigger)
    if verb is None:
        return []
    found = s_subject(ctx, verb, None)
    if not found:
        idx = ctx.by_word.get(verb + 1)  # VSO: the name right after the verb
        found = [idx, *conjuncts(ctx, idx)] if idx is not None and ctx.mentions[idx].words[0] == verb + 1 \
            and ctx.preposition(idx, after=verb) is None else fronted_subject(ctx, verb)
    return [i for i in found if ctx.mentions[i].words[0] < trigger]


def first_conjunct_verb(ctx: SentenceContext, trigger: int) -> int | None:
    """The verb that the verb at ``trigger`` is coordinated with (see :func:`s_shared`): its
    head by a conj, else the nearest earlier verb (tagged VERB, or the word that opens the
    sentence as its root, which the tagger may call a noun: "وقصف الجيش …")."""
    s = ctx.sentence
    t = s.word(trigger)
    if t.deprel.startswith("conj") and t.head and t.head < trigger and _main_verb(ctx, t.head) \
            and not _stop_between(ctx, t.head, trigger):
        return t.head
    for wid in range(trigger - 1, max(0, trigger - SHARED_REACH), -1):
        w = s.word(wid)
        if ctx.is_break(w) or w.norm in STOPS or clitics.strip_conjunction(w.norm) in STOPS or w.upos == "SCONJ":
            return None
        if _main_verb(ctx, wid):
            return wid
    return None


def _main_verb(ctx: SentenceContext, wid: int) -> bool:
    """A verb of a clause of its own: tagged VERB, not in a clause on a noun ("مواقع يسيطر
    عليها التنظيم"); or the root that opens the sentence, which the tagger may call a noun."""
    from .clauses import relative_of_indefinite  # noqa: PLC0415 - clauses imports this module

    s = ctx.sentence
    w = s.word(wid)
    if wid in ctx.by_word:
        return False
    if w.upos == "VERB":
        return not w.deprel.startswith(("acl", "amod")) and not relative_of_indefinite(ctx, wid)
    return w.deprel == "root" and s.tokens[w.token].words[0] == 1


def _stop_between(ctx: SentenceContext, first: int, last: int) -> bool:
    s = ctx.sentence
    return any(ctx.is_break(s.word(w)) or s.word(w).norm in STOPS or s.word(w).upos == "SCONJ"
               for w in range(first + 1, last))
