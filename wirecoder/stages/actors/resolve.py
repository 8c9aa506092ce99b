"""From typed mentions to the article's actors: one entity per real-world actor.

- countries merge by ISO3, places by gazetteer id, organisations by canonical name;
- a person's full name makes the entity; a lone surname joins the full name it
  ends (the most recent one if several do), else the knowledge base's holder of
  that surname, else stands alone;
- roles come from the text (see roles.py) and, where it says nothing, from
  the knowledge base as of the article date;
- descriptions ("the Norwegian leader", "the mayor of X") and pronouns join an
  entity only when exactly one compatible candidate is in reach.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc

from ... import record
from ...gazetteer import Gazetteer, normalize
from ..base import span_text, token_table, tokens_in
from .descriptions import Describer
from .groups import MODIFIERS, GroupReader, group_nouns
from .context import ContextReader
from .items import Actor, Mention, RoleFact
from .kb import KB_SOURCE, Holder, OfficeHolders
from .lexicons import Lexicons
from .mentions import Candidate
from .roles import RELATIONAL, RolePhrase, RoleReader  # noqa: F401

LEADER_TITLES = frozenset({"president", "prime minister", "chancellor", "premier", "king", "queen", "emir",
                           "supreme leader", "leader", "head of state", "head of government", "taoiseach",
                           "sultan", "crown prince", "monarch"})
# How many narrative sentences after "a Norwegian spokesman said" its holder may first be named.
_NAMED_LATER = 2
# "it emerged that", "it seems", "it remains to be seen": "it" stands for no one
EXPLETIVE_VERBS = frozenset({"seem", "appear", "emerge", "remain", "happen", "take", "mean", "matter", "rain",
                             "become", "follow", "turn", "transpire", "cost", "look", "sound", "feel"})
BODY_KINDS = frozenset({"country", "organization", "group"})
PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}


@dataclass
class _Ref:
    """A mention attached to an actor, with its token range (for lookups)."""

    actor: Actor
    start: int
    end: int


class _RefIndex:
    """``refs`` (sorted by start) with their starts, so that the refs in a token range are
    found by bisection instead of a scan of every ref: looking up the refs near each
    mention then costs the same in a long article as in a short one."""

    def __init__(self, refs: list[_Ref]):
        self.refs = refs
        self.starts = [r.start for r in refs]
        self.longest = max((r.end - r.start for r in refs), default=1)

    def starting(self, lo: int, hi: int) -> list[_Ref]:
        """The refs with ``lo <= start < hi``, in order."""
        return self.refs[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def near(self, lo: int, hi: int) -> list[_Ref]:
        """The refs that start in ``lo:hi`` or cover ``lo`` (and a few more before it), in order."""
        return self.starting(lo - self.longest + 1, max(hi, lo + 1))

    def insert(self, ref: _Ref) -> None:
        """Add ``ref`` where ``refs.append(ref); refs.sort(key=start)`` would put it."""
        k = bisect_right(self.starts, ref.start)
        self.refs.insert(k, ref)
        self.starts.insert(k, ref.start)


@lru_cache(maxsize=4096)
def _last_word(text: str) -> str:
    return normalize(text.split()[-1])


class Resolver:
    def __init__(self, lex: Lexicons, kb: OfficeHolders, gaz: Gazetteer):
        self.lex = lex
        self.kb = kb
        self.gaz = gaz
        self.roles = RoleReader(lex, places=gaz.lookup)
        self.describer = Describer(lex)
        self.groups = GroupReader(lex)
        self.context = ContextReader(lex, places=gaz.lookup)

    def run(self, doc: Doc, candidates: list[Candidate], day: date | None,
            quoted: list[tuple[int, int]]) -> list[Actor]:
        actors: dict[str, Actor] = {}
        refs: list[_Ref] = []
        persons_full = [c for c in candidates if c.kind == "person" and c.length > 1]
        persons_single = [c for c in candidates if c.kind == "person" and c.length == 1]
        for cand in candidates:
            if cand.kind != "person":
                actor = self._non_person(doc, cand, actors)
                if actor is not None:
                    refs.append(_Ref(actor, cand.start, cand.end))
        for cand in persons_full:
            refs.append(_Ref(self._full_name(doc, cand, actors, day), cand.start, cand.end))
        for cand in persons_single:
            refs.append(_Ref(self._single_name(doc, cand, actors, refs, day), cand.start, cand.end))
        refs.sort(key=lambda r: r.start)
        self._text_roles(doc, refs)
        self._kb_roles(actors.values(), day)
        self._person_countries(actors.values())
        self._context_countries(doc, refs, actors.values())
        self._nominals(doc, refs, actors, quoted)
        self._named_later(doc, refs, quoted)
        # described participants ("Kurdish militias" shelled, attacks on "civilians", "whose military"),
        # leaving speakers and acting bodies ("officials said", "police arrested") to the describer
        self.groups.read(doc, refs, actors, lambda actor, start, end: refs.append(_Ref(actor, start, end)),
                         skip=self.describer.claims)
        refs.sort(key=lambda r: r.start)
        self._pronouns(doc, refs, quoted)
        refs.extend(_Ref(*found) for found in self.describer.find(doc, refs, actors, quoted))
        for actor in actors.values():
            if actor.holder is not None:
                actor.name = _spelled_as_written(actor.holder, actor.mentions)
        ordered = sorted(actors.values(), key=lambda a: (a.first, a.name))
        for number, actor in enumerate(ordered, start=1):
            actor.id = f"E{number}"
        return ordered

    # -- building actors ----------------------------------------------------------
    def _add(self, actors: dict[str, Actor], key: str, kind: str, name: str) -> Actor:
        actor = actors.get(key)
        if actor is None:
            actor = Actor(id="", kind=kind, name=name, key=key)
            actors[key] = actor
        return actor

    def _non_person(self, doc: Doc, cand: Candidate, actors: dict[str, Actor]) -> Actor | None:
        span = cand.span(doc)
        mention = Mention(span.start_char, span.end_char, span.text)
        kind = cand.kind
        if kind == "country":
            iso3 = cand.cform.country.iso3 if cand.cform else next(
                (p.country for p in cand.places if p.kind == "country"), None)
            if iso3 is None:
                kind = "place"
            else:
                country = self.lex.countries.get(iso3)
                actor = self._add(actors, f"country:{iso3}", "country", country.name if country else span.text)
                actor.country = iso3
                actor.sector = actor.sector or "GOV"
                form = cand.cform.form if cand.cform else "name"
                actor.add(Mention(mention.start, mention.end, mention.text, form))
                return actor
        if kind in ("organization", "media", "platform", "group"):
            org = cand.org
            if org is not None:
                actor = self._add(actors, "org:" + normalize(org.name), org.kind, org.name)
                actor.sector, actor.country = org.sector, org.country
            elif cand.cform and cand.cform.form == "metonym":
                name = span.text
                actor = self._add(actors, "org:" + normalize(name), "organization", name)
                actor.sector, actor.country = "GOV", cand.cform.country.iso3
            else:
                actor = self._add(actors, "org:" + normalize(span.text), kind, span.text)
                actor.country = actor.country or self._named_country(span)
            actor.add(mention)
            return actor
        if kind == "facility":
            actor = self._add(actors, "facility:" + normalize(span.text), "facility", span.text)
            inner = [p for p in self.gaz.lookup(span[0].text) if p.main] if span[0].text[:1].isupper() else []
            actor.country = actor.country or (inner[0].country if inner else None)
            actor.place_candidates = actor.place_candidates or tuple(inner)
            actor.add(mention)
            return actor
        if kind == "place":
            places = cand.places
            best = _best_place(places, region=cand.region)
            key = f"place:{best.geonameid}" if best else "place:" + normalize(span.text)
            name = best.name if best and cand.region else span.text
            actor = self._add(actors, key, "place", name)
            if cand.cform and cand.cform.form == "metonym":
                actor.country = cand.cform.country.iso3
            elif best:
                actor.country = actor.country or best.country
            actor.place_candidates = actor.place_candidates or places
            form = "metonym" if cand.cform and cand.cform.form == "metonym" else "name"
            actor.add(Mention(mention.start, mention.end, mention.text, form))
            return actor
        return None

    def _named_country(self, span) -> str | None:
        """An unknown organisation named after its state: "Syrian Democratic Council", "Ruritania
        Post", "US State Department", "Interior Ministry of Georgia"."""
        if len(span) < 2:
            return None
        for n in (2, 1):
            cform = self.lex.country_form(span[:n].text) if span[:n].text[:1].isupper() else None
            if cform is not None and cform.form in ("name", "demonym", "alias") and len(span) > n:
                return cform.country.iso3
        for n in (2, 1):  # "... of Georgia"
            if len(span) > n + 1 and span[-n - 1].lower_ == "of" and span[-n:].text[:1].isupper():
                cform = self.lex.country_form(span[-n:].text)
                if cform is not None and cform.form in ("name", "alias"):
                    return cform.country.iso3
        return None

    def _full_name(self, doc: Doc, cand: Candidate, actors: dict[str, Actor], day: date | None) -> Actor:
        span = cand.span(doc)
        holder = cand.holder or self.kb.by_full_name(span.text)
        tokens = [t.text for t in span if not t.is_punct]
        actor = None
        if holder is not None:
            actor = actors.get("person:" + holder.id)
        if actor is None:
            # "John Q. Adams" and "John Adams": same first and last word
            for other in actors.values():
                if other.kind == "person" and other.name.split()[-1] == tokens[-1] \
                        and other.name.split()[0] == tokens[0]:
                    actor = other
                    break
        if actor is None:
            key = "person:" + (holder.id if holder else normalize(span.text))
            actor = self._add(actors, key, "person", holder.name if holder else span.text)
            self._link(actor, holder, day)
            if actor.gender is None:
                actor.gender = self.lex.gender_of_given_name(span.text.split()[0])  # not "Wilson" of "Wilson-Raybould"
        elif len(span.text) > len(actor.name) and holder is None:
            actor.name = span.text
        actor.add(Mention(span.start_char, span.end_char, span.text))
        return actor

    def _single_name(self, doc: Doc, cand: Candidate, actors: dict[str, Actor], refs: list[_Ref],
                     day: date | None) -> Actor:
        span = cand.span(doc)
        word = normalize(span.text)
        owners = [a for a in actors.values() if a.kind == "person" and len(a.name.split()) > 1
                  and (_last_word(a.name) == word or any(_last_word(m.text) == word for m in a.mentions))]
        actor = None
        if len(owners) == 1:
            actor = owners[0]
        elif owners:
            mine = {id(a) for a in owners}  # an actor is equal only to itself (its key is unique)
            before = [r for r in refs if id(r.actor) in mine and r.end <= cand.start]
            actor = before[-1].actor if before else owners[0]
        if actor is None:
            holder = self.kb.link(span.text, day)
            if holder is not None:
                actor = actors.get("person:" + holder.id)
                if actor is None:
                    actor = self._add(actors, "person:" + holder.id, "person", holder.name)
                    self._link(actor, holder, day)
        if actor is None:
            actor = self._add(actors, "person:" + word, "person", span.text)
        actor.add(Mention(span.start_char, span.end_char, span.text))
        return actor

    def _link(self, actor: Actor, holder: Holder | None, day: date | None) -> None:
        if holder is None:
            return
        offices = [record.KBOffice(office=o.office, title=o.title, jurisdiction=o.jurisdiction,
                                   start=o.start.isoformat() if o.start else None,
                                   end=o.end.isoformat() if o.end else None)
                   for o in holder.offices_on(day)]
        actor.kb = record.KBRef(source=KB_SOURCE, id=holder.id, name=holder.name, offices=offices)
        actor.gender = holder.gender
        actor.holder = holder

    # -- roles ----------------------------------------------------------------------
    def _text_roles(self, doc: Doc, refs: list[_Ref]) -> None:
        ends = {r.end: r for r in refs if r.actor.kind == "person"}
        for ref in refs:  # "Donald Trump's national security adviser": the possessor's country first
            if ref.actor.holder is not None and ref.actor.country is None:
                ref.actor.country = ref.actor.holder.nationality
        for ref in refs:
            actor = ref.actor
            if actor.kind != "person":
                continue
            actor.pending.extend(self.roles.before(doc, ref.start, ref.end))
            actor.pending.extend(self.roles.after(doc, ref.end))
            group = self.roles.members(doc, _list_start(doc, ref, ends))
            if group is not None:
                actor.pending.append(group)
        # countries of possessors and complements are known only now; two passes let
        # "the president's envoy" take the president's country once his own role has given it.
        index = _RefIndex(refs)
        for _ in range(2):
            for ref in refs:
                actor = ref.actor
                for phrase in actor.pending:
                    actor.add_role(self._role_fact(doc, phrase, index))
                self._person_countries([actor])
        for ref in refs:
            ref.actor.pending.clear()

    def _role_fact(self, doc: Doc, phrase: RolePhrase, refs: _RefIndex) -> RoleFact:
        of = None
        country = None
        for span in (phrase.possessor, phrase.of):
            if span is None:
                continue
            inside = [r for r in refs.near(span[0], span[1]) if span[0] <= r.start < span[1]
                      and r.actor.kind != "person" or r.start <= span[0] < r.end]
            target = inside[-1].actor if inside else None
            text = doc[span[0]:span[1]].text
            if span is phrase.possessor and text.lower() in ("its", "their"):
                target = _body_before(doc, refs, span[0])  # "one of its volunteers"
                if target is None or phrase.countries:
                    continue  # "its UK counterparts": the state the phrase names
            if span is phrase.of and (phrase.title_head in RELATIONAL or self._workplace(phrase)):
                # "the US envoy to Ukraine": where they are sent, not whose they are;
                # "a researcher at a London institute": where they work, not their state
                of = target.name if target is not None else text
                continue
            if target is not None:
                covered = any((r.start, r.end) == span for r in inside)
                of = target.name if covered or span is phrase.possessor else text
                country = target.country or country
            else:
                of = text
                country = country or self._place_country(text)
        if of is None and phrase.countries:
            iso3 = phrase.countries[0]
            of = self.lex.countries[iso3].name if iso3 in self.lex.countries else iso3
        if country is None and phrase.countries:
            country = phrase.countries[0]
        return RoleFact(phrase.title, of, country, "text", phrase.title_start, phrase.title_end)

    def _place_country(self, text: str) -> str | None:
        """The country of a place name the mentions stage did not take ("a Raqqa native"), when
        every sizeable place of that name lies in one country."""
        if not text[:1].isupper():
            return None
        countries = {p.country for p in self.gaz.lookup(text) if p.main or p.population >= 100_000}
        return countries.pop() if len(countries) == 1 else None

    def _generic_title(self, title: str) -> bool:
        """ "counterpart", "opposition spokesman": words that name no office."""
        words = title.lower()
        known = self.lex.titles.get(words) or self.lex.titles.get(words.split()[-1] if words else "")
        return known is None or known.person_role == "generic"

    def _workplace(self, phrase: RolePhrase) -> bool:
        head = self.lex.titles.get(phrase.title_head)
        return phrase.via in ("at", "in", "with") and head is not None and head.person_role == "occupation"

    def _kb_roles(self, actors, day: date | None) -> None:
        for actor in actors:
            holder = actor.holder
            if holder is None:
                continue
            offices = holder.offices_on(day)
            for k, role in enumerate(actor.roles):
                same = list({(o.title.lower(), o.jurisdiction): o for o in offices if _same_title(role.title, o.title)}.values())
                if role.source == "text" and role.of is None and role.country is None and len(same) == 1:
                    # "the defence secretary" of the one office of that title the holder held
                    iso3 = same[0].jurisdiction if same[0].jurisdiction in self.lex.countries else None
                    actor.roles[k] = replace(role, of=self.lex.countries[iso3].name if iso3 else same[0].jurisdiction,
                                             country=iso3)
            if not any(role.source == "text" and not self._generic_title(role.title) for role in actor.roles):
                # the text's "his Turkish counterpart" says less than the office held
                for office in holder.offices_on(day):
                    of = self.lex.countries[office.jurisdiction].name \
                        if office.jurisdiction in self.lex.countries else office.jurisdiction
                    country = office.jurisdiction if office.jurisdiction in self.lex.countries else None
                    actor.add_role(RoleFact(office.title, of, country, "kb"))

    def _person_countries(self, actors) -> None:
        for actor in actors:
            if actor.kind != "person":
                continue
            holder = actor.holder
            countries = [r.country for r in actor.roles if r.country and r.source == "text"]
            if countries:
                actor.country = countries[0]
            elif holder is not None and holder.nationality:
                actor.country = holder.nationality
            elif actor.roles and actor.roles[0].country:
                actor.country = actor.roles[0].country
            if actor.sector is None:
                actor.sector = self._sector(actor)

    def _context_countries(self, doc: Doc, refs: list[_Ref], actors) -> None:
        """Countries no title gave: origins, affiliations, nationality words, relative clauses,
        offices of few states, local offices (see context.py)."""
        at = {r.start: r.actor for r in refs if r.actor.kind != "person"}
        ends = {r.end: r for r in refs if r.actor.kind == "person"}
        places = [(r.start, r.actor) for r in refs if r.actor.kind == "place"]
        states = {a.country for a in actors if a.country and (
            a.kind == "country" or a.kind == "organization" and a.sector in ("GOV", "MIL", "LEG", "JUD")
            or any(m.form == "metonym" for m in a.mentions))}  # "Washington", "the Kremlin"
        governments = [(r.start, r.actor.country, governs) for r in refs if r.actor.country
                       for governs in (_governs(r.actor, r.start, doc),)
                       if governs or r.actor.kind in ("country", "person")]  # states and persons may contradict
        for ref in refs:
            actor = ref.actor
            if actor.kind != "person":
                continue
            role = self.context.leads(doc, ref.end, at)
            if role is not None:
                actor.add_role(role)
                actor.country = actor.country or role.country
            if actor.country is None:
                actor.country = self.context.country_after(doc, ref.end, at) \
                    or self.context.country_before(doc, _list_start(doc, ref, ends))
            if actor.country is None:
                country, title = self.context.counted_group(doc, _list_start(doc, ref, ends))
                actor.country = country
                if country is not None and title is not None:
                    actor.add_role(RoleFact(title, self.lex.countries[country].name, country, "text"))
            office = self.context.office_country(actor.roles, states) if actor.country is None else None
            if office is not None:
                actor.country = office.country
                actor.roles = [office if r.title == office.title and not r.country else r for r in actor.roles]
            if actor.country is None:
                office = self.context.cabinet_office(doc, actor.roles, governments)
                if office is not None:
                    actor.country = office.country
                    actor.roles = [office if r.title == office.title and not r.country else r for r in actor.roles]
            if actor.country is None:
                country, place = self.context.local_office(doc, ref.start, actor.roles, places)
                if country is not None:
                    actor.country = country
                    actor.roles = [replace(r, of=place, country=country) if r.of is None and r.source == "text"
                                   and self.context._local(r) else r for r in actor.roles]
            if actor.sector is None:
                actor.sector = self._sector(actor)

    def _sector(self, actor: Actor) -> str | None:
        for role in actor.roles:
            words = role.title.lower().replace("former ", "")
            for n in range(len(words.split()), 0, -1):
                tail = " ".join(words.split()[-n:])
                if tail in self.lex.titles and self.lex.titles[tail].sector:
                    return self.lex.titles[tail].sector
        if actor.kb is not None:
            return "GOV"
        return None

    def _named_later(self, doc: Doc, refs: list[_Ref], quoted: list[tuple[int, int]]) -> None:
        """ "A Norwegian spokesman said the talks had failed. ... said Cmdr Jan Berg": the one person
        first named in the next sentences with neither country nor office is the described one."""
        taken = {i for r in refs for i in range(r.start, r.end)}
        index = _RefIndex(refs)
        last_words = self.roles.last_words  # looked up in the token table: no Token built for every word
        subjects = (doc[i] for i, lower in enumerate(token_table(doc).lowers) if lower in last_words)
        described = [d for d in (self._unnamed_holder(doc, token, index, taken) for token in subjects
                                 if token.dep_ in ("nsubj", "nsubjpass"))
                     if d is not None]
        if not described:
            return
        sentence_of = _narrative_sentences(doc, quoted)
        firsts = {}
        for ref in refs:
            if ref.actor.kind == "person" and not ref.actor.text_of:
                firsts.setdefault(id(ref.actor), ref)
        for at, fact in described:
            here = sentence_of[at]
            if any(other > at and sentence_of[other] - here <= _NAMED_LATER for other, _ in described if other != at):
                continue  # two described holders: which is which, the text does not say
            same = [r.actor for r in firsts.values() if r.start > at and sentence_of[r.start] == here]
            later = sorted((r for r in firsts.values() if 0 < sentence_of[r.start] - here <= _NAMED_LATER),
                           key=lambda r: r.start)
            if not later or any(self._unknown(actor) for actor in same):
                continue
            first = later[0]  # the first person the next sentences name, as the subject of its clause
            actor = first.actor
            if self._unknown(actor) and _named_subject(doc, first.start, first.end):
                actor.add_role(fact)
                actor.country = fact.country
                actor.sector = self._sector(actor)

    def _unknown(self, actor: Actor) -> bool:
        """A person the text gives neither a country nor an office (a rank at most)."""
        return actor.country is None and actor.holder is None and all(self._rank(role) for role in actor.roles)

    def _unnamed_holder(self, doc: Doc, token, refs: _RefIndex, taken: set[int]):
        """(token index, role) of "a Norwegian spokesman" / "the US envoy to X" as a subject, with a
        country and no name beside it; None otherwise."""
        if token.i in taken or token.tag_ != "NN":
            return None
        phrase = self.roles._phrase_ending_at(doc, token.i + 1)
        if phrase is None or phrase.begin == 0 or doc[phrase.begin - 1].lower_ not in ("a", "an", "the"):
            return None
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and (nxt.text == "," or nxt.pos_ == "PROPN"):
            return None  # "the US envoy, Jane Roe," / "US envoy Jane Roe": named right there
        if any(r.actor.kind == "person" for r in refs.starting(phrase.begin, token.right_edge.i + 1)):
            return None  # "the Obama adviser and UN ambassador Jane Roe": a title of the name in it
        fact = self._role_fact(doc, phrase, refs)
        return (token.i, fact) if fact.country else None

    def _rank(self, role: RoleFact) -> bool:
        title = self.lex.titles.get(role.title.lower())
        return title is not None and title.person_role == "rank"

    # -- descriptions and pronouns ------------------------------------------------
    def _nominals(self, doc: Doc, refs: list[_Ref], actors: dict[str, Actor],
                  quoted: list[tuple[int, int]]) -> None:
        taken = set()
        for ref in refs:
            taken.update(range(ref.start, ref.end))
        in_quotes = _quoted_tokens(doc, quoted)
        lowers = token_table(doc).lowers
        i = 0
        while i < len(doc):
            if lowers[i] != "the" or i in taken or in_quotes[i]:
                i += 1
                continue
            found = self._description(doc, i, taken)
            if found is None:
                i += 1
                continue
            end, head, title, countries, of_span = found
            actor = _apposed_person(doc, refs, i, end)  # "Jane Roe, the director of X," / "the director, Jane Roe"
            if actor is None:
                actor = self._resolve_description(doc, refs, i, head, title, countries, of_span)
            if actor is None and of_span is not None and _is_subject(doc, i, end):
                actor = self._unnamed(doc, refs, actors, title, of_span, countries)
            if actor is not None:
                span = doc[i:end]
                actor.add(Mention(span.start_char, span.end_char, span.text, "nominal"))
                refs.append(_Ref(actor, i, end))
                refs.sort(key=lambda r: r.start)
                taken.update(range(i, end))
            i = end

    def _description(self, doc: Doc, start: int, taken: set[int]):
        """ "the Norwegian leader", "the mayor of the central Norwegian city of Lillehammer"."""
        texts, lowers, _, _ = token_table(doc)
        i = start + 1
        countries = []
        while i < len(texts):
            cform = self.lex.country_form(texts[i])
            if cform and cform.form == "demonym":
                countries.append(cform.country.iso3)
                i += 1
                continue
            if i in taken:
                return None
            if lowers[i] in self.lex.title_modifiers and lowers[i] not in self.lex.titles:
                i += 1
                continue
            break
        head_start = i
        head_end = None
        for n in range(self.lex.max_title_words, 0, -1):
            if head_start + n > len(doc):
                continue
            words = span_text(doc, head_start, head_start + n).lower()
            if words in self.lex.titles and self.lex.titles[words].person_role in ("office", "generic", "rank"):
                head_end = head_start + n
                break
        if head_end is None:
            return None
        nxt = doc[head_end] if head_end < len(doc) else None
        if nxt is not None and (nxt.text[:1].isupper() and nxt.pos_ == "PROPN" or nxt.lower_ in ("'s", "’s")):
            return None  # a title before a name, handled as a role
        title = doc[head_start:head_end].text
        of_span = None
        end = head_end
        if nxt is not None and nxt.lower_ == "of":
            limit = head_end + 1
            while limit < len(doc) and doc[limit].text not in (",", ".", ";", "(", "\n") and doc[limit].pos_ != "VERB" \
                    and limit - head_end < 12:
                limit += 1
            last_name = None
            k = head_end + 1
            while k < limit:
                if doc[k].text[:1].isupper() and doc[k].pos_ in ("PROPN", "NOUN", "ADJ") and not (
                        self.lex.country_form(doc[k].text) and self.lex.country_form(doc[k].text).form == "demonym"):
                    s = k
                    while k < limit and doc[k].text[:1].isupper():
                        k += 1
                    last_name = (s, k)
                    continue
                k += 1
            if last_name is not None:
                of_span = last_name
                end = last_name[1]
        return end, doc[head_end - 1].lower_, title, countries, of_span

    def _resolve_description(self, doc, refs, start, head, title, countries, of_span) -> Actor | None:
        title_lower = title.lower()
        of_text = normalize(doc[of_span[0]:of_span[1]].text) if of_span else None
        seen: dict[int, Actor] = {}  # an actor is equal only to itself (its key is unique)
        for ref in refs:
            if ref.start >= start:
                break
            if ref.actor.kind == "person":
                seen.setdefault(id(ref.actor), ref.actor)
        compatible = []
        for actor in reversed(seen.values()):  # most recent first
            if countries and actor.country not in countries:
                continue
            if not self._holds(actor, title_lower, head):
                continue
            if of_text is not None and not any(r.of and normalize(r.of) == of_text for r in actor.roles):
                continue
            compatible.append(actor)
        return compatible[0] if compatible else None

    def _holds(self, actor: Actor, title: str, head: str) -> bool:
        role_titles = [r.title.lower() for r in actor.roles]
        if head == "leader" or title == "leader":
            return any(any(t.endswith(lt) for lt in LEADER_TITLES) for t in role_titles)
        return any(t == title or t.split()[-1] == head for t in role_titles)

    def _unnamed(self, doc, refs, actors, title, of_span, countries) -> Actor | None:
        of_ref = next((r for r in refs if r.start <= of_span[0] < r.end), None)
        of_name = of_ref.actor.name if of_ref else doc[of_span[0]:of_span[1]].text
        country = of_ref.actor.country if of_ref else (countries[0] if countries else None)
        name = f"{title} of {of_name}"
        actor = self._add(actors, "person:" + normalize(name), "person", name)
        actor.text_of = name
        actor.country = country
        actor.add_role(RoleFact(title, of_name, country, "text"))
        actor.sector = self._sector(actor)
        return actor

    def _pronouns(self, doc: Doc, refs: list[_Ref], quoted: list[tuple[int, int]]) -> None:
        """he/his/she/her -> the one compatible person in the last two narrative sentences.

        Sentences wholly inside quotation marks do not count as distance: in
        '"...," he added' the speaker is the subject of the sentence before the quote.
        """
        sentence_of = _narrative_sentences(doc, quoted)
        numbers = [sentence_of[i] for i in range(len(doc))]  # never decreasing
        in_quotes = _quoted_tokens(doc, quoted)
        index = _RefIndex(refs)
        for i, lower in enumerate(token_table(doc).lowers):
            gender = PRONOUNS.get(lower)
            if gender is None or in_quotes[i]:
                continue
            token = doc[i]
            here = sentence_of[i]
            # the refs from the first token two narrative sentences back up to the pronoun
            window = [r for r in index.starting(bisect_left(numbers, here - 2), i)
                      if r.actor.kind == "person" and not in_quotes[r.start]]
            candidates = []
            for ref in reversed(window):
                if ref.actor.gender in (None, gender) and ref.actor not in candidates:
                    candidates.append(ref.actor)
            same = {id(r.actor): r.actor for r in window
                    if sentence_of.get(r.start) == here and r.actor in candidates}
            choice = None
            if len(candidates) == 1:
                choice = candidates[0]
            elif len(same) == 1:
                choice = next(iter(same.values()))
            if choice is None:
                continue
            if choice.gender is None:
                choice.gender = gender
            choice.add(Mention(token.idx, token.idx + len(token), token.text, "pronoun"))
            index.insert(_Ref(choice, token.i, token.i + 1))
        self._it_subjects(doc, index, sentence_of, in_quotes)

    def _it_subjects(self, doc: Doc, index: "_RefIndex", sentence_of: dict[int, int], in_quotes) -> None:
        """ "Turkey regards the militia as terrorists. It has also supported rival rebels": "it",
        the subject of a verb of doing, is the one state or body that is the subject of a clause
        from the sentence before up to it. Not an expletive ("it emerged that", "it is unclear")."""
        numbers = [sentence_of[i] for i in range(len(doc))]
        for token in doc:
            if token.lower_ != "it" or token.dep_ not in ("nsubj", "nsubjpass") or in_quotes[token.i]:
                continue
            verb = token.head
            # a speaker "it" ("it said") is the quotes stage's to find, with the statement's cues, and
            # an "it" in what someone says ("Turkey insisted it will not allow") most often the speaker
            if any(a.lemma_.lower() in self.lex.speech_verbs for a in token.ancestors):
                continue
            if verb.pos_ != "VERB" or verb.lemma_.lower() in EXPLETIVE_VERBS | self.lex.speech_verbs or any(
                    c.dep_ in ("ccomp", "csubj") and any(m.dep_ == "mark" for m in c.children) for c in verb.children):
                continue
            window = index.starting(bisect_left(numbers, sentence_of[token.i] - 1), token.i)
            bodies = {id(r.actor): r.actor for r in window if r.actor.kind in BODY_KINDS and not in_quotes[r.start]
                      and any(doc[j].dep_ in ("nsubj", "nsubjpass") for j in range(r.start, r.end))}
            if len(bodies) == 1:
                choice = next(iter(bodies.values()))
                choice.add(Mention(token.idx, token.idx + len(token), token.text, "pronoun"))
                index.insert(_Ref(choice, token.i, token.i + 1))


def _narrative_sentences(doc: Doc, quoted: list[tuple[int, int]]) -> dict[int, int]:
    """Token index -> sentence number, where sentences wholly inside quotation marks do not count."""
    sentence_of = {}
    number = 0
    in_quotes = _quoted_tokens(doc, quoted)
    for sent in doc.sents:
        inside = sum(in_quotes[sent.start:sent.end])
        if inside < 0.8 * len(sent):
            number += 1
        for i in range(sent.start, sent.end):
            sentence_of[i] = number
    return sentence_of


_quoted_tokens = tokens_in  # per token, whether it starts inside a quotation


def _apposed_person(doc: Doc, refs: list[_Ref], start: int, end: int) -> Actor | None:
    """The person whose name stands right before ", " and the description at ``start:end``, or
    right after it and ", " ("the acting defence secretary, Jo Roe,")."""
    if end + 1 < len(doc) and doc[end].text == ",":
        after = next((r.actor for r in refs if r.start == end + 1 and r.actor.kind == "person"), None)
        if after is not None:
            return after
    if start < 2 or doc[start - 1].text != ",":
        return None
    return next((r.actor for r in refs if r.end == start - 1 and r.actor.kind == "person"), None)


def _governs(actor: Actor, start: int, doc: Doc) -> bool:
    """Whether the mention at token ``start`` names a state's government: its capital as metonym,
    a government body or officials, or a person holding a national office (a state's own name
    may be a place or a modifier: "the US detention camp")."""
    if actor.kind in ("organization", "group"):
        return actor.sector in ("GOV", "MIL", "LEG", "JUD")
    if actor.kind == "person":
        return actor.sector in ("GOV", "MIL") and any(r.country == actor.country for r in actor.roles)
    if actor.kind == "place" and not any(m.form == "metonym" and m.start == doc[start].idx for m in actor.mentions):
        return False
    # "Turkey said", "Ankara's decision", "Turkish officials"; not "the US detention camp", "from London"
    token = doc[start]
    head = token.head if token.dep_ in MODIFIERS else None
    nouns = group_nouns()
    return token.dep_ in ("nsubj", "nsubjpass", "poss") or head is not None and head.lemma_.lower() in nouns \
        and nouns[head.lemma_.lower()].sector in ("GOV", "JUD")


def _same_title(text: str, kb_title: str) -> bool:
    """ "president" and "President", "defence secretary" and "Secretary of Defense": one head word."""
    words, kb_words = text.lower().replace("-", " ").split(), kb_title.lower().replace("-", " ").split()
    return bool(words) and (words[-1] == kb_words[-1] or words[-1] == kb_words[0])


def _named_subject(doc: Doc, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` stands bare as a clause's subject or its possessor:
    "said Cmdr Jan Berg", "Jan Berg's resignation follows"; not "the coroner Jan Berg", not
    one name of a list."""
    if start > 0 and doc[start - 1].is_lower and doc[start - 1].pos_ == "NOUN":
        return False  # "the coroner Jan Berg": a description the title list does not know
    head = next((t for t in doc[start:end] if not start <= t.head.i < end), None)
    if head is None or any(t.dep_ == "conj" or t.dep_ == "cc" for t in (head, *head.children)):
        return False
    if head.dep_ == "poss":
        head = head.head
    return head.dep_ in ("nsubj", "nsubjpass")


def _body_before(doc: Doc, refs: _RefIndex, i: int) -> Actor | None:
    """The organisation, group or state that "its"/"their" at token ``i`` stands for: the
    nearest one named before it in its sentence ("The Red Cross said one of its nurses")."""
    sent_start = doc[i].sent.start
    bodies = [r.actor for r in refs.starting(sent_start, i) if r.end <= i
              and r.actor.kind in ("organization", "group", "country")]
    return bodies[-1] if bodies else None


def _list_start(doc: Doc, ref: _Ref, ends: dict[int, _Ref]) -> int:
    """Where the list of names that ``ref`` belongs to begins: "A, B and C" -> A's start."""
    start = ref.start
    while start >= 2:
        k = start - 1
        if doc[k].lower_ == "and" and doc[k - 1].text == ",":
            k -= 1  # "A, B, and C"
        if doc[k].lower_ not in ("and", ","):
            break
        previous = ends.get(k)
        if previous is None:
            break
        start = previous.start
    return start


def _spelled_as_written(holder: Holder, mentions: list[Mention]) -> str:
    """The knowledge base's full name as the article spells it: "Recep Tayyip Erdoğan" where the
    article writes "Erdoğan", the KB's own spelling otherwise. Only full-length forms that differ
    from it in diacritics or punctuation count."""
    key = normalize(holder.name)
    forms = [form for form in (holder.name, *holder.aliases) if normalize(form) == key]
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.form != "name":
            continue
        words = mention.text.split()
        for form in forms:
            if form.split()[-1] in words:
                return form
    return holder.name


def _best_place(places, region: bool = False):
    if not places:
        return None
    if region:
        admin = [p for p in places if p.kind in ("admin1", "admin2", "region")]
        if admin:
            return max(admin, key=lambda p: p.population)
    return max(places, key=lambda p: (p.kind == "country", p.main, p.population))


def _inside(offset: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in ranges)


def _is_subject(doc: Doc, start: int, end: int) -> bool:
    return any(t.dep_ in ("nsubj", "nsubjpass") for t in doc[start:end]) or (
        end < len(doc) and (doc[end].pos_ in ("VERB", "AUX") or doc[end].text == ","))
