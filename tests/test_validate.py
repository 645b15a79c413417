"""SHACL validation: the fixture conforms; each fault, put in by hand, gives
exactly the violations listed here."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import OutputError
from kg.validate import format_violations, validate, validate_command

DATA = Path(__file__).parent / "data" / "query"
FIXTURE = DATA / "graph.trig"
BROKEN = DATA / "broken.trig"


def _found(report) -> set[tuple[str, str, str]]:  # noqa: ANN001 - ValidationReport
    return {(v.shape, v.focus, v.path) for v in report.violations}


def test_validate_fixture_conforms() -> None:
    report = validate(FIXTURE)
    assert report.conforms
    assert report.violations == []


def test_validate_outputs_folder(tmp_path: Path) -> None:
    (tmp_path / "graph.trig").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    assert validate(tmp_path).conforms


def test_validate_broken_fixture_has_exactly_the_expected_violations() -> None:
    report = validate(BROKEN)
    assert not report.conforms
    assert [(v.shape, v.focus, v.path, v.message) for v in report.violations] == [
        ("kgsh:AgreementShape", "kgr:article/b001/event/0", "kg:party",
         "an agreement needs a party (kg:party)"),
        # A kg:PhoneCall is a kg:Event through kg:Meeting: the event shape reaches it.
        ("kgsh:EventShape", "kgr:article/b001/event/1", "prov:wasDerivedFrom",
         "an event needs its source sentence (prov:wasDerivedFrom)"),
        ("kgsh:MilitaryForceShape", "kgr:article/b001/force/0", "kg:troopCount",
         "kg:troopCount cannot be negative"),
    ]
    by_focus = {v.focus: v for v in report.violations}
    assert by_focus["kgr:article/b001/force/0"].value == "-50"
    assert by_focus["kgr:article/b001/event/0"].label == "اتفاق"
    assert by_focus["kgr:article/b001/event/0"].sentence == "وقّعت الأردن اتفاقاً جديداً للتعاون الدفاعي."
    assert by_focus["kgr:article/b001/event/1"].sentence == ""


# Each case: what to change in the good fixture (old, new, occurrences to
# change: 1 or all), and the (shape, focus, path) of every violation it causes.
MUTATIONS = {
    "statement without speaker": (
        "kg:speaker <actor/mustafa-al-kadhimi> ;", "", 1,
        {("kgsh:StatementShape", "kgr:article/q001/event/2", "kg:speaker")}),
    "phone call without participant or place": (
        "kg:participant <actor/adil-abdul-mahdi> , <actor/donald-trump> ;", "", 1,
        {("kgsh:MeetingShape", "kgr:article/q002/event/2", "")}),
    "date as a plain string": (
        'kg:date "2021-07-26"^^xsd:date', 'kg:date "26 July 2021"', 1,
        {("kgsh:EventShape", "kgr:article/q001/event/0", "kg:date")}),
    "polarity outside the list": (
        "kg:polarity kg:Negative", "kg:polarity kg:Maybe", 1,
        {("kgsh:EventShape", "kgr:article/q002/event/4", "kg:polarity")}),
    "place without a label": (
        'rdfs:label "قاعدة عين الأسد الجوية"@ar , "Al Asad Airbase"@en', 'skos:altLabel "عين الأسد"@ar', 1,
        {("kgsh:LabelledShape", "kgr:actor/ain-al-asad", "rdfs:label")}),
    "sentence ending before it starts": (
        "kg:end 184 .", "kg:end 100 .", 1,
        {("kgsh:SentenceShape", "kgr:article/q001/s1", "kg:start")}),
    "sentence outside any article": (
        "dcterms:isPartOf <article/q003> ;", "", 1,
        {("kgsh:SentenceShape", "kgr:article/q003/s0", "dcterms:isPartOf")}),
    "topic that is an actor": (
        "kg:topic <article/q002/event/1>", "kg:topic <actor/iraq>", 1,
        {("kgsh:EventShape", "kgr:article/q002/event/0", "kg:topic")}),
    "role that is a literal": (
        "kg:target <actor/ain-al-asad>", 'kg:target "عين الأسد"', 1,
        {("kgsh:EventShape", "kgr:article/q002/event/5",
          "kg:agent|kg:participant|kg:party|kg:speaker|kg:target|kg:location|kg:origin|kg:destination")}),
    "event deriving from an article, not a sentence": (
        "prov:wasDerivedFrom <article/q002/s3>", "prov:wasDerivedFrom <article/q002>", 1,
        {("kgsh:EventShape", "kgr:article/q002/event/5", "prov:wasDerivedFrom")}),
    # A string is neither an integer nor comparable with 0: two violations.
    "troop count as a string": (
        "kg:troopCount 2500", 'kg:troopCount "2500"', 1,
        {("kgsh:MilitaryForceShape", "kgr:article/q001/force/0", "kg:troopCount")}),
    "two troop counts": (
        "kg:troopCount 5200", "kg:troopCount 5200, 5300", 1,
        {("kgsh:MilitaryForceShape", "kgr:article/q002/force/0", "kg:troopCount")}),
}


@pytest.mark.parametrize("case", sorted(MUTATIONS))
def test_validate_each_fault_is_reported(case: str, tmp_path: Path) -> None:
    old, new, count, expected = MUTATIONS[case]
    text = FIXTURE.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "graph.trig"
    broken.write_text(text.replace(old, new, count), encoding="utf-8")
    report = validate(broken)
    assert not report.conforms
    assert _found(report) == expected


def test_validate_troop_count_string_gives_both_messages(tmp_path: Path) -> None:
    broken = tmp_path / "graph.trig"
    broken.write_text(FIXTURE.read_text(encoding="utf-8").replace("kg:troopCount 2500", 'kg:troopCount "2500"'),
                      encoding="utf-8")
    messages = sorted(v.message for v in validate(broken).violations)
    assert messages == ["kg:troopCount cannot be negative", "kg:troopCount must be one xsd:integer"]


def test_validate_format_groups_by_shape() -> None:
    text = format_violations(validate(BROKEN))
    lines = text.splitlines()
    assert lines[0] == "3 violations"
    assert [line for line in lines if line.startswith("kgsh:")] == [
        "kgsh:AgreementShape (1)", "kgsh:EventShape (1)", "kgsh:MilitaryForceShape (1)"]
    assert '  kgr:article/b001/event/0 "اتفاق" kg:party: an agreement needs a party (kg:party)' in lines
    assert "    sentence kgr:article/b001/s0: وقّعت الأردن اتفاقاً جديداً للتعاون الدفاعي." in lines
    assert "(value: -50)" in text


@pytest.mark.parametrize("source, code", [(FIXTURE, 0), (BROKEN, 1), (DATA / "missing.trig", 2)])
def test_validate_command_exit_codes(source: Path, code: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert validate_command(source) == code
    captured = capsys.readouterr()
    if code == 2:
        assert "[E460]" in captured.err


def test_validate_errors(tmp_path: Path) -> None:
    (tmp_path / "graph.trig").write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(OutputError) as info:
        validate(tmp_path)
    assert info.value.code == "E462"
    assert "line 1:" in str(info.value) and "b'" not in str(info.value)  # the line and reason, not raw bytes
    with pytest.raises(OutputError) as info:
        validate(FIXTURE, shapes_path=tmp_path / "no-shapes.ttl")
    assert info.value.code == "E461"
    with pytest.raises(OutputError) as info:
        validate(tmp_path / "empty-folder-that-does-not-exist")
    assert info.value.code == "E460"
