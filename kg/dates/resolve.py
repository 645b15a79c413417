"""Resolution: one handler per pattern turns a match into a :class:`TimeExpression`,
resolving relative expressions against the anchor (the publication date)."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

from ..lang.ar.clitics import proclitic_variants, strip_conjunction
from .calendars import (
    _add_days,
    _add_months,
    _day_year,
    _gregorian,
    _hijri_month_length,
    _last_day,
    _month_bounds,
    _month_year,
    _safe_date,
    _year_bounds,
    _year_ok,
)
from .expression import TimeExpression
from .fold import _Folded, _key
from .tables import _Tables

# The note of a relative date that falls outside the calendar Python holds.
OUT_OF_RANGE = "outside 0001-01-01..9999-12-31: not resolved"


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

    def beyond(self, m: re.Match[str], precision: str) -> TimeExpression:
        """The expression of a relative date past either end of the calendar: its
        span and precision, no value."""
        return self.expr(m, None, precision, relative=True, note=OUT_OF_RANGE)


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
        if not _year_ok(found):
            return c.beyond(m, "day")
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
        if not _year_ok(year):
            return c.beyond(m, "month")
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
    if not (_year_ok(first_year) and _year_ok(last_year)):
        return c.beyond(m, "interval")
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
    kind = _kind(m)
    if offset == 0 and not said and kind == "DATE":
        following = c.folded.text[m.end("x"):].split(None, 1)
        if following and re.sub(r"\W", "", following[0]) in t.not_today:
            return None
        before = c.folded.text[:m.start()].split()[-1:]
        if before and any(v in t.not_today_before for v in proclitic_variants(re.sub(r"\W", "", before[0]))):
            return None  # "لصحيفة اليوم": the newspaper; "في ذلك اليوم": a day told before
    if c.anchor is None:
        return c.expr(m, None, "day", relative=True, kind=kind)
    if offset == 0 and said:
        # "اليوم الأربعاء": the Wednesday on or before publication (articles
        # are often dated the day after the event).
        wanted = t.weekday_of[_key(said)]
        date = _add_days(c.anchor, -((c.anchor.weekday() - wanted) % 7))
        if date is None:
            return c.beyond(m, "day")
        return c.expr(m, date.isoformat(), "day", (date, date), relative=True, kind=kind)
    date = _add_days(c.anchor, offset)
    if date is None:
        return c.beyond(m, "day")
    note = _weekday_note(date, m, "wd", c)
    if note:
        # The text contradicts itself; report rather than guess which is right.
        return c.expr(m, None, "day", relative=True, note=note, kind=kind)
    return c.expr(m, date.isoformat(), "day", (date, date), relative=True, kind=kind)


def _kind(m: re.Match[str]) -> str:
    """TIME for a part of a day ("مساء الاثنين", "فجر اليوم": TimeML TIME), else DATE; the
    value is the day either way."""
    return "TIME" if _g(m, "tod") else "DATE"


def _h_weekday(m: re.Match[str], c: _Ctx) -> TimeExpression | None:
    t = c.tables
    wanted = t.weekday_of[_key(m.group("wd"))]
    rel = t.rel_of[_key(m.group("rel"))] if m.group("rel") else None
    kind = _kind(m)
    if _key(m.group("wd")) in t.ambiguous_weekdays and not (m.group("yawm") or rel or kind == "TIME"):
        before = [re.sub(r"\W", "", w) for w in c.folded.text[:m.start("x")].split()[-2:]]
        # The context is one word ("مساء") or two ("متأخر من"); its first word
        # may carry the conjunction.
        heads = [before[i:] for i in range(len(before))]
        if not any("".join(h) in t.weekday_context
                   or strip_conjunction(h[0]) + "".join(h[1:]) in t.weekday_context
                   for h in heads):
            return None
    following = c.folded.text[m.end("x"):].split(None, 1)
    if following and re.sub(r"\W", "", following[0]) in t.not_weekday_after:
        return None  # "الأحد عشر" is "the eleven"
    if c.anchor is None:
        return c.expr(m, None, "day", relative=True, kind=kind)
    back = (c.anchor.weekday() - wanted) % 7
    if rel == "past":
        date = _add_days(c.anchor, -(back or 7))
    elif rel == "future":
        date = _add_days(c.anchor, (wanted - c.anchor.weekday()) % 7 or 7)
    else:
        # A bare weekday in news is the one of the current week, on or
        # before publication (the same reading as "اليوم الأربعاء").
        date = _add_days(c.anchor, -back)
    if date is None:
        return c.beyond(m, "day")
    return c.expr(m, date.isoformat(), "day", (date, date), relative=True, kind=kind)


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
        if not _year_ok(year):
            return c.beyond(m, "year")
        return c.expr(m, f"{year:04d}", "year", _year_bounds(year, mod, t), relative=True)
    if unit == "month":
        moved = _add_months(a.year, a.month, step)
        if moved is None:
            return c.beyond(m, "month")
        year, month = moved
        return c.expr(m, f"{year:04d}-{month:02d}", "month",
                      _month_bounds(year, month, mod, t), relative=True)
    monday = _add_days(a, 7 * step - a.weekday())
    sunday = monday and _add_days(monday, 6)
    if monday is None or sunday is None:
        return c.beyond(m, "interval")
    iso = monday.isocalendar()
    return c.expr(m, f"{iso[0]:04d}-W{iso[1]:02d}", "interval",
                  (monday, sunday), relative=True)


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
            words = t.number_split.split(m.group("nw"))
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
        if not _year_ok(year):
            return c.beyond(m, "year")
        return c.expr(m, f"{year:04d}", "year", _year_bounds(year, None, t), relative=True)
    if unit == "M":
        moved = _add_months(a.year, a.month, -amount)
        if moved is None:
            return c.beyond(m, "month")
        year, month = moved
        return c.expr(m, f"{year:04d}-{month:02d}", "month",
                      _month_bounds(year, month, None, t), relative=True)
    date = _add_days(a, -amount * (7 if unit == "W" else 1))
    if date is None:
        return c.beyond(m, "day")
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
