"""The parse cache: one CoNLL-U file per parsed article.

The key is a hash of the text the parser saw and the model fingerprint
(:func:`kg.nlp.model_fingerprint`), so a changed article or model re-parses
and changed rules never do. Files are written atomically.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from .document import Article, Document, from_conllu, to_conllu

DEFAULT_DIR = Path(os.environ.get("KG_CACHE_DIR", Path.home() / ".cache" / "kg" / "parses"))


class ParseCache:
    """>>> import tempfile; c = ParseCache(Path(tempfile.mkdtemp()), "m1")
    >>> c.get(Article("a", "نص")) is None
    True
    """

    def __init__(self, directory: Path, fingerprint: str, *, enabled: bool = True) -> None:
        self.directory = Path(directory)
        self.fingerprint = fingerprint
        self.enabled = enabled
        self.hits = 0
        self.misses = 0

    def key(self, article: Article) -> str:
        h = hashlib.sha256(article.nlp_text().encode("utf-8"))
        h.update(self.fingerprint.encode())
        return h.hexdigest()[:32]

    def path(self, article: Article) -> Path:
        key = self.key(article)
        return self.directory / key[:2] / f"{key}.conllu"

    def get(self, article: Article) -> Document | None:
        if not self.enabled:
            return None
        path = self.path(article)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        try:
            doc = from_conllu(data.decode("utf-8"), article)
        except (ValueError, IndexError):  # UnicodeDecodeError is a ValueError
            path.unlink(missing_ok=True)  # a damaged entry is re-parsed, never trusted
            self.misses += 1
            return None
        self.hits += 1
        return doc

    def put(self, doc: Document) -> None:
        if not self.enabled:
            return
        path = self.path(doc.article)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, to_conllu(doc))

    def clear(self) -> int:
        """Delete every cached parse; return how many files were removed.

        Only the cache's own files go (``??/*.conllu`` and left-over temporary
        files): the directory may be one the user named, holding other files.
        """
        if not self.directory.is_dir():
            return 0
        count = 0
        for sub in sorted(self.directory.glob("??")):
            if not sub.is_dir():
                continue
            for entry in sorted(sub.glob("*.conllu")):
                entry.unlink()
                count += 1
            for entry in sorted(sub.glob(".*.conllu.*.tmp")):
                entry.unlink()
            if not any(sub.iterdir()):
                sub.rmdir()
        return count


FILE_MODE = 0o666  # as open() would create it, less the umask


def current_umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write via a temporary file in the same directory and ``os.replace``.

    The file gets the mode a plain ``open(path, "w")`` would give it (0644
    under umask 022), not the 0600 of a temporary file.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "x.txt"
    >>> write_atomic(p, "ok"); p.read_text()
    'ok'
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, FILE_MODE & ~current_umask())  # mkstemp's 0600 would hide the file from others
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
