"""The typed document that flows between stages.

``Article`` (ingest) → ``Document`` (nlp: sentences of tokens and words, with
entity spans) → ``ArticleFacts`` (rules, see ``kg.facts``) → RDF (graph).

Tokens are surface units with character offsets into the *original* article
text. Words are syntactic units after multi-word-token expansion (وواشنطن →
و + واشنطن); a word carries the offsets of the part of its token it covers
(see :func:`align_words`). NER is set on tokens; :func:`entity_words` maps an
entity span onto words.

Documents are written to and read from CoNLL-U (the parse cache and the unit
tests use the same format): offsets and NER tags ride in the MISC column of the
token line (``start_char=…|end_char=…|ner=B-PER``).
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .lang.ar.clitics import stem_initial
from .lang.ar.normalize import normalize_ar


@dataclass
class Article:
    """One input article. ``text`` is the original text, never altered."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    path: Path | None = None
    # Spans of ``text`` dropped as boilerplate; NLP sees them as blanks.
    dropped: list[tuple[int, int]] = field(default_factory=list)

    def nlp_text(self) -> str:
        """The text given to the parser: boilerplate blanked, same length."""
        chars = list(self.text)
        for start, end in self.dropped:
            for i in range(start, end):
                if chars[i] not in "\n":
                    chars[i] = " "
        return "".join(chars)

    def nlp_chunks(self) -> list[tuple[int, str]]:
        """``nlp_text()`` cut after its heading lines, as (offset, text) pieces.

        A line of at most :data:`HEADING_MAX_WORDS` words that ends without
        punctuation and is followed at once by more text is a heading or a
        dateline (a section title such as "King Faisal" over its paragraph);
        the parser would run it into the next sentence, and a name into the
        next paragraph's first word. Each piece is parsed on its own, so no
        sentence crosses such a line end. Hard-wrapped text stays whole: its
        lines are longer, or end in punctuation.

        >>> Article("a", "Heading\\nThe text goes on.\\nand on").nlp_chunks()
        [(0, 'Heading\\n'), (8, 'The text goes on.\\nand on')]
        """
        text = self.nlp_text()
        lines = text.splitlines(keepends=True)
        chunks: list[tuple[int, str]] = []
        start = pos = 0
        for i, line in enumerate(lines):
            pos += len(line)
            following = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if following and is_heading_line(line):
                chunks.append((start, text[start:pos]))
                start = pos
        if start < len(text):
            chunks.append((start, text[start:]))
        return chunks


# A heading line: few words and no punctuation at its end (a full stop, question
# mark, colon, comma, quote mark, bracket or dash, in any script).
HEADING_MAX_WORDS = 6


def is_heading_line(line: str) -> bool:
    """A short line that ends without punctuation (see :meth:`Article.nlp_chunks`).

    >>> is_heading_line("Heading\\n"), is_heading_line("It ended.\\n"), is_heading_line("\\n")
    (True, False, False)
    """
    body = line.strip()
    return bool(body) and len(body.split()) <= HEADING_MAX_WORDS and not unicodedata.category(body[-1]).startswith("P")


@dataclass
class Word:
    id: int  # 1-based within the sentence
    text: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int  # 0 = root
    deprel: str
    token: int  # index into Sentence.tokens
    start: int  # offsets into Article.text
    end: int

    # Normalised forms (kg.lang.ar.normalize_ar), computed once per word.
    @cached_property
    def norm(self) -> str:
        return normalize_ar(self.text)

    @cached_property
    def lemma_norm(self) -> str:
        return normalize_ar(self.lemma)


@dataclass
class Token:
    index: int  # 0-based within the sentence
    text: str
    start: int
    end: int
    words: tuple[int, ...]  # Word ids
    ner: str = "O"  # BIOES tag

    @cached_property
    def norm(self) -> str:
        return normalize_ar(self.text)


@dataclass
class Entity:
    """A NER span, mapped onto words. Offsets refer to ``Article.text``."""

    text: str
    type: str  # PER, LOC, ORG, MISC
    start: int
    end: int
    words: tuple[int, ...]


@dataclass
class Sentence:
    index: int
    text: str
    start: int
    end: int
    tokens: list[Token]
    words: list[Word]
    entities: list[Entity] = field(default_factory=list)

    def word(self, word_id: int) -> Word:
        return self.words[word_id - 1]

    def children(self, word_id: int) -> list[Word]:
        return [w for w in self.words if w.head == word_id]


@dataclass
class Document:
    article: Article
    sentences: list[Sentence]

    @property
    def n_words(self) -> int:
        return sum(len(s.words) for s in self.sentences)


# --------------------------------------------------------------------------
# Token → word alignment and entity → word mapping

def align_words(token_text: str, token_start: int, forms: list[str]) -> list[tuple[int, int]]:
    """Give each word of a multi-word token the part of the token it covers.

    Stanza (>= 1.7) gives words inside an MWT no offsets. Arabic expansion may
    also change letters (للعراق → ل + العراق), so forms are matched greedily
    left to right and whatever cannot be matched is given to the word
    that follows; the last word always ends where the token ends.

    >>> align_words("وواشنطن", 10, ["و", "واشنطن"])
    [(10, 11), (11, 17)]
    >>> align_words("للعراق", 0, ["ل", "العراق"])
    [(0, 1), (1, 6)]
    >>> align_words("بالعراق", 0, ["ب", "العراق"])
    [(0, 1), (1, 7)]
    >>> align_words("وقال", 0, ["و", "قال"])
    [(0, 1), (1, 4)]
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(token_text)
    for i, form in enumerate(forms):
        last = i == len(forms) - 1
        if last:
            spans.append((token_start + min(pos, n), token_start + n))
            break
        if form and token_text.startswith(form, pos):
            end = pos + len(form)
        else:
            found = token_text.find(form, pos) if form else -1
            end = found + len(form) if found >= 0 else min(pos + max(len(form), 1), n)
        # Leave at least one character for every remaining word.
        end = min(end, n - (len(forms) - 1 - i))
        end = max(end, pos)
        spans.append((token_start + pos, token_start + end))
        pos = end
    return spans


# Clitics split off an entity's first token that are not part of its name.
_PROCLITIC_DEPRELS = {"cc", "case", "mark", "advmod"}
_PROCLITIC_UPOS = {"CCONJ", "ADP", "SCONJ", "PART"}


def entity_words(sentence: Sentence, start: int, end: int) -> tuple[tuple[int, ...], int, int]:
    """Map a NER character span onto words, dropping leading proclitics.

    NER labels whole tokens, so the span of "وواشنطن" includes the conjunction
    و. The entity keeps only the words that are part of the name: leading
    words that are conjunctions or prepositions split off the first token are
    dropped, and the start offset moves to the first kept word. Returns
    ``(word_ids, start, end)``.
    """
    ids: list[int] = []
    for token in sentence.tokens:
        if token.end <= start or token.start >= end:
            continue
        ids.extend(token.words)
    if not ids:
        return (), start, end
    first_token = sentence.words[ids[0] - 1].token
    # A letter that only looks like a proclitic stays (بنيامين → ب + نيامين, وزارة → و + زارة):
    # the corpus says the whole token is the more common word.
    keep = stem_initial(sentence.tokens[first_token].norm)
    while len(ids) > 1 and not keep:
        w = sentence.words[ids[0] - 1]
        if w.token == first_token and len(sentence.tokens[first_token].words) > 1 and (
            w.upos in _PROCLITIC_UPOS or w.deprel in _PROCLITIC_DEPRELS
        ) and w.id != sentence.tokens[first_token].words[-1]:
            ids.pop(0)
            continue
        break
    # A proclitic opening a later token ends the name: NER spans sometimes run
    # on into the next phrase (سامي الخطيب للصحفيين).
    for k in range(1, len(ids)):
        w = sentence.words[ids[k] - 1]
        token = sentence.tokens[w.token]
        if w.token != first_token and len(token.words) > 1 and w.id == token.words[0] and (
                w.upos in _PROCLITIC_UPOS or w.deprel in _PROCLITIC_DEPRELS) and not stem_initial(token.norm):
            ids = ids[:k]
            break
    words = [sentence.words[i - 1] for i in ids]
    return tuple(ids), max(start, words[0].start), min(end, words[-1].end)


def entities_from_bioes(sentence: Sentence, text: str) -> list[Entity]:
    """Rebuild entity spans from the tokens' BIOES tags.

    ``text`` is the article text (for the entity's surface string).
    Ill-formed sequences are read leniently, as Stanza's own
    ``decode_from_bioes`` does, so no predicted entity is lost: an ``I``/``E``
    without a ``B`` starts a span, and a span left open (``B`` then ``O``, a
    new ``B``/``S``, a change of type, or the end of the sentence) is closed at
    its last tagged token. BIO tags therefore work too.
    """
    entities: list[Entity] = []
    open_start: int | None = None
    open_end = 0
    open_type = ""

    def close() -> None:
        ids, s, e = entity_words(sentence, open_start, open_end)
        entities.append(Entity(text[s:e], open_type, s, e, ids))

    for token in sentence.tokens:
        tag = token.ner or "O"
        prefix, _, etype = tag.partition("-")
        if prefix not in ("B", "I", "E", "S") or not etype:
            prefix = "O"
        if open_start is not None and (prefix in ("B", "S", "O") or etype != open_type):
            close()
            open_start = None
        if prefix == "O":
            continue
        if open_start is None:
            open_start, open_type = token.start, etype
        open_end = token.end
        if prefix in ("S", "E"):
            close()
            open_start = None
    if open_start is not None:
        close()
    return entities


# --------------------------------------------------------------------------
# CoNLL-U

def _misc(fields: dict[str, str]) -> str:
    return "|".join(f"{k}={v}" for k, v in fields.items()) or "_"


def _parse_misc(value: str) -> dict[str, str]:
    if value in ("", "_"):
        return {}
    out = {}
    for part in value.split("|"):
        k, _, v = part.partition("=")
        out[k] = v
    return out


def to_conllu(doc: Document) -> str:
    """Serialise a document's sentences as CoNLL-U (exact round trip)."""
    lines: list[str] = []
    for sent in doc.sentences:
        lines.append(f"# sent_id = {sent.index}")
        # Any line break (\r from CRLF files, U+2028...) would cut the comment.
        lines.append(f"# text = {' '.join(sent.text.splitlines())}")
        lines.append(f"# start_char = {sent.start}")
        lines.append(f"# end_char = {sent.end}")
        for token in sent.tokens:
            misc = _misc({"start_char": str(token.start), "end_char": str(token.end), "ner": token.ner})
            if len(token.words) > 1:
                lines.append(f"{token.words[0]}-{token.words[-1]}\t{token.text}\t_\t_\t_\t_\t_\t_\t_\t{misc}")
                for wid in token.words:
                    w = sent.word(wid)
                    wm = _misc({"start_char": str(w.start), "end_char": str(w.end)})
                    lines.append(_word_line(w, wm))
            else:
                w = sent.word(token.words[0])
                lines.append(_word_line(w, misc))
        lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")


def _word_line(w: Word, misc: str) -> str:
    cols = [str(w.id), w.text, w.lemma or "_", w.upos or "_", w.xpos or "_", w.feats or "_",
            str(w.head), w.deprel or "_", "_", misc]
    return "\t".join(cols)


def from_conllu(conllu: str, article: Article | None = None) -> Document:
    """Read CoNLL-U into a :class:`Document`.

    Offsets come from ``start_char``/``end_char`` in MISC when present;
    otherwise the text of each sentence is laid out as tokens separated by
    single spaces (handy for inline test data), and the article text is built
    from the sentences, one per line.

    >>> doc = from_conllu('''# text = قال بايدن
    ... 1\\tقال\\tقال\\tVERB\\t_\\t_\\t0\\troot\\t_\\t_
    ... 2\\tبايدن\\tبايدن\\tPROPN\\t_\\t_\\t1\\tnsubj\\t_\\tner=S-PER
    ... ''')
    >>> [(e.text, e.type) for e in doc.sentences[0].entities]
    [('بايدن', 'PER')]
    """
    blocks = [b for b in conllu.strip("\n").split("\n\n") if b.strip()]
    sentences: list[Sentence] = []
    built_text: list[str] = []
    offset = 0
    for index, block in enumerate(blocks):
        meta: dict[str, str] = {}
        tokens: list[Token] = []
        words: list[Word] = []
        pending_mwt: tuple[int, int, str, dict[str, str]] | None = None
        mwt_members: list[int] = []
        for line in block.split("\n"):
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                meta[key.strip()] = value.strip()
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise ValueError(f"CoNLL-U line needs 10 tab-separated columns, got {len(cols)}: {line!r}")
            if "-" in cols[0]:
                a, b = (int(x) for x in cols[0].split("-"))
                pending_mwt = (a, b, cols[1], _parse_misc(cols[9]))
                mwt_members = []
                continue
            if "." in cols[0]:
                continue  # empty nodes
            wid = int(cols[0])
            misc = _parse_misc(cols[9])
            in_mwt = pending_mwt is not None and pending_mwt[0] <= wid <= pending_mwt[1]
            word = Word(wid, cols[1], "" if cols[2] == "_" else cols[2], cols[3], cols[4],
                        "" if cols[5] == "_" else cols[5], int(cols[6]) if cols[6] != "_" else 0,
                        cols[7], len(tokens), int(misc.get("start_char", -1)), int(misc.get("end_char", -1)))
            words.append(word)
            if in_mwt:
                mwt_members.append(wid)
                if wid == pending_mwt[1]:
                    a, b, ttext, tmisc = pending_mwt
                    tokens.append(Token(len(tokens), ttext, int(tmisc.get("start_char", -1)),
                                        int(tmisc.get("end_char", -1)), tuple(mwt_members), tmisc.get("ner", "O")))
                    pending_mwt = None
            else:
                tokens.append(Token(len(tokens), cols[1], int(misc.get("start_char", -1)),
                                    int(misc.get("end_char", -1)), (wid,), misc.get("ner", "O")))
        if tokens and tokens[0].start < 0:
            # No offsets: lay tokens out with single spaces.
            pos = offset
            for t in tokens:
                t.start, t.end = pos, pos + len(t.text)
                pos = t.end + 1
            sent_text = " ".join(t.text for t in tokens)
            built_text.append(sent_text)
            sent_start, sent_end = offset, offset + len(sent_text)
            offset = sent_end + 1
            for t in tokens:
                spans = align_words(t.text, t.start, [words[i - 1].text for i in t.words])
                for wid, (s, e) in zip(t.words, spans):
                    words[wid - 1].start, words[wid - 1].end = s, e
        else:
            # Stanza writes no offsets for the words inside an MWT: derive them.
            for t in tokens:
                if any(words[i - 1].start < 0 for i in t.words):
                    spans = align_words(t.text, t.start, [words[i - 1].text for i in t.words])
                    for wid, (s, e) in zip(t.words, spans):
                        words[wid - 1].start, words[wid - 1].end = s, e
            sent_start = int(meta.get("start_char", tokens[0].start if tokens else 0))
            sent_end = int(meta.get("end_char", tokens[-1].end if tokens else 0))
            sent_text = meta.get("text", "")
        sentences.append(Sentence(index, sent_text, sent_start, sent_end, tokens, words))
    if article is None:
        article = Article(id="inline", text="\n".join(built_text))
    for sent in sentences:
        if article.text:
            sent.text = article.text[sent.start:sent.end]
        sent.entities = entities_from_bioes(sent, article.text)
    return Document(article, sentences)
