"""Hostile input and faults (issue 15): each failure found by trying wirecoder as a new
user would, with the outcome it must have now. The store tests use hand-built records
(no spaCy); those that need the parse are marked ``model``; a full disk and read-only
media are real file systems (a small tmpfs, remounted read-only) when this user may mount.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from store_records import RecordsByText, meeting_report, odesa_report, strike_report
from wirecoder.cli import main
from wirecoder.errors import InputError, StoreError
from wirecoder.readers import make_article, read_path
from wirecoder.store import Store, write
from wirecoder.store.ingest import ingest


def filled_store(path: Path, n: int = 3) -> Path:
    with Store(path) as store:
        write(store, meeting_report())
        write(store, odesa_report())
        for i in range(n):
            write(store, strike_report(id=f"dnipro-{i}", url=f"https://example.org/d{i}", dead=30 + i, injured=None,
                                       day="2025-12-06", published="2025-12-07"))
    return path


@contextmanager
def mounted(folder: Path, size: str = "4m"):
    """A tmpfs of ``size`` at ``folder``; skip when this user may not mount."""
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@contextmanager
def deadline(seconds: int):
    """Fail instead of hanging (a named pipe that is opened blocks until a writer comes)."""
    def hang(*_):
        raise TimeoutError(f"still blocked after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# -- 1. an output never overwrites the store, and is written whole or not at all ----------------

@pytest.mark.parametrize("fmt", ["jsonl", "acled-csv", "plover-json", "csv", "geojson", "parquet"])
@pytest.mark.parametrize("side", ["", "-wal", "link"])
def test_export_refuses_the_store_or_its_side_files_as_output(tmp_path, capsys, fmt, side):
    db = filled_store(tmp_path / "news.db")
    before = db.read_bytes()
    out = tmp_path / "news.db-wal" if side == "-wal" else db
    if side == "link":
        out = tmp_path / "events.out"
        out.symlink_to(db)
    assert main(["export", "--format", fmt, "--db", str(db), "--out", str(out)]) == 2
    assert "E062" in capsys.readouterr().err
    assert db.read_bytes() == before
    with Store(db, create=False) as store:
        assert store.integrity_check() == ["ok"] and store.counts()["articles"] == 5


def test_a_log_file_is_never_the_store(tmp_path, capsys):
    db = filled_store(tmp_path / "news.db")
    before = db.read_bytes()
    assert main(["events", "--db", str(db), "--log-file", str(db)]) == 2
    assert "E062" in capsys.readouterr().err and db.read_bytes() == before


def test_export_writes_through_a_temporary_file_renamed_into_place(tmp_path):
    db = filled_store(tmp_path / "news.db")
    out = tmp_path / "records.jsonl"
    out.write_text("the previous export\n")
    assert main(["export", "--format", "jsonl", "--db", str(db), "--out", str(out)]) == 0
    assert len(out.read_text().splitlines()) == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.db", "records.jsonl"]  # no temporary left


def test_a_failed_write_keeps_the_old_output_and_leaves_no_temporary(tmp_path):
    from wirecoder.outputs import replacing

    out = tmp_path / "events.csv"
    out.write_text("old\n")
    with pytest.raises(RuntimeError):
        with replacing(out) as temp:
            temp.write_text("half of the new")
            raise RuntimeError("the export failed midway")
    assert out.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


# -- 2. a store on read-only media, or that this user cannot write, is still read -------------

def test_a_store_on_read_only_media_is_queried_and_refuses_writes_by_name(tmp_path, capsys):
    with mounted(tmp_path / "media") as media:
        filled_store(media / "news.db")
        assert not (media / "news.db-shm").exists()  # closed cleanly: readers cannot create it now
        with Store(tmp_path / "live.db") as live:  # a copy taken while a writer had commits in its -wal
            write(live, meeting_report())
            for name in ("live.db", "live.db-wal"):
                (media / name).write_bytes((tmp_path / name).read_bytes())
        done = subprocess.run(["mount", "-o", "remount,ro", str(media)], capture_output=True)
        assert done.returncode == 0, done.stderr
        with pytest.raises(OSError):
            (media / "probe").write_text("x")  # really read-only, even for root
        with Store(media / "news.db", create=False) as store:
            assert store.read_only and store.counts()["articles"] == 5
            with pytest.raises(StoreError) as refused:
                write(store, strike_report(id="new", url="https://example.org/new", dead=1, injured=None,
                                           day="2025-12-06", published="2025-12-07"))
        assert refused.value.code == "E064" and "copy the store" in str(refused.value)
        with pytest.raises(StoreError) as unreadable:  # read without its -wal, it would miss those commits
            Store(media / "live.db", create=False)
        assert unreadable.value.code == "E064" and "live.db-wal" in str(unreadable.value)
        assert main(["events", "--db", str(media / "news.db"), "--json"]) == 0
        assert len(capsys.readouterr().out.splitlines()) == 5  # every stored event
        article = tmp_path / "new.txt"
        article.write_text("The council met on Monday and agreed to repair the bridge, officials said.")
        assert main(["ingest", str(article), "--db", str(media / "news.db")]) == 5
        assert "E064" in capsys.readouterr().err


def test_an_immutable_store_file_in_a_writable_folder_opens_read_only(tmp_path):
    db = filled_store(tmp_path / "news.db")
    if subprocess.run(["chattr", "+i", str(db)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not supported here")
    try:
        assert not os.access(db, os.W_OK)  # the kernel says so even to root
        with Store(db, create=False) as store:
            assert store.read_only and store.counts()["events"] == 5
        assert main(["ingest", str(tmp_path / "none.txt"), "--db", str(db)]) == 2  # E001 before the store
    finally:
        subprocess.run(["chattr", "-i", str(db)], capture_output=True)


# -- 3. a named pipe is refused, never read ------------------------------------------------------

def test_a_named_pipe_is_refused_instead_of_blocking(tmp_path, capsys):
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    with deadline(10):
        with pytest.raises(InputError) as refused:
            list(read_path(fifo))
        assert refused.value.code == "E018" and "named pipe" in str(refused.value)
        assert main(["extract", str(fifo)]) == 2
        assert main(["ingest", str(fifo), "--db", str(tmp_path / "news.db")]) == 2
    assert capsys.readouterr().err.count("E018") == 2
    assert not (tmp_path / "news.db").exists()


# -- 4. a damaged store is refused at open, with the way to recover it ----------------------------

def test_junk_in_the_middle_of_a_store_is_refused_at_open(tmp_path, capsys):
    db = filled_store(tmp_path / "news.db", n=60)
    data = bytearray(db.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle + 8:middle + page - 8] = os.urandom(page - 16)
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError) as refused:
        Store(db, create=False)
    assert refused.value.code == "E063" and ".recover" in str(refused.value)
    assert main(["events", "--db", str(db)]) == 5
    assert "E063" in capsys.readouterr().err
    assert db.read_bytes() == bytes(data)  # nothing written into it


# -- 5. the record says which language the text is in -------------------------------------------

def test_the_record_language_is_the_detected_one():
    from wirecoder.readers import language_of

    russian = ("Российские беспилотники атаковали энергетическую инфраструктуру в Харьковской области "
               "в ночь на понедельник, сообщили местные власти. Пострадали три человека.")
    article = make_article(russian, "ru")
    assert article.language == "und-Cyrl" and any(w.startswith("W001") for w in article.warnings)
    french = ("Les ministres se sont réunis lundi à Bruxelles pour discuter de la situation dans le pays "
              "et des mesures à prendre dans les prochains jours.")
    assert language_of(french) == "und-Latn"
    english = make_article("The ministers met in Brussels on Monday to discuss the talks, officials said.", "en")
    assert english.language == "en" and not english.warnings


@pytest.mark.model
def test_a_russian_record_does_not_claim_english(extract):
    record = extract("Российские беспилотники атаковали энергетическую инфраструктуру в Харьковской "
                     "области в ночь на понедельник, сообщили местные власти. Пострадали три человека.")
    assert record.article.language == "und-Cyrl"


# -- 6. text deep inside nested HTML is kept ------------------------------------------------------

@pytest.mark.parametrize("depth", [300, 2000, 5000])
def test_text_below_hundreds_of_nested_elements_is_kept(depth):
    from wirecoder.readers.html import html_to_article

    body = ("<p>Officials in the northern province said on Tuesday that the bridge over the river had been "
            "repaired and reopened to traffic after months of work by engineering crews.</p>"
            "<p>Local traders welcomed the news, saying the closure had cut their sales by half.</p>")
    html = "<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>"
    text, _, _ = html_to_article(html, "deep.html")
    assert "bridge over the river" in text and "cut their sales by half" in text


# -- 8. a full disk: the store is intact, what was stored is summarised --------------------------

def test_a_full_disk_stops_the_ingest_with_the_store_intact_and_a_summary(tmp_path):
    with mounted(tmp_path / "small", size="2m") as small:
        base = strike_report(id="x", url="https://example.org/x", dead=3, injured=None, day="2025-12-06",
                             published="2025-12-07")
        padding = "\n" + "Rescuers kept searching the rubble of the block through the night. " * 200
        records = [base.model_copy(update={"article": base.article.model_copy(update={
            "id": f"a{i}", "url": f"https://example.org/a{i}", "text": base.article.text + padding + str(i)})})
            for i in range(200)]
        items = [make_article(r.article.text, r.article.id, id=r.article.id) for r in records]
        with Store(small / "news.db") as store:
            summary = ingest(store, items, make_pipeline=lambda: RecordsByText(records))
        assert summary.stopped is not None and summary.stopped.code == "E065"
        assert 0 < summary.stored < 200
        message = str(summary.stopped)
        assert "intact" in message and "free space" in message and "backup" not in message
        lines = "\n".join(summary.lines())
        assert lines.startswith(f"{summary.stored} stored") and "stopped early" in lines
        with Store(small / "news.db", create=False) as store:
            assert store.integrity_check() == ["ok"]
            assert store.counts()["articles"] == summary.stored


# -- 9. quantities and dates stay within what the text says --------------------------------------

def test_repeated_scale_words_are_not_multiplied_out():
    from wirecoder.stages.quantities.lexicon import quantity_lexicon
    from wirecoder.stages.quantities.numbers import read_number

    words = quantity_lexicon().words
    assert read_number(["a", "billion", "billion"], words) is None
    assert read_number(["thousands", "of", "thousands"], words) is None
    assert read_number(["two", "hundred", "thousand"], words).value == 200_000
    assert read_number(["two", "million", "three", "hundred", "thousand"], words).value == 2_300_000
    assert read_number(["tens", "of", "thousands"], words).value == 10_000


@pytest.mark.model
def test_no_count_from_a_power_and_no_date_from_an_impossible_day(extract):
    power = extract("Officials said 10^22 people had been counted in the model, a figure nobody believed.")
    assert all(q.value not in (22, 10) for q in power.quantities)
    spaced = extract("Officials said 10 ^ 22 people had been counted in the model, a figure nobody believed.")
    assert all(q.value not in (22, 10) for q in spaced.quantities)
    billion = extract("A billion billion people were said to have watched, the organisers claimed on Monday.")
    assert all(q.value < 1e9 + 1 for q in billion.quantities)
    far = extract("The treaty would hold until the year 10000, the envoy said on Monday.")
    assert [t.text for t in far.times] == ["Monday"] or all("10000" not in (t.value or "") for t in far.times)
    assert all(t.value != "2025" for t in far.times)
    february = extract("The vote was held on 31 February, the envoy said.")
    assert february.times == []
    leap = extract("The vote was held on 29 February 2024, the envoy said.")
    assert [t.value for t in leap.times] == ["2024-02-29"]


# -- 10. month and year bounds of --since/--until on the command line ----------------------------

def test_since_a_month_until_a_year_on_the_command_line(tmp_path, capsys):
    db = filled_store(tmp_path / "news.db")
    assert main(["events", "--db", str(db), "--since", "2025-12", "--until", "2025", "--json"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 4  # the Dnipro strikes (6 December) and the meeting (8 December), not Odesa (January)
    assert main(["events", "--db", str(db), "--since", "2026", "--json"]) == 0
    assert capsys.readouterr().out == ""


# -- 7. a long article is parsed in pieces of bounded size --------------------------------------

def test_pieces_join_to_the_text_and_are_cut_at_breaks():
    from wirecoder.pipeline import pieces

    paragraph = "The council met on Monday. It agreed to repair the bridge over the river by spring.\n\n"
    text = paragraph * 40 + "word " * 100 + "x" * 700
    parts = pieces(text, size=500)
    assert "".join(parts) == text and all(len(part) <= 500 for part in parts)
    assert all(part.endswith(("\n\n", ". ", " ")) for part in parts[:-2])  # the last two: one word, cut hard
    assert pieces("short text", size=500) == ["short text"]


@pytest.mark.model
def test_an_article_parsed_in_pieces_gives_the_record_parsed_whole(pipeline, monkeypatch):
    import wirecoder.pipeline as module

    text = "\n\n".join([
        "Officials in the northern province said on Tuesday that 40 people had been evacuated after shelling "
        "damaged a bridge near the town of Riverton.",
        "\"We will rebuild everything,\" the governor, Anna Keller, told reporters, adding that about 300 homes "
        "were left without power.",
        "The defence ministry said its forces had shot down 12 drones overnight over the capital.",
        "Talks between the two delegations are due to resume in Geneva next week, the foreign ministry said.",
    ])
    whole = pipeline.extract(make_article(text, "whole", published="2025-12-07"))
    monkeypatch.setattr(module, "PIECE_CHARS", 150)
    assert len(module.pieces(text)) == 4
    parts = pipeline.extract(make_article(text, "whole", published="2025-12-07"))
    assert parts.to_dict() == whole.to_dict()


MEASURE = """
import resource, sys
from wirecoder.pipeline import Pipeline
from wirecoder.readers import make_article
paragraphs = [
    "Officials in the northern province said on Tuesday that {n} people had been evacuated after shelling "
    "damaged a bridge and two schools near the town of Riverton, according to the regional governor.",
    "\\"We will rebuild everything,\\" the governor, Anna Keller, told reporters, adding that about {n} homes "
    "were left without power and that repair crews would arrive by Friday.",
    "The defence ministry said its forces had shot down {n} drones overnight, while the opposition accused "
    "the government of hiding the true number of casualties.",
]
size = int(sys.argv[1])
text, i = "", 0
while len(text) < size:
    text += paragraphs[i % 3].format(n=10 + i % 90) + "\\n\\n"
    i += 1
pipeline = Pipeline()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
record = pipeline.extract(make_article(text[:size], "long", published="2025-12-07"))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print((peak - base) // 1024, len(record.events))
"""


@pytest.mark.long
def test_an_article_at_the_length_limit_is_processed_in_bounded_memory():
    """An article at the default limit (WIRECODER_MAX_CHARS) is processed, in a separate
    process whose peak memory above the loaded model is measured (293 MB in all at 200,000
    characters after the change, 789 MB before; 1,000,000: 455 MB, the 1.5 million that
    were killed at 4.4 GB before are refused now with E006)."""
    import sys

    from wirecoder import settings

    size = settings.get("max_chars")
    done = subprocess.run([sys.executable, "-c", MEASURE, str(size)], capture_output=True, text=True, timeout=3000)
    assert done.returncode == 0, done.stderr[-2000:]
    grown_mb, events = map(int, done.stdout.split())
    assert events > 0
    assert grown_mb < 400, f"{size:,} characters took {grown_mb} MB above the loaded model"


def test_the_default_length_limit_is_named_when_an_article_passes_it():
    from wirecoder import settings

    limit = settings.get("max_chars")
    assert limit <= 200_000  # what this machine processes in about a minute (test-long measures it)
    with pytest.raises(InputError) as refused:
        make_article("The council met on Monday. " * (limit // 27 + 1), "long.txt")
    assert refused.value.code == "E006" and f"{limit:,}" in str(refused.value) and "WIRECODER_MAX_CHARS" in str(
        refused.value)
