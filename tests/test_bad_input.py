"""Bad input from the wild: a corpus run skips each bad record with its file and line, counts it, and reads the rest."""

from __future__ import annotations

import gzip
import io
import json
import sys

import pytest
from typer.testing import CliRunner

from kg.cli import SKIPPED_EXIT, app
from kg.errors import InputError
from kg.read import read_documents
from kg.readlog import ReadLog

runner = CliRunner()
PACT = "Chile and Peru signed a fisheries pact on Monday."
FRENCH = ("Le ministre a dit que les deux pays vont signer un accord sur la pêche et le commerce "
          "avant la fin du mois, selon les diplomates qui suivent les négociations depuis des années. ") * 2


def _lines(*records: object) -> str:
    return "".join((record if isinstance(record, str) else json.dumps(record)) + "\n" for record in records)


@pytest.fixture
def messy(tmp_path):
    """A folder of a good text, an empty file, a binary file and a JSONL corpus with bad lines."""
    folder = tmp_path / "messy"
    folder.mkdir()
    (folder / "a_good.txt").write_text(PACT, encoding="utf-8")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_binary.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (folder / "d_news.jsonl").write_text(_lines(
        {"id": "n1", "text": "Japan condemned North Korea."},
        '{"id": "n2", "text": ',
        {"id": "n3", "body": "no text field"},
        [1, 2],
        {"text": "Kenya and Uganda signed a border treaty."},
        {"id": "n1", "text": "Japan condemned North Korea."},
        {"id": "n1", "text": "A different text under a used id."},
    ), encoding="utf-8")
    return folder


def test_a_corpus_run_skips_bad_records_counts_them_by_kind_and_reads_the_rest(messy):
    told: list[str] = []
    log = ReadLog(echo=told.append)
    documents = list(read_documents(messy, log=log))
    assert [d.id for d in documents] == ["a_good", "n1", "d_news.jsonl:5", "n1~2"]
    assert log.documents == 4
    assert dict(log.skipped) == {"empty file": 1, "binary file, not text": 1, "invalid JSON": 1,
                                 'record has no "text" string': 1, "line is not a JSON object": 1}
    assert f"skipped: {messy / 'd_news.jsonl'}:2: invalid JSON (Expecting value); fix the line" in told
    assert any(line.startswith(f"warning: {messy / 'd_news.jsonl'}:6: duplicate of document 'n1' (left out)")
               for line in told)
    assert log.summary().startswith("skipped 5 records (")


def test_strict_reading_stops_at_the_first_bad_record(messy):
    with pytest.raises(InputError, match=r"b_empty.txt: empty file; pass a file with text in it"):
        list(read_documents(messy, log=ReadLog(strict=True)))


def test_a_missing_path_on_the_command_line_stays_fatal(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        list(read_documents([tmp_path / "absent.jsonl"], log=ReadLog()))


def test_utf16_with_bom_is_decoded_in_text_and_jsonl_files(tmp_path):
    (tmp_path / "a.txt").write_bytes(PACT.encode("utf-16"))
    (tmp_path / "b.jsonl").write_bytes(_lines({"id": "x", "text": "Japan condemned North Korea."}).encode("utf-16"))
    assert [d.text for d in read_documents(tmp_path)] == [PACT, "Japan condemned North Korea."]


def test_mixed_encodings_decode_line_by_line_with_a_warning(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Le café de Genève.\n".encode() + "Zürich and Bogotá.\n".encode("cp1252"))
    log = ReadLog()
    [document] = read_documents(path, log=log)
    assert document.text == "Le café de Genève.\nZürich and Bogotá.\n"
    assert dict(log.warnings) == {"not UTF-8": 1}


def test_html_is_read_as_its_text(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("<!DOCTYPE html><html><head><title>News</title><style>p {}</style></head><body>"
                    "<p>Chile &amp; Peru signed a pact.</p><script>track()</script></body></html>", encoding="utf-8")
    log = ReadLog()
    [document] = read_documents(path, log=log)
    assert document.text == "News\nChile & Peru signed a pact.\n"
    assert dict(log.warnings) == {"HTML, read as its text": 1}


CHINESE = "两国政府周一签署了一项渔业协议，部长在会谈后表示合作将继续加强。" * 4


@pytest.mark.parametrize("text", [FRENCH, CHINESE])
def test_non_english_text_is_read_with_a_warning(tmp_path, text):
    path = tmp_path / "foreign.txt"
    path.write_text(text, encoding="utf-8")
    told: list[str] = []
    assert len(list(read_documents(path, log=ReadLog(echo=told.append)))) == 1
    assert told == [f"warning: {path}: does not look like English (read anyway); kg's rules read English; "
                    "translate it for relations"]


def test_a_malformed_date_is_left_out_unless_strict(tmp_path):
    path = tmp_path / "dated.jsonl"
    path.write_text(_lines({"id": "d", "text": PACT, "date": "last Monday"}), encoding="utf-8")
    [document] = read_documents(path, log=ReadLog())
    assert document.date is None
    with pytest.raises(InputError, match=r"dated.jsonl:1: date is not YYYY-MM-DD \('last Monday', left out\)"):
        list(read_documents(path))


def test_lone_surrogates_in_json_become_replacement_characters(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "s", "text": "Chile \\ud800 and Peru signed a pact."}\n', encoding="utf-8")
    [document] = read_documents(path, log=ReadLog())
    assert document.text == "Chile \ufffd and Peru signed a pact."


def test_a_truncated_gzip_corpus_keeps_the_records_before_the_damage(tmp_path):
    path = tmp_path / "news.jsonl.gz"
    records = _lines(*({"id": f"r{n}", "text": f"Record {n} text."} for n in range(2000)))
    path.write_bytes(gzip.compress(records.encode())[:-200])
    log = ReadLog()
    documents = list(read_documents(path, log=log))
    assert 0 < len(documents) < 2000
    assert [kind.startswith("cannot read past line") for kind in log.skipped] == [True]


@pytest.mark.parametrize("data", [PACT.encode("utf-16"), b"\xef\xbb\xbf \n" + PACT.encode()])
def test_stdin_text_with_a_byte_order_mark_is_one_document(monkeypatch, data):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert [d.text.strip() for d in read_documents("-")] == [PACT]


def test_stdin_jsonl_is_streamed_not_read_whole(monkeypatch):
    data = _lines(*({"id": f"s{n}", "text": f"Text number {n}."} for n in range(5000))).encode()
    stream = io.BytesIO(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    documents = read_documents("-")
    assert next(documents).id == "s0"
    assert stream.tell() < len(data) // 4


def _invoke(*args: str):
    return runner.invoke(app, list(args))


def test_cli_finishes_the_good_records_and_exits_5_with_a_count(messy, tmp_path):
    output = tmp_path / "relations.jsonl"
    result = _invoke("extract", str(messy), "-o", str(output), "-q")
    assert result.exit_code == SKIPPED_EXIT
    assert {json.loads(line)["doc_id"] for line in output.read_text(encoding="utf-8").splitlines()} == {
        "a_good", "n1", "d_news.jsonl:5"}
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("kg: skipped 5 records (") and "invalid JSON 1" in last and "2 warnings" in last


def test_cli_build_writes_the_graph_of_the_good_records_and_strict_writes_nothing(messy, tmp_path):
    graph = tmp_path / "graph.ttl"
    strict = _invoke("build", str(messy), "-o", str(graph), "-q", "--strict")
    assert strict.exit_code == 2 and not graph.exists()
    assert strict.stderr.startswith(f"kg: error: {messy / 'b_empty.txt'}: empty file")
    result = _invoke("build", str(messy), "-o", str(graph), "-q")
    assert result.exit_code == SKIPPED_EXIT
    assert "events: 5 asserted" in result.stdout and "types: AGREE 4, ACCUSE 1" in result.stdout


def test_cli_with_no_readable_record_exits_2_and_keeps_the_old_output(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    output = tmp_path / "relations.jsonl"
    output.write_text("old\n", encoding="utf-8")
    result = _invoke("extract", str(bad), "-o", str(output), "-q")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "kg: error: inputs: no record could be read: skipped 1 record (invalid JSON 1); fix the inputs named above")
    assert output.read_text(encoding="utf-8") == "old\n"


def test_html_with_a_malformed_declaration_is_still_read_as_text(tmp_path):
    # found by scripts/fuzz_readers.py: Python 3.11's html.parser asserts on "<!["
    path = tmp_path / "page.txt"
    path.write_text("<html><body><p>Chile <![ and Peru met.</p><script>x()</script><p>A &amp; B</p></body></html>",
                    encoding="utf-8")
    [document] = read_documents(path, log=ReadLog())
    assert document.text == "Chile <![ and Peru met.\nA & B\n"
