"""The actor dictionary: states, IGOs and people with their surface forms, read from TSV data.

The dictionary is data, not code: ``kg/data/actors/`` holds four tab-separated tables
(``entities.tsv``, ``names.tsv``, ``offices.tsv``, ``agents.tsv``, documented in that
folder's README.md) and users add or replace rows with files of the same format. Nothing
is read until a dictionary is first asked for; this module imports no spaCy.

Example:
    >>> actors = default_dictionary()
    >>> actors.lookup("the Kremlin").country
    'RUS'
    >>> actors.lookup("Indian").label
    'India'
    >>> actors.lookup("US").id, actors.lookup("us")
    ('USA', None)
    >>> actors.lookup("Putin", date="2010-01-01").country
    'RUS'
    >>> actors.office_holder("USA", "head_of_state", date="2018-06-01").label
    'Donald Trump'
    >>> actors.is_agent("foreign ministry")
    'diplomatic'
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError
from kg.records import ACTOR_KINDS, ActorRef

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = [
    "AGENT_KINDS",
    "DROP_ID",
    "NAME_FORMS",
    "TABLES",
    "ActorDictionary",
    "ActorEntry",
    "NameEntry",
    "Office",
    "TableRow",
    "default_dictionary",
    "name_key",
    "read_table",
]

#: How a surface form relates to its actor (``names.tsv`` column ``form``).
NAME_FORMS: tuple[str, ...] = ("name", "short", "formal", "demonym", "capital", "seat", "alias")

#: What an agent noun stands for (``agents.tsv`` column ``kind``).
AGENT_KINDS: tuple[str, ...] = ("government", "military", "diplomatic", "legislature")

#: The columns of each table; a file's header row says which table it holds.
TABLES: dict[str, tuple[str, ...]] = {
    "entities": ("id", "kind", "label", "country", "wikidata", "source"),
    "names": ("name", "id", "form", "source"),
    "offices": ("person", "country", "role", "start", "end", "source"),
    "agents": ("word", "kind", "source"),
}

#: A ``names.tsv`` id that removes the surface form instead of adding it.
DROP_ID = "-"

_SHIPPED_FILES = ("entities.tsv", "names.tsv", "offices.tsv", "agents.tsv")
_HEADERS = {columns: table for table, columns in TABLES.items()}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_QUERY_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_ROLE = re.compile(r"[a-z][a-z_]*")
_WIKIDATA = re.compile(r"Q[1-9]\d*")
_STATE_ID = re.compile(r"[A-Z]{3}")
_IGO_ID = re.compile(r"[A-Z][A-Z0-9_]*")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|')$")
# Curly quotes, primes and the dash family fold to ASCII so that news typography matches the data.
_PUNCTUATION = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ",
})


@dataclass(frozen=True)
class ActorEntry:
    """One actor of the dictionary (a row of ``entities.tsv``).

    Attributes:
        id: State code (ISO alpha-3), IGO acronym, or ``person:...`` / other id.
        kind: One of ``kg.records.ACTOR_KINDS``.
        label: Readable name ("India", "Narendra Modi").
        country: The code the actor stands for: its own id for states and IGOs; for others
            a fixed code or None (people get theirs from their offices).
        wikidata: Wikidata item id ("Q668") or None.
        source: Where the row's facts come from.
    """

    id: str
    kind: str
    label: str
    country: str | None
    wikidata: str | None
    source: str


@dataclass(frozen=True)
class Office:
    """A person holding a post for a state or IGO between two dates (``offices.tsv``).

    Attributes:
        person: The person's actor id.
        country: State code or IGO acronym the post belongs to.
        role: Post, e.g. ``head_of_state``, ``foreign_minister``.
        start: First day in office (``YYYY-MM-DD``), or None if unknown.
        end: Last day in office, or None while still in office.
        source: Where the fact comes from.
    """

    person: str
    country: str
    role: str
    start: str | None
    end: str | None
    source: str

    def active_on(self, date: str) -> bool:
        """True when ``date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) falls in the term.

        Both ends are inclusive and compared at the precision of ``date``.

        Example:
            >>> term = Office("person:x", "IND", "head_of_government", "2014-05-26", None, "curated")
            >>> term.active_on("2014"), term.active_on("2014-05-25"), term.active_on("2030-01-01")
            (True, False, True)
        """
        size = len(date)
        after_start = self.start is None or self.start[:size] <= date
        before_end = self.end is None or date <= self.end[:size]
        return after_start and before_end


@dataclass(frozen=True)
class NameEntry:
    """A surface form that names an actor (a row of ``names.tsv``).

    Attributes:
        name: The words as written ("the Kremlin" is stored as "Kremlin").
        id: The actor it names.
        form: One of ``NAME_FORMS``.
        source: Where the form comes from.
    """

    name: str
    id: str
    form: str
    source: str


@dataclass(frozen=True)
class TableRow:
    """One data line of a TSV table, with the place it was read from (for messages)."""

    path: str
    line: int
    values: tuple[str, ...]


def name_key(text: str) -> str | None:
    """Return the matching key of a surface form, or None if nothing is left of it.

    Normalises typography (curly quotes, dashes, accents, spacing, full stops, hyphens),
    drops a leading "the" and a possessive "'s". Forms of three letters or fewer keep
    their case ("US" is not "us"), longer ones are case-folded.

    Example:
        >>> name_key("the U.S.'s"), name_key("us"), name_key("Élysée"), name_key("Kim Jong-un")
        ('=US', '=us', 'elysee', 'kim jong un')
    """
    folded = unicodedata.normalize("NFKD", text.translate(_PUNCTUATION))
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    folded = _POSSESSIVE.sub("", _LEADING_THE.sub("", " ".join(folded.split())))
    folded = " ".join(folded.replace(".", "").replace("-", " ").split())
    if not folded:
        return None
    letters = sum(char.isalpha() for char in folded)
    return "=" + folded if letters <= 3 else folded.casefold()


def read_table(path: str | Path, text: str | None = None) -> tuple[str, list[TableRow]]:
    """Read one actor table; return its table name (from the header row) and its data rows.

    Lines starting with ``#`` and blank lines are skipped. Every data row must have as many
    tab-separated columns as the header.

    Args:
        path: The file, or only a name for messages when ``text`` is given.
        text: The file's content, if already read.

    Raises:
        InputError: unreadable file, unknown header, or a row with the wrong column count.
    """
    where = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except OSError as err:
            raise InputError(where, f"cannot read ({err.strerror})", fix="check the path") from err
        except UnicodeDecodeError as err:
            raise InputError(where, "not UTF-8 text", fix="save the file as UTF-8") from err
    table: str | None = None
    rows: list[TableRow] = []
    # split("\n"), not splitlines(): line numbers must be the ones an editor shows.
    for number, raw in enumerate(text.split("\n"), start=1):
        raw = raw.rstrip("\r")
        if not raw.strip() or raw.startswith("#"):
            continue
        values = tuple(value.strip() for value in raw.split("\t"))
        if table is None:
            table = _HEADERS.get(values)
            if table is None:
                expected = " | ".join("\\t".join(columns) for columns in TABLES.values())
                raise InputError(where, f"unknown header {raw!r}", line=number,
                                 fix=f"start the file with one of: {expected}")
            continue
        width = len(TABLES[table])
        if len(values) != width:
            raise InputError(
                where, f"expected {width} tab-separated columns ({', '.join(TABLES[table])}), "
                f"found {len(values)}", line=number,
                fix="separate columns with one tab and keep empty columns empty")
        rows.append(TableRow(where, number, values))
    if table is None:
        raise InputError(where, "no header row", fix="start the file with a header row (see README.md)")
    return table, rows


class ActorDictionary:
    """Surface forms, actors, offices and agent nouns, indexed for lookup.

    Build one with ``ActorDictionary.load()`` (or use ``default_dictionary()``); the
    constructor takes already-validated entries.
    """

    def __init__(self, entries: Iterable[ActorEntry], names: Iterable[NameEntry],
                 offices: Iterable[Office] = (), agents: Mapping[str, str] | None = None) -> None:
        self._entries: dict[str, ActorEntry] = {entry.id: entry for entry in entries}
        self._names: list[NameEntry] = []
        self._by_key: dict[str, NameEntry] = {}
        self._forms: dict[str, list[NameEntry]] = {}
        for entry in names:
            key = name_key(entry.name)
            if key is None or entry.id not in self._entries:
                continue
            self._names.append(entry)
            self._by_key[key] = entry
            self._forms.setdefault(entry.id, []).append(entry)
        by_person: dict[str, list[Office]] = {}
        by_post: dict[tuple[str, str], list[Office]] = {}
        for office in offices:
            by_person.setdefault(office.person, []).append(office)
            by_post.setdefault((office.country, office.role), []).append(office)
        self._by_person = {person: tuple(terms) for person, terms in by_person.items()}
        self._by_post = {post: tuple(terms) for post, terms in by_post.items()}
        self._agents: dict[str, str] = dict(agents or {})

    @classmethod
    def load(cls, extra: Iterable[str | Path] = (), *, replace: bool = False) -> ActorDictionary:
        """Read the shipped tables plus user folders or files of the same format.

        A folder contributes whichever of ``entities.tsv``, ``names.tsv``, ``offices.tsv``
        and ``agents.tsv`` it holds; a file is recognised by its header row. Later files
        win: a user row with the id of a shipped actor replaces it, a surface form given to
        another actor moves to it, and a name row with id ``-`` removes that form.

        Args:
            extra: User folders and files, read in order after the shipped ones.
            replace: Leave out the shipped tables and use only ``extra``.

        Raises:
            InputError: a malformed row, an unknown kind, form or date, or a name, office or
                country that points to no known actor; the message gives ``file:line``.

        Example:
            >>> ActorDictionary.load(replace=True).lookup("India") is None
            True
        """
        merger = _Merger()
        if not replace:
            shipped = _shipped_folder()
            for filename in _SHIPPED_FILES:
                text = shipped.joinpath(filename).read_text(encoding="utf-8")
                merger.add(*read_table(f"kg/data/actors/{filename}", text))
        for item in extra:
            for path in _expand(Path(item)):
                merger.add(*read_table(path))
        return merger.finish()

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self) -> Iterator[ActorEntry]:
        """Yield every actor of the dictionary."""
        yield from self._entries.values()

    def entry(self, actor_id: str) -> ActorEntry | None:
        """Return the actor with this id, or None.

        Example:
            >>> default_dictionary().entry("NATO").label
            'North Atlantic Treaty Organization'
        """
        return self._entries.get(actor_id)

    def names(self) -> Iterator[NameEntry]:
        """Yield every surface form (for building a phrase matcher)."""
        yield from self._names

    def forms(self, actor_id: str) -> list[NameEntry]:
        """Return the surface forms of one actor, in table order."""
        return list(self._forms.get(actor_id, ()))

    def offices(self, actor_id: str) -> list[Office]:
        """Return the offices a person held, in table order."""
        return list(self._by_person.get(actor_id, ()))

    def lookup(self, text: str, *, date: str | datetime.date | None = None) -> ActorRef | None:
        """Resolve a whole mention to an actor, or return None.

        The match is exact after ``name_key`` normalisation: "the Kremlin", "Kremlin's" and
        "KREMLIN" match "Kremlin"; forms of up to three letters match only in their case
        ("US", not "us"); a single all-lower-case word never matches ("turkey", "china").

        Args:
            text: The words of the mention.
            date: Date of the text (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``); picks the office
                a person held then. Without it a person gets the country of their latest office.

        Returns:
            An ``ActorRef`` whose ``country`` is None for a person holding no office on ``date``.

        Example:
            >>> actors = default_dictionary()
            >>> actors.lookup("Trump", date="2022-06-01").country is None
            True
            >>> actors.lookup("Washington").id
            'USA'
        """
        key = name_key(text)
        if key is None:
            return None
        if not key.startswith("=") and " " not in key and _plain(text).islower():
            return None
        found = self._by_key.get(key)
        if found is None:
            return None
        actor = self._entries[found.id]
        return ActorRef(text=text, id=actor.id, country=self.country_of(actor.id, date=date),
                        kind=actor.kind, label=actor.label)

    def country_of(self, actor_id: str, *, date: str | datetime.date | None = None) -> str | None:
        """Return the state or IGO code an actor stands for (on ``date``, for a person).

        Example:
            >>> default_dictionary().country_of("person:antonio-guterres", date="2020-01-01")
            'UN'
        """
        actor = self._entries.get(actor_id)
        if actor is None:
            return None
        if actor.kind != "person" or actor_id not in self._by_person:
            return actor.country
        office = self._office_of(actor_id, _as_date(date))
        return office.country if office else None

    def office_holder(self, country: str, role: str, *,
                      date: str | datetime.date | None) -> ActorEntry | None:
        """Return who held ``role`` for ``country`` on ``date`` (None: whoever holds it now).

        For a post several people hold at once (``official``, ``spokesperson``) this is the
        one who took office last.

        Example:
            >>> default_dictionary().office_holder("IND", "head_of_government", date="2010-01-01").label
            'Manmohan Singh'
        """
        day = _as_date(date)
        terms = self._by_post.get((country, role), ())
        if day is None:
            holding = [term for term in terms if term.end is None]
        else:
            holding = [term for term in terms if term.active_on(day)]
        if not holding:
            return None
        # On a hand-over day both terms are active: the one that started last holds the post.
        return self._entries.get(max(holding, key=_start_order).person)

    def is_agent(self, word: str) -> str | None:
        """Return the agent kind of a noun or noun phrase (a lemma), or None.

        Example:
            >>> default_dictionary().is_agent("Armed Forces")
            'military'
        """
        return self._agents.get(_agent_key(word))

    def office_of(self, person: str, *, date: str | datetime.date | None = None) -> Office | None:
        """Return the office that makes ``person`` stand for a state on ``date`` (None: the latest).

        Example:
            >>> default_dictionary().office_of("person:narendra-modi", date="2020-01-01").role
            'head_of_government'
        """
        return self._office_of(person, _as_date(date))

    def _office_of(self, person: str, day: str | None) -> Office | None:
        terms = self._by_person.get(person, ())
        if day is None:
            # The latest office: an open term first, then the one that ended last.
            return max(terms, key=lambda term: (term.end is None, term.end or "", term.start or ""),
                       default=None)
        return max((term for term in terms if term.active_on(day)), key=_start_order, default=None)


@cache
def default_dictionary() -> ActorDictionary:
    """Return the shipped dictionary, loaded once per process."""
    return ActorDictionary.load()


class _Merger:
    """Collects tables in reading order, applies overrides and checks cross-references."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[ActorEntry, TableRow]] = {}
        self.names: dict[str, list[tuple[NameEntry, TableRow]]] = {}
        self.offices: list[tuple[Office, TableRow]] = []
        self.agents: dict[str, str] = {}

    def add(self, table: str, rows: list[TableRow]) -> None:
        getattr(self, f"_add_{table}")(rows)

    def _add_entities(self, rows: list[TableRow]) -> None:
        seen: dict[str, int] = {}
        for row in rows:
            actor_id, kind, label, country, wikidata, source = row.values
            if not actor_id or any(char.isspace() for char in actor_id):
                _fail(row, f"bad id {actor_id!r}", "give an id without spaces")
            if actor_id in seen:
                _fail(row, f"duplicate id {actor_id!r} (first on line {seen[actor_id]})", "keep one row")
            seen[actor_id] = row.line
            if kind not in ACTOR_KINDS:
                _fail(row, f"unknown kind {kind!r}", f"use one of {', '.join(ACTOR_KINDS)}")
            if kind == "state" and not _STATE_ID.fullmatch(actor_id):
                _fail(row, f"state id {actor_id!r} is not an ISO 3166-1 alpha-3 code", "use e.g. IND")
            if kind == "igo" and not _IGO_ID.fullmatch(actor_id):
                _fail(row, f"IGO id {actor_id!r} is not an upper-case acronym", "use e.g. NATO or ARAB_LEAGUE")
            if kind == "person" and not actor_id.startswith("person:"):
                _fail(row, f"person id {actor_id!r} lacks the 'person:' prefix", "use e.g. person:narendra-modi")
            if kind in ("state", "igo") and country not in ("", actor_id):
                _fail(row, f"a {kind} stands for itself, not {country!r}", f"leave country empty or write {actor_id}")
            if not label:
                _fail(row, "empty label", "give a readable name")
            if wikidata and not _WIKIDATA.fullmatch(wikidata):
                _fail(row, f"bad Wikidata id {wikidata!r}", "write it as Q followed by digits, or leave it empty")
            if not source:
                _fail(row, "empty source", "say where the fact comes from (e.g. curated)")
            if kind in ("state", "igo"):
                country = actor_id
            entry = ActorEntry(actor_id, kind, label, country or None, wikidata or None, source)
            self.entries[actor_id] = (entry, row)

    def _add_names(self, rows: list[TableRow]) -> None:
        for row in rows:
            name, actor_id, form, source = row.values
            key = name_key(name)
            if key is None:
                _fail(row, "empty name", "write the surface form in the first column")
            if form not in NAME_FORMS:
                _fail(row, f"unknown form {form!r}", f"use one of {', '.join(NAME_FORMS)}")
            if not actor_id:
                _fail(row, "empty id", f"name an actor id, or {DROP_ID} to drop the form")
            if not source:
                _fail(row, "empty source", "say where the form comes from (e.g. curated)")
            if actor_id == DROP_ID:
                self.names.pop(key, None)
                continue
            entry = NameEntry(name, actor_id, form, source)
            holders = self.names.get(key)
            if holders and holders[0][0].id != actor_id:
                other, other_row = holders[0]
                if other_row.path == row.path:
                    _fail(row, f"{name!r} already names {other.id} (line {other_row.line})",
                          "a surface form names one actor: remove one row")
                holders = None
            if holders is None:
                self.names[key] = [(entry, row)]
            elif all(held.name != name for held, _ in holders):
                holders.append((entry, row))

    def _add_offices(self, rows: list[TableRow]) -> None:
        for row in rows:
            person, country, role, start, end, source = row.values
            if not person or not country:
                _fail(row, "empty person or country", "fill both columns")
            if not _ROLE.fullmatch(role):
                _fail(row, f"bad role {role!r}", "use lower_case_with_underscores, e.g. head_of_state")
            for value in (start, end):
                if value and not _valid_date(value):
                    _fail(row, f"bad date {value!r}", "write dates as YYYY-MM-DD, or leave them empty")
            if start and end and end < start:
                _fail(row, f"term ends ({end}) before it starts ({start})", "swap or fix the dates")
            if not source:
                _fail(row, "empty source", "say where the fact comes from (e.g. curated)")
            self.offices.append((Office(person, country, role, start or None, end or None, source), row))

    def _add_agents(self, rows: list[TableRow]) -> None:
        for row in rows:
            word, kind, source = row.values
            if not word:
                _fail(row, "empty word", "write the agent noun in the first column")
            if kind not in AGENT_KINDS:
                _fail(row, f"unknown agent kind {kind!r}", f"use one of {', '.join(AGENT_KINDS)}")
            if not source:
                _fail(row, "empty source", "say where the word comes from (e.g. curated)")
            self.agents[_agent_key(word)] = kind

    def finish(self) -> ActorDictionary:
        entries = {actor_id: entry for actor_id, (entry, _) in self.entries.items()}
        for entry, row in self.entries.values():
            if entry.kind in ("person", "organisation") and entry.country:
                self._check_code(entry.country, row, "country")
        for holders in self.names.values():
            for entry, row in holders:
                if entry.id not in entries:
                    _fail(row, f"unknown actor id {entry.id!r}", "add it to an entities table or fix the id")
        for office, row in self.offices:
            person = entries.get(office.person)
            if person is None or person.kind != "person":
                _fail(row, f"{office.person!r} is not a person of the entities tables",
                      "add the person to an entities table or fix the id")
            self._check_code(office.country, row, "office country")
        names = [entry for holders in self.names.values() for entry, _ in holders]
        offices = [office for office, _ in self.offices]
        return ActorDictionary(entries.values(), names, offices, self.agents)

    def _check_code(self, code: str, row: TableRow, what: str) -> None:
        holder = self.entries.get(code)
        if holder is None or holder[0].kind not in ("state", "igo"):
            _fail(row, f"{what} {code!r} is not a state or IGO id", "use an ISO alpha-3 code or IGO acronym")


def _shipped_folder() -> Traversable:
    try:
        return resources.files("kg").joinpath("data", "actors")
    except (TypeError, NotADirectoryError):
        # kg imported as a namespace package (no __init__.py): importlib.resources cannot anchor on it.
        return Path(__file__).parent / "data" / "actors"


def _expand(path: Path) -> list[Path]:
    if path.is_dir():
        found = [path / filename for filename in _SHIPPED_FILES if (path / filename).is_file()]
        if not found:
            raise InputError(str(path), "folder holds no actor table",
                             fix=f"put one of {', '.join(_SHIPPED_FILES)} in it, or pass the files")
        return found
    if not path.is_file():
        raise InputError(str(path), "no such file or folder", fix="check the path")
    return [path]


def _fail(row: TableRow, problem: str, fix: str) -> None:
    raise InputError(row.path, problem, line=row.line, fix=fix)


def _valid_date(value: str) -> bool:
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _as_date(date: str | datetime.date | None) -> str | None:
    if date is None or date == "":
        return None
    if isinstance(date, datetime.date):
        return date.isoformat()[:10]
    found = _QUERY_DATE.match(date.strip())
    if found is None:
        raise ValueError(f"date {date!r} is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)")
    return found.group()


def _start_order(term: Office) -> str:
    return term.start or ""


def _plain(text: str) -> str:
    return _LEADING_THE.sub("", " ".join(text.split()))


def _agent_key(word: str) -> str:
    return " ".join(word.translate(_PUNCTUATION).casefold().split())
