"""A generated store of N articles for the web benchmark (bench_web.py), without spaCy.

Hand-built records, invented for this benchmark, written through the store's own
writer (``wirecoder.store.write``: every layer, full-text search, story fusion):
wire-style reports of incidents (strikes, meetings, protests, sanctions, ...) in
invented places of several countries over five years, each incident told by one to
four outlets, so stories gather several articles. Actors, quotes, dates and counts
vary; a few hundred events carry an analyst's review. Offsets are computed as the
text is built, so they are always right.

The store is cached (``cached_store``) under the temp folder, keyed by the article
count and this file's content, so re-runs start at once; 10,000 articles take
4 to 9 minutes to build on a shared 2-core machine (the writer's own work:
claims, story fusion, full-text index).
"""

from __future__ import annotations

import hashlib
import os
import random
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from wirecoder.record import (Acled, Article, Count, Entity, Event, Evidence, Geo, Quantity, Quote, Record, Span,
                              Time, When)

SEED = 13
FIRST_DAY, DAYS = date(2021, 1, 1), 5 * 365

# (ISO3, name, adjective, centre lat, lon)
COUNTRIES = [("UKR", "Ukraine", "Ukrainian", 49.0, 32.0), ("RUS", "Russia", "Russian", 55.0, 40.0),
             ("POL", "Poland", "Polish", 52.0, 19.5), ("SYR", "Syria", "Syrian", 35.0, 38.0),
             ("SDN", "Sudan", "Sudanese", 15.0, 30.0), ("MLI", "Mali", "Malian", 16.0, -2.0),
             ("COL", "Colombia", "Colombian", 4.5, -74.0), ("MMR", "Myanmar", "Myanmar", 21.0, 96.0),
             ("YEM", "Yemen", "Yemeni", 15.5, 47.5), ("ETH", "Ethiopia", "Ethiopian", 9.0, 39.5),
             ("GBR", "United Kingdom", "British", 53.0, -1.5), ("USA", "United States", "American", 39.0, -98.0)]
SOURCES = ["Test Wire", "Daily Ledger", "Evening Dispatch", "Harbour Times", "Plains Courier", "Metro Bulletin",
           "Morning Herald", "Border Post", "River Gazette", "Capital Report", "Night Desk", "Field Notes"]
FIRST = ["Arven", "Mirela", "Tomas", "Ilse", "Daren", "Yusra", "Oleg", "Kalin", "Sefa", "Nadia", "Pavo", "Lioba",
         "Rami", "Wenke", "Ostap", "Fenna", "Idris", "Maren", "Kasim", "Talia"]
LAST = ["Tolk", "Varga", "Brenner", "Osei", "Lindqvist", "Harun", "Petrov", "Sandoval", "Okafor", "Marsh",
        "Kovalenko", "Duarte", "Halvorsen", "Nakamura", "Ferreira", "Abara"]
TITLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "governor", "mayor", "spokesperson",
          "commander"]
GROUPS = ["Northern Front", "Valley Brigade", "Free Coast Movement", "Highland Union", "Red River Militia",
          "Citizens' Council", "Workers' Alliance", "Students' Circle"]
ORGS = ["Relief Network", "Monitoring Mission", "Regional Bloc", "Peace Forum", "Water Authority"]
SYLLABLES = ["ka", "ro", "vel", "tan", "mir", "os", "bel", "din", "sha", "lu", "gor", "pe", "zan", "ti", "mar", "no"]
CHANNELS = ["Telegram", "X", "a press conference", "a statement", "an interview", "Facebook", "state television"]
STATUSES = ["occurred"] * 12 + ["ongoing", "planned", "planned", "claimed", "denied", "negated", "hypothetical"]

# PLOVER type -> (modes, the trigger verb as written, ACLED (event_type, sub_event_type) or None)
KINDS = {
    "ASSAULT": (["aerial", "firearms", "explosion", None], "struck",
                ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    "CONSULT": (["visit", "phone", "third-party", None], "met", None),
    "PROTEST": (["demonstrate", None], "protested against", ("Protests", "Peaceful protest")),
    "SANCTION": (["economic", "diplomatic", None], "sanctioned", None),
    "ACCUSE": ([None], "accused", None), "THREATEN": (["military", None], "threatened", None),
    "AGREE": ([None], "agreed with", None), "SUPPORT": ([None], "backed", None),
    "AID": (["humanitarian", None], "sent aid to", None), "REQUEST": ([None], "asked", None),
    "REJECT": ([None], "rejected", None), "MOBILIZE": (["troops", None], "mobilised against", None),
    "COERCE": (["arrest", None], "detained supporters of", ("Strategic developments", "Arrests")),
    "COOPERATE": ([None], "worked with", None), "CONCEDE": ([None], "gave way to", None),
    "RETREAT": ([None], "withdrew from", None),
}
FILLER = ["Officials gave no further details about the {adj} side of the matter.",
          "The area has seen repeated incidents over the past months, residents said.",
          "Analysts said the situation remained difficult to verify independently.",
          "Talks on the wider dispute have stalled since the spring.",
          "Local media reported long queues at checkpoints on the main road.",
          "Several aid groups said they had paused work in the district.",
          "The {adj} government has not commented on the reports.",
          "Prices for fuel and bread rose sharply in the region this year."]


@dataclass(frozen=True)
class Actor:
    kind: str
    name: str
    country: str | None
    sector: str | None
    title: str | None = None


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    admin1: str
    lat: float
    lon: float
    geonameid: int


@dataclass(frozen=True)
class Incident:
    type: str
    mode: str | None
    day: date
    place: Place
    source: Actor
    target: Actor
    status: str
    dead: int | None


@dataclass
class Draft:
    """An article's text as it is built, with the spans of what it mentions."""

    text: str = ""
    entities: dict = field(default_factory=dict)  # actor name -> Entity (mentions grow as the text does)
    paragraph: list = field(default_factory=list)

    def add(self, part: str) -> Span:
        start = len(self.text)
        self.text += part
        return Span(start=start, end=len(self.text), text=part)

    def mention(self, actor: Actor | Place) -> str:
        """Write the name and return the entity id."""
        span = self.add(actor.name)
        if actor.name not in self.entities:
            eid = f"E{len(self.entities) + 1}"
            if isinstance(actor, Place):
                geo = Geo(geonameid=actor.geonameid, name=actor.name, lat=actor.lat, lon=actor.lon,
                          country=actor.country, admin1=actor.admin1, feature="town", precision="town")
                self.entities[actor.name] = Entity(id=eid, kind="place", name=actor.name, mentions=[span],
                                                   country=actor.country, geo=geo)
            else:
                self.entities[actor.name] = Entity(id=eid, kind=actor.kind, name=actor.name, mentions=[span],
                                                   country=actor.country, sector=actor.sector)
        else:
            self.entities[actor.name].mentions.append(span)
        return self.entities[actor.name].id


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def world(rng: random.Random) -> tuple[list[Actor], list[Place]]:
    actors = [Actor("country", name, iso, "GOV") for iso, name, _, _, _ in COUNTRIES]
    for i in range(60):
        iso = COUNTRIES[i % len(COUNTRIES)][0]
        actors.append(Actor("person", f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}", iso,
                            rng.choice(["GOV", "MIL", "CVL", "REB"]), rng.choice(TITLES)))
    actors += [Actor("group", g, rng.choice(COUNTRIES)[0], "REB") for g in GROUPS]
    actors += [Actor("organization", o, None, "IGO") for o in ORGS]
    places = []
    for i in range(240):
        iso, _, _, lat, lon = COUNTRIES[i % len(COUNTRIES)]
        places.append(Place(_word(rng, 2 + i % 2) + ("" if i < 200 else " " + _word(rng, 2)), iso,
                            _word(rng, 3) + " Province", round(lat + rng.uniform(-4, 4), 4),
                            round(lon + rng.uniform(-6, 6), 4), 9_000_000 + i))
    return actors, places


def incidents(rng: random.Random, n: int, actors: list[Actor], places: list[Place]) -> list[Incident]:
    kinds = list(KINDS)
    weights = [8, 6, 3, 2, 3, 2, 2, 2, 2, 2, 1, 1, 2, 1, 1, 1]
    found = []
    for _ in range(n):
        kind = rng.choices(kinds, weights)[0]
        place = rng.choice(places)
        source, target = rng.sample(actors, 2)
        dead = rng.choice([None, None, 0, 1, 2, 3, 5, 8, 12, 20, 40]) if kind == "ASSAULT" else None
        found.append(Incident(kind, rng.choice(KINDS[kind][0]), FIRST_DAY + timedelta(days=rng.randrange(DAYS)),
                              place, source, target, rng.choice(STATUSES), dead))
    return found


def report(rng: random.Random, i: int, told: list[Incident], actors: list[Actor]) -> Record:
    """One article telling ``told`` (its first incident is the headline)."""
    published = max(x.day for x in told) + timedelta(days=rng.randrange(3))
    draft = Draft()
    events, quotes, times, quantities = [], [], [], []
    lead = told[0]
    adjective = next(c[2] for c in COUNTRIES if c[0] == lead.place.country)
    for n, incident in enumerate(told, 1):
        modes, verb, acled = KINDS[incident.type]
        start = len(draft.text)
        source = draft.mention(incident.source)
        draft.add(f" {verb} ")
        trigger = verb.split()[0]
        target = draft.mention(incident.target)
        draft.add(" in ")
        place = draft.mention(incident.place)
        draft.add(", ")
        day_text = draft.add(f"on {incident.day.day} {incident.day:%B %Y}")
        iso = incident.day.isoformat()
        times.append(Time(id=f"T{n}", text=day_text.text, start=day_text.start, end=day_text.end, kind="date",
                          value=iso, start_date=iso, end_date=iso, precision="day", anchor="published"))
        counts = []
        if incident.dead:
            quantity = draft.add(f", killing {incident.dead} people")
            quantities.append(Quantity(id=f"N{n}", text=quantity.text[2:], start=quantity.start + 2,
                                       end=quantity.end, value=incident.dead, unit="people", counted="people killed"))
            counts = [Count(value=incident.dead, unit="people killed")]
        draft.add(". ")
        events.append(Event(
            id=f"V{n}", type=incident.type, mode=incident.mode,
            acled=Acled(event_type=acled[0], sub_event_type=acled[1]) if acled else None, status=incident.status,
            source_actors=[source], target_actors=[target], location=place,
            when=When(start=iso, end=iso, precision="day", text=day_text.text), counts=counts,
            fatalities=incident.dead, evidence=Evidence(start=start, end=len(draft.text) - 1, trigger=trigger),
            confidence=round(rng.uniform(0.4, 0.95), 2), background=rng.random() < 0.05))
        if rng.random() < 0.6:
            speaker = rng.choice(actors[len(COUNTRIES):])
            said = f"We will answer what happened in {incident.place.name}"
            draft.add('"')
            inner = draft.add(said + ",")
            draft.add('" ')
            who = draft.mention(speaker)
            channel = rng.choice(CHANNELS)
            draft.add(f" said on {channel}. ")
            quotes.append(Quote(id=f"Q{len(quotes) + 1}", kind="direct", text=inner.text, start=inner.start,
                                end=inner.end, speaker=who, speaker_text=speaker.name, cue="said", channel=channel,
                                date=published.isoformat(), confidence=0.85))
            events[-1] = events[-1].model_copy(update={"reported_by": quotes[-1].id})
        for line in rng.sample(FILLER, 3):
            draft.add(line.format(adj=adjective) + " ")
        draft.add("\n")
    source_name = SOURCES[i % len(SOURCES)]
    article = Article(id=f"gen-{i:05d}", url=f"https://news.example/{source_name.split()[0].lower()}/{i}",
                      title=f"{lead.type.title()} in {lead.place.name}", source=source_name,
                      published=published.isoformat(), text=draft.text.rstrip())
    return Record(article=article, entities=list(draft.entities.values()), quotes=quotes, times=times,
                  quantities=quantities, events=events)


def records(n: int, seed: int = SEED):
    """``n`` generated records in publication order, 1 to 4 incidents each, drawn from the
    incidents of the same weeks: an incident is told by 2.5 articles on average."""
    rng = random.Random(seed)
    actors, places = world(rng)
    pool = sorted(incidents(rng, max(n, 1), actors, places), key=lambda x: x.day)
    for i in range(n):
        here = i * len(pool) // n
        near = pool[max(here - 3, 0):here + 4]
        told = rng.sample(near, min(len(near), rng.randint(1, 4)))
        yield report(rng, i, told, actors)


def build(path: Path, n: int, seed: int = SEED, progress=print) -> None:
    """Write ``n`` generated articles into a new store at ``path``, then a few hundred reviews."""
    from wirecoder.store import Store, write
    from wirecoder.store import reviews

    started = time.perf_counter()
    with Store(path) as store:
        store.db.execute("PRAGMA synchronous=OFF")  # a throwaway benchmark file: no need to survive a power cut
        for i, record in enumerate(records(n, seed), 1):
            write(store, record)
            if i % 1000 == 0:
                progress(f"  {i} articles written ({time.perf_counter() - started:.0f} s)")
        rng = random.Random(seed)
        pks = [row[0] for row in store.execute("SELECT pk FROM events ORDER BY pk")]
        for pk in rng.sample(pks, min(300, len(pks))):
            verdict = rng.choice(["accept", "accept", "reject", "correct"])
            changes = {"type": rng.choice(list(KINDS))} if verdict == "correct" else {}
            reviews.review(store, "event", pk, verdict, changes, "bench")
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def cached_store(n: int, progress=print) -> Path:
    """The generated store of ``n`` articles, built once and kept under the temp folder."""
    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    folder = Path(os.environ.get("WIRECODER_BENCH_CACHE") or Path(tempfile.gettempdir()) / "wirecoder-bench")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"web-{n}-{digest}.db"
    if not path.is_file():
        progress(f"generating a store of {n} articles at {path} (cached for later runs)")
        partial = path.with_suffix(".partial")
        for leftover in folder.glob(partial.name + "*"):
            leftover.unlink()
        started = time.perf_counter()
        build(partial, n, progress=progress)
        partial.rename(path)
        progress(f"  done in {time.perf_counter() - started:.0f} s")
    return path
