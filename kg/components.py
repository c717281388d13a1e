"""kg's spaCy components: the only module that registers anything with spaCy.

``kg_actor_ruler`` marks every actor name of the dictionary (states, capitals, seats of
power, demonyms, IGOs, people) as an entity before the statistical NER runs, so NER
respects them. Each entity carries plain strings that survive ``nlp.pipe(n_process=2)``:
``ent.ent_id_`` is the kg actor id ("IND", "person:narendra-modi") and ``ent.kb_id_``
the form of the name ("name", "demonym", "capital", "seat", ...).

A person's surname alone is marked (form "short") only where the document settles who it is:
after the person's full name earlier in the same document ("Shehbaz Sharif met ... Sharif
said"), or after a title that only one person of that surname ever held ("Prime Minister
Kishida"). Two people of that surname named in the document, someone else of that surname
("Maryam Sharif"), or two holders of the title ("Prime Minister Sharif": both brothers held
it) leave it unmarked: an ambiguous surname stands for nobody.

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
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.actors import ActorDictionary, default_dictionary

__all__ = ["FIXED_PHRASES", "SURNAME_TITLES", "ActorRuler", "make_actor_ruler", "merge_fixed_phrases"]

#: Phrases merged into one noun before parsing, by lemma: their spellings (words may also be joined
#: by hyphens, "non-grata", and apostrophes may be curly).
FIXED_PHRASES = {"persona non grata": ("persona non grata",),
                 "charge d'affaires": ("charge d'affaires", "chargé d'affaires")}

#: spaCy entity label for each (actor kind, name form); kind alone when the form does not matter.
_LABELS = {
    ("state", "demonym"): "NORP", ("state", "seat"): "ORG", ("igo", "demonym"): "NORP",
    "state": "GPE", "igo": "ORG", "person": "PERSON", "organisation": "ORG",
}


#: Titles that name a person by surname ("Prime Minister Kishida"), lower case, with the offices
#: (``offices.tsv`` roles) whose holders they fit.
SURNAME_TITLES: dict[tuple[str, ...], frozenset[str]] = {
    words: frozenset(roles) for phrases, roles in (
        (("president", "acting president", "interim president"), ("head_of_state", "head_of_government")),
        (("prime minister", "premier", "pm", "chancellor", "taoiseach", "acting prime minister"),
         ("head_of_government",)),
        (("vice president", "vice-president", "vice - president"), ("vice_president",)),
        (("foreign minister", "foreign secretary", "secretary of state", "foreign affairs minister"),
         ("foreign_minister",)),
        (("defence minister", "defense minister", "defence secretary", "defense secretary"), ("defence_minister",)),
        (("king", "queen", "emir", "sultan", "monarch"), ("head_of_state",)),
        (("crown prince",), ("crown_prince",)),
        (("supreme leader", "ayatollah"), ("supreme_leader",)),
        (("secretary-general", "secretary general", "secretary - general"), ("secretary_general",)),
        (("general", "gen", "gen."), ("military_chief",)),
    ) for words in (tuple(phrase.split()) for phrase in phrases)}
#: Words before a surname that neither license it nor make it someone else's ("Mr Sharif").
_COURTESY = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "madam", "dame", "hon", "hon.",
             "minister", "premier", "president", "mister"}
#: Capitalised words that are never taken for a surname alone (months, days, common words).
_NOT_SURNAMES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "prince", "king", "queen", "said", "will", "mark", "grant", "rose", "young", "long", "white", "black",
    "green", "brown", "bush", "cook", "ward", "north", "south", "east", "west", "new", "sharp", "price",
})
#: Name particles and suffixes that are not the surname ("al-Sudani", "Marcos Jr.").
_PARTICLES = {"al", "el", "ad", "as", "ash", "at", "az", "bin", "bint", "ibn", "ben", "de", "da", "di", "do",
              "dos", "das", "du", "del", "della", "der", "den", "van", "von", "la", "le", "y", "ul", "ud",
              "jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "vi"}
#: States whose officials English news calls by the first word of their name: family name first
#: ("Wang Yi" is Mr Wang, "Hun Manet" Mr Hun) or given name used alone ("Srettha", "Anwar").
_FIRST_WORD = {"CHN", "TWN", "KOR", "PRK", "KHM", "THA", "MYS"}
_REGNAL = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}


def _surname(name: str, first_word: bool) -> str | None:
    """The surname a person's full name gives ("Shehbaz Sharif" -> "Sharif"), or None for a name
    without one (a single word, a patronymic chain "Tamim bin Hamad", a regnal name "Charles III",
    "Abdullah of Pahang", a surname of two letters)."""
    words = name.replace("-", " - ").split()
    if len(words) < 2 or any(word.lower() in ("bin", "bint", "ibn", "of") for word in words[1:]):
        return None
    if len(words) == 2 and words[-1].lower() in _REGNAL:
        return None
    if first_word:
        surname = words[0]
    else:
        while words and words[-1].lower().strip(".") in _PARTICLES:
            words.pop()
        # "al-Sudani", "Nkoana-Mashabane": the last word after a particle, hyphenated parts kept
        tail = []
        while words and (not tail or words[-1] == "-" or tail[0] == "-"):
            tail.insert(0, words.pop())
        while tail and (tail[0] == "-" or tail[0].lower() in _PARTICLES):
            tail.pop(0)
        surname = " ".join(tail)
    letters = sum(char.isalpha() for char in surname)
    # two-letter surnames only family name first ("Li Qiang" -> "Li"), never a western initial-like word
    if letters < (2 if first_word else 3) or not surname[:1].isupper() or surname.lower() in _NOT_SURNAMES:
        return None
    return surname


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
        self._init_surnames(nlp)

    def _init_surnames(self, nlp: Language) -> None:
        """Index the surnames of the people who held an office: surname -> people, person -> surnames."""
        self.surnames = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._bearers: dict[str, set[str]] = {}
        self._surnames_of: dict[str, set[str]] = {}
        self._roles: dict[str, set[str]] = {}
        for entry in self.actors.names():
            if not entry.id.startswith("person:") or entry.form not in ("name", "alias"):
                continue
            offices = self.actors.offices(entry.id)
            if not offices:
                continue
            surname = _surname(entry.name, any(office.country in _FIRST_WORD for office in offices))
            # a surname that is itself an actor's name ("Jordan", "Katz" is fine) is no surname
            if surname is None or self.actors.lookup(surname) is not None:
                continue
            self._bearers.setdefault(surname, set()).add(entry.id)
            self._surnames_of.setdefault(entry.id, set()).add(surname)
            self._roles[entry.id] = {office.role for office in offices}
        for surname in self._bearers:
            self.surnames.add(surname, [nlp.make_doc(surname)])

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
        spans = filter_spans(spans)
        return filter_spans(spans + self._surname_spans(doc, spans))

    def _surname_spans(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Surnames alone that the document settles: after the person's full name, or after a
        title only one bearer of the surname ever held; never an ambiguous one."""
        covered = {index for span in spans for index in range(span.start, span.end)}
        named = [(span.start, span.id_) for span in spans if span.id_ in self._surnames_of]
        found: list[tuple[int, int, str]] = []
        shadowed: set[str] = set()
        for match_id, start, end in self.surnames(doc):
            surname = doc.vocab.strings[match_id]
            if any(index in covered for index in range(start, end)):
                continue
            before = doc[start - 1] if start > 0 else None
            after = doc[end] if end < len(doc) else None
            if _name_word(before, covered) or _name_word(after, covered):
                # "Maryam Sharif", "Kim Yo Jong": someone else may bear it; before the surname
                # (or after it, family name first) this makes the whole document ambiguous
                shadowed.add(surname)
                continue
            found.append((start, end, surname))
        result = []
        for start, end, surname in found:
            bearers = self._bearers[surname]
            in_doc = {person for position, person in named if person in bearers}
            if surname in shadowed or len(in_doc) > 1:
                continue
            earlier = {person for position, person in named if position < start and person in bearers}
            if not earlier:
                roles = self._title_roles(doc, start)
                earlier = {person for person in bearers if self._roles.get(person, set()) & roles}
            if len(earlier) == 1:
                result.append(Span(doc, start, end, label="PERSON", kb_id="short", span_id=earlier.pop()))
        return result

    @staticmethod
    def _title_roles(doc: Doc, start: int) -> frozenset[str]:
        """The offices a title just before ``start`` fits ("Prime Minister" -> head_of_government)."""
        for size in (3, 2, 1):
            if start - size < 0:
                continue
            words = tuple(token.lower_ for token in doc[start - size:start])
            if words in SURNAME_TITLES:
                return SURNAME_TITLES[words]
        return frozenset()

    def set_annotations(self, doc: Doc, spans: Iterable[Span]) -> None:
        """Merge ``spans`` into ``doc.ents``, keeping entities already set that do not overlap."""
        doc.ents = filter_spans(list(spans) + list(doc.ents))


def _name_word(token: Token | None, covered: set[int]) -> bool:
    """A capitalised word of a name next to a surname, not a title nor an actor ("Maryam" in
    "Maryam Sharif"; not "Mr", "President" or "Pakistan")."""
    if token is None or token.i in covered or not token.is_title or token.lower_ in _COURTESY:
        return False
    if token.pos_ and token.pos_ != "PROPN":
        return False
    return not any(words[-1] == token.lower_ for words in SURNAME_TITLES)


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

