"""Scoring the extractor against a gold file: micro P/R/F1 on (source, target, type) and on dyads.

The gold format is ../shared/eval/SCHEME.md: one item a line, {"id", "text", "expected":
[{"source", "target", "type"}], "notes"?}. An item's relations are a set: a tuple predicted
twice counts once.

Example:
    >>> gold = [GoldItem(id="g1", text="...", expected=frozenset({("IND", "RUS", "AGREE")}))]
    >>> scores = score({"g1": {("IND", "RUS", "AGREE"), ("RUS", "IND", "CONSULT")}}, gold)
    >>> (scores.typed.precision, scores.typed.recall, scores.dyad.precision)
    (0.5, 1.0, 0.5)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kg.errors import InputError
from kg.io import read_jsonl
from kg.records import EVENT_TYPES, Document

__all__ = ["CONFIDENCE_BANDS", "SCHEME_IGOS", "Counts", "GoldItem", "Miss", "Scores", "evaluate", "format_report",
           "in_scheme", "load_gold", "score"]

Triple = tuple[str, str, str]

#: The intergovernmental organisations the gold scheme (../shared/eval/SCHEME.md) codes.
SCHEME_IGOS = frozenset({"UN", "NATO", "EU", "AU", "ASEAN", "BRICS", "SCO", "OPEC", "IAEA", "WHO", "IMF",
                         "WTO", "G7", "G20", "ARAB_LEAGUE", "GCC"})


@dataclass(frozen=True)
class GoldItem:
    """One gold item: a short text and the (source, target, type) tuples it asserts."""

    id: str
    text: str
    expected: frozenset[Triple]
    date: str | None = None


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with the derived figures."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class Miss:
    """A difference between prediction and gold for one item."""

    item: str
    kind: str  # "missed" (false negative) or "spurious" (false positive)
    triple: Triple
    text: str


@dataclass(frozen=True)
class Scores:
    """The result of an evaluation."""

    items: int
    typed: Counts
    dyad: Counts
    per_type: dict[str, Counts] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    calibration: dict[str, Counts] = field(default_factory=dict)

    def to_json(self) -> dict:
        """Figures as a JSON-ready dict (misses included)."""
        def figures(counts: Counts) -> dict:
            return {"tp": counts.tp, "fp": counts.fp, "fn": counts.fn, "precision": round(counts.precision, 4),
                    "recall": round(counts.recall, 4), "f1": round(counts.f1, 4)}
        return {"items": self.items, "typed": figures(self.typed), "dyad": figures(self.dyad),
                "per_type": {name: figures(c) for name, c in self.per_type.items()},
                "misses": [{"item": m.item, "kind": m.kind, "source": m.triple[0], "target": m.triple[1],
                            "type": m.triple[2]} for m in self.misses],
                "calibration": {band: {"tp": c.tp, "fp": c.fp, "precision": round(c.precision, 4)}
                                for band, c in self.calibration.items()}}


def load_gold(path: str) -> list[GoldItem]:
    """Read a gold JSONL file, checking each item's shape.

    Raises:
        InputError: a line without id/text/expected, or with an unknown event type.
    """
    items = []
    for line, record in read_jsonl(path):
        try:
            expected = frozenset((e["source"], e["target"], e["type"]) for e in record["expected"])
            item = GoldItem(id=str(record["id"]), text=record["text"], expected=expected,
                            date=record.get("date"))
        except (KeyError, TypeError) as err:
            raise InputError(path, f"gold item lacks {err}", line=line,
                             fix='give each line "id", "text" and "expected": [{"source","target","type"}]') from err
        unknown = {t for _, _, t in expected} - set(EVENT_TYPES)
        if unknown:
            raise InputError(path, f"unknown event type {sorted(unknown)[0]!r}", line=line,
                             fix="use the 16 PLOVER types of SCHEME.md")
        items.append(item)
    if not items:
        raise InputError(path, "no gold items", fix="write one JSON object per line")
    return items


#: Confidence bands of the calibration table: (label, lowest confidence in the band).
CONFIDENCE_BANDS = (("0.9-1.0", 0.9), ("0.8-0.9", 0.8), ("0.7-0.8", 0.7), ("0.6-0.7", 0.6), ("0.0-0.6", 0.0))


def score(predicted: Mapping[str, Iterable[Triple]], gold: list[GoldItem],
          confidence: Mapping[tuple[str, Triple], float] | None = None) -> Scores:
    """Compare predicted tuples per item id with the gold items.

    ``confidence`` (the extractor's confidence per item id and tuple) adds a calibration table:
    the precision of the typed tuples in each confidence band.
    """
    typed, dyad = Counts(), Counts()
    per_type = {name: Counts() for name in EVENT_TYPES}
    calibration = {band: Counts() for band, _ in CONFIDENCE_BANDS}
    misses: list[Miss] = []
    for item in gold:
        guess = set(predicted.get(item.id, ()))
        typed += _count(guess, item.expected)
        dyad += _count({t[:2] for t in guess}, {t[:2] for t in item.expected})
        for name in EVENT_TYPES:
            per_type[name] += _count({t for t in guess if t[2] == name},
                                     {t for t in item.expected if t[2] == name})
        misses += [Miss(item.id, "missed", t, item.text) for t in sorted(item.expected - guess)]
        misses += [Miss(item.id, "spurious", t, item.text) for t in sorted(guess - item.expected)]
        for triple in guess if confidence else ():
            band = _band(confidence.get((item.id, triple), 1.0))
            calibration[band] += Counts(tp=int(triple in item.expected), fp=int(triple not in item.expected))
    per_type = {name: c for name, c in per_type.items() if c.tp or c.fp or c.fn}
    calibration = {band: c for band, c in calibration.items() if c.tp or c.fp}
    return Scores(items=len(gold), typed=typed, dyad=dyad, per_type=per_type, misses=misses,
                  calibration=calibration)


def _band(value: float) -> str:
    return next(label for label, low in CONFIDENCE_BANDS if value >= low)


def _count(guess: set, expected: set) -> Counts:
    return Counts(tp=len(guess & expected), fp=len(guess - expected), fn=len(expected - guess))


def evaluate(gold_path: str, *, nlp=None, model: str | None = None) -> Scores:
    """Run the extractor on every gold item's text and score it (asserted relations only)."""
    from kg.pipeline import extract_documents

    gold = load_gold(gold_path)
    documents = [Document(id=item.id, text=item.text, date=item.date) for item in gold]
    predicted: dict[str, set[Triple]] = {item.id: set() for item in gold}
    confidence: dict[tuple[str, Triple], float] = {}
    for relation in extract_documents(documents, nlp=nlp, model=model):
        if in_scheme(relation.source.country) and in_scheme(relation.target.country):
            triple = (relation.source.country, relation.target.country, relation.type)
            predicted[relation.doc_id].add(triple)
            key = (relation.doc_id, triple)
            confidence[key] = max(confidence.get(key, 0.0), relation.confidence)
    return score(predicted, gold, confidence)


def in_scheme(code: str | None) -> bool:
    """True for the actors the gold scheme codes: states, and the IGOs its list names.

    kg knows more IGOs (OSCE, Mercosur, ICJ ...) than the scheme, which leaves them out.

    Example:
        >>> [in_scheme(code) for code in ("IND", "NATO", "MERCOSUR", None)]
        [True, True, False, False]
    """
    from kg.actors import default_dictionary

    if code is None:
        return False
    entry = default_dictionary().entry(code)
    return code in SCHEME_IGOS or (entry is not None and entry.kind == "state")


def format_report(scores: Scores, *, misses: bool = True) -> str:
    """A plain-text report: per-type table, misses, then the two summary lines."""
    lines = [f"{'type':<10} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}"]
    for name, c in scores.per_type.items():
        lines.append(f"{name:<10} {c.tp:>4} {c.fp:>4} {c.fn:>4} {c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f}")
    if misses and scores.misses:
        lines.append("")
        lines.append("misses:")
        for miss in scores.misses:
            source, target, kind = miss.triple
            lines.append(f"  {miss.item:<12} {miss.kind:<8} {source}->{target} {kind}")
    if scores.calibration:
        lines += ["", "confidence   tp   fp      P"]
        lines += [f"{band:<10} {c.tp:>4} {c.fp:>4} {c.precision:>6.3f}" for band, c in scores.calibration.items()]
    lines.append("")
    for label, c in (("typed", scores.typed), ("dyad", scores.dyad)):
        lines.append(f"{label:<5} P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f} "
                     f"(tp={c.tp} fp={c.fp} fn={c.fn}, {scores.items} items)")
    return "\n".join(lines)
