"""Finding counts in a parsed article and what each one counts.

A count is a run of number words or digits ("1,600", "2.5 million", "a
dozen") that is not part of a date, a time, a name or a compound adjective
("a 28-point plan"). What it counts is the noun it modifies, with that noun's
own modifiers but without nationality adjectives ("some 1,600 Russian drone
attacks" counts "drone attacks"); an estimate cue right before it ("some", "at
least") makes it approximate, and so does a vague plural ("dozens"). The
period is read from a duration or interval the times stage found in the same
sentence ("over the past week" -> P7D).
"""

from __future__ import annotations

from datetime import date

from spacy.attrs import LOWER, SENT_START
from spacy.tokens import Doc, Span, Token

from ..base import text_of
from .items import QuantityItem
from .lexicon import QuantityLexicon
from .numbers import digit_value, is_number_word, read_number

# spaCy entity labels whose numbers are not counts.
NOT_COUNTS = frozenset({"DATE", "TIME", "ORDINAL", "PERCENT"})
NATIONAL = frozenset({"NORP", "GPE"})
COUNTED_PREPS = frozenset({"of", "without", "with"})
CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP", "dollars": "USD", "euros": "EUR", "pounds": "GBP"}


class QuantityFinder:
    def __init__(self, lexicon: QuantityLexicon):
        self.lex = lexicon

    def find(self, doc: Doc, times: list, entities: list, text: str | None = None) -> list[QuantityItem]:
        """``text``: the article text, when known (``Doc.text`` joins every token again)."""
        blocked = _blocked_tokens(doc, times, entities)
        found: list[QuantityItem] = []
        lower = _lower_words(doc)
        self._text = text if text is not None else text_of(doc)
        sentence_start = _sentence_starts(doc)
        i = 0
        while i < len(doc):
            if i in blocked or not self._may_be_number(lower[i]) or not self._is_number(doc[i]):
                i += 1
                continue
            first, last = self._group(doc, i, blocked)
            item = self._item(doc, first, last, times, len(found) + 1, sentence_start[first])
            if item is not None:
                found.append(item)
            i = last + 1
        return _spread_approx(doc, found)

    def _may_be_number(self, word: str) -> bool:
        """A cheap first look before building the token: a digit or a number word."""
        return word[:1].isdigit() or word in self.lex.words or "-" in word

    # -- a run of number words ---------------------------------------------
    def _is_number(self, token: Token) -> bool:
        return is_number_word(token.text, self.lex.words) or (token.like_num and token.text.isdigit())

    def _group(self, doc: Doc, i: int, blocked: set[int]) -> tuple[int, int]:
        first = last = i
        if i > 0 and doc[i - 1].lower_ in ("a", "an") and doc[i].lower_ in self.lex.words:
            first = i - 1
        j = i + 1
        while j < len(doc) and j not in blocked:
            if self._is_number(doc[j]):
                last = j
            elif j + 1 < len(doc) and self._joins(doc[j].lower_, doc[j - 1].lower_, doc[j + 1].lower_):
                last = j = j + 1
            else:
                break
            j += 1
        return first, last

    def _joins(self, word: str, before: str, after: str) -> bool:
        """ "twenty-five", "tens of thousands", "two hundred and fifty"."""
        following = self.lex.words.get(after)
        if following is None:
            return False
        if word == "-":
            return True
        if word == "of":
            return following.kind != "unit" and before in self.lex.words
        if word == "and":
            return following.kind == "unit" and before in ("hundred", "thousand")
        return False

    def _item(self, doc: Doc, first: int, last: int, times: list, n: int,
              sentence_start: int) -> QuantityItem | None:
        tokens = doc[first:last + 1]
        reading = read_number([t.text for t in tokens], self.lex.words)
        if reading is None or _not_a_count(doc, tokens):
            return None
        head = _counted_head(doc, tokens)
        if head is None and first > 0 and doc[first - 1].pos_ in ("PROPN", "ADJ") and doc[first - 1].is_title:
            return None  # a number that names: "European 3", "Apollo 11"
        cue_start, bound = self._cue(doc, first, sentence_start)
        start_token = doc[cue_start] if cue_start is not None else doc[first]
        end_token = head if head is not None and head.i > last else doc[last]
        unit = counted = None
        if head is not None:
            unit = CURRENCIES.get(head.lower_, head.lower_)
            counted = _counted_text(doc, last, head)
        if first > 0 and doc[first - 1].text in CURRENCIES:
            unit, start_token = CURRENCIES[doc[first - 1].text], doc[first - 1]
        start, end = start_token.idx, end_token.idx + len(end_token)
        return QuantityItem(
            id=f"N{n}", text=self._text[start:end], start=start, end=end, value=reading.value,
            approx=reading.vague or bound is not None, unit=unit, counted=counted,
            period=_period(doc, sentence_start, first, times), bound=bound or ("min" if reading.vague else None),
            head_start=head.idx if head is not None else None,
            head_end=head.idx + len(head) if head is not None else None)

    def _cue(self, doc: Doc, first: int, sentence_start: int) -> tuple[int | None, str | None]:
        """The estimate cue right before the number: ("some" -> about, "at least" -> min)."""
        for size in range(self.lex.longest_cue, 0, -1):
            begin = first - size
            if begin < sentence_start:
                continue
            words = tuple(t.lower_ for t in doc[begin:first])
            if words in self.lex.approx_cues:
                return begin, self.lex.approx_cues[words]
        return None, None


def _lower_words(doc: Doc) -> list[str]:
    strings = doc.vocab.strings
    return [strings[h] for h in doc.to_array([LOWER]).tolist()] if len(doc) else []


def _sentence_starts(doc: Doc) -> list[int]:
    """For each token, the index of the first token of its sentence."""
    out, start = [], 0
    for i, flag in enumerate(doc.to_array([SENT_START]).tolist() if len(doc) else []):
        if flag == 1:
            start = i
        out.append(start)
    return out


def _blocked_tokens(doc: Doc, times: list, entities: list) -> set[int]:
    """Tokens that belong to dates, times or names: their numbers are not counts."""
    spans = [(getattr(t, "start", 0), getattr(t, "end", 0)) for t in times]
    spans += [(e.start_char, e.end_char) for e in doc.ents if e.label_ in NOT_COUNTS]
    for entity in entities:
        if entity.kind in ("person", "organization", "group", "media", "platform", "facility"):
            spans += [(m.start, m.end) for m in entity.mentions]
    blocked: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            blocked.update(range(span.start, span.end))
    return blocked


EXPONENT_MARKS = ("^", "**", "×")  # "10^22", "10**22", "6.02×10": a power, not a count


def _not_a_count(doc: Doc, tokens: Span) -> bool:
    last, first = tokens[-1], tokens[0]
    text = text_of(doc)
    before = text[max(0, tokens.start_char - 3):tokens.start_char].rstrip(" ")
    after = text[tokens.end_char:tokens.end_char + 3].lstrip(" ")
    if before.endswith(EXPONENT_MARKS) or after.startswith(EXPONENT_MARKS):
        return True  # part of a power of ten, whose value the text does not spell out
    if last.i + 1 < len(doc) and doc[last.i + 1].text == "-":
        return True  # "a 28-point plan", "a 10-year-old"
    if first.i > 0 and doc[first.i - 1].lower_ in ("no.", "number", "#", "article", "resolution"):
        return True
    if len(tokens) == 1 and first.lower_ == "one" and first.dep_ != "nummod":
        return True  # "one of the biggest refineries"
    if last.dep_ == "nummod" and last.head.i < first.i and last.head.pos_ == "PROPN":
        return True  # a number that names: "European 3", "Resolution 2254"
    value = digit_value(first.text)
    if len(tokens) == 1 and value is not None and "," not in first.text and 1800 <= value <= 2100 \
            and first.dep_ != "nummod":
        return True  # a year the date finder missed
    return False


def _counted_head(doc: Doc, tokens: Span) -> Token | None:
    """The noun the number counts: its nummod head, or "thousands of <people>"."""
    for token in reversed(tokens):
        if token.dep_ in ("nummod", "quantmod") and not (tokens.start <= token.head.i < tokens.end):
            head = token.head
            return head if head.pos_ in ("NOUN", "PROPN") else None
    last = tokens[-1]
    for child in last.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
            if objects:
                return objects[0]
    return None


def _counted_text(doc: Doc, last: int, head: Token) -> str:
    """The counted noun with its modifiers, without nationality words or articles."""
    if head.i > last:
        left = [t for t in doc[last + 1:head.i]
                if t.ent_type_ not in NATIONAL and t.dep_ in ("compound", "amod", "nmod")
                and not t.is_punct and t.pos_ != "NUM"]
    else:
        left = []
    words = [t.text for t in left] + [head.text]
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in COUNTED_PREPS:
            phrase = list(child.subtree)
            if len(phrase) <= 5:
                words += [t.text for t in phrase]
    return " ".join(words)


def _period(doc: Doc, sentence_start: int, first: int, times: list) -> str | None:
    """A duration or interval stated in the same sentence, as an ISO 8601 duration."""
    if not times:
        return None
    sentence = doc[first].sent if sentence_start == first else doc[sentence_start].sent
    for time in times:
        start = getattr(time, "start", -1)
        if not sentence.start_char <= start < sentence.end_char:
            continue
        value = getattr(time, "value", None) or ""
        if getattr(time, "kind", "") == "duration" and value.startswith("P"):
            return value
        begin, end = getattr(time, "start_date", None), getattr(time, "end_date", None)
        if begin and end and begin != end:
            days = _days_between(begin, end)
            if days is not None and days > 0:
                return f"P{days}D"
    return None


def _days_between(begin: str, end: str) -> int | None:
    """Days from one ISO date to another; None when either is not a calendar day."""
    try:
        return (date.fromisoformat(end[:10]) - date.fromisoformat(begin[:10])).days
    except ValueError:
        return None


def _spread_approx(doc: Doc, items: list[QuantityItem]) -> list[QuantityItem]:
    """ "some 1,600 drones and 1,200 bombs": the cue covers both coordinated counts."""
    by_head = {item.head_start: item for item in items if item.head_start is not None}
    out = []
    for item in items:
        if not item.approx and item.head_start is not None:
            head = doc.char_span(item.head_start, item.head_end, alignment_mode="expand")
            if head is not None and head.root.dep_ == "conj":
                sibling = by_head.get(head.root.head.idx)
                if sibling is not None and sibling.approx and sibling.bound != "min":
                    item = QuantityItem(**{**item.__dict__, "approx": True, "bound": sibling.bound})
        out.append(item)
    return out
