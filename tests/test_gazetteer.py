"""The actor gazetteer: build script, ontology/actors.ttl and kg.gazetteer.

Sentences here are written for these tests; no article text is used.
"""
from __future__ import annotations

import csv
import doctest
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, URIRef

from kg.errors import ConfigError
from kg.gazetteer import Entry, Gazetteer, UnknownEntry
from kg.lang.ar import proclitic_variants
from kg.lang.ar import normalize_ar
from kg.vocab import KG, ONTOLOGY_DIR

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KG_SHARED", REPO.parent / "shared"))
COUNTRY_CSV = SHARED / "gazetteers" / "country-codes.csv"
SCRIPT = REPO / "pipelines" / "build_gazetteer.py"
ACTOR = "https://w3id.org/ankg/id/actor/"
PLACE = "https://w3id.org/ankg/id/place/"

needs_csv = pytest.mark.skipif(not COUNTRY_CSV.is_file(), reason=f"no country table at {COUNTRY_CSV} (set KG_SHARED)")


def _load_script():
    spec = importlib.util.spec_from_file_location("build_gazetteer", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


builder = _load_script()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def spans(gaz: Gazetteer, sentence: str) -> list[tuple[str, str, str]]:
    words = sentence.split()
    return [(" ".join(words[m.start:m.end]), m.entry.iri.rsplit("/", 1)[1], m.via) for m in gaz.find(words)]


# ---------------------------------------------------------------- find

@pytest.mark.parametrize(("sentence", "expected"), [
    # longest match wins over a prefix that is also a name
    ("زار الوفد الولايات المتحدة الأمريكية أمس", [("الولايات المتحدة الأمريكية", "usa", "name")]),
    ("زار الوفد الولايات المتحدة أمس", [("الولايات المتحدة", "usa", "name")]),
    ("نقلت صحيفة واشنطن بوست الخبر", [("صحيفة واشنطن بوست", "washington_post", "name")]),
    ("أصدر مجلس الأمن الدولي قرارا", [("مجلس الأمن الدولي", "un_security_council", "name")]),
    ("اجتمع مجلس الأمن القومي الأمريكي", [("مجلس الأمن القومي الأمريكي", "us_nsc", "name")]),
    ("قصفت كتائب حزب الله موقعا", [("كتائب حزب الله", "kataib_hezbollah", "name")]),
    ("أعلن حزب الله موقفه", [("حزب الله", "hezbollah", "name")]),
    # several names, capital vs name, adjectives left alone
    ("التقى بايدن ب مصطفى الكاظمي في البيت الأبيض",
     [("بايدن", "biden", "name"), ("مصطفى الكاظمي", "kadhimi", "name"), ("البيت الأبيض", "white_house", "name")]),
    ("اتفقت بغداد و واشنطن على الانسحاب",
     [("بغداد", "baghdad", "capital"), ("واشنطن", "washington", "capital")]),
    ("انسحبت القوات الأمريكية من القاعدة", []),
    ("قال الحرس الثوري الإيراني إن", [("الحرس الثوري الإيراني", "irgc", "name")]),
    ("أعلن التحالف الدولي انتهاء المهمة", [("التحالف الدولي", "coalition", "name")]),
    ("هاجم تنظيم داعش قرية", [("تنظيم داعش", "isis", "name")]),
    ("وقعت الحكومة العراقية الاتفاق", [("الحكومة العراقية", "iraq", "name")]),
])
def test_gazetteer_find_longest_match(gaz: Gazetteer, sentence: str, expected: list) -> None:
    assert spans(gaz, sentence) == expected


@pytest.mark.parametrize(("words", "start", "end", "entry_id", "via"), [
    (["و", "واشنطن"], 1, 2, "washington", "capital"),
    (["وواشنطن"], 0, 1, "washington", "capital"),
    (["عاد", "لبغداد"], 1, 2, "baghdad", "capital"),
    (["بالعراق"], 0, 1, "iraq", "name"),
    (["للعراق"], 0, 1, "iraq", "name"),
    (["وللعراق"], 0, 1, "iraq", "name"),
    (["فبإيران"], 0, 1, "iran", "name"),
    (["وبالولايات", "المتحدة"], 0, 2, "usa", "name"),
    (["كأمريكا"], 0, 1, "usa", "name"),
    # a one-letter proclitic split off inside a name is glued back on
    (["التحالف", "الدولي", "ل", "محاربة", "داعش"], 0, 5, "coalition", "name"),
])
def test_gazetteer_find_strips_proclitics(gaz: Gazetteer, words: list[str], start: int, end: int, entry_id: str, via: str) -> None:
    matches = gaz.find(words)
    assert [(m.start, m.end, m.entry.iri.rsplit("/", 1)[1], m.via) for m in matches] == [(start, end, entry_id, via)]


@pytest.mark.parametrize("words", [
    ["و"], [], ["غدا"], ["الكبير"], ["قال", "رسول"], ["روحاني"], ["رئيسي"], ["الحشد", "العسكري"], ["القاعدة", "الجوية"],
])
def test_gazetteer_find_ignores_common_words(gaz: Gazetteer, words: list[str]) -> None:
    assert gaz.find(words) == []


def test_gazetteer_find_matches_do_not_overlap(gaz: Gazetteer) -> None:
    words = "قال وزير الخارجية الأمريكي مايك بومبيو إن الولايات المتحدة و العراق و إيران".split()
    matches = gaz.find(words)
    ends = [(m.start, m.end) for m in matches]
    assert ends == sorted(ends)
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:]))
    assert [m.entry.iri.rsplit("/", 1)[1] for m in matches] == ["pompeo", "usa", "iraq", "iran"]


# ---------------------------------------------------------------- lookup and demonyms

@pytest.mark.parametrize(("phrase", "entry_id"), [
    ("العراق", "iraq"),
    ("العِراقُ", "iraq"),  # diacritics
    ("ايران", "iran"),  # hamza dropped
    ("إيران", "iran"),
    ("امريكا", "usa"),
    ("أمريكـــا", "usa"),  # tatweel
    ("أميركا", "usa"),
    ("الوِلاياتُ المتّحدة", "usa"),
    ("الولايات المتحدة الأميركية", "usa"),
    ("سورية", "syria"),
    ("سوريا", "syria"),
    ("الجمهورية العربية السورية", "syria"),
    ("مصطفى الكاظمي", "kadhimi"),
    ("مصطفي الكاظمي", "kadhimi"),  # ى/ي
    ("فؤاد حسين", "fuad_hussein"),
    ("فواد حسين", "fuad_hussein"),  # ؤ/و
    ("هيئة الحشد الشعبي", "pmf"),
    ("البرلمان العراقي", "iraqi_parliament"),
    ("مجلس النواب العراقي", "iraqi_parliament"),
    ("middle east eye", "mee"),
    ("أفغانستان", "afghanistan"),
    ("إيران (جمهورية - الإسلامية)", "iran"),  # UN-table form as written
    ("بوليفيا", "bolivia"),  # a CSV-only country, artifact-free variant
    ("أبي بكر البغدادي", "baghdadi"),  # the kunya in the genitive (لزعيم التنظيم أبي بكر …)
    ("أبا بكر البغدادي", "baghdadi"),  # and in the accusative
])
def test_gazetteer_lookup_variants(gaz: Gazetteer, phrase: str, entry_id: str) -> None:
    entry = gaz.lookup(phrase)
    assert entry is not None, phrase
    assert entry.iri.rsplit("/", 1)[1] == entry_id


@pytest.mark.parametrize("phrase", ["", "الولايات", "المتحدة", "رسول", "العراقي", "القاعدة"])
def test_gazetteer_lookup_rejects_non_names(gaz: Gazetteer, phrase: str) -> None:
    assert gaz.lookup(phrase) is None


@pytest.mark.parametrize(("form", "entry_id"), [
    ("العراقي", "iraq"), ("العراقية", "iraq"), ("العراقيين", "iraq"), ("عراقي", "iraq"), ("العراقيون", "iraq"),
    ("الأمريكي", "usa"), ("الأميركي", "usa"), ("الأمريكية", "usa"), ("الأميركية", "usa"),
    ("أمريكي", "usa"), ("الأمريكيين", "usa"), ("الأميركيين", "usa"), ("الامريكان", "usa"),
    ("والأمريكية", "usa"), ("للأمريكيين", "usa"),
    ("الإيراني", "iran"), ("الايرانية", "iran"), ("إيرانيين", "iran"),
    ("السوري", "syria"), ("التركية", "turkey"), ("الأتراك", "turkey"), ("البريطانية", "uk"),
    ("الروس", "russia"), ("الأفغانية", "afghanistan"),
])
def test_gazetteer_demonym(gaz: Gazetteer, form: str, entry_id: str) -> None:
    entry = gaz.demonym(form)
    assert entry is not None, form
    assert entry.iri == ACTOR + entry_id


@pytest.mark.parametrize("form", ["الكبير", "العسكرية", "الدولي", "العراق", "الجديدة"])
def test_gazetteer_demonym_rejects_other_adjectives(gaz: Gazetteer, form: str) -> None:
    assert gaz.demonym(form) is None


@pytest.mark.parametrize(("word", "capital_of"), [
    ("بغداد", "iraq"), ("واشنطن", "usa"), ("طهران", "iran"), ("دمشق", "syria"), ("بيروت", "lebanon"),
    ("الرياض", "saudi_arabia"), ("أنقرة", "turkey"), ("موسكو", "russia"), ("لندن", "uk"),
    ("باريس", "france"), ("كابل", "afghanistan"), ("كابول", "afghanistan"),
])
def test_gazetteer_capitals_point_to_their_country(gaz: Gazetteer, word: str, capital_of: str) -> None:
    [match] = gaz.find([word])
    assert match.via == "capital"
    assert match.entry.cls == "Place"
    assert match.entry.capital_of == ACTOR + capital_of
    assert gaz.entry(ACTOR + capital_of).capital == match.entry.iri


def test_gazetteer_country_name_beats_capital_name(gaz: Gazetteer) -> None:
    # عمّان (Amman) and عمان (Oman) normalise alike; the country wins.
    assert normalize_ar("عمّان") == normalize_ar("عمان")
    assert gaz.lookup("عمّان").iri == ACTOR + "oman"
    assert gaz.entry(PLACE + "amman").capital_of == ACTOR + "jordan"


def test_gazetteer_proclitic_variants_keep_original_first() -> None:
    assert proclitic_variants("للعراق")[:2] == ["للعراق", "العراق"]
    assert proclitic_variants("واشنطن")[0] == "واشنطن"
    assert "اشنطن" in proclitic_variants("واشنطن")  # stripped reading exists, but is tried last


# ---------------------------------------------------------------- entries

@pytest.mark.parametrize(("entry_id", "cls"), [
    ("usa", "Country"), ("iraq", "Country"), ("iran", "Country"), ("afghanistan", "Country"),
    ("trump", "Person"), ("biden", "Person"), ("kadhimi", "Person"), ("soleimani", "Person"),
    ("coalition", "Organization"), ("nato", "Organization"), ("un_security_council", "Organization"),
    ("iraqi_mod", "Organization"), ("centcom", "Organization"), ("us_dod", "Organization"),
    ("isis", "ArmedGroup"), ("pmf", "ArmedGroup"), ("irgc", "ArmedGroup"), ("quds_force", "ArmedGroup"),
    ("kataib_hezbollah", "ArmedGroup"), ("taliban", "ArmedGroup"), ("peshmerga", "ArmedGroup"),
])
def test_gazetteer_required_actors(gaz: Gazetteer, entry_id: str, cls: str) -> None:
    assert gaz.entry(ACTOR + entry_id).cls == cls


def test_gazetteer_relations(gaz: Gazetteer) -> None:
    assert gaz.entry(ACTOR + "coalition").led_by == ACTOR + "usa"
    assert gaz.entry(ACTOR + "iraqi_mod").part_of == ACTOR + "iraq"
    assert gaz.entry(ACTOR + "usa").same_as == ("http://www.wikidata.org/entity/Q30",)
    assert gaz.entry(ACTOR + "iraq").same_as == ("http://www.wikidata.org/entity/Q796",)
    assert gaz.entry(PLACE + "white_house").cls == "Place"


def test_gazetteer_person_roles(gaz: Gazetteer) -> None:
    roles = gaz.entry(ACTOR + "kadhimi").titles
    pm = [r for r in roles if r.title_ar == "رئيس الوزراء العراقي"]
    assert len(pm) == 1
    assert (pm[0].of, pm[0].since, pm[0].until) == (ACTOR + "iraq", "2020-05-07", "2022-10-27")
    assert [r.since for r in roles] == sorted(r.since or "" for r in roles)


def test_gazetteer_entry_unknown_iri_raises(gaz: Gazetteer) -> None:
    with pytest.raises(UnknownEntry) as info:
        gaz.entry(ACTOR + "atlantis")
    assert info.value.code == "E821"
    assert isinstance(info.value, KeyError) and isinstance(info.value, ConfigError)
    assert ACTOR + "atlantis" not in gaz


def test_gazetteer_every_entry_has_labels_and_ontology_class(gaz: Gazetteer) -> None:
    onto = Graph().parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")
    allowed = {
        str(c)[len(str(KG._NS)):]
        for root in (KG.Actor, KG.Place)
        for c in onto.transitive_subjects(RDFS.subClassOf, root)
    }
    assert {"Person", "Country", "Organization", "ArmedGroup", "Place"} <= allowed
    bad = [e.iri for e in gaz if not (e.label_en and e.label_ar and e.cls in allowed)]
    assert bad == []


def test_gazetteer_every_name_resolves_to_its_entry(gaz: Gazetteer) -> None:
    # Known, documented exception: a capital whose name is also a country's.
    shadowed = {(PLACE + "amman", "عمّان")}
    wrong = [
        (entry.iri, name, getattr(gaz.lookup(name), "iri", None))
        for entry in gaz
        for name in entry.names
        if (entry.iri, name) not in shadowed and gaz.lookup(name) is not entry
    ]
    assert wrong == []


def test_gazetteer_references_resolve(gaz: Gazetteer) -> None:
    refs = [(e.iri, ref) for e in gaz for ref in (e.led_by, e.part_of, e.capital, e.capital_of, *(r.of for r in e.titles)) if ref]
    assert refs, "no references at all"
    assert [(src, ref) for src, ref in refs if ref not in gaz] == []


def test_gazetteer_load_is_cached_and_from_graph_works() -> None:
    assert Gazetteer.load() is Gazetteer.load([ONTOLOGY_DIR / "actors.ttl"])
    graph = Graph().parse(data=(
        "@prefix kg: <https://w3id.org/ankg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<urn:x:a> a kg:ArmedGroup ; rdfs:label \"جماعة س\"@ar ."
    ), format="turtle")
    small = Gazetteer.from_graph(graph)
    assert len(small) == 1
    assert small.find(["جماعة", "س"]) == [small.find(["جماعة", "س"])[0]]
    assert small.lookup("جماعة س") == Entry("urn:x:a", "ArmedGroup", None, "جماعة س")


def test_gazetteer_missing_file_is_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        Gazetteer.load([tmp_path / "none.ttl"])
    assert info.value.code == "E820"
    assert "build_gazetteer.py" in str(info.value)


# ---------------------------------------------------------------- coverage of the gold entities

def _gold_entities() -> list[tuple[str, str, dict]]:
    gold_dir = SHARED / "gold"
    if not gold_dir.is_dir():
        return []
    out = []
    # Only the seed gold (000_…, 001_…, 002_…). The dev-*.json gold belongs to
    # articles kept for measuring, never for fitting: the gazetteer must not be
    # grown from them, so their entity coverage is measured by `kg eval`, not
    # asserted here.
    for path in sorted(p for p in gold_dir.glob("*.json") if not p.name.startswith("dev-")):
        for key, entity in json.loads(path.read_text(encoding="utf-8"))["entities"].items():
            out.append((path.stem[:3], key, entity))
    return out


@pytest.mark.skipif(not _gold_entities(), reason="no gold files under KG_SHARED")
@pytest.mark.parametrize(("article", "key", "entity"), _gold_entities(), ids=lambda v: v if isinstance(v, str) else "")
def test_gazetteer_covers_gold_entities(gaz: Gazetteer, article: str, key: str, entity: dict) -> None:
    english = {n.lower() for n in [entity["en"], *entity.get("en_alt", [])]}
    found = [gaz.lookup(name) for name in entity["ar"]]
    hits = [e for e in found if e is not None and e.label_en and e.label_en.lower() in english]
    assert hits, f"{key}: none of {entity['ar']} resolves to an entry labelled {entity['en']!r}"
    assert all(e.cls == entity["type"] for e in hits)


# ---------------------------------------------------------------- build script

@needs_csv
def test_gazetteer_build_is_deterministic_and_committed_file_is_current(tmp_path: Path) -> None:
    outputs = []
    for n in (1, 2):
        out = tmp_path / f"actors{n}.ttl"
        run = subprocess.run([sys.executable, str(SCRIPT), "--csv", str(COUNTRY_CSV), "--out", str(out)],
                             capture_output=True, text=True, check=False)
        assert run.returncode == 0, run.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0] == (ONTOLOGY_DIR / "actors.ttl").read_bytes(), "run pipelines/build_gazetteer.py and commit ontology/actors.ttl"


@needs_csv
def test_gazetteer_every_csv_country_is_a_country(gaz: Gazetteer) -> None:
    with COUNTRY_CSV.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["ISO3166-1-Alpha-3"].strip() and r["official_name_ar"].strip()]
    countries = [e for e in gaz if e.cls == "Country"]
    assert len(countries) == len(rows)
    qids = {r["wikidata_id"].rsplit("/", 1)[-1] for r in rows if r["wikidata_id"]}
    same_as = {q.rsplit("/", 1)[-1] for e in countries for q in e.same_as}
    assert qids <= same_as


def test_gazetteer_ttl_parses_and_has_no_stray_classes() -> None:
    graph = Graph().parse(ONTOLOGY_DIR / "actors.ttl", format="turtle")
    onto = Graph().parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")
    defined = set(onto.subjects())
    used = {o for o in graph.objects() if isinstance(o, URIRef) and str(o).startswith(str(KG._NS))}
    used |= {p for p in graph.predicates() if str(p).startswith(str(KG._NS))}
    assert used and used <= defined, sorted(used - defined)


_TINY_CSV = (
    "ISO3166-1-Alpha-3,official_name_ar,UNTERM Arabic Short,UNTERM Arabic Formal,CLDR display name,"
    "official_name_en,UNTERM English Short,wikidata_id\n"
    "XAA,ألفا,ألفا,جمهورية ألفا,Alpha,Alpha,Alpha (the),https://www.wikidata.org/wiki/Q1\n"
    "XBB,بيتا,بيتا *,,Beta,Beta,,\n"
)


@pytest.mark.parametrize(("yaml_text", "code"), [
    ("actors:\n  - {id: a, type: Robot, en: A, ar: [أ]}\n", "E812"),
    ("actors:\n  - {id: a, type: Person, en: A}\n", "E812"),
    ("actors:\n  - {id: A-1, type: Person, en: A, ar: [أ]}\n", "E812"),
    ("actors:\n  - {id: a, type: Organization, en: A, ar: [أ], led_by: nobody}\n", "E815"),
    ("actors:\n  - {id: a, type: Person, en: A, ar: [أ], roles: [{title_ar: وزير, from: 'May 2020'}]}\n", "E812"),
    ("actors:\n  - {id: a, type: Person, en: A, ar: [أ], wikidata: '30'}\n", "E812"),
    ("actors:\n  - {id: a, type: Person, en: A, ar: [سين]}\n  - {id: b, type: Person, en: B, ar: [سين]}\n", "E814"),
    ("actors:\n  - {id: a, type: Person, en: A, ar: [أ]}\n  - {id: a, type: Person, en: B, ar: [ب]}\n", "E813"),
    ("countries:\n  - {id: zed, iso3: ZZZ}\n", "E813"),
    ("countries:\n  - {id: alpha, iso3: XAA, colour: red}\n", "E812"),
    ("people: []\n", "E812"),
    ("actors: [\n", "E812"),
])
def test_gazetteer_build_rejects_bad_actor_files(tmp_path: Path, yaml_text: str, code: str) -> None:
    (tmp_path / "c.csv").write_text(_TINY_CSV, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        builder.build(tmp_path / "c.csv", tmp_path / "a.yaml")
    assert info.value.code == code


def test_gazetteer_build_tiny_inputs(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text(_TINY_CSV, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "countries:\n"
        "  - {id: alpha, iso3: XAA, ar: [ألفا], capital: {id: alphaville, en: Alphaville, ar: [مدينة ألفا]}, demonym: [ألفي]}\n"
        "actors:\n"
        "  - {id: bloc, type: Organization, en: Bloc, ar: [الكتلة], led_by: alpha,"
        " wikidata: Q5, part_of: alpha}\n",
        encoding="utf-8")
    ttl = builder.build(tmp_path / "c.csv", tmp_path / "a.yaml")
    small = Gazetteer.from_graph(Graph().parse(data=ttl, format="turtle"))
    assert {e.iri.rsplit("/", 1)[1] for e in small} == {"alpha", "beta", "alphaville", "bloc"}
    assert small.lookup("بيتا").label_en == "Beta"  # '*' artifact dropped
    assert small.entry(ACTOR + "alpha").same_as == ("http://www.wikidata.org/entity/Q1",)
    assert small.entry(ACTOR + "alpha").alt_en == ()  # "Alpha (the)" cleaned to the label itself
    assert small.demonym("الألفية").iri == ACTOR + "alpha"
    assert small.lookup("الحكومة الألفية").iri == ACTOR + "alpha"
    assert small.entry(ACTOR + "bloc").led_by == ACTOR + "alpha"
    assert [m.via for m in small.find(["مدينة", "ألفا"])] == ["capital"]


def test_gazetteer_build_script_doctests() -> None:
    result = doctest.testmod(builder, verbose=False)
    assert result.attempted > 0
    assert result.failed == 0
