"""Score containers and the table printer shared by every evaluation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Row:
    """One line of an evaluation table.

    ``key`` names the figure pinned in floors.json (wirecoder rows only): the F1
    for a PRF row (recall for ``only_recall``), else ``value``.
    """

    task: str
    system: str
    score: PRF | None
    n: int | None
    value: float | None = None
    key: str | None = None
    only_recall: bool = False
    lower_is_better: bool = False

    @property
    def figure(self) -> float | None:
        if self.score is not None:
            return self.score.recall if self.only_recall else self.score.f1
        return self.value


def format_table(title: str, rows: list[Row]) -> str:
    width = max([len(r.task) for r in rows] + [20])
    lines = [f"## {title}", "",
             f"| {'task':<{width}} | {'system':<14} |     P |     R |    F1 | value |      n |",
             f"|{'-' * (width + 2)}|{'-' * 16}|-------|-------|-------|-------|--------|"]
    for r in rows:
        p = f"{r.score.precision:5.3f}" if r.score and not r.only_recall else "    -"
        rec = f"{r.score.recall:5.3f}" if r.score else "    -"
        f1 = f"{r.score.f1:5.3f}" if r.score and not r.only_recall else "    -"
        value = f"{r.value:5.3g}" if r.value is not None else "    -"
        n = f"{r.n:6d}" if r.n is not None else "     -"
        lines.append(f"| {r.task:<{width}} | {r.system:<14} | {p} | {rec} | {f1} | {value} | {n} |")
    return "\n".join(lines)
