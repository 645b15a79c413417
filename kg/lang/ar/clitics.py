"""Arabic clitics: the one place that knows how words are glued together.

Every function takes and returns *normalised* forms (:func:`normalize_ar`).
The letters come from ``kg/lang/ar/data/affixes.yaml``.

>>> proclitic_variants("وللعراق")
['وللعراق', 'للعراق', 'العراق', 'لعراق']
>>> strip_article("الامريكي"), strip_article("الان")
('امريكي', 'الان')
>>> strip_conjunction("وقال"), has_conjunction("وقال")
('قال', True)
>>> governing_preposition("بالعراق"), governing_preposition("للعراق"), governing_preposition("العراق")
('ب', 'ل', None)
>>> has_future_prefix("سيزور", "زار"), has_future_prefix("سافر", "سافر")
(True, False)
"""
from __future__ import annotations

from functools import lru_cache

import yaml

from ...paths import package_file

_AFFIXES = yaml.safe_load(package_file("kg.lang.ar", "affixes.yaml").read_text(encoding="utf-8"))
CONJUNCTIONS: tuple[str, ...] = tuple(_AFFIXES["conjunctions"])
PREPOSITIONS: tuple[str, ...] = tuple(_AFFIXES["prepositions"])
GOVERNING: tuple[str, ...] = tuple(_AFFIXES["governing_prepositions"])
ARTICLE: str = _AFFIXES["article"]
LAM_ARTICLE: str = _AFFIXES["lam_article"]
FUTURE: str = _AFFIXES["future_prefix"]
IMPERFECT: tuple[str, ...] = tuple(_AFFIXES["imperfect_prefixes"])
PERFECT_ALIF: str = _AFFIXES["perfect_alif"]
KUNYA: tuple[str, ...] = tuple(_AFFIXES["kunya"])
VERB_SUFFIXES: tuple[str, ...] = tuple(_AFFIXES["verb_suffixes"])
ACCUSATIVE_NISBA: str = _AFFIXES["accusative_nisba"]
NISBA: str = _AFFIXES["nisba"]
PRONOUN_SUFFIXES: tuple[str, ...] = tuple(_AFFIXES["pronoun_suffixes"])
DUAL_SUFFIXES: tuple[str, ...] = tuple(_AFFIXES["dual_suffixes"])
PRONOUNS: frozenset[str] = frozenset(_AFFIXES["pronouns"])
BOUND_TAA: str = _AFFIXES["bound_taa"]
# One-letter words the tokeniser splits off (و ف ب ل ك): inside a name they are glued back.
CLITIC_WORDS: frozenset[str] = frozenset(CONJUNCTIONS + PREPOSITIONS)
MIN_STEM = 2


def proclitic_variants(form: str) -> list[str]:
    """``form`` and what remains after stripping proclitics (a conjunction, then one
    preposition; لل restores the article's elided alef). Most likely reading first;
    only stems of two letters or more are kept.

    >>> proclitic_variants("بالعراق")
    ['بالعراق', 'العراق']
    """
    out = [form]

    def add(stem: str) -> None:
        if len(stem) >= MIN_STEM and stem not in out:
            out.append(stem)

    def after_preposition(word: str) -> None:
        if word.startswith(LAM_ARTICLE):
            add(ARTICLE[0] + word[1:])
        for prep in PREPOSITIONS:
            if word.startswith(prep):
                add(word[1:])

    for conj in CONJUNCTIONS:
        if form.startswith(conj):
            add(form[1:])
            after_preposition(form[1:])
    after_preposition(form)
    return out


def strip_article(form: str) -> str:
    """Without ال, when a stem of more than two letters remains.

    >>> strip_article("البلد")
    'بلد'
    """
    return form[len(ARTICLE):] if form.startswith(ARTICLE) and len(form) > len(ARTICLE) + MIN_STEM else form


def without_article(form: str) -> str:
    """Without a leading ال, whatever remains (for comparing names: الكونغرس ~ كونغرس)."""
    return form.removeprefix(ARTICLE)


def has_conjunction(form: str) -> bool:
    """The form starts with a conjunction letter (it may be part of the stem: وزير)."""
    return form[:1] in CONJUNCTIONS


def strip_conjunction(form: str) -> str:
    """Without one leading conjunction letter (وأبرم → ابرم)."""
    return form[1:] if has_conjunction(form) else form


def governing_preposition(form: str) -> str | None:
    """The preposition glued to a definite noun (بالعراق → ب, للعراق → ل), if any."""
    if form[:1] in GOVERNING and form[1:3] == ARTICLE or form.startswith(LAM_ARTICLE):
        return form[:1]
    return None


def glue(clitic: str, word: str) -> str:
    """A one-letter clitic the tokeniser split off, glued back onto the next word:
    ل + العراق → لعراق (the article's alef elided), و + واشنطن → وواشنطن."""
    lam = LAM_ARTICLE[0]
    return clitic + (word[1:] if clitic == lam and word.startswith(ARTICLE) else word)


def restore_elided_alef(previous: str, word: str) -> str:
    """للعراق splits into ل + لعراق: the article's alef is gone; put it back.
    ``previous`` is the split-off word before ``word`` (normalised); ``word`` as written."""
    lam = LAM_ARTICLE[0]
    if word.startswith(lam) and previous == lam:
        return ARTICLE[0] + word
    return word


def accusative_stem(form: str) -> str | None:
    """مصريا → مصري: a nisba adjective with accusative tanween, else None."""
    return form[:-1] if form.endswith(ACCUSATIVE_NISBA) else None


def indefinite_accusative(text: str, form: str) -> bool:
    """A noun with accusative tanween (هجوماً، أهدافا، قائدا): the written tanween, or a final
    alif after a consonant on a word of four letters or more without the article. ``text`` is
    the word as written, ``form`` its normalised form. Not ـيا/ـوا/ـاا (سوريا، دعوا).

    >>> indefinite_accusative("أهدافا", "اهدافا"), indefinite_accusative("سوريا", "سوريا")
    (True, False)
    """
    if form.startswith(ARTICLE):
        return False
    return text.endswith("ً") or (len(form) > 3 and form.endswith("ا") and not form.endswith(("اا", "يا", "وا")))


def has_future_prefix(form: str, lemma: str) -> bool:
    """An imperfect verb with the future prefix س (سيزور), not a verb whose root
    starts with س (سافر): the lemma does not start with it and a person prefix follows."""
    return form[:1] == FUTURE and lemma[:1] != FUTURE and form[1:2] in "".join(IMPERFECT)


NUMBER_PROCLITICS: tuple[str, ...] = tuple(_AFFIXES["number_proclitics"])
MIN_SUFFIX_STEM = 3


def proclitic_readings(form: str) -> set[str]:
    """``form`` and its readings without proclitics, as a set for matching cue words:
    without a conjunction (when more than two letters remain), then each of those
    without one preposition (idem), or with لل read as ل + ال when at least two
    letters follow the article. Stricter than :func:`proclitic_variants` about لل.

    >>> sorted(proclitic_readings("وللقوات"))
    ['القوات', 'لقوات', 'للقوات', 'وللقوات']
    >>> sorted(proclitic_readings("لله"))
    ['لله', 'له']
    """
    out = {form}
    if len(form) > MIN_STEM and has_conjunction(form):
        out.add(form[1:])
    for reading in list(out):
        if len(reading) - len(LAM_ARTICLE) >= MIN_STEM and reading.startswith(LAM_ARTICLE):
            out.add(ARTICLE + reading[len(LAM_ARTICLE):])
        if len(reading) > MIN_STEM and reading[:1] in PREPOSITIONS:
            out.add(reading[1:])
    return out


def pronoun_suffix_stems(form: str, min_stem: int = MIN_SUFFIX_STEM) -> list[str]:
    """What remains of ``form`` after each pronoun suffix it ends with (longest
    first), when at least ``min_stem`` letters remain.

    >>> pronoun_suffix_stems("قواتهما"), pronoun_suffix_stems("قواته"), pronoun_suffix_stems("منه")
    (['قوات'], ['قوات'], [])
    """
    return [form[: -len(suffix)] for suffix in PRONOUN_SUFFIXES
            if form.endswith(suffix) and len(form) - len(suffix) >= min_stem]


def possessed_stems(form: str) -> list[str]:
    """The nouns ``form`` may be with a pronoun suffix, with a final ة put back where the
    suffix turned it into ت (normalised forms).

    >>> possessed_stems("سموه"), possessed_stems("سعادته")
    (['سمو'], ['سعادت', 'سعاده'])
    """
    out: list[str] = []
    for stem in pronoun_suffix_stems(form):
        out.append(stem)
        if stem != unbound_taa(stem):
            out.append(unbound_taa(stem))
    return out


def unbound_taa(stem: str) -> str:
    """A stem the tokeniser cut before a pronoun suffix, with the final ة its ت stands for
    (normalised ه): سعادت (of سعادته) → سعاده. Other stems are unchanged.

    >>> unbound_taa("سعادت"), unbound_taa("سمو")
    ('سعاده', 'سمو')
    """
    return stem[:-len(BOUND_TAA)] + "\u0647" if stem.endswith(BOUND_TAA) and len(stem) > MIN_STEM else stem


def verb_stems(form: str) -> set[str]:
    """The form and what remains of it without a conjunction, an object pronoun, a subject
    suffix and an imperfect prefix, each when at least two letters remain: the candidates
    to compare with a verb's lemma when the lemmatiser or the tokeniser erred. Without its
    imperfect prefix a verb of the forms that open with ا in the perfect (IV, VII, VIII, X)
    takes that ا back: يستخدم → استخدم, يطلق → اطلق.

    >>> sorted(verb_stems("وشنت"))
    ['شن', 'شنت', 'وشن', 'وشنت']
    >>> "شن" in verb_stems("تشنها"), "نفذ" in verb_stems("ونفذوا"), "قام" in verb_stems("قامت")
    (True, True, True)
    >>> "استخدم" in verb_stems("وتستخدم"), "انسحب" in verb_stems("ينسحبون")
    (True, True)
    """
    out = {form}
    for base in (form, strip_conjunction(form)):
        for bare in (base, *pronoun_suffix_stems(base, MIN_STEM)):
            for stem in (bare, *(bare[: -len(x)] for x in VERB_SUFFIXES
                                 if bare.endswith(x) and len(bare) - len(x) >= MIN_STEM)):
                out.add(stem)
                if stem[:1] in IMPERFECT and len(stem) > MIN_STEM:
                    out.update((stem[1:], PERFECT_ALIF + stem[1:]))
    return out


def kunya_forms(name: str) -> list[str]:
    """A normalised name opening with the kunya's أبو in each of its other cases: the
    genitive after a preposition or a construct ("لزعيم التنظيم أبي بكر البغدادي"), the
    accusative after إن.

    >>> kunya_forms("ابو بكر البغدادي")
    ['ابي بكر البغدادي', 'ابا بكر البغدادي']
    >>> kunya_forms("ابي مالك"), kunya_forms("خالد")
    (['ابو مالك', 'ابا مالك'], [])
    """
    first, sep, rest = name.partition(" ")
    if not sep or first not in KUNYA:
        return []
    return [f"{k} {rest}" for k in KUNYA if k != first]


def number_word_stems(form: str) -> list[str]:
    """What remains of ``form`` after each of :data:`NUMBER_PROCLITICS` it starts
    with, in the order they are tried (the article is never stripped).

    >>> number_word_stems("وبخمسة"), number_word_stems("الف")
    (['بخمسة', 'خمسة'], [])
    """
    return [form[len(prefix):] for prefix in NUMBER_PROCLITICS if form.startswith(prefix)]


@lru_cache(maxsize=1)
def _stem_initial() -> frozenset[str]:
    data = yaml.safe_load(package_file("kg.lang.ar", "stem_initial.yaml").read_text(encoding="utf-8"))
    return frozenset(data["words"])


def stem_initial(form: str) -> bool:
    """The first letter of ``form`` (normalised) looks like a proclitic but belongs to the word,
    by corpus counts (``data/stem_initial.yaml``, built by pipelines/build_stem_initial.py).

    >>> stem_initial("بنيامين"), stem_initial("وواشنطن")
    (True, False)
    """
    return form in _stem_initial()


def dual_stem(form: str, singulars: frozenset[str] | set[str]) -> str | None:
    """The singular of a dual noun, when it is one of ``singulars`` (normalised, without the
    article): the dual of a title names two people (الوزيران، الرئيسين).

    >>> dual_stem("الوزيران", {"وزير"}), dual_stem("وزيرين", {"وزير"}), dual_stem("الوزير", {"وزير"})
    ('وزير', 'وزير', None)
    """
    for variant in dict.fromkeys((form, strip_conjunction(form))):  # والوزيران; وزيرين keeps its و
        for suffix in DUAL_SUFFIXES:
            stem = strip_article(variant[:-len(suffix)]) if variant.endswith(suffix) else ""
            if len(stem) > MIN_STEM and stem in singulars:
                return stem
    return None
