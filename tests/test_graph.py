"""Relations become a sourced RDF graph and come back; graph files are read and written safely."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest
from rdflib import RDF, XSD, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, SKOS

from kg.errors import InputError, ShapeError
from kg.graph import build_graph, load_graph, relations_from_graph, save_graph, validate_graph
from kg.namespace import KGO, SEM, actor_iri, event_iri
from kg.records import ActorRef, Relation

INDIA = ActorRef(text="India", id="IND", country="IND", kind="state", label="India")
RUSSIA = ActorRef(text="Russia", id="RUS", country="RUS", kind="state", label="Russia")
MOSCOW = ActorRef(text="Moscow", id="RUS", country="RUS", kind="state", label="Russia")
MODI = ActorRef(text="Prime Minister Modi", id="person:narendra-modi", country="IND", kind="person",
                label="Narendra Modi")
EU = ActorRef(text="the EU", id="EU", country="EU", kind="igo", label="European Union")
IRAN = ActorRef(text="Iran", id="IRN", country="IRN", kind="state", label="Iran")
CHINA = ActorRef(text="China", id="CHN", country="CHN", kind="state", label="China")
TAIWAN = ActorRef(text="Taiwan", id="TWN", country="TWN", kind="state", label="Taiwan")
REBELS = ActorRef(text="the rebels", id="org:rebels", country=None, kind="organisation", label="rebels")

PACT = "India and Russia signed a trade pact."
VISIT = "Prime Minister Modi visited Moscow."
SANCTIONS = "The EU imposed new sanctions on Iran."
DENIAL = "China did not attack Taiwan, officials said."


def _relation(sentence: str, start: int, source: ActorRef, target: ActorRef, event_type: str,
              trigger: str, **fields) -> Relation:
    trigger_start = start + sentence.index(trigger)
    values = dict(doc_id="wire-0412", sentence=sentence, start=start, end=start + len(sentence),
                  source=source, target=target, type=event_type, cameo="040", cooperation=1.0,
                  verb=trigger, trigger_start=trigger_start, trigger_end=trigger_start + len(trigger),
                  date="2024-07-08", confidence=0.9)
    return Relation(**{**values, **fields})


RELATIONS = [
    _relation(PACT, 0, INDIA, RUSSIA, "AGREE", "signed", cameo="057", cooperation=8.0, verb="sign",
              object="pact"),
    _relation(PACT, 0, RUSSIA, INDIA, "AGREE", "signed", cameo="057", cooperation=8.0, verb="sign",
              object="pact"),
    _relation(VISIT, 38, MODI, MOSCOW, "CONSULT", "visited", cameo="042", cooperation=1.9, verb="visit"),
    _relation(SANCTIONS, 74, EU, IRAN, "SANCTION", "imposed", cameo="163", cooperation=-8.0,
              verb="impose", object="sanctions", date=None, trigger_start=None, trigger_end=None),
    _relation(DENIAL, 112, CHINA, TAIWAN, "ASSAULT", "attack", cameo="190", cooperation=-10.0,
              negated=True, confidence=0.4),
]


@pytest.fixture()
def graph() -> Graph:
    return build_graph(RELATIONS)


def _events(graph: Graph, event_class) -> list:
    return list(graph.subjects(RDF.type, event_class))


# --- building ---------------------------------------------------------------------------------

def test_build_types_each_event_with_its_plover_class_and_sem_event(graph):
    (sanction,) = _events(graph, KGO.Sanction)
    assert {KGO.Event, KGO.Sanction, SEM.Event} <= set(graph.objects(sanction, RDF.type))
    assert graph.value(sanction, KGO.source) == actor_iri("EU")
    assert graph.value(sanction, KGO.target) == actor_iri("IRN")
    assert graph.value(sanction, KGO.objectPhrase) == Literal("sanctions")
    assert len(_events(graph, KGO.Event)) == len(RELATIONS)


def test_build_traces_each_event_to_its_sentence_and_document(graph):
    (visit,) = _events(graph, KGO.Consult)
    sentence = graph.value(visit, PROV.wasDerivedFrom)
    assert graph.value(sentence, KGO.text) == Literal(VISIT)
    assert (graph.value(sentence, KGO.startOffset).toPython(), graph.value(sentence, KGO.endOffset).toPython()) \
        == (38, 38 + len(VISIT))
    document = graph.value(sentence, KGO.inDocument)
    assert graph.value(document, KGO.documentId) == Literal("wire-0412")


def test_person_is_the_agent_and_acts_for_the_state_that_is_the_source(graph):
    (visit,) = _events(graph, KGO.Consult)
    modi = actor_iri("person:narendra-modi")
    assert graph.value(visit, KGO.source) == actor_iri("IND")
    assert graph.value(visit, KGO.sourceAgent) == modi
    assert graph.value(modi, KGO.actsFor) == actor_iri("IND")
    assert (modi, RDF.type, KGO.Person) in graph
    assert graph.value(visit, KGO.sourceText) == Literal("Prime Minister Modi")


def test_asserted_events_add_a_direct_edge_between_states(graph):
    assert (actor_iri("IND"), KGO.agreesWith, actor_iri("RUS")) in graph
    assert (actor_iri("RUS"), KGO.agreesWith, actor_iri("IND")) in graph
    assert (actor_iri("IND"), KGO.consultsWith, actor_iri("RUS")) in graph
    assert (actor_iri("EU"), KGO.sanctions, actor_iri("IRN")) in graph


def test_negated_and_hedged_events_keep_their_flags_but_add_no_direct_edge(graph):
    (attack,) = _events(graph, KGO.Assault)
    assert graph.value(attack, KGO.negated) == Literal(True)
    assert (actor_iri("CHN"), KGO.assaults, actor_iri("TWN")) not in graph
    hedged = build_graph([replace(RELATIONS[3], hedged=True)])
    assert hedged.value(_events(hedged, KGO.Sanction)[0], KGO.hedged) == Literal(True)
    assert (None, KGO.sanctions, None) not in hedged


def test_building_twice_adds_no_triple(graph):
    size = len(graph)
    assert len(build_graph(RELATIONS, graph)) == size


def test_event_iris_are_stable_and_tell_relations_apart():
    assert event_iri(RELATIONS[0]) == event_iri(replace(RELATIONS[0]))
    assert len({event_iri(relation) for relation in RELATIONS}) == len(RELATIONS)


def test_person_ids_become_valid_iris_that_survive_turtle(tmp_path, graph):
    modi = actor_iri("person:narendra-modi")
    assert str(modi) == "https://w3id.org/kg/id/actor/person:narendra-modi"
    assert modi in set(load_graph(save_graph(graph, tmp_path / "g.ttl")).subjects())


def test_relations_without_a_country_are_left_out():
    graph = build_graph([replace(RELATIONS[3], source=REBELS)])
    assert len(graph) == 0


def test_a_state_named_later_replaces_the_label_and_kind_a_person_implied():
    person_only = build_graph([RELATIONS[2]])
    assert person_only.value(actor_iri("IND"), SKOS.prefLabel) == Literal("IND")
    in_order = build_graph(RELATIONS[2:3] + RELATIONS[:1])
    reversed_order = build_graph(RELATIONS[:1] + RELATIONS[2:3])
    assert isomorphic(in_order, reversed_order)
    assert list(in_order.objects(actor_iri("IND"), SKOS.prefLabel)) == [Literal("India")]


def test_a_person_acting_for_an_igo_makes_it_an_igo():
    rutte = ActorRef(text="Mark Rutte", id="person:mark-rutte", country="NATO", kind="person", label="Mark Rutte")
    graph = build_graph([replace(RELATIONS[2], source=rutte)])
    assert set(graph.objects(actor_iri("NATO"), RDF.type)) == {KGO.IGO}


def test_unknown_event_type_is_an_input_error_naming_the_document():
    with pytest.raises(InputError, match=r"^wire-0412: unknown event type 'HUG'; use one of: AGREE, "):
        build_graph([replace(RELATIONS[0], type="HUG")])


def test_unknown_actor_kind_adds_nothing_before_failing():
    graph = Graph()
    with pytest.raises(InputError, match="unknown actor kind 'militia'"):
        build_graph([replace(RELATIONS[0], target=replace(RUSSIA, kind="militia"))], graph)
    assert len(graph) == 0


# --- reading relations back -------------------------------------------------------------------

def test_relations_come_back_from_the_graph_unchanged(graph):
    assert set(relations_from_graph(graph)) == set(RELATIONS)


def test_relations_come_back_from_a_saved_turtle_file(tmp_path, graph):
    path = save_graph(graph, tmp_path / "graph.ttl")
    assert sorted(map(repr, relations_from_graph(load_graph(path)))) == sorted(map(repr, RELATIONS))


def test_an_event_missing_a_required_field_is_a_one_line_shape_error(graph):
    (visit,) = _events(graph, KGO.Consult)
    graph.remove((visit, KGO.source, None))
    with pytest.raises(ShapeError, match=rf"^1 event break kg's shapes, e.g. <{visit}> \(no value for a field"):
        relations_from_graph(graph)


def test_an_event_with_a_value_of_the_wrong_type_is_a_shape_error_naming_the_property(graph):
    (visit,) = _events(graph, KGO.Consult)
    graph.set((visit, KGO.cooperation, Literal("lots", datatype=XSD.decimal)))
    with pytest.raises(ShapeError, match=r"\(kgo:cooperation is 'lots', not a number\); list them with `kg validate"):
        relations_from_graph(graph)


# --- files ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["g.ttl", "g.nt", "g.rdf", "g.owl", "g.jsonld", "g.trig", "g.nq", "g.ttl.gz"])
def test_save_then_load_gives_an_isomorphic_graph(tmp_path, graph, name):
    path = save_graph(graph, tmp_path / name)
    assert path == tmp_path / name
    assert isomorphic(load_graph(path), graph)


def test_a_named_format_overrides_the_suffix(tmp_path, graph):
    path = save_graph(graph, tmp_path / "graph.txt", format="nt")
    assert path.read_text(encoding="utf-8").startswith("<https://")
    assert isomorphic(load_graph(path, format="n-triples"), graph)


def test_load_merges_several_files(tmp_path):
    first = save_graph(build_graph(RELATIONS[:3]), tmp_path / "a.ttl")
    second = save_graph(build_graph(RELATIONS[3:]), tmp_path / "b.jsonld")
    assert isomorphic(load_graph([first, second]), build_graph(RELATIONS))


def test_unknown_format_names_the_valid_ones(tmp_path, graph):
    with pytest.raises(InputError, match=r"unknown RDF format 'yaml'; use one of: turtle \(\.ttl\), nt"):
        save_graph(graph, tmp_path / "graph.yaml", format="yaml")
    with pytest.raises(InputError, match=r"graph\.yaml: cannot tell the RDF format .*json-ld"):
        save_graph(graph, tmp_path / "graph.yaml")
    assert list(tmp_path.iterdir()) == []


def test_missing_file_is_an_input_error_with_the_path(tmp_path):
    with pytest.raises(InputError, match=r"nowhere\.ttl: no such file"):
        load_graph(tmp_path / "nowhere.ttl")


def test_malformed_turtle_is_a_one_line_input_error_with_path_and_line(tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text('@prefix kgo: <https://w3id.org/kg/ontology#> .\nkgo:a kgo:b "unclosed .\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_graph(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:2: not valid turtle (")
    assert "\n" not in message


@pytest.mark.parametrize(("name", "text", "line"), [
    ("broken.rdf", '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<rdf:Description>\n'
                   '</rdf:RDF>', 3),
    ("broken.jsonld", '{"@id": "https://example.org/a",\n "https://example.org/b": }', 2),
    ("broken.nt", "<https://example.org/a> <https://example.org/b> .\n", None),
])
def test_malformed_files_of_every_format_are_input_errors(tmp_path, name, text, line):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_graph(path)
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert "\n" not in str(caught.value)


# --- validation -------------------------------------------------------------------------------

def test_a_built_graph_conforms_to_the_shapes(graph):
    conforms, report = validate_graph(graph)
    assert conforms, report


def test_an_event_without_source_breaks_the_rule_named_in_the_report(graph):
    (visit,) = _events(graph, KGO.Consult)
    graph.remove((visit, KGO.source, None))
    conforms, report = validate_graph(graph)
    assert not conforms
    assert "An event has exactly one kgo:source, an Actor." in report


@pytest.mark.parametrize(("prop", "value", "rule"), [
    (KGO.confidence, Literal(1.5), "kgo:confidence, a decimal from 0 to 1"),
    (KGO.negated, Literal("no"), "kgo:negated, an xsd:boolean"),
    (RDF.type, KGO.Agree, "exactly one PLOVER type"),
])
def test_bad_event_attributes_break_their_rule(graph, prop, value, rule):
    (visit,) = _events(graph, KGO.Consult)
    if prop != RDF.type:
        graph.remove((visit, prop, None))
    graph.add((visit, prop, value))
    conforms, report = validate_graph(graph)
    assert not conforms
    assert rule in report


def test_sentence_offsets_out_of_order_break_their_rule(graph):
    (visit,) = _events(graph, KGO.Consult)
    sentence = graph.value(visit, PROV.wasDerivedFrom)
    graph.set((sentence, KGO.startOffset, Literal(500)))
    conforms, report = validate_graph(graph)
    assert not conforms
    assert "kgo:startOffset, an integer from 0 up to its kgo:endOffset" in report


# --- import cost ------------------------------------------------------------------------------

def test_importing_the_graph_stage_loads_no_model_plotting_or_dataframes():
    code = ("import sys, kg.graph, kg.export, kg.sparql; "
            "print(sorted(m for m in ('spacy', 'matplotlib', 'pandas', 'pyshacl') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_document_url_survives_the_graph(tmp_path):
    from dataclasses import replace

    with_url = replace(RELATIONS[0], url="https://example.org/story-7")
    graph = build_graph([with_url])
    assert relations_from_graph(load_graph(save_graph(graph, tmp_path / "u.ttl")))[0].url == "https://example.org/story-7"
    assert validate_graph(graph)[0]
