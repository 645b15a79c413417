"""Stage 1, ingest: read articles and their metadata.

Inputs are ``.txt`` files (with an optional ``<name>.meta.json`` sidecar),
directories of them, or ``.jsonl`` files (one article per line: ``id``,
``text``, optional ``title``, ``published``, ``source``, ``url``). A problem
with one article is an :class:`~kg.errors.InputError` recorded as a
:class:`Failure`; the rest of the batch goes on.

Web boilerplate lines are not removed from the text (offsets always refer to
the original): they are recorded in ``Article.dropped`` and blanked out of
the text the parser sees.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from .document import Article
from .errors import InputError
from .lang.ar import arabic_ratio, normalize_ar

DATA_DIR = Path(__file__).parent / "data"
MAX_CHARS = 1_000_000  # about 200 pages; larger inputs are almost never one article
MIN_ARABIC_RATIO = 0.3


@dataclass(frozen=True)
class Failure:
    """An input that was skipped, and why."""

    source: str
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"source": self.source, "code": self.code, "message": self.message}


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


def _parse_date(value: object, source: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError("E106", f"{source}: 'published' is not an ISO date: {value!r}",
                         fix="write it as YYYY-MM-DD or leave it out") from None


def make_article(article_id: str, text: str, *, source: str, meta: dict | None = None,
                 path: Path | None = None) -> Article:
    """Check one article's text and build the :class:`Article`.

    >>> a = make_article("x", "قال الوزير إن المحادثات مستمرة.\\nاترك تعليقاً", source="x")
    >>> a.dropped
    [(32, 44)]
    >>> make_article("y", "", source="y.txt")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: [E102] ingest: y.txt: the article is empty. Fix: remove the file or give it text
    """
    meta = meta or {}
    if "\x00" in text:
        raise InputError("E103", f"{source}: looks like a binary file (NUL bytes)",
                         fix="give a UTF-8 text file")
    if not text.strip():
        raise InputError("E102", f"{source}: the article is empty", fix="remove the file or give it text")
    if len(text) > MAX_CHARS:
        raise InputError("E105", f"{source}: {len(text):,} characters is more than the limit of {MAX_CHARS:,}",
                         fix="split it into articles (one per file or per JSONL line)")
    if arabic_ratio(text) < MIN_ARABIC_RATIO:
        raise InputError("E104", f"{source}: no Arabic text (only {arabic_ratio(text):.0%} of letters are Arabic)",
                         fix="kg reads Arabic news; check the file or its encoding")
    return Article(
        id=article_id,
        text=text,
        title=meta.get("title") or None,
        published=_parse_date(meta.get("published"), source),
        source=meta.get("source") or None,
        url=meta.get("url") or None,
        path=path,
        dropped=boilerplate_spans(text),
    )


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise InputError("E103", f"{path}: looks like a binary file (NUL bytes)", fix="give a UTF-8 text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("E107", f"{path}: not UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})",
                         fix="convert it, e.g. `iconv -f cp1256 -t utf-8 in.txt > out.txt`") from None


def _read_meta(path: Path) -> dict:
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError("E108", f"{meta_path}: broken JSON ({exc})",
                         fix="fix the JSON or delete the .meta.json file") from None
    if not isinstance(meta, dict):
        raise InputError("E108", f"{meta_path}: must hold a JSON object", fix='write {"published": "YYYY-MM-DD", …}')
    return meta


def _expand(inputs: Iterable[Path], failures: list[Failure]) -> Iterator[Path]:
    for path in inputs:
        if not path.exists():
            failures.append(Failure(str(path), "E101", "no such file or directory; check the path"))
        elif path.is_dir():
            children = sorted(p for p in path.iterdir()
                              if p.is_file() and (p.suffix in (".txt", ".jsonl")) and not p.name.endswith(".meta.json"))
            if not children:
                failures.append(Failure(str(path), "E109", "directory holds no .txt or .jsonl files"))
            yield from children
        else:
            yield path


def read_articles(inputs: Iterable[Path | str], failures: list[Failure]) -> Iterator[Article]:
    """Yield every readable article; append a :class:`Failure` for the others.

    Article ids must be unique: a second article with the same id is a failure.
    """
    seen: set[str] = set()
    for path in _expand((Path(p) for p in inputs), failures):
        if path.suffix == ".jsonl":
            yield from _read_jsonl(path, failures, seen)
            continue
        try:
            article = make_article(path.stem, _read_text(path), source=str(path), meta=_read_meta(path), path=path)
        except InputError as err:
            failures.append(Failure(str(path), err.code, f"{err.message}. Fix: {err.fix}" if err.fix else err.message))
            continue
        if _unique(article, str(path), seen, failures):
            yield article


def _unique(article: Article, source: str, seen: set[str], failures: list[Failure]) -> bool:
    if article.id in seen:
        failures.append(Failure(source, "E110", f"duplicate article id {article.id!r}; ids must be unique"))
        return False
    seen.add(article.id)
    return True


_ID = re.compile(r"^[\w.-]+$")


def _read_jsonl(path: Path, failures: list[Failure], seen: set[str]) -> Iterator[Article]:
    try:
        # JSON Lines are separated by \n only: splitlines() would also cut at
        # U+2028, U+0085 etc., which JSON allows unescaped inside strings.
        lines = _read_text(path).split("\n")
    except InputError as err:
        failures.append(Failure(str(path), err.code, err.message))
        return
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        source = f"{path}:{lineno}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise InputError("E111", f"{source}: each line needs a JSON object with a string 'text'",
                                 fix='write {"id": "…", "text": "…"}')
            article_id = str(record.get("id") or f"{path.stem}-{lineno}")
            if not _ID.match(article_id):
                raise InputError("E112", f"{source}: id {article_id!r} may only hold letters, digits, '.', '_', '-'",
                                 fix="rename the article")
            article = make_article(article_id, record["text"], source=source, meta=record, path=path)
        except json.JSONDecodeError as exc:
            failures.append(Failure(source, "E111", f"broken JSON ({exc.msg})"))
            continue
        except InputError as err:
            failures.append(Failure(source, err.code, f"{err.message}. Fix: {err.fix}" if err.fix else err.message))
            continue
        if _unique(article, source, seen, failures):
            yield article
