"""`make demo` ends by telling how to open its store in the browser, and that command's page shows it."""

from fastapi.testclient import TestClient

from store_records import RecordsByText, meeting_report
from wirecoder import cli
from wirecoder.web.api import create_app


def test_the_demo_ends_with_the_one_command_that_opens_its_page(tmp_path, monkeypatch, capsys):
    record = meeting_report(id="meeting-demo")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "meeting-demo.txt").write_text(record.article.text, encoding="utf-8")
    monkeypatch.setattr("wirecoder.pipeline.Pipeline", lambda: RecordsByText([record]))  # no spaCy here
    out = tmp_path / "out"
    assert cli.main(["demo", str(tmp_path / "in"), "--out", str(out)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert f"wirecoder serve --db {out / 'demo.db'}" in last and "http://127.0.0.1:8000/" in last
    page = TestClient(create_app(str(out / "demo.db"))).get("/ui/events")  # what that command serves
    assert page.status_code == 200 and "Volodymyr Zelenskyy" in page.text and "CONSULT/visit" in page.text
