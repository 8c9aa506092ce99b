"""WARC news crawls -> articles: one per HTTP response record that holds HTML.

Other records (requests, metadata, images, redirects, errors) are not
articles and are passed over. The page's URL is the record's target URI; the
publication date comes from the page's metadata, never from the crawl date
(when a page was fetched says nothing about when it was published).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import E, InputError, SetupError
from . import ArticleInput, read_html

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def _iterator():
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        raise SetupError(E.E057, package="warcio", feature="reading WARC files") from None
    return ArchiveIterator, ArchiveLoadFailed


def html_responses(path: Path) -> Iterator[tuple[int, str | None, str | None, bytes]]:
    """(record number, target URI, declared charset, body) of each successful HTML response."""
    ArchiveIterator, ArchiveLoadFailed = _iterator()
    with open(path, "rb") as stream:
        number = 0
        try:
            for record in ArchiveIterator(stream):
                number += 1
                http = record.http_headers
                if record.rec_type != "response" or http is None:
                    continue
                content_type = http.get_header("Content-Type") or ""
                if "html" not in content_type.lower() or not (http.get_statuscode() or "").startswith("2"):
                    continue
                charset = _CHARSET.search(content_type)
                yield (number, record.rec_headers.get_header("WARC-Target-URI"),
                       charset.group(1).lower() if charset else None, record.content_stream().read())
        except ArchiveLoadFailed as err:
            raise InputError(E.E012, where=f"{path}#{number + 1}", detail=str(err).strip()) from None


def read_warc(path: Path) -> Iterator[ArticleInput | InputError]:
    try:
        for number, url, charset, body in html_responses(path):
            where = f"{path}#{number}"
            try:
                if charset and charset.replace("-", "") not in ("utf8", "usascii"):
                    body = _recode(body, charset, where)
                yield read_html(body, where, url=url)
            except InputError as err:
                yield err
    except InputError as err:  # the file itself is damaged: report it, keep what was read
        yield err


def _recode(body: bytes, charset: str, where: str) -> bytes:
    try:
        return body.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError) as err:
        raise InputError(E.E004, where=where, detail=f"declared {charset}: {err}") from None


def count(path: Path) -> int:
    return sum(1 for _ in html_responses(path))
