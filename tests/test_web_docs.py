"""The API's /docs page works with no internet: Swagger UI's files come from the
swagger-ui-bundle package through this server, started by a static script (issue 13)."""

import re

from test_web_pages import app, base, browser, css, fetch, visit, wait  # noqa: F401 - fixtures and helpers


def test_docs_load_nothing_from_another_host(base):  # noqa: F811
    headers, body = fetch(base + "/docs")
    page = body.decode()
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page), page  # every file from this server
    assert "<script>" not in page  # no inline script: the CSP forbids it
    policy = {k.lower(): v for k, v in headers.items()}["content-security-policy"]
    assert "script-src 'self';" in policy and "http" not in policy
    for path in re.findall(r"""(?:src|href)="(/[^"]+)\"""", page):
        assert fetch(base + path)[1], path  # the script, the style and the start script are served


def test_the_docs_page_lists_the_endpoints_in_a_real_browser(browser, base):  # noqa: F811
    visit(browser, base, "/docs")
    wait(browser, lambda: css(browser, ".opblock-summary-path"), seconds=15)
    paths = {e.text.replace("\u200b", "") for e in css(browser, ".opblock-summary-path")}
    assert {"/events", "/articles/{article_id}", "/extract"} <= paths, paths
