"""The rule file ``pipelines/rules/quantities.yaml``: loading and validation
(error codes E351-E353)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any


from ..errors import RuleError
from ..lang.ar import normalize_ar
from ..paths import RULES_DIR, read_yaml

RULES_PATH = RULES_DIR / "quantities.yaml"


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
    # Nouns of members (أفراد، عناصر): force nouns that count troops only beside a military body.
    member_nouns: frozenset[str] = frozenset()

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
    "member_nouns": None,
    "trap_nouns": None,
    "temporal_cues": frozenset({"before", "after", "date", "year_context"}),
    "approx_cues": frozenset({"before", "after"}),
    "change_cues": frozenset({"from", "to", "by"}),
    "context_words": frozenset({"partitive", "conjunction", "distributive", "count_anchor", "follower", "body"}),
    "outcome_cues": frozenset({"before", "after"}),
    "label_cues": frozenset({"before", "single"}),
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
    data = read_yaml(path, code="E352", what="quantity rules",
                     fix="check the path, or leave it unset to use pipelines/rules/quantities.yaml")
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
    members: set[str] = set()
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
            elif entry.section == "member_nouns":
                force.add(key)
                members.add(key)
            elif entry.section == "trap_nouns":
                traps.append(tuple(key.split()))
            else:
                cues.setdefault(f"{entry.section}.{entry.kind}", []).append(tuple(key.split()))
    overlap = sorted(force & {p[0] for p in traps if len(p) == 1})
    if overlap:
        raise _err("E353", fname, f"word(s) {overlap} are both force nouns and trap nouns")
    return QuantityRules(path, tuple(entries), number_words, frozenset(force), tuple(sorted(set(traps))),
                         {k: tuple(sorted(set(v))) for k, v in sorted(cues.items())}, frozenset(members))
