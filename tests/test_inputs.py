"""Inputs as analysts have them: dicts from Python, CSV and TSV files with their own
column names; what an ingest reports (duplicates under another id, counts per layer);
the CLI's operation (logging, coded usage errors, counts instead of dumps)."""

import logging
import re

import pytest

import wirecoder
from store_records import RecordsByText, strike_report
from wirecoder import cli
from wirecoder.errors import InputError
from wirecoder.readers import ArticleInput, article_from_dict, make_article, read_path
from wirecoder.readers.table import Columns
from wirecoder.store import Store, load_record, write
from wirecoder.store.ingest import ALIAS, ingest
from wirecoder.store.writer import aliases

ONE_LINE_ERROR = re.compile(r"^wirecoder: E0\d\d: [^\n]+; fix: [^\n]+\n$")


# -- the public surface -------------------------------------------------------------
def test_dir_of_wirecoder_lists_its_public_names():
    names = dir(wirecoder)
    for name in ("Pipeline", "extract", "Record", "Store", "WirecoderError", "ArticleInput"):
        assert name in names and name in wirecoder.__all__
        assert getattr(wirecoder, name) is not None
    assert not [n for n in names if n.startswith("_") and n not in ("__doc__", "__name__", "__file__", "__path__",
                                                                    "__spec__", "__version__")]


# -- dicts ------------------------------------------------------------------------
def test_a_dict_is_read_like_a_json_line():
    article = article_from_dict({"id": 7, "text": "Envoys met in Tallinn.", "published": "2024-05-02 09:30",
                                 "url": "https://example.org/x", "extra": [1, 2]}, "<input 1>")
    assert (article.id, article.published, article.url) == ("7", "2024-05-02T09:30:00", "https://example.org/x")
    with pytest.raises(InputError) as bad:
        article_from_dict({"text": "Envoys met.", "published": 20240502}, "<input 2>")
    assert bad.value.code == "E011" and "published" in str(bad.value)
    with pytest.raises(InputError) as empty:
        article_from_dict({"body": "Envoys met."}, "<input 3>")
    assert empty.value.code == "E015" and "body" in str(empty.value)


def test_pipe_takes_dicts_among_its_inputs():
    from wirecoder.pipeline import _checked

    item = _checked({"id": "d1", "text": "Envoys met in Tallinn on Monday.", "published": "2024-05-02"}, 0)
    assert isinstance(item, ArticleInput) and item.id == "d1" and item.published == "2024-05-02"
    with pytest.raises(InputError) as bad:
        _checked({"id": "d2", "text": ["not", "text"]}, 1)
    assert bad.value.code == "E011" and bad.value.fields["where"] == "<input 2>"


@pytest.mark.model
def test_pipe_and_extract_give_records_for_dicts(pipeline):
    text = "Foreign ministers of Estonia and Finland met in Tallinn on Monday to discuss border security."
    results = list(pipeline.pipe([{"id": "d1", "text": text, "published": "2024-05-02", "source": "Wire"},
                                  {"id": "d2", "text": 12}, text]))
    assert [r.ok for r in results] == [True, False, True]
    assert results[0].record.article.id == "d1" and results[0].record.article.source == "Wire"
    assert results[1].error.code == "E011"
    record = pipeline.extract({"id": "d3", "text": text}, published="2024-05-03")
    assert (record.article.id, record.article.published) == ("d3", "2024-05-03")
    record = wirecoder.extract({"id": "d4", "text": text, "published": "2024-05-04", "url": "https://example.org/4"})
    assert (record.article.id, record.article.published, record.article.url) == \
        ("d4", "2024-05-04", "https://example.org/4")


# -- CSV and TSV ------------------------------------------------------------------------
def test_csv_columns_are_found_by_their_usual_names(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text('Headline,Body,PubDate,Link\n'
                    '"Talks in Tallinn","Envoys met in Tallinn.\nThey spoke for hours, aides said.",'
                    '2024-05-02,https://example.org/a\n'
                    ',"Border guards were reinforced.",,\n', encoding="utf-8")
    first, second = read_path(path)
    assert first.title == "Talks in Tallinn" and first.text.startswith("Envoys met") and "\nThey spoke" in first.text
    assert (first.published, first.url) == ("2024-05-02", "https://example.org/a")
    assert second.published is None and second.url is None and second.title is None and second.id


def test_named_columns_and_tsv(tmp_path):
    path = tmp_path / "feed.tsv"
    path.write_text("ref\tstory_text\twhen\ttext\n"
                    "n-1\tEnvoys met in Tallinn.\t2024-05-02\tignored\n", encoding="utf-8")
    (article,) = read_path(path, Columns(text="story_text", published="when", id="ref"))
    assert (article.id, article.text, article.published) == ("n-1", "Envoys met in Tallinn.", "2024-05-02")


def test_a_missing_column_names_the_option_that_fixes_it(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text("headline,story_text\nTalks,Envoys met in Tallinn.\n", encoding="utf-8")
    (error,) = read_path(path)
    assert error.code == "E014" and "--text-col" in str(error) and "story_text" in str(error)
    (error,) = read_path(path, Columns(text="story_text", published="pubdate"))
    assert error.code == "E014" and "--date-col" in str(error) and "'pubdate'" in str(error)


def test_a_bad_row_fails_alone(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text("text,date\nEnvoys met in Tallinn.,yesterday\n,2024-05-02\nGuards were sent.,2024-05-03\n",
                    encoding="utf-8")
    items = list(read_path(path))
    assert [getattr(i, "code", "ok") for i in items] == ["E005", "E002", "ok"]
    assert items[0].fields["where"].endswith("feed.csv:row 2")


@pytest.mark.model
def test_cli_column_options_reach_the_reader(tmp_path, capsys):
    path = tmp_path / "feed.csv"
    path.write_text("story_text\nEnvoys met.\n", encoding="utf-8")
    assert cli.main(["extract", str(path), "--stages", "actors", "--text-col", "body"]) == 1
    out, err = capsys.readouterr()
    assert "E014" in err and "--text-col" in err and '"code": "E014"' in out


# -- ingest: duplicates under another id, counts per layer -----------------------------
def _report(article, **kw):
    base = dict(id=article, url=f"https://{article}.example/strike", dead=32, injured=10, day="2025-01-18",
                published="2025-01-18")
    return strike_report(**{**base, **kw})


def _input(record, id=None, url=None):
    a = record.article
    return make_article(a.text, a.id, id=id or a.id, url=url or a.url, published=a.published)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.db") as opened:
        yield opened


def test_the_same_text_under_another_id_is_reported_and_linked(store):
    original = _report("original")
    first = ingest(store, iter([_input(original)]), make_pipeline=lambda: RecordsByText([original]))
    assert first.stored == 1 and not first.aliases
    again = ingest(store, iter([_input(original), _input(original, id="mirror", url="https://mirror.example/x")]),
                   make_pipeline=lambda: pytest.fail("nothing new: no pipeline needed"))
    assert again.aliases == [("mirror", "original")] and again.skipped[ALIAS] == 1 and again.stored == 0
    assert aliases(store, "original") == ["mirror"]
    assert load_record(store, "mirror").article.id == "original"
    assert any("mirror: the same text as 'original'" in line for line in again.lines())
    assert store.execute("SELECT url FROM article_aliases").fetchone()[0] == "https://mirror.example/x"


def test_the_same_text_twice_in_one_run_is_linked_after_it_is_stored(store):
    original = _report("original")
    summary = ingest(store, iter([_input(original), _input(original, id="copy-2", url="https://c.example/2")]),
                     make_pipeline=lambda: RecordsByText([original]))
    assert summary.stored == 1 and summary.aliases == [("copy-2", "original")]
    assert aliases(store, "original") == ["copy-2"]


def test_the_summary_counts_what_each_layer_gained(store):
    original, copy = _report("original"), _report("copy", reorder=True, dead=33)
    summary = ingest(store, iter([_input(original), _input(copy)]),
                     make_pipeline=lambda: RecordsByText([original, copy]))
    assert dict(summary.added) == {"articles": 2, "events": 2, "quotes": 4, "actors": 10, "stories": 1}
    assert "  added: 2 articles, 2 events, 4 quotes, 10 actors, 1 stories" in summary.lines()
    other = _report("later", dead=40, day="2025-02-20", published="2025-02-20")
    more = ingest(store, iter([_input(other)]), make_pipeline=lambda: RecordsByText([other]))
    assert more.added["stories"] == 1 and more.added["articles"] == 1


# -- operations: coded usage errors, logging, counts -------------------------------------
@pytest.mark.parametrize("argv", [[], ["events", "--bogus"], ["ingest"], ["export", "--format", "xls"],
                                  ["events", "--limit", "many"]])
def test_usage_errors_are_one_coded_line_with_exit_2(argv, capsys):
    assert cli.main(argv) == 2
    out, err = capsys.readouterr()
    assert ONE_LINE_ERROR.match(err) and "E016" in err and not out
    if argv:  # the fix points to the command's own help
        assert f"`wirecoder {argv[0]} --help`" in err


def test_verbose_logs_each_stored_article_and_the_rate(store, caplog):
    original = _report("original")
    with caplog.at_level(logging.DEBUG, logger="wirecoder"):
        from wirecoder.store.progress import Progress
        import io

        ingest(store, iter([_input(original)]), make_pipeline=lambda: RecordsByText([original]),
               progress=Progress(1, io.StringIO(), enabled=False))
    assert any(r.levelno == logging.DEBUG and "stored original: 1 events" in r.getMessage() for r in caplog.records)
    assert any("articles/s" in r.getMessage() for r in caplog.records)


def test_quiet_and_log_file(tmp_path, capsys):
    db, log = tmp_path / "t.db", tmp_path / "run.log"
    Store(db).close()
    assert cli.main(["events", "--db", str(db), "--log-file", str(log)]) == 0
    assert "nothing matched" in capsys.readouterr().err
    assert re.search(r"INFO nothing matched", log.read_text())
    assert cli.main(["-q", "events", "--db", str(db)]) == 0
    assert capsys.readouterr().err == ""
    assert cli.main(["events", "--db", str(tmp_path / "none.db"), "-q"]) == 2
    assert ONE_LINE_ERROR.match(capsys.readouterr().err)
    logging.getLogger("wirecoder").handlers.clear()


def test_a_bug_in_a_command_is_one_coded_line_with_exit_4(tmp_path, capsys, monkeypatch):
    from wirecoder import cli_store

    def broken(args):
        raise KeyError("no such column")

    monkeypatch.setattr(cli_store, "_events", broken)
    db = tmp_path / "t.db"
    Store(db).close()
    assert cli.main(["events", "--db", str(db)]) == 4
    assert ONE_LINE_ERROR.match(capsys.readouterr().err)
    logging.getLogger("wirecoder").handlers.clear()


def test_stories_rebuild_prints_a_count_not_the_stories(tmp_path, capsys):
    db = tmp_path / "t.db"
    with Store(db) as store:
        write(store, _report("a"))
        write(store, _report("b", reorder=True))
        write(store, _report("c", dead=40, day="2025-02-20", published="2025-02-20"))
    assert cli.main(["stories", "--rebuild", "--db", str(db)]) == 0
    assert capsys.readouterr().out == "2 stories rebuilt\n"


# -- ingest -: stdin as JSON Lines, CSV or TSV ----------------------------------------------
def _ingest_stdin(tmp_path, monkeypatch, build, *options) -> list[str]:
    """Runs `wirecoder ingest - OPTIONS` on ``build(first text, second text)``; returns the stored ids."""
    import io

    import wirecoder.pipeline

    reports = [_report("first"), _report("second", dead=40, day="2025-02-20", published="2025-02-20")]
    monkeypatch.setattr(wirecoder.pipeline, "Pipeline", lambda stages=None: RecordsByText(reports))
    payload = build(*(r.article.text for r in reports)).encode("utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(payload)))
    db = tmp_path / f"in{'_'.join(options)}.db"  # one store per call
    assert cli.main(["ingest", "-", "--db", str(db), "-q", *options]) == 0
    with Store(db) as opened:
        return [row[0] for row in opened.execute("SELECT id FROM articles ORDER BY id")]


def _table(delimiter):
    def build(first, second):
        import csv
        import io

        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter)
        writer.writerows([["key", "body", "day"], ["r1", first, "2025-01-18"], ["r2", second, "2025-02-20"]])
        return out.getvalue()
    return build


def test_ingest_reads_a_csv_or_tsv_from_stdin(tmp_path, monkeypatch):
    csv_in, tsv_in = _table(","), _table("\t")
    assert _ingest_stdin(tmp_path, monkeypatch, csv_in, "--input-format", "csv", "--id-col", "key") == ["r1", "r2"]
    assert _ingest_stdin(tmp_path, monkeypatch, csv_in, "--text-col", "body", "--id-col", "key") == ["r1", "r2"]
    assert _ingest_stdin(tmp_path, monkeypatch, tsv_in, "--input-format", "tsv", "--id-col", "key") == ["r1", "r2"]


def test_ingest_reads_json_lines_from_stdin_by_default(tmp_path, monkeypatch):
    import json

    def build(first, second):
        return "\n".join(json.dumps(d) for d in ({"id": "j1", "text": first, "published": "2025-01-18"},
                                                 {"id": "j2", "text": second})) + "\n"
    assert _ingest_stdin(tmp_path, monkeypatch, build) == ["j1", "j2"]
