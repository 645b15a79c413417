"""Role strategies for who hits and who is hit: the object and genitive of a trigger, the
owner of what an attack falls on (قصف مواقع الحوثيين), the doer after an agent marker (على يد),
and the subject that undergoes an attack (تعرضت دورية لهجوم). Registered in
:data:`.strategies.STRATEGIES`."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..lang.ar import clitics, lexicon, normalize_ar
from ..dates import is_weekday
from ..gazetteer import Entry
from .clauses import (RELATIVES, SUBORDINATORS, TIMES_OF_DAY, attacked_thing, conjuncts, group_after, is_free,
                      s_subject, verb_in, word_in)
from .context import QUOTE_MARKS, SentenceContext
from .coordination import coordinated_adjectives

OBJECT_REACH = 10  # words after a verb in which word order looks for its object

if TYPE_CHECKING:  # pragma: no cover
    from .ruleset import EventRule

OWNED_MARKERS = lexicon.words("owned_markers")
AGENT_MARKERS = lexicon.words("agent_markers")
UNDERGO = lexicon.words("undergo_verbs")
PATIENT_NOUNS = lexicon.words("patient_nouns")
MEMBER_OF = normalize_ar("من")
LAM = clitics.LAM_ARTICLE[0]  # the ل of an object after a verbal noun


def doer_genitive(ctx: SentenceContext, trigger: int, index: int) -> bool:
    """The mention is the genitive of a noun trigger with a ل-object after it: the doer, not
    the thing done to ("استهداف طيران التحالف لمواقع الحوثيين", "اقتحام القوات الأمنية
    للنوادي", "تفجير الجيش لعبوات ناسفة")."""
    s, m = ctx.sentence, ctx.mentions[index]
    # Right after the trigger, or after the noun of its aircraft or guns (طيران التحالف).
    start = trigger + 1 if m.words[0] == trigger + 1 else trigger + 2
    if s.word(trigger).upos == "VERB" or m.words[0] != start \
            or (start == trigger + 2 and (trigger + 1 in ctx.by_word or s.word(trigger + 1).upos != "NOUN")):
        return False
    wid = m.words[-1] + 1
    while wid <= len(s.words) and wid - m.words[-1] <= 4 and wid not in ctx.by_word \
            and (s.word(wid).upos == "ADJ" or s.word(wid).text in "()"):
        wid += 1
    return wid <= len(s.words) and s.word(wid).norm == LAM


def s_object(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """Genitive/object actors of the trigger (مقتل سليماني, استهداف القاعدة); not the doer of
    a verbal noun with a ل-object (:func:`doer_genitive`). None when a verb carries its object
    as a pronoun: in "فهاجمتهم مجموعة مسلحة" the group after the verb is its subject."""
    s = ctx.sentence
    out: list[int] = []
    if _object_pronoun(ctx, trigger):
        return out
    for child in s.children(trigger):
        if child.deprel.startswith(("obj", "nmod", "iobj")) and not any(
                c.deprel == "case" for c in s.children(child.id)):
            for idx in ctx.mentions_in(ctx.subtree(child.id, limit=8)):
                if idx not in out and not doer_genitive(ctx, trigger, idx):
                    out.append(idx)
    return out



def s_object_demonym(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[Entry]:
    """A group's or nation's adjective on what a verb hits: "استهدف المسلحون في ساعة متأخرة من ليل
    الأحد آليات حوثية" (the Houthis are hit). The object is the verb's obj in the parse,
    else the first indefinite noun after the verb, within :data:`OBJECT_REACH` words, that
    no preposition governs and no name stands before; its adjective comes right after it (or
    one word later); a subject after the verb is passed. Gives gazetteer entries."""
    s = ctx.sentence
    t = s.word(trigger)
    if not verb_like(t):
        return []
    objects = [c.id for c in s.children(trigger) if c.deprel.startswith("obj") and c.id not in ctx.by_word
               and c.id > trigger and not c.text.startswith(clitics.ARTICLE)]
    if not objects:
        # VSO: the subject right after the verb is passed (استهدف مسلحون من المقاومة … آليات حوثية).
        subject = {w for i in s_subject(ctx, trigger, rule) for w in ctx.mentions[i].words}
        for wid in range(trigger + 1, min(len(s.words), trigger + OBJECT_REACH) + 1):
            w = s.word(wid)
            if wid in subject:
                continue
            # A verb that qualifies a noun (في وقت متأخر, tagged as a verb) does not end the clause.
            if wid in ctx.by_word or w.upos == "PUNCT" or w.norm in SUBORDINATORS \
                    or (w.upos == "VERB" and not w.deprel.startswith("acl")):
                break
            prev = s.word(wid - 1)
            # By the written form: آليات normalises to اليات, which looks definite.
            if w.upos == "NOUN" and not w.text.startswith(clitics.ARTICLE) and prev.upos != "ADP" \
                    and not clitics.indefinite_accusative(w.text, w.norm) and len(s.tokens[w.token].words) == 1 \
                    and prev.deprel != "case" and not _in_time_phrase(s, wid):
                objects = [wid]
                break
    out: list[Entry] = []
    for obj in objects:
        for wid in (obj + 1, obj + 2):
            if wid > len(s.words) or wid in ctx.by_word:
                break
            entry = ctx.gazetteer.demonym(s.word(wid).text)
            if entry is not None:
                # and the nationalities joined to it (آليات سورية وإيرانية)
                for e in [entry, *filter(None, (ctx.gazetteer.demonym(s.word(c).text)
                                                for c in coordinated_adjectives(ctx, wid)))]:
                    if e.iri not in {o.iri for o in out}:
                        out.append(e)
                break
    return out


def _in_time_phrase(s, wid: int) -> bool:  # noqa: ANN001 - a Sentence
    """Word ``wid`` is a day or completes a time of day: "مساء الاثنين", "ظهر أمس"."""
    prev = s.word(wid - 1) if wid > 1 else None
    return is_weekday(s.word(wid).norm) or (prev is not None and prev.norm in TIMES_OF_DAY)


def _object_pronoun(ctx: SentenceContext, trigger: int) -> bool:
    """The trigger is a verb (by its tag, or a past form ending in ت or وا, which no noun
    trigger has) with a pronoun suffix: هاجمتهم, استهدفوها."""
    s = ctx.sentence
    t = s.word(trigger)
    token = s.tokens[t.token].words
    if trigger == token[-1] or s.word(trigger + 1).upos != "PRON":
        return False
    return verb_like(t)


def verb_like(t) -> bool:  # noqa: ANN001 - a Word
    """A verb by its tag, or by a past form ending in ت or وا, which no noun trigger has."""
    return t.upos == "VERB" or (t.norm.endswith("ت") and not t.norm.endswith("ات")) or t.norm.endswith("وا")


def patient_noun(w) -> bool:  # noqa: ANN001 - a Word
    """A verbal noun whose genitive is who is hit (lexicon ``patient_nouns``: استهداف, اغتيال)."""
    return word_in(w, PATIENT_NOUNS)


def s_genitive(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """The actor the trigger noun is annexed to (idafa): غارات التحالف, هجمات داعش, معارك
    سرت. By the parse, a mention whose head is a case-less nmod/obj of the trigger; by word
    order, a mention that starts right after the trigger with no preposition. Conjuncts too.
    Of a verbal noun whose genitive is hit (lexicon ``patient_nouns``: استهداف رجال الأمن),
    only the doer before a ل-object (:func:`doer_genitive`)."""
    s = ctx.sentence
    out: list[int] = []
    if patient_noun(s.word(trigger)):
        out = [i for i in (ctx.by_word.get(trigger + 1), ctx.by_word.get(trigger + 2))
               if i is not None and doer_genitive(ctx, trigger, i)][:1]
        return out + [i for i in (conjuncts(ctx, out[0]) if out else []) if i not in out]
    for idx in range(len(ctx.mentions)):
        head = ctx.head_of(idx)
        if head.head == trigger and head.deprel.startswith(("nmod", "obj")) and is_free(s, head.id):
            out.append(idx)
    first = ctx.by_word.get(trigger + 1)
    if first is not None and ctx.mentions[first].words[0] == trigger + 1 and first not in out \
            and ctx.preposition(first, after=trigger) is None:
        out.append(first)
    # "استهداف طيران التحالف لمواقع …": the doer behind the noun of its aircraft.
    second = ctx.by_word.get(trigger + 2)
    if second is not None and second not in out and doer_genitive(ctx, trigger, second):
        out.append(second)
    for idx in list(out):
        out.extend(i for i in conjuncts(ctx, idx) if i not in out)
    return out


def s_possessor(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """The owner of what the trigger acts on: قصف مواقع الحوثيين, استهداف معسكر لداعش,
    شن غارات على مقرات التنظيم. A mention that is the genitive (or ل-phrase) of an attacked
    thing (lexicon ``attacked_things``: positions, bases, vehicles, fighters) that is itself
    the trigger's object, genitive or على/ل-phrase; by word order, a mention right after such
    a noun that follows the trigger (at most one preposition between)."""
    s = ctx.sentence
    out: list[int] = []
    owned = [c for c in s.children(trigger) if c.deprel.startswith(("obj", "nmod", "obl"))
             and c.id not in ctx.by_word and attacked_thing(c)
             and all(k.norm in OWNED_MARKERS for k in s.children(c.id) if k.deprel == "case")]
    for noun in owned:
        for idx in range(len(ctx.mentions)):
            head = ctx.head_of(idx)
            if head.head == noun.id and head.deprel.startswith("nmod") and (
                    is_free(s, head.id) or ctx.preposition(idx) in OWNED_MARKERS):
                out.append(idx)
    if not out:
        # Word order: the first attacked thing within a few words after the trigger (past
        # its subject in VSO order, or its preposition: شن غارات على مواقع …), and the
        # mention right after it (or after its ل: مواقع للجيش).
        relative = False
        subject = next((c.id for c in s.children(trigger) if c.deprel.startswith("nsubj")), None)
        for wid in range(trigger + 1, min(len(s.words), trigger + 10)):
            w = s.word(wid)
            # Past a relative clause of the carrying verb and its subject, to what follows على:
            # "الغارات التي شنتها الطائرات على مواقع …".
            if w.upos == "VERB" and wid > 1 and s.word(wid - 1).norm in RELATIVES \
                    and rule is not None and rule.governors and rule.governs(w):
                relative = True
                continue
            if ctx.is_break(w) or (w.upos == "VERB" and wid not in ctx.by_word):
                break
            if wid in ctx.by_word or not attacked_thing(w) \
                    or (relative and s.word(wid - 1).norm not in OWNED_MARKERS) \
                    or wid == subject:
                continue  # not the verb's own subject (قصفت طائرات تركية أهدافا لداعش)
            nxt = wid + 1
            # its ل (tagged X when written لـ), and quote marks around the owner (لـ "داعش")
            if s.word(nxt).norm in OWNED_MARKERS and s.word(nxt).upos in ("ADP", "X") and nxt < len(s.words):
                nxt += 1
            while nxt < len(s.words) and (s.word(nxt).text in QUOTE_MARKS or s.word(nxt).text == "ـ"):
                nxt += 1  # the tatweel of لـ split off as a word, and quote marks
            idx = ctx.by_word.get(nxt)
            if idx is not None and ctx.mentions[idx].words[0] == nxt \
                    and ctx.preposition(idx, after=wid) in (None, *OWNED_MARKERS):
                out.append(idx)
            break
    for idx in list(out):
        out.extend(i for i in conjuncts(ctx, idx) if i not in out)
    return out


def s_by(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """Who did it, after an agent marker (lexicon ``agent_markers``: من قبل, على يد): "القصف
    من قبل قوات النظام وميليشيا حزب الله". The actors that follow the marker, within the
    trigger's clause."""
    s = ctx.sentence
    for wid in range(trigger + 1, min(len(s.words), trigger + 12)):
        w = s.word(wid)
        if ctx.is_break(w) or (w.upos == "VERB" and wid not in ctx.by_word):
            break
        if f"{w.norm} {s.word(wid + 1).norm}" in AGENT_MARKERS:
            # Not a place or a side named in a prepositional phrase after them (قرب الحدود مع
            # الجزائر); من names their group (مسلحين من تنظيم داعش).
            # The marker's own إلى (المنسوب إلى تنظيم داعش) governs the actor.
            own = s.word(wid + 1).norm
            return [i for i in group_after(ctx, wid + 1, window=8, stop_at_verb=True, free_only=False)
                    if ctx.preposition(i, after=wid + 1) in (None, MEMBER_OF, own)]
    return []


def s_undergoer(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """The subject of a verb that undergoes the trigger noun (lexicon ``undergo_verbs``):
    "تعرضت دورية للجيش لهجوم" → the army's patrol is the target."""
    s = ctx.sentence
    t = s.word(trigger)

    verb = s.word(t.head) if t.head else None
    if not verb_in(verb, UNDERGO):  # by word order: the nearest verb before the trigger
        verb = next((s.word(w) for w in range(trigger - 1, max(0, trigger - 8), -1)
                     if s.word(w).upos == "VERB"), None)
        if not verb_in(verb, UNDERGO):
            return []
    found = s_subject(ctx, verb.id, None) or s_possessor(ctx, verb.id, None)
    if not found:  # VSO: the mention after the verb, or the owner of the noun after it
        found = [i for i in group_after(ctx, verb.id, window=trigger - verb.id, free_only=False)
                 if ctx.mentions[i].words[0] < trigger][:1]
    return [i for i in found if ctx.mentions[i].words[0] < trigger]
