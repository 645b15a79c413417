"""Known actors and places, looked up by their Arabic names.

The data is ``ontology/actors.ttl`` (built by ``pipelines/build_gazetteer.py``
from the country table and ``pipelines/actors.yaml``). All comparisons go
through :func:`kg.lang.ar.normalize_ar`, so hamza, alef maqsura, ta marbuta
and diacritics do not matter.

>>> gaz = Gazetteer.load()
>>> gaz.lookup("وواشنطن").capital_of
'https://w3id.org/ankg/id/actor/usa'
>>> [(m.start, m.end, m.entry.label_en, m.via) for m in gaz.find(["زار", "الكاظمي", "واشنطن"])]
[(1, 2, 'Mustafa al-Kadhimi', 'name'), (2, 3, 'Washington, D.C.', 'capital')]
>>> gaz.demonym("الأميركية").label_en
'United States'
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import OWL, SKOS

from .errors import ConfigError
from .lang.ar import clitics, normalize_ar, proclitic_variants, strip_article
from .lang.ar.clitics import CLITIC_WORDS
from .paths import ONTOLOGY_DIR
from .vocab import ACTOR_CLASSES, KG

__all__ = ["Entry", "Gazetteer", "Match", "Role", "UnknownEntry"]

_KG_NS = str(KG)


class UnknownEntry(ConfigError, KeyError):
    """:meth:`Gazetteer.entry` was asked for an IRI it does not hold."""

    def __str__(self) -> str:  # KeyError would quote the message
        return ConfigError.__str__(self)


@dataclass(frozen=True)
class Role:
    """An office a person holds or held (``kg:role`` in actors.ttl)."""

    title_ar: str
    title_en: str | None = None
    of: str | None = None  # IRI of the country or organization
    since: str | None = None  # lexical date: YYYY, YYYY-MM or YYYY-MM-DD
    until: str | None = None


@dataclass(frozen=True)
class Entry:
    """One gazetteer subject: an actor, or a place (a capital has ``capital_of``).

    ``variants`` are the Arabic alternative labels, without ``label_ar``;
    :attr:`names` gives all of them.
    """

    iri: str
    cls: str  # ontology local name: Person, Country, Organization, ArmedGroup, Place
    label_en: str | None
    label_ar: str
    variants: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()
    capital_of: str | None = None
    led_by: str | None = None
    titles: tuple[Role, ...] = ()
    part_of: str | None = None
    capital: str | None = None
    demonyms: tuple[str, ...] = ()
    alt_en: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Preferred Arabic label first, then the variants.

        >>> Entry("x", "Place", None, "بغداد", ("العاصمة بغداد",)).names
        ('بغداد', 'العاصمة بغداد')
        """
        return (self.label_ar, *self.variants)

    def spelled_like(self, name: str) -> bool:
        """``name`` is one of the entry's names spelled otherwise: as many words, and at most
        about one letter in five different.

        >>> e = Entry("x", "Person", None, "أنتوني بلينكن")
        >>> e.spelled_like("أنطوني بلينكن"), e.spelled_like("دونالد بلينكن")
        (True, False)
        """
        key = " ".join(normalize_ar(name).split())
        return any(len(full.split()) == len(key.split())
                   and SequenceMatcher(None, " ".join(normalize_ar(full).split()), key).ratio() >= 0.8
                   for full in self.names)


@dataclass(frozen=True)
class Match:
    """Words ``start:end`` (end exclusive) of a sentence name ``entry``.

    ``via`` is ``'name'``, or ``'capital'`` when the words name a capital city,
    which may stand for the place or for its government.
    """

    start: int
    end: int
    entry: Entry
    via: str


class Gazetteer:
    """Name index over gazetteer entries.

    Names beat capitals: ``عمان`` (Oman) and ``عمّان`` (Amman) normalise
    alike, and the country wins. Among names, a preferred label beats an
    alternative label, then the smaller IRI wins, so results never depend on
    file order.
    """

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._entries: dict[str, Entry] = {}
        for entry in sorted(entries, key=lambda e: e.iri):
            self._entries[entry.iri] = entry
        self._names: dict[str, tuple[Entry, str]] = {}
        self._demonyms: dict[str, Entry] = {}
        ordered = list(self._entries.values())
        named = [e for e in ordered if not e.capital_of]
        capitals = [e for e in ordered if e.capital_of]
        for group, via in ((named, "name"), (capitals, "capital")):
            for entry in group:  # preferred labels first
                self._names.setdefault(normalize_ar(entry.label_ar), (entry, via))
            for entry in group:
                for variant in entry.variants:
                    self._names.setdefault(normalize_ar(variant), (entry, via))
            for entry in group:  # أبي بكر البغدادي after a preposition is أبو بكر البغدادي
                for name in entry.names:
                    for form in clitics.kunya_forms(normalize_ar(name)):
                        self._names.setdefault(form, (entry, via))
        for entry in ordered:
            for form in entry.demonyms:
                key = normalize_ar(form)
                self._demonyms.setdefault(key, entry)
                self._demonyms.setdefault(strip_article(key), entry)
        self._max_words = max((key.count(" ") + 1 for key in self._names), default=0)

    # ------------------------------------------------------------ loading

    @classmethod
    def load(cls, paths: Iterable[Path] | None = None) -> Gazetteer:
        """Read gazetteer Turtle files (default ``ontology/actors.ttl``); cached.

        >>> Gazetteer.load() is Gazetteer.load()
        True
        """
        resolved = tuple(sorted(Path(p).resolve() for p in (paths or [ONTOLOGY_DIR / "actors.ttl"])))
        return _load_cached(resolved)

    @classmethod
    def from_graph(cls, graph: Graph) -> Gazetteer:
        """Build from an rdflib graph holding actors.ttl-style descriptions.

        >>> g = Graph().parse(data='''@prefix kg: <https://w3id.org/ankg/ontology#> .
        ... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        ... <https://w3id.org/ankg/id/actor/x> a kg:Country ; rdfs:label "Xland"@en, "إكس"@ar .''', format="turtle")
        >>> Gazetteer.from_graph(g).lookup("اكس").label_en
        'Xland'
        """
        return cls(_entries_from_graph(graph))

    # ------------------------------------------------------------ queries

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, iri: object) -> bool:
        return str(iri) in self._entries

    def __iter__(self):  # noqa: ANN204 - iterator of Entry
        return iter(self._entries.values())

    def entry(self, iri: str) -> Entry:
        """The entry with this IRI.

        >>> Gazetteer.load().entry("https://w3id.org/ankg/id/actor/iraq").label_ar
        'العراق'
        """
        try:
            return self._entries[str(iri)]
        except KeyError:
            raise UnknownEntry("E821", f"{iri} is not in the gazetteer",
                               fix="add it to pipelines/actors.yaml and run pipelines/build_gazetteer.py") from None

    def lookup(self, phrase: str) -> Entry | None:
        """The entry a whole phrase names, trying proclitics stripped from its first word.

        >>> Gazetteer.load().lookup("بالعراق").label_en
        'Iraq'
        >>> Gazetteer.load().lookup("غداً") is None
        True
        """
        words = normalize_ar(phrase).split(" ")
        if not words or not words[0]:
            return None
        for first in proclitic_variants(words[0]):
            hit = self._names.get(" ".join([first, *words[1:]]))
            if hit:
                return hit[0]
        return None

    def find(self, forms: Sequence[str]) -> list[Match]:
        """Leftmost-longest, non-overlapping gazetteer names in a word sequence.

        ``forms`` are the word forms of one sentence. A name's first word may
        carry proclitics the parser left on (``لبغداد``); a one-letter
        proclitic split off inside a name (``ل`` ``محاربة``) is glued back.
        Demonyms are not returned: see :meth:`demonym`.

        >>> gaz = Gazetteer.load()
        >>> [(m.start, m.end, m.entry.label_en) for m in gaz.find(["مع", "الولايات", "المتحدة", "الأمريكية"])]
        [(1, 4, 'United States')]
        """
        norm = [normalize_ar(form) for form in forms]
        matches: list[Match] = []
        i = 0
        while i < len(norm):
            best = self._longest_at(norm, i)
            if best is None:
                i += 1
                continue
            matches.append(best)
            i = best.end
        return matches

    def _longest_at(self, norm: list[str], i: int) -> Match | None:
        if not norm[i] or norm[i] in CLITIC_WORDS:
            return None
        best: Match | None = None
        for first in proclitic_variants(norm[i]):
            key = first
            j = i + 1
            words = 1
            while True:
                hit = self._names.get(key)
                # Strictly longer only: the unstripped reading wins ties.
                if hit and (best is None or j > best.end):
                    best = Match(i, j, hit[0], hit[1])
                if words >= self._max_words or j >= len(norm):
                    break
                if norm[j] in CLITIC_WORDS and j + 1 < len(norm):
                    clitic, nxt = norm[j], norm[j + 1]
                    glued = clitics.glue(clitic, nxt)
                    key, j = f"{key} {glued}", j + 2
                else:
                    key, j = f"{key} {norm[j]}", j + 1
                words += 1
        return best

    def demonym(self, form: str) -> Entry | None:
        """The country a nationality adjective refers to.

        >>> gaz = Gazetteer.load()
        >>> gaz.demonym("أمريكي").iri
        'https://w3id.org/ankg/id/actor/usa'
        >>> gaz.demonym("والعراقيين").label_en
        'Iraq'
        >>> gaz.demonym("الكبير") is None
        True
        >>> gaz.demonym("مصريًا").label_en  # accusative with tanween: 22 جنديا مصريا
        'Egypt'
        """
        for candidate in proclitic_variants(normalize_ar(form)):
            entry = self._demonyms.get(candidate) or self._demonyms.get(strip_article(candidate))
            stem = clitics.accusative_stem(candidate) if entry is None else None
            if stem is not None:
                entry = self._demonyms.get(stem)
            if entry:
                return entry
        return None


@lru_cache(maxsize=8)
def _load_cached(paths: tuple[Path, ...]) -> Gazetteer:
    graph = Graph()
    for path in paths:
        if not path.is_file():
            raise ConfigError("E820", f"gazetteer file not found: {path}",
                              fix="run `.venv/bin/python pipelines/build_gazetteer.py` to create ontology/actors.ttl")
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several parser exception types
            raise ConfigError("E820", f"cannot parse gazetteer {path}: {exc}",
                              fix="rebuild it with pipelines/build_gazetteer.py") from None
    return Gazetteer.from_graph(graph)


def _lang(graph: Graph, subject: URIRef, predicate: URIRef, lang: str) -> list[str]:
    return sorted(str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language == lang)


def _one(graph: Graph, subject: object, predicate: URIRef) -> str | None:
    values = sorted(str(o) for o in graph.objects(subject, predicate))
    return values[0] if values else None


def _entries_from_graph(graph: Graph) -> list[Entry]:
    entries = []
    for subject in sorted({s for s, o in graph.subject_objects(RDF.type) if str(o).startswith(_KG_NS)}, key=str):
        if not isinstance(subject, URIRef):
            continue
        classes = sorted(str(o)[len(_KG_NS):] for o in graph.objects(subject, RDF.type) if str(o).startswith(_KG_NS))
        actor_classes = [c for c in classes if c in ACTOR_CLASSES]
        if not actor_classes:
            continue
        labels_ar = _lang(graph, subject, RDFS.label, "ar")
        if not labels_ar:
            raise ConfigError("E822", f"gazetteer entry {subject} has no Arabic rdfs:label",
                              fix="give it an 'ar' name in pipelines/actors.yaml and rebuild")
        labels_en = _lang(graph, subject, RDFS.label, "en")
        roles = []
        for node in graph.objects(subject, KG.role):
            titles_ar = _lang(graph, node, KG.title, "ar")
            if not titles_ar:
                continue
            titles_en = _lang(graph, node, KG.title, "en")
            roles.append(Role(titles_ar[0], titles_en[0] if titles_en else None, _one(graph, node, KG.roleOf),
                              _one(graph, node, KG.since), _one(graph, node, KG.until)))
        entries.append(Entry(
            iri=str(subject),
            cls=actor_classes[0],
            label_en=labels_en[0] if labels_en else None,
            label_ar=labels_ar[0],
            variants=tuple(v for v in _lang(graph, subject, SKOS.altLabel, "ar") + labels_ar[1:] if v != labels_ar[0]),
            same_as=tuple(sorted(str(o) for o in graph.objects(subject, OWL.sameAs))),
            capital_of=_one(graph, subject, KG.capitalOf),
            led_by=_one(graph, subject, KG.ledBy),
            titles=tuple(sorted(roles, key=lambda r: (r.since or "", r.title_ar, r.of or ""))),
            part_of=_one(graph, subject, KG.partOf),
            capital=_one(graph, subject, KG.capital),
            demonyms=tuple(_lang(graph, subject, KG.demonym, "ar")),
            alt_en=tuple(_lang(graph, subject, SKOS.altLabel, "en")),
        ))
    return entries
