"""Reference tables the exports need, loaded once: countries and the ACLED mapping."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache

from ..settings import DATA_DIR


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    iso_numeric: int
    name: str
    acled_region: str


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    with open(DATA_DIR / "export" / "countries.csv", encoding="utf-8", newline="") as handle:
        return {row["iso3"]: Country(row["iso3"], row["iso2"], int(row["iso_numeric"]), row["name"],
                                     row["acled_region"]) for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def acled() -> dict:
    with open(DATA_DIR / "export" / "acled.json", encoding="utf-8") as handle:
        return json.load(handle)
