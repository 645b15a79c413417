"""Score a built graph against hand-written gold facts (``kg eval``).

A gold file (``../shared/gold/FORMAT.md``) lists, for one article, the facts a
careful reader takes from it. Each fact is checked against the article's own
graph and reported as PASS or FAIL with the reason; recall is the share of
facts that hold (a fact marked ``"absent": true`` holds when the graph does
*not* satisfy it).

Matching follows FORMAT.md, with two deliberate widenings, both because our
gazetteer writes spellings there and the gold file cannot know which one a
build picked:

* a node's names are its ``rdfs:label`` **and** ``skos:altLabel`` values;
* names are compared with :func:`kg.normalize.normalize_ar`, a superset of the
  FORMAT.md normalisation (it also folds digits, collapses spaces and
  lower-cases Latin, which makes the English comparison case-insensitive).

Class membership follows ``rdfs:subClassOf*``, taken from the graph being
scored when it holds any ``rdfs:subClassOf`` triple (the ontology named graph
of ``graph.trig``, or the union ``graph.ttl``), otherwise from the ontology
file (``ontology/kg.ttl``).

Error codes (all :class:`EvalError`, stage ``eval``):

* E701: a gold file is unreadable or does not follow FORMAT.md;
* E702: the outputs path holds no graph we know how to read;
* E703: a graph file does not parse;
* E704: the ontology file does not parse.

>>> gold = {"article": "a1", "entities": {"jo": {"type": "Country", "en": "Jordan", "ar": ["الأردن"]}},
...         "facts": [{"id": "a1-1", "kind": "entity", "entity": "jo", "question": "Jordan?"}]}
>>> g = Graph().parse(data='''@prefix kg: <https://w3id.org/ankg/ontology#> .
...   @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
...   <https://w3id.org/ankg/id/actor/jordan> a kg:Country ; rdfs:label "الاردن"@ar .''', format="turtle")
>>> [(r.fact_id, r.passed) for r in score_article(validate_gold(gold), g)]
[('a1-1', True)]
"""
from __future__ import annotations

import glob
import importlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node
from rdflib.util import guess_format

from .errors import EvalError
from .normalize import normalize_ar

KG = Namespace("https://w3id.org/ankg/ontology#")
KGR = Namespace("https://w3id.org/ankg/id/")
ONTOLOGY_GRAPH = KGR["graph/ontology"]

ROLES = ("agent", "participant", "party", "speaker", "target", "location", "origin", "destination")
KINDS = ("entity", "event", "force", "title", "relation")

_COMMON_KEYS = {"id", "kind", "question", "absent"}
_KIND_KEYS = {
    "entity": {"entity"},
    "title": {"entity", "title_ar"},
    "relation": {"subject", "predicate", "object"},
    "force": {"of", "count", "location"},
    "event": {"type", "roles", "force", "date", "polarity", "topic"},
}
_REQUIRED_KEYS = {
    "entity": ("entity",),
    "title": ("entity", "title_ar"),
    "relation": ("subject", "predicate", "object"),
    "force": ("of", "count"),
    "event": ("type",),
}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_LOCAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_POLARITIES = ("negative", "positive")



# --------------------------------------------------------------------------- results


@dataclass
class FactResult:
    """One gold fact checked against the graph.

    ``detail`` says why a fact failed (the closest candidate and what it lacks),
    or, for a fact that holds, which node satisfied it.
    """

    article: str
    fact_id: str
    kind: str
    question: str
    passed: bool
    absent: bool
    detail: str


@dataclass
class Report:
    """All fact results of one ``evaluate`` run, in gold-file order.

    >>> r = Report([FactResult("a", "a-1", "entity", "?", True, False, ""),
    ...             FactResult("a", "a-2", "force", "?", False, True, "found it")])
    >>> r.recall(), r.recall("a"), r.articles(), [f.fact_id for f in r.absent_violations]
    (0.5, 0.5, ['a'], ['a-2'])
    """

    results: list[FactResult]

    def recall(self, article: str | None = None) -> float:
        """Facts that hold / facts listed (micro-average over all articles when
        ``article`` is None); 0.0 when no fact is listed, since nothing was shown."""
        chosen = [r for r in self.results if article is None or r.article == article]
        if not chosen:
            return 0.0
        return sum(r.passed for r in chosen) / len(chosen)

    def articles(self) -> list[str]:
        """Article ids in the order their gold files were given."""
        return list(dict.fromkeys(r.article for r in self.results))

    @property
    def absent_violations(self) -> list[FactResult]:
        """Facts marked absent that the graph nevertheless contains."""
        return [r for r in self.results if r.absent and not r.passed]


# --------------------------------------------------------------------------- gold files


def load_gold(path: Path) -> dict:
    """Read and validate one gold JSON file; raise E701 saying what is wrong.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
    ...     _ = f.write('{"article": "a1", "entities": {}, "facts": [')
    >>> try:
    ...     load_gold(Path(f.name))
    ... except EvalError as err:
    ...     print(err.code, "not valid JSON" in str(err))
    E701 True
    >>> os.unlink(f.name)
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise EvalError("E701", f"cannot read gold file {path}: {err}",
                        fix="check the path; gold files are UTF-8 JSON") from err
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise EvalError("E701", f"{path}: not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})",
                        fix="fix the JSON syntax, e.g. a missing comma or bracket") from err
    return validate_gold(data, source=str(path))


def validate_gold(data: Any, *, source: str = "<gold>") -> dict:
    """Check a parsed gold document against FORMAT.md and return it unchanged.

    >>> validate_gold({"article": "a1", "entities": {}, "facts": []})["article"]
    'a1'
    >>> try:
    ...     validate_gold({"article": "a1", "entities": {}, "facts": [
    ...         {"id": "a1-1", "kind": "entity", "entity": "nowhere", "question": "?"}]})
    ... except EvalError as err:
    ...     print(err.code, "unknown entity key 'nowhere'" in str(err))
    E701 True
    """
    def fail(where: str, message: str, fix: str) -> EvalError:
        return EvalError("E701", f"{source}: {where}{message}", fix=fix)

    if not isinstance(data, dict):
        raise fail("", f"the top level must be a JSON object, not {type(data).__name__}",
                   "see ../shared/gold/FORMAT.md for the layout")
    for key in ("article", "entities", "facts"):
        if key not in data:
            raise fail("", f"missing key '{key}'", "add it; see ../shared/gold/FORMAT.md")
    if not isinstance(data["article"], str) or not data["article"]:
        raise fail("", "'article' must be a non-empty string (the article file name without .txt)",
                   "set it to the article id")
    entities = data["entities"]
    if not isinstance(entities, dict):
        raise fail("", "'entities' must be an object mapping keys to entities", "see FORMAT.md")
    for key, entity in entities.items():
        where = f"entity '{key}': "
        if not isinstance(entity, dict):
            raise fail(where, "must be an object", 'write {"type": …, "en": …, "ar": […]}')
        for field_name in ("type", "en", "ar"):
            if field_name not in entity:
                raise fail(where, f"missing key '{field_name}'", "every entity needs type, en and ar")
        if not isinstance(entity["type"], str) or not _LOCAL_NAME.match(_local(entity["type"])):
            raise fail(where, f"'type' must be a class name such as \"Country\", not {entity['type']!r}",
                       "use a class of the core vocabulary")
        if not isinstance(entity["en"], str):
            raise fail(where, "'en' must be a string", "give the English name")
        for list_key in ("ar", "en_alt"):
            value = entity.get(list_key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise fail(where, f"'{list_key}' must be a list of strings", f'write "{list_key}": ["…"]')
    facts = data["facts"]
    if not isinstance(facts, list):
        raise fail("", "'facts' must be a list", "see FORMAT.md")
    seen: set[str] = set()
    for index, fact in enumerate(facts):
        if not isinstance(fact, dict):
            raise fail(f"facts[{index}]: ", "must be an object", "see FORMAT.md")
        fact_id = fact.get("id")
        if not isinstance(fact_id, str) or not fact_id:
            raise fail(f"facts[{index}]: ", "missing or empty 'id'", "give every fact a unique id")
        if fact_id in seen:
            raise fail(f"fact {fact_id}: ", "duplicate id", "give every fact a unique id")
        seen.add(fact_id)
        if not isinstance(fact.get("question"), str):
            raise fail(f"fact {fact_id}: ", "missing 'question'", "say in words what the fact asks")
        if not isinstance(fact.get("absent", False), bool):
            raise fail(f"fact {fact_id}: ", "'absent' must be true or false", "write \"absent\": true")
        _validate_fact(fact, entities, f"fact {fact_id}: ", fail, nested=False)
    return data


def _validate_fact(fact: dict, entities: dict, where: str,
                   fail: Callable[[str, str, str], EvalError], *, nested: bool) -> None:
    kind = fact.get("kind")
    if kind not in KINDS:
        raise fail(where, f"unknown kind {kind!r}", f"use one of {', '.join(KINDS)}")
    if nested and kind != "event":
        raise fail(where, f"a topic must be of kind 'event', not {kind!r}", "nest only events under 'topic'")
    allowed = _KIND_KEYS[kind] | ({"kind"} if nested else _COMMON_KEYS)
    # A misspelt key ("role") would otherwise silently make the fact weaker.
    unknown = sorted(set(fact) - allowed)
    if unknown:
        raise fail(where, f"unknown key '{unknown[0]}' for kind '{kind}'",
                   f"use only {', '.join(sorted(allowed))}")
    for key in _REQUIRED_KEYS[kind]:
        if key not in fact:
            raise fail(where, f"missing key '{key}' for kind '{kind}'", "see FORMAT.md")

    def entity_key(value: Any, at: str) -> None:
        if not isinstance(value, str) or value not in entities:
            known = ", ".join(sorted(entities)) or "none"
            raise fail(where, f"unknown entity key {value!r} in {at} (known: {known})",
                       'add it to "entities" or correct the key')

    def count(value: Any, at: str) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise fail(where, f"{at} must be a non-negative integer, not {value!r}", "write a number such as 500")

    for key in ("entity", "subject", "object", "of", "location"):
        if key in fact:
            entity_key(fact[key], key)
    if kind == "force":
        count(fact["count"], "count")
    if kind == "title" and (not isinstance(fact["title_ar"], str) or not normalize_ar(fact["title_ar"])):
        raise fail(where, "'title_ar' must be a non-empty string", "give the Arabic title")
    if kind == "relation" and (not isinstance(fact["predicate"], str)
                               or not _LOCAL_NAME.match(_local(fact["predicate"]))):
        raise fail(where, f"'predicate' must be a property name such as \"ledBy\", not {fact['predicate']!r}",
                   "use a kg: property name")
    if kind != "event":
        return
    if not isinstance(fact["type"], str) or not _LOCAL_NAME.match(_local(fact["type"])):
        raise fail(where, f"'type' must be a class name such as \"Agreement\", not {fact['type']!r}",
                   "use an event class of the core vocabulary")
    roles = fact.get("roles", {})
    if not isinstance(roles, dict):
        raise fail(where, "'roles' must be an object mapping roles to lists of entity keys", "see FORMAT.md")
    for role, keys in roles.items():
        if role not in ROLES:
            raise fail(where, f"unknown role {role!r}", f"use one of {', '.join(ROLES)}")
        if not isinstance(keys, list) or not keys:
            raise fail(where, f"roles.{role} must be a non-empty list of entity keys", f'write "{role}": ["…"]')
        for key in keys:
            entity_key(key, f"roles.{role}")
    if "force" in fact:
        force = fact["force"]
        if not isinstance(force, dict) or set(force) - {"of", "count"}:
            raise fail(where, "'force' must be an object with 'of' and/or 'count'", 'write {"of": "usa", "count": 500}')
        if "of" in force:
            entity_key(force["of"], "force.of")
        if "count" in force:
            count(force["count"], "force.count")
    if "date" in fact and (not isinstance(fact["date"], str) or not _DATE.match(fact["date"])):
        raise fail(where, f"'date' must look like 2020-01-05, 2021-08 or 2008, not {fact['date']!r}",
                   "write an ISO date prefix")
    if "polarity" in fact and fact["polarity"] not in _POLARITIES:
        raise fail(where, f"'polarity' must be one of {', '.join(_POLARITIES)}, not {fact['polarity']!r}",
                   'write "polarity": "negative"')
    if "topic" in fact:
        if not isinstance(fact["topic"], dict):
            raise fail(where, "'topic' must be an event object", "see FORMAT.md")
        _validate_fact(fact["topic"], entities, where + "topic: ", fail, nested=True)


def _local(name: str) -> str:
    """Gold files name classes and properties by local name; tolerate a ``kg:`` prefix."""
    return name[3:] if name.startswith("kg:") else name


# --------------------------------------------------------------------------- the graph side


class _Index:
    """Lookups over one scoring graph: names to nodes, class closure."""

    def __init__(self, graph: Graph, hierarchy: Graph) -> None:
        self.graph = graph
        self.hierarchy = hierarchy
        self.by_name: dict[str, set[Node]] = {}
        for prop in (RDFS.label, SKOS.altLabel):
            for node, label in graph.subject_objects(prop):
                if isinstance(label, Literal):
                    self.by_name.setdefault(normalize_ar(str(label)), set()).add(node)
        self._descendants: dict[URIRef, frozenset[URIRef]] = {}

    def classes(self, cls: URIRef) -> frozenset[URIRef]:
        """``cls`` and everything below it by ``rdfs:subClassOf*``."""
        if cls not in self._descendants:
            found, todo = {cls}, [cls]
            while todo:
                for sub in self.hierarchy.subjects(RDFS.subClassOf, todo.pop()):
                    if isinstance(sub, URIRef) and sub not in found:
                        found.add(sub)
                        todo.append(sub)
            self._descendants[cls] = frozenset(found)
        return self._descendants[cls]

    def is_a(self, node: Node, cls: URIRef) -> bool:
        wanted = self.classes(cls)
        return any(t in wanted for t in self.graph.objects(node, RDF.type))

    def instances(self, cls: URIRef) -> list[Node]:
        found: set[Node] = set()
        for sub in self.classes(cls):
            found.update(self.graph.subjects(RDF.type, sub))
        return sorted(found, key=str)

    def name(self, node: Node) -> str:
        """A short human name for details: English label, else any label, else the IRI."""
        labels = sorted((lab for lab in self.graph.objects(node, RDFS.label) if isinstance(lab, Literal)),
                        key=lambda lab: (lab.language != "en", str(lab)))
        return str(labels[0]) if labels else _short(node)


def _short(node: Node) -> str:
    text = str(node)
    for prefix, ns in (("kgr:", str(KGR)), ("kg:", str(KG))):
        if text.startswith(ns):
            return prefix + text[len(ns):]
    return f"<{text}>" if isinstance(node, URIRef) else repr(text)


@dataclass
class _Outcome:
    ok: bool
    detail: str  # the witness when ok, the reason otherwise


class _Scorer:
    """Checks the facts of one gold file against one graph."""

    def __init__(self, gold: dict, index: _Index) -> None:
        self.entities: dict[str, dict] = gold["entities"]
        self.index = index
        self.graph = index.graph
        self._nodes: dict[str, frozenset[Node]] = {}

    # entities ---------------------------------------------------------------

    def nodes(self, key: str) -> frozenset[Node]:
        if key not in self._nodes:
            entity = self.entities[key]
            names = {normalize_ar(n) for n in [entity["en"], *entity.get("en_alt", []), *entity["ar"]]}
            found: set[Node] = set()
            for name in names:
                found |= self.index.by_name.get(name, set())
            self._nodes[key] = frozenset(found)
        return self._nodes[key]

    def label(self, key: str) -> str:
        return self.entities[key]["en"]

    def names(self, key: str) -> str:
        entity = self.entities[key]
        return " / ".join([entity["en"], *entity.get("en_alt", []), *entity["ar"]])

    def matches(self, node: Node, key: str) -> bool:
        return node in self.nodes(key)

    # fact kinds -------------------------------------------------------------

    def check(self, fact: dict) -> _Outcome:
        return getattr(self, "_check_" + fact["kind"])(fact)

    def _check_entity(self, fact: dict) -> _Outcome:
        key = fact["entity"]
        cls = KG[_local(self.entities[key]["type"])]
        nodes = sorted(self.nodes(key), key=str)
        if not nodes:
            return _Outcome(False, f"no node labelled {self.names(key)}")
        for node in nodes:
            if self.index.is_a(node, cls):
                return _Outcome(True, f"matched {_short(node)}")
        node = nodes[0]
        have = ", ".join(sorted(_short(t) for t in self.graph.objects(node, RDF.type))) or "no rdf:type"
        return _Outcome(False, f"{_short(node)} has the name of {self.label(key)} but is {have}, "
                               f"not {_short(cls)} (or a subclass)")

    def _check_title(self, fact: dict) -> _Outcome:
        key = fact["entity"]
        wanted = normalize_ar(fact["title_ar"])
        nodes = sorted(self.nodes(key), key=str)
        if not nodes:
            return _Outcome(False, f"no node labelled {self.names(key)}")
        titles = sorted({str(t) for n in nodes for t in self.graph.objects(n, KG.title)})
        for title in titles:
            if wanted in normalize_ar(title):
                return _Outcome(True, f"kg:title {title!r}")
        if not titles:
            return _Outcome(False, f"{self.label(key)} has no kg:title")
        return _Outcome(False, f"no kg:title of {self.label(key)} contains {fact['title_ar']!r}; "
                               f"has {', '.join(repr(t) for t in titles)}")

    def _check_relation(self, fact: dict) -> _Outcome:
        prop = KG[_local(fact["predicate"])]
        subjects = sorted(self.nodes(fact["subject"]), key=str)
        objects = self.nodes(fact["object"])
        for key, found in ((fact["subject"], subjects), (fact["object"], objects)):
            if not found:
                return _Outcome(False, f"no node labelled {self.names(key)}")
        for subject in subjects:
            for obj in self.graph.objects(subject, prop):
                if obj in objects:
                    return _Outcome(True, f"{_short(subject)} {_short(prop)} {_short(obj)}")
        actual = sorted({self.index.name(o) for s in subjects for o in self.graph.objects(s, prop)})
        has = f"it has {_short(prop)} {', '.join(actual)}" if actual else f"it has no {_short(prop)}"
        return _Outcome(False, f"no {self.label(fact['subject'])} {_short(prop)} "
                               f"{self.label(fact['object'])}; {has}")

    def _check_force(self, fact: dict) -> _Outcome:
        candidates = self.index.instances(KG.MilitaryForce)
        want = self._force_words(fact)
        if not candidates:
            return _Outcome(False, f"no kg:MilitaryForce in the graph (want {want})")

        def problems(node: Node) -> tuple[int, list[str]]:
            found: list[str] = []
            found += self._problems_of(node, fact["of"])
            found += self._problems_count(node, fact["count"])
            if "location" in fact:
                places = list(self.graph.objects(node, KG.location))
                if not any(self.matches(p, fact["location"]) for p in places):
                    have = ", ".join(sorted(self.index.name(p) for p in places)) or "none"
                    found.append(f"kg:location is {have}, want {self.label(fact['location'])}")
            return 3 - len(found), found

        return self._closest(candidates, problems, f"kg:MilitaryForce {want}")

    def _check_event(self, fact: dict) -> _Outcome:
        cls = KG[_local(fact["type"])]
        candidates = self.index.instances(cls)
        if not candidates:
            return _Outcome(False, f"no node of class {_short(cls)} (or a subclass); want {self._event_words(fact)}")
        return self._closest(candidates, lambda node: self._event_problems(node, fact), self._event_words(fact))

    # helpers ----------------------------------------------------------------

    def _closest(self, candidates: list[Node], problems: Callable[[Node], tuple[int, list[str]]],
                 wanted: str) -> _Outcome:
        """The first full match, or the candidate meeting most conditions and what it lacks."""
        best: tuple[int, Node, list[str]] | None = None
        for node in candidates:
            score, missing = problems(node)
            if not missing:
                return _Outcome(True, f"matched {_short(node)}")
            if best is None or score > best[0]:
                best = (score, node, missing)
        assert best is not None
        return _Outcome(False, f"no {wanted}; closest {_short(best[1])}: {'; '.join(best[2])}")

    def _event_problems(self, node: Node, spec: dict) -> tuple[int, list[str]]:
        found: list[str] = []
        satisfied = 0
        for role in sorted(spec.get("roles", {})):
            fillers = list(self.graph.objects(node, KG[role]))
            for key in spec["roles"][role]:
                if any(self.matches(f, key) for f in fillers):
                    satisfied += 1
                else:
                    have = ", ".join(sorted(self.index.name(f) for f in fillers)) or "none"
                    found.append(f"missing kg:{role} {self.label(key)} (has {have})")
        if "force" in spec:
            force_problems = self._event_force_problems(node, spec["force"])
            satisfied += not force_problems
            found += force_problems
        if "date" in spec:
            dates = sorted(str(d) for d in self.graph.objects(node, KG.date))
            if any(d.startswith(spec["date"]) for d in dates):
                satisfied += 1
            elif dates:
                found.append(f"kg:date is {', '.join(dates)}, want {spec['date']}")
            else:
                found.append(f"no kg:date (want {spec['date']})")
        if "polarity" in spec:
            negative = (node, KG.polarity, KG.Negative) in self.graph
            if negative == (spec["polarity"] == "negative"):
                satisfied += 1
            else:
                found.append("no kg:polarity kg:Negative" if not negative else "has kg:polarity kg:Negative")
        if "topic" in spec:
            topic_problem = self._topic_problem(node, spec["topic"])
            if topic_problem is None:
                satisfied += 1
            else:
                found.append(topic_problem)
        return satisfied, found

    def _event_force_problems(self, node: Node, want: dict) -> list[str]:
        forces = sorted(self.graph.objects(node, KG.force), key=str)
        if not forces:
            return [f"no kg:force (want {self._force_words(want)})"]
        best: list[str] | None = None
        for force in forces:
            found = []
            if "of" in want:
                found += self._problems_of(force, want["of"])
            if "count" in want:
                found += self._problems_count(force, want["count"])
            if not found:
                return []
            if best is None or len(found) < len(best):
                best = [f"kg:force {_short(force)}: {p}" for p in found]
        assert best is not None
        return best

    def _topic_problem(self, node: Node, spec: dict) -> str | None:
        cls = KG[_local(spec["type"])]
        topics = sorted(self.graph.objects(node, KG.topic), key=str)
        if not topics:
            return f"no kg:topic (want {self._event_words(spec)})"
        typed = [t for t in topics if self.index.is_a(t, cls)]
        if not typed:
            have = ", ".join(sorted({_short(c) for t in topics for c in self.graph.objects(t, RDF.type)}))
            return f"kg:topic is {have or 'untyped'}, not {_short(cls)}"
        outcome = self._closest(typed, lambda t: self._event_problems(t, spec), self._event_words(spec))
        return None if outcome.ok else f"kg:topic does not fit ({outcome.detail})"

    def _problems_of(self, force: Node, key: str) -> list[str]:
        owners = list(self.graph.objects(force, KG.forceOf))
        if any(self.matches(o, key) for o in owners):
            return []
        have = ", ".join(sorted(self.index.name(o) for o in owners)) or "none"
        return [f"kg:forceOf is {have}, want {self.label(key)}"]

    def _problems_count(self, force: Node, count: int) -> list[str]:
        counts = sorted(str(c) for c in self.graph.objects(force, KG.troopCount))
        if any(_as_int(c) == count for c in counts):
            return []
        return [f"kg:troopCount is {', '.join(counts) or 'missing'}, want {count}"]

    def _force_words(self, spec: dict) -> str:
        parts = []
        if "of" in spec:
            parts.append(f"of {self.label(spec['of'])}")
        if "count" in spec:
            parts.append(f"× {spec['count']}")
        if "location" in spec:
            parts.append(f"in {self.label(spec['location'])}")
        return " ".join(parts) or "any"

    def _event_words(self, spec: dict) -> str:
        words = [f"kg:{_local(spec['type'])}"]
        for role in sorted(spec.get("roles", {})):
            words.append(f"kg:{role} " + " & ".join(self.label(k) for k in spec["roles"][role]))
        if "force" in spec:
            words.append(f"force {self._force_words(spec['force'])}")
        if "date" in spec:
            words.append(f"date {spec['date']}")
        if "polarity" in spec:
            words.append(spec["polarity"])
        if "topic" in spec:
            words.append(f"topic [{self._event_words(spec['topic'])}]")
        return " with ".join(words[:2]) + "".join(f", {w}" for w in words[2:])


def _as_int(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        try:
            value = float(text)
        except ValueError:
            return None
        return int(value) if value.is_integer() else None


def score_article(gold: dict, graph: Graph, *, hierarchy: Graph | None = None,
                  missing: str | None = None) -> list[FactResult]:
    """Check every fact of one validated gold document against ``graph``.

    ``hierarchy`` supplies the ``rdfs:subClassOf`` triples (default: ``graph``).
    ``missing``, when given, says why there is no graph for this article; every
    fact then fails with that detail (absent facts hold).

    >>> gold = validate_gold({"article": "a", "entities": {}, "facts": []})
    >>> score_article(gold, Graph())
    []
    """
    scorer = _Scorer(gold, _Index(graph, graph if hierarchy is None else hierarchy))
    results = []
    for fact in gold["facts"]:
        absent = fact.get("absent", False)
        outcome = _Outcome(False, missing) if missing else scorer.check(fact)
        if absent:
            passed = not outcome.ok
            detail = f"must be absent but the graph has it: {outcome.detail}" if outcome.ok \
                else "absent, as required"
        else:
            passed, detail = outcome.ok, outcome.detail
        results.append(FactResult(gold["article"], fact["id"], fact["kind"], fact["question"],
                                  passed, absent, detail))
    return results


# --------------------------------------------------------------------------- outputs


def _parse(path: Path, into: Graph | Dataset, code: str = "E703") -> None:
    fmt = guess_format(str(path)) or "turtle"
    try:
        into.parse(path, format=fmt)
    except Exception as err:  # rdflib raises many unrelated types for bad syntax
        raise EvalError(code, f"cannot parse {path} as {fmt}: {err}",
                        fix="rebuild the outputs (kg build) or check the file") from err


def default_ontology_path() -> Path:
    """``kg.ttl`` in ``kg.vocab.ONTOLOGY_DIR`` when that exists, else ``<repo>/ontology/kg.ttl``.

    >>> default_ontology_path().name
    'kg.ttl'
    """
    try:
        directory = Path(importlib.import_module("kg.vocab").ONTOLOGY_DIR)
    except (ImportError, AttributeError):
        directory = Path(__file__).resolve().parent.parent / "ontology"
    return directory / "kg.ttl"


class _Outputs:
    """Where each article's graph comes from (see :func:`evaluate`)."""

    def __init__(self, outputs: Path, ontology: Path | None) -> None:
        self.path = outputs
        self.ontology_path = ontology
        self._ontology: Graph | None = None
        self.dataset: Dataset | None = None
        self.whole: Graph | None = None
        self.articles_dir: Path | None = None
        if outputs.is_file():
            dataset = Dataset()
            _parse(outputs, dataset)
            self.whole = _union(dataset)
        elif outputs.is_dir() and (outputs / "graph.trig").is_file():
            self.dataset = Dataset()
            _parse(outputs / "graph.trig", self.dataset)
        elif outputs.is_dir() and (outputs / "articles").is_dir():
            self.articles_dir = outputs / "articles"
        elif outputs.is_dir() and (outputs / "graph.ttl").is_file():
            self.whole = Graph()
            _parse(outputs / "graph.ttl", self.whole)
        else:
            raise EvalError("E702", f"{outputs} is neither a graph file nor a directory holding "
                                    "graph.trig, articles/ or graph.ttl",
                            fix="run kg build first, or pass the outputs/ directory or a .ttl/.trig file")

    def graph_for(self, article: str) -> tuple[Graph, str | None]:
        """The graph to score ``article`` against, or an empty one and why."""
        if self.whole is not None:
            return self.whole, None
        if self.dataset is not None:
            name = KGR[f"graph/{article}"]
            names = {g.identifier for g in self.dataset.graphs()}
            if name not in names:
                return Graph(), f"no named graph {_short(name)} in {self.path / 'graph.trig'}"
            graph = Graph()
            graph += self.dataset.graph(name)
            if ONTOLOGY_GRAPH in names:
                graph += self.dataset.graph(ONTOLOGY_GRAPH)
            return graph, None
        assert self.articles_dir is not None
        path = self.articles_dir / f"{article}.ttl"
        if not path.is_file():
            return Graph(), f"no {path}"
        graph = Graph()
        _parse(path, graph)
        return graph, None

    def hierarchy(self, graph: Graph) -> Graph:
        """The graph's own subclass triples when it has any, else the ontology file's."""
        if self.ontology_path is None and next(graph.triples((None, RDFS.subClassOf, None)), None):
            return graph
        if self._ontology is None:
            self._ontology = Graph()
            path = self.ontology_path or default_ontology_path()
            if path.is_file():
                _parse(path, self._ontology, code="E704")
        return self._ontology


def _union(dataset: Dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in dataset.quads():
        graph.add((s, p, o))
    return graph


def evaluate(gold_paths: Sequence[Path], outputs: Path, *, ontology: Path | None = None) -> Report:
    """Score every gold file against the built graph in ``outputs``.

    ``outputs`` is a directory holding ``graph.trig`` (each article is scored
    against its named graph ``kgr:graph/<id>`` plus ``kgr:graph/ontology``), or
    ``articles/<id>.ttl``, or ``graph.ttl``; or a single ``.ttl``/``.trig`` file,
    against whose whole graph every article is scored. ``ontology`` forces the
    file the class hierarchy is read from (default: the graph's own subclass
    triples, else :func:`default_ontology_path`).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     try:
    ...         evaluate([], Path(tmp))
    ...     except EvalError as err:
    ...         print(err.code)
    E702
    """
    golds = [load_gold(Path(p)) for p in gold_paths]
    source = _Outputs(Path(outputs), None if ontology is None else Path(ontology))
    results: list[FactResult] = []
    for gold in golds:
        graph, missing = source.graph_for(gold["article"])
        results += score_article(gold, graph, hierarchy=source.hierarchy(graph), missing=missing)
    return Report(results)


# --------------------------------------------------------------------------- report and CLI


def format_report(report: Report, *, verbose: bool = True) -> str:
    """PASS/FAIL per fact (only failures unless ``verbose``), recall per article
    and in total, and the number of absent-fact violations.

    >>> print(format_report(Report([FactResult("a", "a-1", "entity", "Is X there?", False, False, "no X")])))
    == a ==
    FAIL a-1  Is X there?
         no X
    recall a: 0/1 = 0.000
    <BLANKLINE>
    total recall: 0/1 = 0.000
    absent-fact violations: 0
    """
    lines: list[str] = []
    for article in report.articles():
        chosen = [r for r in report.results if r.article == article]
        lines.append(f"== {article} ==")
        for result in chosen:
            if result.passed and not verbose:
                continue
            mark = "PASS" if result.passed else "FAIL"
            absent = " (absent)" if result.absent else ""
            lines.append(f"{mark} {result.fact_id}{absent}  {result.question}")
            if not result.passed:
                lines.append(f"     {result.detail}")
        held = sum(r.passed for r in chosen)
        lines.append(f"recall {article}: {held}/{len(chosen)} = {report.recall(article):.3f}")
        lines.append("")
    held = sum(r.passed for r in report.results)
    lines.append(f"total recall: {held}/{len(report.results)} = {report.recall():.3f}")
    lines.append(f"absent-fact violations: {len(report.absent_violations)}")
    return "\n".join(lines)


def _expand(patterns: Iterable[str]) -> list[Path]:
    """Shell-style globs and directories of gold files, for shells that do not expand."""
    paths: list[Path] = []
    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            paths += sorted(path.glob("*.json"))
        elif not path.exists() and glob.has_magic(pattern):
            paths += [Path(p) for p in sorted(glob.glob(pattern))]
        else:
            paths.append(path)
    return paths


def run_eval(gold: list[str], outputs: str, min_recall: float | None = None, *, verbose: bool = True) -> int:
    """``kg eval``: print the report; return 0, 1 when total recall is below
    ``min_recall``, or 2 when the inputs cannot be read.

    >>> run_eval(["/nonexistent/gold.json"], ".")
    2
    """
    try:
        paths = _expand(gold)
        if not paths:
            raise EvalError("E701", f"no gold files match {' '.join(gold)}",
                            fix="pass gold JSON files or a directory holding them")
        report = evaluate(paths, Path(outputs))
    except EvalError as err:
        print(err, file=sys.stderr)
        return 2
    print(format_report(report, verbose=verbose))
    if min_recall is not None and report.recall() < min_recall:
        print(f"total recall {report.recall():.3f} is below --min-recall {min_recall}", file=sys.stderr)
        return 1
    return 0
