"""kg.lang.ar.normalize: the one key function used wherever two spellings are compared.

Expected values are written out by hand from the rules in the module docstring
(and ../shared/gold/FORMAT.md), letter by letter.
"""
from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.lang.ar import arabic_ratio, fold_digits, normalize_ar


@pytest.mark.parametrize("text, expected", [
    # diacritics: fatha, damma, kasra, shadda, sukun, tanwin, superscript alef
    ("الوِلاياتُ المتّحدة", "الولايات المتحده"),
    ("مُحَمَّدٌ", "محمد"),
    ("قُوَّاتٍ", "قوات"),
    ("هٰذا", "هذا"),
    ("مِصْرَ", "مصر"),
    # tatweel
    ("أمريكـــا", "امريكا"),
    ("بـغـداد", "بغداد"),
    # alef variants → bare alef
    ("أمريكا", "امريكا"),
    ("إيران", "ايران"),
    ("آلاف", "الاف"),
    ("ٱلعراق", "العراق"),
    # alef maqsura → yeh, teh marbuta → heh
    ("مصطفى", "مصطفي"),
    ("القاهرة", "القاهره"),
    ("الولايات المتحدة", "الولايات المتحده"),
    # hamza carriers
    ("مسؤول", "مسوول"),
    ("رئيس", "رييس"),
    # Persian/Urdu letters
    ("ایران", "ايران"),
    ("کرکوک", "كركوك"),
    # digits: Arabic-Indic and Persian → ASCII
    ("٢٠٢١", "2021"),
    ("۱۴۰۰", "1400"),
    ("٥٠٠ جندي", "500 جندي"),
    # whitespace: collapsed and stripped, including tabs, newlines, NBSP
    ("  بغداد \t\n  واشنطن  ", "بغداد واشنطن"),
    ("\u00a0بغداد\u00a0", "بغداد"),
    ("", ""),
    ("   ", ""),
    # Latin is lower-cased
    ("Middle EAST Eye", "middle east eye"),
    # decomposed hamza (alef + U+0654) is composed first, then unified
    ("ا\u0654مريكا", "امريكا"),
    # everything at once
    ("  إلى  القُوّاتِ الأمريكيّـة ١٢ ", "الي القوات الامريكيه 12"),
])
def test_normalize_ar_cases(text: str, expected: str) -> None:
    assert normalize_ar(text) == expected


def test_normalize_ar_unifies_spelling_variants() -> None:
    variants = ["الولايات المتحدة", "الوِلاياتُ المُتَّحِدَة", "الولايات  المتحده", "الـولايات المتحدة"]
    assert len({normalize_ar(v) for v in variants}) == 1


_ARABIC_MIX = st.text(alphabet=st.sampled_from(
    [chr(c) for c in range(0x0600, 0x0700)]  # the whole Arabic block: letters, marks, digits
    + ["\u0640", " ", "\t", "\n", "\u00a0", "\u2028", "e", "E", "I", "\u0130", "\u0301", "\u0307"]
))


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), _ARABIC_MIX))
@example("e\u0640\u0301")  # tatweel between a letter and a combining accent
@example("\u0130stanbul")  # İ lower-cases to two code points
def test_normalize_ar_is_idempotent_and_total(text: str) -> None:
    once = normalize_ar(text)
    assert normalize_ar(once) == once
    assert once == once.strip()
    assert "  " not in once
    assert unicodedata.is_normalized("NFC", once)


@settings(max_examples=300, deadline=None)
@given(_ARABIC_MIX)
def test_normalize_ar_output_has_no_folded_characters(text: str) -> None:
    out = normalize_ar(text)
    assert not re.search("[\u064b-\u065f\u0670\u0640أإآٱىةؤئ٠-٩۰-۹]", out)


@pytest.mark.parametrize("text, expected", [
    ("٥ يناير ٢٠٢٠", "5 يناير 2020"),
    ("۱۲۳", "123"),
    ("بلا أرقام", "بلا أرقام"),
])
def test_normalize_fold_digits_keeps_length(text: str, expected: str) -> None:
    assert fold_digits(text) == expected
    assert len(fold_digits(text)) == len(text)


@pytest.mark.parametrize("text, expected", [
    ("hello", 0.0),
    ("مرحبا", 1.0),
    ("123 !!", 0.0),
    ("", 0.0),
    ("ab مرحب", 4 / 6),  # 2 Latin + 4 Arabic letters
])
def test_normalize_arabic_ratio(text: str, expected: float) -> None:
    assert arabic_ratio(text) == pytest.approx(expected)
