"""Cues: the words that attribute a statement ("said", "wrote", "according to").

For each cue outside quotation marks the dependency parse gives

- its subject, the speaker's head word (inherited from the governing verb for
  "..., adding that ..."; the antecedent for "who said");
- its content: a quotation right next to it ('"...," he said', 'said: "..."'),
  else the clausal complement ("said [that] X", "said in a statement that
  X"), an infinitive for requests and promises ("urged Kyiv to accept"), the
  main clause around a parenthetical cue ("The issues, Kellogg said, were
  ...") or the clause that "according to X" modifies;
- its region: the cue and its adjuncts ("on Telegram", "on December 7",
  "Speaking at the forum"), where channel and date are read.

Only the outermost attributions are kept: a cue inside another cue's content
is part of what was said (PolNeAR's rule; "her office said" owns "pledged").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ...textspans import Quotation
from .context import DocContext
from .lexicon import QuoteLexicon

CONTENT_DEPS = ("ccomp",)
INFINITIVE_CLASSES = ("request", "promise")
REGION_DEPS = frozenset({"prep", "agent", "dative", "dobj", "npadvmod", "advmod", "obl", "tmod"})
SUBJECT_DEPS = ("nsubj",)
INHERIT_DEPS = ("advcl", "xcomp", "conj", "pcomp")
NEIGHBOUR_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
VERB_GROUP = frozenset({"AUX", "VERB", "ADP", "ADV", "PART"})
EDGE_WORDS = frozenset({"that", ",", ";", ":", ".", "--", "—", "–", "-"})


@dataclass
class Cue:
    i: int  # token index of the cue word
    words: str  # as written: "said", "according to"
    cls: str  # speak, write, continue, request, promise, source ("according to")
    subject: int | None  # token index of the speaker's head word
    content: tuple[int, int] | None  # character span of the content, None when it has none
    region: list[int] = field(default_factory=list)  # token indices of the attribution clause
    parent: int | None = None  # the cue this one hangs from ("adding" -> "wrote")
    quoted: bool = False  # the content is (mostly) inside quotation marks


def find_cues(ctx: DocContext, lex: QuoteLexicon) -> list[Cue]:
    doc = ctx.doc
    cues: dict[int, Cue] = {}
    for tok in doc:
        if ctx.in_quote(tok):
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            cue = _according(ctx, tok)
        else:
            cls = lex.cue_class(tok.lemma_)
            if cls is None or tok.pos_ != "VERB" or ctx.in_label(tok.idx):
                continue  # "Article Continued Below": a page label, no one speaks
            subject = _subject(tok)
            content = _content(ctx, tok, cls)
            adjacent = _adjacent_quotation(ctx, tok, subject)
            if subject is None and adjacent is not None:
                subject = _neighbour_subject(tok)
            passive = any(c.dep_ == "auxpass" for c in tok.children)  # "was described as ...": unnamed speaker
            if adjacent is None and (subject is None and not passive or cls == "resume"):
                continue  # "READ MORE", "Story continues below": no one speaks
            if adjacent is not None and (content is None or content[0] < tok.idx or
                                         content[0] < adjacent.end and adjacent.start < content[1]):
                content = (adjacent.start, adjacent.end)  # unless the cue has its own clause after it
            cue = Cue(tok.i, tok.text, cls, subject, content)
        if cue is None:
            continue
        cue.region = _region(ctx, doc[cue.i], lex)
        if cue.content is not None:
            cue.quoted = ctx.quoted_share(*cue.content) >= 0.6
            lo, hi = cue.content  # what was said is never where or when it was said
            cue.region = [i for i in cue.region if not lo <= doc[i].idx < hi]
        cues[cue.i] = cue
    for cue in cues.values():
        head = doc[cue.i].head
        if doc[cue.i].dep_ in INHERIT_DEPS and head.i in cues:
            cue.parent = head.i
    return _outermost(ctx, cues)


def _according(ctx: DocContext, tok: Token) -> Cue | None:
    to = ctx.doc[tok.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    clause = tok.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    if clause.i == tok.i or ctx.in_quote(clause):
        return Cue(tok.i, "according to", "source", source.i, None)  # '"...," according to X'
    outside = [(tok.left_edge.i, tok.right_edge.i)]
    for child in clause.children:  # "..., according to X, but Y says ...": not the coordinated clause
        if child.dep_ in ("conj", "cc") and child.i > tok.i:
            outside.append((child.left_edge.i, child.right_edge.i))
    tokens = [t for t in clause.subtree if not any(lo <= t.i <= hi for lo, hi in outside)]
    return Cue(tok.i, "according to", "source", source.i, _trim(tokens))


def colon_cue(ctx: DocContext, frame: list[Token]) -> Cue | None:
    """ 'Martell is more blunt: "..."': the subject of the clause a colon ends, without a cue word."""
    inside = {t.i for t in frame}
    heads = [t for t in frame if t.head.i not in inside or t.dep_ == "ROOT"]
    verbs = [t for t in heads if t.pos_ in ("VERB", "AUX")]
    for verb in verbs:
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i in inside), None)
        if subject is not None:
            return Cue(frame[0].i, "", "colon", subject.i, None)
    return None


def _adjacent_quotation(ctx: DocContext, tok: Token, subject: int | None) -> Quotation | None:
    """The quotation right after 'he said, ' / 'said: ', or right before '..., he said' / '..., said X'.

    Such a quotation is the cue's content whatever the parse says: the small
    model often attaches a quotation next to its cue to some other clause.
    """
    doc, text = ctx.doc, ctx.text
    after = tok.i + 1
    if after < len(doc) and doc[after].text in (",", ":"):
        after += 1
    if after < len(doc):
        k = ctx.token_quote[after]
        if k is not None and ctx.quotes[k].start - 1 == doc[after].idx:
            return ctx.quotes[k]
    first = tok.i
    if subject is not None and subject < tok.i and all(  # "he said", "he was quoted as saying"
            doc[k].pos_ in VERB_GROUP for k in range(subject + 1, tok.i)):
        first = doc[subject].left_edge.i
    at = doc[first].idx
    while at > 0 and text[at - 1].isspace():
        at -= 1
    if at > 0 and text[at - 1] == ",":  # '”, he said' (British order)
        at -= 1
    if at > 0:
        k = ctx.quote_at(at - 1)
        if k is not None and ctx.quotes[k].closed and ctx.quotes[k].end == at - 1:
            return ctx.quotes[k]
    return None


def _subject(tok: Token, depth: int = 0) -> int | None:
    if tok.lemma_ == "quote":  # "he was quoted as saying", "the paper quoted him as saying"
        for child in tok.children:
            if child.dep_ in ("nsubjpass", "dobj"):
                return child.i
    for child in tok.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                return tok.head.i
            return child.i if child.text[:1].isalnum() else None  # not a stray "’s" the parser made a subject
        if child.dep_ == "nsubjpass":
            return None  # "he was told": the subject is the one spoken to
    if depth < 3 and tok.dep_ in INHERIT_DEPS and tok.head.i != tok.i:
        head = tok.head
        if tok.dep_ == "pcomp" and head.dep_ == "prep":  # "quoted as saying": through the preposition
            head = head.head
        return _subject(head, depth + 1)
    return None


def _neighbour_subject(tok: Token) -> int | None:
    """A parse that lost the subject next to a quotation: '"...," DeBoer said of ...', '"...," said Traeger'."""
    doc = tok.doc
    for k in (tok.i - 1, tok.i + 1):
        if 0 <= k < len(doc) and (doc[k].pos_ == "PROPN" or doc[k].lower_ in NEIGHBOUR_PRONOUNS):
            return k
    return None


def _content(ctx: DocContext, tok: Token, cls: str) -> tuple[int, int] | None:
    deps = CONTENT_DEPS + (("xcomp",) if cls in INFINITIVE_CLASSES else ())
    parts = [child for child in tok.children if child.dep_ in deps]
    tokens: list[Token] = []
    for part in parts:
        tokens.extend(part.subtree)
    if not tokens:  # "said in a statement that ...": the parser hangs the clause on the noun
        for prep in (c for c in tok.children if c.dep_ == "prep"):
            for noun in (c for c in prep.children if c.dep_ == "pobj"):
                for clause in (c for c in noun.children if c.dep_ in ("acl", "ccomp")):
                    if any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
                        tokens.extend(clause.subtree)
    if not tokens and tok.dep_ == "parataxis" and not ctx.in_quote(tok.head):
        # "The two main issues, Kellogg said, were ...": the main clause is the content
        inner = (tok.left_edge.i, tok.right_edge.i)
        tokens = [t for t in tok.head.subtree if not inner[0] <= t.i <= inner[1]]
    return _trim(tokens) if tokens else None


def _trim(tokens: list[Token]) -> tuple[int, int] | None:
    """Character span of a content: without a leading "that" or punctuation, nor trailing punctuation."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].lower_ in EDGE_WORDS or tokens[0].is_space or
                      (tokens[0].is_punct and not tokens[0].is_quote)):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct and not tokens[-1].is_quote or tokens[-1].is_space):
        tokens.pop()
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _region(ctx: DocContext, tok: Token, lex: QuoteLexicon) -> list[int]:
    """The cue and its adjuncts: where channel and date are read."""
    region = [tok.i]
    for child in tok.children:
        take = child.dep_ in REGION_DEPS
        if child.dep_ == "advcl":  # "Speaking at the forum on December 7, Kellogg said"
            take = lex.is_occasion(child.lemma_)
        if child.lower_ == "to" and tok.lower_ == "according":
            take = True
        if take:
            region.extend(t.i for t in child.subtree if not ctx.in_quote(t))
    return sorted(set(region))


def _outermost(ctx: DocContext, cues: dict[int, Cue]) -> list[Cue]:
    """Drop cues that lie inside another cue's content: only the outermost attribution counts."""
    spans = [(c.content, c.i) for c in cues.values() if c.content is not None]
    kept = []
    for cue in cues.values():
        at = ctx.doc[cue.i].idx
        if any(span[0] <= at < span[1] and owner != cue.i for span, owner in spans):
            continue
        kept.append(cue)
    return sorted(kept, key=lambda c: c.i)
