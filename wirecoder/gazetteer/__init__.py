"""The offline gazetteer: place names -> GeoNames places, from a SQLite index.

The index is built once at install time (``wirecoder setup``, run by `make`)
from registry packages; see ``build.py`` for its sources. Opening it costs a
few milliseconds and almost no memory: lookups are indexed SQLite queries,
cached per name.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..errors import E, SetupError
from ..settings import home_dir
from .build import BUILD_VERSION, REGION_ID_BASE, build
from .geometry import haversine
from .names import fold, normalize, spelling_variants

__all__ = ["Gazetteer", "Place", "distance_km", "gazetteer", "haversine", "normalize", "fold"]


@dataclass(frozen=True)
class Place:
    geonameid: int
    name: str
    kind: str  # country, admin1, admin2, city, region
    country: str | None  # ISO3
    admin1: str | None  # short English name of its admin1 ("Kharkiv")
    admin1_id: int | None
    lat: float
    lon: float
    population: int
    feature: str | None  # country, admin1, admin2, town, continent, region, water, ...
    main: bool = True  # matched on its own name, not an alternate
    admin2: str | None = None
    admin2_id: int | None = None
    extent: float = 0.0  # km from (lat, lon) within which the place lies

    @property
    def is_country(self) -> bool:
        return self.kind == "country"

    @property
    def in_geonames(self) -> bool:
        """False for the project's own regions (regions.csv rows without a GeoNames id)."""
        return self.geonameid < REGION_ID_BASE


_COLUMNS = ("p.geonameid, p.name, p.kind, p.country, p.admin1, p.admin1_id, p.lat, p.lon, p.population, "
            "p.feature, {main}, p.admin2, p.admin2_id, p.extent")


def _place(row) -> Place:
    return Place(*row[:10], main=bool(row[10]), admin2=row[11], admin2_id=row[12], extent=row[13])


def distance_km(a: Place, b: Place) -> float:
    return haversine(a.lat, a.lon, b.lat, b.lon)


class Gazetteer:
    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()

    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    @lru_cache(maxsize=65536)
    def lookup(self, name: str) -> tuple[Place, ...]:
        """All places called ``name`` (any spelling), most populous first."""
        key = normalize(name)
        if not key:
            return ()
        rows = self._db.execute(
            f"SELECT {_COLUMNS.format(main='n.main')} FROM name n JOIN place p USING (geonameid) "
            "WHERE n.key = ? ORDER BY p.kind = 'country' DESC, n.main DESC, p.population DESC", (key,)).fetchall()
        if "." in name:  # "Calif.", "D.C.": abbreviations match as written
            rows = self._db.execute(
                f"SELECT {_COLUMNS.format(main='1')} FROM abbreviation a JOIN place p USING (geonameid) "
                "WHERE a.text = ?", (name.strip(),)).fetchall() + rows
        return tuple(_place(row) for row in rows)

    @lru_cache(maxsize=16384)
    def lookup_spelling(self, name: str) -> tuple[Place, ...]:
        """Places a name the index lacks may mean in another romanisation: the words
        written together or apart ("Beled Weyne", "Beledweyne"), an Arabic article
        dropped ("Al-Zawiyah"), doubled letters single ("Dhusamareeb"), "ou" for "u",
        a final "y" for "i", "-obod" for "-abad". Each as an alternate name (``main``
        false); nothing when the name itself is known."""
        if self.lookup(name):
            return ()
        found: dict[int, Place] = {}
        for key in spelling_variants(name):
            for place in self.lookup(key):
                found.setdefault(place.geonameid, replace(place, main=False))
        return tuple(found.values())

    @lru_cache(maxsize=4096)
    def demonym(self, word: str) -> tuple[Place, ...]:
        """Places an adjective stands for: "European" -> Europe (countries are in the actors' lexicon)."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS.format(main='1')} FROM demonym d JOIN place p USING (geonameid) WHERE d.key = ?",
            (normalize(word),)).fetchall()
        return tuple(_place(row) for row in rows)

    @lru_cache(maxsize=4096)
    def get(self, geonameid: int) -> Place | None:
        row = self._db.execute(f"SELECT {_COLUMNS.format(main='1')} FROM place p WHERE geonameid = ?",
                               (geonameid,)).fetchone()
        return _place(row) if row else None

    @lru_cache(maxsize=512)
    def country(self, iso3: str) -> Place | None:
        row = self._db.execute(f"SELECT {_COLUMNS.format(main='1')} FROM place p "
                               "WHERE kind = 'country' AND country = ?", (iso3,)).fetchone()
        return _place(row) if row else None

    def has_name(self, name: str) -> bool:
        return bool(self.lookup(name))


def index_path() -> Path:
    return home_dir() / f"gazetteer-v{BUILD_VERSION}.sqlite"


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer of this installation, built on first use if missing."""
    path = index_path()
    if not path.exists():
        try:
            build(path)
        except (OSError, ImportError, ModuleNotFoundError, FileNotFoundError) as err:
            raise SetupError(E.E022, detail=f"{type(err).__name__}: {err}") from None
    return Gazetteer(path)
