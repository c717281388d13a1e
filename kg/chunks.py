"""Documents too long to parse in one piece: split into parts at sentence ends, relations put back in place.

A part is parsed like any document; its relations' offsets are shifted by where the part starts,
so they point into the whole document's text, and the parts' relations are yielded as one
document's. Documents up to ``PART_CHARS`` characters pass through untouched.

Example:
    >>> text = "Chile signed a pact. Peru objected. " * 3
    >>> [text[start:end] for start, end in part_spans(text, 50)]  # doctest: +NORMALIZE_WHITESPACE
    ['Chile signed a pact. Peru objected. ', 'Chile signed a pact. Peru objected. ',
     'Chile signed a pact. Peru objected. ']
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator

from kg.records import Document, Relation

__all__ = ["PART_CHARS", "DocumentPart", "join_parts", "part_spans", "split_long"]

#: Longest text parsed in one piece (characters, about 16,000 words, the parser's batch budget): parse
#: memory grows with a text's length, and spaCy refuses texts longer than its ``max_length``.
PART_CHARS = 100_000

#: A sentence end (punctuation, closing quotes or brackets, then space) or a line break.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*")
_SPACE = re.compile(r"\s+")


@dataclasses.dataclass(frozen=True)
class DocumentPart(Document):
    """A piece of a long document: its text starts at ``offset`` in ``whole``'s text.

    ``whole`` stays in the process that split the document (it is not pickled with the part),
    so parallel workers receive only the part's text.
    """

    whole: Document | None = None
    offset: int = 0
    last: bool = True

    def __getstate__(self) -> dict:
        return {**self.__dict__, "whole": None}

    def __setstate__(self, state: dict) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)


def part_spans(text: str, limit: int = PART_CHARS) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` spans covering ``text``, each at most ``limit`` characters.

    A span ends at the last sentence end in the second half of its window, else at the last
    whitespace there, else (one unbroken run of characters) exactly at the limit.
    """
    start = 0
    while len(text) - start > limit:
        end = start + limit
        half = start + limit // 2
        cut = _last_end(_SENTENCE_END, text, half, end) or _last_end(_SPACE, text, half, end) or end
        yield start, cut
        start = cut
    yield start, len(text)


def _last_end(pattern: re.Pattern[str], text: str, start: int, end: int) -> int | None:
    last = None
    for match in pattern.finditer(text, start, end):
        last = match.end()
    return last


def split_long(documents: Iterable[Document], limit: int | None = None) -> Iterator[Document]:
    """Yield each document, or in its place the parts of one longer than ``limit`` (default ``PART_CHARS``)."""
    limit = PART_CHARS if limit is None else limit
    for document in documents:
        if len(document.text) <= limit:
            yield document
            continue
        spans = list(part_spans(document.text, limit))
        for number, (start, end) in enumerate(spans, start=1):
            yield DocumentPart(id=document.id, text=document.text[start:end], date=document.date, url=document.url,
                               origin=document.origin, whole=document, offset=start, last=number == len(spans))


def join_parts(pairs: Iterable[tuple[Document, list[Relation]]]) -> Iterator[tuple[Document, list[Relation]]]:
    """Put the parts of split documents back together: one pair per document, offsets in its text."""
    gathered: list[Relation] = []
    for document, relations in pairs:
        if not isinstance(document, DocumentPart):
            yield document, relations
            continue
        gathered.extend(_shifted(relation, document.offset) for relation in relations)
        if document.last:
            yield document.whole, gathered
            gathered = []


def _shifted(relation: Relation, offset: int) -> Relation:
    if not offset:
        return relation
    moved = {name: getattr(relation, name) + offset for name in ("start", "end", "trigger_start", "trigger_end")
             if getattr(relation, name) is not None}
    return dataclasses.replace(relation, **moved)
