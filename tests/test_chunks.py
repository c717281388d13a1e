"""Long documents are parsed in parts; their relations keep offsets into the whole text."""

from __future__ import annotations

import itertools
import pickle

from kg.chunks import DocumentPart, join_parts, part_spans, split_long
from kg.pipeline import extract_by_document
from kg.records import Document

SENTENCES = ("Chile and Peru signed a fisheries pact on Monday. Japan condemned North Korea on Friday. "
             "The weather was mild. Kenya and Uganda signed a border treaty. ")


def _keys(relations):
    return sorted((r.start, r.end, r.trigger_start, r.source.id, r.target.id, r.type) for r in relations)


def test_parts_cover_the_text_end_to_end_and_end_at_sentence_ends():
    text = SENTENCES * 5
    spans = list(part_spans(text, 120))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(end == next_start for (_, end), (next_start, _) in itertools.pairwise(spans))
    assert all(0 < end - start <= 120 for start, end in spans)
    assert all(text[end - 2:end] == ". " for _, end in spans[:-1])


def test_a_text_without_spaces_is_cut_at_the_limit():
    assert list(part_spans("x" * 25, 10)) == [(0, 10), (10, 20), (20, 25)]


def test_a_long_document_gives_the_relations_of_the_whole_with_offsets_into_it(nlp, monkeypatch):
    document = Document(id="long", text=SENTENCES * 4)
    [(_, expected)] = extract_by_document([document], nlp=nlp)
    monkeypatch.setattr("kg.chunks.PART_CHARS", 150)
    assert len(list(split_long([document]))) > 4
    [(joined, found)] = extract_by_document([document], nlp=nlp)
    assert joined is document and len(found) == 20
    assert _keys(found) == _keys(expected)
    assert all(document.text[r.start:r.end] == r.sentence for r in found)
    assert all(document.text[r.trigger_start:r.trigger_end] in r.sentence for r in found)


def test_short_documents_pass_through_and_parts_join_back_in_order():
    short, long = Document(id="s", text="Short."), Document(id="l", text="A b. " * 10)
    pieces = list(split_long([short, long], 20))
    assert pieces[0] is short and all(isinstance(piece, DocumentPart) for piece in pieces[1:])
    assert [document for document, _ in join_parts((piece, []) for piece in pieces)] == [short, long]


def test_a_part_sent_to_a_worker_leaves_the_whole_document_behind():
    [first, *_] = split_long([Document(id="l", text="Words here. " * 100)], 100)
    copy = pickle.loads(pickle.dumps(first))
    assert (copy.text, copy.offset, copy.whole) == (first.text, 0, None)
