"""Shared fixtures: the pipeline (loaded once per session) and the shared data.

Tests that need the benchmark data or the reference article read them from
WIRECODER_SHARED (default ../shared) and FAIL, not skip, when it is missing:
they are core tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wirecoder.settings import shared_dir


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if not (path / "seed").is_dir():
        pytest.fail(f"benchmark data not found at {path}: set WIRECODER_SHARED (default ../shared)")
    return path


@pytest.fixture(scope="session")
def seed_text(shared) -> str:
    return (shared / "seed" / "000_ef1304a02acc3a72.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pipeline():
    from wirecoder.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_record(pipeline, seed_text):
    from wirecoder.readers import make_article

    return pipeline.extract(make_article(seed_text, "seed", published="2025-12-07"))


@pytest.fixture
def extract(pipeline):
    """Extract a record from a short text: extract("...", published="2025-03-12")."""
    from wirecoder.readers import make_article

    def run(text: str, published: str | None = "2025-03-12"):
        return pipeline.extract(make_article(text, "test", published=published))

    return run


def pytest_collection_modifyitems(config, items):
    """Tests marked ``long`` run only when asked for (``make test-long`` selects ``-m long``)."""
    expression = " ".join((config.getoption("markexpr") or "").split())
    if "long" in expression.split() and "not long" not in expression:
        return
    skip = pytest.mark.skip(reason="a long run: make test-long")
    for item in items:
        if "long" in item.keywords:
            item.add_marker(skip)


def pytest_configure(config):
    os.environ.setdefault("WIRECODER_SHARED", str(Path(__file__).resolve().parents[1].parent / "shared"))
