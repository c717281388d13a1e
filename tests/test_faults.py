"""Killed mid-run (SIGKILL): an output file is the old one or a complete new one, never half-written."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap

from kg.graph import build_graph, load_graph, relations_from_graph, save_graph
from kg.records import ActorRef, Relation

_KG = "from kg.cli import main; main()"
_PAIRS = [("Chile", "Peru"), ("Kenya", "Uganda"), ("Japan", "Vietnam"), ("France", "Germany")]


def _record(number: int) -> str:
    first, second = _PAIRS[number % len(_PAIRS)]
    text = (f"{first} and {second} signed a trade agreement on day {number}. " +
            "Officials from both capitals discussed fishing quotas, port fees and customs rules at length. " * 3)
    return json.dumps({"id": f"doc{number}", "text": text}) + "\n"


def test_a_build_killed_mid_run_leaves_the_old_graph_and_a_rerun_writes_a_complete_one(tmp_path):
    chile, peru = (ActorRef(text=name, id=code, country=code, kind="state", label=name)
                   for code, name in (("CHL", "Chile"), ("PER", "Peru")))
    graph = save_graph(build_graph([Relation(doc_id="doc0", sentence="Chile and Peru signed a pact.", start=0, end=29,
                                             source=chile, target=peru, type="AGREE", cameo="057", cooperation=8.0,
                                             verb="sign")]), tmp_path / "graph.ttl")
    old = graph.read_bytes()
    build = subprocess.Popen([sys.executable, "-c", _KG, "build", "-", "-o", str(graph), "-q"],
                             stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    corpus = "".join(_record(number) for number in range(1, 400))
    # the pipe holds 64 KiB: once 160 KiB are written, the build has read and is parsing most of them
    build.stdin.write(corpus)
    build.stdin.flush()
    build.send_signal(signal.SIGKILL)
    assert build.wait(timeout=60) == -signal.SIGKILL
    assert graph.read_bytes() == old
    assert sorted(path.name for path in tmp_path.iterdir()) == ["graph.ttl"]
    rerun = subprocess.run([sys.executable, "-c", _KG, "build", "-", "-o", str(graph), "-q"], input=corpus,
                           capture_output=True, text=True, check=True)
    assert "(0 hedged/negated)" in rerun.stdout
    documents = {relation.doc_id for relation in relations_from_graph(load_graph(graph))}
    assert documents == {f"doc{number}" for number in range(400)}


_HALF_WRITTEN = textwrap.dedent("""
    import sys, time
    from kg.io import atomic_write
    with atomic_write(sys.argv[1]) as handle:
        handle.write("new half ")
        handle.flush()
        print("half", flush=True)
        time.sleep(60)
        handle.write("and the rest")
""")


def test_a_write_killed_half_way_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "relations.jsonl"
    target.write_text("old contents\n", encoding="utf-8")
    writer = subprocess.Popen([sys.executable, "-c", _HALF_WRITTEN, str(target)], stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline() == "half\n"
    writer.send_signal(signal.SIGKILL)
    assert writer.wait(timeout=30) == -signal.SIGKILL
    assert target.read_text(encoding="utf-8") == "old contents\n"
    # what is left is a hidden temporary file, which kg never reads as input (folders skip dot-files)
    assert [path.name.startswith(".relations.jsonl.") for path in tmp_path.iterdir() if path != target] == [True]
