"""What every page shares: the templates, safe links, paging, and errors answered as pages.

Article text, titles, names and URLs are hostile input. Jinja2 escapes every
value (autoescape on for every template); data for the page's script goes in
an ``application/json`` block through ``tojson`` (which escapes ``<``, ``>``,
``&`` and quotes); a URL from an article becomes a link only when it is
``http(s)://`` -- never ``javascript:``, ``data:`` or anything else -- and our
own links put article ids and names through ``quote``/``urlencode``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.routing import APIRoute
from jinja2 import Environment, PackageLoader

from ..errors import E, InputError, WirecoderError
from .api import error_body
from .marks import LAYERS
from .reviewing import STATUSES, TYPES, event_fields, quote_fields, verdict_label

_WEB = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'`\\]+", re.IGNORECASE)

templates = Environment(loader=PackageLoader("wirecoder.web", "templates"), autoescape=True,
                        trim_blocks=True, lstrip_blocks=True)


def article_href(article: str, anchor: str | None = None) -> str:
    """Our link to an article's view, at the extraction ``anchor`` (an id of its record) if given."""
    return "/ui/articles/" + quote(article, safe="") + ("#x-" + quote(anchor, safe="") if anchor else "")


def outside(url: str | None) -> str | None:
    """``url`` if it may become a link: http or https only."""
    return url if url and _WEB.fullmatch(url) else None


def query(**params) -> str:
    """A query string of the parameters that are set."""
    return urlencode({k: v for k, v in params.items() if v not in (None, "", False)})


templates.policies["json.dumps_kwargs"] = {"sort_keys": False}  # explanations keep their order
templates.globals.update(article_href=article_href, outside=outside, query=query, layers=LAYERS, quote=quote)
templates.globals.update(event_fields=event_fields, quote_fields=quote_fields, verdict_label=verdict_label,
                         plover_types=TYPES, statuses=STATUSES)  # the review controls (review.html)


def render(template: str, status: int = 200, **context) -> HTMLResponse:
    return HTMLResponse(templates.get_template(template).render(**context), status_code=status)


def error_page(err: WirecoderError, status: int | None = None) -> HTMLResponse:
    return render("error.html", status or err.http_status, error=error_body(err)["error"])


class PageRoute(APIRoute):
    """A page's route: an error is answered as a page saying the problem and the fix, with the code
    and status the API would answer it with."""

    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()

        async def page(request: Request) -> Response:
            try:
                return await handler(request)
            except WirecoderError as err:
                return error_page(err)
            except RequestValidationError as err:
                first = err.errors()[0] if err.errors() else {}
                where = "query parameter " + ".".join(str(p) for p in first.get("loc", ())[1:])
                return error_page(InputError(E.E074, where=where.strip(), detail=first.get("msg", "malformed")))

        return page


def given(request: Request, *drop: str) -> dict:
    """The request's non-empty query parameters, less ``drop``: what links keep of the current view."""
    return {k: v for k, v in request.query_params.items() if v and k not in drop}


@dataclass(frozen=True)
class Paging:
    """Where a page is in its list, and the links to the pages before and after it."""

    limit: int
    offset: int
    more: bool
    base: dict  # the query parameters every page keeps

    @property
    def next(self) -> str | None:
        return "?" + query(**self.base, offset=self.offset + self.limit) if self.more else None

    @property
    def previous(self) -> str | None:
        if self.offset == 0:
            return None
        return "?" + query(**self.base, offset=max(self.offset - self.limit, 0) or None)
