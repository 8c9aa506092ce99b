"""Name mentions: find candidate spans and decide what kind of actor each is.

The small English model labels many names wrongly in this domain (Ukrainian
towns as PERSON or ORG, surnames as GPE). Its labels are one piece of evidence
among several, weighed per mention and then per name across the document
("one sense per discourse"):

- lexicons: countries, demonyms, organisations, government metonyms;
- the office-holder knowledge base;
- the gazetteer (does a place of that name exist, how big is it);
- context cues: a title or honorific before the name (person), "the town of"
  before or "region" after it (place), a facility noun after it (facility);
- the document itself: a single word that is the surname of a full name
  elsewhere in the article is that person; an acronym ("IRCC") whose
  capitalised words are spelled out once in the article ("Immigration, Refugees
  and Citizenship Canada") is that organisation, named in full.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ...gazetteer import Gazetteer, Place, normalize
from ..base import lower_words, span_text, token_table
from .kb import Holder, OfficeHolders
from .lexicons import CountryForm, Lexicons, Organization

NER_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
STRONG_LOCATIVES = frozenset("in into near outside across throughout inside around".split())
LOCATIVE_PREPOSITIONS = frozenset("in near outside at from to across into toward towards around "
                                  "via inside throughout between".split())
ORG_WORDS = frozenset("ministry council party army forces force group committee agency bank university "
                      "company corporation inc ltd llc association union front brigade battalion regiment "
                      "movement organization organisation department office court parliament assembly "
                      "police service services guard commission institute foundation fund federation "
                      "authority administration government coalition alliance league network news times "
                      "post journal press television tv radio agency".split())
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "EVENT",
                        "LAW", "WORK_OF_ART", "LANGUAGE"})
_STRIP_LEFT = frozenset({"the", "a", "an", "The", "A", "An"})
_POSSESSIVE = frozenset({"'s", "’s", "‘s"})
# Words after a name and a hyphen that make it a period, not a place: "Obama-era", "Soviet-style".
_ERA_WORDS = frozenset({"era", "style", "vintage"})
_DETERMINED = frozenset({"the", "his", "her", "its", "their", "our", "'s", "’s"})


@dataclass
class Candidate:
    start: int  # token indices, end exclusive
    end: int
    label: str = ""  # the spaCy label, "" when found by a lexicon or the gazetteer
    kind: str | None = None
    scores: dict = field(default_factory=lambda: defaultdict(float))
    org: Organization | None = None
    cform: CountryForm | None = None
    holder: Holder | None = None
    places: tuple[Place, ...] = ()
    region: bool = False  # "Kharkiv region": an administrative area
    facility: bool = False
    headline: bool = False

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]

    @property
    def length(self) -> int:
        return self.end - self.start


class MentionFinder:
    """Finds and types the name mentions of one document."""

    def __init__(self, lex: Lexicons, kb: OfficeHolders, gaz: Gazetteer):
        self.lex = lex
        self.kb = kb
        self.gaz = gaz
        # first word of every known name -> the most words a name starting with it has
        self.first_words: dict[str, int] = {}
        for key in (*lex.country_forms, *lex.organizations, *kb.by_name, *kb.by_surname):
            words = key.split()
            if words:
                self.first_words[words[0]] = max(self.first_words.get(words[0], 0), len(words))

    # -- public -------------------------------------------------------------
    def find(self, doc: Doc, day: date | None) -> list[Candidate]:
        headline = headline_tokens(doc)
        candidates = self._ner(doc, headline) + self._lexicon(doc, day)
        candidates = _merge(candidates)
        self._mark_headlines(candidates, headline)
        surnames = self._confident_person_names(doc, candidates)
        candidates = _merge(candidates + self._gazetteer_runs(doc, candidates, surnames, headline))
        for cand in candidates:
            self._extend(doc, cand)
        candidates = _merge(self._acronyms(doc, candidates))
        place_ends = {c.end for c in candidates if c.label in ("GPE", "LOC") or c.places}
        given = _given_names(doc, candidates)
        for cand in candidates:
            self._evidence(doc, cand, surnames, day)
            if cand.length == 1 and cand.cform and normalize(cand.span(doc).text) in given \
                    and doc[cand.start].dep_ in ("nsubj", "nsubjpass"):
                cand.scores["person"] += 12  # "Jordan said" where "Jordan Stewart" was named: him, not the country
            if _abbreviated_region(doc, cand, place_ends):
                cand.scores["place"] += 4  # "Thunder Bay, Ont.": the province after its town
        _one_sense_per_discourse(doc, candidates)
        return [c for c in candidates if c.kind]

    # -- finding --------------------------------------------------------------
    def _ner(self, doc: Doc, headline: set[int]) -> list[Candidate]:
        found = []
        for ent in doc.ents:
            if ent.label_ not in NER_LABELS:
                continue
            for start, end in _split_lines(doc, ent.start, ent.end):
                pieces = _split_at(doc, start, end, ("/", ",", "|", "(", ")"))
                if ent.label_ == "PERSON":  # "Haddad accused de Berg": a verb is never part of a name
                    pieces = [p for s, e in pieces for p in _split_at_verbs(doc, s, e)]
                for start, end in pieces:
                    start, end = self._trim(doc, start, end, ent.label_ == "PERSON")
                    if not any(ch.isupper() or ch.isdigit() for ch in doc[start:end].text):
                        continue  # "the rookie defenceman": no name, a description
                    named = self._titled_name(doc, start, end) if ent.label_ == "ORG" else None
                    if named is not None:
                        found.append(Candidate(named, end, "PERSON"))
                    elif start < end:
                        found.append(Candidate(start, end, self._label(doc, ent.label_, start, end)))
        return found

    def _titled_name(self, doc: Doc, start: int, end: int) -> int | None:
        """Where the name starts in an organisation span that ends in a title and a name
        ("Wet'suwet'en Hereditary Chief Na'moks", "Health Minister Jane Doe"): a person."""
        for k in range(end - 2, start, -1):
            if self.lex.title(doc[k].text) is not None and doc[k].text[:1].isupper():
                names = doc[k + 1:end]
                if all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in ORG_WORDS for t in names):
                    return k + 1
                return None
        return None

    def _label(self, doc: Doc, label: str, start: int, end: int) -> str:
        """The model's label, unless the words contradict it for a person name."""
        if label != "PERSON":
            return label
        words = doc[start:end]
        last = words[-1].lower_
        if any(ch.isdigit() for ch in words.text):
            return ""  # "Bill C-48"
        if last in self.lex.place_suffixes or doc[max(start, end - 2):end].text.lower() in self.lex.place_suffixes:
            return "LOC"  # "Douglas County", "Winston Churchill Square"
        if last in self.lex.facility_nouns:
            return "FAC"
        if last in self.lex.titles and len(words) <= 3:
            return ""  # "UCP MLA": a role, not a name
        return label

    def _trim(self, doc: Doc, start: int, end: int, person: bool = False) -> tuple[int, int]:
        while start < end and (doc[start].text in _STRIP_LEFT or doc[start].is_punct
                               or doc[start].pos_ in ("ADP", "CCONJ", "SCONJ") and end - start > 1
                               or doc[start].lower_ in self.lex.honorifics
                               or (end - start > 2 and doc[start + 1].lower_ not in _POSSESSIVE
                                   and (doc[start].lower_ in self.lex.titles
                                        or person and _is_demonym(self.lex, doc[start].text)
                                        or person and self._inhabitants(doc[start].text)))):
            start += 1
        if start < end and doc[start].lower_ in _POSSESSIVE:
            return start, start  # "’s College London": the model cut a name after its first word
        if end - start > 2 and doc[end - 2].text in ("-", "–") and doc[end - 1].lower_ in _ERA_WORDS:
            end -= 2  # "Obama-era policy": the name before the hyphen, not a place called so
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                               or doc[end - 1].lower_ in ("'s", "’s", "‘s")
                               or end - start > 1 and _numeric_date(doc[end - 1].text)):
            end -= 1  # "Abdul-Aziz 28/01": the date after a name is not part of it
        for k in range(start + 1, end - 1):
            if doc[k].lower_ in ("on", "since") and any(t.like_num for t in doc[k + 1:end]):
                return start, k  # "Golo on Feb 12" taken as one name: the date is not part of it
        return start, end

    def _inhabitants(self, word: str) -> bool:
        """ "Londoners": the people of a city, not part of the names after it."""
        return word.endswith("ers") and word[:1].isupper() and any(
            p.main and p.population >= 100_000 for p in self.gaz.lookup(word[:-3]))

    def _lexicon(self, doc: Doc, day: date | None) -> list[Candidate]:
        """Known countries, demonyms, organisations and office holders, longest match first."""
        found = []
        texts, lowers, _, puncts = token_table(doc)
        i = 0
        while i < len(texts):
            text = texts[i]
            if not (text[:1].isupper() or text[:1].isdigit()):
                i += 1
                continue
            first = normalize(text)
            longest = self.first_words.get(first.split()[0] if first else "", 0)
            if lowers[i] == "the" and i + 1 < len(texts):
                longest = max(longest, self.first_words.get(normalize(texts[i + 1]), 0) + 1)
            match = None
            # a name of k words spans up to 2k+1 tokens ("U.S.", "Secretary-General")
            for n in range(min(2 * longest + 1, len(texts) - i), 0, -1):
                if puncts[i] or puncts[i + n - 1]:
                    continue  # no name begins or ends with punctuation (_lexicon_match)
                words = span_text(doc, i, i + n)
                if "\n" in words or n > 1 and not self._known(words):
                    continue  # only a known name makes a match: no Span built for the rest
                match = self._lexicon_match(doc, doc[i:i + n], day)
                if match:
                    break
            if match:
                found.append(match)
                i = match.end
            else:
                i += 1
        return found

    def _known(self, text: str) -> bool:
        """Whether words of two or more tokens name a known organisation, country form or holder."""
        return bool(self.lex.organization(text) or self.lex.country_form(text) or self.kb.by_full_name(text))

    def _lexicon_match(self, doc: Doc, span: Span, day: date | None) -> Candidate | None:
        text = span.text
        if span[-1].is_punct or span[0].is_punct:
            return None
        org = self.lex.organization(text)
        if span[0].lower_ == "the" and not (org and org.name.lower().startswith("the ")):
            return None  # "The London talks": the match starts at the next word
        cform = self.lex.country_form(text)
        holder = self.kb.by_full_name(text) if len(span) > 1 else self._surname_holder(span[0], day)
        if org and len(text) <= 2:
            # a one- or two-letter name ("X") counts only as a channel: "on X", "via X"
            previous = doc[span.start - 1].lower_ if span.start else ""
            if previous not in ("on", "via") or org.kind != "platform":
                org = None
        if not (org or cform or holder):
            return None
        return Candidate(span.start, span.end, "", org=org, cform=cform, holder=holder)

    def _surname_holder(self, token: Token, day: date | None) -> Holder | None:
        """A lone surname of the one office holder of that name around the article date.

        Only for a capitalised word outside date and number entities ("in May"
        is not Theresa May); a word the model does not call a proper noun counts
        only if the article never uses it in lower case.
        """
        if not token.text[:1].isupper() or len(token.text) < 2 or token.ent_type_ in _NOT_NAMES:
            return None
        if token.is_upper or self.lex.organization(token.text) or self.lex.country_form(token.text):
            return None  # "UN" is not Kim Jong Un; acronyms and known names are not surnames
        if token.pos_ != "PROPN":
            if token.pos_ not in ("NOUN", "X", "ADJ") or token.lower_ in lower_words(token.doc):
                return None
        return self.kb.by_last_name(token.text, day)

    def _mark_headlines(self, candidates: list[Candidate], headline: set[int]) -> None:
        for cand in candidates:
            cand.headline = cand.start in headline

    def _confident_person_names(self, doc: Doc, candidates: list[Candidate]) -> dict[str, int]:
        """Surnames (and full names) of multi-word person names: "Macron" -> its candidates."""
        names: dict[str, int] = {}
        for cand in candidates:
            if cand.headline or cand.length < 2 or cand.org or cand.cform:
                continue
            span = cand.span(doc)
            if cand.label != "PERSON" and not cand.holder and not (
                    cand.length <= 3 and self.lex.is_given_name(span[0].text) and not self.gaz.lookup(span.text)):
                continue  # "Nino Doe" the model took for a place is still a given name and a surname
            if any(p.main and p.kind in ("country", "admin1") for p in self.gaz.lookup(span.text)):
                continue
            last = span[-1].text
            if last[:1].isupper():
                names[normalize(last)] = names.get(normalize(last), 0) + 1
        return names

    def _gazetteer_runs(self, doc: Doc, candidates: list[Candidate], surnames: dict[str, int],
                        headline: set[int]) -> list[Candidate]:
        """Capitalised words the model missed: known surnames and gazetteer places.

        A place name needs support: a large place (a country, a first-level
        region, 100,000 people), a cue ("the town of X"), or a list it shares
        with places the model found ("in Zilina, Nitra, Presov and Kosice").
        """
        texts = token_table(doc).texts
        covered = set()
        place_edges = set()
        for cand in candidates:
            covered.update(range(cand.start, cand.end))
            if cand.label in ("GPE", "LOC") or cand.cform:
                place_edges.update((cand.start, cand.end - 1))
        found = []
        i = 0
        while i < len(doc):
            if i in covered or not _is_name_at(doc, texts, i):
                i += 1
                continue
            j = i
            while j < len(doc) and j not in covered and _is_name_at(doc, texts, j) and "\n" not in texts[j]:
                j += 1
            span = doc[i:j]
            if len(span) == 1 and normalize(span.text) in surnames:
                found.append(Candidate(i, j, ""))
            elif 2 <= len(span) <= 3 and self.lex.is_given_name(span[0].text) and all(
                    t.pos_ == "PROPN" for t in span) and not self.gaz.lookup(span.text):
                found.append(Candidate(i, j, "PERSON"))  # "Andrew Scheer": a given name and a surname
            elif not (doc[i].is_sent_start and len(span) == 1 and doc[i].pos_ != "PROPN"):
                places = [p for p in self.gaz.lookup(span.text) if p.main]
                big = [p for p in places if p.kind in ("country", "admin1", "region") or p.population >= 100_000]
                supported = i not in headline and doc[i].pos_ == "PROPN" and (
                    _has_place_cue(doc, i, self.lex) or _in_list_with(doc, i, j, place_edges))
                if big or (places and supported):
                    found.append(Candidate(i, j, "", places=tuple(places)))
            i = j
        return found

    # -- extending ------------------------------------------------------------
    def _extend(self, doc: Doc, cand: Candidate) -> None:
        """Take in "region" after a name, or a facility noun phrase: "Kakhovka reservoir"."""
        end = cand.end
        if cand.cform and cand.cform.form == "demonym" and end < len(doc):
            for n in (2, 1):
                if doc[end:end + n].text.lower() in self.lex.military_nouns and end + n <= len(doc):
                    cand.org = self.lex.military_of(cand.cform.country.iso3)
                    cand.cform = None
                    cand.end = end + n
                    return
        if cand.org or cand.label == "PERSON" and not self.gaz.lookup(cand.span(doc).text):
            return
        if end < len(doc) and doc[end].lower_ in self.lex.region_words and not doc[end].is_sent_start:
            cand.end = end + 1
            cand.region = True
            return
        for n in range(self.lex.max_facility_words + 1, 0, -1):
            if end + n > len(doc):
                continue
            text = span_text(doc, end, end + n)
            if "\n" in text:
                continue
            if text.lower() in self.lex.facility_nouns or (
                    n > 1 and doc[end].pos_ == "ADJ" and span_text(doc, end + 1, end + n).lower() in self.lex.facility_nouns):
                cand.end = end + n
                cand.facility = True
                return
        if cand.label in ("ORG", "FAC") and cand.length > 1:
            tail = cand.span(doc)[-1].lower_
            if tail in self.lex.facility_nouns:
                cand.facility = True

    def _acronyms(self, doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
        """An unknown acronym and the one run of capitalised words in the article that spells it
        out are one organisation under the long name; two spellings ("CP": "Canadian Press",
        "Canadian Pacific Railway") leave it alone."""
        acronyms = defaultdict(list)
        for cand in candidates:
            word = doc[cand.start].text
            if cand.length == 1 and 2 <= len(word) <= 6 and word.isalpha() and word.isupper() \
                    and not (cand.org or cand.cform or cand.holder):
                acronyms[word].append(cand)
        if not acronyms:
            return candidates
        for word, found in acronyms.items():
            spelled = {doc[s:e].text: (s, e) for s, e in _spelled_out(doc, word)}
            if len(spelled) != 1:
                continue
            name, (start, end) = next(iter(spelled.items()))
            org = Organization(name, (word,), "organization", None, self._leading_country(doc[start:end]))
            candidates = [c for c in candidates if c.end <= start or end <= c.start]
            candidates.append(Candidate(start, end, "ORG", org=org))
            for cand in found:
                cand.org = org
            taken = {i for c in candidates for i in range(c.start, c.end)}
            candidates.extend(Candidate(t.i, t.i + 1, "ORG", org=org) for t in doc
                              if t.text == word and t.i not in taken)  # the ones the model missed
        return candidates

    def _leading_country(self, span: Span) -> str | None:
        """The state an organisation's name begins with: "Syrian Democratic Forces" -> SYR."""
        for n in (2, 1):
            cform = self.lex.country_form(span[:n].text) if len(span) > n else None
            if cform is not None and cform.form in ("name", "demonym"):
                return cform.country.iso3
        return None

    # -- weighing ---------------------------------------------------------------
    def _followed_by_region(self, doc: Doc, end: int) -> bool:
        """A comma and then a country or first-level region: the town-and-state pattern."""
        if end + 1 >= len(doc) or doc[end].text != ",":
            return False
        for n in (3, 2, 1):
            words = doc[end + 1:end + 1 + n]
            if len(words) < n or not words.text[:1].isupper() or "\n" in words.text:
                continue
            cform = self.lex.country_form(words.text)
            if cform and cform.form in ("name", "alias"):
                return True
            if any(p.main and p.kind == "admin1" for p in self.gaz.lookup(words.text)):
                return True
        return False

    def _is_city(self, text: str, country) -> bool:
        if normalize(text) == normalize(country.capital):
            return True
        return any(p.main and p.country == country.iso3 and p.population >= 100_000 for p in self.gaz.lookup(text))

    def _evidence(self, doc: Doc, cand: Candidate, surnames: dict[str, int], day: date | None) -> None:
        span = cand.span(doc)
        text = span.text
        score = cand.scores
        if cand.facility:
            score["facility"] += 5
        if cand.org:
            score[cand.org.kind] += 4
        if cand.cform and cand.cform.form == "demonym" and _is_language_use(doc, cand):
            return  # "in English", "speaks Arabic": a language, not a country
        if cand.cform and not cand.facility:
            if cand.cform.form == "metonym":
                if self._is_city(text, cand.cform.country):
                    score["place"] += 4  # a capital standing for its government: "Kyiv's position"
                else:
                    score["organization"] += 4  # "the Kremlin", "the White House"
            else:
                score["country"] += 10  # a country's name is a country, whatever else surrounds it
        if cand.region:
            score["place"] += 4
        label_kind = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place",
                      "FAC": "facility"}.get(cand.label)
        if label_kind and not cand.headline:
            score[label_kind] += 1
        # person evidence
        if cand.holder:
            score["person"] += 3
        if _title_before(doc, cand.start, self.lex, cand.end):
            score["person"] += 3
        if cand.length >= 2 and self.lex.is_given_name(span[0].text) and not cand.region:
            score["person"] += 2
        elif cand.length == 1 and self.lex.is_given_name(text) and not cand.cform:
            score["person"] += 2  # "Yulia" alone
        if cand.length == 1 and normalize(text) in surnames:
            score["person"] += 3
        elif cand.length == 1 and cand.label == "PERSON" and cand.start and doc[cand.start - 1].lower_ == "the":
            score["person"] -= 2  # "on the Danube": names of people take no article
        elif cand.length == 1 and cand.holder is None and cand.label == "PERSON" and self.kb.by_last_name(text, day):
            score["person"] += 1
        # place evidence
        if cand.region and not cand.places:
            cand.places = tuple(p for p in self.gaz.lookup(span[:-1].text)
                                if p.kind in ("admin1", "admin2", "region")) or self.gaz.lookup(span[:-1].text)
        places = cand.places or self.gaz.lookup(text)
        cand.places = places
        if _has_place_cue(doc, cand.start, self.lex):
            score["place"] += 3
        if self._followed_by_region(doc, cand.end):
            score["place"] += 3  # "Austin, Texas", "Mosul, Iraq"
        if places and not cand.facility:
            best = max(places, key=lambda p: (p.main, p.population))
            if best.kind in ("country", "admin1", "region") and best.main:
                score["place"] += 2
            elif best.population >= 100_000:
                score["place"] += 2
            elif best.population >= 10_000:
                score["place"] += 1
            else:
                score["place"] += 0.5
            previous = doc[cand.start - 1].lower_ if cand.start else ""
            if previous in STRONG_LOCATIVES:
                score["place"] += 1  # "moved to Thornhill", "on Oahu"
            elif previous in LOCATIVE_PREPOSITIONS:
                score["place"] += 0.5
            if cand.start >= 2 and previous == "of" and doc[cand.start - 2].text == "," \
                    and cand.end < len(doc) and doc[cand.end].text in (",", "."):
                score["place"] += 2  # "Miss Abdhou, of Hayes, was"
        if _is_dateline(doc, cand):
            score["place"] += 3  # "HELENA, Mont. (AP) -"
        # organisation evidence
        if any(t.lower_ in ORG_WORDS for t in span[1:]) or (cand.length > 1 and span[0].lower_ in ORG_WORDS):
            score["organization"] += 2
        if cand.label == "NORP" and not (cand.cform or cand.org) and not (
                cand.length == 1 and normalize(text) in surnames):
            score.clear()  # "Western", "Kurdish": a group adjective, not an actor by itself (a surname is)


_LANGUAGE_VERBS = frozenset("speak speaks spoke speaking spoken learn learned learning translate translated "
                            "written fluent".split())


def _is_demonym(lex: Lexicons, text: str) -> bool:
    cform = lex.country_form(text)
    return cform is not None and cform.form == "demonym"


def _is_language_use(doc: Doc, cand: Candidate) -> bool:
    before = doc[cand.start - 1].lower_ if cand.start else ""
    after = doc[cand.end].lower_ if cand.end < len(doc) else ""
    return (before in _LANGUAGE_VERBS or before == "in" and doc[cand.start].pos_ != "ADJ"
            or after in ("language", "-language", "speaker", "speakers", "translation", "subtitles"))


def _abbreviated_region(doc: Doc, cand: Candidate, place_ends: set[int]) -> bool:
    """An abbreviation after a place and a comma: "Oakville, Ont." or "York-Simcoe, Ont., ridings"."""
    if cand.length != 1 or cand.start < 2 or doc[cand.start - 1].text != "," or (cand.start - 1) not in place_ends:
        return False
    token = doc[cand.start]
    return token.text.endswith(".") or (cand.end < len(doc) and doc[cand.end].text == ".")


def _is_dateline(doc: Doc, cand: Candidate) -> bool:
    """An upper-case place at the start of a paragraph, then a comma, a dash or "(AP)"."""
    first = doc[cand.start]
    at_start = cand.start == 0 or "\n" in doc[cand.start - 1].text or "\n" in doc[cand.start - 1].whitespace_
    if not at_start or not all(t.is_upper for t in cand.span(doc) if t.is_alpha):
        return False
    if cand.end >= len(doc) or not first.is_alpha:
        return False
    after = doc[cand.end].text
    if after == "-" and not doc[cand.end - 1].whitespace_:
        return False  # "UN-sponsored talks", "EU-led mission": a compound's hyphen, not a dateline's dash
    return after in (",", "(", "—", "–", "-")


def _one_sense_per_discourse(doc: Doc, candidates: list[Candidate]) -> None:
    """A name keeps one kind through the article: sum the evidence of all its mentions."""
    by_name: dict[str, list[Candidate]] = defaultdict(list)
    for cand in candidates:
        by_name[normalize(cand.span(doc).text)].append(cand)
    for group in by_name.values():
        totals: dict[str, float] = defaultdict(float)
        for cand in group:
            for kind, value in cand.scores.items():
                totals[kind] += value
        if not totals:
            continue
        kind = max(totals, key=lambda k: (totals[k], k == "person"))
        if totals[kind] <= 0:
            continue
        for cand in group:
            cand.kind = kind


def _given_names(doc: Doc, candidates: list[Candidate]) -> frozenset[str]:
    """First words of the full person names the model found: "Jordan" of "Jordan Stewart"."""
    return frozenset(normalize(doc[c.start].text) for c in candidates
                     if c.label == "PERSON" and c.length > 1 and not (c.org or c.cform or c.headline))


def _merge(candidates: list[Candidate]) -> list[Candidate]:
    """Overlapping candidates: keep the longest; an equal span pools what each knows."""
    ordered = sorted(candidates, key=lambda c: (c.start, -c.length, c.label == ""))
    kept: list[Candidate] = []
    for cand in ordered:
        if kept and cand.start < kept[-1].end:
            last = kept[-1]
            if (cand.start, cand.end) == (last.start, last.end):
                kept[-1] = replace(last, label=last.label or cand.label, org=last.org or cand.org,
                                   cform=last.cform or cand.cform, holder=last.holder or cand.holder,
                                   places=last.places or cand.places)
            continue
        kept.append(cand)
    return kept


def _split_at(doc: Doc, start: int, end: int, marks: tuple[str, ...]) -> list[tuple[int, int]]:
    """A name never contains a slash or a comma: "Doug Ives/Canadian Press" is a credit."""
    pieces, begin = [], start
    for i in range(start, end):
        if doc[i].text in marks:
            pieces.append((begin, i))
            begin = i + 1
    pieces.append((begin, end))
    return [(s, e) for s, e in pieces if s < e]


def _split_at_verbs(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    pieces, begin = [], start
    for i in range(start, end):
        if doc[i].is_lower and doc[i].pos_ in ("VERB", "AUX"):
            pieces.append((begin, i))
            begin = i + 1
    pieces.append((begin, end))
    return [(s, e) for s, e in pieces if s < e]


def _split_lines(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    pieces, begin = [], start
    for i in range(start, end):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            pieces.append((begin, i + (0 if "\n" in doc[i].text else 1)))
            begin = i + 1
    pieces.append((begin, end))
    return [(s, e) for s, e in pieces if s < e]


def _in_list_with(doc: Doc, start: int, end: int, edges: set[int]) -> bool:
    """Coordinated with a known place: "X, Y and Z" where a neighbour is a place."""
    before = start - 1
    if before >= 1 and doc[before].lower_ in (",", "and", "or") and (before - 1) in edges:
        return True
    after = end
    return after + 1 < len(doc) and doc[after].lower_ in (",", "and", "or") and (after + 1) in edges


_ACRONYM_LINKS = frozenset({"and", "of", "for", "the", "on", "in", "&", ",", "-"})


def _spelled_out(doc: Doc, letters: str) -> list[tuple[int, int]]:
    """Runs of capitalised words whose initials are ``letters``, with "and", "of", commas between:
    "Immigration, Refugees and Citizenship Canada" for IRCC. A run that goes on past the last
    letter ("Canadian Pacific Railway" for CP) still counts as a spelling, to show the doubt."""
    texts, lowers, _, _ = token_table(doc)
    spelling, run_starts = _spelling_words(doc)
    found = []
    for i in run_starts.get(letters[0], ()):
        k, j, last = 0, i, i
        while j < len(texts) and k < len(letters):
            if spelling[j]:
                if texts[j][0] != letters[k]:
                    break
                k, last = k + 1, j
            elif lowers[j] not in _ACRONYM_LINKS:
                break
            j += 1
        if k == len(letters):
            found.append((i, last + 1))
    return found


_SPELLING_KEY = "wirecoder.spelling"


def _spelling_words(doc: Doc) -> tuple[list[bool], dict[str, list[int]]]:
    """Per token, whether it may spell a letter of an acronym; and by first letter, the
    tokens that begin a run of such words. Read once per Doc: an article names more
    acronyms the longer it is, and a scan of every token per acronym grew with the square."""
    cached = doc.user_data.get(_SPELLING_KEY)
    if cached is None:
        spelling = [_spelling_word(tok) for tok in doc]
        run_starts: dict[str, list[int]] = {}
        for i, text in enumerate(token_table(doc).texts):
            if spelling[i] and not (i and spelling[i - 1]):
                run_starts.setdefault(text[0], []).append(i)
        cached = doc.user_data[_SPELLING_KEY] = (spelling, run_starts)
    return cached


def _spelling_word(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and token.is_alpha and not text.isupper() and token.lower_ not in _ACRONYM_LINKS


def _is_name_at(doc: Doc, texts: list[str], i: int) -> bool:
    """A capitalised word tagged as a name, noun, adjective or foreign word; the Token is
    built only for a capitalised word (``texts``: the token table's)."""
    text = texts[i]
    return text[:1].isupper() and text.isalpha() and doc[i].pos_ in ("PROPN", "NOUN", "ADJ", "X")


def _title_before(doc: Doc, start: int, lex: Lexicons, end: int | None = None) -> bool:
    """A title or honorific right before the name: "Prime Minister Keir Starmer", "Mr Lavrov";
    or a determined title set off by a comma: "the UN envoy for Syria, Staffan Berg" (not
    "Managing Director, Delta Development Commission": a department, no determiner)."""
    if start == 0:
        return False
    if _title_start(doc, start, lex, honorifics=True) is not None:
        return True
    if start < 2 or doc[start - 1].text != ",":
        return False
    begin = _title_start(doc, start - 1, lex)
    if begin is None:
        k = start - 1  # past a complement: "envoy for Syria, X", "governor of the Sumy region, X"
        while k > 0 and start - k < 6 and doc[k - 1].text[:1].isupper() and doc[k - 1].is_alpha:
            k -= 1
        if k > 0 and doc[k - 1].lower_ == "the":
            k -= 1
        if k > 1 and doc[k - 1].lower_ in ("of", "for", "to"):
            begin = _title_start(doc, k - 1, lex)
    if begin is None:
        return False
    name = doc[start:end if end is not None else start + 1]
    return len(name) >= 2 and any(t.lower_ in _DETERMINED for t in doc[max(0, begin - 4):begin]) \
        and not any(t.lower_ in ORG_WORDS or t.is_stop and t.is_lower for t in name)


def _title_start(doc: Doc, end: int, lex: Lexicons, honorifics: bool = False) -> int | None:
    for n in range(min(lex.max_title_words, end), 0, -1):
        words = span_text(doc, end - n, end).lower()
        if words in lex.titles or honorifics and words in lex.honorifics:
            return end - n
    return None


def _has_place_cue(doc: Doc, start: int, lex: Lexicons) -> bool:
    """ "the town of X", "the city of X", "12km SE of X": a place noun, a compass point
    or a distance and "of" right before; or the name alone in brackets after a place
    noun ("Horseed neighbourhood (X)": where it lies)."""
    if start < 2 or doc[start - 1].lower_ not in ("of", "("):
        return False
    if doc[start - 1].text == "(":
        before = doc[start - 2]  # a common noun, not the end of a name ("MEXICO CITY (AP)")
        return before.is_lower and before.text in lex.place_nouns and start + 1 < len(doc) and doc[start + 1].text == ")"
    return doc[start - 2].lower_ in lex.place_nouns or doc[start - 3:start - 1].text.lower() in lex.place_nouns \
        or _direction_of(doc[start - 2], lex)


def _direction_of(token: Token, lex: Lexicons) -> bool:
    """ "12km SE of X", "south of X": a compass point or a distance before "of"."""
    word = token.lower_
    if word in lex.direction_words:
        return len(word) > 2 or token.text.isupper() or token.i > 0 and token.nbor(-1).like_num
    return word[:1].isdigit() and word.lstrip("0123456789.,") in lex.direction_words  # "12km"


def _numeric_date(text: str) -> bool:
    return "/" in text and text.replace("/", "").isdigit()


def headline_tokens(doc: Doc) -> set[int]:
    """Tokens of headline-like lines: short, no final punctuation, mostly capitalised words.

    Read from the token table, not Token objects (a Token per word of the article cost
    more than the test itself). A line ends at a space token holding a line break; a
    token's own trailing whitespace is one space or none, so it never ends a line."""
    texts = token_table(doc).texts
    tokens: set[int] = set()
    line: list[int] = []

    def flush():
        words = [texts[i] for i in line if texts[i].isalpha()]
        if words and len(words) <= 14:
            capitalised = sum(word[:1].isupper() for word in words)
            last = [i for i in line if not texts[i].isspace()]
            ends_sentence = last and texts[last[-1]] in {".", "!", "?", '"', "”", "’", ":", "'"}
            if not ends_sentence and capitalised >= 0.6 * len(words) and len(words) >= 2:
                tokens.update(line)
        line.clear()

    for i, text in enumerate(texts):
        if "\n" in text and text.isspace():
            flush()
            continue
        line.append(i)
    flush()
    return tokens
