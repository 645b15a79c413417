"""What a query sent to ``kg serve`` must pass before it runs: a size and
nesting bound checked on the text (cheap, before any parser sees it), then
rdflib's parser, whose algebra must hold no update, no ``LOAD`` and no
``SERVICE``.

The refusal is decided from the parsed query, never from a regular
expression over its text: a lexer-level guess (is this ``<`` an IRI or a
less-than?) is what let ``FILTER(?c<2)SERVICE:s#>`` through before.

>>> check_query("SELECT * WHERE { ?s ?p 'SERVICE' }")
>>> check_query("SELECT * WHERE { FILTER(?c<2)SERVICE:s#>\\n{ ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.errors.QueryError: [E507] query: federated queries (SERVICE) are refused by this endpoint. Fix: query the remote endpoint directly, or remove the SERVICE clause
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from ..errors import QueryError
from .base import PREFIXES

MAX_QUERY_CHARS = 100_000  # the named queries are under 3,000; a query is text a person writes
MAX_DEPTH = 64  # brackets of any kind, open at once; the named queries need 6
# rdflib's parser recurses about 35 Python frames per bracket; pyoxigraph's
# overflows its stack (a segmentation fault) somewhere below 3,000 brackets.
RECURSION_LIMIT = 10_000

# A token that can hold a bracket without opening one: strings, comments and
# IRIs. An IRI here holds no bracket, so a less-than sign (?c<(...)) cannot hide
# real brackets from the count; an IRI with a bracket in it is counted as code,
# which can only over-count.
_SKIP = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                   r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*|<[^<>"{}|^`\\\x00-\x20()\[\]]*>')
_OPEN, _CLOSE = "({[", ")}]"


def nesting_depth(query: str) -> int:
    """The deepest nesting of ``(``, ``{`` and ``[`` together, outside
    strings, comments and IRIs.

    >>> nesting_depth("SELECT * { ?s ?p ?o FILTER((?o > 1)) }")
    3
    >>> nesting_depth("SELECT * { ?s ?p '((((' } # {{{{")
    1
    """
    depth = deepest = pos = 0
    for match in _SKIP.finditer(query):
        depth, deepest = _count(query, pos, match.start(), depth, deepest)
        pos = match.end()
    return _count(query, pos, len(query), depth, deepest)[1]


def _count(text: str, start: int, end: int, depth: int, deepest: int) -> tuple[int, int]:
    for char in text[start:end]:
        if char in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
    return depth, deepest


def check_size(query: str) -> None:
    """Refuse a query too long or nested too deeply to parse safely (E522, E523).

    >>> check_size("SELECT * WHERE " + "{" * 100 + "}" * 100)
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: [E523] query: the query nests 100 brackets deep; this endpoint allows 64. Fix: flatten the nested groups or expressions
    """
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError("E522", f"the query is {len(query):,} characters long; this endpoint allows "
                         f"{MAX_QUERY_CHARS:,}", fix="send a shorter query (VALUES with fewer rows, fewer patterns)")
    depth = nesting_depth(query)
    if depth > MAX_DEPTH:
        raise QueryError("E523", f"the query nests {depth} brackets deep; this endpoint allows {MAX_DEPTH}",
                         fix="flatten the nested groups or expressions")


def _too_deep() -> QueryError:
    return QueryError("E523", "the query nests too deeply for the parser",
                      fix="flatten the nested groups or expressions")


def _services(tree: object) -> list[str]:
    """The SERVICE targets anywhere in an rdflib parse tree or algebra (walked
    without recursion: the tree may be deep)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    found, stack, seen = [], [tree], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                found.append(node.get("service_string", "SERVICE"))
            stack.extend(node.values())
        elif isinstance(node, ParseResults):  # a Mapping too, but its items are in the list
            stack.extend(node)
            stack.extend(node.values())
        elif isinstance(node, Mapping):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, set, frozenset)):
            stack.extend(node)
    return found


def check_query(query: str, prefixes: Mapping[str, str] = PREFIXES) -> None:
    """Parse ``query`` with rdflib and refuse it unless it is a read-only query
    without SERVICE: an update or LOAD is E506, SERVICE is E507, a query
    rdflib cannot parse is E501, a too deep or too long one E522/E523.

    >>> check_query("LOAD <http://example.org/data.ttl>")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: [E506] query: this endpoint is read-only: SPARQL Update (LOAD, INSERT, DELETE, ...) is refused. Fix: send a SELECT, ASK, CONSTRUCT or DESCRIBE query
    """
    if prefixes is PREFIXES:
        _passes(query)  # the same query again (a named one, the viewer's) is not parsed again
    else:
        _check(query, prefixes)


@lru_cache(maxsize=512)
def _passes(query: str) -> bool:
    _check(query, PREFIXES)  # raises when refused, and a refusal is not cached
    return True


def _check(query: str, prefixes: Mapping[str, str]) -> None:
    import sys

    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    check_size(query)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))
    try:
        try:
            parsed = parseQuery(query)
        except ParseException as err:
            try:
                parseUpdate(query)
            except ParseException:
                raise QueryError("E501", f"invalid SPARQL (line {err.lineno}, column {err.col}): {err.msg}",
                                 fix=_HINT) from None
            raise QueryError("E506", "this endpoint is read-only: SPARQL Update (LOAD, INSERT, DELETE, ...) "
                             "is refused", fix="send a SELECT, ASK, CONSTRUCT or DESCRIBE query") from None
        targets = _services(parsed)
        if not targets:
            try:
                algebra = translateQuery(parsed, initNs=dict(prefixes))
            except RecursionError:
                raise
            except Exception as err:  # noqa: BLE001 - rdflib raises bare Exceptions (unknown prefix, ...)
                raise QueryError("E501", f"invalid SPARQL: {err}", fix=_HINT) from None
            targets = _services(algebra.algebra)
    except RecursionError:
        raise _too_deep() from None
    if targets:
        raise QueryError("E507", "federated queries (SERVICE) are refused by this endpoint",
                         fix="query the remote endpoint directly, or remove the SERVICE clause")


_HINT = ("check the query against https://www.w3.org/TR/sparql11-query/; the prefixes "
         + ", ".join(f"{p}:" for p in PREFIXES) + " are declared for you")
