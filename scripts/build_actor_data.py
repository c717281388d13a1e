"""Regenerate kg/data/actors/{entities,names,offices}.tsv from country packages and curated rows.

States (the 193 UN members, the two observer states, Taiwan and Kosovo) take their names
from pycountry (LGPL-2.1, used as a tool only: no code of it is shipped) and their
demonyms, capitals and English alternative names from countryinfo (MIT, restcountries
data). Hand-typed rows in kg/data/actors/curated_*.tsv add IGOs, people, their offices,
seats of power and common aliases, and override or drop generated forms. A surface form
that two states claim is left out (precision before recall) unless a curated row settles it.

Usage (needs the ``data`` extra: ``pip install -e '.[data]'``):

    python scripts/build_actor_data.py            # rewrite the shipped tables
    python scripts/build_actor_data.py --out DIR  # write them somewhere else
    python scripts/build_actor_data.py --check    # fail if the shipped tables are stale

Output is sorted, so running it twice with the same package versions changes nothing.
"""

from __future__ import annotations

import argparse
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
    args = parser.parse_args(argv)

    tables, dropped = build(ACTOR_DIR)
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


def build(actor_dir: Path) -> tuple[dict[str, list[Row]], set[str]]:
    """Return the rows of entities, names and offices, and the generated forms left out."""
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
    names = list(_with_variant_spellings(_deduplicated([row for rows in by_key.values() for row in rows])))

    entities.sort(key=lambda row: (_KIND_ORDER[row.values[1]], row.values[0]))
    names.sort(key=lambda row: (row.values[1], _FORM_ORDER[row.values[2]], row.values[0].casefold(), row.values[0]))
    offices = sorted((Row(row) for row in curated_offices),
                     key=lambda row: (row.values[1], row.values[2], row.values[3], row.values[0]))
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
        f"pycountry {version('pycountry')} and countryinfo {version('countryinfo')}.",
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


if __name__ == "__main__":
    sys.exit(main())
