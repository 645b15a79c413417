"""An event takes the date of its clause (kg/extract/clause_dates.py), on hand-made parses
of sentences written for these tests. Published 2021-06-05, a Saturday."""
from __future__ import annotations

import datetime as dt

PUB = dt.date(2021, 6, 5)


def _dates(rules, doc) -> list[tuple[str, str, str | None]]:
    doc.article.published = PUB
    facts = rules.extract(doc)
    return [(e.type, e.trigger, e.date.value if e.date else None) for e in facts.events]


def test_the_attack_of_a_reported_clause_takes_its_own_night_not_the_saying_day(conllu_doc, rules):
    """"وقال أحمد سالم السبت إن مسلحين هاجموا حاجزا للجيش ليلة الجمعة": the saying is
    Saturday's; the attack is Friday's, though "السبت" is nearer to هاجموا in characters."""
    doc = conllu_doc("""
# text = وقال أحمد سالم السبت إن مسلحين هاجموا حاجزا للجيش ليلة الجمعة .
1 وقال قال VERB _ _ 0 root _ _
2 أحمد أحمد PROPN _ _ 1 nsubj _ ner=B-PER
3 سالم سالم PROPN _ _ 2 flat _ ner=E-PER
4 السبت سبت NOUN _ _ 1 obl _ _
5 إن إن SCONJ _ _ 7 mark _ _
6 مسلحين مسلح NOUN _ _ 7 nsubj _ _
7 هاجموا هاجم VERB _ _ 1 ccomp _ _
8 حاجزا حاجز NOUN _ _ 7 obj _ _
9 للجيش جيش NOUN _ _ 8 nmod _ _
10 ليلة ليلة NOUN _ _ 7 obl _ _
11 الجمعة جمعة NOUN _ _ 10 nmod _ _
12 . . PUNCT _ _ 1 punct _ _
""")
    got = _dates(rules, doc)
    assert ("Statement", "وقال", "2021-06-05") in got
    assert ("Attack", "هاجموا", "2021-06-04") in got


def test_a_saying_is_not_dated_by_its_reported_clause(conllu_doc, rules):
    """"وقال أحمد سالم إن القوات ستنسحب من البلدة الأحد": Sunday is the withdrawal's, not
    the saying's."""
    doc = conllu_doc("""
# text = وقال أحمد سالم إن القوات ستنسحب من البلدة الأحد .
1 وقال قال VERB _ _ 0 root _ _
2 أحمد أحمد PROPN _ _ 1 nsubj _ ner=B-PER
3 سالم سالم PROPN _ _ 2 flat _ ner=E-PER
4 إن إن SCONJ _ _ 6 mark _ _
5 القوات قوة NOUN _ _ 6 nsubj _ _
6 ستنسحب انسحب VERB _ _ 1 ccomp _ _
7 من من ADP _ _ 8 case _ _
8 البلدة بلدة NOUN _ _ 6 obl _ _
9 الأحد أحد NOUN _ _ 6 obl _ _
10 . . PUNCT _ _ 1 punct _ _
""")
    got = _dates(rules, doc)
    assert ("Statement", "وقال", None) in got


def test_a_fronted_day_dates_the_attack_noun_of_its_clause(conllu_doc, rules):
    """"والأحد قتل خمسة جنود من قوات الأمن العراقية في هجوم لمسلحين على قرية شهدت معارك
    الخميس": the attack noun hangs on قتل, whose clause is Sunday's; Thursday is the
    relative clause's (شهدت)."""
    doc = conllu_doc("""
# text = والأحد قتل خمسة جنود من قوات الأمن العراقية في هجوم لمسلحين على قرية شهدت معارك الخميس .
1 والأحد أحد NOUN _ _ 2 obl _ _
2 قتل قتل VERB _ _ 0 root _ _
3 خمسة خمسة NUM _ _ 4 nummod _ _
4 جنود جندي NOUN _ _ 2 nsubj:pass _ _
5 من من ADP _ _ 6 case _ _
6 قوات قوة NOUN _ _ 4 nmod _ _
7 الأمن أمن NOUN _ _ 6 nmod _ _
8 العراقية عراقي ADJ _ _ 6 amod _ _
9 في في ADP _ _ 10 case _ _
10 هجوم هجوم NOUN _ _ 2 obl _ _
11 لمسلحين مسلح NOUN _ _ 10 nmod _ _
12 على على ADP _ _ 13 case _ _
13 قرية قرية NOUN _ _ 10 nmod _ _
14 شهدت شهد VERB _ _ 13 acl _ _
15 معارك معركة NOUN _ _ 14 obj _ _
16 الخميس خميس NOUN _ _ 14 obl _ _
17 . . PUNCT _ _ 2 punct _ _
""")
    got = _dates(rules, doc)
    assert ("Attack", "هجوم", "2021-05-30") in got
