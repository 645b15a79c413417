"""The HTTP side of ``kg serve``, with the standard library's threading
``http.server``.

``/sparql`` answers GET ``?query=``, POST form ``query=`` and POST
``application/sparql-query`` (a bare name such as ``?query=timeline`` runs that
named query), in JSON, XML or CSV results (Turtle for
CONSTRUCT/DESCRIBE) by content negotiation. ``/`` is the viewer
(``graph.html``) and other paths are the outputs folder's files. SPARQL Update,
``LOAD`` and ``SERVICE`` are refused from the parsed query
(:mod:`kg.query.guard`); a query runs in a worker process that is killed after
``timeout_s`` (503); answers longer than ``result_limit`` rows are cut, and the
``X-Result-Truncated`` header says so. Only ``/sparql`` sends CORS headers, and
a request whose ``Host`` header names another server is refused (DNS
rebinding).

>>> server = make_server(EXAMPLE_SOURCE, port=0)
>>> server.server_address[0]
'127.0.0.1'
>>> server.server_close()
"""
from __future__ import annotations

import ipaddress
import logging
import mimetypes
import re
import signal
import socket
import sys
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from ..errors import QueryError
from ..query import EXAMPLE, QUERIES_DIR, STORE_DIRNAME, check_size, list_named_queries, open_store
from .workers import Job, WorkerPool

log = logging.getLogger(__name__)

EXAMPLE_SOURCE = EXAMPLE
MAX_BODY = 1 << 20  # a query is text; a megabyte is already absurd
WORKERS = 4  # worker processes, so queries at once; more wait for a free worker, then time out
BACKLOG = 128  # connections the kernel queues before accept (socketserver's default is 5)
READ_TIMEOUT_S = 30.0  # a client that stops sending mid-request loses its connection
# Refusals are 403, a server that cannot answer now 503, a dead worker 500; the rest are the client's (400).
_STATUS = {"E506": HTTPStatus.FORBIDDEN, "E507": HTTPStatus.FORBIDDEN, "E511": HTTPStatus.SERVICE_UNAVAILABLE,
           "E512": HTTPStatus.SERVICE_UNAVAILABLE, "E525": HTTPStatus.SERVICE_UNAVAILABLE,
           "E524": HTTPStatus.INTERNAL_SERVER_ERROR, "E526": HTTPStatus.INTERNAL_SERVER_ERROR,
           "E504": HTTPStatus.INTERNAL_SERVER_ERROR, "E522": HTTPStatus.REQUEST_ENTITY_TOO_LARGE}

# media type -> (answer format, content type sent back)
_RESULT_TYPES = {
    "application/sparql-results+json": ("json", "application/sparql-results+json; charset=utf-8"),
    "application/json": ("json", "application/sparql-results+json; charset=utf-8"),
    "application/sparql-results+xml": ("xml", "application/sparql-results+xml; charset=utf-8"),
    "application/xml": ("xml", "application/sparql-results+xml; charset=utf-8"),
    "text/csv": ("csv", "text/csv; charset=utf-8"),
    "text/plain": ("table", "text/plain; charset=utf-8"),
}
_GRAPH_TYPES = {"text/turtle", "application/x-turtle", "text/plain"}
# ?format= shortcuts for browsers, which cannot set Accept from a link.
_FORMAT_PARAM = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                 "csv": "text/csv", "table": "text/plain", "text": "text/plain", "turtle": "text/turtle"}

_INDEX = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>kg SPARQL endpoint</title>
<h1>kg SPARQL endpoint</h1>
<p>No viewer (graph.html) in this folder. Query the graph at <code>/sparql</code>:</p>
<form action="/sparql" method="get">
<textarea name="query" rows="8" cols="80">SELECT ?actor ?label ?events WHERE {
  ?actor rdfs:label ?label .
} LIMIT 20</textarea><br>
<select name="format"><option>table</option><option>json</option><option>csv</option><option>xml</option></select>
<button>Run</button>
</form>
</html>
"""


def _negotiate(accept: str, *, graph: bool) -> tuple[str, str] | None:
    """Pick (format, content type) from an Accept header; ``None``: nothing fits.

    >>> _negotiate("text/csv;q=0.5, application/sparql-results+xml", graph=False)
    ('xml', 'application/sparql-results+xml; charset=utf-8')
    >>> _negotiate("", graph=True)
    ('turtle', 'text/turtle; charset=utf-8')
    >>> _negotiate("image/png", graph=False) is None
    True
    """
    ranges = []
    for position, item in enumerate(accept.split(",")):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        if not media:
            continue
        quality = 1.0
        for param in parts[1:]:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        ranges.append((-quality, position, media))
    if not ranges:
        ranges = [(-1.0, 0, "*/*")]
    for negative_quality, _, media in sorted(ranges):
        if negative_quality == 0:
            continue
        if graph:
            if media in _GRAPH_TYPES or media in ("*/*", "text/*"):
                return "turtle", "text/turtle; charset=utf-8"
        elif media in _RESULT_TYPES:
            return _RESULT_TYPES[media]
        elif media in ("*/*", "application/*"):
            return _RESULT_TYPES["application/sparql-results+json"]
        elif media == "text/*":
            return _RESULT_TYPES["text/csv"]
    return None


@dataclass
class EndpointConfig:
    root: Path  # the folder whose files are served
    timeout_s: float
    result_limit: int


def _allowed_names(host: str) -> tuple[set[str], bool]:
    """The host names a request may give for a server bound to ``host``, and
    whether any IP address is allowed too (bound to every interface).

    >>> sorted(_allowed_names("127.0.0.1")[0])
    ['127.0.0.1', '::1', 'localhost']
    >>> _allowed_names("192.0.2.7")
    ({'192.0.2.7'}, False)
    """
    host = host.lower()
    loopback = {"localhost", "127.0.0.1", "::1"}
    if host in ("", "0.0.0.0", "::"):
        names = loopback | {socket.gethostname().lower(), socket.getfqdn().lower()}
        return names, True
    try:
        is_loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        is_loopback = host == "localhost"
    return (loopback | {host}) if is_loopback else {host}, False


def host_allowed(header: str | None, names: set[str], any_ip: bool, port: int) -> bool:
    """Whether a ``Host`` header names this server: one of ``names`` (or any
    IP address when ``any_ip``) with the bound ``port`` (no port: 80 only).
    A name that resolves to us but is not ours is what a DNS-rebinding page
    sends, and is refused.

    >>> host_allowed("localhost:8000", {"localhost"}, False, 8000)
    True
    >>> host_allowed("evil.example:8000", {"localhost"}, False, 8000), host_allowed("localhost:9", {"localhost"}, False, 8000)
    (False, False)
    >>> host_allowed("[::1]:8000", {"::1"}, False, 8000), host_allowed("10.1.2.3:8000", set(), True, 8000)
    (True, True)
    """
    if not header:
        return False
    match = re.fullmatch(r"(\[[0-9A-Fa-f:.]+\]|[^\[\]:]+)(?::([0-9]{1,5}))?", header.strip())
    if not match:
        return False
    name = match.group(1).strip("[]").lower().rstrip(".")
    given_port = int(match.group(2)) if match.group(2) else 80
    if given_port != port:
        return False
    if name in names:
        return True
    if any_ip:
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return False
    return False


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = BACKLOG

    def __init__(self, address: tuple[str, int], source: Path, config: EndpointConfig, workers: int = WORKERS) -> None:
        self.pool: WorkerPool | None = None  # server_close runs inside a failing bind, before the pool
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, SparqlHandler)
        self.config = config
        self.host_names, self.any_ip = _allowed_names(address[0])
        self.pool = WorkerPool(source, workers)

    def server_close(self) -> None:
        super().server_close()
        if self.pool is not None:
            self.pool.close()  # kills the workers, a runaway query's too

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hangs up mid-answer is not the server's failure: one log line, no traceback.
        err = sys.exc_info()[1]
        if isinstance(err, (ConnectionError, TimeoutError)):
            log.info("%s: connection lost (%s)", client_address, err)
        else:
            log.exception("%s: request failed", client_address)


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-sparql/0.2"
    timeout = READ_TIMEOUT_S

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        log.info("%s %s", self.address_string(), format % args)

    # ---------------------------------------------------------------- replies

    def _send(self, status: int, body: str | bytes, content_type: str = "text/plain; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        if self._is_sparql():
            # Only the query route is for other origins: the files (failures.json holds local paths) are not.
            self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _error(self, status: int, message: str) -> None:
        self._send(status, message.rstrip() + "\n")

    def _is_sparql(self) -> bool:
        return urlsplit(getattr(self, "path", "") or "").path.rstrip("/") == "/sparql"

    # ---------------------------------------------------------------- routes

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        port = self.server.server_address[1]
        if not host_allowed(self.headers.get("Host"), self.server.host_names, self.server.any_ip, port):
            self.close_connection = True
            self._error(HTTPStatus.FORBIDDEN, f"[E527] the Host header {self.headers.get('Host')!r} does not name "
                        f"this server; ask for it as http://{self._own_host()}:{port}/ "
                        "(pages on other domains cannot read it)")
            return False
        return True

    def _own_host(self) -> str:
        host = self.server.server_address[0]
        return f"[{host}]" if ":" in host else host

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        url = urlsplit(self.path)
        if url.path.rstrip("/") == "/sparql":
            params = parse_qs(url.query, keep_blank_values=True)
            self._sparql(params, None)
        else:
            self._static(url.path)

    do_HEAD = do_GET

    def do_OPTIONS(self) -> None:  # noqa: N802 - stdlib name; the CORS preflight of a POST
        if not self._is_sparql():
            self._error(HTTPStatus.METHOD_NOT_ALLOWED, "OPTIONS goes to /sparql")
            return
        self._send(HTTPStatus.NO_CONTENT, b"", headers={
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS", "Access-Control-Allow-Headers": "Content-Type, Accept",
            "Access-Control-Max-Age": "600"})

    def _body(self) -> bytes | None:
        """The request body, or ``None`` after a 4xx for a bad length."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self.close_connection = True
            self._error(HTTPStatus.LENGTH_REQUIRED, "[E528] a chunked request body is not read here; "
                        "send Content-Length with the body")
            return None
        raw = (self.headers.get("Content-Length") or "0").strip()
        if not raw.isdigit() or not raw.isascii():
            self.close_connection = True
            self._error(HTTPStatus.BAD_REQUEST, f"[E528] Content-Length {raw[:40]!r} is not a byte count; "
                        "send the body's length in bytes")
            return None
        length = int(raw)
        if length > MAX_BODY:
            self.close_connection = True
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"[E513] the request body is over {MAX_BODY} bytes")
            return None
        data = self.rfile.read(length)
        if len(data) != length:
            self.close_connection = True
            self._error(HTTPStatus.BAD_REQUEST, f"[E528] the body ended after {len(data)} of the {length} bytes "
                        "that Content-Length announced; send the whole body")
            return None
        return data

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        url = urlsplit(self.path)
        if url.path.rstrip("/") != "/sparql":
            self.close_connection = True
            self._error(HTTPStatus.METHOD_NOT_ALLOWED, "POST goes to /sparql")
            return
        data = self._body()
        if data is None:
            return
        body = data.decode("utf-8", errors="replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if media == "application/sparql-update":
            self._error(HTTPStatus.FORBIDDEN, "[E506] this endpoint is read-only: SPARQL Update is refused")
        elif media == "application/sparql-query":
            self._sparql(params, body)
        elif media in ("application/x-www-form-urlencoded", ""):
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
            self._sparql(params, None)
        else:
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        f"[E519] cannot read a {media} body; send application/sparql-query or a form")

    def _sparql(self, params: dict[str, list[str]], body: str | None) -> None:
        if "update" in params:
            self._error(HTTPStatus.FORBIDDEN, "[E506] this endpoint is read-only: the update parameter is refused")
            return
        queries = params.get("query", []) + ([body] if body is not None else [])
        if len(queries) != 1 or not queries[0].strip():
            self._error(HTTPStatus.BAD_REQUEST, "[E520] give exactly one query: GET /sparql?query=..., "
                        "or POST it as a form (query=...) or as application/sparql-query")
            return
        query = queries[0]
        # A bare name runs a named query (never a file path: that would read the disk).
        if re.fullmatch(r"[A-Za-z0-9_-]+", query.strip()):
            named = QUERIES_DIR / f"{query.strip()}.rq"
            if not named.is_file():
                self._error(HTTPStatus.BAD_REQUEST, f"[E502] no named query {query.strip()!r}; the named queries are: "
                            + ", ".join(name for name, _ in list_named_queries()))
                return
            query = named.read_text(encoding="utf-8")
        wanted = params.get("format", [""])[-1]
        accept = _FORMAT_PARAM.get(wanted, self.headers.get("Accept") or "")
        chosen = {"results": _negotiate(accept, graph=False), "triples": _negotiate(accept, graph=True)}
        config = self.server.config
        job = Job(query, formats={kind: c and c[0] for kind, c in chosen.items()},
                  default_graphs=params.get("default-graph-uri", []), named_graphs=params.get("named-graph-uri", []),
                  limit=config.result_limit)
        try:
            check_size(query)  # before any parser: a deep query overflowed pyoxigraph's stack
            reply = self.server.pool.run(job, run_s=config.timeout_s, wait_s=config.timeout_s)
        except QueryError as err:
            self._error(_STATUS.get(err.code, HTTPStatus.BAD_REQUEST), str(err))
            return
        if reply[0] == "error":
            self._error(_STATUS.get(reply[1], HTTPStatus.BAD_REQUEST), reply[2])
            return
        if reply[0] == "unacceptable":
            self._error(HTTPStatus.NOT_ACCEPTABLE, "[E521] no result format fits the Accept header; use "
                        + ", ".join(sorted(_RESULT_TYPES)) + " (or text/turtle for CONSTRUCT)")
            return
        _, kind, truncated, data = reply
        headers = {"X-Result-Limit": str(config.result_limit)}
        if truncated:
            headers["X-Result-Truncated"] = "true"
            headers["Warning"] = f'199 kg "result cut to {config.result_limit} rows"'
        self._send(HTTPStatus.OK, data, chosen["triples" if kind == "triples" else "results"][1], headers)

    def _static(self, raw_path: str) -> None:
        root = self.server.config.root.resolve()
        relative = unquote(raw_path).lstrip("/")
        if relative == "":
            index = root / "graph.html"
            if index.is_file():
                self._file(index)
            else:
                self._send(HTTPStatus.OK, _INDEX, "text/html; charset=utf-8")
            return
        parts = Path(relative).parts
        if "\\" in relative or "\x00" in relative or any(part in ("..", ".") or part.startswith(".") for part in parts) \
                or (parts and parts[0] == "store"):
            self._error(HTTPStatus.FORBIDDEN, "[E514] that path is outside what this server shows")
            return
        target = (root / relative).resolve()
        if not target.is_relative_to(root):  # a symbolic link leading out
            self._error(HTTPStatus.FORBIDDEN, "[E514] that path is outside what this server shows")
            return
        if not target.is_file():
            self._error(HTTPStatus.NOT_FOUND, f"[E515] no file {relative!r}; the endpoint is /sparql")
            return
        self._file(target)

    def _file(self, path: Path) -> None:
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix in (".ttl", ".trig"):
            content_type = "text/turtle" if path.suffix == ".ttl" else "application/trig"
        if content_type.startswith("text/") or content_type in ("application/trig", "application/json",
                                                                "application/javascript"):
            content_type += "; charset=utf-8"
        self._send(HTTPStatus.OK, path.read_bytes(), content_type)


def _worker_source(outputs: Path) -> Path:
    """What the workers open: the store folder that :func:`open_store` built
    or found (read-only, so that they never build it at the same time), or
    the RDF file itself (each worker loads it in memory)."""
    if outputs.is_dir() and (outputs / "graph.trig").is_file():
        return outputs / STORE_DIRNAME
    return outputs


def make_server(outputs: Path, host: str = "127.0.0.1", port: int = 8000, timeout_s: float = 10.0,
                result_limit: int = 10000, workers: int = WORKERS) -> SparqlServer:
    """Open (or build) the store, bind the server (port 0: any free port) and
    start ``workers`` query processes, without serving yet: call
    ``serve_forever()``, and ``server_close()`` at the end.

    >>> server = make_server(EXAMPLE_SOURCE, port=0, timeout_s=2)
    >>> server.config.timeout_s, server.config.result_limit
    (2, 10000)
    >>> server.server_close()
    """
    outputs = Path(outputs)
    if timeout_s <= 0 or result_limit <= 0:
        raise QueryError("E516", f"timeout_s ({timeout_s}) and result_limit ({result_limit}) must be positive",
                         fix="fix [serve] in the pipeline's TOML")
    open_store(outputs)  # builds outputs/store if graph.trig is newer, and fails here, not in each worker
    root = outputs if outputs.is_dir() else outputs.parent
    config = EndpointConfig(root=root, timeout_s=timeout_s, result_limit=result_limit)
    try:
        return SparqlServer((host, port), _worker_source(outputs), config, workers)
    except OSError as err:
        raise QueryError("E517", f"cannot listen on {host}:{port}: {err.strerror}",
                         fix="pick another --port, or stop the process using this one") from err
    except OverflowError as err:  # a port outside 0-65535
        raise QueryError("E517", f"cannot listen on {host}:{port}: {err}",
                         fix="pick a --port from 0 to 65535") from err


def serve(outputs: Path, host: str = "127.0.0.1", port: int = 8000, timeout_s: float = 10.0,
          result_limit: int = 10000) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM: the workers are stopped
    too, a running query's included); the address goes to stderr.
    ``kg serve`` is the command-line form; :func:`make_server` gives a server to drive yourself."""
    server = make_server(outputs, host, port, timeout_s, result_limit)
    bound_host, bound_port = server.server_address[:2]
    print(f"SPARQL endpoint: http://{bound_host}:{bound_port}/sparql  (viewer: http://{bound_host}:{bound_port}/)",
          file=sys.stderr)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve_command(outputs: Path, host: str = "127.0.0.1", port: int = 8000, timeout_s: float = 10.0,
                  result_limit: int = 10000) -> int:
    """``kg serve``: exit code 0 after Ctrl-C, 2 when the server cannot start.

    >>> serve_command(Path("no/such/folder"), port=0)
    2
    """
    try:
        serve(outputs, host, port, timeout_s, result_limit)
    except QueryError as err:
        print(err, file=sys.stderr)
        return 2
    return 0
