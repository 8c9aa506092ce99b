"""Whole real articles against hand-made gold (issue 12): `make eval articles`.

The gold files in benchmarks/articles/gold/ code whole multi-paragraph articles
as an analyst would (GUIDE.md there says how; NOTES.md records every change made
to them after they were frozen). The texts are read from $WIRECODER_SHARED:
Guardian articles by their row in datasets/news_corpus, and the reference
article. The headline figures are computed by the shared scorer
(../shared/eval/score.py), the same one that measures the product on articles
development never sees. The per-class rows below it are this module's own
reading of the same matching rules, split by the failure classes of issue 12.

    python -m benchmarks.articles                 # the table
    python -m benchmarks.articles --detail        # ... and every gold event, found or not
    python -m benchmarks.articles --write out/articles.jsonl   # the records, for score.py
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from wirecoder.readers import make_article
from wirecoder.settings import shared_dir

from .datasets import dataset_dir, seed_path
from .scoring import Row

GOLD_DIR = Path(__file__).with_name("articles") / "gold"
BASELINE = Path(__file__).with_name("articles") / "baseline.json"
CORPUS = "guardian_sdf_sample_2019.csv"
SEED_PUBLISHED = "2025-12-07"
VERBAL_TYPES = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "da", "di", "du", "la", "le", "van", "von",
                       "der", "den", "ter", "bint", "y", "del", "dos", "das", "ul", "ud"})


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    published: str
    gold: dict


@lru_cache(maxsize=1)
def _corpus() -> dict[str, dict]:
    csv.field_size_limit(1 << 30)
    with open(dataset_dir("news_corpus") / CORPUS, encoding="utf-8", newline="") as handle:
        return {row[""]: row for row in csv.DictReader(handle)}


def gold_articles(folder: Path = GOLD_DIR) -> list[GoldArticle]:
    """Every gold file with its article text: guardian-ROW from the news corpus, seed-* the reference."""
    found = []
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if path.stem.startswith("guardian-"):
            row = _corpus()[path.stem.split("-", 1)[1]]
            text, published = row["text"], row["date"]
        elif path.stem.startswith("seed-"):
            text, published = seed_path().read_text(encoding="utf-8"), SEED_PUBLISHED
        else:
            raise ValueError(f"{path}: gold files are named guardian-ROW.json or seed-NAME.json")
        if gold.get("published") != published:
            raise ValueError(f"{path}: published {gold.get('published')} is not the article's {published}")
        found.append(GoldArticle(path.stem, text, published, gold))
    return found


@lru_cache(maxsize=1)
def scorer():
    """The shared scorer, imported from $WIRECODER_SHARED/eval/score.py (never copied)."""
    path = shared_dir() / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("wirecoder_shared_score", path)
    if spec is None or spec.loader is None or not path.exists():
        raise FileNotFoundError(f"{path} does not exist: set WIRECODER_SHARED (default ../shared)")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extract(pipeline, articles: list[GoldArticle]) -> dict[str, dict]:
    inputs = [make_article(a.text, a.id, id=a.id, published=a.published) for a in articles]
    out = {}
    for article, result in zip(articles, pipeline.pipe(inputs)):
        if result.error is not None:
            raise result.error
        out[article.id] = result.record.to_dict()
    return out


# -- this module's reading of the matching rules, per failure class -----------------

def _alternatives(pattern: str) -> list[str]:
    return [a.strip().lower() for a in (pattern or "").split("|") if a.strip()]


def _contains(pattern: str, text: str) -> bool:
    text = text.lower()
    return any(a in text for a in _alternatives(pattern))


class Reading:
    """One record seen through the gold: names of entities, event fields."""

    def __init__(self, record: dict):
        self.record = record
        self.entities = {e["id"]: e for e in record.get("entities", [])}

    def names(self, entity_id: str | None) -> str:
        entity = self.entities.get(entity_id) if entity_id else None
        if entity is None:
            return ""
        mentions = [m.get("text", "") for m in entity.get("mentions", [])]
        return " | ".join([entity.get("name") or "", *mentions, entity.get("country") or ""])

    def side(self, event: dict, side: str) -> str:
        return " | ".join(self.names(i) for i in event.get(side) or [])

    def where(self, event: dict) -> str:
        entity = self.entities.get(event.get("location") or "")
        if entity is None:
            return ""
        geo = entity.get("geo") or {}
        return self.names(entity["id"]) + " " + (geo.get("name") or "")


def _span(value: str) -> tuple[date, date] | None:
    value = (value or "")[:10]
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return day, day
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            last = (date(year + month // 12, month % 12 + 1, 1) - date.resolution)
            return date(year, month, 1), last
        if len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def gold_window(gold_event: dict) -> tuple[date, date] | None:
    if gold_event.get("date"):
        return _span(gold_event["date"])
    if gold_event.get("date_range"):
        value = gold_event["date_range"]
        first, last = value.split("/") if isinstance(value, str) else value
        a, b = _span(first), _span(last)
        return (a[0], b[1]) if a and b else None
    return None


def date_ok(event: dict, gold_event: dict) -> bool:
    window = gold_window(gold_event)
    if window is None:
        return True
    when = event.get("when") or {}
    a, b = _span(when.get("start") or ""), _span(when.get("end") or when.get("start") or "")
    if a is None or b is None:
        return False
    start, end = a[0], b[1]
    width, gold_width = (end - start).days, (window[1] - window[0]).days
    return start <= window[1] and end >= window[0] and width <= max(7, 2 * gold_width)


@dataclass
class EventMatch:
    gold: dict
    typed: bool = False  # type + first actor (the scorer's type_and_actor)
    source: bool = False  # type + first actor among the sources, on an event at the gold's place and date
    target: bool = False  # ... and the second among its targets
    where: bool = False
    when: bool = False
    status: bool = False
    full: bool = False
    candidates: int = 0


def match_event(reading: Reading, events: list[dict], gold_event: dict) -> EventMatch:
    types = [t.upper() for t in gold_event["type"].split("|")]
    actors = gold_event.get("actors") or []
    m = EventMatch(gold_event)
    typed = [e for e in events if (e.get("type") or "").upper() in types]
    if actors:
        typed = [e for e in typed if _contains(actors[0], reading.side(e, "source_actors") + " | " +
                                               reading.side(e, "target_actors") + " | " +
                                               ((e.get("evidence") or {}).get("trigger") or ""))]
    m.candidates = len(typed)
    m.typed = bool(typed)
    for e in typed:
        where = not gold_event.get("where") or _contains(gold_event["where"], reading.where(e)) or (
            gold_event["where"].lower() == "ukraine" and not reading.where(e))
        when = date_ok(e, gold_event)
        status = not gold_event.get("status") or e.get("status") == gold_event["status"]
        source = not actors or _contains(actors[0], reading.side(e, "source_actors"))
        target = source and (len(actors) < 2 or _contains(actors[1], reading.side(e, "target_actors")))
        m.where |= where
        m.when |= when
        m.status |= status
        if where and when:  # the same incident: its sides are read on it, not on another of its type
            m.source |= source
            m.target |= target
        m.full |= where and when and status
    return m


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += bool(ok)
        self.total += 1

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0


def _title_in_name(name: str) -> bool:
    words = re.findall(r"[^\W\d_]+", name)
    return any(w[0].islower() and w.lower() not in PARTICLES for w in words)


DESCRIBING = frozenset({"a", "an", "the", "one", "another", "his", "her", "its", "their", "he", "she", "him"})


def _unnamed(person: dict) -> bool:
    """A person the article describes and never names ("the mayor of X", "a Pentagon spokesman"):
    every mention is lower-case ("spokesman"), opens with an article or is a pronoun, so its
    name is a description, not a name that swallowed a title."""
    mentions = [m.get("text") or "" for m in person.get("mentions") or []]
    return bool(mentions) and all(m[:1].islower() or m.split()[:1] and m.split()[0].lower() in DESCRIBING
                                  for m in mentions)


def class_figures(pairs: list[tuple[dict, dict]]) -> dict[str, Tally]:
    """Per failure class of issue 12: (record, gold) pairs -> tallies."""
    t: dict[str, Tally] = {k: Tally() for k in (
        "speech_typed", "speech_full", "undated_when", "persons_country", "persons_wrong_country",
        "assault_source", "implicit_source", "where", "roles", "titles_in_names", "background_full",
        "old_events_unflagged", "non_events_coded", "events_full", "events_typed", "events_per_gold")}
    for record, gold in pairs:
        reading = Reading(record)
        events = record.get("events", [])
        for g in gold.get("events", []):
            m = match_event(reading, events, g)
            t["events_full"].add(m.full)
            t["events_typed"].add(m.typed)
            if g.get("verbal") or any(x in VERBAL_TYPES for x in g["type"].split("|")):
                t["speech_typed"].add(m.typed)
                t["speech_full"].add(m.full)
            if g.get("date_from") in ("narrative", "publication") and gold_window(g):
                t["undated_when"].add(m.typed and m.when)
            if "ASSAULT" in g["type"].split("|"):
                t["assault_source"].add(m.source)
                if g.get("implicit_source"):
                    t["implicit_source"].add(m.source)
            if g.get("where"):
                t["where"].add(m.typed and m.where)
            if len(g.get("actors") or []) > 1:
                t["roles"].add(m.target)
            if g.get("background"):
                t["background_full"].add(m.full)
        t["events_per_gold"].right += len(events)
        t["events_per_gold"].total += len(gold.get("events", []))
        persons = [e for e in record.get("entities", []) if e.get("kind") == "person"]
        for g in gold.get("persons", []):
            if not g.get("country"):
                continue
            surname = g["name"].split()[-1].lower()
            found = [e for e in persons if surname in (e.get("name") or "").lower()]
            country = (found[0].get("country") or "") if found else ""
            t["persons_country"].add(country.upper() == g["country"])
            t["persons_wrong_country"].add(bool(country) and country.upper() != g["country"])
        for person in persons:
            if not _unnamed(person):
                t["titles_in_names"].add(_title_in_name(person.get("name") or ""))
        published = _span(record["article"].get("published") or "")
        for e in events:
            start = _span(((e.get("when") or {}).get("start")) or "")
            if published and start:
                old = (published[0] - start[0]).days > 366
                t["old_events_unflagged"].add(old and not (e.get("background") or e.get("habitual")))
        text = record["article"]["text"]
        for key in (n["key"] for n in gold.get("not_events", []) if n.get("key")):
            at = text.find(key)
            if at < 0:
                continue
            words = set(re.findall(r"[^\W\d_]+", key.lower()))  # the phrase's own words: its trigger, if coded
            t["non_events_coded"].add(any(e["evidence"]["start"] <= at < e["evidence"]["end"] and
                                          e["evidence"]["trigger"].lower() in words and
                                          e.get("status") in ("occurred", "ongoing") for e in events))
    return t


CLASS_ROWS = (  # (tally, issue class, description, lower is better, figure = count instead of rate)
    ("events_full", "all", "events: type, actor, place, date and status right", False, False),
    ("events_typed", "all", "events: type + actor right", False, False),
    ("events_per_gold", "8", "events predicted per gold event", True, False),
    ("speech_typed", "1", "speech-act events (ACCUSE, REQUEST, ...): type + actor", False, False),
    ("speech_full", "1", "speech-act events: all fields", False, False),
    ("undated_when", "2", "events dated from the narrative: found and dated right", False, False),
    ("persons_country", "3", "persons: country right", False, False),
    ("persons_wrong_country", "3", "persons: a wrong country (worse than none)", True, False),
    ("assault_source", "4", "attacks: the attacker among the sources", False, False),
    ("implicit_source", "4", "attacks with an implicit attacker: found as source", False, False),
    ("where", "5", "events with a place: found and placed right", False, False),
    ("roles", "6", "events with a target: source and target on their sides", False, False),
    ("titles_in_names", "7", "person names holding a lower-case word (a title)", True, True),
    ("background_full", "9", "background events: all fields", False, False),
    ("old_events_unflagged", "9", "events dated >1 year before publication, not flagged background", True, True),
    ("non_events_coded", "10", "figurative/generic phrases coded as real events (trigger inside the phrase)",
     True, True),
)


CONFIDENCE_BINS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def event_right(event: dict, reading: "Reading", gold: dict) -> bool:
    """A predicted event is right when a gold event of its article has its type and the
    gold's first actor among its actors or trigger (the calibration's label on articles)."""
    sides = " | ".join((reading.side(event, "source_actors"), reading.side(event, "target_actors"),
                        event["evidence"]["trigger"]))
    return any(event["type"] in g["type"].upper().split("|") and _contains((g.get("actors") or [""])[0], sides)
               for g in gold.get("events", []))


def confidence_error(pairs: list[tuple[dict, dict]]) -> tuple[float, int]:
    """Expected calibration error of event confidences, an event being right when a gold event
    of its article has its type and the gold's first actor among its actors or trigger."""
    bins = {b: [0, 0, 0.0] for b in CONFIDENCE_BINS}
    for record, gold in pairs:
        reading = Reading(record)
        for e in record.get("events", []):
            right = event_right(e, reading, gold)
            for lo, hi in CONFIDENCE_BINS:
                if lo <= e["confidence"] < hi:
                    tally = bins[(lo, hi)]
                    tally[0] += 1
                    tally[1] += right
                    tally[2] += e["confidence"]
    total = sum(n for n, _, _ in bins.values())
    error = sum(n / total * abs(k / n - c / n) for n, k, c in bins.values() if n) if total else 0.0
    return error, total


def class_rows(tallies: dict[str, Tally], baseline: dict[str, float] | None = None) -> list[Row]:
    rows = []
    for name, issue_class, description, lower, count in CLASS_ROWS:
        tally = tallies[name]
        value = tally.right if count else (tally.right / tally.total if tally.total else 0.0)
        before = (baseline or {}).get(name)
        label = f"[{issue_class}] {description}" + (f" (before: {before:.3g})" if before is not None else "")
        rows.append(Row(label, "wirecoder", None, tally.total, value=value, key=f"articles.{name}",
                        lower_is_better=lower))
    return rows


def scorer_summary(pairs: list[tuple[dict, dict]]) -> dict[str, float]:
    """The shared scorer's summary rates over all articles (as its many-article form prints)."""
    score = scorer().score
    total: dict[str, dict[str, int]] = {}
    for record, gold in pairs:
        for category, figures in score(record, gold).items():
            for field, value in figures.items():
                if isinstance(value, int):
                    total.setdefault(category, {}).setdefault(field, 0)
                    total[category][field] += value

    def rate(category, field, of="total"):
        return total.get(category, {}).get(field, 0) / max(1, total.get(category, {}).get(of, 0))

    return {
        "persons_country": rate("persons", "country_ok", "total_country"),
        "roles": rate("persons", "role_ok", "total_role"),
        "places_km": rate("places", "within_km"),
        "quotes_speaker": rate("quotes", "speaker_ok"),
        "events_full": rate("events", "all_fields"),
        "events_type": rate("events", "type_and_actor"),
        "events_per_gold": total.get("events", {}).get("predicted", 0) / max(1, total.get("events", {}).get("total", 0)),
        "quantities": rate("quantities", "found"),
        "dates": rate("dates", "value_ok"),
    }


def load_baseline() -> dict:
    return json.loads(BASELINE.read_text()) if BASELINE.exists() else {}


def articles(pipeline) -> list[Row]:
    golds = gold_articles()
    records = extract(pipeline, golds)
    pairs = [(records[a.id], a.gold) for a in golds]
    baseline = load_baseline()
    summary = scorer_summary(pairs)
    rows = []
    for name, value in summary.items():
        before = baseline.get("scorer", {}).get(name)
        label = f"score.py {name}" + (f" (before: {before:.3g})" if before is not None else "")
        rows.append(Row(label, "wirecoder", None, len(golds), value=value, key=f"articles.score_{name}",
                        lower_is_better=name == "events_per_gold"))
    rows += class_rows(class_figures(pairs), baseline.get("classes"))
    error, n = confidence_error(pairs)
    rows.append(Row("event confidence: calibration error against type + actor right (lower is better)",
                    "wirecoder", None, n, value=error, key="articles.confidence_ece", lower_is_better=True))
    return rows


TASKS = {"articles": articles}


# -- the command: detail per article, records for score.py, a new baseline ------------

def _detail(article: GoldArticle, record: dict) -> list[str]:
    reading = Reading(record)
    lines = [f"== {article.id} ({article.published}): {len(record.get('events', []))} events predicted, "
             f"{len(article.gold.get('events', []))} gold"]
    for g in article.gold.get("events", []):
        m = match_event(reading, record.get("events", []), g)
        flags = "".join(c if ok else "." for c, ok in zip("TSGWDsF", (m.typed, m.source, m.target, m.where,
                                                                      m.when, m.status, m.full)))
        lines.append(f"  [{flags}] {g['type']:<8} {'|'.join(g.get('actors') or [])[:40]:<40} "
                     f"{g.get('where', '-')[:16]:<16} {g.get('date') or g.get('date_range') or '-':<22} "
                     f"{g.get('status', '-')}: {g.get('what', '')[:70]}")
    for e in record.get("events", []):
        when = e.get("when") or {}
        lines.append(f"    > {e['type']:<8} {e.get('status'):<10} "
                     f"{reading.side(e, 'source_actors').split(' | ')[0][:20]:<20} -> "
                     f"{reading.side(e, 'target_actors').split(' | ')[0][:20]:<20} "
                     f"@{reading.where(e).split(' | ')[0][:16]:<16} {when.get('start')}/{when.get('end')} "
                     f"'{e['evidence']['trigger']}'")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.articles", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--detail", action="store_true", help="every gold event: which fields are right")
    parser.add_argument("--only", nargs="*", default=[], help="article ids (gold file names) to run")
    parser.add_argument("--write", help="write the records as JSON Lines (article.id = gold file name)")
    parser.add_argument("--save-baseline", action="store_true",
                        help=f"store these figures as the 'before' column ({BASELINE.name})")
    args = parser.parse_args(argv)
    from wirecoder.pipeline import Pipeline

    from .scoring import format_table

    golds = [a for a in gold_articles() if not args.only or a.id in args.only]
    records = extract(Pipeline(), golds)
    if args.write:
        Path(args.write).parent.mkdir(parents=True, exist_ok=True)
        with open(args.write, "w", encoding="utf-8") as handle:
            for a in golds:
                handle.write(json.dumps(records[a.id], ensure_ascii=False) + "\n")
    pairs = [(records[a.id], a.gold) for a in golds]
    if args.detail:
        for a in golds:
            print("\n".join(_detail(a, records[a.id])))
    summary = scorer_summary(pairs)
    tallies = class_figures(pairs)
    baseline = load_baseline()
    rows = [Row(f"score.py {k}", "wirecoder", None, len(golds), value=v) for k, v in summary.items()]
    print(format_table("articles", rows + class_rows(tallies, baseline.get("classes"))))
    if args.save_baseline:
        BASELINE.write_text(json.dumps({
            "scorer": {k: round(v, 4) for k, v in summary.items()},
            "classes": {k: round(t.right if any(r[0] == k and r[4] for r in CLASS_ROWS) else t.rate, 4)
                        for k, t in tallies.items()},
        }, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
