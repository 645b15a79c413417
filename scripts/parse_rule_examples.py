"""Parse every text the rule tests use with Stanza and commit the parses.

    .venv/bin/python scripts/parse_rule_examples.py

Collects the examples of the rule files (pipelines/rules/*.yaml: event
match / no_match / role examples, title, relation and cue examples) and the
sentences of tests/data/rule_cases.yaml, parses them in batches with
``kg.nlp.Parser(default_model_dir())`` and writes one CoNLL-U file per source
under tests/data/rule_examples/ (the format is described in
tests/parsed_examples.py). Files of sources that no longer exist are removed.
Run it after changing an example, or when the models change
(``pytest -m models tests/test_rules.py`` says so).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import parsed_examples as px  # noqa: E402

from kg.nlp import Parser, default_model_dir, stanza_version  # noqa: E402


def main() -> int:
    groups = px.example_texts()
    texts = [t for group in groups.values() for t in group]
    started = time.perf_counter()
    parser = Parser(default_model_dir())
    parses = px.parse_all(parser, texts)
    bad = [t for t, doc in parses.items() if not px.round_trips(doc)]
    if bad:
        for text in bad:
            print(f"CoNLL-U does not round-trip: {px.example_id(text)} {text}", file=sys.stderr)
        return 1
    px.PARSES_DIR.mkdir(parents=True, exist_ok=True)
    version = stanza_version()
    wanted = set()
    for group, group_texts in groups.items():
        path = px.PARSES_DIR / f"{group}.conllu"
        wanted.add(path)
        content = px.render(group, {t: parses[t] for t in group_texts}, version)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if content != old:
            path.write_text(content, encoding="utf-8", newline="\n")
        print(f"{path.relative_to(ROOT)}: {len(group_texts)} examples"
              f"{'' if content != old else ' (unchanged)'}")
    for path in sorted(px.PARSES_DIR.glob("*.conllu")):
        if path not in wanted:
            path.unlink()
            print(f"{path.relative_to(ROOT)}: removed (no such source)")
    print(f"{len(parses)} texts parsed in {time.perf_counter() - started:.1f}s "
          f"with the models in {parser.model_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
