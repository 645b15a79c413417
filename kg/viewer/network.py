"""From the RDF graph to the graph people read (a networkx multigraph):
actors, places, events and forces as nodes, with their labels, articles,
source sentences and tooltips; roles and relations as edges.
"""
from __future__ import annotations

import re
from typing import Any

import networkx as nx
import rdflib
from rdflib import RDF, RDFS, SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from ..errors import OutputError
from ..lang.ar import arabic_ratio
from ..vocab import KG, KGR
from .assets import _style, _Style

ONTOLOGY_GRAPH = URIRef(KGR + "graph/ontology")
_GRAPH_PREFIX = KGR + "graph/"
_ARTICLE_PREFIX = KGR + "article/"

# Unicode isolates: vis-network draws canvas labels left to right; RLI…PDI
# (U+2067…U+2069) makes each Arabic label its own right-to-left run, even when
# it starts with a digit or a Latin acronym (which FSI, U+2068, would read as
# left to right).
RLI = "\u2067"
PDI = "\u2069"

EXAMPLE_TTL = """
@base <https://w3id.org/ankg/id/> .
@prefix kg: <https://w3id.org/ankg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<article/a1> a kg:Article ; dcterms:title "مثال"@ar ; dcterms:issued "2020-01-02"^^xsd:date .
<article/a1/s0> a kg:Sentence ; kg:text "وقع العراق والكويت اتفاقا." ; dcterms:isPartOf <article/a1> .
<actor/iraq> a kg:Country ; rdfs:label "العراق"@ar, "Iraq"@en .
<actor/kuwait> a kg:Country ; rdfs:label "الكويت"@ar, "Kuwait"@en .
<article/a1/event/0> a kg:Agreement ; kg:party <actor/iraq>, <actor/kuwait> ;
    kg:trigger "وقع"@ar ; prov:wasDerivedFrom <article/a1/s0> .
"""


def _local(iri: str) -> str:
    """Local name of an IRI: after the last ``#`` or ``/``."""
    return re.split(r"[#/]", iri)[-1]


def _kg_local(term: Any) -> str | None:
    if isinstance(term, URIRef) and str(term).startswith(str(KG)):
        return str(term)[len(str(KG)):]
    return None


def _article_id(article: Any) -> str | None:
    text = str(article)
    if text.startswith(_ARTICLE_PREFIX):
        rest = text[len(_ARTICLE_PREFIX):]
        return rest.split("/")[0] or None
    return None


def _union(graph: rdflib.Graph) -> tuple[rdflib.Graph, dict[URIRef, set[str]]]:
    """The triples to show (ontology left out) and, for a Dataset, which article
    graphs each subject is described in."""
    if not isinstance(graph, rdflib.Graph):
        raise OutputError(
            "E452",
            f"expected an rdflib Graph or Dataset, got {type(graph).__name__}",
            fix="load the graph with rdflib (Dataset().parse('outputs/graph.trig'))",
        )
    in_graphs: dict[URIRef, set[str]] = {}
    if not isinstance(graph, rdflib.ConjunctiveGraph):
        return graph, in_graphs
    union = rdflib.Graph()
    # Dataset.contexts() is deprecated in rdflib 7; ConjunctiveGraph has no graphs().
    contexts = graph.graphs() if isinstance(graph, rdflib.Dataset) else graph.contexts()
    for context in sorted(contexts, key=lambda c: str(c.identifier)):
        name = str(context.identifier)
        if context.identifier == ONTOLOGY_GRAPH:
            continue
        article = name[len(_GRAPH_PREFIX):] if name.startswith(_GRAPH_PREFIX) else None
        for triple in context:
            union.add(triple)
            if article and isinstance(triple[0], URIRef):
                in_graphs.setdefault(triple[0], set()).add(article)
    return union, in_graphs


def _label(g: rdflib.Graph, node: URIRef, lang: str) -> str | None:
    """The node's ``rdfs:label`` in ``lang`` (untagged labels go by script)."""
    found = []
    for value in g.objects(node, RDFS.label):
        if not isinstance(value, Literal):
            continue
        tag = value.language or ("ar" if arabic_ratio(str(value)) > 0.5 else "en")
        if tag.split("-")[0] == lang:
            found.append(str(value))
    return min(found) if found else None


def _first(g: rdflib.Graph, node: Any, prop: URIRef) -> Any:
    values = sorted(g.objects(node, prop), key=str)
    return values[0] if values else None


def _node_class(types: set[str], style: _Style) -> tuple[str, str] | None:
    """(class, kind) of a typed node, or None when it is not shown."""
    if types & style.excluded:
        return None
    for cls in style.priority:
        if cls in types:
            return cls, style.classes[cls]["kind"]
    if types:
        # Any other class of our ontology is an event class (kg:Agreement, …).
        return min(types), "event"
    return None


def build_view_graph(graph: rdflib.Graph | rdflib.Dataset) -> nx.MultiDiGraph:
    """The graph as people read it: actors, places, events and forces.

    Articles, sentences, reifications and the ontology are not nodes: they
    become node attributes (``articles``, ``tooltip``). Each node has
    ``label_ar``, ``label_en``, ``cls`` (ontology local name), ``kind``
    (actor/event/force), ``articles`` (sorted article ids), ``alt_labels``,
    ``sources`` (sentence, article id, date) and ``tooltip`` (plain text).
    Edges are keyed by the property's local name (``party``, ``topic``, …).

    >>> from rdflib import Graph
    >>> view = build_view_graph(Graph().parse(data=EXAMPLE_TTL, format="turtle"))
    >>> event = "https://w3id.org/ankg/id/article/a1/event/0"
    >>> sorted(key for _, _, key in view.out_edges(event, keys=True))
    ['party', 'party']
    >>> view.nodes[event]["articles"], view.nodes["https://w3id.org/ankg/id/actor/iraq"]["articles"]
    (('a1',), ('a1',))
    >>> print(view.nodes[event]["tooltip"])
    ⁧وقع⁩ — Agreement
    class: Agreement
    «وقع العراق والكويت اتفاقا.»
      article a1 «⁧مثال⁩», 2020-01-02
    """
    style = _style()
    g, in_graphs = _union(graph)

    types: dict[URIRef, set[str]] = {}
    for subject, cls in g.subject_objects(RDF.type):
        local = _kg_local(cls)
        if cls == RDF.Statement:
            # Not kg:Statement (an event class): reification, never a node.
            local = "rdf:Statement"
        if isinstance(subject, URIRef) and local:
            types.setdefault(subject, set()).add(local)

    view = nx.MultiDiGraph()
    kinds: dict[URIRef, tuple[str, str]] = {}
    for subject in sorted(types, key=str):
        found = _node_class(types[subject], style)
        if found:
            kinds[subject] = found
    # Objects of role properties that the graph never typed are still actors.
    for s, p, o in g:
        if s in kinds and isinstance(o, URIRef) and o not in kinds and o not in types \
                and _kg_local(p) and p != RDF.type and kinds[s][1] in ("event", "force"):
            kinds[o] = ("Actor", "actor")

    articles_meta = _articles(g)
    sentence_info = _sentences(g)

    def sources_of(node: URIRef) -> list[tuple[str, str, str]]:
        found = []
        for sentence in g.objects(node, PROV.wasDerivedFrom):
            if sentence in sentence_info:
                found.append(sentence_info[sentence])
        return sorted(set(found))

    node_sources: dict[URIRef, set[tuple[str, str, str]]] = {}
    node_articles: dict[URIRef, set[str]] = {}
    for node in kinds:
        sources = set(sources_of(node))
        node_sources[node] = sources
        node_articles[node] = {s[1] for s in sources if s[1]} | in_graphs.get(node, set())

    # Edges: every triple between two shown nodes. Reified relations
    # (rdf:Statement) say which sentence a plain actor–actor triple came from.
    reified: dict[tuple[Any, Any, Any], set[tuple[str, str, str]]] = {}
    for statement in g.subjects(RDF.type, RDF.Statement):
        triple = (_first(g, statement, RDF.subject), _first(g, statement, RDF.predicate),
                  _first(g, statement, RDF.object))
        reified.setdefault(triple, set()).update(sources_of(statement))

    edges = []
    for s, p, o in g:
        if s in kinds and o in kinds and p != RDF.type and s != o:
            edge_sources = set(reified.get((s, p, o), set()))
            if not edge_sources and kinds[s][1] in ("event", "force"):
                edge_sources = node_sources[s]
            edges.append((s, p, o, edge_sources))
    edges.sort(key=lambda e: (str(e[0]), str(e[2]), str(e[1])))
    for s, _p, o, edge_sources in edges:
        # An actor is in every article that one of its events or relations is in.
        for end in (s, o):
            if kinds[end][1] == "actor":
                node_articles[end].update(a for _, a, _ in edge_sources if a)
                node_sources[end].update(edge_sources)

    for node in sorted(kinds, key=str):
        cls, kind = kinds[node]
        label_ar, label_en = _labels(g, node, cls, kind)
        alt_labels = sorted(str(v) for v in g.objects(node, SKOS.altLabel) if isinstance(v, Literal))
        sources = sorted(node_sources[node])
        view.add_node(
            str(node),
            label_ar=label_ar,
            label_en=label_en,
            alt_labels=tuple(alt_labels),
            cls=cls,
            kind=kind,
            articles=tuple(sorted(node_articles[node])),
            sources=tuple(sources),
            date=_event_date(g, node),
            tooltip=_tooltip(label_ar, label_en, cls, _event_date(g, node), sources,
                             articles_meta, style.max_tooltip_sources),
        )
    for s, p, o, edge_sources in edges:
        role = _local(str(p))
        sources = sorted(edge_sources)
        view.add_edge(
            str(s), str(o), key=role,
            role=role,
            predicate=str(p),
            articles=tuple(sorted({a for _, a, _ in sources if a})),
            tooltip=_edge_tooltip(role, sources, articles_meta, style.max_tooltip_sources),
        )
    return view


def _articles(g: rdflib.Graph) -> dict[str, dict[str, str]]:
    """Article id → title and issue date, for tooltips and the article filter."""
    meta: dict[str, dict[str, str]] = {}
    for article in g.subjects(RDF.type, KG.Article):
        article_id = _article_id(article)
        if article_id:
            title = _first(g, article, DCTERMS.title)
            issued = _first(g, article, DCTERMS.issued)
            meta[article_id] = {"title": str(title) if title is not None else "",
                                "date": str(issued) if issued is not None else ""}
    return meta


def _sentences(g: rdflib.Graph) -> dict[Any, tuple[str, str, str]]:
    """Sentence IRI → (text, article id, article date)."""
    info = {}
    for sentence in g.subjects(RDF.type, KG.Sentence):
        article = _first(g, sentence, DCTERMS.isPartOf)
        article_id = _article_id(article) or _article_id(sentence) or ""
        issued = _first(g, article, DCTERMS.issued) if article is not None else None
        text = _first(g, sentence, KG.text)
        info[sentence] = (str(text) if text is not None else "", article_id,
                          str(issued) if issued is not None else "")
    return info


def _event_date(g: rdflib.Graph, node: URIRef) -> str:
    date = _first(g, node, KG.date)
    if date is None:
        date = _first(g, node, KG.dateText)
    return str(date) if date is not None else ""


def _labels(g: rdflib.Graph, node: URIRef, cls: str, kind: str) -> tuple[str | None, str | None]:
    label_ar = _label(g, node, "ar")
    label_en = _label(g, node, "en")
    if kind == "event":
        trigger = _first(g, node, KG.trigger)
        label_ar = label_ar or (str(trigger) if trigger is not None else None)
        label_en = label_en or cls
    elif kind == "force":
        troops = _first(g, node, KG.troopCount)
        if label_en is None:
            label_en = f"{int(troops):,} troops" if _is_int(troops) else "Military force"
    if label_ar is None and label_en is None:
        label_en = _local(str(node))
    return label_ar, label_en


def _is_int(value: Any) -> bool:
    try:
        int(value)
    except (TypeError, ValueError):
        return False
    return value is not None


def _name_line(label_ar: str | None, label_en: str | None) -> str:
    parts = [f"{RLI}{label_ar}{PDI}"] if label_ar else []
    if label_en and label_en != label_ar:
        parts.append(label_en)
    return " — ".join(parts)


def _source_lines(sources: list[tuple[str, str, str]], articles: dict[str, dict[str, str]],
                  limit: int) -> list[str]:
    lines = []
    for text, article_id, date in sources[:limit]:
        title = articles.get(article_id, {}).get("title", "")
        where = f"article {article_id}" + (f" «{RLI}{title}{PDI}»" if title else "") + (f", {date}" if date else "")
        lines += [f"«{text}»", f"  {where}"]
    if len(sources) > limit:
        lines.append(f"(+{len(sources) - limit} more)")
    return lines


def _tooltip(label_ar: str | None, label_en: str | None, cls: str, date: str,
             sources: list[tuple[str, str, str]], articles: dict[str, dict[str, str]],
             limit: int) -> str:
    lines = [_name_line(label_ar, label_en), f"class: {cls}"]
    if date:
        lines.append(f"date: {date}")
    lines += _source_lines(sources, articles, limit)
    return "\n".join(lines)


def _edge_tooltip(role: str, sources: list[tuple[str, str, str]],
                  articles: dict[str, dict[str, str]], limit: int) -> str:
    return "\n".join([f"role: {role}", *_source_lines(sources, articles, limit)])
