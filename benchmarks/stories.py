"""Story fusion quality: precision and recall over pairs of reports of one event.

Two sources of pairs we can establish without annotating anything:

1. CIR Ukraine 2022 (Bellingcat / Centre for Information Resilience): each
   row is a dated, hand-geolocated incident with a link to its source post.
   Several rows that cite the same post (the same link, query string and
   photo suffix removed), on the same date, of the same kind and within 5 km
   of each other show one incident (several images or clips of it). Those are
   the positive pairs. Negative pairs are those we can tell apart: same day
   and kind, from different posts, both naming a facility (a frozen word
   list, cir_facility_words.txt: bridge, hospital, railway station, ...) and no
   facility in common ("damaged bridge" vs "strike on the hospital"). Other
   pairs are unlabelled (rows from different posts may well show one
   incident; the data does not say) and left out of the score.
   Each row becomes a claim: its date (day precision), the PLOVER type its
   event group maps to (presence and firing positions: MOBILIZE; everything
   else: ASSAULT), no actors. Measured twice: with CIR's exact coordinates,
   and with each row placed at its town as a news article would name it
   (the town looked up in wirecoder's gazetteer), which is the harder and
   realistic case: on a busy day many incidents share one town.
2. Rewritten articles: Guardian articles and copies of them with paragraphs
   rotated, "said" changed to "stated" and the last paragraph dropped, under
   another id and URL. An event of the copy and the event of the original
   with the same sentence and type are a positive pair; the other pairs of an
   original and its own copy are negative. Pairs across different originals
   are unlabelled: the sample follows the same stories over days (one tweet is
   reported by four of its articles), so fusing them may well be right. The
   older count that took every cross-article pair as negative is printed
   beside it, unpinned. Needs the events stage: without it there are no events
   and the row says n = 0.

The peer is the rule a simple de-duplication uses: same type, same day, same
town name (CIR's town column; for articles, the location's name).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path

from wirecoder.readers import make_article
from wirecoder.store.claims import claim_of
from wirecoder.store.fusion import Claim, Fuser, distance_km

from .datasets import dataset_dir, guardian
from .scoring import PRF, Row

COUNTRIES = {"Ukraine": "UKR", "Russia": "RUS", "Belarus": "BLR"}
SAME_POST_KM = 5.0


def _type(group: str) -> str:
    return "MOBILIZE" if "Presence" in group or "Firing Positions" in group else "ASSAULT"


def _post(link: str) -> str | None:
    link = link.strip()
    if not link.startswith("http"):
        return None
    link = link.split("?")[0].rstrip("/")
    return re.sub(r"/(photo|video)/\d+$", "", link)


def cir_rows() -> list[dict]:
    with open(dataset_dir("cir_ukraine_events_2022") / "events.csv", encoding="utf-8", newline="") as handle:
        rows = []
        for row in csv.DictReader(handle):
            try:
                row["_date"] = date.fromisoformat(row["date"].strip())
                row["_lat"], row["_lon"] = float(row["lat"]), float(row["lon"])
            except ValueError:
                continue
            if not (-90 <= row["_lat"] <= 90 and -180 <= row["_lon"] <= 180):
                continue
            row["_type"] = _type(row["event_group"])
            rows.append(row)
    return rows


def gold_pairs(rows: list[dict]) -> set[tuple[int, int]]:
    by_post = defaultdict(list)
    for i, row in enumerate(rows):
        post = _post(row["link"])
        if post:
            by_post[(post, row["_date"], row["_type"])].append(i)
    pairs = set()
    for members in by_post.values():
        for i, j in combinations(members, 2):
            a, b = rows[i], rows[j]
            if distance_km(a["_lat"], a["_lon"], b["_lat"], b["_lon"]) <= SAME_POST_KM:
                pairs.add((i, j))
    return pairs


FACILITY_WORDS = Path(__file__).with_name("cir_facility_words.txt")


def negative_pairs(rows: list[dict]) -> set[tuple[int, int]]:
    # a frozen word list: the gold pairs must not move when the product's lexicons grow
    with open(FACILITY_WORDS, encoding="utf-8") as handle:
        nouns = [line.strip().lower() for line in handle if line.strip() and not line.startswith("#")]
    patterns = [(noun, re.compile(rf"\b{re.escape(noun)}s?\b")) for noun in nouns]
    named = []
    for row in rows:
        text = f"{row['title']} {row['brief description']}".lower()
        named.append({noun for noun, pattern in patterns if pattern.search(text)})
    by_day = defaultdict(list)
    for i, row in enumerate(rows):
        by_day[(row["_type"], row["_date"])].append(i)
    return {(i, j) for members in by_day.values() for i, j in combinations(members, 2)
            if named[i] and named[j] and not named[i] & named[j] and _post(rows[i]["link"]) != _post(rows[j]["link"])}


def _town_claim(row: dict, gaz) -> Claim:
    country = COUNTRIES.get(row["country"].strip())
    for name, precision in ((row["town/city"], "town"), (row["province"], "admin1")):
        places = [p for p in gaz.lookup(name.strip()) if p.country == country] if name.strip() else []
        if places:
            place = places[0]
            return Claim(type=row["_type"], start=row["_date"], end=row["_date"], lat=place.lat, lon=place.lon,
                         precision=precision, place=place.name, admin1=place.admin1, country=country)
    return Claim(type=row["_type"], start=row["_date"], end=row["_date"], country=country)


def _exact_claim(row: dict) -> Claim:
    return Claim(type=row["_type"], start=row["_date"], end=row["_date"], lat=row["_lat"], lon=row["_lon"],
                 precision="exact", country=COUNTRIES.get(row["country"].strip()))


def fused_pairs(claims: list[Claim], order: list[int]) -> set[tuple[int, int]]:
    fuser, story_of = Fuser(), {}
    for i in order:
        story_of[i] = fuser.add(claims[i])
    return _pairs_of(story_of)


def _pairs_of(group_of: dict) -> set[tuple[int, int]]:
    groups = defaultdict(list)
    for i, group in group_of.items():
        groups[group].append(i)
    return {tuple(sorted(p)) for members in groups.values() for p in combinations(sorted(members), 2)}


def pair_score(gold: set, predicted: set, negatives: set | None = None) -> PRF:
    """Pairwise P/R; with ``negatives``, only pairs known to differ count as false positives."""
    tp = len(gold & predicted)
    fp = len(predicted & negatives) if negatives is not None else len(predicted) - tp
    return PRF(tp=tp, fp=fp, fn=len(gold) - tp)


def cir(pipeline=None) -> list[Row]:
    from wirecoder.gazetteer import gazetteer

    rows = cir_rows()
    gold, negatives = gold_pairs(rows), negative_pairs(rows)
    order = sorted(range(len(rows)), key=lambda i: (rows[i]["_date"], rows[i]["entry"]))
    gaz = gazetteer()
    peer = _pairs_of({i: (r["_type"], r["_date"], r["town/city"].strip().lower() or f"#{i}")
                      for i, r in enumerate(rows)})
    out = []
    for label, make in (("exact", _exact_claim), ("town", lambda r: _town_claim(r, gaz))):
        claims = [make(r) for r in rows]
        task = f"CIR incident pairs, {len(gold)} same / {len(negatives)} different ({label} places)"
        out.append(Row(task, "wirecoder", pair_score(gold, fused_pairs(claims, order), negatives),
                       len(gold) + len(negatives), key=f"stories.cir_{label}_pair_f1"))
        out.append(Row(task, "same day+town", pair_score(gold, peer, negatives), len(gold) + len(negatives)))
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[A-Z\u201c\"])")


def _rewrite(text: str) -> str:
    """Rotate the paragraphs (or groups of three sentences), drop the last, say "stated"."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if len(paragraphs) < 3:
        sentences = _SENTENCE_END.split(text)
        paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    if len(paragraphs) > 2:
        paragraphs = paragraphs[:-1]
        paragraphs = paragraphs[1:] + paragraphs[:1]
    return "\n".join(paragraphs).replace(" said ", " stated ")


def _sentence(record, event) -> str:
    return " ".join(record.article.text[event.evidence.start:event.evidence.end].split()).replace(" stated ", " said ")


def rewritten(pipeline, limit: int = 30) -> list[Row]:
    task = f"Guardian articles + rewritten copies ({limit} pairs)"
    if "events" not in pipeline.stage_names:
        return [Row(task + ": no events stage on this branch", "wirecoder", PRF(), 0)]
    articles = []
    for i, row in enumerate(guardian(limit)):
        published = (row.get("date") or "")[:10] or None
        for kind, text in (("original", row["text"]), ("copy", _rewrite(row["text"]))):
            articles.append(make_article(text, f"guardian:{i}:{kind}", id=f"{i}-{kind}", published=published,
                                         url=f"https://{kind}.example/{i}"))
    items = []  # (article id, original index, sentence, type, claim)
    for result in pipeline.pipe(articles):
        if not result.ok:
            continue
        record = result.record
        for event in record.events:
            items.append((record.article.id, record.article.id.split("-")[0], _sentence(record, event),
                          event.type, claim_of(record, event)))
    gold = {(i, j) for i, j in combinations(range(len(items)), 2)
            if items[i][0] != items[j][0] and items[i][1] == items[j][1] and items[i][2:4] == items[j][2:4]}
    order = sorted(range(len(items)), key=lambda i: (items[i][4].start or date.min, i))
    predicted = {p for p in fused_pairs([it[4] for it in items], order) if items[p[0]][0] != items[p[1]][0]}
    peer = {p for p in _pairs_of({i: (it[3], it[4].start, it[4].place or f"#{i}") for i, it in enumerate(items)})
            if items[p[0]][0] != items[p[1]][0]}
    # Pairs across different originals are unlabelled: the sample follows the same stories over days
    # (one tweet reported by four articles), so fusing them may be right. Known negatives are the
    # other pairs of an original and its own copy.
    own = {(i, j) for i, j in combinations(range(len(items)), 2)
           if items[i][0] != items[j][0] and items[i][1] == items[j][1]} - gold
    return [Row(task + ", every cross-article pair negative", "wirecoder", pair_score(gold, predicted), len(gold)),
            Row(task + ", negatives within an original and its copy", "wirecoder",
                pair_score(gold, predicted, own), len(gold), key="stories.rewritten_own_pair_f1"),
            Row(task + ", negatives within an original and its copy", "same day+town",
                pair_score(gold, peer, own), len(gold))]


TASKS = {"cir": cir, "rewritten": rewritten}
