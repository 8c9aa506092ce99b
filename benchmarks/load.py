"""Load on `wirecoder serve`: many concurrent readers while an ingest writes.

    .venv/bin/wirecoder serve --db news.db --token T --port 8765 &
    .venv/bin/python -m benchmarks.load --url http://127.0.0.1:8765 --clients 100 --seconds 60 \\
        --ingest articles.jsonl --token T

``--clients`` asyncio clients (httpx) each send one read request after another
-- articles, one article's record, events, quotes, actors, stories, search --
for ``--seconds``; with ``--ingest`` one more client posts the JSON Lines
articles to POST /ingest meanwhile (each extracted and stored by the server).
An error is any answer but 200 (201 for an ingest), or no answer within
``--timeout`` seconds. Prints a table (requests, errors, p50/p95/p99 latency
per endpoint and overall); ``--json`` prints the summary as one JSON object
instead. Exit code 1 when any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

READS = ["/articles?limit=20", "/article", "/events?limit=50", "/events?type=ASSAULT&limit=20",
         "/quotes?limit=20", "/actors?limit=20", "/stories?limit=20", "/search?q=talks", "/timeline?actor=a"]


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def add(self, name: str, seconds: float, problem: str | None) -> None:
        self.latencies[name].append(seconds)
        if problem:
            self.errors[name] += 1
            if len(self.examples) < 5:
                self.examples.append(f"{name}: {problem}")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


async def _reader(client, paths: list[str], offset: int, deadline: float, tally: Tally, article_ids: list[str]):
    n = offset
    while time.monotonic() < deadline:
        path = paths[n % len(paths)]
        n += 1
        name = path.split("?")[0]
        if path == "/article":
            path = f"/articles/{article_ids[n % len(article_ids)]}" if article_ids else "/articles?limit=1"
        began = time.monotonic()
        try:
            answer = await client.get(path)
            problem = None if answer.status_code == 200 else f"HTTP {answer.status_code} {answer.text[:200]}"
        except Exception as err:  # noqa: BLE001 - a transport error is a failed request, counted and shown
            problem = f"{type(err).__name__}: {err}"
        tally.add(name, time.monotonic() - began, problem)


async def _ingester(client, articles: list[dict], token: str, deadline: float, tally: Tally) -> int:
    stored = 0
    for article in articles:
        if time.monotonic() >= deadline:
            break
        began = time.monotonic()
        try:
            answer = await client.post("/ingest", json=article, headers={"Authorization": f"Bearer {token}"})
            problem = None if answer.status_code == 201 else f"HTTP {answer.status_code} {answer.text[:200]}"
        except Exception as err:  # noqa: BLE001 - a transport error is a failed request, counted and shown
            problem = f"{type(err).__name__}: {err}"
        stored += problem is None
        tally.add("POST /ingest", time.monotonic() - began, problem)
    return stored


async def run(url: str, clients: int = 100, seconds: float = 60.0, ingest: list[dict] | None = None,
              token: str = "", timeout: float = 30.0) -> dict:
    """Load the server at ``url``; return the summary (see ``table`` for its shape)."""
    import httpx

    limits = httpx.Limits(max_connections=clients + 1, max_keepalive_connections=clients + 1)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as client:
        listed = (await client.get("/articles?limit=100")).json()["items"]
        article_ids = [item["id"] for item in listed]
        tally = Tally()
        began = time.monotonic()
        deadline = began + seconds
        tasks = [_reader(client, READS, i, deadline, tally, article_ids) for i in range(clients)]
        if ingest:
            tasks.append(_ingester(client, ingest, token, deadline, tally))
        results = await asyncio.gather(*tasks)
        elapsed = time.monotonic() - began
    stored = results[-1] if ingest else 0
    return summary(tally, elapsed, clients, stored)


def summary(tally: Tally, elapsed: float, clients: int, ingested: int) -> dict:
    def row(values: list[float], errors: int) -> dict:
        return {"requests": len(values), "errors": errors, "p50_ms": 1000 * percentile(values, 50),
                "p95_ms": 1000 * percentile(values, 95), "p99_ms": 1000 * percentile(values, 99),
                "max_ms": 1000 * max(values, default=0.0)}

    endpoints = {name: row(values, tally.errors[name]) for name, values in sorted(tally.latencies.items())}
    reads = [v for name, values in tally.latencies.items() if name != "POST /ingest" for v in values]
    read_errors = sum(n for name, n in tally.errors.items() if name != "POST /ingest")
    overall = row(reads, read_errors)
    overall["per_second"] = len(reads) / elapsed if elapsed else 0.0
    return {"clients": clients, "seconds": round(elapsed, 1), "ingested": ingested, "reads": overall,
            "endpoints": endpoints, "errors": sum(tally.errors.values()), "examples": tally.examples}


def table(result: dict) -> str:
    lines = [f"{result['clients']} clients for {result['seconds']} s; {result['ingested']} articles ingested "
             f"meanwhile; {result['reads']['per_second']:.0f} reads/s",
             f"{'endpoint':<16} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}"]
    for name, row in [*result["endpoints"].items(), ("all reads", result["reads"])]:
        lines.append(f"{name:<16} {row['requests']:>9} {row['errors']:>7} {row['p50_ms']:>8.0f} "
                     f"{row['p95_ms']:>8.0f} {row['p99_ms']:>8.0f} {row['max_ms']:>8.0f}")
    lines += [f"  e.g. {example}" for example in result["examples"]]
    return "\n".join(lines)


def read_jsonl(path: str) -> list[dict]:
    keys = ("text", "id", "title", "url", "source", "published")
    with open(path, encoding="utf-8") as handle:
        return [{k: v for k, v in json.loads(line).items() if k in keys} for line in handle if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="the server (default http://127.0.0.1:8000)")
    parser.add_argument("--clients", type=int, default=100, help="concurrent readers (default 100)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long (default 60)")
    parser.add_argument("--ingest", metavar="JSONL", help="articles to POST /ingest while the readers read")
    parser.add_argument("--token", default="", help="the server's --token (for --ingest)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds a request may take (default 30)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    if args.ingest and not Path(args.ingest).is_file():
        parser.error(f"{args.ingest}: no such file")
    articles = read_jsonl(args.ingest) if args.ingest else None
    result = asyncio.run(run(args.url, args.clients, args.seconds, articles, args.token, args.timeout))
    print(json.dumps(result) if args.json else table(result))
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
