"""Attackers and targets of attacks, on hand-made parses (sentences written for these tests)."""
from __future__ import annotations


def test_a_group_named_in_brackets_after_its_group_noun_attacks(conllu_doc, event_roles):
    """"هاجم مسلحون من تنظيم (داعش) حاجزا للجيش": the bracket is the group's own name, not
    an aside, so the group is the attacker."""
    doc = conllu_doc("""
# text = وهاجم مسلحون من تنظيم ( داعش ) حاجزا للجيش قرب مدينة حمص .
1 وهاجم هاجم VERB _ _ 0 root _ _
2 مسلحون مسلح NOUN _ _ 1 nsubj _ _
3 من من ADP _ _ 4 case _ _
4 تنظيم تنظيم NOUN _ _ 2 nmod _ _
5 ( ( PUNCT _ _ 6 punct _ _
6 داعش داعش PROPN _ _ 4 nmod _ ner=S-ORG
7 ) ) PUNCT _ _ 6 punct _ _
8 حاجزا حاجز NOUN _ _ 1 obj _ _
9 للجيش جيش NOUN _ _ 8 nmod _ _
10 قرب قرب NOUN _ _ 1 obl _ _
11 مدينة مدينة NOUN _ _ 10 nmod _ _
12 حمص حمص PROPN _ _ 11 nmod _ ner=S-LOC
13 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["agent"] == ["Islamic State"]


def test_an_aside_in_brackets_is_still_no_attacker(conllu_doc, event_roles):
    """"قصف الجيش مواقع في المدينة (حسب داعش)": a name inside an aside attacks nobody."""
    doc = conllu_doc("""
# text = وقصف الجيش مواقع في حمص ( حسب داعش ) .
1 وقصف قصف VERB _ _ 0 root _ _
2 الجيش جيش NOUN _ _ 1 nsubj _ _
3 مواقع موقع NOUN _ _ 1 obj _ _
4 في في ADP _ _ 5 case _ _
5 حمص حمص PROPN _ _ 3 nmod _ ner=S-LOC
6 ( ( PUNCT _ _ 8 punct _ _
7 حسب حسب ADP _ _ 8 case _ _
8 داعش داعش PROPN _ _ 1 obl _ ner=S-ORG
9 ) ) PUNCT _ _ 8 punct _ _
10 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert "Islamic State" not in roles.get("agent", []) + roles.get("target", [])


def test_the_owner_of_positions_hung_on_the_subject_is_the_target(conllu_doc, event_roles):
    """"قصفت طائرات الجيش مواقع لحركة طالبان": the parse hangs the positions on the
    aircraft; their owner is the target, not a second attacker."""
    doc = conllu_doc("""
# text = وقصفت طائرات الجيش مواقع لحركة طالبان شرق البلاد .
1 وقصفت قصف VERB _ _ 0 root _ _
2 طائرات طائرة NOUN _ _ 1 nsubj _ _
3 الجيش جيش NOUN _ _ 2 nmod _ _
4 مواقع موقع NOUN _ _ 2 nmod _ _
5 ل ل ADP _ _ 6 case _ _
6 حركة حركة NOUN _ _ 4 nmod _ ner=B-ORG
7 طالبان طالبان PROPN _ _ 6 nmod _ ner=E-ORG
8 شرق شرق NOUN _ _ 1 obl _ _
9 البلاد بلاد NOUN _ _ 8 nmod _ _
10 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["target"] == ["Taliban"]
    assert "Taliban" not in roles["agent"]


def test_the_owner_of_fighters_after_the_subject_is_the_target(conllu_doc, event_roles):
    """"هاجم مقاتلو الحزب عناصر حركة طالبان": the fighters after the subject (hung on it by
    the parse) are the object; the Taliban are attacked, the party attacks."""
    doc = conllu_doc("""
# text = وهاجم مقاتلو الحزب عناصر حركة طالبان في المدينة .
1 وهاجم هاجم VERB _ _ 0 root _ _
2 مقاتلو مقاتل NOUN _ _ 1 nsubj _ _
3 الحزب حزب NOUN _ _ 2 nmod _ _
4 عناصر عنصر NOUN _ _ 2 nmod _ _
5 حركة حركة NOUN _ _ 4 nmod _ ner=B-ORG
6 طالبان طالبان PROPN _ _ 5 nmod _ ner=E-ORG
7 في في ADP _ _ 8 case _ _
8 المدينة مدينة NOUN _ _ 1 obl _ _
9 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["target"] == ["Taliban"]
    assert "Taliban" not in roles.get("agent", [])


def test_a_conjunct_hung_on_the_last_word_of_a_name_shares_its_role(conllu_doc, event_roles):
    """"تواصلت هجمات جبهة النصرة وحركة طالبان على …": the parser hangs the second name on
    the last word of the first; both attack."""
    doc = conllu_doc("""
# text = وتواصلت هجمات جبهة النصرة وحركة طالبان على مواقع الجيش .
1 وتواصلت تواصل VERB _ _ 0 root _ _
2 هجمات هجمة NOUN _ _ 1 nsubj _ _
3 جبهة جبهة NOUN _ _ 2 nmod _ ner=B-ORG
4 النصرة نصرة NOUN _ _ 3 nmod _ ner=E-ORG
5 وحركة حركة NOUN _ _ 4 conj _ ner=B-ORG
6 طالبان طالبان PROPN _ _ 5 nmod _ ner=E-ORG
7 على على ADP _ _ 8 case _ _
8 مواقع موقع NOUN _ _ 2 nmod _ _
9 الجيش جيش NOUN _ _ 8 nmod _ _
10 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["agent"] == ["Taliban", "al-Nusra Front"]


def test_a_past_attack_verb_tagged_as_an_adjective_with_its_group_after_min(conllu_doc, event_roles):
    """"قالت الشرطة إن مسلحين من حركة طالبان استهدفوا حاجزا للشرطة": استهدفوا is a verb
    whatever the tagger says, and the group after "مسلحين من" (lexicon ``member_nouns``) is
    its attacker."""
    doc = conllu_doc("""
# text = وقالت الشرطة إن مسلحين من حركة طالبان استهدفوا حاجزا في ولاية هلمند .
1 وقالت قال VERB _ _ 0 root _ _
2 الشرطة شرطة NOUN _ _ 1 nsubj _ _
3 إن إن SCONJ _ _ 4 mark _ _
4 مسلحين مسلح NOUN _ _ 1 nsubj _ _
5 من من ADP _ _ 6 case _ _
6 حركة حركة NOUN _ _ 4 nmod _ ner=B-ORG
7 طالبان طالبان PROPN _ _ 6 nmod _ ner=E-ORG
8 استهدفوا استهدف ADJ _ _ 7 amod _ _
9 حاجزا حاجز NOUN _ _ 8 nmod _ _
10 في في ADP _ _ 11 case _ _
11 ولاية ولاية NOUN _ _ 9 nmod _ _
12 هلمند هلمند PROPN _ _ 11 nmod _ ner=S-LOC
13 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["agent"] == ["Taliban"]


def test_a_place_after_min_is_no_group_of_armed_men(conllu_doc, event_roles):
    """"إن مقاتلين من حمص هاجموا …": من before a place says where they come from."""
    doc = conllu_doc("""
# text = وقالت الشرطة إن مقاتلين من حمص هاجموا حاجزا للجيش .
1 وقالت قال VERB _ _ 0 root _ _
2 الشرطة شرطة NOUN _ _ 1 nsubj _ _
3 إن إن SCONJ _ _ 4 mark _ _
4 مقاتلين مقاتل NOUN _ _ 1 nsubj _ _
5 من من ADP _ _ 6 case _ _
6 حمص حمص PROPN _ _ 4 nmod _ ner=S-LOC
7 هاجموا هاجم ADJ _ _ 6 amod _ _
8 حاجزا حاجز NOUN _ _ 7 nmod _ _
9 للجيش جيش NOUN _ _ 8 nmod _ _
10 . . PUNCT _ _ 1 punct _ _
""")
    for roles in event_roles(doc, "Attack"):
        assert "Homs" not in roles.get("agent", [])


def test_a_bare_town_noun_names_the_town_introduced_with_it(rules, conllu_doc):
    """"سيطرت القوات على بلدة الصفا. وقصفت الطائرات البلدة": البلدة (lexicon
    ``town_references``) goes on naming the place introduced as "بلدة X"."""
    doc = conllu_doc("""
# text = وسيطرت القوات على بلدة الصفا جنوب حلب .
1 وسيطرت سيطر VERB _ _ 0 root _ _
2 القوات قوة NOUN _ _ 1 nsubj _ _
3 على على ADP _ _ 4 case _ _
4 بلدة بلدة NOUN _ _ 1 obl _ _
5 الصفا الصفا PROPN _ _ 4 nmod _ ner=S-LOC
6 جنوب جنوب NOUN _ _ 1 obl _ _
7 حلب حلب PROPN _ _ 6 nmod _ ner=S-LOC
8 . . PUNCT _ _ 1 punct _ _

# text = وقصفت الطائرات البلدة ليلا .
1 وقصفت قصف VERB _ _ 0 root _ _
2 الطائرات طائرة NOUN _ _ 1 nsubj _ _
3 البلدة بلدة NOUN _ _ 1 obj _ _
4 ليلا ليل NOUN _ _ 1 obl _ _
5 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    town = [m for m in facts.mentions if m.sentence == 1 and m.text == "البلدة"]
    assert [facts.actors[m.actor].label_ar for m in town] == ["الصفا"]


def test_the_pronoun_of_a_noun_whose_genitive_is_hit_is_hit(conllu_doc, event_roles):
    """"أسقطت الفصائل طائرة تابعة للجيش بعد استهدافها بالصواريخ": the aircraft (ها) is hit,
    so the army named before is no attacker; with an object after it (استهدافها القرية) the
    pronoun is the doer (see the attack rule's roles examples)."""
    doc = conllu_doc("""
# text = وأعلنت الفصائل إسقاط طائرة تابعة للجيش السوري بعد استهدافها بالصواريخ في ريف حماة .
1 وأعلنت أعلن VERB _ _ 0 root _ _
2 الفصائل فصيل NOUN _ _ 1 nsubj _ _
3 إسقاط إسقاط NOUN _ _ 1 obj _ _
4 طائرة طائرة NOUN _ _ 3 nmod _ _
5 تابعة تابع ADJ _ _ 4 amod _ _
6 للجيش جيش NOUN _ _ 5 nmod _ _
7 السوري سوري ADJ _ _ 6 amod _ _
8 بعد بعد ADP _ _ 9 case _ _
9-10 استهدافها _ _ _ _ _ _ _ _
9 استهداف استهداف NOUN _ _ 3 nmod _ _
10 ها هو PRON _ _ 9 nmod _ _
11 بالصواريخ صاروخ NOUN _ _ 9 nmod _ _
12 في في ADP _ _ 13 case _ _
13 ريف ريف NOUN _ _ 9 nmod _ _
14 حماة حماة PROPN _ _ 13 nmod _ ner=S-LOC
15 . . PUNCT _ _ 1 punct _ _
""")
    for roles in event_roles(doc, "Attack"):
        assert "Syrian Armed Forces" not in roles.get("agent", [])


def test_a_part_of_the_day_tagged_as_a_verb_carries_no_attack(conllu_doc, event_roles):
    """"شن طيران الجيش ظهر أمس عدة غارات": ظهر before أمس is noon (lexicon
    ``times_of_day``), not a verb between the strikes and شن, whose subject attacks."""
    doc = conllu_doc("""
# text = وشن طيران الجيش ظهر أمس عدة غارات على مواقع حركة طالبان .
1 و و CCONJ _ _ 0 root _ _
2 شن شن VERB _ _ 1 parataxis _ _
3 طيران طيران NOUN _ _ 2 nsubj _ _
4 الجيش جيش NOUN _ _ 3 nmod _ _
5 ظهر ظهر VERB _ _ 2 ccomp _ _
6 أمس أمس NOUN _ _ 5 obj _ _
7 عدة عدة ADJ _ _ 6 amod _ _
8 غارات غارة NOUN _ _ 7 nmod _ _
9 على على ADP _ _ 10 case _ _
10 مواقع موقع NOUN _ _ 8 nmod _ _
11 حركة حركة NOUN _ _ 10 nmod _ ner=B-ORG
12 طالبان طالبان PROPN _ _ 11 nmod _ ner=E-ORG
13 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles == {"agent": ["Army"], "target": ["Taliban"]}


def test_a_group_adjective_on_an_attack_noun_names_the_attacker(conllu_doc, event_roles):
    """"قتل طفلان في هجوم حوثي على قرى المحافظة": حوثي is the Houthis' adjective (the
    gazetteer's ``demonym`` of the group), as أمريكي is a country's."""
    doc = conllu_doc("""
# text = وقتل طفلان في هجوم حوثي على قرى محافظة مأرب .
1 وقتل قتل VERB _ _ 0 root _ _
2 طفلان طفل NOUN _ _ 1 nsubj _ _
3 في في ADP _ _ 4 case _ _
4 هجوم هجوم NOUN _ _ 1 obl _ _
5 حوثي حوثي ADJ _ _ 4 amod _ _
6 على على ADP _ _ 7 case _ _
7 قرى قرية NOUN _ _ 4 nmod _ _
8 محافظة محافظة NOUN _ _ 7 nmod _ _
9 مأرب مأرب PROPN _ _ 8 nmod _ ner=S-LOC
10 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["agent"] == ["Houthis"]


def test_the_house_of_a_group_member_after_the_verb_is_hit_not_attacking(conllu_doc, event_roles):
    """"استهدف هجوم منزل قيادي حوثي": the parse may make the house the verb's subject; its
    owner's group does not attack."""
    doc = conllu_doc("""
# text = وفي ذمار استهدف مقر قيادي حوثي ليل الخميس .
1 وفي في ADP _ _ 2 case _ _
2 ذمار ذمار PROPN _ _ 3 obl _ ner=S-LOC
3 استهدف استهدف VERB _ _ 0 root _ _
4 مقر مقر NOUN _ _ 3 nsubj _ _
5 قيادي قيادي NOUN _ _ 4 nmod _ _
6 حوثي حوثي NOUN _ _ 5 nmod _ _
7 ليل ليل NOUN _ _ 3 obl _ _
8 الخميس خميس NOUN _ _ 7 nmod _ _
9 . . PUNCT _ _ 3 punct _ _
""")
    for roles in event_roles(doc, "Attack"):
        assert "Houthis" not in roles.get("agent", [])


def test_a_place_among_a_list_takes_the_lists_preposition(conllu_doc, event_roles):
    """"سيطر المسلحون على بلدات عدة من بينها مدينة الرمادي" (lexicon ``among_links``): على
    governs the Ramadi of the list, so the place was taken."""
    doc = conllu_doc("""
# text = وسيطر المسلحون على بلدات عدة من بينها مدينة الرمادي .
1 وسيطر سيطر VERB _ _ 0 root _ _
2 المسلحون مسلح NOUN _ _ 1 nsubj _ _
3 على على ADP _ _ 4 case _ _
4 بلدات بلدة NOUN _ _ 1 obl _ _
5 عدة عدة ADJ _ _ 4 amod _ _
6 من من ADP _ _ 8 case _ _
7 بين بين ADP _ _ 8 case _ _
8 ها هو PRON _ _ 4 nmod _ _
9 مدينة مدينة NOUN _ _ 8 nmod _ _
10 الرمادي الرمادي PROPN _ _ 9 nmod _ ner=S-LOC
11 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles["location"] == ["Ramadi"]


def test_this_country_names_the_last_country_named(rules, conllu_doc):
    """"انسحبت القوات من أفغانستان وبقي في هذا البلد ألف جندي" (lexicon
    ``country_references``): هذا البلد is Afghanistan, a place."""
    doc = conllu_doc("""
# text = وانسحبت القوات من أفغانستان وبقي في هذا البلد ألف جندي .
1 وانسحبت انسحب VERB _ _ 0 root _ _
2 القوات قوة NOUN _ _ 1 nsubj _ _
3 من من ADP _ _ 4 case _ _
4 أفغانستان أفغانستان PROPN _ _ 1 obl _ ner=S-LOC
5 وبقي بقي VERB _ _ 1 conj _ _
6 في في ADP _ _ 8 case _ _
7 هذا هذا DET _ _ 8 det _ _
8 البلد بلد NOUN _ _ 5 obl _ _
9 ألف ألف NUM _ _ 5 nsubj _ _
10 جندي جندي NOUN _ _ 9 nmod _ _
11 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    (m,) = [m for m in facts.mentions if m.text == "البلد"]
    assert facts.actors[m.actor].label_en == "Afghanistan" and m.as_place


def test_a_groups_adjective_on_what_is_hit_names_the_target(conllu_doc, event_roles):
    """"استهدف مسلحون من المقاومة في ساعة متأخرة من ليل الأحد آليات حوثية": the parse gives the
    verb no object; the first indefinite noun after the time phrase is, and its adjective
    (حوثية, the Houthis' demonym in the gazetteer) names who is hit. "المقاتلات الإسرائيلية"
    after a verb is its subject, definite: no target."""
    doc = conllu_doc("""
# text = واستهدف مسلحون من المقاومة في ساعة متأخرة من ليل الأحد آليات حوثية قرب مدينة تعز .
1-2 واستهدف _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 استهدف استهدف VERB _ _ 0 root _ _
3 مسلحون مسلح NOUN _ _ 2 nsubj _ _
4 من من ADP _ _ 5 case _ _
5 المقاومة مقاومة NOUN _ _ 3 nmod _ _
6 في في ADP _ _ 7 case _ _
7 ساعة ساعة NOUN _ _ 5 nmod _ _
8 متأخرة تأخر VERB _ _ 7 acl _ _
9 من من ADP _ _ 10 case _ _
10 ليل ليل NOUN _ _ 8 nmod _ _
11 الأحد أحد NOUN _ _ 10 nmod _ _
12 آليات آلية NOUN _ _ 10 nmod _ _
13 حوثية حوثي NOUN _ _ 12 nmod _ _
14 قرب قرب NOUN _ _ 2 obl _ _
15 مدينة مدينة NOUN _ _ 14 nmod _ _
16 تعز تعز PROPN _ _ 15 nmod _ ner=S-LOC
17 . . PUNCT _ _ 2 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles.get("target") == ["Houthis"], roles


def test_the_pronoun_of_inna_is_whoever_says_the_clause(conllu_doc, event_roles):
    """"وقالت الوزارة إنها شنت غارات على مواقع داعش": the strikes are the ministry's own, by
    the parse (the clause hangs on قالت)."""
    doc = conllu_doc("""
# text = وقالت وزارة الدفاع الأمريكية إنها شنت غارات على مواقع داعش .
1 وقالت قال VERB _ _ 0 root _ _
2 وزارة وزارة NOUN _ _ 1 nsubj _ ner=B-ORG
3 الدفاع دفاع NOUN _ _ 2 nmod _ ner=I-ORG
4 الأمريكية أمريكي ADJ _ _ 2 amod _ ner=E-ORG
5-6 إنها _ _ _ _ _ _ _ _
5 إن إن SCONJ _ _ 7 mark _ _
6 ها هو PRON _ Gender=Fem|Number=Sing 7 nsubj _ _
7 شنت شن VERB _ _ 1 ccomp _ _
8 غارات غارة NOUN _ _ 7 obj _ _
9 على على ADP _ _ 10 case _ _
10 مواقع موقع NOUN _ _ 8 nmod _ _
11 داعش داعش PROPN _ _ 10 nmod _ ner=S-ORG
12 . . PUNCT _ _ 1 punct _ _
""")
    attacks = event_roles(doc, "Attack")
    assert attacks and attacks[0]["agent"] == ["United States Department of Defense"]
    assert attacks[0]["target"] == ["Islamic State"]


def test_the_pronoun_of_anna_is_the_actor_before_it_when_the_tagger_missed_the_verb(conllu_doc, event_roles):
    """"وأعلن الجيش أنه قصف مواقع لحركة طالبان" with وأعلن and قصف tagged as nouns: by word
    order, the actor that ends right before أنه, after the sentence's opening word."""
    doc = conllu_doc("""
# text = وأعلن الجيش الباكستاني أنه قصف مواقع لحركة طالبان أمس .
1 وأعلن إعلان NOUN _ _ 0 root _ _
2 الجيش جيش NOUN _ _ 1 nmod _ _
3 الباكستاني باكستاني ADJ _ _ 2 amod _ _
4-5 أنه _ _ _ _ _ _ _ _
4 أن أن SCONJ _ _ 6 mark _ _
5 ه هو PRON _ Gender=Masc|Number=Sing 6 nsubj _ _
6 قصف قصف NOUN _ _ 1 conj _ _
7 مواقع موقع NOUN _ _ 6 nmod _ _
8-9 لحركة _ _ _ _ _ _ _ _
8 ل ل ADP _ _ 9 case _ _
9 حركة حركة NOUN _ _ 7 nmod _ ner=B-ORG
10 طالبان طالبان PROPN _ _ 9 nmod _ ner=E-ORG
11 أمس أمس NOUN _ _ 6 obl _ _
12 . . PUNCT _ _ 1 punct _ _
""")
    attacks = event_roles(doc, "Attack")
    assert attacks and attacks[0]["agent"] == ["Army (Pakistan)"]
    assert attacks[0]["target"] == ["Taliban"]


def test_a_plural_pronoun_of_inna_is_not_taken_for_the_speaker(conllu_doc, event_roles):
    """"وقالت الشرطة إنهم هاجموا الحاجز": they may be anyone named before; the police did
    not attack."""
    doc = conllu_doc("""
# text = وقالت الشرطة العراقية إنهم هاجموا حاجزا قرب بغداد .
1 وقالت قال VERB _ _ 0 root _ _
2 الشرطة شرطة NOUN _ _ 1 nsubj _ _
3 العراقية عراقي ADJ _ _ 2 amod _ _
4-5 إنهم _ _ _ _ _ _ _ _
4 إن إن SCONJ _ _ 6 mark _ _
5 هم هو PRON _ Number=Plur 6 nsubj _ _
6 هاجموا هاجم VERB _ _ 1 ccomp _ _
7 حاجزا حاجز NOUN _ _ 6 obj _ _
8 قرب قرب NOUN _ _ 6 obl _ _
9 بغداد بغداد PROPN _ _ 8 nmod _ ner=S-LOC
10 . . PUNCT _ _ 1 punct _ _
""")
    for roles in event_roles(doc, "Attack"):
        assert "Police (Iraq)" not in roles.get("agent", [])


def test_who_says_that_he_killed_in_an_operation_made_the_attack(conllu_doc, event_roles):
    """"وأعلن الجيش العراقي أنه قتل عشرين مسلحا في عملية عسكرية": أنه is the army that speaks,
    and the killing verb with a pronoun subject is active: the army attacked. Without the
    pronoun ("قتل عشرون مسلحا في عملية") nobody is named."""
    doc = conllu_doc("""
# text = وأعلن الجيش العراقي أنه قتل عشرين مسلحا في عملية عسكرية قرب الموصل .
1 وأعلن أعلن VERB _ _ 0 root _ _
2 الجيش جيش NOUN _ _ 1 nsubj _ _
3 العراقي عراقي ADJ _ _ 2 amod _ _
4-5 أنه _ _ _ _ _ _ _ _
4 أن أن SCONJ _ _ 6 mark _ _
5 ه هو PRON _ _ 6 nsubj _ _
6 قتل قتل VERB _ _ 1 ccomp _ _
7 عشرين عشرون NUM _ _ 6 obj _ _
8 مسلحا مسلح NOUN _ _ 7 nmod _ _
9 في في ADP _ _ 10 case _ _
10 عملية عملية NOUN _ _ 6 obl _ _
11 عسكرية عسكري ADJ _ _ 10 amod _ _
12 قرب قرب ADP _ _ 13 case _ _
13 الموصل موصل PROPN _ _ 10 nmod _ ner=S-LOC
14 . . PUNCT _ _ 1 punct _ _
""")
    (roles,) = event_roles(doc, "Attack")
    assert roles.get("agent") == ["Iraqi Army"], roles


def test_strikes_counted_again_in_the_sentence_that_retells_them_are_the_same_attackers(conllu_doc, event_roles):
    """"شنت طائرات التحالف غارات على الرقة. وقال البيان إن الغارات دمرت مخازن في الرقة، وأضاف
    أن أربع غارات شنت قرب حلب": the strikes near Aleppo have no attacker of their own; in the sentence that
    told the coalition's strikes again, they are the coalition's too."""
    doc = conllu_doc("""
# text = شنت طائرات التحالف غارات على مدينة الرقة .
1 شنت شن VERB _ _ 0 root _ _
2 طائرات طائرة NOUN _ _ 1 nsubj _ _
3 التحالف تحالف NOUN _ _ 2 nmod _ _
4 غارات غارة NOUN _ _ 1 obj _ _
5 على على ADP _ _ 6 case _ _
6 مدينة مدينة NOUN _ _ 4 nmod _ _
7 الرقة رقة PROPN _ _ 6 nmod _ ner=S-LOC
8 . . PUNCT _ _ 1 punct _ _

# text = وقال البيان إن الغارات دمرت مخازن في الرقة ، وأضاف أن أربع غارات شنت قرب مدينة حلب .
1 وقال قال VERB _ _ 0 root _ _
2 البيان بيان NOUN _ _ 1 nsubj _ _
3 إن إن SCONJ _ _ 5 mark _ _
4 الغارات غارة NOUN _ _ 5 nsubj _ _
5 دمرت دمر VERB _ _ 1 ccomp _ _
6 مخازن مخزن NOUN _ _ 5 obj _ _
7 في في ADP _ _ 8 case _ _
8 الرقة رقة PROPN _ _ 5 obl _ ner=S-LOC
9 ، ، PUNCT _ _ 11 punct _ _
10-11 وأضاف _ _ _ _ _ _ _ _
10 و و CCONJ _ _ 11 cc _ _
11 أضاف أضاف VERB _ _ 1 conj _ _
12 أن أن SCONJ _ _ 15 mark _ _
13 أربع أربع NUM _ _ 14 nummod _ _
14 غارات غارة NOUN _ _ 15 nsubj _ _
15 شنت شن VERB _ _ 11 ccomp _ _
16 قرب قرب ADP _ _ 17 case _ _
17 مدينة مدينة NOUN _ _ 15 obl _ _
18 حلب حلب PROPN _ _ 17 nmod _ ner=S-LOC
19 . . PUNCT _ _ 1 punct _ _
""")
    aleppo = [r for r in event_roles(doc, "Attack") if "Aleppo" in r.get("location", [])]
    assert aleppo and aleppo[0].get("agent") == ["Global Coalition against Daesh"], event_roles(doc, "Attack")
