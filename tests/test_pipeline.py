"""The runner: stage order checks, failures named, batches that go on."""

import pytest

from wirecoder import stages
from wirecoder.errors import InputError, StageError, WirecoderError
from wirecoder.pipeline import Pipeline
from wirecoder.readers import make_article
from wirecoder.stages.base import Stage

pytestmark = pytest.mark.model


class Exploding(Stage):
    name = "exploding"
    requires = ("entities",)
    assigns = ("nothing",)

    def process(self, doc, layers):
        if "boom" in doc.text:
            raise ValueError("kaboom")


class NeedsMissing(Stage):
    name = "needy"
    requires = ("unicorns",)


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setitem(stages.REGISTRY, "exploding", f"{__name__}:Exploding")
    monkeypatch.setitem(stages.REGISTRY, "needy", f"{__name__}:NeedsMissing")


def test_a_failing_stage_is_named_and_the_batch_goes_on(registry):
    pipeline = Pipeline(["actors", "exploding"])
    items = [make_article("Talks in Geneva went well.", "a"),
             _input_error(),
             make_article("A boom was heard in Kyiv.", "c"),
             make_article("Troops left Kherson.", "d")]
    results = list(pipeline.pipe(items))
    assert [r.ok for r in results] == [True, False, False, True]
    assert isinstance(results[2].error, StageError)
    assert results[2].error.stage == "exploding" and "kaboom" in str(results[2].error)
    assert [r.record.article.text for r in results if r.ok] == ["Talks in Geneva went well.", "Troops left Kherson."]


def _input_error():
    from wirecoder.errors import E

    return InputError(E.E002, where="b")


def test_extract_raises_the_stage_error(registry):
    pipeline = Pipeline(["actors", "exploding"])
    with pytest.raises(StageError) as err:
        pipeline.extract("boom")
    assert err.value.code == "E030" and err.value.exit_code == 4


def test_requirements_are_checked_when_the_pipeline_is_built(registry):
    with pytest.raises(WirecoderError) as err:
        Pipeline(["needy"])
    assert err.value.code == "E031" and "unicorns" in str(err.value)


def test_unknown_stage():
    with pytest.raises(WirecoderError) as err:
        Pipeline(["nonsense"])
    assert err.value.code == "E032"


def test_model_is_loaded_once(pipeline):
    assert Pipeline().nlp is pipeline.nlp


def test_no_publication_date_is_a_warning_not_the_wall_clock(extract):
    record = extract("Troops entered the town on Monday.", published=None)
    assert record.article.published is None
    assert any(w.startswith("W002") for w in record.article.warnings)


def test_offsets_point_into_the_text(seed_record):
    text = seed_record.article.text
    for entity in seed_record.entities:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text


@pytest.mark.parametrize("text, first", [
    ("KYIV, Ukraine (AP) — Russian drones hit the city on Monday.", "Russian"),
    ("Leading.\nWASHINGTON (Reuters) - The United States imposed sanctions on Iran.", "The"),
])
def test_a_wire_dateline_is_not_read_into_the_lead(pipeline, text, first):
    doc = pipeline.nlp(text)
    assert first in [t.text for t in doc if t.is_sent_start]


@pytest.mark.parametrize("text", ["NATO - the alliance - met on Monday.", "UN-led talks resumed — and failed."])
def test_a_dash_in_a_sentence_is_no_dateline(pipeline, text):
    assert sum(t.is_sent_start for t in pipeline.nlp(text)) == 1


def test_the_lead_after_a_dateline_keeps_its_attacker(extract):
    record = extract("KYIV, Ukraine (AP) — Russian drones hit the city on Monday.")
    strike = next(e for e in record.events if e.type == "ASSAULT")
    assert [record.entity(i).name for i in strike.source_actors] == ["Russia"]
