"""The event lexicon: shipped data loads, agrees with the CAMEO/Goldstein tables, and rejects bad rows."""

from __future__ import annotations

import collections
import csv
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.events import GENERATED_LEXICON, EventLexicon, default_lexicon
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


# --- the generated PETRARCH layer and its converter -------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
HEADER = "trigger\tpos\tobjects\ttype\tcameo\tgoldstein\ttarget_preps\tmutual\n"


def _converter():
    """scripts/build_event_lexicon.py as a module (scripts/ is a namespace package under the repository)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module("scripts.build_event_lexicon")


def _lexicon(tmp_path, *layers: str) -> EventLexicon:
    paths = []
    for number, rows in enumerate(layers):
        path = tmp_path / f"layer{number}.tsv"
        path.write_text(HEADER + rows, encoding="utf-8")
        paths.append(path)
    modality = tmp_path / "modality.tsv"
    modality.write_text("word\tcue\nmay\tmodal\n", encoding="utf-8")
    return EventLexicon.from_files(paths, modality)


#: A dictionary in PETRARCH2's verb syntax, written for this test (not taken from PETRARCH).
TOY_DICTIONARY = """\
# toy verb dictionary
&VESSEL
+FRIGATE
+PATROL_BOAT

####### VERB PATTERNS #######

---  SCOLD   [111]  ---
REPROVE
UPBRAID {UPBRAIDS UPBRAIDED UPBRAIDING}
- * &VESSEL                                   [171]   # seizing ships, in this toy
- * (WITH)                                    [111]

---  PARLEY   [040:040]  ---
PARLEY
- * ENVOYS                                    [046:046]
- * TRUCE                                     [057:057]

---  CALLOUT   [---]  ---
+CALL_OUT [:111]
SPEAK
- * GREETINGS                                 [018]

---  REPEAT   [190]  ---
REPROVE
- NAVY *                                      [190]
- * BY AIR {LONG RANGE}                       [195]

######## TRANSFORMATIONS ##########
"""


def test_the_converter_reads_verbs_patterns_synsets_and_codes(tmp_path):
    converter = _converter()
    rules, skipped = converter.parse_dictionary(TOY_DICTIONARY)
    readings: dict = {}
    for rule in rules:
        readings.setdefault((rule.verb, rule.obj), (rule.code, rule.back, rule.prep))
    assert readings["reprove", ""] == ("111", "", "")
    assert readings["upbraid", "frigate"] == ("171", "", "")  # a synset expands to its phrases
    assert readings["upbraid", "patrol boat"] == ("171", "", "")
    assert readings["upbraid", ""] == ("111", "", "")
    assert readings["parley", "truce"] == ("057", "057", "")  # [X:X] is joint
    assert readings["call out", ""] == ("", "111", "")  # [:Y] codes the reverse direction only
    assert ("speak", "greetings") in readings  # typed later: 01x has no type
    assert skipped["pattern: words before the verb"] == 1
    assert skipped["pattern: several nouns in sequence"] == 1


def test_the_converter_types_selects_and_merges_readings(tmp_path, shared):
    converter = _converter()
    rules, _ = converter.parse_dictionary(TOY_DICTIONARY)
    types, scores = converter.read_crosswalk(shared / "data" / "cameo")
    report = collections.Counter()
    rows = {(row.trigger, row.objects): row for row in converter.build(rules, types, scores, converter.Lemmatiser(),
                                                                       report)}
    # a verb belongs to its first block: REPEAT's [190] does not apply to "reprove"
    assert rows["reprove", ()].type == "ACCUSE"
    assert rows["reprove", ()].target_preps[0] == "with"  # a bare (PREP) pattern adds a target preposition
    parley = rows["parley", ("envoy", "envoys")]
    assert (parley.type, parley.cameo, parley.mutual) == ("CONSULT", "046", True)
    # patterns that change the verb's type are dropped: PETRARCH applies them to every verb of a block
    assert ("parley", ("truce", "truces")) not in rows
    assert not any(trigger == "upbraid" and objects for trigger, objects in rows)
    assert report["dropped", "05", "pattern that changes the verb's type"] == 1
    assert rows["call out", ()].reverse
    assert not any(trigger == "speak" for trigger, _ in rows)  # CAMEO 01x statements are dropped
    assert report["dropped", "01", "no type in the crosswalk"] == 2  # "speak" and "call out" + greetings
    assert converter.Lemmatiser()("upbraided", "VERB") == "upbraid"


def test_an_excluded_verb_reading_keeps_no_row(tmp_path, shared):
    converter = _converter()
    rules, _ = converter.parse_dictionary("---  X   [190]  ---\nDEFEAT\nSMITE\n".replace(
        "---  X", "####### VERB PATTERNS #######\n---  X"))
    types, scores = converter.read_crosswalk(shared / "data" / "cameo")
    rows = converter.build(rules, types, scores, converter.Lemmatiser())
    assert [row.trigger for row in rows] == ["smite"]  # "defeat" is excluded: mostly sport in news
    assert converter.EXCLUDED_VERB_READINGS["defeat"]


def test_curated_rows_win_over_the_generated_layer(tmp_path):
    generated = ("scold\tverb\t-\tACCUSE\t111\t-2.0\t-\tno\n"
                 "scold\tverb\tfrigate|frigates\tCOERCE\t171\t-9.2\t-\tno\n"
                 "lodge\tverb\tprotests|appeal\tREQUEST\t020\t3.0\t-\tno\n"
                 "parley\tverb\t-\tCONSULT\t040\t1.0\twith\tyes\n"
                 "truce\tnoun\t-\tRETREAT\t0871\t10.0\t-\tno\n")
    curated = ("scold\tverb\t-\tACCUSE\t112\t-2.0\tagainst\tno\n"
               "lodge\tverb\tprotest\tACCUSE\t114\t-2.0\twith\tno\n"
               "truce\tnoun\t-\tAGREE\t057\t8.0\tbetween\tyes\n")
    lexicon = _lexicon(tmp_path, generated, curated)
    assert lexicon.verb("scold").cameo == "112"
    assert lexicon.light_verbs("scold", "frigates") == []  # a curated verb stands whatever its object
    # the curated singular also replaces the generated plural (kg looks an object up by its text and lemma)
    assert lexicon.light_verbs("lodge", "protests") == []
    assert [entry.type for entry in lexicon.light_verbs("lodge", "protest")] == ["ACCUSE"]
    assert [entry.type for entry in lexicon.light_verbs("lodge", "appeal")] == ["REQUEST"]  # other objects stay
    assert lexicon.verb("parley").mutual
    assert [entry.type for entry in lexicon.nouns("truce")] == ["AGREE"]


def test_the_generated_layer_is_valid_and_records_its_source():
    text = (ROOT / "kg" / "data" / "events" / GENERATED_LEXICON).read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")][:5]
    assert any("openeventdata/petrarch2" in line and "MIT" in line for line in header)
    assert any("CC BY-SA 4.0" in line for line in header)
    assert any("python scripts/build_event_lexicon.py" in line for line in header)
    lexicon = default_lexicon()
    assert lexicon.verb("castigate").type == "ACCUSE"  # from PETRARCH
    assert lexicon.verb("accuse").cameo == "112"  # curated
    assert lexicon.verb("defeat") is None  # excluded


def test_the_generated_layer_is_up_to_date(shared):
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_event_lexicon.py"), "--check"],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    assert done.returncode == 0, done.stderr
