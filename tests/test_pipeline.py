"""The stages composed on the seed article: extract, build, validate, query, round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def seed_relations(nlp):
    return list(kg.extract(SEEDS, nlp=nlp))


@pytest.fixture(scope="module")
def seed_graph(seed_relations):
    from kg.graph import build_graph

    return build_graph(seed_relations)


def test_seed_graph_conforms_to_the_shapes(seed_graph):
    conforms, report = kg.validate(seed_graph)
    assert conforms, report


def test_russia_is_among_indias_allies_with_evidence(seed_graph):
    network = kg.to_networkx(kg.relations_from_graph(seed_graph))
    partners = {partner.actor: partner for partner in kg.allies(network, "India")}
    assert "RUS" in partners
    assert any("signed" in sentence for sentence in partners["RUS"].evidence)


def test_graph_gives_back_the_relations_it_was_built_from(seed_relations, seed_graph):
    def key(relation):
        return (relation.doc_id, relation.start, relation.trigger_start, relation.source.id,
                relation.target.id, relation.type, relation.confidence)
    assert sorted(map(key, kg.relations_from_graph(seed_graph))) == sorted(map(key, seed_relations))


def test_turtle_round_trip_is_isomorphic(tmp_path, seed_graph):
    from rdflib.compare import isomorphic

    assert isomorphic(kg.load(kg.save(seed_graph, tmp_path / "seed.ttl")).rdf, seed_graph)


def test_people_are_kept_as_agents_of_their_states(seed_relations):
    modi = [r for r in seed_relations if r.source.id == "person:narendra-modi"]
    assert modi and all(r.source.country == "IND" and r.source.kind == "person" for r in modi)


def test_import_kg_loads_no_heavy_library():
    import subprocess
    import sys

    code = "import sys, kg; print(sorted(m for m in ('spacy', 'rdflib', 'matplotlib', 'pandas') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"
