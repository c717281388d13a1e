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

__all__ = ["TYPE_COLOURS", "draw", "draw_timeline", "save_plot", "save_timeline"]

#: Cooperation scores run from -10 (conflict) to +10 (cooperation); the colour scale is fixed
#: to that range so pictures of different graphs compare.
_SCORE_LIMIT = 10.0

#: Red for conflict, grey for neutral, green for cooperation: the grey middle stays visible on
#: white paper, unlike the pale middle of the stock diverging maps.
_EDGE_COLOURS = ("#b2182b", "#a6a6a6", "#1a9850")

_NODE_FILL = "#dce6f2"
_NODE_EDGE = "#2f4b6e"

#: Colour of each PLOVER type when edges are coloured by their main type: cool greens and blues
#: for cooperation (AGREE .. REQUEST), warm reds, oranges and browns for conflict (ACCUSE ..).
TYPE_COLOURS: dict[str, str] = {
    "AGREE": "#00441b", "CONSULT": "#41ab5d", "SUPPORT": "#66c2a4", "CONCEDE": "#a1d99b",
    "COOPERATE": "#2171b5", "AID": "#08306b", "RETREAT": "#9ecae1", "REQUEST": "#6baed6",
    "ACCUSE": "#fdae6b", "REJECT": "#fd8d3c", "THREATEN": "#e6550d", "PROTEST": "#fdd0a2",
    "SANCTION": "#a63603", "MOBILIZE": "#de2d26", "COERCE": "#a50f15", "ASSAULT": "#67000d",
}

#: Arc curvature: A->B and B->A bend to opposite sides, so they never overlap.
_ARC = "arc3,rad=0.14"


def draw(G: nx.Graph, *, ax: Axes | None = None, seed: int = 0, title: str | None = None,
         colour_by: str = "type") -> Axes:
    """Draw actors and the dyads between them.

    Nodes are actors, sized by their number of events; each ordered pair is one curved
    arrow, as wide as its number of events. With ``colour_by="type"`` an arrow takes the
    colour of its most frequent PLOVER type (greens and blues for cooperation, reds and
    oranges for conflict, with a legend of the types shown); with ``"cooperation"`` it takes
    its mean cooperation score (green cooperation, grey neutral, red conflict, a colour bar).

    Args:
        G: The event graph from ``kg.views.to_networkx`` or its ``kg.views.dyads``.
        ax: Axes to draw on; a new figure's when None.
        seed: Seed of the spring layout: the same seed gives the same picture.
        title: Title above the drawing.
        colour_by: ``"type"`` or ``"cooperation"``.

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

    if colour_by not in ("type", "cooperation"):
        raise KgError(f"unknown colour_by '{colour_by}'; use 'type' or 'cooperation'")
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

    main_types = [_main_type(data) for _, _, data in view.edges(data=True)]
    if colour_by == "type":
        colours: dict[str, Any] = {"edge_color": [TYPE_COLOURS.get(name, _EDGE_COLOURS[1]) for name in main_types]}
    else:
        colours = {"edge_color": [data.get("cooperation_mean", 0.0) for _, _, data in view.edges(data=True)],
                   "edge_cmap": cmap, "edge_vmin": norm.vmin, "edge_vmax": norm.vmax}
    nx.draw_networkx_edges(
        view, positions, ax=ax, node_size=list(node_sizes.values()), nodelist=list(node_sizes),
        **colours,
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
    if colour_by == "type":
        _add_type_legend(ax, main_types, most, order)
    else:
        _add_legend(ax, ScalarMappable(norm=norm, cmap=cmap), most, order)
    return ax


def _main_type(data: dict[str, Any]) -> str | None:
    """The most frequent type of a dyad (ties broken by PLOVER order), or the event's own type."""
    types = data.get("types")
    if not types:
        return data.get("type")
    order = list(TYPE_COLOURS)
    return max(types, key=lambda name: (types[name], -order.index(name) if name in order else -99))


def save_plot(G: nx.Graph, path: str | Path, *, seed: int = 0, title: str | None = None,
              dpi: int = 150, colour_by: str = "type") -> Path:
    """Draw ``G`` and write the picture to ``path``, atomically and without a display.

    The format follows the suffix: ``.png``, ``.svg``, ``.pdf`` or any other that
    matplotlib writes.

    Args:
        G: The event graph from ``kg.views.to_networkx`` or its ``kg.views.dyads``.
        path: File to write; its folder is created if missing.
        seed: Seed of the layout.
        title: Title above the drawing.
        dpi: Resolution of raster formats.
        colour_by: ``"type"`` or ``"cooperation"`` (see ``draw``).

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
    draw(view, ax=figure.add_subplot(), seed=seed, title=title, colour_by=colour_by)
    with atomic_write(target, mode="wb") as handle:
        figure.savefig(handle, format=image_format, dpi=dpi, bbox_inches="tight", facecolor="white")
    return target


def _dyad_view(G: nx.Graph) -> nx.Graph:
    # One arrow per ordered pair reads better than one per event.
    return dyads(G) if G.is_multigraph() else G


def _layout(G: nx.Graph, seed: int) -> dict[Any, Any]:
    """Spring layout per connected component, components packed in rows, then overlaps pushed apart.

    A spring layout of a graph with several components flings the small ones to the corners and
    crushes the large one in the middle; laying each out alone and packing them by size keeps
    every label readable, 50 actors or more included.
    """
    import numpy as np

    # Undirected: on a DiGraph spring_layout pulls only along out-edges, flinging sinks away.
    undirected = G.to_undirected(as_view=True)
    components = sorted((sorted(map(str, c)) for c in nx.connected_components(undirected)), key=lambda c: (-len(c), c))
    by_name = {str(node): node for node in G}
    placed: dict[Any, Any] = {}
    row_width = max(1.0, 1.15 * math.sqrt(len(G)))
    x = y = row_height = 0.0
    for names in components:
        nodes = [by_name[name] for name in names]
        side = math.sqrt(len(nodes))
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y - row_height - 0.6, 0.0
        if len(nodes) == 1:
            local = {nodes[0]: np.zeros(2)}
        else:
            sub = undirected.subgraph(nodes)
            local = nx.spring_layout(sub, seed=seed, k=1.6 / math.sqrt(len(nodes)), iterations=200, weight=None)
            local = dict(zip(local, nx.rescale_layout(np.array(list(local.values())), scale=side / 2), strict=True))
        for node, (px, py) in local.items():
            placed[node] = np.array([x + side / 2 + px, y - side / 2 + py])
        x += side + 0.6
        row_height = max(row_height, side)
    return _spread(placed, min_distance=0.7)


def _spread(positions: dict[Any, Any], *, min_distance: float, rounds: int = 60) -> dict[Any, Any]:
    """Push apart actors closer than ``min_distance`` so that their labels do not overlap."""
    import numpy as np

    nodes = list(positions)
    if len(nodes) < 2:
        return positions
    points = np.array([positions[node] for node in nodes], dtype=float)
    for _ in range(rounds):
        delta = points[:, None, :] - points[None, :, :]
        distance = np.hypot(delta[..., 0], delta[..., 1])
        np.fill_diagonal(distance, np.inf)
        close = distance < min_distance
        if not close.any():
            break
        # Labels are wide: separating sideways helps most, so horizontal pushes count double.
        with np.errstate(invalid="ignore", divide="ignore"):
            push = np.where(close, (min_distance - distance) / np.maximum(distance, 1e-9), 0.0)[..., None] * delta
        points += 0.5 * push.sum(axis=1) * np.array([1.0, 0.5])
    return dict(zip(nodes, points, strict=True))


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


def _add_type_legend(ax: Axes, main_types: list[str | None], most: int, order: int) -> None:
    from matplotlib.lines import Line2D

    shown = [name for name in TYPE_COLOURS if name in set(main_types)]
    handles = [Line2D([], [], color=TYPE_COLOURS[name], linewidth=3) for name in shown]
    names = [name.lower() for name in shown]
    counts = sorted({1, most})
    handles += [Line2D([], [], color=_EDGE_COLOURS[1], linewidth=_edge_width(count, most, order)) for count in counts]
    names += [f"{count} event{'s' if count > 1 else ''}" for count in counts]
    # Outside the drawing, on the right, so it never hides an actor.
    ax.legend(handles, names, title="main event type\n(green/blue cooperation,\nred/orange conflict)",
              loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, title_fontsize=8, frameon=False,
              alignment="left")


def draw_timeline(G: nx.MultiDiGraph, actor_a: str, actor_b: str, *, ax: Axes | None = None) -> Axes:
    """Draw the events between two actors over time: date across, cooperation score up.

    Each dated event is a stem from zero to its score, coloured by its type, with a circle for
    A -> B and a triangle for B -> A; a number above a stem counts the events of that day;
    undated events are counted in the title.

    Args:
        G: The event graph from ``kg.views.to_networkx``.
        actor_a: Code or label of one actor.
        actor_b: Code or label of the other.
        ax: Axes to draw on; a new figure's when None.

    Returns:
        The Axes drawn on.

    Raises:
        QueryError: either actor is not in the graph.

    Example:
        >>> from matplotlib.figure import Figure
        >>> G = nx.MultiDiGraph()
        >>> G.add_edge("IND", "RUS", type="AGREE", cooperation=8.0, sentence="s1", date="2024-07-09")
        0
        >>> ax = draw_timeline(G, "IND", "RUS", ax=Figure().add_subplot())
        >>> ax.get_title()
        'IND and RUS: 1 event'
    """
    import datetime as dt
    from collections import Counter

    from matplotlib.lines import Line2D

    from kg.views import relations_between, resolve_node

    events = relations_between(G, actor_a, actor_b)
    a, b = resolve_node(G, actor_a), resolve_node(G, actor_b)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(9, 3.6))
    dated = [event for event in events if event.get("date")]
    undated = len(events) - len(dated)
    title = f"{a} and {b}: {len(events)} event{'s' if len(events) != 1 else ''}"
    ax.set_title(title + (f" ({undated} undated, not shown)" if undated else ""), fontsize=11)
    ax.axhline(0, color="#666666", linewidth=0.8)
    for event in dated:
        when = dt.date.fromisoformat(str(event["date"])[:10])
        score = event.get("cooperation", 0.0)
        colour = TYPE_COLOURS.get(event.get("type"), _EDGE_COLOURS[1])
        ax.vlines(when, 0, score, color=colour, linewidth=1.5, alpha=0.8)
        ax.plot([when], [score], marker="o" if event["source"] == a else "^", color=colour, markersize=7,
                markeredgecolor="#1b1b1b", markeredgewidth=0.5, linestyle="none")
    # Events of one day stack on one stem: say how many there are.
    per_day = Counter(str(event["date"])[:10] for event in dated)
    for day, count in per_day.items():
        if count > 1:
            top = max(event.get("cooperation", 0.0) for event in dated if str(event["date"])[:10] == day)
            ax.annotate(f"{count}", (dt.date.fromisoformat(day), max(top, 0.0) + 0.6), ha="center", fontsize=7,
                        color="#333333")
    ax.set_ylim(-_SCORE_LIMIT - 1, _SCORE_LIMIT + 1.8)
    ax.set_ylabel("cooperation score")
    ax.spines[["top", "right"]].set_visible(False)
    types = [name for name in TYPE_COLOURS if name in {event.get("type") for event in dated}]
    handles = [Line2D([], [], marker="o", color="#444444", linestyle="none", label=f"{a} → {b}"),
               Line2D([], [], marker="^", color="#444444", linestyle="none", label=f"{b} → {a}")]
    handles += [Line2D([], [], color=TYPE_COLOURS[name], linewidth=3, label=name.lower()) for name in types]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    ax.figure.autofmt_xdate()
    return ax


def save_timeline(G: nx.MultiDiGraph, actor_a: str, actor_b: str, path: str | Path, *, dpi: int = 150) -> Path:
    """Draw the timeline of a dyad (``draw_timeline``) and write it to ``path``, atomically.

    Raises:
        KgError: the suffix names no format matplotlib can write.
        QueryError: either actor is not in the graph.
    """
    from matplotlib.figure import Figure

    target = Path(path)
    figure = Figure(figsize=(9, 3.6))
    image_format = target.suffix.lstrip(".").lower()
    if image_format not in figure.canvas.get_supported_filetypes():
        raise KgError(f"{target}: unknown plot format '{target.suffix}'; end the file name in .png, .svg or .pdf")
    draw_timeline(G, actor_a, actor_b, ax=figure.add_subplot())
    with atomic_write(target, mode="wb") as handle:
        figure.savefig(handle, format=image_format, dpi=dpi, bbox_inches="tight", facecolor="white")
    return target
