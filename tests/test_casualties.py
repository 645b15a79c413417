"""The killed and wounded of an attack are its target (kg/extract/casualties.py), on
hand-made parses of sentences written for these tests."""
from __future__ import annotations


def test_the_wounded_before_the_attack_noun_are_its_target_by_word_order(conllu_doc, event_roles):
    """"وأصيب خمسة من عناصر الشرطة في هجوم": the parse tags the verb as a noun and hangs the
    attack on the victims; word order finds the casualty verb, and "من" after the count is
    free: the police are the target."""
    doc = conllu_doc("""
# text = وأصيب خمسة من عناصر الشرطة في هجوم بقنبلة قرب مدينة الموصل .
1 وأصيب أصيب NOUN _ _ 0 root _ _
2 خمسة خمسة NUM _ _ 1 nummod _ _
3 من من ADP _ _ 4 case _ _
4 عناصر عنصر NOUN _ _ 2 nmod _ _
5 الشرطة شرطة NOUN _ _ 4 nmod _ _
6 في في ADP _ _ 7 case _ _
7 هجوم هجوم NOUN _ _ 4 nmod _ _
8 بقنبلة قنبلة NOUN _ _ 7 nmod _ _
9 قرب قرب NOUN _ _ 7 nmod _ _
10 مدينة مدينة NOUN _ _ 9 nmod _ _
11 الموصل موصل PROPN _ _ 10 nmod _ ner=S-LOC
12 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["target"] == ["Police"]
    assert roles["location"] == ["Mosul"]


def test_the_killed_subject_of_a_casualty_verb_is_the_target_by_the_parse(conllu_doc, event_roles):
    """"قتل أربعة مدنيين بانفجار سيارة مفخخة": the attack noun (with ب glued to it) is an obl
    of the passive verb, whose subject names the civilians."""
    doc = conllu_doc("""
# text = وقتل أربعة مدنيين بانفجار سيارة مفخخة في سوق المدينة .
1 وقتل قتل VERB _ _ 0 root _ _
2 أربعة أربعة NUM _ _ 3 nummod _ _
3 مدنيين مدني NOUN _ _ 1 nsubj _ _
4 بانفجار انفجار NOUN _ _ 1 obl _ _
5 سيارة سيارة NOUN _ _ 4 nmod _ _
6 مفخخة مفخخ ADJ _ _ 5 amod _ _
7 في في ADP _ _ 8 case _ _
8 سوق سوق NOUN _ _ 4 nmod _ _
9 المدينة مدينة NOUN _ _ 8 nmod _ _
10 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["target"] == ["Civilians"]


def test_an_active_killer_before_the_count_is_no_target(conllu_doc, event_roles):
    """"قتل الجيش الأفغاني ثلاثة من مقاتلي حركة طالبان في اشتباكات": the parse makes both the
    army and the fighters objects; the army right after the verb, then a count, is the
    killer: only the Taliban are hit."""
    doc = conllu_doc("""
# text = وقتل الجيش الأفغاني ثلاثة من مقاتلي حركة طالبان في اشتباكات قرب مدينة قندوز .
1 وقتل قتل VERB _ _ 0 root _ _
2 الجيش جيش NOUN _ _ 1 obj _ _
3 الأفغاني أفغاني ADJ _ _ 2 amod _ _
4 ثلاثة ثلاثة NUM _ _ 2 nummod _ _
5 من من ADP _ _ 6 case _ _
6 مقاتلي مقاتل NOUN _ _ 1 obj _ _
7 حركة حركة NOUN _ _ 6 nmod _ ner=B-ORG
8 طالبان طالبان PROPN _ _ 7 nmod _ ner=E-ORG
9 في في ADP _ _ 10 case _ _
10 اشتباكات اشتباك NOUN _ _ 6 nmod _ _
11 قرب قرب NOUN _ _ 10 nmod _ _
12 مدينة مدينة NOUN _ _ 11 nmod _ _
13 قندوز قندوز PROPN _ _ 12 nmod _ ner=S-LOC
14 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["target"] == ["Taliban"]


def test_the_wounded_an_attack_results_in_are_its_target(conllu_doc, event_roles):
    """"نفذ مسلحون هجوما على قافلة أسفر عن إصابة أربعة من عناصر الشرطة": the result verb is
    the attack's acl, the casualty noun its obl; the gunmen attack, the police are hit."""
    doc = conllu_doc("""
# text = ونفذ مسلحون هجوما على قافلة عسكرية أسفر عن إصابة أربعة من عناصر الشرطة .
1 ونفذ نفذ VERB _ _ 0 root _ _
2 مسلحون مسلح NOUN _ _ 1 nsubj _ _
3 هجوما هجوم NOUN _ _ 1 obj _ _
4 على على ADP _ _ 5 case _ _
5 قافلة قافلة NOUN _ _ 3 nmod _ _
6 عسكرية عسكري ADJ _ _ 5 amod _ _
7 أسفر أسفر VERB _ _ 3 acl _ _
8 عن عن ADP _ _ 9 case _ _
9 إصابة إصابة NOUN _ _ 7 obl _ _
10 أربعة أربعة NUM _ _ 9 nmod _ _
11 من من ADP _ _ 12 case _ _
12 عناصر عنصر NOUN _ _ 10 nmod _ _
13 الشرطة شرطة NOUN _ _ 12 nmod _ _
14 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["target"] == ["Police"]
    assert roles["agent"] == ["Gunmen"]


def test_the_casualties_after_a_result_verb_before_the_noun_by_word_order(conllu_doc, event_roles):
    """"وأسفر الهجوم عن إصابة سبعة من مقاتلي حركة طالبان": VSO, and a parse that hangs the
    casualty noun on the attack; the verb right before the noun and the casualty noun after
    it by word order."""
    doc = conllu_doc("""
# text = وأسفر الهجوم عن إصابة سبعة من مقاتلي حركة طالبان .
1 وأسفر أسفر VERB _ _ 0 root _ _
2 الهجوم هجوم NOUN _ _ 1 obj _ _
3 عن عن ADP _ _ 4 case _ _
4 إصابة إصابة NOUN _ _ 2 nmod _ _
5 سبعة سبعة NUM _ _ 4 nmod _ _
6 من من ADP _ _ 7 case _ _
7 مقاتلي مقاتل NOUN _ _ 5 nmod _ _
8 حركة حركة NOUN _ _ 7 nmod _ ner=B-ORG
9 طالبان طالبان PROPN _ _ 8 nmod _ ner=E-ORG
10 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["target"] == ["Taliban"]


def test_the_attackers_killed_in_their_own_attack_are_no_target(conllu_doc, event_roles):
    """"قتل المهاجمون في الهجوم على القافلة": those killed are the attackers (lexicon
    ``attacker_nouns``), not its target."""
    doc = conllu_doc("""
# text = وقتل المهاجمون في الهجوم على قافلة قرب مدينة قندوز .
1 وقتل قتل VERB _ _ 0 root _ _
2 المهاجمون مهاجم NOUN _ _ 1 nsubj _ _
3 في في ADP _ _ 4 case _ _
4 الهجوم هجوم NOUN _ _ 1 obl _ _
5 على على ADP _ _ 6 case _ _
6 قافلة قافلة NOUN _ _ 4 nmod _ _
7 قرب قرب NOUN _ _ 4 nmod _ _
8 مدينة مدينة NOUN _ _ 7 nmod _ _
9 قندوز قندوز PROPN _ _ 8 nmod _ ner=S-LOC
10 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert "target" not in roles


def test_a_place_in_the_victims_phrase_is_no_target(conllu_doc, event_roles):
    """"أصيب مدنيون من مدينة حلب في قصف": the city is where they come from, not a target;
    the civilians are."""
    doc = conllu_doc("""
# text = وأصيب مدنيون من مدينة حلب في قصف على الحي .
1 وأصيب أصيب VERB _ _ 0 root _ _
2 مدنيون مدني NOUN _ _ 1 nsubj _ _
3 من من ADP _ _ 4 case _ _
4 مدينة مدينة NOUN _ _ 2 nmod _ _
5 حلب حلب PROPN _ _ 4 nmod _ ner=S-LOC
6 في في ADP _ _ 7 case _ _
7 قصف قصف NOUN _ _ 1 obl _ _
8 على على ADP _ _ 9 case _ _
9 الحي حي NOUN _ _ 7 nmod _ _
10 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["target"] == ["Civilians"]
