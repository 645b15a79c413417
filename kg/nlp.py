"""Stage 2, nlp: Stanza → the typed :class:`~kg.document.Document`.

This is the only module that imports stanza. Articles are parsed in batches
through one ``stanza.Pipeline`` (``bulk_process`` over a list of Documents);
parses are cached by :mod:`kg.cache`, so re-running with changed rules never
re-parses.

Model directory, in this order: ``--models DIR``, ``KG_STANZA_DIR``,
``STANZA_RESOURCES_DIR``, ``../shared/stanza_resources`` next to the project
when it exists, then Stanza's default (``~/stanza_resources``).
"""
from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .document import Article, Document, Sentence, Token, Word, align_words, entities_from_bioes
from .errors import ModelError
from .pieces import MAX_SENTENCE_CHARS, MAX_SENTENCE_WORDS, split_sentences

log = logging.getLogger(__name__)

LANG = "ar"
PROCESSORS = "tokenize,mwt,pos,lemma,depparse,ner"
# Tokenizer and MWT are linear in the text; the rest run on sentences cut to the caps.
SEGMENT, ANALYSE = "tokenize,mwt", "pos,lemma,depparse,ner"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_MODELS = PROJECT_ROOT.parent / "shared" / "stanza_resources"


def default_model_dir() -> Path:
    """The model directory when ``--models`` is not given."""
    for var in ("KG_STANZA_DIR", "STANZA_RESOURCES_DIR"):
        if os.environ.get(var):
            return Path(os.environ[var]).expanduser()
    shared = Path(os.environ.get("KG_SHARED", PROJECT_ROOT.parent / "shared")) / "stanza_resources"
    if shared.is_dir():
        return shared
    return Path.home() / "stanza_resources"


def check_models(model_dir: Path) -> None:
    """Stop with a clear error when models are missing.

    >>> check_models(Path("/nonexistent"))
    Traceback (most recent call last):
    ...
    kg.errors.ModelError: [E201] nlp: no Stanza resources.json in /nonexistent. Fix: run `kg run --download --models /nonexistent …` (needs internet) or point --models / KG_STANZA_DIR at a directory holding resources.json and ar/
    """
    fix = (f"run `kg run --download --models {model_dir} …` (needs internet) or point --models / "
           f"KG_STANZA_DIR at a directory holding resources.json and ar/")
    if not (model_dir / "resources.json").is_file():
        raise ModelError("E201", f"no Stanza resources.json in {model_dir}", fix=fix)
    lang_dir = model_dir / LANG
    missing = [p for p in PROCESSORS.split(",") if not (lang_dir / p).is_dir()]
    if missing:
        raise ModelError("E202", f"{lang_dir} lacks the Arabic models for: {', '.join(missing)}", fix=fix)


def model_fingerprint(model_dir: Path, max_words: int = MAX_SENTENCE_WORDS,
                      max_chars: int = MAX_SENTENCE_CHARS) -> str:
    """A short hash of the model files (names, sizes, mtimes), this module's
    conversion version and the sentence caps: a different model or cap means a
    different parse cache key."""
    h = hashlib.sha256(f"conv-v3|{PROCESSORS}|{max_words}w|{max_chars}c".encode())
    lang_dir = model_dir / LANG
    for path in sorted(lang_dir.rglob("*")) if lang_dir.is_dir() else []:
        if path.is_file():
            st = path.stat()
            h.update(f"{path.relative_to(model_dir)}|{st.st_size}|{int(st.st_mtime)}".encode())
    resources = model_dir / "resources.json"
    if resources.is_file():
        h.update(resources.read_bytes())
    return h.hexdigest()[:16]


class Parser:
    """One Stanza pipeline, loaded lazily, that parses articles in batches."""

    def __init__(self, model_dir: Path | None = None, *, download: bool = False,
                 use_gpu: bool = False, batch_size: int = 16, max_sentence_words: int = MAX_SENTENCE_WORDS,
                 max_sentence_chars: int = MAX_SENTENCE_CHARS) -> None:
        self.model_dir = Path(model_dir) if model_dir else default_model_dir()
        self.download = download
        self.use_gpu = use_gpu
        self.batch_size = batch_size
        if max_sentence_words < 1 or max_sentence_chars < 1:  # the config checks this (E004)
            raise ValueError("max_sentence_words and max_sentence_chars must be at least 1")
        self.max_sentence_words = max_sentence_words
        self.max_sentence_chars = max_sentence_chars
        self._pipeline = None
        if not download:
            check_models(self.model_dir)

    @property
    def fingerprint(self) -> str:
        return model_fingerprint(self.model_dir, self.max_sentence_words, self.max_sentence_chars)

    def _load(self):
        if self._pipeline is None:
            import stanza  # heavy: imported only when something has to be parsed

            if self.download:
                stanza.download(LANG, model_dir=str(self.model_dir), processors=PROCESSORS)
                check_models(self.model_dir)
            logging.getLogger("stanza").setLevel(logging.WARNING)
            try:
                self._pipeline = stanza.Pipeline(LANG, dir=str(self.model_dir), processors=PROCESSORS,
                                                 download_method=None, use_gpu=self.use_gpu,
                                                 logging_level="WARN",
                                                 # pieces up to the cap share batches (Stanza's
                                                 # default parses each over 150 words alone: slow)
                                                 depparse_min_length_to_batch_separately=max(
                                                     150, self.max_sentence_words))
            except (FileNotFoundError, ValueError, KeyError, RuntimeError) as exc:
                raise ModelError("E203", f"could not load the Stanza models from {self.model_dir}: {exc}",
                                 fix="check the directory, or re-download with `kg run --download`") from exc
        return self._pipeline

    def parse(self, articles: Sequence[Article]) -> list[Document]:
        """Parse articles with one bulk call per batch."""
        import stanza

        pipeline = self._load()
        out: list[Document] = []
        for i in range(0, len(articles), self.batch_size):
            batch = articles[i:i + self.batch_size]
            # Each article is parsed in pieces cut after its heading lines, so
            # that no sentence runs from a heading into its paragraph.
            # Keyed by position in the batch: two articles may share an id.
            pieces = [(k, offset, text) for k, a in enumerate(batch) for offset, text in a.nlp_chunks()]
            # Segment first, cut over-long sentences, then tag and parse the
            # pieces: the parser's memory grows with the square of a sentence.
            docs = pipeline.bulk_process([stanza.Document([], text=text) for _, _, text in pieces],
                                         processors=SEGMENT)
            docs = [self._capped(sdoc, batch[k].id) for (k, _, _), sdoc in zip(pieces, docs)]
            docs = pipeline.process(docs, processors=ANALYSE)
            parts: list[list[tuple[int, object]]] = [[] for _ in batch]
            for (k, offset, _), sdoc in zip(pieces, docs):
                parts[k].append((offset, sdoc))
            out.extend(convert(a, part) for a, part in zip(batch, parts))
        return out

    def _capped(self, sdoc, article_id: str):
        """The Stanza document with every sentence cut to the caps (see kg.pieces);
        the same object when no sentence is over them."""
        import stanza

        sentences, cut = split_sentences(sdoc.to_dict(), self.max_sentence_words, self.max_sentence_chars)
        if not cut:
            return sdoc
        log.info("%s: %d sentence(s) over %d words or %d characters cut into pieces",
                 article_id, cut, self.max_sentence_words, self.max_sentence_chars)
        return stanza.Document(sentences, text=sdoc.text)

    def parse_iter(self, articles: Iterable[Article]) -> Iterator[Document]:
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) == self.batch_size:
                yield from self.parse(batch)
                batch = []
        if batch:
            yield from self.parse(batch)


def convert(article: Article, parts: list[tuple[int, object]]) -> Document:
    """Stanza documents → our :class:`Document` (offsets into ``article.text``).

    ``parts`` is a list of (offset, Stanza document) for the pieces of
    :meth:`~kg.document.Article.nlp_chunks`, in order."""
    sentences: list[Sentence] = []
    for offset, sdoc in parts:
        for ssent in sdoc.sentences:
            sent = _sentence(article, len(sentences), ssent, offset)
            sentences.append(sent)
    return Document(article, sentences)


def _sentence(article: Article, index: int, ssent, offset: int) -> Sentence:
    tokens: list[Token] = []
    words: list[Word] = []
    for stoken in ssent.tokens:
        word_ids = tuple(w.id for w in stoken.words)
        token_start, token_end = stoken.start_char + offset, stoken.end_char + offset
        spans = align_words(stoken.text, token_start, [w.text for w in stoken.words])
        for sword, (start, end) in zip(stoken.words, spans):
            words.append(Word(sword.id, sword.text, sword.lemma or "", sword.upos or "", sword.xpos or "",
                              sword.feats or "", sword.head or 0, sword.deprel or "", len(tokens), start, end))
        tokens.append(Token(len(tokens), stoken.text, token_start, token_end, word_ids, stoken.ner or "O"))
    start, end = tokens[0].start, tokens[-1].end
    sent = Sentence(index, article.text[start:end], start, end, tokens, words)
    sent.entities = entities_from_bioes(sent, article.text)
    return sent


def stanza_version() -> str:
    import stanza

    return stanza.__version__


__all__ = ["Parser", "convert", "check_models", "default_model_dir", "model_fingerprint"]
