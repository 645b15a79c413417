"""The outputs stage: a run's files land in the output directory as one set.

A run writes everything into a staging folder inside the output directory
(``.kg-staging-*``), then commits: a journal (``.kg-commit``) names the
staging folder and the files of the new set, and each file or folder is moved
into place with :func:`os.replace` / :func:`os.rename`, which are atomic on one
file system. Files of an earlier run that the new set does not have
(``graph.html`` after ``--no-viewer``, articles no longer in the input) are
moved out of the way at the same time, so the directory never mixes runs.

A kill before the journal is written leaves the old set untouched (the next
run removes the stale staging folder); a kill after it is rolled forward by
the next ``kg run`` (or any :func:`recover`), which completes the moves
from the journal. Files kg does not own (``.gitkeep``, a README, the user's
own files) are never touched. One run at a time may write to a directory: a
second one stops with ``[E401]``.

>>> import tempfile
>>> out = Path(tempfile.mkdtemp()) / "out"
>>> with OutputSet(out) as staged:
...     write_atomic(staged.path("graph.ttl"), "# new\\n")
...     _ = staged.commit()
>>> sorted(p.name for p in out.iterdir())
['.kg-lock', 'graph.ttl', 'manifest.json']
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import unquote

from .cache import current_umask, write_atomic
from .errors import OutputError

# Every name a run may write at the top of the output directory. Only these
# are ever replaced or removed there.
OWNED: tuple[str, ...] = (
    "graph.trig", "graph.ttl", "graph.jsonld", "graph.nq", "graph.html",
    "articles", "store", "failures.json", "manifest.json",
)
JOURNAL = ".kg-commit"
LOCK = ".kg-lock"
STAGING_PREFIX = ".kg-staging-"


class OutputSet:
    """Stage a run's files and swap them in as one set (see the module doc).

    Use as a context manager: :meth:`path` names a file inside the staging
    folder, :meth:`commit` swaps the staged set in. Leaving the block without
    a commit (an error) removes the staging folder and keeps the old set.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self.staging: Path | None = None
        self._lock_fd: int | None = None
        self.committed = False

    def __enter__(self) -> "OutputSet":
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self._lock()
            recover(self.out_dir)
            self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.out_dir))
            os.chmod(self.staging, 0o777 & ~current_umask())
        except OSError as exc:
            self._unlock()
            raise _unwritable(self.out_dir, exc) from exc
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            if self.staging is not None and self.staging.exists():
                shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._unlock()

    def path(self, name: str) -> Path:
        """Where to write ``name`` (``graph.trig``, ``articles/x.ttl``) in the staging folder."""
        assert self.staging is not None, "use OutputSet as a context manager"
        return self.staging / name

    def final(self, name: str) -> Path:
        """Where ``name`` will lie once committed."""
        return self.out_dir / name

    def commit(self) -> list[Path]:
        """Swap the staged set in; return the final paths of the new set."""
        assert self.staging is not None, "use OutputSet as a context manager"
        names = sorted(p.name for p in self.staging.iterdir() if p.name in OWNED)
        stray = sorted(p.name for p in self.staging.iterdir() if p.name not in OWNED)
        assert not stray, f"staged names kg does not own: {stray}"
        names = sorted(set(names) | {"manifest.json"})
        manifest = {"files": names}
        try:
            write_atomic(self.staging / "manifest.json", json.dumps(manifest, indent=2) + "\n")
            write_atomic(self.out_dir / JOURNAL,
                         json.dumps({"staging": self.staging.name, "files": names}) + "\n")
            _apply(self.out_dir)
        except OSError as exc:
            raise _unwritable(self.out_dir, exc) from exc
        self.committed = True
        return [self.out_dir / name for name in names]

    def _lock(self) -> None:
        self._lock_fd = _take_lock(self.out_dir)

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None


def _take_lock(out_dir: Path) -> int:
    """The directory's writer lock, as an open descriptor (closing it releases the lock)."""
    import fcntl

    fd = os.open(out_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise OutputError("E401", f"another kg run is writing to {out_dir}",
                          fix="wait for it to finish, or give this run another -o directory") from None
    return fd


def settle(out_dir: Path) -> None:
    """Before reading an output directory: finish a commit that a kill left half done, so
    that a reader (``kg query``, ``kg serve``, ``kg validate``, ``kg eval``) sees one whole set.
    A run still writing there, or a directory the reader cannot write, is read as it is."""
    out_dir = Path(out_dir)
    if not (out_dir / JOURNAL).is_file():
        return
    try:
        fd = _take_lock(out_dir)
    except (OutputError, OSError):
        return
    try:
        _apply(out_dir)
    except OSError:
        pass
    finally:
        os.close(fd)


def recover(out_dir: Path) -> None:
    """Finish a commit that a kill interrupted, and remove stale staging folders.

    Call it with the directory's lock held (:class:`OutputSet` does).
    """
    out_dir = Path(out_dir)
    if (out_dir / JOURNAL).is_file():
        _apply(out_dir)
    for stale in sorted(out_dir.glob(STAGING_PREFIX + "*")):
        shutil.rmtree(stale, ignore_errors=True)
    for name in OWNED:  # temporary files of writers killed before this design
        for tmp in out_dir.glob(f".{name}.*.tmp"):
            tmp.unlink(missing_ok=True)
    for leftover in ("store.tmp", "store.old"):
        shutil.rmtree(out_dir / leftover, ignore_errors=True)


def _apply(out_dir: Path) -> None:
    """Carry out the journal: every step can be repeated after a kill."""
    journal = out_dir / JOURNAL
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
        staging = out_dir / plan["staging"]
        new = set(plan["files"])
    except (OSError, ValueError, KeyError, TypeError):
        journal.unlink(missing_ok=True)  # a journal that cannot be read was never complete
        return
    attic = staging / ".replaced"
    attic.mkdir(parents=True, exist_ok=True)
    for name in OWNED:
        target = out_dir / name
        staged = staging / name
        if name in new and not staged.exists():
            continue  # moved in before the kill
        if target.is_dir() and not target.is_symlink():
            target.rename(attic / name)  # a folder cannot be replaced in one step: move the old aside
        elif name not in new and (target.exists() or target.is_symlink()):
            target.rename(attic / name)  # a file of an earlier run the new set lacks
        if name in new:
            os.replace(staged, target)
    journal.unlink()
    shutil.rmtree(staging, ignore_errors=True)


def _unwritable(out_dir: Path, exc: OSError) -> OutputError:
    return OutputError("E402", f"cannot write the outputs to {out_dir}: {exc.strerror or exc}",
                       fix="give a writable directory with free space with -o")


def write_outputs(ds, staged: OutputSet, options, failures: list = ()) -> None:
    """Serialise the dataset into the staging folder: graph.trig, graph.ttl,
    articles/<id>.ttl, failures.json (every input that was skipped, with its code and
    message), and as ``options`` ask, JSON-LD, N-Quads, the viewer and the store."""
    try:
        _write_outputs(ds, staged, options, failures)
    except OSError as exc:
        raise _unwritable(staged.out_dir, exc) from exc


def _write_outputs(ds, staged: OutputSet, options, failures: list) -> None:
    from .graph import article_graphs, serialize_jsonld, serialize_trig, union_graph
    from .ids import file_stem

    write_atomic(staged.path("failures.json"),
                 json.dumps([f.as_dict() for f in failures], ensure_ascii=False, indent=2) + "\n")
    write_atomic(staged.path("graph.trig"), serialize_trig(ds))
    write_atomic(staged.path("graph.ttl"), union_graph(ds).serialize(format="turtle"))
    articles_dir = staged.path("articles")
    articles_dir.mkdir()
    for article_id, g in article_graphs(ds):
        write_atomic(articles_dir / f"{file_stem(unquote(article_id))}.ttl", g.serialize(format="turtle"))
    if "jsonld" in options.formats:
        write_atomic(staged.path("graph.jsonld"), serialize_jsonld(ds))
    if "nquads" in options.formats:
        write_atomic(staged.path("graph.nq"),
                     "".join(sorted(ds.serialize(format="nquads").splitlines(keepends=True))))
    if options.viewer:
        from .viewer import write_viewer

        write_viewer(ds, staged.path("graph.html"))
    if options.store:
        from .query import build_store

        build_store(staged.path("graph.trig"), staged.path("store"))
