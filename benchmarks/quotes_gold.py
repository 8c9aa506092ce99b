"""Gold quotes for the quotes evaluation: GenderGapTracker and PolNeAR, read from $WIRECODER_SHARED.

GenderGapTracker (GGT) annotates each quote with its text, character offsets
(often shifted against ``articleBodyText``) and the speaker's most complete
name (``reference``). A gold quote is located by its text, at the occurrence
nearest the annotated offset. It counts as direct when, after an optional
leading "that", it opens with a quotation mark (the guidelines keep the marks
in the span), else as indirect.

PolNeAR annotates attribution relations (source, cue, content; brat standoff,
content possibly in several pieces). Articles with several annotators are read
from the first annotation file in name order.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .datasets import dataset_dir, ggt_articles

QUOTE_MARKS = "\"“”«»„'‘’‹›"
_STOP = frozenset({"the", "a", "an", "mr", "mrs", "ms", "dr"})
_LINKS = frozenset({"and", "of", "for", "on", "in"})


@dataclass
class GoldQuote:
    start: int
    end: int
    kind: str  # direct, indirect
    speaker: str  # GGT reference name, or PolNeAR source text
    cue: str = ""
    pieces: tuple[tuple[int, int], ...] = ()


@dataclass
class GoldArticle:
    id: str
    text: str
    published: str | None
    quotes: list[GoldQuote] = field(default_factory=list)
    unlocated: int = 0  # gold quotes whose text is not in the article


def ggt() -> list[GoldArticle]:
    articles = []
    for raw in ggt_articles():
        text = raw["articleBodyText"]
        art = GoldArticle(raw.get("_id", str(len(articles))), text, None)
        for q in raw.get("quotations_parsed") or []:
            span = _locate(text, q.get("quote") or "", q.get("quote_index") or "")
            if span is None:
                art.unlocated += 1
                continue
            quote = text[span[0]:span[1]]
            body = re.sub(r"^\s*that\s+", "", quote.strip(), flags=re.I)
            kind = "direct" if body[:1] in QUOTE_MARKS else "indirect"
            art.quotes.append(GoldQuote(span[0], span[1], kind, q.get("reference") or q.get("speaker") or "",
                                        q.get("verb") or "", (span,)))
        articles.append(art)
    return articles


def _locate(text: str, quote: str, index: str) -> tuple[int, int] | None:
    quote = quote.strip()
    if not quote:
        return None
    hint = None
    found = re.match(r"\(\s*(\d+)\s*,", index)
    if found:
        hint = int(found.group(1))
    starts = [m.start() for m in re.finditer(re.escape(quote), text)]
    length = len(quote)
    if not starts:  # the annotators' copy may differ in spacing
        pattern = r"\s+".join(re.escape(word) for word in quote.split())
        matches = list(re.finditer(pattern, text))
        if not matches:
            return None
        best = min(matches, key=lambda m: abs(m.start() - (hint or 0)))
        return best.start(), best.end()
    best = min(starts, key=lambda s: abs(s - (hint or 0)))
    return best, best + length


def polnear(split: str = "dev") -> list[GoldArticle]:
    folder = dataset_dir("polnear") / split
    articles = []
    annotations: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", path.stem)
        annotations.setdefault(stem, path)
    for text_path in sorted((folder / "text").glob("*.txt")):
        ann = annotations.get(text_path.stem)
        if ann is None:
            continue
        text = text_path.read_text(encoding="utf-8")
        day = re.search(r"_(\d{4}-\d{2}-\d{2})_", text_path.name)
        art = GoldArticle(text_path.stem, text, day.group(1) if day else None)
        art.quotes = _brat(ann.read_text(encoding="utf-8"), text)
        articles.append(art)
    return articles


def _brat(standoff: str, text: str) -> list[GoldQuote]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for line in standoff.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("T"):
            continue
        _, _, offsets = parts[1].partition(" ")
        pieces = []
        for piece in offsets.split(";"):
            start, end = piece.split()
            pieces.append((int(start), int(end)))
        spans[parts[0]] = pieces
    quotes = []
    for line in standoff.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("E"):
            continue
        roles: dict[str, list[tuple[int, int]]] = {}
        for arg in parts[1].split():
            role, _, ref = arg.partition(":")
            role = role.rstrip("0123456789")
            roles.setdefault(role, []).extend(spans.get(ref, []))
        content = roles.get("Content")
        if not content:
            continue
        source = " ".join(text[s:e] for s, e in roles.get("Source", []))
        cue = " ".join(text[s:e] for s, e in roles.get("Cue", []))
        quoted = any(text[s:e].lstrip()[:1] in QUOTE_MARKS for s, e in content)
        quotes.append(GoldQuote(min(s for s, _ in content), max(e for _, e in content),
                                "direct" if quoted else "indirect", source, cue, tuple(sorted(content))))
    return quotes


# -- comparing -----------------------------------------------------------------------
def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two spans are the same quote when they share at least half of the shorter one."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def words(name: str) -> list[str]:
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    name = re.sub(r"['’]s\b", "", name)
    return [w for w in re.findall(r"[a-z0-9]+", name) if w not in _STOP]


def same_speaker(predicted: str | None, gold: str) -> bool:
    """A name and the reference name agree: equal, same surname with compatible first word, or contained."""
    p, g = words(predicted or ""), words(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    if p[-1] == g[-1] and (len(p) == 1 or len(g) == 1 or p[0] == g[0]):
        return True
    if len(p) == 1 and len(g) in (2, 3) and p[0] == g[0] and _looks_like_person(gold):
        return True  # a first name alone ("Jordan" for "Jordan Stewart")
    if len(p) == 1 and len(p[0]) >= 2 and p[0] == "".join(w[0] for w in g if w not in _LINKS):
        return True  # an acronym ("IRCC" for "Immigration, Refugees and Citizenship Canada")
    ps, gs = f" {' '.join(p)} ", f" {' '.join(g)} "
    return (len(p) >= 2 and ps in gs) or (len(g) >= 2 and gs in ps)


def _looks_like_person(name: str) -> bool:
    return all(word[:1].isupper() for word in name.split())


def shares_word(predicted: str | None, gold: str) -> bool:
    """PolNeAR source check: the predicted speaker's last word occurs in the gold source span."""
    p, g = words(predicted or ""), set(words(gold))
    return bool(p) and p[-1] in g
