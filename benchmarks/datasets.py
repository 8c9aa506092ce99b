"""Readers for the benchmark datasets in $WIRECODER_SHARED/datasets (never copied here)."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from wirecoder.settings import shared_dir


class MissingData(RuntimeError):
    """The shared benchmark folder is not where WIRECODER_SHARED points."""


def dataset_dir(name: str) -> Path:
    path = shared_dir() / "datasets" / name
    if not path.exists():
        raise MissingData(f"{path} does not exist: set WIRECODER_SHARED to the folder holding "
                          f"datasets/ and seed/ (default ../shared)")
    return path


def seed_path() -> Path:
    path = shared_dir() / "seed" / "000_ef1304a02acc3a72.txt"
    if not path.exists():
        raise MissingData(f"{path} does not exist: set WIRECODER_SHARED (default ../shared)")
    return path


@dataclass
class Toponym:
    start: int
    end: int
    text: str
    type: str
    geonameid: int | None
    lat: float | None
    lon: float | None


@dataclass
class GeoArticle:
    id: str
    text: str
    toponyms: list[Toponym] = field(default_factory=list)


GEOCODED_TYPES = frozenset({"Literal", "Mixed", "Coercion", "Metonymic", "Literal_Modifier",
                            "Non_Literal_Modifier", "Embedded_Literal", "Embedded_Non_Lit"})


def geowebnews() -> list[GeoArticle]:
    """GeoWebNews: toponyms that the annotators geocoded (the standard geoparsing targets)."""
    root = ET.parse(dataset_dir("geoparsing") / "GeoWebNews_GWN.xml").getroot()
    articles = []
    for node in root.findall("article"):
        text = node.findtext("text") or ""
        art = GeoArticle(node.get("file", str(len(articles))), text)
        for top in node.find("toponyms") or []:
            if top.findtext("type") not in GEOCODED_TYPES:
                continue
            lat, lon = top.findtext("latitude"), top.findtext("longitude")
            if not lat or not lon:
                continue
            gid = top.findtext("geonamesID")
            art.toponyms.append(Toponym(int(top.findtext("start")), int(top.findtext("end")),
                                        top.findtext("extractedName") or "", top.findtext("type"),
                                        int(gid) if gid and gid.isdigit() else None, float(lat), float(lon)))
        articles.append(art)
    return articles


def ggt_articles() -> list[dict]:
    path = dataset_dir("ggt_quotes") / "annotations.jsonl"
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def guardian(limit: int | None = None) -> list[dict]:
    csv.field_size_limit(1 << 30)
    path = dataset_dir("news_corpus") / "guardian_sdf_sample_2019.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row.get("text", "").strip()]
    return rows[:limit] if limit else rows


@dataclass(frozen=True)
class Incident:
    """A CIR Russia-Ukraine monitor incident: hand-geolocated point with its town and province."""

    date: str
    town: str
    province: str
    country: str
    lat: float
    lon: float


def cir_incidents() -> list[Incident]:
    path = dataset_dir("cir_ukraine_events_2022") / "events.csv"
    found = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (TypeError, ValueError):
                continue
            found.append(Incident(row["date"], (row.get("town/city") or "").strip(),
                                  (row.get("province") or "").strip(), (row.get("country") or "").strip(), lat, lon))
    return found
