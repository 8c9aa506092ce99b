"""The rule grammar: regular expressions over the text, built from the lexicons.

Each rule is a name and a template whose ``<SLOTS>`` are filled with
alternations from wirecoder/data/times/ (months, weekdays, units, number
words, modifiers, named days, ...). Extents follow TimeML: a leading
preposition ("on", "in", "over") is never part of an expression, a determiner
and a modifier ("the past week", "early December", "more than four hours") are.
``builders`` turns each match into a ``Reading``; ``find`` keeps the longest
non-overlapping matches (earlier rules win ties).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc

from . import numeric
from .lexicon import TimeLexicon, alternation, time_lexicon
from .triggers import search, trigger_positions, windows, word_classes

RULES: tuple[tuple[str, str], ...] = (
    ("event_offset", r"\b(?P<offset><OFFSET>)(?:\s+of)?\s+(?P<np>(?:(?:the|his|her|its|their|this|that|a|an)\s+)?"
                     r"(?:[\w'’.-]+\s+){0,3}?)(?P<event><EVENT>)\b"),
    ("event_span", r"\b(?P<num><NUM>)\s+(?P<unit><UNITS>)\s+(?P<dir>before|after)\s+(?P<np>(?:(?:the|his|her|its|"
                   r"their|this|that)\s+)?(?:[\w'’.-]+\s+){0,3}?)(?P<event><EVENT>)\b"),
    ("expression", r"(?<![\w'’-])(?P<expr><EXPR>)(?![\w-]|['’](?!s\b))"),
    ("date_range_md", r"\b(?P<month><MONTH>)\s+(?P<day><DAY>)\s*[-–]\s*(?P<day2><DAY>)(?:,?\s+(?P<year><YEAR>))?"
                      r"(?![\w-])"),
    ("date_range_dm", r"\b(?P<day><DAY>)\s*[-–]\s*(?P<day2><DAY>)\s+(?P<month><MONTH>)(?:,?\s+(?P<year><YEAR>))?"
                      r"(?![\w-])"),
    ("date_mdy", r"\b(?:(?P<weekday><WEEKDAY>),?\s+)?(?P<month><MONTH>)\s+(?P<day><DAY>),?\s+(?P<year><YEAR>)\b"),
    ("date_dmy", r"\b(?:(?P<weekday><WEEKDAY>),?\s+)?(?:the\s+)?(?P<day><DAY>)(?:\s+of)?\s+(?P<month><MONTH>),?\s+"
                 r"(?P<year><YEAR>)\b"),
    ("date_iso", r"\b(?P<year><YEAR>)-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"),
    ("date_numeric", numeric.FULL),
    ("date_md", r"\b(?:(?P<pre><DPRE>)[\s-]+)?(?:(?P<weekday><WEEKDAY>),?\s+)?(?P<month><MONTH>)\s+(?P<day><DAY>)"
                r"(?!\d|:\d|%|[.,]\d)"),
    ("date_numeric_short", numeric.SHORT),
    ("date_range_numeric", numeric.RANGE),
    ("month_relyear", r"\b(?:(?P<pre><DPRE>)[\s-]+)?(?P<month><MONTH>)(?:\s+of)?\s+(?P<yrel>last|this|next)\s+year\b"),
    ("quarter_relyear", r"\b(?P<yrel>last|this|next)\s+year['’]s\s+(?:(?P<ord>first|second|third|fourth)\s+)?"
                        r"(?P<unit>quarter|half)\b"),
    ("date_dm", r"\b(?:(?P<weekday><WEEKDAY>),?\s+)?(?:the\s+)?(?P<day><DAY>)(?:\s+of)?\s+(?P<month><MONTH>)(?!\w)"),
    ("month_year", r"\b(?:(?P<pre><DPRE>)[\s-]+)?(?P<month><MONTH>)(?:\s+of)?,?\s+(?P<year><YEAR>)\b"),
    ("month", r"\b(?:(?P<pre><DPRE>)[\s-]+)?(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<month><MONTH>)(?!\w)"),
    ("decade", r"(?<![\w'’])(?:the\s+)?(?:(?P<pre><DPRE>)[\s-]+)?(?P<decade>(?:1[6-9]|20)\d0s|['’]\d0s)(?!\w)"),
    ("century", r"\b(?:the\s+)?(?:(?P<pre><DPRE>)[\s-]+)?(?P<ord><ORD>)[\s-]+century\b"),
    ("year", r"(?<![\w$£€.,/-])(?:(?P<pre><DPRE>)[\s-]+)?(?:(?P<fiscal>fiscal(?:\s+year)?)\s+)?(?P<year><YEAR>)"
             r"(?![\w%/]|[.,]\d|-\d)"),
    ("quarter", r"\b(?:the\s+)?(?:(?P<pre><DPRE>)[\s-]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+"
                r"(?:fiscal\s+)?(?P<unit>quarter|half)(?:\s+of\s+(?:fiscal\s+)?(?:(?P<year><YEAR>)|(?P<yrel>this|last|"
                r"next)\s+year)|,?\s+(?P<year2><YEAR>))?(?![\w-])"),
    ("quarter_year", r"\bthe\s+(?P<year><YEAR>)\s+(?P<ord>first|second|third|fourth)[\s-]+(?P<unit>quarter|half)\b"),
    ("quarter_code", r"\b(?P<code>Q[1-4]|H[12])(?:\s+(?P<year><YEAR>))?\b"),
    ("quarter_rel", r"\b(?:the\s+)?(?P<rel>latest|current|past|previous|last|next|coming|year-earlier|year-ago|"
                    r"same|comparable|recent)\s+(?P<unit>quarter|half|period)\b"),
    ("the_year", r"\bthe\s+(?P<kind>full|fiscal|current\s+fiscal|latest\s+fiscal|past\s+fiscal)?\s*(?:fiscal\s+)?year"
                 r"(?![\w-]|\s+\d)"),  # "the year 2030" is the year named; "the year 10000" no date at all
    ("year_earlier", r"\b(?:the\s+)?year[\s-](?:earlier|ago)(?:\s+(?P<unit>quarter|period|month|half|week))?\b"),
    ("season", r"\b(?:(?P<pre><DPRE>)[\s-]+)?(?:(?P<rel>this|last|next|past|coming|the)\s+)?(?P<season><SEASON>)"
               r"(?:\s+(?:of\s+)?(?P<year><YEAR>))?(?![\w-])"),
    ("holiday", r"(?<!\w)(?P<holiday><HOLIDAY>)(?:,?\s+(?P<year><YEAR>))?(?!\w)"),
    ("weekday_set", r"\b(?:(?:every|each)\s+(?P<weekday><WEEKDAY>)(?:\s+(?P<part>morning|afternoon|evening|night))?|"
                    r"(?P<weekdays><WEEKDAY>)s(?:\s+(?P<parts>morning|afternoon|evening|night)s?)?|"
                    r"(?P<weekday2><WEEKDAY>)\s+(?P<part2>morning|afternoon|evening|night)s)\b"),
    ("weekday", r"\b(?:(?P<pre><DPRE>)[\s-]+)?(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<weekday><WEEKDAY>)"
                r"(?:[\s-]+(?P<part>morning|afternoon|evening|night))?(?![\w-])"),
    ("clock", r"\b(?:(?P<pre>about|around|approximately|roughly|shortly\s+(?:before|after)|just\s+(?:before|after))"
              r"\s+)?(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]\.?m\b)"
              r"(?:\s+(?P<tz><TZ>))?"),
    ("clock24", r"(?<![\d:.,])(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?:\s+(?P<tz><TZ>))?(?![\d:])"),
    ("clock_zone", r"\b(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s+(?P<tz>GMT|UTC|GMT\+\d)\b"),
    ("clock_part", r"\b(?P<hour>1[0-2]|0?[1-9]|<NUMW>)(?:\s+o['’]clock)?\s+in\s+the\s+(?P<part>morning|afternoon|"
                   r"evening)\b"),
    ("noon", r"\b(?:(?P<pre><DPRE>)[\s-]+)?(?P<part>noon|midday|midnight)(?:\s+(?P<weekday><WEEKDAY>)|\s+"
             r"(?P<rel>yesterday|today|tomorrow))?\b"),
    ("part_deictic", r"\b(?:(?P<pre><DPRE>)[\s-]+)?(?P<rel>this|yesterday|tomorrow|today|last|tonight)\s+"
                     r"(?P<part>morning|afternoon|evening|night)\b"),
    ("part_deictic2", r"\b(?:(?P<pre><DPRE>)[\s-]+)?(?P<part>morning|afternoon|evening|night)\s+"
                      r"(?P<rel>yesterday|today|tomorrow)\b"),
    ("ago", r"\b(?:(?P<pre><QPRE>)\s+)?(?:(?P<num><NUM>)\s+)?(?P<unit><UNITS>)(?:\s+or\s+so)?\s+"
            r"(?P<dir>ago|earlier|later|from\s+now|hence|before|after)(?![\w-])"),
    ("stretch", r"\b(?:(?P<pre><QPRE>)\s+(?!the\b))?(?P<the>the\s+)?(?P<rel>past|last|next|coming|previous|following|first|"
                r"final|latest|recent|preceding|ensuing|remaining)\s+(?:(?P<num><NUM>)\s+)?(?P<unit><UNITS>)"
                r"(?:\s+(?P<post><POST>))?(?![\w-])"),
    ("relunit", r"\b(?:(?P<pre><DPRE>|earlier|later)[\s-]+)?(?P<rel>last|next|this|coming|current|previous|"
                r"following|the\s+current|the\s+previous|the\s+following|the\s+same|that|the)\s+(?P<unit>week|weekend|month|year|quarter|decade|century)"
                r"(?![\w-])"),
    ("set_every", r"\b(?:every|each)\s+(?:(?P<other>other)\s+|(?P<num><NUM>)\s+)?(?P<unit><UNITS>)\b"),
    ("set_freq", r"\b(?P<freq>once|twice|(?:<NUM>)\s+times)\s+(?:a|an|per|every|each)\s+(?P<unit><UNITS>)\b"),
    ("set_month", r"\b(?:every|each)\s+(?P<month><MONTH>)\b"),
    ("duration", r"\b(?:(?P<pre><QPRE>)\s+(?!the\b))?(?:the\s+)?(?P<num><NUM>)[\s-]+(?:(?P<more>more|additional|full|straight|"
                 r"consecutive)\s+)?(?P<unit><UNITS>)(?:[\s-](?P<age>long|old))?(?P<half>\s+and\s+a\s+half)?(?:\s+(?P<post><POST>))?"
                 r"(?![\w-])"),
    ("spoken_year", r"\b(?:(?P<century>nineteen|eighteen)[\s-]+(?P<rest>hundred|oh[\s-]+<ONES>|<TEEN>|<TENS>(?:[\s-]+"
                    r"<ONES>)?)|(?:the\s+year\s+)?(?P<thousand>two\s+thousand)(?:\s+and\s+(?P<rest2><ONES>|<TEEN>))?)\b"),
    ("spoken_decade", r"\b(?:the\s+)?(?:(?P<pre><DPRE>)[\s-]+)?(?P<decade>twenties|thirties|forties|fifties|sixties|"
                      r"seventies|eighties|nineties)\b"),
    ("part_alone", r"\b(?:(?P<pre><DPRE>)[\s-]+(?:the\s+)?|the\s+)(?P<part>morning|afternoon|evening)\b"),
    ("bare_plural", r"(?:(?<=\bfor\s)|(?<=\bwithin\s))(?P<unit>days|weeks|months|years|decades|centuries)\b"),
    ("unit_before", r"\bthe\s+(?P<unit>week|month|year)\s+(?P<dir>before|after|earlier|later)\b"),
    ("offset", r"\b(?:(?P<pre>earlier|later|late|early)\s+)?(?P<offset><OFFSET>)\b"),
)

# The word classes (see ``triggers``) each rule needs one of.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "expression": ("expression",), "event_offset": ("offset",), "event_span": ("unit",),
    "date_iso": ("digit",), "date_numeric": ("digit",), "date_numeric_short": ("digit",),
    "date_range_numeric": ("digit",), "decade": ("digit",), "year": ("digit",),
    "clock": ("digit",), "clock24": ("digit",), "clock_zone": ("digit",),
    "century": ("century",), "the_year": ("year",), "year_earlier": ("year",),
    "quarter": ("quarter",), "quarter_year": ("quarter",), "quarter_rel": ("quarter",), "quarter_relyear": ("quarter",),
    "quarter_code": ("qcode",), "season": ("season",), "holiday": ("holiday",),
    "weekday_set": ("weekday",), "weekday": ("weekday",),
    "clock_part": ("part",), "noon": ("part",), "part_deictic": ("part",), "part_deictic2": ("part",),
    "part_alone": ("part",), "spoken_year": ("spoken",), "spoken_decade": ("spoken",), "offset": ("offset",),
}
DEFAULT_TRIGGER = {"month": ("month",), "unit": ("unit",)}

TIME_ZONES = ("gmt", "utc", "est", "edt", "cst", "cdt", "pst", "pdt", "bst", "cet", "cest", "eet", "eest", "msk",
              "local time", "kyiv time", "moscow time", "ist", "jst")


def _fragments(lex: TimeLexicon) -> dict[str, str]:
    months = "|".join(re.escape(w) + ("" if w in lex.full_months else r"\.?")
                      for w in sorted(lex.months, key=lambda w: (-len(w), w)))
    number_words = alternation(lex.numbers)
    tens = alternation(w for w, v in lex.numbers.items() if v.isdigit() and int(v) in range(20, 100, 10))
    ones = alternation(w for w, v in lex.numbers.items() if v.isdigit() and 0 < int(v) < 10 and " " not in w
                       and w not in ("a", "an"))
    quantity_mods = [p for (p, pos), mod in lex.modifiers.items() if pos == "pre"]
    date_mods = [p for (p, pos), mod in lex.modifiers.items() if pos == "pre" and mod in ("START", "MID", "END")]
    ordinals = alternation(w for w, v in lex.ordinals.items() if v > 0)
    return {
        "MONTH": months,
        "WEEKDAY": alternation(lex.weekdays),
        "SEASON": alternation(lex.seasons),
        "UNITS": alternation(lex.unit_forms),
        "NUMW": number_words,
        "TENS": tens,
        "ONES": ones,
        "TEEN": alternation(w for w, v in lex.numbers.items() if v.isdigit() and 10 <= int(v) < 20),
        "NUM": rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:\s+1/2)?|(?:{tens})[\s-](?:{ones})|(?:{number_words})"
               rf"(?:\s+and\s+a\s+half)?",
        "ORD": rf"{ordinals}|\d{{1,2}}(?:st|nd|rd|th)",
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?",
        "YEAR": r"1[6-9]\d\d|20\d\d",
        "DPRE": alternation(date_mods),
        "QPRE": alternation(quantity_mods),
        "POST": alternation(p for (p, pos) in lex.modifiers if pos == "post"),
        "HOLIDAY": alternation(lex.holidays).replace("'", "['’]"),
        "EXPR": alternation(lex.expressions),
        "OFFSET": alternation(lex.offsets),
        "EVENT": alternation(lex.event_nouns),
        "TZ": alternation(TIME_ZONES),
    }


def _triggers(name: str, template: str) -> tuple[str, ...]:
    if name in TRIGGERS:
        return TRIGGERS[name]
    return DEFAULT_TRIGGER["month"] if "<MONTH>" in template else DEFAULT_TRIGGER["unit"]


class Grammar:
    """The compiled rules, each with the word classes that trigger it."""

    def __init__(self, lex: TimeLexicon):
        fragments = _fragments(lex)
        slot = re.compile(r"<([A-Z]+)>")
        self.rules: list[tuple[str, re.Pattern, tuple[str, ...]]] = []
        for name, template in RULES:
            pattern = slot.sub(lambda m: "(?:" + fragments[m.group(1)] + ")", template)
            self.rules.append((name, re.compile(pattern, re.IGNORECASE), _triggers(name, template)))
        self.priority = {name: i for i, (name, _, _) in enumerate(self.rules)}
        self.word_classes = word_classes(lex)

    def scan(self, doc: Doc, text: str) -> Iterator[tuple[str, re.Match]]:
        """Every rule match near its trigger words in doc.text (passed in: spaCy rebuilds it on each access)."""
        found = trigger_positions(doc, self.word_classes)
        for name, pattern, classes in self.rules:
            starts = [p for c in classes for p in found.get(c, ())]
            if starts:
                for match in search(pattern, text, windows(starts, len(text))):
                    yield name, match


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    return Grammar(time_lexicon())
