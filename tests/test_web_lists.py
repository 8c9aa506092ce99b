"""The lists of the API and the web page, read the fast way, answer as they did.

A page deep in a list is skipped in SQL (``offset``), a page of events is picked
before its rows are read, the stories list is selected in SQL, a timeline builds
only the events it shows, name filters fold each distinct name once, and the
actors list reads counts kept on each entity row (migration 5). Each test checks
one of these against the plain reading of the same store: the invented reports of
store_records plus a few more meetings, so that lists have several pages.
"""

import html
import re
import sqlite3

import pytest
from fastapi.testclient import TestClient

from store_records import meeting_report, two_source_news
from wirecoder.record import Article, Entity, Event, Evidence, Record, Span, When
from wirecoder.store import Filters, Store, queries, write
from wirecoder.web.api import create_app


def talks(i: int) -> Record:
    """A meeting of two invented envoys (one name with an accent), one a month."""
    text = f"Envoy Zoë Marsh met envoy Idris Halvorsen in Geneva on {i + 1} March 2025 for talks."
    names = ["Zoë Marsh", "Idris Halvorsen"]
    entities = [Entity(id=f"E{k + 1}", kind="person", name=name, country="GBR",
                       mentions=[Span(start=text.index(name), end=text.index(name) + len(name), text=name)])
                for k, name in enumerate(names)]
    day = f"2025-03-{i + 1:02d}"
    events = [Event(id="V1", type="CONSULT", mode="visit", status="occurred", source_actors=["E1"],
                    target_actors=["E2"], when=When(start=day, end=day, precision="day"),
                    evidence=Evidence(start=0, end=len(text), trigger="met"), confidence=0.7)]
    return Record(article=Article(id=f"talks-{i}", url=f"https://example.org/talks-{i}", source="Desk",
                                  published=day, text=text), entities=entities, events=events)


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    path = tmp_path_factory.mktemp("lists") / "lists.db"
    with Store(path) as store:
        for record in [*two_source_news(), *(talks(i) for i in range(6))]:
            write(store, record)
    return path


@pytest.fixture(scope="module")
def client(path):
    return TestClient(create_app(str(path)))


def listed(client, url: str) -> list:
    answer = client.get(url)
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


@pytest.mark.parametrize("url", ["/events", "/events?actor=marsh", "/quotes", "/actors", "/actors?kind=person",
                                 "/stories", "/articles", "/search?q=envoy", "/search?q=envoy&quotes=false",
                                 "/timeline?actor=marsh", "/timeline?actor=zelenskyy"])
def test_every_page_of_a_list_is_the_same_slice_of_the_whole_list(client, url):
    whole = listed(client, url + ("&" if "?" in url else "?") + "limit=1000")
    assert len(whole) >= 3
    joiner = "&" if "?" in url else "?"
    for offset in range(len(whole) + 1):
        answer = client.get(f"{url}{joiner}limit=2&offset={offset}").json()
        assert answer["items"] == whole[offset:offset + 2]
        assert answer["more"] == (offset + 2 < len(whole))


def test_the_web_pages_show_the_same_rows_deep_in_a_list(client):
    page = client.get("/ui/events?limit=2&offset=4").text
    whole = listed(client, "/events?limit=1000")
    for row in whole[4:6]:
        assert f'data-pk="{row["pk"]}"' in page
    assert sum(f'data-pk="{row["pk"]}"' in page for row in whole) == 2


def test_the_stories_list_holds_the_stories_of_the_filtered_events_by_date(client, path):
    stories = listed(client, "/stories?limit=1000")
    firsts = [s["start"] for s in stories]
    assert firsts == sorted(firsts)
    with Store(path) as store:
        for kind in ("CONSULT", "ASSAULT"):
            wanted = {row.story for row in queries.events(store, Filters(types=(kind,))) if row.story}
            assert {s["id"] for s in listed(client, f"/stories?type={kind}&limit=1000")} == wanted


def test_a_filter_on_a_name_folds_case_and_accents(client):
    assert len(listed(client, "/events?actor=ZOE%20marsh")) == 6
    assert len(listed(client, "/quotes?actor=zelenskyy")) == 2
    assert listed(client, "/actors?actor=zoe")[0]["name"] == "Zoë Marsh"
    assert listed(client, "/events?place=dnipro")  # the place's name, matched the same way


def test_the_timeline_shows_every_source_of_its_first_entries(tmp_path):
    strike_a, strike_b, odesa, _ = two_source_news()
    path = tmp_path / "timeline.db"
    with Store(path) as store:
        for record in (strike_a, odesa, strike_b):  # the same day: Odesa's event comes between the two reports
            write(store, record)
    page = TestClient(create_app(str(path))).get("/ui/timeline?type=ASSAULT&limit=1").text
    assert page.count('class="entry"') == 1
    assert "dnipro-a" in page and "dnipro-b" in page and "odesa-1" not in page
    assert "showing 1-1 of 2 entries" in page


def evidence_links(page: str) -> list[str]:
    return re.findall(r'href="(/ui/articles/[^"]+)"', page)


@pytest.mark.parametrize("url, kept", [("/ui/timeline?actor=marsh", "actor=marsh"),
                                       ("/ui/timeline?type=CONSULT&country=GBR", "country=GBR"),
                                       ("/ui/timeline?q=envoy&since=2025-03-02", "since=2025-03-02"),
                                       ("/ui/actor?name=marsh", "name=marsh")])
def test_the_next_page_of_a_timeline_follows_without_overlap_and_keeps_the_filters(client, url, kept):
    whole_page = client.get(url + "&limit=1000").text
    whole = evidence_links(whole_page)
    total = int(re.search(r"of (\d+) entries", whole_page).group(1))
    assert total >= 3 and len(whole) >= total  # two pages at least
    seen, link, pages_read = [], url + "&limit=2", 0
    while link:
        page = client.get(link).text
        pages_read += 1
        assert f"showing {2 * pages_read - 1}-{min(2 * pages_read, total)} of {total} entries" in page
        shown = evidence_links(page)
        assert shown and not set(shown) & set(seen)  # page 2 holds none of page 1's entries
        seen += shown
        found = re.search(r'<a href="([^"]+)" rel="next">', page)
        if found:
            following = html.unescape(found.group(1))
            assert kept in following and "limit=2" in following
            link = url.split("?")[0] + following
        else:
            link = None
    assert seen == whole and pages_read == (total + 1) // 2


def entity_counts(db) -> list[tuple]:
    return db.execute(
        "SELECT en.article, en.id, en.n_mentions, en.n_events, en.n_quotes, en.published_day,"
        " (SELECT count(*) FROM mentions m WHERE m.article = en.article AND m.entity = en.id),"
        " (SELECT count(*) FROM event_actors ea WHERE ea.article = en.article AND ea.entity = en.id),"
        " (SELECT count(*) FROM quotes q WHERE q.article = en.article AND q.speaker = en.id),"
        " (SELECT substr(published, 1, 10) FROM articles WHERE pk = en.article)"
        " FROM entities en ORDER BY 1, 2").fetchall()


def test_each_entity_row_counts_what_its_tables_hold(path):
    with Store(path) as store:
        rows = entity_counts(store.db)
    assert rows and all(row[2:6] == row[6:10] for row in rows)
    assert any(row[3] > 0 for row in rows) and any(row[4] > 0 for row in rows)


def test_a_store_made_before_migration_5_gets_the_counts_and_the_same_actors(tmp_path):
    path = tmp_path / "old.db"
    with Store(path) as store:
        for record in [*two_source_news(), meeting_report(id="meeting-2")]:
            write(store, record)
        actors = list(queries.actors(store))
    db = sqlite3.connect(path)
    db.executescript("DROP INDEX entities_actors; DROP INDEX entities_name_exact; DROP INDEX entities_kb_name;"
                     "DROP INDEX entities_geo_name; DROP INDEX entities_admin1;"
                     "DROP INDEX events_story_when; CREATE INDEX events_story ON events(story);"
                     + "".join(f"ALTER TABLE entities DROP COLUMN {c};"
                               for c in ("n_mentions", "n_events", "n_quotes", "published_day"))
                     + "DELETE FROM migrations WHERE version = 5;")
    db.close()
    with Store(path) as store:
        assert list(queries.actors(store)) == actors
        rows = entity_counts(store.db)
    assert all(row[2:6] == row[6:10] for row in rows)


def test_the_map_counts_the_events_it_cannot_draw(client):
    page = client.get("/ui/map").text
    assert "6 filtered events without a located place" in page  # the talks name no place
    assert "1 filtered event without a located place" in client.get("/ui/map?actor=marsh&until=2025-03-01").text
