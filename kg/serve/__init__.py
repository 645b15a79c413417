"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the outputs
folder, and the viewer.

:mod:`~kg.serve.server` is the HTTP side (routes, content negotiation, Host
check, static files); :mod:`~kg.serve.workers` runs each query in a worker
process that is killed at the time limit; :mod:`kg.query.guard` decides,
from the parsed query, what is refused.
"""
from __future__ import annotations

from .server import (
    EXAMPLE_SOURCE,
    MAX_BODY,
    WORKERS,
    EndpointConfig,
    SparqlHandler,
    SparqlServer,
    make_server,
    serve,
    serve_command,
)
from .workers import Job, WorkerPool

__all__ = ["EXAMPLE_SOURCE", "MAX_BODY", "WORKERS", "EndpointConfig", "Job", "SparqlHandler", "SparqlServer",
           "WorkerPool", "make_server", "serve", "serve_command"]
