"""Stories: the same real-world event from several articles, each source's claims kept."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store_records import DNIPRO, RecordsByText, meeting_report, odesa_report, strike_report
from wirecoder.store import Store, write
from wirecoder.store import stories as fusion_store
from wirecoder.store.claims import claim_of
from wirecoder.store.fusion import Claim, Fuser, score
from wirecoder.store.views import actor_timeline, stories, story, story_timeline


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.db") as opened:
        yield opened


def report(article, **kw):
    base = dict(id=article, url=f"https://{article}.example/strike", dead=32, injured=10, day="2025-01-18",
                published="2025-01-18")
    return strike_report(**{**base, **kw})


def story_of(store, article_id):
    return store.execute("SELECT e.story FROM events e JOIN articles a ON a.pk = e.article WHERE a.id = ?",
                         (article_id,)).fetchone()[0]


def test_two_reports_of_one_strike_are_one_story_with_both_tolls(store):
    write(store, report("wire-a", dead=32))
    write(store, report("wire-b", dead=34, injured=None, published="2025-01-19", source="Other Wire"))
    write(store, odesa_report())
    assert story_of(store, "wire-a") == story_of(store, "wire-b") != story_of(store, "odesa-1")
    view = story(store, story_of(store, "wire-a"))
    assert view.n_articles == 2 and view.place == "Dnipro"
    assert [(c.article, c.values["fatalities"]) for c in view.claims] == [("wire-a", 32), ("wire-b", 34)]
    assert view.disagreements["fatalities"] == [("wire-a", 32), ("wire-b", 34)]
    assert "date" not in view.disagreements and "status" not in view.disagreements


def test_sources_blaming_different_actors_still_fuse_and_show_it(store):
    write(store, report("wire-a"))
    write(store, report("wire-b", blame_russia=False))
    view = story(store, story_of(store, "wire-a"))
    assert view.n_articles == 2
    assert view.disagreements["blame"] == [("wire-a", "Russia"), ("wire-b", "Ukraine")]


def test_a_reordered_edited_copy_under_another_url_joins_the_story(store):
    write(store, report("original"))
    write(store, report("copy", reorder=True, dead=33, source="Aggregator"))
    view = story(store, story_of(store, "original"))
    assert {c.article for c in view.claims} == {"original", "copy"}
    assert store.counts()["stories"] == 1


def test_different_day_type_or_place_are_different_stories(store):
    write(store, report("a"))
    write(store, report("later", dead=3, day="2025-01-22", published="2025-01-22"))
    write(store, odesa_report(day="2025-01-18"))
    write(store, meeting_report())
    ids = {story_of(store, x) for x in ("a", "later", "odesa-1", "meeting-1")}
    assert len(ids) == 4


def test_a_new_version_keeps_stories_consistent(store):
    write(store, report("a"))
    write(store, report("b"))
    write(store, report("b", dead=40))  # same url, new text: replaces b
    view = story(store, story_of(store, "a"))
    assert view.n_articles == 2 and [c.values["fatalities"] for c in view.claims] == [32, 40]
    write(store, report("a", dead=5, day="2025-03-01", published="2025-03-01"))  # a new version, another day
    assert store.execute("SELECT count(*) FROM stories WHERE n_events = 0").fetchone()[0] == 0
    assert story_of(store, "a") != story_of(store, "b")
    assert store.integrity_check() == ["ok"]


def test_rebuild_finds_the_same_stories(store):
    later = {"dead": 7, "day": "2025-02-01", "published": "2025-02-01"}
    for name, kw in [("a", {}), ("b", {"dead": 34}), ("c", later)]:
        write(store, report(name, **kw))
    write(store, odesa_report())
    before = {x: story_of(store, x) for x in ("a", "b", "c", "odesa-1")}
    assert fusion_store.rebuild(store) == 3
    after = {x: story_of(store, x) for x in ("a", "b", "c", "odesa-1")}
    assert (after["a"] == after["b"]) and len(set(after.values())) == 3
    assert (before["a"] == before["b"]) and len(set(before.values())) == 3


def test_story_listing_and_timelines(store):
    write(store, report("a"))
    write(store, report("b", dead=34, published="2025-01-19"))
    write(store, meeting_report())
    fused = list(stories(store, min_articles=2))
    assert len(fused) == 1 and fused[0].type == "ASSAULT"
    entries = story_timeline(store, fused[0].id)
    assert [e.sources for e in entries] == [["a"], ["b"]]
    lines = actor_timeline(store, "Zelenskyy")
    said = [e for e in lines if e.what.startswith("said")]
    did = [e for e in lines if e.what.startswith("CONSULT")]
    assert len(said) == 2 and len(did) == 1 and did[0].status == "planned" and did[0].date == "2025-12-08"
    russia = actor_timeline(store, "Russia")
    assert len(russia) == 1 and russia[0].sources == ["a", "b"]  # one line per story, both sources


def claim(**kw):
    base = dict(type="ASSAULT", mode="aerial", start=date(2025, 1, 18), end=date(2025, 1, 18),
                lat=DNIPRO.lat, lon=DNIPRO.lon, precision="town", admin1="Dnipropetrovsk", country="UKR",
                actors=frozenset({"country:RUS"}))
    return Claim(**{**base, **kw})


def test_score_rules():
    assert score(claim(), claim()) == pytest.approx(1.0)
    assert score(claim(), claim(type="PROTEST")) is None
    assert score(claim(), claim(start=date(2025, 1, 21), end=date(2025, 1, 21))) is None
    assert score(claim(), claim(lat=46.48, lon=30.73)) is None  # Odesa, 400 km away
    assert score(claim(), claim(country="RUS")) is None
    province = claim(lat=48.5, lon=35.0, precision="admin1")
    assert 0.75 <= score(claim(), province) < score(claim(), claim())
    assert score(claim(), claim(actors=frozenset({"country:UKR"}))) < score(claim(), claim())


def test_an_undated_claim_needs_everything_else_to_agree():
    undated = claim(dated=False, start=date(2025, 1, 12), end=date(2025, 1, 19))
    assert score(claim(), undated) >= 0.75
    assert score(claim(actors=frozenset()), undated.__class__(**{**undated.__dict__, "actors": frozenset()})) < 0.75


def test_claims_come_from_the_record():
    record = report("a")
    made = claim_of(record, record.events[0])
    assert made.start == made.end == date(2025, 1, 18) and made.dated
    assert made.place == "Dnipro" and made.precision == "town" and made.country == "UKR"
    assert made.actors == frozenset({"country:RUS"})
    undated = record.events[0].model_copy(update={"when": None})
    fallback = claim_of(record, undated)
    assert not fallback.dated and fallback.end == date(2025, 1, 18) and fallback.start < fallback.end
    assert Claim.from_json(made.to_json()) == made


days = st.integers(0, 5).map(lambda n: date(2025, 1, 15) + timedelta(days=n))


@given(st.builds(claim, start=days, lat=st.floats(48.0, 49.0), lon=st.floats(34.5, 35.5)),
       st.builds(claim, start=days, lat=st.floats(48.0, 49.0), lon=st.floats(34.5, 35.5)))
def test_score_is_symmetric(a, b):
    a = Claim(**{**a.__dict__, "end": a.start})
    b = Claim(**{**b.__dict__, "end": b.start})
    assert score(a, b) == score(b, a)


def test_in_memory_fuser_groups_like_the_store():
    fuser = Fuser()
    first = fuser.add(claim())
    assert fuser.add(claim(start=date(2025, 1, 19), end=date(2025, 1, 19))) == first
    assert fuser.add(claim(lat=46.48, lon=30.73)) != first
    assert fuser.add(claim(start=date(2025, 3, 1), end=date(2025, 3, 1))) != first


def test_a_daily_strike_on_one_town_does_not_chain_into_one_story():
    fuser = Fuser()
    stories_by_day = [fuser.add(claim(start=date(2025, 1, d), end=date(2025, 1, d))) for d in range(10, 20)]
    assert len(set(stories_by_day)) >= 5  # each story spans at most two adjacent days
    for index in set(stories_by_day):
        days = [c.start for c in fuser.stories[index]]
        assert (max(days) - min(days)).days <= 1


def test_two_sentences_of_one_article_are_two_stories():
    fuser = Fuser()
    first = fuser.add(claim(article="a", words=frozenset({"Drones", "struck", "Dnipro"})))
    assert fuser.add(claim(article="a", words=frozenset({"Shelling", "hit", "homes"}))) != first
    assert fuser.add(claim(article="b", words=frozenset({"Shelling", "hit", "homes"}))) == first + 1


def test_a_copied_sentence_joins_its_report_whatever_else_scores():
    fuser = Fuser()
    words = frozenset({"Russian", "drones", "struck", "the", "city", "overnight", "killing", "two"})
    near = fuser.add(claim(article="a", words=frozenset({"An", "explosion", "damaged", "a", "school"})))
    told = fuser.add(claim(article="b", words=words, lat=46.48, lon=30.73))  # placed elsewhere by its context
    assert near != told and fuser.add(claim(article="c", words=words)) == told


def test_ingest_fuses_a_reordered_copy_and_a_second_run_changes_nothing(store):
    from wirecoder.readers import make_article
    from wirecoder.store.ingest import ingest

    original = report("original")
    copy = report("copy", reorder=True, dead=33)
    pipeline = RecordsByText([original, copy])
    articles = [make_article(r.article.text, r.article.id, id=r.article.id, url=r.article.url,
                             published=r.article.published) for r in (original, copy)]
    first = ingest(store, iter(articles), make_pipeline=lambda: pipeline)
    assert first.stored == 2 and first.exit_code == 0
    before = store.counts()
    again = ingest(store, iter(articles), make_pipeline=lambda: pytest.fail("nothing new: no pipeline needed"))
    assert again.stored == 0 and sum(again.skipped.values()) == 2 and store.counts() == before
    assert before["stories"] == 1
    view = story(store, story_of(store, "original"))
    assert [(c.article, c.values["fatalities"]) for c in view.claims] == [("copy", 33), ("original", 32)]
    assert view.disagreements == {"fatalities": [("copy", 33), ("original", 32)]}


@pytest.mark.model
def test_a_rewritten_copy_fuses_end_to_end(tmp_path, pipeline):
    """The real pipeline: every event of a reordered, reworded copy joins the original's story."""
    from wirecoder.readers import make_article

    paragraphs = [
        "Russian drones struck a power substation in the town of Shostka in Ukraine's Sumy region on Monday, "
        "leaving 2,000 homes without electricity, the regional governor said.",
        "Separately, Polish Prime Minister Donald Tusk will meet NATO Secretary-General Mark Rutte in Warsaw "
        "on Thursday to discuss air defence, his office said.",
        "No one was killed in the attack, officials said, but two workers were injured.",
    ]
    original = make_article("\n".join(paragraphs), "orig", id="orig", published="2025-03-11",
                            url="https://example.org/a")
    reworded = [p.replace(" said", " stated") for p in reversed(paragraphs)]
    copy = make_article("\n".join(reworded), "copy", id="copy", published="2025-03-11",
                        url="https://example.net/b")
    with Store(tmp_path / "w.db") as db:
        for result in pipeline.pipe([original, copy]):
            write(db, result.record)
        rows = db.execute("SELECT story, COUNT(DISTINCT article) FROM events GROUP BY story").fetchall()
    assert rows and all(count == 2 for _, count in rows), rows
