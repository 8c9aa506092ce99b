"""HTML -> article text and metadata, boilerplate removed (trafilatura)."""

from __future__ import annotations

import re

from ..errors import E, InputError, W_HTML_TRUNCATED, warning

_CLOSING = re.compile(r"</(html|body)\s*>\s*$", re.IGNORECASE)
_DOCUMENT = re.compile(r"<(!doctype|html|head|body)\b", re.IGNORECASE)


def html_to_article(html: str, where: str) -> tuple[str, dict, list[str]]:
    """Return (text, metadata found in the page, warnings)."""
    from trafilatura import bare_extraction

    warnings = []
    if not _DOCUMENT.search(html[:4096]):
        # a fragment (a feed's article body): trafilatura finds nothing in one unless
        # it stands in a document, and a fragment has no closing tags to miss
        html = f"<html><body>{html}</body></html>"
    elif not _CLOSING.search(html.strip()[-200:]):
        warnings.append(warning(W_HTML_TRUNCATED))
    # extensive_search=False: without a date meta tag trafilatura would otherwise
    # take a year from a copyright footer as the publication date.
    doc = bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (doc.text if doc is not None else "") or ""
    if not text.strip():
        raise InputError(E.E010, where=where)
    title = doc.title or None
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        text = "\n".join(lines[1:]).lstrip("\n")  # the headline is kept as the title
    found = {"title": title, "url": doc.url or None, "published": doc.date or None,
             "source": doc.sitename or None}
    return text, {k: v for k, v in found.items() if v}, warnings
