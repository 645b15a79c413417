"""Find and normalise Arabic date expressions (rules stage; error codes E6xx).

A stage of its own with no Stanza dependency: plain text in, typed
:class:`TimeExpression` spans out. Every word list (month names in the
Egyptian/Gulf, Levantine/Iraqi and Maghrebi families, weekdays, ordinal days,
relative words, Hijri months...) lives in ``kg/data/dates.yaml``.

Matching runs on a folded copy of the text (``kg.normalize.normalize_ar`` one
character at a time, so أ/ا, ى/ي, ة/ه, Arabic-Indic digits and diacritics do
not matter) and every span is mapped back to the original text, so
``text[e.start:e.end] == e.text`` always holds.

Relative expressions (اليوم، أمس الثلاثاء، يناير الماضي، الشهر المقبل) are
resolved against the publication date. Without one they keep their span and
precision but ``value`` is None: a year is never invented.

>>> import datetime
>>> [e.value for e in find_dates("وصل الوفد اليوم الأربعاء بعد زيارة في ٥ يناير ٢٠٢٠",
...                              published=datetime.date(2021, 6, 10))]
['2021-06-09', '2020-01-05']
>>> find_dates("انتشر 2500 جندي")
[]
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import yaml

from kg.errors import ConfigError, InputError
from kg.normalize import normalize_ar

DATA_PATH = Path(__file__).parent / "data" / "dates.yaml"

_PRECISION_XSD = {"day": "date", "month": "gYearMonth", "year": "gYear", "duration": "duration"}


@dataclass(frozen=True)
class TimeExpression:
    """One date expression found in a text.

    ``value`` follows TimeML/ISO 8601 by precision: ``2020-01-05`` (day),
    ``2020-01`` (month), ``2020`` (year), ``P3Y`` (duration), ``2021-W22`` or
    ``2021-07/2021-08`` (interval). ``earliest``/``latest`` bound the days it
    may mean ("أواخر مايو" is May 21-31).

    >>> e = find_dates("في 5 يناير 2020")[0]
    >>> (e.text, e.value, e.precision, e.xsd_datatype())
    ('5 يناير 2020', '2020-01-05', 'day', 'date')
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: str | None
    earliest: dt.date | None
    latest: dt.date | None
    anchor: dt.date | None
    kind: str
    note: str | None = None

    def xsd_datatype(self) -> str | None:
        """The XSD datatype of ``value`` for the graph (None: no literal).

        >>> find_dates("عام 2003")[0].xsd_datatype()
        'gYear'
        >>> find_dates("خلال 3 سنوات")[0].xsd_datatype()
        'duration'
        """
        if self.value is None or self.kind == "SET":
            return None
        return _PRECISION_XSD.get(self.precision or "")

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready dict; dates as ISO strings.

        >>> find_dates("أواخر مايو 2021")[0].as_dict()["earliest"]
        '2021-05-21'
        """
        def iso(day: dt.date | None) -> str | None:
            return day.isoformat() if day else None

        return {
            "text": self.text, "start": self.start, "end": self.end,
            "value": self.value, "precision": self.precision,
            "earliest": iso(self.earliest), "latest": iso(self.latest),
            "anchor": iso(self.anchor), "kind": self.kind, "note": self.note,
        }


# --------------------------------------------------------------------------
# Folding with an offset map


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch.isspace():
        return " "
    return normalize_ar(ch)


def _key(phrase: str) -> str:
    """Lookup key of a (folded or not) phrase: folded, without spaces."""
    return re.sub(r"\s+", "", normalize_ar(phrase))


class _Folded:
    """``text`` folded for matching, with a map back to original offsets."""

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        self.origin: list[int] = []
        for i, ch in enumerate(text):
            for out in _fold_char(ch):
                chars.append(out)
                self.origin.append(i)
        self.text = "".join(chars)
        self.source = text

    def span(self, start: int, end: int) -> tuple[int, int]:
        o_start = self.origin[start]
        o_end = self.origin[end - 1] + 1
        # Diacritics after the last letter belong to the word ("اليومَ").
        while (o_end < len(self.source) and not self.source[o_end].isspace()
               and _fold_char(self.source[o_end]) == ""):
            o_end += 1
        return o_start, o_end


# --------------------------------------------------------------------------
# Data tables and the grammar built from them


def _phrase_re(phrase: str) -> str:
    words = normalize_ar(phrase).split()
    parts = []
    for word in words:
        if len(word) > 1 and word.startswith("و") and word[1:].startswith("ال"):
            parts.append("و\\s*" + re.escape(word[1:]))
        else:
            parts.append(re.escape(word))
    return r"\s+".join(parts)


def _alt(phrases: Any) -> str:
    folded = sorted({normalize_ar(p) for p in phrases}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(_phrase_re(p) for p in folded) + ")"


class _Tables:
    """The YAML tables, folded into lookups and regular expressions."""

    REQUIRED = (
        "months", "ambiguous_months", "weekdays", "ambiguous_weekdays",
        "weekday_context_before", "not_weekday_after", "ordinal_days", "relative_days",
        "not_today_after",
        "relative_words", "relative_units", "this_words", "modifiers", "modifier_ranges",
        "year_keywords", "year_prepositions", "year_suffixes", "month_year_links",
        "year_list_links", "bracket_year_range", "numeric_hijri_years", "year_range", "count_words",
        "interval_heads", "hijri_months", "hijri_suffixes", "duration_units",
        "duration_duals", "number_words", "ago_words", "every_words", "sets", "publication_labels",
        "dateline_window",
    )

    def __init__(self, data: dict[str, Any], source: Path) -> None:
        missing = [key for key in self.REQUIRED if key not in data]
        if missing:
            raise ConfigError("E602", f"{source}: missing tables {', '.join(missing)}",
                              fix="restore them from the project's kg/data/dates.yaml")
        self.data = data
        self.month_of: dict[str, int] = {}
        self.month_spellings: dict[str, dict[int, list[str]]] = {}
        for number, families in data["months"].items():
            for family, spellings in families.items():
                self.month_spellings.setdefault(family, {})[int(number)] = list(spellings)
                for spelling in spellings:
                    self.month_of[_key(spelling)] = int(number)
        self.ambiguous_months = {_key(s) for s in data["ambiguous_months"]}
        self.weekday_of = {_key(s): int(n) for n, ss in data["weekdays"].items() for s in ss}
        self.ambiguous_weekdays = {_key(s) for s in data["ambiguous_weekdays"]}
        self.weekday_context = {_key(s) for s in data["weekday_context_before"]}
        self.not_weekday_after = {_key(s) for s in data["not_weekday_after"]}
        self.ordinal_of = {_key(s): int(n) for n, ss in data["ordinal_days"].items() for s in ss}
        self.relday_of = {_key(s): int(n) for s, n in data["relative_days"].items()}
        self.not_today = {_key(s) for s in data["not_today_after"]}
        self.rel_of = {_key(s): kind for kind, ss in data["relative_words"].items() for s in ss}
        self.unit_of = {_key(s): unit for unit, ss in data["relative_units"].items() for s in ss}
        self.mod_of = {_key(s): kind for kind, ss in data["modifiers"].items() for s in ss}
        self.mod_ranges = data["modifier_ranges"]
        self.hijri_month_of = {_key(s): int(n) for n, ss in data["hijri_months"].items()
                               for s in ss}
        self.dur_unit_of = {_key(s): u for u, ss in data["duration_units"].items() for s in ss}
        self.dual_of = {_key(s): u for u, ss in data["duration_duals"].items() for s in ss}
        self.number_of = {_key(s): int(n) for n, ss in data["number_words"].items() for s in ss}
        self.set_of = {_key(s): v for s, v in data["sets"].items()}
        self.year_min, self.year_max = data["year_range"]
        self.bracket_min, self.bracket_max = data["bracket_year_range"]
        self.labels = [normalize_ar(s) for s in data["publication_labels"]]
        self.dateline_window = int(data["dateline_window"])
        self._compile()

    def _compile(self) -> None:
        d = self.data
        month = _alt(s for family in self.month_spellings.values()
                     for spellings in family.values() for s in spellings)
        weekday = _alt(s for ss in d["weekdays"].values() for s in ss)
        ordinal = _alt(s for ss in d["ordinal_days"].values() for s in ss)
        rel = _alt(s for ss in d["relative_words"].values() for s in ss)
        mod = _alt(s for ss in d["modifiers"].values() for s in ss)
        hsuf = _alt(d["hijri_suffixes"])
        count = _alt(d["count_words"])
        ysuf = _alt(d["year_suffixes"])
        link = _alt(d["month_year_links"])
        day_num = r"(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])"
        # Clitics (و ف ب ل ك) stay outside the span; lazy so that a table
        # entry that starts with one ("لعام") is preferred whole.
        b = r"(?<!\w)(?:[وف]?[بلك]?)??"

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

        year_tail = rf"(?:\s*[,،]?\s*(?:{link}\s+)?{year('')}|\s+(?P<rel>{rel})(?!\w))?"
        day = rf"(?:(?P<dn>{day_num})|(?P<do>{ordinal})\s+من)\s+(?:من\s+)?(?:شهر\s+)?"
        hijri_month = _alt(s for ss in d["hijri_months"].values() for s in ss)
        year_kw = _alt(d["year_keywords"])
        number = _alt(self.number_of)
        numeric_end = rf"(?![0-9]|[/\-.][0-9])(?:\s?{hsuf}(?!\w))?"
        sources = [
            ("day", rf"{b}(?P<x>(?:(?P<wdp>(?:يوم\s+)?{weekday})\s*[,،]?\s*)?{day}"
                    rf"{months('')}{year_tail})"),
            ("month", rf"{b}(?P<x>(?:(?P<mod>{mod})\s+)?(?P<sh>شهر\s+)?{months('')}{year_tail})"),
            ("interval", rf"{b}(?P<x>(?:{_alt(d['interval_heads'])})\s+{months('a')}\s+و\s*"
                         rf"{months('b')}{year_tail})"),
            ("year_kw", rf"{b}(?P<x>(?:(?P<mod>{mod})\s+)?{year_kw}\s+{year('')})"),
            ("year_prep", rf"{b}{_alt(d['year_prepositions'])}\s+(?P<x>{year('')})"),
            ("year_suffix", rf"(?<![\w.,/\-])(?:[وف]?[بلك]?)??"
                            rf"(?P<x>(?P<y>[0-9]{{4}})\s?{ysuf}(?!\w))"),
            ("year_bracket", r"\(\s*(?P<x>(?P<y>[0-9]{4}))\s*\)"),
            ("hijri", rf"{b}(?P<x>(?:{day})?(?P<hm>{hijri_month})(?!\w)"
                      rf"\s*[,،]?\s*(?:{link}\s+)?(?P<y>[0-9]{{3,4}})(?![0-9])"
                      rf"(?:\s?{hsuf}(?!\w))?)"),
            ("hijri_year", rf"{b}(?P<x>(?:{year_kw}\s+)?(?P<y>[0-9]{{3,4}})\s?{hsuf}(?!\w))"),
            ("relday", rf"{b}(?P<x>(?P<rd>{_alt(d['relative_days'])})(?!\w)"
                       rf"(?:\s*[,،]?\s*(?P<wd>{weekday})(?!\w))?)"),
            ("weekday", rf"{b}(?P<x>(?:(?P<yawm>يوم)\s+)?(?P<wd>{weekday})(?!\w)"
                        rf"(?:\s+(?P<rel>{rel})(?!\w))?)"),
            ("period", rf"{b}(?P<x>(?:(?P<mod>{mod})\s+)?(?:(?P<this>{_alt(d['this_words'])})\s+)?"
                       rf"(?P<unit>{_alt(self.unit_of)})(?!\w)(?:\s+(?P<rel>{rel})(?!\w))?)"),
            ("numeric_ymd", r"(?<![0-9/\-.])(?P<x>(?P<y>[0-9]{4})(?P<s>[/\-.])(?P<m>[0-9]{1,2})"
                            rf"(?P=s)(?P<d>[0-9]{{1,2}}){numeric_end})"),
            ("numeric_dmy", r"(?<![0-9/\-.])(?P<x>(?P<d>[0-9]{1,2})(?P<s>[/\-.])(?P<m>[0-9]{1,2})"
                            rf"(?P=s)(?P<y>[0-9]{{4}}){numeric_end})"),
            ("duration", rf"{b}(?P<x>(?:(?P<ago>{_alt(d['ago_words'])})\s+"
                         rf"|(?P<every>{_alt(d['every_words'])})\s+)?"
                         rf"(?:(?:(?P<n>[0-9]{{1,3}})(?![0-9])"
                         rf"|(?P<nw>{number}(?:\s+و\s*{number})?))"
                         rf"\s+(?P<u>{_alt(self.dur_unit_of)})"
                         rf"|(?P<dual>{_alt(self.dual_of)}))(?!\w))"),
            ("set", rf"{b}(?P<x>{_alt(d['sets'])})(?!\w)"),
        ]
        self.patterns = [(name, re.compile(source)) for name, source in sources]
        self.year_list = re.compile(
            rf"\s*{_alt(d['year_list_links'])}\s*(?P<x>{year('')})")


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    try:
        raw = DATA_PATH.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError("E601", f"cannot read the date tables {DATA_PATH}: {exc}",
                          fix="reinstall kg or restore kg/data/dates.yaml") from exc
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise ConfigError("E602", f"{DATA_PATH} is not valid YAML: {exc}",
                          fix="fix the YAML syntax at the line shown") from exc
    if not isinstance(data, dict):
        raise ConfigError("E602", f"{DATA_PATH} must be a mapping of tables",
                          fix="restore kg/data/dates.yaml")
    return _Tables(data, DATA_PATH)


def month_names(family: str) -> dict[int, list[str]]:
    """Month spellings of one family: ``egyptian``, ``levantine`` or ``maghrebi``.

    >>> month_names("levantine")[1]
    ['كانون الثاني', 'كانون ثاني']
    """
    spellings = _tables().month_spellings
    if family not in spellings:
        raise InputError("E605", f"unknown month-name family {family!r}",
                         fix=f"use one of {', '.join(sorted(spellings))}")
    return spellings[family]


def ordinal_day_words() -> dict[int, str]:
    """The first ordinal word of each day of the month (1-31).

    >>> ordinal_day_words()[5]
    'الخامس'
    """
    return {int(n): ss[0] for n, ss in _tables().data["ordinal_days"].items()}


# --------------------------------------------------------------------------
# Calendar helpers


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_bounds(year: int, month: int, mod: str | None, t: _Tables) -> tuple[dt.date, dt.date]:
    last = _last_day(year, month)
    first_day, last_day = (1, last)
    if mod:
        lo, hi = t.mod_ranges["month_days"][mod]
        first_day, last_day = lo, min(hi, last)
    return dt.date(year, month, first_day), dt.date(year, month, last_day)


def _year_bounds(year: int, mod: str | None, t: _Tables) -> tuple[dt.date, dt.date]:
    lo, hi = (1, 12)
    if mod:
        lo, hi = t.mod_ranges["year_months"][mod]
    return dt.date(year, lo, 1), dt.date(year, hi, _last_day(year, hi))


def _month_year(month: int, rel: str | None, anchor: dt.date) -> int:
    """Year of a month named without one, relative to the anchor."""
    if rel == "past":
        return anchor.year if month < anchor.month else anchor.year - 1
    if rel == "future":
        return anchor.year if month > anchor.month else anchor.year + 1
    if rel == "current":
        return anchor.year
    here = anchor.year * 12 + anchor.month
    # Closest occurrence; a tie (six months either way) goes to the past,
    # which news refers to more often than the future.
    return min((anchor.year - 1, anchor.year, anchor.year + 1),
               key=lambda y: (abs(y * 12 + month - here), y))


def _day_year(day: int, month: int, rel: str | None, anchor: dt.date) -> int | None:
    """Year of a day and month named without one (None if no such date)."""
    years = [y for y in (anchor.year - 1, anchor.year, anchor.year + 1)
             if _safe_date(y, month, day)]
    if not years:
        return None
    if rel == "past":
        past = [y for y in years if dt.date(y, month, day) < anchor]
        return max(past) if past else None
    if rel == "future":
        future = [y for y in years if dt.date(y, month, day) > anchor]
        return min(future) if future else None
    if rel == "current":
        return anchor.year if anchor.year in years else None
    return min(years, key=lambda y: (abs((dt.date(y, month, day) - anchor).days), y))


# --------------------------------------------------------------------------
# Matching


@dataclass
class _Ctx:
    folded: _Folded
    anchor: dt.date | None
    tables: _Tables

    def expr(self, m: re.Match[str], value: str | None, precision: str | None,
             bounds: tuple[dt.date, dt.date] | None = None, *, relative: bool = False,
             kind: str = "DATE", note: str | None = None,
             group: str = "x") -> TimeExpression:
        start, end = self.folded.span(*m.span(group))
        earliest, latest = bounds if bounds else (None, None)
        return TimeExpression(
            text=self.folded.source[start:end], start=start, end=end, value=value,
            precision=precision, earliest=earliest, latest=latest,
            anchor=self.anchor if relative and value is not None else None,
            kind=kind, note=note)


def _g(m: re.Match[str], name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def _month_of_match(m: re.Match[str], p: str, t: _Tables) -> tuple[int | None, str | None]:
    """Month number of a (possibly paired) month group, or a note if they disagree."""
    first = t.month_of[_key(m.group(p + "m1"))]
    second = _g(m, p + "m2")
    if second is not None and t.month_of[_key(second)] != first:
        return None, f"paired month names disagree: {m.group(p + 'm1')} / {second}"
    return first, None


def _is_bare_ambiguous_month(m: re.Match[str], t: _Tables) -> bool:
    return _key(m.group("m1")) in t.ambiguous_months and _g(m, "m2") is None


def _in_year_range(year: int, t: _Tables) -> bool:
    return t.year_min <= year <= t.year_max


def _weekday_note(day: dt.date, m: re.Match[str], group: str, c: _Ctx) -> str | None:
    said = _g(m, group)
    if said is None:
        return None
    wanted = c.tables.weekday_of[_key(said.split()[-1])]
    if day.weekday() == wanted:
        return None
    start, end = c.folded.span(*m.span(group))
    return (f"weekday mismatch: {day.isoformat()} is a {calendar.day_name[day.weekday()]}, "
            f"the text says {c.folded.source[start:end]} ({calendar.day_name[wanted]})")


def _h_day(m: re.Match[str], c: _Ctx) -> TimeExpression | None:
    t = c.tables
    day = int(m.group("dn")) if m.group("dn") else t.ordinal_of[_key(m.group("do"))]
    month, note = _month_of_match(m, "", t)
    if month is None:
        return c.expr(m, None, "day", note=note)
    rel = t.rel_of[_key(m.group("rel"))] if m.group("rel") else None
    if m.group("y"):
        year = int(m.group("y"))
        if not _in_year_range(year, t):
            return None
        relative = False
    elif c.anchor is None:
        return c.expr(m, None, "day", relative=True)
    else:
        found = _day_year(day, month, rel, c.anchor)
        if found is None:
            return None
        year, relative = found, True
    date = _safe_date(year, month, day)
    if date is None:
        return None
    return c.expr(m, date.isoformat(), "day", (date, date), relative=relative,
                  note=_weekday_note(date, m, "wdp", c))


def _h_month(m: re.Match[str], c: _Ctx) -> TimeExpression | None:
    t = c.tables
    mod = t.mod_of[_key(m.group("mod"))] if m.group("mod") else None
    rel = t.rel_of[_key(m.group("rel"))] if m.group("rel") else None
    if (not (m.group("y") or rel or mod or m.group("sh"))
            and _is_bare_ambiguous_month(m, t)):
        return None
    month, note = _month_of_match(m, "", t)
    if month is None:
        return c.expr(m, None, "month", note=note)
    if m.group("y"):
        year = int(m.group("y"))
        if not _in_year_range(year, t):
            return None
        relative = False
    elif c.anchor is None:
        return c.expr(m, None, "month", relative=True)
    else:
        year, relative = _month_year(month, rel, c.anchor), True
    return c.expr(m, f"{year:04d}-{month:02d}", "month", _month_bounds(year, month, mod, t),
                  relative=relative)


def _h_interval(m: re.Match[str], c: _Ctx) -> TimeExpression | None:
    t = c.tables
    first, note_a = _month_of_match(m, "a", t)
    last, note_b = _month_of_match(m, "b", t)
    if first is None or last is None:
        return c.expr(m, None, "interval", note=note_a or note_b)
    rel = t.rel_of[_key(m.group("rel"))] if m.group("rel") else None
    if m.group("y"):
        year = int(m.group("y"))
        if not _in_year_range(year, t):
            return None
        first_year, relative = (year if first <= last else year - 1), False
    elif c.anchor is None:
        return c.expr(m, None, "interval", relative=True)
    else:
        first_year, relative = _month_year(first, rel, c.anchor), True
    last_year = first_year if first <= last else first_year + 1
    value = f"{first_year:04d}-{first:02d}/{last_year:04d}-{last:02d}"
    bounds = (dt.date(first_year, first, 1), dt.date(last_year, last, _last_day(last_year, last)))
    return c.expr(m, value, "interval", bounds, relative=relative)


def _h_year(m: re.Match[str], c: _Ctx) -> TimeExpression | None:
    t = c.tables
    year = int(m.group("y"))
    if not _in_year_range(year, t):
        return None
    mod = t.mod_of[_key(m.group("mod"))] if _g(m, "mod") else None
    return c.expr(m, f"{year:04d}", "year", _year_bounds(year, mod, t))


def _h_year_bracket(m: re.Match[str], c: _Ctx) -> TimeExpression | None:
    year = int(m.group("y"))
    if not c.tables.bracket_min <= year <= c.tables.bracket_max:
        return None
    return c.expr(m, f"{year:04d}", "year", _year_bounds(year, None, c.tables))


def _gregorian(year: int, month: int, day: int) -> dt.date:
    from hijridate import Hijri  # imported here: only Hijri dates need it

    g = Hijri(year, month, day).to_gregorian()
    return dt.date(g.year, g.month, g.day)


def _hijri_month_length(year: int, month: int) -> int:
    from hijridate import Hijri

    return int(Hijri(year, month, 1).month_length())


def _h_hijri(m: re.Match[str], c: _Ctx) -> TimeExpression | None:

    t = c.tables
    year = int(m.group("y"))
    month = t.hijri_month_of[_key(m.group("hm"))]
    day = None
    if m.group("dn"):
        day = int(m.group("dn"))
    elif m.group("do"):
        day = t.ordinal_of[_key(m.group("do"))]
    try:
        if day is not None:
            date = _gregorian(year, month, day)
            return c.expr(m, date.isoformat(), "day", (date, date))
        start = _gregorian(year, month, 1)
        end = start + dt.timedelta(days=_hijri_month_length(year, month) - 1)
    except (OverflowError, ValueError) as exc:
        return c.expr(m, None, "day" if day else "interval",
                      note=f"Hijri date not converted: {exc}")
    return c.expr(m, f"{start.isoformat()}/{end.isoformat()}", "interval", (start, end))


def _h_hijri_year(m: re.Match[str], c: _Ctx) -> TimeExpression | None:
    year = int(m.group("y"))
    try:
        start = _gregorian(year, 1, 1)
        end = _gregorian(year, 12, 1) + dt.timedelta(days=_hijri_month_length(year, 12) - 1)
    except (OverflowError, ValueError) as exc:
        return c.expr(m, None, "interval", note=f"Hijri year not converted: {exc}")
    return c.expr(m, f"{start.isoformat()}/{end.isoformat()}", "interval", (start, end))


def _h_relday(m: re.Match[str], c: _Ctx) -> TimeExpression | None:
    t = c.tables
    offset = t.relday_of[_key(m.group("rd"))]
    said = m.group("wd")
    if offset == 0 and not said:
        following = c.folded.text[m.end("x"):].split(None, 1)
        if following and re.sub(r"\W", "", following[0]) in t.not_today:
            return None
    if c.anchor is None:
        return c.expr(m, None, "day", relative=True)
    if offset == 0 and said:
        # "اليوم الأربعاء": the Wednesday on or before publication (articles
        # are often dated the day after the event).
        wanted = t.weekday_of[_key(said)]
        date = c.anchor - dt.timedelta(days=(c.anchor.weekday() - wanted) % 7)
        return c.expr(m, date.isoformat(), "day", (date, date), relative=True)
    date = c.anchor + dt.timedelta(days=offset)
    note = _weekday_note(date, m, "wd", c)
    if note:
        # The text contradicts itself; report rather than guess which is right.
        return c.expr(m, None, "day", relative=True, note=note)
    return c.expr(m, date.isoformat(), "day", (date, date), relative=True)


def _h_weekday(m: re.Match[str], c: _Ctx) -> TimeExpression | None:
    t = c.tables
    wanted = t.weekday_of[_key(m.group("wd"))]
    rel = t.rel_of[_key(m.group("rel"))] if m.group("rel") else None
    if _key(m.group("wd")) in t.ambiguous_weekdays and not (m.group("yawm") or rel):
        before = c.folded.text[:m.start("x")].split()
        word = re.sub(r"\W", "", before[-1]) if before else ""
        if word not in t.weekday_context and re.sub(r"^[وف]", "", word) not in t.weekday_context:
            return None
    following = c.folded.text[m.end("x"):].split(None, 1)
    if following and re.sub(r"\W", "", following[0]) in t.not_weekday_after:
        return None  # "الأحد عشر" is "the eleven"
    if c.anchor is None:
        return c.expr(m, None, "day", relative=True)
    back = (c.anchor.weekday() - wanted) % 7
    if rel == "past":
        date = c.anchor - dt.timedelta(days=back or 7)
    elif rel == "future":
        date = c.anchor + dt.timedelta(days=(wanted - c.anchor.weekday()) % 7 or 7)
    else:
        # A bare weekday in news is the one of the current week, on or
        # before publication (the same reading as "اليوم الأربعاء").
        date = c.anchor - dt.timedelta(days=back)
    return c.expr(m, date.isoformat(), "day", (date, date), relative=True)


def _h_period(m: re.Match[str], c: _Ctx) -> TimeExpression | None:
    t = c.tables
    mod = t.mod_of[_key(m.group("mod"))] if m.group("mod") else None
    rel = t.rel_of[_key(m.group("rel"))] if m.group("rel") else None
    if not (mod or rel or m.group("this")):
        return None  # "العام" alone is also "general/public"
    unit = t.unit_of[_key(m.group("unit"))]
    step = {"past": -1, "future": 1}.get(rel or "", 0)
    precision = {"week": "interval", "month": "month", "year": "year"}[unit]
    if c.anchor is None:
        return c.expr(m, None, precision, relative=True)
    a = c.anchor
    if unit == "year":
        year = a.year + step
        return c.expr(m, f"{year:04d}", "year", _year_bounds(year, mod, t), relative=True)
    if unit == "month":
        index = a.year * 12 + a.month - 1 + step
        year, month = divmod(index, 12)
        month += 1
        return c.expr(m, f"{year:04d}-{month:02d}", "month",
                      _month_bounds(year, month, mod, t), relative=True)
    monday = a - dt.timedelta(days=a.weekday()) + dt.timedelta(weeks=step)
    iso = monday.isocalendar()
    return c.expr(m, f"{iso[0]:04d}-W{iso[1]:02d}", "interval",
                  (monday, monday + dt.timedelta(days=6)), relative=True)


def _h_numeric(m: re.Match[str], c: _Ctx) -> TimeExpression | None:
    year = int(m.group("y"))
    low, high = c.tables.data["numeric_hijri_years"]
    if low <= year <= high:
        # "29-8-1436": Gulf news writes Hijri dates with digits only.
        try:
            date = _gregorian(year, int(m.group("m")), int(m.group("d")))
        except (OverflowError, ValueError):
            return None
        return c.expr(m, date.isoformat(), "day", (date, date))
    if not _in_year_range(year, c.tables):
        return None
    date = _safe_date(year, int(m.group("m")), int(m.group("d")))
    if date is None:
        return None
    return c.expr(m, date.isoformat(), "day", (date, date))


def _h_duration(m: re.Match[str], c: _Ctx) -> TimeExpression | None:
    t = c.tables
    if m.group("dual"):
        amount, unit = 2, t.dual_of[_key(m.group("dual"))]
    else:
        unit = t.dur_unit_of[_key(m.group("u"))]
        if m.group("n"):
            amount = int(m.group("n"))
        else:
            words = re.split(r"\s+و\s*|\s+", m.group("nw"))
            amount = sum(t.number_of[_key(w)] for w in words if w)
    if amount == 0:
        return None
    value = f"PT{amount}{unit[0]}" if unit in ("H", "MIN") else f"P{amount}{unit}"
    if m.group("every"):
        return c.expr(m, value, None, kind="SET")  # "كل عامين": every two years
    if not m.group("ago"):
        return c.expr(m, value, "duration", kind="DURATION")
    # "قبل 3 سنوات": a date that many units before publication.
    if c.anchor is None or unit in ("H", "MIN"):
        return c.expr(m, None, {"Y": "year", "M": "month"}.get(unit, "day"), relative=True)
    a = c.anchor
    if unit == "Y":
        year = a.year - amount
        return c.expr(m, f"{year:04d}", "year", _year_bounds(year, None, t), relative=True)
    if unit == "M":
        index = a.year * 12 + a.month - 1 - amount
        year, month = divmod(index, 12)
        return c.expr(m, f"{year:04d}-{month + 1:02d}", "month",
                      _month_bounds(year, month + 1, None, t), relative=True)
    date = a - dt.timedelta(days=amount * (7 if unit == "W" else 1))
    return c.expr(m, date.isoformat(), "day", (date, date), relative=True)


def _h_set(m: re.Match[str], c: _Ctx) -> TimeExpression | None:
    return c.expr(m, c.tables.set_of[_key(m.group("x"))], None, kind="SET")


_HANDLERS: dict[str, Callable[[re.Match[str], _Ctx], TimeExpression | None]] = {
    "day": _h_day, "month": _h_month, "interval": _h_interval,
    "year_kw": _h_year, "year_prep": _h_year, "year_suffix": _h_year,
    "year_bracket": _h_year_bracket, "hijri": _h_hijri, "hijri_year": _h_hijri_year,
    "relday": _h_relday, "weekday": _h_weekday, "period": _h_period,
    "numeric_ymd": _h_numeric, "numeric_dmy": _h_numeric,
    "duration": _h_duration, "set": _h_set,
}

_YEAR_LIST_AFTER = ("year_kw", "year_prep", "year_suffix", "year_bracket")
_Found = tuple[int, int, int, TimeExpression]  # start, end, pattern rank, expression


def _find(text: str, anchor: dt.date | None) -> list[TimeExpression]:
    t = _tables()
    folded = _Folded(text)
    ctx = _Ctx(folded, anchor, t)
    found: list[_Found] = []
    for rank, (name, pattern) in enumerate(t.patterns):
        for m in pattern.finditer(folded.text):
            expr = _HANDLERS[name](m, ctx)
            if expr is None:
                continue
            found.append((expr.start, expr.end, rank, expr))
            if name in _YEAR_LIST_AFTER:
                found.extend(_year_list(m.end("x"), int(m.group("y")), ctx, rank))
    # Longest wins; among equal lengths the earlier start, then table order.
    found.sort(key=lambda f: (f[0] - f[1], f[0], f[2]))
    taken: list[TimeExpression] = []
    for start, end, _, expr in found:
        if all(end <= e.start or start >= e.end for e in taken):
            taken.append(expr)
    return sorted(taken, key=lambda e: e.start)


def _year_list(pos: int, previous: int, c: _Ctx, rank: int) -> list[_Found]:
    """"عامي 2002 و 2003": years listed after a year are years too."""
    out = []
    while True:
        m = c.tables.year_list.match(c.folded.text, pos)
        if not m:
            return out
        year = int(m.group("y"))
        if not (_in_year_range(year, c.tables) and year > previous):
            return out
        expr = c.expr(m, f"{year:04d}", "year", _year_bounds(year, None, c.tables))
        out.append((expr.start, expr.end, rank, expr))
        pos, previous = m.end("x"), year


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise InputError("E603", f"find_dates needs a str, got {type(text).__name__}",
                         fix="pass the article text, e.g. article.text")
    return text


def find_dates(text: str, published: dt.date | None = None) -> list[TimeExpression]:
    """All date expressions in ``text``, sorted by start, non-overlapping.

    ``published`` anchors relative expressions; when it is None the
    publication date is looked for in the text itself (:func:`publication_date`).

    >>> import datetime
    >>> pub = datetime.date(2021, 6, 5)
    >>> [(e.text, e.value) for e in find_dates("أعلن أمس الجمعة عن خطة لعام 2008", pub)]
    [('أمس الجمعة', '2021-06-04'), ('لعام 2008', '2008')]
    >>> find_dates("وصل اليوم", None)[0].value is None
    True
    """
    text = _check_text(text)
    if published is not None and not isinstance(published, dt.date):
        raise InputError("E604", f"published must be a datetime.date, got {published!r}",
                         fix="parse it first, e.g. datetime.date.fromisoformat('2021-06-05')")
    if isinstance(published, dt.datetime):
        published = published.date()
    anchor = published if published is not None else publication_date(text)
    return _find(text, anchor)


def publication_date(text: str) -> dt.date | None:
    """The publication date stated in the article itself, or None.

    Looks for a labelled line ("تم النشر: 2021/06/05 ...") first, then a
    dateline such as "(وكالة - 27 يوليو 2021ء)".

    >>> publication_date("عنوان\\nتم النشر: 2021/06/05 الساعة 11:13")
    datetime.date(2021, 6, 5)
    >>> publication_date("(مراسلنا - ٢٧ يوليو ٢٠٢١ء) أكد الوزير")
    datetime.date(2021, 7, 27)
    >>> publication_date("لا تاريخ هنا") is None
    True
    """
    text = _check_text(text)
    t = _tables()
    lines = text.splitlines()
    for label in t.labels:
        for line in lines:
            if not re.match(re.escape(label) + r"(?!\w)", normalize_ar(line)):
                continue
            for expr in _find(line, None):
                if expr.precision == "day" and expr.value:
                    return dt.date.fromisoformat(expr.value)
    head = text[: t.dateline_window]
    for expr in _find(head, None):
        if expr.precision != "day" or not expr.value:
            continue
        before = head[: expr.start].rsplit("\n", 1)[-1]
        after = head[expr.end:]
        # A dateline opens its line: "(agency - DATE)" or "CITY - DATE".
        if (re.search(r"[-–—]\s*$", before) and len(before) <= 80
                and (re.match(r"\s*[)\]]", after) or "(" not in before)):
            return dt.date.fromisoformat(expr.value)
    return None
