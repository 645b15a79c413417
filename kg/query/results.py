"""Answers as text: terms compacted with the usual prefixes, aligned tables,
SPARQL 1.1 Query Results JSON, CSV and XML, and Turtle for graph answers.
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape as xml_escape

import pyoxigraph as ox

from .base import PREFIXES, XSD
from .sparql import Answer


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

    >>> from kg.query import KG
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

    >>> from kg.query import KG
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

    >>> from kg.query import KG, KGR
    >>> print(triples_turtle([ox.Triple(ox.NamedNode(KGR + "actor/iraq"), ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(KG + "Country"))]).splitlines()[-1])
    kgr:actor\\/iraq a kg:Country .
    """
    data = ox.serialize(list(triples), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return data.decode("utf-8")


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
