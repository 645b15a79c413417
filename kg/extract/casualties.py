"""The casualties of an attack are its target: who was killed or wounded in it.

Conflict reporting names an attack's victims more often than what it was aimed at. The
strategy ``casualties`` (:func:`s_casualties`, for an attack noun) reads two constructions:

- a casualty verb (lexicon ``casualty_verbs``: قتل، أصيب، جرح، لقي مصرعه، استشهد) with the
  attack noun in a prepositional phrase of its own (lexicon ``casualty_links``: في، جراء،
  إثر، ب، خلال): "أصيب خمسة من رجال الأمن في هجوم مسلح" (the security forces), "قتل أربعة
  مدنيين بانفجار سيارة مفخخة" (civilians);
- the attack noun resulting in a casualty noun (lexicons ``result_verbs``, ``casualty_nouns``:
  أسفر عن، أدى إلى، خلف + مقتل، إصابة): "هجوم أسفر عن إصابة أربعة من عناصر الشرطة".

The parse is read first: the verb is the attack noun's head, the victims its subject or
object (both: the parse read the verb as active, "قتل الجيش ثلاثة مسلحين في الاشتباكات", and
the object is hit); the result verb is an acl/advcl of the noun or has it as subject, the
casualty noun its object. Word order is the fallback: the nearest verb before the noun's
preposition, with only the victims' phrase between (a count and what follows it, when an
actor stands right after the verb and before the count); a result verb within a few words after the noun.

"N من عناصر/جنود X" names X (the partitive من is free, :meth:`.SentenceContext.partitive`);
a count alone ("قتل 14 شخصا") names nobody; an unnamed group is an actor when
pipelines/rules/generic_actors.yaml has its head (مدنيين، عناصر الشرطة). The attacker killed
in his own attack (lexicon ``attacker_nouns``: المهاجم، الانتحاري) is no target, nor a place.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..lang.ar import lexicon, strip_article
from .clauses import RELATIVES, SUBORDINATORS, conjuncts, group_after, verb_in, word_in
from .context import PARTITIVES, SentenceContext

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Word
    from .ruleset import EventRule

CASUALTY_VERBS = lexicon.words("casualty_verbs")
CASUALTY_LINKS = lexicon.words("casualty_links")
CASUALTY_NOUNS = lexicon.words("casualty_nouns")
RESULT_VERBS = lexicon.words("result_verbs")
ATTACKER_NOUNS = lexicon.words("attacker_nouns")
VERB_REACH = 10  # words back from the attack noun's preposition to the casualty verb
RESULT_REACH = 6  # words after the attack noun to its result verb
NOUN_REACH = 3  # words after the result verb to the casualty noun
VICTIM_REACH = 8  # words of the victims' phrase after a casualty noun


def s_casualties(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """The killed and wounded of an attack noun: "أصيب خمسة من رجال الأمن في هجوم مسلح",
    "هجوم أسفر عن إصابة أربعة من عناصر الشرطة" (module docstring). Not the attacker (lexicon
    ``attacker_nouns``), not a place."""
    if ctx.sentence.word(trigger).upos == "VERB":
        return []
    found = _verb_victims(ctx, trigger) or _result_victims(ctx, trigger)
    out = [i for i in found if not _attacker(ctx, i) and ctx.cls(i) != "Place"]
    for idx in list(out):
        out.extend(i for i in conjuncts(ctx, idx) if i not in out and not _attacker(ctx, i))
    return out


def _link(ctx: SentenceContext, trigger: int) -> int | None:
    """The word id of the casualty preposition (lexicon ``casualty_links``) that governs the
    trigger: its case child, the word before it (جراء and إثر are often tagged as nouns), or
    a preposition glued to it ("بانفجار", then the trigger's own id)."""
    s = ctx.sentence
    t = s.word(trigger)
    for child in s.children(trigger):
        if child.deprel == "case" and child.id < trigger and child.norm in CASUALTY_LINKS:
            return child.id
    if trigger > 1 and s.word(trigger - 1).norm in CASUALTY_LINKS:
        return trigger - 1
    if t.norm[:1] in CASUALTY_LINKS and len(t.norm) > 4:
        return trigger
    return None


def _casualty_verb(ctx: SentenceContext, trigger: int, link: int) -> Word | None:
    """The casualty verb whose prepositional phrase the trigger is: its head in the parse, else
    the nearest verb before the preposition, past the victims' phrase only (no other verb,
    subordinator or break). The first word of its clause counts whatever its tag (وأصيب is
    often tagged as a noun)."""
    s = ctx.sentence
    t = s.word(trigger)
    if t.head and t.head < link and verb_in(s.word(t.head), CASUALTY_VERBS, tagged=True):
        return s.word(t.head)
    for wid in range(link - 1, max(0, link - VERB_REACH - 1), -1):
        w = s.word(wid)
        if ctx.is_break(w) or w.norm in SUBORDINATORS or w.norm in RELATIVES:
            return None
        opens = wid == 1 or s.word(wid - 1).upos in ("PUNCT", "SCONJ") or s.word(wid - 1).norm in SUBORDINATORS
        if wid not in ctx.by_word and verb_in(w, CASUALTY_VERBS) and (w.upos in ("VERB", "X") or opens):
            return w
        if w.upos == "VERB" and wid not in ctx.by_word:
            return None
    return None


def _verb_victims(ctx: SentenceContext, trigger: int) -> list[int]:
    """The victims of a casualty verb that governs the trigger (module docstring)."""
    link = _link(ctx, trigger)
    if link is None:
        return []
    verb = _casualty_verb(ctx, trigger, link)
    if verb is None:
        return []
    s = ctx.sentence
    skip = ctx.subtree(trigger, limit=len(s.words))

    def phrase(child: Word) -> list[int]:
        words = {w for w in ctx.subtree(child.id, limit=VICTIM_REACH) - skip
                 if (w < verb.id if child.id < verb.id else verb.id < w < link)}
        return [i for i in ctx.mentions_in(words) if ctx.preposition(i, after=verb.id, phrase=True) is None
                or i in _free_after(ctx, verb.id, link)]

    subjects, objects = [], []
    for child in s.children(verb.id):
        if child.id == trigger or child.id in skip:
            continue
        if child.deprel.startswith("nsubj"):
            subjects += phrase(child)
        elif child.deprel.startswith(("obj", "iobj")) or (child.deprel.startswith("nmod") and verb.upos != "VERB"):
            objects += phrase(child)
    if subjects and objects:
        return objects  # the active reading: the subject killed, the object was hit
    return _active_object(ctx, verb.id, (subjects + objects) or _free_after(ctx, verb.id, link))


def _free_after(ctx: SentenceContext, verb: int, link: int) -> list[int]:
    """Mentions between the verb and the preposition, by word order, that no preposition
    governs (a من after a count or a quantity noun is free: "ثلاثة من عناصر الشرطة")."""
    return [i for i in group_after(ctx, verb, window=link - verb - 1) if ctx.mentions[i].words[-1] < link]


def _active_object(ctx: SentenceContext, verb: int, found: list[int]) -> list[int]:
    """An actor right after the verb and then a count is the active subject and its object:
    in "قتل الجيش ثلاثة من مقاتلي الحركة في اشتباكات" the fighters were hit, not the army."""
    s = ctx.sentence
    after = sorted((i for i in found if ctx.mentions[i].words[0] > verb), key=lambda i: ctx.mentions[i].words[0])
    if len(after) < 2 or ctx.mentions[after[0]].words[0] != verb + 1:
        return found
    end, nxt = ctx.mentions[after[0]].words[-1], ctx.mentions[after[1]].words[0]
    if any(_count(s.word(w)) for w in range(end + 1, nxt) if w not in ctx.by_word):
        return [i for i in found if ctx.mentions[i].words[0] >= nxt]
    return found


def _count(w: Word) -> bool:
    """A number or a quantity noun (lexicon ``partitives``): ثلاثة، 14، عشرات."""
    return w.upos == "NUM" or w.text.isdigit() or w.norm in PARTITIVES


def _result_verb(ctx: SentenceContext, trigger: int) -> Word | None:
    """The verb by which the trigger results in something (lexicon ``result_verbs``): by the
    parse, the trigger's acl/advcl or the verb whose subject it is; by word order, the verb
    right before it (أسفر الهجوم عن …) or the first verb within a few words after it, past
    adjectives, its phrase and a relative pronoun (هجوم انتحاري بسيارة مفخخة أسفر عن …)."""
    s = ctx.sentence
    t = s.word(trigger)
    for child in s.children(trigger):
        if child.deprel.startswith(("acl", "advcl")) and verb_in(child, RESULT_VERBS):
            return child
    if t.head and t.deprel.startswith("nsubj") and verb_in(s.word(t.head), RESULT_VERBS):
        return s.word(t.head)
    if trigger > 1 and verb_in(s.word(trigger - 1), RESULT_VERBS, tagged=True):
        return s.word(trigger - 1)
    for wid in range(trigger + 1, min(len(s.words), trigger + RESULT_REACH) + 1):
        w = s.word(wid)
        if ctx.is_break(w) or w.norm in SUBORDINATORS and w.norm not in RELATIVES:
            return None
        if wid not in ctx.by_word and verb_in(w, RESULT_VERBS) and w.upos in ("VERB", "X"):
            return w
        if w.upos == "VERB" and wid not in ctx.by_word:
            return None
    return None


def _result_victims(ctx: SentenceContext, trigger: int) -> list[int]:
    """The victims of a casualty noun the trigger results in: the mentions of its phrase in
    the parse, else those right after it by word order ("أسفر عن مقتل عشرة من جنود الجيش")."""
    verb = _result_verb(ctx, trigger)
    if verb is None:
        return []
    s = ctx.sentence
    nouns = [c for c in s.children(verb.id) if c.id > verb.id and word_in(c, CASUALTY_NOUNS)]
    nouns = nouns or [s.word(w) for w in range(verb.id + 1, min(len(s.words), verb.id + NOUN_REACH) + 1)
                      if w != trigger and w not in ctx.by_word and word_in(s.word(w), CASUALTY_NOUNS)][:1]
    out: list[int] = []
    for noun in nouns:
        found = [i for i in ctx.mentions_in(ctx.subtree(noun.id, limit=VICTIM_REACH))
                 if ctx.mentions[i].words[0] > noun.id and ctx.preposition(i, after=noun.id, phrase=True) is None]
        found = found or group_after(ctx, noun.id, window=VICTIM_REACH)
        out.extend(i for i in found if i not in out)
    return out


def _attacker(ctx: SentenceContext, index: int) -> bool:
    """The mention names the attacker (lexicon ``attacker_nouns``): المهاجم، الانتحاري."""
    first = ctx.sentence.word(ctx.mentions[index].words[0])
    return word_in(first, ATTACKER_NOUNS) or strip_article(first.norm) in ATTACKER_NOUNS
