import json
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError

from wirecoder.record import SCHEMA_VERSION, Article, Entity, Record, json_schema

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema" / "wirecoder-1.schema.json"


def test_committed_schema_matches_the_code():
    committed = json.loads(SCHEMA_FILE.read_text())
    assert committed == json_schema(), "run `make schema` and commit schema/wirecoder-1.schema.json"


def test_every_spec_field_exists():
    fields = {
        "Record": {"schema", "article", "entities", "quotes", "times", "quantities", "events"},
        "Article": {"id", "url", "title", "source", "published", "language", "text", "warnings"},
        "Entity": {"id", "kind", "name", "mentions", "country", "sector", "roles", "kb", "geo"},
        "Quote": {"id", "kind", "text", "start", "end", "speaker", "speaker_text", "cue", "channel",
                  "date", "confidence"},
        "Time": {"id", "text", "start", "end", "kind", "value", "start_date", "end_date", "precision", "anchor"},
        "Quantity": {"id", "text", "start", "end", "value", "approx", "unit", "counted", "period"},
        "Event": {"id", "type", "mode", "acled", "status", "source_actors", "target_actors", "location",
                  "when", "counts", "fatalities", "injured", "reported_by", "evidence", "confidence"},
        "Geo": {"geonameid", "name", "lat", "lon", "country", "admin1", "feature", "precision"},
        "Role": {"title", "of", "country"},
    }
    defs = json_schema()["$defs"]
    for model, expected in fields.items():
        properties = set(json_schema()["properties"]) if model == "Record" else set(defs[model]["properties"])
        assert expected <= properties, (model, expected - properties)


def test_record_serialises_with_schema_version_and_validates():
    record = Record(article=Article(id="a", text="Hello"))
    data = record.to_dict()
    assert data["schema"] == SCHEMA_VERSION
    jsonschema.validate(data, json_schema())
    assert Record.model_validate(data) == record


def test_unknown_fields_are_rejected():
    with pytest.raises(ValidationError):
        Entity(id="E1", kind="person", name="X", nickname="y")
    with pytest.raises(ValidationError):
        Entity(id="E1", kind="wizard", name="X")
