"""Properties over any input: readers give Documents or one InputError; extraction never crashes, its offsets hold."""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.chunks import part_spans
from kg.errors import InputError
from kg.pipeline import extract_by_document
from kg.read import read_documents
from kg.readlog import ReadLog

#: Words that give the extractor something to find, mixed into random text.
_WORDS = st.sampled_from(["India", "Russia", "China", "signed", "a", "pact", "with", "accused", "the", "Kremlin",
                          "Modi", "met", "Putin", ".", ",", "\n", "<p>", "</p>", "&amp;", "\"", "(", ")", " ", "  "])
_TEXTS = st.one_of(st.text(), st.lists(st.one_of(_WORDS, st.text(max_size=5)), max_size=40).map(" ".join))
_FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read_all(name: str, data: bytes, *, strict: bool) -> list:
    """Read ``data`` as the file ``name`` (``-``: as stdin); an InputError must be one line naming the input."""
    with tempfile.TemporaryDirectory() as folder:
        path = "-" if name == "-" else Path(folder) / name
        stdin = sys.stdin
        if name == "-":
            sys.stdin = io.TextIOWrapper(io.BytesIO(data))
        else:
            path.write_bytes(data)
        try:
            return list(read_documents(path, log=ReadLog(strict=strict)))
        except InputError as err:
            assert "\n" not in str(err) and str(err).startswith("<stdin>" if name == "-" else str(path))
            return []
        finally:
            sys.stdin = stdin


@_FAST
@given(data=st.binary(max_size=300), name=st.sampled_from(["a.txt", "a.md", "a.jsonl", "a.jsonl.gz", "a.txt.gz", "-"]),
       strict=st.booleans(), compress=st.booleans())
def test_readers_over_any_bytes_yield_documents_or_raise_input_error(data, name, strict, compress):
    documents = _read_all(name, gzip.compress(data) if compress and name.endswith(".gz") else data, strict=strict)
    for document in documents:
        assert document.text.strip() and document.id
        document.text.encode("utf-8")  # no lone surrogate left: every text can be written out


@_FAST
@given(records=st.lists(st.one_of(
    st.fixed_dictionaries({"id": st.one_of(st.none(), st.text(max_size=8), st.integers()), "text": _TEXTS},
                          optional={"date": st.text(max_size=12), "url": st.one_of(st.text(max_size=12), st.none())}),
    st.text(max_size=30)), max_size=6))
def test_jsonl_records_of_any_unicode_read_without_a_crash_and_keep_their_order(records):
    lines = "".join((json.dumps(record) if isinstance(record, dict) else record.replace("\n", " ")) + "\n"
                    for record in records)
    documents = _read_all("corpus.jsonl", lines.encode("utf-8", "surrogatepass"), strict=False)
    assert len({document.id for document in documents}) == len(documents)  # ids are unique
    assert all(re.fullmatch(r".*/corpus\.jsonl:[1-9][0-9]*", document.origin) for document in documents)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS)
def test_any_text_extracts_without_a_crash_to_jsonl_whose_offsets_point_into_it(nlp, text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.txt"
        path.write_text(text, encoding="utf-8", newline="")
        documents = list(read_documents(path, log=ReadLog()))
    for document, relations in extract_by_document(documents, nlp=nlp, include_unasserted=True):
        for relation in relations:
            record = json.loads(json.dumps(relation.to_json(), ensure_ascii=False))
            assert document.text[record["start"]:record["end"]] == record["sentence"]
            if record["trigger_start"] is not None:
                assert record["start"] <= record["trigger_start"] < record["trigger_end"] <= record["end"]


@_FAST
@given(text=st.text(max_size=400), limit=st.integers(min_value=1, max_value=120))
def test_parts_of_a_long_text_cover_it_end_to_end_within_the_limit(text, limit):
    spans = list(part_spans(text, limit))
    assert "".join(text[start:end] for start, end in spans) == text
    assert all(0 < end - start <= limit for start, end in spans) or text == ""
