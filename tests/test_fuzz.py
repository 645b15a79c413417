"""Fuzz tests (hypothesis): hostile and unlucky inputs through ingest, the date
normaliser and the rule layer, with no exception other than a coded one.

The inputs: random bytes, mixed scripts, right-to-left and zero-width characters,
Arabic-Indic digits, huge numbers, dates at both ends of the calendar and Hijri
years. Documents for the rule layer are built by hand (random tokens forming a
valid dependency tree, random tags), so no Stanza model is loaded.

Every test is derandomized (CI sees the same inputs on every run); together they
run ``FUZZ_EXAMPLES`` (>= 10,000) examples.
"""
from __future__ import annotations

import datetime as dt
import json
import random
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, Dataset

from kg.dates import find_dates, publication_date
from kg.document import Article, Document, from_conllu
from kg.errors import KGError
from kg.extract import RuleSet
from kg.graph import add_article, bind_prefixes, serialize_trig
from kg.ids import article_iri, graph_iri
from kg.vocab import KG
from kg.ingest import Failure, make_article, read_articles

# --- building blocks ---------------------------------------------------------

# U+200B-U+200F (zero-width, LRM, RLM), U+202A-U+202E (embeddings, overrides),
# U+2066-U+2069 (isolates).
INVISIBLE = [chr(c) for c in (*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A))]
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

# Our own words: news verbs and nouns the rules react to, names, date words,
# function words, punctuation, and other scripts.
ARABIC = ["قصف", "هاجم", "التقى", "بحث", "أعلن", "انسحب", "وقع", "قال", "أكد", "نفى", "استقبل",
          "الجيش", "القوات", "جندي", "جنود", "الوزير", "وزير", "الخارجية", "الرئيس", "حركة", "المدينة",
          "اتفاق", "محادثات", "هجوم", "عمر", "سامي", "ليلى", "بغداد", "القاهرة", "العراق", "مصر",
          "الأمريكية", "الأمم", "المتحدة", "مع", "في", "من", "إلى", "على", "عن", "و", "أن", "إن", "لا",
          "لم", "الذي", "سموه", "نظيره", "أمس", "اليوم", "غدا", "الأربعاء", "الجمعة", "الماضي", "المقبل",
          "الأسبوع", "الشهر", "العام", "عام", "يناير", "ديسمبر", "كانون", "الثاني", "رمضان", "محرم",
          "هـ", "م", "قبل", "منذ", "خلال", "سنوات", "أواخر", "مطلع", "ألف", "مليون", "«", "»", "،",
          ".", ":", "(", ")", "-", "/", "؟", "؛"]
LATIN = ["NATO", "US", "the", "Reuters", "x", "Ω", "кошка", "日本", "😀", "a\u0301", "ﷲ", "ﻻ"]


def _char_pool() -> list[str]:
    """Printable characters of many scripts: Arabic and its presentation forms, Syriac,
    Hebrew, Latin, Cyrillic, CJK, combining marks, symbols, emoji."""
    ranges = [(0x21, 0x7E), (0xA1, 0x24F), (0x300, 0x36F), (0x400, 0x4FF), (0x590, 0x5FF), (0x600, 0x6FF),
              (0x700, 0x74F), (0x750, 0x77F), (0x8A0, 0x8FF), (0x2000, 0x206F), (0x20A0, 0x20CF),
              (0x3040, 0x30FF), (0x4E00, 0x4E7F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF), (0x1F600, 0x1F64F)]
    chars = (chr(c) for lo, hi in ranges for c in range(lo, hi + 1))
    return [c for c in chars if unicodedata.category(c) not in ("Cs", "Cc", "Cn", "Zs", "Zl", "Zp")
            and not c.isspace()]


CHAR_POOL = _char_pool()
SPACES = [" ", " ", " ", " ", "\n", "\t", "\u00a0", "\u2028", "\r\n", "\n\n"]


def _number(rng: random.Random) -> str:
    """A day, a year, a Hijri year, a huge number or a long run of digits, in
    ASCII, Arabic-Indic or Persian digits."""
    form = rng.randrange(5)
    if form == 0:
        digits = str(rng.randint(0, 31))
    elif form == 1:
        digits = str(rng.randint(1, 9999))
    elif form == 2:
        digits = str(rng.randint(1300, 1500))
    elif form == 3:
        digits = str(rng.randint(10 ** 12, 10 ** 40))
    else:
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 60)))
    return digits.translate(rng.choice([None, INDIC, PERSIAN]) or {})


def _word(rng: random.Random) -> str:
    """One word without spaces, sometimes with invisible characters before, inside or after it."""
    kind = rng.random()
    if kind < 0.55:
        word = rng.choice(ARABIC)
    elif kind < 0.65:
        word = rng.choice(LATIN)
    elif kind < 0.8:
        word = _number(rng)
    else:
        word = "".join(rng.choice(CHAR_POOL) for _ in range(rng.randint(1, 8)))
    if rng.random() < 0.25:
        marks = [rng.choice(INVISIBLE) for _ in range(rng.randint(1, 3))]
        middle = rng.randint(0, len(word))
        word = marks[0] + word[:middle] + "".join(marks[1:]) + word[middle:]
    return word


def _text(rng: random.Random, max_words: int) -> str:
    return "".join(_word(rng) + rng.choice(SPACES) for _ in range(rng.randint(0, max_words)))


# The generators below draw one seed from hypothesis and build the input with it:
# many times faster than one hypothesis draw per word, and as deterministic.
SEEDS = st.randoms(use_true_random=True)


def texts(max_words: int = 20) -> st.SearchStrategy[str]:
    """Mixed-script text: words, invisible characters, numbers and odd spaces."""
    return SEEDS.map(lambda rng: _text(rng, max_words))


FIRST, LAST = dt.date(1, 1, 1), dt.date(9999, 12, 31)
EXTREME_DATES = st.one_of(
    st.sampled_from([FIRST, LAST, dt.date(1, 1, 7), dt.date(9999, 12, 25), dt.date(4, 2, 29)]),
    st.dates(min_value=FIRST, max_value=dt.date(3, 12, 31)),
    st.dates(min_value=dt.date(9997, 1, 1), max_value=LAST),
    st.dates(min_value=FIRST, max_value=LAST))


ANY_TEXT = st.one_of(texts(), st.text(max_size=80), st.text(st.sampled_from(INVISIBLE + list("٠١٢3 /-")),
                                                               max_size=30))

# Date phrases built to hit every handler near the ends of the calendar.
DATE_PHRASES = [
    "أمس", "أول أمس", "غدا", "بعد غد", "اليوم الأحد", "أمس الجمعة", "يوم السبت", "الأحد الماضي",
    "الخميس المقبل", "الأسبوع الماضي", "الأسبوع المقبل", "هذا الأسبوع", "الشهر الماضي", "الشهر المقبل",
    "العام الماضي", "العام المقبل", "مطلع العام المقبل", "أواخر الشهر الماضي", "قبل 3 سنوات",
    "قبل 999 سنة", "قبل 999 يوما", "قبل 999 أسبوعا", "قبل 999 شهرا", "قبل عامين", "منذ يومين",
    "يناير الماضي", "ديسمبر المقبل", "في يناير", "31 ديسمبر", "1 يناير المقبل", "29 فبراير",
    "خلال شهري ديسمبر ويناير", "5 رمضان 1436", "رمضان 1342", "1 محرم 1501", "عام 1500 هـ",
    "999 هـ", "29-8-1436", "30-12-1500", "كل عامين", "يوميا", "9999", "عام 9999", "عام ٢١٩٩"]


def _date_text(rng: random.Random) -> str:
    parts = [rng.choice(DATE_PHRASES) if rng.random() < 0.7 else _word(rng) for _ in range(rng.randint(1, 6))]
    text = " ".join(parts)
    return text.translate(INDIC) if rng.random() < 0.3 else text


DATE_TEXTS = SEEDS.map(_date_text)


def _check_expressions(text: str, published: dt.date | None) -> None:
    found = find_dates(text, published)
    for expr in found:
        assert text[expr.start:expr.end] == expr.text
        if expr.earliest is not None and expr.latest is not None:
            assert expr.earliest <= expr.latest
        json.dumps(expr.as_dict(), ensure_ascii=False)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


# --- (b) the date normaliser -------------------------------------------------

DATE_EXAMPLES = 3000


@settings(max_examples=DATE_EXAMPLES, deadline=None, derandomize=True)
@given(text=DATE_TEXTS, published=st.one_of(st.none(), EXTREME_DATES))
def test_fuzz_date_phrases_at_the_ends_of_the_calendar(text: str, published: dt.date | None) -> None:
    _check_expressions(text, published)


MIXED_DATE_EXAMPLES = 2000


@settings(max_examples=MIXED_DATE_EXAMPLES, deadline=None, derandomize=True)
@given(text=ANY_TEXT, published=st.one_of(st.none(), EXTREME_DATES))
def test_fuzz_mixed_text_through_the_date_normaliser(text: str, published: dt.date | None) -> None:
    _check_expressions(text, published)
    publication_date(text)


# --- (a) ingest ----------------------------------------------------------------

JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(10 ** 30), 10 ** 30), st.floats(), ANY_TEXT,
              st.sampled_from(["0001-01-01", "9999-12-31", "2021-06-05garbage", "0000-00-00", "١٤٣٦-٠٩-٠٥"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=6)
META = st.dictionaries(st.sampled_from(["title", "published", "source", "url", "id", "text", "x"]),
                       JSON_VALUE, max_size=5)

MAKE_EXAMPLES = 1500


@settings(max_examples=MAKE_EXAMPLES, deadline=None, derandomize=True)
@given(article_id=st.one_of(st.text(max_size=12), st.sampled_from([".", "..", "a" * 300])),
       text=st.one_of(ANY_TEXT, texts(max_words=60)), meta=st.one_of(st.none(), META))
def test_fuzz_make_article(article_id: str, text: str, meta: dict | None) -> None:
    try:
        article = make_article(article_id, text, source="fuzz", meta=meta)
    except KGError:
        return
    assert isinstance(article, Article) and article.text == text


def _file_bytes() -> st.SearchStrategy[bytes]:
    encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1256"])
    encoded = st.tuples(texts(), encodings).map(lambda p: p[0].encode(p[1], errors="replace"))
    return st.one_of(st.binary(max_size=200), encoded)


def _jsonl_bytes() -> st.SearchStrategy[bytes]:
    line = st.one_of(
        st.builds(lambda r: json.dumps(r, ensure_ascii=False), st.builds(
            lambda text, meta: {**meta, "text": text}, st.one_of(texts(), st.text(max_size=30)), META)),
        st.builds(json.dumps, JSON_VALUE),
        st.sampled_from(["{", "", "[", '{"text": 5}', '{"text": "نص عربي", "id": "."}']),
        st.text(max_size=30))
    return st.lists(line, max_size=4).map(lambda lines: "\n".join(lines).encode("utf-8"))


def _read_all(files: dict[str, bytes]) -> tuple[list[Article], list[Failure]]:
    failures: list[Failure] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in files.items():
            (Path(tmp) / name).write_bytes(data)
        try:
            articles = list(read_articles([Path(tmp), Path(tmp) / "missing.txt"], failures))
        except KGError:
            return [], failures
    return articles, failures


READ_EXAMPLES = 700


@settings(max_examples=READ_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(txt=_file_bytes(), meta=st.one_of(st.none(), st.binary(max_size=60), st.builds(json.dumps, META).map(str.encode)))
def test_fuzz_read_text_files(txt: bytes, meta: bytes | None) -> None:
    files = {"a.txt": txt}
    if meta is not None:
        files["a.meta.json"] = meta
    articles, failures = _read_all(files)
    assert len(articles) + len(failures) >= 2  # a.txt one way or the other, missing.txt a failure
    assert failures[-1].code == "E101"


JSONL_EXAMPLES = 500


@settings(max_examples=JSONL_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=_jsonl_bytes())
def test_fuzz_read_jsonl_files(data: bytes) -> None:
    articles, failures = _read_all({"b.jsonl": data})
    assert failures[-1].code == "E101"  # the batch went on to the missing file after it
    assert all(a.text.strip() for a in articles)


# JSON that Python's json module cannot take: nesting deeper than the recursion
# limit (RecursionError), an integer of more than 4,300 digits (ValueError).
ARABIC_LINE = "قال الوزير إن المحادثات مستمرة"
DEEP = "[" * 100_000
HUGE = "9" * 5000


@pytest.mark.parametrize("name,data", [
    ("deep.jsonl", DEEP),
    ("huge-id.jsonl", '{"text": "%s", "id": %s}' % (ARABIC_LINE, HUGE)),
    ("huge-published.jsonl", '{"text": "%s", "published": %s}' % (ARABIC_LINE, HUGE)),
    ("c.meta.json", '{"title": %s}' % DEEP),
    ("c.meta.json", '{"published": %s}' % HUGE),
], ids=["jsonl-deep", "jsonl-huge-id", "jsonl-huge-published", "meta-deep", "meta-huge"])
def test_fuzz_ingest_json_beyond_the_parser_limits(name: str, data: str) -> None:
    files = {name: data.encode("utf-8"), "c.txt": ARABIC_LINE.encode("utf-8")}
    articles, failures = _read_all(files)  # a coded failure for the bad file, never another exception
    bad = [f for f in failures if f.code != "E101"]
    assert len(bad) == 1 and "beyond the parser's limits" in bad[0].message
    if name.endswith(".jsonl"):
        assert bad[0].code == "E111" and [a.id for a in articles] == ["c"]
    else:  # the sidecar belongs to c.txt: the article is skipped, not read without its metadata
        assert bad[0].code == "E108" and articles == []


# --- (c) the rule layer on hand-built documents ----------------------------------

UPOS = ["NOUN", "PROPN", "VERB", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "NUM", "PART", "PRON",
        "PUNCT", "SCONJ", "SYM", "X", "INTJ"]
DEPREL = ["root", "nsubj", "obj", "iobj", "obl", "nmod", "amod", "case", "det", "conj", "cc", "punct",
          "appos", "flat", "compound", "advmod", "acl", "acl:relcl", "ccomp", "xcomp", "mark", "nummod",
          "cop", "aux", "parataxis", "nsubj:pass", "dep", "fixed", "csubj", "advcl", "obl:arg"]
FEATS = ["_", "Gender=Masc|Number=Sing", "Gender=Fem|Number=Plur", "Definite=Def", "Aspect=Perf|Voice=Act"]
NER_TYPES = ["PER", "ORG", "LOC", "MISC"]


def _sentence(rng: random.Random) -> str:
    """One sentence of CoNLL-U: words in a valid tree, some tokens of two words,
    random tags (BIOES, not always well formed: the reader is lenient)."""
    n = rng.randint(1, 14)
    words = [_word(rng) for _ in range(n)]
    # A tree: visit the words in a random order; each hangs on one visited before.
    order = rng.sample(range(n), n)
    heads = [0] * n
    for k, i in enumerate(order[1:], 1):
        heads[i] = order[rng.randrange(k)] + 1
    rows: list[str] = []
    i = 0
    while i < n:
        mwt = i + 1 < n and rng.random() < 0.15
        span = [i, i + 1] if mwt else [i]
        tag = rng.choice("OOOSBIE")
        ner = "O" if tag == "O" else f"{tag}-{rng.choice(NER_TYPES)}"
        if mwt:
            rows.append(f"{i + 1}-{i + 2}\t{words[i]}{words[i + 1]}\t_\t_\t_\t_\t_\t_\t_\tner={ner}")
        for j in span:
            lemma = rng.choice([words[j], "_", rng.choice(ARABIC)])
            deprel = "root" if heads[j] == 0 else rng.choice(DEPREL)
            misc = "_" if mwt else f"ner={ner}"
            rows.append(f"{j + 1}\t{words[j]}\t{lemma}\t{rng.choice(UPOS)}\t_\t{rng.choice(FEATS)}"
                        f"\t{heads[j]}\t{deprel}\t_\t{misc}")
        i += len(span)
    return "\n".join(rows)


def _document(rng: random.Random, published: dt.date | None) -> Document:
    conllu = "\n\n".join(_sentence(rng) for _ in range(rng.randint(1, 3))) + "\n"
    doc = from_conllu(conllu)
    doc.article.id = rng.choice(["fuzz", "fuzz-1", "a_b.c"])
    doc.article.published = published
    doc.article.title = rng.choice([None, _text(rng, 4)])
    return doc


DOCUMENTS = st.builds(_document, SEEDS, st.one_of(st.none(), EXTREME_DATES))


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RuleSet.load()


RULE_EXAMPLES = 2500


@settings(max_examples=RULE_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(doc=DOCUMENTS)
def test_fuzz_rule_layer_and_graph(rules: RuleSet, doc: Document) -> None:
    facts = rules.extract(doc)
    ds = bare_dataset()  # no ontology: parsing it for every example would cost most of the time
    g = add_article(ds, facts, built=dt.date(2024, 1, 1))
    assert (article_iri(doc.article.id), RDF.type, KG.Article) in g
    trig = serialize_trig(ds)
    assert f"<{graph_iri(doc.article.id)}>" in trig


def bare_dataset() -> Dataset:
    ds = Dataset()
    bind_prefixes(ds)
    return ds


FUZZ_EXAMPLES = (DATE_EXAMPLES + MIXED_DATE_EXAMPLES + MAKE_EXAMPLES + READ_EXAMPLES + JSONL_EXAMPLES
                 + RULE_EXAMPLES)


def test_fuzz_covers_ten_thousand_inputs() -> None:
    assert FUZZ_EXAMPLES >= 10_000
