"""Where an event is (kg/extract/places.py), and counts that open no clause
("ما لا يقل عن"), on hand-made parses."""
from __future__ import annotations

import pytest

from kg.extract import RuleSet


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RuleSet.load()


def _roles(rules, doc, etype):
    facts = rules.extract(doc)
    return [{r: sorted(facts.actors[a].label_ar for a in v) for r, v in e.roles.items()}
            for e in facts.events if e.type == etype]


# The sentence opens with a place (وفي حلب، written as one token as the small
# tokeniser leaves it), and the strike's place lies west of another (غربي الباب).
SCENE = """
# text = وفي حلب ، شنت الطائرات غارات على مواقع في بلدة عندان غربي الباب .
1 وفي في ADP _ _ 2 case _ _
2 حلب حلب X _ _ 4 obl _ ner=S-LOC
3 ، ، PUNCT _ _ 2 punct _ _
4 شنت شن VERB _ _ 0 root _ _
5 الطائرات طائرة NOUN _ _ 4 nsubj _ _
6 غارات غارة NOUN _ _ 4 obj _ _
7 على على ADP _ _ 8 case _ _
8 مواقع موقع NOUN _ _ 6 nmod _ _
9 في في ADP _ _ 10 case _ _
10 بلدة بلدة NOUN _ _ 8 nmod _ _
11 عندان عندان X _ _ 10 nmod _ ner=S-LOC
12 غربي غربي NOUN _ _ 11 nmod _ _
13 الباب الباب X _ _ 12 nmod _ ner=S-LOC
14 . . PUNCT _ _ 4 punct _ _
"""


def test_places_an_attack_is_in_every_place_of_its_chain_and_in_the_opening_place(rules, conllu_doc):
    attacks = _roles(rules, conllu_doc(SCENE), "Attack")
    assert [a.get("location") for a in attacks] == [["الباب", "حلب", "عندان"]], attacks


def test_places_two_places_in_a_list_are_not_one_inside_the_other(rules, conllu_doc):
    """"في عندان والباب": و is no link, and the second place is found by its own preposition
    or not at all; neither chain adds the other."""
    doc = conllu_doc("""
# text = شنت الطائرات غارات على مواقع في عندان والباب .
1 شنت شن VERB _ _ 0 root _ _
2 الطائرات طائرة NOUN _ _ 1 nsubj _ _
3 غارات غارة NOUN _ _ 1 obj _ _
4 على على ADP _ _ 5 case _ _
5 مواقع موقع NOUN _ _ 3 nmod _ _
6 في في ADP _ _ 7 case _ _
7 عندان عندان X _ _ 5 nmod _ ner=S-LOC
8 و و CCONJ _ _ 9 cc _ _
9 الباب الباب X _ _ 7 conj _ ner=S-LOC
10 . . PUNCT _ _ 1 punct _ _
""")
    from kg.extract.context import SentenceContext
    from kg.extract.discourse import Discourse
    from kg.extract.mentions import ResolveMentions
    from kg.extract.places import containers, setting
    from kg.extract.steps import ArticleState
    from kg.facts import ArticleFacts
    state = ArticleState(doc, ArticleFacts(doc), Discourse())
    ResolveMentions(rules)(state)
    mentions = sorted(state.mentions, key=lambda m: m.start)
    ctx = SentenceContext(doc.sentences[0], mentions, state.actors, rules.cues, rules.gazetteer)
    assert [m.text for m in mentions] == ["عندان", "الباب"]
    assert containers(ctx, 0) == [] and containers(ctx, 1) == []
    assert setting(ctx) == []  # the sentence opens with its verb


def test_places_what_is_said_takes_no_opening_place(rules, conllu_doc):
    """"وفي حلب، قال ناشطون …": the place sets the scene of the attack reported, not of the
    saying."""
    doc = conllu_doc("""
# text = وفي حلب ، قال ناشطون إن الطائرات قصفت مواقع داعش .
1 وفي في ADP _ _ 2 case _ _
2 حلب حلب X _ _ 4 obl _ ner=S-LOC
3 ، ، PUNCT _ _ 2 punct _ _
4 قال قال VERB _ _ 0 root _ _
5 ناشطون ناشط NOUN _ _ 4 nsubj _ _
6 إن إن SCONJ _ _ 8 mark _ _
7 الطائرات طائرة NOUN _ _ 8 nsubj _ _
8 قصفت قصف VERB _ _ 4 ccomp _ _
9 مواقع موقع NOUN _ _ 8 obj _ _
10 داعش داعش PROPN _ _ 9 nmod _ ner=S-ORG
11 . . PUNCT _ _ 4 punct _ _
""")
    assert [a.get("location") for a in _roles(rules, doc, "Attack")] == [["حلب"]]
    assert all("location" not in s for s in _roles(rules, doc, "Statement"))


def test_places_a_count_with_ma_la_yaqillu_opens_no_clause(rules, conllu_doc):
    """"نفذ الجيش العراقي ما لا يقل عن 6 ضربات": the parse hangs the strikes on يقل; the
    subject of نفذ carried them out."""
    doc = conllu_doc("""
# text = ونفذ الجيش العراقي ما لا يقل عن 6 ضربات على مواقع داعش .
1-2 ونفذ _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 نفذ نفذ VERB _ _ 0 root _ _
3 الجيش جيش NOUN _ _ 2 nsubj _ _
4 العراقي عراقي ADJ _ _ 3 amod _ _
5 ما ما PRON _ _ 7 mark _ _
6 لا لا PART _ _ 7 advmod _ _
7 يقل قل VERB _ _ 2 ccomp _ _
8 عن عن ADP _ _ 9 case _ _
9 6 6 NUM _ _ 7 obj _ _
10 ضربات ضربة NOUN _ _ 9 nmod _ _
11 على على ADP _ _ 12 case _ _
12 مواقع موقع NOUN _ _ 10 nmod _ _
13 داعش داعش PROPN _ _ 12 nmod _ ner=S-ORG
14 . . PUNCT _ _ 2 punct _ _
""")
    attacks = _roles(rules, doc, "Attack")
    assert [a.get("agent") for a in attacks] == [["الجيش العراقي"]], attacks


def test_places_a_new_conjunct_with_its_own_trigger_is_another_incident(rules, conllu_doc):
    """"تفجير في حلب، ومقتل جندي في إدلب": two attacks, each with its place; "اغتيال X، وY،
    في غارة" stays one (the conjunct after the comma is a name, not a trigger)."""
    doc = conllu_doc("""
# text = وقع تفجير في حلب ، ومقتل جندي في إدلب .
1 وقع وقع VERB _ _ 0 root _ _
2 تفجير تفجير NOUN _ _ 1 nsubj _ _
3 في في ADP _ _ 4 case _ _
4 حلب حلب X _ _ 2 nmod _ ner=S-LOC
5 ، ، PUNCT _ _ 4 punct _ _
6-7 ومقتل _ _ _ _ _ _ _ _
6 و و CCONJ _ _ 7 cc _ _
7 مقتل مقتل NOUN _ _ 2 conj _ _
8 جندي جندي NOUN _ _ 7 nmod _ _
9 في في ADP _ _ 10 case _ _
10 إدلب إدلب X _ _ 7 nmod _ ner=S-LOC
11 . . PUNCT _ _ 1 punct _ _

# text = وقتل سامي الخطيب ، وخالد العلي ، في غارة على حلب .
1 وقتل قتل VERB _ _ 0 root _ _
2 سامي سامي X _ _ 1 nsubj:pass _ ner=B-PER
3 الخطيب خطيب X _ _ 2 flat _ ner=E-PER
4 ، ، PUNCT _ _ 3 punct _ _
5-6 وخالد _ _ _ _ _ _ _ _
5 و و CCONJ _ _ 6 cc _ _
6 خالد خالد X _ _ 2 conj _ ner=B-PER
7 العلي علي X _ _ 6 flat _ ner=E-PER
8 ، ، PUNCT _ _ 7 punct _ _
9 في في ADP _ _ 10 case _ _
10 غارة غارة NOUN _ _ 1 obl _ _
11 على على ADP _ _ 12 case _ _
12 حلب حلب X _ _ 10 nmod _ ner=S-LOC
13 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    attacks = [(e.source.sentence, sorted(facts.actors[a].label_ar for a in e.roles.get("location", [])))
               for e in facts.events if e.type == "Attack"]
    assert attacks[:2] == [(0, ["حلب"]), (0, ["إدلب"])], attacks
    assert [s for s, _ in attacks].count(1) <= 1, attacks


def test_places_a_bare_almadina_is_the_city_the_article_names_most(rules, conllu_doc):
    """تعز twice, then "في المدينة": Taiz; "المدينة القديمة" (an adjective follows) names
    another place and stays out."""
    doc = conllu_doc("""
# text = قصفت الطائرات تعز .
1 قصفت قصف VERB _ _ 0 root _ _
2 الطائرات طائرة NOUN _ _ 1 nsubj _ _
3 تعز تعز X _ _ 1 obj _ ner=S-LOC
4 . . PUNCT _ _ 1 punct _ _

# text = وسيطرت المقاومة على تعز .
1-2 وسيطرت _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 سيطرت سيطر VERB _ _ 0 root _ _
3 المقاومة مقاومة NOUN _ _ 2 nsubj _ _
4 على على ADP _ _ 5 case _ _
5 تعز تعز X _ _ 2 obl _ ner=S-LOC
6 . . PUNCT _ _ 2 punct _ _

# text = واقتحمت المقاومة مبنى في المدينة وأسواق المدينة القديمة .
1-2 واقتحمت _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 اقتحمت اقتحم VERB _ _ 0 root _ _
3 المقاومة مقاومة NOUN _ _ 2 nsubj _ _
4 مبنى مبنى NOUN _ _ 2 obj _ _
5 في في ADP _ _ 6 case _ _
6 المدينة مدينة NOUN _ _ 4 nmod _ _
7-8 وأسواق _ _ _ _ _ _ _ _
7 و و CCONJ _ _ 8 cc _ _
8 أسواق سوق NOUN _ _ 6 conj _ _
9 المدينة مدينة NOUN _ _ 8 nmod _ _
10 القديمة قديم ADJ _ _ 9 amod _ _
11 . . PUNCT _ _ 2 punct _ _

# text = وقال سكان في إدلب إن الدخان غطى المدينة .
1-2 وقال _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 قال قال VERB _ _ 0 root _ _
3 سكان ساكن NOUN _ _ 2 nsubj _ _
4 في في ADP _ _ 5 case _ _
5 إدلب إدلب X _ _ 3 nmod _ ner=S-LOC
6 إن إن SCONJ _ _ 8 mark _ _
7 الدخان دخان NOUN _ _ 8 nsubj _ _
8 غطى غطى VERB _ _ 2 ccomp _ _
9 المدينة مدينة NOUN _ _ 8 obj _ _
10 . . PUNCT _ _ 2 punct _ _
""")
    facts = rules.extract(doc)
    third = [(m.text, facts.actors[m.actor].label_ar) for m in facts.mentions if m.sentence == 2]
    assert ("المدينة", "تعز") in third and [t for t, _ in third].count("المدينة") == 1, third
    # a place named before it in its own sentence comes first
    fourth = [(m.text, facts.actors[m.actor].label_ar) for m in facts.mentions if m.sentence == 3]
    assert ("المدينة", "إدلب") in fourth, fourth


def test_places_two_triggers_with_different_agents_are_two_attacks(rules, conllu_doc):
    """"غارات أمريكية على الرقة وضربات روسية على إدلب": each attacker has its own attack."""
    doc = conllu_doc("""
# text = وشهد الأسبوع غارات أمريكية على الرقة وضربات روسية على إدلب .
1-2 وشهد _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 شهد شهد VERB _ _ 0 root _ _
3 الأسبوع أسبوع NOUN _ _ 2 nsubj _ _
4 غارات غارة NOUN _ _ 2 obj _ _
5 أمريكية أمريكي ADJ _ _ 4 amod _ _
6 على على ADP _ _ 7 case _ _
7 الرقة الرقة X _ _ 4 nmod _ ner=S-LOC
8-9 وضربات _ _ _ _ _ _ _ _
8 و و CCONJ _ _ 9 cc _ _
9 ضربات ضربة NOUN _ _ 4 conj _ _
10 روسية روسي ADJ _ _ 9 amod _ _
11 على على ADP _ _ 12 case _ _
12 إدلب إدلب X _ _ 9 nmod _ ner=S-LOC
13 . . PUNCT _ _ 2 punct _ _
""")
    facts = rules.extract(doc)
    agents = sorted(tuple(sorted(facts.actors[a].label_en for a in e.roles.get("agent", [])))
                    for e in facts.events if e.type == "Attack")
    assert agents == [("Russia",), ("United States",)], agents


def test_places_a_long_name_and_title_do_not_use_up_the_reach_of_the_place(rules, conllu_doc):
    """"اجتمع الأمير خالد بن سلمان بن عبد العزيز نائب وزير الدفاع السعودي رئيس اللجنة العليا
    في جدة مع …": sixteen words lie between the verb and جدة, most of them his name and title."""
    doc = conllu_doc("""
# text = واجتمع الأمير خالد بن سلمان بن عبد العزيز نائب وزير الدفاع السعودي رئيس اللجنة العليا في جدة مع سمير جعجع .
1-2 واجتمع _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 اجتمع اجتمع VERB _ _ 0 root _ _
3 الأمير أمير NOUN _ _ 2 nsubj _ _
4 خالد خالد X _ _ 3 nmod _ ner=B-PER
5 بن بن X _ _ 4 flat _ ner=I-PER
6 سلمان سلمان X _ _ 4 flat _ ner=I-PER
7 بن بن X _ _ 4 flat _ ner=I-PER
8 عبد عبد X _ _ 4 flat _ ner=I-PER
9 العزيز عزيز X _ _ 4 flat _ ner=E-PER
10 نائب نائب NOUN _ _ 4 appos _ _
11 وزير وزير NOUN _ _ 10 nmod _ _
12 الدفاع دفاع NOUN _ _ 11 nmod _ _
13 السعودي سعودي ADJ _ _ 11 amod _ _
14 رئيس رئيس NOUN _ _ 10 conj _ _
15 اللجنة لجنة NOUN _ _ 14 nmod _ _
16 العليا عليا ADJ _ _ 15 amod _ _
17 في في ADP _ _ 18 case _ _
18 جدة جدة X _ _ 16 nmod _ ner=S-LOC
19 مع مع ADP _ _ 20 case _ _
20 سمير سمير X _ _ 2 obl _ ner=B-PER
21 جعجع جعجع X _ _ 20 flat _ ner=E-PER
22 . . PUNCT _ _ 2 punct _ _
""")
    facts = rules.extract(doc)
    meetings = [sorted(facts.actors[a].label_ar for a in e.roles.get("location", []))
                for e in facts.events if e.type == "Meeting"]
    assert meetings == [["جدة"]], meetings


def test_places_a_place_noun_with_a_pronoun_is_no_place_name(rules, conllu_doc):
    """NER tags "محيطها" (its surroundings) as a place: it names none, and a later المدينة is
    the city named before it."""
    doc = conllu_doc("""
# text = وركز الوفد على الحصار في مدينة حمص ومحيطها وأحياء المدينة .
1-2 وركز _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 ركز ركز VERB _ _ 0 root _ _
3 الوفد وفد NOUN _ _ 2 nsubj _ _
4 على على ADP _ _ 5 case _ _
5 الحصار حصار NOUN _ _ 2 obl _ _
6 في في ADP _ _ 7 case _ _
7 مدينة مدينة NOUN _ _ 5 nmod _ _
8 حمص حمص X _ _ 7 nmod _ ner=S-LOC
9-11 ومحيطها _ _ _ _ _ _ _ _
9 و و CCONJ _ _ 10 cc _ _
10 محيط محيط NOUN _ _ 8 conj _ ner=B-LOC
11 ها هو PRON _ _ 10 nmod _ ner=E-LOC
12-13 وأحياء _ _ _ _ _ _ _ _
12 و و CCONJ _ _ 13 cc _ _
13 أحياء حي NOUN _ _ 8 conj _ _
14 المدينة مدينة NOUN _ _ 13 nmod _ _
15 . . PUNCT _ _ 2 punct _ _
""")
    facts = rules.extract(doc)
    got = [(m.text, facts.actors[m.actor].label_en or facts.actors[m.actor].label_ar) for m in facts.mentions]
    assert all(t != "ومحيطها" and t != "محيطها" for t, _ in got), got
    assert ("المدينة", "Homs") in got, got


def test_places_a_chain_passes_an_unknown_place_joined_by_wa(rules, conllu_doc):
    """"في جبهة عندان وتلة السلام شمالي حلب": the second front is no place the gazetteer
    knows; both lie north of Aleppo, so the strike is in Aleppo too, besides the first front
    the preposition gives."""
    doc = conllu_doc("""
# text = وقصفت طائرات التحالف الدولي صباح أمس مواقع للمسلحين في جبهة عندان و تلة السلام شمالي حلب .
1-2 وقصفت _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 قصفت قصف VERB _ _ 0 root _ _
3 طائرات طائرة NOUN _ _ 2 nsubj _ _
4 التحالف تحالف NOUN _ _ 3 nmod _ ner=B-ORG
5 الدولي دولي ADJ _ _ 4 amod _ ner=E-ORG
6 صباح صباح NOUN _ _ 2 obl _ _
7 أمس أمس NOUN _ _ 6 nmod _ _
8 مواقع موقع NOUN _ _ 2 obj _ _
9-10 للمسلحين _ _ _ _ _ _ _ _
9 ل ل ADP _ _ 10 case _ _
10 لمسلحين مسلح NOUN _ _ 8 nmod _ _
11 في في ADP _ _ 12 case _ _
12 جبهة جبهة NOUN _ _ 10 nmod _ _
13 عندان عندان NOUN _ _ 12 nmod _ ner=S-LOC
14 و و CCONJ _ _ 12 cc _ _
15 تلة تلة NOUN _ _ 12 conj _ _
16 السلام سلام NOUN _ _ 15 nmod _ _
17 شمالي شمالي NOUN _ _ 15 nmod _ _
18 حلب حلب NOUN _ _ 17 nmod _ ner=S-LOC
19 . . PUNCT _ _ 2 punct _ _
""")
    attacks = _roles(rules, doc, "Attack")
    assert attacks and all("حلب" in a.get("location", []) and "عندان" in a.get("location", []) for a in attacks), attacks


HEADED = """
# text = وشن المسلحون هجمات على جزر بحيرة تشاد .
1 وشن شن VERB _ _ 0 root _ _
2 المسلحون مسلح NOUN _ _ 1 nsubj _ _
3 هجمات هجمة NOUN _ _ 1 obj _ _
4 على على ADP _ _ 5 case _ _
5 جزر جزيرة NOUN _ _ 3 nmod _ _
6 بحيرة بحيرة NOUN _ _ 5 nmod _ _
7 تشاد تشاد PROPN _ _ 6 nmod _ ner=S-LOC
8 . . PUNCT _ _ 1 punct _ _

# text = وفر آلاف السكان من البحيرة .
1 وفر فر VERB _ _ 0 root _ _
2 آلاف ألف NUM _ _ 1 nsubj _ _
3 السكان ساكن NOUN _ _ 2 nmod _ _
4 من من ADP _ _ 5 case _ _
5 البحيرة بحيرة NOUN _ _ 1 obl _ ner=S-LOC
6 . . PUNCT _ _ 1 punct _ _

# text = ووقع انفجار بسوق دمشق .
1-2 ووقع _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 وقع وقع VERB _ _ 0 root _ _
3 انفجار انفجار NOUN _ _ 2 nsubj _ _
4-5 بسوق _ _ _ _ _ _ _ _
4 ب ب ADP _ _ 5 case _ _
5 سوق سوق NOUN _ _ 2 obl _ _
6 دمشق دمشق PROPN _ _ 5 nmod _ ner=S-LOC
7 . . PUNCT _ _ 2 punct _ _
"""


def test_places_a_head_noun_before_a_known_place_names_a_place_of_its_own(rules, conllu_doc):
    """"على جزر بحيرة تشاد": the lake (lexicon ``place_name_heads``), not the country; "من
    البحيرة" later is that lake; "بسوق دمشق" is the market, with the preposition left out."""
    facts = rules.extract(conllu_doc(HEADED))
    by_sentence = {m.sentence: (m.text, facts.actors[m.actor]) for m in facts.mentions
                   if facts.actors[m.actor].cls in ("Place", "Country")}
    assert [(t, a.cls, a.label_ar) for t, a in (by_sentence[0], by_sentence[2])] == [
        ("بحيرة تشاد", "Place", "بحيرة تشاد"), ("سوق دمشق", "Place", "سوق دمشق")]
    assert by_sentence[1][1] is by_sentence[0][1]
    assert _roles(rules, conllu_doc(HEADED), "Attack")[0]["location"] == ["بحيرة تشاد"]


IN_TITLE = """
# text = وقال خالد العمري حاكم منطقة الشونة حيث وقعت الغارة إن الطائرات دمرت المبنى .
1 وقال قال VERB _ _ 0 root _ _
2 خالد خالد PROPN _ _ 1 nsubj _ ner=B-PER
3 العمري عمري NOUN _ _ 2 nmod _ ner=E-PER
4 حاكم حاكم NOUN _ _ 2 nmod _ _
5 منطقة منطقة NOUN _ _ 4 nmod _ _
6 الشونة شونة NOUN _ _ 5 nmod _ ner=S-LOC
7 حيث حيث SCONJ _ _ 8 mark _ _
8 وقعت وقع VERB _ _ 5 acl _ _
9 الغارة غارة NOUN _ _ 8 nsubj _ _
10 إن إن SCONJ _ _ 12 mark _ _
11 الطائرات طائرة NOUN _ _ 12 nsubj _ _
12 دمرت دمر VERB _ _ 1 ccomp _ _
13 المبنى مبنى NOUN _ _ 12 obj _ _
14 . . PUNCT _ _ 1 punct _ _
"""


def test_places_a_place_inside_a_title_is_where_the_event_of_its_clause_was(rules, conllu_doc):
    """"خالد العمري حاكم منطقة الشونة حيث وقعت الغارة": the title is the governor's, and the
    district it names is where the strike fell."""
    facts = rules.extract(conllu_doc(IN_TITLE))
    assert [t.title for t in facts.titles] == ["حاكم منطقة الشونة"]
    assert _roles(rules, conllu_doc(IN_TITLE), "Attack")[0].get("location") == ["الشونة"]


def test_places_a_name_after_a_place_noun_that_the_tagger_calls_an_adjective_is_kept(rules, conllu_doc):
    """"مدينة الزرقاء" with the name tagged as the noun's adjective (amod): after a place noun
    it is the place's name, not an adjective to drop."""
    doc = conllu_doc("""
# text = ووقع الانفجار في مدينة الزرقاء .
1 ووقع وقع VERB _ _ 0 root _ _
2 الانفجار انفجار NOUN _ _ 1 nsubj _ _
3 في في ADP _ _ 4 case _ _
4 مدينة مدينة NOUN _ _ 1 obl _ _
5 الزرقاء أزرق ADJ _ _ 4 amod _ ner=S-LOC
6 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    assert [m.text for m in facts.mentions] == ["الزرقاء"]
