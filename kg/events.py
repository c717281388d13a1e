"""The event lexicon: trigger words to PLOVER type, CAMEO code and cooperation score, and modality cues.

Both tables are data files in ``kg/data/events`` (format in ``kg/data/README.md``), loaded once.
The trigger table is two layers: ``petrarch_lexicon.tsv``, generated from PETRARCH2's CAMEO verb
dictionary by ``scripts/build_event_lexicon.py``, under kg's curated ``lexicon.tsv``, whose rows win
for the same trigger (and, for a light verb, the same object).

Example:
    >>> lexicon = default_lexicon()
    >>> [entry] = lexicon.light_verbs("impose", "sanctions")
    >>> entry.type, entry.cameo, entry.goldstein, entry.target_preps
    ('SANCTION', '163', -8.0, ('on', 'against'))
    >>> lexicon.verb("meet").mutual
    True
    >>> [entry.type for entry in lexicon.nouns("drills")]
    ['COOPERATE', 'MOBILIZE']
    >>> lexicon.has_cue("whether", "mark")
    True
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from kg.errors import InputError
from kg.records import EVENT_TYPES

__all__ = ["GENERATED_LEXICON", "MODALITY_CUES", "EventLexicon", "LexiconEntry", "default_lexicon"]

#: The generated lower layer of the trigger table (scripts/build_event_lexicon.py).
GENERATED_LEXICON = "petrarch_lexicon.tsv"

#: The kinds of modality cue (see kg/data/events/modality.tsv).
MODALITY_CUES = ("modal", "governor", "modifier", "mark", "negator", "report", "blame")


@dataclass(frozen=True)
class LexiconEntry:
    """One trigger of the event lexicon.

    Attributes:
        trigger: Lemma of the trigger, with its particle if any ("break off").
        pos: "verb" or "noun" (a nominal trigger such as "visit").
        objects: For a light verb, the object lemmas that make it an event
            ("impose" + "sanctions"); empty when the verb alone is the event.
        type: PLOVER event type.
        cameo: CAMEO event code.
        goldstein: Goldstein cooperation-conflict score of the CAMEO code, in [-10, 10].
        target_preps: Prepositions whose object is the target ("on" in "sanctions on Iran").
        mutual: The event is joint: A->B implies B->A (meetings, signing with).
        reverse: The grammatical subject receives: "Ukraine received jets from Denmark" is
            Denmark AID Ukraine (``mutual`` column value ``reverse``).
    """

    trigger: str
    pos: str
    objects: tuple[str, ...]
    type: str
    cameo: str
    goldstein: float
    target_preps: tuple[str, ...]
    mutual: bool
    reverse: bool = False


class EventLexicon:
    """Look-ups over the trigger table and the modality cues."""

    def __init__(self, entries: list[LexiconEntry], cues: dict[str, set[str]]) -> None:
        self.entries = entries
        self._verbs: dict[str, LexiconEntry] = {}
        self._light: dict[tuple[str, str], list[LexiconEntry]] = {}
        self._nouns: dict[str, list[LexiconEntry]] = {}
        for entry in entries:
            if entry.pos == "noun":
                self._nouns.setdefault(entry.trigger, []).append(entry)
            elif entry.objects:
                for noun in entry.objects:
                    self._light.setdefault((entry.trigger, noun), []).append(entry)
            else:
                self._verbs[entry.trigger] = entry
        self._cues = cues
        # words that can begin a verbal trigger, and any word of a nominal one: cheap first filters
        self._verb_words = {entry.trigger.split()[0] for entry in entries if entry.pos == "verb"}
        self._noun_words = {word for entry in entries if entry.pos == "noun" for word in entry.trigger.split()}

    def may_be_verb(self, lemma: str) -> bool:
        """False when no verbal trigger starts with ``lemma`` (a quick test before the look-ups).

        Example:
            >>> default_lexicon().may_be_verb("sign"), default_lexicon().may_be_verb("yawn")
            (True, False)
        """
        return lemma.lower() in self._verb_words

    def may_be_noun(self, word: str) -> bool:
        """False when no nominal trigger contains ``word`` (a quick test before the look-ups)."""
        return word.lower() in self._noun_words

    @classmethod
    def from_files(cls, lexicon_path: str | Path | Sequence[str | Path], modality_path: str | Path) -> EventLexicon:
        """Load the lexicon and the modality cues, validating every row.

        Args:
            lexicon_path: One trigger table, or several layered in order: a later table's rows
                replace an earlier one's for the same trigger (verb alone, noun) or the same
                light verb and object ("hold" + "talks"); the earlier rows' other objects stay.
            modality_path: The modality cue table.

        Raises:
            InputError: a malformed row, naming the file and line.
        """
        paths = [lexicon_path] if isinstance(lexicon_path, (str, Path)) else list(lexicon_path)
        entries: list[LexiconEntry] = []
        for path in paths:
            entries = _layer(entries, [_parse_entry(path_line, fields) for path_line, fields in _rows(path, 8)])
        cues: dict[str, set[str]] = {}
        for (path, line), (word, cue) in _rows(modality_path, 2):
            if cue not in MODALITY_CUES:
                raise InputError(path, f"unknown cue {cue!r}", line=line,
                                 fix=f"use one of {', '.join(MODALITY_CUES)}")
            cues.setdefault(word.lower(), set()).add(cue)
        return cls(entries, cues)

    def verb(self, lemma: str) -> LexiconEntry | None:
        """The entry for a verb (or verb + particle) that is an event on its own."""
        return self._verbs.get(lemma.lower())

    def light_verbs(self, lemma: str, object_lemma: str) -> list[LexiconEntry]:
        """The entries for a light verb with its object noun ("hold" + "talks"); one per reading,
        told apart by their target prepositions ("send warships to" AID, "send warships around" MOBILIZE)."""
        return self._light.get((lemma.lower(), object_lemma.lower()), [])

    def nouns(self, lemma: str) -> list[LexiconEntry]:
        """The entries for a nominal trigger ("visit", "sanctions"); one per reading, told apart
        by their target prepositions ("drills with" COOPERATE, "drills near" MOBILIZE)."""
        return self._nouns.get(lemma.lower(), [])

    def has_cue(self, word: str, cue: str) -> bool:
        """True when ``word`` is listed with ``cue``."""
        return cue in self._cues.get(word.lower(), ())


def _rows(path: str | Path, width: int) -> Iterator[tuple[tuple[str, int], list[str]]]:
    text = Path(path).read_text(encoding="utf-8")
    seen_header = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if len(fields) != width:
            raise InputError(str(path), f"expected {width} tab-separated columns, found {len(fields)}",
                             line=number, fix="separate columns with one tab")
        if not seen_header:
            seen_header = True
            continue
        yield (str(path), number), [field.strip() for field in fields]


def _layer(lower: list[LexiconEntry], upper: list[LexiconEntry]) -> list[LexiconEntry]:
    """``upper``'s entries, then ``lower``'s for the triggers (and light-verb objects) ``upper`` leaves alone.

    An upper noun replaces the lower entries of that noun; an upper verb on its own replaces every
    lower entry of that verb, with or without an object (the curated "attack" stands whatever
    object follows); an upper light verb replaces the lower entries of the same verb and object,
    singular or plural ("lodge" + "protest" also covers "protests").
    """
    if not lower:
        return upper
    nouns = {entry.trigger for entry in upper if entry.pos == "noun"}
    verbs = {entry.trigger for entry in upper if entry.pos == "verb" and not entry.objects}
    light = {(entry.trigger, _singular(noun)) for entry in upper if entry.pos == "verb" for noun in entry.objects}
    kept = []
    for entry in lower:
        if entry.pos == "noun":
            if entry.trigger not in nouns:
                kept.append(entry)
        elif entry.trigger in verbs:
            continue
        elif entry.objects:
            objects = tuple(noun for noun in entry.objects if (entry.trigger, _singular(noun)) not in light)
            if objects:
                kept.append(entry if len(objects) == len(entry.objects) else replace(entry, objects=objects))
        else:
            kept.append(entry)
    return upper + kept


def _singular(noun: str) -> str:
    """A rough singular of a noun phrase's last word, to match "protest" with "protests"."""
    for plural, singular in (("ies", "y"), ("ses", "s"), ("es", "e"), ("s", "")):
        if noun.endswith(plural) and len(noun) > len(plural) + 2:
            return noun[: -len(plural)] + singular
    return noun


def _split(field: str) -> tuple[str, ...]:
    return () if field == "-" else tuple(part.strip().lower() for part in field.split("|"))


def _parse_entry(place: tuple[str, int], fields: list[str]) -> LexiconEntry:
    path, line = place
    trigger, pos, objects, event_type, cameo, goldstein, preps, mutual = fields
    if pos not in ("verb", "noun"):
        raise InputError(path, f"pos must be verb or noun, not {pos!r}", line=line, fix="fix the pos column")
    if event_type not in EVENT_TYPES:
        raise InputError(path, f"unknown event type {event_type!r}", line=line,
                         fix="use one of the 16 PLOVER types")
    try:
        score = float(goldstein)
    except ValueError as err:
        raise InputError(path, f"goldstein {goldstein!r} is not a number", line=line,
                         fix="write a number in [-10, 10]") from err
    if not -10.0 <= score <= 10.0 or not cameo.isdigit() or mutual not in ("yes", "no", "reverse"):
        raise InputError(path, "goldstein outside [-10, 10], cameo not digits, or mutual not yes/no/reverse",
                         line=line, fix="fix the row")
    return LexiconEntry(trigger=trigger.lower(), pos=pos, objects=_split(objects), type=event_type,
                        cameo=cameo, goldstein=score, target_preps=_split(preps), mutual=mutual == "yes",
                        reverse=mutual == "reverse")


@functools.lru_cache(maxsize=1)
def default_lexicon() -> EventLexicon:
    """The lexicon shipped with kg (loaded once)."""
    folder = resources.files("kg") / "data" / "events"
    with resources.as_file(folder) as path:
        return EventLexicon.from_files([path / GENERATED_LEXICON, path / "lexicon.tsv"], path / "modality.tsv")
