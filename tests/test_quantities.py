"""Troop counts: the YAML examples (no parse), hand-built parses, traps, errors."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from kg.document import Sentence, from_conllu
from kg.errors import RuleError
from kg.quantities import RULES_PATH, TroopCount, find_troop_counts, guards, load_rules, parse_number
from kg.quantities.words import _View

RULES = load_rules()


# --------------------------------------------------------------------------
# helpers

def _flat_conllu(sentence: str) -> str:
    """Split on spaces; digits are NUM, everything else X; no parse at all."""
    lines = ["# text = " + sentence]
    for i, form in enumerate(sentence.split(), 1):
        upos = "NUM" if any(ch.isdigit() for ch in form) else "X"
        lines.append(f"{i}\t{form}\t_\t{upos}\t_\t_\t0\tdep\t_\t_")
    return "\n".join(lines) + "\n"


def _counts(conllu: str) -> tuple[list[TroopCount], Sentence, str]:
    doc = from_conllu(conllu)
    sentence = doc.sentences[0]
    return find_troop_counts(sentence, doc.article.text), sentence, doc.article.text


def _flat(sentence: str) -> list[TroopCount]:
    return _counts(_flat_conllu(sentence))[0]


def _parsed(rows: list[tuple]) -> str:
    """rows: (form, lemma, upos, head, deprel) or ("MWT", surface, n_words)."""
    lines = []
    wid = 1
    for row in rows:
        if row[0] == "MWT":
            _, surface, n = row
            lines.append(f"{wid}-{wid + n - 1}\t{surface}\t_\t_\t_\t_\t_\t_\t_\t_")
            continue
        form, lemma, upos, head, deprel = row
        lines.append(f"{wid}\t{form}\t{lemma}\t{upos}\t_\t_\t{head}\t{deprel}\t_\t_")
        wid += 1
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# every example in the rule file, with no parse (adjacency rules only)

MATCH = [(e.id, ex) for e in RULES.entries for ex in e.match]
NO_MATCH = [(e.id, text) for e in RULES.entries for text in e.no_match]


@pytest.mark.parametrize("entry_id,example", MATCH, ids=[f"{i}:{ex.text}" for i, ex in MATCH])
def test_quantities_yaml_match_examples(entry_id: str, example) -> None:
    found = _flat(example.text)
    assert tuple(c.value for c in found) == example.counts, entry_id
    if example.changes is not None:
        assert tuple(c.change for c in found) == example.changes, entry_id
    if example.approx is not None:
        assert tuple(c.approx for c in found) == example.approx, entry_id


@pytest.mark.parametrize("entry_id,text", NO_MATCH, ids=[f"{i}:{t}" for i, t in NO_MATCH])
def test_quantities_yaml_no_match_examples(entry_id: str, text: str) -> None:
    assert _flat(text) == [], entry_id


def test_quantities_yaml_every_entry_has_both_kinds_of_example() -> None:
    assert all(e.match and e.no_match for e in RULES.entries)
    assert len(MATCH) + len(NO_MATCH) >= 60


# --------------------------------------------------------------------------
# parse_number

@pytest.mark.parametrize("forms,expected", [
    (["2500"], (2500, 1)),
    (["2,500", "جندي"], (2500, 1)),
    (["2.500", "جندي"], (2500, 1)),
    (["٢٥٠٠"], (2500, 1)),
    (["٢٬٥٠٠"], (2500, 1)),
    (["و500", "من"], (500, 1)),
    (["3", "آلاف", "عسكري"], (3000, 2)),
    (["500", "ألف", "جرعة"], (500000, 2)),
    (["1.5", "مليون"], (1500000, 2)),
    (["ثلاثة", "آلاف"], (3000, 2)),
    (["ألف", "جندي"], (1000, 1)),
    (["ألفين"], (2000, 1)),
    (["ألفي", "جندي"], (2000, 1)),
    (["ألفين", "وخمسمائة", "جندي"], (2500, 2)),
    (["ثلاثة", "آلاف", "و", "خمسمئة"], (3500, 4)),
    (["خمسمائة"], (500, 1)),
    (["خمسمئة", "ألف"], (500000, 2)),
    (["عشرة"], (10, 1)),
    (["عشرين", "ألفا"], (20000, 2)),
    (["مائة"], (100, 1)),
    (["مئة", "ألف"], (100000, 2)),
    (["ثلاث", "مئة"], (300, 2)),
    (["خمسة", "وعشرون"], (25, 2)),
    (["اثنا", "عشر"], (12, 2)),
    (["مليون"], (1000000, 1)),
    (["بخمسمائة"], (500, 1)),
])
def test_quantities_parse_number_values(forms: list[str], expected: tuple[int, int]) -> None:
    assert parse_number(forms) == expected


@pytest.mark.parametrize("forms", [
    ["مئات", "الجنود"], ["آلاف"], ["عشرات", "الآلاف"], ["بضعة", "آلاف"],
    ["1.5"], ["0770123456"], ["2021/06/05"], ["11:13"], ["30%"], ["جندي"], [],
    ["الخامس"],  # ordinal, not a cardinal
])
def test_quantities_parse_number_rejects(forms: list[str]) -> None:
    assert parse_number(forms) is None


@given(st.integers(min_value=1, max_value=10**7))
def test_quantities_parse_number_round_trips_written_integers(value: int) -> None:
    arabic_indic = str(value).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert parse_number([str(value), "جندي"]) == (value, 1)
    assert parse_number([f"{value:,}"]) == (value, 1)
    assert parse_number([arabic_indic]) == (value, 1)


def test_quantities_parse_number_digits_take_no_further_number_words() -> None:
    # "500 و3 آلاف" are two numbers; "خمسة ستة" is not one number.
    assert parse_number(["500", "و", "ثلاثة"]) == (500, 1)
    assert parse_number(["خمسة", "ستة"]) == (5, 1)


# --------------------------------------------------------------------------
# traps, written out (flat parse)

@pytest.mark.parametrize("sentence", [
    "سنرسل 500 ألف جرعة لقاح إلى الجنود",
    "منذ عام 2014 والجنود هناك",
    "في العام 2020 جنود كثيرون غادروا",
    "في 5 يناير 2020 قرر الجنود البقاء",
    "في 5 يونيو/حزيران 2021 غادر الجنود",
    "تم النشر 2021/06/05 الساعة 11:13 عن الجنود",
    "اتصلوا بالجنود على 0770 123 4567",
    "اتصلوا بالجنود على +964 7701234567",
    "قتل 30 % من الجنود",
    "قتل 30% من الجنود",
    "غادر 25 بالمئة من القوات",
    "دفع 500 دولار لكل جندي",
    "في الخامس من يناير 2020 صوت النواب على إخراج الجنود",
    "بعد 3 أيام من وصول الجنود",
    "وصل يوم 15 من الجنود",  # a day number, whatever follows
])
def test_quantities_traps_yield_nothing(sentence: str) -> None:
    assert _flat(sentence) == []


def test_quantities_vaccine_doses_never_yield_the_bare_500() -> None:
    values = [c.value for c in _flat("سنرسل 500 ألف جرعة لقاح و 2000 جندي")]
    assert values == [2000]


# --------------------------------------------------------------------------
# offsets, words, MWT

def test_quantities_offsets_and_word_ids() -> None:
    found, sentence, text = _counts(_flat_conllu("أعلنت الوزارة سحب نحو ثلاثة آلاف عسكري من القاعدة"))
    assert len(found) == 1
    count = found[0]
    assert (count.value, count.text, count.approx, count.change) == (3000, "ثلاثة آلاف عسكري", True, None)
    assert text[count.start:count.end] == count.text
    assert count.number_words == (5, 6)
    assert count.noun == 7


def test_quantities_glued_conjunction_excluded_from_span() -> None:
    found, _, text = _counts(_flat_conllu("سحب 2000 جندي من أفغانستان و500 من العراق"))
    assert [(c.value, c.text) for c in found] == [(2000, "2000 جندي"), (500, "500")]
    assert found[1].noun == 3  # borrows جندي
    assert text[found[1].start - 1] == "و"


def test_quantities_mwt_split_conjunction() -> None:
    conllu = _parsed([
        ("سحب", "سَحب", "NOUN", 0, "root"),
        ("2000", "2000", "NUM", 1, "nummod"),
        ("جندي", "جُندِيّ", "ADJ", 1, "amod"),
        ("MWT", "و500", 2),
        ("و", "وَ", "CCONJ", 5, "cc"),
        ("500", "500", "NUM", 3, "conj"),
        ("من", "مِن", "ADP", 7, "case"),
        ("العراق", "عِرَاق", "PROPN", 5, "nmod"),
    ])
    found, _, text = _counts(conllu)
    assert [(c.value, c.text, c.noun) for c in found] == [(2000, "2000 جندي", 3), (500, "500", 3)]
    assert text[found[1].start:found[1].end] == "500"


# --------------------------------------------------------------------------
# realistic parses (shapes seen from Stanza on similar sentences)

def test_quantities_parse_with_wrong_heads_falls_back_to_adjacency() -> None:
    # The small parser hangs both the number and the noun on the verbal noun.
    conllu = _parsed([
        ("أعلنت", "أَعلَن", "VERB", 0, "root"),
        ("الوزارة", "وِزَارَة", "NOUN", 1, "nsubj"),
        ("سحب", "سَحب", "NOUN", 1, "obj"),
        ("2500", "2500", "NUM", 3, "nummod"),
        ("جندي", "جُندِيّ", "ADJ", 3, "amod"),
        ("من", "مِن", "ADP", 7, "case"),
        ("القاعدة", "قَاعِدَة", "NOUN", 3, "nmod"),
        (".", ".", "PUNCT", 1, "punct"),
    ])
    found, _, _ = _counts(conllu)
    assert [(c.value, c.text, c.noun) for c in found] == [(2500, "2500 جندي", 5)]


def test_quantities_number_headed_phrase_and_distributive() -> None:
    conllu = _parsed([
        ("ينتشر", "اِنتَشَر", "VERB", 0, "root"),
        ("نحو", "نَحوَ", "ADP", 3, "case"),
        ("ثلاثة", "ثَلَاثَة", "NUM", 1, "advmod"),
        ("آلاف", "أَلف", "NUM", 3, "nummod"),
        ("عسكري", "عَسكَرِيّ", "NOUN", 4, "nmod"),
        ("في", "فِي", "ADP", 7, "case"),
        ("البلاد", "بَلَد", "NOUN", 4, "nmod"),
        ("،", "،", "PUNCT", 7, "punct"),
        ("MWT", "بينهم", 2),
        ("بين", "بَينَ", "ADP", 10, "case"),
        ("هم", "هُوَ", "PRON", 7, "nmod"),
        ("500", "500", "NUM", 12, "nummod"),
        ("ضابط", "ضَابِط", "NOUN", 10, "nmod"),
    ])
    found, _, _ = _counts(conllu)
    assert [(c.value, c.approx, c.noun) for c in found] == [(3000, True, 5), (500, False, 12)]


def test_quantities_lemma_only_match() -> None:
    # Construct plural مقاتلي is in no list: the lemma carries it.
    conllu = _parsed([
        ("انسحب", "اِنسَحَب", "VERB", 0, "root"),
        ("40", "40", "NUM", 1, "nsubj"),
        ("من", "مِن", "ADP", 4, "case"),
        ("مقاتلي", "مُقَاتِل", "NOUN", 2, "nmod"),
        ("التنظيم", "تَنظِيم", "NOUN", 4, "nmod"),
    ])
    found, _, _ = _counts(conllu)
    assert [(c.value, c.noun, c.text) for c in found] == [(40, 4, "40 من مقاتلي")]
    # The same sentence without lemmas finds nothing: the surface form alone is not listed.
    assert _flat("انسحب 40 من مقاتلي التنظيم") == []


def test_quantities_parse_link_across_an_adjective() -> None:
    # "1500 extra soldiers": adjacency fails, the nummod link finds the noun.
    rows = [
        ("نشرت", "نَشَر", "VERB", 0, "root"),
        ("1500", "1500", "NUM", 5, "nummod"),
        ("إضافي", "إِضَافِيّ", "ADJ", 2, "amod"),
        ("من", "مِن", "ADP", 5, "case"),
        ("الجنود", "جُندِيّ", "NOUN", 1, "obj"),
    ]
    found, _, _ = _counts(_parsed(rows))
    assert [(c.value, c.text, c.noun) for c in found] == [(1500, "1500 إضافي من الجنود", 5)]
    rows[1] = ("1500", "1500", "NUM", 1, "obj")  # no link: nothing
    assert _counts(_parsed(rows))[0] == []


def test_quantities_wrong_link_never_crosses_a_trap() -> None:
    # A bad parse makes 500 (and ألف) modify الجنود; the doses are in between.
    conllu = _parsed([
        ("أرسلت", "أَرسَل", "VERB", 0, "root"),
        ("500", "500", "NUM", 6, "nummod"),
        ("ألف", "أَلف", "NUM", 6, "nummod"),
        ("جرعة", "جُرعَة", "NOUN", 1, "obj"),
        ("إلى", "إِلَى", "ADP", 6, "case"),
        ("الجنود", "جُندِيّ", "NOUN", 1, "obl"),
    ])
    assert _counts(conllu)[0] == []


@pytest.mark.parametrize("linked,expected", [(True, [2020]), (False, [])])
def test_quantities_year_like_number_needs_the_parse_after_a_preposition(linked: bool, expected: list[int]) -> None:
    conllu = _parsed([
        ("وصل", "وَصَل", "VERB", 0, "root"),
        ("في", "فِي", "ADP", 3, "case"),
        ("2020", "2020", "NUM", 4 if linked else 1, "nummod" if linked else "obl"),
        ("جندي", "جُندِيّ", "NOUN", 1, "nsubj"),
    ])
    assert [c.value for c in _counts(conllu)[0]] == expected


def test_quantities_temporal_word_beats_even_a_nummod_parse() -> None:
    conllu = _parsed([
        ("وصل", "وَصَل", "VERB", 0, "root"),
        ("عام", "عَام", "NOUN", 1, "obl"),
        ("2020", "2020", "NUM", 4, "nummod"),
        ("جندي", "جُندِيّ", "NOUN", 1, "nsubj"),
    ])
    assert _counts(conllu)[0] == []


def test_quantities_today_is_not_a_day_number() -> None:
    # Lemma of اليوم is يوم; cue words are matched on the surface only.
    conllu = _parsed([
        ("وصل", "وَصَل", "VERB", 0, "root"),
        ("اليوم", "يَوم", "NOUN", 1, "obl"),
        ("500", "500", "NUM", 4, "nummod"),
        ("جندي", "جُندِيّ", "NOUN", 1, "nsubj"),
    ])
    assert [c.value for c in _counts(conllu)[0]] == [500]


def test_quantities_range_with_pronoun_anchor() -> None:
    sentence = "ينخفض عدد الجنود في البلد الأول من 4500 إلى 2500 ، فيما ينخفض عددهم في البلد الثاني من 3000 إلى 2500"
    found, _, _ = _counts(_flat_conllu(sentence))
    assert [(c.value, c.change, c.noun) for c in found] == [
        (4500, "from", 3), (2500, "to", 3), (3000, "from", 3), (2500, "to", 3)]


def test_quantities_stanza_style_range_parse() -> None:
    conllu = _parsed([
        ("انخفض", "اِنخَفَض", "VERB", 0, "root"),
        ("عدد", "عَدَد", "NOUN", 1, "nsubj"),
        ("الجنود", "جُندِيّ", "NOUN", 2, "nmod"),
        ("من", "مِن", "ADP", 5, "case"),
        ("3000", "3000", "NUM", 1, "obl"),
        ("إلى", "إِلَى", "ADP", 7, "case"),
        ("2500", "2500", "NUM", 5, "nummod"),
        ("في", "فِي", "ADP", 9, "case"),
        ("العام", "عَام", "NOUN", 7, "nmod"),
        ("2021", "2021", "NUM", 9, "nmod"),
        (".", ".", "PUNCT", 1, "punct"),
    ])
    found, _, _ = _counts(conllu)
    assert [(c.value, c.change) for c in found] == [(3000, "from"), (2500, "to")]


def test_quantities_arabic_indic_digits_and_offsets() -> None:
    found, _, text = _counts(_flat_conllu("انتشر ٢٬٥٠٠ جندي"))
    assert [(c.value, c.text) for c in found] == [(2500, "٢٬٥٠٠ جندي")]
    assert text[found[0].start:found[0].end] == "٢٬٥٠٠ جندي"


# --------------------------------------------------------------------------
# guards: casualties, strikes and names are not troop counts (hand-built parses)

def test_quantities_outcome_verb_far_after_the_noun_needs_the_parse() -> None:
    rows = [
        ("أكد", "أَكَّد", "VERB", 0, "root"),
        ("الجيش", "جَيش", "NOUN", 1, "nsubj"),
        ("أن", "أَنَّ", "SCONJ", 9, "mark"),
        ("6", "6", "NUM", 5, "nummod"),
        ("جنود", "جُندِيّ", "NOUN", 9, "nsubj"),
        ("من", "مِن", "ADP", 7, "case"),
        ("وحدة", "وَحدَة", "NOUN", 5, "nmod"),
        ("الحراسة", "حِرَاسَة", "NOUN", 7, "nmod"),
        ("قتلوا", "قَتَل", "VERB", 1, "ccomp"),
    ]
    assert _counts(_parsed(rows))[0] == []
    # Word order alone sees no outcome word near the count.
    assert [c.value for c in _flat(" ".join(r[0] for r in rows))] == [6]


def test_quantities_outcome_noun_governs_a_count_listed_under_it() -> None:
    # The casualty noun is two heads above the count, across a dash and a number.
    rows = [
        ("أسفرت", "أَسفَر", "VERB", 0, "root"),
        ("المعارك", "مَعرَكَة", "NOUN", 1, "nsubj"),
        ("عن", "عَن", "ADP", 5, "case"),
        ("20", "20", "NUM", 5, "nummod"),
        ("قتيلا", "قَتِيل", "NOUN", 1, "obl"),
        ("-", "-", "PUNCT", 8, "punct"),
        ("12", "12", "NUM", 8, "nummod"),
        ("مسلحا", "مُسَلَّح", "NOUN", 5, "appos"),
        ("و", "وَ", "CCONJ", 11, "cc"),
        ("8", "8", "NUM", 11, "nummod"),
        ("جنود", "جُندِيّ", "NOUN", 8, "conj"),
    ]
    assert _counts(_parsed(rows))[0] == []
    assert [c.value for c in _flat(" ".join(r[0] for r in rows))] == [8]


def test_quantities_the_parse_keeps_a_count_its_own_governor_holds() -> None:
    # مقتل is two words before the number, but نشر governs the soldiers.
    rows = [
        ("أعلن", "أَعلَن", "VERB", 0, "root"),
        ("الجيش", "جَيش", "NOUN", 1, "nsubj"),
        ("بعد", "بَعدَ", "ADP", 4, "case"),
        ("مقتل", "مَقتَل", "NOUN", 1, "obl"),
        ("قائده", "قَائِد", "NOUN", 4, "nmod"),
        ("نشر", "نَشر", "NOUN", 1, "obj"),
        ("500", "500", "NUM", 8, "nummod"),
        ("جندي", "جُندِيّ", "NOUN", 6, "nmod"),
    ]
    assert [c.value for c in _counts(_parsed(rows))[0]] == [500]
    assert _flat(" ".join(r[0] for r in rows)) == []  # the word-order fallback alone is cautious


def test_quantities_outcome_inside_a_prepositional_phrase_still_reaches_the_count() -> None:
    # قتل في الاشتباكات 8 ...: a wrong head on الاشتباكات (inside في …) does not close the window.
    rows = [
        ("قتل", "قَتَل", "VERB", 0, "root"),
        ("في", "فِي", "ADP", 3, "case"),
        ("الاشتباكات", "اِشتِبَاك", "NOUN", 1, "obl"),
        ("8", "8", "NUM", 3, "nummod"),
        ("جنود", "جُندِيّ", "NOUN", 4, "nmod"),
    ]
    assert _counts(_parsed(rows))[0] == []
    view = _View(from_conllu(_parsed(rows)).sentences[0], RULES)
    assert guards.outcome_before(view, 3, own=[3, 4])  # the window itself, not only the parse


def test_quantities_strikes_trap_a_wrong_parse_link(tmp_path: Path) -> None:
    # The parser links the fighters to "three": the raids in between are what is counted.
    conllu = _parsed([
        ("شن", "شَنّ", "VERB", 0, "root"),
        ("التحالف", "تَحَالُف", "NOUN", 1, "nsubj"),
        ("ثلاث", "ثَلَاث", "NUM", 4, "nummod"),
        ("غارات", "غَارَة", "NOUN", 1, "obj"),
        ("على", "عَلَى", "ADP", 6, "case"),
        ("مقاتلي", "مُقَاتِل", "NOUN", 3, "nmod"),
        ("التنظيم", "تَنظِيم", "NOUN", 6, "nmod"),
    ])
    assert _counts(conllu)[0] == []
    data = _raw()
    data["trap_nouns"] = [e for e in data["trap_nouns"] if e["id"] != "trap-strikes"]
    doc = from_conllu(conllu)
    found = find_troop_counts(doc.sentences[0], doc.article.text, load_rules(_write(tmp_path, data)))
    assert [c.value for c in found] == [3]


def test_quantities_guard_words_are_data(tmp_path: Path) -> None:
    # Without the outcome lists the casualty reading comes back: the guard lives in the YAML.
    assert _flat("أعلن الجيش مقتل 12 جنديا") == []
    data = _raw()
    data["outcome_cues"] = [e for e in data["outcome_cues"] if e["id"] != "outcome-killed"]
    rules = load_rules(_write(tmp_path, data))
    doc = from_conllu(_flat_conllu("أعلن الجيش مقتل 12 جنديا"))
    assert [c.value for c in find_troop_counts(doc.sentences[0], doc.article.text, rules)] == [12]


@pytest.mark.parametrize("sentence,expected", [
    ("يضم اللواء 3000 جندي", [3000]),           # the unit noun counts what follows
    ("هاجم اللواء 15 من القوات الخاصة", []),     # the number names the brigade
    ("وصل أحد عشر جنديا", [11]),
    ("وصل أحد الجنود", []),
])
def test_quantities_labels(sentence: str, expected: list[int]) -> None:
    assert [c.value for c in _flat(sentence)] == expected


# --------------------------------------------------------------------------
# rule file validation

def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "q.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _raw() -> dict:
    return yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize("mutate,code,where", [
    (lambda d: d["force_nouns"][0].update(colour="red"), "E351", "q.yaml:force-soldiers"),
    (lambda d: d["force_nouns"][0].pop("no_match"), "E351", "q.yaml:force-soldiers"),
    (lambda d: d["numbers"][0].pop("kind"), "E351", "q.yaml:num-units"),
    (lambda d: d["force_nouns"][0].update(kind="before"), "E351", "q.yaml:force-soldiers"),
    (lambda d: d.update(extra=[]), "E351", "q.yaml"),
    (lambda d: d.pop("trap_nouns"), "E351", "q.yaml:trap_nouns"),
    (lambda d: d["force_nouns"][0]["match"][0].update(value=3), "E351", "q.yaml:force-soldiers:match[0]"),
    (lambda d: d["force_nouns"][0]["match"][0].pop("counts"), "E351", "q.yaml:force-soldiers:match[0]"),
    (lambda d: d["numbers"][0].update(kind="roman"), "E353", "q.yaml:num-units"),
    (lambda d: d["numbers"][0]["words"].update({"ثلاثة": "three"}), "E353", "q.yaml:num-units"),
    (lambda d: d["force_nouns"].append(dict(d["force_nouns"][0])), "E353", "q.yaml:force-soldiers"),
    (lambda d: d["trap_nouns"][0]["words"].append("جندي"), "E353", "q.yaml"),
    (lambda d: d["force_nouns"][0].update(match=[]), "E353", "q.yaml:force-soldiers"),
    (lambda d: d.pop("outcome_cues"), "E351", "q.yaml:outcome_cues"),
    (lambda d: d["outcome_cues"][0].pop("no_match"), "E351", "q.yaml:outcome-killed"),
    (lambda d: d["label_cues"][0].update(kind="after"), "E353", "q.yaml:label-names"),
])
def test_quantities_rule_file_errors(tmp_path: Path, mutate, code: str, where: str) -> None:
    data = _raw()
    mutate(data)
    with pytest.raises(RuleError) as info:
        load_rules(_write(tmp_path, data))
    assert info.value.code == code
    assert info.value.message.startswith(where + ":")
    assert info.value.fix


def test_quantities_rule_file_unreadable(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("numbers: [\n", encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules(bad)
    assert info.value.code == "E352"
    with pytest.raises(RuleError) as info:
        load_rules(tmp_path / "missing.yaml")
    assert info.value.code == "E352"


def test_quantities_custom_rules_change_behaviour(tmp_path: Path) -> None:
    # A domain expert adds a force noun without touching Python.
    data = _raw()
    data["force_nouns"][0]["words"].append("حارس")
    rules = load_rules(_write(tmp_path, data))
    doc = from_conllu(_flat_conllu("وصل 300 حارس"))
    assert [c.value for c in find_troop_counts(doc.sentences[0], doc.article.text, rules)] == [300]
    assert _flat("وصل 300 حارس") == []
