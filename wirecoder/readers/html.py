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
    tree = _deep_tree(html)
    doc = bare_extraction(
        html if tree is None else tree, with_metadata=True, include_comments=False, include_tables=False,
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


# libxml2 stops building the tree 256 elements deep (2048 with huge_tree): whatever lies
# below is dropped without an error, and with it the article of a page generated that deep.
_PARSER = dict(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)
_REPEATED_OPEN = re.compile(r"(<([a-zA-Z][\w-]*)\b[^<>]*>\s*)(?:<\2\b[^<>]*>\s*)+")
_REPEATED_CLOSE = re.compile(r"(</([a-zA-Z][\w-]*)\s*>\s*)(?:</\2\s*>\s*)+")


def _deep_tree(html: str):
    """None for an ordinary page (trafilatura parses it as usual); for a page nested deeper
    than libxml2's default limit, its tree with runs of the same wrapper element
    ("<div><div><div>") collapsed to one, parsed without the limit (huge_tree)."""
    from lxml.etree import LxmlError
    from lxml.html import HTMLParser, fromstring

    data = html.encode("utf-8")

    def parse(huge: bool):
        parser = HTMLParser(huge_tree=huge, **_PARSER)
        try:
            tree = fromstring(data, parser=parser)
        except (LxmlError, ValueError):  # an unparseable page: trafilatura's own parse reports it
            return None, False
        return tree, any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)

    _, too_deep = parse(huge=False)
    if not too_deep:
        return None
    # collapsed first: trafilatura's passes over a tree thousands of elements deep take minutes
    data = _REPEATED_CLOSE.sub(r"\1", _REPEATED_OPEN.sub(r"\1", html)).encode("utf-8")
    tree, _ = parse(huge=True)
    return tree
