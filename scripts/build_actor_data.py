"""Regenerate kg/data/actors/{entities,names,offices}.tsv from country packages and curated rows.

States (the 193 UN members, the two observer states, Taiwan and Kosovo) take their names
from pycountry (LGPL-2.1, used as a tool only: no code of it is shipped) and their
demonyms, capitals and English alternative names from countryinfo (MIT, restcountries
data). Hand-typed rows in kg/data/actors/curated_*.tsv add IGOs, people, their offices,
seats of power and common aliases, and override or drop generated forms. A surface form
that two states claim is left out (precision before recall) unless a curated row settles it.
When the PETRARCH2 Phoenix dictionaries (MIT) are at hand (``--phoenix DIR``), people
with dated government or military codes become extra person entities, names and
``official`` offices with source ``phoenix`` (see ``phoenix_people`` for the rules).

Usage (needs the ``data`` extra: ``pip install -e '.[data]'``):

    python scripts/build_actor_data.py            # rewrite the shipped tables
    python scripts/build_actor_data.py --out DIR  # write them somewhere else
    python scripts/build_actor_data.py --check    # fail if the shipped tables are stale
    python scripts/build_actor_data.py --phoenix DIR  # Phoenix dictionaries elsewhere
                                                      # (default ../shared/data/phoenix)

Output is sorted, so running it twice with the same package versions changes nothing.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from kg.actors import NAME_FORMS, TABLES, ActorDictionary, name_key, read_table
from kg.io import atomic_write

ACTOR_DIR = Path(__file__).resolve().parents[1] / "kg" / "data" / "actors"
#: Where the PETRARCH2 Phoenix dictionaries are looked for: ../shared/data/phoenix from the repo.
PHOENIX_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "phoenix"

#: The 193 member states of the United Nations (ISO 3166-1 alpha-3).
UN_MEMBERS: tuple[str, ...] = (
    "AFG", "ALB", "DZA", "AND", "AGO", "ATG", "ARG", "ARM", "AUS", "AUT", "AZE", "BHS", "BHR", "BGD",
    "BRB", "BLR", "BEL", "BLZ", "BEN", "BTN", "BOL", "BIH", "BWA", "BRA", "BRN", "BGR", "BFA", "BDI",
    "CPV", "KHM", "CMR", "CAN", "CAF", "TCD", "CHL", "CHN", "COL", "COM", "COG", "COD", "CRI", "CIV",
    "HRV", "CUB", "CYP", "CZE", "PRK", "DNK", "DJI", "DMA", "DOM", "ECU", "EGY", "SLV", "GNQ", "ERI",
    "EST", "SWZ", "ETH", "FJI", "FIN", "FRA", "GAB", "GMB", "GEO", "DEU", "GHA", "GRC", "GRD", "GTM",
    "GIN", "GNB", "GUY", "HTI", "HND", "HUN", "ISL", "IND", "IDN", "IRN", "IRQ", "IRL", "ISR", "ITA",
    "JAM", "JPN", "JOR", "KAZ", "KEN", "KIR", "KWT", "KGZ", "LAO", "LVA", "LBN", "LSO", "LBR", "LBY",
    "LIE", "LTU", "LUX", "MDG", "MWI", "MYS", "MDV", "MLI", "MLT", "MHL", "MRT", "MUS", "MEX", "FSM",
    "MCO", "MNG", "MNE", "MAR", "MOZ", "MMR", "NAM", "NRU", "NPL", "NLD", "NZL", "NIC", "NER", "NGA",
    "MKD", "NOR", "OMN", "PAK", "PLW", "PAN", "PNG", "PRY", "PER", "PHL", "POL", "PRT", "QAT", "KOR",
    "MDA", "ROU", "RUS", "RWA", "KNA", "LCA", "VCT", "WSM", "SMR", "STP", "SAU", "SEN", "SRB", "SYC",
    "SLE", "SGP", "SVK", "SVN", "SLB", "SOM", "ZAF", "SSD", "ESP", "LKA", "SDN", "SUR", "SWE", "CHE",
    "SYR", "TJK", "THA", "TLS", "TGO", "TON", "TTO", "TUN", "TUR", "TKM", "TUV", "UGA", "UKR", "ARE",
    "GBR", "TZA", "USA", "URY", "UZB", "VUT", "VEN", "VNM", "YEM", "ZMB", "ZWE",
)

#: UN General Assembly observer states: Palestine and the Holy See.
UN_OBSERVERS: tuple[str, ...] = ("PSE", "VAT")

#: States outside the UN that news treats as actors (Kosovo uses the user-assigned XKX).
OTHER_STATES: tuple[str, ...] = ("TWN", "XKX")

#: English short names where pycountry's name is formal, inverted or missing.
LABELS: dict[str, str] = {
    "BOL": "Bolivia", "BRN": "Brunei", "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo", "FSM": "Micronesia", "IRN": "Iran", "KOR": "South Korea",
    "LAO": "Laos", "MDA": "Moldova", "PRK": "North Korea", "PSE": "Palestine", "RUS": "Russia",
    "SYR": "Syria", "TUR": "Turkey", "TWN": "Taiwan", "TZA": "Tanzania", "VAT": "Holy See",
    "VEN": "Venezuela", "VNM": "Vietnam", "XKX": "Kosovo",
}

#: Wikidata items of states (CC0 facts), filled in where checked; others stay empty.
WIKIDATA: dict[str, str] = {
    "AFG": "Q889", "ARG": "Q414", "AUS": "Q408", "AUT": "Q40", "BEL": "Q31", "BRA": "Q155",
    "CAN": "Q16", "CHE": "Q39", "CHN": "Q148", "CUB": "Q241", "DEU": "Q183", "DNK": "Q35",
    "EGY": "Q79", "ESP": "Q29", "FIN": "Q33", "FRA": "Q142", "GBR": "Q145", "GRC": "Q41",
    "HUN": "Q28", "IDN": "Q252", "IND": "Q668", "IRL": "Q27", "IRN": "Q794", "IRQ": "Q796",
    "ISR": "Q801", "ITA": "Q38", "JPN": "Q17", "KOR": "Q884", "MEX": "Q96", "NLD": "Q55",
    "NOR": "Q20", "NZL": "Q664", "PAK": "Q843", "POL": "Q36", "PRK": "Q423", "PRT": "Q45",
    "PSE": "Q219060", "RUS": "Q159", "SAU": "Q851", "SWE": "Q34", "SYR": "Q858", "TUR": "Q43",
    "TWN": "Q865", "UKR": "Q212", "USA": "Q30", "VAT": "Q237", "VEN": "Q717", "VNM": "Q881",
    "XKX": "Q1246", "ZAF": "Q258",
}

#: countryinfo alternative spellings kept as they are: English names in real use.
ENGLISH_ALTERNATIVES: frozenset[str] = frozenset({
    "Bahamas", "Bosnia-Herzegovina", "Brunei Darussalam", "Cabo Verde", "Congo-Brazzaville",
    "Congo-Kinshasa", "Czech Republic", "Czechia", "Côte d'Ivoire", "DR Congo", "DRC",
    "East Timor", "Eswatini", "Gambia", "Great Britain", "Holland", "Holy See", "Ivory Coast",
    "Netherlands", "North Macedonia", "Palestine", "Sao Tome and Principe",
    "St. Vincent and the Grenadines", "Swaziland", "Timor-Leste", "Turkiye", "UAE", "UK",
    "Viet Nam",
})

# An English formal name: "Republic of ...", "Kingdom of ...", "Federated States of ...".
_FORMAL = re.compile(
    r"\b(?:Republic|Kingdom|State|States|Federation|Commonwealth|Union|Principality|Sultanate|"
    r"Confederation|Emirates|Grand Duchy|Nation)\b.*\bof\b")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
# Letters NFKD does not split into base + accent.
_ASCII_LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d",
                                "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe"})
# A hyphen between two letters, as in romanised given names ("Jae-in") and compounds.
_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_KIND_ORDER = {"state": 0, "igo": 1, "person": 2, "organisation": 3}
_FORM_ORDER = {form: rank for rank, form in enumerate(NAME_FORMS)}


@dataclass(frozen=True)
class Row:
    """One output row, with the columns of its table."""

    values: tuple[str, ...]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ACTOR_DIR, help="folder to write (default: the shipped one)")
    parser.add_argument("--check", action="store_true", help="only report whether the tables are up to date")
    parser.add_argument("--phoenix", type=Path, default=PHOENIX_DIR,
                        help="folder of the PETRARCH2 Phoenix dictionaries (used when it exists; "
                             "default: ../shared/data/phoenix from the repository)")
    args = parser.parse_args(argv)

    phoenix = args.phoenix / PHOENIX_FILE
    if not phoenix.is_file():
        print(f"{phoenix} not found: keeping the Phoenix rows of the shipped tables", file=sys.stderr)
    tables, dropped = build(ACTOR_DIR, phoenix if phoenix.is_file() else None)
    texts = {name: render(name, rows) for name, rows in tables.items()}
    validate(texts)
    if args.check:
        stale = [name for name, text in texts.items() if _rows_of(args.out / f"{name}.tsv") != _rows_of(text)]
        for name in stale:
            print(f"{args.out / name}.tsv is out of date; run scripts/build_actor_data.py", file=sys.stderr)
        return 1 if stale else 0
    for name, text in texts.items():
        with atomic_write(args.out / f"{name}.tsv") as handle:
            handle.write(text)
    counts = ", ".join(f"{name}.tsv {len(rows)} rows" for name, rows in tables.items())
    print(f"wrote {counts} to {args.out}")
    if dropped:
        print(f"left out {len(dropped)} generated forms (ambiguous, or moved or dropped by curated rows): "
              f"{', '.join(sorted(dropped))}")
    return 0


def build(actor_dir: Path, phoenix: Path | None = None) -> tuple[dict[str, list[Row]], set[str]]:
    """Return the rows of entities, names and offices, and the generated forms left out.

    ``phoenix`` is the Phoenix countries dictionary; without it (None) the rows with source
    ``phoenix`` of the tables already in ``actor_dir`` are kept as they are.
    """
    curated_entities = [row for path in sorted(actor_dir.glob("curated_*.tsv"))
                        for row in _curated(path, "entities")]
    curated_names = [row for path in sorted(actor_dir.glob("curated_*.tsv")) for row in _curated(path, "names")]
    curated_offices = [row for path in sorted(actor_dir.glob("curated_*.tsv"))
                       for row in _curated(path, "offices")]

    entities = [state_entity(code) for code in (*UN_MEMBERS, *UN_OBSERVERS, *OTHER_STATES)]
    names, dropped = _unambiguous(row for code in (*UN_MEMBERS, *UN_OBSERVERS, *OTHER_STATES)
                                  for row in state_names(code))

    # Curated rows come last: they override generated forms with the same key, or drop them.
    entities += [Row(row) for row in curated_entities]
    overrides = [(label, actor_id, "name", source) for actor_id, kind, label, _, _, source in curated_entities]
    overrides += curated_names
    by_key: dict[str | None, list[Row]] = {}
    for row in names:
        by_key.setdefault(name_key(row.values[0]), []).append(row)
    for name, actor_id, form, source in overrides:
        key = name_key(name)
        kept = [row for row in by_key.get(key, ()) if row.values[1] == actor_id]
        dropped.update(f"{row.values[0]} ({row.values[1]})" for row in by_key.get(key, ()) if row not in kept)
        if actor_id != "-":
            kept.append(Row((name, actor_id, form, source)))
        by_key[key] = kept
    names = [row for rows in by_key.values() for row in rows]
    offices = [Row(row) for row in curated_offices]
    if phoenix is not None:
        people = phoenix_people(phoenix, names, [Row(row) for row in curated_entities], offices)
    else:
        people = {table: [Row(row) for row in _curated(actor_dir / f"{table}.tsv", table) if row[-1] == "phoenix"]
                  for table in ("entities", "names", "offices") if (actor_dir / f"{table}.tsv").is_file()}
    entities += people.get("entities", [])
    names += people.get("names", [])
    offices += people.get("offices", [])
    names = list(_with_variant_spellings(_deduplicated(names)))

    entities.sort(key=lambda row: (_KIND_ORDER[row.values[1]], row.values[0]))
    names.sort(key=lambda row: (row.values[1], _FORM_ORDER[row.values[2]], row.values[0].casefold(), row.values[0]))
    offices.sort(key=lambda row: (row.values[1], row.values[2], row.values[3], row.values[0], row.values[4]))
    return {"entities": entities, "names": names, "offices": offices}, dropped


def state_entity(code: str) -> Row:
    """The entities row of one state."""
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return Row((code, "state", LABELS[code], code, WIKIDATA.get(code, ""), "curated"))
    label = LABELS.get(code) or getattr(country, "common_name", None) or country.name
    return Row((code, "state", label, code, WIKIDATA.get(code, ""), "pycountry"))


def state_names(code: str) -> Iterator[Row]:
    """Surface forms of one state from pycountry and countryinfo, usable ones only."""
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is not None:
        for attribute, form in (("name", "name"), ("common_name", "name"), ("official_name", "formal")):
            name = _usable(getattr(country, attribute, None))
            if name:
                yield Row((name, code, form, "pycountry"))
    info = _countryinfo().get(code)
    if not info:
        return
    alpha2 = (info.get("ISO") or {}).get("alpha2", "")
    name = _usable(info.get("name"))
    if name:
        yield Row((name, code, "name", "countryinfo"))
    for spelling in info.get("altSpellings") or ():
        name = _usable(spelling)
        if not name or name in (code, alpha2):
            continue
        if name in ENGLISH_ALTERNATIVES:
            yield Row((name, code, "short" if name.isupper() else "alias", "countryinfo"))
        elif _FORMAL.search(name):
            yield Row((name, code, "formal", "countryinfo"))
    for demonym in (info.get("demonym") or "").split(","):
        name = _usable(demonym)
        if name:
            yield Row((name, code, "demonym", "countryinfo"))
    capital = info.get("capital")
    # A few records list several capitals; the first is the seat of government.
    capital = _usable(capital[0] if isinstance(capital, list) and capital else capital)
    if capital:
        yield Row((capital, code, "capital", "countryinfo"))


def render(table: str, rows: list[Row]) -> str:
    """The text of one table file: a provenance comment, the header and the rows."""
    lines = [
        "# Generated by scripts/build_actor_data.py from curated_*.tsv, "
        f"pycountry {version('pycountry')}, countryinfo {version('countryinfo')} and (source phoenix) "
        "the PETRARCH2 Phoenix actor dictionaries (Open Event Data Alliance, MIT).",
        "# Do not edit: change the curated files or the script and regenerate (see README.md).",
        "\t".join(TABLES[table]),
    ]
    lines += ["\t".join(row.values) for row in rows]
    return "\n".join(lines) + "\n"


def validate(texts: dict[str, str]) -> None:
    """Load the new tables with the library's own checks; fail before anything is written."""
    with tempfile.TemporaryDirectory() as folder:
        for name, text in texts.items():
            (Path(folder) / f"{name}.tsv").write_text(text, encoding="utf-8")
        agents = ACTOR_DIR / "agents.tsv"
        if agents.is_file():
            (Path(folder) / "agents.tsv").write_text(agents.read_text(encoding="utf-8"), encoding="utf-8")
        actors = ActorDictionary.load([folder], replace=True)
    missing = [code for code in (*UN_MEMBERS, *UN_OBSERVERS, *OTHER_STATES) if code not in actors]
    if len(set(UN_MEMBERS)) != 193 or missing:
        raise SystemExit(f"state list is wrong: {len(set(UN_MEMBERS))} UN members, missing {missing}")


def _rows_of(source: Path | str) -> list[str] | None:
    """The data lines of a table (comments, which name package versions, left out)."""
    if isinstance(source, Path):
        if not source.is_file():
            return None
        source = source.read_text(encoding="utf-8")
    return [line for line in source.splitlines() if line and not line.startswith("#")]


def _curated(path: Path, table: str) -> list[tuple[str, ...]]:
    found, rows = read_table(path)
    return [row.values for row in rows] if found == table else []


def _countryinfo() -> dict[str, dict]:
    from countryinfo import CountryInfo

    by_code: dict[str, dict] = {}
    for info in CountryInfo.all().values():
        code = (info.get("ISO") or {}).get("alpha3")
        # countryinfo ships two records for some codes; the first (sovereign) one is kept.
        if code and code not in by_code:
            by_code[code] = info
    return by_code


def _usable(name: str | None) -> str | None:
    """The name without a leading 'the', or None if it is inverted, bracketed or non-Latin."""
    if not name:
        return None
    name = _LEADING_THE.sub("", " ".join(name.split()))
    if not name or "," in name or "(" in name:
        return None
    if any(char.isalpha() and not unicodedata.name(char, "").startswith("LATIN") for char in name):
        return None
    return name


def _unambiguous(rows: Iterable[Row]) -> tuple[list[Row], set[str]]:
    """Leave out every form whose key two different states claim."""
    rows = list(rows)
    owners: dict[str, set[str]] = {}
    for row in rows:
        owners.setdefault(name_key(row.values[0]) or "", set()).add(row.values[1])
    ambiguous = {key for key, codes in owners.items() if len(codes) > 1}
    kept = [row for row in rows if name_key(row.values[0]) not in ambiguous]
    dropped = {row.values[0] for row in rows if name_key(row.values[0]) in ambiguous}
    return kept, dropped


def _deduplicated(rows: list[Row]) -> list[Row]:
    """One row per (name, id): the most specific form, first source."""
    best: dict[tuple[str, str], Row] = {}
    for row in rows:
        name, actor_id, form, _ = row.values
        held = best.get((name, actor_id))
        if held is None or _FORM_ORDER[form] < _FORM_ORDER[held.values[2]]:
            best[(name, actor_id)] = row
    return list(best.values())


def _with_variant_spellings(rows: list[Row]) -> Iterator[Row]:
    """Every row, plus its unaccented and unhyphenated spellings ("Élysée" -> "Elysee",
    "Moon Jae-in" -> "Moon Jae in"), which a token-based phrase matcher needs as patterns."""
    present = {(row.values[0], row.values[1]) for row in rows}
    for row in rows:
        yield row
        name, actor_id, form, source = row.values
        plain = unicodedata.normalize("NFKD", name.translate(_ASCII_LETTERS))
        plain = "".join(char for char in plain if not unicodedata.combining(char))
        for variant in (plain, _HYPHEN.sub(" ", name), _HYPHEN.sub(" ", plain)):
            if (variant, actor_id) not in present:
                present.add((variant, actor_id))
                yield Row((variant, actor_id, form, source))


# --- PETRARCH2 Phoenix people -------------------------------------------------------------

PHOENIX_FILE = "Phoenix.Countries.actors.txt"

#: Phoenix (CAMEO) country codes that differ from ISO 3166-1 alpha-3. Codes of historical
#: states and dependencies (SUN, DDR, YUG, HKG, BMU, ...) are not kg states and are skipped.
PHOENIX_COUNTRIES: dict[str, str] = {"ROM": "ROU", "TMP": "TLS", "PAL": "PSE", "KSV": "XKX", "ZAR": "COD"}

#: Government sub-codes that are not office holders: state business and state media.
PHOENIX_NOT_OFFICIAL: frozenset[str] = frozenset({"BUS", "MED"})

#: Above this many people only those in a state post in or after PHOENIX_SINCE are kept.
PHOENIX_MAX_PEOPLE = 6000
PHOENIX_SINCE = "2010-01-01"
#: Last day the Phoenix dictionaries vouch for: open-ended Phoenix terms end here.
PHOENIX_HORIZON = "2016-12-31"

#: Words that make a Phoenix synonym a title or a description rather than a name
#: ("PRESIDENT_PUTIN", "US_SECRETARY_OF_STATE_JOHN_KERRY", "JAISH_AL_...").
PHOENIX_NOT_NAME_WORDS: frozenset[str] = frozenset({
    "adm", "administration", "admiral", "agency", "ahrar", "air", "amb", "ambassador", "amir", "army",
    "assembly", "ayatollah", "bank", "brigade", "brigades", "bundeskanzler", "cabinet", "capt",
    "captain", "central", "chair", "chairman", "chancellor", "chief", "col", "colonel", "command",
    "commandant", "commander", "committee", "congressman", "congresswoman", "consul", "council",
    "court", "defence", "defense", "department", "deputy", "director", "dr", "embassy", "emir", "envoy",
    "eu", "fm", "forces", "foreign", "former", "front", "gen", "general", "gov", "government",
    "governor", "grand", "group", "head", "hojatoleslam", "hojatolislam", "house", "islamic", "jaish",
    "jaysh", "judge", "justice", "kanzler", "kataib", "king", "lady", "leader", "liwa", "liwaa", "lord",
    "lt", "madam", "madame", "maj", "major", "marshal", "mayor", "minister", "ministry", "movement",
    "mp", "mr", "mrs", "ms", "national", "of", "office", "official", "party", "pm", "police", "premier",
    "president", "president-elect", "presidente", "presient", "prime", "prince", "princess", "queen",
    "rep", "representative", "republic", "royal", "secretary", "sen", "senate", "senator", "sgt", "sir",
    "speaker", "spokesman", "spokesperson", "spokeswoman", "staff", "state", "states", "sultan",
    "supreme", "the", "uk", "un", "united", "us", "usa", "vice", "vice-president", "white"
})

#: Lower-case name particles; they are not counted as name words ("al Assad" is one word).
PHOENIX_PARTICLES: frozenset[str] = frozenset({
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "bin", "bint", "ibn", "de", "da", "di", "do",
    "dos", "das", "du", "des", "del", "della", "der", "den", "van", "von", "la", "le", "y", "ul", "ud",
    "ter", "zu"
})

#: State names that are also common given names or surnames (Israel Katz, Chad Wolf).
PHOENIX_NAME_LIKE_STATES: frozenset[str] = frozenset({"chad", "georgia", "israel", "jordan"})

_PHOENIX_CODE = re.compile(
    r"\[\s*([A-Z]+)\s*(?:([<>])\s*(\d{6}|\d{8})|(\d{6}|\d{8})\s*-\s*(\d{6}|\d{8}))?\s*\]")
_PHOENIX_STATE_POST = re.compile(r"([A-Z]{3})(?:GOV|MIL)([A-Z]{3})?")
_PHOENIX_ENTRY = re.compile(r"(.*?)\s*(\[[^\]]*\])?\s*")
_PHOENIX_NAME_CHARS = re.compile(r"[^\W\d_][^\W\d_.'\-]*\.?(?:['\-][^\W\d_]+\.?)*")


@dataclass
class PhoenixEntry:
    """A Phoenix person: the entry phrase, its + synonyms and its dated state posts."""

    phrase: str
    synonyms: list[str]
    posts: list[tuple[str, str, str]]  # (ISO code, start, end); "" = open


def read_phoenix(path: Path) -> Iterator[PhoenixEntry]:
    """Yield the entries of a Phoenix actor file that hold at least one dated state post.

    An entry is a line at the left margin; ``+`` lines are its synonyms and indented
    ``[CODE dates]`` lines its codes. Entries with a code on their own line (states,
    institutions) are not people and are skipped. A post is a CAMEO code of a kg state
    followed by GOV or MIL (and any sub-code but BUS and MED) with a date range or bound.
    """
    current: PhoenixEntry | None = None
    for raw in path.read_bytes().split(b"\n"):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("latin-1")
        line = line.split("#", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("<!--"):
            continue
        if line[0] in " \t":
            found = _PHOENIX_CODE.fullmatch(line.strip())
            if current is not None and found:
                post = _phoenix_post(*found.groups())
                if post:
                    current.posts.append(post)
            continue
        if line.startswith("+"):
            if current is not None:
                current.synonyms.append(line[1:].strip())
            continue
        if current is not None and current.posts:
            yield current
        phrase, code = _PHOENIX_ENTRY.fullmatch(line).groups()
        current = None if code else PhoenixEntry(phrase, [], [])
    if current is not None and current.posts:
        yield current


def _phoenix_post(code: str, bound: str | None, date: str | None, start: str | None,
                  end: str | None) -> tuple[str, str, str] | None:
    post = _PHOENIX_STATE_POST.fullmatch(code)
    if post is None or post.group(2) in PHOENIX_NOT_OFFICIAL:
        return None
    country = PHOENIX_COUNTRIES.get(post.group(1), post.group(1))
    if country not in (*UN_MEMBERS, *UN_OBSERVERS, *OTHER_STATES):
        return None
    if bound:
        start, end = ("", date) if bound == "<" else (date, "")
    elif not start:
        return None  # undated: Phoenix's default code, not a term of office
    start, end = _phoenix_date(start), _phoenix_date(end)
    if start is None or end is None or (start and end and end < start):
        return None
    # Phoenix's knowledge stops about 2016: an open term says "in office then", not "still in office"
    end = end or max(PHOENIX_HORIZON, start)
    return country, start, end


def _phoenix_date(value: str | None) -> str | None:
    """ISO date of YYYYMMDD or YYMMDD (00-30 = 20YY, as in TABARI); "" for none, None if invalid."""
    if not value:
        return ""
    if len(value) == 6:
        value = ("20" if int(value[:2]) <= 30 else "19") + value
    try:
        return datetime.date(int(value[:4]), int(value[4:6]), int(value[6:8])).isoformat()
    except ValueError:
        return None


def phoenix_name(phrase: str, not_names: frozenset[str] = frozenset(),
                 given_names: frozenset[str] = frozenset()) -> str | None:
    """A Phoenix phrase as a person's name ("VLADIMIR_PUTIN_" -> "Vladimir Putin"), or None.

    None when it is not a name of at least two words besides particles and initials, ends
    in a particle, holds a title, a demonym or a state name (``not_names``, lower case), a
    digit or a sign, or is two words that are both common given names (``given_names``).
    """
    words = phrase.replace("_", " ").split()
    if not all(_PHOENIX_NAME_CHARS.fullmatch(word) for word in words):
        return None
    lowered = [word.casefold() for word in words]
    if any(word.strip(".") in PHOENIX_NOT_NAME_WORDS or word in not_names for word in lowered):
        return None
    substantive = [word for word in lowered
                   if word not in PHOENIX_PARTICLES and sum(char.isalpha() for char in word) >= 2]
    if len(substantive) < 2 or lowered[-1] in PHOENIX_PARTICLES:
        return None
    if len(substantive) == 2 and all(word in given_names for word in substantive):
        return None  # "Ali Abdullah", "Martin Joseph": two common given names
    return " ".join(_name_case(word, first=index == 0) for index, word in enumerate(words))


def _name_case(word: str, *, first: bool) -> str:
    """Title case, particles lower case unless they begin the name ("al-Assad", "McCain")."""
    cased = []
    for index, part in enumerate(word.split("-")):
        if part.casefold() in PHOENIX_PARTICLES and not (first and index == 0):
            cased.append(part.casefold())
            continue
        piece = "'".join(bit[:1].upper() + bit[1:].lower() for bit in part.split("'"))
        if len(piece) > 3 and piece.startswith("Mc"):
            piece = "Mc" + piece[2].upper() + piece[3:]
        cased.append(piece)
    return "-".join(cased)


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.translate(_ASCII_LETTERS))
    plain = "".join(char for char in plain if not unicodedata.combining(char)).casefold()
    return "-".join(re.findall(r"[a-z0-9]+", plain))


def phoenix_people(path: Path, names: list[Row], curated_entities: list[Row],
                   curated_offices: Iterable[Row] = ()) -> dict[str, list[Row]]:
    """Entities, names and offices of the Phoenix people, source ``phoenix``.

    Rules (precision first): only people with a dated government or military post of a kg
    state; only names of two or more words (never a lone surname), without titles; a name
    that already names a curated person adds nothing but, if it is unambiguous, the other
    Phoenix names of that person as aliases (the curated offices stay); a name that
    collides with a state, capital, IGO or organisation, or that two Phoenix people share,
    is left out. The role is ``official``: Phoenix does not say which post. Overlapping
    terms of one person and state are merged.
    """
    kinds = {row.values[0]: row.values[1] for row in curated_entities}
    terms: dict[str, list[tuple[str, str, str]]] = {}
    for row in curated_offices:
        terms.setdefault(row.values[0], []).append((row.values[1], row.values[3], row.values[4]))
    taken: dict[str, set[str]] = {}
    for row in names:
        taken.setdefault(name_key(row.values[0]) or "", set()).add(row.values[1])
    # Single-word state names and demonyms, which make a phrase a description ("RUSSIAN_...").
    not_names = frozenset(
        key for key, ids in taken.items()
        if " " not in key and not key.startswith("=") and key not in PHOENIX_NAME_LIKE_STATES
        and any(kinds.get(actor_id, "state") in ("state", "igo") for actor_id in ids))
    curated_people = {key: ids for key, ids in taken.items()
                      if any(actor_id.startswith("person:") for actor_id in ids)}

    entries = list(read_phoenix(path))
    given_names = _common_given_names(entries, not_names)
    people: dict[str, tuple[str, set[str], list[tuple[str, str, str]]]] = {}  # label key -> person
    shared: set[str] = set()  # label keys of two different people
    aliases: dict[str, set[str]] = {}  # curated person -> Phoenix names
    for entry in entries:
        found = [phoenix_name(phrase, not_names, given_names) for phrase in (entry.phrase, *entry.synonyms)]
        found = list(dict.fromkeys(name for name in found if name))
        if not found:
            continue
        curated = {actor_id for name in found for actor_id in curated_people.get(name_key(name), ())}
        if curated:
            # The curated person wins. Their other Phoenix names become aliases only when the
            # entry's own name is theirs and a Phoenix post overlaps one of their curated terms
            # (so George H. W. Bush's names do not go to George W. Bush, whose alias is "George Bush").
            person = curated.pop()
            if not curated and phoenix_name(entry.phrase, not_names, given_names) == found[0] \
                    and person in curated_people.get(name_key(found[0]) or "", ()) \
                    and any(_overlap(post, term) for post in entry.posts for term in terms.get(person, ())):
                aliases.setdefault(person, set()).update(found)
            continue
        key = name_key(found[0]) or ""
        held = people.get(key)
        if held is None:
            people[key] = (found[0], set(found), list(entry.posts))
        elif {post[0] for post in held[2]} == {post[0] for post in entry.posts}:
            held[1].update(found)  # the same name twice for one state: one person
            held[2].extend(entry.posts)
        else:
            shared.add(key)
    for key in shared:
        del people[key]

    if len(people) > PHOENIX_MAX_PEOPLE:
        people = {key: person for key, person in people.items()
                  if any(not end or end >= PHOENIX_SINCE for _, _, end in person[2])}

    owners: dict[str, set[str]] = {}
    for key, (_, forms, _) in people.items():
        for name in forms:
            owners.setdefault(name_key(name) or "", set()).add(key)
    for actor_id, forms in aliases.items():
        for name in forms:
            owners.setdefault(name_key(name) or "", set()).add(actor_id)

    def usable(name: str, owner: str) -> bool:
        key = name_key(name) or ""
        return owners[key] == {owner} and not (taken.get(key, set()) - {owner})

    entities: list[Row] = []
    rows: list[Row] = []
    offices: list[Row] = []
    ids = set(kinds)
    for key, (label, forms, posts) in sorted(people.items()):
        kept = sorted((name for name in forms if usable(name, key)), key=lambda name: (name != label, name))
        if not kept:
            continue
        label = kept[0]
        actor_id = "person:" + _slug(label)
        if actor_id in ids:
            continue
        ids.add(actor_id)
        entities.append(Row((actor_id, "person", label, "", "", "phoenix")))
        rows += [Row((name, actor_id, "name" if name == label else "alias", "phoenix")) for name in kept]
        for country, start, end in _merged(posts):
            offices.append(Row((actor_id, country, "official", start, end, "phoenix")))
    for actor_id, forms in sorted(aliases.items()):
        rows += [Row((name, actor_id, "alias", "phoenix")) for name in sorted(forms)
                 if name_key(name) not in curated_people and usable(name, actor_id)]
    return {"entities": entities, "names": rows, "offices": offices}


def _overlap(one: tuple[str, str, str], other: tuple[str, str, str]) -> bool:
    """Whether two (country, start, end) terms share a state and a day ("" = open)."""
    return one[0] == other[0] and (not one[1] or not other[2] or one[1] <= other[2]) \
        and (not other[1] or not one[2] or other[1] <= one[2])


def _common_given_names(entries: list[PhoenixEntry], not_names: frozenset[str]) -> frozenset[str]:
    """Words that begin the names of at least five Phoenix people (Ali, Martin, Joseph)."""
    counts: dict[str, int] = {}
    for entry in entries:
        name = phoenix_name(entry.phrase, not_names)
        if name:
            word = next(word.casefold() for word in name.split() if word.casefold() not in PHOENIX_PARTICLES)
            counts[word] = counts.get(word, 0) + 1
    return frozenset(word for word, count in counts.items() if count >= 5)


def _merged(posts: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """One term per run of overlapping or adjacent terms of one state ("" = open end)."""
    merged: list[tuple[str, str, str]] = []
    for country, start, end in sorted(set(posts), key=lambda post: (post[0], post[1])):
        if merged and merged[-1][0] == country:
            _, first, last = merged[-1]
            if last == "" or (start and _next_day(last) >= start) or not start:
                merged[-1] = (country, first, "" if "" in (last, end) else max(last, end))
                continue
        merged.append((country, start, end))
    return merged


def _next_day(day: str) -> str:
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=1)).isoformat()


if __name__ == "__main__":
    sys.exit(main())
