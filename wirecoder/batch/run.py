"""The client side of `wirecoder batch`: read, partition, submit, follow, merge.

The client reads the inputs with the same readers as `ingest` (in input
order), cuts them into partitions, skips those already finished in the output
folder, and submits the rest to Dask: a LocalCluster of N single-threaded
worker processes, or the scheduler at ``--scheduler``. Workers write the
Parquet part files themselves (``worker.run_partition``), so on a real cluster
``--out`` must be a folder every worker can write (a shared file system).
At most a few partitions per worker are in flight at once, so memory stays
bounded however large the input. With ``--db`` the client merges each finished
partition into the store, in partition order, through the store's own writer:
one writer, whatever the number of workers.
"""

from __future__ import annotations

import importlib.metadata
import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .. import settings
from ..errors import E, EXIT_OK, EXIT_PARTIAL, InputError, SetupError, StoreError, WirecoderError
from ..readers import read_path
from .partitions import Partition, done, partitions, prepare, stale

log = logging.getLogger("wirecoder")

RETRIES = 2  # a partition whose worker died is run again, at most this many more times


@dataclass
class Summary:
    articles: int = 0
    failed: int = 0
    partitions: int = 0
    skipped: int = 0  # partitions finished by an earlier run
    seconds: float = 0.0
    codes: Counter = field(default_factory=Counter)
    stored: Counter = field(default_factory=Counter)  # --db: outcome -> articles

    @property
    def exit_code(self) -> int:
        return EXIT_PARTIAL if self.failed else EXIT_OK

    def lines(self) -> list[str]:
        rate = self.articles / self.seconds if self.seconds else 0.0
        out = [f"{self.articles} articles in {self.partitions} partitions ({self.skipped} finished earlier, skipped): "
               f"{self.articles - self.failed} extracted, {self.failed} failed; {self.seconds:.1f} s, "
               f"{rate:.2f} articles/s"]
        out += [f"  failed {n}: {code}" for code, n in self.codes.most_common()]
        if self.stored:
            out.append("  store: " + ", ".join(f"{n} {outcome}" for outcome, n in sorted(self.stored.items())))
        return out


def inputs(paths: Iterable[str], columns=None) -> Iterator[tuple[str, object]]:
    """(input name, article or reading error), in input order, with the readers of `ingest`."""
    for path in paths:
        for item in read_path(path, columns):
            yield str(path), item


def run(paths: list[str], out: str, *, scheduler: str | None = None, workers: int = 2, partition_size: int = 50,
        time_limit: float | None = None, db: str | None = None, stages: Iterable[str] | None = None,
        columns=None, progress=None) -> Summary:
    """Run the batch; return what happened (the errors themselves are in ``OUT/errors``)."""
    from ..stages import DEFAULT_STAGES

    for path in paths:
        if not Path(path).exists():
            raise InputError(E.E001, path=path)
    stages = tuple(stages or DEFAULT_STAGES)
    limit = time_limit or settings.get("time_limit")
    folder = prepare(out, partition_size)
    summary, started = Summary(), time.perf_counter()
    with ExitStack() as stack:
        merge = stack.enter_context(_merger(db, folder, stages, summary))
        cluster = _Cluster(stack, scheduler, workers, stages)

        def finish(result: dict) -> None:
            if "fatal" in result:
                fatal = result["fatal"]
                if fatal["code"] == "E092":
                    raise WirecoderError(E.E092, detail=fatal["detail"])
                raise WirecoderError(E.E095, partition=result["partition"], detail=fatal["message"])
            summary.articles += result["articles"]
            summary.failed += len(result["errors"])
            summary.codes.update(code for code, _ in result["errors"])
            summary.skipped += result["skipped"]
            if not result["skipped"]:  # those of finished partitions were reported when they ran
                for _, message in result["errors"]:
                    log.error("%s", message)
            merge(result["partition"])
            if progress:
                progress.advance(result["articles"])

        for partition in partitions(inputs(paths, columns), partition_size):
            summary.partitions += 1
            marker = done(folder, partition)
            if marker is not None:
                finish(_skipped(folder, partition))
                continue
            for result in cluster.submit(partition, str(folder), limit):
                finish(result)
        for result in cluster.drain():
            finish(result)
        for path in stale(folder, summary.partitions):
            log.info("removed %s: a partition past the end of these inputs (left from an earlier, longer run)", path)
            path.unlink()
    if progress:
        progress.close()
    summary.seconds = time.perf_counter() - started
    return summary


class _Cluster:
    """Dask, started at the first partition that needs running (a rerun of a finished
    batch starts nothing), with a few partitions per worker in flight at most."""

    def __init__(self, stack: ExitStack, scheduler: str | None, workers: int, stages: tuple[str, ...]):
        self.stack, self.scheduler, self.workers, self.stages = stack, scheduler, workers, stages
        self.client = None
        self.in_flight = None
        self.most = 2

    def _start(self) -> None:
        from distributed import as_completed

        from .worker import Warmup

        self.client = self.stack.enter_context(_client(self.scheduler, self.workers))
        self.client.register_plugin(Warmup(self.stages))
        self.in_flight = as_completed()
        self.most = 2 * max(len(self.client.scheduler_info().get("workers", {})), 1)

    def submit(self, partition: Partition, out: str, limit: float) -> Iterator[dict]:
        """Submit one partition; yield the results of those that finish while the queue is full."""
        from .worker import run_partition

        if self.client is None:
            self._start()
        self.in_flight.add(self.client.submit(
            run_partition, partition, out, limit, self.stages, retries=RETRIES, pure=False,
            key=f"wirecoder-{partition.name}-{partition.fingerprint[:12]}"))
        while self.in_flight.count() >= self.most:
            yield _result(next(self.in_flight))

    def drain(self) -> Iterator[dict]:
        if self.in_flight is not None:
            for future in self.in_flight:
                yield _result(future)


def _result(future) -> dict:
    try:
        return future.result()
    except Exception as err:  # noqa: BLE001 - the task failed on every retry (its worker kept dying)
        raise WirecoderError(E.E095, partition=future.key, detail=f"{type(err).__name__}: {err}") from None


def _skipped(folder: Path, partition: Partition) -> dict:
    """A finished partition's result, read back from its errors part file."""
    import pyarrow.parquet as pq

    errors = pq.read_table(folder / "errors" / f"{partition.name}.parquet", columns=["code", "message"]).to_pylist()
    return {"partition": partition.index, "articles": partition.size, "skipped": True,
            "errors": [(row["code"], row["message"]) for row in errors]}


@contextmanager
def _client(scheduler: str | None, workers: int):
    """A Dask client: of the scheduler at ``scheduler``, else of a LocalCluster of ``workers`` processes."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise SetupError(E.E057, package="dask[distributed]", feature="wirecoder batch") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as err:
            raise WirecoderError(E.E093, address=scheduler, detail=str(err) or type(err).__name__) from None
        cluster = None
    else:
        with dask.config.set({"distributed.scheduler.allowed-failures": RETRIES + 1}):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        if _has_dashboard(client):
            log.info("Dask dashboard: %s", client.dashboard_link)
        else:
            log.info("Dask dashboard: unavailable (bokeh is not installed where the scheduler runs; "
                     "`pip install bokeh` there to see it)")
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _has_dashboard(client) -> bool:
    """Dask serves its dashboard only where bokeh is installed (else a page saying so)."""
    if "dashboard" not in client.scheduler_info().get("services", {}):
        return False
    try:
        client.run_on_scheduler(importlib.metadata.version, "bokeh")
    except Exception as err:  # noqa: BLE001 - PackageNotFoundError raised on the scheduler, or it cannot run the call
        log.debug("no Dask dashboard: bokeh is not importable on the scheduler (%s)", err)
        return False
    return True


@contextmanager
def _merger(db: str | None, folder: Path, stages: tuple[str, ...], summary: Summary):
    """``merge(partition)``: store finished partitions in partition order (one writer: this process)."""
    if db is None:
        yield lambda index: None
        return
    import pyarrow.parquet as pq

    from ..store import Store
    from ..store.writer import stored_record, write

    finished: set[int] = set()
    state = {"next": 0}
    with Store(db) as store:
        def merge(index: int) -> None:
            finished.add(index)
            while state["next"] in finished:
                name = f"part-{state['next']:05d}.parquet"
                table = pq.read_table(folder / "articles" / name, columns=["id", "record", "text"])
                for row in table.to_pylist():
                    try:
                        outcome = write(store, stored_record(row["record"], row["text"]), stages=stages)
                    except StoreError as err:
                        if err.code != "E054":
                            raise
                        log.error("%s", err)
                        outcome = "failed"
                    summary.stored[outcome] += 1
                state["next"] += 1

        yield merge
