"""Compare kg.dates with dateparser on the test table (accuracy and speed).

Usage: ``python benchmarks/bench_dates.py [--repeat N]``

Both run on ``tests/data/dates_cases.yaml`` in this one process:

* ours: ``kg.dates.find_dates(text, published)``;
* ``dateparser.search.search_dates(text, languages=['ar'])`` on the whole
  sentence (finding and normalising, like ours);
* ``dateparser.parse(span, languages=['ar'])`` on the expected span alone
  (normalising only: an easier task, given the gold extent).

The publication date, when the case has one, is dateparser's RELATIVE_BASE.

Figures:

* *calendar accuracy*: expected expressions with a day, month or year value;
  correct when some output has that value (a dateparser datetime is cut to
  the expected precision, so it is not penalised for always giving a day);
* *all-value accuracy*: the same over every expected value, durations,
  intervals, weeks and recurring times included;
* *invented*: trap sentences (counts, phone numbers, "500 ألف") with any date
  output, plus expected-unresolved expressions (relative, no publication date)
  given a value anyway;
* time per table pass and the ratio dateparser / ours, measured here.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import warnings
from pathlib import Path
from typing import Any, Callable

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.dates import find_dates  # noqa: E402

CASES_PATH = ROOT / "tests" / "data" / "dates_cases.yaml"
CALENDAR = ("day", "month", "year")


def load_cases() -> list[dict[str, Any]]:
    cases = yaml.safe_load(CASES_PATH.read_text(encoding="utf-8"))["cases"]
    for case in cases:
        for item in case["expect"]:
            value = item[1]
            if isinstance(value, dt.date):
                item[1] = value.isoformat()
            elif value is not None:
                item[1] = str(value)
    return cases


def cut(moment: dt.datetime, precision: str) -> str:
    day = moment.date().isoformat()
    return {"day": day, "month": day[:7], "year": day[:4]}.get(precision, day)


def dp_settings(case: dict[str, Any]) -> dict[str, Any]:
    if case["pub"] is None:
        return {}
    return {"RELATIVE_BASE": dt.datetime.combine(case["pub"], dt.time())}


def run_ours(case: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(e.text, e.value) for e in find_dates(case["text"], case["pub"])]


def run_search(case: dict[str, Any]) -> list[tuple[str, dt.datetime]]:
    from dateparser.search import search_dates

    return search_dates(case["text"], languages=["ar"], settings=dp_settings(case)) or []


def run_parse(case: dict[str, Any]) -> list[tuple[str, dt.datetime]]:
    import dateparser

    out = []
    for item in case["expect"]:
        moment = dateparser.parse(item[0], languages=["ar"], settings=dp_settings(case))
        if moment is not None:
            out.append((item[0], moment))
    return out


def score(cases: list[dict[str, Any]], outputs: list[list[tuple[str, Any]]],
          ours: bool) -> dict[str, tuple[int, int]]:
    cal_ok = cal_n = all_ok = all_n = invented = invent_n = 0
    for case, out in zip(cases, outputs):
        if not case["expect"]:
            invent_n += 1
            invented += any(value is not None for _, value in out)
            continue
        for text, value, precision, *_ in case["expect"]:
            if value is None:
                invent_n += 1
                invented += any(t == text and v is not None for t, v in out) if ours else \
                    any(text in t or t in text for t, _ in out)
                continue
            if ours:
                hit = any(v == value for _, v in out)
            else:
                hit = precision in CALENDAR and any(cut(v, precision) == value for _, v in out)
            all_n += 1
            all_ok += hit
            if precision in CALENDAR:
                cal_n += 1
                cal_ok += hit
    return {"calendar accuracy": (cal_ok, cal_n), "all-value accuracy": (all_ok, all_n),
            "invented": (invented, invent_n)}


def timed(fn: Callable[[dict[str, Any]], Any], cases: list[dict[str, Any]],
          repeat: int) -> tuple[list[Any], float]:
    outputs = [fn(case) for case in cases]  # warm-up (dateparser loads its data lazily)
    start = time.perf_counter()
    for _ in range(repeat):
        for case in cases:
            fn(case)
    return outputs, (time.perf_counter() - start) / repeat


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the table")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    cases = load_cases()
    import dateparser

    print(f"{len(cases)} cases from {CASES_PATH.relative_to(ROOT)}; "
          f"dateparser {dateparser.__version__}; {args.repeat} timed passes\n")
    rows = [("kg.dates.find_dates", run_ours, True),
            ("dateparser.search_dates", run_search, False),
            ("dateparser.parse (gold span)", run_parse, False)]
    seconds = {}
    print(f"{'system':30} {'calendar acc.':>16} {'all-value acc.':>16} {'invented':>10} "
          f"{'ms/pass':>9}")
    for name, fn, ours in rows:
        outputs, per_pass = timed(fn, cases, args.repeat)
        seconds[name] = per_pass
        figures = score(cases, outputs, ours)

        def fmt(key: str) -> str:
            ok, n = figures[key]
            return f"{100 * ok / n:5.1f}% {ok:3d}/{n:<3d}" if n else "n/a"

        inv, inv_n = figures["invented"]
        print(f"{name:30} {fmt('calendar accuracy'):>16} {fmt('all-value accuracy'):>16} "
              f"{f'{inv}/{inv_n}':>10} {per_pass * 1000:9.1f}")
    ours_s = seconds["kg.dates.find_dates"]
    print(f"\nspeed ratio (same run): search_dates / ours = "
          f"{seconds['dateparser.search_dates'] / ours_s:.1f}x, "
          f"parse / ours = {seconds['dateparser.parse (gold span)'] / ours_s:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
