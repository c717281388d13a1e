"""SPARQL over kg graphs: named queries shipped in kg/queries, run prepared with bound values.

A named query is a ``.rq`` file whose first comment line says what it answers and whose
``# param NAME: KIND`` lines declare the variables a caller must bind (KIND ``actor``: a kg
actor code such as ``IND``; KIND ``type``: a PLOVER type such as ``SANCTION``). Values are
bound with ``initBindings`` as RDF terms, never pasted into the query text, so no value can
change what a query does.

Example:
    >>> from kg.graph import build_graph
    >>> from kg.records import ActorRef, Relation
    >>> india = ActorRef(text="India", id="IND", country="IND", kind="state", label="India")
    >>> russia = ActorRef(text="Russia", id="RUS", country="RUS", kind="state", label="Russia")
    >>> graph = build_graph([Relation(doc_id="d1", sentence="India and Russia signed a pact.",
    ...     start=0, end=31, source=india, target=russia, type="AGREE", cameo="057",
    ...     cooperation=8.0, verb="sign", object="pact", trigger_start=17, trigger_end=23)])
    >>> run_named(graph, "partners", actor="IND")
    [{'partner': 'RUS', 'type': 'AGREE', 'direction': 'out', 'events': 1, 'cooperation': 8.0}]
    >>> run_sparql(graph, "ASK { ?s ?p ?o }")
    [{'ask': True}]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from importlib import resources
from types import MappingProxyType
from typing import Any

from pyparsing import ParseException
from rdflib import Graph, Literal, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Identifier, Node

from kg.errors import QueryError
from kg.namespace import EVENT_CLASSES

__all__ = ["named_queries", "prepare_bindings", "query_text", "run_named", "run_sparql"]

#: A ``# param NAME: KIND`` line of a named query.
_PARAM_LINE = re.compile(r"^#\s*param\s+(\w+)\s*:\s*(\w+)\s*$", re.MULTILINE)


def _actor_term(value: object) -> Identifier:
    return Literal(str(value))


def _type_term(value: object) -> Identifier:
    event_class = EVENT_CLASSES.get(str(value).upper())
    if event_class is None:
        raise QueryError(f"unknown event type '{value}'; use one of: {', '.join(EVENT_CLASSES)}")
    return event_class


#: Parameter kind -> how a caller's value becomes the RDF term bound to the variable.
_BINDERS: Mapping[str, Callable[[object], Identifier]] = MappingProxyType({
    "actor": _actor_term,
    "type": _type_term,
})


@functools.cache
def _catalogue() -> Mapping[str, str]:
    folder = resources.files("kg") / "queries"
    return MappingProxyType({
        entry.name.removesuffix(".rq"): entry.read_text(encoding="utf-8")
        for entry in sorted(folder.iterdir(), key=lambda item: item.name)
        if entry.name.endswith(".rq")
    })


@functools.cache
def _prepared(name: str) -> Query:
    return prepareQuery(_catalogue()[name])


def _parameters(query_text: str) -> dict[str, str]:
    return dict(_PARAM_LINE.findall(query_text))


def named_queries() -> dict[str, str]:
    """Return the named queries kg ships: name -> SPARQL text (its first line says what it answers).

    Example:
        >>> sorted(named_queries())  # doctest: +NORMALIZE_WHITESPACE
        ['actors', 'alliances', 'allies', 'events_by_type', 'partners', 'partners_by_type',
         'relations_between', 'rivals', 'timeline']
        >>> named_queries()["partners"].splitlines()[1]
        '# param actor: actor'
    """
    return dict(_catalogue())


def run_named(graph: Graph, name: str, **bindings: object) -> list[dict[str, Any]]:
    """Run a named query with its parameters bound; return one dict per result row.

    Args:
        graph: The graph to query.
        name: A key of ``named_queries()``.
        **bindings: One value per ``# param`` of the query, e.g. ``actor="IND"``.

    Returns:
        Rows as dicts of plain Python values (str, int, float, bool, date; None when unbound).

    Raises:
        QueryError: unknown query name, missing or unexpected parameter, unknown event type.

    Example:
        >>> from rdflib import Graph
        >>> run_named(Graph(), "relations_between", a="IND", b="RUS")
        []
        >>> run_named(Graph(), "relations_between", a="IND")
        Traceback (most recent call last):
        kg.errors.QueryError: query 'relations_between' takes a=ACTOR, b=ACTOR; missing b
    """
    init = prepare_bindings(name, bindings)
    return _rows(graph.query(_prepared(name), initBindings=init))


def query_text(name: str, bindings: Mapping[str, object]) -> str:
    """Return the text of a named query after checking ``bindings`` against its parameters.

    Raises:
        QueryError: unknown query name, missing or unexpected parameter.
    """
    catalogue = _catalogue()
    if name not in catalogue:
        raise QueryError(f"unknown query '{name}'; named queries: {', '.join(catalogue)}")
    parameters = _parameters(catalogue[name])
    missing = [key for key in parameters if key not in bindings]
    unexpected = [key for key in bindings if key not in parameters]
    if missing or unexpected:
        wanted = ", ".join(f"{key}={kind.upper()}" for key, kind in parameters.items()) or "no parameters"
        problems = [f"missing {', '.join(missing)}"] * bool(missing)
        problems += [f"unexpected {', '.join(unexpected)}"] * bool(unexpected)
        raise QueryError(f"query '{name}' takes {wanted}; {'; '.join(problems)}")
    return catalogue[name]


def prepare_bindings(name: str, bindings: Mapping[str, object]) -> dict[Variable, Identifier]:
    """Return the RDF term each parameter of a named query is bound to (typed, never pasted).

    Example:
        >>> prepare_bindings("partners", {"actor": "IND"})
        {rdflib.term.Variable('actor'): rdflib.term.Literal('IND')}
    """
    parameters = _parameters(query_text(name, bindings))
    return {Variable(key): _BINDERS[parameters[key]](value) for key, value in bindings.items()}


def run_sparql(graph: Graph, query_text: str, *, source: str = "query") -> list[dict[str, Any]]:
    """Run a user's own SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE; never an update).

    Args:
        graph: The graph to query.
        query_text: The SPARQL text, with its own PREFIX lines.
        source: Where the text came from (a file name), for error messages.

    Returns:
        SELECT: one dict per row. ASK: ``[{"ask": bool}]``. CONSTRUCT/DESCRIBE: one
        ``{"subject", "predicate", "object"}`` dict per triple.

    Raises:
        QueryError: the text is not a valid SPARQL query, or uses an undeclared prefix.

    Example:
        >>> from rdflib import Graph
        >>> run_sparql(Graph(), "SELECT ?s WHERE { ?s ?p }", source="mine.rq")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        kg.errors.QueryError: mine.rq:1: invalid SPARQL (Expected SelectQuery, found '?' ...); kg runs SELECT, ...
    """
    try:
        query = prepareQuery(query_text)
    except ParseException as err:
        detail = " ".join(str(err).split())
        raise QueryError(f"{source}:{err.lineno}: invalid SPARQL ({detail}); kg runs SELECT, ASK, "
                         "CONSTRUCT and DESCRIBE queries, not updates") from err
    except Exception as err:  # rdflib raises a bare Exception for an undeclared prefix
        raise QueryError(f"{source}: {err}; declare it with a PREFIX line") from err
    return _rows(graph.query(query))


def _rows(result: Result) -> list[dict[str, Any]]:
    if result.type == "ASK":
        return [{"ask": bool(result.askAnswer)}]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return [{"subject": _plain(s), "predicate": _plain(p), "object": _plain(o)}
                for s, p, o in result.graph]
    return _rows_from_terms([str(var) for var in result.vars], result)


def _rows_from_terms(names: list[str], rows) -> list[dict[str, Any]]:
    """Rows of rdflib terms (one sequence per row, in ``names`` order) as dicts of plain values."""
    return [{name: _plain(row[index]) for index, name in enumerate(names)} for row in rows]


def _plain(term: Node | None) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return float(value)
        return str(term) if isinstance(value, Literal) else value
    return str(term)
