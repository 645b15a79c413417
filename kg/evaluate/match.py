"""Matching gold facts against one article's graph: names to nodes, class
membership by ``rdfs:subClassOf*``, and for each fact PASS, or FAIL with the
closest candidate and what it lacks.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from ..lang.ar import normalize_ar
from ..vocab import KG, KGR
from .gold import _local
from .report import FactResult

# Gold files name classes, properties and roles freely, and a name the ontology
# lacks must simply match nothing: an open namespace for those, where the
# closed kg.vocab.KG would raise.
_KG_ANY = Namespace(KG._NS)


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
        cls = _KG_ANY[_local(self.entities[key]["type"])]
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
        prop = _KG_ANY[_local(fact["predicate"])]
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

        # The count is always asked; the owner and the place only when given
        # (an absent force gives only the count: no force of that count may
        # exist, whoever owns it).
        conditions = 1 + ("of" in fact) + ("location" in fact)

        def problems(node: Node) -> tuple[int, list[str]]:
            found: list[str] = []
            if "of" in fact:
                found += self._problems_of(node, fact["of"])
            found += self._problems_count(node, fact["count"])
            if "location" in fact:
                places = list(self.graph.objects(node, KG.location))
                if not any(self.matches(p, fact["location"]) for p in places):
                    have = ", ".join(sorted(self.index.name(p) for p in places)) or "none"
                    found.append(f"kg:location is {have}, want {self.label(fact['location'])}")
            return conditions - len(found), found

        return self._closest(candidates, problems, f"kg:MilitaryForce {want}")

    def _check_event(self, fact: dict) -> _Outcome:
        cls = _KG_ANY[_local(fact["type"])]
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
            fillers = list(self.graph.objects(node, _KG_ANY[role]))
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
            # "negative" asks for kg:polarity kg:Negative, "positive" for its
            # absence (FORMAT.md), so an absent positive event is not failed by
            # a correctly negated one.
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
        cls = _KG_ANY[_local(spec["type"])]
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

    >>> from kg.evaluate import validate_gold
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
