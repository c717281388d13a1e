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
    ("eval/news_dev.jsonl", 0.78, 0.80, 0.95),
    ("eval/news_dev2.jsonl", 0.75, 0.80, 0.95),
]


@pytest.mark.parametrize(("name", "typed_floor", "dyad_floor", "precision_floor"), FLOORS,
                         ids=[Path(f[0]).stem for f in FLOORS])
def test_gold_set_stays_above_its_floor(nlp, shared, name, typed_floor, dyad_floor, precision_floor):
    path = shared / name
    if not path.exists():
        pytest.skip(f"{path} is not there")
    check_floors(evaluate(str(path), nlp=nlp), typed_floor, dyad_floor, precision_floor)


def test_construction_set_stays_above_its_floor(nlp):
    check_floors(evaluate(str(GOLD / "constructions.jsonl"), nlp=nlp), 0.92, 0.95, 0.96)


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
