"""Guards: numbers next to force nouns that are not troop counts.

A number is a troop count only when it counts troops that exist, are deployed,
withdrawn, stationed or planned. It counts something else when

* a casualty or outcome word (``outcome_cues.before``: مقتل، أصيب، خطف، القبض …)
  governs the number or its force noun in the parse, or stands at most
  :data:`WINDOW` words before the number ("مقتل 14 جنديا", "قتل في الهجوم 4
  جنود"); an approximation (ما لا يقل عن), a vague quantity (عشرات) or a
  distributive (بينهم) in between do not count, and punctuation, another number,
  a verb or a free-standing conjunction close the window;
* a casualty word follows the force noun (``outcome_cues.after``: جنود قتلى،
  "9 جنود أمريكيين أصيبوا"), or the number itself ("28 قتيلا");
* it is coordinated with, is a subset of (بينهم) or borrows its noun from such a
  number ("مقتل 5 جنود و7 من الشرطة");
* it names a unit or an object (``label_cues.before``: اللواء 15، القرار 2216)
  unless a force noun follows it directly (يضم اللواء 3000 جندي), or it is a
  lone "one" (``label_cues.single``: أحد الجنود).

Undiacritised قتل is both "killed" and "were killed": both are casualties.
Every word lives in ``pipelines/rules/quantities.yaml``.
"""
from __future__ import annotations

from typing import Iterable

from ..lang.ar import lexicon
from ..lang.ar.clitics import ARTICLE
from .numbers import _lookup
from .words import _View

WINDOW = 2  # words that may stand between an outcome word and the number
HOPS = 3    # heads climbed from the number or its noun looking for an outcome word
REACH = 12  # how far back a coordinated number finds the guarded number it joins

BEFORE, AFTER = "outcome_cues.before", "outcome_cues.after"
_WEAK_BREAKS = lexicon.words("commas") | {"-", "\u2013"}
_CLAUSE_LINKS = lexicon.words("clause_links")


def _is_vague(v: _View, k: int) -> bool:
    entry = _lookup(v.forms[k], v.rules)
    return entry is not None and entry[0] == "vague"


def _closes_window(v: _View, k: int) -> bool:
    """Word ``k`` stands between an outcome word and a number that it cannot reach across."""
    entry = _lookup(v.forms[k], v.rules)
    return (v.is_punct(k) or v.has_digit(k) or (entry is not None and entry[0] != "vague")
            or v.words[k].upos == "VERB" or bool(v.starts_with(k, "context_words.conjunction")))


def is_outcome(v: _View, k: int) -> bool:
    """A casualty or outcome phrase starts at word ``k``."""
    return bool(v.starts_with(k, BEFORE) or v.starts_with(k, AFTER))


def _owns(v: _View, k: int, own: set[int]) -> bool:
    """By the parse, word ``k`` governs the count (the head of its number or noun)
    outside a prepositional phrase, and is neither a force noun nor an outcome:
    "بعد مقتل قائده نشر 500 جندي" - نشر, not مقتل, has the 500."""
    wid = v.words[k].id
    if not any(v.words[x].head == wid for x in own) or v.is_force(k) or is_outcome(v, k):
        return False
    return not any(w.head == wid and w.deprel.split(":")[0] == "case" for w in v.words)


def outcome_before(v: _View, first: int, own: Iterable[int] = ()) -> bool:
    """An outcome word stands within :data:`WINDOW` words before the number at ``first``;
    ``own`` (the number's words and noun) lets the parse close the window at the word
    that governs them.

    >>> from kg.document import from_conllu
    >>> from kg.quantities.rulefile import load_rules
    >>> def view(s):
    ...     doc = from_conllu("# text = _\\n" + "\\n".join(
    ...         f"{i}\\t{w}\\t_\\tX\\t_\\t_\\t0\\tdep\\t_\\t_" for i, w in enumerate(s.split(), 1)))
    ...     return _View(doc.sentences[0], load_rules())
    >>> outcome_before(view("قتل في الهجوم 4 جنود"), 3), outcome_before(view("قتل جندي ، وبقي 4 جنود"), 4)
    (True, False)
    """
    j = first - v.ends_before(first, "approx_cues.before")
    j -= v.ends_before(j, "context_words.distributive")
    k, gap, own = j, 0, set(own)
    while True:
        if v.ends_before(k, BEFORE):
            return True
        k -= 1
        if k < 0 or _closes_window(v, k) or _owns(v, k, own):
            return False
        if not _is_vague(v, k):
            gap += 1
            if gap > WINDOW:
                return False


def outcome_after(v: _View, noun: int) -> bool:
    """A casualty word within two words after the force noun (جنود قتلى، جنديا أفغانيا قتلوا).

    Two words on, a definite one is the object of a phrase of its own ("نشر 500
    جندي لحماية الجرحى") and does not count.
    """
    for k in (noun + 1, noun + 2):
        if k >= len(v) or v.is_punct(k):
            return False
        if v.starts_with(k, AFTER) and (k == noun + 1 or not v.norm[k].startswith(ARTICLE)):
            return True
        if _closes_window(v, k):
            return False
    return False


def outcome_governs(v: _View, starts: Iterable[int]) -> bool:
    """By the parse: an outcome word is the head of one of ``starts`` (the number's
    words, its noun), or up to :data:`HOPS` heads above it before a verb that is not
    one ("قتل 14 جنديا", "14 جنديا قتلوا", "مقتل 34 عنصرا")."""
    own = set(starts)
    for x in own:
        cur = x
        for _ in range(HOPS):
            h = v.index.get(v.words[cur].head)
            if h is None:
                break
            if h not in own and is_outcome(v, h):
                return True
            if v.words[h].upos == "VERB":
                break
            cur = h
    return False


def coordinated(v: _View, prev_last: int, first: int) -> bool:
    """Nothing between two numbers that ends their list: within :data:`REACH` words,
    no punctuation but commas and dashes, no clause link, no verb that is not an outcome."""
    if first - prev_last > REACH:
        return False
    for k in range(prev_last + 1, first):
        if v.is_punct(k) and v.norm[k] not in _WEAK_BREAKS:
            return False
        if v.norm[k] in _CLAUSE_LINKS or (v.words[k].upos == "VERB" and not is_outcome(v, k)):
            return False
    return True


def is_label(v: _View, first: int, last: int) -> bool:
    """The number names what the noun before it is (اللواء 15، القرار رقم 2216), or is
    a lone "one" (أحد الجنود)."""
    if first == last and v.starts_with(first, "label_cues.single"):
        return True
    return bool(v.ends_before(first, "label_cues.before")) and not v.is_force(last + 1)
