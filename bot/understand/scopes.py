"""Which words a message does not claim as the person's own symptoms now: those under a negation
("no numbness"), about someone else ("my dad had a heart attack") or about long ago."""

from __future__ import annotations

from collections.abc import Set

from .lexicon import Match
from .text import BOUNDARY

# Someone else's health ("my dad had a heart attack", "family history of cancer"): not the person's
# symptoms. Only a relative who begins a clause ("my dad had…", not "I called my husband because…"),
# and only up to the end of that clause or to where the person speaks of themselves again ("my wife
# says I was confused" is about the person). Narrow on purpose: a warning sign missed is worse than
# one taken too seriously.
_OTHERS = frozenset(
    "dad father mum mom mam mother parents brother sister son daughter kids children grandad grandpa grandfather "
    "grandma granny grandmother nan uncle aunt auntie cousin husband wife partner boyfriend girlfriend friend "
    "friends family relatives".split()
)
# Where a negation stops: a new clause ("…, but", "and now…", "because…"), or a word that turns the
# sentence ("no pain in my back and now both my legs are weak": the legs are not negated).
_SCOPE_END = frozenset(
    {"but", "just", "more", "only", "though", "although", "however", "except", "instead", "it", "its", "is", "i", "im",
     "ive", "and", "now", "until", "till", "because", "cause", "when", "since", "so", "then", "after", "apart"}
)  # fmt: skip
# Long ago ("I broke my arm when I was younger", "a heart attack years ago"): not a warning sign now,
# unless the flag says the past counts (past_counts: yes, e.g. cancer in the past). Only unmistakable
# phrases: "when I was walking today" and "in the past week" are about now.
_PAST = (
    ("years", "ago"), ("year", "ago"), ("decades", "ago"), ("as", "a", "child"), ("as", "a", "kid"),
    ("as", "a", "teenager"), ("when", "i", "was", "younger"), ("when", "i", "was", "young"), ("when", "i", "was", "a", "child"),
    ("when", "i", "was", "a", "kid"), ("when", "i", "was", "little"), ("when", "i", "was", "a", "teenager"), ("years", "back"),
)  # fmt: skip
_PAST_LAST = frozenset(m[-1] for m in _PAST)  # a marker's last word, to skip messages without one
# Words that start a new clause, often about now ("…years ago, and now I have chest pain again").
_CLAUSE_START = frozenset({"but", "and", "now", "today", "currently", "again", "since", "recently", "lately", "because", "until", "when", "so"})
_OTHERS_END = _CLAUSE_START | {
    "i", "im", "ive", "id", "me", "myself", "my", "though", "although", "whereas", "while", "after", "as", "then", "with",
    # "my wife says the whites of my eyes are yellow": what a relative noticed is about the person.
    "says", "said", "thinks", "thought", "noticed", "told", "tells", "saw", "reckons", "spotted", "mentioned",
}  # fmt: skip
_PRONOUNS = frozenset({"she", "he"})
_HISTORY_WORDS = frozenset({"had", "died", "passed", "suffered", "suffers", "history", "runs", "ran", "diagnosed"})
_NOW_WORDS = frozenset(
    "now today tonight yesterday morning afternoon evening night just ago since currently suddenly monday tuesday wednesday thursday "
    "friday saturday sunday weekend week fall fell".split()
)
# Words said before a clause begins ("uh, my father had prostate cancer", "I think my aunt had…").
_SPOKEN = frozenset({"uh", "um", "uhm", "er", "erm", "oh", "well", "yeah", "yes", "like", "think", "know", "guess", "believe", "mean"})
_NOT_A_NEGATION = frozenset({"used", "sure", "certain", "only", "even"})
_POSSESSIVE = frozenset({"my", "his", "her", "our", "their"})
# "can't", "don't"… (apostrophes are dropped when reading): they negate the symptom that follows.
_NOT_VERBS = frozenset("cant cannot dont doesnt didnt isnt wasnt wont havent hasnt hadnt couldnt shouldnt wouldnt arent werent aint".split())
# Negation cues whose scope can also cover a place ("no tingling in my arms", "not my neck").
_PLACE_NEGATION = frozenset({"no", "not", "without", "nor", "neither", "never"})


def past_scope(tokens: list[str], this_year: int) -> set[int]:
    """Token positions in a clause that speaks of long ago (see _PAST), or of a year gone by ("in 2016")."""
    out: set[int] = set()
    years = [i for i, t in enumerate(tokens) if i and tokens[i - 1] == "in" and _past_year(t, this_year)]
    if _PAST_LAST.isdisjoint(tokens) and not years:
        return out  # most messages: no marker, nothing to split
    start, previous = 0, (0, 0)
    for end in [*(i for i, t in enumerate(tokens) if t in BOUNDARY or t in _CLAUSE_START), len(tokens)]:
        clause = tokens[max(0, start - 1) : end]  # with the word that opened it: "when I was younger"
        if any(tuple(clause[k : k + len(m)]) == m for m in _PAST for k in range(len(clause))) or any(start <= y < end for y in years):
            out.update(range(start, end))
            if clause[:1] in (["when"], ["as"]):
                out.update(range(*previous))  # "I broke my arm | when I was younger": the clause before is the past
        previous = (start, end)
        start = end + 1
    return out


def _past_year(token: str, this_year: int) -> bool:
    return len(token) == 4 and token.isdigit() and 1930 <= int(token) < this_year


def others_scope(tokens: list[str], others: Set[str] = _OTHERS) -> set[int]:
    """Token positions that speak of someone else's health (see _OTHERS)."""
    out: set[int] = set()
    if others.isdisjoint(tokens) and _PRONOUNS.isdisjoint(tokens):
        return out
    for i, tok in enumerate(tokens):
        if tok in _PRONOUNS:  # "she had uterine cancer": a clause about someone else, begun with she or he
            opens = i == 0 or tokens[i - 1] in BOUNDARY or tokens[i - 1] in _CLAUSE_START or tokens[i - 1] in _SPOKEN
            history, subject = False, opens
        elif tok in others:
            history = tok == "family" and tokens[i + 1 : i + 2] == ["history"]
            before = tokens[i - 2] if i >= 2 else None
            subject = i >= 1 and tokens[i - 1] in _POSSESSIVE and (before is None or before in BOUNDARY or before in _CLAUSE_START or before in _SPOKEN)
        else:
            continue
        if not (history or subject):
            continue
        span = []
        for j in range(i + 1, min(i + 9, len(tokens))):
            if tokens[j] in BOUNDARY or tokens[j] in _OTHERS_END:
                break
            span.append(j)
        said = {tokens[j] for j in span}
        # "my dad had a heart attack", "my aunt had cancer": a relative's history. "My grandad collapsed in
        # the kitchen", "my dad had a fall on Tuesday" are about that person now, and are read as theirs.
        if history or (said & _HISTORY_WORDS and not said & _NOW_WORDS):
            out.update(span)
    return out


def negation_scopes(tokens: list[str], matches: list[Match], negation: Set[str]) -> tuple[set[int], set[int]]:
    """Token positions negated for symptoms ("no numbness"), and for places ("no tingling in my arms").

    ``negation`` holds the one-word cues from words.yaml. A cue that is part of a phrase ("no idea",
    "can't turn") negates nothing. "can't"/"don't" negate the symptom that follows, never a place
    ("can't sleep on my hip" is about the hip).
    """
    covered = {k for s, e, m in matches if m.slot != "region" for k in range(s, e)}
    symptoms: set[int] = set()
    places: set[int] = set()
    for i, tok in enumerate(tokens):
        if i in covered or not (tok in negation or tok in _NOT_VERBS):
            continue
        if tokens[i + 1 : i + 2] and tokens[i + 1] in _NOT_A_NEGATION:
            continue  # "not used to this chest pain", "not sure if it's numbness": nothing denied
        if tok == "without" and any(t in negation or t in _NOT_VERBS for t in tokens[max(0, i - 5) : i]):
            continue  # "I can't do anything without feeling short of breath": two negations, a symptom
        for j in range(i + 1, min(i + 9, len(tokens))):
            if tokens[j] in BOUNDARY or tokens[j] in _SCOPE_END:
                break
            if tokens[j] in negation or tokens[j] in _NOT_VERBS:
                break  # another negation: its own scope ("can't … without feeling short of breath" is a symptom),
                # or a symptom of its own ("no fever, can't control my bladder")
            if j - i <= 5:
                symptoms.add(j)
            if tok in _PLACE_NEGATION:
                places.add(j)
    return symptoms, places
