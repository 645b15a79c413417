"""Calendar helpers: month and year bounds, the year of a date named without
one, and Hijri conversion (hijridate, imported only when a Hijri date is met).

Python's dates run from 0001-01-01 to 9999-12-31. A relative date that would
fall outside (the day before 0001-01-01, the year after 9999) is not an error:
the helpers say so (None, ``False``) and the handler leaves it unresolved."""
from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .tables import _Tables


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_ok(year: int) -> bool:
    """``year`` is one Python's dates hold (1-9999)."""
    return dt.MINYEAR <= year <= dt.MAXYEAR


def _add_days(day: dt.date, days: int) -> dt.date | None:
    """``day`` moved by ``days``, or None when that leaves 0001-01-01..9999-12-31.

    >>> _add_days(dt.date(1, 1, 2), -1), _add_days(dt.date(1, 1, 1), -1)
    (datetime.date(1, 1, 1), None)
    """
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def _add_months(year: int, month: int, months: int) -> tuple[int, int] | None:
    """(year, month) ``months`` after ``year``-``month``, or None outside years 1-9999.

    >>> _add_months(2021, 1, -1), _add_months(1, 1, -1)
    ((2020, 12), None)
    """
    new_year, new_month = divmod(year * 12 + month - 1 + months, 12)
    return (new_year, new_month + 1) if _year_ok(new_year) else None


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
    """Year of a month named without one, relative to the anchor (may be 0 or
    10000 next to the ends of the calendar: the caller checks :func:`_year_ok`)."""
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
    """Year of a day and month named without one (None if no such date).

    The year may be 0 or 10000 ("31 ديسمبر" said on 0001-01-01); the caller
    checks :func:`_year_ok`. The choice is made on an anchor moved by a multiple
    of 400 years, where the calendar repeats, so that the years on either side exist.

    >>> _day_year(31, 12, None, dt.date(1, 1, 1)), _day_year(29, 2, "past", dt.date(2021, 6, 5))
    (0, 2020)
    """
    shift = 2000 + anchor.year % 400 - anchor.year
    year = _day_year_near(day, month, rel, anchor.replace(year=anchor.year + shift))
    return None if year is None else year - shift


def _day_year_near(day: int, month: int, rel: str | None, anchor: dt.date) -> int | None:
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


def _gregorian(year: int, month: int, day: int) -> dt.date:
    from hijridate import Hijri  # imported here: only Hijri dates need it

    g = Hijri(year, month, day).to_gregorian()
    return dt.date(g.year, g.month, g.day)


def _hijri_month_length(year: int, month: int) -> int:
    from hijridate import Hijri

    return int(Hijri(year, month, 1).month_length())
