"""Speakers: from the head word of a cue's subject to an entity of the actors stage.

In order:
1. a name mention covering the head word ("Kellogg said");
2. a named apposition ("Trump's envoy, Keith Kellogg, said");
3. any other mention the actors stage resolved there: a description ("the
   mayor of Kremenchuk"), a pronoun ("he"), a demonym or metonym;
4. a proxy, who speaks for someone ("her office", "a spokesman for the
   ministry"): the speaker recorded is the one spoken for. Decision: the record
   names the principal (Meloni for "her office said"), because analysts ask
   "what did Meloni say"; ``speaker_text`` keeps "her office" and the
   confidence is lower;
5. an artifact ("a release from UFCW Local 832 said"): its author;
6. a pronoun the actors stage left open ("he" with two candidates), "it" or
   "the company": left open here ("pronoun-open", "org-open") and resolved by
   the continuation pass, which knows the previous statements;
7. a person's name inside the subject phrase ("Stella's owners Tore Sohlberg
   and ..."); an organisation inside it does not speak ("a Pentagon spokesman");
8. a proper name the actors stage knows from elsewhere in the article;
9. otherwise no entity: ``speaker_text`` holds the phrase ("officials").

A one-word name that begins exactly one longer name of the same kind in the
article is that actor ("Hua" after "Hua Chunying", "Suncor" after "Suncor
Energy"): the actors stage joins a lone word to the name it ends, not to the
one it begins, so the quote names the fuller entity (``fuller``).
"""

from __future__ import annotations

import unicodedata

from spacy.tokens import Token

from .context import DocContext, MentionRef
from .items import Speaker
from .lexicon import QuoteLexicon

ANY = "any"
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
NP_SKIP = frozenset({"appos", "relcl", "acl", "punct", "advcl", "parataxis", "ccomp", "xcomp"})
NOT_SPEAKERS = frozenset({"this", "that", "these", "those", "what", "which", "there"})
HYPHENS = frozenset({"-", "–"})
OWNER_PREPOSITIONS = frozenset({"for", "of", "from", "by"})
NAMED_KINDS = frozenset({"person", "organization"})  # a part of whose name may stand for the whole
SPEAKING_KINDS = frozenset({"person", "organization", "country", "group", "media", "platform", "place"})


class SpeakerResolver:
    def __init__(self, ctx: DocContext, lex: QuoteLexicon):
        self.ctx = ctx
        self.lex = lex
        self._cache: dict[int, Speaker] = {}
        self.fuller = _fuller_names(ctx.actors.values())

    def resolve(self, head: int | None) -> Speaker:
        if head is None:
            return Speaker(None, None, "none")
        if head not in self._cache:
            self._cache[head] = self._resolve(self.ctx.doc[head], depth=0)
        return self._cache[head]

    # -- the steps -----------------------------------------------------------------
    def _resolve(self, tok: Token, depth: int) -> Speaker:
        ctx = self.ctx
        if tok.lower_ in NOT_SPEAKERS or tok.ent_type_ in ("DATE", "TIME"):
            return Speaker(None, None, "none")  # "This suggests ...", "The past year suggests ..."
        phrase = self._phrase(tok)
        ref = self._speaking_mention(tok.idx)
        if ref is not None and ref.form == "name" and ref.actor.kind == "person":
            return _from_ref(ref, "name")
        for child in tok.children:  # "a red-state Democrat, Senator Jane Doe, said": the person named
            if child.dep_ == "appos":
                named = self._speaking_mention(child.idx)
                if named is not None and named.form == "name" and named.actor.kind == "person":
                    return _from_ref(named, "name")
        if ref is not None and ref.form == "name":
            return _from_ref(ref, "name")
        start, end = phrase
        text = ctx.text[start:end]
        if ref is not None and ref.form == "description":  # "Local officials": the words of the subject
            return Speaker(ref.actor.id, text, "descriptive", start, end)
        if ref is not None:
            how = {"nominal": "nominal", "pronoun": "pronoun"}.get(ref.form, "name")
            return _from_ref(ref, how)
        if depth == 0 and (self._is_proxy(tok) or self._is_artifact(tok)):
            owner = self._owner(tok)
            if owner is not None:
                inner = self._resolve(owner, depth + 1)
                if inner.entity is not None:
                    how = "proxy" if self._is_proxy(tok) else "artifact"
                    return Speaker(inner.entity, text, how, start, end)
                if inner.how in ("pronoun-open", "org-open"):  # "her statement": resolved with "her"
                    return Speaker(None, text, inner.how, start, end)
            if self._is_artifact(tok):
                author = self._earlier_author(tok)
                if author is not None:
                    return Speaker(author, text, "artifact", start, end)
        if tok.lower_ in PRONOUN_GENDER:
            return Speaker(None, tok.text, "pronoun-open", tok.idx, tok.idx + len(tok))
        if tok.lower_ == "it" or self._is_org_reference(tok):
            return Speaker(None, text, "org-open", start, end)
        if tok.lower_ == "they":
            return Speaker(None, text, "group-open", start, end)
        inside = [r for r in ctx.mentions_between(start, end) if r.form == "name"
                  and r.actor.kind == "person" and self._in_core(tok, r.start)
                  and not (r.end <= tok.idx and tok.tag_ == "NNS")]
        if inside:  # an organisation named inside ("a Pentagon spokesman") does not speak, nor
            # a name that only qualifies people ("Trump supporters")
            return _from_ref(inside[0], "name")
        named = self._same_name(tok)
        if named is not None:
            return Speaker(named.id, text, "name", start, end)
        return Speaker(None, text, "descriptive", start, end)

    def _same_name(self, tok: Token):
        """A proper name the actors stage missed here but knows elsewhere ("Later Olena Bondar wrote")."""
        if tok.pos_ != "PROPN" and not (tok.text[:1].isupper() and not tok.is_sent_start):
            return None  # a name, or a capitalised word the tagger did not take for one
        words = [c.text for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
        words.append(tok.text)
        words = [_visible(w) for w in words]  # "Traeger\u200b": a zero-width space pasted from the web
        name = " ".join(words).lower()
        found, partial = [], []
        last = words[-1].lower()
        for actor in self.ctx.actors.values():
            forms = {actor.name.lower(), *(m.text.lower() for m in actor.mentions if m.form == "name")}
            own = actor.name.lower().split()
            if name in forms or (actor.kind == "person" and len(words) > 1 and own[-1] == last
                                 and own[0] == words[0].lower()):
                found.append(actor)
            elif actor.kind in NAMED_KINDS and own[-1] == last and (len(own) > 1) != (len(words) > 1) \
                    and not actor.key.startswith("described:"):
                partial.append(actor)  # "Poulter" after "Ian Poulter"; "Ann Baxter" where "Baxter" stood alone
            elif actor.kind == "organization" and len(words) == 1 and len(own) > 1 and own[0] == last:
                partial.append(actor)  # "Norvath" after "Norvath Energy"
        if not found and len(partial) == 1:
            return partial[0]
        return found[0] if len(found) == 1 else None

    def _speaking_mention(self, char: int) -> MentionRef | None:
        ref = self.ctx.mention_at(char)
        if ref is None or ref.actor.kind not in SPEAKING_KINDS:
            return None
        return ref

    def _phrase(self, tok: Token) -> tuple[int, int]:
        """The subject's noun phrase: without relative clauses, appositions and punctuation."""
        keep = {tok.i}
        stack = [tok]
        while stack:
            current = stack.pop()
            for child in current.children:
                hyphen = child.dep_ == "punct" and child.text in HYPHENS  # "26-year-old", "Calgary-based"
                if child.dep_ in NP_SKIP and not hyphen or self.ctx.in_quote(child):
                    continue
                keep.add(child.i)
                stack.append(child)
        lo = hi = tok.i
        while lo - 1 in keep:
            lo -= 1
        while hi + 1 in keep:
            hi += 1
        doc = self.ctx.doc
        return doc[lo].idx, doc[hi].idx + len(doc[hi])

    def _in_core(self, head: Token, char: int) -> bool:
        """Is ``char`` in the head's own name part, not inside a prepositional phrase ("mayor of X")?"""
        for child in head.children:
            if child.dep_ == "prep" and child.left_edge.idx <= char <= child.right_edge.idx:
                return False
        return True

    def _is_proxy(self, tok: Token) -> bool:
        words = [c.lower_ for c in tok.children if c.dep_ == "compound" and c.i < tok.i] + [tok.lemma_.lower()]
        return tok.lemma_.lower() in self.lex.proxies or " ".join(words[-2:]) in self.lex.proxies

    def _is_org_reference(self, tok: Token) -> bool:
        """ "the company", "the security firm": a definite singular organisation noun, nothing naming it.

        "the Kurdish authorities" describes a body rather than referring back to one named before.
        """
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.lemma_.lower() not in self.lex.org_nouns:
            return False
        left = [c for c in tok.children if c.i < tok.i]
        return any(c.lower_ == "the" for c in left) and all(c.dep_ in ("det", "compound") for c in left)

    def _is_artifact(self, tok: Token) -> bool:
        lemma = tok.lemma_.lower()
        return tok.pos_ == "NOUN" and ((lemma,) in self.lex.channels or lemma in self.lex.artifacts)

    def _earlier_author(self, tok: Token) -> str | None:
        """ "the study said" after "Civic Action released a study" or "the Civic Action study":
        the author of the last earlier mention of the same document noun."""
        lemma = tok.lemma_.lower()
        for earlier in reversed(self.ctx.doc[:tok.i]):
            if earlier.lemma_.lower() != lemma or earlier.pos_ != "NOUN" or self.ctx.in_quote(earlier):
                continue
            owner = self._owner(earlier)
            if owner is not None:
                inner = self._resolve(owner, depth=1)
                if inner.entity is not None:
                    return inner.entity
            verb = earlier.head.head if earlier.dep_ == "pobj" else earlier.head
            if earlier.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB":
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                ref = self._speaking_mention(subject.idx) if subject is not None else None
                if ref is not None:
                    return ref.actor.id
        return None

    def _owner(self, tok: Token) -> Token | None:
        """Whom a proxy or an artifact belongs to: "her office", "a statement from the ministry".

        An artifact's author may also be a name before it ("the RCMP statement");
        a proxy's may not ("a Pentagon spokesman" names no one who spoke).
        """
        for child in tok.children:
            if child.dep_ == "poss":
                return child
        if self._is_artifact(tok):
            for child in tok.children:
                if child.dep_ == "compound" and child.pos_ == "PROPN":
                    return child
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in OWNER_PREPOSITIONS:
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
            if child.dep_ == "acl":  # "a release sent to media from UFCW"
                for grand in child.children:
                    if grand.dep_ in ("prep", "agent") and grand.lower_ in OWNER_PREPOSITIONS:
                        obj = next((c for c in grand.children if c.dep_ == "pobj"), None)
                        if obj is not None:
                            return obj
        return None

    def recent(self, char: int, window: int, kinds: tuple[str, ...], gender: str | None = ANY,
               names_only: bool = False):
        """The most recent actor of these kinds mentioned outside quotes, ``window`` paragraphs back.

        A person must have the ``gender`` asked for ("m", "f", None for unknown,
        ``ANY`` for any); ``names_only`` skips pronouns and descriptions.
        """
        ctx = self.ctx
        here = ctx.paragraph_at(char)
        for ref in reversed(ctx.mentions):
            if ref.start >= char:
                continue
            if here - ctx.paragraph_at(ref.start) > window:
                break
            actor = ref.actor
            if actor.kind not in kinds or ctx.quote_at(ref.start) is not None or ctx.in_caption(ref.start):
                continue
            if names_only and ref.form != "name":
                continue
            if actor.kind == "person" and gender != ANY and getattr(actor, "gender", None) != gender:
                continue
            return actor
        return None


def _fuller_names(actors) -> dict[str, str]:
    """Entity id of a one-word name -> the entity whose longer name it begins, when only one does,
    or for a person the one whose name it ends ("Wilson-Raybould" after "Jody Wilson-Raybould").

    Names that nest ("Samsung Electronics", "Samsung Electronics Co.") count as one, the longest.
    """
    named = [a for a in actors if a.kind in NAMED_KINDS and not a.key.startswith("described:")]
    longer: dict[tuple[str, str], list] = {}
    for actor in named:
        words = tuple(actor.name.lower().split())
        if len(words) > 1:
            longer.setdefault((actor.kind, words[0]), []).append(words)
            if actor.kind == "person":
                longer.setdefault((actor.kind, words[-1]), []).append(words)
    by_words = {(a.kind, tuple(a.name.lower().split())): a for a in named}
    fuller = {}
    for actor in named:
        words = actor.name.lower().split()
        if len(words) > 1:
            continue
        options = set(longer.get((actor.kind, words[0]), ()))
        if not options and actor.kind == "person":  # "Kestrel" the model took for a person: "Kestrel Mining"
            options = {o for o in longer.get(("organization", words[0]), ())}
            kind = "organization"
        else:
            kind = actor.kind
        if not options:
            continue
        longest = max(options, key=len)
        if all(longest[:len(o)] == o for o in options):
            fuller[actor.id] = by_words[(kind, longest)].id
    return fuller


def _visible(word: str) -> str:
    return "".join(ch for ch in word if unicodedata.category(ch) != "Cf")


def _from_ref(ref: MentionRef, how: str) -> Speaker:
    return Speaker(ref.actor.id, ref.text, how, ref.start, ref.end)
