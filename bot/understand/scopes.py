"""Which words a message does not claim as the person's own symptoms now: those under a negation
("no numbness"), about someone else ("my dad had a heart attack") or about long ago."""

from __future__ import annotations

from collections.abc import Set

from .lexicon import Match, Parts
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
    # A habit that has stopped: "I used to get numb feet in tight boots" (not "I'm not used to this chest pain").
    ("i", "used", "to"), ("it", "used", "to"), ("she", "used", "to"), ("he", "used", "to"), ("we", "used", "to"),
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
# "I don't know why my leg has swollen", "didn't realise I'd wet myself": not knowing denies nothing.
_NOT_KNOWING = frozenset({"know", "remember", "understand", "realise", "realize", "mind", "care"})
# "I can't stand bright lights", "can't stop being sick": what cannot be borne is there, not denied.
_CANT = frozenset({"cant", "couldnt"})
_BEARING = frozenset({"stand", "bear", "handle", "take", "tolerate", "stop", "help"})
_POSSESSIVE = frozenset({"my", "his", "her", "our", "their"})
# "can't", "don't"… (apostrophes are dropped when reading): they negate the symptom that follows.
_NOT_VERBS = frozenset("cant cannot dont doesnt didnt isnt wasnt wont havent hasnt hadnt couldnt shouldnt wouldnt arent werent aint".split())
# Negation cues whose scope can also cover a place ("no tingling in my arms", "not my neck").
_PLACE_NEGATION = frozenset({"no", "not", "without", "nor", "neither", "never"})


def past_scope(tokens: list[str], this_year: int) -> set[int]:
    """Token positions in a clause that speaks of long ago (see _PAST), or of a year gone by ("in 2016")."""
    out: set[int] = set()
    years = [i for i, t in enumerate(tokens) if i and tokens[i - 1] == "in" and _past_year(t, this_year)]
    years += [i for i in range(3, len(tokens)) if tokens[i].isdigit() and tokens[i - 3 : i] == ["when", "i", "was"]]  # "when I was 12"
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
    return {k for _, span in others_clauses(tokens, others) for k in span}


def concerned_scope(tokens: list[str], others: Set[str] = _OTHERS) -> set[int]:
    """In a message written for someone else ("my mum had a melanoma removed years back and now her back
    hurts"), the positions of the clauses whose history is that person's own: those begun with "she" or
    "he", or with "my"/"our" and the first relative named (not "her sister had…", nor another relative)."""
    person = next((t for i, t in enumerate(tokens) if t in others and i and tokens[i - 1] in ("my", "our")), None)
    out: set[int] = set()
    for subject, span in others_clauses(tokens, others):
        word = tokens[subject]
        if word in _PRONOUNS or (word == person and subject and tokens[subject - 1] in ("my", "our")):
            out.update(span)
    return out


def others_clauses(tokens: list[str], others: Set[str] = _OTHERS) -> list[tuple[int, list[int]]]:
    """The clauses that speak of someone else's health (see _OTHERS): (where their subject is, their positions)."""
    out: list[tuple[int, list[int]]] = []
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
        clause = []
        for j in range(i + 1, min(i + 17, len(tokens))):
            if tokens[j] in BOUNDARY or tokens[j] in _OTHERS_END:
                break
            clause.append(j)
        span = clause[:8]
        said = {tokens[j] for j in span}
        # "my dad had a heart attack", "my aunt had cancer": a relative's history. "My grandad collapsed in
        # the kitchen", "my dad had a fall on Tuesday", "my nan (81) had a tumble in the bathroom this
        # morning" are about that person now, and are read as theirs.
        if history or (said & _HISTORY_WORDS and _NOW_WORDS.isdisjoint(tokens[j] for j in clause)):
            out.append((i, span))
    return out


def negation_scopes(tokens: list[str], matches: list[Match], negation: Set[str], parts: Parts | None = None) -> tuple[set[int], set[int]]:
    """Token positions negated for symptoms ("no numbness"), and for places ("no tingling in my arms").

    ``negation`` holds the one-word cues from words.yaml. A cue that is part of a phrase ("no idea",
    "can't turn", or a part of a phrase said in parts: "resting makes + no difference", "never had +
    back + before") negates nothing. "can't"/"don't" negate the symptom that follows, never a place
    ("can't sleep on my hip" is about the hip), and "don't know", "didn't realise" negate nothing.
    """
    covered = {k for s, e, m in matches if m.slot != "region" for k in range(s, e)}
    for match, spans in (parts or {}).items():
        if match[2].id:
            covered.update(k for a, b in spans for k in range(a, b))
    symptoms: set[int] = set()
    places: set[int] = set()
    for i, tok in enumerate(tokens):
        if i in covered or not (tok in negation or tok in _NOT_VERBS):
            continue
        if tokens[i + 1 : i + 2] and tokens[i + 1] in _NOT_A_NEGATION:
            continue  # "not used to this chest pain", "not sure if it's numbness": nothing denied
        if tok in _NOT_VERBS and tokens[i + 1 : i + 2] and tokens[i + 1] in _NOT_KNOWING:
            continue  # "I don't know why my leg has swollen up": nothing denied
        if tok in _CANT and tokens[i + 1 : i + 2] and tokens[i + 1] in _BEARING:
            continue  # "can't stand the light": a symptom
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
