"""Tests for kg.plot: drawings of the actor graph and files written from them."""

from __future__ import annotations

import random
import subprocess
import sys

import networkx as nx
import pytest
from matplotlib.figure import Figure

from kg.errors import KgError
from kg.plot import draw, save_plot
from kg.records import ActorRef, Relation
from kg.views import dyads, to_networkx


def state(code: str, label: str) -> ActorRef:
    return ActorRef(text=label, id=code, country=code, kind="state", label=label)


INDIA, RUSSIA = state("IND", "India"), state("RUS", "Russia")
CHINA, USA = state("CHN", "China"), state("USA", "United States")


def relation(source: ActorRef, target: ActorRef, event_type: str, cooperation: float,
             sentence: str) -> Relation:
    return Relation(doc_id="d1", sentence=sentence, start=0,
                    end=len(sentence), source=source, target=target, type=event_type, cameo="000",
                    cooperation=cooperation, verb="do")


RELATIONS = [
    relation(INDIA, RUSSIA, "AGREE", 8.0, "India and Russia signed a defence pact."),
    relation(RUSSIA, INDIA, "AGREE", 8.0, "India and Russia signed a defence pact."),
    relation(RUSSIA, INDIA, "AID", 7.4, "Russia shipped fuel to India."),
    relation(CHINA, USA, "ACCUSE", -2.0, "China accused the United States of interference."),
    relation(USA, CHINA, "SANCTION", -8.0, "The United States imposed sanctions on China."),
    relation(CHINA, INDIA, "THREATEN", -4.0, "China warned India over the border."),
    relation(INDIA, CHINA, "CONSULT", 1.0, "India held border talks with China."),
    relation(USA, INDIA, "CONSULT", 1.0, "The United States hosted Indian diplomats."),
]


def random_graph(order: int, seed: int) -> nx.MultiDiGraph:
    """A random event graph with ``order`` actors and about three events each."""
    rng = random.Random(seed)
    codes = [f"A{number:02d}" for number in range(order)]
    G = nx.MultiDiGraph()
    G.add_nodes_from((code, {"label": f"Country {code}", "kind": "state"}) for code in codes)
    for _ in range(order * 3):
        source, target = rng.sample(codes, 2)
        G.add_edge(source, target, type="CONSULT", cooperation=rng.uniform(-10, 10),
                   sentence="s", doc_id="d", date=None, confidence=1.0)
    return G


def test_save_plot_writes_a_png_of_sensible_size(tmp_path):
    path = save_plot(to_networkx(RELATIONS), tmp_path / "ties.png", title="India, Russia, China, US")
    assert path == tmp_path / "ties.png"
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert 20_000 < len(data) < 3_000_000
    assert [p.name for p in tmp_path.iterdir()] == ["ties.png"]


@pytest.mark.parametrize(("suffix", "magic"), [(".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_save_plot_format_follows_the_suffix(tmp_path, suffix, magic):
    assert save_plot(to_networkx(RELATIONS), tmp_path / f"ties{suffix}").read_bytes().startswith(magic)


def test_save_plot_rejects_an_unknown_suffix_and_writes_nothing(tmp_path):
    with pytest.raises(KgError, match=r"ties\.docx: unknown plot format '\.docx'"):
        save_plot(to_networkx(RELATIONS), tmp_path / "ties.docx")
    assert list(tmp_path.iterdir()) == []


def node_positions(seed: int) -> list[tuple[str, tuple[float, float]]]:
    ax = draw(to_networkx(RELATIONS), ax=Figure().add_subplot(), seed=seed)
    return sorted((text.get_text(), text.get_position()) for text in ax.texts)


def test_draw_layout_is_deterministic_for_a_seed():
    assert node_positions(3) == node_positions(3)
    assert node_positions(3) != node_positions(4)


def test_draw_an_empty_graph_says_no_relations():
    ax = draw(nx.MultiDiGraph(), ax=Figure().add_subplot())
    assert [text.get_text() for text in ax.texts] == ["no relations"]


def test_save_plot_of_an_empty_graph_writes_a_file(tmp_path):
    assert save_plot(to_networkx([]), tmp_path / "empty.png").stat().st_size > 1000


def test_draw_labels_nodes_with_readable_names():
    ax = draw(to_networkx(RELATIONS), ax=Figure().add_subplot(), title="Ties")
    assert {"India", "Russia", "China", "United States"} <= {text.get_text() for text in ax.texts}
    assert ax.get_title() == "Ties"


def test_draw_accepts_the_dyad_graph():
    ax = draw(dyads(to_networkx(RELATIONS)), ax=Figure().add_subplot())
    assert "India" in {text.get_text() for text in ax.texts}


def test_draw_without_axes_makes_a_figure():
    plt = pytest.importorskip("matplotlib.pyplot")
    ax = draw(to_networkx(RELATIONS))
    assert ax.figure is not None
    plt.close(ax.figure)


def test_a_sixty_actor_graph_plots(tmp_path):
    path = save_plot(random_graph(60, seed=7), tmp_path / "crowd.png")
    assert path.stat().st_size > 50_000


def test_a_single_dyad_plots(tmp_path):
    assert save_plot(to_networkx(RELATIONS[:1]), tmp_path / "one.png").stat().st_size > 10_000


def test_importing_kg_plot_does_not_import_matplotlib():
    code = "import sys, kg.plot; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
