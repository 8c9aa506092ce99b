"""The HTTP API (wirecoder/web/api.py) on a small real store.

The store holds the invented reports of store_records: two reports of one
strike on Dnipro (fused into one story), a strike on Odesa and a planned
meeting in London. Every endpoint is asked for what it lists and for its
errors, which all come in one JSON shape.
"""

import pytest
from fastapi.testclient import TestClient

from store_records import two_source_news
from wirecoder import cli
from wirecoder.errors import StoreError
from wirecoder.store import Store, write
from wirecoder.web.api import CSP, create_app

TOKEN = "test-token-4711"
ENDPOINTS = {"/articles", "/articles/{article_id}", "/events", "/quotes", "/actors", "/stories",
             "/stories/{story_id}", "/timeline", "/search", "/extract", "/ingest",
             "/events/{event_id}/review", "/quotes/{quote_id}/review", "/events/{event_id}/reviews",
             "/quotes/{quote_id}/reviews"}  # the review endpoints are tested in test_reviews.py


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "api.db"
    with Store(path) as store:
        for record in two_source_news():
            write(store, record)
    return path


@pytest.fixture(scope="module")
def client(path):
    return TestClient(create_app(str(path), token=TOKEN, max_body=20_000))


def error(response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert " -- fix: " in body["error"]["message"]
    return body["error"]["message"]


def items(response) -> list[dict]:
    assert response.status_code == 200, response.text
    return response.json()["items"]


# -- the schema and the shape of every answer -----------------------------------

def test_the_openapi_schema_loads_and_lists_every_endpoint(client):
    schema = client.get("/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == ENDPOINTS
    events = {p["name"] for p in schema["paths"]["/events"]["get"]["parameters"]}
    assert {"actor", "country", "type", "since", "until", "limit", "offset"} <= events
    assert client.get("/docs").status_code == 200


def test_the_openapi_schema_is_valid_against_the_specification(client):
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    schema = client.get("/openapi.json").json()
    validate(schema)  # raises on a document that breaks the OpenAPI 3.1 specification
    broken = {**schema, "paths": {**schema["paths"], "/events": {"get": {"responses": "none"}}}}
    with pytest.raises(OpenAPIValidationError):  # the check can fail
        validate(broken)


def test_every_response_carries_the_security_headers(client):
    for response in (client.get("/events"), client.get("/articles/nope"), client.get("/nowhere")):
        assert response.headers["content-security-policy"] == CSP
        assert response.headers["x-content-type-options"] == "nosniff"


def test_an_unknown_path_or_method_answers_in_the_error_shape(client):
    error(client.get("/nowhere"), 404, "E073")
    error(client.delete("/events"), 405, "E073")


def test_a_query_parameter_an_endpoint_does_not_take_is_refused_not_ignored(client):
    message = error(client.get("/events?countyr=UKR"), 422, "E074")
    assert "countyr" in message and "country" in message


# -- articles --------------------------------------------------------------------

def test_articles_are_listed_and_paged(client):
    ids = [a["id"] for a in items(client.get("/articles"))]
    assert ids == ["dnipro-a", "dnipro-b", "odesa-1", "meeting-1"]
    page = client.get("/articles?limit=2&offset=1").json()
    assert [a["id"] for a in page["items"]] == ["dnipro-b", "odesa-1"] and page["more"] is True
    last = client.get("/articles?limit=2&offset=2").json()
    assert [a["id"] for a in last["items"]] == ["odesa-1", "meeting-1"] and last["more"] is False


def test_articles_take_event_filters_through_their_events(client):
    assert [a["id"] for a in items(client.get("/articles?type=CONSULT"))] == ["meeting-1"]
    error(client.get("/articles?kind=person"), 422, "E061")


def test_one_article_is_its_whole_record(client):
    record = client.get("/articles/odesa-1").json()
    assert record["article"]["id"] == "odesa-1"
    assert record["article"]["text"].startswith("Russian drones")
    assert record["events"][0]["type"] == "ASSAULT"


def test_an_unknown_article_is_404_in_the_error_shape(client):
    assert "no-such-article" in error(client.get("/articles/no-such-article"), 404, "E070")


@pytest.mark.parametrize("query", ["limit=0", "limit=100000", "offset=-1", "limit=ten"])
def test_bad_paging_is_refused(client, query):
    error(client.get(f"/articles?{query}"), 422, "E074")


# -- events, quotes, actors: the CLI's filters ----------------------------------

def test_events_take_the_filters_of_the_cli(client):
    assert {e["article"] for e in items(client.get("/events?type=ASSAULT"))} == {"dnipro-a", "dnipro-b", "odesa-1"}
    assert [e["article"] for e in items(client.get("/events?place=odesa"))] == ["odesa-1"]
    assert [e["article"] for e in items(client.get("/events?status=planned&country=GBR"))] == ["meeting-1"]
    assert items(client.get("/events?since=2025-02")) == [items(client.get("/events?type=CONSULT"))[0]]
    assert len(items(client.get("/events?limit=1"))) == 1


def test_events_answer_what_the_cli_prints(client, path, capsys):
    import json

    cli.main(["events", "--db", str(path), "--type", "ASSAULT", "--json"])
    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert items(client.get("/events?type=ASSAULT")) == printed


@pytest.mark.parametrize("query, code", [("type=BOMBING", "E059"), ("status=rumoured", "E059"),
                                         ("country=Ukraine", "E074"), ("since=yesterday", "E059"),
                                         ("since=2025-02&until=2025-01", "E059"), ("overlap=true", "E059"),
                                         ("kind=person", "E061")])
def test_bad_event_filters_get_the_cli_refusal(client, query, code):
    error(client.get(f"/events?{query}"), 422, code)


def test_quotes_are_filtered_by_speaker_and_full_text(client):
    said = items(client.get("/quotes?actor=zelenskyy"))
    assert {q["article"] for q in said} == {"dnipro-a", "dnipro-b"} and all(q["kind"] == "direct" for q in said)
    assert {q["article"] for q in items(client.get("/quotes?match=rubble"))} == {"dnipro-a", "dnipro-b"}


@pytest.mark.parametrize("query, code", [("type=ASSAULT", "E061"), ("place=Dnipro", "E061"),
                                         ("match=%22unclosed", "E055")])
def test_quotes_refuse_what_the_cli_refuses(client, query, code):
    option = query.split("=")[0]
    message = error(client.get(f"/quotes?{query}"), 422, code)
    if code == "E061":
        assert f"--{option}" in message


def test_actors_are_listed_most_reported_first_and_filtered_by_kind(client):
    people = items(client.get("/actors?kind=person"))
    assert (people[0]["name"], people[0]["articles"]) == ("Volodymyr Zelenskyy", 3)  # both strikes, the meeting
    assert {a["kind"] for a in people} == {"person"}
    assert [a["name"] for a in items(client.get("/actors?actor=starmer"))] == ["Keir Starmer"]
    error(client.get("/actors?status=occurred"), 422, "E061")
    error(client.get("/actors?kind=ghost"), 422, "E059")


# -- stories, timeline, search ------------------------------------------------------

def test_stories_fuse_the_two_reports_and_one_story_shows_both_claims(client):
    fused = [s for s in items(client.get("/stories?min_sources=2"))]
    assert len(fused) == 1
    story = client.get(f"/stories/{fused[0]['id']}").json()
    assert sorted(c["article"] for c in story["claims"]) == ["dnipro-a", "dnipro-b"]
    assert story["disagreements"]


def test_stories_refuse_bad_values_and_unknown_ids(client):
    error(client.get("/stories/999999"), 404, "E058")
    error(client.get("/stories/abc"), 422, "E074")
    error(client.get("/stories?min_sources=0"), 422, "E074")
    error(client.get("/stories?kind=person"), 422, "E061")


def test_the_timeline_of_an_actor_and_of_a_story(client):
    entries = items(client.get("/timeline?actor=zelenskyy"))
    assert any(e["what"].startswith("CONSULT") for e in entries) and any(e["what"].startswith("said") for e in entries)
    story = items(client.get("/stories?min_sources=2"))[0]["id"]
    assert {s for e in items(client.get(f"/timeline?story={story}")) for s in e["sources"]} == {"dnipro-a", "dnipro-b"}


@pytest.mark.parametrize("query, status, code", [("", 422, "E059"), ("actor=x&story=1", 422, "E059"),
                                                 ("story=999999", 404, "E058")])
def test_the_timeline_needs_one_actor_or_one_story(client, query, status, code):
    error(client.get(f"/timeline?{query}"), status, code)


def test_search_finds_articles_and_quotes_and_takes_event_filters(client):
    assert {h["article"] for h in items(client.get("/search?q=rubble"))} == {"dnipro-a", "dnipro-b"}
    assert [h["article"] for h in items(client.get("/search?q=Odesa&type=ASSAULT"))] == ["odesa-1"]
    assert items(client.get("/search?q=Odesa&type=CONSULT")) == []
    assert {q["article"] for q in items(client.get("/search?q=forgive&quotes=true"))} == {"dnipro-a", "dnipro-b"}


@pytest.mark.parametrize("query, code", [("", "E074"), ("q=", "E074"), ("q=%22unclosed", "E055"),
                                         ("q=rubble&kind=person", "E061")])
def test_bad_searches_are_refused(client, query, code):
    error(client.get(f"/search?{query}"), 422, code)


# -- extraction and writing ----------------------------------------------------------

def test_extract_refuses_a_body_over_the_limit_and_a_malformed_one(client):
    message = error(client.post("/extract", json={"text": "word " * 10_000}), 413, "E071")
    assert "20000" in message
    error(client.post("/extract", json={"title": "no text"}), 422, "E074")
    error(client.post("/extract", content=b"not json", headers={"content-type": "application/json"}), 422, "E074")


def test_a_body_without_a_declared_length_is_limited_too(client):
    def chunks():
        for _ in range(10):
            yield b"x" * 5000

    error(client.post("/extract", content=chunks(), headers={"content-type": "application/json"}), 413, "E071")


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}])
def test_ingest_needs_the_token(client, headers):
    assert "token" in error(client.post("/ingest", json={"text": "Some text."}, headers=headers), 401, "E072")


def test_a_server_started_without_a_token_writes_nothing(path):
    open_client = TestClient(create_app(str(path)))
    error(open_client.post("/ingest", json={"text": "Some text."},
                           headers={"Authorization": f"Bearer {TOKEN}"}), 401, "E072")


def test_the_app_refuses_a_missing_store_at_start(tmp_path):
    with pytest.raises(StoreError) as raised:
        create_app(str(tmp_path / "missing.db"))
    assert raised.value.code == "E050"


class FakePipeline:
    """Stands in for spaCy: a record with the text and no layers, so the API's own work is what is tested."""

    def extract(self, text, **meta):
        from wirecoder.readers import make_article
        from wirecoder.record import Article, Record

        article = make_article(text, "<request>", **meta)
        return Record(article=Article(id=meta.get("id") or "posted", text=article.text, title=meta.get("title")))


def test_extract_returns_the_record_and_stores_nothing(path):
    client = TestClient(create_app(str(path), pipeline=FakePipeline()))
    record = client.post("/extract", json={"text": "A <script>alert(1)</script> text.", "id": "posted"}).json()
    assert record["article"]["text"] == "A <script>alert(1)</script> text."
    error(client.get("/articles/posted"), 404, "E070")
    error(client.post("/extract", json={"text": ""}), 422, "E002")


def test_ingest_with_the_token_stores_the_record(tmp_path):
    path = tmp_path / "w.db"
    Store(path).close()
    client = TestClient(create_app(str(path), token=TOKEN, pipeline=FakePipeline()))
    answer = client.post("/ingest", json={"text": "Posted text.", "id": "posted-1"},
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 201, answer.text
    assert client.get("/articles/posted-1").json()["article"]["text"] == "Posted text."


def test_the_serve_command_is_registered_and_binds_to_this_machine_by_default():
    args = cli._parser().parse_args(["serve", "--store", "x.db"])
    assert (args.host, args.db) == ("127.0.0.1", "x.db")


@pytest.mark.model
def test_extract_runs_the_real_pipeline(path):
    client = TestClient(create_app(str(path)))
    text = "Police fired tear gas at protesters in the town of Ravelmoor on Sunday, the mayor said."
    record = client.post("/extract", json={"text": text, "published": "2025-03-02"}).json()
    assert record["article"]["text"] == text and record["entities"]
    assert any(e["type"] in ("PROTEST", "COERCE", "ASSAULT") for e in record["events"]), record["events"]


def test_python_access_answers_the_rows_the_api_lists(client, path):
    import json

    import wirecoder

    def listed(rows):
        if hasattr(rows, "to_dict"):  # a DataFrame when pandas is there: missing values read as None
            rows = rows.astype(object).where(rows.notna(), None).to_dict("records")
        return json.loads(json.dumps(rows))

    with wirecoder.Store(str(path)) as db:
        assert listed(db.events(type=["ASSAULT"], country="UKR")) == items(
            client.get("/events?type=ASSAULT&country=UKR&limit=1000"))
        assert [s["n_articles"] for s in listed(db.stories(min_sources=2))] == [2]
        with pytest.raises(wirecoder.WirecoderError) as refused:
            db.quotes(type="ASSAULT")
        assert refused.value.code == "E061"
