"""Dates: the article's time expressions (:mod:`kg.dates`), and which of them
dates an event.

:class:`FindDates` runs once per article; :func:`event_date` picks an event's
date from its sentence (the nearest usable one), and :mod:`.discourse` may
carry one over from the previous sentence.
"""
from __future__ import annotations

from ..dates import TimeExpression, find_dates, publication_date
from ..document import Word
from ..lang.ar import clitics, normalize_ar
from .clause_dates import clause_rank
from .context import COMMAS, SentenceContext
from .steps import ArticleState, ArticleStep, SentenceState, SentenceStep

LAM = clitics.LAM_ARTICLE[0]  # ل: "لعام 2016" qualifies a noun


class FindDates(ArticleStep):
    """The publication date (metadata, else the text's own "تم النشر" or dateline) and
    every time expression of the article, resolved against it."""

    name = "dates"
    provides = frozenset({"published", "dates"})

    def __call__(self, state: ArticleState) -> None:
        article = state.doc.article
        state.facts.published = article.published or publication_date(article.text)
        state.dates = find_dates(article.text, state.facts.published)
        state.facts.dates = state.dates


class SentenceDates(SentenceStep):
    """The time expressions that start inside the sentence."""

    name = "sentence_dates"
    requires = frozenset({"dates"})
    provides = frozenset({"sentence_dates"})

    def __call__(self, state: ArticleState, sent: SentenceState) -> None:
        s = sent.sentence
        sent.dates = [d for d in state.dates if s.start <= d.start < s.end]


def nearest_date(text: str, ctx: SentenceContext, tword: Word, dates: list[TimeExpression],
                 since: set[str]) -> TimeExpression | None:
    """The nearest date of the sentence that is not in brackets and lies on the trigger's
    side of any quotation (a date inside a quotation dates what was said, not the saying);
    one that hangs on the trigger's own clause comes first, and one of a clause below the
    trigger's verb does not date it (:func:`.clause_dates.clause_rank`).
    Brackets are counted within the sentence: one left open by a typo earlier in the
    article ("تموز (يوليو9") does not put every later date in brackets."""
    side, start = ctx.quote_of.get(tword.id), ctx.sentence.start
    usable = [d for d in dates if (d.kind in ("DATE", "TIME") or d.precision in ("day", "month", "year"))
              and text.count("(", start, d.start) <= text.count(")", start, d.start)
              and ctx.side_of_span(d.start, d.end) == side
              and dates_event(text, ctx, tword, d, since)]
    # A date of the trigger's own clause first (:mod:`.clause_dates`), then the nearest.
    ranked = [(rank, d) for d in usable if (rank := clause_rank(ctx.sentence, tword.id, d)) is not None]
    if not ranked:
        return None
    return min(ranked, key=lambda r: (r[0], min(abs(r[1].start - tword.end), abs(r[1].end - tword.start)),
                                      r[1].start))[1]


def dates_event(text: str, ctx: SentenceContext, tword: Word, d: TimeExpression, since: set[str]) -> bool:
    """Whether date ``d`` can be the date of the event at ``tword``. Not when it starts a
    state ("يشغل المنصب منذ 1998"), sits in a relative clause between commas that the
    trigger is outside of ("وأشار بلاتر، الذي يشغل المنصب منذ 1998، إلى"), or qualifies
    another noun with ل ("سباق الرئاسة لعام 2016"; "اتفاقية الإطار لعام 2008" dates the
    agreement itself)."""
    s = ctx.sentence
    before = normalize_ar(text[max(s.start, d.start - 12):d.start]).split()
    if before and before[-1] in since:
        return False
    words = [w for w in s.words if w.start < d.end and d.start < w.end]
    if not words:
        return True
    first = words[0].id
    span = ctx.relative_span(first)
    if span is not None and not span[0] <= tword.id <= span[1]:
        return False
    if d.kind == "DATE" and normalize_ar(d.text).startswith(LAM):  # not ليلة of "ليلة الجمعة" (TIME)
        between = range(tword.id + 1, first)
        return tword.upos != "VERB" and tword.id < first and first - tword.id <= 8 and not any(
            s.word(w).upos == "VERB" or s.word(w).text in COMMAS for w in between)
    return True
