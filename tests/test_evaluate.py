"""Scoring: micro figures, dyads, per-type counts, misses and the confidence calibration table."""

from __future__ import annotations

from kg.evaluate import GoldItem, in_scheme, score


def gold(item_id, *triples):
    return GoldItem(id=item_id, text="...", expected=frozenset(triples))


def test_typed_and_dyad_figures_count_each_tuple_once():
    items = [gold("a", ("IND", "RUS", "AGREE"), ("RUS", "IND", "AGREE")), gold("b")]
    scores = score({"a": {("IND", "RUS", "AGREE"), ("IND", "RUS", "CONSULT")}, "b": {("CHN", "USA", "ACCUSE")}},
                   items)
    assert (scores.typed.tp, scores.typed.fp, scores.typed.fn) == (1, 2, 1)
    assert (scores.dyad.tp, scores.dyad.fp, scores.dyad.fn) == (1, 1, 1)
    assert {(m.item, m.kind) for m in scores.misses} == {("a", "missed"), ("a", "spurious"), ("b", "spurious")}


def test_calibration_bands_hold_precision_per_confidence():
    items = [gold("a", ("IND", "RUS", "AGREE"))]
    predicted = {"a": {("IND", "RUS", "AGREE"), ("IND", "CHN", "AGREE")}}
    confidence = {("a", ("IND", "RUS", "AGREE")): 0.95, ("a", ("IND", "CHN", "AGREE")): 0.55}
    calibration = score(predicted, items, confidence).calibration
    assert (calibration["0.9-1.0"].tp, calibration["0.0-0.6"].fp) == (1, 1)
    assert calibration["0.9-1.0"].precision == 1.0 and calibration["0.0-0.6"].precision == 0.0


def test_scheme_vocabulary_keeps_states_and_listed_igos_only():
    assert [in_scheme(code) for code in ("IND", "ARAB_LEAGUE", "OSCE", "person:narendra-modi")] == [
        True, True, False, False]
