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

import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.io import decode_text, read_jsonl, read_text
from kg.records import Document

__all__ = ["TEXT_SUFFIXES", "read_documents"]

#: File suffixes read as plain text; ``.jsonl`` (and ``.gz`` of both) are corpora.
TEXT_SUFFIXES = (".txt", ".text", ".md")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def read_documents(sources: Iterable[str | Path] | str | Path) -> Iterator[Document]:
    """Yield a ``Document`` for every text in ``sources``.

    Args:
        sources: Paths of text files, JSONL corpora ({"id", "text", "date"?, "url"?} a line),
            folders (their .txt/.md/.jsonl files, sorted, recursively), or ``-`` for stdin
            (JSONL when its first character is ``{``, else one text).

    Raises:
        InputError: a missing path, an empty, binary or non-UTF-8 file, or a bad JSONL line.
    """
    if isinstance(sources, (str, Path)):
        sources = [sources]
    for source in sources:
        yield from _read_source(str(source))


def _read_source(source: str) -> Iterator[Document]:
    if source == "-":
        yield from _read_stdin()
        return
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and _is_readable_kind(p))
        if not files:
            raise InputError(source, "folder holds no .txt, .md or .jsonl file",
                             fix="put text files in it or pass files directly")
        for file in files:
            yield from _read_file(file, doc_id=file.relative_to(path).with_suffix("").as_posix())
        return
    if not path.exists():
        raise InputError(source, "no such file or folder", fix="check the path")
    yield from _read_file(path, doc_id=_stem(path))


def _is_readable_kind(path: Path) -> bool:
    name = path.name.removesuffix(".gz")
    return not path.name.startswith(".") and name.endswith(TEXT_SUFFIXES + _JSONL_SUFFIXES)


def _stem(path: Path) -> str:
    name = path.name.removesuffix(".gz")
    return name.rsplit(".", 1)[0] if "." in name else name


def _read_file(path: Path, *, doc_id: str) -> Iterator[Document]:
    if path.name.removesuffix(".gz").endswith(_JSONL_SUFFIXES):
        yield from _read_corpus(str(path))
        return
    text = read_text(str(path))
    if not text.strip():
        raise InputError(str(path), "empty file", fix="pass a file with text in it")
    yield Document(id=doc_id, text=text, origin=str(path))


def _read_stdin() -> Iterator[Document]:
    data = sys.stdin.buffer.read()
    text = decode_text(data, "<stdin>")
    if not text.strip():
        raise InputError("<stdin>", "empty input", fix="pipe text or JSONL into kg")
    if text.lstrip().startswith("{"):
        yield from _documents_from_records("<stdin>", _records_from_lines(text))
    else:
        yield Document(id="stdin", text=text, origin="<stdin>")


def _records_from_lines(text: str) -> Iterator[tuple[int, dict]]:
    import json

    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError("<stdin>", f"invalid JSON ({err.msg})", line=number,
                             fix="fix the line or pass --skip-bad-lines") from err
        if not isinstance(record, dict):
            raise InputError("<stdin>", "line is not a JSON object", line=number,
                             fix="write one {...} object per line")
        yield number, record


def _read_corpus(path: str) -> Iterator[Document]:
    yield from _documents_from_records(path, read_jsonl(path))


def _documents_from_records(path: str, records: Iterable[tuple[int, dict]]) -> Iterator[Document]:
    count = 0
    for line, record in records:
        text = record.get("text")
        if not isinstance(text, str):
            raise InputError(path, "record has no \"text\" string", line=line,
                             fix='give each line a "text" field')
        doc_id = record.get("id")
        doc_id = str(doc_id) if doc_id not in (None, "") else f"{Path(path).name}:{line}"
        count += 1
        yield Document(id=doc_id, text=text, date=_date(record.get("date"), path, line),
                       url=record.get("url"), origin=f"{path}:{line}")
    if count == 0:
        raise InputError(path, "no records", fix="write one JSON object per line")


def _date(value: object, path: str, line: int) -> str | None:
    if value in (None, ""):
        return None
    match = _DATE.match(str(value))
    if not match:
        raise InputError(path, f"date {value!r} is not YYYY-MM-DD", line=line,
                         fix="write dates as YYYY-MM-DD or leave them out")
    return match.group(1)
