"""Fuzz kg's readers: any bytes as a text file, JSONL corpus (plain or gzip) or stdin give Documents or one InputError.

Coverage-guided with atheris when it is installed (``pip install -e .[fuzz]``), else random with hypothesis.
Each input is checked: only ``InputError`` escapes (one line, naming the file); every document has text
that can be written as UTF-8, a unique id, and parts that cover its text within the limit.

Example:
    python scripts/fuzz_readers.py --runs 200000              # atheris, libFuzzer flags after --
    python scripts/fuzz_readers.py --runs 20000 --hypothesis  # without atheris
"""

from __future__ import annotations

import argparse
import gzip
import io
import sys
import tempfile
import time
from pathlib import Path

#: The reader a fuzz input goes to, chosen by its first byte (``-``: stdin).
_NAMES = ("input.txt", "input.jsonl", "input.jsonl.gz", "input.md", "-")


#: Starting inputs for atheris (first byte: the reader): a JSONL corpus, HTML, UTF-16, cp1252, a BOM.
_SEEDS = (
    b"\x01" + b'{"id": "a", "text": "India and Russia signed a pact.", "date": "2024-01-02"}\n{"text": "x"}\n',
    b"\x00<!DOCTYPE html><html><body><p>Chile &amp; Peru met.</p><script>x()</script></body></html>",
    b"\x00" + "Kenya and Uganda signed a treaty.".encode("utf-16"),
    b"\x01" + '{"id": 1, "text": "Caf\xe9 in Gen\xe8ve"}\n'.encode("cp1252"),
    b"\x03\xef\xbb\xbfJapan condemned North Korea.\n\n",
)


def check_one(data: bytes, folder: Path) -> int:
    """Read ``data`` as the file its first byte picks, strictly and leniently; return the documents read."""
    from kg.chunks import part_spans
    from kg.errors import InputError
    from kg.read import read_documents
    from kg.readlog import ReadLog

    name = _NAMES[data[0] % len(_NAMES)] if data else _NAMES[0]
    path = "-" if name == "-" else folder / name
    if name != "-":
        path.write_bytes(gzip.compress(data[1:], mtime=0) if name.endswith(".gz") else data[1:])
    read = 0
    for strict in (True, False):
        if name == "-":
            sys.stdin = io.TextIOWrapper(io.BytesIO(data[1:]))
        try:
            documents = list(read_documents(path, log=ReadLog(strict=strict)))
        except InputError as err:
            message = str(err)
            assert "\n" not in message and message.startswith("<stdin>" if name == "-" else str(path)), message
            continue
        assert len({document.id for document in documents}) == len(documents)
        for document in documents:
            assert document.text.strip()
            document.text.encode("utf-8")
            spans = list(part_spans(document.text, 64))
            assert "".join(document.text[start:end] for start, end in spans) == document.text
        read += len(documents)
    return read


def _run_atheris(runs: int, extra: list[str]) -> None:
    import atheris

    with atheris.instrument_imports():
        import kg.chunks
        import kg.clean
        import kg.io
        import kg.read
        import kg.readlog  # noqa: F401
    folder = Path(tempfile.mkdtemp())
    seeds = folder / "seeds"
    seeds.mkdir()
    for number, seed in enumerate(_SEEDS):
        (seeds / f"seed{number}").write_bytes(seed)
    atheris.Setup([sys.argv[0], f"-runs={runs}", "-max_len=4096", *extra, str(seeds)],
                  lambda data: check_one(data, folder))
    atheris.Fuzz()


def _run_hypothesis(runs: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    folder = Path(tempfile.mkdtemp())
    counts = {"inputs": 0, "documents": 0}

    @settings(max_examples=runs, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(st.binary(max_size=2000), st.text(max_size=2000).map(lambda text: text.encode("utf-8"))))
    def fuzz(data: bytes) -> None:
        counts["inputs"] += 1
        counts["documents"] += check_one(data, folder)

    started = time.perf_counter()
    fuzz()
    print(f"{counts['inputs']} inputs, {counts['documents']} documents read, "
          f"{time.perf_counter() - started:.0f} s, no failure")


def main() -> None:
    """Parse the options and fuzz."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100_000, help="Inputs to try.")
    parser.add_argument("--hypothesis", action="store_true", help="Use hypothesis even when atheris is installed.")
    options, extra = parser.parse_known_args()
    try:
        import atheris  # noqa: F401
    except ImportError:
        options.hypothesis = True
    if options.hypothesis:
        _run_hypothesis(options.runs)
    else:
        _run_atheris(options.runs, [arg for arg in extra if arg != "--"])


if __name__ == "__main__":
    main()
