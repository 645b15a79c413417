"""kg.query on the hand-written fixture tests/data/query/graph.trig.

The expected answers below were worked out by reading the fixture, not by
running the queries: e.g. Iraq takes part in 8 events (party of the agreement,
origin of five withdrawals, place of the attack, and so on)."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest
import rdflib

from kg.errors import QueryError
from kg.query import (
    QUERIES_DIR,
    STORE_DIRNAME,
    build_store,
    compact_iri,
    format_table,
    list_named_queries,
    open_store,
    query_command,
    resolve_query,
    run_query,
)

FIXTURE = Path(__file__).parent / "data" / "query" / "graph.trig"
KGR = "https://w3id.org/ankg/id/"


def _rows(query: str, source: Path = FIXTURE) -> list[dict[str, str]]:
    """Answer rows as {variable: plain value}, from the CSV output."""
    return list(csv.DictReader(io.StringIO(run_query(source, query, fmt="csv"))))


@pytest.fixture()
def outputs(tmp_path: Path) -> Path:
    shutil.copy(FIXTURE, tmp_path / "graph.trig")
    return tmp_path


# ------------------------------------------------------------------ named queries

NAMED = ["agreements", "troop_levels", "withdrawal_statements", "timeline", "actors_by_events", "contradictions"]


def test_query_ships_the_named_queries() -> None:
    assert set(NAMED) <= {name for name, _ in list_named_queries()}


@pytest.mark.parametrize("name", sorted(p.stem for p in QUERIES_DIR.glob("*.rq")))
def test_query_named_query_has_header_and_rows(name: str) -> None:
    text = (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any(line.startswith("# title: ") for line in header)
    assert any(line.startswith("# answers: ") for line in header)
    assert len(_rows(name)) > 0


def test_query_agreements() -> None:
    (row,) = _rows("agreements")
    assert row["agreement"] == KGR + "article/q001/event/0"
    assert row["date"] == "2021-07-26"
    assert set(row["parties"].split("، ")) == {"العراق", "الولايات المتحدة"}
    assert row["place"] == "واشنطن"
    assert row["about"].endswith("#Withdrawal")
    assert row["article"] == KGR + "article/q001"


def test_query_troop_levels() -> None:
    got = [(r["country"], r["place"], r["troops"], r["date"]) for r in _rows("troop_levels")]
    assert got == [
        # q002's force has no dated event: the article's date is used.
        ("الولايات المتحدة", "العراق", "5200", "2020-01-08"),
        # q003's force belongs to the reduction dated September 2020.
        ("الولايات المتحدة", "العراق", "3000", "2020-09"),
        ("الولايات المتحدة", "العراق", "2500", "2021-07-27"),
    ]


def test_query_withdrawal_statements() -> None:
    got = [(r["speaker"], r["date"], r["topic"].rsplit("#", 1)[1], r["polarity"].rsplit("#", 1)[1])
           for r in _rows("withdrawal_statements")]
    assert got == [
        ("وزارة الدفاع الأمريكية", "2020-01-08", "Withdrawal", "Negative"),
        ("وزارة الدفاع الأمريكية", "2020-09-09", "Reduction", "Positive"),
        ("فصائل مسلحة عراقية", "2020-09-09", "Withdrawal", "Positive"),
        ("مصطفى الكاظمي", "2021-07-27", "Withdrawal", "Positive"),
    ]
    quotes = {r["speaker"]: r["quote"] for r in _rows("withdrawal_statements")}
    assert quotes["مصطفى الكاظمي"] == "لم تعد بحاجة إلى قوات قتالية أجنبية على أراضيها"  # kg:quote
    assert quotes["فصائل مسلحة عراقية"].startswith("وطالبت فصائل")  # no quote: the sentence


def test_query_timeline_is_ordered_with_specific_types() -> None:
    got = [(r["date"], r["type"].rsplit("#", 1)[1]) for r in _rows("timeline")]
    assert got == [
        ("2020-01-05", "Vote"), ("2020-01-07", "PhoneCall"), ("2020-01-08", "Attack"),
        ("2020-08-19", "Meeting"), ("2020-09", "Reduction"), ("2020-09-09", "Statement"),
        ("2021", "Withdrawal"), ("2021-07-26", "Agreement"), ("2021-07-27", "Statement"),
    ]


def test_query_actors_by_events() -> None:
    rows = _rows("actors_by_events")
    counts = [(r["actor"].rsplit("/", 1)[1], int(r["events"])) for r in rows]
    assert counts[:3] == [("iraq", 8), ("usa", 4), ("us-department-of-defense", 2)]
    assert [n for _, n in counts[3:]] == [1] * 7
    # Places (Washington, the air base) are not actors.
    assert not {"washington", "ain-al-asad"} & {name for name, _ in counts}
    assert set(rows[0]["roles"].split(", ")) == {"party", "origin", "location"}


def test_query_contradictions() -> None:
    rows = _rows("contradictions")
    assert Counter(r["conflict"] for r in rows) == {
        "withdrawal denied vs asserted": 3,  # q002's denial against q001/s2, q003/s1, q003/s2
        "reduction vs full withdrawal": 2,  # q003's reduction against q001/s2 and q003/s2
        "different troop counts": 1,  # 5200 vs 3000 in 2020; 2500 is from 2021
    }
    (troops,) = [r for r in rows if r["conflict"] == "different troop counts"]
    assert (troops["claim1"], troops["claim2"]) == ("5200 (2020-01-08)", "3000 (2020-09-09)")
    denied = [r for r in rows if r["conflict"].startswith("withdrawal denied")]
    assert {r["source1"] for r in denied} == {KGR + "article/q002/s2"}
    assert {r["source2"] for r in denied} == {KGR + f"article/{s}" for s in ("q001/s2", "q003/s1", "q003/s2")}


def test_query_contradictions_need_a_shared_actor_or_place(tmp_path: Path) -> None:
    # Without agent and origin, q002's denial shares nothing with the other
    # claims: no denial row, and no row may pick up a random node's label.
    text = FIXTURE.read_text(encoding="utf-8")
    old = "kg:agent <actor/usa> ;\n        kg:origin <actor/iraq> ;\n        kg:force <article/q002/force/0> ;"
    assert old in text
    graph = tmp_path / "graph.trig"
    graph.write_text(text.replace(old, "kg:force <article/q002/force/0> ;"), encoding="utf-8")
    rows = _rows("contradictions", graph)
    assert Counter(r["conflict"] for r in rows) == {"reduction vs full withdrawal": 2, "different troop counts": 1}
    assert {(r["subject"], r["place"]) for r in rows} == {("الولايات المتحدة", "العراق")}


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own use of its old APIs
@pytest.mark.parametrize("name", NAMED)
def test_query_named_queries_run_on_rdflib_too(name: str) -> None:
    # The .rq files are plain SPARQL 1.1: another engine gives the same rows.
    from kg.query import PREFIXES

    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(FIXTURE, format="trig")
    dataset.graph(rdflib.URIRef(KGR + "graph/ontology")).parse(QUERIES_DIR.parent / "kg.ttl", format="turtle")
    rdflib_rows = list(dataset.query(resolve_query(name), initNs=PREFIXES))
    assert len(rdflib_rows) == len(_rows(name))


# ------------------------------------------------------------------ run_query

def test_query_table_shows_plain_values() -> None:
    table = run_query(FIXTURE, "SELECT DISTINCT ?n ?label WHERE { ?f kg:troopCount ?n ; kg:forceOf/rdfs:label ?label "
                               "FILTER(LANG(?label) = 'ar') } ORDER BY ?n")
    lines = table.splitlines()
    assert lines[0].split() == ["n", "|", "label"]
    assert [line.split(" | ")[0].strip() for line in lines[2:5]] == ["2500", "3000", "5200"]
    assert "الولايات المتحدة" in lines[2]
    assert "^^" not in table and '"' not in table and "@ar" not in table
    assert lines[-1] == "(3 rows)"


def test_query_table_compacts_iris() -> None:
    table = run_query(FIXTURE, "SELECT ?v ?type WHERE { ?v a ?type FILTER(?type = kg:Vote) }")
    assert "kgr:article/q002/event/0 | kg:Vote" in table


def test_query_json_is_sparql_results() -> None:
    data = json.loads(run_query(FIXTURE, "SELECT ?n WHERE { ?f kg:troopCount ?n } ORDER BY ?n", fmt="json"))
    assert data["head"]["vars"] == ["n"]
    first = data["results"]["bindings"][0]["n"]
    assert first == {"type": "literal", "value": "2500", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}


@pytest.mark.parametrize("query, answer", [
    ("ASK { ?x a kg:PhoneCall }", "yes"),
    ("ASK { ?x a kg:Redeployment }", "no"),
    # The fixture has no ontology graph: open_store adds it, so subclasses are found.
    ("ASK { <https://w3id.org/ankg/id/article/q002/event/2> a/rdfs:subClassOf* kg:Meeting }", "yes"),
    ("ASK { GRAPH <https://w3id.org/ankg/id/graph/ontology> { kg:PhoneCall rdfs:subClassOf kg:Meeting } }", "yes"),
])
def test_query_ask(query: str, answer: str) -> None:
    assert run_query(FIXTURE, query) == answer


def test_query_construct_is_turtle() -> None:
    text = run_query(FIXTURE, "CONSTRUCT { ?a kg:troops ?n } WHERE { ?f kg:forceOf ?a ; kg:troopCount ?n }")
    graph = rdflib.Graph().parse(data=text, format="turtle")
    assert sorted(int(n) for n in graph.objects()) == [2500, 3000, 5200]


def test_query_declared_prefix_wins_over_the_default() -> None:
    # kg: redeclared to another namespace: nothing of ours matches.
    query = "PREFIX kg: <http://example.org/other#>\nSELECT ?x WHERE { ?x a kg:Vote }"
    assert _rows(query) == []


@pytest.mark.parametrize("source", ["file", "outputs"])
def test_query_union_has_each_triple_once(source: str, outputs: Path) -> None:
    # Iraq is described in all three article graphs; the union holds its two
    # labels once each (pyoxigraph's own union would give six: oxigraph#1919).
    rows = _rows("SELECT ?label WHERE { <https://w3id.org/ankg/id/actor/iraq> rdfs:label ?label } ORDER BY ?label",
                 FIXTURE if source == "file" else outputs)
    assert [r["label"] for r in rows] == ["Iraq", "العراق"]


def test_query_union_of_all_graphs() -> None:
    rows = _rows("SELECT DISTINCT ?article WHERE { ?article a kg:Article } ORDER BY ?article")
    assert [r["article"].rsplit("/", 1)[1] for r in rows] == ["q001", "q002", "q003"]


@pytest.mark.parametrize("limit, expected", [(0, 0), (2, 2), (100, 10)])
def test_query_limit(limit: int, expected: int) -> None:
    assert len(_rows_limited("SELECT ?s WHERE { ?s a kg:Sentence }", limit)) == expected


def _rows_limited(query: str, limit: int) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run_query(FIXTURE, query, fmt="csv", limit=limit))))


@pytest.mark.parametrize("query, code, words", [
    ("SELECT ?x WHERE { ?x ?p }", "E501", ["invalid SPARQL", "declared for you"]),
    ("no_such_query", "E502", ["agreements", "timeline"]),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "E506", ["read-only"]),
])
def test_query_errors(query: str, code: str, words: list[str]) -> None:
    with pytest.raises(QueryError) as info:
        run_query(FIXTURE, query)
    assert info.value.code == code
    assert all(word in str(info.value) for word in words)


@pytest.mark.parametrize("options, code", [({"fmt": "yaml"}, "E508"), ({"limit": -1}, "E509")])
def test_query_bad_options(options: dict[str, object], code: str) -> None:
    with pytest.raises(QueryError) as info:
        run_query(FIXTURE, "ASK {}", **options)
    assert info.value.code == code


@pytest.mark.parametrize("source", ["no/such/folder", "README.nothing"])
def test_query_missing_source(tmp_path: Path, source: str) -> None:
    with pytest.raises(QueryError) as info:
        open_store(tmp_path / source)
    assert info.value.code == "E503"


def test_query_unparsable_graph(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(QueryError) as info:
        open_store(broken)
    assert info.value.code == "E510"


# ------------------------------------------------------------------ resolve_query

def test_query_resolve_from_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("ASK { ?x a kg:Vote }", encoding="utf-8")
    assert resolve_query(str(path)) == "ASK { ?x a kg:Vote }"
    assert run_query(FIXTURE, str(path)) == "yes"


def test_query_resolve_named() -> None:
    assert resolve_query("timeline") == (QUERIES_DIR / "timeline.rq").read_text(encoding="utf-8")


# ------------------------------------------------------------------ the persistent store

def test_query_outputs_folder_builds_the_store(outputs: Path) -> None:
    assert run_query(outputs, "ASK { ?x a kg:Attack }") == "yes"
    assert (outputs / STORE_DIRNAME / "kg-source.json").is_file()
    assert not (outputs / (STORE_DIRNAME + ".tmp")).exists()


def test_query_store_is_reused_then_rebuilt_when_the_graph_changes(outputs: Path) -> None:
    open_store(outputs)
    stamp = outputs / STORE_DIRNAME / "kg-source.json"
    first = stamp.stat().st_mtime_ns
    open_store(outputs)
    assert stamp.stat().st_mtime_ns == first  # not rebuilt

    trig = outputs / "graph.trig"
    trig.write_text(trig.read_text(encoding="utf-8").replace("kg:troopCount 2500", "kg:troopCount 2600"),
                    encoding="utf-8")
    later = time.time() + 5  # mtime resolution on some file systems is coarse
    os.utime(trig, (later, later))
    assert "2600" in run_query(outputs, "SELECT ?n WHERE { ?f kg:troopCount ?n }")


def test_query_store_folder_and_two_readers(outputs: Path) -> None:
    build_store(outputs / "graph.trig", outputs / STORE_DIRNAME)
    # Two read-only openings at once: `kg serve` and `kg query` side by side.
    first = open_store(outputs)
    second = open_store(outputs / STORE_DIRNAME)
    query = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:Statement }"
    counts = [int(next(iter(s.query(query, prefixes={"kg": "https://w3id.org/ankg/ontology#"})))["n"].value)
              for s in (first, second)]
    assert counts == [4, 4]  # q001 e2, q002 e3, q003 e1 and e3


def test_query_build_store_replaces_an_old_store(outputs: Path) -> None:
    store_dir = outputs / "elsewhere"
    build_store(outputs / "graph.trig", store_dir)
    (outputs / "graph.trig").write_text(
        "<urn:x> a <https://w3id.org/ankg/ontology#Vote> .\n", encoding="utf-8")
    build_store(outputs / "graph.trig", store_dir)
    assert run_query(store_dir, "SELECT (COUNT(*) AS ?n) WHERE { ?x a kg:Vote }", fmt="csv").split() == ["n", "1"]
    assert sorted(p.name for p in outputs.iterdir()) == ["elsewhere", "graph.trig"]


# ------------------------------------------------------------------ display helpers

@pytest.mark.parametrize("iri, compact", [
    ("https://w3id.org/ankg/ontology#PhoneCall", "kg:PhoneCall"),
    ("https://w3id.org/ankg/id/article/q001/s0", "kgr:article/q001/s0"),
    ("http://www.w3.org/2001/XMLSchema#gYear", "xsd:gYear"),
    ("http://www.wikidata.org/entity/Q796", "<http://www.wikidata.org/entity/Q796>"),
    ("https://w3id.org/ankg/id/actor/a b", "<https://w3id.org/ankg/id/actor/a b>"),
])
def test_query_compact_iri(iri: str, compact: str) -> None:
    assert compact_iri(iri) == compact


def test_query_table_aligns_arabic_with_diacritics() -> None:
    import pyoxigraph as ox

    # Harakat take no column: "مُصْطَفَى" is as wide as "مصطفى" (5).
    rows = [[ox.Literal("مُصْطَفَى"), ox.Literal("x")], [ox.Literal("abcde"), ox.Literal("y")]]
    lines = format_table(["name", "v"], rows).splitlines()
    assert lines[0] == "name  | v"
    assert lines[2] == "مُصْطَفَى | x"
    assert lines[3] == "abcde | y"


def test_query_command_list_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert query_command(None, None, list_queries=True) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in listed] == sorted(p.stem for p in QUERIES_DIR.glob("*.rq"))
    assert query_command(FIXTURE, "no_such_query") == 2
    assert "[E502]" in capsys.readouterr().err
