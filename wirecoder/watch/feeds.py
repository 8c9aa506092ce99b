"""RSS and Atom feeds -> items (feedparser).

An item is known by its link (resolved against the feed's address), or by its
guid when it has no link; its date is the feed's published (else updated)
date, in UTC. An item without a link can still be read when the feed carries
its full content; a summary alone is a teaser, not the article, and is not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urljoin

from ..errors import E, InputError, SetupError


@dataclass(frozen=True)
class Item:
    key: str
    link: str | None
    title: str | None
    published: str | None
    content: str | None  # the item's full HTML content, when the feed carries it


@dataclass(frozen=True)
class Feed:
    title: str | None
    items: list[Item]
    warning: str | None  # a feed feedparser could read despite an error in it


def parse_feed(body: bytes, url: str, content_type: str = "") -> Feed:
    """Parse a fetched feed; raise E097 when it is no RSS or Atom feed."""
    try:
        import feedparser
    except ImportError:
        raise SetupError(E.E057, package="feedparser", feature="wirecoder watch") from None
    # bytes, never a str: feedparser would fetch a str that looks like an address itself
    headers = {"content-location": url, **({"content-type": content_type} if content_type else {})}
    parsed = feedparser.parse(bytes(body), response_headers=headers)
    problem = parsed.get("bozo_exception")
    if not parsed.get("version") and not parsed.entries:
        detail = f"{type(problem).__name__}: {problem}" if problem else "no channel or feed element"
        raise InputError(E.E097, source=url, detail=detail)
    return Feed(title=parsed.feed.get("title") or None, items=list(_items(parsed.entries, url)),
                warning=f"{type(problem).__name__}: {problem}" if parsed.get("bozo") and problem else None)


def _items(entries, url: str) -> Iterator[Item]:
    for entry in entries:
        link = entry.get("link")
        link = urljoin(url, link) if link else None
        key = link or entry.get("id")
        if not key:
            continue  # nothing to know it by next time: every poll would take it as new
        content = next((c.get("value") for c in entry.get("content") or [] if c.get("value")), None)
        yield Item(key=key, link=link, title=entry.get("title") or None,
                   published=_date(entry.get("published_parsed") or entry.get("updated_parsed")), content=content)


def _date(parsed) -> str | None:
    """feedparser's UTC struct_time -> ISO 8601 (the article's publication date)."""
    if not parsed:
        return None
    return datetime(*parsed[:6], tzinfo=timezone.utc).isoformat()
