"""The rule layer: rule files are validated, every rule's own examples hold,
and hand-parsed sentences give the facts a careful reader would take."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from kg.document import Article, from_conllu
from kg.errors import RuleError
from kg.normalize import normalize_ar
from kg.rules import RULES_DIR, RuleSet

DATA = Path(__file__).parent / "data" / "rules"


def short(iri: str | None) -> str | None:
    return iri.rsplit("/", 1)[-1] if iri else None


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RuleSet.load()


@pytest.fixture(scope="module")
def hand_parsed(rules):
    doc = from_conllu((DATA / "agreement_withdrawal.conllu").read_text(encoding="utf-8"))
    return rules.extract(doc)


# --------------------------------------------------------------------------
# Hand-parsed sentences (no Stanza)

def test_rules_agreement_parties_and_topic(hand_parsed):
    agreement = next(e for e in hand_parsed.events if e.type == "Agreement")
    assert [short(a) for a in agreement.roles["party"]] == ["egypt", "jordan"]
    assert agreement.topic is not None and agreement.topic.type == "Withdrawal"


def test_rules_withdrawal_force_origin(hand_parsed):
    withdrawal = next(e for e in hand_parsed.events if e.type == "Withdrawal")
    assert withdrawal.roles["origin"] == [next(a for a in hand_parsed.actors if a.endswith("/libya"))]
    assert withdrawal.force is not None
    assert (short(withdrawal.force.of), withdrawal.force.count) == ("usa", 500)


def test_rules_standalone_force(hand_parsed):
    assert [(short(f.of), f.count) for f in hand_parsed.forces] == [("usa", 500)]


def test_rules_title_from_apposition(hand_parsed):
    assert [(t.title, hand_parsed.actors[t.person].label_ar) for t in hand_parsed.titles] == [
        ("وزير الخارجية المصري", "سامح شكري")]


def test_rules_negated_reduction_with_dual_reference(hand_parsed):
    reduction = next(e for e in hand_parsed.events if e.type == "Reduction")
    assert reduction.polarity == "Negative"
    # الطرفين refers back to the two parties of the previous agreement.
    assert [short(a) for a in reduction.roles["agent"]] == ["egypt", "jordan"]
    statement = next(e for e in hand_parsed.events if e.type == "Statement")
    assert statement.topic is reduction


def test_rules_led_by_relation(hand_parsed):
    assert [(short(r.subject), r.predicate, short(r.object)) for r in hand_parsed.relations] == [
        ("coalition", "ledBy", "usa")]


def test_rules_every_fact_has_its_sentence(hand_parsed):
    text = hand_parsed.document.article.text
    for fact in [*hand_parsed.events, *hand_parsed.forces, *hand_parsed.titles, *hand_parsed.relations]:
        ref = fact.source
        assert text[ref.start:ref.end] == ref.text


# --------------------------------------------------------------------------
# Validation of rule files

def _broken_rules(tmp_path: Path, mutate) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    data = yaml.safe_load((target / "events.yaml").read_text(encoding="utf-8"))
    mutate(data["rules"][0])
    (target / "events.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


@pytest.mark.parametrize("mutate, code, words", [
    (lambda r: r.pop("emit"), "E301", "missing key"),
    (lambda r: r.__setitem__("colour", "red"), "E302", "colour"),
    (lambda r: r.__setitem__("emit", "kg:Meetng"), "E304", "kg:Meetng"),
    (lambda r: r.__setitem__("roles", {"winner": ["subject"]}), "E305", "winner"),
    (lambda r: r.__setitem__("roles", {"participant": ["telepathy"]}), "E306", "telepathy"),
    (lambda r: r.__setitem__("examples", {"match": ["x"]}), "E307", "must not match"),
    (lambda r: r.__setitem__("patterns", [[{"RIGHT_ID": "anchor", "RIGHT_ATTRS": {}}]]), "E303", "trigger"),
    (lambda r: r.__setitem__("force", "maybe"), "E309", "maybe"),
    (lambda r: r.__setitem__("min_roles", {"party|winner": 1}), "E305", "winner"),
    (lambda r: r.__setitem__("veto", {"beside": ["عن"]}), "E302", "veto"),
    (lambda r: r.__setitem__("role_names", {"winner": ["مجلس"]}), "E305", "role_names"),
    (lambda r: r.__setitem__("min_roles", [["party"]]), "E305", "alternatives"),
    (lambda r: r.__setitem__("min_roles", [{"party": 2}, {"winner": 1}]), "E305", "winner"),
    (lambda r: r["examples"].__setitem__("roles", [{"text": "x", "roles": {"winner": ["y"]}}]), "E307", "roles example"),
])
def test_rules_invalid_file_is_reported_with_code(tmp_path, mutate, code, words):
    directory = _broken_rules(tmp_path, mutate)
    with pytest.raises(RuleError) as err:
        RuleSet.load(directory)
    message = str(err.value)
    assert f"[{code}]" in message and words in message
    assert "events.yaml:" in message  # file:rule-id


def test_rules_invalid_yaml_names_the_file(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    (target / "events.yaml").write_text("kind: events\nrules: [\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"\[E300\].*events.yaml"):
        RuleSet.load(target)


def test_rules_arabic_values_are_normalised_when_loaded(rules):
    agreement = next(r for r in rules.events if r.id == "agreement")
    lemmas = agreement.patterns[0][0]["RIGHT_ATTRS"]["LEMMA"]["IN"]
    assert "اتفاقيه" in lemmas  # written اتفاقية in the file


def test_rules_regex_values_are_written_normalised():
    """REGEX values are matched against normalised text, so they must not use أ إ آ ى ة."""
    data = yaml.safe_load((RULES_DIR / "events.yaml").read_text(encoding="utf-8"))
    for rule in data["rules"]:
        for pattern in rule.get("patterns") or [rule["pattern"]]:
            for node in pattern:
                for attr in node.get("RIGHT_ATTRS", {}).values():
                    if isinstance(attr, dict) and "REGEX" in attr:
                        assert not set(attr["REGEX"]) & set("أإآىة"), (rule["id"], attr["REGEX"])


# --------------------------------------------------------------------------
# Every rule's own examples, parsed by the real Stanza models

def _examples():
    data = yaml.safe_load((RULES_DIR / "events.yaml").read_text(encoding="utf-8"))
    for rule in data["rules"]:
        emit = rule["emit"].removeprefix("kg:")
        for text in rule["examples"]["match"]:
            yield pytest.param(rule["id"], emit, text, True, id=f"{rule['id']}-match-{text[:20]}")
        for text in rule["examples"]["no_match"]:
            yield pytest.param(rule["id"], emit, text, False, id=f"{rule['id']}-no-{text[:20]}")


@pytest.fixture(scope="module")
def parse(parser):
    cache: dict[str, object] = {}

    def run(text: str):
        if text not in cache:
            cache[text] = parser.parse([Article("example", text)])[0]
        return cache[text]
    return run


@pytest.mark.models
@pytest.mark.parametrize("rule_id, emit, text, should_match", list(_examples()))
def test_rules_examples(rules, parse, rule_id, emit, text, should_match):
    facts = rules.extract(parse(text))
    emitted = {e.rule for e in facts.events} | {e.topic.rule for e in facts.events if e.topic}
    assert (rule_id in emitted) == should_match, [(e.rule, e.type, e.trigger) for e in facts.events]


def _role_examples():
    data = yaml.safe_load((RULES_DIR / "events.yaml").read_text(encoding="utf-8"))
    for rule in data["rules"]:
        for ex in rule["examples"].get("roles") or []:
            yield pytest.param(rule["id"], ex["text"], ex["roles"], id=f"{rule['id']}-roles-{ex['text'][:20]}")


@pytest.mark.models
@pytest.mark.parametrize("rule_id, text, roles", list(_role_examples()))
def test_rules_role_examples(rules, parse, rule_id, text, roles):
    """The rule's event has exactly the named actors in each listed role."""
    facts = rules.extract(parse(text))
    events = [e for e in facts.events if e.rule == rule_id] + \
             [e.topic for e in facts.events if e.topic and e.topic.rule == rule_id]
    assert events, f"{rule_id} did not match"

    def names(iris):
        return {normalize_ar(n) for iri in iris
                for n in [facts.actors[iri].label_ar, *facts.actors[iri].alt_labels_ar]}

    def holds(event):
        return all({normalize_ar(n) for n in wanted} <= names(event.roles.get(role, []))
                   and len(event.roles.get(role, [])) == len(wanted) for role, wanted in roles.items())
    assert any(holds(e) for e in events), \
        [{r: [facts.actors[a].label_ar for a in v] for r, v in e.roles.items()} for e in events]


def _title_examples():
    data = yaml.safe_load((RULES_DIR / "titles.yaml").read_text(encoding="utf-8"))
    return [pytest.param(e["sentence"], e["name"], e["title"], id=e["name"]) for e in data["examples"]]


@pytest.mark.models
@pytest.mark.parametrize("sentence, name, title", _title_examples())
def test_rules_title_examples(rules, parse, sentence, name, title):
    facts = rules.extract(parse(sentence))
    found = {(facts.actors[t.person].label_ar, t.title) for t in facts.titles}
    assert (name, title) in found


def _relation_examples():
    data = yaml.safe_load((RULES_DIR / "relations.yaml").read_text(encoding="utf-8"))
    for rule in data["rules"]:
        pred = rule["predicate"].removeprefix("kg:")
        for text in rule["examples"]["match"]:
            yield pytest.param(pred, text, True, id=f"{rule['id']}-match-{text[:15]}")
        for text in rule["examples"]["no_match"]:
            yield pytest.param(pred, text, False, id=f"{rule['id']}-no-{text[:15]}")


@pytest.mark.models
@pytest.mark.parametrize("predicate, text, should_match", list(_relation_examples()))
def test_rules_relation_examples(rules, parse, predicate, text, should_match):
    facts = rules.extract(parse(text))
    assert any(r.predicate == predicate for r in facts.relations) == should_match


def _cue_examples():
    data = yaml.safe_load((RULES_DIR / "cues.yaml").read_text(encoding="utf-8"))["examples"]
    for text in data["negative"]:
        yield pytest.param(text, "polarity", "Negative", id=f"neg-{text[:15]}")
    for text in data["not_negative"]:
        yield pytest.param(text, "polarity", None, id=f"notneg-{text[:15]}")
    for text in data["future"]:
        yield pytest.param(text, "modality", "future", id=f"future-{text[:15]}")
    for text in data["planned"]:
        yield pytest.param(text, "modality", "planned", id=f"planned-{text[:15]}")


@pytest.mark.models
@pytest.mark.parametrize("text, attribute, value", list(_cue_examples()))
def test_rules_cue_examples(rules, parse, text, attribute, value):
    facts = rules.extract(parse(text))
    events = [e for e in facts.events if e.type != "Statement"] + [e.topic for e in facts.events if e.topic]
    assert events, "the example must contain an event"
    if value is None:  # not negative: no event of the example may be read as negated
        assert all(getattr(e, attribute) is None for e in events), [(e.type, e.trigger) for e in events]
    else:
        assert any(getattr(e, attribute) == value for e in events)


def _class_examples():
    data = yaml.safe_load((RULES_DIR / "actor_classes.yaml").read_text(encoding="utf-8"))
    return [pytest.param(e["name"], e["ner"], e["class"], id=e["name"]) for e in data["examples"]]


@pytest.mark.parametrize("name, ner, cls", _class_examples())
def test_rules_actor_class_examples(rules, name, ner, cls):
    assert rules.resolver.classes.classify(name, ner) == cls


def test_rules_invalid_actor_class_is_reported(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    (target / "actor_classes.yaml").write_text(
        "kind: actor_classes\nrules:\n  - {class: Robot, first_words: [آلة], ner: [ORG]}\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"\[E310\].*actor_classes.yaml"):
        RuleSet.load(target)


@pytest.mark.models
@pytest.mark.parametrize("text, owner, count", [
    ("قتل 22 جنديا مصريا في هجوم على كمين قرب الحدود.", "egypt", 22),  # accusative demonym
    ("وصل 300 جندي فرنسي إلى مالي الأسبوع الماضي.", "france", 300),
])
def test_rules_force_owner_from_demonym(rules, parse, text, owner, count):
    facts = rules.extract(parse(text))
    assert any(f.count == count and f.of and f.of.endswith("/" + owner) for f in facts.forces), \
        [(f.of, f.count) for f in facts.forces]


@pytest.mark.models
def test_rules_deployment_needs_a_force_it_moves(rules, parse):
    """"ترسل المعلومات إلى عناصرها" sends information, not a force."""
    facts = rules.extract(parse("وقال المسؤول إن القيادات ترسل المعلومات إلى عناصرها في الداخل."))
    assert not [e for e in facts.events if e.type in ("Deployment", "Withdrawal")]


@pytest.mark.models
def test_rules_relative_clause_verb_does_not_continue_the_speaker(rules, parse):
    """"الشرطة التي قالت" was said by the police, not by the previous sentence's speaker."""
    facts = rules.extract(parse("وقال وزير الداخلية الأفغاني إن الهجوم فشل. "
                                "واقتربت السيارة من حاجز للشرطة التي قالت إنها أطلقت النار."))
    statements = [e for e in facts.events if e.type == "Statement"]
    assert [e.trigger for e in statements] == ["وقال"], [(e.trigger, e.roles) for e in statements]


@pytest.mark.models
@pytest.mark.parametrize("text", [
    "وقال الوزير العراقي إن الحكومة تريد انسحاب القوات الأجنبية من البلاد.",  # foreign forces
    "وأقر مجلس النواب الأردني قرارا يطلب خروج القوات من البلاد.",  # a vote decides about others' forces
])
def test_rules_topic_forces_are_not_the_actors_own(rules, parse, text):
    facts = rules.extract(parse(text))
    topics = [e.topic for e in facts.events if e.topic is not None and e.topic.force is not None]
    assert topics, [(e.type, e.trigger) for e in facts.events]
    assert all(t.force.of is None for t in topics), [t.force.of for t in topics]


@pytest.mark.models
@pytest.mark.parametrize("text, trigger, value", [
    # a relative clause between commas, and منذ: the start of a state, not the statement's date
    ("وأشار وزير الخارجية الأردني أيمن الصفدي، الذي يشغل المنصب منذ 2017، إلى أن المحادثات مستمرة.",
     "وأشار", None),
    ("وأعلنت الحكومة الأردنية خطة الموازنة لعام 2024.", "وأعلنت", None),  # لعام qualifies الموازنة
    ("أعلنت فرنسا عام 2013 سحب قواتها من مالي.", "سحب", "2013"),
])
def test_rules_event_dates(rules, parse, text, trigger, value):
    facts = rules.extract(parse(text))
    event = next(e for e in facts.events if e.trigger == trigger)
    assert (event.date.value if event.date else None) == value


def test_rules_nationality_tagged_as_a_name_is_the_country(rules):
    """NER may tag "الأمريكيون" (the Americans) as a name: it stands for the country."""
    doc = from_conllu(
        "# text = وقال الأمريكيون إنهم سيواصلون الدعم .\n"
        "1-2\tوقال\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "1\tو\tو\tCCONJ\t_\t_\t2\tcc\t_\t_\n"
        "2\tقال\tقال\tVERB\t_\t_\t0\troot\t_\t_\n"
        "3\tالأمريكيون\tأمريكي\tNOUN\t_\t_\t2\tnsubj\t_\tner=S-PER\n"
        "4-5\tإنهم\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "4\tإن\tإن\tSCONJ\t_\t_\t6\tmark\t_\t_\n"
        "5\tهم\tهو\tPRON\t_\t_\t6\tnsubj\t_\t_\n"
        "6\tسيواصلون\tواصل\tVERB\t_\t_\t2\tccomp\t_\t_\n"
        "7\tالدعم\tدعم\tNOUN\t_\t_\t6\tobj\t_\t_\n"
        "8\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\n")
    facts = rules.extract(doc)
    speakers = [a for e in facts.events if e.type == "Statement" for a in e.roles.get("speaker", [])]
    assert speakers == ["https://w3id.org/ankg/id/actor/usa"]
    assert not [a for a in facts.actors.values() if a.cls == "Person"]
