"""Reading the built outputs for ``kg eval``: which graph each article is
scored against, and where the class hierarchy comes from.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.namespace import RDFS
from rdflib.util import guess_format

from ..errors import EvalError, parse_error_text
from ..paths import ONTOLOGY_DIR
from .match import _short

from ..ids import ONTOLOGY_GRAPH, file_stem, graph_iri
from ..outputs import settle


def _parse(path: Path, into: Graph | Dataset, code: str = "E703") -> None:
    fmt = guess_format(str(path)) or "turtle"
    try:
        into.parse(path, format=fmt)
    except Exception as err:  # rdflib raises many unrelated types for bad syntax
        raise EvalError(code, f"cannot parse {path} as {fmt}: {parse_error_text(err)}",
                        fix="rebuild the outputs with `kg run`, or check the file") from err


def default_ontology_path() -> Path:
    """``kg.ttl`` in :data:`kg.paths.ONTOLOGY_DIR`.

    >>> default_ontology_path().name
    'kg.ttl'
    """
    return ONTOLOGY_DIR / "kg.ttl"


class _Outputs:
    """Where each article's graph comes from (see :func:`evaluate`)."""

    def __init__(self, outputs: Path, ontology: Path | None) -> None:
        self.path = outputs
        self.ontology_path = ontology
        self._ontology: Graph | None = None
        self.dataset: Dataset | None = None
        self.whole: Graph | None = None
        self.articles_dir: Path | None = None
        if outputs.is_dir():
            settle(outputs)
        if outputs.is_file():
            dataset = Dataset()
            _parse(outputs, dataset)
            self.whole = _union(dataset)
        elif outputs.is_dir() and (outputs / "graph.trig").is_file():
            self.dataset = Dataset()
            _parse(outputs / "graph.trig", self.dataset)
        elif outputs.is_dir() and (outputs / "articles").is_dir():
            self.articles_dir = outputs / "articles"
        elif outputs.is_dir() and (outputs / "graph.ttl").is_file():
            self.whole = Graph()
            _parse(outputs / "graph.ttl", self.whole)
        else:
            raise EvalError("E702", f"{outputs} is neither a graph file nor a directory holding "
                                    "graph.trig, articles/ or graph.ttl",
                            fix="run kg build first, or pass the outputs/ directory or a .ttl/.trig file")

    def graph_for(self, article: str) -> tuple[Graph, str | None]:
        """The graph to score ``article`` against, or an empty one and why."""
        if self.whole is not None:
            return self.whole, None
        if self.dataset is not None:
            name = graph_iri(article)
            names = {g.identifier for g in self.dataset.graphs()}
            if name not in names:
                return Graph(), f"no named graph {_short(name)} in {self.path / 'graph.trig'}"
            graph = Graph()
            graph += self.dataset.graph(name)
            if ONTOLOGY_GRAPH in names:
                graph += self.dataset.graph(ONTOLOGY_GRAPH)
            return graph, None
        assert self.articles_dir is not None
        path = self.articles_dir / f"{file_stem(article)}.ttl"
        if not path.is_file():
            return Graph(), f"no {path}"
        graph = Graph()
        _parse(path, graph)
        return graph, None

    def hierarchy(self, graph: Graph) -> Graph:
        """The graph's own subclass triples when it has any, else the ontology file's."""
        if self.ontology_path is None and next(graph.triples((None, RDFS.subClassOf, None)), None):
            return graph
        if self._ontology is None:
            self._ontology = Graph()
            path = self.ontology_path or default_ontology_path()
            if path.is_file():
                _parse(path, self._ontology, code="E704")
        return self._ontology


def _union(dataset: Dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in dataset.quads():
        graph.add((s, p, o))
    return graph
