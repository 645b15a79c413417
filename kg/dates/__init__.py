"""Find and normalise Arabic date expressions (rules stage; error codes E6xx).

A stage of its own with no Stanza dependency: plain text in, typed
:class:`TimeExpression` spans out. Every word list (month names in the
Egyptian/Gulf, Levantine/Iraqi and Maghrebi families, weekdays, ordinal days,
relative words, Hijri months, the function words of the grammar...) lives in
``kg/data/dates.yaml``; clitics come from :mod:`kg.lang.ar.clitics`.

Matching runs on a folded copy of the text (``kg.lang.ar.normalize_ar`` one
character at a time, so أ/ا, ى/ي, ة/ه, Arabic-Indic digits and diacritics do
not matter) and every span is mapped back to the original text, so
``text[e.start:e.end] == e.text`` always holds.

Relative expressions (اليوم، أمس الثلاثاء، يناير الماضي، الشهر المقبل) are
resolved against the publication date. Without one they keep their span and
precision but ``value`` is None: a year is never invented.

The modules, by job: :mod:`.expression` (the result type), :mod:`.fold`
(folding with an offset map), :mod:`.tables` (the YAML tables as lookups),
:mod:`.patterns` (the grammar built from them), :mod:`.calendars` (bounds,
implicit years, Hijri conversion), :mod:`.resolve` (one handler per pattern),
:mod:`.find` (:func:`find_dates`, :func:`publication_date`).

>>> import datetime
>>> [e.value for e in find_dates("وصل الوفد اليوم الأربعاء بعد زيارة في ٥ يناير ٢٠٢٠",
...                              published=datetime.date(2021, 6, 10))]
['2021-06-09', '2020-01-05']
>>> find_dates("انتشر 2500 جندي")
[]
"""
from __future__ import annotations

from .expression import TimeExpression
from .find import find_dates, publication_date
from .tables import DATA_PATH, is_time_frame, is_weekday, month_names, ordinal_day_words

__all__ = ["DATA_PATH", "TimeExpression", "find_dates", "is_time_frame", "is_weekday", "month_names", "ordinal_day_words",
           "publication_date"]
