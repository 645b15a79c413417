"""Rule-layer throughput on cached parses: how many sentences per second the
extraction (every step after parsing) handles.

    .venv/bin/python benchmarks/corpus_jsonl.py --articles 390 -o /tmp/c390.jsonl
    tail -150 /tmp/c390.jsonl > /tmp/c150.jsonl
    KG_CACHE_DIR=/tmp/pc .venv/bin/kg run /tmp/c150.jsonl -o /tmp/c150      # fills the parse cache
    KG_CACHE_DIR=/tmp/pc .venv/bin/python benchmarks/bench_rules.py /tmp/c150.jsonl

INPUT is anything ``kg run`` reads. Parses come from the parse cache
(``$KG_CACHE_DIR`` or ``~/.cache/kg/parses``; ``--cache-dir`` overrides it);
articles not in it are parsed first, outside the timing. The rules run
``--repeat`` times (default 2) over all documents and the best time is
printed. To compare two commits, run the script of one checkout with
``PYTHONPATH`` set to the other. Not a test: figures only.
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from kg.cache import ParseCache
from kg.extract import RuleSet
from kg.ingest import read_articles
from kg.nlp import Parser, default_model_dir
from kg.pipeline import parse_documents


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", nargs="+", type=Path)
    ap.add_argument("--cache-dir", type=Path,
                    default=Path(os.environ.get("KG_CACHE_DIR") or Path.home() / ".cache" / "kg" / "parses"))
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    failures: list = []
    articles = list(read_articles(args.input, failures))
    parser = Parser(default_model_dir())
    docs = parse_documents(articles, parser, ParseCache(args.cache_dir, parser.fingerprint), failures,
                           progress=False)
    sentences = sum(len(d.sentences) for d in docs)
    rules = RuleSet.load()
    best = float("inf")
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        for doc in docs:
            rules.extract(doc)
        best = min(best, time.perf_counter() - t0)
    print(f"articles: {len(docs)} ({len(failures)} failed), sentences: {sentences}")
    print(f"rules (cached parses): {best:8.2f} s  {sentences / best:8.1f} sentences/s (best of {args.repeat})")


if __name__ == "__main__":
    main()
