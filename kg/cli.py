"""The ``kg`` command line.

    kg run [INPUT ...] [-o outputs/]      build the graph
    kg query SOURCE QUERY                 SPARQL over the graph
    kg eval --gold GOLD... OUTPUTS        score against gold facts
    kg dates "TEXT" [--published DATE]    find and normalise time expressions
    kg validate OUTPUTS                   SHACL validation
    kg load OUTPUTS                       build the query store
    kg serve OUTPUTS                      SPARQL endpoint + viewer
    kg cache clear                        delete cached parses
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import re
import sys
import traceback
from pathlib import Path

from . import __version__
from .errors import EvalError, KGError, OutputError, QueryError, UsageError


def _add_run(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="turn articles into a graph",
                       description="Read articles (.txt files, directories, .jsonl), parse them with Stanza, "
                                   "apply the rules and write Turtle/TriG, the HTML viewer and the query store.")
    p.add_argument("inputs", nargs="*", type=Path, metavar="INPUT",
                   help="a .txt file, a directory of them, or a .jsonl file (default: ../shared/seeds "
                        "when it exists, else the shipped example)")
    p.add_argument("-o", "--output", type=Path, default=None, help="output directory (default: outputs/)")
    p.add_argument("--models", type=Path, default=None, help="Stanza resources directory (holds resources.json)")
    p.add_argument("--download", action="store_true", help="download the official Arabic models first (needs internet)")
    p.add_argument("--no-cache", action="store_true", help="parse again even when a cached parse exists")
    p.add_argument("--cache-dir", type=Path, default=None, help="parse cache directory (default: ~/.cache/kg/parses)")
    p.add_argument("--format", dest="formats", action="append", choices=["jsonld", "nquads"], default=[],
                   help="also write graph.jsonld / graph.nq (repeatable)")
    p.add_argument("--no-viewer", action="store_true", help="skip graph.html")
    p.add_argument("--no-store", action="store_true", help="skip building outputs/store for kg query")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Arabic news articles → knowledge graph.")
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars, only errors and the summary")
    parser.add_argument("--config", type=Path, default=None, help="pipeline config (default: pipelines/default.toml)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_run(sub)

    q = sub.add_parser("query", help="run a SPARQL query over the graph")
    q.add_argument("source", type=Path, nargs="?", help="outputs dir, .ttl/.trig file or store dir")
    q.add_argument("query", nargs="?", help="SPARQL string, a .rq file, or the name of a query in ontology/queries/")
    q.add_argument("--format", dest="fmt", choices=["table", "csv", "json"], default="table")
    q.add_argument("--limit", type=int, default=None, help="show at most N rows")
    q.add_argument("--list", action="store_true", help="list the named queries and exit")

    e = sub.add_parser("eval", help="score the graph against gold facts (../shared/gold/FORMAT.md)")
    e.add_argument("--gold", nargs="+", required=True, help="gold JSON files (or a directory)")
    e.add_argument("outputs", nargs="?", help="outputs directory (or a .ttl/.trig file); may also come last after --gold")
    e.add_argument("--min-recall", type=float, default=None, help="exit 1 when total recall is below this")

    d = sub.add_parser("dates", help="print the time expressions in TEXT as JSON lines")
    d.add_argument("text", help="Arabic text")
    d.add_argument("--published", default=None, help="publication date YYYY-MM-DD (anchors relative dates)")

    v = sub.add_parser("validate", help="check the graph against ontology/shapes.ttl (SHACL)")
    v.add_argument("outputs", type=Path, nargs="?", default=None, help="outputs directory (default: outputs/)")

    ld = sub.add_parser("load", help="(re)build outputs/store from outputs/graph.trig")
    ld.add_argument("outputs", type=Path, nargs="?", default=None)

    s = sub.add_parser("serve", help="serve a read-only SPARQL endpoint and the viewer")
    s.add_argument("outputs", type=Path, nargs="?", default=None)
    s.add_argument("--host", default=None, help="bind address (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=None, help="port (default 8000)")

    c = sub.add_parser("cache", help="manage the parse cache")
    c.add_argument("action", choices=["clear", "path"])
    c.add_argument("--cache-dir", type=Path, default=None)
    return parser


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit status. Usage errors exit through argparse
    (status 2); a failure is one line on stderr, never a traceback (``-vv`` adds
    the traceback of an internal error).

    >>> main(["dates", "أمس", "--published", "2021-06-05"])
    {"text": "أمس", "start": 0, "end": 3, "value": "2021-06-04", "precision": "day", \
"earliest": "2021-06-04", "latest": "2021-06-04", "anchor": "2021-06-05", "kind": "DATE", "note": null}
    0
    """
    args = build_parser().parse_args(argv)
    _setup_logging(args.verbose, args.quiet)
    try:
        return _dispatch(args)
    except KGError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `kg query … | head`
        sys.stderr.close()
        return 0
    except Exception as exc:  # noqa: BLE001 - the last resort: a bug, not a traceback for the user
        if args.verbose >= 2:
            traceback.print_exc()
        print(f"error: [E901] internal error: {exc!r}; please report this (run with -vv for the traceback)",
              file=sys.stderr)
        return 2


def parse_published(value: str) -> dt.date:
    """The ``--published`` date, written YYYY-MM-DD (years 0001-9999).

    >>> parse_published("0001-01-01")
    datetime.date(1, 1, 1)
    >>> parse_published("yesterday")
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: [E606] cli: --published 'yesterday' is not a date written YYYY-MM-DD. \
Fix: give the publication date as YYYY-MM-DD, e.g. --published 2021-06-05
    """
    fix = "give the publication date as YYYY-MM-DD, e.g. --published 2021-06-05"
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise UsageError("E606", f"--published {value!r} is not a date written YYYY-MM-DD", fix=fix)
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:  # 2021-02-30, 0000-01-01
        raise UsageError("E606", f"--published {value!r} is not a date: {exc}", fix=fix) from exc


def check_directory(path: Path, code: str, what: str) -> None:
    """Refuse a directory to write to that is a file, or lies under one, before any work.

    >>> check_directory(Path("/dev/null/x"), "E607", "output directory")
    Traceback (most recent call last):
    ...
    kg.errors.OutputError: [E607] outputs: the output directory /dev/null/x lies under /dev/null, \
which is not a directory. Fix: give a directory path (-o DIR)
    """
    fix = "give a directory path (-o DIR)" if code == "E607" else "give a directory path (--cache-dir DIR)"
    if path.exists() and not path.is_dir():
        raise OutputError(code, f"the {what} {path} is a file, not a directory", fix=fix)
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(code, f"the {what} {path} lies under {parent}, which is not a directory",
                                  fix=fix)
            return


def check_port(port: int) -> int:
    """The endpoint's port: 0 (any free port) to 65535.

    >>> check_port(65536)
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: [E609] cli: the port 65536 is not a number from 0 to 65535. \
Fix: give --port N (or [serve] port in the config) with 0 <= N <= 65535; 0 picks a free port
    """
    if not 0 <= port <= 65535:
        raise UsageError("E609", f"the port {port} is not a number from 0 to 65535",
                         fix="give --port N (or [serve] port in the config) with 0 <= N <= 65535; "
                             "0 picks a free port")
    return port


def _dispatch(args: argparse.Namespace) -> int:
    from .config import load_config

    config = load_config(args.config)
    out_default = config.output_dir
    if args.command == "run":
        return _run(args, config)
    if args.command == "query":
        from .query import list_named_queries, run_query, resolve_query

        if args.list:
            for name, title in list_named_queries():
                print(f"{name:24} {title}")
            return 0
        if args.source is None or args.query is None:
            raise QueryError("E518", "kg query needs SOURCE and QUERY",
                             fix="run `kg query outputs/ agreements`, or `kg query --list`")
        print(run_query(args.source, resolve_query(args.query), fmt=args.fmt, limit=args.limit))
        return 0
    if args.command == "eval":
        from .evaluate import run_eval

        if args.outputs is None:  # `--gold a.json b.json outputs/`: argparse gave the directory to --gold
            if len(args.gold) < 2 or args.gold[-1].endswith(".json"):
                raise EvalError("E611", "kg eval needs an OUTPUTS directory after the gold files",
                                fix="run `kg eval --gold GOLD... outputs/`")
            args.outputs = args.gold.pop()
        if args.min_recall is not None and not 0 <= args.min_recall <= 1:
            raise UsageError("E612", f"--min-recall {args.min_recall} is not a number from 0 to 1",
                             fix="give --min-recall R with 0 <= R <= 1, e.g. --min-recall 0.5")
        return run_eval(args.gold, args.outputs, args.min_recall, verbose=not args.quiet)
    if args.command == "dates":
        from .dates import find_dates

        published = parse_published(args.published) if args.published is not None else None
        for expr in find_dates(args.text, published):
            print(json.dumps(expr.as_dict(), ensure_ascii=False))
        return 0
    if args.command == "validate":
        from .validate import validate_command

        return validate_command(args.outputs or out_default)
    if args.command == "load":
        from .query import build_store

        outputs = args.outputs or out_default
        print(build_store(outputs / "graph.trig", outputs / "store"))
        return 0
    if args.command == "serve":
        from .serve import serve

        port = check_port(args.port if args.port is not None else int(config.serve["port"]))
        serve(args.outputs or out_default, host=args.host or config.serve["host"],
              port=port, timeout_s=float(config.serve["timeout_s"]),
              result_limit=int(config.serve["result_limit"]))
        return 0
    if args.command == "cache":
        from .cache import DEFAULT_DIR, ParseCache

        directory = args.cache_dir or config.cache_dir or DEFAULT_DIR
        if args.action == "path":
            print(directory)
            return 0
        removed = ParseCache(directory, "").clear()
        print(f"removed {removed} cached parses from {directory}")
        return 0
    raise AssertionError(args.command)  # argparse only allows the commands above


def _run(args: argparse.Namespace, config) -> int:
    from .pipeline import RunOptions, run

    inputs = args.inputs or config.input_paths()
    out_dir = args.output or config.output_dir
    check_directory(Path(out_dir), "E607", "output directory")
    if args.cache_dir or config.cache_dir:
        check_directory(Path(args.cache_dir or config.cache_dir), "E608", "parse cache directory")
    options = RunOptions(models=args.models, download=args.download, use_cache=not args.no_cache,
                         cache_dir=args.cache_dir, formats=tuple(args.formats), viewer=not args.no_viewer,
                         store=not args.no_store, progress=not args.quiet and sys.stderr.isatty())
    summary = run(inputs, out_dir, config, options)
    print(summary.format())
    if summary.articles == 0:
        print("error: no article could be processed (see the skipped lines above and failures.json)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
