"""Coordinated actors and coordinated verbs (kg/extract/coordination.py), on parses of
sentences written for these tests; the mis-attachments are the small models' own."""
from __future__ import annotations

COMPANION_AS_OBJECT = """
# text = قصفت قوات النظام ومعها حزب الله بلدة الزبداني أمس .
1 قصفت قصف VERB _ _ 0 root _ _
2 قوات قوة NOUN _ _ 1 nsubj _ _
3 النظام نظام NOUN _ _ 2 nmod _ _
4-5 ومعها _ _ _ _ _ _ _ _
4 ومع ومع ADP _ _ 5 case _ _
5 ها هو PRON _ _ 1 nmod _ _
6 حزب حزب NOUN _ _ 1 obj _ ner=B-ORG
7 الله الله NOUN _ _ 6 nmod _ ner=E-ORG
8 بلدة بلدة NOUN _ _ 6 nmod _ _
9 الزبداني زبداني NOUN _ _ 8 nmod _ ner=S-LOC
10 أمس أمس NOUN _ _ 8 nmod _ _
11 . . PUNCT _ _ 1 punct _ _
"""


def test_the_companion_after_wa_maahu_joins_the_subject(conllu_doc, event_roles):
    """"قصفت قوات النظام ومعها حزب الله بلدة …": the parse makes Hezbollah the object; after
    ومعها it bombs with the forces (lexicon ``companion_words``), it is not bombed."""
    (roles,) = event_roles(conllu_doc(COMPANION_AS_OBJECT), "Attack")
    assert "Hezbollah" in roles["agent"]
    assert "Hezbollah" not in roles.get("target", [])


def test_the_companion_joins_the_subject_of_the_verb_that_carries_an_attack_noun(conllu_doc, event_roles):
    """"ويواصل النظام السوري ومعه حزب الله قصف المدينة": the two go on bombing; the parse
    gives the verb two subjects and keeps the first."""
    doc = conllu_doc("""
# text = ويواصل النظام السوري ومعه حزب الله قصف مدينة الزبداني بالبراميل المتفجرة .
1 ويواصل واصل VERB _ _ 0 root _ _
2 النظام نظام NOUN _ _ 1 nsubj _ _
3 السوري سوري ADJ _ _ 2 amod _ _
4-6 ومعه _ _ _ _ _ _ _ _
4 و و CCONJ _ _ 2 cc _ _
5 مع مع ADP _ _ 6 case _ _
6 ه هو PRON _ _ 1 nmod _ _
7 حزب حزب NOUN _ _ 1 nsubj _ ner=B-ORG
8 الله الله NOUN _ _ 7 nmod _ ner=E-ORG
9 قصف قصف NOUN _ _ 7 nmod _ _
10 مدينة مدينة NOUN _ _ 9 nmod _ _
11 الزبداني زبداني NOUN _ _ 10 nmod _ ner=S-LOC
12-13 بالبراميل _ _ _ _ _ _ _ _
12 ب ب ADP _ _ 13 case _ _
13 البراميل برميل NOUN _ _ 10 nmod _ _
14 المتفجرة متفجر ADJ _ _ 13 amod _ _
15 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert "Hezbollah" in roles["agent"] and len(roles["agent"]) == 2


def test_a_name_joined_by_wa_that_the_parse_makes_the_object_is_a_second_subject(conllu_doc, event_roles):
    """"شنت قوات النظام وحزب الله هجوما": the parse hangs Hezbollah on the verb as its
    object, with no conj; by word order it is joined to the subject (و right after it)."""
    doc = conllu_doc("""
# text = شنت قوات النظام وحزب الله هجوما على بلدة الزبداني .
1 شنت شن VERB _ _ 0 root _ _
2 قوات قوة NOUN _ _ 1 nsubj _ _
3 النظام نظام NOUN _ _ 2 nmod _ _
4 و و CCONJ _ _ 5 cc _ _
5 حزب حزب NOUN _ _ 1 obj _ ner=B-ORG
6 الله الله NOUN _ _ 5 nmod _ ner=E-ORG
7 هجوما هجوم NOUN _ _ 1 obj _ _
8 على على ADP _ _ 9 case _ _
9 بلدة بلدة NOUN _ _ 7 nmod _ _
10 الزبداني زبداني NOUN _ _ 9 nmod _ ner=S-LOC
11 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert "Hezbollah" in roles["agent"] and len(roles["agent"]) == 2


def test_no_name_joins_after_a_comma(conllu_doc, event_roles):
    """"قصفت قوات النظام مواقع المعارضة، وحزب الله يحاصر البلدة": a new clause after the
    comma; Hezbollah is neither bombed nor joined to the opposition by word order."""
    doc = conllu_doc("""
# text = قصفت قوات النظام مواقع المعارضة ، وحزب الله يحاصر البلدة .
1 قصفت قصف VERB _ _ 0 root _ _
2 قوات قوة NOUN _ _ 1 nsubj _ _
3 النظام نظام NOUN _ _ 2 nmod _ _
4 مواقع موقع NOUN _ _ 1 obj _ _
5 المعارضة معارضة NOUN _ _ 4 nmod _ ner=S-ORG
6 ، ، PUNCT _ _ 1 punct _ _
7 وحزب حزب NOUN _ _ 9 nsubj _ ner=B-ORG
8 الله الله NOUN _ _ 7 nmod _ ner=E-ORG
9 يحاصر حاصر VERB _ _ 1 parataxis _ _
10 البلدة بلدة NOUN _ _ 9 obj _ _
11 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert "Hezbollah" not in roles.get("target", []) + roles.get("agent", [])


def test_two_nationality_adjectives_on_one_head_name_both_countries(conllu_doc, event_roles):
    """"قصفت الطائرات الروسية والسورية مواقع …": the parse hangs the second adjective on the
    first (conj); both countries' aircraft bomb."""
    doc = conllu_doc("""
# text = قصفت الطائرات الروسية والسورية مواقع المعارضة في ريف إدلب .
1 قصفت قصف VERB _ _ 0 root _ _
2 الطائرات طائرة NOUN _ _ 1 nsubj _ _
3 الروسية روسي ADJ _ _ 2 amod _ _
4-5 والسورية _ _ _ _ _ _ _ _
4 و و CCONJ _ _ 5 cc _ _
5 السورية سوري ADJ _ _ 3 conj _ _
6 مواقع موقع NOUN _ _ 1 obj _ _
7 المعارضة معارضة NOUN _ _ 6 nmod _ ner=S-ORG
8 في في ADP _ _ 9 case _ _
9 ريف ريف NOUN _ _ 1 obl _ _
10 إدلب إدلب PROPN _ _ 9 nmod _ ner=S-LOC
11 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["agent"] == ["Russia", "Syria"]


def test_two_nationality_adjectives_on_an_attack_noun(conllu_doc, event_roles):
    """"غارات أمريكية وبريطانية": the second adjective hangs on the first (conj), after a و."""
    doc = conllu_doc("""
# text = وأسفرت غارات أمريكية وبريطانية عن مقتل قيادي في تنظيم داعش .
1 وأسفرت أسفر VERB _ _ 0 root _ _
2 غارات غارة NOUN _ _ 1 nsubj _ _
3 أمريكية أمريكي ADJ _ _ 2 amod _ _
4-5 وبريطانية _ _ _ _ _ _ _ _
4 و و CCONJ _ _ 5 cc _ _
5 بريطانية بريطاني ADJ _ _ 3 conj _ _
6 عن عن ADP _ _ 7 case _ _
7 مقتل مقتل NOUN _ _ 1 obl _ _
8 قيادي قيادي NOUN _ _ 7 nmod _ _
9 في في ADP _ _ 10 case _ _
10 تنظيم تنظيم NOUN _ _ 8 nmod _ ner=B-ORG
11 داعش داعش PROPN _ _ 10 nmod _ ner=E-ORG
12 . . PUNCT _ _ 1 punct _ _
""")
    agents = {a for roles in event_roles(doc, "Attack") for a in roles.get("agent", [])}
    assert {"United States", "United Kingdom"} <= agents


SECOND_VERB = """
# text = وقصف الجيش الإسرائيلي مواقع حركة حماس في قطاع غزة ودمرها .
1 وقصف وقص NOUN _ _ 0 root _ _
2 الجيش جيش NOUN _ _ 1 nmod _ _
3 الإسرائيلي إسرائيلي ADJ _ _ 2 amod _ _
4 مواقع موقع NOUN _ _ 1 nmod _ _
5 حركة حركة NOUN _ _ 4 nmod _ ner=B-ORG
6 حماس حماس NOUN _ _ 5 nmod _ ner=E-ORG
7 في في ADP _ _ 8 case _ _
8 قطاع قطاع NOUN _ _ 5 nmod _ ner=B-LOC
9 غزة غزة NOUN _ _ 8 nmod _ ner=E-LOC
10-12 ودمرها _ _ _ _ _ _ _ _
10 و و CCONJ _ _ 8 cc _ _
11 دمر دمر VERB _ _ 8 acl _ _
12 ها هو PRON _ _ 11 obj _ _
13 . . PUNCT _ _ 1 punct _ _
"""


def test_a_second_verb_with_a_pronoun_object_shares_the_first_ones_subject(conllu_doc, event_roles):
    """"وقصف الجيش الإسرائيلي مواقع حركة حماس … ودمرها": the army destroys what it bombed;
    Hamas, the first verb's object, destroys nothing (the tagger calls وقصف a noun)."""
    events = event_roles(conllu_doc(SECOND_VERB), "Attack")
    assert events and all("Hamas" not in roles.get("agent", []) for roles in events)
    assert all(roles.get("agent") for roles in events)


def test_a_verb_conj_of_a_verb_takes_its_subject(conllu_doc, event_roles):
    """"وحاصرت قوات النظام مسلحي تنظيم داعش في البلدة واستهدفت مواقعهم في ريف حمص": the
    parse joins the verbs (conj); the forces target, not the besieged group named before the
    second verb."""
    doc = conllu_doc("""
# text = وحاصرت قوات النظام مسلحي تنظيم داعش في البلدة واستهدفت مواقعهم في ريف حمص .
1 وحاصرت حاصر VERB _ _ 0 root _ _
2 قوات قوة NOUN _ _ 1 nsubj _ _
3 النظام نظام NOUN _ _ 2 nmod _ _
4 مسلحي مسلح NOUN _ _ 1 obj _ _
5 تنظيم تنظيم NOUN _ _ 4 nmod _ ner=B-ORG
6 داعش داعش PROPN _ _ 5 nmod _ ner=E-ORG
7 في في ADP _ _ 8 case _ _
8 البلدة بلدة NOUN _ _ 1 obl _ _
9 و و CCONJ _ _ 10 cc _ _
10 استهدفت استهدف VERB _ _ 1 conj _ _
11-12 مواقعهم _ _ _ _ _ _ _ _
11 مواقع موقع NOUN _ _ 10 obj _ _
12 هم هو PRON _ _ 11 nmod _ _
13 في في ADP _ _ 14 case _ _
14 ريف ريف NOUN _ _ 10 obl _ _
15 حمص حمص PROPN _ _ 14 nmod _ ner=S-LOC
16 . . PUNCT _ _ 1 punct _ _
""")
    events = event_roles(doc, "Attack")
    assert events and all("Islamic State" not in roles.get("agent", []) for roles in events)
    assert all(len(roles.get("agent", [])) == 1 for roles in events)


def test_a_list_that_hangs_each_name_on_the_one_before_gives_every_name(conllu_doc, event_roles):
    """"جرت مباحثات في الأردن ومصر والعراق": the parser makes العراق a conj of مصر, not of
    الأردن; all three are where the talks were."""
    doc = conllu_doc("""
# text = وعقد الوزير مباحثات مع نظيره في الأردن ومصر والعراق .
1 وعقد عقد VERB _ _ 0 root _ _
2 الوزير وزير NOUN _ _ 1 nsubj _ _
3 مباحثات مباحثة NOUN _ _ 1 obj _ _
4 مع مع ADP _ _ 5 case _ _
5 نظيره نظير NOUN _ _ 3 nmod _ _
6 في في ADP _ _ 7 case _ _
7 الأردن أردن NOUN _ _ 3 nmod _ ner=S-LOC
8 و و CCONJ _ _ 9 cc _ _
9 مصر مصر NOUN _ _ 7 conj _ ner=S-LOC
10 و و CCONJ _ _ 11 cc _ _
11 العراق عراق NOUN _ _ 9 conj _ ner=S-LOC
12 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Meeting")
    assert sorted(roles["location"]) == ["Egypt", "Iraq", "Jordan"]


def test_the_companion_in_quote_marks_that_the_parse_makes_the_subject_names_the_first_too(conllu_doc, event_roles):
    """"وقصفت قوات النظام ومعها «حزب الله» البلدة": the parse gives the verb the companion as
    its only subject; past the quote marks it is the companion of the forces, and both bomb."""
    doc = conllu_doc("""
# text = وقصفت قوات النظام ومعها «حزب الله» بلدة الزبداني .
1 وقصفت قصف VERB _ _ 0 root _ _
2 قوات قوة NOUN _ _ 1 obl _ _
3 النظام نظام NOUN _ _ 2 nmod _ _
4-5 ومعها _ _ _ _ _ _ _ _
4 ومع ومع ADP _ _ 5 case _ _
5 ها هو PRON _ _ 2 nmod _ _
6 « « PUNCT _ _ 7 punct _ _
7 حزب حزب NOUN _ _ 1 nsubj _ ner=B-ORG
8 الله الله NOUN _ _ 7 nmod _ ner=E-ORG
9 » » PUNCT _ _ 7 punct _ _
10 بلدة بلدة NOUN _ _ 1 obj _ _
11 الزبداني زبداني NOUN _ _ 10 nmod _ ner=S-LOC
12 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert "Hezbollah" in roles["agent"] and len(roles["agent"]) == 2, roles
