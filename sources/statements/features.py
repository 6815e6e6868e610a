"""The features of a sentence: what the model weighs to decide whether it carries an order or
a promise, and which.

Every feature is a name with value 1 (a few are scaled to [0, 1]). The first group describes
the *frame* of the anchor (attribution.anchor_of): "X instructed Y to …", "Y was tasked to …",
"X pledged to …", "X said the government will …", "We will …", an item under a lead-in, with
its subject, voice, tense and negation; then what the action is (its verb, numbers, dates);
then the sentence around it (quotation, first person, a question, a denial, the past); the
speaker and addressee found; the list the sentence belongs to and its lead-in; the sentence
before; and the article as a whole."""

from __future__ import annotations

from . import lexicon
from .attribution import Anchor, Party, is_passive, lemma, modal_of, subject_of
from .discourse import PARTY, PERSON, Mention

_PAST_TAGS = frozenset(("VBD", "VBN"))
WORD_WEIGHT = 0.3  # a word's feature value: its weight is learned against the structure's, at a third of the scale
_CONTENT = frozenset(("xcomp", "ccomp", "acl", "advcl", "relcl"))


def subject_kind(token, mentions: list[Mention]) -> str:
    """What a subject is: a pronoun, a person (a head or not), a party, a body, a title, a noun, nothing."""
    if token is None:
        return "none"
    lower = token.lower_
    if lower in lexicon.FIRST_SINGULAR:
        return "i"
    if lower in lexicon.FIRST_PLURAL:
        return "we"
    if lower in lexicon.THIRD_PERSON:
        return "he"
    if lower in ("they", "it", "you"):
        return lower
    if lower in ("this", "that", "there", "which", "who", "what"):
        return "other"
    for m in mentions:
        if m.start <= token.i < m.end and m.entity is not None:
            if m.entity.kind == PERSON:
                return "head" if m.entity.is_head else "person"
            return m.entity.kind
    if lexicon.title_of(token.text):
        return "title"
    word = lemma(token)
    if word in lexicon.GOVERNMENT_WORDS:
        return "body"
    if word in lexicon.PARTY_WORDS:
        return "party"
    return "noun"


def cues(doc, mentions: list[Mention]) -> set[str]:
    """The trigger words, modals and frames of a sentence, as names (for its neighbours' features)."""
    out = set()
    for token in doc:
        word = lemma(token)
        if token.tag_.startswith("VB"):
            for family, name in (
                (lexicon.DIRECTIVE_VERBS, "dverb"),
                (lexicon.PROMISE_VERBS, "pverb"),
                (lexicon.REPORT_VERBS, "report"),
            ):
                if word in family:
                    out.add(name)
        elif token.tag_.startswith("NN"):
            if word in lexicon.DIRECTIVE_NOUNS:
                out.add("dnoun")
            if word in lexicon.PROMISE_NOUNS:
                out.add("pnoun")
        if token.tag_ == "MD":
            out.add("modal:" + (modal_of(token.head) or token.lower_))
        if lexicon.title_of(token.text) in lexicon.HEADS:
            out.add("head_title")
    if any(m.entity is not None and m.entity.kind == PARTY for m in mentions):
        out.add("party")
    if doc.text.rstrip().endswith(":"):
        out.add("colon")
    return out


def _frame(anchor: Anchor) -> str:
    """The shape of the anchor's clause, as one name."""
    token, kind = anchor.token, anchor.kind
    deps = {c.dep_ for c in token.children}
    preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
    if kind == "dverb":
        if is_passive(token):
            return "order:passive_to" if "xcomp" in deps else "order:passive"
        if deps & {"dobj", "dative"} and "xcomp" in deps:
            return "order:obj_to"
        if preps & {"on", "upon"}:
            return "order:on"
        if "xcomp" in deps:
            return "order:to"
        if "ccomp" in deps:
            return "order:that"
        return "order:obj" if "dobj" in deps else "order:bare"
    if kind == "pverb":
        if "xcomp" in deps:
            return "pledge:to"
        if "ccomp" in deps:
            return "pledge:that"
        return "pledge:obj" if "dobj" in deps else "pledge:bare"
    if kind == "need":  # "the need to protect spending", "the importance of cooperation"
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        to = (
            following is not None
            and following.lower_ == "to"
            or any(c.dep_ in ("acl", "relcl", "xcomp") for c in token.children)
        )
        return (
            "need:to"
            if to
            else "need:" + (following.lower_ if following is not None and following.dep_ == "prep" else "bare")
        )
    if kind in ("dnoun", "pnoun"):
        content = any(
            c.dep_ in _CONTENT or c.dep_ == "prep" and c.lower_ in ("on", "to", "for") for c in token.children
        )
        head = token.head
        if not content and head.i != token.i:
            content = any(c.dep_ in ("xcomp", "advcl") and c.i > token.i for c in head.children)
        return f"{kind}:{'content' if content else 'bare'}:{token.dep_}"
    if kind == "modal":
        return "modal:" + (anchor.modal or "")
    return "root"


def anchor_features(anchor: Anchor, mentions: list[Mention], f: dict) -> None:
    token, kind = anchor.token, anchor.kind
    frame = _frame(anchor)
    subject = None if is_passive(token) else subject_of(token)
    who = subject_kind(subject, mentions)
    f["a:" + kind] = 1
    f["frame:" + frame] = 1
    f[f"frame:{frame}:subj={who}"] = 1
    f[f"a:{kind}:{lemma(token)}"] = 1
    f[f"a:{kind}:dep={token.dep_}"] = 1
    tense = "past" if token.tag_ in _PAST_TAGS else "base" if token.tag_ in ("VB", "VBP", "VBZ") else token.tag_
    f[f"frame:{frame}:{tense}"] = 1
    for child in token.children:
        if child.dep_ == "neg":
            f["a:neg"] = 1
            f[f"frame:{frame}:neg"] = 1
        if child.dep_ == "aux" and child.lower_ in ("had",):
            f["a:pluperfect"] = 1
        if child.dep_ == "aux" and child.lower_ in ("have", "has") and anchor.modal:
            f["a:counterfactual"] = 1  # "would have won", "should have done"
        if child.dep_ == "agent":
            f["a:agent"] = 1
    head = token.head
    if head.i != token.i and lemma(head) in lexicon.REPORT_VERBS and head.tag_.startswith("VB"):
        f["a:reported"] = 1
        f[f"frame:{frame}:reported"] = 1
        f[f"frame:{frame}:reported_by={subject_kind(subject_of(head), mentions)}"] = 1
    if (
        head.i != token.i
        and head.lower_ in ("if", "unless")
        or any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children)
    ):
        f["a:conditional"] = 1
    action = _action_verb(anchor)
    if action is not None:
        f["act:" + action.lower_] = 1
        if action.tag_ in _PAST_TAGS and action.i != token.i:
            f["act:past"] = 1


def _action_verb(anchor: Anchor):
    """The verb of what is ordered or promised: "to *reverse* the situation", "will *allocate*"."""
    token = anchor.token
    if anchor.kind == "modal":
        return token
    return next((c for c in token.children if c.dep_ in ("xcomp", "ccomp") and c.tag_.startswith("VB")), None)


_MONTHS = frozenset(
    "january february march april may june july august september october november december end next the".split()
)


def _is_date(rest) -> bool:
    """Whether words start with a date or a time limit: "2025", "June", "the end of the year", "next week"."""
    first = rest[0] if len(rest) else None
    return first is not None and (first.like_num or first.lower_ in _MONTHS)


_MONTHS = frozenset(
    "january february march april may june july august september october november december end next the".split()
)


def _is_date(rest) -> bool:
    """Whether words start with a date or a time limit: "2025", "June", "the end of the year", "next week"."""
    return len(rest) > 0 and (rest[0].like_num or rest[0].lower_ in _MONTHS)


def sentence_features(doc, mentions: list[Mention], anchor: Anchor | None, quoted: bool) -> dict[str, float]:
    f: dict[str, float] = {"bias": 1}
    if anchor is not None:
        anchor_features(anchor, mentions, f)
    words = {t.lower_ for t in doc}
    for token in doc:
        if token.tag_ == "MD":
            m = modal_of(token.head) or token.lower_
            f[f"modal:{m}"] = 1
            f[f"modal:{m}:subj={subject_kind(subject_of(token.head), mentions)}"] = 1
        if token.dep_ == "neg":
            f["neg"] = 1
        if token.lower_ in lexicon.DENIALS:
            f["denial"] = 1
        if token.lower_ in lexicon.PAST_MARKERS:
            f["past_marker"] = 1
        if token.like_num or token.text in ("$", "%", "€", "£"):
            f["number"] = 1
        if token.lower_ in ("by", "within", "until", "before") and _is_date(doc[token.i + 1 :]):
            f["deadline"] = 1
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None:
        f["root:subj=" + subject_kind(subject_of(root), mentions)] = 1
        if root.tag_ in _PAST_TAGS and not modal_of(root):
            f["root:past"] = 1
        if lemma(root) in lexicon.REPORT_VERBS:
            f["root:report"] = 1
    first = next((t for t in doc if not t.is_punct and t.text not in "—–-•*"), None)
    if first is not None and first.tag_ == "VB" and subject_of(first) is None:
        f["imperative"] = 1
    if first is not None and first.lower_ == "to" and first.i + 1 < len(doc) and doc[first.i + 1].tag_ == "VB":
        f["to_infinitive"] = 1
    if doc.text.rstrip().rstrip('”"»’').endswith("?"):
        f["question"] = 1
    if quoted:
        f["quoted"] = 1
    if words & lexicon.FIRST_SINGULAR:
        f["first_singular" + (":quoted" if quoted else "")] = 1
    if words & lexicon.FIRST_PLURAL:
        f["first_plural" + (":quoted" if quoted else "")] = 1
    f["length"] = min(len(doc), 80) / 80
    # The words themselves, weakly (training keeps only those used in many articles: training.MIN_ARTICLES).
    for word in words:
        if word.isalpha():
            f["w:" + word] = WORD_WEIGHT
    return f


def attribution_features(speaker: Party | None, addressee: Party | None, anchor: Anchor | None) -> dict[str, float]:
    f: dict[str, float] = {}
    frame = _frame(anchor) if anchor is not None else "none"
    if speaker is None:
        f["speaker=none"] = 1
    else:
        entity = speaker.entity
        what = "none" if entity is None else ("head" if entity.is_head else entity.kind)
        f["speaker=" + what] = 1
        f[f"speaker={what}:how={speaker.how}"] = 1
        f[f"speaker={what}:frame={frame}"] = 1
        if entity is not None and entity.key:
            f["speaker_known"] = 1
    if addressee is not None:
        f["addressee=" + ("noun" if addressee.entity is None else addressee.entity.kind)] = 1
        f[f"addressee:frame={frame}"] = 1
    return f


def context_features(
    own: dict[str, float], before: set[str] | None, lead_in: set[str] | None, article: dict
) -> dict[str, float]:
    """The sentence before, the lead-in of the list it is in (crossed with how the item starts), the article."""
    f: dict[str, float] = {}
    for cue in before or ():
        f["prev:" + cue] = 1
    if lead_in is not None:
        f["list_item"] = 1
        start = (
            "imperative"
            if "imperative" in own
            else "to"
            if "to_infinitive" in own
            else "modal"
            if "a:modal" in own
            else "other"
        )
        f["item:" + start] = 1
        for cue in lead_in:
            f["lead:" + cue] = 1
            f[f"item:{start}:lead:{cue}"] = 1
    for name, value in article.items():
        f["doc:" + name] = value
    return f


def article_features(all_cues: list[set[str]]) -> dict[str, float]:
    """What the article as a whole is: a readout full of orders, a campaign story full of pledges."""
    counts: dict[str, int] = {}
    for found in all_cues:
        for cue in found:
            counts[cue] = counts.get(cue, 0) + 1
    out = {}
    for cue in (
        "dverb",
        "pverb",
        "dnoun",
        "pnoun",
        "head_title",
        "party",
        "modal:will",
        "modal:would",
        "modal:must",
        "modal:should",
    ):
        n = counts.get(cue, 0)
        if n:
            out[cue] = min(n, 5) / 5
    return out
