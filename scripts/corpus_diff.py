#!/usr/bin/env python3
"""The relations that changed between two ``kg extract`` runs over the same corpus, for a precision audit.

A relation is (document, sentence start, source, target, type). Each added or removed one is
printed under its sentence, so every change can be judged against ../shared/eval/SCHEME.md.

Example:
    python scripts/corpus_diff.py /tmp/before.jsonl /tmp/after.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

Key = tuple[str, int, str, str, str]


def load(path: Path) -> tuple[set[Key], dict[tuple[str, int], str]]:
    """The asserted relations of a ``kg extract`` file, and each sentence's text by (doc, start)."""
    keys: set[Key] = set()
    sentences: dict[tuple[str, int], str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if record.get("negated") or record.get("hedged"):
            continue
        place = (record["doc_id"], record["start"])
        sentences[place] = record["sentence"]
        keys.add((*place, record["source"]["country"] or "-", record["target"]["country"] or "-", record["type"]))
    return keys, sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args()
    before, before_text = load(args.before)
    after, after_text = load(args.after)
    sentences = {**before_text, **after_text}
    changed: dict[tuple[str, int], list[str]] = defaultdict(list)
    for sign, keys in (("-", before - after), ("+", after - before)):
        for doc, start, source, target, kind in keys:
            changed[(doc, start)].append(f"  {sign} {source}->{target} {kind}")
    for place in sorted(changed):
        print(f"{place[0]}@{place[1]}: {sentences[place]}")
        print("\n".join(sorted(changed[place])))
    print(f"removed {len(before - after)}, added {len(after - before)}, "
          f"{len(before)} -> {len(after)} relations")


if __name__ == "__main__":
    main()
