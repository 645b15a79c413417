"""A person's family name with the article, alone later in the article (kg/extract/short_names.py,
``Surnames``), on parses written for these tests."""
from __future__ import annotations

NAMED_THEN_SURNAME = """
# text = وصل وزير الخارجية السوري وليد المعلم إلى مسقط .
1 وصل وصل VERB _ _ 0 root _ _
2 وزير وزير NOUN _ _ 1 nsubj _ _
3 الخارجية خارجية NOUN _ _ 2 nmod _ _
4 السوري سوري ADJ _ _ 2 amod _ _
5 وليد وليد PROPN _ _ 2 nmod _ ner=B-PER
6 المعلم معلم NOUN _ _ 5 nmod _ ner=E-PER
7 إلى إلى ADP _ _ 8 case _ _
8 مسقط مسقط PROPN _ _ 1 obl _ ner=S-LOC
9 . . PUNCT _ _ 1 punct _ _

# text = وأجرى المعلم محادثات في مسقط مع نظيره العماني .
1 وأجرى أجرى VERB _ _ 0 root _ _
2 المعلم معلم NOUN _ _ 1 nsubj _ _
3 محادثات محادثة NOUN _ _ 1 obj _ _
4 في في ADP _ _ 5 case _ _
5 مسقط مسقط PROPN _ _ 3 nmod _ ner=S-LOC
6 مع مع ADP _ _ 7 case _ _
7 نظيره نظير NOUN _ _ 3 nmod _ _
8 العماني عماني ADJ _ _ 7 amod _ _
9 . . PUNCT _ _ 1 punct _ _

# text = وقال المعلم الأول في المدرسة إن الدروس توقفت .
1 وقال قال VERB _ _ 0 root _ _
2 المعلم معلم NOUN _ _ 1 nsubj _ _
3 الأول أول ADJ _ _ 2 amod _ _
4 في في ADP _ _ 5 case _ _
5 المدرسة مدرسة NOUN _ _ 2 nmod _ _
6 إن إن SCONJ _ _ 8 mark _ _
7 الدروس درس NOUN _ _ 8 nsubj _ _
8 توقفت توقف VERB _ _ 1 ccomp _ _
9 . . PUNCT _ _ 1 punct _ _
"""


def test_surnames_a_family_name_alone_means_the_person_named_in_full_before(rules, conllu_doc):
    """"وليد المعلم … وأجرى المعلم محادثات": the minister, whom NER left untagged the second time;
    "المعلم الأول" (a definite adjective after it) is a teacher, no one's name."""
    facts = rules.extract(conllu_doc(NAMED_THEN_SURNAME))
    people = [(m.sentence, m.text, facts.actors[m.actor].label_ar) for m in facts.mentions
              if facts.actors[m.actor].cls == "Person"]
    assert people == [(0, "وليد المعلم", "وليد المعلم"), (1, "المعلم", "وليد المعلم")]


def test_surnames_a_family_name_two_persons_share_names_neither(rules, conllu_doc):
    doc = conllu_doc("""
# text = والتقى سامي الحربي خالد الحربي .
1 والتقى التقى VERB _ _ 0 root _ _
2 سامي سامي PROPN _ _ 1 nsubj _ ner=B-PER
3 الحربي حربي NOUN _ _ 2 nmod _ ner=E-PER
4 خالد خالد PROPN _ _ 1 obj _ ner=B-PER
5 الحربي حربي NOUN _ _ 4 nmod _ ner=E-PER
6 . . PUNCT _ _ 1 punct _ _

# text = وقال الحربي إن الوضع مستقر .
1 وقال قال VERB _ _ 0 root _ _
2 الحربي حربي NOUN _ _ 1 nsubj _ _
3 إن إن SCONJ _ _ 5 mark _ _
4 الوضع وضع NOUN _ _ 5 nsubj _ _
5 مستقر مستقر ADJ _ _ 1 ccomp _ _
6 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    assert [m.text for m in facts.mentions if m.sentence == 1] == []


def test_surnames_the_second_part_of_a_compound_first_name_is_no_family_name(rules, conllu_doc):
    """"عز الدين" names no one by "الدين" (religion) alone."""
    doc = conllu_doc("""
# text = وقال المخرج عز الدين إن الفيلم اكتمل .
1 وقال قال VERB _ _ 0 root _ _
2 المخرج مخرج NOUN _ _ 1 nsubj _ _
3 عز عز PROPN _ _ 2 nmod _ ner=B-PER
4 الدين دين NOUN _ _ 3 nmod _ ner=E-PER
5 إن إن SCONJ _ _ 7 mark _ _
6 الفيلم فيلم NOUN _ _ 7 nsubj _ _
7 اكتمل اكتمل VERB _ _ 1 ccomp _ _
8 . . PUNCT _ _ 1 punct _ _

# text = ويتناول الفيلم دور الدين في المجتمع .
1 ويتناول تناول VERB _ _ 0 root _ _
2 الفيلم فيلم NOUN _ _ 1 nsubj _ _
3 دور دور NOUN _ _ 1 obj _ _
4 الدين دين NOUN _ _ 3 nmod _ _
5 في في ADP _ _ 6 case _ _
6 المجتمع مجتمع NOUN _ _ 3 nmod _ _
7 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    assert [m.text for m in facts.mentions if m.sentence == 1] == []


def test_surnames_a_middle_family_name_and_a_ner_span_of_it_name_the_person(rules, conllu_doc):
    """"محمود الصرخي الحسني … وأضاف الصرخي": the man named in full, whether NER tags the later
    word (a person of its own otherwise) or not."""
    doc = conllu_doc("""
# text = دعا المرجع محمود الصرخي الحسني إلى الحوار .
1 دعا دعا VERB _ _ 0 root _ _
2 المرجع مرجع NOUN _ _ 1 nsubj _ _
3 محمود محمود PROPN _ _ 2 nmod _ ner=B-PER
4 الصرخي صرخي NOUN _ _ 3 nmod _ ner=I-PER
5 الحسني حسني NOUN _ _ 3 nmod _ ner=E-PER
6 إلى إلى ADP _ _ 7 case _ _
7 الحوار حوار NOUN _ _ 1 obl _ _
8 . . PUNCT _ _ 1 punct _ _

# text = وأضاف الصرخي أن الحوار ضروري .
1 وأضاف أضاف VERB _ _ 0 root _ _
2 الصرخي صرخي PROPN _ _ 1 nsubj _ ner=S-PER
3 أن أن SCONJ _ _ 5 mark _ _
4 الحوار حوار NOUN _ _ 5 nsubj _ _
5 ضروري ضروري ADJ _ _ 1 ccomp _ _
6 . . PUNCT _ _ 1 punct _ _

# text = وقال الصرخي إن الحل قريب .
1 وقال قال VERB _ _ 0 root _ _
2 الصرخي صرخي NOUN _ _ 1 nsubj _ _
3 إن إن SCONJ _ _ 5 mark _ _
4 الحل حل NOUN _ _ 5 nsubj _ _
5 قريب قريب ADJ _ _ 1 ccomp _ _
6 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    people = [(m.sentence, facts.actors[m.actor].label_ar) for m in facts.mentions
              if facts.actors[m.actor].cls == "Person"]
    assert people == [(0, "محمود الصرخي الحسني"), (1, "محمود الصرخي الحسني"), (2, "محمود الصرخي الحسني")]
