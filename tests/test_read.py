"""The read stage: files, folders, JSONL corpora and stdin become Documents; bad input is one clear error."""

from __future__ import annotations

import gzip
import io
import json
import sys

import pytest

from kg.errors import InputError
from kg.read import read_documents


def test_text_file_becomes_one_document_named_by_its_stem(tmp_path):
    (tmp_path / "brief.txt").write_text("Chile and Peru signed a fisheries pact.", encoding="utf-8")
    [document] = read_documents(tmp_path / "brief.txt")
    assert (document.id, document.text) == ("brief", "Chile and Peru signed a fisheries pact.")


def test_folder_reads_text_and_jsonl_files_in_sorted_order_and_skips_others(tmp_path):
    (tmp_path / "b.txt").write_text("Second text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First text.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "n1", "text": "Third."}) + "\n", encoding="utf-8")
    assert [d.id for d in read_documents(tmp_path)] == ["a", "b", "n1"]


def test_jsonl_corpus_keeps_id_date_and_url(tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(json.dumps({"id": 7, "text": "Oman mediated.", "date": "2024-03-01T10:00:00Z",
                                  "url": "https://example.org/7"}) + "\n\n", encoding="utf-8")
    [document] = read_documents(corpus)
    assert (document.id, document.date, document.url) == ("7", "2024-03-01", "https://example.org/7")
    assert document.origin == f"{corpus}:1"


def test_gzip_corpus_is_read_transparently(tmp_path):
    corpus = tmp_path / "news.jsonl.gz"
    corpus.write_bytes(gzip.compress(json.dumps({"id": "z", "text": "Qatar hosted talks."}).encode()))
    assert [d.text for d in read_documents(corpus)] == ["Qatar hosted talks."]


def test_malformed_jsonl_line_names_file_and_line(tmp_path):
    corpus = tmp_path / "bad.jsonl"
    corpus.write_text('{"id": "1", "text": "fine"}\n{"id": "2", "text": \n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_documents(corpus))
    assert str(caught.value).startswith(f"{corpus}:2: invalid JSON")


def test_jsonl_record_without_text_is_rejected_with_the_fix(tmp_path):
    corpus = tmp_path / "notext.jsonl"
    corpus.write_text('{"id": "1", "body": "wrong field"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r'notext.jsonl:1: record has no "text" string; give each line'):
        list(read_documents(corpus))


@pytest.mark.parametrize(("content", "problem"), [
    (b"", "empty file"),
    (b"\x00\x01\x02binary", "binary file"),
    (b"caf\xe9 in latin-1", "not UTF-8"),
])
def test_bad_text_files_give_one_line_errors(tmp_path, content, problem):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        list(read_documents(path))
    assert problem in str(caught.value) and "\n" not in str(caught.value)


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_documents(tmp_path / "absent.txt"))


def test_byte_order_mark_is_dropped(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffKenya recalled its envoy.".encode())
    assert next(read_documents(tmp_path / "bom.txt")).text == "Kenya recalled its envoy."


def test_stdin_jsonl_and_plain_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"id": "s1", "text": "One."}\n')))
    assert [d.id for d in read_documents("-")] == ["s1"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Plain words.")))
    assert [d.text for d in read_documents("-")] == ["Plain words."]
