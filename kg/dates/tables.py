"""The tables of ``kg/data/dates.yaml``, folded into lookups (and the grammar)."""
from __future__ import annotations

from functools import lru_cache
from importlib.resources.abc import Traversable
from typing import Any

import yaml

from ..errors import ConfigError, InputError
from ..lang.ar import normalize_ar
from ..paths import package_file
from .fold import _key
from .patterns import compile_grammar

DATA_PATH = package_file("kg", "dates.yaml")


class _Tables:
    """The YAML tables, folded into lookups and regular expressions."""

    REQUIRED = (
        "months", "ambiguous_months", "weekdays", "ambiguous_weekdays",
        "weekday_context_before", "not_weekday_after", "times_of_day", "time_frames", "ordinal_days",
        "relative_days", "not_today_before", "not_today_after",
        "relative_words", "relative_units", "this_words", "modifiers", "modifier_ranges",
        "year_keywords", "year_prepositions", "year_suffixes", "month_year_links",
        "year_list_links", "bracket_year_range", "numeric_hijri_years", "year_range", "count_words",
        "interval_heads", "hijri_months", "hijri_suffixes", "duration_units",
        "duration_duals", "number_words", "ago_words", "every_words", "sets", "publication_labels",
        "dateline_window", "conjunction", "day_of", "month_word", "day_word", "commas",
    )

    def __init__(self, data: dict[str, Any], source: Traversable) -> None:
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
        self.not_today_before = {_key(s) for s in data["not_today_before"]}
        self.time_frames = {_key(s) for s in data["time_frames"]}
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
        # Function words of the grammar.
        self.conjunction = normalize_ar(data["conjunction"])
        self.day_of = normalize_ar(data["day_of"])
        self.month_word = normalize_ar(data["month_word"])
        self.day_word = normalize_ar(data["day_word"])
        self.commas = [normalize_ar(s) for s in data["commas"]]
        self._compile()

    def _compile(self) -> None:
        self.patterns, self.year_list, self.number_split = compile_grammar(self)


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


def is_weekday(form: str) -> bool:
    """``form`` is a weekday's name (السبت, الجمعة), however it is written.

    >>> is_weekday("السبت"), is_weekday("سبت"), is_weekday("المدينة")
    (True, False, False)
    """
    return _key(form) in _tables().weekday_of


def is_time_frame(form: str) -> bool:
    """``form`` frames a time ("متأخر" of "في وقت متأخر من الاثنين").

    >>> is_time_frame("متأخرة"), is_time_frame("قصفت")
    (True, False)
    """
    return _key(form) in _tables().time_frames
