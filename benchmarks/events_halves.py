"""The ACLED 2016 figures on both halves of the dev notes, side by side.

    python -m benchmarks.events_halves

`make eval` reads every 2nd note (the even rows); the odd rows are never looked
at while tuning. A method that fits the notes rather than the task shows as a
gap between the two columns.
"""

from __future__ import annotations

import sys

from .events import acled2016


def main() -> int:
    from wirecoder.pipeline import Pipeline

    pipeline = Pipeline()
    halves = [acled2016(pipeline, offset) for offset in (0, 1)]
    print(f"| {'ACLED 2016 task':<92} | {'even':>6} | {'odd':>6} |")
    print(f"|{'-' * 94}|--------|--------|")
    for even, odd in zip(*halves):
        print(f"| {even.task[:92]:<92} | {even.figure:6.3f} | {odd.figure:6.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
