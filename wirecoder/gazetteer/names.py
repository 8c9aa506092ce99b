"""Name normalisation shared by the gazetteer index and its lookups, and the
English forms of administrative names."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..settings import DATA_DIR

_APOSTROPHES = re.compile(r"[’'ʼ`´‘]")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.]+")


def fold(text: str) -> str:
    """Strip accents: "Zaporižžja" -> "Zaporizzja"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def normalize(text: str) -> str:
    """The lookup key of a name: accents, case, apostrophes and hyphens folded."""
    text = _APOSTROPHES.sub("", fold(text)).casefold()
    text = _SEPARATORS.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def is_useful_alias(alias: str) -> bool:
    """Latin-script alternates only, and not airport-style codes (IEV, KHU)."""
    if not alias or len(alias) < 3:
        return False
    if alias.isupper() and len(alias) <= 4:
        return False
    letters = [ch for ch in alias if ch.isalpha()]
    if not letters:
        return False
    return all("LATIN" in unicodedata.name(ch, "") for ch in letters)


@dataclass(frozen=True)
class AdminWords:
    """The words of data/gazetteer/admin_words.txt, by role."""

    suffixes: tuple[str, ...]  # longest first
    prefixes: tuple[str, ...]
    local: tuple[str, ...]
    shared: tuple[str, ...]  # local words English also uses, capitalised: matched case-sensitively
    english_level: dict  # local word -> the English word for that level: "kray" -> "Krai"
    foreign: frozenset  # level words of other languages in aliases: "vilayəti"

    def short(self, name: str) -> str:
        """ "Kharkiv Oblast" -> "Kharkiv"; "Republic of Tatarstan" -> "Tatarstan"."""
        lowered = name.lower()
        for prefix in self.prefixes:
            if lowered.startswith(prefix + " ") and len(name) > len(prefix) + 1:
                return name[len(prefix) + 1:].strip()
        for suffix in self.suffixes:
            if lowered.endswith(" " + suffix) and len(name) > len(suffix) + 1:
                return name[:-len(suffix) - 1].strip()
        return name

    def is_english_admin(self, alias: str) -> bool:
        """ "Kharkiv Oblast", "Basra Governorate", "Autonomous Republic of Crimea"."""
        if not alias.isascii() or not alias[:1].isupper():
            return False
        return self.short(alias) != alias and not self.is_local(alias)

    def is_local(self, name: str) -> bool:
        """Untranslated: "Kharkivska oblast", "Krasnodarskiy kray" (English writes "Oblast")."""
        return self._local_word(name) is not None

    def _local_word(self, name: str) -> str | None:
        for token in _APOSTROPHES.sub("", fold(name)).replace(",", " ").split():
            for word in self.local:
                if word in self.shared and token != word:
                    continue  # "Oblast" is English, "oblast" is not
                lowered = token.lower()
                if lowered == word or (len(word) >= 6 and lowered.startswith(word)):
                    return word
        return None

    def english(self, name: str, aliases: list[str]) -> str:
        """The English form news uses for an admin area, keeping names already English.

        In order: the name itself when it is English; an English alias
        ("Kharkiv Oblast"); a stem from an alias in another language plus the
        English word for the level ("Kursk vilayəti" + oblast -> "Kursk Oblast");
        the name without accents when that is plain ASCII ("Maharashtra").
        """
        local = self._local_word(name)
        if local is None and name.isascii():
            return name
        english = [a for a in aliases if self.is_english_admin(a) and not a.startswith("The ")
                   and not any(ch.isdigit() for ch in a)]
        if english:
            stem = normalize(name)[:3]
            return min(english, key=lambda a: (not normalize(a).startswith(stem), len(a)))
        if local in self.english_level:
            stems = [transliterate(words[0]) for words in (alias.split() for alias in aliases)
                     if len(words) == 2 and words[1].lower() in self.foreign and words[0][:1].isupper()
                     and not words[0].lower().endswith(_ADJECTIVE_ENDINGS)]
            stems = [stem for stem in stems if normalize(stem)[:3] == normalize(name)[:3]]
            if stems:
                return min(stems, key=len) + " " + self.english_level[local]
        plain = fold(name)
        return plain if plain.isascii() and local is None else name


_ADJECTIVE_ENDINGS = ("ая", "ий", "ый", "ой", "ка", "ки")


@lru_cache(maxsize=1)
def _cyrillic() -> dict[str, str]:
    path = DATA_DIR / "gazetteer" / "cyrillic.txt"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            letter, _, latin = line.strip().partition(" ")
            table[letter] = latin.strip()
    return table


def transliterate(word: str) -> str:
    """Russian/Ukrainian Cyrillic -> Latin as English news spells it: "Белгород" -> "Belgorod"."""
    table = _cyrillic()
    out = "".join(table.get(ch.lower(), ch) for ch in word)
    return out[:1].upper() + out[1:]


@lru_cache(maxsize=1)
def admin_words() -> AdminWords:
    path = DATA_DIR / "gazetteer" / "admin_words.txt"
    roles: dict[str, list[str]] = {"suffix": [], "prefix": [], "local": [], "shared": [], "foreign": []}
    english_level = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            role, _, rest = line.strip().partition(" ")
            word, _, english = rest.partition("=")
            roles[role].append(word.strip().lower())
            if english:
                english_level[word.strip().lower()] = english.strip()
    by_length = lambda words: tuple(sorted(words, key=len, reverse=True))  # noqa: E731
    shared = tuple(roles["shared"])
    return AdminWords(by_length(roles["suffix"]), by_length(roles["prefix"]), tuple(roles["local"]) + shared,
                      shared, english_level, frozenset(roles["foreign"]))


_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|ad|an|az|at|ed|es|en|ez)[\-‐‑]", re.IGNORECASE)
_SOUNDS = (("obod", "abad"), ("abad", "obod"), ("ou", "u"))


def spelling_variants(name: str) -> list[str]:
    """Other romanisations of a name, as lookup keys: written together, without a
    hyphenated Arabic article ("Al-Zawiyah"), with doubled letters single, "ou" as "u",
    "-obod" as "-abad" and back, a final "y" as "i" and back."""
    key = normalize(name)
    out = []
    if _ARTICLE.match(name.strip()):
        out.append(normalize(name.strip()[_ARTICLE.match(name.strip()).end():]))
    words = key.split()
    if len(words) > 1:
        out.append("".join(words))
    single = re.sub(r"(.)\1", r"\1", key)
    out.append(single)
    for a, b in _SOUNDS:
        if a in key:
            out.append(key.replace(a, b))
    if key.endswith("y") or key.endswith("i"):
        out.append(key[:-1] + ("i" if key.endswith("y") else "y"))
    return [v for v in dict.fromkeys(out) if v and v != key]
