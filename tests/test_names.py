"""Which person a name names (kg/extract/mentions.py), on hand-made parses."""
from __future__ import annotations

import pytest

from kg.extract import RuleSet


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RuleSet.load()


def _people(rules, doc):
    facts = rules.extract(doc)
    return [(m.text, facts.actors[m.actor].label_ar) for m in facts.mentions
            if facts.actors[m.actor].cls == "Person"]


def test_names_another_first_name_before_a_known_family_name_is_another_person(rules, conllu_doc):
    """The gazetteer knows باراك أوباما (and أوباما); NER tags "ميشيل أوباما" whole. She is not
    him: the span is kept as its own person."""
    doc = conllu_doc("""
# text = وأعلنت ميشيل أوباما الخبر .
1 وأعلنت أعلن VERB _ _ 0 root _ _
2 ميشيل ميشيل PROPN _ _ 1 nsubj _ ner=B-PER
3 أوباما أوباما PROPN _ _ 2 flat _ ner=E-PER
4 الخبر خبر NOUN _ _ 1 obj _ _
5 . . PUNCT _ _ 1 punct _ _
""")
    assert _people(rules, doc) == [("ميشيل أوباما", "ميشيل أوباما")]


def test_names_a_first_name_spelled_otherwise_is_the_known_person(rules, conllu_doc):
    """"أنطوني بلينكن" for the gazetteer's أنتوني بلينكن: one letter differs, same person."""
    doc = conllu_doc("""
# text = وقال أنطوني بلينكن إن المحادثات جيدة .
1 وقال قال VERB _ _ 0 root _ _
2 أنطوني أنطوني PROPN _ _ 1 nsubj _ ner=B-PER
3 بلينكن بلينكن PROPN _ _ 2 flat _ ner=E-PER
4 إن إن SCONJ _ _ 6 mark _ _
5 المحادثات محادثة NOUN _ _ 6 nsubj _ _
6 جيدة جيد ADJ _ _ 1 ccomp _ _
7 . . PUNCT _ _ 1 punct _ _
""")
    assert _people(rules, doc) == [("أنطوني بلينكن", "أنتوني بلينكن")]
