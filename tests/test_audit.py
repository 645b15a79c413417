"""Tests for scripts/audit_facts.py: the precision-audit sampler and scorer.

The graph is tests/data/audit/graph.ttl, an invented two-article graph in the
shape ``kg run`` writes (audit-a: 3 events, 1 force, 1 title, 1 relation;
audit-b: 2 events, 1 force). The expected figures of the scorer below were
worked out by hand from the judgments written in each test.
"""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "audit"
GRAPH = DATA / "graph.ttl"
KG_TEXT = URIRef("https://w3id.org/ankg/ontology#text")
A = "https://w3id.org/ankg/id/article/audit-a/"
B = "https://w3id.org/ankg/id/article/audit-b/"
ALL = sorted([A + "event/0", A + "event/1", A + "event/2", A + "force/0", A + "title/0", A + "relation/0",
              B + "event/0", B + "event/1", B + "force/0"])
ARABIC = re.compile("[\u0600-\u06ff]")


def _load_script():
    spec = importlib.util.spec_from_file_location("audit_facts", ROOT / "scripts" / "audit_facts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("audit_facts", module)
    spec.loader.exec_module(module)
    return module


audit = _load_script()


@pytest.fixture(scope="module")
def graph() -> Graph:
    return audit.load_graph(GRAPH)


@pytest.fixture(scope="module")
def facts(graph) -> dict:
    return audit.candidates(graph)


def _sentences() -> list[str]:
    g = Graph().parse(GRAPH, format="turtle")
    texts = [str(t) for t in g.objects(None, KG_TEXT)]
    assert len(texts) == 5
    return texts


# ---------------------------------------------------------------- candidates

def test_audit_candidates_are_every_fact_with_its_kind_and_article(facts):
    assert sorted(facts) == ALL
    assert facts[A + "event/1"] == ("audit-a", "event")  # a topic event is a fact of its own
    assert facts[A + "relation/0"] == ("audit-a", "relation")
    assert facts[B + "force/0"] == ("audit-b", "force")
    # sentences, articles and actors are not facts
    assert not [i for i in facts if "/s" in i.rsplit("/", 1)[-1] or "/actor/" in i]


def test_audit_trig_input_gives_the_same_facts(tmp_path, facts):
    ttl = Graph().parse(GRAPH, format="turtle")
    ds = Dataset()
    for article in ("audit-a", "audit-b"):
        named = ds.graph(URIRef(f"https://w3id.org/ankg/id/graph/{article}"))
        for s, p, o in ttl:
            if f"/article/{article}" in str(s) or "/article/" not in str(s):
                named.add((s, p, o))
    (tmp_path / "graph.trig").write_text(ds.serialize(format="trig"), encoding="utf-8")
    assert audit.candidates(audit.load_graph(tmp_path)) == facts  # an outputs folder works too


# ---------------------------------------------------------------- the draw

def test_audit_draw_is_reproducible_and_respects_n(facts):
    first = audit.draw(facts, 4, seed=1)
    assert first == audit.draw(facts, 4, seed=1)
    assert len(first) == 4 and len({f["id"] for f in first}) == 4
    # candidates are sorted before drawing: the order the graph gave them does not matter
    shuffled = dict(sorted(facts.items(), reverse=True))
    assert audit.draw(shuffled, 4, seed=1) == first
    # the same as random.Random(seed).sample over the sorted IRIs
    import random
    assert sorted(f["id"] for f in first) == sorted(random.Random(1).sample(ALL, 4))
    # another seed, another sample (fixed data, so this is deterministic)
    assert {f["id"] for f in audit.draw(facts, 4, seed=3)} != {f["id"] for f in first}
    # more than there are: every fact once
    assert sorted(f["id"] for f in audit.draw(facts, 60, seed=1)) == ALL


def test_audit_draw_excludes_articles_and_kinds(facts):
    drawn = audit.draw(facts, 60, seed=1, exclude={"audit-b"})
    assert {f["article"] for f in drawn} == {"audit-a"} and len(drawn) == 6
    forces = audit.draw(facts, 60, seed=1, kinds={"force"})
    assert [f["id"] for f in forces] == [A + "force/0", B + "force/0"]


def test_audit_parse_exclusions_from_a_list_or_a_file(tmp_path):
    assert audit.parse_exclusions("audit-b, dev-01.txt,") == {"audit-b", "dev-01"}
    ids = tmp_path / "ids.txt"
    ids.write_text("# held out\naudit-b\n\ndev-02.json  # gold name\n", encoding="utf-8")
    assert audit.parse_exclusions(str(ids)) == {"audit-b", "dev-02"}
    assert audit.parse_exclusions(None) == set()


def test_audit_sample_command_writes_ids_only(tmp_path, capsys):
    out = tmp_path / "sample.jsonl"
    template = tmp_path / "judgments.csv"
    assert audit.main(["sample", str(GRAPH), "--n", "5", "--seed", "1", "--exclude-articles", "audit-b",
                       "-o", str(out), "--template", str(template)]) == 0
    printed = capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines()]
    assert len(lines) == 5
    assert all(set(line) == {"article", "id", "kind"} for line in lines)
    assert all(line["article"] == "audit-a" and line["id"].startswith(A) for line in lines)
    # no article text in the file: no sentence, no Arabic at all
    assert not ARABIC.search(text)
    assert not any(sentence in text for sentence in _sentences())
    # ... while the reader sees each fact with its sentence
    for line in lines:
        assert audit._short(line["id"]) in printed
    assert "«أعلن وزير الدفاع الأردني سامر خليل" in printed
    # the judgments template lists the same ids, verdicts empty
    rows = template.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "id,verdict,error_class"
    assert rows[1:] == [f"{line['id']},," for line in lines]
    # the same call again writes the same file
    again = tmp_path / "again.jsonl"
    audit.main(["sample", str(GRAPH), "--n", "5", "--seed", "1", "--exclude-articles", "audit-b",
                "-o", str(again)])
    assert again.read_bytes() == out.read_bytes()
    # an existing judgments file is not overwritten by accident
    assert audit.main(["sample", str(GRAPH), "--n", "5", "--template", str(template)]) == 2


def test_audit_describe_shows_roles_force_topic_and_sentence(graph):
    statement = dict(audit.describe(graph, A + "event/0", "event"))
    assert statement["type"].startswith("Statement")
    assert statement["speaker"] == "«سامر خليل»"
    assert statement["date"].startswith("2022-03-02")
    assert statement["  force"].startswith("300 troops of France")
    assert statement["sentence s0"].startswith("«أعلن")
    agreement = dict(audit.describe(graph, A + "event/2", "event"))
    assert agreement["polarity"] == "negative"
    assert agreement["party"] == "France «فرنسا»; Jordan «الأردن»"
    force = dict(audit.describe(graph, A + "force/0", "force"))
    assert force["force"].startswith("300 troops of France «فرنسا» in Jordan «الأردن»")
    assert force["force of"] == "kgr:article/audit-a/event/1 (Withdrawal)"
    title = dict(audit.describe(graph, A + "title/0", "title"))
    assert title == {"holder": "«سامر خليل»", "title": "«وزير الدفاع الأردني»",
                     "sentence s0": title["sentence s0"]}
    relation = dict(audit.describe(graph, A + "relation/0", "relation"))
    assert relation["relation"] == "«تحالف الشمال»  kg:ledBy  France «فرنسا»"
    assert "note" not in relation  # the reified triple is asserted
    assert dict(audit.describe(graph, A + "event/99", "event")).keys() == {"missing"}


def test_audit_show_reprints_the_sample(tmp_path, capsys):
    out = tmp_path / "sample.jsonl"
    audit.main(["sample", str(GRAPH), "--n", "3", "--seed", "7", "-o", str(out)])
    sampled = capsys.readouterr().out
    audit.main(["show", str(GRAPH), str(out)])
    shown = capsys.readouterr().out
    assert shown.strip() and shown.strip() in sampled  # the same fact blocks, without the header


# ---------------------------------------------------------------- the scorer

JUDGMENTS = f"""id,verdict,error_class
{A}event/0,right,
{A}event/1,partly,missing role
{A}event/2,wrong,wrong polarity; Missing  role
{A}force/0,right,
{A}title/0,Right,
{A}relation/0,partly,wrong object
{B}event/0,right,
{B}event/1,wrong,not an event
{B}force/0,wrong,count not troops
{B}title/7,,
"""


def _score(tmp_path, text: str) -> dict:
    path = tmp_path / "judgments.csv"
    path.write_text(text, encoding="utf-8")
    rows, unjudged = audit.read_judgments(path, {})
    return audit.score_figures(rows, unjudged)


def test_audit_score_figures_by_hand(tmp_path):
    fig = _score(tmp_path, JUDGMENTS)
    # 9 judged (the empty verdict is left out): right 4 (a/event/0, a/force/0,
    # a/title/0, b/event/0), partly 2 (a/event/1, a/relation/0), wrong 3.
    assert (fig["n"], fig["unjudged"], fig["right"], fig["partly"], fig["wrong"]) == (9, 1, 4, 2, 3)
    assert fig["right_pct"] == 44.4          # 4/9
    assert fig["at_least_partly_pct"] == 66.7  # 6/9
    assert list(fig["kinds"]) == ["event", "force", "title", "relation"]
    assert fig["kinds"]["event"] == {"n": 5, "right": 2, "partly": 1, "wrong": 2,
                                     "right_pct": 40.0, "at_least_partly_pct": 60.0}
    assert fig["kinds"]["force"] == {"n": 2, "right": 1, "partly": 0, "wrong": 1,
                                     "right_pct": 50.0, "at_least_partly_pct": 50.0}
    assert fig["kinds"]["title"]["right_pct"] == 100.0
    assert (fig["kinds"]["relation"]["right_pct"], fig["kinds"]["relation"]["at_least_partly_pct"]) == (0.0, 100.0)
    # "Missing  role" is folded into "missing role"; the most frequent class first
    assert fig["error_classes"] == {"missing role": 2, "count not troops": 1, "not an event": 1,
                                    "wrong object": 1, "wrong polarity": 1}
    assert fig["every_force_right"] is False and fig["forces"]["not_right"] == [B + "force/0"]
    text = audit.format_score(fig)
    assert "fully right:            4/9 = 44.4%" in text
    assert "at least partly right:  6/9 = 66.7%" in text
    assert "every force right? no (1/2 right; not right: kgr:article/audit-b/force/0)" in text


def test_audit_score_every_force_right_and_no_force(tmp_path):
    fig = _score(tmp_path, f"id,verdict,error_class\n{A}force/0,right,\n{B}force/0,right,\n{A}event/0,wrong,x\n")
    assert fig["every_force_right"] is True
    assert "every force right? yes (2/2)" in audit.format_score(fig)
    fig = _score(tmp_path, f"id,verdict,error_class\n{A}event/0,partly,\n")
    assert fig["every_force_right"] is None and fig["not_right_without_class"] == 1
    assert "every force right? n/a" in audit.format_score(fig)


def test_audit_score_rejects_bad_judgments(tmp_path):
    for text, fragment in ((f"id,verdict\n{A}event/0,maybe\n", "not one of right, partly, wrong"),
                           (f"id,verdict\n{A}event/0,right\n{A}event/0,wrong\n", "judged twice"),
                           ("fact,verdict\nx,right\n", "header must name id,verdict")):
        path = tmp_path / "bad.csv"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(audit.AuditError, match=fragment):
            audit.read_judgments(path, {})


def test_audit_score_command_prints_and_writes_json(tmp_path, capsys):
    path = tmp_path / "judgments.csv"
    path.write_text(JUDGMENTS, encoding="utf-8")
    assert audit.main(["score", str(path), "--json", str(tmp_path / "fig.json")]) == 0
    assert "judged facts: 9 (1 not judged yet, left out)" in capsys.readouterr().out
    assert json.loads((tmp_path / "fig.json").read_text(encoding="utf-8"))["right"] == 4
