"""Free text → structured answers, red flags and FAQ matches.

Everything clinical (regions, pain words, conditions, red flags, FAQ phrasings)
comes from ``knowledge/``; this package only knows *how* to read text:

1. tokens: lower case, apostrophes unified, punctuation kept as boundaries (``text``);
2. typo repair: a token nobody's dictionary knows is moved to the closest
   vocabulary word when rapidfuzz finds one close enough ("siatica", "lowr bak") (``lexicon``);
3. phrases: the longest vocabulary phrase wins at each position (``lexicon``);
   phrases said in parts ("suddenly + numb") are found anywhere in one sentence;
4. negation: "no numbness", "not after an injury", "not sharp, more of an ache";
   a relative's history and long ago likewise are not the person's symptoms now, and breathlessness
   "these days" is not sudden (``scopes``, ``parse``);
5. numbers: durations ("for 3 months", "since Monday") and 0-10 scores, only from numbers typed (``numbers``);
6. who it is about and their age ("my mum, she's 82": ``person``), the language (``language``), and
   history: past cancer, a joint replaced, surgery or a fracture and how long ago, weeks of pregnancy (``parse``);
7. FAQ: BM25 over each entry's question and phrasings, the question's own words first, with a confidence (``faq``);
8. replies to a yes/no question, hedges included ("kinda", "not that I know of"), and whether a leading
   "no" really denies (``intents``).

``Understanding`` puts them together for the engine; ``parse`` reads one message, ``intents`` whole-message replies.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection
from typing import TYPE_CHECKING

from bot.content import RED_FLAG_LEVELS, Content

from . import doubt, numbers
from .faq import FAQ_CONFIDENT, FAQ_CONFIDENT_STATEMENT, FAQ_POSSIBLE, FaqIndex, faq_answer, faq_offers
from .foreign import ForeignSigns
from .intents import SOCIAL, Intents, reply_words
from .lexicon import STOP_WORDS, Lexicon
from .numbers import duration, severity, severity_reply
from .parse import HISTORY_SIGNS, MAX_TEXT, Parse, Parser, add_new, cause_ruled_out
from .person import SIGN_SLOTS
from .reading import Reading, cut, typed_command
from .scopes import FINE_NOUNS, NOT_VERBS
from .text import BOUNDARY, WEIGHT_UNITS, asks_something, english_words, looks_like_question, normalize, plain, tokenize

if TYPE_CHECKING:
    from .faq_meaning import FaqMeaning

__all__ = [
    "FAQ_CONFIDENT",
    "FAQ_CONFIDENT_STATEMENT",
    "FAQ_POSSIBLE",
    "HISTORY_SIGNS",
    "MAX_TEXT",
    "SOCIAL",
    "Parse",
    "Reading",
    "Understanding",
    "duration",
    "english_words",
    "fitting_flags",
    "looks_like_question",
    "normalize",
    "plain",
    "severity",
    "tokenize",
    "typed_command",
]


_LETTERS = re.compile(r"[^\W\d_]+")
_FIRST_SENTENCE = re.compile(r"(?<=[.!?;\n])\s+")
# Pain types that are a nerve's, not a muscle's: kept back after a "no", they may be the sign asked about.
_NERVE = frozenset({"numbness", "tingling"})
# Words after a "no" that keep it a plain denial ("no thank god", "nope none of those mate, all fine").
_AFTER_A_NO = frozenset(
    "thanks thank you ta cheers god goodness thankfully luckily phew at all mate love sorry lol haha x xx just i im am fine "
    "ok okay good great feel feeling of those them these that this the above one ones any apply applies to me myself and or "
    "either neither nope nop nah no not none nothing really honestly tbh dramatic serious worrying 👍 u dont do have has had "
    "never ever anything problems problem issues issue grand nowt like healthy health clean bill pretty otherwise ordinary "
    "out there thats why want a an massage know would id if things stuff sound apart from else is are was be been it in for "
    "with what absolutely definitely certainly course bud pal hun checking asking moment right now currently symptoms "
    "report ring bell slow reply here clear fit fiddle fighting rain horse touch wood on as said told say tell mentioned already".split()
)
# Words that keep something back after a "no" ("no, my arm feels funny"), and the kinds of words that are signs.
_ODD = frozenset(
    "funny weird odd strange off different wrong numb numbness tingly tingling tingle pins heavy heaviness dead floppy useless "
    "clumsy blurry blurred double slurred slurring dizzy dizziness faint fainted woozy weak weakness confused confusion droopy drooping "
    "jelly wobbly folding buckling".split()
)
_NEGATORS = frozenset("no not nothing never isnt wasnt arent nowt none".split())
_DENYING = _NEGATORS | NOT_VERBS  # "no my breathing's not normal", "no, I don't feel normal": the "normal" is denied


def _kept_back(words: tuple[str, ...], rest: tuple[str, ...]) -> bool:
    """Whether the words of a reply said after its "no" (``rest``, the end of ``words``) tell of something
    odd ("no, my arm feels funny", "no, the same numbness as yesterday"), not denied ("no nothing odd",
    "not a weird colour", "no numbness")."""
    start = len(words) - len(rest)
    first = next((k for k, w in enumerate(words) if w in _NEGATORS), None)  # the reply's own no: it denies only what follows it at once

    def denied(k: int) -> bool:
        return any(words[j] in _NEGATORS and (j != first or j == k - 1) for j in range(max(0, k - 3), k))

    return any(w in _ODD and not denied(k) for k, w in enumerate(words) if k >= start)


_NORMAL = frozenset("normal fine usual good alright".split())  # "no, colour's normal"
# What a description that clears a list may say (see Understanding._only_described).
_DESCRIBING = frozenset({"region", "pain_type", "onset", "duration", "activity", "cause", "effect", "side", "condition"})
# Below this, the second reader finds a sign in a reply's description very unlikely ("just a stiff neck from
# a rubbish hotel pillow" 0.01, "i've not peed since yesterday" 0.67, "breathing not great" 0.18).
_NO_SIGN = 0.05
_LASTING = frozenset({"weeks", "months"})  # answers.yaml durations of a pain that has lasted a week or more
# Little words, and the plain words of pain ("no, the pain is a dull ache"); not numbers ("no just my back, 39.5").
_LITTLE = STOP_WORDS | _AFTER_A_NO | _NORMAL | frozenset("pain pains painful hurt hurts hurting ache aches achy sore looks look feels seems".split())
# A sign said to be happening now or today ("he collapsed in the garden just now", "my face has gone droopy in
# the last hour"): advised on at once unless the reader of meaning is sure there is none (see Understanding.may_ask_first).
# Said to be happening this very moment, not only today ("my wife is having a fit right now"): advised on at once even
# when the reader of meaning is sure there is no sign (see Understanding.may_ask_first).
_MOMENT = r"right now|just now|at the moment|currently|(an?|few|couple of|\d+) (mins?|minutes?) ago"
_THIS_MOMENT = re.compile(rf"\b({_MOMENT})\b", re.IGNORECASE)
_SAID_NOW = re.compile(
    rf"\b({_MOMENT}|today|tonight|this (morning|afternoon|evening)|since (this morning|last night)"
    r"|(an?|few|couple of|\d+) (hours?|hrs?) ago|(in|over|for) the (last|past) (hour|few hours|\d+ hours?))\b",
    re.IGNORECASE,
)
# A sign told as the writer's own event, in words that are not a figure of speech ("i passed out after the
# session", "studying for exams with a thunderclap headache"): advised on at once, as _SAID_NOW. Not "nearly
# passed out", and not long ago ("fainted once when I was 13": the past scope drops the sign itself).
_TOLD_AS_MINE = re.compile(
    r"\b(i|i've|ive) (just |then |suddenly |actually )?(passed out|blacked out|fainted|collapsed|keeled over)\b(?! (on|onto|into|in) (the |my )?(sofa|bed|couch|settee))"
    r"|\b(with|got|have|having) an? thunderclap\b",
    re.IGNORECASE,
)
# A message told as a joke: "lol", "haha", "lmao" and laughing or embarrassed emoji (see meaning.UNLIKE_IF_JOKING).
_JOKING = re.compile(r"\b(lol|lols|haha\w*|lmao|lmfao|rofl)\b|[😂🤣😅🙈🤦😆]", re.IGNORECASE)
_ANSWER_WORDS = 4  # words: a shorter message is an answer ("yes", "lower back", "a bit sharp"), not an account
_ACCOUNT_WORDS = 8  # words: a message this long tells something, whatever a reply's words are in it
_SHORT_ASIDE = 6  # words: "no, just a cold", "nope, no fall or anything"


def _an_account(raw: str, yes_no: str | None, hedge: str | None, reported: bool) -> bool:
    """A message that tells something, not an answer of a few words ("yes", "lower back", "a bit sharp")
    nor a reply to a closed question ("could be? I haven't checked", "it does look a bit red actually"
    sound like signs only out of context): a long one (a reply's hedge words turn up in accounts too: "she
    is pale and vomiting", "I don't feel the need to wee"), or one with no yes or no, and no hedge unless
    it reports a sign of its own."""
    words = len(_LETTERS.findall(raw))
    return words >= _ACCOUNT_WORDS or (words >= _ANSWER_WORDS and yes_no is None and (hedge is None or reported))


def fitting_flags(content: Content, flag_ids: list[str], regions: list[str], pain: bool = True, with_symptom: Collection[str] = (), theirs: Collection[str] = ()) -> list[str]:
    """The warning signs that can apply to where it hurts. A circumstance (a flag marked context:
    "pregnant", "a knee replacement") counts only where the flag is asked, and when that is not known
    only beside a pain (``pain``): "I'm 20 weeks pregnant, can I have a massage?" is not tummy pain in
    pregnancy. Told with a symptom of its own (``with_symptom``: "28 weeks pregnant and bleeding, my
    back aches") it counts wherever the pain is, and so do someone else's signs (``theirs``: "my dad's
    leg looks bent after a fall, my back hurts"). Any other sign counts where it can apply (all of them
    when that is not known)."""
    flags = {f.id: f for f in content.red_flags}
    if not regions:
        return [f for f in flag_ids if f not in flags or not flags[f].context or f in with_symptom or pain]
    return [f for f in flag_ids if f in flags and (f in theirs or f in with_symptom or any(flags[f].fits_typed(r) for r in regions))]


class Understanding:
    """Built once from the content (a few ms); then cheap per message."""

    def __init__(self, content: Content, meaning: bool = True) -> None:
        """``meaning``: read with the reader of meaning too (meaning.py) when it is installed."""
        self.content = content
        self.reads_meaning = meaning
        # The sign an emergency read by meaning counts as (red_flags.yaml `meaning: yes`; none: the reader is off).
        self.meaning_sign = next((f for f in content.red_flags if f.meaning), None)
        self.lexicon = Lexicon(content)
        self.intents = Intents(content)
        self.faq_index = FaqIndex(content, lambda: self.lexicon.known)
        self.parser = Parser(content, self.lexicon, self.faq_index)
        self.always_advised = self.parser.always_advised  # red_flags.yaml always_advised
        self.foreign = ForeignSigns(content.screen)
        self._faq_meaning: FaqMeaning | None = None  # built once, by the warm-up or the first question
        self._faq_meaning_lock = threading.Lock()

    def warm(self, background: bool = False) -> None:
        """Read the English word list (typo repair, language) and load the readers (of meaning, the second one,
        the onset layer) before the first message needs them (not while a Telegram update waits); in a thread
        when ``background``, so a first prompt is not held up by them."""
        if background:
            threading.Thread(target=self._warm, name="warm-words", daemon=True).start()
        else:
            self._warm()

    def _warm(self) -> None:
        self.lexicon.warm()
        numbers.warm()  # the holidays' names and dates ("since mashujaa day")
        doubt.stored()  # the second reader (0.3 s to read), not at the first message
        if self.reads_meaning and self.meaning_sign is not None:
            from . import meaning, onsets

            meaning.stored()
            onsets.stored()
        self._faq_by_meaning()  # encodes any phrasing the stored vectors lack (nothing without the reader of meaning)

    # ------------------------------------------------------------------ words

    def repair(self, token: str) -> str:
        """The vocabulary word a misspelt token was meant to be, or the token itself."""
        return self.lexicon.repair(token)

    def other_illness(self, norm: str) -> bool:
        """Whether the message speaks of an illness that is not muscle or joint pain (a cough, a cold…)."""
        return self.intents.other_illness(norm)

    def command_word(self, norm: str) -> str | None:
        """'back', 'restart' or 'help' when the whole message is one of their words."""
        return self.intents.command_word(norm)

    def bare_yes_no(self, norm: str) -> bool:
        """The whole message is only a yes, a no or a not sure."""
        return self.intents.bare_yes_no(norm)

    def social(self, norm: str) -> str | None:
        """'thanks', 'hello', 'bye' or 'ok' when the whole message is only that (words.yaml groups)."""
        return self.intents.social(norm)

    def is_not_sure(self, norm: str) -> bool:
        return self.intents.is_not_sure(norm)

    def yes_no(self, norm: str) -> str | None:
        """'yes', 'no' or 'unsure' for a reply to a closed question, else None."""
        return self.intents.yes_no(norm)

    # ------------------------------------------------------------------ reading

    def read(self, text: str) -> Reading:
        """Everything one typed message gives, read once."""
        raw, too_long = cut(text)
        norm = normalize(raw)
        parsed = self.parse(raw)
        self._order_faq(raw, parsed)
        words = reply_words(raw)
        rest = self.intents.after_the_no(words)  # what a reply says after its leading no, if any
        kept = self._kept_after_no(words, rest)
        if kept is not None:  # "no just chest pain when I climb stairs": those signs are said, not denied
            for slot in ("screen", "red_flags", "contra", "regions"):
                for item in getattr(kept, slot):
                    add_new(getattr(parsed, slot), item)
        reported = self._reported(parsed)
        hedge = self.intents.hedge(raw, reported)
        if hedge == "no" and not reported:
            hedge = self._qualified_no(raw, norm)
        if hedge == "no" and not reported and _kept_back(words, rest):
            hedge = "unsure"  # "no, but my bum feels numb", "no my speech is off": not a plain no
        yes_no = self.yes_no(norm)
        if _an_account(raw, yes_no, hedge, reported):
            self._read_account(raw, parsed)
        return Reading(
            raw=raw,
            norm=norm,
            too_long=too_long,
            command=typed_command(raw),
            word=self.command_word(norm) if norm else None,
            social=self.social(norm) if norm else None,
            parsed=parsed,
            yes_no=yes_no,
            bare_yes_no=self.bare_yes_no(norm),
            not_sure=self.is_not_sure(norm),
            illness=self.other_illness(norm),
            severity=severity_reply(plain(raw)),
            faq=faq_answer(parsed),
            offers=tuple(faq_offers(parsed)),
            hedge=hedge,
            denial=hedge == "no" and parsed.language == "en",
            # A list of signs is cleared only by a no with nothing else beside it that could keep one back.
            clears_list=hedge == "no" and parsed.language == "en" and not reported and self._nothing_else(raw, rest, parsed),
        )

    def _qualified_no(self, raw: str, norm: str) -> str | None:
        """A "no" that keeps something back is not a denial: "no, only the dizziness", "no to most of
        them" are unsure (then asked one at a time); "no, is pins and needles the same as numb?"
        answers nothing. "no, just my back aching" or "no, just a cold" (only where and how it hurts, or
        an everyday illness) stays a no."""
        first = _FIRST_SENTENCE.split(raw.strip(), maxsplit=1)[0]  # "nope none of those. is there parking?" denies
        if looks_like_question(first, normalize(first)):
            return None
        tail = self.intents.exception(raw)
        if tail is None or self.intents.starts_with_no(tail):  # "…but that's normal for me, nothing new"
            return "no"
        if asks_something(tail, normalize(tail)) or self.social(normalize(tail)):
            return "no"  # "no none, but where do you park", "no, none of those, but thank you": answered aside
        said = self.parse(tail)
        if faq_answer(said) is not None:
            return "no"  # "none of those, just want to book a massage"
        described = bool(said.regions or said.pain_said or self.other_illness(normalize(tail))) and not _NERVE.intersection(said.pain_types)
        return "no" if described else "unsure"

    def _nothing_else(self, raw: str, rest: tuple[str, ...], parsed: Parse) -> bool:
        """Whether what a "no" is followed by (``rest``) keeps it a denial of a whole list: nothing, thanks
        and the like, more no ("no, none of those, all good"), a question aside, a sign denied ("no night
        sweats"), "normal" ("no, it looks normal"), or where and how it hurts ("no, just my back"); after
        "but", only more no ("…but that's normal for me"). A question aside, an everyday illness or a sign
        denied clears it only when nothing is described beside it ("no just my shoulder, heartburn and pain
        going down my left arm" does not). ``parsed``: the reply as read. (Something odd
        after the no, "no, my arm feels funny", has already made the reply unsure: see ``_kept_back``.)"""
        if all(w in _AFTER_A_NO or w in _ODD for w in rest):
            return True  # "no none of those thanks", "no nothing odd"
        text = " ".join(rest)
        said = self.parse(text)
        norm = normalize(text)
        # Nothing beside the no but words: no place or pain said, and no number ("no just a cold, temp 39",
        # "no fever, 8kg down" may tell of a sign the lists do not read). Only then may a question aside,
        # an everyday illness or a denied sign clear the list.
        bare_words = not (said.regions or said.pain_said) and not any(ch.isdigit() for w in rest for ch in w)
        after_question = reply_words(raw.rsplit("?", 1)[1]) if "?" in raw else ()
        if bare_words and ("?" in raw or asks_something(text, norm) or self.social(norm)) and all(w in _LITTLE for w in after_question):
            return True  # "no none, but where do you park", "no. can I book for next tuesday?" (not "…? I've had a catheter put in")
        if "but" in rest:  # "no but I'm dizzy and sick" is not a plain no; "…but that's normal for me, nothing new" is
            cut_at = len(rest) - rest[::-1].index("but")
            head, tail = " ".join(rest[: cut_at - 1]), rest[cut_at:]
            if not _NORMAL.isdisjoint(tail) and self.intents.starts_with_no(" ".join(tail)):
                return True  # "…bit short of breath but that's normal for me, nothing new"
            # "no just my back but I don't have any feeling when I go to the loo": after "but", only little words.
            return all(w in _LITTLE for w in tail) and self._only_described(head)
        if bare_words and len(rest) <= _SHORT_ASIDE and (self.other_illness(norm) or any(n.split(":")[0] in SIGN_SLOTS for n in parsed.negated)):
            return True  # "no, just a cold", "no night sweats", "nope, no fall or anything"
        if not _NORMAL.isdisjoint(rest) and _DENYING.isdisjoint(rest) and self._only_described(text, FINE_NOUNS):
            return True  # "no, it looks normal", "no my temperature is normal, neck stiff" (not "my breathing's not normal", "no fine, scales say 8kg less")
        if bare_words and faq_answer(said) is not None:
            return True  # "no, just want to book a massage"
        return bool(said.regions or said.pain_said or said.onset or said.duration) and self._only_described(text)

    def _only_described(self, text: str, also: Collection[str] = ()) -> bool:
        """Whether every word of ``text`` says where or how it hurts, since when or from what ("just my
        lower back aching since monday"), or is an everyday little word; or, with other words, when the
        second reader finds a sign in it very unlikely ("just a stiff neck from a rubbish hotel pillow").
        A description with anything else in it ("i've not peed since yesterday", "had my knee done 2
        weeks ago") may tell of a sign the lists do not know, so it does not clear one. ``also``: more words
        taken as little ones."""
        tokens = self.lexicon.words(text)
        matches, _ = self.lexicon.find_parts(tokens)
        described = {k for s, e, m in matches if m.slot in _DESCRIBING and m.id for k in range(s, e)}
        measured = {k for k, t in enumerate(tokens[1:], 1) if t in WEIGHT_UNITS}  # "8 kg": a weight, not a score
        if any(any(c.isdigit() for c in t) and not (t.isdigit() and int(t) <= 10 and k + 1 not in measured) for k, t in enumerate(tokens) if k not in described):
            return False  # a number that is not a score: "39.5", "8kg less" may be a fever, a weight lost
        if all(k in described or t in BOUNDARY or t in _LITTLE or t in also or t.isdigit() for k, t in enumerate(tokens)):
            return True
        # Any other word ("a rubbish hotel pillow", "after football", "had it scoped"): the second reader decides.
        model = doubt.stored()
        return model is not None and model.score(text) < _NO_SIGN

    def _reported(self, parsed: Parse) -> bool:
        """Whether a message reports a warning sign, or a contraindication that needs a doctor first."""
        return bool(parsed.red_flags or parsed.screen or any(self._stops_massage(c) for c in parsed.contra))

    def _kept_after_no(self, words: tuple[str, ...], rest: tuple[str, ...]) -> Parse | None:
        """ "no just chest pain when I climb stairs": what is said after "no just" or "no only" (without a
        comma, read as one phrase the no would deny), when it reports a sign; else None. ``words``: the
        reply's words; ``rest``: those after its leading no."""
        if len(rest) < 2 or rest[0] not in ("just", "only") or len(rest) == len(words):
            return None
        said = self.parse(" ".join(rest[1:]))
        return said if self._reported(said) else None

    def _stops_massage(self, contra_id: str) -> bool:
        check = self.content.contraindication(contra_id)
        return check is not None and check.level in RED_FLAG_LEVELS

    # ------------------------------------------------------------------ parsing

    def parse(self, raw: str, faq: bool = True) -> Parse:
        """Everything one message says (in another language: only the emergency signs it names)."""
        out = self.parser.parse(raw, faq)
        if out.language != "en":
            for sid in self.foreign.signs(raw, out.language):
                add_new(out.screen, sid)
        elif not (out.screen or out.red_flags) and any(w not in english_words() for w in _LETTERS.findall(raw.lower())):
            code, found = self.foreign.anywhere(raw)  # "Herzinfarkt", "dolor en el pecho": too short to tell the language
            if code is not None:
                out.language = code
                out.screen.extend(found)
        return out

    def _read_account(self, raw: str, out: Parse) -> None:
        """What the readers over the encoder add to a message that tells something: how urgent it sounds,
        and how the pain started when its words name no onset."""
        self._read_meaning(raw, out)
        self._read_onset(raw, out)

    def _read_meaning(self, raw: str, out: Parse) -> None:
        """A message that sounds like a sign at a level no sign the word lists read reaches: an emergency is
        the sign read by meaning (``out.red_flags``: its advice at once); a doctor today or first, the
        careful-check line (``out.doubt``), and the questions go on (the first screen and the region's
        checks may find more). A message the reader is confident carries no sign, though the word lists
        named one ("I'm a carer for my mum who had a stroke"), or hears none in any of its sentences read alone
        (``meaning.UNLIKE_IN_EACH``), or leans to none in a message told as a joke (``meaning.UNLIKE_IF_JOKING``),
        or is not sure of one in a message that says it was checked and cleared
        (``out.sounds_over``): the signs named are asked about first
        (``out.to_confirm``, see ``bot.confirm``), not advised on at once. Only for an account in English:
        not for an answer of a few words ("yes", "lower back", "a bit sharp"), nor a reply to a closed
        question (see ``_an_account``)."""
        if not self.reads_meaning or self.meaning_sign is None or out.language != "en":
            return
        from bot.triage import more_urgent

        from . import meaning  # numpy and the encoder: not loaded at start

        if (reader := meaning.stored()) is None:
            return
        text = raw[:MAX_TEXT]
        levels = self.parser.levels
        # The signs read that count where it hurts (a calf's sign read in "pain… going through to my chest" does not).
        flags = fitting_flags(self.content, out.red_flags, out.regions + out.their_regions, out.pain_said, out.with_symptom, out.theirs_now)
        named = [(kind, i) for kind, ids in (("red_flag", flags), ("screen", out.screen)) for i in ids if levels.get((kind, i)) in RED_FLAG_LEVELS]
        # Said to be over: not a sign whose past counts ("had cancer years ago, all clear, and now…": red_flags.yaml past_counts).
        past = any(i in self.parser.past_counts for _, i in named)
        over = out.sounds_over and not past
        # Nor, for such a sign, when only each sentence read alone sounds unlike one ("breast cancer 10 years ago.
        # in remission. can I book?": the practice's rule stands). Read last: each sentence is encoded anew.
        if (
            named
            and self.may_ask_first(text, out, sure=reader.sure_of_none(text))
            and (
                reader.unlike_a_sign(text)
                or (over and reader.unsure_of_a_sign(text))
                or (not past and _JOKING.search(text) is not None and reader.unlike_if_joking(text))
                or (not past and reader.unlike_in_each(text))
            )
        ):
            # "I'm a carer for my mum who had a stroke": the signs named are asked about before any advice.
            out.to_confirm = [i for _, i in named]
            out.red_flags = [f for f in out.red_flags if ("red_flag", f) not in named]
            out.screen = [s for s in out.screen if ("screen", s) not in named]
            # "paramedic here, I deal with chest pains all day, my lower back is wrecked": a place said only in
            # the words of the signs asked about is not where it hurts, when the person says a place of their own.
            only_asked = {p for p, signs in out.sign_places.items() if not set(signs).isdisjoint(out.to_confirm) and set(signs).isdisjoint(out.screen)}
            if any(r not in only_asked for r in out.regions):
                out.regions = [r for r in out.regions if r not in only_asked]
            return
        level = reader.level(text)
        if level is None:
            return
        found = [levels[n] for n in named] + [levels["contra", c] for c in out.contra if levels.get(("contra", c)) in RED_FLAG_LEVELS]
        # Signs the lists read as denied ("fever, rash, light hurting? not me") count as named: the reader must be surer.
        denied = any(tag.startswith(("red_flag:", "screen:")) for tag in out.negated)
        if all(more_urgent(level, f) for f in found) and (not (found or denied) or reader.overrules(text)):
            if level == self.meaning_sign.level:
                if (out.sounds_over or out.duration in _LASTING) and not reader.overrules(text):
                    # Heard in a message that says it was cleared ("exploding headache once, years ago, the scan
                    # was all clear"), or of a pain that has lasted weeks ("my nan's neck has been getting stiffer
                    # for years, she's 88, can't look up at the telly"), and not surer than that: the careful-check
                    # line and the first screen, not the advice. (Every development and held-out sign heard only by
                    # meaning in a pain of weeks scores 0.9 or more: the signs' words name it, or the reader is sure.)
                    out.doubt = True
                    return
                add_new(out.red_flags, self.meaning_sign.id)  # an emergency: its advice at once
            else:
                # A doctor today or first: the careful-check line, the questions go on, and the outcome is at least this.
                out.doubt = True
                out.heard = level

    def _faq_by_meaning(self) -> FaqMeaning | None:
        """The FAQ phrasings by meaning (faq_meaning.py), when the reader of meaning is installed."""
        if not self.reads_meaning:
            return None
        from . import meaning
        from .faq_meaning import FaqMeaning, load_stored  # numpy: not loaded at start

        reader = meaning.stored()
        if reader is None:
            return None
        with self._faq_meaning_lock:
            if self._faq_meaning is None:
                encode = reader.encoder.encode
                self._faq_meaning = FaqMeaning(self.content, encode, load_stored(encode))
            return self._faq_meaning

    def _order_faq(self, raw: str, out: Parse) -> None:
        """The FAQ entries a question's words point to, put in order by meaning too (faq_meaning.py)."""
        if len(out.faq) < 2 or out.language != "en" or (by_meaning := self._faq_by_meaning()) is None:
            return
        out.faq = by_meaning.reorder(out.faq, by_meaning.encode(self.parser.asked_words(raw)))

    def _read_onset(self, raw: str, out: Parse) -> None:
        """How it started, read by meaning (onsets.py) in an English account of a pain whose words name no
        onset ("one wrong scoop and bam", "10 hr shifts on my feet")."""
        if not self.reads_meaning or out.onset is not None or out.language != "en" or not (out.regions or out.pain_said):
            return
        from . import meaning, onsets

        if (reader := meaning.stored()) is None or (layer := onsets.stored()) is None:
            return
        text = raw[:MAX_TEXT]
        guess = layer.guess(reader.vector(text), text)
        if (guess == "overuse" and cause_ruled_out(raw)) or (guess == "sudden" and "onset:sudden" in out.negated):
            guess = None  # "im a lecturer, the teaching is fine"; "didnt fall, didnt bang it": a start denied is not read back in
        out.onset = guess

    def may_ask_first(self, raw: str, parsed: Parse, sure: bool = False) -> bool:
        """Whether the signs named in a message may be asked about first when the reader of meaning hears no
        sign in it: not someone else's said to be happening now ("my husband has chest pain right now"), nor
        any said to be happening now or today ("he collapsed in the garden just now"), unless the reader is
        ``sure`` neither the whole message nor any of its sentences tells one (``Meaning.sure_of_none``: "took
        a piriton last night and felt muddled, fine today") and it is not said to be this very moment ("my wife is
        having a fit right now"); never one told as the writer's own event ("i passed
        out after the session"), nor a sign whose words are never a figure of speech ("…better off without me":
        red_flags.yaml always_advised)."""
        if not self.always_advised.isdisjoint(parsed.red_flags) or _TOLD_AS_MINE.search(raw) is not None:
            return False
        if sure and _THIS_MOMENT.search(raw) is None:
            return True
        theirs_now = not set(parsed.theirs_now).isdisjoint({*parsed.red_flags, *parsed.screen})
        return not theirs_now and _SAID_NOW.search(raw) is None

    def an_account(self, raw: str, parsed: Parse | None = None) -> bool:
        """Whether the reader of meaning reads the message, read alone (see ``_an_account``); ``parsed``: as parsed."""
        reported = self._reported(parsed or self.parse(raw))
        return _an_account(raw, self.yes_no(normalize(raw)), self.intents.hedge(raw, reported), reported)

    def describe(self, raw: str) -> Parse:
        """``parse`` plus the practice's condition that best fits the regions and sensations given."""
        from bot.state import Conversation
        from bot.triage import match_condition

        out = self.parse(raw)
        self._order_faq(raw, out)
        if self.an_account(raw, out):
            self._read_account(raw, out)  # as ``read`` does
        # A region's warning sign counts where it can apply ("when I walk" is a calf sign, not a hip one).
        out.red_flags = fitting_flags(self.content, out.red_flags, out.regions + out.their_regions, out.pain_said, out.with_symptom, out.theirs_now)
        if out.regions:
            answers = {"region": out.regions[0], "pain_type": out.slot("pain_type"), "onset": out.onset}
            best = match_condition(self.content, Conversation(answers=answers, hints=list(out.conditions)))
            if best is not None:
                add_new(out.conditions, best.id)
        return out

    def fitting_flags(self, flag_ids: list[str], regions: list[str], pain: bool = True, with_symptom: Collection[str] = (), theirs: Collection[str] = ()) -> list[str]:
        """The warning signs that can apply to where it hurts (see ``fitting_flags``)."""
        return fitting_flags(self.content, flag_ids, regions, pain, with_symptom, theirs)

    # ------------------------------------------------------------------ the engine's questions

    @staticmethod
    def faq_answer(parsed: Parse) -> str | None:
        """The FAQ entry the message confidently asks about, if any."""
        return faq_answer(parsed)

    @staticmethod
    def faq_offers(parsed: Parse) -> list[str]:
        """Entries to offer as "did you mean…" when no answer is confident."""
        return faq_offers(parsed)
