"""Outputs: an interactive HTML view of the graph (vis-network, shipped by pyvis).

The page works with no network at all: vis-network's JS and CSS are read from
the pyvis package and inlined, and so are our own script and stylesheet
(``kg/data/viewer/``). pyvis's own template is not used because it loads
bootstrap and tom-select from CDNs whatever ``cdn_resources`` says.

The graph data goes into a ``<script type="application/json">`` block with
``<``, ``>`` and ``&`` escaped, and the page script only ever writes text with
``textContent``; vis-network 9 shows a string ``title`` with ``innerText``. So
article text such as ``<script>`` or ``<img onerror>`` is shown, never run.

Output is deterministic: nodes and edges are sorted, the layout seed is fixed,
and nothing depends on the clock, so the same graph gives the same bytes.

>>> from rdflib import Graph
>>> view = build_view_graph(Graph().parse(data=EXAMPLE_TTL, format="turtle"))
>>> sorted(view.nodes[n]["label_en"] for n in view)
['Agreement', 'Iraq', 'Kuwait']
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import rdflib
import yaml
from rdflib import RDF, RDFS, SKOS, Literal, Namespace, URIRef

from .errors import OutputError
from .normalize import arabic_ratio, normalize_ar

KG = Namespace("https://w3id.org/ankg/ontology#")
KGR = "https://w3id.org/ankg/id/"
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")

ONTOLOGY_GRAPH = URIRef(KGR + "graph/ontology")
_GRAPH_PREFIX = KGR + "graph/"
_ARTICLE_PREFIX = KGR + "article/"

# Unicode isolates: vis-network draws canvas labels left to right; RLI…PDI
# (U+2067…U+2069) makes each Arabic label its own right-to-left run, even when
# it starts with a digit or a Latin acronym (which FSI, U+2068, would read as
# left to right).
RLI = "\u2067"
PDI = "\u2069"

_VIS_DIR = ("templates", "lib", "vis-9.1.2")
_MARKER = re.compile(r"/\*KG:([A-Z_]+)\*/")
_MAX_LABEL = 40

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


@dataclass(frozen=True)
class _Style:
    classes: dict[str, dict[str, str]]
    priority: list[str]
    excluded: frozenset[str]
    max_tooltip_sources: int
    stabilization_iterations: int
    large_stabilization_iterations: int


@lru_cache(maxsize=1)
def _style() -> _Style:
    raw = yaml.safe_load(_read_data("style.yaml"))
    return _Style(
        classes=raw["classes"],
        priority=list(raw["priority"]),
        excluded=frozenset(raw["excluded"]),
        max_tooltip_sources=int(raw["max_tooltip_sources"]),
        stabilization_iterations=int(raw["stabilization_iterations"]),
        large_stabilization_iterations=int(raw["large_stabilization_iterations"]),
    )


def _read_data(name: str) -> str:
    return (resources.files("kg") / "data" / "viewer" / name).read_text(encoding="utf-8")


def _read_vis(name: str) -> str:
    try:
        folder = resources.files("pyvis")
        for part in _VIS_DIR:
            folder = folder / part
        return (folder / name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise OutputError(
            "E450",
            f"vis-network asset {'/'.join(_VIS_DIR)}/{name} not found in the pyvis package ({exc})",
            fix="install pyvis 0.3.2 (pip install 'pyvis>=0.3.2'), which ships vis-network 9.1.2",
        ) from exc


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


def display_label(label_ar: str | None, label_en: str | None) -> str:
    """The label drawn on the canvas: Arabic isolated as RTL, English below.

    >>> display_label("العراق", "Iraq") == "\\u2067العراق\\u2069\\nIraq"
    True
    >>> display_label(None, "Agreement")
    'Agreement'
    """
    lines = []
    if label_ar:
        short = label_ar if len(label_ar) <= _MAX_LABEL else label_ar[:_MAX_LABEL - 1] + "…"
        lines.append(f"{RLI}{short}{PDI}")
    if label_en and label_en != label_ar:
        lines.append(label_en if len(label_en) <= _MAX_LABEL else label_en[:_MAX_LABEL - 1] + "…")
    return "\n".join(lines)


def _fold_table() -> dict[str, str]:
    """normalize_ar, character by character, for the page's search box, so that
    the browser folds a query exactly as Python folded the labels."""
    table = {}
    for code in list(range(0x0600, 0x0700)) + list(range(0x0750, 0x0780)):
        char = chr(code)
        folded = normalize_ar(char)
        if folded != char and not char.isspace():
            table[char] = folded
    return table


def _page_data(view: nx.MultiDiGraph, title: str, physics_limit: int,
               articles: dict[str, dict[str, str]]) -> dict[str, Any]:
    style = _style()
    large = view.number_of_nodes() > physics_limit
    counts: dict[str, int] = {}
    nodes = []
    for node_id in sorted(view):
        attrs = view.nodes[node_id]
        style_key = attrs["cls"] if attrs["cls"] in style.classes else "Event"
        look = style.classes[style_key]
        counts[style_key] = counts.get(style_key, 0) + 1
        keys = {normalize_ar(text) for text in (attrs["label_ar"], attrs["label_en"], *attrs["alt_labels"]) if text}
        nodes.append({
            "id": node_id,
            "label": display_label(attrs["label_ar"], attrs["label_en"]),
            "plain": _name_line(attrs["label_ar"], attrs["label_en"]),
            "title": attrs["tooltip"],
            "cls": style_key,
            "color": look["colour"],
            "shape": look["shape"],
            "articles": list(attrs["articles"]),
            "keys": sorted(keys),
        })
    edges = []
    for index, (source, target, key, attrs) in enumerate(
            sorted(view.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))):
        edges.append({
            "id": f"e{index}",
            "from": source,
            "to": target,
            "label": attrs["role"],
            "title": attrs["tooltip"],
            "articles": list(attrs["articles"]),
        })
    legend = [
        {"cls": cls, "color": look["colour"], "shape": look["shape"], "en": look["legend_en"],
         "ar": look["legend_ar"], "count": counts[cls]}
        for cls, look in style.classes.items() if cls in counts
    ]
    shown = {a for n in nodes for a in n["articles"]}
    article_list = [{"id": a, "title": articles.get(a, {}).get("title", ""),
                     "date": articles.get(a, {}).get("date", "")} for a in sorted(shown)]
    font = "Noto Sans Arabic, Noto Naskh Arabic, DejaVu Sans, Arial, sans-serif"
    options = {
        "nodes": {"font": {"face": font, "size": 16}, "borderWidth": 1, "size": 14},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#8c8c8c", "highlight": "#333333"},
            "font": {"face": font, "size": 10, "align": "middle"},
            "smooth": False if large else {"type": "continuous"},
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large,
                        "navigationButtons": False, "keyboard": False},
        "layout": {"randomSeed": 42, "improvedLayout": not large},
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -4000, "springLength": 140, "avoidOverlap": 0.2},
            "stabilization": {
                "enabled": True,
                "iterations": style.large_stabilization_iterations if large else style.stabilization_iterations,
                "updateInterval": 50,
            },
        },
    }
    return {
        "title": title,
        "large": large,
        "nodes": nodes,
        "edges": edges,
        "legend": legend,
        "articles": article_list,
        "fold": _fold_table(),
        "options": options,
    }


def _json_for_script(data: Any) -> str:
    """JSON that cannot end its ``<script>`` block or open a comment in it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _inline_safe(code: str, name: str, closing: str) -> str:
    if closing in code.lower():
        raise OutputError("E450", f"{name} contains {closing!r} and cannot be inlined",
                          fix="use the vis-network 9.1.2 files shipped with pyvis 0.3.2")
    return code


def _script_hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(graph: rdflib.Graph | rdflib.Dataset, *, title: str = "kg",
                physics_limit: int = 1000) -> str:
    """The viewer page as a string (``write_viewer`` writes it to a file).

    >>> from rdflib import Graph
    >>> page = render_html(Graph().parse(data=EXAMPLE_TTL, format="turtle"), title="<demo>")
    >>> "<title>&lt;demo&gt;</title>" in page, 'src="http' in page
    (True, False)
    """
    if not isinstance(physics_limit, int) or physics_limit < 0:
        raise OutputError("E453", f"physics_limit must be a non-negative integer, got {physics_limit!r}",
                          fix="pass the node count above which the layout is bounded, e.g. 1000")
    union, _ = _union(graph)
    view = build_view_graph(graph)
    data = _page_data(view, title, physics_limit, _articles(union))
    parts = {
        "TITLE": html.escape(title),
        "VIS_CSS": _inline_safe(_read_vis("vis-network.css"), "vis-network.css", "</style"),
        "VIEWER_CSS": _inline_safe(_read_data("viewer.css"), "viewer.css", "</style"),
        "VIS_JS": _inline_safe(_read_vis("vis-network.min.js"), "vis-network.min.js", "</script"),
        "VIEWER_JS": _inline_safe(_read_data("viewer.js"), "viewer.js", "</script"),
        "DATA": _json_for_script(data),
    }
    # Only our two scripts may run: an injected inline script or event handler
    # has no matching hash, and nothing may be fetched from anywhere.
    parts["CSP"] = (
        "default-src 'none'; script-src "
        + " ".join(_script_hash(parts[name]) for name in ("VIS_JS", "VIEWER_JS"))
        + "; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
    )
    # One pass, so that nothing inserted is ever scanned for markers again.
    return _MARKER.sub(lambda m: parts[m.group(1)], _read_data("template.html"))


def write_viewer(graph: rdflib.Graph | rdflib.Dataset, path: Path, *, title: str = "kg",
                 physics_limit: int = 1000) -> Path:
    """Write the viewer page to ``path`` atomically and return ``path``.

    Above ``physics_limit`` nodes the layout stops after a few stabilisation
    iterations (and physics is always switched off once stabilised), edges are
    straight and hidden while dragging, so that large graphs stay usable.

    >>> import tempfile
    >>> from rdflib import Graph
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_viewer(Graph().parse(data=EXAMPLE_TTL, format="turtle"), Path(tmp) / "v.html")
    ...     out.name, out.stat().st_size > 100_000
    ('v.html', True)
    """
    path = Path(path)
    page = render_html(graph, title=title, physics_limit=physics_limit)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", newline="\n", dir=path.parent,
            prefix=f".{path.name}.", suffix=".tmp", delete=False)
    except OSError as exc:
        raise OutputError("E451", f"cannot write the viewer to {path}: {exc}",
                          fix="choose a writable output directory") from exc
    try:
        with handle:
            handle.write(page)
        os.replace(handle.name, path)
    except OSError as exc:
        Path(handle.name).unlink(missing_ok=True)
        raise OutputError("E451", f"cannot write the viewer to {path}: {exc}",
                          fix="check free disk space and permissions of the output directory") from exc
    return path
