"""kg.pieces: over-long sentences are cut into bounded pieces before the parser.

The unit tests build Stanza's dict form of a sentence from inline text (our own
words, no Stanza); offsets are computed from the text by ``str.find`` and every
piece is checked against the text by slicing. The tests marked ``models`` parse
with the real models: the caps hold, offsets stay true, and a 200,000-character
article without punctuation parses within the memory bound stated in README.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.config import load_config
from kg.errors import ConfigError
from kg.pieces import MAX_SENTENCE_CHARS, MAX_SENTENCE_WORDS, Span, cut_points, split_sentence, split_sentences

REPO = Path(__file__).resolve().parents[1]

# Tokens glued from a conjunction and a word: the MWT expander splits them in two.
MWT = {"وقال": ("و", "قال"), "والمدينة": ("و", "المدينة"), "فذهب": ("ف", "ذهب")}


def sentence_dicts(text: str, start: int = 0) -> list[dict]:
    """Stanza's dict form of ``text`` split at spaces; the tokens of :data:`MWT` get two words."""
    out: list[dict] = []
    pos, word_id = 0, 1
    for token in text.split():
        pos = text.index(token, pos)
        span = {"start_char": start + pos, "end_char": start + pos + len(token)}
        if token in MWT:
            forms = MWT[token]
            out.append({"id": (word_id, word_id + len(forms) - 1), "text": token, **span})
            out.extend({"id": word_id + k, "text": form} for k, form in enumerate(forms))
            word_id += len(forms)
        else:
            out.append({"id": word_id, "text": token, **span})
            word_id += 1
        pos += len(token)
    return out


def tokens_of(piece: list[dict]) -> list[dict]:
    """The token dicts of a piece (an MWT's dict, or a plain word's)."""
    covered = 0
    out = []
    for entry in piece:
        ident = entry["id"]
        if isinstance(ident, tuple):
            out.append(entry)
            covered = ident[1]
        elif ident > covered:
            out.append(entry)
    return out


def n_words(piece: list[dict]) -> int:
    return sum(1 for e in piece if not isinstance(e["id"], tuple))


def spans(words: list[str]) -> list[Span]:
    out, pos = [], 0
    for w in words:
        out.append(Span(w, pos, pos + len(w), MWT.get(w, (w,))))
        pos += len(w) + 1
    return out


# --------------------------------------------------------------------------
# where to cut

def test_pieces_cut_prefers_punctuation_then_comma_then_conjunction_then_the_cap() -> None:
    # The cap is 6 words; candidates lie in the back half of the first 6 tokens.
    words = "سافر الرجل إلى المدينة صباحا. ثم عاد مساء".split()
    assert cut_points(spans(words), 6, 1000) == [0, 5]  # after the full stop
    words = "سافر الرجل إلى المدينة، صباحا وقال إنه عاد".split()
    assert cut_points(spans(words), 6, 1000) == [0, 4]  # after the Arabic comma
    words = "سافر الرجل إلى المدينة صباحا فذهب إلى السوق".split()
    assert cut_points(spans(words), 7, 1000) == [0, 5]  # before ف, its own word after MWT
    words = "سافر الرجل إلى المدينة صباحا ثم عاد إلى بيته".split()
    assert cut_points(spans(words), 6, 1000) == [0, 6]  # plain cut at the cap


def test_pieces_cut_never_leaves_a_tiny_piece_for_an_early_comma() -> None:
    # A comma after the first word is too far from the cap: cut at the cap instead.
    words = "أولا، سافر الرجل إلى المدينة صباحا ثم عاد إلى بيته".split()
    starts = cut_points(spans(words), 8, 1000)
    assert starts == [0, 8]


def test_pieces_cut_by_characters() -> None:
    words = ["كلمة"] * 10  # 4 letters + a space each: 10 tokens span 49 characters
    assert cut_points(spans(words), 100, 20) == [0, 4, 8]  # 4 tokens span 19 characters, 5 would span 24


def test_pieces_a_token_over_the_caps_stays_whole() -> None:
    long = "ا" * 50
    starts = cut_points(spans(["قال", long, "ذلك"]), 100, 10)
    assert starts == [0, 1, 2]


def test_pieces_bad_caps_are_refused() -> None:
    with pytest.raises(ValueError):
        cut_points(spans(["قال"]), 0, 10)


# --------------------------------------------------------------------------
# splitting a sentence in Stanza's dict form

TEXT = "وقال الرجل إن الطقس جميل في المدينة والمدينة هادئة فذهب إلى السوق واشترى خبزا ثم عاد إلى بيته"


def test_pieces_split_sentence_keeps_offsets_true_to_the_text() -> None:
    article = "عنوان قصير\n" + TEXT  # the sentence starts at offset 11 of the article
    sentence = sentence_dicts(TEXT, start=11)
    pieces = split_sentence(sentence, 5, 1000)
    assert len(pieces) > 1
    seen = []
    for piece in pieces:
        assert n_words(piece) <= 5
        for token in tokens_of(piece):
            assert article[token["start_char"]:token["end_char"]] == token["text"]
            seen.append(token["text"])
        first, last = tokens_of(piece)[0], tokens_of(piece)[-1]
        # the piece's text, sliced from the article, is the words of the piece joined as written
        assert article[first["start_char"]:last["end_char"]].split() == [t["text"] for t in tokens_of(piece)]
    assert seen == TEXT.split()  # every token once, in order


def test_pieces_split_sentence_renumbers_words_and_keeps_mwt_whole() -> None:
    pieces = split_sentence(sentence_dicts(TEXT), 4, 1000)
    for piece in pieces:
        word_ids = [e["id"] for e in piece if not isinstance(e["id"], tuple)]
        assert word_ids == list(range(1, len(word_ids) + 1))
        for k, entry in enumerate(piece):
            if isinstance(entry["id"], tuple):  # an MWT is followed by its own words, in this piece
                a, b = entry["id"]
                assert [e["id"] for e in piece[k + 1:k + 2 + b - a]] == list(range(a, b + 1))
    # By hand: وقال(2) الرجل إن | الطقس جميل في المدينة | والمدينة(2) هادئة فذهب(2) → cut before ف…
    assert [[t["text"] for t in tokens_of(p)] for p in pieces][:2] == [["وقال", "الرجل", "إن"],
                                                                       ["الطقس", "جميل", "في", "المدينة"]]


def test_pieces_a_sentence_within_the_caps_is_left_alone() -> None:
    sentence = sentence_dicts(TEXT)
    assert split_sentence(sentence, MAX_SENTENCE_WORDS, MAX_SENTENCE_CHARS) == [sentence]
    out, cut = split_sentences([sentence, sentence_dicts("جملة قصيرة")], 100, 1000)
    assert cut == 0 and out == [sentence, sentence_dicts("جملة قصيرة")]


def test_pieces_split_sentences_counts_the_cut_sentences() -> None:
    out, cut = split_sentences([sentence_dicts(TEXT), sentence_dicts("جملة قصيرة")], 5, 1000)
    assert cut == 1 and out[-1] == sentence_dicts("جملة قصيرة") and len(out) > 2


VOCAB = ["سافر", "الرجل", "إلى", "المدينة،", "صباحا.", "وقال", "فذهب", "ا" * 30, "ثم"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=80), st.integers(1, 12), st.integers(1, 120))
def test_pieces_property_caps_hold_and_nothing_is_lost(words, max_words, max_chars) -> None:
    text = " ".join(words)
    pieces = split_sentence(sentence_dicts(text), max_words, max_chars)
    assert [t["text"] for p in pieces for t in tokens_of(p)] == words
    for piece in pieces:
        toks = tokens_of(piece)
        assert all(text[t["start_char"]:t["end_char"]] == t["text"] for t in toks)
        if len(toks) > 1:  # only a lone token may be over a cap
            assert n_words(piece) <= max_words
            assert toks[-1]["end_char"] - toks[0]["start_char"] <= max_chars


# --------------------------------------------------------------------------
# configuration

def test_pieces_caps_are_configured(tmp_path: Path) -> None:
    cfg = load_config()
    assert (cfg.max_sentence_words, cfg.max_sentence_chars) == (MAX_SENTENCE_WORDS, MAX_SENTENCE_CHARS)
    path = tmp_path / "p.toml"
    path.write_text("[nlp]\nmax_sentence_words = 40\nmax_sentence_chars = 300\n", encoding="utf-8")
    cfg = load_config(path)
    assert (cfg.max_sentence_words, cfg.max_sentence_chars) == (40, 300)


@pytest.mark.parametrize("line", ["max_sentence_words = 0", "max_sentence_chars = -5",
                                  'max_sentence_words = "250"', "max_sentence_chars = 2.5"])
def test_pieces_bad_caps_in_the_config_are_coded_errors(tmp_path: Path, line: str) -> None:
    path = tmp_path / "p.toml"
    path.write_text(f"[nlp]\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert err.value.code == "E004" and line.split()[0] in str(err.value)


# --------------------------------------------------------------------------
# with the models

# Our own words, joined by spaces: no punctuation, no line break.
WORDS = ("ذهب الرجل إلى السوق واشترى خبزا وماء ثم عاد إلى بيته في المساء وقال لجاره إن الطقس "
         "جميل والحديقة واسعة وفيها أشجار كثيرة").split()


def unpunctuated(n_chars: int) -> str:
    out, length, i = [], 0, 0
    while length < n_chars:
        word = WORDS[i % len(WORDS)]
        out.append(word)
        length += len(word) + 1
        i += 1
    return " ".join(out)[:n_chars].rstrip()


@pytest.mark.models
def test_pieces_long_unpunctuated_article_parses_within_the_caps(parser) -> None:
    from kg.document import Article

    text = unpunctuated(6000)
    doc, = parser.parse([Article("long", text)])
    assert len(doc.sentences) > 1
    # Nothing lost or doubled (the tokenizer may join two words into one token: compare words).
    assert " ".join(t.text for s in doc.sentences for t in s.tokens).split() == text.split()
    ends = [(t.start, t.end) for s in doc.sentences for t in s.tokens]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:]))
    for sent in doc.sentences:
        assert len(sent.words) <= parser.max_sentence_words
        assert sent.end - sent.start <= parser.max_sentence_chars
        assert sent.text == text[sent.start:sent.end]
        assert all(text[t.start:t.end] == t.text for t in sent.tokens)
        assert all(0 <= w.head <= len(sent.words) for w in sent.words)
        assert sum(w.head == 0 for w in sent.words) == 1


MEMORY_BOUND_MB = 2048  # README "Long sentences"
PROBE = textwrap.dedent("""
    import json, os, resource, sys, threading, time
    sys.path.insert(0, sys.argv[1])
    from tests.test_pieces import unpunctuated, MEMORY_BOUND_MB
    from kg.document import Article
    from kg.nlp import Parser

    def watchdog():  # stop at the bound, rather than let an unbounded parse take the machine
        while True:
            rss = int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            if rss > MEMORY_BOUND_MB * 2**20:
                print(json.dumps({"over_mb": rss // 2**20}), flush=True)
                os._exit(3)
            time.sleep(0.05)

    threading.Thread(target=watchdog, daemon=True).start()
    text = unpunctuated(200_000)
    started = time.perf_counter()
    doc, = Parser(sys.argv[2]).parse([Article("long", text)])
    print(json.dumps({"chars": len(text), "sentences": len(doc.sentences),
                      "max_words": max(len(s.words) for s in doc.sentences),
                      "seconds": round(time.perf_counter() - started, 1),
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
""")


@pytest.mark.models
def test_pieces_memory_of_a_200k_unpunctuated_article_is_bounded(model_dir) -> None:
    """Peak RSS of a process that loads the models and parses 200,000 characters
    of words without punctuation (one sentence to the tokenizer) stays under
    :data:`MEMORY_BOUND_MB`. Without the caps it grew past 24 GB."""
    proc = subprocess.run([sys.executable, "-c", PROBE, str(REPO), str(model_dir)], capture_output=True,
                          text=True, timeout=900, cwd=REPO)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    assert proc.returncode == 0 and lines, (proc.returncode, proc.stdout[-2000:], proc.stderr[-2000:])
    figures = json.loads(lines[-1])
    print(figures)
    assert figures["chars"] >= 199_990 and figures["sentences"] > 1
    assert figures["peak_mb"] < MEMORY_BOUND_MB
