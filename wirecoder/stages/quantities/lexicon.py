"""The quantities lexicons, loaded once per process from wirecoder/data/quantities/.

``number_words.csv`` gives the value of number words ("twelve", "dozen",
"million") and of vague plurals ("dozens", "hundreds": a lower bound, marked
approximate); ``approx_cues.csv`` the words before a number that make it an
estimate or a bound ("some", "at least", "more than").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from ...errors import E, SetupError
from ...settings import DATA_DIR

QUANTITY_DIR = DATA_DIR / "quantities"


def read_csv(path) -> list[dict]:
    """Rows of a data CSV; lines whose first cell starts with # are comments."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            lines = [line for line in handle if not line.startswith("#")]
    except OSError as err:
        raise SetupError(E.E021, path=str(path), detail=str(err)) from None
    return list(csv.DictReader(lines))


@dataclass(frozen=True)
class NumberWord:
    value: float
    kind: str  # unit, scale, vague


@dataclass(frozen=True)
class QuantityLexicon:
    words: dict[str, NumberWord]
    approx_cues: dict[tuple[str, ...], str]  # cue words -> about | min | max

    @property
    def longest_cue(self) -> int:
        return max((len(cue) for cue in self.approx_cues), default=1)


@lru_cache(maxsize=1)
def quantity_lexicon() -> QuantityLexicon:
    words = {row["word"].strip().lower(): NumberWord(float(row["value"]), row["kind"].strip())
             for row in read_csv(QUANTITY_DIR / "number_words.csv")}
    cues = {tuple(row["cue"].lower().split()): row["meaning"].strip()
            for row in read_csv(QUANTITY_DIR / "approx_cues.csv")}
    return QuantityLexicon(words, cues)
