"""Descriptors (kg/extract/descriptors.py): a bare definite descriptor (المتمردون) names
the group the article named with it in apposition (المتمردين الحوثيين). Hand parses; no
models."""
from __future__ import annotations

import pytest

from kg.extract import RuleSet
from tests.test_generic_actors import PARSES, to_conllu

LINKED = """
        1 سيطر سيطر VERB 0 root
        2 المتمردون متمرد NOUN 1 nsubj
        3 الحوثيون حوثي ADJ 2 amod
        4 على على ADP 5 case
        5 المطار مطار NOUN 1 obl
        6 . . PUNCT 1 punct"""
BARE = """
        1-2 وقصف
        1 و و CCONJ 2 cc
        2 قصف قصف VERB 0 root
        3 المتمردون متمرد NOUN 2 nsubj
        4 مواقع موقع NOUN 2 obj
        5 الجيش جيش NOUN 4 nmod
        6 . . PUNCT 2 punct"""
INDEFINITE = """
        1 وهاجم وهاجم VERB 0 root
        2 متمردون متمرد NOUN 1 nsubj
        3 القرية قرية NOUN 1 obj
        4 . . PUNCT 1 punct"""


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RuleSet.load()


def _actors_of(rules, conllu_doc, *blocks: str) -> list[tuple[str, str]]:
    facts = rules.extract(conllu_doc(to_conllu("\n--\n".join(blocks))))
    return [(m.text, facts.actors[m.actor].label_en) for m in facts.mentions if "الجيش" not in m.text]


def test_descriptors_a_bare_descriptor_names_the_group_named_with_it(rules, conllu_doc):
    assert _actors_of(rules, conllu_doc, LINKED, BARE) == [
        ("المتمردون الحوثيون", "Houthis"), ("المتمردون", "Houthis")]


def test_descriptors_before_the_link_or_without_one_it_stays_unnamed(rules, conllu_doc):
    assert _actors_of(rules, conllu_doc, BARE) == [("المتمردون", "Rebels")]
    assert _actors_of(rules, conllu_doc, BARE, LINKED) == [
        ("المتمردون", "Rebels"), ("المتمردون الحوثيون", "Houthis")]


def test_descriptors_an_indefinite_descriptor_is_a_new_group(rules, conllu_doc):
    assert _actors_of(rules, conllu_doc, LINKED, INDEFINITE) == [
        ("المتمردون الحوثيون", "Houthis"), ("متمردون", "Rebels")]


def test_descriptors_the_name_may_follow_the_descriptor_as_its_own_mention(rules, conllu_doc):
    """الانقلابيين الحوثيين: the gazetteer names only الحوثيين; the descriptor before it links."""
    appos = PARSES["سيطر الانقلابيين الحوثيين على مبنى الإذاعة ."]
    later = PARSES["تصدت القوات لهجوم شنه الانقلابيون على المطار ."]
    got = _actors_of(rules, conllu_doc, appos, later)
    assert ("الحوثيين", "Houthis") in got and ("الانقلابيون", "Houthis") in got
    assert ("الانقلابيون", "Putschists") in _actors_of(rules, conllu_doc, later)
