"""Readers: files, folders, stdin -> ``ArticleInput``.

Every check that can reject an input lives here, so the pipeline only ever sees
text that is non-empty, decoded, of bounded size and with a parsed date.
Readers yield ``ArticleInput`` or, for one bad item inside a batch file, an
``InputError`` value (never raised mid-batch) so the caller can report it and
go on.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from .. import settings
from ..errors import E, InputError, W_NOT_ENGLISH, W_REPLACEMENT_CHARS, warning

log = logging.getLogger("wirecoder")

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = (".warc", ".warc.gz")
TABLE_SUFFIXES = {".csv", ".tsv"}


@dataclass(frozen=True)
class ArticleInput:
    """One article as read, before any NLP."""

    text: str
    id: str = ""
    published: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    language: str = "en"  # as detected (``language_of``): the record's article.language

    def __post_init__(self):
        if not self.id:
            object.__setattr__(self, "id", content_id(self.text))


def content_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_published(value, where: str) -> str | None:
    """Normalise a publication date to ISO 8601, or raise E005. Blank means no date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if not isinstance(value, str):
        raise InputError(E.E005, where=where, value=value)
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text.replace(" ", "T", 1)).isoformat()
    except ValueError:
        raise InputError(E.E005, where=where, value=value) from None


# Byte-order marks of the Unicode encodings other than UTF-8 (UTF-32 first: its
# little-endian mark begins with UTF-16's). Editors on Windows save "Unicode" text
# as UTF-16 with a mark; without this it would be refused as binary for its NULs.
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode(data: bytes, where: str) -> str:
    """Bytes -> str, refusing binary data and invalid UTF-8 with a named error.

    UTF-8 (with or without a byte-order mark) is the format; UTF-16 and UTF-32
    are read too when a byte-order mark says so."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                data = data.decode(encoding).encode("utf-8")
            except UnicodeDecodeError as err:
                raise InputError(E.E004, where=where, detail=f"{encoding} with a byte-order mark, "
                                 f"byte {err.start} is invalid") from None
            break
    if not data.strip():
        raise InputError(E.E002, where=where)
    head = data[:8192]
    nul = data.find(b"\x00")
    if nul >= 0:  # anywhere in the file: text never holds NUL, and a late one would end up stored
        raise InputError(E.E003, where=where, detail=f"it contains NUL bytes, the first at byte {nul}")
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls > len(head) * 0.05:
        raise InputError(E.E003, where=where, detail=f"{controls} control bytes in the first {len(head)}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(E.E004, where=where, detail=f"byte {err.start}: {data[err.start:err.start + 1]!r}") from None
    return text


def check_text(text: str, where: str) -> tuple[str, ...]:
    """Refuse empty or oversized text; return the warnings the text deserves."""
    if not text.strip().strip("\ufeff\u200b\u2060").strip():  # byte-order marks and zero-width spaces are no text
        raise InputError(E.E002, where=where)
    limit = settings.get("max_chars")
    if len(text) > limit:
        raise InputError(E.E006, where=where, size=len(text), limit=limit)
    warnings = []
    if "\ufffd" in text:
        warnings.append(warning(W_REPLACEMENT_CHARS, f"{text.count(chr(0xFFFD))} of them"))
    language = language_of(text)
    if language != "en":
        warnings.append(warning(W_NOT_ENGLISH, f"detected: {language}"))
    return tuple(warnings)


# ISO 15924 script codes by the first word of a letter's Unicode name.
_SCRIPTS = {"LATIN": "Latn", "CYRILLIC": "Cyrl", "ARABIC": "Arab", "GREEK": "Grek", "HEBREW": "Hebr",
            "CJK": "Hani", "HIRAGANA": "Jpan", "KATAKANA": "Jpan", "HANGUL": "Kore", "DEVANAGARI": "Deva",
            "THAI": "Thai", "GEORGIAN": "Geor", "ARMENIAN": "Armn", "BENGALI": "Beng", "TAMIL": "Taml",
            "ETHIOPIC": "Ethi"}


def language_of(text: str) -> str:
    """The text's language as a BCP 47 tag: "en" when it reads as English, else "und"
    (undetermined: wirecoder has no model of other languages) with the script most of its
    letters are written in ("und-Cyrl" for Russian or Ukrainian, "und-Latn" for French)."""
    if looks_english(text):
        return "en"
    scripts: Counter = Counter()
    for char in text[:5000]:
        if char.isalpha():
            scripts[unicodedata.name(char, "").split(" ", 1)[0]] += 1
    if not scripts:
        return "und"
    script = _SCRIPTS.get(scripts.most_common(1)[0][0])
    return f"und-{script}" if script else "und"


_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on was with he it as at by said from his has have are be "
    "an this not but its were which had they their who will been would also after".split()
)


def looks_english(text: str) -> bool:
    words = [w.strip(".,;:!?\"'()").lower() for w in text[:5000].split()]
    words = [w for w in words if w]
    if len(words) < 8:
        return True  # too short to judge; do not warn
    share = sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    return share >= 0.12


_META_FIELDS = ("url", "title", "source")


def make_article(text: str, where: str, *, id=None, published=None, url=None, title=None,
                 source=None, extra_warnings=()) -> ArticleInput:
    """Check an article given as values (the Python API, a JSON line) and build it.

    Text given as bytes is decoded like a file; any other type, and metadata
    that is not a string (an id may also be an integer), is refused with E011
    rather than failing later inside the pipeline or the record model."""
    if isinstance(text, (bytes, bytearray)):
        text = decode(bytes(text), where)
    if not isinstance(text, str):
        raise InputError(E.E011, where=where, field="text", kind=type(text).__name__)
    for name, value in zip(_META_FIELDS, (url, title, source)):
        if value is not None and not isinstance(value, str):
            raise InputError(E.E011, where=where, field=name, kind=type(value).__name__)
    if id is not None and (isinstance(id, bool) or not isinstance(id, (str, int))):
        raise InputError(E.E011, where=where, field="id", kind=type(id).__name__)
    warnings = check_text(text, where)
    return ArticleInput(
        text=text,
        language=language_of(text),
        id=str(id) if id not in (None, "") else "",
        published=parse_published(published, where),
        url=url, title=title, source=source,
        warnings=tuple(extra_warnings) + warnings,
    )


def read_text(data: bytes, where: str, **meta) -> ArticleInput:
    return make_article(decode(data, where), where, **meta)


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def decode_html(data: bytes, where: str) -> str:
    """Like ``decode``, but a page that is not UTF-8 and declares its charset in a
    <meta> tag (pages saved from a browser, often windows-1252) is read in it."""
    try:
        return decode(data, where)
    except InputError as err:
        declared = _META_CHARSET.search(data[:4096])
        if err.code != "E004" or declared is None:
            raise
        charset = declared.group(1).decode("ascii")
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            raise InputError(E.E004, where=where, detail=f"not UTF-8, nor the declared {charset}") from None


def read_html(data: bytes, where: str, **meta) -> ArticleInput:
    from .html import html_to_article  # trafilatura loads only when HTML is read

    html = decode_html(data, where)
    text, found, warnings = html_to_article(html, where)
    for key, value in found.items():
        if not meta.get(key):
            meta[key] = value
    return make_article(text, where, extra_warnings=warnings, **meta)


# The fields of an article given as values: a JSON line, a dict to `Pipeline.pipe`, a CSV row.
INPUT_FIELDS = ("id", "text", "html", "published", "url", "title", "source")


def read_jsonl_lines(lines, where: str) -> Iterator[ArticleInput | InputError]:
    """One article per JSON line; a bad line yields its error and reading goes on."""
    for number, line in enumerate(lines, start=1):
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as err:
                yield InputError(E.E004, where=f"{where}:{number}", detail=f"byte {err.start}")
                continue
        line = line.lstrip("\ufeff")  # a byte-order mark (Windows tools write one before line 1)
        if not line.strip():
            continue
        here = f"{where}:{number}"
        try:
            yield _jsonl_article(line, here, number)
        except InputError as err:
            yield err


def _jsonl_article(line: str, here: str, number: int) -> ArticleInput:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(E.E007, where=here, line=number, detail=err.msg) from None
    if not isinstance(obj, dict):
        raise InputError(E.E007, where=here, line=number, detail="not an object")
    if not obj.get("text") and not obj.get("html") and "text" not in obj:
        raise InputError(E.E008, where=here, line=number)
    return article_from_dict(obj, here)


def article_from_dict(obj: Mapping, where: str) -> ArticleInput:
    """An article given as a mapping with the JSON Lines fields (``INPUT_FIELDS``).

    The same rules as a JSON line: ``text`` or ``html`` is needed, every field
    is a string (an id may be an integer), other keys are ignored."""
    for key in INPUT_FIELDS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str) and not (
                key == "id" and isinstance(value, int) and not isinstance(value, bool)):
            raise InputError(E.E011, where=where, field=key, kind=type(value).__name__)
    meta = {k: obj.get(k) for k in ("id", "published", "url", "title", "source")}
    if "text" in obj and not obj.get("html"):
        return make_article(obj["text"] or "", where, **meta)
    if obj.get("text"):
        return make_article(obj["text"], where, **meta)
    if obj.get("html"):
        return read_html(obj["html"].encode("utf-8"), where, **meta)
    raise InputError(E.E015, where=where, keys=", ".join(map(str, obj)) or "none")


def kind_of(path: Path) -> str:
    if path.name.lower().endswith(WARC_SUFFIXES):
        return "warc"
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in TABLE_SUFFIXES:
        return "table"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    raise InputError(E.E009, where=str(path), suffix=path.suffix)


def read_path(path: str | Path, columns=None, **meta) -> Iterator[ArticleInput | InputError]:
    """Read a file or a folder (recursively, sorted). Metadata applies to single articles;
    ``columns`` (a ``table.Columns``) names the columns of CSV and TSV files."""
    path = Path(path)
    if not path.exists():
        raise InputError(E.E001, path=str(path))
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
            try:
                kind_of(child)
            except InputError as err:  # a folder may hold other files (README, images)
                log.debug("%s: skipped (%s)", child, err.problem)
                continue
            yield from read_path(child, columns)
        return
    if not path.is_file():
        raise InputError(E.E018, where=str(path), kind=special_kind(path))
    kind = kind_of(path)
    try:
        if kind == "warc":
            from .warc import read_warc  # warcio loads only when a WARC is read

            yield from read_warc(path)
        elif kind == "jsonl":
            with path.open("rb") as handle:
                yield from read_jsonl_lines(handle, str(path))
        elif kind == "table":
            from .table import delimiter_of, read_table

            yield from read_table(decode(path.read_bytes(), str(path)), str(path), columns, delimiter_of(path))
        else:
            data = path.read_bytes()
            yield read_html(data, str(path), **meta) if kind == "html" else read_text(data, str(path), **meta)
    except InputError as err:
        yield err
    except OSError as err:  # permissions, an I/O error: this file fails, the folder goes on
        yield InputError(E.E013, where=str(path), detail=err.strerror or type(err).__name__)


def special_kind(path: Path) -> str:
    """What a path that is neither a file nor a folder is, in words."""
    mode = path.stat().st_mode
    kinds = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
    return next((name for test, name in kinds if test(mode)), "a special file")


def with_meta(article: ArticleInput, **meta) -> ArticleInput:
    """Override metadata given by the caller (CLI flags win over file metadata)."""
    changes = {k: v for k, v in meta.items() if v not in (None, "")}
    if "published" in changes:
        changes["published"] = parse_published(changes["published"], article.id)
    return replace(article, **changes) if changes else article
