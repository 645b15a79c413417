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

The package, by job: :mod:`~kg.viewer.network` (RDF graph to the networkx
view graph), :mod:`~kg.viewer.page` (page data and the HTML file) and
:mod:`~kg.viewer.assets` (our data files and vis-network's). Everything public
is importable from here.

>>> from rdflib import Graph
>>> view = build_view_graph(Graph().parse(data=EXAMPLE_TTL, format="turtle"))
>>> sorted(view.nodes[n]["label_en"] for n in view)
['Agreement', 'Iraq', 'Kuwait']
"""
from __future__ import annotations

from .network import EXAMPLE_TTL, ONTOLOGY_GRAPH, PDI, RLI, build_view_graph
from .page import display_label, render_html, write_viewer

__all__ = ["EXAMPLE_TTL", "ONTOLOGY_GRAPH", "PDI", "RLI", "build_view_graph", "display_label", "render_html", "write_viewer"]
