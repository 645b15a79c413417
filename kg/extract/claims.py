"""Claims of responsibility: who claims an attack is its attacker.

"أعلن التنظيم مسؤوليته عن الهجوم", "ادعت الجماعة مسؤوليتها عن التفجير", "أعلن التنظيم في
بيان تبنيه للهجوم": a claim verb (lexicon ``claim_verbs``) with a noun of responsibility
(``claim_nouns``) and what it claims after عن/ل (``claim_prepositions``); "تبنى التنظيم
الهجوم", "تبنت الجماعة في بيان مقتل الجنود": تبنى (``adopt_verbs``) with the attack as its
object. The claimer is the subject of the claim verb: by the parse, else the actors right
after it (VSO, across "في بيان"), else, for a verb in a relative clause on an indefinite
noun ("وكان التنظيم تحدث في بيان تبنى فيه الهجوم"), the subject of the verb that governs
that noun, else the actors right before it ("وكانت الحركة قد أعلنت").

Two ways in. The role strategy ``claimed`` (:func:`s_claimed`) gives an attack noun the
claimer of the claim that names it, in the sentence (also through a relative pronoun:
"هجوم ادعى التنظيم مسؤوليته عنه", "الهجوم الذي تبناه التنظيم"). The step :class:`Claims`
gives a claim that names no attack ("وأعلنت الجماعة مسؤوليتها في بيان", "وتبنت الجماعة
العملية": ``claim_references``) to the article's last event of a rule that uses ``claimed``,
told at most :data:`CLAIM_REACH` sentences before (or earlier in the sentence), when that
event has no actor in the role yet.

Not claims: a negated one ("لم تعلن أي جهة مسؤوليتها", "لم تتبن أي جهة"), a denial or
blame (نفى مسؤوليته، حمّل X المسؤولية: not claim verbs), and تبنى with another object
("تبنى مجلس الأمن قرارا"). A denial of responsibility does not deny the attack
(:func:`disclaimed`, read by :mod:`.polarity`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..dates import is_weekday
from ..lang.ar import clitics, lexicon
from .clauses import RELATIVES, SUBORDINATORS, TIME_AFTER, TIMES_OF_DAY, group_after, group_before, s_subject
from .context import QUOTE_MARKS, SentenceContext
from .steps import ArticleState, SentenceState, SentenceStep

if TYPE_CHECKING:  # pragma: no cover
    from ..facts import Event
    from .ruleset import EventRule

CLAIM_VERBS = lexicon.words("claim_verbs")
CLAIM_NOUNS = lexicon.words("claim_nouns")
CLAIM_PREPOSITIONS = lexicon.words("claim_prepositions")
ADOPT_VERBS = lexicon.words("adopt_verbs")
REFERENCES = lexicon.words("claim_references")
STRATEGY = "claimed"
NOUN_REACH = 8  # words back from a claim noun to its verb
OBJECT_REACH = 6  # words from a claim noun (or تبنى) to what it claims
CLAIM_REACH = 1  # sentences back to the attack a claim that names none claims (further, an attack told
# since without an event of its own is the one claimed more often than not)
RELATIVE_REACH = 4  # words between an attack noun and the claim in its relative clause
# Substrings one of which every claim noun or form of تبنى contains (claims: the quick test).
CUES = tuple(sorted(CLAIM_NOUNS | ADOPT_VERBS, key=len))


@dataclass(frozen=True)
class Claim:
    verb: int  # the claim verb (أعلن، تبنى)
    noun: int | None  # the noun of responsibility (مسؤوليته), None for تبنى
    negated: bool
    claimed: int | None  # the first word of what is claimed, None when nothing is named
    back: bool  # what is claimed is a pronoun (عنه، تبناه): the noun the clause is on


def _form(s, w) -> str:  # noqa: ANN001 - a Sentence and a Word
    """The word's token without a conjunction: مسؤوليت + ه → مسؤوليته, ومسؤوليتها → مسؤوليتها."""
    return clitics.strip_conjunction(s.tokens[w.token].norm)


def _first_of_token(s, w) -> bool:  # noqa: ANN001
    """The word opens its token, past a conjunction split off it (و + تبنى)."""
    return all(s.word(x).upos == "CCONJ" for x in s.tokens[w.token].words if x < w.id)


def _is_claim_noun(s, w) -> bool:  # noqa: ANN001
    return _first_of_token(s, w) and (_form(s, w) in CLAIM_NOUNS or w.norm in CLAIM_NOUNS)


def _is_adopt_verb(s, w) -> bool:  # noqa: ANN001
    """تبنى as a verb; also tagged as a noun when it opens a clause with و or ف ("، وتبنى
    التنظيم الهجوم"), where the verbal noun تبني ("تبني المجلس للقرار") seldom stands."""
    if not _first_of_token(s, w) or _is_claim_noun(s, w) or not clitics.verb_stems(_form(s, w)) & ADOPT_VERBS:
        return False
    if w.upos in ("VERB", "X", "AUX"):
        return True
    token = s.tokens[w.token].norm
    opens = w.id == 1 or s.word(w.id - 1).upos == "PUNCT"
    return w.upos == "NOUN" and opens and clitics.strip_conjunction(token) != token


def _negated(ctx: SentenceContext, wid: int) -> bool:
    """A negation particle (cues ``negation``) one or two words before the word."""
    s = ctx.sentence
    return any(clitics.strip_conjunction(s.word(w).norm) in ctx.cues.negation or s.word(w).norm in ctx.cues.negation
               for w in range(max(1, wid - 2), wid))


def _object_pronoun(s, verb: int) -> bool:  # noqa: ANN001
    """The verb's token carries an object pronoun (تبناه، تبنته)."""
    return any(s.word(w).upos == "PRON" for w in s.tokens[s.word(verb).token].words if w > verb) \
        or bool(clitics.pronoun_suffix_stems(_form(s, s.word(verb)), 2))


def _after(ctx: SentenceContext, start: int, adopt: bool) -> tuple[int | None, bool]:
    """What a claim noun (or تبنى, ``adopt``) at ``start`` claims: the word after عن/ل within
    :data:`OBJECT_REACH` words (a تبني noun or تبنى: also the first free noun, past the
    subject's names, "في بيان" and adverbs), and whether it is a pronoun (عنه)."""
    s = ctx.sentence
    end = s.tokens[s.word(start).token].words[-1]
    skip_noun = False  # the noun of "في بيان" is no object
    for wid in range(end + 1, min(len(s.words), end + OBJECT_REACH + len(ctx.mentions) * 3) + 1):
        w = s.word(wid)
        if ctx.is_break(w) or w.norm in SUBORDINATORS or (w.upos == "VERB" and wid not in ctx.by_word):
            return None, False
        if wid in ctx.by_word or wid in ctx.title_words:
            continue
        if w.upos == "ADP":
            if w.norm in CLAIM_PREPOSITIONS and wid + 1 <= len(s.words):
                return wid + 1, s.word(wid + 1).upos == "PRON"
            skip_noun = True
            continue
        if w.upos == "PRON" and skip_noun:  # "تبنى فيه الهجوم"
            skip_noun = False
            continue
        if w.upos in ("NOUN", "X", "PROPN"):
            if w.norm in TIMES_OF_DAY or w.norm in TIME_AFTER or is_weekday(w.norm):
                continue  # "تبنى التنظيم أمس الهجوم", "تبنى التنظيم مساء الخميس الهجوم"
            if skip_noun:
                skip_noun = False
                continue
            if _heads_name(ctx, wid):  # "تبنى تنظيم «داعش» الهجوم": the name's head noun
                continue
            if adopt:
                return wid, False
            return None, False
        if w.upos not in ("ADV", "ADJ", "PART", "NUM", "PUNCT"):
            return None, False
    return None, False


def _heads_name(ctx: SentenceContext, wid: int) -> bool:
    """Word ``wid`` is a noun right before a name, past quote marks: the head of the claimer's
    name outside its mention ("تنظيم «داعش»", "حركة «الشباب»"), not what is claimed."""
    s = ctx.sentence
    nxt = wid + 1
    while nxt <= len(s.words) and s.word(nxt).upos == "PUNCT" and s.word(nxt).norm in QUOTE_MARKS:
        nxt += 1
    return nxt <= len(s.words) and nxt in ctx.by_word and ctx.mentions[ctx.by_word[nxt]].words[0] == nxt


def _may_claim(s) -> bool:  # noqa: ANN001 - a Sentence
    """A cheap test first: a claim noun or a stem of تبنى stands inside one of the tokens
    (every claim has one; most sentences have none)."""
    text = " ".join(piece.norm for piece in (*s.tokens, *s.words))
    return any(cue in text for cue in CUES)


def claims(ctx: SentenceContext) -> list[Claim]:
    """The claims of responsibility in the sentence, in order."""
    s, out = ctx.sentence, []
    if not _may_claim(s):
        return out
    for w in s.words:
        if w.id in ctx.by_word or w.id in ctx.title_words:
            continue
        if _is_claim_noun(s, w):
            verb = None
            for v in range(w.id - 1, max(0, w.id - NOUN_REACH - 1), -1):
                x = s.word(v)
                if ctx.is_break(x) or x.norm in SUBORDINATORS:
                    break
                if v not in ctx.by_word and (clitics.verb_stems(_form(s, x)) & CLAIM_VERBS
                                             or x.lemma_norm in CLAIM_VERBS):
                    verb = v
                    break
                if x.upos == "VERB" and v not in ctx.by_word:
                    break
            if verb is not None:
                # تبنيه takes its object as تبنى does: "أعلن التنظيم تبنيه الهجوم".
                claimed, back = _after(ctx, w.id, adopt=bool(clitics.verb_stems(_form(s, w)) & ADOPT_VERBS))
                out.append(Claim(verb, w.id, _negated(ctx, verb) or _negated(ctx, w.id), claimed, back))
        elif _is_adopt_verb(s, w):
            claimed, back = _after(ctx, w.id, adopt=True)
            out.append(Claim(w.id, None, _negated(ctx, w.id), claimed, back or _object_pronoun(s, w.id)))
    return out


def _subject(ctx: SentenceContext, verb: int, until: int) -> list[int]:
    """The claim verb's subject by the parse, else the actors after it up to ``until``."""
    found = [i for i in s_subject(ctx, verb, None) if ctx.mentions[i].words[0] < until or until <= verb]
    return found or [i for i in group_after(ctx, verb, window=max(1, until - verb))
                     if ctx.mentions[i].words[0] < until]


def claimer(ctx: SentenceContext, claim: Claim) -> list[int]:
    """The mentions that make the claim (see the module's docstring for the order tried)."""
    s = ctx.sentence
    until = claim.noun if claim.noun is not None else (claim.claimed or len(s.words) + 1)
    found = _subject(ctx, claim.verb, until)
    if found:
        return found
    prev = s.word(claim.verb - 1) if claim.verb > 1 else None
    if prev is not None and prev.upos == "NOUN" and prev.id not in ctx.by_word \
            and not prev.norm.startswith(clitics.ARTICLE) and prev.norm not in RELATIVES:
        # "تحدث التنظيم في بيان تبنى فيه الهجوم": the statement's maker claims.
        for v in range(prev.id - 1, max(0, prev.id - 4), -1):
            x = s.word(v)
            if ctx.is_break(x):
                break
            if x.upos == "VERB" and v not in ctx.by_word:
                return _subject(ctx, v, prev.id) or group_before(ctx, v, None, window=6)
    return group_before(ctx, claim.verb, None, window=6)


def _claims_trigger(ctx: SentenceContext, claim: Claim, trigger: int) -> bool:
    """The claim names the attack noun at ``trigger``: it is what is claimed (or the genitive
    after it: "مسؤوليته عن تنفيذ الهجوم", "تبنى عملية تفجير"), or, for a pronoun, the noun
    the claim's relative clause is on ("هجوم ادعى التنظيم مسؤوليته عنه")."""
    s = ctx.sentence
    if claim.back:
        return trigger < claim.verb <= trigger + RELATIVE_REACH and not any(
            w in ctx.by_word or ctx.is_break(s.word(w)) or (s.word(w).upos == "VERB" and s.word(w).norm not in RELATIVES)
            for w in range(trigger + 1, claim.verb))
    if claim.claimed is None or not claim.claimed <= trigger <= claim.claimed + 2:
        return False
    return all(s.word(w).upos in ("NOUN", "X") and w not in ctx.by_word for w in range(claim.claimed, trigger))


def s_claimed(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """The claimer of a claim of responsibility that names the attack noun at ``trigger``:
    "أعلن تنظيم داعش مسؤوليته عن الهجوم" → داعش; "وتبنى تنظيم القاعدة في بيان مقتل
    الجنود" → القاعدة. Nobody for a negated claim ("لم تعلن أي جهة مسؤوليتها عن الهجوم")."""
    for claim in claims(ctx):
        if not claim.negated and _claims_trigger(ctx, claim, trigger):
            return claimer(ctx, claim)
    return []


def disclaimed(ctx: SentenceContext, trigger: int) -> bool:
    """The trigger is what a responsibility noun is about (negated, denied or claimed): "نفت
    الحركة مسؤوليتها عن الهجوم" denies the responsibility, not the attack."""
    s = ctx.sentence
    for wid in range(trigger - 1, max(0, trigger - OBJECT_REACH - 1), -1):
        w = s.word(wid)
        if ctx.is_break(w) or (w.upos == "VERB" and not _is_claim_noun(s, w)):
            return False
        if _is_claim_noun(s, w) or _form(s, w) in CLAIM_NOUNS:
            return True
    return False


def _position(sent: SentenceState, event: Event) -> int:
    """The word of the event's trigger in the sentence (0 when not found): the word the
    events step found it at, not the first word of the same form ("قتل … وتبنى … وقتل")."""
    if id(event) in sent.triggers:
        return sent.triggers[id(event)]
    return next((w.id for w in sent.ctx.sentence.words if w.text == event.trigger), 0)


class Claims(SentenceStep):
    """A claim that names no attack ("وأعلنت الجماعة مسؤوليتها في بيان", "وتبنت الجماعة
    العملية") claims the article's last event of a rule whose roles use ``claimed``, at most
    :data:`CLAIM_REACH` sentences back or earlier in the sentence, when it has nobody (or the
    claimer) in that role: the claimer fills it, within the rule's ``role_classes``."""

    name = "claims"
    requires = frozenset({"events", "context"})
    provides = frozenset({"claims"})

    def __init__(self, rules) -> None:  # noqa: ANN001 - a RuleSet
        super().__init__(rules)
        self.by_id = {rule.id: rule for rule in rules.events}
        # event class -> the role its claimed rules fill with a claimer (agent)
        self.roles: dict[str, str] = {
            rule.emit: role for rule in rules.events for role, strategies in rule.roles.items()
            if any(STRATEGY in part.split("+") for part in strategies)}

    def __call__(self, state: ArticleState, sent: SentenceState) -> None:
        ctx, here = sent.ctx, sent.source.sentence
        for claim in claims(ctx):
            if claim.negated or claim.back:
                continue
            if claim.claimed is not None and _form(ctx.sentence, ctx.sentence.word(claim.claimed)) not in REFERENCES:
                continue  # it names something else: "تبنى مجلس الأمن قرارا"
            event = self._last(state, sent, here, claim.verb)
            if event is None:
                continue
            role = self.roles[event.type]
            rule = self.by_id.get(event.rule)
            if rule is None or role not in rule.roles:
                continue
            allowed = rule.role_classes.get(role)
            picks = [ctx.mentions[i].actor for i in claimer(ctx, claim) if allowed is None or ctx.cls(i) in allowed]
            # Not an actor the event already has in another role (its target).
            picks = [a for a in picks if not any(a in v for r, v in event.roles.items() if r != role)]
            if picks and (not event.roles.get(role) or picks[0] in event.roles[role]):
                for actor in picks:
                    event.add_role(role, actor)

    def _last(self, state: ArticleState, sent: SentenceState, here: int, verb: int) -> Event | None:
        """The last event of a claimed class told before the claim: earlier in the sentence,
        or at most :data:`CLAIM_REACH` sentences back."""
        best, key = None, None
        for event in state.facts.events:
            if event.type not in self.roles:
                continue
            told = max([event.source.sentence, *(a.sentence for a in event.also)])
            pos = 0
            if told == here:
                pos = _position(sent, event) if event.source.sentence == here else 1  # retold here
                if not 0 < pos < verb:
                    continue
            elif not 0 < here - told <= CLAIM_REACH:
                continue
            if key is None or (told, pos) >= key:
                best, key = event, (told, pos)
        return best
