"""Extraction quality on the gold sets must not fall below its floor (figures in README.md).

The real-news sets live in ../shared/eval (never copied into the repo); the construction set
is ours, in tests/gold. Floors sit a little under the figures measured when they were set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import evaluate

GOLD = Path(__file__).resolve().parent / "gold"

# (gold file, typed F1 floor, dyad F1 floor, typed precision floor)
FLOORS = [
    ("eval/seed_gold.jsonl", 0.90, 0.90, 0.90),
    ("eval/news_dev.jsonl", 0.84, 0.86, 0.95),
    ("eval/news_dev2.jsonl", 0.77, 0.81, 0.95),
]


@pytest.mark.parametrize(("name", "typed_floor", "dyad_floor", "precision_floor"), FLOORS,
                         ids=[Path(f[0]).stem for f in FLOORS])
def test_gold_set_stays_above_its_floor(nlp, shared, name, typed_floor, dyad_floor, precision_floor):
    path = shared / name
    if not path.exists():
        pytest.skip(f"{path} is not there")
    check_floors(evaluate(str(path), nlp=nlp), typed_floor, dyad_floor, precision_floor)


def test_construction_set_stays_above_its_floor(nlp):
    check_floors(evaluate(str(GOLD / "constructions.jsonl"), nlp=nlp), 0.94, 0.95, 0.98)


def test_blind_set_stays_above_its_floor(nlp, shared, tmp_path):
    """The blind set (gold stored hashed, scored by its own script, aggregate figures only)."""
    import json
    import re
    import subprocess
    import sys

    from kg.io import read_jsonl
    from kg.pipeline import extract_documents
    from kg.records import Document

    scorer = shared / "eval" / "blind" / "score_blind.py"
    if not scorer.exists():
        pytest.skip(f"{scorer} is not there")
    documents = [Document(id=str(r["id"]), text=r["text"], date=r.get("date"))
                 for _, r in read_jsonl(str(scorer.parent / "news_blind.jsonl"))]
    predictions = tmp_path / "blind.jsonl"
    predictions.write_text("".join(json.dumps(r.to_json()) + "\n" for r in extract_documents(documents, nlp=nlp)),
                           encoding="utf-8")
    done = subprocess.run([sys.executable, str(scorer), str(predictions)], capture_output=True, text=True, check=True)
    precision, f1 = map(float, re.search(r"typed P=([\d.]+) R=[\d.]+ F1=([\d.]+)", done.stdout).groups())
    assert f1 >= 0.65, f"blind typed F1 {f1:.3f} < 0.65"
    assert precision >= 0.87, f"blind typed precision {precision:.3f} < 0.87"


def check_floors(scores, typed_floor: float, dyad_floor: float, precision_floor: float) -> None:
    assert scores.typed.f1 >= typed_floor, f"typed F1 {scores.typed.f1:.3f} < {typed_floor}"
    assert scores.dyad.f1 >= dyad_floor, f"dyad F1 {scores.dyad.f1:.3f} < {dyad_floor}"
    assert scores.typed.precision >= precision_floor


def test_construction_readme_counts_match_the_file():
    import subprocess
    import sys

    script = GOLD.parents[1] / "scripts" / "gold_counts.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
