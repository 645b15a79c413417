"""Rule data: loading and validating ``pipelines/rules/*.yaml``.

An event rule has an id, a description, a trigger pattern with spaCy
``DependencyMatcher`` semantics (see :mod:`kg.extract.matcher`), the class it
emits, how its roles are filled (named strategies, :mod:`kg.extract.strategies`),
and examples that must and must not match. Title, relation, cue and actor-class
files have their own kinds. Every problem is a coded :class:`~kg.errors.RuleError`
naming the file and the rule.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import yaml

from ..document import Document, Sentence, Word
from ..errors import RuleError
from ..facts import ArticleFacts, Event
from ..gazetteer import Gazetteer
from ..lang.ar import clitics, normalize_ar
from ..paths import RULES_DIR
from ..quantities import QuantityRules
from ..quantities import load_rules as load_quantity_rules
from ..vocab import ACTOR_CLASSES, KG, ROLES
from .generic_rules import GenericRules, load_generic_actors
from .matcher import Matcher
from .mentions import ActorClasses, Resolver
from .strategies import STRATEGIES

if TYPE_CHECKING:  # pragma: no cover
    from .extractor import Extractor


VETO_REACH = 6  # tokens after a trigger's that a `near` veto reads (clitics split off count not)

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
    # The role a dropped subject fills with the actor the article is going on about (its last
    # speaker): "وقال إن …" (speaker), "وأكد أنه أجرى محادثات مع …" (participant); None: no role.
    continues: str | None
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
    # Words a few words after the trigger that make it an accident, not an attack: "لقي شخصان
    # مصرعهما إثر اختناقهما داخل بئر" (normalised; read without proclitics and pronoun suffixes).
    veto_near: set[str] = field(default_factory=set)

    def has_roles(self, event: Event) -> bool:
        """The event has the actors one of the ``min_roles`` alternatives asks for."""
        return not self.min_roles or any(
            all(sum(len(event.roles.get(x, [])) for x in roles.split("|")) >= n for roles, n in alt.items())
            for alt in self.min_roles)

    def needed(self, role: str) -> int:
        """How many actors a strategy must find for ``role`` before the next strategies stop adding."""
        return max([alt.get(role, 1) for alt in self.min_roles] or [1])

    def governs(self, verb: Word) -> bool:
        if not self.governors:
            return True
        forms = {verb.lemma_norm, clitics.strip_conjunction(verb.lemma_norm), *clitics.verb_stems(verb.norm)}
        return bool(forms & self.governors)

    def vetoed(self, sentence: Sentence, trigger: int) -> bool:
        before = sentence.word(trigger - 1).norm if trigger > 1 else ""
        after = sentence.word(trigger + 1).norm if trigger < len(sentence.words) else ""
        if before in self.veto_before or after in self.veto_after:
            return True
        token = sentence.word(trigger).token
        for wid in range(trigger + 1, len(sentence.words) + 1):
            if sentence.word(wid).token - token > VETO_REACH:
                break
            form = sentence.word(wid).norm
            readings = set(clitics.proclitic_variants(form))
            readings.update(stem for r in list(readings) for stem in clitics.pronoun_suffix_stems(r))
            if readings & self.veto_near:
                return True
        return False


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
    # Title heads that make the body named right after them led by the title's holder
    # (زعيم تنظيم داعش أبو بكر البغدادي); a rule has cues or title heads.
    title_heads: frozenset[str] = frozenset()


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
    # Words before an event noun that make it a purpose (بهدف قتال), and the nouns that a ل
    # glued to them makes one (لقتال، لمحاربة): planned, not done.
    purpose: set[str] = field(default_factory=set)
    purpose_nouns: set[str] = field(default_factory=set)
    # Words that open a condition (إذا، لو): an event in it is possible, not done.
    conditional: set[str] = field(default_factory=set)
    # Words that deny what follows in their clause (نفى، كذب): the event did not happen.
    denial: set[str] = field(default_factory=set)


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
               "governors", "min_roles", "topic", "force", "quote", "continues", "merge_in_sentence",
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
        raise RuleError("E318", f"{where}: min_roles is {{role: n}} or a list of such alternatives",
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
        for strat in strats:
            for part in strat.split("+"):
                spec = STRATEGIES[part.partition(":")[0]]
                if spec.takes_argument != bool(part.partition(":")[2]) or (spec.gives == "actors" and strat != part):
                    raise RuleError("E311", f"{where}: strategy {part!r} for role {role} is misused",
                                    fix="give prep its prepositions (prep:من|إلى), no argument to the others, "
                                        "and do not join demonym with '+'")
    role_classes = {r: tuple(c) for r, c in (raw.get("role_classes") or {}).items()}
    for role, classes in role_classes.items():
        bad = [c for c in classes if c not in ACTOR_CLASSES]
        if bad:
            raise RuleError("E319", f"{where}: role_classes.{role} has unknown class {bad[0]}",
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
    role_names = {r: tuple(clitics.without_article(normalize_ar(str(w))) for w in words)
                  for r, words in (raw.get("role_names") or {}).items()}
    if any(r not in roles for r in role_names):
        raise RuleError("E305", f"{where}: role_names names a role the rule does not fill",
                        fix=f"use the roles {', '.join(roles) or '(none)'}")
    continues = raw.get("continues")
    if continues is not None and continues not in roles:
        raise RuleError("E305", f"{where}: continues names a role the rule does not fill",
                        fix=f"use one of the roles {', '.join(roles) or '(none)'}")
    veto = raw.get("veto") or {}
    if not isinstance(veto, dict) or set(veto) - {"before", "after", "near"}:
        raise RuleError("E302", f"{where}: veto is {{before: [words], after: [words], near: [words]}}",
                        fix="list the words right before or after the trigger (or near after it) that give it "
                            "another sense")
    return EventRule(rid, file, raw["description"], emit, norm_patterns,
                     {r: list(s) for r, s in roles.items()}, role_classes,
                     [dict(m) for m in min_roles if m], topic, _force_mode(raw.get("force"), where),
                     bool(raw.get("quote")), continues, list(examples["match"]),
                     list(examples["no_match"]), bool(raw.get("merge_in_sentence")),
                     set(_norm_list(veto.get("before") or [])), set(_norm_list(veto.get("after") or [])),
                     role_names, set(_norm_list(raw.get("governors") or [])),
                     set(_norm_list(veto.get("near") or [])))


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
        raise RuleError("E313", f"{path.name}: invalid YAML ({exc})", fix="fix the syntax") from None
    if not isinstance(data, dict) or "kind" not in data:
        raise RuleError("E314", f"{path.name}: a rule file is a mapping with a `kind`", fix="add `kind: events` (or titles, relations, cues)")
    return data


# --------------------------------------------------------------------------
# The rule set

class RuleSet:
    """All rules, the gazetteer and the matchers, loaded once per run."""

    def __init__(self, events: list[EventRule], titles: TitleRule, relations: list[RelationRule], cues: Cues,
                 gazetteer: Gazetteer, classes: ActorClasses | None = None, directory: Path | None = None) -> None:
        # The rule folder: its quantities.yaml and generic_actors.yaml, when it has them, replace
        # the defaults of pipelines/rules.
        self.directory = directory
        self.events = events
        self.titles = titles
        # Title nouns without the article (وزير، رئيس): their duals name two people.
        self.title_singulars = frozenset(clitics.strip_article(h) for h in titles.heads) if titles else frozenset()
        self.relations = relations
        self.cues = cues
        self.gazetteer = gazetteer
        self.resolver = Resolver(gazetteer, classes, self.title_singulars)
        self.matcher = Matcher(events)

    @classmethod
    def load(cls, directory: Path | None = None, gazetteer: Gazetteer | None = None) -> "RuleSet":
        directory = Path(directory or RULES_DIR)
        files = sorted(directory.glob("*.yaml"))
        if not files:
            raise RuleError("E315", f"no rule files in {directory}", fix="point [rules] dir at pipelines/rules")
        known = {str(c).split("#")[-1] for c in KG.__annotations__}
        events: list[EventRule] = []
        titles = None
        relations: list[RelationRule] = []
        cues = None
        classes = None
        seen: set[str] = set()
        for path in files:
            if path.stem in ("quantities", "generic_actors"):
                continue  # their own formats, read and validated by kg.quantities and kg.extract.generic
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
                        raw["id"], pred, [normalize_ar(c).split() for c in raw.get("cues") or []],
                        tuple(raw.get("subject_classes", ACTOR_CLASSES)), tuple(raw.get("object_classes", ACTOR_CLASSES)),
                        list(raw["examples"]["match"]), list(raw["examples"]["no_match"]),
                        frozenset(normalize_ar(w) for w in raw.get("title_heads") or [])))
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
                            set(_norm_list(data.get("since", []))),
                            set(_norm_list(data.get("purpose", []))),
                            set(_norm_list(data.get("purpose_nouns", []))),
                            set(_norm_list(data.get("conditional", []))),
                            set(_norm_list(data.get("denial", []))))
            else:
                raise RuleError("E317", f"{path.name}: unknown kind {kind!r}",
                                fix="use events, titles, relations, cues, actor_classes, quantities or generic_actors")
        if titles is None or cues is None:
            raise RuleError("E316", f"{directory}: needs a `kind: titles` and a `kind: cues` file",
                            fix="restore pipelines/rules/titles.yaml and cues.yaml")
        ruleset = cls(events, titles, relations, cues, gazetteer or Gazetteer.load(), classes, directory)
        _ = ruleset.quantities, ruleset.generic_actors  # a broken file fails here, before any parse
        return ruleset

    def _own_file(self, name: str) -> Path | None:
        path = self.directory / name if self.directory is not None else None
        return path if path is not None and path.is_file() else None

    @cached_property
    def quantities(self) -> QuantityRules:
        """The troop-count word lists: the rule folder's quantities.yaml, else the default."""
        return load_quantity_rules(self._own_file("quantities.yaml"))

    @cached_property
    def generic_actors(self) -> GenericRules:
        """The unnamed-actor heads: the rule folder's generic_actors.yaml, else the default."""
        return load_generic_actors(self._own_file("generic_actors.yaml"))

    @cached_property
    def force_nouns(self) -> set[str]:
        """Force nouns come from the troop-count data, so both agree."""
        return set(self.quantities.force_nouns)

    @cached_property
    def extractor(self) -> "Extractor":
        from .extractor import Extractor  # the steps import this module

        return Extractor(self)

    def extract(self, doc: Document) -> ArticleFacts:
        """The facts of one parsed article."""
        return self.extractor.run(doc)
