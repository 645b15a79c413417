"""Finding troop counts in a parsed sentence: numbers attached to force nouns."""
from __future__ import annotations

from dataclasses import dataclass

from ..document import Sentence
from ..lang.ar import fold_digits
from ..lang.ar.clitics import PRONOUNS, has_conjunction
from . import guards
from .numbers import _glued_prefix, _lookup, parse_number
from .rulefile import QuantityRules, load_rules
from .words import _View


@dataclass(frozen=True)
class TroopCount:
    """One troop count found in a sentence.

    ``text``/``start``/``end`` cover the number phrase and, when the noun
    follows it directly, the noun; a number that borrows its noun (ranges,
    ellipsis) covers the number phrase only. ``change`` is ``'from'``/``'to'``
    for ``من N إلى M`` and ``إلى N`` after a ``عدد`` anchor, ``'by'`` after
    ``بمقدار``; ``None`` otherwise.
    """

    value: int
    text: str
    start: int
    end: int
    number_words: tuple[int, ...]
    noun: int
    change: str | None
    approx: bool


@dataclass
class _Num:
    first: int  # word indexes into _View.words, inclusive
    last: int
    value: int
    year_like: bool
    start: int
    end: int
    noun: int | None = None  # word index
    direct: bool = False     # the noun is this number's own (adjacent or parsed)
    change: str | None = None
    approx: bool = False
    noun_end: int | None = None
    guarded: bool = False    # counts casualties, captives … (kg.quantities.guards)


_MAX_GAP = 3      # words between a number and a noun linked by the parse
_ANTECEDENT = 8   # how far back an elliptical number looks for its noun


def _number_phrases(v: _View) -> list[_Num]:
    out: list[_Num] = []
    i = 0
    while i < len(v):
        parsed = parse_number(v.forms[i:i + 12], v.rules)
        if parsed is None:
            i += 1
            continue
        value, n = parsed
        first, last = i, i + n - 1
        w0, wl = v.words[first], v.words[last]
        start = w0.start + len(_glued_prefix(w0.text))
        year_like = n == 1 and v.has_digit(first) and 1900 <= value <= 2100 and len(fold_digits(w0.text).strip()) >= 4
        out.append(_Num(first, last, value, year_like, start, wl.end))
        i = last + 1
    return out


def _skip(v: _View, num: _Num) -> bool:
    """True for numbers that are dates, times, percentages, codes, years or names (اللواء 15)."""
    before, after = num.first - 1, num.last + 1
    if guards.is_label(v, num.first, num.last):
        return True
    for key in ("temporal_cues.before", "temporal_cues.date"):
        if v.ends_before(num.first, key) or v.slashed(before, key):
            return True
    for key in ("temporal_cues.after", "temporal_cues.date"):
        if v.starts_with(after, key) or v.slashed(after, key):
            return True
    # Digit runs and separators: 0770 123 4567, 2021 / 06 / 05, 11 : 13.
    if v.has_digit(num.first) and (v.has_digit(before) or v.has_digit(after)):
        return True
    for side, beyond in ((before, before - 1), (after, after + 1)):
        if 0 <= side < len(v) and v.norm[side] in ("/", ":", "-", "–", ".", "\\") and v.has_digit(beyond):
            return True
    return False


def _parse_link(v: _View, num: _Num, noun: int) -> bool:
    ids = {v.words[k].id for k in range(num.first, num.last + 1)}
    noun_word = v.words[noun]
    return noun_word.head in ids or any(v.words[k].head == noun_word.id for k in range(num.first, num.last + 1))


def _attach_direct(v: _View, num: _Num) -> None:
    after = num.last + 1
    if v.is_trap(after):
        return
    if num.year_like:
        # A year-like number counts only with the noun right after it, and then
        # only if the parse links them or nothing before it reads as a date.
        if v.is_force(after) and (_parse_link(v, num, after) or not v.ends_before(num.first, "temporal_cues.year_context")):
            num.noun, num.direct = after, True
        return
    if v.is_force(after):
        num.noun, num.direct = after, True
        return
    part = v.starts_with(after, "context_words.partitive")
    if part and v.is_force(after + part):
        num.noun, num.direct = after + part, True
        return
    # The parse: a force noun a few words on, linked by a dependency, with
    # nothing between that belongs to another quantity or clause.
    for k in range(after, min(len(v), after + _MAX_GAP + 1)):
        if v.is_force(k):
            if _parse_link(v, num, k):
                num.noun, num.direct = k, True
            return
        if v.is_trap(k) or v.is_punct(k) or v.has_digit(k) or _lookup(v.forms[k], v.rules):
            return


def _is_bare(v: _View, num: _Num) -> bool:
    """Nothing after the number that it could be counting."""
    after = num.last + 1
    if v.is_trap(after):
        return False  # 30 %, 500 دولار: it counts something else
    return (after >= len(v) or v.is_punct(after) or bool(v.starts_with(after, "context_words.follower"))
            or bool(v.starts_with(after, "change_cues.to")) or bool(v.starts_with(after, "context_words.conjunction")))


def _anchor_noun(v: _View, before: int) -> int | None:
    """Noun of the nearest ``عدد`` anchor before word ``before`` (within reach)."""
    anchors = {p[0] for p in v.rules.phrases("context_words.count_anchor")}
    for a in range(before - 1, max(-1, before - 1 - _ANTECEDENT - 2), -1):
        if not v.noun_keys[a] & anchors:
            continue
        if guards.is_outcome(v, a + 1):
            return None  # عدد القتلى من الجنود، عدد ضحايا القوات: they count the dead
        for k in (a + 1, a + 2):
            if v.is_force(k) and k < before:
                return k
        # عددهم / عدد + هم: the pronoun points at a force noun said earlier.
        pronoun = not v.cue_keys[a] & anchors or (a + 1 < len(v) and v.norm[a + 1] in PRONOUNS)
        if pronoun:
            for k in range(a - 1, -1, -1):
                if v.is_force(k):
                    return k
        return None
    return None


def _members_of_a_force(v: _View, num: _Num) -> bool:
    """A count of members (أفراد، عناصر: ``member_nouns``) counts troops only beside a
    military body: one of ``context_words.body`` (or a soldiers' noun) within three words
    after the noun ("800 عنصر من الشرطة", "2500 فرد من القوات الأمريكية") or within six
    words before the number ("عدد القوات 2500 فرد"). Fifty guests (50 فردا) or three heirs
    (ثلاثة أفراد) are no force."""
    assert num.noun is not None
    if not v.noun_keys[num.noun] & v.rules.member_nouns:
        return True

    def body(k: int) -> bool:
        return bool(v.starts_with(k, "context_words.body")) or (
            v.is_force(k) and not v.noun_keys[k] & v.rules.member_nouns)
    return any(body(k) for k in range(num.noun + 1, min(len(v), num.noun + 4))) \
        or any(body(k) for k in range(max(0, num.first - 6), num.first))


def _conj_before(v: _View, num: _Num) -> bool:
    if has_conjunction(_glued_prefix(v.forms[num.first])):
        return True
    return num.first > 0 and bool(v.ends_before(num.first, "context_words.conjunction"))


def _guard(v: _View, nums: list[_Num]) -> None:
    """Mark the numbers that count casualties or captives (:mod:`kg.quantities.guards`),
    in text order: a number joined to a marked one by و, after بينهم, or borrowing
    its noun, is marked too."""
    for idx, num in enumerate(nums):
        words = list(range(num.first, num.last + 1)) + ([num.noun] if num.noun is not None else [])
        num.guarded = (guards.outcome_before(v, num.first, words) or guards.is_outcome(v, num.last + 1)
                       or guards.outcome_governs(v, words)
                       or (num.noun is not None and guards.outcome_after(v, num.noun)))
        if num.guarded or idx == 0:
            continue
        prev = nums[idx - 1]
        counted = [p for p in nums[:idx] if p.noun is not None]
        if prev.guarded and _conj_before(v, num) and guards.coordinated(v, prev.last, num.first):
            num.guarded = True
        elif v.ends_before(num.first, "context_words.distributive") and counted and counted[-1].guarded:
            num.guarded = True
        elif not num.direct and any(p.guarded and p.noun == num.noun for p in counted):
            num.guarded = True


def find_troop_counts(sentence: Sentence, text: str, rules: QuantityRules | None = None) -> list[TroopCount]:
    """Troop counts in ``sentence``; ``text`` is the article text.

    >>> from kg.document import from_conllu
    >>> doc = from_conllu("# text = _\\n" + "\\n".join(
    ...     f"{i}\\t{w}\\t_\\t_\\t_\\t_\\t0\\tdep\\t_\\t_" for i, w in enumerate(
    ...     "انخفض عدد الجنود من 3000 إلى 2500 بعد عام 2020".split(), 1)))
    >>> [(c.value, c.change, c.text) for c in find_troop_counts(doc.sentences[0], doc.article.text)]
    [(3000, 'from', '3000'), (2500, 'to', '2500')]
    """
    rules = rules or load_rules()
    v = _View(sentence, rules)
    nums = [n for n in _number_phrases(v) if not _skip(v, n)]
    for num in nums:
        _attach_direct(v, num)
        num.approx = bool(v.ends_before(num.first, "approx_cues.before")) or (
            num.noun is not None and bool(v.starts_with(num.noun + 1, "approx_cues.after")))

    by_first = {n.first: n for n in nums}
    # Ranges: من N (noun)? إلى M (noun)?
    for num in nums:
        if num.change or not v.ends_before(num.first, "change_cues.from"):
            continue
        to_at = (num.noun + 1) if num.direct and num.noun is not None else num.last + 1
        to_len = v.starts_with(to_at, "change_cues.to")
        other = by_first.get(to_at + to_len) if to_len else None
        if other is None:
            continue
        num.change, other.change = "from", "to"
        if num.year_like and other.year_like:
            continue  # من 2019 إلى 2021
        noun = other.noun if other.direct else num.noun if num.direct else None
        if noun is None and _is_bare(v, other):
            # Only a عدد anchor names the noun of a bare range: "انتقل الجنود من 3
            # إلى 5" moves soldiers between places, it does not count them.
            noun = _anchor_noun(v, num.first)
        if noun is not None:
            for n in (num, other):
                if n.noun is None and (n is num or _is_bare(v, other)):
                    n.noun = noun

    found: list[_Num] = []
    for idx, num in enumerate(nums):
        if num.noun is None and not num.year_like and not num.change:
            if v.ends_before(num.first, "change_cues.to") or v.ends_before(num.first, "change_cues.by"):
                anchor = _anchor_noun(v, num.first)
                if anchor is not None and _is_bare(v, num):
                    num.noun = anchor
            elif v.ends_before(num.first, "context_words.distributive"):
                prev = next((p for p in reversed(found) if p.noun is not None), None)
                if prev is not None and not v.is_trap(num.last + 1):
                    num.noun = prev.noun
            elif _conj_before(v, num) and _is_bare(v, num):
                prev = next((p for p in reversed(found) if p.direct), None)
                if prev is not None and num.first - prev.noun <= _ANTECEDENT:
                    num.noun = prev.noun
            elif _is_bare(v, num):
                nxt = nums[idx + 1] if idx + 1 < len(nums) else None
                conj = v.starts_with(num.last + 1, "context_words.conjunction")
                if nxt is not None and conj and nxt.first == num.last + 1 + conj and nxt.direct:
                    num.noun = nxt.noun  # بين 2000 و3000 جندي، 2000 أو 3000 جندي
                else:
                    num.noun = _anchor_noun(v, num.first)
        if num.noun is not None and num.change is None:
            if v.ends_before(num.first, "change_cues.by"):
                num.change = "by"
            elif v.ends_before(num.first, "change_cues.to") and _anchor_noun(v, num.first) is not None:
                num.change = "to"
        if num.noun is not None:
            found.append(num)

    _guard(v, nums)
    out: list[TroopCount] = []
    for num in found:
        if num.guarded or not _members_of_a_force(v, num):
            continue
        assert num.noun is not None
        end = v.words[num.noun].end if num.direct and num.noun > num.last else num.end
        ids = tuple(v.words[k].id for k in range(num.first, num.last + 1))
        out.append(TroopCount(num.value, text[num.start:end], num.start, end, ids, v.words[num.noun].id,
                              num.change, num.approx))
    return sorted(out, key=lambda c: (c.start, c.end))
