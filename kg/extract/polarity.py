"""Polarity and modality of an event: negated (لم يتم الاتفاق) or denied (نفت الحكومة
الأنباء عن انسحاب …), future (سينسحب, سوف), planned (تعتزم, خطة, and a fight named as a
purpose: لقتال المتمردين), possible (in a condition: إذا، لو). The cue words are data
(``pipelines/rules/cues.yaml``); the future prefix is morphology
(:func:`kg.lang.ar.clitics.has_future_prefix`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..facts import Event
from ..lang.ar import clitics
from .claims import disclaimed
from .context import SentenceContext

if TYPE_CHECKING:  # pragma: no cover
    from .ruleset import Cues


def _starts(words: list[str], prefix: list[str]) -> bool:
    """``prefix`` occurs anywhere in ``words`` (the name is historical)."""
    for i in range(len(words) - len(prefix) + 1):
        if words[i:i + len(prefix)] == prefix:
            return True
    return False


def _purpose(ctx: SentenceContext, trigger: int, cues: Cues) -> bool:
    """The trigger is a fight named as a purpose: a ل glued to one of ``purpose_nouns``
    (لقتال، لمحاربة) or a purpose word right before it (بهدف، من أجل)."""
    s = ctx.sentence
    t = s.word(trigger)
    if trigger > 1 and s.word(trigger - 1).norm in cues.purpose:
        return True
    glued = [s.word(w) for w in s.tokens[t.token].words if w < trigger]
    lam = any(w.upos == "ADP" and w.norm == clitics.LAM_ARTICLE[0] for w in glued) \
        or (not glued and t.norm[:1] == clitics.LAM_ARTICLE[0] and t.norm[1:] in cues.purpose_nouns)
    # The verbal noun itself, not a plural of events: "تطورت لمواجهات عسكرية" were fought.
    return lam and (t.norm in cues.purpose_nouns or t.norm[1:] in cues.purpose_nouns)


CONDITION_REACH = 6  # words before the trigger a condition word may stand


def _conditional(ctx: SentenceContext, trigger: int, cues: Cues) -> bool:
    """The trigger stands in a condition: a condition word (``conditional``: إذا، لو) at most
    six words before it, with no punctuation between (the clause after the comma is the
    result): "إذا استطاع المجلس ضمان تصويت الثلثين"."""
    s = ctx.sentence
    for wid in range(trigger - 1, max(0, trigger - CONDITION_REACH - 1), -1):
        w = s.word(wid)
        if w.upos == "PUNCT":
            return False
        if w.norm in cues.conditional or s.tokens[w.token].norm in cues.conditional:
            return True
    return False


DENIAL_REACH = 8  # words before the trigger a denial may stand


def _denied(ctx: SentenceContext, trigger: int, cues: Cues) -> bool:
    """A denial word (``denial``: نفى، كذب) stands at most eight words before the trigger, in
    its clause (no full stop or colon between): "نفت الحكومة الأنباء عن انسحاب قواتها"."""
    s = ctx.sentence
    for wid in range(trigger - 1, max(0, trigger - DENIAL_REACH - 1), -1):
        w = s.word(wid)
        if ctx.is_break(w):
            return False
        if w.norm in cues.denial or clitics.strip_conjunction(w.norm) in cues.denial \
                or s.tokens[w.token].norm in cues.denial:
            return True
    return False


def polarity_modality(ctx: SentenceContext, trigger: int, event: Event, cues: Cues) -> None:
    """Set ``event.polarity`` and ``event.modality`` from the words before the trigger
    (or before its governing verb, for a noun trigger) and its own form."""
    s = ctx.sentence
    t = s.word(trigger)
    candidates = [trigger]
    if t.upos != "VERB" and t.head and s.word(t.head).upos == "VERB":
        candidates.append(t.head)
    for cand in candidates:
        window = [s.word(w).norm for w in range(max(1, cand - 3), cand)]
        following = [s.word(w).norm for w in range(cand, min(len(s.words), cand + 2) + 1)]
        children = {c.norm for c in s.children(cand) if c.deprel in ("advmod", "neg", "aux", "mark")}
        negs = {n for n in (set(window) | children) & cues.negation
                if n not in cues.negation_next_word or (window and window[-1] == n)}
        if negs and not any(_starts(window + following, exc) for exc in cues.negation_exceptions):
            event.polarity = "Negative"
        word = s.word(cand)
        form, lemma = word.norm, word.lemma_norm
        if set(window) & cues.future_particles or (word.upos == "VERB" and clitics.has_future_prefix(form, lemma)):
            event.modality = event.modality or "future"
        if (set(window) | {lemma}) & cues.planned or (cand == trigger and _purpose(ctx, trigger, cues)):
            event.modality = "planned"
        if event.polarity:
            break
    # A condition (إذا، لو) nearer than a future particle ("ستتسع إذا هاجم") makes it possible.
    if event.polarity is None and event.type != "Statement" and _denied(ctx, trigger, cues):
        event.polarity = "Negative"
    # A responsibility denied or not claimed is not the attack's: "نفت الحركة مسؤوليتها عن
    # الهجوم", "لم تعلن أي جهة مسؤوليتها عن الهجوم" (the attack happened).
    if event.polarity == "Negative" and disclaimed(ctx, trigger):
        event.polarity = None
    if event.modality in (None, "future") and _conditional(ctx, trigger, cues):
        event.modality = "possible"
