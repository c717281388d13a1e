"""Hostile actor names and query parameters are values, never query text: they match nothing and change nothing."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.graph import build_graph, save_graph
from kg.knowledge import load
from kg.records import ActorRef, Relation
from kg.sparql import run_named
from kg.store import open_store

runner = CliRunner()

HOSTILE = [
    'IND" } ; DROP ALL ; #',
    '"} ; DELETE WHERE { ?s ?p ?o } #',
    "> } INSERT DATA { <urn:x> <urn:y> <urn:z> } #",
    'IND" . ?s ?p ?o . FILTER("',
    "India\nRussia",
    "IND\r\n} UNION { ?s ?p ?o }",
    "'; DROP TABLE actors; --",
    "{{actor}} ${actor} %s ?actor",
    "<https://w3id.org/kg/id/actor/IND>",
    "\u202eDNI\u202c",
    "ＩＮＤ",
    "IND\x00",
    "\\u0022 \\\" \\",
]


def _state(code: str, label: str) -> ActorRef:
    return ActorRef(text=label, id=code, country=code, kind="state", label=label)


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    relations = [Relation(doc_id="d1", sentence="India and Russia signed a defence pact.", start=0, end=39,
                          source=_state("IND", "India"), target=_state("RUS", "Russia"), type="AGREE", cameo="057",
                          cooperation=8.0, verb="sign", object="pact", trigger_start=17, trigger_end=23),
                 Relation(doc_id="d2", sentence="Russia sanctioned India.", start=0, end=24,
                          source=_state("RUS", "Russia"), target=_state("IND", "India"), type="SANCTION",
                          cameo="163", cooperation=-8.0, verb="sanction", trigger_start=7, trigger_end=17)]
    return save_graph(build_graph(relations), tmp_path_factory.mktemp("graph") / "graph.ttl")


def _cli_queries(hostile: str, graph: str) -> list[list[str]]:
    return [
        ["query", "allies", hostile, "--graph", graph], ["query", "rivals", hostile, "--graph", graph],
        ["query", "partners", hostile, "--graph", graph], ["query", "alliances", hostile, "--graph", graph],
        ["query", "relations", "India", hostile, "--graph", graph],
        ["query", "timeline", hostile, "IND", "--graph", graph],
        ["query", "path", "IND", hostile, "--graph", graph], ["query", "events", "--source", hostile, "--graph", graph],
        ["query", "named", "partners", "-p", f"actor={hostile}", "--graph", graph],
        ["query", "named", "relations_between", "-p", f"a={hostile}", "-p", "b=RUS", "--graph", graph],
        ["query", "named", "partners_by_type", "-p", f"actor={hostile}", "-p", "type=AGREE", "--graph", graph],
    ]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_actors_on_the_command_line_find_nothing_and_leave_the_graph_as_it_was(graph_file, hostile):
    before = graph_file.read_bytes()
    for command in _cli_queries(hostile, str(graph_file)):
        result = runner.invoke(app, command)
        assert isinstance(result.exception, (SystemExit, type(None))), (command, result.exception)
        if result.exit_code == 0:  # bound as a value: no row matches it
            assert result.stdout.strip() in ("none found", "no events between them"), (command, result.stdout)
        else:
            assert result.exit_code == 4, (command, result.output)
            assert result.stderr.startswith("kg: error: unknown actor ") and len(result.stderr.splitlines()) == 1
    assert graph_file.read_bytes() == before


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_values_through_the_python_api_match_nothing(graph_file, hostile):
    graph = load(graph_file)
    size = len(graph.rdf)
    for question in (graph.allies, graph.rivals, graph.partners):
        with pytest.raises(QueryError, match="unknown actor"):
            question(hostile)
    assert graph.sparql("partners", actor=hostile) == []
    assert run_named(graph.rdf, "relations_between", a="IND", b=hostile) == []
    with pytest.raises(QueryError, match="unknown event type"):
        run_named(graph.rdf, "partners_by_type", actor="RUS", type=hostile)
    assert len(graph.rdf) == size


def test_hostile_values_in_the_persistent_store_match_nothing_and_change_nothing(graph_file, tmp_path):
    from kg.graph import load_graph

    triples = save_graph(load_graph(graph_file), tmp_path / "graph.nt")
    with open_store("oxigraph:") as store:
        store.bulk_load([triples])
        size = len(store)
        assert store.query("partners", actor="IND")
        for hostile in HOSTILE:
            assert store.query("partners", actor=hostile) == []
            assert store.query("relations_between", a=hostile, b="RUS") == []
        assert len(store) == size


def test_an_injection_that_would_match_everything_when_pasted_matches_nothing_when_bound(graph_file):
    graph = load(graph_file)
    pasted = 'IND" || true || "'
    assert graph.sparql("partners", actor="IND") and graph.sparql("partners", actor=pasted) == []
