"""The quotes lexicons, loaded once per process from wirecoder/data/lexicons/.

- quote_cues.csv: cue verbs (lemmas) with their class (speak, write, continue,
  request, promise; occasion marks adjuncts such as "Speaking at ...");
- quote_channels.csv: phrases naming where a statement was made, with the
  channel recorded ("news conference" -> "press conference");
- speaker_proxies.txt: nouns for those who speak for someone ("her office");
- speaker_org_nouns.txt: nouns that refer back to an organisation ("the company");
- speaker_artifacts.txt: documents that speak for their author ("the report said").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...datafiles import read_lines, read_rows
from ...errors import E, SetupError
from ...settings import DATA_DIR

LEXICON_DIR = DATA_DIR / "lexicons"
CUE_CLASSES = frozenset({"speak", "write", "continue", "resume", "request", "promise", "occasion"})
NAMED_EVENT = "*"  # channel column: use the event's own name


@dataclass(frozen=True)
class ChannelPhrase:
    words: tuple[str, ...]  # lower-case lemmas
    channel: str  # canonical channel, or NAMED_EVENT
    lasts: bool = False  # an occasion at which one says several things (see quote_channels.csv)


class QuoteLexicon:
    def __init__(self):
        self.cues: dict[str, str] = {}
        for row in _csv_rows("quote_cues.csv"):
            lemma, cls = row["lemma"].strip().lower(), row["class"].strip()
            if cls not in CUE_CLASSES:
                raise SetupError(E.E021, path=str(LEXICON_DIR / "quote_cues.csv"),
                                 detail=f"unknown class {cls!r} for {lemma!r}")
            self.cues[lemma] = cls
        phrases = [ChannelPhrase(tuple(row["phrase"].lower().split()), row["channel"].strip(),
                                 (row.get("lasts") or "").strip() == "yes")
                   for row in _csv_rows("quote_channels.csv")]
        self.channels: dict[tuple[str, ...], ChannelPhrase] = {p.words: p for p in phrases}
        self.max_channel_words = max(len(p.words) for p in phrases)
        self.proxies = frozenset(_lines("speaker_proxies.txt"))
        self.org_nouns = frozenset(_lines("speaker_org_nouns.txt"))
        self.artifacts = frozenset(_lines("speaker_artifacts.txt"))

    def cue_class(self, lemma: str) -> str | None:
        """The class of a cue lemma; None when it is not a cue (occasion verbs are not)."""
        cls = self.cues.get(lemma.lower())
        return None if cls == "occasion" else cls

    def is_occasion(self, lemma: str) -> bool:
        return self.cues.get(lemma.lower()) == "occasion"


def _csv_rows(name: str) -> list[dict]:
    return read_rows(LEXICON_DIR / name)


def _lines(name: str) -> list[str]:
    return read_lines(LEXICON_DIR / name)


@lru_cache(maxsize=1)
def quote_lexicon() -> QuoteLexicon:
    return QuoteLexicon()
