"""Arabic normalisation for matching.

The original text is never changed: this is only used to compare strings
(gazetteer lookup, gold matching, stable IRIs). The rules follow
``../shared/gold/FORMAT.md``: strip diacritics and tatweel, unify
أ إ آ ٱ → ا, ى → ي, ة → ه.

>>> normalize_ar("الوِلاياتُ المتّحدة")
'الولايات المتحده'
>>> normalize_ar("أمريكـــا")
'امريكا'
>>> normalize_ar("مصطفى")
'مصطفي'
"""
from __future__ import annotations

import re
import unicodedata

# Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
_TATWEEL = "\u0640"
_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ة": "ه",
    "ؤ": "و", "ئ": "ي",
    # Persian/Urdu letters that turn up in Arabic news (e.g. from Urdu sites).
    "ی": "ي", "ک": "ك", "ہ": "ه", "ۃ": "ه",
})
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_SPACE = re.compile(r"\s+")


def normalize_ar(text: str) -> str:
    """Return ``text`` normalised for matching (not for display).

    Also folds Arabic-Indic digits to ASCII, collapses whitespace and
    lower-cases Latin letters, so ``normalize_ar`` is the one key function used
    everywhere two spellings are compared.

    >>> normalize_ar("  ٢٥٠٠  جندي ")
    '2500 جندي'
    >>> normalize_ar("Middle East Eye")
    'middle east eye'
    """
    text = unicodedata.normalize("NFC", text)
    text = _DIACRITICS.sub("", text).replace(_TATWEEL, "")
    text = text.translate(_LETTERS).translate(_DIGITS)
    text = _SPACE.sub(" ", text).strip().lower()
    # Removing a tatweel or a diacritic can leave a base letter next to a
    # combining mark it composes with (e + ـ + ◌́): compose again so that the
    # result is NFC and normalize_ar is idempotent.
    return unicodedata.normalize("NFC", text)


def fold_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII, same length.

    >>> fold_digits("٥ يناير ٢٠٢٠")
    '5 يناير 2020'
    """
    return text.translate(_DIGITS)


_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic (0.0 for text without letters).

    >>> arabic_ratio("hello")
    0.0
    >>> arabic_ratio("مرحبا")
    1.0
    """
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _ARABIC_LETTER.match(ch)) / len(letters)
