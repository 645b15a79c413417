"""The processes that run the endpoint's queries.

A query runs in a worker process, never in the server's: a query over its time
limit is stopped by killing its worker (a thread cannot be stopped, and it
kept a core busy for good), and a crash inside pyoxigraph costs that one
request, not the server. Each worker opens the store read-only (RocksDB allows
many read-only openings) and, on Linux where unprivileged namespaces are
allowed, gives itself an empty network namespace first: even a query that got
past the SERVICE check could reach no address. A killed or crashed worker is
replaced in the background.

>>> from kg.query import EXAMPLE
>>> pool = WorkerPool(EXAMPLE, size=1)
>>> reply = pool.run(Job("ASK { ?c a kg:Country }", formats={"results": "json", "triples": None}),
...                  run_s=30, wait_s=30)
>>> reply[:3], b'"boolean": true' in reply[3] or b'"boolean":true' in reply[3]
(('ok', 'boolean', False), True)
>>> pool.close()
"""
from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import QueryError
from ..query import execute, format_answer, open_store, read_answer

log = logging.getLogger(__name__)

START_S = 60.0  # a worker imports pyoxigraph and rdflib and opens the store: seconds on a busy machine
_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000


@dataclass
class Job:
    """One query for a worker. ``formats`` maps the answer's kind (``results``:
    solutions or a boolean; ``triples``) to the format to write, or ``None``
    when the client accepts none."""

    query: str
    formats: dict[str, str | None]
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    limit: int | None = None


def _no_network() -> bool:
    """Move this (single-threaded, just started) process into new user and
    network namespaces: it keeps the files, and loses every network but an
    unconfigured loopback. False where the system does not allow it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0
    except (OSError, AttributeError):  # not Linux, or no unshare(2)
        return False


def _watch_parent(parent: int) -> None:
    """Exit when the server dies (kill -9 included): nobody would read the answer."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _worker_main(conn: multiprocessing.connection.Connection, source: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    isolated = _no_network()
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    try:
        store = open_store(Path(source))
        execute(store, "ASK { }", allow_service=False)  # loads the checker's parser now, not on the first query
    except QueryError as err:
        conn.send(("failed", str(err)))
        return
    conn.send(("ready", isolated))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_run(store, job))


def _run(store: object, job: Job) -> tuple:
    try:
        result = execute(store, job.query, allow_service=False,
                         default_graphs=job.default_graphs, named_graphs=job.named_graphs)
        answer = read_answer(result, job.limit)
        fmt = job.formats["triples" if answer.kind == "triples" else "results"]
        if fmt is None:
            return ("unacceptable", answer.kind)
        return ("ok", answer.kind, answer.truncated, format_answer(answer, fmt).encode("utf-8"))
    except QueryError as err:
        return ("error", err.code, str(err))


class _Worker:
    def __init__(self, process: multiprocessing.process.BaseProcess,
                 conn: multiprocessing.connection.Connection) -> None:
        self.process = process
        self.conn = conn
        self.discarded = False


class WorkerPool:
    """``size`` worker processes over the store at ``source`` (a store folder
    or an RDF file, as :func:`kg.query.open_store` takes)."""

    def __init__(self, source: Path, size: int) -> None:
        self.source = str(source)
        self.size = size
        self.failure: str | None = None  # why the last worker could not start
        self.isolated: bool | None = None  # whether workers run without a network
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._starting = 0
        self._starters: list[threading.Thread] = []
        self._closed = False
        for _ in range(size):
            self._replace()

    def pids(self) -> list[int]:
        """The process ids of the live workers."""
        with self._lock:
            return sorted(w.process.pid for w in self._workers if w.process.pid is not None)

    def _replace(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._starting += 1
            starter = threading.Thread(target=self._start_one, name="kg-sparql-start", daemon=True)
            self._starters = [t for t in self._starters if t.is_alive()] + [starter]
        starter.start()

    def _start_one(self) -> None:
        worker = None
        try:
            here, there = self._context.Pipe()
            process = self._context.Process(target=_worker_main, args=(there, self.source),
                                            name="kg-sparql-worker", daemon=True)
            process.start()
            there.close()
            worker = _Worker(process, here)
            with self._lock:
                self._workers.add(worker)
                closed = self._closed
            if closed:  # close() ran while this one was starting
                message = ("failed", "the pool is closed")
            else:
                message = here.recv() if here.poll(START_S) else ("failed", f"no answer after {START_S:g} s")
        except (EOFError, OSError) as err:
            message = ("failed", f"it exited while starting ({err or 'no message'})")
        finally:
            with self._lock:
                self._starting -= 1
        if self._closed:
            if worker is not None:
                self._discard(worker)
            return
        if message[0] == "ready" and worker is not None:
            if self.isolated is None:
                self.isolated = message[1]
                log.info("query workers %s", "run without a network" if message[1]
                         else "share the host's network (no user namespaces); SERVICE is refused by the checker")
            self._idle.put(worker)
            return
        self.failure = str(message[1])
        log.error("a query worker could not start: %s", self.failure)
        if worker is not None:
            self._discard(worker)

    def _discard(self, worker: _Worker) -> None:
        """Kill ``worker`` and close its pipe, once: only the thread that holds it calls this."""
        with self._lock:
            if worker.discarded:
                return
            worker.discarded = True
            self._workers.discard(worker)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    def _take(self, wait_s: float) -> _Worker:
        """A free, live worker; wait ``wait_s`` for one (longer while some are starting)."""
        deadline = time.monotonic() + wait_s
        while True:
            if self._closed:
                raise QueryError("E512", "the server is stopping", fix="send the query again when it is back")
            left = deadline - time.monotonic()
            with self._lock:
                starting, live = self._starting, len(self._workers)
            if starting == 0 and live == 0 and self.failure:
                raise QueryError("E526", f"the query workers cannot start: {self.failure}",
                                 fix="check that the store opens (`kg query` on the same folder), then restart")
            if left <= -START_S or (left <= 0 and starting == 0):
                raise QueryError("E525", f"every query worker ({self.size}) stayed busy for {wait_s:g} s",
                                 fix="send fewer queries at once, or make them faster (LIMIT, narrower patterns)")
            try:
                worker = self._idle.get(timeout=min(max(left, 0.05), 0.5))
            except queue.Empty:
                continue
            if worker.process.is_alive():
                return worker
            self._discard(worker)  # died while idle (killed from outside, out of memory)
            self._replace()

    def run(self, job: Job, run_s: float, wait_s: float) -> tuple:
        """Run ``job`` on a free worker: its reply tuple (``ok``, ``error`` or
        ``unacceptable``). A worker over ``run_s`` seconds is killed (E511); one
        that dies is replaced (E524)."""
        worker = self._take(wait_s)
        try:
            worker.conn.send(job)
            if not worker.conn.poll(run_s):
                self._discard(worker)
                self._replace()
                raise QueryError("E511", f"the query ran over the {run_s:g} s limit and was stopped",
                                 fix="add LIMIT, narrow the patterns, or raise [serve] timeout_s")
            reply = worker.conn.recv()
        except (EOFError, OSError) as err:
            code = worker.process.exitcode
            self._discard(worker)
            self._replace()
            how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}" if code else str(err)
            raise QueryError("E524", f"the worker running the query died ({how}); the server goes on",
                             fix="simplify the query; if it happens again, please report it with the query") \
                from None
        self._idle.put(worker)
        return reply

    def close(self) -> None:
        """Stop every worker now, busy or not."""
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            starters = list(self._starters)
        for worker in workers:
            # A busy worker's pipe is its request thread's to close (it sees the end of file):
            # closing it here, under that thread's poll(), would race with it.
            if worker.process.is_alive():
                worker.process.kill()
        while True:
            try:
                self._discard(self._idle.get_nowait())
            except queue.Empty:
                break
        for starter in starters:  # each sees the pool closed and stops its worker
            starter.join(10)
