"""kg's base IRIs as plain strings, defined once.

Plain strings so that modules which never load rdflib (``kg query``,
``kg serve``) can use them; :mod:`kg.vocab` builds the rdflib namespaces from
them and :mod:`kg.ids` mints instance IRIs under :data:`KGR`.

>>> KG
'https://w3id.org/ankg/ontology#'
"""
from __future__ import annotations

KG = "https://w3id.org/ankg/ontology#"  # the ontology's terms (ontology/kg.ttl)
ONTOLOGY = "https://w3id.org/ankg/ontology"  # the ontology itself
KGR = "https://w3id.org/ankg/id/"  # instances: actors, articles, graphs, events
KGSH = "https://w3id.org/ankg/shapes#"  # the SHACL shapes (ontology/shapes.ttl)
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
TIME = "http://www.w3.org/2006/time#"
SH = "http://www.w3.org/ns/shacl#"
