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

import contextlib
import gzip
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from kg.errors import InputError

__all__ = ["atomic_write", "decode_text", "read_jsonl", "read_text"]

#: Bytes that never occur in text: their presence marks a binary file.
_BINARY_MARKERS = (b"\x00",)


def decode_text(data: bytes, path: str) -> str:
    """Decode bytes as UTF-8 text (BOM allowed), or raise a one-line ``InputError``.

    Example:
        >>> decode_text(b"\\xef\\xbb\\xbfIndia", "a.txt")
        'India'
    """
    if any(marker in data[:8192] for marker in _BINARY_MARKERS):
        raise InputError(path, "binary file, not text", fix="pass a UTF-8 text, JSONL or .gz file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            path, f"not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start})",
            line=line, fix="convert it with `iconv -t UTF-8` and retry",
        ) from err


def _read_bytes(path: str) -> bytes:
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
    except (OSError, EOFError) as err:
        raise InputError(path, f"cannot read ({err})", fix="check the file and its permissions") from err
    return raw


def read_text(path: str) -> str:
    """Return the text of ``path`` (``-`` for stdin, ``.gz`` transparently).

    Raises:
        InputError: missing, unreadable, binary or non-UTF-8 input.
    """
    return decode_text(_read_bytes(path), path)


def read_jsonl(path: str, *, skip_bad_lines: bool = False) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, object)`` for each non-blank line of a JSONL file.

    Lines are streamed: the file is never loaded whole (stdin and ``.gz`` included).

    Raises:
        InputError: a line that is not a JSON object, unless ``skip_bad_lines``.
    """
    with _open_lines(path) as handle:
        for number, raw in enumerate(handle, start=1):
            line = decode_text(raw, f"{path}:{number}") if isinstance(raw, bytes) else raw
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                if skip_bad_lines:
                    continue
                raise InputError(
                    path, f"invalid JSON ({err.msg})", line=number,
                    fix="fix the line or pass --skip-bad-lines",
                ) from err
            if not isinstance(record, dict):
                if skip_bad_lines:
                    continue
                raise InputError(path, "line is not a JSON object", line=number,
                                 fix="write one {...} object per line")
            yield number, record


@contextlib.contextmanager
def _open_lines(path: str) -> Iterator[IO[bytes]]:
    if path == "-":
        yield sys.stdin.buffer
        return
    file_path = Path(path)
    if not file_path.is_file():
        raise InputError(path, "no such file", fix="check the path")
    opener = gzip.open if path.endswith(".gz") else open
    with opener(file_path, "rb") as handle:
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
