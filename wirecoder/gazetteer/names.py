"""Name normalisation shared by the gazetteer index and its lookups."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
