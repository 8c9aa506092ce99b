"""`make bench` section ``web``: every page and API list on a generated store of 10,000 articles.

    python -m benchmarks.bench_web                       # 10,000 articles, 20 requests per endpoint
    python -m benchmarks.bench_web --articles 2000 --requests 10 --only /ui/events

The store comes from ``web_store.py`` (hand-built records through the store's writer,
no spaCy), cached under the temp folder; each run measures a fresh copy of it, so
the cached file stays as generated (a pending migration is applied to the copy, at
start, as ``wirecoder serve`` applies it). Requests go in-process to the ASGI app
of ``wirecoder serve`` through Starlette's ``TestClient`` (the same app and
threadpool, without a socket): the figures are the server's own time plus a
fraction of a millisecond of client. Each endpoint is asked once to warm up, then
``--requests`` times, cycling through its variants (other articles, actors,
stories; the filters, sorts and deep pages listed in ``ENDPOINTS``).

Prints one table: endpoint, p50, p95 and max in ms (wall clock), the median CPU
time of a request (this process's, server and client: what the endpoint costs
whatever else the machine runs), and whether p95 is under the budget (issue 13:
300 ms). The header gives the load average: on a shared machine the wall-clock
figures grow with it, the CPU figures do not. Exit code 1 when one is not, or answered an error.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .load import percentile
from .web_store import cached_store

BUDGET_MS = 300.0
ARTICLES = 10_000

# name -> paths (asked in turn). {article}, {actor}, {story} are filled from the store.
ENDPOINTS = {
    "page /": ["/"],
    "page / deep (offset 9000)": ["/?offset=9000"],
    "page / search": ["/?q=checkpoints", "/?q=aid", "/?q=protested"],
    "page article": ["/ui/articles/{article}"],
    "page events": ["/ui/events"],
    "page events filtered": ["/ui/events?type=ASSAULT&country=UKR", "/ui/events?status=planned",
                             "/ui/events?actor={actor}", "/ui/events?place={place}",
                             "/ui/events?since=2023&until=2023-06"],
    "page events sorted": ["/ui/events?sort=fatalities&order=desc", "/ui/events?sort=place",
                           "/ui/events?sort=source&order=desc", "/ui/events?type=CONSULT&sort=country"],
    "page events deep (offset 20000)": ["/ui/events?offset=20000", "/ui/events?sort=type&offset=15000"],
    "page timeline": ["/ui/timeline", "/ui/timeline?type=PROTEST"],
    "page timeline actor/story/query": ["/ui/timeline?actor={actor}", "/ui/timeline?story={story}",
                                        "/ui/timeline?q=fuel"],
    "page map": ["/ui/map", "/ui/map?type=ASSAULT", "/ui/map?country=SDN"],
    "page actors": ["/ui/actors", "/ui/actors?kind=person", "/ui/actors?offset=200"],
    "page actor": ["/ui/actor?name={actor}"],
    "page stories": ["/ui/stories", "/ui/stories?min_sources=3", "/ui/stories?type=ASSAULT&offset=500"],
    "page story": ["/ui/stories/{story}"],
    "api /articles": ["/articles", "/articles?offset=9000", "/articles?type=PROTEST&limit=20"],
    "api /articles/{id}": ["/articles/{article}"],
    "api /events": ["/events", "/events?limit=200"],
    "api /events filtered": ["/events?type=ASSAULT&country=UKR", "/events?actor={actor}",
                             "/events?place={place}", "/events?since=2024-01&until=2024-03&status=occurred"],
    "api /events deep (offset 20000)": ["/events?offset=20000", "/events?type=ASSAULT&offset=5000"],
    "api /quotes": ["/quotes", "/quotes?actor={actor}", "/quotes?match=answer&limit=20",
                    "/quotes?offset=10000"],
    "api /actors": ["/actors", "/actors?kind=person", "/actors?country=UKR&offset=20"],
    "api /actors?kind=place (places)": ["/actors?kind=place", "/actors?kind=place&offset=100"],
    "api /stories": ["/stories", "/stories?min_sources=3", "/stories?type=ASSAULT&offset=500"],
    "api /stories/{id}": ["/stories/{story}"],
    "api /timeline": ["/timeline?actor={actor}", "/timeline?story={story}"],
    "api /search": ["/search?q=checkpoints", "/search?q=aid&type=AID", "/search?q=answer&quotes=true",
                    "/search?q=fuel&offset=500"],
}


def _samples(store_path: Path) -> dict[str, list[str]]:
    """Values to fill the paths with: articles, actors, places and stories of the store."""
    db = sqlite3.connect(store_path)
    try:
        pick = lambda sql: [row[0] for row in db.execute(sql)]  # noqa: E731
        return {
            "article": pick("SELECT id FROM articles ORDER BY pk % 97, pk LIMIT 40"),
            "actor": [name.split()[-1].lower() for name in pick(
                "SELECT DISTINCT name FROM entities WHERE kind = 'person' ORDER BY name LIMIT 40")],
            "place": pick("SELECT DISTINCT name FROM entities WHERE kind = 'place' ORDER BY name LIMIT 40"),
            "story": [str(pk) for pk in pick("SELECT pk FROM stories ORDER BY n_articles DESC, pk LIMIT 40")],
        }
    finally:
        db.close()


def _counts(store_path: Path) -> dict[str, int]:
    db = sqlite3.connect(store_path)
    try:
        return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("events", "quotes", "entities", "stories")}
    finally:
        db.close()


def _paths(templates: list[str], samples: dict[str, list[str]], n: int) -> list[str]:
    from urllib.parse import quote

    paths = []
    for i in range(n):
        template = templates[i % len(templates)]
        values = {k: quote(v[(i // len(templates)) % len(v)], safe="") for k, v in samples.items() if v}
        paths.append(template.format(**values))
    return paths


def measure(client, paths: list[str]) -> tuple[list[float], list[float], list[str]]:
    """Milliseconds per request (wall clock, and this process's CPU: server and client), and
    the errors (any answer but 200)."""
    times, cpu, errors = [], [], []
    client.get(paths[0])  # warm-up: templates compiled, pages of the file cached
    for path in paths:
        started, cpu_started = time.perf_counter(), time.process_time()
        answer = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        if answer.status_code != 200:
            errors.append(f"{path}: HTTP {answer.status_code} {answer.text[:200]}")
    return times, cpu, errors


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def run(articles: int = ARTICLES, requests: int = 20, only: str | None = None, budget: float = BUDGET_MS,
        progress=_stderr) -> tuple[list[str], bool]:
    """Measure every endpoint; the table's lines, and whether all passed."""
    from fastapi.testclient import TestClient

    from wirecoder.web.api import create_app

    cached = cached_store(articles, progress=progress)
    with tempfile.TemporaryDirectory(prefix="wirecoder-bench-web-") as folder:
        path = Path(folder) / "store.db"
        shutil.copyfile(cached, path)
        started = time.perf_counter()
        client = TestClient(create_app(str(path)))
        opened = time.perf_counter() - started
        samples = _samples(path)
        counts = _counts(path)
        load = os.getloadavg()[0]
        lines = [f"## web: {articles} generated articles ({counts['events']} events, {counts['quotes']} quotes, "
                 f"{counts['entities']} entities, {counts['stories']} stories), {requests} requests per endpoint, "
                 f"in-process (TestClient); app start {opened * 1000:.0f} ms; load average {load:.1f} on "
                 f"{os.cpu_count()} cores", "",
                 f"| endpoint | p50 ms | p95 ms | max ms | CPU p50 ms | p95 < {budget:.0f} ms |",
                 "|---|---|---|---|---|---|"]
        passed, failures = True, []
        for name, templates in ENDPOINTS.items():
            if only and only not in name and not any(only in t for t in templates):
                continue
            times, cpu, errors = measure(client, _paths(templates, samples, requests))
            p95 = percentile(times, 95)
            ok = p95 < budget and not errors
            passed &= ok
            failures += errors[:3]
            lines.append(f"| {name} | {statistics.median(times):.0f} | {p95:.0f} | {max(times):.0f} | "
                         f"{statistics.median(cpu):.0f} | {'pass' if ok else 'FAIL' + (' (errors)' if errors else '')} |")
            progress(lines[-1])
        client.close()
    if failures:
        lines += ["", "errors:", *(f"- {e}" for e in failures)]
    return lines, passed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_web", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=ARTICLES, help=f"articles in the store (default {ARTICLES})")
    parser.add_argument("--requests", type=int, default=20, help="requests per endpoint (default 20)")
    parser.add_argument("--only", help="only the endpoints whose name or path contains this text")
    parser.add_argument("--budget", type=float, default=BUDGET_MS, help=f"p95 budget in ms (default {BUDGET_MS:.0f})")
    args = parser.parse_args(argv)
    lines, passed = run(args.articles, args.requests, args.only, args.budget)
    print("\n".join(lines))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
