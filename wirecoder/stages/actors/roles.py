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

import re
from dataclasses import dataclass, replace
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
                              '"', "“", "”", "–", "—"})
# Prepositions that open a title's complement: "mayor of X", "envoy to X", "researcher at X".
_COMPLEMENTS = frozenset({"of", "at", "for", "in", "from", "with", "to"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our"})
# What closes a name set off by a comma: "the Egyptian president, Abdel Sami, thanked ...".
_CLOSES = frozenset({",", ".", ";", ":", "(", ")", "who", "whose", "—", "–"})
# Possessive pronouns of a body: "one of its volunteers" (the resolver finds the body).
_GROUP_POSSESSIVES = frozenset({"its", "their"})
# Occupations whose country word is their subject: "a Syria expert", "the Iran correspondent".
_TOPICAL_SECTORS = frozenset({"EDU", "MED"})


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
    begin: int = -1  # token index where the phrase begins
    via: str = ""  # the preposition before the complement: of, for, to, at, from ...


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
    def before(self, doc: Doc, start: int, end: int | None = None) -> list[RolePhrase]:
        """The title phrases before the name at tokens ``start:end``: the one right before it
        ("Gen", "Prime Minister") and one set off by a comma ("the president's outgoing
        Balkans envoy, Tom Reed", "the US envoy to Ukraine, Gen Tom Reed")."""
        found = []
        at = start
        direct = self._phrase_ending_at(doc, start)
        if direct is not None:
            found.append(direct)
            at = direct.begin
            if at >= 2 and doc[at - 1].lower_ == "and" and direct.possessor and self._ends_with_title(doc, at - 1):
                # "the Obama-era adviser and UN ambassador Jane Roe": the first title has its own owner
                first = self._phrase_ending_at(doc, at - 1)
                if first is not None:
                    found.append(first)
                    at = first.begin
        if at >= 2 and doc[at - 1].text == ",":
            phrase = self._before_comma(doc, at - 1, end)
            if phrase is not None:
                found.append(phrase)
        return found

    def _before_comma(self, doc: Doc, comma: int, end: int | None) -> RolePhrase | None:
        if self._ends_with_title(doc, comma):
            phrase = self._phrase_ending_at(doc, comma)
        else:
            phrase = self._one_of(doc, comma) or self._title_with_complement(doc, comma)
        if phrase is None:
            return None
        if self._clause_boundary_before_phrase(doc, comma):
            return phrase
        # inside a clause ("he thanked the Egyptian president, Abdel Sami, for ..."): an
        # apposition only when the name is closed off and the title is determined
        closed = end is not None and (end >= len(doc) or doc[end].text in _CLOSES or "\n" in doc[end - 1].whitespace_)
        before = doc[phrase.begin - 1].lower_ if phrase.begin > 0 else ""
        if closed and (before in _DETERMINERS or phrase.possessor or phrase.countries):
            return phrase
        return None

    def _title_with_complement(self, doc: Doc, end: int) -> RolePhrase | None:
        """ "Britain's special envoy for Syria" / "the governor of the Kharkiv region", ending at ``end``."""
        k = end
        while k > 0 and end - k < 8 and (doc[k - 1].text[:1].isupper() and not doc[k - 1].is_punct
                                         or doc[k - 1].lower_ in self.lex.region_words
                                         or doc[k - 1].is_lower and doc[k - 1].is_alpha and not doc[k - 1].is_stop
                                         and doc[k - 1].pos_ in ("NOUN", "PROPN", "ADJ")):
            k -= 1  # "Sumy region", "the Russian defence ministry"
        while k < end and not doc[k].text[:1].isupper():
            k += 1
        name_from = k
        if k < end and k > 0 and doc[k - 1].lower_ == "the":
            k -= 1
        if k == end or k < 2 or doc[k - 1].lower_ not in ("of", "for", "to") \
                or not doc[name_from].text[:1].isupper():
            return None
        phrase = self._phrase_ending_at(doc, k - 1)
        if phrase is None:
            return None
        return replace(phrase, of=(name_from, end), title_end=doc[end - 1].idx + len(doc[end - 1]),
                       via=doc[k - 1].lower_)

    def _one_of(self, doc: Doc, end: int) -> RolePhrase | None:
        """ "one of its volunteers" / "one of three Leeds students", ending at ``end``: the plural
        title's singular, kept only when "one of" opens the phrase."""
        phrase = self._phrase_ending_at(doc, end, plural=True)
        if phrase is None or doc[end - 1].lower_ in self.lex.titles:
            return None
        k = phrase.begin
        while k > 0 and phrase.begin - k < 4 and (doc[k - 1].like_num or doc[k - 1].lower_ in ("the", "these", "those")
                                                  or doc[k - 1].is_lower and doc[k - 1].is_alpha and not doc[k - 1].is_stop):
            k -= 1  # "one of the three", "one of three east Leeds students"
        if k < 2 or doc[k - 2].lower_ != "one" or doc[k - 1].lower_ != "of":
            return None
        if phrase.possessor is None and not phrase.countries and self._generic(phrase.title_head):
            return None  # "one of the volunteers": whose, the text does not say
        return phrase

    def _ends_with_title(self, doc: Doc, end: int, plural: bool = False) -> bool:
        return end > 0 and self._head_at(doc, end, plural) is not None

    @cached_property
    def last_words(self) -> frozenset[str]:
        """The last token of every title and group noun: a cheap first test for ``_head_at``."""
        return frozenset(re.split(r"[\s\-–]", title)[-1] for title in (*self.lex.titles, *self.lex.member_groups))

    def _head_at(self, doc: Doc, end: int, plural: bool = False) -> int | None:
        """Index where a title that ends at ``end`` begins, or None ("aid workers" too when ``plural``)."""
        if end <= 0:
            return None
        last = doc[end - 1].lower_
        if last not in self.last_words and not (plural and last.endswith(("s", "men"))):
            return None
        for n in range(min(self.lex.max_title_words, end), 0, -1):
            words = doc[end - n:end]
            if "\n" in words.text:
                continue
            key = words.text.lower()
            if key in self.lex.titles or plural and (self.lex.singular_title(key) or key in self.lex.member_groups):
                return end - n
        return None

    # -- a list of names after a group ------------------------------------------
    def members(self, doc: Doc, start: int) -> RolePhrase | None:
        """The group or plural title that a list of names starting at ``start`` fills:
        "the British aid workers A and B", "Norway's negotiators were A, B and C",
        "the Danish delegation included A and B"."""
        end = start
        for n in (2, 1):
            if end >= n and doc[end - n:end].text.lower() in self.lex.list_links:
                end -= n
                break
        phrase = self._phrase_ending_at(doc, end, plural=True)
        if phrase is None:
            return None
        group = doc[end - 1].lower_ in self.lex.member_groups or doc[end - 2:end].text.lower() in self.lex.member_groups
        if not group and doc[end - 1].lower_ in self.lex.titles and not doc[end].is_alpha:
            return None  # a singular title and a comma: an apposition, read by ``before``
        before = doc[phrase.begin - 1] if phrase.begin > 0 else None
        if not (before is None or before.lower_ in _DETERMINERS or before.is_punct or phrase.possessor
                or phrase.countries):
            return None  # "speaking to reporters, A said": not a group A belongs to
        if group:
            if not (phrase.countries or phrase.possessor):
                return None  # "the team included A": whose team the text does not say
            phrase = replace(phrase, title=phrase.title + " member")
        return phrase

    def _clause_boundary_before_phrase(self, doc: Doc, end: int) -> bool:
        i = end - 1
        while i >= 0 and doc[i].text not in (",", ".", ";", ":", "\n"):
            if doc[i].pos_ in ("VERB", "AUX"):
                return False
            if doc[i].is_sent_start:
                break
            i -= 1
        return True

    def _describes(self, token) -> bool:
        """A lower-case modifier inside a title phrase: "investigative" reporter, "government"
        negotiator, "armed forces" chief -- never a verb or an argument of one."""
        if not (token.is_alpha and token.is_lower and not token.is_stop):
            return False
        if token.pos_ == "ADJ":
            return True
        before = token.nbor(-1) if token.i > 0 else None
        if before is not None and before.pos_ in ("VERB", "AUX") and before.dep_ != "amod":
            return False  # "told reporters minister X": the verb's object
        return token.dep_ in ("amod", "compound") and token.pos_ in ("NOUN", "PROPN", "VERB")

    def _phrase_ending_at(self, doc: Doc, end: int, plural: bool = False) -> RolePhrase | None:
        head_start = self._head_at(doc, end, plural)
        if head_start is None:
            return None
        i = head_start
        countries: list[str] = []
        country_nouns: list[str] = []
        possessor = None
        begin = head_start
        aside: set[int] = set()  # tokens of a bracketed acronym: "Syrian Democratic Forces (SDF) spokesman"
        described = 0
        while i > 0:
            token = doc[i - 1]
            if token.is_sent_start and token.i == i - 1 and "\n" in token.text:
                break
            lowered = token.lower_
            if lowered in _GROUP_POSSESSIVES:
                possessor = (i - 1, i)  # "one of its volunteers": the body the pronoun stands for
                begin = i - 1
                break
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
            if token.text == ")" and i >= 3 and doc[i - 3].text == "(" and doc[i - 2].text[:1].isupper():
                aside.update(range(i - 3, i))
                i -= 3
                continue
            cform = self.lex.country_form(token.text)
            pair = self.lex.country_form(doc[i - 2:i].text) if i >= 2 and doc[i - 2].text[:1].isupper() \
                and doc[i - 2].lower_ not in _DETERMINERS else None
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
            if lowered == "and" and i >= 2 and self._head_at(doc, i - 1) is not None:
                i -= 1  # "YPG commander and spokesperson": two titles of one person
                begin = i
                continue
            owner = self._organization_ending_at(doc, i)
            if owner is not None:
                possessor = (owner, i)  # "NATO Secretary-General", "Kremlin spokesman"
                begin = owner
                break
            if described < 3 and self._describes(token):
                described += 1
                i -= 1
                begin = i
                continue
            break
        while begin < head_start and (begin in aside or doc[begin].text in ("-", "–")):
            begin += 1
        head = self.lex.titles.get(doc[head_start:end].text.lower()) \
            or self.lex.titles.get(self.lex.singular_title(doc[head_start:end].text.lower()) or "")
        topical = head is not None and head.person_role == "occupation" and head.sector in _TOPICAL_SECTORS
        country_tokens = set()
        for k in range(begin, end):
            cform = self.lex.country_form(doc[k].text)
            if cform and doc[k].text[:1].isupper() and not (topical and cform.form != "demonym"):
                country_tokens.add(k)
        if topical:
            country_nouns = []  # "a Syria expert", "the charity's Iran researcher": a subject, not a state
        relational = None
        head_word = doc[end - 1].lower_
        if plural:
            head_word = (self.lex.singular_title(head_word) or head_word).split()[-1]
        if head_word in RELATIONAL and country_nouns and (possessor or countries or len(country_nouns) > 1):
            # "the president's Balkans envoy", "the US Syria envoy": the destination (nearest the
            # title) stays in the title
            relational = country_nouns.pop(0)
            country_tokens = {k for k in country_tokens
                              if self.lex.country_form(doc[k].text).country.iso3 != relational}
        skip_to = begin
        if possessor:  # past the possessor and its 's
            skip_to = possessor[1] + (1 if doc[possessor[1]].lower_ in ("'s", "’s") else 0)
        words = [t.text for t in doc[skip_to:end] if t.i not in country_tokens and t.i not in aside
                 and t.lower_ not in DROPPED]
        if plural and words:
            words[-1] = (self.lex.singular_title(words[-1].lower()) or words[-1]).split()[-1]
        if not words:
            return None
        title = " ".join(words).replace(" - ", "-").strip()
        if not title:
            return None
        return RolePhrase(title=title, title_start=doc[begin].idx, title_end=doc[end - 1].idx + len(doc[end - 1]),
                          countries=tuple(countries + country_nouns), relational_country=relational,
                          possessor=possessor, of=None, title_head=head_word, begin=begin)

    def _organization_ending_at(self, doc: Doc, end: int) -> int | None:
        """Start of a known organisation, government metonym, place or person's name ending at
        ``end``: "NATO Secretary-General", "Kremlin spokesman", "New York City Mayor", "the
        Obama-era national security adviser"."""
        for k in range(max(0, end - 5), end):
            text = doc[k:end].text
            if not text[:1].isupper() or "\n" in text or not all(t.text[:1].isupper() for t in doc[k:end]):
                continue
            if doc[k].ent_iob_ == "B" and doc[k].ent_type_ == "PERSON" and all(
                    t.ent_type_ == "PERSON" and t.ent_iob_ == "I" for t in doc[k + 1:end]) \
                    and (end == len(doc) or doc[end].ent_iob_ != "I"):
                return k
            cform = self.lex.country_form(text)
            if self.lex.organization(text) or (cform and cform.form == "metonym"):
                return k
            if self.places is not None and doc[k].lower_ != "the" and any(p.main and (p.population >= 1000 or p.kind != "city")
                                               or p.population >= 100_000 for p in self.places(text)):
                return k
        return None

    # -- after the name ---------------------------------------------------------
    def after(self, doc: Doc, end: int) -> list[RolePhrase]:
        """ "Name, mayor of the town of Hamar," / "Name, Chile's foreign minister," / "Name, a
        former Chilean diplomat and a visiting scholar at X," (one phrase per conjunct)."""
        if end >= len(doc) or doc[end].text != "," and doc[end].lower_ not in ("is", "was"):
            return []
        i = end + 1
        while i < len(doc) and (doc[i].like_num or doc[i].text == ",") and doc[i:i + 2].text.lower() != "one of":
            i += 1  # "Jane Doe, 45, a resident of ..."
        if i < len(doc) and doc[i].lower_ in ("and", "or", "but"):
            return []  # "his secretary of state, Jane Doe, and national security adviser, X": a list
        if doc[end].text != ",":  # "Jane Doe is co-founder of X": one predicate, no list
            phrase, _ = self._apposition(doc, i)
            return [phrase] if phrase is not None else []
        found = []
        while i is not None and len(found) < 3:
            phrase, i = self._apposition(doc, i)
            if phrase is not None:
                found.append(phrase)
        return found

    def _apposition(self, doc: Doc, i: int) -> tuple[RolePhrase | None, int | None]:
        """One conjunct of an apposition from token ``i``; and where the next begins, if any."""
        if i < len(doc) and doc[i].lower_ in _DETERMINERS:
            i += 1
        if doc[i:i + 2].text.lower() == "one of":  # "Jane Roe, 19, one of three Leeds students,"
            stop = i + 2
            while stop < len(doc) and doc[stop].text not in _STOP_APPOSITION and "\n" not in doc[stop].text \
                    and doc[stop].lower_ not in _COMPLEMENTS:
                stop += 1
            return self._one_of(doc, stop), None
        stop = i
        following = None
        while stop < len(doc) and "\n" not in doc[stop].text:
            token = doc[stop]
            if token.text == "(" and stop + 2 < len(doc) and doc[stop + 2].text == ")":
                stop += 3  # "a Syrian Democratic Forces (SDF) spokesman"
                continue
            if token.text in _STOP_APPOSITION or token.lower_ in _COMPLEMENTS:
                break
            if token.lower_ == "and" and stop > i and self._ends_with_title(doc, stop):
                following = stop + 1  # "a former diplomat and a visiting scholar"
                break
            if token.pos_ == "VERB" and stop > i and self._ends_with_title(doc, stop):
                break  # "an exiled cleric accused of ...": the title ends before the verb
            stop += 1
        if stop == i:
            return None, None
        phrase = self._phrase_ending_at(doc, stop)
        if phrase is None or doc[stop - 1].pos_ == "VERB":
            return None, following
        if any(t.pos_ == "AUX" or t.pos_ == "VERB" and t.dep_ not in ("amod", "compound") and t.nbor(1).lower_ != "as"
               for t in doc[i:phrase.begin]):
            return None, following  # "Tom Roe, had briefed the president": a clause ("regarded as a" is not)
        of = None
        title_end_tok = stop
        if following is None and stop < len(doc) and doc[stop].lower_ in _COMPLEMENTS:
            limit = stop + 1
            while limit < len(doc) and doc[limit].text not in _STOP_APPOSITION and "\n" not in doc[limit].text \
                    and doc[limit].pos_ not in ("VERB", "AUX"):
                if doc[limit - 1].lower_ in RELATIONAL and doc[limit].lower_ in ("for", "to"):
                    break  # "adviser to the UN envoy for Syria": the envoy's destination is not theirs
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
            # "the executive chair of the political wing of the SDF": the name further in
            inner = next((m + 1 + (doc[m + 1].lower_ == "the") for m in range(of[0], of[1] - 2)
                          if doc[m].lower_ == "of" and doc[m + 1 + (doc[m + 1].lower_ == "the")].text[:1].isupper()),
                         None)
            of = (inner, of[1]) if inner is not None else None
        if of is None:
            title_end_tok = stop  # "a key figure in the response": no jurisdiction
        if of is None and phrase.possessor is None and not phrase.countries and self._generic(phrase.title_head) \
                and self._generic(phrase.title.lower()):
            return None, following  # "Name, a key figure," says nothing about an office ("press secretary" does)
        return replace(phrase, of=of, title_end=doc[title_end_tok - 1].idx + len(doc[title_end_tok - 1]),
                       via=doc[stop].lower_ if of is not None else ""), following
