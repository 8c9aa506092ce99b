"""Actors the article describes instead of naming: "police said", "officials in
Kyiv", "two residents", "a spokesman for the army", "the defence ministry".

Statements and acts often come from such actors; left as bare words, no quote or
event can point to them. A noun phrase becomes an entity when it is

- the subject of a speech verb (lexicons/speech_verbs.txt and the quotes
  stage's cue verbs, lexicons/quote_cues.csv) or the source of
  "according to", and its head noun describes an actor: a person title
  (kb/titles.csv) or a noun of lexicons/speaker_descriptions.csv. A reporting
  artifact ("the report said") is not an actor and is left alone;
- the subject or agent of any other verb, when it describes a body or its
  officials ("police arrested", "the agency confirmed"), not a bystander
  ("residents fled" makes no actor).

Kind: a body is an organization, one described person a person, people (or
bodies) in the plural a group. Country: the first actor with a country inside
the phrase -- a country, demonym, capital or place ("officials in Kyiv" ->
UKR, "Syrian state media" -> SYR). The same description said twice is one
entity ("officials" ... "the officials").

A definite singular description of one person that no list describes ("the
26-year-old right wing", "the prime minister") renames the one person the
previous sentence has as its subject ("Doe scored twice. The rookie winger
said ..."); a title does so only when that person holds it.

A definite singular body noun refers back: "the ministry", "the union" join
the last organisation named with that noun (and its other nouns: "the parole
board"), "the Canadian government" joins the country. A bare "the company"
with no such antecedent is left for the quotes stage, which resolves it from
the statements around it; so is a proxy with an owner ("her office", "a
spokesman for the ministry"), recorded as the one spoken for.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import DEP
from spacy.tokens import Doc, Token

from ...datafiles import read_lines, read_rows
from ...gazetteer import normalize
from ...settings import DATA_DIR
from ..base import tokens_in
from .items import Actor, Mention, RoleFact
from .lexicons import Lexicons

_WHO_SAID_KEY = "wirecoder.who_said"
OFFICIAL_SECTORS = frozenset({"GOV", "JUD", "LEG", "IGO"})  # who acts for a body
ACTOR_KINDS = frozenset({"organization", "group", "media"})
SKIP_DEPS = frozenset({"relcl", "acl", "appos", "punct", "advcl", "parataxis", "ccomp", "xcomp", "npadvmod"})
LEADING = frozenset({"the", "a", "an", "some", "several", "many", "most", "other", "few", "these", "those",
                     "such", "all", "both"})
OWNER_PREPOSITIONS = frozenset({"for", "of", "from"})
MAX_WORDS = 12  # a longer phrase is a clause the parse folded into the noun


@dataclass(frozen=True)
class Noun:
    kind: str  # person, group, organization
    sector: str | None


@dataclass(frozen=True)
class DescriptionLexicon:
    nouns: dict  # lemma -> Noun
    proxies: frozenset  # "office", "spokesman": who speaks for someone
    speech_verbs: frozenset  # lemmas
    documents: frozenset  # "report", "statement": what speaks for its author, never a person


@lru_cache(maxsize=1)
def description_lexicon(speech_verbs: frozenset = frozenset()) -> DescriptionLexicon:
    """The description nouns, and as speech verbs those given plus the quotes stage's cue verbs
    (one list of who speaks for both stages: a described speaker is an actor wherever a quote sees one)."""
    folder = DATA_DIR / "lexicons"
    nouns = {row["noun"].strip().lower(): Noun(row["kind"].strip(), (row.get("sector") or "").strip() or None)
             for row in read_rows(folder / "speaker_descriptions.csv")}
    cues = {row["lemma"].strip().lower() for row in read_rows(folder / "quote_cues.csv")
            if row["class"].strip() != "occasion"}
    documents = {row["phrase"].strip().lower() for row in read_rows(folder / "quote_channels.csv")}
    documents.update(read_lines(folder / "speaker_artifacts.txt"))
    return DescriptionLexicon(nouns, frozenset(read_lines(folder / "speaker_proxies.txt")),
                              frozenset(cues) | speech_verbs, frozenset(documents))


class Describer:
    def __init__(self, lex: Lexicons):
        self.lex = lex
        self.words = description_lexicon(lex.speech_verbs)

    def find(self, doc: Doc, refs: list, actors: dict[str, Actor],
             quoted: list[tuple[int, int]]) -> list[tuple[Actor, int, int]]:
        """The described actors of ``doc``: (actor, first token, end token) per new mention.

        ``refs`` are the mentions resolved so far (objects with actor, start,
        end in tokens); new actors are added to ``actors``.
        """
        covered: dict[int, Actor] = {}
        for ref in refs:
            for i in range(ref.start, ref.end):
                covered.setdefault(i, ref.actor)
        found = []
        in_quotes = tokens_in(doc, quoted)
        for tok in doc:
            if not _common_noun(tok) or tok.i in covered or in_quotes[tok.i]:
                continue
            speaker = self._is_speaker(tok)
            if not speaker and not (tok.dep_ in ("nsubj", "nsubjpass") or _is_agent(tok)):
                # elsewhere ("condemned the council's failure", "urged the ministry") a definite
                # body noun only refers back to the organisation named with it before
                self._refer_back_only(doc, tok, refs, covered, found)
                continue
            owner = self._owner(tok)
            if owner is not None:  # "her office", "a spokesman for the ministry": the one spoken for
                if owner.i in covered or not _common_noun(owner):
                    continue
                tok = owner
            noun = self._noun(tok)
            if noun is None and speaker and owner is None:
                noun = self._national_office(tok, covered, actors)
            if speaker and owner is None and not _named_beside(tok):
                renamed = self._renamed(doc, tok, noun, refs, quoted)
                if renamed is not None:
                    _record(doc, renamed, _phrase(tok)[0], tok, "nominal", covered, found)
                    continue
            if noun is None or not (speaker or _acts_for_a_body(tok, noun)) or _named_beside(tok):
                continue
            start, end = _phrase(tok)
            if end - start > MAX_WORDS:
                continue  # a clause the parse folded into the noun
            actor = self._refers_back(doc, tok, start, end, noun, refs, covered)
            if actor is None and not (noun.kind == "organization" and _bare_definite(tok, start, end)):
                actor = self._described(doc, tok, start, end, noun, actors, covered)
            if actor is None:
                continue
            form = "description" if actor.key.startswith("described:") else "nominal"
            _record(doc, actor, start, tok, form, covered, found)
        return found

    def _refer_back_only(self, doc: Doc, tok: Token, refs: list, covered: dict[int, Actor], found: list) -> None:
        if tok.dep_ not in ("poss", "dobj", "pobj", "dative"):
            return
        noun = self._noun(tok)
        if noun is None or noun.kind != "organization" or _named_beside(tok):
            return
        start, end = _phrase(tok)
        if end - start > MAX_WORDS:
            return
        actor = self._refers_back(doc, tok, start, end, noun, refs, covered)
        if actor is None:
            return
        _record(doc, actor, start, tok, "nominal", covered, found)

    def claims(self, tok: Token) -> bool:
        """Whether ``find`` reads this noun: a speaker, or a body or its officials acting
        (the groups reader leaves those to it and names the other described participants)."""
        if not _common_noun(tok):
            return False
        proxy = tok.head if tok.dep_ == "poss" else tok.head.head if tok.head.dep_ == "prep" else None
        owner = self._owner(proxy) if proxy is not None and proxy.i != tok.i else None
        if owner is not None and owner.i == tok.i and self._is_speaker(proxy):
            return True  # "a spokesman for the army said", "the ministry's spokesman said": the body speaks
        speaker = self._is_speaker(tok)
        if not speaker and not (tok.dep_ in ("nsubj", "nsubjpass") or _is_agent(tok)):
            return False
        noun = self._noun(tok)
        return noun is not None and (speaker or _acts_for_a_body(tok, noun))

    # -- what the phrase is ----------------------------------------------------------
    def _noun(self, tok: Token) -> Noun | None:
        lemma = tok.lemma_.lower()
        noun = self.words.nouns.get(lemma) or self.words.nouns.get(tok.lower_)
        if noun is not None:
            return noun
        title = self.lex.titles.get(lemma) or self.lex.titles.get(tok.lower_)
        if title is None or title.person_role == "office" and _definite(tok):
            return None  # "the president", "Turkey's president": a named holder, the nominals' job
        return Noun("person", title.sector)

    def _national_office(self, tok: Token, covered: dict[int, Actor], actors: dict[str, Actor]) -> Noun | None:
        """ "The Moldovan prime minister said", "Moldova's defence minister said": an office
        its country names, when the article names no holder of it (the nominals run first;
        a second, nameless person for a named one would split what they said)."""
        lemma = tok.lemma_.lower()
        title = self.lex.titles.get(lemma) or self.lex.titles.get(tok.lower_)
        if title is None or title.person_role != "office" or not _definite(tok) or _plural(tok):
            return None
        start, end = _phrase(tok)
        countries = {covered[i].country for i in range(start, end)
                     if i in covered and covered[i].kind == "country" and self._national(tok.doc[i])}
        if not countries:
            return None
        held = any(a.kind == "person" and any(r.title.split()[-1:] == [lemma] and (r.country in countries
                                                                                   or a.country in countries)
                                              for r in a.roles) for a in actors.values())
        # "X became the Moldovan prime minister": a person named in another sentence with the
        # same title word is its holder
        others = {(t.sent.start_char, t.sent.end_char) for t in tok.doc
                  if t.lemma_.lower() == lemma and t.sent.start != tok.sent.start}
        beside = any(start <= m.start < end for a in actors.values() if a.kind == "person"
                     for m in a.mentions for start, end in others)
        return None if held or beside else Noun("person", title.sector)

    def _national(self, word: Token) -> bool:
        """ "Moldovan", "Moldova's": the office's own country; not "the UN's Syria envoy",
        where the country is where the office is directed."""
        form = self.lex.country_form(word.text)
        return form is not None and form.form == "demonym" or _possessive(word)

    def _is_speaker(self, tok: Token) -> bool:
        """The subject of a speech verb ("officials said", "officials, who said"), or "according to" it."""
        head = tok.head
        if tok.dep_ == "nsubj" and head.pos_ == "VERB" and head.lemma_.lower() in self.words.speech_verbs:
            return not _raising(head)
        if tok.dep_ == "pobj" and head.lower_ == "to" and head.i > 0 and tok.doc[head.i - 1].lower_ == "according":
            return True
        return tok.i in self._said_by_who(tok.doc)

    def _said_by_who(self, doc: Doc) -> frozenset[int]:
        """The tokens with a relative clause "who said" (a speech verb) under them, found once
        per Doc from the few relative clauses rather than from every noun's children."""
        key = (_WHO_SAID_KEY, id(self.words.speech_verbs))
        found = doc.user_data.get(key)
        if found is None:
            relcl = doc.vocab.strings["relcl"]
            found = doc.user_data[key] = frozenset(
                doc[i].head.i for i, dep in enumerate(doc.to_array(DEP).tolist()) if dep == relcl
                and doc[i].lemma_.lower() in self.words.speech_verbs
                and any(s.dep_ == "nsubj" and s.lower_ == "who" for s in doc[i].children))
        return found

    def _owner(self, tok: Token) -> Token | None:
        """Whom a proxy speaks for: the possessor or the object of "for"/"of"/"from"."""
        compound = " ".join([c.lower_ for c in tok.children if c.dep_ == "compound" and c.i < tok.i][-1:]
                            + [tok.lemma_.lower()])
        if tok.lemma_.lower() not in self.words.proxies and compound not in self.words.proxies:
            return None
        for child in tok.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ == "prep" and child.lower_ in OWNER_PREPOSITIONS:
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
        return None

    # -- whom it names ---------------------------------------------------------------
    def _refers_back(self, doc: Doc, tok: Token, start: int, end: int, noun: Noun, refs: list,
                     covered: dict[int, Actor]) -> Actor | None:
        """ "the ministry" -> the last organisation named with that noun; "the Canadian government" -> Canada."""
        if noun.kind != "organization" or tok.tag_ != "NN" or not _definite(tok):
            return None
        inside = [covered[i] for i in range(start, end) if i in covered]
        if tok.lemma_.lower() in ("government", "administration"):
            return next((a for a in inside if a.kind == "country"), None)
        if inside:
            return None
        wanted = {normalize(tok.text)} | {normalize(c.text) for c in tok.children
                                          if c.dep_ == "compound" and c.i < tok.i}
        for ref in sorted(refs, key=lambda r: r.start, reverse=True):
            actor = ref.actor
            if ref.start >= tok.i or actor.kind not in ACTOR_KINDS or actor.key.startswith("described:"):
                continue
            if wanted <= set(normalize(actor.name).split()):
                return actor
        return None

    def _renamed(self, doc: Doc, tok: Token, noun: Noun | None, refs: list,
                 quoted: list[tuple[int, int]]) -> Actor | None:
        """ "Doe scored twice. 'It felt good,' said the rookie winger": the one person named as a
        subject in the sentence before a definite singular speaker that no list describes, or
        whose title that person holds ("the prime minister" after "Doe made the comments")."""
        lemma = tok.lemma_.lower()
        title = self.lex.titles.get(lemma) or self.lex.titles.get(tok.lower_)
        if (noun is not None and title is None) or tok.tag_ != "NN" or lemma in self.words.documents:
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return None
        sentence = tok.sent
        before = sentence.start - 1
        while before >= 0 and not doc[before].is_alpha:
            before -= 1  # lines of bare punctuation between paragraphs
        if before < 0:
            return None
        previous = doc[before].sent
        subjects = {id(r.actor): r.actor for r in refs
                    if previous.start <= r.start < previous.end and r.actor.kind == "person"
                    and doc[r.start:r.end].root.dep_ in ("nsubj", "nsubjpass")
                    and not any(s <= doc[r.start].idx < e for s, e in quoted)}
        if len(subjects) != 1:
            return None
        actor = next(iter(subjects.values()))
        if title is not None and not _holds_title(actor, lemma):
            return None
        return actor

    def _described(self, doc: Doc, tok: Token, start: int, end: int, noun: Noun,
                   actors: dict[str, Actor], covered: dict[int, Actor]) -> Actor | None:
        """A new described actor, or the one described the same way before.

        "the officials", "the spokesman" point back to officials or a spokesman
        described before; a definite person never described before ("the
        spokesman" of a named office) is left alone.
        """
        words = list(doc[start:end])
        while len(words) > 1 and words[0].lower_ in LEADING and words[0].i != tok.i:
            words.pop(0)
        name = doc[words[0].i:end].text
        key = "described:" + normalize(name)
        if key in actors:
            return actors[key]
        plural = _plural(tok) or any(c.dep_ == "conj" for c in tok.children)
        inside = [covered[i] for i in range(start, end) if i in covered and covered[i].kind != "person"]
        if _definite(tok) and len(words) == 1 or noun.kind == "person" and not plural and _definite(tok):
            head = normalize(tok.text)
            earlier = next((a for a in reversed(list(actors.values())) if a.key.startswith("described:")
                            and normalize(a.name).split()[-1] == head), None)
            # "the Moldovan prime minister said": an office its country names is one person
            # an analyst can code, though the article never names them
            national = noun.kind == "person" and len(words) > 1 and self._is_speaker(tok) and \
                any(a.kind == "country" for a in inside)
            if earlier is not None or not national:
                return earlier
        kind = noun.kind if noun.kind == "group" or not plural else "group"
        actor = Actor(id="", kind=kind, name=name, key=key, sector=noun.sector)
        owner = next((covered[i] for i in range(start, end) if i in covered and covered[i].kind != "person"
                      and _possessive(doc[i])), None)
        if owner is not None and kind == "person":  # "the UN's Syria envoy": the UN's, of no country
            actor.country = owner.country
        else:
            actor.country = next((a.country for a in inside if a.country), None)
        if kind == "person":  # "a Pentagon spokesman": a spokesman of the Pentagon
            of = next((a for a in inside if a.kind in ACTOR_KINDS), None)
            title, first = tok.lemma_.lower(), tok
            before = [w for w in tok.lefts if w.dep_ in ("compound", "amod") and w.is_lower]
            if before and " ".join([w.lower_ for w in before] + [title]) in self.lex.titles:
                title, first = " ".join([w.lower_ for w in before] + [title]), before[0]  # "prime minister"
            actor.add_role(RoleFact(title, of.name if of else None, actor.country, "text",
                                    first.idx, tok.idx + len(tok)))
        actors[key] = actor
        return actor


def _possessive(word: Token) -> bool:
    """ "Moldova's", "the UN's": a name followed by the possessive mark (however the parse hangs it)."""
    following = word.nbor(1) if word.i + 1 < len(word.doc) else None
    return following is not None and following.tag_ == "POS"


def _holds_title(actor: Actor, lemma: str) -> bool:
    """Whether the text or the knowledge base gives the person a title with this word."""
    titles = [role.title for role in actor.roles] + [o.title or o.office for o in (actor.kb.offices if actor.kb else [])]
    return any(lemma in (title or "").lower().split() for title in titles)


def _phrase(tok: Token) -> tuple[int, int]:
    """The noun phrase of a head: without relative clauses, appositions and punctuation."""
    keep = {tok.i}
    stack = [tok]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ in SKIP_DEPS and not (child.dep_ == "punct" and child.text in ("-", "–")):
                continue
            if child.dep_ == "case" and current.i == tok.i:
                continue  # "the ministry's": the owner of a proxy, without its "'s"
            if child.dep_ in ("conj", "cc") and current.i == tok.i and child.pos_ not in ("NOUN", "CCONJ"):
                continue  # "experts and officials" is one group; "police and Jane Doe" are two actors
            keep.add(child.i)
            stack.append(child)
    lo = hi = tok.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    doc = tok.doc
    counted = [k for k in range(lo, tok.i) if doc[k].like_num]
    if counted:  # "at least two residents": the count is the quantities stage's, the actor is "residents"
        lo = counted[-1] + 1
    return lo, hi + 1


def _common_noun(tok: Token) -> bool:
    """A common noun, or one the tagger took for a name: "the paramedics union", "Police said"."""
    return tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and (tok.text.islower() or tok.is_sent_start)


def _record(doc: Doc, actor: Actor, start: int, tok: Token, form: str, covered: dict[int, Actor],
            found: list) -> None:
    """Add the mention of ``actor`` that ends at ``tok`` and mark its words as read."""
    start, end = _mention(doc, start, tok)
    span = doc[start:end]
    actor.add(Mention(span.start_char, span.end_char, span.text, form))
    covered.update((i, actor) for i in range(start, end))
    found.append((actor, start, end))


def _mention(doc: Doc, start: int, tok: Token) -> tuple[int, int]:
    """The words of a description that mention it: the head and the lower-case words before it.

    Names around it stay the other stages' to read ("European ministers", "officials in
    Kyiv", "a Pentagon spokesman"); the entity's name keeps the whole phrase.
    """
    lo = tok.i
    while lo > start and not doc[lo - 1].text[:1].isupper():
        lo -= 1
    return lo, tok.i + 1


def _definite(tok: Token) -> bool:
    """ "the ministry", "that official", "Turkey's president", "his aide": a reference to a known one."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
               or c.dep_ in ("poss", "nmod") and any(g.dep_ == "case" for g in c.children) for c in tok.children)


def _raising(verb: Token) -> bool:
    """ "members alleged to have been involved", "a man said to be": a report about the subject,
    by someone else (the parse takes the participle for an active verb)."""
    return verb.tag_ == "VBN" and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
                                      for c in verb.children)


def _plural(tok: Token) -> bool:
    """ "officials", "authorities"; not "police", which the tagger may call plural but is one body."""
    return tok.tag_ in ("NNS", "NNPS") and tok.lower_ != tok.lemma_.lower()


def _named_beside(tok: Token) -> bool:
    """ "the defence secretary, Jane Doe,": the apposition names the actor."""
    return any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in tok.children)


def _acts_for_a_body(tok: Token, noun: Noun) -> bool:
    """Outside speech, a body ("police arrested", "by the ministry") or its officials ("officials
    confirmed") is an actor; one person or a bystander ("residents fled") is not."""
    if noun.kind == "organization":
        return True
    return noun.sector in OFFICIAL_SECTORS and _plural(tok) and tok.dep_ != "nsubjpass"


def _bare_definite(tok: Token, start: int, end: int) -> bool:
    """ "the company", "the agency": a reference back, with nothing in it that describes a new actor."""
    return _definite(tok) and tok.tag_ == "NN" and end - start == 2


def _is_agent(tok: Token) -> bool:
    return tok.dep_ == "pobj" and tok.head.dep_ == "agent"
