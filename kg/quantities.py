"""Troop counts in one parsed sentence ("2500 جندي", "نحو ثلاثة آلاف عسكري").

A count is a number phrase attached to a *force noun* (جندي، عسكري، قوات …).
Every word list lives in ``pipelines/rules/quantities.yaml``; this module only
holds the procedure:

1. find number phrases (:func:`parse_number` over surface forms: lemmas are
   useless for numbers, the lemmatiser maps the dual ألفا onto ألف);
2. drop numbers that are dates, times, percentages, phone numbers or years;
3. attach the rest to a force noun: by adjacency (``N noun``, ``N من noun``)
   or by the parse (a dependency link between number and noun a few words on),
   so that a wrong head does not lose a count and a right one finds more;
4. ranges ``من N إلى M``, changes ``إلى N`` / ``بمقدار N`` and elliptical
   numbers (``2000 جندي من أفغانستان و500 من العراق``, ``بينهم 2500 أمريكي``,
   ``عدد الجنود … من 3000 إلى 2500``) borrow the noun of a nearby count or of a
   ``عدد`` + force noun anchor.

Nouns are matched on both lemma and surface form (after
:func:`kg.normalize.normalize_ar` and clitic stripping), closed-class cue words
on the surface only (the lemma of اليوم "today" is يوم "day").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import yaml

from .document import Sentence, Word
from .errors import RuleError
from .normalize import fold_digits, normalize_ar

RULES_PATH = Path(__file__).resolve().parent.parent / "pipelines" / "rules" / "quantities.yaml"

__all__ = [
    "RULES_PATH",
    "QuantityRules",
    "RuleEntry",
    "RuleExample",
    "TroopCount",
    "find_troop_counts",
    "load_rules",
    "parse_number",
]


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


# --------------------------------------------------------------------------
# Rule file

@dataclass(frozen=True)
class RuleExample:
    """A ``match`` example: the counts expected in ``text``, in text order."""

    text: str
    counts: tuple[int, ...]
    changes: tuple[str | None, ...] | None = None
    approx: tuple[bool, ...] | None = None


@dataclass(frozen=True)
class RuleEntry:
    section: str
    id: str
    description: str
    kind: str | None
    words: tuple[tuple[str, float | None], ...]  # (raw form, value or None)
    match: tuple[RuleExample, ...]
    no_match: tuple[str, ...]


Phrase = tuple[str, ...]


@dataclass(frozen=True)
class QuantityRules:
    path: str
    entries: tuple[RuleEntry, ...]
    number_words: dict[str, tuple[str, float | None]]  # normalised form -> (kind, value)
    force_nouns: frozenset[str]
    trap_nouns: tuple[Phrase, ...]
    cues: dict[str, tuple[Phrase, ...]]  # "<section>.<kind>" -> phrases

    def phrases(self, key: str) -> tuple[Phrase, ...]:
        """Normalised cue phrases of ``"<section>.<kind>"``.

        >>> ("اكثر", "من") in load_rules().phrases("approx_cues.before")
        True
        """
        return self.cues.get(key, ())


# section -> allowed kinds (None: the section has no kinds)
_SECTIONS: dict[str, frozenset[str] | None] = {
    "numbers": frozenset({"add", "hundred", "multiplier", "plural_multiplier", "dual", "vague"}),
    "force_nouns": None,
    "trap_nouns": None,
    "temporal_cues": frozenset({"before", "after", "date", "year_context"}),
    "approx_cues": frozenset({"before", "after"}),
    "change_cues": frozenset({"from", "to", "by"}),
    "context_words": frozenset({"partitive", "conjunction", "distributive", "count_anchor", "follower"}),
}
_ENTRY_KEYS = {"id", "description", "kind", "words", "match", "no_match"}
_EXAMPLE_KEYS = {"text", "counts", "change", "approx"}
_CHANGES = {"from", "to", "by", None}
_FIX = "see the header of pipelines/rules/quantities.yaml for the entry format"


def _err(code: str, where: str, message: str, fix: str = _FIX) -> RuleError:
    return RuleError(code, f"{where}: {message}", fix=fix)


def _example(where: str, raw: Any) -> RuleExample:
    if not isinstance(raw, dict):
        raise _err("E351", where, f"a match example must be a mapping with 'text' and 'counts', got {raw!r}")
    unknown = sorted(set(raw) - _EXAMPLE_KEYS)
    if unknown:
        raise _err("E351", where, f"unknown example key(s) {unknown}; allowed: {sorted(_EXAMPLE_KEYS)}")
    missing = sorted({"text", "counts"} - set(raw))
    if missing:
        raise _err("E351", where, f"example misses {missing}")
    text, counts = raw["text"], raw["counts"]
    if not isinstance(text, str) or not text.strip():
        raise _err("E353", where, "example 'text' must be a non-empty string")
    if not isinstance(counts, list) or not counts or not all(isinstance(c, int) and not isinstance(c, bool) for c in counts):
        raise _err("E353", where, f"example 'counts' must be a non-empty list of integers, got {counts!r}")
    changes = raw.get("change")
    if changes is not None and (not isinstance(changes, list) or len(changes) != len(counts)
                                or any(c not in _CHANGES for c in changes)):
        raise _err("E353", where, f"'change' must list one of from/to/by/null per count, got {changes!r}")
    approx = raw.get("approx")
    if approx is not None and (not isinstance(approx, list) or len(approx) != len(counts)
                               or not all(isinstance(a, bool) for a in approx)):
        raise _err("E353", where, f"'approx' must list one true/false per count, got {approx!r}")
    return RuleExample(text, tuple(counts), tuple(changes) if changes is not None else None,
                       tuple(approx) if approx is not None else None)


def _entry(fname: str, section: str, index: int, raw: Any) -> RuleEntry:
    where = f"{fname}:{section}[{index}]"
    if not isinstance(raw, dict):
        raise _err("E351", where, f"an entry must be a mapping, got {type(raw).__name__}")
    if isinstance(raw.get("id"), str):
        where = f"{fname}:{raw['id']}"
    unknown = sorted(set(raw) - _ENTRY_KEYS)
    if unknown:
        raise _err("E351", where, f"unknown key(s) {unknown}; allowed: {sorted(_ENTRY_KEYS)}")
    kinds = _SECTIONS[section]
    required = {"id", "description", "words", "match", "no_match"} | ({"kind"} if kinds else set())
    missing = sorted(required - set(raw))
    if missing:
        raise _err("E351", where, f"missing field(s) {missing}")
    if not kinds and "kind" in raw:
        raise _err("E351", where, f"section '{section}' takes no 'kind'")
    kind = raw.get("kind")
    if kinds and kind not in kinds:
        raise _err("E353", where, f"kind {kind!r} is not one of {sorted(kinds)}")
    words_raw = raw["words"]
    words: list[tuple[str, float | None]] = []
    valued = section == "numbers" and kind != "vague"
    if valued:
        if not isinstance(words_raw, dict) or not words_raw:
            raise _err("E353", where, "'words' must map each number word to its value")
        for form, value in words_raw.items():
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
                raise _err("E353", where, f"value of {form!r} must be a positive number, got {value!r}")
            words.append((str(form), float(value)))
    else:
        if not isinstance(words_raw, list) or not words_raw or not all(isinstance(w, str) and w.strip() for w in words_raw):
            raise _err("E353", where, "'words' must be a non-empty list of strings")
        words = [(w, None) for w in words_raw]
    for key in ("match", "no_match"):
        if not isinstance(raw[key], list) or not raw[key]:
            raise _err("E353", where, f"'{key}' must be a non-empty list of examples")
    match = tuple(_example(f"{where}:match[{i}]", ex) for i, ex in enumerate(raw["match"]))
    for i, ex in enumerate(raw["no_match"]):
        if not isinstance(ex, str) or not ex.strip():
            raise _err("E353", f"{where}:no_match[{i}]", "a no_match example is a non-empty sentence string")
    return RuleEntry(section, str(raw["id"]), str(raw["description"]), kind, tuple(words), match,
                     tuple(raw["no_match"]))


def load_rules(path: Path | str | None = None) -> QuantityRules:
    """Load and validate the quantity word lists (cached per path).

    >>> rules = load_rules()
    >>> "جندي" in rules.force_nouns and rules.number_words["الف"]
    ('multiplier', 1000.0)
    """
    return _load_rules(str(Path(path) if path is not None else RULES_PATH))


@lru_cache(maxsize=8)
def _load_rules(path: str) -> QuantityRules:
    fname = Path(path).name
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise RuleError("E352", f"{path}: cannot read the quantity rules ({exc.strerror})",
                        fix="check the path, or leave it unset to use pipelines/rules/quantities.yaml") from exc
    except yaml.YAMLError as exc:
        raise RuleError("E352", f"{fname}: invalid YAML: {exc}", fix="fix the YAML syntax at the line shown") from exc
    if not isinstance(data, dict):
        raise _err("E351", fname, "the file must be a mapping of sections")
    unknown = sorted(set(data) - set(_SECTIONS) - {"version"})
    if unknown:
        raise _err("E351", fname, f"unknown section(s) {unknown}; allowed: {sorted(_SECTIONS)}")
    entries: list[RuleEntry] = []
    seen: set[str] = set()
    for section in _SECTIONS:
        raw_list = data.get(section)
        if not isinstance(raw_list, list) or not raw_list:
            raise _err("E351", f"{fname}:{section}", "missing section, or it is not a non-empty list of entries")
        for index, raw in enumerate(raw_list):
            entry = _entry(fname, section, index, raw)
            if entry.id in seen:
                raise _err("E353", f"{fname}:{entry.id}", "duplicate entry id", fix="give every entry its own id")
            seen.add(entry.id)
            entries.append(entry)

    number_words: dict[str, tuple[str, float | None]] = {}
    force: set[str] = set()
    traps: list[Phrase] = []
    cues: dict[str, list[Phrase]] = {}
    for entry in entries:
        for form, value in entry.words:
            key = normalize_ar(form)
            if entry.section == "numbers":
                if key in number_words and number_words[key] != (entry.kind, value):
                    raise _err("E353", f"{fname}:{entry.id}", f"number word {form!r} is also listed with another kind or value")
                number_words[key] = (entry.kind or "", value)
            elif entry.section == "force_nouns":
                force.add(key)
            elif entry.section == "trap_nouns":
                traps.append(tuple(key.split()))
            else:
                cues.setdefault(f"{entry.section}.{entry.kind}", []).append(tuple(key.split()))
    overlap = sorted(force & {p[0] for p in traps if len(p) == 1})
    if overlap:
        raise _err("E353", fname, f"word(s) {overlap} are both force nouns and trap nouns")
    return QuantityRules(path, tuple(entries), number_words, frozenset(force), tuple(sorted(set(traps))),
                         {k: tuple(sorted(set(v))) for k, v in sorted(cues.items())})


# --------------------------------------------------------------------------
# Numbers

# Thousands separators: ASCII comma, Arabic thousands separator; "." only as a
# group separator (2.500) unless a multiplier follows (1.5 مليون).
_INT = re.compile(r"^[0-9]+$")
_GROUPED = re.compile(r"^[0-9]{1,3}(?:[,\u066c][0-9]{3})+$")
_DOTTED = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})+$")
_DECIMAL = re.compile(r"^[0-9]+[.\u066b][0-9]+$")
# Proclitics glued to a number: و500، بـ500، الـ500.
_GLUED = re.compile(r"^([وفبلك]{0,2}(?:ال)?\u0640*)(?=[0-9\u0660-\u0669\u06f0-\u06f9])")
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
        return None, float(s.replace("\u066b", "."))
    return None


def _glued_prefix(form: str) -> str:
    m = _GLUED.match(form)
    return m.group(1) if m else ""


def _lookup(form: str, rules: QuantityRules) -> tuple[str, float | None] | None:
    """Number-word entry for ``form``, trying without و/ف/ب/ل/ك/ال proclitics."""
    s = normalize_ar(form)
    if s in rules.number_words:
        return rules.number_words[s]
    # No ال: a definite number word is a percentage (في المئة) or an ordinal, not a head count.
    for prefix in ("و", "ف", "وب", "ول", "فب", "ب", "ل", "ك"):
        if s.startswith(prefix) and s[len(prefix):] in rules.number_words:
            return rules.number_words[s[len(prefix):]]
    return None


def _is_conj(form: str) -> bool:
    return normalize_ar(form) in ("و", "ف")


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
            joined = norm[:1] in ("و", "ف") and norm not in rules.number_words
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


# --------------------------------------------------------------------------
# Matching words against lists

_PUNCT = re.compile(r"^[\W_]+$")
_SUFFIXES = ("هما", "ها", "هم", "هن", "نا", "كم", "ه")
_PRONOUNS = {"هم", "ها", "هن", "هما", "ه"}


def _prefix_variants(s: str) -> set[str]:
    out = {s}
    if len(s) > 2 and s[0] in "وف":
        out.add(s[1:])
    for v in list(out):
        if len(v) > 3 and v.startswith("لل"):
            out.add("ال" + v[2:])
        if len(v) > 2 and v[0] in "بلك":
            out.add(v[1:])
    return out


def noun_variants(s: str) -> set[str]:
    """A normalised noun with its clitics stripped (بقواتها → قوات …).

    >>> "قوات" in noun_variants("قواتها")
    True
    """
    out = _prefix_variants(s)
    for v in list(out):
        for suf in _SUFFIXES:
            if v.endswith(suf) and len(v) - len(suf) >= 3:
                out.add(v[: -len(suf)])
    return out


class _View:
    """Normalised keys of a sentence's words, computed once."""

    def __init__(self, sentence: Sentence, rules: QuantityRules) -> None:
        self.words: list[Word] = sorted(sentence.words, key=lambda w: w.id)
        self.rules = rules
        self.forms = [w.text for w in self.words]
        self.norm = [normalize_ar(w.text) for w in self.words]
        self.cue_keys = [_prefix_variants(n) for n in self.norm]
        self.noun_keys = [
            noun_variants(n) | (noun_variants(normalize_ar(w.lemma)) if w.lemma and w.lemma != "_" else set())
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
        return max((len(p) for p in phrases if self._at(i, p, keys)), default=0)

    def ends_before(self, i: int, key: str) -> int:
        """Length of the longest listed phrase ending just before word ``i``."""
        return max((len(p) for p in self.rules.phrases(key) if self._at(i - len(p), p, self.cue_keys)), default=0)

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


# --------------------------------------------------------------------------
# Finding counts

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
    """True for numbers that are dates, times, percentages, codes or years."""
    before, after = num.first - 1, num.last + 1
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
        for k in (a + 1, a + 2):
            if v.is_force(k) and k < before:
                return k
        # عددهم / عدد + هم: the pronoun points at a force noun said earlier.
        pronoun = not v.cue_keys[a] & anchors or (a + 1 < len(v) and v.norm[a + 1] in _PRONOUNS)
        if pronoun:
            for k in range(a - 1, -1, -1):
                if v.is_force(k):
                    return k
        return None
    return None


def _conj_before(v: _View, num: _Num) -> bool:
    if _glued_prefix(v.forms[num.first])[:1] in ("و", "ف"):
        return True
    return num.first > 0 and bool(v.ends_before(num.first, "context_words.conjunction"))


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

    out: list[TroopCount] = []
    for num in found:
        assert num.noun is not None
        end = v.words[num.noun].end if num.direct and num.noun > num.last else num.end
        ids = tuple(v.words[k].id for k in range(num.first, num.last + 1))
        out.append(TroopCount(num.value, text[num.start:end], num.start, end, ids, v.words[num.noun].id,
                              num.change, num.approx))
    return sorted(out, key=lambda c: (c.start, c.end))
