"""The map page's drawing: event locations as points on a plain equirectangular projection.

No tiles (nothing is fetched at run time): SVG user units are degrees, x =
longitude and y = -latitude, so a point is placed by its coordinates alone.
Country outlines come from the ``countryinfo`` package (already a dependency,
for countries' names), drawn once per process; without it the map shows the
latitude/longitude graticule only. The view is the points' extent with a
margin, the whole world when there are none.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Point:
    lon: float
    lat: float
    label: str  # shown as the point's tooltip (escaped by the template)
    href: str  # the evidence: the article view at the event's trigger
    n: int = 1  # events at this place


@dataclass(frozen=True)
class View:
    x: float
    y: float
    width: float
    height: float
    step: int  # degrees between graticule lines

    @property
    def box(self) -> str:
        return f"{self.x:g} {self.y:g} {self.width:g} {self.height:g}"

    @property
    def radius(self) -> float:
        return max(self.width / 180, 0.15)


def view(points: list[Point], margin: float = 4.0, smallest: float = 16.0) -> View:
    """The extent of ``points`` (with a margin, at least ``smallest`` degrees wide, 2:1), else the world."""
    if not points:
        return View(-180, -90, 360, 180, 30)
    west, east = min(p.lon for p in points) - margin, max(p.lon for p in points) + margin
    south, north = min(p.lat for p in points) - margin, max(p.lat for p in points) + margin
    width = min(max(east - west, 2 * (north - south), smallest), 360)
    height = width / 2
    x = min(max((west + east - width) / 2, -180), 180 - width)
    y = min(max(-(north + south) / 2 - height / 2, -90), 90 - height)
    step = 30 if width > 120 else 10 if width > 40 else 5 if width > 16 else 2
    return View(round(x, 3), round(y, 3), round(width, 3), round(height, 3), step)


def graticule(step: int) -> str:
    """SVG path data: meridians and parallels every ``step`` degrees."""
    lines = [f"M{lon},-90V90" for lon in range(-180, 181, step)]
    lines += [f"M-180,{lat}H180" for lat in range(-90, 91, step)]
    return "".join(lines)


@lru_cache(maxsize=1)
def outlines() -> str:
    """SVG path data of every country outline countryinfo ships ("" when it is not installed)."""
    try:
        from countryinfo import CountryInfo
    except ImportError:
        return ""
    rings = []
    for country in CountryInfo.all().values():
        for feature in (country.get("geoJSON") or {}).get("features", []):
            geometry = feature.get("geometry") or {}
            polygons = geometry.get("coordinates", [])
            if geometry.get("type") == "Polygon":
                polygons = [polygons]
            elif geometry.get("type") != "MultiPolygon":
                continue
            rings += [ring for polygon in polygons for ring in polygon if len(ring) > 2]
    return "".join("M" + "L".join(f"{lon:.2f},{-lat:.2f}" for lon, lat, *_ in ring) + "Z" for ring in rings)
