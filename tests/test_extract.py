"""The extraction stage's structure: steps declare what they need and provide,
the extractor checks their order, strategies are a registry of real procedures,
and misused strategies in a rule file are coded errors. No models: documents
come from inline CoNLL-U."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from kg.errors import RuleError
from kg.facts import ArticleFacts
from kg.extract import STEPS, Extractor, RuleSet
from kg.extract.context import SentenceContext
from kg.extract.discourse import Discourse
from kg.extract.extractor import check_order
from kg.extract.dating import FindDates
from kg.extract.mentions import ResolveMentions
from kg.extract.short_names import ShortNames
from kg.extract.officials import Officials
from kg.extract.steps import ArticleState, ArticleStep, SentenceStep
from kg.extract.strategies import STRATEGIES, run_strategy
from kg.paths import RULES_DIR


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RuleSet.load()


def test_extract_default_steps_are_in_a_valid_order():
    check_order(STEPS)  # raises on a bad order
    names = [s.name for s in STEPS]
    assert len(names) == len(set(names))
    # Titles mark title words before events read them; forces come after events.
    assert names.index("titles") < names.index("events") < names.index("forces")
    assert all(issubclass(s, ArticleStep) for s in STEPS[:names.index("officials")])


def test_extract_a_step_whose_requirement_comes_later_is_refused(rules):
    steps = tuple(s for s in STEPS if s.name != "titles")  # events need title_words
    with pytest.raises(RuleError) as err:
        Extractor(rules, steps)
    assert err.value.code == "E312"
    assert "'events' needs title_words" in str(err.value)


def test_extract_an_article_step_after_a_sentence_step_is_refused(rules):
    with pytest.raises(RuleError, match=r"\[E312\].*article step 'dates' comes after a sentence step"):
        Extractor(rules, (ResolveMentions, Officials, FindDates))


def test_extract_every_step_declares_itself():
    for step in STEPS:
        assert step.name, step
        assert issubclass(step, (ArticleStep, SentenceStep))
    provided = set().union(*(s.provides for s in STEPS))
    assert {"actors", "mentions", "dates", "context", "title_words", "events", "forces"} <= provided


def test_extract_every_strategy_is_a_documented_function():
    for name, strategy in STRATEGIES.items():
        assert strategy.name == name
        assert callable(strategy.fn) and strategy.fn.__doc__, name
    assert STRATEGIES["prep"].takes_argument and STRATEGIES["demonym"].gives == "actors"


# "عمر بحث مع نظيره سامي" (Omar discussed with his counterpart Sami), parsed by hand.
MEETING = """
# text = عمر بحث مع نظيره سامي .
1 عمر عمر PROPN _ _ 2 nsubj _ ner=S-PER
2 بحث بحث VERB _ _ 0 root _ _
3 مع مع ADP _ _ 4 case _ _
4 نظيره نظير NOUN _ _ 2 obl _ _
5 سامي سامي PROPN _ _ 4 nmod _ ner=S-PER
6 . . PUNCT _ _ 2 punct _ _
"""


def test_extract_strategies_read_the_parse(rules, conllu_doc):
    doc = conllu_doc(MEETING)
    state = ArticleState(doc, ArticleFacts(doc), Discourse())
    ResolveMentions(rules)(state)
    sentence = doc.sentences[0]
    mentions = [m for m in state.mentions if m.sentence == 0]
    assert [m.text for m in mentions] == ["عمر", "سامي"]
    ctx = SentenceContext(sentence, mentions, state.actors, rules.cues, rules.gazetteer)
    assert run_strategy("subject", ctx, 2, None) == [0]  # nsubj of بحث
    assert run_strategy("after", ctx, 2, None) == []  # مع stops the group after the verb
    assert run_strategy("prep:مع", ctx, 2, None) == []  # مع governs نظيره, not سامي
    assert run_strategy("counterpart", ctx, 2, None) == [0, 1]  # both sides
    assert run_strategy("subject+counterpart", ctx, 2, None) == [0, 1]  # a union, in order


def _rules_with(tmp_path: Path, strategies: list[str]) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    data = yaml.safe_load((target / "events.yaml").read_text(encoding="utf-8"))
    rule = data["rules"][0]
    role = next(iter(rule["roles"]))
    rule["roles"][role] = strategies
    rule["examples"].pop("roles", None)
    (target / "events.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


@pytest.mark.parametrize("strategies", [["prep"], ["subject:x"], ["demonym+subject"]])
def test_extract_misused_strategies_are_coded_errors(tmp_path, strategies):
    with pytest.raises(RuleError) as err:
        RuleSet.load(_rules_with(tmp_path, strategies))
    assert err.value.code == "E311" and "events.yaml:" in str(err.value)


# "قصفت المدفعية مواقع داعش من قبل الجيش في حمص" is not idiomatic; each strategy gets its own
# small sentence, parsed by hand (columns: id form lemma upos xpos feats head deprel deps misc).
SHELLING = """
# text = قصف الجيش مواقع داعش في حمص .
1 قصف قصف VERB _ _ 0 root _ _
2 الجيش جيش NOUN _ _ 1 nsubj _ _
3 مواقع موقع NOUN _ _ 1 obj _ _
4 داعش داعش PROPN _ _ 3 nmod _ ner=S-ORG
5 في في ADP _ _ 6 case _ _
6 حمص حمص PROPN _ _ 1 obl _ ner=S-LOC
7 . . PUNCT _ _ 1 punct _ _
"""

BY_MARKER = """
# text = تعرضت حمص لقصف من قبل داعش .
1 تعرضت تعرض VERB _ _ 0 root _ _
2 حمص حمص PROPN _ _ 1 nsubj _ ner=S-LOC
3-4 لقصف _ _ _ _ _ _ _ _
3 ل ل ADP _ _ 4 case _ _
4 قصف قصف NOUN _ _ 1 obl _ _
5 من من ADP _ _ 6 case _ _
6 قبل قبل NOUN _ _ 4 nmod _ _
7 داعش داعش PROPN _ _ 6 nmod _ ner=S-ORG
8 . . PUNCT _ _ 1 punct _ _
"""


def _context(rules, conllu_doc, conllu):
    doc = conllu_doc(conllu)
    state = ArticleState(doc, ArticleFacts(doc), Discourse())
    ResolveMentions(rules)(state)
    mentions = sorted((m for m in state.mentions if m.sentence == 0), key=lambda m: m.start)
    return SentenceContext(doc.sentences[0], mentions, state.actors, rules.cues, rules.gazetteer), mentions


def test_extract_possessor_genitive_and_place_strategies(rules, conllu_doc):
    ctx, mentions = _context(rules, conllu_doc, SHELLING)
    assert [m.text for m in mentions] == ["داعش", "حمص"]
    assert run_strategy("possessor", ctx, 1, None) == [0]  # مواقع داعش: the owner of the positions
    assert run_strategy("genitive", ctx, 1, None) == []  # nothing is annexed to the verb itself
    assert run_strategy("prep:في", ctx, 1, None) == [1]


def test_extract_agent_marker_and_undergoer(rules, conllu_doc):
    ctx, mentions = _context(rules, conllu_doc, BY_MARKER)
    assert [m.text for m in mentions] == ["حمص", "داعش"]
    assert run_strategy("by", ctx, 4, None) == [1]  # من قبل داعش
    assert run_strategy("undergoer", ctx, 4, None) == [0]  # حمص underwent the shelling


SHORT_NAME = """
# text = أعلنت هيئة الإغاثة الوطنية خطة . وقالت الهيئة إن الوضع صعب .
1 أعلنت أعلن VERB _ _ 0 root _ _
2 هيئة هيئة NOUN _ _ 1 nsubj _ ner=B-ORG
3 الإغاثة إغاثة NOUN _ _ 2 nmod _ ner=I-ORG
4 الوطنية وطني ADJ _ _ 3 amod _ ner=E-ORG
5 خطة خطة NOUN _ _ 1 obj _ _
6 . . PUNCT _ _ 1 punct _ _

# text = وقالت الهيئة إن الوضع صعب .
1 وقالت قال VERB _ _ 0 root _ _
2 الهيئة هيئة NOUN _ _ 1 nsubj _ _
3 إن إن SCONJ _ _ 5 mark _ _
4 الوضع وضع NOUN _ _ 5 nsubj _ _
5 صعب صعب ADJ _ _ 1 ccomp _ _
6 . . PUNCT _ _ 1 punct _ _

# text = وأكدت الهيئة الدولية دعمها .
1 وأكدت أكد VERB _ _ 0 root _ _
2 الهيئة هيئة NOUN _ _ 1 nsubj _ _
3 الدولية دولي ADJ _ _ 2 amod _ _
4 دعمها دعم NOUN _ _ 1 obj _ _
5 . . PUNCT _ _ 1 punct _ _

# text = قاتلت جبهة النصرة في المدينة . واشتد القتال على الجبهة .
1 قاتلت قاتل VERB _ _ 0 root _ _
2 جبهة جبهة NOUN _ _ 1 nsubj _ ner=B-ORG
3 النصرة نصرة NOUN _ _ 2 nmod _ ner=E-ORG
4 . . PUNCT _ _ 1 punct _ _

# text = واشتد القتال على الجبهة .
1 واشتد اشتد VERB _ _ 0 root _ _
2 القتال قتال NOUN _ _ 1 nsubj _ _
3 على على ADP _ _ 4 case _ _
4 الجبهة جبهة NOUN _ _ 1 obl _ _
5 . . PUNCT _ _ 1 punct _ _
"""


def test_extract_a_bare_head_noun_names_the_body_named_before(rules, conllu_doc):
    """الهيئة after «هيئة الإغاثة الوطنية» is that body; «الهيئة الدولية» is another name,
    and الجبهة (the front line) is no short name of «جبهة النصرة»."""
    doc = conllu_doc(SHORT_NAME)
    state = ArticleState(doc, ArticleFacts(doc), Discourse())
    ResolveMentions(rules)(state)
    ShortNames(rules)(state)
    by_sentence = {}
    for m in state.mentions:
        by_sentence.setdefault(m.sentence, []).append((m.text, state.actors[m.actor].label_ar))
    assert by_sentence[0] == [("هيئة الإغاثة الوطنية", "هيئة الإغاثة الوطنية")]
    assert by_sentence[1] == [("الهيئة", "هيئة الإغاثة الوطنية")]
    assert 2 not in by_sentence  # الهيئة الدولية: an adjective follows, another body
    assert 4 not in by_sentence  # على الجبهة: the front line


def test_extract_the_trigger_prefilter_loses_no_match(rules):
    """The matcher runs a rule only on sentences that may hold its trigger word; over every
    committed example parse it finds exactly what one DependencyMatcher of all rules finds."""
    import sys

    from spacy.matcher import DependencyMatcher

    sys.path.insert(0, str(Path(__file__).parent))
    import parsed_examples as px

    plain = DependencyMatcher(rules.matcher.vocab)
    by_key = {}
    for rule in rules.events:
        plain.add(rule.id, rule.patterns)
        by_key[rules.matcher.vocab.strings[rule.id]] = rule.id
    checked = matched = 0
    for parses in px.read_all().values():
        for text, (_, conllu) in parses.items():
            doc = px.load(conllu, text)
            state = ArticleState(doc, ArticleFacts(doc), Discourse())
            ResolveMentions(rules)(state)
            for sent in doc.sentences:
                mentions = [m for m in state.mentions if m.sentence == sent.index]
                found = sorted((r.id, t) for r, t in rules.matcher.triggers(sent, mentions, state.actors))
                sdoc = rules.matcher.doc(sent, mentions, state.actors)
                expected = sorted((by_key[k], ids[0] + 1) for k, ids in plain(sdoc))
                assert found == expected, text
                checked += 1
                matched += bool(found)
    assert checked > 100 and matched > 50  # the examples do exercise the rules


def test_extract_a_bare_head_the_gazetteer_knows_follows_the_full_name(rules, conllu_doc):
    """The gazetteer gives bare التحالف to the Global Coalition; after «التحالف العربي» in the
    same article it is the Saudi-led coalition."""
    doc = conllu_doc("""
# text = أعلن التحالف العربي هدنة .
1 أعلن أعلن VERB _ _ 0 root _ _
2 التحالف تحالف NOUN _ _ 1 nsubj _ _
3 العربي عربي ADJ _ _ 2 amod _ _
4 هدنة هدنة NOUN _ _ 1 obj _ _
5 . . PUNCT _ _ 1 punct _ _

# text = وقال التحالف إن الهدنة بدأت .
1 وقال قال VERB _ _ 0 root _ _
2 التحالف تحالف NOUN _ _ 1 nsubj _ _
3 إن إن SCONJ _ _ 5 mark _ _
4 الهدنة هدنة NOUN _ _ 5 nsubj _ _
5 بدأت بدأ VERB _ _ 1 ccomp _ _
6 . . PUNCT _ _ 1 punct _ _
""")
    state = ArticleState(doc, ArticleFacts(doc), Discourse())
    ResolveMentions(rules)(state)
    bare = next(m for m in state.mentions if m.sentence == 1)
    assert bare.actor.endswith("/coalition")  # the gazetteer alone: the Global Coalition
    ShortNames(rules)(state)
    assert [m.actor.rsplit("/", 1)[-1] for m in state.mentions] == ["saudi_led_coalition"] * 2


def test_extract_a_title_before_a_name_keeps_its_own_body(rules, conllu_doc):
    """After «الخارجية الأمريكية», the bare الخارجية of "وزير الخارجية أيمن الصفدي" is the
    Jordanian minister's own ministry: no short name of the State Department. Without a name
    after it, the bare head still names the body (قالت الخارجية)."""
    doc = conllu_doc("""
# text = أعلنت الخارجية الأمريكية موقفها .
1 أعلنت أعلن VERB _ _ 0 root _ _
2 الخارجية خارجية NOUN _ _ 1 nsubj _ _
3 الأمريكية أمريكي ADJ _ _ 2 amod _ _
4 موقفها موقف NOUN _ _ 1 obj _ _
5 . . PUNCT _ _ 1 punct _ _

# text = وقال وزير الخارجية أيمن الصفدي إن الموقف واضح .
1 وقال قال VERB _ _ 0 root _ _
2 وزير وزير NOUN _ _ 1 nsubj _ _
3 الخارجية خارجية NOUN _ _ 2 nmod _ _
4 أيمن أيمن PROPN _ _ 2 appos _ ner=B-PER
5 الصفدي صفدي PROPN _ _ 4 flat _ ner=E-PER
6 إن إن SCONJ _ _ 8 mark _ _
7 الموقف موقف NOUN _ _ 8 nsubj _ _
8 واضح واضح ADJ _ _ 1 ccomp _ _
9 . . PUNCT _ _ 1 punct _ _

# text = وقالت الخارجية إن الموقف واضح .
1 وقالت قال VERB _ _ 0 root _ _
2 الخارجية خارجية NOUN _ _ 1 nsubj _ _
3 إن إن SCONJ _ _ 5 mark _ _
4 الموقف موقف NOUN _ _ 5 nsubj _ _
5 واضح واضح ADJ _ _ 1 ccomp _ _
6 . . PUNCT _ _ 1 punct _ _
""")
    state = ArticleState(doc, ArticleFacts(doc), Discourse())
    ResolveMentions(rules)(state)
    ShortNames(rules)(state)
    got = [(m.sentence, m.text, state.actors[m.actor].cls) for m in state.mentions]
    assert (1, "الخارجية", "Organization") not in got, got
    assert (1, "أيمن الصفدي", "Person") in got, got
    assert (2, "الخارجية", "Organization") in got, got


def test_extract_the_subject_of_the_clause_after_inna_is_no_speaker(rules, conllu_doc):
    """Parsers hang the subject of the clause after إن on the verb of saying: in "قال
    النواب إن مبعوثي طهران ضللوهم" the MPs speak, not Iran."""
    doc = conllu_doc("""
# text = وقال النواب إن مبعوثي طهران ضللوهم .
1 وقال قال VERB _ _ 0 root _ _
2 النواب نائب NOUN _ _ 1 nsubj _ _
3 إن إن SCONJ _ _ 6 mark _ _
4 مبعوثي مبعوث NOUN _ _ 1 nsubj _ _
5 طهران طهران PROPN _ _ 4 nmod _ ner=S-LOC
6 ضللوهم ضلل VERB _ _ 1 ccomp _ _
7 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    assert [m.text for m in facts.mentions] == ["طهران"]
    assert not [e for e in facts.events if e.type == "Statement"], [(e.trigger, e.roles) for e in facts.events]


def test_extract_an_unnamed_source_speaks_for_the_body_it_is_in(rules, conllu_doc):
    """"قالت مصادر في الجيش إن …" with مصادر parsed as the object and the subject of the
    clause after إن hung on قالت: the army speaks (strategy ``source``), not the gunmen."""
    doc = conllu_doc("""
# text = وقالت مصادر في الجيش الأردني إن مسلحين من تنظيم داعش تسللوا .
1 وقالت قال VERB _ _ 0 root _ _
2 مصادر مصدر NOUN _ _ 1 obj _ _
3 في في ADP _ _ 4 case _ _
4 الجيش جيش NOUN _ _ 2 nmod _ _
5 الأردني أردني ADJ _ _ 4 amod _ _
6 إن إن SCONJ _ _ 11 mark _ _
7 مسلحين مسلح NOUN _ _ 1 nsubj _ _
8 من من ADP _ _ 9 case _ _
9 تنظيم تنظيم NOUN _ _ 7 nmod _ ner=B-ORG
10 داعش داعش PROPN _ _ 9 nmod _ ner=E-ORG
11 تسللوا تسلل VERB _ _ 1 ccomp _ _
12 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    said = [e for e in facts.events if e.type == "Statement"]
    assert [[facts.actors[a].label_en for a in e.roles["speaker"]] for e in said] == [["Army (Jordan)"]], \
        [(m.text, facts.actors[m.actor].label_en) for m in facts.mentions]


def test_extract_a_place_name_takes_its_head_noun_and_adjacent_spans_join(rules, conllu_doc):
    """NER tags زنكو in "سوق زنكو": the market's name is both words, and a later bare
    زنكو is the same place. Two adjacent place spans are one name (دشت ليلي); مدينة only
    says what the place is and stays out of the name."""
    doc = conllu_doc("""
# text = وقع الانفجار في سوق زنكو بمدينة كسلا .
1 وقع وقع VERB _ _ 0 root _ _
2 الانفجار انفجار NOUN _ _ 1 nsubj _ _
3 في في ADP _ _ 4 case _ _
4 سوق سوق NOUN _ _ 1 obl _ _
5 زنكو زنكو X _ _ 4 nmod _ ner=S-LOC
6-7 بمدينة _ _ _ _ _ _ _ _
6 ب ب ADP _ _ 7 case _ _
7 مدينة مدينة NOUN _ _ 4 nmod _ _
8 كسلا كسلا X _ _ 7 nmod _ ner=S-LOC
9 . . PUNCT _ _ 1 punct _ _

# text = وهز الانفجار زنكو ومنطقة دشت ليلي .
1 وهز هز VERB _ _ 0 root _ _
2 الانفجار انفجار NOUN _ _ 1 nsubj _ _
3 زنكو زنكو X _ _ 1 obj _ ner=S-LOC
4-5 ومنطقة _ _ _ _ _ _ _ _
4 و و CCONJ _ _ 5 cc _ _
5 منطقة منطقة NOUN _ _ 3 conj _ _
6 دشت دشت X _ _ 5 nmod _ ner=S-LOC
7 ليلي ليلي X _ _ 6 flat _ ner=S-LOC
8 . . PUNCT _ _ 1 punct _ _
""")
    state = ArticleState(doc, ArticleFacts(doc), Discourse())
    ResolveMentions(rules)(state)
    got = [(m.sentence, m.text, state.actors[m.actor].label_ar) for m in state.mentions]
    assert got == [(0, "سوق زنكو", "سوق زنكو"), (0, "كسلا", "كسلا"),
                   (1, "زنكو", "سوق زنكو"), (1, "دشت ليلي", "دشت ليلي")], got


def test_extract_the_nationality_of_the_attacking_aircraft(rules, conllu_doc):
    """"قصفت طائرات حربية أردنية مخازن لـ«داعش»": the nationality is the second word after the
    subject (parsed under حربية), the targets' owner is the target, not the attacker, even
    where the parse hangs the object on the subject."""
    doc = conllu_doc("""
# text = قصفت طائرات حربية أردنية مخازن لـ " داعش " في العراق .
1 قصفت قصف VERB _ _ 0 root _ _
2 طائرات طائرة NOUN _ _ 1 nsubj _ _
3 حربية حربي NOUN _ _ 2 nmod _ _
4 أردنية أردني ADJ _ _ 3 amod _ _
5 مخازن مخزن NOUN _ _ 3 nmod _ _
6 لـ لـ X _ _ 5 nmod _ _
7 " " PUNCT _ _ 8 punct _ _
8 داعش داعش PROPN _ _ 5 nmod _ ner=S-ORG
9 " " PUNCT _ _ 8 punct _ _
10 في في ADP _ _ 11 case _ _
11 العراق عراق PROPN _ _ 5 nmod _ ner=S-LOC
12 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    attacks = [{r: sorted(facts.actors[a].label_en for a in v) for r, v in e.roles.items()}
               for e in facts.events if e.type == "Attack"]
    assert attacks == [{"agent": ["Jordan"], "target": ["Islamic State"], "location": ["Iraq"]}], attacks


def test_extract_coordinated_titles_before_a_name_and_an_adjective_tagged_as_a_name(rules, conllu_doc):
    """"مساعد وزير الخارجية العماني و كبير الخبراء القانونيين سالم الحارثي": both titles are
    the person's (no unnamed Omani official), and القانونيين, an adjective NER took for a
    name, names nobody and does not speak."""
    doc = conllu_doc("""
# text = وأوضح مساعد وزير الخارجية العماني و كبير الخبراء القانونيين سالم الحارثي أن المحادثات مثمرة .
1 وأوضح أوضح VERB _ _ 0 root _ _
2 مساعد مساعد NOUN _ _ 1 nsubj _ _
3 وزير وزير NOUN _ _ 2 nmod _ _
4 الخارجية خارجية NOUN _ _ 3 nmod _ _
5 العماني عماني ADJ _ _ 4 amod _ _
6 و و CCONJ _ _ 7 cc _ _
7 كبير كبير NOUN _ _ 3 conj _ _
8 الخبراء خبير NOUN _ _ 7 nmod _ _
9 القانونيين قانوني ADJ _ _ 8 amod _ ner=S-PER
10 سالم سالم PROPN _ _ 8 nmod _ ner=B-PER
11 الحارثي حارثي PROPN _ _ 10 flat _ ner=E-PER
12 أن أن SCONJ _ _ 14 mark _ _
13 المحادثات محادثة NOUN _ _ 14 nsubj _ _
14 مثمرة مثمر ADJ _ _ 1 ccomp _ _
15 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    assert [m.text for m in facts.mentions] == ["سالم الحارثي"], [m.text for m in facts.mentions]
    assert [t.title for t in facts.titles] == ["مساعد وزير الخارجية العماني و كبير الخبراء القانونيين"]
    said = [e for e in facts.events if e.type == "Statement"]
    assert [[facts.actors[a].label_ar for a in e.roles["speaker"]] for e in said] == [["سالم الحارثي"]]


def test_extract_an_imperative_of_saying_is_no_statement(rules, conllu_doc):
    """"قولي يا أحمد ما الخبر": the narrator asks Ahmad to speak; Ahmad says nothing."""
    doc = conllu_doc("""
# text = قولي يا أحمد ما الخبر ؟
1 قولي قال VERB _ _ 0 root _ _
2 يا يا PART _ _ 3 discourse _ _
3 أحمد أحمد PROPN _ _ 1 vocative _ ner=S-PER
4 ما ما PRON _ _ 1 obj _ _
5 الخبر خبر NOUN _ _ 4 nsubj _ _
6 ؟ ؟ PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    assert [m.text for m in facts.mentions] == ["أحمد"]
    assert not facts.events, [(e.type, e.trigger, e.roles) for e in facts.events]


def test_extract_titles_dual_heads_honorifics_and_pronouns(rules, conllu_doc):
    """A dual head names several people (الرئيسين السابقين: no title of one); an honorific
    NER took into the name is not part of it, and a degree alone is no office (الدكتور محمد
    العلي: the person محمد العلي, no title); a title starts at its head, not at the pronoun
    before it (هو الرئيس)."""
    doc = conllu_doc("""
# text = وفشلت محاولات الرئيسين السابقين حسني مبارك .
1 وفشلت فشل VERB _ _ 0 root _ _
2 محاولات محاولة NOUN _ _ 1 nsubj _ _
3 الرئيسين رئيس NOUN _ _ 2 nmod _ _
4 السابقين سابق ADJ _ _ 3 amod _ _
5 حسني حسني PROPN _ _ 3 appos _ ner=B-PER
6 مبارك مبارك PROPN _ _ 5 flat _ ner=E-PER
7 . . PUNCT _ _ 1 punct _ _

# text = وقال الدكتور محمد العلي إن الدراسة مستمرة .
1 وقال قال VERB _ _ 0 root _ _
2 الدكتور دكتور NOUN _ _ 1 nsubj _ ner=B-PER
3 محمد محمد PROPN _ _ 2 nmod _ ner=I-PER
4 العلي علي PROPN _ _ 3 flat _ ner=E-PER
5 إن إن SCONJ _ _ 7 mark _ _
6 الدراسة دراسة NOUN _ _ 7 nsubj _ _
7 مستمرة مستمر ADJ _ _ 1 ccomp _ _
8 . . PUNCT _ _ 1 punct _ _

# text = والفائز هو الرئيس سامي الخطيب .
1 والفائز فائز NOUN _ _ 0 root _ _
2 هو هو PRON _ _ 1 nsubj _ _
3 الرئيس رئيس NOUN _ _ 2 nmod _ _
4 سامي سامي PROPN _ _ 3 nmod _ ner=B-PER
5 الخطيب خطيب PROPN _ _ 4 flat _ ner=E-PER
6 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    got = sorted((facts.actors[t.person].label_ar, t.title, t.source.sentence) for t in facts.titles)
    assert got == [("سامي الخطيب", "الرئيس", 2)], got
    assert "محمد العلي" in {facts.actors[m.actor].label_ar for m in facts.mentions}


RETOLD = """
# text = شنت الطائرات غارات على مدينة الرقة .
1 شنت شن VERB _ _ 0 root _ _
2 الطائرات طائرة NOUN _ _ 1 nsubj _ _
3 غارات غارة NOUN _ _ 1 obj _ _
4 على على ADP _ _ 5 case _ _
5 مدينة مدينة NOUN _ _ 3 nmod _ _
6 الرقة رقة PROPN _ _ 5 nmod _ ner=S-LOC
7 . . PUNCT _ _ 1 punct _ _

# text = ودمرت الغارات مواقع تنظيم داعش .
1 ودمرت دمر VERB _ _ 0 root _ _
2 الغارات غارة NOUN _ _ 1 nsubj _ _
3 مواقع موقع NOUN _ _ 1 obj _ _
4 تنظيم تنظيم NOUN _ _ 3 nmod _ ner=B-ORG
5 داعش داعش PROPN _ _ 4 nmod _ ner=E-ORG
6 . . PUNCT _ _ 1 punct _ _
"""


def test_extract_a_definite_event_noun_retells_the_happening_before(rules, conllu_doc):
    """"شنت الطائرات غارات على الرقة. ودمرت الغارات مواقع داعش": one happening, one event
    node, citing both sentences, with the later sentence's roles. In a third sentence the
    strikes on another city are another happening."""
    from kg.graph import add_article, new_dataset
    from rdflib.namespace import PROV

    facts = rules.extract(conllu_doc(RETOLD))
    attacks = [e for e in facts.events if e.type == "Attack"]
    assert len(attacks) == 1, [(e.trigger, e.roles) for e in attacks]
    attack = attacks[0]
    assert [attack.source.sentence, *[s.sentence for s in attack.also]] == [0, 1]
    assert {facts.actors[a].label_en for a in attack.roles["target"]} == {"Islamic State"}
    node = next(n for n in add_article(new_dataset(), facts).subjects(PROV.wasDerivedFrom, None)
                if str(n).endswith(f"/event/{attack.id}"))
    g = add_article(new_dataset(), facts)
    assert len(set(g.objects(node, PROV.wasDerivedFrom))) == 2

    other = RETOLD + """
# text = وقصفت الغارات مدينة حمص .
1 وقصفت قصف VERB _ _ 0 root _ _
2 الغارات غارة NOUN _ _ 1 nsubj _ _
3 مدينة مدينة NOUN _ _ 1 obj _ _
4 حمص حمص PROPN _ _ 3 nmod _ ner=S-LOC
5 . . PUNCT _ _ 1 punct _ _
"""
    facts = rules.extract(conllu_doc(other))
    places = [sorted(facts.actors[a].label_en for a in e.roles.get("location", []))
              for e in facts.events if e.type == "Attack"]
    assert len(places) == 2 and ["Homs"] in places, places


def test_extract_a_retold_happening_may_name_a_small_place_the_gazetteer_does_not_know(rules, conllu_doc):
    """"شنت الطائرات الأمريكية غارات على مدينة الرقة. ودمرت الغارات الأمريكية مواقع في بلدة
    عين الورد": the town is unknown and may lie in the city, and the two share their attacker,
    so the strikes are one happening in both places. Without a shared actor they stay two."""
    text = """
# text = شنت الطائرات الأمريكية غارات على مدينة الرقة .
1 شنت شن VERB _ _ 0 root _ _
2 الطائرات طائرة NOUN _ _ 1 nsubj _ _
3 الأمريكية أمريكي ADJ _ _ 2 amod _ _
4 غارات غارة NOUN _ _ 1 obj _ _
5 على على ADP _ _ 6 case _ _
6 مدينة مدينة NOUN _ _ 4 nmod _ _
7 الرقة رقة PROPN _ _ 6 nmod _ ner=S-LOC
8 . . PUNCT _ _ 1 punct _ _

# text = ودمرت الغارات الأمريكية مواقع في بلدة عين الورد .
1 ودمرت دمر VERB _ _ 0 root _ _
2 الغارات غارة NOUN _ _ 1 nsubj _ _
3 الأمريكية أمريكي ADJ _ _ 2 amod _ _
4 مواقع موقع NOUN _ _ 1 obj _ _
5 في في ADP _ _ 6 case _ _
6 بلدة بلدة NOUN _ _ 1 obl _ _
7 عين عين NOUN _ _ 6 nmod _ ner=B-LOC
8 الورد ورد NOUN _ _ 7 nmod _ ner=E-LOC
9 . . PUNCT _ _ 1 punct _ _
"""
    facts = rules.extract(conllu_doc(text))
    attacks = [e for e in facts.events if e.type == "Attack"]
    assert len(attacks) == 1, [(e.trigger, e.roles) for e in attacks]
    places = {facts.actors[a].label_en or facts.actors[a].label_ar for a in attacks[0].roles["location"]}
    assert places == {"Raqqa", "عين الورد"}, places
    apart = text.replace("3 الأمريكية أمريكي ADJ _ _ 2 amod _ _\n", "").replace("الطائرات الأمريكية", "الطائرات") \
        .replace("الغارات الأمريكية", "الغارات")
    apart = apart.replace("4 غارات", "3 غارات").replace("5 على على ADP _ _ 6", "4 على على ADP _ _ 5") \
        .replace("6 مدينة مدينة NOUN _ _ 4", "5 مدينة مدينة NOUN _ _ 3").replace("7 الرقة رقة PROPN _ _ 6", "6 الرقة رقة PROPN _ _ 5") \
        .replace("8 . . PUNCT _ _ 1 punct _ _\n\n", "7 . . PUNCT _ _ 1 punct _ _\n\n")
    apart = apart.replace("4 مواقع", "3 مواقع").replace("5 في في ADP _ _ 6", "4 في في ADP _ _ 5") \
        .replace("6 بلدة بلدة NOUN _ _ 1", "5 بلدة بلدة NOUN _ _ 1").replace("7 عين عين NOUN _ _ 6", "6 عين عين NOUN _ _ 5") \
        .replace("8 الورد ورد NOUN _ _ 7", "7 الورد ورد NOUN _ _ 6").replace("9 . . PUNCT", "8 . . PUNCT")
    assert len([e for e in rules.extract(conllu_doc(apart)).events if e.type == "Attack"]) == 2


AGAIN = """
# text = وقتل شرطي في هجوم على حاجز قرب مدينة العريش .
1 وقتل قتل VERB _ _ 0 root _ _
2 شرطي شرطي NOUN _ _ 1 nsubj _ _
3 في في ADP _ _ 4 case _ _
4 هجوم هجوم NOUN _ _ 1 obl _ _
5 على على ADP _ _ 6 case _ _
6 حاجز حاجز NOUN _ _ 4 nmod _ _
7 قرب قرب ADP _ _ 8 case _ _
8 مدينة مدينة NOUN _ _ 4 nmod _ _
9 العريش عريش PROPN _ _ 8 nmod _ ner=S-LOC
10 . . PUNCT _ _ 1 punct _ _

# text = وأصيب جنديان في هجوم شنه مسلحون .
1 وأصيب أصيب VERB _ _ 0 root _ _
2 جنديان جندي NOUN _ _ 1 nsubj _ _
3 في في ADP _ _ 4 case _ _
4 هجوم هجوم NOUN _ _ 1 obl _ _
5 شنه شن VERB _ _ 4 acl _ _
6 مسلحون مسلح NOUN _ _ 5 nsubj _ _
7 . . PUNCT _ _ 1 punct _ _
"""


def test_extract_the_same_indefinite_noun_in_the_next_sentence_retells_the_happening(rules, conllu_doc):
    """"وقتل شرطي في هجوم على حاجز قرب العريش. وأصيب جنديان في هجوم شنه مسلحون": one attack,
    in العريش, by the gunmen. "في هجوم آخر" (lexicon ``other_happening``) is another one."""
    facts = rules.extract(conllu_doc(AGAIN))
    attacks = [e for e in facts.events if e.type == "Attack"]
    assert len(attacks) == 1, [(e.trigger, e.roles) for e in attacks]
    assert [attacks[0].source.sentence, *[s.sentence for s in attacks[0].also]] == [0, 1]
    assert {facts.actors[a].label_en for a in attacks[0].roles["agent"]} == {"Gunmen"}
    other = AGAIN.replace("# text = وأصيب جنديان في هجوم شنه مسلحون .", "# text = وأصيب جنديان في هجوم آخر شنه مسلحون .")
    other = other.replace("5 شنه شن VERB _ _ 4 acl _ _\n6 مسلحون مسلح NOUN _ _ 5 nsubj _ _\n7 . . PUNCT _ _ 1 punct _ _",
                          "5 آخر آخر ADJ _ _ 4 amod _ _\n6 شنه شن VERB _ _ 4 acl _ _\n7 مسلحون مسلح NOUN _ _ 6 nsubj _ _\n"
                          "8 . . PUNCT _ _ 1 punct _ _")
    assert "آخر ADJ" in other
    assert len([e for e in rules.extract(conllu_doc(other)).events if e.type == "Attack"]) == 2


def test_extract_one_force_per_owner_and_count(conllu_doc):
    """"سحب 500 جندي" in one sentence and "الـ500 جندي" in a later one are one force that cites
    both; 500 troops in another place are another force; a force without a count or an owner
    is never merged."""
    from kg.extract.forces import same_force
    from kg.facts import Force, SourceRef

    doc = conllu_doc(RETOLD)
    state = ArticleState(doc, ArticleFacts(doc), Discourse())

    def force(n: int, sentence: int, location: str | None = None, of: str | None = "usa", count: int | None = 500):
        return Force(str(n), of, count, SourceRef("inline", sentence, 0, 1, "…"), location)

    first = force(1, 0)
    assert same_force(state, first) is first
    again = force(2, 1, location="iraq")
    assert same_force(state, again) is first
    assert first.location == "iraq" and [s.sentence for s in first.also] == [1]
    elsewhere = force(3, 1, location="syria")
    assert same_force(state, elsewhere) is elsewhere
    uncounted = force(4, 1, count=None)
    assert same_force(state, uncounted) is uncounted


def test_extract_a_capital_after_a_place_noun_is_the_city(rules, conllu_doc):
    """"مجلس محافظة بغداد" is the Baghdad governorate's council: بغداد after محافظة is the
    place, not the Iraqi government; the council speaks (kg/extract/institutions.py), not Iraq."""
    doc = conllu_doc("""
# text = وأعلن مجلس محافظة بغداد رفضه القرار .
1 وأعلن أعلن VERB _ _ 0 root _ _
2 مجلس مجلس NOUN _ _ 1 nsubj _ _
3 محافظة محافظة NOUN _ _ 2 nmod _ _
4 بغداد بغداد PROPN _ _ 3 nmod _ ner=S-LOC
5 رفضه رفض NOUN _ _ 1 obj _ _
6 القرار قرار NOUN _ _ 5 nmod _ _
7 . . PUNCT _ _ 1 punct _ _
""")
    facts = rules.extract(doc)
    assert [(m.text, facts.actors[m.actor].cls) for m in facts.mentions] == [("مجلس محافظة", "Organization"),
                                                                              ("بغداد", "Place")]
    council = facts.mentions[0].actor
    assert facts.actors[council].label_ar == "مجلس محافظة بغداد"
    assert [e.roles["speaker"] for e in facts.events if e.type == "Statement"] == [[council]]
