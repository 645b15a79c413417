"""Who speaks when the verb names nobody (kg/extract/discourse.py), on hand-made parses."""
from __future__ import annotations

import pytest

from kg.extract import RuleSet


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RuleSet.load()


FIRST = """
# text = وقال سامي الخطيب إن المهرجان ناجح .
1 وقال قال VERB _ _ 0 root _ _
2 سامي سامي PROPN _ _ 1 nsubj _ ner=B-PER
3 الخطيب خطيب PROPN _ _ 2 flat _ ner=E-PER
4 إن إن SCONJ _ _ 6 mark _ _
5 المهرجان مهرجان NOUN _ _ 6 nsubj _ _
6 ناجح ناجح ADJ _ _ 1 ccomp _ _
7 . . PUNCT _ _ 1 punct _ _
"""


def _said(rules, doc):
    facts = rules.extract(doc)
    return [(e.source.sentence, [facts.actors[a].label_ar for a in e.roles["speaker"]])
            for e in facts.events if e.type == "Statement"]


@pytest.mark.parametrize("feats", ["_", "Number=Sing"])
def test_speakers_a_plural_verb_continues_no_person(rules, conllu_doc, feats):
    """"حيث يقولون إن …" after a person's statement: they say, not the person (the plural is
    read off the form when the tagger gives no Number, or tags the form singular)."""
    doc = conllu_doc(FIRST + """
# text = حيث يقولون إن الأمر بسيط .
1 حيث حيث SCONJ _ _ 2 mark _ _
2 يقولون قال VERB _ FEATS 0 root _ _
3 إن إن SCONJ _ _ 5 mark _ _
4 الأمر أمر NOUN _ _ 5 nsubj _ _
5 بسيط بسيط ADJ _ _ 2 ccomp _ _
6 . . PUNCT _ _ 2 punct _ _
""".replace("FEATS", feats))
    assert _said(rules, doc) == [(0, ["سامي الخطيب"])]


def test_speakers_a_word_of_quantity_is_the_subject_not_the_last_speaker(rules, conllu_doc):
    """"يقول كثير من الخبراء إن …" (كثير parsed as an object): the experts speak, not the
    person quoted before; they are no actor, so no statement."""
    doc = conllu_doc(FIRST + """
# text = ويقول كثير من الخبراء إن الخطة ناجحة .
1 ويقول قال VERB _ _ 0 root _ _
2 كثير كثير ADJ _ _ 1 obj _ _
3 من من ADP _ _ 4 case _ _
4 الخبراء خبير NOUN _ _ 2 nmod _ _
5 إن إن SCONJ _ _ 7 mark _ _
6 الخطة خطة NOUN _ _ 7 nsubj _ _
7 ناجحة ناجح ADJ _ _ 1 ccomp _ _
8 . . PUNCT _ _ 1 punct _ _
""")
    assert _said(rules, doc) == [(0, ["سامي الخطيب"])]


def test_speakers_a_verb_in_a_clause_on_a_noun_does_not_continue_the_last_speaker(rules, conllu_doc):
    """"أغنية جديدة وصفها بالجميلة": the describer is someone of that sentence (here the
    singer the parse misses), not the person quoted before."""
    doc = conllu_doc(FIRST + """
# text = وينتظر الجمهور أغنية جديدة وصفها بالجميلة .
1 وينتظر انتظر VERB _ _ 0 root _ _
2 الجمهور جمهور NOUN _ _ 1 nsubj _ _
3 أغنية أغنية NOUN _ _ 1 obj _ _
4 جديدة جديد ADJ _ _ 3 amod _ _
5-6 وصفها _ _ _ _ _ _ _ _
5 وصف وصف VERB _ _ 3 acl _ _
6 ها هو PRON _ _ 5 obj _ _
7 ب ب ADP _ _ 8 case _ _
8 الجميلة جميل NOUN _ _ 5 obl _ _
9 . . PUNCT _ _ 1 punct _ _
""")
    assert _said(rules, doc) == [(0, ["سامي الخطيب"])]


def test_speakers_a_participle_goes_on_with_the_main_subject_whatever_the_parse(rules, conllu_doc):
    """"وركز الائتلاف على الحصار، واصفا الأوضاع بالصعبة": the parse makes الأوضاع the
    participle's subject; the coalition describes them."""
    doc = conllu_doc("""
# text = وركز الائتلاف الوطني السوري على الحصار ، واصفا الأوضاع بالصعبة .
1-2 وركز _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 ركز ركز VERB _ _ 0 root _ _
3 الائتلاف ائتلاف NOUN _ _ 2 nsubj _ ner=B-ORG
4 الوطني وطني ADJ _ _ 3 amod _ ner=I-ORG
5 السوري سوري ADJ _ _ 3 amod _ ner=E-ORG
6 على على ADP _ _ 7 case _ _
7 الحصار حصار NOUN _ _ 2 obl _ _
8 ، ، PUNCT _ _ 7 punct _ _
9-10 واصفا _ _ _ _ _ _ _ _
9 و و CCONJ _ _ 10 cc _ _
10 اصفا اصف VERB _ _ 2 conj _ _
11 الأوضاع وضع NOUN _ _ 10 nsubj _ _
12-13 بالصعبة _ _ _ _ _ _ _ _
12 ب ب ADP _ _ 13 case _ _
13 الصعبة صعب ADJ _ _ 10 obl _ _
14 . . PUNCT _ _ 2 punct _ _
""")
    assert _said(rules, doc) == [(0, ["الائتلاف الوطني السوري"])]
    from kg.extract.context import SentenceContext
    from kg.extract.discourse import explicit_subject
    ctx = SentenceContext(doc.sentences[0], [], {}, rules.cues, rules.gazetteer)
    assert not explicit_subject(ctx, 10)  # the parse's nsubj of the participle is no subject
    assert explicit_subject(ctx, 2)  # ركز الائتلاف: the main verb has one


def test_speakers_the_person_a_source_is_close_to_does_not_speak(rules, conllu_doc):
    """"أكد مصدر مقرب من الفرنسي ميشال بلاتيني أن الأخير يدرس الترشح": the source speaks;
    Platini is who it is close to."""
    doc = conllu_doc("""
# text = وأكد مصدر مقرب من الفرنسي ميشال بلاتيني أن الأخير يدرس الترشح .
1-2 وأكد _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 أكد أكد VERB _ _ 0 root _ _
3 مصدر مصدر NOUN _ _ 2 nsubj _ _
4 مقرب مقرب NOUN _ _ 3 nmod _ _
5 من من ADP _ _ 6 case _ _
6 الفرنسي فرنسي NOUN _ _ 4 nmod _ _
7 ميشال ميشال X _ _ 6 nmod _ ner=B-PER
8 بلاتيني بلاتيني X _ _ 7 flat _ ner=E-PER
9 أن أن SCONJ _ _ 11 mark _ _
10 الأخير أخير NOUN _ _ 11 nsubj _ _
11 يدرس درس VERB _ _ 2 ccomp _ _
12 الترشح ترشح NOUN _ _ 11 obj _ _
13 . . PUNCT _ _ 2 punct _ _
""")
    assert _said(rules, doc) == []


def test_speakers_the_subject_after_lakin_belongs_to_the_next_clause(rules, conllu_doc):
    """"وكانت الاتحادات تطالب بزيادة، لكن سامي الخطيب وصف الاتفاق بالناجح": the unions
    demand (no actor); the parse hangs الخطيب on تطالب, but he speaks in the clause after لكن."""
    doc = conllu_doc("""
# text = وكانت الاتحادات تطالب بزيادة ، لكن سامي الخطيب وصف الاتفاق بالناجح .
1-2 وكانت _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 كانت كان VERB _ _ 0 root _ _
3 الاتحادات اتحاد NOUN _ _ 2 nsubj _ _
4 تطالب طالب VERB _ _ 2 xcomp _ _
5-6 بزيادة _ _ _ _ _ _ _ _
5 ب ب ADP _ _ 6 case _ _
6 زيادة زيادة NOUN _ _ 4 obj _ _
7 ، ، PUNCT _ _ 6 punct _ _
8 لكن لكن CCONJ _ _ 4 cc _ _
9 سامي سامي X _ _ 4 nsubj _ ner=B-PER
10 الخطيب خطيب X _ _ 9 flat _ ner=E-PER
11 وصف وصف VERB _ _ 4 conj _ _
12 الاتفاق اتفاق NOUN _ _ 11 obj _ _
13-14 بالناجح _ _ _ _ _ _ _ _
13 ب ب ADP _ _ 14 case _ _
14 الناجح ناجح ADJ _ _ 11 obl _ _
15 . . PUNCT _ _ 2 punct _ _
""")
    facts = rules.extract(doc)
    said = [(e.trigger, [facts.actors[a].label_ar for a in e.roles["speaker"]])
            for e in facts.events if e.type == "Statement"]
    assert ("تطالب", ["سامي الخطيب"]) not in said, said


def test_speakers_a_quotation_belongs_to_the_nearest_saying_before_it(rules, conllu_doc):
    """"وأوضح سامي الخطيب أن الموسم بدأ، وقال «لم يطلب أي ناد شهادة دولية حتى الآن»": the words
    are those of قال, the nearer verb, not of أوضح."""
    doc = conllu_doc("""
# text = وأوضح سامي الخطيب أن الموسم بدأ ، وقال « لم يطلب أي ناد شهادة دولية حتى الآن » .
1-2 وأوضح _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 أوضح أوضح VERB _ _ 0 root _ _
3 سامي سامي X _ _ 2 nsubj _ ner=B-PER
4 الخطيب خطيب X _ _ 3 flat _ ner=E-PER
5 أن أن SCONJ _ _ 7 mark _ _
6 الموسم موسم NOUN _ _ 7 nsubj _ _
7 بدأ بدأ VERB _ _ 2 ccomp _ _
8 ، ، PUNCT _ _ 7 punct _ _
9-10 وقال _ _ _ _ _ _ _ _
9 و و CCONJ _ _ 10 cc _ _
10 قال قال VERB _ _ 2 conj _ _
11 « « PUNCT _ _ 13 punct _ _
12 لم لم PART _ _ 13 advmod _ _
13 يطلب طلب VERB _ _ 10 ccomp _ _
14 أي أي NOUN _ _ 13 nsubj _ _
15 ناد ناد NOUN _ _ 14 nmod _ _
16 شهادة شهادة NOUN _ _ 13 obj _ _
17 دولية دولي ADJ _ _ 16 amod _ _
18 حتى حتى ADP _ _ 19 case _ _
19 الآن آن NOUN _ _ 13 obl _ _
20 » » PUNCT _ _ 13 punct _ _
21 . . PUNCT _ _ 2 punct _ _
""")
    facts = rules.extract(doc)
    quotes = {e.trigger: e.quote for e in facts.events if e.type == "Statement"}
    assert quotes.get("أوضح") is None and (quotes.get("قال") or "").startswith("لم يطلب"), quotes


def test_speakers_a_headline_title_is_the_person_the_lede_names_with_it(rules, conllu_doc):
    """A headline names the minister by his title only; the next sentence gives the same title
    with his name, so he speaks in both, not his country."""
    doc = conllu_doc("""
# text = وزير الخارجية الأردني أكد دعم الحوار
1 وزير وزير NOUN _ _ 4 nsubj _ _
2 الخارجية خارجية NOUN _ _ 1 nmod _ _
3 الأردني أردني ADJ _ _ 1 amod _ _
4 أكد أكد VERB _ _ 0 root _ _
5 دعم دعم NOUN _ _ 4 obj _ _
6 الحوار حوار NOUN _ _ 5 nmod _ _

# text = وأكد وزير الخارجية الأردني أيمن الصفدي أمس أن بلاده تدعم الحوار .
1 وأكد أكد VERB _ _ 0 root _ _
2 وزير وزير NOUN _ _ 1 nsubj _ _
3 الخارجية خارجية NOUN _ _ 2 nmod _ _
4 الأردني أردني ADJ _ _ 2 amod _ _
5 أيمن أيمن PROPN _ _ 2 nmod _ ner=B-PER
6 الصفدي الصفدي PROPN _ _ 5 flat _ ner=E-PER
7 أمس أمس NOUN _ _ 1 obl _ _
8 أن أن SCONJ _ _ 10 mark _ _
9 بلاده بلد NOUN _ _ 10 nsubj _ _
10 تدعم دعم VERB _ _ 1 ccomp _ _
11 الحوار حوار NOUN _ _ 10 obj _ _
12 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    speakers = [(e.source.sentence, [facts.actors[a].label_ar for a in e.roles.get("speaker", [])])
                for e in facts.events if e.type == "Statement"]
    assert speakers == [(0, ["أيمن الصفدي"]), (1, ["أيمن الصفدي"])]


def test_speakers_an_honorific_pronoun_is_the_person_introduced_with_that_honorific(rules, conllu_doc):
    """"رعى صاحب السمو الأمير خالد بن سعد الحفل. وأكد سموه …": سموه (lexicon
    ``honorific_addresses``) is the prince, also as the subject of a clause that a later
    dropped-subject verb goes on from ("ما أعلنه سموه حينما قال"), not the director named
    earlier in the sentence."""
    doc = conllu_doc("""
# text = رعى صاحب السمو الأمير خالد بن سعد الحفل .
1 رعى رعى VERB _ _ 0 root _ _
2 صاحب صاحب NOUN _ _ 1 nsubj _ _
3 السمو سمو NOUN _ _ 2 nmod _ _
4 الأمير أمير NOUN _ _ 3 nmod _ _
5 خالد خالد PROPN _ _ 4 nmod _ ner=B-PER
6 بن بن PROPN _ _ 5 flat _ ner=I-PER
7 سعد سعد PROPN _ _ 5 flat _ ner=E-PER
8 الحفل حفل NOUN _ _ 1 obj _ _
9 . . PUNCT _ _ 1 punct _ _

# text = وأكد سموه أن المهرجان ناجح .
1-2 وأكد _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 أكد أكد VERB _ _ 0 root _ _
3-4 سموه _ _ _ _ _ _ _ _
3 سمو سمو NOUN _ _ 2 nsubj _ _
4 ه هو PRON _ _ 3 nmod _ _
5 أن أن SCONJ _ _ 7 mark _ _
6 المهرجان مهرجان NOUN _ _ 7 nsubj _ _
7 ناجح ناجح ADJ _ _ 2 ccomp _ _
8 . . PUNCT _ _ 2 punct _ _

# text = وقدم مدير الجامعة سالم علي كلمة ذكر فيها ما أعلنه سموه حينما قال إن التعليم أولوية .
1-2 وقدم _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 قدم قدم VERB _ _ 0 root _ _
3 مدير مدير NOUN _ _ 2 nsubj _ _
4 الجامعة جامعة NOUN _ _ 3 nmod _ _
5 سالم سالم PROPN _ _ 3 nmod _ ner=B-PER
6 علي علي PROPN _ _ 5 flat _ ner=E-PER
7 كلمة كلمة NOUN _ _ 2 obj _ _
8 ذكر ذكر VERB _ _ 7 acl _ _
9-10 فيها _ _ _ _ _ _ _ _
9 في في ADP _ _ 10 case _ _
10 ها هو PRON _ _ 8 obl _ _
11 ما ما PRON _ _ 8 obj _ _
12-13 أعلنه _ _ _ _ _ _ _ _
12 أعلن أعلن VERB _ _ 11 acl _ _
13 ه هو PRON _ _ 12 obj _ _
14-15 سموه _ _ _ _ _ _ _ _
14 سمو سمو NOUN _ _ 12 nsubj _ _
15 ه هو PRON _ _ 14 nmod _ _
16 حينما حينما CCONJ _ _ 17 mark _ _
17 قال قال VERB _ _ 12 advcl _ _
18 إن إن SCONJ _ _ 20 mark _ _
19 التعليم تعليم NOUN _ _ 20 nsubj _ _
20 أولوية أولوية NOUN _ _ 17 ccomp _ _
21 . . PUNCT _ _ 2 punct _ _
""")
    facts = rules.extract(doc)
    label = {a.iri: a.label_ar for a in facts.actors.values()}
    speakers = {e.trigger: [label[a] for a in e.roles.get("speaker", [])] for e in facts.events
                if e.type == "Statement"}
    assert speakers.get("أكد") == ["خالد بن سعد"], speakers
    assert speakers.get("قال") == ["خالد بن سعد"], speakers


def test_speakers_a_quoted_name_before_a_title_is_the_person_who_speaks(rules, conllu_doc):
    """"كما يقول «سالم الحربي» المدير السابق للقناة": NER misses the quoted name; the definite
    title head after the marks makes it a person, who speaks, not the channel of his title."""
    doc = conllu_doc("""
# text = كما يقول « سالم الحربي » المدير السابق لقناة الجزيرة .
1 كما كما SCONJ _ _ 2 mark _ _
2 يقول قال VERB _ _ 0 root _ _
3 « « PUNCT _ _ 4 punct _ _
4 سالم سالم PROPN _ _ 2 nsubj _ _
5 الحربي الحربي X _ _ 4 flat _ _
6 » » PUNCT _ _ 4 punct _ _
7 المدير مدير NOUN _ _ 4 nmod _ _
8 السابق سابق ADJ _ _ 7 amod _ _
9-10 لقناة _ _ _ _ _ _ _ _
9 ل ل ADP _ _ 10 case _ _
10 قناة قناة NOUN _ _ 7 nmod _ ner=B-ORG
11 الجزيرة الجزيرة PROPN _ _ 10 nmod _ ner=E-ORG
12 . . PUNCT _ _ 2 punct _ _
""")
    facts = rules.extract(doc)
    label = {a.iri: a.label_ar for a in facts.actors.values()}
    speakers = [[label[a] for a in e.roles.get("speaker", [])] for e in facts.events if e.type == "Statement"]
    assert speakers == [["سالم الحربي"]], speakers
    assert {(label[t.person], t.title) for t in facts.titles} == {("سالم الحربي", "المدير السابق لقناة الجزيرة")}


def test_speakers_the_subject_does_not_reach_past_a_colon_into_the_quotation(rules, conllu_doc):
    """"وأضاف سالم: لذلك فإن حزب الله ضعيف": the parse hangs the quotation on the subject
    word سالم, which names no actor; the party after the colon is what he speaks of, not
    the speaker."""
    doc = conllu_doc("""
# text = وأضاف سالم : لذلك فإن حزب الله ضعيف .
1-2 وأضاف _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 أضاف أضاف VERB _ _ 0 root _ _
3 سالم سالم NOUN _ _ 2 nsubj _ _
4 : : PUNCT _ _ 3 punct _ _
5-6 لذلك _ _ _ _ _ _ _ _
5 ل ل ADP _ _ 6 case _ _
6 ذلك ذلك PRON _ _ 3 nmod _ _
7 فإن فإن CCONJ _ _ 10 mark _ _
8 حزب حزب NOUN _ _ 6 nmod _ ner=B-ORG
9 الله الله NOUN _ _ 8 nmod _ ner=E-ORG
10 ضعيف ضعيف ADJ _ _ 2 ccomp _ _
11 . . PUNCT _ _ 2 punct _ _
""")
    facts = rules.extract(doc)
    assert any(m.text == "حزب الله" for m in facts.mentions)
    assert not any(e.roles.get("speaker") for e in facts.events if e.type == "Statement"), \
        [(e.trigger, e.roles) for e in facts.events]


def test_speakers_a_name_after_a_verb_with_a_common_noun_subject_before_it_is_its_object(rules, conllu_doc):
    """"الفقرة الثالثة من القرار، تدعو سوريا إلى تسليم الأسلحة": the parse gives تدعو the
    paragraph (الفقرة) as its subject before it; Syria after the verb is called on, and
    speaks not."""
    doc = conllu_doc("""
# text = الفقرة الثالثة من القرار ، تدعو سوريا إلى تسليم الأسلحة .
1 الفقرة فقرة NOUN _ _ 6 nsubj _ _
2 الثالثة ثالث ADJ _ _ 1 amod _ _
3 من من ADP _ _ 4 case _ _
4 القرار قرار NOUN _ _ 1 nmod _ _
5 ، ، PUNCT _ _ 4 punct _ _
6 تدعو دعا VERB _ _ 0 root _ _
7 سوريا سوريا PROPN _ _ 6 nsubj _ ner=S-LOC
8 إلى إلى ADP _ _ 9 case _ _
9 تسليم تسليم NOUN _ _ 6 obl _ _
10 الأسلحة سلاح NOUN _ _ 9 nmod _ _
11 . . PUNCT _ _ 6 punct _ _
""")
    facts = rules.extract(doc)
    assert any(m.text == "سوريا" for m in facts.mentions)
    assert not any(e.roles.get("speaker") for e in facts.events if e.type == "Statement"), \
        [(e.trigger, e.roles) for e in facts.events]


def test_speakers_the_visit_during_which_one_speaks_is_no_topic(rules, conllu_doc):
    """"وقال أحمد سالم خلال زيارة إلى الكويت: …": the visit (after خلال, lexicon
    ``circumstance_words``, and before the colon) is when he spoke, not what he said."""
    doc = conllu_doc("""
# text = وقال أحمد سالم خلال زيارة إلى الكويت : نحن ندعم الحوار .
1-2 وقال _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 قال قال VERB _ _ 0 root _ _
3 أحمد أحمد PROPN _ _ 2 nsubj _ ner=B-PER
4 سالم سالم PROPN _ _ 3 flat _ ner=E-PER
5 خلال خلال ADP _ _ 6 case _ _
6 زيارة زيارة NOUN _ _ 2 obl _ _
7 إلى إلى ADP _ _ 8 case _ _
8 الكويت الكويت PROPN _ _ 6 nmod _ ner=S-LOC
9 : : PUNCT _ _ 2 punct _ _
10 نحن نحن PRON _ _ 11 nsubj _ _
11 ندعم دعم VERB _ _ 2 ccomp _ _
12 الحوار حوار NOUN _ _ 11 obj _ _
13 . . PUNCT _ _ 2 punct _ _
""")
    facts = rules.extract(doc)
    (statement,) = [e for e in facts.events if e.type == "Statement"]
    assert statement.topic is None, statement.topic
    assert any(e.type == "Meeting" for e in facts.events), [(e.type, e.trigger) for e in facts.events]


def test_speakers_the_outlet_spoken_to_after_li_does_not_speak(rules, conllu_doc):
    """"وقال قائد قوات محلية لرويترز إن …": the commander (no actor) speaks to Reuters, which the
    parse hangs inside the subject; Reuters is no speaker (lexicon ``addressee_prepositions``)."""
    doc = conllu_doc(FIRST + """
# text = وقال قائد قوات محلية لرويترز إن الهجوم بدأ .
1 وقال قال VERB _ _ 0 root _ _
2 قائد قائد NOUN _ _ 1 nsubj _ _
3 قوات قوة NOUN _ _ 2 nmod _ _
4 محلية محلي ADJ _ _ 3 amod _ _
5-6 لرويترز _ _ _ _ _ _ _ _
5 ل ل ADP _ _ 6 case _ _
6 رويترز رويترز PROPN _ _ 3 nmod _ ner=S-ORG
7 إن إن SCONJ _ _ 9 mark _ _
8 الهجوم هجوم NOUN _ _ 9 nsubj _ _
9 بدأ بدأ VERB _ _ 1 ccomp _ _
10 . . PUNCT _ _ 1 punct _ _
""")
    assert all("رويترز" not in speakers for _, speakers in _said(rules, doc))


def test_speakers_a_country_name_that_ends_a_persons_name_is_the_person(rules, conllu_doc):
    """"وقال قائد الشرطة الجنرال بدر الدين هايتي إن …": NER's span is a man's name ending in
    هايتي; the general speaks, not Haiti."""
    doc = conllu_doc("""
# text = وقال قائد الشرطة الجنرال بدر الدين هايتي إن الوضع هادئ .
1 وقال قال VERB _ _ 0 root _ _
2 قائد قائد NOUN _ _ 1 nsubj _ _
3 الشرطة شرطة NOUN _ _ 2 nmod _ _
4 الجنرال جنرال NOUN _ _ 2 nmod _ _
5 بدر بدر PROPN _ _ 4 nmod _ ner=B-PER
6 الدين دين NOUN _ _ 5 nmod _ ner=I-PER
7 هايتي هايتي PROPN _ _ 5 nmod _ ner=E-PER
8 إن إن SCONJ _ _ 10 mark _ _
9 الوضع وضع NOUN _ _ 10 nsubj _ _
10 هادئ هادئ ADJ _ _ 1 ccomp _ _
11 . . PUNCT _ _ 1 punct _ _
""")
    assert _said(rules, doc) == [(0, ["بدر الدين هايتي"])]


def test_speakers_as_he_put_it_is_no_statement_of_its_own(rules, conllu_doc):
    """"… على حد وصفه": the phrase ends the statement of the verb before it; وصف (tagged a verb
    here) after حد is no second statement (the statement-stance rule's veto)."""
    doc = conllu_doc(FIRST + """
# text = وأكد الخطيب أن الأسواق مغلقة على حد وصفه .
1 وأكد أكد VERB _ _ 0 root _ _
2 الخطيب خطيب PROPN _ _ 1 nsubj _ ner=S-PER
3 أن أن SCONJ _ _ 5 mark _ _
4 الأسواق سوق NOUN _ _ 5 nsubj _ _
5 مغلقة مغلق ADJ _ _ 1 ccomp _ _
6 على على ADP _ _ 7 case _ _
7 حد حد NOUN _ _ 5 obl _ _
8-9 وصفه _ _ _ _ _ _ _ _
8 وصف وصف VERB _ _ 7 acl _ _
9 ه هو PRON _ _ 8 obj _ _
10 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    assert [e.rule for e in facts.events if e.source.sentence == 1] == ["statement"]


def test_speakers_the_body_a_unit_belongs_to_after_li_may_speak(rules, conllu_doc):
    """"وقالت خلية الاستخبارات التابعة لوزارة الداخلية العراقية إن …": after التابعة (lexicon
    ``belonging_words``) ل names the ministry the cell belongs to, not someone spoken to."""
    doc = conllu_doc("""
# text = وقالت خلية الاستخبارات التابعة لوزارة الداخلية العراقية إن الشبكة فككت .
1 وقالت قال VERB _ _ 0 root _ _
2 خلية خلية NOUN _ _ 1 nsubj _ _
3 الاستخبارات استخبارات NOUN _ _ 2 nmod _ _
4 التابعة تابع ADJ _ _ 2 amod _ _
5-6 لوزارة _ _ _ _ _ _ _ ner=B-ORG
5 ل ل ADP _ _ 6 case _ _
6 وزارة وزارة NOUN _ _ 4 nmod _ _
7 الداخلية داخلية NOUN _ _ 6 nmod _ ner=I-ORG
8 العراقية عراقي ADJ _ _ 6 amod _ ner=E-ORG
9 إن إن SCONJ _ _ 11 mark _ _
10 الشبكة شبكة NOUN _ _ 11 nsubj _ _
11 فككت فكك VERB _ _ 1 ccomp _ _
12 . . PUNCT _ _ 1 punct _ _
""")
    assert _said(rules, doc) == [(0, ["وزارة الداخلية العراقية"])]
