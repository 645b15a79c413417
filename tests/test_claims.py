"""Claims of responsibility (kg/extract/claims.py), on parses of sentences written for these tests."""
from __future__ import annotations


def test_a_group_that_announces_its_responsibility_for_an_attack_is_its_attacker(conllu_doc, event_roles):
    """"أعلن التنظيم مسؤوليته عن الهجوم": the subject of أعلن (after it, as the tagger took
    the verb for a noun) claims the attack after عن."""
    doc = conllu_doc("""
# text = وأعلن تنظيم داعش مسؤوليته عن الهجوم على مركز الشرطة في مدينة العريش.
1 وأعلن وَأعَل NOUN _ _ 0 root _ _
2 تنظيم تَنظِيم NOUN _ _ 1 nmod _ _
3 داعش دَاعِش NOUN _ _ 2 nmod _ ner=S-ORG
4-5 مسؤوليته _ _ _ _ _ _ _ _
4 مسؤوليت مسؤوليت X _ _ 2 nmod _ _
5 ه هُوَ PRON _ _ 4 nmod _ _
6 عن عَن ADP _ _ 7 case _ _
7 الهجوم هُجُوم NOUN _ _ 4 nmod _ _
8 على عَلَى ADP _ _ 9 case _ _
9 مركز مَركَز NOUN _ _ 7 nmod _ _
10 الشرطة شُرطَة NOUN _ _ 9 nmod _ _
11 في فِي ADP _ _ 12 case _ _
12 مدينة مَدِينَة NOUN _ _ 9 nmod _ _
13 العريش عَرِيش NOUN _ _ 12 nmod _ ner=S-LOC
14 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["agent"] == ["Islamic State"]


def test_a_claim_that_names_no_attack_claims_the_attack_just_told(conllu_doc, event_roles):
    """"قتل عشرة جنود في هجوم … . وأعلنت الجماعة مسؤوليتها في بيان": the claim names no attack,
    so it claims the last one told, which has no attacker yet."""
    doc = conllu_doc("""
# text = قتل عشرة جنود في هجوم على ثكنة عسكرية قرب مدينة مايدوغوري.
1 قتل قَتَل VERB _ _ 0 root _ _
2 عشرة عَشَرَة NUM _ _ 1 nsubj _ _
3 جنود جُندِيّ NOUN _ _ 2 nmod _ _
4 في فِي ADP _ _ 5 case _ _
5 هجوم هُجُوم NOUN _ _ 1 obl _ _
6 على عَلَى ADP _ _ 7 case _ _
7 ثكنة ثُكنَة NOUN _ _ 5 nmod _ _
8 عسكرية عَسكَرِيّ NOUN _ _ 7 nmod _ _
9 قرب قُرب NOUN _ _ 8 nmod _ _
10 مدينة مَدِينَة NOUN _ _ 9 nmod _ _
11 مايدوغوري مايدوغوري PROPN _ _ 10 nmod _ ner=S-LOC
12 . . PUNCT _ _ 1 punct _ _

# text = وأعلنت جماعة بوكو حرام مسؤوليتها في بيان.
1-2 وأعلنت _ _ _ _ _ _ _ _
1 و وَ CCONJ _ _ 0 root _ _
2 أعلنت أَعلَن VERB _ _ 1 parataxis _ _
3 جماعة جَمَاعَة NOUN _ _ 2 nsubj _ _
4-5 بوكو _ _ _ _ _ _ _ ner=B-ORG
4 ب بِ ADP _ _ 5 case _ _
5 وكو وِكُو X _ _ 2 obj _ _
6 حرام حِرَام NOUN _ _ 5 nmod _ ner=E-ORG
7-8 مسؤوليتها _ _ _ _ _ _ _ _
7 مسؤوليت مسؤوليت X _ _ 6 nmod _ _
8 ها هُوَ PRON _ _ 7 nmod _ _
9 في فِي ADP _ _ 10 case _ _
10 بيان بَيَان NOUN _ _ 6 nmod _ _
11 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["agent"] == ["Boko Haram"]


def test_the_maker_of_a_statement_in_which_an_attack_is_claimed_claims_it(conllu_doc, event_roles):
    """"وكان التنظيم تحدث في بيان تبنى فيه الهجوم": تبنى in a relative clause on بيان has no
    subject of its own; the subject of the verb whose clause holds it claims the attack."""
    doc = conllu_doc("""
# text = وكان تنظيم داعش تحدث في بيان تبنى فيه الهجوم على القنصلية عن جنود الخلافة.
1 وكان وَكَان VERB _ _ 0 root _ _
2 تنظيم تَنظِيم NOUN _ _ 1 nsubj _ _
3 داعش دَاعِش NOUN _ _ 2 nmod _ ner=S-ORG
4 تحدث أَحدَث VERB _ _ 1 xcomp _ _
5 في فِي ADP _ _ 6 case _ _
6 بيان بَيَان NOUN _ _ 4 obj _ _
7 تبنى تَبَنَّى VERB _ _ 4 ccomp _ _
8-9 فيه _ _ _ _ _ _ _ _
8 في فِي ADP _ _ 9 case _ _
9 ه هُوَ PRON _ _ 7 obj _ _
10 الهجوم هُجُوم NOUN _ _ 7 obj _ _
11 على عَلَى ADP _ _ 12 case _ _
12 القنصلية قُنصُلِيَّة NOUN _ _ 10 nmod _ _
13 عن عَن ADP _ _ 14 case _ _
14 جنود جُندِيّ NOUN _ _ 12 nmod _ _
15 الخلافة خِلَافَة NOUN _ _ 14 nmod _ _
16 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["agent"] == ["Islamic State"]


def test_a_denied_responsibility_neither_claims_nor_denies_the_attack(conllu_doc, rules):
    """"ونفت الحركة مسؤوليتها عن الهجوم": the denial is of the responsibility; the attack
    happened (not negative), and the group that denies is no attacker."""
    doc = conllu_doc("""
# text = ونفت حركة طالبان مسؤوليتها عن الهجوم على السوق في كابول.
1 ونفت وَنَف VERB _ _ 0 root _ _
2 حركة حَرَكَة NOUN _ _ 1 nsubj _ _
3 طالبان طالِب NOUN _ _ 2 nmod _ ner=S-ORG
4-5 مسؤوليتها _ _ _ _ _ _ _ _
4 مسؤوليت مسؤوليت X _ _ 2 nmod _ _
5 ها هُوَ PRON _ _ 4 nmod _ _
6 عن عَن ADP _ _ 7 case _ _
7 الهجوم هُجُوم NOUN _ _ 1 nmod _ _
8 على عَلَى ADP _ _ 9 case _ _
9 السوق سُوق NOUN _ _ 7 nmod _ _
10 في فِي ADP _ _ 11 case _ _
11 كابول كَابُول NOUN _ _ 9 nmod _ ner=S-LOC
12 . . PUNCT _ _ 1 punct _ _
""")
    (event,) = [e for e in rules.extract(doc).events if e.type == "Attack"]
    assert event.polarity is None
    assert "agent" not in event.roles


def test_a_resolution_adopted_about_an_attack_does_not_make_the_council_its_attacker(conllu_doc, event_roles):
    """"تبنى مجلس الأمن قرارا بشأن الهجوم": تبنى adopts a resolution; the attack named inside
    it is nobody's claim."""
    doc = conllu_doc("""
# text = وتبنى مجلس الأمن الدولي قرارا بشأن الهجوم على السفارة الأمريكية.
1 وتبنى وَبَن VERB _ _ 0 root _ _
2 مجلس مَجلِس NOUN _ _ 1 nsubj _ ner=B-ORG
3 الأمن أَمن NOUN _ _ 2 nmod _ ner=I-ORG
4 الدولي دُوَلِيّ ADJ _ _ 3 amod _ ner=E-ORG
5 قرارا قَرَار NOUN _ _ 1 obj _ _
6-7 بشأن _ _ _ _ _ _ _ _
6 ب بِ ADP _ _ 8 case _ _
7 شأن شَأن NOUN _ _ 8 cc _ _
8 الهجوم هُجُوم NOUN _ _ 5 nmod _ _
9 على عَلَى ADP _ _ 10 case _ _
10 السفارة سِفَارَة NOUN _ _ 8 nmod _ _
11 الأمريكية أَمرِيكِيّ ADJ _ _ 10 amod _ _
12 . . PUNCT _ _ 1 punct _ _
""")
    assert all("agent" not in roles for roles in event_roles(doc, "Attack"))


def test_the_verbal_noun_of_adopting_claims_the_attack_after_lam(conllu_doc, event_roles):
    """"أعلن التنظيم في بيان تبنيه للهجوم": تبنيه with ل claims the attack, past "في بيان"."""
    doc = conllu_doc("""
# text = وأعلن تنظيم داعش في بيان تبنيه للهجوم على الفندق.
1 وأعلن وَأعَل NOUN _ _ 0 root _ _
2 تنظيم تَنظِيم NOUN _ _ 1 nmod _ _
3 داعش دَاعِش NOUN _ _ 2 nmod _ ner=S-ORG
4 في فِي ADP _ _ 5 case _ _
5 بيان بَيَان NOUN _ _ 2 nmod _ _
6 تبنيه تبنيه X _ _ 5 nmod _ _
7-8 للهجوم _ _ _ _ _ _ _ _
7 ل لِ ADP _ _ 8 case _ _
8 لهجوم هُجُوم NOUN _ _ 5 nmod _ _
9 على عَلَى ADP _ _ 10 case _ _
10 الفندق فُندُق NOUN _ _ 8 nmod _ _
11 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["agent"] == ["Islamic State"]


def test_a_claim_in_a_relative_clause_claims_the_attack_it_is_on(conllu_doc, event_roles):
    """"هجوم ادعى التنظيم مسؤوليته عنه": عنه points to the attack noun the clause is on."""
    doc = conllu_doc("""
# text = وفي أعقاب هجوم ادعى تنظيم داعش مسؤوليته عنه في مدينة سوسة، أغلقت السلطات المساجد.
1 وفي وَفَى CCONJ _ _ 4 mark _ _
2 أعقاب عُقب NOUN _ _ 4 nsubj _ _
3 هجوم هُجُوم NOUN _ _ 2 nmod _ _
4 ادعى اِدَّعَى VERB _ _ 0 root _ _
5 تنظيم تَنظِيم NOUN _ _ 4 obj _ _
6 داعش دَاعِش NOUN _ _ 5 nmod _ ner=S-ORG
7-8 مسؤوليته _ _ _ _ _ _ _ _
7 مسؤوليت مسؤوليت X _ _ 5 nmod _ _
8 ه هُوَ PRON _ _ 7 nmod _ _
9-10 عنه _ _ _ _ _ _ _ _
9 عن عَن ADP _ _ 10 case _ _
10 ه هُوَ PRON _ _ 7 nmod _ _
11 في فِي ADP _ _ 12 case _ _
12 مدينة مَدِينَة NOUN _ _ 15 nmod _ _
13 سوسة سوسة X _ _ 12 nmod _ ner=S-LOC
14 ، ، PUNCT _ _ 13 punct _ _
15 أغلقت أَغلَق VERB _ _ 4 conj _ _
16 السلطات سُلطَة NOUN _ _ 15 nsubj _ _
17 المساجد مَسجَدَة NOUN _ _ 16 nmod _ _
18 . . PUNCT _ _ 15 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["agent"] == ["Islamic State"]


def test_a_negated_claim_claims_nothing(conllu_doc, event_roles):
    """"… في هجوم على دورية للجيش. ولم يعلن التنظيم مسؤوليته": no claim, no attacker."""
    doc = conllu_doc("""
# text = وقتل خمسة جنود في هجوم على دورية للجيش المصري في سيناء.
1 وقتل وَقَّل VERB _ _ 0 root _ _
2 خمسة خَمسَة NUM _ _ 1 nsubj _ _
3 جنود جُندِيّ NOUN _ _ 2 nmod _ _
4 في فِي ADP _ _ 5 case _ _
5 هجوم هُجُوم NOUN _ _ 1 obj _ _
6 على عَلَى ADP _ _ 7 case _ _
7 دورية دَورِيَّة NOUN _ _ 5 nmod _ _
8-9 للجيش _ _ _ _ _ _ _ _
8 ل لِ ADP _ _ 9 case _ _
9 لجيش جَيش NOUN _ _ 7 nmod _ _
10 المصري مِصرِيّ ADJ _ _ 9 amod _ _
11 في فِي ADP _ _ 12 case _ _
12 سيناء سِينَاء NOUN _ _ 9 nmod _ ner=S-LOC
13 . . PUNCT _ _ 1 punct _ _

# text = ولم يعلن تنظيم داعش مسؤوليته في بيان.
1-2 ولم _ _ _ _ _ _ _ _
1 و وَ CCONJ _ _ 0 root _ _
2 لم لَم PART _ _ 3 advmod _ _
3 يعلن أَعلَن VERB _ _ 1 parataxis _ _
4 تنظيم تَنظِيم NOUN _ _ 3 obj _ _
5 داعش دَاعِش NOUN _ _ 4 nmod _ ner=S-ORG
6-7 مسؤوليته _ _ _ _ _ _ _ _
6 مسؤوليت مسؤوليت X _ _ 4 nmod _ _
7 ه هُوَ PRON _ _ 6 nmod _ _
8 في فِي ADP _ _ 9 case _ _
9 بيان بَيَان NOUN _ _ 3 nmod _ _
10 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert "agent" not in roles


def test_a_claim_that_names_no_attack_leaves_an_attack_with_another_attacker_alone(conllu_doc, event_roles):
    """"شنت الطائرات الأمريكية غارات … . وأعلن التنظيم مسؤوليته في بيان": the last attack
    has an attacker already, the United States: the claim is not about it."""
    doc = conllu_doc("""
# text = وشنت الطائرات الأمريكية غارات على مواقع التنظيم في الرقة.
1 وشنت وَشَن VERB _ _ 0 root _ _
2 الطائرات طَائِرَة NOUN _ _ 1 nsubj _ _
3 الأمريكية أَمرِيكِيّ ADJ _ _ 2 amod _ _
4 غارات غَارَة NOUN _ _ 1 obj _ _
5 على عَلَى ADP _ _ 6 case _ _
6 مواقع مَوقِع NOUN _ _ 4 nmod _ _
7 التنظيم تَنظِيم NOUN _ _ 6 nmod _ _
8 في فِي ADP _ _ 9 case _ _
9 الرقة رُقَّة NOUN _ _ 6 nmod _ _
10 . . PUNCT _ _ 1 punct _ _

# text = وأعلن تنظيم داعش مسؤوليته في بيان.
1-2 وأعلن _ _ _ _ _ _ _ _
1 و وَ CCONJ _ _ 0 root _ _
2 أعلن أَعلَن VERB _ _ 1 parataxis _ _
3 تنظيم تَنظِيم NOUN _ _ 2 nsubj _ _
4 داعش دَاعِش NOUN _ _ 3 nmod _ ner=S-ORG
5-6 مسؤوليته _ _ _ _ _ _ _ _
5 مسؤوليت مسؤوليت X _ _ 3 nmod _ _
6 ه هُوَ PRON _ _ 5 nmod _ _
7 في فِي ADP _ _ 8 case _ _
8 بيان بَيَان NOUN _ _ 2 nmod _ _
9 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["agent"] == ["United States"]


def test_tabanna_split_from_its_conjunction_claims_the_operation_past_a_quoted_group_name(conllu_doc, event_roles):
    """"، وتبنّى تنظيم «داعش» العملية": تبنى split off و still opens its token, and the group
    noun before the quoted name (تنظيم) is the name's head, not what is claimed."""
    doc = conllu_doc("""
# text = وهاجم مسلحون حاجزا للشرطة، وتبنّى تنظيم «داعش» العملية الإرهابية.
1-2 وهاجم _ _ _ _ _ _ _ _
1 و وَ CCONJ _ _ 2 cc _ _
2 هاجم هَاجَم VERB _ _ 0 root _ _
3 مسلحون مُسَلَّح NOUN _ _ 2 nsubj _ _
4 حاجزا حَاجِز NOUN _ _ 2 obj _ _
5-6 للشرطة _ _ _ _ _ _ _ _
5 ل لِ ADP _ _ 6 case _ _
6 الشرطة شُرطَة NOUN _ _ 4 nmod _ _
7 ، ، PUNCT _ _ 2 punct _ _
8-9 وتبنّى _ _ _ _ _ _ _ _
8 و وَ CCONJ _ _ 9 cc _ _
9 تبنّى تَبَنَّى VERB _ _ 2 conj _ _
10 تنظيم تَنظِيم NOUN _ _ 9 obj _ _
11 « « PUNCT _ _ 12 punct _ _
12 داعش دَاعِش NOUN _ _ 10 nmod _ ner=S-ORG
13 » » PUNCT _ _ 14 punct _ _
14 العملية عَمَلِيَّة NOUN _ _ 12 nmod _ _
15 الإرهابية إِرهَابِيّ ADJ _ _ 14 amod _ _
16 . . PUNCT _ _ 2 punct _ _
""")
    attacks = event_roles(doc, "Attack")
    assert ["Islamic State"] in [roles.get("agent") for roles in attacks], attacks


def test_tabanna_tagged_as_a_noun_at_the_start_claims_past_an_evening_and_a_weekday(conllu_doc, event_roles):
    """"وتبنى تنظيم «داعش» مساء الخميس عملية تفجير …": a tagger that takes وتبنى for a noun
    still lets it claim when it opens the sentence, and the time before the object is no object."""
    doc = conllu_doc("""
# text = وتبنى تنظيم «داعش» مساء الخميس عملية تفجير سيارة مفخخة في مدينة عدن.
1 وتبنى وَتِبَى NOUN _ _ 0 root _ _
2 تنظيم تَنظِيم NOUN _ _ 1 nmod _ _
3 « « PUNCT _ _ 4 punct _ _
4 داعش دَاعِش NOUN _ _ 2 nmod _ ner=S-ORG
5 » » PUNCT _ _ 4 punct _ _
6 مساء مَسَاء NOUN _ _ 1 nmod _ _
7 الخميس خَمِيس NOUN _ _ 6 nmod _ _
8 عملية عَمَلِيَّة NOUN _ _ 6 nmod _ _
9 تفجير تَفجِير NOUN _ _ 8 nmod _ _
10 سيارة سَيَّارَة NOUN _ _ 9 nmod _ _
11 مفخخة مُفَخَّخ ADJ _ _ 10 amod _ _
12 في فِي ADP _ _ 14 case _ _
13 مدينة مَدِينَة NOUN _ _ 9 nmod _ _
14 عدن عَدَن NOUN _ _ 13 nmod _ ner=S-LOC
15 . . PUNCT _ _ 1 punct _ _
""")
    agents = [roles.get("agent") for roles in event_roles(doc, "Attack")]
    assert agents == [["Islamic State"]], event_roles(doc, "Attack")
