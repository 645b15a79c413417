"""The entry points: run every pattern, resolve, keep the longest non-overlapping
matches; find the publication date stated in an article."""
from __future__ import annotations

import datetime as dt
import re

from ..errors import InputError
from ..lang.ar import normalize_ar
from .calendars import _year_bounds
from .expression import TimeExpression
from .fold import _Folded
from .resolve import _HANDLERS, _Ctx, _in_year_range
from .tables import _tables

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
