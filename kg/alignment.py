"""Who is allied with whom: explicit alliances, alignment weighted by recency, blocs and paths.

Two kinds of answer, kept apart because they mean different things:

- **Explicit alliances**: asserted events that *are* an alliance or partnership, whatever else
  the pair does. An AGREE whose verb or object names a pact, alliance, partnership, treaty or
  coalition ("signed a defence pact", "forged a strategic partnership"), or whose sentence
  names one ("signed a comprehensive strategic partnership agreement"); a COOPERATE that is a
  joint exercise, drill, manoeuvre or patrol; a cooperative event whose verb is joining or
  acceding to an IGO (alliance membership). See ``ALLIANCE_WORDS``.
- **Inferred alignment**: the balance of cooperative and conflictual events over time. The
  rule: ties are undirected; each asserted event between the pair contributes
  ``cooperation x confidence x recency``, where cooperation is the event's Goldstein-style
  score (positive for cooperation, negative for conflict) and
  ``recency = 0.5 ** (age_days / half_life_days)``, ``age_days`` counting back from the
  newest event date in the graph (or ``as_of``). An undated event weighs 1, as if new. The
  pair's score is the sum; aligned (allies) above 0, opposed (rivals) below.

Blocs are the communities (Louvain, seeded) of the undirected graph of positive net ties;
a path joins two actors through any ties, fewest hops first.

Example:
    >>> from kg.records import ActorRef, Relation
    >>> from kg.views import to_networkx
    >>> def state(code):
    ...     return ActorRef(text=code, id=code, country=code, kind="state", label=code)
    >>> pact = Relation(doc_id="d1", sentence="Chile signed a defence pact with Peru.", start=0,
    ...     end=38, source=state("CHL"), target=state("PER"), type="AGREE", cameo="057",
    ...     cooperation=8.0, verb="sign", object="defence pact", date="2023-01-01")
    >>> protest = Relation(doc_id="d2", sentence="Peru protested to Chile.", start=0, end=24,
    ...     source=state("PER"), target=state("CHL"), type="PROTEST", cameo="140",
    ...     cooperation=-6.5, verb="protest", date="2024-01-01")
    >>> G = to_networkx([pact, protest])
    >>> [(tie.actor, tie.score) for tie in alignment(G, "CHL")]  # the pact is a year old: half weight
    [('PER', -2.5)]
    >>> [(a.source, a.target, a.kind, a.mutual) for a in alliances(G)]
    [('CHL', 'PER', 'pact', False)]
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx

from kg.errors import QueryError
from kg.views import resolve_node

__all__ = [
    "ALLIANCE_WORDS",
    "DEFAULT_HALF_LIFE_DAYS",
    "Alliance",
    "Evidence",
    "Hop",
    "Tie",
    "alignment",
    "alliance_kind",
    "alliances",
    "blocs",
    "newest_date",
    "path",
    "recency_weight",
    "tie_graph",
]

#: Half-life of an event's weight in the alignment score, in days.
DEFAULT_HALF_LIFE_DAYS = 365.0

#: Event type -> words in its verb or object phrase that make the event an explicit alliance,
#: and the kind of alliance each word names.
ALLIANCE_WORDS: dict[str, dict[str, str]] = {
    "AGREE": {"alliance": "alliance", "ally": "alliance", "allies": "alliance", "pact": "pact",
              "treaty": "treaty", "partnership": "partnership", "coalition": "alliance",
              "defence": "pact", "defense": "pact"},
    "COOPERATE": {"exercise": "joint exercise", "exercises": "joint exercise", "drill": "joint exercise",
                  "drills": "joint exercise", "manoeuvres": "joint exercise", "maneuvers": "joint exercise",
                  "war games": "joint exercise", "patrol": "joint exercise", "patrols": "joint exercise"},
}

#: Words that make an AGREE an alliance when its sentence names them (not "defence": "defence
#: ministers agreed to meet" is no pact).
_SENTENCE_WORDS = {"alliance": "alliance", "pact": "pact", "treaty": "treaty", "partnership": "partnership"}

#: Verbs of joining an organisation: a cooperative event with one of them is membership.
_MEMBERSHIP_VERBS = frozenset({"join", "accede", "admit", "enter"})

#: How many evidence sentences a ``Tie`` keeps (largest contributions first).
_TIE_EVIDENCE = 5

_WORD = re.compile(r"[a-z]+(?: games)?")


@dataclass(frozen=True)
class Evidence:
    """One event behind an answer, with the sentence it came from.

    Attributes:
        source: Code of the acting actor.
        target: Code of the actor acted upon.
        type: PLOVER event type.
        date: ``YYYY-MM-DD`` or None.
        weight: What the event adds to the pair's score (cooperation x confidence x recency).
        sentence: The sentence that says so.
        doc_id: The document it is in.
    """

    source: str
    target: str
    type: str
    date: str | None
    weight: float
    sentence: str
    doc_id: str | None

    def to_json(self) -> dict[str, Any]:
        """Return the evidence as a JSON-ready dict."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class Tie:
    """An actor's inferred alignment with one partner.

    Attributes:
        actor: The partner's code ("RUS").
        label: The partner's name ("Russia").
        score: Net weight: sum of cooperation x confidence x recency (see the module rule).
        cooperation: The positive part of the score.
        conflict: The negative part of the score.
        events: Number of asserted events counted.
        types: Count of those events per PLOVER type.
        first_date: Oldest dated event, or None.
        last_date: Newest dated event, or None.
        evidence: The events that weigh most, largest absolute weight first.
        alliances: The explicit alliance events between the two (see ``alliances``).
    """

    actor: str
    label: str
    score: float
    cooperation: float
    conflict: float
    events: int
    types: dict[str, int] = field(hash=False)
    first_date: str | None = None
    last_date: str | None = None
    evidence: tuple[Evidence, ...] = field(default=(), hash=False)
    alliances: tuple[Alliance, ...] = field(default=(), hash=False)

    def to_json(self) -> dict[str, Any]:
        """Return the tie as a JSON-ready dict (evidence included)."""
        record = dict(self.__dict__)
        record["evidence"] = [item.to_json() for item in self.evidence]
        record["alliances"] = [item.to_json() for item in self.alliances]
        return record


@dataclass(frozen=True)
class Alliance:
    """One explicit alliance event: a pact, partnership, joint exercise or membership.

    Attributes:
        source: Code of the acting actor.
        target: Code of the partner.
        kind: ``pact``, ``treaty``, ``alliance``, ``partnership``, ``joint exercise`` or ``membership``.
        type: PLOVER event type.
        verb: The trigger lemma.
        object: The object phrase, or None.
        date: ``YYYY-MM-DD`` or None.
        sentence: The sentence that says so.
        doc_id: The document it is in.
        mutual: The sentence says both did it ("A and B signed a pact"): read in both directions.
    """

    source: str
    target: str
    kind: str
    type: str
    verb: str | None
    object: str | None
    date: str | None
    sentence: str
    doc_id: str | None
    mutual: bool = False

    def to_json(self) -> dict[str, Any]:
        """Return the alliance as a JSON-ready dict."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class Hop:
    """One step of a path: two neighbouring actors and their net tie.

    Attributes:
        source: Code of the actor the step starts from.
        target: Code of the actor it reaches.
        score: Their net tie (the alignment score).
        events: Number of asserted events between them.
        evidence: The sentence of the event that weighs most.
    """

    source: str
    target: str
    score: float
    events: int
    evidence: str

    def to_json(self) -> dict[str, Any]:
        """Return the hop as a JSON-ready dict."""
        return dict(self.__dict__)


def recency_weight(date: str | None, newest: dt.date | None, half_life_days: float = DEFAULT_HALF_LIFE_DAYS) -> float:
    """Return ``0.5 ** (age_days / half_life_days)``; 1.0 for an undated event or no reference date.

    Example:
        >>> recency_weight("2023-01-01", dt.date(2024, 1, 1), half_life_days=365)
        0.5
        >>> recency_weight(None, dt.date(2024, 1, 1))
        1.0
    """
    if date is None or newest is None:
        return 1.0
    if half_life_days <= 0:
        raise QueryError(f"half-life must be a positive number of days, not {half_life_days}")
    age = max(0, (newest - _parse_date(date)).days)
    return round(0.5 ** (age / half_life_days), 12)


def _parse_date(text: str) -> dt.date:
    return dt.date.fromisoformat(str(text)[:10])


def newest_date(G: nx.MultiDiGraph) -> dt.date | None:
    """The newest event date in the graph, or None when no event is dated."""
    dates = [date for _, _, date in G.edges(data="date") if date]
    return _parse_date(max(dates)) if dates else None


def _asserted(edges: Iterable[tuple[Any, Any, dict[str, Any]]]) -> Iterator[tuple[Any, Any, dict[str, Any]]]:
    return ((s, t, d) for s, t, d in edges if not (d.get("negated") or d.get("hedged")))


def _weight(data: dict[str, Any], newest: dt.date | None, half_life_days: float) -> float:
    recency = recency_weight(data.get("date"), newest, half_life_days)
    return data.get("cooperation", 0.0) * data.get("confidence", 1.0) * recency


def _reference(G: nx.MultiDiGraph, as_of: str | None) -> dt.date | None:
    return _parse_date(as_of) if as_of else newest_date(G)


def alignment(G: nx.MultiDiGraph, actor: str, *, half_life_days: float = DEFAULT_HALF_LIFE_DAYS,
              as_of: str | None = None) -> list[Tie]:
    """Return ``actor``'s ties to every partner, most aligned first (see the module's rule).

    Args:
        G: The event graph from ``kg.views.to_networkx``.
        actor: Code or label of the actor ("IND", "india").
        half_life_days: Days after which an event counts half.
        as_of: Date ages are counted back from (``YYYY-MM-DD``); the graph's newest by default.

    Returns:
        One ``Tie`` per partner with asserted events, by score descending, then by code.

    Raises:
        QueryError: ``actor`` is not in the graph.
    """
    node = resolve_node(G, actor)
    newest = _reference(G, as_of)
    edges = list(_asserted([*G.out_edges(node, data=True), *G.in_edges(node, data=True)]))
    explicit = _alliances_from(edges)
    by_partner: dict[str, list[tuple[Any, Any, dict[str, Any], float]]] = {}
    for source, target, data in edges:
        other = target if source == node else source
        by_partner.setdefault(other, []).append((source, target, data, _weight(data, newest, half_life_days)))
    ties = [_tie(G, other, events, [a for a in explicit if other in (a.source, a.target)])
            for other, events in by_partner.items()]
    return sorted(ties, key=lambda tie: (-tie.score, tie.actor))


def _tie(G: nx.MultiDiGraph, other: str, events: list, explicit: list[Alliance]) -> Tie:
    weights = [weight for *_, weight in events]
    dates = sorted(data["date"] for _, _, data, _ in events if data.get("date"))
    evidence: dict[str, Evidence] = {}
    for source, target, data, weight in sorted(events, key=lambda item: -abs(item[3])):
        sentence = data.get("sentence") or ""
        if sentence not in evidence and len(evidence) < _TIE_EVIDENCE:
            evidence[sentence] = Evidence(source=source, target=target, type=data.get("type"),
                                          date=data.get("date"), weight=round(weight, 6),
                                          sentence=sentence, doc_id=data.get("doc_id"))
    return Tie(
        actor=other, label=G.nodes[other].get("label", other), score=round(sum(weights), 6),
        cooperation=round(float(sum(w for w in weights if w > 0)), 6),
        conflict=round(float(sum(w for w in weights if w < 0)), 6), events=len(events),
        types=dict(Counter(data.get("type") for _, _, data, _ in events)),
        first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
        evidence=tuple(evidence.values()), alliances=tuple(explicit),
    )


def alliances(G: nx.MultiDiGraph, actor: str | None = None) -> list[Alliance]:
    """Return the explicit alliance events, oldest first: pacts, partnerships, joint exercises, membership.

    A joint action read in both directions ("A and B signed a pact") gives one ``Alliance``,
    marked ``mutual``; each carries its sentence.

    Args:
        G: The event graph from ``kg.views.to_networkx``.
        actor: Only alliances of this actor (code or label); all when None.

    Returns:
        Alliances by date (undated last), then by source and target.

    Raises:
        QueryError: ``actor`` is not in the graph.
    """
    if actor is None:
        edges = G.edges(data=True)
    else:
        node = resolve_node(G, actor)
        edges = [*G.out_edges(node, data=True), *G.in_edges(node, data=True)]
    return _alliances_from(_asserted(edges))


def _alliances_from(edges: Iterable[tuple[Any, Any, dict[str, Any]]]) -> list[Alliance]:
    found: dict[tuple, Alliance] = {}
    for source, target, data in edges:
        kind = alliance_kind(data.get("type"), data.get("verb"), data.get("object"), data.get("cooperation", 0.0),
                             sentence=data.get("sentence"))
        if kind is None:
            continue
        sentence = data.get("sentence") or ""
        # A joint action is read in both directions: one alliance, marked mutual.
        key = (frozenset((source, target)), kind, data.get("doc_id"), sentence)
        if key in found:
            if found[key].source != source:
                found[key] = replace(found[key], mutual=True)
            continue
        found[key] = Alliance(source=source, target=target, kind=kind, type=data.get("type"), verb=data.get("verb"),
                              object=data.get("object"), date=data.get("date"), sentence=sentence,
                              doc_id=data.get("doc_id"))
    return sorted(found.values(), key=lambda a: (a.date is None, a.date or "", a.source, a.target, a.sentence))


def alliance_kind(event_type: str | None, verb: str | None, object_phrase: str | None,
                  cooperation: float = 0.0, *, sentence: str | None = None) -> str | None:
    """Return what kind of explicit alliance an event is, or None when it is none.

    Verb and object decide first; for an AGREE, the sentence may name the alliance instead
    (``_SENTENCE_WORDS``: the object phrase is often only the head noun, "agreement").

    Example:
        >>> alliance_kind("AGREE", "forge", "strategic partnership")
        'partnership'
        >>> alliance_kind("COOPERATE", "hold", "joint naval exercises")
        'joint exercise'
        >>> alliance_kind("AGREE", "sign", "trade deal") is None
        True
        >>> alliance_kind("SUPPORT", "join", None, 3.0)
        'membership'
        >>> alliance_kind("AGREE", "sign", "agreement", sentence="They signed a strategic partnership agreement.")
        'partnership'
    """
    words = ALLIANCE_WORDS.get(event_type or "", {})
    phrase = f"{verb or ''} {object_phrase or ''}".lower()
    for word in _WORD.findall(phrase):
        if word in words:
            return words[word]
    if (verb or "").lower() in _MEMBERSHIP_VERBS and cooperation > 0:
        return "membership"
    if event_type == "AGREE" and sentence:
        for word in _WORD.findall(sentence.lower()):
            if word in _SENTENCE_WORDS:
                return _SENTENCE_WORDS[word]
    return None


def tie_graph(G: nx.MultiDiGraph, *, half_life_days: float = DEFAULT_HALF_LIFE_DAYS,
              as_of: str | None = None) -> nx.Graph:
    """Return the undirected graph of net ties: edge ``weight`` is the pair's alignment score.

    Each edge also carries ``events`` (asserted events counted) and ``evidence`` (the sentence
    of the event that weighs most). Nodes keep their attributes.
    """
    newest = _reference(G, as_of)
    T = nx.Graph()
    T.add_nodes_from(G.nodes(data=True))
    strongest: dict[frozenset, float] = {}
    for source, target, data in _asserted(G.edges(data=True)):
        weight = _weight(data, newest, half_life_days)
        if not T.has_edge(source, target):
            T.add_edge(source, target, weight=0.0, events=0, evidence="")
        edge = T.edges[source, target]
        edge["weight"] += weight
        edge["events"] += 1
        pair = frozenset((source, target))
        if abs(weight) > strongest.get(pair, -1.0):
            strongest[pair] = abs(weight)
            edge["evidence"] = data.get("sentence") or ""
    for _, _, edge in T.edges(data=True):
        edge["weight"] = round(edge["weight"], 6)
    return T


def blocs(G: nx.MultiDiGraph, *, seed: int = 0, resolution: float = 1.0,
          half_life_days: float = DEFAULT_HALF_LIFE_DAYS, as_of: str | None = None) -> list[list[str]]:
    """Return blocs: Louvain communities of the graph of positive net ties, largest first.

    Only actors with at least one positive tie belong to a bloc; a bloc has two actors or more.

    Args:
        G: The event graph from ``kg.views.to_networkx``.
        seed: Seed of the Louvain method: the same seed gives the same blocs.
        resolution: Above 1 favours smaller blocs, below 1 larger ones.
        half_life_days: As in ``alignment``.
        as_of: As in ``alignment``.

    Returns:
        Each bloc as a sorted list of codes; blocs by size descending, then by first code.
    """
    T = tie_graph(G, half_life_days=half_life_days, as_of=as_of)
    positive = nx.Graph((s, t, d) for s, t, d in T.edges(data=True) if d["weight"] > 0)
    if positive.number_of_edges() == 0:
        return []
    communities = nx.community.louvain_communities(positive, weight="weight", seed=seed,
                                                   resolution=resolution)
    groups = [sorted(map(str, group)) for group in communities if len(group) > 1]
    return sorted(groups, key=lambda group: (-len(group), group[0]))


def path(G: nx.MultiDiGraph, source: str, target: str, *, positive_only: bool = False,
         half_life_days: float = DEFAULT_HALF_LIFE_DAYS) -> list[Hop]:
    """Return the shortest chain of ties joining two actors (fewest hops; ties of any sign).

    Args:
        G: The event graph from ``kg.views.to_networkx``.
        source: Code or label of the first actor.
        target: Code or label of the last actor.
        positive_only: Walk only along net-positive ties (a chain of partners).
        half_life_days: As in ``alignment`` (for the scores shown on each hop).

    Returns:
        The hops in order; empty when source and target are the same actor.

    Raises:
        QueryError: an unknown actor, or no chain of ties joins the two.
    """
    first, last = resolve_node(G, source), resolve_node(G, target)
    T = tie_graph(G, half_life_days=half_life_days)
    if positive_only:
        T = T.edge_subgraph([(s, t) for s, t, w in T.edges(data="weight") if w > 0]).copy()
    try:
        nodes = nx.shortest_path(T, first, last)
    except (nx.NetworkXNoPath, nx.NodeNotFound) as err:
        kind = "positive ties" if positive_only else "ties"
        raise QueryError(f"no path of {kind} joins {first} and {last} in this graph") from err
    return [Hop(source=a, target=b, score=T.edges[a, b]["weight"], events=T.edges[a, b]["events"],
                evidence=T.edges[a, b]["evidence"]) for a, b in itertools.pairwise(nodes)]
