"""Places: toponym recognition and resolution on GeoWebNews, Ukrainian towns on CIR.

GeoWebNews (dev part): the geocoded toponym types of the Pragmatic Guide
(literal, metonymic, mixed, modifiers, embedded). A predicted toponym is a
capitalised mention of a place, country or facility entity; plural people
nouns ("Mexicans", "Canadians") are not toponyms in that guide and are left out.
Resolution is scored on the gold toponyms a predicted mention overlaps:
correct when the entity's geo is the gold place (same GeoNames id) or lies
within 161 km of the gold point (accuracy@161km), and when its GeoNames id
equals the gold id (exact). The same place counts whatever its point: the
centre of a country or an admin area here comes from other sources than the
GeoNames point the annotators copied (the United States: 234 km apart), and
choosing the right country is not an error of 234 km. The distance-only
figure is reported beside it.
The peer in the same run resolves each of those toponyms to the most
populous gazetteer place of that name: what the context adds.

CIR (Ukraine 2022): each distinct (town, province) pair, written into a
sentence ("... shelled Town, Province Oblast ...") and alone ("... shelled
Town ..."), is run through the pipeline; the gold point is the median of the
pair's hand-geolocated incidents.
"""

from __future__ import annotations

import statistics
from collections import defaultdict

from wirecoder.gazetteer import gazetteer, haversine, normalize
from wirecoder.readers import make_article
from wirecoder.stages.places.lexicon import place_lexicon

from .datasets import cir_incidents, geowebnews, seed_path
from .scoring import PRF, Row

PLACE_KINDS = ("place", "country", "facility")
ACC_KM = 161.0


def _records(pipeline, texts, published=None):
    articles = [make_article(text, f"eval:{i}", published=published) for i, text in enumerate(texts)]
    return [result.record for result in pipeline.pipe(articles)]


def _is_people_noun(text: str) -> bool:
    return text.endswith("s") and normalize(text) in place_lexicon().demonyms


def predicted_toponyms(record) -> dict[tuple[int, int], object]:
    return {(m.start, m.end): e for e in record.entities if e.kind in PLACE_KINDS for m in e.mentions
            if m.text[:1].isupper() and not _is_people_noun(m.text)}


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def geowebnews_rows(pipeline) -> list[Row]:
    articles = geowebnews()
    records = _records(pipeline, [a.text for a in articles])
    strict, loose = PRF(), PRF()
    ours, within, prior, exact, total, errors = 0, 0, 0, 0, 0, []
    gaz = gazetteer()
    for article, record in zip(articles, records):
        pred = predicted_toponyms(record)
        gold = {(t.start, t.end): t for t in article.toponyms}
        hits = len(gold.keys() & pred.keys())
        strict.add(tp=hits, fp=len(pred) - hits, fn=len(gold) - hits)
        matched_pred = {p for p in pred if any(_overlap(p, g) for g in gold)}
        matched_gold = [g for g in gold if any(_overlap(p, g) for p in pred)]
        loose.add(tp=len(matched_gold), fp=len(pred) - len(matched_pred), fn=len(gold) - len(matched_gold))
        for span in matched_gold:
            top = gold[span]
            entity = pred.get(span) or next(pred[p] for p in pred if _overlap(p, span))
            total += 1
            geo = entity.geo
            if geo is not None:
                km = haversine(geo.lat, geo.lon, top.lat, top.lon)
                same = geo.geonameid is not None and geo.geonameid == top.geonameid
                errors.append(0.0 if same else km)
                within += km <= ACC_KM
                ours += km <= ACC_KM or same
                exact += same
            else:
                errors.append(20000.0)
            candidates = gaz.lookup(top.text)
            if candidates:
                best = max(candidates, key=lambda p: p.population)
                prior += haversine(best.lat, best.lon, top.lat, top.lon) <= ACC_KM or best.geonameid == top.geonameid
    n = sum(len(a.toponyms) for a in articles)
    return [
        Row("GeoWebNews toponym recognition (strict)", "wirecoder", strict, n, key="places.gwn_recognition_strict"),
        Row("GeoWebNews toponym recognition (overlap)", "wirecoder", loose, n, key="places.gwn_recognition_overlap"),
        Row("GeoWebNews accuracy@161km (recognized)", "wirecoder", None, total, value=round(ours / total, 4),
            key="places.gwn_acc161"),
        Row("GeoWebNews accuracy@161km (recognized)", "population prior", None, total,
            value=round(prior / total, 4)),
        Row("GeoWebNews within 161 km of the gold point", "wirecoder", None, total,
            value=round(within / total, 4)),
        Row("GeoWebNews exact GeoNames id (recognized)", "wirecoder", None, total, value=round(exact / total, 4),
            key="places.gwn_exact_id"),
        Row("GeoWebNews median error km (recognized)", "wirecoder", None, total,
            value=round(statistics.median(errors), 1), lower_is_better=True),
        Row("published anchor: its news set, accuracy@161km", "Mordecai3", None, None, value=0.959),
        Row("published anchor: its news set, exact GeoNames id", "Mordecai3", None, None, value=0.878),
        Row("published anchor: LGL, exact GeoNames id", "Mordecai3", None, None, value=0.794),
    ]


def _province_admin1(province: str):
    gaz = gazetteer()
    for name in (province, " ".join(province.split()[:-1])):
        for place in gaz.lookup(name) if name else ():
            if place.kind == "admin1" and place.country == "UKR":
                return place
    return None


def cir_rows(pipeline) -> list[Row]:
    points = defaultdict(list)
    for incident in cir_incidents():
        if incident.country == "Ukraine" and incident.town and incident.province:
            points[(incident.town, incident.province)].append((incident.lat, incident.lon))
    pairs = sorted(points)
    rows = []
    for variant, template in (("town, oblast", "Russian forces shelled {town}, {province}, officials said."),
                              ("town alone", "Russian forces shelled {town}, Ukrainian officials said.")):
        texts = [template.format(town=town, province=province) for town, province in pairs]
        records = _records(pipeline, texts, published="2022-06-01")
        found = near = far = admin_ok = admin_n = 0
        for (town, province), text, record in zip(pairs, texts, records):
            start = text.index(town)
            entity = next((e for span, e in predicted_toponyms(record).items()
                           if _overlap(span, (start, start + len(town)))), None)
            if entity is None or entity.geo is None:
                continue
            found += 1
            lat = statistics.median(p[0] for p in points[(town, province)])
            lon = statistics.median(p[1] for p in points[(town, province)])
            km = haversine(entity.geo.lat, entity.geo.lon, lat, lon)
            near += km <= 25
            far += km <= ACC_KM
            gold_admin = _province_admin1(province)
            if gold_admin is not None and entity.geo.precision == "town":
                admin_n += 1
                admin_ok += entity.geo.admin1 == gold_admin.admin1
        key = variant.split(",")[0].replace(" ", "_")
        rows += [
            Row(f"CIR Ukraine towns ({variant}): resolved", "wirecoder", None, len(pairs),
                value=round(found / len(pairs), 4), key=f"places.cir_{key}_found"),
            Row(f"CIR Ukraine towns ({variant}): within 25 km", "wirecoder", None, len(pairs),
                value=round(near / len(pairs), 4), key=f"places.cir_{key}_25km"),
            Row(f"CIR Ukraine towns ({variant}): within 161 km", "wirecoder", None, len(pairs),
                value=round(far / len(pairs), 4)),
            Row(f"CIR Ukraine towns ({variant}): right oblast", "wirecoder", None, admin_n,
                value=round(admin_ok / admin_n, 4) if admin_n else 0.0),
        ]
    return rows


def reference_rows(pipeline) -> list[Row]:
    text = seed_path().read_text(encoding="utf-8")
    record = _records(pipeline, [text], published="2025-12-07")[0]
    places = [e for e in record.entities if e.kind in PLACE_KINDS]
    with_geo = sum(1 for e in places if e.geo is not None)
    return [Row("reference article: place-like entities with geo", "wirecoder", None, len(places),
                value=with_geo, key="places.reference_with_geo")]


TASKS = {"geowebnews": geowebnews_rows, "cir": cir_rows, "reference": reference_rows}
