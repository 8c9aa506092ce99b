"""Speakers the article names in more than one way (issue 12, class 1): short and full names,
acronyms, titles and descriptions that rename a person, names the model takes for something else."""

import pytest

pytestmark = pytest.mark.model


def speaker(record, starts):
    found = [q for q in record.quotes if q.text.startswith(starts)]
    assert len(found) == 1, [(q.kind, q.text) for q in record.quotes]
    return record.entity(found[0].speaker) if found[0].speaker else None


def test_a_lone_name_that_begins_a_full_name_is_that_person(extract):
    r = extract("Foreign ministry spokeswoman Hou Lanying spoke to reporters on Monday.\n"
                "Hou said the ministry would protest the arrest of its citizen.")
    assert speaker(r, "the ministry would protest").name == "Hou Lanying"


def test_a_company_named_short_is_the_company_named_in_full(extract):
    r = extract("Norvath Energy reported a loss for the quarter on Tuesday.\n"
                "Norvath said output from its northern field would recover next year.")
    assert speaker(r, "output from its northern field").name == "Norvath Energy"


def test_an_acronym_spelled_out_in_the_article_is_that_organisation(extract):
    r = extract("The canal was closed by the Northern Waterways Authority on Friday.\n"
                "NWA said repairs to the lock gates would take a week.")
    who = speaker(r, "repairs to the lock gates")
    assert who.name == "Northern Waterways Authority" and "NWA" in [m.text for m in who.mentions]


def test_an_acronym_with_two_spellings_is_left_alone(extract):
    r = extract("Reporters from Coastal Press covered the vote. The Coastal Pipeline company "
                "opposed it.\nCP said the vote was unfair.")
    assert not any(e.name in ("Coastal Press", "Coastal Pipeline") and any(m.text == "CP" for m in e.mentions)
                   for e in r.entities)


def test_a_title_and_a_name_inside_an_organisation_span_are_a_person(pipeline):
    from wirecoder.gazetteer import gazetteer
    from wirecoder.stages.actors.kb import office_holders
    from wirecoder.stages.actors.lexicons import lexicons
    from wirecoder.stages.actors.mentions import MentionFinder

    finder = MentionFinder(lexicons(), office_holders(), gazetteer())
    doc = pipeline.nlp("Wet'aqen Hereditary Chief Tal'kwa said the camp would stay open.")
    chief = next(t.i for t in doc if t.text == "Chief")
    assert finder._titled_name(doc, 0, chief + 2) == chief + 1  # the model's ORG span: the name after the title
    doc = pipeline.nlp("The General Motors plant in Oshawa will close.")
    assert finder._titled_name(doc, 1, 3) is None  # a title word that opens an organisation's name


def test_a_given_name_that_is_also_a_country_is_the_person_named_with_it(extract):
    r = extract("The captain of the team, Jordan Pellew, asked his coach for a video.\n"
                '"We just wanted to help him," Jordan said.')
    who = speaker(r, "We just wanted")
    assert who is not None and who.kind == "person" and who.name == "Jordan Pellew"


def test_a_person_set_off_after_a_party_label_is_the_speaker(extract):
    r = extract("A red-state Democrat, Montana Sen. Ilse Marrow, said the wall would not be paid for by "
                "taxpayers.")
    assert speaker(r, "the wall").name == "Ilse Marrow"


def test_a_name_that_qualifies_people_is_not_the_speaker(extract):
    r = extract("Ilse Marrow won the seat by 300 votes.\n"
                "Marrow supporters say the recount was unfair to the other side.")
    who = speaker(r, "the recount")
    assert who is None or who.name != "Ilse Marrow"


def test_a_hyphenated_surname_does_not_make_its_first_part_a_given_name(extract):
    r = extract("Minister Wilson-Ashby was moved to another ministry in January.\n"
                "She had earlier declined comment, saying the matter was private.")
    who = speaker(r, "the matter was private")
    assert who is not None and who.name.endswith("Wilson-Ashby")


def test_a_definite_description_renames_the_subject_of_the_sentence_before(extract):
    r = extract("Tomas Brevik has four goals since the trade last week. The 26-year-old right wing "
                "said his new teammates have been creating chances for him.")
    assert speaker(r, "his new teammates").name == "Tomas Brevik"


def test_a_title_renames_only_a_person_who_holds_it(extract):
    r = extract("Arlo Bennick pleaded guilty to fraud on Monday. The judge said the sentence would be "
                "set in May.")
    who = speaker(r, "the sentence would be set")
    assert who is None or who.name != "Arlo Bennick"


def test_the_company_after_a_platform_that_spoke_is_the_platform(extract):
    r = extract('In a statement, Telegram said it was "restoring access for all users." '
                "The company noted that no messages were lost.")
    assert speaker(r, "no messages were lost").name == "Telegram"


def test_a_person_in_a_photo_caption_is_no_antecedent(extract):
    r = extract("Lena Ortiz runs the shelter on Dock Street. Ortiz said demand had doubled since "
                "the spring.\n\n"
                "Maria Ruiz looks at photos at the station in May. (Jane Doe/Daily Post)\n\n"
                '"We need more beds before the winter comes," she said.')
    assert speaker(r, "We need more beds").name == "Lena Ortiz"
