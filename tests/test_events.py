"""The event lexicon: shipped data loads, agrees with the CAMEO/Goldstein tables, and rejects bad rows."""

from __future__ import annotations

import csv

import pytest

from kg.errors import InputError
from kg.events import EventLexicon, default_lexicon
from kg.records import EVENT_TYPES


def test_light_verbs_plain_verbs_and_nouns_are_found():
    lexicon = default_lexicon()
    assert [entry.type for entry in lexicon.light_verbs("hold", "talks")] == ["CONSULT"]
    assert [entry.type for entry in lexicon.light_verbs("hold", "exercise")] == ["COOPERATE"]
    assert [entry.type for entry in lexicon.light_verbs("strike", "deal")] == ["AGREE"]
    assert [entry.type for entry in lexicon.light_verbs("send", "troops")] == ["AID", "MOBILIZE"]
    assert lexicon.light_verbs("receive", "jets")[0].reverse
    assert lexicon.verb("strike").type == "ASSAULT"
    assert [entry.mutual for entry in lexicon.nouns("visit")] == [False]
    assert lexicon.verb("announce") is None


def test_every_goldstein_score_matches_the_gdelt_table(shared):
    with open(shared / "data" / "cameo" / "cameo_goldstein.csv", encoding="utf-8") as handle:
        table = {row["cameo_code"]: float(row["goldstein"]) for row in csv.DictReader(handle)}
    for entry in default_lexicon().entries:
        assert table[entry.cameo] == entry.goldstein, entry.trigger


def test_every_plover_type_has_a_trigger():
    assert {entry.type for entry in default_lexicon().entries} == set(EVENT_TYPES)


def test_a_row_with_an_unknown_type_names_file_and_line(tmp_path):
    lexicon = tmp_path / "lexicon.tsv"
    lexicon.write_text("trigger\tpos\tobjects\ttype\tcameo\tgoldstein\ttarget_preps\tmutual\n"
                       "befriend\tverb\t-\tFRIEND\t051\t3.4\t-\tno\n", encoding="utf-8")
    modality = tmp_path / "modality.tsv"
    modality.write_text("word\tcue\nmay\tmodal\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"lexicon.tsv:2: unknown event type 'FRIEND'"):
        EventLexicon.from_files(lexicon, modality)
