"""WARC news crawls -> articles: one per HTTP response record that holds HTML.

Other records (requests, metadata, images, redirects, errors) are not
articles and are passed over. The page's URL is the record's target URI; the
publication date comes from the page's metadata, never from the crawl date
(when a page was fetched says nothing about when it was published).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import E, InputError, SetupError
from . import ArticleInput, read_html

log = logging.getLogger("wirecoder")

_TRAILER = 8  # bytes a complete file may hold after its last record (record separators)
_GZIP_START, _WARC_START = b"\x1f\x8b", b"WARC/"
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def _iterator():
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        raise SetupError(E.E057, package="warcio", feature="reading WARC files") from None
    return ArchiveIterator, ArchiveLoadFailed


def html_responses(path: Path) -> Iterator[tuple[int, str | None, str | None, bytes]]:
    """(record number, target URI, declared charset, body) of each successful HTML response.

    Raises E012 when the file is damaged or truncated (warcio stops quietly at
    a cut gzip member; the offset where it stopped tells us)."""
    ArchiveIterator, ArchiveLoadFailed = _iterator()
    size = path.stat().st_size
    if size == 0:
        raise InputError(E.E002, where=str(path))
    with open(path, "rb") as stream:
        head = stream.read(len(_WARC_START))
        stream.seek(0)
        if not head.startswith((_GZIP_START, _WARC_START)):
            raise InputError(E.E012, where=str(path),
                             detail=f"it starts with {head[:8]!r}, neither gzip nor a WARC/1.x record")
        number, end = 0, 0
        records = ArchiveIterator(stream)
        try:
            for record in records:
                number += 1
                http = record.http_headers
                content_type = (http.get_header("Content-Type") or "") if http is not None else ""
                if (record.rec_type == "response" and "html" in content_type.lower()
                        and (http.get_statuscode() or "").startswith("2")):
                    charset = _CHARSET.search(content_type)
                    yield (number, record.rec_headers.get_header("WARC-Target-URI"),
                           charset.group(1).lower() if charset else None, record.content_stream().read())
                records.read_to_end(record)
                end = records.get_record_offset() + records.get_record_length()
        except (ArchiveLoadFailed, ValueError, AttributeError, EOFError, OSError) as err:
            # warcio raises these on malformed headers; the file is damaged, not wirecoder
            raise InputError(E.E012, where=f"{path}#{number + 1}", detail=_printable(str(err)) or type(err).__name__) \
                from None
        if number == 0:
            raise InputError(E.E012, where=str(path), detail="it holds no complete WARC record")
        if size - end > _TRAILER:
            raise InputError(E.E012, where=f"{path}#{number + 1}",
                             detail=f"{size - end} bytes after the last complete record cannot be read; truncated?")


def _printable(detail: str, limit: int = 120) -> str:
    """One short printable line: warcio quotes the damaged bytes it met."""
    detail = re.sub(r"first line:.*", "first line: not a WARC header", detail.strip(), flags=re.DOTALL)
    detail = re.sub(r"\s+", " ", "".join(c if c.isascii() and c.isprintable() else " " for c in detail))
    return detail if len(detail) <= limit else detail[:limit] + "..."


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
    except LookupError:
        return body  # a charset no codec knows ("bogus", a typo): read the bytes as UTF-8
    except UnicodeDecodeError as err:
        raise InputError(E.E004, where=where, detail=f"declared {charset}: {err}") from None


def count(path: Path) -> int:
    n = 0
    try:
        for _ in html_responses(path):
            n += 1
    except InputError as err:  # counted for the progress bar only; ingest reports the damage
        log.debug("%s: %d responses counted before the damage (%s)", path, n, err.problem)
    return n
