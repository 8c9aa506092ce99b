"""The command line, run as a user runs it: a real process, real files."""

import json
import subprocess
import sys

import jsonschema
import pytest

from wirecoder.record import json_schema


def run(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "wirecoder.cli", *args], input=stdin,
                          capture_output=True, timeout=300)


@pytest.mark.parametrize("content, code", [
    (b"", 2),
    (b"\x00\x01\x02\x03binary\x00\x00", 2),
    (b"caf\xe9 \xe0 la cr\xe8me", 2),
])
def test_bad_files_give_one_line_and_exit_2(tmp_path, content, code):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = run("extract", str(path))
    assert result.returncode == code
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "Traceback" not in err and "fix:" in err
    assert result.stdout == b""


def test_bad_date_gives_one_line_and_exit_2(tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text("Troops entered the town on Monday.")
    result = run("extract", str(path), "--published", "last tuesday")
    assert result.returncode == 2
    assert b"E005" in result.stderr and b"Traceback" not in result.stderr


def test_missing_file_and_unknown_type(tmp_path):
    assert run("extract", str(tmp_path / "none.txt")).returncode == 2
    odd = tmp_path / "a.docx"
    odd.write_bytes(b"PK")
    result = run("extract", str(odd))
    assert result.returncode == 2 and b"E009" in result.stderr


def test_help_lists_examples_and_exit_codes():
    result = run("extract", "--help")
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "examples:" in out and "exit codes:" in out and "--published" in out


@pytest.mark.model
def test_jsonl_batch_keeps_order_and_reports_failures(tmp_path):
    lines = [{"id": "one", "text": "Russian drones hit Kharkiv, Mayor Ihor Terekhov said.", "published": "2025-03-12"},
             {"id": "two", "text": ""},
             {"id": "three", "text": "Polish Prime Minister Donald Tusk met NATO officials in Warsaw."}]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    result = run("extract", str(path))
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o.get("article", {}).get("id") or o["error"]["code"] for o in out] == ["one", "E002", "three"]
    for record in (out[0], out[2]):
        jsonschema.validate(record, json_schema())


@pytest.mark.model
def test_stdin_text_with_metadata():
    text = "Italian Prime Minister Giorgia Meloni spoke with Zelenskyy by phone on Friday.".encode()
    result = run("extract", "-", "--published", "2025-12-07", "--url", "https://example.org/x", stdin=text)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["article"]["published"] == "2025-12-07"
    assert record["article"]["url"] == "https://example.org/x"
    assert any(e["name"] == "Giorgia Meloni" for e in record["entities"])


@pytest.mark.model
@pytest.mark.shared
def test_seed_extract_is_schema_valid(shared):
    result = run("extract", str(shared / "seed" / "000_ef1304a02acc3a72.txt"), "--published", "2025-12-07")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    jsonschema.validate(record, json_schema())
    assert record["article"]["published"] == "2025-12-07"


def test_a_csv_on_stdin_is_read_as_a_table_when_asked_or_when_columns_are_named():
    table = b'id,body,day\nr1,"Troops shelled Mariupol on Monday.",2025-03-04\nr2,"Talks resumed in Geneva.",2025-03-05\n'
    for flags in (["--csv"], ["--text-col", "body", "--date-col", "day"]):
        result = run("extract", "-", *flags, "--date-col", "day", stdin=table) if flags == ["--csv"] else \
            run("extract", "-", *flags, stdin=table)
        assert result.returncode == 0, result.stderr
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert [(r["article"]["id"], r["article"]["published"]) for r in records] == \
            [("r1", "2025-03-04"), ("r2", "2025-03-05")]
    tsv = run("extract", "-", "--tsv", stdin=table.replace(b",", b"\t"))
    assert tsv.returncode == 0 and len(tsv.stdout.splitlines()) == 2, tsv.stderr
