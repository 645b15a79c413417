"""Relations between actors: SUBJECT [up to 3 words] CUE OBJECT (التحالف الذي
تقوده الولايات المتحدة → ledBy), with no other actor between them. Cues are data (``pipelines/rules/relations.yaml``),
compared on normalised text so that tokenisation (تقوده → تقود + ه) does not matter.
A rule with ``title_heads`` reads a leader's title instead: the body named right after the
head is led by the title's holder (زعيم تنظيم داعش أبو بكر البغدادي → ledBy).
"""
from __future__ import annotations

import re

from ..facts import Relation
from ..lang.ar import clitics, normalize_ar
from .steps import ArticleState, SentenceState, SentenceStep

_NOT_WORD = re.compile(r"[^\w\s]")


class Relations(SentenceStep):
    name = "relations"
    requires = frozenset({"context"})
    provides = frozenset({"relations"})

    def __call__(self, state: ArticleState, sent: SentenceState) -> None:
        ctx, text = sent.ctx, state.text
        for rule in self.rules.relations:
            if rule.title_heads:
                self._led_by_title(state, sent, rule)
                continue
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

    @staticmethod
    def _led_by_title(state: ArticleState, sent: SentenceState, rule) -> None:  # noqa: ANN001 - a RelationRule
        ctx, s = sent.ctx, sent.ctx.sentence
        for wid, holder in sorted(ctx.title_holder.items()):
            forms = {clitics.strip_article(v) for v in clitics.proclitic_variants(s.word(wid).norm)}
            # The first name of the title after its head: "زعيم تنظيم (داعش) …" names داعش.
            after = next((w for w in range(wid + 1, wid + 4) if ctx.title_holder.get(w) == holder
                          and w in ctx.by_word), None)
            body = ctx.by_word.get(after) if after is not None else None
            if not forms & rule.title_heads or body is None or ctx.mentions[body].words[0] != after \
                    or ctx.cls(body) not in rule.subject_classes or ctx.cls(holder) not in rule.object_classes:
                continue
            relation = Relation(ctx.mentions[body].actor, rule.predicate, ctx.mentions[holder].actor, sent.source)
            if all((r.subject, r.predicate, r.object) != (relation.subject, relation.predicate, relation.object)
                   for r in state.facts.relations):
                state.facts.relations.append(relation)
