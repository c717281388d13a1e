"""The graph stage: relations to an RDF graph under kg's ontology and back, RDF files, SHACL checks.

Each relation becomes an event node (typed kgo:Event, its PLOVER class and sem:Event) with its
source and target, attributes and provenance (prov:wasDerivedFrom a sentence node, which is
kgo:inDocument a document node), plus a direct edge between the two country-level actors
(``actor:IND kgo:agreesWith actor:RUS``) when the event is asserted. IRIs depend only on the
relation (see kg.namespace), so building the same relations twice adds nothing.

Example:
    >>> from kg.records import ActorRef, Relation
    >>> modi = ActorRef(text="Modi", id="person:narendra-modi", country="IND", kind="person",
    ...                 label="Narendra Modi")
    >>> russia = ActorRef(text="Russia", id="RUS", country="RUS", kind="state", label="Russia")
    >>> relation = Relation(doc_id="d1", sentence="Modi visited Russia.", start=0, end=20,
    ...                     source=modi, target=russia, type="CONSULT", cameo="042",
    ...                     cooperation=1.9, verb="visit", trigger_start=5, trigger_end=12)
    >>> graph = build_graph([relation])
    >>> size = len(graph)
    >>> len(build_graph([relation], graph)) == size
    True
    >>> from kg.namespace import KGO, actor_iri
    >>> (actor_iri("IND"), KGO.consultsWith, actor_iri("RUS")) in graph
    True
    >>> relations_from_graph(graph) == [relation]
    True
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import json
import logging
import os
import warnings
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple
from xml.sax import SAXParseException

from rdflib import RDF, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.errors import InputError, ShapeError
from kg.io import atomic_write, read_text
from kg.namespace import (
    DIRECT_PROPERTIES,
    EVENT_CLASSES,
    KGO,
    KIND_CLASSES,
    PREFIXES,
    SEM,
    actor_iri,
    document_iri,
    event_iri,
    sentence_iri,
)
from kg.records import ActorRef, Relation

__all__ = [
    "RDF_FORMATS",
    "Lexical",
    "RelationStatements",
    "build_graph",
    "load_graph",
    "relation_statements",
    "relations_from_graph",
    "save_graph",
    "validate_graph",
]

#: RDF format names kg accepts (with aliases) -> rdflib plugin name.
RDF_FORMATS: Mapping[str, str] = MappingProxyType({
    "turtle": "turtle", "ttl": "turtle",
    "nt": "nt", "ntriples": "nt", "n-triples": "nt",
    "xml": "xml", "rdf/xml": "xml", "rdfxml": "xml",
    "json-ld": "json-ld", "jsonld": "json-ld",
    "trig": "trig",
    "nquads": "nquads", "nq": "nquads",
})

#: File suffix -> rdflib plugin name; a further ``.gz`` means gzip-compressed.
_SUFFIX_FORMATS: Mapping[str, str] = MappingProxyType({
    ".ttl": "turtle", ".nt": "nt", ".rdf": "xml", ".xml": "xml", ".owl": "xml",
    ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig", ".nq": "nquads",
})

#: Formats that carry named graphs: read and written through an rdflib Dataset.
_DATASET_FORMATS = frozenset({"trig", "nquads"})

_FORMAT_CHOICES = ("turtle (.ttl), nt (.nt), xml (.rdf, .xml, .owl), json-ld (.jsonld, .json), "
                   "trig (.trig), nquads (.nq); add .gz to compress")

#: IGO codes of the gold scheme (../shared/eval/SCHEME.md): the kind of an actor known only as
#: what a person acts for; every other such code is taken for a state.
_SCHEME_IGOS = frozenset({
    "UN", "NATO", "EU", "AU", "ASEAN", "BRICS", "SCO", "OPEC", "IAEA", "WHO", "IMF", "WTO",
    "G7", "G20", "ARAB_LEAGUE", "GCC",
})


def build_graph(relations: Iterable[Relation], graph: Graph | None = None) -> Graph:
    """Add relations to an RDF graph as event nodes, actors, provenance and direct edges.

    A person (or organisation) acting for a state is kept as the event's kgo:sourceAgent /
    kgo:targetAgent, kgo:actsFor that state, while kgo:source / kgo:target and the direct edge
    join the states. A state or IGO known only through a person gets its code as label and a
    kind from the code (IGO for the scheme's IGO acronyms, else State) until a relation names it.
    Relations whose source or target country is None are skipped: kg's graph is a graph of
    states and IGOs. Negated and hedged relations keep their flags and get no direct edge.

    Args:
        relations: Relations, e.g. from ``kg.pipeline.extract`` or ``Relation.from_json``.
        graph: A graph to add to (e.g. one ``load_graph`` read); a new one when None.

    Returns:
        The graph, with kg's prefixes bound.

    Raises:
        InputError: a relation with an unknown event type or actor kind (names its document).

    Example:
        >>> from kg.records import ActorRef, Relation
        >>> eu = ActorRef(text="the EU", id="EU", country="EU", kind="igo", label="European Union")
        >>> iran = ActorRef(text="Iran", id="IRN", country="IRN", kind="state", label="Iran")
        >>> graph = build_graph([Relation(doc_id="d2", sentence="The EU may sanction Iran.",
        ...     start=0, end=25, source=eu, target=iran, type="SANCTION", cameo="163",
        ...     cooperation=-8.0, verb="sanction", hedged=True)])
        >>> from kg.namespace import KGO
        >>> len(list(graph.subjects(RDF.type, KGO.Sanction))), len(list(graph.triples((None, KGO.sanctions, None))))
        (1, 0)
    """
    if graph is None:
        graph = Graph(bind_namespaces="core")
    _bind_prefixes(graph)
    for relation in relations:
        _add_relation(graph, relation)
    return graph


def _bind_prefixes(graph: Graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)


class Lexical(NamedTuple):
    """A literal before it is a term of a store: its lexical form and datatype IRI (None: a string)."""

    text: str
    datatype: str | None = None


#: A statement of ``relation_statements``: IRIs as rdflib URIRefs (strs), literals as ``Lexical``.
Statement = tuple[URIRef, URIRef, URIRef | Lexical]

_XSD_DATE, _XSD_DECIMAL, _XSD_BOOLEAN, _XSD_INTEGER = (str(XSD.date), str(XSD.decimal), str(XSD.boolean),
                                                   str(XSD.integer))


class RelationStatements(NamedTuple):
    """What one relation asserts, in three parts that a graph or a store combines.

    ``facts`` always hold. ``defaults`` hold only while nothing names the node otherwise: the
    kind (from the code) and label (the code) of a state or IGO known only through a person
    acting for it. ``overridden`` are the defaults this relation's named states and IGOs undo.
    """

    facts: list[Statement]
    defaults: list[Statement]
    overridden: list[Statement]


def relation_statements(relation: Relation) -> RelationStatements:
    """Return the statements ``build_graph`` adds for one relation, free of any graph.

    Both the rdflib graph (``build_graph``) and the Oxigraph store (``kg.store``) are written
    from these, so they hold the same triples. A relation whose source or target country is
    None has none (kg's graph is a graph of states and IGOs).

    Raises:
        InputError: an unknown event type or actor kind (names its document).

    Example:
        >>> from kg.records import ActorRef
        >>> modi = ActorRef(text="Modi", id="person:narendra-modi", country="IND", kind="person",
        ...                 label="Narendra Modi")
        >>> russia = ActorRef(text="Russia", id="RUS", country="RUS", kind="state", label="Russia")
        >>> parts = relation_statements(Relation(doc_id="d1", sentence="Modi visited Russia.",
        ...     start=0, end=20, source=modi, target=russia, type="CONSULT", cameo="042",
        ...     cooperation=1.9, verb="visit"))
        >>> [(str(s), o) for s, p, o in parts.defaults]  # doctest: +NORMALIZE_WHITESPACE
        [('https://w3id.org/kg/id/actor/IND', rdflib.term.URIRef('https://w3id.org/kg/ontology#State')),
         ('https://w3id.org/kg/id/actor/IND', Lexical(text='IND', datatype=None))]
    """
    statements = RelationStatements([], [], [])
    if relation.source.country is None or relation.target.country is None:
        return statements
    _check_codes(relation)
    event = event_iri(relation)
    source, source_agent = _actor_statements(statements, relation.source)
    target, target_agent = _actor_statements(statements, relation.target)
    reporter = (_actor_statements(statements, relation.reported_by)[0]
                if relation.reported_by is not None else None)
    facts = [
        (RDF.type, KGO.Event), (RDF.type, EVENT_CLASSES[relation.type]), (RDF.type, SEM.Event),
        (KGO.source, source), (KGO.target, target),
        (KGO.verb, Lexical(relation.verb)), (KGO.cameoCode, Lexical(relation.cameo)),
        (KGO.cooperation, _decimal(relation.cooperation)),
        (KGO.confidence, _decimal(relation.confidence)),
        (KGO.negated, _boolean(relation.negated)), (KGO.hedged, _boolean(relation.hedged)),
        (KGO.sourceText, Lexical(relation.source.text)), (KGO.targetText, Lexical(relation.target.text)),
        (PROV.wasDerivedFrom, _provenance_statements(statements.facts, relation)),
        (KGO.sourceAgent, source_agent), (KGO.targetAgent, target_agent), (KGO.reportedBy, reporter),
        (KGO.objectPhrase, None if relation.object is None else Lexical(relation.object)),
        (KGO.date, _date(relation)),
        (KGO.triggerStart, _integer(relation.trigger_start)), (KGO.triggerEnd, _integer(relation.trigger_end)),
    ]
    statements.facts.extend((event, prop, term) for prop, term in facts if term is not None)
    if relation.asserted:
        statements.facts.append((source, DIRECT_PROPERTIES[relation.type], target))
    return statements


def _add_relation(graph: Graph, relation: Relation) -> None:
    facts, defaults, overridden = relation_statements(relation)
    graph.addN((s, p, _rdflib_object(o), graph) for s, p, o in facts)
    for s, p, o in overridden:
        graph.remove((s, p, _rdflib_object(o)))
    for s, p, o in defaults:
        known = (any((s, RDF.type, kind) in graph for kind in KIND_CLASSES.values()) if p == RDF.type
                 else (s, p, None) in graph)
        if not known:
            graph.add((s, p, _rdflib_object(o)))


def _rdflib_object(term: URIRef | Lexical) -> URIRef | Literal:
    if isinstance(term, Lexical):
        return Literal(term.text, datatype=term.datatype and URIRef(term.datatype))
    return term


def _check_codes(relation: Relation) -> None:
    """Refuse a relation whose event type or actor kinds the ontology lacks, before adding anything."""
    if relation.type not in EVENT_CLASSES:
        raise InputError(relation.doc_id, f"unknown event type '{relation.type}'",
                         fix=f"use one of: {', '.join(EVENT_CLASSES)}")
    for actor in (relation.source, relation.target):
        if actor.kind not in KIND_CLASSES:
            raise InputError(relation.doc_id, f"unknown actor kind '{actor.kind}' for '{actor.id}'",
                             fix=f"use one of: {', '.join(KIND_CLASSES)}")


def _integer(value: int | None) -> Lexical | None:
    return None if value is None else Lexical(str(int(value)), _XSD_INTEGER)


def _boolean(value: object) -> Lexical:
    return Lexical("true" if value else "false", _XSD_BOOLEAN)


def _date(relation: Relation) -> Lexical | None:
    return Lexical(relation.date, _XSD_DATE) if relation.date else None


def _decimal(value: float) -> Lexical:
    # repr gives the shortest text that reads back as the same float; ":f" is rdflib's form
    return Lexical(f"{Decimal(repr(float(value))):f}", _XSD_DECIMAL)


def _actor_statements(statements: RelationStatements, actor: ActorRef) -> tuple[URIRef, URIRef | None]:
    """Add the actor's statements; return (its state or IGO node, its person node or None)."""
    kind_class = KIND_CLASSES[actor.kind]
    country = actor_iri(actor.country)
    named = actor_iri(actor.id)
    statements.facts.extend([(named, KGO.code, Lexical(actor.id)), (named, RDF.type, kind_class),
                             (named, SKOS.prefLabel, Lexical(actor.label))])
    default_kind = (country, RDF.type, _default_kind_class(actor.country))
    default_label = (country, SKOS.prefLabel, Lexical(actor.country))
    if named == country:
        # A named state or IGO replaces the defaults a person acting for it gave it.
        if default_kind[2] != kind_class:
            statements.overridden.append(default_kind)
        if actor.label != actor.country:
            statements.overridden.append(default_label)
        return country, None
    statements.facts.extend([(named, KGO.actsFor, country), (country, KGO.code, Lexical(actor.country))])
    statements.defaults.extend([default_kind, default_label])
    return country, named


def _default_kind_class(code: str) -> URIRef:
    return KGO.IGO if code in _SCHEME_IGOS else KGO.State


def _provenance_statements(facts: list[Statement], relation: Relation) -> URIRef:
    """Add the sentence and document statements; return the sentence node."""
    sentence = sentence_iri(relation.doc_id, relation.start, relation.end)
    document = document_iri(relation.doc_id)
    facts.extend((sentence, prop, value) for prop, value in (
        (RDF.type, KGO.Sentence), (KGO.text, Lexical(relation.sentence)),
        (KGO.startOffset, _integer(relation.start)), (KGO.endOffset, _integer(relation.end)),
        (KGO.inDocument, document),
    ))
    facts.extend([(document, RDF.type, KGO.Document), (document, KGO.documentId, Lexical(relation.doc_id))])
    date = _date(relation)
    if date is not None:
        facts.append((document, KGO.date, date))
    if relation.url:
        facts.append((document, KGO.url, Lexical(relation.url, str(XSD.anyURI))))
    return sentence


def relations_from_graph(graph: Graph) -> list[Relation]:
    """Read the events of a kg graph back as relations, e.g. to build views from a saved file.

    Reads one index scan per property rather than a SPARQL join: on rdflib's in-memory store
    this is about fifty times faster. ``Relation.extra`` is not kept in the graph.

    Returns:
        One relation per event, ordered by document, sentence and trigger offset.

    Raises:
        ShapeError: events that lack a field the shapes require or hold a value of the wrong type
            (one line: how many, the first and what is wrong; ``validate_graph`` names them all).

    Example:
        >>> relations_from_graph(Graph())
        []
    """
    event_types = {event: event_type for event_type, event_class in EVENT_CLASSES.items()
                   for event in graph.subjects(RDF.type, event_class)}
    kinds = {node: kind for kind, kind_class in KIND_CLASSES.items()
             for node in graph.subjects(RDF.type, kind_class)}
    values = {prop: dict(graph.subject_objects(prop)) for prop in _STORED_PROPERTIES}
    relations, broken = [], []
    for event, event_type in event_types.items():
        try:
            relations.append(_relation(event, event_type, values, kinds))
        except KeyError as err:  # a required field is missing
            broken.append((event, f"no value for a field it needs on {err}"))
        except (ValueError, TypeError) as err:
            broken.append((event, str(err)))
    if broken:
        event, reason = broken[0]
        raise ShapeError(f"{len(broken)} event{'s' * (len(broken) > 1)} break kg's shapes, e.g. <{event}> ({reason}); "
                         "list them with `kg validate GRAPH`, or rebuild the graph with `kg build`")
    return sorted(relations, key=_reading_order)


def _reading_order(relation: Relation) -> tuple:
    trigger = -1 if relation.trigger_start is None else relation.trigger_start
    return (relation.doc_id, relation.start, trigger, relation.source.id, relation.target.id, relation.type)


#: Every property build_graph writes and relations_from_graph reads back.
_STORED_PROPERTIES = (
    KGO.source, KGO.target, KGO.sourceAgent, KGO.targetAgent, KGO.reportedBy, KGO.verb, KGO.objectPhrase,
    KGO.cameoCode, KGO.cooperation, KGO.confidence, KGO.negated, KGO.hedged, KGO.date,
    KGO.sourceText, KGO.targetText, KGO.triggerStart, KGO.triggerEnd, PROV.wasDerivedFrom,
    KGO.text, KGO.startOffset, KGO.endOffset, KGO.inDocument, KGO.documentId, KGO.url, KGO.code,
    SKOS.prefLabel,
)


def _relation(event: URIRef, event_type: str, values: Mapping[URIRef, dict], kinds: Mapping) -> Relation:
    """Rebuild one relation; raise KeyError when the event lacks a required field."""
    def required(prop: URIRef, node: Any) -> Any:
        return _typed(prop, values[prop][node])

    def optional(prop: URIRef, node: Any) -> Any:
        term = values[prop].get(node)
        return None if term is None else _typed(prop, term)

    sentence = values[PROV.wasDerivedFrom][event]
    date = values[KGO.date].get(event)
    return Relation(
        doc_id=required(KGO.documentId, values[KGO.inDocument][sentence]),
        sentence=required(KGO.text, sentence), start=required(KGO.startOffset, sentence),
        end=required(KGO.endOffset, sentence),
        source=_actor(event, KGO.source, KGO.sourceAgent, KGO.sourceText, values, kinds),
        target=_actor(event, KGO.target, KGO.targetAgent, KGO.targetText, values, kinds),
        type=event_type, cameo=required(KGO.cameoCode, event),
        cooperation=float(required(KGO.cooperation, event)), verb=required(KGO.verb, event),
        object=optional(KGO.objectPhrase, event), negated=required(KGO.negated, event),
        hedged=required(KGO.hedged, event), confidence=float(required(KGO.confidence, event)),
        date=None if date is None else str(date),
        trigger_start=optional(KGO.triggerStart, event), trigger_end=optional(KGO.triggerEnd, event),
        reported_by=_reporter(event, values, kinds),
        url=optional(KGO.url, values[KGO.inDocument][sentence]),
    )


#: The Python type each literal property must hold to be read back (numbers are checked by float()).
_VALUE_TYPES: Mapping[URIRef, type] = MappingProxyType({
    KGO.startOffset: int, KGO.endOffset: int, KGO.triggerStart: int, KGO.triggerEnd: int, KGO.negated: bool,
    KGO.hedged: bool, KGO.text: str, KGO.verb: str, KGO.objectPhrase: str, KGO.cameoCode: str,
    KGO.documentId: str, KGO.url: str, KGO.cooperation: float, KGO.confidence: float,
})


def _typed(prop: URIRef, term: Any) -> Any:
    """The Python value of ``term``; ValueError when it is not of the type ``prop`` holds."""
    value = term.toPython()
    wanted = _VALUE_TYPES.get(prop, object)
    accepted = (int, float, Decimal) if wanted is float else wanted
    if not isinstance(value, accepted) or (wanted in (int, float) and isinstance(value, bool)):
        name = str(prop).replace(str(KGO), "kgo:")
        raise ValueError(f"{name} is {str(term)[:40]!r}, not {'a number' if wanted is float else wanted.__name__}")
    return value


def _reporter(event: URIRef, values: Mapping[URIRef, dict], kinds: Mapping) -> ActorRef | None:
    """The reporting actor, as its state or IGO node records it (the mention's words are not kept)."""
    node = values[KGO.reportedBy].get(event)
    if node is None:
        return None
    code, label = str(values[KGO.code][node]), str(values[SKOS.prefLabel][node])
    return ActorRef(text=label, id=code, country=code, kind=kinds[node], label=label)


def _actor(event: URIRef, role: URIRef, agent_role: URIRef, text: URIRef,
           values: Mapping[URIRef, dict], kinds: Mapping) -> ActorRef:
    country = values[role][event]
    actor = values[agent_role].get(event, country)
    return ActorRef(text=str(values[text][event]), id=str(values[KGO.code][actor]),
                    country=str(values[KGO.code][country]), kind=kinds[actor],
                    label=str(values[SKOS.prefLabel][actor]))


def _format_of(path: Path, format: str | None) -> str:
    """Return the rdflib plugin for ``format`` or, when None, for the file's suffix."""
    if format is not None:
        plugin = RDF_FORMATS.get(format.lower())
        if plugin is None:
            raise InputError(str(path), f"unknown RDF format '{format}'", fix=f"use one of: {_FORMAT_CHOICES}")
        return plugin
    suffixes = path.suffixes[-2:] if path.suffix == ".gz" else path.suffixes[-1:]
    plugin = _SUFFIX_FORMATS.get(suffixes[0].lower()) if suffixes else None
    if plugin is None:
        raise InputError(str(path), f"cannot tell the RDF format from the name '{path.name}'",
                         fix=f"name it with a known suffix or pass a format: {_FORMAT_CHOICES}")
    return plugin


def load_graph(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *,
               format: str | None = None) -> Graph:
    """Read one or more RDF files into one graph (named graphs of TriG/N-Quads are merged).

    Args:
        paths: A file, or several; ``.gz`` files are decompressed.
        format: An RDF format name (see ``RDF_FORMATS``); by default taken from each suffix.

    Returns:
        The graph, with kg's prefixes bound.

    Raises:
        InputError: a missing or unreadable file, an unknown format, or malformed RDF (with the
            line when the parser reports one).

    Example:
        >>> import pathlib, tempfile
        >>> bad = pathlib.Path(tempfile.mkdtemp()) / "bad.ttl"
        >>> _ = bad.write_text("@prefix kgo: <https://w3id.org/kg/ontology#> .\\n"
        ...                    "kgo:IND kgo:agreesWith kgo:RUS .\\n"
        ...                    "kgo:RUS kgo:agreesWith kgo:CHN kgo:IND .\\n")
        >>> load_graph(bad)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        kg.errors.InputError: .../bad.ttl:3: not valid turtle (expected '.' or '}' or ']' at end of statement); ...
    """
    graph = Graph(bind_namespaces="core")
    _bind_prefixes(graph)
    for path in [paths] if isinstance(paths, (str, os.PathLike)) else paths:
        _parse_into(graph, Path(path), format)
    return graph


def _parse_into(graph: Graph, path: Path, format: str | None) -> None:
    plugin = _format_of(path, format)
    text = read_text(str(path))
    base = path.resolve().as_uri()
    try:
        with _quiet_rdflib():
            if plugin in _DATASET_FORMATS:
                dataset = Dataset()
                dataset.parse(data=text, format=plugin, publicID=base)
                graph.addN((s, p, o, graph) for s, p, o, _ in dataset.quads())
            else:
                graph.parse(data=text, format=plugin, publicID=base)
    except Exception as err:  # each rdflib parser plugin raises its own exception types
        reason, line = _parse_problem(err)
        raise InputError(str(path), f"not valid {plugin} ({reason})", line=line,
                         fix="fix the file, or pass the format it is in") from err


def _parse_problem(err: Exception) -> tuple[str, int | None]:
    """Return a one-line reason and the line number, when the parser tells it."""
    if isinstance(err, BadSyntax):  # one-line reason in _why; its own line count can run past the end
        return err._why, err._str[: err._i].count(b"\n") + 1
    if isinstance(err, SAXParseException):
        return err.getMessage(), err.getLineNumber()
    if isinstance(err, json.JSONDecodeError):
        return err.msg, err.lineno
    return " ".join(str(err).split()), None


def save_graph(graph: Graph, path: str | os.PathLike[str], *, format: str | None = None) -> Path:
    """Write a graph to an RDF file atomically: a crash never leaves a half-written file.

    Args:
        graph: The graph to write.
        path: Where to write; a ``.gz`` suffix compresses.
        format: An RDF format name (see ``RDF_FORMATS``); by default taken from the suffix.

    Returns:
        The path written.

    Raises:
        InputError: an unknown format, or a name whose suffix gives none.

    Example:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> graph = load_graph(save_graph(Graph(), folder / "empty.nt"))
        >>> len(graph)
        0
        >>> save_graph(graph, folder / "graph.csv")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        kg.errors.InputError: .../graph.csv: cannot tell the RDF format from the name 'graph.csv'; ...
    """
    target = Path(path)
    data = _serialize(graph, _format_of(target, format))
    if target.suffix == ".gz":
        data = gzip.compress(data)
    with atomic_write(target, mode="wb") as handle:
        handle.write(data)
    return target


def _serialize(graph: Graph, plugin: str) -> bytes:
    with _quiet_rdflib():
        return _serialize_as(graph, plugin)


def _serialize_as(graph: Graph, plugin: str) -> bytes:
    if plugin == "json-ld":
        return graph.serialize(format=plugin, encoding="utf-8", auto_compact=True)
    if plugin not in _DATASET_FORMATS:
        return graph.serialize(format=plugin, encoding="utf-8")
    dataset = Dataset()
    for prefix, namespace in graph.namespaces():
        dataset.bind(prefix, namespace)
    dataset.default_graph.addN((s, p, o, dataset.default_graph) for s, p, o in graph)
    return dataset.serialize(format=plugin, encoding="utf-8")


@contextlib.contextmanager
def _quiet_rdflib() -> Iterator[None]:
    """Silence rdflib 7's deprecation warnings (JSON-LD, TriG, N-Quads plugins) and its ill-typed literal noise.

    rdflib logs a traceback for each literal whose text does not fit its datatype ("zz"^^xsd:decimal);
    kg reports such values itself when it reads the events (``relations_from_graph``).
    """
    term_log = logging.getLogger("rdflib.term")
    level = term_log.level
    term_log.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=DeprecationWarning, module="rdflib")
            warnings.filterwarnings("ignore", message="Serializing weird numerical", category=UserWarning)
            yield
    finally:
        term_log.setLevel(level)


@functools.cache
def _package_graph(name: str) -> Graph:
    """Parse ``kg/ontology/<name>`` once per process (read-only afterwards)."""
    source = resources.files("kg") / "ontology" / name
    return Graph().parse(data=source.read_text(encoding="utf-8"), format="turtle")


def validate_graph(graph: Graph) -> tuple[bool, str]:
    """Check a graph against kg's SHACL shapes (ontology/shapes.ttl, with kg.ttl as ontology).

    Returns:
        ``(conforms, report)``: the report is pySHACL's text, naming each rule broken.

    Example:
        >>> from kg.namespace import KGO, EVENT
        >>> broken = Graph()
        >>> _ = broken.add((EVENT["e1"], RDF.type, KGO.Event))
        >>> conforms, report = validate_graph(broken)
        >>> conforms, "An event has exactly one kgo:source, an Actor." in report
        (False, True)
    """
    from pyshacl import validate  # slow to import: only when validating

    conforms, _, report = validate(graph, shacl_graph=_package_graph("shapes.ttl"),
                                   ont_graph=_package_graph("kg.ttl"), inference="none")
    return bool(conforms), report
