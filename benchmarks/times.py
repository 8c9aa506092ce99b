"""Time expressions: TempEval-3 scores on TimeBank + AQUAINT, wirecoder against dateparser.

Each document's creation time (DCT) is given as ``published``, as TempEval-3
does. Scores follow the TempEval-3 task A measures:

- strict / relaxed span F1: exact extents / any overlap (one-to-one);
- type F1 and value F1: relaxed matches whose TimeML type / value is right,
  counted against all system and all gold expressions (so value F1 is the
  headline figure published for HeidelTime and SUTime);
- type and value accuracy: the same over the relaxed matches only.

Scoring rules that keep the comparison fair: a leading preposition ("on",
"in", ...) is stripped from every system's extent before matching (TimeML
never includes it); values are compared after writing week numbers with two
digits, clock hours with minutes and decades without padding ("1998-W8" =
"1998-W08", "T17" = "T17:00", "198X" = "198"), which the gold itself writes
both ways. wirecoder's resolved intervals ("the
past week" = "2025-11-30/2025-12-07") are scored as the TimeML duration they
resolve ("P1W"). dateparser's ``search_dates`` finds dates only, so it is
typed DATE (TIME when it reports a clock time) and valued at the period its
``DateDataParser`` reports (day, week, month, year, time). wirecoder's times
stage runs on the pipeline's spaCy model without the actors stage.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime

from .datasets import dataset_dir
from .scoring import PRF, Row

PREPOSITION = re.compile(r"^(?:on|in|at|since|by|from|until|till|during|for|over|of|to|before|after|within|"
                         r"through|throughout|between)\s+", re.IGNORECASE)
CORPORA = ("TimeBank", "AQUAINT")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str | None


@dataclass
class TimeMLDoc:
    id: str
    corpus: str
    published: str  # the DCT, as an ISO date
    text: str
    timexes: list[Timex] = field(default_factory=list)


def _walk(node, parts: list[str], found: list[Timex], pos: int) -> int:
    if node.text:
        parts.append(node.text)
        pos += len(node.text)
    for child in node:
        start = pos
        pos = _walk(child, parts, found, pos)
        if child.tag == "TIMEX3":
            found.append(Timex(start, pos, child.get("type"), child.get("value")))
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    return pos


def tempeval3() -> list[TimeMLDoc]:
    """The TimeBank and AQUAINT documents: the TEXT element's plain text and its TIMEX3s."""
    root = dataset_dir("tempeval3") / "TBAQ-cleaned"
    docs = []
    for corpus in CORPORA:
        for path in sorted((root / corpus).glob("*.tml")):
            tree = ET.parse(path).getroot()
            dct = tree.find("DCT/TIMEX3").get("value")[:10]
            parts: list[str] = []
            timexes: list[Timex] = []
            _walk(tree.find("TEXT"), parts, timexes, 0)
            docs.append(TimeMLDoc(path.stem, corpus, dct, "".join(parts), timexes))
    return docs


def canonical(value: str | None) -> str | None:
    """One spelling for values the gold writes two ways: 1998-W8/1998-W08, T17/T17:00, 198X/198 (the 1980s)."""
    if value is None:
        return None
    value = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)
    value = re.sub(r"^(\d{3})X$|^(\d{2})XX$", lambda m: m.group(1) or m.group(2), value)
    return re.sub(r"T(\d\d)$", r"T\1:00", value)


def strip_preposition(text: str, start: int, end: int) -> tuple[int, int]:
    found = PREPOSITION.match(text[start:end])
    return (start + found.end(), end) if found and start + found.end() < end else (start, end)


@dataclass
class Scores:
    strict: PRF = field(default_factory=PRF)
    relaxed: PRF = field(default_factory=PRF)
    type: PRF = field(default_factory=PRF)
    value: PRF = field(default_factory=PRF)
    matched: int = 0


def score(docs: list[TimeMLDoc], predicted: list[list[Timex]]) -> Scores:
    scores = Scores()
    for doc, system in zip(docs, predicted):
        gold = doc.timexes
        exact = {(t.start, t.end) for t in gold} & {(t.start, t.end) for t in system}
        scores.strict.add(tp=len(exact), fp=len(system) - len(exact), fn=len(gold) - len(exact))
        pairs, used = [], set()
        for g in gold:  # one-to-one: each gold takes the first free overlapping system expression
            s = next((s for i, s in enumerate(system) if i not in used and s.start < g.end and g.start < s.end), None)
            if s is not None:
                used.add(system.index(s))
                pairs.append((g, s))
        scores.matched += len(pairs)
        scores.relaxed.add(tp=len(pairs), fp=len(system) - len(pairs), fn=len(gold) - len(pairs))
        right_type = sum(g.type == s.type for g, s in pairs)
        right_value = sum(canonical(g.value) == canonical(s.value) for g, s in pairs)
        scores.type.add(tp=right_type, fp=len(system) - right_type, fn=len(gold) - right_type)
        scores.value.add(tp=right_value, fp=len(system) - right_value, fn=len(gold) - right_value)
    return scores


def wirecoder_timexes(pipeline, docs: list[TimeMLDoc]) -> list[list[Timex]]:
    """The times stage run on the pipeline's spaCy model; its items keep the TimeML type scoring needs."""
    from datetime import date

    from wirecoder.readers import make_article
    from wirecoder.stages import Layers
    from wirecoder.stages.times import TimesStage

    stage = TimesStage()
    out = []
    parsed = pipeline.nlp.pipe((d.text for d in docs), batch_size=16)
    for doc, spacy_doc in zip(docs, parsed):
        article = make_article(doc.text, doc.id, published=doc.published)
        spacy_doc._.wc = Layers(article=article, published=date.fromisoformat(doc.published))
        stage(spacy_doc)
        out.append([Timex(*strip_preposition(doc.text, t.start, t.end), t.type, t.timeml_value)
                    for t in spacy_doc._.wc.times])
    return out


def dateparser_timexes(docs: list[TimeMLDoc]) -> list[list[Timex]]:
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    out = []
    for doc in docs:
        base = datetime.fromisoformat(doc.published)
        settings = {"RELATIVE_BASE": base, "RETURN_TIME_AS_PERIOD": True}
        parser = DateDataParser(languages=["en"], settings=settings)
        found = search_dates(doc.text, languages=["en"], settings=settings) or []
        timexes, cursor = [], 0
        for substring, when in found:
            start = doc.text.find(substring, cursor)
            if start < 0:
                continue
            cursor = start + len(substring)
            start, end = strip_preposition(doc.text, start, cursor)
            period = parser.get_date_data(doc.text[start:end]).period or "day"
            timexes.append(Timex(start, end, "TIME" if period == "time" else "DATE", _period_value(when, period)))
        out.append(timexes)
    return out


def _period_value(when: datetime, period: str) -> str:
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "time":
        return when.strftime("%Y-%m-%dT%H:%M")
    return when.date().isoformat()


def _rows(label: str, system: str, scores: Scores, n: int, keyed: bool) -> list[Row]:
    key = (lambda name: f"times.tbaq_{name}") if keyed else (lambda name: None)
    matched = scores.matched or 1
    return [
        Row(f"{label} span strict", system, scores.strict, n, key=key("strict_f1")),
        Row(f"{label} span relaxed", system, scores.relaxed, n, key=key("relaxed_f1")),
        Row(f"{label} type (TE3 F1)", system, scores.type, n, key=key("type_f1")),
        Row(f"{label} value (TE3 F1)", system, scores.value, n, key=key("value_f1")),
        Row(f"{label} type accuracy", system, None, scores.matched, value=scores.type.tp / matched),
        Row(f"{label} value accuracy", system, None, scores.matched, value=scores.value.tp / matched),
    ]


def tempeval(pipeline) -> list[Row]:
    docs = tempeval3()
    n = sum(len(d.timexes) for d in docs)
    ours = score(docs, wirecoder_timexes(pipeline, docs))
    peer = score(docs, dateparser_timexes(docs))
    rows = []
    for label_rows in zip(_rows("TE3 TBAQ", "wirecoder", ours, n, True), _rows("TE3 TBAQ", "dateparser", peer, n, False)):
        rows.extend(label_rows)
    return rows


TASKS = {"tempeval3": tempeval}
