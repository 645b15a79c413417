"""Roles read by word order where the parse hangs a word elsewhere, on hand-made parses."""
from __future__ import annotations

import pytest


def test_word_order_the_subject_put_first_after_anna_strikes(conllu_doc, event_roles):
    """"قال ناشطون إن الطيران السوري شنّ غارات على البلدة": the governor (with a
    shadda, tagged X and hung on the subject) has its subject before it, after إن."""
    doc = conllu_doc("""
# text = وقال ناشطون إن الطيران السوري شنّ سبع غارات على البلدة .
1 وقال قال VERB _ _ 0 root _ _
2 ناشطون ناشط NOUN _ _ 1 nsubj _ _
3 إن إن SCONJ _ _ 4 mark _ _
4 الطيران طيران NOUN _ _ 1 ccomp _ _
5 السوري سوري ADJ _ _ 4 amod _ _
6 شنّ شنّ X _ _ 5 nmod _ _
7 سبع سبع NUM _ _ 6 nummod _ _
8 غارات غارة NOUN _ _ 7 nmod _ _
9 على على ADP _ _ 10 case _ _
10 البلدة بلدة NOUN _ _ 8 nmod _ _
11 . . PUNCT _ _ 1 punct _ _
""")
    assert event_roles(doc, "Attack") == [{"agent": ["Syrian Armed Forces"]}]


def test_word_order_a_name_in_quote_marks_before_the_verb_speaks(conllu_doc, event_roles):
    """"«المرصد السوري لحقوق الإنسان» ذكر أن …": marks around one long name are no
    quotation, so the name is the speaker, not words he said."""
    doc = conllu_doc("""
# text = « المرصد السوري لحقوق الإنسان » ذكر أن الاشتباكات مستمرة في المدينة .
1 « « PUNCT _ _ 2 punct _ _
2 المرصد مرصد NOUN _ _ 8 nsubj _ _
3 السوري سوري ADJ _ _ 2 amod _ _
4 ل ل ADP _ _ 5 case _ _
5 حقوق حق NOUN _ _ 2 nmod _ _
6 الإنسان إنسان NOUN _ _ 5 nmod _ _
7 » » PUNCT _ _ 8 punct _ _
8 ذكر ذكر VERB _ _ 0 root _ _
9 أن أن SCONJ _ _ 11 mark _ _
10 الاشتباكات اشتباك NOUN _ _ 11 nsubj _ _
11 مستمرة مستمر ADJ _ _ 8 ccomp _ _
12 في في ADP _ _ 13 case _ _
13 المدينة مدينة NOUN _ _ 11 obl _ _
14 . . PUNCT _ _ 8 punct _ _
""")
    assert event_roles(doc, "Statement") == [{"speaker": ["Syrian Observatory for Human Rights"]}]


def test_word_order_a_quoted_name_after_an_outlet_noun_is_an_organisation(rules, conllu_doc, event_roles):
    """"وذكر موقع «النبأ اليوم» أن …": NER missed the quoted name; the outlet speaks."""
    doc = conllu_doc("""
# text = وذكر موقع « النبأ اليوم » أن الانفجار وقع ليلا .
1 وذكر ذكر VERB _ _ 0 root _ _
2 موقع موقع NOUN _ _ 1 nsubj _ _
3 « « PUNCT _ _ 4 punct _ _
4 النبأ نبأ NOUN _ _ 2 nmod _ _
5 اليوم يوم NOUN _ _ 4 nmod _ _
6 » » PUNCT _ _ 4 punct _ _
7 أن أن SCONJ _ _ 9 mark _ _
8 الانفجار انفجار NOUN _ _ 9 nsubj _ _
9 وقع وقع VERB _ _ 1 ccomp _ _
10 ليلا ليل NOUN _ _ 9 obl _ _
11 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    assert [(facts.actors[m.actor].label_ar, facts.actors[m.actor].cls) for m in facts.mentions] == \
        [("النبأ اليوم", "Organization")]
    assert event_roles(doc, "Statement") == [{"speaker": ["النبأ اليوم"]}]


def test_word_order_a_quoted_word_after_a_noun_that_is_no_outlet_is_no_name(rules, conllu_doc):
    """"وعرض فيلم «النبأ»": a film is no outlet; no organisation is made of the quoted word."""
    doc = conllu_doc("""
# text = وعرض فيلم « النبأ » أمس .
1 وعرض عرض VERB _ _ 0 root _ _
2 فيلم فيلم NOUN _ _ 1 nsubj _ _
3 « « PUNCT _ _ 4 punct _ _
4 النبأ نبأ NOUN _ _ 2 nmod _ _
5 » » PUNCT _ _ 4 punct _ _
6 أمس أمس NOUN _ _ 1 obl _ _
7 . . PUNCT _ _ 1 punct _ _
""")
    assert rules.extract(doc).mentions == []


def test_word_order_the_witnessing_place_past_a_bracketed_date(conllu_doc, event_roles):
    """"شهدت مدينة تل أبيض ظهر الأحد (أمس) اقتحام مقرين": ظهر (noon) tagged as a verb before a
    weekday and the words in brackets do not hide the witnessing verb."""
    doc = conllu_doc("""
# text = وشهدت مدينة تل أبيض ظهر الأحد ( أمس ) اقتحام وحدات حماية الشعب ل مقرين .
1 وشهدت شهد VERB _ _ 0 root _ _
2 مدينة مدينة NOUN _ _ 1 nsubj _ _
3 تل تل X _ _ 2 nmod _ _
4 أبيض أبيض X _ _ 2 nmod _ _
5 ظهر ظهر VERB _ _ 1 ccomp _ _
6 الأحد أحد NOUN _ _ 5 nmod _ _
7 ( ( PUNCT _ _ 8 punct _ _
8 أمس أمس NOUN _ _ 5 nmod _ _
9 ) ) PUNCT _ _ 8 punct _ _
10 اقتحام اقتحام NOUN _ _ 8 nmod _ _
11 وحدات وحدة NOUN _ _ 10 nmod _ _
12 حماية حماية NOUN _ _ 11 nmod _ _
13 الشعب شعب NOUN _ _ 12 nmod _ _
14 ل ل ADP _ _ 15 case _ _
15 مقرين مقر NOUN _ _ 10 nmod _ _
16 . . PUNCT _ _ 1 punct _ _
""")
    assert event_roles(doc, "Attack") == [{"agent": ["People's Protection Units"], "location": ["Tell Abyad"]}]


def test_word_order_the_place_after_a_noun_of_whole(conllu_doc, event_roles):
    """"سيطر المقاتلون على مجمل مدينة إدلب": على hangs on مجمل, and still governs the city."""
    doc = conllu_doc("""
# text = وسيطر مقاتلو المعارضة على مجمل مدينة إدلب .
1 وسيطر سيطر VERB _ _ 0 root _ _
2 مقاتلو مقاتل NOUN _ _ 1 nsubj _ _
3 المعارضة معارضة NOUN _ _ 2 nmod _ _
4 على على ADP _ _ 5 case _ _
5 مجمل مجمل NOUN _ _ 1 obl _ _
6 مدينة مدينة NOUN _ _ 5 nmod _ _
7 إدلب إدلب PROPN _ _ 6 nmod _ ner=S-LOC
8 . . PUNCT _ _ 1 punct _ _
""")
    assert [e.get("location") for e in event_roles(doc, "Attack")] == [["Idlib"]]


def test_word_order_an_outlet_noun_before_anna_names_the_outlet(conllu_doc, event_roles):
    """"محطة «…» … وقالت المحطة انه …": the bare outlet noun names the outlet quoted after
    it before, though انه (tagged as a noun) follows it."""
    doc = conllu_doc("""
# text = وبثت محطة « صوت الجبل » المقابلة .
1 وبثت بث VERB _ _ 0 root _ _
2 محطة محطة NOUN _ _ 1 nsubj _ _
3 « « PUNCT _ _ 4 punct _ _
4 صوت صوت NOUN _ _ 2 nmod _ _
5 الجبل جبل NOUN _ _ 4 nmod _ _
6 » » PUNCT _ _ 4 punct _ _
7 المقابلة مقابلة NOUN _ _ 1 obj _ _
8 . . PUNCT _ _ 1 punct _ _

# text = وقالت المحطة انه لقاء طويل .
1 وقالت قال VERB _ _ 0 root _ _
2 المحطة محطة NOUN _ _ 1 nsubj _ _
3 انه انه NOUN _ _ 1 obj _ _
4 لقاء لقاء NOUN _ _ 3 nmod _ _
5 طويل طويل ADJ _ _ 4 amod _ _
6 . . PUNCT _ _ 1 punct _ _
""")
    assert event_roles(doc, "Statement") == [{"speaker": ["صوت الجبل"]}]


def test_word_order_the_dual_of_a_title_names_the_two_people_met_before(rules, conllu_doc, event_roles):
    """"التقى الوزير X نظيره Y … والتقى الوزيران في قصر": the two ministers are X and Y, not a
    person called الوزيران."""
    doc = conllu_doc("""
# text = والتقى سامي الخطيب مع كريم الحداد أمس .
1 والتقى التقى VERB _ _ 0 root _ _
2 سامي سامي PROPN _ _ 1 nsubj _ ner=B-PER
3 الخطيب خطيب PROPN _ _ 2 flat _ ner=E-PER
4 مع مع ADP _ _ 5 case _ _
5 كريم كريم PROPN _ _ 1 obl _ ner=B-PER
6 الحداد حداد PROPN _ _ 5 flat _ ner=E-PER
7 أمس أمس NOUN _ _ 1 obl _ _
8 . . PUNCT _ _ 1 punct _ _

# text = والتقى الوزيران في قصر في القاهرة .
1 والتقى التقى VERB _ _ 0 root _ _
2 الوزيران وزير NOUN _ _ 1 nsubj _ ner=S-PER
3 في في ADP _ _ 4 case _ _
4 قصر قصر NOUN _ _ 1 obl _ _
5 في في ADP _ _ 6 case _ _
6 القاهرة القاهرة PROPN _ _ 4 nmod _ ner=S-LOC
7 . . PUNCT _ _ 1 punct _ _
""")
    meetings = event_roles(doc, "Meeting")
    assert meetings[-1] == {"location": ["Cairo"], "participant": ["سامي الخطيب", "كريم الحداد"]}, meetings
    assert "الوزيران" not in {a.label_ar for a in rules.extract(doc).actors.values()}


ATTENDED = """
# text = وبدأ سامي الخطيب زيارته بلقاء كريم الحداد في القاهرة .
1 وبدأ بدأ VERB _ _ 0 root _ _
2 سامي سامي PROPN _ _ 1 nsubj _ ner=B-PER
3 الخطيب خطيب PROPN _ _ 2 flat _ ner=E-PER
4 زيارته زيارة NOUN _ _ 1 obj _ _
5 بلقاء لقاء NOUN _ _ 1 obl _ _
6 كريم كريم PROPN _ _ 5 nmod _ ner=B-PER
7 الحداد حداد PROPN _ _ 6 flat _ ner=E-PER
8 في في ADP _ _ 9 case _ _
9 القاهرة القاهرة PROPN _ _ 5 nmod _ ner=S-LOC
10 . . PUNCT _ _ 1 punct _ _

# text = وعقد وليد الحسن اجتماعا مع فادي النجار .
1 وعقد عقد VERB _ _ 0 root _ _
2 وليد وليد PROPN _ _ 1 nsubj _ ner=B-PER
3 الحسن حسن PROPN _ _ 2 flat _ ner=E-PER
4 اجتماعا اجتماع NOUN _ _ 1 obj _ _
5 مع مع ADP _ _ 6 case _ _
6 فادي فادي PROPN _ _ 4 nmod _ ner=B-PER
7 النجار نجار PROPN _ _ 6 flat _ ner=E-PER
8 . . PUNCT _ _ 1 punct _ _

# text = وتناول الطرفان التعاون .
1 وتناول تناول VERB _ _ 0 root _ _
2 الطرفان طرف NOUN _ _ 1 nsubj _ _
3 التعاون تعاون NOUN _ _ 1 obj _ _
4 . . PUNCT _ _ 1 punct _ _

# text = وحضر جزءا من اللقاء نبيل الراشد .
1 وحضر حضر VERB _ _ 0 root _ _
2 جزءا جزء NOUN _ _ 1 obj _ _
3 من من ADP _ _ 4 case _ _
4 اللقاء لقاء NOUN _ _ 2 nmod _ _
5 نبيل نبيل PROPN _ _ 1 nsubj _ ner=B-PER
6 الراشد راشد PROPN _ _ 5 flat _ ner=E-PER
7 . . PUNCT _ _ 1 punct _ _
"""


def test_word_order_who_attends_the_meeting_told_before_joins_it(conllu_doc, event_roles):
    """"بدأ X زيارته بلقاء Y … وحضر جزءا من اللقاء نبيل الراشد": the attendee joins the لقاء
    named three sentences before, not the اجتماع told since, though no participant is shared."""
    meetings = event_roles(conllu_doc(ATTENDED), "Meeting")
    assert meetings == [{"participant": ["سامي الخطيب", "كريم الحداد", "نبيل الراشد"], "location": ["Cairo"]},
                        {"participant": ["فادي النجار", "وليد الحسن"]}], meetings


def test_word_order_a_sentence_that_dates_this_incident_dates_the_attack(rules, conllu_doc):
    """"قتل ثلاثة جنود في هجوم … وقالت الوزارة إن هذا الحادث وقع يوم 9 مارس 2015": the
    attack told just before takes the date."""
    doc = conllu_doc("""
# text = وقتل ثلاثة جنود من الجيش العراقي في هجوم قرب الرمادي .
1 وقتل قتل VERB _ _ 0 root _ _
2 ثلاثة ثلاثة NUM _ _ 1 nsubj _ _
3 جنود جندي NOUN _ _ 2 nmod _ _
4 من من ADP _ _ 6 case _ _
5 الجيش جيش NOUN _ _ 3 nmod _ _
6 العراقي عراقي ADJ _ _ 5 amod _ _
7 في في ADP _ _ 8 case _ _
8 هجوم هجوم NOUN _ _ 1 obl _ _
9 قرب قرب NOUN _ _ 8 nmod _ _
10 الرمادي الرمادي PROPN _ _ 9 nmod _ ner=S-LOC
11 . . PUNCT _ _ 1 punct _ _

# text = وقالت إن هذا الحادث وقع يوم 9 مارس 2015 .
1 وقالت قال VERB _ _ 0 root _ _
2 إن إن SCONJ _ _ 5 mark _ _
3 هذا هذا PRON _ _ 4 det _ _
4 الحادث حادث NOUN _ _ 5 nsubj _ _
5 وقع وقع VERB _ _ 1 ccomp _ _
6 يوم يوم NOUN _ _ 5 obl _ _
7 9 9 NUM _ _ 6 nummod _ _
8 مارس مارس PROPN _ _ 7 nmod _ _
9 2015 2015 NUM _ _ 8 nmod _ _
10 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    assert [(e.type, e.date.value if e.date else None) for e in facts.events] == [("Attack", "2015-03-09")]


def test_word_order_a_verb_with_its_own_subject_after_it_takes_no_actor_before(conllu_doc, event_roles):
    """"قتل جنود قرب مواقع طالبان، كما أعلنت السلطات المحلية": the authorities (no actor)
    announce, not the Taliban named before the verb."""
    doc = conllu_doc("""
# text = وقتل جنود قرب مواقع طالبان ، كما أعلنت السلطات المحلية .
1 وقتل قتل VERB _ _ 0 root _ _
2 جنود جندي NOUN _ _ 1 nsubj _ _
3 قرب قرب NOUN _ _ 1 obl _ _
4 مواقع موقع NOUN _ _ 3 nmod _ _
5 طالبان طالبان PROPN _ _ 4 nmod _ ner=S-ORG
6 ، ، PUNCT _ _ 8 punct _ _
7 كما كما SCONJ _ _ 8 mark _ _
8 أعلنت أعلن VERB _ _ 1 advcl _ _
9 السلطات سلطة NOUN _ _ 8 nsubj _ _
10 المحلية محلي ADJ _ _ 9 amod _ _
11 . . PUNCT _ _ 1 punct _ _
""")
    assert event_roles(doc, "Statement") == []


@pytest.mark.parametrize("name", ["فرانس برس", "النبأ اليوم"])
def test_word_order_the_outlet_a_source_talks_to_is_no_speaker(conllu_doc, name, event_roles):
    """"وقال المصدر لوكالة «فرانس برس» إن …": the agency, known or not, is told; the unnamed
    source who speaks is no actor, so there is no statement."""
    first, second = name.split()
    doc = conllu_doc(f"""
# text = وقال المصدر لوكالة « {name} » إن الهجوم فشل .
1 وقال قال VERB _ _ 0 root _ _
2 المصدر مصدر NOUN _ _ 1 nsubj _ _
3 ل ل ADP _ _ 4 case _ _
4 وكالة وكالة NOUN _ _ 2 nmod _ _
5 « « PUNCT _ _ 6 punct _ _
6 {first} {first} X _ _ 4 nmod _ _
7 {second} {second} X _ _ 6 nmod _ _
8 » » PUNCT _ _ 6 punct _ _
9 إن إن SCONJ _ _ 11 mark _ _
10 الهجوم هجوم NOUN _ _ 11 nsubj _ _
11 فشل فشل VERB _ _ 1 ccomp _ _
12 . . PUNCT _ _ 1 punct _ _
""")
    assert event_roles(doc, "Statement") == []


def test_word_order_an_accusative_before_the_verb_is_no_speaker(conllu_doc, event_roles):
    """"وردا على أسئلة وكالة رويترز، قال مسؤول …": the parse makes ردا (an accusative: "in
    answer") the subject; the agency it answers does not speak."""
    doc = conllu_doc("""
# text = وردا على أسئلة وكالة رويترز ، قال وزير الدفاع الأردني إن الهجوم فشل .
1 وردا رد NOUN _ _ 7 nsubj _ _
2 على على ADP _ _ 3 case _ _
3 أسئلة سؤال NOUN _ _ 1 nmod _ _
4 وكالة وكالة NOUN _ _ 3 nmod _ ner=B-ORG
5 رويترز رويترز PROPN _ _ 4 nmod _ ner=E-ORG
6 ، ، PUNCT _ _ 5 punct _ _
7 قال قال VERB _ _ 0 root _ _
8 وزير وزير NOUN _ _ 7 nsubj _ _
9 الدفاع دفاع NOUN _ _ 8 nmod _ _
10 الأردني أردني ADJ _ _ 8 amod _ _
11 إن إن SCONJ _ _ 13 mark _ _
12 الهجوم هجوم NOUN _ _ 13 nsubj _ _
13 فشل فشل VERB _ _ 7 ccomp _ _
14 . . PUNCT _ _ 7 punct _ _
""")
    speakers = [roles.get("speaker") for roles in event_roles(doc, "Statement")]
    assert speakers and all("Reuters" not in (s or []) for s in speakers)


def test_word_order_a_tatweel_preposition_tagged_otherwise_still_governs(conllu_doc, event_roles):
    """"ويقول لـ«الشرق الأوسط»: «…»": لـ written apart and tagged X is still the ل the paper
    is told with; the paper does not speak."""
    doc = conllu_doc("""
# text = ويقول لـ « الشرق الأوسط » : « الحرب طويلة » .
1 ويقول قال VERB _ _ 0 root _ _
2 لـ لـ X _ _ 1 nsubj _ _
3 « « PUNCT _ _ 4 punct _ _
4 الشرق شرق NOUN _ _ 1 nsubj _ ner=B-ORG
5 الأوسط أوسط ADJ _ _ 4 amod _ ner=E-ORG
6 » » PUNCT _ _ 4 punct _ _
7 : : PUNCT _ _ 1 punct _ _
8 « « PUNCT _ _ 9 punct _ _
9 الحرب حرب NOUN _ _ 1 obj _ _
10 طويلة طويل ADJ _ _ 9 amod _ _
11 » » PUNCT _ _ 9 punct _ _
12 . . PUNCT _ _ 1 punct _ _
""")
    assert all("الشرق الأوسط" not in (roles.get("speaker") or [])
               for roles in event_roles(doc, "Statement"))


def test_word_order_the_speaker_after_the_paper_he_tells_speaks(conllu_doc, event_roles):
    """"وأوضح لـ"الصباح" سالم الحربي القيادي في الحزب أن …": the ل governs the quoted paper
    only; the man after it speaks."""
    doc = conllu_doc("""
# text = وأوضح لـ " الصباح " سالم الحربي القيادي في الحزب أن الهجوم فشل .
1 وأوضح أوضح VERB _ _ 0 root _ _
2 لـ لـ X _ _ 1 nsubj _ _
3 " " PUNCT _ _ 4 punct _ _
4 الصباح صباح ADJ _ _ 2 amod _ _
5 " " PUNCT _ _ 6 punct _ _
6 سالم سالم X _ _ 4 nsubj _ ner=B-PER
7 الحربي الحربي NOUN _ _ 6 nmod _ ner=E-PER
8 القيادي قيادي ADJ _ _ 7 amod _ _
9 في في ADP _ _ 10 case _ _
10 الحزب حزب NOUN _ _ 8 nmod _ _
11 أن أن SCONJ _ _ 13 mark _ _
12 الهجوم هجوم NOUN _ _ 13 nsubj _ _
13 فشل فشل VERB _ _ 1 ccomp _ _
14 . . PUNCT _ _ 1 punct _ _
""")
    assert [roles.get("speaker") for roles in event_roles(doc, "Statement")] == [["سالم الحربي"]]


def test_word_order_a_relative_of_a_named_person_speaks_for_herself(conllu_doc, event_roles):
    """"وأكدت والدة اللاعب سامي الحربي أن …" (lexicon ``kin_nouns``, والدة split as و + الدة
    by the tokeniser): the mother speaks, not the player named after her."""
    doc = conllu_doc("""
# text = وأكدت والدة اللاعب سامي الحربي أن ابنها بخير .
1 وأكدت أكد VERB _ _ 0 root _ _
2-3 والدة _ _ _ _ _ _ _ _
2 و و CCONJ _ _ 1 cc _ _
3 الدة دة NOUN _ _ 1 nsubj _ _
4 اللاعب لاعب NOUN _ _ 3 nmod _ _
5 سامي سامي PROPN _ _ 4 nmod _ ner=B-PER
6 الحربي الحربي PROPN _ _ 5 flat _ ner=E-PER
7 أن أن SCONJ _ _ 8 mark _ _
8 ابنها ابن NOUN _ _ 1 ccomp _ _
9 بخير خير NOUN _ _ 8 nmod _ _
10 . . PUNCT _ _ 1 punct _ _
""")
    assert all("سامي الحربي" not in (roles.get("speaker") or []) for roles in event_roles(doc, "Statement"))


def test_word_order_a_verb_after_an_indefinite_noun_is_its_relative_clause(rules, conllu_doc):
    """"وقال الناطق سالم العتيبي إن الغرفة تلقت بلاغا من شخص يفيد بأن …": the caller (شخص
    يفيد) says it, so يفيد does not go on with the spokesman."""
    doc = conllu_doc("""
# text = وقال سالم العتيبي إن الغرفة تلقت بلاغا من شخص يفيد بأن ابنه مفقود .
1 وقال قال VERB _ _ 0 root _ _
2 سالم سالم PROPN _ _ 1 nsubj _ ner=B-PER
3 العتيبي العتيبي PROPN _ _ 2 flat _ ner=E-PER
4 إن إن SCONJ _ _ 6 mark _ _
5 الغرفة غرفة NOUN _ _ 6 nsubj _ _
6 تلقت تلقى VERB _ _ 1 ccomp _ _
7 بلاغا بلاغ NOUN _ _ 6 obj _ _
8 من من ADP _ _ 9 case _ _
9 شخص شخص NOUN _ _ 7 nmod _ _
10 يفيد أفاد VERB _ _ 9 acl _ _
11 بأن أن SCONJ _ _ 12 mark _ _
12 ابنه ابن NOUN _ _ 10 ccomp _ _
13 مفقود مفقود ADJ _ _ 12 amod _ _
14 . . PUNCT _ _ 1 punct _ _
""")
    triggers = [e.trigger for e in rules.extract(doc).events if e.type == "Statement"]
    assert triggers == ["وقال"]
