"""The README's commands run exactly as written, in a folder holding the files they name."""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from test_docs import readme_blocks

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]


def _warc(path: Path, url: str, html: bytes) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        warc = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        warc.write_record(warc.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=headers))


@pytest.fixture
def folder(tmp_path):
    """article.txt, page.html, articles.jsonl, articles/, feed.jsonl, feed.csv, crawl.warc.gz."""
    examples = ROOT / "examples"
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    shutil.copytree(examples, tmp_path / "articles")
    shutil.copy(examples / "articles.jsonl", tmp_path / "articles.jsonl")
    shutil.copy(examples / "kharkiv-blackout.html", tmp_path / "page.html")
    first = json.loads((examples / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    (tmp_path / "article.txt").write_text(first["text"], encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(json.dumps({
        "id": "feed-1", "published": "2025-12-07", "text": "Estonian Foreign Minister Margus Tsahkna met his "
        "Finnish counterpart Elina Valtonen in Tallinn on Friday to discuss a ceasefire in Ukraine."}) + "\n")
    (tmp_path / "feed.csv").write_text(
        "headline,body,pubdate\n"
        "Border talks,\"Lithuanian border guards detained four men near the Belarusian border on Sunday, "
        "officials said.\",2025-12-08\n", encoding="utf-8")
    _warc(tmp_path / "crawl.warc.gz", "https://news.example/page", (examples / "kharkiv-blackout.html").read_bytes())
    return tmp_path


def test_the_readme_commands_run_as_written(folder):
    env = {k: v for k, v in os.environ.items() if k != "WIRECODER_DB"}
    blocks = [b for b in readme_blocks("sh") if ".venv/bin/wirecoder" in b]
    assert len(blocks) >= 2
    for block in blocks:
        run = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", block], cwd=folder, env=env,
                             capture_output=True, text=True, timeout=900)
        assert run.returncode == 0, f"{block}\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}"
        assert " E0" not in run.stderr, run.stderr
    assert (folder / "events.csv").stat().st_size > 0 and (folder / "stories.parquet").stat().st_size > 0
    python = "text = open('article.txt', encoding='utf-8').read()\nimport wirecoder\n" + "\n".join(
        readme_blocks("python"))
    run = subprocess.run([str(folder / ".venv/bin/python"), "-c", python], cwd=folder, env=env,
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    assert "a1 " in run.stdout
