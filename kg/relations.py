"""The relations stage: dependency rules that turn a parsed sentence into typed ``Relation`` records.

One generator per construction, each under a comment naming it. A trigger is a verb of the
event lexicon ("accuse"), a light verb with its object ("impose" + "sanctions") or a noun
("Lula's visit to Angola"). Its actors come from the parse: subjects (with their
conjuncts), direct and dative objects, the objects of the entry's target prepositions,
passive agents ("by the US"), possessors of nominal triggers.

Confidence multiplies a construction's base (subject-verb-object 0.9, light verb 0.85,
joint action among coordinated subjects 0.85, passive 0.85, nominal trigger 0.7) by the
weakest actor resolution of the pair (kg.mentions: name 1.0, metonym 0.9, title 0.85,
coreference 0.6). Hedged and negated relations carry their flags; callers choose to keep them.

Example:
    >>> from kg.parse import load_pipeline
    >>> from kg.records import Document
    >>> nlp = load_pipeline()
    >>> document = Document(id="d1", text="Brazil will supply Paraguay with turbines.")
    >>> [(r.source.country, r.type, r.target.country, r.verb)
    ...  for r in extract_relations(nlp(document.text), document)]
    [('BRA', 'AID', 'PRY', 'supply')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from kg.events import EventLexicon, LexiconEntry, default_lexicon
from kg.mentions import Mention, MentionResolver, conjuncts
from kg.records import ActorRef, Document, Relation

__all__ = ["extract_relations"]

_SUBJECT_DEPS = {"nsubj"}
_PASSIVE_SUBJECT_DEPS = {"nsubjpass"}
_OBJECT_DEPS = {"dobj", "dative", "obj"}
#: Dependency labels through which a clause inherits the subject of the clause above it.
_SUBJECT_INHERITING_DEPS = {"xcomp", "conj", "advcl"}
#: Prepositions whose gerund shares the subject of the verb they hang on: "angered India by
#: signing a pact", "after meeting", "while visiting" (not "accused X of attacking": X attacked).
_SHARED_SUBJECT_PREPS = {"by", "after", "before", "while", "since", "upon", "through"}
#: Nouns whose complement names the state behind them: "the border with Laos", "imports from Peru".
_CONTAINER_NOUNS = {"border": ("with", "of"), "frontier": ("with", "of"), "boundary": ("with", "of"),
                    "import": ("from", "of"), "export": ("to", "of"), "product": ("from", "of"),
                    "good": ("from",), "alert": ("along", "near", "at", "on")}
_NEGATION_WORDS = {"not", "n't", "never", "no"}
#: Things a state's name may label without standing for the state: "US firms" are companies.
_NON_STATE_HEADS = {"firm", "company", "corporation", "bank", "business", "group", "party", "rebel",
                    "enterprise", "supplier", "manufacturer", "exporter", "importer", "producer", "contractor",
                    "airline", "insurer", "investor",
                    "militant", "insurgent", "newspaper", "media", "broadcaster", "club", "team",
                    "national", "citizen", "resident", "tourist", "journalist", "activist", "worker",
                    "student", "businessman", "fisherman", "protester", "refugee", "migrant",
                    "sea", "ocean", "gulf", "strait", "bay"}
#: Verbs whose object is always a party, never an event, so an object pronoun names an actor.
_PARTY_OBJECT_VERBS = {"accuse", "blame", "urge", "ask", "warn", "sanction", "expel", "call on", "threaten",
                       "criticize", "criticise", "praise", "congratulate", "support", "back", "meet", "visit"}
#: Prepositions that carry the target inside a clause complement: "threatened to launch strikes on ...".
_COMPLEMENT_TARGET_PREPS = ("on", "against", "at", "into", "to", "with", "between")
#: Participles that tie a thing to a state, with the prepositions that name it: goods to their
#: origin ("vehicles imported from China"), a post to its owner ("a checkpoint belonging to Ethiopia"),
#: an envoy to the state he is posted in ("its ambassador based in Nairobi").
_OWNING_PARTICIPLES = {"import": ("from",), "export": ("from",), "ship": ("from",), "make": ("in",),
                       "produce": ("in",), "manufacture": ("in",), "belong": ("to",), "own": ("by",),
                       "base": ("in",), "station": ("in",), "post": ("in", "to"), "accredit": ("to", "in")}
#: Verbs of membership: their target must be an organisation.
_MEMBERSHIP_VERBS = {"join", "rejoin", "accede"}
#: Purposes that make a deployment aid: "to help", "to support", "to assist" a government.
_HELP_VERBS = {"help", "support", "assist", "protect", "defend", "bolster", "train"}
_GOVERNMENT_NOUNS = {"government", "authorities", "regime"}
#: Light verbs coded by their purpose clause: "summoned the envoy to protest / to demand".
_PURPOSE_CODED = {"summon"}
#: Nominal types of a lifted measure that was in force: "lifted its ban", "eased the blockade".
_MEASURE_TYPES = {"SANCTION", "COERCE"}
_CLOSABLE_NOUNS = {"border", "frontier", "crossing", "airspace"}
#: Types of the act a summons protests, and nouns whose complement names that act ("the use of water cannon").
_PROTESTED_TYPES = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"}
_DOING_NOUNS = {"use", "firing", "deployment", "launch"}
#: Participles that take the main clause's target, and the main clauses that lend it.
_PARTICIPLE_TYPES = {"REQUEST", "ACCUSE", "THREATEN", "COERCE", "ASSAULT"}
_ANCHOR_TYPES = {"ACCUSE", "REQUEST", "THREATEN", "REJECT", "PROTEST", "SANCTION", "COERCE", "ASSAULT", "CONCEDE",
                 "MOBILIZE"}
_OBJECT_PRONOUNS = {"him", "her", "it", "them"}
#: Addressees a participle may name without naming a state: "urging both sides", "warning other nations".
_PARTY_NOUNS = {"side", "party", "country", "nation", "state", "government", "community", "world", "member",
                "leader", "neighbour", "neighbor", "ally", "partner", "power", "official", "authority", "council",
                "body", "organization", "organisation", "institution", "bloc", "region", "everyone", "all", "other"}
#: Prepositions that set an attack as the scene of the clause's act: "seized the post after shelling".
_SEQUENCE_PREPS = {"after", "following", "amid"}
#: CAMEO codes of seizing ground or property by force: "captured the post", "seized the town".
_SEIZING_CAMEO = {"171", "1711", "192"}
#: People a measure may name as its target: sanctions on them are personal, not on their state's economy.
_PERSONAL_TARGETS = {"member", "official", "individual", "lawmaker", "legislator", "person", "people", "leader",
                     "minister", "diplomat", "officer", "businessman", "oligarch", "citizen", "journalist", "senator",
                     "entity", "family", "relative", "judge", "commander", "general", "politician"}
#: Verbs of commitment: vowing retaliation or violence is a threat (not aid, not an agreement).
_COMMITMENT_VERBS = {"vow", "pledge", "promise", "swear"}
_RETALIATION_VERBS = {"retaliate", "avenge", "punish", "hit back", "strike back", "fight back"}
_RETALIATION_WORDS = {"retaliation", "retaliatory", "revenge", "reprisal", "reprisals", "retribution", "vengeance"}
_HARSH_WORDS = {"harsh", "tough", "strong", "firm", "decisive", "resolute", "crushing", "severe", "forceful",
                "befitting", "military", "swift"}
#: Key under which a Doc's ``user_data`` keeps its text for ``_text``.
_DOC_TEXT = "kg.relations.text"
#: Words that make a gathering one act of all its parties: "a trilateral summit", "three-way talks".
_MULTILATERAL = re.compile(r"\b(?:tri|multi|quadri)lateral\b|\bjoint\b"
                           r"|\b(?:three|four|five|six)[- ](?:way|nations?|party|country|countries)\b", re.IGNORECASE)
#: Documents that, in the plural with one signer and several partners, are one with each partner.
_DOCUMENT_NOUNS = {"agreement", "deal", "accord", "pact", "treaty", "memorandum", "contract", "protocol",
                   "declaration", "communique", "statement", "charter", "convention"}
#: Verbs whose guests meet at one gathering: "hosted the leaders of A and B", "convened A and B".
_CONVENING_VERBS = {"host", "convene"}
#: Verbs that, in the simple present, describe a standing state of affairs, not an act:
#: "Oman and Qatar form part of the bloc", "the six states that make up the council".
_STATIVE_VERBS = {"form", "constitute", "comprise", "make up", "compose"}
_PROTEST_VERBS = {"protest", "complain", "condemn", "criticize", "criticise", "denounce", "object"}
_DEMAND_VERBS = {"demand", "ask", "request", "seek", "urge"}
#: Prepositions that place a clause at a gathering, and verbs that say its subject took part in one.
_SCENE_PREPS = {"at", "during", "in", "after", "following"}
_PARTICIPATION_VERBS = {"hold", "attend", "join", "begin", "start", "open", "conclude", "end", "wrap",
                        "have", "kick", "complete", "stage", "conduct", "undertake"}
#: Mutual nominal events whose parties may all be named as owners or subjects ("the India-GCC meeting").
_GATHERING_TYPES = {"CONSULT", "COOPERATE"}
#: Types whose clause complement names the target: "threatened to destroy X", "refused to meet X";
#: so do verbs the modality table lists as governors ("offered to help X").
_COMPLEMENT_TARGET_TYPES = {"THREATEN", "REQUEST", "REJECT"}
#: Types whose clause's subject is the target, by the clause's link: "complained that X's policy ...".
_CLAIM_TARGET_TYPES = {"ACCUSE": ("ccomp",), "PROTEST": ("advcl",)}
#: Dependents of a clause that suspend it, by dependency label: "may sign", "whether ... signed".
_CLAUSE_CUES = {"aux": "modal", "mark": "mark"}
#: Marker in a lexicon entry's target_preps: the direct object is a topic, not a party ("discussed Iran").
_TOPIC_OBJECT = "-obj"
#: Marker on a nominal entry: whoever answers the noun is its target ("Addis Ababa dismissed Cairo's proposal").
_ANSWERER_TARGET = "-answerer"
#: Marker on an entry: with no target named, the target is the source's last attacker ("fired back").
_RETALIATION_TARGET = "-retaliation"
#: Marker on an entry: with no target named, the target is the victim of what is apologised for.
_APOLOGY_TARGET = "-apology"
#: Marker on an entry: with no target named, the target is who hosts the object ("boycotted a summit in Japan").
_HOST_TARGET = "-host"
#: Marker on a nominal entry: with no target named, the place visited is the target ("his Manila
#: visit", "arrived in Lima on a state visit").
_PLACE_TARGET = "-place"
#: Marker on an entry: the object must name its target (a leader, a state), not label a thing
#: ("hosted Lula", not "hosted the African Union summit" or "hosts US personnel").
_NAMED_TARGET = "-named"
#: Marker on an entry: only a person, or an office held by one, is its subject; the place reached is
#: the target ("Lula arrived in Hanoi"), and troops, police, ships, aid or migrants arriving visit no one.
_VISITOR_SOURCE = "-visitor"
#: Heads of a subject that names a visitor by office ("the Chilean president", "a Thai delegation").
_VISITOR_HEADS = {"president", "minister", "premier", "chancellor", "leader", "king", "queen", "emir", "prince",
                  "monarch", "sultan", "ambassador", "envoy", "emissary", "diplomat", "delegation", "secretary",
                  "counterpart", "official", "negotiator", "he", "she"}
#: Military offices held by one person, who can be received or hosted like a minister.
_COMMANDERS = {"chief", "commander", "general", "admiral", "marshal"}
#: Goods whose delivery is trade, not aid, unless the text calls it aid: "LNG deliveries to Pakistan".
_TRADE_GOODS = {"oil", "gas", "lng", "crude", "grain", "wheat", "corn", "maize", "rice", "sugar", "coal", "steel",
                "fertiliser", "fertilizer", "soybean", "timber", "electricity", "export", "import", "good", "product"}
#: Words that make a delivery of goods aid after all: "humanitarian fuel deliveries", "relief grain".
_AID_WORDS = {"aid", "humanitarian", "relief", "assistance", "emergency", "donate", "donated", "free"}
#: Definite nouns that refer back to the event just told ("condemned the move"), with the type
#: that event must have (None: any).
_EVENT_ANAPHORS = {"move": None, "decision": None, "step": None, "action": None, "attack": "ASSAULT",
                   "strike": "ASSAULT", "airstrike": "ASSAULT", "raid": "ASSAULT", "expulsion": "COERCE",
                   "deployment": "MOBILIZE"}
#: (light verb type, noun type): a noun that stays its own event under such a light verb.
_STANDING_NOUNS = {("COOPERATE", "MOBILIZE")}
#: Places an attack hits, which stand for the state they are in: "targets in Syria".
_SITE_NOUNS = {"target", "position", "base", "site", "facility", "installation", "infrastructure", "outpost",
               "depot", "airfield", "airbase", "city", "town", "village", "port", "airport", "plant", "station",
               "headquarters", "barracks", "garrison", "military"}
#: Words that make a site someone's other than a state's: "militant camps", "rebel positions".
_NON_STATE_LABELS = {"militant", "terrorist", "rebel", "insurgent", "jihadist", "extremist", "separatist",
                     "guerrilla", "opposition", "militia", "cartel", "pirate", "smuggler", "terror"}
#: Verbs whose subject is what their object (a condemnation) condemns: "the test drew criticism".
_PROVOKING_VERBS = {"draw", "spark", "prompt", "trigger", "provoke", "attract", "earn", "elicit", "bring"}
#: Types of verbs that react to another's act named as their object ("welcomed the aid").
_REACTION_TYPES = {"ACCUSE", "PROTEST", "REJECT", "SUPPORT", "REQUEST"}
#: Types of verbs that may condemn such a reference, as their object ("condemned the launch")
#: or as their occasion ("in response to the launch", with hostile acts).
_CONDEMNING_TYPES = {"ACCUSE", "PROTEST", "REJECT"}
_ANAPHOR_TYPES = _CONDEMNING_TYPES | {"SANCTION", "THREATEN"}
#: Nouns that name an act by its verbs ("the launch": who launched or fired a missile just before).
_ACT_NOUNS = {"launch": {"launch", "fire", "test-fire"}, "test": {"test", "test-fire"}, "firing": {"fire"},
              "coup": {"seize", "topple", "overthrow", "oust", "depose"}, "arrest": {"arrest", "detain"},
              "detention": {"detain", "arrest"}, "seizure": {"seize"}, "decision": {"decide"},
              "announcement": {"announce"}, "remark": {"say", "remark"}, "comment": {"say", "comment"},
              "statement": {"say", "state", "declare"}, "incursion": {"enter", "cross", "intrude"},
              "annexation": {"annex"}, "invasion": {"invade"}, "killing": {"kill"}, "execution": {"execute"},
              "shooting": {"shoot"}, "expulsion": {"expel"}, "deployment": {"deploy"}, "attack": {"attack"},
              "strike": {"strike", "bomb"}, "airstrike": {"strike", "bomb"}, "bombing": {"bomb"},
              "shelling": {"shell"}, "proposal": {"propose"}, "offer": {"offer"}, "closure": {"close"},
              "ban": {"ban"}, "sanction": {"sanction", "impose"}, "tariff": {"impose"}, "drill": {"hold", "stage"},
              "exercise": {"hold", "stage"}, "blockade": {"blockade"}, "raid": {"raid"},
              "occupation": {"occupy"}, "bombardment": {"bombard"}, "siege": {"besiege"}}
_DEFINITE_DETERMINERS = ("the", "this", "that", "these", "those")
#: Frames that make their complement the occasion of an act: "in response to", "in retaliation for".
_RESPONSE_NOUNS = {"response": ("to",), "reaction": ("to",), "retaliation": ("for", "against"),
                   "protest": ("at", "against", "over")}
#: Marker on an entry: an event only when its complement condemns ("called the move illegal").
_BLAME_COMPLEMENT = "-blame"
#: Links of a verb's dependents that are not what it says of its object.
_NOT_COMPLEMENT_DEPS = {"nsubj", "nsubjpass", "advcl", "conj", "cc", "punct", "advmod", "npadvmod", "aux", "neg",
                        "mark"}
#: Links by which a phrase sets the scene of a clause rather than being its content.
_ADJUNCT_DEPS = {"prep", "npadvmod", "advmod"}
#: How a clause or object hangs on the verb that governs it (and so may hedge or deny it).
_GOVERNED_DEPS = {"xcomp", "ccomp", "dobj", "nsubjpass", "oprd", "acomp"}


@dataclass(frozen=True)
class _Trigger:
    """A lexicon entry found at a token, with the construction that found it."""

    token: Token
    entry: LexiconEntry
    object_token: Token | None
    base_confidence: float


def extract_relations(doc: Doc, document: Document, *, lexicon: EventLexicon | None = None,
                      resolver: MentionResolver | None = None) -> Iterator[Relation]:
    """Yield every relation in a parsed document, asserted or not, one per (source, target, type) a sentence.

    Args:
        doc: The spaCy parse of ``document.text`` (with kg's actor ruler in the pipeline).
        document: The document the parse came from (id and date go into each relation).
        lexicon: The event lexicon; the shipped one by default.
        resolver: Resolves tokens to actors; one is built for ``doc`` by default.
    """
    lexicon = lexicon or default_lexicon()
    resolver = resolver or MentionResolver(doc, date=document.date)
    story = _Story()
    for sent in doc.sents:
        best: dict[tuple[str | None, str | None, str], Relation] = {}
        for relation in _sentence_relations(sent, document, lexicon, resolver, story):
            key = (relation.source.country, relation.target.country, relation.type)
            kept = best.get(key)
            if kept is None or (relation.asserted, relation.confidence) > (kept.asserted, kept.confidence):
                best[key] = relation
        yield from best.values()


@dataclass
class _Story:
    """What the document has asserted so far, for later references back to it."""

    #: each attacked state's last attacker: "Djibouti fired back" answers it
    attackers: dict[str, ActorRef] = field(default_factory=dict)
    #: the last asserted event and the sentence it came from: "condemned the move" refers to it
    last_event: Relation | None = None
    last_sentence: int = -1


def _sentence_relations(sent: Span, document: Document, lexicon: EventLexicon,
                        resolver: MentionResolver, story: _Story) -> Iterator[Relation]:
    """The relations of one sentence, reading and updating what the ``story`` asserted so far."""
    question = _text(sent).rstrip().endswith("?")
    attackers = story.attackers
    threats = _implied_threats(sent, lexicon, resolver)
    triggers = [threats.get(trigger.token.i, trigger) for trigger in _triggers(sent, lexicon)]
    triggers += [threat for i, threat in threats.items() if all(t.token.i != i for t in triggers)]
    for trigger in filter(None, map(_by_purpose, triggers)):
        if _protest_purpose(trigger, lexicon) or _describes_standing_state(trigger.token):
            continue
        if _BLAME_COMPLEMENT in trigger.entry.target_preps:
            pairs = _blame_pairs(trigger.token, resolver, lexicon)
        else:
            pair_finder = _nominal_pairs if trigger.entry.pos == "noun" else _verbal_pairs
            pairs = pair_finder(trigger, resolver, lexicon)
        if not pairs and _RETALIATION_TARGET in trigger.entry.target_preps:
            # "Eritrea shelled a Djiboutian outpost. Djibouti fired back."
            pairs = [(source, Mention(token=trigger.token.i, actor=attackers[source.actor.country], confidence=0.6),
                      round(trigger.base_confidence * min(source.confidence, 0.6), 3))
                     for source in _resolve_all(_subjects(trigger.token), resolver)
                     if source.actor.country in attackers]
        if not pairs and trigger.entry.type in _ANAPHOR_TYPES and trigger.entry.pos == "verb" and (
                _BLAME_COMPLEMENT not in trigger.entry.target_preps or _condemns(trigger.token, lexicon)):
            pairs = _event_anaphor_pairs(trigger, resolver, story, sent)
        if not pairs:
            pairs = _participle_pairs(trigger, resolver, lexicon)
        if trigger.entry.type == "RETREAT" and trigger.object_token is not None and _on_persons(trigger, resolver):
            # lifting sanctions on persons eases an administrative measure (scheme: CONCEDE)
            trigger = replace(trigger, entry=replace(trigger.entry, type="CONCEDE", cameo="081", goldstein=5.0))
        # an offer stands whatever its answer says: "Addis Ababa rejected Cairo's proposal"
        negated, hedged = _modality(trigger.token, lexicon, threat=trigger.entry.type == "THREATEN",
                                    answered=_ANSWERER_TARGET in trigger.entry.target_preps)
        # what a state vows to do to another is the threat's content, not yet done
        hedged = hedged or any(_threatens(threat.token, trigger.token) for threat in threats.values())
        reporter = _reporter(trigger.token, lexicon, resolver) if pairs else None
        for event, event_pairs in [(trigger, pairs), *_implied_events(trigger, pairs, resolver, lexicon)]:
            for source, target, confidence in event_pairs:
                if source.actor.country == target.actor.country:
                    continue
                relation = _relation(event, source, target, confidence, sent, document,
                                     negated=negated, hedged=hedged or question)
                if relation.type == "ASSAULT" and relation.asserted and target.actor.country:
                    attackers[target.actor.country] = source.actor
                if relation.asserted and event is trigger:
                    story.last_event, story.last_sentence = relation, sent.start
                yield replace(relation, reported_by=reporter.actor) if reporter else relation


def _reporter(trigger: Token, lexicon: EventLexicon, resolver: MentionResolver) -> Mention | None:
    """Who the text says reported the event: the subject of a reporting verb whose complement
    holds it ("Kyiv said Russian troops attacked ..."), or "according to X"."""
    node = trigger
    while node.head.i != node.i:
        if node.dep_ == "ccomp" and lexicon.has_cue(node.head.lemma_.lower(), "report"):
            found = _resolve_all(_subjects(node.head), resolver)
            if found:
                return found[0]
        node = node.head
    for token in trigger.sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            objects = [pobj for prep in (token, token.nbor()) for pobj in prep.children if pobj.dep_ == "pobj"]
            found = _resolve_all(objects, resolver)
            if found:
                return found[0]
    return None


def _triggers(sent: Span, lexicon: EventLexicon) -> Iterator[_Trigger]:
    for token in sent:
        # a copula may condemn: "Chile's conduct was deeply disappointing"
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and any(c.dep_ in ("acomp", "attr") for c in token.children)):
            yield from _verb_triggers(token, lexicon)
        elif token.pos_ in ("NOUN", "PROPN") and (
                lexicon.may_be_noun(token.lower_) or lexicon.may_be_noun(token.lemma_)):
            # "joint naval patrols", and "joint coast guard patrols" where "joint" hangs on the compound
            compounds = [child for child in token.children if child.dep_ == "compound"]
            modifiers = [f"{child.lower_} {token.lower_}" for holder in [token, *compounds]
                         for child in holder.children if child.dep_ == "amod"]
            # "prisoner swap", "an exchange of prisoners": the noun named with its compound or complement
            compounded = [f"{child.lower_} {token.lower_}" for child in compounds]
            complemented = [f"{token.lower_} of {pobj.lower_}" for pobj in _with_of_complements([token])[1:]]
            names = [*modifiers, *compounded, *complemented, token.lower_, token.lemma_]
            entries = next(filter(None, map(lexicon.nouns, names)), [])
            yield from (_Trigger(token, entry, None, 0.7) for entry in entries)


def _by_purpose(trigger: _Trigger) -> _Trigger | None:
    """Settle events whose type the scheme reads from their purpose clause.

    Troops sent to help a government are aid ("Ghana deployed soldiers to Gambia to help
    its government" -> AID, not MOBILIZE); summoning an envoy is coded for why ("to protest" ->
    ACCUSE, "to demand" -> REQUEST) and a summons with no stated purpose is no event.
    """
    purposes = [child for child in trigger.token.children if child.dep_ in ("advcl", "xcomp")]
    # "Accra protested and summoned the Togolese envoy": a conjoined verb states the purpose too
    siblings = [child for child in trigger.token.children if child.dep_ == "conj"] + (
        [trigger.token.head] if trigger.token.dep_ == "conj" else [])
    lemmas = {child.lemma_.lower() for child in purposes + siblings}
    if trigger.entry.type == "MOBILIZE" and any(
            child.lemma_.lower() in _HELP_VERBS and any(t.lemma_.lower() in _GOVERNMENT_NOUNS for t in child.subtree)
            for child in purposes):
        return replace(trigger, entry=replace(trigger.entry, type="AID", cameo="074", goldstein=8.5))
    if trigger.entry.trigger in _PURPOSE_CODED:
        if lemmas & _DEMAND_VERBS:
            return replace(trigger, entry=replace(trigger.entry, type="REQUEST", cameo="100", goldstein=-5.0))
        return trigger if lemmas & _PROTEST_VERBS else None
    return trigger


def _protest_purpose(trigger: _Trigger, lexicon: EventLexicon) -> bool:
    """"walked out to protest X", "summoned the envoy to protest": the protest is the purpose of
    the event above it, which is coded for it; it is no second event."""
    token = trigger.token
    infinitive = token.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    return (infinitive and trigger.entry.trigger in _PROTEST_VERBS and token.head.pos_ == "VERB"
            and bool(_verb_triggers(token.head, lexicon)))


# --- implied events: what a clause asserts besides its main event ------------------------------

def _implied_events(trigger: _Trigger, pairs: list[tuple[Mention, Mention, float]], resolver: MentionResolver,
                    lexicon: EventLexicon) -> list[tuple[_Trigger, list[tuple[Mention, Mention, float]]]]:
    """Events a trigger asserts besides its own, each with its pairs; they share its modality.

    - A lifted or eased measure was in force: "Kenya lifted its ban on Ugandan sugar" is RETREAT
      and the ban (SANCTION), between the same parties unless the measure names another owner.
    - What a summons protests, when it is an event with an owner: "Hanoi summoned Beijing's envoy
      to protest its navy's seizure of Vietnamese boats" is ACCUSE and China's seizure (COERCE).
    """
    implied: list[tuple[_Trigger, list[tuple[Mention, Mention, float]]]] = []
    measure = trigger.object_token
    if trigger.entry.type == "RETREAT" and measure is not None and pairs:
        # "reopened its border with Laos": the border was closed (scheme: a border closure is SANCTION)
        names = ["closure"] if measure.lemma_.lower() in _CLOSABLE_NOUNS else _noun_names(measure)
        entries = [entry for name in names for entry in lexicon.nouns(name) if entry.type in _MEASURE_TYPES]
        owners = _resolve_all([child for child in measure.children
                               if child.dep_ == "poss" and child.tag_ != "PRP$"], resolver)
        personal = _on_persons(trigger, resolver)
        lifted = [(owner, target, c) for owner in owners for _, target, c in pairs] if owners else pairs
        implied += [(_Trigger(measure, entries[0], None, trigger.base_confidence),
                     [(s, t, round(0.9 * c, 3)) for s, t, c in lifted])] if entries and not personal else []
    if trigger.entry.trigger in _PURPOSE_CODED and trigger.entry.type == "ACCUSE" and pairs:
        implied += _protested_acts(trigger, [t for _, t, _ in pairs], resolver, lexicon)
    return implied


def _on_persons(trigger: _Trigger, resolver: MentionResolver) -> bool:
    """The measure a trigger acts on is aimed at persons ("sanctions on five officials"): an
    administrative measure, whose easing concedes (CONCEDE) rather than retreats."""
    holders = [trigger.token, *([trigger.object_token] if trigger.object_token is not None else [])]
    return any(t.lemma_.lower() in _PERSONAL_TARGETS or resolver.actors.is_agent(t.lemma_.lower())
               for holder in holders for t in _prepositional_objects(holder, ("on", "against")))


def _protested_acts(summons: _Trigger, envoys: list[Mention], resolver: MentionResolver,
                    lexicon: EventLexicon) -> list[tuple[_Trigger, list[tuple[Mention, Mention, float]]]]:
    """The acts a summons protests, by their owner: a possessor naming a state, or a possessive
    pronoun ("its navy's seizure of two trawlers"), which stands for the summoned envoy's state."""
    found: list[tuple[_Trigger, list[tuple[Mention, Mention, float]]]] = []
    purposes = [child for child in summons.token.children if child.dep_ in ("advcl", "xcomp")
                and child.lemma_.lower() in _PROTEST_VERBS]
    nouns = [item for purpose in purposes for child in purpose.children if child.dep_ in _OBJECT_DEPS
             for item in conjuncts(child)]
    for noun in nouns:
        # "the use of water cannon", "the firing of flares": the act is the complement of a noun of doing
        acts = [noun, *_with_of_complements([noun])[1:]] if noun.lemma_.lower() in _DOING_NOUNS else [noun]
        entries = [(act, entry) for act in acts for name in _noun_names(act) for entry in lexicon.nouns(name)
                   if entry.type in _PROTESTED_TYPES]
        if not entries:
            continue
        act, entry = entries[0]
        # "the incursion of its drones": an of-complement that is not the victim is the owner
        chain = [noun] if any(child.dep_ == "poss" for child in noun.children) or "of" in entry.target_preps else (
            _with_of_complements([noun])[1:2] or [noun])
        if chain[0] is not noun:
            chain.insert(0, noun)
        while any(child.dep_ == "poss" for child in chain[-1].children):
            chain.append(next(child for child in chain[-1].children if child.dep_ == "poss"))
        owners = _resolve_all(chain[1:], resolver) if chain[-1].tag_ != "PRP$" else envoys
        agents = [agent for holder in acts for agent in _prepositional_objects(holder, ("by",))]
        owners = owners or _resolve_all(agents, resolver)
        # the victim: the act's own target ("into Polish airspace"), or what its relative clause hits
        holders = [*acts, noun.head, *(child for a in acts for child in a.children if child.dep_ == "relcl")]
        places = [t for holder in holders for t in _prepositional_objects(holder, entry.target_preps)]
        places += [t for holder in holders if holder.dep_ == "relcl" for t in _clause_parties(holder)]
        places += [] if entry.target_preps and "of" in entry.target_preps else [
            t for a in acts if a is not noun for t in _prepositional_objects(a, ("against", "on"))]
        excluded = frozenset(owner.actor.country for owner in owners)
        targets = _resolve_targets(places + _with_of_complements(places)[len(places):], resolver, excluding=excluded)
        pairs = [(owner, target, round(0.6 * min(owner.confidence, target.confidence), 3))
                 for owner in owners for target in targets]
        if pairs:
            found.append((_Trigger(act, entry, None, 0.6), pairs))
    return found


def _condemned_by(verb: Token, lexicon: EventLexicon) -> bool:
    """True when the verb condemns or protests what it governs ("protest the raid", "condemned the attack")."""
    return verb.lemma_.lower() in _PROTEST_VERBS or any(
        trigger.entry.type in _ANAPHOR_TYPES and _BLAME_COMPLEMENT not in trigger.entry.target_preps
        for trigger in _verb_triggers(verb, lexicon))


def _participle_pairs(trigger: _Trigger, resolver: MentionResolver,
                      lexicon: EventLexicon) -> list[tuple[Mention, Mention, float]]:
    """A participle or scene noun with no party of its own acts on the main clause's target.

    "Quito expelled Lima's envoy, accusing him of spying", "condemned the raid, demanding an
    apology", "shot down two jets, capturing a pilot", "took the village after heavy shelling":
    each is the main clause's subject acting again on its target. Only conflictual main clauses
    lend their target, and only to a participle that names no addressee of its own ("urging both
    sides to ...", "accusing Western states of ..." keep their own rules).
    """
    token, entry = trigger.token, trigger.entry
    # "rejected the plan, calling it unacceptable" is the rejection's reason (see _blame_pairs)
    if entry.type not in _PARTICIPLE_TYPES or entry.mutual or entry.reverse or _BLAME_COMPLEMENT in entry.target_preps:
        return []
    if entry.pos == "verb":
        after_comma = token.i > token.sent.start and token.doc[token.i - 1].text == ","
        # "..., demanding an apology", and a verb sharing the subject: "denounced X and vowed to retaliate"
        participle = token.tag_ == "VBG" and token.dep_ == "advcl" and after_comma
        conjoined = token.dep_ == "conj" and token.head.pos_ == "VERB" and token.tag_ in ("VBD", "VBZ", "VBN")
        if not (participle or conjoined) or _own_subject(token):
            return []
        if any(child.dep_ == "ccomp" for child in token.children):
            return []
        objects = [item for child in token.children if child.dep_ in _OBJECT_DEPS for item in conjuncts(child)]
        objects += _prepositional_objects(token, tuple(p for p in entry.target_preps if not p.startswith("-")))
        pronoun = [o for o in objects if o.lower_ in _OBJECT_PRONOUNS]
        if entry.type == "ACCUSE" and not pronoun:
            return []
        if any(o.pos_ == "PROPN" or o.lemma_.lower() in _PARTY_NOUNS or resolver.actors.is_agent(o.lemma_.lower())
               for o in objects if o not in pronoun):
            return []
        anchor = token.head
    else:
        # "seized the post after heavy shelling": an unowned attack set as the clause's scene
        if token.dep_ != "pobj" or token.head.lower_ not in _SEQUENCE_PREPS or token.head.head.pos_ != "VERB":
            return []
        if any((child.dep_ in ("poss", "compound", "amod", "nmod") and resolver.resolve(child)) or (
                child.dep_ == "prep" and child.lower_ in ("by", "from")) for child in token.children):
            return []
        anchor = token.head.head
    # "criticised Quito for shutting the border, urging dialogue": the participle is the critic's
    if anchor.dep_ == "pcomp" and anchor.head.lower_ not in _SHARED_SUBJECT_PREPS and anchor.head.head.pos_ == "VERB":
        anchor = anchor.head.head
    found: list[tuple[Mention, Mention, float]] = []
    for main in filter(None, map(_by_purpose, _verb_triggers(anchor, lexicon))):
        if main.entry.type not in _ANCHOR_TYPES or main.entry.mutual or main.entry.reverse:
            continue
        # an attack before an expulsion or a sanction is its reason, often the target's own act;
        # only a fight or a seizure of ground continues the attack before it
        if entry.pos == "noun" and not (main.entry.type == "ASSAULT" or main.entry.cameo in _SEIZING_CAMEO):
            continue
        found += [(s, t, round(0.7 * min(s.confidence, t.confidence), 3))
                  for s, t, _ in _verbal_pairs(main, resolver, lexicon)]
    return found


def _implied_threats(sent: Span, lexicon: EventLexicon, resolver: MentionResolver) -> dict[int, _Trigger]:
    """Threats written as a vow or a statement of retaliation, by token index of the vowing verb.

    "Tehran vowed to retaliate against Israel", "Ankara promised to answer Damascus with
    retaliatory strikes", "Minsk promised a harsh response" (a pledge of violence is a threat, not
    aid); "Brussels said the EU would hit back if Washington imposed tariffs" (the speaker's
    own retaliation, announced: the statement is the threat).
    """
    base = lexicon.verb("threaten")
    if base is None:
        return {}
    found: dict[int, _Trigger] = {}
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB":
            continue
        if lemma in _COMMITMENT_VERBS:
            clauses = [child for child in verb.children if child.dep_ in ("xcomp", "ccomp") or (
                child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children))]
            nouns = [child for child in verb.children if child.dep_ in _OBJECT_DEPS]
            if any(_retaliates(clause, lexicon) for clause in clauses) or any(_is_retaliation(noun) for noun in nouns):
                entry = replace(base, trigger=lemma, target_preps=("on", "against", "to", "at"))
                found[verb.i] = _Trigger(verb, entry, None, 0.85)
        elif lexicon.has_cue(lemma, "report"):
            # the clause first (cheap), the speaker's actors only for a retaliation announced
            clauses = [child for child in verb.children if child.dep_ == "ccomp" and _retaliation_verb(child) and any(
                c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in child.children)]
            speakers = {m.actor.country for m in _resolve_all(_subjects(verb), resolver)} if clauses else set()
            for clause in clauses:
                subjects = [child for child in clause.children if child.dep_ == "nsubj"]
                own = subjects and all(s.lower_ in ("it", "we", "they") or (
                    speakers and {m.actor.country for m in resolver.resolve(s)} == speakers) for s in subjects)
                if own and speakers:
                    entry = replace(base, trigger=lemma, target_preps=(_TOPIC_OBJECT,))
                    found[verb.i] = _Trigger(verb, entry, None, 0.8)
    return found


def _retaliation_verb(clause: Token) -> bool:
    particles = [child.lower_ for child in clause.children if child.dep_ in ("prt", "advmod")]
    lemma = clause.lemma_.lower()
    return lemma in _RETALIATION_VERBS or any(f"{lemma} {p}" in _RETALIATION_VERBS for p in particles)


def _retaliates(clause: Token, lexicon: EventLexicon) -> bool:
    """The clause vows retaliation or violence: "to retaliate", "to strike Israel", "to hit back
    with retaliatory strikes"."""
    if _retaliation_verb(clause) or any(t.entry.type == "ASSAULT" for t in _verb_triggers(clause, lexicon)):
        return True
    return any(_is_retaliation(word) for word in clause.subtree)


def _is_retaliation(word: Token) -> bool:
    """ "retaliation", "revenge", "retaliatory strikes", "a harsh response"."""
    lemma = word.lemma_.lower()
    return lemma in _RETALIATION_WORDS or word.lower_ in _RETALIATION_WORDS or (
        lemma == "response" and any(child.lemma_.lower() in _HARSH_WORDS for child in word.children))


def _threatens(threat: Token, token: Token) -> bool:
    """True when ``token`` lies in what the vow at ``threat`` promises to do."""
    return token.i != threat.i and any(token in child.subtree for child in threat.children
                                       if child.dep_ in ("xcomp", "ccomp", "advcl", *_OBJECT_DEPS))


def _describes_standing_state(verb: Token) -> bool:
    """A stative verb in the simple present describes what is, not what happened: "Kuwait and
    Bahrain form an alliance founded decades ago" (but "formed", "will form" are acts)."""
    particles = [child.lower_ for child in verb.children if child.dep_ == "prt"]
    lemmas = {verb.lemma_.lower(), *(f"{verb.lemma_.lower()} {word}" for word in particles)}
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    # the tagger sometimes reads a present "form" after a plural subject as a bare infinitive
    finite = verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VB" and any(c.dep_ == "nsubj" for c in verb.children))
    return bool(lemmas & _STATIVE_VERBS) and finite and not auxiliaries


def _verb_triggers(token: Token, lexicon: EventLexicon) -> list[_Trigger]:
    """The readings of a verb: a light verb with its object, else the verb alone."""
    lemma = token.lemma_.lower()
    if not lexicon.may_be_verb(lemma):
        return []
    # "fired back" may hang its particle as an adverb
    particles = [child.lower_ for child in token.children if child.dep_ in ("prt", "advmod")]
    # "called on Israel", "appealed to the UN": a prepositional verb the parser left unglued
    preps = [child.lower_ for child in token.children if child.dep_ == "prep"]
    lemmas = [f"{lemma} {word}" for word in particles + preps] + [lemma]
    # light verb + object noun: "imposed sanctions", "held talks", "signed off on a treaty"
    for noun in _object_nouns(token):
        for verb in lemmas:
            for name in _noun_names(noun):
                entries = lexicon.light_verbs(verb, name)
                if entries:
                    return [_Trigger(token, entry, noun, 0.85) for entry in entries]
    for verb in lemmas:
        entry = lexicon.verb(verb)
        if entry is not None:
            return [_Trigger(token, entry, None, 0.9)]
    return []


def _object_nouns(verb: Token) -> Iterator[Token]:
    """What a light verb may take: objects (and the noun of "a round of talks"), prepositional
    objects, predicates ("declared ... persona non grata") and clause verbs ("ordered X to leave")."""
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS or child.dep_ in _PASSIVE_SUBJECT_DEPS or child.dep_ == "oprd" or (
                child.dep_ == "ccomp" and child.pos_ == "NOUN"):
            items = conjuncts(child)
            yield from _with_of_complements(items)
        elif child.dep_ == "prep":
            # "hit Belarus with a package of sanctions": the noun of "a package of"
            yield from _with_of_complements([grand for grand in child.children if grand.dep_ == "pobj"])
        elif child.dep_ == "xcomp" and child.pos_ == "VERB":
            yield child


def _noun_names(noun: Token) -> list[str]:
    """The ways a lexicon may name an object noun: with its compound ("war games"), text, lemma."""
    names = [noun.lower_, noun.lemma_.lower()]
    compounds = [child.lower_ for child in noun.children if child.dep_ == "compound" and child.i < noun.i]
    if compounds:
        names.insert(0, f"{' '.join(compounds)} {noun.lower_}")
    # "armed forces", "joint patrols"
    names += [f"{child.lower_} {noun.lower_}" for child in noun.children if child.dep_ == "amod"]
    # "a note of protest", "a letter of protest"
    names[:0] = [f"{noun.lower_} of {pobj.lower_}" for prep in noun.children if prep.dep_ == "prep"
                 and prep.lower_ == "of" for pobj in prep.children if pobj.dep_ == "pobj"]
    return names


# --- verbal triggers -------------------------------------------------------------------------

def _verbal_pairs(trigger: _Trigger, resolver: MentionResolver,
                  lexicon: EventLexicon) -> list[tuple[Mention, Mention, float]]:
    verb, entry = trigger.token, trigger.entry
    guest = _adjectival_visitor(verb) if _PLACE_TARGET in entry.target_preps else None
    if guest is not None:
        # "Xi told the visiting Brazilian president ...": the noun visits whoever receives it
        hosts = _resolve_all(_subjects(guest.head) if guest.dep_ in _OBJECT_DEPS else
                             _prepositional_objects(guest.head, ("in",)), resolver)
        return _pairs(_resolve_all([guest], resolver), hosts, entry, 0.8)
    passive = any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN")
    if passive:
        # passive voice: the agent ("by the EU") acts on the passive subject
        sources = _resolve_all(_agents(verb), resolver)
        patients = _passive_subjects(verb)
        holders = [verb, *_with_of_complements(patients)]
        prepositional = [t for holder in holders for t in _prepositional_objects(holder, entry.target_preps)]
        # "sanctions were imposed on Iran": the passive subject is the event, the target its preposition's
        targets = _resolve_targets(prepositional, resolver) or _resolve_targets(patients, resolver)
        base = 0.85
        if not sources and verb.dep_ == "ccomp" and lexicon.has_cue(verb.head.lemma_.lower(), "report"):
            # "Latvia announced that the envoy has been expelled": the announcer acted
            sources = _resolve_all(_subjects(verb.head), resolver)
            base = 0.7
    else:
        sources = _resolve_all(_visitors(verb, resolver) if _VISITOR_SOURCE in entry.target_preps
                               else _subjects(verb), resolver)
        objects = _targets(verb, trigger.object_token, entry)
        if any(_is_reciprocal(token) for token in objects):
            # "The two neighbours blamed each other" -> every ordered pair of the subjects
            return [(s, t, round(0.85 * min(s.confidence, t.confidence), 3)) for s in sources for t in sources
                    if s.actor.country != t.actor.country]
        if _NAMED_TARGET in entry.target_preps:
            # and without one there is no event: co-hosts do not meet each other by hosting
            targets = [t for t in _resolve_all(objects, resolver) if _names_a_party(verb.doc[t.token], resolver)]
            if not targets:
                return []
        else:
            # "Chad recalled its ambassador based in Khartoum": not its own ambassador, his posting
            own = frozenset() if entry.mutual else frozenset(s.actor.country for s in sources)
            targets = _resolve_targets(objects, resolver, excluding=own)
        if not targets and entry.trigger in _PARTY_OBJECT_VERBS:
            pronouns = [token for token in objects if token.lower_ in ("it", "them")]
            excluded = {s.actor.country for s in sources}
            if pronouns and verb.dep_ == "advcl":
                # "imposed sanctions on Syrian officers, accusing them of ...": the main clause's target
                targets = [t for t in _resolve_targets(_clause_parties(verb.head), resolver)
                           if t.actor.country not in excluded]
            if not targets:
                targets = [m for p in pronouns[:1] for m in resolver.antecedent(p, excluding=excluded)]
        # "offered to help X", "threatened to strike X"; but what two sides discuss is a topic
        complement_governed = (entry.type in _COMPLEMENT_TARGET_TYPES or lexicon.has_cue(
            entry.trigger, "governor")) and not (entry.mutual and _TOPIC_OBJECT in entry.target_preps)
        excluded = {s.actor.country for s in sources}
        # "urged both parties to respect X's interests": the urged object is the party, named or not
        addressed = [child for child in verb.children
                     if child.dep_ in _OBJECT_DEPS and child.lower_ not in ("it", "them")]
        addressed += _prepositional_objects(verb, entry.target_preps)
        if not targets and complement_governed and not (entry.type == "REQUEST" and addressed):
            # "threatened to close its airspace": the subject's own things are no target
            governed = _resolve_targets(_complement_targets(verb), resolver)
            targets = [t for t in governed if t.actor.country not in excluded]
        if not targets and entry.type == "THREATEN":
            # "vowed to retaliate if Uganda went ahead": the threat is aimed at the condition's subject
            targets = [t for t in _resolve_all(_condition_subjects(verb, lexicon), resolver)
                       if t.actor.country not in excluded]
        if not targets and entry.type in _CLAIM_TARGET_TYPES:
            # "Malaysia complained that Singapore's rules ...": the accused is the claim's subject;
            # "left the hall when the Serbian envoy rose to speak": the protested is the occasion's subject
            clauses = [child for child in verb.children if child.dep_ in _CLAIM_TARGET_TYPES[entry.type]]
            # "left the session ... to protest Serbia's blockade": a purpose clause without a subject names it as object
            parts = [part for clause in clauses for part in clause.children
                     if part.dep_ in ("nsubj", "nsubjpass") or (part.dep_ in _OBJECT_DEPS and not _own_subject(clause))]
            if entry.type == "PROTEST":
                # "left the room during an address by Syria's foreign minister": the speaker is protested
                occasions = _prepositional_objects(verb, ("during",))
                parts += [agent for occasion in occasions for agent in _prepositional_objects(occasion, ("by",))]
            targets = _resolve_targets(parts, resolver)
        # "each" hangs on the verb or, as an apposition, on the subject
        distributive = [child for holder in [verb, *_subjects(verb)] for child in holder.children
                        if child.lower_ == "each" and child.dep_ in ("advmod", "appos", "npadvmod", "dep")]
        if len(sources) > 1 and distributive and (not targets or {t.actor.country for t in targets} <= {
                s.actor.country for s in sources}):
            # "Peru and Bolivia each recalled their envoys": each acted against the other
            return [(s, t, round(0.8 * min(s.confidence, t.confidence), 3)) for s in sources for t in sources
                    if s.actor.country != t.actor.country]
        if not targets and _APOLOGY_TARGET in entry.target_preps:
            # "Israel expressed regret after its tank hit an Egyptian border post"
            occasions = _resolve_targets(_apology_occasions(verb), resolver)
            targets = [t for t in occasions if t.actor.country not in excluded]
        if not targets and _HOST_TARGET in entry.target_preps:
            # "boycotted meetings hosted by Hungary", "boycotted a ceremony in Japan"
            hosts = [host for thing in objects for host in _hosts(thing)]
            targets = [t for t in _resolve_all(hosts, resolver) if t.actor.country not in excluded]
        base = trigger.base_confidence
    if entry.trigger in _MEMBERSHIP_VERBS:
        # joining is membership only of an organisation: "Finland joined NATO", not "joined Chile in ..."
        # nor "A and B were joined by C at the talks"
        targets = [t for t in targets if t.actor.kind == "igo"]
    if not entry.mutual and {t.actor.country for t in targets} <= {s.actor.country for s in sources}:
        # "the two leaders praised their countries' ties": a group acting on itself is no one-way event
        targets = []
    return _pairs(sources, targets, entry, base, verb)


def _visitors(verb: Token, resolver: MentionResolver) -> list[Token]:
    """The subjects of a verb of arrival that can make a visit: a person ("Lula", "he") or an office
    held by one ("the Chilean president", "a Thai delegation", "the army chief"); not troops, police,
    ships, aircraft, aid or migrants ("Kenyan police arrived in Haiti", "the missile landed in ...")."""
    found = []
    for token in _subjects(verb):
        actor = resolver.actor_at(token)
        lemma = token.lemma_.lower()
        if lemma in _VISITOR_HEADS or lemma in _COMMANDERS or (actor is not None and actor.kind == "person") or (
                token.ent_type_ == "PERSON" and actor is None):
            found.append(token)
    return found


def _names_a_party(token: Token, resolver: MentionResolver) -> bool:
    """A name ("hosted Li Qiang", "hosted Chile") or an office held by a person ("hosted the
    Jordanian king", "received the army chief"), not troops or things ("hosts US troops",
    "received Russian gas", "hosted the Asian Games")."""
    kind = resolver.actors.is_agent(token.lemma_.lower()) or resolver.actors.is_agent(token.lower_)
    return token.pos_ == "PROPN" or kind in ("government", "diplomatic") or token.lemma_.lower() in _COMMANDERS


def _event_anaphor_pairs(trigger: _Trigger, resolver: MentionResolver, story: _Story,
                         sent: Span) -> list[tuple[Mention, Mention, float]]:
    """Condemnation of an act named by a definite noun, which accuses the act's agent.

    "Germany will send tanks. Moscow called the move a provocation": "the move" (or "the attack",
    "the expulsion") is the last event of this or the previous sentence, if the noun fits its type.
    "North Korea fired a missile. Japan condemned the launch": a noun naming an act ("the launch",
    "the test", "the arrest", "the remarks") is the last clause of this or the previous sentence
    whose verb it nominalises, or that names the noun itself ("conducted a test"), or its own
    relative clause ("the test Pyongyang carried out"). Condemning verbs take it as their object;
    hostile acts also as their occasion ("protested over the arrest", "imposed sanctions in response
    to the test", "in response to Turkey's incursion"), where an owner names the agent outright.
    """
    verb, entry = trigger.token, trigger.entry
    passive = any(child.dep_ == "nsubjpass" for child in verb.children)
    objects = [] if entry.type not in _CONDEMNING_TYPES or trigger.object_token is not None else (
        _passive_subjects(verb) if passive else [
            # "called the launch a threat" may read the launch as the predicate, or as a clause
            # (that has a determiner, as no clause has)
            item for child in verb.children if child.dep_ in (*_OBJECT_DEPS, "oprd") or (
                child.dep_ == "ccomp" and any(c.dep_ == "det" for c in child.children)) for item in conjuncts(child)])
    # "protested against the launch": a target preposition whose object named no actor
    objects += [noun for noun in _prepositional_objects(verb, entry.target_preps)] if (
        entry.type in _CONDEMNING_TYPES) else []
    occasions = [noun for holder in [verb, *filter(None, [trigger.object_token])]
                 for noun in _occasions(holder)]
    # "In response to X, A blacklisted firms and imposed tariffs": a fronted occasion covers the conjuncts
    head = verb
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    occasions += [noun for noun in _occasions(head) if head != verb and noun.i < head.i]
    sources = _resolve_all(_agents(verb) if passive else _subjects(verb), resolver)
    excluded = {source.actor.country for source in sources}
    # an owned act names its agent itself ("Turkey's incursion", "the Russian strike")
    definite = [noun for noun in objects + occasions if _is_definite(noun)
                and not any(child.dep_ in ("poss", "amod", "compound") and resolver.actor_at(child)
                            for child in noun.children)]
    targets: list[Mention] = []
    event = story.last_event
    previous_start = sent.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    if event is not None and story.last_sentence >= previous_start:
        fitting = [noun for noun in definite if noun.lemma_.lower() in _EVENT_ANAPHORS
                   and _EVENT_ANAPHORS[noun.lemma_.lower()] in (None, event.type)]
        targets = [Mention(token=noun.i, actor=event.source, confidence=0.6) for noun in fitting[:1]]
    # "in response to Turkey's incursion": an occasion's owner is its agent
    for noun in occasions:
        if not targets and noun.lemma_.lower() in _ACT_NOUNS:
            owners = [child for child in noun.children if child.dep_ in ("poss", "compound", "amod", "nmod")
                      and child.i < noun.i]
            agents = _resolve_holders(owners, resolver) or _resolve_all(_prepositional_objects(noun, ("by",)), resolver)
            targets = [Mention(token=m.token, actor=m.actor, confidence=min(m.confidence, 0.6)) for m in agents]
    for noun in definite:
        if not targets:
            targets = _act_agents(noun, resolver, excluded)
    targets = [t for t in targets if t.actor.country not in excluded]
    return [(source, target, round(0.7 * min(source.confidence, target.confidence), 3))
            for source in sources for target in targets[:1]]


def _is_definite(noun: Token) -> bool:
    """"the launch", "this decision", "Sunday's test": a noun that refers to an act already told."""
    if any((child.dep_ == "det" and child.lower_ in _DEFINITE_DETERMINERS)
           or (child.dep_ == "poss" and child.ent_type_ in ("DATE", "TIME")) for child in noun.children):
        return True
    # "called the missile launch a threat" may hang "the" on "missile" alone: read the words before
    word = noun.doc[noun.i - 1] if noun.i > noun.sent.start else noun
    while word.i > noun.sent.start and word.pos_ in ("NOUN", "ADJ") and word.i < noun.i:
        word = word.nbor(-1)
    return word.i < noun.i and word.lower_ in _DEFINITE_DETERMINERS


def _occasions(holder: Token) -> list[Token]:
    """What an act answers: "over the arrest", "in response to the test", "in retaliation for the
    strikes", "as a reaction to the decision"."""
    found = _prepositional_objects(holder, ("over",))
    for frame in _prepositional_objects(holder, ("in", "as")):
        if frame.lemma_.lower() in _RESPONSE_NOUNS:
            found += _prepositional_objects(frame, _RESPONSE_NOUNS[frame.lemma_.lower()])
    return found


def _act_agents(noun: Token, resolver: MentionResolver, excluded: set[str | None]) -> list[Mention]:
    """Who did the act a definite noun names ("the launch" -> who launched or fired just before)."""
    lemma = noun.lemma_.lower()
    verbs = _ACT_NOUNS.get(lemma)
    if verbs is None:
        return []
    doc, sent = noun.doc, noun.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    # "the test Pyongyang conducted": the noun's own relative clause first, then the latest clause before it
    clauses = [child for child in noun.children if child.dep_ == "relcl"]
    clauses += [token for token in reversed(doc[start:noun.i]) if token.pos_ == "VERB" and not _describes(token, noun)]
    for clause in clauses:
        names = {clause.lemma_.lower(), *(f"{clause.lemma_.lower()} {child.lower_}" for child in clause.children
                                          if child.dep_ == "prt")}
        named = [item for item in _with_of_complements(_clause_parties(clause)) if item.lemma_.lower() == lemma]
        if not (names & verbs or named or clause.head == noun):
            continue
        passive = any(child.dep_ in ("nsubjpass", "auxpass") for child in clause.children)
        agents = _resolve_all(_agents(clause) if passive else _subjects(clause), resolver)
        # the latest such clause decides: an unnamed agent ("gunmen fired") leaves the act unowned
        return [Mention(token=m.token, actor=m.actor, confidence=min(m.confidence, 0.6))
                for m in agents if m.actor.country not in excluded and m.actor.kind in ("state", "igo", "person")]
    return []


def _describes(verb: Token, noun: Token) -> bool:
    """The verb is the condemnation itself (or a clause above it), or a clause inside the noun's phrase."""
    return verb in noun.ancestors or noun in verb.ancestors


def _condemns(verb: Token, lexicon: EventLexicon) -> bool:
    """True when what the verb says of its object condemns it ("called it a blatant provocation")."""
    complement = [word for child in verb.children if child.i > verb.i and child.dep_ not in _NOT_COMPLEMENT_DEPS
                  and not (child.dep_ == "prep" and child.lower_ != "as") for word in child.subtree]
    return any(lexicon.has_cue(word.lemma_.lower(), "blame") or lexicon.has_cue(word.lower_, "blame")
               for word in complement)


def _blame_pairs(verb: Token, resolver: MentionResolver,
                 lexicon: EventLexicon) -> list[tuple[Mention, Mention, float]]:
    """Condemnation by description: "Tirana called Belgrade's conduct reprehensible", "Hanoi described
    the Chinese manoeuvre as a betrayal", "Oslo said Iceland's decision was disappointing".

    The speaker (the subject, or for a copula the subject of the reporting verb above it) accuses
    the actor the condemned thing stands for. Calling a rejected proposal unacceptable is the
    rejection itself, not a second event.
    """
    if not _condemns(verb, lexicon):
        return []
    if verb.dep_ in ("advcl", "xcomp", "conj") and any(
            trigger.entry.type == "REJECT" for trigger in _verb_triggers(verb.head, lexicon)):
        return []
    if verb.lemma_.lower() == "be":
        reporters = [verb.head] if verb.dep_ == "ccomp" else [
            child for child in verb.children if child.dep_ in ("ccomp", "parataxis")]
        reporters = [r for r in reporters if lexicon.has_cue(r.lemma_.lower(), "report")]
        sources = _resolve_all([s for r in reporters for s in _subjects(r)], resolver)
        accused = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    else:
        sources = _resolve_all(_subjects(verb), resolver)
        accused = [item for child in verb.children if child.dep_ in _OBJECT_DEPS for item in conjuncts(child)]
        accused = accused or [s for child in verb.children if child.dep_ == "ccomp"
                              for s in child.children if s.dep_ == "nsubj"]
    targets = _resolve_targets(accused, resolver)
    return [(s, t, round(0.75 * min(s.confidence, t.confidence), 3)) for s in sources for t in targets]


def _apology_occasions(verb: Token) -> list[Token]:
    """What an apology is for: the parties of its "for" or "after" clause, or the "for" noun and
    its prepositional objects ("apologised for the incursion into Estonian airspace")."""
    # "apologised for the intrusion ... into Korean waters" may hang "into" on the verb
    found: list[Token] = _prepositional_objects(verb, ("into", "on", "against"))
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            for inner in child.children:
                if inner.dep_ == "pcomp":
                    found += _clause_parties(inner)
                elif inner.dep_ == "pobj":
                    # "for the detention of Thai fishermen": the victim is the act's complement
                    found += [inner, *_prepositional_objects(inner, (*_COMPLEMENT_TARGET_PREPS, "of"))]
        elif child.dep_ == "advcl" and child.tag_ != "VBG":
            # "after its tank hit ...", also when "after" is parsed apart; not "..., saying"
            found += _clause_parties(child)
    return found


def _hosts(thing: Token) -> list[Token]:
    """Who hosts a gathering: "meetings hosted by Hungary", "a ceremony in Japan"."""
    agents = [agent for acl in thing.children if acl.dep_ == "acl" and acl.tag_ == "VBN" for agent in _agents(acl)]
    return agents or _prepositional_objects(thing, ("in",))


def _condition_subjects(verb: Token, lexicon: EventLexicon) -> list[Token]:
    """Subjects of the conditions set on a verb or on the clause it governs ("... if Ethiopia
    proceeded", "should it attack")."""
    clauses = [verb, *(child for child in verb.children if child.dep_ in ("xcomp", "ccomp"))]
    conditions = [child for clause in clauses for child in clause.children
                  if child.dep_ == "advcl" and (_is_conditional(child, lexicon) or any(
                      aux.dep_ == "aux" and aux.lower_ == "should" and aux.i < child.i for aux in child.children))]
    return [subject for condition in conditions for child in condition.children
            if child.dep_ in ("nsubj", "nsubjpass") for subject in conjuncts(child)]


def _own_subject(clause: Token) -> bool:
    return any(child.dep_ in ("nsubj", "nsubjpass") for child in clause.children)


def _is_reciprocal(token: Token) -> bool:
    return (token.lower_ == "other" and any(c.lower_ == "each" for c in token.children)) or (
        token.lower_ == "another" and any(c.lower_ == "one" for c in token.children))


def _complement_targets(verb: Token) -> list[Token]:
    """Objects of the clause a verb governs: "threatened to destroy Eritrea's navy" -> Eritrea."""
    found: list[Token] = []
    clauses = [child for child in verb.children if child.dep_ in ("xcomp", "ccomp") or (
        child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children))]
    for clause in clauses:
        # "offered to help Morocco rebuild": the object of "help" is parsed as the next clause's subject
        found += _clause_parties(clause) + [subject for inner in clause.children if inner.dep_ == "ccomp"
                                            for subject in inner.children if subject.dep_ == "nsubj"]
        # "threatened to escalate the row by imposing duties on Chilean wine": the means names the target
        found += [party for prep in clause.children if prep.dep_ == "prep" and prep.lower_ == "by"
                  for means in prep.children if means.dep_ == "pcomp" for party in _clause_parties(means)]
    return found


def _clause_parties(clause: Token) -> list[Token]:
    """The objects of a clause and of its prepositions: who the clause acts upon."""
    objects = [item for child in clause.children if child.dep_ in _OBJECT_DEPS for item in conjuncts(child)]
    holders = [clause, *objects]
    return objects + [t for holder in holders for t in _prepositional_objects(holder, _COMPLEMENT_TARGET_PREPS)]


def _pairs(sources: list[Mention], targets: list[Mention], entry: LexiconEntry,
           base: float, trigger: Token | None = None) -> list[tuple[Mention, Mention, float]]:
    pairs = [(t, s) if entry.reverse else (s, t) for s in sources for t in targets]
    # "A and B signed a pact with C", "held trilateral talks with B and C": one act, all of them
    # party with each other; but one side meeting several ("met ministers from A and B") may
    # have met them apart
    phrase = "" if trigger is None else _text(trigger.doc[trigger.left_edge.i: trigger.right_edge.i + 1])
    one_act = (len(sources) > 1 or entry.type != "CONSULT" or entry.trigger in _CONVENING_VERBS
               or bool(_MULTILATERAL.search(phrase))) and not (len(sources) == 1 and _several_documents(trigger))
    if entry.mutual and sources and one_act:
        parties = list({m.actor.country: m for m in [*sources, *targets]}.values())
        pairs = [(s, t) for s in parties for t in parties if s.actor.country != t.actor.country]
    elif entry.mutual:
        # joint action: "A met B" -> both directions
        pairs += [(t, s) for s, t in pairs]
    return [(s, t, round(base * min(s.confidence, t.confidence), 3)) for s, t in pairs]


def _several_documents(trigger: Token | None) -> bool:
    """The act is several documents, one with each partner: "signed agreements with A and B"."""
    if trigger is None:
        return False
    nouns = [trigger] if trigger.pos_ in ("NOUN", "PROPN") else [
        child for child in trigger.children if child.dep_ in _OBJECT_DEPS]
    return any(noun.tag_ == "NNS" and noun.lemma_.lower() in _DOCUMENT_NOUNS for noun in nouns)


def _resolve_all(tokens: Iterable[Token], resolver: MentionResolver) -> list[Mention]:
    found: dict[str | None, Mention] = {}
    for token in tokens:
        for mention in resolver.resolve(token):
            found.setdefault(mention.actor.country, mention)
    return list(found.values())


def _resolve_targets(tokens: list[Token], resolver: MentionResolver,
                     excluding: frozenset[str | None] = frozenset()) -> list[Mention]:
    """Targets; a thing owned by a state stands for it: "condemned Russia's invasion" -> Russia.

    Readings are tried in order; one that names only actors in ``excluding`` (the event's own
    sources) gives way to the next: "Chad recalled its ambassador based in Khartoum" -> Sudan.
    """
    for found in _target_readings(tokens, resolver):
        kept = [mention for mention in found if mention.actor.country not in excluding]
        if kept:
            return kept
    return []


def _target_readings(tokens: list[Token], resolver: MentionResolver) -> Iterator[list[Mention]]:
    """The readings of a target phrase, most direct first (see ``_resolve_targets``)."""
    # "a US-drafted resolution": the drafter, named on a participle, is the party acted upon
    drafters = [actor for token in tokens for child in token.children if child.dep_ == "amod" and child.tag_ == "VBN"
                for part in child.children if part.dep_ in ("compound", "npadvmod", "nmod")
                for actor in [resolver.actor_at(part)] if actor is not None and actor.country]
    if drafters:
        yield [Mention(token=tokens[0].i, actor=drafters[0], confidence=0.75)]
    yield _resolve_all(tokens, resolver)
    possessors = [owner for token in tokens for child in token.children
                  if child.dep_ == "poss" and child.tag_ != "PRP$" for owner in conjuncts(child)]
    # "the assets of ten Russian officials", "the ports of Ukraine" (a possessor wins: "Macron's recognition of X")
    # but an act's complement is what it acted on: "condemned the invasion of X" does not accuse X
    owning = [token for token in tokens if token.lemma_.lower() not in _ACT_NOUNS]
    complements = [owner for token in owning if token.lemma_.lower() not in _NON_STATE_HEADS
                   for owner in _with_of_complements([token])[1:]]
    # "rejected calls by Dutch lawmakers", "condemned remarks by the Chinese envoy": the author
    authors = [author for token in tokens for author in _prepositional_objects(token, ("by",))]
    # "condemned the strikes carried out by Israel": the agent of a participle on the thing
    authors += [author for token in tokens for acl in token.children if acl.dep_ == "acl" and acl.tag_ == "VBN"
                for author in _agents(acl)]
    for owners in (possessors, authors, complements):
        owned = [Mention(token=m.token, actor=m.actor, confidence=min(m.confidence, 0.8))
                 for m in _resolve_all(owners, resolver)]
        yield owned
    # a state's name or demonym on the thing acted upon: "shelled a Georgian village"
    # "tariffs on vehicles imported from China": goods name their state of origin, posts their owner
    origins = [t for token in tokens for acl in token.children if acl.dep_ == "acl"
               and acl.lemma_.lower() in _OWNING_PARTICIPLES
               for t in _prepositional_objects(acl, _OWNING_PARTICIPLES[acl.lemma_.lower()])]
    # "banned the import of poultry from Brazil": goods traded name where they come from
    origins += [t for token in tokens if "from" in _CONTAINER_NOUNS.get(token.lemma_.lower(), ())
                for holder in _with_of_complements([token]) for t in _prepositional_objects(holder, ("from",))]
    yield [Mention(token=m.token, actor=m.actor, confidence=min(m.confidence, 0.75))
           for m in _resolve_all(origins, resolver)]
    labelled: dict[str | None, Mention] = {}
    # "duties on a range of Canadian goods": the label may sit on the of-complement
    for token in tokens + _with_of_complements(owning)[len(owning):] + authors:
        if token.lemma_.lower() in _NON_STATE_HEADS:
            continue
        for child in token.children:
            # "the Minsk agreements", "the Doha accord": a capital on a document is where it was made
            if child.dep_ not in ("amod", "compound") or (
                    token.lemma_.lower() in _DOCUMENT_NOUNS and resolver.names_place(child)):
                continue
            for mention in resolver.resolve(child):
                labelled.setdefault(mention.actor.country, Mention(
                    token=child.i, actor=mention.actor, confidence=min(mention.confidence, 0.75)))
            actor = resolver.actor_at(child)
            if actor is not None and actor.country and actor.kind in ("state", "igo"):
                labelled.setdefault(actor.country, Mention(token=child.i, actor=actor, confidence=0.75))
    yield list(labelled.values())
    # a site hit where a state is: "strikes on military targets in Syria", "bombed positions inside X"
    # (the place may hang on the verb: "bombed targets in X"); not sites labelled as someone's
    # ("militant camps in X", "Hezbollah positions in X"), nor a border they are near
    sites = [token for token in tokens if token.lemma_.lower() in _SITE_NOUNS and not any(
        word.lemma_.lower() in _NON_STATE_HEADS or word.lemma_.lower() in _NON_STATE_LABELS
        or word.pos_ == "PROPN" or word.tag_ == "NNP" or word.ent_type_ in ("NORP", "ORG")
        for child in token.children if child.dep_ in ("amod", "compound", "nmod", "poss") for word in child.subtree)]
    places = [place for site in sites for holder in [site, *([site.head] if site.dep_ in _OBJECT_DEPS else [])]
              for place in _prepositional_objects(holder, ("in", "inside"))]
    yield [Mention(token=m.token, actor=m.actor, confidence=min(m.confidence, 0.7))
           for m in _resolve_all(places, resolver) if m.actor.kind == "state"]
    # last, a pronoun owner: "Sudanese units fired on its outposts" (its = the reporting state)
    pronouns = [child for token in tokens for child in token.children if child.dep_ == "poss" and child.tag_ == "PRP$"]
    yield [Mention(token=m.token, actor=m.actor, confidence=min(m.confidence, 0.6))
           for m in _resolve_all(pronouns, resolver)]


def _subjects(verb: Token) -> list[Token]:
    """Subjects with their conjuncts; a clause without one borrows from the clause it hangs on."""
    subjects = [child for child in verb.children if child.dep_ in _SUBJECT_DEPS]
    if subjects:
        # relative clause: "Iran, which attacked ..." -> the noun the clause modifies
        if subjects[0].tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            return conjuncts(verb.head)
        # a list split in two subjects by the parser: "Chile, Peru, and Ecuador announced"
        return [item for subject in subjects for item in conjuncts(subject)]
    # "reached a decision to expel", "made known her decision to withdraw": the decider acts
    if verb.dep_ == "acl" and verb.tag_ == "VB":
        # "Washington's decision to impose tariffs": the noun's owner decided
        owners = [child for child in verb.head.children if child.dep_ == "poss" and child.tag_ != "PRP$"]
        if owners:
            return conjuncts(owners[0])
        governor = _governing_verb(verb.head)
        return _subjects(governor) if governor is not None else []
    # a finite verb hanging as an adverbial clause is a misparse ("a swap agreed in Doha"), not a participle
    if verb.dep_ == "advcl" and verb.tag_ not in ("VB", "VBG"):
        return []
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in _SHARED_SUBJECT_PREPS \
            and verb.head.head.pos_ in ("VERB", "AUX"):
        return _subjects(verb.head.head)
    if verb.dep_ in _SUBJECT_INHERITING_DEPS and verb.head.i != verb.i:
        # raising: "Modi is expected to visit" -> the passive subject of "expected" visits
        if verb.dep_ == "xcomp":
            raised = [child for child in verb.head.children if child.dep_ in _PASSIVE_SUBJECT_DEPS]
            if raised:
                return conjuncts(raised[0])
        return _subjects(verb.head)
    return []


def _agents(verb: Token) -> list[Token]:
    """Passive agents: "by the EU", also when hung on a predicate ("declared persona non grata by Peru")."""
    predicates = [child for child in verb.children if child.dep_ == "oprd"]
    links = [child for child in verb.children if child.dep_ == "agent"] + [
        child for predicate in predicates for child in predicate.children
        if child.dep_ == "prep" and child.lower_ == "by"]
    return [pobj for link in links for grand in link.children if grand.dep_ == "pobj" for pobj in conjuncts(grand)]


def _passive_subjects(verb: Token) -> list[Token]:
    subjects = [child for child in verb.children if child.dep_ in _PASSIVE_SUBJECT_DEPS]
    if subjects:
        return conjuncts(subjects[0])
    # reduced relative: "banks sanctioned by Canada" -> the noun is acted upon
    if verb.dep_ == "acl":
        return [verb.head]
    # "Rajnath Singh arrived ... and was greeted by ...": a passive conjunct shares the first verb's subject
    return _subjects(verb.head) if verb.dep_ == "conj" else []


def _targets(verb: Token, object_token: Token | None, entry: LexiconEntry) -> list[Token]:
    targets: list[Token] = []
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS and _TOPIC_OBJECT not in entry.target_preps:
            # relative clause: "steps which the Kremlin backed" -> the moves
            relative = child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl"
            targets.extend(conjuncts(verb.head if relative else child))
    # prepositional target, on the verb or on its object: "sanctions on Iran", "the pact with Peru"
    objects = [child for child in verb.children if child.dep_ in _OBJECT_DEPS]
    if object_token is not None and object_token not in objects:
        objects.append(object_token)
    holders = [verb, *_with_of_complements(objects)]
    if _TOPIC_OBJECT in entry.target_preps:
        # a topic's own complement is part of the topic: "discussed the border with Bhutan"
        holders = [holder for holder in holders if holder.lemma_.lower() not in _CONTAINER_NOUNS]
    for holder in holders:
        targets.extend(_prepositional_objects(holder, entry.target_preps))
    # "moved soldiers to the border with Laos" with "with Laos" parsed onto the verb
    for container in [t for t in targets if t.lemma_.lower() in _CONTAINER_NOUNS and t.head.head == verb]:
        targets.extend(_prepositional_objects(verb, _CONTAINER_NOUNS[container.lemma_.lower()]))
    return targets


def _prepositional_objects(head: Token, preps: tuple[str, ...]) -> list[Token]:
    found: list[Token] = []
    # "out of Niger", "away from the border": a two-word preposition nests the second word
    nested = [inner for prep in head.children if prep.dep_ == "prep" for inner in prep.children if inner.dep_ == "prep"]
    # "sent medics to the archipelago state" may hang "to" as a dative
    direct = [child for child in head.children
              if child.dep_ == "prep" or (child.dep_ == "dative" and child.pos_ == "ADP")]
    for prep in [*direct, *nested]:
        if prep.lower_ not in preps:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            for item in conjuncts(pobj):
                found.append(item)
                # "soldiers to the frontier with Laos", "a ban on imports from India"
                inner = _CONTAINER_NOUNS.get(item.lemma_.lower())
                if inner:
                    found.extend(_prepositional_objects(item, inner))
                    # "a ban on the import of rice from Laos": the origin may follow the goods
                    if "from" in inner:
                        found.extend(origin for goods in _with_of_complements([item])[1:]
                                     for origin in _prepositional_objects(goods, ("from",)))
    return found


def _with_of_complements(tokens: list[Token]) -> list[Token]:
    """Tokens and the nouns of their "of" complements: "a note of protest to X", "an exchange of prisoners"."""
    return tokens + [pobj for token in tokens for prep in token.children if prep.dep_ == "prep"
                     and prep.lower_ == "of" for pobj in prep.children if pobj.dep_ == "pobj"]


# --- nominal triggers ------------------------------------------------------------------------

def _nominal_pairs(trigger: _Trigger, resolver: MentionResolver,
                   lexicon: EventLexicon) -> list[tuple[Mention, Mention, float]]:
    noun, entry = trigger.token, trigger.entry
    if _is_light_verb_object(noun, entry, lexicon) or (entry.type == "AID" and _is_trade(noun)):
        return []
    # "talks between Chad and Niger" -> joint among the coordinated objects of "between"
    between = _resolve_all([t for holder in _with_of_complements([noun])
                            for t in _prepositional_objects(holder, ("between",))], resolver)
    if len(between) >= 2 and entry.mutual:
        return _pairs(between, [], entry, trigger.base_confidence)
    # "Lula's visit to Angola", "Swiss sanctions on Syria", "the Iraqi invasion of Kuwait"
    governor = _governing_verb(noun)
    # "condemned the sanctions and the ban on X": a conjunct hangs where its first conjunct does
    anchor = _first_conjunct(noun)
    # "staged drills close to its frontier with X": the place may hang on the governing verb;
    # "the recall of its envoy from Tallinn": or on the noun's of-complement
    holders = _with_of_complements([noun]) + ([governor] if governor is not None and anchor.dep_ in _OBJECT_DEPS
                                              else [])
    if anchor.dep_ == "pobj" and anchor.head.dep_ == "prep":
        # "following the aid to X" may hang "to X" on "following"
        holders.append(anchor.head)
    # "strikes carried out by Israel on X": the target may hang on the participle that makes the event
    makers = [child for child in noun.children if child.dep_ == "acl" and child.tag_ == "VBN"
              and _makes(child, noun, entry, lexicon)]
    holders += makers
    targets = _resolve_targets([t for holder in holders
                                for t in _prepositional_objects(holder, entry.target_preps)], resolver)
    partners = [] if entry.mutual else _coordinated_nouns(noun)
    if not targets and partners:
        # "Chinese loans and grants to Ghana": the last of coordinated acts carries their shared target
        stranded = [partner.head for partner in partners if partner.dep_ == "pobj" and partner.head.dep_ == "prep"]
        targets = _resolve_targets([t for partner in partners + stranded
                                    for t in _prepositional_objects(partner, entry.target_preps)], resolver)
    if not targets and entry.type in _CONDEMNING_TYPES and governor is not None and anchor.dep_ in _OBJECT_DEPS \
            and governor.lemma_.lower() in _PROVOKING_VERBS:
        # "Turkey's incursion drew condemnation from Baghdad": what drew it is the condemned act
        provokers = _subjects(governor)
        targets = _resolve_targets(provokers, resolver) or [
            agent for provoker in provokers if _is_definite(provoker)
            for agent in _act_agents(provoker, resolver, set())]
    if not targets and _ANSWERER_TARGET in entry.target_preps:
        targets = _answerers(noun, governor, resolver)
    places: list[Token] = []
    if not targets and _PLACE_TARGET in entry.target_preps:
        places = _visited_places(noun, governor)
        targets = _resolve_all(places, resolver)
    joint = entry.trigger.startswith("joint ")
    if not targets and not joint and not (entry.mutual and entry.type in _GATHERING_TYPES):
        # a deal with one named side ("the Chile-Peru deal") is no event of this text
        return []
    owners = [child for child in noun.children
              if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < noun.i and child not in places]
    if partners and not any(owner.dep_ == "poss" or owner.text[:1].isupper() for owner in owners):
        # "Indian assistance and credit lines to X": coordinated acts share the first one's owner
        owners += [child for partner in partners for child in partner.children
                   if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < partner.i
                   and child not in partners and child != noun and child not in places]
    # "the expulsion of two diplomats by the Netherlands", "a visit by Ruto to Kampala"
    # "criticism of Hanoi from the US embassy", "aid from Japan", "a visit of Kenya's president to Japan":
    # "from" and "of" name the source unless the entry reads them as the target
    agent_preps = ("by", *(prep for prep in ("from", "of") if prep not in entry.target_preps))
    agent_holders = _with_of_complements([noun]) + ([governor] if governor is not None and anchor.dep_ in _OBJECT_DEPS
                                                    else [])
    # "plans tabled by Norway": the agent of a participle on the noun
    agent_holders += [child for child in noun.children if child.dep_ == "acl" and child.tag_ == "VBN"]
    agents = [t for holder in agent_holders for t in _prepositional_objects(holder, agent_preps)]
    # "the tariffs imposed by Washington", "a patrol conducted by X": the agent of a participle
    # that makes the event (not "talks mediated by X", "a visit hosted by X")
    agents += [t for maker in makers for t in _agents(maker)]
    sources = _resolve_holders(owners, resolver) or _resolve_all(agents, resolver)
    # "Brazil criticised the sanctions on Venezuela", "Japan condemned the attack on its embassy": what
    # a verb reacts to or condemns is another's act (but "praised the talks with X": who praises a
    # gathering with X took part in it)
    borrowed = not sources and governor is not None and (
        entry.mutual or not (_reacts_to(anchor, governor, lexicon) or _condemned_by(governor, lexicon)))
    if borrowed:
        # the event named as an object or adjunct of a clause: "Serbia began the bombardment of ...",
        # "In a phone call with Ruto, Museveni urged ..." -> the clause's subject acts
        sources = _resolve_all(_subjects(governor), resolver)
    if entry.mutual and not targets and borrowed and anchor.dep_ == "pobj" and len(sources) == 1:
        # "X told his counterpart Y in a phone call": the clause's object is the other party
        targets = _resolve_all(_targets(governor, None, entry), resolver)
    if (joint or entry.mutual) and not targets:
        # "the India-GCC meeting", "A and B failed to reach a deal at talks", "... in a joint statement";
        # but "agreed on yearly summits", "restore the summit" are plans, not gatherings
        taking_part = not borrowed or _takes_part(anchor)
        return _pairs(sources, [], entry, trigger.base_confidence) if len(sources) > 1 and taking_part else []
    if entry.type == "MOBILIZE" and len(sources) > 1:
        # drills of several states together are joint exercises, whatever they are near
        return []
    return _pairs(sources, targets, entry, trigger.base_confidence, noun)


def _makes(verb: Token, noun: Token, entry: LexiconEntry, lexicon: EventLexicon) -> bool:
    """The verb is a light verb that makes the noun's event: "sanctions imposed", "strikes carried out"."""
    particles = [child.lower_ for child in verb.children if child.dep_ == "prt"]
    verbs = [verb.lemma_.lower(), *(f"{verb.lemma_.lower()} {particle}" for particle in particles)]
    return any(light.type == entry.type for name in verbs for word in (noun.lower_, noun.lemma_.lower())
               for light in lexicon.light_verbs(name, word))


def _first_conjunct(noun: Token) -> Token:
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i != noun.i:
        noun = noun.head
    return noun


def _coordinated_nouns(noun: Token) -> list[Token]:
    """Nouns coordinated with a nominal trigger, which may carry its owner or its target: its
    conjuncts, the noun it is a conjunct of, and the head of "A and B C" when the parser hangs
    "A and B" on C as a modifier ("assistance and credit lines": "assistance" on "lines")."""
    found = [item for child in noun.children if child.dep_ == "conj" for item in conjuncts(child)]
    if noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        found.append(noun.head)
    if noun.dep_ in ("compound", "nmod") and noun.head.pos_ in ("NOUN", "PROPN") and any(
            child.dep_ == "cc" for child in noun.children):
        found.append(noun.head)
    return found


def _reacts_to(noun: Token, governor: Token, lexicon: EventLexicon) -> bool:
    """The noun is the object of a verb that reacts to an act ("condemned the sanctions",
    "welcomed the aid", "demanded the withdrawal"): the verb's subject did not do it."""
    return noun.dep_ in _OBJECT_DEPS and any(trigger.entry.type in _REACTION_TYPES and trigger.object_token is None
                                             for trigger in _verb_triggers(governor, lexicon))


def _adjectival_visitor(verb: Token) -> Token | None:
    """The noun a "visiting" participle describes: "the visiting Thai premier", also when the
    parser reads it as the verb of its noun ("told visiting President Lula")."""
    if verb.tag_ != "VBG" or any(child.dep_ in _SUBJECT_DEPS for child in verb.children):
        return None
    if verb.dep_ == "amod":
        return verb.head
    objects = [child for child in verb.children if child.dep_ == "dobj" and child.left_edge.i == verb.i + 1]
    return objects[0] if verb.dep_ == "xcomp" and objects else None


def _is_trade(noun: Token) -> bool:
    """A delivery or shipment of commodities is trade: "Russian oil shipments to India", "deliveries
    of gas to Hungary"; unless the phrase calls it aid ("humanitarian fuel deliveries")."""
    words = {t.lemma_.lower() for t in noun.subtree} | {t.lower_ for t in noun.subtree}
    return bool(words & _TRADE_GOODS) and not words & _AID_WORDS


def _visited_places(noun: Token, governor: Token | None) -> list[Token]:
    """Where a visit goes when no "to" says it: a place named on the noun beside its visitor
    ("the Indian premier's Tokyo visit"), or where the clause puts its subject ("landed in Hanoi
    on a two-day visit", "arrived in Lima for a state visit")."""
    named = [child for child in noun.children if child.dep_ == "compound" and child.pos_ == "PROPN"
             and any(other.dep_ == "poss" for other in noun.children)]
    placed = [] if governor is None or noun.head.lower_ not in ("on", "for") else [
        item for prep in governor.children if prep.dep_ == "prep" and prep.lower_ in ("in", "to")
        for pobj in prep.children if pobj.dep_ == "pobj" for item in conjuncts(pobj)]
    return named + placed


def _answerers(noun: Token, governor: Token | None, resolver: MentionResolver) -> list[Mention]:
    """Who an offer is made to: the parties of its clause ("an offer to mediate between India and
    Pakistan"), else the subject of the verb answering it ("Addis Ababa rejected Cairo's proposal",
    "Pyongyang has not responded to Seoul's offer")."""
    clauses = [child for child in noun.children if child.dep_ == "acl" and child.tag_ == "VB"]
    parties = [t for clause in clauses for t in _clause_parties(clause) + _with_of_complements(_clause_parties(clause))]
    found = _resolve_targets(parties, resolver)
    if found or governor is None:
        return found
    return _resolve_all(_subjects(governor), resolver)


def _takes_part(noun: Token) -> bool:
    """The clause says its subjects took part in the gathering the noun names: "held talks",
    "met at a summit", "in a phone call", "after the talks"."""
    if noun.dep_ == "pobj":
        return noun.head.lower_ in _SCENE_PREPS
    return noun.head.lemma_.lower() in _PARTICIPATION_VERBS


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose object, or whose prepositional adjunct, the noun (or its first conjunct) is."""
    noun = _first_conjunct(noun)
    if noun.dep_ in _OBJECT_DEPS and noun.head.pos_ == "VERB":
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        verb = noun.head.head
        # "Lula, who is on a state visit to Portugal": the copula's subject is on the visit
        if verb.pos_ == "VERB" or (verb.pos_ == "AUX" and verb.lemma_ == "be"):
            return verb
    return None


def _resolve_holders(holders: list[Token], resolver: MentionResolver) -> list[Mention]:
    """Actors that own a nominal event: full names, people, and demonyms ("Russian invasion")."""
    found = _resolve_all((t for holder in holders for t in conjuncts(holder)), resolver)
    if found:
        return found
    for holder in holders:
        actor = resolver.actor_at(holder)
        if actor is not None and actor.country and actor.kind in ("state", "igo"):
            return [Mention(token=holder.i, actor=actor, confidence=0.85)]
    return []


def _is_light_verb_object(noun: Token, entry: LexiconEntry, lexicon: EventLexicon) -> bool:
    """The noun is already an event as the object of a light verb ("imposed sanctions").

    A light verb of another type may leave the noun its own event (``_STANDING_NOUNS``): drills
    one state begins are a show of force ("began drills around X"). A lifted measure that stood
    ("lifted its ban on X") is coded by ``_implied_events``.
    """
    head = noun.head.head if noun.head.dep_ == "prep" else noun.head
    if head.pos_ != "VERB":
        return False
    readings = {trigger.entry.type for trigger in _verb_triggers(head, lexicon) if trigger.object_token == noun}
    standing = {light for light, noun_type in _STANDING_NOUNS if noun_type == entry.type}
    return bool(readings) and not readings <= standing


# --- modality --------------------------------------------------------------------------------

def _modality(trigger: Token, lexicon: EventLexicon, *, threat: bool = False,
              answered: bool = False) -> tuple[bool, bool]:
    """(negated, hedged) for the event at ``trigger``, from the trigger and the clauses above it.

    A threat stays asserted under its own condition ("warned it would strike if ..."): threats
    are conditional by nature (scheme: an explicit threat with an "if" clause is THREATEN). An
    ``answered`` event (an offer) is judged by its own words only, not by the clause answering it.
    """
    negated = any(child.lower_ in _NEGATION_WORDS and child.dep_ in ("neg", "det")
                  for child in trigger.children)
    # "without a deal between A and B": an act named as absent did not happen
    negated = negated or (trigger.dep_ == "pobj" and trigger.head.lower_ == "without")
    hedged = any(lexicon.has_cue(child.lower_, "modifier") for child in trigger.children
                 if child.dep_ == "amod")
    # a document worked or pressed for is not concluded: "talks on a trade agreement", "working on a treaty"
    hedged = hedged or (trigger.lemma_.lower() in _DOCUMENT_NOUNS and trigger.dep_ == "pobj"
                        and trigger.head.lower_ in ("on", "toward", "towards", "for"))
    # a scheduled event is not yet one: "talks planned for May", "a summit due next week"
    hedged = hedged or (trigger.pos_ in ("NOUN", "PROPN") and any(
        lexicon.has_cue(child.lower_, "modifier") for child in trigger.children if child.dep_ == "acl"))
    # a gerund clause completing a noun is its content, not a fact: "objections to Sweden joining NATO"
    # or a gerund with its own subject after a preposition: "dropped its objections to Sweden joining NATO"
    hedged = hedged or (trigger.tag_ == "VBG" and trigger.dep_ in ("pcomp", "pobj") and trigger.head.dep_ == "prep"
                        and (trigger.head.head.pos_ == "NOUN" or any(c.dep_ == "nsubj" for c in trigger.children)))
    if answered:
        # "Lima expects an offer from Quito": an offer still awaited is not made; but what answers a
        # made offer ("rejected the offer") does not undo it
        verb = trigger.head
        awaited = _governs(verb, trigger) and lexicon.has_cue(verb.lemma_.lower(), "governor") and not (
            lexicon.has_cue(verb.lemma_.lower(), "negator"))
        return negated, hedged or awaited
    node, below = trigger, None
    circumstance = False  # past a prepositional or adverbial link: the trigger only sets the scene
    while True:
        for child in node.children:
            cue = _CLAUSE_CUES.get(child.dep_)
            suspends = bool(cue) and lexicon.has_cue(child.lower_, cue) and not _backshifted(child, lexicon)
            # a conditional clause makes its main clause hypothetical: "would expel ... if talks failed"
            conditional = child.dep_ == "advcl" and not threat and _is_conditional(child, lexicon)
            hedged = hedged or suspends or conditional
        if below is not None and _governs(node, below):
            lemma = node.lemma_.lower()
            # "failed to reach a deal at talks in Seoul": the talks still took place
            if lexicon.has_cue(lemma, "negator"):
                negated = negated or not circumstance
            elif lexicon.has_cue(lemma, "governor") and node.pos_ in ("VERB", "ADJ", "AUX", "NOUN"):
                hedged = True
        if node.head.i == node.i:
            break
        # a negated clause denies the clause it governs: "did not agree to attend"
        if node.dep_ == "xcomp" and any(c.dep_ == "neg" for c in node.head.children):
            negated = negated or not circumstance
        circumstance = circumstance or (node.dep_ in _ADJUNCT_DEPS and node.head.pos_ in ("VERB", "AUX"))
        node, below = node.head, node
    return negated, hedged


def _is_conditional(clause: Token, lexicon: EventLexicon) -> bool:
    return any(child.dep_ == "mark" and lexicon.has_cue(child.lower_, "mark") for child in clause.children)


def _governs(head: Token, child: Token) -> bool:
    """True when ``child`` is what ``head`` is about: its complement clause or object, not an adjunct
    ("asked Norway to send" governs "send"; "during talks, X asked" does not govern "talks")."""
    if head.pos_ == "NOUN":
        # "the demand for Rwanda to pull out" may hang its clause on the noun as an adverbial
        return child.dep_ in ("prep", "acl", "compound", "pobj", "advcl")
    # "offered on Tuesday to host talks" is often parsed as an adverbial infinitive
    infinitive = child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
    return child.dep_ in _GOVERNED_DEPS or infinitive


def _backshifted(modal: Token, lexicon: EventLexicon) -> bool:
    """'would' in a clause reported in the past stands for 'will': "Thailand said it would expel ..."."""
    clause = modal.head
    reporter = clause.head
    return (modal.lower_ == "would" and clause.dep_ == "ccomp" and reporter.tag_ == "VBD"
            and lexicon.has_cue(reporter.lemma_.lower(), "report") and not _is_conditional(clause, lexicon))


def _relation(trigger: _Trigger, source: Mention, target: Mention, confidence: float, sent: Span,
              document: Document, *, negated: bool, hedged: bool) -> Relation:
    entry, token = trigger.entry, trigger.token
    text = _text(sent)
    sentence = text.strip()
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return Relation(
        doc_id=document.id, sentence=sentence, start=start, end=start + len(sentence),
        source=source.actor, target=target.actor, type=entry.type, cameo=entry.cameo,
        cooperation=entry.goldstein, verb=entry.trigger, object=_object_phrase(trigger),
        negated=negated, hedged=hedged, confidence=confidence, date=document.date, url=document.url,
        trigger_start=token.idx, trigger_end=token.idx + len(token.text),
    )


def _text(span: Span) -> str:
    """A span's text sliced from its document's text, which is built once a document (``Span.text``
    and ``Doc.text`` rebuild theirs token by token at every call)."""
    text = span.doc.user_data.get(_DOC_TEXT)
    if text is None:
        text = span.doc.user_data[_DOC_TEXT] = span.doc.text
    return text[span.start_char:span.end_char]


def _object_phrase(trigger: _Trigger) -> str | None:
    """The thing the event is about: the light verb's noun, or a verb's common-noun object ("agreement")."""
    if trigger.object_token is not None:
        return trigger.object_token.lemma_.lower()
    if trigger.entry.pos == "noun":
        return None
    for child in trigger.token.children:
        if child.dep_ in _OBJECT_DEPS and child.pos_ == "NOUN":
            return child.lemma_.lower()
    return None
