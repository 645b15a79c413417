"""Which clause a date belongs to: the verb that governs it in the parse.

A date dates the clause it hangs on, not the nearest word: in "وقال الجيش السبت إن مسلحين
هاجموا حاجزا ليلة الجمعة" the attack is Friday's and the saying Saturday's, although "السبت"
is nearer to the attack verb than "ليلة الجمعة" is to it, counted in characters. The verb
of a noun trigger is the verb it hangs on: in "أصيب عشرة من رجال الشرطة في تفجيرين ليلة
الجمعة" the bombings take the date of أصيب's clause; in "تعرضت القوات لإطلاق نار يوم الجمعة"
the firing takes تعرض's. A date fronted before its verb ("والأحد فجرت انتحارية نفسها",
"وفي يوم الجمعة قصفت الطائرات …") hangs on that verb as well. Verbs joined by "و" (conj)
are one clause: "قصفت الطائرات البلدة وقتلت عشرة ليلة الجمعة".

A date that hangs on a verb of a clause below the trigger's verb (the reported clause of
a saying, a relative or adverbial clause: ccomp, acl, advcl, csubj) dates that clause, not
the trigger's: "قال الوزير إن القوات ستنسحب الأحد" does not date the saying.
"""
from __future__ import annotations

from ..dates import TimeExpression, is_time_frame
from ..document import Sentence

# Relations that open a clause of its own below a verb.
SUBORDINATE = ("ccomp", "acl", "advcl", "csubj")
REACH = 12  # heads climbed at most (a guard against a cyclic parse)


def _verb_above(s: Sentence, wid: int, *, inclusive: bool) -> int | None:
    """The nearest verb at or above word ``wid`` (the word itself when ``inclusive``)."""
    w = wid if inclusive else s.word(wid).head
    for _ in range(REACH):
        if w <= 0 or w > len(s.words):
            return None
        if s.word(w).upos == "VERB" and not is_time_frame(s.word(w).norm):  # "وقت متأخر" tagged a verb
            return w
        w = s.word(w).head
    return None


def trigger_verb(s: Sentence, trigger: int) -> int | None:
    """The verb of the trigger's clause: the trigger itself, or the verb its noun hangs on."""
    return _verb_above(s, trigger, inclusive=True)


def date_verb(s: Sentence, d: TimeExpression) -> int | None:
    """The verb the date hangs on: above the first of its words whose head lies outside it."""
    inside = [w.id for w in s.words if w.start < d.end and d.start < w.end]
    top = next((w for w in inside if s.word(w).head not in inside), None)
    return None if top is None else _verb_above(s, top, inclusive=False)


def _joined(s: Sentence, a: int, b: int) -> bool:
    """Verbs ``a`` and ``b`` are one verb or joined by coordination (one clause)."""
    if a == b:
        return True
    wa, wb = s.word(a), s.word(b)
    return (wa.deprel == "conj" and wa.head == b) or (wb.deprel == "conj" and wb.head == a) \
        or (wa.deprel == "conj" and wb.deprel == "conj" and wa.head == wb.head)


def below(s: Sentence, verb: int, top: int) -> bool:
    """``verb`` lies in a clause opened below ``top`` (ccomp, acl, advcl, csubj on the way up)."""
    w, opened = verb, False
    for _ in range(REACH):
        if w == top:
            return opened
        if w <= 0 or w > len(s.words):
            return False
        opened = opened or s.word(w).deprel.split(":")[0] in SUBORDINATE
        w = s.word(w).head
    return False


def clause_rank(s: Sentence, trigger: int, d: TimeExpression) -> int | None:
    """0: the date hangs on the trigger's clause; 1: no clause tells (no verb either side,
    or another clause not below the trigger's); None: it dates a clause below the trigger's
    verb, not the trigger."""
    tv, dv = trigger_verb(s, trigger), date_verb(s, d)
    if tv is None or dv is None:
        return 1
    if _joined(s, tv, dv):
        return 0
    if s.word(trigger).upos == "VERB" and below(s, dv, tv):
        return None
    return 1
