"""Check the graph against the SHACL shapes in ``ontology/shapes.ttl`` with
pySHACL, and say what is wrong in words: the node (with its label), the
property, the rule it breaks and the sentence it was read from.

>>> report = validate(EXAMPLE)
>>> report.conforms, len(report.violations)
(True, 0)
"""
from __future__ import annotations

import sys
import warnings
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import PROV
from rdflib.util import guess_format

from . import namespaces
from .errors import OutputError, parse_error_text
from .outputs import settle
from .paths import ONTOLOGY_DIR, PROJECT_ROOT
from .query import ONTOLOGY_FILES, compact_iri
from .vocab import KG, SH

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
EXAMPLE = PROJECT_ROOT / "tests" / "data" / "query" / "graph.trig"


@dataclass(frozen=True, order=True)
class Violation:
    """One failed check, in words. Sorted by shape, then focus node."""

    shape: str  # compact IRI of the node shape, e.g. kgsh:AgreementShape
    focus: str  # compact IRI of the node at fault
    path: str  # compact property path, "" for node-level checks
    message: str
    severity: str = "Violation"
    label: str = ""  # the focus node's label, Arabic first
    value: str = ""  # the offending value, if any
    sentence: str = ""  # the source sentence's text, if the node has provenance
    sentence_iri: str = ""


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    checked: int = 0  # triples in the validated graph


def _compact(term: object) -> str:
    if isinstance(term, URIRef):
        text = str(term)
        if text.startswith(namespaces.KGSH):
            return "kgsh:" + text.split("#", 1)[1]
        if text.startswith(str(SH)):
            return "sh:" + text[len(str(SH)):]
        return compact_iri(text)
    if isinstance(term, Literal):
        return str(term)
    return "" if term is None else f"_:{term}"


def _path_text(shapes: rdflib.Graph, path: object) -> str:
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return _compact(path)
    alternatives = shapes.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(_compact(p) for p in Collection(shapes, alternatives))
    return _compact(path)


def load_union(source: Path) -> rdflib.Graph:
    """The union of all graphs of ``source`` (an outputs folder or an RDF
    file) plus the ontology, as one rdflib graph.

    >>> graph = load_union(EXAMPLE)
    >>> (KG.PhoneCall, RDFS.subClassOf, KG.Meeting) in graph
    True
    """
    source = Path(source)
    if source.is_dir():
        settle(source)
        candidates = [source / "graph.trig", source / "graph.ttl"]
        found = [c for c in candidates if c.is_file()]
        if not found:
            raise OutputError("E460", f"no graph.trig or graph.ttl in {source}",
                              fix="run `kg run` first, or give the path of a .trig/.ttl file")
        source = found[0]
    if not source.is_file():
        raise OutputError("E460", f"no such file or folder: {source}", fix="check the path")
    dataset = rdflib.Dataset()
    fmt = guess_format(str(source)) or "turtle"
    try:
        with warnings.catch_warnings():
            # rdflib's own TriG parser uses its deprecated ConjunctiveGraph.
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset.parse(source, format=fmt)
    except Exception as err:  # rdflib raises many parser-specific types
        raise OutputError("E462", f"cannot parse {source}: {parse_error_text(err)}",
                          fix="rebuild it with `kg run`, or fix the line given") from err
    union = rdflib.Graph()
    for subject, predicate, obj, _ in dataset.quads((None, None, None, None)):
        union.add((subject, predicate, obj))
    for name in ONTOLOGY_FILES:
        path = ONTOLOGY_DIR / name
        if path.is_file():
            union.parse(path, format="turtle")
    return union


def _load_shapes(shapes_path: Path) -> rdflib.Graph:
    if not shapes_path.is_file():
        raise OutputError("E461", f"no shapes file at {shapes_path}", fix="restore ontology/shapes.ttl")
    try:
        return rdflib.Graph().parse(shapes_path, format="turtle")
    except Exception as err:
        raise OutputError("E461", f"cannot parse the shapes {shapes_path}: {err}",
                          fix="fix the Turtle syntax at the line given") from err


def _label(graph: rdflib.Graph, node: object) -> str:
    labels = sorted(graph.objects(node, RDFS.label),
                    key=lambda label: (getattr(label, "language", None) != "ar", str(label)))
    return str(labels[0]) if labels else ""


def validate(outputs: Path, shapes_path: Path = SHAPES) -> ValidationReport:
    """Validate the union graph of ``outputs`` (plus the ontology) against
    the shapes. The report lists violations sorted by shape and node.

    >>> validate(Path("no/such/outputs"))
    Traceback (most recent call last):
    ...
    kg.errors.OutputError: [E460] outputs: no such file or folder: no/such/outputs. Fix: check the path
    """
    from pyshacl import validate as shacl_validate  # slow to import; only `kg validate` needs it

    data = load_union(Path(outputs))
    shapes = _load_shapes(Path(shapes_path))
    # The ontology is in the data graph: sh:targetClass follows its rdfs:subClassOf,
    # so no inference is run (and none of its entailments leak into the report).
    conforms, results, _ = shacl_validate(data, shacl_graph=shapes, inference="none",
                                          abort_on_first=False, allow_warnings=True)
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        source_shape = results.value(result, SH.sourceShape)
        # Property shapes are blank nodes: name the node shape they belong to.
        owner = next(iter(shapes.subjects(SH.property, source_shape)), source_shape)
        focus = results.value(result, SH.focusNode)
        sentence_iri = data.value(focus, PROV.wasDerivedFrom)
        if sentence_iri is None and (focus, RDF.type, KG.Sentence) in data:
            sentence_iri = focus
        sentence = data.value(sentence_iri, KG.text) if sentence_iri is not None else None
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        violations.append(Violation(
            shape=_compact(owner),
            focus=_compact(focus),
            path=_path_text(shapes, results.value(result, SH.resultPath)),
            message=str(message) if message is not None else "",
            severity=_compact(severity).removeprefix("sh:") if severity is not None else "Violation",
            label=_label(data, focus),
            # Node-level checks (sh:or) report the focus node itself as the value.
            value="" if results.value(result, SH.value) == focus else _compact(results.value(result, SH.value)),
            sentence=str(sentence) if sentence is not None else "",
            sentence_iri=_compact(sentence_iri) if sentence_iri is not None else "",
        ))
    return ValidationReport(conforms=bool(conforms), violations=sorted(set(violations)), checked=len(data))


def format_violations(report: ValidationReport) -> str:
    """The report in words, grouped by shape.

    >>> print(format_violations(ValidationReport(False, [Violation(
    ...     "kgsh:AgreementShape", "kgr:article/a/event/0", "kg:party",
    ...     "an agreement needs a party (kg:party)", label="اتفاق",
    ...     sentence="وقّع البلدان اتفاقاً.", sentence_iri="kgr:article/a/s0")])))
    1 violation
    <BLANKLINE>
    kgsh:AgreementShape (1)
      kgr:article/a/event/0 "اتفاق" kg:party: an agreement needs a party (kg:party)
        sentence kgr:article/a/s0: وقّع البلدان اتفاقاً.
    """
    if report.conforms and not report.violations:
        return f"the graph conforms to the shapes ({report.checked} triples checked)"
    count = len(report.violations)
    lines = [f"{count} violation{'' if count == 1 else 's'}"]
    for shape, group in groupby(report.violations, key=lambda v: v.shape):
        items = list(group)
        lines += ["", f"{shape} ({len(items)})"]
        for v in items:
            head = v.focus + (f' "{v.label}"' if v.label else "") + (f" {v.path}" if v.path else "")
            severity = "" if v.severity == "Violation" else f"[{v.severity}] "
            value = f" (value: {v.value})" if v.value else ""
            lines.append(f"  {head}: {severity}{v.message}{value}")
            if v.sentence:
                lines.append(f"    sentence {v.sentence_iri}: {v.sentence}")
    return "\n".join(lines)


def validate_command(outputs: Path, shapes_path: Path = SHAPES) -> int:
    """``kg validate``: print the report; exit 0 when the graph conforms,
    1 when it has violations, 2 when it cannot be validated.

    >>> validate_command(EXAMPLE)  # doctest: +ELLIPSIS
    the graph conforms to the shapes (... triples checked)
    0
    """
    try:
        report = validate(outputs, shapes_path)
    except OutputError as err:
        print(err, file=sys.stderr)
        return 2
    print(format_violations(report))
    return 0 if report.conforms else 1
