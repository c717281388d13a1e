"""``KnowledgeGraph``: one object for the questions, tables, pictures and files of a built graph.

It wraps the RDF graph (the record) and caches what is derived from it: the relations, the
networkx event graph. Questions return plain values (``kg.alignment`` and ``kg.views`` records
carrying their evidence sentences); tables are pandas DataFrames (pandas is imported only when
a table is asked for); pictures are matplotlib Axes and an interactive HTML view.

Example:
    >>> from kg.records import ActorRef, Relation
    >>> def state(code, label):
    ...     return ActorRef(text=label, id=code, country=code, kind="state", label=label)
    >>> relations = [Relation(doc_id="d1", sentence="India and Russia signed a defence pact.",
    ...     start=0, end=39, source=state("IND", "India"), target=state("RUS", "Russia"),
    ...     type="AGREE", cameo="057", cooperation=8.0, verb="sign", object="pact", date="2024-07-09")]
    >>> graph = KnowledgeGraph.from_relations(relations)
    >>> [(tie.actor, tie.score) for tie in graph.allies("India")]
    [('RUS', 8.0)]
    >>> graph.events(source="India")[["Actor1Code", "Actor2Code", "PloverType"]].values.tolist()
    [['IND', 'RUS', 'AGREE']]
"""

from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
from rdflib import Graph

from kg import alignment as _alignment
from kg import views as _views
from kg.errors import QueryError
from kg.records import EVENT_TYPES, Relation

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from kg.interactive import HtmlView

__all__ = ["KnowledgeGraph", "load"]

PathLike = str | os.PathLike[str]


def load(paths: PathLike | Iterable[PathLike], *, format: str | None = None) -> KnowledgeGraph:
    """Read RDF files and Oxigraph stores (``oxigraph:FOLDER``, opened read-only), merged, into a ``KnowledgeGraph``.

    Raises:
        InputError: a missing file or store, an unknown format or malformed RDF.
    """
    from kg.graph import load_graph
    from kg.store import is_store_spec, open_store

    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    graph = load_graph([item for item in items if not is_store_spec(item)], format=format)
    for spec in filter(is_store_spec, items):
        with open_store(str(spec), read_only=True) as store:
            graph.addN((s, p, o, graph) for s, p, o in store.triples())
    return KnowledgeGraph(graph)


class KnowledgeGraph:
    """A built kg graph with its questions: allies, rivals, alliances, blocs, paths, timelines, events.

    Args:
        rdf: The RDF graph (from ``kg.build`` or ``kg.graph.load_graph``); empty when None.

    Attributes:
        rdf: The rdflib Graph itself, for SPARQL and triple stores.
    """

    def __init__(self, rdf: Graph | None = None) -> None:
        self.rdf = rdf if rdf is not None else Graph()

    @classmethod
    def from_relations(cls, relations: Iterable[Relation]) -> KnowledgeGraph:
        """Build the RDF graph of ``relations`` (e.g. read from ``kg extract`` JSONL)."""
        from kg.graph import build_graph

        return cls(build_graph(relations))

    def __repr__(self) -> str:
        return (f"<KnowledgeGraph: {len(self.rdf)} triples, {len(self.relations)} events, "
                f"{self.network.number_of_nodes()} actors>")

    def __len__(self) -> int:
        return len(self.rdf)

    # Derived views, computed once: the RDF graph is not meant to change under them.
    @functools.cached_property
    def relations(self) -> list[Relation]:
        """Every event as a ``Relation`` (hedged and negated ones included, flagged)."""
        from kg.graph import relations_from_graph

        return relations_from_graph(self.rdf)

    @functools.cached_property
    def network(self) -> nx.MultiDiGraph:
        """The networkx event graph of asserted events (``kg.views.to_networkx``)."""
        return _views.to_networkx(self.relations)

    def actor(self, name: str) -> str:
        """Return the code an actor name or code stands for ("india" -> "IND")."""
        return _views.resolve_node(self.network, name)

    # Questions
    def allies(self, actor: str, *, min_score: float = 0.0, half_life_days: float = _alignment.DEFAULT_HALF_LIFE_DAYS,
               as_of: str | None = None) -> list[_alignment.Tie]:
        """Partners whose recency-weighted ties with ``actor`` are net cooperative (``kg.alignment``)."""
        ties = _alignment.alignment(self.network, actor, half_life_days=half_life_days, as_of=as_of)
        return [tie for tie in ties if tie.score > min_score]

    def rivals(self, actor: str, *, min_score: float = 0.0, half_life_days: float = _alignment.DEFAULT_HALF_LIFE_DAYS,
               as_of: str | None = None) -> list[_alignment.Tie]:
        """Partners whose recency-weighted ties with ``actor`` are net conflictual, most first."""
        ties = _alignment.alignment(self.network, actor, half_life_days=half_life_days, as_of=as_of)
        return sorted((tie for tie in ties if tie.score < -min_score), key=lambda tie: (tie.score, tie.actor))

    def alliances(self, actor: str | None = None) -> list[_alignment.Alliance]:
        """Explicit alliance events (pacts, partnerships, joint exercises, membership), oldest first."""
        return _alignment.alliances(self.network, actor)

    def partners(self, actor: str, *, event_type: str | None = None, direction: str = "both") -> list[_views.Partner]:
        """Everyone with asserted events with ``actor``, optionally of one type and direction."""
        return _views.partners(self.network, actor, event_type=event_type, direction=direction)

    def blocs(self, *, seed: int = 0, resolution: float = 1.0,
              half_life_days: float = _alignment.DEFAULT_HALF_LIFE_DAYS) -> list[list[str]]:
        """Communities of positive ties (Louvain, seeded), largest first."""
        return _alignment.blocs(self.network, seed=seed, resolution=resolution, half_life_days=half_life_days)

    def path(self, source: str, target: str, *, positive_only: bool = False) -> list[_alignment.Hop]:
        """The shortest chain of ties from ``source`` to ``target``."""
        return _alignment.path(self.network, source, target, positive_only=positive_only)

    def timeline(self, actor_a: str, actor_b: str) -> pd.DataFrame:
        """Events between two actors, both directions, oldest first (undated last), as a DataFrame.

        Columns: date, source, target, type, cooperation, confidence, verb, object, sentence, doc_id.
        """
        import pandas as pd

        columns = ["date", "source", "target", "type", "cooperation", "confidence", "verb", "object",
                   "sentence", "doc_id"]
        events = _views.relations_between(self.network, actor_a, actor_b)
        frame = pd.DataFrame([{name: event.get(name) for name in columns} for event in events], columns=columns)
        frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
        return frame

    def events(self, *, source: str | None = None, target: str | None = None, type: str | None = None,
               start: str | None = None, end: str | None = None, include_unasserted: bool = False) -> pd.DataFrame:
        """The events as a DataFrame with GDELT-like columns (``kg.export.EVENT_COLUMNS``) and ``date``.

        Args:
            source: Only events this actor did (code or name, of the state or the person).
            target: Only events done to this actor.
            type: Only this PLOVER type, any case ("sanction").
            start: Only events dated on or after ``YYYY-MM-DD``.
            end: Only events dated on or before ``YYYY-MM-DD``.
            include_unasserted: Keep hedged and negated events (flagged in IsHedged/IsNegated).

        Raises:
            QueryError: an unknown actor or event type.
        """
        import pandas as pd

        from kg.export import EVENT_COLUMNS, event_rows

        selected = self.select(source=source, target=target, type=type, start=start, end=end,
                               include_unasserted=include_unasserted)
        frame = pd.DataFrame(list(event_rows(selected)), columns=list(EVENT_COLUMNS))
        frame.insert(1, "date", pd.to_datetime(frame["SQLDATE"], format="%Y%m%d", errors="coerce"))
        return frame

    def select(self, *, source: str | None = None, target: str | None = None, type: str | None = None,
               start: str | None = None, end: str | None = None, include_unasserted: bool = False) -> list[Relation]:
        """The relations ``events`` would tabulate (same filters), as ``Relation`` records."""
        wanted_type = None
        if type is not None:
            wanted_type = type.strip().upper()
            if wanted_type not in EVENT_TYPES:
                raise QueryError(f"unknown event type '{type}'; use a PLOVER type: {', '.join(EVENT_TYPES)}")
        sources = self._matching_codes(source)
        targets = self._matching_codes(target)
        chosen = []
        for relation in self.relations:
            if not (include_unasserted or relation.asserted):
                continue
            if wanted_type is not None and relation.type != wanted_type:
                continue
            if sources is not None and not {relation.source.country, relation.source.id} & sources:
                continue
            if targets is not None and not {relation.target.country, relation.target.id} & targets:
                continue
            if (start or end) and not relation.date:
                continue
            if (start and relation.date < start) or (end and relation.date > end):
                continue
            chosen.append(relation)
        return chosen

    def _matching_codes(self, name: str | None) -> set[str] | None:
        """The codes an actor name stands for: a state's or IGO's code, or a person's id."""
        if name is None:
            return None
        wanted = name.strip().casefold()
        found = {ref.id for relation in self.relations for ref in (relation.source, relation.target)
                 if wanted in (ref.id.casefold(), ref.label.casefold())}
        if found:
            return found
        return {_views.resolve_node(_views.to_networkx(self.relations, asserted_only=False), name)}

    def stats(self) -> dict[str, Any]:
        """Counts for a summary: triples, events (asserted or not), actors, types, dates, documents."""
        asserted = [relation for relation in self.relations if relation.asserted]
        dates = sorted(relation.date for relation in self.relations if relation.date)
        degree = Counter({node: self.network.degree(node) for node in self.network})
        return {
            "triples": len(self.rdf), "events": len(self.relations), "asserted": len(asserted),
            "hedged_or_negated": len(self.relations) - len(asserted),
            "actors": self.network.number_of_nodes(), "dyads": _views.dyads(self.network).number_of_edges(),
            "documents": len({relation.doc_id for relation in self.relations}),
            "first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None,
            "types": dict(Counter(relation.type for relation in asserted).most_common()),
            "most_active": [{"actor": node, "label": self.network.nodes[node].get("label", node), "events": count}
                            for node, count in degree.most_common(10)],
        }

    # Pictures
    def plot(self, *, ax: Axes | None = None, seed: int = 0, title: str | None = None) -> Axes:
        """Draw the actors and their ties with matplotlib (``kg.plot.draw``)."""
        from kg.plot import draw

        return draw(self.network, ax=ax, seed=seed, title=title)

    def plot_timeline(self, actor_a: str, actor_b: str, *, ax: Axes | None = None) -> Axes:
        """Draw the events between two actors over time (``kg.plot.draw_timeline``)."""
        from kg.plot import draw_timeline

        return draw_timeline(self.network, actor_a, actor_b, ax=ax)

    def to_html(self, path: PathLike | None = None, *, seed: int = 0, title: str | None = None) -> HtmlView:
        """The interactive view (zoom, hover shows the evidence); written to ``path`` when given."""
        from kg.interactive import to_html

        view = to_html(self.network, seed=seed, title=title)
        if path is not None:
            view.save(path)
        return view

    # Files
    def save(self, path: PathLike, *, format: str | None = None) -> Path:
        """Write the RDF graph (format from the suffix, or ``format``)."""
        from kg.graph import save_graph

        return save_graph(self.rdf, path, format=format)

    def export(self, path: PathLike, *, format: str | None = None) -> Path:
        """Write RDF, GraphML/GEXF or a CSV/JSONL event table (``kg.export.export_graph``)."""
        from kg.export import export_graph

        return export_graph(self.rdf, path, format=format)

    def validate(self) -> tuple[bool, str]:
        """Check the RDF graph against kg's SHACL shapes: ``(conforms, report)``."""
        from kg.graph import validate_graph

        return validate_graph(self.rdf)

    def sparql(self, name_or_query: str, **bindings: object) -> list[dict[str, Any]]:
        """Run a named query of ``kg/queries`` with bound values, or a SPARQL text of your own."""
        from kg.sparql import named_queries, run_named, run_sparql

        if name_or_query in named_queries():
            return run_named(self.rdf, name_or_query, **bindings)
        return run_sparql(self.rdf, name_or_query)
