"""Run the stages in order: ingest → nlp (with the parse cache) → rules →
graph → outputs, with a progress bar per stage and a summary at the end.

One broken article never stops the batch: it is recorded as a failure, the
others go on, and ``failures.json`` lists what was skipped and why.
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from tqdm import tqdm

from .cache import DEFAULT_DIR, ParseCache, write_atomic
from .config import Config
from .document import Article, Document
from .errors import KGError
from .facts import ArticleFacts
from .graph import add_article, article_graphs, build_date, new_dataset, serialize_jsonld, serialize_trig, union_graph
from .ingest import Failure, read_articles
from .nlp import Parser

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
    for i in range(0, len(todo), parser.batch_size):
        batch = todo[i:i + parser.batch_size]
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
                    failures.append(Failure(article.id, "E204", f"Stanza failed on this article: {exc!r}"))
        for doc in parsed:
            cache.put(doc)
            docs[doc.article.id] = doc
        bar.update(len(batch))
    bar.close()
    return [docs[a.id] for a in articles if a.id in docs]


def run(inputs: Sequence[Path], out_dir: Path, config: Config, options: RunOptions) -> RunSummary:
    from .extract import RuleSet  # imported here: loading rules validates the rule files

    started = time.perf_counter()
    summary = RunSummary()
    failures = summary.failures
    articles = list(read_articles(inputs, failures))
    if not articles:
        summary.seconds = time.perf_counter() - started
        _write_failures(out_dir, failures, summary)
        return summary

    # Rules first: a broken rule file stops the run before minutes of parsing, not after.
    rules = RuleSet.load(config.rules_dir)
    parser = Parser(options.models or config.models, download=options.download, batch_size=config.batch_size,
                    max_sentence_words=config.max_sentence_words, max_sentence_chars=config.max_sentence_chars)
    cache = ParseCache(options.cache_dir or config.cache_dir or DEFAULT_DIR, parser.fingerprint,
                       enabled=options.use_cache)
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
            failures.append(Failure(doc.article.id, "E300", f"rule layer failed: {exc!r}; please report this"))

    built = build_date()
    ds = new_dataset()
    for facts in tqdm(all_facts, desc="graph", unit="article", disable=not options.progress):
        add_article(ds, facts, built=built)
        summary.articles += 1
        summary.sentences += len(facts.document.sentences)
        summary.entities += len(facts.mentions)
        summary.facts += len(facts.events) + len(facts.forces) + len(facts.titles) + len(facts.relations)

    summary.files = write_outputs(ds, out_dir, options)
    summary.triples = sum(len(ctx) for name, ctx in article_graphs(ds))
    summary.seconds = time.perf_counter() - started
    _write_failures(out_dir, failures, summary)
    return summary


def _write_failures(out_dir: Path, failures: list[Failure], summary: RunSummary) -> None:
    path = out_dir / "failures.json"
    write_atomic(path, json.dumps([f.as_dict() for f in failures], ensure_ascii=False, indent=2) + "\n")
    summary.files.append(path)


def write_outputs(ds, out_dir: Path, options: RunOptions) -> list[Path]:
    """Serialise the dataset: graph.trig, graph.ttl, articles/<id>.ttl, viewer, store."""
    files: list[Path] = []
    out_dir.mkdir(parents=True, exist_ok=True)

    def emit(path: Path, text: str) -> None:
        write_atomic(path, text)
        files.append(path)

    emit(out_dir / "graph.trig", serialize_trig(ds))
    union = union_graph(ds)
    emit(out_dir / "graph.ttl", union.serialize(format="turtle"))
    articles_dir = out_dir / "articles"
    for article_id, g in article_graphs(ds):
        write_atomic(articles_dir / f"{article_id}.ttl", g.serialize(format="turtle"))
    files.append(articles_dir)
    if "jsonld" in options.formats:
        emit(out_dir / "graph.jsonld", serialize_jsonld(ds))
    if "nquads" in options.formats:
        emit(out_dir / "graph.nq", "".join(sorted(ds.serialize(format="nquads").splitlines(keepends=True))))
    if options.viewer:
        try:
            from .viewer import write_viewer
        except ImportError:  # pragma: no cover - the viewer is part of the package
            pass
        else:
            files.append(write_viewer(ds, out_dir / "graph.html"))
    if options.store:
        try:
            from .query import build_store
        except ImportError:  # pragma: no cover
            pass
        else:
            files.append(build_store(out_dir / "graph.trig", out_dir / "store"))
    return files
