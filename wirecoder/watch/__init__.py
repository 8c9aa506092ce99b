"""`wirecoder watch`: follow RSS/Atom feeds and folders into the store.

Each poll fetches every feed (conditionally: ETag and Last-Modified), fetches
the page of each item not seen before (urllib, a timeout, a pause between two
pages of one host), reads it with the HTML reader -- the feed's date is the
publication date -- and hands it to the store's ``ingest``, which skips text it
already holds (a copy under another link becomes an alias of the stored
article). A folder source is listed each poll and a new or changed file is read
once. What was handled is kept in the sidecar ``STORE.watch`` (``state.py``), so
nothing is fetched twice across restarts. An item's error is logged with its
code and the poll goes on; so is a feed's.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import E, EXIT_OK, EXIT_PARTIAL, InputError, WirecoderError
from ..readers import ArticleInput, content_id, kind_of, read_html, read_path, read_text, with_meta
from ..store.db import Store
from ..store.ingest import Summary, default_report, ingest
from .feeds import Item, parse_feed
from .fetch import FetchFailed, get
from .state import FAILED, READ, RETRY, Mark, State, sidecar_path

log = logging.getLogger("wirecoder")

DEFAULT_INTERVAL = 300  # seconds between polls
MIN_INTERVAL = 30  # the politeness floor of a long-running watch
MAX_ATTEMPTS = 3  # a page that fails with a network or server error is tried this often


def is_feed(source: str) -> bool:
    """An http(s) address (a feed, or an item's page), as opposed to a folder."""
    return urlsplit(source).scheme in ("http", "https")


@dataclass
class Poll:
    """What one pass over the sources did."""

    summary: Summary = field(default_factory=Summary)  # what ingest did with the items read
    errors: int = 0  # feeds that could not be fetched or read

    @property
    def failed(self) -> bool:
        return bool(self.errors or self.summary.failed)


class Watcher:
    def __init__(self, store: Store, sources: list[str], *, make_pipeline: Callable[[], object],
                 timeout: float = 20.0, pause: float = 1.0,
                 report: Callable[[str, WirecoderError], None] = default_report):
        self.store, self.sources, self.timeout, self.pause, self.report = store, sources, timeout, pause, report
        self.state = State(sidecar_path(store.path))
        self._make_pipeline, self._pipeline = make_pipeline, None
        self._last_fetch: dict[str, float] = {}  # host -> when its last page was fetched

    def pipeline(self):
        """Built once, at the first item that needs it."""
        if self._pipeline is None:
            self._pipeline = self._make_pipeline()
        return self._pipeline

    def run(self, interval: float = DEFAULT_INTERVAL, once: bool = False, sleep=time.sleep) -> int:
        failed = False
        while True:
            failed |= self.poll().failed
            if once:
                return EXIT_PARTIAL if failed else EXIT_OK
            log.info("next poll in %g s", interval)
            sleep(interval)

    def poll(self) -> Poll:
        poll = Poll()
        for source in self.sources:
            marks: list[Mark] = []
            try:
                items = self._feed(source, marks) if is_feed(source) else self._folder(Path(source), marks)
                summary = ingest(self.store, items, make_pipeline=self.pipeline, report=self.report)
            except InputError as err:  # the feed itself (E096, E097): the other sources go on
                poll.errors += 1
                self.report(source, err)
                continue
            self.state.mark(marks)  # only now: what ingest took is stored before it counts as seen
            if summary.total:  # the counts; each failure was reported as it happened
                counts = [line.strip() for line in summary.lines(limit=0) if not line.strip().startswith("...")]
                log.info("%s: %s", source, "; ".join(counts))
            _add(poll.summary, summary)
        return poll

    # -- feeds ------------------------------------------------------------------------
    def _feed(self, url: str, marks: list[Mark]) -> Iterator[ArticleInput | InputError]:
        etag, modified = self.state.validators(url)
        try:
            answer = get(url, timeout=self.timeout, etag=etag, modified=modified)
        except FetchFailed as err:
            raise InputError(E.E096, source=url, detail=err.detail) from None
        if answer.not_modified:
            log.info("%s: not modified since the last poll (HTTP 304)", url)
            return
        feed = parse_feed(answer.body, url, answer.content_type)
        if feed.warning:
            log.warning("%s: the feed has an error, read as far as possible (%s)", url, feed.warning)
        new = [item for item in feed.items if not self._known(item)]
        log.info("%s: fetched, %d items, %d new, %d seen before", url, len(feed.items), len(new),
                 len(feed.items) - len(new))
        for item in new:
            article = self._item(item, url, feed.title, marks)
            if article is not None:
                yield article
        if not any(m.outcome == RETRY for m in marks):  # else the next poll must see the whole feed again
            self.state.save_validators(url, answer.etag, answer.modified)

    def _known(self, item: Item) -> bool:
        if self.state.is_done(item.key, max_attempts=MAX_ATTEMPTS):
            log.debug("seen before, skipped: %s", item.key)
            return True
        if item.link and self.store.execute(
                "SELECT 1 FROM articles WHERE url = ? UNION ALL SELECT 1 FROM article_aliases WHERE url = ?",
                (item.link, item.link)).fetchone():
            log.debug("already in the store, skipped: %s", item.link)
            return True
        return False

    def _item(self, item: Item, feed_url: str, feed_title: str | None,
              marks: list[Mark]) -> ArticleInput | InputError | None:
        meta = {"id": content_id(item.key), "url": item.link, "title": item.title, "published": item.published}
        log.info("new item: %s%s", item.key, f" ({item.title})" if item.title else "")
        try:
            if item.link is None and item.content:
                article = read_html(item.content.encode("utf-8"), item.key, **meta)
            elif item.link is None:
                log.info("skipped: %s has no link and no full content in the feed", item.key)
                marks.append(Mark(item.key, feed_url, FAILED, detail="no link, no content"))
                return None
            else:
                article = self._page(item, meta)
        except InputError as err:
            retry = err.code == "E098" and err.fields.get("transient")
            marks.append(Mark(item.key, feed_url, RETRY if retry else FAILED, detail=err.code))
            return err
        except Exception as cause:  # noqa: BLE001 - a page no reader foresaw: this item fails, named; the watch goes on
            log.debug("traceback", exc_info=True)
            marks.append(Mark(item.key, feed_url, FAILED, detail=type(cause).__name__))
            return InputError(E.E098, where=item.key, url=item.key, detail=f"{type(cause).__name__}: {cause}",
                              attempts=MAX_ATTEMPTS)
        marks.append(Mark(item.key, feed_url, READ))
        return article if article.source else with_meta(article, source=feed_title)

    def _page(self, item: Item, meta: dict) -> ArticleInput:
        if not is_feed(item.link):  # a feed must not make watch read this machine's files (file://) or others
            raise InputError(E.E098, where=item.link, url=item.link, detail="not an http(s) link",
                             attempts=MAX_ATTEMPTS, transient=False)
        self._wait_for(urlsplit(item.link).hostname or "")
        attempts = self.state.attempts(item.key) + 1
        try:
            page = get(item.link, timeout=self.timeout)
        except FetchFailed as err:
            raise InputError(E.E098, where=item.link, url=item.link, detail=err.detail, attempts=MAX_ATTEMPTS,
                             transient=err.transient and attempts < MAX_ATTEMPTS) from None
        log.debug("fetched %s (%d bytes, %s)", item.link, len(page.body), page.content_type or "no content type")
        if page.content_type == "text/plain":
            return read_text(page.body, item.link, **meta)
        if page.content_type and "html" not in page.content_type and "xml" not in page.content_type:
            raise InputError(E.E098, where=item.link, url=item.link, detail=f"not a web page but {page.content_type}",
                             attempts=MAX_ATTEMPTS, transient=False)
        return read_html(page.body, item.link, **meta)

    def _wait_for(self, host: str) -> None:
        """At most one page per ``pause`` seconds from one host."""
        last = self._last_fetch.get(host)
        if last is not None:
            time.sleep(max(0.0, last + self.pause - time.monotonic()))
        self._last_fetch[host] = time.monotonic()

    # -- folders ----------------------------------------------------------------------
    def _folder(self, folder: Path, marks: list[Mark]) -> Iterator[ArticleInput | InputError]:
        if not folder.exists():
            raise InputError(E.E001, path=str(folder))
        files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")) \
            if folder.is_dir() else [folder]
        new = []
        for file in files:
            try:
                kind_of(file)
            except InputError as err:  # a folder may hold other files (README, images)
                log.debug("not an article file, skipped: %s (%s)", file, err)
                continue
            stat = file.stat()
            stamp = f"{stat.st_size}:{stat.st_mtime_ns}"
            key = f"file:{file.resolve()}"
            if self.state.is_done(key, stamp):
                log.debug("seen before, skipped: %s", file)
            else:
                new.append((file, key, stamp))
        log.info("%s: listed, %d files, %d new or changed", folder, len(files), len(new))
        for file, key, stamp in new:
            log.info("new file: %s", file)
            failed = False
            for article in read_path(file):
                failed |= isinstance(article, InputError)
                yield article
            marks.append(Mark(key, str(folder), FAILED if failed else READ, stamp=stamp))

    def close(self) -> None:
        self.state.close()


def _add(total: Summary, part: Summary) -> None:
    total.stored += part.stored
    total.replaced += part.replaced
    total.skipped.update(part.skipped)
    total.failed.update(part.failed)
    total.failures += part.failures
    total.aliases += part.aliases
    total.added.update(part.added)
