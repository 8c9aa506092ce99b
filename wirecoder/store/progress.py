"""A one-line progress bar for long ingests: count, rate and time left.

It draws on a terminal only (or when asked), at most a few times a second, and
never on stdout, so output stays clean in pipes and logs; its last line also goes
to the log at debug level (``-v``, ``--log-file`` with ``-v``).
"""

from __future__ import annotations

import logging
import time
from typing import TextIO

log = logging.getLogger("wirecoder")


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class Progress:
    def __init__(self, total: int | None, stream: TextIO, enabled: bool, label: str = "ingest",
                 width: int = 24, interval: float = 0.2):
        self.total, self.stream, self.enabled, self.label = total, stream, enabled, label
        self.width, self.interval = width, interval
        self.done = 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and now - self._drawn >= self.interval:
            self._drawn = now
            self.stream.write("\r" + self.line(now))
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        rate = self.done / elapsed
        if self.total:
            share = min(self.done / self.total, 1.0)
            filled = int(share * self.width)
            left = (self.total - self.done) / rate if rate > 0 else 0.0
            bar = "#" * filled + "-" * (self.width - filled)
            return (f"{self.label} [{bar}] {self.done}/{self.total} {share:4.0%} "
                    f"{rate:.1f} articles/s ETA {_clock(left)}")
        return f"{self.label} {self.done} articles {rate:.1f} articles/s elapsed {_clock(elapsed)}"

    def close(self) -> None:
        log.debug("%s", self.line())  # the final count and rate, also where no bar was drawn (-v, --log-file)
        if self.enabled:
            self.stream.write("\r" + self.line() + "\n")
            self.stream.flush()
