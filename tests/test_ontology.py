"""The ontology files parse, agree with kg.namespace, and carry the PLOVER facts kg relies on."""

from __future__ import annotations

from decimal import Decimal
from importlib import resources

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from kg.namespace import DIRECT_PROPERTIES, EVENT_CLASSES, EVENT_TYPE_OF, KGO, KIND_CLASSES, KIND_OF
from kg.records import ACTOR_KINDS, EVENT_TYPES

KGO_BASE = "https://w3id.org/kg/ontology#"
QUAD_CLASSES = {KGO.VerbalCooperation, KGO.MaterialCooperation, KGO.VerbalConflict, KGO.MaterialConflict}
COOPERATIVE = {KGO.VerbalCooperation, KGO.MaterialCooperation}


def _parse(name: str) -> Graph:
    text = (resources.files("kg") / "ontology" / name).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return _parse("kg.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _parse("shapes.ttl")


def _kgo_terms(graph: Graph) -> set[str]:
    return {str(term)[len(KGO_BASE):] for triple in graph for term in triple
            if isinstance(term, URIRef) and str(term).startswith(KGO_BASE)}


def test_ontology_parses_and_declares_itself(ontology):
    assert (URIRef("https://w3id.org/kg/ontology"), RDF.type, OWL.Ontology) in ontology


def test_namespace_lists_exactly_the_terms_the_ontology_declares(ontology):
    declared = {str(subject)[len(KGO_BASE):] for subject in ontology.subjects()
                if isinstance(subject, URIRef) and str(subject).startswith(KGO_BASE)}
    assert declared == set(KGO.__annotations__)
    assert _kgo_terms(ontology) == declared  # no term used without being declared


def test_shapes_use_only_declared_terms(shapes):
    assert _kgo_terms(shapes) <= set(KGO.__annotations__)


def test_namespace_refuses_a_misspelt_term():
    with pytest.raises(AttributeError):
        _ = KGO.agreeswith


def test_every_term_has_an_english_label(ontology):
    unlabelled = [term for term in KGO.__annotations__
                  if not any(label.language == "en" for label in ontology.objects(KGO[term], RDFS.label))]
    assert unlabelled == []


@pytest.mark.parametrize("event_type", EVENT_TYPES)
def test_each_plover_type_is_an_annotated_event_class(ontology, event_type):
    event_class = EVENT_CLASSES[event_type]
    assert (event_class, RDFS.subClassOf, KGO.Event) in ontology
    assert list(ontology.objects(event_class, KGO.ploverType)) == [Literal(event_type)]
    assert list(ontology.objects(event_class, KGO.directProperty)) == [DIRECT_PROPERTIES[event_type]]
    roots = [str(root) for root in ontology.objects(event_class, KGO.cameoRoot)]
    assert roots and all(len(root) == 2 and root.isdigit() for root in roots)
    (quad,) = ontology.objects(event_class, KGO.quadClass)
    assert quad in QUAD_CLASSES
    (score,) = ontology.objects(event_class, KGO.cooperationScore)
    assert isinstance(score.toPython(), Decimal)
    # cooperative quad classes score above zero, conflictual ones at or below it
    assert (score.toPython() > 0) == (quad in COOPERATIVE)
    assert any(comment.language == "en" for comment in ontology.objects(event_class, RDFS.comment))


def test_every_cameo_root_but_statements_maps_to_a_type(ontology):
    roots = {str(root) for root in ontology.objects(None, KGO.cameoRoot)}
    assert roots == {f"{number:02d}" for number in range(2, 21)}  # CAMEO 01 (statements) has no type


def test_direct_properties_sit_under_cooperation_or_conflict_by_quad_class(ontology):
    for event_type, prop in DIRECT_PROPERTIES.items():
        quad = ontology.value(EVENT_CLASSES[event_type], KGO.quadClass)
        parent = KGO.cooperationTowards if quad in COOPERATIVE else KGO.conflictTowards
        assert (prop, RDFS.subPropertyOf, parent) in ontology, event_type


def test_mutual_ties_are_symmetric_and_directed_ones_are_not(ontology):
    symmetric = set(ontology.subjects(RDF.type, OWL.SymmetricProperty))
    assert symmetric == {KGO.agreesWith, KGO.consultsWith, KGO.cooperatesWith, KGO.alliedWith, KGO.rivalOf}


def test_mappings_run_both_ways():
    assert {EVENT_TYPE_OF[event_class] for event_class in EVENT_CLASSES.values()} == set(EVENT_TYPES)
    assert {KIND_OF[kind_class] for kind_class in KIND_CLASSES.values()} == set(ACTOR_KINDS)


def test_actor_kinds_are_disjoint_subclasses_of_actor(ontology):
    for kind_class in KIND_CLASSES.values():
        assert (kind_class, RDFS.subClassOf, KGO.Actor) in ontology
    members = {frozenset(ontology.items(ontology.value(node, OWL.members)))
               for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses)}
    assert frozenset(KIND_CLASSES.values()) in members
    assert frozenset(EVENT_CLASSES.values()) in members

