"""The actors stage over a parse: which actor (if any) a token of a sentence stands for.

Rules, in order, for the head token of an argument:

1. the token is inside an actor name the ruler marked (a state, capital, seat of power,
   IGO or a known person): that actor; a demonym alone ("the Chinese") stands for nobody;
2. the token is an agent word ("ministry", "forces", "ambassador") or a person's name, and a
   state or IGO modifies it ("the Brazilian foreign ministry", "Russia's UN Ambassador
   Vassily Nebenzia", "Germany foreign minister Annalena Baerbock"): the modifying state;
3. references across sentences (whole articles), each only when exactly one reading fits:
   "the two countries", "both sides", "the two leaders": the two parties of the clause told last
   (not a venue, a topic or a label); "the country", "the island nation", "the former Soviet
   republic": the one state named in this or the previous sentence in the same role; "the
   prime minister": the one state whose holder of that title the story named; "It"/"They"/
   "He"/"She" opening a sentence: the previous sentence's subject. A dateline ("KYIV, Ukraine
   (AP) —", "Lima, Dec 20 (AFP) -") is never an actor nor an antecedent.

Each resolution carries a confidence: a name 1.0, a capital or seat of power used as a
metonym 0.9, a title or demonym on an agent word 0.85, a coreference 0.6.

Example:
    >>> from kg.parse import load_pipeline
    >>> nlp = load_pipeline()
    >>> doc = nlp("The Brazilian foreign ministry criticised Caracas.")
    >>> resolver = MentionResolver(doc)
    >>> [(m.actor.country, m.confidence) for m in resolver.resolve(doc[3])]
    [('BRA', 0.85)]
    >>> [(m.actor.country, m.confidence) for m in resolver.resolve(doc[5])]
    [('VEN', 0.9)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from kg.actors import ActorDictionary, default_dictionary
from kg.records import ActorRef

__all__ = ["Mention", "MentionResolver", "conjuncts"]

#: Name forms that stand for their actor on their own (a demonym does not).
_STANDALONE_FORMS = {"name", "short", "formal", "capital", "seat", "alias", "people"}
_METONYM_FORMS = {"capital", "seat"}
#: Dependency labels of the modifiers that can name the state behind an agent word.
_MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod"}
_PAIR_NOUNS = {"country", "nation", "side", "leader", "government", "state", "neighbour", "neighbor",
               "president", "minister", "republic"}
#: Pair nouns that may also stand for an organisation: "Iran and the IAEA ... both sides".
_PAIR_IGO_NOUNS = {"side"}
#: Prepositions whose object takes part in what its clause tells ("talks with X", "between X and Y",
#: "a visit to X"); "in X", "over X", "about X" name a place or a topic.
_PARTY_PREPS = {"with", "between", "by", "against", "to", "for"}
#: Prepositions that name the state behind an agent word: "the leaders of X", "officials from X".
_MEMBER_OF_PREPS = {"of", "from"}
#: Verbs of meeting, whose place is a venue and not a party.
_MEETING_VERBS = {"meet", "hold", "gather", "convene", "talk", "negotiate", "sign", "attend", "host"}
#: How many sentences back a pair or a description may look for what it refers to.
_PAIR_SENTENCES = 6
_PAIR_WORDS = {"two", "both"}
#: Heads of a definite description that stands for a state named just before: "the island nation".
_DESCRIBED_NOUNS = {"country", "nation", "kingdom", "republic", "archipelago", "state", "island", "emirate",
                    "neighbour", "neighbor"}
#: Lower-case words that may describe a state by its place or its standing: "the island nation",
#: "the tiny Gulf state", "the former Soviet republic", "the war-torn country".
_PLACE_WORDS = {"island", "landlocked", "coastal", "neighbouring", "neighboring", "former", "ex", "tiny", "small",
                "oil", "gas", "rich", "war", "torn", "ravaged", "impoverished", "mountainous", "nuclear", "armed",
                "communist", "reclusive", "isolated", "northern", "southern", "eastern", "western", "central",
                "north", "south", "east", "west", "-"}
#: Descriptions that need their own antecedent ("the island") compete with places of the same kind.
_ISLAND_WORDS = {"island", "islands", "archipelago"}
_SUBJECT_PRONOUNS = {"it", "they"}
#: Pronouns for a person, who stands for the state they act for.
_PERSON_PRONOUNS = {"he", "she"}
#: Heads of a noun phrase naming one person by office ("the Chilean president said he ...").
_PERSON_TITLES = {"president", "minister", "premier", "chancellor", "leader", "king", "queen", "emir", "prince",
                  "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "secretary", "ruler",
                  "monarch", "sultan", "counterpart", "diplomat", "official", "general", "commander"}
#: Offices (``offices.tsv`` roles) a bare title may mean: "Putin met Xi. The president said ..." is ambiguous.
_TITLE_ROLES = {"president": {"head_of_state", "head_of_government"},
                "prime minister": {"head_of_government"}, "premier": {"head_of_government"},
                "foreign minister": {"foreign_minister"}, "defence minister": {"defence_minister"},
                "defense minister": {"defence_minister"}}
_PLURAL_PRONOUNS = {"they", "their"}
#: Possessives that may stand for a state: "fired on its positions" (whose? the clause's or the reporter's).
_POSSESSIVE_PRONOUNS = {"its", "their"}
#: "his country", "its government": a possessive pronoun on these nouns points to a state.
_OWN_STATE_NOUNS = {"country", "nation", "government"}
_COMPLEMENT_PREPS = {"of", "in", "from"}
#: Nouns for a group of states whose members a list names: "countries such as A and B".
_GROUP_NOUNS = {"country", "nation", "state", "government", "ally", "member", "partner", "delegation"}
_MEMBER_PREPS = ("such", "including", "like")
#: Clauses whose pronoun subject is the subject of the clause they hang on.
_PRONOUN_CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "conj"}
#: Words that take a person or body out of the state's service: "the opposition leader",
#: "former President Carter", "rebel commanders", "an exiled minister" act for no state.
_NON_STATE_QUALIFIERS = {"opposition", "rebel", "rebels", "separatist", "separatists", "insurgent", "militant",
                         "former", "exiled", "ousted", "deposed", "dissident", "jailed", "imprisoned",
                         "retired"}
_PAST_CAREER = {"former", "retired"}


#: Punctuation that closes a dateline: "ISLAMABAD:", "NEW DELHI —", "WASHINGTON (AP) --".
_DATELINE_ENDS = {"—", "–", "-", "--", ":", ",", "(", "/"}


_DATE = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?)"
_PLACE = r"[A-Z][\w.'’&-]*(?:[ /][A-Z][\w.'’&-]*){0,3}"
#: A story's opening dateline in any case: "KYIV, Ukraine (AP) —", "New Delhi, July 2:", "Lima (AFP) -",
#: "Rome/Madrid —", "Jan. 14 (UPI) —"; also "Addis Ababa, Jan 29 (IANS)" before the story's first word.
_DATELINE = re.compile(
    rf"\s*(?:(?:{_PLACE})(?:\s*,\s*(?:{_DATE}|{_PLACE}))?(?:\s*,\s*{_DATE})?|{_DATE})(?:\s*\([^()\n]{{1,40}}\))?"
    rf"(?:\s*[—–](?=\s|[A-Z\"“])|\s*--?(?=\s)|\s*:(?=\s)|\s+/(?=\s))")
_DATED_AGENCY = re.compile(rf"\s*{_PLACE}\s*,\s*{_DATE}\s*\([^()\n]{{1,40}}\)(?=\s+[A-Z])")


def dateline_end(text: str) -> int:
    """The character offset where a story's opening dateline ends (0 when it has none).

    A dateline only says where and when a story was filed: its place is never an actor.

    Example:
        >>> text = "KYIV, Ukraine (AP) — Russia fired missiles."
        >>> text[dateline_end(text):]
        ' Russia fired missiles.'
        >>> dateline_end("Peru, Chile and Bolivia held a summit.")
        0
    """
    match = _DATELINE.match(text) or _DATED_AGENCY.match(text)
    if match is None or len(match.group(0).strip()) > 70:
        return 0
    return match.end()


def _is_dateline(span: Span) -> bool:
    """A place name in capitals opening a story only says where it was filed: "ISLAMABAD: Pakistan ..."."""
    opens = span.start == span.sent.start or span.doc[span.start - 1].text in ("(", "\n")
    closes = span.end < len(span.doc) and span.doc[span.end].text in _DATELINE_ENDS
    return opens and closes and span.text.isupper() and len(span.text) > 3


def _has_possessive_pronoun(token: Token) -> bool:
    return any(child.dep_ == "poss" and child.tag_ == "PRP$" for child in token.children)


def _in_subject(token: Token) -> bool:
    """True when the token is a subject or coordinated with one."""
    while token.dep_ in ("conj", "appos", "compound") and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _qualified_out_of_office(token: Token) -> bool:
    """True when a modifier puts the argument outside the state's service: "Venezuela's opposition
    leader", "Former US President Jimmy Carter", "the Syrian rebel commander"."""
    if _qualified(token, _NON_STATE_QUALIFIERS):
        return True
    # "Myanmar's ousted leader Aung San Suu Kyi", "Kyi, Myanmar's ousted leader"; but an apposition
    # may tell a past career without ending the present one: "the minister, a former general"
    appositions = [child for child in token.children if child.dep_ == "appos"]
    appositions += [token.head] if token.dep_ == "appos" else []
    return any(_qualified(other, _NON_STATE_QUALIFIERS - _PAST_CAREER) for other in appositions)


def _qualified(token: Token, words: set[str]) -> bool:
    """True when one of ``words`` is among the token's left modifiers, or theirs."""
    stack = [child for child in token.lefts if child.dep_ in ("compound", "amod", "nmod")]
    while stack:
        modifier = stack.pop()
        if modifier.lower_ in words:
            return True
        stack.extend(child for child in modifier.lefts if child.dep_ in ("compound", "amod", "nmod"))
    return False


@dataclass(frozen=True)
class Mention:
    """An actor found at a token, with how sure the resolution is."""

    token: int
    actor: ActorRef
    confidence: float


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("India, Russia and China").

    Example:
        >>> import spacy
        >>> from spacy.tokens import Doc
        >>> doc = Doc(spacy.blank("en").vocab, words=["India", "and", "Russia", "met"],
        ...           heads=[3, 0, 0, 3], deps=["nsubj", "cc", "conj", "ROOT"])
        >>> [t.text for t in conjuncts(doc[0])]
        ['India', 'Russia']
    """
    found = [token]
    for child in token.children:
        # lists are often parsed as apposition: "Chile, Peru and Ecuador"
        if child.dep_ in ("conj", "appos"):
            found.extend(conjuncts(child))
    return found


class MentionResolver:
    """Resolve tokens of one parsed document to actors, using the dictionary and the document date."""

    def __init__(self, doc: Doc, *, date: str | None = None, actors: ActorDictionary | None = None) -> None:
        self.doc = doc
        self.date = date
        self.actors = actors if actors is not None else default_dictionary()
        self._actor_spans: dict[int, Span] = {}
        #: where the story's opening dateline ends: its place is no actor and no antecedent
        self.dateline_end = dateline_end(doc.text)
        #: the actor names of the story, in order, datelines left out
        self._ents: list[Span] = [ent for ent in doc.ents if ent.ent_id_ and not _is_dateline(ent)
                                  and ent.start_char >= self.dateline_end]
        for ent in self._ents:
            for index in range(ent.start, ent.end):
                self._actor_spans[index] = ent
        self._pairs: dict[int, list[Mention]] = {}
        self._titles: dict[int, list[Mention]] = {}

    def resolve(self, token: Token) -> list[Mention]:
        """The actors the argument headed by ``token`` stands for (empty when none)."""
        span = self._actor_spans.get(token.i)
        if self._out_of_office(token, span):
            return []
        if span is not None:
            named = self._from_span(span, token)
            return [named] if named else []
        if (token.lower_ in _SUBJECT_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass")) or (
                token.lemma_.lower() in _OWN_STATE_NOUNS and _has_possessive_pronoun(token)) or (
                token.lower_ in _POSSESSIVE_PRONOUNS and token.dep_ == "poss"):
            # "Pakistan said it ...", "his country will ..."
            return self._clause_subject(token)
        if token.lower_ in _PERSON_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
            # "Lula arrived in Beijing on Tuesday. He met Xi ..."
            return self._person_subject(token)
        if self._is_agent(token) or token.ent_type_ == "PERSON":
            found = self._modifying_states(token) or self._complement_states(token)
            if found:
                return found
            if _has_possessive_pronoun(token):
                # "... and their coast guards held a drill" (but "his North Korean counterpart" names its state)
                return self._clause_subject(token)
            titled = self._titled_state(token)
            if titled:
                # "Japanese Prime Minister Fumio Kishida ... The prime minister said"
                return titled
        members = self._group_members(token) if token.lemma_.lower() in _GROUP_NOUNS else []
        # "the two leaders", "both sides"; "the Andean country"
        return members or self._pair_coreference(token) or self._described_state(token)

    def _out_of_office(self, token: Token, span: Span | None) -> bool:
        """A person or agent word that a modifier puts outside the state's service."""
        if not _qualified_out_of_office(token):
            return False
        if span is not None:
            entry = self.actors.entry(span.ent_id_)
            return entry is not None and entry.kind == "person"
        return self._is_agent(token) or token.ent_type_ == "PERSON"

    def _group_members(self, token: Token) -> list[Mention]:
        """'states such as Chile, Peru and Ghana', 'nations including Norway': the members;
        'EU countries', 'NATO allies': the organisation acting together."""
        # the members a list names act, not their organisation: "NATO allies including Poland"
        for prep in token.children:
            words = " ".join(t.lower_ for t in prep.subtree if t.dep_ in ("prep", "amod") and t.i <= prep.i + 1)
            if prep.dep_ != "prep" or not any(words.startswith(w) for w in _MEMBER_PREPS):
                continue
            found = [mention for pobj in prep.children if pobj.dep_ == "pobj"
                     for item in conjuncts(pobj) for mention in self.resolve(item)]
            if found:
                return found
        for child in token.children:
            # "NATO allies" act as NATO; "a NATO member" is one state, not the alliance
            actor = self.actor_at(child) if child.dep_ in ("compound", "amod") and token.tag_ == "NNS" else None
            if actor is not None and actor.kind == "igo" and actor.country:
                return [Mention(token=token.i, actor=actor, confidence=0.8)]
        return []

    def antecedent(self, pronoun: Token, *, excluding: set[str | None]) -> list[Mention]:
        """The actor an object pronoun refers back to: the last one named before it in its sentence.

        "Belize cut ties with Guatemala, accusing it of ..." -> Guatemala. Actors in ``excluding``
        (the event's own source) are skipped.
        """
        for ent in reversed(self._ents):
            if ent.end > pronoun.i or ent.start < pronoun.sent.start:
                continue
            named = self._from_span(ent, ent.root)
            if named is not None and named.actor.country not in excluding:
                return [Mention(token=pronoun.i, actor=named.actor, confidence=0.6)]
        return []

    def names_place(self, token: Token) -> bool:
        """True when the token is in a capital's or seat's name: "the Minsk agreements" names where,
        not who (a capital names its state only as an actor, "Minsk said")."""
        span = self._actor_spans.get(token.i)
        return span is not None and span.kb_id_ in _METONYM_FORMS

    def actor_at(self, token: Token) -> ActorRef | None:
        """The actor named by the entity that covers ``token``, if any, whatever its form."""
        span = self._actor_spans.get(token.i)
        return self._actor_ref(span) if span is not None else None

    def _actor_ref(self, span: Span) -> ActorRef | None:
        entry = self.actors.entry(span.ent_id_)
        if entry is None:
            return None
        country = self.actors.country_of(entry.id, date=self.date)
        return ActorRef(text=span.text, id=entry.id, country=country, kind=entry.kind, label=entry.label)

    def _from_span(self, span: Span, token: Token) -> Mention | None:
        form = span.kb_id_
        if form not in _STANDALONE_FORMS:
            return None
        actor = self._actor_ref(span)
        if actor is None or actor.country is None:
            return None
        confidence = 0.9 if form in _METONYM_FORMS else 0.8 if form == "people" else 1.0
        return Mention(token=token.i, actor=actor, confidence=confidence)

    def _is_agent(self, token: Token) -> bool:
        """An agent word, alone or after its compound ("foreign ministry"), or a thing an agent owns
        by compound ("coast guard vessels")."""
        if any(child.dep_ == "compound" and self.actors.is_agent(" ".join(t.lower_ for t in child.subtree))
               for child in token.children):
            return True
        words = {token.lemma_.lower(), token.text.lower()}
        compound = " ".join(t.text.lower() for t in token.lefts if t.dep_ in ("compound", "amod"))
        if compound:
            words |= {f"{compound} {token.text.lower()}", f"{compound} {token.lemma_.lower()}"}
            # "Nepali border guards": the word just before may make the agent alone
            nearest = [t for t in token.lefts if t.dep_ in ("compound", "amod")][-1]
            words |= {f"{nearest.lower_} {token.text.lower()}", f"{nearest.lower_} {token.lemma_.lower()}"}
        if any(self.actors.is_agent(word) for word in words):
            return True
        return any(child.dep_ == "compound" and self.actors.is_agent(child.lemma_.lower())
                   for child in token.children)

    def _modifying_states(self, token: Token) -> list[Mention]:
        """States or IGOs named among the left modifiers of an agent word or a person's name;
        coordinated modifiers name several ("the Greek and Cypriot foreign ministers")."""
        stack = [child for child in token.children if child.dep_ in _MODIFIER_DEPS and child.i < token.i]
        found: dict[str, Mention] = {}
        while stack:
            modifier = stack.pop()
            span = self._actor_spans.get(modifier.i)
            actor = self._actor_ref(span) if span is not None else None
            # "Duterte's government": a leader's possession stands for the leader's state
            owner = actor is not None and actor.kind == "person" and modifier.dep_ == "poss"
            if actor is not None and (actor.kind in ("state", "igo") or owner) and actor.country:
                text = self.doc[min(modifier.left_edge.i, span.start): token.i + 1].text
                found.setdefault(actor.country, Mention(token=token.i, confidence=0.85, actor=ActorRef(
                    text=text, id=actor.id, country=actor.country, kind=actor.kind, label=actor.label)))
                # "Indian and Pakistani ...", "the India-GCC ministers' meeting": pairs of modifiers
                stack.extend(child for child in modifier.children if child.dep_ in ("conj", "nmod", "compound"))
            elif not found and (modifier.pos_ == "PROPN" or self._is_agent(modifier) or (
                    modifier.dep_ == "compound" and self.actors.is_agent(f"{modifier.lower_} {token.lower_}"))):
                # "Nepali border guards": the state may hang on the first word of a two-word agent
                # a state on a common noun belongs to that noun: "Moldova's breakaway region"
                stack.extend(child for child in modifier.children if child.dep_ in _MODIFIER_DEPS)
        compounds = [self.actor_at(child) for child in token.children if child.dep_ == "compound"]
        postings = {actor.country for actor in compounds if actor is not None and actor.kind == "igo"}
        if postings and any(m.actor.kind == "state" for m in found.values()):
            # "Russia's UN ambassador", "the US NATO envoy": the organisation is the posting
            found = {code: m for code, m in found.items() if code not in postings}
        return sorted(found.values(), key=lambda mention: mention.actor.text)

    def _complement_states(self, token: Token) -> list[Mention]:
        """An agent word whose complement names the states: "the Foreign Ministry in Nairobi",
        "the Government of the CAR", "the leaders of Chile and Peru"; also when the parser hangs
        the complement on the verb just after its object ("met leaders from Chile and Peru")."""
        following = [prep for prep in token.head.children if token.dep_ in ("dobj", "pobj")
                     and prep.i == token.right_edge.i + 1 and prep.lower_ in ("from", "of")]
        for prep in [*token.children, *following]:
            if prep.dep_ != "prep" or prep.lower_ not in _COMPLEMENT_PREPS:
                continue
            found = [Mention(token=token.i, actor=mention.actor, confidence=min(mention.confidence, 0.85))
                     for pobj in prep.children if pobj.dep_ == "pobj"
                     for item in conjuncts(pobj) for mention in self.resolve(item)]
            if found:
                return found
        return []

    def _clause_subject(self, token: Token) -> list[Mention]:
        """'it' / 'his country' stands for the subject of the clause above it: "Ghana said it had
        detained ...", "the minister said her country would ...", "Armenia issued a statement
        when it vowed ...". Not when that clause also has an actor as object, which 'it' could
        mean as well ("Russia warned Ukraine that it would ...")."""
        own = self._own_clause_subjects(token)
        if own:
            # "Kenya would station police throughout its country": the possessor is the clause's own subject
            return own
        clause = token.head
        while clause.dep_ not in _PRONOUN_CLAUSE_DEPS and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ not in _PRONOUN_CLAUSE_DEPS:
            return self._previous_subject(token) if token.lower_ in _SUBJECT_PRONOUNS else []
        governor = clause.head
        # "Hungary recalled its envoy and said it would ...": a conjoined verb shares the first one's subject
        while governor.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in governor.children):
            governor = governor.head
        subjects = [child for child in governor.children if child.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or subjects[0].lower_ in _SUBJECT_PRONOUNS:
            return []
        named = [m for subject in subjects for item in conjuncts(subject) for m in self.resolve(item)]
        if not named:
            return []
        # an object naming another actor makes the pronoun ambiguous ("its own envoy" does not)
        others = {m.actor.country for child in governor.children if child.dep_ in ("dobj", "dative")
                  for m in self.resolve(child)} - {m.actor.country for m in named}
        if others:
            return []
        # "they"/"their" stand for all of them; "it" for the first that names an actor ("ISLAMABAD - Pakistan said it")
        plural = token.lower_ in _PLURAL_PRONOUNS or any(c.lower_ in _PLURAL_PRONOUNS for c in token.children)
        chosen = list({m.actor.country: m for m in named}.values()) if plural else named[:1]
        return [Mention(token=token.i, actor=m.actor, confidence=min(m.confidence, 0.7)) for m in chosen]

    def _own_clause_subjects(self, token: Token) -> list[Mention]:
        """For a possessed noun outside its clause's subject ("... throughout its country"), the actors
        that subject names; nothing when the noun is (in) the subject itself."""
        if token.dep_ in ("nsubj", "nsubjpass") or token.lower_ in _SUBJECT_PRONOUNS:
            return []
        verb = token.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            if verb.dep_ in ("nsubj", "nsubjpass"):
                return []
            verb = verb.head
        subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
        # "its" cannot stand for a plural subject: "Azerbaijani forces fired on its positions";
        # "their" stands for all of a coordinated subject: "Chile, Peru and Bolivia held their summit"
        singular = token.lower_ == "its" or any(c.lower_ == "its" for c in token.children)
        plural = token.lower_ == "their" or any(c.lower_ == "their" for c in token.children)
        found = [Mention(token=token.i, actor=m.actor, confidence=min(m.confidence, 0.7))
                 for subject in subjects if subject.lower_ not in _SUBJECT_PRONOUNS
                 and not (singular and subject.tag_ in ("NNS", "NNPS") and subject.i not in self._actor_spans)
                 for item in (conjuncts(subject) if plural else [subject]) for m in self.resolve(item)]
        return list({m.actor.country: m for m in found}.values()) if plural else found[:1]

    def _previous_subject(self, pronoun: Token) -> list[Mention]:
        """A sentence opening with 'It'/'They' continues the previous sentence's subject:
        "Armenia agreed to return the villages. It signed the protocol on Friday." -> Armenia.
        Only when the pronoun heads its sentence's main clause and that subject names actors
        ("it": exactly one, "they": two or more)."""
        sent = pronoun.sent
        if pronoun.head.i != sent.root.i or sent.start == 0:
            return []
        previous = self.doc[sent.start - 1].sent
        subjects = [child for child in previous.root.children if child.dep_ in ("nsubj", "nsubjpass")]
        found = [m for subject in subjects for item in conjuncts(subject) for m in self.resolve(item)
                 if item.lower_ not in _SUBJECT_PRONOUNS]
        countries = {m.actor.country for m in found}
        if (pronoun.lower_ == "it") != (len(countries) == 1) or not found:
            return []
        unique = {m.actor.country: m for m in found}
        return [Mention(token=pronoun.i, actor=m.actor, confidence=min(m.confidence, 0.6)) for m in unique.values()]

    # --- references across sentences -----------------------------------------------------------

    def _argument_head(self, token: Token) -> Token:
        """The head of the argument a name is part of: "Armenian" in "the Armenian foreign minister"
        and "Chinese" in "Chinese President Xi" belong to the minister and to Xi; so do "Japan" in
        "Japan and Korea" (the list) and "Xi" in "Xi, the Chinese president"."""
        span = self._actor_spans.get(token.i)
        head = span.root if span is not None else token
        while head.head.i != head.i:
            governor = head.head
            listed = head.dep_ in ("conj", "appos") and (governor.i in self._actor_spans or governor.pos_ != "PROPN")
            modifies = head.dep_ in _MODIFIER_DEPS and (governor.ent_type_ == "PERSON" or self._is_agent(governor)
                                                        or governor.lemma_.lower() in _GROUP_NOUNS)
            inside = governor.i in self._actor_spans and self._actor_spans[governor.i] is span
            if not (listed or modifies or inside):
                break
            head = governor
        return head

    def _is_party(self, token: Token) -> bool:
        """The name takes part in what its clause tells: a subject, an object, "with X", "between X
        and Y", "the leaders of X"; not a place ("in Almaty, Kazakhstan"), a topic ("talks over X")
        or a thing's label ("China-Pakistan relations", "the Myanmar army's crackdown")."""
        head = self._argument_head(token)
        if head.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "obj"):
            return True
        if head.dep_ != "pobj":
            return False
        prep = head.head
        if prep.lower_ in _PARTY_PREPS:
            return True
        holder = prep.head
        return prep.lower_ in _MEMBER_OF_PREPS and (
            holder.ent_type_ == "PERSON" or self._is_agent(holder) or holder.lemma_.lower() in _GROUP_NOUNS)

    def _clause_of(self, token: Token) -> int:
        """The clause a name acts in: its verb, through a verb's complements and conjuncts
        ("A agreed to meet B", "A met B and signed ...", "A said B attacked ..." are one)."""
        node = token
        # "following the talks with X": a participle used as a preposition opens no clause
        while (node.pos_ not in ("VERB", "AUX") or node.dep_ == "prep") and node.head.i != node.i:
            node = node.head
        while node.dep_ in ("xcomp", "conj", "ccomp") and node.head.i != node.i:
            node = node.head
        return node.i

    def _clause_parties(self, sent: Span, before: int, *, igo: bool) -> dict[int, list[str]]:
        """The states (with ``igo`` also organisations) that take part in each clause of a
        sentence, before token ``before``; a pronoun subject or an earlier pair reference counts
        as the states it stands for, a relative pronoun as the name it hangs on."""
        groups: dict[int, list[str]] = {}
        for token in sent:
            if token.i >= before:
                break
            mentions: list[Mention] = []
            span = self._actor_spans.get(token.i)
            if span is not None and token.i == span.root.i and self._is_party(token):
                named = self._actor_ref(span)
                if named is not None and named.country and (named.kind in ("state", "person")
                                                            or (igo and named.kind == "igo")):
                    mentions = [Mention(token=token.i, actor=named, confidence=1.0)]
            elif token.lower_ in _SUBJECT_PRONOUNS | _PERSON_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
                # "They signed ...": the pronoun's actors take part
                mentions = self.resolve(token)
            elif token.tag_ in ("WDT", "WP") and token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "relcl":
                # "Guyana, which is locked in a dispute with Venezuela"
                mentions = [m for m in self.resolve(token.head.head)
                            if m.actor.kind in ("state", "person") or (igo and m.actor.kind == "igo")]
            elif token.lemma_.lower() in _PAIR_NOUNS and token.tag_ in ("NNS", "NNPS"):
                mentions = self._pair_coreference(token)
            for mention in mentions:
                group = groups.setdefault(self._clause_of(token), [])
                if mention.actor.country not in group:
                    group.append(mention.actor.country)
        return groups

    def _is_venue(self, token: Token) -> bool:
        """The name is where a meeting took place: "met in Luanda, Angola", "talks held at Doha"
        (not where an attack struck: "bombed targets in Cambodia")."""
        head = self._argument_head(token)
        while head.dep_ in ("appos", "compound", "conj") and head.head.i != head.i:
            head = head.head
        return (head.dep_ == "pobj" and head.head.lower_ in ("in", "at")
                and head.head.head.lemma_.lower() in _MEETING_VERBS)

    def _pair_coreference(self, token: Token) -> list[Mention]:
        """'the two countries', 'both sides', 'the two leaders': the two parties of the clause told last.

        Sentence by sentence back from the token, the first clause in which two states take part
        (subjects, objects, "with", "between", "the leaders of": not a place, a topic or a label)
        names them: "Vietnam hosted a delegation from Laos. Later the two countries signed ...".
        A clause with three parties, or two clauses of one sentence with different pairs, leaves
        the reference unresolved. With no such clause in view, the two states named in this and
        the previous sentence, when no third is named there.
        """
        if token.lemma_.lower() not in _PAIR_NOUNS or token.tag_ not in ("NNS", "NNPS"):
            return []
        if not any(child.lower_ in _PAIR_WORDS for child in token.children):
            return []
        if token.i in self._pairs:
            return self._pairs[token.i]
        self._pairs[token.i] = []  # a reference never resolves through itself
        igo = token.lemma_.lower() in _PAIR_IGO_NOUNS
        sent = token.sent
        pair: list[str] = []
        for _ in range(_PAIR_SENTENCES):
            groups = [group for group in self._clause_parties(sent, token.i, igo=igo).values() if len(group) > 1]
            if any(len(group) > 2 for group in groups) or len({frozenset(group) for group in groups}) > 1:
                return []
            if groups:
                pair = groups[0]
                break
            if sent.start == 0:
                break
            sent = self.doc[sent.start - 1].sent
        if not pair:
            # no clause told two parties: "A Thai jet bombed targets in Cambodia. Both countries ...":
            # the two states named in this and the previous sentence, if no third is named there
            # but not the venue of a clause ("officials met in Luanda, Angola")
            named = [actor.country for ent in self._window(token) for actor in [self._actor_ref(ent)]
                     if actor is not None and actor.country and actor.kind in ("state", "person")
                     and not self._is_venue(ent.root)]
            pair = list(dict.fromkeys(named))
        if len(pair) != 2:
            return []
        mentions = []
        for country in pair:
            entry = self.actors.entry(country)
            label = entry.label if entry else country
            kind = entry.kind if entry and entry.kind == "igo" else "state"
            mentions.append(Mention(token=token.i, confidence=0.6, actor=ActorRef(
                text=token.text, id=country, country=country, kind=kind, label=label)))
        self._pairs[token.i] = mentions
        return mentions

    def _is_subject(self, token: Token) -> bool:
        """The token's argument is a subject: "Peru", "Peru's foreign minister", "Chile and Peru"."""
        return _in_subject(token) or self._argument_head(token).dep_ in ("nsubj", "nsubjpass")

    def _window(self, token: Token) -> list[Span]:
        """Actor names in the token's sentence before it and in the sentence before that."""
        start = self.doc[token.sent.start - 1].sent.start if token.sent.start > 0 else token.sent.start
        return [ent for ent in self._ents if start <= ent.start and ent.end <= token.i]

    def _described_state(self, token: Token) -> list[Mention]:
        """'the country', 'the island nation', 'the West African country', 'the former Soviet
        republic', 'the Gulf state': a state named in this or the previous sentence.

        Only "the" + a singular noun whose modifiers describe a place or a standing ("tiny",
        "landlocked", "war-torn", capitalised place words), never "the other/host country" nor
        "the island of X". As a subject it continues the one state named as a subject there
        ("Manila ... The Southeast Asian nation asked"); elsewhere it stands for the one state
        named at all there, its own clause's subject aside ("Paris sent troops to Mali ... to the
        West African country"). A second candidate, or a place the dictionary does not know
        ("Somaliland", "Lampedusa"), leaves it unresolved.
        """
        lemma = token.lemma_.lower()
        if lemma not in _DESCRIBED_NOUNS or token.tag_ != "NN" or token.i in self._actor_spans:
            return []
        determiners = [child.lower_ for child in token.children if child.dep_ in ("det", "poss")]
        modifiers = [child for child in token.children if child.dep_ in ("amod", "compound", "nmod")]
        described = all(
            (word.text[:1].isupper() and word.i not in self._actor_spans) or word.lower_ in _PLACE_WORDS
            for modifier in modifiers for word in modifier.subtree if word.is_alpha or word.text == "-")
        named_of = any((child.dep_ == "prep" and child.lower_ == "of") or child.dep_ in ("appos", "acl", "relcl")
                       for child in token.children if child.i > token.i)
        if determiners != ["the"] or not described or named_of:
            return []
        verb = token.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        own_subjects = {actor.country for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")
                        for word in child.subtree for actor in [self.actor_at(word)] if actor is not None}
        window = self._window(token)
        start = window[0].sent.start if window else token.sent.start
        # places the dictionary does not know may be what is described ("in Somaliland ... the country")
        unknown = [ent for ent in self.doc.ents if not ent.ent_id_ and start <= ent.start and ent.end <= token.i
                   and ent.start_char >= self.dateline_end
                   and ent.label_ in (("GPE", "LOC") if lemma in _ISLAND_WORDS else ("GPE",))]
        islands = lemma in _ISLAND_WORDS and any(
            word.lower_ in _ISLAND_WORDS and word.i not in self._actor_spans
            for word in self.doc[start:token.i])
        if unknown or islands:
            return []
        role = self._is_subject(token)
        # names in the same role compete: as subject a description continues an earlier subject,
        # elsewhere an earlier object or place ("Riots broke out in Honiara ... sent police to the
        # island nation"); a name on an agent word competes but is not described
        # ("Peru ordered Mexico's envoy to leave the country": the country is not Mexico)
        same_role = [ent for ent in window if self._is_subject(ent.root) == role]
        named = {m.actor.country: m for ent in same_role for m in [self._from_span(ent, ent.root)]
                 if m and m.actor.kind == "state" and m.actor.country not in own_subjects
                 and (role or self._argument_head(ent.root).i in range(ent.start, ent.end))}
        rivals = {actor.country for ent in same_role for actor in [self._actor_ref(ent)]
                  if actor is not None and actor.kind in ("state", "person") and actor.country} - own_subjects
        if not rivals and not role:
            # no object or place to continue: the one state named at all ("Qatar hosted the talks.
            # Ukraine thanked the Gulf state"), its own clause's subject aside
            named = {m.actor.country: m for ent in window for m in [self._from_span(ent, ent.root)]
                     if m and m.actor.kind == "state" and m.actor.country not in own_subjects}
            rivals = {actor.country for ent in window for actor in [self._actor_ref(ent)]
                      if actor is not None and actor.kind in ("state", "person") and actor.country} - own_subjects
        if len(named) != 1 or set(named) != rivals:
            return []
        only = next(iter(named.values()))
        return [Mention(token=token.i, confidence=0.6, actor=replace(only.actor, text=token.text))]

    def _title_words(self, token: Token) -> str:
        """The office a bare title names: "the foreign minister" -> "foreign minister"."""
        words = [child.lower_ for child in token.lefts if child.dep_ in ("compound", "amod") and child.is_lower]
        return " ".join([*words, token.lower_])

    def _titled_state(self, token: Token) -> list[Mention]:
        """'the prime minister', 'the foreign minister', 'the president': the one state whose holder
        of that office the story named before ("Japanese Prime Minister Fumio Kishida ... the prime
        minister said"). Any second candidate, a holder of no known state, or another person named
        who holds that office ("Putin met Chinese President Xi. The president ...") leaves it unresolved."""
        determiners = [child.lower_ for child in token.children if child.dep_ in ("det", "poss")]
        if determiners != ["the"] or token.tag_ != "NN" or token.lower_ not in _PERSON_TITLES:
            return []
        if any(child.dep_ in ("amod", "compound") and not child.is_lower for child in token.lefts):
            return []
        if token.i in self._titles:
            return self._titles[token.i]
        self._titles[token.i] = []
        title = self._title_words(token).split()
        states: dict[str, Mention] = {}
        unknown = False
        for index in range(token.i - len(title), -1, -1):
            words = self.doc[index:index + len(title)]
            if [word.lower_ for word in words] != title or words.start_char < self.dateline_end:
                continue
            holder = words[-1]
            # "Prime Minister Kishida": the title is a compound of the person's name
            while holder.dep_ == "compound" and holder.head.i > holder.i:
                holder = holder.head
            found = [m for m in self.resolve(holder) if m.actor.kind in ("state", "person")]
            if not found:
                unknown = True
            for mention in found:
                states.setdefault(mention.actor.country, mention)
        roles = _TITLE_ROLES.get(" ".join(title), set())
        for ent in self._ents:
            if ent.end > token.i or not roles:
                continue
            actor = self._actor_ref(ent)
            office = self.actors.office_of(actor.id, date=self.date) if actor and actor.kind == "person" else None
            if office is not None and office.role in roles and office.country not in states:
                unknown = True
        if unknown or len(states) != 1:
            return []
        only = next(iter(states.values()))
        self._titles[token.i] = [Mention(token=token.i, confidence=0.6, actor=replace(only.actor, text=token.text))]
        return self._titles[token.i]

    def _person_subject(self, pronoun: Token) -> list[Mention]:
        """'He' / 'She' opening a sentence stands for the person named as the subject of the sentence
        before ("Lula arrived in Beijing on Tuesday. He met Xi ..."), only when no other person is
        named there or earlier in its own sentence. Inside a sentence ("Orban said he has vetoed
        ...") it is left alone: the corpus audit found it wrong 2 times in 3."""
        if pronoun.head.i != pronoun.sent.root.i or pronoun.sent.start == 0:
            return []
        previous = self.doc[pronoun.sent.start - 1].sent
        subjects = [child for child in previous.root.children if child.dep_ in ("nsubj", "nsubjpass")]
        if len(subjects) != 1 or not (subjects[0].ent_type_ == "PERSON" or subjects[0].lower_ in _PERSON_TITLES):
            return []
        named = self.resolve(subjects[0])
        # one person in view: the subject (a name and its title are one person)
        person = self._argument_head(subjects[0]).i
        others = [t for t in self.doc[previous.start:pronoun.i] if (t.ent_type_ == "PERSON" or (
            t.lower_ in _PERSON_TITLES and t.tag_ == "NN")) and self._argument_head(t).i != person]
        if len(named) != 1 or others:
            return []
        return [Mention(token=pronoun.i, actor=named[0].actor, confidence=min(named[0].confidence, 0.6))]
