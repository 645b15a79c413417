"""A read-only SPARQL 1.1 Protocol endpoint over the outputs folder, with the
standard library's ``http.server``.

``/sparql`` answers GET ``?query=``, POST form ``query=`` and POST
``application/sparql-query`` (a bare name such as ``?query=timeline`` runs that
named query), in JSON, XML or CSV results (Turtle for
CONSTRUCT/DESCRIBE) by content negotiation. ``/`` is the viewer
(``graph.html``) and other paths are the outputs folder's files. SPARQL Update
and ``SERVICE`` are refused; a query runs in a worker and gives up after
``timeout_s`` (503); answers longer than ``result_limit`` rows are cut, and the
``X-Result-Truncated`` header says so.

>>> server = make_server(EXAMPLE_SOURCE, port=0)
>>> server.server_address[0]
'127.0.0.1'
>>> server.server_close()
"""
from __future__ import annotations

import logging
import mimetypes
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from .errors import QueryError
from .query import EXAMPLE, QUERIES_DIR, Answer, execute, format_answer, list_named_queries, open_store, read_answer

log = logging.getLogger(__name__)

EXAMPLE_SOURCE = EXAMPLE
MAX_BODY = 1 << 20  # a query is text; a megabyte is already absurd
WORKERS = 4  # queries at once; more wait for a free worker, then time out

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


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], store: object, config: EndpointConfig) -> None:
        super().__init__(address, SparqlHandler)
        self.store = store
        self.config = config
        self.pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="sparql")

    def server_close(self) -> None:
        super().server_close()
        # A runaway query cannot be interrupted; do not wait for it.
        self.pool.shutdown(wait=False, cancel_futures=True)


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-sparql/0.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        log.info("%s %s", self.address_string(), format % args)

    # ---------------------------------------------------------------- replies

    def _send(self, status: int, body: str | bytes, content_type: str = "text/plain; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _error(self, status: int, message: str) -> None:
        self._send(status, message.rstrip() + "\n")

    # ---------------------------------------------------------------- routes

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        url = urlsplit(self.path)
        if url.path.rstrip("/") == "/sparql":
            params = parse_qs(url.query, keep_blank_values=True)
            self._sparql(params, None)
        else:
            self._static(url.path)

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        url = urlsplit(self.path)
        if url.path.rstrip("/") != "/sparql":
            self._error(HTTPStatus.METHOD_NOT_ALLOWED, "POST goes to /sparql")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"[E513] the request body is over {MAX_BODY} bytes")
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
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
        limit = self.server.config.result_limit
        try:
            future = self.server.pool.submit(
                self._answer, query, params.get("default-graph-uri", []), params.get("named-graph-uri", []), limit)
        except RuntimeError:  # the pool is shut down: the server is stopping
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, "[E512] the server is stopping")
            return
        try:
            answer = future.result(timeout=self.server.config.timeout_s)
        except FutureTimeout:
            future.cancel()
            self._error(HTTPStatus.SERVICE_UNAVAILABLE,
                        f"[E511] the query ran over the {self.server.config.timeout_s:g} s limit and was abandoned; "
                        "add LIMIT, narrow the patterns, or raise [serve] timeout_s")
            return
        except QueryError as err:
            status = HTTPStatus.FORBIDDEN if err.code in ("E506", "E507") else HTTPStatus.BAD_REQUEST
            self._error(status, str(err))
            return
        chosen = _negotiate(accept, graph=answer.kind == "triples")
        if chosen is None:
            self._error(HTTPStatus.NOT_ACCEPTABLE, "[E521] no result format fits the Accept header; use "
                        + ", ".join(sorted(_RESULT_TYPES)) + " (or text/turtle for CONSTRUCT)")
            return
        fmt, content_type = chosen
        headers = {"X-Result-Limit": str(limit)}
        if answer.truncated:
            headers["X-Result-Truncated"] = "true"
            headers["Warning"] = f'199 kg "result cut to {limit} rows"'
        self._send(HTTPStatus.OK, format_answer(answer, fmt), content_type, headers)

    def _answer(self, query: str, default_graphs: list[str], named_graphs: list[str], limit: int) -> Answer:
        result = execute(self.server.store, query, allow_service=False,
                         default_graphs=default_graphs, named_graphs=named_graphs)
        return read_answer(result, limit)

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


def make_server(outputs: Path, host: str = "127.0.0.1", port: int = 8000, timeout_s: float = 10.0,
                result_limit: int = 10000) -> SparqlServer:
    """Open the store and bind the server (port 0: any free port), without
    serving yet: call ``serve_forever()``.

    >>> server = make_server(EXAMPLE_SOURCE, port=0, timeout_s=2)
    >>> server.config.timeout_s, server.config.result_limit
    (2, 10000)
    >>> server.server_close()
    """
    outputs = Path(outputs)
    if timeout_s <= 0 or result_limit <= 0:
        raise QueryError("E516", f"timeout_s ({timeout_s}) and result_limit ({result_limit}) must be positive",
                         fix="fix [serve] in the pipeline's TOML")
    store = open_store(outputs)
    root = outputs if outputs.is_dir() else outputs.parent
    config = EndpointConfig(root=root, timeout_s=timeout_s, result_limit=result_limit)
    try:
        return SparqlServer((host, port), store, config)
    except OSError as err:
        raise QueryError("E517", f"cannot listen on {host}:{port}: {err.strerror}",
                         fix="pick another --port, or stop the process using this one") from err


def serve(outputs: Path, host: str = "127.0.0.1", port: int = 8000, timeout_s: float = 10.0,
          result_limit: int = 10000) -> None:
    """Serve until interrupted (Ctrl-C); the address goes to stderr.
    ``kg serve`` is the command-line form; :func:`make_server` gives a server to drive yourself."""
    server = make_server(outputs, host, port, timeout_s, result_limit)
    bound_host, bound_port = server.server_address[:2]
    print(f"SPARQL endpoint: http://{bound_host}:{bound_port}/sparql  (viewer: http://{bound_host}:{bound_port}/)",
          file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


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
