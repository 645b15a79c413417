"""Arabic normalisation for matching.

The original text is never changed: this is only used to compare strings
(gazetteer lookup, gold matching, stable IRIs). The character tables are data
(``kg/lang/ar/data/letters.yaml``): strip diacritics and tatweel, unify
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
from functools import lru_cache

import yaml

from ...paths import package_file

_TABLES = yaml.safe_load(package_file("kg.lang.ar", "letters.yaml").read_text(encoding="utf-8"))
_DIACRITICS = re.compile(f"[{_TABLES['diacritics']}]")
_TATWEEL = _TABLES["tatweel"]
_LETTERS = str.maketrans(_TABLES["fold"])
_DIGITS = str.maketrans(_TABLES["digits"], "0123456789" * (len(_TABLES["digits"]) // 10))
_SPACE = re.compile(r"\s+")
_ARABIC_LETTER = re.compile(f"[{_TABLES['letters']}]")


# Words and short phrases repeat across sentences and articles: their normal forms are kept.
_SHORT = 48


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
    return _normalize_short(text) if len(text) <= _SHORT else _normalize(text)


@lru_cache(maxsize=1 << 16)
def _normalize_short(text: str) -> str:
    return _normalize(text)


def _normalize(text: str) -> str:
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
