"""Events: rule triggers found by the matcher, their roles, force, date,
quotation, polarity and modality.

For each trigger word, the first rule in file order that makes an event with
the actors it needs wins (a withdrawal of counted troops, else a retreat of
fighters); a trigger inside a quoted name or a person's or place's name makes
none. Roles are filled by
the rule's strategies in order (:mod:`.strategies`); a role that needs two
actors (an agreement's parties) lets later strategies add to the first.
Events without the actors their rule needs are dropped; several triggers of
one incident in a sentence (مقتل … بغارة) make one event when the rule says
``merge_in_sentence``; an event whose rule has a ``topic`` is about the
nearest following event of an allowed class.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..document import Word
from ..facts import Event, SourceRef
from ..lang.ar import clitics, lexicon, normalize_ar
from .clauses import SUBORDINATORS, time_of_day
from .context import SentenceContext, in_quoted_name
from .dating import nearest_date
from .discourse import (Discourse, agrees, attends, carried_date, carry_agent, dropped_subject, dual_reference,
                        dual_subject, same_happening, sentence_subject, unnamed_source_before)
from .forces import country_of, event_force
from .places import containers, setting
from .polarity import polarity_modality
from .steps import ArticleState, SentenceState, SentenceStep
from .strategies import gives_actors, run_strategy, STRATEGIES

if TYPE_CHECKING:  # pragma: no cover
    from ..dates import TimeExpression
    from ..quantities import TroopCount
    from .ruleset import EventRule

# Roles a bracketed place may fill ("في نجامينا (تشاد)" places; it does not act).
PLACE_ROLES = ("location", "origin", "destination")
# The order in which a repeated actor keeps its role: roles marked by a preposition are surer,
# then the doer (an attacker is not also its own target).
ROLE_PRIORITY = ("origin", "destination", "location", "speaker", "agent", "target", "party", "participant")


class Events(SentenceStep):
    name = "events"
    requires = frozenset({"context", "title_words", "counts", "sentence_dates"})
    provides = frozenset({"events"})

    def __call__(self, state: ArticleState, sent: SentenceState) -> None:
        rules, ctx = self.rules, sent.ctx
        found: dict[int, list[EventRule]] = {}
        for rule, trigger in rules.matcher.triggers(ctx.sentence, ctx.mentions, state.actors):
            # Nor a part of the day before a day: "فجر اليوم" is dawn, not "blew up".
            if rule.vetoed(ctx.sentence, trigger) or in_quoted_name(ctx.sentence, trigger) \
                    or in_name(ctx, trigger) or time_of_day(ctx.sentence, trigger):
                continue  # another sense, or part of a name («فجر ليبيا», مدينة تدمر)
            if rule not in found.setdefault(trigger, []):
                found[trigger].append(rule)
        events: list[tuple[int, EventRule, Event]] = []
        partial: set[int] = set()  # ids of events kept only to join the one they retell
        for trigger in sorted(found):
            # One event per trigger word: the first rule in file order that makes one with the
            # actors it needs (a withdrawal of counted troops, else a retreat of fighters).
            # One attendee of a meeting told before is enough: "وحضر اللقاء السفير".
            for rule in sorted(found[trigger], key=rules.events.index):
                event = self._event(state, ctx, sent.source, rule, trigger, sent.dates, sent.counts)
                if event is not None and (rule.has_roles(event) or (event.roles and attends(ctx, trigger))):
                    if not rule.has_roles(event):
                        partial.add(id(event))
                    events.append((trigger, rule, event))
                    break
        # Several triggers of one incident in a sentence (مقتل … بغارة) make one event.
        merged: list[tuple[int, EventRule, Event]] = []
        triggers: dict[int, list[int]] = {}  # id(event) -> its trigger words, merged ones too
        for trigger, rule, event in events:
            # Rules that merge in the sentence merge across rules of the same class: the verb
            # and the noun of one attack (قصفت الطائرات … في غارة) make one event.
            twin = next((e for _, r, e in merged if rule.merge_in_sentence and r.merge_in_sentence
                         and r.emit == rule.emit and one_incident(ctx, triggers[id(e)][-1], trigger, found)
                         and same_agents(e, event)), None)
            if twin is None:
                merged.append((trigger, rule, event))
                triggers[id(event)] = [trigger]
                continue
            triggers[id(twin)].append(trigger)
            for role, actors in event.roles.items():
                for actor in actors:
                    twin.add_role(role, actor)
            twin.date = twin.date or event.date
            twin.force = twin.force or event.force
        # A quotation belongs to the nearest saying before it: in "وأكد X أن …، حيث أعلن Y: «…»"
        # the words are Y's.
        said = sorted(t for t, _, e in merged if e.quote)
        for trigger, _, event in merged:
            opening = min((q for q in ctx.quote_of.values() if q > trigger), default=None)
            if event.quote and opening is not None and any(trigger < t < opening for t in said):
                event.quote = None
        claimed = self._topics(state, merged, ctx)
        # An event with no actor and no force says nothing unless another event is about it.
        kept = [e for _, _, e in merged if e.roles or e.force is not None or id(e) in claimed]
        # A definite event noun that retells the happening of a sentence before is that event.
        for _, _, event in merged:
            if event not in kept:
                continue
            earlier = same_happening(state.discourse, sent.source.sentence, ctx, triggers[id(event)], event,
                                     remember=id(event) not in partial)
            if earlier is not None or id(event) in partial:
                kept.remove(event)
                for other in kept:
                    if other.topic is event:
                        other.topic = earlier
        state.facts.events.extend(kept)
        sent.events = kept
        sent.triggers = {id(e): triggers[id(e)][0] for e in kept}

    def _topics(self, state: ArticleState, merged: list[tuple[int, EventRule, Event]],
                ctx: SentenceContext) -> set[int]:
        """Topics: the nearest following event of an allowed class, not the occasion of the
        saying (:func:`occasion_of`). Returns the ids of the events that became topics."""
        hosts = {a for _, _, e in merged for role in ("origin", "location", "destination")
                 for a in e.roles.get(role, [])}
        claimed: set[int] = set()
        for i, (trigger, rule, event) in enumerate(merged):
            if not rule.topic:
                continue
            for later_trigger, _, later in merged[i + 1:]:
                if occasion_of(ctx, trigger, later_trigger):
                    continue
                # An event with no actor and no force is no topic: a statement about "الهجمات"
                # of an illness or the "انفجار" of a price bubble says nothing about attacks.
                if later.type in rule.topic and id(later) not in claimed and (later.roles or later.force):
                    event.topic = later
                    claimed.add(id(later))
                    break
            # Whose forces? The speaker's or agent's, when the topic does not say; but not
            # a country the sentence names as where forces are or leave from (the Iraqi prime
            # minister speaking of a withdrawal "from Iraq" speaks of foreign forces).
            topic = event.topic
            # A vote decides about forces, usually others': a parliament does not own them.
            if topic is not None and topic.force is not None and topic.force.of is None \
                    and rule.emit != "Vote" and topic.force.id not in state.foreign:
                for role in ("agent", "speaker"):
                    if event.roles.get(role):
                        owner = country_of(state, self.rules.gazetteer, event.roles[role][0])
                        if owner and owner not in hosts:
                            topic.force.of = owner
                            break
        return claimed

    def _event(self, state: ArticleState, ctx: SentenceContext, source: SourceRef, rule: EventRule, trigger: int,
               dates: list[TimeExpression], counts: list[TroopCount]) -> Event | None:
        s = ctx.sentence
        tword = s.word(trigger)
        discourse: Discourse = state.discourse
        event = Event(id=state.new_event_id(), type=rule.emit, source=source, rule=rule.id, trigger=tword.text)
        dual_role = next((r for r in ("party", "participant", "agent", "speaker") if r in rule.roles), None)
        if dual_role and discourse.last_pair and dual_subject(ctx, trigger):
            for actor in discourse.last_pair:
                event.add_role(dual_role, actor)
        # A dropped subject goes on with the actor the article is about, before word order can
        # take a name the verb follows ("… الأردن ومصر والعراق، وشدد على …": Iraq says nothing).
        if rule.continues and rule.continues not in event.roles \
                and dropped_subject(ctx, trigger, rule.continues in ("speaker", "agent")):
            # The subject of an earlier verb of the sentence ("ولم يتوقف الوزير عند هذا الحد بل
            # أوضح …"), else the article's last speaker. An attacker goes on only within its
            # sentence ("استولى المتمردون على صنعاء، كما سيطروا على عدن").
            allowed = rule.role_classes.get(rule.continues)
            unnamed, official = unnamed_source_before(ctx, trigger)
            # Not the article's last speaker for a verb in a clause on a noun (أغنية وصفها
            # بالجميلة): its subject is someone of that sentence.
            last = None if tword.deprel.startswith("acl") or rule.continues == "agent" else discourse.last_speaker
            actor = sentence_subject(ctx, trigger, allowed) or (official if unnamed and rule.continues != "agent"
                                                                 else last)
            if actor and agrees(tword, state.actors[actor]):
                event.add_role(rule.continues, actor)
        for role, strategies in rule.roles.items():
            if len(event.roles.get(role, [])) >= max(1, rule.needed(role)):
                continue  # filled by the pair or the continued subject (a meeting needs more)
            self._fill(state, ctx, rule, trigger, event, role, strategies)
        if "location" in rule.roles:
            self._places(state, ctx, rule, event)
        pair_role = next((r for r in ("party", "participant", "agent") if r in rule.roles), None)
        if pair_role and (pair_role != "agent" or not event.roles.get("agent")):
            dual_reference(discourse, state.actors, ctx, trigger, event, pair_role, self.rules.title_singulars)
        if rule.emit == "Statement":
            if "speaker" not in event.roles:
                return None
            discourse.last_speaker = event.roles["speaker"][0]
        if "agent" in rule.roles:
            carry_agent(discourse, source.sentence, tword, event)
        # Roles must not repeat across role names (an origin is not also an agent; the
        # attacker is not its own target).
        seen: set[str] = set()
        for role in ROLE_PRIORITY:
            if role in event.roles:
                event.roles[role] = [a for a in event.roles[role] if a not in seen]
                seen.update(event.roles[role])
                if not event.roles[role]:
                    del event.roles[role]
        if rule.quote:
            event.quote = quotation(state.text, ctx, tword)
        if rule.force:
            event.force = event_force(state, self.rules, ctx, source, trigger, counts, event)
            if event.force is None and rule.force == "required":
                return None
        event.date = nearest_date(state.text, ctx, tword, dates, self.rules.cues.since) \
            or carried_date(discourse, ctx, event)
        polarity_modality(ctx, trigger, event, self.rules.cues)
        return event

    def _fill(self, state: ArticleState, ctx: SentenceContext, rule: EventRule, trigger: int, event: Event,
              role: str, strategies: list[str]) -> None:
        """Fill ``role`` with the first strategies that find enough actors."""
        allowed = rule.role_classes.get(role)
        for strategy in strategies:
            if gives_actors(strategy):
                entries = [e for e in STRATEGIES[strategy].fn(ctx, trigger, rule) if allowed is None or e.cls in allowed]
                for entry in entries:
                    state.ensure_actor(entry)
                    event.add_role(role, entry.iri)
                if entries:
                    break
                continue
            picks = [i for i in run_strategy(strategy, ctx, trigger, rule)
                     if (allowed is None or ctx.cls(i) in allowed) and ctx.mentions[i].words[0] != trigger
                     and named_as(state, ctx.mentions[i].actor, rule.role_names.get(role))
                     and (role in PLACE_ROLES or not ctx.in_brackets(i))
                     # a place may stand in a title: "حاكم منطقة X حيث وقعت الغارة"
                     and (role in PLACE_ROLES or not set(ctx.mentions[i].words) <= ctx.title_words)
                     and not ctx.close_to(i)  # مصدر مقرب من الوزير: the minister does not speak
                     # "وقال قائد قوات محلية لرويترز": who is spoken to after ل does not speak
                     # (but the body of "خلية الصقور التابعة لوزارة الداخلية" may)
                     and not (role == "speaker" and ctx.preposition(i, after=trigger) in ADDRESSED
                              and not belongs_to(ctx, i))
                     and ctx.same_side(trigger, ctx.mentions[i].words)]
            if picks:
                if role == "speaker":  # one speaker: the person when one is named
                    picks = [next((i for i in picks if ctx.cls(i) == "Person"), picks[0])]
                for i in picks:
                    event.add_role(role, self._role_target(state, ctx, i, role))
                # Fewer than the rule needs (one party of two): the next strategies add to them.
                if len(event.roles.get(role, [])) >= rule.needed(role):
                    break

    def _places(self, state: ArticleState, ctx: SentenceContext, rule: EventRule, event: Event) -> None:
        """The event is also in the places its location lies in (في بلدة الحارة بريف درعا), and,
        unless it is something said, in the place its sentence opens with (وفي حلب، …)."""
        allowed = rule.role_classes.get("location")
        found = event.roles.get("location", [])
        picks = [c for i, m in enumerate(ctx.mentions) if m.actor in found for c in containers(ctx, i)]
        if rule.emit != "Statement":
            picks += setting(ctx)
        for i in picks:
            if allowed is None or ctx.cls(i) in allowed:
                event.add_role("location", self._role_target(state, ctx, i, "location"))

    def _role_target(self, state: ArticleState, ctx: SentenceContext, index: int, role: str) -> str:
        """A capital resolved as a place stays a place for location roles; for
        agent-like roles it is the country's government."""
        m = ctx.mentions[index]
        gazetteer = self.rules.gazetteer
        if m.as_place and role in ("agent", "party", "participant", "speaker"):
            entry = gazetteer.lookup(m.text)
            if entry is not None and entry.capital_of:
                country = gazetteer.entry(entry.capital_of)
                state.ensure_actor(country)
                return country.iri
        return m.actor


CIRCUMSTANCES = lexicon.words("circumstance_words")
ADDRESSED = lexicon.words("addressee_prepositions")
BELONGING = lexicon.words("belonging_words")


def belongs_to(ctx: SentenceContext, index: int) -> bool:
    """The mention follows a word of belonging (lexicon ``belonging_words``: التابعة لـ)."""
    first = ctx.mentions[index].words[0]
    s = ctx.sentence
    prev = first - 1
    while prev >= 1 and s.word(prev).token == s.word(first).token:
        prev -= 1  # ل of لوزارة
    while prev >= 1 and s.word(prev).upos == "ADP":
        prev -= 1
    return prev >= 1 and s.word(prev).norm in BELONGING


def occasion_of(ctx: SentenceContext, saying: int, trigger: int) -> bool:
    """The event at ``trigger`` is the occasion of the saying at ``saying``, not what is said:
    a circumstance word (lexicon ``circumstance_words``: خلال، أثناء) stands right before it
    (or before its preposition), and no subordinator or colon lies between the two: "وقال
    الرئيس خلال زيارة إلى الكويت: …" (the visit is no topic of what he said)."""
    s = ctx.sentence
    if trigger <= saying + 1:
        return False
    before = [s.word(w).norm for w in range(max(1, trigger - 2), trigger)]
    if not CIRCUMSTANCES.intersection(before):
        return False
    return not any(s.word(w).norm in SUBORDINATORS or s.word(w).text == ":" for w in range(saying + 1, trigger))


# Farther apart than this, two triggers of a sentence tell two incidents.
INCIDENT_REACH = 30


def one_incident(ctx: SentenceContext, first: int, second: int, triggers: Iterable[int]) -> bool:
    """Two triggers of a sentence tell one incident (مقتل 14 شخصا في هجوم انتحاري; قصفت
    الطائرات المواقع في غارات) unless they are far apart or a new conjunct with its own verb or
    trigger starts between them after a comma ("… تفجير انتحاري في سوروج، ومقتل جندي …"; not
    "اغتيال المهندس، وقاسم سليماني، في غارة")."""
    s = ctx.sentence
    lo, hi = sorted((first, second))
    if hi - lo > INCIDENT_REACH:
        return False
    return not any(ctx.new_conjunct(w) and (w + 2 in triggers or s.word(w + 2).upos == "VERB")
                   for w in range(lo + 1, hi - 1))


def same_agents(a: Event, b: Event) -> bool:
    """Two triggers whose agents are both named and share none tell two incidents: "لا ضربات
    إسرائيلية استباقية ولا حاجة لضربة أمريكية"."""
    x, y = set(a.roles.get("agent", [])), set(b.roles.get("agent", []))
    return not (x and y and not x & y)


def in_name(ctx: SentenceContext, trigger: int) -> bool:
    """The trigger word is part of a person's or a place's name: مدينة تدمر is Palmyra, not
    "destroys"."""
    index = ctx.by_word.get(trigger)
    return index is not None and ctx.cls(index) in ("Person", "Place")


def named_as(state: ArticleState, iri: str, firsts: tuple[str, ...] | None) -> bool:
    """The actor has a name starting with one of ``firsts`` (any name, when None)."""
    if not firsts:
        return True
    actor = state.actors[iri]
    return any(clitics.without_article(normalize_ar(name)).startswith(firsts)
               for name in [actor.label_ar, *actor.alt_labels_ar])


def quotation(text: str, ctx: SentenceContext, tword: Word) -> str | None:
    """The words quoted after the trigger: the first quotation of speech after it (more than
    a few words, see :func:`~kg.extract.context.opens_quotation`), not a quoted name such as
    لـ«الشرق الأوسط» or «داعش»."""
    opening = min((q for q in ctx.quote_of.values() if q > tword.id), default=None)
    if opening is None:
        return None
    inside = sorted(w for w, q in ctx.quote_of.items() if q == opening)
    s = ctx.sentence
    return text[s.word(inside[0]).start:s.word(inside[-1]).end].strip() or None
