"""`wirecoder backup`: a checked copy of the store taken while a writer and readers use it."""

import json
import sqlite3
import threading

import pytest

from store_records import strike_report
from wirecoder import cli
from wirecoder.errors import InputError, StoreError
from wirecoder.store import Store, load_record, write
from wirecoder.store.backup import backup

ONE_DAY = "2025-01-18"


def report(n: int):
    return strike_report(id=f"r{n}", url=f"https://wire.example/{n}", dead=n + 1, injured=None, day=ONE_DAY,
                         published=ONE_DAY)


def assert_whole(path) -> int:
    """The copy opens as a store, passes integrity_check, and each article has all its layers."""
    with Store(path, create=False) as store:
        assert store.integrity_check() == ["ok"]
        rows = store.execute("SELECT pk, record FROM articles").fetchall()
        for pk, record in rows:
            layers = json.loads(record)
            for table, key in (("entities", "entities"), ("quotes", "quotes"), ("events", "events")):
                stored = store.execute(f"SELECT count(*) FROM {table} WHERE article = ?", (pk,)).fetchone()[0]
                assert stored == len(layers[key]), (table, pk)
        return len(rows)


def test_a_backup_taken_while_a_writer_writes_is_whole_and_restorable(tmp_path):
    db = tmp_path / "news.db"
    with Store(db) as store:
        write(store, report(0))
    done, failures = threading.Event(), []

    def writer():
        try:
            with Store(db) as own:
                for n in range(1, 61):
                    write(own, report(n))
        except Exception as err:  # noqa: BLE001 - reported by the assertion below
            failures.append(err)
        finally:
            done.set()

    def reader():
        with Store(db, create=False) as own:
            while not done.is_set():
                own.execute("SELECT count(*) FROM events").fetchone()

    threads = [threading.Thread(target=writer), threading.Thread(target=reader)]
    for thread in threads:
        thread.start()
    copies = []
    with Store(db, create=False) as store:
        while not done.is_set() or not copies:
            copies.append(backup(store, tmp_path / f"copy{len(copies)}.db"))
        for thread in threads:
            thread.join(timeout=60)
        assert not failures
        assert len(copies) >= 2, "the writer finished before a backup overlapped it"
        copies.append(backup(store, tmp_path / "final.db"))
    for copy in copies:
        assert assert_whole(copy.path) == copy.articles
        assert 1 <= copy.articles <= 61 and copy.events == copy.articles
    assert copies[-1].articles == 61  # the copy taken after the writer finished has everything
    assert len({c.articles for c in copies}) > 2  # copies caught the writer at different points
    with Store(copies[-1].path, create=False) as restored:  # restoring = using the copy as the store
        assert load_record(restored, "r7") == report(7)
        write(restored, report(99))
        assert restored.counts()["articles"] == 62
    assert not list(tmp_path.glob(".*.part")), "a temporary file was left behind"


def test_the_cli_prints_one_line_and_writes_into_a_folder(tmp_path, capsys):
    db = tmp_path / "news.db"
    with Store(db) as store:
        write(store, report(1))
        write(store, report(2))
    folder = tmp_path / "backups"
    folder.mkdir()
    assert cli.main(["backup", str(folder), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "2 articles, 2 events" in out and "integrity ok" in out
    assert assert_whole(folder / "news.db") == 2


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_a_backup_onto_the_store_or_its_companions_is_refused(tmp_path, capsys, suffix):
    db = tmp_path / "news.db"
    with Store(db) as store:
        write(store, report(1))
    before = db.read_bytes()
    with Store(db, create=False) as store:
        with pytest.raises(InputError) as err:
            backup(store, f"{db}{suffix}")
    assert err.value.code == "E067"
    assert cli.main(["backup", str(tmp_path / "." / "news.db"), "--db", str(db)]) == 2
    assert "E067" in capsys.readouterr().err
    assert db.read_bytes() == before and assert_whole(db) == 1


def test_a_hard_link_to_the_store_is_the_store(tmp_path):
    db = tmp_path / "news.db"
    with Store(db) as store:
        write(store, report(1))
    (tmp_path / "alias.db").hardlink_to(db)
    with Store(db, create=False) as store, pytest.raises(InputError) as err:
        backup(store, tmp_path / "alias.db")
    assert err.value.code == "E067" and assert_whole(db) == 1


def test_a_missing_folder_or_a_missing_store_is_named(tmp_path, capsys):
    db = tmp_path / "news.db"
    assert cli.main(["backup", str(tmp_path / "b.db"), "--db", str(db)]) == 2
    assert "E050" in capsys.readouterr().err and not db.exists()
    with Store(db) as store:
        with pytest.raises(InputError) as err:
            backup(store, tmp_path / "no" / "such" / "b.db")
    assert err.value.code == "E060" and "does not exist" in str(err.value)


def test_a_damaged_store_is_not_copied_as_if_whole(tmp_path):
    db = tmp_path / "news.db"
    with Store(db) as store:
        for n in range(40):
            write(store, report(n))
        page_size = store.execute("PRAGMA page_size").fetchone()[0]
        pages = store.execute("PRAGMA page_count").fetchone()[0]
    with open(db, "r+b") as handle:  # junk in the middle of the file
        handle.seek((pages // 2) * page_size)
        handle.write(b"\x13" * page_size)
    with pytest.raises(StoreError) as err:  # found when the store is opened for the backup (quick_check)
        with Store(db, create=False) as store:
            backup(store, tmp_path / "b.db")
    assert err.value.code == "E063" and ".recover" in str(err.value)
    assert not (tmp_path / "b.db").exists()


def test_an_existing_backup_is_replaced_only_by_a_complete_one(tmp_path):
    db = tmp_path / "news.db"
    with Store(db) as store:
        write(store, report(1))
        first = backup(store, tmp_path / "b.db")
        write(store, report(2))
        second = backup(store, tmp_path / "b.db")
    assert (first.articles, second.articles) == (1, 2)
    assert sqlite3.connect(tmp_path / "b.db").execute("PRAGMA journal_mode").fetchone()[0] == "delete"
