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


SEAT = """
# text = واستنكرت النائبة عن التحالف المدني الديمقراطي في مجلس النواب العراقي سارة علي القرار .
1 واستنكرت استنكر VERB _ _ 0 root _ _
2 النائبة نائب NOUN _ _ 1 nsubj _ _
3 عن عن ADP _ _ 4 case _ _
4 التحالف تحالف NOUN _ _ 2 nmod _ _
5 المدني مدني NOUN _ _ 4 nmod _ _
6 الديمقراطي ديمقراطي ADJ _ _ 5 amod _ _
7 في في ADP _ _ 8 case _ _
8 مجلس مجلس NOUN _ _ 4 nmod _ ner=B-ORG
9 النواب نائب NOUN _ _ 8 nmod _ ner=E-ORG
10 العراقي عراقي ADJ _ _ 9 amod _ _
11 سارة سارة X _ _ 9 nmod _ ner=B-PER
12 علي علي X _ _ 9 nmod _ ner=E-PER
13 القرار قرار NOUN _ _ 1 obj _ _
14 . . PUNCT _ _ 1 punct _ _
"""


def test_names_a_members_seat_is_part_of_her_title_and_she_speaks(rules, conllu_doc):
    """"النائبة عن X": عن stays inside the title of a member of parliament; the subject that
    heads the title speaks for its holder however far her name; التحالف followed by its
    adjectives is another body than the Global Coalition."""
    facts = rules.extract(conllu_doc(SEAT))
    label = {a.iri: a.label_ar for a in facts.actors.values()}
    assert [(label[t.person], t.title) for t in facts.titles] == \
        [("سارة علي", "النائبة عن التحالف المدني الديمقراطي في مجلس النواب العراقي")]
    assert [[label[a] for a in e.roles["speaker"]] for e in facts.events if e.type == "Statement"] == [["سارة علي"]]
    assert all(facts.actors[m.actor].label_en != "Global Coalition against Daesh" for m in facts.mentions)


def test_names_an_an_after_a_member_that_opens_no_seat_ends_the_title(rules, conllu_doc):
    """"أعرب النائب عن شكره للرئيس بشار الأسد": عن before شكره is the verb's; the president's
    title is only his own."""
    doc = conllu_doc("""
# text = وأعرب النائب عن شكره للرئيس بشار الأسد .
1 وأعرب أعرب VERB _ _ 0 root _ _
2 النائب نائب NOUN _ _ 1 nsubj _ _
3 عن عن ADP _ _ 4 case _ _
4 شكره شكر NOUN _ _ 1 obl _ _
5-6 للرئيس _ _ _ _ _ _ _ _
5 ل ل ADP _ _ 6 case _ _
6 لرئيس رئيس NOUN _ _ 4 nmod _ _
7 بشار بشار X _ _ 6 nmod _ ner=B-PER
8 الأسد أسد X _ _ 7 flat _ ner=E-PER
9 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    assert [t.title for t in facts.titles] == ["الرئيس"]


def test_names_an_indefinite_head_before_a_name_is_no_title(rules, conllu_doc):
    """"رئيسا غربيا قادما من هونولولو": a description, not an office (here NER took the city
    for a person); after a name the same form may be one (عيّن X قائدا للقوة, in the rules)."""
    doc = conllu_doc("""
# text = وكان رئيسا غربيا قادما من هونولولو .
1-2 وكان _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 كان كان VERB _ _ 0 root _ _
3 رئيسا رئيس NOUN _ _ 2 obj _ _
4 غربيا غربي ADJ _ _ 3 amod _ _
5 قادما قادم ADJ _ _ 3 amod _ _
6 من من ADP _ _ 7 case _ _
7 هونولولو هونولولو X _ _ 5 obl _ ner=S-PER
8 . . PUNCT _ _ 2 punct _ _
""")
    assert rules.extract(doc).titles == []


def test_names_a_titled_name_inside_a_place_name_holds_no_title(rules, conllu_doc):
    """"قاعدة الملك خالد الجوية" is a base: no title الملك for خالد, and خالد acts in no role;
    "الفريق الإسباني" is a team, not the rank before a name."""
    doc = conllu_doc("""
# text = وزار الوزير قاعدة الملك خالد الجوية .
1-2 وزار _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 زار زار VERB _ _ 0 root _ _
3 الوزير وزير NOUN _ _ 2 nsubj _ _
4 قاعدة قاعدة NOUN _ _ 2 obj _ _
5 الملك ملك NOUN _ _ 4 nmod _ _
6 خالد خالد X _ _ 5 nmod _ ner=S-PER
7 الجوية جوي ADJ _ _ 4 amod _ _
8 . . PUNCT _ _ 2 punct _ _

# text = وانتقل اللاعب من الفريق الإسباني الآخر سامي خالد .
1-2 وانتقل _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 انتقل انتقل VERB _ _ 0 root _ _
3 اللاعب لاعب NOUN _ _ 2 nsubj _ _
4 من من ADP _ _ 5 case _ _
5 الفريق فريق NOUN _ _ 2 obl _ _
6 الإسباني إسباني ADJ _ _ 5 amod _ _
7 الآخر آخر ADJ _ _ 5 amod _ _
8 سامي سامي X _ _ 5 nmod _ ner=B-PER
9 خالد خالد X _ _ 8 flat _ ner=E-PER
10 . . PUNCT _ _ 2 punct _ _
""")
    assert rules.extract(doc).titles == []


def test_names_a_capital_after_the_capital_noun_and_a_demonym_is_a_place(rules, conllu_doc):
    """"متحدث باسم النقابة بالعاصمة الألمانية برلين" (ب split off برلين): Berlin is where the
    union is, not the German government speaking."""
    doc = conllu_doc("""
# text = وقال متحدث باسم النقابة بالعاصمة الألمانية برلين إن الخلافات حادة .
1-2 وقال _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 قال قال VERB _ _ 0 root _ _
3 متحدث متحدث NOUN _ _ 2 nsubj _ _
4-5 باسم _ _ _ _ _ _ _ _
4 ب ب ADP _ _ 5 case _ _
5 اسم اسم NOUN _ _ 3 nmod _ _
6 النقابة نقابة NOUN _ _ 5 nmod _ _
7-8 بالعاصمة _ _ _ _ _ _ _ _
7 ب ب ADP _ _ 8 case _ _
8 العاصمة عاصمة NOUN _ _ 5 nmod _ _
9 الألمانية ألماني ADJ _ _ 8 amod _ _
10-11 برلين _ _ _ _ _ _ _ _
10 ب ب ADP _ _ 11 case _ _
11 رلين رلين X _ _ 8 nmod _ _
12 إن إن SCONJ _ _ 14 mark _ _
13 الخلافات خلاف NOUN _ _ 14 nsubj _ _
14 حادة حاد ADJ _ _ 2 ccomp _ _
15 . . PUNCT _ _ 2 punct _ _
""")
    facts = rules.extract(doc)
    assert [(m.text, facts.actors[m.actor].cls) for m in facts.mentions] == [("برلين", "Place")]
    assert not [e for e in facts.events if e.type == "Statement"]


def test_names_the_leader_leads_the_nearest_actor_before_the_cue(rules, conllu_doc):
    """"نفذها الجيش السوري أو التحالف الدولي الذي تقوده الولايات المتحدة": the US leads the
    coalition, not the Syrian army named before it."""
    doc = conllu_doc("""
# text = نفذها الجيش السوري أو التحالف الدولي الذي تقوده الولايات المتحدة .
1 نفذها نفذ VERB _ _ 0 root _ _
2 الجيش جيش NOUN _ _ 1 nsubj _ _
3 السوري سوري ADJ _ _ 2 amod _ _
4 أو أو CCONJ _ _ 5 cc _ _
5 التحالف تحالف NOUN _ _ 2 conj _ _
6 الدولي دولي ADJ _ _ 5 amod _ _
7 الذي الذي PRON _ _ 8 nsubj _ _
8 تقوده قاد VERB _ _ 5 acl _ _
9 الولايات ولاية NOUN _ _ 8 nsubj _ _
10 المتحدة متحد ADJ _ _ 9 amod _ _
11 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    label = {a.iri: a.label_en for a in facts.actors.values()}
    assert [(label[r.subject], label[r.object]) for r in facts.relations] == \
        [("Global Coalition against Daesh", "United States")]


def test_names_punctuation_a_token_kept_is_not_part_of_the_name(rules, conllu_doc):
    """The tokeniser left "؛" on "درار؛": the person is ريان درار."""
    doc = conllu_doc("""
# text = وأوضح ريان درار؛ أن السوق تراجعت .
1-2 وأوضح _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 أوضح أوضح VERB _ _ 0 root _ _
3 ريان ريان X _ _ 2 nsubj _ ner=B-PER
4 درار؛ درار X _ _ 3 flat _ ner=E-PER
5 أن أن SCONJ _ _ 7 mark _ _
6 السوق سوق NOUN _ _ 7 nsubj _ _
7 تراجعت تراجع VERB _ _ 2 ccomp _ _
8 . . PUNCT _ _ 2 punct _ _
""")
    assert _people(rules, doc) == [("ريان درار؛", "ريان درار")]


def test_names_a_title_stops_where_a_new_phrase_starts_and_leaves_the_rank_out(rules, conllu_doc):
    """"نقل ولي العهد تحيات خادم الحرمين الملك سلمان": the greetings end the prince's title;
    "قائد المنطقة الجنوبية اللواء سامي علي": the office without the rank; "الفريق أول" is a
    rank, not a team."""
    doc = conllu_doc("""
# text = ونقل ولي العهد تحيات خادم الحرمين الملك سلمان .
1-2 ونقل _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 نقل نقل VERB _ _ 0 root _ _
3 ولي ولي NOUN _ _ 2 nsubj _ _
4 العهد عهد NOUN _ _ 3 nmod _ _
5 تحيات تحية NOUN _ _ 2 obj _ _
6 خادم خادم NOUN _ _ 5 nmod _ _
7 الحرمين حرم NOUN _ _ 6 nmod _ _
8 الملك ملك NOUN _ _ 7 nmod _ _
9 سلمان سلمان X _ _ 8 nmod _ ner=S-PER
10 . . PUNCT _ _ 2 punct _ _

# text = وحضر قائد المنطقة الجنوبية اللواء سامي علي ورئيس الأركان الفريق أول ركن خالد حسن .
1-2 وحضر _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 حضر حضر VERB _ _ 0 root _ _
3 قائد قائد NOUN _ _ 2 nsubj _ _
4 المنطقة منطقة NOUN _ _ 3 nmod _ _
5 الجنوبية جنوبي ADJ _ _ 4 amod _ _
6 اللواء لواء NOUN _ _ 3 nmod _ _
7 سامي سامي X _ _ 6 nmod _ ner=B-PER
8 علي علي X _ _ 7 flat _ ner=E-PER
9-10 ورئيس _ _ _ _ _ _ _ _
9 و و CCONJ _ _ 10 cc _ _
10 رئيس رئيس NOUN _ _ 3 conj _ _
11 الأركان ركن NOUN _ _ 10 nmod _ _
12 الفريق فريق NOUN _ _ 10 nmod _ _
13 أول أول ADJ _ _ 12 amod _ _
14 ركن ركن NOUN _ _ 12 nmod _ _
15 خالد خالد X _ _ 14 nmod _ ner=B-PER
16 حسن حسن X _ _ 15 flat _ ner=E-PER
17 . . PUNCT _ _ 2 punct _ _
""")
    facts = rules.extract(doc)
    label = {a.iri: a.label_ar for a in facts.actors.values()}
    got = {(label[t.person], t.title) for t in facts.titles}
    assert all("تحيات" not in t and not t.startswith("ولي") for _, t in got), got
    assert ("سامي علي", "قائد المنطقة الجنوبية") in got, got
    assert any(p == "خالد حسن" and t.startswith("رئيس الأركان") for p, t in got), got


def test_names_a_country_name_that_is_its_adjective_after_a_noun_names_no_country(rules, conllu_doc):
    """"شركة الاتصالات السعودية" is Saudi Telecom: "السعودية" there is the adjective, not Saudi
    Arabia speaking; "أكدت السعودية" is the country."""
    doc = conllu_doc("""
# text = وأكدت شركة الاتصالات السعودية سلامة الشبكة .
1-2 وأكدت _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 أكدت أكد VERB _ _ 0 root _ _
3 شركة شركة NOUN _ _ 2 nsubj _ _
4 الاتصالات اتصال NOUN _ _ 3 nmod _ _
5 السعودية سعودي ADJ _ _ 4 amod _ ner=S-ORG
6 سلامة سلامة NOUN _ _ 2 obj _ _
7 الشبكة شبكة NOUN _ _ 6 nmod _ _
8 . . PUNCT _ _ 2 punct _ _

# text = وأكدت السعودية سلامة الحجاج .
1-2 وأكدت _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 أكدت أكد VERB _ _ 0 root _ _
3 السعودية سعودية X _ _ 2 nsubj _ ner=S-LOC
4 سلامة سلامة NOUN _ _ 2 obj _ _
5 الحجاج حاج NOUN _ _ 4 nmod _ _
6 . . PUNCT _ _ 2 punct _ _
""")
    facts = rules.extract(doc)
    said = [(e.source.sentence, [facts.actors[a].label_en for a in e.roles["speaker"]])
            for e in facts.events if e.type == "Statement"]
    assert said == [(1, ["Saudi Arabia"])], said


def test_names_a_longer_match_on_tokens_wins_over_a_split_name(rules, conllu_doc):
    """The tokeniser split "عبدربه" into عبدرب + ه, so on words the gazetteer finds only
    "منصور هادي"; on tokens it finds the whole name, and the title is only الرئيس."""
    doc = conllu_doc("""
# text = وأصدر الرئيس عبدربه منصور هادي قرارا .
1-2 وأصدر _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 أصدر أصدر VERB _ _ 0 root _ _
3 الرئيس رئيس NOUN _ _ 2 nsubj _ _
4-5 عبدربه _ _ _ _ _ _ _ _
4 عبدرب عبدرب X _ _ 3 nmod _ _
5 ه هو PRON _ _ 4 nmod _ _
6 منصور منصور X _ _ 4 flat _ _
7 هادي هادي X _ _ 4 flat _ _
8 قرارا قرار NOUN _ _ 2 obj _ _
9 . . PUNCT _ _ 2 punct _ _
""")
    facts = rules.extract(doc)
    assert [(facts.actors[m.actor].label_en, m.text) for m in facts.mentions] == \
        [("Abdrabbuh Mansur Hadi", "عبدربه منصور هادي")]
    assert [t.title for t in facts.titles] == ["الرئيس"]


@pytest.mark.parametrize("words", [("رأس", "ه"), ("رأسه",)])
def test_names_a_name_that_opens_an_idiom_is_no_name(rules, conllu_doc, words):
    """"عاد إلى مسقط رأسه" is his birthplace (lexicon ``name_idioms``), not Muscat, with its
    pronoun split off or not; "وصل إلى مسقط أمس" is Muscat."""
    rest = "\n".join(f"{5 + i} {w} {w} {'PRON' if w == 'ه' else 'NOUN'} _ _ {4 + i} nmod _ _"
                     for i, w in enumerate(words))
    n = 5 + len(words)
    doc = conllu_doc(f"""
# text = وعاد اللاعب إلى مسقط {' '.join(words)} .
1 وعاد عاد VERB _ _ 0 root _ _
2 اللاعب لاعب NOUN _ _ 1 nsubj _ _
3 إلى إلى ADP _ _ 4 case _ _
4 مسقط مسقط NOUN _ _ 1 obl _ ner=S-LOC
{rest}
{n} . . PUNCT _ _ 1 punct _ _

# text = ووصل الوزير إلى مسقط أمس .
1 ووصل وصل VERB _ _ 0 root _ _
2 الوزير وزير NOUN _ _ 1 nsubj _ _
3 إلى إلى ADP _ _ 4 case _ _
4 مسقط مسقط PROPN _ _ 1 obl _ ner=S-LOC
5 أمس أمس NOUN _ _ 1 obl _ _
6 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    assert [(m.sentence, m.text) for m in facts.mentions] == [(1, "مسقط")]


def test_names_ranks_and_degrees_before_a_name_are_not_in_it(rules, conllu_doc):
    """NER takes "العقيد دكتور سالم العتيبي" whole: the rank (with its article) and the degree
    (without, lexicon ``bare_ranks``) are titles, not the name."""
    doc = conllu_doc("""
# text = وأكد العقيد دكتور سالم العتيبي ضبط المتهمين .
1 وأكد أكد VERB _ _ 0 root _ _
2 العقيد عقيد NOUN _ _ 1 nsubj _ ner=B-PER
3 دكتور دكتور NOUN _ _ 2 nmod _ ner=I-PER
4 سالم سالم PROPN _ _ 3 nmod _ ner=I-PER
5 العتيبي العتيبي PROPN _ _ 4 flat _ ner=E-PER
6 ضبط ضبط NOUN _ _ 1 obj _ _
7 المتهمين متهم NOUN _ _ 6 nmod _ _
8 . . PUNCT _ _ 1 punct _ _
""")
    assert _people(rules, doc) == [("سالم العتيبي", "سالم العتيبي")]


def test_names_a_first_name_that_is_also_a_rank_stays(rules, conllu_doc):
    """رائد is a rank with the article (الرائد) and a first name without: "رائد صلاح"."""
    doc = conllu_doc("""
# text = وقال رائد صلاح إن الطريق مغلق .
1 وقال قال VERB _ _ 0 root _ _
2 رائد رائد PROPN _ _ 1 nsubj _ ner=B-PER
3 صلاح صلاح PROPN _ _ 2 flat _ ner=E-PER
4 إن إن SCONJ _ _ 6 mark _ _
5 الطريق طريق NOUN _ _ 6 nsubj _ _
6 مغلق مغلق ADJ _ _ 1 ccomp _ _
7 . . PUNCT _ _ 1 punct _ _
""")
    assert _people(rules, doc) == [("رائد صلاح", "رائد صلاح")]


def test_names_words_with_tanween_are_no_name(rules, conllu_doc):
    """NER may tag "بيانًا رسميًا" (a statement, with tanween) as an organisation; a word
    written with tanween is a common noun, and nobody speaks."""
    doc = conllu_doc("""
# text = وأصدرت الوزارة بيانًا رسميًا طالبت فيه بالهدوء .
1 وأصدرت أصدر VERB _ _ 0 root _ _
2 الوزارة وزارة NOUN _ _ 1 nsubj _ _
3 بيانًا بيان NOUN _ _ 1 obj _ ner=B-ORG
4 رسميًا رسمي ADJ _ _ 3 amod _ ner=E-ORG
5 طالبت طالب VERB _ _ 3 acl _ _
6 فيه في ADP _ _ 5 obl _ _
7 بالهدوء هدوء NOUN _ _ 5 obl _ _
8 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    assert [m.text for m in facts.mentions] == []


def test_names_the_verb_ner_takes_into_a_name_is_not_in_it(rules, conllu_doc):
    """NER tags "ولد سالم الحربي" (S. H. was born) whole; the verb whose subject is the rest
    of the span is no part of the name."""
    doc = conllu_doc("""
# text = ولد سالم الحربي في عام 1970 .
1 ولد ولد VERB _ _ 0 root _ ner=B-PER
2 سالم سالم PROPN _ _ 1 nsubj _ ner=I-PER
3 الحربي الحربي PROPN _ _ 2 flat _ ner=E-PER
4 في في ADP _ _ 5 case _ _
5 عام عام NOUN _ _ 1 obl _ _
6 1970 1970 NUM _ _ 5 nummod _ _
7 . . PUNCT _ _ 1 punct _ _
""")
    assert _people(rules, doc) == [("سالم الحربي", "سالم الحربي")]


def test_names_a_first_name_tagged_as_a_verb_stays(rules, conllu_doc):
    """"يحيى" may be tagged as a verb; it heads no subject of the name, so it stays in it."""
    doc = conllu_doc("""
# text = وقال يحيى الحربي إن الطريق مغلق .
1 وقال قال VERB _ _ 0 root _ _
2 يحيى يحيى VERB _ _ 1 nsubj _ ner=B-PER
3 الحربي الحربي PROPN _ _ 2 flat _ ner=E-PER
4 إن إن SCONJ _ _ 6 mark _ _
5 الطريق طريق NOUN _ _ 6 nsubj _ _
6 مغلق مغلق ADJ _ _ 1 ccomp _ _
7 . . PUNCT _ _ 1 punct _ _
""")
    assert _people(rules, doc) == [("يحيى الحربي", "يحيى الحربي")]


def _titles(rules, doc):
    facts = rules.extract(doc)
    label = {a.iri: a.label_ar for a in facts.actors.values()}
    return {(label[t.person], t.title) for t in facts.titles}


def test_names_an_office_and_a_princes_title_before_a_name_are_two_titles(rules, conllu_doc):
    """"وزير الداخلية الأمير سعود الخالد": the office ends at its definite complement; the
    definite head after it is a title of its own, not the office's last word."""
    doc = conllu_doc("""
# text = وافتتح وزير الداخلية الأمير سعود الخالد المعرض .
1-2 وافتتح _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 افتتح افتتح VERB _ _ 0 root _ _
3 وزير وزير NOUN _ _ 2 nsubj _ _
4 الداخلية داخلية NOUN _ _ 3 nmod _ _
5 الأمير أمير NOUN _ _ 3 nmod _ _
6 سعود سعود PROPN _ _ 5 nmod _ ner=B-PER
7 الخالد الخالد PROPN _ _ 6 flat _ ner=E-PER
8 المعرض معرض NOUN _ _ 2 obj _ _
9 . . PUNCT _ _ 2 punct _ _
""")
    assert _titles(rules, doc) == {("سعود الخالد", "وزير الداخلية"), ("سعود الخالد", "الأمير")}


def test_names_a_title_after_a_name_ends_before_the_occasion_of_the_statement(rules, conllu_doc):
    """"وقال سامي الحربي مدير الاتصالات في الهيئة في بيان": في بيان (lexicon
    ``statement_nouns``) is where he said it, not part of his office."""
    doc = conllu_doc("""
# text = وقال سامي الحربي مدير الاتصالات في الهيئة في بيان إن الرحلات عادت .
1-2 وقال _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 قال قال VERB _ _ 0 root _ _
3 سامي سامي PROPN _ _ 2 nsubj _ ner=B-PER
4 الحربي الحربي PROPN _ _ 3 flat _ ner=E-PER
5 مدير مدير NOUN _ _ 3 nmod _ _
6 الاتصالات اتصال NOUN _ _ 5 nmod _ _
7 في في ADP _ _ 8 case _ _
8 الهيئة هيئة NOUN _ _ 5 nmod _ _
9 في في ADP _ _ 10 case _ _
10 بيان بيان NOUN _ _ 2 obl _ _
11 إن إن SCONJ _ _ 13 mark _ _
12 الرحلات رحلة NOUN _ _ 13 nsubj _ _
13 عادت عاد VERB _ _ 2 ccomp _ _
14 . . PUNCT _ _ 2 punct _ _
""")
    assert _titles(rules, doc) == {("سامي الحربي", "مدير الاتصالات في الهيئة")}


def test_names_a_spokesman_for_a_named_person_is_the_person_before_and_he_is_not(rules, conllu_doc):
    """"محمد سالم وهو متحدث باسم خالد عمر": the spokesman is محمد سالم; خالد عمر is whom he
    speaks for, and holds no spokesman's title."""
    doc = conllu_doc("""
# text = وقال محمد سالم وهو متحدث باسم خالد عمر إن الهجوم فشل .
1-2 وقال _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 قال قال VERB _ _ 0 root _ _
3 محمد محمد PROPN _ _ 2 nsubj _ ner=B-PER
4 سالم سالم PROPN _ _ 3 flat _ ner=E-PER
5-6 وهو _ _ _ _ _ _ _ _
5 و و CCONJ _ _ 7 cc _ _
6 هو هو PRON _ _ 7 nsubj _ _
7 متحدث متحدث NOUN _ _ 3 conj _ _
8 باسم باسم ADP _ _ 9 case _ _
9 خالد خالد PROPN _ _ 7 nmod _ ner=B-PER
10 عمر عمر PROPN _ _ 9 flat _ ner=E-PER
11 إن إن SCONJ _ _ 14 mark _ _
12 الهجوم هجوم NOUN _ _ 14 nsubj _ _
13 فشل فشل VERB _ _ 2 ccomp _ _
14 . . PUNCT _ _ 2 punct _ _
""")
    assert _titles(rules, doc) == {("محمد سالم", "متحدث باسم خالد عمر")}


def test_names_a_team_after_the_noun_it_completes_is_no_rank(rules, conllu_doc):
    """"حارس مرمى الفريق أحمد سالم": the team's goalkeeper; الفريق (lexicon ``rank_or_team``)
    after an indefinite noun is the team, not the rank of lieutenant general."""
    doc = conllu_doc("""
# text = وغاب حارس مرمى الفريق أحمد سالم عن التدريبات .
1-2 وغاب _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 غاب غاب VERB _ _ 0 root _ _
3 حارس حارس NOUN _ _ 2 nsubj _ _
4 مرمى مرمى NOUN _ _ 3 nmod _ _
5 الفريق فريق NOUN _ _ 4 nmod _ _
6 أحمد أحمد PROPN _ _ 5 nmod _ ner=B-PER
7 سالم سالم PROPN _ _ 6 flat _ ner=E-PER
8 عن عن ADP _ _ 9 case _ _
9 التدريبات تدريب NOUN _ _ 2 obl _ _
10 . . PUNCT _ _ 2 punct _ _
""")
    assert _titles(rules, doc) == set()


def test_names_a_title_head_ner_takes_into_a_name_starts_the_title(rules, conllu_doc):
    """NER tags "سالم الحربي مشرف" and leaves out الإعلام: the head without the article, with
    the definite noun it governs after the span, is the title's (مشرف الإعلام), not the name's.
    "العميد متقاعد سعد الحربي": متقاعد after the rank is no part of the name either."""
    doc = conllu_doc("""
# text = وأوضح سالم الحربي مشرف الإعلام التربوي أن الحفل غدا .
1-2 وأوضح _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 أوضح أوضح VERB _ _ 0 root _ _
3 سالم سالم PROPN _ _ 2 nsubj _ ner=B-PER
4 الحربي الحربي PROPN _ _ 3 flat _ ner=I-PER
5 مشرف مشرف NOUN _ _ 3 flat _ ner=E-PER
6 الإعلام إعلام NOUN _ _ 5 nmod _ _
7 التربوي تربوي ADJ _ _ 6 amod _ _
8 أن أن SCONJ _ _ 10 mark _ _
9 الحفل حفل NOUN _ _ 10 nsubj _ _
10 غدا غدا ADV _ _ 2 ccomp _ _
11 . . PUNCT _ _ 2 punct _ _

# text = وشارك العميد متقاعد سعد الحربي في الحفل .
1-2 وشارك _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 شارك شارك VERB _ _ 0 root _ _
3 العميد عميد NOUN _ _ 2 nsubj _ ner=B-PER
4 متقاعد متقاعد ADJ _ _ 3 amod _ ner=I-PER
5 سعد سعد PROPN _ _ 3 nmod _ ner=I-PER
6 الحربي الحربي PROPN _ _ 5 flat _ ner=E-PER
7 في في ADP _ _ 8 case _ _
8 الحفل حفل NOUN _ _ 2 obl _ _
9 . . PUNCT _ _ 2 punct _ _
""")
    people = _people(rules, doc)
    assert ("سالم الحربي", "سالم الحربي") in people and ("سعد الحربي", "سعد الحربي") in people, people
    titles = _titles(rules, doc)
    assert ("سالم الحربي", "مشرف الإعلام التربوي") in titles and ("سعد الحربي", "العميد") in titles, titles


def test_names_a_name_stops_at_a_line_break(rules, conllu_doc):
    """A heading run into its paragraph ("الملك خالد" at the end of one line, "أسند إليه …" on
    the next), which NER tags as one person "خالد أسند": the name ends at the line break."""
    text = "الملك خالد\n أسند إليه أخوه الحكم ."
    rows = [("الملك", "ملك", "NOUN", 0, "root", "O"), ("خالد", "خالد", "PROPN", 1, "nmod", "B-PER"),
            ("أسند", "أسند", "PROPN", 2, "flat", "E-PER"), ("إليه", "إلى", "ADP", 1, "nmod", "O"),
            ("أخوه", "أخ", "NOUN", 1, "nmod", "O"), ("الحكم", "حكم", "NOUN", 1, "nmod", "O"),
            (".", ".", "PUNCT", 1, "punct", "O")]
    lines, pos = [f"# text = {text.replace(chr(10), ' ')}"], 0
    for i, (form, lemma, upos, head, rel, ner) in enumerate(rows, 1):
        start = text.index(form, pos)
        pos = start + len(form)
        lines.append(f"{i}\t{form}\t{lemma}\t{upos}\t_\t_\t{head}\t{rel}\t_\tstart_char={start}|end_char={pos}|ner={ner}")
    doc = conllu_doc("\n".join(lines) + "\n", text)
    facts = rules.extract(doc)
    assert _people(rules, doc) == [("خالد", "خالد")]
    assert [t.title for t in facts.titles] == ["الملك"]


def test_names_a_supervisors_title_takes_in_what_he_supervises(rules, conllu_doc):
    """"سامي علي المشرف على مشروع الطرق": على (a title stop elsewhere) is part of the title
    after المشرف (lexicon ``complement_heads``)."""
    doc = conllu_doc("""
# text = وقال سامي علي المشرف على مشروع الطرق إن العمل اكتمل .
1-2 وقال _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 قال قال VERB _ _ 0 root _ _
3 سامي سامي PROPN _ _ 2 nsubj _ ner=B-PER
4 علي علي PROPN _ _ 3 flat _ ner=E-PER
5 المشرف مشرف NOUN _ _ 3 nmod _ _
6 على على ADP _ _ 7 case _ _
7 مشروع مشروع NOUN _ _ 5 nmod _ _
8 الطرق طريق NOUN _ _ 7 nmod _ _
9 إن إن SCONJ _ _ 11 mark _ _
10 العمل عمل NOUN _ _ 11 nsubj _ _
11 اكتمل اكتمل VERB _ _ 2 ccomp _ _
12 . . PUNCT _ _ 2 punct _ _
""")
    assert _titles(rules, doc) == {("سامي علي", "المشرف على مشروع الطرق")}


def test_names_a_latin_name_tagged_as_a_number_stays_in_the_title(rules, conllu_doc):
    """"سامي علي المدير التنفيذي في مجموعة ACME": the tagger takes ACME for a number; a word
    of Latin letters is the group's name, and the title keeps it."""
    doc = conllu_doc("""
# text = وقال سامي علي المدير التنفيذي في مجموعة ACME إن السوق تنمو .
1-2 وقال _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 قال قال VERB _ _ 0 root _ _
3 سامي سامي PROPN _ _ 2 nsubj _ ner=B-PER
4 علي علي PROPN _ _ 3 flat _ ner=E-PER
5 المدير مدير NOUN _ _ 3 nmod _ _
6 التنفيذي تنفيذي ADJ _ _ 5 amod _ _
7 في في ADP _ _ 8 case _ _
8 مجموعة مجموعة NOUN _ _ 5 nmod _ _
9 ACME ACME NUM _ _ 8 nummod _ _
10 إن إن SCONJ _ _ 12 mark _ _
11 السوق سوق NOUN _ _ 12 nsubj _ _
12 تنمو نما VERB _ _ 2 ccomp _ _
13 . . PUNCT _ _ 2 punct _ _
""")
    assert _titles(rules, doc) == {("سامي علي", "المدير التنفيذي في مجموعة ACME")}


def test_names_a_latin_gloss_after_an_arabic_name_is_not_in_it(rules, conllu_doc):
    """"سامي حداد Haddad": NER takes the Latin gloss into the name; the person is
    سامي حداد."""
    doc = conllu_doc("""
# text = وقال سامي حداد Haddad إن الحكومة مستمرة .
1-2 وقال _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 قال قال VERB _ _ 0 root _ _
3 سامي سامي PROPN _ _ 2 nsubj _ ner=B-PER
4 حداد حداد PROPN _ _ 3 flat _ ner=I-PER
5 Haddad Haddad X _ _ 3 flat _ ner=E-PER
6 إن إن SCONJ _ _ 8 mark _ _
7 الحكومة حكومة NOUN _ _ 8 nsubj _ _
8 مستمرة مستمر ADJ _ _ 2 ccomp _ _
9 . . PUNCT _ _ 2 punct _ _
""")
    assert _people(rules, doc) == [("سامي حداد", "سامي حداد")]


def test_names_two_offices_in_a_row_are_two_titles(rules, conllu_doc):
    """"عضو مجلس الإدارة مدير عام النادي سالم علي": an office ends at its definite
    complement, and the head after it (مدير, without the article) starts the next office;
    "نائب رئيس مجلس الإدارة" stays one."""
    doc = conllu_doc("""
# text = وحضر عضو مجلس الإدارة مدير عام النادي سالم علي ونائب رئيس مجلس الإدارة خالد عمر .
1-2 وحضر _ _ _ _ _ _ _ _
1 و و CCONJ _ _ 2 cc _ _
2 حضر حضر VERB _ _ 0 root _ _
3 عضو عضو NOUN _ _ 2 nsubj _ _
4 مجلس مجلس NOUN _ _ 3 nmod _ _
5 الإدارة إدارة NOUN _ _ 4 nmod _ _
6 مدير مدير NOUN _ _ 3 nmod _ _
7 عام عام ADJ _ _ 6 amod _ _
8 النادي نادي NOUN _ _ 6 nmod _ _
9 سالم سالم PROPN _ _ 8 nmod _ ner=B-PER
10 علي علي PROPN _ _ 9 flat _ ner=E-PER
11-12 ونائب _ _ _ _ _ _ _ _
11 و و CCONJ _ _ 12 cc _ _
12 نائب نائب NOUN _ _ 3 conj _ _
13 رئيس رئيس NOUN _ _ 12 nmod _ _
14 مجلس مجلس NOUN _ _ 13 nmod _ _
15 الإدارة إدارة NOUN _ _ 14 nmod _ _
16 خالد خالد PROPN _ _ 15 nmod _ ner=B-PER
17 عمر عمر PROPN _ _ 16 flat _ ner=E-PER
18 . . PUNCT _ _ 2 punct _ _
""")
    assert _titles(rules, doc) == {("سالم علي", "عضو مجلس الإدارة"), ("سالم علي", "مدير عام النادي"),
                                   ("خالد عمر", "نائب رئيس مجلس الإدارة")}


def test_names_a_pious_formula_is_no_part_of_a_name_nor_a_name(rules, conllu_doc):
    """"وقال الشيخ سامي الخطيب – رحمه الله – …": NER runs the span over the formula (lexicon
    ``pious_formulas``); the name stops before the dash. "العقيد رحمه الله" alone names nobody."""
    doc = conllu_doc("""
# text = وزار الشيخ سامي الخطيب – رحمه الله – مدينة جدة .
1 وزار زار VERB _ _ 0 root _ _
2 الشيخ شيخ NOUN _ _ 1 nsubj _ _
3 سامي سامي PROPN _ _ 2 nmod _ ner=B-PER
4 الخطيب خطيب NOUN _ _ 3 nmod _ ner=I-PER
5 – – PUNCT _ _ 6 punct _ ner=I-PER
6-7 رحمه _ _ _ _ _ _ _ ner=I-PER
6 رحم رحم VERB _ _ 4 acl _ _
7 ه هو PRON _ _ 6 obj _ _
8 الله الله NOUN _ _ 6 nsubj _ ner=E-PER
9 – – PUNCT _ _ 8 punct _ _
10 مدينة مدينة NOUN _ _ 1 obj _ _
11 جدة جدة PROPN _ _ 10 nmod _ ner=S-LOC
12 . . PUNCT _ _ 1 punct _ _

# text = وقتل العقيد رحمه الله في الهجوم .
1 وقتل قتل VERB _ _ 0 root _ _
2 العقيد عقيد NOUN _ _ 1 nsubj _ _
3-4 رحمه _ _ _ _ _ _ _ ner=B-PER
3 رحم رحم VERB _ _ 2 acl _ _
4 ه هو PRON _ _ 3 obj _ _
5 الله الله NOUN _ _ 3 nsubj _ ner=E-PER
6 في في ADP _ _ 7 case _ _
7 الهجوم هجوم NOUN _ _ 1 obl _ _
8 . . PUNCT _ _ 1 punct _ _
""")
    assert _people(rules, doc) == [("سامي الخطيب", "سامي الخطيب")]
