"""The read-only SPARQL endpoint, queried over HTTP with a standard client
(SPARQLWrapper) and with raw requests for the refusals."""
from __future__ import annotations

import csv
import http.client
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
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
from kg.query.guard import MAX_DEPTH, check_query
from kg.query import QUERIES_DIR, list_named_queries
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


# ------------------------------------------------------------------ hardening (issue 10)

# Every triple against every triple, four times over: 668**4 rows to count, which runs for hours.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
QUICK = "ASK { ?v a kg:Vote }"


def _ask(base: str, query: str = QUICK, **headers: str) -> tuple[int, str]:
    status, _, body = _post(f"{base}/sparql", query, "application/sparql-query", headers.get("accept", ""))
    return status, body


def _send_raw(base: str, request: bytes) -> bytes:
    """Write ``request`` to the server byte for byte; what it answers before closing."""
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.fixture()
def listener() -> Iterator[socket.socket]:
    """A TCP port on loopback that records whether anything connects to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(0.5)
    yield sock
    sock.close()


@pytest.mark.parametrize("template", [
    # The reported bypass: "<2)SERVICE:s#>" looked like an IRI to the old text check.
    "PREFIX : <http://127.0.0.1:{port}/> SELECT * WHERE {{ BIND(1 AS ?c) FILTER(?c<2)SERVICE:s#>\n{{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ OPTIONAL {{ {{ SELECT ?s WHERE {{ SeRvIcE#x\n<http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} }} }} }}",
    "ASK {{ FILTER EXISTS {{ SERVICE SILENT <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} }}",
])
def test_serve_refuses_service_from_the_parsed_query(endpoint: str, listener: socket.socket, template: str) -> None:
    port = listener.getsockname()[1]
    status, text = _ask(endpoint, template.format(port=port))
    assert status == 403 and "E507" in text
    with pytest.raises(TimeoutError):
        listener.accept()  # the server never called out


def test_serve_named_queries_pass_the_checker() -> None:
    for name, _ in list_named_queries():
        check_query((QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8"))


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "?o" + ")" * 5000 + ") }",  # segfaulted pyoxigraph
    "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000,
    "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * (MAX_DEPTH + 1) + "?o" + ")" * (MAX_DEPTH + 1) + ") }",
])
def test_serve_refuses_deep_nesting_and_lives(endpoint: str, query: str) -> None:
    status, text = _ask(endpoint, query)
    assert status == 400 and "E523" in text
    assert _ask(endpoint)[0] == 200


def test_serve_allows_brackets_in_strings_and_comments(endpoint: str) -> None:
    query = 'SELECT ?x WHERE { BIND("' + "(" * 500 + '" AS ?x) } # ' + "{" * 500
    status, _, text = _get(f"{endpoint}/sparql?query=" + urllib.parse.quote(query), {"Accept": "text/csv"})
    assert (status, text.splitlines()) == (200, ["x", "(" * 500])


def test_serve_refuses_an_overlong_query(endpoint: str) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 200_000
    status, text = _ask(endpoint, query)
    assert status == 413 and "E522" in text


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(")")[-1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


def test_serve_runaway_queries_are_stopped(outputs: Path) -> None:
    # More runaway queries than workers, one after the other: each is killed at the limit,
    # its core is freed, and the server still answers (it used to 503 everything).
    server, base = _start(outputs, timeout_s=1)
    try:
        assert _ask(base)[0] == 200  # the workers are up
        for _ in range(kg.serve.WORKERS + 1):
            pool = getattr(server, "pool", None)
            before = set(pool.pids()) if hasattr(pool, "pids") else set()
            started = time.monotonic()
            status, text = _ask(base, RUNAWAY)
            assert (status, "E511" in text) == (503, True)
            assert time.monotonic() - started < 10
            cpu = time.process_time()
            time.sleep(0.5)
            assert time.process_time() - cpu < 0.25  # no thread of the server still runs the query
            assert before and not all(_alive(pid) for pid in before)  # its worker process is gone
        status, text = _ask(base)
        assert status == 200 and "true" in text
    finally:
        server.shutdown()
        server.server_close()


def test_serve_a_dying_worker_costs_one_request(outputs: Path) -> None:
    server, base = _start(outputs, timeout_s=30, workers=1)
    try:
        assert _ask(base)[0] == 200
        (pid,) = server.pool.pids()
        killer = threading.Timer(0.5, os.kill, (pid, signal.SIGKILL))  # as a segmentation fault would
        killer.start()
        status, text = _ask(base, RUNAWAY)
        killer.join()
        assert status == 500 and "E524" in text
        status, text = _ask(base)
        assert status == 200 and "true" in text
    finally:
        server.shutdown()
        server.server_close()


def _ask_ignoring_errors(base: str, query: str) -> None:
    try:
        _ask(base, query)
    except OSError:  # the server went away mid-query: that is the point
        pass


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(c) for c in (task / "children").read_text().split())
    return found


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
def test_serve_ctrl_c_stops_a_busy_server(outputs: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = f"from kg.serve import serve; serve({str(outputs)!r}, port={port}, timeout_s=60)"
    proc = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parents[1])
    try:
        assert "SPARQL endpoint" in proc.stderr.readline()
        base = f"http://127.0.0.1:{port}"
        assert _ask(base)[0] == 200
        threading.Thread(target=_ask_ignoring_errors, args=(base, RUNAWAY), daemon=True).start()
        time.sleep(1.0)  # the runaway query is running
        children = _children(proc.pid)
        proc.send_signal(signal.SIGINT)
        _, errors = proc.communicate(timeout=15)
        assert proc.returncode == 0, errors
        time.sleep(0.5)
        assert not [pid for pid in children if _alive(pid)]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_serve_cors_only_on_the_sparql_route(endpoint: str) -> None:
    _, sparql_headers, _ = _get(f"{endpoint}/sparql?query=" + urllib.parse.quote(QUICK))
    assert sparql_headers.get("Access-Control-Allow-Origin") == "*"
    for path in ("/", "/graph.html", "/articles/q001.ttl", "/no-such-file.txt"):
        _, headers, _ = _get(endpoint + path)
        assert "Access-Control-Allow-Origin" not in headers, path


def test_serve_answers_the_cors_preflight(endpoint: str) -> None:
    request = urllib.request.Request(f"{endpoint}/sparql", method="OPTIONS",
                                     headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 204
        assert "POST" in response.headers["Access-Control-Allow-Methods"]


@pytest.mark.parametrize("host, allowed", [
    ("localhost:{port}", True),
    ("127.0.0.1:{port}", True),
    ("[::1]:{port}", True),
    ("attacker.example:{port}", False),  # a DNS-rebinding page gives its own name
    ("localhost:1", False),
    ("localhost", False),
    ("", False),
])
def test_serve_checks_the_host_header(endpoint: str, host: str, allowed: bool) -> None:
    port = urllib.parse.urlsplit(endpoint).port
    for path in ("/graph.html", "/sparql?query=" + urllib.parse.quote(QUICK)):
        answer = _send_raw(endpoint, f"GET {path} HTTP/1.1\r\nHost: {host.format(port=port)}\r\n"
                                     "Connection: close\r\n\r\n".encode())
        status = int(answer.split(b" ", 2)[1])
        if allowed:
            assert status == 200, path
        else:
            assert status == 403 and b"E527" in answer and b"viewer of the fixture" not in answer, path


def test_serve_refuses_a_missing_host_header(endpoint: str) -> None:
    answer = _send_raw(endpoint, b"GET /graph.html HTTP/1.1\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.0 403") and b"E527" in answer


@pytest.mark.parametrize("length", ["-5", "abc", "1e3", "٣"])
def test_serve_bad_content_length_is_400(endpoint: str, length: str) -> None:
    port = urllib.parse.urlsplit(endpoint).port
    answer = _send_raw(endpoint, (f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                                  "Content-Type: application/sparql-query\r\n"
                                  f"Content-Length: {length}\r\nConnection: close\r\n\r\n{QUICK}").encode())
    assert answer.startswith(b"HTTP/1.0 400") and b"E528" in answer
    assert _ask(endpoint)[0] == 200


def test_serve_short_body_is_400(endpoint: str) -> None:
    port = urllib.parse.urlsplit(endpoint).port
    answer = _send_raw(endpoint, (f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                                  "Content-Type: application/sparql-query\r\n"
                                  f"Content-Length: 500\r\nConnection: close\r\n\r\n{QUICK}").encode())
    assert answer.startswith(b"HTTP/1.0 400") and b"E528" in answer


def test_serve_listen_backlog_is_not_five(outputs: Path) -> None:
    server = make_server(outputs, port=0)
    try:
        assert server.request_queue_size >= 128
    finally:
        server.server_close()


@pytest.mark.parametrize("port", [99999, -1])
def test_serve_make_server_refuses_a_port_out_of_range_with_a_code(port):
    # socketserver closes the socket inside a failing bind: that close must not hide the error
    from kg.query import EXAMPLE

    with pytest.raises(QueryError) as err:
        make_server(EXAMPLE, port=port)
    assert err.value.code == "E517" and "0 to 65535" in str(err.value)
