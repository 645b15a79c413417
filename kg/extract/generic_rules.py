"""The data file of unnamed actors, ``pipelines/rules/generic_actors.yaml``: read and
checked (error codes E321-E325) into :class:`GenericRules`. The step that finds these
actors in the text is :mod:`kg.extract.generic`."""
from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import RDF
from rdflib.namespace import SKOS

from ..errors import RuleError
from ..lang.ar import normalize_ar, proclitic_variants
from ..paths import RULES_DIR, read_yaml
from ..vocab import ACTOR_CLASSES, KG, ontology_graph

RULES_PATH = RULES_DIR / "generic_actors.yaml"
_FIX = "see the header of pipelines/rules/generic_actors.yaml for the entry format"
_KINDS = ("generic_actors",)
_REQUIRED = {"id", "class", "sector", "en", "forms", "bare", "match", "no_match"}
_OPTIONAL = {"construct", "demonym", "scope", "adjective", "allow", "bodies", "name", "gender", "veto_before",
             "veto_after", "refers"}
_EXAMPLE_KEYS = {"text", "phrase", "class", "sector", "country"}
_CHOICES = {"bare": ("keep", "article", "skip"), "scope": ("article", "country"),
            "adjective": ("keep", "skip"), "gender": ("m", "f")}
_CLASSES = tuple(c for c in ACTOR_CLASSES if c != "Place")
# The article's country must have at least this many mentions, and this many times
# as many as the runner-up, before a bare الجيش is taken to be its army.

Form = tuple[str, ...]


# A match example: sector is the CAMEO code, country the country's Arabic name or None.
Example = namedtuple("Example", "text phrase cls sector country")


@dataclass(frozen=True)
class Head:
    """One entry of the data file."""
    id: str
    cls: str
    sector: str  # ontology local name (MilitarySector)
    code: str  # its notation (MIL)
    en: str
    forms: tuple[Form, ...]
    construct: tuple[Form, ...] = ()
    demonym: bool = True
    bare: str = "keep"
    scope: str = "article"
    adjective: str = "keep"
    allow: frozenset[str] = frozenset()
    bodies: tuple[str, ...] = ()
    name: str | None = None
    gender: str | None = None
    veto_before: frozenset[str] = frozenset()
    veto_after: frozenset[str] = frozenset()
    refers: bool = False  # a bare definite form names the group named with it (kg/extract/descriptors.py)
    match: tuple[Example, ...] = ()
    no_match: tuple[str, ...] = ()


# An institution example: its phrase (label), sector code or None, the Arabic name of what it is part of or None.
InstitutionExample = namedtuple("InstitutionExample", "text phrase sector part_of")


@dataclass(frozen=True)
class Institutions:
    """The file's ``institutions`` section (kg/extract/institutions.py): normalised words,
    heads without the article."""
    heads: frozenset[str] = frozenset()
    gov: frozenset[str] = frozenset()
    authority: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()
    links: frozenset[str] = frozenset()
    match: tuple[InstitutionExample, ...] = ()
    no_match: tuple[str, ...] = ()


@dataclass(frozen=True)
class GenericRules:
    path: str
    heads: tuple[Head, ...]
    links: frozenset[str]
    # normalised first word -> (form, head, is a construct form), longest forms first
    by_first: dict[str, tuple[tuple[Form, Head, bool], ...]]
    institutions: Institutions = Institutions()

    def head(self, hid: str) -> Head:
        return next(h for h in self.heads if h.id == hid)


@lru_cache(maxsize=1)
def sector_codes() -> dict[str, str]:
    """CAMEO code → local name of its ``kg:Sector`` individual (from ontology/kg.ttl).

    >>> sector_codes()["MIL"]
    'MilitarySector'
    """
    g = ontology_graph()
    ns = str(KG._NS)
    return {str(code): str(s)[len(ns):] for s in g.subjects(RDF.type, KG.Sector)
            for code in g.objects(s, SKOS.notation)}


def _err(code: str, where: str, message: str, fix: str = _FIX) -> RuleError:
    return RuleError(code, f"{where}: {message}", fix=fix)


def _words(where: str, key: str, raw: Any, required: bool = False) -> list[str]:
    if raw is None and not required:
        return []
    if not isinstance(raw, list) or (required and not raw) or not all(isinstance(w, str) and w.strip() for w in raw):
        raise _err("E321", where, f"'{key}' must be a {'non-empty ' if required else ''}list of strings, got {raw!r}")
    return raw


def _norm_set(where: str, key: str, raw: dict) -> frozenset[str]:
    return frozenset(normalize_ar(w) for w in _words(where, key, raw.get(key)))


def _contains(words: list[str], phrase: list[str]) -> bool:
    """``phrase`` occurs in ``words``, its first word maybe with proclitics (للشرطة)."""
    k = len(phrase)
    return bool(phrase) and any(phrase[0] in proclitic_variants(words[i]) and words[i + 1:i + k] == phrase[1:]
                                for i in range(len(words) - k + 1))


def _example(where: str, raw: Any, cls: str, code: str) -> Example:
    if not isinstance(raw, dict) or set(raw) != _EXAMPLE_KEYS:
        raise _err("E321", where, f"a match example is a mapping with exactly {sorted(_EXAMPLE_KEYS)}, got {raw!r}")
    text, phrase, country = raw["text"], raw["phrase"], raw["country"]
    if not isinstance(text, str) or not isinstance(phrase, str) or not (country is None or isinstance(country, str)):
        raise _err("E321", where, "text and phrase are strings, country a string or null")
    if not _contains(normalize_ar(text).split(), normalize_ar(phrase).split()):
        raise _err("E325", where, f"the phrase {phrase!r} is not in the text {text!r}",
                   fix="copy the phrase from the example's text")
    if raw["class"] != cls or raw["sector"] != code:
        raise _err("E325", where, f"the example expects {raw['class']}/{raw['sector']}, the entry gives {cls}/{code}",
                   fix="make the example's class and sector the entry's")
    return Example(text, phrase, cls, code, country)


def _head(fname: str, index: int, raw: Any, codes: dict[str, str]) -> Head:
    where = f"{fname}:heads[{index}]"
    if not isinstance(raw, dict):
        raise _err("E321", where, f"an entry must be a mapping, got {type(raw).__name__}")
    if isinstance(raw.get("id"), str):
        where = f"{fname}:{raw['id']}"
    unknown, missing = sorted(set(raw) - _REQUIRED - _OPTIONAL), sorted(_REQUIRED - set(raw))
    if unknown or missing:
        raise _err("E321", where, f"unknown key(s) {unknown}, missing key(s) {missing}; "
                   f"allowed: {sorted(_REQUIRED | _OPTIONAL)}")
    hid = raw["id"]
    if not isinstance(hid, str) or not hid.isascii() or not hid.replace("_", "").isalnum():
        raise _err("E321", where, f"id must be an ASCII word (letters, digits, _), got {hid!r}")
    if raw["class"] not in _CLASSES:
        raise _err("E323", where, f"class {raw['class']!r} is not one of {', '.join(_CLASSES)}")
    if raw["sector"] not in codes:
        raise _err("E323", where, f"sector {raw['sector']!r} is not the skos:notation of a kg:Sector",
                   fix=f"use one of {', '.join(sorted(codes))}, or add the sector to ontology/kg.ttl")
    for key, choices in _CHOICES.items():
        if key in raw and raw[key] not in choices:
            raise _err("E323", where, f"{key} must be one of {', '.join(choices)}, got {raw[key]!r}")
    if not all(isinstance(raw.get(k, True), bool) for k in ("demonym", "refers")) \
            or not isinstance(raw["en"], str) or not raw["en"].strip():
        raise _err("E321", where, "demonym and refers must be true or false, and 'en' a non-empty English name")
    if raw["bare"] == "article" and raw["class"] != "Country" and not (
            isinstance(raw.get("name"), str) and raw.get("gender")):
        raise _err("E321", where, "a head whose country may come from the article needs its 'name' and 'gender'",
                   fix="add e.g. name: الجيش and gender: m, for the label الجيش الباكستاني")
    forms = tuple(tuple(normalize_ar(f).split()) for f in _words(where, "forms", raw["forms"], required=True))
    construct = tuple(tuple(normalize_ar(f).split()) for f in _words(where, "construct", raw.get("construct")))
    if not isinstance(raw["match"], list) or not raw["match"]:
        raise _err("E321", where, "'match' must be a non-empty list of examples")
    code = raw["sector"]
    match = tuple(_example(f"{where}:match[{i}]", ex, raw["class"], code) for i, ex in enumerate(raw["match"]))
    no_match = tuple(_words(where, "no_match", raw["no_match"], required=True))
    return Head(hid, raw["class"], codes[code], code, raw["en"], forms, construct, raw.get("demonym", True),
                raw["bare"], raw.get("scope", "article"), raw.get("adjective", "keep"), _norm_set(where, "allow", raw),
                tuple(normalize_ar(b) for b in _words(where, "bodies", raw.get("bodies"))), raw.get("name"),
                raw.get("gender"), _norm_set(where, "veto_before", raw), _norm_set(where, "veto_after", raw),
                raw.get("refers", False), match, no_match)


def _institutions(fname: str, raw: Any, codes: dict[str, str]) -> Institutions:
    where = f"{fname}:institutions"
    keys = {"heads", "gov", "authority", "verbs", "links", "match", "no_match"}
    if raw is None:
        return Institutions()
    if not isinstance(raw, dict) or set(raw) - keys or "heads" not in raw:
        raise _err("E321", where, f"a mapping of {sorted(keys)} with at least `heads`, got {raw!r}")
    words = {k: frozenset(normalize_ar(w) for w in _words(where, k, raw.get(k))) for k in keys - {"match", "no_match"}}
    if not (words["gov"] | words["authority"]) <= words["heads"]:
        raise _err("E321", where, f"gov and authority list heads: {sorted((words['gov'] | words['authority']) - words['heads'])}")
    match = []
    for i, ex in enumerate(raw.get("match") or []):
        if not isinstance(ex, dict) or set(ex) != {"text", "phrase", "sector", "part_of"} \
                or not all(isinstance(ex[k], str) for k in ("text", "phrase")):
            raise _err("E321", f"{where}:match[{i}]", f"an example is {{text, phrase, sector, part_of}}, got {ex!r}")
        if not _contains(normalize_ar(ex["text"]).split(), normalize_ar(ex["phrase"]).split()):
            raise _err("E325", f"{where}:match[{i}]", f"the phrase {ex['phrase']!r} is not in the text")
        if ex["sector"] is not None and ex["sector"] not in codes:
            raise _err("E323", f"{where}:match[{i}]", f"sector {ex['sector']!r} is not a kg:Sector's notation")
        match.append(InstitutionExample(ex["text"], ex["phrase"], ex["sector"], ex["part_of"]))
    return Institutions(words["heads"], words["gov"], words["authority"], words["verbs"], words["links"],
                        tuple(match), tuple(_words(where, "no_match", raw.get("no_match"))))


def load_generic_actors(path: Path | str | None = None) -> GenericRules:
    """Load and check the unnamed actors' head nouns (cached per path).

    >>> rules = load_generic_actors()
    >>> rules.head("police").code, rules.head("police").sector
    ('COP', 'PoliceSector')
    """
    return _load(str(Path(path) if path is not None else RULES_PATH))


@lru_cache(maxsize=8)
def _load(path: str) -> GenericRules:
    fname = Path(path).name
    data = read_yaml(path, code="E322", what="unnamed actors", fix="restore pipelines/rules/generic_actors.yaml")
    if not isinstance(data, dict) or not isinstance(data.get("heads"), list) or not data["heads"] \
            or set(data) - {"kind", "version", "links", "heads", "institutions"}:
        raise _err("E321", fname, "the file is a mapping of kind, version, links and a non-empty list of `heads`")
    if data.get("kind") not in _KINDS:
        raise _err("E323", fname, f"kind must be {' or '.join(_KINDS)}, got {data.get('kind')!r}")
    codes = sector_codes()
    heads = [_head(fname, i, raw, codes) for i, raw in enumerate(data["heads"])]
    owner: dict[Form, str] = {}
    seen: set[str] = set()
    by_first: dict[str, list[tuple[Form, Head, bool]]] = {}
    for head in heads:
        if head.id in seen:
            raise _err("E324", f"{fname}:{head.id}", "duplicate id", fix="give every entry its own id")
        seen.add(head.id)
        for form, construct in [(f, False) for f in head.forms] + [(f, True) for f in head.construct]:
            if owner.setdefault(form, head.id) != head.id or (form in head.forms and construct):
                raise _err("E324", f"{fname}:{head.id}", f"the form {' '.join(form)!r} is listed twice "
                           f"(also under {owner[form]})", fix="list every form under one entry, once")
            by_first.setdefault(form[0], []).append((form, head, construct))
    links = frozenset(normalize_ar(w) for w in _words(fname, "links", data.get("links")))
    return GenericRules(path, tuple(heads), links,
                        {k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in by_first.items()},
                        _institutions(fname, data.get("institutions"), codes))
