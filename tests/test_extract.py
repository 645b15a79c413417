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
from kg.extract.mentions import Officials, ResolveMentions
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
