"""Answer "which actor is this?" for a piece of text, from the dictionary or as the extractor reads a sentence.

Without a context sentence the answer comes from the actor dictionary alone (no spaCy): the
whole text as a surface form, else a title phrase ("the Russian foreign ministry", "Indian
Prime Minister", "China's UN Ambassador Liu Jieyi"). With a context sentence the text is
found in the parsed sentence and its head token resolved by ``kg.mentions``, as
``kg extract`` would resolve it there.

Example:
    >>> lookup_actor("the Kremlin").country
    'RUS'
    >>> found = lookup_actor("Indian Prime Minister")
    >>> found.country, found.how
    ('IND', 'demonym+agent')
    >>> found = lookup_actor("Modi", date="2020-01-01")
    >>> found.country, found.office.role, found.to_json()["source"]
    ('IND', 'head_of_government', {'name': 'curated', 'office': 'curated'})
    >>> lookup_actor("Atlantis").to_json()["country"] is None
    True
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import cache, lru_cache
from typing import Any

from kg.actors import ActorDictionary, ActorEntry, NameEntry, Office, default_dictionary, name_key
from kg.errors import InputError
from kg.records import ActorRef

__all__ = ["LINE_KEYS", "ActorLookup", "lookup_actor", "lookup_jsonl"]

#: The keys a line of ``lookup_jsonl`` input may have.
LINE_KEYS = ("text", "date", "context")

_RULER = "kg_actor_ruler"
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_LEAD_KINDS = ("state", "igo")


@dataclass(frozen=True)
class ActorLookup:
    """The answer to one lookup.

    Attributes:
        text: The text looked up, as given.
        country: The state or IGO code the text stands for (on ``date``), or None: unknown
            text, a person holding no office then, or (in a context) a demonym alone.
        kind: Kind of the actor found (``kg.records.ACTOR_KINDS``), None when unknown.
        id: kg id of the actor found ("IND", "person:narendra-modi"), None when unknown.
        label: Readable name of the actor found.
        date: The date the answer holds for (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), or None.
        how: How the text was resolved: the form of the matching name row ("name", "short",
            "demonym", "seat", "alias", ...); "<form>+agent" for a state named before an
            agent word or title ("demonym+agent"); "title+<form>" for a known person after a
            title ("title+name"); "context" in a parsed sentence; "unknown".
        entry: The dictionary row of the actor.
        name: The surface-form row that matched, when one did.
        office: The office that makes a person stand for ``country`` on ``date``.
    """

    text: str
    country: str | None
    kind: str | None
    id: str | None
    label: str | None
    date: str | None
    how: str
    entry: ActorEntry | None = None
    name: NameEntry | None = None
    office: Office | None = None

    @property
    def known(self) -> bool:
        """True when the text names an actor of the dictionary."""
        return self.id is not None

    def to_json(self) -> dict[str, Any]:
        """Return the answer as a JSON-ready dict; ``source`` gives the name and office rows' sources."""
        return {
            "text": self.text, "known": self.known, "country": self.country, "kind": self.kind,
            "id": self.id, "label": self.label, "date": self.date, "how": self.how,
            "entry": _as_dict(self.entry), "name": _as_dict(self.name), "office": _as_dict(self.office),
            "source": {"name": self.name.source if self.name else None,
                       "office": self.office.source if self.office else None},
        }


def lookup_actor(text: str, *, date: str | None = None, context: str | None = None,
                 actors: ActorDictionary | None = None, nlp=None) -> ActorLookup:
    """Resolve ``text`` to an actor, alone or as a mention in the sentence ``context``.

    Without ``context``: the whole text as a surface form of the dictionary; else a title
    phrase, read without spaCy: a known person after a title ("Prime Minister Narendra
    Modi"), or a state named first ("Indian", "China's") followed by an agent word or a
    title and a name ("Prime Minister", "foreign ministry", "UN Ambassador Liu Jieyi").
    A demonym alone answers its state here, though the extractor would not take it for one.

    With ``context``: the first case-sensitive occurrence of ``text`` in the sentence is
    parsed and its head token resolved with ``kg.mentions.MentionResolver``, the extractor's
    own rules. A mention that stands for two states ("the two countries") answers the first.

    Args:
        text: The words to resolve.
        date: Date of the text (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``); picks the office a
            person held. Without it a person stands for the country of their latest office.
        context: A sentence that contains ``text``; parsing it loads spaCy.
        actors: The dictionary; default: the one of ``nlp``'s actor ruler, else the shipped one.
        nlp: A pipeline from ``kg.parse.load_pipeline``; default: the shipped pipeline, loaded
            once on the first lookup with a context.

    Returns:
        The answer; an unknown text is not an error: ``known`` is False, ``country`` None.

    Raises:
        InputError: ``date`` is not a calendar date, or ``text`` is empty or absent from ``context``.
        ModelError: a context is given and no spaCy model can be loaded.
        ValueError: ``nlp`` has no ``kg_actor_ruler``.

    Example:
        >>> found = lookup_actor("Liu Jieyi", context="China's UN Ambassador Liu Jieyi criticised the plan.")
        >>> found.country, found.id, found.office.role
        ('CHN', 'person:liu-jieyi', 'official')
        >>> lookup_actor("officials", context="Indian officials met Chinese diplomats.").country
        'IND'
        >>> lookup_actor("Trump", date="2022-06-01").country is None
        True
    """
    day = _checked_date(date)
    if context and nlp is None:
        nlp = _shipped_pipeline()
    if actors is None:
        actors = _ruler_dictionary(nlp) if nlp is not None else default_dictionary()
    if context:
        return _in_context(text, context, day, actors, nlp)
    found = actors.lookup(text, date=day)
    if found is not None:
        return _answer(text, found, day, actors, _name_row(actors, found.id, text))
    return _title_phrase(text, day, actors) or ActorLookup(text, None, None, None, None, day, "unknown")


def lookup_jsonl(lines: Iterable[str | bytes], *, source: str = "<stdin>", date: str | None = None,
                 context: str | None = None, actors: ActorDictionary | None = None,
                 nlp=None) -> Iterator[ActorLookup]:
    """Answer JSON lines ``{"text", "date"?, "context"?}`` one lookup each, in order.

    A line's ``date`` and ``context`` override the ones given here; blank lines are skipped
    but counted. Reading stops at the first bad line, after the answers to the lines before it.

    Args:
        lines: Lines of JSON, as text or UTF-8 bytes (a file or ``sys.stdin.buffer``).
        source: Name of the input, for messages.
        date: Date for the lines that give none.
        context: Context sentence for the lines that give none.
        actors: The dictionary (see ``lookup_actor``).
        nlp: The pipeline (see ``lookup_actor``).

    Raises:
        InputError: a line that is not UTF-8, not a JSON object, lacks ``text``, has an
            unknown key, or fails its lookup; the message gives ``source:line``.

    Example:
        >>> lines = ['{"text": "India"}', '', '{"text": "Atlantis", "date": "2020"}']
        >>> [(found.text, found.country) for found in lookup_jsonl(lines)]
        [('India', 'IND'), ('Atlantis', None)]
    """
    for number, raw in enumerate(lines, start=1):
        record = _read_line(raw, source, number)
        if record is None:
            continue
        try:
            yield lookup_actor(record["text"], date=record.get("date", date),
                               context=record.get("context", context), actors=actors, nlp=nlp)
        except InputError as err:
            raise InputError(source, f"{err.path}: {err.problem}", line=number, fix=err.fix) from err


def _read_line(raw: str | bytes, source: str, number: int) -> dict[str, Any] | None:
    """The record of one input line, checked; None for a blank line."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as err:
            raise InputError(source, "not UTF-8 text", line=number,
                             fix="convert it with `iconv -t UTF-8` and retry") from err
    if not raw.strip():
        return None
    fix = 'write one {"text": ..., "date": ..., "context": ...} object per line'
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as err:
        raise InputError(source, f"invalid JSON ({err.msg})", line=number, fix=fix) from err
    if not isinstance(record, dict):
        raise InputError(source, "line is not a JSON object", line=number, fix=fix)
    unknown = sorted(set(record) - set(LINE_KEYS))
    if unknown:
        raise InputError(source, f"unknown key {', '.join(map(repr, unknown))}", line=number,
                         fix=f"use only {', '.join(LINE_KEYS)}")
    if not isinstance(record.get("text"), str):
        raise InputError(source, '"text" is missing or not a string', line=number, fix=fix)
    for key in ("date", "context"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise InputError(source, f'"{key}" is not a string', line=number, fix=f"give {key} as a string or null")
    return record


def _checked_date(date: str | None) -> str | None:
    """The date, checked to be a real ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None when absent."""
    if not date:
        return None
    valid = _DATE.fullmatch(date) is not None
    if valid:
        try:
            # pad YYYY and YYYY-MM to a day so that fromisoformat checks the month as well
            datetime.date.fromisoformat(date + "-01" * (2 - date.count("-")))
        except ValueError:
            valid = False
    if not valid:
        raise InputError("date", f"{date!r} is not a calendar date",
                         fix="write it as YYYY-MM-DD (or YYYY-MM, YYYY), e.g. 2020-01-31")
    return date


def _answer(text: str, actor: ActorRef, date: str | None, actors: ActorDictionary, name: NameEntry | None,
            how: str | None = None) -> ActorLookup:
    """An answer for an actor found, with its dictionary row and the office behind its country."""
    entry = actors.entry(actor.id)
    office = _office_row(actors, actor.id, actor.country, date) if actor.kind == "person" else None
    return ActorLookup(text=text, country=actor.country, kind=actor.kind, id=actor.id, label=actor.label,
                       date=date, how=how or (name.form if name else "name"), entry=entry, name=name,
                       office=office)


def _name_row(actors: ActorDictionary, actor_id: str, text: str) -> NameEntry | None:
    """The surface-form row of ``actor_id`` that ``text`` matches."""
    key = name_key(text)
    return next((row for row in actors.forms(actor_id) if name_key(row.name) == key), None)


def _office_row(actors: ActorDictionary, person: str, country: str | None, date: str | None) -> Office | None:
    """The office that makes ``person`` stand for ``country``, as ``ActorDictionary.country_of`` chooses it."""
    office = actors.office_of(person, date=date) if country is not None else None
    return office if office is not None and office.country == country else None


# Title phrases, without a parse

def _title_phrase(text: str, date: str | None, actors: ActorDictionary) -> ActorLookup | None:
    """A known person after a title, or a state named before an agent word or a title."""
    words = _DETERMINER.sub("", text.strip()).split()
    lead, rest = _leading_state(words, actors)
    # a known person's name after a title heads the phrase, as in a parsed sentence
    for size in range(len(rest)):
        if size and not _ends_in_agent(rest[:size], actors):
            continue
        person = actors.lookup(" ".join(rest[size:]), date=date)
        if person is not None and person.kind == "person":
            name = _name_row(actors, person.id, " ".join(rest[size:]))
            return _answer(text, person, date, actors, name, how=f"title+{name.form if name else 'name'}")
    # a state named before an agent word ("Indian officials") or a title and a name
    if lead is not None and (_ends_in_agent(rest, actors) or _title_and_name(rest, actors)):
        lead_text = " ".join(words[: len(words) - len(rest)])
        name = _name_row(actors, lead.id, lead_text)
        return _answer(text, lead, date, actors, name, how=f"{name.form if name else 'name'}+agent")
    return None


def _leading_state(words: list[str], actors: ActorDictionary) -> tuple[ActorRef | None, list[str]]:
    """The longest state or IGO name at the start ("China's", "Indian") and the words after it."""
    for size in range(len(words) - 1, 0, -1):
        found = actors.lookup(" ".join(words[:size]))
        if found is not None and found.kind in _LEAD_KINDS and found.country:
            return found, words[size:]
    return None, words


def _ends_in_agent(words: list[str], actors: ActorDictionary) -> bool:
    """True when the words end in an agent word or phrase ("UN Ambassador", "Prime Minister")."""
    return any(actors.is_agent(" ".join(words[start:])) for start in range(len(words)))


def _title_and_name(words: list[str], actors: ActorDictionary) -> bool:
    """True for a title followed by capitalised name words ("Ambassador Taro Yamada")."""
    return any(_ends_in_agent(words[:size], actors) and words[size][:1].isupper() and words[-1][:1].isupper()
               for size in range(1, len(words)))


# Mentions in a parsed sentence

def _in_context(text: str, context: str, date: str | None, actors: ActorDictionary, nlp) -> ActorLookup:
    """Resolve the head token of ``text`` in the parsed ``context``, as the extractor does."""
    from kg.mentions import MentionResolver

    if not text.strip():
        raise InputError("text", "empty", fix="give the words of the mention as the context writes them")
    start = context.find(text)
    if start < 0:
        shown = context if len(context) <= 80 else context[:77] + "..."
        raise InputError("context", f"{text!r} does not occur in {shown!r}",
                         fix="give TEXT exactly as the sentence writes it (case matters)")
    doc = _parse(context, actors, nlp)
    token = doc.char_span(start, start + len(text), alignment_mode="expand").root
    resolver = MentionResolver(doc, date=date, actors=actors)
    mentions = resolver.resolve(token)
    actor = mentions[0].actor if mentions else resolver.actor_at(token)
    if actor is None:
        return ActorLookup(text, None, None, None, None, date, "unknown")
    if not mentions:
        # named but standing for no state here: a demonym alone, a person out of office
        actor = ActorRef(text=actor.text, id=actor.id, country=None, kind=actor.kind, label=actor.label)
    return _answer(text, actor, date, actors, _name_row_near(doc, token, actor.id, actors), how="context")


def _name_row_near(doc, token, actor_id: str, actors: ActorDictionary) -> NameEntry | None:
    """The name row of the entity naming ``actor_id`` closest to ``token`` (in its phrase first)."""
    phrase = range(token.left_edge.i, token.right_edge.i + 1)
    named = [ent for ent in doc.ents if ent.ent_id_ == actor_id]
    if not named:
        return None
    closest = min(named, key=lambda ent: (ent.start not in phrase, abs(ent.start - token.i)))
    return _name_row(actors, actor_id, closest.text)


def _parse(context: str, actors: ActorDictionary, nlp):
    """Parse ``context`` with ``nlp``, its actor ruler reading ``actors``."""
    ruler = nlp.get_pipe(_RULER) if _RULER in nlp.pipe_names else None
    if ruler is None:
        raise ValueError(f"the pipeline has no {_RULER}; load it with kg.parse.load_pipeline()")
    if getattr(ruler, "actors", None) is actors:
        return nlp(context)
    # another dictionary than the ruler's: run the same components with a ruler built from it
    own_ruler = _ruler_for(nlp, actors)
    doc = nlp.make_doc(context)
    for name, component in nlp.pipeline:
        doc = (own_ruler if name == _RULER else component)(doc)
    return doc


@cache
def _shipped_pipeline():
    """kg's pipeline with the shipped dictionary, loaded once per process."""
    from kg.parse import load_pipeline

    return load_pipeline()


@lru_cache(maxsize=4)
def _ruler_for(nlp, actors: ActorDictionary):
    """An actor ruler reading ``actors`` for ``nlp`` (building one takes about 0.1 s)."""
    from kg.components import ActorRuler

    return ActorRuler(nlp, _RULER, actors)


def _ruler_dictionary(nlp) -> ActorDictionary:
    """The dictionary ``nlp``'s actor ruler reads; the shipped one when it has none."""
    ruler = nlp.get_pipe(_RULER) if _RULER in nlp.pipe_names else None
    actors = getattr(ruler, "actors", None)
    # not `or`: an ActorDictionary with no entries is falsy
    return actors if actors is not None else default_dictionary()


def _as_dict(row: ActorEntry | NameEntry | Office | None) -> dict[str, Any] | None:
    return asdict(row) if row is not None else None
