"""Recall of the graph against every visible gold file, broken down.

Usage::

    .venv/bin/python benchmarks/eval_recall.py --outputs outputs/      # score a built outputs folder
    .venv/bin/python benchmarks/eval_recall.py --build                 # build seeds + devset first
    .venv/bin/python benchmarks/eval_recall.py --build --failures --json /tmp/recall.json

``--outputs DIR`` is an outputs folder of ``kg run`` (``graph.trig`` with one
named graph per article; ``articles/`` or ``graph.ttl`` work too, as for
``kg eval``). ``--build`` runs the pipeline itself on ``$KG_SHARED/seeds`` and
``$KG_SHARED/devset`` (``KG_SHARED`` defaults to ``<repo>/../shared``) into a
temporary folder, with ``SOURCE_DATE_EPOCH`` fixed (1764000000 unless already
set) and the default parse cache (``$KG_CACHE_DIR`` or ``~/.cache/kg/parses``;
``--cache-dir`` overrides it). ``--gold`` takes gold files or folders of them
(default: every ``*.json`` under ``$KG_SHARED/gold``).

Each article is scored against its own named graph by
:func:`kg.evaluate.evaluate` (the same matching as ``kg eval``). Printed:
recall overall; per split (*seed*: gold files whose name does not start with
``dev-``; *dev*: ``dev-*``); per fact kind; for event facts, per event type;
the number of absent-fact violations; with ``--failures``, every failing fact
with its detail. An event fact is counted under the type of the top-level
fact (``fact["type"]`` in the gold file), not under the type of a nested
``topic``. Absent facts count like any other (they hold when the graph does
not satisfy them), as in ``kg eval``.

The output is deterministic (gold files are read in sorted order, tables are
sorted); ``--json FILE`` writes the same figures as JSON, to compare runs.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.errors import KGError  # noqa: E402
from kg.evaluate import KINDS, Report, evaluate  # noqa: E402

DEFAULT_EPOCH = "1764000000"


def shared_dir() -> Path:
    return Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))


def gold_paths(given: list[str] | None) -> list[Path]:
    """Gold JSON files: the ones given (files or folders), else ``$KG_SHARED/gold/*.json``; sorted."""
    sources = [Path(g) for g in given] if given else [shared_dir() / "gold"]
    paths: set[Path] = set()
    for source in sources:
        if source.is_dir():
            paths.update(p for p in source.glob("*.json"))
        elif source.is_file():
            paths.add(source)
        else:
            raise SystemExit(f"eval_recall: no gold file or folder {source}")
    if not paths:
        raise SystemExit(f"eval_recall: no *.json gold files in {', '.join(map(str, sources))}")
    return sorted(paths, key=lambda p: (p.name, str(p)))


def split_of(path: Path) -> str:
    return "dev" if path.name.startswith("dev-") else "seed"


def build(out_dir: Path, cache_dir: Path | None) -> None:
    """``kg run`` on the seeds and the dev set, quietly (its summary goes to stderr)."""
    from kg.config import load_config
    from kg.pipeline import RunOptions, run

    os.environ.setdefault("SOURCE_DATE_EPOCH", DEFAULT_EPOCH)
    inputs = [shared_dir() / "seeds", shared_dir() / "devset"]
    missing = [str(p) for p in inputs if not p.is_dir()]
    if missing:
        raise SystemExit(f"eval_recall: --build needs {', '.join(missing)} (set KG_SHARED)")
    config = load_config()
    summary = run(inputs, out_dir, config, RunOptions(cache_dir=cache_dir, viewer=False, store=False,
                                                      progress=False))
    print(f"built {out_dir} (SOURCE_DATE_EPOCH={os.environ['SOURCE_DATE_EPOCH']}):", file=sys.stderr)
    print(summary.format(), file=sys.stderr)
    if not summary.articles:
        raise SystemExit("eval_recall: the build processed no article")


def _counts(passed: int, total: int) -> dict:
    return {"passed": passed, "total": total, "recall": round(passed / total, 4) if total else 0.0}


def figures(report: Report, golds: list[Path]) -> dict:
    """Every figure the script prints, as plain data."""
    split_by_article: dict[str, str] = {}
    type_by_fact: dict[tuple[str, str], str] = {}
    for path in golds:
        data = json.loads(path.read_text(encoding="utf-8"))
        split_by_article[data["article"]] = split_of(path)
        for fact in data["facts"]:
            if fact["kind"] == "event":
                type_by_fact[(data["article"], fact["id"])] = fact["type"].removeprefix("kg:")

    def tally(key) -> dict[str, dict]:
        passed: Counter = Counter()
        total: Counter = Counter()
        for r in report.results:
            k = key(r)
            if k is None:
                continue
            total[k] += 1
            passed[k] += r.passed
        return {k: _counts(passed[k], total[k]) for k in sorted(total)}

    kinds = tally(lambda r: r.kind)
    kinds = {k: kinds[k] for k in KINDS if k in kinds} | {k: v for k, v in kinds.items() if k not in KINDS}
    splits = tally(lambda r: split_by_article.get(r.article, "seed"))
    event_types = tally(lambda r: type_by_fact.get((r.article, r.fact_id)) if r.kind == "event" else None)
    articles = tally(lambda r: r.article)
    no_graph = sorted({r.article for r in report.results if r.detail.startswith("no named graph ")
                       or (not r.passed and r.detail.startswith("no ") and r.detail.endswith(".ttl"))})
    failures = [{"article": r.article, "fact_id": r.fact_id, "kind": r.kind,
                 "type": type_by_fact.get((r.article, r.fact_id)), "absent": r.absent,
                 "question": r.question, "detail": r.detail}
                for r in report.results if not r.passed]
    return {
        "gold_files": len(golds),
        "overall": _counts(sum(r.passed for r in report.results), len(report.results)),
        "splits": {k: splits[k] for k in ("seed", "dev") if k in splits},
        "kinds": kinds,
        "event_types": dict(sorted(event_types.items(), key=lambda kv: (-kv[1]["total"], kv[0]))),
        "absent": {"facts": sum(r.absent for r in report.results),
                   "violations": len(report.absent_violations),
                   "violated": [f"{r.article}:{r.fact_id}" for r in report.absent_violations]},
        "articles": articles,
        "articles_without_graph": no_graph,
        "failures": failures,
    }


def _row(name: str, c: dict, width: int) -> str:
    share = f"{100 * c['recall']:5.1f}%" if c["total"] else "    -"
    return f"  {name:<{width}} {c['passed']:>4}/{c['total']:<4} {share}"


def format_figures(fig: dict, *, failures: bool, per_article: bool) -> str:
    lines = [f"recall over {fig['gold_files']} gold files "
             f"(each article against its own named graph)", ""]
    o = fig["overall"]
    lines.append(f"overall      {o['passed']}/{o['total']} = {o['recall']:.3f}")
    lines.append("")
    for title, table, note in (
            ("per split", fig["splits"], "seed = gold files not starting with dev-, dev = dev-*"),
            ("per fact kind", fig["kinds"], "absent facts included; they hold when the graph lacks them"),
            ("per event type", fig["event_types"], "type of the top-level fact; nested topics not counted "
                                                   "under their own type"),
            *((("per article", fig["articles"], ""),) if per_article else ())):
        lines.append(f"{title}" + (f" ({note})" if note else ""))
        width = max([len(k) for k in table] + [8])
        lines += [_row(k, c, width) for k, c in table.items()]
        lines.append("")
    a = fig["absent"]
    lines.append(f"absent-fact violations: {a['violations']} (of {a['facts']} absent facts)"
                 + (f": {', '.join(a['violated'])}" if a["violated"] else ""))
    if fig["articles_without_graph"]:
        lines.append(f"articles without a graph: {', '.join(fig['articles_without_graph'])}")
    if failures:
        lines.append("")
        lines.append(f"failing facts ({len(fig['failures'])})")
        for f in fig["failures"]:
            what = f["kind"] + (f":{f['type']}" if f["type"] else "") + (" (absent)" if f["absent"] else "")
            lines.append(f"  FAIL {f['article']}:{f['fact_id']}  [{what}]  {f['question']}")
            lines.append(f"       {f['detail']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--outputs", type=Path, help="an outputs folder of kg run (or a .trig/.ttl file)")
    source.add_argument("--build", action="store_true",
                        help="run the pipeline on $KG_SHARED/seeds and $KG_SHARED/devset first")
    parser.add_argument("--gold", nargs="+", metavar="PATH",
                        help="gold files or folders (default: $KG_SHARED/gold/*.json)")
    parser.add_argument("--cache-dir", type=Path, help="parse cache for --build (default: kg's default)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="with --build: build into DIR and keep it")
    parser.add_argument("--failures", action="store_true", help="list every failing fact with its detail")
    parser.add_argument("--per-article", action="store_true", help="also print recall per article")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures as JSON")
    args = parser.parse_args(argv)

    golds = gold_paths(args.gold)
    try:
        if args.build:
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                build(args.keep, args.cache_dir)
                report = evaluate(golds, args.keep)
            else:
                with tempfile.TemporaryDirectory(prefix="kg-eval-recall-") as tmp:
                    build(Path(tmp), args.cache_dir)
                    report = evaluate(golds, Path(tmp))
        else:
            report = evaluate(golds, args.outputs)
    except KGError as err:  # EvalError, or a rule/model error of the build
        print(err, file=sys.stderr)
        return 2
    fig = figures(report, golds)
    print(format_figures(fig, failures=args.failures, per_article=args.per_article))
    if args.json:
        args.json.write_text(json.dumps(fig, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
