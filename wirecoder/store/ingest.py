"""Ingest: files, folders, JSON Lines and WARC crawls -> the store.

Articles whose text is already stored are skipped before any NLP runs (the
content hash), so re-running an interrupted ingest only processes what is
missing. The rest go through ``Pipeline.pipe`` in batches, with the model
loaded once (and only if something needs it), and each record is written in
its own transaction as soon as it is ready.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import E, EXIT_OK, EXIT_PARTIAL, InputError, StoreError, WirecoderError
from ..readers import ArticleInput, kind_of, read_path
from .db import Store
from .progress import Progress
from .writer import REPLACED, STORED, UNCHANGED, content_hash, link_alias, stored_id, write

log = logging.getLogger("wirecoder")

ALREADY_STORED = "already stored (same text)"
DUPLICATE = "the same text appears earlier in this run"
ALIAS = "the same text is stored under another id (linked to it as an alias)"
LAYERS = ("articles", "events", "quotes", "actors", "stories")


@dataclass
class Summary:
    stored: int = 0
    replaced: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    failed: Counter = field(default_factory=Counter)  # error code -> count
    failures: list[tuple[str, str]] = field(default_factory=list)  # (where, message), in input order
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (new id, stored id), in input order
    added: Counter = field(default_factory=Counter)  # layer (LAYERS) -> rows added
    stopped: StoreError | None = None  # the store became unusable (disk full, ...): what came before is stored

    @property
    def total(self) -> int:
        return self.stored + self.replaced + sum(self.skipped.values()) + sum(self.failed.values())

    @property
    def exit_code(self) -> int:
        if self.stopped is not None:
            return self.stopped.exit_code
        return EXIT_PARTIAL if self.failed else EXIT_OK

    def lines(self, limit: int = 10) -> list[str]:
        out = [f"{self.stored} stored, {self.replaced} replaced, {sum(self.skipped.values())} skipped, "
               f"{sum(self.failed.values())} failed"]
        if self.stored or self.replaced:
            out.append("  added: " + ", ".join(f"{self.added[layer]} {layer}" for layer in LAYERS))
        if self.replaced:
            out.append(f"  replaced {self.replaced}: a new version of a stored url or article id")
        out += [f"  skipped {n}: {reason}" for reason, n in self.skipped.most_common()]
        out += [f"  {alias}: the same text as {original!r}" for alias, original in self.aliases[:limit]]
        out += [f"  failed {n}: {code}" for code, n in self.failed.most_common()]
        out += [f"  {where}: {message}" for where, message in self.failures[:limit]]
        if len(self.failures) > limit:
            out.append(f"  ... and {len(self.failures) - limit} more failures (all were reported on stderr)")
        if self.stopped is not None:
            out.append(f"  stopped early, the rest not read: {self.stopped}")
        return out


def articles(paths: Iterable[str | Path], columns=None) -> Iterator[ArticleInput | InputError]:
    for path in paths:
        yield from read_path(path, columns)


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """How many articles the paths hold (for the progress bar), without parsing them."""
    total = 0
    for path in map(Path, paths):
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in filter(Path.is_file, files):  # a named pipe would block here (the reader refuses it)
            try:
                kind = kind_of(file)
                if kind == "jsonl":
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                elif kind == "table":  # rows, less the header (a quoted line break makes this an estimate)
                    with file.open("rb") as handle:
                        total += max(sum(1 for line in handle if line.strip()) - 1, 0)
                elif kind == "warc":
                    from ..readers.warc import count

                    total += count(file)
                else:
                    total += 1
            except (InputError, OSError) as err:  # not counted; the ingest itself reports the file
                log.debug("%s: left out of the progress bar's total (%s)", file, err)
    return total or None


def ingest(store: Store, items: Iterable[ArticleInput | InputError], *,
           make_pipeline: Callable[[], object], force: bool = False, progress: Progress | None = None,
           report: Callable[[str, WirecoderError], None] | None = None) -> Summary:
    """Run new articles through the pipeline and write each record; return what happened.

    When the store becomes unusable mid-run (a full disk), the run stops and the summary
    says so in ``stopped``: everything counted before it is committed."""
    summary = Summary()
    seen: dict[str, str] = {}  # content hash -> the id it came under first in this run
    later: list[tuple[ArticleInput, str]] = []  # the same text under another id in this run: linked at the end
    last_story = store.execute("SELECT coalesce(max(pk), 0) FROM stories").fetchone()[0]

    def skip(reason: str) -> None:
        summary.skipped[reason] += 1
        if progress:
            progress.advance()

    def alias(item: ArticleInput, original: str) -> None:
        summary.aliases.append((item.id, original))
        log.warning("%s has the same text as the stored article %r: linked to it as an alias, not extracted again",
                    item.id, original)
        skip(ALIAS)

    def fail(where: str, error: WirecoderError) -> None:
        summary.failed[error.code] += 1
        summary.failures.append((where, str(error)))
        if report:
            report(where, error)
        if progress:
            progress.advance()

    def fresh() -> Iterator[ArticleInput]:
        for item in items:
            if isinstance(item, InputError):
                fail(item.fields.get("where", "?"), item)
                continue
            digest = content_hash(item.text)
            if digest in seen:
                if seen[digest] == item.id:
                    skip(DUPLICATE)
                else:
                    later.append((item, digest))
                continue
            seen[digest] = item.id
            original = None if force else stored_id(store, digest)
            if original is None:
                yield item
            elif original == item.id:
                skip(ALREADY_STORED)
            elif link(item, digest):
                alias(item, original)
            else:  # deleted or replaced by another writer meanwhile
                skip(ALREADY_STORED)

    def link(item: ArticleInput, digest: str) -> str | None:
        return link_alias(store, digest, item.id, url=item.url, title=item.title, source=item.source,
                          published=item.published)

    built: list = []

    def pipeline():
        built.append(make_pipeline())
        return built[0]

    for result in _run(fresh(), pipeline):
        if not result.ok:
            fail(result.where, result.error)
            continue
        try:
            outcome = write(store, result.record, stages=built[0].stage_names, force=force)
        except StoreError as err:
            if err.code != "E054":  # the store itself is unusable: stop; everything committed stays
                summary.stopped = err
                break
            fail(result.where, err)
            continue
        except Exception as err:  # noqa: BLE001 - a bug met by one record (fusion, claims): named, batch goes on
            fail(result.where, StoreError(E.E054, where=result.where, detail=f"{type(err).__name__}: {err}"))
            continue
        if outcome in (STORED, REPLACED):
            record = result.record
            summary.stored += outcome == STORED
            summary.replaced += outcome == REPLACED
            summary.added.update(articles=1, events=len(record.events), quotes=len(record.quotes),
                                 actors=len(record.entities))
            log.debug("%s %s: %d events, %d quotes, %d actors", outcome, result.where, len(record.events),
                      len(record.quotes), len(record.entities))
        elif outcome == UNCHANGED:  # another writer stored the same text meanwhile
            summary.skipped[ALREADY_STORED] += 1
        if progress:
            progress.advance()
    if summary.stopped is not None:
        if progress:
            progress.close()
        return summary
    for item, digest in later:  # the first of these texts is stored now (unless it failed)
        original = link(item, digest)
        if original:
            alias(item, original)
        else:
            skip(DUPLICATE)
    summary.added["stories"] = store.execute("SELECT count(*) FROM stories WHERE pk > ?", (last_story,)).fetchone()[0]
    if progress:
        progress.close()
    return summary


def _run(items: Iterator[ArticleInput], make_pipeline: Callable[[], object]):
    """Build the pipeline only when there is an article to run through it."""
    first = next(items, None)
    if first is None:
        return

    def chain():
        yield first
        yield from items

    yield from make_pipeline().pipe(chain())


def default_report(where: str, error: WirecoderError) -> None:
    log.error("%s", error)
