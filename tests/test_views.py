"""Tests for kg.views: the event graph, dyads, allies, rivals and the queries over them."""

from __future__ import annotations

import importlib
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import QueryError
from kg.records import ActorRef, Relation
from kg.views import (
    Partner,
    allies,
    dyads,
    partners,
    relation_key,
    relations_between,
    resolve_node,
    rivals,
    to_networkx,
)

INDIA = ActorRef(text="India", id="IND", country="IND", kind="state", label="India")
NEW_DELHI = ActorRef(text="New Delhi", id="IND", country="IND", kind="state", label="India")
MODI = ActorRef(text="Prime Minister Narendra Modi", id="person:narendra-modi", country="IND",
                kind="person", label="Narendra Modi")
RUSSIA = ActorRef(text="Russia", id="RUS", country="RUS", kind="state", label="Russia")
KREMLIN = ActorRef(text="the Kremlin", id="RUS", country="RUS", kind="state", label="Russia")
CHINA = ActorRef(text="China", id="CHN", country="CHN", kind="state", label="China")
USA = ActorRef(text="the United States", id="USA", country="USA", kind="state", label="United States")
PAKISTAN = ActorRef(text="Islamabad", id="PAK", country="PAK", kind="state", label="Pakistan")
REBELS = ActorRef(text="rebel groups", id="org:rebels", country=None, kind="organisation", label="rebels")


def event(source: ActorRef, target: ActorRef, event_type: str, cooperation: float, sentence: str, *,
          doc_id: str = "d1", start: int = 0, date: str | None = "2024-07-09", **options) -> Relation:
    """One relation; offsets default to the whole sentence at ``start``."""
    return Relation(doc_id=doc_id, sentence=sentence, start=start, end=start + len(sentence),
                    source=source, target=target, type=event_type, cameo="000",
                    cooperation=cooperation, verb=options.pop("verb", "do"), date=date, **options)


PACT = "India and Russia signed a defence pact."
RELATIONS = [
    # Joint action: one relation per direction, same sentence.
    event(INDIA, RUSSIA, "AGREE", 8.0, PACT, verb="sign", object="pact"),
    event(RUSSIA, INDIA, "AGREE", 8.0, PACT, verb="sign", object="pact"),
    event(MODI, KREMLIN, "CONSULT", 1.9, "Prime Minister Narendra Modi held talks at the Kremlin.",
          doc_id="d2", date="2024-07-08", verb="hold", object="talks"),
    event(RUSSIA, NEW_DELHI, "AID", 7.4, "Russia will deliver fuel to New Delhi.", doc_id="d3",
          date="2024-02-01", verb="deliver", confidence=0.5),
    event(CHINA, USA, "ACCUSE", -2.0, "China accused the United States of interference.",
          doc_id="d4", date="2024-03-15", verb="accuse"),
    event(USA, CHINA, "SANCTION", -8.0, "The United States imposed sanctions on China.",
          doc_id="d5", date="2024-05-20", verb="impose", object="sanctions"),
    event(INDIA, PAKISTAN, "ACCUSE", -2.0, "India accused Islamabad of backing militants.",
          doc_id="d6", date="2024-04-02", verb="accuse"),
    event(INDIA, CHINA, "CONSULT", 1.0, "India held border talks with China.", doc_id="d7",
          date="2024-06-11", verb="hold", object="talks"),
    event(CHINA, INDIA, "THREATEN", -4.0, "China warned India over the border.", doc_id="d8",
          date="2024-08-30", verb="warn"),
    # Not counted by default: hedged, negated, same country, a side with no country.
    event(INDIA, USA, "AGREE", 8.0, "India may sign a trade deal with the United States.",
          doc_id="d9", hedged=True, verb="sign"),
    event(PAKISTAN, RUSSIA, "AGREE", 8.0, "Pakistan did not sign the accord with Russia.",
          doc_id="d10", negated=True, verb="sign"),
    event(MODI, NEW_DELHI, "CONSULT", 1.0, "Modi met officials in New Delhi.", doc_id="d11"),
    event(REBELS, INDIA, "ASSAULT", -10.0, "Rebel groups attacked Indian troops.", doc_id="d12"),
]


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return to_networkx(RELATIONS)


def test_to_networkx_has_one_node_per_country_and_one_edge_per_counted_relation(graph):
    assert sorted(graph) == ["CHN", "IND", "PAK", "RUS", "USA"]
    assert graph.number_of_edges() == 9


def test_to_networkx_skips_hedged_and_negated_relations_by_default(graph):
    assert not graph.has_edge("IND", "USA")
    assert not graph.has_edge("PAK", "RUS")
    everything = to_networkx(RELATIONS, asserted_only=False)
    assert everything.number_of_edges() == 11
    (hedged,) = everything["IND"]["USA"].values()
    assert hedged["hedged"] and not hedged["negated"]


def test_to_networkx_labels_a_country_from_its_own_mention_not_a_person(graph):
    assert graph.nodes["IND"] == {"label": "India", "kind": "state"}
    only_modi = to_networkx(RELATIONS[2:3])
    assert only_modi.nodes["IND"] == {"label": "IND", "kind": "unknown"}
    assert only_modi.nodes["RUS"]["label"] == "Russia"


def test_to_networkx_labels_option_wins(graph):
    relabelled = to_networkx(RELATIONS[2:3], labels={"IND": "India", "ZZZ": "absent"})
    assert relabelled.nodes["IND"]["label"] == "India"
    assert "ZZZ" not in relabelled


def test_to_networkx_edges_carry_the_relation_and_its_sentence(graph):
    (key, data), = graph["USA"]["CHN"].items()
    assert key == relation_key(RELATIONS[5])
    assert data["type"] == "SANCTION"
    assert data["cooperation"] == -8.0
    assert data["object"] == "sanctions"
    assert data["sentence"] == "The United States imposed sanctions on China."
    assert (data["doc_id"], data["date"], data["confidence"]) == ("d5", "2024-05-20", 1.0)


def test_to_networkx_adds_a_relation_read_twice_once():
    assert to_networkx(RELATIONS + RELATIONS).number_of_edges() == 9


def test_relation_key_tells_apart_the_two_directions_of_a_joint_action():
    assert relation_key(RELATIONS[0]) != relation_key(RELATIONS[1])


def test_dyads_aggregates_counts_cooperation_dates_and_deduplicated_evidence(graph):
    D = dyads(graph)
    assert isinstance(D, nx.DiGraph) and not D.is_multigraph()
    assert D.number_of_edges() == 7
    ind_rus = D.edges["IND", "RUS"]
    assert ind_rus["count"] == 2
    assert ind_rus["cooperation"] == pytest.approx(9.9)
    assert ind_rus["cooperation_mean"] == pytest.approx(4.95)
    assert ind_rus["types"] == {"AGREE": 1, "CONSULT": 1}
    assert (ind_rus["first_date"], ind_rus["last_date"]) == ("2024-07-08", "2024-07-09")
    assert D.nodes["IND"]["label"] == "India"


def test_dyads_evidence_lists_each_sentence_once():
    repeated = replace(RELATIONS[0], start=50, end=50 + len(PACT))
    D = dyads(to_networkx([RELATIONS[0], RELATIONS[0], repeated]))
    assert D.edges["IND", "RUS"]["count"] == 2
    assert D.edges["IND", "RUS"]["evidence"] == [("d1", PACT)]


def test_dyads_leaves_out_hedged_events_of_a_full_graph():
    D = dyads(to_networkx(RELATIONS, asserted_only=False))
    assert not D.has_edge("IND", "USA")
    assert "USA" in D


def test_allies_of_india_include_russia_and_exclude_rivals(graph):
    found = allies(graph, "IND")
    assert [partner.actor for partner in found] == ["RUS"]
    russia = found[0]
    # 8 + 8 (pact, both ways) + 1.9 (talks) + 7.4 x 0.5 (aid, half confidence)
    assert russia.score == pytest.approx(21.6)
    assert russia.events == 4
    assert russia.types == {"AGREE": 2, "CONSULT": 1, "AID": 1}
    assert russia.label == "Russia"
    assert PACT in russia.evidence and len(russia.evidence) == len(set(russia.evidence))


def test_allies_min_score_drops_weak_ties(graph):
    assert allies(graph, "IND", min_score=25.0) == []


def test_rivals_of_india_are_sorted_most_conflictual_first(graph):
    found = rivals(graph, "IND")
    assert [(partner.actor, partner.score) for partner in found] == [("CHN", -3.0), ("PAK", -2.0)]
    assert rivals(graph, "IND", min_score=2.5)[0].actor == "CHN"


def test_rivals_count_both_directions(graph):
    (usa,) = rivals(graph, "CHN", min_score=5.0)
    assert usa == Partner(actor="USA", label="United States", score=-10.0, events=2,
                          types={"ACCUSE": 1, "SANCTION": 1},
                          evidence=("China accused the United States of interference.",
                                    "The United States imposed sanctions on China."))


def test_allies_ignore_hedged_events_even_when_the_graph_holds_them():
    everything = to_networkx(RELATIONS, asserted_only=False)
    assert [partner.actor for partner in allies(everything, "IND")] == ["RUS"]


@pytest.mark.parametrize("name", ["IND", "ind", "India", "india", " INDIA "])
def test_resolve_node_accepts_code_or_label_in_any_case(graph, name):
    assert resolve_node(graph, name) == "IND"


def test_allies_by_lowercase_label(graph):
    assert allies(graph, "india") == allies(graph, "IND")


def test_unknown_actor_is_a_one_line_query_error_listing_known_actors(graph):
    with pytest.raises(QueryError) as caught:
        allies(graph, "Atlantis")
    message = str(caught.value)
    assert message == "unknown actor 'Atlantis': not in the graph; known actors: CHN, IND, PAK, RUS, USA"
    assert "\n" not in message


def test_unknown_actor_suggests_a_close_name(graph):
    with pytest.raises(QueryError, match="did you mean 'Russia'"):
        rivals(graph, "Rusia")


def test_unknown_actor_message_truncates_a_long_list():
    G = nx.MultiDiGraph()
    G.add_nodes_from(f"C{number:02d}" for number in range(40))
    with pytest.raises(QueryError, match=r"known actors: C00, C01, .*, C11 and 28 more$"):
        resolve_node(G, "XYZ")


def test_ambiguous_label_asks_for_a_code():
    G = nx.MultiDiGraph()
    G.add_node("COG", label="Congo")
    G.add_node("COD", label="Congo")
    with pytest.raises(QueryError, match="ambiguous actor 'congo': it labels COD, COG"):
        resolve_node(G, "congo")


def test_relations_between_lists_both_directions_oldest_first(graph):
    found = relations_between(graph, "India", "RUS")
    assert [(e["direction"], e["type"], e["date"]) for e in found] == [
        ("RUS->IND", "AID", "2024-02-01"),
        ("IND->RUS", "CONSULT", "2024-07-08"),
        ("IND->RUS", "AGREE", "2024-07-09"),
        ("RUS->IND", "AGREE", "2024-07-09"),
    ]
    assert found[0]["sentence"] == "Russia will deliver fuel to New Delhi."
    assert relations_between(graph, "RUS", "IND") == found


def test_relations_between_actors_without_events_is_empty(graph):
    assert relations_between(graph, "PAK", "USA") == []


def test_partners_by_event_type_and_direction(graph):
    accusers = partners(graph, "IND", event_type="accuse")
    assert [partner.actor for partner in accusers] == ["PAK"]
    assert [p.actor for p in partners(graph, "CHN", event_type="SANCTION", direction="in")] == ["USA"]
    assert partners(graph, "CHN", event_type="SANCTION", direction="out") == []


def test_partners_of_any_type_are_ranked_by_event_count(graph):
    assert [(p.actor, p.events) for p in partners(graph, "IND")] == [("RUS", 4), ("CHN", 2), ("PAK", 1)]


@pytest.mark.parametrize(("options", "problem"), [
    ({"event_type": "HUG"}, "unknown event type 'HUG'; use a PLOVER type: AGREE, CONSULT"),
    ({"direction": "sideways"}, "unknown direction 'sideways'; use one of both, out, in"),
])
def test_partners_rejects_bad_options(graph, options, problem):
    with pytest.raises(QueryError, match=problem):
        partners(graph, "IND", **options)


def test_empty_graph_queries_name_the_empty_graph():
    with pytest.raises(QueryError, match=r"known actors: none \(the graph is empty\)"):
        allies(to_networkx([]), "IND")


@pytest.mark.parametrize("module", ["kg.views", "kg.plot"])
def test_views_and_plots_import_neither_spacy_nor_rdflib(module):
    source = Path(importlib.import_module(module).__file__).read_text(encoding="utf-8")
    assert "spacy" not in source and "rdflib" not in source
