"""Ingest: files, folders, JSON Lines and WARC crawls -> the store.

Articles whose text is already stored are skipped before any NLP runs (the
content hash), so re-running an interrupted ingest only processes what is
missing. The rest go through ``Pipeline.pipe`` in batches, with the model
loaded once (and only if something needs it), and each record is written in
its own transaction as soon as it is ready.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import E, EXIT_OK, EXIT_PARTIAL, InputError, StoreError, WirecoderError
from ..readers import ArticleInput, kind_of, read_path
from .db import Store
from .progress import Progress
from .writer import REPLACED, STORED, UNCHANGED, content_hash, has_content, write

ALREADY_STORED = "already stored (same text)"
DUPLICATE = "the same text appears earlier in this run"


@dataclass
class Summary:
    stored: int = 0
    replaced: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    failed: Counter = field(default_factory=Counter)  # error code -> count
    failures: list[tuple[str, str]] = field(default_factory=list)  # (where, message), in input order

    @property
    def total(self) -> int:
        return self.stored + self.replaced + sum(self.skipped.values()) + sum(self.failed.values())

    @property
    def exit_code(self) -> int:
        return EXIT_PARTIAL if self.failed else EXIT_OK

    def lines(self, limit: int = 10) -> list[str]:
        out = [f"{self.stored} stored, {self.replaced} replaced, {sum(self.skipped.values())} skipped, "
               f"{sum(self.failed.values())} failed"]
        if self.replaced:
            out.append(f"  replaced {self.replaced}: a new version of a stored url or article id")
        out += [f"  skipped {n}: {reason}" for reason, n in self.skipped.most_common()]
        out += [f"  failed {n}: {code}" for code, n in self.failed.most_common()]
        out += [f"  {where}: {message}" for where, message in self.failures[:limit]]
        if len(self.failures) > limit:
            out.append(f"  ... and {len(self.failures) - limit} more failures (all were reported on stderr)")
        return out


def articles(paths: Iterable[str | Path]) -> Iterator[ArticleInput | InputError]:
    for path in paths:
        yield from read_path(path)


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """How many articles the paths hold (for the progress bar), without parsing them."""
    total = 0
    for path in map(Path, paths):
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            try:
                kind = kind_of(file)
                if kind == "jsonl":
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                elif kind == "warc":
                    from ..readers.warc import count

                    total += count(file)
                else:
                    total += 1
            except (InputError, OSError):
                continue
    return total or None


def ingest(store: Store, items: Iterable[ArticleInput | InputError], *,
           make_pipeline: Callable[[], object], force: bool = False, progress: Progress | None = None,
           report: Callable[[str, WirecoderError], None] | None = None) -> Summary:
    """Run new articles through the pipeline and write each record; return what happened."""
    summary = Summary()
    seen: set[str] = set()

    def skip(reason: str) -> None:
        summary.skipped[reason] += 1
        if progress:
            progress.advance()

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
                skip(DUPLICATE)
                continue
            seen.add(digest)
            if not force and has_content(store, digest):
                skip(ALREADY_STORED)
                continue
            yield item

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
            if err.code != "E054":
                raise  # the store itself is unusable: stop; everything committed stays
            fail(result.where, err)
            continue
        except Exception as err:  # noqa: BLE001 - a bug met by one record (fusion, claims): named, batch goes on
            fail(result.where, StoreError(E.E054, where=result.where, detail=f"{type(err).__name__}: {err}"))
            continue
        if outcome == STORED:
            summary.stored += 1
        elif outcome == REPLACED:
            summary.replaced += 1
        elif outcome == UNCHANGED:  # another writer stored the same text meanwhile
            summary.skipped[ALREADY_STORED] += 1
        if progress:
            progress.advance()
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
    print(f"wirecoder: {error}", file=sys.stderr)
