"""kg.load and KnowledgeGraph: the questions, tables and files of a built graph."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from matplotlib.figure import Figure

import kg
from kg.errors import QueryError
from kg.knowledge import KnowledgeGraph
from kg.records import ActorRef, Relation

INDIA = ActorRef(text="India", id="IND", country="IND", kind="state", label="India")
MODI = ActorRef(text="Prime Minister Modi", id="person:narendra-modi", country="IND", kind="person",
                label="Narendra Modi")
RUSSIA = ActorRef(text="Russia", id="RUS", country="RUS", kind="state", label="Russia")
USA = ActorRef(text="Washington", id="USA", country="USA", kind="state", label="United States")
IRAN = ActorRef(text="Iran", id="IRN", country="IRN", kind="state", label="Iran")


def event(source: ActorRef, target: ActorRef, event_type: str, cooperation: float, sentence: str,
          date: str | None, doc_id: str, **fields) -> Relation:
    return Relation(doc_id=doc_id, sentence=sentence, start=0, end=len(sentence), source=source, target=target,
                    type=event_type, cameo=fields.pop("cameo", "000"), cooperation=cooperation,
                    verb=fields.pop("verb", "do"), date=date, trigger_start=1, trigger_end=3, **fields)


RELATIONS = [
    event(INDIA, RUSSIA, "AGREE", 8.0, "India signed a defence pact with Russia.", "2024-07-09", "d1",
          verb="sign", object="defence pact", cameo="057"),
    event(MODI, RUSSIA, "CONSULT", 1.9, "Prime Minister Modi visited Russia.", "2024-02-01", "d2",
          verb="visit", cameo="042"),
    event(USA, IRAN, "SANCTION", -8.0, "Washington imposed sanctions on Iran.", "2024-03-15", "d3",
          verb="impose", object="sanctions", cameo="163"),
    event(USA, RUSSIA, "SANCTION", -8.0, "Washington sanctioned Russia.", "2023-11-20", "d4",
          verb="sanction", cameo="163"),
    event(USA, IRAN, "SANCTION", -8.0, "Washington may sanction Iran again.", "2024-05-01", "d5",
          verb="sanction", cameo="163", hedged=True),
    event(USA, INDIA, "CONSULT", 1.0, "Washington hosted Indian diplomats.", None, "d6", verb="host", cameo="040"),
]


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    return KnowledgeGraph.from_relations(RELATIONS)


def test_load_reads_files_into_a_knowledge_graph(tmp_path, graph):
    path = graph.save(tmp_path / "g.ttl")
    loaded = kg.load(path)
    assert isinstance(loaded, kg.KnowledgeGraph) and len(loaded) == len(graph)
    assert [tie.actor for tie in loaded.allies("India")] == ["RUS", "USA"]


def test_allies_and_rivals_carry_their_evidence(graph):
    (russia, _) = graph.allies("India")
    assert russia.evidence[0].sentence == "India signed a defence pact with Russia."
    assert [a.kind for a in russia.alliances] == ["pact"]
    assert [(tie.actor, tie.events) for tie in graph.rivals("USA")] == [("IRN", 1), ("RUS", 1)]


def test_events_filter_by_source_type_and_date(graph):
    frame = graph.events(source="USA", type="sanction")
    assert isinstance(frame, pd.DataFrame)
    assert sorted(frame["Actor2Code"]) == ["IRN", "RUS"]
    assert set(frame["PloverType"]) == {"SANCTION"} and len(frame) == 2  # the hedged one is left out
    assert len(graph.events(source="USA", type="SANCTION", include_unasserted=True)) == 3
    assert graph.events(source="United States", start="2024-01-01")["Actor2Code"].tolist() == ["IRN"]
    assert graph.events(target="IRN", end="2023-12-31").empty


def test_events_of_a_person_are_found_by_name_and_by_country(graph):
    assert graph.events(source="Narendra Modi")["Sentence"].tolist() == ["Prime Minister Modi visited Russia."]
    assert len(graph.events(source="IND")) == 2


def test_events_has_gdelt_like_columns_and_a_date(graph):
    frame = graph.events()
    assert {"GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor2Code", "EventCode", "EventRootCode", "QuadClass",
            "GoldsteinScale", "Sentence", "date"} <= set(frame.columns)
    assert str(frame["date"].dtype).startswith("datetime64")
    pact = frame[frame["PloverType"] == "AGREE"].iloc[0]
    assert (pact["SQLDATE"], pact["EventRootCode"], pact["QuadClass"]) == ("20240709", "05", 1)


@pytest.mark.parametrize(("options", "message"), [
    ({"type": "friendship"}, "unknown event type 'friendship'"),
    ({"source": "Atlantis"}, "unknown actor 'Atlantis'"),
])
def test_events_bad_filters_are_query_errors(graph, options, message):
    with pytest.raises(QueryError, match=message):
        graph.events(**options)


def test_timeline_is_in_date_order_with_undated_last(graph):
    frame = graph.timeline("Russia", "India")
    assert frame["type"].tolist() == ["CONSULT", "AGREE"]
    assert frame["date"].is_monotonic_increasing
    undated = graph.timeline("India", "USA")
    assert undated["date"].isna().all() and undated["sentence"].tolist() == ["Washington hosted Indian diplomats."]


def test_partners_by_type_answers_who_sanctions_russia(graph):
    assert [p.actor for p in graph.partners("Russia", event_type="SANCTION", direction="in")] == ["USA"]


def test_named_queries_and_own_sparql_run_on_the_rdf(graph):
    assert [row["partner"] for row in graph.sparql("allies", actor="IND")] == ["RUS", "USA"]
    assert [row["partner"] for row in graph.sparql("rivals", actor="USA")] == ["IRN", "RUS"]
    assert [(row["source"], row["target"]) for row in graph.sparql("alliances", actor="RUS")] == [("IND", "RUS")]
    timeline = graph.sparql("timeline", a="RUS", b="IND")
    assert [row["type"] for row in timeline] == ["CONSULT", "AGREE"]
    assert [row["partner"] for row in graph.sparql("partners_by_type", actor="RUS", type="SANCTION")] == ["USA"]
    assert graph.sparql("PREFIX kgo: <https://w3id.org/kg/ontology#> ASK { ?a kgo:sanctions ?b }") == [{"ask": True}]


def test_stats_count_events_actors_and_dates(graph):
    summary = graph.stats()
    assert (summary["events"], summary["asserted"], summary["actors"]) == (6, 5, 4)
    assert (summary["first_date"], summary["last_date"]) == ("2023-11-20", "2024-07-09")
    assert [item["events"] for item in summary["most_active"]] == [3, 3, 3, 1]


def test_plots_draw_on_given_axes(graph):
    assert graph.plot(ax=Figure().add_subplot(), title="t").get_title() == "t"
    ax = graph.plot_timeline("India", "Russia", ax=Figure().add_subplot())
    assert ax.get_title() == "IND and RUS: 2 events"


def test_importing_kg_knowledge_imports_neither_pandas_nor_matplotlib():
    code = "import sys, kg.knowledge; print(sorted(m for m in ('pandas', 'matplotlib') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
