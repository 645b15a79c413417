"""Stage 4, graph: :class:`~kg.facts.ArticleFacts` → an rdflib ``Dataset``.

One named graph per article (``kgr:graph/<id>``) holds its facts, their
provenance and the descriptions of the actors it mentions; the named graph
``kgr:graph/ontology`` holds the ontology so that the class hierarchy is
always reachable. The model is described in ``docs/graph.md``.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Iterable

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from .facts import ArticleFacts, Event, Force, SourceRef
from .ids import GRAPH_PREFIX, ONTOLOGY_GRAPH, actor_iri, article_base, article_iri, graph_iri
from .paths import ONTOLOGY_DIR
from .vocab import KG, KGR, ONTOLOGY_IRI, SEM

def build_date() -> dt.date:
    """The date the graph was built: ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def bind_prefixes(g: Graph) -> None:
    g.bind("kg", KG._NS)
    g.bind("kgr", KGR)
    g.bind("prov", PROV)
    g.bind("dcterms", DCTERMS)
    g.bind("skos", SKOS)
    g.bind("owl", OWL)
    g.bind("sem", SEM)


def load_ontology(g: Graph) -> Graph:
    g.parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")
    return g


def new_dataset() -> Dataset:
    ds = Dataset()
    bind_prefixes(ds)
    load_ontology(ds.graph(ONTOLOGY_GRAPH))
    return ds


def add_article(ds: Dataset, facts: ArticleFacts, *, built: dt.date | None = None) -> Graph:
    """Add one article's named graph to ``ds`` and return it."""
    article = facts.document.article
    g = ds.graph(graph_iri(article.id))
    ArticleGraph(g, facts, built or build_date()).build()
    return g


class ArticleGraph:
    def __init__(self, g: Graph, facts: ArticleFacts, built: dt.date) -> None:
        self.g = g
        self.facts = facts
        self.built = built
        self.article = facts.document.article
        self.base = article_base(self.article.id)
        self._sentences: set[int] = set()

    def build(self) -> None:
        g, a = self.g, self.article
        node = article_iri(a.id)
        g.add((node, RDF.type, KG.Article))
        g.add((node, DCTERMS.identifier, Literal(a.id)))
        g.add((node, DCTERMS.conformsTo, ONTOLOGY_IRI))
        g.add((node, PROV.generatedAtTime, Literal(self.built, datatype=XSD.date)))
        if a.title:
            g.add((node, DCTERMS.title, Literal(a.title, lang="ar")))
        if a.source:
            g.add((node, DCTERMS.source, Literal(a.source)))
        if a.url:
            g.add((node, KG.url, Literal(a.url, datatype=XSD.anyURI)))
        published = a.published or self.facts.published
        if published:
            g.add((node, DCTERMS.issued, Literal(published, datatype=XSD.date)))
        used = self._used_actors()
        for iri in sorted(used):
            self._actor(iri)
        for event in self.facts.events:
            self._event(event)
        for force in self.facts.forces:
            self._force(force)
        for n, title in enumerate(self.facts.titles):
            t = KGR[f"{self.base}/title/{n}"]
            person = URIRef(title.person)
            g.add((t, RDF.type, KG.TitleAttribution))
            g.add((t, KG.holder, person))
            g.add((t, KG.title, Literal(title.title, lang="ar")))
            g.add((person, KG.title, Literal(title.title, lang="ar")))
            g.add((t, PROV.wasDerivedFrom, self._sentence(title.source)))
        for n, rel in enumerate(self.facts.relations):
            s, p, o = URIRef(rel.subject), KG[rel.predicate], URIRef(rel.object)
            g.add((s, p, o))
            r = KGR[f"{self.base}/relation/{n}"]
            g.add((r, RDF.type, RDF.Statement))
            g.add((r, RDF.subject, s))
            g.add((r, RDF.predicate, p))
            g.add((r, RDF.object, o))
            g.add((r, PROV.wasDerivedFrom, self._sentence(rel.source)))

    def _used_actors(self) -> set[str]:
        used = {m.actor for m in self.facts.mentions}

        def visit(event: Event) -> None:
            for values in event.roles.values():
                used.update(values)
            if event.force and event.force.of:
                used.add(event.force.of)
            if event.force and event.force.location:
                used.add(event.force.location)
            if event.topic:
                visit(event.topic)

        for event in self.facts.events:
            visit(event)
        for force in self.facts.forces:
            used.update(x for x in (force.of, force.location) if x)
        for rel in self.facts.relations:
            used.update((rel.subject, rel.object))
        used.update(t.person for t in self.facts.titles)
        actors = self.facts.actors
        # An unnamed actor's country (the Syrian army's Syria) is described too.
        used.update(actors[u].part_of for u in list(used) if u in actors and actors[u].part_of)
        return {u for u in used if u in actors}

    def _actor(self, iri: str) -> None:
        g, actor = self.g, self.facts.actors[iri]
        node = URIRef(iri)
        g.add((node, RDF.type, KG[actor.cls]))
        g.add((node, RDFS.label, Literal(actor.label_ar, lang="ar")))
        if actor.label_en:
            g.add((node, RDFS.label, Literal(actor.label_en, lang="en")))
        for alt in actor.alt_labels_ar:
            if alt != actor.label_ar:
                g.add((node, SKOS.altLabel, Literal(alt, lang="ar")))
        for same in actor.same_as:
            g.add((node, OWL.sameAs, URIRef(same)))
        if actor.sector:
            g.add((node, KG.sector, KG[actor.sector]))
        if actor.part_of:
            g.add((node, KG.partOf, URIRef(actor.part_of)))

    def _sentence(self, ref: SourceRef) -> URIRef:
        node = KGR[f"{self.base}/s{ref.sentence}"]
        if ref.sentence not in self._sentences:
            self._sentences.add(ref.sentence)
            g = self.g
            g.add((node, RDF.type, KG.Sentence))
            g.add((node, KG.text, Literal(ref.text, lang="ar")))
            g.add((node, DCTERMS.isPartOf, article_iri(ref.article)))
            g.add((node, KG.start, Literal(ref.start, datatype=XSD.integer)))
            g.add((node, KG.end, Literal(ref.end, datatype=XSD.integer)))
        return node

    def _force(self, force: Force) -> URIRef:
        g = self.g
        node = KGR[f"{self.base}/force/{force.id}"]
        g.add((node, RDF.type, KG.MilitaryForce))
        if force.of:
            g.add((node, KG.forceOf, URIRef(force.of)))
        if force.count is not None:
            g.add((node, KG.troopCount, Literal(force.count, datatype=XSD.integer)))
        if force.location:
            g.add((node, KG.location, URIRef(force.location)))
        if force.count_text:
            g.add((node, RDFS.label, Literal(force.count_text, lang="ar")))
        for source in [force.source, *force.also]:
            g.add((node, PROV.wasDerivedFrom, self._sentence(source)))
        return node

    def _event(self, event: Event) -> URIRef:
        g = self.g
        node = KGR[f"{self.base}/event/{event.id}"]
        g.add((node, RDF.type, KG[event.type]))
        if event.trigger:
            g.add((node, KG.trigger, Literal(event.trigger, lang="ar")))
            g.add((node, RDFS.label, Literal(event.trigger, lang="ar")))
        for role in sorted(event.roles):
            for actor in event.roles[role]:
                g.add((node, KG[role], URIRef(actor)))
        if event.force:
            g.add((node, KG.force, self._force(event.force)))
        if event.topic:
            g.add((node, KG.topic, self._event(event.topic)))
        if event.date is not None and event.date.value:
            datatype = event.date.xsd_datatype()
            if datatype and datatype != "duration":
                g.add((node, KG.date, Literal(event.date.value, datatype=XSD[datatype])))
            if event.date.earliest:
                g.add((node, KG.earliest, Literal(event.date.earliest, datatype=XSD.date)))
            if event.date.latest:
                g.add((node, KG.latest, Literal(event.date.latest, datatype=XSD.date)))
        if event.date is not None:
            g.add((node, KG.dateText, Literal(event.date.text, lang="ar")))
        if event.polarity:
            g.add((node, KG.polarity, KG[event.polarity]))
        if event.modality:
            g.add((node, KG.modality, Literal(event.modality)))
        if event.quote:
            g.add((node, KG.quote, Literal(event.quote, lang="ar")))
        for source in [event.source, *event.also]:
            g.add((node, PROV.wasDerivedFrom, self._sentence(source)))
        return node


def union_graph(ds: Dataset) -> Graph:
    """All named graphs (ontology included) as one graph, for tools without named graphs."""
    g = Graph()
    bind_prefixes(g)
    for ctx in ds.graphs():
        for triple in ctx:
            g.add(triple)
    return g


def serialize_trig(ds: Dataset) -> str:
    """TriG with the named graphs in IRI order.

    rdflib's TriG serializer walks graphs in store order, which differs from
    run to run; each graph's body comes from the (sorted) Turtle serializer.
    """
    prefixes: set[str] = set()
    blocks: list[str] = []
    for ctx in sorted(ds.graphs(), key=lambda c: str(c.identifier)):
        if len(ctx) == 0:
            continue
        g = Graph()
        bind_prefixes(g)
        for triple in ctx:
            g.add(triple)
        body: list[str] = []
        for line in g.serialize(format="turtle").splitlines():
            if line.startswith("@prefix"):
                prefixes.add(line)
            elif line.strip():
                body.append("    " + line)
            elif body:
                body.append("")
        while body and not body[-1]:
            body.pop()
        blocks.append(f"<{ctx.identifier}> {{\n" + "\n".join(body) + "\n}\n")
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)


def serialize_jsonld(ds: Dataset) -> str:
    """JSON-LD with graphs and nodes in IRI order, for byte-identical output."""
    import json

    data = json.loads(ds.serialize(format="json-ld"))

    def order(value):
        if isinstance(value, list):
            items = [order(v) for v in value]
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        if isinstance(value, dict):
            return {k: order(v) for k, v in value.items()}
        return value

    return json.dumps(order(data), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def article_graphs(ds: Dataset) -> Iterable[tuple[str, Graph]]:
    prefix = GRAPH_PREFIX
    for ctx in sorted(ds.graphs(), key=lambda c: str(c.identifier)):
        name = str(ctx.identifier)
        if name.startswith(prefix) and ctx.identifier != ONTOLOGY_GRAPH:
            yield name[len(prefix):], ctx


__all__ = ["new_dataset", "add_article", "union_graph", "actor_iri", "article_iri", "graph_iri", "Path"]
