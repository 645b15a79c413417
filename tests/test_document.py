"""kg.document: token → word alignment, entity spans → words, CoNLL-U round trip.

Documents are built from the hand-written CoNLL-U in tests/data/conllu/ or
inline strings (no Stanza). Offsets below were counted by hand, letter by
letter, and each is also checked against the article text by slicing.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.document import Article, Document, align_words, entity_words, from_conllu, to_conllu

CONLLU_DIR = Path(__file__).parent / "data" / "conllu"

# --------------------------------------------------------------------------
# align_words


@pytest.mark.parametrize("token, start, forms, spans", [
    ("وواشنطن", 10, ["و", "واشنطن"], [(10, 11), (11, 17)]),
    ("لبغداد", 0, ["ل", "بغداد"], [(0, 1), (1, 6)]),
    ("بالعراق", 0, ["ب", "العراق"], [(0, 1), (1, 7)]),
    # ل + العراق: the alef of the article is not written in the token
    ("للعراق", 0, ["ل", "العراق"], [(0, 1), (1, 6)]),
    ("وبالعراق", 0, ["و", "ب", "العراق"], [(0, 1), (1, 2), (2, 8)]),
    ("وللعراق", 5, ["و", "ل", "العراق"], [(5, 6), (6, 7), (7, 12)]),
    ("مجلسه", 0, ["مجلس", "ه"], [(0, 4), (4, 5)]),
    # the first form is spelt differently in the token (ى written ي before the pronoun)
    ("إليه", 0, ["إلى", "هو"], [(0, 3), (3, 4)]),
    ("عنه", 0, ["عن", "هو"], [(0, 2), (2, 3)]),
    ("بغداد", 3, ["بغداد"], [(3, 8)]),
])
def test_document_align_words_clitics(token: str, start: int, forms: list[str],
                                      spans: list[tuple[int, int]]) -> None:
    assert align_words(token, start, forms) == spans


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_document_align_words_partitions_the_token(data: st.DataObject) -> None:
    token = data.draw(st.text(alphabet="وبلالعراقهيمن", min_size=1, max_size=12))
    forms = data.draw(st.lists(st.text(alphabet="وبلالعراقهيمنى", max_size=6), min_size=1,
                               max_size=len(token)))
    start = data.draw(st.integers(0, 1000))
    spans = align_words(token, start, forms)
    assert len(spans) == len(forms)
    assert spans[0][0] == start and spans[-1][1] == start + len(token)
    for (_, end), (next_start, _) in zip(spans, spans[1:]):
        assert end == next_start  # contiguous: every character belongs to one word
    assert all(s < e for s, e in spans)  # every word gets at least one character


# --------------------------------------------------------------------------
# from_conllu on hand-written files

# (sentence, [(text, type, start, end, word ids)]) for tests/data/conllu/clitics.conllu,
# whose article text is the five sentences, one per line.
CLITIC_ENTITIES = [
    # زار الوزير بغداد وواشنطن: two adjacent S-LOC; وواشنطن → و + واشنطن
    [("بغداد", "LOC", 11, 16, (3,)), ("واشنطن", "LOC", 18, 24, (5,))],
    # وصل مصطفى الكاظمي لبغداد: B-PER E-PER; لبغداد → ل + بغداد
    [("مصطفى الكاظمي", "PER", 29, 42, (2, 3)), ("بغداد", "LOC", 44, 49, (5,))],
    # يعمل المستشارون في سوريا وبالعراق: وبالعراق → و + ب + العراق
    [("سوريا", "LOC", 69, 74, (4,)), ("العراق", "LOC", 77, 83, (7,))],
    # قدمت واشنطن دعما للعراق: للعراق → ل + العراق, so the name's surface is لعراق
    [("واشنطن", "LOC", 89, 95, (2,)), ("لعراق", "LOC", 102, 107, (5,))],
    # ترأس الكاظمي اجتماع مجلسه: مجلسه → مجلس + ه, the first word is no clitic: both kept
    [("الكاظمي", "PER", 113, 120, (2,)), ("مجلسه", "ORG", 128, 133, (4, 5))],
]


@pytest.fixture(scope="module")
def clitics(conllu_doc) -> Document:
    return conllu_doc("clitics.conllu")


def test_document_from_conllu_lays_out_inline_text(clitics: Document) -> None:
    assert clitics.article.text.split("\n") == [
        "زار الوزير بغداد وواشنطن",
        "وصل مصطفى الكاظمي لبغداد",
        "يعمل المستشارون في سوريا وبالعراق",
        "قدمت واشنطن دعما للعراق",
        "ترأس الكاظمي اجتماع مجلسه",
    ]
    assert [(s.start, s.end) for s in clitics.sentences] == [(0, 24), (25, 49), (50, 83), (84, 107), (108, 133)]
    assert clitics.n_words == 27


@pytest.mark.parametrize("index", range(len(CLITIC_ENTITIES)))
def test_document_entities_on_clitic_tokens(clitics: Document, index: int) -> None:
    sent = clitics.sentences[index]
    got = [(e.text, e.type, e.start, e.end, e.words) for e in sent.entities]
    assert got == CLITIC_ENTITIES[index]
    for e in sent.entities:
        assert clitics.article.text[e.start:e.end] == e.text
        assert e.start == sent.word(e.words[0]).start  # starts where its first kept word starts


@pytest.mark.parametrize("sentence, token_text, words", [
    (0, "وواشنطن", [("و", 17, 18), ("واشنطن", 18, 24)]),
    (1, "لبغداد", [("ل", 43, 44), ("بغداد", 44, 49)]),
    (2, "وبالعراق", [("و", 75, 76), ("ب", 76, 77), ("العراق", 77, 83)]),
    (3, "للعراق", [("ل", 101, 102), ("العراق", 102, 107)]),
    (4, "مجلسه", [("مجلس", 128, 132), ("ه", 132, 133)]),
])
def test_document_mwt_words_get_offsets(clitics: Document, sentence: int, token_text: str,
                                        words: list[tuple[str, int, int]]) -> None:
    sent = clitics.sentences[sentence]
    token = next(t for t in sent.tokens if t.text == token_text)
    assert [(sent.word(i).text, sent.word(i).start, sent.word(i).end) for i in token.words] == words
    assert all(sent.word(i).token == token.index for i in token.words)


def test_document_entity_words_drops_leading_clitic(clitics: Document) -> None:
    sent = clitics.sentences[0]
    token = sent.tokens[3]  # وواشنطن, the whole token as NER labels it
    assert entity_words(sent, token.start, token.end) == ((5,), 18, 24)


def test_document_entity_words_span_without_tokens(clitics: Document) -> None:
    # A span between tokens (the space) covers no word: returned unchanged.
    assert entity_words(clitics.sentences[0], 3, 4) == ((), 3, 4)


def test_document_multi_token_entity_starting_with_a_clitic(conllu_doc) -> None:
    doc = conllu_doc("""
        # text = رحب الرئيس ومصطفى الكاظمي
        1    رحب       رحب      VERB   _ _ 0 root  _ _
        2    الرئيس    رئيس     NOUN   _ _ 1 nsubj _ _
        3-4  ومصطفى    _        _      _ _ _ _     _ ner=B-PER
        3    و         و        CCONJ  _ _ 4 cc    _ _
        4    مصطفى     مصطفى    PROPN  _ _ 2 conj  _ _
        5    الكاظمي   كاظمي    PROPN  _ _ 4 flat  _ ner=E-PER
    """)
    [entity] = doc.sentences[0].entities
    assert (entity.text, entity.type, entity.start, entity.end, entity.words) == (
        "مصطفى الكاظمي", "PER", 12, 25, (4, 5))


def test_document_clitic_recognised_by_deprel_alone(conllu_doc) -> None:
    # A model that gives the conjunction an odd UPOS still marks it cc.
    doc = conllu_doc("""
        # text = زار وواشنطن
        1    زار      زار      VERB   _ _ 0 root _ _
        2-3  وواشنطن  _        _      _ _ _ _    _ ner=S-LOC
        2    و        و        X      _ _ 3 cc   _ _
        3    واشنطن   واشنطن   PROPN  _ _ 1 obj  _ _
    """)
    assert [(e.text, e.start, e.words) for e in doc.sentences[0].entities] == [("واشنطن", 5, (3,))]


# --------------------------------------------------------------------------
# BIOES edge cases: tokens زار(0-3) مصطفى(4-9) الكاظمي(10-17) بغداد(18-23) عمان(24-28)

_FORMS = ["زار", "مصطفى", "الكاظمي", "بغداد", "عمان"]


def _tagged(tags: list[str]) -> Document:
    rows = [f"{i}\t{form}\t{form}\tPROPN\t_\t_\t0\tdep\t_\tner={tag}"
            for i, (form, tag) in enumerate(zip(_FORMS, tags), 1)]
    return from_conllu("\n".join(rows) + "\n")


@pytest.mark.parametrize("tags, expected", [
    pytest.param(["O", "B-PER", "E-PER", "S-LOC", "O"],
                 [("مصطفى الكاظمي", "PER", (2, 3)), ("بغداد", "LOC", (4,))], id="well-formed"),
    pytest.param(["O", "O", "O", "O", "O"], [], id="all-O"),
    pytest.param(["O", "S-PER", "S-PER", "O", "O"],
                 [("مصطفى", "PER", (2,)), ("الكاظمي", "PER", (3,))], id="two-adjacent-S-same-type"),
    pytest.param(["O", "O", "S-PER", "S-LOC", "O"],
                 [("الكاظمي", "PER", (3,)), ("بغداد", "LOC", (4,))], id="two-adjacent-S"),
    pytest.param(["O", "I-PER", "E-PER", "O", "O"], [("مصطفى الكاظمي", "PER", (2, 3))], id="I-without-B"),
    pytest.param(["O", "O", "E-PER", "O", "O"], [("الكاظمي", "PER", (3,))], id="E-without-B"),
    pytest.param(["O", "I-PER", "O", "O", "O"], [("مصطفى", "PER", (2,))], id="lone-I"),
    pytest.param(["O", "B-PER", "O", "O", "O"], [("مصطفى", "PER", (2,))], id="B-then-O"),
    pytest.param(["O", "O", "O", "B-LOC", "I-LOC"], [("بغداد عمان", "LOC", (4, 5))], id="open-at-sentence-end"),
    pytest.param(["O", "B-PER", "E-LOC", "O", "O"],
                 [("مصطفى", "PER", (2,)), ("الكاظمي", "LOC", (3,))], id="type-change"),
    pytest.param(["O", "B-PER", "B-PER", "E-PER", "O"],
                 [("مصطفى", "PER", (2,)), ("الكاظمي بغداد", "PER", (3, 4))], id="B-B-E"),
    pytest.param(["O", "B-PER", "I-PER", "O", "B-LOC"],
                 [("مصطفى الكاظمي", "PER", (2, 3)), ("عمان", "LOC", (5,))], id="BIO-scheme"),
    pytest.param(["O", "X-PER", "B-", "O", "O"], [], id="unknown-tags-are-O"),
])
def test_document_entities_from_bioes_edge_cases(tags: list[str], expected: list[tuple]) -> None:
    doc = _tagged(tags)
    assert doc.article.text == "زار مصطفى الكاظمي بغداد عمان"
    entities = doc.sentences[0].entities
    assert [(e.text, e.type, e.words) for e in entities] == expected
    for e in entities:
        assert doc.article.text[e.start:e.end] == e.text


# --------------------------------------------------------------------------
# Stanza-style CoNLL-U: offsets on token lines only, CRLF article

def test_document_from_conllu_stanza_style_offsets(conllu_doc) -> None:
    doc = conllu_doc("stanza_style.conllu")
    text = doc.article.text
    assert text.startswith("وصل الوفد إلى بغداد\r\n")
    first, second = doc.sentences
    assert (first.start, first.end, second.start, second.end) == (0, 49, 50, 71)
    assert "\r\n" in first.text  # the title line runs into the next without a full stop
    # Stanza gives the words inside an MWT no offsets: from_conllu derives them.
    assert [(w.text, w.start, w.end) for w in first.words[4:6]] == [("و", 21, 22), ("قال", 22, 25)]
    assert [(w.text, w.start, w.end) for w in second.words[:2]] == [("و", 50, 51), ("رحبت", 51, 55)]
    assert [(w.text, w.start, w.end) for w in second.words[3:5]] == [("ب", 63, 64), ("الخطوة", 64, 70)]
    assert [(e.text, e.type, e.start, e.end) for s in doc.sentences for e in s.entities] == [
        ("بغداد", "LOC", 14, 19), ("واشنطن", "LOC", 56, 62)]


# --------------------------------------------------------------------------
# Round trip

def _documents() -> list:
    params = [pytest.param(path.name, id=path.stem) for path in sorted(CONLLU_DIR.glob("*.conllu"))]
    params.append(pytest.param("""
        # text = زار وبالعراق مصطفى
        1    زار      زار      VERB   _ _ 0 root _ ner=O
        2-4  وبالعراق _        _      _ _ _ _    _ ner=S-LOC
        2    و        و        CCONJ  _ _ 4 cc   _ _
        3    ب        ب        ADP    _ _ 4 case _ _
        4    العراق   عراق     PROPN  _ _ 1 obl  _ _
        5    مصطفى    مصطفى    PROPN  _ _ 1 nsubj _ ner=B-PER

        # text = قال .
        1    قال      قال      VERB   _ _ 0 root  _ _
        2    .        .        PUNCT  _ _ 1 punct _ _
    """, id="inline-open-entity"))
    return params


def _check_offsets(doc: Document) -> None:
    text = doc.article.text
    for sent in doc.sentences:
        assert text[sent.start:sent.end] == sent.text
        for token in sent.tokens:
            assert text[token.start:token.end] == token.text
            words = [sent.word(i) for i in token.words]
            assert words[0].start == token.start and words[-1].end == token.end
            for a, b in zip(words, words[1:]):
                assert a.end == b.start


@pytest.mark.parametrize("source", _documents())
def test_document_conllu_round_trip(conllu_doc, source: str) -> None:
    doc = conllu_doc(source)
    _check_offsets(doc)
    conllu = to_conllu(doc)
    again = from_conllu(conllu, doc.article)
    assert again.sentences == doc.sentences  # tokens, words, offsets, NER tags, entities
    _check_offsets(again)
    assert to_conllu(again) == conllu


@pytest.mark.parametrize("line_break", ["\r\n", "\u2028\u2029", "\x85\n", "\n\n", "\x0b\x0c"])
def test_document_conllu_round_trip_line_breaks_inside_a_sentence(line_break: str) -> None:
    # The first sentence spans the title's line break: "# text" must stay one line.
    path = CONLLU_DIR / "stanza_style.txt"
    text = path.read_bytes().decode("utf-8").replace("\r\n", line_break)
    doc = from_conllu((CONLLU_DIR / "stanza_style.conllu").read_text(encoding="utf-8"), Article("crlf", text))
    conllu = to_conllu(doc)
    assert all(line.count("\t") in (0, 9) for line in conllu.split("\n"))
    assert from_conllu(conllu, doc.article).sentences == doc.sentences


def test_document_conllu_round_trip_empty_document() -> None:
    doc = Document(Article("empty", ""), [])
    assert to_conllu(doc) == ""
    assert from_conllu("", doc.article).sentences == []


@pytest.mark.parametrize("row", [
    "1\tقال\tقال\tVERB\t_\t_\t0\troot\t_",  # 9 columns
    "1 قال قال VERB _ _ 0 root _ _",  # spaces, not tabs
])
def test_document_from_conllu_rejects_bad_rows(row: str) -> None:
    with pytest.raises(ValueError, match="10 tab-separated columns"):
        from_conllu(row + "\n")


def test_document_sentence_helpers(clitics: Document) -> None:
    sent = clitics.sentences[1]  # وصل مصطفى الكاظمي لبغداد
    assert sent.word(5).text == "بغداد"
    assert [w.text for w in sent.children(1)] == ["مصطفى", "بغداد"]
    assert [w.text for w in sent.children(5)] == ["ل"]


def test_document_a_letter_that_only_looks_like_a_clitic_stays_in_the_name(conllu_doc):
    """The tokeniser splits بنيامين into ب + نيامين; the corpus counts (stem_initial.yaml) say
    the letter belongs to the name, so the entity is the whole token. A real conjunction
    (وواشنطن) is still dropped."""
    text = "قال بنيامين نتنياهو وواشنطن ."
    doc = conllu_doc("""
# text = قال بنيامين نتنياهو وواشنطن .
1 قال قال VERB _ _ 0 root _ start_char=0|end_char=3
2-3 بنيامين _ _ _ _ _ _ _ start_char=4|end_char=11|ner=B-PER
2 ب ب ADP _ _ 3 case _ _
3 نيامين نيامين PROPN _ _ 1 nsubj _ _
4 نتنياهو نتنياهو PROPN _ _ 3 flat _ start_char=12|end_char=19|ner=E-PER
5-6 وواشنطن _ _ _ _ _ _ _ start_char=20|end_char=27|ner=S-LOC
5 و و CCONJ _ _ 6 cc _ _
6 واشنطن واشنطن PROPN _ _ 3 conj _ _
7 . . PUNCT _ _ 1 punct _ start_char=28|end_char=29
""", text=text)
    assert [(e.text, e.type, e.words) for e in doc.sentences[0].entities] == [
        ("بنيامين نتنياهو", "PER", (2, 3, 4)), ("واشنطن", "LOC", (6,))]


def test_document_a_later_name_token_that_only_looks_like_a_clitic_does_not_end_the_name(conllu_doc):
    """بخاري splits into ب + خاري, but the corpus says ب belongs to the word: the name runs on."""
    text = "قال محمد بخاري ."
    doc = conllu_doc("""
# text = قال محمد بخاري .
1 قال قال VERB _ _ 0 root _ start_char=0|end_char=3
2 محمد محمد X _ _ 1 nsubj _ start_char=4|end_char=8|ner=B-PER
3-4 بخاري _ _ _ _ _ _ _ start_char=9|end_char=14|ner=E-PER
3 ب ب ADP _ _ 4 case _ _
4 خاري خاري X _ _ 2 flat _ _
5 . . PUNCT _ _ 1 punct _ start_char=15|end_char=16
""", text=text)
    assert [(e.text, e.words) for e in doc.sentences[0].entities] == [("محمد بخاري", (2, 3, 4))]
