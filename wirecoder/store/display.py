"""Plain-text tables for the query commands (``--json`` prints the rows instead)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from .queries import ActorRow, EventRow, Hit, QuoteRow
from .views import Entry, StoryView, said_on, window


def table(headers: Sequence[str], rows: Iterable[Sequence], widths: Sequence[int]) -> str:
    """Columns cut to ``widths`` (0 = as wide as needed), one line per row."""
    rows = [[_cell(v) for v in row] for row in rows]
    sizes = [w or max([len(h)] + [len(r[i]) for r in rows]) for i, (h, w) in enumerate(zip(headers, widths))]
    line = lambda cells: "  ".join(_cut(c, s).ljust(s) for c, s in zip(cells, sizes)).rstrip()  # noqa: E731
    return "\n".join([line(headers), line(["-" * s for s in sizes])] + [line(r) for r in rows])


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    text = "".join(c if unicodedata.category(c) not in ("Cc", "Cf") else " " for c in str(value))
    return " ".join(text.split())  # control and format characters (bidi overrides, NUL) would garble the terminal


def _cut(text: str, size: int) -> str:
    return text if len(text) <= size else text[:max(size - 1, 0)] + "…"


def events_table(rows: Iterable[EventRow]) -> str:
    return table(
        ["date", "type", "status", "source", "target", "place", "dead", "story", "article"],
        ([window(r.when_start, r.when_end) or "undated", r.type + (f"/{r.mode}" if r.mode else ""), r.status,
          ", ".join(a.name for a in r.source_actors), ", ".join(a.name for a in r.target_actors),
          r.location.name if r.location else None, r.fatalities, r.story,
          f"{r.article}#{r.id}" + (f" ({r.reviewed})" if r.reviewed else "")] for r in rows),
        [21, 18, 10, 22, 22, 16, 4, 5, 0])


def quotes_table(rows: Iterable[QuoteRow]) -> str:
    return table(["date", "speaker", "channel", "kind", "quote", "article"],
                 ([said_on(r) or "undated", r.speaker or r.speaker_text, r.channel, r.kind, r.text,
                   f"{r.article}#{r.id}" + (f" ({r.reviewed})" if r.reviewed else "")] for r in rows),
                 [10, 22, 12, 8, 60, 0])


def actors_table(rows: Iterable[ActorRow]) -> str:
    return table(["name", "kind", "country", "sector", "articles", "mentions", "events", "quotes", "first", "last"],
                 ([r.name, r.kind, r.country, r.sector, r.articles, r.mentions, r.events, r.quotes, r.first_seen,
                   r.last_seen] for r in rows),
                 [30, 12, 7, 6, 8, 8, 6, 6, 10, 10])


def hits_table(hits: Iterable[Hit]) -> str:
    return table(["article", "published", "title", "snippet"],
                 ([h.article, (h.published or "")[:10], h.title, h.snippet] for h in hits), [20, 10, 30, 70])


def stories_table(views: Iterable[StoryView]) -> str:
    return table(["story", "dates", "type", "place", "country", "articles"],
                 ([v.id, window(v.start, v.end) or "undated",
                   v.type + (f"/{v.mode}" if v.mode else ""), v.place, v.country, v.n_articles] for v in views),
                 [6, 21, 18, 24, 7, 8])


def story_text(view: StoryView) -> str:
    lines = [f"story {view.id}: {view.label} -- {view.n_articles} article(s)", ""]
    fields = list(view.claims[0].values) if view.claims else []
    lines.append(table(["article", "source", "published", *fields, "reporter"],
                       ([c.article, c.source, (c.published or "")[:10],
                         *(v if v is not None or name != "date" else "undated" for name, v in c.values.items()),
                         c.reporter]
                        for c in view.claims),
                       [20, 14, 10] + [21 if name == "date" else 14 for name in fields] + [18]))
    if view.disagreements:
        lines.append("")
        lines.append("the sources disagree on:")
        for name, pairs in view.disagreements.items():
            lines.append(f"  {name}: " + "; ".join(f"{value} ({article})" for article, value in pairs))
    lines.append("")
    lines += [f"  [{c.article}] {c.evidence}" for c in view.claims]
    return "\n".join(lines)


def timeline_text(entries: Iterable[Entry]) -> str:
    lines = []
    for e in entries:
        status = f" [{e.status}]" if e.status and e.status != "occurred" else ""
        story = f" (story {e.story}, {len(e.sources)} source(s))" if e.story is not None else ""
        lines.append(f"{e.date or 'undated':<10}  {e.what}{status}: {' '.join(e.text.split())}  "
                     f"-- {', '.join(e.sources)}{story}")
    return "\n".join(lines)
