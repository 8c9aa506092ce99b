"""Entity accuracy: toponyms on GeoWebNews, persons on GenderGapTracker, the reference article.

Every score is computed for wirecoder and, in the same run, for the bare
en_core_web_sm labels on the same texts, so the table shows what the stage adds.
"""

from __future__ import annotations

import re

from wirecoder.gazetteer import normalize
from wirecoder.readers import make_article

from .datasets import geowebnews, ggt_articles, seed_path
from .scoring import PRF, Row

PLACE_KINDS = ("place", "country", "facility")
SPACY_PLACE_LABELS = ("GPE", "LOC", "FAC", "NORP")


def _records(pipeline, texts: list[str], published=None):
    articles = [make_article(text, f"eval:{i}", published=published) for i, text in enumerate(texts)]
    return [result.record for result in pipeline.pipe(articles)]


def _spacy_docs(pipeline, texts):
    return list(pipeline.nlp.pipe(texts, batch_size=16))


def _score_spans(gold: list[set], predicted: list[set], overlap: bool) -> PRF:
    score = PRF()
    for gold_spans, pred_spans in zip(gold, predicted):
        if not overlap:
            hits = len(gold_spans & pred_spans)
            score.add(tp=hits, fp=len(pred_spans) - hits, fn=len(gold_spans) - hits)
            continue
        matched_pred = {p for p in pred_spans if any(p[0] < g[1] and g[0] < p[1] for g in gold_spans)}
        matched_gold = {g for g in gold_spans if any(p[0] < g[1] and g[0] < p[1] for p in pred_spans)}
        score.add(tp=len(matched_gold), fp=len(pred_spans) - len(matched_pred), fn=len(gold_spans) - len(matched_gold))
    return score


def toponyms(pipeline) -> list[Row]:
    articles = geowebnews()
    texts = [a.text for a in articles]
    gold = [{(t.start, t.end) for t in a.toponyms} for a in articles]
    records = _records(pipeline, texts)
    ours = [{(m.start, m.end) for e in r.entities if e.kind in PLACE_KINDS for m in e.mentions
             if m.text[:1].isupper()} for r in records]
    docs = _spacy_docs(pipeline, texts)
    bare = [{(e.start_char, e.end_char) for e in d.ents if e.label_ in SPACY_PLACE_LABELS} for d in docs]
    n = sum(len(g) for g in gold)
    rows = []
    for overlap in (False, True):
        label = "overlap" if overlap else "strict"
        rows.append(Row(f"GeoWebNews toponyms ({label})", "wirecoder", _score_spans(gold, ours, overlap), n,
                        key=f"entities.gwn_toponyms_{label}"))
        rows.append(Row(f"GeoWebNews toponyms ({label})", "en_core_web_sm", _score_spans(gold, bare, overlap), n))
    # Toponyms inside other names ("Tipperary County Council") are not actors of their own;
    # scored separately, with predictions inside those names ignored too.
    embedded = [{(t.start, t.end) for t in a.toponyms if t.type.startswith("Embedded")} for a in articles]
    plain = [g - e for g, e in zip(gold, embedded)]

    def outside(pred, emb):
        return {p for p in pred if not any(p[0] < e[1] and e[0] < p[1] for e in emb)}

    n_plain = sum(len(g) for g in plain)
    for system, predicted in (("wirecoder", ours), ("en_core_web_sm", bare)):
        score = _score_spans(plain, [outside(p, e) for p, e in zip(predicted, embedded)], True)
        rows.append(Row("GeoWebNews toponyms not inside other names (overlap)", system, score, n_plain,
                        key="entities.gwn_toponyms_plain_overlap" if system == "wirecoder" else None))
    # persons that are really places: how many gold toponym spans we label as a person
    wrong = sum(1 for r, a in zip(records, articles) for e in r.entities if e.kind == "person"
                for m in e.mentions for t in a.toponyms if (m.start, m.end) == (t.start, t.end))
    wrong_bare = sum(1 for d, a in zip(docs, articles) for e in d.ents if e.label_ == "PERSON"
                     for t in a.toponyms if (e.start_char, e.end_char) == (t.start, t.end))
    rows.append(Row("GeoWebNews toponyms labelled person (lower is better)", "wirecoder", None, n, value=wrong,
                    key="entities.gwn_toponyms_as_person", lower_is_better=True))
    rows.append(Row("GeoWebNews toponyms labelled person (lower is better)", "en_core_web_sm", None, n,
                    value=wrong_bare))
    return rows


_NAME = re.compile(r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}$")


def _same_person(a: str, b: str) -> bool:
    a_words, b_words = normalize(a).split(), normalize(b).split()
    if not a_words or not b_words:
        return False
    return a_words == b_words or (a_words[-1] == b_words[-1] and a_words[0] == b_words[0])


def persons(pipeline) -> list[Row]:
    """GGT: persons named in each article (its `people` list) and quoted speakers' names."""
    articles = ggt_articles()
    texts = [a["articleBodyText"] for a in articles]
    records = _records(pipeline, texts)
    docs = _spacy_docs(pipeline, texts)
    ours = [[e.name for e in r.entities if e.kind == "person" and e.mentions and any(
        m.text[:1].isupper() for m in e.mentions)] for r in records]
    bare = [sorted({e.text for e in d.ents if e.label_ == "PERSON" and len(e.text.split()) > 1}) for d in docs]
    people = [[p for p in _json_list(a.get("people")) if p] for a in articles]
    speakers = [sorted({q.get("reference") or "" for q in a.get("quotations_parsed") or []
                        if _NAME.match(q.get("reference") or "") and (q.get("reference") or "") in a["articleBodyText"]})
                for a in articles]
    rows = []
    for system, predicted in (("wirecoder", ours), ("en_core_web_sm", bare)):
        score = PRF()
        for gold, pred in zip(people, predicted):
            full = [p for p in pred if len(p.split()) > 1]
            tp = sum(1 for g in gold if any(_same_person(g, p) for p in full))
            fp = sum(1 for p in full if not any(_same_person(g, p) for g in gold))
            score.add(tp=tp, fp=fp, fn=len(gold) - tp)
        rows.append(Row("GGT persons vs. article people list", system, score, sum(map(len, people)),
                        key="entities.ggt_people_f1" if system == "wirecoder" else None))
        found = PRF()
        for gold, pred in zip(speakers, predicted):
            tp = sum(1 for g in gold if any(_same_person(g, p) for p in pred))
            found.add(tp=tp, fp=0, fn=len(gold) - tp)
        rows.append(Row("GGT quoted speakers found as persons (recall)", system, found,
                        sum(map(len, speakers)), only_recall=True,
                        key="entities.ggt_speaker_recall" if system == "wirecoder" else None))
    return rows


def _json_list(value):
    if isinstance(value, list):
        return value
    if isinstance(value, str) and value.startswith("["):
        import json

        try:
            return json.loads(value)
        except ValueError:
            return []
    return []


def reference(pipeline) -> list[Row]:
    """The reference article: persons with country and role, and no place taken for a person."""
    text = seed_path().read_text(encoding="utf-8")
    record = _records(pipeline, [text], published="2025-12-07")[0]
    persons = [e for e in record.entities
               if e.kind == "person" and len(e.name.split()) > 1 and e.name[:1].isupper()]
    complete = sum(1 for e in persons if e.country and e.roles)
    places_as_person = sum(1 for e in record.entities if e.kind == "person"
                           and any(p.main and p.population >= 1000 for p in _lookup(e.name)))
    return [
        Row("reference article: named persons with country and role", "wirecoder", None, len(persons),
            value=complete, key="entities.reference_persons_complete"),
        Row("reference article: places taken for persons (lower is better)", "wirecoder", None, None,
            value=places_as_person, key="entities.reference_places_as_person", lower_is_better=True),
    ]


def _lookup(name: str):
    from wirecoder.gazetteer import gazetteer

    return gazetteer().lookup(name)


TASKS = {"toponyms": toponyms, "persons": persons, "reference": reference}
