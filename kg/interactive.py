"""An interactive HTML view of the actor graph: one self-contained page, no network needed.

The page is an SVG drawn by a few lines of inline JavaScript (no library, nothing fetched):
drag to pan, wheel or the +/- buttons to zoom, hover an arrow to see its events and their
sentences, hover an actor to see its partners, click an actor to fade the others;
``page.html#edge=IND>RUS`` opens with that arrow's box shown (for links and the browser test).
Layout is computed in Python (the packed spring layout of ``kg.plot``), so the same seed gives
the same page. In Jupyter the view renders inline (an iframe holding the page); ``save`` writes
the file and ``open`` shows it in a browser.

Example:
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("CHN", label="China")
    >>> G.add_edge("CHN", "USA", type="ACCUSE", cooperation=-2.0, confidence=1.0,
    ...            sentence="China accused <the> United States.", doc_id="d1", date="2024-03-01")
    0
    >>> page = to_html(G, title="Accusations").html
    >>> "China accused \\\\u003cthe\\\\u003e United States." in page, "<script src" in page
    (True, False)
"""

from __future__ import annotations

import functools
import html
import json
import math
import os
import webbrowser
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.io import atomic_write
from kg.plot import _EDGE_COLOURS, _SCORE_LIMIT, TYPE_COLOURS, _crowding, _dyad_view, _layout, _main_type

__all__ = ["HtmlView", "to_html"]

#: How many events (with their sentences) a hover box lists per arrow.
_EVIDENCE_SHOWN = 8

#: Size of the drawing in SVG units; the page scales it to the window.
_WIDTH, _HEIGHT = 1000.0, 700.0


class HtmlView:
    """A rendered interactive page: ``html`` is the text; shows inline in Jupyter.

    Attributes:
        html: The complete, self-contained HTML page.
    """

    def __init__(self, page: str) -> None:
        self.html = page

    def __repr__(self) -> str:
        return f"<HtmlView: {len(self.html)} characters; .save(path), .open()>"

    def _repr_html_(self) -> str:
        # An iframe keeps the page's script and styles apart from the notebook's.
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
                'style="width:100%;height:620px;border:1px solid #ddd" sandbox="allow-scripts"></iframe>')

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` atomically; return the path."""
        target = Path(path)
        with atomic_write(target) as handle:
            handle.write(self.html)
        return target

    def open(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Save the page (to a temporary file when no path is given) and open it in a browser."""
        import tempfile

        target = Path(path) if path is not None else Path(tempfile.mkdtemp()) / "kg.html"
        self.save(target)
        webbrowser.open(target.resolve().as_uri())
        return target


def to_html(G: nx.Graph, *, seed: int = 0, title: str | None = None) -> HtmlView:
    """Render the event graph (or its dyads) as an interactive page.

    Args:
        G: The event graph from ``kg.views.to_networkx`` or its ``kg.views.dyads``.
        seed: Seed of the layout.
        title: Heading of the page.

    Returns:
        The view; ``.save(path)`` writes it, ``.open()`` shows it in a browser.
    """
    data = _page_data(G)
    positions = _layout(_dyad_view(G), seed) if data["nodes"] else {}
    _place(data, positions)
    payload = json.dumps(data, ensure_ascii=False)
    # Inside <script>, "<" must not start a tag: JSON's \u003c escape reads back the same.
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    heading = html.escape(title or "kg: actors and their ties")
    return HtmlView(_template().replace("__TITLE__", heading).replace("__DATA__", payload))


@functools.cache
def _template() -> str:
    """The page around the data: kg/templates/view.html (inline CSS and JavaScript, nothing fetched)."""
    return (resources.files("kg") / "templates" / "view.html").read_text(encoding="utf-8")


def _page_data(G: nx.Graph) -> dict[str, Any]:
    view = _dyad_view(G)
    events: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
    if G.is_multigraph():
        for source, target, data in G.edges(data=True):
            if data.get("negated") or data.get("hedged"):
                continue
            events.setdefault((source, target), []).append({
                "type": data.get("type"), "date": data.get("date"), "sentence": data.get("sentence"),
                "doc": data.get("doc_id"), "score": data.get("cooperation"),
            })
    counts = {node: 0 for node in view}
    edges = []
    for source, target, data in view.edges(data=True):
        count = data.get("count", 1)
        counts[source] += count
        counts[target] += count
        listed = sorted(events.get((source, target), []), key=lambda e: (e["date"] is None, e["date"] or ""))
        if not listed:
            listed = [{"type": None, "date": None, "sentence": sentence, "doc": doc, "score": None}
                      for doc, sentence in data.get("evidence", [])]
        main = _main_type(data)
        edges.append({
            "source": str(source), "target": str(target), "count": count,
            "mean": round(data.get("cooperation_mean", 0.0), 3), "type": main,
            "colour": TYPE_COLOURS.get(main, _EDGE_COLOURS[1]),
            "types": data.get("types", {}), "events": listed[:_EVIDENCE_SHOWN],
            "more": max(0, len(listed) - _EVIDENCE_SHOWN),
            "reverse": view.has_edge(target, source),
        })
    crowding = _crowding(len(view))
    most = max(counts.values(), default=1) or 1
    nodes = [{"id": str(node), "label": str(data.get("label", node)), "kind": data.get("kind", ""),
              "events": counts[node],
              "r": round(5 + 8 * crowding + (6 + 10 * crowding) * math.sqrt(counts[node] / most), 1)}
             for node, data in view.nodes(data=True)]
    types = [name for name in TYPE_COLOURS if any(edge["type"] == name for edge in edges)]
    return {"nodes": nodes, "edges": edges, "legend": [[name, TYPE_COLOURS[name]] for name in types],
            "limit": _SCORE_LIMIT, "font": round(10 + 3 * crowding, 1)}


def _place(data: dict[str, Any], positions: dict[Any, Any]) -> None:
    """Map layout coordinates into the drawing, with a margin for labels."""
    if not positions:
        return
    xs = [float(x) for x, _ in positions.values()]
    ys = [float(y) for _, y in positions.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    margin = 70.0
    for node in data["nodes"]:
        x, y = positions[_key(positions, node["id"])]
        node["x"] = round(margin + (float(x) - min(xs)) / span_x * (_WIDTH - 2 * margin), 1)
        node["y"] = round(margin + (max(ys) - float(y)) / span_y * (_HEIGHT - 2 * margin), 1)


def _key(positions: dict[Any, Any], node_id: str) -> Any:
    return node_id if node_id in positions else next(key for key in positions if str(key) == node_id)
