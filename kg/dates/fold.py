"""Folding with an offset map: matching runs on folded text, spans point into the original."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lang.ar import normalize_ar


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch.isspace():
        return " "
    return normalize_ar(ch)


def _key(phrase: str) -> str:
    """Lookup key of a (folded or not) phrase: folded, without spaces."""
    return re.sub(r"\s+", "", normalize_ar(phrase))


class _Folded:
    """``text`` folded for matching, with a map back to original offsets."""

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        self.origin: list[int] = []
        for i, ch in enumerate(text):
            for out in _fold_char(ch):
                chars.append(out)
                self.origin.append(i)
        self.text = "".join(chars)
        self.source = text

    def span(self, start: int, end: int) -> tuple[int, int]:
        o_start = self.origin[start]
        o_end = self.origin[end - 1] + 1
        # Diacritics after the last letter belong to the word ("اليومَ").
        while (o_end < len(self.source) and not self.source[o_end].isspace()
               and _fold_char(self.source[o_end]) == ""):
            o_end += 1
        return o_start, o_end
