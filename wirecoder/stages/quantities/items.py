"""The quantities stage's item and its conversion to the record."""

from __future__ import annotations

from dataclasses import dataclass

from ... import record


@dataclass(frozen=True)
class QuantityItem:
    """One count: "some 1,600 Russian drone attacks" -> 1600, approx, "drone attacks".

    ``head_start``/``head_end`` are the character offsets of the counted noun
    (the events stage links counts to events through them); ``bound`` says
    whether the cue made it an estimate ("about"), a floor ("at least") or a
    ceiling ("up to").
    """

    id: str
    text: str
    start: int
    end: int
    value: float
    approx: bool = False
    unit: str | None = None
    counted: str | None = None
    period: str | None = None
    bound: str | None = None  # about, min, max
    head_start: int | None = None
    head_end: int | None = None

    def to_record(self, text: str = "") -> record.Quantity:
        return record.Quantity(id=self.id, text=self.text, start=self.start, end=self.end,
                               value=self.value, approx=self.approx, unit=self.unit,
                               counted=self.counted, period=self.period)
