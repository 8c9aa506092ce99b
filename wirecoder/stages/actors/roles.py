"""Roles read from the text around a person's name.

Three constructions carry nearly all roles in news:

- a title phrase before the name: "Norwegian Prime Minister Eva Holm",
  "senior Danish cabinet minister Jens Berg", "Chile's foreign minister
  Ana Soto";
- the same phrase set off by a comma: "the president's outgoing Balkans
  envoy, Tom Reed, said";
- an apposition after the name: "Lars Vik, mayor of the town of Hamar," or
  "Ivo Kral, the government spokesman,".

A phrase is parsed into ``RolePhrase``: the title words, the country named by a
demonym or country name inside it, a possessor ("Holm's") and an "of"
complement. Turning possessor and complement into entities and countries is
the resolver's job; this module only reads the tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc

from .lexicons import Lexicons

# Relational titles: a country named inside them is where they are sent, when
# someone else's possessive says whose they are ("the president's Balkans envoy").
RELATIONAL = frozenset({"envoy", "ambassador", "representative", "negotiator", "emissary", "coordinator"})
# Modifiers dropped from the recorded title: they qualify the person, not the office.
DROPPED = frozenset({"senior", "top", "outgoing", "incoming", "longtime", "veteran", "new", "newly",
                     "powerful", "influential", "then", "current", "appointed", "retired"})
_STOP_APPOSITION = frozenset({",", ".", ";", ":", "who", "which", "that", "said", "says", "told", "(", ")",
                              '"', "“", "”"})


@dataclass(frozen=True)
class RolePhrase:
    title: str
    title_start: int  # character offsets of the whole phrase (evidence)
    title_end: int
    countries: tuple[str, ...]  # ISO3 of demonyms/country names inside the phrase
    relational_country: str | None  # the country an envoy is sent to
    possessor: tuple[int, int] | None  # token range of "Holm" in "Holm's ... envoy"
    of: tuple[int, int] | None  # token range of the "of" complement's head name
    title_head: str  # the last title word, lower case ("minister")


class RoleReader:
    def __init__(self, lex: Lexicons, places=None):
        self.lex = lex
        self.places = places  # name -> gazetteer places, to read "New York City Mayor"

    @cached_property
    def title_words(self) -> frozenset[str]:
        words = set()
        for title in self.lex.titles:
            words.update(title.replace("-", " - ").split())
        return frozenset(words)

    def _is_title_word(self, text: str) -> bool:
        lowered = text.lower()
        return lowered in self.title_words or lowered in self.lex.title_modifiers

    def _is_head(self, text: str) -> bool:
        lowered = text.lower()
        return lowered in self.lex.titles and self.lex.titles[lowered].person_role in ("office", "rank", "occupation", "generic")

    def _generic(self, head: str) -> bool:
        title = self.lex.titles.get(head)
        return title is None or title.person_role == "generic"

    # -- before the name --------------------------------------------------------
    def before(self, doc: Doc, start: int) -> RolePhrase | None:
        """The title phrase ending right before token ``start`` (or before ", " and the name)."""
        end = start
        if end >= 2 and doc[end - 1].text == "," and self._ends_with_title(doc, end - 1):
            end -= 1  # "the president's outgoing Balkans envoy, Tom Reed"
            if not self._clause_boundary_before_phrase(doc, end):
                return None
        return self._phrase_ending_at(doc, end)

    def _ends_with_title(self, doc: Doc, end: int) -> bool:
        return end > 0 and self._head_at(doc, end) is not None

    def _head_at(self, doc: Doc, end: int) -> int | None:
        """Index where a title that ends at ``end`` begins, or None."""
        for n in range(min(self.lex.max_title_words, end), 0, -1):
            words = doc[end - n:end]
            if "\n" in words.text:
                continue
            if words.text.lower() in self.lex.titles:
                return end - n
        return None

    def _clause_boundary_before_phrase(self, doc: Doc, end: int) -> bool:
        i = end - 1
        while i >= 0 and doc[i].text not in (",", ".", ";", ":", "\n") and not doc[i].is_sent_start:
            if doc[i].pos_ in ("VERB", "AUX"):
                return False
            i -= 1
        return True

    def _phrase_ending_at(self, doc: Doc, end: int) -> RolePhrase | None:
        head_start = self._head_at(doc, end)
        if head_start is None:
            return None
        i = head_start
        countries: list[str] = []
        country_nouns: list[str] = []
        possessor = None
        begin = head_start
        while i > 0:
            token = doc[i - 1]
            if token.is_sent_start and token.i == i - 1 and "\n" in token.text:
                break
            lowered = token.lower_
            if lowered in ("'s", "’s") and i >= 2:
                # possessor: the capitalised run before 's
                j = i - 1
                k = j
                while k > 0 and doc[k - 1].text[:1].isupper() and not doc[k - 1].is_punct:
                    k -= 1
                if k < j:
                    possessor = (k, j)
                    begin = k
                break
            cform = self.lex.country_form(token.text)
            pair = self.lex.country_form(doc[i - 2:i].text) if i >= 2 else None
            if pair and pair.form in ("name", "alias", "demonym"):
                (country_nouns if pair.form != "demonym" else countries).append(pair.country.iso3)
                i -= 2
                begin = i
                continue
            if cform and cform.form in ("name", "alias", "demonym") and token.text[:1].isupper():
                (country_nouns if cform.form != "demonym" else countries).append(cform.country.iso3)
                i -= 1
                begin = i
                continue
            inner = self._head_at(doc, i)
            if inner is not None:  # a whole title: "deputy prime minister", "cabinet minister"
                i = inner
                begin = i
                continue
            if token.lower_ in self.lex.title_modifiers or token.text in ("-", "–"):
                i -= 1
                begin = i
                continue
            owner = self._organization_ending_at(doc, i)
            if owner is not None:
                possessor = (owner, i)  # "NATO Secretary-General", "Kremlin spokesman"
                begin = owner
            break
        country_tokens = set()
        for k in range(begin, end):
            cform = self.lex.country_form(doc[k].text)
            if cform and doc[k].text[:1].isupper():
                country_tokens.add(k)
        relational = None
        head_word = doc[end - 1].lower_
        if head_word in RELATIONAL and possessor and country_nouns:
            relational = country_nouns.pop()  # "the president's Balkans envoy": the destination stays in the title
            country_tokens = {k for k in country_tokens
                              if self.lex.country_form(doc[k].text).country.iso3 != relational}
        skip_to = begin
        if possessor:  # past the possessor and its 's
            skip_to = possessor[1] + (1 if doc[possessor[1]].lower_ in ("'s", "’s") else 0)
        words = [t.text for t in doc[skip_to:end] if t.i not in country_tokens and t.lower_ not in DROPPED
                 and (self._is_title_word(t.text) or t.text in ("-", "–") or t.i not in country_tokens)]
        if not words:
            return None
        title = " ".join(words).replace(" - ", "-").strip()
        if not title:
            return None
        return RolePhrase(title=title, title_start=doc[begin].idx, title_end=doc[end - 1].idx + len(doc[end - 1]),
                          countries=tuple(countries + country_nouns), relational_country=relational,
                          possessor=possessor, of=None, title_head=head_word)

    def _organization_ending_at(self, doc: Doc, end: int) -> int | None:
        """Start of a known organisation, government metonym or place ending at ``end``:
        "NATO Secretary-General", "Kremlin spokesman", "New York City Mayor"."""
        for k in range(max(0, end - 5), end):
            text = doc[k:end].text
            if not text[:1].isupper() or "\n" in text or not all(t.text[:1].isupper() for t in doc[k:end]):
                continue
            cform = self.lex.country_form(text)
            if self.lex.organization(text) or (cform and cform.form == "metonym"):
                return k
            if self.places is not None and any(p.main and (p.population >= 1000 or p.kind != "city")
                                               for p in self.places(text)):
                return k
        return None

    # -- after the name ---------------------------------------------------------
    def after(self, doc: Doc, end: int) -> RolePhrase | None:
        """ "Name, mayor of the town of Hamar," / "Name, Chile's foreign minister," """
        if end >= len(doc) or doc[end].text != ",":
            return None
        i = end + 1
        while i < len(doc) and (doc[i].like_num or doc[i].text == ","):
            i += 1  # "Jane Doe, 45, a resident of ..."
        if i < len(doc) and doc[i].lower_ in ("the", "a", "an"):
            i += 1
        stop = i
        while stop < len(doc) and doc[stop].text not in _STOP_APPOSITION and doc[stop].lower_ not in (
                "of", "at", "for", "in", "from", "with") and "\n" not in doc[stop].text:
            stop += 1
        if stop == i:
            return None
        phrase = self._phrase_ending_at(doc, stop)
        if phrase is None or doc[stop - 1].pos_ == "VERB":
            return None
        of = None
        title_end_tok = stop
        if stop < len(doc) and doc[stop].lower_ in ("of", "at", "for", "in", "from", "with"):
            limit = stop + 1
            while limit < len(doc) and doc[limit].text not in _STOP_APPOSITION and "\n" not in doc[limit].text \
                    and doc[limit].pos_ not in ("VERB", "AUX"):
                limit += 1
            name_from = stop + 1
            # "the town of Hamar", "the central Norwegian city of Lillehammer": the name itself
            for m in range(stop + 1, limit - 1):
                if doc[m].lower_ == "of" and doc[m - 1].lower_ in self.lex.place_nouns:
                    name_from = m + 1
            while name_from < limit and doc[name_from].lower_ in ("the", "a", "an"):
                name_from += 1
            if limit > name_from:
                of = (name_from, limit)
                title_end_tok = limit
        if of is not None and not doc[of[0]].text[:1].isupper():
            of, title_end_tok = None, stop  # "a key figure in the response": no jurisdiction
        if of is None and phrase.possessor is None and not phrase.countries and self._generic(phrase.title_head):
            return None  # "Name, a key figure," says nothing about an office
        return RolePhrase(title=phrase.title, title_start=phrase.title_start,
                          title_end=doc[title_end_tok - 1].idx + len(doc[title_end_tok - 1]),
                          countries=phrase.countries, relational_country=phrase.relational_country,
                          possessor=phrase.possessor, of=of, title_head=phrase.title_head)
