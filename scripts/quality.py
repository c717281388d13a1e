#!/usr/bin/env python3
"""Every extraction figure in one run: the gold sets, the blind set, and the corpus for an audit.

Prints one line a set: typed P/R/F1 and dyad F1 on the seed gold, the two real-news dev sets,
our construction set, and the blind set (``../shared/eval/blind/score_blind.py``, aggregate
figures only). ``--corpus OUT.jsonl`` also writes ``kg extract`` of the shared corpus, to compare
with an earlier run by ``scripts/corpus_diff.py``.

Example:
    python scripts/quality.py --corpus /tmp/after.jsonl
    python scripts/corpus_diff.py /tmp/before.jsonl /tmp/after.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD_SETS = [
    ("seed (dev: rules written against it)", SHARED / "eval" / "seed_gold.jsonl"),
    ("news_dev (dev)", SHARED / "eval" / "news_dev.jsonl"),
    ("news_dev2 (dev)", SHARED / "eval" / "news_dev2.jsonl"),
    ("constructions (ours)", REPO / "tests" / "gold" / "constructions.jsonl"),
]
BLIND = SHARED / "eval" / "blind" / "score_blind.py"
CORPUS = SHARED / "corpus" / "news_corpus.jsonl"
_BLIND_LINE = re.compile(r"typed P=([\d.]+) R=([\d.]+) F1=([\d.]+) \| dyad P=([\d.]+) R=([\d.]+) F1=([\d.]+)")


def gold_figures(nlp) -> list[dict]:
    """kg eval on each gold set that is present."""
    from kg.evaluate import evaluate

    rows = []
    for label, path in GOLD_SETS:
        if path.exists():
            scores = evaluate(str(path), nlp=nlp)
            rows.append({"set": label, "P": scores.typed.precision, "R": scores.typed.recall,
                         "F1": scores.typed.f1, "dyad F1": scores.dyad.f1, "tp": scores.typed.tp,
                         "fp": scores.typed.fp, "fn": scores.typed.fn})
    return rows


def blind_figures() -> dict | None:
    """The blind scorer's aggregate line, run with this interpreter's ``kg`` first on PATH."""
    if not BLIND.exists():
        return None
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    done = subprocess.run([sys.executable, str(BLIND)], capture_output=True, text=True, env=env, check=False)
    match = _BLIND_LINE.search(done.stdout)
    if match is None:
        sys.exit(f"score_blind.py printed no figures: {(done.stderr or done.stdout).strip()[-300:]}")
    p, r, f1, _, _, dyad_f1 = map(float, match.groups())
    by_type = [line.strip() for line in done.stdout.splitlines() if "right," in line]
    return {"set": "blind (never read)", "P": p, "R": r, "F1": f1, "dyad F1": dyad_f1, "by_type": by_type}


def blind_bands(nlp) -> list[tuple[str, int, float]]:
    """Precision of kg's assertions on the blind set by confidence band: (band, assertions, precision).

    kg extracts the blind texts as ``score_blind.py`` does (nothing is printed), the assertions of
    each band go to their own file, and the scorer scores each file; only its aggregates are kept.
    """
    import tempfile

    from kg.evaluate import CONFIDENCE_BANDS
    from kg.io import read_jsonl
    from kg.pipeline import extract_documents
    from kg.records import Document

    source = BLIND.parent / "news_blind.jsonl"
    documents = [Document(id=str(r["id"]), text=r["text"], date=r.get("date")) for _, r in read_jsonl(str(source))]
    by_band: dict[str, list[str]] = {band: [] for band, _ in CONFIDENCE_BANDS}
    for relation in extract_documents(documents, nlp=nlp):
        band = next(label for label, low in CONFIDENCE_BANDS if relation.confidence >= low)
        by_band[band].append(json.dumps(relation.to_json(), ensure_ascii=False))
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for band, lines in by_band.items():
            path = Path(folder) / f"{band}.jsonl"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            done = subprocess.run([sys.executable, str(BLIND), str(path)], capture_output=True, text=True, check=False)
            asserted = re.search(r"asserted=(\d+)", done.stdout)
            precision = re.search(r"typed P=([\d.]+)", done.stdout)
            if asserted and precision:
                rows.append((band, int(asserted.group(1)), float(precision.group(1))))
    return rows


def write_corpus(nlp, out: Path) -> int:
    """``kg extract`` of the shared corpus (asserted relations) into ``out``; the number written."""
    from kg.io import read_jsonl
    from kg.pipeline import extract_documents
    from kg.records import Document

    documents = [Document(id=str(r["id"]), text=r["text"], date=r.get("date")) for _, r in read_jsonl(str(CORPUS))]
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for relation in extract_documents(documents, nlp=nlp):
            handle.write(json.dumps(relation.to_json(), ensure_ascii=False) + "\n")
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="also write kg extract of the shared corpus here")
    parser.add_argument("--no-blind", action="store_true", help="skip the blind set")
    parser.add_argument("--types", action="store_true", help="print the blind set's per-type precision")
    parser.add_argument("--bands", action="store_true", help="print the blind set's precision by confidence band")
    args = parser.parse_args()
    from kg.parse import load_pipeline

    nlp = load_pipeline()
    rows = gold_figures(nlp)
    blind = None if args.no_blind else blind_figures()
    print(f"{'set':<38} {'P':>6} {'R':>6} {'F1':>6} {'dyadF1':>7}")
    for row in [*rows, *([blind] if blind else [])]:
        print(f"{row['set']:<38} {row['P']:>6.3f} {row['R']:>6.3f} {row['F1']:>6.3f} {row['dyad F1']:>7.3f}")
    if blind and args.types:
        print("\n".join(f"  blind {line}" for line in blind["by_type"]))
    if args.bands and BLIND.exists():
        print("blind precision by confidence band:")
        for band, asserted, precision in blind_bands(nlp):
            print(f"  {band:<8} {asserted:>4} asserted  P={precision:.3f}")
    if args.corpus:
        print(f"corpus: {write_corpus(nlp, args.corpus)} relations -> {args.corpus}")


if __name__ == "__main__":
    main()
