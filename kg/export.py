"""Writing a built graph to a file, in a format named or implied by the file's suffix.

Every RDF format goes through ``kg.graph.save_graph`` (atomic write, format from suffix,
one-line error listing the valid formats). Network formats of the networkx views (GraphML,
GEXF) belong here as well, dispatched by format name next to the RDF ones.

Example:
    >>> import pathlib, tempfile
    >>> from rdflib import Graph
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> export_graph(Graph(), folder / "graph.jsonld").name
    'graph.jsonld'
    >>> export_graph(Graph(), folder / "graph.out", format="parquet")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.InputError: .../graph.out: unknown RDF format 'parquet'; use one of: turtle (.ttl), ...
"""

from __future__ import annotations

import os
from pathlib import Path

from rdflib import Graph

from kg.graph import save_graph

__all__ = ["export_graph"]


def export_graph(graph: Graph, path: str | os.PathLike[str], format: str | None = None) -> Path:
    """Write ``graph`` to ``path`` in ``format`` (by default the one its suffix names).

    Args:
        graph: An RDF graph, e.g. from ``kg.graph.build_graph`` or ``load_graph``.
        path: The file to write; it is replaced atomically.
        format: ``turtle``, ``nt``, ``xml``, ``json-ld``, ``trig`` or ``nquads``.

    Returns:
        The path written.

    Raises:
        InputError: an unknown format, or a suffix that names none.
    """
    return save_graph(graph, path, format=format)
