"""Write articles of ../shared/corpus/saudinewsnet as a .jsonl file that `kg run` reads,
to build a graph from the corpus (for bench_query.py and robustness checks).

    .venv/bin/python benchmarks/corpus_jsonl.py --articles 300 -o /tmp/corpus300.jsonl
    .venv/bin/kg run /tmp/corpus300.jsonl -o /tmp/corpus300
    .venv/bin/python benchmarks/bench_query.py --graph /tmp/corpus300/graph.trig --articles 3000

The corpus is never copied into the project: write the file outside it (or under outputs/).
"""
from __future__ import annotations

import argparse
import json
import os
import zipfile
from pathlib import Path

SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300, help="how many articles, in corpus order")
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    n = 0
    tmp = args.output.with_suffix(args.output.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for zpath in sorted((SHARED / "corpus" / "saudinewsnet").glob("*.zip")):
            with zipfile.ZipFile(zpath) as zf:
                for name in sorted(zf.namelist()):
                    for i, rec in enumerate(json.loads(zf.read(name).decode("utf-8"))):
                        if n == args.articles:
                            break
                        out.write(json.dumps({"id": f"{zpath.stem}-{i}", "text": rec.get("content") or "",
                                              "title": rec.get("title"), "source": rec.get("source"),
                                              "url": rec.get("url")}, ensure_ascii=False) + "\n")
                        n += 1
    os.replace(tmp, args.output)
    print(f"wrote {n} articles to {args.output}")


if __name__ == "__main__":
    main()
