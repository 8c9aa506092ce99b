"""The events lexicons, loaded once per process from wirecoder/data/events/.

Every word list and mapping the stage uses is a data file (see PROVENANCE.md
there): trigger senses with PLOVER type and mode, light verbs, status cues,
weapons, actor nouns, casualty words, reporting verbs and the PLOVER -> ACLED
rules. Extending the coder means editing those files, not this code.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...errors import E, SetupError
from ...settings import DATA_DIR

EVENTS_DIR = DATA_DIR / "events"


def read_rows(path: Path) -> list[dict]:
    """Rows of a data CSV; lines starting with # are comments."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            lines = [line for line in handle if line.strip() and not line.startswith("#")]
    except OSError as err:
        raise SetupError(E.E021, path=str(path), detail=str(err)) from None
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def read_words(path: Path) -> frozenset[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise SetupError(E.E021, path=str(path), detail=str(err)) from None
    return frozenset(line.strip().lower() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def phrase_pattern(phrases: frozenset[str]) -> re.Pattern | None:
    """One pattern for word sequences, longest first, on whole words, case folded."""
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def _alternatives(cell: str) -> frozenset[str]:
    return frozenset(part.strip().lower() for part in cell.split("|") if part.strip())


@dataclass(frozen=True)
class Sense:
    """One sense of a trigger word: "strike" with "hunger" is PROTEST/strike-hun."""

    lemma: str
    pos: str  # VERB, NOUN, ADJ or ANY
    context: frozenset[str]  # words one of which must be near; empty = the general sense
    type: str
    mode: str | None
    needs: str  # none, source, target, actor
    weight: float


@dataclass(frozen=True)
class AcledRule:
    type: str
    modes: frozenset[str]
    lemmas: frozenset[str]
    source: frozenset[str]
    target: frozenset[str]
    sentence_has: frozenset[str]
    event_type: str
    sub_event_type: str


@dataclass(frozen=True)
class CasualtyCue:
    lemma: str
    pos: str
    kind: str  # death, injury, casualty
    count_in: str  # object, subject, self, modified


class EventLexicon:
    def __init__(self, folder: Path = EVENTS_DIR):
        self.senses: dict[str, list[Sense]] = {}
        for row in read_rows(folder / "triggers.csv"):
            sense = Sense(row["lemma"].lower(), row["pos"].upper() or "ANY", _alternatives(row["with"]),
                          row["type"], row["mode"] or None, row["needs"] or "none", float(row["weight"]))
            self.senses.setdefault(sense.lemma, []).append(sense)
        for senses in self.senses.values():  # specific senses (with context) before general ones
            senses.sort(key=lambda s: not s.context)
        self.light_verbs = {row["lemma"]: (row["subject"] or None, row["status"] or None)
                            for row in read_rows(folder / "light_verbs.csv")}
        self.status_cues: dict[str, dict[str, str]] = {}
        for row in read_rows(folder / "status_cues.csv"):
            self.status_cues.setdefault(row["where"], {})[row["cue"].lower()] = row["status"]
        self.weapons = [(row["word"].lower(), row["mode"], row["acled_sub_event_type"] or None)
                        for row in read_rows(folder / "weapons.csv")]
        self.actor_nouns = {row["word"].lower(): row["class"] for row in read_rows(folder / "actor_nouns.csv")}
        self.acled_rules = [AcledRule(row["type"], _alternatives(row["mode"]), _alternatives(row["lemmas"]),
                                      _alternatives(row["source"]), _alternatives(row["target"]),
                                      _alternatives(row["sentence_has"]), row["event_type"],
                                      row["sub_event_type"])
                            for row in read_rows(folder / "acled_rules.csv")]
        self.casualties = {(row["lemma"], row["pos"]): CasualtyCue(row["lemma"], row["pos"], row["kind"],
                                                                   row["count_in"])
                           for row in read_rows(folder / "casualty_cues.csv")}
        self.reporting_verbs = read_words(folder / "reporting_verbs.txt")
        # verbs whose subject speaks ("insisted", "warned", "vowed"): a pronoun in what they
        # say stands for the speaker (roles.py)
        self.speech_verbs = read_words(DATA_DIR / "lexicons" / "speech_verbs.txt") | self.reporting_verbs
        self.occurrence_verbs: dict[str, tuple[str, ...]] = {}  # lemma -> its second words ("" = none)
        for phrase in sorted(read_words(folder / "occurrence_verbs.txt")):
            lemma, _, rest = phrase.partition(" ")
            self.occurrence_verbs[lemma] = self.occurrence_verbs.get(lemma, ()) + (rest.strip(),)
        self.demand_modals = read_words(folder / "demand_modals.txt")
        self.refusals = frozenset(self.status_cues.pop("refusal", {}))
        types = read_rows(folder / "plover_types.csv")
        self.quads = {row["type"]: row["quad"] for row in types}
        self.intents = {row["type"]: row["intent_as"] for row in types}  # an announced act of the type
        self.dyadic = frozenset(row["type"] for row in types if row["dyadic"] == "yes")
        self.place_nouns = read_words(folder / "place_nouns.txt")
        self.occasions = read_words(folder / "occasion_nouns.txt")
        self.abstract = read_words(folder / "abstract_objects.txt")
        self.threat_words = read_words(folder / "threat_words.txt")
        self.disparaging = read_words(folder / "disparaging_words.txt")
        self.imminent = phrase_pattern(read_words(folder / "imminent_words.txt"))  # imminence.py
        # reporting verbs that judge when a sense's `with` words are in their context ("described X as illegal")
        self.judging_reports = frozenset(lemma for lemma, senses in self.senses.items()
                                         if any(s.pos in ("VERB", "ANY") and {"<disparaging>", "<commitment>"} & s.context
                                                for s in senses))
        self.relational_nouns = read_words(folder / "relational_nouns.txt") | self.place_nouns
        self.capitals: dict[str, str] = {}  # capital name -> ISO3 (for "Kyiv said", "pushed Moscow")
        for row in read_rows(DATA_DIR / "kb" / "countries.csv"):
            for name in [row.get("capital", ""), *row.get("gov_metonyms", "").split("|")]:
                if name.strip():
                    self.capitals[name.strip().lower()] = row["iso3"]

    def senses_for(self, lemma: str) -> list[Sense]:
        return self.senses.get(lemma, [])

    def weapon(self, words: set[str], modes: frozenset[str] | None = None) -> tuple[str, str | None] | None:
        """The first weapon (in file order) among ``words``: (mode, ACLED sub-event type);
        ``modes`` limits the search to weapons of those modes."""
        for word, mode, sub in self.weapons:
            if word in words and (modes is None or mode in modes):
                return mode, sub
        return None


@lru_cache(maxsize=1)
def event_lexicon() -> EventLexicon:
    return EventLexicon()
