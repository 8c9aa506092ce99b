"""What the places stage reads from data files, loaded once per process.

- data/gazetteer/place_heads.txt: name heads that make a place or facility;
- data/gazetteer/place_verbs.txt: verbs whose object is a place ("shelled X");
- data/gazetteer/org_words.txt: words that make a name an organisation's;
- data/gazetteer/generic_words.txt: capitalised words that name no place alone;
- data/gazetteer/loose_region_words.txt: region words that mean "X and around" ("area");
- data/gazetteer/settlement_words.txt: lower-case nouns after a name that make it a settlement ("X village");
- data/lexicons/place_nouns.txt, region_words.txt, facility_nouns.txt: the cue
  words shared with the actors stage ("the town of X", "X region", "X dam");
- data/kb/countries.csv: country names, aliases, demonyms, capitals and government metonyms (a capital is the
  reading of a bare name news means: "Washington", not the state).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from ...errors import E, SetupError
from ...gazetteer import normalize
from ...settings import DATA_DIR

LOCATIVE = frozenset("in near outside at from to across into toward towards around via inside throughout "
                     "between along off over on".split())


def _lines(name: str) -> list[str]:
    path = DATA_DIR / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise SetupError(E.E021, path=str(path), detail=str(err)) from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class PlaceLexicon:
    last_heads: dict  # "street" -> "place"
    first_heads: dict  # "lake" -> "place"
    local_heads: frozenset  # heads of places inside a town: "street", "square"
    owner_heads: frozenset  # facilities a country owns abroad: "embassy", "consulate"
    place_nouns: frozenset  # "town", "city", ... before "of X"
    region_words: frozenset  # "region", "oblast", ... after X
    loose_region_words: frozenset  # "area": after X, X and around, not an admin area
    facility_nouns: frozenset
    max_facility_words: int
    demonyms: dict  # normalize("Ukrainian") -> "UKR"
    capitals: dict  # normalize("Washington") -> "USA"
    country_names: dict  # "UKR" -> "Ukraine"
    place_verbs: frozenset  # lemmas whose object is a place: "shell", "capture"
    org_words: frozenset  # words that make a name an organisation's: "ministry", "council"
    generic_words: frozenset  # capitalised words that name no place alone: "city", "west", "new"
    country_forms: dict  # normalize(name or alias) -> ISO3: "us" -> "USA"
    metonyms: dict  # normalize("Kiev") -> "UKR": names that stand for a government
    settlement_words: frozenset  # "village", "town" after a name: a settlement's name


@lru_cache(maxsize=1)
def place_lexicon() -> PlaceLexicon:
    last, first, local, owner = {}, {}, set(), set()
    for line in _lines("gazetteer/place_heads.txt"):
        words = line.lower().split()
        if words[0] == "first":
            first[words[1]] = words[2]
        elif words[0] == "owner":
            owner.add(words[1])
        else:
            last[words[0]] = words[1]
            if words[2:] == ["local"]:
                local.add(words[0])
    facility = frozenset(line.lower() for line in _lines("lexicons/facility_nouns.txt"))
    demonyms, capitals, names, forms, metonyms = {}, {}, {}, {}, {}
    path = DATA_DIR / "kb" / "countries.csv"
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for demonym in (row.get("demonyms") or "").split("|"):
                    if demonym.strip():
                        demonyms[normalize(demonym)] = row["iso3"]
                names[row["iso3"]] = row["name"]
                for metonym in (row.get("gov_metonyms") or "").split("|"):
                    if metonym.strip():
                        metonyms[normalize(metonym)] = row["iso3"]
                for form in [row["name"], *(row.get("aliases") or "").split("|")]:
                    if form.strip():
                        forms[normalize(form)] = row["iso3"]
                if row.get("capital"):
                    capitals[normalize(row["capital"])] = row["iso3"]
    except OSError as err:
        raise SetupError(E.E021, path=str(path), detail=str(err)) from None
    return PlaceLexicon(
        last, first, frozenset(local), frozenset(owner),
        frozenset(line.lower() for line in _lines("lexicons/place_nouns.txt")),
        frozenset(line.lower() for line in _lines("lexicons/region_words.txt")),
        frozenset(line.lower() for line in _lines("gazetteer/loose_region_words.txt")),
        facility, max(len(noun.split()) for noun in facility), demonyms, capitals, names,
        frozenset(line.lower() for line in _lines("gazetteer/place_verbs.txt")),
        frozenset(line.lower() for line in _lines("gazetteer/org_words.txt")),
        frozenset(line.lower() for line in _lines("gazetteer/generic_words.txt")), forms, metonyms,
        frozenset(line.lower() for line in _lines("gazetteer/settlement_words.txt")))
