"""A leader's title: the holder leads the body named in it (pipelines/rules/relations.yaml,
rule led-by-title; kg/extract/relations.py), on a parse written for this test."""
from __future__ import annotations

BRACKETED = """
# text = وقالت زوجة سابقة لزعيم تنظيم (داعش) أبي بكر البغدادي إنها غادرت .
1 وقالت قال VERB _ _ 0 root _ _
2 زوجة زوجة NOUN _ _ 1 nsubj _ _
3 سابقة سابق ADJ _ _ 2 amod _ _
4-5 لزعيم _ _ _ _ _ _ _ _
4 ل ل ADP _ _ 5 case _ _
5 زعيم زعيم NOUN _ _ 2 nmod _ _
6 تنظيم تنظيم NOUN _ _ 5 nmod _ _
7 ( ( PUNCT _ _ 8 punct _ _
8 داعش داعش PROPN _ _ 6 nmod _ ner=S-ORG
9 ) ) PUNCT _ _ 8 punct _ _
10 أبي أب X _ _ 8 nmod _ ner=B-PER
11 بكر بكر X _ _ 10 nmod _ ner=I-PER
12 البغدادي بغدادي NOUN _ _ 11 nmod _ ner=E-PER
13-14 إنها _ _ _ _ _ _ _ _
13 إن إن SCONJ _ _ 15 mark _ _
14 ها هو PRON _ _ 15 nsubj _ _
15 غادرت غادر VERB _ _ 1 ccomp _ _
16 . . PUNCT _ _ 1 punct _ _
"""


def test_leaders_the_body_in_brackets_is_led_by_the_holder_named_in_the_genitive(rules, conllu_doc):
    """"لزعيم تنظيم (داعش) أبي بكر البغدادي": the brackets do not end the title, the kunya in
    the genitive (أبي) is the gazetteer's أبو بكر البغدادي, and he leads the Islamic State."""
    facts = rules.extract(conllu_doc(BRACKETED))
    label = {a.iri: a.label_en for a in facts.actors.values()}
    assert [(label[t.person], "زعيم" in t.title) for t in facts.titles] == [("Abu Bakr al-Baghdadi", True)]
    assert [(label[r.subject], r.predicate, label[r.object]) for r in facts.relations] == [
        ("Islamic State", "ledBy", "Abu Bakr al-Baghdadi")]
