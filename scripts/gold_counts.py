#!/usr/bin/env python3
"""Rewrite the counts in tests/gold/README.md from tests/gold/constructions.jsonl.

The README keeps three generated blocks between HTML comments (``<!-- counts:NAME -->`` ...
``<!-- /counts:NAME -->``): the summary (items, dated items, items with no expected tuple), the
table by construction (the ``construction: <name>;`` prefix of ``notes``) and the table by event
type. ``--check`` exits 1 when the README is not current (the test suite runs it).

Example:
    python scripts/gold_counts.py          # rewrite the blocks
    python scripts/gold_counts.py --check  # exit 1 if they are stale
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold"
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def blocks(items: list[dict]) -> dict[str, str]:
    """The generated text of each block, from the construction items."""
    empty = sum(not item["expected"] for item in items)
    dated = sum(bool(item.get("date")) for item in items)
    summary = (f"**{len(items)} items**; {dated} carry a `date`; **{empty} ({100 * empty / len(items):.1f}%) "
               f"have `expected: []`** (precision tests: hedged, negated, non-state, domestic, sport, business, ...).")
    by_name: dict[str, list[dict]] = {}
    for item in items:
        name = re.match(r"construction: ([^;]+);", item["notes"])
        by_name.setdefault(name.group(1).strip() if name else "(none)", []).append(item)
    rows = ["| construction | items | of which `expected: []` | tuples |", "|---|---:|---:|---:|"]
    rows += [f"| `{name}` | {len(group)} | {sum(not i['expected'] for i in group)} | "
             f"{sum(len(i['expected']) for i in group)} |" for name, group in by_name.items()]
    rows.append(f"| **total** | **{len(items)}** | **{empty}** | **{sum(len(i['expected']) for i in items)}** |")
    tuples = Counter(e["type"] for item in items for e in item["expected"])
    holders = Counter(t for item in items for t in {e["type"] for e in item["expected"]})
    types = ["| type | tuples | items with it |", "|---|---:|---:|"]
    types += [f"| {t} | {tuples[t]} | {holders[t]} |" for t in TYPES]
    return {"summary": summary, "constructions": "\n".join(rows), "types": "\n".join(types)}


def render(readme: str, items: list[dict]) -> str:
    """The README with its generated blocks rewritten."""
    for name, text in blocks(items).items():
        pattern = re.compile(rf"(<!-- counts:{name} -->\n).*?(<!-- /counts:{name} -->)", re.S)
        if not pattern.search(readme):
            sys.exit(f"tests/gold/README.md: no block <!-- counts:{name} --> ... <!-- /counts:{name} -->; add one")
        readme = pattern.sub(lambda match, text=text: match.group(1) + text + "\n" + match.group(2), readme)
    return readme


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the README is not current")
    args = parser.parse_args()
    items = [json.loads(line) for line in (GOLD / "constructions.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    readme_path = GOLD / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    current = render(readme, items)
    if args.check:
        if current != readme:
            sys.exit("tests/gold/README.md: counts are stale; run python scripts/gold_counts.py")
        return
    readme_path.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    main()
