"""Tests for kg.evaluate: gold facts against hand-written graphs.

The fixtures in tests/data/eval/ are invented: ``outputs/graph.trig`` holds two
small article graphs and an ontology graph, ``gold/*.json`` the facts asked of
them. Every expected outcome below was worked out by reading those two files.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

from kg.evaluate import EvalError, Report, evaluate, format_report, load_gold, run_eval

DATA = Path(__file__).parent / "data" / "eval"
TRIG = DATA / "outputs" / "graph.trig"
GOLD = sorted((DATA / "gold").glob("*.json"))
SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
KGR = "https://w3id.org/ankg/id/"


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(GOLD, DATA / "outputs")


def _by_id(report: Report) -> dict[str, bool]:
    return {r.fact_id: r.passed for r in report.results}


# fact id, holds?, a fragment the detail must contain (failures only)
FACT_TABLE = [
    ("e01-01", True, None),  # diacritics in the graph label
    ("e01-02", True, None),  # أ/ا and ة/ه
    ("e01-03", True, None),  # English case
    ("e01-04", True, None),  # kg:City under kg:Place
    ("e01-05", True, None),  # en_alt
    ("e01-06", True, None),  # English skos:altLabel
    ("e01-07", True, None),  # Arabic skos:altLabel, ى/ي
    ("e01-08", True, None),  # diacritics in the gold spelling
    ("e01-09", True, None),
    ("e01-10", True, None),
    ("e01-11", False, "has 'رئيسة الوزراء'"),
    ("e01-12", True, None),  # nested topic + force + month prefix
    ("e01-13", True, None),  # three levels of topic
    ("e01-14", True, None),  # PhoneCall satisfies Meeting
    ("e01-15", False, "kg:date is 2021-03, want 2021-04"),
    ("e01-16", True, None),  # negative polarity, force without count
    ("e01-17", True, None),
    ("e01-18", False, "missing kg:party Egypt"),
    ("e01-19", False, "no kg:polarity kg:Negative"),
    ("e01-20", False, "kg:troopCount is 400, want 999"),
    ("e01-21", False, "kg:topic is kg:Agreement, not kg:Withdrawal"),
    ("e01-22", False, "missing kg:origin France (has Jordan)"),
    ("e01-23", False, "no node of class kg:Vote"),
    ("e01-24", True, None),
    ("e01-25", True, None),
    ("e01-26", False, "kg:location is Jordan, want Amman"),
    ("e01-27", True, None),  # absent, and indeed absent
    ("e01-28", True, None),
    ("e01-29", False, "no France kg:ledBy Northern Alliance Forces"),
    ("e01-30", True, None),  # absent entity
    ("e01-31", False, "is kg:Person, not kg:Country"),
    ("e01-32", False, "must be absent but the graph has it: matched kgr:article/e01_alpha/event/3"),
    ("e01-33", False, "Karim Nassar has no kg:title"),
    ("e01-34", False, "no node labelled Syria"),
    ("e02-01", True, None),  # year-only date
    ("e02-02", False, "no node of class kg:Agreement"),  # only in e01's graph
    ("e02-03", True, None),  # absent here although e01's graph has it
    ("e02-04", True, None),
]


@pytest.mark.parametrize(("fact_id", "holds", "fragment"), FACT_TABLE)
def test_evaluate_fact_outcome(report: Report, fact_id: str, holds: bool, fragment: str | None) -> None:
    result = next(r for r in report.results if r.fact_id == fact_id)
    assert result.passed is holds, result.detail
    if fragment is not None:
        assert fragment in result.detail


def test_evaluate_covers_every_fact_in_order(report: Report) -> None:
    assert [r.fact_id for r in report.results] == [row[0] for row in FACT_TABLE]
    assert report.articles() == ["e01_alpha", "e02_beta"]


def test_evaluate_recall_and_absent_violations(report: Report) -> None:
    # 20 of 34 hold in e01 (see FACT_TABLE), 3 of 4 in e02.
    assert report.recall("e01_alpha") == pytest.approx(20 / 34)
    assert report.recall("e02_beta") == pytest.approx(3 / 4)
    assert report.recall() == pytest.approx(23 / 38)
    assert [r.fact_id for r in report.absent_violations] == ["e01-32"]
    assert report.recall("no_such_article") == 0.0


def _outputs_variant(kind: str, tmp_path: Path) -> Path:
    """The fixture dataset in each layout evaluate() accepts."""
    dataset = Dataset()
    dataset.parse(TRIG, format="trig")
    if kind == "trig-dir":
        return DATA / "outputs"
    if kind == "trig-file":
        return TRIG
    if kind == "ttl-union-dir":
        union = Graph()
        for s, p, o, _ in dataset.quads():
            union.add((s, p, o))
        union.serialize(tmp_path / "graph.ttl", format="turtle")
        return tmp_path
    assert kind == "articles-dir"
    (tmp_path / "articles").mkdir()
    for article in ("e01_alpha", "e02_beta"):
        # Per-article files carry no ontology, so the hierarchy comes from the ontology file.
        dataset.graph(URIRef(f"{KGR}graph/{article}")).serialize(
            tmp_path / "articles" / f"{article}.ttl", format="turtle")
    return tmp_path


@pytest.mark.parametrize(("kind", "scoped"), [
    ("trig-dir", True), ("articles-dir", True), ("trig-file", False), ("ttl-union-dir", False)])
def test_evaluate_scopes_articles_by_layout(tmp_path: Path, report: Report, kind: str, scoped: bool) -> None:
    ontology = _ontology_file(tmp_path) if kind == "articles-dir" else None
    got = _by_id(evaluate(GOLD, _outputs_variant(kind, tmp_path), ontology=ontology))
    # e01 facts do not depend on e02's graph, so they read the same in every layout.
    assert {k: v for k, v in got.items() if k.startswith("e01")} == \
        {k: v for k, v in _by_id(report).items() if k.startswith("e01")}
    # With the whole graph, e02 sees e01's agreement and force.
    assert got["e02-02"] is not scoped
    assert got["e02-03"] is scoped


def _ontology_file(tmp_path: Path, with_subclasses: bool = True) -> Path:
    path = tmp_path / ("ontology.ttl" if with_subclasses else "empty.ttl")
    dataset = Dataset()
    dataset.parse(TRIG, format="trig")
    graph = dataset.graph(URIRef(f"{KGR}graph/ontology")) if with_subclasses else Graph()
    graph.serialize(path, format="turtle")
    return path


@pytest.mark.parametrize(("with_subclasses", "phone_call_is_meeting"), [(True, True), (False, False)])
def test_evaluate_reads_hierarchy_from_ontology_file(tmp_path: Path, with_subclasses: bool,
                                                     phone_call_is_meeting: bool) -> None:
    outputs = _outputs_variant("articles-dir", tmp_path)
    got = _by_id(evaluate(GOLD, outputs, ontology=_ontology_file(tmp_path, with_subclasses)))
    assert got["e01-14"] is phone_call_is_meeting  # PhoneCall under Meeting
    assert got["e01-04"] is phone_call_is_meeting  # City under Place
    assert got["e01-15"] is False  # wrong month either way


def test_evaluate_article_without_graph(tmp_path: Path) -> None:
    gold = json.loads((DATA / "gold" / "e02_beta.json").read_text(encoding="utf-8"))
    gold["article"] = "e99_missing"
    path = tmp_path / "e99_missing.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    results = evaluate([path], DATA / "outputs").results
    # Only the absent fact holds against an empty graph.
    assert [r.passed for r in results] == [False, False, True, False]
    assert "no named graph kgr:graph/e99_missing" in results[0].detail


def test_format_report_lines(report: Report) -> None:
    text = format_report(report)
    assert "PASS e01-01  Diacritics in the graph label are ignored." in text
    assert "FAIL e01-15  Wrong month." in text
    assert "FAIL e01-32 (absent)  An absent fact the graph does contain." in text
    assert "recall e01_alpha: 20/34 = 0.588" in text
    assert "recall e02_beta: 3/4 = 0.750" in text
    assert "total recall: 23/38 = 0.605" in text
    assert text.endswith("absent-fact violations: 1")
    short = format_report(report, verbose=False)
    assert "PASS" not in short and "FAIL e01-15" in short and "total recall: 23/38" in short


VALID = {
    "article": "x1",
    "entities": {"jo": {"type": "Country", "en": "Jordan", "ar": ["الأردن"]}},
    "facts": [{"id": "x1-1", "kind": "entity", "entity": "jo", "question": "?"}],
}


def _with(fact: dict | None = None, **top: object) -> dict:
    doc = json.loads(json.dumps(VALID))
    doc.update(top)
    if fact is not None:
        doc["facts"] = [{"id": "x1-1", "question": "?", **fact}]
    return doc


BAD_GOLD = [
    ([], "top level must be a JSON object"),
    ({"article": "x1", "entities": {}}, "missing key 'facts'"),
    (_with(article=""), "'article' must be a non-empty string"),
    (_with(entities={"jo": {"type": "Country", "ar": []}}), "entity 'jo': missing key 'en'"),
    (_with(entities={"jo": {"type": "Country", "en": "Jordan", "ar": "الأردن"}}), "'ar' must be a list of strings"),
    (_with({"kind": "entity", "entity": "joo"}), "unknown entity key 'joo' in entity (known: jo)"),
    (_with({"kind": "evnt", "type": "Meeting"}), "unknown kind 'evnt'"),
    (_with({"kind": "event", "type": "Meeting", "role": {"party": ["jo"]}}), "unknown key 'role'"),
    (_with({"kind": "event", "type": "Meeting", "roles": {"partee": ["jo"]}}), "unknown role 'partee'"),
    (_with({"kind": "event", "type": "Meeting", "roles": {"party": ["jo", "us"]}}),
     "unknown entity key 'us' in roles.party"),
    (_with({"kind": "event", "type": "Meeting", "date": "03/2021"}), "'date' must look like"),
    (_with({"kind": "event", "type": "Meeting", "polarity": "no"}), "'polarity' must be one of"),
    (_with({"kind": "event", "type": "Meeting", "force": {"of": "jo", "count": "500"}}),
     "force.count must be a non-negative integer"),
    (_with({"kind": "event", "type": "Meeting", "topic": {"kind": "event", "type": "Withdrawal",
                                                          "roles": {"origin": ["iq"]}}}),
     "topic: unknown entity key 'iq' in roles.origin"),
    (_with({"kind": "event", "type": "Meeting", "topic": {"kind": "entity", "entity": "jo"}}),
     "a topic must be of kind 'event'"),
    (_with({"kind": "event", "type": "Meeting", "force": {}}), "'force' must be an object with 'of' and/or 'count'"),
    (_with({"kind": "force", "of": "jo"}), "missing key 'count' for kind 'force'"),
    (_with({"kind": "force", "location": "jo"}), "missing key 'count' for kind 'force'"),
    (_with({"kind": "force", "of": "jo", "count": True}), "count must be a non-negative integer"),
    (_with({"kind": "title", "entity": "jo"}), "missing key 'title_ar'"),
    (_with({"kind": "relation", "subject": "jo", "predicate": "led by", "object": "jo"}),
     "'predicate' must be a property name"),
    (_with(facts=[VALID["facts"][0], VALID["facts"][0]]), "fact x1-1: duplicate id"),
    (_with(facts=[{"id": "x1-1", "kind": "entity", "entity": "jo"}]), "missing 'question'"),
    (_with({"kind": "entity", "entity": "jo", "absent": "yes"}), "'absent' must be true or false"),
]


@pytest.mark.parametrize(("document", "fragment"), BAD_GOLD)
def test_load_gold_rejects_bad_document(tmp_path: Path, document: object, fragment: str) -> None:
    path = tmp_path / "x1.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(EvalError) as caught:
        load_gold(path)
    assert caught.value.code == "E701"
    assert fragment in str(caught.value)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(("text", "fragment"), [
    ('{"article": "x1", "entities": {}, "facts": [}', "not valid JSON (line 1"),
    ("", "not valid JSON"),
])
def test_load_gold_rejects_bad_json(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "x1.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EvalError, match=r"\[E701\]") as caught:
        load_gold(path)
    assert fragment in str(caught.value)


def test_load_gold_accepts_valid_and_missing_file_is_e701(tmp_path: Path) -> None:
    path = tmp_path / "x1.json"
    path.write_text(json.dumps(VALID, ensure_ascii=False), encoding="utf-8")
    assert load_gold(path) == VALID
    with pytest.raises(EvalError, match=r"\[E701\] eval: cannot read gold file"):
        load_gold(tmp_path / "nope.json")


@pytest.mark.parametrize(("setup", "code"), [
    (lambda d: d, "E702"),  # empty directory
    (lambda d: d / "missing.ttl", "E702"),
    (lambda d: (d / "broken.ttl").write_text("<a> <b> .", encoding="utf-8") and d / "broken.ttl", "E703"),
])
def test_evaluate_rejects_unreadable_outputs(tmp_path: Path, setup, code: str) -> None:
    with pytest.raises(EvalError) as caught:
        evaluate(GOLD, setup(tmp_path))
    assert caught.value.code == code


def _shared_gold() -> list[Path]:
    return sorted((SHARED / "gold").glob("*.json"))


@pytest.mark.skipif(not _shared_gold(), reason="../shared/gold not present (set KG_SHARED)")
@pytest.mark.parametrize("path", _shared_gold(), ids=lambda p: p.stem)
def test_evaluate_shared_gold_against_empty_graph(tmp_path: Path, path: Path) -> None:
    gold = load_gold(path)
    assert gold["article"] == path.stem
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    report = evaluate([path], empty)
    # Nothing is in an empty graph: exactly the absent facts hold.
    absent = [f["id"] for f in gold["facts"] if f.get("absent")]
    assert [r.fact_id for r in report.results if r.passed] == absent
    assert report.recall() == pytest.approx(len(absent) / len(gold["facts"]))


@pytest.mark.parametrize(("gold", "outputs", "min_recall", "code"), [
    ([str(p) for p in GOLD], str(DATA / "outputs"), None, 0),
    ([str(p) for p in GOLD], str(DATA / "outputs"), 0.5, 0),  # recall 23/38 = 0.605
    ([str(p) for p in GOLD], str(DATA / "outputs"), 0.7, 1),
    ([str(DATA / "gold")], str(DATA / "outputs"), 0.7, 1),  # a directory of gold files
    ([str(DATA / "gold" / "e0*.json")], str(DATA / "outputs"), None, 0),  # an unexpanded glob
    ([str(p) for p in GOLD], str(DATA / "nowhere"), None, 2),
    ([str(DATA / "gold" / "nope.json")], str(DATA / "outputs"), None, 2),
    ([str(DATA / "gold" / "zz*.json")], str(DATA / "outputs"), None, 2),
])
def test_run_eval_exit_code(capsys: pytest.CaptureFixture[str], gold: list[str], outputs: str,
                            min_recall: float | None, code: int) -> None:
    assert run_eval(gold, outputs, min_recall) == code
    captured = capsys.readouterr()
    if code == 2:
        assert "[E70" in captured.err and captured.out == ""
    else:
        assert "total recall: 23/38 = 0.605" in captured.out


# ------------------------------------------------- positive polarity, forces without an owner
#
# FORMAT.md: an event with "polarity": "positive" matches only a node with NO
# kg:polarity kg:Negative (so an absent positive event is not failed by a
# correctly negated one); a force fact is "a kg:MilitaryForce node with
# kg:troopCount equal to count, and, if given, kg:forceOf matching of and
# kg:location matching location" (an absent force usually gives only the
# count: no force of that count may exist, whoever owns it).
#
# The invented graph: the IDF's withdrawal is negated (event/0); the US
# withdrawal from Iraq is not (event/1) and moves force/0 (500 US troops in
# Iraq); force/1 is 100 Hezbollah fighters, no place; force/2 is 7 troops of
# no stated owner.

POLARITY_FORCE_TTL = """\
@prefix kg: <https://w3id.org/ankg/ontology#> .
@prefix kgr: <https://w3id.org/ankg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

kgr:actor\\/usa a kg:Country ; rdfs:label "United States"@en, "الولايات المتحدة"@ar .
kgr:actor\\/iraq a kg:Country ; rdfs:label "Iraq"@en, "العراق"@ar .
kgr:actor\\/idf a kg:Organization ; rdfs:label "Israel Defense Forces"@en, "الجيش الإسرائيلي"@ar .
kgr:actor\\/hezbollah a kg:Organization ; rdfs:label "Hezbollah"@en, "حزب الله"@ar .

kgr:article\\/e03_gamma\\/event\\/0 a kg:Withdrawal ;
    kg:agent kgr:actor\\/idf ; kg:polarity kg:Negative .
kgr:article\\/e03_gamma\\/event\\/1 a kg:Withdrawal ;
    kg:agent kgr:actor\\/usa ; kg:origin kgr:actor\\/iraq ;
    kg:force kgr:article\\/e03_gamma\\/force\\/0 .
kgr:article\\/e03_gamma\\/force\\/0 a kg:MilitaryForce ;
    kg:forceOf kgr:actor\\/usa ; kg:troopCount 500 ; kg:location kgr:actor\\/iraq .
kgr:article\\/e03_gamma\\/force\\/1 a kg:MilitaryForce ;
    kg:forceOf kgr:actor\\/hezbollah ; kg:troopCount 100 .
kgr:article\\/e03_gamma\\/force\\/2 a kg:MilitaryForce ; kg:troopCount 7 .
"""

POLARITY_FORCE_GOLD = {
    "article": "e03_gamma",
    "published": None,
    "entities": {
        "usa": {"type": "Country", "en": "United States", "ar": ["الولايات المتحدة"]},
        "iraq": {"type": "Country", "en": "Iraq", "ar": ["العراق"]},
        "idf": {"type": "Organization", "en": "Israel Defense Forces", "ar": ["الجيش الاسرائيلي"]},
        "hezbollah": {"type": "Organization", "en": "Hezbollah", "ar": ["حزب الله"]},
    },
    "facts": [
        {"id": "p-1", "kind": "event", "type": "Withdrawal", "roles": {"agent": ["usa"]}, "polarity": "positive"},
        {"id": "p-2", "kind": "event", "type": "Withdrawal", "roles": {"agent": ["idf"]}, "polarity": "positive"},
        {"id": "p-3", "kind": "event", "type": "Withdrawal", "roles": {"agent": ["idf"]}, "polarity": "positive",
         "absent": True},
        {"id": "p-4", "kind": "event", "type": "Withdrawal", "roles": {"agent": ["usa"]}, "polarity": "positive",
         "absent": True},
        {"id": "p-5", "kind": "event", "type": "Withdrawal", "roles": {"agent": ["idf"]}, "polarity": "negative"},
        {"id": "f-1", "kind": "force", "count": 500},
        {"id": "f-2", "kind": "force", "count": 100},
        {"id": "f-3", "kind": "force", "count": 7},
        {"id": "f-4", "kind": "force", "count": 100, "absent": True},
        {"id": "f-5", "kind": "force", "count": 15, "absent": True},
        {"id": "f-6", "kind": "force", "count": 500, "location": "iraq"},
        {"id": "f-7", "kind": "force", "count": 100, "location": "iraq"},
        {"id": "f-8", "kind": "force", "of": "usa", "count": 100},
        {"id": "f-9", "kind": "force", "count": 999},
        {"id": "e-1", "kind": "event", "type": "Withdrawal", "force": {"count": 500}},
    ],
}
for _fact in POLARITY_FORCE_GOLD["facts"]:
    _fact["question"] = _fact["id"]

# fact id, holds?, a fragment the detail must contain; worked out from the graph above.
POLARITY_FORCE_TABLE = [
    ("p-1", True, "matched kgr:article/e03_gamma/event/1"),  # the US withdrawal is not negated
    ("p-2", False, "has kg:polarity kg:Negative"),  # the IDF's only withdrawal is negated
    ("p-3", True, "absent, as required"),  # ... so the absent positive one holds
    ("p-4", False, "must be absent but the graph has it: matched kgr:article/e03_gamma/event/1"),
    ("p-5", True, "matched kgr:article/e03_gamma/event/0"),
    ("f-1", True, "matched kgr:article/e03_gamma/force/0"),  # owned by the US
    ("f-2", True, "matched kgr:article/e03_gamma/force/1"),  # owned by Hezbollah
    ("f-3", True, "matched kgr:article/e03_gamma/force/2"),  # no owner at all
    ("f-4", False, "must be absent but the graph has it: matched kgr:article/e03_gamma/force/1"),
    ("f-5", True, "absent, as required"),  # no force of 15, whoever's
    ("f-6", True, "matched kgr:article/e03_gamma/force/0"),
    # The 100 are nowhere stated, the 500 in Iraq are not 100. (Each candidate
    # meets one of the two conditions, so which one is "closest" is a tie; only
    # the wanted part of the detail is checked.)
    ("f-7", False, "no kg:MilitaryForce × 100 in Iraq; closest"),
    ("f-8", False, "no kg:MilitaryForce of United States × 100; closest"),  # a given owner is still checked
    ("f-9", False, "want 999"),
    ("e-1", True, "matched kgr:article/e03_gamma/event/1"),  # an event's force with a count only
]


@pytest.fixture(scope="module")
def polarity_force_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    tmp = tmp_path_factory.mktemp("polarity_force")
    graph = tmp / "graph.ttl"
    graph.write_text(POLARITY_FORCE_TTL, encoding="utf-8")
    gold = tmp / "e03_gamma.json"
    gold.write_text(json.dumps(POLARITY_FORCE_GOLD, ensure_ascii=False), encoding="utf-8")
    return evaluate([gold], graph)


@pytest.mark.parametrize(("fact_id", "holds", "fragment"), POLARITY_FORCE_TABLE)
def test_evaluate_positive_polarity_and_force_without_owner(polarity_force_report: Report, fact_id: str,
                                                            holds: bool, fragment: str) -> None:
    result = next(r for r in polarity_force_report.results if r.fact_id == fact_id)
    assert result.passed is holds, result.detail
    assert fragment in result.detail


def test_evaluate_positive_polarity_and_force_without_owner_recall(polarity_force_report: Report) -> None:
    assert [r.fact_id for r in polarity_force_report.results] == [row[0] for row in POLARITY_FORCE_TABLE]
    # 9 of 15 hold (see POLARITY_FORCE_TABLE); p-4 and f-4 are the absent facts the graph contains.
    assert polarity_force_report.recall() == pytest.approx(9 / 15)
    assert [r.fact_id for r in polarity_force_report.absent_violations] == ["p-4", "f-4"]


@pytest.mark.parametrize("fact", [
    {"kind": "force", "count": 15},
    {"kind": "force", "count": 15, "absent": True},
    {"kind": "force", "count": 15, "location": "jo"},
    {"kind": "event", "type": "Withdrawal", "polarity": "positive"},
    {"kind": "event", "type": "Withdrawal", "force": {"count": 15}},
])
def test_load_gold_accepts_positive_polarity_and_force_without_owner(tmp_path: Path, fact: dict) -> None:
    path = tmp_path / "x1.json"
    path.write_text(json.dumps(_with(fact), ensure_ascii=False), encoding="utf-8")
    assert load_gold(path)["facts"][0]["kind"] == fact["kind"]
