"""The ``kg query`` and ``kg load`` commands, and :func:`run_query`, which
both the command line and the tests use.
"""
from __future__ import annotations

import io
from pathlib import Path

from ..errors import QueryError
from .base import FORMATS, STORE_DIRNAME
from .results import format_answer
from .sparql import execute, list_named_queries, read_answer, resolve_query
from .store import build_store, open_store


def run_query(source: Path, query: str, *, fmt: str = "table", limit: int | None = None) -> str:
    """Run ``query`` (SPARQL text, a ``.rq`` path or a named query) against
    ``source`` and return the answer as text: a table, CSV or SPARQL JSON for
    SELECT; yes/no for ASK; Turtle for CONSTRUCT and DESCRIBE.

    >>> from kg.query import EXAMPLE
    >>> run_query(EXAMPLE, "SELECT ?n WHERE { ?f kg:troopCount ?n }", fmt="csv")
    'n\\r\\n2500\\r\\n'
    >>> run_query(EXAMPLE, "ASK { ?x a/rdfs:subClassOf* kg:Meeting }")
    'yes'
    """
    if fmt not in FORMATS:
        raise QueryError("E508", f"unknown format {fmt!r}", fix=f"use one of {', '.join(FORMATS)}")
    if limit is not None and limit < 0:
        raise QueryError("E509", f"the limit must be 0 or more, not {limit}", fix="give --limit N with N >= 0")
    text = resolve_query(query)
    store = open_store(Path(source))
    return format_answer(read_answer(execute(store, text), limit), fmt)


def query_command(source: Path | None, query: str | None, *, fmt: str = "table",
                  limit: int | None = None, list_queries: bool = False,
                  out: io.TextIOBase | None = None) -> int:
    """``kg query``: print the answer, or the named queries with ``--list``.
    Returns the exit code (0, or 2 on a query error, which goes to stderr).

    >>> query_command(None, None, list_queries=True, out=io.StringIO())
    0
    """
    import sys

    out = out or sys.stdout
    try:
        if list_queries:
            named = list_named_queries()
            width = max((len(name) for name, _ in named), default=0)
            for name, title in named:
                print(f"{name.ljust(width)}  {title}", file=out)
            return 0
        if source is None or query is None:
            raise QueryError("E518", "a source and a query are needed",
                             fix="run `kg query outputs/ agreements`, or `kg query --list`")
        print(run_query(source, query, fmt=fmt, limit=limit), file=out)
        return 0
    except QueryError as err:
        print(err, file=sys.stderr)
        return 2


def load_command(outputs: Path) -> int:
    """``kg load outputs/``: (re)build ``outputs/store`` from ``graph.trig``.

    >>> import shutil, tempfile
    >>> from kg.query import EXAMPLE
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = shutil.copy(EXAMPLE, Path(tmp) / "graph.trig")
    ...     load_command(Path(tmp))
    0
    """
    import sys

    outputs = Path(outputs)
    try:
        store_dir = build_store(outputs / "graph.trig", outputs / STORE_DIRNAME)
    except QueryError as err:
        print(err, file=sys.stderr)
        return 2
    print(f"store: {store_dir}", file=sys.stderr)
    return 0
