"""What ``kg eval`` reports: one :class:`FactResult` per gold fact, the
:class:`Report` of a run (recall per article and in total) and its text.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class FactResult:
    """One gold fact checked against the graph.

    ``detail`` says why a fact failed (the closest candidate and what it lacks),
    or, for a fact that holds, which node satisfied it.
    """

    article: str
    fact_id: str
    kind: str
    question: str
    passed: bool
    absent: bool
    detail: str


@dataclass
class Report:
    """All fact results of one ``evaluate`` run, in gold-file order.

    >>> r = Report([FactResult("a", "a-1", "entity", "?", True, False, ""),
    ...             FactResult("a", "a-2", "force", "?", False, True, "found it")])
    >>> r.recall(), r.recall("a"), r.articles(), [f.fact_id for f in r.absent_violations]
    (0.5, 0.5, ['a'], ['a-2'])
    """

    results: list[FactResult]

    def recall(self, article: str | None = None) -> float:
        """Facts that hold / facts listed (micro-average over all articles when
        ``article`` is None); 0.0 when no fact is listed, since nothing was shown."""
        chosen = [r for r in self.results if article is None or r.article == article]
        if not chosen:
            return 0.0
        return sum(r.passed for r in chosen) / len(chosen)

    def articles(self) -> list[str]:
        """Article ids in the order their gold files were given."""
        return list(dict.fromkeys(r.article for r in self.results))

    @property
    def absent_violations(self) -> list[FactResult]:
        """Facts marked absent that the graph nevertheless contains."""
        return [r for r in self.results if r.absent and not r.passed]



def format_report(report: Report, *, verbose: bool = True) -> str:
    """PASS/FAIL per fact (only failures unless ``verbose``), recall per article
    and in total, and the number of absent-fact violations.

    >>> print(format_report(Report([FactResult("a", "a-1", "entity", "Is X there?", False, False, "no X")])))
    == a ==
    FAIL a-1  Is X there?
         no X
    recall a: 0/1 = 0.000
    <BLANKLINE>
    total recall: 0/1 = 0.000
    absent-fact violations: 0
    """
    lines: list[str] = []
    for article in report.articles():
        chosen = [r for r in report.results if r.article == article]
        lines.append(f"== {article} ==")
        for result in chosen:
            if result.passed and not verbose:
                continue
            mark = "PASS" if result.passed else "FAIL"
            absent = " (absent)" if result.absent else ""
            lines.append(f"{mark} {result.fact_id}{absent}  {result.question}")
            if not result.passed:
                lines.append(f"     {result.detail}")
        held = sum(r.passed for r in chosen)
        lines.append(f"recall {article}: {held}/{len(chosen)} = {report.recall(article):.3f}")
        lines.append("")
    held = sum(r.passed for r in report.results)
    lines.append(f"total recall: {held}/{len(report.results)} = {report.recall():.3f}")
    lines.append(f"absent-fact violations: {len(report.absent_violations)}")
    return "\n".join(lines)
