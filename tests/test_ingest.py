"""kg.ingest: good articles come through with their metadata, every bad input
is one Failure with its code, and the rest of the batch is still read.

All article texts here are invented for the tests.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from kg import ingest
from kg.document import Article
from kg.errors import InputError
from kg.ingest import DATA_DIR, Failure, boilerplate_spans, is_boilerplate, make_article, read_articles

GOOD1 = "أعلن الجيش انسحاب قواته من القاعدة.\nاترك تعليقاً\nوقال المتحدث إن العملية انتهت.\n"
GOOD1_META = {"title": "انسحاب من القاعدة", "published": "2021-03-04", "source": "وكالة الأنباء",
              "url": "https://example.org/a/1"}
GOOD2 = "زار وفد عراقي واشنطن لبحث التعاون الأمني.\r\nشارك على فيسبوك\r\n"

# --------------------------------------------------------------------------
# Boilerplate


def _examples(kind: str) -> list[str]:
    data = yaml.safe_load((DATA_DIR / "boilerplate.yaml").read_text(encoding="utf-8"))
    return data["examples"][kind]


@pytest.mark.parametrize("line", _examples("drop"))
def test_ingest_boilerplate_examples_drop(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", _examples("keep"))
def test_ingest_boilerplate_examples_keep(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize("line, dropped", [
    ("  اظهر المزيد  ", True),  # surrounding spaces do not matter
    ("اقرأ أيضاً:", True),
    ("", False),  # an empty line is not boilerplate, just empty
    ("شارك", True),
    ("شارك آلاف المتظاهرين في المسيرة.", False),  # the verb in a news sentence
    ("@", False),
])
def test_ingest_boilerplate_more_lines(line: str, dropped: bool) -> None:
    assert is_boilerplate(line) is dropped


def test_ingest_boilerplate_patterns_have_ids() -> None:
    data = yaml.safe_load((DATA_DIR / "boilerplate.yaml").read_text(encoding="utf-8"))
    ids = [p["id"] for p in data["patterns"]]
    assert len(ids) == len(set(ids)) and all(ids)


def test_ingest_nlp_text_blanks_only_dropped_lines() -> None:
    article = make_article("x", GOOD1, source="x")
    start = GOOD1.index("اترك تعليقاً")
    end = start + len("اترك تعليقاً")
    assert article.dropped == [(start, end)]
    blanked = article.nlp_text()
    assert len(blanked) == len(GOOD1)
    assert blanked[:start] == GOOD1[:start]
    assert blanked[start:end] == " " * (end - start)
    assert blanked[end:] == GOOD1[end:]
    assert article.text == GOOD1  # the original is never altered


def test_ingest_nlp_text_crlf_keeps_line_ends() -> None:
    text = "خبر مهم\r\nاظهر المزيد\r\nنهاية الخبر"
    article = make_article("x", text, source="x")
    assert article.dropped == [(9, 20)]  # "خبر مهم" is 7 characters, then \r\n
    assert article.nlp_text() == "خبر مهم\r\n" + " " * 11 + "\r\nنهاية الخبر"


def test_ingest_nlp_text_keeps_newlines_inside_a_dropped_span() -> None:
    assert Article("a", "اب\nجد", dropped=[(0, 5)]).nlp_text() == "  \n  "


def test_ingest_boilerplate_spans_offsets() -> None:
    text = "فيسبوك تويتر\nقال الوزير إن المحادثات مستمرة.\nجميع الحقوق محفوظة 2024"
    second = text.index("جميع")
    assert boilerplate_spans(text) == [(0, 12), (second, len(text))]


# --------------------------------------------------------------------------
# A batch with every kind of bad input and two good articles


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


@pytest.fixture()
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(ingest, "MAX_CHARS", 200)
    d = tmp_path / "in"
    _write(d / "good1.txt", GOOD1)
    _write(d / "good1.meta.json", json.dumps(GOOD1_META, ensure_ascii=False))
    _write(d / "good2.txt", b"\xef\xbb\xbf" + GOOD2.encode("utf-8"))  # with a BOM
    _write(d / "empty.txt", "")
    _write(d / "blank.txt", "  \n\t\n")
    _write(d / "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _write(d / "cp1256.txt", "قال الوزير إن المحادثات مستمرة".encode("cp1256"))
    _write(d / "english.txt", "The minister said the talks would go on.")
    _write(d / "big.txt", "خبر " * 60)  # 240 characters > MAX_CHARS (200 here)
    _write(d / "brokenmeta.txt", "خبر قصير عن الاجتماع.")
    _write(d / "brokenmeta.meta.json", '{"title": "عنوان",')
    _write(d / "listmeta.txt", "خبر قصير آخر.")
    _write(d / "listmeta.meta.json", '["2021-01-01"]')
    _write(d / "baddate.txt", "خبر قصير ثالث.")
    _write(d / "baddate.meta.json", '{"published": "04/03/2021"}')
    _write(d / "notes.md", "ليس مقالا")  # not .txt/.jsonl: ignored in a directory
    _write(d / "z_batch.jsonl", "\n".join([
        '{"id": "j1", "text": "خبر',  # 1: broken JSON
        '{"id": "j2"}',  # 2: no text
        "",  # 3: blank, skipped
        '{"id": "good1", "text": "خبر عن الانسحاب."}',  # 4: id already taken by good1.txt
        '{"id": "bad id/x", "text": "خبر"}',  # 5: id with a space and a slash
        '["not", "an", "object"]',  # 6
        '{"id": "j7", "text": "خبر", "published": "yesterday"}',  # 7: not ISO
        '{"id": "j8", "text": 42}',  # 8: text is no string
    ]) + "\n")
    (tmp_path / "emptydir").mkdir()
    return tmp_path


EXPECTED_FAILURES = {
    "empty.txt": "E102",
    "blank.txt": "E102",
    "binary.txt": "E103",
    "cp1256.txt": "E107",
    "english.txt": "E104",
    "big.txt": "E105",
    "brokenmeta.txt": "E108",
    "listmeta.txt": "E108",
    "baddate.txt": "E106",
    "z_batch.jsonl:1": "E111",
    "z_batch.jsonl:2": "E111",
    "z_batch.jsonl:4": "E110",
    "z_batch.jsonl:5": "E112",
    "z_batch.jsonl:6": "E111",
    "z_batch.jsonl:7": "E106",
    "z_batch.jsonl:8": "E111",
    "nope.txt": "E101",
    "emptydir": "E109",
}


@pytest.fixture()
def batch_result(batch: Path) -> tuple[list[Article], list[Failure]]:
    failures: list[Failure] = []
    articles = list(read_articles([batch / "in", batch / "nope.txt", str(batch / "emptydir")], failures))
    return articles, failures


def test_ingest_batch_good_articles_come_through(batch_result, batch: Path) -> None:
    articles, _ = batch_result
    assert [a.id for a in articles] == ["good1", "good2"]
    good1, good2 = articles
    assert good1.text == GOOD1
    assert (good1.title, good1.published, good1.source, good1.url) == (
        "انسحاب من القاعدة", dt.date(2021, 3, 4), "وكالة الأنباء", "https://example.org/a/1")
    assert good1.path == batch / "in" / "good1.txt"
    assert good2.text == GOOD2  # BOM gone, CRLF kept: offsets refer to this text
    assert (good2.title, good2.published, good2.source, good2.url) == (None, None, None, None)
    start = GOOD2.index("شارك")
    assert good2.dropped == [(start, start + len("شارك على فيسبوك"))]


def test_ingest_batch_every_bad_input_has_its_code(batch_result) -> None:
    _, failures = batch_result
    assert {Path(f.source).name: f.code for f in failures} == EXPECTED_FAILURES
    assert len(failures) == len(EXPECTED_FAILURES)  # one failure each, no duplicates


@pytest.mark.parametrize("name, words", [
    ("cp1256.txt", ["cp1256.txt", "not UTF-8", "iconv"]),
    ("binary.txt", ["binary.txt", "NUL"]),
    ("english.txt", ["english.txt", "no Arabic", "Fix:"]),
    ("big.txt", ["big.txt", "240", "200", "split"]),
    ("brokenmeta.txt", ["brokenmeta.meta.json", "broken JSON"]),
    ("baddate.txt", ["04/03/2021", "YYYY-MM-DD"]),
    ("empty.txt", ["empty.txt", "empty"]),
    ("z_batch.jsonl:4", ["'good1'", "duplicate"]),
    ("z_batch.jsonl:5", ["bad id/x"]),
])
def test_ingest_failure_messages_say_what_and_how(batch_result, name: str, words: list[str]) -> None:
    _, failures = batch_result
    [failure] = [f for f in failures if Path(f.source).name == name]
    for word in words:
        assert word in failure.message
    assert failure.as_dict() == {"source": failure.source, "code": failure.code, "message": failure.message}


def test_ingest_real_five_megabyte_file(tmp_path: Path) -> None:
    big = _write(tmp_path / "big.txt", "خبر طويل جدا. " * 220_000)  # 3.1 million characters, 5.3 MB
    assert big.stat().st_size > 5_000_000
    good = _write(tmp_path / "ok.txt", "خبر قصير.")
    failures: list[Failure] = []
    assert [a.id for a in read_articles([big, good], failures)] == ["ok"]
    assert [(Path(f.source).name, f.code) for f in failures] == [("big.txt", "E105")]


def test_ingest_jsonl_records(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a-1", "text": "قال الوزير\u2028إن الاتفاق جاهز.", "title": "اتفاق",
                    "published": "2020-01-05T10:00:00Z", "source": "وكالة", "url": "https://example.org/2"},
                   ensure_ascii=False),  # U+2028 unescaped inside a JSON string is valid JSON
        json.dumps({"text": "خبر بلا معرف.\x85سطر ثان"}, ensure_ascii=False),
    ]
    path = _write(tmp_path / "news.jsonl", "\r\n".join(lines) + "\r\n")
    failures: list[Failure] = []
    articles = list(read_articles([path], failures))
    assert failures == []
    assert [a.id for a in articles] == ["a-1", "news-2"]  # no id: file stem and line number
    first = articles[0]
    assert first.text == "قال الوزير\u2028إن الاتفاق جاهز."
    assert (first.title, first.published, first.source, first.url) == (
        "اتفاق", dt.date(2020, 1, 5), "وكالة", "https://example.org/2")
    assert articles[1].text == "خبر بلا معرف.\x85سطر ثان"


def test_ingest_duplicate_file_ids_across_directories(tmp_path: Path) -> None:
    a = _write(tmp_path / "one" / "same.txt", "خبر أول.")
    b = _write(tmp_path / "two" / "same.txt", "خبر ثان.")
    failures: list[Failure] = []
    articles = list(read_articles([a.parent, b.parent], failures))
    assert [(x.id, x.text) for x in articles] == [("same", "خبر أول.")]
    assert [(f.source, f.code) for f in failures] == [(str(b), "E110")]


def test_ingest_directory_order_is_sorted(tmp_path: Path) -> None:
    for name in ["c", "a", "b"]:
        _write(tmp_path / f"{name}.txt", f"خبر {name}")
    assert [a.id for a in read_articles([tmp_path], [])] == ["a", "b", "c"]


@pytest.mark.parametrize("text, code", [
    ("", "E102"),
    ("\n \n", "E102"),
    ("خبر\x00", "E103"),
    ("The talks go on.", "E104"),
])
def test_ingest_make_article_errors(text: str, code: str) -> None:
    with pytest.raises(InputError) as info:
        make_article("x", text, source="x.txt")
    assert info.value.code == code
    assert "x.txt" in str(info.value)


@pytest.mark.parametrize("text, arabic", [
    ("hello world and more words مرحبا", False),  # 22 Latin letters, 5 Arabic: 19%
    ("hello مرحبا بكم", True),  # 5 Latin, 8 Arabic: 62%
])
def test_ingest_make_article_arabic_ratio(text: str, arabic: bool) -> None:
    if arabic:
        assert make_article("x", text, source="x").text == text
    else:
        with pytest.raises(InputError, match=r"\[E104\]"):
            make_article("x", text, source="x")


def test_ingest_chunks_cut_after_a_heading_line_only() -> None:
    # A dateline and a section heading are cut off their paragraph; a long
    # hard-wrapped line and a line that ends in a comma are not. Own examples.
    text = ("الرياض - واس\nأعلنت الوزارة اليوم عن خطة جديدة لتطوير الطرق في المنطقة الشرقية\n"
            "والجنوبية، وقالت إنها تبدأ قريبا.\nالملك فهد\n تولى الحكم عام 1982.")
    chunks = Article("a", text).nlp_chunks()
    pieces = [piece for _, piece in chunks]
    assert pieces[0] == "الرياض - واس\n"
    assert pieces[1].startswith("أعلنت") and pieces[1].endswith("قريبا.\nالملك فهد\n")
    assert pieces[2] == " تولى الحكم عام 1982."
    assert "".join(pieces) == text
    assert all(text[offset:offset + len(piece)] == piece for offset, piece in chunks)


def test_ingest_chunks_leave_a_heading_before_a_blank_line_to_the_parser() -> None:
    text = "عنوان الخبر\n\nنص الخبر هنا."
    assert Article("a", text).nlp_chunks() == [(0, text)]
