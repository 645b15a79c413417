"""The pyoxigraph store behind ``kg query``, ``kg load`` and ``kg serve``:
build a persistent one from ``graph.trig`` atomically, open an outputs folder,
an RDF file or a store folder, and prepare it (ontology graph, union default
graph).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError
from ..outputs import settle
from ..paths import ONTOLOGY_DIR
from .base import ONTOLOGY_FILES, ONTOLOGY_GRAPH, PREFIXES, STAMP_NAME, STORE_DIRNAME, STORE_GRAPH

_RDF_EXTENSIONS = {".trig", ".ttl", ".nq", ".nt", ".n3", ".rdf", ".owl", ".jsonld"}


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

    >>> from kg.query import EXAMPLE, KGR
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
    >>> from kg.query import EXAMPLE
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

    >>> from kg.query import EXAMPLE
    >>> store = open_store(EXAMPLE)
    >>> bool(store.query("ASK { kg:PhoneCall rdfs:subClassOf* kg:Event }", prefixes=PREFIXES))
    True
    """
    path = Path(path)
    if path.is_dir():
        settle(path)
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
