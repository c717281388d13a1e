"""kg query/plot/export/stats on a hand-built graph: JSON for scripts, tables for people, exit codes."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.graph import load_graph
from kg.knowledge import KnowledgeGraph
from kg.records import ActorRef, Relation

runner = CliRunner()


def state(code: str, label: str) -> ActorRef:
    return ActorRef(text=label, id=code, country=code, kind="state", label=label)


KENYA, UGANDA, TANZANIA = state("KEN", "Kenya"), state("UGA", "Uganda"), state("TZA", "Tanzania")
SOMALIA, ERITREA = state("SOM", "Somalia"), state("ERI", "Eritrea")


def event(source, target, event_type, cooperation, sentence, doc_id, date, **fields) -> Relation:
    return Relation(doc_id=doc_id, sentence=sentence, start=0, end=len(sentence), source=source, target=target,
                    type=event_type, cameo=fields.pop("cameo", "000"), cooperation=cooperation,
                    verb=fields.pop("verb", "do"), date=date, trigger_start=2, trigger_end=5, **fields)


PACT = "Kenya and Uganda signed a mutual defence pact in Kampala."
RELATIONS = [
    event(KENYA, UGANDA, "AGREE", 8.0, PACT, "e1", "2024-03-01", verb="sign", object="defence pact", cameo="057"),
    event(UGANDA, KENYA, "AGREE", 8.0, PACT, "e1", "2024-03-01", verb="sign", object="defence pact", cameo="057"),
    event(KENYA, TANZANIA, "CONSULT", 1.0, "Kenya held talks with Tanzania on rail links.", "e2", "2024-05-02",
          verb="hold", object="talks", cameo="040"),
    event(SOMALIA, ERITREA, "AGREE", 8.0, "Somalia signed a trade deal with Eritrea.", "e3", "2024-06-03",
          verb="sign", object="deal", cameo="057"),
    event(KENYA, SOMALIA, "ACCUSE", -2.0, "Kenya accused Somalia of harbouring militants.", "e4", "2024-07-04",
          verb="accuse", cameo="112"),
    event(UGANDA, SOMALIA, "SANCTION", -8.0, "Uganda imposed sanctions on Somalia.", "e5", "2023-07-05",
          verb="impose", object="sanctions", cameo="163"),
]


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("graphs") / "east_africa.ttl"
    KnowledgeGraph.from_relations(RELATIONS).save(path)
    return path


def invoke(*args):
    return runner.invoke(app, [str(arg) for arg in args])


def as_json(*args):
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_allies_json_has_scores_evidence_and_explicit_alliances(graph):
    (uganda, tanzania) = as_json("query", "allies", "Kenya", "--graph", graph)
    assert (uganda["actor"], tanzania["actor"]) == ("UGA", "TZA")
    assert uganda["evidence"][0]["sentence"] == PACT and uganda["last_date"] == "2024-03-01"
    assert [alliance["kind"] for alliance in uganda["alliances"]] == ["pact"]


def test_allies_table_is_readable_and_half_life_changes_scores(graph):
    table = invoke("query", "allies", "KEN", "--graph", graph).stdout.splitlines()
    assert table[0].split() == ["actor", "name", "score", "events", "types", "last", "evidence"]
    assert table[1].startswith("UGA") and "alliance: pact" in table[2]
    short = as_json("query", "allies", "KEN", "--graph", graph, "--half-life", "30")
    assert short[0]["score"] < as_json("query", "allies", "KEN", "--graph", graph)[0]["score"]


def test_rivals_alliances_partners_and_blocs(graph):
    assert [tie["actor"] for tie in as_json("query", "rivals", "Somalia", "--graph", graph)] == ["UGA", "KEN"]
    found = as_json("query", "alliances", "--graph", graph)
    assert [(a["source"], a["target"], a["kind"], a["mutual"]) for a in found] == [("KEN", "UGA", "pact", True)]
    assert "pact (mutual)" in invoke("query", "alliances", "--graph", graph).stdout
    sanctioners = as_json("query", "partners", "SOM", "--type", "sanction", "--direction", "in", "--graph", graph)
    assert [p["actor"] for p in sanctioners] == ["UGA"]
    assert as_json("query", "blocs", "--graph", graph) == [
        {"bloc": 1, "actors": ["KEN", "TZA", "UGA"]}, {"bloc": 2, "actors": ["ERI", "SOM"]}]


def test_path_and_no_path(graph):
    hops = as_json("query", "path", "Tanzania", "Eritrea", "--graph", graph)
    assert [hop["source"] for hop in hops] == ["TZA", "KEN", "SOM"] and hops[-1]["target"] == "ERI"
    result = invoke("query", "path", "TZA", "ERI", "--positive", "--graph", graph)
    assert result.exit_code == 4 and "no path of positive ties joins TZA and ERI" in result.stderr


def test_timeline_and_events(graph):
    timeline = as_json("query", "timeline", "SOM", "UGA", "--graph", graph)
    assert [(row["date"], row["type"]) for row in timeline] == [("2023-07-05", "SANCTION")]
    events = as_json("query", "events", "--source", "Kenya", "--from", "2024-04-01", "--graph", graph)
    assert [(row["Actor2Code"], row["PloverType"], row["SQLDATE"]) for row in events] == [
        ("TZA", "CONSULT", "20240502"), ("SOM", "ACCUSE", "20240704")]
    bad = invoke("query", "events", "--type", "hug", "--graph", graph)
    assert bad.exit_code == 4 and "unknown event type 'hug'" in bad.stderr


def test_named_queries_bind_their_parameters(graph):
    assert [row["partner"] for row in as_json("query", "named", "allies", "-p", "actor=KEN", "--graph", graph)] == [
        "UGA", "TZA"]
    listing = invoke("query", "named", "--list").stdout
    assert "alliances" in listing and "timeline" in listing
    missing = invoke("query", "named", "timeline", "-p", "a=KEN", "--graph", graph)
    assert missing.exit_code == 4 and "missing b" in missing.stderr
    malformed = invoke("query", "named", "allies", "-p", "KEN", "--graph", graph)
    assert malformed.exit_code == 2 and "NAME=VALUE" in malformed.stderr


def test_stats(graph):
    summary = as_json("stats", graph)
    assert (summary["events"], summary["actors"], summary["documents"]) == (6, 5, 5)
    assert summary["first_date"] == "2023-07-05" and summary["types"]["AGREE"] == 3
    assert "most active" in invoke("stats", graph).stdout


def test_export_network_and_event_formats(graph, tmp_path):
    for name in ("g.gexf", "g.graphml", "events.csv", "events.jsonl", "g.nt", "g.jsonld", "g.rdf"):
        result = invoke("export", graph, "-o", tmp_path / name)
        assert result.exit_code == 0, result.output
    assert sorted(nx.read_gexf(tmp_path / "g.gexf").nodes) == ["ERI", "KEN", "SOM", "TZA", "UGA"]
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 6
    unknown = invoke("export", graph, "-o", tmp_path / "g.bin", "--format", "parquet")
    assert unknown.exit_code == 2 and "unknown format 'parquet'" in unknown.stderr


def test_export_merges_graphs_without_duplicates(tmp_path):
    first, second = tmp_path / "first.ttl", tmp_path / "second.ttl"
    KnowledgeGraph.from_relations(RELATIONS[:4]).save(first)
    KnowledgeGraph.from_relations(RELATIONS[2:]).save(second)
    result = invoke("export", first, second, "-o", tmp_path / "merged.ttl")
    assert result.exit_code == 0 and "from 2 graphs" in result.stdout
    merged = KnowledgeGraph(load_graph(tmp_path / "merged.ttl"))
    assert len(merged.relations) == 6 and len(merged) == len(KnowledgeGraph.from_relations(RELATIONS))


def test_plot_writes_html_a_figure_and_a_timeline(graph, tmp_path):
    assert invoke("plot", graph, "-o", tmp_path / "g.html").exit_code == 0
    assert "Kenya and Uganda signed a mutual defence pact" in (tmp_path / "g.html").read_text(encoding="utf-8")
    assert invoke("plot", graph, "-o", tmp_path / "g.pdf", "--colour-by", "cooperation").exit_code == 0
    assert (tmp_path / "g.pdf").read_bytes()[:4] == b"%PDF"
    result = invoke("plot", graph, "-o", tmp_path / "t.png", "--timeline", "Kenya", "Somalia")
    assert result.exit_code == 0 and (tmp_path / "t.png").read_bytes()[:4] == b"\x89PNG"
    unknown = invoke("plot", graph, "-o", tmp_path / "t.png", "--timeline", "Kenya", "Atlantis")
    assert unknown.exit_code == 4 and "unknown actor 'Atlantis'" in unknown.stderr


def test_every_new_command_has_an_example_in_its_help():
    for command in (["query", "allies"], ["query", "alliances"], ["query", "blocs"], ["query", "path"],
                    ["query", "timeline"], ["query", "events"], ["query", "named"], ["plot"], ["export"], ["stats"]):
        assert "Example" in invoke(*command, "--help").stdout, command
