"""Build ``ontology/actors.ttl``: every country of the country-codes CSV plus
the curated actors of ``pipelines/actors.yaml``.

    .venv/bin/python pipelines/build_gazetteer.py            # rewrite the file
    .venv/bin/python pipelines/build_gazetteer.py --check    # exit 1 if stale

The output is byte-identical on every run (sorted subjects, sorted values, no
blank-node labels, no dates), so it can be committed and diffed. The Turtle is
written by hand rather than by rdflib's serializer because the serializer's
blank-node and prefix choices are not guaranteed stable across versions.

>>> slugify("Côte d’Ivoire")
'cote_d_ivoire'
>>> clean_variants("إيران (جمهورية - الإسلامية)")
['إيران (جمهورية - الإسلامية)', 'إيران']
"""
from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

from kg.errors import ConfigError  # noqa: E402
from kg.lang.ar import normalize_ar  # noqa: E402

KG_NS = "https://w3id.org/ankg/ontology#"
KGR_NS = "https://w3id.org/ankg/id/"
WIKIDATA = "http://www.wikidata.org/entity/"
CSV_SOURCE = "https://github.com/datasets/country-codes"

TYPES = ("Person", "Organization", "ArmedGroup", "Place", "Country")
CSV_COLUMNS = (
    "ISO3166-1-Alpha-3",
    "official_name_ar",
    "UNTERM Arabic Short",
    "UNTERM Arabic Formal",
    "CLDR display name",
    "official_name_en",
    "UNTERM English Short",
    "wikidata_id",
)
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def default_csv() -> Path:
    """The country table in ``$KG_SHARED`` (default ``<repo>/../shared``).

    >>> default_csv().name
    'country-codes.csv'
    """
    shared = Path(os.environ.get("KG_SHARED", REPO.parent / "shared"))
    return shared / "gazetteers" / "country-codes.csv"


def slugify(text: str) -> str:
    """ASCII slug for IRIs: lower case, ``_`` between words.

    >>> slugify("United States of America")
    'united_states_of_america'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "_", bare.lower()).strip("_")


def clean_variants(name: str) -> list[str]:
    """The name as written, plus forms without UN-table artifacts.

    UNTERM writes ``إيران (جمهورية - الإسلامية)`` and marks some names with
    ``*``; news text writes ``إيران`` and ``غينيا بيساو``.

    >>> clean_variants("دولة فلسطين *")
    ['دولة فلسطين *', 'دولة فلسطين']
    >>> clean_variants("غينيا - بيساو")
    ['غينيا - بيساو', 'غينيا بيساو', 'غينيا-بيساو']
    """
    name = " ".join(name.split())
    out = [name] if name else []
    cleaned = re.sub(r"\s*\*+", "", name)
    cleaned = re.sub(r"\s*\([^)]*\)", "", cleaned).strip()
    candidates = [cleaned]
    if "-" in cleaned:
        candidates += [re.sub(r"\s*-\s*", " ", cleaned), re.sub(r"\s*-\s*", "-", cleaned)]
    for form in candidates:
        if form and form not in out:
            out.append(form)
    return out


def demonym_forms(masculine: str) -> list[str]:
    """Nisba adjective forms with the article: masculine, feminine, plurals.

    >>> demonym_forms("عراقي")
    ['العراقي', 'العراقية', 'العراقيين', 'العراقيون']
    """
    base = "ال" + masculine
    return [base, base + "ة", base + "ين", base + "ون"]


@dataclass
class Role:
    title_ar: str
    title_en: str | None
    of: str | None
    since: str | None
    until: str | None


@dataclass
class Record:
    """One subject of actors.ttl before serialisation."""

    id: str
    cls: str
    en: str
    ar: list[str]  # first = preferred
    en_alt: list[str] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)
    capital: str | None = None  # place id
    capital_of: str | None = None  # country id
    demonyms: list[str] = field(default_factory=list)
    led_by: str | None = None
    part_of: str | None = None
    roles: list[Role] = field(default_factory=list)
    curated: bool = True
    from_csv: bool = False

    @property
    def iri(self) -> str:
        return iri_for(self.cls, self.id)


def iri_for(cls: str, ident: str) -> str:
    """Places live under ``place/``, every other actor under ``actor/``.

    >>> iri_for("Country", "usa")
    'https://w3id.org/ankg/id/actor/usa'
    >>> iri_for("Place", "baghdad")
    'https://w3id.org/ankg/id/place/baghdad'
    """
    return f"{KGR_NS}{'place' if cls == 'Place' else 'actor'}/{ident}"


def _err(path: Path, where: str, message: str, fix: str, code: str = "E812") -> ConfigError:
    return ConfigError(code, f"{path}:{where}: {message}", fix=fix)


def _strings(value: Any, path: Path, where: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _err(path, where, f"'{key}' must be a list of non-empty strings", "write e.g. ar: [العراق, جمهورية العراق]")
    return [" ".join(v.split()) for v in value]


def _date(value: Any, path: Path, where: str) -> str | None:
    if value is None:
        return None
    text = str(value)  # YAML turns an unquoted 2020-05-07 into a date
    if not _DATE.match(text):
        raise _err(path, where, f"bad date {text!r}", "write YYYY, YYYY-MM or YYYY-MM-DD in quotes")
    return text


def _wikidata(value: Any, path: Path, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, str) or not _QID.match(value):
        raise _err(path, where, f"bad wikidata id {value!r}", "write the bare Q-id, e.g. Q796, or leave it out")
    return [WIKIDATA + value]


def load_curated(path: Path) -> tuple[dict[str, dict[str, Any]], list[Record]]:
    """Read actors.yaml: curated country overrides by ISO code, and actors."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("E811", f"actor list not found: {path}", fix="pass --actors or restore pipelines/actors.yaml") from None
    except yaml.YAMLError as exc:
        raise ConfigError("E812", f"{path}: invalid YAML: {exc}", fix="fix the YAML syntax at the line shown") from None
    if not isinstance(data, dict) or set(data) - {"countries", "actors"}:
        raise _err(path, "top", "expected only the keys 'countries' and 'actors'", "see the header comment of pipelines/actors.yaml")

    countries: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(data.get("countries") or []):
        where = f"countries[{i}]"
        if not isinstance(item, dict) or not _ID.match(str(item.get("id", ""))) or not item.get("iso3"):
            raise _err(path, where, "a country needs 'id' (a lower-case slug) and 'iso3'", "add id: and iso3: (e.g. id: iraq, iso3: IRQ)")
        where = f"countries:{item['id']}"
        unknown = set(item) - {"id", "iso3", "en", "en_alt", "ar", "capital", "demonym", "demonym_plural", "wikidata"}
        if unknown:
            raise _err(path, where, f"unknown keys {sorted(unknown)}", "remove them or fix their spelling")
        capital = item.get("capital")
        if capital is not None and (not isinstance(capital, dict) or not _ID.match(str(capital.get("id", ""))) or not capital.get("en") or not capital.get("ar")):
            raise _err(path, where, "'capital' needs id, en and ar", "write capital: {id: baghdad, en: Baghdad, ar: [بغداد]}")
        iso3 = str(item["iso3"]).upper()
        if iso3 in countries:
            raise _err(path, where, f"iso3 {iso3} listed twice", "merge the two entries", code="E813")
        countries[iso3] = {
            "id": item["id"],
            "en": item.get("en"),
            "en_alt": _strings(item.get("en_alt"), path, where, "en_alt"),
            "ar": _strings(item.get("ar"), path, where, "ar"),
            "capital": None if capital is None else {
                "id": capital["id"], "en": str(capital["en"]),
                "ar": _strings(capital["ar"], path, where, "capital.ar"),
            },
            "demonym": _strings(item.get("demonym"), path, where, "demonym"),
            "demonym_plural": _strings(item.get("demonym_plural"), path, where, "demonym_plural"),
            "wikidata": _wikidata(item.get("wikidata"), path, where),
        }

    actors: list[Record] = []
    for i, item in enumerate(data.get("actors") or []):
        where = f"actors[{i}]"
        if not isinstance(item, dict) or not _ID.match(str(item.get("id", ""))):
            raise _err(path, where, "an actor needs 'id' (a lower-case slug)", "add e.g. id: kadhimi")
        where = f"actors:{item['id']}"
        unknown = set(item) - {"id", "type", "en", "en_alt", "ar", "wikidata", "roles", "led_by", "part_of", "demonym"}
        if unknown:
            raise _err(path, where, f"unknown keys {sorted(unknown)}", "remove them or fix their spelling")
        if item.get("type") not in TYPES:
            raise _err(path, where, f"type {item.get('type')!r} is not one of {', '.join(TYPES)}", "use a class of ontology/kg.ttl")
        if not item.get("en") or not item.get("ar"):
            raise _err(path, where, "'en' and 'ar' are required", "give the English name and at least one Arabic spelling")
        roles = []
        for j, role in enumerate(item.get("roles") or []):
            if not isinstance(role, dict) or not role.get("title_ar") or set(role) - {"title_ar", "title_en", "of", "from", "to"}:
                raise _err(path, f"{where}:roles[{j}]", "a role needs title_ar and only title_en/of/from/to besides", "write {title_ar: …, of: iraq, from: \"2020\"}")
            roles.append(Role(str(role["title_ar"]), role.get("title_en"), role.get("of"),
                              _date(role.get("from"), path, where), _date(role.get("to"), path, where)))
        actors.append(Record(
            id=item["id"], cls=item["type"], en=str(item["en"]),
            en_alt=_strings(item.get("en_alt"), path, where, "en_alt"),
            ar=_strings(item.get("ar"), path, where, "ar"),
            same_as=_wikidata(item.get("wikidata"), path, where),
            led_by=item.get("led_by"), part_of=item.get("part_of"), roles=roles,
            # A group's adjective (حوثي): قصف حوثي, مسلحون حوثيون, like a country's demonym.
            demonyms=[form for base in _strings(item.get("demonym"), path, where, "demonym")
                      for form in demonym_forms(base)],
        ))
    return countries, actors


def load_countries(path: Path, curated: dict[str, dict[str, Any]]) -> list[Record]:
    """One Country record per CSV row (and its capital Place, where curated)."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except FileNotFoundError:
        raise ConfigError("E810", f"country table not found: {path}", fix="set KG_SHARED to the shared/ folder or pass --csv") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ConfigError("E810", f"{path}: columns missing: {missing}", fix="use datasets/country-codes' country-codes.csv")
        rows = list(reader)

    records: list[Record] = []
    seen: set[str] = set()
    for row in rows:
        iso3 = row["ISO3166-1-Alpha-3"].strip().upper()
        names_ar = [row[c] for c in ("UNTERM Arabic Short", "official_name_ar", "UNTERM Arabic Formal") if row[c].strip()]
        if not iso3 or not names_ar:
            continue
        cur = curated.get(iso3, {})
        en = cur.get("en") or row["CLDR display name"].strip() or row["official_name_en"].strip()
        ident = cur.get("id") or slugify(en)
        if ident in seen:  # two CSV names with one slug
            ident = f"{ident}_{iso3.lower()}"
        seen.add(ident)
        ar: list[str] = list(cur.get("ar", []))
        for name in names_ar:
            for form in reversed(clean_variants(name)):  # cleaned form first: it is the better label
                if form not in ar:
                    ar.append(form)
        en_alt = list(cur.get("en_alt", []))
        for name in (row["CLDR display name"], row["official_name_en"], row["UNTERM English Short"]):
            name = re.sub(r"\s*\([^)]*\)", "", name).strip()  # "Bahamas (the)"
            if name and name != en and name not in en_alt:
                en_alt.append(name)
        qid = row["wikidata_id"].strip().rsplit("/", 1)[-1]
        same_as = cur.get("wikidata") or ([WIKIDATA + qid] if _QID.match(qid) else [])
        demonyms = [form for base in cur.get("demonym", []) for form in demonym_forms(base)]
        demonyms += cur.get("demonym_plural", [])
        # News names a government as "الحكومة العراقية": that is the country as actor.
        ar += [f"الحكومة {form}" for form in demonyms if form.endswith("ة")]
        record = Record(id=ident, cls="Country", en=en, ar=ar, en_alt=en_alt, same_as=same_as,
                        demonyms=demonyms, curated=bool(cur), from_csv=True)
        records.append(record)
        capital = cur.get("capital")
        if capital:
            record.capital = capital["id"]
            records.append(Record(id=capital["id"], cls="Place", en=capital["en"], ar=capital["ar"], capital_of=ident))
        curated.get(iso3, {})["_used"] = True
    unused = sorted(c["id"] for c in curated.values() if not c.get("_used"))
    if unused:
        raise ConfigError("E813", f"curated countries not in {path.name}: {unused}", fix="check their iso3 codes")
    return records


def resolve_collisions(records: list[Record]) -> list[str]:
    """Drop an Arabic variant from a CSV-only country when a curated entry
    uses the same (normalised) name, so that each name means one thing.

    Capitals are left alone: the gazetteer ranks names above capitals.
    Returns a note per dropped variant; two curated entries sharing a name is
    an error to fix by hand.
    """
    owners: dict[str, list[Record]] = {}
    for record in records:
        if record.capital_of:
            continue
        for form in {normalize_ar(v) for v in record.ar}:
            owners.setdefault(form, []).append(record)
    notes = []
    for form, recs in sorted(owners.items()):
        if len(recs) < 2:
            continue
        curated = [r for r in recs if r.curated]
        if len(curated) > 1:
            raise ConfigError("E814", f"Arabic name {form!r} belongs to {sorted(r.id for r in curated)}",
                              fix="keep the name on one entry in pipelines/actors.yaml")
        keep = curated[0] if curated else min(recs, key=lambda r: r.id)
        for record in recs:
            if record is not keep:
                record.ar = [v for v in record.ar if normalize_ar(v) != form] or record.ar
                notes.append(f"{form}: kept for {keep.id}, dropped from {record.id}")
    return notes


def check_references(records: list[Record]) -> None:
    ids = {r.id: r for r in records}
    for record in records:
        refs = [("led_by", record.led_by), ("part_of", record.part_of)] + [("roles.of", role.of) for role in record.roles]
        for key, ref in refs:
            if ref is not None and ref not in ids:
                raise ConfigError("E815", f"actors.yaml:{record.id}: {key} names unknown id {ref!r}",
                                  fix="use the id of an entry in pipelines/actors.yaml or a country id")
    by_iri: dict[str, str] = {}
    for record in records:
        if record.iri in by_iri:
            raise ConfigError("E813", f"id {record.id!r} is used twice", fix="give each entry in pipelines/actors.yaml its own id")
        by_iri[record.iri] = record.id


def _lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    out = f'"{escaped}"'
    if lang:
        out += f"@{lang}"
    if datatype:
        out += f"^^{datatype}"
    return out


def _date_lit(text: str) -> str:
    kind = {4: "xsd:gYear", 7: "xsd:gYearMonth", 10: "xsd:date"}[len(text)]
    return _lit(text, datatype=kind)


def _unique(values: list[str], key: Any = normalize_ar) -> list[str]:
    seen: set[str] = set()
    out = []
    for value in values:
        k = key(value)
        if k not in seen:
            seen.add(k)
            out.append(value)
    return out


def _curie(iri: str) -> str:
    for prefix, ns in (("actor:", KGR_NS + "actor/"), ("place:", KGR_NS + "place/"), ("wd:", WIKIDATA)):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return f"<{iri}>"


def to_turtle(records: list[Record]) -> str:
    ids = {r.id: r for r in records}
    lines = [
        "# Generated by pipelines/build_gazetteer.py from ../shared/gazetteers/country-codes.csv",
        "# (datasets/country-codes, ODC-PDDL) and pipelines/actors.yaml. Do not edit: rebuild.",
        "@prefix kg: <https://w3id.org/ankg/ontology#> .",
        "@prefix actor: <https://w3id.org/ankg/id/actor/> .",
        "@prefix place: <https://w3id.org/ankg/id/place/> .",
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "@prefix wd: <http://www.wikidata.org/entity/> .",
        "",
    ]
    for record in sorted(records, key=lambda r: r.iri):
        ar = _unique(record.ar)
        props: list[tuple[str, list[str]]] = [
            ("a", [f"kg:{record.cls}"]),
            ("rdfs:label", [_lit(record.en, "en"), _lit(ar[0], "ar")]),
            ("skos:altLabel", sorted(_lit(v, "en") for v in _unique(record.en_alt, str.lower) if v.lower() != record.en.lower())
             + sorted(_lit(v, "ar") for v in ar[1:])),
            ("owl:sameAs", [_curie(q) for q in sorted(record.same_as)]),
            ("kg:capital", [_curie(ids[record.capital].iri)] if record.capital else []),
            ("kg:capitalOf", [_curie(ids[record.capital_of].iri)] if record.capital_of else []),
            ("kg:demonym", sorted(_lit(v, "ar") for v in _unique(record.demonyms))),
            ("kg:ledBy", [_curie(ids[record.led_by].iri)] if record.led_by else []),
            ("kg:partOf", [_curie(ids[record.part_of].iri)] if record.part_of else []),
            ("dcterms:source", [f"<{CSV_SOURCE}>"] if record.from_csv else []),
        ]
        roles = []
        for role in sorted(record.roles, key=lambda r: (r.since or "", r.title_ar, r.of or "")):
            parts = [f"kg:title {_lit(role.title_ar, 'ar')}"]
            if role.title_en:
                parts.append(f"kg:title {_lit(role.title_en, 'en')}")
            if role.of:
                parts.append(f"kg:roleOf {_curie(ids[role.of].iri)}")
            if role.since:
                parts.append(f"kg:since {_date_lit(role.since)}")
            if role.until:
                parts.append(f"kg:until {_date_lit(role.until)}")
            roles.append("[ " + " ; ".join(parts) + " ]")
        props.append(("kg:role", roles))
        body = [f"    {pred} {', '.join(values)}" for pred, values in props if values]
        lines.append(_curie(record.iri))
        lines.append(" ;\n".join(body) + " .")
        lines.append("")
    return "\n".join(lines)


def build(csv_path: Path | None = None, actors_path: Path | None = None) -> str:
    """The Turtle text of actors.ttl (deterministic).

    >>> ttl = build()
    >>> "kg:capital place:baghdad" in ttl and '"United States"@en' in ttl
    True
    """
    csv_path = csv_path or default_csv()
    actors_path = actors_path or REPO / "pipelines" / "actors.yaml"
    curated, actors = load_curated(actors_path)
    records = load_countries(csv_path, curated) + actors
    check_references(records)
    resolve_collisions(records)
    return to_turtle(records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", type=Path, default=None, help="country-codes.csv (default: $KG_SHARED/gazetteers/)")
    parser.add_argument("--actors", type=Path, default=REPO / "pipelines" / "actors.yaml")
    parser.add_argument("--out", type=Path, default=REPO / "ontology" / "actors.ttl")
    parser.add_argument("--check", action="store_true", help="exit 1 if --out differs from a fresh build")
    args = parser.parse_args(argv)
    try:
        text = build(args.csv, args.actors)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.check:
        current = args.out.read_bytes() if args.out.exists() else b""
        if current != text.encode("utf-8"):
            print(f"{args.out} is out of date: run pipelines/build_gazetteer.py", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(text.encode("utf-8"))
    print(f"wrote {args.out} ({text.count(chr(10))} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
