"""Static pictures of the actor graph: dyads drawn with matplotlib, coloured by cooperation.

Matplotlib is imported inside the functions, so ``import kg.plot`` stays cheap. ``draw``
paints on an Axes (a notebook's, or a new figure's); ``save_plot`` writes a file without
any display, for papers and the CLI.

Example:
    >>> import tempfile, pathlib
    >>> from kg.records import ActorRef, Relation
    >>> from kg.views import to_networkx
    >>> india = ActorRef(text="India", id="IND", country="IND", kind="state", label="India")
    >>> russia = ActorRef(text="Russia", id="RUS", country="RUS", kind="state", label="Russia")
    >>> pact = Relation(doc_id="d1", sentence="India and Russia signed a pact.", start=0, end=31,
    ...                 source=india, target=russia, type="AGREE", cameo="057",
    ...                 cooperation=8.0, verb="sign", object="pact")
    >>> path = save_plot(to_networkx([pact]), pathlib.Path(tempfile.mkdtemp()) / "ties.png")
    >>> path.read_bytes()[:4]
    b'\\x89PNG'
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.errors import KgError
from kg.io import atomic_write
from kg.views import dyads

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.colors import Colormap

__all__ = ["draw", "save_plot"]

#: Cooperation scores run from -10 (conflict) to +10 (cooperation); the colour scale is fixed
#: to that range so pictures of different graphs compare.
_SCORE_LIMIT = 10.0

#: Red for conflict, grey for neutral, green for cooperation: the grey middle stays visible on
#: white paper, unlike the pale middle of the stock diverging maps.
_EDGE_COLOURS = ("#b2182b", "#a6a6a6", "#1a9850")

_NODE_FILL = "#dce6f2"
_NODE_EDGE = "#2f4b6e"

#: Arc curvature: A->B and B->A bend to opposite sides, so they never overlap.
_ARC = "arc3,rad=0.14"


def draw(G: nx.Graph, *, ax: Axes | None = None, seed: int = 0, title: str | None = None) -> Axes:
    """Draw actors and the dyads between them.

    Nodes are actors, sized by their number of events; each ordered pair is one curved
    arrow, coloured by its mean cooperation (green cooperation, grey neutral, red conflict,
    with a colour bar) and as wide as its number of events.

    Args:
        G: The event graph from ``kg.views.to_networkx`` or its ``kg.views.dyads``.
        ax: Axes to draw on; a new figure's when None.
        seed: Seed of the spring layout: the same seed gives the same picture.
        title: Title above the drawing.

    Returns:
        The Axes drawn on. An empty graph gives an Axes that says "no relations".

    Example:
        >>> from matplotlib.figure import Figure
        >>> G = nx.MultiDiGraph()
        >>> G.add_edge("CHN", "USA", type="ACCUSE", cooperation=-2.0, sentence="s1")
        0
        >>> ax = draw(G, ax=Figure().add_subplot(), title="Accusations")
        >>> ax.get_title()
        'Accusations'
    """
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize

    view = _dyad_view(G)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=_figure_size(view))
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=13, fontweight="bold")
    if view.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no relations", transform=ax.transAxes, ha="center", va="center",
                fontsize=14, color="#666666")
        return ax

    order = len(view)
    crowding = _crowding(order)
    positions = _layout(view, seed)
    node_sizes = _node_sizes(view)
    counts = [data.get("count", 1) for _, _, data in view.edges(data=True)]
    most = max(counts, default=1)
    cmap, norm = _colour_map(), Normalize(-_SCORE_LIMIT, _SCORE_LIMIT)

    nx.draw_networkx_edges(
        view, positions, ax=ax, node_size=list(node_sizes.values()), nodelist=list(node_sizes),
        edge_color=[data.get("cooperation_mean", 0.0) for _, _, data in view.edges(data=True)],
        edge_cmap=cmap, edge_vmin=norm.vmin, edge_vmax=norm.vmax,
        width=[_edge_width(count, most, order) for count in counts], alpha=0.6 + 0.25 * crowding,
        # Patches for every graph: curved arcs; an undirected graph gets no arrowheads.
        arrows=True, arrowstyle="-|>" if view.is_directed() else "-", arrowsize=10 + 4 * crowding,
        connectionstyle=_ARC,
    )
    nx.draw_networkx_nodes(view, positions, ax=ax, nodelist=list(node_sizes),
                           node_size=list(node_sizes.values()), node_color=_NODE_FILL,
                           edgecolors=_NODE_EDGE, linewidths=1.2)
    labels = {node: data.get("label", node) for node, data in view.nodes(data=True)}
    nx.draw_networkx_labels(
        view, positions, ax=ax, labels=labels,
        font_size=7 + 5 * crowding, font_color="#1b1b1b", clip_on=False,
        bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
    )
    ax.margins(0.12)
    _add_legend(ax, ScalarMappable(norm=norm, cmap=cmap), most, order)
    return ax


def save_plot(G: nx.Graph, path: str | Path, *, seed: int = 0, title: str | None = None,
              dpi: int = 150) -> Path:
    """Draw ``G`` and write the picture to ``path``, atomically and without a display.

    The format follows the suffix: ``.png``, ``.svg``, ``.pdf`` or any other that
    matplotlib writes.

    Args:
        G: The event graph from ``kg.views.to_networkx`` or its ``kg.views.dyads``.
        path: File to write; its folder is created if missing.
        seed: Seed of the layout.
        title: Title above the drawing.
        dpi: Resolution of raster formats.

    Returns:
        The path written.

    Raises:
        KgError: the suffix names no format matplotlib can write.

    Example:
        >>> save_plot(nx.MultiDiGraph(), "ties.doc")
        Traceback (most recent call last):
        ...
        kg.errors.KgError: ties.doc: unknown plot format '.doc'; end the file name in .png, .svg or .pdf
    """
    from matplotlib.figure import Figure

    target = Path(path)
    view = _dyad_view(G)
    # A bare Figure draws with Agg and never touches pyplot's global state or a display.
    figure = Figure(figsize=_figure_size(view))
    image_format = target.suffix.lstrip(".").lower()
    if image_format not in figure.canvas.get_supported_filetypes():
        raise KgError(f"{target}: unknown plot format '{target.suffix}'; "
                      "end the file name in .png, .svg or .pdf")
    draw(view, ax=figure.add_subplot(), seed=seed, title=title)
    with atomic_write(target, mode="wb") as handle:
        figure.savefig(handle, format=image_format, dpi=dpi, bbox_inches="tight", facecolor="white")
    return target


def _dyad_view(G: nx.Graph) -> nx.Graph:
    # One arrow per ordered pair reads better than one per event.
    return dyads(G) if G.is_multigraph() else G


def _layout(G: nx.Graph, seed: int) -> dict[Any, Any]:
    # Undirected: on a DiGraph spring_layout pulls only along out-edges, flinging sinks away.
    undirected = G.to_undirected(as_view=True)
    return nx.spring_layout(undirected, seed=seed, k=1.5 / math.sqrt(len(G)), iterations=200, weight=None)


def _figure_size(G: nx.Graph) -> tuple[float, float]:
    side = 6.0 + 6.0 * (1.0 - _crowding(len(G)) ** 2)
    return (side * 1.15, side)


def _crowding(order: int) -> float:
    """1.0 for a handful of actors, falling to 0.0 at 60 or more: scales sizes to the graph."""
    return min(1.0, max(0.0, (60 - order) / 55))


def _node_sizes(G: nx.Graph) -> dict[Any, float]:
    events = {node: 0 for node in G}
    for source, target, data in G.edges(data=True):
        events[source] += data.get("count", 1)
        events[target] += data.get("count", 1)
    most = max(max(events.values()), 1)
    base = 150 + 550 * _crowding(len(G)) ** 2
    return {node: base * (1 + 2.5 * math.sqrt(count / most)) for node, count in events.items()}


def _edge_width(count: int, most: int, order: int) -> float:
    return (0.5 + 0.5 * _crowding(order)) * (1.0 + 5.0 * math.sqrt(count / most))


def _colour_map() -> Colormap:
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list("kg_cooperation", _EDGE_COLOURS)


def _add_legend(ax: Axes, mappable: Any, most: int, order: int) -> None:
    from matplotlib.lines import Line2D

    colour_bar = ax.figure.colorbar(mappable, ax=ax, shrink=0.45, fraction=0.04, pad=0.01)
    colour_bar.set_ticks([-_SCORE_LIMIT, 0.0, _SCORE_LIMIT])
    colour_bar.set_ticklabels(["conflict", "neutral", "cooperation"])
    colour_bar.set_label("mean cooperation of the events")
    colour_bar.outline.set_visible(False)
    counts = sorted({1, most})
    handles = [Line2D([], [], color=_EDGE_COLOURS[1], linewidth=_edge_width(count, most, order))
               for count in counts]
    names = [f"{count} event{'s' if count > 1 else ''}" for count in counts]
    # Below the colour bar, outside the drawing, so it never hides an actor.
    ax.legend(handles, names, title="arrow: source → target", loc="lower left", bbox_to_anchor=(1.0, 0.0),
              fontsize=8, title_fontsize=8, frameon=False, alignment="left")
