"""Exports: RDF formats, GraphML and GEXF for network tools, CSV/JSONL event tables, merges."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from rdflib.compare import isomorphic

from kg.errors import InputError
from kg.export import EVENT_COLUMNS, export_events, export_graph, export_network, network_for_export
from kg.graph import build_graph, load_graph
from kg.records import ActorRef, Relation
from kg.views import to_networkx


def state(code: str, label: str) -> ActorRef:
    return ActorRef(text=label, id=code, country=code, kind="state", label=label)


GHANA, TOGO, MALI = state("GHA", "Ghana"), state("TGO", "Togo"), state("MLI", "Mali")


def event(source, target, event_type, cooperation, sentence, doc_id, **fields) -> Relation:
    return Relation(doc_id=doc_id, sentence=sentence, start=0, end=len(sentence), source=source, target=target,
                    type=event_type, cameo=fields.pop("cameo", "057"), cooperation=cooperation,
                    verb=fields.pop("verb", "sign"), trigger_start=6, trigger_end=12, **fields)


FIRST = [
    event(GHANA, TOGO, "AGREE", 8.0, "Ghana signed a border treaty with Togo.", "a1", date="2025-03-02",
          object="treaty"),
    event(TOGO, GHANA, "AGREE", 8.0, "Ghana signed a border treaty with Togo.", "a1", date="2025-03-02",
          object="treaty"),
]
SECOND = [
    *FIRST[:1],  # the same event, read again from another run
    event(MALI, GHANA, "ACCUSE", -2.0, "Mali accused Ghana of harbouring rebels.", "b1", cameo="112",
          verb="accuse", url="https://example.org/b1"),
]


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".rdf", ".jsonld"])
def test_rdf_formats_round_trip(tmp_path, suffix):
    graph = build_graph(FIRST)
    assert isomorphic(load_graph(export_graph(graph, tmp_path / f"g{suffix}")), graph)


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_network_formats_are_readable_by_networkx(tmp_path, suffix):
    path = export_graph(build_graph(FIRST + SECOND[1:]), tmp_path / f"g{suffix}")
    read = nx.read_graphml(path) if suffix == ".graphml" else nx.read_gexf(path)
    assert sorted(read.nodes) == ["GHA", "MLI", "TGO"]
    assert read.nodes["GHA"]["label"] == "Ghana"
    edge = read.edges["MLI", "GHA"]
    assert edge["main_type"] == "ACCUSE" and float(edge["cooperation"]) == -2.0
    assert edge["evidence"] == "Mali accused Ghana of harbouring rebels."


def test_network_attributes_are_scalars_without_none():
    G = to_networkx(FIRST)
    for _, _, data in network_for_export(G).edges(data=True):
        assert all(isinstance(value, (str, int, float, bool)) for value in data.values())
    assert "first_date" in network_for_export(G).edges["GHA", "TGO"]
    assert "first_date" not in network_for_export(to_networkx(SECOND[1:])).edges["MLI", "GHA"]


def test_csv_has_gdelt_like_columns_one_row_per_event(tmp_path):
    path = export_graph(build_graph(FIRST + SECOND[1:]), tmp_path / "events.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == EVENT_COLUMNS and len(rows) == 3
    pact = next(row for row in rows if row["Actor1Code"] == "GHA")
    assert (pact["SQLDATE"], pact["EventCode"], pact["EventRootCode"]) == ("20250302", "057", "05")
    assert pact["QuadClass"] == "1"
    accusation = next(row for row in rows if row["Actor1Code"] == "MLI")
    assert accusation["QuadClass"] == "3" and accusation["SQLDATE"] == "" and accusation["GoldsteinScale"] == "-2.0"


def test_jsonl_keeps_the_source_url_when_the_relation_has_one(tmp_path):
    path = export_events(SECOND, tmp_path / "events.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [row["SOURCEURL"] for row in rows] == [None, "https://example.org/b1"]
    assert rows[1]["Sentence"] == "Mali accused Ghana of harbouring rebels." and rows[1]["SQLDATE"] is None


def test_event_ids_are_the_same_in_every_export(tmp_path):
    first = [json.loads(line) for line in export_events(FIRST, tmp_path / "a.jsonl").read_text().splitlines()]
    again = [json.loads(line) for line in export_events(SECOND, tmp_path / "b.jsonl").read_text().splitlines()]
    assert first[0]["GLOBALEVENTID"] == again[0]["GLOBALEVENTID"]


def test_merging_graphs_that_share_events_keeps_one_copy(tmp_path):
    first = export_graph(build_graph(FIRST), tmp_path / "first.ttl")
    second = export_graph(build_graph(SECOND), tmp_path / "second.nt")
    merged = load_graph([first, second])
    assert isomorphic(merged, build_graph(FIRST + SECOND))
    export_events_path = export_graph(merged, tmp_path / "merged.csv")
    assert len(export_events_path.read_text(encoding="utf-8").splitlines()) == 1 + 3


@pytest.mark.parametrize(("call", "message"), [
    (lambda tmp: export_graph(build_graph(FIRST), tmp / "g.out", format="parquet"), "unknown format 'parquet'"),
    (lambda tmp: export_network(to_networkx(FIRST), tmp / "g.png"), "unknown network format 'png'"),
    (lambda tmp: export_events(FIRST, tmp / "g.xlsx"), "unknown event table format 'xlsx'"),
])
def test_unknown_formats_are_input_errors_and_write_nothing(tmp_path, call, message):
    with pytest.raises(InputError, match=message):
        call(tmp_path)
    assert list(tmp_path.iterdir()) == []
