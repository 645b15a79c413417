"""State carried from sentence to sentence, in one place.

News goes on about what it has just said: "وأضاف" continues the last
speaker, "الجانبان" refers to the last two sides named, and "وقال بايدن …"
keeps the date of the previous sentence's event with the same actor. The
:class:`Discourse` of an article holds that state; the steps read and update
it only through the functions here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..facts import Actor, Event
from ..lang.ar import clitics, lexicon, normalize_ar
from .clauses import relative_of_indefinite, s_subject
from .context import COMMAS, PARTITIVES, SentenceContext
from .honorifics import pronoun_honour
from .steps import ArticleState, SentenceState, SentenceStep

if TYPE_CHECKING:  # pragma: no cover
    from ..dates import TimeExpression

RELATIVES = lexicon.words("relatives")
KANA = lexicon.words("kana_verbs")
SUBORDINATORS = lexicon.words("subordinators")
SOURCE_NOUNS = lexicon.words("source_nouns")
PARTICIPLES = lexicon.words("speech_participles")
ATTEND = lexicon.words("attend_verbs")
INCIDENT_NOUNS = lexicon.words("incident_nouns")
AMMA, FA = normalize_ar("أما"), normalize_ar("ف")


@dataclass
class Discourse:
    last_speaker: str | None = None  # IRI of the last statement's speaker
    last_pair: list[str] = field(default_factory=list)  # the last two sides named together
    last_people: list[str] = field(default_factory=list)  # the last two persons named together
    # (date, actors) of the last dated event of the previous sentence
    previous_dated: tuple[TimeExpression, set[str]] | None = None
    # event class -> (sentence index, trigger stems, agents) of the last event with an agent
    last_agents: dict[str, tuple[int, set[str], list[str]]] = field(default_factory=dict)
    # event class -> (sentence index, event) of the last happening told
    last_event: dict[str, tuple[int, Event]] = field(default_factory=dict)
    # (event class, trigger noun without the article) -> (sentence index, event): اللقاء
    # retells the last لقاء, though a اجتماع was told since
    last_by_noun: dict[tuple[str, str], tuple[int, Event]] = field(default_factory=dict)


# How many sentences back a definite event noun may refer (وأضاف أن الغارات …); the same
# noun may refer further back when attended ("لقاء … وحضر اللقاء …").
AGENT_REACH = 2
NOUN_REACH = 6


def trigger_stems(word) -> set[str]:
    """An event noun's readings without clitics and article, and its lemma: الغارات,
    وبالغارات → {غارات, غاره, …}."""
    return {clitics.strip_article(v) for v in clitics.proclitic_variants(word.norm)} | {word.lemma_norm}


def carry_agent(discourse: Discourse, sentence: int, word, event: Event) -> None:
    """A definite event noun with no agent names the event told just before: "شنت الطائرات
    غارات على المدينة. وقال البيان إن الغارات أصابت …" (the strikes are the aircraft's). It
    takes the agents of the last event of its class with the same noun, at most
    :data:`AGENT_REACH` sentences back; in the same sentence an indefinite noun does too
    ("شنت الطائرات عشر غارات في اليمن … وأضاف أن أربع غارات أخرى استهدفت الحدود"). An event
    with agents becomes the one to refer to."""
    stems = trigger_stems(word)
    if event.roles.get("agent"):
        discourse.last_agents[event.type] = (sentence, stems, list(event.roles["agent"]))
        return
    last = discourse.last_agents.get(event.type)
    definite = any(v.startswith(clitics.ARTICLE) for v in clitics.proclitic_variants(word.norm)) \
        or (last is not None and last[0] == sentence)
    if last is None or not definite or word.upos == "VERB" or sentence - last[0] > AGENT_REACH \
            or not (last[1] & stems):
        return
    for actor in last[2]:
        if not any(actor in v for v in event.roles.values()):
            event.add_role("agent", actor)
    if event.roles.get("agent"):  # the agents told again in this sentence
        discourse.last_agents[event.type] = (sentence, last[1] | stems, list(event.roles["agent"]))


def dual_subject(ctx: SentenceContext, trigger: int) -> bool:
    """The trigger's subject is a dual such as البلدان / الطرفان / الجانبين."""
    s, dual = ctx.sentence, ctx.cues.dual
    if any(c.deprel.startswith("nsubj") and c.norm in dual for c in s.children(trigger)):
        return True
    nxt = trigger + 1
    while nxt <= len(s.words) and s.word(nxt).upos == "PUNCT":
        nxt += 1
    return nxt <= len(s.words) and s.word(nxt).norm in dual


def explicit_subject(ctx: SentenceContext, trigger: int) -> bool:
    """وأضاف البيان … has a subject (a non-actor); وأضاف: / وأضاف أن … has none. So has a
    verb in a relative clause: in "الشرطة التي قالت" the police said it; and a verb after
    كان and its subject: "وكان الوزير قد صرح", "وكانت الشركة تقول"."""
    s = ctx.sentence
    if clitics.strip_conjunction(s.word(trigger).norm) in PARTICIPLES:
        return False  # "واصفا الأوضاع بالمأساوية": the participle goes on with the main subject
    if any(c.deprel.startswith("nsubj") for c in s.children(trigger)):
        return True
    if trigger > 1 and s.word(trigger - 1).norm in RELATIVES:
        return True
    if relative_of_indefinite(ctx, trigger):
        return True
    if _after_kana_subject(ctx, trigger):
        return True
    for wid in range(trigger + 1, len(s.words) + 1):
        w = s.word(wid)
        if w.upos == "PUNCT" and w.text in COMMAS:
            continue
        # "يقول كثير من الخبراء": a word of quantity, tagged as an adjective, is a subject.
        return (w.upos in ("NOUN", "PROPN", "X") and w.norm not in SUBORDINATORS) or w.norm in PARTITIVES
    return False


def _after_kana_subject(ctx: SentenceContext, trigger: int) -> bool:
    """A form of كان (lexicon ``kana_verbs``) stands a few words before the trigger with a
    mention between them: its subject is the trigger's ("وكان رينزي قد صرح")."""
    s = ctx.sentence
    seen_mention = False
    for wid in range(trigger - 1, max(0, trigger - 8), -1):
        w = s.word(wid)
        if ctx.is_break(w):
            return False
        if wid in ctx.by_word:
            seen_mention = True
            continue
        if clitics.verb_stems(w.norm) & KANA:
            return seen_mention
        if w.upos == "VERB":
            return False
    return False


def sentence_subject(ctx: SentenceContext, trigger: int, classes: tuple[str, ...] | None) -> str | None:
    """The actor a dropped subject continues within its sentence: the subject of the nearest
    earlier main-clause verb (root, conj or parataxis in the parse: not a verb after أن or in
    a relative clause) that has one among the mentions (by the parse, else the mention right
    after it), of one of ``classes``: "وأشار الوزير إلى جولته في الكويت وقطر، وشدد على …"."""
    s = ctx.sentence
    for wid in range(trigger - 1, 0, -1):
        w = s.word(wid)
        if w.upos != "VERB" or wid in ctx.by_word:
            continue
        if not w.deprel.startswith(("root", "conj", "parataxis")):
            # An honorific pronoun subject in any clause is whom the passage is about: "لما
            # أعلنه سموه قبل سنوات حينما قال" (his highness said it), not an earlier subject.
            honoured = [i for i in s_subject(ctx, wid, None)
                        if pronoun_honour(s, s.word(ctx.mentions[i].words[0])) is not None
                        and (classes is None or ctx.cls(i) in classes)]
            if honoured:
                return ctx.mentions[honoured[0]].actor
            continue
        found = s_subject(ctx, wid, None) or [
            ctx.by_word[n] for n in (wid + 1,) if n in ctx.by_word and ctx.mentions[ctx.by_word[n]].words[0] == n]
        found = [i for i in found if classes is None or ctx.cls(i) in classes]
        if found:  # the person when one is named (رئيس الحكومة الإسرائيلية بنيامين نتنياهو)
            return ctx.mentions[next((i for i in found if ctx.cls(i) == "Person"), found[0])].actor
    return topic_subject(ctx, trigger, classes)


def topic_subject(ctx: SentenceContext, trigger: int, classes: tuple[str, ...] | None) -> str | None:
    """"أما X … فقال": the topic named after أما is the subject of the verb that فـ opens. The
    first actor after أما, the person when one is named."""
    s = ctx.sentence
    if not s.tokens[s.word(trigger).token].norm.startswith(FA):
        return None
    amma = next((w for w in range(trigger - 1, 0, -1) if s.word(w).norm == AMMA), None)
    if amma is None:
        return None
    found = [i for i in {ctx.by_word[w] for w in range(amma + 1, trigger) if w in ctx.by_word}
             if classes is None or ctx.cls(i) in classes]
    found.sort(key=lambda i: ctx.mentions[i].words[0])
    return ctx.mentions[next((i for i in found if ctx.cls(i) == "Person"), found[0])].actor if found else None


# Classes whose later definite mention may retell a happening; statements, calls and votes
# are each their own.
RETOLD = ("Attack", "Meeting", "Withdrawal", "Deployment", "Agreement")
DEMONSTRATIVES = lexicon.words("demonstratives")
OTHER_HAPPENING = lexicon.words("other_happening")
SEPARATE_ROLES = ("agent", "target", "location", "origin", "destination", "party", "participant")


def same_happening(discourse: Discourse, sentence: int, ctx: SentenceContext, triggers: list[int],
                   event: Event, remember: bool = True) -> Event | None:
    """The earlier event that a definite event noun retells: "شنت الطائرات غارات على مدينة
    الرقة. وقال البيان إن الغارات دمرت مخازن للأسلحة" (one happening, one node). One of the
    event's ``triggers`` (the words of its sentence merged into it) is a noun that has
    the article or a demonstrative before it (هذا الهجوم); the earlier event is the last of
    its class, at most :data:`AGENT_REACH` sentences back; their roles do not disagree (no
    role that both fill with different actors), nor their dates or polarity. Returns it, with
    the later mention's roles, date and sentence added, or None (and this event becomes the
    one to retell)."""
    if event.type not in RETOLD:
        return None
    s = ctx.sentence
    nouns = [t for t in triggers if s.word(t).upos != "VERB"]
    definite = [t for t in nouns if any(v.startswith(clitics.ARTICLE) for v in clitics.proclitic_variants(s.word(t).norm))
                or (t > 1 and s.word(t - 1).norm in DEMONSTRATIVES)]
    keys = [(event.type, form) for t in nouns for form in sorted(trigger_stems(s.word(t)))]
    attended = any(attends(ctx, t) for t in definite)
    # The same noun, when attended, reaches further back than another noun of the class.
    reach = NOUN_REACH if attended else AGENT_REACH
    last = next((discourse.last_by_noun[k] for k in keys if k in discourse.last_by_noun
                 and 0 < sentence - discourse.last_by_noun[k][0] <= reach), None) \
        or discourse.last_event.get(event.type)
    # An indefinite noun retells the happening of the sentence just before when it is the same
    # noun and nothing calls it another: "تعرض الجنود لإطلاق نار … وتعرضت دورية لإطلاق نار".
    again = None if definite or any(_another(s, t) for t in nouns) else next(
        (discourse.last_by_noun[k] for k in keys
         if k in discourse.last_by_noun and sentence - discourse.last_by_noun[k][0] == 1), None)
    last = again or last
    if last is None or not (definite or again) or not 0 < sentence - last[0] <= reach \
            or not _compatible(last[1], event, ("participant",) if attended else (), ctx.actors):
        if remember:  # not an event that lives only to join another
            discourse.last_event[event.type] = (sentence, event)
            discourse.last_by_noun.update((k, (sentence, event)) for k in keys)
        return None
    earlier = last[1]
    for role, actors in event.roles.items():
        for actor in actors:
            earlier.add_role(role, actor)
    earlier.date = earlier.date or event.date
    earlier.force = earlier.force or event.force
    earlier.also.append(event.source)
    discourse.last_event[event.type] = (sentence, earlier)
    discourse.last_by_noun.update((k, (sentence, earlier)) for k in keys)
    return earlier


def _another(s, trigger: int) -> bool:
    """An adjective of lexicon ``other_happening`` within two words after the event noun."""
    return any(s.word(w).norm in OTHER_HAPPENING or clitics.strip_article(s.word(w).norm) in OTHER_HAPPENING
               for w in range(trigger + 1, min(len(s.words), trigger + 2) + 1))


def attends(ctx: SentenceContext, trigger: int) -> bool:
    """The nearest verb before the trigger, within four words, is one of attending (lexicon
    ``attend_verbs``): "وحضر جزءا من اللقاء …"."""
    for w in range(trigger - 1, max(0, trigger - 5), -1):
        word = ctx.sentence.word(w)
        if clitics.strip_conjunction(word.norm) in ATTEND or word.norm in ATTEND:
            return True  # also when tagged as a noun
        if word.upos == "VERB":
            return False
    return False


def _compatible(a: Event, b: Event, joined: tuple[str, ...] = (), actors: dict[str, Actor] | None = None) -> bool:
    """No role (but the ``joined`` ones) that both fill with different actors, no two dates.
    When the two share an actor, two locations differ only when each side names a place the
    gazetteer knows: a small place it does not know may lie in the other ("غارة أمريكية على
    ولاية هلمند … في منطقة الشونة التي استهدفتها الغارة الأمريكية")."""
    shared = any(set(a.roles.get(r, [])) & set(b.roles.get(r, [])) for r in SEPARATE_ROLES if r != "location")
    for role in SEPARATE_ROLES:
        if role in joined:
            continue
        x, y = set(a.roles.get(role, [])), set(b.roles.get(role, []))
        if x and y and not x & y:
            if role == "location" and shared and actors is not None and any(
                    all(i in actors and actors[i].cls == "Place" and not actors[i].from_gazetteer for i in side)
                    for side in (x, y)):
                continue
            return False
    if a.date is not None and b.date is not None and a.date.value != b.date.value:
        return False
    return a.polarity == b.polarity


def unnamed_source_before(ctx: SentenceContext, trigger: int) -> tuple[bool, str | None]:
    """An unnamed source (lexicon ``source_nouns``: مسؤول، مصدر) stands earlier in the
    sentence: "وفي مقابلة مع مسؤول عسكري، قال إن …" goes on with that official, not with the
    article's last named speaker. Returns whether one does and, when it stands for its
    country (مسؤول عسكري أردني, an unnamed official's mention), that actor."""
    s = ctx.sentence
    for w in range(trigger - 1, 0, -1):
        if s.word(w).norm in SOURCE_NOUNS and w not in ctx.title_words:
            idx = ctx.by_word.get(w)
            if idx is None:
                return True, None
            if ctx.mentions[idx].words[0] == w:
                return True, ctx.mentions[idx].actor
    return False, None


def dropped_subject(ctx: SentenceContext, trigger: int, verb_trigger: bool) -> bool:
    """The trigger's verb has no subject of its own, so the sentence goes on with the actor
    the article is about. A verb trigger (``verb_trigger``, a statement): no explicit subject
    (:func:`explicit_subject`: "وقال إن …", "وأضاف:"). A noun trigger: the word before it is a
    verb without a parse subject and not after a relative pronoun, so the noun is that verb's
    object ("وأكد أنه أجرى محادثات مع نظيره", "عقد اجتماعا مع …"); a pronoun subject
    (أنه) counts as none."""
    if verb_trigger:
        return not explicit_subject(ctx, trigger)
    s = ctx.sentence
    verb = trigger - 1
    if verb < 1 or s.word(verb).upos != "VERB" or verb in ctx.by_word:
        return False
    # A pronoun subject (أنه أجرى) stands for the actor continued.
    return not any(c.deprel.startswith("nsubj") and c.id != trigger and c.upos != "PRON"
                   for c in s.children(verb)) \
        and not (verb > 1 and s.word(verb - 1).norm in RELATIVES)


def dual_reference(discourse: Discourse, actors: dict[str, Actor], ctx: SentenceContext, trigger: int,
                   event: Event, role: str, titles: frozenset[str] = frozenset()) -> None:
    """الجانبان، الطرفان، البلدين: the two sides named last in the article; the dual of a
    title (``titles``, singular title nouns without the article: الوزيران، الرئيسين), the two
    persons named last together. An event with two or more countries or organisations (or
    persons) in ``role`` names a new pair."""
    found = event.roles.get(role, [])
    countries = [a for a in found if actors[a].cls in ("Country", "Organization")]
    people = [a for a in found if actors[a].cls == "Person"]
    if len(people) >= 2:
        discourse.last_people = people[:2]
    if len(countries) >= 2:
        discourse.last_pair = countries[:2]
        return
    s = ctx.sentence
    near = range(max(1, trigger - 8), min(len(s.words), trigger + 8) + 1)
    if discourse.last_pair and any(s.word(w).norm in ctx.cues.dual for w in near):
        for actor in discourse.last_pair:
            event.add_role(role, actor)
    elif len(people) < 2 and discourse.last_people \
            and any(clitics.dual_stem(s.word(w).norm, titles) for w in near if w not in ctx.by_word):
        for actor in discourse.last_people:
            event.add_role(role, actor)


def agrees(verb, speaker: Actor) -> bool:
    """Whether a verb can continue ``speaker``'s words: a plural or dual verb (قالوا، أضافا)
    does not continue one person. Stanza's ``Number`` feature, and the plural endings of the
    form, which win over a ``Sing`` tag the tagger gives "يقولون": قالوا، يقولون، تقولون (not
    يكون or يتعاون, whose ون is the stem's)."""
    if verb.upos != "VERB" or speaker.cls != "Person":
        return True
    feats = verb.feats.split("|")
    if any(f in feats for f in ("Number=Plur", "Number=Dual")):
        return False
    form = clitics.strip_conjunction(verb.norm)
    return not (len(form) >= 4 and form.endswith("وا")
                or (len(form) >= 5 and form.endswith("ون") and not form.endswith("اون") and form[:1] in ("ي", "ت")))


def carried_date(discourse: Discourse, ctx: SentenceContext, event: Event) -> TimeExpression | None:
    """A sentence that goes on with the same actor (وقال بايدن …) keeps the
    date of the previous sentence's event with that actor."""
    first = ctx.sentence.words[0] if ctx.sentence.words else None
    if first is None or discourse.previous_dated is None:
        return None
    text = first.norm
    split_off = len(ctx.sentence.tokens[0].words) > 1
    if not (text in clitics.CONJUNCTIONS or (clitics.has_conjunction(text) and (split_off or first.upos == "VERB"))):
        return None
    previous, actors = discourse.previous_dated
    mine = {a for values in event.roles.values() for a in values}
    return previous if mine & actors else None


def incident_date(discourse: Discourse, sent: SentenceState) -> None:
    """A sentence with no event of its own that dates "هذه الحادثة" (lexicon
    ``incident_nouns`` after a demonstrative) dates the last attack, told at most
    :data:`AGENT_REACH` sentences before and undated: "وقالت إن هذا الحادث وقع يوم 9 مارس"."""
    last = discourse.last_event.get("Attack")
    if sent.events or not sent.dates or last is None or last[1].date is not None \
            or not 0 < sent.source.sentence - last[0] <= AGENT_REACH:
        return
    words = sent.sentence.words
    if any(w.id > 1 and clitics.strip_conjunction(w.norm) in INCIDENT_NOUNS and words[w.id - 2].norm in DEMONSTRATIVES
           for w in words):
        last[1].date = sent.dates[0]


class CarryDate(SentenceStep):
    """After a sentence: remember its last dated event, for :func:`carried_date`."""

    name = "carry_date"
    requires = frozenset({"events", "sentence_dates"})

    def __call__(self, state: ArticleState, sent: SentenceState) -> None:
        incident_date(state.discourse, sent)
        dated = [e for e in sent.events if e.date is not None and e.date in sent.dates]
        state.discourse.previous_dated = (dated[-1].date, {a for e in dated for v in e.roles.values() for a in v}) \
            if dated else None
