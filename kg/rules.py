"""Stage 3, rules: a parsed :class:`~kg.document.Document` → :class:`~kg.facts.ArticleFacts`.

Rules are data (``pipelines/rules/*.yaml``). An event rule has an id, a
description, a trigger pattern with spaCy ``DependencyMatcher`` semantics
(run by spaCy on a ``Doc`` built from the Stanza words: ``LEMMA`` and
``NORM`` hold normalised lemma and form, ``POS`` the UPOS, ``DEP`` the
relation, ``ENT_TYPE`` the resolved actor class), the class it emits, how
its roles are filled, and examples that must and must not match.

Role filling uses named strategies, tried in order until one finds an actor
(see :data:`STRATEGIES`): the parse first, then word order, because parsers
err and Arabic is often verb-first.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable

import yaml
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from .dates import TimeExpression, find_dates, publication_date
from .document import Document, Sentence, Word
from .entities import ActorClasses, Resolver
from .errors import RuleError
from .facts import Actor, ArticleFacts, Event, Force, Mention, Relation, SourceRef, Title
from .gazetteer import Entry, Gazetteer, proclitic_variants
from .normalize import normalize_ar
from .quantities import TroopCount, find_troop_counts, noun_variants
from .quantities import load_rules as load_quantity_rules
from .vocab import KG

RULES_DIR = Path(__file__).resolve().parent.parent / "pipelines" / "rules"
ROLES = ("agent", "participant", "party", "speaker", "target", "location", "origin", "destination")
ACTOR_CLASSES = ("Person", "Organization", "Country", "ArmedGroup", "Place", "Actor")
QUOTES = re.compile(r"[“\"«]([^”\"»]{3,})[”\"»]")
SENTENCE_BREAK = {".", "؛", ";", "!", "؟", "?", ":"}


# --------------------------------------------------------------------------
# Rule files

@dataclass
class EventRule:
    id: str
    file: str
    description: str
    emit: str  # ontology class local name
    patterns: list[list[dict]]
    roles: dict[str, list[str]]  # role -> strategies
    role_classes: dict[str, tuple[str, ...]]
    min_roles: list[dict[str, int]]  # alternatives; each: "role" or "a|b" -> how many actors at least
    topic: tuple[str, ...]
    force: str | None  # None, "optional" or "required"
    quote: bool
    continues_speaker: bool
    examples_match: list[str]
    examples_no_match: list[str]
    merge_in_sentence: bool = False
    # Words right before / after the trigger that give it another sense
    # (علم الاجتماع is sociology, البحث عن is a search): normalised.
    veto_before: set[str] = field(default_factory=set)
    veto_after: set[str] = field(default_factory=set)
    # role -> first words an actor's name must start with (a resolution is passed by a
    # مجلس/برلمان/كونغرس, not by a television channel): normalised, without ال.
    role_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Verbs whose subject a noun trigger takes (وقّع/أبرم اتفاقا); empty: any verb. In
    # "أدان نتنياهو الاتفاق" the one who condemns is no party.
    governors: set[str] = field(default_factory=set)

    def has_roles(self, event: Event) -> bool:
        """The event has the actors one of the ``min_roles`` alternatives asks for."""
        return not self.min_roles or any(
            all(sum(len(event.roles.get(x, [])) for x in roles.split("|")) >= n for roles, n in alt.items())
            for alt in self.min_roles)

    def needed(self, role: str) -> int:
        """How many actors a strategy must find for ``role`` before the next strategies stop adding."""
        return max([alt.get(role, 1) for alt in self.min_roles] or [1])

    def governs(self, verb: Word) -> bool:
        form = normalize_ar(verb.text)
        forms = {normalize_ar(verb.lemma), form, form[1:] if form[:1] in ("و", "ف") else form}
        return not self.governors or bool(forms & self.governors)

    def vetoed(self, sentence: Sentence, trigger: int) -> bool:
        before = normalize_ar(sentence.word(trigger - 1).text) if trigger > 1 else ""
        after = normalize_ar(sentence.word(trigger + 1).text) if trigger < len(sentence.words) else ""
        return before in self.veto_before or after in self.veto_after


@dataclass
class TitleRule:
    heads: set[str]  # normalised title head nouns
    max_words: int
    examples: list[tuple[str, str, str]]  # (sentence, name, expected title)
    # Unnamed members who stand for their country's body (نواب عراقيون → the Iraqi
    # parliament): normalised member noun -> normalised first words of the body's names.
    members: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class RelationRule:
    id: str
    predicate: str
    cues: list[list[str]]  # normalised word sequences between subject and object
    subject_classes: tuple[str, ...]
    object_classes: tuple[str, ...]
    examples_match: list[str]
    examples_no_match: list[str]


@dataclass
class Cues:
    negation: set[str]
    negation_exceptions: list[list[str]]
    negation_next_word: set[str]
    future_particles: set[str]
    planned: set[str]
    locative: set[str]
    dual: set[str]
    attribution: set[str]
    # Bare definite body nouns (البرلمان) → first words of that body's names in the gazetteer.
    national_bodies: dict[str, list[str]] = field(default_factory=dict)
    # Adjectives that make forces somebody else's (القوات الأجنبية): never the speaker's own.
    foreign: set[str] = field(default_factory=set)
    # Words before a date that make it the start of a state, not an event's date (منذ).
    since: set[str] = field(default_factory=set)


def _norm_list(values: Iterable[str]) -> list[str]:
    return sorted({normalize_ar(v) for v in values})


def _normalise_attrs(attrs: dict, where: str) -> dict:
    """Normalise Arabic values of LEMMA/NORM so authors can write hamza and diacritics."""
    out = {}
    for key, value in attrs.items():
        if key in ("LEMMA", "NORM"):
            if isinstance(value, str):
                value = normalize_ar(value)
            elif isinstance(value, dict):
                value = {op: (_norm_list(v) if op in ("IN", "NOT_IN") else v) for op, v in value.items()}
            else:
                raise RuleError("E303", f"{where}: {key} must be a string or an operator dict",
                                fix='write e.g. LEMMA: {IN: [اتفق, اتفاق]}')
        out[key] = value
    return out


_EVENT_KEYS = {"id", "description", "emit", "pattern", "patterns", "roles", "role_classes", "role_names",
               "governors", "min_roles", "topic", "force", "quote", "continues_speaker", "merge_in_sentence",
               "veto", "examples"}


def _event_rule(raw: dict, file: str, known_classes: set[str], strategies: set[str]) -> EventRule:
    rid = raw.get("id") or "?"
    where = f"{file}:{rid}"
    missing = [k for k in ("id", "description", "emit", "examples") if k not in raw]
    if missing:
        raise RuleError("E301", f"{where}: missing key(s) {', '.join(missing)}", fix="add them (see README.md, Rules are data)")
    unknown = set(raw) - _EVENT_KEYS
    if unknown:
        raise RuleError("E302", f"{where}: unknown key(s) {', '.join(sorted(unknown))}",
                        fix=f"use only {', '.join(sorted(_EVENT_KEYS))}")
    emit = str(raw["emit"]).removeprefix("kg:")
    if emit not in known_classes:
        raise RuleError("E304", f"{where}: emits kg:{emit}, which is not a class of ontology/kg.ttl",
                        fix="use an existing event class or add it to the ontology")
    patterns = raw.get("patterns") or ([raw["pattern"]] if "pattern" in raw else None)
    if not patterns:
        raise RuleError("E301", f"{where}: needs a pattern", fix="add `pattern:` (a DependencyMatcher pattern)")
    norm_patterns = []
    for pattern in patterns:
        if not isinstance(pattern, list) or not pattern or "RIGHT_ID" not in pattern[0]:
            raise RuleError("E303", f"{where}: a pattern is a list of nodes, the first with RIGHT_ID and RIGHT_ATTRS",
                            fix="see spaCy's DependencyMatcher docs")
        if pattern[0]["RIGHT_ID"] != "trigger":
            raise RuleError("E303", f"{where}: the anchor node must be called 'trigger'", fix="set RIGHT_ID: trigger")
        norm_patterns.append([{**node, "RIGHT_ATTRS": _normalise_attrs(node.get("RIGHT_ATTRS", {}), where)}
                              for node in pattern])
    roles = raw.get("roles") or {}
    min_roles = raw.get("min_roles") or {}
    min_roles = min_roles if isinstance(min_roles, list) else [min_roles]
    if not all(isinstance(m, dict) for m in min_roles):
        raise RuleError("E305", f"{where}: min_roles is {{role: n}} or a list of such alternatives",
                        fix="write e.g. min_roles: [{participant: 2}, {location: 1}]")
    for key in (k for m in min_roles for k in m):
        bad = [r for r in str(key).split("|") if r not in ROLES]
        if bad:
            raise RuleError("E305", f"{where}: min_roles names unknown role {bad[0]!r}", fix=f"use {', '.join(ROLES)}")
    for role, strats in roles.items():
        if role not in ROLES:
            raise RuleError("E305", f"{where}: unknown role {role!r}", fix=f"use one of {', '.join(ROLES)}")
        bad = [p for s in strats for p in s.split("+") if p.split(":")[0] not in strategies]
        if bad:
            raise RuleError("E306", f"{where}: unknown strategy {bad[0]!r} for role {role}",
                            fix=f"use one of {', '.join(sorted(strategies))}")
    role_classes = {r: tuple(c) for r, c in (raw.get("role_classes") or {}).items()}
    for role, classes in role_classes.items():
        bad = [c for c in classes if c not in ACTOR_CLASSES]
        if bad:
            raise RuleError("E305", f"{where}: role_classes.{role} has unknown class {bad[0]}",
                            fix=f"use {', '.join(ACTOR_CLASSES)}")
    topic = tuple(str(t).removeprefix("kg:") for t in raw.get("topic") or ())
    for t in topic:
        if t not in known_classes:
            raise RuleError("E304", f"{where}: topic class kg:{t} is not in the ontology", fix="fix the name")
    examples = raw["examples"] or {}
    if not examples.get("match") or not examples.get("no_match"):
        raise RuleError("E307", f"{where}: needs examples that must match and must not match",
                        fix="add examples: {match: [...], no_match: [...]}")
    # Optional examples of who fills which role: {text: "…", roles: {participant: [مصر, الأردن]}}.
    for ex in examples.get("roles") or []:
        if not isinstance(ex, dict) or set(ex) != {"text", "roles"} or not isinstance(ex["roles"], dict) \
                or any(r not in roles for r in ex["roles"]):
            raise RuleError("E307", f"{where}: a roles example is {{text: …, roles: {{role: [names]}}}} with roles of this rule",
                            fix=f"use the roles {', '.join(roles) or '(none)'}")
    role_names = {r: tuple(normalize_ar(str(w)).removeprefix("ال") for w in words)
                  for r, words in (raw.get("role_names") or {}).items()}
    if any(r not in roles for r in role_names):
        raise RuleError("E305", f"{where}: role_names names a role the rule does not fill",
                        fix=f"use the roles {', '.join(roles) or '(none)'}")
    veto = raw.get("veto") or {}
    if not isinstance(veto, dict) or set(veto) - {"before", "after"}:
        raise RuleError("E302", f"{where}: veto is {{before: [words], after: [words]}}",
                        fix="list the words right before or after the trigger that give it another sense")
    return EventRule(rid, file, raw["description"], emit, norm_patterns,
                     {r: list(s) for r, s in roles.items()}, role_classes,
                     [dict(m) for m in min_roles if m], topic, _force_mode(raw.get("force"), where),
                     bool(raw.get("quote")), bool(raw.get("continues_speaker")), list(examples["match"]),
                     list(examples["no_match"]), bool(raw.get("merge_in_sentence")),
                     set(_norm_list(veto.get("before") or [])), set(_norm_list(veto.get("after") or [])),
                     role_names, set(_norm_list(raw.get("governors") or [])))


def _force_mode(value: object, where: str) -> str | None:
    if value in (None, False):
        return None
    if value is True:
        return "optional"
    if value == "required":
        return "required"
    raise RuleError("E309", f"{where}: force must be true, false or required, not {value!r}", fix="fix the value")


def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RuleError("E300", f"{path.name}: invalid YAML ({exc})", fix="fix the syntax") from None
    if not isinstance(data, dict) or "kind" not in data:
        raise RuleError("E300", f"{path.name}: a rule file is a mapping with a `kind`", fix="add `kind: events` (or titles, relations, cues)")
    return data


# --------------------------------------------------------------------------
# The rule set

class RuleSet:
    """All rules, the gazetteer and the matchers, loaded once per run."""

    def __init__(self, events: list[EventRule], titles: TitleRule, relations: list[RelationRule], cues: Cues,
                 gazetteer: Gazetteer, classes: ActorClasses | None = None) -> None:
        self.events = events
        self.titles = titles
        self.relations = relations
        self.cues = cues
        self.gazetteer = gazetteer
        self.resolver = Resolver(gazetteer, classes)
        self.vocab = Vocab()
        self.matcher = DependencyMatcher(self.vocab)
        self.by_key: dict[int, EventRule] = {}
        for rule in events:
            self.matcher.add(rule.id, rule.patterns)
            self.by_key[self.vocab.strings[rule.id]] = rule

    @classmethod
    def load(cls, directory: Path | None = None, gazetteer: Gazetteer | None = None) -> "RuleSet":
        directory = Path(directory or RULES_DIR)
        files = sorted(directory.glob("*.yaml"))
        if not files:
            raise RuleError("E300", f"no rule files in {directory}", fix="point [rules] dir at pipelines/rules")
        known = {str(c).split("#")[-1] for c in KG.__annotations__}
        events: list[EventRule] = []
        titles = None
        relations: list[RelationRule] = []
        cues = None
        classes = None
        seen: set[str] = set()
        for path in files:
            if path.stem == "quantities":
                continue  # its own format, read and validated by kg.quantities
            data = _read_yaml(path)
            kind = data["kind"]
            if kind == "events":
                for raw in data.get("rules") or []:
                    rule = _event_rule(raw, path.name, known, set(STRATEGIES))
                    if rule.id in seen:
                        raise RuleError("E308", f"{path.name}:{rule.id}: duplicate rule id", fix="rename one")
                    seen.add(rule.id)
                    events.append(rule)
            elif kind == "titles":
                members = {normalize_ar(k): _norm_list(v) for k, v in (data.get("members") or {}).items()}
                titles = TitleRule(set(_norm_list(data["heads"])) | set(members), int(data.get("max_words", 6)),
                                   [(e["sentence"], e["name"], e["title"]) for e in data.get("examples", [])],
                                   members)
            elif kind == "relations":
                for raw in data.get("rules") or []:
                    pred = str(raw["predicate"]).removeprefix("kg:")
                    if pred not in known:
                        raise RuleError("E304", f"{path.name}:{raw.get('id')}: kg:{pred} is not in the ontology",
                                        fix="use an ontology property")
                    relations.append(RelationRule(
                        raw["id"], pred, [normalize_ar(c).split() for c in raw["cues"]],
                        tuple(raw.get("subject_classes", ACTOR_CLASSES)), tuple(raw.get("object_classes", ACTOR_CLASSES)),
                        list(raw["examples"]["match"]), list(raw["examples"]["no_match"])))
            elif kind == "actor_classes":
                for raw in data.get("rules") or []:
                    if raw.get("class") not in ACTOR_CLASSES or not raw.get("first_words") or not raw.get("ner"):
                        raise RuleError("E310", f"{path.name}: each rule needs a class of {', '.join(ACTOR_CLASSES)}, "
                                        "first_words and ner", fix="fix the entry")
                classes = ActorClasses(data.get("rules"))
            elif kind == "cues":
                cues = Cues(set(_norm_list(data["negation"])),
                            [normalize_ar(x).split() for x in data.get("negation_exceptions", [])],
                            set(_norm_list(data.get("negation_next_word", []))),
                            set(_norm_list(data["future_particles"])), set(_norm_list(data["planned"])),
                            set(_norm_list(data["locative"])), set(_norm_list(data.get("dual_reference", []))),
                            set(_norm_list(data.get("attribution", []))),
                            {normalize_ar(k): _norm_list(v) for k, v in (data.get("national_bodies") or {}).items()},
                            set(_norm_list(data.get("foreign", []))),
                            set(_norm_list(data.get("since", []))))
            else:
                raise RuleError("E300", f"{path.name}: unknown kind {kind!r}",
                                fix="use events, titles, relations, cues, actor_classes or quantities")
        if titles is None or cues is None:
            raise RuleError("E300", f"{directory}: needs a `kind: titles` and a `kind: cues` file",
                            fix="restore pipelines/rules/titles.yaml and cues.yaml")
        return cls(events, titles, relations, cues, gazetteer or Gazetteer.load(), classes)

    @cached_property
    def force_nouns(self) -> set[str]:
        """Force nouns come from the troop-count data, so both agree."""
        return set(load_quantity_rules().force_nouns)

    def extract(self, doc: Document) -> ArticleFacts:
        return Extraction(self, doc).run()

    def spacy_doc(self, sentence: Sentence, mentions: list[Mention], actors: dict[str, Actor]) -> Doc:
        words = sentence.words
        heads = [(w.head - 1) if w.head > 0 else i for i, w in enumerate(words)]
        sdoc = Doc(self.vocab, words=[w.text for w in words], heads=heads,
                   deps=[w.deprel or "dep" for w in words], pos=[_upos(w.upos) for w in words],
                   lemmas=[normalize_ar(w.lemma or w.text) for w in words])
        for token, w in zip(sdoc, words):
            token.norm_ = normalize_ar(w.text)
        spans = []
        for m in mentions:
            if m.words:
                spans.append(Span(sdoc, m.words[0] - 1, m.words[-1], label=actors[m.actor].cls))
        sdoc.ents = _non_overlapping(spans)
        return sdoc


_UPOS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
         "SCONJ", "SYM", "VERB", "X"}


def _upos(tag: str) -> str:
    return tag if tag in _UPOS else "X"


def _non_overlapping(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    end = -1
    for span in sorted(spans, key=lambda s: (s.start, -len(s))):
        if span.start >= end:
            out.append(span)
            end = span.end
    return out


# --------------------------------------------------------------------------
# Role-filling strategies. Each takes the context and a trigger word id and
# returns mention indices (into ctx.mentions), best first.

class SentenceContext:
    def __init__(self, ex: "Extraction", sentence: Sentence, mentions: list[Mention]) -> None:
        self.ex = ex
        self.rule: EventRule | None = None  # the rule whose roles are being filled
        self.sentence = sentence
        self.mentions = mentions  # mentions of this sentence, in order
        self.title_words: set[int] = set()  # words inside a title phrase (رئيس الحكومة العراقية …)
        # Words inside a quotation (what was said), mapped to the quotation's number. A role
        # filler and its trigger must be on the same side: the speaker stands outside what
        # he said, and an event reported inside a quotation takes its actors from it.
        self.quote_of: dict[int, int] = {}
        wid = 1
        while wid <= len(sentence.words):
            if _opens_quotation(sentence, wid):
                end = next((o for o in range(wid + 1, len(sentence.words) + 1)
                            if sentence.word(o).text in QUOTE_MARKS), len(sentence.words) + 1)
                self.quote_of.update((o, wid) for o in range(wid + 1, end))
                wid = end
            wid += 1
        self.by_word: dict[int, int] = {}
        for i, m in enumerate(mentions):
            for wid in m.words:
                self.by_word[wid] = i

    def relative_span(self, wid: int) -> tuple[int, int] | None:
        """The relative clause between commas that word ``wid`` lies in, as (first, last) word:
        "، الذي يشغل المنصب منذ 1998،"."""
        s = self.sentence
        commas = [w.id for w in s.words if w.text in ("،", ",")]
        for c in commas:
            if c < wid and c + 1 <= len(s.words) and normalize_ar(s.word(c + 1).text) in RELATIVES:
                end = next((x for x in commas if x > c), len(s.words) + 1)
                if wid < end:
                    return c, end
        return None

    def same_side(self, trigger: int, words: Iterable[int]) -> bool:
        """All of ``words`` are in the trigger's quotation, or outside quotations as it is."""
        side = self.quote_of.get(trigger)
        return all(self.quote_of.get(w) == side for w in words)

    def side_of_span(self, start: int, end: int) -> int | None:
        """The quotation that a character span (a date) lies in, if any."""
        return next((q for w, q in self.quote_of.items()
                     if self.sentence.word(w).start < end and start < self.sentence.word(w).end), None)

    def in_brackets(self, index: int) -> bool:
        """The mention stands inside brackets: "في نجامينا (تشاد)", "(الرئيس التشادي)"."""
        m, s = self.mentions[index], self.sentence
        before = ["(" if w.text == "(" else ")" for w in s.words[:m.words[0] - 1] if w.text in "()"]
        return bool(before) and before[-1] == "("

    def cls(self, index: int) -> str:
        m = self.mentions[index]
        return "Place" if m.as_place else self.ex.actors[m.actor].cls

    def head_of(self, index: int) -> Word:
        """The mention's syntactic head: its word whose head lies outside it."""
        m = self.mentions[index]
        for wid in m.words:
            w = self.sentence.word(wid)
            if w.head not in m.words:
                return w
        return self.sentence.word(m.words[0])

    def subtree(self, wid: int, limit: int = 12, deprels: tuple[str, ...] | None = None) -> set[int]:
        out, todo = {wid}, [wid]
        while todo:
            cur = todo.pop()
            for child in self.sentence.children(cur):
                if deprels is not None and not child.deprel.startswith(deprels):
                    continue
                if child.id not in out and abs(child.id - wid) <= limit:
                    out.add(child.id)
                    todo.append(child.id)
        return out

    def mentions_in(self, words: set[int]) -> list[int]:
        return sorted({self.by_word[w] for w in words if w in self.by_word})

    def preposition(self, index: int, after: int = 0, phrase: bool = False) -> str | None:
        """The preposition governing a mention: a `case` child, a proclitic of its first token, or the
        word before a title phrase (من وزير الخارجية الأمريكي مايك بومبيو), looking back no further
        than word ``after``, the trigger. With ``phrase``, the preposition of the noun phrase the
        mention ends ("باشتباكات شمال بوروندي": Burundi is inside a prepositional phrase, though ب
        governs اشتباكات, not Burundi)."""
        m = self.mentions[index]
        s = self.sentence
        head = self.head_of(index)
        for child in s.children(head.id):
            if child.deprel == "case":
                return normalize_ar(child.text)
        first = s.word(m.words[0])
        token = s.tokens[first.token]
        clitics = [s.word(w) for w in token.words if w < first.id and s.word(w).upos == "ADP"]
        if clitics:
            return normalize_ar(clitics[-1].text)
        # An unsplit proclitic: بالعراق, لبغداد (the gazetteer matched the name inside the word).
        text = normalize_ar(first.text)
        if text[:1] in ("ب", "ل") and text[1:3] == "ال" or text.startswith("لل"):
            return text[:1]
        for wid in range(first.id - 1, max(after, first.id - 6), -1):
            w = s.word(wid)
            if w.upos == "ADP":
                return normalize_ar(w.text)
            if w.text in QUOTE_MARKS:  # لـ«الشرق الأوسط»
                continue
            if w.upos in ("VERB", "PUNCT", "CCONJ", "SCONJ") or wid in self.by_word or \
                    not (phrase or wid in self.title_words):
                break
        return None

    def is_break(self, word: Word) -> bool:
        return word.upos == "PUNCT" and word.text in SENTENCE_BREAK


QUOTE_MARKS = set('"“”«»')
# Roles a bracketed place may fill ("في نجامينا (تشاد)" places; it does not act).
PLACE_ROLES = ("location", "origin", "destination")
# Prepositions that never sit inside a title phrase: "التقى الرئيس المصري مع وزير الخارجية".
TITLE_STOPS = {normalize_ar(w) for w in ("مع", "إلى", "على", "عن", "بين")}
NAME_DEPRELS = ("nmod", "flat", "appos", "amod", "conj", "cc", "compound", "name", "det", "punct")
CLAUSE_LINKS = {normalize_ar(w) for w in ("فيما", "بينما", "في حين", "لكن", "ولكن")}
SUBORDINATORS = {normalize_ar(w) for w in ("أن", "إن", "بأن", "لأن", "كي", "الذي", "التي", "الذين")}
RELATIVES = {normalize_ar(w) for w in ("الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "اللواتي", "اللاتي")}


def _opens_quotation(s: Sentence, wid: int) -> bool:
    """A quote mark that opens a quotation (speech), not one around a short
    name such as “داعش” or “فيلق القدس”."""
    mark = s.word(wid).text
    if mark not in QUOTE_MARKS or mark in "”»":
        return False
    if mark == '"' and sum(1 for w in s.words[:wid - 1] if w.text == '"') % 2 == 1:
        return False  # the closing one of a pair
    for n, other in enumerate(range(wid + 1, len(s.words) + 1)):
        if s.word(other).text in QUOTE_MARKS:
            return n > 4
    return len(s.words) - wid > 4


def _group_after(ctx: SentenceContext, trigger: int, window: int = 20, stop_at_verb: bool = True,
                 free_only: bool = True) -> list[int]:
    """Mentions after the trigger, up to a verb, a subordinator, a preposition
    or a sentence break. With ``free_only``, mentions governed by a preposition
    are left to the prep: strategies."""
    out: list[int] = []
    s = ctx.sentence
    for wid in range(trigger + 1, min(len(s.words), trigger + window) + 1):
        w = s.word(wid)
        if wid in ctx.by_word:
            idx = ctx.by_word[wid]
            if idx not in out and not (free_only and ctx.preposition(idx, after=trigger, phrase=True) is not None):
                out.append(idx)
            continue
        if ctx.is_break(w) or normalize_ar(w.text) in SUBORDINATORS or w.upos == "SCONJ" or _opens_quotation(s, wid):
            break
        if stop_at_verb and w.upos == "VERB":
            break
        if free_only and w.upos == "ADP" and len(s.tokens[w.token].words) == 1:
            break
    return out


def _group_before(ctx: SentenceContext, trigger: int, window: int = 8) -> list[int]:
    out: list[int] = []
    s = ctx.sentence
    for wid in range(trigger - 1, max(0, trigger - window), -1):
        w = s.word(wid)
        if wid in ctx.by_word:
            idx = ctx.by_word[wid]
            if idx not in out and ctx.preposition(idx, phrase=True) is None:
                out.append(idx)
            continue
        if w.upos == "VERB" and s.word(trigger).upos != "VERB" and ctx.rule is not None \
                and not ctx.rule.governs(w):
            return []  # the subject of another verb: "أدان نتنياهو الاتفاق"
        if ctx.is_break(w) or w.upos == "VERB" or normalize_ar(w.text) in SUBORDINATORS:
            break
        # A trigger in a prepositional phrase that completes a noun: what stands before the
        # preposition belongs to that noun ("موقف العراق من تقليص القوات": Iraq does not
        # reduce), unlike after a verb ("توصل بغداد وواشنطن إلى اتفاق").
        t = s.word(trigger)
        if w.upos == "ADP" and len(s.tokens[w.token].words) == 1 and wid == trigger - 1 \
                and t.head and s.word(t.head).upos in ("NOUN", "PROPN", "X") and t.head < wid:
            break
    return out


def _conjuncts(ctx: SentenceContext, index: int) -> list[int]:
    head = ctx.head_of(index)
    out = []
    for w in ctx.sentence.words:
        if w.deprel.startswith("conj") and w.head == head.id and w.id in ctx.by_word:
            out.append(ctx.by_word[w.id])
    return out


def s_subject(ctx: SentenceContext, trigger: int) -> list[int]:
    """The trigger's nsubj (or its governing verb's, for a noun trigger), its
    conjuncts, and actors inside a title phrase (وزير الخارجية فؤاد حسين)."""
    s = ctx.sentence
    t = s.word(trigger)
    governors = [trigger]
    # A noun trigger takes its verb's subject, unless أن/إن stands between them: in
    # "لفت الصحاف إلى أن الحوار عقد" the speaker is not a party to the dialogue.
    if t.upos != "VERB" and t.head and not any(
            normalize_ar(s.word(w).text) in SUBORDINATORS
            for w in range(min(t.head, trigger) + 1, max(t.head, trigger))) \
            and (ctx.rule is None or ctx.rule.governs(s.word(t.head))):
        governors.append(t.head)
    for gov in governors:
        out: list[int] = []
        for child in s.children(gov):
            # A subject takes no preposition: in "قال الخزرجي لـ«الشرق الأوسط»" the paper is addressed.
            if child.deprel.startswith(("nsubj", "csubj")) and not any(
                    c.deprel == "case" for c in s.children(child.id)):
                # The subject and the names inside its title phrase, not its clauses.
                found = ctx.mentions_in(ctx.subtree(child.id, limit=8, deprels=NAME_DEPRELS))
                for idx in found:
                    if idx not in out:
                        out.append(idx)
                        out.extend(i for i in _conjuncts(ctx, idx) if i not in out)
        if out:
            return out
    return []


def s_after(ctx: SentenceContext, trigger: int) -> list[int]:
    """Actors right after the trigger, up to the next verb or sentence break (VSO order)."""
    return _group_after(ctx, trigger)


def s_before(ctx: SentenceContext, trigger: int) -> list[int]:
    """Actors right before the trigger, back to the previous verb (SVO order, titles)."""
    return _group_before(ctx, trigger)


def s_object(ctx: SentenceContext, trigger: int) -> list[int]:
    """Genitive/object actors of the trigger (مقتل سليماني, استهداف القاعدة)."""
    s = ctx.sentence
    out: list[int] = []
    for child in s.children(trigger):
        if child.deprel.startswith(("obj", "nmod", "iobj")) and not any(
                c.deprel == "case" for c in s.children(child.id)):
            for idx in ctx.mentions_in(ctx.subtree(child.id, limit=8)):
                if idx not in out:
                    out.append(idx)
    return out


def _prep(names: tuple[str, ...]) -> Callable[[SentenceContext, int], list[int]]:
    wanted = {normalize_ar(n) for n in names}

    def strategy(ctx: SentenceContext, trigger: int) -> list[int]:
        subtree = ctx.subtree(trigger, limit=14)
        out: list[int] = []
        for idx, m in enumerate(ctx.mentions):
            if not (trigger < m.words[0] <= trigger + 14 or m.words[0] in subtree):
                continue
            if ctx.preposition(idx, after=trigger if m.words[0] > trigger else 0) in wanted:
                out.append(idx)
                out.extend(i for i in _conjuncts(ctx, idx) if i not in out)
        return sorted(set(out), key=lambda i: abs(ctx.mentions[i].words[0] - trigger))
    return strategy


def s_between(ctx: SentenceContext, trigger: int) -> list[int]:
    """بين X و Y: both sides, a few words before the trigger or later in its phrase
    (up to the next verb or break: "اتفاقية الإطار لعام 2008 الخاصة بالتعاون بين X و Y")."""
    s = ctx.sentence
    after = []
    # After a verb, بين belongs to its object ("بحث الوزيران العلاقات بين البلدين"), not to the event.
    for wid in range(trigger + 1, min(len(s.words), trigger + 16) + 1 if s.word(trigger).upos != "VERB" else 0):
        if ctx.is_break(s.word(wid)) or s.word(wid).upos == "VERB":
            break
        after.append(wid)
    for wid in [*range(max(1, trigger - 6), trigger), *after]:
        if normalize_ar(s.word(wid).text) == "بين":
            comma = next((c for c in range(wid + 1, len(s.words) + 1) if s.word(c).text in ("،", ",")), None)
            group = [i for i in _group_after(ctx, wid, window=12, stop_at_verb=True, free_only=False)
                     if comma is None or ctx.mentions[i].words[0] < comma]
            if len(group) >= 2:
                return group
    return []


def s_verb_subject(ctx: SentenceContext, trigger: int) -> list[int]:
    """For a noun trigger (قرارا، اتفاق): the subject of the nearest verb before it."""
    s = ctx.sentence
    for wid in range(trigger - 1, max(0, trigger - 10), -1):
        w = s.word(wid)
        if ctx.is_break(w):
            break
        if w.upos == "VERB":
            found = s_subject(ctx, wid) or _group_after(ctx, wid, window=trigger - wid)
            return [i for i in found if ctx.mentions[i].words[0] < trigger]
    return []


def s_persons(ctx: SentenceContext, trigger: int) -> list[int]:
    """Every person named in the same clause after the trigger (meeting sentences
    list their participants, often behind long title phrases)."""
    out = []
    for wid in range(trigger + 1, min(len(ctx.sentence.words), trigger + 30) + 1):
        w = ctx.sentence.word(wid)
        if ctx.is_break(w) or _opens_quotation(ctx.sentence, wid) or (w.upos == "VERB" and wid not in ctx.by_word):
            break
        idx = ctx.by_word.get(wid)
        if idx is not None and idx not in out and ctx.cls(idx) == "Person":
            out.append(idx)
    return out


def s_attributed(ctx: SentenceContext, trigger: int) -> list[int]:
    """Who said it, when the words are attributed: "تصريحا منسوبا للكاظمي أشار فيه",
    "نقلا عن الوزير", "حسب البيان": the actor right after an attribution word
    within ten words before or six after the trigger."""
    s, cues = ctx.sentence, ctx.ex.rules.cues.attribution
    for wid in range(max(1, trigger - 10), min(len(s.words), trigger + 6) + 1):
        if noun_variants(normalize_ar(s.word(wid).text)) & cues or normalize_ar(s.word(wid).text) in cues:
            for nxt in range(wid + 1, min(len(s.words), wid + 8) + 1):  # room for a title
                if nxt in ctx.by_word:
                    return [ctx.by_word[nxt]]
                if ctx.is_break(s.word(nxt)) or s.word(nxt).upos == "VERB":
                    break
    return []


COUNTERPART = {normalize_ar(w) for w in ("نظير", "نظيره", "نظيرها", "نظيرته", "نظيرتها", "نظرائه", "نظيريه")}


def s_counterpart(ctx: SentenceContext, trigger: int) -> list[int]:
    """Both sides when one is named as the other's counterpart ("لبحث مع نظيره العراقي فؤاد
    حسين"): the counterpart after the trigger and the nearest person (or actor) before it."""
    s = ctx.sentence
    other = None
    for wid in range(trigger + 1, min(len(s.words), trigger + 4) + 1):
        w = s.word(wid)
        if normalize_ar(w.text) in COUNTERPART or normalize_ar(s.tokens[w.token].text) in COUNTERPART:
            other = next((ctx.by_word[x] for x in range(wid + 1, min(len(s.words), wid + 5) + 1)
                          if x in ctx.by_word), None)
            break
    if other is None:
        return []
    before = [ctx.by_word[w] for w in range(trigger - 1, 0, -1) if w in ctx.by_word]
    same = [i for i in before if ctx.cls(i) == ctx.cls(other)]
    first = (same or before or [None])[0]
    return [first, other] if first is not None and first != other else []


STRATEGIES: dict[str, Callable[..., list[int]]] = {
    "counterpart": s_counterpart,
    "attributed": s_attributed,
    "verb_subject": s_verb_subject, "persons": s_persons,
    "subject": s_subject, "after": s_after, "before": s_before, "object": s_object, "between": s_between,
    "prep": lambda ctx, t: [],  # parameterised as prep:من|إلى, see run_strategy
    "demonym": lambda ctx, t: [],  # gives an actor, not a mention: see Extraction._demonym_role
}


def run_strategy(name: str, ctx: SentenceContext, trigger: int) -> list[int]:
    """Run one strategy, or the union of several joined by '+', best first."""
    out: list[int] = []
    for part in name.split("+"):
        base, _, arg = part.partition(":")
        found = _prep(tuple(arg.split("|")))(ctx, trigger) if base == "prep" else STRATEGIES[base](ctx, trigger)
        out.extend(i for i in found if i not in out)
    return out


# --------------------------------------------------------------------------
# Extraction of one article

class Extraction:
    def __init__(self, rules: RuleSet, doc: Document) -> None:
        self.rules = rules
        self.doc = doc
        self.article = doc.article
        self.actors: dict[str, Actor] = {}
        self.facts = ArticleFacts(doc)
        self._event_n = 0
        self._force_n = 0
        self._foreign: set[str] = set()  # ids of forces called foreign (القوات الأجنبية)
        self.last_speaker: str | None = None
        self.last_pair: list[str] = []
        # (date, actors) of the last dated event of the previous sentence
        self.previous_dated: tuple[TimeExpression, set[str]] | None = None

    @cached_property
    def published(self) -> dt.date | None:
        return self.article.published or publication_date(self.article.text)

    def run(self) -> ArticleFacts:
        actors, mentions = self.rules.resolver.resolve(self.doc)
        self.actors = actors
        self.facts.actors = actors
        self.facts.mentions = mentions
        self.facts.published = self.published
        dates = find_dates(self.article.text, self.published)
        self.facts.dates = dates
        # A month name tagged as a place by NER (نيسان/ابريل) is part of a date.
        # So is a bare title or member noun tagged as a person (الوزير، برلمانيون).
        heads = self.rules.titles.heads if self.rules.titles else set()
        mentions[:] = [m for m in mentions if self.actors[m.actor].from_gazetteer
                       or not (any(d.start < m.end and m.start < d.end for d in dates)
                               or normalize_ar(m.text) in heads)]
        self._national_bodies(mentions)
        mentioned = {m.actor for m in mentions}
        for iri in [i for i, a in self.actors.items() if not a.from_gazetteer and i not in mentioned]:
            del self.actors[iri]
        for sent in self.doc.sentences:
            sent_mentions = [m for m in mentions if m.sentence == sent.index]
            officials = self._official_mentions(sent, sent_mentions)
            if officials:
                mentions.extend(officials)
                sent_mentions = sorted(sent_mentions + officials, key=lambda m: m.start)
            ctx = SentenceContext(self, sent, sent_mentions)
            source = SourceRef(self.article.id, sent.index, sent.start, sent.end, sent.text)
            sent_dates = [d for d in dates if sent.start <= d.start < sent.end]
            counts = find_troop_counts(sent, self.article.text)
            self._titles(ctx, source)
            self._relations(ctx, source)
            events = self._events(ctx, source, sent_dates, counts)
            self._forces(ctx, source, counts, events)
            dated = [e for e in events if e.date is not None and e.date in sent_dates]
            self.previous_dated = (dated[-1].date, {a for e in dated for v in e.roles.values() for a in v}) \
                if dated else None
        return self.facts

    def _official_mentions(self, sent: Sentence, mentions: list[Mention]) -> list[Mention]:
        """An unnamed official stands for their country: "الرئيس المصري",
        "وزير الخارجية الأمريكي" (when no name follows) act for Egypt, the US."""
        heads = self.rules.titles.heads
        taken = {w for m in mentions for w in m.words}
        person_words = {w for m in mentions if self.actors[m.actor].cls == "Person" for w in m.words}
        out: list[Mention] = []
        n = len(sent.words)
        for w in sent.words:
            form = normalize_ar(w.text)
            if w.id in taken or not ({form, form.removeprefix("ال"), normalize_ar(w.lemma)} & heads):
                continue
            for dem in range(w.id + 1, min(n, w.id + 3) + 1):
                if dem in taken or sent.word(dem).upos in ("VERB", "PUNCT"):
                    break
                entry = self.rules.gazetteer.demonym(sent.word(dem).text)
                if entry is None:
                    continue
                following = set(range(dem + 1, min(n, dem + 3) + 1))  # room for a split first name
                if following & person_words:
                    break  # a name follows: the title belongs to that person
                entry = self._body_of(self.rules.titles.members.get(normalize_ar(w.text), []), entry)
                self._ensure_actor(entry)
                ids = tuple(range(w.id, dem + 1))
                start, end = w.start, sent.word(dem).end
                out.append(Mention(entry.iri, sent.index, start, end, self.article.text[start:end], ids))
                taken.update(ids)
                break
        return out

    def _national_bodies(self, mentions: list[Mention]) -> None:
        """A bare definite body noun (البرلمان، مجلس النواب) names that body of the country
        the article is mostly about: the country mentioned most, when one clearly leads and
        the gazetteer knows its body."""
        bodies = self.rules.cues.national_bodies
        counts = Counter(m.actor for m in mentions if self.actors[m.actor].cls == "Country"
                         and self.actors[m.actor].from_gazetteer).most_common(2)
        if not bodies or not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
            return
        country = self.rules.gazetteer.entry(counts[0][0])
        for m in mentions:
            key = normalize_ar(m.text)
            if not self.actors[m.actor].from_gazetteer and key in bodies:
                body = self._body_of(bodies[key], country)
                if body is not country:
                    self._ensure_actor(body)
                    m.actor = body.iri
        firsts = {k.split()[0].removeprefix("ال") for k in bodies}
        for sent in self.doc.sentences:
            taken = {w for m in mentions if m.sentence == sent.index for w in m.words}
            n = len(sent.words)
            for w in sent.words:
                if not any(f in normalize_ar(w.text) for f in firsts):
                    continue
                for size in (2, 1):
                    ids = tuple(range(w.id, w.id + size))
                    if ids[-1] > n or set(ids) & taken:
                        continue
                    words = [sent.word(i) for i in ids]
                    key = next((k for k in proclitic_variants(normalize_ar(" ".join(x.text for x in words)))
                                if k in bodies), None)
                    nxt = sent.word(ids[-1] + 1) if ids[-1] < n else None
                    if key is None or (nxt is not None and (nxt.upos in ("ADJ", "PROPN", "X")
                                                             or self.rules.gazetteer.demonym(nxt.text))):
                        continue  # not bare: البرلمان الأردني, مجلس النواب الأمريكي
                    body = self._body_of(bodies[key], country)
                    if body is country:
                        continue
                    self._ensure_actor(body)
                    start, end = words[0].start, words[-1].end
                    mentions.append(Mention(body.iri, sent.index, start, end, self.article.text[start:end], ids))
                    taken.update(ids)
                    break
        mentions.sort(key=lambda m: (m.sentence, m.start))

    def _body_of(self, prefixes: list[str], country: Entry) -> Entry:
        """The country's body whose names start with one of ``prefixes``; the country
        when the gazetteer knows none."""
        for entry in self.rules.gazetteer:
            if entry.part_of == country.iri and any(
                    normalize_ar(name).removeprefix("ال").startswith(p.removeprefix("ال"))
                    for name in entry.names for p in prefixes):
                return entry
        return country

    # -- events ------------------------------------------------------------
    def _events(self, ctx: SentenceContext, source: SourceRef, dates: list[TimeExpression],
                counts: list[TroopCount]) -> list[Event]:
        sdoc = self.rules.spacy_doc(ctx.sentence, ctx.mentions, self.actors)
        found: dict[int, tuple[EventRule, int]] = {}
        for match_id, token_ids in self.rules.matcher(sdoc):
            rule = self.rules.by_key[match_id]
            trigger = token_ids[0] + 1
            if rule.vetoed(ctx.sentence, trigger):
                continue
            # One event per trigger word; the first rule in file order wins.
            if trigger not in found or self.rules.events.index(rule) < self.rules.events.index(found[trigger][0]):
                found[trigger] = (rule, trigger)
        events: list[tuple[int, EventRule, Event]] = []
        for trigger in sorted(found):
            rule, _ = found[trigger]
            event = self._event(ctx, source, rule, trigger, dates, counts)
            if event is not None:
                events.append((trigger, rule, event))
        # Events without the actors their rule needs are dropped.
        events = [(t, r, e) for t, r, e in events if r.has_roles(e)]
        # Several triggers of one incident in a sentence (مقتل … بغارة) make one event.
        merged: list[tuple[int, EventRule, Event]] = []
        for trigger, rule, event in events:
            twin = next((e for _, r, e in merged if r is rule and rule.merge_in_sentence), None)
            if twin is None:
                merged.append((trigger, rule, event))
                continue
            for role, actors in event.roles.items():
                for actor in actors:
                    twin.add_role(role, actor)
            twin.date = twin.date or event.date
            twin.force = twin.force or event.force
        # Topics: the nearest following event of an allowed class.
        hosts = {a for _, _, e in merged for role in ("origin", "location", "destination")
                 for a in e.roles.get(role, [])}
        claimed: set[int] = set()
        for i, (trigger, rule, event) in enumerate(merged):
            if not rule.topic:
                continue
            for later_trigger, later_rule, later in merged[i + 1:]:
                if later.type in rule.topic and id(later) not in claimed:
                    event.topic = later
                    claimed.add(id(later))
                    break
            # Whose forces? The speaker's or agent's, when the topic does not say; but not
            # a country the sentence names as where forces are or leave from (the Iraqi prime
            # minister speaking of a withdrawal "from Iraq" speaks of foreign forces).
            topic = event.topic
            # A vote decides about forces, usually others': a parliament does not own them.
            if topic is not None and topic.force is not None and topic.force.of is None \
                    and rule.emit != "Vote" and topic.force.id not in self._foreign:
                for role in ("agent", "speaker"):
                    if event.roles.get(role):
                        owner = self._country_of(event.roles[role][0])
                        if owner and owner not in hosts:
                            topic.force.of = owner
                            break
        # An event with no actor and no force says nothing unless another event is about it.
        kept = [e for _, _, e in merged if e.roles or e.force is not None or id(e) in claimed]
        self.facts.events.extend(kept)
        return kept

    def _event(self, ctx: SentenceContext, source: SourceRef, rule: EventRule, trigger: int,
               dates: list[TimeExpression], counts: list[TroopCount]) -> Event | None:
        s = ctx.sentence
        tword = s.word(trigger)
        ctx.rule = rule
        self._event_n += 1
        event = Event(id=str(self._event_n), type=rule.emit, source=source, rule=rule.id, trigger=tword.text)
        dual_role = next((r for r in ("party", "participant", "agent", "speaker") if r in rule.roles), None)
        if dual_role and self.last_pair and self._dual_subject(ctx, trigger):
            for actor in self.last_pair:
                event.add_role(dual_role, actor)
        for role, strategies in rule.roles.items():
            if role in event.roles:
                continue
            allowed = rule.role_classes.get(role)
            for strategy in strategies:
                if strategy == "demonym":
                    actors = self._demonym_near(ctx, trigger)
                    for actor in actors:
                        event.add_role(role, actor)
                    if actors:
                        break
                    continue
                picks = [i for i in run_strategy(strategy, ctx, trigger)
                         if (allowed is None or ctx.cls(i) in allowed) and ctx.mentions[i].words[0] != trigger
                         and self._named_as(ctx.mentions[i].actor, rule.role_names.get(role))
                         and (role in PLACE_ROLES or not ctx.in_brackets(i))
                         and not set(ctx.mentions[i].words) <= ctx.title_words
                         and ctx.same_side(trigger, ctx.mentions[i].words)]
                if picks:
                    if role == "speaker":  # one speaker: the person when one is named
                        picks = [next((i for i in picks if ctx.cls(i) == "Person"), picks[0])]
                    for i in picks:
                        event.add_role(role, self._role_target(ctx, i, role))
                    # Fewer than the rule needs (one party of two): the next strategies add to them.
                    if len(event.roles.get(role, [])) >= rule.needed(role):
                        break
        pair_role = next((r for r in ("party", "participant", "agent") if r in rule.roles), None)
        if pair_role and (pair_role != "agent" or not event.roles.get("agent")):
            self._dual_reference(ctx, trigger, event, pair_role)
        if rule.continues_speaker and "speaker" not in event.roles and self.last_speaker \
                and not self._explicit_subject(ctx, trigger):
            event.add_role("speaker", self.last_speaker)
        if rule.emit == "Statement":
            if "speaker" not in event.roles:
                return None
            self.last_speaker = event.roles["speaker"][0]
        # Roles must not repeat across role names (an origin is not also an agent):
        # the roles marked by a preposition are the surer ones.
        seen: set[str] = set()
        for role in ("origin", "destination", "location", "target", "speaker", "agent", "party", "participant"):
            if role in event.roles:
                event.roles[role] = [a for a in event.roles[role] if a not in seen] or event.roles[role]
                seen.update(event.roles[role])
        if rule.quote:
            event.quote = self._quote(ctx, tword)
        if rule.force:
            event.force = self._event_force(ctx, source, trigger, counts, event)
            if event.force is None and rule.force == "required":
                return None
        event.date = self._nearest_date(ctx, tword, dates) or self._carried_date(ctx, event)
        self._polarity_modality(ctx, trigger, event)
        return event

    def _named_as(self, iri: str, firsts: tuple[str, ...] | None) -> bool:
        """The actor has a name starting with one of ``firsts`` (any name, when None)."""
        if not firsts:
            return True
        actor = self.actors[iri]
        return any(normalize_ar(name).removeprefix("ال").startswith(firsts)
                   for name in [actor.label_ar, *actor.alt_labels_ar])

    def _dual_subject(self, ctx: SentenceContext, trigger: int) -> bool:
        """The trigger's subject is a dual such as البلدان / الطرفان / الجانبين."""
        s, dual = ctx.sentence, self.rules.cues.dual
        if any(c.deprel.startswith("nsubj") and normalize_ar(c.text) in dual for c in s.children(trigger)):
            return True
        nxt = trigger + 1
        while nxt <= len(s.words) and s.word(nxt).upos == "PUNCT":
            nxt += 1
        return nxt <= len(s.words) and normalize_ar(s.word(nxt).text) in dual

    @staticmethod
    def _explicit_subject(ctx: SentenceContext, trigger: int) -> bool:
        """وأضاف البيان … has a subject (a non-actor); وأضاف: / وأضاف أن … has none. So has a
        verb in a relative clause: in "الشرطة التي قالت" the police said it."""
        s = ctx.sentence
        if any(c.deprel.startswith("nsubj") for c in s.children(trigger)):
            return True
        if trigger > 1 and normalize_ar(s.word(trigger - 1).text) in RELATIVES:
            return True
        for wid in range(trigger + 1, len(s.words) + 1):
            w = s.word(wid)
            if w.upos == "PUNCT" and w.text in ("،", ","):
                continue
            return w.upos in ("NOUN", "PROPN", "X") and normalize_ar(w.text) not in SUBORDINATORS
        return False

    def _dual_reference(self, ctx: SentenceContext, trigger: int, event: Event, role: str) -> None:
        """الجانبان، الطرفان، البلدين: the two sides named last in the article."""
        actors = event.roles.get(role, [])
        countries = [a for a in actors if self.actors[a].cls in ("Country", "Organization")]
        if len(countries) >= 2:
            self.last_pair = countries[:2]
            return
        s = ctx.sentence
        near = range(max(1, trigger - 8), min(len(s.words), trigger + 8) + 1)
        if self.last_pair and any(normalize_ar(s.word(w).text) in self.rules.cues.dual for w in near):
            for actor in self.last_pair:
                event.add_role(role, actor)

    def _demonym_near(self, ctx: SentenceContext, trigger: int) -> list[str]:
        """Nationality adjectives on the trigger name the countries involved:
        غارة أمريكية, الحوار الاستراتيجي الأمريكي العراقي, اتفاق عراقي تركي."""
        s = ctx.sentence
        near = {c.id for c in s.children(trigger) if c.deprel.startswith("amod")}
        for wid in range(trigger + 1, min(len(s.words), trigger + 4) + 1):
            if s.word(wid).upos not in ("ADJ", "X", "NOUN"):
                break
            near.add(wid)
        out: list[str] = []
        for wid in sorted(near):
            entry = self.rules.gazetteer.demonym(s.word(wid).text)
            if entry is not None and entry.iri not in out:
                self._ensure_actor(entry)
                out.append(entry.iri)
        return out

    def _ensure_actor(self, entry) -> None:
        self.actors.setdefault(entry.iri, Actor(entry.iri, entry.cls, entry.label_ar, entry.label_en,
                                                sorted(set(entry.variants) - {entry.label_ar}),
                                                list(entry.same_as), True))

    def _role_target(self, ctx: SentenceContext, index: int, role: str) -> str:
        """A capital resolved as a place stays a place for location roles; for
        agent-like roles it is the country's government."""
        m = ctx.mentions[index]
        if m.as_place and role in ("agent", "party", "participant", "speaker"):
            entry = self.rules.gazetteer.lookup(m.text)
            if entry is not None and entry.capital_of:
                country = self.rules.gazetteer.entry(entry.capital_of)
                self._ensure_actor(country)
                return country.iri
        return m.actor

    def _quote(self, ctx: SentenceContext, tword: Word) -> str | None:
        text = self.article.text[tword.start:ctx.sentence.end]
        match = QUOTES.search(text)
        return match.group(1).strip() if match else None

    def _nearest_date(self, ctx: SentenceContext, tword: Word, dates: list[TimeExpression]) -> TimeExpression | None:
        """The nearest date of the sentence that is not in brackets and lies on the trigger's
        side of any quotation (a date inside a quotation dates what was said, not the saying)."""
        text = self.article.text
        side = ctx.quote_of.get(tword.id)
        usable = [d for d in dates if (d.kind in ("DATE", "TIME") or d.precision in ("day", "month", "year"))
                  and text.count("(", 0, d.start) <= text.count(")", 0, d.start)
                  and ctx.side_of_span(d.start, d.end) == side
                  and self._dates_event(ctx, tword, d)]
        if not usable:
            return None
        return min(usable, key=lambda d: (min(abs(d.start - tword.end), abs(d.end - tword.start)), d.start))

    def _dates_event(self, ctx: SentenceContext, tword: Word, d: TimeExpression) -> bool:
        """Whether date ``d`` can be the date of the event at ``tword``. Not when it starts a
        state ("يشغل المنصب منذ 1998"), sits in a relative clause between commas that the
        trigger is outside of ("وأشار بلاتر، الذي يشغل المنصب منذ 1998، إلى"), or qualifies
        another noun with ل ("سباق الرئاسة لعام 2016"; "اتفاقية الإطار لعام 2008" dates the
        agreement itself)."""
        s, text = ctx.sentence, self.article.text
        before = normalize_ar(text[max(s.start, d.start - 12):d.start]).split()
        if before and before[-1] in self.rules.cues.since:
            return False
        words = [w for w in s.words if w.start < d.end and d.start < w.end]
        if not words:
            return True
        first = words[0].id
        span = ctx.relative_span(first)
        if span is not None and not span[0] <= tword.id <= span[1]:
            return False
        if normalize_ar(d.text).startswith("ل"):
            between = range(tword.id + 1, first)
            return tword.upos != "VERB" and tword.id < first and first - tword.id <= 8 and not any(
                s.word(w).upos == "VERB" or s.word(w).text in ("،", ",") for w in between)
        return True

    def _carried_date(self, ctx: SentenceContext, event: Event) -> TimeExpression | None:
        """A sentence that goes on with the same actor (وقال بايدن …) keeps the
        date of the previous sentence's event with that actor."""
        first = ctx.sentence.words[0] if ctx.sentence.words else None
        if first is None or self.previous_dated is None:
            return None
        text = normalize_ar(first.text)
        split_off = len(ctx.sentence.tokens[0].words) > 1
        if not (text in ("و", "ف") or (text[:1] in ("و", "ف") and (split_off or first.upos == "VERB"))):
            return None
        previous, actors = self.previous_dated
        mine = {a for values in event.roles.values() for a in values}
        return previous if mine & actors else None

    def _polarity_modality(self, ctx: SentenceContext, trigger: int, event: Event) -> None:
        s, cues = ctx.sentence, self.rules.cues
        t = s.word(trigger)
        candidates = [trigger]
        if t.upos != "VERB" and t.head and s.word(t.head).upos == "VERB":
            candidates.append(t.head)
        for cand in candidates:
            window = [normalize_ar(s.word(w).text) for w in range(max(1, cand - 3), cand)]
            following = [normalize_ar(s.word(w).text) for w in range(cand, min(len(s.words), cand + 2) + 1)]
            children = {normalize_ar(c.text) for c in s.children(cand) if c.deprel in ("advmod", "neg", "aux", "mark")}
            negs = {n for n in (set(window) | children) & cues.negation
                    if n not in cues.negation_next_word or (window and window[-1] == n)}
            if negs and not any(_starts(window + following, exc) for exc in cues.negation_exceptions):
                event.polarity = "Negative"
            form = normalize_ar(s.word(cand).text)
            lemma = normalize_ar(s.word(cand).lemma)
            if set(window) & cues.future_particles or (
                    s.word(cand).upos == "VERB" and form[:1] == "س" and lemma[:1] != "س" and form[1:2] in "يتنا"):
                event.modality = event.modality or "future"
            if (set(window) | {lemma}) & cues.planned:
                event.modality = "planned"
            if event.polarity:
                break

    # -- forces ------------------------------------------------------------
    def _force_owner(self, ctx: SentenceContext, noun: int, event: Event | None = None,
                     count: TroopCount | None = None) -> str | None:
        s = ctx.sentence
        # "بينهم 2500 أمريكي": a demonym right after the number names the owner.
        if count is not None and count.number_words:
            after = count.number_words[-1] + 1
            if after <= len(s.words) and after != noun:
                entry = self.rules.gazetteer.demonym(s.word(after).text)
                if entry is not None:
                    self._ensure_actor(entry)
                    return entry.iri
        # A demonym next to the force noun or among its modifiers: جندي أمريكي، القوات الأميركية.
        near = [noun] + [c.id for c in s.children(noun) if c.deprel.startswith(("amod", "nmod"))]
        near += [w for w in range(noun + 1, min(len(s.words), noun + 2) + 1)]
        for wid in sorted(set(near)):
            entry = self.rules.gazetteer.demonym(s.word(wid).text)
            if entry is not None:
                self._ensure_actor(entry)
                return entry.iri
        # A genitive/possessor actor: قوات التحالف، جندي للتحالف.
        for wid in range(noun + 1, min(len(s.words), noun + 3) + 1):
            if wid in ctx.by_word and ctx.cls(ctx.by_word[wid]) != "Place":
                m = ctx.mentions[ctx.by_word[wid]]
                prep = ctx.preposition(ctx.by_word[wid], after=noun)
                if prep in (None, "ل"):
                    return m.actor
        # "عدد القوات الأمريكية في العراق يبلغ 2500 فرد": an owned force noun earlier in the clause.
        anchor = count.number_words[0] if count is not None and count.number_words else noun
        for wid in range(min(anchor, noun) - 1, max(0, min(anchor, noun) - 10), -1):
            w = s.word(wid)
            if ctx.is_break(w) or w.text in ("،", ","):
                break
            nouns = self.rules.force_nouns
            if normalize_ar(w.lemma) in nouns or noun_variants(normalize_ar(w.text)) & nouns:
                owner = self._force_owner(ctx, wid)
                if owner:
                    return owner
        if event is not None:
            for role in ("agent", "party", "speaker"):
                if event.roles.get(role):
                    return self._country_of(event.roles[role][0])
        return None

    def _country_of(self, iri: str) -> str | None:
        """A ministry's or army's forces are its country's forces; a person's are
        those of the country they serve (when the gazetteer knows), else unknown."""
        try:
            entry = self.rules.gazetteer.entry(iri)
        except KeyError:
            return None if self.actors[iri].cls == "Person" else iri
        parent_iri = entry.part_of if entry.cls != "Country" else None
        if entry.cls == "Person":
            parent_iri = next((role.of for role in entry.titles if role.of), None)
        if parent_iri and parent_iri != iri:
            parent = self.rules.gazetteer.entry(parent_iri)
            self._ensure_actor(parent)
            return parent.iri if parent.cls == "Country" or not parent.part_of else self._country_of(parent.iri)
        return None if entry.cls == "Person" else iri

    def _force_location(self, ctx: SentenceContext, count: TroopCount) -> str | None:
        """The nearest place after a locative preposition (في العراق، بالعراق), on
        either side of the count, not across a clause boundary."""
        s = ctx.sentence
        anchor = count.number_words[0] if count.number_words else count.noun
        best: tuple[int, str] | None = None
        for idx, m in enumerate(ctx.mentions):
            if ctx.cls(idx) not in ("Country", "Place") or ctx.preposition(idx, phrase=True) not in self.rules.cues.locative:
                continue
            lo, hi = sorted((anchor, m.words[0]))
            if any(s.word(w).text in ("،", ",", ";", "؛") or normalize_ar(s.word(w).text) in CLAUSE_LINKS
                   for w in range(lo + 1, hi)):
                continue
            distance = abs(m.words[0] - anchor)
            if distance <= 12 and (best is None or distance < best[0]):
                best = (distance, m.actor)
        return best[1] if best else None

    def _new_force(self, source: SourceRef, of: str | None, count: int | None, location: str | None,
                   text: str) -> Force:
        self._force_n += 1
        return Force(str(self._force_n), of, count, source, location, text)

    def _event_force(self, ctx: SentenceContext, source: SourceRef, trigger: int, counts: list[TroopCount],
                     event: Event) -> Force | None:
        nouns = self.rules.force_nouns
        s = ctx.sentence
        # The force is what the trigger moves: a count or force noun in its phrase, before any
        # other preposition than partitive من or ب (دفعت بقوات) or a verb ("ترسل المعلومات إلى
        # عناصرها" sends no force).
        phrase = []
        for wid in range(trigger + 1, min(len(s.words), trigger + 8) + 1):
            w = s.word(wid)
            if ctx.is_break(w) or w.upos == "VERB" or (w.upos == "ADP" and normalize_ar(w.text) not in ("من", "ب")):
                break
            phrase.append(wid)
        after = [c for c in counts if c.change != "from"
                 and (c.number_words[0] if c.number_words else c.noun) in phrase]
        if after:
            c = min(after, key=lambda c: c.noun)
            return self._new_force(source, self._force_owner(ctx, c.noun, event, c), c.value, None, c.text)
        for wid in phrase[:6]:
            w = s.word(wid)
            if normalize_ar(w.lemma) in nouns or noun_variants(normalize_ar(w.text)) & nouns:
                owner = self._force_owner(ctx, wid, event)
                force = self._new_force(source, owner, None, None, w.text)
                if wid < len(s.words) and normalize_ar(s.word(wid + 1).text) in self.rules.cues.foreign:
                    self._foreign.add(force.id)
                return force
        return None

    def _forces(self, ctx: SentenceContext, source: SourceRef, counts: list[TroopCount],
                events: list[Event]) -> None:
        new: list[Force] = []
        located: dict[int, str] = {}  # force noun -> location
        for c in counts:
            owner = self._force_owner(ctx, c.noun, count=c)
            # Counts sharing a noun (ranges, "بينهم 2500") share a place.
            location = self._force_location(ctx, c) or located.get(c.noun)
            if location:
                located.setdefault(c.noun, location)
            new.append(self._new_force(source, owner, c.value, location, c.text))
        # Counts listed together share their owner (سحب 2000 جندي من أفغانستان و500 من العراق).
        owners = {f.of for f in new if f.of} | {e.force.of for e in events if e.force and e.force.of}
        if len(owners) == 1:
            owner = owners.pop()
            for f in new:
                f.of = f.of or owner
            for e in events:
                if e.force and not e.force.of:
                    e.force.of = owner
        self.facts.forces.extend(new)

    # -- titles and relations ------------------------------------------------
    def _titles(self, ctx: SentenceContext, source: SourceRef) -> None:
        """Titles in apposition: before the name (وزير الخارجية العراقي فؤاد حسين)
        or after it between commas (جون كيربي، المتحدث باسم الوزارة،). A
        spokesman's title names whom they speak for: in "المتحدث باسم رئيس
        الحكومة مصطفى الكاظمي، اللواء يحيى رسول" the title is Rasool's."""
        s, rule = ctx.sentence, self.rules.titles
        persons = [i for i in range(len(ctx.mentions)) if ctx.cls(i) == "Person"]


        def is_head(w: Word) -> bool:
            # Also a whole token that is a head when the tokeniser split it (وزير → و + زير).
            token = s.tokens[w.token]
            return normalize_ar(w.lemma) in rule.heads or normalize_ar(w.text) in rule.heads or (
                len(token.words) > 1 and w.id == token.words[-1] and normalize_ar(token.text) in rule.heads)

        def token_start(wid: int) -> int:
            """The first word of a head that the tokeniser split; the head itself otherwise."""
            w = s.word(wid)
            if normalize_ar(w.lemma) in rule.heads or normalize_ar(w.text) in rule.heads:
                return wid
            return s.tokens[w.token].words[0]
        found: dict[int, tuple[int, int]] = {}  # mention index -> (first, last) title word
        for idx in persons:
            first = ctx.mentions[idx].words[0]
            start = None
            for wid in range(first - 1, max(0, first - rule.max_words - 1), -1):
                w = s.word(wid)
                # A conjunction before a title head joins two people's titles
                # (رئيس اللجنة، والشيخ خالد): the head nearer the name is this one's.
                if (w.upos in ("VERB", "PUNCT") and w.text not in ("،", ",")) or \
                        (w.upos == "CCONJ" and start is not None) or \
                        (w.upos == "ADP" and normalize_ar(w.text) in TITLE_STOPS) or \
                        (wid in ctx.by_word and ctx.cls(ctx.by_word[wid]) == "Person"):
                    break
                if is_head(w):
                    start = wid
            if start is not None:
                start = token_start(start)
            last = first - 1
            # A proclitic split off the name's own token (ل of لوران) is not part of the title.
            while start is not None and last >= start and s.word(last).token == s.word(first).token:
                last -= 1
            while start is not None and last >= start and s.word(last).upos == "PUNCT":
                last -= 1
            if start is not None and last >= start:
                found[idx] = (start, last)
        # The spokesman rule: the title runs on to the next person after a comma.
        for idx in list(found):
            start, last = found[idx]
            if not any(normalize_ar(s.word(w).text) in ("باسم", "اسم") for w in range(start, last + 1)):
                continue
            m = ctx.mentions[idx]
            later = [j for j in persons if j > idx and 0 < ctx.mentions[j].words[0] - m.words[-1] <= 4]
            if later and any(s.word(w).text in ("،", ",") for w in range(m.words[-1] + 1, ctx.mentions[later[0]].words[0])):
                speaker = later[0]
                found.pop(speaker, None)
                inner = next((w for w in range(start + 1, last + 1) if is_head(s.word(w))), None)
                found[speaker] = (start, ctx.mentions[speaker].words[0] - 1)
                if inner is not None:
                    found[idx] = (inner, last)
                else:
                    found.pop(idx)
                ctx.title_words.update(m.words)
        # After the name: between commas (جون كيربي، المتحدث باسم الوزارة،), or right after
        # it when the next word is a title head or is followed by باسم (أحمد الصحاف المتحدث باسم).
        n = len(s.words)
        for idx in persons:
            if idx in found:
                continue
            first = ctx.mentions[idx].words[-1] + 1
            if first <= n and s.word(first).text in ("،", ","):
                first += 1
                if first > n or not is_head(s.word(first)):
                    continue
            elif first > n or s.word(first).upos in ("VERB", "PUNCT") or not (
                    is_head(s.word(first)) or (first < n and normalize_ar(s.word(first + 1).text) in ("باسم", "اسم"))):
                continue
            end = first
            while end + 1 <= min(n, first + rule.max_words - 1):
                nxt = s.word(end + 1)
                if nxt.upos in ("VERB", "PUNCT", "SCONJ") or normalize_ar(nxt.text) in TITLE_STOPS | SUBORDINATORS \
                        or (end + 1 in ctx.by_word and ctx.cls(ctx.by_word[end + 1]) == "Person"):
                    break
                end += 1
            found[idx] = (first, end)
        for idx in sorted(found):
            first, last = found[idx]
            # Commas separate titles (الناطق باسم رئيس الحكومة، اللواء): each part that
            # starts with a head is one; a part without a head (a first name) is not.
            parts: list[list[Word]] = [[]]
            for wid in range(first, last + 1):
                if s.word(wid).text in ("،", ","):
                    parts.append([])
                else:
                    parts[-1].append(s.word(wid))
            for words in parts:
                while words and words[-1].upos == "PUNCT":
                    words.pop()
                if not words or not any(is_head(w) for w in words[:2]):
                    continue
                title = self.article.text[words[0].start:words[-1].end]
                self.facts.titles.append(Title(ctx.mentions[idx].actor, title, source))
                ctx.title_words.update(w.id for w in words)

    def _relations(self, ctx: SentenceContext, source: SourceRef) -> None:
        """SUBJECT [up to 3 words] CUE OBJECT, compared on normalised text so
        that tokenisation (تقوده → تقود + ه) does not matter."""
        text = self.article.text
        for rule in self.rules.relations:
            for si, subj in enumerate(ctx.mentions):
                if ctx.cls(si) not in rule.subject_classes:
                    continue
                for oi in range(si + 1, len(ctx.mentions)):
                    obj = ctx.mentions[oi]
                    if obj.start - subj.end > 80 or obj.actor == subj.actor:
                        continue
                    if ctx.cls(oi) not in rule.object_classes:
                        continue
                    between = re.sub(r"[^\w\s]", " ", normalize_ar(text[subj.end:obj.start])).split()
                    if len(between) > 6:
                        continue
                    if any(between[len(between) - len(cue):] == cue and len(between) - len(cue) <= 3
                           for cue in rule.cues):
                        self.facts.relations.append(Relation(subj.actor, rule.predicate, obj.actor, source))
                        break


def _starts(words: list[str], prefix: list[str]) -> bool:
    for i in range(len(words) - len(prefix) + 1):
        if words[i:i + len(prefix)] == prefix:
            return True
    return False
