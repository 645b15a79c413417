"""A leader's title: the holder leads the body named in it (pipelines/rules/relations.yaml,
rule led-by-title; kg/extract/relations.py), on a parse written for this test."""
from __future__ import annotations

BRACKETED = """
# text = وقال مرافق سابق لزعيم (جبهة النصرة) أبي محمد الجولاني إنه غادر .
1 وقال قال VERB _ _ 0 root _ _
2 مرافق مرافق NOUN _ _ 1 nsubj _ _
3 سابق سابق ADJ _ _ 2 amod _ _
4-5 لزعيم _ _ _ _ _ _ _ _
4 ل ل ADP _ _ 5 case _ _
5 زعيم زعيم NOUN _ _ 2 nmod _ _
6 ( ( PUNCT _ _ 7 punct _ _
7 جبهة جبهة NOUN _ _ 5 nmod _ ner=B-ORG
8 النصرة نصرة PROPN _ _ 7 nmod _ ner=E-ORG
9 ) ) PUNCT _ _ 7 punct _ _
10 أبي أب X _ _ 8 nmod _ ner=B-PER
11 محمد محمد X _ _ 10 nmod _ ner=I-PER
12 الجولاني جولاني NOUN _ _ 11 nmod _ ner=E-PER
13-14 إنه _ _ _ _ _ _ _ _
13 إن إن SCONJ _ _ 15 mark _ _
14 ه هو PRON _ _ 15 nsubj _ _
15 غادر غادر VERB _ _ 1 ccomp _ _
16 . . PUNCT _ _ 1 punct _ _
"""


def test_leaders_the_body_in_brackets_is_led_by_the_holder_named_in_the_genitive(rules, conllu_doc):
    """"لزعيم (جبهة النصرة) أبي محمد الجولاني": the brackets do not end the title, the kunya in
    the genitive (أبي) is the gazetteer's أبو محمد الجولاني, and he leads al-Nusra Front."""
    facts = rules.extract(conllu_doc(BRACKETED))
    label = {a.iri: a.label_en for a in facts.actors.values()}
    assert [(label[t.person], "زعيم" in t.title) for t in facts.titles] == [("Abu Mohammad al-Julani", True)]
    assert [(label[r.subject], r.predicate, label[r.object]) for r in facts.relations] == [
        ("al-Nusra Front", "ledBy", "Abu Mohammad al-Julani")]
