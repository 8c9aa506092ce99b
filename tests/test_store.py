"""The store: schema and migrations, exact round trips, idempotence, versions, atomicity."""

import sqlite3
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store_records import meeting_report, odesa_report, strike_report
from wirecoder.errors import StoreError
from wirecoder.record import Article, Entity, Quantity, Quote, Record, Span, Time
from wirecoder.store import Store, load_record, write
from wirecoder.store import schema, stories, writer
from wirecoder.store.queries import events as search_events, search


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.db") as opened:
        yield opened


def strike(**kw):
    base = dict(id="a", url="https://a.example/1", dead=32, injured=10, day="2025-01-18", published="2025-01-18")
    return strike_report(**{**base, **kw})


def test_new_store_is_wal_with_foreign_keys_and_recorded_migrations(store):
    assert store.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    recorded = store.execute("SELECT version, name FROM migrations").fetchall()
    assert [v for v, _ in recorded] == [v for v, _, _ in schema.MIGRATIONS]
    names = {row[0] for row in store.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "events", "stories", "articles_fts", "quotes_fts"} <= names


def test_reopening_applies_nothing_twice(tmp_path):
    Store(tmp_path / "t.db").close()
    with Store(tmp_path / "t.db") as again:
        assert schema.migrate(again.db, again.path) == []
        assert again.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(schema.MIGRATIONS)


def test_a_store_from_a_newer_wirecoder_is_refused(tmp_path):
    Store(tmp_path / "t.db").close()
    raw = sqlite3.connect(tmp_path / "t.db")
    raw.execute("INSERT INTO migrations VALUES (99, 'from the future', '2030-01-01')")
    raw.commit()
    raw.close()
    with pytest.raises(StoreError) as err:
        Store(tmp_path / "t.db")
    assert err.value.code == "E052" and err.value.exit_code == 5


def test_missing_and_damaged_stores_are_named(tmp_path):
    with pytest.raises(StoreError) as err:
        Store(tmp_path / "none.db", create=False)
    assert err.value.code == "E050"
    (tmp_path / "junk.db").write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(StoreError) as err:
        Store(tmp_path / "junk.db")
    assert err.value.code == "E053"


def test_round_trip_is_exact(store):
    records = [strike(), odesa_report(), meeting_report()]
    for record in records:
        assert write(store, record) == writer.STORED
    for record in records:
        assert load_record(store, record.article.id) == record
    assert store.integrity_check() == ["ok"]


def test_layers_are_in_their_tables(store):
    record = strike()
    write(store, record)
    counts = store.counts()
    assert counts["articles"] == 1
    assert counts["entities"] == len(record.entities)
    assert counts["mentions"] == sum(len(e.mentions) for e in record.entities)
    assert counts["quotes"] == len(record.quotes) and counts["times"] == len(record.times)
    assert counts["events"] == 1 and counts["event_counts"] == 1 and counts["stories"] == 1
    speaker = store.execute("SELECT e.name FROM quotes q JOIN entities e ON e.article = q.article AND "
                            "e.id = q.speaker WHERE q.id = 'Q1'").fetchone()[0]
    assert speaker == "Volodymyr Zelenskyy"


def test_writing_the_same_content_twice_changes_nothing(store):
    write(store, strike())
    before = store.counts()
    assert write(store, strike()) == writer.UNCHANGED
    assert store.counts() == before


def test_a_new_version_of_a_url_replaces_the_old_one(store):
    write(store, strike(dead=32))
    before = store.counts()
    assert write(store, strike(dead=35)) == writer.REPLACED
    assert store.counts() == before
    assert load_record(store, "a").events[0].fatalities == 35
    assert [h.article for h in search(store, "35")] == ["a"]
    assert search(store, "32") == []  # the old text left the full-text index too


def test_a_broken_record_is_refused_whole(store):
    write(store, odesa_report())
    before = store.counts()
    record = strike(id="broken", url="https://x.example/broken")
    bad_event = record.events[0].model_copy(update={"location": "E99"})  # no such entity
    with pytest.raises(StoreError) as err:
        write(store, record.model_copy(update={"events": [bad_event]}))
    assert err.value.code == "E054"
    assert store.counts() == before
    assert load_record(store, "broken") is None


def test_a_failure_mid_write_leaves_nothing_half_written(store, monkeypatch):
    write(store, odesa_report())
    before = store.counts()

    def crash(db, pk):
        raise RuntimeError("power cut while fusing")

    monkeypatch.setattr(stories, "attach", crash)
    with pytest.raises(RuntimeError):
        write(store, strike())
    assert store.counts() == before
    assert store.integrity_check() == ["ok"]


def test_a_second_writer_waits_then_gives_up_with_a_named_error(tmp_path, monkeypatch):
    path = tmp_path / "t.db"
    Store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    monkeypatch.setenv("WIRECODER_BUSY_TIMEOUT", "1")
    with Store(path) as second:
        with pytest.raises(StoreError) as err:
            write(second, strike())
        assert err.value.code == "E051"
        holder.execute("ROLLBACK")
        assert write(second, strike()) == writer.STORED


def test_readers_read_while_a_writer_writes(tmp_path):
    path = tmp_path / "t.db"
    with Store(path) as first:
        write(first, odesa_report())
        first.db.execute("BEGIN IMMEDIATE")
        first.db.execute("DELETE FROM stories")
        seen = []
        reader = threading.Thread(target=lambda: seen.append(Store(path, create=False).counts()["stories"]))
        reader.start()
        reader.join(timeout=10)
        first.db.execute("ROLLBACK")
    assert seen == [1]  # the reader was not blocked and saw the committed state


_words = st.text(alphabet="abcdefghij klmno", min_size=1, max_size=30).filter(str.strip)


@st.composite
def records(draw):
    text = draw(st.text(min_size=20, max_size=200).filter(str.strip))
    n = len(text)

    def offsets():
        start = draw(st.integers(0, n - 1))
        return start, draw(st.integers(start + 1, n))

    entities = []
    for i in range(draw(st.integers(0, 3))):
        spans = [offsets() for _ in range(draw(st.integers(0, 2)))]
        entities.append(Entity(id=f"E{i + 1}", kind=draw(st.sampled_from(["person", "place", "country"])),
                               name=draw(_words), mentions=[Span(start=s, end=e, text=text[s:e]) for s, e in spans],
                               country=draw(st.none() | st.sampled_from(["UKR", "RUS"]))))
    quotes = []
    for i in range(draw(st.integers(0, 2))):
        s, e = offsets()
        quotes.append(Quote(id=f"Q{i + 1}", kind="direct", text=text[s:e], start=s, end=e,
                            speaker=draw(st.sampled_from([None] + [x.id for x in entities])),
                            confidence=draw(st.floats(0, 1))))
    s, e = offsets()
    times = [Time(id="T1", text=text[s:e], start=s, end=e, kind="date", value=None, reason=draw(_words))]
    quantities = [Quantity(id="N1", text=text[s:e], start=s, end=e, value=draw(st.floats(-1e9, 1e9)),
                           approx=draw(st.booleans()))]
    article = Article(id=draw(_words), text=text, url=draw(st.none() | _words.map(lambda w: f"https://x/{w}")),
                      published=draw(st.none() | st.sampled_from(["2025-01-02", "2025-01-02T10:00:00"])),
                      warnings=draw(st.lists(_words, max_size=2)))
    return Record(article=article, entities=entities, quotes=quotes, times=times, quantities=quantities)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=records())
def test_any_record_round_trips_exactly(store, record):
    write(store, record, force=True)
    assert load_record(store, record.article.id) == record


def _undated(record: Record, published: str | None) -> Record:
    events = [e.model_copy(update={"when": None}) for e in record.events]
    article = record.article.model_copy(update={"published": published})
    return record.model_copy(update={"events": events, "article": article})


def test_each_event_keeps_the_day_it_sorts_by_as_written_and_as_backfilled(tmp_path):
    """Migration 6 (events.sort_day): an event's own start, else its article's publication day."""
    path = tmp_path / "t.db"
    with Store(path) as store:
        write(store, strike(id="dated", url="https://a.example/1", dead=3, day="2025-01-18", published="2025-01-20"))
        write(store, _undated(strike(id="undated", url="https://a.example/2", dead=4), "2025-01-10T09:00:00+00:00"))
        write(store, _undated(strike(id="no-date-at-all", url="https://a.example/3", dead=5), None))
        written = store.execute("SELECT a.id, e.sort_day FROM events e JOIN articles a ON a.pk = e.article "
                                "ORDER BY a.id").fetchall()
    assert sorted(set(written)) == [("dated", "2025-01-18"), ("no-date-at-all", None), ("undated", "2025-01-10")]
    raw = sqlite3.connect(path)  # as a store made before migration 6 holds them
    raw.executescript("DROP INDEX events_order; DROP INDEX entities_country; "
                      "ALTER TABLE events DROP COLUMN sort_day; DELETE FROM migrations WHERE version = 6;")
    raw.close()
    with Store(path) as store:
        assert store.execute("SELECT a.id, e.sort_day FROM events e JOIN articles a ON a.pk = e.article "
                             "ORDER BY a.id").fetchall() == written
        listed = [row.article for row in search_events(store)]
    assert list(dict.fromkeys(listed)) == ["no-date-at-all", "undated", "dated"]  # undated first (no day at all)
