"""Who gives an order or a promise, to whom, and what it is, read from the parse.

The anchor of a sentence is its strongest trigger: an order or promise verb, else the verb a
modal governs, else an order or promise noun, else the root. The speaker is the subject (or
the passive's agent) of the anchor or of a verb above it ("The government will allocate …,
Mishustin said": the government is a body, so the search goes up to "said"); else whoever a
reporting verb or "according to" names; else the speaker of the quotation the sentence is in;
else the person the article is about so far (a readout's "It was instructed to …")."""

from __future__ import annotations

from dataclasses import dataclass

from . import lexicon
from .discourse import BODY, PARTY, PERSON, Entity, Mention

_SUBJECTS = frozenset(("nsubj", "csubj", "expl"))
_CLAUSES = frozenset(("relcl", "acl", "xcomp", "ccomp", "advcl", "conj", "cc", "parataxis", "punct", "mark", "prep"))
_OBJECTS_OF_ORDERS = frozenset(("dobj", "dative", "iobj"))
_OBLIGATIONS = frozenset(("must", "should", "shall", "is to", "need", "ought"))
_PHRASE_ENDS = frozenset(("relcl", "acl", "xcomp", "ccomp", "advcl", "aux"))
_NOUN_PREPOSITIONS = frozenset(("of", "for", "under", "in", "at"))


@dataclass
class Anchor:
    token: object  # the spaCy Token
    kind: str  # "dverb" | "pverb" | "modal" | "dnoun" | "pnoun" | "root"
    modal: str | None = None


@dataclass
class Party:
    """Someone an attribution names: as written, and who that is."""

    text: str
    entity: Entity | None
    how: str  # "subject" | "agent" | "report" | "quote" | "context" | "object" | "first person"


def lemma(token) -> str:
    return lexicon.lemma_of(token.lower_)


def is_passive(verb) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def modal_of(verb) -> str | None:
    """The modal a verb carries: "will build" → will; "have to pay", "need to act" → must; "is to go" → is to.
    A "have", "need" or "going" followed by "to …" carries none: the verb after it does."""
    if verb.lower_ in ("have", "has", "had", "need", "needs", "going") and any(
        c.dep_ == "xcomp" for c in verb.children
    ):
        return None
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.tag_ == "MD":
            return {"'ll": "will", "wo": "will", "ca": "can", "'d": "would"}.get(child.lower_, child.lower_)
        if (
            child.dep_ == "aux"
            and child.lower_ == "to"
            and verb.head.lower_ in ("going", "have", "has", "had", "need", "needs")
        ):
            return "must" if verb.head.lower_ != "going" else "will"
    if verb.dep_ == "xcomp" and verb.head.lower_ in ("is", "are", "was", "were", "be"):
        return "is to"  # "The ministry is to submit …"
    return None


def anchor_of(doc) -> Anchor | None:
    """The strongest trigger of a sentence, nearest the root on ties."""
    best, best_rank = None, None
    for token in doc:
        word = lemma(token)
        verb = token.tag_.startswith("VB")
        if verb and word in lexicon.DIRECTIVE_VERBS and _order_frame(token):
            kind, rank = "dverb", 0
        elif verb and word in lexicon.PROMISE_VERBS:
            kind, rank = "pverb", 1
        elif verb and modal_of(token):
            kind, rank = "modal", 2
        elif token.tag_.startswith("NN") and token.lower_ in lexicon.NEED_NOUNS and token.dep_ in ("dobj", "pobj"):
            kind, rank = "need", 3
        elif token.tag_.startswith("NN") and word in lexicon.DIRECTIVE_NOUNS:
            kind, rank = "dnoun", 3
        elif token.tag_.startswith("NN") and word in lexicon.PROMISE_NOUNS:
            kind, rank = "pnoun", 4
        else:
            continue
        key = (rank, _depth(token))
        if best_rank is None or key < best_rank:
            best, best_rank = Anchor(token, kind, modal_of(token) if kind == "modal" else None), key
    if best is None:
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        return Anchor(root, "root") if root is not None else None
    return best


def negated_trigger(anchor: Anchor | None) -> bool:
    """An order or a pledge the sentence negates ("did not instruct", "has never promised") or
    denies ("denied that the government would …") is none, whatever the model says: the corpora
    hold too few to learn it. A negated action is still one ("pledged not to raise taxes",
    "will not raise VAT")."""
    if anchor is None:
        return False
    token = anchor.token
    if anchor.kind in ("dverb", "pverb") and any(c.dep_ == "neg" for c in token.children):
        return True
    for _ in range(8):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.lower_ in lexicon.DENIALS:
            return True
    return False


def _order_frame(verb) -> bool:
    """Whether a verb of ordering is used to order: "instructed X to", "called on X", "ordered the
    setting up of", "was tasked to", "directed that …" — not "told reporters that", "asked why",
    "was told that"."""
    word = lemma(verb)
    deps = {c.dep_ for c in verb.children}
    if deps & {"xcomp", "dative"}:
        return True
    if word in ("call", "urge", "appeal", "ask") and any(
        c.dep_ == "prep" and c.lower_ in ("on", "upon", "for", "to") for c in verb.children
    ):
        return True
    return word in lexicon.STRONG_DIRECTIVE_VERBS and (is_passive(verb) or bool(deps & {"ccomp", "dobj"}))


def _depth(token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def subject_of(verb):
    """The subject of a verb, or of the verb it hangs from when it has none ("plans to build")."""
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                return child
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
            verb = verb.head
        else:
            return None
    return None


def agent_of(verb):
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def mention_in(token, mentions: list[Mention], kinds=(PERSON, PARTY, BODY)) -> Mention | None:
    """The mention a noun phrase holds: the one at its head, else the first person, party or body in it."""
    if token is None:
        return None
    span = _phrase(token)
    inside = [m for m in mentions if m.start < span[1] and m.end > span[0] and m.entity is not None]
    for m in inside:
        if m.start <= token.i < m.end and m.entity.kind in kinds:
            return m
    for kind in kinds:
        for m in inside:
            if m.entity.kind == kind:
                return m
    return None


def _phrase(token) -> tuple[int, int]:
    """Token offsets of a noun phrase: the head with its modifiers, appositions and "of" phrases,
    up to the first clause that hangs from it ("the authorities concerned | to expedite …")."""
    start, end = token.left_edge.i, token.right_edge.i + 1
    for t in token.subtree:
        if t.i > token.i and (t.dep_ in _PHRASE_ENDS or t.dep_ == "prep" and t.lower_ not in _NOUN_PREPOSITIONS):
            end = min(end, t.left_edge.i)
    return start, max(end, token.i + 1)


def phrase_text(token) -> str:
    start, end = _phrase(token)
    doc = token.doc
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    return doc[start:end].text


def reporter(doc, mentions: list[Mention]) -> Party | None:
    """Whom the sentence quotes or reports: "…, he said", "said the Prime Minister", "according to X",
    "…, Mr Fadnavis said, quoting the Prime Minister" (the one quoted)."""
    for token in doc:
        if token.lower_ in ("quoting", "citing"):
            obj = next((c for c in token.children if c.dep_ == "dobj"), None)
            m = mention_in(obj, mentions, (PERSON, PARTY))
            if m is not None:
                return Party(m.text, m.entity, "report")
    for token in doc:
        if lemma(token) in lexicon.REPORT_VERBS and token.tag_.startswith("VB") and not is_passive(token):
            m = mention_in(subject_of(token), mentions, (PERSON, PARTY))
            if m is not None:
                return Party(m.text, m.entity, "report")
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            obj = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            m = mention_in(obj, mentions, (PERSON, PARTY))
            if m is not None:
                return Party(m.text, m.entity, "report")
    return None


def speaker(
    doc,
    mentions: list[Mention],
    anchor: Anchor | None,
    *,
    quote_speaker: Party | None,
    principal: Entity | None,
    reported: Party | None = None,
) -> Party | None:
    """Who gives the order or the promise (see the module's docstring for the order of the search)."""
    verb = anchor.token if anchor is not None else None
    # "The party should …", "Regions must …": whoever must act is told to, not the one telling.
    obliged = subject_of(verb) if anchor is not None and anchor.modal in _OBLIGATIONS else None
    while verb is not None:
        agent = agent_of(verb) if is_passive(verb) else None
        if agent is not None:
            m = mention_in(agent, mentions, (PERSON, PARTY))
            if m is not None:
                return Party(m.text, m.entity, "agent")
        subject = None if is_passive(verb) else subject_of(verb)
        if subject is not None:
            if subject.lower_ in lexicon.FIRST_SINGULAR | lexicon.FIRST_PLURAL:
                return _first_person(subject, reported or quote_speaker, principal)
            m = mention_in(subject, mentions, (PERSON, PARTY))
            if m is not None and not (obliged is not None and subject.i == obliged.i):
                return Party(m.text, m.entity, "subject")
        if verb.head.i == verb.i:
            break
        verb = verb.head
    found = reported
    if found is not None:
        return found
    if quote_speaker is not None:
        return Party(quote_speaker.text, quote_speaker.entity, "quote")
    if principal is not None:
        return Party(principal.display, principal, "context")
    return None


def _first_person(token, quote_speaker: Party | None, principal: Entity | None) -> Party | None:
    if quote_speaker is not None:
        return Party(token.text, quote_speaker.entity, "first person")
    if principal is not None:
        return Party(token.text, principal, "first person")
    return None


def addressee(doc, mentions: list[Mention], anchor: Anchor | None, speaker_entity: Entity | None) -> Party | None:
    """Whom an order goes to: the object of an order that says what to do ("instructed the akims to"),
    "called on X", "gave instructions to X", the subject of a passive order ("The ministry was tasked")
    or of an obligation ("The party should …"). Only someone who can act: a person, party or body
    the article names, a title, or a word for people or institutions ("officials", "the regions")."""
    if anchor is None:
        return None
    token = anchor.token
    verb = token.head if anchor.kind in ("dnoun", "pnoun", "need") else token
    children = list(verb.children) + (list(token.children) if token.i != verb.i else [])
    deps = {c.dep_ for c in verb.children}
    candidates = []
    if anchor.modal in _OBLIGATIONS:
        candidates += [c for c in children if c.dep_ in ("nsubj", "nsubjpass")]
    if anchor.kind in ("dverb", "dnoun"):
        candidates += [c for c in children if c.dep_ in ("dative", "iobj", "nsubjpass")]
        if is_passive(verb):  # "The Ministry was tasked …", its subject at times parsed as active, or the auxiliary's
            auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
            candidates += [c for t in [verb, *auxiliaries] for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        # "tasked the Government and local authorities to continue …", parsed at times as a clause
        # whose subject is the one told to act
        for clause in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and any(a.lower_ == "to" for a in c.children)):
            candidates += [c for c in clause.children if c.dep_ == "nsubj"]
        candidates += [c for c in children if c.dep_ == "dobj" and ("xcomp" in deps or lemma(verb) in _PEOPLE_VERBS)]
        for prep in (c for c in children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to")):
            candidates += [c for c in prep.children if c.dep_ == "pobj"]
    for candidate in candidates:
        if candidate.lower_ in lexicon.FIRST_SINGULAR | lexicon.FIRST_PLURAL | {"it", "this", "that", "which"}:
            continue
        m = mention_in(candidate, mentions)
        entity = m.entity if m is not None else None
        if entity is not None and entity is speaker_entity:
            continue
        if entity is not None or _can_act(candidate):
            return Party(phrase_text(candidate), entity, "object")
    return None


_PEOPLE_VERBS = frozenset(("tell", "ask", "urge", "call", "instruct", "task", "charge", "entrust", "oblige", "direct"))


def _can_act(token) -> bool:
    """A noun for someone who can act on an order: a title, an institution, people."""
    word = lemma(token)
    return (
        token.tag_ in ("PRP", "NNP", "NNPS")
        or bool(lexicon.title_of(token.text) or lexicon.title_of(word))
        or word in lexicon.GOVERNMENT_WORDS
        or token.lower_ in lexicon.PEOPLE_NOUNS
    )


def action(anchor: Anchor | None) -> str:
    """What is ordered or promised, as worded: the clause after the trigger."""
    if anchor is None:
        return ""
    token = anchor.token
    for child in token.children:
        if child.dep_ in ("xcomp", "ccomp") and child.i > token.i:
            return token.doc[child.left_edge.i : child.right_edge.i + 1].text
    if anchor.kind == "modal":
        start = token.i
        end = max(c.right_edge.i for c in token.rights) + 1 if list(token.rights) else token.i + 1
        return token.doc[start:end].text
    for child in token.children:
        if child.dep_ in ("dobj", "prep") and child.i > token.i:
            return token.doc[child.left_edge.i : child.right_edge.i + 1].text
    return ""
