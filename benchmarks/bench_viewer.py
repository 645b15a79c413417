"""Benchmark the HTML viewer on synthetic graphs of 500, 2000 and 5000 nodes.

Prints, per size: the time to build the view graph, the time to write the
page, and the file size. With ``--browser`` it also opens each page in headless
Debian chromium (scripts/install_browser.sh) and prints the time until
vis-network has drawn and stabilised it.

    .venv/bin/python benchmarks/bench_viewer.py [--sizes 500 2000 5000] [--browser]
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS, Literal, Namespace, URIRef

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.viewer import build_view_graph, write_viewer  # noqa: E402

KG = Namespace("https://w3id.org/ankg/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
ID = "https://w3id.org/ankg/id/"
ACTOR_CLASSES = ["Country", "Person", "Organization", "ArmedGroup", "Place"]
EVENT_CLASSES = ["Meeting", "Statement", "Attack", "Deployment", "Agreement"]
ROLES = ["agent", "participant", "party", "speaker", "target", "location"]
WORDS = ["قوات", "وزير", "مجلس", "حكومة", "جيش", "وفد", "لجنة", "مدينة"]


def synthetic(node_count: int, seed: int = 0) -> rdflib.Dataset:
    """About 40% actors, 50% events, 10% forces over node_count / 50 articles."""
    rng = random.Random(seed)
    dataset = rdflib.Dataset()
    actors = [URIRef(f"{ID}actor/a{i}") for i in range(int(node_count * 0.4))]
    article_count = max(1, node_count // 50)
    event_count = int(node_count * 0.5)
    force_count = node_count - len(actors) - event_count
    graphs = [dataset.graph(URIRef(f"{ID}graph/art{a}")) for a in range(article_count)]
    for index, actor in enumerate(actors):
        g = graphs[index % article_count]
        g.add((actor, RDF.type, KG[rng.choice(ACTOR_CLASSES)]))
        g.add((actor, RDFS.label, Literal(f"{rng.choice(WORDS)} {index}", lang="ar")))
        g.add((actor, RDFS.label, Literal(f"Actor {index}", lang="en")))
    for a, g in enumerate(graphs):
        article = URIRef(f"{ID}article/art{a}")
        g.add((article, RDF.type, KG.Article))
        g.add((article, DCTERMS.title, Literal(f"مقال {a}", lang="ar")))
    for index in range(event_count + force_count):
        a = index % article_count
        g = graphs[a]
        sentence = URIRef(f"{ID}article/art{a}/s{index}")
        g.add((sentence, RDF.type, KG.Sentence))
        g.add((sentence, DCTERMS.isPartOf, URIRef(f"{ID}article/art{a}")))
        g.add((sentence, KG.text, Literal(f"جملة رقم {index} عن {rng.choice(WORDS)}.")))
        if index < event_count:
            node = URIRef(f"{ID}article/art{a}/event/{index}")
            g.add((node, RDF.type, KG[rng.choice(EVENT_CLASSES)]))
            for _ in range(2):
                g.add((node, KG[rng.choice(ROLES)], rng.choice(actors)))
        else:
            node = URIRef(f"{ID}article/art{a}/force/{index}")
            g.add((node, RDF.type, KG.MilitaryForce))
            g.add((node, KG.forceOf, rng.choice(actors)))
            g.add((node, KG.troopCount, Literal(rng.randrange(100, 5000))))
        g.add((node, PROV.wasDerivedFrom, sentence))
    return dataset


def browser_seconds(page: Path) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic"])
        tab = browser.new_page(viewport={"width": 1400, "height": 900})
        start = time.perf_counter()
        tab.goto(page.as_uri())
        # Polled with evaluate: wait_for_function uses eval, which the page's CSP forbids.
        while not tab.evaluate("!!(window.kgViewer && window.kgViewer.state.stabilized"
                               " && window.kgViewer.state.drawn)"):
            tab.wait_for_timeout(50)
        seconds = time.perf_counter() - start
        browser.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--physics-limit", type=int, default=1000)
    parser.add_argument("--browser", action="store_true", help="also time the page in chromium")
    args = parser.parse_args()
    print(f"{'nodes':>6} {'edges':>6} {'view s':>7} {'write s':>8} {'MiB':>6}" + ("  browser s" if args.browser else ""))
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            dataset = synthetic(size)
            start = time.perf_counter()
            view = build_view_graph(dataset)
            view_seconds = time.perf_counter() - start
            start = time.perf_counter()
            page = write_viewer(dataset, Path(tmp) / f"viewer-{size}.html", physics_limit=args.physics_limit)
            write_seconds = time.perf_counter() - start
            line = (f"{view.number_of_nodes():>6} {view.number_of_edges():>6} {view_seconds:>7.2f} "
                    f"{write_seconds:>8.2f} {page.stat().st_size / 2**20:>6.2f}")
            if args.browser:
                line += f"  {browser_seconds(page):>9.2f}"
            print(line, flush=True)


if __name__ == "__main__":
    main()
