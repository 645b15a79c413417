"""The date grammar: regular expressions assembled from the tables.

The code holds only the structure; every word (month names, clitics, the
conjunction, "من", "شهر", "يوم", commas ...) comes from ``kg/data/dates.yaml``
or from :mod:`kg.lang.ar.clitics`.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..lang.ar import normalize_ar
from ..lang.ar.clitics import ARTICLE, CONJUNCTIONS, PREPOSITIONS

if TYPE_CHECKING:
    from .tables import _Tables

Patterns = list[tuple[str, re.Pattern[str]]]


def _phrase_re(phrase: str, conj: str) -> str:
    """A table entry as a regex: any whitespace between words; ``conj`` before a
    word with the article may be written apart ("الحادي و العشرين")."""
    words = normalize_ar(phrase).split()
    parts = []
    for word in words:
        if len(word) > len(conj) and word.startswith(conj) and word[len(conj):].startswith(ARTICLE):
            parts.append(re.escape(conj) + r"\s*" + re.escape(word[len(conj):]))
        else:
            parts.append(re.escape(word))
    return r"\s+".join(parts)


def _alt(phrases: Any, conj: str) -> str:
    folded = sorted({normalize_ar(p) for p in phrases}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(_phrase_re(p, conj) for p in folded) + ")"


def compile_grammar(t: _Tables) -> tuple[Patterns, re.Pattern[str], re.Pattern[str]]:
    """(the patterns in rank order, the year-list continuation, the splitter of
    compound number words) for the tables ``t``."""
    d = t.data

    def alt(phrases: Any) -> str:
        return _alt(phrases, t.conjunction)

    month = alt(s for family in t.month_spellings.values()
                for spellings in family.values() for s in spellings)
    weekday = alt(s for ss in d["weekdays"].values() for s in ss)
    tod = alt(d["times_of_day"])
    ordinal = alt(s for ss in d["ordinal_days"].values() for s in ss)
    rel = alt(s for ss in d["relative_words"].values() for s in ss)
    mod = alt(s for ss in d["modifiers"].values() for s in ss)
    hsuf = alt(d["hijri_suffixes"])
    count = alt(d["count_words"])
    ysuf = alt(d["year_suffixes"])
    link = alt(d["month_year_links"])
    and_ = re.escape(t.conjunction)
    of = re.escape(t.day_of)
    month_word = re.escape(t.month_word)
    day_word = re.escape(t.day_word)
    comma = "[" + "".join(re.escape(c) for c in t.commas) + "]"
    day_num = r"(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])"
    # Clitics (و ف ب ل ك) stay outside the span; lazy so that a table
    # entry that starts with one ("لعام") is preferred whole.
    clitics = "(?:[" + "".join(CONJUNCTIONS) + "]?[" + "".join(PREPOSITIONS) + "]?)??"
    b = r"(?<!\w)" + clitics

    def year(p: str) -> str:
        tail = rf"(?:\s?{ysuf}(?!\w))?"
        # 1000-2199 only (year_range is checked again in the handlers), so
        # that "يناير 2500 جندي" backtracks to a bare month.
        return (rf"(?P<{p}y>(?:1[0-9]{{3}}|2[01][0-9]{{2}}))(?![0-9])(?!\s*{hsuf}(?!\w))"
                rf"(?!\s*{count}(?!\w)){tail}")

    def months(p: str) -> str:
        # A bracket closes only what it opened: "حزيران (يونيو)".
        return (rf"(?P<{p}m1>{month})(?!\w)(?:(?:(?P<{p}op>\s*\(\s*)|\s*[/\\\-]\s*|\s+)"
                rf"(?P<{p}m2>{month})(?!\w)(?({p}op)\s*\)))?")

    year_tail = rf"(?:\s*{comma}?\s*(?:{link}\s+)?{year('')}|\s+(?P<rel>{rel})(?!\w))?"
    day = rf"(?:(?P<dn>{day_num})|(?P<do>{ordinal})\s+{of})\s+(?:{of}\s+)?(?:{month_word}\s+)?"
    hijri_month = alt(s for ss in d["hijri_months"].values() for s in ss)
    year_kw = alt(d["year_keywords"])
    number = alt(t.number_of)
    numeric_end = rf"(?![0-9]|[/\-.][0-9])(?:\s?{hsuf}(?!\w))?"
    sources = [
        ("day", rf"{b}(?P<x>(?:(?P<wdp>(?:{day_word}\s+)?{weekday})\s*{comma}?\s*)?{day}"
                rf"{months('')}{year_tail})"),
        ("month", rf"{b}(?P<x>(?:(?P<mod>{mod})\s+)?(?P<sh>{month_word}\s+)?{months('')}{year_tail})"),
        ("interval", rf"{b}(?P<x>(?:{alt(d['interval_heads'])})\s+{months('a')}\s+{and_}\s*"
                     rf"{months('b')}{year_tail})"),
        ("year_kw", rf"{b}(?P<x>(?:(?P<mod>{mod})\s+)?{year_kw}\s+{year('')})"),
        ("year_prep", rf"{b}{alt(d['year_prepositions'])}\s+(?P<x>{year('')})"),
        ("year_suffix", r"(?<![\w.,/\-])" + clitics
                        + rf"(?P<x>(?P<y>[0-9]{{4}})\s?{ysuf}(?!\w))"),
        ("year_bracket", r"\(\s*(?P<x>(?P<y>[0-9]{4}))\s*\)"),
        ("hijri", rf"{b}(?P<x>(?:{day})?(?P<hm>{hijri_month})(?!\w)"
                  rf"\s*{comma}?\s*(?:{link}\s+)?(?P<y>[0-9]{{3,4}})(?![0-9])"
                  rf"(?:\s?{hsuf}(?!\w))?)"),
        ("hijri_year", rf"{b}(?P<x>(?:{year_kw}\s+)?(?P<y>[0-9]{{3,4}})\s?{hsuf}(?!\w))"),
        # "ليلة الجمعة", "صباح أمس": a part of the day before a weekday or relative day.
        ("relday", rf"{b}(?P<x>(?:(?P<tod>{tod})\s+)?(?P<rd>{alt(d['relative_days'])})(?!\w)"
                   rf"(?:\s*{comma}?\s*(?P<wd>{weekday})(?!\w))?)"),
        ("weekday", rf"{b}(?P<x>(?:(?P<tod>{tod})\s+)?(?:(?P<yawm>{day_word})\s+)?(?P<wd>{weekday})(?!\w)"
                    rf"(?:\s+(?P<rel>{rel})(?!\w))?)"),
        ("period", rf"{b}(?P<x>(?:(?P<mod>{mod})\s+)?(?:(?P<this>{alt(d['this_words'])})\s+)?"
                   rf"(?P<unit>{alt(t.unit_of)})(?!\w)(?:\s+(?P<rel>{rel})(?!\w))?)"),
        ("numeric_ymd", r"(?<![0-9/\-.])(?P<x>(?P<y>[0-9]{4})(?P<s>[/\-.])(?P<m>[0-9]{1,2})"
                        rf"(?P=s)(?P<d>[0-9]{{1,2}}){numeric_end})"),
        ("numeric_dmy", r"(?<![0-9/\-.])(?P<x>(?P<d>[0-9]{1,2})(?P<s>[/\-.])(?P<m>[0-9]{1,2})"
                        rf"(?P=s)(?P<y>[0-9]{{4}}){numeric_end})"),
        ("duration", rf"{b}(?P<x>(?:(?P<ago>{alt(d['ago_words'])})\s+"
                     rf"|(?P<every>{alt(d['every_words'])})\s+)?"
                     rf"(?:(?:(?P<n>[0-9]{{1,3}})(?![0-9])"
                     rf"|(?P<nw>{number}(?:\s+{and_}\s*{number})?))"
                     rf"\s+(?P<u>{alt(t.dur_unit_of)})"
                     rf"|(?P<dual>{alt(t.dual_of)}))(?!\w))"),
        ("set", rf"{b}(?P<x>{alt(d['sets'])})(?!\w)"),
    ]
    patterns = [(name, re.compile(source)) for name, source in sources]
    year_list = re.compile(rf"\s*{alt(d['year_list_links'])}\s*(?P<x>{year('')})")
    number_split = re.compile(rf"\s+{and_}\s*|\s+")
    return patterns, year_list, number_split
