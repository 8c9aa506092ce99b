"""Every route of `wirecoder serve` answers one request it should and refuses one it should not.

The table lists each route the app registers -- API, pages, downloads, /docs and the
static files -- with a request it answers (200/201) and a bad one it refuses in the
project's error shape (JSON from the API, a page naming the fix from the web page).
A route added to the app without a line here fails the first test. The requests that
need the spaCy model to succeed (POST /extract, /ingest) are answered in test_api.py.
"""

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import Mount

from store_records import two_source_news
from wirecoder.store import Store, write
from wirecoder.web.api import create_app

TOKEN = "routes-token-1"
AUTH = {"authorization": f"Bearer {TOKEN}"}
REVIEW = {"verdict": "accept", "reviewer": "ana"}

# route -> (a request it answers, or None: answered in test_api.py with the model;
#           a request it refuses: method, path, body, headers, status, code)
ROUTES = {
    ("GET", "/openapi.json"): ("/openapi.json", ("POST", "/openapi.json", None, {}, 405, "E073")),
    ("GET", "/articles"): ("/articles?type=ASSAULT", ("GET", "/articles?limit=0", None, {}, 422, "E074")),
    ("GET", "/articles/{article_id}"): ("/articles/dnipro-a", ("GET", "/articles/nope", None, {}, 404, "E070")),
    ("GET", "/events"): ("/events?country=UKR", ("GET", "/events?type=BOMBING", None, {}, 422, "E059")),
    ("GET", "/quotes"): ("/quotes?match=rubble", ("GET", "/quotes?kind=person", None, {}, 422, "E061")),
    ("GET", "/actors"): ("/actors?kind=person", ("GET", "/actors?status=occurred", None, {}, 422, "E061")),
    ("GET", "/stories"): ("/stories?min_sources=2", ("GET", "/stories?min_sources=0", None, {}, 422, "E074")),
    ("GET", "/stories/{story_id}"): ("/stories/1", ("GET", "/stories/999", None, {}, 404, "E058")),
    ("GET", "/timeline"): ("/timeline?story=1", ("GET", "/timeline", None, {}, 422, "E059")),
    ("GET", "/search"): ("/search?q=Dnipro", ("GET", "/search?q=%22", None, {}, 422, "E055")),
    ("POST", "/extract"): (None, ("POST", "/extract", {"id": "no text"}, {}, 422, "E074")),
    ("POST", "/ingest"): (None, ("POST", "/ingest", {"text": "A text."}, {}, 401, "E072")),
    ("POST", "/events/{event_id}/review"): (("POST", "/events/1/review", REVIEW, AUTH),
                                            ("POST", "/events/1/review", REVIEW, {}, 401, "E072")),
    ("POST", "/quotes/{quote_id}/review"): (("POST", "/quotes/1/review", REVIEW, AUTH),
                                            ("POST", "/quotes/999/review", REVIEW, AUTH, 404, "E080")),
    ("GET", "/events/{event_id}/reviews"): ("/events/1/reviews", ("GET", "/events/999/reviews", None, {}, 404, "E080")),
    ("GET", "/quotes/{quote_id}/reviews"): ("/quotes/1/reviews", ("GET", "/quotes/x/reviews", None, {}, 404, "E080")),
    ("GET", "/docs"): ("/docs", ("GET", "/docs?theme=dark", None, {}, 422, "E074")),
    ("MOUNT", "/docs-assets"): ("/docs-assets/swagger-ui-bundle.js",
                                ("GET", "/docs-assets/nope.js", None, {}, 404, "E073")),
    ("MOUNT", "/static"): ("/static/wirecoder.js", ("GET", "/static/nope.js", None, {}, 404, "E073")),
    ("GET", "/"): ("/?q=Dnipro", ("GET", "/?q=%22", None, {}, 422, "E055")),
    ("GET", "/ui/articles/{article_id:path}"): ("/ui/articles/dnipro-a",
                                                ("GET", "/ui/articles/nope", None, {}, 404, "E070")),
    ("GET", "/ui/events"): ("/ui/events?sort=fatalities&order=desc",
                            ("GET", "/ui/events?sort=colour", None, {}, 422, "E074")),
    ("GET", "/ui/events.csv"): ("/ui/events.csv?type=ASSAULT",
                                ("GET", "/ui/events.csv?type=BOMBING", None, {}, 422, "E059")),
    ("GET", "/ui/events.geojson"): ("/ui/events.geojson?country=UKR",
                                    ("GET", "/ui/events.geojson?since=2025-13", None, {}, 422, "E059")),
    ("GET", "/ui/timeline"): ("/ui/timeline?actor=Lysak", ("GET", "/ui/timeline?story=999", None, {}, 404, "E058")),
    ("GET", "/ui/map"): ("/ui/map?type=ASSAULT", ("GET", "/ui/map?country=UKRAINE", None, {}, 422, "E074")),
    ("GET", "/ui/actors"): ("/ui/actors?kind=person", ("GET", "/ui/actors?kind=planet", None, {}, 422, "E059")),
    ("GET", "/ui/actor"): ("/ui/actor?name=Lysak", ("GET", "/ui/actor", None, {}, 422, "E074")),
    ("GET", "/ui/stories"): ("/ui/stories?min_sources=2",
                             ("GET", "/ui/stories?min_sources=0", None, {}, 422, "E074")),
    ("GET", "/ui/stories/{story_id}"): ("/ui/stories/1", ("GET", "/ui/stories/999", None, {}, 404, "E058")),
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("routes") / "routes.db"
    with Store(path) as store:
        for record in two_source_news():
            write(store, record)
    return TestClient(create_app(str(path), token=TOKEN, max_body=20_000))


def test_every_route_of_the_app_is_in_the_table(client):
    registered = set()
    for route in client.app.routes:
        if isinstance(route, Mount):
            registered.add(("MOUNT", route.path))
        elif isinstance(route, APIRoute):
            registered |= {(method, route.path) for method in route.methods}
        else:  # Starlette's own: /openapi.json (GET and HEAD)
            registered |= {(method, route.path) for method in route.methods if method != "HEAD"}
    assert registered == set(ROUTES)


def _send(client, method, path, body=None, headers=None):
    return client.request(method, path, json=body, headers=headers or {})


# POST /extract and /ingest answer good requests with the spaCy model: test_api.py covers them
@pytest.mark.parametrize("route", [r for r in ROUTES if ROUTES[r][0] is not None], ids=lambda r: f"{r[0]} {r[1]}")
def test_each_route_answers_a_good_request(client, route):
    good = ROUTES[route][0]
    answer = _send(client, *good) if isinstance(good, tuple) else client.get(good)
    assert answer.status_code in (200, 201), answer.text[:300]
    assert answer.content


@pytest.mark.parametrize("route", list(ROUTES), ids=lambda r: f"{r[0]} {r[1]}")
def test_each_route_refuses_a_bad_request_naming_the_fix(client, route):
    method, path, body, headers, status, code = ROUTES[route][1]
    answer = _send(client, method, path, body, headers)
    assert answer.status_code == status, answer.text[:300]
    if answer.headers["content-type"].startswith("text/html"):  # a page: the code as its title, the fix shown
        assert f"<title>{code} - " in answer.text and " -- fix: " in answer.text
    else:
        error = answer.json()["error"]
        assert error["code"] == code and " -- fix: " in error["message"], error
