"""CSV and TSV files of articles: one article per row, columns named by the header.

Which column holds the text, the date, the id, the URL (and the title and the
source) is found by the usual header names (``text``, ``body``, ``published``,
``date``, ...) unless ``Columns`` names it. A column asked for but missing, or
no text column at all, fails the whole file with E014 naming the option that
fixes it; a bad row fails alone, like a bad JSON line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path

from .. import settings
from ..errors import E, InputError

# role -> header names that hold it, tried in order, compared without case.
HEADER_NAMES = {
    "text": ("text", "body", "content", "article", "article_text", "full_text"),
    "published": ("published", "date", "published_at", "publish_date", "publication_date", "pubdate", "datetime"),
    "id": ("id", "article_id", "doc_id"),
    "url": ("url", "link"),
    "title": ("title", "headline"),
    "source": ("source", "outlet", "publisher"),
}
OPTIONS = {"text": "--text-col", "published": "--date-col", "id": "--id-col", "url": "--url-col",
           "title": "--title-col", "source": "--source-col"}


@dataclass(frozen=True)
class Columns:
    """The header names the caller gave for each role (None: found by name)."""

    text: str | None = None
    published: str | None = None
    id: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None

    def find(self, header: list[str], where: str) -> dict[str, int]:
        """role -> column index; raises E014 for a named column that is missing or no text column."""
        folded = {name.strip().lower(): i for i, name in reversed(list(enumerate(header)))}
        found = {}
        for role in (f.name for f in fields(self)):
            asked = getattr(self, role)
            names = (asked,) if asked else HEADER_NAMES[role]
            index = next((folded[n.strip().lower()] for n in names if n.strip().lower() in folded), None)
            if index is None and (asked or role == "text"):
                raise InputError(E.E014, where=where, column=asked or "text", role=role,
                                 header=", ".join(header) or "nothing", option=OPTIONS[role])
            if index is not None:
                found[role] = index
        return found


def read_table(data: str, where: str, columns: Columns | None = None,
               delimiter: str = ",") -> Iterator:
    """Rows of a decoded CSV/TSV text -> ``ArticleInput`` or a row's ``InputError``."""
    from . import article_from_dict

    csv.field_size_limit(max(csv.field_size_limit(), settings.get("max_chars") + 1))
    rows = csv.reader(io.StringIO(data, newline=""), delimiter=delimiter)
    try:
        header = next(rows, [])
        found = (columns or Columns()).find(header, where)
        for number, row in enumerate(rows, start=2):
            if not any(cell.strip() for cell in row):
                continue  # a blank line
            here = f"{where}:row {number}"
            values = {role: row[i] if i < len(row) else "" for role, i in found.items()}
            article = {role: value if value.strip() or role == "text" else None for role, value in values.items()}
            try:
                yield article_from_dict(article, here)
            except InputError as err:
                yield err
    except csv.Error as err:  # a field past the size limit, a NUL, an unclosed quote at the end
        raise InputError(E.E017, where=where, detail=str(err)) from None


def delimiter_of(path: Path) -> str:
    return "\t" if path.suffix.lower() == ".tsv" else ","
