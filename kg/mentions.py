"""The actors stage over a parse: which actor (if any) a token of a sentence stands for.

Rules, in order, for the head token of an argument:

1. the token is inside an actor name the ruler marked (a state, capital, seat of power,
   IGO or a known person): that actor; a demonym alone ("the Chinese") stands for nobody;
2. the token is an agent word ("ministry", "forces", "ambassador") or a person's name, and a
   state or IGO modifies it ("the Brazilian foreign ministry", "Russia's UN Ambassador
   Vassily Nebenzia", "Germany foreign minister Annalena Baerbock"): the modifying state;
3. "the two countries", "both sides", "the two leaders": the two states named last before it
   in the document (short coreference).

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
_PAIR_NOUNS = {"country", "nation", "side", "leader", "government", "state", "neighbour", "neighbor"}
_PAIR_WORDS = {"two", "both"}
#: Heads of a definite description that stands for a state named just before: "the island nation".
_DESCRIBED_NOUNS = {"country", "nation", "kingdom", "republic", "archipelago", "state"}
#: Lower-case words that may describe a state by its place: "the island nation", "the Pacific island nation".
_PLACE_WORDS = {"island", "landlocked", "coastal", "neighbouring", "neighboring"}
_SUBJECT_PRONOUNS = {"it", "they"}
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


def _out_of_office(token: Token) -> bool:
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
        for ent in doc.ents:
            if ent.ent_id_ and not _is_dateline(ent):
                for index in range(ent.start, ent.end):
                    self._actor_spans[index] = ent

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
        if self._is_agent(token) or token.ent_type_ == "PERSON":
            found = self._modifying_states(token) or self._complement_states(token)
            if found:
                return found
            if _has_possessive_pronoun(token):
                # "... and their coast guards held a drill" (but "his North Korean counterpart" names its state)
                return self._clause_subject(token)
        members = self._group_members(token) if token.lemma_.lower() in _GROUP_NOUNS else []
        # "the two leaders", "both sides"; "the Andean country"
        return members or self._pair_coreference(token) or self._described_state(token)

    def _out_of_office(self, token: Token, span: Span | None) -> bool:
        """A person or agent word that a modifier puts outside the state's service."""
        if span is not None:
            entry = self.actors.entry(span.ent_id_)
            official = entry is not None and entry.kind == "person"
        else:
            official = self._is_agent(token) or token.ent_type_ == "PERSON"
        return official and _out_of_office(token)

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
        for ent in reversed(self.doc.ents):
            if ent.end > pronoun.i or ent.start < pronoun.sent.start:
                continue
            named = self._from_span(ent, ent.root)
            if named is not None and named.actor.country not in excluding:
                return [Mention(token=pronoun.i, actor=named.actor, confidence=0.6)]
        return []

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

    def _described_state(self, token: Token) -> list[Mention]:
        """'the Andean country', 'the island nation': a state named shortly before.

        Only a singular description whose modifiers all place it ("West African", "Middle Eastern",
        "island"). Outside a subject it stands for the one state named outside any subject (the
        place or party acted on: "Madrid sent envoys to Peru ... to the Andean country") in
        its own or the previous sentence, and not in its own clause's subject; as a subject, for the
        one state named as a subject there ("Nairobi ... The East African nation asked").
        With two such states it stands for none.
        """
        if token.lemma_.lower() not in _DESCRIBED_NOUNS or token.tag_ != "NN":
            return []
        modifiers = [child for child in token.children if child.dep_ in ("amod", "compound", "nmod")]
        determiners = [child.lower_ for child in token.children if child.dep_ == "det"]
        placed = modifiers and all(
            (word.text[:1].isupper() and word.i not in self._actor_spans) or word.lower_ in _PLACE_WORDS
            for modifier in modifiers for word in modifier.subtree if word.is_alpha)
        if determiners != ["the"] or not placed:
            return []
        window_start = self.doc[token.sent.start - 1].sent.start if token.sent.start > 0 else token.sent.start
        verb = token.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        own_subjects = {actor.country for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")
                        for word in child.subtree for actor in [self.actor_at(word)] if actor is not None}
        # names that head their phrase (not "China" in "the South China Sea"), in the same role: a
        # description as subject continues an earlier subject, as object an earlier object or place
        role = _in_subject(token)
        candidates = [ent for ent in self.doc.ents if window_start <= ent.start and ent.end <= token.i
                      and _in_subject(ent.root) == role and ent.root.dep_ not in ("compound", "amod")]
        named = {m.actor.country: m for ent in candidates for m in [self._from_span(ent, ent.root)]
                 if m and m.actor.kind == "state" and m.actor.country not in own_subjects}
        if len(named) != 1:
            # two states it could be ("Quito's dispute with Lima ... the Andean nation"): none
            return []
        only = next(iter(named.values()))
        return [Mention(token=token.i, confidence=0.6, actor=replace(only.actor, text=token.text))]

    def _pair_coreference(self, token: Token) -> list[Mention]:
        """'the two countries', 'both sides': the last two distinct states named before the token."""
        if token.lemma_.lower() not in _PAIR_NOUNS or token.tag_ not in ("NNS", "NNPS"):
            return []
        if not any(child.lower_ in _PAIR_WORDS for child in token.children):
            return []
        # states named as subjects come first ("Ghana and Togo agreed ... as the two sides signed")
        earlier = [ent for ent in reversed(self.doc.ents) if ent.end <= token.i]
        ranked = sorted(earlier, key=lambda ent: not _in_subject(ent.root))
        recent: list[str] = []
        for ent in ranked:
            actor = self._actor_ref(ent)
            if actor and actor.country and actor.kind in ("state", "person") and actor.country not in recent:
                recent.append(actor.country)
            if len(recent) == 2:
                break
        if len(recent) < 2:
            return []
        mentions = []
        for country in reversed(recent):
            entry = self.actors.entry(country)
            label = entry.label if entry else country
            mentions.append(Mention(token=token.i, confidence=0.6, actor=ActorRef(
                text=token.text, id=country, country=country, kind="state", label=label)))
        return mentions
