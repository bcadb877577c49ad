"""Which words a message does not claim as the person's own symptoms now: those under a negation
("no numbness", "they ruled out a clot", "the scan for a clot was clear"), asked about ("what does
saddle numbness mean?"), in a figure of speech ("I feel like I've been hit by a bus"), explained away
("lost weight on a diet", "night sweats with the menopause"), about someone else ("my dad had a heart
attack") or about long ago."""

from __future__ import annotations

from collections.abc import Set

from .lexicon import Match, Parts
from .person import KIN_BEFORE, SIGN_SLOTS
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
    ("as", "a", "teenager"), ("yrs", "ago"), ("yr", "ago"), ("moons", "ago"), ("ages", "ago"), ("years", "on"), ("years", "later"),
    ("summers", "ago"), ("winters", "ago"), ("christmases", "ago"),
    ("since", "i", "was", "a", "kid"), ("since", "i", "was", "a", "child"),
    ("since", "i", "was", "little"), ("since", "i", "was", "young"), ("since", "my", "teens"), ("since", "birth"), ("since", "childhood"),
    ("from", "birth"), ("when", "i", "was", "younger"), ("when", "i", "was", "young"), ("when", "i", "was", "a", "child"),
    ("when", "i", "was", "a", "kid"), ("when", "i", "was", "little"), ("when", "i", "was", "a", "teenager"), ("years", "back"),
    # A habit that has stopped: "I used to get numb feet in tight boots" (not "I'm not used to this chest pain").
    ("i", "used", "to"), ("it", "used", "to"), ("she", "used", "to"), ("he", "used", "to"), ("we", "used", "to"),
)  # fmt: skip
_PAST_LAST = frozenset(m[-1] for m in _PAST)  # a marker's last word, to skip messages without one
# A clause that holds nothing but when ("…a clot in my leg, 10 years ago, …", "…, years back,") dates
# the clause before it.
_WHEN_ONLY = frozenset("years year decades ago back about around over like a few couple of some good many in moons".split())
# "and" inside a phrase does not begin a clause: "I used to get pins and needles" is one clause.
_JOINED = frozenset({("pins", "needles"), ("on", "off"), ("hot", "cold"), ("back", "forth"), ("up", "down")})
# Words that start a new clause, often about now ("…years ago, and now I have chest pain again").
_CLAUSE_START = frozenset({"but", "and", "now", "today", "currently", "again", "since", "recently", "lately", "because", "until", "when", "so"})
_OTHERS_END = _CLAUSE_START | {
    "i", "im", "ive", "id", "me", "myself", "my", "though", "although", "whereas", "while", "after", "as", "then", "with",
    # "my wife says the whites of my eyes are yellow": what a relative noticed is about the person.
    "says", "said", "thinks", "thought", "noticed", "told", "tells", "saw", "reckons", "spotted", "mentioned",
}  # fmt: skip
_PRONOUNS = frozenset({"she", "he"})
_AGAIN = frozenset({"again", "returned", "recurred", "relapsed"})
_ALSO = frozenset({"also", "plus", "anyway", "btw"})  # "also my father he had stroke before 3 years"
_STILL_NOW = frozenset({"still", "isnt", "cant", "wont", "keeps", "hasnt"})  # "…had a fit and still isn't waking up"
_HISTORY_WORDS = frozenset({"had", "died", "passed", "suffered", "suffers", "history", "runs", "ran", "diagnosed", "used"})  # "dad used to get…"
_NOW_WORDS = frozenset(
    "now today tonight yesterday morning afternoon evening night just ago since currently suddenly monday tuesday wednesday thursday "
    "friday saturday sunday weekend week fall fell hour hours minutes mins".split()  # "…in the past hour"
)
# Words said before a clause begins ("uh, my father had prostate cancer", "I think my aunt had…").
_SPOKEN = frozenset({"uh", "um", "uhm", "er", "erm", "oh", "well", "yeah", "yes", "like", "think", "know", "guess", "believe", "mean"})
_NOT_A_NEGATION = frozenset({"used", "sure", "certain", "only", "even", "let"})  # "won't let me put my chin on my chest": cannot
# "I don't know why my leg has swollen", "didn't realise I'd wet myself": not knowing denies nothing.
_NOT_KNOWING = frozenset({"know", "remember", "understand", "realise", "realize", "mind", "care"})
# "I can't stand bright lights", "can't stop being sick": what cannot be borne is there, not denied.
_CANT = frozenset({"cant", "couldnt"})
_BEARING = frozenset({"stand", "bear", "handle", "take", "tolerate", "stop", "help"})
_SO_FAR = frozenset({"has", "have", "hes", "shes", "is", "ive"})
_POSSESSIVE = frozenset({"my", "his", "her", "our", "their"})
# "no my chest is heavy", "no i have numbness": a "no" before a person or their body answers the question
# asked (a comma left out), it does not deny what follows ("no numbness", "no real pain").
# "tripping over nothing", "sore for nothing", "out of nothing": "nothing" is what something is about, not a no.
_OVER_NOTHING = frozenset({"over", "for", "about", "at", "from", "of", "on"})
_SAID_NEXT = frozenset("my i im ive id his he hes her she shes our we their they theyre it its".split())
# "can't", "don't"… (apostrophes are dropped when reading): they negate the symptom that follows.
NOT_VERBS = frozenset("cant cannot dont doesnt didnt isnt wasnt wont havent hasnt hadnt couldnt shouldnt wouldnt arent werent aint".split())
# Negation cues whose scope can also cover a place ("no tingling in my arms", "not my neck").
_PLACE_NEGATION = frozenset({"no", "not", "without", "nor", "neither", "never"})
# Questions about what a sign is: "what does saddle numbness mean?", and "what's saddle numbness?" when
# the sign's words (with "a" or "an") are all the question holds. "What's this numbness in my bum?" and
# "what's causing my chest pain?" speak of the person's own, and stay signs.
_WHAT = (("what", "does"), ("what", "do"), ("what", "is"), ("what", "are"), ("whats",))
_MEAN = frozenset({"mean", "means"})
# "Had a scan for a clot and it was clear": what a test looked for, with a clear result in the same
# sentence. Not while the result is still to come ("waiting for a scan for a clot, bloods were normal").
_TESTS = frozenset("scan scanned scans test tested tests check checked checks ultrasound doppler xray ray mri bloods biopsy biopsies results".split())
_CLEAR = frozenset({"clear", "negative", "normal", "nothing", "fine", "benign"})
_PENDING = frozenset("waiting wait await awaiting booked tomorrow due pending yet next going".split())
# A sign said with what explains it away, anywhere in the message: weight lost on purpose, and the
# night sweats of the menopause. Only these two signs (other signs said with the menopause or a diet,
# "chest pain from the menopause?", still count), and not when the explanation is denied ("not dieting",
# "it isn't the menopause") or the sentence of the sign says it is unexplained ("lost weight without
# trying", "for no reason").
_EXPLAINED = {
    "weight_loss": frozenset("purpose deliberately intentionally dieting diet slimming watchers mounjaro ozempic wegovy saxenda calorie calories takeaways healthier".split()),
    "calf_pain_walking": frozenset({"doms"}),
    "blood_in_urine": frozenset("beetroot beetroots beet beets rhubarb blackberries dragon dragonfruit pitaya".split()),
    "night_sweats": frozenset("menopause menopausal perimenopause perimenopausal flushes flashes antidepressant antidepressants sertraline hrt blanket heatwave tog".split()),
    # Skin (not the whites of the eyes) coloured by fake tan or carrots; the yellow eyes of Gilbert's syndrome.
    "jaundice": frozenset("tan carrot carrots carotene gilberts gilbert filter streetlight streetlights bulbs lighting".split()),
    # Light that hurts after the optician's drops that widen the pupils (not pupils said to be dilated: a sign of its own).
    "meningitis_signs": frozenset("dilating optician opticians optometrist".split()),
    # Red, hot calves from the sun.
    "dvt_signs": frozenset("sunburn sunburnt sunburned".split()),
    # Black stools from bismuth (Pepto-Bismol), iron tablets, charcoal or liquorice; not blood or being sick (see _EXPLAINED_ONLY).
    "tummy_blood_vomit": frozenset("bismuth pepto bismol iron ferrous charcoal liquorice licorice".split()),
    # A face, lip or tongue numbed by the dentist's or a local anaesthetic; a lisp from new braces or aligners; a droop
    # that is a phone filter. Not alcohol: being drunk is how a stroke is most often mistaken.
    "stroke_signs": frozenset("dentist dentists dental anaesthetic anesthetic novocaine lidocaine filling fillings local invisalign aligners braces retainer filter".split()),
}
# Signs explained away only when the message names what the explanation accounts for, and nothing it does not:
# bismuth blackens stools, it does not explain blood or being sick.
_EXPLAINED_ONLY = {
    "tummy_blood_vomit": (
        frozenset({"black"}),
        frozenset("blood bloody bleeding vomit vomited vomiting sick coffee grounds tar tarry sticky dizzy faint lightheaded help helped".split()),
    ),
    # The optician's drops explain light that hurts, not a fever, a rash or being sick with it.
    "meningitis_signs": (frozenset(), frozenset("fever feverish temperature temp rash vomiting sick shivery".split())),
    # A tan, carrots or the light explain a colour, not yellow eyes with dark wee, pale poo or itching, nor one said with "but…".
    "jaundice": (frozenset(), frozenset("wee pee urine poo stool stools dark pale but actually still itchy itching itch".split())),
    # …not an arm, a leg, sight or confusion, nor one that has lasted or is still there.
    "stroke_signs": (
        frozenset(),
        frozenset(
            "arm arms hand hands leg legs weak weakness vision sight see seeing double confused confusion collapsed still but yesterday "
            "hasnt havent isnt wont worse spreading headache".split()
        ),
    ),
}
_UNEXPLAINED = frozenset({"without", "unexplained", "reason", "why", "unintended", "unintentionally", "difference"})
# "Reason" and "why" say a sign is unexplained only after a word that says none is known ("for no reason", "no idea
# why"), not "the real reason I'm messaging", "which is why I'm asking".
_NO_REASON = frozenset({"no", "any", "apparent", "obvious", "idea", "know", "dont", "unknown", "clear", "sure"})
# Said before the sign in its clause, the explanation did not account for it: "swapped to a thin duvet but still waking up
# drenched" (not "the whites of my eyes are still white").
_STILL_SO = frozenset({"still", "despite", "even"})
# "They ruled out a clot", "a clot was ruled out": a test showed it is not there. Not when it is still to
# be done or not done ("waiting to have a clot ruled out", "need it ruled out", "they haven't ruled out…").
_NOT_YET = frozenset("to be get getting have having need needs needed want wants wanted waiting until unless if yet".split())
# "I feel like I've been hit by a bus", "feel like I got run over", "I feel like a truck hit me": aching
# all over said as a figure of speech, not an accident. Only being struck, and only the whole person:
# "my head feels like I was hit with a hammer" and "like I've been kicked in the chest" name a place,
# and describe the pain (a sudden headache, chest pain), so they stay signs.
_FEEL = frozenset({"feel", "feels", "felt", "feeling"})
_STRUCK_SIGNS = frozenset({"significant_injury", "serious_accident", "head_injury"})
_STRUCK = frozenset("crash crashed collision hit run ran knocked kicked trampled beaten mown flattened steamrollered steamrolled battered mugged thrown".split())
_SPEECH_END = frozenset({"but", "and", "now", "since", "because", "cause", "after", "when", "though", "although", "so", "then"})


def past_scope(tokens: list[str], this_year: int) -> set[int]:
    """Token positions in a clause that speaks of long ago (see _PAST), or of a year gone by ("in 2016")."""
    out: set[int] = set()
    years = [i for i, t in enumerate(tokens) if i and tokens[i - 1] in ("in", "since", "was") and _past_year(t, this_year)]  # "in 2016", "last one was 2016"
    years += [i for i in range(3, len(tokens)) if tokens[i].isdigit() and tokens[i - 3 : i] == ["when", "i", "was"]]  # "when I was 12"
    if _PAST_LAST.isdisjoint(tokens) and not years:
        return out  # most messages: no marker, nothing to split
    start, previous = 0, (0, 0)
    ends = [i for i, t in enumerate(tokens) if t in BOUNDARY or (t in _CLAUSE_START and not _joins(tokens, i))]
    for end in [*ends, len(tokens)]:
        clause = tokens[max(0, start - 1) : end]  # with the word that opened it: "when I was younger"
        own = tokens[start:end]
        # "Used to" opening a clause without its "I" ("used to have night sweats, stopped years ago"):
        # a habit that has stopped. Only at the start: "I'm not used to this chest pain" is about now.
        habit = own[:2] == ["used", "to"]
        if habit or any(tuple(clause[k : k + len(m)]) == m for m in _PAST for k in range(len(clause))) or any(start <= y < end for y in years):
            out.update(range(start, end))
            if clause[:1] in (["when"], ["as"], ["since"]) or all(t.isdigit() or t in _WHEN_ONLY for t in own):
                out.update(range(*previous))  # "I broke my arm | when I was younger", "a clot | 10 years ago", "my foot drags | since my op in 2017"
        previous = (start, end)
        start = end + 1
    return out


def _joins(tokens: list[str], i: int) -> bool:
    """Whether the "and" at ``i`` is inside a phrase ("pins and needles", "on and off")."""
    return tokens[i] == "and" and 0 < i < len(tokens) - 1 and (tokens[i - 1], tokens[i + 1]) in _JOINED


def _past_year(token: str, this_year: int) -> bool:
    return len(token) == 4 and token.isdigit() and 1930 <= int(token) < this_year


def others_scope(tokens: list[str], others: Set[str] = _OTHERS) -> set[int]:
    """Token positions that speak of someone else's health (see _OTHERS), and the illness that names the people
    one looks after ("I deal with chest pain patients all day")."""
    cases = (k for i, tok in enumerate(tokens) if tok in _CASES for k in _cases_named(tokens, i))
    return {k for _, span in others_clauses(tokens, others) for k in span} | set(cases)


# People one looks after, named by their illness: "chest pain patients", "stroke clients", "sepsis cases".
_CASES = frozenset("patients clients residents cases admissions".split())
_CASES_NAMED_AFTER = frozenset({"with", "of", "for", "to", "see", "treat", "all", "many", "our", "your", "their", "the", "a", "an", "my", "some", "these", "those"})


def _cases_named(tokens: list[str], i: int) -> list[int]:
    """ "With chest pain patients": the up to three words before the people at ``i`` that name their illness."""
    named: list[int] = []
    for k in range(i - 1, max(-1, i - 4), -1):
        if tokens[k] in BOUNDARY or tokens[k] in _CASES_NAMED_AFTER:
            break
        named.insert(0, k)
    return named


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
            k = i - 1
            while k >= 0 and tokens[k] in KIN_BEFORE:  # "my best mate", "my older brother"
                k -= 1
            before = tokens[k - 1] if k >= 1 else None
            # "my dad had…", "…, my best mate had…", or a message that begins with them ("brother in law had a stroke at 49").
            subject = i == 0 or (k >= 0 and tokens[k] in _POSSESSIVE and (before is None or before in BOUNDARY or before in _CLAUSE_START or before in _SPOKEN or before in _ALSO))
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
        # "passed away" is history, "passed out" is not; "had" is, "has had" (so far, and still) is not.
        lasting = any(tokens[j] == "years" for j in clause)  # "my dad has had angina for years": his history
        said = {tokens[j] for j in span if tokens[j : j + 2] != ["passed", "out"] and not (tokens[j] == "had" and tokens[j - 1] in _SO_FAR and not lasting)}
        # "my dad had a heart attack", "my aunt had cancer": a relative's history. "My grandad collapsed in
        # the kitchen", "my dad had a fall on Tuesday", "my nan (81) had a tumble in the bathroom this
        # morning" are about that person now, and are read as theirs.
        if (history or (said & _HISTORY_WORDS and _NOW_WORDS.isdisjoint(tokens[j] for j in clause))) and not _there_again(tokens, i):
            out.append((i, span))
    return out


def _there_again(tokens: list[str], i: int) -> bool:
    """Whether what follows the relative named at ``i`` says their sign is back or still there: "my dad used to
    get chest pain, now he has it again", "my son had a fit and still isn't waking up"."""
    end = next((j for j in range(i + 1, len(tokens)) if tokens[j] in _ENDS), len(tokens))
    return not _AGAIN.isdisjoint(tokens[i + 1 :]) or not _STILL_NOW.isdisjoint(tokens[i + 1 : end])


def negation_scopes(tokens: list[str], matches: list[Match], negation: Set[str], parts: Parts | None = None) -> tuple[set[int], set[int]]:
    """Token positions negated for symptoms ("no numbness"), and for places ("no tingling in my arms").

    ``negation`` holds the one-word cues from words.yaml. A cue that is part of a phrase ("no idea",
    "can't turn", or a part of a phrase said in parts: "resting makes + no difference", "never had +
    back + before") negates nothing. "can't"/"don't" negate the symptom that follows, never a place
    ("can't sleep on my hip" is about the hip), and "don't know", "didn't realise" negate nothing.
    The symptom positions also hold what is ruled out, asked about, said as a figure of speech or
    explained away (see ``not_claimed``).
    """
    parts = parts or {}
    covered = {k for s, e, m in matches if m.slot != "region" and (s, e, m) not in parts for k in range(s, e)}
    in_parts: dict[int, str] = {}  # a position only a phrase said in parts covers: that phrase's sign
    for match, spans in parts.items():
        if match[2].id:
            in_parts.update((k, match[2].id) for a, b in (*spans, match[:2]) for k in range(a, b) if k not in covered)
    covered |= in_parts.keys()
    signs_at = {s: m.id for s, e, m in matches if m.slot in SIGN_SLOTS or m.slot == "history"}
    symptoms: set[int] = set()
    places: set[int] = set()
    for i, tok in enumerate(tokens):
        if not (tok in negation or tok in NOT_VERBS):
            continue
        # "never had cancer and my back hurts": a part of another sign's phrase ("back + never had") does not keep
        # "never" from denying the sign named right after it (or after "had", "been"…).
        if i in covered and not (i in in_parts and _denies_next(tokens, i, signs_at, in_parts[i])):
            continue
        if tok == "nothing" and i and tokens[i - 1] in _OVER_NOTHING:
            continue  # "keep tripping over nothing, my toes don't come up": what follows is said
        if tok == "no" and tokens[i + 1 : i + 2] and tokens[i + 1] in _SAID_NEXT:
            continue  # "no my chest is heavy": the answer "no", then what is said
        if tokens[i + 1 : i + 2] and tokens[i + 1] in _NOT_A_NEGATION:
            continue  # "not used to this chest pain", "not sure if it's numbness": nothing denied
        if tok in NOT_VERBS and tokens[i + 1 : i + 2] and tokens[i + 1] in _NOT_KNOWING:
            continue  # "I don't know why my leg has swollen up": nothing denied
        if tokens[i + 1 : i + 2] and tokens[i + 1] in ("ruled", "rule"):
            continue  # "they haven't ruled out a clot", "can't rule out a DVT": still possible
        if tok in _CANT and tokens[i + 1 : i + 2] and tokens[i + 1] in _BEARING:
            continue  # "can't stand the light": a symptom
        if tok == "without" and any(t in negation or t in NOT_VERBS for t in tokens[max(0, i - 5) : i]):
            continue  # "I can't do anything without feeling short of breath": two negations, a symptom
        for j in range(i + 1, min(i + 9, len(tokens))):
            if tokens[j] == "," and j > i + 1 and _list_goes_on(tokens, j) and covered.intersection(range(i + 1, j)):
                continue  # "calf isn't red, hot or puffy": the list of what is not there goes on
            if tokens[j] in BOUNDARY or tokens[j] in _SCOPE_END:
                break
            if tokens[j] in negation or tokens[j] in NOT_VERBS:
                break  # another negation: its own scope ("can't … without feeling short of breath" is a symptom),
                # or a symptom of its own ("no fever, can't control my bladder")
            if j - i <= 5:
                symptoms.add(j)
            if tok in _PLACE_NEGATION:
                places.add(j)
    symptoms |= not_claimed(tokens, matches, negation, covered) | said_fine(tokens, matches)  # "my chest is fine, upper back tight"
    symptoms |= asked_and_denied(tokens)
    return symptoms, places


_HAD = frozenset({"had", "have", "been", "got", "get", "a", "an", "any"})


def _denies_next(tokens: list[str], i: int, signs_at: dict[int, str], own: str) -> bool:
    """Whether another sign than ``own`` is named right after the negation at ``i``, or after "had", "been"… ("never had a stroke")."""
    j = i + 1
    while j < min(i + 4, len(tokens)) and tokens[j] in _HAD:
        j += 1
    return signs_at.get(j, own) != own


def _list_goes_on(tokens: list[str], j: int) -> bool:
    """Whether the comma at ``j`` goes on with a short list that ends in "or" ("…red, hot or puffy"), not a new clause."""
    after: list[str] = []
    for t in tokens[j + 1 : j + 5]:
        if t in BOUNDARY:
            break
        after.append(t)
    return ("or" in after or "nor" in after) and after[0] not in _NEW_SUBJECT and _SCOPE_END.isdisjoint(after)


_DENIED_AFTER = frozenset({"no", "nope", "nah", "none", "negative"})


def asked_and_denied(tokens: list[str]) -> set[int]:
    """Positions of a short question the person answers no to themselves: "chest pain? nope", "red, warm
    calf? no. swollen? no." (the last item: "numb bum and can't pee, fever ❌" denies only the fever), and a
    list asked and denied as a whole ("drenching sweats, weight dropping off, pain worse at night? none of
    those, honestly", "knocked my head? on blood thinners? no and no") (not "any chest pain? yes, since this
    morning", "chest pain? none of that, but…", "…arm weak? no and no idea what to do")."""
    out: set[int] = set()
    start = 0
    asked: list[tuple[int, int]] = []  # the questions asked in a row, not yet answered
    for i, tok in enumerate(tokens):
        if tok not in BOUNDARY:
            continue
        if tok == "?":
            begin = _sentence_start(tokens, i)
            asked.append((begin if i - begin <= _ASKED_WORDS else start, i))
            denied = _denied_after(tokens, i + 1)
            if denied == "all":
                for a, b in asked:
                    out.update(range(a, b))
                asked = []
            elif denied == "last" and i - start <= 6:
                out.update(range(start, i))
        elif tok in _ENDS:
            asked = []
        start = i + 1
    return out


_ASKED_WORDS = 16  # tokens: a question this long is a list of signs asked, not an account
_NO_WHAT = frozenset({"idea", "clue", "way", "one", "rush", "wait", "worries"})  # "no idea why", "no rush"
# Said right after a question, a no to all of it.
_DENIALS = (
    ("none", "of", "those"), ("none", "of", "that"), ("none", "of", "them"), ("not", "me"), ("not", "once"), ("no", "and", "no"),
    ("not", "at", "all"), ("nothing", "like", "that"), ("rule", "out", "all"), ("rule", "out", "both"), ("ticks", "zero"),
    ("zero", "boxes"), ("neither", "of", "those"),
)  # fmt: skip


def _denied_after(tokens: list[str], i: int) -> str | None:
    """How the answer beginning at ``i`` denies the question before it: "all" of a list ("none of those", "not
    me", "no and no"), the "last" item (a bare "no", "nope"), or None (not a no, or taken back after it)."""
    end = next((j for j in range(i, len(tokens)) if tokens[j] in _ENDS), len(tokens))
    answer = tokens[i : min(end, i + 6)]
    if not answer or not _GOES_ON.isdisjoint(answer) or not _TAKES_BACK.isdisjoint(answer) or not _SOMEONE.isdisjoint(answer):
        return None  # "…? no, only on the stairs", "…? not me, my husband, right now"
    if end < len(tokens) and _goes_on(tokens, end + 1):
        return None  # "chest pain? no. only when I climb the stairs"
    if any(tuple(answer[k : k + len(p)]) == p and not _NO_WHAT.intersection(answer[k + len(p) : k + len(p) + 1]) for p in _DENIALS for k in range(len(answer))):
        return "all"  # "no and no", not "no and no idea what to do"
    if answer[0] in _DENIED_AFTER and (len(answer) == 1 or answer[1] in BOUNDARY):
        return "last"
    return None


# A sentence after the no that takes it back or says more of it ("chest pain? nope. only when I climb the stairs").
_GOES_ON = frozenset("only well but except when it its then though although apart unless sometimes occasionally maybe kind sort".split())
_SOMEONE = frozenset("my his her he she hes shes they their him".split())  # an answer that goes on to a person
_TAKES_BACK = frozenset("still now have got yes yeah yep actually".split())  # "no, i have it now", "nope, actually yes"


def _goes_on(tokens: list[str], i: int) -> bool:
    """Whether the sentence at ``i`` goes on about what was just denied."""
    return i < len(tokens) and tokens[i] in _GOES_ON


_ENDS = frozenset(".!?;")  # what ends a sentence


def _sentence_start(tokens: list[str], i: int) -> int:
    """Where the sentence holding ``i`` begins."""
    while i > 0 and tokens[i - 1] not in _ENDS:
        i -= 1
    return i


def _ends(tokens: list[str], i: int) -> bool:
    """Whether a sentence ends at ``i`` ("…? no." but not "…? no, only when I walk")."""
    return i >= len(tokens) or tokens[i] in (".", "!", ")")


# "my chest is fine, upper back tight", "temperature's normal": the place or the body's function named just
# before "is fine" is not the matter. Only said plainly, of now, and ending there: not "was fine this morning",
# "is not ok", "is ok one minute then crushing", "he is ok now" (said of someone, not of a place).
_FINE = frozenset("fine ok okay alright normal normally good grand clear strong".split())  # not "gone": "my vision has gone" is a sign
_BEING = frozenset("is are feels feel seems seem looks look work works working".split())  # "both arms work normally"
FINE_NOUNS = frozenset(
    "temperature temp fever breathing breath speech vision eyesight sight balance bladder bowels waterworks wee wees pee peeing weeing "
    "poo poos legs arms feet hands face eyes grip".split()
)
# What begins a clause about something else ("…is fine, my upper back is tight"); not "it", "its", "the", "a":
# "my chest is fine, it's just tight when I climb stairs" is the chest.
_NEW_SUBJECT = frozenset("my i im ive his her he she hes shes their they our we".split())
_NO_MORE = frozenset({"no", "not", "nothing", "never", "nor"})
_ONLY_THIS = frozenset({"its", "it", "just", "only"})  # "both legs are strong, it's just my sciatica"
_BUT_THIS = frozenset({"just", "but", "except", "only", "apart"})  # "wees normal, just blood in them": not well


def said_fine(tokens: list[str], matches: list[Match]) -> set[int]:
    """Token positions of a place (or a body function: temperature, breathing, speech…) said to be fine:
    "(no) my chest is fine, upper back tight" and "my temperature is normal" deny the chest and the fever;
    "my chest is fine at rest but tight on the stairs", "my chest is not ok", "was fine a minute ago" and
    "my chest is tight my breathing is fine" (only the breathing) do not deny the chest."""
    places: dict[int, tuple[int, int]] = {}  # where each place or sign said ends: its widest span ("both arms", not "arms")
    for s, e, m in matches:
        if m.slot in ("region", "red_flag") and (e - 1 not in places or s < places[e - 1][0]):
            places[e - 1] = (s, e)
    starts = {s for s, _e, m in matches if m.slot == "region"}
    sign_ends = {e - 1 for _s, e, m in matches if m.slot == "red_flag"}
    out: set[int] = set()
    for i, tok in enumerate(tokens):
        if tok in _GONE and i and (fever := _fever_gone(tokens, i)) is not None:
            out.add(fever)  # "temperature gone", "the fever has gone"
            continue
        if tok not in _FINE or i < 1:
            continue
        listed = _listed(tokens, i) and not _negated_item(tokens, i)
        if tokens[i - 1] in _BEING and i >= 2:
            named = i - 2
        elif listed:
            named = i - 1  # "wees and poos normal, both legs strong": an item of a list, without "is"
        else:
            continue
        k = i + 1 + (i + 1 < len(tokens) and tokens[i + 1] in BOUNDARY)  # "my chest is fine, it's just tight": still the chest
        after = tokens[k : k + 2]
        new_subject = bool(after) and (after[0] in _NEW_SUBJECT or k in starts or (after[0] in ("but", "and") and len(after) > 1 and after[1] in _NEW_SUBJECT))
        # "…, grip is strong, not dropping anything": the next item of a list of what is not there.
        new_item = k > i + 1 and tokens[i + 1] == "," and bool(after) and (after[0] in _NO_MORE or after[0] in FINE_NOUNS)
        # "both legs are strong — it's just my sciatica": a sign's own words said to be well, whatever follows.
        # "…no accidents. both legs are strong. could I get in Thursday?": said so, and the sentence ends there.
        flag_named = tok != "ok" and named in sign_ends and ((bool(after) and after[0] in _ONLY_THIS) or tokens[i + 1 : i + 2] in (["."], ["!"]))
        if after and not (new_subject or new_item or flag_named):
            continue  # "fine at rest", "ok one minute then…", "fine now", "fine but tight when I walk"
        if listed and after and after[0] in _BUT_THIS and named not in places:
            continue
        if tokens[named] in ("it", "its"):  # "checked my temperature, it's normal"
            named = next((j for j in range(named - 1, max(-1, named - 6), -1) if tokens[j] in _FEVER), named)
        if named in places:
            out.update(range(*places[named]))
        elif tokens[named] in FINE_NOUNS:
            out.add(named)
    return out


_FEVER = frozenset({"temperature", "temp", "fever"})
_GONE = frozenset({"gone", "went", "down"})
_HAS = frozenset({"has", "had", "have"})


def _fever_gone(tokens: list[str], i: int) -> int | None:
    """Where the fever is named when the "gone" at ``i`` says it is over: "temperature gone", "the fever has gone",
    "temp went down"; None for "fever's gone up", "temp went back up", "fever gone through the roof"."""
    named = i - 1 - (tokens[i - 1] in _BEING or tokens[i - 1] in _HAS)
    end = next((j for j in range(i + 1, len(tokens)) if tokens[j] in BOUNDARY or tokens[j] in _NEW_SUBJECT), len(tokens))
    nxt = tokens[i + 1] if i + 1 < len(tokens) else "."
    # "went" only with "down" or "away" ("fever went mad", "temperature went to 39" are not over); never with a number.
    over = nxt in ("down", "away") if tokens[i] == "went" else (nxt in BOUNDARY or nxt in ("away", "down", "now", "and", "after") or nxt in _NEW_SUBJECT)
    numbers = any(t[:1].isdigit() for t in tokens[i + 1 : end])
    gone = over and not numbers and named >= 0 and tokens[named] in _FEVER and _BACK_UP.isdisjoint(tokens[i + 1 : end])
    return named if gone else None


# "…went down then back up", "gone up", "spiked again": a fever not over.
_BACK_UP = frozenset("up higher back again through sky spiked spiking rising rose still".split())


def _negated_item(tokens: list[str], i: int) -> bool:
    """Whether the item before the "fine" at ``i`` holds a negation: "can't breathe normally", "can't walk normally"."""
    return any(t in NOT_VERBS or t in _NO_MORE for t in tokens[_clause_start(tokens, i - 1) : i])


def _listed(tokens: list[str], i: int) -> bool:
    """Whether the "fine" at ``i`` ends a short item of a list of what is well ("…, bladder normal, both legs
    strong."): its clause holds at most three words before it, and ends with it."""
    start = i - 1
    while start > 0 and tokens[start - 1] not in BOUNDARY and i - start < 4:
        start -= 1
    opened = start == 0 or tokens[start - 1] in BOUNDARY
    return opened and i - start <= 3 and (i + 1 >= len(tokens) or tokens[i + 1] in BOUNDARY)


def not_claimed(tokens: list[str], matches: list[Match], negation: Set[str] = frozenset(), covered: Set[int] = frozenset()) -> set[int]:
    """Token positions of signs a message names without saying the person has them: ruled out or tested
    clear ("they ruled out a clot"), asked about ("what does saddle numbness mean?"), a figure of speech
    ("I feel like I've been hit by a bus"), or explained away ("lost weight on a diet"). Places are left
    alone: "…, my back is just stiff" still says where it hurts."""
    return (
        _ruled_out(tokens, covered)
        | _tested_clear(tokens)
        | _asked(tokens, covered)
        | _struck_figure(tokens, matches)
        | _explained(tokens, matches, negation)
        | _talked_about(tokens)
        | _taken_back(tokens)
        | _general_question(tokens)
        | _feared(tokens, matches)
    )


# A diagnosis feared, not had: "convinced every twinge is a tumour", "worried it might be cancer". Not the
# person's own again ("scared my cancer is back"), and history only: a sign's own words stand however said.
_FEARS = frozenset("sure certain convinced worried worry worrying scared afraid terrified paranoid panicking fear fearing frightened petrified".split())
_MIGHT_BE = frozenset("it its is be been got have".split())
_HAD_IT = frozenset("had because cause as since after with diagnosed treated".split())
_BEING_BACK = frozenset("is has was had might could may come coming came".split())
_FEARED_BACK = frozenset({"back", "again", "returned", "return", "returning", "come", "spread", "spreading"})


def _feared(tokens: list[str], matches: list[Match]) -> set[int]:
    out: set[int] = set()
    if _FEARS.isdisjoint(tokens):
        return out  # most messages
    for start, end, entry in matches:
        if entry.slot != "history" and entry.id != "cancer_history":
            continue
        before = tokens[max(0, start - 7) : start]
        cut = max((k for k, t in enumerate(before) if t in BOUNDARY or t == "but"), default=-1)
        before = before[cut + 1 :]
        fear = max((k for k, t in enumerate(before) if t in _FEARS), default=None)
        after = tokens[end : end + 3]
        again = bool(after) and (after[0] in _FEARED_BACK or (after[0] in _BEING_BACK and not _FEARED_BACK.isdisjoint(after[1:])))
        if fear is None or not _POSSESSIVE.isdisjoint(before) or again:
            continue
        between = before[fear + 1 :]
        if _MIGHT_BE.isdisjoint(between) or not _HAD_IT.isdisjoint(between):  # "worried because I had cancer"
            continue
        out.update(range(start, end))
    return out


# A question about people in general ("would you turn someone away with a fever?", "how soon after a broken bone
# can people have a massage?", "if back pain ever went down both legs is that a bad sign?"): it says nothing of the
# person's own health. Not when it speaks of the person, of someone in particular, or of now ("does anyone else
# get chest pain like this?", "can you treat my mum, she is confused").
_ANYONE = frozenset("someone somebody people person clients client patients".split())
# Asked of the practice ("would you see someone with…?"), not "does anyone else get…?", "should someone with… go to A&E?".
_ASKS_YOU = frozenset({("would", "you"), ("do", "you"), ("will", "you"), ("can", "you"), ("could", "you")})
_WAIT = frozenset({"wait", "before"})  # "how long after a car crash should you wait before a massage?"
_OWN = frozenset("i im ive id me my mine myself he hes him his she shes her hers they theyre their this these now today currently tonight".split())
_HOW_SOON = frozenset({"long", "soon"})


def _general_question(tokens: list[str]) -> set[int]:
    out: set[int] = set()
    if "?" not in tokens:
        return out  # most messages
    start = 0
    for end, tok in enumerate(tokens):
        if tok not in _ENDS:
            continue
        if tok == "?":
            said = tokens[start:end]
            asks_of_anyone = tuple(said[:2]) in _ASKS_YOU and not _ANYONE.isdisjoint(said)
            how_soon_after = said[:1] == ["how"] and "after" in said and not _HOW_SOON.isdisjoint(said) and not _WAIT.isdisjoint(said)
            if (asks_of_anyone or how_soon_after) and _OWN.isdisjoint(said):
                out.update(range(start, end))
        start = end + 1
    return out


# Something read, watched, heard or taught ("a tiktok about stroke signs", "teaching my year 9s about heart
# attacks"), and the words that link it to what it is about.
_TOLD_OF = frozenset(
    "tiktok tiktoks video videos youtube article articles documentary documentaries podcast podcasts programme program "
    "series episode episodes book books novel memoir film movie news post posts reel reels leaflet poster lesson lessons "
    "lecture course module exam exams essay project assignment webinar scene drama play read reading watched watching "
    "studying teaching taught learning learnt learned writing wrote"
    "".split()
)
_ABOUT = frozenset({"about", "on", "where", "saying", "says", "said", "called", "re", "explaining", "showing", "covering"})
_TOPIC_WORDS = 8  # words after "about" that are the topic
_DONE_TREND = frozenset({"challenge", "challenges", "dance", "dances", "trend", "trends", "routine"})
# What a piece of work is about, said before it: "a sepsis documentary", "my meningitis dissertation".
_TOLD_OF_NOUNS = frozenset(
    "tiktok tiktoks video videos documentary documentaries podcast podcasts programme book books novel memoir film "
    "article articles thread lecture module essay project assignment dissertation thesis webinar drama".split()
)
_TOPIC_OPENS = frozenset({"a", "an", "the", "this", "that", "my", "our", "some", "another"})
# Work on a topic, said with the topic straight after: "revising meningitis and stroke", "counting out blood
# thinners", "I see all the chest pains and strokes" (in a message about work). Not "explaining": people explain
# their own symptoms ("explained the chest pain to the receptionist").
_WORKED_ON = frozenset("revise revising revised studying researching researched dispense dispensing dispensed counting treating dissertation thesis".split())
_SEEN_AT_WORK = frozenset({"see", "seen", "saw", "hear", "heard", "treat", "treated", "handle", "nurse", "scan"})
_MANY = (("all", "the"), ("enough",), ("loads", "of"), ("lots", "of"), ("plenty", "of"), ("so", "many"), ("hundreds", "of"))
# What one sees with one's own eyes is not a topic: "I see lots of flashing lights".
_SIGHTS = frozenset("double stars spots flashes flashing lights floaters black blurry things shapes colours colors dark shadow curtain sparkles".split())
_TOPIC_ENDS = frozenset({"with", "for", "all", "suddenly", "got", "had", "felt"})
_AT_WORK = frozenset("work job shift shifts ward patients clients customers callers calls nurse paramedic handler hospital pharmacy".split())
_TOPIC_CUES = _TOLD_OF | _WORKED_ON | _SEEN_AT_WORK
_NOT_LISTED = _NEW_SUBJECT | _CLAUSE_START | _SPEECH_END | _TOPIC_ENDS  # after "and": a new clause, not one more topic


def _talked_about(tokens: list[str]) -> set[int]:
    """ "Saw a tiktok about stroke signs", "reading an article on heart attack symptoms": the words of the
    topic, up to the end of the clause or a new subject ("watched a video on sciatica and now my leg is numb",
    "learning about strokes since my face went droopy": the leg and the face are the person's)."""
    out: set[int] = set()
    if _TOPIC_CUES.isdisjoint(tokens):
        return out  # most messages
    for i, tok in enumerate(tokens):
        link = None
        if tok in _TOLD_OF and tokens[i + 1 : i + 2] != [] and tokens[i + 1] in _DONE_TREND:
            continue  # "tried a handstand for a tiktok challenge": something done, not a topic
        if tok in _TOLD_OF:
            link = next((j for j in range(i + 1, min(i + 4, len(tokens))) if tokens[j] in _ABOUT), None)
            if link is not None and any(t in BOUNDARY or t in _NEW_SUBJECT for t in tokens[i + 1 : link]):
                link = None
            if tok in _TOLD_OF_NOUNS:
                out.update(_named_before(tokens, i))
        direct = link is None  # the topic said straight after a verb of work or study, or "I see all the…"
        if link is None and tok in _WORKED_ON:
            link = i
        if link is None and tok in _SEEN_AT_WORK and not _AT_WORK.isdisjoint(tokens):
            many = next((len(m) for m in _MANY if tuple(tokens[i + 1 : i + 1 + len(m)]) == m), 0)
            seen = tokens[i + 1 + many : i + 2 + many] if many else []
            if seen and seen[0] not in _SIGHTS and seen[0] not in ("time", "while"):  # "I see spots all the time"
                link = i + many
        if link is None:
            continue
        topic: list[int] = []
        for j in range(link + 1, min(link + 1 + _TOPIC_WORDS, len(tokens))):
            if tokens[j] in _TOPIC_ENDS and direct:
                break  # "studying for exams with a thunderclap headache", "revising all night and suddenly…"
            if tokens[j] in BOUNDARY or tokens[j] in _NEW_SUBJECT or (tokens[j] in _SPEECH_END and not _lists_on(tokens, j)):
                # "I've seen enough blood in my poo", "revising chest pain in my arm": the person's own, not a topic.
                if tokens[j] in _NEW_SUBJECT and direct:
                    topic = []
                break
            topic.append(j)
        out.update(topic)
    return out


def _lists_on(tokens: list[str], j: int) -> bool:
    """Whether the "and" at ``j`` joins one more thing to a topic ("revising meningitis and stroke"), not a clause
    ("…on sciatica and now my leg is numb", "…and i…")."""
    after = tokens[j + 1 : j + 2]
    return tokens[j] == "and" and bool(after) and after[0] not in _NOT_LISTED


def _named_before(tokens: list[str], i: int) -> list[int]:
    """ "Watched a sepsis documentary": the up to three words between "a" (the, my…) and the noun at ``i``."""
    for k in range(i - 1, max(-1, i - 5), -1):
        if tokens[k] in _TOPIC_OPENS:
            return list(range(k + 1, i))
        if tokens[k] in BOUNDARY:
            break
    return []


def _tested_clear(tokens: list[str]) -> set[int]:
    """ "Had a scan for a clot and it was clear": the few words after "for", when the sentence gives a clear result."""
    out: set[int] = set()
    if _CLEAR.isdisjoint(tokens):
        return out  # most messages
    for test in range(len(tokens) - 1):
        if tokens[test] not in _TESTS:
            continue
        # "scan for a clot", "scanned my leg for a clot", "checked me for a DVT"
        i = next((j for j in range(test + 1, min(test + 4, len(tokens))) if tokens[j] == "for"), None)
        if i is None or any(t in BOUNDARY for t in tokens[test:i]):
            continue
        end = next((j for j in range(i + 1, len(tokens)) if tokens[j] in _ENDS), len(tokens))
        start = _sentence_start(tokens, test)
        sentence = tokens[start:end]
        result = [j for j in range(i + 1, end) if tokens[j] in _CLEAR]
        if not result or not _PENDING.isdisjoint(sentence) or not NOT_VERBS.isdisjoint(sentence):
            continue
        for j in range(i + 1, min(i + 7, result[0])):
            if tokens[j] in BOUNDARY or tokens[j] in _CLAUSE_START:
                break
            out.add(j)
    return out


def _clause_start(tokens: list[str], i: int) -> int:
    while i > 0 and tokens[i - 1] not in BOUNDARY:
        i -= 1
    return i


def _explained(tokens: list[str], matches: list[Match], negation: Set[str]) -> set[int]:
    """ "Lost weight on slimming world", "menopause night sweats": where those signs start."""
    out: set[int] = set()
    said = set(tokens)
    denials = negation | NOT_VERBS
    sentence = 0
    sentences: list[int] = []
    for t in tokens:
        sentences.append(sentence)
        sentence += t in ".!?;"
    for start, _end, entry in matches:
        because = _EXPLAINED.get(entry.id)
        if because is None or entry.slot not in ("red_flag", "screen") or because.isdisjoint(said):
            continue
        needs, unless = _EXPLAINED_ONLY.get(entry.id, (frozenset(), frozenset()))
        if not needs <= said or not unless.isdisjoint(said):
            continue
        # "not dieting", "haven't been fasting or dieting": the explanation denied, just before it or in its list.
        denied = any(t in because and not denials.isdisjoint(tokens[max(0, k - 5) : k]) for k, t in enumerate(tokens))
        unexplained = any(
            t in _UNEXPLAINED and n == sentences[start] and (t not in ("reason", "why") or not _NO_REASON.isdisjoint(tokens[max(0, k - 3) : k]))
            for k, (t, n) in enumerate(zip(tokens, sentences, strict=True))
        )
        unexplained = unexplained or not _STILL_SO.isdisjoint(tokens[_clause_start(tokens, start) : start])
        if not (denied or unexplained):  # "not dieting", "it isn't the menopause"; "lost weight without trying"
            out.add(start)
    return out


def _ruled_out(tokens: list[str], covered: Set[int]) -> set[int]:
    """ "They ruled out a clot", "a clot was ruled out": the few words after, and the few before in its clause."""
    out: set[int] = set()
    for i in range(len(tokens) - 1):
        if tokens[i : i + 2] != ["ruled", "out"] or i in covered:
            continue
        before: list[int] = []
        for j in range(i - 1, max(-1, i - 5), -1):  # "a clot was ruled out", "a DVT has been ruled out"
            if tokens[j] in BOUNDARY or tokens[j] in _CLAUSE_START or tokens[j] in {"though", "although", "however", "except"}:
                break
            before.append(j)
        said = {tokens[j] for j in before}
        if said & _NOT_YET or said & NOT_VERBS or said & {"not", "never", "cant", "cannot"}:
            continue  # "need it ruled out", "they haven't ruled out a clot": still possible
        out.update(before)
        for j in range(i + 2, min(i + 7, len(tokens))):
            if tokens[j] in BOUNDARY or tokens[j] in _SCOPE_END:
                break
            out.add(j)
    return out


def _asked(tokens: list[str], covered: Set[int]) -> set[int]:
    """ "What does saddle numbness mean?", "what's saddle numbness?": the words asked about."""
    out: set[int] = set()
    for i in range(len(tokens)):
        opener = next((q for q in _WHAT if tuple(tokens[i : i + len(q)]) == q), None)
        if opener is None:
            continue
        start = i + len(opener)
        end = next((j for j in range(start, len(tokens)) if tokens[j] in BOUNDARY), len(tokens))
        mean = next((j for j in range(start, min(start + 7, end)) if tokens[j] in _MEAN), None)
        asked = [j for j in range(start, end) if tokens[j] not in ("a", "an")]
        if mean is not None:
            out.update(range(start, mean))  # "what does it mean if I can't feel my bum": "it" only
        elif end < len(tokens) and tokens[end] == "?" and asked and all(j in covered for j in asked):
            out.update(asked)
    return out


def _struck_figure(tokens: list[str], matches: list[Match]) -> set[int]:
    """ "I feel like I've been hit by a bus": the rest of that clause, when it names no place."""
    out: set[int] = set()
    if _FEEL.isdisjoint(tokens) or _STRUCK.isdisjoint(tokens):
        return out  # most messages
    places = {k for s, e, m in matches if m.slot == "region" for k in range(s, e)}
    for i in range(1, len(tokens)):
        if tokens[i] != "like" or tokens[i - 1] not in _FEEL:
            continue
        opened = i - 1  # the clause the feeling is said in: "my head feels like…" speaks of a place
        while opened > 0 and tokens[opened - 1] not in BOUNDARY and tokens[opened - 1] not in _SPEECH_END:
            opened -= 1
        scope = []
        for j in range(i + 1, min(i + 9, len(tokens))):
            if tokens[j] in BOUNDARY or tokens[j] in _SPEECH_END:
                break
            scope.append(j)
        if not any(tokens[j] in _STRUCK for j in scope[:7]):
            continue
        if places.intersection(range(opened, i)) or places.intersection(scope):
            # "my shoulders feel like they've been hit by a bus": a place said so was not hit; only the
            # injury is a figure ("my head feels like it was hit by a hammer, worst ever" keeps its headache).
            out.update(k for s, e, m in matches if m.id in _STRUCK_SIGNS and s in scope for k in range(s, e))
        else:
            out.update(scope)
    return out


_JOKING = frozenset({("jk",), ("just", "kidding"), ("only", "kidding"), ("just", "joking"), ("only", "joking"), ("jokes", "aside"), ("kidding",), ("figuratively",)})
# Before "kidding": said already ("just kidding"), or not taking back ("not kidding", "im kidding myself").
_NOT_JOKING = frozenset({"just", "only", "not", "no", "im"})


def _taken_back(tokens: list[str]) -> set[int]:
    """ "I literally can't feel my legs after that step class jk I can, they're just sore": what was said before
    "jk", "just kidding", "figuratively" ("not literally" reads so)… in its sentence, or the sentence before when the cue
    opens its own ("…cant breathe (figuratively)")."""
    out: set[int] = set()
    for i in range(len(tokens)):
        cue = next((c for c in _JOKING if tuple(tokens[i : i + len(c)]) == c), None)
        if cue is None or (cue == ("kidding",) and i and tokens[i - 1] in _NOT_JOKING):
            continue
        start = _sentence_start(tokens, i)
        if start == i and start > 0:  # "…can't feel my legs. jk": the sentence before
            start = _sentence_start(tokens, start - 1)
        out.update(range(start, i))
    return out
