"""kg.cache: the parse cache is keyed on the parsed text and the model
fingerprint, never trusts a damaged entry, and writes atomically."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from kg import cache as cache_module
from kg.cache import ParseCache, write_atomic
from kg.document import Article, Document


@pytest.fixture()
def doc(conllu_doc) -> Document:
    return conllu_doc("stanza_style.conllu", article_id="crlf")


def _files(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_file())


def test_cache_round_trip(tmp_path: Path, doc: Document) -> None:
    cache = ParseCache(tmp_path, "model-1")
    cache.put(doc)
    # A fresh Article with the same text: the key is the text, not the object.
    again = cache.get(Article("crlf", doc.article.text))
    assert again is not None
    assert again.sentences == doc.sentences
    assert [e.text for s in again.sentences for e in s.entities] == ["بغداد", "واشنطن"]
    assert (cache.hits, cache.misses) == (1, 0)


def test_cache_layout_and_key(tmp_path: Path, doc: Document) -> None:
    cache = ParseCache(tmp_path, "model-1")
    key = cache.key(doc.article)
    assert re.fullmatch("[0-9a-f]{32}", key)
    assert cache.path(doc.article) == tmp_path / key[:2] / f"{key}.conllu"
    cache.put(doc)
    assert _files(tmp_path) == [f"{key[:2]}/{key}.conllu"]  # no temporary files left over


def test_cache_same_text_other_id_is_a_hit(tmp_path: Path, doc: Document) -> None:
    cache = ParseCache(tmp_path, "model-1")
    cache.put(doc)
    other = Article("renamed", doc.article.text, title="عنوان")
    hit = cache.get(other)
    assert hit is not None and hit.article is other


@pytest.mark.parametrize("change", ["text", "fingerprint", "dropped"])
def test_cache_miss_when_input_or_model_changes(tmp_path: Path, doc: Document, change: str) -> None:
    ParseCache(tmp_path, "model-1").put(doc)
    article = Article("crlf", doc.article.text)
    fingerprint = "model-1"
    if change == "text":
        article = Article("crlf", doc.article.text.replace("بغداد", "البصرة"))
    elif change == "fingerprint":
        fingerprint = "model-2"
    else:  # same text, but a line is now blanked as boilerplate: the parser sees other text
        article = Article("crlf", doc.article.text, dropped=[(0, 19)])
    cache = ParseCache(tmp_path, fingerprint)
    assert cache.get(article) is None
    assert (cache.hits, cache.misses) == (0, 1)


def test_cache_disabled_reads_and_writes_nothing(tmp_path: Path, doc: Document) -> None:
    ParseCache(tmp_path, "model-1").put(doc)
    off = ParseCache(tmp_path / "off", "model-1", enabled=False)
    off.put(doc)
    assert not (tmp_path / "off").exists()
    assert ParseCache(tmp_path, "model-1", enabled=False).get(doc.article) is None


def _truncated_mid_row(conllu: str) -> bytes:
    last_row = conllu.rstrip("\n").rsplit("\n", 1)[1]
    cut = conllu.rindex(last_row) + last_row.index("\t") + 1  # keeps one column of the last row
    return conllu[:cut].encode("utf-8")


@pytest.mark.parametrize("damage", [
    pytest.param(lambda c: _truncated_mid_row(c), id="truncated-mid-row"),
    pytest.param(lambda c: b"\xff\xfe\x00garbage" + c.encode("utf-8"), id="not-utf8"),
    pytest.param(lambda c: c.encode("utf-8")[:-30] + b"\xd8", id="cut-inside-a-character"),
    pytest.param(lambda c: c.replace("start_char=14", "start_char=fourteen").encode("utf-8"), id="bad-offset"),
    pytest.param(lambda c: c.replace("\t", " ").encode("utf-8"), id="no-tabs"),
    pytest.param(lambda c: c.replace("1-2\t", "one-two\t").encode("utf-8"), id="bad-range"),
])
def test_cache_damaged_entry_is_a_miss_and_removed(tmp_path: Path, doc: Document, damage) -> None:
    cache = ParseCache(tmp_path, "model-1")
    cache.put(doc)
    path = cache.path(doc.article)
    path.write_bytes(damage(path.read_text(encoding="utf-8")))
    assert cache.get(doc.article) is None
    assert not path.exists()
    assert (cache.hits, cache.misses) == (0, 1)
    cache.put(doc)  # and it can be written again
    assert cache.get(doc.article).sentences == doc.sentences


def test_cache_clear_counts_and_removes_only_parses(tmp_path: Path, doc: Document, conllu_doc) -> None:
    directory = tmp_path / "parses"
    cache = ParseCache(directory, "model-1")
    cache.put(doc)
    cache.put(conllu_doc("clitics.conllu"))
    other = ParseCache(directory, "model-2")
    other.put(doc)
    # A crashed write's temporary file and files that are not the cache's own.
    leftover = cache.path(doc.article).parent / f".{cache.path(doc.article).name}.abc.tmp"
    leftover.write_text("partial")
    (directory / "README.txt").write_text("mine")
    (directory / "notes").mkdir()
    (directory / "notes" / "keep.conllu").write_text("mine")
    assert cache.clear() == 3
    assert _files(directory) == ["README.txt", "notes/keep.conllu"]
    assert cache.get(doc.article) is None
    assert cache.clear() == 0


def test_cache_clear_missing_directory(tmp_path: Path) -> None:
    assert ParseCache(tmp_path / "never-made", "m").clear() == 0


@pytest.mark.parametrize("content", ["نص عربي\r\nسطر ثان", b"\x00\x01binary"])
def test_cache_write_atomic_writes_and_leaves_no_temp(tmp_path: Path, content: str | bytes) -> None:
    target = tmp_path / "sub" / "out.txt"
    write_atomic(target, "old")
    write_atomic(target, content)
    expected = content.encode("utf-8") if isinstance(content, str) else content
    assert target.read_bytes() == expected  # bytes as given: no newline translation
    assert _files(tmp_path) == ["sub/out.txt"]


def test_cache_write_atomic_failure_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"
    write_atomic(target, "old")

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(cache_module.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.txt"]
