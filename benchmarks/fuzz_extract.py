"""Coverage-guided fuzzing of extraction with atheris (optional; run by hand).

    .venv/bin/python -m pip install atheris          # not in requirements/lock.txt
    .venv/bin/python -m benchmarks.fuzz_extract -max_total_time=120

Each input is decoded like a file (``make_article`` on the bytes) and, if it is
accepted, extracted; the record is then held to the properties of
tests/test_properties.py (offsets, ids, JSON Schema, counts within the text).
A coded refusal of the input (E002 empty, E003 binary, E004 bad UTF-8, E006 too
long) is an answer; anything else raised, or a property broken, is a finding:
atheris stops and writes the input to crash-* in the current folder.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> None:
    import atheris
    import pydantic  # noqa: F401 - the libraries load first, uninstrumented: coverage is wirecoder's own
    import spacy  # noqa: F401

    with atheris.instrument_imports(include=["wirecoder"]):
        from wirecoder.errors import InputError
        from wirecoder.pipeline import Pipeline
        from wirecoder.readers import make_article

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from test_properties import check

    pipeline = Pipeline()

    def one(data: bytes) -> None:
        try:
            article = make_article(data, "<fuzz>", published="2025-03-12")
        except InputError as err:
            if err.code not in ("E002", "E003", "E004", "E006"):
                raise
            return
        check(pipeline.extract(article))

    atheris.Setup(sys.argv, one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
