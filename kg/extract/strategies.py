"""Role-filling strategies: a registry of named procedures.

Each strategy takes the sentence context, the trigger's word id and the rule
whose roles are being filled, and returns mention indices (into
``ctx.mentions``), best first; ``demonym`` returns actors' gazetteer entries
instead. Rules name them in ``roles:`` (``subject``, ``prep:من|إلى``, joined
with ``+`` for a union), tried in order until one finds enough actors: the
parse first, then word order, because parsers err and Arabic is often
verb-first.

To add a strategy: write ``def s_name(ctx, trigger, rule) -> list[int]`` here
(or in :mod:`.clauses`, for one that reads the whole clause, :mod:`.speakers`, for
who speaks, :mod:`.targets`, for who hits and who is hit, :mod:`.casualties`, for
the killed and wounded of an attack, or :mod:`.coordination`, for verbs joined by و) with a docstring
naming the construction and an example, register it in :data:`STRATEGIES`, and
use it in a rule with a roles example.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from ..gazetteer import Entry
from ..lang.ar import clitics, lexicon, normalize_ar
from .casualties import s_casualties
from .claims import s_claimed
from .clauses import (SUBORDINATORS, attacked_place, conjuncts, fronted_subject, group_after, group_before,
                      in_quantity_phrase, relative_of_indefinite, s_gathered, s_places, s_relative, s_subject, s_witness,
                      time_of_day)
from .context import COMMAS, SentenceContext, opens_quotation
from .coordination import coordinated_adjectives, s_shared
from .speakers import s_attributed, s_reported, s_source
from .targets import (doer_genitive, patient_noun, s_by, s_genitive, s_object, s_object_demonym, s_possessor,
                      s_undergoer)

if TYPE_CHECKING:  # pragma: no cover
    from .ruleset import EventRule

COUNTERPART = lexicon.words("counterparts")
PLACE_RELATIVES = lexicon.words("place_relatives")
KILL_VERBS = lexicon.words("casualty_verbs")
BETWEEN = lexicon.word("between")


def s_after(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """Actors right after the trigger, up to the next verb or sentence break (VSO order); not
    the doer of a verbal noun (:func:`doer_genitive`)."""
    return [i for i in group_after(ctx, trigger) if not doer_genitive(ctx, trigger, i)]


def s_vso(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """Actors right after a verb that opens its clause (VSO order: "ورحب الوزير الأردني أيمن
    الصفدي بالقرار"), not after a verb that qualifies the noun before it ("قرارا يطالب
    إسرائيل": Israel is asked, the resolution asks). The subject is the first noun after the
    verb: when it names no actor ("وأدان الوزير استهداف التحالف") nobody later speaks."""
    s = ctx.sentence
    prev = trigger - 1
    while prev >= 1 and s.word(prev).upos in ("CCONJ", "PART"):
        prev -= 1
    if prev >= 1 and prev not in ctx.by_word and s.word(prev).upos in ("NOUN", "ADJ", "X", "PROPN"):
        return []
    if _fronted_common_subject(ctx, trigger):
        return []
    found = group_after(ctx, trigger)
    nxt = trigger + 1
    while nxt <= len(s.words) and s.word(nxt).upos in ("PUNCT", "PART", "ADV"):
        nxt += 1
    if found and nxt <= len(s.words) and nxt not in ctx.by_word and nxt not in ctx.title_words \
            and s.word(nxt).upos in ("NOUN", "X", "PROPN") and nxt < ctx.mentions[found[0]].words[0]:
        return []
    return found


def _fronted_common_subject(ctx: SentenceContext, trigger: int) -> bool:
    """The parse gives the verb a definite noun subject before it that names no actor, in its
    own clause (no verb or subordinator between): "الفقرة الثالثة من القرار، تدعو سوريا
    إلى …" (the paragraph calls; Syria is called on). The name after the verb is its object."""
    s = ctx.sentence
    for child in s.children(trigger):
        if child.id < trigger and child.deprel.startswith("nsubj") and child.upos == "NOUN" \
                and child.id not in ctx.by_word and child.id not in ctx.title_words \
                and child.norm.startswith(clitics.ARTICLE) \
                and not any(s.word(w).upos == "VERB" or s.word(w).norm in SUBORDINATORS
                            for w in range(child.id + 1, trigger)):
            return True
    return False


def s_before(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """Actors right before the trigger, back to the previous verb (SVO order, titles), unless
    the parse gives the verb a noun subject after it. A
    verb after أن/إن takes the whole noun phrase between them, however long: "أكدت مصادر أن
    عشرات المسلحين ومقاتلي العشائر الموالية للحكومة، فروا من …"."""
    s = ctx.sentence
    window = 8
    if s.word(trigger).upos == "VERB":
        if any(c.deprel.startswith("nsubj") and c.id > trigger and c.upos in ("NOUN", "PROPN")
               and not any(s.word(w).norm in SUBORDINATORS for w in range(trigger + 1, c.id))
               for c in s.children(trigger)):
            return []  # "…، كما أعلنت السلطات المحلية": the subject after the verb speaks
        if relative_of_indefinite(ctx, trigger):
            return []  # "المسلحين عبروا … وهو اتهام تنفيه السلطات": not the gunmen
        for wid in range(trigger - 1, max(0, trigger - 21), -1):
            w = s.word(wid)
            if ctx.is_break(w) or (w.upos == "VERB" and wid not in ctx.by_word):
                break
            if w.norm in SUBORDINATORS:
                window = trigger - wid
                break
    return group_before(ctx, trigger, rule, window=window)


def s_prep(ctx: SentenceContext, trigger: int, rule: EventRule | None, names: str) -> list[int]:
    """Mentions governed by one of the prepositions ``names`` (``من|إلى``), within the
    trigger's subtree or the next 14 words, and their conjuncts: انسحاب القوات من العراق.
    Names and titles do not count in the 14 ("اجتمع الأمير محمد بن سلمان ولي ولي
    العهد … وزير الدفاع في جدة")."""
    wanted = {normalize_ar(n) for n in names.split("|")}
    subtree = ctx.subtree(trigger, limit=14)
    verb = _carrier(ctx, trigger, rule)
    named = ctx.title_words | {w for m in ctx.mentions for w in m.words}
    out: list[int] = []
    for idx, m in enumerate(ctx.mentions):
        reach = sum(1 for w in range(trigger + 1, m.words[0]) if w not in named)
        if not (trigger < m.words[0] and reach < 14 or m.words[0] in subtree
                or (verb is not None and verb < m.words[0] < trigger)):
            continue
        if m.words[0] > trigger and any(ctx.new_conjunct(w) for w in range(trigger + 1, m.words[0])):
            continue  # "تفجير في حلب، ومقتل جندي في إدلب": Idlib is the killing's
        if ctx.preposition(idx, after=trigger if m.words[0] > trigger else 0) in wanted:
            out.append(idx)
            out.extend(i for i in conjuncts(ctx, idx) if i not in out)
    return sorted(set(out), key=lambda i: abs(ctx.mentions[i].words[0] - trigger))


def _carrier(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> int | None:
    """For a noun trigger of a rule with ``governors``: the governing verb before it, by word
    order within ten words, whose prepositional phrases are the noun's ("توصلت إيران مع
    القوى الكبرى إلى اتفاق": the deal is with the powers)."""
    s = ctx.sentence
    if rule is None or not rule.governors or s.word(trigger).upos == "VERB":
        return None
    for wid in range(trigger - 1, max(0, trigger - 10), -1):
        w = s.word(wid)
        if ctx.is_break(w):
            return None
        if w.upos == "VERB" and not time_of_day(s, wid):  # not ظهر of "ظهر أمس"
            return wid if rule.governs(w) else None
    return None


def s_between(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """بين X و Y: both sides, a few words before the trigger or later in its phrase
    (up to the next verb or break: "اتفاقية الإطار لعام 2008 الخاصة بالتعاون بين X و Y")."""
    s = ctx.sentence
    after = []
    # After a verb, بين belongs to its object ("بحث الوزيران العلاقات بين البلدين"), not to the event.
    for wid in range(trigger + 1, min(len(s.words), trigger + 16) + 1 if s.word(trigger).upos != "VERB" else 0):
        if ctx.is_break(s.word(wid)) or s.word(wid).upos == "VERB":
            break
        after.append(wid)
    for wid in [*range(max(1, trigger - 6), trigger), *after]:
        if s.word(wid).norm == BETWEEN:
            comma = next((c for c in range(wid + 1, len(s.words) + 1) if s.word(c).text in COMMAS), None)
            group = [i for i in group_after(ctx, wid, window=12, stop_at_verb=True, free_only=False)
                     if comma is None or ctx.mentions[i].words[0] < comma]
            # A preposition with no و before the next name ends the sides: "بين روسيا والولايات
            # المتحدة على وقف إطلاق النار في سوريا" (Syria is where, not a side); "بين وزارة
            # الخارجية في مصر ووزارة الخارجية في الأردن" goes on.
            for k in range(1, len(group)):
                gap = range(ctx.mentions[group[k - 1]].words[-1] + 1, ctx.mentions[group[k]].words[0])
                if any(s.word(g).upos == "ADP" for g in gap) and not any(s.word(g).upos == "CCONJ" for g in gap):
                    group = group[:k]
                    break
            # A long list goes on past the window while و joins the next name (seven parties).
            while group:
                nxt = ctx.mentions[group[-1]].words[-1] + 2
                if nxt > len(s.words) or s.word(nxt - 1).upos != "CCONJ" or ctx.by_word.get(nxt) is None \
                        or ctx.by_word[nxt] in group or ctx.mentions[ctx.by_word[nxt]].words[0] != nxt:
                    break
                group.append(ctx.by_word[nxt])
            if len(group) >= 2:
                return group
    return []


def s_verb_subject(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """For a noun trigger (قرارا، اتفاق): the subject of the nearest verb before it, by word
    order when the parse hangs the noun elsewhere; for a rule with ``governors``, only when
    that verb is one ("شنت القوات الموالية للحكومة هجمات على …"). A governor the tagger took
    for a noun counts when actors stand between it and the trigger ("وشن المسلحون هجمات",
    with وشن tagged NOUN); one with none is a verbal noun ("واصلت الطائرات شن غاراتها"), and
    the search goes on to the verb before it."""
    s = ctx.sentence
    if s.word(trigger).upos == "VERB" or relative_of_indefinite(ctx, trigger):
        return []  # a verb has its own subject: "…، كما أعلنت السلطات" is not قتل's subject
    counted, depth = 0, 0  # words in brackets do not count: "في أواخر آب (أغسطس) الماضي"
    for wid in range(trigger - 1, 0, -1):
        w = s.word(wid)
        depth += (w.text == ")") - (w.text == "(")
        counted += depth <= 0 and w.text not in "()"
        if ctx.is_break(w) or counted >= 10:
            break
        if w.upos != "VERB" and wid not in ctx.by_word and rule is not None and rule.governors \
                and rule.governs(w):
            found = [i for i in group_after(ctx, wid, window=trigger - wid) if ctx.mentions[i].words[0] < trigger]
            if found or fronted_subject(ctx, wid):
                return found or fronted_subject(ctx, wid)
            continue
        if w.upos == "VERB" and not in_quantity_phrase(ctx, wid) and not time_of_day(s, wid):
            if rule is not None and not rule.governs(w):
                # "أنه قتل 100 مسلح في عملية": with a pronoun subject the killing verb is
                # active, and who killed made the attack (not "قتل 100 مسلح في عملية").
                killer = pronoun_subject(ctx, wid) if w.norm in KILL_VERBS else []
                return [i for i in killer if ctx.mentions[i].words[0] < trigger]
            found = s_subject(ctx, wid, rule) or group_after(ctx, wid, window=trigger - wid) \
                or fronted_subject(ctx, wid) or pronoun_subject(ctx, wid)
            return [i for i in found if ctx.mentions[i].words[0] < trigger]
    return []


def pronoun_subject(ctx: SentenceContext, verb: int) -> list[int]:
    """The subject of a verb that opens with "أنه" / "أنها" (a subordinator with a pronoun
    right before it) is the subject of the verb of saying before the subordinator: in
    "وصرح الجيش التشادي أنه قتل 100 مسلح في عملية عسكرية" the army killed them."""
    s = ctx.sentence
    if verb < 3:
        return []
    token = s.tokens[s.word(verb - 1).token]
    first = s.word(token.words[0])
    if len(token.words) < 2 or s.word(verb - 1).upos != "PRON" \
            or clitics.strip_conjunction(first.norm) not in SUBORDINATORS:
        return []
    for wid in range(token.words[0] - 1, max(0, token.words[0] - 8), -1):
        w = s.word(wid)
        if ctx.is_break(w):
            return []
        if w.upos == "VERB":
            return [i for i in s_subject(ctx, wid, None) if ctx.mentions[i].words[0] < token.words[0]]
    return []


def s_persons(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """Every person named in the same clause after the trigger (meeting sentences
    list their participants, often behind long title phrases)."""
    out = []
    for wid in range(trigger + 1, min(len(ctx.sentence.words), trigger + 30) + 1):
        w = ctx.sentence.word(wid)
        if ctx.is_break(w) or opens_quotation(ctx.sentence, wid) or (w.upos == "VERB" and wid not in ctx.by_word):
            break
        idx = ctx.by_word.get(wid)
        if idx is not None and idx not in out and ctx.cls(idx) == "Person":
            out.append(idx)
    return out


def s_possessive(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """Whose the trigger noun is, by its possessive pronoun: "المجزرة التي ارتكبتها قوات
    الأسد نتيجة استهدافها القرية" (the forces target), "نسبت الوكالة إلى الوزير قوله لدى
    اجتماعه مع …" (the minister meets). The pronoun refers to the nearest actor named before
    the trigger in the sentence, not a place."""
    s, t = ctx.sentence, ctx.sentence.word(trigger)
    token = s.tokens[t.token]
    suffixed = any(s.word(w).upos == "PRON" for w in token.words if w > trigger) or \
        t.lemma_norm in clitics.pronoun_suffix_stems(t.norm)  # استهدافها, unsplit
    if not suffixed:
        return []
    # The pronoun of a noun whose genitive is hit (استهدافها) is its doer only before an object:
    # in "إسقاط طائرة للجيش بعد استهدافها بالمضادات" the aircraft is hit.
    after = s.word(token.words[-1] + 1) if token.words[-1] < len(s.words) else None
    if patient_noun(t) and (after is None or after.upos not in ("NOUN", "PROPN", "X")
                            or clitics.governing_preposition(after.norm) is not None):
        return []
    for wid in range(trigger - 1, 0, -1):
        idx = ctx.by_word.get(wid)
        if idx is not None and ctx.cls(idx) != "Place" and not ctx.mentions[idx].as_place:
            return [idx]
    return []


def s_counterpart(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """Both sides when one is named as the other's counterpart ("لبحث مع نظيره العراقي فؤاد
    حسين"): the counterpart after the trigger and the nearest person (or actor) before it."""
    s = ctx.sentence
    other = None
    for wid in range(trigger + 1, min(len(s.words), trigger + 4) + 1):
        w = s.word(wid)
        if w.norm in COUNTERPART or s.tokens[w.token].norm in COUNTERPART:
            other = next((ctx.by_word[x] for x in range(wid + 1, min(len(s.words), wid + 5) + 1)
                          if x in ctx.by_word), None)
            break
    if other is None:
        return []
    before = [ctx.by_word[w] for w in range(trigger - 1, 0, -1) if w in ctx.by_word]
    same = [i for i in before if ctx.cls(i) == ctx.cls(other)]
    first = (same or before or [None])[0]
    return [first, other] if first is not None and first != other else []




def s_demonym(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[Entry]:
    """Nationality adjectives on the trigger name the countries involved: غارة أمريكية,
    الحوار الاستراتيجي الأمريكي العراقي, اتفاق عراقي تركي. Gives gazetteer entries."""
    s = ctx.sentence
    near = {c.id for c in s.children(trigger) if c.deprel.startswith("amod") and c.id not in ctx.by_word}
    for wid in range(trigger + 1, min(len(s.words), trigger + 4) + 1):
        # A demonym inside a mention is the mention's (قصف الجيش السوري: the army, not Syria).
        if s.word(wid).upos not in ("ADJ", "X", "NOUN") or wid in ctx.by_word:
            break
        near.add(wid)
    return _demonyms(ctx, near)


def _demonyms(ctx: SentenceContext, near: Iterable[int]) -> list[Entry]:
    """The countries of the nationality adjectives at ``near`` and of the adjectives joined
    to them by و (:func:`.coordination.coordinated_adjectives`: غارات أمريكية وبريطانية)."""
    s = ctx.sentence
    words = {w for w in near if w <= len(s.words) and w not in ctx.by_word}
    out: list[Entry] = []
    for wid in sorted(words | {c for w in words if ctx.gazetteer.demonym(s.word(w).text) is not None
                               for c in coordinated_adjectives(ctx, w)}):
        entry = ctx.gazetteer.demonym(s.word(wid).text)
        if entry is not None and entry.iri not in {e.iri for e in out}:
            out.append(entry)
    return out


def s_subject_demonym(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[Entry]:
    """A nationality adjective on the subject of the verb that carries a noun trigger (or of a
    verb trigger): "شنت الطائرات الأمريكية غارة" → the United States. Gives gazetteer entries."""
    s = ctx.sentence
    t = s.word(trigger)
    verb = trigger if t.upos == "VERB" else t.head
    if not verb or (t.upos != "VERB" and (s.word(verb).upos != "VERB"
                                          or (rule is not None and not rule.governs(s.word(verb))))):
        return []
    subjects = [c for c in s.children(verb) if c.deprel.startswith("nsubj") and c.id not in ctx.by_word]
    if not subjects and verb + 1 <= len(s.words) and verb + 1 not in ctx.by_word \
            and s.word(verb + 1).upos in ("NOUN", "X"):
        subjects = [s.word(verb + 1)]  # VSO: the noun right after the verb
    # A house or position after the verb is hit, whatever the parse says: in "استهدف
    # منزل قيادي حوثي" the Houthis are not the attackers.
    subjects = [c for c in subjects if not (c.id > verb and attacked_place(c))]
    out: list[Entry] = []
    for subj in subjects:
        near = [c.id for c in s.children(subj.id) if c.deprel.startswith("amod")] + [subj.id + 1]
        # The adjectives that follow, in a run (طائرات حربية تركية: the nationality comes second).
        wid = subj.id + 1
        while wid < min(len(s.words), subj.id + 3) and wid not in ctx.by_word and s.word(wid).upos in ("ADJ", "NOUN"):
            wid += 1
            near.append(wid)
        out.extend(e for e in _demonyms(ctx, near) if e.iri not in {o.iri for o in out})
    return out


@dataclass(frozen=True)
class Strategy:
    """A named strategy. ``gives`` is ``mentions`` (indices into ``ctx.mentions``) or
    ``actors`` (gazetteer entries, which cannot be joined with ``+``); a strategy with
    ``takes_argument`` is written ``name:arg`` (``prep:من|إلى``)."""

    name: str
    fn: Callable[..., list]
    gives: str = "mentions"
    takes_argument: bool = False


def s_where(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """The place before حيث (lexicon ``place_relatives``) when the trigger is in the clause it
    opens: "حاكم منطقة الشونة حيث وقعت الغارة", "في ولاية هلمند حيث تدور المعارك". حيث stands
    within three words before the trigger, with no break between."""
    s = ctx.sentence
    for wid in range(trigger - 1, max(1, trigger - 4), -1):
        if ctx.is_break(s.word(wid)):
            return []
        if s.word(wid).norm in PLACE_RELATIVES:
            idx = ctx.by_word.get(wid - 1)
            return [idx] if idx is not None and ctx.cls(idx) in ("Place", "Country") else []
    return []


STRATEGIES: dict[str, Strategy] = {s.name: s for s in (
    Strategy("counterpart", s_counterpart),
    Strategy("claimed", s_claimed),
    Strategy("attributed", s_attributed),
    Strategy("reported", s_reported),
    Strategy("source", s_source),
    Strategy("possessive", s_possessive),
    Strategy("verb_subject", s_verb_subject),
    Strategy("persons", s_persons),
    Strategy("subject", s_subject),
    Strategy("after", s_after),
    Strategy("vso", s_vso),
    Strategy("before", s_before),
    Strategy("object", s_object),
    Strategy("genitive", s_genitive),
    Strategy("possessor", s_possessor),
    Strategy("by", s_by),
    Strategy("undergoer", s_undergoer),
    Strategy("casualties", s_casualties),
    Strategy("between", s_between),
    Strategy("places", s_places),
    Strategy("witness", s_witness),
    Strategy("where", s_where),
    Strategy("relative", s_relative),
    Strategy("gathered", s_gathered),
    Strategy("shared", s_shared),
    Strategy("prep", s_prep, takes_argument=True),
    Strategy("demonym", s_demonym, gives="actors"),
    Strategy("subject_demonym", s_subject_demonym, gives="actors"),
    Strategy("object_demonym", s_object_demonym, gives="actors"),
)}


def gives_actors(name: str) -> bool:
    """The strategy (a single name, not a ``+`` union) gives actors, not mentions."""
    return "+" not in name and STRATEGIES[name.partition(":")[0]].gives == "actors"


def run_strategy(name: str, ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """Run one mention strategy, or the union of several joined by '+', best first."""
    out: list[int] = []
    for part in name.split("+"):
        base, _, arg = part.partition(":")
        strategy = STRATEGIES[base]
        found = strategy.fn(ctx, trigger, rule, arg) if strategy.takes_argument else strategy.fn(ctx, trigger, rule)
        out.extend(i for i in found if i not in out)
    return out
