"""Matching the words of a sentence against the lists (clitics stripped)."""
from __future__ import annotations

from functools import lru_cache

import re

from ..document import Sentence, Word
from ..lang.ar.clitics import proclitic_readings, pronoun_suffix_stems
from .numbers import _ANY_DIGIT
from .rulefile import Phrase, QuantityRules

_PUNCT = re.compile(r"^[\W_]+$")


def noun_variants(s: str) -> set[str]:
    """A normalised noun with its clitics stripped (بقواتها → قوات …).

    >>> "قوات" in noun_variants("قواتها")
    True
    """
    out = proclitic_readings(s)
    for v in list(out):
        out.update(pronoun_suffix_stems(v))
    return out


@lru_cache(maxsize=None)
def _by_first(phrases: tuple[Phrase, ...]) -> dict[str, tuple[Phrase, ...]]:
    """Phrases by their first word, so a lookup only tries the phrases that can match."""
    out: dict[str, list[Phrase]] = {}
    for p in phrases:
        out.setdefault(p[0], []).append(p)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def _lengths(phrases: tuple[Phrase, ...]) -> tuple[int, ...]:
    return tuple(sorted({len(p) for p in phrases}))


class _View:
    """Normalised keys of a sentence's words, computed once."""

    def __init__(self, sentence: Sentence, rules: QuantityRules) -> None:
        self.words: list[Word] = sorted(sentence.words, key=lambda w: w.id)
        self.rules = rules
        self.forms = [w.text for w in self.words]
        self.norm = [w.norm for w in self.words]
        self.cue_keys = [proclitic_readings(n) for n in self.norm]
        self.noun_keys = [
            noun_variants(n) | (noun_variants(w.lemma_norm) if w.lemma and w.lemma != "_" else set())
            for n, w in zip(self.norm, self.words)
        ]
        self.index = {w.id: i for i, w in enumerate(self.words)}
        self.trap_first = {p[0] for p in rules.trap_nouns}

    def __len__(self) -> int:
        return len(self.words)

    def is_force(self, i: int) -> bool:
        return 0 <= i < len(self) and bool(self.noun_keys[i] & self.rules.force_nouns)

    def is_punct(self, i: int) -> bool:
        return self.words[i].upos == "PUNCT" or bool(_PUNCT.match(self.norm[i]))

    def has_digit(self, i: int) -> bool:
        return 0 <= i < len(self) and bool(_ANY_DIGIT.search(self.forms[i]))

    def _at(self, i: int, phrase: Phrase, keys: list[set[str]]) -> bool:
        return i >= 0 and i + len(phrase) <= len(self) and all(
            (p in keys[i + k]) if k == 0 else (p == self.norm[i + k]) for k, p in enumerate(phrase))

    def starts_with(self, i: int, key: str | tuple[Phrase, ...], nouns: bool = False) -> int:
        """Length of the longest listed phrase starting at word ``i`` (0: none)."""
        phrases = self.rules.phrases(key) if isinstance(key, str) else key
        keys = self.noun_keys if nouns else self.cue_keys
        if not 0 <= i < len(self):
            return 0
        by_first = _by_first(phrases)
        return max((len(p) for first in keys[i] for p in by_first.get(first, ()) if self._at(i, p, keys)), default=0)

    def ends_before(self, i: int, key: str) -> int:
        """Length of the longest listed phrase ending just before word ``i``."""
        by_first = _by_first(self.rules.phrases(key))
        best = 0
        for length in _lengths(self.rules.phrases(key)):
            j = i - length
            if 0 <= j < len(self):
                for first in self.cue_keys[j]:
                    if any(len(p) == length and self._at(j, p, self.cue_keys) for p in by_first.get(first, ())):
                        best = max(best, length)
        return best

    def is_trap(self, i: int) -> bool:
        if not 0 <= i < len(self):
            return False
        return self.starts_with(i, self.rules.trap_nouns, nouns=True) > 0 or any(
            "/" in self.norm[i] and part in self.trap_first for part in self.norm[i].split("/"))

    def slashed(self, i: int, key: str) -> bool:
        """A one-word cue inside a "يونيو/حزيران"-style token at ``i``."""
        if not 0 <= i < len(self) or "/" not in self.norm[i]:
            return False
        return any((part,) in self.rules.phrases(key) for part in self.norm[i].split("/"))
