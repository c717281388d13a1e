"""Writing a built graph to a file: RDF, network (GraphML, GEXF) or event table (CSV, JSONL).

The format is named, or implied by the file's suffix. Every RDF format goes through
``kg.graph.save_graph``; network formats write the dyad graph of ``kg.views`` (one edge per
ordered pair, with counts and cooperation, for Gephi and other network tools); event tables
write one row per relation with GDELT-like columns (``EVENT_COLUMNS``). Every writer is
atomic: a failed run leaves the old file as it was.

Example:
    >>> import pathlib, tempfile
    >>> from rdflib import Graph
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> export_graph(Graph(), folder / "graph.jsonld").name
    'graph.jsonld'
    >>> export_graph(Graph(), folder / "graph.out", format="parquet")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.InputError: .../graph.out: unknown format 'parquet'; use one of: turtle (.ttl), ...
"""

from __future__ import annotations

import csv
import functools
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.errors import InputError
from kg.graph import RDF_FORMATS, relations_from_graph, save_graph
from kg.io import atomic_write
from kg.records import Relation

__all__ = ["EVENT_COLUMNS", "event_rows", "export_events", "export_graph", "export_network", "network_for_export"]

#: Network format -> file suffix.
NETWORK_FORMATS: Mapping[str, str] = MappingProxyType({"graphml": ".graphml", "gexf": ".gexf"})

#: Event-table format -> file suffix.
EVENT_FORMATS: Mapping[str, str] = MappingProxyType({"csv": ".csv", "jsonl": ".jsonl"})

_CHOICES = ("turtle (.ttl), nt (.nt), xml (.rdf), json-ld (.jsonld), trig, nquads; "
            "graphml (.graphml), gexf (.gexf); csv (.csv), jsonl (.jsonl) of events")

#: Columns of the event table, GDELT 1.0 names where GDELT has the field, kg's own after.
EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1Type", "Actor2Code", "Actor2Name",
    "Actor2Type", "EventCode", "EventRootCode", "QuadClass", "GoldsteinScale", "PloverType", "Verb",
    "Object", "Confidence", "IsNegated", "IsHedged", "Actor1Text", "Actor2Text", "ReportedBy", "DocId",
    "SentenceStart", "SentenceEnd", "Sentence", "SOURCEURL",
)


def export_graph(graph: Graph, path: str | os.PathLike[str], format: str | None = None) -> Path:
    """Write ``graph`` to ``path`` in ``format`` (by default the one its suffix names).

    Args:
        graph: An RDF graph, e.g. from ``kg.graph.build_graph`` or ``load_graph``.
        path: The file to write; it is replaced atomically.
        format: An RDF format (``turtle``, ``nt``, ``xml``, ``json-ld``, ``trig``, ``nquads``),
            a network format (``graphml``, ``gexf``) or an event table (``csv``, ``jsonl``).

    Returns:
        The path written.

    Raises:
        InputError: an unknown format, or a suffix that names none.
    """
    target = Path(path)
    kind = _kind_of(target, format)
    if kind in NETWORK_FORMATS:
        from kg.views import to_networkx

        return export_network(to_networkx(relations_from_graph(graph)), target, format=kind)
    if kind in EVENT_FORMATS:
        return export_events(relations_from_graph(graph), target, format=kind)
    return save_graph(graph, target, format=format)


def _kind_of(path: Path, format: str | None) -> str:
    """Return the network or event format named, else "rdf" (save_graph checks RDF names)."""
    if format is not None:
        wanted = format.lower()
        if wanted in NETWORK_FORMATS or wanted in EVENT_FORMATS:
            return wanted
        if wanted not in RDF_FORMATS:
            raise InputError(str(path), f"unknown format '{format}'", fix=f"use one of: {_CHOICES}")
        return "rdf"
    suffix = path.suffix.lower()
    for name, known in (*NETWORK_FORMATS.items(), *EVENT_FORMATS.items()):
        if suffix == known:
            return name
    return "rdf"


def _chosen(target: Path, format: str | None, formats: Mapping[str, str], what: str) -> str:
    """The format named, else the one the suffix implies; an InputError listing ``formats`` otherwise."""
    kind = (format or target.suffix.lstrip(".")).lower()
    if kind not in formats:
        choices = " or ".join(f"{name} ({suffix})" for name, suffix in formats.items())
        raise InputError(str(target), f"unknown {what} '{kind}'", fix=f"use {choices}")
    return kind


def network_for_export(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Return the dyad graph with scalar attributes only, as GraphML and GEXF require.

    Each edge carries ``weight`` (asserted events), ``count``, ``cooperation`` (summed),
    ``cooperation_mean``, ``main_type`` (the most frequent PLOVER type), ``types``
    ("AGREE:2;CONSULT:1"), ``first_date``/``last_date`` when dated, and ``evidence`` (the first
    sentence). None values are dropped.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("CHN", label="China", kind="state")
        >>> G.add_edge("CHN", "USA", type="ACCUSE", cooperation=-2.0, sentence="s1", doc_id="d1", date=None)
        0
        >>> sorted(network_for_export(G).edges["CHN", "USA"].items())  # doctest: +NORMALIZE_WHITESPACE
        [('cooperation', -2.0), ('cooperation_mean', -2.0), ('count', 1), ('evidence', 's1'),
         ('main_type', 'ACCUSE'), ('types', 'ACCUSE:1'), ('weight', 1)]
    """
    from kg.views import dyads

    D = dyads(G)
    out = nx.DiGraph()
    for node, data in D.nodes(data=True):
        out.add_node(str(node), **_scalars({"label": data.get("label", node), "kind": data.get("kind")}))
    for source, target, data in D.edges(data=True):
        types = data.get("types", {})
        evidence = data.get("evidence") or []
        out.add_edge(str(source), str(target), **_scalars({
            "weight": data["count"], "count": data["count"], "cooperation": round(data["cooperation"], 6),
            "cooperation_mean": round(data["cooperation_mean"], 6),
            "main_type": max(types, key=lambda name: (types[name], name)) if types else None,
            "types": ";".join(f"{name}:{count}" for name, count in types.items()),
            "first_date": data.get("first_date"), "last_date": data.get("last_date"),
            "evidence": evidence[0][1] if evidence else None,
        }))
    return out


def _scalars(values: Mapping[str, Any]) -> dict[str, Any]:
    """Drop None; keep str, int, float and bool; write anything else as JSON text."""
    kept = {}
    for key, value in values.items():
        if value is None:
            continue
        kept[key] = value if isinstance(value, (str, int, float, bool)) else json.dumps(value, default=str)
    return kept


def export_network(G: nx.MultiDiGraph, path: str | os.PathLike[str], format: str | None = None) -> Path:
    """Write the dyad graph of ``G`` as GraphML or GEXF (Gephi opens both).

    Args:
        G: The event graph from ``kg.views.to_networkx``.
        path: The file to write.
        format: ``graphml`` or ``gexf``; by default from the suffix.

    Returns:
        The path written.

    Raises:
        InputError: neither format named nor implied.
    """
    target = Path(path)
    kind = _chosen(target, format, NETWORK_FORMATS, "network format")
    network = network_for_export(G)
    with atomic_write(target, mode="wb") as handle:
        if kind == "graphml":
            nx.write_graphml(network, handle)
        else:
            nx.write_gexf(network, handle)
    return target


@functools.cache
def _quad_classes() -> Mapping[str, int]:
    """PLOVER type -> GDELT QuadClass number, read from the ontology."""
    from rdflib.namespace import SKOS

    from kg.graph import _package_graph
    from kg.namespace import EVENT_CLASSES, KGO

    ontology = _package_graph("kg.ttl")
    quads = {}
    for event_type, event_class in EVENT_CLASSES.items():
        quad = ontology.value(event_class, KGO.quadClass)
        notation = ontology.value(quad, SKOS.notation) if quad is not None else None
        if notation is not None:
            quads[event_type] = int(str(notation))
    return MappingProxyType(quads)


def event_rows(relations: Iterable[Relation]) -> Iterator[dict[str, Any]]:
    """Yield one row per relation with the ``EVENT_COLUMNS`` (None where a value is unknown).

    ``GLOBALEVENTID`` is the last part of the event's IRI, so the same event gets the same id
    in every export. ``SOURCEURL`` is the document's URL when the input gave one.

    Example:
        >>> from kg.records import ActorRef
        >>> usa = ActorRef(text="Washington", id="USA", country="USA", kind="state", label="United States")
        >>> irn = ActorRef(text="Iran", id="IRN", country="IRN", kind="state", label="Iran")
        >>> row = next(event_rows([Relation(doc_id="d1", sentence="Washington sanctioned Iran.",
        ...     start=0, end=27, source=usa, target=irn, type="SANCTION", cameo="163",
        ...     cooperation=-8.0, verb="sanction", date="2024-05-02")]))
        >>> row["SQLDATE"], row["Actor1Code"], row["EventRootCode"], row["QuadClass"], row["GoldsteinScale"]
        ('20240502', 'USA', '16', 4, -8.0)
    """
    from kg.namespace import event_iri

    quads = _quad_classes()
    for relation in relations:
        yield {
            "GLOBALEVENTID": str(event_iri(relation)).rsplit("/", 1)[-1],
            "SQLDATE": relation.date.replace("-", "") if relation.date else None,
            "Actor1Code": relation.source.country, "Actor1Name": relation.source.label,
            "Actor1Type": relation.source.kind,
            "Actor2Code": relation.target.country, "Actor2Name": relation.target.label,
            "Actor2Type": relation.target.kind,
            "EventCode": relation.cameo, "EventRootCode": relation.cameo[:2],
            "QuadClass": quads.get(relation.type), "GoldsteinScale": relation.cooperation,
            "PloverType": relation.type, "Verb": relation.verb, "Object": relation.object,
            "Confidence": relation.confidence, "IsNegated": relation.negated, "IsHedged": relation.hedged,
            "Actor1Text": relation.source.text, "Actor2Text": relation.target.text,
            "ReportedBy": relation.reported_by.country if relation.reported_by else None,
            "DocId": relation.doc_id, "SentenceStart": relation.start, "SentenceEnd": relation.end,
            "Sentence": relation.sentence, "SOURCEURL": relation.url,
        }


def export_events(relations: Iterable[Relation], path: str | os.PathLike[str], format: str | None = None) -> Path:
    """Write one row per relation, with the ``EVENT_COLUMNS``, as CSV or JSONL.

    CSV has a header line and empty cells for unknown values; JSONL has one object a line with
    null for them.

    Args:
        relations: The relations, e.g. ``kg.graph.relations_from_graph(graph)``.
        path: The file to write.
        format: ``csv`` or ``jsonl``; by default from the suffix.

    Returns:
        The path written.

    Raises:
        InputError: neither format named nor implied.
    """
    target = Path(path)
    kind = _chosen(target, format, EVENT_FORMATS, "event table format")
    with atomic_write(target, mode="w", encoding="utf-8") as handle:
        if kind == "csv":
            writer = csv.DictWriter(handle, fieldnames=EVENT_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(event_rows(relations))
        else:
            for row in event_rows(relations):
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return target
