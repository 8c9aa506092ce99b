"""Persons' countries and titles read from the text around them (issue 12, classes 3 and 7).

Invented sentences and names; one behaviour per test.
"""

import pytest

pytestmark = pytest.mark.model


def person(record, surname):
    found = [e for e in record.entities if e.kind == "person" and e.name.split()[-1] == surname]
    assert found, (surname, [(e.name, e.kind) for e in record.entities])
    return found[0]


def titles(entity):
    return [role.title.lower() for role in entity.roles]


# -- a title set off by a comma ----------------------------------------------------

def test_title_and_comma_inside_a_clause(extract):
    r = extract("He thanked the Egyptian president, Karim Sabry, for a court ruling on Monday.")
    sabry = person(r, "Sabry")
    assert sabry.country == "EGY" and "president" in titles(sabry)


def test_title_and_comma_before_an_unclosed_name_is_not_an_apposition(extract):
    r = extract("Asked about the Egyptian president, Karim Sabry said nothing.")
    assert person(r, "Sabry").country is None


def test_region_before_a_title_gives_its_country(extract):
    r = extract("The Poltava regional governor, Taras Hnatiuk, said three people were hurt.")
    hnatiuk = person(r, "Hnatiuk")
    assert hnatiuk.country == "UKR" and "regional governor" in titles(hnatiuk)


@pytest.mark.parametrize("text, surname, country", [
    ("Poltava Gov. Taras Hnatiuk said three people were hurt.", "Hnatiuk", "UKR"),
    ("U.S. Sen. Jane Roe said the troops had left.", "Roe", "USA"),
])
def test_a_wire_storys_abbreviated_title_is_a_title(extract, text, surname, country):
    # AP style writes "Gov.", "Sen.", "Rep." before a name
    found = person(extract(text), surname)
    assert found.country == country and found.roles


def test_title_with_complement_before_the_comma(extract):
    r = extract("Norway's special envoy for Sudan, Lars Hovden, wrote that talks would resume.")
    hovden = person(r, "Hovden")
    assert hovden.country == "NOR"
    assert any(role.of == "Sudan" for role in hovden.roles)


def test_rank_abbreviation_after_a_comma_title(extract):
    r = extract("The chief of the general staff, Gen Piotr Zalewski, visited the Polish border on Friday.")
    zalewski = person(r, "Zalewski")
    assert zalewski.name == "Piotr Zalewski"
    assert "chief of the general staff" in titles(zalewski) and "gen" in titles(zalewski)


def test_demonym_before_a_rank_abbreviation(extract):
    r = extract("The convoy was turned back, said Danish Maj Gen Henrik Lund.")
    lund = person(r, "Lund")
    assert lund.country == "DNK" and lund.sector == "MIL"


# -- the destination of an envoy is not the envoy's country -------------------------

def test_envoy_for_a_country_keeps_the_principal(extract):
    r = extract("Paul Brennan, US envoy for Yemen, said the ceasefire would hold.")
    brennan = person(r, "Brennan")
    assert brennan.country == "USA"
    assert any(role.of == "Yemen" for role in brennan.roles)


def test_ambassador_to_an_organisation(extract):
    r = extract("Omar Haddad, Jordan's ambassador to the UN, said the vote was postponed.")
    assert person(r, "Haddad").country == "JOR"


def test_two_country_nouns_before_an_envoy(extract):
    r = extract("US Yemen envoy Paul Brennan arrived in Riyadh on Sunday.")
    assert person(r, "Brennan").country == "USA"


def test_a_country_before_an_expert_is_a_subject(extract):
    r = extract("Tom Hale, a Yemen expert at a London thinktank, said the talks had stalled.")
    hale = person(r, "Hale")
    assert hale.country is None and any("expert" in t for t in titles(hale))


# -- words inside the title phrase ----------------------------------------------------

def test_descriptive_words_between_demonym_and_title(extract):
    r = extract("The Maltese investigative reporter Clara Vella was threatened again last week.")
    vella = person(r, "Vella")
    assert vella.country == "MLT" and "investigative reporter" in titles(vella)


def test_possessor_before_a_compound_title(extract):
    r = extract("Gen Reza Tavakoli, Iran's armed forces chief of staff, rejected the plan.")
    assert person(r, "Tavakoli").country == "IRN"


def test_bracketed_acronym_inside_an_apposition(extract):
    r = extract("Aras Kobani, a Syrian Democratic Forces (SDF) spokesman, said hundreds had fled.")
    kobani = person(r, "Kobani")
    assert kobani.country == "SYR" and "spokesman" in titles(kobani)


def test_coordinated_apposition_gives_each_title(extract):
    r = extract("Emre Aksoy, a former Turkish diplomat and a visiting scholar at a Brussels institute, "
                "said the policy had changed.")
    aksoy = person(r, "Aksoy")
    assert aksoy.country == "TUR"
    assert any("diplomat" in t for t in titles(aksoy)) and any("scholar" in t for t in titles(aksoy))


def test_demonym_apposition_with_an_occupation(extract):
    r = extract("Serhii Melnyk, a Ukrainian serviceman, said the bridge was gone.")
    assert person(r, "Melnyk").country == "UKR"


# -- names as the article spells them ------------------------------------------------

def test_kb_name_keeps_the_article_spelling(extract):
    r = extract("In Ankara, Erdoğan said the operation would end soon.", published="2019-01-10")
    erdogan = person(r, "Erdoğan")
    assert erdogan.name == "Recep Tayyip Erdoğan" and erdogan.country == "TUR"


def test_name_does_not_swallow_a_demonym_and_rank(extract):
    r = extract("The convoy was turned back, said Danish Maj Gen Henrik Lund.")
    assert [e.name for e in r.entities if e.kind == "person"] == ["Henrik Lund"]


# -- members of a named group ----------------------------------------------------------

def test_plural_title_gives_each_listed_name_its_country(extract):
    r = extract("The militants killed the British aid workers Tom Ashby and Neil Crane and the "
                "American journalists Ray Dolan and Sam Porter.")
    assert [person(r, n).country for n in ("Ashby", "Crane", "Dolan", "Porter")] == ["GBR", "GBR", "USA", "USA"]
    assert "aid worker" in titles(person(r, "Crane")) and "journalist" in titles(person(r, "Porter"))


def test_possessed_negotiators_after_a_copula(extract):
    r = extract("Norway's negotiators were Lars Hovden, Knut Aasen and Ola Berg.")
    assert {person(r, n).country for n in ("Hovden", "Aasen", "Berg")} == {"NOR"}


def test_delegation_members(extract):
    r = extract("The Danish delegation included Henrik Lund and Mette Holm.")
    assert person(r, "Lund").country == person(r, "Holm").country == "DNK"


def test_a_group_of_unknown_country_gives_none(extract):
    r = extract("The team included Henrik Lund and Mette Holm.")
    assert person(r, "Lund").country is None and person(r, "Holm").country is None


def test_a_plural_after_a_preposition_is_not_a_group(extract):
    r = extract("Speaking to reporters, Henrik Lund said the border would stay closed.")
    lund = person(r, "Lund")
    assert lund.country is None and not lund.roles


# -- descriptions of a named person ---------------------------------------------------

def test_apposed_description_joins_the_name_before_it(extract):
    r = extract("Nancy Okafor, the executive director of the Lagos Institute for Policy, was acquitted.")
    assert [e.name for e in r.entities if e.kind == "person"] == ["Nancy Okafor"]
    assert any(m.text.startswith("the executive director") for m in person(r, "Okafor").mentions)


def test_possessor_person_gives_the_country_of_their_office(extract):
    r = extract("Kevin Hale, Donald Trump's trade adviser, said the talks had failed.", published="2019-02-15")
    hale = person(r, "Hale")
    assert hale.country == "USA" and any(role.of == "Donald Trump" for role in hale.roles)


def test_two_titles_joined_before_a_name(extract):
    r = extract("In a statement, YPG commander and spokesperson Rojda Amed said the town had fallen.")
    assert person(r, "Amed").country == "SYR"


def test_complement_names_an_organisation_further_in(extract):
    r = extract("Leyla Cudi, the executive chair of the political wing of the SDF, has been touring Europe.")
    leyla = person(r, "Cudi")
    assert leyla.country == "SYR" and any(role.of == "Syrian Democratic Forces" for role in leyla.roles)


def test_predicate_title_after_is(extract):
    r = extract("Leyla Cudi is co-chair of the Syrian Democratic Council.")
    leyla = person(r, "Cudi")
    assert "co-chair" in titles(leyla) and leyla.country == "SYR"


def test_organisation_named_after_its_state_gives_its_country(extract):
    r = extract("The Syrian Nonviolence Council said the siege must end.")
    council = [e for e in r.entities if e.name == "Syrian Nonviolence Council"][0]
    assert council.country == "SYR"


def test_a_place_before_native_gives_its_country(extract):
    r = extract("Umm Salim, a 44-year-old Raqqa native, was forced to leave the city.")
    assert person(r, "Salim").country == "SYR"


def test_verb_ends_an_apposition(extract):
    r = extract("The ruling freed Yusuf Demir, an exiled cleric accused of plotting the coup, from charges.")
    demir = person(r, "Demir")
    assert "exiled cleric" in titles(demir)


def test_kb_office_joins_a_generic_text_title(extract):
    r = extract("Macron told his Turkish counterpart, Recep Tayyip Erdoğan, that the ceasefire applied.",
                published="2018-02-26")
    erdogan = person(r, "Erdoğan")
    assert "counterpart" in titles(erdogan) and "president" in titles(erdogan)


def test_a_dash_ends_the_complement(extract):
    r = extract("Leyla Cudi is co-chair of the Syrian Democratic Council – the political arm of the US-backed "
                "forces – and was in Paris.")
    assert person(r, "Cudi").country == "SYR"


# -- the text around the name, outside a title (context.py) --------------------------

def test_origin_after_the_name(extract):
    r = extract("Anna Dale, from Lewes, East Sussex, was volunteering with the unit.")
    assert person(r, "Dale").country == "GBR"


def test_former_home_after_an_age(extract):
    r = extract("Joe Rimmer, 25, formerly of Accrington, Lancashire, was sentenced to seven years.")
    assert person(r, "Rimmer").country == "GBR"


def test_member_of_an_organisation_named_after_its_state(extract):
    r = extract("Ibrahim al-Hamid of the Syrian Nonviolence Movement said the council must act.")
    assert person(r, "al-Hamid").country == "SYR"


def test_nationality_noun_in_an_apposition(extract):
    r = extract("Tom Ashby, a Briton, was detained at the border.")
    assert person(r, "Ashby").country == "GBR"


def test_demonym_and_a_plain_noun_in_an_apposition(extract):
    r = extract("Tom Ashby, a 30-year-old British national, was detained.")
    assert person(r, "Ashby").country == "GBR"


def test_relative_clause_names_the_group_led(extract):
    r = extract("Aldar Xelil, who leads the Kurdish-led SDF, said the town had fallen.")
    xelil = person(r, "Xelil")
    assert xelil.country == "SYR" and "leader" in titles(xelil)


def test_office_of_one_state_takes_it_when_the_article_names_it(extract):
    r = extract("Earlier this week the home secretary, Sajid Javed, told the UK parliament nothing.")
    javed = person(r, "Javed")
    assert javed.country == "GBR" and javed.roles[0].of == "United Kingdom"


def test_office_of_one_state_stays_open_when_the_article_names_another(extract):
    r = extract("Earlier this week the home secretary, Sajid Javed, met Indian officials in Delhi.")
    assert person(r, "Javed").country is None


def test_office_named_in_two_states_needs_one_of_them(extract):
    r = extract("The secretary of state, Ben Carver, met British and American officials.")
    assert person(r, "Carver").country is None


def test_local_office_takes_the_place_of_its_sentence(extract):
    r = extract("A missile strike on a substation in Kharkiv left 120,000 households without power, "
                "Mayor Ihor Terekhov said.")
    mayor = person(r, "Terekhov")
    assert mayor.country == "UKR" and mayor.roles[0].of == "Kharkiv"


def test_local_office_stays_open_between_two_countries(extract):
    r = extract("Mayor Tom Ashby said buses from Lviv and Krakow had arrived.")
    assert person(r, "Ashby").country is None


def test_city_inhabitants_before_a_list_of_names(extract):
    r = extract("Londoners El Shafee Elsheikh and Alexanda Kotey were captured in January.")
    assert [e.name for e in r.entities if e.kind == "person"] == ["El Shafee Elsheikh", "Alexanda Kotey"]
    assert person(r, "Elsheikh").country == person(r, "Kotey").country == "GBR"


def test_adviser_to_an_envoy_does_not_take_the_envoys_destination(extract):
    r = extract("Jan Tollefsen, an adviser to the UN envoy for Syria, Staffan de Borgo, said: Hope at last.")
    assert person(r, "Tollefsen").country is None
    borgo = person(r, "Borgo")
    assert any(role.of == "Syria" for role in borgo.roles) and borgo.country is None


def test_adviser_to_a_national_office_takes_its_country(extract):
    r = extract("Olena Kova, an adviser to the Ukrainian president, said the talks went well.")
    assert person(r, "Kova").country == "UKR"


# -- names that swallow titles, and titles that swallow names (class 7) ---------------

def test_a_place_name_with_a_title_word_and_possessive_is_not_a_person(extract):
    r = extract("The trains at King’s Cross in London were stopped by protesters.")
    assert not [e for e in r.entities if e.kind == "person"]


def test_a_verb_splits_two_names(extract):
    r = extract("At one point Ja’afi accused de Mistra of misleading him.")
    names = [e.name for e in r.entities if e.kind == "person"]
    assert not any(" accused " in n for n in names)


def test_comma_title_before_a_name_makes_it_a_person(extract):
    r = extract("The UN special envoy for Libya, Staffan de Borgo, said the talks would resume.")
    assert person(r, "Borgo").kind == "person"


# -- spokesmen of a named national body ------------------------------------------------

def test_spokesman_for_a_national_ministry_before_the_comma(extract):
    r = extract("A spokesman for the Russian defence ministry, Ivan Markov, said the drones were destroyed.")
    assert person(r, "Markov").country == "RUS"


def test_national_ministry_spokesman_before_the_name(extract):
    r = extract("Russian defence ministry spokesman Ivan Markov said the drones were destroyed.")
    markov = person(r, "Markov")
    assert markov.country == "RUS" and any("spokesman" in t for t in titles(markov))


def test_a_verbs_object_is_not_part_of_the_title(extract):
    r = extract("He told reporters minister Ivan Markov was away.")
    assert titles(person(r, "Markov")) == ["minister"]


def test_office_of_one_state_with_its_capital_as_metonym(extract):
    r = extract("Treasury Secretary Bill Dorsey said Washington would impose new sanctions on Russian banks.")
    assert person(r, "Dorsey").country == "USA"


# -- one of a group, and the group a pronoun stands for ------------------------------

def test_one_of_a_plural_title_with_a_place(extract):
    r = extract("Jane Marlow, 19, one of three east London schoolgirls who left in 2015, was found in a camp.")
    marlow = person(r, "Marlow")
    assert marlow.country == "GBR" and "schoolgirl" in titles(marlow)


def test_one_of_a_plural_title_with_a_demonym(extract):
    r = extract("Karim Nassar, one of three Danish students at the school, was hurt.")
    assert person(r, "Nassar").country == "DNK"


def test_one_of_a_plural_generic_title_says_nothing(extract):
    r = extract("Karim Nassar, one of the volunteers, was hurt.")
    nassar = person(r, "Nassar")
    assert nassar.country is None and not nassar.roles


def test_one_of_its_members_takes_the_body_named_before(extract):
    r = extract("The Syrian Civil Defence said one of its volunteers, Karim Nassar, died on Monday.")
    nassar = person(r, "Nassar")
    assert nassar.country == "SYR" and "volunteer" in titles(nassar)


def test_its_with_no_body_before_it_says_nothing(extract):
    r = extract("Karim Nassar, one of its volunteers, died on Monday, the Syrian Civil Defence said.")
    assert person(r, "Nassar").country is None


def test_two_titles_before_a_name_each_with_its_owner(extract):
    r = extract("Barack Obama spoke on Monday. The Obama national security adviser and United Nations "
                "ambassador Jane Rice saluted his service.")
    rice = person(r, "Rice")
    assert rice.country == "USA"
    assert {"national security adviser", "ambassador"} <= set(titles(rice))


# -- reference across sentences ---------------------------------------------------

def test_the_two_men_named_after_a_counted_group(extract):
    r = extract("Two British militants accused of torture have been captured in the desert. "
                "The two men, Alan Kote and Ed Shafer, were held at a base.")
    for surname in ("Kote", "Shafer"):
        member = person(r, surname)
        assert member.country == "GBR" and "militant" in titles(member)


def test_two_counted_groups_of_that_count_say_nothing(extract):
    r = extract("Two British militants and two American hostages were seen in a video. "
                "The two men, Alan Kote and Ed Shafer, were filmed in the desert.")
    assert person(r, "Kote").country is None


def test_a_cabinet_office_takes_the_one_government_named_around_it(extract):
    r = extract("Norwegian officials on Sunday insisted the operation was aimed at smugglers. "
                "Lars Vikhaug, the deputy prime minister, said the campaign was not against fishermen.")
    vikhaug = person(r, "Vikhaug")
    assert vikhaug.country == "NOR"
    assert any(role.of == "Norway" for role in vikhaug.roles)


def test_a_cabinet_office_between_two_governments_says_nothing(extract):
    r = extract("The Danish prime minister, Jens Holm, met Norwegian officials on Monday, including "
                "the fisheries minister, Lars Vikhaug.")
    assert person(r, "Vikhaug").country is None


def test_a_state_named_as_a_modifier_is_no_government(extract):
    r = extract("It was a view shared by the defence minister Tom Elwin, who said it would be wrong to "
                "send the two men to the US detention camp.")
    assert person(r, "Elwin").country is None


def test_a_party_senator_is_an_office_of_one_state(extract):
    r = extract("The US has warned its allies. Senior Republican senators such as Tom Hadley have "
                "acknowledged that the militia bore the brunt of the fighting.")
    assert person(r, "Hadley").country == "USA"


def test_a_name_before_era_is_not_a_place(extract):
    r = extract("Prime Minister Lars Vikhaug left office in 2015. In a reversal of Vikhaug-era policy, "
                "the government has pushed for the men to be held in military prison.")
    assert not [e for e in r.entities if e.kind == "place"]
    assert [m.text for m in person(r, "Vikhaug").mentions] == ["Lars Vikhaug", "Vikhaug"]


def test_a_described_speaker_named_in_the_next_sentence(extract):
    r = extract("On Wednesday, a Norwegian spokesman said that any such move would be unacceptable. "
                "“We would find any such actions unacceptable,” said Cmdr Jan Berghoff.")
    berghoff = person(r, "Berghoff")
    assert berghoff.country == "NOR" and "spokesman" in titles(berghoff)


def test_a_described_holder_named_after_a_known_person(extract):
    r = extract("The Danish envoy to the talks has resigned over Donald Trump’s decision to withdraw troops. "
                "Jens Holmgaard’s resignation follows that of the defence secretary.", published="2018-12-22")
    assert person(r, "Holmgaard").country == "DNK"


def test_the_first_person_named_later_is_the_described_one(extract):
    r = extract("A former Danish soldier has been jailed in Ruritania. Jens Holmgaard, 25, formerly of "
                "Aarhus, was sentenced to seven years. He will appeal, his mother, Mette Lind, said.")
    assert person(r, "Lind").country is None


def test_two_unknown_persons_after_a_description_say_nothing(extract):
    r = extract("The Danish envoy to the talks has resigned over Lars Vikhaug’s decision to withdraw troops. "
                "Jens Holmgaard’s resignation follows that of the defence minister.")
    assert person(r, "Holmgaard").country is None


def test_a_clause_after_a_name_is_no_apposition(extract):
    r = extract("The acting defence secretary, Tom Shanley, had briefed the president.")
    assert titles(person(r, "Shanley")) == ["acting defence secretary"]


def test_a_title_before_a_comma_and_name_is_that_names(extract):
    r = extract("Jane Sandell, the press secretary, told reporters that the acting defence secretary, "
                "Tom Shanley, had briefed the cabinet.")
    sandell, shanley = person(r, "Sandell"), person(r, "Shanley")
    assert "the acting defence secretary" not in [m.text for m in sandell.mentions]
    assert "the acting defence secretary" in [m.text for m in shanley.mentions]
    assert "press secretary" in titles(sandell)


def test_regarded_as_keeps_the_apposition(extract):
    r = extract("Tom Shanley, regarded as a cherished member of the Danish community in Leeds, went abroad.")
    assert "cherished member" in titles(person(r, "Shanley"))


def test_a_second_name_of_a_list_gets_no_apposition(extract):
    r = extract("He ignored his ousted foreign minister, Jane Holm, and national security adviser, Tom Berg.")
    assert titles(person(r, "Holm")) == ["ousted foreign minister"]


def test_a_text_title_takes_the_jurisdiction_of_the_office_held(extract):
    r = extract("President Vladimir Putin spoke on Monday.", published="2019-01-10")
    putin = person(r, "Putin")
    assert [(role.title, role.of, role.country) for role in putin.roles] == [("President", "Russia", "RUS")]


@pytest.mark.parametrize("text, name, country", [
    ("The U.S. State Department condemned the crackdown.", "U.S. State Department", "USA"),
    ("The Interior Ministry of Georgia said 43 people were detained.", "Interior Ministry of Georgia", "GEO"),
])
def test_an_organisation_named_with_its_state_has_its_country(extract, text, name, country):
    found = [e for e in extract(text).entities if e.name == name]
    assert [e.country for e in found] == [country]
