"""A person's country from what the text says around the name when no title phrase gives one.

- an origin: "Jane Roe, 45, from Leeds," / "Jane Roe, formerly of Hamar," (the place's country);
- an affiliation: "Jane Roe of the Ruritanian Farmers Union" (the organisation's country);
- a nationality word: "Jane Roe, a Briton," / "Jane Roe, a Danish national," (the demonym's);
- a city's inhabitants before a list of names: "Londoners A and B" (the city's country);
- a counted group told before: "Two British militants were caught. The two men, A and B, ..."
  (the demonym of the one earlier group of that count);
- a relative clause: "Jane Roe, who leads the Kurdish-led SDF," (the group's country, and a role);
- an office that exists under that name in few states ("home secretary", "treasury
  secretary"): the one of them whose institutions the article names, if exactly one;
- a local office with no place ("Mayor Jane Roe said"): the country of the places its
  sentence names, when they all lie in one; the place itself when the sentence names one;
- a cabinet office with no state ("Jane Roe, the deputy prime minister,"): the one state
  whose government its sentence and the one before name.

Each reading returns nothing rather than guess: a wrong country is worse than none.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from .items import Actor, RoleFact
from .lexicons import Lexicons

_ORIGIN_WORDS = frozenset({"from", "of"})
_FORMERLY = frozenset({"formerly", "originally", "once"})
_PLACE_KINDS = frozenset({"place", "country"})
_MEMBER_KINDS = frozenset({"organization", "group"})
_COUNTED_SENTENCES = 3  # how far back "the two men" looks for "two British militants"
_ENDS = frozenset({",", ".", ";", ":", ")", "who", "whose", "and", "said", "says", "—", "–"})


class ContextReader:
    def __init__(self, lex: Lexicons, places=None):
        self.lex = lex
        self.places = places  # name -> gazetteer places

    # -- before the name --------------------------------------------------------------
    def country_before(self, doc: Doc, start: int) -> str | None:
        """ "Londoners A and B": a city's inhabitants take its country (``start``: the list's)."""
        if start == 0 or self.places is None or not doc[start - 1].text.endswith("ers"):
            return None
        for n in (1, 2):
            if start < n:
                continue
            words = doc[start - n:start]
            text = words.text
            if not all(t.text[:1].isupper() for t in words) or not text.endswith("ers") or "\n" in text:
                continue
            return _prominent_country(p for p in self.places(text[:-3]) if p.main)
        return None

    def counted_group(self, doc: Doc, start: int) -> tuple[str | None, str | None]:
        """ "Two British militants were caught. The two men, A and B, ...": (country, title) of
        the one group of that count with a demonym in the sentences before (``start``: the list's)."""
        if start < 4 or doc[start - 1].text != "," or doc[start - 4].lower_ != "the":
            return None, None
        noun, number = doc[start - 2], doc[start - 3]
        if noun.tag_ != "NNS" or number.dep_ != "nummod" or not number.is_alpha:
            return None, None
        sent = doc[start].sent
        for _ in range(_COUNTED_SENTENCES):
            if sent.start == 0:
                break
            sent = doc[sent.start - 1].sent
        groups = set()
        for token in doc[sent.start:start - 4]:
            if token.lower_ != number.lower_ or token.dep_ != "nummod" or token.head.tag_ != "NNS":
                continue
            head = token.head
            countries = {cform.country.iso3 for t in doc[token.i + 1:head.i]
                         if t.text[:1].isupper() and (cform := self.lex.country_form(t.text)) and cform.form == "demonym"}
            groups.add((countries.pop() if len(countries) == 1 else None, self.lex.singular_title(head.lower_)))
        return groups.pop() if len(groups) == 1 else (None, None)

    # -- after the name -------------------------------------------------------------
    def country_after(self, doc: Doc, end: int, at: dict[int, Actor]) -> str | None:
        """Origin, affiliation or nationality word right after the name ending at ``end``."""
        i = end
        comma = i < len(doc) and doc[i].text == ","
        if comma:
            i += 1
            while i + 1 < len(doc) and doc[i].like_num and doc[i + 1].text == ",":
                i += 2  # "Jane Roe, 45, from Leeds"
        if i >= len(doc):
            return None
        if comma and doc[i].lower_ in _FORMERLY:
            i += 1
        if doc[i].lower_ in _ORIGIN_WORDS:
            return self._origin(doc, i + 1, at, comma)
        if comma and doc[i].lower_ in ("a", "an"):
            return self._nationality(doc, i + 1)
        return None

    def _origin(self, doc: Doc, i: int, at: dict[int, Actor], comma: bool) -> str | None:
        if i < len(doc) and doc[i].lower_ == "the":
            i += 1
        if i + 1 < len(doc) and doc[i].lower_ in self.lex.place_nouns and doc[i + 1].lower_ == "of":
            i += 2  # "from the town of Hamar"
        actor = at.get(i)
        if actor is None or not actor.country:
            return None
        if actor.kind in _PLACE_KINDS and (comma or doc[i - 1].lower_ == "from"):
            return actor.country  # "Jane Roe, of Hamar," / "Jane Roe from Hamar"
        if actor.kind in _MEMBER_KINDS:
            return actor.country  # "Jane Roe of the Ruritanian Farmers Union"
        return None

    def _nationality(self, doc: Doc, i: int) -> str | None:
        """ "a Briton," / "a Danish national," / "a 30-year-old Syrian refugee,"."""
        limit = min(len(doc), i + 8)
        while i < limit and not doc[i].text[:1].isupper() and doc[i].text not in _ENDS:
            i += 1  # "a 30-year-old", "a retired"
        if i >= limit:
            return None
        cform = self.lex.country_form(doc[i].text)
        if cform is None or cform.form != "demonym" or not doc[i].text[:1].isupper():
            return None
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if nxt is None or nxt.text in _ENDS or nxt.pos_ == "NOUN" and nxt.is_lower:
            return cform.country.iso3
        return None

    # -- a relative clause ----------------------------------------------------------
    def leads(self, doc: Doc, end: int, at: dict[int, Actor]) -> RoleFact | None:
        """ ", who leads the Kurdish-led SDF,": a role in the organisation the clause names."""
        if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ != "who":
            return None
        verb = doc[end + 2]
        title = self.lex.lead_verbs.get(verb.lemma_.lower())
        if title is None:
            return None
        i = end + 3
        while i < len(doc) and i < end + 12 and doc[i].text not in _ENDS:
            actor = at.get(i)
            if actor is not None:
                if actor.kind not in _MEMBER_KINDS:
                    return None
                return RoleFact(title, actor.name, actor.country, "text", doc[end + 1].idx,
                                doc[i].idx + len(doc[i]))
            i += 1
        return None

    # -- offices ------------------------------------------------------------------
    def office_country(self, roles: list[RoleFact], states: set[str]) -> RoleFact | None:
        """ "the home secretary" in an article naming the UK's institutions: the role, of the UK."""
        for role in roles:
            title = self.lex.titles.get(role.title.lower())
            if title is None or not title.countries or role.country:
                continue
            named = [iso3 for iso3 in title.countries if iso3 in states]
            if len(named) == 1:
                country = self.lex.countries.get(named[0])
                return replace(role, of=role.of or (country.name if country else named[0]), country=named[0])
        return None

    def local_office(self, doc: Doc, start: int, roles: list[RoleFact],
                     places: list[tuple[int, Actor]]) -> tuple[str | None, str | None]:
        """A local office without a place (Mayor Jane Roe): (country, place name) from its sentence."""
        if not any(self._local(role) and role.of is None for role in roles):
            return None, None
        sent = doc[start].sent
        here = {id(actor): actor for i, actor in places if sent.start <= i < sent.end and actor.country}
        countries = {actor.country for actor in here.values()}
        if len(countries) != 1:
            return None, None
        towns = [actor for actor in here.values() if actor.kind == "place"]
        return countries.pop(), towns[0].name if len(towns) == 1 else None

    def cabinet_office(self, doc: Doc, roles: list[RoleFact],
                       governments: list[tuple[int, str, bool]]) -> RoleFact | None:
        """ "Turkish officials insisted ... Jo Roe, the deputy prime minister, said": a cabinet office
        with no state named takes the state whose government (capital, ministries, officials, office
        holders) its sentence and the one before name, when they name no other state at all."""
        role = next((r for r in roles if r.of is None and r.country is None and r.source == "text"
                     and self._scope(r) == "cabinet"), None)
        if role is None or role.start is None or role.end is None:
            return None
        title = doc.char_span(role.start, role.end, alignment_mode="expand")
        if title is None:
            return None
        sent = title.sent
        first = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        near = [(iso3, governs) for i, iso3, governs in governments if first <= i < sent.end]
        named = {iso3 for iso3, _ in near}
        if len(named) != 1 or not any(governs for _, governs in near):
            return None
        iso3 = named.pop()
        country = self.lex.countries.get(iso3)
        return replace(role, of=country.name if country else iso3, country=iso3)

    def _scope(self, role: RoleFact) -> str:
        title = self.lex.titles.get(role.title.lower()) or self.lex.titles.get(role.title.lower().split()[-1])
        return title.scope if title is not None else ""

    def _local(self, role: RoleFact) -> bool:
        title = self.lex.titles.get(role.title.lower()) or self.lex.titles.get(role.title.lower().split()[-1])
        return title is not None and title.scope == "local"


def _prominent_country(places) -> str | None:
    """The country of the one large place of a name, ten times bigger than any namesake abroad
    (London, not London in Ontario); None when no such place stands out."""
    ranked = sorted(places, key=lambda p: -p.population)
    if not ranked or ranked[0].population < 100_000:
        return None
    rival = next((p.population for p in ranked[1:] if p.country != ranked[0].country), 0)
    return ranked[0].country if ranked[0].population >= 10 * rival else None
