"""Adversarial inputs: each one ends in a record or in one named error with its fix,
never in a traceback, a crashed batch or a damaged store."""

import io
import json
import sqlite3

import pytest

from store_records import strike_report
from wirecoder import cli
from wirecoder.errors import InputError, StoreError, WirecoderError
from wirecoder.readers import ArticleInput, decode, make_article, parse_published, read_jsonl_lines, read_path
from wirecoder.store import Store, make_filters, write
from wirecoder.store.queries import events, search
from wirecoder.store.views import stories, story

ARTICLE = "Russian forces shelled Kharkiv on Monday, killing three people, the governor said."


def one_line_with_fix(err: WirecoderError) -> bool:
    return "fix:" in str(err) and "\n" not in str(err)


# -- reading ---------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_unicode_with_a_byte_order_mark_is_read(encoding):
    data = ("\ufeff" + ARTICLE).encode(encoding)
    assert decode(data, "x.txt") == ARTICLE


def test_a_nul_byte_anywhere_is_refused_with_its_offset():
    data = (ARTICLE + " ").encode() * 200 + b"\x00 end"
    first = data.index(b"\x00")
    assert first > 8192  # past the head that the binary check samples
    with pytest.raises(InputError) as err:
        decode(data, "x.txt")
    assert err.value.code == "E003" and f"byte {first}" in str(err.value)


@pytest.mark.parametrize("kwargs, field", [
    ({"text": None}, "text"), ({"text": 42}, "text"), ({"text": ARTICLE, "url": 5}, "url"),
    ({"text": ARTICLE, "title": ["a"]}, "title"), ({"text": ARTICLE, "id": {"a": 1}}, "id"),
    ({"text": ARTICLE, "id": True}, "id"),
])
def test_values_of_the_wrong_type_are_named(kwargs, field):
    text = kwargs.pop("text")
    with pytest.raises(InputError) as err:
        make_article(text, "<text>", **kwargs)
    assert err.value.code == "E011" and err.value.fields["field"] == field and one_line_with_fix(err.value)


def test_bytes_are_decoded_and_an_integer_id_kept():
    article = make_article(ARTICLE.encode(), "<text>", id=7)
    assert article.text == ARTICLE and article.id == "7"


def test_a_blank_date_is_no_date():
    assert parse_published("   ", "x") is None


def test_jsonl_byte_order_mark_and_id_types():
    lines = ["\ufeff" + json.dumps({"id": 1, "text": ARTICLE}),
             json.dumps({"id": [1], "text": ARTICLE + " Again."}),
             json.dumps({"id": "c", "text": ARTICLE, "published": " "})]
    items = list(read_jsonl_lines(lines, "in.jsonl"))
    assert items[0].id == "1"
    assert isinstance(items[1], InputError) and items[1].code == "E011"
    assert items[2].published is None


def _warc(path, records):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        warc = WARCWriter(handle, gzip=True)
        for url, content_type, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            warc.write_record(warc.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return path


PAGE = (b"<html><head><title>Strike</title></head><body><article><p>" + ARTICLE.encode() * 4
        + b"</p></article></body></html>")


def test_warc_that_is_empty_or_not_a_warc_is_named(tmp_path):
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    (tmp_path / "text.warc.gz").write_bytes(b"hello, this is not a crawl\n" * 5)
    assert [e.code for e in read_path(tmp_path / "empty.warc.gz")] == ["E002"]
    [err] = list(read_path(tmp_path / "text.warc.gz"))
    assert err.code == "E012" and "neither gzip nor" in str(err)


def test_damaged_warc_keeps_what_was_read_and_names_the_damage_in_plain_ascii(tmp_path):
    path = _warc(tmp_path / "c.warc.gz", [(f"https://x.example/{i}", "text/html", PAGE.replace(b"Monday", b"Mon%d" % i))
                                          for i in range(4)])
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 40] = bytes(40)
    path.write_bytes(bytes(data))
    items = list(read_path(path))
    assert isinstance(items[0], ArticleInput) and isinstance(items[-1], InputError)
    message = str(items[-1])
    assert items[-1].code == "E012" and message.isascii() and message.isprintable() and len(message) < 400


def test_warc_with_an_unknown_charset_is_read_as_utf8(tmp_path):
    path = _warc(tmp_path / "b.warc.gz", [("https://x.example/b", "text/html; charset=no-such-codec", PAGE)])
    [article] = list(read_path(path))
    assert "Kharkiv" in article.text


# -- the pipeline ----------------------------------------------------------------------
@pytest.mark.model
@pytest.mark.parametrize("text, published", [
    ("Troops attacked Kyiv 99999999999 days ago.", "2025-12-07"),
    ("Troops attacked Kyiv in the last 9999999999 weeks.", "2025-12-07"),
    ("On December 31, 9999, troops attacked Kyiv. A day later they left.", "9999-12-31"),
    ("On January 1, 0001, troops attacked Kyiv. A day earlier they came.", "0001-01-01"),
])
def test_dates_beyond_the_calendar_stay_unresolved(extract, text, published):
    record = extract(text, published=published)
    assert any(t.reason and "outside the calendar" in t.reason for t in record.times)


@pytest.mark.model
def test_pipe_takes_strings_and_names_inputs_it_cannot_use(pipeline, monkeypatch):
    results = list(pipeline.pipe([ARTICLE, None, "   ", b"Talks resumed in Geneva on Friday."]))
    assert [r.ok for r in results] == [True, False, False, True]
    assert [r.error.code for r in results if not r.ok] == ["E011", "E002"]
    monkeypatch.setenv("WIRECODER_MAX_CHARS", "50")
    [big] = list(pipeline.pipe([ArticleInput(text=ARTICLE)]))
    assert big.error.code == "E006"


@pytest.mark.model
def test_a_raised_size_limit_is_honoured_past_spacys(pipeline, monkeypatch):
    monkeypatch.setattr(pipeline.nlp, "max_length", 40)
    [result] = list(pipeline.pipe([ARTICLE]))
    assert result.ok and result.record.article.text == ARTICLE


# -- the store -------------------------------------------------------------------------
def _damaged_store(tmp_path, table: str):
    path = tmp_path / "d.db"
    with Store(path) as store:
        write(store, strike_report(id="a", url="https://a.example/1", dead=32, injured=10, day="2025-01-18",
                                   published="2025-01-18"))
        page_size = store.execute("PRAGMA page_size").fetchone()[0]
        root = store.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)
    return path


@pytest.mark.parametrize("table", ["events", "articles"])
def test_a_damaged_store_is_refused_at_open_for_reading_and_writing(tmp_path, table):
    path = _damaged_store(tmp_path, table)
    for create in (False, True):  # a query opens it as it is; ingest may create it
        with pytest.raises(StoreError) as err:
            Store(path, create=create)
        assert err.value.code == "E063" and one_line_with_fix(err.value) and ".recover" in str(err.value)


def test_a_store_path_in_a_missing_folder_or_on_a_folder_is_named(tmp_path):
    with pytest.raises(StoreError) as err:
        Store(tmp_path / "no" / "such" / "x.db")
    assert err.value.code == "E053" and "does not exist" in str(err.value)
    with pytest.raises(StoreError) as err:
        Store(tmp_path)
    assert err.value.code == "E053" and "folder" in str(err.value)


def test_limits_and_ids_out_of_range(tmp_path):
    with pytest.raises(InputError):
        make_filters(limit=0)
    with Store(tmp_path / "s.db") as store:
        write(store, strike_report(id="a", url="https://a.example/1", dead=32, injured=10, day="2025-01-18",
                                   published="2025-01-18"))
        assert len(list(events(store, make_filters(limit=10 ** 30)))) >= 1
        assert search(store, "Dnipro OR strike", 10 ** 30) is not None
        with pytest.raises(InputError) as err:
            search(store, "strike", 0)
        assert err.value.code == "E059"
        with pytest.raises(InputError) as err:
            search(store, "  ", 5)
        assert err.value.code == "E055"
        with pytest.raises(InputError) as err:
            story(store, 10 ** 30)
        assert err.value.code == "E058"
        assert list(stories(store, min_articles=10 ** 30)) == []


def test_export_to_a_path_that_cannot_be_written_is_named(tmp_path, capsys):
    db = tmp_path / "s.db"
    with Store(db) as store:
        write(store, strike_report(id="a", url="https://a.example/1", dead=32, injured=10, day="2025-01-18",
                                   published="2025-01-18"))
    for fmt, out in (("jsonl", tmp_path / "missing" / "x.jsonl"), ("acled-csv", tmp_path),
                     ("parquet", tmp_path / "missing" / "x.parquet")):
        assert cli.main(["export", "--format", fmt, "--out", str(out), "--db", str(db)]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("wirecoder: E060") and "\n" not in err, err
    assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_demo_output_folder_that_cannot_be_made_is_named(tmp_path, capsys):
    taken = tmp_path / "taken"
    taken.write_text("a file, not a folder")
    assert cli.main(["demo", str(tmp_path), "--out", str(taken)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wirecoder: E060") and "\n" not in err, err


def test_tables_do_not_pass_control_or_bidi_characters_to_the_terminal():
    from wirecoder.store.display import table

    shown = table(["text"], [["Kyiv\u202e was\x00 shelled\u200b.\x1b[31m"]], [0])
    assert not any(c in shown for c in "\u202e\x00\u200b\x1b")
    assert "Kyiv was shelled" in shown


def test_a_country_code_must_be_three_ascii_letters():
    with pytest.raises(InputError) as err:
        make_filters(country="ÄÖÜ")
    assert err.value.code == "E059"


@pytest.mark.model
def test_a_huge_batch_size_setting_does_not_reach_spacy(pipeline, monkeypatch):
    monkeypatch.setenv("WIRECODER_BATCH_SIZE", str(10 ** 20))
    assert [r.ok for r in pipeline.pipe([ARTICLE])] == [True]


def test_an_html_fragment_is_read_as_the_article_body():
    lines = [json.dumps({"id": "f", "html": "<p>Odesa was shelled by Russian forces on Monday.</p>"})]
    [article] = list(read_jsonl_lines(lines, "feed.jsonl"))
    assert article.text == "Odesa was shelled by Russian forces on Monday."
    assert not any(w.startswith("W003") for w in article.warnings)


def test_a_page_cut_before_its_closing_tags_still_warns():
    page = "<html><head><title>T</title></head><body><article><p>" + ARTICLE * 3 + "</p>"
    [article] = list(read_jsonl_lines([json.dumps({"id": "t", "html": page})], "feed.jsonl"))
    assert any(w.startswith("W003") for w in article.warnings)


def test_search_syntax_errors_of_news_words_say_how_to_quote_them(tmp_path):
    with Store(tmp_path / "s.db") as store:
        for query in ("al-Bashir", "U.S.", '"unclosed', "AND"):
            with pytest.raises(InputError) as err:
                search(store, query)
            assert err.value.code == "E055" and '"al-Bashir"' in str(err.value) and one_line_with_fix(err.value)
        with pytest.raises(InputError) as err:
            search(store, "al-Bashir")
        assert "column name" in str(err.value)
        assert search(store, '"al-Bashir" OR "U.S."') == []


def test_a_count_beyond_sqlites_integers_fails_its_article_alone(tmp_path):
    with Store(tmp_path / "s.db") as store:
        write(store, strike_report(id="a", url="https://a.example/1", dead=32, injured=10, day="2025-01-18",
                                   published="2025-01-18"))
        huge = strike_report(id="b", url="https://b.example/1", dead=10 ** 22, injured=1, day="2025-02-01",
                             published="2025-02-01")
        assert any(v.fatalities == 10 ** 22 for v in huge.events)
        with pytest.raises(StoreError) as err:
            write(store, huge)
        assert err.value.code == "E054"
        assert store.counts()["articles"] == 1 and store.integrity_check() == ["ok"]


@pytest.mark.parametrize("published, day", [("9999-12-31", "9999-12-31"), ("0001-01-01", "0001-01-01")])
def test_articles_at_the_ends_of_the_calendar_are_stored_and_fused(tmp_path, published, day):
    with Store(tmp_path / "s.db") as store:
        for n, key in enumerate("ab"):
            write(store, strike_report(id=key, url=f"https://{key}.example/1", dead=30 + n, injured=1, day=day,
                                       published=published))
        assert store.counts()["articles"] == 2
        from wirecoder.store.stories import rebuild

        assert rebuild(store) >= 1 and store.integrity_check() == ["ok"]


@pytest.mark.model
def test_a_bug_met_while_writing_one_article_fails_it_alone(tmp_path, pipeline, monkeypatch):
    from wirecoder.store import ingest as ingest_module
    from wirecoder.store import stories as fusion

    real, calls = fusion.attach, []

    def attach_failing_once(db, pk):
        calls.append(pk)
        if len(calls) == 1:
            raise ValueError("boom")
        return real(db, pk)

    monkeypatch.setattr(fusion, "attach", attach_failing_once)
    items = [make_article(ARTICLE, "a.txt"), make_article("Talks resumed in Geneva on Friday.", "b.txt")]
    with Store(tmp_path / "s.db") as store:
        summary = ingest_module.ingest(store, items, make_pipeline=lambda: pipeline)
        assert (summary.stored, dict(summary.failed)) == (1, {"E054": 1})
        assert "ValueError: boom" in summary.failures[0][1]
        assert store.counts()["articles"] == 1 and store.integrity_check() == ["ok"]


class _OffContract:
    """An item a buggy stage might leave: it cannot become a record."""

    def to_record(self, text):
        raise ValueError("confidence must be between 0 and 1")


class _LeavesBadItems:
    name = "bad_items"
    requires = ("tokens",)
    assigns = ("quotes",)

    def __call__(self, doc):
        if "bad" in doc.text:
            doc._.wc.quotes = [_OffContract()]


@pytest.mark.model
def test_an_item_outside_the_record_contract_fails_its_article_alone(monkeypatch):
    from wirecoder import stages
    from wirecoder.pipeline import Pipeline

    monkeypatch.setitem(stages.REGISTRY, "bad_items", f"{__name__}:_LeavesBadItems")
    texts = [ARTICLE, "A bad one.", "Talks resumed in Geneva."]
    results = list(Pipeline(["bad_items"]).pipe([make_article(t, f"t{i}") for i, t in enumerate(texts)]))
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].error.code == "E030" and "confidence" in str(results[1].error)


def test_extract_on_a_folder_without_articles_says_so(tmp_path, capsys):
    (tmp_path / "photo.pdf").write_bytes(b"%PDF-1.4")
    assert cli.main(["extract", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no articles in" in captured.err and ".jsonl" in captured.err


@pytest.mark.model
def test_extract_jsonl_flag_reads_a_file_of_any_name_as_json_lines(tmp_path, capsys):
    feed = tmp_path / "feed.txt"
    feed.write_text(json.dumps({"id": "x1", "text": ARTICLE}) + "\n" + json.dumps({"id": "x2", "text": ARTICLE + " More."}))
    assert cli.main(["extract", str(feed), "--jsonl", "--stages", "actors"]) == 0
    ids = [json.loads(line)["article"]["id"] for line in capsys.readouterr().out.splitlines()]
    assert ids == ["x1", "x2"]


def test_metadata_flags_on_a_batch_are_not_dropped_silently(tmp_path, capsys):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n")
    assert cli.main(["extract", str(feed), "--published", "2025-12-07", "--stages", "actors"]) == 0
    assert "--published ignored" in capsys.readouterr().err


def test_an_html_page_in_its_declared_charset_is_read(tmp_path):
    body = "Russian forces shelled Kharkiv\u2019s caf\u00e9 on Monday, killing three people, officials said. " * 4
    page = tmp_path / "saved.html"
    page.write_bytes(f'<html><head><meta charset="windows-1252"><title>T</title></head><body><article><p>{body}'
                     f"</p></article></body></html>".encode("cp1252"))
    [article] = list(read_path(page))
    assert "Kharkiv\u2019s caf\u00e9" in article.text
    undeclared = tmp_path / "bare.html"
    undeclared.write_bytes(b"<html><body><p>caf\xe9 au lait</p></body></html>")
    assert [item.code for item in read_path(undeclared)] == ["E004"]


def test_a_file_that_cannot_be_read_fails_alone():
    [err] = list(read_path("/proc/self/mem"))  # exists, is a file, and reading it is an I/O error
    assert err.code == "E013" and one_line_with_fix(err)
