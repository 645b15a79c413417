"""The read-only SPARQL endpoint, queried over HTTP with a standard client
(SPARQLWrapper) and with raw requests for the refusals."""
from __future__ import annotations

import csv
import http.client
import io
import json
import shutil
import threading
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from SPARQLWrapper import JSON, POST, SPARQLWrapper

import kg.serve
from kg.errors import QueryError
from kg.serve import make_server

FIXTURE = Path(__file__).parent / "data" / "query" / "graph.trig"
VIEWER = "<html><body>viewer of the fixture</body></html>"


def _start(outputs: Path, **options: object) -> tuple[object, str]:
    server = make_server(outputs, port=0, **options)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("outputs")
    shutil.copy(FIXTURE, folder / "graph.trig")
    (folder / "graph.html").write_text(VIEWER, encoding="utf-8")
    (folder / "articles").mkdir()
    (folder / "articles" / "q001.ttl").write_text("# one article\n", encoding="utf-8")
    (folder / ".secret").write_text("hidden\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def endpoint(outputs: Path) -> Iterator[str]:
    server, base = _start(outputs)
    yield base
    server.shutdown()
    server.server_close()


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode("utf-8")


def _post(url: str, body: str, content_type: str, accept: str = "") -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, data=body.encode("utf-8"), method="POST",
                                     headers={"Content-Type": content_type, "Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode("utf-8")


def _raw(base: str, path: str) -> tuple[int, str]:
    """Send ``path`` exactly as given: urllib would normalise the dots away."""
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.putrequest("GET", path, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read().decode("utf-8", errors="replace")
    connection.close()
    return response.status, body


AGREEMENT_PARTIES = """
SELECT ?party WHERE {
  ?agreement a kg:Agreement ; kg:party ?party .
} ORDER BY ?party
"""


def test_serve_select_with_sparqlwrapper(endpoint: str) -> None:
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery(AGREEMENT_PARTIES)
    client.setReturnFormat(JSON)
    result = client.query().convert()
    parties = [b["party"]["value"] for b in result["results"]["bindings"]]
    assert parties == ["https://w3id.org/ankg/id/actor/iraq", "https://w3id.org/ankg/id/actor/usa"]


def test_serve_post_with_sparqlwrapper_finds_subclasses(endpoint: str) -> None:
    # kg:PhoneCall is found as a kg:Meeting through the ontology graph.
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setMethod(POST)
    client.setQuery("SELECT ?m WHERE { ?m a/rdfs:subClassOf* kg:Meeting } ORDER BY ?m")
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert [r["m"]["value"].rsplit("/", 3)[-3] for r in rows] == ["q002", "q003"]


@pytest.mark.parametrize("accept, content_type", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/csv;q=0.2, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("*/*", "application/sparql-results+json"),
])
def test_serve_content_negotiation(endpoint: str, accept: str, content_type: str) -> None:
    query = urllib.parse.quote("SELECT ?n WHERE { ?f kg:troopCount ?n } ORDER BY ?n")
    status, headers, body = _get(f"{endpoint}/sparql?query={query}", {"Accept": accept})
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == content_type
    if content_type.endswith("json"):
        counts = [b["n"]["value"] for b in json.loads(body)["results"]["bindings"]]
    elif content_type.endswith("xml"):
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        counts = [e.text for e in ET.fromstring(body).findall(".//r:literal", ns)]
    else:
        counts = [row["n"] for row in csv.DictReader(io.StringIO(body))]
    assert counts == ["2500", "3000", "5200"]


def test_serve_construct_is_turtle(endpoint: str) -> None:
    query = "CONSTRUCT { ?f kg:troopCount ?n } WHERE { ?f kg:troopCount ?n }"
    status, headers, body = _post(f"{endpoint}/sparql", query, "application/sparql-query", "text/turtle")
    assert status == 200
    assert headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=body, format="turtle")
    assert sorted(int(o) for o in graph.objects()) == [2500, 3000, 5200]


def test_serve_post_form_and_ask(endpoint: str) -> None:
    body = urllib.parse.urlencode({"query": "ASK { ?v a kg:Vote }"})
    status, _, text = _post(f"{endpoint}/sparql", body, "application/x-www-form-urlencoded",
                            "application/sparql-results+json")
    assert status == 200
    assert json.loads(text)["boolean"] is True


@pytest.mark.parametrize("method, body, content_type, query_string", [
    ("GET", None, None, "query=" + urllib.parse.quote("INSERT DATA { <urn:a> <urn:b> <urn:c> }")),
    ("GET", None, None, "update=" + urllib.parse.quote("INSERT DATA { <urn:a> <urn:b> <urn:c> }")),
    ("POST", "update=" + urllib.parse.quote("CLEAR ALL"), "application/x-www-form-urlencoded", ""),
    ("POST", "DROP GRAPH <https://w3id.org/ankg/id/graph/q001>", "application/sparql-update", ""),
    ("POST", "PREFIX ex: <urn:x:>\n# comment\nDELETE WHERE { ?s ?p ?o }", "application/sparql-query", ""),
    ("POST", "LOAD <http://example.org/data.ttl>", "application/sparql-query", ""),
])
def test_serve_refuses_updates(endpoint: str, method: str, body: str | None, content_type: str | None,
                               query_string: str) -> None:
    url = f"{endpoint}/sparql" + (f"?{query_string}" if query_string else "")
    if method == "GET":
        status, _, text = _get(url)
    else:
        status, _, text = _post(url, body or "", content_type or "")
    assert status == 403
    assert "read-only" in text
    # The data is still all there.
    status, _, count = _get(f"{endpoint}/sparql?query=" + urllib.parse.quote(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/ankg/id/graph/q001> { ?s ?p ?o } }"),
        {"Accept": "text/csv"})
    assert int(count.splitlines()[1]) > 0


def test_serve_refuses_updates_from_sparqlwrapper(endpoint: str) -> None:
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(Exception, match="403"):
        client.query()


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { ?s ?p ?o . service silent <http://example.org/sparql> { ?s ?q ?z } }",
])
def test_serve_refuses_service(endpoint: str, query: str) -> None:
    status, _, text = _get(f"{endpoint}/sparql?query=" + urllib.parse.quote(query))
    assert status == 403
    assert "E507" in text and "SERVICE" in text


def test_serve_allows_service_as_a_string(endpoint: str) -> None:
    query = 'SELECT ?x WHERE { BIND("SERVICE" AS ?x) }'
    status, _, text = _get(f"{endpoint}/sparql?query=" + urllib.parse.quote(query), {"Accept": "text/csv"})
    assert (status, text.splitlines()) == (200, ["x", "SERVICE"])


@pytest.mark.parametrize("path", [
    "/../graph.trig",
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/articles/..%2f..%2fetc%2fpasswd",
    "/.secret",
    "/store/CURRENT",
    "/articles/%5c..%5c..%5cetc%5cpasswd",
    "/graph.trig%00.html",
])
def test_serve_refuses_path_traversal(endpoint: str, path: str) -> None:
    status, body = _raw(endpoint, path)
    assert status == 403
    assert "root:" not in body and "hidden" not in body


@pytest.mark.parametrize("path, status, needle", [
    ("/", 200, "viewer of the fixture"),
    ("/graph.html", 200, "viewer of the fixture"),
    ("/articles/q001.ttl", 200, "one article"),
    ("/graph.trig", 200, "<graph/q001>"),
    ("/no-such-file.txt", 404, "E515"),
])
def test_serve_static_files(endpoint: str, path: str, status: int, needle: str) -> None:
    got_status, body = _raw(endpoint, path)
    assert (got_status, needle in body) == (status, True)


def test_serve_runs_named_query_by_name(endpoint: str) -> None:
    status, _, text = _get(f"{endpoint}/sparql?query=agreements", {"Accept": "text/csv"})
    rows = list(csv.DictReader(io.StringIO(text)))
    assert status == 200
    assert [row["agreement"] for row in rows] == ["https://w3id.org/ankg/id/article/q001/event/0"]


@pytest.mark.parametrize("query, code", [
    ("SELECT ?x WHERE { ?x ?p }", "E501"),
    ("", "E520"),
    ("no_such_named_query", "E502"),
])
def test_serve_bad_requests(endpoint: str, query: str, code: str) -> None:
    status, _, text = _get(f"{endpoint}/sparql?query=" + urllib.parse.quote(query))
    assert status == 400
    assert code in text


def test_serve_result_limit_truncates(outputs: Path) -> None:
    server, base = _start(outputs, result_limit=2)
    try:
        query = urllib.parse.quote("SELECT ?s WHERE { ?s a kg:Sentence } ORDER BY ?s")
        status, headers, body = _get(f"{base}/sparql?query={query}", {"Accept": "application/sparql-results+json"})
    finally:
        server.shutdown()
        server.server_close()
    rows = json.loads(body)["results"]["bindings"]
    assert status == 200
    assert [r["s"]["value"].rsplit("/", 1)[-1] for r in rows] == ["s0", "s1"]  # q001's first two of 10
    assert headers["X-Result-Truncated"] == "true"


def test_serve_result_limit_no_header_when_complete(endpoint: str) -> None:
    query = urllib.parse.quote("SELECT ?s WHERE { ?s a kg:Sentence }")
    _, headers, body = _get(f"{endpoint}/sparql?query={query}", {"Accept": "application/sparql-results+json"})
    assert len(json.loads(body)["results"]["bindings"]) == 10
    assert "X-Result-Truncated" not in headers


def test_serve_timeout_gives_503(outputs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A query that never finishes, without burning CPU: reading its answer blocks.
    release = threading.Event()
    real_read_answer = kg.serve.read_answer

    def blocked(result: object, limit: int | None = None) -> object:
        release.wait(60)
        return real_read_answer(result, limit)

    monkeypatch.setattr(kg.serve, "read_answer", blocked)
    server, base = _start(outputs, timeout_s=0.2)
    try:
        status, _, text = _get(f"{base}/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"))
    finally:
        release.set()
        server.shutdown()
        server.server_close()
    assert status == 503
    assert "E511" in text and "0.2 s" in text


def test_serve_binds_localhost_by_default(outputs: Path) -> None:
    server = make_server(outputs, port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


@pytest.mark.parametrize("options, code", [
    ({"timeout_s": 0}, "E516"),
    ({"result_limit": -1}, "E516"),
])
def test_serve_rejects_bad_config(outputs: Path, options: dict[str, float], code: str) -> None:
    with pytest.raises(QueryError) as info:
        make_server(outputs, port=0, **options)
    assert info.value.code == code
