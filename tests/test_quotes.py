"""Quotes on small hand-written articles: one behaviour per test."""

from dataclasses import dataclass
from datetime import date

import pytest

from wirecoder.readers import make_article
from wirecoder.stages import create
from wirecoder.stages.base import Layers

pytestmark = pytest.mark.model


def quotes(record, kind=None):
    return [q for q in record.quotes if kind is None or q.kind == kind]


def speaker_name(record, quote):
    entity = record.entity(quote.speaker) if quote.speaker else None
    return entity.name if entity else None


def one(record, kind, starts):
    found = [q for q in record.quotes if q.kind == kind and q.text.startswith(starts)]
    assert len(found) == 1, [(q.kind, q.text) for q in record.quotes]
    return found[0]


def test_direct_quote_with_attribution_after(extract):
    r = extract('"We will not retreat from Kupiansk," Ivan Petrenko, the governor of Kharkiv region, '
                'said on Monday.')
    q = one(r, "direct", "We will not retreat")
    assert speaker_name(r, q) == "Ivan Petrenko" and q.cue == "said"
    assert r.article.text[q.start:q.end] == q.text


def test_inverted_attribution_and_colon_before(extract):
    r = extract('"The shelling never stops," said Olena Bondar.\n'
                'Later Olena Bondar wrote: "We have no water and no power."')
    assert speaker_name(r, one(r, "direct", "The shelling")) == "Olena Bondar"
    second = one(r, "direct", "We have no water")
    assert speaker_name(r, second) == "Olena Bondar" and second.cue == "wrote"


def test_quote_split_by_its_attribution(extract):
    r = extract('"We tried everything," Mark Dillon said, "but the bridge was already gone."')
    first, second = quotes(r, "direct")
    assert first.text.startswith("We tried") and second.text.startswith("but the bridge")
    assert speaker_name(r, first) == speaker_name(r, second) == "Mark Dillon"


def test_continuation_in_the_next_paragraph_and_an_open_quote(extract):
    r = extract('"The dam is holding for now," Mayor Anna Kovac said.\n'
                '"Engineers are checking it every hour. We will evacuate if the water rises.\n'
                '"Nobody should go near the river."\n'
                'Separately, the weather service forecast rain.')
    assert [speaker_name(r, q) for q in quotes(r, "direct")] == ["Anna Kovac"] * 3


def test_pronoun_speaker_through_the_previous_sentence(extract):
    r = extract("Defence Minister Petra Lind visited the base on Friday.\n"
                '"Our air defence shot down every drone," she told reporters.')
    q = one(r, "direct", "Our air defence")
    assert speaker_name(r, q) == "Petra Lind" and q.speaker_text == "she"


def test_reported_speech_with_a_partial_quote(extract):
    r = extract('Foreign Minister Tomas Varga said the talks had reached a "decisive stage" and that '
                "both sides would meet again in Vienna.")
    reported = one(r, "indirect", "the talks had reached")
    partial = one(r, "partial", "decisive stage")
    assert speaker_name(r, reported) == speaker_name(r, partial) == "Tomas Varga"
    assert reported.start <= partial.start and partial.end <= reported.end
    assert "that" not in reported.text.split()[:1]


def test_reported_speech_with_the_attribution_inside(extract):
    r = extract("The two sides, Ambassador Luis Ortega said, remain far apart on the border question.")
    q = one(r, "indirect", "The two sides")
    assert speaker_name(r, q) == "Luis Ortega" and q.text.endswith("border question")


def test_according_to(extract):
    r = extract("At least 14 civilians were killed in the strike, according to the United Nations.")
    q = one(r, "indirect", "At least 14 civilians")
    assert speaker_name(r, q) == "United Nations" and q.cue == "according to"


@pytest.mark.parametrize("sentence, channel", [
    ("Sergei Marin wrote on Telegram that the bridge had been hit.", "Telegram"),
    ("Sergei Marin told the BBC that the bridge had been hit.", "BBC"),
    ("Sergei Marin said at a news conference that the bridge had been hit.", "press conference"),
    ("Sergei Marin said in a statement that the bridge had been hit.", "statement"),
    ("Sergei Marin told reporters by phone that the bridge had been hit.", "phone call"),
    ("Speaking at the Munich Security Conference, Sergei Marin said the bridge had been hit.",
     "Munich Security Conference"),
])
def test_channel_of_the_statement(extract, sentence, channel):
    r = extract(sentence)
    q = one(r, "indirect", "the bridge had been hit")
    assert q.channel == channel


def test_channel_is_not_read_from_the_content(extract):
    r = extract("Prime Minister Eva Holm spoke by phone with the Turkish president and pledged more aid, "
                "her office said.")
    q = one(r, "indirect", "Prime Minister Eva Holm spoke")
    assert q.channel is None
    assert speaker_name(r, q) == "Eva Holm" and q.speaker_text == "her office"
    assert not [x for x in r.quotes if x.cue == "pledged"]  # nested in what her office said


def test_his_office_after_the_report_speaks_for_its_subject(extract):
    r = extract("Foreign Minister Jonas Berg will travel to Kyiv on Thursday for talks with President "
                "Olek Marchenko and Prime Minister Ivan Doroshenko, his office said.")
    q = one(r, "indirect", "Foreign Minister Jonas Berg will travel")
    assert speaker_name(r, q) == "Jonas Berg" and q.speaker_text == "his office"


def test_he_added_keeps_the_channel(extract):
    r = extract('"The enemy attacked the port at night," Governor Oleh Kiper wrote on Telegram.\n'
                '"Two warehouses are on fire," he added.')
    assert [q.channel for q in quotes(r, "direct")] == ["Telegram", "Telegram"]


def test_descriptive_speaker_is_a_group_entity(extract):
    r = extract("Local officials said the evacuation would continue through the weekend.")
    q = one(r, "indirect", "the evacuation")
    assert q.speaker_text == "Local officials"
    speaker = r.entity(q.speaker)
    assert speaker.kind == "group" and speaker.name == "Local officials"
    assert q.confidence < 0.6  # a description is often not the source an analyst records


def test_scare_quotes_and_titles_are_not_statements(extract):
    r = extract('Leaders of the so-called "coalition of the willing" met in Paris. '
                'He later appeared on "Meet the Press" to discuss the plan.')
    assert r.quotes == []


def test_single_quotes_and_guillemets(extract):
    r = extract("'We are ready to talk,' Deputy Minister Karl Berg said.\n"
                "«Nous sommes prêts», said Anne Morel.")
    assert speaker_name(r, one(r, "direct", "We are ready")) == "Karl Berg"
    assert speaker_name(r, one(r, "direct", "Nous sommes")) == "Anne Morel"


def test_confidence_is_lower_for_a_continued_quote(extract):
    r = extract('"We will hold the line," Colonel Ivan Sirko said.\n"The reinforcements arrived last night."')
    named, continued = quotes(r, "direct")
    assert named.confidence > continued.confidence > 0.5


@dataclass
class Time:  # what the quotes stage reads from a times-stage item
    start: int
    end: int
    value: str
    precision: str = "day"


def with_times(pipeline, text, phrase, value):
    """Run actors, then the quotes stage with a hand-built times layer holding one time."""
    doc = pipeline.nlp(text)
    doc._.wc = Layers(article=make_article(text, "test", published="2025-03-12"), published=date(2025, 3, 12))
    next(stage for stage in pipeline.stages if stage.name == "actors")(doc)
    at = text.index(phrase)
    doc._.wc.times = [Time(at, at + len(phrase), value)]
    create("quotes")(doc)
    return doc._.wc.quotes


def test_date_said_comes_from_the_attribution(pipeline):
    text = "Governor Oleh Kiper said on Telegram on Monday that Russian drones had hit the port."
    [q] = with_times(pipeline, text, "on Monday", "2025-03-10")
    assert q.kind == "indirect" and q.date == "2025-03-10" and q.channel == "Telegram"


def test_a_date_inside_what_was_said_is_not_the_date_said(pipeline):
    text = "Governor Oleh Kiper said on Telegram that Russian drones had hit the port on Monday."
    [q] = with_times(pipeline, text, "on Monday", "2025-03-10")
    assert q.date is None


def test_a_continued_quote_keeps_the_date(pipeline):
    text = ('"The port is on fire," Governor Oleh Kiper wrote on Telegram on Monday.\n'
            '"Two sailors are missing."')
    quotes_found = with_times(pipeline, text, "on Monday", "2025-03-10")
    assert [q.date for q in quotes_found] == ["2025-03-10", "2025-03-10"]


def test_later_remarks_at_an_occasion_keep_its_channel_and_date(extract):
    r = extract("Speaking at a news conference in Kyiv on March 10, Defence Minister Anna Voss said the "
                "front was stable.\n"
                "The main problem, Voss said, was the lack of air defence.\n"
                '"We need more missiles," Voss said.', published="2025-03-12")
    later = [one(r, "indirect", "The main problem"), one(r, "direct", "We need more missiles")]
    assert [(q.channel, q.date) for q in later] == [("press conference", "2025-03-10")] * 2


def test_a_post_does_not_lend_its_channel_to_the_next_remark(extract):
    r = extract('"Our support is unwavering," Anna Voss said on X on March 10.\n'
                "Voss said the leaders would meet again in April.", published="2025-03-12")
    first, later = one(r, "direct", "Our support"), one(r, "indirect", "the leaders would meet")
    assert (first.channel, first.date) == ("X", "2025-03-10")
    assert (later.channel, later.date) == (None, None)
