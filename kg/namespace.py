"""The RDF names kg uses: ontology terms (``KGO``), deterministic IRIs for data, PLOVER mappings.

Ontology terms are a closed ``DefinedNamespace`` mirroring ``ontology/kg.ttl`` (a test keeps the
two in step), so a typo raises instead of minting a new predicate. Data IRIs are pure functions
of a record's identity, so building the same relation twice yields the same nodes.

Example:
    >>> KGO.agreesWith
    rdflib.term.URIRef('https://w3id.org/kg/ontology#agreesWith')
    >>> EVENT_CLASSES["SANCTION"] == KGO.Sanction, DIRECT_PROPERTIES["SANCTION"] == KGO.sanctions
    (True, True)
    >>> EVENT_TYPE_OF[KGO.Sanction]
    'SANCTION'
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from types import MappingProxyType
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, DefinedNamespace

from kg.records import ACTOR_KINDS, EVENT_TYPES, Relation

__all__ = [
    "ACTOR",
    "DIRECT_PROPERTIES",
    "DOCUMENT",
    "EVENT",
    "EVENT_CLASSES",
    "EVENT_TYPE_OF",
    "KGO",
    "KIND_CLASSES",
    "KIND_OF",
    "PREFIXES",
    "SEM",
    "SENTENCE",
    "actor_iri",
    "document_iri",
    "event_iri",
    "sentence_iri",
]


_KGO_BASE = "https://w3id.org/kg/ontology#"


class KGO(DefinedNamespace):
    """The kg ontology, ``https://w3id.org/kg/ontology#`` (prefix ``kgo:``), as in ontology/kg.ttl."""

    _NS = Namespace(_KGO_BASE)
    _fail = True

    # Actors
    Actor: URIRef
    State: URIRef
    IGO: URIRef
    Person: URIRef
    Organisation: URIRef
    # Provenance
    Document: URIRef
    Sentence: URIRef
    # Events and the 16 PLOVER types
    Event: URIRef
    Agree: URIRef
    Consult: URIRef
    Support: URIRef
    Concede: URIRef
    Cooperate: URIRef
    Aid: URIRef
    Retreat: URIRef
    Request: URIRef
    Accuse: URIRef
    Reject: URIRef
    Threaten: URIRef
    Protest: URIRef
    Sanction: URIRef
    Mobilize: URIRef
    Coerce: URIRef
    Assault: URIRef
    # Quad classes
    QuadClass: URIRef
    VerbalCooperation: URIRef
    MaterialCooperation: URIRef
    VerbalConflict: URIRef
    MaterialConflict: URIRef
    # Annotations on event classes
    ploverType: URIRef
    cameoRoot: URIRef
    cooperationScore: URIRef
    quadClass: URIRef
    directProperty: URIRef
    # Event participants
    source: URIRef
    target: URIRef
    sourceAgent: URIRef
    targetAgent: URIRef
    reportedBy: URIRef
    actsFor: URIRef
    # Event attributes
    verb: URIRef
    objectPhrase: URIRef
    cameoCode: URIRef
    cooperation: URIRef
    confidence: URIRef
    negated: URIRef
    hedged: URIRef
    date: URIRef
    sourceText: URIRef
    targetText: URIRef
    triggerStart: URIRef
    triggerEnd: URIRef
    # Sentence and document attributes
    text: URIRef
    startOffset: URIRef
    endOffset: URIRef
    inDocument: URIRef
    documentId: URIRef
    url: URIRef
    # Actor attributes
    code: URIRef
    # Direct actor-to-actor properties
    cooperationTowards: URIRef
    conflictTowards: URIRef
    agreesWith: URIRef
    consultsWith: URIRef
    supports: URIRef
    concedesTo: URIRef
    cooperatesWith: URIRef
    aids: URIRef
    retreatsFrom: URIRef
    requestsFrom: URIRef
    accuses: URIRef
    rejects: URIRef
    threatens: URIRef
    protestsAgainst: URIRef
    sanctions: URIRef
    mobilizesAgainst: URIRef
    coerces: URIRef
    assaults: URIRef
    alliedWith: URIRef
    rivalOf: URIRef


#: The Simple Event Model (no rdflib built-in).
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

#: Bases of kg's data IRIs, one per kind of node.
ACTOR = Namespace("https://w3id.org/kg/id/actor/")
EVENT = Namespace("https://w3id.org/kg/id/event/")
SENTENCE = Namespace("https://w3id.org/kg/id/sentence/")
DOCUMENT = Namespace("https://w3id.org/kg/id/document/")

#: Prefixes bound on every graph kg makes, so its Turtle reads well.
PREFIXES: Mapping[str, Namespace] = MappingProxyType({
    "kgo": Namespace(_KGO_BASE),
    "prov": Namespace(str(PROV)),
    "skos": Namespace(str(SKOS)),
    "dcterms": Namespace(str(DCTERMS)),
    "sem": SEM,
    "actor": ACTOR,
    "event": EVENT,
    "sentence": SENTENCE,
    "doc": DOCUMENT,
})

#: PLOVER type string -> event class (kgo:Agree ...); class local names are the types capitalised.
EVENT_CLASSES: Mapping[str, URIRef] = MappingProxyType(
    {event_type: KGO[event_type.capitalize()] for event_type in EVENT_TYPES}
)

#: Event class -> PLOVER type string.
EVENT_TYPE_OF: Mapping[URIRef, str] = MappingProxyType(
    {event_class: event_type for event_type, event_class in EVENT_CLASSES.items()}
)

#: PLOVER type string -> the direct actor-to-actor property its events add (kgo:directProperty).
DIRECT_PROPERTIES: Mapping[str, URIRef] = MappingProxyType(dict(zip(EVENT_TYPES, (
    KGO.agreesWith, KGO.consultsWith, KGO.supports, KGO.concedesTo, KGO.cooperatesWith, KGO.aids,
    KGO.retreatsFrom, KGO.requestsFrom, KGO.accuses, KGO.rejects, KGO.threatens,
    KGO.protestsAgainst, KGO.sanctions, KGO.mobilizesAgainst, KGO.coerces, KGO.assaults,
), strict=True)))

#: Actor kind (``ActorRef.kind``) -> actor class.
KIND_CLASSES: Mapping[str, URIRef] = MappingProxyType(dict(zip(ACTOR_KINDS, (
    KGO.State, KGO.IGO, KGO.Person, KGO.Organisation,
), strict=True)))

#: Actor class -> actor kind.
KIND_OF: Mapping[URIRef, str] = MappingProxyType(
    {actor_class: kind for kind, actor_class in KIND_CLASSES.items()}
)


def _digest(*parts: object) -> str:
    key = "|".join("" if part is None else str(part) for part in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def actor_iri(actor_id: str) -> URIRef:
    """Return the IRI of an actor; the id is percent-encoded but for ':' (valid in IRIs and Turtle names).

    Example:
        >>> actor_iri("IND")
        rdflib.term.URIRef('https://w3id.org/kg/id/actor/IND')
        >>> actor_iri("person:narendra-modi")
        rdflib.term.URIRef('https://w3id.org/kg/id/actor/person:narendra-modi')
    """
    return ACTOR[quote(actor_id, safe=":")]


def document_iri(doc_id: str) -> URIRef:
    """Return the IRI of a document from its id, percent-encoded.

    Example:
        >>> document_iri("news/017 a")
        rdflib.term.URIRef('https://w3id.org/kg/id/document/news%2F017%20a')
    """
    return DOCUMENT[quote(doc_id, safe="")]


def sentence_iri(doc_id: str, start: int, end: int) -> URIRef:
    """Return the IRI of a sentence: a SHA-1 of its document id and character span.

    Example:
        >>> sentence_iri("d1", 0, 17) == sentence_iri("d1", 0, 17) != sentence_iri("d1", 0, 18)
        True
    """
    return SENTENCE[_digest(doc_id, start, end)]


def event_iri(relation: Relation) -> URIRef:
    """Return the IRI of the event a relation records.

    The IRI is a SHA-1 of document id, sentence start, trigger start, source id, target id and
    PLOVER type, so re-extracting the same text gives the same IRI. Relations without trigger
    offsets that share sentence, actors and type share one event.

    Example:
        >>> from kg.records import ActorRef
        >>> india = ActorRef(text="India", id="IND", country="IND", kind="state", label="India")
        >>> russia = ActorRef(text="Russia", id="RUS", country="RUS", kind="state", label="Russia")
        >>> rel = Relation(doc_id="d1", sentence="India met Russia.", start=0, end=17,
        ...                source=india, target=russia, type="CONSULT", cameo="040",
        ...                cooperation=1.0, verb="meet", trigger_start=6, trigger_end=9)
        >>> str(event_iri(rel)).startswith("https://w3id.org/kg/id/event/")
        True
    """
    return EVENT[_digest(relation.doc_id, relation.start, relation.trigger_start,
                         relation.source.id, relation.target.id, relation.type)]
