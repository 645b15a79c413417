"""Numbers: cardinal number phrases from surface forms (digits, number words)."""
from __future__ import annotations

import re
from typing import Sequence

from ..lang.ar import fold_digits, normalize_ar
from ..lang.ar.clitics import ARTICLE, CONJUNCTIONS, PREPOSITIONS, has_conjunction, number_word_stems
from .rulefile import QuantityRules, load_rules

# Thousands separators: ASCII comma, Arabic thousands separator; "." only as a
# group separator (2.500) unless a multiplier follows (1.5 مليون).
_INT = re.compile(r"^[0-9]+$")
_GROUPED = re.compile(r"^[0-9]{1,3}(?:[,\u066c][0-9]{3})+$")
_DOTTED = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})+$")
_DECIMAL = re.compile(r"^[0-9]+[.\u066b][0-9]+$")
_ARABIC_DECIMAL_POINT = re.compile(r"\u066b")
# Proclitics glued to a number: و500، بـ500، الـ500.
_GLUED = re.compile("^([" + "".join(CONJUNCTIONS + PREPOSITIONS) + "]{0,2}(?:" + re.escape(ARTICLE) + ")?"
                    r"\u0640*)(?=[0-9\u0660-\u0669\u06f0-\u06f9])")
_ANY_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")


def _digit_value(form: str) -> tuple[float | None, float] | None:
    """(value as written, value if the separator is a decimal point) of a digit form.

    ``None`` if the form is not a plain number (dates, times, codes, 30%).
    """
    s = fold_digits(form.strip())
    glued = _GLUED.match(s)
    if glued:
        s = s[glued.end():]
    if len(s) > 1 and s.startswith("0"):
        return None  # phone numbers, codes: a count never starts with 0
    if _INT.match(s):
        return float(int(s)), float(int(s))
    if _GROUPED.match(s):
        value = float(int(re.sub(r"[,\u066c]", "", s)))
        return value, value
    if _DOTTED.match(s):
        return float(int(s.replace(".", ""))), float(s) if s.count(".") == 1 else float(int(s.replace(".", "")))
    if _DECIMAL.match(s):
        return None, float(_ARABIC_DECIMAL_POINT.sub(".", s))
    return None


def _glued_prefix(form: str) -> str:
    m = _GLUED.match(form)
    return m.group(1) if m else ""


def _lookup(form: str, rules: QuantityRules) -> tuple[str, float | None] | None:
    """Number-word entry for ``form``, trying without the proclitics of
    :data:`kg.lang.ar.clitics.NUMBER_PROCLITICS` (و/ف/ب/ل/ك, never ال)."""
    s = normalize_ar(form)
    if s in rules.number_words:
        return rules.number_words[s]
    # No ال: a definite number word is a percentage (في المئة) or an ordinal, not a head count.
    for stem in number_word_stems(s):
        if stem in rules.number_words:
            return rules.number_words[stem]
    return None


def _is_conj(form: str) -> bool:
    return normalize_ar(form) in CONJUNCTIONS


def parse_number(forms: Sequence[str], rules: QuantityRules | None = None) -> tuple[int, int] | None:
    """Parse a cardinal number at the start of ``forms``: ``(value, n_words)``.

    Vague quantities (مئات، آلاف alone, عشرات) and non-integers give ``None``.

    >>> parse_number(["2,500", "جندي"])
    (2500, 1)
    >>> parse_number(["٢٥٠٠"])
    (2500, 1)
    >>> parse_number(["500", "ألف", "جرعة"])
    (500000, 2)
    >>> parse_number(["ثلاثة", "آلاف", "عسكري"])
    (3000, 2)
    >>> parse_number(["ألفين", "و", "خمسمائة"])
    (2500, 3)
    >>> parse_number(["1.5", "مليون"])
    (1500000, 2)
    >>> parse_number(["آلاف", "الجنود"]) is None
    True
    """
    rules = rules or load_rules()
    if not forms:
        return None
    digit = _digit_value(forms[0])
    if digit is not None:
        as_written, as_decimal = digit
        nxt = _lookup(forms[1], rules) if len(forms) > 1 else None
        if nxt and nxt[0] in ("multiplier", "plural_multiplier", "dual"):
            mult = nxt[1] or 0.0
            value, used = as_decimal * (mult / 2 if nxt[0] == "dual" else mult), 2
        elif as_written is None:
            return None  # 1.5 without a multiplier is not a head count
        else:
            value, used = as_written, 1
        # Digits take no further number words: "500 و3 آلاف" is two numbers.
        return (int(value), used) if value > 0 and float(value).is_integer() else None

    total = 0.0
    current = 0.0
    used = 0
    last_kind = ""
    i = 0
    while i < len(forms):
        form, step = forms[i], 1
        joined = False
        if i > 0 and _is_conj(form):
            if i + 1 >= len(forms):
                break
            form, step, joined = forms[i + 1], 2, True
        elif i > 0:
            norm = normalize_ar(form)
            joined = has_conjunction(norm) and norm not in rules.number_words
        entry = _lookup(form, rules)
        if entry is None:
            break
        kind, value_or_none = entry
        value = value_or_none or 0.0
        if kind == "vague":
            if i == 0:
                return None
            break
        if i > 0 and not joined:
            # Without و only a teen (ثلاثة عشر), a hundred (ثلاث مئة) or a
            # multiplier (ثلاثة آلاف) continues a number.
            if kind == "add" and not (value == 10 and last_kind == "add" and current < 10):
                break
            if last_kind in ("multiplier", "plural_multiplier", "dual") and current == 0:
                break
        if kind == "add":
            current += value
        elif kind == "hundred":
            current = current * value if 0 < current < 10 and last_kind == "add" and not joined else current + value
        elif kind == "dual":
            if current > 0:
                total += current * (value / 2)  # خمسون ألفا: accusative singular, not the dual
            else:
                total += value
            current = 0.0
        else:  # multiplier, plural_multiplier
            if current == 0 and kind == "plural_multiplier":
                if i == 0:
                    return None  # آلاف الجنود: vague
                break
            total += (current or 1.0) * value
            current = 0.0
        i += step
        used = i
        last_kind = kind
    value = total + current
    if used == 0 or value <= 0 or not float(value).is_integer():
        return None
    return int(value), used
