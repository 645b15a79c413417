"""The viewer page: the view graph as page data (nodes, edges, legend,
article list, layout options), inlined with its scripts and styles into one
self-contained HTML file under a strict Content-Security-Policy.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx
import rdflib

from ..cache import FILE_MODE, current_umask
from ..errors import OutputError
from ..lang.ar import normalize_ar
from .assets import _read_data, _read_vis, _style
from .network import PDI, RLI, _articles, _name_line, _union, build_view_graph

_MARKER = re.compile(r"/\*KG:([A-Z_]+)\*/")
_MAX_LABEL = 40


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
        raise OutputError("E454", f"{name} contains {closing!r} and cannot be inlined",
                          fix="use the vis-network 9.1.2 files shipped with pyvis 0.3.2")
    return code


def _script_hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(graph: rdflib.Graph | rdflib.Dataset, *, title: str = "kg",
                physics_limit: int = 1000) -> str:
    """The viewer page as a string (``write_viewer`` writes it to a file).

    >>> from rdflib import Graph
    >>> from kg.viewer import EXAMPLE_TTL
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
    >>> from kg.viewer import EXAMPLE_TTL
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
            os.fchmod(handle.fileno(), FILE_MODE & ~current_umask())  # not the temporary file's 0600
            handle.write(page)
        os.replace(handle.name, path)
    except OSError as exc:
        Path(handle.name).unlink(missing_ok=True)
        raise OutputError("E451", f"cannot write the viewer to {path}: {exc}",
                          fix="check free disk space and permissions of the output directory") from exc
    return path
