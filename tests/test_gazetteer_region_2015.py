"""The gazetteer's actors of the region's 2015 conflicts, and the script that counts
candidate names in the corpus.

Pure data: pipelines/actors.yaml, ontology/actors.ttl and kg.gazetteer, no parser.
The expected resolutions are written from general knowledge; the sentences are
made up for these tests, none is article text.
"""
from __future__ import annotations

import importlib.util
import json
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from kg.gazetteer import Gazetteer
from kg.lang.ar import normalize_ar

REPO = Path(__file__).resolve().parent.parent
ACTORS_YAML = REPO / "pipelines" / "actors.yaml"
ACTOR = "https://w3id.org/ankg/id/actor/"
PLACE = "https://w3id.org/ankg/id/place/"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


builder = _load("build_gazetteer", REPO / "pipelines" / "build_gazetteer.py")
counter = _load("count_actor_candidates", REPO / "scripts" / "count_actor_candidates.py")
DATA = yaml.safe_load(ACTORS_YAML.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _id(entry) -> str:
    return entry.iri.rsplit("/", 1)[1]


# ---------------------------------------------------------------- the data file

@pytest.mark.parametrize("item", DATA["actors"], ids=lambda item: item.get("id", "?"))
def test_region_every_actor_has_english_a_type_and_arabic(item: dict) -> None:
    assert isinstance(item.get("en"), str) and item["en"].strip()
    assert item.get("type") in builder.TYPES
    assert item.get("ar") and all(isinstance(a, str) and a.strip() for a in item["ar"])
    assert all(normalize_ar(a) for a in item["ar"])


def test_region_no_arabic_name_belongs_to_two_curated_entries() -> None:
    """Each normalised name names one curated entry. The one clash the gazetteer
    handles on purpose is a capital spelled like a country (عمّان/عمان): names
    beat capitals. Countries from the CSV only give way to curated names in the build."""
    owners: dict[str, set[str]] = {}
    for item in DATA["actors"]:
        for name in item["ar"]:
            owners.setdefault(normalize_ar(name), set()).add(item["id"])
    for country in DATA["countries"]:
        for name in country.get("ar") or []:
            owners.setdefault(normalize_ar(name), set()).add(country["id"])
    capitals = {normalize_ar(n): c["capital"]["id"] for c in DATA["countries"] if c.get("capital")
                for n in c["capital"]["ar"]}
    clashes = {form: ids for form, ids in owners.items() if len(ids) > 1}
    assert clashes == {}
    shadowed = {form: (capital, owners[form]) for form, capital in capitals.items() if form in owners}
    assert shadowed == {normalize_ar("عمّان"): ("amman", {"oman"})}


# ---------------------------------------------------------------- resolutions

@pytest.mark.parametrize(("phrase", "entry_id"), [
    # Yemen
    ("الحوثيين", "houthis"),
    ("الحوثيون", "houthis"),
    ("ميليشيات الحوثي", "houthis"),
    ("المتمردين الحوثيين", "houthis"),
    ("جماعة أنصار الله", "houthis"),
    ("التحالف العربي", "saudi_led_coalition"),
    ("قوات التحالف العربي", "saudi_led_coalition"),
    ("تحالف دعم الشرعية", "saudi_led_coalition"),
    ("والتحالف العربي", "saudi_led_coalition"),  # proclitic on the first word
    ("التحالف الدولي", "coalition"),  # the Global Coalition keeps its names
    ("عبد ربه منصور هادي", "hadi"),
    ("عبدربه منصور هادي", "hadi"),
    ("علي عبدالله صالح", "ali_abdullah_saleh"),
    ("علي عبد الله صالح", "ali_abdullah_saleh"),
    ("عبد الملك الحوثي", "abdul_malik_al_houthi"),
    ("المقاومة الشعبية", "popular_resistance_yemen"),
    ("تنظيم القاعدة في جزيرة العرب", "aqap"),
    ("إسماعيل ولد الشيخ أحمد", "ould_cheikh_ahmed"),
    ("خالد بحاح", "khaled_bahah"),
    ("الحكومة اليمنية", "yemen"),
    ("الحكومة اليمنية الشرعية", "yemen"),
    ("عدن", "aden"),
    ("بتعز", "taiz"),
    ("مأرب", "marib"),
    ("نجران", "najran"),
    # Saudi Arabia and the Gulf
    ("الملك سلمان", "king_salman"),
    ("الملك سلمان بن عبدالعزيز", "king_salman"),
    ("محمد بن سلمان", "mohammed_bin_salman"),
    ("محمد بن نايف", "mohammed_bin_nayef"),
    ("عادل الجبير", "adel_al_jubeir"),
    ("مجلس التعاون الخليجي", "gcc"),
    ("مجلس التعاون لدول الخليج العربية", "gcc"),
    ("مركز الملك سلمان للإغاثة والأعمال الإنسانية", "ksrelief"),
    ("وكالة الأنباء السعودية", "spa"),
    # Syria
    ("نظام الأسد", "syria"),
    ("الجيش السوري الحر", "fsa"),
    ("جبهة النصرة", "nusra_front"),
    ("حركة أحرار الشام", "ahrar_al_sham"),
    ("جيش الفتح", "army_of_conquest"),
    ("وحدات حماية الشعب الكردية", "ypg"),
    ("المرصد السوري لحقوق الإنسان", "sohr"),
    ("هيئة التنسيق الوطنية", "syrian_ncc"),
    ("لجنة العلاقات الخارجية بمجلس الشيوخ", "us_senate_foreign_relations"),
    ("الائتلاف الوطني السوري", "syrian_national_coalition"),
    ("حزب الله", "hezbollah"),
    ("حلب", "aleppo"),
    ("الزبداني", "zabadani"),
    ("ستيفان دي ميستورا", "de_mistura"),
    # Iraq
    ("حيدر العبادي", "abadi"),
    ("الحشد الشعبي", "pmf"),
    ("قوات البيشمركة", "peshmerga"),
    ("الرمادي", "ramadi"),
    # Libya, Egypt, Nigeria, Afghanistan, Turkey
    ("خليفة حفتر", "haftar"),
    ("الجيش الوطني الليبي", "lna"),
    ("فجر ليبيا", "libya_dawn"),
    ("المؤتمر الوطني العام", "libya_gnc"),
    ("مجلس النواب الليبي", "libya_hor"),
    ("برناردينو ليون", "bernardino_leon"),
    ("بنغازي", "benghazi"),
    ("عبد الفتاح السيسي", "sisi"),
    ("أنصار بيت المقدس", "sinai_province"),
    ("ولاية سيناء", "sinai_province"),
    ("جماعة الإخوان المسلمين", "muslim_brotherhood"),
    ("بوكو حرام", "boko_haram"),
    ("الملا عمر", "mullah_omar"),
    ("أختر منصور", "akhtar_mansour"),
    ("حركة طالبان", "taliban"),
    ("حزب العمال الكردستاني", "pkk"),
    ("أحمد داود أوغلو", "davutoglu"),
    ("قاعدة إنجرليك", "incirlik"),
    # the Iran deal and the UN
    ("جون كيري", "kerry"),
    ("مجموعة 5+1", "p5_plus_1"),
    ("الدول الست الكبرى", "p5_plus_1"),
    ("محمد جواد ظريف", "zarif"),
    ("الوكالة الدولية للطاقة الذرية", "iaea"),
    ("بان كي مون", "ban_ki_moon"),
    ("سيرغي لافروف", "lavrov"),
    ("منظمة التعاون الإسلامي", "oic"),
])
def test_region_resolutions(gaz: Gazetteer, phrase: str, entry_id: str) -> None:
    entry = gaz.lookup(phrase)
    assert entry is not None, phrase
    assert _id(entry) == entry_id


@pytest.mark.parametrize("phrase", [
    # ordinary words, titles, and names shared by several actors or countries
    "الحوثي", "المقاومة", "المعارضة", "النظام", "الجيش الوطني",
    "الحكومة الشرعية", "حزب العمال", "حزب العدالة والتنمية", "الإخوان", "النصرة", "القاعدة",
    "خادم الحرمين الشريفين", "ولي العهد", "ولي ولي العهد", "الرئيس المخلوع", "الحرس الوطني",
    "الحرس الجمهوري", "مجلس الوزراء", "وزارة الداخلية", "مجلس النواب", "مجلس الشورى",
    "مرسي", "مبارك", "غني", "ليون", "كارتر", "كلينتون", "هادي", "صالح", "العربية", "الأناضول",
    "للحج", "فسرت", "دوما", "حماة", "تدمر", "حجة", "إب", "صلاح الدين", "ولد الشيخ", "أنصار الشريعة",
])
def test_region_ordinary_words_and_shared_names_do_not_resolve(gaz: Gazetteer, phrase: str) -> None:
    assert gaz.lookup(phrase) is None
    assert gaz.find(phrase.split()) == []


def test_region_longest_name_wins_in_a_sentence(gaz: Gazetteer) -> None:
    words = "قصفت طائرات التحالف العربي مواقع للحوثيين في تعز و مأرب".split()
    got = [(" ".join(words[m.start:m.end]), _id(m.entry)) for m in gaz.find(words)]
    assert got == [("التحالف العربي", "saudi_led_coalition"), ("للحوثيين", "houthis"),
                   ("تعز", "taiz"), ("مأرب", "marib")]
    words = "التقى جون كيري و محمد جواد ظريف ممثلي مجموعة 5+1".split()
    got = [_id(m.entry) for m in gaz.find(words)]
    assert got == ["kerry", "zarif", "p5_plus_1"]


@pytest.mark.parametrize(("sentence", "expected"), [
    # the title stays outside the name, for the titles step
    ("قال الرئيس اليمني عبد ربه منصور هادي", [("عبد ربه منصور هادي", "hadi")]),
    ("التقى الأمير محمد بن سلمان", [("محمد بن سلمان", "mohammed_bin_salman")]),
    ("قوات الرئيس المخلوع علي عبدالله صالح", [("علي عبدالله صالح", "ali_abdullah_saleh")]),
    ("أعلن العميد أحمد عسيري", [("أحمد عسيري", "ahmed_asiri")]),
    # the relation stays outside the name, for the relations step
    ("قصف التحالف العربي بقيادة السعودية المطار",
     [("التحالف العربي", "saudi_led_coalition"), ("السعودية", "saudi_arabia")]),
    # a son's name is not his father's
    ("افتتح الأمير سلطان بن سلمان بن عبدالعزيز المعرض",
     [("سلطان بن سلمان بن عبدالعزيز", "sultan_bin_salman")]),
])
def test_region_names_leave_titles_and_relations_outside(gaz: Gazetteer, sentence: str, expected: list) -> None:
    words = sentence.split()
    assert [(" ".join(words[m.start:m.end]), _id(m.entry)) for m in gaz.find(words)] == expected


def test_region_classes_relations_and_roles(gaz: Gazetteer) -> None:
    cls = {i: gaz.entry((PLACE if i in {"aden", "aleppo"} else ACTOR) + i).cls
           for i in ("houthis", "saudi_led_coalition", "hadi", "gcc", "nusra_front", "aden", "aleppo")}
    assert cls == {"houthis": "ArmedGroup", "saudi_led_coalition": "Organization", "hadi": "Person",
                   "gcc": "Organization", "nusra_front": "ArmedGroup", "aden": "Place", "aleppo": "Place"}
    assert gaz.entry(ACTOR + "saudi_led_coalition").led_by == ACTOR + "saudi_arabia"
    assert gaz.entry(ACTOR + "coalition").led_by == ACTOR + "usa"
    assert gaz.entry(ACTOR + "nusra_front").part_of == ACTOR + "al_qaeda"
    assert gaz.entry(ACTOR + "aqap").part_of == ACTOR + "al_qaeda"
    assert gaz.entry(ACTOR + "sinai_province").part_of == ACTOR + "isis"
    assert gaz.entry(PLACE + "aden").part_of == ACTOR + "yemen"
    [president] = gaz.entry(ACTOR + "hadi").titles
    assert (president.title_en, president.of, president.since) == ("President of Yemen", ACTOR + "yemen", "2012-02-25")
    king = [r for r in gaz.entry(ACTOR + "king_salman").titles if r.title_en == "King of Saudi Arabia"]
    assert [(r.since, r.until) for r in king] == [("2015-01-23", None)]
    assert gaz.entry(ACTOR + "ban_ki_moon").same_as == ("http://www.wikidata.org/entity/Q1253",)


# ---------------------------------------------------------------- the counting script

def _corpus(root: Path) -> None:
    """A tiny corpus in the SaudiNewsNet layout, one article of it a 'dev' article."""
    (root / "corpus" / "saudinewsnet").mkdir(parents=True)
    (root / "devset").mkdir()
    (root / "devset" / "dev-01.meta.json").write_text(json.dumps({"url": "http://x/dev"}), encoding="utf-8")
    articles = [
        {"url": "http://x/1", "title": "خبر", "content": "قصفت قوات التحالف العربي مواقع ميليشيات الحوثي ."},
        {"url": "http://x/2", "title": "خبر", "content": "وقال الرئيس اليمني عبد ربه منصور هادي إن قوات التحالف العربي تقدمت ."},
        {"url": "http://x/dev", "title": "خبر", "content": "جبهة الدمى جبهة الدمى جبهة الدمى"},
    ]
    with zipfile.ZipFile(root / "corpus" / "saudinewsnet" / "2015-07-21.zip", "w") as archive:
        archive.writestr("2015-07-21.json", json.dumps(articles, ensure_ascii=False))


def test_count_script_skips_dev_articles_and_is_deterministic(tmp_path: Path, monkeypatch, capsys) -> None:
    _corpus(tmp_path)
    monkeypatch.setenv("KG_SHARED", str(tmp_path))
    outputs = []
    for _ in range(2):
        assert counter.main(["--top", "50", "--min-count", "1", "--mark"]) == 0
        outputs.append(capsys.readouterr())
    assert outputs[0].out == outputs[1].out
    rows = [line.split("\t") for line in outputs[0].out.splitlines()]
    counts = {phrase: int(n) for phrase, n, _ in rows}
    marks = {phrase: mark for phrase, _, mark in rows}
    assert counts[normalize_ar("قوات التحالف العربي")] == 2
    assert marks[normalize_ar("قوات التحالف العربي")] == "saudi_led_coalition"
    assert marks[normalize_ar("ميليشيات الحوثي")] == "houthis"
    assert counts[normalize_ar("عبد ربه منصور هادي")] == 1  # a name after a title
    assert not any("الدمي" in phrase for phrase in counts)  # the dev article is never read
    assert [n for _, n, _ in rows] == sorted((n for _, n, _ in rows), key=lambda n: -int(n))
    assert "articles read: 2 (dev articles skipped: 1)" in outputs[0].err
    assert "resolved by the gazetteer" in outputs[0].err


def test_count_script_counts_given_phrases(tmp_path: Path, monkeypatch, capsys) -> None:
    _corpus(tmp_path)
    monkeypatch.setenv("KG_SHARED", str(tmp_path))
    phrases = tmp_path / "phrases.txt"
    phrases.write_text("التحالف العربي\nالحوثي\nجبهة الدمى\nمجموعة 5+1\n", encoding="utf-8")
    assert counter.main(["--phrases", str(phrases)]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [(name, n) for _, name, n in rows] == [
        ("التحالف العربي", "2"), ("الحوثي", "1"), ("جبهة الدمى", "0"), ("مجموعة 5+1", "-")]
