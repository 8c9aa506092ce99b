"""What runs on a Dask worker: one partition in, its Parquet part files out.

Each worker process keeps one ``Sandbox``: a child process (``child.py``)
holding the pipeline, built once per worker (a ``WorkerPlugin`` starts it as
the worker starts, so the model loads before the first task arrives). Every
article goes to the child with a deadline; an article that outlasts it has its
child killed -- which really stops the work, wherever it is -- and is recorded
as E090, and the next article gets a fresh child. A child that dies (out of
memory, a crash in C code) costs only its article (E091).
"""

from __future__ import annotations

import json
import select
import subprocess
import sys
import threading
import time
from dataclasses import asdict

from ..errors import E, WirecoderError
from ..readers import ArticleInput
from ..record import Record
from .layers import LAYERS, error_row, event_rows, record_rows
from .partitions import Partition, write_partition

STARTUP_LIMIT = 600  # seconds a child may take to load the model


class Sandbox:
    """The child process of one worker, started on demand and restarted after a kill."""

    def __init__(self, stages: tuple[str, ...]):
        self.stages = stages
        self.process: subprocess.Popen | None = None
        self.ready = False

    def start(self) -> None:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "wirecoder.batch.child", ",".join(self.stages)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
            self.ready = False

    def _wait_ready(self) -> None:
        self.start()
        if self.ready:
            return
        line = self._read(STARTUP_LIMIT)
        message = json.loads(line) if line else {"fatal": f"it exited with code {self.process.wait()}"}
        if "fatal" in message:
            self.close()
            raise WirecoderError(E.E092, detail=message["fatal"])
        self.ready = True

    def _read(self, seconds: float) -> str | None:
        """One line from the child, or None when it did not answer in time."""
        readable, _, _ = select.select([self.process.stdout], [], [], seconds)
        return self.process.stdout.readline() if readable else None

    def extract(self, article: ArticleInput, where: str, limit: float) -> dict:
        """``{"record": ...}`` or ``{"error": {"code", "message", "stage"}}`` for one article."""
        self._wait_ready()
        try:
            self.process.stdin.write(json.dumps(asdict(article), ensure_ascii=False) + "\n")
            self.process.stdin.flush()
            line = self._read(limit)
        except BrokenPipeError:
            line = ""
        if line is None:  # past the limit: stop the work itself, not just the waiting
            self.close()
            return _error(WirecoderError(E.E090, where=where, seconds=limit))
        if not line:
            code = self.process.wait()
            self.process = None
            detail = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
            return _error(WirecoderError(E.E091, where=where, detail=detail))
        return json.loads(line)

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            for stream in (self.process.stdin, self.process.stdout):
                stream.close()
        self.process, self.ready = None, False


def _error(err: WirecoderError) -> dict:
    return {"error": {"code": err.code, "message": str(err), "stage": None}}


_sandboxes: dict[tuple[str, ...], Sandbox] = {}
_lock = threading.Lock()  # guards _sandboxes
_running = threading.Lock()  # one partition at a time through a worker's child


def sandbox(stages) -> Sandbox:
    """This process's sandbox for these stages (one per worker process)."""
    key = tuple(stages)
    with _lock:
        if key not in _sandboxes:
            _sandboxes[key] = Sandbox(key)
        return _sandboxes[key]


def close_sandboxes() -> None:
    with _lock:
        for box in _sandboxes.values():
            box.close()
        _sandboxes.clear()


def run_partition(partition: Partition, out: str, time_limit: float, stages: tuple[str, ...]) -> dict:
    """Extract one partition and write its part files; return its counts (a Dask task).

    An error that stops the partition (the pipeline cannot be built, the part files
    cannot be written) comes back as ``{"fatal": ...}``: catalogue errors do not
    travel as exceptions between Dask processes."""
    try:
        return _run_partition(partition, out, time_limit, stages)
    except WirecoderError as err:
        return {"partition": partition.index, "fatal": {"code": err.code, "message": str(err),
                                                        "detail": err.fields.get("detail", "")}}


def _run_partition(partition: Partition, out: str, time_limit: float, stages: tuple[str, ...]) -> dict:
    started = time.perf_counter()
    box = sandbox(stages)
    rows: dict[str, list[dict]] = {name: [] for name in LAYERS}
    rows["errors"] = list(partition.errors)
    with _running:
        for position, input_name, article in partition.articles:
            answer = box.extract(article, f"{article.id} in {input_name}", time_limit)
            if "error" in answer:
                failed = answer["error"]
                rows["errors"].append(error_row(article.id, input_name, partition.index, position,
                                                failed["code"], failed["message"], failed["stage"]))
                continue
            record = Record.model_validate(answer["record"])
            events = _events(record, stages)
            if isinstance(events, WirecoderError):
                rows["errors"].append(error_row(article.id, input_name, partition.index, position, events.code,
                                                str(events)))
                continue
            for layer, new in record_rows(record, input_name, partition.index, position).items():
                rows[layer] += new
            rows["events"] += events
    rows["errors"].sort(key=lambda r: r["position"])
    seconds = time.perf_counter() - started
    write_partition(out, partition, rows, seconds)
    return {"partition": partition.index, "articles": partition.size, "seconds": seconds, "skipped": False,
            "errors": [(row["code"], row["message"]) for row in rows["errors"]]}


def _events(record: Record, stages) -> list[dict] | WirecoderError:
    """The record's events as export-table rows, through the store's own writer and
    queries (an in-memory store per article, so an article's rows depend on it alone)."""
    from ..errors import StoreError
    from ..export.items import items
    from ..store import Filters, Store
    from ..store.writer import write

    with Store(":memory:") as store:
        try:
            write(store, record, stages=stages)
        except StoreError as err:
            return err
        order = {event.id: i for i, event in enumerate(record.events)}
        found = sorted(items(store, Filters(background=True)), key=lambda item: order[item.id.rsplit("#", 1)[1]])
        return event_rows(found)


try:
    from distributed import WorkerPlugin
except ImportError:  # dask is optional: `wirecoder batch` says so when run (E057)
    WorkerPlugin = object


class Warmup(WorkerPlugin):
    """Starts the worker's child as the worker starts (the model loads while it waits for work)."""

    name = "wirecoder-pipeline"

    def __init__(self, stages):
        self.stages = tuple(stages)

    def setup(self, worker=None):
        sandbox(self.stages).start()

    def teardown(self, worker=None):
        close_sandboxes()
