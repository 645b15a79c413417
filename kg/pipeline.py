"""Run the stages in order: ingest → nlp (with the parse cache) → rules →
graph → outputs, with a progress bar per stage and a summary at the end.

One broken article never stops the batch: it is recorded as a failure, the
others go on, and ``failures.json`` lists what was skipped and why.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from tqdm import tqdm

from .cache import DEFAULT_DIR, ParseCache
from .config import Config
from .document import Article, Document
from .errors import KGError
from .facts import ArticleFacts
from .graph import add_article, article_graphs, build_date, new_dataset
from .ingest import Failure, read_articles
from .nlp import Parser
from .outputs import OutputSet, write_outputs

log = logging.getLogger(__name__)


@dataclass
class RunOptions:
    models: Path | None = None
    download: bool = False
    use_cache: bool = True
    cache_dir: Path | None = None
    formats: tuple[str, ...] = ()  # extra: "jsonld", "nquads"
    viewer: bool = True
    store: bool = True
    progress: bool = True


@dataclass
class RunSummary:
    articles: int = 0
    sentences: int = 0
    entities: int = 0
    facts: int = 0
    triples: int = 0
    cache_hits: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def format(self) -> str:
        lines = [
            f"articles   {self.articles} processed, {len(self.failures)} skipped",
            f"sentences  {self.sentences}",
            f"entities   {self.entities}",
            f"facts      {self.facts} ({self.triples} triples)",
            f"parses     {self.cache_hits} from cache",
            f"time       {self.seconds:.1f} s",
        ]
        lines += [f"wrote      {p}" for p in self.files]
        for f in self.failures:
            lines.append(f"skipped    {f.source}: [{f.code}] {f.message}")
        return "\n".join(lines)


# A batch's parses reach the cache only when the whole batch is done, so a
# kill loses at most one batch: a batch holds at most this many characters.
BATCH_CHARS = 20_000


def batches(articles: Sequence[Article], size: int, max_chars: int) -> list[list[Article]]:
    """Consecutive batches of at most ``size`` articles and ``max_chars``
    characters (an article longer than that is a batch of its own).

    >>> [[a.id for a in b] for b in batches([Article(c, "ن" * n) for c, n in
    ...     [("a", 5), ("b", 5), ("c", 30), ("d", 1), ("e", 1), ("f", 1)]], 2, 12)]
    [['a', 'b'], ['c'], ['d', 'e'], ['f']]
    """
    out: list[list[Article]] = []
    current: list[Article] = []
    chars = 0
    for article in articles:
        length = len(article.text)
        if current and (len(current) == size or chars + length > max_chars):
            out.append(current)
            current, chars = [], 0
        current.append(article)
        chars += length
    if current:
        out.append(current)
    return out


def parse_documents(articles: Sequence[Article], parser: Parser, cache: ParseCache,
                    failures: list[Failure], progress: bool = True) -> list[Document]:
    """Parse what the cache doesn't hold, in batches; keep input order."""
    docs: dict[str, Document] = {}
    todo: list[Article] = []
    for article in articles:
        cached = cache.get(article)
        if cached is not None:
            docs[article.id] = cached
        else:
            todo.append(article)
    bar = tqdm(total=len(todo), desc="parse", unit="article", disable=not progress or not todo)
    for batch in batches(todo, parser.batch_size, BATCH_CHARS):
        try:
            parsed = parser.parse(batch)
        except KGError:
            raise
        except Exception:  # isolate the article that breaks the batch
            parsed = []
            for article in batch:
                try:
                    parsed.extend(parser.parse([article]))
                except KGError:
                    raise
                except Exception as exc:  # noqa: BLE001 - reported per article, batch goes on
                    log.debug("Stanza failed on %s", article.id, exc_info=True)
                    failures.append(Failure(article.id, "E204", f"Stanza failed on this article: {exc!r}. Fix: "
                                                   "run again with -vv for the traceback and report it"))
        for doc in parsed:
            cache.put(doc)
            docs[doc.article.id] = doc
        bar.update(len(batch))
    bar.close()
    return [docs[a.id] for a in articles if a.id in docs]


def run(inputs: Sequence[Path], out_dir: Path, config: Config, options: RunOptions) -> RunSummary:
    """Run the stages over ``inputs`` and swap the new set of outputs into ``out_dir``.

    When no article can be processed, nothing is written: ``out_dir`` keeps
    the previous run's set whole, and the summary lists every failure.
    """
    from .extract import RuleSet  # imported here: loading rules validates the rule files

    started = time.perf_counter()
    summary = RunSummary()
    failures = summary.failures
    articles = list(read_articles(inputs, failures))
    if not articles:
        summary.seconds = time.perf_counter() - started
        return summary

    # Rules first: a broken rule file stops the run before minutes of parsing, not after.
    rules = RuleSet.load(config.rules_dir)
    parser = Parser(options.models or config.models, download=options.download, batch_size=config.batch_size,
                    max_sentence_words=config.max_sentence_words, max_sentence_chars=config.max_sentence_chars)
    cache = ParseCache(options.cache_dir or config.cache_dir or DEFAULT_DIR, parser.fingerprint,
                       enabled=options.use_cache)
    with OutputSet(out_dir) as staged:  # taken now: a second run into out_dir stops before parsing
        docs = parse_documents(articles, parser, cache, failures, options.progress)
        summary.cache_hits = cache.hits

        all_facts: list[ArticleFacts] = []
        for doc in tqdm(docs, desc="rules", unit="article", disable=not options.progress):
            try:
                all_facts.append(rules.extract(doc))
            except KGError as err:
                failures.append(Failure(doc.article.id, err.code, str(err)))
            except Exception as exc:  # noqa: BLE001 - one article's bug must not stop the batch
                log.error("rules failed on %s: %r (run with -vv for the traceback)", doc.article.id, exc)
                log.debug("traceback", exc_info=True)
                failures.append(Failure(doc.article.id, "E300", f"rule layer failed: {exc!r}. Fix: a bug, please "
                                                                 "report it with the article (-vv shows the traceback)"))

        built = build_date()
        ds = new_dataset()
        for facts in tqdm(all_facts, desc="graph", unit="article", disable=not options.progress):
            add_article(ds, facts, built=built)
            summary.articles += 1
            summary.sentences += len(facts.document.sentences)
            summary.entities += len(facts.mentions)
            summary.facts += len(facts.events) + len(facts.forces) + len(facts.titles) + len(facts.relations)
        if not summary.articles:
            summary.seconds = time.perf_counter() - started
            return summary  # leaving the block without a commit keeps the old set

        write_outputs(ds, staged, options, failures)
        summary.triples = sum(len(ctx) for name, ctx in article_graphs(ds))
        summary.files = [p for p in staged.commit() if p.name != "manifest.json"]
    summary.seconds = time.perf_counter() - started
    return summary
