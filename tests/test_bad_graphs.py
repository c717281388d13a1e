"""RDF inputs to export, plot, query, stats and validate: a bad file is one line and an exit code, no traceback."""

from __future__ import annotations

import pytest
from rdflib import XSD, Literal
from typer.testing import CliRunner

from kg.cli import app
from kg.graph import build_graph, save_graph
from kg.namespace import KGO
from kg.records import ActorRef, Relation

runner = CliRunner()


def _state(code: str, label: str) -> ActorRef:
    return ActorRef(text=label, id=code, country=code, kind="state", label=label)


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    relation = Relation(doc_id="d1", sentence="Chile and Peru signed a pact.", start=0, end=29,
                        source=_state("CHL", "Chile"), target=_state("PER", "Peru"), type="AGREE", cameo="057",
                        cooperation=8.0, verb="sign", object="pact", trigger_start=15, trigger_end=21)
    return save_graph(build_graph([relation]), tmp_path_factory.mktemp("graphs") / "good.ttl")


def _commands(path, tmp_path):
    return [["stats", str(path)], ["validate", str(path)], ["export", str(path), "-o", str(tmp_path / "m.ttl")],
            ["export", str(path), "-o", str(tmp_path / "m.csv")], ["plot", str(path), "-o", str(tmp_path / "p.html")],
            ["query", "allies", "Chile", "--graph", str(path)], ["query", "events", "--graph", str(path)],
            ["query", "named", "allies", "-p", "actor=CHL", "--graph", str(path)]]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("bad.ttl", b"@prefix x: <http://x/> .\nx:a x:b x:c .\nx:a x:b \n",
     "bad.ttl:3: not valid turtle (objectList expected); fix the file, or pass the format it is in"),
    ("bad.rdf", b"<rdf:RDF", "bad.rdf:1: not valid xml"),
    ("bad.jsonld", b'{"@context": ', "bad.jsonld:1: not valid json-ld"),
    ("graph.docx", b"PK\x03\x04", "graph.docx: cannot tell the RDF format from the name 'graph.docx'"),
    ("binary.ttl", b"\x00\x01\x02", "binary.ttl: binary file, not text"),
    ("absent.ttl", None, "absent.ttl: no such file or folder; check the path"),
])
def test_unreadable_graph_files_exit_2_with_one_line_for_every_command(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    for command in _commands(path, tmp_path):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, command
        assert result.stderr.startswith(f"kg: error: {path.parent}/{message}"), (command, result.stderr)
        assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output


def test_a_graph_that_breaks_the_shapes_exits_1_naming_the_file_the_event_and_the_fix(tmp_path, good):
    broken = tmp_path / "broken.ttl"
    graph = build_graph([])
    graph.parse(good)
    event = next(graph.subjects(KGO.cooperation, None))
    graph.set((event, KGO.cooperation, Literal("lots", datatype=XSD.decimal)))
    save_graph(graph, broken)
    for command in _commands(broken, tmp_path):
        result = runner.invoke(app, command)
        if command[0] == "validate":
            assert result.exit_code == 1 and "Traceback" not in result.output
        elif (command[0] == "query" and command[1] == "named") or command[-1].endswith("m.ttl"):
            assert result.exit_code == 0, command  # SPARQL and an RDF merge do not read events back
        else:
            assert result.exit_code == 1, command
            assert result.stderr == (f"kg: error: {broken}: 1 event break kg's shapes, e.g. <{event}> (kgo:cooperation "
                                     f"is 'lots', not a number); list them with `kg validate {broken}`, or rebuild the "
                                     "graph with `kg build`\n"), command


def test_a_merge_with_a_bad_file_names_that_file_and_writes_nothing(tmp_path, good):
    bad = tmp_path / "bad.nt"
    bad.write_text("<http://x/a> <http://x/b> .\n", encoding="utf-8")
    output = tmp_path / "merged.ttl"
    result = runner.invoke(app, ["export", str(good), str(bad), "-o", str(output)])
    assert result.exit_code == 2 and result.stderr.startswith(f"kg: error: {bad}: not valid nt (Invalid line")
    assert not output.exists()


def test_an_empty_graph_file_is_an_empty_graph_and_queries_say_so(tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_bytes(b"")
    stats = runner.invoke(app, ["stats", str(empty), "--json"])
    assert stats.exit_code == 0 and '"events": 0' in stats.stdout
    query = runner.invoke(app, ["query", "allies", "Chile", "--graph", str(empty)])
    assert query.exit_code == 4
    assert query.stderr == ("kg: error: unknown actor 'Chile': not in the graph; "
                            "known actors: none (the graph is empty)\n")
