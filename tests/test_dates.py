"""Tests for kg.dates: the case table, properties (hypothesis), API details."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.dates import (
    TimeExpression,
    find_dates,
    month_names,
    ordinal_day_words,
    publication_date,
)
from kg.errors import InputError

CASES_PATH = Path(__file__).parent / "data" / "dates_cases.yaml"
CASES = yaml.safe_load(CASES_PATH.read_text(encoding="utf-8"))["cases"]


def _expected_value(value: object) -> str | None:
    # YAML reads 2020 as int and 2021-06-05 as a date; the API speaks strings.
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _case_id(case: dict) -> str:
    return case["text"][:40]


def test_dates_case_table_is_large_enough() -> None:
    assert len(CASES) >= 150
    assert sum(1 for case in CASES if not case["expect"]) >= 15  # traps


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_dates_case_table(case: dict) -> None:
    found = find_dates(case["text"], case["pub"])
    got = [(e.text, e.value, e.precision) for e in found]
    want = [(item[0], _expected_value(item[1]), item[2]) for item in case["expect"]]
    assert got == want
    for expr, item in zip(found, case["expect"]):
        extra = item[3] if len(item) > 3 else {}
        for field in ("earliest", "latest", "anchor"):
            if field in extra:
                assert getattr(expr, field) == extra[field], field
        if "kind" in extra:
            assert expr.kind == extra["kind"]
        if "note" in extra:
            assert expr.note is not None and extra["note"] in expr.note
        elif expr.value is not None:
            assert expr.note is None


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_dates_spans_match_text(case: dict) -> None:
    for expr in find_dates(case["text"], case["pub"]):
        assert case["text"][expr.start:expr.end] == expr.text


# --- properties -----------------------------------------------------------

DATES = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2050, 12, 31))
FAMILIES = ["egyptian", "levantine", "maghrebi"]
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _single(text: str) -> TimeExpression:
    found = find_dates(text)
    assert len(found) == 1, (text, found)
    return found[0]


@settings(max_examples=300, deadline=None)
@given(day=DATES, family=st.sampled_from(FAMILIES), indic=st.booleans(),
       ordinal=st.booleans())
def test_dates_property_written_dates_round_trip(day: dt.date, family: str, indic: bool,
                                                 ordinal: bool) -> None:
    month = month_names(family)[day.month][0]
    if ordinal:
        text = f"{ordinal_day_words()[day.day]} من {month} {day.year}"
    else:
        text = f"{day.day} {month} {day.year}"
    if indic:
        text = text.translate(ARABIC_INDIC)
    expr = _single(f"وقع ذلك في {text} حسب البيان")
    assert (expr.value, expr.precision, expr.text) == (day.isoformat(), "day", text)


@settings(max_examples=200, deadline=None)
@given(day=DATES, pair=st.sampled_from([("egyptian", "levantine"), ("levantine", "egyptian")]),
       sep=st.sampled_from(["/", " / ", " "]))
def test_dates_property_paired_months_round_trip(day: dt.date, pair: tuple[str, str],
                                                 sep: str) -> None:
    first = month_names(pair[0])[day.month][0]
    second = month_names(pair[1])[day.month][0]
    text = f"{day.day} {first}{sep}{second} {day.year}"
    expr = _single(f"في {text}")
    assert (expr.value, expr.text) == (day.isoformat(), text)


@settings(max_examples=200, deadline=None)
@given(day=DATES, form=st.sampled_from(["{y}/{m:02d}/{d:02d}", "{d:02d}-{m:02d}-{y}",
                                        "{d}/{m}/{y}", "{y}-{m}-{d}", "{d}.{m}.{y}"]),
       indic=st.booleans())
def test_dates_property_numeric_round_trip(day: dt.date, form: str, indic: bool) -> None:
    text = form.format(y=day.year, m=day.month, d=day.day)
    if indic:
        text = text.translate(ARABIC_INDIC)
    expr = _single(f"بتاريخ {text} صدر")
    assert (expr.value, expr.text) == (day.isoformat(), text)


@settings(max_examples=100, deadline=None)
@given(day=DATES, family=st.sampled_from(FAMILIES))
def test_dates_property_month_year_round_trip(day: dt.date, family: str) -> None:
    month = month_names(family)[day.month][0]
    expr = _single(f"في {month} {day.year} بدأ العمل")
    assert expr.value == f"{day.year:04d}-{day.month:02d}"
    assert expr.earliest == day.replace(day=1)
    assert expr.latest is not None and expr.latest.month == day.month
    assert (expr.latest + dt.timedelta(days=1)).day == 1


ARABIC_CHARS = st.sampled_from(
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى") + list("٠١٢٣٤٥٦٧٨٩0123456789")
    + list(" /-.،()\n") + ["ً", "ـ", "َ"])
WORDS = st.sampled_from(["يناير", "كانون", "الثاني", "اليوم", "أمس", "الأربعاء", "عام",
                         "منذ", "الماضي", "المقبل", "شهري", "و", "من", "الخامس", "رمضان",
                         "هـ", "م", "ء", "قبل", "خلال", "سنوات", "أواخر", "2021", "٢٠٢٠",
                         "5", "/", "(", ")", "-", "تم النشر:", "\n"])


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(st.text(ARABIC_CHARS, max_size=80),
                      st.lists(WORDS, max_size=25).map(" ".join),
                      st.text(max_size=60)),
       published=st.one_of(st.none(), DATES))
def test_dates_property_random_text_never_crashes(text: str, published: dt.date | None) -> None:
    found = find_dates(text, published)
    for expr in found:
        assert text[expr.start:expr.end] == expr.text
        assert expr.start < expr.end
        if expr.earliest and expr.latest:
            assert expr.earliest <= expr.latest
        json.dumps(expr.as_dict(), ensure_ascii=False)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start  # sorted and non-overlapping
    publication_date(text)


@settings(max_examples=100, deadline=None)
@given(published=DATES, offset=st.sampled_from([("أمس", -1), ("اليوم", 0), ("غدا", 1),
                                                 ("أول أمس", -2), ("بعد غد", 2)]))
def test_dates_property_relative_days_follow_anchor(published: dt.date,
                                                    offset: tuple[str, int]) -> None:
    expr = _single_pub(f"قال {offset[0]} إن", published)
    assert expr.value == (published + dt.timedelta(days=offset[1])).isoformat()
    assert expr.anchor == published


def _single_pub(text: str, published: dt.date) -> TimeExpression:
    found = find_dates(text, published)
    assert len(found) == 1, (text, found)
    return found[0]


# --- API details ----------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("عنوان الخبر\nتم النشر: 2021/06/05 الساعة 11:13 بتوقيت غرينتش", dt.date(2021, 6, 5)),
    ("تم التحديث: 2021/06/07\nتم النشر: 2021/06/05", dt.date(2021, 6, 5)),
    ("تاريخ النشر: ٣ آذار ٢٠٢٠", dt.date(2020, 3, 3)),
    ("عنوان\n\n( وكالة الأنباء - 27 يوليو 2021ء) قال", dt.date(2021, 7, 27)),
    ("بغداد - 14 شباط 2019: أعلن الجيش", dt.date(2019, 2, 14)),
    ("قال الوزير اليوم إن 5 يناير 2020 كان يوما صعبا", None),
    ("", None),
])
def test_dates_publication_date(text: str, expected: dt.date | None) -> None:
    assert publication_date(text) == expected


def test_dates_published_argument_overrides_text() -> None:
    text = "تم النشر: 2021/06/05\nقال أمس"
    assert find_dates(text, dt.date(2020, 1, 2))[-1].value == "2020-01-01"


@pytest.mark.parametrize("text,xsd", [
    ("5 يناير 2020", "date"), ("يناير 2020", "gYearMonth"), ("عام 2020", "gYear"),
    ("خلال 3 سنوات", "duration"), ("شهري يوليو وأغسطس 2020", None), ("يوميا", None),
    ("15 يناير", None),
])
def test_dates_xsd_datatype(text: str, xsd: str | None) -> None:
    assert find_dates(text)[0].xsd_datatype() == xsd


def test_dates_as_dict_is_json_ready() -> None:
    expr = find_dates("أواخر الشهر الماضي", dt.date(2021, 6, 5))[0]
    assert expr.as_dict() == {
        "text": "أواخر الشهر الماضي", "start": 0, "end": 18, "value": "2021-05",
        "precision": "month", "earliest": "2021-05-21", "latest": "2021-05-31",
        "anchor": "2021-06-05", "kind": "DATE", "note": None,
    }


def test_dates_absolute_has_no_anchor() -> None:
    assert find_dates("في 5 يناير 2020", dt.date(2021, 6, 5))[0].anchor is None


def test_dates_span_keeps_trailing_diacritics() -> None:
    text = "وصل الوفد اليومَ"
    expr = find_dates(text, dt.date(2021, 6, 5))[0]
    assert (expr.text, expr.end) == ("اليومَ", len(text))


@pytest.mark.parametrize("text,published,code", [
    (None, None, "E603"),
    (b"bytes", None, "E603"),
    ("اليوم", "2021-06-05", "E604"),
])
def test_dates_bad_input_raises_coded_error(text: object, published: object, code: str) -> None:
    with pytest.raises(InputError) as info:
        find_dates(text, published)  # type: ignore[arg-type]
    assert info.value.code == code


def test_dates_unknown_family_raises() -> None:
    with pytest.raises(InputError) as info:
        month_names("persian")
    assert info.value.code == "E605"


# --- the ends of the calendar (0001-01-01 .. 9999-12-31) ------------------

FIRST, LAST = dt.date(1, 1, 1), dt.date(9999, 12, 31)


@pytest.mark.parametrize("text,published,precision", [
    ("أمس", FIRST, "day"),
    ("أول أمس", dt.date(1, 1, 2), "day"),
    ("غدا", LAST, "day"),
    ("اليوم الأحد", FIRST, "day"),          # 0001-01-01 is a Monday: the Sunday before
    ("الأحد الماضي", FIRST, "day"),
    ("الخميس المقبل", LAST, "day"),          # 9999-12-31 is a Friday
    ("الأسبوع الماضي", FIRST, "interval"),
    ("هذا الأسبوع", LAST, "interval"),       # its Sunday is 10000-01-02
    ("الشهر الماضي", FIRST, "month"),
    ("الشهر المقبل", LAST, "month"),
    ("العام الماضي", FIRST, "year"),
    ("مطلع العام المقبل", LAST, "year"),
    ("قبل 3 سنوات", dt.date(2, 6, 1), "year"),
    ("قبل 999 شهرا", dt.date(50, 6, 1), "month"),
    ("قبل 999 أسبوعا", dt.date(10, 6, 1), "day"),
    ("يناير المقبل", LAST, "month"),
    ("ديسمبر الماضي", FIRST, "month"),
    ("31 ديسمبر", FIRST, "day"),            # the nearest 31 December is in year 0
    ("5 يناير", dt.date(9999, 12, 20), "day"),
    ("شهري ديسمبر ويناير", dt.date(1, 1, 10), "interval"),
])
def test_dates_relative_past_the_calendar_is_left_unresolved(text: str, published: dt.date,
                                                             precision: str) -> None:
    expr = _single_pub(text, published)
    assert (expr.text, expr.value, expr.precision, expr.anchor) == (text, None, precision, None)
    assert expr.note is not None and "0001-01-01..9999-12-31" in expr.note


@pytest.mark.parametrize("text,published,value", [
    ("أمس", dt.date(1, 1, 2), "0001-01-01"),
    ("غدا", dt.date(9999, 12, 30), "9999-12-31"),
    ("العام الماضي", dt.date(2, 3, 4), "0001"),
    ("العام المقبل", dt.date(9998, 3, 4), "9999"),
    ("الشهر المقبل", dt.date(9999, 11, 30), "9999-12"),
    ("5 يناير", FIRST, "0001-01-05"),       # year 0 exists on neither side: the nearest is year 1
    ("31 ديسمبر", dt.date(9999, 12, 1), "9999-12-31"),
    ("29 فبراير", dt.date(4, 6, 1), "0004-02-29"),
    ("هذا الأسبوع", dt.date(9999, 12, 26), "9999-W51"),
])
def test_dates_relative_next_to_the_ends_resolves(text: str, published: dt.date, value: str) -> None:
    expr = _single_pub(text, published)
    assert (expr.value, expr.anchor, expr.note) == (value, published, None)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(published=st.dates(min_value=FIRST, max_value=LAST) | st.sampled_from([FIRST, LAST]),
       text=st.sampled_from(["أمس", "غدا", "بعد غد", "اليوم الجمعة", "السبت الماضي", "الأحد المقبل",
                             "الأسبوع المقبل", "الشهر الماضي", "العام المقبل", "أواخر العام الماضي",
                             "قبل 999 يوما", "قبل 999 سنة", "يناير الماضي", "ديسمبر المقبل",
                             "1 يناير المقبل", "31 ديسمبر الماضي", "29 فبراير"]))
def test_dates_property_every_year_resolves_or_is_left_open(published: dt.date, text: str) -> None:
    for expr in find_dates(text, published):
        assert (expr.value is None) == (expr.anchor is None)
        if expr.earliest is not None:
            assert expr.latest is not None and expr.earliest <= expr.latest


@pytest.mark.parametrize("published", [FIRST, dt.date(1, 1, 2), LAST])
def test_dates_rule_layer_takes_an_article_published_at_either_end(published: dt.date, conllu_doc) -> None:
    # "قصف الجيش المدينة أمس الأحد" (the army shelled the city yesterday, Sunday), parsed by hand.
    from kg.extract import RuleSet
    from kg.graph import add_article, new_dataset, serialize_trig

    doc = conllu_doc("""
    # text = قصف الجيش المدينة أمس الأحد .
    1 قصف قصف VERB _ _ 0 root _ _
    2 الجيش جيش NOUN _ _ 1 nsubj _ ner=S-ORG
    3 المدينة مدينة NOUN _ _ 1 obj _ _
    4 أمس أمس NOUN _ _ 1 obl _ _
    5 الأحد أحد NOUN _ _ 4 nmod _ _
    6 . . PUNCT _ _ 1 punct _ _
    """)
    doc.article.published = published
    facts = RuleSet.load().extract(doc)
    assert [(d.text, d.value) for d in facts.dates] == [("أمس الأحد", None)]  # before 0001-01-01 or a weekday mismatch
    ds = new_dataset()
    add_article(ds, facts)
    assert f'"{published.isoformat()}"^^xsd:date' in serialize_trig(ds)
