"""SPARQL over the graph with pyoxigraph: open or build a store, run a query,
print the answer as a table, CSV or SPARQL JSON.

A source is an outputs folder (its ``graph.trig`` is loaded once into a
persistent store, ``outputs/store/``, rebuilt when ``graph.trig`` changes), a
single RDF file (loaded in memory) or a store folder. Queries see the union of
all named graphs (each triple once), and the ontology is always there so that
``?x a/rdfs:subClassOf* kg:Meeting`` finds a ``kg:PhoneCall``.

>>> print(run_query(EXAMPLE, "SELECT ?label WHERE { ?c a kg:Country ; rdfs:label ?label } ORDER BY ?label"))
label
------
العراق
(1 row)
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import pyoxigraph as ox

from .errors import QueryError

REPO_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = REPO_ROOT / "ontology"
QUERIES_DIR = ONTOLOGY_DIR / "queries"
# Only the vocabulary: the gazetteer (actors.ttl) would add every country in the
# world to each answer, and the shapes describe the data, not the domain.
ONTOLOGY_FILES = ("kg.ttl",)

KG = "https://w3id.org/ankg/ontology#"
KGR = "https://w3id.org/ankg/id/"
ONTOLOGY_GRAPH = KGR + "graph/ontology"
STORE_GRAPH = KGR + "graph/store"  # marks a store whose default graph holds the union
XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIXES: dict[str, str] = {
    "kg": KG,
    "kgr": KGR,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": XSD,
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "time": "http://www.w3.org/2006/time#",
}

FORMATS = ("table", "csv", "json")
STORE_DIRNAME = "store"
# Written inside the store folder; RocksDB leaves files it does not own alone.
STAMP_NAME = "kg-source.json"

_RDF_EXTENSIONS = {".trig", ".ttl", ".nq", ".nt", ".n3", ".rdf", ".owl", ".jsonld"}
_UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
_SYNTAX_HINT = (
    "check the query against https://www.w3.org/TR/sparql11-query/; the prefixes "
    + ", ".join(f"{p}:" for p in PREFIXES)
    + " are declared for you; `kg query --list` shows the named queries"
)

EXAMPLE = REPO_ROOT / "tests" / "data" / "query" / "doctest.ttl"


# --------------------------------------------------------------------------- store

def _stamp(trig: Path) -> dict[str, int]:
    info = trig.stat()
    return {"mtime_ns": info.st_mtime_ns, "size": info.st_size}


def _ontology_files() -> list[Path]:
    return [ONTOLOGY_DIR / name for name in ONTOLOGY_FILES if (ONTOLOGY_DIR / name).is_file()]


def _has_ontology(store: ox.Store) -> bool:
    return store.contains_named_graph(ox.NamedNode(ONTOLOGY_GRAPH))


def _add_ontology(store: ox.Store) -> None:
    graph = ox.NamedNode(ONTOLOGY_GRAPH)
    for path in _ontology_files():
        try:
            store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=graph)
        except SyntaxError as err:
            raise QueryError("E510", f"cannot parse the ontology file {path}: {err}",
                             fix="fix the Turtle syntax at the line given") from err


def _is_prepared(store: ox.Store) -> bool:
    return store.contains_named_graph(ox.NamedNode(STORE_GRAPH))


def prepare_store(store: ox.Store) -> None:
    """Make ``store`` ready for :func:`execute`: add the ontology graph if it
    is missing, then copy every named graph's triples into the default graph,
    so that the default graph is the union of all graphs, without duplicates.

    pyoxigraph 0.5's own union default graph (``use_default_graph_as_union``)
    returns a triple once per graph that holds it (oxigraph issue #1919), and
    an actor described in many articles then multiplies every join it is in.
    A marker graph (``kgr:graph/store``) records that this was done.

    >>> store = ox.Store()
    >>> store.load(path=str(EXAMPLE), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(KGR + "graph/d1"))
    >>> prepare_store(store)
    >>> len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))) > 5
    True
    """
    if _is_prepared(store):
        return
    if not _has_ontology(store):
        _add_ontology(store)
    default = ox.DefaultGraph()
    store.extend([ox.Quad(q.subject, q.predicate, q.object, default)
                  for q in store.quads_for_pattern(None, None, None, None)
                  if not isinstance(q.graph_name, ox.DefaultGraph)])
    store.add(ox.Quad(ox.NamedNode(STORE_GRAPH), ox.NamedNode(PREFIXES["rdfs"] + "comment"),
                      ox.Literal("the default graph of this store is the union of its named graphs"),
                      ox.NamedNode(STORE_GRAPH)))


def _load_file(store: ox.Store, path: Path, *, bulk: bool = False) -> None:
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower())
    if fmt is None:
        raise QueryError("E503", f"{path}: not an RDF file I can read",
                         fix="give an outputs folder, a .trig/.ttl/.nq/.nt file or a store folder")
    try:
        if bulk:
            store.bulk_load(path=str(path), format=fmt)
        else:
            store.load(path=str(path), format=fmt)
    except SyntaxError as err:
        raise QueryError("E510", f"cannot parse {path}: {err}",
                         fix="rebuild it with `kg run`, or fix the line given") from err


def build_store(trig: Path, store_dir: Path) -> Path:
    """Load ``trig`` (plus the ontology graph if it lacks one) into a
    persistent store at ``store_dir``, atomically: readers see the old store
    or the new one, never half of one. Returns ``store_dir``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     built = build_store(EXAMPLE, Path(tmp) / "store")
    ...     print(built.name, (built / STAMP_NAME).exists())
    store True
    """
    trig, store_dir = Path(trig), Path(store_dir)
    if not trig.is_file():
        raise QueryError("E503", f"no graph at {trig}", fix="run `kg run` first to build outputs/graph.trig")
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = store_dir.with_name(store_dir.name + ".tmp")
    old = store_dir.with_name(store_dir.name + ".old")
    for leftover in (tmp, old):
        shutil.rmtree(leftover, ignore_errors=True)
    store = ox.Store(str(tmp))
    try:
        _load_file(store, trig, bulk=True)
        prepare_store(store)
        store.flush()
        store.optimize()
    except BaseException:
        del store
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    del store  # closes RocksDB before the folder moves
    (tmp / STAMP_NAME).write_text(json.dumps(_stamp(trig)), encoding="utf-8")
    # A folder cannot be renamed over a non-empty one: move the old aside first.
    if store_dir.exists():
        store_dir.rename(old)
    tmp.rename(store_dir)
    shutil.rmtree(old, ignore_errors=True)
    return store_dir


def _store_is_fresh(trig: Path, store_dir: Path) -> bool:
    stamp = store_dir / STAMP_NAME
    if not stamp.is_file():
        return False
    try:
        return json.loads(stamp.read_text(encoding="utf-8")) == _stamp(trig)
    except (OSError, ValueError):
        return False


def _open_store_dir(store_dir: Path) -> ox.Store:
    try:
        store = ox.Store.read_only(str(store_dir))
        if _is_prepared(store):
            return store
        del store
        # Only a store built by something other than build_store needs this.
        writable = ox.Store(str(store_dir))
        prepare_store(writable)
        writable.flush()
        del writable
        return ox.Store.read_only(str(store_dir))
    except OSError as err:
        raise QueryError("E505", f"cannot open the store {store_dir}: {err}",
                         fix="stop the process that is writing it, or delete the folder and run `kg load`") from err


def open_store(path: Path) -> ox.Store:
    """Open ``path`` for querying: an outputs folder, an RDF file or a store
    folder, prepared by :func:`prepare_store` (ontology, union default graph).

    >>> store = open_store(EXAMPLE)
    >>> bool(store.query("ASK { kg:PhoneCall rdfs:subClassOf* kg:Event }", prefixes=PREFIXES))
    True
    """
    path = Path(path)
    if path.is_dir():
        trig = path / "graph.trig"
        if trig.is_file():
            store_dir = path / STORE_DIRNAME
            if not _store_is_fresh(trig, store_dir):
                build_store(trig, store_dir)
            return _open_store_dir(store_dir)
        if (path / "CURRENT").is_file():  # a RocksDB folder
            return _open_store_dir(path)
        raise QueryError("E503", f"{path} holds neither graph.trig nor a store",
                         fix="run `kg run` to write outputs/graph.trig, or point at the outputs folder")
    if path.is_file():
        store = ox.Store()
        _load_file(store, path)
        prepare_store(store)
        return store
    raise QueryError("E503", f"no such file or folder: {path}",
                     fix="give an outputs folder, a .trig/.ttl file or a store folder")


# --------------------------------------------------------------------------- queries

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
        return path.read_text(encoding="utf-8")
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
    """Refuse SPARQL Update, and (for the server) federated ``SERVICE`` calls.

    >>> check_read_only("SELECT * { ?s ?p 'INSERT' }")
    >>> check_read_only("PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b ex:c }")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: [E506] query: this endpoint is read-only: SPARQL Update (INSERT) is refused. Fix: send a SELECT, ASK, CONSTRUCT or DESCRIBE query
    """
    code = _code_only(query)
    body = re.sub(r"(?is)^\s*((PREFIX\s+[\w.-]*:\s*|BASE\s*)\s*)+", "", code)
    first = re.match(r"\s*([A-Za-z]+)", body)
    keyword = first.group(1).upper() if first else ""
    if keyword in _UPDATE_KEYWORDS:
        raise QueryError("E506", f"this endpoint is read-only: SPARQL Update ({keyword}) is refused",
                         fix="send a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    if not allow_service and re.search(r"(?i)\bSERVICE\b", code):
        raise QueryError("E507", "federated queries (SERVICE) are refused by this endpoint",
                         fix="query the remote endpoint directly, or remove the SERVICE clause")


def execute(store: ox.Store, query: str, *, allow_service: bool = True,
            default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()):  # noqa: ANN201 - pyoxigraph result union
    """Run ``query`` on a store from :func:`open_store`, with the usual
    prefixes declared. The default graph is the union of all graphs (see
    :func:`prepare_store`) unless ``default_graphs`` names some (the SPARQL
    Protocol's ``default-graph-uri``). Returns pyoxigraph's result object.

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


# --------------------------------------------------------------------------- results

def compact_iri(iri: str) -> str:
    """``kg:Agreement`` for the full IRI; IRIs outside the known prefixes stay whole.

    >>> compact_iri("https://w3id.org/ankg/id/actor/iraq")
    'kgr:actor/iraq'
    >>> compact_iri("http://example.org/x")
    '<http://example.org/x>'
    """
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        local = iri[len(PREFIXES[best]):]
        # Local names with characters Turtle would need to escape stay whole.
        if re.fullmatch(r"[\w/.\-%]*", local) and not local.endswith("."):
            return f"{best}:{local}"
    return f"<{iri}>"


def term_text(term: object) -> str:
    """How a term is shown in a table: no quotes, no datatype, IRIs compacted.

    >>> term_text(ox.Literal("2500", datatype=ox.NamedNode(XSD + "integer")))
    '2500'
    >>> term_text(ox.Literal("العراق", language="ar"))
    'العراق'
    >>> term_text(None)
    ''
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _display_width(text: str) -> int:
    # Arabic harakat are combining marks and take no column.
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _display_width(text))


def format_table(variables: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Aligned columns with a header and a row count.

    >>> print(format_table(["a", "b"], [[ox.Literal("1"), ox.NamedNode(KG + "Vote")]]))
    a | b
    --+--------
    1 | kg:Vote
    (1 row)
    """
    cells = [[term_text(term).replace("\n", " ") for term in row] for row in rows]
    widths = [_display_width(name) for name in variables]
    for row in cells:
        widths = [max(w, _display_width(c)) for w, c in zip(widths, row)]
    lines = [" | ".join(_pad(name, w) for name, w in zip(variables, widths)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'' if len(cells) == 1 else 's'})")
    return "\n".join(lines)


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def solutions_json(variables: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """SPARQL 1.1 Query Results JSON.

    >>> solutions_json(["n"], [[ox.Literal("3", datatype=ox.NamedNode(XSD + "integer"))]])
    '{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "3", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}'
    """
    bindings = [{var: _json_term(term) for var, term in zip(variables, row) if term is not None} for row in rows]
    return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}}, ensure_ascii=False)


def solutions_csv(variables: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """SPARQL 1.1 Query Results CSV: plain values, full IRIs, CRLF lines.

    >>> solutions_csv(["x"], [[ox.NamedNode(KG + "Vote")]])
    'x\\r\\nhttps://w3id.org/ankg/ontology#Vote\\r\\n'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if t is None else (f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value)
                         for t in row])
    return buffer.getvalue()


def solutions_xml(variables: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """SPARQL Query Results XML.

    >>> print(solutions_xml(["x"], [[ox.Literal("ب", language="ar")]]))  # doctest: +NORMALIZE_WHITESPACE
    <?xml version="1.0"?>
    <sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="x"/></head><results><result><binding name="x"><literal xml:lang="ar">ب</literal></binding></result></results></sparql>
    """
    parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    parts += [f'<variable name="{xml_escape(v)}"/>' for v in variables]
    parts.append("</head><results>")
    for row in rows:
        parts.append("<result>")
        for var, term in zip(variables, row):
            if term is None:
                continue
            parts.append(f'<binding name="{xml_escape(var)}">')
            if isinstance(term, ox.NamedNode):
                parts.append(f"<uri>{xml_escape(term.value)}</uri>")
            elif isinstance(term, ox.BlankNode):
                parts.append(f"<bnode>{xml_escape(term.value)}</bnode>")
            elif isinstance(term, ox.Literal) and term.language:
                parts.append(f'<literal xml:lang="{xml_escape(term.language)}">{xml_escape(term.value)}</literal>')
            elif isinstance(term, ox.Literal) and term.datatype.value != XSD + "string":
                parts.append(f'<literal datatype="{xml_escape(term.datatype.value)}">{xml_escape(term.value)}</literal>')
            else:
                parts.append(f"<literal>{xml_escape(getattr(term, 'value', str(term)))}</literal>")
            parts.append("</binding>")
        parts.append("</result>")
    parts.append("</results></sparql>")
    return "".join(parts)


def boolean_result(value: bool, fmt: str) -> str:
    """An ASK answer in ``fmt`` (table, csv, json, xml).

    >>> boolean_result(True, "table"), boolean_result(False, "json")
    ('yes', '{"head": {}, "boolean": false}')
    """
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value})
    if fmt == "xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>")
    if fmt == "csv":
        return f"_askResult\r\n{'true' if value else 'false'}\r\n"
    return "yes" if value else "no"


def triples_turtle(triples: Iterable[ox.Triple]) -> str:
    """CONSTRUCT/DESCRIBE answers as Turtle with the usual prefixes.

    >>> print(triples_turtle([ox.Triple(ox.NamedNode(KGR + "actor/iraq"), ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(KG + "Country"))]).splitlines()[-1])
    kgr:actor\\/iraq a kg:Country .
    """
    data = ox.serialize(list(triples), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return data.decode("utf-8")


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


def format_answer(answer: Answer, fmt: str) -> str:
    """Serialise an answer: table, csv, json or xml (Turtle for triples).

    >>> format_answer(Answer("boolean", boolean=True), "table")
    'yes'
    """
    if answer.kind == "boolean":
        return boolean_result(answer.boolean, fmt)
    if answer.kind == "triples":
        return triples_turtle(answer.triples)
    if fmt == "csv":
        return solutions_csv(answer.variables, answer.rows)
    if fmt == "json":
        return solutions_json(answer.variables, answer.rows)
    if fmt == "xml":
        return solutions_xml(answer.variables, answer.rows)
    return format_table(answer.variables, answer.rows)


def run_query(source: Path, query: str, *, fmt: str = "table", limit: int | None = None) -> str:
    """Run ``query`` (SPARQL text, a ``.rq`` path or a named query) against
    ``source`` and return the answer as text: a table, CSV or SPARQL JSON for
    SELECT; yes/no for ASK; Turtle for CONSTRUCT and DESCRIBE.

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
            raise QueryError("E503", "a source and a query are needed",
                             fix="run `kg query outputs/ agreements`, or `kg query --list`")
        print(run_query(source, query, fmt=fmt, limit=limit), file=out)
        return 0
    except QueryError as err:
        print(err, file=sys.stderr)
        return 2


def load_command(outputs: Path) -> int:
    """``kg load outputs/``: (re)build ``outputs/store`` from ``graph.trig``.

    >>> import tempfile
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


__all__ = [
    "PREFIXES", "build_store", "open_store", "prepare_store", "resolve_query", "run_query", "list_named_queries",
    "execute", "read_answer", "format_answer", "Answer", "check_read_only", "compact_iri", "term_text", "format_table", "solutions_json",
    "solutions_csv", "solutions_xml", "boolean_result", "triples_turtle", "query_command", "load_command",
]
