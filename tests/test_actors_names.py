"""Names the model labels wrongly, read by the mention finder from the rest of the article
(issue 12, class 1: speakers that must be actors). Hand-built entity spans, invented names."""

import pytest
from spacy.tokens import Span

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def finder():
    from wirecoder.gazetteer import gazetteer
    from wirecoder.stages.actors.kb import office_holders
    from wirecoder.stages.actors.lexicons import lexicons
    from wirecoder.stages.actors.mentions import MentionFinder

    return MentionFinder(lexicons(), office_holders(), gazetteer())


def _doc(pipeline, text, spans):
    doc = pipeline.nlp(text)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in spans]
    return doc


def test_a_lower_case_span_of_the_model_is_no_name(pipeline, finder):
    doc = _doc(pipeline, "Said the rookie defenceman after the game.", [(2, 4, "ORG")])
    assert finder._ner(doc, set()) == []


def test_a_given_name_and_a_surname_taken_for_a_place_still_give_the_surname(pipeline, finder):
    from wirecoder.stages.actors.mentions import Candidate

    doc = pipeline.nlp("The goalie made 24 saves and Nino Brevikson scored twice.")
    start = next(t.i for t in doc if t.text == "Nino")
    assert "brevikson" in finder._confident_person_names(doc, [Candidate(start, start + 2, "GPE")])


def test_a_surname_the_model_calls_a_group_is_a_person(pipeline, finder):
    doc = _doc(pipeline, "Ollie Brevikson won in May. Brevikson noted the two are close.",
               [(0, 2, "PERSON"), (6, 7, "NORP")])
    kinds = {doc[c.start:c.end].text: c.kind for c in finder.find(doc, None)}
    assert kinds.get("Brevikson") == "person"


def test_an_acronym_the_model_missed_is_still_the_organisation(extract):
    r = extract("The Northern Waterways Authority closed the canal on Friday. NWA said repairs "
                "would take a week. NWA declined to comment on the cost.")
    org = next(e for e in r.entities if e.name == "Northern Waterways Authority")
    assert sum(m.text == "NWA" for m in org.mentions) == 2


def test_an_adjective_after_a_lower_case_rank_word_is_no_person(extract):
    r = extract("Diplomats said all the major European countries would expel Russian envoys.")
    assert not [e for e in r.entities if e.kind == "person" and "European" in e.name]


@pytest.mark.parametrize("text", ["UN-sponsored talks in Geneva have collapsed.",
                                  "UN-led talks have collapsed, the envoy said."])
def test_a_name_hyphened_to_a_word_at_the_start_is_no_dateline(extract, text):
    # "UN-sponsored": a compound's hyphen; "HELENA -" at a paragraph's start is a dateline's dash
    r = extract(text)
    assert [(e.name, e.kind) for e in r.entities if e.name == "UN"] == [("UN", "organization")]
