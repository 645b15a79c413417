"""Troop counts in one parsed sentence ("2500 جندي", "نحو ثلاثة آلاف عسكري").

A count is a number phrase attached to a *force noun* (جندي، عسكري، قوات …).
Every word list lives in ``pipelines/rules/quantities.yaml``, the clitics in
:mod:`kg.lang.ar.clitics`; this package only holds the procedure:

1. find number phrases (:func:`parse_number` over surface forms: lemmas are
   useless for numbers, the lemmatiser maps the dual ألفا onto ألف);
2. drop numbers that are dates, times, percentages, phone numbers or years;
3. attach the rest to a force noun: by adjacency (``N noun``, ``N من noun``)
   or by the parse (a dependency link between number and noun a few words on),
   so that a wrong head does not lose a count and a right one finds more;
4. ranges ``من N إلى M``, changes ``إلى N`` / ``بمقدار N`` and elliptical
   numbers (``2000 جندي من أفغانستان و500 من العراق``, ``بينهم 2500 أمريكي``,
   ``عدد الجنود … من 3000 إلى 2500``) borrow the noun of a nearby count or of a
   ``عدد`` + force noun anchor;
5. drop what counts something other than troops that exist, are deployed,
   withdrawn, stationed or planned (:mod:`.guards`): the killed, wounded,
   captured, freed or missing (``مقتل 14 جنديا``، ``جنود قتلى``, by the parse or
   by word order), and numbers that name a unit or an object (``اللواء 15``).

Nouns are matched on both lemma and surface form (after
:func:`kg.lang.ar.normalize_ar` and clitic stripping), closed-class cue words
on the surface only (the lemma of اليوم "today" is يوم "day").

The modules, by job: :mod:`.rulefile` (loading and validating the rule file),
:mod:`.numbers` (number phrases), :mod:`.words` (matching words against the
lists), :mod:`.counts` (attaching numbers to nouns: :func:`find_troop_counts`),
:mod:`.guards` (numbers that are not troop counts).
"""
from __future__ import annotations

from .counts import TroopCount, find_troop_counts
from .numbers import parse_number
from .rulefile import RULES_PATH, QuantityRules, RuleEntry, RuleExample, load_rules
from .words import noun_variants

__all__ = [
    "RULES_PATH",
    "QuantityRules",
    "RuleEntry",
    "RuleExample",
    "TroopCount",
    "find_troop_counts",
    "load_rules",
    "parse_number",
]
