"""The relation rules on sentences written for these tests, one or more per construction."""

from __future__ import annotations

import pytest

from kg.records import Document
from kg.relations import extract_relations


def relations(nlp, text, *, date=None, asserted_only=True):
    document = Document(id="t", text=text, date=date)
    found = extract_relations(nlp(text), document)
    return {(r.source.country, r.target.country, r.type) for r in found if r.asserted or not asserted_only}


def flagged(nlp, text):
    document = Document(id="t", text=text)
    return {(r.source.country, r.target.country, r.type, r.negated, r.hedged)
            for r in extract_relations(nlp(text), document)}


def test_joint_signing_by_coordinated_states_goes_both_ways(nlp):
    assert relations(nlp, "Brazil and Argentina signed a trade agreement on Tuesday.") == {
        ("BRA", "ARG", "AGREE"), ("ARG", "BRA", "AGREE")}


def test_people_with_titles_stand_for_their_states(nlp):
    found = relations(nlp, "French President Emmanuel Macron and German Chancellor Olaf Scholz signed a "
                           "defence accord in Paris.", date="2023-05-01")
    assert found == {("FRA", "DEU", "AGREE"), ("DEU", "FRA", "AGREE")}


def test_capitals_used_as_governments_resolve_to_their_states(nlp):
    assert relations(nlp, "Beijing accused Washington of meddling in its internal affairs.") == {
        ("CHN", "USA", "ACCUSE")}


def test_seat_of_power_resolves_to_its_state(nlp):
    assert relations(nlp, "The Kremlin condemned Finland for joining the alliance.") == {("RUS", "FIN", "ACCUSE")}


def test_light_verb_with_prepositional_target(nlp):
    assert relations(nlp, "The European Union imposed new sanctions on Belarus last week.") == {
        ("EU", "BLR", "SANCTION")}


def test_passive_agent_becomes_source(nlp):
    assert relations(nlp, "Venezuela was sanctioned by the United States.") == {("USA", "VEN", "SANCTION")}


def test_nominal_visit_is_one_way(nlp):
    assert relations(nlp, "Erdogan's visit to Azerbaijan drew protests at home.", date="2020-01-01") == {
        ("TUR", "AZE", "CONSULT")}


def test_meeting_is_mutual(nlp):
    assert relations(nlp, "Kenya's president met the Ethiopian prime minister in Nairobi.") == {
        ("KEN", "ETH", "CONSULT"), ("ETH", "KEN", "CONSULT")}


def test_firm_future_supply_is_aid(nlp):
    assert relations(nlp, "Germany will supply Ukraine with air defence systems.") == {("DEU", "UKR", "AID")}


def test_demonym_on_a_military_noun_names_the_state(nlp):
    assert relations(nlp, "Chinese troops attacked Indian soldiers in the valley.") == {("CHN", "IND", "ASSAULT")}


def test_warning_by_several_states_gives_one_threat_each(nlp):
    assert relations(nlp, "Iran and Syria warned Israel against further strikes.") == {
        ("IRN", "ISR", "THREATEN"), ("SYR", "ISR", "THREATEN")}


def test_joint_exercise_is_cooperation_both_ways(nlp):
    assert relations(nlp, "Egypt and Greece held a joint naval exercise in the Mediterranean.") == {
        ("EGY", "GRC", "COOPERATE"), ("GRC", "EGY", "COOPERATE")}


def test_the_two_countries_refers_back_to_the_last_two_states(nlp):
    text = "Vietnam hosted a delegation from Laos. Later the two countries signed a border treaty."
    assert {("VNM", "LAO", "AGREE"), ("LAO", "VNM", "AGREE")} <= relations(nlp, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan may impose sanctions on Russia.", ("JPN", "RUS", "SANCTION", False, True)),
    ("It is unclear whether Turkey will attack Syria.", ("TUR", "SYR", "ASSAULT", False, True)),
    ("Narendra Modi is expected to visit France in June.", ("IND", "FRA", "CONSULT", False, True)),
    ("India did not sign the agreement with Pakistan.", ("IND", "PAK", "AGREE", True, False)),
    ("Will China invade Taiwan?", ("CHN", "TWN", "ASSAULT", False, True)),
])
def test_hedged_and_negated_events_are_flagged_not_asserted(nlp, text, expected):
    assert relations(nlp, text) == set()
    assert expected in flagged(nlp, text)


def test_big_cities_are_not_states(nlp):
    assert relations(nlp, "Traders in Mumbai criticised bankers in Shanghai.") == set()


def test_lowercase_us_is_a_pronoun_not_the_united_states(nlp):
    assert relations(nlp, "They warned us about the storm.") == set()


def test_reported_speech_keeps_the_reported_event(nlp):
    assert relations(nlp, "Kyiv said Russian troops attacked Ukrainian soldiers near the border.") == {
        ("RUS", "UKR", "ASSAULT")}


def test_relation_carries_provenance_offsets_into_the_document(nlp):
    text = "Markets were calm. Chile and Peru signed a fisheries pact."
    document = Document(id="doc-9", text=text, date="2024-02-02")
    relation = next(iter(extract_relations(nlp(text), document)))
    assert text[relation.start:relation.end] == relation.sentence == "Chile and Peru signed a fisheries pact."
    assert text[relation.trigger_start:relation.trigger_end] == "signed"
    assert (relation.doc_id, relation.date, relation.verb, relation.cameo) == ("doc-9", "2024-02-02", "sign", "057")
    assert 0.0 < relation.confidence <= 1.0


def test_a_capitalised_dateline_is_not_an_actor(nlp):
    found = relations(nlp, "NAIROBI — Kenya and Tanzania signed a railway agreement on Friday.")
    assert found == {("KEN", "TZA", "AGREE"), ("TZA", "KEN", "AGREE")}
    assert relations(nlp, "MOSCOW: Officials discussed the weather with reporters.") == set()


def test_reported_would_after_a_past_report_is_a_firm_commitment(nlp):
    assert relations(nlp, "Nepal said it would expel Bhutan's envoy.") == {("NPL", "BTN", "COERCE")}
    assert relations(nlp, "Nepal said it would expel Bhutan's envoy if the talks failed.") == set()


def test_governor_hedges_its_complement_not_its_adjunct(nlp):
    found = relations(nlp, "During talks with Ghana, Nigeria asked Togo to reopen the border.")
    assert {("NGA", "GHA", "CONSULT"), ("GHA", "NGA", "CONSULT"), ("NGA", "TGO", "REQUEST")} <= found


def test_each_other_makes_the_accusation_mutual(nlp):
    assert relations(nlp, "Armenia and Azerbaijan accused each other of shelling the border villages.") == {
        ("ARM", "AZE", "ACCUSE"), ("AZE", "ARM", "ACCUSE")}


def test_threat_target_sits_in_the_threatened_clause(nlp):
    assert relations(nlp, "North Korea threatened to destroy South Korea's military bases.") == {
        ("PRK", "KOR", "THREATEN")}


def test_group_noun_with_members_such_as(nlp):
    found = relations(nlp, "Countries such as Canada and Norway condemned Iran on Monday.")
    assert found == {("CAN", "IRN", "ACCUSE"), ("NOR", "IRN", "ACCUSE")}


def test_refusing_to_meet_is_a_rejection_and_the_meeting_is_denied(nlp):
    assert relations(nlp, "Peru refused to meet Bolivia.") == {("PER", "BOL", "REJECT")}
    assert ("PER", "BOL", "CONSULT", True, False) in flagged(nlp, "Peru refused to meet Bolivia.")


def test_discussed_topic_is_not_a_party(nlp):
    assert relations(nlp, "Indian and Chinese diplomats discussed Afghanistan in Beijing.") == {
        ("IND", "CHN", "CONSULT"), ("CHN", "IND", "CONSULT")}


def test_troops_sent_to_help_a_government_are_aid_but_troops_to_a_border_mobilize(nlp):
    assert relations(nlp, "Rwanda deployed soldiers to Mozambique to help its government fight rebels.") == {
        ("RWA", "MOZ", "AID")}
    assert relations(nlp, "Greece deployed troops to the border with Albania.") == {("GRC", "ALB", "MOBILIZE")}


def test_attributed_claims_name_their_reporter(nlp):
    text = "Kyiv said Russian troops attacked Ukrainian soldiers near the border."
    [relation] = extract_relations(nlp(text), Document(id="t", text=text))
    assert (relation.source.country, relation.target.country, relation.reported_by.country) == ("RUS", "UKR", "UKR")
    text = "According to Peruvian officials, Ecuador fired shells into Peru."
    [relation] = extract_relations(nlp(text), Document(id="t", text=text))
    assert relation.reported_by.country == "PER"
    text = "Egypt praised Sudan."
    assert all(r.reported_by is None for r in extract_relations(nlp(text), Document(id="t", text=text)))


def test_reporter_survives_the_rdf_graph_and_the_jsonl_contract(nlp):
    from kg.graph import build_graph, relations_from_graph
    from kg.records import Relation

    text = "Lima said Ecuador fired artillery into Peru."
    relations = list(extract_relations(nlp(text), Document(id="t", text=text)))
    [back] = relations_from_graph(build_graph(relations))
    assert back.reported_by.country == "PER" and back.type == "ASSAULT"
    assert Relation.from_json(relations[0].to_json()) == relations[0]


def test_it_and_they_continue_the_previous_sentences_subject(nlp):
    text = "Armenia rejected the proposal on Monday. It accused Azerbaijan of stalling."
    assert relations(nlp, text) == {("ARM", "AZE", "ACCUSE")}
    text = "Chile and Peru ended their dispute. They signed a border treaty in Lima."
    assert {("CHL", "PER", "AGREE"), ("PER", "CHL", "AGREE")} <= relations(nlp, text)
    text = "Chile and Peru ended their dispute. It signed a border treaty in Lima."
    assert relations(nlp, text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Ghana summoned Togo's ambassador to protest the border closure.", {("GHA", "TGO", "ACCUSE")}),
    ("Ghana summoned Togo's ambassador to demand an explanation.", {("GHA", "TGO", "REQUEST")}),
    ("Ghana summoned Togo's ambassador on Monday.", set()),
])
def test_a_summons_is_coded_for_its_purpose(nlp, text, expected):
    assert relations(nlp, text) == expected


def test_complaint_targets_the_subject_of_the_claim(nlp):
    assert relations(nlp, "Malaysia complained that Singapore's navy had entered its waters.") == {
        ("MYS", "SGP", "ACCUSE")}


def test_organisation_members_act_as_the_organisation(nlp):
    assert relations(nlp, "EU countries imposed sanctions on Eritrea.") == {("EU", "ERI", "SANCTION")}


def test_failing_to_agree_at_talks_denies_the_deal_not_the_talks(nlp):
    found = flagged(nlp, "At talks in Accra on Monday, Ghana and Togo failed to agree on a border deal.")
    assert {("GHA", "TGO", "CONSULT", False, False), ("GHA", "TGO", "AGREE", True, False)} <= found


def test_the_two_leaders_after_a_meeting_of_two_leaders(nlp):
    text = "Modi met Australian Prime Minister Anthony Albanese in Sydney. The two leaders signed a trade pact."
    assert {("IND", "AUS", "AGREE"), ("AUS", "IND", "AGREE")} <= relations(nlp, text, date="2023-05-24")


def test_pronoun_subject_of_a_clause_under_a_conjoined_report(nlp):
    text = "Nepal recalled its ambassador and said it would expel Bhutan's envoy."
    assert ("NPL", "BTN", "COERCE") in relations(nlp, text)


def test_pronoun_is_left_alone_when_the_governing_clause_has_an_actor_object(nlp):
    assert relations(nlp, "Russia warned Ukraine that it would attack Poland.") == {("RUS", "UKR", "THREATEN")}


def test_object_pronoun_of_a_participle_clause_is_the_main_clauses_target(nlp):
    text = "Norway imposed sanctions on Syrian officers, accusing them of torture."
    assert relations(nlp, text) == {("NOR", "SYR", "SANCTION"), ("NOR", "SYR", "ACCUSE")}


def test_plans_for_summits_are_not_gatherings_and_seas_are_not_states(nlp):
    assert relations(nlp, "Chile and Peru agreed on yearly summits.") == {
        ("CHL", "PER", "AGREE"), ("PER", "CHL", "AGREE")}
    assert relations(nlp, "Iran fired a missile into the Caspian Sea.") == set()
    assert relations(nlp, "Slovakia opposed new EU aid to Moldova.") == set()


def test_passive_conjunct_greeting_by_a_counterpart_is_a_meeting(nlp):
    text = "Rajnath Singh arrived in Hanoi and was greeted by his Vietnamese counterpart."
    assert relations(nlp, text, date="2022-06-08") == {("IND", "VNM", "CONSULT"), ("VNM", "IND", "CONSULT")}


def test_a_veto_of_a_drafted_resolution_targets_the_drafter(nlp):
    assert relations(nlp, "Russia vetoed a US-drafted resolution on Gaza.") == {("RUS", "USA", "REJECT")}


def test_joining_an_organisation_is_membership_but_joining_a_state_is_not(nlp):
    assert relations(nlp, "Finland joined NATO in April.", date="2023-04-04") == {("FIN", "NATO", "COOPERATE")}
    assert relations(nlp, "Brazil joined Argentina in criticising the vote.") == set()


def test_a_gerund_clause_with_its_own_subject_is_content_not_fact(nlp):
    text = "Hungary dropped its objections to Sweden joining NATO on the eve of the Vilnius summit."
    assert ("SWE", "NATO", "COOPERATE") not in relations(nlp, text)
    assert ("SWE", "NATO", "COOPERATE", False, True) in flagged(nlp, text)


@pytest.mark.xfail(reason="the small model parses 'joining' as an adverbial clause of 'dropped' here, so Hungary "
                          "inherits it as subject", strict=True)
def test_short_gerund_clause_misparse(nlp):
    assert ("HUN", "NATO", "COOPERATE") not in relations(nlp, "Hungary dropped its objections to Finland joining NATO.")


def test_criticism_from_an_embassy_names_its_source(nlp):
    assert ("USA", "VNM", "ACCUSE") in relations(nlp, "The visit drew criticism of Hanoi from the US embassy.")


def test_goods_imported_from_a_state_name_the_target_of_a_tariff(nlp):
    assert relations(nlp, "Canada imposed tariffs on vehicles imported from China.") == {("CAN", "CHN", "SANCTION")}


def test_a_possessive_inside_a_clause_refers_to_that_clauses_subject(nlp):
    text = "The Kenyan foreign ministry said that Uganda would deploy its police throughout its country."
    assert relations(nlp, text) == set()
    assert relations(nlp, "Norway's criticism of the EU angered Brussels.") == {("NOR", "EU", "ACCUSE")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Hanoi rejected Beijing's proposal for joint patrols in the gulf.", {("CHN", "VNM", "AGREE"),
                                                                          ("VNM", "CHN", "REJECT")}),
    ("Nepal has not answered India's offer of flood relief talks.", {("IND", "NPL", "AGREE")}),
    ("Norway's offer to mediate between Colombia and Venezuela was welcomed.", {("NOR", "COL", "AGREE"),
                                                                               ("NOR", "VEN", "AGREE")}),
])
def test_an_offer_is_made_to_whoever_answers_it_or_to_the_parties_it_names(nlp, text, expected):
    assert expected <= relations(nlp, text)


def test_an_offer_nobody_answers_has_no_target(nlp):
    assert not any(kind == "AGREE" for _, _, kind in relations(nlp, "Brazil's proposal was published on Monday."))


def test_a_place_description_stands_for_the_state_just_named(nlp):
    text = ("Unrest erupted in Nuku'alofa on Sunday. New Zealand and Samoa have sent police officers "
            "to the Pacific island nation.")
    assert relations(nlp, text) >= {("NZL", "TON", "AID"), ("WSM", "TON", "AID")}


def test_a_place_description_never_points_back_to_its_own_subject(nlp):
    text = "Kenya hosted the talks. The East African country then sent troops to the border."
    assert not any(target == "KEN" for _, target, _ in relations(nlp, text))


def test_a_description_without_a_place_word_is_not_resolved(nlp):
    text = "Ghana cut ties with Mali. Togo later sent doctors to the troubled country."
    assert ("TGO", "MLI", "AID") not in relations(nlp, text)


@pytest.mark.parametrize("text", [
    "Ecuador declared two Venezuelan diplomats persona non grata on Friday.",
    "Two Venezuelan diplomats were declared persona non-grata by Ecuador.",
    "Ecuador's foreign ministry said that the Venezuelan ambassador had been declared persona non grata.",
])
def test_declaring_envoys_persona_non_grata_is_an_expulsion(nlp, text):
    assert ("ECU", "VEN", "COERCE") in relations(nlp, text)


def test_a_summoned_charge_d_affaires_stands_for_the_state(nlp):
    text = "Rome summoned the Egyptian chargé d'affaires to demand an explanation for the arrests."
    assert relations(nlp, text) == {("ITA", "EGY", "REQUEST")}


def test_firing_back_hits_the_last_attacker_of_the_source(nlp):
    text = "Armenian forces shelled Azerbaijani positions overnight. Azerbaijan fired back on Tuesday."
    assert relations(nlp, text) >= {("ARM", "AZE", "ASSAULT"), ("AZE", "ARM", "ASSAULT")}


def test_firing_back_with_nobody_attacking_first_has_no_target(nlp):
    assert relations(nlp, "Azerbaijan fired back on Tuesday after a quiet week with Armenia.") == set()


def test_a_drill_begun_by_two_states_troops_is_joint(nlp):
    text = "Philippine and Japanese troops began a two-week amphibious drill on Monday."
    assert relations(nlp, text) == {("PHL", "JPN", "COOPERATE"), ("JPN", "PHL", "COOPERATE")}


def test_a_walkout_during_a_speech_protests_the_speaker(nlp):
    text = ("A few delegations, among them Chile and Ghana, walked out of the conference during a speech "
            "by the Syrian foreign minister.")
    assert relations(nlp, text) == {("CHL", "SYR", "PROTEST"), ("GHA", "SYR", "PROTEST")}


def test_walking_out_to_protest_is_one_protest_not_also_an_accusation(nlp):
    text = "Representatives of Poland walked out of the forum to protest Belarus's crackdown on its border."
    assert relations(nlp, text) == {("POL", "BLR", "PROTEST")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Caracas called Bogota's decision illegal and provocative.", ("VEN", "COL", "ACCUSE")),
    ("Oslo said Reykjavik's new fishing quotas were deeply disappointing.", ("NOR", "ISL", "ACCUSE")),
    ("Hanoi described the Chinese manoeuvre as a betrayal.", ("VNM", "CHN", "ACCUSE")),
])
def test_condemning_description_is_an_accusation(nlp, text, expected):
    assert expected in relations(nlp, text)


@pytest.mark.parametrize("text", [
    "Seoul called the talks with Tokyo productive.",
    "Addis Ababa dismissed Cairo's plan on Monday, calling it unworkable.",
])
def test_praise_or_a_reasoned_rejection_is_no_accusation(nlp, text):
    assert not any(kind == "ACCUSE" for _, _, kind in relations(nlp, text))


def test_hosting_a_leader_is_a_visit_both_ways(nlp):
    text = "Indonesian President Prabowo Subianto hosted Turkish President Recep Tayyip Erdogan in Bogor."
    assert relations(nlp, text, date="2025-02-12") == {("IDN", "TUR", "CONSULT"), ("TUR", "IDN", "CONSULT")}


@pytest.mark.parametrize("text", [
    "Nairobi will host the next East African Community summit in March.",
    "Germany and Italy host thousands of US troops on their soil.",
])
def test_hosting_a_gathering_or_troops_is_no_visit(nlp, text):
    assert not any(kind == "CONSULT" for _, _, kind in relations(nlp, text))


@pytest.mark.parametrize(("text", "expected"), [
    ("Israel expressed regret after one of its drones struck a Lebanese army post.", ("ISR", "LBN", "CONCEDE")),
    ("Oslo apologised for the intrusion of its patrol boat into Swedish waters.", ("NOR", "SWE", "CONCEDE")),
])
def test_an_apology_goes_to_the_victim_of_what_it_is_for(nlp, text, expected):
    assert expected in relations(nlp, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Lithuania boycotted a regional summit hosted by Belarus.", ("LTU", "BLR", "PROTEST")),
    ("Denmark boycotted the opening ceremony in Russia.", ("DNK", "RUS", "PROTEST")),
])
def test_a_boycott_protests_the_host_of_what_is_boycotted(nlp, text, expected):
    assert expected in relations(nlp, text)


def test_condemning_the_move_just_told_accuses_its_maker(nlp):
    text = "Canada will send tanks to Latvia. Minsk called the move a reckless provocation."
    assert ("BLR", "CAN", "ACCUSE") in relations(nlp, text)


def test_the_move_of_an_older_story_is_not_resolved(nlp):
    text = ("Canada will send tanks to Latvia. The weather was cold. Prices rose. "
            "Minsk called the move a reckless provocation.")
    assert not any(kind == "ACCUSE" for _, _, kind in relations(nlp, text))


def test_their_stands_for_every_member_of_a_coordinated_subject(nlp):
    text = "Brazil, Argentina and Chile held their three-way summit in Santiago."
    assert {("BRA", "CHL", "CONSULT"), ("ARG", "CHL", "CONSULT"), ("BRA", "ARG", "CONSULT")} <= relations(nlp, text)


def test_a_group_praising_itself_is_no_event(nlp):
    text = "The Ghanaian and Ivorian leaders praised their countries' cocoa farmers."
    assert relations(nlp, text) == set()


def test_a_place_description_as_subject_continues_the_previous_subject(nlp):
    text = "Quito has a border dispute with Lima. The Andean nation asked the UN to rule on it."
    assert relations(nlp, text) == {("ECU", "UN", "REQUEST")}


def test_a_place_description_with_two_possible_states_is_left_alone(nlp):
    text = "Lagos traders sold goods to Ghana and Togo. Benin then sent inspectors to the neighbouring country."
    assert not any(target in ("GHA", "TGO") for _, target, _ in relations(nlp, text, asserted_only=False))


def test_the_author_of_a_rejected_call_is_its_target(nlp):
    text = "Berlin rejected calls by Polish politicians to pay new war reparations."
    assert relations(nlp, text) == {("DEU", "POL", "REJECT")}


def test_one_member_of_an_alliance_is_not_the_alliance(nlp):
    text = "Japan sent aid to Greece, an EU member, after the wildfires."
    assert relations(nlp, text) == {("JPN", "GRC", "AID")}


def test_a_conditional_threat_is_aimed_at_the_conditions_subject(nlp):
    text = "Caracas threatened to close its airspace if Bogota extradited the two pilots."
    assert relations(nlp, text) == {("VEN", "COL", "THREATEN")}


def test_a_threat_without_target_or_condition_is_no_relation(nlp):
    assert relations(nlp, "Caracas threatened to close its airspace next week.") == set()


def test_a_state_on_a_two_word_agent_names_it(nlp):
    text = "Bolivian border guards accused the Chileans of moving the fence."
    assert relations(nlp, text) == {("BOL", "CHL", "ACCUSE")}


# --- schedules, obligations and standing states are not events (issue 11, part 5) -----------

@pytest.mark.parametrize("text", [
    "The Thai prime minister is scheduled to visit Laos in June.",
    "Peru's foreign minister is set to meet her Bolivian counterpart next week.",
    "Talks between Serbia and Hungary planned for Friday will cover energy.",
    "Malawi's president is slated to travel to Zambia for talks.",
])
def test_schedules_and_plans_are_not_yet_events(nlp, text):
    assert relations(nlp, text) == set()


def test_an_obligation_is_not_the_act_it_requires(nlp):
    assert relations(nlp, "Under the deal, Serbia is required to withdraw its police from the border.") == set()


def test_congratulations_offered_are_praise_not_an_offer(nlp):
    assert relations(nlp, "Ghana's president offered his congratulations to Senegal's new leader.") == {
        ("GHA", "SEN", "SUPPORT")}


@pytest.mark.parametrize("text", [
    "Zimbabwe's opposition leader met South African officials in Pretoria.",
    "Former Nigerian president Olusegun Obasanjo visited Ghana on Friday.",
    "A Libyan rebel commander accused Egypt of interference.",
])
def test_people_out_of_the_states_service_act_for_no_state(nlp, text):
    assert relations(nlp, text, date="2024-06-01") == set()


def test_a_past_career_in_apposition_does_not_end_the_present_office(nlp):
    assert relations(nlp, "Ghana's defence minister, a former colonel, met Togolese officials in Lome.") == {
        ("GHA", "TGO", "CONSULT"), ("TGO", "GHA", "CONSULT")}


def test_membership_in_the_simple_present_is_no_event(nlp):
    assert relations(nlp, "Belgium and Luxembourg form an economic union with the Netherlands.") == set()


# --- multi-party acts (issue 11, part 4) -----------------------------------------------------

def test_co_signers_of_one_deal_agree_among_themselves(nlp):
    parties = ("ZMB", "MWI", "MOZ")
    assert relations(nlp, "Zambia and Malawi signed a railway agreement with Mozambique.") == {
        (a, b, "AGREE") for a in parties for b in parties if a != b}


def test_a_one_way_act_by_several_states_never_pairs_the_actors(nlp):
    assert relations(nlp, "Estonia, Latvia and Finland expelled Russian diplomats on Friday.") == {
        ("EST", "RUS", "COERCE"), ("LVA", "RUS", "COERCE"), ("FIN", "RUS", "COERCE")}


def test_one_side_meeting_several_has_no_tie_between_them(nlp):
    assert relations(nlp, "The Iranian president met ministers from Iraq and Syria in Tehran.") == {
        ("IRN", "IRQ", "CONSULT"), ("IRQ", "IRN", "CONSULT"), ("IRN", "SYR", "CONSULT"), ("SYR", "IRN", "CONSULT")}


def test_trilateral_talks_tie_every_party(nlp):
    parties = ("EGY", "JOR", "IRQ")
    assert relations(nlp, "Egypt's president hosted the leaders of Jordan and Iraq for trilateral talks.") == {
        (a, b, "CONSULT") for a in parties for b in parties if a != b}


# --- arguments wherever the parse puts them (issue 11, part 3) -------------------------------

def test_members_named_in_an_including_list_act_instead_of_their_bloc(nlp):
    assert relations(nlp, "NATO allies including Norway and Denmark criticised Russia.") == {
        ("NOR", "RUS", "ACCUSE"), ("DNK", "RUS", "ACCUSE")}


def test_an_organisation_on_a_states_envoy_is_the_posting(nlp):
    assert relations(nlp, "India's UN ambassador criticised Pakistan on Monday.") == {("IND", "PAK", "ACCUSE")}


def test_a_from_complement_hung_on_the_verb_names_the_objects_state(nlp):
    assert relations(nlp, "The Saudi foreign minister received envoys from Oman in Riyadh.") == {
        ("OMN", "SAU", "CONSULT")}


def test_a_gerund_after_by_shares_the_main_clauses_subject(nlp):
    assert relations(nlp, "Bhutan surprised India by signing a border deal with China.") == {
        ("BTN", "CHN", "AGREE"), ("CHN", "BTN", "AGREE")}


def test_a_gerund_after_on_is_a_topic_not_an_act(nlp):
    assert relations(nlp, "Canada delayed its vote on imposing sanctions on Iran.") == set()


def test_the_subject_of_a_copula_is_on_the_visit(nlp):
    assert relations(nlp, "The Qatari emir, who is on a state visit to Britain, met the king.") == {
        ("QAT", "GBR", "CONSULT")}


def test_a_visit_goes_where_the_clause_puts_the_visitor(nlp):
    assert relations(nlp, "The Colombian president landed in Quito on a two-day state visit.") == {
        ("COL", "ECU", "CONSULT")}


def test_a_place_named_on_a_possessed_visit_is_the_destination(nlp):
    assert relations(nlp, "The Kenyan leader's Kampala visit ended with a trade deal.") == {
        ("KEN", "UGA", "CONSULT")}


def test_an_owner_named_by_a_participle_is_the_target(nlp):
    assert relations(nlp, "Eritrean forces seized a checkpoint belonging to Ethiopia.") == {("ERI", "ETH", "COERCE")}


def test_the_sources_own_envoy_gives_way_to_the_state_of_his_posting(nlp):
    assert relations(nlp, "Chad recalled its ambassador based in Khartoum.") == {("TCD", "SDN", "SANCTION")}


def test_a_host_convenes_its_guests_into_one_gathering(nlp):
    parties = ("QAT", "EGY", "JOR")
    assert relations(nlp, "The emir of Qatar hosted the Egyptian president and the Jordanian king in Doha.") == {
        (a, b, "CONSULT") for a in parties for b in parties if a != b}


def test_a_visiting_leader_visits_whoever_receives_him(nlp):
    assert relations(nlp, "The Malaysian king received the visiting Thai prime minister in Kuala Lumpur.") == {
        ("THA", "MYS", "CONSULT")}


def test_a_demand_that_a_state_withdraw_is_no_withdrawal(nlp):
    assert relations(nlp, "The council renewed its call for Rwanda to withdraw its troops from Congo.") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Ottawa slammed Beijing with duties on steel.", {("CAN", "CHN", "SANCTION")}),
    ("Britain hit Iran with a new round of sanctions.", {("GBR", "IRN", "SANCTION")}),
    ("Ottawa slammed Beijing for its treatment of journalists.", {("CAN", "CHN", "ACCUSE")}),
])
def test_slamming_with_tariffs_is_a_sanction_and_without_them_criticism(nlp, text, expected):
    assert relations(nlp, text) == expected


def test_sanctions_on_companies_are_not_on_their_state(nlp):
    assert relations(nlp, "Russia imposed sanctions on two German arms manufacturers.") == set()


# --- nominal sanctions, strikes, accords and loans, and verbs from the PETRARCH layer ----------

@pytest.mark.parametrize(("text", "expected"), [
    ("Norway's ban on salmon exports to Russia was extended.", {("NOR", "RUS", "SANCTION")}),
    ("Turkish tariffs on American cotton were doubled in June.", {("TUR", "USA", "SANCTION")}),
    ("A Jordanian airstrike on a Syrian smuggling camp killed four men.", {("JOR", "SYR", "ASSAULT")}),
    ("The Ugandan raid into South Sudan lasted two days.", {("UGA", "SSD", "ASSAULT")}),
    ("The accord between Ecuador and Peru ended a border war.", {("ECU", "PER", "AGREE"), ("PER", "ECU", "AGREE")}),
    ("Saudi Arabia's loan to Egypt was rolled over.", {("SAU", "EGY", "AID")}),
    ("Tariffs on imported steel were debated in parliament.", set()),
])
def test_nominal_events_take_their_owner_and_target(nlp, text, expected):
    assert relations(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Warsaw rebuked Minsk over the migrants at the border.", {("POL", "BLR", "ACCUSE")}),
    ("Greek and Turkish coast guards clashed near Lesbos.", {("GRC", "TUR", "ASSAULT"), ("TUR", "GRC", "ASSAULT")}),
    ("Qatar commended Oman for its mediation.", {("QAT", "OMN", "SUPPORT")}),
    ("Sweden defeated Finland in the ice hockey final.", set()),
])
def test_verbs_of_the_petrarch_layer(nlp, text, expected):
    assert relations(nlp, text) == expected


# --- whole articles: references across sentences ------------------------------------------------

def resolved(nlp, text, word, *, date=None, nth=0):
    """The countries the ``nth`` token spelled ``word`` resolves to."""
    from kg.mentions import MentionResolver

    doc = nlp(text)
    token = [t for t in doc if t.text == word][nth]
    return sorted(m.actor.country for m in MentionResolver(doc, date=date).resolve(token))


def test_a_dateline_does_not_feed_the_two_countries(nlp):
    text = "HARARE — Zambia's president met Malawi's president on Monday. The two countries signed a power pact."
    assert relations(nlp, text) >= {("ZMB", "MWI", "AGREE"), ("MWI", "ZMB", "AGREE")}
    assert not any("ZWE" in (source, target) for source, target, _ in relations(nlp, text))


@pytest.mark.parametrize(("text", "word", "date", "expected"), [
    # a dateline in any form is no actor: "HARARE, Zimbabwe (AP) —", "Harare, Oct. 3 (Reuters) -"
    ("HARARE, Zimbabwe (AP) — Zambia and Malawi opened a new border post.", "Zimbabwe", None, []),
    ("Harare, Oct. 3 (Reuters) - Zambia and Malawi opened a new border post.", "Harare", None, []),
    ("Harare (AFP) – Zambia and Malawi opened a new border post.", "Harare", None, []),
    ("HARARE: Zambia and Malawi opened a new border post.", "HARARE", None, []),
    # pairs: the parties of the clause told last, not a topic, a venue or a later critic
    ("Uzbek and Tajik officials met in Astana, Kazakhstan, to discuss Afghanistan's canal project. "
     "The two countries signed a water-sharing accord.", "countries", None, ["TJK", "UZB"]),
    ("Turkey, Russia and Ukraine signed a grain deal in Istanbul. Both sides praised the outcome.",
     "sides", None, []),
    ("Chile's president flew to Lima on Monday for talks with Peru's president. "
     "Bolivia protested the meeting. The two leaders signed a fisheries accord.", "leaders", None, ["CHL", "PER"]),
    # described states: the one state named before in the same role; a rival or an unknown place: none
    ("A cyclone struck Mozambique on Sunday. South Africa has sent military helicopters to the country.",
     "country", None, ["MOZ"]),
    ("Peru gave Bolivia's consul two days to quit the country.", "country", None, []),
    ("Fighting spread across Tigray last month. Eritrea sent troops into the region and the country.",
     "country", None, []),
    ("Morocco recalled its envoy from Algiers on Monday. The kingdom also suspended flights to Algeria.",
     "kingdom", None, ["MAR"]),
    ("Ghana signed a trade pact with Togo. The other country also signed it.", "country", None, []),
    # bare titles: the one state whose holder of the title was named, no other holder in view
    ("Mongolian Foreign Minister Batmunkh Battsetseg arrived in Tokyo on Monday. "
     "The foreign minister signed a mining cooperation pact with Japan.", "minister", None, ["MNG"]),
    ("Estonian President Alar Karis met Latvian President Edgars Rinkevics in Tallinn. "
     "The president then criticised Russia.", "president", None, []),
    ("Erdogan met Polish President Andrzej Duda in Ankara. The president later visited Kyiv.",
     "president", "2023-03-01", []),
    # He/She opening a sentence: the one person named as the subject before; not inside a sentence
    ("Kazakh President Kassym-Jomart Tokayev landed in Baku late on Monday. He met Ilham Aliyev on Tuesday.",
     "He", "2024-08-20", ["KAZ"]),
    ("Tokayev met Aliyev in Baku on Monday. He praised the new transit corridor.", "He", "2024-08-20", []),
    ("Tokayev said he would visit Azerbaijan in the autumn.", "he", "2024-08-20", []),
])
def test_references_across_sentences(nlp, text, word, date, expected):
    assert resolved(nlp, text, word, date=date) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Algerian gas deliveries to Spain fell in June.", set()),
    ("Kazakh grain shipments to Afghanistan doubled.", set()),
    ("Turkey's humanitarian grain deliveries to Syria continued.", {("TUR", "SYR", "AID")}),
    ("France's delivery of howitzers to Armenia was completed.", {("FRA", "ARM", "AID")}),
])
def test_deliveries_of_commodities_are_trade_not_aid(nlp, text, expected):
    assert relations(nlp, text) == expected


def test_a_sanctions_package_is_a_sanction(nlp):
    assert relations(nlp, "Canada unveiled a sanctions package against Belarus.") == {("CAN", "BLR", "SANCTION")}


@pytest.mark.parametrize(("text", "expected"), [
    ("The Omani sultan received the Iranian foreign minister in Muscat.", {("IRN", "OMN", "CONSULT")}),
    ("Chad received thousands of Sudanese refugees.", set()),
])
def test_being_received_is_the_visitors_visit_and_only_a_person_is_received(nlp, text, expected):
    assert relations(nlp, text) == expected


def test_plural_documents_with_one_signer_are_one_with_each_partner(nlp):
    assert relations(nlp, "Morocco signed cooperation agreements with Senegal and Gabon.") == {
        ("MAR", "SEN", "AGREE"), ("SEN", "MAR", "AGREE"), ("MAR", "GAB", "AGREE"), ("GAB", "MAR", "AGREE")}


def test_a_capital_naming_a_document_is_no_party(nlp):
    assert relations(nlp, "The Doha accords, signed by Rwanda and Uganda in 2019, held.") == {
        ("RWA", "UGA", "AGREE"), ("UGA", "RWA", "AGREE")}


def test_a_topics_own_complement_is_no_party(nlp):
    assert relations(nlp, "Peru's president met his Ecuadorian counterpart to discuss the border with Colombia.") == {
        ("PER", "ECU", "CONSULT"), ("ECU", "PER", "CONSULT")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Turkey urged both sides to protect Syria's civilians.", set()),
    ("Turkey urged Russia to protect Syria's civilians.", {("TUR", "RUS", "REQUEST")}),
])
def test_a_request_is_aimed_at_its_addressee_not_at_its_content(nlp, text, expected):
    assert relations(nlp, text) == expected


def test_a_document_under_negotiation_is_no_agreement(nlp):
    assert relations(nlp, "Diplomats began work on a border treaty between Laos and Vietnam.") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Slovakia vetoed an aid package for Moldova.", set()),
    ("The Saudi king welcomed the visiting Iraqi prime minister in Riyadh.", {("IRQ", "SAU", "CONSULT")}),
    ("Brazil welcomed Argentina's decision to lift the tariffs.", {("BRA", "ARG", "SUPPORT")}),
])
def test_vetoed_acts_are_not_asserted_and_welcomed_guests_visit(nlp, text, expected):
    assert relations(nlp, text) == expected


#: Event-lexicon breadth (issue #11): one case per trigger reading, positives and negatives.
_TRIGGER_CASES = [
    # arriving in a state is a visit only for persons and officials
    ("Kenyan President William Ruto arrived in Kampala on Friday.", "2023-06-01", {("KEN", "UGA", "CONSULT")}),
    ("The Peruvian foreign minister flew to Brasilia on Tuesday.", None, {("PER", "BRA", "CONSULT")}),
    ("Indian Prime Minister Narendra Modi landed in Canberra late on Monday.", "2023-06-01",
     {("IND", "AUS", "CONSULT")}),
    ("A battalion of Nigerian troops arrived in Sierra Leone.", None, set()),
    ("A Russian warship arrived in Havana for a port call.", None, set()),
    ("The Tunisian president is expected to travel to Algiers next week.", None, set()),
    ("The Indonesian foreign minister reached Canberra late on Friday.", None, {("IDN", "AUS", "CONSULT")}),
    ("Iranian missiles reached Israel within minutes.", None, set()),
    # talks opened resumed or wrapped up were held
    ("Ecuador and Colombia resumed talks on the border crossings.", None,
     {("COL", "ECU", "CONSULT"), ("ECU", "COL", "CONSULT")}),
    ("Namibia opened negotiations with Botswana over water rights.", None,
     {("BWA", "NAM", "CONSULT"), ("NAM", "BWA", "CONSULT")}),
    ("Panama and Costa Rica will kick off consultations on Monday.", None,
     {("CRI", "PAN", "CONSULT"), ("PAN", "CRI", "CONSULT")}),
    ("Bhutan and Nepal hope to begin boundary talks next year.", None, set()),
    ("Ghana's president instructed his envoy to open talks with Togo.", None, set()),
    # ties ended and export controls reduce relations
    ("Benin ended diplomatic ties with Niger.", None, {("BEN", "NER", "SANCTION")}),
    ("Morocco froze contacts with the German embassy.", None, {("MAR", "DEU", "SANCTION")}),
    ("South Korea tightened curbs on exports of chip equipment to Russia.", None, {("KOR", "RUS", "SANCTION")}),
    ("Singapore imposed export controls on drones to Myanmar.", None, {("SGP", "MMR", "SANCTION")}),
    ("South Korea relaxed its restrictions on Japanese seafood imports.", None, {("KOR", "JPN", "RETREAT")}),
    ("Egypt tightened controls at its own ports.", None, set()),
    # airspace violations mobilize and traded fire is mutual assault
    ("Iranian drones violated Iraqi airspace on Tuesday.", None, {("IRN", "IRQ", "MOBILIZE")}),
    ("Venezuela's navy intruded into Guyana's territorial waters.", None, {("VEN", "GUY", "MOBILIZE")}),
    ("Pakistan denied violating Afghan airspace.", None, set()),
    ("Indian and Chinese soldiers traded fire in the Himalayas.", None,
     {("CHN", "IND", "ASSAULT"), ("IND", "CHN", "ASSAULT")}),
    ("Thai and Myanmar border guards traded shots across the river.", None,
     {("MMR", "THA", "ASSAULT"), ("THA", "MMR", "ASSAULT")}),
    # handing over goods or captives and opening embassies
    ("Germany handed over three air defence systems to Ukraine.", None, {("DEU", "UKR", "AID")}),
    ("Egypt handed over 12 Israeli hostages to Israel.", None, {("EGY", "ISR", "RETREAT")}),
    ("The committee handed over its report to the minister.", None, set()),
    ("Ireland reopened its embassy in Tehran.", None, {("IRL", "IRN", "SUPPORT")}),
    ("Kenya will open an embassy in Dakar next year.", None, {("KEN", "SEN", "SUPPORT")}),
    ("Zambia considered reopening its embassy in Harare.", None, set()),
    # arming lending pulling back and rescue teams
    ("Saudi Arabia is arming Yemen's government.", None, {("SAU", "YEM", "AID")}),
    ("The World Bank lent Ghana $300 million.", None, {("WORLD_BANK", "GHA", "AID")}),
    ("India lent its support to Bangladesh's candidacy.", None, {("IND", "BGD", "SUPPORT")}),
    ("Militias funded by Iran attacked the base.", None, set()),
    ("Ethiopia pulled back its forces from the Sudanese border.", None, {("ETH", "SDN", "RETREAT")}),
    ("Russia refused to pull back its troops.", None, set()),
    ("Spain sent rescue workers to Morocco.", None, {("ESP", "MAR", "AID")}),
    ("Croatia sent a football team to Qatar.", None, set()),
    # a pledge of money or goods is aid, of support is support, of a response to a state a threat
    ("Sweden pledged $40 million to Somalia.", None, {("SWE", "SOM", "AID")}),
    ("Brazil pledged more vaccines to Paraguay.", None, {("BRA", "PRY", "AID")}),
    ("Mexico pledged solidarity with Cuba.", None, {("MEX", "CUB", "SUPPORT")}),
    ("Pakistan pledged a strong response to India's strikes.", None, {("PAK", "IND", "THREATEN")}),
    # dispatch reads as send but troops dispatched are no aid
    ("Japan dispatched medical teams to earthquake-hit Turkey.", None, {("JPN", "TUR", "AID")}),
    ("Egypt despatched two planes of medical supplies to Libya.", None, {("EGY", "LBY", "AID")}),
    ("The Kenyan army dispatched 300 soldiers to Haiti.", None, set()),
]


@pytest.mark.parametrize(("text", "date", "expected"), _TRIGGER_CASES)
def test_trigger_readings_added_for_real_news(nlp, text, date, expected):
    assert relations(nlp, text, date=date) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Chinese forces began live-fire drills around Taiwan island on Friday.", {("CHN", "TWN", "MOBILIZE")}),
    ("Azerbaijan and Turkey began drills near the Armenian border.",
     {("AZE", "TUR", "COOPERATE"), ("TUR", "AZE", "COOPERATE")}),
    ("India lifted its ban on Pakistani cement imports.", {("IND", "PAK", "RETREAT"), ("IND", "PAK", "SANCTION")}),
    ("Canada lifted its travel ban on Belarusian officials.", {("CAN", "BLR", "CONCEDE")}),
])
def test_a_light_verb_of_another_type_leaves_the_noun_its_own_event(nlp, text, expected):
    assert relations(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Chile criticised the sanctions on Nicaragua.", set()),
    ("Norway welcomed the aid to Sudan.", set()),
    ("Iran denounced the sanctions imposed by the EU.", {("IRN", "EU", "ACCUSE")}),
    ("Tokyo tracked joint drills conducted by Chinese and Russian warships.",
     {("RUS", "CHN", "COOPERATE"), ("CHN", "RUS", "COOPERATE")}),
])
def test_what_a_verb_reacts_to_is_not_its_subjects_act(nlp, text, expected):
    assert relations(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya praised Chinese loans and grants to Kenya.", {("KEN", "CHN", "SUPPORT"), ("CHN", "KEN", "AID")}),
    ("Ghana praised Japanese grants and medical assistance to Ghana.",
     {("GHA", "JPN", "SUPPORT"), ("JPN", "GHA", "AID")}),
    ("Kyiv counted Russian strikes and Western aid to Ukraine.", set()),
])
def test_coordinated_nominal_acts_share_owner_and_target(nlp, text, expected):
    assert relations(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Pakistan fired a cruise missile on Friday. India condemned the launch.", {("IND", "PAK", "ACCUSE")}),
    ("Iran conducted a rocket test. France called the test a serious provocation.", {("FRA", "IRN", "ACCUSE")}),
    ("China detained an Australian journalist. Canberra protested the arrest.", {("AUS", "CHN", "ACCUSE")}),
    ("Australia imposed sanctions in response to the test that North Korea conducted.", {("AUS", "PRK", "SANCTION")}),
    ("Armenia protested over Azerbaijan's decision to close the road.", {("ARM", "AZE", "ACCUSE")}),
    ("Militants fired rockets at a checkpoint. Niger condemned the attack.", set()),
    ("Peru condemned the launch.", set()),
    ("Brazil condemned the invasion of Ukraine.", set()),
])
def test_a_definite_noun_refers_to_the_act_told_just_before(nlp, text, expected):
    assert relations(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Thai jets bombed military targets in Cambodia.", {("THA", "KHM", "ASSAULT")}),
    ("Israel carried out airstrikes on army positions in Syria.", {("ISR", "SYR", "ASSAULT")}),
    ("Indian jets struck militant bases in Pakistan.", set()),
    ("Israel launched strikes on Hezbollah-held villages in Lebanon.", set()),
    ("Peru imposed a ban on the import of potatoes from Bolivia.", {("PER", "BOL", "SANCTION")}),
])
def test_a_target_reached_through_a_second_noun(nlp, text, expected):
    assert relations(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("In response to earlier Japanese tariffs, Seoul blacklisted three firms and imposed duties on seafood.",
     {("KOR", "JPN", "SANCTION")}),
    ("Moscow denounced Estonia's decision to expel two Russian diplomats.",
     {("RUS", "EST", "ACCUSE"), ("EST", "RUS", "COERCE")}),
    ("Kenya's decision to close its border with Somalia drew criticism.", {("KEN", "SOM", "SANCTION")}),
])
def test_an_occasion_covers_its_conjuncts_and_a_decision_is_its_owners(nlp, text, expected):
    assert relations(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Without a pact between Laos and Cambodia, the dam cannot be built.", set()),
    ("The talks ended without a deal between Serbia and Kosovo.", set()),
    ("The talks ended with a deal between Peru and Chile.", {("PER", "CHL", "AGREE"), ("CHL", "PER", "AGREE")}),
])
def test_an_act_named_as_absent_did_not_happen(nlp, text, expected):
    assert relations(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Hungary's veto of the aid package prompted criticism from Poland.", {("POL", "HUN", "ACCUSE")}),
    ("Pakistan fired a missile on Friday. The launch drew condemnation from New Delhi.", {("IND", "PAK", "ACCUSE")}),
    ("The election result drew criticism from Washington.", set()),
])
def test_what_drew_a_condemnation_is_condemned(nlp, text, expected):
    assert relations(nlp, text) == expected


# --- implied events: what a clause asserts besides its main event -------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Ecuador lifted its ban on shrimp imports from Peru.", {("ECU", "PER", "RETREAT"), ("ECU", "PER", "SANCTION")}),
    ("The European Union eased sanctions on Belarus on Monday.", {("EU", "BLR", "RETREAT"), ("EU", "BLR", "SANCTION")}),
])
def test_a_lifted_measure_was_in_force(nlp, text, expected):
    assert relations(nlp, text) == expected


def test_lifted_sanctions_on_persons_assert_no_measure(nlp):
    # sanctions on persons are administrative: lifting them concedes, nothing more is coded
    assert ("NOR", "RUS", "SANCTION") not in relations(nlp, "Norway lifted its sanctions on two Russian officials.")


def test_a_hedged_lifting_asserts_no_measure(nlp):
    assert relations(nlp, "Mexico may lift its embargo on Cuban sugar.") == set()


@pytest.mark.parametrize("text, expected", [
    ("Estonia summoned Russia's ambassador to protest the incursion of its jets into Estonian airspace.",
     {("EST", "RUS", "ACCUSE"), ("RUS", "EST", "ASSAULT")}),
    ("Manila summoned the Chinese envoy to protest its navy's blockade of a Philippine shoal.",
     {("PHL", "CHN", "ACCUSE"), ("CHN", "PHL", "COERCE")}),
    # the victim's own embassy: no owner of the attack is named
    ("Egypt summoned the Libyan envoy to protest the attack on its consulate in Tripoli.", {("EGY", "LBY", "ACCUSE")}),
])
def test_a_summons_asserts_the_act_it_protests(nlp, text, expected):
    assert relations(nlp, text) == expected


def test_the_condemner_is_not_the_attacker(nlp):
    assert relations(nlp, "Kenya protested the raid on its consulate in Mogadishu.") == set()


@pytest.mark.parametrize("text, expected", [
    ("Baghdad vowed to retaliate against Ankara.", {("IRQ", "TUR", "THREATEN")}),
    ("Seoul pledged to punish Pyongyang with retaliatory strikes.", {("KOR", "PRK", "THREATEN")}),
    ("Beijing promised a tough response to Canberra.", {("CHN", "AUS", "THREATEN")}),
    ("Venezuela's foreign minister said Caracas will hit back if Guyana seizes the ships.",
     {("VEN", "GUY", "THREATEN")}),
    ("India threatened to widen the row by imposing duties on Chinese steel.", {("IND", "CHN", "THREATEN")}),
    # a prediction by non-state speakers, and a vow against smugglers, threaten no state
    ("Analysts said Egypt would retaliate against Ethiopia.", set()),
    ("Algeria vowed to punish the traffickers.", set()),
])
def test_vows_and_statements_of_retaliation_are_threats(nlp, text, expected):
    assert relations(nlp, text) == expected


def test_a_vowed_attack_is_not_asserted(nlp):
    found = flagged(nlp, "Tehran vowed to strike Israel.")
    assert ("IRN", "ISR", "THREATEN", False, False) in found
    assert ("IRN", "ISR", "ASSAULT", False, True) in found


@pytest.mark.parametrize("text, expected", [
    ("Guatemala expelled Belize's ambassador, accusing him of espionage.",
     {("GTM", "BLZ", "COERCE"), ("GTM", "BLZ", "ACCUSE")}),
    ("Uruguay condemned Paraguay's remarks, demanding an apology.",
     {("URY", "PRY", "ACCUSE"), ("URY", "PRY", "REQUEST")}),
    ("Sudanese troops shot down an Ethiopian drone, capturing its crew.",
     {("SDN", "ETH", "ASSAULT"), ("SDN", "ETH", "COERCE")}),
    ("Indian troops captured a Pakistani post after heavy shelling.",
     {("IND", "PAK", "COERCE"), ("IND", "PAK", "ASSAULT")}),
    # cooperative main clauses lend no target; participles naming their own addressee keep it
    ("Chile signed a trade deal with Peru, urging more investment.",
     {("CHL", "PER", "AGREE"), ("PER", "CHL", "AGREE")}),
    ("Peru expelled Bolivia's envoy, accusing Western governments of interference.", {("PER", "BOL", "COERCE")}),
    # an attack before an expulsion is its reason, not the expeller's act
    ("Latvia expelled a Russian diplomat after a cyber attack.", {("LVA", "RUS", "COERCE")}),
])
def test_participles_act_on_the_main_clauses_target(nlp, text, expected):
    assert relations(nlp, text) == expected


def test_a_reopened_border_was_closed(nlp):
    # with a lexicon that reads reopening a border as easing a measure, the closure is asserted too
    from kg.events import EventLexicon, LexiconEntry, default_lexicon

    base = default_lexicon()
    reopen = LexiconEntry(trigger="reopen", pos="verb", objects=("border",), type="RETREAT", cameo="081",
                          goldstein=5.0, target_preps=("with", "to"), mutual=False)
    lexicon = EventLexicon([*base.entries, reopen], base._cues)
    text = "Algeria reopened its border with Morocco."
    found = {(r.source.country, r.target.country, r.type)
             for r in extract_relations(nlp(text), Document(id="t", text=text), lexicon=lexicon) if r.asserted}
    assert found == {("DZA", "MAR", "RETREAT"), ("DZA", "MAR", "SANCTION")}


@pytest.mark.parametrize("text, expected", [
    ("Chad denounced Sudan's statement and vowed to retaliate.",
     {("TCD", "SDN", "ACCUSE"), ("TCD", "SDN", "THREATEN")}),
    ("Laos criticised Thailand's remarks and demanded an apology.",
     {("LAO", "THA", "ACCUSE"), ("LAO", "THA", "REQUEST")}),
    ("Mali signed a pact with Niger and called for more trade.", {("MLI", "NER", "AGREE"), ("NER", "MLI", "AGREE")}),
])
def test_a_verb_sharing_the_subject_acts_on_the_first_verbs_target(nlp, text, expected):
    assert relations(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "The Serbian and Kosovar envoys were joined by an Italian diplomat at the talks.",
    "Mali's junta requested a meeting with Russian officials.",
])
def test_being_joined_is_no_membership_and_a_requested_meeting_is_not_held(nlp, text):
    assert relations(nlp, text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Caracas awaits a formal offer from Bogota.", set()),
    ("Caracas turned down Bogota's offer of talks.", {("VEN", "COL", "REJECT"), ("COL", "VEN", "AGREE")}),
])
def test_an_awaited_offer_is_not_made_and_a_rejected_one_was(nlp, text, expected):
    assert relations(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Serbia filed its application to join the European Union.", set()),
    ("North Macedonia joined NATO in 2020.", {("MKD", "NATO", "COOPERATE")}),
])
def test_an_application_to_join_is_not_membership(nlp, text, expected):
    assert relations(nlp, text, date="2024-01-01") == expected
