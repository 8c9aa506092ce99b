"""The offline gazetteer: place names -> GeoNames places, from a SQLite index.

The index is built once at install time (``wirecoder setup``, run by `make`)
from registry packages; see ``build.py`` for its sources. Opening it costs a
few milliseconds and almost no memory: lookups are indexed SQLite queries,
cached per name.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import E, SetupError
from ..settings import home_dir
from .build import BUILD_VERSION, build
from .names import fold, normalize

__all__ = ["Gazetteer", "Place", "gazetteer", "normalize", "fold"]


@dataclass(frozen=True)
class Place:
    geonameid: int
    name: str
    kind: str  # country, admin1, admin2, city, region
    country: str | None
    admin1: str | None
    admin1_id: int | None
    lat: float
    lon: float
    population: int
    feature: str | None
    main: bool = True  # matched on its own name, not an alternate

    @property
    def is_country(self) -> bool:
        return self.kind == "country"


_COLUMNS = "p.geonameid, p.name, p.kind, p.country, p.admin1, p.admin1_id, p.lat, p.lon, p.population, p.feature"


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
            f"SELECT {_COLUMNS}, n.main FROM name n JOIN place p USING (geonameid) WHERE n.key = ? "
            "ORDER BY p.kind = 'country' DESC, n.main DESC, p.population DESC", (key,)).fetchall()
        return tuple(Place(*row[:10], main=bool(row[10])) for row in rows)

    @lru_cache(maxsize=4096)
    def get(self, geonameid: int) -> Place | None:
        row = self._db.execute(f"SELECT {_COLUMNS}, 1 FROM place p WHERE geonameid = ?", (geonameid,)).fetchone()
        return Place(*row[:10], main=True) if row else None

    @lru_cache(maxsize=512)
    def country(self, iso3: str) -> Place | None:
        row = self._db.execute(f"SELECT {_COLUMNS}, 1 FROM place p WHERE kind = 'country' AND country = ?",
                               (iso3,)).fetchone()
        return Place(*row[:10], main=True) if row else None

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
