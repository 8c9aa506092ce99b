"""Second looks with the parse: is a regex match really a time expression?

The grammar sees characters; these checks see spaCy's tokens. "May" the modal
or the surname, "march" the verb, a year that is a count ("2000 homes"),
"the future" used as an adjective ("the future control of ..."), "fall" the
verb, "$5 a year" (a rate: a set, not a duration) and "will one day" (some
time ahead, not a day long) are decided here.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from .readings import Fixed, Match, Reading, Yearless

NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "NORP", "LAW"})
COUNT_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY"})
SEASON_CONTEXT = frozenset({"in", "by", "until", "till", "since", "during", "through", "throughout", "before",
                            "after", "this", "last", "next", "early", "late", "of", "from", "to", "the"})
SEASON_WORDS_AMBIGUOUS = frozenset({"fall", "spring"})
REF_NOUNS = frozenset({"future", "past", "present"})
RATE_WORDS = frozenset({"a", "an", "per"})
NUMERIC_RULES = frozenset({"date_numeric", "date_numeric_short", "date_range_numeric"})  # the model tags some "03/05/2016" ORG
PERIODIC_ADJECTIVES = frozenset({"quarterly", "annual", "annually", "monthly", "yearly", "biweekly"})


def plausible(match: Match, span: Span) -> Match | None:
    """The match as it stands, a corrected match, or None when it is not a time expression."""
    rule, reading = match.rule, match.reading
    tokens = list(span)
    if not tokens:
        return None
    if all(t.ent_type_ in NAME_LABELS for t in tokens) and rule not in NUMERIC_RULES \
            and not _whole_date_named(reading, span):
        return None  # "Theresa May", "Orion 1980", "High Noon", ABC's "This Week" (not "03/05/2016")
    if rule == "expression" and reading.type == "SET" and len(tokens) == 1 and tokens[0].dep_ == "amod" \
            and tokens[0].lower_ in PERIODIC_ADJECTIVES:
        return None  # "a quarterly dividend": how the noun is paid or counted, not when
    if reading.type == "DURATION" and tokens[-1].lower_.startswith("quarter") and span.end < len(span.doc) \
            and span.doc[span.end].lower_ == "of":
        return None  # "three-quarters of its food"
    if rule == "month":
        month_token = tokens[-1]
        if month_token.tag_ == "MD" or month_token.pos_ in ("VERB", "AUX"):
            return None
        if len(tokens) == 1 and any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < month_token.i
                                    for c in month_token.children):
            return None  # "Theresa May"
    if rule == "year":
        year = tokens[-1]
        if year.ent_type_ in COUNT_LABELS:
            return None
        before = span.doc[year.i - 1] if year.i > 0 else None
        if year.dep_ == "nummod" and year.head.tag_ in ("NNS", "NNPS") and int(year.text) % 50 == 0 and (
                before is None or before.tag_ not in ("DT", "PRP$", "POS")):
            return None  # "2000 homes" counts homes; "the 2000 elections", "1989 results" are dated
    if rule == "expression" and tokens[-1].lower_ in REF_NOUNS and tokens[-1].dep_ in ("amod", "compound"):
        return None
    if rule == "season":
        word = tokens[-1] if isinstance(reading.core, Yearless) else tokens[0]
        season = next((t for t in tokens if t.lower_ in ("fall", "spring", "summer", "winter", "autumn")), word)
        if season.pos_ in ("VERB", "AUX"):
            return None
        if season.lower_ in SEASON_WORDS_AMBIGUOUS and len(tokens) == 1:
            previous = span.doc[span.start - 1].lower_ if span.start > 0 else ""
            if previous not in SEASON_CONTEXT:
                return None
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if isinstance(reading.core, Yearless) and after is not None and after.lower_ == "of":
            return None  # "the fall of Kabul"
    if rule == "duration" and span.text.lower() == "one day" and span.end < len(span.doc) and (
            span.doc[span.end].tag_ == "VB" or span.start > 0 and span.doc[span.start - 1].tag_ == "MD"):
        return replace(match, reading=Reading("DATE", Fixed("FUTURE_REF")))  # "will one day rule"
    if rule == "duration" and tokens[0].lower_ in RATE_WORDS and span.start > 0:
        before = span.doc[span.start - 1]
        if before.like_num or before.pos_ in ("NOUN", "PROPN", "SYM") or before.text in ("%", "times", "twice", "once"):
            value = reading.core.value if isinstance(reading.core, Fixed) else None
            if value:
                return replace(match, reading=replace(reading, type="SET"))
    return match


def _whole_date_named(reading: Reading, span: Span) -> bool:
    """A day and month the model alone took for a name ("[9 February]" tagged a work of
    art, "Golo on Feb 12" an organisation): the name is the date itself or ends "on"
    it, not a longer one it is part of ("the Feb 20 Movement", "the October 6 suburb")."""
    core = reading.core
    if not (isinstance(core, Yearless) and core.day is not None and core.month is not None):
        return False
    first, last = span[0], span[-1]
    if first.i > 0 and first.nbor(-1).lower_ in ("on", "since") and first.ent_iob_ == "I":
        return True  # "Golo on Feb 12" taken for one name: names do not say "on <date>"
    return first.ent_iob_ == "B" and (last.i + 1 >= len(span.doc) or span.doc[last.i + 1].ent_iob_ != "I")
