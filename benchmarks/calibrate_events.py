"""Fit the events stage's confidence model and write wirecoder/data/events/calibration.json.

    python -m benchmarks.calibrate_events          # fit, print the reliability table, write the file
    python -m benchmarks.calibrate_events --check  # print only

Data: the public dev parts of the PLOVER gold records and CASE 2021 task 2.
Every event coded in a record or snippet is one example; it is right when its
type (in the PLOVER view) is a type the gold label allows -- so a background
event in a subordinate clause counts as not the coded event. The model is a
logistic regression (L2, Newton steps) over confidence.features(); 5-fold
cross-validation by sentence gives the out-of-fold reliability table stored
with the coefficients. Re-running on the same data gives the same file.

Whole articles have a model of their own (the file's "articles" key), fitted the
same way on the hand-coded dev gold articles (benchmarks/articles/gold): an event
is right when a gold event of its article has its type and actor, as `make eval
articles` measures it. In a long story more events are background, reactions
and reported speech than in a note, and one model cannot be calibrated on both.
--articles-only re-fits only that model: the one of notes and snippets also
ranks a note's events (its main event is the most confident one), and a re-fit
of it is a decision of its own, measured by the events floors.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from datetime import date

from wirecoder.pipeline import Pipeline, _layers_for, assemble
from wirecoder.readers import make_article
from wirecoder.stages.events.confidence import CALIBRATION, confidence, features
from wirecoder.stages.events.plover import plover_type

from .articles import Reading, event_right, gold_articles
from .events_data import case_labels, case_snippets, plover_records

FOLDS, L2, BINS = 5, 1.0, (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
ARTICLE_GROUPS = 20_000  # group ids of the gold articles' events (PLOVER records < 10,000 <= CASE snippets)
MIN_SENTENCES = 8  # a text this long is a whole article: its events have their own model (notes have 1-5)


def event_items(pipeline: Pipeline, texts: list[str]) -> list[list]:
    """The events stage's items (with their internal features) for each text."""
    out = []
    articles = [make_article(text, f"calibrate:{i}") for i, text in enumerate(texts)]
    docs = []
    for article in articles:
        doc = pipeline.nlp.make_doc(article.text)
        doc._.wc = _layers_for(article)
        docs.append(doc)
    for doc in pipeline.nlp.pipe(docs, batch_size=32):
        for stage in pipeline.stages:
            stage(doc)
        out.append(list(doc._.wc.events))
    return out


def article_examples(pipeline: Pipeline) -> list[tuple[int, dict[str, float], bool]]:
    """(article group, features, right) for every event of the dev gold articles: right when a
    gold event of the article has its type and actor (benchmarks.articles.event_right)."""
    rows = []
    golds = gold_articles()
    docs = []
    for gold in golds:
        article = make_article(gold.text, gold.id, id=gold.id, published=gold.published)
        doc = pipeline.nlp.make_doc(article.text)
        doc._.wc = _layers_for(article)
        docs.append(doc)
    for a_i, (gold, doc) in enumerate(zip(golds, pipeline.nlp.pipe(docs, batch_size=4))):
        for stage in pipeline.stages:
            stage(doc)
        reading = Reading(assemble(doc).to_dict())
        for item, event in zip(doc._.wc.events, reading.record["events"]):
            rows.append((ARTICLE_GROUPS + a_i, features(item, item.crowd), event_right(event, reading, gold.gold)))
    return rows


def examples(pipeline: Pipeline) -> list[tuple[int, dict[str, float], bool]]:
    """(sentence group, features, right) for every event of the dev sentences."""
    rows = []
    gold_plover = plover_records()
    for g_i, (gold, events) in enumerate(zip(gold_plover, event_items(pipeline, [g.text for g in gold_plover]))):
        crowd = len(events)
        for event in events:
            rows.append((g_i, features(event, crowd), plover_type(event.type, event.status) == gold.type))
    labels = case_labels()
    snippets = case_snippets()
    for s_i, (snippet, events) in enumerate(zip(snippets, event_items(pipeline, [s.text for s in snippets]))):
        allowed = labels.get(snippet.label, (None, frozenset()))[1]
        if snippet.label in ("ATTRIB", "OTHER"):
            continue  # types of any kind may be right
        crowd = len(events)
        for event in events:
            rows.append((10_000 + s_i, features(event, crowd), event.type in allowed))
    return rows


def fit(rows: list[tuple[dict[str, float], bool]], names: list[str], l2: float = L2) -> dict:
    """L2-regularised logistic regression by Newton's method (small, exact, deterministic)."""
    k = len(names) + 1
    w = [0.0] * k
    xs = [[1.0] + [f.get(n, 0.0) for n in names] for f, _ in rows]
    ys = [1.0 if ok else 0.0 for _, ok in rows]
    for _ in range(25):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for x, y in zip(xs, ys):
            p = 1 / (1 + math.exp(-max(min(sum(a * b for a, b in zip(w, x)), 30), -30)))
            for i in range(k):
                grad[i] += (p - y) * x[i]
                for j in range(k):
                    hess[i][j] += p * (1 - p) * x[i] * x[j]
        for i in range(1, k):
            grad[i] += l2 * w[i]
            hess[i][i] += l2
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return {"intercept": w[0], "coefficients": dict(zip(names, w[1:]))}


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        pivot = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[pivot] = m[pivot], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def reliability(pairs: list[tuple[float, bool]]) -> tuple[list[dict], float]:
    table, gap = [], 0.0
    for lo, hi in zip(BINS, BINS[1:]):
        inside = [(c, ok) for c, ok in pairs if lo <= c < hi]
        if inside:
            mean_c = sum(c for c, _ in inside) / len(inside)
            share = sum(ok for _, ok in inside) / len(inside)
            gap += abs(mean_c - share) * len(inside)
            table.append({"bin": f"{lo:.1f}-{min(hi, 1.0):.1f}", "n": len(inside),
                          "mean_confidence": round(mean_c, 3), "share_right": round(share, 3)})
    return table, gap / max(len(pairs), 1)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.calibrate_events", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="print the tables, do not write the file")
    parser.add_argument("--articles-only", action="store_true",
                        help="keep the model of notes and snippets; re-fit only the one of whole articles")
    args = parser.parse_args(argv)
    pipeline = Pipeline()
    data = json.loads(CALIBRATION.read_text(encoding="utf-8"))
    if not args.articles_only:
        data.update(_short_model(examples(pipeline)))
    data["articles"] = _article_model(article_examples(pipeline), data)
    if not args.check:
        CALIBRATION.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {CALIBRATION}")
    return 0


def _cross_validated(rows: list[tuple[int, dict[str, float], bool]], names: list[str], l2: float = L2):
    """Out-of-fold (confidence, right) pairs, folds by group, and each PLOVER record's best."""
    groups = sorted({g for g, _, _ in rows})
    out_of_fold, best = [], {}
    for fold in range(FOLDS):
        held = {g for i, g in enumerate(groups) if i % FOLDS == fold}
        model = fit([(f, ok) for g, f, ok in rows if g not in held], names, l2)
        for g, f, ok in rows:
            if g in held:
                c = confidence(f, model)
                out_of_fold.append((c, ok))
                if g < 10_000 and c > best.get(g, (-1.0, False))[0]:
                    best[g] = (c, ok)  # the PLOVER record's most confident event, chosen out of fold
    return out_of_fold, best


def _print_table(title: str, table: list[dict], ece: float, rows: list) -> None:
    print(title)
    for row in table:
        print(f"{row['bin']:>8}  n={row['n']:4d}  confidence {row['mean_confidence']:.3f}  right {row['share_right']:.3f}")
    print(f"cross-validated expected calibration error: {ece:.3f} over {len(rows)} events "
          f"({Counter(ok for *_, ok in rows)[True]} right)")


def _short_model(rows: list[tuple[int, dict[str, float], bool]]) -> dict:
    """The model of notes, snippets and one-sentence records (the file's top-level keys)."""
    names = sorted({n for _, f, _ in rows for n in f})
    out_of_fold, best = _cross_validated(rows, names)
    table, ece = reliability(out_of_fold)
    plover_cv = sum(ok for _, ok in best.values()) / len(plover_records())
    model = fit([(f, ok) for _, f, ok in rows], names)
    _print_table("notes, snippets and records", table, ece, rows)
    print(f"PLOVER type accuracy with the main event chosen by out-of-fold confidence: {plover_cv:.3f}")
    return {
        "intercept": round(model["intercept"], 4),
        "coefficients": {k: round(v, 4) for k, v in model["coefficients"].items()},
        "provenance": {
            "fitted_by": "python -m benchmarks.calibrate_events",
            "fitted_on": str(date.today()),
            "data": "public dev parts of PLOVER gold records (plover_gsr) and CASE 2021 task 2 "
                    "(case2021_task2) in $WIRECODER_SHARED/datasets; nothing copied",
            "label": "the event's PLOVER-view type is one the sentence's gold label allows",
            "method": f"L2 ({L2}) logistic regression, Newton's method; {FOLDS}-fold CV by sentence",
            "examples": len(rows),
            "cv_expected_calibration_error": round(ece, 4),
            "cv_plover_type_accuracy": round(plover_cv, 4),
            "cv_reliability": table,
        },
    }


def _article_model(rows: list[tuple[int, dict[str, float], bool]], short: dict) -> dict:
    """The model of events of whole articles (texts of MIN_SENTENCES sentences and more): the
    model of notes and snippets, its log-odds z rescaled (scale * z + shift) to fit the articles.
    Two parameters, not fourteen: 37 articles are too few to fit every feature anew, and a
    rescaling keeps the order the short model gives a text's events."""
    scored = [(g, {"z": confidence_logit(f, short)}, ok) for g, f, ok in rows]
    out_of_fold, _ = _cross_validated(scored, ["z"], l2=0.0)
    table, ece = reliability(out_of_fold)
    line = fit([(f, ok) for _, f, ok in scored], ["z"], l2=0.0)
    scale, shift = line["coefficients"]["z"], line["intercept"]
    _print_table("whole articles", table, ece, rows)
    print(f"  the short model's log-odds rescaled: {scale:.3f} * z {shift:+.3f}")
    return {
        "min_sentences": MIN_SENTENCES,
        "intercept": round(scale * short["intercept"] + shift, 4),
        "coefficients": {k: round(scale * v, 4) for k, v in short["coefficients"].items()},
        "provenance": {
            "fitted_by": "python -m benchmarks.calibrate_events (--articles-only re-fits only this model)",
            "fitted_on": str(date.today()),
            "data": "the hand-coded dev gold articles of benchmarks/articles/gold (texts read from "
                    "$WIRECODER_SHARED; nothing copied)",
            "label": "a gold event of the article has the event's type and the gold's first actor among "
                     "its actors or trigger (benchmarks.articles.event_right)",
            "method": f"the short model's log-odds z rescaled to sigmoid(scale * z + shift), (scale, shift) "
                      f"by logistic regression; {FOLDS}-fold CV by article",
            "scale": round(scale, 4),
            "shift": round(shift, 4),
            "examples": len(rows),
            "cv_expected_calibration_error": round(ece, 4),
            "cv_reliability": table,
        },
    }


def confidence_logit(values: dict[str, float], fitted: dict) -> float:
    return fitted["intercept"] + sum(fitted["coefficients"].get(k, 0.0) * v for k, v in values.items())


if __name__ == "__main__":
    sys.exit(main())
