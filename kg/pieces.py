"""Over-long sentences are cut into bounded pieces before the parser.

Text without sentence punctuation (a list, a table, a pasted comment thread)
reaches the tagger and the dependency parser as one sentence of thousands of
words. The parser scores every pair of words, so its memory grows with the
square of the sentence length: 1,300 words took 3.4 GB. Stanza's tokenizer
and MWT expander are cheap and linear, so :mod:`kg.nlp` runs them first, then
cuts every sentence longer than ``max_words`` words or ``max_chars``
characters here, then runs the other processors on the pieces.

The functions below work on Stanza's dict form of a sentence
(``Document.to_dict()``: one dict per token and word, a multi-word token's
dict has a ``(first, last)`` id and is followed by its words) and never
import stanza. Cuts fall between tokens, so a token is never split and every
offset (``start_char``/``end_char``) is the tokenizer's own, true to the text;
only the word ids are renumbered from 1 in each piece.

Where to cut: in the back half of the longest run that fits, the last place
after sentence punctuation, else after a comma, else before a conjunction و or ف
(its own word after MWT expansion, or a token of its own), else at the cap itself.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from .lang.ar.clitics import CONJUNCTIONS

# Punctuation by Unicode name, so that the Arabic forms (ARABIC COMMA, ARABIC
# QUESTION MARK, ARABIC SEMICOLON, ARABIC FULL STOP) count with the Latin ones.
_SENTENCE_END = ("FULL STOP", "QUESTION MARK", "EXCLAMATION MARK", "SEMICOLON", "COLON", "ELLIPSIS")

# Default caps ([nlp] max_sentence_words / max_sentence_chars in the config).
# News sentences stay well under them; see README "Long sentences" for the memory bound.
MAX_SENTENCE_WORDS = 300
MAX_SENTENCE_CHARS = 3000


@dataclass(frozen=True)
class Span:
    """One token of a sentence: offsets into the parsed text and its words."""

    text: str
    start: int
    end: int
    words: tuple[str, ...]


@lru_cache(maxsize=256)
def _punct_rank(char: str) -> int:
    """3 after sentence punctuation, 2 after a comma, else 0.

    >>> _punct_rank("."), _punct_rank("\u061f"), _punct_rank("\u060c"), _punct_rank("a")
    (3, 3, 2, 0)
    """
    if not unicodedata.category(char).startswith("P"):
        return 0
    name = unicodedata.name(char, "")
    if any(part in name for part in _SENTENCE_END):
        return 3
    return 2 if "COMMA" in name else 0


def _boundary_rank(before: Span, after: Span) -> int:
    """How good a cut between two tokens is: 3 best … 0 plain whitespace."""
    rank = _punct_rank(before.text[-1]) if before.text else 0
    if not rank and after.words and after.words[0] in CONJUNCTIONS:
        return 1
    return rank


def cut_points(spans: Sequence[Span], max_words: int, max_chars: int) -> list[int]:
    """Indices of the tokens that start a new piece (always begins with 0).

    Each piece has at most ``max_words`` words and spans at most
    ``max_chars`` characters, except a single token larger than either cap,
    which stays a piece of its own (a token is never split).

    >>> s = [Span(w, 4 * i, 4 * i + 3, (w,)) for i, w in enumerate("aaa bbb ccc, ddd eee fff".split())]
    >>> cut_points(s, 4, 1000)   # cut after the comma, not at the cap
    [0, 3]
    >>> cut_points(s, 100, 1000)
    [0]
    """
    if max_words < 1 or max_chars < 1:
        raise ValueError("max_words and max_chars must be at least 1")
    n = len(spans)
    starts = [0]
    i = 0
    while i < n:
        # j: the end of the longest run from i that fits both caps (at least one token).
        j, words = i, 0
        while j < n:
            words += max(1, len(spans[j].words))
            if j > i and (words > max_words or spans[j].end - spans[i].start > max_chars):
                break
            j += 1
        if j >= n:
            break
        lo = i + max(1, (j - i) // 2)  # cut in the back half: no tiny pieces
        best_k = max(range(lo, j + 1), key=lambda k: (_boundary_rank(spans[k - 1], spans[k]), k))
        starts.append(best_k)
        i = best_k
    return starts


def _tokens(sentence: Sequence[dict]) -> list[list[dict]]:
    """Group a sentence's dicts by token: [token dict, word dicts…] or [word dict]."""
    groups: list[list[dict]] = []
    last_mwt_word = 0
    for entry in sentence:
        ident = entry["id"]
        if isinstance(ident, (tuple, list)):
            groups.append([entry])
            last_mwt_word = ident[-1]
        elif ident <= last_mwt_word:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    return groups


def _span(group: list[dict]) -> Span:
    head = group[0]
    words = tuple(w["text"] for w in group[1:]) if len(group) > 1 else (head["text"],)
    return Span(head["text"], head["start_char"], head["end_char"], words)


def _renumber(groups: list[list[dict]]) -> list[dict]:
    first = groups[0][0]["id"]
    shift = (first[0] if isinstance(first, (tuple, list)) else first) - 1
    out: list[dict] = []
    for group in groups:
        for entry in group:
            entry = dict(entry)
            ident = entry["id"]
            entry["id"] = (tuple(x - shift for x in ident) if isinstance(ident, (tuple, list)) else ident - shift)
            out.append(entry)
    return out


def split_sentence(sentence: Sequence[dict], max_words: int, max_chars: int) -> list[list[dict]]:
    """One sentence in Stanza's dict form → one or more pieces within the caps.

    A sentence within the caps comes back unchanged, as the only piece.

    >>> sent = [{"id": 1, "text": "أ", "start_char": 0, "end_char": 1},
    ...         {"id": (2, 3), "text": "وب", "start_char": 2, "end_char": 4},
    ...         {"id": 2, "text": "و"}, {"id": 3, "text": "ب"}]
    >>> [[e["id"] for e in piece] for piece in split_sentence(sent, 2, 100)]
    [[1], [(1, 2), 1, 2]]
    """
    groups = _tokens(sentence)
    starts = cut_points([_span(g) for g in groups], max_words, max_chars)
    if len(starts) == 1:
        return [list(sentence)]
    bounds = starts + [len(groups)]
    return [_renumber(groups[a:b]) for a, b in zip(bounds, bounds[1:])]


def split_sentences(sentences: Sequence[Sequence[dict]], max_words: int,
                    max_chars: int) -> tuple[list[list[dict]], int]:
    """Every sentence of a document cut to the caps; also how many were cut."""
    out: list[list[dict]] = []
    cut = 0
    for sentence in sentences:
        pieces = split_sentence(sentence, max_words, max_chars)
        cut += len(pieces) > 1
        out.extend(pieces)
    return out, cut


__all__ = ["MAX_SENTENCE_CHARS", "MAX_SENTENCE_WORDS", "Span", "cut_points", "split_sentence", "split_sentences"]
