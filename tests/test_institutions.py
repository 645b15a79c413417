"""Institutions named by a common-noun head (kg/extract/institutions.py, the `institutions`
section of pipelines/rules/generic_actors.yaml): the section's examples on hand-made parses,
the authority that is also a place, the roles they fill. No models."""
from __future__ import annotations

import dataclasses

import pytest
import yaml

from kg.document import from_conllu
from kg.errors import RuleError
from kg.extract import STEPS, Extractor
from kg.extract.generic_rules import RULES_PATH, load_generic_actors, sector_codes
from kg.extract.institutions import Institutions
from kg.ids import institution_iri
from kg.lang.ar import normalize_ar

from test_generic_actors import to_conllu  # the same row format as test_generic_actors

# Rows: "id form lemma upos head deprel [ner]"; "a-b form" for a multi-word token.
PARSES: dict[str, str] = {
    "وقالت مديرية الأمن في ولاية ماردين إن الشرطة اعتقلت خمسة أشخاص .": """
        1-2 وقالت
        1 و و CCONJ 2 cc
        2 قالت قال VERB 0 root
        3 مديرية مديرية NOUN 2 nsubj
        4 الأمن أمن NOUN 3 nmod
        5 في في ADP 6 case
        6 ولاية ولاية NOUN 3 nmod
        7 ماردين ماردين X 6 nmod S-LOC
        8 إن إن CCONJ 10 mark
        9 الشرطة شرطة NOUN 10 nsubj
        10 اعتقلت اعتقل VERB 2 ccomp
        11 خمسة خمسة NUM 10 obj
        12 أشخاص شخص NOUN 11 nmod
        13 . . PUNCT 2 punct""",
    "أعلنت بعثة الاتحاد الأوروبي في النيجر أن المدربين وصلوا .": """
        1 أعلنت أعلن VERB 0 root
        2 بعثة بعثة NOUN 1 nsubj
        3 الاتحاد اتحاد NOUN 2 nmod B-ORG
        4 الأوروبي أوروبي ADJ 3 amod E-ORG
        5 في في ADP 6 case
        6 النيجر نيجر PROPN 2 nmod S-LOC
        7 أن أن CCONJ 9 mark
        8 المدربين مدرب NOUN 9 nsubj
        9 وصلوا وصل VERB 1 ccomp
        10 . . PUNCT 1 punct""",
    # the parse makes the subject right after the verb its object
    "أعلنت ولاية أضنة إغلاق الطريق .": """
        1 أعلنت أعلن VERB 0 root
        2 ولاية ولاية NOUN 1 obj
        3 أضنة أضنة X 2 nmod S-LOC
        4 إغلاق إغلاق NOUN 2 nmod
        5 الطريق طريق NOUN 4 nmod
        6 . . PUNCT 1 punct""",
    # the tagger takes the verb for a noun: the head hangs on it as a genitive
    "وعقدت لجنة الأمن القومي في البرلمان اجتماعا طارئا .": """
        1-2 وعقدت
        1 و و CCONJ 2 cc
        2 عقدت عقدة NOUN 0 root
        3 لجنة لجنة NOUN 2 nmod
        4 الأمن أمن NOUN 3 nmod
        5 القومي قومي ADJ 4 amod
        6 في في ADP 7 case
        7 البرلمان برلمان NOUN 3 nmod
        8 اجتماعا اجتماع NOUN 7 nmod
        9 طارئا طارئ ADJ 8 amod
        10 . . PUNCT 2 punct""",
    "قالت ولاية أضنة في بيان إن الطريق أغلق .": """
        1 قالت قال VERB 0 root
        2 ولاية ولاية NOUN 1 nsubj
        3 أضنة أضنة PROPN 2 nmod S-LOC
        4 في في ADP 5 case
        5 بيان بيان NOUN 1 obl
        6 إن إن CCONJ 8 mark
        7 الطريق طريق NOUN 8 nsubj
        8 أغلق أغلق VERB 1 ccomp
        9 . . PUNCT 1 punct""",
    # the place after ل hangs on the verb in the parse
    "طالب المجلس المحلي لمدينة حلب بفتح الطرق .": """
        1 طالب طالب VERB 0 root
        2 المجلس مجلس NOUN 1 nsubj
        3 المحلي محلي ADJ 2 amod
        4-5 لمدينة
        4 ل ل ADP 5 case
        5 مدينة مدينة NOUN 1 obl
        6 حلب حلب PROPN 5 nmod S-LOC
        7-8 بفتح
        7 ب ب ADP 8 case
        8 فتح فتح NOUN 1 obl
        9 الطرق طريق NOUN 8 nmod
        10 . . PUNCT 1 punct""",
    "وحذرت هيئة الأرصاد الجوية الأردنية من موجة حر .": """
        1-2 وحذرت
        1 و و CCONJ 2 cc
        2 حذرت حذر VERB 0 root
        3 هيئة هيئة NOUN 2 nsubj
        4 الأرصاد رصد NOUN 3 nmod
        5 الجوية جوي ADJ 4 amod
        6 الأردنية أردني ADJ 3 amod
        7 من من ADP 8 case
        8 موجة موجة NOUN 2 obl
        9 حر حر NOUN 8 nmod
        10 . . PUNCT 2 punct""",
    "وصل الوزير إلى مقر المجلس المحلي في المدينة .": """
        1 وصل وصل VERB 0 root
        2 الوزير وزير NOUN 1 nsubj
        3 إلى إلى ADP 4 case
        4 مقر مقر NOUN 1 obl
        5 المجلس مجلس NOUN 4 nmod
        6 المحلي محلي ADJ 5 amod
        7 في في ADP 8 case
        8 المدينة مدينة NOUN 4 nmod
        9 . . PUNCT 1 punct""",
    # تقع: its lemma وقع is also "to sign", which is no verb of the list
    "تقع ولاية أضنة في جنوب البلاد .": """
        1 تقع وقع VERB 0 root
        2 ولاية ولاية NOUN 1 nsubj
        3 أضنة أضنة PROPN 2 nmod S-LOC
        4 في في ADP 5 case
        5 جنوب جنوب NOUN 1 obl
        6 البلاد بلاد NOUN 5 nmod
        7 . . PUNCT 1 punct""",
    "قال رئيس لجنة الأمن القومي إن الوضع مستقر .": """
        1 قال قال VERB 0 root
        2 رئيس رئيس NOUN 1 nsubj
        3 لجنة لجنة NOUN 2 nmod
        4 الأمن أمن NOUN 3 nmod
        5 القومي قومي ADJ 4 amod
        6 إن إن CCONJ 8 mark
        7 الوضع وضع NOUN 8 nsubj
        8 مستقر مستقر ADJ 1 ccomp
        9 . . PUNCT 1 punct""",
    "وقالت اللجنة إن الوضع مستقر .": """
        1-2 وقالت
        1 و و CCONJ 2 cc
        2 قالت قال VERB 0 root
        3 اللجنة لجنة NOUN 2 nsubj
        4 إن إن CCONJ 6 mark
        5 الوضع وضع NOUN 6 nsubj
        6 مستقر مستقر ADJ 2 ccomp
        7 . . PUNCT 2 punct""",
}

DATA = load_generic_actors().institutions


def parse(text: str, article_id: str = "inline"):
    """The document of an example's hand parse (kept here, not added to test_generic_actors'
    parses, whose own check wants only its examples there)."""
    doc = from_conllu(to_conllu(PARSES[text]))
    assert doc.article.text.replace("\n", " ") == text, "the hand parse's words are not the example's text"
    doc.article = dataclasses.replace(doc.article, id=article_id)
    return doc


@pytest.fixture(scope="module")
def without(rules) -> Extractor:
    return Extractor(rules, tuple(s for s in STEPS if s is not Institutions))


def _new(rules, without, doc):
    """The actors the step adds, with the facts."""
    facts = rules.extract(doc)
    before = without.run(doc).actors
    return facts, [a for iri, a in facts.actors.items() if iri not in before]


def test_institutions_every_example_has_a_hand_parse():
    texts = {ex.text for ex in DATA.match} | set(DATA.no_match)
    assert sorted(texts ^ set(PARSES)) == []


@pytest.mark.parametrize("example", DATA.match, ids=lambda ex: ex.phrase)
def test_institutions_match_examples(rules, without, example):
    facts, new = _new(rules, without, parse(example.text))
    found = [a for a in new if normalize_ar(a.label_ar) == normalize_ar(example.phrase)]
    assert found, (example.phrase, [a.label_ar for a in new])
    actor = found[0]
    assert actor.cls == "Organization" and not actor.from_gazetteer
    assert actor.sector == (sector_codes()[example.sector] if example.sector else None)
    part = rules.gazetteer.lookup(example.part_of) if example.part_of else None
    assert example.part_of is None or part is not None, f"{example.part_of} is not in the gazetteer"
    assert actor.part_of == (part.iri if part else None)
    # its mention starts at the head
    (m,) = [m for m in facts.mentions if m.actor == actor.iri]
    assert normalize_ar(m.text).split()[0] == normalize_ar(example.phrase).split()[0]


@pytest.mark.parametrize("text", DATA.no_match)
def test_institutions_no_match_examples(rules, without, text):
    _, new = _new(rules, without, parse(text))
    assert [a.label_ar for a in new if a.cls == "Organization"] == []


def test_institutions_a_place_stays_a_place(rules):
    facts = rules.extract(parse("تقع ولاية أضنة في جنوب البلاد ."))
    assert {facts.actors[m.actor].cls for m in facts.mentions} == {"Place"}


def test_institutions_the_speaker_is_the_whole_body(rules, event_roles):
    roles = event_roles(parse("وقالت مديرية الأمن في ولاية ماردين إن الشرطة اعتقلت خمسة أشخاص ."), "Statement")
    assert roles == [{"speaker": ["مديرية الأمن في ولاية ماردين"]}]


def test_institutions_a_place_mention_that_speaks_is_the_authority(rules, conllu_doc):
    """NER tags "ولاية أضنة" as a place; as the subject of قالت it is the governorship."""
    doc = conllu_doc(to_conllu("""
        1 قالت قال VERB 0 root
        2 ولاية ولاية NOUN 1 nsubj B-LOC
        3 أضنة أضنة PROPN 2 nmod E-LOC
        4 إن إن CCONJ 6 mark
        5 الطريق طريق NOUN 6 nsubj
        6 أغلق أغلق VERB 1 ccomp
        7 . . PUNCT 1 punct"""))
    facts = rules.extract(doc)
    (m,) = facts.mentions
    actor = facts.actors[m.actor]
    assert (actor.cls, actor.label_ar, actor.sector, m.as_place) == ("Organization", "ولاية أضنة",
                                                                     "GovernmentSector", False)
    assert m.actor.endswith("/authority") and m.actor == institution_iri(m.actor.rsplit("/", 1)[0], "authority")
    statement = next(e for e in facts.events if e.type == "Statement")
    assert statement.roles["speaker"] == [m.actor]


def test_institutions_a_possessed_head_is_nobody_in_particular(rules, conllu_doc):
    """"وقال مكتبه الإعلامي": his office, whose owner the phrase does not name."""
    doc = conllu_doc(to_conllu("""
        1-2 وقال
        1 و و CCONJ 2 cc
        2 قال قال VERB 0 root
        3-4 مكتبه
        3 مكتب مكتب NOUN 2 nsubj
        4 ه هو PRON 3 nmod
        5 الإعلامي إعلامي ADJ 3 amod
        6 إن إن CCONJ 8 mark
        7 الوضع وضع NOUN 8 nsubj
        8 مستقر مستقر ADJ 2 ccomp
        9 . . PUNCT 2 punct"""))
    assert rules.extract(doc).mentions == []


def _write(tmp_path, change):
    data = yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))
    change(data["institutions"])
    path = tmp_path / "generic_actors.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "code", "words"), [
    (lambda d: d.__setitem__("colour", []), "E321", "a mapping of"),
    (lambda d: d["gov"].append("جامعة"), "E321", "gov and authority list heads"),
    (lambda d: d["match"][0].__setitem__("phrase", "مديرية الصحة"), "E325", "not in the text"),
    (lambda d: d["match"][0].__setitem__("sector", "SPY"), "E323", "sector 'SPY'"),
])
def test_institutions_section_errors_are_coded(tmp_path, change, code, words):
    with pytest.raises(RuleError) as err:
        load_generic_actors(_write(tmp_path, change))
    assert err.value.code == code and words in str(err.value), str(err.value)


def test_institutions_a_definite_noun_ends_the_chain(rules, conllu_doc):
    """"أعلنت هيئة الأركان العامة مقتل جنديين": the parse hangs the object on the phrase; a bare
    noun after a definite one is no genitive."""
    doc = conllu_doc(to_conllu("""
        1 أعلنت أعلن VERB 0 root
        2 هيئة هيئة NOUN 1 nsubj
        3 الأركان ركن NOUN 2 nmod
        4 العامة عام ADJ 3 amod
        5 مقتل مقتل NOUN 3 nmod
        6 جنديين جندي NOUN 5 nmod
        7 . . PUNCT 1 punct"""))
    facts = rules.extract(doc)
    assert [facts.actors[m.actor].label_ar for m in facts.mentions] == ["هيئة الأركان العامة"]


def test_institutions_a_definite_head_takes_no_genitive(rules, conllu_doc):
    """"ودان المجلس العملية وأكد …": a head with the article (المجلس) takes no genitive, so the
    definite noun after it (العملية, parsed as its nmod) is the verb's object, not part of a name;
    the bare head names nobody new."""
    doc = conllu_doc(to_conllu("""
        1-2 ودان
        1 و و CCONJ 2 cc
        2 دان دان VERB 0 root
        3 المجلس مجلس NOUN 2 nsubj
        4 العملية عملية NOUN 3 nmod
        5 التي الذي PRON 6 nsubj
        6 وقعت وقع VERB 4 acl
        7 أمس أمس NOUN 6 obl
        8 . . PUNCT 2 punct"""))
    facts = rules.extract(doc)
    assert not [facts.actors[m.actor].label_ar for m in facts.mentions
                if facts.actors[m.actor].label_ar.endswith("العملية")]


def test_institutions_a_second_genitive_joined_by_wa_is_part_of_the_name(rules, conllu_doc):
    """"وقالت هيئة الإذاعة والتلفزيون الأردنية إن …": the genitive joined by و and the adjective
    after it are in the body's name, however the parse hangs them (here التلفزيون as a conj)."""
    doc = conllu_doc(to_conllu("""
        1-2 وقالت
        1 و و CCONJ 2 cc
        2 قالت قال VERB 0 root
        3 هيئة هيئة NOUN 2 nsubj
        4 الإذاعة إذاعة NOUN 3 nmod
        5-6 والتلفزيون
        5 و و CCONJ 6 cc
        6 التلفزيون تلفزيون NOUN 4 conj
        7 الأردنية أردني ADJ 3 amod
        8 إن إن SCONJ 10 mark
        9 البث بث NOUN 10 nsubj
        10 مستمر مستمر ADJ 2 ccomp
        11 . . PUNCT 2 punct"""))
    facts = rules.extract(doc)
    said = [e for e in facts.events if e.type == "Statement"]
    assert [[facts.actors[a].label_ar for a in e.roles["speaker"]] for e in said] == [["هيئة الإذاعة والتلفزيون الأردنية"]]


def test_institutions_a_conjunct_that_names_an_actor_stays_apart(rules, conllu_doc):
    """"وقالت وزارة الداخلية والشرطة …": the police are an actor of their own, not part of the
    ministry's name."""
    doc = conllu_doc(to_conllu("""
        1-2 وقالت
        1 و و CCONJ 2 cc
        2 قالت قال VERB 0 root
        3 مديرية مديرية NOUN 2 nsubj
        4 الأمن أمن NOUN 3 nmod
        5-6 والشرطة
        5 و و CCONJ 6 cc
        6 الشرطة شرطة NOUN 4 conj
        7 إن إن SCONJ 9 mark
        8 الوضع وضع NOUN 9 nsubj
        9 هادئ هادئ ADJ 2 ccomp
        10 . . PUNCT 2 punct"""))
    facts = rules.extract(doc)
    labels = [facts.actors[m.actor].label_ar for m in facts.mentions]
    assert not [label for label in labels if "الشرطة" in label and label != "الشرطة"], labels
