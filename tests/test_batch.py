"""`wirecoder batch`: partitions, Parquet layers, errors, time limit, resume, real Dask.

The articles are invented. The Dask tests start real processes: a `dask
scheduler` and two `dask worker`s over tcp on 127.0.0.1 (the same records as
`wirecoder extract`, row for row), and a one-worker LocalCluster (a failing and
a hanging article, then a rerun). Each worker loads the model once, in its
extraction process. The hanging article is made to hang through the test-only
setting WIRECODER_BATCH_STALL (see wirecoder/batch/child.py).
"""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from wirecoder.batch import LAYERS, run
from wirecoder.batch.partitions import Partition, done, partitions, prepare, write_partition
from wirecoder.errors import InputError
from wirecoder.readers import make_article

ARTICLES = [
    {"id": "b1", "published": "2025-03-12", "text": "Colonel Ivo Marek, the army spokesman, said on Monday that "
     "rebels had attacked a police post in the town of Mykolaiv, killing three officers."},
    {"id": "b2", "published": "2025-03-12", "text": "The foreign ministers of Brazil and Kenya met in Geneva on "
     "Tuesday to discuss a ceasefire, officials said."},
    {"id": "b3", "published": "2025-03-14", "text": "Hundreds of protesters marched through Nairobi on Friday "
     "demanding the release of detained journalists, police said."},
    {"id": "b4", "published": "2025-03-15", "text": '"We will not negotiate under fire," Prime Minister Lena '
     'Darcy told reporters in Dublin on Saturday.'},
    {"id": "b5", "published": "2025-03-16", "text": "Drones struck a fuel depot near Odesa overnight, "
     "the regional governor wrote on Telegram, adding that about 40 firefighters fought the blaze."},
    {"id": "b6", "published": "2025-03-17", "text": "Germany pledged 200 million euros in humanitarian aid to "
     "Sudan on Monday, the development ministry said in a statement."},
]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def table(out: Path, layer: str) -> list[dict]:
    import pyarrow.dataset as ds

    return ds.dataset(out / layer, format="parquet").to_table().to_pylist()


# -- partitions and their files, without Dask ---------------------------------------------

def test_partitions_follow_input_order_and_keep_reading_errors():
    items = [("in.jsonl", make_article(f"Text number {i}.", "t", id=f"a{i}")) for i in range(5)]
    items.insert(2, ("in.jsonl", InputError(__import__("wirecoder.errors").errors.E.E005, where="in.jsonl:3",
                                            value="x")))
    parts = list(partitions(items, 2))
    assert [p.index for p in parts] == [0, 1, 2]
    assert [[pos for pos, _, _ in p.articles] for p in parts] == [[0, 1], [3], [4, 5]]
    assert parts[1].errors[0]["code"] == "E005" and parts[1].errors[0]["position"] == 2
    assert parts[1].errors[0]["input"] == "in.jsonl:3"
    again = list(partitions(items, 2))
    assert [p.fingerprint for p in again] == [p.fingerprint for p in parts]


def test_a_written_partition_is_done_until_its_articles_change(tmp_path):
    out = prepare(tmp_path / "out", 2)
    partition = Partition(0, [(0, "in", make_article("One text.", "t", id="x"))])
    assert done(out, partition) is None
    write_partition(out, partition, {name: [] for name in LAYERS}, 0.5)
    assert done(out, partition)["rows"]["articles"] == 0
    assert sorted(p.name for p in (out / "events").iterdir()) == ["part-00000.parquet"]  # no temporary left
    changed = Partition(0, [(0, "in", make_article("Another text.", "t", id="x"))])
    assert done(out, changed) is None
    with pytest.raises(InputError) as err:
        prepare(tmp_path / "out", 3)
    assert err.value.code == "E094"


# -- a real scheduler and two workers over tcp ------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def scheduler():
    """`dask scheduler` and two `dask worker --nthreads 1` on 127.0.0.1, killed at teardown."""
    from distributed import Client

    dask = str(Path(sys.executable).parent / "dask")
    address = f"tcp://127.0.0.1:{_free_port()}"
    env = {**os.environ, "WIRECODER_SHARED": os.environ.get("WIRECODER_SHARED", "")}
    started = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                                 "--dashboard-address", ":0"], env=env, start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(2):
            started.append(subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--host", "127.0.0.1",
                                             "--no-dashboard", "--death-timeout", "60"], env=env,
                                            start_new_session=True, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL))
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for process in reversed(started):
            try:
                os.killpg(process.pid, 15)  # each in its own session: the worker's nanny, worker and extractor
            except ProcessLookupError:
                assert process.poll() is not None  # killed by a test on purpose
        for process in reversed(started):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()


@pytest.mark.model
def test_a_batch_on_a_tcp_cluster_holds_what_extract_gives_row_for_row(scheduler, tmp_path):
    import duckdb
    import pandas

    from wirecoder import cli
    from wirecoder.record import Record
    from wirecoder.store.claims import day

    source = write_jsonl(tmp_path / "news.jsonl", ARTICLES)
    summary = run([str(source)], str(tmp_path / "out"), scheduler=scheduler, partition_size=2)
    assert (summary.articles, summary.failed, summary.partitions) == (6, 0, 3)

    printed = io.StringIO()
    with redirect_stdout(printed):
        assert cli.main(["extract", str(source), "-q"]) == 0
    records = [Record.model_validate(json.loads(line)) for line in printed.getvalue().splitlines()]
    assert [r.article.id for r in records] == [a["id"] for a in ARTICLES]

    out = tmp_path / "out"
    assert [row["id"] for row in table(out, "articles")] == [a["id"] for a in ARTICLES]
    quotes = [{"article": r.article.id, **q.model_dump(mode="json")} for r in records for q in r.quotes]
    assert table(out, "quotes") == quotes and quotes
    places = [{"article": r.article.id, "entity": e.id, "kind": e.kind, "entity_name": e.name,
               **e.geo.model_dump()} for r in records for e in r.entities if e.geo is not None]
    assert table(out, "places") == places and places
    events = []
    for r in records:
        for v in r.events:
            events.append({"id": f"{r.article.id}#{v.id}", "type": v.type, "mode": v.mode, "status": v.status,
                           "trigger": v.evidence.trigger, "confidence": v.confidence, "fatalities": v.fatalities,
                           "when_start": day(v.when.start) if v.when else None,
                           "source_actors": [r.entity(e).name for e in v.source_actors],
                           "location_name": r.entity(v.location).name if v.location else None})
    assert [{key: row[key] for key in events[0]} for row in table(out, "events")] == events and events
    assert table(out, "errors") == []

    # pandas and DuckDB read the datasets as they are, no casts
    frame = pandas.read_parquet(out / "events")
    assert list(frame["id"]) == [e["id"] for e in events]
    assert str(frame["when_start"].dropna().iloc[0]) == str(next(e["when_start"] for e in events if e["when_start"]))
    found = duckdb.sql(f"SELECT count(*), count(DISTINCT article) FROM '{out}/mentions/*.parquet'").fetchall()[0]
    assert found == (sum(len(e.mentions) for r in records for e in r.entities), 6)


@pytest.mark.model
def test_a_worker_killed_mid_batch_loses_no_article(scheduler, tmp_path):
    """kill -9 of one worker (its nanny, worker and extraction process) while it extracts:
    its partition is run again on the other worker and every article lands once."""
    import threading

    from distributed import Client

    source = write_jsonl(tmp_path / "news.jsonl", [{**a, "id": f"k{n}"} for n, a in enumerate(ARTICLES * 2)])
    result = {}
    batch = threading.Thread(target=lambda: result.update(summary=run([str(source)], str(tmp_path / "out"),
                                                                      scheduler=scheduler, partition_size=1)))
    with Client(scheduler, timeout="60s") as client:
        batch.start()
        victim, deadline = None, time.monotonic() + 120
        while victim is None and time.monotonic() < deadline:
            busy = [w for w, tasks in client.processing().items() if tasks]
            victim = busy[0] if busy else None
            time.sleep(0.05)
        assert victim is not None, "no worker ever took a partition"
        pid = client.run(os.getpid, workers=[victim])[victim]
        os.killpg(os.getpgid(pid), 9)
        batch.join(timeout=300)
    assert not batch.is_alive()
    summary = result["summary"]
    assert (summary.articles, summary.failed) == (12, 0)
    assert sorted(row["id"] for row in table(tmp_path / "out", "articles")) == sorted(f"k{n}" for n in range(12))
    assert table(tmp_path / "out", "errors") == []


# -- a LocalCluster: a failing article, a hanging one, then a rerun -------------------------

@pytest.mark.model
def test_failed_and_hanging_articles_become_error_rows_and_a_rerun_skips_finished_partitions(tmp_path,
                                                                                             monkeypatch):
    monkeypatch.setenv("WIRECODER_BATCH_STALL", "@@hold-this-article@@")
    # the hanging article comes before another in the same worker: that one is extracted only if
    # the hanging work was really stopped (a fresh extraction process takes it)
    rows = [ARTICLES[1], {"id": "bad-date", "text": ARTICLES[2]["text"], "published": "the 32nd of March"},
            {"id": "hangs", "published": "2025-03-14",
             "text": "Talks between the two delegations resumed in Oslo. @@hold-this-article@@"}, ARTICLES[3]]
    source = write_jsonl(tmp_path / "news.jsonl", rows)
    out = tmp_path / "out"
    begun = time.monotonic()
    summary = run([str(source)], str(out), workers=1, partition_size=2, time_limit=3)
    assert summary.exit_code == 1 and (summary.articles, summary.failed) == (4, 2)
    errors = table(out, "errors")
    assert [(e["article"], e["code"], e["position"]) for e in errors] == [(None, "E005", 1), ("hangs", "E090", 2)]
    assert "time limit of 3 s" in errors[1]["message"] and "fix:" in errors[1]["message"]
    assert [row["id"] for row in table(out, "articles")] == ["b2", "b4"]
    took = time.monotonic() - begun

    written = {p: p.stat().st_mtime_ns for p in out.rglob("part-*")}
    begun = time.monotonic()
    again = run([str(source)], str(out), workers=1, partition_size=2, time_limit=3)
    assert (again.skipped, again.partitions, again.failed) == (2, 2, 2)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("part-*")} == written
    assert time.monotonic() - begun < took / 2  # no cluster, no model: nothing was left to run
