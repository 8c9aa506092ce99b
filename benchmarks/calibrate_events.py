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
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from datetime import date

from wirecoder.pipeline import Pipeline, _layers_for
from wirecoder.readers import make_article
from wirecoder.stages.events.confidence import CALIBRATION, confidence, features
from wirecoder.stages.events.plover import plover_type

from .events_data import case_labels, case_snippets, plover_records

FOLDS, L2, BINS = 5, 1.0, (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


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


def fit(rows: list[tuple[dict[str, float], bool]], names: list[str]) -> dict:
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
            grad[i] += L2 * w[i]
            hess[i][i] += L2
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
    parser.add_argument("--check", action="store_true", help="print the table, do not write the file")
    args = parser.parse_args(argv)
    rows = examples(Pipeline())
    names = sorted({n for _, f, _ in rows for n in f})
    groups = sorted({g for g, _, _ in rows})
    out_of_fold, best = [], {}
    for fold in range(FOLDS):
        held = {g for i, g in enumerate(groups) if i % FOLDS == fold}
        model = fit([(f, ok) for g, f, ok in rows if g not in held], names)
        for g, f, ok in rows:
            if g in held:
                c = confidence(f, model)
                out_of_fold.append((c, ok))
                if g < 10_000 and c > best.get(g, (-1.0, False))[0]:
                    best[g] = (c, ok)  # the PLOVER record's most confident event, chosen out of fold
    table, ece = reliability(out_of_fold)
    plover_cv = sum(ok for _, ok in best.values()) / len(plover_records())
    model = fit([(f, ok) for _, f, ok in rows], names)
    for row in table:
        print(f"{row['bin']:>8}  n={row['n']:4d}  confidence {row['mean_confidence']:.3f}  right {row['share_right']:.3f}")
    print(f"cross-validated expected calibration error: {ece:.3f} over {len(rows)} events "
          f"({Counter(ok for *_, ok in rows)[True]} right)")
    print(f"PLOVER type accuracy with the main event chosen by out-of-fold confidence: {plover_cv:.3f}")
    if not args.check:
        CALIBRATION.write_text(json.dumps({
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
        }, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {CALIBRATION}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
