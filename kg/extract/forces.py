"""Forces: troop counts and the military forces events move.

:class:`TroopCounts` finds the sentence's counts (:mod:`kg.quantities`);
:func:`event_force` gives an event the force its trigger moves; after the
events, :class:`Forces` turns every count into a force with its owner and
place. Counts listed together share their owner.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..facts import Event, Force, SourceRef
from ..gazetteer import Gazetteer
from ..lang.ar import clitics, lexicon
from ..quantities import TroopCount, find_troop_counts, noun_variants
from .context import COMMAS, PARTITIVE_OF, SentenceContext
from .steps import ArticleState, SentenceState, SentenceStep

if TYPE_CHECKING:  # pragma: no cover
    from .ruleset import RuleSet

CLAUSE_LINKS = lexicon.words("clause_links")
CLAUSE_BREAKS = lexicon.words("clause_breaks")
PHRASE_PREPOSITIONS = lexicon.words("force_phrase_prepositions")
LAM = clitics.LAM_ARTICLE[0]  # the possessive ل


class TroopCounts(SentenceStep):
    name = "troop_counts"
    provides = frozenset({"counts"})

    def __call__(self, state: ArticleState, sent: SentenceState) -> None:
        sent.counts = find_troop_counts(sent.sentence, state.text, self.rules.quantities)


def force_owner(state: ArticleState, rules: RuleSet, ctx: SentenceContext, noun: int, event: Event | None = None,
                count: TroopCount | None = None) -> str | None:
    """Whose force the force noun at ``noun`` is: a demonym after the count or near the
    noun, a possessor actor, an owned force noun earlier in the clause, else the country
    of the event's agent, party or speaker."""
    s = ctx.sentence
    # "بينهم 2500 أمريكي": a demonym right after the number names the owner.
    if count is not None and count.number_words:
        after = count.number_words[-1] + 1
        if after <= len(s.words) and after != noun:
            entry = rules.gazetteer.demonym(s.word(after).text)
            if entry is not None:
                state.ensure_actor(entry)
                return entry.iri
    # A demonym next to the force noun or among its modifiers: جندي أمريكي، القوات الأميركية.
    near = [noun] + [c.id for c in s.children(noun) if c.deprel.startswith(("amod", "nmod"))]
    near += [w for w in range(noun + 1, min(len(s.words), noun + 2) + 1)]
    for wid in sorted(set(near)):
        entry = rules.gazetteer.demonym(s.word(wid).text)
        if entry is not None:
            state.ensure_actor(entry)
            return entry.iri
    # A genitive/possessor actor: قوات التحالف، جندي للتحالف; a body or group after partitive
    # من (70 مقاتلا من داعش, 500 جندي من الجيش العراقي), but not a country, which may be
    # where they come from (سحب 2000 جندي من أفغانستان).
    for wid in range(noun + 1, min(len(s.words), noun + 3) + 1):
        if wid in ctx.by_word and ctx.cls(ctx.by_word[wid]) != "Place":
            m = ctx.mentions[ctx.by_word[wid]]
            prep = ctx.preposition(ctx.by_word[wid], after=noun)
            if prep in (None, LAM) or (prep == PARTITIVE_OF and ctx.cls(ctx.by_word[wid]) in ("Organization", "ArmedGroup")):
                return m.actor
    # "عدد القوات الأمريكية في العراق يبلغ 2500 فرد": an owned force noun earlier in the clause.
    anchor = count.number_words[0] if count is not None and count.number_words else noun
    for wid in range(min(anchor, noun) - 1, max(0, min(anchor, noun) - 10), -1):
        w = s.word(wid)
        if ctx.is_break(w) or w.text in COMMAS:
            break
        nouns = rules.force_nouns
        if w.lemma_norm in nouns or noun_variants(w.norm) & nouns:
            owner = force_owner(state, rules, ctx, wid)
            if owner:
                return owner
    if event is not None:
        for role in ("agent", "party", "speaker"):
            if event.roles.get(role):
                return country_of(state, rules.gazetteer, event.roles[role][0])
    return None

def country_of(state: ArticleState, gazetteer: Gazetteer, iri: str) -> str | None:
    """A ministry's or army's forces are its country's forces; a person's are
    those of the country they serve (when the gazetteer knows), else unknown."""
    try:
        entry = gazetteer.entry(iri)
    except KeyError:
        return None if state.actors[iri].cls == "Person" else iri
    parent_iri = entry.part_of if entry.cls != "Country" else None
    if entry.cls == "Person":
        parent_iri = next((role.of for role in entry.titles if role.of), None)
    if parent_iri and parent_iri != iri:
        parent = gazetteer.entry(parent_iri)
        state.ensure_actor(parent)
        return parent.iri if parent.cls == "Country" or not parent.part_of else country_of(state, gazetteer, parent.iri)
    return None if entry.cls == "Person" else iri

def force_location(ctx: SentenceContext, count: TroopCount) -> str | None:
    """The nearest place after a locative preposition (في العراق، بالعراق), on
    either side of the count, not across a clause boundary."""
    s = ctx.sentence
    anchor = count.number_words[0] if count.number_words else count.noun
    best: tuple[int, str] | None = None
    for idx, m in enumerate(ctx.mentions):
        if ctx.cls(idx) not in ("Country", "Place") or ctx.preposition(idx, phrase=True) not in ctx.cues.locative:
            continue
        lo, hi = sorted((anchor, m.words[0]))
        if any(s.word(w).text in CLAUSE_BREAKS or s.word(w).norm in CLAUSE_LINKS
               for w in range(lo + 1, hi)):
            continue
        distance = abs(m.words[0] - anchor)
        if distance <= 12 and (best is None or distance < best[0]):
            best = (distance, m.actor)
    return best[1] if best else None

def event_force(state: ArticleState, rules: RuleSet, ctx: SentenceContext, source: SourceRef, trigger: int,
                counts: list[TroopCount], event: Event) -> Force | None:
    """The force the trigger moves: a count or force noun in its phrase, before any
    other preposition than partitive من or ب (دفعت بقوات) or a verb ("ترسل المعلومات إلى
    عناصرها" sends no force)."""
    nouns = rules.force_nouns
    s = ctx.sentence
    phrase = []
    for wid in range(trigger + 1, min(len(s.words), trigger + 8) + 1):
        w = s.word(wid)
        if ctx.is_break(w) or w.upos == "VERB" or (w.upos == "ADP" and w.norm not in PHRASE_PREPOSITIONS):
            break
        phrase.append(wid)
    after = [c for c in counts if c.change != "from"
             and (c.number_words[0] if c.number_words else c.noun) in phrase]
    if after:
        c = min(after, key=lambda c: c.noun)
        return state.new_force(source, force_owner(state, rules, ctx, c.noun, event, c), c.value, None, c.text)
    for wid in phrase[:6]:
        w = s.word(wid)
        if w.lemma_norm in nouns or noun_variants(w.norm) & nouns:
            owner = force_owner(state, rules, ctx, wid, event)
            force = state.new_force(source, owner, None, None, w.text)
            if wid < len(s.words) and s.word(wid + 1).norm in rules.cues.foreign:
                state.foreign.add(force.id)
            return force
    return None


def same_force(state: ArticleState, force: Force) -> Force:
    """The article's earlier force of the same owner and troop count, in no other place (its
    place is added when it had none), with this force's sentence added; else this force, which
    later counts will find."""
    if force.of is None or force.count is None:
        return force
    key = (force.of, force.count)
    earlier = state.counted.get(key)
    if earlier is None or earlier is force:
        state.counted[key] = force
        return force
    if earlier.location and force.location and earlier.location != force.location:
        return force  # 500 troops in Iraq and 500 in Syria
    earlier.location = earlier.location or force.location
    if force.source.sentence != earlier.source.sentence and all(
            force.source.sentence != s.sentence for s in earlier.also):
        earlier.also.append(force.source)
    return earlier


class Forces(SentenceStep):
    """Every troop count of the sentence is a force, with its owner and place."""

    name = "forces"
    requires = frozenset({"context", "counts", "events"})
    provides = frozenset({"forces"})

    def __call__(self, state: ArticleState, sent: SentenceState) -> None:
        ctx, source, events = sent.ctx, sent.source, sent.events
        new: list[Force] = []
        located: dict[int, str] = {}  # force noun -> location
        for c in sent.counts:
            owner = force_owner(state, self.rules, ctx, c.noun, count=c)
            # Counts sharing a noun (ranges, "بينهم 2500") share a place.
            location = force_location(ctx, c) or located.get(c.noun)
            if location:
                located.setdefault(c.noun, location)
            new.append(state.new_force(source, owner, c.value, location, c.text))
        # Counts listed together share their owner (سحب 2000 جندي من أفغانستان و500 من العراق).
        owners = {f.of for f in new if f.of} | {e.force.of for e in events if e.force and e.force.of}
        if len(owners) == 1:
            owner = owners.pop()
            for f in new:
                f.of = f.of or owner
            for e in events:
                if e.force and not e.force.of:
                    e.force.of = owner
        # One force per owner and count in the article: "سحب 500 جندي" and "الـ500 جندي" of later
        # sentences are the same troops, one node that cites each sentence.
        for e in events:
            if e.force is not None:
                e.force = same_force(state, e.force)
        for f in new:
            force = same_force(state, f)
            if not any(force is known for known in state.facts.forces):
                state.facts.forces.append(force)
