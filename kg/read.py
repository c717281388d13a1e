"""The read stage: turn paths (text files, folders, JSONL corpora, stdin) into ``Document`` records.

Readers are generators: a JSONL corpus streams line by line and is never loaded whole.

Example:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "note.txt").write_text("India and Russia signed a pact.")
    >>> [(doc.id, doc.text) for doc in read_documents([folder / "note.txt"])]
    [('note', 'India and Russia signed a pact.')]
"""

from __future__ import annotations

import codecs
import hashlib
import itertools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.clean import html_to_text, looks_english, looks_like_html, replace_surrogates
from kg.errors import InputError
from kg.io import decode_lenient, open_lines, parse_json_line, read_bytes
from kg.readlog import ReadLog
from kg.records import Document

__all__ = ["TEXT_SUFFIXES", "read_documents"]

#: File suffixes read as plain text; ``.jsonl`` (and ``.gz`` of both) are corpora.
TEXT_SUFFIXES = (".txt", ".text", ".md")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def read_documents(sources: Iterable[str | Path] | str | Path, *, log: ReadLog | None = None) -> Iterator[Document]:
    """Yield a ``Document`` for every text in ``sources``.

    Args:
        sources: Paths of text files, JSONL corpora ({"id", "text", "date"?, "url"?} a line),
            folders (their .txt/.md/.jsonl files, sorted, recursively), or ``-`` for stdin
            (JSONL when its first character is ``{``, else one text).
        log: Where bad records go: ``ReadLog()`` skips and counts them, ``ReadLog(strict=True)``
            (the default) raises the first.

    Raises:
        InputError: a path that does not exist (always), or with a strict log the first bad record:
            an empty, binary or undecodable file, a bad JSONL line, a record without text.
    """
    log = ReadLog(strict=True) if log is None else log
    if isinstance(sources, (str, Path)):
        sources = [sources]
    seen: dict[str, bytes] = {}
    for source in sources:
        for document in _read_source(str(source), log):
            document = _unique(document, seen, log)
            if document is not None:
                log.documents += 1
                yield document


def _read_source(source: str, log: ReadLog) -> Iterator[Document]:
    if source == "-":
        yield from _guarded("<stdin>", _read_stdin(log), log)
        return
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and _is_readable_kind(p))
        if not files:
            raise InputError(source, "folder holds no .txt, .md or .jsonl file",
                             fix="put text files in it or pass files directly")
        for file in files:
            yield from _guarded(str(file), _read_file(file, doc_id=file.relative_to(path).with_suffix("").as_posix(),
                                                      log=log), log)
        return
    if not path.exists():
        raise InputError(source, "no such file or folder", fix="check the path")
    yield from _guarded(source, _read_file(path, doc_id=_stem(path), log=log), log)


def _guarded(path: str, documents: Iterator[Document], log: ReadLog) -> Iterator[Document]:
    """The documents of one file; a problem with the file as a whole skips the rest of it."""
    try:
        yield from documents
    except InputError as err:
        log.skip(err)
    except (OSError, MemoryError) as err:
        log.skip(InputError(path, f"cannot read ({type(err).__name__}: {err})", fix="check the file"))


def _is_readable_kind(path: Path) -> bool:
    name = path.name.removesuffix(".gz")
    return not path.name.startswith(".") and name.endswith(TEXT_SUFFIXES + _JSONL_SUFFIXES)


def _stem(path: Path) -> str:
    name = path.name.removesuffix(".gz")
    return name.rsplit(".", 1)[0] if "." in name else name


def _read_file(path: Path, *, doc_id: str, log: ReadLog) -> Iterator[Document]:
    if path.name.removesuffix(".gz").endswith(_JSONL_SUFFIXES):
        yield from _read_corpus(str(path), log)
        return
    document = _text_document(doc_id, read_bytes(str(path)), str(path), log)
    if document is not None:
        yield document


def _text_document(doc_id: str, data: bytes, path: str, log: ReadLog) -> Document | None:
    text, fallbacks = decode_lenient(data, path)
    if fallbacks:
        log.repair(InputError(path, f"not UTF-8 ({fallbacks} line{'s' * (fallbacks > 1)} read as cp1252)",
                              fix="convert it with `iconv -t UTF-8` to be sure"))
    text = _checked_text(text, path, None, log)
    return None if text is None else Document(id=doc_id, text=text, origin=path)


def _read_stdin(log: ReadLog) -> Iterator[Document]:
    """Stdin: JSONL streamed line by line when its first non-blank line starts with ``{``, else one text."""
    with open_lines("-") as lines:
        head: list[bytes | str] = []
        for line in lines:
            head.append(line)
            if line.strip():
                break
        first = head[-1] if head else b""
        first = first.encode() if isinstance(first, str) else first
        if first.removeprefix(codecs.BOM_UTF8).lstrip()[:1] == b"{":
            yield from _documents_from_lines("<stdin>", itertools.chain(head, lines), log)
            return
        data = b"".join(line if isinstance(line, bytes) else line.encode() for line in itertools.chain(head, lines))
    if not data.strip():
        raise InputError("<stdin>", "empty input", fix="pipe text or JSONL into kg")
    document = _text_document("stdin", data, "<stdin>", log)
    if document is not None:
        yield document


def _read_corpus(path: str, log: ReadLog) -> Iterator[Document]:
    with open_lines(path) as lines:
        yield from _documents_from_lines(path, lines, log)


def _documents_from_lines(path: str, lines: Iterable[bytes | str], log: ReadLog) -> Iterator[Document]:
    records = 0
    for number, raw in enumerate(lines, start=1):
        records += bool(raw.strip())
        try:
            record = parse_json_line(_lenient_line(raw, path, number, log), path, number)
            document = None if record is None else _record_document(record, path, number, log)
        except InputError as err:
            log.skip(err)
            continue
        if document is not None:
            yield document
    if records == 0:
        raise InputError(path, "empty file", fix="write one JSON object per line")


def _lenient_line(raw: bytes | str, path: str, number: int, log: ReadLog) -> str:
    if isinstance(raw, str):
        return raw
    text, fallbacks = decode_lenient(raw, path)
    if fallbacks:
        log.repair(InputError(path, "not UTF-8 (read as cp1252)", line=number,
                              fix="convert the file with `iconv -t UTF-8` to be sure"))
    return text


def _record_document(record: dict, path: str, line: int, log: ReadLog) -> Document | None:
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(path, "record has no \"text\" string", line=line, fix='give each line a "text" field')
    text = _checked_text(text, path, line, log)
    if text is None:
        return None
    doc_id = record.get("id")
    doc_id = str(doc_id) if doc_id not in (None, "") else f"{Path(path).name}:{line}"
    return Document(id=replace_surrogates(doc_id)[0], text=text, date=_date(record.get("date"), path, line, log),
                    url=_url(record.get("url"), path, line, log), origin=f"{path}:{line}")


def _checked_text(text: str, path: str, line: int | None, log: ReadLog) -> str | None:
    """The text to parse, mended (surrogates, HTML) with warnings; None (skipped) when it is empty."""
    text, surrogates = replace_surrogates(text)
    if surrogates:
        log.repair(InputError(path, f"lone surrogates ({surrogates} replaced by U+FFFD)", line=line,
                              fix="fix the encoding of the text"))
    if looks_like_html(text):
        text = html_to_text(text)
        log.warn(InputError(path, "HTML, read as its text", line=line, fix="pass the article text to be sure"))
    if not text.strip():
        log.skip(InputError(path, "empty text" if line else "empty file", line=line,
                            fix="give it some text" if line else "pass a file with text in it"))
        return None
    if not looks_english(text):
        log.warn(InputError(path, "does not look like English (read anyway)", line=line,
                            fix="kg's rules read English; translate it for relations"))
    return text


def _date(value: object, path: str, line: int, log: ReadLog) -> str | None:
    if value in (None, ""):
        return None
    match = _DATE.match(str(value))
    if not match:
        log.repair(InputError(path, f"date is not YYYY-MM-DD ({str(value)[:40]!r}, left out)", line=line,
                              fix="write dates as YYYY-MM-DD or leave them out"))
        return None
    return match.group(1)


def _url(value: object, path: str, line: int, log: ReadLog) -> str | None:
    if value in (None, "") or (isinstance(value, str) and not _SURROGATE_OR_SPACE.search(value)):
        return value or None
    log.repair(InputError(path, f"url is not a web address ({str(value)[:40]!r}, left out)", line=line,
                          fix="give url as a string without spaces, or leave it out"))
    return None


_SURROGATE_OR_SPACE = re.compile(r"[\s\ud800-\udfff]")


def _unique(document: Document, seen: dict[str, bytes], log: ReadLog) -> Document | None:
    """Drop a repeat of a document (same id and text) and rename a different text with a used id."""
    digest = hashlib.blake2b(document.text.encode("utf-8"), digest_size=8).digest()
    held = seen.get(document.id)
    if held is None:
        seen[document.id] = digest
        return document
    place = document.origin or document.id
    if held == digest:
        log.warn(InputError(place, f"duplicate of document '{document.id}' (left out)",
                            fix="remove the repeated record"))
        return None
    number = 2
    while f"{document.id}~{number}" in seen:
        number += 1
    renamed = f"{document.id}~{number}"
    seen[renamed] = digest
    log.warn(InputError(place, f"id '{document.id}' is taken by another text (read as '{renamed}')",
                        fix="give each record its own id"))
    return Document(id=renamed, text=document.text, date=document.date, url=document.url, origin=document.origin)
