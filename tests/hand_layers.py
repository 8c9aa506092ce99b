"""Layer items built by hand, for tests that feed one stage exactly what it reads."""

from dataclasses import dataclass


@dataclass
class HandTime:
    """A times-layer item as the times stage makes it (the fields other stages read)."""

    id: str
    text: str
    start: int
    end: int
    kind: str
    start_date: str | None
    end_date: str | None
    precision: str = "day"
    value: str | None = None
