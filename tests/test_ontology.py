"""The ontology (ontology/kg.ttl) and its Python mirror (kg.vocab.KG)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from kg.errors import ConfigError
from kg.vocab import KG, KGR, ONTOLOGY_DIR, ONTOLOGY_IRI, SEM, kg_terms, ontology_graph, term

REPO = Path(__file__).resolve().parent.parent
PROV = Namespace("http://www.w3.org/ns/prov#")
# A plain Namespace: pytest probes module attributes, and rdflib.XSD warns on that.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
NS = str(KG._NS)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(REPO / "ontology" / "kg.ttl", format="turtle")


def defined_terms(graph: Graph) -> set[str]:
    return {str(s)[len(NS):] for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}


def is_subclass(graph: Graph, sub: URIRef, sup: URIRef) -> bool:
    query = "ASK { ?sub rdfs:subClassOf* ?sup }"
    return bool(graph.query(query, initNs={"rdfs": RDFS}, initBindings={"sub": sub, "sup": sup}).askAnswer)


def is_subproperty(graph: Graph, sub: URIRef, sup: URIRef) -> bool:
    query = "ASK { ?sub rdfs:subPropertyOf* ?sup }"
    return bool(graph.query(query, initNs={"rdfs": RDFS}, initBindings={"sub": sub, "sup": sup}).askAnswer)


def test_ontology_dir_is_repo_ontology() -> None:
    assert ONTOLOGY_DIR == REPO / "ontology"
    assert (ONTOLOGY_DIR / "kg.ttl").is_file()


def test_ontology_header_has_bilingual_labels(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    langs = {o.language for o in onto.objects(ONTOLOGY_IRI, RDFS.label)}
    assert {"ar", "en"} <= langs


def test_ontology_vocab_terms_equal_ttl_terms(onto: Graph) -> None:
    assert set(kg_terms()) == defined_terms(onto)


@pytest.mark.parametrize("name", kg_terms())
def test_ontology_every_term_has_ar_en_labels_and_comment(onto: Graph, name: str) -> None:
    subject = KG[name]
    labels = list(onto.objects(subject, RDFS.label))
    assert any(isinstance(lit, Literal) and lit.language == "ar" and re.search("[\u0600-\u06ff]", lit) for lit in labels), name
    assert any(isinstance(lit, Literal) and lit.language == "en" for lit in labels), name
    assert any(str(c).strip() for c in onto.objects(subject, RDFS.comment)), name
    assert (subject, RDF.type, None) in onto, f"{name} has no rdf:type"


@pytest.mark.parametrize("name", [
    # actors, places, forces
    "Actor", "Person", "Organization", "Country", "ArmedGroup", "Place", "MilitaryForce",
    # events
    "Event", "Agreement", "Withdrawal", "Redeployment", "Deployment", "Statement", "Meeting",
    "PhoneCall", "Vote", "Attack",
    # roles
    "agent", "participant", "party", "speaker", "target", "location", "origin", "destination",
    # other properties and values
    "topic", "force", "forceOf", "troopCount", "date", "dateText", "earliest", "latest",
    "polarity", "Polarity", "Positive", "Negative", "modality", "title", "ledBy", "quote",
    # docs/graph.md
    "Article", "Sentence", "text", "start", "end", "url", "trigger", "TitleAttribution",
    "holder", "capital", "capitalOf", "demonym",
])
def test_ontology_core_term_exists(onto: Graph, name: str) -> None:
    assert name in defined_terms(onto)


def test_ontology_docs_graph_md_terms_are_defined(onto: Graph) -> None:
    text = (REPO / "docs" / "graph.md").read_text(encoding="utf-8")
    used = set(re.findall(r"\bkg:([A-Za-z]+)", text))
    assert used, "docs/graph.md names no kg: terms"
    assert used <= defined_terms(onto), sorted(used - defined_terms(onto))


@pytest.mark.parametrize(("sub", "sup", "expected"), [
    (KG.PhoneCall, KG.Meeting, True),
    (KG.PhoneCall, KG.Event, True),
    (KG.PhoneCall, SEM.Event, True),
    (KG.Reduction, KG.Withdrawal, True),
    (KG.Agreement, SEM.Event, True),
    (KG.Person, KG.Actor, True),
    (KG.Person, SEM.Actor, True),
    (KG.ArmedGroup, KG.Actor, True),
    (KG.Country, KG.Actor, True),
    (KG.Organization, KG.Actor, True),
    (KG.Place, SEM.Place, True),
    (KG.Article, PROV.Entity, True),
    (KG.Sentence, PROV.Entity, True),
    (KG.Meeting, KG.PhoneCall, False),
    (KG.Place, KG.Actor, False),
    (KG.Withdrawal, KG.Deployment, False),
])
def test_ontology_subclass_closure(onto: Graph, sub: URIRef, sup: URIRef, expected: bool) -> None:
    assert is_subclass(onto, sub, sup) is expected


@pytest.mark.parametrize(("prop", "sup"), [
    (KG.agent, SEM.hasActor), (KG.participant, SEM.hasActor), (KG.party, SEM.hasActor),
    (KG.speaker, SEM.hasActor), (KG.target, SEM.hasActor),
    (KG.location, SEM.hasPlace), (KG.origin, SEM.hasPlace), (KG.destination, SEM.hasPlace),
    (KG.date, SEM.hasTimeStamp), (KG.earliest, SEM.hasEarliestBeginTimeStamp),
    (KG.latest, SEM.hasLatestEndTimeStamp),
])
def test_ontology_properties_align_with_sem(onto: Graph, prop: URIRef, sup: URIRef) -> None:
    assert is_subproperty(onto, prop, sup)


@pytest.mark.parametrize(("prop", "kind", "range_"), [
    (KG.troopCount, OWL.DatatypeProperty, XSD.integer),
    (KG.earliest, OWL.DatatypeProperty, XSD.date),
    (KG.latest, OWL.DatatypeProperty, XSD.date),
    (KG.url, OWL.DatatypeProperty, XSD.anyURI),
    (KG.force, OWL.ObjectProperty, KG.MilitaryForce),
    (KG.topic, OWL.ObjectProperty, KG.Event),
    (KG.polarity, OWL.ObjectProperty, KG.Polarity),
    (KG.capital, OWL.ObjectProperty, KG.Place),
])
def test_ontology_property_kinds_and_ranges(onto: Graph, prop: URIRef, kind: URIRef, range_: URIRef) -> None:
    assert (prop, RDF.type, kind) in onto
    assert (prop, RDFS.range, range_) in onto


@pytest.mark.parametrize("value", [KG.Positive, KG.Negative])
def test_ontology_polarity_values_are_individuals(onto: Graph, value: URIRef) -> None:
    assert (value, RDF.type, KG.Polarity) in onto


@pytest.mark.parametrize("typo", ["Agreemnt", "phoneCall", "troopcount", "Withdrawl"])
def test_ontology_vocab_typo_raises(typo: str) -> None:
    with pytest.raises(AttributeError):
        getattr(KG, typo)
    with pytest.raises(ConfigError) as info:
        term(typo)
    assert info.value.code == "E801"


@pytest.mark.parametrize(("curie", "iri"), [
    ("kg:PhoneCall", "https://w3id.org/ankg/ontology#PhoneCall"),
    ("party", "https://w3id.org/ankg/ontology#party"),
])
def test_ontology_term_accepts_curies(curie: str, iri: str) -> None:
    assert term(curie) == URIRef(iri)


def test_ontology_kgr_namespace() -> None:
    assert KGR["actor/iraq"] == URIRef("https://w3id.org/ankg/id/actor/iraq")


def test_ontology_graph_copy_is_independent() -> None:
    first = ontology_graph()
    first.add((KG.Vote, RDFS.seeAlso, KG.Attack))
    assert (KG.Vote, RDFS.seeAlso, KG.Attack) not in ontology_graph()
