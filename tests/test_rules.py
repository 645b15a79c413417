"""The rule layer: rule files are validated, every rule's own examples hold,
and hand-parsed sentences give the facts a careful reader would take.

The examples are read from their committed Stanza parses
(tests/data/rule_examples/, see tests/parsed_examples.py), so these tests need
no models; ``test_rules_committed_parses_are_current`` (marked ``models``)
re-parses them and says when to regenerate."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import parsed_examples as px
from kg.document import from_conllu, to_conllu
from kg.errors import RuleError
from kg.extract import RuleSet
from kg.lang.ar import normalize_ar
from kg.paths import RULES_DIR

DATA = Path(__file__).parent / "data" / "rules"
CASES = px.rule_cases()


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
    (lambda r: r.__setitem__("min_roles", [["party"]]), "E318", "alternatives"),
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
    with pytest.raises(RuleError, match=r"\[E313\].*events.yaml"):
        RuleSet.load(target)


def test_rules_arabic_values_are_normalised_when_loaded(rules):
    agreement = next(r for r in rules.events if r.id == "agreement-noun")
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
# Every rule's own examples, read from their committed Stanza parses

def _examples():
    data = yaml.safe_load((RULES_DIR / "events.yaml").read_text(encoding="utf-8"))
    for rule in data["rules"]:
        emit = rule["emit"].removeprefix("kg:")
        for text in rule["examples"]["match"]:
            yield pytest.param(rule["id"], emit, text, True, id=f"{rule['id']}-match-{text[:20]}")
        for text in rule["examples"]["no_match"]:
            yield pytest.param(rule["id"], emit, text, False, id=f"{rule['id']}-no-{text[:20]}")


@pytest.fixture(scope="session")
def committed():
    """{text: CoNLL-U} of every committed parse (tests/data/rule_examples/)."""
    return {text: conllu for parses in px.read_all().values() for text, (_, conllu) in parses.items()}


@pytest.fixture(scope="module")
def parse(committed):
    """The committed Stanza parse of a text, as a Document: never Stanza itself."""
    cache: dict[str, object] = {}

    def run(text: str):
        if text not in cache:
            if text not in committed:
                pytest.fail(f"no committed parse of {text!r} (example {px.example_id(text)}) in "
                            f"{px.PARSES_DIR}/: run `{px.REGENERATE}` "
                            f"(if that does not add it, tests/parsed_examples.py:example_texts "
                            f"does not collect this kind of example yet)", pytrace=False)
            cache[text] = px.load(committed[text], text)
        return cache[text]
    return run


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


@pytest.mark.parametrize("predicate, text, should_match", list(_relation_examples()))
def test_rules_relation_examples(rules, parse, predicate, text, should_match):
    facts = rules.extract(parse(text))
    assert any(r.predicate == predicate for r in facts.relations) == should_match


def _cue_examples():
    data = yaml.safe_load((RULES_DIR / "cues.yaml").read_text(encoding="utf-8"))["examples"]
    for text in data["negative"]:
        yield pytest.param(text, "polarity", "Negative", id=f"neg-{text[:15]}")
    for text in data["denied"]:
        yield pytest.param(text, "polarity", "Negative", id=f"denied-{text[:15]}")
    for text in data["not_negative"]:
        yield pytest.param(text, "polarity", None, id=f"notneg-{text[:15]}")
    for text in data["future"]:
        yield pytest.param(text, "modality", "future", id=f"future-{text[:15]}")
    for text in data["planned"]:
        yield pytest.param(text, "modality", "planned", id=f"planned-{text[:15]}")
    for text in data["possible"]:
        yield pytest.param(text, "modality", "possible", id=f"possible-{text[:15]}")


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


# --------------------------------------------------------------------------
# Further sentences (tests/data/rule_cases.yaml), read from their committed parses

def _cases(test: str, *keys: str):
    return [pytest.param(*(case[k] for k in keys), id=f"{i}-{case['text'][:20]}")
            for i, case in enumerate(CASES[test])]


@pytest.mark.parametrize("text, owner, count", _cases("force_owner_from_demonym", "text", "owner", "count"))
def test_rules_force_owner_from_demonym(rules, parse, text, owner, count):
    facts = rules.extract(parse(text))
    assert any(f.count == count and f.of and f.of.endswith("/" + owner) for f in facts.forces), \
        [(f.of, f.count) for f in facts.forces]


@pytest.mark.parametrize("text", _cases("deployment_needs_a_force_it_moves", "text"))
def test_rules_deployment_needs_a_force_it_moves(rules, parse, text):
    """"ترسل المعلومات إلى عناصرها" sends information, not a force."""
    facts = rules.extract(parse(text))
    assert not [e for e in facts.events if e.type in ("Deployment", "Withdrawal")]


@pytest.mark.parametrize("text, triggers", _cases("relative_clause_verb_does_not_continue_the_speaker",
                                                  "text", "statements"))
def test_rules_relative_clause_verb_does_not_continue_the_speaker(rules, parse, text, triggers):
    """"الشرطة التي قالت" was said by the police, not by the previous sentence's speaker."""
    facts = rules.extract(parse(text))
    statements = [e for e in facts.events if e.type == "Statement"]
    assert [e.trigger for e in statements] == triggers, [(e.trigger, e.roles) for e in statements]


@pytest.mark.parametrize("text", _cases("topic_forces_are_not_the_actors_own", "text"))
def test_rules_topic_forces_are_not_the_actors_own(rules, parse, text):
    facts = rules.extract(parse(text))
    topics = [e.topic for e in facts.events if e.topic is not None and e.topic.force is not None]
    assert topics, [(e.type, e.trigger) for e in facts.events]
    assert all(t.force.of is None for t in topics), [t.force.of for t in topics]


@pytest.mark.parametrize("text, trigger, value", _cases("event_dates", "text", "trigger", "value"))
def test_rules_event_dates(rules, parse, text, trigger, value):
    facts = rules.extract(parse(text))
    event = next(e for e in facts.events if e.trigger == trigger)
    assert (event.date.value if event.date else None) == value


# --------------------------------------------------------------------------
# The committed parses themselves

def test_rules_every_example_has_a_committed_parse_and_no_orphans():
    """Each text the tests parse has exactly one committed parse per source, with
    the right id, in id order, that reads back to the same CoNLL-U; nothing else."""
    wanted = px.example_texts()
    committed = px.read_all()
    problems = []
    for source in sorted(set(wanted) | set(committed)):
        texts, parses = set(wanted.get(source, [])), committed.get(source, {})
        if source not in wanted:
            problems.append(f"{source}.conllu: no such source (orphan file)")
        problems += [f"{source}: no committed parse of {px.example_id(t)} {t!r}"
                     for t in sorted(texts - set(parses))]
        problems += [f"{source}: orphan parse {i} {t!r} (no longer an example)"
                     for t, (i, _) in sorted(parses.items()) if t not in texts]
        ids = [i for i, _ in parses.values()]
        if ids != sorted(ids):
            problems.append(f"{source}.conllu: examples are not in id order")
        for text, (example, conllu) in sorted(parses.items()):
            if example != px.example_id(text):
                problems.append(f"{source}: id {example} does not match its text "
                                f"(sha256 → {px.example_id(text)})")
            if to_conllu(px.load(conllu, text)).strip("\n") != conllu.strip("\n"):
                problems.append(f"{source}: parse {example} does not read back to the same CoNLL-U")
    seen: dict[str, str] = {}
    for source, parses in committed.items():
        for text, (example, conllu) in parses.items():
            if seen.setdefault(text, conllu).strip("\n") != conllu.strip("\n"):
                problems.append(f"{source}: parse {example} differs from the same text's parse "
                                f"in another file")
    assert not problems, "\n".join(problems + [f"regenerate with `{px.REGENERATE}`"])


@pytest.mark.models
def test_rules_committed_parses_are_current(parser):
    """Stanza, run now, parses every example exactly as committed."""
    wanted = px.example_texts()
    committed = px.read_all()
    fresh = px.parse_all(parser, [t for texts in wanted.values() for t in texts])
    problems = []
    for source, texts in wanted.items():
        parses = committed.get(source, {})
        for text in texts:
            doc = fresh[text]
            if not px.round_trips(doc):
                problems.append(f"{source} {px.example_id(text)}: the parse does not round-trip "
                                f"through CoNLL-U (kg.document): {text}")
            if text not in parses:
                problems.append(f"{source} {px.example_id(text)}: not committed: {text}")
            elif to_conllu(doc).strip("\n") != parses[text][1].strip("\n"):
                problems.append(f"{source} {px.example_id(text)}: parse changed: {text}")
        problems += [f"{source} {i}: orphan (no longer an example): {t}"
                     for t, (i, _) in parses.items() if t not in texts]
    problems += [f"{source}.conllu: orphan file" for source in committed if source not in wanted]
    assert not problems, (f"{len(problems)} committed parse(s) in {px.PARSES_DIR.name}/ are stale "
                          f"(models in {parser.model_dir}):\n" + "\n".join(problems)
                          + f"\nregenerate with `{px.REGENERATE}` and review the diff")


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
