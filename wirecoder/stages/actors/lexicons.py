"""The actor lexicons, loaded once per process from wirecoder/data/kb/.

Countries (names, aliases, demonyms, capitals, metonyms for governments),
organizations (with kind, sector and country), person titles, title
modifiers, given names with gender and facility nouns. Lookup keys are
normalised with the gazetteer's ``normalize`` so spelling variants meet.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...datafiles import read_lines, read_rows
from ...gazetteer.names import normalize
from ...settings import DATA_DIR

KB_DIR = DATA_DIR / "kb"


def _rows(name: str) -> list[dict]:
    return read_rows(KB_DIR / name)


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str
    metonyms: tuple[str, ...]


@dataclass(frozen=True)
class Organization:
    name: str
    aliases: tuple[str, ...]
    kind: str
    sector: str | None
    country: str | None


@dataclass(frozen=True)
class Title:
    title: str
    sector: str | None
    person_role: str  # office, occupation, rank, generic
    scope: str = ""  # "local" for offices of a town or region (mayor, governor)
    countries: tuple[str, ...] = ()  # the few states with an office of that name (home secretary: GBR)


@dataclass(frozen=True)
class CountryForm:
    """How a string names a country: as its name, an alias, a demonym or a metonym."""

    country: Country
    form: str  # name, alias, demonym, metonym


class Lexicons:
    def __init__(self):
        self.countries: dict[str, Country] = {}
        self.country_forms: dict[str, CountryForm] = {}
        for row in _rows("countries.csv"):
            country = Country(row["iso3"], row["name"], tuple(_split(row["aliases"])),
                              tuple(_split(row["demonyms"])), row.get("capital") or "",
                              tuple(_split(row.get("gov_metonyms"))))
            self.countries[country.iso3] = country
        # Register weaker forms first so stronger ones overwrite them.
        for form_kind, attr in (("metonym", "metonyms"), ("demonym", "demonyms"),
                                ("alias", "aliases")):
            for country in self.countries.values():
                for form in getattr(country, attr):
                    self.country_forms[normalize(form)] = CountryForm(country, form_kind)
        for country in self.countries.values():
            self.country_forms[normalize(country.name)] = CountryForm(country, "name")

        self.organizations: dict[str, Organization] = {}
        for row in _rows("organizations.csv"):
            org = Organization(row["name"], tuple(_split(row["aliases"])), row["kind"],
                               row.get("sector") or None, row.get("country") or None)
            for form in (org.name, *org.aliases):
                self.organizations.setdefault(normalize(form), org)

        self.titles: dict[str, Title] = {}
        for row in _rows("titles.csv"):
            title = Title(row["title"].strip().lower(), row.get("sector") or None,
                          row.get("person_role") or "generic", row.get("scope") or "",
                          tuple(_split(row.get("countries"))))
            self.titles[title.title] = title
        self.max_title_words = max((len(t.split()) for t in self.titles), default=1)

        self.title_modifiers = frozenset(_lines("kb/title_modifiers.txt"))
        self.honorifics = frozenset(_lines("lexicons/honorifics.txt"))
        self.place_nouns = frozenset(_lines("lexicons/place_nouns.txt"))
        self.direction_words = frozenset(_lines("lexicons/direction_words.txt"))
        self.region_words = frozenset(_lines("lexicons/region_words.txt"))
        self.speech_verbs = frozenset(_lines("lexicons/speech_verbs.txt"))
        self.military_nouns = frozenset(_lines("lexicons/military_nouns.txt"))
        self.member_groups = frozenset(_lines("lexicons/member_groups.txt"))
        self.list_links = frozenset(_lines("lexicons/list_links.txt"))
        self.lead_verbs: dict[str, str] = {
            row["lemma"].strip().lower(): row["title"].strip() for row in read_rows(DATA_DIR / "lexicons/lead_verbs.csv")}
        self.place_suffixes = frozenset(_lines("lexicons/place_suffixes.txt"))
        self._military: dict[str, Organization] = {}
        for org in {id(o): o for o in self.organizations.values()}.values():
            if org.sector == "MIL" and org.country and "armed forces" in " ".join((org.name, *org.aliases)).lower():
                self._military.setdefault(org.country, org)
        self.given_names: dict[str, str] = {
            normalize(row["name"]): row.get("gender") or "u" for row in _rows("given_names.csv")}
        self.facility_nouns = frozenset(_lines("lexicons/facility_nouns.txt"))
        self.max_facility_words = max(len(n.split()) for n in self.facility_nouns)

    def country_form(self, text: str) -> CountryForm | None:
        return self.country_forms.get(normalize(text))

    def organization(self, text: str) -> Organization | None:
        return self.organizations.get(normalize(text))

    def military_of(self, iso3: str) -> Organization:
        """The armed forces of a state: "Russian forces" -> Russian Armed Forces."""
        known = self._military.get(iso3)
        if known is not None:
            return known
        country = self.countries.get(iso3)
        name = f"{country.name if country else iso3} armed forces"
        return Organization(name, (), "organization", "MIL", iso3)

    def title(self, text: str) -> Title | None:
        return self.titles.get(text.lower())

    def singular_title(self, text: str) -> str | None:
        """The title a plural names: "aid workers" -> "aid worker", "spokesmen" -> "spokesman"."""
        lowered = text.lower()
        for plural, singular in _PLURAL_ENDINGS:
            if lowered.endswith(plural):
                title = lowered[:len(lowered) - len(plural)] + singular
                if title in self.titles:
                    return title
        return None

    def gender_of_given_name(self, text: str) -> str | None:
        gender = self.given_names.get(normalize(text))
        return gender if gender in ("m", "f") else None

    def is_given_name(self, text: str) -> bool:
        return normalize(text) in self.given_names


# English plural endings of person nouns, most specific first: "secretaries", "spokesmen", "envoys".
_PLURAL_ENDINGS = (("ies", "y"), ("men", "man"), ("s", ""))


def _lines(name: str) -> list[str]:
    """A word list under wirecoder/data/."""
    return read_lines(DATA_DIR / name)


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    return Lexicons()
