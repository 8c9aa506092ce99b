import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirecoder.errors import InputError
from wirecoder.readers import decode, make_article, parse_published, read_jsonl_lines, read_path


def codes(items):
    return [item.code if isinstance(item, InputError) else "ok" for item in items]


@pytest.mark.parametrize("data, code", [
    (b"", "E002"),
    (b"   \n\t ", "E002"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00binary", "E003"),
    (b"caf\xe9 au lait", "E004"),
])
def test_bad_bytes_are_named(data, code):
    with pytest.raises(InputError) as err:
        decode(data, "x.txt")
    assert err.value.code == code
    assert "fix:" in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("value", ["yesterday", "2025-13-01", "12/07/2025", "2025-02-30"])
def test_bad_dates_are_refused(value):
    with pytest.raises(InputError) as err:
        parse_published(value, "--published")
    assert err.value.code == "E005"


@pytest.mark.parametrize("value, expected", [
    ("2025-12-07", "2025-12-07"),
    ("2025-12-07T14:30:00Z", "2025-12-07T14:30:00+00:00"),
    ("2025-12-07 14:30", "2025-12-07T14:30:00"),
])
def test_good_dates_are_normalised(value, expected):
    assert parse_published(value, "x") == expected


def test_oversized_text_is_refused(monkeypatch):
    monkeypatch.setenv("WIRECODER_MAX_CHARS", "100")
    with pytest.raises(InputError) as err:
        make_article("word " * 50, "big.txt")
    assert err.value.code == "E006"


def test_non_english_text_gets_a_warning():
    article = make_article("Der Bundeskanzler traf sich am Montag mit dem Präsidenten der Ukraine in Berlin "
                           "und sprach über die Lage an der Front.", "de.txt")
    assert any(w.startswith("W001") for w in article.warnings)


def test_jsonl_bad_lines_do_not_stop_the_batch():
    lines = [json.dumps({"id": "a", "text": "Troops entered the town.", "published": "2025-01-02"}),
             "{not json",
             json.dumps({"id": "c", "text": ""}),
             json.dumps({"id": "d", "title": "no text"}),
             json.dumps({"id": "e", "text": "Fine.", "published": "someday"}),
             json.dumps({"id": "f", "text": 42}),
             json.dumps({"id": "g", "text": "Talks resumed in Geneva."})]
    assert codes(read_jsonl_lines(lines, "in.jsonl")) == ["ok", "E007", "E002", "E008", "E005", "E011", "ok"]


def test_missing_path(tmp_path):
    with pytest.raises(InputError) as err:
        list(read_path(tmp_path / "nope.txt"))
    assert err.value.code == "E001"


def test_folder_is_read_in_order_and_skips_other_files(tmp_path):
    (tmp_path / "b.txt").write_text("Second article about talks.")
    (tmp_path / "a.txt").write_text("First article about talks.")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")
    items = list(read_path(tmp_path))
    assert [item.text for item in items] == ["First article about talks.", "Second article about talks."]


def test_html_reader_takes_metadata_and_drops_boilerplate(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("""<html><head><title>Talks resume</title>
<meta property="article:published_time" content="2025-10-03T08:15:00+00:00"></head>
<body><nav>Home | World</nav><article><h1>Talks resume</h1>
<p>Negotiators from both sides met in Geneva on Thursday to discuss a ceasefire along the front line.</p>
<p>The talks will continue next week, a spokesman for the mediators said.</p></article>
<footer>Copyright 2019</footer></body></html>""")
    [article] = list(read_path(page))
    assert article.published == "2025-10-03"
    assert article.title == "Talks resume"
    assert "Geneva" in article.text and "Home | World" not in article.text and "Copyright" not in article.text


@given(st.text(min_size=1).filter(lambda s: s.strip() and "\x00" not in s))
def test_decoding_valid_utf8_round_trips(text):
    data = text.encode("utf-8")
    controls = sum(1 for b in data[:8192] if b < 9 or 13 < b < 32)
    if controls > len(data[:8192]) * 0.05:
        return
    assert decode(data, "x") == text.lstrip("\ufeff")
