"""kg.ingest against hostile or unlucky inputs (issue 10): long and dotted ids,
files that are not regular files, metadata of the wrong type, text in UTF-16.

The tests failed on the code before the fix (main f3584d4), except those
marked "kept": they guard behaviour that was right and must stay. All texts are
invented for the tests.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from kg import ingest
from kg.errors import InputError
from kg.ingest import Failure, read_articles

TEXT = "قال الوزير إن المحادثات مستمرة بين الطرفين.\n"
HEADLINE = "بغداد وواشنطن تتفقان على خطة لإعادة انتشار القوات"  # 50 characters, our own


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _read(*inputs: Path) -> tuple[list, dict[str, Failure]]:
    failures: list[Failure] = []
    articles = list(read_articles(list(inputs), failures))
    return articles, {Path(f.source).name: f for f in failures}


@pytest.fixture()
def no_hang():
    """Fail, instead of hanging for ever, if a test blocks (opening a FIFO does)."""
    def stop(signum, frame):
        raise TimeoutError("ingest blocked")
    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


# --------------------------------------------------------------------------
# Ids and file names


def test_ingest_file_stem_of_a_long_arabic_headline_is_a_short_file_name(tmp_path: Path) -> None:
    from kg.ids import file_stem
    stem = file_stem(HEADLINE)
    assert len(stem.encode("utf-8")) <= 100
    # Cut after whole characters (6 ASCII characters per Arabic letter), then + and the hash.
    # بغداد = D8A8 D8BA D8AF D8A7 D8AF; وواشنطن = D988 D988 D8A7 D8B4 D986 D8B7 D986: 78 characters
    # with the two spaces; the next letter would pass the 83 left for the name.
    assert stem == "%D8%A8%D8%BA%D8%AF%D8%A7%D8%AF%20%D9%88%D9%88%D8%A7%D8%B4%D9%86%D8%B7%D9%86%20" + "+" \
        + hashlib.sha256(HEADLINE.encode("utf-8")).hexdigest()[:16]
    _write(tmp_path / f"{stem}.ttl", "")  # the file system takes it


@pytest.mark.parametrize("article_id, stem", [
    ("seed-1", "seed-1"),
    ("seed 1", "seed%201"),  # a space is %20
    ("a+b", "a%2Bb"),  # '+' is always encoded, so only cut names hold a bare '+'
    (".", "%2E"),
    ("..", "%2E."),
    (".hidden", "%2Ehidden"),
])
def test_ingest_file_stem_of_short_ids(article_id: str, stem: str) -> None:
    from kg.ids import file_stem
    assert file_stem(article_id) == stem


@pytest.mark.parametrize("article_id", ["x" * 300, "." * 300, "خ" * 300, "CON", "nul", "com1"])
def test_ingest_file_stem_is_never_hidden_long_or_reserved(article_id: str, tmp_path: Path) -> None:
    from kg.ids import file_stem
    stem = file_stem(article_id)
    assert not stem.startswith(".") and len(stem) <= 100 and stem.isascii()
    assert stem.split(".")[0].upper() not in {"CON", "NUL", "COM1"}
    assert "+" in stem  # cut or renamed: the hash of the whole id follows
    assert stem.endswith(hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:16])
    _write(tmp_path / f"{stem}.ttl", "")


def test_ingest_file_stems_of_distinct_long_ids_differ() -> None:
    from kg.ids import file_stem
    ids = ["x" * 200, "x" * 201, "x" * 199 + "y", "x" * 83, "x" * 84]
    assert len({file_stem(i) for i in ids}) == len(ids)


def test_ingest_write_outputs_names_article_files_safely(tmp_path: Path) -> None:
    # The crash of issue 10: the percent-encoded id was the file name (OSError: File name too long).
    from kg.ids import graph_iri
    from kg.outputs import OutputSet, write_outputs
    from kg.pipeline import RunOptions
    long_id = "x" * 300
    ds = Dataset()
    for article_id in (HEADLINE, long_id, "seed 1"):
        ds.graph(graph_iri(article_id)).add((URIRef("urn:a"), URIRef("urn:p"), Literal(article_id)))
    with OutputSet(tmp_path) as staged:
        write_outputs(ds, staged, RunOptions(viewer=False, store=False, progress=False))
        staged.commit()
    names = sorted(p.name for p in (tmp_path / "articles").iterdir())
    assert len(names) == 3 and "seed%201.ttl" in names
    assert all(len(n.encode()) <= 104 and not n.startswith(".") for n in names)


def test_ingest_a_long_id_still_gives_a_valid_iri() -> None:
    # kept: the IRIs of a long id were valid; only its file name was not
    from kg.ids import graph_iri, part_iri
    long_id = "خبر-" * 250  # 1,000 characters: the longest id ingest takes
    g = Dataset()
    g.graph(graph_iri(long_id)).add((part_iri(long_id, "s1"), URIRef("urn:p"), Literal(1)))
    back = Dataset().parse(data=g.serialize(format="trig"), format="trig")
    assert {str(c.identifier) for c in back.graphs()} >= {str(graph_iri(long_id))}
    assert str(graph_iri(long_id)).endswith("%D8%AE%D8%A8%D8%B1-" * 250)


@pytest.mark.parametrize("name", ["..txt", "...txt", "....TXT"])
def test_ingest_txt_ids_made_of_dots_are_refused(name: str, tmp_path: Path) -> None:
    path = _write(tmp_path / name, TEXT)
    articles, failures = _read(path)
    assert articles == []
    assert failures[name].code == "E113" and "rename the file" in failures[name].message


def test_ingest_jsonl_ids_made_of_dots_or_too_long_are_refused(tmp_path: Path) -> None:
    lines = [{"id": ".", "text": TEXT}, {"id": "..", "text": TEXT}, {"id": "a" * 1001, "text": TEXT},
             {"id": "a" * 300, "text": TEXT}, {"id": ".x.", "text": TEXT}]
    path = _write(tmp_path / "n.jsonl", "\n".join(json.dumps(x) for x in lines))
    failures: list[Failure] = []
    articles = list(read_articles([path], failures))
    assert [a.id for a in articles] == ["a" * 300, ".x."]
    assert [(f.source, f.code) for f in failures] == [(f"{path}:1", "E113"), (f"{path}:2", "E113"),
                                                      (f"{path}:3", "E114")]
    assert "1,001 characters" in failures[2].message


def test_ingest_jsonl_without_ids_in_a_file_with_a_space_in_its_name(tmp_path: Path) -> None:
    # The default id (file name and line number) is not held to the rule for given ids.
    path = _write(tmp_path / "my news.jsonl", json.dumps({"text": TEXT}))
    assert [a.id for a in read_articles([path], [])] == ["my news-1"]


def test_ingest_file_name_that_is_not_utf8_gives_a_text_id(tmp_path: Path) -> None:
    path = _write(Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xc8\xdb.txt")), TEXT)  # cp1256 bytes
    [article] = read_articles([path], [])
    assert article.id == "\\xc8\\xdb"
    from kg.ids import graph_iri
    assert str(graph_iri(article.id)).endswith("/graph/%5Cxc8%5Cxdb")


def test_ingest_decomposed_file_name_gives_a_composed_id(tmp_path: Path) -> None:
    path = _write(tmp_path / "\u0627\u0654\u0645\u0646.txt", TEXT)  # ا + hamza above, as macOS writes أ
    [article] = read_articles([path], [])
    assert article.id == "\u0623\u0645\u0646"


# --------------------------------------------------------------------------
# What is not a regular file is reported, never opened


def test_ingest_directory_entries_that_cannot_be_read_are_failures(tmp_path: Path, no_hang) -> None:
    d = tmp_path / "in"
    _write(d / "good.txt", TEXT)
    os.symlink(d / "gone.txt", d / "dangling.txt")
    os.mkfifo(d / "fifo.txt")
    (d / "dir.txt").mkdir()
    (d / "sub").mkdir()  # a subdirectory with another name is not an input
    articles, failures = _read(d)
    assert [a.id for a in articles] == ["good"]
    assert {n: f.code for n, f in failures.items()} == {"dangling.txt": "E101", "fifo.txt": "E115",
                                                        "dir.txt": "E115"}
    assert "symbolic link" in failures["dangling.txt"].message
    assert "FIFO" in failures["fifo.txt"].message
    assert "directory" in failures["dir.txt"].message


def test_ingest_named_inputs_that_are_not_files_are_failures(tmp_path: Path, no_hang) -> None:
    os.mkfifo(tmp_path / "fifo.txt")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    os.symlink(tmp_path / "fifo.txt", tmp_path / "to-fifo.txt")
    articles, failures = _read(tmp_path / "fifo.txt", tmp_path / "dangling.txt", tmp_path / "to-fifo.txt",
                               Path("/dev/zero"))
    assert articles == []
    assert {n: f.code for n, f in failures.items()} == {"fifo.txt": "E115", "dangling.txt": "E101",
                                                        "to-fifo.txt": "E115", "zero": "E115"}
    assert "device" in failures["zero"].message


def test_ingest_a_directory_named_like_a_file_is_read_when_named(tmp_path: Path) -> None:
    # kept: a directory given by name is read whatever its name
    _write(tmp_path / "x.txt" / "inner.txt", TEXT)
    assert [a.id for a in read_articles([tmp_path / "x.txt"], [])] == ["inner"]


def test_ingest_suffixes_in_any_case(tmp_path: Path) -> None:
    _write(tmp_path / "UPPER.TXT", TEXT)
    _write(tmp_path / "UPPER.meta.json", json.dumps({"published": "2021-06-05"}))
    _write(tmp_path / "Mixed.Txt", TEXT)
    _write(tmp_path / "LINES.JSONL", json.dumps({"id": "j1", "text": TEXT}))
    failures: list[Failure] = []
    articles = {a.id: a for a in read_articles([tmp_path], failures)}
    assert failures == []
    assert sorted(articles) == ["Mixed", "UPPER", "j1"]
    assert articles["UPPER"].published == dt.date(2021, 6, 5)


def test_ingest_a_directory_of_subdirectories_says_so(tmp_path: Path) -> None:
    (tmp_path / "2021").mkdir()
    _write(tmp_path / "2021" / "a.txt", TEXT)
    _, failures = _read(tmp_path)
    [failure] = failures.values()
    assert failure.code == "E109" and "subdirectories" in failure.message and "Fix:" in failure.message


def test_ingest_a_file_that_cannot_be_opened_is_a_failure(tmp_path: Path, monkeypatch) -> None:
    # Permissions cannot be tested as root: an open that fails stands for them.
    bad = _write(tmp_path / "locked.txt", TEXT)
    good = _write(tmp_path / "ok.txt", TEXT)
    real_open = os.open

    def open_(path, *args, **kwargs):
        if Path(path) == bad:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    articles, failures = _read(bad, good)
    assert [a.id for a in articles] == ["ok"]
    assert failures["locked.txt"].code == "E120" and "Permission denied" in failures["locked.txt"].message


def test_ingest_a_huge_file_is_refused_before_it_is_read(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(ingest, "MAX_CHARS", 10)
    path = _write(tmp_path / "big.txt", "خ" * 30)  # 60 bytes > 4 × 10 + 4
    _, failures = _read(path)
    assert failures["big.txt"].code == "E105" and "60 bytes" in failures["big.txt"].message


# --------------------------------------------------------------------------
# Metadata types

BAD_META = [
    ({"title": ["عنوان", "آخر"]}, "E118", ["'title'", "a list"]),
    ({"source": {"name": "وكالة"}}, "E118", ["'source'", "an object"]),
    ({"url": 42}, "E118", ["'url'", "a number"]),
    ({"title": True}, "E118", ["'title'", "true/false"]),
    ({"published": 20210605}, "E118", ["'published'", "a number"]),
    ({"url": "example.org/news/1"}, "E119", ["example.org/news/1", "https://"]),
    ({"url": "https://example.org/a b"}, "E119", ["%20"]),
    ({"url": "mailto:desk@example.org"}, "E119", ["mailto"]),
    ({"url": "https://[::1/x"}, "E119", ["[::1"]),
    ({"published": "2021-06-05garbage"}, "E106", ["2021-06-05garbage", "YYYY-MM-DD"]),
    ({"published": "2021-02-30"}, "E106", ["2021-02-30"]),  # kept in JSONL; the sidecar was not named
    ({"published": "0000-01-01"}, "E106", ["0000-01-01"]),  # kept in JSONL
    ({"published": "2021-06-05T25:00"}, "E106", ["T25:00"]),
    ({"published": "٢٠٢١-٠٦-٠٥"}, "E106", ["Western digits"]),
    ({"published": "2021-6-5"}, "E106", ["2021-6-5"]),  # kept in JSONL
]


@pytest.mark.parametrize("meta, code, words", BAD_META)
def test_ingest_meta_json_with_a_wrong_field_is_refused(meta: dict, code: str, words: list[str],
                                                        tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", TEXT)
    _write(tmp_path / "a.meta.json", json.dumps(meta, ensure_ascii=False))
    articles, failures = _read(tmp_path / "a.txt")
    assert articles == []
    assert failures["a.txt"].code == code
    assert all(w in failures["a.txt"].message for w in words + ["a.meta.json", "Fix:"])


@pytest.mark.parametrize("meta, code, words", BAD_META)
def test_ingest_jsonl_with_a_wrong_field_is_refused(meta: dict, code: str, words: list[str], tmp_path: Path) -> None:
    path = _write(tmp_path / "n.jsonl", json.dumps({"id": "a", "text": TEXT, **meta}, ensure_ascii=False))
    failures: list[Failure] = []
    assert list(read_articles([path], failures)) == []
    [failure] = failures
    assert failure.code == code and all(w in failure.message for w in words + ["n.jsonl:1", "Fix:"])


@pytest.mark.parametrize("value, date", [
    ("0001-01-01", dt.date(1, 1, 1)),
    ("9999-12-31", dt.date(9999, 12, 31)),
    ("2020-01-05T10:00:00Z", dt.date(2020, 1, 5)),
    ("2020-01-05T23:30:00.5-05:00", dt.date(2020, 1, 5)),  # the date as written, not moved to UTC
    (" 2021-06-05\n", dt.date(2021, 6, 5)),
])
def test_ingest_published_takes_every_iso_date(value: str, date: dt.date, tmp_path: Path) -> None:
    # kept, except the surrounding spaces: years 1 and 9999 were read (their E300 came later)
    _write(tmp_path / "a.txt", TEXT)
    _write(tmp_path / "a.meta.json", json.dumps({"published": value}))
    [article] = read_articles([tmp_path / "a.txt"], [])
    assert article.published == date


@pytest.mark.parametrize("given, article_id, code", [
    (42, "42", None),  # kept
    (True, None, "E118"),
    ([1], None, "E118"),
    (1.5, None, "E118"),
])
def test_ingest_jsonl_id_types(given, article_id, code, tmp_path: Path) -> None:
    path = _write(tmp_path / "n.jsonl", json.dumps({"id": given, "text": TEXT}))
    failures: list[Failure] = []
    assert [a.id for a in read_articles([path], failures)] == ([article_id] if article_id else [])
    assert [f.code for f in failures] == ([code] if code else [])


def test_ingest_null_and_empty_metadata_are_absent(tmp_path: Path) -> None:
    # kept
    path = _write(tmp_path / "n.jsonl", json.dumps({"id": "a", "text": TEXT, "title": None, "url": "",
                                                    "source": None, "published": ""}))
    [a] = read_articles([path], [])
    assert (a.title, a.url, a.source, a.published) == (None, None, None, None)


# --------------------------------------------------------------------------
# Encodings


@pytest.mark.parametrize("codec, bom", [
    ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
    ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff"),
    ("utf-8", b"\xef\xbb\xbf"),  # kept
])
def test_ingest_text_with_a_byte_order_mark_is_read(codec: str, bom: bytes, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", bom + TEXT.encode(codec))
    failures: list[Failure] = []
    [article] = read_articles([path], failures)
    assert failures == [] and article.text == TEXT


@pytest.mark.parametrize("text, codec, name", [
    (TEXT, "utf-16-le", "UTF-16LE"),  # spaces give NUL bytes: it was called binary
    (TEXT, "utf-16-be", "UTF-16BE"),
    ("خبرعاجلمنبغداد", "utf-16-le", "UTF-16LE"),  # no NUL byte at all: it was called cp1256
])
def test_ingest_utf16_without_a_byte_order_mark_is_named(text: str, codec: str, name: str, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", text.encode(codec))
    _, failures = _read(path)
    failure = failures["a.txt"]
    assert failure.code == "E116" and name in failure.message
    assert f"iconv -f {name} -t UTF-8" in failure.message


def test_ingest_a_byte_order_mark_before_broken_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", b"\xff\xfe" + TEXT.encode("utf-16-le") + b"\x27")  # an odd last byte
    _, failures = _read(path)
    assert failures["a.txt"].code == "E117" and "UTF-16LE" in failures["a.txt"].message


@pytest.mark.parametrize("data, code", [
    ("قال الوزير إن المحادثات مستمرة".encode("cp1256"), "E107"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "E103"),
    (bytes(64), "E103"),
    (b" " * 64, "E102"),  # all in the high-byte set, both halves alike: no UTF-16
    ("The minister said the talks would go on.".encode("utf-16-le"), "E116"),  # was "binary"
])
def test_ingest_other_encodings_keep_their_codes(data: bytes, code: str, tmp_path: Path) -> None:
    # kept, except UTF-16 English, which was "binary"
    _, failures = _read(_write(tmp_path / "a.txt", data))
    assert failures["a.txt"].code == code


# --------------------------------------------------------------------------
# One batch with every bad input of issue 10 and good articles


def test_ingest_batch_of_bad_inputs_lands_the_good_ones_and_lists_the_rest(tmp_path: Path, no_hang) -> None:
    d = tmp_path / "in"
    goods = {f"good{i}": f"أعلن المتحدث باسم الوزارة الخبر رقم {i} اليوم.\n" for i in range(5)}
    for name, text in goods.items():
        _write(d / f"{name}.txt", text)
    _write(d / f"{HEADLINE}.txt", TEXT)  # a long name is fine now: it is read
    bad = {
        "dangling.txt": "E101", "fifo.txt": "E115", "dir.txt": "E115", "..txt": "E113",
        "listtitle.txt": "E118", "objsource.txt": "E118", "numurl.txt": "E118", "garbagedate.txt": "E106",
        "utf16.txt": "E116", "utf16nonul.txt": "E116", "relurl.txt": "E119",
    }
    os.symlink(d / "gone.txt", d / "dangling.txt")
    os.mkfifo(d / "fifo.txt")
    (d / "dir.txt").mkdir()
    _write(d / "..txt", TEXT)
    for name, meta in [("listtitle", {"title": ["أ"]}), ("objsource", {"source": {"a": 1}}), ("numurl", {"url": 42}),
                       ("garbagedate", {"published": "2021-06-05garbage"}), ("relurl", {"url": "news/1"})]:
        _write(d / f"{name}.txt", TEXT)
        _write(d / f"{name}.meta.json", json.dumps(meta))
    _write(d / "utf16.txt", TEXT.encode("utf-16-le"))
    _write(d / "utf16nonul.txt", "خبرعاجل".encode("utf-16-le"))
    _write(d / "UPPER.TXT", TEXT)
    _write(d / "z.jsonl", "\n".join(json.dumps(x, ensure_ascii=False) for x in [
        {"id": "x" * 300, "text": TEXT}, {"id": ".", "text": TEXT}, {"id": "..", "text": TEXT},
        {"id": "j4", "text": TEXT, "title": ["أ"]}, {"id": "j5", "text": TEXT, "published": "9999-12-31"}]))
    failures: list[Failure] = []
    articles = list(read_articles([d], failures))
    assert sorted(a.id for a in articles) == sorted([*goods, HEADLINE, "UPPER", "x" * 300, "j5"])
    assert {Path(f.source).name: f.code for f in failures} == {
        **bad, "z.jsonl:2": "E113", "z.jsonl:3": "E113", "z.jsonl:4": "E118"}
    assert all(". Fix: " in f.message for f in failures)


def test_ingest_every_failure_carries_a_fix(tmp_path: Path) -> None:
    # E109, E110, E111 and E101 failures had none.
    _write(tmp_path / "one" / "same.txt", TEXT)
    _write(tmp_path / "two" / "same.txt", TEXT)
    _write(tmp_path / "n.jsonl", '{"id": "a", "text": "خبر\n{"text": 1}\n')
    (tmp_path / "empty").mkdir()
    failures: list[Failure] = []
    list(read_articles([tmp_path / "one", tmp_path / "two", tmp_path / "n.jsonl", tmp_path / "empty",
                        tmp_path / "nope.txt"], failures))
    assert sorted(f.code for f in failures) == ["E101", "E109", "E110", "E111", "E111"]
    for failure in failures:
        message, _, fix = failure.message.partition(". Fix: ")
        assert message and fix, failure


def test_ingest_make_article_checks_metadata_too() -> None:
    with pytest.raises(InputError, match=r"\[E118\].*'title'"):
        ingest.make_article("x", TEXT, source="x", meta={"title": 3})
