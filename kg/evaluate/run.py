"""``evaluate`` (gold files against an outputs folder) and the ``kg eval``
command.
"""
from __future__ import annotations

import glob
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import EvalError
from .gold import load_gold
from .graphs import _Outputs
from .match import score_article
from .report import FactResult, Report, format_report


def evaluate(gold_paths: Sequence[Path], outputs: Path, *, ontology: Path | None = None) -> Report:
    """Score every gold file against the built graph in ``outputs``.

    ``outputs`` is a directory holding ``graph.trig`` (each article is scored
    against its named graph ``kgr:graph/<id>`` plus ``kgr:graph/ontology``), or
    ``articles/<id>.ttl``, or ``graph.ttl``; or a single ``.ttl``/``.trig`` file,
    against whose whole graph every article is scored. ``ontology`` forces the
    file the class hierarchy is read from (default: the graph's own subclass
    triples, else :func:`default_ontology_path`).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     try:
    ...         evaluate([], Path(tmp))
    ...     except EvalError as err:
    ...         print(err.code)
    E702
    """
    golds = [load_gold(Path(p)) for p in gold_paths]
    source = _Outputs(Path(outputs), None if ontology is None else Path(ontology))
    results: list[FactResult] = []
    for gold in golds:
        graph, missing = source.graph_for(gold["article"])
        results += score_article(gold, graph, hierarchy=source.hierarchy(graph), missing=missing)
    return Report(results)


def _expand(patterns: Iterable[str]) -> list[Path]:
    """Shell-style globs and directories of gold files, for shells that do not expand."""
    paths: list[Path] = []
    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            paths += sorted(path.glob("*.json"))
        elif not path.exists() and glob.has_magic(pattern):
            paths += [Path(p) for p in sorted(glob.glob(pattern))]
        else:
            paths.append(path)
    return paths


def run_eval(gold: list[str], outputs: str, min_recall: float | None = None, *, verbose: bool = True) -> int:
    """``kg eval``: print the report; return 0, 1 when total recall is below
    ``min_recall``, or 2 when the inputs cannot be read.

    >>> run_eval(["/nonexistent/gold.json"], ".")
    2
    """
    try:
        paths = _expand(gold)
        if not paths:
            raise EvalError("E705", f"no gold files match {' '.join(gold)}",
                            fix="pass gold JSON files or a directory holding them")
        report = evaluate(paths, Path(outputs))
    except EvalError as err:
        print(err, file=sys.stderr)
        return 2
    print(format_report(report, verbose=verbose))
    if min_recall is not None and report.recall() < min_recall:
        print(f"total recall {report.recall():.3f} is below --min-recall {min_recall}", file=sys.stderr)
        return 1
    return 0
