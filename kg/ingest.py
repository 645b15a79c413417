"""Stage 1, ingest: read articles and their metadata.

Inputs are ``.txt`` files (with an optional ``<name>.meta.json`` sidecar),
directories of them, or ``.jsonl`` files (one article per line: ``id``,
``text``, optional ``title``, ``published``, ``source``, ``url``); suffixes
are matched in any case (``.TXT``). A problem with one article is an
:class:`~kg.errors.InputError` recorded as a :class:`Failure` whose message
ends in the fix; the rest of the batch goes on. Every input given, and every
entry of a directory named like an input, is either read or listed as a
failure; only regular files are ever opened (a FIFO would block the run).

Web boilerplate lines are not removed from the text (offsets always refer to
the original): they are recorded in ``Article.dropped`` and blanked out of
the text the parser sees.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlsplit

import yaml

from .document import Article
from .errors import InputError
from .lang.ar import arabic_ratio, normalize_ar
from .textfile import not_regular, read_text, unreadable

DATA_DIR = Path(__file__).parent / "data"
MAX_CHARS = 1_000_000  # about 200 pages; larger inputs are almost never one article
MIN_ARABIC_RATIO = 0.3
MAX_ID_CHARS = 1000  # ids go into every IRI of the article's graph


@dataclass(frozen=True)
class Failure:
    """An input that was skipped, and why."""

    source: str
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"source": self.source, "code": self.code, "message": self.message}

    @classmethod
    def of(cls, source: object, err: InputError) -> Failure:
        """The failure for ``err``; its message ends in the fix (every ingest error has one)."""
        return cls(str(source), err.code, f"{err.message}. Fix: {err.fix}" if err.fix else err.message)


@lru_cache(maxsize=None)
def boilerplate_patterns(path: Path = DATA_DIR / "boilerplate.yaml") -> tuple[re.Pattern[str], ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(re.compile(entry["regex"]) for entry in data["patterns"])


def is_boilerplate(line: str) -> bool:
    """True when a whole line is web boilerplate (share buttons, "اترك تعليقاً"...).

    >>> is_boilerplate("اترك تعليقاً")
    True
    >>> is_boilerplate("قال الوزير إن المحادثات مستمرة.")
    False
    """
    key = normalize_ar(line)
    return bool(key) and any(p.match(key) for p in boilerplate_patterns())


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the boilerplate lines of ``text``.

    >>> boilerplate_spans("خبر\\nاظهر المزيد\\n")
    [(4, 15)]
    """
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if is_boilerplate(body):
            spans.append((pos, pos + len(body)))
        pos += len(line)
    return spans


# --------------------------------------------------------------------------
# Metadata: title, source, url and published are strings (or null / absent).

_JSON_TYPES = {dict: "an object", list: "a list", bool: "true/false", int: "a number", float: "a number"}
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(Z|[+-]\d{2}:?\d{2})?)?",
                       re.ASCII)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*", re.ASCII)


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _string_field(meta: dict, field: str, source: str) -> str | None:
    value = meta.get(field)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        shown = json.dumps(value, ensure_ascii=False)
        raise InputError("E118", f"{source}: '{field}' must be a string, not {_json_type(value)} "
                                 f"({shown[:60]}{'…' if len(shown) > 60 else ''})",
                         fix=f'write "{field}": "…" as one JSON string, or leave it out')
    return value


def parse_published(value: str, source: str) -> dt.date:
    """A publication date: ``YYYY-MM-DD`` (years 0001–9999), optionally followed
    by an ISO time and zone, which are checked and dropped. Nothing else.

    >>> parse_published("2020-01-05T10:00:00Z", "x"), parse_published("0001-01-01", "x")
    (datetime.date(2020, 1, 5), datetime.date(1, 1, 1))
    >>> parse_published("2021-06-05garbage", "x.meta.json")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: [E106] ingest: x.meta.json: 'published' is not an ISO date: '2021-06-05garbage'. \
Fix: write it as YYYY-MM-DD (e.g. 2021-06-05, Western digits), or leave it out
    """
    match = _ISO_DATE.fullmatch(value.strip())
    try:
        if match is None:
            raise ValueError
        if match[4]:
            dt.time.fromisoformat(match[4])
        if match[5] and match[5] != "Z":
            zone = match[5].replace(":", "")
            if int(zone[1:3]) > 23 or int(zone[3:]) > 59:
                raise ValueError
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise InputError("E106", f"{source}: 'published' is not an ISO date: {value!r}",
                         fix="write it as YYYY-MM-DD (e.g. 2021-06-05, Western digits), or leave it out") from None


def check_url(value: str, source: str) -> str:
    """An absolute URL (``scheme://host/…``), stored as ``xsd:anyURI``.

    >>> check_url("https://example.org/أخبار/1", "x")
    'https://example.org/أخبار/1'
    >>> check_url("example.org/a", "x")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: [E119] ingest: x: 'url' is not an absolute URL: 'example.org/a'. \
Fix: give the article's full address with its scheme, e.g. https://example.org/news/1 (spaces as %20), or leave it out
    """
    try:
        parts = urlsplit(value)
        ok = bool(_SCHEME.fullmatch(parts.scheme)) and bool(parts.netloc) and value.startswith(f"{parts.scheme}://")
    except ValueError:  # a malformed [IPv6] host
        ok = False
    if not ok or any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in value):
        raise InputError("E119", f"{source}: 'url' is not an absolute URL: {value!r}",
                         fix="give the article's full address with its scheme, e.g. https://example.org/news/1 "
                             "(spaces as %20), or leave it out")
    return value


def _metadata(meta: dict, source: str) -> dict:
    published = _string_field(meta, "published", source)
    url = _string_field(meta, "url", source)
    return {
        "title": _string_field(meta, "title", source),
        "source": _string_field(meta, "source", source),
        "url": check_url(url, source) if url is not None else None,
        "published": parse_published(published, source) if published is not None else None,
    }


def check_id(article_id: str, source: str, *, fix: str) -> str:
    """Refuse ids that cannot name an article: only dots (``.``, ``..`` are dot
    segments in its IRIs), or longer than :data:`MAX_ID_CHARS`."""
    if not article_id.strip("."):
        raise InputError("E113", f"{source}: the article id {article_id!r} is made only of dots", fix=fix)
    if len(article_id) > MAX_ID_CHARS:
        raise InputError("E114", f"{source}: the article id has {len(article_id):,} characters, more than "
                                 f"the limit of {MAX_ID_CHARS:,}", fix=fix)
    return article_id


def file_id(path: Path) -> str:
    """The id of a ``.txt`` article: its file name without the suffix, in NFC
    (macOS writes names decomposed); bytes of a name that are not UTF-8 are
    written ``\\xNN``, so the id stays text.

    >>> file_id(Path("d/بغداد.TXT"))
    'بغداد'
    """
    stem = path.stem
    if any("\udc80" <= ch <= "\udcff" for ch in stem):
        stem = os.fsencode(stem).decode("utf-8", "backslashreplace")
    return unicodedata.normalize("NFC", stem)


def make_article(article_id: str, text: str, *, source: str, meta: dict | None = None,
                 path: Path | None = None, meta_source: str | None = None) -> Article:
    """Check one article's text and metadata and build the :class:`Article`;
    messages about the metadata name ``meta_source`` (the sidecar), else ``source``.

    >>> a = make_article("x", "قال الوزير إن المحادثات مستمرة.\\nاترك تعليقاً", source="x")
    >>> a.dropped
    [(32, 44)]
    >>> make_article("y", "", source="y.txt")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: [E102] ingest: y.txt: the article is empty. Fix: remove the file or give it text
    """
    fields = _metadata(meta or {}, meta_source or source)
    if "\x00" in text:
        raise InputError("E103", f"{source}: looks like a binary file (NUL characters)",
                         fix="give a UTF-8 text file")
    if not text.strip():
        raise InputError("E102", f"{source}: the article is empty", fix="remove the file or give it text")
    if len(text) > MAX_CHARS:
        raise InputError("E105", f"{source}: {len(text):,} characters is more than the limit of {MAX_CHARS:,}",
                         fix="split it into articles (one per file or per JSONL line)")
    if arabic_ratio(text) < MIN_ARABIC_RATIO:
        raise InputError("E104", f"{source}: no Arabic text (only {arabic_ratio(text):.0%} of letters are Arabic)",
                         fix="kg reads Arabic news; check the file or its encoding")
    return Article(id=article_id, text=text, path=path, dropped=boilerplate_spans(text), **fields)


def meta_path(path: Path) -> Path:
    """The sidecar of a ``.txt`` article: ``<name>.meta.json`` beside it."""
    return path.with_name(path.stem + ".meta.json")


def _read_meta(path: Path) -> dict:
    sidecar = meta_path(path)
    if not os.path.lexists(sidecar):
        return {}
    meta = load_json(read_text(sidecar), "E108", str(sidecar), fix="fix the JSON or delete the .meta.json file")
    if not isinstance(meta, dict):
        raise InputError("E108", f"{sidecar}: must hold a JSON object", fix='write {"published": "YYYY-MM-DD", …}')
    return meta


def load_json(text: str, code: str, source: str, *, fix: str) -> object:
    """``json.loads``, with every way it fails as one coded error: broken JSON, and JSON
    beyond the parser's limits (nested past its depth, a number over 4,300 digits)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(code, f"{source}: broken JSON ({exc.msg}, line {exc.lineno} column {exc.colno})",
                         fix=fix) from None
    except (RecursionError, ValueError) as exc:
        limit = "nested too deeply" if isinstance(exc, RecursionError) else "a number with too many digits"
        raise InputError(code, f"{source}: JSON beyond the parser's limits ({limit})", fix=fix) from None


# --------------------------------------------------------------------------
# Paths to articles

_KINDS = {".txt": "text", ".jsonl": "jsonl"}


def input_kind(path: Path) -> str | None:
    """``"text"`` or ``"jsonl"`` by the suffix, in any case; None otherwise."""
    return _KINDS.get(path.suffix.lower())


def _missing(path: Path) -> InputError:
    if path.is_symlink():
        return InputError("E101", f"{path}: a symbolic link to {os.readlink(path)}, which does not exist",
                          fix="point the link at an existing file, or remove it")
    return InputError("E101", f"{path}: no such file or directory", fix="check the path")


def _check_path(path: Path, *, named: bool) -> str | None:
    """``"dir"`` or ``"file"``; raise for what cannot be read. In a directory
    (``named`` False) only regular files are inputs."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise _missing(path) from None
    except OSError as exc:
        raise unreadable(path, exc) from None
    if stat.S_ISREG(mode):
        return "file"
    if named and stat.S_ISDIR(mode):
        return "dir"
    raise not_regular(path, mode)


def _expand(inputs: Iterable[Path], failures: list[Failure]) -> Iterator[Path]:
    for path in inputs:
        try:
            if _check_path(path, named=True) == "file":
                yield path
                continue
            entries = sorted(path.iterdir())
        except OSError as exc:
            failures.append(Failure.of(path, unreadable(path, exc)))
            continue
        except InputError as err:
            failures.append(Failure.of(path, err))
            continue
        named = [p for p in entries if input_kind(p)]
        for child in named:
            try:
                _check_path(child, named=False)
            except InputError as err:
                failures.append(Failure.of(child, err))
                continue
            yield child
        if not named:
            subdirs = sum(p.is_dir() for p in entries)
            more = f"; kg does not read its {subdirs} subdirectories" if subdirs else ""
            failures.append(Failure.of(path, InputError(
                "E109", f"{path}: the directory holds no .txt or .jsonl files{more}",
                fix="give the directories or files that hold the articles")))


def read_articles(inputs: Iterable[Path | str], failures: list[Failure]) -> Iterator[Article]:
    """Yield every readable article; append a :class:`Failure` for the others.

    Article ids must be unique: a second article with the same id is a failure.
    """
    seen: dict[str, str] = {}
    for path in _expand((Path(p) for p in inputs), failures):
        if input_kind(path) == "jsonl":
            yield from _read_jsonl(path, failures, seen)
            continue
        try:
            article_id = check_id(file_id(path), str(path), fix="rename the file: its name without .txt is the id")
            article = make_article(article_id, read_text(path, MAX_CHARS), source=str(path),
                                   meta=_read_meta(path), path=path, meta_source=str(meta_path(path)))
        except InputError as err:
            failures.append(Failure.of(path, err))
            continue
        if _unique(article, str(path), seen, failures):
            yield article


def _unique(article: Article, source: str, seen: dict[str, str], failures: list[Failure]) -> bool:
    if article.id in seen:
        failures.append(Failure.of(source, InputError(
            "E110", f"duplicate article id {article.id!r} (first used by {seen[article.id]}); ids must be unique",
            fix="rename one of them: a .txt file's id is its name, a JSONL line's is its 'id'")))
        return False
    seen[article.id] = source
    return True


_ID = re.compile(r"^[\w.-]+$")
_ID_FIX = "give the article an id of letters, digits, '.', '_', '-' with at least one letter or digit"


def _jsonl_id(record: dict, path: Path, lineno: int, source: str) -> str:
    given = record.get("id")
    if given is None or given == "":  # no id: the file's name and the line number
        return check_id(f"{file_id(path)}-{lineno}", source, fix="rename the file, or give each line an 'id'")
    if isinstance(given, bool) or not isinstance(given, (str, int)):
        raise InputError("E118", f"{source}: 'id' must be a string or an integer, not {_json_type(given)}",
                         fix='write "id": "…"')
    article_id = str(given)
    if not _ID.match(article_id):
        raise InputError("E112", f"{source}: id {article_id!r} may only hold letters, digits, '.', '_', '-'",
                         fix="rename the article")
    return check_id(article_id, source, fix=_ID_FIX)


def _read_jsonl(path: Path, failures: list[Failure], seen: dict[str, str]) -> Iterator[Article]:
    try:
        # JSON Lines are separated by \n only: splitlines() would also cut at
        # U+2028, U+0085 etc., which JSON allows unescaped inside strings.
        lines = read_text(path).split("\n")
    except InputError as err:
        failures.append(Failure.of(path, err))
        return
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        source = f"{path}:{lineno}"
        try:
            record = load_json(line, "E111", source, fix="fix the line: one JSON object per line, with a string 'text'")
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise InputError("E111", f"{source}: each line needs a JSON object with a string 'text'",
                                 fix='write {"id": "…", "text": "…"}')
            article = make_article(_jsonl_id(record, path, lineno, source), record["text"], source=source,
                                   meta=record, path=path)
        except InputError as err:
            failures.append(Failure.of(source, err))
            continue
        if _unique(article, source, seen, failures):
            yield article
