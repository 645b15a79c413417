"""Unit tests for kg.viewer (no browser: see test_viewer_browser.py).

Expected values come from the fixtures in tests/data/viewer/, counted by hand:
demo.trig has 9 actors, 5 events and 1 force; xss.trig 1 actor and 1 event.
"""
from __future__ import annotations

import base64
import hashlib
import json
import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import rdflib

from kg.errors import OutputError
from kg.lang.ar import normalize_ar
from kg.viewer import build_view_graph, display_label, render_html, write_viewer

DATA = Path(__file__).parent / "data" / "viewer"
ID = "https://w3id.org/ankg/id/"


def load(*names: str) -> rdflib.Dataset:
    dataset = rdflib.Dataset()
    for name in names:
        dataset.parse(DATA / f"{name}.trig", format="trig")
    return dataset


@pytest.fixture(scope="module")
def demo() -> rdflib.Dataset:
    return load("demo", "xss")


@pytest.fixture(scope="module")
def view(demo):
    return build_view_graph(demo)


class PageParser(HTMLParser):
    """Collects what a browser would fetch or run from a page."""

    URL_ATTRS = {"src", "href", "srcset", "action", "formaction", "poster", "data", "background",
                 "xlink:href", "manifest", "ping"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []
        self.handlers: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self.styles: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.metas: list[dict[str, str | None]] = []
        self._in: tuple[str, dict[str, str | None]] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attributes = dict(attrs)
        for name, value in attrs:
            if name in self.URL_ATTRS and value is not None:
                self.urls.append((tag, name, value))
            if name.startswith("on"):
                self.handlers.append((tag, name))
        if tag == "meta":
            self.metas.append(attributes)
        if tag in ("script", "style"):
            self._in = (tag, attributes)

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in and self._in[0] == "style":
            self.styles.append(data)
        elif self._in and self._in[0] == "script":
            self.scripts.append((self._in[1], data))


def parse_page(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def page(demo) -> str:
    return render_html(demo, title="demo <b>&")


@pytest.fixture(scope="module")
def parsed(page) -> PageParser:
    return parse_page(page)


def page_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert match, "no data block"
    return json.loads(match.group(1))


# --- the view graph -------------------------------------------------------

@pytest.mark.parametrize(("iri", "cls", "kind", "label_ar", "label_en"), [
    ("actor/iraq", "Country", "actor", "العراق", "Iraq"),
    ("actor/baghdad", "Place", "actor", "بغداد", "Baghdad"),
    ("actor/sami-alkubaisi", "Person", "actor", "سامي الكبيسي", None),
    ("actor/iraqi-delegation", "Organization", "actor", "الوفد العراقي", None),
    ("actor/falcons", "ArmedGroup", "actor", "جماعة الصقور", None),
    ("article/demo-a/event/0", "Agreement", "event", "وقّع", "Agreement"),
    ("article/demo-a/event/1", "Statement", "event", "قال", "Statement"),
    ("article/demo-b/event/0", "Deployment", "event", "نشرت", "Deployment"),
    ("article/demo-b/force/0", "MilitaryForce", "force", None, "300 troops"),
])
def test_viewer_node_class_and_labels(view, iri, cls, kind, label_ar, label_en):
    attrs = view.nodes[ID + iri]
    assert (attrs["cls"], attrs["kind"], attrs["label_ar"], attrs["label_en"]) == (cls, kind, label_ar, label_en)


def test_viewer_node_set_leaves_out_documents_and_ontology(view):
    assert view.number_of_nodes() == 17
    shown = set(view)
    for hidden in ("article/demo-a", "article/demo-a/s0", "article/demo-a/relation/0",
                   "article/demo-a/title/0", "graph/ontology"):
        assert ID + hidden not in shown
    assert not any(node.startswith("https://w3id.org/ankg/ontology#") for node in shown)


@pytest.mark.parametrize(("source", "role", "target"), [
    ("article/demo-a/event/0", "party", "actor/iraq"),
    ("article/demo-a/event/0", "party", "actor/kuwait"),
    ("article/demo-a/event/0", "location", "actor/baghdad"),
    ("article/demo-a/event/1", "speaker", "actor/sami-alkubaisi"),
    ("article/demo-a/event/1", "topic", "article/demo-a/event/0"),
    ("actor/iraqi-delegation", "ledBy", "actor/sami-alkubaisi"),
    ("article/demo-b/event/0", "force", "article/demo-b/force/0"),
    ("article/demo-b/force/0", "forceOf", "actor/turkey"),
    ("article/demo-b/force/0", "location", "actor/north-syria"),
])
def test_viewer_edges_are_roles(view, source, role, target):
    assert view.has_edge(ID + source, ID + target, key=role)
    assert view.edges[ID + source, ID + target, role]["role"] == role


def test_viewer_edge_count(view):
    # 6 in demo-a, 9 in demo-b, 1 in xss-1; owl:sameAs to Wikidata is not an edge.
    assert view.number_of_edges() == 16


@pytest.mark.parametrize(("iri", "articles"), [
    ("actor/iraq", ("demo-a",)),
    ("actor/turkey", ("demo-b",)),
    ("actor/iraqi-delegation", ("demo-a",)),
    ("article/demo-b/force/0", ("demo-b",)),
    ("actor/xss-speaker", ("xss-1",)),
])
def test_viewer_node_articles(view, iri, articles):
    assert view.nodes[ID + iri]["articles"] == articles


def test_viewer_tooltip_has_sentence_article_and_date(view):
    tooltip = view.nodes[ID + "article/demo-a/event/0"]["tooltip"]
    assert "وقّع العراق والكويت في بغداد يوم الأحد اتفاقاً لتنظيم الحدود." in tooltip
    assert "article demo-a «\u2067اتفاق حدودي بين العراق والكويت\u2069», 2021-03-07" in tooltip
    assert "date: 2021-03-07" in tooltip


def test_viewer_relation_edge_has_reified_source(view):
    edge = view.edges[ID + "actor/iraqi-delegation", ID + "actor/sami-alkubaisi", "ledBy"]
    assert edge["articles"] == ("demo-a",)
    assert "سامي الكبيسي رئيس الوفد العراقي" in edge["tooltip"]


def test_viewer_plain_graph_gives_same_view(demo, view):
    union = rdflib.Graph()
    for context in demo.graphs():
        for triple in context:
            union.add(triple)
    plain = build_view_graph(union)
    assert sorted(plain) == sorted(view)
    # Without named graphs the articles come from the provenance alone.
    assert plain.nodes[ID + "actor/turkey"]["articles"] == ("demo-b",)


def test_viewer_untyped_role_object_is_an_actor():
    graph = rdflib.Graph()
    event, actor = rdflib.URIRef(ID + "article/x/event/0"), rdflib.URIRef(ID + "actor/nobody")
    kg = rdflib.Namespace("https://w3id.org/ankg/ontology#")
    graph.add((event, rdflib.RDF.type, kg.Meeting))
    graph.add((event, kg.participant, actor))
    view = build_view_graph(graph)
    assert view.nodes[str(actor)]["cls"] == "Actor"
    assert view.nodes[str(actor)]["label_en"] == "nobody"


# --- labels ---------------------------------------------------------------

@pytest.mark.parametrize(("label_ar", "label_en", "expected"), [
    ("العراق", "Iraq", "\u2067العراق\u2069\nIraq"),
    ("العراق", None, "\u2067العراق\u2069"),
    (None, "Agreement", "Agreement"),
    ("ب" * 50, None, "\u2067" + "ب" * 39 + "…\u2069"),
])
def test_viewer_display_label_isolates_arabic(label_ar, label_en, expected):
    assert display_label(label_ar, label_en) == expected


def test_viewer_every_arabic_label_is_isolated(page):
    for node in page_data(page)["nodes"]:
        first = node["label"].split("\n")[0]
        if any("\u0600" <= ch <= "\u06ff" for ch in first):
            assert first.startswith("\u2067") and first.endswith("\u2069"), node["id"]


# --- the page -------------------------------------------------------------

def test_viewer_page_loads_nothing_external(page, parsed):
    for tag, attr, value in parsed.urls:
        assert not re.match(r"\s*(https?:)?//", value, re.I), (tag, attr, value)
    css = "\n".join(parsed.styles)
    assert "@import" not in css
    for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", css):
        assert url.startswith("data:"), url
    assert "link" not in parsed.tags and "img" not in parsed.tags and "iframe" not in parsed.tags
    assert all(not attrs.get("src") for attrs, _ in parsed.scripts)
    assert not any(m.get("http-equiv", "").lower() == "refresh" for m in parsed.metas)


def test_viewer_page_csp_allows_only_its_own_scripts(parsed):
    csp = next(m["content"] for m in parsed.metas if m.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    code = [data for attrs, data in parsed.scripts if attrs.get("type") != "application/json"]
    assert len(code) == 2
    for script in code:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_viewer_article_text_is_escaped(page, parsed):
    # Three scripts (data, vis, ours), no element or handler from the articles.
    assert [attrs.get("type") for attrs, _ in parsed.scripts] == ["application/json", None, None]
    assert parsed.handlers == []
    for raw in ("<script>window.__xss", "<img src=x", "<svg onload", "<b onmouseover", "</script><script>"):
        assert raw not in page
    assert "<title>demo &lt;b&gt;&amp;</title>" in page
    # The text itself survives, to be shown as text.
    tooltip = next(n["title"] for n in page_data(page)["nodes"] if n["id"].endswith("xss-1/event/0"))
    assert '<img src=x onerror="window.__xss = 2; alert(2)">' in tooltip


def test_viewer_page_has_reading_aids(page):
    data = page_data(page)
    assert [(e["cls"], e["count"]) for e in data["legend"]] == [
        ("Country", 3), ("Person", 2), ("Organization", 2), ("ArmedGroup", 1), ("Place", 2),
        ("MilitaryForce", 1), ("Event", 6)]
    assert [a["id"] for a in data["articles"]] == ["demo-a", "demo-b", "xss-1"]
    assert {e["label"] for e in data["edges"]} >= {"party", "speaker", "topic", "forceOf"}
    for element in ('id="kg-search"', 'id="kg-article"', 'id="kg-legend-list"', 'id="kg-network"'):
        assert element in page


def test_viewer_search_keys_are_normalised(page):
    turkey = next(n for n in page_data(page)["nodes"] if n["id"] == ID + "actor/turkey")
    assert turkey["keys"] == sorted({"تركيا", "turkey", "تركيه"})
    fold = page_data(page)["fold"]
    for char in ("أ", "إ", "آ", "ة", "ى", "\u064e", "\u0640", "٣"):
        assert fold[char] == normalize_ar(char)
    assert fold["\u064e"] == "" and fold["أ"] == "ا"


@pytest.mark.parametrize(("limit", "large", "iterations", "smooth"), [
    (1000, False, 300, {"type": "continuous"}),
    (5, True, 60, False),
])
def test_viewer_large_graphs_bound_physics(demo, limit, large, iterations, smooth):
    data = page_data(render_html(demo, physics_limit=limit))
    assert data["large"] is large
    assert data["options"]["physics"]["stabilization"]["iterations"] == iterations
    assert data["options"]["edges"]["smooth"] == smooth


def test_viewer_output_is_deterministic(demo, tmp_path):
    first = write_viewer(demo, tmp_path / "a.html").read_bytes()
    second = write_viewer(demo, tmp_path / "b.html").read_bytes()
    # The same triples added in another order.
    shuffled = rdflib.Dataset()
    quads = sorted(demo.quads(), key=str)
    random.Random(7).shuffle(quads)
    for s, p, o, g in quads:
        shuffled.graph(g).add((s, p, o))
    third = write_viewer(shuffled, tmp_path / "c.html").read_bytes()
    assert first == second == third


def test_viewer_write_is_atomic(demo, tmp_path):
    target = tmp_path / "out" / "viewer.html"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    assert write_viewer(demo, target) == target
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in target.parent.iterdir()) == ["viewer.html"]


def test_viewer_write_error_leaves_no_temp_file(demo, tmp_path):
    target = tmp_path / "taken"
    target.mkdir()  # a directory where the file should go: os.replace fails
    with pytest.raises(OutputError) as error:
        write_viewer(demo, target)
    assert error.value.code == "E451"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize(("call", "code"), [
    (lambda: build_view_graph("not a graph"), "E452"),
    (lambda: render_html(rdflib.Graph(), physics_limit=-1), "E453"),
])
def test_viewer_errors_have_codes(call, code):
    with pytest.raises(OutputError) as error:
        call()
    assert error.value.code == code and "Fix:" in str(error.value)


def test_viewer_empty_graph_still_writes_a_page(tmp_path):
    data = page_data(write_viewer(rdflib.Graph(), tmp_path / "empty.html").read_text(encoding="utf-8"))
    assert data["nodes"] == [] and data["edges"] == []
