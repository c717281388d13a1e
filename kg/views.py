"""Networkx views of relations: actors as nodes, events as edges, dyads, allies and rivals.

``to_networkx`` turns ``Relation`` records into a ``MultiDiGraph`` with one node per
country-level actor (ISO alpha-3 or IGO code) and one edge per event. The other functions
take that graph first and return plain values (lists, dicts, dataclasses, a ``DiGraph``).

Aggregates (``dyads``, ``allies``, ``rivals``, ``partners``) count asserted events only:
a negated or hedged event did not (yet) happen, so its cooperation score says nothing
about the pair. A graph built with ``asserted_only=False`` still shows those events in
``relations_between`` and on the edges, flagged ``negated`` / ``hedged``.

Example:
    >>> from kg.records import ActorRef, Relation
    >>> india = ActorRef(text="India", id="IND", country="IND", kind="state", label="India")
    >>> russia = ActorRef(text="Moscow", id="RUS", country="RUS", kind="state", label="Russia")
    >>> pact = Relation(doc_id="d1", sentence="India signed a defence pact with Moscow.",
    ...                 start=0, end=40, source=india, target=russia, type="AGREE",
    ...                 cameo="057", cooperation=8.0, verb="sign", object="pact")
    >>> G = to_networkx([pact])
    >>> G.nodes["RUS"]["label"], G.number_of_edges()
    ('Russia', 1)
    >>> [(p.actor, p.score) for p in allies(G, "india")]
    [('RUS', 8.0)]
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.errors import QueryError
from kg.records import EVENT_TYPES, Relation

__all__ = [
    "Partner",
    "allies",
    "dyads",
    "partners",
    "relation_key",
    "relations_between",
    "resolve_node",
    "rivals",
    "to_networkx",
]

#: How many actor codes an "unknown actor" message lists before "and N more".
_KNOWN_ACTORS_SHOWN = 12

#: How many distinct sentences a ``Partner`` carries as evidence.
_PARTNER_EVIDENCE = 3

#: Values of the ``direction`` option of ``partners``.
_DIRECTIONS = ("both", "out", "in")


@dataclass(frozen=True)
class Partner:
    """One actor's tie to another, summed over the events between them.

    Attributes:
        actor: The partner's node id (country or IGO code, "RUS").
        label: The partner's readable name ("Russia").
        score: Net weight: sum of cooperation x confidence over the counted events.
        events: Number of counted events.
        types: Count of counted events per PLOVER type.
        evidence: A few distinct sentences the events came from, in graph order.
    """

    actor: str
    label: str
    score: float
    events: int
    types: dict[str, int] = field(hash=False)
    evidence: tuple[str, ...] = field(hash=False)


def relation_key(relation: Relation) -> str:
    """Return the stable edge key of a relation: document, sentence span, trigger, actors, type.

    The same relation read twice gets the same key, so adding it twice keeps one edge.

    Example:
        >>> from kg.records import ActorRef
        >>> usa = ActorRef(text="Washington", id="USA", country="USA", kind="state", label="United States")
        >>> chn = ActorRef(text="China", id="CHN", country="CHN", kind="state", label="China")
        >>> relation_key(Relation(doc_id="d7", sentence="China accused Washington.", start=10, end=35,
        ...                       source=chn, target=usa, type="ACCUSE", cameo="112",
        ...                       cooperation=-2.0, verb="accuse", trigger_start=16))
        'd7:10-35:16:CHN>USA:ACCUSE'
    """
    trigger = "" if relation.trigger_start is None else relation.trigger_start
    return (f"{relation.doc_id}:{relation.start}-{relation.end}:{trigger}:"
            f"{relation.source.id}>{relation.target.id}:{relation.type}")


def to_networkx(relations: Iterable[Relation], *, asserted_only: bool = True,
                labels: Mapping[str, str] | None = None) -> nx.MultiDiGraph:
    """Build the event graph: country-level actors as nodes, one edge per relation.

    A relation whose source or target stands for no country, or whose two sides stand for
    the same country, is skipped. A node's ``label`` comes from ``labels`` if given, else
    from a mention of the country itself (a mention of Modi labels nothing, a mention of
    India labels IND "India"), else it is the code. ``kind`` comes from such a mention too,
    else it is ``"unknown"``.

    Args:
        relations: Relation records, e.g. from ``kg extract`` JSONL.
        asserted_only: Skip negated and hedged relations.
        labels: Readable names by code; they win over names found in the relations.

    Returns:
        A MultiDiGraph. Nodes carry ``label`` and ``kind``; edges, keyed by
        ``relation_key``, carry ``type``, ``cameo``, ``cooperation``, ``verb``, ``object``,
        ``sentence``, ``doc_id``, ``date``, ``confidence``, ``negated``, ``hedged``,
        ``source_text`` and ``target_text`` (the mentions).

    Example:
        >>> from kg.records import ActorRef
        >>> modi = ActorRef(text="Modi", id="person:narendra-modi", country="IND",
        ...                 kind="person", label="Narendra Modi")
        >>> moscow = ActorRef(text="Moscow", id="RUS", country="RUS", kind="state", label="Russia")
        >>> visit = Relation(doc_id="d2", sentence="Modi visited Moscow.", start=0, end=20,
        ...                  source=modi, target=moscow, type="CONSULT", cameo="042",
        ...                  cooperation=1.9, verb="visit")
        >>> G = to_networkx([visit])
        >>> sorted(G.nodes(data="label"))
        [('IND', 'IND'), ('RUS', 'Russia')]
        >>> sorted(to_networkx([visit], labels={"IND": "India"}).nodes(data="label"))
        [('IND', 'India'), ('RUS', 'Russia')]
    """
    G = nx.MultiDiGraph()
    for relation in relations:
        source, target = relation.source.country, relation.target.country
        if source is None or target is None or source == target:
            continue
        if asserted_only and not relation.asserted:
            continue
        for ref in (relation.source, relation.target):
            _add_actor(G, ref.country, ref.label if ref.id == ref.country else None, ref.kind)
        G.add_edge(
            source, target, key=relation_key(relation),
            type=relation.type, cameo=relation.cameo, cooperation=relation.cooperation,
            verb=relation.verb, object=relation.object, sentence=relation.sentence,
            doc_id=relation.doc_id, date=relation.date, confidence=relation.confidence,
            negated=relation.negated, hedged=relation.hedged,
            source_text=relation.source.text, target_text=relation.target.text,
        )
    for code, label in (labels or {}).items():
        if code in G:
            G.nodes[code]["label"] = label
    return G


def _add_actor(G: nx.MultiDiGraph, code: str, label: str | None, kind: str) -> None:
    # Only a mention of the country itself names it: "Narendra Modi" must not label IND.
    if code not in G:
        G.add_node(code, label=code, kind="unknown")
    if label is not None and G.nodes[code]["kind"] == "unknown":
        G.nodes[code].update(label=label, kind=kind)


def resolve_node(G: nx.Graph, name: str) -> str:
    """Return the node id an actor name stands for: its code or its label, any case.

    Args:
        G: A graph from ``to_networkx`` or ``dyads``.
        name: "IND", "ind", "India" or "india".

    Returns:
        The node id ("IND").

    Raises:
        QueryError: no node has that code or label, or two nodes share the label.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("USA", label="United States")
        >>> resolve_node(G, "united states")
        'USA'
        >>> resolve_node(G, "Untied States")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        kg.errors.QueryError: unknown actor 'Untied States': ...; did you mean 'United States'? ...
    """
    if name in G:
        return name
    wanted = name.strip().casefold()
    by_code = [node for node in G if str(node).casefold() == wanted]
    if by_code:
        return by_code[0]
    by_label = sorted(node for node, label in G.nodes(data="label", default="") if label.casefold() == wanted)
    if len(by_label) == 1:
        return by_label[0]
    if by_label:
        raise QueryError(f"ambiguous actor '{name}': it labels {', '.join(by_label)}; pass one of the codes")
    raise QueryError(f"unknown actor '{name}': not in the graph; {_suggestion(G, name)}known actors: "
                     f"{_known_actors(G)}")


def _suggestion(G: nx.Graph, name: str) -> str:
    names = {str(label): label for _, label in G.nodes(data="label", default="")}
    names.update((str(node), str(node)) for node in G)
    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
    return f"did you mean '{names[close[0]]}'? " if close else ""


def _known_actors(G: nx.Graph) -> str:
    codes = sorted(str(node) for node in G)
    if not codes:
        return "none (the graph is empty)"
    shown = ", ".join(codes[:_KNOWN_ACTORS_SHOWN])
    hidden = len(codes) - _KNOWN_ACTORS_SHOWN
    return f"{shown} and {hidden} more" if hidden > 0 else shown


def dyads(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Aggregate the event graph to one edge per ordered pair (source, target).

    Args:
        G: The event graph from ``to_networkx``.

    Returns:
        A DiGraph with the same nodes and node attributes. Each edge carries ``count``
        (asserted events), ``cooperation`` (their summed cooperation score),
        ``cooperation_mean``, ``types`` (count per PLOVER type), ``first_date`` and
        ``last_date`` (None when no event is dated) and ``evidence``: the distinct
        ``(doc_id, sentence)`` pairs, in graph order.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_edge("CHN", "USA", type="ACCUSE", cooperation=-2.0, doc_id="d1",
        ...            sentence="China accused the United States.", date="2024-03-01")
        0
        >>> G.add_edge("CHN", "USA", type="THREATEN", cooperation=-4.0, doc_id="d2",
        ...            sentence="China warned Washington.", date="2024-01-09")
        1
        >>> D = dyads(G)
        >>> edge = D.edges["CHN", "USA"]
        >>> edge["count"], edge["cooperation"], edge["cooperation_mean"], edge["first_date"]
        (2, -6.0, -3.0, '2024-01-09')
    """
    D = nx.DiGraph()
    D.add_nodes_from(G.nodes(data=True))
    for source, target, data in _asserted_edges(G.edges(data=True)):
        if not D.has_edge(source, target):
            D.add_edge(source, target, count=0, cooperation=0.0, types=Counter(),
                       first_date=None, last_date=None, evidence={})
        edge = D.edges[source, target]
        edge["count"] += 1
        edge["cooperation"] += data.get("cooperation", 0.0)
        edge["types"][data.get("type")] += 1
        date = data.get("date")
        if date is not None:
            edge["first_date"] = min(date, edge["first_date"] or date)
            edge["last_date"] = max(date, edge["last_date"] or date)
        # A dict keeps first-seen order and drops repeats of the same sentence.
        edge["evidence"][(data.get("doc_id"), data.get("sentence"))] = None
    for _, _, edge in D.edges(data=True):
        edge["cooperation_mean"] = edge["cooperation"] / edge["count"]
        edge["types"] = dict(edge["types"])
        edge["evidence"] = list(edge["evidence"])
    return D


def _asserted_edges(edges: Iterable[tuple[Any, Any, dict[str, Any]]]) -> Iterator[tuple[Any, Any, dict]]:
    for source, target, data in edges:
        if not (data.get("negated") or data.get("hedged")):
            yield source, target, data


def allies(G: nx.MultiDiGraph, actor: str, *, min_score: float = 0.0) -> list[Partner]:
    """Return the actors whose ties with ``actor`` are, on balance, cooperative.

    The rule: ties are undirected; a pair's weight is the sum, over the asserted events
    between them in either direction, of cooperation x confidence. Cooperative types
    (AGREE, CONSULT, SUPPORT, COOPERATE, AID, ...) carry positive cooperation scores and
    conflict types (ACCUSE, SANCTION, ASSAULT, ...) negative ones, so the sign is the
    event's own. Allies are the partners whose weight is above ``min_score``.

    Args:
        G: The event graph from ``to_networkx``.
        actor: Code or label of the actor ("IND", "india").
        min_score: Least weight an ally needs (0 keeps every net-positive partner).

    Returns:
        Partners, strongest tie first (ties broken by code).

    Raises:
        QueryError: ``actor`` is not in the graph.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("IND", label="India")
        >>> G.add_edge("RUS", "IND", type="AID", cooperation=7.4, confidence=0.5, sentence="s1")
        0
        >>> G.add_edge("IND", "PAK", type="ACCUSE", cooperation=-2.0, confidence=1.0, sentence="s2")
        0
        >>> [(p.actor, p.score, p.types) for p in allies(G, "India")]
        [('RUS', 3.7, {'AID': 1})]
    """
    ranked = _tally(G, actor).values()
    return sorted((p for p in ranked if p.score > min_score), key=lambda p: (-p.score, p.actor))


def rivals(G: nx.MultiDiGraph, actor: str, *, min_score: float = 0.0) -> list[Partner]:
    """Return the actors whose ties with ``actor`` are, on balance, conflictual.

    The same rule as ``allies``, mirrored: rivals are the partners whose weight is below
    ``-min_score``.

    Args:
        G: The event graph from ``to_networkx``.
        actor: Code or label of the actor.
        min_score: Least conflict (as a positive number) a rival needs.

    Returns:
        Partners, most conflictual first (ties broken by code).

    Raises:
        QueryError: ``actor`` is not in the graph.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_edge("CHN", "USA", type="ACCUSE", cooperation=-2.0, sentence="s1")
        0
        >>> G.add_edge("USA", "CHN", type="SANCTION", cooperation=-8.0, sentence="s2")
        0
        >>> [(p.actor, p.score, p.events) for p in rivals(G, "CHN")]
        [('USA', -10.0, 2)]
    """
    ranked = _tally(G, actor).values()
    return sorted((p for p in ranked if p.score < -min_score), key=lambda p: (p.score, p.actor))


def partners(G: nx.MultiDiGraph, actor: str, *, event_type: str | None = None,
             direction: str = "both") -> list[Partner]:
    """Return every actor with asserted events with ``actor``, of any sign.

    Args:
        G: The event graph from ``to_networkx``.
        actor: Code or label of the actor.
        event_type: Count only events of this PLOVER type ("SANCTION"), any case.
        direction: ``"both"``; ``"out"`` for events ``actor`` did; ``"in"`` for events
            done to ``actor`` ("who sanctions Russia" is ``direction="in"``).

    Returns:
        Partners, most events first, then by code.

    Raises:
        QueryError: ``actor`` is not in the graph, or ``event_type`` or ``direction`` is
            not a valid value.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_edge("USA", "RUS", type="SANCTION", cooperation=-8.0, sentence="s1")
        0
        >>> G.add_edge("RUS", "UKR", type="ASSAULT", cooperation=-10.0, sentence="s2")
        0
        >>> [p.actor for p in partners(G, "RUS", event_type="sanction", direction="in")]
        ['USA']
    """
    if direction not in _DIRECTIONS:
        raise QueryError(f"unknown direction '{direction}'; use one of {', '.join(_DIRECTIONS)}")
    wanted_type = None
    if event_type is not None:
        wanted_type = event_type.strip().upper()
        if wanted_type not in EVENT_TYPES:
            raise QueryError(f"unknown event type '{event_type}'; "
                             f"use a PLOVER type: {', '.join(EVENT_TYPES)}")
    ranked = _tally(G, actor, event_type=wanted_type, direction=direction).values()
    return sorted(ranked, key=lambda p: (-p.events, p.actor))


def _tally(G: nx.MultiDiGraph, actor: str, *, event_type: str | None = None,
           direction: str = "both") -> dict[str, Partner]:
    """Sum the asserted events between ``actor`` and each other actor into a ``Partner``."""
    node = resolve_node(G, actor)
    edges: list[tuple[Any, Any, dict[str, Any]]] = []
    if direction in ("both", "out"):
        edges.extend(G.out_edges(node, data=True))
    if direction in ("both", "in"):
        edges.extend(G.in_edges(node, data=True))
    scores: Counter[str] = Counter()
    types: dict[str, Counter[str]] = {}
    evidence: dict[str, dict[str, None]] = {}
    for source, target, data in _asserted_edges(edges):
        if event_type is not None and data.get("type") != event_type:
            continue
        other = target if source == node else source
        scores[other] += data.get("cooperation", 0.0) * data.get("confidence", 1.0)
        types.setdefault(other, Counter())[data.get("type")] += 1
        sentences = evidence.setdefault(other, {})
        if len(sentences) < _PARTNER_EVIDENCE:
            sentences[data.get("sentence")] = None
    return {
        other: Partner(
            actor=other, label=G.nodes[other].get("label", other), score=round(scores[other], 6),
            events=sum(types[other].values()), types=dict(types[other]),
            evidence=tuple(evidence[other]),
        )
        for other in types
    }


def relations_between(G: nx.MultiDiGraph, a: str, b: str) -> list[dict[str, Any]]:
    """Return the events between two actors, both directions, oldest first.

    Negated and hedged events are included (when the graph holds them) and flagged.

    Args:
        G: The event graph from ``to_networkx``.
        a: Code or label of one actor.
        b: Code or label of the other.

    Returns:
        One dict per event: its edge attributes plus ``key``, ``source``, ``target`` and
        ``direction`` ("IND->RUS"). Undated events come last.

    Raises:
        QueryError: either actor is not in the graph.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_edge("IND", "RUS", key="k1", type="AGREE", sentence="s1", date="2024-07-09")
        'k1'
        >>> G.add_edge("RUS", "IND", key="k2", type="AID", sentence="s2", date="2024-02-01")
        'k2'
        >>> [(e["direction"], e["type"]) for e in relations_between(G, "IND", "RUS")]
        [('RUS->IND', 'AID'), ('IND->RUS', 'AGREE')]
    """
    first, second = resolve_node(G, a), resolve_node(G, b)
    events = [
        {**data, "key": key, "source": source, "target": target, "direction": f"{source}->{target}"}
        for source, target in {(first, second), (second, first)}
        if G.has_edge(source, target)
        for key, data in G[source][target].items()
    ]
    return sorted(events, key=lambda event: (event.get("date") is None, event.get("date") or "",
                                             str(event["key"])))
