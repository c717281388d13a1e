#!/usr/bin/env python3
"""Regenerate kg/data/events/petrarch_lexicon.tsv from PETRARCH2's CAMEO verb dictionary.

Source: ``CAMEO.2.0.verbs.txt`` of the public repository openeventdata/petrarch2
(petrarch2/data/dictionaries/, commit 676801cd9cb2924bbbad09f86d15c9323e7097bf; Open Event Data
Alliance, MIT licence), a copy of which is kept outside the repository (default
``../shared/data/phoenix``). Its CAMEO codes become PLOVER types through the CAMEO->PLOVER
crosswalk (openeventdata/PLOVER CAMEO2PLOVER-2021.txt, CC BY-SA 4.0, with the kg scheme's
differences in its ``scheme_type`` column) and Goldstein scores through the GDELT CAMEO
Goldstein table (default ``../shared/data/cameo``). Only facts carry over (verb, object noun ->
CAMEO code); no PETRARCH text, comment or code is copied.

What is converted (PETRARCH2 dictionary syntax, see its reader ``read_verb_dictionary``):

- a verb line of a block (``MEET {MEETS MET MEETING}``, ``+CALL_OFF [160]``) with the line's code
  or the block's (``--- NAME [040] ---``) -> a verb entry, its lemma taken by spaCy's
  lemmatiser (``BURNT`` -> ``burn``); a multi-word verb keeps its particle (``call off``) or,
  when the second word is a noun, becomes a light verb (``take`` + ``leave``);
- a pattern ``- * NOUN [code]`` or ``- * {MODIFIER NOUN} [code]`` -> a light verb: every verb
  of the block with that object noun (``&SYNSET`` names expanded, singular and plural);
- ``- * (PREP NOUN) [code]`` -> the same, the noun being the object of the preposition
  (kg's light-verb look-up also takes prepositional objects);
- ``- * NOUN (PREP) [code]`` / ``- * (PREP) [code]`` -> the preposition becomes a target preposition;
- codes: ``[X]`` one-way, ``[X:X]`` joint (``mutual`` yes), ``[:Y]`` the grammatical subject is the
  target (``mutual`` reverse), ``[X:Y]`` with X != Y: X one-way (a visit hosted is not coded
  twice); ``[---]`` no event (nothing to add).

Not converted: patterns with words before the verb (``- NOUN * [code]``: kg has no
subject-noun condition), with two or more nouns in sequence (TABARI leftovers), with a
prepositional phrase that constrains a noun (``BAN (ON TRAVEL)``), or with source/target
markers (``+ $ ^ %``). ``--report`` prints how many of each there are.

Selection: ``EXCLUDED_*`` below lists, with a one-line reason each, the CAMEO families, codes,
verbs, verb readings, object nouns and verb+object pairs left out because kg's gold sets or the
corpus audit showed them wrong under ../shared/eval/SCHEME.md. The curated
``kg/data/events/lexicon.tsv`` is layered on top at load time (kg/events.py), so a curated row
for the same trigger (and object) always wins.

Usage:

    python scripts/build_event_lexicon.py            # rewrite the shipped table
    python scripts/build_event_lexicon.py --check    # fail if the shipped table is stale
    python scripts/build_event_lexicon.py --report   # what was converted, kept and dropped, and why
    python scripts/build_event_lexicon.py --verbs PATH --cameo DIR --out FILE

Output is sorted, so running it twice changes nothing.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.events import LexiconEntry

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "kg" / "data" / "events" / "petrarch_lexicon.tsv"
CURATED = REPO / "kg" / "data" / "events" / "lexicon.tsv"
VERBS = REPO.parent / "shared" / "data" / "phoenix" / "CAMEO.2.0.verbs.txt"
CAMEO_DIR = REPO.parent / "shared" / "data" / "cameo"
COMMAND = "python scripts/build_event_lexicon.py"
SOURCE = ("openeventdata/petrarch2, petrarch2/data/dictionaries/CAMEO.2.0.verbs.txt "
          "(commit 676801cd9cb2924bbbad09f86d15c9323e7097bf; Open Event Data Alliance, MIT licence)")
CROSSWALK = ("CAMEO->PLOVER crosswalk: openeventdata/PLOVER CAMEO2PLOVER-2021.txt (CC BY-SA 4.0) with the "
             "kg scheme's differences; Goldstein scores: GDELT CAMEO.goldsteinscale.txt")

#: Words that, after a verb, make a phrasal verb ("call off") rather than a light verb's object.
PARTICLES = {"about", "across", "after", "against", "ahead", "along", "apart", "around", "aside", "at", "away",
             "back", "by", "down", "for", "forth", "forward", "from", "in", "into", "off", "on", "onto", "out",
             "over", "through", "to", "together", "toward", "towards", "under", "up", "upon", "with", "without"}
#: Target prepositions of a converted entry, by PLOVER type (PETRARCH finds targets structurally;
#: kg reads them from these prepositions on the verb or its object).
TYPE_PREPS = {
    "AGREE": ("with", "to"), "CONSULT": ("with",), "SUPPORT": ("for", "to", "with"), "CONCEDE": ("to",),
    "COOPERATE": ("with",), "AID": ("to", "for"), "RETREAT": ("from", "of"), "REQUEST": ("to", "on"),
    "ACCUSE": ("against", "at"), "REJECT": (), "THREATEN": ("against", "to", "on"), "PROTEST": ("against",),
    "SANCTION": ("on", "against"), "MOBILIZE": ("near", "to", "along", "against"), "COERCE": ("from", "against"),
    "ASSAULT": ("on", "against", "at", "into"),
}
#: Target prepositions of particular CAMEO codes, where the type's default does not fit.
CODE_PREPS = {"042": ("to",), "085": ("on", "against"), "0841": ("to",), "0842": ("to",), "081": ("on", "against"),
              "057": ("with",), "161": ("with",), "164": ("with",)}
#: Where the kg scheme (../shared/eval/SCHEME.md) types a CAMEO code differently from the crosswalk.
SCHEME_TYPES = {"055": ("CONCEDE", "scheme: an apology or expression of regret is CONCEDE")}

# --- selection: what is left out, and why (one line each) --------------------------------------

#: Whole CAMEO families (the first two digits of the code).
EXCLUDED_FAMILIES = {
    "01": "statements: PLOVER drops CAMEO 01 and the kg scheme has no type for them",
    "09": "investigating is not accusing under the kg scheme (PLOVER folds 09 into ACCUSE)",
}
#: Single CAMEO codes.
EXCLUDED_CODES: dict[str, str] = {}

# Reasons shared by many verbs (the lists below name one per verb or block).
_SYNONYM = "a loose synonym in PETRARCH's block: on its own the verb is rarely this event in news"
_GENERIC = "a generic verb (go, take, give, lead, find ...): on its own it names no event between states"
_GOVERNOR = "an intention, plan or hope governs a later act: kg hedges it (modality.tsv), not an event of its own"
_OPINION = "a feeling or opinion, not an act (scheme: mere opinions are left out)"
_DOMESTIC = "a domestic or judicial act (laws, courts, office) with no foreign target in news"
_TYPE = "CAMEO's type for it differs from the kg scheme's (arms and money -> AID, troops withdrawn -> RETREAT ...)"
_FIGURATIVE = "mostly figurative in news (hit, hammer, blast, crush: words, markets, sport)"
_SPORT = "mostly sport or elections in news (beat, defeat, best ...)"
_MOVEMENT = ("travel or arrival is not a meeting: kg codes the visit (visit, trip; and curated rows for a person's "
             "arrival: arrive, land, fly, travel with the -visitor marker) instead")
_NO_PARTY = "names no second party: a gathering, reaction or state of mind"
_CURATED = ("CAMEO's type or targets differ from the kg scheme's; kg's reading is a curated row in "
            "lexicon.tsv (arm, finance, lend, loan: AID; fly: a visit by a person only)")

#: PETRARCH verb blocks whose verbs are no event on their own (their object patterns stay).
EXCLUDED_BLOCK_READINGS = {
    "HOPE": _GOVERNOR, "SUGGEST": _GOVERNOR, "INTEND": _GOVERNOR, "PLEDGE": _GOVERNOR, "PREPARE": _GOVERNOR,
    "PROMISE": _GOVERNOR, "REVIVE": _SYNONYM, "SIGNAL": _GOVERNOR, "STRIVE": _GOVERNOR, "SELECT": _GOVERNOR,
    "SEARCH": _GOVERNOR, "PREDICT": _GOVERNOR,
    "ARRIVE": _MOVEMENT, "GO_SOMEWHERE": _MOVEMENT, "ASSEMBLE": _NO_PARTY, "CABLE": _SYNONYM,
    "CONSIDER": _GOVERNOR, "HEAR": _GENERIC, "INTRODUCE": _GENERIC, "INVITE": _GOVERNOR, "NOTIFY": _GENERIC,
    "BARGAIN": _SYNONYM, "COORDINATE": _SYNONYM, "DISCLOSE": _GENERIC, "INFLUENCE": _GENERIC, "REJOICE": _OPINION,
    "BLESS": _SYNONYM, "ENCOURAGE": _SYNONYM, "FAVOR": _OPINION, "LEGITIMISE": _SYNONYM, "REASSERT": _GENERIC,
    "RESPECT": _OPINION, "FORMALIZE": _GENERIC,
    "AID": _GENERIC, "ALLOCATE": _GENERIC, "BOOST": _GENERIC, "ENACT": _DOMESTIC, "ENLIST": _GENERIC,
    "FACILITATE": _GENERIC, "LINK": _GENERIC, "MERGE": _GENERIC, "OVERSEE_MANAGE": _GENERIC, "TRADE": _GENERIC,
    "FINANCE": _CURATED, "IMPORT": _GENERIC, "PURCHASE": _GENERIC, "ARM": _CURATED, "INTERVENE": _SYNONYM,
    "STABILISE": _GENERIC, "RESCUE": _SYNONYM, "DEFEND": _SYNONYM,
    "ABANDON": _GENERIC, "ABSOLVE": _DOMESTIC, "ABSTAIN": _GENERIC, "ALLOW": _GENERIC, "COMPROMISE": _SYNONYM,
    "LOOSEN": _GENERIC, "PARDON": _DOMESTIC, "RELEASE": _TYPE, "RETREAT": _TYPE, "SUBMIT": _GENERIC,
    "UNBLOCK": _GENERIC, "ACQUIT": _DOMESTIC, "DECLASSIFY": _DOMESTIC, "LEGALISE": _DOMESTIC, "INSIST": _GENERIC,
    "CURSE": _OPINION, "DESPAIR": _OPINION, "DISMAY": _OPINION, "DISTRUST": _OPINION, "LAMENT": _OPINION,
    "REGRET": _OPINION, "VERBAL_CONFLICT": _OPINION, "DISGRACE": _SYNONYM, "DELAY": _GENERIC, "OVERRULE": _GENERIC,
    "ENDANGER": _GENERIC, "DISTURB": _OPINION, "MARCH": _DOMESTIC, "PROVOKE": _GENERIC, "RIOT": _DOMESTIC,
    "PARADE": _DOMESTIC, "BETRAY": _OPINION, "DISASSOCIATE": _GENERIC, "DISRUPT": _GENERIC, "SPY": _TYPE,
    "UNDERMINE": _GENERIC, "SECEDE": _DOMESTIC, "IMPEL": _GENERIC, "IMPOSE": _GENERIC, "PUNISH": _GOVERNOR,
    "SUPPRESS": _DOMESTIC, "VANDALISE": _DOMESTIC, "EXTRACT": _GENERIC, "NATIONALIZE": _DOMESTIC, "STEAL": _DOMESTIC,
    "FINE": _DOMESTIC, "PROHIBIT": _DOMESTIC, "ABUSE": _FIGURATIVE, "RAMPAGE": _DOMESTIC, "RIP": _FIGURATIVE,
    "SCUFFLE": _DOMESTIC, "SLAP": _FIGURATIVE, "TERRORIZE": _DOMESTIC, "WHIP": _FIGURATIVE, "OVERTHREW": _DOMESTIC,
    "DIE": _NO_PARTY, "ENGAGE": _GENERIC, "FLATTEN": _FIGURATIVE, "REPULSE": _SYNONYM, "TARGET": _FIGURATIVE,
    "OFFEND": _OPINION, "COLLAPSE": _GENERIC, "REVOKE_": _GENERIC, "RESIGN": _DOMESTIC, "STRENGTHEN": _GENERIC,
    "UTILIZE": _GENERIC, "VIOLATE": _GENERIC, "EVACUATE": _GENERIC, "FAIL": _GENERIC, "DECREE": _DOMESTIC,
    "EXPLAIN_VERBAL": _GENERIC, "DESPATCH": _GENERIC,
}
#: Verbs left out entirely (their own reading and every pattern).
EXCLUDED_VERBS: dict[str, str] = {
    "die": _NO_PARTY, "go": _GENERIC, "take": _GENERIC, "get": _GENERIC, "make": _GENERIC, "put": _GENERIC,
    "come": _GENERIC, "see": _GENERIC, "say": _GENERIC, "tell": _GENERIC,
}
#: Verbs whose reading on their own is left out (their patterns with an object stay).
EXCLUDED_VERB_READINGS: dict[str, str] = {
    # requests and offers
    "grill": _OPINION, "solicit": _SYNONYM, "bid": _SYNONYM, "campaign": _DOMESTIC, "clamor": _OPINION,
    "clamour": _OPINION, "crusade": _SYNONYM, "necessitate": _GENERIC, "need": _GENERIC, "push": _GENERIC,
    "want": _GOVERNOR, "volunteer": _GOVERNOR, "seek": _GOVERNOR, "vote": _DOMESTIC, "ask for": _GENERIC,
    # meetings
    "meet with": "PETRARCH's one-way 'meet with' would shadow kg's joint 'meet', which already takes 'with'",
    "communicate with": _GENERIC, "brave": _GENERIC, "confront": _SYNONYM, "encounter": _GENERIC, "face": _GENERIC,
    "interact": _GENERIC, "run into": _GENERIC, "speak": _GENERIC, "talk": _GENERIC, "utter": _GENERIC,
    "verbalise": _GENERIC, "verbalize": _GENERIC, "summon": "kg codes a summons by its purpose (lexicon.tsv: summon)",
    "communicate": _GENERIC,
    # support
    "ally": _SYNONYM, "associate": _GENERIC, "concert": _SYNONYM, "advertise": _GENERIC, "advertize": _GENERIC,
    "promote": _GENERIC, "admire": _OPINION, "celebrate": _GENERIC, "clap": _SYNONYM, "commemorate": _GENERIC,
    "honor": _DOMESTIC, "honour": _DOMESTIC, "reward": _GENERIC, "toast": _SYNONYM, "exalt": _SYNONYM,
    "glorify": _SYNONYM, "affirm": _GENERIC, "value": _OPINION, "esteem": _OPINION, "prize": _OPINION,
    # aid, cooperation
    "evacuate": _GENERIC, "accord": _GENERIC, "add": _GENERIC, "award": _DOMESTIC, "bequeath": _SYNONYM,
    "bestow": _SYNONYM, "endow": _SYNONYM, "entrust": _GENERIC, "give": _GENERIC, "grant": _GENERIC,
    "issue": _GENERIC, "lend": _CURATED, "loan": _CURATED, "serve": _GENERIC, "benefit": _GENERIC, "help": _GENERIC,
    "assist": _GENERIC, "exchange": _GENERIC, "swap": _GENERIC,
    # concessions
    "give up": _GENERIC, "give in": _GENERIC, "drop out": _DOMESTIC, "bow": _FIGURATIVE, "forswear": _SYNONYM,
    "relinquish": _SYNONYM, "renounce": _SYNONYM, "succumb": _FIGURATIVE, "surrender": _TYPE, "waive": _TYPE,
    "yield": _FIGURATIVE, "concession": _SYNONYM, "comply": _GENERIC,
    # accusations
    "aver": _GENERIC, "avow": _GENERIC, "claim": _GENERIC, "swear": _GENERIC, "disapprove": _OPINION,
    "slight": _OPINION, "spurn": _TYPE, "cane": _DOMESTIC, "flog": _DOMESTIC, "lecture": _GENERIC,
    "crucify": _FIGURATIVE, "charge": _DOMESTIC, "enquire": _GENERIC, "inquire": _GENERIC, "interview": _GENERIC,
    "query": _GENERIC, "question": _GENERIC, "wonder": _GENERIC, "compensate": _GENERIC, "choose": _GENERIC,
    "cull": _GENERIC, "opt": _GENERIC, "pick": _GENERIC, "select": _GENERIC, "express": _GENERIC,
    # threats, rejections, mobilisation
    "call off": "kg codes a cancelled visit or talks as REJECT (lexicon.tsv: call off)", "abort": _GENERIC,
    "disband": _DOMESTIC, "rescind": _GENERIC, "defect": _DOMESTIC, "breach": _GENERIC, "fail": _GENERIC,
    "drum up": _GENERIC, "pull together": _GENERIC, "garner": _GENERIC, "marshal": _GENERIC, "muster": _GENERIC,
    "rally": _DOMESTIC,
    # coercion
    "cage": _DOMESTIC, "contain": _GENERIC, "enclose": _GENERIC, "restrict": _GENERIC, "withhold": _GENERIC,
    "hold": _GENERIC, "bar": _GENERIC, "block": _GENERIC, "embargo": _TYPE, "exclude": _GENERIC,
    "ostracise": _GENERIC, "ostracize": _GENERIC, "segregate": _DOMESTIC, "shun": _OPINION, "cordon off": _DOMESTIC,
    "vote down": _DOMESTIC, "catch": _GENERIC, "grab": _GENERIC, "nab": _DOMESTIC, "snatch": _GENERIC,
    "arrest and": _GENERIC, "take over": _GENERIC, "commandeer": _GENERIC, "overturn": _GENERIC, "pirate": _GENERIC,
    "revolutionise": _GENERIC, "revolutionize": _GENERIC, "subvert": _GENERIC, "usurp": _DOMESTIC,
    "appropriate": _GENERIC, "evict": _DOMESTIC, "oust": _DOMESTIC, "remove": _GENERIC, "boot out": _GENERIC,
    "infest": _GENERIC, "inhabit": _GENERIC, "reside": _GENERIC, "beef up": _GENERIC, "build up": _GENERIC,
    # violence
    "bruise": _FIGURATIVE, "contaminate": _GENERIC, "corrupt": _GENERIC, "crack": _FIGURATIVE, "damage": _FIGURATIVE,
    "harm": _FIGURATIVE, "hurt": _FIGURATIVE, "impair": _FIGURATIVE, "mar": _FIGURATIVE, "spoil": _FIGURATIVE,
    "tarnish": _FIGURATIVE, "tear": _FIGURATIVE, "vitiate": _FIGURATIVE, "dishonor": _FIGURATIVE,
    "dishonour": _FIGURATIVE, "beat": _SPORT, "best": _SPORT, "break": _GENERIC, "bust": _DOMESTIC,
    "crush": _FIGURATIVE, "decimate": _FIGURATIVE, "defeat": _SPORT, "desolate": _FIGURATIVE, "disarm": _GENERIC,
    "dominate": _SPORT, "eradicate": _FIGURATIVE, "master": _SPORT, "overcome": _SPORT, "overpower": _SPORT,
    "overshadow": _SPORT, "overtake": _SPORT, "overwhelm": _FIGURATIVE, "ravage": _FIGURATIVE, "ravish": _FIGURATIVE,
    "ruin": _FIGURATIVE, "shatter": _FIGURATIVE, "smash": _FIGURATIVE, "subjugate": _DOMESTIC, "surmount": _SPORT,
    "wipe out": _FIGURATIVE, "circle": _GENERIC, "ring": _GENERIC, "surround": _GENERIC, "blast": _FIGURATIVE,
    "blow": _FIGURATIVE, "detonate": _NO_PARTY, "explode": _NO_PARTY, "pelt": _DOMESTIC, "snipe": _FIGURATIVE,
    "hang": _DOMESTIC, "strangle": _DOMESTIC, "stamp out": _FIGURATIVE, "string up": _DOMESTIC, "altercate": _SYNONYM,
    "assail": _FIGURATIVE, "battle": _FIGURATIVE, "blitz": _SPORT, "bludgeon": _DOMESTIC, "clobber": _FIGURATIVE,
    "combat": _FIGURATIVE, "conflict": _GENERIC, "duel": _SPORT, "fight back": _FIGURATIVE,
    "fight down": _FIGURATIVE, "grapple": _FIGURATIVE, "hammer": _FIGURATIVE, "hit": _FIGURATIVE, "kick": _SPORT,
    "match": _SPORT, "pit": _SPORT, "quarrel": _OPINION, "retaliate": _GENERIC, "square off": _SPORT,
    "stone": _DOMESTIC, "struggle": _FIGURATIVE, "wrestle": _SPORT, "thump": _SPORT, "intrude on": _GENERIC,
    "despoil": _SYNONYM, "foray": _SYNONYM, "loot": _DOMESTIC, "reave": _SYNONYM, "mock": _GENERIC,
    "kick out": _GENERIC, "sentence": _DOMESTIC, "rip": _FIGURATIVE,
    # verbs of motion and pace, and opinions, that PETRARCH codes by a preposition's object
    "distance": _OPINION, "outpace": _SPORT, "outstrip": _SPORT, "transcend": _GENERIC, "fly": _CURATED,
    "pilot": _MOVEMENT, "immigrate": _MOVEMENT, "migrate": _MOVEMENT, "accelerate": _GENERIC, "dock": _MOVEMENT,
    "expedite": _GENERIC, "hasten": _GENERIC, "hurry": _GENERIC, "quicken": _GENERIC, "race": _GENERIC,
    "repatriate": _MOVEMENT, "return": _MOVEMENT, "revert": _GENERIC, "rush": _GENERIC, "speed": _GENERIC,
    "respect": _OPINION, "stand": _GENERIC, "conspire": _GENERIC, "contrive": _GENERIC, "scheme": _GENERIC,
}
#: Target prepositions and jointness of particular verb readings, where the type's default does not fit.
READING_OVERRIDES: dict[str, tuple[tuple[str, ...], str]] = {
    "clash": (("with",), "yes"), "skirmish": (("with",), "yes"), "fight": (("with", "against"), "yes"),
    "extradite": (("to",), "no"), "side with": (("with",), "no"), "contribute": (("to",), "no"),
    "airlift": (("to",), "no"), "confer": (("with",), "yes"), "consult": (("with",), "yes"),
    "converse": (("with",), "yes"), "telephone": (("with",), "yes"), "contact": (("with",), "yes"),
    "plead": (("with", "to"), "no"), "beg": (("to",), "no"), "implore": (("to",), "no"),
}
#: Types by which a verb changes what its object noun names ("cancel a visit" REJECT, "lift an embargo"
#: RETREAT, "halt aid" SANCTION): such readings stand even when the object is a kg nominal trigger.
CHANGING_TYPES = {"REJECT", "RETREAT", "CONCEDE", "SANCTION"}
#: Object nouns never taken as a light verb's object.
EXCLUDED_OBJECTS: dict[str, str] = {}
#: Single verb + object pairs.
EXCLUDED_PAIRS: dict[tuple[str, str], str] = {
    ("allege", "kidnapping"): "alleging an act is an accusation, not the act",
    ("allege", "damages"): "alleging an act is an accusation, not the act",
}


@dataclass(frozen=True)
class Rule:
    """One converted reading: a verb alone, or a verb with an object noun."""

    verb: str
    obj: str  # "" for the verb alone
    code: str  # forward CAMEO code, "" when only the reverse direction is coded
    back: str  # reverse CAMEO code ("" when none)
    prep: str  # a target preposition named by the pattern ("" when none)
    block: str
    line: int
    shape: str  # verb | object | prep-object


# --- reading the PETRARCH dictionary -----------------------------------------------------------

def _strip(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _plural(word: str) -> str:
    if word.endswith("s"):
        return word
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ch", "sh", "x", "z")):
        return word + "es"
    return word + "s"


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """``&LABEL`` -> its phrases (lower case; kg adds plurals itself, see ``_noun_forms``)."""
    synsets: dict[str, list[str]] = {}
    label = None
    for raw in lines:
        if raw.startswith("####### VERB PATTERNS"):
            break
        line = _strip(raw).strip()
        if line.startswith("&"):
            label = line.split()[0]
            synsets[label] = []
        elif line.startswith("+") and label:
            phrase = line[1:].strip().strip("_").replace("_", " ").lower()
            if phrase:
                synsets[label].append(phrase)
    return {label: list(dict.fromkeys(phrases)) for label, phrases in synsets.items()}


def _expand(pattern: str, synsets: dict[str, list[str]]) -> list[str]:
    match = re.search(r"&[A-Z0-9_]+", pattern)
    if not match:
        return [pattern]
    label = match.group(0)
    if label not in synsets:
        return []
    return [expanded for phrase in synsets[label]
            for expanded in _expand(pattern[:match.start()] + phrase.replace(" ", "_") + pattern[match.end():],
                                    synsets)]


def _code(field: str) -> tuple[str, str] | None:
    """``[X]``, ``[X:Y]``, ``[:Y]`` -> (forward, reverse); None for no event or an unreadable code."""
    body = field.strip("[]").rstrip("!")
    if body.startswith("---") or not body:
        return None
    forward, _, back = body.partition(":")
    if (forward and not forward.isdigit()) or (back and not back.isdigit()):
        return None
    return forward, back


def _groups(text: str) -> list[tuple[str, list[str]]] | None:
    """The post-verb part of a pattern as [("np", words) | ("pp", [prep, words...])]; None if unreadable."""
    items: list[tuple[str, list[str]]] = []
    tokens = re.findall(r"\(|\)|\{|\}|[^\s(){}]+", text)
    stack: list[tuple[str, list[str]]] = []
    for token in tokens:
        if token == "(":
            stack.append(("pp", []))
        elif token == "{":
            stack.append(("np", []))
        elif token in (")", "}"):
            if not stack:
                return None
            kind, words = stack.pop()
            if stack:
                # a noun phrase inside a prepositional phrase: its words join the phrase
                stack[-1][1].append(" ".join(words))
            else:
                items.append((kind, words))
        elif stack:
            # words joined by "_" are consecutive: one noun phrase ("PATROL_BOAT")
            stack[-1][1].append(token.strip("_").replace("_", " "))
        else:
            items.append(("np", [token.strip("_").replace("_", " ")]))
    return None if stack else items


def parse_dictionary(text: str) -> tuple[list[Rule], Counter]:
    """Every reading the dictionary states, and a count of what could not be converted, by reason."""
    lines = text.splitlines()
    synsets = read_synsets(lines)
    rules: list[Rule] = []
    skipped: Counter = Counter()
    block, block_code = "", None
    verbs: list[tuple[str, str, int]] = []  # (lemma or "verb noun", shape, line) of the current block
    start = next(i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS"))
    for number, raw in enumerate(lines[start + 1:], start=start + 2):
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        line = _strip(raw)
        if not line.strip():
            continue
        if line.startswith("---"):
            fields = line.split()
            block = fields[1]
            block_code = _code(re.sub(r"\].*", "]", fields[2])) if len(fields) > 2 else None
            verbs = []
            continue
        if line.startswith("-"):
            body = line[1:]
            coded = re.search(r"\[[^\]]*\]\s*$", body)
            if not coded:
                skipped["pattern without a code"] += 1
                continue
            code = _code(coded.group(0).strip())
            body = body[:coded.start()]
            if code is None:
                skipped["pattern: no event ([---])"] += 1
                continue
            if "*" not in body:
                skipped["pattern without a verb position"] += 1
                continue
            pre, _, post = body.partition("*")
            if pre.strip():
                skipped["pattern: words before the verb"] += 1
                continue
            if re.search(r"[+$%^]", post):
                skipped["pattern: source/target markers"] += 1
                continue
            expansions = _expand(post, synsets)
            if not expansions:
                skipped["pattern: undefined synset"] += 1
                continue
            for expanded in expansions:
                rule = _pattern_rule(expanded, code, block, number)
                if isinstance(rule, str):
                    skipped[rule] += 1
                    continue
                for verb, shape, _ in verbs:
                    if shape != "verb":
                        continue
                    rules.append(Rule(verb, rule[0], code[0], code[1], rule[1], block, number, rule[2]))
            continue
        # a verb line: STEM {FORMS} [CODE]
        words = line.replace("{", " { ").replace("}", " } ").split()
        own = [w for w in words if w.startswith("[")]
        code = _code(own[0]) if own else block_code
        stem = words[0].lstrip("+") if not words[0].startswith("+") else words[0]
        verb = _verb_of(stem)
        if verb is None:
            skipped["verb line: multi-word form kg cannot match"] += 1
            continue
        lemma, obj = verb
        if obj:
            # "take leave": a light verb with its fixed object
            verbs.append((lemma, "multi", number))
            if code is not None:
                rules.append(Rule(lemma, obj, code[0], code[1], "", block, number, "object"))
            continue
        verbs.append((lemma, "verb", number))
        if code is not None:
            rules.append(Rule(lemma, "", code[0], code[1], "", block, number, "verb"))
    return rules, skipped


def _verb_of(stem: str) -> tuple[str, str] | None:
    """(verb with particle, object noun) of a verb line's stem: ``+CALL_OFF`` -> ("call off", "")."""
    parts = stem.strip("_").split("_")
    marked = [i for i, part in enumerate(parts) if part.startswith("+")]
    head = marked[0] if marked else 0
    words = [part.lstrip("+").lower() for part in parts]
    if any(not word.replace("-", "").isalpha() for word in words):
        return None
    front, verb, back = words[:head], words[head], words[head + 1:]
    if front == ["re"]:
        return f"re{verb}", ""
    if front:
        return None
    if not back:
        return verb, ""
    if all(word in PARTICLES for word in back):
        return " ".join([verb, *back]), ""
    if len(back) == 1 and back[0] not in ("and", "or", "that", "to"):
        return verb, back[0]
    return None


def _pattern_rule(post: str, code: tuple[str, str], block: str, line: int) -> tuple[str, str, str] | str:
    """(object, target preposition, shape) of a pattern's post-verb part, or the reason it is skipped."""
    groups = _groups(post)
    if groups is None:
        return "pattern: unbalanced brackets"
    nps = [" ".join(words).lower() for kind, words in groups if kind == "np"]
    pps = [[w.lower() for w in words] for kind, words in groups if kind == "pp"]
    if len(nps) > 1:
        return "pattern: several nouns in sequence"
    if len(pps) > 1:
        return "pattern: several prepositional phrases"
    if nps and pps and len(pps[0]) > 1:
        return "pattern: a prepositional phrase constraining the noun"
    if nps:
        return nps[0], (pps[0][0] if pps else ""), "object"
    if pps:
        prep, *rest = pps[0]
        if not rest:
            return "", prep, "prep"
        if len(rest) > 1:
            return "pattern: several nouns in sequence"
        return rest[0], prep, "prep-object"
    return "", "", "verb"


# --- CAMEO -> PLOVER ---------------------------------------------------------------------------

def read_crosswalk(folder: Path) -> tuple[dict[str, str], dict[str, float]]:
    """CAMEO code -> kg type, and CAMEO code -> Goldstein score."""
    types: dict[str, str] = {}
    with (folder / "cameo_to_plover.csv").open(encoding="latin-1", newline="") as handle:
        for row in csv.DictReader(handle):
            kind = row["scheme_type"] or row["plover_type"]
            if kind and "|" not in kind:
                types[row["cameo_code"]] = kind
    for code, (kind, _) in SCHEME_TYPES.items():
        types[code] = kind
    with (folder / "cameo_goldstein.csv").open(encoding="latin-1", newline="") as handle:
        scores = {row["cameo_code"]: float(row["goldstein"]) for row in csv.DictReader(handle)}
    return types, scores


def _score(code: str, scores: dict[str, float]) -> float | None:
    for length in (len(code), 3, 2):
        if code[:length] in scores:
            return scores[code[:length]]
    return None


# --- lemmas ------------------------------------------------------------------------------------

class Lemmatiser:
    """spaCy's English lemmatiser on single words, with a part of speech."""

    def __init__(self) -> None:
        from kg.parse import DEFAULT_MODELS, _load_model

        for name in DEFAULT_MODELS:
            nlp = _load_model(name)
            if nlp is not None:
                break
        else:
            sys.exit("build_event_lexicon: no spaCy English model is installed (see README)")
        self.nlp = nlp
        self.pipe = nlp.get_pipe("lemmatizer")
        tables = self.pipe.lookups
        #: base forms the lemmatiser knows, by part of speech: these are lemmas already ("dismiss", "need")
        self.base = {pos: set(tables.get_table("lemma_index")[pos]) for pos in ("verb", "noun")}
        self.cache: dict[tuple[str, str], str] = {}

    def __call__(self, word: str, pos: str) -> str:
        key = (word, pos)
        if key not in self.cache:
            if word in self.base[pos.lower()]:
                self.cache[key] = word
            else:
                doc = self.nlp.make_doc(word)
                for token in doc:
                    token.pos_ = pos
                self.cache[key] = self.pipe(doc)[-1].lemma_.lower()
        return self.cache[key]


def _verb_lemma(verb: str, lemmatise: Lemmatiser) -> str:
    head, *rest = verb.split()
    return " ".join([lemmatise(head, "VERB"), *rest])


def _noun_forms(phrase: str, lemmatise: Lemmatiser) -> list[str]:
    """A noun phrase as kg may meet it: as written, singular (lemma) and plural."""
    *mods, head = phrase.split()
    lemma = lemmatise(head, "NOUN")
    heads = dict.fromkeys([head, lemma, _plural(lemma)])
    return [" ".join([*mods, form]) for form in heads]


# --- selection and rows ------------------------------------------------------------------------

def _line(entry: LexiconEntry) -> str:
    """One row of the table, in kg's lexicon format (kg/data/README.md)."""
    mutual = "reverse" if entry.reverse else "yes" if entry.mutual else "no"
    return "\t".join([entry.trigger, entry.pos, "|".join(entry.objects) or "-", entry.type, entry.cameo,
                      f"{entry.goldstein:.1f}", "|".join(entry.target_preps) or "-", mutual])


def read_curated_nouns(path: Path) -> dict[str, set[str]]:
    """The curated lexicon's nominal triggers (singular-insensitive) with their types."""
    nouns: dict[str, set[str]] = defaultdict(set)
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) == 8 and fields[1] == "noun" and not line.startswith("#"):
                nouns[_singular(fields[0].lower())].add(fields[3])
    return nouns


def _singular(noun: str) -> str:
    for plural, singular in (("ies", "y"), ("ses", "s"), ("es", "e"), ("s", "")):
        if noun.endswith(plural) and len(noun) > len(plural) + 2:
            return noun[: -len(plural)] + singular
    return noun


def exclusion(rule: Rule, kind: str, code: str, nominal: dict[str, set[str]] | None = None) -> str | None:
    """Why a rule is left out, or None."""
    if rule.obj and kind not in CHANGING_TYPES and (nominal or {}).get(_singular(rule.obj)):
        # "attend a meeting", "announce a boycott": the noun's own rules find its parties (owner, by,
        # to, between) and its own type stands
        return "object is a kg nominal event"
    if code[:2] in EXCLUDED_FAMILIES:
        return f"family {code[:2]}"
    if code in EXCLUDED_CODES:
        return f"code {code}"
    if rule.verb in EXCLUDED_VERBS:
        return "verb"
    if rule.shape in ("verb", "prep") and rule.verb in EXCLUDED_VERB_READINGS:
        return "verb reading"
    if rule.shape in ("verb", "prep") and rule.block in EXCLUDED_BLOCK_READINGS:
        return "block reading"
    if rule.obj and (rule.obj in EXCLUDED_OBJECTS or rule.obj.split()[-1] in EXCLUDED_OBJECTS):
        return "object"
    if (rule.verb, rule.obj) in EXCLUDED_PAIRS:
        return "pair"
    return None


def build(rules: list[Rule], types: dict[str, str], scores: dict[str, float], lemmatise: Lemmatiser,
          report: Counter | None = None, nominal: dict[str, set[str]] | None = None,
          sources: dict[str, dict[str, set[int]]] | None = None) -> list[LexiconEntry]:
    """The table's rows: each rule typed, scored, selected and merged with its kind.

    As in PETRARCH2, a verb belongs to the first block that lists it (a later block's code and
    patterns do not apply to it), and the first reading of a verb + object wins. A pattern that
    names only a preposition (``- * (WITH) [030]``) adds a target preposition to the verb's own
    reading, or is that reading when the verb has none.
    """
    report = report if report is not None else Counter()
    home: dict[str, str] = {}
    for rule in rules:
        home.setdefault(_verb_lemma(rule.verb, lemmatise), rule.block)
    readings: dict[tuple[str, str], tuple[Rule, str, str, str]] = {}
    for rule in sorted(rules, key=lambda r: r.shape == "prep"):
        code, mutual = (rule.code, "yes" if rule.code == rule.back else "no") if rule.code else (rule.back, "reverse")
        kind = types.get(code)
        family = code[:2]
        if kind is None or _score(code, scores) is None:
            report[("dropped", family, "no type in the crosswalk")] += 1
            continue
        verb = _verb_lemma(rule.verb, lemmatise)
        if home[verb] != rule.block:
            report[("dropped", family, "verb listed in an earlier block")] += 1
            continue
        rule = Rule(verb, rule.obj, rule.code, rule.back, rule.prep, rule.block, rule.line, rule.shape)
        why = exclusion(rule, kind, code, nominal)
        if why:
            report[("dropped", family, why)] += 1
            continue
        key = (verb, rule.obj)
        if key in readings:
            if rule.shape == "prep":
                readings[key] = (readings[key][0], *readings[key][1:3], rule.prep)
                report[("kept", family, "prep added to the verb's reading")] += 1
            else:
                report[("dropped", family, "a reading stated earlier wins")] += 1
            continue
        readings[key] = (rule, kind, mutual, rule.prep if rule.shape != "prep-object" else "")
        report[("kept", family, rule.shape)] += 1
    for verb, obj in [key for key in readings if key[1] and ((key[0], "") not in readings
                                                           or readings[key][1] != readings[key[0], ""][1])]:
        # a pattern refines the CAMEO code of a verb that is an event on its own, within its type; on any
        # other verb ("send", "prevent", "begin", "mend"), or changing the type ("clash" + "warning"
        # THREATEN: PETRARCH applies a pattern to every synonym of its block), the patterns proved
        # mostly wrong on kg's corpus audit
        why = "pattern of a verb that is no event on its own" if (verb, "") not in readings else \
            "pattern that changes the verb's type"
        report[("dropped", (readings[verb, obj][0].code or readings[verb, obj][0].back)[:2], why)] += 1
        report[("kept", (readings[verb, obj][0].code or readings[verb, obj][0].back)[:2],
                readings[verb, obj][0].shape)] -= 1
        del readings[verb, obj]
    if sources is not None:
        # PETRARCH source lines (verb lines and patterns) by CAMEO family: all, and those with a kept reading
        for rule in rules:
            sources.setdefault((rule.code or rule.back)[:2], {"seen": set(), "kept": set()})["seen"].add(rule.line)
        for rule, *_ in readings.values():
            sources[(rule.code or rule.back)[:2]]["kept"].add(rule.line)
    grouped: dict[tuple, set[str]] = defaultdict(set)
    for (verb, obj), (rule, kind, mutual, prep) in readings.items():
        code = rule.code or rule.back
        if mutual == "reverse":
            preps: tuple[str, ...] = ("from",)
        else:
            preps = CODE_PREPS.get(code) or TYPE_PREPS[kind]
        if not obj and verb in READING_OVERRIDES:
            preps, mutual = READING_OVERRIDES[verb]
        if prep in PARTICLES and prep not in preps:
            preps = (prep, *preps)
        objects = tuple(_noun_forms(obj, lemmatise)) if obj else ()
        grouped[(verb, bool(objects), kind, code, _score(code, scores), preps, mutual)].update(objects)
    rows = [LexiconEntry(trigger=verb, pos="verb", objects=tuple(sorted(objects)), type=kind, cameo=code,
                         goldstein=score, target_preps=preps, mutual=mutual == "yes", reverse=mutual == "reverse")
            for (verb, _, kind, code, score, preps, mutual), objects in grouped.items()]
    return sorted(rows, key=lambda row: (row.type, row.trigger, row.objects, row.cameo))


def render(rows: Iterable[LexiconEntry]) -> str:
    """The file: provenance header, column header, rows by type."""
    head = [
        "# Generated by scripts/build_event_lexicon.py: do not edit; change the script's selection lists and",
        f"# regenerate with `{COMMAND}` (source files at hand; `--check` tells if this file is stale).",
        f"# Source: {SOURCE}.",
        f"# {CROSSWALK}.",
        "# kg/data/events/lexicon.tsv (curated) is layered on top at load time: its rows win (kg/data/README.md).",
        "trigger\tpos\tobjects\ttype\tcameo\tgoldstein\ttarget_preps\tmutual",
    ]
    body: list[str] = []
    for kind, group in itertools.groupby(rows, key=lambda row: row.type):
        body.append(f"# --- {kind}")
        body.extend(_line(row) for row in group)
    return "\n".join(head + body) + "\n"


def generate(verbs_path: Path, cameo_dir: Path, report: Counter | None = None,
             skipped: Counter | None = None, sources: dict | None = None) -> str:
    rules, not_converted = parse_dictionary(verbs_path.read_text(encoding="latin-1"))
    if skipped is not None:
        skipped.update(not_converted)
    types, scores = read_crosswalk(cameo_dir)
    return render(build(rules, types, scores, Lemmatiser(), report, read_curated_nouns(CURATED), sources))


def _print_report(report: Counter, skipped: Counter, sources: dict[str, dict[str, set[int]]], text: str) -> None:
    print("PETRARCH source lines (verb lines and patterns) with a CAMEO code, by family: kept / converted")
    for family in sorted(sources):
        print(f"  {family}: {len(sources[family]['kept'])} / {len(sources[family]['seen'])}")
    print(f"  all: {sum(len(f['kept']) for f in sources.values())} / {sum(len(f['seen']) for f in sources.values())}")
    curated = {line.split("\t")[0] for line in CURATED.read_text(encoding="utf-8").splitlines()
               if line.count("\t") == 7 and line.split("\t")[1] == "verb" and line.split("\t")[2] == "-"}
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")][1:]
    shadowed = sum(1 for row in rows if row[0] in curated)
    print(f"rows written: {len(rows)}, of which {shadowed} of verbs kg curates (the curated reading wins at load)")
    print("patterns not converted (syntax kg cannot express), counted per verb and synset expansion:")
    for reason, count in skipped.most_common():
        print(f"  {count:6d}  {reason}")
    by_family: dict[str, Counter] = defaultdict(Counter)
    for (status, family, why), count in report.items():
        by_family[family][f"{status}: {why}"] += count
    print("readings (verb x pattern x synset expansion) by CAMEO family, kept by shape, dropped by reason:")
    for family in sorted(by_family):
        parts = ", ".join(f"{why} {count}" for why, count in sorted(by_family[family].items()))
        print(f"  {family}: {parts}")
    kept = sum(count for (status, _, _), count in report.items() if status == "kept")
    dropped = sum(count for (status, _, _), count in report.items() if status == "dropped")
    print(f"total: {kept} kept, {dropped} dropped, {sum(skipped.values())} not converted")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbs", type=Path, default=VERBS, help="PETRARCH2's CAMEO.2.0.verbs.txt")
    parser.add_argument("--cameo", type=Path, default=CAMEO_DIR, help="folder of cameo_to_plover.csv and "
                        "cameo_goldstein.csv")
    parser.add_argument("--out", type=Path, default=OUT, help="the table to write")
    parser.add_argument("--check", action="store_true", help="only report whether the table is up to date")
    parser.add_argument("--report", action="store_true", help="print what was converted, kept and dropped")
    args = parser.parse_args(argv)
    for path in (args.verbs, args.cameo):
        if not path.exists():
            sys.exit(f"build_event_lexicon: {path} not found (pass --verbs / --cameo)")
    report: Counter = Counter()
    skipped: Counter = Counter()
    sources: dict[str, dict[str, set[int]]] = {}
    text = generate(args.verbs, args.cameo, report, skipped, sources)
    if args.report:
        _print_report(report, skipped, sources, text)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is stale: run {COMMAND}", file=sys.stderr)
            return 1
        return 0
    from kg.io import atomic_write

    with atomic_write(args.out) as handle:
        handle.write(text)
    print(f"wrote {args.out} ({sum(1 for line in text.splitlines() if line and not line.startswith('#')) - 1} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
