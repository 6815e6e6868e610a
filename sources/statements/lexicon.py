"""Word families the features are built from: data, not branches.

Each family is written once as lemmas; ``lemma_of`` maps every inflected form back
(``instructed`` -> ``instruct``, ``pledges`` -> ``pledge``), so the parse's tags and
these families are all a feature needs. The model learns how much each family, and
each word in it, weighs: a word here is a hint, never a decision."""

from __future__ import annotations

# Verbs by which someone tells someone else to act ("X instructed Y to ...").
DIRECTIVE_VERBS = frozenset(
    "instruct order direct task commission urge ask tell oblige entrust assign request demand require "
    "call appeal mandate command authorize authorise empower recommend encourage advise".split()
)
# Of those, the ones that order even with no "to …" after them ("ordered the setting up of",
# "was instructed as follows"); "tell", "ask" and "call" need one.
STRONG_DIRECTIVE_VERBS = frozenset(
    "instruct order direct task commission oblige entrust assign request demand mandate command".split()
)
# Nouns that carry an order ("gave instructions to", "a deadline of 72 hours").
DIRECTIVE_NOUNS = frozenset(
    "instruction order directive task assignment deadline decree mandate command recommendation request "
    "demand ultimatum call directive".split()
)
# Verbs by which someone commits themselves ("X pledged to ...").
PROMISE_VERBS = frozenset(
    "pledge promise vow commit assure guarantee undertake swear plan intend aim seek propose offer resolve "
    "vow determine prioritise prioritize target".split()
)
# Nouns by which a leader says something must be done ("stressed the need to …").
NEED_NOUNS = frozenset("need importance necessity urgency".split())
PROMISE_NOUNS = frozenset(
    "pledge promise commitment vow programme program manifesto platform agenda plan guarantee priority "
    "obligation goal target".split()
)
# Verbs that report speech or writing ("..., he said", "she noted that ...").
REPORT_VERBS = frozenset(
    "say add note state stress emphasise emphasize tell announce declare explain point underline underscore "
    "reiterate insist claim argue write tweet remark conclude affirm highlight mention confirm reply answer "
    "assert recall summarize summarise quote report continue".split()
)
MODALS = frozenset("will would shall must should 'll wo ca can could may might need ought".split())
# Titles of people, each with the canonical office it names.
TITLES = {
    "president": "president", "head of state": "president", "prime minister": "prime minister",
    "premier": "prime minister", "pm": "prime minister", "head of government": "prime minister",
    "chancellor": "chancellor", "minister": "minister", "chairman": "chairman", "chairwoman": "chairman",
    "chairperson": "chairman", "chair": "chairman", "leader": "leader", "governor": "governor",
    "mayor": "mayor", "akim": "akim", "khokim": "akim", "secretary": "secretary", "candidate": "candidate",
    "king": "king", "queen": "queen", "emir": "emir", "sultan": "sultan", "speaker": "speaker",
    "commander": "commander", "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "spokesperson": "spokesperson", "senator": "senator", "deputy": "deputy", "vice": "deputy",
}  # fmt: skip
TITLE_WORDS = frozenset(word for title in TITLES for word in title.split()[:1])
# The offices whose holders give orders to governments (directives) rather than only promise.
HEADS = frozenset("president prime minister chancellor king queen emir sultan governor mayor akim leader".split())
HEAD_TITLES = frozenset({"president", "prime minister", "chancellor", "king", "queen", "emir", "sultan"})
GOVERNMENT_WORDS = frozenset(
    "government cabinet administration ministry state authority agency council committee department office "
    "akimat municipality region governor official ministers commission service body inspectorate "
    "parliament prosecutor police army headquarters executive".split()
)
PARTY_WORDS = frozenset(
    "party congress front alliance coalition bloc movement union league rally democrats republicans "
    "conservatives labour labor liberals greens socialists tories".split()
)
# Nouns that describe a person without naming them ("the former senator and businesswoman").
PERSON_NOUNS = frozenset(
    "businesswoman businessman politician lawmaker incumbent challenger rival nominee frontrunner veteran "
    "insider critic populist hopeful contender newcomer senator candidate leader".split()
)
# Nouns for people and institutions who can be told to act ("officials", "the regions").
PEOPLE_NOUNS = frozenset(
    "members citizens officials authorities ministers governors akims mayors volunteers residents people heads "
    "leaders staff workers teams agencies bodies regions localities departments ministries administrations "
    "deputies lawmakers farmers businesses companies entrepreneurs police forces troops commanders party "
    "parties councils committees services organisations organizations institutions schools hospitals media "
    "journalists bloggers influencers governments states provinces districts cities municipalities".split()
)
# Parties named by an adjective ("a Labor government", "the Conservatives' plan").
PARTY_NAMES = frozenset(
    "labor labour liberal liberals conservative conservatives republican republicans democratic democrats "
    "green greens tory tories socialist socialists".split()
)
NEGATIONS = frozenset("not n't never no neither nor without".split())
DENIALS = frozenset("deny denies denied reject rejects rejected dismiss dismissed refute refuted".split())
PAST_MARKERS = frozenset("already earlier previously ago formerly recently last".split())
CONDITIONALS = frozenset("if unless once whether".split())
FIRST_SINGULAR = frozenset("i me my mine myself".split())
FIRST_PLURAL = frozenset("we us our ours ourselves".split())
THIRD_PERSON = frozenset("he she him her his hers himself herself".split())

_IRREGULAR = {
    "tell": ("told",), "give": ("gave", "given"), "set": ("set",), "swear": ("swore", "sworn"),
    "undertake": ("undertook", "undertaken"), "say": ("said",), "write": ("wrote", "written"),
    "seek": ("sought",), "lead": ("led",), "make": ("made",), "take": ("took", "taken"),
    "commit": ("committed", "committing"), "plan": ("planned", "planning"), "target": ("targeted", "targeting"),
    "will": ("will",), "shall": ("shall",),
}  # fmt: skip


def _forms(lemma: str) -> set[str]:
    """The forms of a regular English verb or noun: base, -s, -ed, -ing, with the usual e/y rules."""
    out = {lemma, *_IRREGULAR.get(lemma, ())}
    if lemma.endswith("e"):
        out |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in tuple("aeiou"):
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("sh", "ch", "ss", "x")):
        out |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        out |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return out


_FAMILIES = (DIRECTIVE_VERBS, DIRECTIVE_NOUNS, PROMISE_VERBS, PROMISE_NOUNS, REPORT_VERBS, GOVERNMENT_WORDS)
_LEMMAS = {form: lemma for family in _FAMILIES for lemma in family for form in _forms(lemma)}
_LEMMAS.update({"authorities": "authority", "ministries": "ministry", "bodies": "body", "officials": "official"})


def lemma_of(lower: str) -> str:
    """The family lemma of a lower-cased word form, or the form itself."""
    return _LEMMAS.get(lower, lower)


def title_of(words: str) -> str | None:
    """The canonical office a title names ("Head of State" -> "president"), or None."""
    return TITLES.get(" ".join(words.lower().replace(".", "").split()))


# Every form of every word that may make a sentence carry a statement: the sentences without
# one are not parsed (finder.read). Measured on the development corpus: 96 % of the gold
# statements' sentences hold one, and 77 % of the text.
_CUES = frozenset(
    {
        form
        for family in (DIRECTIVE_VERBS, DIRECTIVE_NOUNS, PROMISE_VERBS, PROMISE_NOUNS, NEED_NOUNS)
        for lemma in family
        for form in _forms(lemma)
    }
    | MODALS
    | {"'ll", "’ll", "going", "necessary", "expected", "ensure"}
    | TITLE_WORDS  # a sentence that names someone by title introduces a speaker to resolve later
)


def may_carry_statement(tokens) -> bool:
    """Whether a tokenised sentence holds a word that may carry an order or a promise."""
    return any(t.lower_ in _CUES for t in tokens)
