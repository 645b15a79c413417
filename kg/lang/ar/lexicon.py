"""Closed-class Arabic words the rules need (relative pronouns, subordinators,
clause links …), read from ``kg/lang/ar/data/lexicon.yaml``.

Each list there has a ``description``, its ``words`` as written in news, and
``examples`` of the construction; :func:`words` gives the normalised forms.
Lists that a rule author tunes per pipeline (negation, attribution cues) live
in ``pipelines/rules/cues.yaml`` instead.

>>> "الذي" in words("relatives")
True
>>> sorted(words("commas"))
[',', '،']
"""
from __future__ import annotations

from functools import lru_cache

import yaml

from ...errors import ConfigError
from ...paths import package_file
from .normalize import normalize_ar


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, dict]:
    data = yaml.safe_load(package_file("kg.lang.ar", "lexicon.yaml").read_text(encoding="utf-8"))
    for name, entry in data.items():
        if not isinstance(entry, dict) or not entry.get("words") or not entry.get("description") \
                or "examples" not in entry:
            raise ConfigError("E830", f"kg/lang/ar/data/lexicon.yaml: list {name!r} needs description, "
                              "words and examples", fix="complete the entry")
    return data


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The normalised words of list ``name``."""
    try:
        entry = _lexicon()[name]
    except KeyError:
        raise ConfigError("E831", f"no word list {name!r} in kg/lang/ar/data/lexicon.yaml",
                          fix="add it there or use one of " + ", ".join(sorted(_lexicon()))) from None
    return frozenset(normalize_ar(str(w)) for w in entry["words"])


def word(name: str) -> str:
    """The one word of a single-word list (``between`` → بين)."""
    found = words(name)
    if len(found) != 1:
        raise ConfigError("E832", f"word list {name!r} has {len(found)} words, expected one",
                          fix="use words() for lists")
    return next(iter(found))


def names() -> list[str]:
    return sorted(_lexicon())
