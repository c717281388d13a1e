"""kg's spaCy components: the only module that registers anything with spaCy.

``kg_actor_ruler`` marks every actor name of the dictionary (states, capitals, seats of
power, demonyms, IGOs, people) as an entity before the statistical NER runs, so NER
respects them. Each entity carries plain strings that survive ``nlp.pipe(n_process=2)``:
``ent.ent_id_`` is the kg actor id ("IND", "person:narendra-modi") and ``ent.kb_id_``
the form of the name ("name", "demonym", "capital", "seat", ...).

``kg_fixed_phrases`` runs first and merges fixed foreign phrases ("persona non grata") into
one noun, which the tagger and parser otherwise split into words they misparse.

Example:
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("kg_actor_ruler")
    >>> doc = nlp("The Kremlin said the US and India met.")
    >>> [(ent.text, ent.ent_id_, ent.kb_id_) for ent in doc.ents]
    [('Kremlin', 'RUS', 'seat'), ('US', 'USA', 'short'), ('India', 'IND', 'name')]
"""

# no `from __future__ import annotations`: spaCy validates factory signatures at run time

import functools
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.actors import ActorDictionary, default_dictionary

__all__ = ["FIXED_PHRASES", "ActorRuler", "make_actor_ruler", "merge_fixed_phrases"]

#: Phrases merged into one noun before parsing, by lemma: their spellings (words may also be joined
#: by hyphens, "non-grata", and apostrophes may be curly).
FIXED_PHRASES = {"persona non grata": ("persona non grata",),
                 "charge d'affaires": ("charge d'affaires", "chargé d'affaires")}

#: spaCy entity label for each (actor kind, name form); kind alone when the form does not matter.
_LABELS = {
    ("state", "demonym"): "NORP", ("state", "seat"): "ORG", ("igo", "demonym"): "NORP",
    "state": "GPE", "igo": "ORG", "person": "PERSON", "organisation": "ORG",
}


def _needs_exact_case(name: str) -> bool:
    """Short names and acronyms match case-sensitively: "US" is a state, "us" a pronoun."""
    return len(name) <= 3 or name.isupper()


def _has_plural(demonym: str) -> bool:
    """Demonyms with an -s plural ("Tajiks", "Americans"); "Chinese", "British" have none."""
    return " " not in demonym and not demonym.endswith(("s", "sh", "ch", "ese", "x", "z"))


class ActorRuler:
    """Find actor names with two phrase matchers (exact case for acronyms, any case otherwise)."""

    def __init__(self, nlp: Language, name: str, actors: ActorDictionary) -> None:
        self.name = name
        self.actors = actors
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.caseless = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._entries: dict[str, tuple[str, str, str]] = {}
        exact_patterns: dict[str, list[Doc]] = {}
        caseless_patterns: dict[str, list[Doc]] = {}
        for entry in actors.names():
            actor = actors.entry(entry.id)
            if actor is None:
                continue
            key = f"{entry.id}\t{entry.form}"
            label = _LABELS.get((actor.kind, entry.form), _LABELS.get(actor.kind, "ORG"))
            self._entries[key] = (entry.id, entry.form, label)
            if entry.form == "demonym" and _has_plural(entry.name):
                # "the Tajiks accused ...": a plural demonym stands for its state's side
                people = f"{entry.id}\tpeople"
                self._entries[people] = (entry.id, "people", "NORP")
                caseless_patterns.setdefault(people, []).append(nlp.make_doc(entry.name + "s"))
            if _needs_exact_case(entry.name):
                variants = {entry.name, entry.name.title()} if len(entry.name) > 3 else {entry.name}
                exact_patterns.setdefault(key, []).extend(nlp.make_doc(v) for v in variants)
            else:
                caseless_patterns.setdefault(key, []).append(nlp.make_doc(entry.name))
        for key, docs in exact_patterns.items():
            self.exact.add(key, docs)
        for key, docs in caseless_patterns.items():
            self.caseless.add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        """Find the actor spans of ``doc`` and set them as its entities."""
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Span]:
        """Return the longest non-overlapping actor spans, labelled and carrying the actor id."""
        spans = []
        for matcher in (self.exact, self.caseless):
            for match_id, start, end in matcher(doc):
                # names are capitalised: "turkey" and "china" in lower case are not states
                if matcher is self.caseless and all(token.is_lower for token in doc[start:end]):
                    continue
                actor_id, form, label = self._entries[doc.vocab.strings[match_id]]
                spans.append(Span(doc, start, end, label=label, kb_id=form, span_id=actor_id))
        return filter_spans(spans)

    def set_annotations(self, doc: Doc, spans: Iterable[Span]) -> None:
        """Merge ``spans`` into ``doc.ents``, keeping entities already set that do not overlap."""
        doc.ents = filter_spans(list(spans) + list(doc.ents))


@Language.factory(
    "kg_actor_ruler",
    assigns=["doc.ents", "token.ent_id", "token.ent_kb_id"],
    default_config={"actor_files": [], "replace": False},
)
def make_actor_ruler(nlp: Language, name: str, actor_files: list[str], replace: bool) -> ActorRuler:
    """Build the actor ruler from the shipped dictionary plus ``actor_files`` (user TSV files)."""
    actors = ActorDictionary.load(actor_files, replace=replace) if actor_files or replace else default_dictionary()
    return ActorRuler(nlp, name, actors)


@functools.lru_cache(maxsize=4)
def _phrase_matcher(vocab) -> Matcher:
    """The matcher of ``FIXED_PHRASES`` for a vocabulary, built once per pipeline."""
    matcher = Matcher(vocab)
    for lemma, spellings in FIXED_PHRASES.items():
        patterns = []
        for spelling in spellings:
            words = [{"LOWER": {"IN": [word, word.replace("'", "\u2019")]}} for word in spelling.split()]
            patterns.append([step for word in words for step in (word, {"ORTH": "-", "OP": "?"})][:-1])
        matcher.add(lemma, patterns)
    return matcher


@Language.component("kg_fixed_phrases", assigns=["token.lemma", "token.tag", "token.pos"])
def merge_fixed_phrases(doc: Doc) -> Doc:
    """Merge each fixed phrase of ``FIXED_PHRASES`` into one noun whose lemma is the phrase.

    Example:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> _ = nlp.add_pipe("kg_fixed_phrases")
        >>> [t.text for t in nlp("Oslo declared him persona non-grata.")]
        ['Oslo', 'declared', 'him', 'persona non-grata', '.']
    """
    matches = _phrase_matcher(doc.vocab)(doc)
    spans = filter_spans(Span(doc, start, end, label=key) for key, start, end in matches)
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span, attrs={"TAG": "NN", "POS": "NOUN", "LEMMA": span.label_})
    return doc

