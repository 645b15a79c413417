"""Issue 10's batch: every bad input a user may feed it, beside five good articles, in one `kg run`.

The run exits 0, lands the five good articles (and the awkward but valid inputs), lists every
refused input in failures.json, and stays under 2 GB of peak memory. Real Stanza models.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.models

# Five short articles of our own.
GOOD = {
    "good-1": "أعلن وزير الخارجية المصري أن القاهرة ستستضيف اجتماعا لبحث الأزمة الليبية الأسبوع المقبل. "
              "وقال إن الاجتماع سيضم ممثلين عن دول الجوار.",
    "good-2": "قصفت طائرات حربية مواقع لمسلحين في شمال البلاد أمس. وقالت وزارة الدفاع إن الغارات دمرت "
              "مخازن للأسلحة.",
    "good-3": "وقعت الحكومة العراقية وشركة نفط دولية اتفاقا لتطوير حقل في جنوب البلاد. وقال المتحدث باسم "
              "وزارة النفط إن الاتفاق يمتد عشرين عاما.",
    "good-4": "صوت مجلس النواب الأردني على مشروع قانون الانتخاب الجديد بعد نقاش استمر ثلاثة أيام.",
    "good-5": "التقى رئيس الوزراء التونسي وفدا من البنك الدولي في العاصمة، وبحث الجانبان برامج دعم الاقتصاد.",
}
LINE = "قال الوزير إن المحادثات مستمرة بين الطرفين."
WORDS = ["المدينة", "الطريق", "السوق", "المدرسة", "الحديقة", "النهر", "الجسر", "المصنع", "الميناء", "القرية"]
PEAK_LIMIT_KB = 2 * 1024 * 1024  # 2 GB, as ru_maxrss counts it on Linux


def _unpunctuated(chars: int) -> str:
    words, size = [], 0
    while size < chars:
        word = WORDS[len(words) * 7 % len(WORDS)]
        words.append(word)
        size += len(word) + 1
    return " ".join(words)


def _inputs(root: Path) -> tuple[Path, Path, set[str], set[str]]:
    """(directory, jsonl file, ids that must land, sources that must be listed as failures)."""
    d = root / "in"
    d.mkdir()
    for name, text in GOOD.items():
        (d / f"{name}.txt").write_text(text, encoding="utf-8")
    lands = set(GOOD)
    # awkward but valid: they land
    headline = "القاهرة وعمان تبحثان تعزيز التعاون التجاري بين البلدين خلال العام المقبل"
    (d / f"{headline}.txt").write_text(LINE, encoding="utf-8")
    (d / "UPPER.TXT").write_text(LINE, encoding="utf-8")
    (d / "year-1.txt").write_text(LINE, encoding="utf-8")
    (d / "year-1.meta.json").write_text('{"published": "0001-01-01"}', encoding="utf-8")
    (d / "year-9999.txt").write_text(LINE, encoding="utf-8")
    (d / "year-9999.meta.json").write_text('{"published": "9999-12-31"}', encoding="utf-8")
    (d / "no-punctuation.txt").write_text(_unpunctuated(30_000), encoding="utf-8")
    lands |= {headline, "UPPER", "year-1", "year-9999", "no-punctuation"}
    # refused: each is listed
    bad: set[str] = set()
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (d / "cp1256.txt").write_bytes(LINE.encode("cp1256"))
    (d / "utf16.txt").write_bytes(LINE.encode("utf-16-le"))  # no byte-order mark, no NUL byte
    (d / "english.txt").write_text("The minister said the talks went well.", encoding="utf-8")
    (d / "broken-meta.txt").write_text(LINE, encoding="utf-8")
    (d / "broken-meta.meta.json").write_text("{not json", encoding="utf-8")
    (d / "title-list.txt").write_text(LINE, encoding="utf-8")
    (d / "title-list.meta.json").write_text('{"title": ["a", "b"]}', encoding="utf-8")
    (d / "url-number.txt").write_text(LINE, encoding="utf-8")
    (d / "url-number.meta.json").write_text('{"url": 42}', encoding="utf-8")
    (d / "published-garbage.txt").write_text(LINE, encoding="utf-8")
    (d / "published-garbage.meta.json").write_text('{"published": "2021-06-05garbage"}', encoding="utf-8")
    (d / "dir.txt").mkdir()
    os.mkfifo(d / "fifo.txt")
    os.symlink(d / "nowhere.txt", d / "dangling.txt")
    bad |= {"empty.txt", "binary.txt", "cp1256.txt", "utf16.txt", "english.txt", "broken-meta.txt",
            "title-list.txt", "url-number.txt", "published-garbage.txt", "dir.txt", "fifo.txt", "dangling.txt"}
    jsonl = root / "lines.jsonl"
    records = [{"id": "long-" + "x" * 295, "text": LINE}, {"id": ".", "text": LINE}, {"id": "..", "text": LINE}]
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n{broken\n",
                     encoding="utf-8")
    lands.add("long-" + "x" * 295)
    bad |= {"lines.jsonl:2", "lines.jsonl:3", "lines.jsonl:4"}
    return d, jsonl, lands, bad


def test_bad_batch_lands_the_good_lists_the_bad_within_two_gigabytes(tmp_path, model_dir):
    directory, jsonl, lands, bad = _inputs(tmp_path)
    out = tmp_path / "out"
    kg = [sys.executable, "-m", "kg.cli", "-q", "run", str(directory), str(jsonl), "-o", str(out),
          "--models", str(model_dir), "--cache-dir", str(tmp_path / "cache")]
    # A wrapper whose only child is the run: its RUSAGE_CHILDREN peak is the run's peak.
    wrapper = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
               "print('peak_kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
               "sys.exit(done.returncode)")
    done = subprocess.run([sys.executable, "-c", wrapper, *kg], capture_output=True, text=True, timeout=1200,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    peak_kb = int(done.stderr.split("peak_kb")[-1].split()[0])
    assert peak_kb < PEAK_LIMIT_KB, f"peak {peak_kb / 1024:.0f} MB"

    from urllib.parse import unquote

    from rdflib import Dataset

    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    landed = {unquote(str(g.identifier).rsplit("/graph/", 1)[1]) for g in ds.graphs()
              if "/graph/" in str(g.identifier) and not str(g.identifier).endswith("/graph/ontology")}
    assert landed == lands
    listed = json.loads((out / "failures.json").read_text(encoding="utf-8"))
    sources = {Path(f["source"]).name for f in listed}
    assert sources == bad
    assert all(f["code"].startswith("E1") and "Fix:" in f["message"] for f in listed), listed
