"""The store's queries from Python, for notebooks: the same rows the CLI and the API list.

    >>> import wirecoder
    >>> db = wirecoder.Store("news.db")
    >>> db.events(type="ASSAULT", country="UKR", since="2025-01")   # a DataFrame with pandas, else dicts

Filters are the CLI's, checked by ``make_filters`` (``type``/``kind`` take a
list or a comma-separated string); a filter a query cannot apply is refused
with E061, as on the command line. Nothing here writes.
"""

from __future__ import annotations

from .store import db as _db
from .store import queries, views
from .store.filters import make_filters


def _table(rows):
    rows = [row.to_dict() for row in rows]
    try:
        import pandas
    except ImportError:
        return rows
    return pandas.DataFrame(rows).convert_dtypes()  # counts stay integers where some are missing


def _filters(filters: dict):
    filters = dict(filters)
    return make_filters(types=filters.pop("type", None), kinds=filters.pop("kind", None), **filters)


class Store:
    """A store opened read-only-by-habit: every method is one query of ``wirecoder.store``."""

    def __init__(self, path: str):
        self._store = _db.Store(path, create=False)

    def events(self, **filters):
        return _table(queries.events(self._store, _filters(filters)))

    def quotes(self, match: str | None = None, **filters):
        return _table(queries.quotes(self._store, _filters(filters), match=match))

    def actors(self, **filters):
        return _table(queries.actors(self._store, _filters(filters)))

    def search(self, query: str, **filters):
        return _table(queries.search(self._store, query, _filters({"limit": 20, **filters})))

    def stories(self, min_sources: int = 1, **filters):
        return _table(views.stories(self._store, _filters(filters), min_sources))

    def story(self, story_id: int) -> dict:
        return views.story(self._store, story_id).to_dict()

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
