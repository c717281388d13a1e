"""Who is allied with whom: explicit alliances, alignment weighted by recency, blocs and paths."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.alignment import alignment, alliance_kind, alliances, blocs, path, recency_weight, tie_graph
from kg.errors import QueryError
from kg.records import ActorRef, Relation
from kg.views import to_networkx


def state(code: str, label: str | None = None) -> ActorRef:
    return ActorRef(text=label or code, id=code, country=code, kind="state", label=label or code)


def event(source: str, target: str, event_type: str, cooperation: float, sentence: str, date: str | None, *,
          doc_id: str = "d1", verb: str = "do", object: str | None = None, **options) -> Relation:
    return Relation(doc_id=doc_id, sentence=sentence, start=0, end=len(sentence), source=state(source),
                    target=state(target), type=event_type, cameo="000", cooperation=cooperation, verb=verb,
                    object=object, date=date, **options)


def test_recency_halves_the_weight_every_half_life_and_undated_events_weigh_one():
    newest = dt.date(2024, 12, 31)
    assert recency_weight("2024-12-31", newest) == 1.0
    assert recency_weight("2023-12-31", newest, half_life_days=366) == 0.5
    assert recency_weight("2022-12-31", newest, half_life_days=365.5) == pytest.approx(0.25)
    assert recency_weight(None, newest) == 1.0


def test_recent_conflict_outweighs_old_cooperation():
    G = to_networkx([
        event("ARG", "CHL", "AGREE", 8.0, "Argentina signed a trade deal with Chile.", "2020-01-01"),
        event("ARG", "CHL", "ACCUSE", -2.0, "Argentina accused Chile of spying.", "2024-06-01", doc_id="d2"),
        event("ARG", "CHL", "ACCUSE", -2.0, "Argentina again accused Chile.", "2024-06-02", doc_id="d3"),
    ])
    # Unweighted the pair nets +4; with a one-year half-life the 2020 deal counts ~1/16.
    (tie,) = alignment(G, "ARG")
    assert tie.score < 0 and tie.cooperation < 1.0 and tie.conflict < -3.9
    assert tie.first_date == "2020-01-01" and tie.last_date == "2024-06-02"
    # A long half-life brings the old deal back: the pair is aligned.
    assert alignment(G, "ARG", half_life_days=100_000)[0].score > 0


def test_as_of_counts_ages_back_from_a_chosen_date():
    G = to_networkx([event("KEN", "UGA", "AGREE", 8.0, "Kenya signed an accord with Uganda.", "2023-01-01")])
    assert alignment(G, "KEN", as_of="2024-01-01")[0].score == pytest.approx(4.0)


def test_evidence_lists_the_sentences_that_weigh_most_first():
    G = to_networkx([
        event("FRA", "DEU", "CONSULT", 1.0, "France consulted Germany.", "2024-05-01"),
        event("FRA", "DEU", "AID", 7.0, "France sent aid to Germany.", "2024-05-01", doc_id="d2"),
    ])
    tie = alignment(G, "FRA")[0]
    assert [item.sentence for item in tie.evidence] == ["France sent aid to Germany.", "France consulted Germany."]
    assert tie.evidence[0].weight == 7.0 and tie.evidence[0].doc_id == "d2"


def test_hedged_and_negated_events_do_not_count():
    G = to_networkx([
        event("JPN", "KOR", "AGREE", 8.0, "Japan may sign a pact with Seoul.", "2024-01-01", hedged=True),
        event("JPN", "KOR", "PROTEST", -6.5, "Japan protested to Seoul.", "2024-01-01", doc_id="d2"),
    ], asserted_only=False)
    (tie,) = alignment(G, "JPN")
    assert tie.events == 1 and tie.score == -6.5
    assert alliances(G) == []


def test_explicit_alliances_are_listed_with_their_sentences_and_kinds():
    G = to_networkx([
        event("AUS", "GBR", "AGREE", 8.0, "Australia and Britain signed a defence pact.", "2024-03-01",
              verb="sign", object="defence pact"),
        event("AUS", "JPN", "COOPERATE", 7.4, "Australia held joint naval exercises with Japan.", "2024-04-01",
              doc_id="d2", verb="hold", object="exercises"),
        event("AUS", "NZL", "AGREE", 8.0, "Australia signed a trade deal with New Zealand.", "2024-05-01",
              doc_id="d3", verb="sign", object="deal"),
    ])
    found = alliances(G, "AUS")
    assert not any(alliance.mutual for alliance in found)
    assert [(a.target, a.kind) for a in found] == [("GBR", "pact"), ("JPN", "joint exercise")]
    assert found[0].sentence == "Australia and Britain signed a defence pact."
    # The inferred tie to Britain carries its explicit alliance; the trade deal is no alliance.
    ties = {tie.actor: tie for tie in alignment(G, "AUS")}
    assert [a.kind for a in ties["GBR"].alliances] == ["pact"] and ties["NZL"].alliances == ()


@pytest.mark.parametrize(("args", "kind"), [
    (("AGREE", "forge", "strategic partnership"), "partnership"),
    (("AGREE", "form", "alliance"), "alliance"),
    (("AGREE", "sign", "agreement", 8.0, "Both signed a strategic partnership agreement."), "partnership"),
    (("COOPERATE", "conduct", "drills"), "joint exercise"),
    (("SUPPORT", "join", None, 3.0), "membership"),
    (("AGREE", "sign", "trade deal"), None),
    (("MOBILIZE", "hold", "exercises"), None),
])
def test_alliance_kinds(args, kind):
    event_type, verb, object_phrase, *rest = args
    cooperation = rest[0] if rest else 0.0
    sentence = rest[1] if len(rest) > 1 else None
    assert alliance_kind(event_type, verb, object_phrase, cooperation, sentence=sentence) == kind


def two_camps() -> list[Relation]:
    """East (A, B, C) cooperate among themselves, West (X, Y, Z) too; the camps quarrel."""
    relations = []
    for camp in (("AAA", "BBB", "CCC"), ("XXX", "YYY", "ZZZ")):
        for i, source in enumerate(camp):
            for target in camp[i + 1:]:
                relations.append(event(source, target, "AGREE", 8.0, f"{source} signed a deal with {target}.",
                                       "2024-01-01", doc_id=f"{source}{target}"))
    relations += [
        event("AAA", "XXX", "ACCUSE", -2.0, "AAA accused XXX.", "2024-01-02", doc_id="AX"),
        event("CCC", "ZZZ", "THREATEN", -4.0, "CCC threatened ZZZ.", "2024-01-03", doc_id="CZ"),
        event("BBB", "YYY", "CONSULT", 1.0, "BBB consulted YYY.", "2024-01-04", doc_id="BY"),
    ]
    return relations


def test_blocs_find_the_two_camps_whatever_the_seed():
    G = to_networkx(two_camps())
    for seed in (0, 1, 7):
        assert blocs(G, seed=seed) == [["AAA", "BBB", "CCC"], ["XXX", "YYY", "ZZZ"]]


def test_blocs_of_a_graph_without_positive_ties_are_empty():
    assert blocs(to_networkx([event("AAA", "XXX", "ACCUSE", -2.0, "AAA accused XXX.", None)])) == []


def test_tie_graph_is_undirected_and_sums_both_directions():
    T = tie_graph(to_networkx([
        event("PER", "CHL", "AGREE", 8.0, "Peru signed a pact with Chile.", None),
        event("CHL", "PER", "ACCUSE", -2.0, "Chile accused Peru.", None, doc_id="d2"),
    ]))
    assert T.edges["CHL", "PER"]["weight"] == 6.0 and T.edges["PER", "CHL"]["events"] == 2


def test_path_walks_the_fewest_ties_and_shows_each_hop():
    G = to_networkx(two_camps())
    hops = path(G, "AAA", "ZZZ")
    assert len(hops) == 2 and hops[0].source == "AAA" and hops[-1].target == "ZZZ"
    assert all(hop.evidence for hop in hops)
    # Along positive ties only, the camps are joined through BBB-YYY.
    positive = path(G, "AAA", "ZZZ", positive_only=True)
    assert [hop.source for hop in positive] == ["AAA", "BBB", "YYY"] and positive[-1].target == "ZZZ"


def test_path_between_unconnected_actors_is_a_query_error():
    G = to_networkx([event("AAA", "BBB", "AGREE", 8.0, "s1", None), event("XXX", "YYY", "AGREE", 8.0, "s2", None)])
    with pytest.raises(QueryError, match="no path of ties joins AAA and YYY"):
        path(G, "AAA", "YYY")


def test_a_joint_pact_read_both_ways_is_one_mutual_alliance():
    pact = "Chile and Peru signed a fisheries pact."
    G = to_networkx([event("CHL", "PER", "AGREE", 8.0, pact, "2024-01-01", verb="sign", object="pact"),
                     event("PER", "CHL", "AGREE", 8.0, pact, "2024-01-01", verb="sign", object="pact")])
    (alliance,) = alliances(G)
    assert (alliance.source, alliance.target, alliance.mutual) == ("CHL", "PER", True)
    assert [a.mutual for a in alignment(G, "PER")[0].alliances] == [True]
