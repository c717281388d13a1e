"""Named SPARQL queries answer with bound values only; users' own queries fail with one clear line."""

from __future__ import annotations

import datetime
import re

import pytest
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

from kg.errors import QueryError
from kg.graph import build_graph
from kg.records import ActorRef, Relation
from kg.sparql import named_queries, run_named, run_sparql

INJECTION = 'IND" } ; DROP ALL ; SELECT * { ?s ?p ?o . FILTER("1"="1'


def _state(code: str, label: str) -> ActorRef:
    return ActorRef(text=label, id=code, country=code, kind="state", label=label)


INDIA, PAKISTAN, USA = _state("IND", "India"), _state("PAK", "Pakistan"), _state("USA", "United States")
JAISHANKAR = ActorRef(text="Foreign Minister Jaishankar", id="person:s-jaishankar", country="IND",
                      kind="person", label="S. Jaishankar")

TALKS = "Foreign Minister Jaishankar held talks with Washington on trade."
WARNING = "India warned Pakistan against further shelling."
AID = "The United States may send aid to Pakistan."


def _relation(sentence: str, start: int, source: ActorRef, target: ActorRef, event_type: str,
              verb: str, cooperation: float, **fields) -> Relation:
    return Relation(doc_id="brief-07", sentence=sentence, start=start, end=start + len(sentence),
                    source=source, target=target, type=event_type, cameo="040", cooperation=cooperation,
                    verb=verb, date="2025-02-14", trigger_start=start + 4, trigger_end=start + 8, **fields)


RELATIONS = [
    _relation(TALKS, 0, JAISHANKAR, USA, "CONSULT", "hold", 1.0, object="talks"),
    _relation(TALKS, 0, USA, INDIA, "CONSULT", "hold", 1.0, object="talks"),
    _relation(WARNING, 66, INDIA, PAKISTAN, "THREATEN", "warn", -4.0),
    _relation(AID, 115, USA, PAKISTAN, "AID", "send", 7.4, hedged=True),
]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(RELATIONS)


def test_named_queries_ship_with_a_summary_line_each():
    queries = named_queries()
    assert set(queries) == {"relations_between", "partners", "events_by_type", "actors", "allies", "rivals",
                            "alliances", "timeline", "partners_by_type"}
    for name, text in queries.items():
        assert text.startswith("# "), name
        assert set(re.findall(r"^# param \w+: (\w+)$", text, re.MULTILINE)) <= {"actor", "type"}, name
        prepareQuery(text)


def test_relations_between_finds_events_in_either_direction(graph):
    rows = run_named(graph, "relations_between", a="IND", b="USA")
    assert {(row["source"], row["target"], row["type"]) for row in rows} == {
        ("IND", "USA", "CONSULT"), ("USA", "IND", "CONSULT")}
    row = rows[0]
    assert (row["verb"], row["object"], row["sentence"], row["doc_id"]) == ("hold", "talks", TALKS, "brief-07")
    assert row["date"] == datetime.date(2025, 2, 14)
    assert row["negated"] is False


def test_relations_between_keeps_hedged_events_flagged(graph):
    (row,) = run_named(graph, "relations_between", a="PAK", b="USA")
    assert (row["type"], row["hedged"]) == ("AID", True)


def test_partners_count_and_sum_asserted_events_only(graph):
    rows = run_named(graph, "partners", actor="IND")
    assert rows == [
        {"partner": "PAK", "type": "THREATEN", "direction": "out", "events": 1, "cooperation": -4.0},
        {"partner": "USA", "type": "CONSULT", "direction": "in", "events": 1, "cooperation": 1.0},
        {"partner": "USA", "type": "CONSULT", "direction": "out", "events": 1, "cooperation": 1.0},
    ]
    assert run_named(graph, "partners", actor="PAK") == [
        {"partner": "IND", "type": "THREATEN", "direction": "in", "events": 1, "cooperation": -4.0}]


def test_events_by_type_takes_a_plover_type_in_any_case(graph):
    rows = run_named(graph, "events_by_type", type="threaten")
    assert [(row["source"], row["target"], row["sentence"]) for row in rows] == [("IND", "PAK", WARNING)]


def test_events_by_type_refuses_an_unknown_type_and_lists_the_valid_ones(graph):
    with pytest.raises(QueryError, match=r"unknown event type 'HUG'; use one of: AGREE, CONSULT, .*ASSAULT$"):
        run_named(graph, "events_by_type", type="HUG")


def test_actors_lists_code_label_kind_and_whom_a_person_acts_for(graph):
    rows = {row["code"]: row for row in run_named(graph, "actors")}
    assert set(rows) == {"IND", "PAK", "USA", "person:s-jaishankar"}
    assert rows["person:s-jaishankar"] == {"code": "person:s-jaishankar", "label": "S. Jaishankar",
                                           "kind": "person", "acts_for": "IND"}
    assert rows["USA"] == {"code": "USA", "label": "United States", "kind": "state", "acts_for": None}


def test_an_injection_string_bound_as_actor_matches_nothing_and_changes_nothing(graph):
    size = len(graph)
    assert run_named(graph, "relations_between", a=INJECTION, b="USA") == []
    assert run_named(graph, "partners", actor=INJECTION) == []
    with pytest.raises(QueryError, match="unknown event type"):
        run_named(graph, "events_by_type", type=INJECTION)
    assert len(graph) == size


@pytest.mark.parametrize(("name", "bindings", "message"), [
    ("friends", {}, "unknown query 'friends'; named queries: actors, alliances, allies, events_by_type, partners, "
                    "partners_by_type, relations_between, rivals, timeline"),
    ("relations_between", {"a": "IND"}, "query 'relations_between' takes a=ACTOR, b=ACTOR; missing b"),
    ("actors", {"actor": "IND"}, "query 'actors' takes no parameters; unexpected actor"),
])
def test_bad_names_and_parameters_are_query_errors(graph, name, bindings, message):
    with pytest.raises(QueryError) as caught:
        run_named(graph, name, **bindings)
    assert str(caught.value) == message


def test_run_sparql_answers_select_ask_and_construct(graph):
    prefix = "PREFIX kgo: <https://w3id.org/kg/ontology#>\n"
    rows = run_sparql(graph, prefix + "SELECT ?code WHERE { ?a kgo:threatens ?b . ?a kgo:code ?code }")
    assert rows == [{"code": "IND"}]
    assert run_sparql(graph, prefix + "ASK { ?a kgo:aids ?b }") == [{"ask": False}]
    triples = run_sparql(graph, prefix + "CONSTRUCT { ?a kgo:threatens ?b } WHERE { ?a kgo:threatens ?b }")
    assert triples == [{"subject": "https://w3id.org/kg/id/actor/IND",
                        "predicate": "https://w3id.org/kg/ontology#threatens",
                        "object": "https://w3id.org/kg/id/actor/PAK"}]


def test_a_syntax_error_is_one_line_naming_file_and_line(graph):
    with pytest.raises(QueryError) as caught:
        run_sparql(graph, "SELECT ?s\nWHERE { ?s ?p ", source="mine.rq")
    message = str(caught.value)
    assert message.startswith("mine.rq:2: invalid SPARQL (")
    assert "\n" not in message


def test_an_update_is_refused_and_the_graph_is_untouched(graph):
    size = len(graph)
    with pytest.raises(QueryError, match="not updates"):
        run_sparql(graph, "DROP ALL")
    assert len(graph) == size


def test_an_undeclared_prefix_says_how_to_fix_it(graph):
    with pytest.raises(QueryError, match=r"^query: Unknown namespace prefix : kgo; declare it with a PREFIX line$"):
        run_sparql(graph, "SELECT ?s WHERE { ?s kgo:source ?o }")
