"""kg.lookup and `kg actors lookup`: what a text resolves to, alone, as a title phrase, and in a sentence."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from kg.actors import ActorDictionary
from kg.cli import app
from kg.errors import InputError
from kg.lookup import lookup_actor, lookup_jsonl
from kg.records import Document

runner = CliRunner()

USER_ENTITIES = "id\tkind\tlabel\tcountry\twikidata\tsource\nATL\tstate\tAtlantis\t\t\tmy notes\n"
USER_NAMES = "name\tid\tform\tsource\nAtlantis\tATL\tname\tmy notes\nAtlantean\tATL\tdemonym\tmy notes\n"


@pytest.fixture
def user_actors(tmp_path):
    """A user dictionary folder adding the state Atlantis (ATL) and its demonym."""
    (tmp_path / "entities.tsv").write_text(USER_ENTITIES, encoding="utf-8")
    (tmp_path / "names.tsv").write_text(USER_NAMES, encoding="utf-8")
    return tmp_path


@pytest.fixture
def shipped_pipeline_is(monkeypatch, nlp):
    """Let the CLI's cached pipeline be the session's, so no second model is loaded."""
    monkeypatch.setattr("kg.lookup._shipped_pipeline", lambda: nlp)


# Whole texts: the dictionary's surface forms

def test_lookup_country_name_is_the_state_with_its_name_row():
    found = lookup_actor("India")
    assert (found.known, found.country, found.kind, found.id, found.how) == (True, "IND", "state", "IND", "name")
    assert found.entry.label == "India"
    assert found.to_json()["source"] == {"name": "pycountry", "office": None}


def test_lookup_person_on_a_date_gives_the_office_and_its_source():
    found = lookup_actor("Modi", date="2020-01-01")
    assert (found.country, found.id, found.how) == ("IND", "person:narendra-modi", "short")
    assert (found.office.role, found.office.start, found.office.end) == ("head_of_government", "2014-05-26", None)
    assert found.to_json()["source"] == {"name": "curated", "office": "curated"}


def test_lookup_former_office_holder_stands_for_no_state():
    out_of_office = lookup_actor("Trump", date="2022-06-01")
    assert (out_of_office.known, out_of_office.country, out_of_office.office) == (True, None, None)
    assert out_of_office.id == "person:donald-trump"
    in_office = lookup_actor("Trump", date="2018")
    assert (in_office.country, in_office.office.start) == ("USA", "2017-01-20")


def test_lookup_seat_of_power_is_its_state():
    found = lookup_actor("the Kremlin")
    assert (found.country, found.how, found.name.name) == ("RUS", "seat", "Kremlin")


# Title phrases, without a parse

@pytest.mark.parametrize(("text", "country", "how"), [
    ("Indian Prime Minister", "IND", "demonym+agent"),
    ("the Russian foreign ministry", "RUS", "demonym+agent"),
    ("US officials", "USA", "short+agent"),
    ("Japan's ambassador Taro Yamada", "JPN", "name+agent"),
])
def test_lookup_state_before_an_agent_word_is_the_state(text, country, how):
    found = lookup_actor(text)
    assert (found.country, found.kind, found.how) == (country, "state", how)


def test_lookup_known_person_after_a_title_is_the_person():
    found = lookup_actor("China's UN Ambassador Liu Jieyi")
    assert (found.country, found.id, found.how) == ("CHN", "person:liu-jieyi", "title+name")


def test_lookup_title_phrase_of_a_person_out_of_office_stands_for_no_state():
    found = lookup_actor("China's UN Ambassador Liu Jieyi", date="2023-06-01")
    assert (found.id, found.country) == ("person:liu-jieyi", None)


@pytest.mark.parametrize("text", ["Atlantis", "Indian cricket fans", "the foreign ministry", "india", ""])
def test_lookup_unknown_text_is_not_an_error(text):
    found = lookup_actor(text)
    assert (found.known, found.country, found.how) == (False, None, "unknown")
    assert found.to_json()["entry"] is None


@pytest.mark.parametrize("date", ["2020-13-01", "2020-02-30", "01/02/2020", "2020-1-5", "yesterday"])
def test_lookup_invalid_date_raises_input_error_with_fix(date):
    with pytest.raises(InputError, match="is not a calendar date; write it as YYYY-MM-DD"):
        lookup_actor("India", date=date)


def test_lookup_user_dictionary_adds_an_actor(user_actors):
    actors = ActorDictionary.load([user_actors])
    assert lookup_actor("Atlantis", actors=actors).country == "ATL"
    assert lookup_actor("Atlantean officials", actors=actors).how == "demonym+agent"
    assert lookup_actor("India", actors=ActorDictionary.load([user_actors], replace=True)).known is False


def test_lookup_without_context_imports_no_spacy():
    code = "import sys, kg; kg.lookup_actor('Indian officials'); print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# In a sentence: the extractor's own resolution

def test_context_person_named_with_title_is_the_person(nlp):
    found = lookup_actor("Liu Jieyi", context="China's UN Ambassador Liu Jieyi criticised the plan.", nlp=nlp)
    assert (found.country, found.id, found.how, found.office.role) == ("CHN", "person:liu-jieyi", "context", "official")


@pytest.mark.parametrize(("text", "context", "country"), [
    ("officials", "Indian officials met Chinese diplomats.", "IND"),
    ("diplomats", "Indian officials met Chinese diplomats.", "CHN"),
    ("it", "Pakistan said it had shot down a drone.", "PAK"),
])
def test_context_resolves_words_the_dictionary_alone_does_not_know(nlp, text, context, country):
    assert lookup_actor(text).known is False
    found = lookup_actor(text, context=context, nlp=nlp)
    assert (found.country, found.kind, found.how) == (country, "state", "context")


def test_context_demonym_alone_names_the_state_but_stands_for_none(nlp):
    found = lookup_actor("Chinese", context="Indian officials met Chinese diplomats.", nlp=nlp)
    assert (found.id, found.country, found.name.form) == ("CHN", None, "demonym")


def test_context_agrees_with_the_extractor(nlp):
    from kg.pipeline import extract_documents

    sentence = "The Russian foreign ministry criticised Washington."
    relation, = extract_documents([Document("d1", sentence)], nlp=nlp)
    assert lookup_actor(relation.source.text, context=sentence, nlp=nlp).country == relation.source.country
    assert lookup_actor(relation.target.text, context=sentence, nlp=nlp).country == relation.target.country


def test_context_with_a_user_dictionary_marks_its_names(nlp, user_actors):
    actors = ActorDictionary.load([user_actors])
    found = lookup_actor("officials", context="Atlantean officials protested.", actors=actors, nlp=nlp)
    assert (found.country, found.name.source) == ("ATL", "my notes")


@pytest.mark.parametrize("text", ["Liu Jieyi", "liu jieyi", " "])
def test_context_without_the_text_raises_input_error(nlp, text):
    with pytest.raises(InputError, match=r"^(context|text): "):
        lookup_actor(text, context="China's ambassador criticised the plan.", nlp=nlp)


# JSON lines

def test_jsonl_answers_each_line_in_order_and_skips_blank_lines():
    lines = ['{"text": "India"}', "", '{"text": "Modi", "date": null}', '{"text": "Trump"}']
    answers = list(lookup_jsonl(lines, date="2022-06-01"))
    assert [(found.text, found.country, found.date) for found in answers] == [
        ("India", "IND", "2022-06-01"), ("Modi", "IND", None), ("Trump", None, "2022-06-01")]


@pytest.mark.parametrize(("line", "problem"), [
    (b"{not json", "invalid JSON"),
    (b'["India"]', "line is not a JSON object"),
    (b'{"date": "2020"}', '"text" is missing or not a string'),
    (b'{"text": "India", "contxt": "x"}', "unknown key 'contxt'; use only text, date, context"),
    (b'{"text": "India", "date": 2020}', '"date" is not a string'),
    (b'{"text": "India", "date": "2020-99"}', "date: '2020-99' is not a calendar date"),
    (b'{"text": "\xff"}', "not UTF-8 text"),
])
def test_jsonl_bad_line_names_source_and_line(line, problem):
    with pytest.raises(InputError, match=r"^queries\.jsonl:2: ") as caught:
        list(lookup_jsonl([b'{"text": "India"}\n', line], source="queries.jsonl"))
    assert problem in str(caught.value)


# The command line

def test_cli_lookup_prints_the_answer_as_json():
    result = runner.invoke(app, ["actors", "lookup", "Modi", "--date", "2020-01-01"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert (answer["country"], answer["kind"], answer["office"]["role"]) == ("IND", "person", "head_of_government")
    assert answer["source"] == {"name": "curated", "office": "curated"}


def test_cli_lookup_unknown_text_exits_0_with_known_false():
    result = runner.invoke(app, ["actors", "lookup", "Atlantis"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["known"] is False


def test_cli_lookup_stdin_answers_one_line_each_in_order(shipped_pipeline_is):
    lines = [{"text": "India"}, {"text": "Atlantis"},
             {"text": "officials", "context": "Indian officials met Chinese diplomats."}]
    stdin = "".join(json.dumps(line) + "\n" for line in lines)
    result = runner.invoke(app, ["actors", "lookup", "-"], input=stdin)
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(a["text"], a["country"], a["kind"]) for a in answers] == [
        ("India", "IND", "state"), ("Atlantis", None, None), ("officials", "IND", "state")]


def test_cli_lookup_stdin_bad_line_exits_2_after_the_answers_before_it():
    result = runner.invoke(app, ["actors", "lookup", "-"], input='{"text": "India"}\n{"text": India}\n')
    assert result.exit_code == 2
    assert [json.loads(line)["country"] for line in result.stdout.splitlines()] == ["IND"]
    assert result.stderr.startswith("kg: error: <stdin>:2: invalid JSON")
    assert len(result.stderr.splitlines()) == 1


def test_cli_lookup_user_actors_add_to_or_replace_the_shipped_ones(user_actors):
    added = runner.invoke(app, ["actors", "lookup", "Atlantis", "--actors", str(user_actors / "entities.tsv"),
                                "--actors", str(user_actors / "names.tsv")])
    assert json.loads(added.stdout)["country"] == "ATL"
    replaced = runner.invoke(app, ["actors", "lookup", "India", "--actors", str(user_actors), "--replace-actors"])
    assert json.loads(replaced.stdout)["known"] is False


def test_cli_lookup_context_with_user_actors(shipped_pipeline_is, user_actors):
    result = runner.invoke(app, ["actors", "lookup", "Atlantis", "--context", "Atlantis protested.",
                                 "--actors", str(user_actors)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["country"] == "ATL"


@pytest.mark.parametrize(("args", "message"), [
    (["India", "--date", "2020-13-01"], "kg: error: date: '2020-13-01' is not a calendar date"),
    (["India", "--replace-actors"], "kg: error: --replace-actors: needs at least one --actors FILE"),
])
def test_cli_lookup_bad_input_exits_2_with_one_line(args, message):
    result = runner.invoke(app, ["actors", "lookup", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1
