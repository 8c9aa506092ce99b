"""HTTP GET for feeds and item pages: urllib, a timeout, a size cap, conditional requests.

A fetch either returns a ``Response`` (200, or 304 when the validators sent
still hold) or raises ``FetchFailed`` saying what went wrong and whether trying
again later can help (a network or server error) or not (404, a page too big).
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from .. import __version__

USER_AGENT = f"wirecoder/{__version__} (news event coder; polls politely, honours ETag and Last-Modified)"
MAX_BYTES = 20_000_000  # a page larger than this is no news article
_CHUNK = 1 << 16


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    body: bytes = b""
    etag: str | None = None
    modified: str | None = None
    content_type: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchFailed(Exception):
    def __init__(self, detail: str, transient: bool):
        super().__init__(detail)
        self.detail, self.transient = detail, transient


def get(url: str, *, timeout: float, etag: str | None = None, modified: str | None = None,
        limit: int = MAX_BYTES) -> Response:
    """GET ``url``; ``timeout`` bounds each network wait, and three times it the whole download."""
    headers = {"User-Agent": USER_AGENT, "Accept": "*/*"}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            body = _read(answer, limit, deadline=time.monotonic() + 3 * timeout)
            return Response(url=url, status=answer.status, body=body, etag=answer.headers.get("ETag"),
                            modified=answer.headers.get("Last-Modified"),
                            content_type=answer.headers.get_content_type() if answer.headers.get("Content-Type")
                            else "")
    except urllib.error.HTTPError as err:
        if err.code == 304:
            return Response(url=url, status=304, etag=etag, modified=modified)
        raise FetchFailed(f"HTTP {err.code} {err.reason}", transient=err.code in (408, 429) or err.code >= 500) \
            from None
    except urllib.error.URLError as err:
        raise FetchFailed(f"network error: {err.reason}", transient=True) from None
    except (TimeoutError, OSError, http.client.HTTPException) as err:
        raise FetchFailed(f"network error: {type(err).__name__}: {err}".rstrip(": "), transient=True) from None


def _read(answer, limit: int, deadline: float) -> bytes:
    chunks, size = [], 0
    while chunk := answer.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise FetchFailed(f"larger than {limit:,} bytes", transient=False)
        if time.monotonic() > deadline:
            raise FetchFailed("the download took too long", transient=True)
        chunks.append(chunk)
    return b"".join(chunks)
