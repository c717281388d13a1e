"""The plain data that flows between kg's pipeline stages.

Data flows one way: ``Document`` (read) -> spaCy Doc (parse, actors) ->
``Relation`` (relations) -> rdflib Graph (graph) -> views. Everything here is
a frozen dataclass with no spaCy or rdflib object inside, so the graph, views
and evaluation stages run without a model.

Example:
    >>> india = ActorRef(text="India", id="IND", country="IND", kind="state", label="India")
    >>> russia = ActorRef(text="Moscow", id="RUS", country="RUS", kind="state", label="Russia")
    >>> rel = Relation(doc_id="d1", sentence="India met Moscow.", start=0, end=17,
    ...                source=india, target=russia, type="CONSULT", cameo="040",
    ...                cooperation=1.0, verb="meet")
    >>> Relation.from_json(rel.to_json()) == rel
    True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["ACTOR_KINDS", "EVENT_TYPES", "ActorRef", "Document", "Relation"]

#: The 16 PLOVER event types, in PLOVER's order (cooperation first, then conflict).
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

#: Kinds of actor kg knows; they map to ontology classes State, IGO, Person, Organisation.
ACTOR_KINDS: tuple[str, ...] = ("state", "igo", "person", "organisation")


@dataclass(frozen=True)
class Document:
    """One text to extract from, as the reader yields it.

    Attributes:
        id: Stable document identifier (file stem, JSONL ``id``, or ``stdin``).
        text: The full text.
        date: Publication date as ``YYYY-MM-DD`` or None.
        url: Where the text came from, if known.
        origin: Path (and ``:line`` for JSONL) the document was read from, for messages.
    """

    id: str
    text: str
    date: str | None = None
    url: str | None = None
    origin: str | None = None


@dataclass(frozen=True)
class ActorRef:
    """An actor as mentioned in a sentence and resolved to the dictionary.

    Attributes:
        text: The words of the mention ("Indian Prime Minister Narendra Modi").
        id: kg actor id: a state or IGO code ("IND", "NATO") or a person id
            ("person:narendra-modi").
        country: The code the actor stands for in the gold scheme (ISO alpha-3 or
            IGO acronym), or None when it acts for no known state.
        kind: One of ``ACTOR_KINDS``.
        label: Readable name of the entity ``id`` names ("Narendra Modi").
    """

    text: str
    id: str
    country: str | None
    kind: str
    label: str

    def to_json(self) -> dict[str, Any]:
        """Return the actor as a JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ActorRef:
        """Build an actor from the dict ``to_json`` wrote."""
        return cls(
            text=data["text"], id=data["id"], country=data.get("country"),
            kind=data.get("kind", "state"), label=data.get("label", data["id"]),
        )


@dataclass(frozen=True)
class Relation:
    """One event between two actors, traceable to its sentence.

    This is the ``kg extract`` JSONL contract (see DESIGN.md): one relation a line.

    Attributes:
        doc_id: Document the sentence belongs to.
        sentence: The sentence text, as in the document.
        start: Character offset of the sentence in the document text.
        end: Character offset just past the sentence.
        source: The actor that acts.
        target: The actor acted upon.
        type: PLOVER event type (one of ``EVENT_TYPES``).
        cameo: CAMEO event code of the lexicon entry ("057").
        cooperation: Goldstein-style score in [-10, 10] (positive = cooperation).
        verb: Lemma of the event trigger ("sign", "visit").
        object: The object phrase of a light-verb construction ("agreement") or None.
        negated: The text says the event did not happen.
        hedged: The text only considers, expects or questions the event.
        confidence: How much to trust the relation, in [0, 1] (see kg.relations).
        date: The document date, ``YYYY-MM-DD`` or None.
        trigger_start: Offset of the trigger word in the document text.
        trigger_end: Offset just past the trigger word.
        reported_by: The actor the text attributes the event to ("Kyiv said Russia shelled
            Kharkiv": Ukraine), or None when the text asserts it in its own voice.
        url: Where the document came from, when the input said so.
    """

    doc_id: str
    sentence: str
    start: int
    end: int
    source: ActorRef
    target: ActorRef
    type: str
    cameo: str
    cooperation: float
    verb: str
    object: str | None = None
    negated: bool = False
    hedged: bool = False
    confidence: float = 1.0
    date: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    reported_by: ActorRef | None = None
    url: str | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def asserted(self) -> bool:
        """True when the text asserts the event (neither negated nor hedged)."""
        return not (self.negated or self.hedged)

    @property
    def dyad(self) -> tuple[str | None, str | None]:
        """The (source country, target country) pair."""
        return (self.source.country, self.target.country)

    def to_json(self) -> dict[str, Any]:
        """Return the JSONL record of the ``kg extract`` contract."""
        record = asdict(self)
        record.pop("extra")
        record.update(self.extra)
        return record

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Relation:
        """Build a relation from a ``kg extract`` record (unknown keys go to ``extra``)."""
        known = {name for name in cls.__dataclass_fields__ if name != "extra"}
        values = {key: data[key] for key in known if key in data}
        values["source"] = ActorRef.from_json(data["source"])
        values["target"] = ActorRef.from_json(data["target"])
        if data.get("reported_by"):
            values["reported_by"] = ActorRef.from_json(data["reported_by"])
        extra = {key: value for key, value in data.items() if key not in known}
        return cls(**values, extra=extra)
