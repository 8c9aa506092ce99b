"""Gazetteer coverage: the ceiling the index puts on event locations.

For every gold event point of ACLED 2016 (Africa) and of the CIR Ukraine
incidents that name their town, two questions that need no text and no model:

- is there any place of the index (town or admin area) within 25 km of the
  gold point? If not, no resolution can land within 25 km except by luck;
- does looking up the gold location's own name (``Gazetteer.lookup``, every
  spelling the index holds) give a place within 25 km (and within 5 km)? If
  not, a text that names the village cannot be placed by its name;
- does any capitalised span of one to four words of the event's own text (the
  ACLED note, the CIR title) name a town or admin area within 25 km? That is
  what a perfect choice among the text's place names could reach with this
  index (countries and project regions are left out: they are never that close).

The events eval scores what the pipeline reaches; this says how much of the gap
is the gazetteer's (villages and town quarters it lacks) and how much is
recognition and choice. Run it after changing the gazetteer's sources.
"""

from __future__ import annotations

import csv
import math
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from wirecoder.gazetteer import gazetteer, haversine

from .datasets import dataset_dir
from .events_data import DATE_STAMP

CELL = 0.5  # degrees: 25 km spans less than one cell of latitude, and of longitude below 60 degrees
WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class GoldPoint:
    name: str
    lat: float
    lon: float
    text: str


def acled_points() -> list[GoldPoint]:
    with open(dataset_dir("acled_africa_2016") / "events.csv", encoding="utf-8", newline="") as handle:
        return [GoldPoint(row["LOCATION"].strip(), float(row["LATITUDE"]), float(row["LONGITUDE"]), row["NOTES"])
                for row in csv.DictReader(handle) if row.get("LOCATION", "").strip() and row.get("LATITUDE")]


def cir_points() -> list[GoldPoint]:
    points = []
    with open(dataset_dir("cir_ukraine_events_2022") / "events.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            town = (row.get("town/city") or "").strip()
            if not town or (row.get("country") or "").strip() != "Ukraine":
                continue
            try:
                points.append(GoldPoint(town, float(row["lat"]), float(row["lon"]),
                                        DATE_STAMP.sub("", (row.get("title") or "").strip(), count=1)))
            except ValueError:
                continue
    return points


class PointGrid:
    """The index's town and admin-area points, bucketed by half-degree cells."""

    def __init__(self, rows):
        self.cells = defaultdict(list)
        for lat, lon in rows:
            self.cells[(math.floor(lat / CELL), math.floor(lon / CELL))].append((lat, lon))

    def any_within(self, lat: float, lon: float, km: float) -> bool:
        i, j = math.floor(lat / CELL), math.floor(lon / CELL)
        return any(haversine(lat, lon, plat, plon) <= km
                   for di in (-1, 0, 1) for dj in (-1, 0, 1)
                   for plat, plon in self.cells.get((i + di, j + dj), ()))


def spans(text: str) -> set[str]:
    """Every run of one to four words that starts with a capital."""
    words = WORD.findall(text)
    return {" ".join(words[i:i + k]) for i, word in enumerate(words) if word[0].isupper()
            for k in range(1, 5) if i + k <= len(words)}


def named_in_text(point: GoldPoint, gaz, km: float = 25) -> bool:
    return any(place.kind not in ("country", "region")
               and haversine(point.lat, point.lon, place.lat, place.lon) <= km
               for span in spans(point.text) for place in gaz.lookup(span))


def coverage(points: list[GoldPoint], grid: PointGrid, gaz) -> dict[str, float]:
    near = named = named_close = in_text = 0
    for point in points:
        near += grid.any_within(point.lat, point.lon, 25)
        distances = [haversine(point.lat, point.lon, p.lat, p.lon) for p in gaz.lookup(point.name)]
        named += any(d <= 25 for d in distances)
        named_close += any(d <= 5 for d in distances)
        in_text += named_in_text(point, gaz)
    n = max(len(points), 1)
    return {"points": len(points), "near": near / n, "named": named / n, "named_close": named_close / n,
            "in_text": in_text / n}


def run(pipeline=None, limit=None, rounds: int = 1) -> list[str]:
    gaz = gazetteer()
    db = sqlite3.connect(f"file:{gaz.path}?mode=ro", uri=True)
    grid = PointGrid(db.execute("SELECT lat, lon FROM place WHERE kind NOT IN ('country', 'region')"))
    places = db.execute("SELECT count(*) FROM place").fetchone()[0]
    db.close()
    lines = [f"## gazetteer coverage of gold event points ({places:,} places in {gaz.path.name})", "",
             "| gold points | n | a place within 25 km | own name within 25 km | own name within 5 km "
             "| a place the text names within 25 km |", "|---|---|---|---|---|---|"]
    for label, points in (("ACLED 2016 Africa (LOCATION)", acled_points()),
                          ("CIR Ukraine 2022 (town/city)", cir_points())):
        found = coverage(points, grid, gaz)
        lines.append(f"| {label} | {found['points']} | {found['near']:.3f} | {found['named']:.3f} "
                     f"| {found['named_close']:.3f} | {found['in_text']:.3f} |")
    return lines
