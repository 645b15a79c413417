"""Load on ``kg serve``: 50 concurrent clients on loopback, a bounded number
of requests each, and the latency figures (p50, p95, max) and error count.

It starts ``python -m kg.cli serve`` on a free port over the query fixture
(tests/data/query/graph.trig) in a temporary outputs folder. Each client opens
a new connection per request (the server speaks HTTP/1.0), so the listen
backlog is exercised too. A benchmark: it prints figures and asserts nothing.

    python benchmarks/load_serve.py [--clients 50] [--requests 20]
"""
from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "query" / "graph.trig"
REQUESTS = [
    "/sparql?query=agreements",  # a named query
    "/sparql?query=" + urllib.parse.quote("SELECT ?s ?label WHERE { ?s rdfs:label ?label } LIMIT 50"),
    "/sparql?query=" + urllib.parse.quote("SELECT ?m WHERE { ?m a/rdfs:subClassOf* kg:Meeting }"),
    "/graph.trig",  # a static file
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _client(base: str, count: int, offset: int, latencies: list[float], errors: list[str]) -> None:
    for i in range(count):
        path = REQUESTS[(offset + i) % len(REQUESTS)]
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(base + path, timeout=60) as response:
                response.read()
        except (urllib.error.URLError, OSError) as err:
            errors.append(f"{path[:40]}: {err}")
        latencies.append(time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="requests per client")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        outputs = Path(tmp) / "outputs"
        outputs.mkdir()
        shutil.copy(FIXTURE, outputs / "graph.trig")
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(outputs), "--port", str(port)],
                                  cwd=ROOT, stderr=subprocess.PIPE, text=True)
        try:
            if "SPARQL endpoint" not in (server.stderr.readline() if server.stderr else ""):
                print("the server did not start", file=sys.stderr)
                return 1
            base = f"http://127.0.0.1:{port}"
            for _ in range(600):  # until a worker answers
                try:
                    urllib.request.urlopen(base + "/sparql?query=" + urllib.parse.quote("ASK {}"), timeout=60).read()
                    break
                except OSError:
                    time.sleep(0.1)
            latencies: list[float] = []
            errors: list[str] = []
            threads = [threading.Thread(target=_client, args=(base, args.requests, n, latencies, errors))
                       for n in range(args.clients)]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(30)
    ms = sorted(x * 1000 for x in latencies)
    p95 = ms[max(0, round(0.95 * len(ms)) - 1)]
    print(f"clients {args.clients}, requests {len(ms)} in {wall:.1f} s ({len(ms) / wall:.0f}/s)")
    print(f"latency ms: p50 {statistics.median(ms):.0f}  p95 {p95:.0f}  max {ms[-1]:.0f}")
    print(f"errors: {len(errors)}")
    for line in errors[:5]:
        print("  ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
