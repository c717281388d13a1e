"""Low-level file handling: decoding text safely, reading JSONL, writing atomically.

Example:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_write(folder / "out.txt") as handle:
    ...     _ = handle.write("done")
    >>> (folder / "out.txt").read_text()
    'done'
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import json
import os
import sys
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from kg.errors import InputError

__all__ = ["atomic_write", "decode_lenient", "decode_text", "open_lines", "read_bytes", "read_jsonl", "read_text"]

#: Byte order marks and the codec that decodes (and drops) each; UTF-32 first: its LE mark starts like UTF-16's.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

#: How much of a file's head is searched for NUL bytes, which no UTF-8 text holds.
_SNIFF = 8192

_NOT_TEXT_FIX = "pass a UTF-8 text file (or its .gz)"


def _bom_encoding(head: bytes) -> str | None:
    return next((encoding for bom, encoding in _BOMS if head.startswith(bom)), None)


def _check_not_binary(head: bytes, path: str) -> None:
    if b"\x00" in head[:_SNIFF]:
        raise InputError(path, "binary file, not text", fix=_NOT_TEXT_FIX)


def decode_text(data: bytes, path: str) -> str:
    """Decode bytes as UTF-8 text (UTF-8, UTF-16 and UTF-32 byte order marks honoured), or raise.

    Raises:
        InputError: NUL bytes (a binary file) or bytes that are not UTF-8; one line, with the line.

    Example:
        >>> decode_text(b"\\xef\\xbb\\xbfIndia", "a.txt"), decode_text("Chile".encode("utf-16"), "b.txt")
        ('India', 'Chile')
    """
    encoding = _bom_encoding(data)
    if encoding is None:
        _check_not_binary(data, path)
    try:
        return data.decode(encoding or "utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            path, f"not {encoding or 'UTF-8'} text (byte 0x{data[err.start]:02x} at offset {err.start})",
            line=line, fix="convert it with `iconv -t UTF-8` and retry",
        ) from err


def decode_lenient(data: bytes, path: str) -> tuple[str, int]:
    """Decode text that may mix encodings: each line as UTF-8 if it is, else as Windows-1252.

    Returns the text and how many lines were not UTF-8 (read as cp1252, or as Latin-1 where cp1252
    leaves a byte undefined). Line ends are kept, so the text has as many lines as the bytes.

    Raises:
        InputError: a binary file.

    Example:
        >>> decode_lenient("naïve\\n".encode() + "café".encode("cp1252"), "mixed.txt")
        ('naïve\\ncafé', 1)
    """
    try:
        return decode_text(data, path), 0
    except InputError as err:
        if err.kind.startswith("binary") or _bom_encoding(data) not in (None, "utf-8-sig"):
            raise
    lines, fallbacks = [], 0
    for line in data.removeprefix(codecs.BOM_UTF8).split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            fallbacks += 1
            try:
                lines.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                lines.append(line.decode("latin-1"))
    return "\n".join(lines), fallbacks


def read_bytes(path: str) -> bytes:
    """Return the bytes of a file (``-`` for stdin, ``.gz`` decompressed), or raise a one-line error."""
    if path == "-":
        return sys.stdin.buffer.read()
    file_path = Path(path)
    if not file_path.exists():
        raise InputError(path, "no such file or folder", fix="check the path")
    if file_path.is_dir():
        raise InputError(path, "is a folder, expected a file", fix="pass a file inside it")
    try:
        raw = file_path.read_bytes()
        if path.endswith(".gz"):
            raw = gzip.decompress(raw)
    except (OSError, EOFError, zlib.error) as err:
        raise InputError(path, f"cannot read ({err})", fix="check the file and its permissions") from err
    return raw


def read_text(path: str) -> str:
    """Return the text of ``path`` (``-`` for stdin, ``.gz`` transparently).

    Raises:
        InputError: missing, unreadable, binary or non-UTF-8 input.
    """
    return decode_text(read_bytes(path), path)


def read_jsonl(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, object)`` for each non-blank line of a JSONL file.

    Lines are streamed: the file is never loaded whole (stdin and ``.gz`` included).

    Raises:
        InputError: a line that is not a JSON object, naming the file and line.
    """
    with open_lines(path) as lines:
        for number, raw in enumerate(lines, start=1):
            record = parse_json_line(raw, path, number)
            if record is not None:
                yield number, record


def parse_json_line(raw: bytes | str, path: str, number: int) -> dict[str, Any] | None:
    """Return the JSON object of one JSONL line, None for a blank line, or raise naming file and line.

    Example:
        >>> parse_json_line(b'{"id": 1}\\n', "a.jsonl", 1)
        {'id': 1}
    """
    line = decode_text(raw, path) if isinstance(raw, bytes) else raw
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as err:
        reason = err.msg if isinstance(err, json.JSONDecodeError) else "nested too deeply"
        raise InputError(path, f"invalid JSON ({reason})", line=number, fix="fix the line") from err
    if not isinstance(record, dict):
        raise InputError(path, "line is not a JSON object", line=number, fix="write one {...} object per line")
    return record


@contextlib.contextmanager
def open_lines(path: str) -> Iterator[Iterator[bytes | str]]:
    """Open a file (``-``: stdin; ``.gz`` decompressed) as an iterator of its lines, streamed.

    UTF-8 files give byte lines, read one at a time; a file with a UTF-16 or UTF-32 byte order mark
    is read whole and gives text lines. Errors name the file and, past its head, the line.

    Raises:
        InputError: a missing file, a binary file, or a corrupt or truncated ``.gz``.
    """
    name = "<stdin>" if path == "-" else path
    with _open_binary(path) as handle:
        try:
            head = handle.read1(_SNIFF) if hasattr(handle, "read1") else handle.read(_SNIFF)
            encoding = _bom_encoding(head)
            if encoding is not None and encoding != "utf-8-sig":
                yield iter(decode_text(head + handle.read(), name).splitlines(keepends=True))
                return
        except (OSError, EOFError, zlib.error) as err:
            raise InputError(name, f"cannot read ({err})", fix="check the file, or recompress it") from err
        _check_not_binary(head, name)
        yield _rejoined(head, handle, name)


def _rejoined(head: bytes, handle: IO[bytes], path: str) -> Iterator[bytes]:
    """The lines of ``head`` and then of ``handle``, the line ``head`` cut joined back together."""
    *lines, partial = head.split(b"\n")
    number = len(lines)
    for line in lines:
        yield line + b"\n"
    try:
        for line in handle:
            number += 1
            yield partial + line
            partial = b""
    except (OSError, EOFError, zlib.error) as err:
        raise InputError(path, f"cannot read past line {number} ({err})",
                         fix="check the file, or recompress it") from err
    if partial:
        yield partial


@contextlib.contextmanager
def _open_binary(path: str) -> Iterator[IO[bytes]]:
    if path == "-":
        yield sys.stdin.buffer
        return
    file_path = Path(path)
    if not file_path.exists() or file_path.is_dir():
        raise InputError(path, "no such file", fix="check the path")
    opener = gzip.open if path.endswith(".gz") else open
    try:
        handle = opener(file_path, "rb")
    except OSError as err:
        raise InputError(path, f"cannot read ({err})", fix="check the file and its permissions") from err
    with handle:
        yield handle


def _existing_mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], *, mode: str = "w",
                 encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success fsync it and rename it over ``path``.

    A crash or an exception leaves the old file untouched and no temporary file behind.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    # mkstemp makes the file private (0600); give it the mode an ordinary new file would get
    os.chmod(temp_name, _existing_mode(target))
    try:
        with os.fdopen(descriptor, mode, encoding=None if "b" in mode else encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
