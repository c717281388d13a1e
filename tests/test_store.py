"""Stores: rdflib in memory and persistent Oxigraph give the same graph and answers; incremental
builds skip what a store holds; a killed build leaves whole documents and resumes; Dask workers."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import SKOS

import kg
from kg.namespace import actor_iri
from kg.pipeline import build_store
from kg.sparql import named_queries
from kg.store import content_hash, open_store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _rows(rows):
    return sorted(json.dumps(row, sort_keys=True, default=str) for row in rows)


def _key(relation):
    return (relation.doc_id, relation.start, relation.trigger_start, relation.source.id,
            relation.target.id, relation.type, relation.confidence, relation.cooperation)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, shared):
    """Twelve real news documents from ../shared (about 3k words)."""
    lines = (shared / "corpus" / "news_corpus.jsonl").read_text(encoding="utf-8").splitlines()[:12]
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def memory_store(nlp, corpus):
    store = open_store("memory")
    build_store([SEEDS, corpus], store, nlp=nlp)
    return store


def _canonical_triples(graph) -> set[str]:
    """A graph's triples as Oxigraph stores them (it writes decimals canonically: "8" for "8.0")."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return {str(quad.triple) for quad in store}


def _state(code, label, kind="state"):
    return kg.ActorRef(text=label, id=code, country=code, kind=kind, label=label)


def _person(person, label, code):
    return kg.ActorRef(text=label, id=f"person:{person}", country=code, kind="person", label=label)


def _relation(doc_id, source, target, **fields):
    values = {"sentence": f"{source.text} and {target.text}.", "start": 0, "end": 9, "type": "CONSULT",
              "cameo": "040", "cooperation": 1.0, "verb": "meet", **fields}
    return kg.Relation(doc_id=doc_id, source=source, target=target, **values)


def test_oxigraph_adds_exactly_the_triples_build_graph_makes(tmp_path):
    from kg.graph import build_graph

    modi, stoltenberg = _person("narendra-modi", "Narendra Modi", "IND"), _person("jens", "Jens", "NATO")
    batches = [  # states and NATO first known only through people, named in later batches
        [(kg.Document(id="a", text="a"), [
            _relation("a", modi, _state("RUS", "Russia"), cooperation=0.765, date="2024-07-09",
                      url="https://example.org/a?x=1&y=2", object="a \"pact\"\nsigned", trigger_start=3,
                      trigger_end=9, reported_by=_state("USA", "United States")),
            _relation("a", stoltenberg, _state("CHN", "China"), type="ACCUSE", cameo="112",
                      cooperation=-10.0, confidence=0.595, hedged=True)])],
        [(kg.Document(id="b", text="b"), [
            _relation("b", _state("IND", "India"), _state("NATO", "North Atlantic Treaty Organization", "igo"))]),
         (kg.Document(id="c", text="c"), [])],
    ]
    relations = [relation for batch in batches for _, found in batch for relation in found]
    with open_store(f"oxigraph:{tmp_path / 'db'}") as store:
        for batch in batches:
            store.add_documents(batch)
        assert store.documents() == 3
        expected = build_graph(relations)
        assert len(store) == len(expected)
        assert _canonical_triples(store.to_rdflib()) == _canonical_triples(expected)
        graph = store.to_rdflib()  # the code defaults went when the actors were named
        assert {str(label) for label in graph.objects(actor_iri("NATO"), SKOS.prefLabel)} == \
            {"North Atlantic Treaty Organization"}
        assert set(graph.objects(actor_iri("IND"), SKOS.prefLabel)) == {Literal("India")}


def test_oxigraph_holds_the_same_graph_as_rdflib(nlp, corpus, memory_store, tmp_path):
    with open_store(f"oxigraph:{tmp_path / 'db'}") as store:
        report = build_store([SEEDS, corpus], store, nlp=nlp, commit_every=5)
        assert report.added == 13 and report.skipped == 0
        assert _canonical_triples(store.to_rdflib()) == _canonical_triples(memory_store.graph)


def test_parallel_bulk_load_of_a_file_in_many_parts_holds_the_whole_graph(memory_store, tmp_path, monkeypatch):
    import kg.store

    shard = tmp_path / "graph.nt"
    memory_store.graph.serialize(shard, format="nt", encoding="utf-8")
    monkeypatch.setattr(kg.store, "BULK_PART_BYTES", 2_000)  # dozens of parts, two threads
    with open_store(f"oxigraph:{tmp_path / 'db'}") as store:
        store.bulk_load([shard], threads=2)
        loaded = _canonical_triples(store.to_rdflib())
    assert loaded == _canonical_triples(memory_store.graph)


def test_a_bad_line_in_a_bulk_load_names_the_part_it_is_in(tmp_path, monkeypatch):
    import kg.store

    shard = tmp_path / "bad.nt"
    good = "<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n"
    shard.write_text(good * 200 + "this is not a triple\n" + good, encoding="utf-8")
    monkeypatch.setattr(kg.store, "BULK_PART_BYTES", 4_000)
    with open_store(f"oxigraph:{tmp_path / 'db'}") as store, pytest.raises(kg.errors.InputError) as caught:
        store.bulk_load([shard], threads=2)
    assert "bad.nt" in str(caught.value) and "not valid N-Triples in the part from line" in str(caught.value)


def test_named_queries_answer_the_same_over_both_stores(nlp, corpus, memory_store):
    store = open_store("oxigraph:")
    build_store([SEEDS, corpus], store, nlp=nlp)
    values = {"actor": ["IND", "USA"], "a": ["IND"], "b": ["RUS"], "type": ["AGREE"]}
    for name, text in named_queries().items():
        parameters = re.findall(r"^# param (\w+):", text, flags=re.MULTILINE)
        for choice in range(2):
            bindings = {key: values[key][choice % len(values[key])] for key in parameters}
            # ties in a query's ORDER BY may come in another order: compare the rows as multisets
            assert _rows(store.query(name, **bindings)) == _rows(memory_store.query(name, **bindings)), name
    assert store.query("partners", actor="IND")


def test_oxigraph_bound_values_are_never_sparql(memory_store):
    store = open_store("oxigraph:")
    store.bulk_load([])
    for injection in ['IND" } UNION { ?s ?p ?o } #', "IND> . ?s ?p ?o", "IND\\\" ) }"]:
        assert store.query("partners", actor=injection) == []


def test_rebuild_skips_held_documents_and_adds_changed_ones(nlp, corpus, tmp_path):
    folder = tmp_path / "db"
    with open_store(f"oxigraph:{folder}") as store:
        build_store([corpus], store, nlp=nlp)
        size = len(store)
    with open_store(f"oxigraph:{folder}") as store:  # reopened from disk
        assert store.documents() == 12
        again = build_store([corpus], store, nlp=nlp)
        assert (again.added, again.skipped, len(store)) == (0, 12, size)
        extra = tmp_path / "extra.jsonl"
        extra.write_text(json.dumps({"id": "new-1", "text": "Japan condemned North Korea on Monday."}) + "\n")
        more = build_store([corpus, extra], store, nlp=nlp)
        assert (more.added, more.skipped, more.relations) == (1, 12, 1)
        assert len(store) > size


def test_store_spec_errors_are_one_line(tmp_path):
    with pytest.raises(kg.KgError, match="unknown store; use one of"):
        open_store("postgres:x")
    with open_store(f"oxigraph:{tmp_path / 'db'}"), pytest.raises(kg.KgError, match="cannot open the Oxigraph"):
        open_store(f"oxigraph:{tmp_path / 'db'}")


_KILLED_BUILD = textwrap.dedent("""
    import sys
    from kg.pipeline import build_store
    from kg.store import open_store

    class Announcing:
        def __init__(self, store):
            self.store = store
        def __getattr__(self, name):
            return getattr(self.store, name)
        def __len__(self):
            return len(self.store)
        def add_documents(self, batch):
            self.store.add_documents(batch)
            print("committed", len(batch), flush=True)

    build_store([sys.argv[1]], Announcing(open_store("oxigraph:" + sys.argv[2])), commit_every=3)
    print("finished", flush=True)
""")


def test_a_killed_build_keeps_whole_documents_and_a_rerun_completes(nlp, corpus, memory_store, tmp_path):
    folder = tmp_path / "db"
    process = subprocess.Popen([sys.executable, "-c", _KILLED_BUILD, str(corpus), str(folder)],
                               stdout=subprocess.PIPE, text=True)
    commits = 0
    for line in process.stdout:
        commits += line.startswith("committed")
        if commits == 2:
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    expected = open_store("memory")
    build_store([corpus], expected, nlp=nlp)
    by_document = {}
    for relation in kg.relations_from_graph(expected.graph):
        by_document.setdefault(relation.doc_id, []).append(_key(relation))
    with open_store(f"oxigraph:{folder}") as store:
        held = store.documents()
        assert 6 <= held < 12
        found = {}
        for relation in kg.relations_from_graph(store.to_rdflib()):
            found.setdefault(relation.doc_id, []).append(_key(relation))
        documents = [json.loads(line) for line in corpus.read_text().splitlines()]
        for record in documents:
            document = kg.Document(id=record["id"], text=record["text"], date=record.get("date"),
                                   url=record.get("url"))
            if store.has_document(document.id, content_hash(document)):
                assert sorted(found.get(document.id, [])) == sorted(by_document.get(document.id, []))
            else:  # nothing of an uncommitted document is in the store
                assert document.id not in found
        rerun = build_store([corpus], store, nlp=nlp)
        assert (rerun.added, rerun.skipped) == (12 - held, held)
        assert sorted(map(_key, kg.relations_from_graph(store.to_rdflib()))) == \
            sorted(map(_key, kg.relations_from_graph(expected.graph)))


def test_cli_build_into_oxigraph_twice_adds_nothing_the_second_time(corpus, tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    arguments = ["build", str(corpus), "--store", f"oxigraph:{tmp_path / 'db'}", "-q", "--batch", "4"]
    first = CliRunner().invoke(app, arguments)
    assert first.exit_code == 0, first.output
    assert "12 added, 0 already held" in first.output
    second = CliRunner().invoke(app, [*arguments, "-o", str(tmp_path / "graph.nt")])
    assert second.exit_code == 0, second.output
    assert "0 added, 12 already held" in second.output and " 0 new)" in second.output
    assert len(kg.load(tmp_path / "graph.nt")) > 0


def test_query_commands_answer_from_a_store_as_from_its_graph_file(corpus, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.store import OxigraphStore

    def run(*arguments):
        result = CliRunner().invoke(app, [*arguments, "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    store, graph_file = f"oxigraph:{tmp_path / 'db'}", tmp_path / "graph.nt"
    built = CliRunner().invoke(app, ["build", str(SEEDS), str(corpus), "--store", store, "-q", "-o", str(graph_file)])
    assert built.exit_code == 0, built.output
    query = tmp_path / "q.rq"
    query.write_text("PREFIX kgo: <https://w3id.org/kg/ontology#>\n"
                     "SELECT ?code WHERE { ?actor kgo:code ?code } ORDER BY ?code")
    for_file = {"named": run("query", "named", "partners", "-p", "actor=IND", "--graph", str(graph_file)),
                "sparql": run("query", "sparql", str(query), "--graph", str(graph_file)),
                "allies": run("query", "allies", "India", "--graph", str(graph_file))}
    assert ("RUS", "AGREE") in {(row["partner"], row["type"]) for row in for_file["named"]}
    with open_store(store):  # a build holding the store open does not keep readers out
        assert _rows(run("query", "allies", "India", "--graph", store)) == _rows(for_file["allies"])
        # named and own queries run on Oxigraph itself: nothing is copied into rdflib
        monkeypatch.setattr(OxigraphStore, "triples", lambda self: pytest.fail("copied into rdflib"))
        assert _rows(run("query", "named", "partners", "-p", "actor=IND", "--graph", store)) == \
            _rows(for_file["named"])
        assert run("query", "sparql", str(query), "--graph", store) == for_file["sparql"]
    missing = CliRunner().invoke(app, ["query", "named", "actors", "--graph", f"oxigraph:{tmp_path / 'none'}"])
    assert missing.exit_code == 2 and "no Oxigraph store there" in missing.output


def test_dask_workers_load_the_model_once_and_build_the_same_graph(corpus, memory_store, tmp_path):
    from kg.distributed import build_distributed, connect

    seeds_and_news = [SEEDS, corpus]
    with connect("local", workers=2) as client, open_store(f"oxigraph:{tmp_path / 'db'}") as store:
        report = build_distributed(seeds_and_news, store, client, commit_every=2,
                                   shard_dir=tmp_path / "shards")
        loads = client.run(_pipelines_loaded)
        again = build_distributed(seeds_and_news, store, client, commit_every=2)
        assert (report.added, again.added, again.skipped) == (13, 0, 13)
        assert sorted(map(_key, kg.relations_from_graph(store.to_rdflib()))) == \
            sorted(map(_key, kg.relations_from_graph(memory_store.graph)))
    assert set(loads.values()) <= {0, 1} and sum(loads.values()) >= 1
    assert not list((tmp_path / "shards").iterdir())


def test_dask_workers_use_only_the_users_actors_and_skip_bad_records(tmp_path):
    from kg.distributed import build_distributed, connect
    from kg.readlog import ReadLog

    actors = tmp_path / "actors"
    actors.mkdir()
    (actors / "entities.tsv").write_text("id\tkind\tlabel\tcountry\twikidata\tsource\n"
                                         "ATL\tstate\tAtlantis\t\t\tmy notes\n"
                                         "LMR\tstate\tLemuria\t\t\tmy notes\n", encoding="utf-8")
    (actors / "names.tsv").write_text("name\tid\tform\tsource\nAtlantis\tATL\tname\tmy notes\n"
                                      "Lemuria\tLMR\tname\tmy notes\n", encoding="utf-8")
    corpus = tmp_path / "news.jsonl"
    corpus.write_text('{"id": "a", "text": "Atlantis and Lemuria signed a fisheries pact. Chile and Peru met."}\n'
                      '{"id": "b", "text": \n', encoding="utf-8")
    log = ReadLog()
    with connect("local", workers=1) as client, open_store("memory") as store:
        report = build_distributed([corpus], store, client, actor_files=[actors], replace_actors=True, log=log)
        found = {(r.source.country, r.target.country, r.type) for r in kg.relations_from_graph(store.graph)}
    assert report.added == 1 and sum(log.skipped.values()) == 1
    assert found == {("ATL", "LMR", "AGREE"), ("LMR", "ATL", "AGREE")}  # Chile and Peru are unknown here


def _pipelines_loaded() -> int:
    from kg.distributed import _worker_pipeline

    return _worker_pipeline.cache_info().currsize


def test_a_memory_store_with_a_file_is_written_back_with_its_records(nlp, corpus, tmp_path):
    path = tmp_path / "graph.ttl"
    with open_store(f"memory:{path}") as store:
        build_store([SEEDS], store, nlp=nlp)
        size = len(store)
    with open_store(f"memory:{path}") as store:
        assert len(store) == size
        again = build_store([SEEDS, corpus], store, nlp=nlp)
        assert (again.added, again.skipped) == (12, 1)
    with open_store(f"memory:{path}") as store:
        assert build_store([SEEDS, corpus], store, nlp=nlp).skipped == 13
    path.unlink()  # records without their graph are not trusted
    with open_store(f"memory:{path}") as store:
        assert build_store([SEEDS], store, nlp=nlp).added == 1 and len(store) == size


def test_two_processes_extract_what_one_does_in_the_same_order(nlp, corpus):
    from kg.pipeline import extract_by_document
    from kg.read import read_documents

    def run(n_process):
        return [(document.id, [_key(r) for r in relations]) for document, relations in
                extract_by_document(read_documents([corpus]), nlp=nlp, n_process=n_process, batch_size=3)]

    assert run(2) == run(1)


def _stderr_on_a_terminal(arguments: list[str]) -> str:
    """What ``kg ARGUMENTS`` writes to stderr when stderr is a terminal (a pseudo-terminal here)."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    main, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a new pty is 0 wide
    process = subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", *arguments],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(main)
    assert process.returncode == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_long_runs_show_documents_per_second_and_relations_unless_quiet(corpus, tmp_path):
    output = ["-o", str(tmp_path / "relations.jsonl")]
    shown = _stderr_on_a_terminal(["extract", str(corpus), *output])
    assert re.search(r"kg: \d+doc \[[^]]*doc/s, relations=\d+\]", shown), shown
    quiet = _stderr_on_a_terminal(["build", str(corpus), "--store", f"oxigraph:{tmp_path / 'db'}", "-q"])
    assert "doc" not in quiet and "relations=" not in quiet, quiet
