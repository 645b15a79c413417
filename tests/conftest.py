"""Shared fixtures.

``conllu_doc`` builds a :class:`kg.document.Document` from CoNLL-U, so unit
tests never load a Stanza model. It accepts either the name of a file in
``tests/data/conllu/`` or an inline string; inline rows may separate their
ten columns with runs of spaces instead of tabs (easier to read in a test).
"""
from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path
from typing import Callable

import pytest

from kg.document import Article, Document, from_conllu

REPO_ROOT = Path(__file__).resolve().parents[1]
CONLLU_DIR = Path(__file__).resolve().parent / "data" / "conllu"

_COLUMNS = re.compile(r"[ \t]+")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The project root (the folder holding ``pyproject.toml``)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the project, or ``$KG_SHARED``. May not exist: skip then."""
    return Path(os.environ.get("KG_SHARED", REPO_ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def conllu_dir() -> Path:
    return CONLLU_DIR


def _tabify(conllu: str) -> str:
    lines = []
    for line in textwrap.dedent(conllu).strip("\n").split("\n"):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and "\t" not in stripped:
            cols = _COLUMNS.split(stripped)
            if len(cols) != 10:
                raise ValueError(f"inline CoNLL-U row needs 10 columns, got {len(cols)}: {line!r}")
            stripped = "\t".join(cols)
        lines.append(stripped)
    return "\n".join(lines) + "\n"


def load_conllu(source: str, text: str | None = None, article_id: str = "inline") -> Document:
    """``source``: a file name in tests/data/conllu/ (``x.conllu``) or CoNLL-U itself.

    ``text`` is the article text, needed when the CoNLL-U carries offsets; a
    file ``x.conllu`` with a ``x.txt`` beside it uses that file's text.
    """
    if source.endswith(".conllu") and "\n" not in source:
        path = CONLLU_DIR / source
        conllu = path.read_text(encoding="utf-8")
        sidecar = path.with_suffix(".txt")
        if text is None and sidecar.exists():
            # Bytes, so that CRLF line ends survive (offsets count the \r).
            text = sidecar.read_bytes().decode("utf-8")
    else:
        conllu = _tabify(source)
    article = Article(id=article_id, text=text) if text is not None else None
    return from_conllu(conllu, article)


@pytest.fixture(scope="session")
def conllu_doc() -> Callable[..., Document]:
    """Factory: ``conllu_doc("clitics.conllu")`` or ``conllu_doc(inline_string)``."""
    return load_conllu


@pytest.fixture(scope="session")
def rules():
    """The project's rule set (``pipelines/rules``), loaded once."""
    from kg.extract import RuleSet

    return RuleSet.load()


@pytest.fixture(scope="session")
def event_roles(rules) -> Callable[..., list[dict[str, list[str]]]]:
    """``event_roles(doc, kind)``: the roles of each event of class ``kind`` extracted from
    ``doc``, as role → sorted labels (English where the actor has one, else Arabic)."""
    def roles(doc: Document, kind: str) -> list[dict[str, list[str]]]:
        facts = rules.extract(doc)
        return [{r: sorted(facts.actors[a].label_en or facts.actors[a].label_ar for a in v)
                 for r, v in e.roles.items()} for e in facts.events if e.type == kind]
    return roles


@pytest.fixture(scope="session")
def model_dir() -> Path:
    """The Stanza models (``../shared/stanza_resources`` in CI). Missing models
    fail the tests that need them with the E201/E202 message: never a skip."""
    from kg.nlp import check_models, default_model_dir

    directory = default_model_dir()
    check_models(directory)
    return directory


@pytest.fixture(scope="session")
def parser(model_dir):
    """A real Stanza :class:`kg.nlp.Parser` (for tests marked ``models``)."""
    from kg.nlp import Parser

    return Parser(model_dir)


@pytest.fixture(scope="session")
def seeds_dir(shared_dir) -> Path:
    seeds = shared_dir / "seeds"
    assert seeds.is_dir(), f"{seeds} is missing: set KG_SHARED to the shared data folder"
    return seeds


@pytest.fixture(scope="session")
def seeds_run(tmp_path_factory, seeds_dir, model_dir):
    """The pipeline run once on the seeds with a fresh cache, shared by the
    integration tests: (summary, output dir, options)."""
    from kg.config import load_config
    from kg.pipeline import RunOptions, run

    base = tmp_path_factory.mktemp("seeds_run")
    options = RunOptions(models=model_dir, cache_dir=base / "cache", progress=False)
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1764000000")
    try:
        summary = run([seeds_dir], base / "out", load_config(), options)
    finally:
        mp.undo()
    return summary, base / "out", options
