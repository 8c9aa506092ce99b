"""wirecoder: sourced, structured event data from English news articles.

    >>> import wirecoder
    >>> record = wirecoder.extract(text, published="2025-12-07")
    >>> [e.name for e in record.entities if e.kind == "person"]
    >>> wirecoder.Store("news.db").events(type="ASSAULT")   # a stored corpus, as the CLI queries it

The heavy parts (spaCy, the gazetteer) load on first use, not on import.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["ArticleInput", "INPUT_FIELDS", "Pipeline", "Record", "Result", "Store", "WirecoderError", "extract",
           "__version__"]

_LAZY = {"Pipeline": "pipeline", "Result": "pipeline", "extract": "pipeline", "Record": "record",
         "WirecoderError": "errors", "ArticleInput": "readers", "INPUT_FIELDS": "readers", "Store": "notebook"}


def __getattr__(name):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'wirecoder' has no attribute {name!r}")


def __dir__():
    """The public names (loaded lazily, so ``dir`` would otherwise not see them)."""
    return sorted(set(__all__) | {"__doc__", "__name__", "__file__", "__path__", "__spec__"})
