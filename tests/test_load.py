"""The HTTP server under load: `wirecoder serve` in one process, the load script
(benchmarks/load.py) in another, readers hammering it while an ingest writes.

The default suite runs a 5 s smoke with 20 clients and a writer thread storing
hand-built records; ``make test-long`` runs 100 clients for 60 s
(WIRECODER_LOAD_SECONDS) while POST /ingest extracts and stores articles.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from serving import ROOT, Server
from store_records import meeting_report, odesa_report, strike_report
from wirecoder.store import Store, write

TOKEN = "load-test-token"
TOWNS = ["Arvo", "Belmira", "Corvan", "Dastria", "Elvo", "Fennick", "Gorska", "Halden"]


def seeded_store(path: Path) -> Path:
    with Store(path) as store:
        for n in range(6):
            write(store, strike_report(id=f"s{n}", url=f"https://wire.example/s{n}", dead=30 + n, injured=n,
                                       day="2025-01-18", published="2025-01-18"))
        write(store, odesa_report())
        write(store, meeting_report())
    return path


def load(url: str, clients: int, seconds: float, *extra: str) -> dict:
    """benchmarks/load.py in a second process; its JSON summary."""
    done = subprocess.run([sys.executable, "-m", "benchmarks.load", "--url", url, "--clients", str(clients),
                           "--seconds", str(seconds), "--json", *extra], cwd=ROOT, capture_output=True,
                          text=True, timeout=seconds + 240)
    assert done.stdout.strip(), done.stderr
    result = json.loads(done.stdout)
    print(f"\nload: {clients} clients, {result['reads']['requests']} reads, {result['errors']} errors, "
          f"p50 {result['reads']['p50_ms']:.0f} ms, p95 {result['reads']['p95_ms']:.0f} ms, "
          f"p99 {result['reads']['p99_ms']:.0f} ms, {result['ingested']} ingested")
    return result


def test_smoke_readers_get_answers_while_a_writer_stores(tmp_path):
    """Then, on the same server (one start is seconds of the suite): errors are counted and exit 1."""
    db = seeded_store(tmp_path / "news.db")
    server = Server(db, tmp_path / "server.log", TOKEN)
    stop, written, failures = threading.Event(), [], []

    def writer():
        try:
            with Store(db) as store:
                n = 0
                while not stop.is_set():
                    write(store, strike_report(id=f"w{n}", url=f"https://wire.example/w{n}", dead=n + 1,
                                               injured=None, day="2025-02-01", published="2025-02-01"))
                    written.append(n)
                    n += 1
                    time.sleep(0.02)
        except Exception as err:  # noqa: BLE001 - reported by the assertion below
            failures.append(err)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        result = load(server.url, 20, 5)
        stop.set()
        thread.join(timeout=30)
        refused = subprocess.run([sys.executable, "-m", "benchmarks.load", "--url", server.url, "--clients", "2",
                                  "--seconds", "1", "--ingest", str(_articles(tmp_path, 1)), "--token", "wrong"],
                                 cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        stop.set()
        thread.join(timeout=30)
        server.stop()
    assert not failures
    assert result["errors"] == 0, result["examples"]
    assert result["reads"]["requests"] >= 20 and len(written) >= 5
    assert set(result["endpoints"]) >= {"/articles", "/events", "/search", "/stories", "/timeline"}
    with Store(db, create=False) as store:
        assert store.integrity_check() == ["ok"]
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "POST /ingest" in refused.stdout and "HTTP 401" in refused.stdout


def test_an_idle_connection_outlives_the_clients_keep_alive(tmp_path):
    """A connection left idle 6 s (httpx drops its own after 5 s) still answers: a server that closed it
    first would race a client reusing it, which then gets no answer at all."""
    server = Server(seeded_store(tmp_path / "news.db"), tmp_path / "server.log", TOKEN)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        connection.request("GET", "/articles?limit=1")
        assert connection.getresponse().read()
        time.sleep(6)
        connection.request("GET", "/articles?limit=1")
        answer = connection.getresponse()
        assert answer.status == 200 and json.loads(answer.read())["items"]
        connection.close()
    finally:
        server.stop()


def _articles(folder: Path, n: int) -> Path:
    path = folder / "feed.jsonl"
    lines = []
    for i in range(n):
        town = TOWNS[i % len(TOWNS)]
        text = (f"Rebel fighters shelled the town of {town} on Monday, killing {i + 2} civilians, the governor "
                f"of the province said. Talks between the two sides were suspended, officials said in report "
                f"{i}. \"We will answer this attack,\" the defence minister told reporters.")
        lines.append(json.dumps({"id": f"load-{i}", "text": text, "published": "2025-03-12",
                                 "url": f"https://wire.example/load/{i}"}))
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.long
@pytest.mark.model
def test_long_100_clients_while_post_ingest_extracts_and_stores(tmp_path):
    seconds = float(os.environ.get("WIRECODER_LOAD_SECONDS", "60"))
    clients = int(os.environ.get("WIRECODER_LOAD_CLIENTS", "100"))
    db = seeded_store(tmp_path / "news.db")
    server = Server(db, tmp_path / "server.log", TOKEN)
    try:
        warm_up = urllib.request.Request(f"{server.url}/extract", data=json.dumps({"text": "Talks resumed."}).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(warm_up, timeout=300) as answer:  # spaCy loads before the clock starts
            assert answer.status == 200
        result = load(server.url, clients, seconds, "--ingest", str(_articles(tmp_path, 400)), "--token", TOKEN)
    finally:
        server.stop()
    assert result["errors"] == 0, result["examples"]
    assert result["ingested"] >= 1 and result["reads"]["requests"] >= clients
    with Store(db, create=False) as store:
        assert store.integrity_check() == ["ok"]
        assert store.counts()["articles"] == 8 + result["ingested"]
