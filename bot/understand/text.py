"""Text into words: lower case, unified apostrophes, filler dropped, punctuation kept as boundaries;
plus the light stemmer and the English word list the other modules lean on."""

from __future__ import annotations

import functools
import gzip
import importlib.resources
import json
import re
import unicodedata
from collections.abc import Set as AbstractSet

from bot.content.schema import FILLER_WORDS

# A decimal ("39.5", "38.5c") is one word, not the end of a sentence.
_EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]+")
_EMOJI_THEN_CLAUSE = re.compile(
    _EMOJI.pattern + r"\s*(?=(?:my|i|i'm|im|i've|ive|i'd|anyway|anyways|but|and|so|she|she's|shes|he|he's|hes|the|it|it's|its|now|just|tho|though|"
    r"also|plus|then|we|they|our|his|her|can|could|is|does|do|what|how|x)\b)"
)
_TOKEN = re.compile(r"\d+\.\d+[a-z]*|[a-z0-9]+(?:'[a-z]+)?|[.,;:!?]")
BOUNDARY = frozenset(".,;:!?")

_FILLER = FILLER_WORDS
_BITER = frozenset({"i", "he", "she", "we", "they", "dog", "cat"})
_APOSTROPHE_S = re.compile(r"(?<=[a-z])'s\b")
# Not being able to do something is one thing however it is said: "haven't been able to control my
# bladder", "unable to", "couldn't" all read as "can't" (the words in the YAML say "can't"). Also "couldn't
# breathe": "couldnt breathe walking up the stairs today, never had that before" is as urgent as "can't".
_UNABLE = re.compile(
    r"\b(?:(?:\w+n't|\w+nt|not|never)\s+been\s+able\s+to|no\s+longer\s+able\s+to|(?:am\s+|is\s+|are\s+|was\s+|were\s+)?not\s+able\s+to"
    r"|unable\s+to|could\s*(?:not|n't|nt)|cannot)\b"
)
# One form of a word where people use several ("numbness around my bottom" = "numb around my bottom",
# "worse at nite" = "worse at night", "thru the sheets" = "through the sheets"; "my necks stiff" = "my neck's stiff").
SAME_WORD = {
    "numbness": "numb", "strait": "straight", "nite": "night", "nites": "nights", "tonite": "tonight", "thru": "through",
    "necks": "neck", "backs": "back",
}  # fmt: skip
# A dropped "g" in quick texts ("wakin up soakin", "killin", "mornin") is the "-ing" word, when that is a
# real word and what was typed is not ("begin", "skin", "within" stay as they are).
_DROPPED_G = re.compile(r"[a-z]{2,}in")
# The words of a weight; one typed against its number ("8kg", "10lbs", "2st") is read apart ("8 kg").
WEIGHT_UNITS = frozenset({"kg", "kgs", "kilo", "kilos", "lb", "lbs", "st", "stone"})
_WEIGHT_UNIT = re.compile(rf"\b(\d+(?:\.\d+)?)({'|'.join(sorted(WEIGHT_UNITS, key=len, reverse=True))})\b")
# Text speak: "lost weight w/o trying" = "without", "w/ a fever" = "with".
_WITH = re.compile(r"\bw/(o\b)?")
# "numb round my bum" = "numb around my bum" (only before "my", "the"…: "all year round" stays).
_ROUND = re.compile(r"\bround (?=(?:my|her|his|their|your|the)\b)")
# "my mates dad had a stroke", "my friends mum": whose relative it is does not matter, and the relative
# then begins the clause as in "my dad had a stroke" (someone else's health, not the person's).
_OWNER_OF_RELATIVE = re.compile(
    r"\b(?:mate|friend|pal|neighbour|neighbor|colleague|boss|partner|boyfriend|girlfriend|bf|gf|cousin)(?:'s|s'|s)\s+"
    r"(?=(?:dad|father|mum|mom|mam|mother|brother|sister|son|daughter|nan|grandad|grandma|granny|uncle|aunt|auntie|husband|wife)\b)"
)
# Irish and northern English for dad and mum: "asking for me da", "our ma's hip".
_DA_MA = re.compile(r"\b(?:(me|our|yer) (da|ma)|(my|your) (da))\b")
# "weight loss ❌ night sweats ❌": a cross after each item is a no to it, as in "weight loss? no. night sweats? no."
_CROSSED = re.compile(r"\s*[\u274C\u2716\u2717\u2718\U0001F6AB]\uFE0F?")
_TICKED = re.compile(r"[\u2705\u2714\u2611]\uFE0F?")  # a tick beside an item: the item is there
_NOT_LITERALLY = re.compile(r"\bnot\s+literally\b")  # "literally" is a filler word, dropped: the phrase is kept as what it means
# "my son just had a fit", "I've just had my knee replaced": "just" (a filler word, dropped) says it is now, not a
# relative's history ("my son had a fit" may be long ago) nor an operation long past: read as "now", which a filler
# is not. Only before such an event ("just had a baby, can I book?" asks the FAQ as before).
_JUST_NOW = re.compile(
    r"\bjust (?=(?:had (?:a|an) (?:fit|seizure|stroke|fall|funny turn|blackout|collapse|heart attack|accident|crash|operation|op)"
    r"|had (?:my|his|her) \w+ (?:replaced|done|operated on|pinned|plated))\b)"
)
_HAS_S = re.compile(r"\b(nobody|no one|someone|somebody|everyone|everybody)'s\b")  # "nobody's had" = "nobody has had"
_SENTENCE = re.compile(r"[.!;\n]+")
_WORDS = re.compile(r"[a-z0-9']+")
_LEAD_IN = frozenset({"ok", "okay", "no", "yes", "yeah", "nope", "none", "but", "and", "so", "also", "hi", "hey", "thanks", "well", "oh"})
# "can't you just…", "can Sarah…": asking someone to do something.
_ASK_START = re.compile(
    r"^(cant you|can't you|couldnt you|couldn't you|wont you|won't you"
    r"|can (?:the |my |your |our )?[a-z]+ (?:just |please )?(?:have|take|see|look|do|give|call|check|help))\b"
)
_ASKING = re.compile(
    r"^(?:do|does|can|could|will|would|should|is|are) (?:you|u|i|it|there|they|she|he|we|massage|this|that|nmt)\b(?!')"
    r"|^(?:how|what|whats|what's|where|who|why|which|hows)\b"
)
_QUESTION_START = re.compile(
    r"^(what|whats|what's|how|hows|does|do|did|is|are|can|could|will|would|should|where|when|who|why|which|any|"
    r"tell me|i want to know|i'd like to know|id like to know|wondering|do you|is there|are there)\b(?!'t)"
)  # "can't sleep" is not "can…?"


def normalize(text: str) -> str:
    """Lower case, unified apostrophes, punctuation to spaces, single spaces (for whole-text matching)."""
    return " ".join(t for t in tokenize(text) if t not in BOUNDARY)


def tokenize(text: str) -> list[str]:
    """Words and boundaries. "can't"/"cant" become one token, and filler words ("really", "a bit")
    are dropped on both sides of every match, so "can't really feel" meets "cant feel"."""
    return list(_split(text, mend=True))


@functools.lru_cache(maxsize=20_000)
def phrase_tokens(text: str) -> tuple[str, ...]:
    """``tokenize`` for the content's own phrases, cached: thousands of them share most of their words,
    read at every start. (People's messages are never cached: nothing they typed is kept.) The content
    is written with care: a dropped "g" is not looked for there."""
    return _split(text, mend=False)


def _split(text: str, mend: bool) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    text = _UNABLE.sub("can't", text)
    text = _OWNER_OF_RELATIVE.sub("", text)
    text = _DA_MA.sub(lambda m: f"{m.group(1) or m.group(3)} {'dad' if (m.group(2) or m.group(4)) == 'da' else 'mam'}", text)
    text = _ROUND.sub("around ", text)
    text = _WITH.sub(lambda m: "without" if m.group(1) else "with ", text)
    text = _WEIGHT_UNIT.sub(r"\1 \2", text)  # "dropped 8kg" reads as "8 kg", as the phrases say it
    text = _HAS_S.sub(r"\1 has", text)
    text = _JUST_NOW.sub("now ", text)
    if _TICKED.search(text) is None and _CROSSED.match(text.strip()) is None:  # only crosses, each after its item
        text = _CROSSED.sub("? no. ", text)
    text = _NOT_LITERALLY.sub("figuratively", text)  # "nearly passed out (not literally)": taken back (scopes._taken_back)
    text = _APOSTROPHE_S.sub(" is", text)  # "my back's sore" reads as "my back is sore"
    # "…last night 😬 she's ok now": an emoji before a new clause ends what was said, like a comma; inside a
    # phrase ("chest 💔 pain", "can't 😭 feel my legs") it is only a space.
    text = _EMOJI.sub(" ", _EMOJI_THEN_CLAUSE.sub(" , ", text))
    found = [t.replace("'", "") for t in _TOKEN.findall(text)]
    # A filler word is dropped, but "bit" said after "i" is the verb: "ever since i bit into a baguette wrong".
    tokens = [t for k, t in enumerate(found) if t not in _FILLER or (t == "bit" and k and found[k - 1] in _BITER)]
    return tuple(SAME_WORD.get(t, t) for t in (map(_with_g, tokens) if mend else tokens))


def _with_g(token: str) -> str:
    """The "-ing" word a dropped-g token stands for ("wakin" -> "waking"); any other token as it is."""
    if _DROPPED_G.fullmatch(token):
        words = english_words()
        if token not in words and token + "g" in words:
            return token + "g"
    return token


def plain(text: str) -> str:
    """Lower case with '/' kept (for '7/10'), other punctuation to spaces, typo-free number words."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return " ".join(re.sub(r"[^\w'/]+", " ", text).split())


def looks_like_question(raw: str, norm: str) -> bool:
    """A message phrased as a question rather than as an answer."""
    return raw.rstrip().endswith("?") or bool(_QUESTION_START.match(norm))


def asks_something(raw: str, norm: str) -> bool:
    """A question anywhere in the message: the whole of it, or a sentence of it, after a leading
    "ok", "no" or "but" ("no none. how do i book", "ok but can Sarah have a look first")."""
    if looks_like_question(raw, norm):
        return True
    for sentence in _SENTENCE.split(raw.lower()):
        words = _WORDS.findall(sentence.replace("’", "'"))
        while words and words[0] in _LEAD_IN:
            words = words[1:]
        said = " ".join(words)
        # A later sentence asks only with a clear opening: "when I bend it gets worse" is a statement.
        if said and (_ASKING.match(said) or _ASK_START.match(said)):
            return True
    return False


def clauses(tokens: list[str]) -> list[list[str]]:
    """The words of each clause, split at punctuation (empty ones left out)."""
    out: list[list[str]] = [[]]
    for t in tokens:
        if t in BOUNDARY:
            out.append([])
        else:
            out[-1].append(t)
    return [c for c in out if c]


def stem(word: str) -> str:
    """A light English stemmer: enough to meet 'hurts'/'hurting', 'prices'/'price'."""
    word = word.replace("'", "")
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + keep
    return word


@functools.cache
def english_words(min_count: int = 20) -> frozenset[str]:
    """Real English words (pyspellchecker's frequency list): never "repaired" into vocabulary words."""
    resource = importlib.resources.files("spellchecker").joinpath("resources/en.json.gz")
    with resource.open("rb") as raw, gzip.open(raw) as f:
        counts: dict[str, int] = json.load(f)
    return frozenset(w for w, c in counts.items() if c >= min_count)


def has_phrase(tokens: list[str], phrases: AbstractSet[tuple[str, ...]], start: int = 0, end: int | None = None) -> bool:
    """Whether one of ``phrases`` occurs in ``tokens[start:end]``."""
    end = len(tokens) if end is None else end
    sizes = {len(p) for p in phrases}
    return any(tuple(tokens[i : i + n]) in phrases for i in range(start, end) for n in sizes if i + n <= end)


def bare(text: str) -> str:
    """Lower case without accents ("Plötzlich" → "plotzlich"): other languages typed on any keyboard."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
