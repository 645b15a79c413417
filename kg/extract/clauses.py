"""Clauses and groups of actors: the building blocks of the role strategies
(:mod:`.strategies`), and the strategies that read a whole clause.

``group_after`` / ``group_before`` collect the actors beside a word by word
order, up to a verb, a subordinator or a break; ``s_subject`` reads the parse's
subject; ``s_places``, ``s_witness`` and ``s_relative`` find a location or an
agent elsewhere in the trigger's clause (a place with no preposition, a place
that witnesses the event, the subject of a relative clause on the trigger).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..dates import is_weekday
from ..lang.ar import clitics, lexicon, proclitic_variants, strip_article
from .context import PARTITIVE_OF, QUOTE_MARKS, SentenceContext, opens_quotation
from .coordination import conjuncts
from .names import outlet_noun

if TYPE_CHECKING:  # pragma: no cover
    from .ruleset import EventRule

NAME_DEPRELS = ("nmod", "flat", "appos", "amod", "conj", "cc", "compound", "name", "det", "punct")
SUBORDINATORS = lexicon.words("subordinators")
RELATIVES = lexicon.words("relatives")
KANA = lexicon.words("kana_verbs")
WITNESS = lexicon.words("witness_verbs")
GATHER = lexicon.words("gather_verbs")
CLAUSE_LINKS = lexicon.words("clause_links")
CLAUSE_PRONOUNS = lexicon.words("clause_pronouns")
QUANTITY_VERBS = lexicon.words("quantity_verbs")
QUANTITY_OPENER = "ما"
ATTACKED = lexicon.words("attacked_things")
PERSON_PREFIXES = clitics.IMPERFECT[:2]  # he / she (or they): يفيد، تنفي
ATTACKED_PLACES = lexicon.words("attacked_places")
MEMBER_NOUNS = lexicon.words("member_nouns")
KIN_NOUNS = lexicon.words("kin_nouns")
TIMES_OF_DAY = lexicon.words("times_of_day")
TIME_AFTER = lexicon.words("time_after")
WITNESS_REACH = 8  # words back from an event noun to the verb that witnesses it, place name and time between


def word_in(w, words: frozenset[str]) -> bool:  # noqa: ANN001 - a Word
    """The word is one of ``words`` by its lemma, or by its form without proclitics and article."""
    return w.lemma_norm in words or any(strip_article(v) in words for v in proclitic_variants(w.norm))


def attacked_thing(w) -> bool:  # noqa: ANN001 - a Word
    """A position, base, vehicle or fighters (lexicon ``attacked_things``), by lemma or form."""
    return word_in(w, ATTACKED)


def relative_of_indefinite(ctx: SentenceContext, trigger: int) -> bool:
    """An imperfect verb right after an indefinite noun is that noun's relative clause: in
    "تلقت الغرفة بلاغا من شخص يفيد بأن …" the caller says it, and in "وهو اتهام تنفيه
    السلطات" the authorities deny the charge; neither goes on with an actor named before."""
    s = ctx.sentence
    prev, t = (s.word(trigger - 1) if trigger > 1 else None), s.word(trigger)
    form = clitics.strip_conjunction(t.norm)
    # Tagged as a noun, only a short form is the verb (تنفي), not a verbal noun (تفجير، تصريح).
    if form[:1] not in PERSON_PREFIXES or (t.upos not in ("VERB", "X") and len(form) > 4):
        return False
    return prev is not None and prev.upos == "NOUN" and trigger - 1 not in ctx.by_word \
        and not prev.norm.startswith(clitics.ARTICLE) and not clitics.indefinite_accusative(prev.text, prev.norm)


def time_of_day(s, wid: int) -> bool:  # noqa: ANN001 - a Sentence
    """Word ``wid`` is a part of the day before a day (lexicons ``times_of_day``,
    ``time_after``): "ظهر أمس", "فجر الأحد", however it is tagged."""
    norm = s.word(wid).norm
    # فجر itself starts with what looks like the conjunction ف.
    if wid >= len(s.words) or (norm not in TIMES_OF_DAY and clitics.strip_conjunction(norm) not in TIMES_OF_DAY):
        return False
    nxt = s.word(wid + 1).norm
    return nxt in TIME_AFTER or is_weekday(nxt)


def is_kin(s, w) -> bool:  # noqa: ANN001 - a Sentence and a Word
    """A noun of kin (lexicon ``kin_nouns``), by form, lemma or whole token (the tokeniser may
    split والدة into و + الدة)."""
    return clitics.strip_conjunction(w.norm) in KIN_NOUNS or w.lemma_norm in KIN_NOUNS \
        or s.tokens[w.token].norm in KIN_NOUNS


def _kin_between(ctx: SentenceContext, subject: int, index: int) -> bool:
    """A noun of kin (lexicon ``kin_nouns``) heads the subject's phrase above mention
    ``index``: in "أكدت والدة اللاعب سامي" the mother is the subject, not the player."""
    s, words = ctx.sentence, set(ctx.mentions[index].words)
    wid, seen = ctx.head_of(index).head, 0
    while wid and wid not in words and seen < 8:
        w = s.word(wid)
        if is_kin(s, w):
            return True
        if wid == subject:
            break
        wid, seen = w.head, seen + 1
    return False


def attacked_place(w) -> bool:  # noqa: ANN001 - a Word
    """A place or building that is hit (lexicon ``attacked_places``), by lemma or form."""
    return word_in(w, ATTACKED_PLACES)


def _owned_after_subject(ctx: SentenceContext, subject: int, wid: int) -> bool:
    """Word ``wid``, after the subject's head and its first genitive, is a position, vehicle or
    fighters of someone's (lexicon ``attacked_things``) that the parse hung on the subject, with
    no preposition or conjunction before it: in "قصفت طائرات الجيش مواقع للمسلحين" the
    positions are the object, and their owner is no attacker."""
    s = ctx.sentence
    w, prev = s.word(wid), s.word(wid - 1)
    if wid <= subject + 1 or wid in ctx.by_word or w.upos not in ("NOUN", "X") or not attacked_thing(w):
        return False
    if clitics.has_conjunction(w.norm) or prev.upos in ("ADP", "CCONJ", "PUNCT") or w.deprel == "conj":
        return False
    return not any(c.deprel == "case" for c in s.children(wid))


def in_quantity_phrase(ctx: SentenceContext, wid: int) -> bool:
    """Word ``wid`` is the verb of "ما لا يقل عن" / "ما يزيد على" (lexicon ``quantity_verbs``):
    part of a count, not a clause of its own."""
    s = ctx.sentence
    if s.word(wid).norm not in QUANTITY_VERBS:
        return False
    before = [s.word(w).norm for w in range(max(1, wid - 2), wid)]
    return QUANTITY_OPENER in before


def fronted_subject(ctx: SentenceContext, verb: int) -> list[int]:
    """The actor between a subordinator and its verb, by word order: the subject put first
    in "أعلن المرصد أن الطيران الحربي الروسي شن غارات" (the air force strikes), when the
    parse hangs it elsewhere."""
    s = ctx.sentence
    idx = ctx.by_word.get(verb - 1)
    if idx is None or verb in ctx.by_word:
        return []
    first = ctx.mentions[idx].words[0]
    if first < 2 or s.word(first - 1).norm not in SUBORDINATORS:
        return []
    return [idx]


def group_after(ctx: SentenceContext, trigger: int, window: int = 20, stop_at_verb: bool = True,
                 free_only: bool = True) -> list[int]:
    """Mentions after the trigger, up to a verb, a subordinator, a clause link (لكن، بينما:
    lexicon ``clause_links``), a preposition or a sentence break. With ``free_only``, mentions
    governed by a preposition are left to the prep: strategies."""
    out: list[int] = []
    s = ctx.sentence
    for wid in range(trigger + 1, min(len(s.words), trigger + window) + 1):
        w = s.word(wid)
        if wid in ctx.by_word:
            idx = ctx.by_word[wid]
            if idx not in out and not (free_only and ctx.preposition(idx, after=trigger, phrase=True) is not None):
                out.append(idx)
            continue
        if ctx.is_break(w) or w.norm in SUBORDINATORS or w.upos == "SCONJ" or opens_quotation(s, wid) \
                or clitics.strip_conjunction(w.norm) in CLAUSE_LINKS or w.norm in CLAUSE_LINKS:
            break
        if stop_at_verb and w.upos == "VERB":
            break
        if not out and w.upos in ("NOUN", "X") and is_kin(s, w):
            break  # "أكدت والدة اللاعب سامي الحربي": the mother speaks, not the player
        if free_only and w.upos == "ADP" and len(s.tokens[w.token].words) == 1 and not ctx.partitive(wid):
            break
    return out


def _member_of(ctx: SentenceContext, index: int) -> bool:
    """Mention ``index`` is the group after "من" of a noun of armed men (lexicon
    ``member_nouns``): مسلحين من الحركة, عناصر من التنظيم. Not a place: "مقاتلون من المدينة"."""
    first = ctx.mentions[index].words[0]
    s = ctx.sentence
    if first < 3 or ctx.cls(index) in ("Place", "Country") or s.word(first - 1).norm != PARTITIVE_OF:
        return False
    noun = s.word(first - 2)
    return clitics.strip_conjunction(noun.norm) in MEMBER_NOUNS or noun.norm in MEMBER_NOUNS


def group_before(ctx: SentenceContext, trigger: int, rule: EventRule | None, window: int = 8) -> list[int]:
    out: list[int] = []
    s = ctx.sentence
    for wid in range(trigger - 1, max(0, trigger - window), -1):
        w = s.word(wid)
        if wid in ctx.by_word:
            idx = ctx.by_word[wid]
            if idx not in out and (ctx.preposition(idx, phrase=True) is None or _member_of(ctx, idx)):
                out.append(idx)
            continue
        if w.upos == "VERB" and s.word(trigger).upos != "VERB" and rule is not None \
                and not rule.governs(w):
            return []  # the subject of another verb: "أدان نتنياهو الاتفاق"
        if ctx.is_break(w) or w.upos == "VERB" or w.norm in SUBORDINATORS:
            break
        # A trigger in a prepositional phrase that completes a noun: what stands before the
        # preposition belongs to that noun ("موقف العراق من تقليص القوات": Iraq does not
        # reduce), unlike after a verb ("توصل بغداد وواشنطن إلى اتفاق").
        t = s.word(trigger)
        if w.upos == "ADP" and len(s.tokens[w.token].words) == 1 and wid == trigger - 1 \
                and t.head and s.word(t.head).upos in ("NOUN", "PROPN", "X") and t.head < wid:
            break
    return out


def s_subject(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """The trigger's nsubj (or its governing verb's, for a noun trigger), its
    conjuncts, and actors inside a title phrase (وزير الخارجية فؤاد حسين)."""
    s = ctx.sentence
    t = s.word(trigger)
    governors = [trigger]
    # A noun trigger takes its verb's subject, unless أن/إن stands between them: in
    # "لفت الصحاف إلى أن الحوار عقد" the speaker is not a party to the dialogue.
    if t.upos != "VERB" and t.head and not any(
            s.word(w).norm in SUBORDINATORS
            for w in range(min(t.head, trigger) + 1, max(t.head, trigger))) \
            and (rule is None or rule.governs(s.word(t.head))):
        governors.append(t.head)
    governors.extend(_raising_verbs(s, governors[-1], rule))
    for gov in governors:
        out: list[int] = []
        first = True  # a second nsubj of one verb is a mis-parsed object (قصفت المدفعية مواقع الحزب)
        for child in s.children(gov):
            if child.id == trigger:
                continue  # the noun trigger itself, parsed as its verb's subject
            if child.id > gov and any(s.word(w).norm in SUBORDINATORS or s.word(w).norm in CLAUSE_LINKS
                                      for w in range(gov + 1, child.id)):
                continue  # "قال الديمقراطيون إن مفاوضي موسكو …", "… لكن فرانك": another clause's subject
            # A subject takes no preposition: in "قال الخزرجي لـ«الشرق الأوسط»" the paper is addressed.
            if child.deprel.startswith(("nsubj", "csubj")) and child.id < gov and child.upos == "NOUN" \
                    and child.id not in ctx.by_word and clitics.indefinite_accusative(child.text, child.norm):
                continue  # an accusative is no subject: "وردا على أسئلة الوكالة، قال مسؤول"
            if child.deprel.startswith(("nsubj", "csubj")) and first and not any(
                    c.deprel == "case" for c in s.children(child.id)):
                # A relative pronoun parsed as a subject (الاتفاق الذي توصلت إليه تركيا) leaves
                # the verb its real subject.
                first = child.upos == "PRON" or child.norm in RELATIVES
                # The subject and the names inside its title phrase, not its clauses.
                found = ctx.mentions_in(ctx.subtree(child.id, limit=8, deprels=NAME_DEPRELS))
                # Not past an accusative noun the parse hung on the subject: in "قصفت طائرات
                # تركية أهدافا لداعش" the targets' owner is no attacker.
                cut = next((w for w in sorted(ctx.subtree(child.id, limit=8)) if w > child.id
                            and w not in ctx.by_word and s.word(w).upos in ("NOUN", "X")
                            and clitics.indefinite_accusative(s.word(w).text, s.word(w).norm)), None)
                if cut is None and rule is not None and any("possessor" in st for st in rule.roles.values()):
                    cut = next((w for w in sorted(ctx.subtree(child.id, limit=8)) if w > child.id
                                and _owned_after_subject(ctx, child.id, w)), None)
                # Nor past a colon or a full stop: in "وأضاف سالم: لذلك فإن الحزب …" the
                # parse hangs the quotation on the subject.
                stop = next((w for w in range(child.id + 1, len(s.words) + 1) if ctx.is_break(s.word(w))), None)
                if stop is not None:
                    cut = stop if cut is None else min(cut, stop)
                found = [i for i in found if (cut is None or ctx.mentions[i].words[0] < cut)
                         and not _kin_between(ctx, child.id, i)]
                # A subject that heads a long title (النائبة عن التحالف المدني في مجلس النواب
                # سارة علي) is the title's holder, however far the name.
                holder = ctx.title_holder.get(child.id)
                if holder is not None and holder not in found:
                    found.insert(0, holder)
                for idx in found:
                    # Not a name the subject's phrase addresses: in "كشف مصدر أمني لـ«الشرق
                    # الأوسط»" the paper is told, the source speaks; nor one it is close to
                    # ("مصدر مقرب من الوزير").
                    if _quoted_addressee(ctx, idx) or ctx.close_to(idx):
                        continue
                    if idx not in out:
                        out.append(idx)
                        out.extend(i for i in conjuncts(ctx, idx) if i not in out)
        if out:
            return out
    return next((found for gov in governors for found in [_sayer(ctx, gov)] if found), [])


def _sayer(ctx: SentenceContext, verb: int) -> list[int]:
    """A verb (or a word the tagger took for a noun) whose subject is the pronoun of أنه/إنها (lexicon ``clause_pronouns``) goes on
    with the subject of the verb that says it: "قالت الوزارة إنها شنت غارات". By the parse,
    the subject of the verb the clause hangs on; else by word order, the actor that ends
    right before أن, after the verb that opens the sentence ("وأعلن الجيش أنه قصف")."""
    s = ctx.sentence
    pron = next((c for c in s.children(verb) if c.deprel.startswith("nsubj") and c.upos == "PRON"), None)
    if pron is None or s.tokens[pron.token].norm not in CLAUSE_PRONOUNS:
        return []
    head = s.word(verb).head
    if head and s.word(head).upos == "VERB" and s.word(verb).deprel.startswith(("ccomp", "advcl", "xcomp")):
        found = s_subject(ctx, head, None)
        if found:
            return found
    first = s.tokens[pron.token].words[0]
    idx = ctx.by_word.get(first - 1)
    if idx is None or ctx.mentions[idx].words[-1] != first - 1:
        return []
    start = ctx.mentions[idx].words[0]
    return [idx] if start == 2 and s.word(1).norm not in SUBORDINATORS else []


def _raising_verbs(s, wid: int, rule: EventRule | None) -> list[int]:  # noqa: ANN001 - a Sentence
    """The verbs above ``wid`` that lend it their subject: a form of كان (lexicon
    ``kana_verbs``: "وكانت قوات تابعة للتنظيم هاجمت المدينة") and, for a rule with
    ``governors``, a governor over the verb that carries the noun ("واصلت الطائرات شن
    غاراتها": the aircraft strike). Up to two steps, each an xcomp, ccomp or obj of the next."""
    out: list[int] = []
    w = s.word(wid)
    while len(out) < 2 and w.head and w.deprel.startswith(("xcomp", "ccomp", "obj")):
        verb = s.word(w.head)
        if verb.upos not in ("VERB", "AUX") or not (
                verb_in(verb, KANA) or (rule is not None and rule.governors and rule.governs(verb))):
            break
        out.append(verb.id)
        w = verb
    return out


def _quoted_addressee(ctx: SentenceContext, index: int) -> bool:
    """A name in quotes after لـ: the outlet a source talks to (قال لـ«الشرق الأوسط»)."""
    s, first = ctx.sentence, ctx.mentions[index].words[0]
    wid = first - 1
    glued = s.word(wid).text if wid >= 1 else ""  # ل" as one word: the tokenizer kept the quote on ل
    if len(glued) >= 2 and glued[-1] in QUOTE_MARKS and glued[:-1].rstrip("ـ") == "ل":
        return True
    while wid >= 1 and (s.word(wid).text in QUOTE_MARKS or s.word(wid).upos == "PUNCT"):
        wid -= 1
    # لوكالة «فرانس برس»: the outlet noun between ل and the quoted name
    if wid >= 2 and wid < first - 1 and outlet_noun(s, wid) is not None:
        wid -= 1
    if outlet_noun(s, first) is not None:  # the name spans its outlet noun: ل + وكالة «…»
        return wid >= 1 and s.word(wid).upos == "ADP"
    return wid < first - 1 and wid >= 1 and s.word(wid).upos == "ADP" and \
        any(s.word(w).text in QUOTE_MARKS for w in range(wid + 1, first))


def is_free(s, wid: int) -> bool:
    """No case marker hangs on the word: a genitive, not a prepositional phrase."""
    return not any(c.deprel == "case" for c in s.children(wid))


def verb_in(verb, words: frozenset[str] | set[str], tagged: bool = False) -> bool:  # noqa: ANN001 - a Word or None
    """The verb is one of ``words`` (a lexicon list of lemmas and forms), by its lemma or any
    stem of its form (:func:`kg.lang.ar.clitics.verb_stems`: وتشهد, شهدتها → شهد); with
    ``tagged``, only a word tagged VERB (or X, as the parser tags some verbs)."""
    return verb is not None and (not tagged or verb.upos in ("VERB", "X")) \
        and bool(({verb.lemma_norm} | clitics.verb_stems(verb.norm)) & words)


def _relative_verb(ctx: SentenceContext, trigger: int, test, reach: int) -> int | None:  # noqa: ANN001
    """By word order, the verb of a relative clause on a noun trigger: a relative pronoun
    within ``reach`` words after it (past adjectives and the place it was in only) and, right
    after the pronoun, a verb that passes ``test`` ("الغارات التي شنتها …", "الاجتماع الأخير في
    بروكسل الذي جمع …")."""
    s = ctx.sentence
    for wid in range(trigger + 1, min(len(s.words), trigger + reach) + 1):
        w = s.word(wid)
        if w.norm in RELATIVES:
            nxt = wid + 1
            return nxt if nxt <= len(s.words) and nxt not in ctx.by_word and test(s.word(nxt)) else None
        place = wid in ctx.by_word and ctx.cls(ctx.by_word[wid]) in ("Place", "Country") and (
            s.word(ctx.mentions[ctx.by_word[wid]].words[0] - 1).upos == "ADP")
        if not place and (w.upos not in ("ADJ", "X", "ADP") or wid in ctx.by_word):
            return None
    return None


def _clause_words(ctx: SentenceContext, trigger: int, back: int = 12, ahead: int = 15) -> list[int]:
    """The words of the trigger's clause by word order: back to a break, a subordinator or
    relative pronoun, a verb other than the one that carries the trigger, or a comma and a
    conjunction ("تفجير في حلب، ومقتل جندي"); ahead to the same or an opening quotation."""
    s = ctx.sentence
    t = s.word(trigger)
    # The verb the trigger's phrase is the subject of carries it too: "سبع غارات شنت في العراق
    # بينها ثلاث قرب مدينة الموصل" (سبع heads غارات and is شنت's subject).
    carriers = {t.head} | ({s.word(t.head).head} if t.head and s.word(t.head).deprel.startswith("nsubj") else set())

    def stops(wid: int) -> bool:
        w = s.word(wid)
        return ctx.is_break(w) or w.norm in SUBORDINATORS or w.norm in RELATIVES or w.upos == "SCONJ" \
            or (w.upos == "VERB" and wid not in carriers and wid not in ctx.by_word) \
            or ctx.new_conjunct(wid)

    out: list[int] = []
    for wid in range(trigger - 1, max(0, trigger - back), -1):
        if stops(wid):
            break
        out.append(wid)
    for wid in range(trigger + 1, min(len(s.words), trigger + ahead) + 1):
        if stops(wid) or opens_quotation(s, wid):
            break
        out.append(wid)
    return out


def s_places(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """Places named in the trigger's clause with or without a preposition, nearest first:
    "دارت اشتباكات شمال شرق مدينة حمص", "وفي حلب، قصفت الطائرات أحياء المدينة". A fallback for
    a location that no preposition of the trigger marks; only mentions of class Place."""
    words = _clause_words(ctx, trigger)
    found = {ctx.by_word[w] for w in words if w in ctx.by_word and ctx.cls(ctx.by_word[w]) == "Place"}
    return sorted(found, key=lambda i: (abs(ctx.mentions[i].words[0] - trigger), ctx.mentions[i].words[0]))


def _witness_verb(ctx: SentenceContext, trigger: int):
    """The verb of witnessing (lexicon ``witness_verbs``) whose object is the trigger, by the
    parse or as the nearest verb before it, within ``WITNESS_REACH`` words."""
    s = ctx.sentence
    t = s.word(trigger)

    verb = s.word(t.head) if t.head else None
    if verb_in(verb, WITNESS, tagged=True) and verb.id < trigger:
        return verb
    counted = 0  # words in brackets do not count: "شهدت البلدة ظهر الأحد (أمس) انفجار …"
    for wid in range(trigger - 1, 0, -1):
        w = s.word(wid)
        counted += w.text not in "()" and not _in_brackets(s, wid)
        if counted > WITNESS_REACH or ctx.is_break(w):
            return None
        # A time noun tagged as a verb before a weekday (ظهر السبت) is no verb.
        if w.upos == "VERB" and not (wid < len(s.words) and is_weekday(s.word(wid + 1).text)):
            return w if verb_in(w, WITNESS, tagged=True) else None
    return None


def _in_brackets(s, wid: int) -> bool:  # noqa: ANN001 - a Sentence
    """Word ``wid`` stands between round brackets of its sentence."""
    depth = 0
    for w in s.words[:wid - 1]:
        depth += (w.text == "(") - (w.text == ")")
    return depth > 0


def s_witness(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """The place that witnesses the trigger (lexicon ``witness_verbs``): the subject of "شهدت
    مدينة عدن اشتباكات", or the noun a relative clause hangs on ("في بلدة الحارة التي تشهد
    معارك"). By the parse (nsubj), else by word order: the mention right before the relative
    pronoun, or the first one between the verb and the trigger."""
    s = ctx.sentence
    verb = _witness_verb(ctx, trigger)
    if verb is None:
        return []
    for child in s.children(verb.id):
        if child.deprel.startswith("nsubj"):
            found = [i for i in ctx.mentions_in(ctx.subtree(child.id, limit=6, deprels=NAME_DEPRELS))
                     if ctx.mentions[i].words[0] < trigger]
            if found:
                return found
    if verb.id > 2 and s.word(verb.id - 1).norm in RELATIVES and verb.id - 2 in ctx.by_word:
        return [ctx.by_word[verb.id - 2]]
    return [i for i in group_after(ctx, verb.id, window=trigger - verb.id, free_only=False)
            if ctx.mentions[i].words[0] < trigger][:1]


def s_relative(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """The subject of a carrying verb (the rule's ``governors``) in a relative clause on a noun
    trigger: "الضربات التي تنفذها طائرات الجيش", "الهجوم الذي نفذه التنظيم". By the parse (an
    acl child of the trigger), else by word order: a relative pronoun within three words after
    the trigger, a governing verb right after it, and the actors that follow the verb."""
    s = ctx.sentence
    if s.word(trigger).upos == "VERB" or rule is None or not rule.governors:
        return []
    for child in s.children(trigger):
        if child.deprel.startswith("acl") and child.upos == "VERB" and rule.governs(child):
            # Not an actor inside a prepositional phrase of the subject's ("طائرات التحالف على
            # مواقع داعش": the positions are the target's).
            found = [i for i in s_subject(ctx, child.id, None) if ctx.preposition(i, phrase=True) is None]
            if found:
                return found
    verb = _relative_verb(ctx, trigger, rule.governs, reach=3)
    return group_after(ctx, verb, window=8) if verb is not None else []


def _gathers(verb) -> bool:  # noqa: ANN001 - a Word
    return verb_in(verb, GATHER, tagged=True)


def s_gathered(ctx: SentenceContext, trigger: int, rule: EventRule | None) -> list[int]:
    """Those a meeting brings together (lexicon ``gather_verbs``): the objects of "الاجتماع
    الذي جمع X و Y" (a relative clause on the trigger, by the parse or a relative pronoun
    and the verb right after it) or of "جمع اللقاء X و Y" (the trigger is the verb's
    subject: the actors after it)."""
    s = ctx.sentence
    t = s.word(trigger)
    if t.upos == "VERB":
        return []
    verbs = [c.id for c in s.children(trigger) if c.deprel.startswith("acl") and _gathers(c)]
    verbs.append(_relative_verb(ctx, trigger, _gathers, reach=4))
    for verb in [v for v in verbs if v is not None]:
        found = group_after(ctx, verb, window=14)
        if len(found) >= 2:
            return found
    if t.head and t.head < trigger and _gathers(s.word(t.head)):
        found = group_after(ctx, trigger, window=14)
        if len(found) >= 2:
            return found
    return []
