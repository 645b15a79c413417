"""The result type: one date expression found in a text."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

_PRECISION_XSD = {"day": "date", "month": "gYearMonth", "year": "gYear", "duration": "duration"}


@dataclass(frozen=True)
class TimeExpression:
    """One date expression found in a text.

    ``value`` follows TimeML/ISO 8601 by precision: ``2020-01-05`` (day),
    ``2020-01`` (month), ``2020`` (year), ``P3Y`` (duration), ``2021-W22`` or
    ``2021-07/2021-08`` (interval). ``earliest``/``latest`` bound the days it
    may mean ("أواخر مايو" is May 21-31).

    >>> from kg.dates import find_dates
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

        >>> from kg.dates import find_dates
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

        >>> from kg.dates import find_dates
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
