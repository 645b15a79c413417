"""Queries: the named queries in ``ontology/queries/``, the read-only check,
running a query on a store and reading its (lazy) answer into memory.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError
from ..paths import QUERIES_DIR
from .base import PREFIXES

_UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
_SYNTAX_HINT = (
    "check the query against https://www.w3.org/TR/sparql11-query/; the prefixes "
    + ", ".join(f"{p}:" for p in PREFIXES)
    + " are declared for you; `kg query --list` shows the named queries"
)


def list_named_queries() -> list[tuple[str, str]]:
    """The named queries in ``ontology/queries/``: (name, title), by name.

    >>> ("agreements" in dict(list_named_queries()), all(title for _, title in list_named_queries()))
    (True, True)
    """
    named = []
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        named.append((path.stem, _query_title(path.read_text(encoding="utf-8"))))
    return named


def _query_title(text: str) -> str:
    comments = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]
    for line in comments:
        if line.lower().startswith("title:"):
            return line.split(":", 1)[1].strip()
    return next((line for line in comments if line), "")


def resolve_query(arg: str) -> str:
    """A query given as SPARQL text, a path to a ``.rq`` file or the name of a
    named query.

    >>> "kg:Agreement" in resolve_query("agreements")
    True
    >>> resolve_query("ASK { ?s ?p ?o }")
    'ASK { ?s ?p ?o }'
    >>> resolve_query("no_such_query")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: [E502] query: no named query 'no_such_query'; the named queries are: ...
    """
    text = arg.strip()
    # A bare word cannot be a query; anything with a brace or a space is SPARQL.
    if re.fullmatch(r"[\w.-]+", text) and not text.endswith(".rq"):
        path = QUERIES_DIR / f"{text}.rq"
        if path.is_file():
            return path.read_text(encoding="utf-8")
        names = ", ".join(name for name, _ in list_named_queries())
        raise QueryError("E502", f"no named query {text!r}; the named queries are: {names}",
                         fix="use one of these names, a .rq file or a SPARQL string")
    if text.endswith(".rq") and "\n" not in text:
        path = Path(text)
        if not path.is_file():
            raise QueryError("E502", f"no such query file: {path}", fix="check the path")
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:  # UTF-16, Latin-1, unreadable
            raise QueryError("E610", f"cannot read the query file {path}: {exc}",
                             fix="save it as UTF-8 text (e.g. iconv -t utf-8)") from exc
    return arg


_STRING_OR_IRI = re.compile(
    r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>'
)


def _code_only(query: str) -> str:
    """The query without strings, IRIs and comments, so that keywords inside a
    quote or an IRI are not taken for clauses."""
    out, pos = [], 0
    # Strings and comments are scanned together: a '#' inside a string is not a comment.
    for match in re.finditer(_STRING_OR_IRI.pattern + r"|#[^\n]*", query):
        out.append(query[pos:match.start()])
        out.append(" ")
        pos = match.end()
    out.append(query[pos:])
    return "".join(out)


def check_read_only(query: str, *, allow_service: bool = True) -> None:
    """Refuse SPARQL Update; with ``allow_service=False`` (the server) the query
    is parsed and refused from its algebra (:func:`kg.query.guard.check_query`):
    updates, LOAD and federated ``SERVICE`` calls, however they are spelled.

    >>> check_read_only("SELECT * { ?s ?p 'INSERT' }")
    >>> check_read_only("PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b ex:c }")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: [E506] query: this endpoint is read-only: SPARQL Update (INSERT) is refused. Fix: send a SELECT, ASK, CONSTRUCT or DESCRIBE query
    """
    if not allow_service:
        from .guard import check_query  # imports rdflib, which `kg query` does without

        check_query(query)
        return
    # `kg query` opens the store read-only anyway: this only gives a clear message.
    code = _code_only(query)
    body = re.sub(r"(?is)^\s*((PREFIX\s+[\w.-]*:\s*|BASE\s*)\s*)+", "", code)
    first = re.match(r"\s*([A-Za-z]+)", body)
    keyword = first.group(1).upper() if first else ""
    if keyword in _UPDATE_KEYWORDS:
        raise QueryError("E506", f"this endpoint is read-only: SPARQL Update ({keyword}) is refused",
                         fix="send a SELECT, ASK, CONSTRUCT or DESCRIBE query")


def execute(store: ox.Store, query: str, *, allow_service: bool = True,
            default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()):  # noqa: ANN201 - pyoxigraph result union
    """Run ``query`` on a store from :func:`open_store`, with the usual
    prefixes declared. The default graph is the union of all graphs (see
    :func:`prepare_store`) unless ``default_graphs`` names some (the SPARQL
    Protocol's ``default-graph-uri``). Returns pyoxigraph's result object.

    >>> from kg.query import EXAMPLE, ONTOLOGY_GRAPH, open_store
    >>> bool(execute(open_store(EXAMPLE), "ASK { ?c a kg:Country }"))
    True
    >>> bool(execute(open_store(EXAMPLE), "ASK { ?c a kg:Country }", default_graphs=[ONTOLOGY_GRAPH]))
    False
    """
    check_read_only(query, allow_service=allow_service)
    options: dict[str, object] = {}
    if default_graphs:
        options["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs]
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
    try:
        return store.query(query, prefixes=PREFIXES, **options)
    except SyntaxError as err:
        raise QueryError("E501", f"invalid SPARQL: {err}", fix=_SYNTAX_HINT) from err
    except ValueError as err:
        raise QueryError("E501", f"invalid dataset: {err}", fix="give graph names as absolute IRIs") from err
    except OSError as err:
        raise QueryError("E504", f"the query failed: {err}",
                         fix="remove SERVICE clauses (there is no network), or check the store") from err


@dataclass
class Answer:
    """A query's answer, read into memory: ``kind`` is boolean, triples or
    solutions; ``truncated`` says the result limit cut it."""

    kind: str
    boolean: bool = False
    variables: list[str] = field(default_factory=list)
    rows: list[list[object]] = field(default_factory=list)
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False


def read_answer(result: object, limit: int | None = None) -> Answer:
    """Read at most ``limit`` rows (or triples) of a pyoxigraph result.

    >>> from kg.query import EXAMPLE, open_store
    >>> answer = read_answer(execute(open_store(EXAMPLE), "SELECT ?x { ?x a ?c }"), limit=1)
    >>> answer.kind, len(answer.rows), answer.truncated
    ('solutions', 1, True)
    """
    # Evaluation is lazy: errors (a failing SERVICE call) surface while reading.
    try:
        if isinstance(result, ox.QueryBoolean):
            return Answer("boolean", boolean=bool(result))
        extra = None if limit is None else limit + 1
        if isinstance(result, ox.QueryTriples):
            triples = list(islice(result, extra))
            cut = limit is not None and len(triples) > limit
            return Answer("triples", triples=triples[:limit], truncated=cut)
        variables = [v.value for v in result.variables]
        rows = [[solution[v] for v in variables] for solution in islice(result, extra)]
        cut = limit is not None and len(rows) > limit
        return Answer("solutions", variables=variables, rows=rows[:limit], truncated=cut)
    except OSError as err:
        raise QueryError("E504", f"the query failed: {err}",
                         fix="remove SERVICE clauses (there is no network), or check the store") from err
