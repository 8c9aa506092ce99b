"""`make bench` sections for scale: worker processes, and article length.

- ``workers``: the same articles through the full pipeline in a pool of 1, then
  2, worker processes (spawned, each loading the model once, as a Dask worker
  does); wall time, articles per second, the speed-up, CPU seconds per article
  and each worker's peak resident memory. ``run_workers`` is the one place to
  switch to `wirecoder batch` once it exists.
- ``length``: synthetic articles of 1 to 200 KB, built by joining whole Guardian
  articles and cutting at a sentence end; time and time per KB for wirecoder and
  bare en_core_web_sm, and the ratio of 200 KB to 20 KB (linear growth: at most
  10x), with the stages that grow most.
"""

from __future__ import annotations

import gc
import os
import resource
import statistics
import time
from dataclasses import dataclass

from wirecoder.readers import make_article

from .datasets import guardian

SIZES_KB = (1, 5, 20, 50, 100, 200)
LINEAR_LIMIT = 10.0  # 200 KB may take at most 10x the time of 20 KB


@dataclass(frozen=True)
class PoolRun:
    workers: int
    articles: int
    seconds: float  # wall time, model load excluded
    cpu_seconds: float  # summed over the workers
    peak_mb: list[float]  # each worker's peak resident memory

    @property
    def rate(self) -> float:
        return self.articles / self.seconds


# -- worker processes ------------------------------------------------------------------
_WORKER = {}


def _start_worker(warm_up: str) -> None:
    from wirecoder.pipeline import Pipeline

    _WORKER["pipeline"] = pipeline = Pipeline()
    pipeline.extract(make_article(warm_up, "warm-up"))  # lexicons and the gazetteer load at first use
    gc.freeze()  # as the batch child does: collections skip the model and lexicons


def _pid(_) -> int:
    time.sleep(0.2)  # long enough that every worker takes one
    return os.getpid()


def _extract_batch(texts: list[tuple[str, str | None]]) -> int:
    articles = [make_article(text, f"b{i}", published=date) for i, (text, date) in enumerate(texts)]
    return sum(result.ok for result in _WORKER["pipeline"].pipe(articles))


def peak_mb() -> float:
    """This process's peak resident memory. Not ru_maxrss: Linux carries that over
    from the parent through fork and exec, so a spawned worker would report at least
    its parent's peak; VmHWM is the high-water mark of this process's own memory."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _usage(_) -> tuple[int, float, float]:
    time.sleep(0.2)
    me = resource.getrusage(resource.RUSAGE_SELF)
    return os.getpid(), me.ru_utime + me.ru_stime, peak_mb()


def balanced_batches(texts: list[tuple[str, str | None]], batch: int) -> list[list[tuple[str, str | None]]]:
    """``texts`` in batches of ``batch``, longest articles first: the workers take the next batch
    as they finish one, so the last batches are the shortest and no worker is left alone with a
    long one at the end (a speed-up measured with one worker idle would understate the second)."""
    ordered = sorted(texts, key=lambda item: -len(item[0]))
    return [ordered[i:i + batch] for i in range(0, len(ordered), batch)]


def run_workers(texts: list[tuple[str, str | None]], workers: int, batch: int = 2) -> PoolRun:
    """Extract ``texts`` (text, published) in ``workers`` spawned processes; time the work only."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_start_worker, initargs=(texts[0][0],)) as pool:
        while len(set(pool.map(_pid, range(workers * 2), chunksize=1))) < workers:
            pass  # every worker has loaded its model
        before = _pool_usage(pool, workers)
        started = time.perf_counter()
        done = sum(pool.imap_unordered(_extract_batch, balanced_batches(texts, batch)))
        seconds = time.perf_counter() - started
        after = _pool_usage(pool, workers)
    cpu = sum(after[pid][0] - before.get(pid, (0.0, 0.0))[0] for pid in after)
    return PoolRun(workers, done, seconds, cpu, [after[pid][1] for pid in sorted(after)])


def _pool_usage(pool, workers: int) -> dict[int, tuple[float, float]]:
    found: dict[int, tuple[float, float]] = {}
    while len(found) < workers:
        for pid, cpu, peak in pool.map(_usage, range(workers * 2), chunksize=1):
            found[pid] = (cpu, peak)
    return found


def workers_section(pipeline, limit: int | None = None, rounds: int = 1, figures: dict | None = None) -> list[str]:
    rows = guardian(limit)
    texts = [(row["text"], row.get("date") or None) for row in rows]
    load = os.getloadavg()[0]
    runs = [run_workers(texts, n) for n in (1, 2)]
    one, two = runs
    speedup = two.rate / one.rate
    cpu_ratio = (two.cpu_seconds / two.articles) / (one.cpu_seconds / one.articles)
    lines = [f"## workers: {len(texts)} Guardian articles, full pipeline, spawned processes "
             f"(load average {load:.1f} on {os.cpu_count()} cores at the start)", "",
             "| workers | wall s | articles/s | CPU s/article | peak memory per worker |", "|---|---|---|---|---|"]
    for run in runs:
        lines.append(f"| {run.workers} | {run.seconds:.1f} | {run.rate:.2f} | {run.cpu_seconds / run.articles:.3f} | "
                     + ", ".join(f"{mb:.0f} MB" for mb in run.peak_mb) + " |")
    lines += ["", f"speed-up 1 -> 2 workers: {speedup:.2f}x (wall); CPU per article with 2 workers is "
              f"{cpu_ratio:.2f}x that with 1 (above 1: the two compete for cores or memory bandwidth), so "
              f"the most 2 workers can give while they compete so is {2 / cpu_ratio:.2f}x; the wall figure is lower when other "
              f"processes hold the cores (load average {os.getloadavg()[0]:.1f} at the end)",
              f"{len(texts) / 2:.0f} articles per worker with 2, in batches of 2, longest first"]
    if figures is not None:
        figures.update(speedup=speedup, worker_peak_mb=max(max(r.peak_mb) for r in runs),
                       worker_rate_1=one.rate, worker_cpu_per_article=one.cpu_seconds / one.articles,
                       load_workers=load)
    return lines


# -- article length ----------------------------------------------------------------------
def synthetic(texts: list[str], kb: int) -> str:
    """Whole articles joined as paragraphs, cut at the last sentence end before ``kb`` KB."""
    target = kb * 1000
    parts, size = [], 0
    for text in texts * (1 + target // max(1, sum(map(len, texts)))):
        parts.append(text.strip())
        size += len(text) + 2
        if size >= target:
            break
    joined = "\n\n".join(parts)[:target]
    cut = joined.rfind(". ")
    return joined[:cut + 1] if cut > target // 2 else joined


def _timed(fn, article, repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``fn(article)``."""
    wall, cpu = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        fn(article)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return statistics.median(wall), statistics.median(cpu)


def length_section(pipeline, limit: int | None = None, rounds: int = 1, figures: dict | None = None) -> list[str]:
    texts = [row["text"] for row in guardian(None)]
    date = "2019-03-01"
    nlp = pipeline.nlp
    lines = ["## article length: synthetic articles of joined Guardian articles (median of 3 runs below 20 KB)", "",
             "CPU seconds of this process (wall seconds in brackets: on a shared machine they include waiting).", "",
             "| size | wirecoder CPU s | ms/KB | bare spaCy CPU s | ms/KB | ratio |", "|---|---|---|---|---|---|"]
    seconds, walls, stages = {}, {}, {}
    for kb in SIZES_KB:
        text = synthetic(texts, kb)
        article = make_article(text, f"length-{kb}", published=date)
        repeat = 3 if kb < 20 else 1
        pipeline.timings.clear()
        wall, ours = _timed(pipeline.extract, article, repeat)
        stages[kb] = {name: s / repeat for name, s in pipeline.timings.items()}
        bare_wall, bare = _timed(nlp, text, repeat)
        seconds[kb], walls[kb] = ours, wall
        size = len(text.encode("utf-8")) / 1000
        lines.append(f"| {kb} KB | {ours:.2f} ({wall:.2f}) | {1000 * ours / size:.1f} | {bare:.2f} ({bare_wall:.2f}) | "
                     f"{1000 * bare / size:.1f} | {ours / bare:.2f}x |")
    growth = seconds[200] / seconds[20]
    verdict = "linear" if growth <= LINEAR_LIMIT else "WORSE THAN LINEAR"
    lines += ["", f"200 KB / 20 KB: {growth:.1f}x the CPU time for 10x the text ({verdict}; the limit is "
              f"{LINEAR_LIMIT:.0f}x; wall: {walls[200] / walls[20]:.1f}x)", "",
              "stages whose time grows most from 20 KB to 200 KB (wall):", "",
              "| stage | 20 KB s | 200 KB s | growth |", "|---|---|---|---|"]
    grown = sorted(stages[200], key=lambda s: -stages[200][s] / max(stages[20].get(s, 0), 1e-6))
    for name in grown[:5]:
        lines.append(f"| {name} | {stages[20].get(name, 0):.3f} | {stages[200][name]:.3f} | "
                     f"{stages[200][name] / max(stages[20].get(name, 0), 1e-6):.1f}x |")
    if figures is not None:
        figures.update(growth=growth, seconds_20kb=seconds[20], seconds_200kb=seconds[200])
    return lines
