"""Score kg.dates against the Arabic TimeML documents in ../shared/timeml.

Usage: ``python benchmarks/eval_timeml.py`` (``KG_SHARED`` overrides the path
of the shared folder, default ``<repo>/../shared``).

What is scored, and how:

* Extents, DATE only: gold TIMEX3 with ``type="DATE"`` against our
  expressions of kind DATE. A match is *exact* when the spans are equal
  (after trimming spaces) and *overlapping* when they share a character.
  Recall = matched gold / gold; precision = matched ours / ours.
* Values, absolute DATE only. The documents carry no creation date, so only
  expressions whose year is written in the text can be checked: a gold DATE is
  *absolute* when its value is a calendar value (``YYYY``, ``YYYY-MM`` or
  ``YYYY-MM-DD``) and its text contains that year in digits ("11 سبتمبر
  2001", "العام 1887", "2002م", "(1956)"). All other gold DATEs are skipped and
  counted: *relative* (a calendar value whose year is not in the text: اليوم،
  الخميس، 11 سبتمبر، الشهر الماضي) and *non-calendar* (PAST_REF, centuries,
  decades, seasons, halves).
  Value accuracy is given two ways: over the absolute gold expressions that
  we found (overlapping extent; the usual TempEval attribute accuracy), and
  end to end (a gold expression we missed counts as wrong).
"""
from __future__ import annotations

import html
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.dates import find_dates  # noqa: E402
from kg.lang.ar import fold_digits  # noqa: E402

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_CALENDAR = re.compile(r"^(\d{4})(-\d{2}(-\d{2})?)?$")


@dataclass
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str


def shared_dir() -> Path:
    default = Path(__file__).resolve().parent.parent.parent / "shared"
    return Path(os.environ.get("KG_SHARED", default))


def parse_tml(raw: str) -> tuple[str, list[Gold]]:
    """Plain text and gold TIMEX3 spans (offsets into the plain text)."""
    body = raw.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0]
    out: list[str] = []
    gold: list[Gold] = []
    length = 0
    open_attrs: dict[str, str] | None = None
    open_start = 0
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_attrs, open_start = dict(_ATTR.findall(m.group(3))), length
        elif open_attrs is not None:
            gold.append(Gold(open_start, length, "", open_attrs.get("type", ""),
                             open_attrs.get("value", "")))
            open_attrs = None
    out.append(html.unescape(body[pos:]))
    text = "".join(out).replace("\ufeff", " ")
    for g in gold:
        g.text = text[g.start:g.end]
    return text, gold


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_absolute(g: Gold) -> bool:
    m = _CALENDAR.match(g.value)
    return bool(m) and m.group(1) in fold_digits(g.text)


def main() -> int:
    folder = shared_dir() / "timeml"
    files = sorted(folder.glob("*.tml"))
    if not files:
        print(f"no .tml files in {folder}; set KG_SHARED to the shared folder")
        return 1
    gold_n = sys_n = exact_g = overlap_g = exact_s = overlap_s = 0
    absolute = found_abs = correct_abs = relative = non_calendar = 0
    misses: list[str] = []
    for path in files:
        text, gold = parse_tml(path.read_text(encoding="utf-8-sig"))
        dates = [g for g in gold if g.type == "DATE"]
        ours = [e for e in find_dates(text) if e.kind == "DATE"]
        gold_spans = [trimmed(text, g.start, g.end) for g in dates]
        our_spans = [(e.start, e.end) for e in ours]
        gold_n += len(dates)
        sys_n += len(ours)

        def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
            return a[0] < b[1] and b[0] < a[1]

        exact_g += sum(1 for s in gold_spans if s in our_spans)
        overlap_g += sum(1 for s in gold_spans if any(overlaps(s, o) for o in our_spans))
        exact_s += sum(1 for o in our_spans if o in gold_spans)
        overlap_s += sum(1 for o in our_spans if any(overlaps(o, s) for s in gold_spans))
        for g, span in zip(dates, gold_spans):
            if not is_absolute(g):
                if _CALENDAR.match(g.value):
                    relative += 1
                else:
                    non_calendar += 1
                continue
            absolute += 1
            hits = [e for e in ours if overlaps(span, (e.start, e.end))]
            if not hits:
                misses.append(f"  missed  {path.name}: {g.text!r} gold={g.value}")
                continue
            found_abs += 1
            if any(e.value == g.value for e in hits):
                correct_abs += 1
            else:
                misses.append(f"  wrong   {path.name}: {g.text!r} gold={g.value} "
                              f"ours={[e.value for e in hits]}")

    def pct(a: int, b: int) -> str:
        return f"{100 * a / b:5.1f}% ({a}/{b})" if b else "  n/a"

    print(f"TimeML DATE evaluation over {len(files)} documents in {folder}")
    print(f"gold DATE expressions: {gold_n}; ours (kind DATE): {sys_n}")
    print(f"extent recall     exact {pct(exact_g, gold_n)}   overlap {pct(overlap_g, gold_n)}")
    print(f"extent precision  exact {pct(exact_s, sys_n)}   overlap {pct(overlap_s, sys_n)}")
    print(f"absolute DATE (year written in the text): {absolute}; "
          f"skipped: {relative} relative, {non_calendar} non-calendar (PAST_REF, centuries...)")
    print(f"value accuracy, absolute, over found: {pct(correct_abs, found_abs)}")
    print(f"value accuracy, absolute, end to end: {pct(correct_abs, absolute)}")
    if misses:
        print("absolute expressions missed or wrong:")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
