"""The interactive HTML view: self-contained, carries the evidence, and renders in a real browser."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import networkx as nx
import pytest

from kg.interactive import to_html
from kg.records import ActorRef, Relation
from kg.views import to_networkx

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def state(code: str, label: str) -> ActorRef:
    return ActorRef(text=label, id=code, country=code, kind="state", label=label)


NORWAY, SWEDEN, FINLAND = state("NOR", "Norway"), state("SWE", "Sweden"), state("FIN", "Finland")
TREATY = "Norway and Sweden signed a fisheries treaty in Oslo."
PROTEST = "Finland protested to Sweden about <border> flights & drills."


def relation(source, target, event_type, cooperation, sentence, doc_id, date) -> Relation:
    return Relation(doc_id=doc_id, sentence=sentence, start=0, end=len(sentence), source=source, target=target,
                    type=event_type, cameo="000", cooperation=cooperation, verb="do", date=date)


RELATIONS = [
    relation(NORWAY, SWEDEN, "AGREE", 8.0, TREATY, "n1", "2024-02-02"),
    relation(SWEDEN, NORWAY, "AGREE", 8.0, TREATY, "n1", "2024-02-02"),
    relation(FINLAND, SWEDEN, "PROTEST", -6.5, PROTEST, "n2", None),
]


def page_data(page: str) -> dict:
    import json

    raw = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(raw)


def test_the_page_carries_every_evidence_sentence_safely():
    page = to_html(to_networkx(RELATIONS), title="Nordic ties").html
    data = page_data(page)
    sentences = {item["sentence"] for edge in data["edges"] for item in edge["events"]}
    assert sentences == {TREATY, PROTEST}
    # Markup in a sentence never reaches the page as markup.
    assert "<border>" not in page
    assert {node["label"] for node in data["nodes"]} == {"Norway", "Sweden", "Finland"}
    assert "<title>Nordic ties</title>" in page


def test_the_page_fetches_nothing():
    page = to_html(to_networkx(RELATIONS)).html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<script src" not in page and "<link" not in page


def test_jupyter_shows_the_page_inline_in_an_iframe():
    view = to_html(to_networkx(RELATIONS))
    inline = view._repr_html_()
    assert inline.startswith("<iframe srcdoc=") and "Norway and Sweden signed" in inline


def test_save_writes_the_page(tmp_path):
    path = to_html(to_networkx(RELATIONS)).save(tmp_path / "ties.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_empty_graph_gives_a_page():
    assert page_data(to_html(nx.MultiDiGraph()).html)["nodes"] == []


def png_pixels(path: Path) -> tuple[int, int, set[bytes]]:
    """Width, height and the set of distinct RGB(A) pixels of an 8-bit, non-interlaced PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = {}, 8
    idat = b""
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IDAT":
            idat += body
        else:
            chunks.setdefault(kind, body)
        offset += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8 and colour in (2, 6)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    colours = set()
    for row in range(height):
        kind = raw[row * (stride + 1)]
        line = bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - up_left
                pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - up_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 0xFF
        colours.update(bytes(line[i:i + 3]) for i in range(0, stride, channels * 7))
        previous = line
    return width, height, colours


needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                    reason="needs Chromium (apt-get install chromium); .ci/run installs it")


def chromium(tmp_path: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         f"--user-data-dir={tmp_path / 'profile'}", *options],
        capture_output=True, text=True, timeout=120, check=True)


@needs_chromium
def test_hovering_an_arrow_shows_its_sentences_in_chromium(tmp_path):
    page = to_html(to_networkx(RELATIONS)).save(tmp_path / "ties.html")
    # #edge=SRC>TGT opens the page with the box a hover shows; the DOM after the script ran has it.
    dom = chromium(tmp_path, "--dump-dom", page.resolve().as_uri() + "#edge=FIN%3ESWE").stdout
    tip = re.search(r'<div id="tip" style="display: block;[^"]*">(.*?)</div></div>', dom, re.S)
    assert tip is not None, "the hover box is not shown"
    assert "Finland → Sweden" in tip.group(1) and "about &lt;border&gt; flights &amp; drills" in tip.group(1)


@needs_chromium
def test_chromium_renders_the_page(tmp_path):
    page = to_html(to_networkx(RELATIONS), title="Nordic ties").save(tmp_path / "ties.html")
    shot = tmp_path / "ties.png"
    chromium(tmp_path, "--window-size=1000,700", "--hide-scrollbars", f"--screenshot={shot}", page.resolve().as_uri())
    width, height, colours = png_pixels(shot)
    assert (width, height) == (1000, 700)
    # Drawn, not blank: the edge colours of an AGREE (dark green) and a PROTEST (pale orange) are on it.
    assert len(colours) > 20
    greenish = [c for c in colours if c[1] > c[0] + 30 and c[1] > c[2]]
    assert greenish, "no cooperation edge drawn"
