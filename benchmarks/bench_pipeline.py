"""Pipeline throughput on SaudiNewsNet articles (../shared/corpus): parsing
with Stanza versus the rule layer on cached parses, and graph building.

    .venv/bin/python benchmarks/bench_pipeline.py --articles 200

Prints figures measured in one run, and their ratios. Not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
import zipfile
from pathlib import Path

from kg.cache import ParseCache
from kg.config import load_config
from kg.graph import add_article, new_dataset
from kg.ingest import Failure, make_article
from kg.nlp import Parser
from kg.pipeline import parse_documents
from kg.extract import RuleSet

SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def corpus_articles(limit: int):
    """The first ``limit`` readable articles of the corpus, in file order."""
    out, failures = [], []
    for zpath in sorted((SHARED / "corpus" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(zpath) as zf:
            for name in sorted(zf.namelist()):
                for n, record in enumerate(json.loads(zf.read(name).decode("utf-8"))):
                    try:
                        out.append(make_article(f"{zpath.stem}-{n}", record.get("content") or "",
                                                source=f"{zpath.name}:{n}", meta={"title": record.get("title")}))
                    except Exception as exc:  # noqa: BLE001 - counted, not fatal
                        failures.append(Failure(f"{zpath.name}:{n}", "E1xx", str(exc)))
                    if len(out) == limit:
                        return out, failures
    return out, failures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=100)
    args = ap.parse_args()
    articles, failures = corpus_articles(args.articles)
    print(f"articles: {len(articles)} read, {len(failures)} skipped by ingest")
    parser = Parser(load_config().models)
    with tempfile.TemporaryDirectory() as tmp:
        cache = ParseCache(Path(tmp), parser.fingerprint)
        parser._load()  # model loading is not part of the throughput figure
        t0 = time.perf_counter()
        docs = parse_documents(articles, parser, cache, failures, progress=False)
        parse_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        docs = parse_documents(articles, parser, cache, failures, progress=False)
        cached_s = time.perf_counter() - t0
    sentences = sum(len(d.sentences) for d in docs)
    rules = RuleSet.load()
    t0 = time.perf_counter()
    all_facts = [rules.extract(d) for d in docs]
    rules_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ds = new_dataset()
    for facts in all_facts:
        add_article(ds, facts)
    graph_s = time.perf_counter() - t0
    n_facts = sum(len(f.events) + len(f.forces) + len(f.titles) + len(f.relations) for f in all_facts)
    print(f"sentences: {sentences}, facts: {n_facts}")
    print(f"parse (Stanza):        {parse_s:8.2f} s  {sentences / parse_s:8.1f} sentences/s")
    print(f"load cached parses:    {cached_s:8.2f} s  {sentences / cached_s:8.1f} sentences/s")
    print(f"rules (cached parses): {rules_s:8.2f} s  {sentences / rules_s:8.1f} sentences/s")
    print(f"graph building:        {graph_s:8.2f} s  {sentences / graph_s:8.1f} sentences/s")
    print(f"ratio parse / rules: {parse_s / rules_s:.1f}x; parse / cache load: {parse_s / cached_s:.1f}x")


if __name__ == "__main__":
    main()
