"""Relations between actors: SUBJECT [up to 3 words] CUE OBJECT (التحالف الذي
تقوده الولايات المتحدة → ledBy), with no other actor between them. Cues are data (``pipelines/rules/relations.yaml``),
compared on normalised text so that tokenisation (تقوده → تقود + ه) does not matter.
"""
from __future__ import annotations

import re

from ..facts import Relation
from ..lang.ar import normalize_ar
from .steps import ArticleState, SentenceState, SentenceStep

_NOT_WORD = re.compile(r"[^\w\s]")


class Relations(SentenceStep):
    name = "relations"
    requires = frozenset({"context"})
    provides = frozenset({"relations"})

    def __call__(self, state: ArticleState, sent: SentenceState) -> None:
        ctx, text = sent.ctx, state.text
        for rule in self.rules.relations:
            for si, subj in enumerate(ctx.mentions):
                if ctx.cls(si) not in rule.subject_classes:
                    continue
                # Only the next mention: another one between them is the nearer subject
                # ("الجيش العراقي أو التحالف الدولي الذي تقوده الولايات المتحدة").
                for oi in range(si + 1, min(si + 2, len(ctx.mentions))):
                    obj = ctx.mentions[oi]
                    if obj.start - subj.end > 80 or obj.actor == subj.actor:
                        continue
                    if ctx.cls(oi) not in rule.object_classes:
                        continue
                    between = _NOT_WORD.sub(" ", normalize_ar(text[subj.end:obj.start])).split()
                    if len(between) > 6:
                        continue
                    if any(between[len(between) - len(cue):] == cue and len(between) - len(cue) <= 3
                           for cue in rule.cues):
                        state.facts.relations.append(Relation(subj.actor, rule.predicate, obj.actor, sent.source))
                        break
