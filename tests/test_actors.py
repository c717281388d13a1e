"""Behaviour of the actor dictionary: lookup, dated offices, user data and the shipped tables."""

from __future__ import annotations

import datetime
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from kg.actors import ActorDictionary, default_dictionary, name_key, read_table
from kg.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
ACTOR_DIR = ROOT / "kg" / "data" / "actors"


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return default_dictionary()


def _build_script():
    spec = importlib.util.spec_from_file_location("build_actor_data", ROOT / "scripts" / "build_actor_data.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def _write(folder: Path, name: str, lines: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- lookup of states, IGOs and metonyms ---------------------------------------------------

@pytest.mark.parametrize("mention", ["India", "Indian", "New Delhi", "Republic of India", "INDIA"])
def test_lookup_names_demonym_and_capital_resolve_to_the_state(actors, mention):
    found = actors.lookup(mention)
    assert (found.id, found.country, found.kind, found.text) == ("IND", "IND", "state", mention)


@pytest.mark.parametrize(("mention", "code"), [
    ("the Kremlin", "RUS"), ("Kremlin's", "RUS"), ("Washington", "USA"), ("the White House", "USA"),
    ("the Pentagon", "USA"), ("Beijing", "CHN"), ("Beijing’s", "CHN"), ("Zhongnanhai", "CHN"),
    ("Downing Street", "GBR"), ("Élysée", "FRA"), ("Elysee", "FRA"), ("Kyiv", "UKR"), ("Kiev", "UKR"),
    ("Pyongyang", "PRK"), ("Seoul", "KOR"), ("Tokyo", "JPN"), ("Moscow", "RUS"),
])
def test_capitals_and_seats_of_power_stand_for_their_state(actors, mention, code):
    assert actors.lookup(mention).country == code


@pytest.mark.parametrize(("mention", "code"), [
    ("US", "USA"), ("U.S.", "USA"), ("U.S.'s", "USA"), ("USA", "USA"), ("America", "USA"),
    ("the United States of America", "USA"), ("UK", "GBR"), ("Britain", "GBR"),
    ("South Korea", "KOR"), ("North Korea", "PRK"), ("DPRK", "PRK"), ("Iran", "IRN"), ("Russia", "RUS"),
    ("Syria", "SYR"), ("Vietnam", "VNM"), ("Laos", "LAO"), ("Taiwan", "TWN"), ("Kosovo", "XKX"),
    ("Palestine", "PSE"), ("Holy See", "VAT"), ("UAE", "ARE"),
])
def test_common_names_where_iso_names_are_formal(actors, mention, code):
    assert actors.lookup(mention).id == code


def test_short_forms_keep_their_case_so_the_pronoun_us_is_not_the_usa(actors):
    assert actors.lookup("US").id == "USA"
    assert actors.lookup("us") is None
    assert actors.lookup("Us") is None
    assert actors.lookup("xi") is None


def test_a_single_lower_case_word_never_matches(actors):
    assert actors.lookup("turkey") is None
    assert actors.lookup("china") is None
    assert actors.lookup("Turkey").id == "TUR"


@pytest.mark.parametrize("mention", ["Mumbai", "Shanghai", "New York", "Karachi", "Istanbul", "Sydney"])
def test_big_cities_that_are_not_capitals_are_unknown(actors, mention):
    assert actors.lookup(mention) is None


def test_ambiguous_forms_are_left_out(actors):
    assert actors.lookup("Congo") is None
    assert actors.lookup("Congolese") is None
    assert actors.lookup("Korean") is None
    assert actors.lookup("Democratic Republic of Congo").id == "COD"


@pytest.mark.parametrize(("mention", "code"), [
    ("NATO", "NATO"), ("Nato", "NATO"), ("the European Union", "EU"), ("EU", "EU"), ("Brussels", "EU"),
    ("the United Nations", "UN"), ("U.N. Security Council", "UN"), ("African Union", "AU"),
    ("the Arab League", "ARAB_LEAGUE"), ("Gulf Cooperation Council", "GCC"), ("G20", "G20"),
    ("UN nuclear watchdog", "IAEA"),
])
def test_igos_resolve_to_the_scheme_acronym(actors, mention, code):
    found = actors.lookup(mention)
    assert (found.id, found.country, found.kind) == (code, code, "igo")


# --- people and their dated offices --------------------------------------------------------

def test_putin_acts_for_russia_as_prime_minister_in_2010(actors):
    found = actors.lookup("Putin", date="2010-01-01")
    assert (found.id, found.country, found.kind) == ("person:vladimir-putin", "RUS", "person")
    roles = {office.role for office in actors.offices("person:vladimir-putin") if office.active_on("2010-01-01")}
    assert roles == {"head_of_government"}


def test_trump_acts_for_the_usa_in_both_terms_but_not_between_them(actors):
    assert actors.lookup("Trump", date="2019-03-01").country == "USA"
    assert actors.lookup("Trump", date="2025-06-01").country == "USA"
    assert actors.lookup("Donald Trump", date="2022-06-01").country is None


def test_person_without_date_takes_the_country_of_the_latest_office(actors):
    assert actors.lookup("Rutte").country == "NATO"
    assert actors.lookup("Rutte", date="2020-01-01").country == "NLD"
    assert actors.lookup("Ban Ki-moon").country == "UN"


def test_dates_may_be_partial_or_date_objects(actors):
    assert actors.lookup("Modi", date="2015").country == "IND"
    assert actors.lookup("Modi", date=datetime.date(2013, 1, 1)).country is None
    assert actors.lookup("Modi", date="2024-06-01T09:00:00Z").country == "IND"
    with pytest.raises(ValueError, match="ISO 8601"):
        actors.lookup("Modi", date="June 2024")


@pytest.mark.parametrize(("mention", "date", "country"), [
    ("Xi", "2020-01-01", "CHN"), ("Xi Jinping", "2013-05-01", "CHN"), ("Hu Jintao", "2008-01-01", "CHN"),
    ("Wang Yi", "2024-01-01", "CHN"), ("Li Qiang", "2024-01-01", "CHN"), ("Li Keqiang", "2015-01-01", "CHN"),
    ("Medvedev", "2010-01-01", "RUS"), ("Lavrov", "2020-01-01", "RUS"), ("Obama", "2012-01-01", "USA"),
    ("George W. Bush", "2003-03-20", "USA"), ("Blinken", "2023-01-01", "USA"), ("Rubio", "2025-06-01", "USA"),
    ("Pompeo", "2019-01-01", "USA"), ("Zelensky", "2023-01-01", "UKR"), ("Netanyahu", "2024-01-01", "ISR"),
    ("Khamenei", "2020-01-01", "IRN"), ("Raisi", "2022-01-01", "IRN"), ("Pezeshkian", "2025-01-01", "IRN"),
    ("Kim Jong Un", "2018-06-12", "PRK"), ("Erdogan", "2020-01-01", "TUR"), ("Macron", "2020-01-01", "FRA"),
    ("Scholz", "2023-01-01", "DEU"), ("Merz", "2025-06-01", "DEU"), ("Starmer", "2025-01-01", "GBR"),
    ("Sunak", "2023-01-01", "GBR"), ("Boris Johnson", "2020-01-01", "GBR"), ("Kishida", "2022-01-01", "JPN"),
    ("Ishiba", "2025-01-01", "JPN"), ("Abe", "2015-01-01", "JPN"), ("Yoon Suk Yeol", "2023-01-01", "KOR"),
    ("Lee Jae-myung", "2025-07-01", "KOR"), ("Moon Jae-in", "2019-01-01", "KOR"),
    ("Shehbaz Sharif", "2024-06-01", "PAK"), ("Imran Khan", "2020-01-01", "PAK"), ("Lula", "2024-01-01", "BRA"),
    ("Bolsonaro", "2020-01-01", "BRA"), ("Milei", "2024-06-01", "ARG"), ("Sheinbaum", "2025-01-01", "MEX"),
    ("Albanese", "2023-01-01", "AUS"), ("Trudeau", "2020-01-01", "CAN"), ("Carney", "2025-06-01", "CAN"),
    ("Ramaphosa", "2020-01-01", "ZAF"), ("MBS", "2023-01-01", "SAU"), ("King Salman", "2020-01-01", "SAU"),
    ("Prabowo", "2025-01-01", "IDN"), ("Jokowi", "2020-01-01", "IDN"), ("Assad", "2015-01-01", "SYR"),
    ("Maduro", "2020-01-01", "VEN"), ("Guterres", "2020-01-01", "UN"), ("Stoltenberg", "2020-01-01", "NATO"),
    ("von der Leyen", "2022-01-01", "EU"), ("Jaishankar", "2022-01-01", "IND"),
    ("Liu Jieyi", "2015-01-01", "CHN"), ("Liu Zhenmin", "2014-01-01", "CHN"),
])
def test_leaders_and_diplomats_act_for_their_state_on_the_date(actors, mention, date, country):
    assert actors.lookup(mention, date=date).country == country


def test_office_holder_answers_who_held_a_post_on_a_date(actors):
    assert actors.office_holder("USA", "head_of_state", date="2022-01-01").label == "Joe Biden"
    assert actors.office_holder("USA", "head_of_state", date="2018-06-01").id == "person:donald-trump"
    assert actors.office_holder("RUS", "head_of_government", date="2010-01-01").id == "person:vladimir-putin"
    assert actors.office_holder("UN", "secretary_general", date="2010-01-01").id == "person:ban-ki-moon"
    assert actors.office_holder("USA", "head_of_state", date="1850-01-01") is None


def test_office_holder_on_a_hand_over_day_is_the_incoming_holder(actors):
    assert actors.office_holder("USA", "head_of_state", date="2021-01-20").label == "Joe Biden"


def test_office_holder_without_date_is_the_current_holder(actors):
    assert actors.office_holder("CHN", "head_of_state", date=None).label == "Xi Jinping"


# --- agents --------------------------------------------------------------------------------

@pytest.mark.parametrize(("word", "kind"), [
    ("government", "government"), ("Foreign Ministry", "diplomatic"), ("armed forces", "military"),
    ("troops", "military"), ("senate", "legislature"), ("prime minister", "government"),
])
def test_agent_nouns_have_a_kind(actors, word, kind):
    assert actors.is_agent(word) == kind


def test_ordinary_nouns_are_not_agents(actors):
    assert actors.is_agent("farmers") is None


# --- the phrase-matcher view ---------------------------------------------------------------

def test_names_lists_every_surface_form_of_an_actor(actors):
    usa = {entry.name for entry in actors.names() if entry.id == "USA"}
    assert {"US", "U.S.", "United States", "American", "Washington", "White House"} <= usa
    assert {entry.name for entry in actors.forms("person:narendra-modi")} >= {"Narendra Modi", "Modi"}


def test_name_key_normalises_typography():
    assert name_key("the U.S.'s") == name_key("US")
    assert name_key("Kim Jong-un") == name_key("kim jong un")
    assert name_key("Côte d’Ivoire") == name_key("Cote d'Ivoire")
    assert name_key("US") != name_key("us")


# --- user data -----------------------------------------------------------------------------

def test_a_user_folder_adds_an_actor_with_names_and_an_office(tmp_path):
    _write(tmp_path, "entities.tsv", ["id\tkind\tlabel\tcountry\twikidata\tsource",
                                      "person:jane-roe\tperson\tJane Roe\t\t\tmy notes"])
    _write(tmp_path, "names.tsv", ["name\tid\tform\tsource", "Roe\tperson:jane-roe\tshort\tmy notes",
                                   "Jane Roe\tperson:jane-roe\tname\tmy notes"])
    _write(tmp_path, "offices.tsv", ["person\tcountry\trole\tstart\tend\tsource",
                                     "person:jane-roe\tNZL\tforeign_minister\t2030-01-01\t\tmy notes"])
    actors = ActorDictionary.load([tmp_path])
    assert actors.lookup("Roe", date="2031-01-01").country == "NZL"
    assert actors.lookup("Roe", date="2029-01-01").country is None
    assert actors.lookup("India").id == "IND"


def test_a_user_file_is_recognised_by_its_header(tmp_path):
    extra = _write(tmp_path, "my organisations.tsv", ["id\tkind\tlabel\tcountry\twikidata\tsource",
                                                      "ACME_UNION\tigo\tAcme Union\t\t\tmine"])
    names = _write(tmp_path, "more names.tsv", ["# my forms", "name\tid\tform\tsource",
                                                "Acme Union\tACME_UNION\tname\tmine"])
    assert ActorDictionary.load([extra, names]).lookup("the Acme Union").id == "ACME_UNION"


def test_user_rows_move_and_drop_shipped_forms(tmp_path):
    _write(tmp_path, "names.tsv", ["name\tid\tform\tsource", "Georgia\t-\tname\tmine",
                                   "Brussels\tBEL\tcapital\tmine"])
    actors = ActorDictionary.load([tmp_path])
    assert actors.lookup("Georgia") is None
    assert actors.lookup("Brussels").id == "BEL"
    assert actors.lookup("Tbilisi").id == "GEO"


def test_replace_drops_the_shipped_tables(tmp_path):
    _write(tmp_path, "entities.tsv", ["id\tkind\tlabel\tcountry\twikidata\tsource",
                                      "IND\tstate\tBharat\t\t\tmine"])
    _write(tmp_path, "names.tsv", ["name\tid\tform\tsource", "Bharat\tIND\tname\tmine"])
    actors = ActorDictionary.load([tmp_path], replace=True)
    assert actors.lookup("Bharat").label == "Bharat"
    assert actors.lookup("India") is None
    assert actors.lookup("Putin") is None
    assert actors.is_agent("government") is None


@pytest.mark.parametrize(("lines", "line", "problem"), [
    (["name\tid\tform\tsource", "India\tIND\tname"], 2, "expected 4 tab-separated columns"),
    (["name\tid\tform\tsource", "# fine", "Bharat\tIND\tnick\tmine"], 3, "unknown form 'nick'"),
    (["name\tid\tform\tsource", "Ruritania\tRUR\tname\tmine"], 2, "unknown actor id 'RUR'"),
    (["name\tid\tform\tsource", "Ruritania\tIND\tname\t"], 2, "empty source"),
    (["person\tcountry\trole\tstart\tend\tsource", "person:narendra-modi\tIND\tpm\t2014-5-26\t\tme"], 2,
     "bad date '2014-5-26'"),
    (["person\tcountry\trole\tstart\tend\tsource", "person:nobody\tIND\tpm\t\t\tme"], 2, "is not a person"),
    (["id\tkind\tlabel\tcountry\twikidata\tsource", "RUR\tkingdom\tRuritania\t\t\tme"], 2, "unknown kind"),
    (["id\tkind\tlabel\tcountry\twikidata\tsource", "Ruritania\tstate\tRuritania\t\t\tme"], 2, "ISO 3166-1"),
    (["name\tid\tform\tsource", "Ruritania\tIND\tname\tme", "Ruritania\tPAK\tname\tme"], 3, "already names IND"),
    (["name,id,form,source"], 1, "unknown header"),
])
def test_a_malformed_user_file_gives_an_error_with_file_and_line(tmp_path, lines, line, problem):
    path = _write(tmp_path, "bad.tsv", lines)
    with pytest.raises(InputError) as caught:
        ActorDictionary.load([path])
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert problem in str(caught.value)
    assert caught.value.fix


def test_a_missing_user_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        ActorDictionary.load([tmp_path / "nowhere.tsv"])


# --- the shipped tables --------------------------------------------------------------------

def test_every_un_member_and_observer_state_is_a_state(actors):
    script = _build_script()
    assert len(set(script.UN_MEMBERS)) == 193
    for code in (*script.UN_MEMBERS, *script.UN_OBSERVERS, "TWN", "XKX"):
        assert actors.entry(code).kind == "state", code
        assert actors.forms(code), code


@pytest.mark.parametrize("path", sorted(ACTOR_DIR.glob("*.tsv")), ids=lambda path: path.name)
def test_every_data_row_says_where_its_fact_comes_from(path):
    _, rows = read_table(path)
    assert rows
    assert all(row.values[-1] for row in rows), [row.line for row in rows if not row.values[-1]]


def test_generated_tables_are_up_to_date():
    pytest.importorskip("pycountry")
    pytest.importorskip("countryinfo")
    assert _build_script().main(["--check"]) == 0


def test_importing_kg_actors_loads_neither_spacy_nor_data():
    code = ("import sys, kg.actors; "
            "assert 'spacy' not in sys.modules; "
            "assert kg.actors.default_dictionary.cache_info().currsize == 0")
    subprocess.run([sys.executable, "-c", code], check=True)


# --- people converted from the PETRARCH2 Phoenix dictionaries ------------------------------

_PHOENIX_SAMPLE = """\
# A few entries in Phoenix (TABARI) syntax
FRANCE_  [FRA]
+PARIS_
JOHN_QUINCY_TESTPERSON_  # CountryInfo.txt
+TESTPERSON_
+PRESIDENT_JOHN_TESTPERSON
+J._Q._TESTPERSON
\t[FRAELI 19500101-20090101]
\t[FRAGOV 090102-120515]
\t[FRAGOV]
HENRIETTE_EXAMPLOVA_
\t[ROMGOVEDU >150101]
SOLONAMEONLY_
\t[DEUGOV 100101-120101]
JANE_OPPONENTOVA_
\t[DEUOPP 100101-120101]
PAULA_PRESSOVA_
\t[DEUGOVMED 100101-120101]
VLADIMIR_PUTIN_
+VLADIMIR_PUTINOV_EXTRA
\t[RUSGOV 990809-000507]
"""


@pytest.fixture(scope="module")
def phoenix_actors(tmp_path_factory) -> ActorDictionary:
    pytest.importorskip("pycountry")
    pytest.importorskip("countryinfo")
    script = _build_script()
    folder = tmp_path_factory.mktemp("phoenix")
    source = folder / script.PHOENIX_FILE
    source.write_text(_PHOENIX_SAMPLE, encoding="utf-8")
    tables, _ = script.build(ACTOR_DIR, source)
    out = folder / "actors"
    out.mkdir()
    for name, rows in tables.items():
        (out / f"{name}.tsv").write_text(script.render(name, rows), encoding="utf-8")
    return ActorDictionary.load([out, ACTOR_DIR / "agents.tsv"], replace=True)


def test_a_dated_phoenix_official_acts_for_the_state_only_within_the_term(phoenix_actors):
    found = phoenix_actors.lookup("John Quincy Testperson", date="2010-06-01")
    assert (found.id, found.country, found.kind) == ("person:john-quincy-testperson", "FRA", "person")
    assert phoenix_actors.lookup("John Quincy Testperson", date="2013-01-01").country is None
    # An elite (ELI) code is not an office; an undated code is not a term.
    assert phoenix_actors.lookup("John Quincy Testperson", date="2005-01-01").country is None
    [office] = phoenix_actors.offices("person:john-quincy-testperson")
    assert (office.role, office.start, office.end, office.source) == ("official", "2009-01-02", "2012-05-15", "phoenix")
    # ROM is Phoenix's code for Romania; '>' runs to the end of what Phoenix knows (2016), not forever.
    assert phoenix_actors.lookup("Henriette Examplova", date="2016-06-01").country == "ROU"
    assert phoenix_actors.lookup("Henriette Examplova", date="2024-01-01").country is None
    assert phoenix_actors.lookup("Henriette Examplova", date="2014-12-31").country is None


def test_phoenix_single_words_titles_and_non_officials_are_not_added(phoenix_actors):
    assert phoenix_actors.lookup("Testperson", date="2010-06-01") is None
    assert phoenix_actors.lookup("President John Testperson", date="2010-06-01") is None
    assert phoenix_actors.lookup("J. Q. Testperson", date="2010-06-01") is None  # initials are not name words
    assert phoenix_actors.lookup("Solonameonly", date="2011-01-01") is None
    assert phoenix_actors.lookup("Jane Opponentova", date="2011-01-01") is None  # opposition
    assert phoenix_actors.lookup("Paula Pressova", date="2011-01-01") is None  # state media
    # The curated person wins: no second Putin, and the curated offices stay as they are.
    assert phoenix_actors.lookup("Vladimir Putin").id == "person:vladimir-putin"
    assert "person:vladimir-putin-2" not in phoenix_actors and len(
        [entry for entry in phoenix_actors.entries() if "putin" in entry.id]) == 1
    assert {office.source for office in phoenix_actors.offices("person:vladimir-putin")} == {"curated"}


def test_shipped_phoenix_names_have_two_words_or_more():
    _, rows = read_table(ACTOR_DIR / "names.tsv")
    phoenix = [row.values[0] for row in rows if row.values[3] == "phoenix"]
    assert all(len(name.split()) >= 2 for name in phoenix), [name for name in phoenix if len(name.split()) < 2]


# --- surnames alone, settled by the document (kg.components.ActorRuler) -------------------


def _person_ents(nlp, text):
    return [(ent.text, ent.ent_id_) for ent in nlp(text).ents if ent.ent_id_.startswith("person:")]


def test_a_surname_after_the_full_name_is_that_person(nlp):
    found = _person_ents(nlp, "Kyrgyz President Sadyr Japarov met his guests on Monday. Japarov thanked Uzbekistan.")
    assert ("Japarov", "person:sadyr-japarov") in found


def test_a_surname_alone_without_a_full_name_or_title_is_nobody(nlp):
    assert _person_ents(nlp, "Mirzoyan criticised Azerbaijan.") == []


def test_a_title_held_by_one_bearer_of_the_surname_names_that_person(nlp):
    assert _person_ents(nlp, "Prime Minister Orpo criticised Russia.") == [("Orpo", "person:petteri-orpo")]
    assert _person_ents(nlp, "Defence Minister Tonoyan spoke.") == [("Tonoyan", "person:davit-tonoyan")]
    found = _person_ents(nlp, "Chinese Premier Li Qiang arrived in Berlin. Li met the chancellor.")
    assert ("Li", "person:li-qiang") in found  # two letters, family name first


@pytest.mark.parametrize("text", [
    "Prime Minister Sharif spoke.",  # two Sharifs held the title
    "Nawaz Sharif and Shehbaz Sharif met. Sharif spoke.",  # two bearers named in the document
    "Shehbaz Sharif met Maryam Sharif. Sharif spoke.",  # someone else of that surname
    "Theresa May met Angela Merkel in May. May spoke.",  # a month is never a surname
])
def test_an_ambiguous_surname_stands_for_nobody(nlp, text):
    doc = nlp(text)
    tail = doc[len(doc) - 3]
    assert tail.text in ("Sharif", "May") and not tail.ent_id_


def test_family_name_first_for_chinese_and_korean_officials(nlp):
    found = _person_ents(nlp, "Chinese Defence Minister Dong Jun met reporters. Dong said China was ready.")
    assert ("Dong", "person:dong-jun") in found


def test_a_surname_official_acts_for_the_state_only_within_the_term(nlp):
    from kg.records import Document
    from kg.relations import extract_relations

    text = "Pakistani minister Shehbaz Sharif arrived. Sharif accused India of aggression."
    found = {date: {(r.source.country, r.target.country, r.type) for r in extract_relations(
        nlp(text), Document(id="x", text=text, date=date)) if r.asserted} for date in ("2019-03-01", "2025-05-08")}
    assert ("PAK", "IND", "ACCUSE") in found["2025-05-08"]
    assert not any(source == "PAK" for source, _, _ in found["2019-03-01"])


@pytest.mark.parametrize(("name", "date", "country"), [
    ("Jeyhun Bayramov", "2023-05-01", "AZE"), ("Ararat Mirzoyan", "2023-05-01", "ARM"),
    ("Shavkat Mirziyoyev", "2015-01-01", "UZB"), ("Shavkat Mirziyoyev", "2020-01-01", "UZB"),
    ("Maithripala Sirisena", "2016-01-01", "LKA"), ("Maithripala Sirisena", "2021-01-01", None),
    ("Nanaia Mahuta", "2022-01-01", "NZL"), ("Albin Kurti", "2020-08-01", None), ("Albin Kurti", "2022-01-01", "XKX"),
    ("Manasseh Sogavare", "2022-01-01", "SLB"), ("Sadyr Zhaparov", "2022-01-01", "KGZ"),
    ("Petteri Orpo", "2024-01-01", "FIN"), ("Salva Kiir", "2020-01-01", "SSD"), ("Winston Peters", "2019-01-01", "NZL"),
])
def test_officials_of_every_state_answer_with_their_dates(actors, name, date, country):
    found = actors.lookup(name, date=date)
    assert found is not None and found.country == country
