"""Hand-built records for the store, export and story tests.

Two wire-style reports of the same missile strike on a Ukrainian city (one
says 32 dead, the other 34, and they blame differently), a report of an
unrelated strike elsewhere, and a planned meeting. Written for these tests;
offsets are computed from the text, so they are always right.
"""

from __future__ import annotations

from wirecoder.record import (Acled, Article, Count, Entity, Event, Evidence, Geo, KBRef, Quote, Record, Role,
                              Span, Time, When)


def span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start=start, end=start + len(part), text=part)


def evidence(text: str, sentence_part: str, trigger: str) -> Evidence:
    start = text.index(sentence_part)
    end = text.find(".", start)
    return Evidence(start=start, end=end + 1 if end >= 0 else len(text), trigger=trigger)


DNIPRO = Geo(geonameid=709930, name="Dnipro", lat=48.4500, lon=34.9833, country="UKR", admin1="Dnipropetrovsk",
             feature="town", precision="town")
ODESA = Geo(geonameid=698740, name="Odesa", lat=46.4775, lon=30.7326, country="UKR", admin1="Odesa",
            feature="town", precision="town")


def strike_report(*, id: str, url: str, dead: int, injured: int | None, day: str, published: str,
                  blame_russia: bool = True, reorder: bool = False, source: str = "Test Wire") -> Record:
    """A report of a missile strike on Dnipro, with its own toll and blame."""
    paragraphs = [
        f"A Russian missile strike on an apartment block in Dnipro killed {dead} people on Saturday, "
        f"regional governor Serhiy Lysak said.",
        "Lysak wrote on Telegram that rescuers were still searching the rubble.",
        "\"We will not forgive this,\" Ukrainian President Volodymyr Zelenskyy said in his evening address.",
    ]
    if not blame_russia:
        paragraphs[0] = (f"An explosion in an apartment block in Dnipro killed {dead} people on Saturday, "
                         f"regional governor Serhiy Lysak said, as Moscow blamed Ukrainian air defence.")
    if reorder:
        paragraphs = [paragraphs[1], paragraphs[2], paragraphs[0]]
    text = "\n".join(paragraphs)
    entities = [
        Entity(id="E1", kind="place", name="Dnipro", mentions=[span(text, "Dnipro")], country="UKR", geo=DNIPRO),
        Entity(id="E2", kind="person", name="Serhiy Lysak", mentions=[span(text, "Serhiy Lysak")],
               country="UKR", sector="GOV", roles=[Role(title="governor", of="Dnipropetrovsk Oblast", country="UKR")]),
        Entity(id="E3", kind="person", name="Volodymyr Zelenskyy", mentions=[span(text, "Volodymyr Zelenskyy")],
               country="UKR", sector="GOV",
               kb=KBRef(source="wirecoder-office-holders", id="UKR-HOS-zelenskyy", name="Volodymyr Zelenskyy")),
        Entity(id="E4", kind="platform", name="Telegram", mentions=[span(text, "Telegram")]),
    ]
    if blame_russia:
        entities.append(Entity(id="E5", kind="country", name="Russia", mentions=[span(text, "Russian")],
                               country="RUS", sector="GOV"))
        blame = ["E5"]
    else:
        entities.append(Entity(id="E5", kind="country", name="Ukraine", mentions=[span(text, "Ukrainian air")],
                               country="UKR", sector="MIL"))
        blame = ["E5"]
    first = paragraphs[0] if not reorder else paragraphs[2]
    quote_text = "We will not forgive this,"
    q = span(text, quote_text)
    rescue = span(text, "rescuers were still searching the rubble")
    quotes = [Quote(id="Q1", kind="direct", text=quote_text, start=q.start, end=q.end, speaker="E3",
                    speaker_text="Volodymyr Zelenskyy", cue="said", channel="evening address", date=day,
                    confidence=0.9),
              Quote(id="Q2", kind="indirect", text=rescue.text, start=rescue.start, end=rescue.end,
                    speaker="E2", speaker_text="Lysak", cue="wrote", channel="Telegram", date=day, confidence=0.8)]
    saturday = span(text, "on Saturday")
    times = [Time(id="T1", text="on Saturday", start=saturday.start, end=saturday.end, kind="date", value=day,
                  start_date=day, end_date=day, precision="day", anchor="published")]
    trigger = "strike" if blame_russia else "explosion"
    events = [Event(id="V1", type="ASSAULT", mode="aerial",
                    acled=Acled(event_type="Explosions/Remote violence",
                                sub_event_type="Shelling/artillery/missile attack"),
                    status="occurred", source_actors=blame, target_actors=[], location="E1",
                    when=When(start=day, end=day, precision="day", text="on Saturday"),
                    counts=[Count(value=dead, unit="people killed")], fatalities=dead, injured=injured,
                    reported_by="E2", evidence=evidence(text, first[:40], trigger), confidence=0.8)]
    article = Article(id=id, url=url, title="Strike on Dnipro", source=source, published=published, text=text)
    return Record(article=article, entities=entities, quotes=quotes, times=times, events=events)


def odesa_report(*, id: str = "odesa-1", day: str = "2025-01-18") -> Record:
    """A different strike, the same day, 400 km away: never the same story as Dnipro."""
    text = "Russian drones hit port infrastructure in Odesa overnight, injuring four people, officials said."
    entities = [
        Entity(id="E1", kind="country", name="Russia", mentions=[span(text, "Russian")], country="RUS"),
        Entity(id="E2", kind="place", name="Odesa", mentions=[span(text, "Odesa")], country="UKR", geo=ODESA),
    ]
    events = [Event(id="V1", type="ASSAULT", mode="aerial",
                    acled=Acled(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike"),
                    status="occurred", source_actors=["E1"], location="E2",
                    when=When(start=day, end=day, precision="day", text="overnight"), injured=4,
                    evidence=evidence(text, "Russian drones", "hit"), confidence=0.8)]
    return Record(article=Article(id=id, url=f"https://example.org/{id}", source="Port News", published=day,
                                  text=text), entities=entities, events=events)


def meeting_report(*, id: str = "meeting-1", status: str = "planned") -> Record:
    """A planned meeting (CONSULT) between two leaders, in London."""
    text = ("Ukrainian President Volodymyr Zelenskyy is due to meet British Prime Minister Keir Starmer "
            "in London on Monday.")
    entities = [
        Entity(id="E1", kind="person", name="Volodymyr Zelenskyy", mentions=[span(text, "Volodymyr Zelenskyy")],
               country="UKR", sector="GOV",
               kb=KBRef(source="wirecoder-office-holders", id="UKR-HOS-zelenskyy", name="Volodymyr Zelenskyy")),
        Entity(id="E2", kind="person", name="Keir Starmer", mentions=[span(text, "Keir Starmer")], country="GBR",
               sector="GOV"),
        Entity(id="E3", kind="place", name="London", mentions=[span(text, "London")], country="GBR",
               geo=Geo(geonameid=2643743, name="London", lat=51.5085, lon=-0.1257, country="GBR",
                       admin1="England", feature="town", precision="town")),
    ]
    events = [Event(id="V1", type="CONSULT", mode="visit", status=status, source_actors=["E1"],
                    target_actors=["E2"], location="E3",
                    when=When(start="2025-12-08", end="2025-12-08", precision="day", text="on Monday"),
                    evidence=evidence(text, "Ukrainian President", "meet"), confidence=0.7)]
    return Record(article=Article(id=id, url=f"https://example.org/{id}", published="2025-12-06", text=text),
                  entities=entities, events=events)


def two_source_news() -> list[Record]:
    """One strike told by two outlets that disagree on the toll and the blame (one story),
    a drone attack on Odesa and a planned meeting: the store the API and web-page tests read."""
    return [strike_report(id="dnipro-a", url="https://example.org/a", dead=32, injured=None,
                          day="2025-01-18", published="2025-01-18"),
            strike_report(id="dnipro-b", url="https://example.net/b", dead=34, injured=None,
                          day="2025-01-18", published="2025-01-18", blame_russia=False, source="Other Wire"),
            odesa_report(), meeting_report()]


class RecordsByText:
    """Stands in for the pipeline in ingest tests: returns the hand-built record whose
    text the article has, under the article's id and URL (the rest is the real ingest)."""

    stage_names = ["actors", "events"]

    def __init__(self, records):
        self.by_text = {r.article.text: r for r in records}

    def pipe(self, articles):
        from wirecoder.pipeline import Result

        for article in articles:
            record = self.by_text[article.text]
            yield Result(where=article.id, record=record.model_copy(update={"article": record.article.model_copy(
                update={"id": article.id, "url": article.url})}))
