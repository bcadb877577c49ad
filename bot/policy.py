"""What a typed message does in the middle of the flow: one ordered list of handlers.

Each handler looks at the turn, the message as read and the current step, and says whether it
dealt with the message. The first that does wins, so the order below *is* the policy:
safety before answers, the person's own step before the FAQ, a friendly fallback last.
"""

from __future__ import annotations

from collections.abc import Callable

from . import answers, buttons, confirm, steps
from .content import Content
from .replies import Button, Reply
from .steps import Step
from .summary import check_label
from .triage import more_urgent
from .turn import Turn
from .understand import Parse, Reading, fitting_flags

Handler = Callable[[Turn, Reading, Step], bool]

_KEPT_WITH_A_WARNING = ("region", "pain_type", "onset", "duration", "severity")


def command_word(turn: Turn, r: Reading, step: Step) -> bool:
    """A command in words ("back", "start over", "help", "can I talk to a person")."""
    if r.word == "back":
        turn.go_back()
    elif r.word == "restart":
        turn.restart()
    elif r.word == "help":
        turn.say(answers.help_reply(turn.content, turn.conv))
    elif r.word == "human" and turn.conv.level != "emergency":
        step.talk(turn)
    elif r.word == "how_many_more" and not step.concludes:
        left = steps.remaining(turn.content, turn.conv)
        turn.note(turn.msg("remaining_last") if left <= 1 else turn.msg("remaining", count=left))
    else:
        return False
    return True


def other_language(turn: Turn, r: Reading, step: Step) -> bool:
    """A message in another language is never taken as an answer: the bot says it reads English
    only, and how to get help in an emergency, in English and in the person's language. An
    emergency sign it names (the first screen's ``other_words``) gets the emergency advice too."""
    code = r.parsed.language
    if code == "en":
        return False
    urgent = any(s not in turn.conv.screen for s in r.parsed.screen)  # a new emergency: warning_sign gives its advice
    key = f"other_language_emergency_{code}" if urgent else f"other_language_{code}"
    own = turn.msg(key) if key in turn.content.messages else ""
    turn.note("\n".join(t for t in (turn.msg("other_language"), own) if t))
    return not urgent  # then warning_sign gives the advice


def small_talk(turn: Turn, r: Reading, step: Step) -> bool:
    """Only a thanks, hello, bye or ok (a note or a phone number is taken as typed)."""
    if r.social is None or step.takes_text:
        return False
    turn.note(turn.msg(f"reply_{r.social}"))
    return True


def warning_sign(turn: Turn, r: Reading, step: Step) -> bool:
    """A warning sign typed at any moment interrupts the questions with the right advice."""
    conv, parsed = turn.conv, r.parsed
    new_flags = [f for f in _fitting(turn, parsed, parsed.red_flags) if conv.flags.get(f) != "yes"]
    new_screen = [s for s in parsed.screen if s not in conv.screen]
    if not new_flags and not new_screen:
        return False
    if set(new_flags + new_screen) <= set(parsed.theirs_now):
        turn.note(turn.msg("someone_else_now"))  # "my wife just collapsed and isn't breathing, my back hurts": the advice is for her
    for slot in _KEPT_WITH_A_WARNING:  # keep what else they said, for the summary
        value = parsed.slot(slot)
        if value is not None and slot not in conv.answers:
            conv.answers[slot] = value
    conv.add_places(parsed.regions)
    conv.learn(parsed.history, parsed.age, parsed.for_whom, parsed.pregnancy_weeks)
    conv.contra.extend(c for c in parsed.contra if c not in conv.contra)  # "38 weeks pregnant and I fell…": kept, not asked again
    confirm.report(turn, new_flags, new_screen)
    return True


def _fitting(turn: Turn, parsed: Parse, flag_ids: list[str]) -> list[str]:
    """The red flags among ``flag_ids`` that count where it hurts, said now or before ("pregnant" alone is
    not tummy pain in pregnancy; see ``fitting_flags``)."""
    conv = turn.conv
    places = [p for p in (*parsed.regions, *parsed.their_regions, conv.region, *conv.places) if p]
    return fitting_flags(turn.content, flag_ids, places, parsed.pain_said, parsed.with_symptom, parsed.theirs_now)


def sign_in_passing(turn: Turn, r: Reading, step: Step) -> bool:
    """A sign named in a message the reader of meaning finds unlike any sign ("I'm a carer for my mum who
    had a stroke"): asked about ("is this happening now?") before the step's own question, and the
    message is read on for the rest (see ``bot.confirm``)."""
    parsed = r.parsed
    if not parsed.to_confirm or turn.conv.level == "emergency":  # already told whom to call
        return False
    flags = [i for i in parsed.to_confirm if turn.content.flag(i) is not None]
    fitting = set(_fitting(turn, parsed, flags))
    confirm.ask(turn.conv, [i for i in parsed.to_confirm if i in fitting or i not in flags])
    return False


def confirm_reply(turn: Turn, r: Reading, step: Step) -> bool:
    """A yes, no or not sure typed to "is this happening now?" (a hedged yes is a yes)."""
    if not turn.conv.confirm or r.hedge not in ("yes", "no", "unsure"):
        return False
    confirm.answer(turn, r.hedge)
    return True


def someone_elses_sign(turn: Turn, r: Reading, step: Step) -> bool:
    """Someone else's sign that needs a doctor today, said beside the person's own pain, gets a word for
    that person (once), and the message is read on for the person's own."""
    new = [s for s in r.parsed.others_signs if s not in turn.conv.others]
    if new:
        turn.conv.others.extend(new)
        turn.note(turn.msg("someone_else_today"))
    return False


def second_reader(turn: Turn, r: Reading, step: Step) -> bool:
    """A message the second reader is confident carries a warning sign, where the word lists named none:
    the person is asked, once, to go through the checks with care (and told whom to call if worried);
    the message is read on. When the reader of meaning heard a doctor today or first in it, the outcome
    will be at least that, whatever the checks find (``Conversation.heard``). Not when the message told of
    someone else's sign (the doubt is theirs), nor of another illness: its own reply says whom to see and
    when to call the emergency number ("a cough and a runny nose for a week")."""
    conv = turn.conv
    if r.parsed.heard and not r.parsed.others_signs and more_urgent(r.parsed.heard, conv.heard):
        conv.heard = r.parsed.heard
    if r.parsed.doubt and not r.parsed.others_signs and not conv.doubt and conv.level is None and not conv.confirm and not _illness(r, step):
        conv.doubt = True
        turn.note(turn.msg("doubt_check"))
    return False


def contraindication(turn: Turn, r: Reading, step: Step) -> bool:
    """A contraindication mentioned in passing is noted, and the message read on."""
    new = [c for c in r.parsed.contra if c not in turn.conv.contra]
    turn.conv.contra.extend(new)
    if new:
        turn.note(turn.msg("noted", items=", ".join(check_label(turn.content, c) for c in new)))
    return False


def expected_answer(turn: Turn, r: Reading, step: Step) -> bool:
    """An answer the step expects and recognises for sure (a time of day at the call-back time)."""
    return step.expects(r) and step.typed(turn, r)


def faq_question(turn: Turn, r: Reading, step: Step) -> bool:
    """A question the FAQ answers with confidence; what the message says about the pain is kept too
    (then the whole answer comes, and the next question after it)."""
    if not (r.parsed.question and r.faq):
        return False
    if _describes_pain(r) and step.keep(turn, r):
        answers.faq(turn, r.faq, aside=True)  # the next question follows, with what was understood
        return True
    answers.faq(turn, r.faq, step.faq_back(turn.conv))
    return True


def _describes_pain(r: Reading) -> bool:
    """The person's own pain is described (not only named in a question like "do you treat back pain?")."""
    p = r.parsed
    first_person = not _MINE.isdisjoint(r.norm.split())
    return bool(p.pain_said or p.onset or p.duration or p.severity is not None or (p.regions and first_person))


_MINE = frozenset({"my", "i", "ive", "im", "me"})
_SOMEONES = _MINE | {"his", "her", "their"}  # the person writing, or the one they write for


def _illness(r: Reading, step: Step) -> bool:
    """A cough, a cold…: not muscle or joint pain ("sore, and I've got a cold" still answers the pain question)."""
    answering_pain = step.state.slot == "pain_type" and r.parsed.pain_said
    return r.illness and not r.parsed.regions and not answering_pain and not step.takes_text


def illness_first(turn: Turn, r: Reading, step: Step) -> bool:
    """Another illness, where the step asks about the pain (before "for a week" is taken as the pain's)."""
    if not (step.about_pain and _illness(r, step)):
        return False
    turn.note(turn.msg("other_illness"))
    return True


def step_answer(turn: Turn, r: Reading, step: Step) -> bool:
    """The current step's own answer; a question asked with it is not dropped: what it may be, or
    honestly that the bot does not know ("my back's been bad for weeks, do you do dog massage?")."""
    if step.about_pain and r.parsed.question and r.offers and not _describes_pain(r):
        return False  # "do you treat back pain?" asks about a pain, it does not tell the person's own: "did you mean…"
    if not step.typed(turn, r):
        return False
    if r.parsed.question and r.offers:
        turn.aside(_offers(turn, r))
    elif r.parsed.asks_else:
        turn.aside(Reply(turn.msg("faq_unknown")))
    return True


def illness(turn: Turn, r: Reading, step: Step) -> bool:
    """Another illness, anywhere else."""
    if not _illness(r, step):
        return False
    turn.note(turn.msg("other_illness"))
    return True


def faq_statement(turn: Turn, r: Reading, step: Step) -> bool:
    """An FAQ topic named without a question ("parking", "prices pls")."""
    if not r.faq:
        return False
    answers.faq(turn, r.faq, step.faq_back(turn.conv))
    return True


def acknowledgement(turn: Turn, r: Reading, step: Step) -> bool:
    """A bare yes or no after the advice or an info step is not a question."""
    if not (step.acknowledges and r.bare_yes_no):
        return False
    turn.note(turn.msg("reply_ok"))
    return True


def advice_stands(turn: Turn, r: Reading, step: Step) -> bool:
    """After advice to see a doctor or get help, pushback ("it's only a pulled muscle, can I book for
    tomorrow?") gets the same advice again, kindly and firmly: never a guess or a way to book."""
    level = turn.content.levels.get(turn.conv.level or "")
    if not step.concludes or level is None or level.booking:
        return False
    turn.say(Reply(f"{turn.msg('advice_stands')}\n\n{level.booking_reply}"))
    return True


def did_you_mean(turn: Turn, r: Reading, step: Step) -> bool:
    """FAQ entries that may be what was asked; what the message says about the pain is kept ("my lower
    back aches, can I come on saturday?")."""
    if not r.offers:
        return False
    if _kept_pain(turn, r, step):
        turn.aside(_offers(turn, r))
        return True
    turn.say(_offers(turn, r))
    return True


def _kept_pain(turn: Turn, r: Reading, step: Step) -> bool:
    """The person's own pain (or the one they write for) described alongside a question, kept for the steps it
    answers (not "who won the football last night?")."""
    return _describes_pain(r) and not _SOMEONES.isdisjoint(r.norm.split()) and step.keep(turn, r)


def _offers(turn: Turn, r: Reading) -> Reply:
    return Reply(turn.msg("did_you_mean"), tuple((Button(buttons.faq(fid), _question(turn.content, fid)),) for fid in r.offers))


def unknown_question(turn: Turn, r: Reading, step: Step) -> bool:
    """A question the bot cannot answer: said so, and back to the step (what the message says about the
    pain is kept: "is massage ok for my dad? his knee aches")."""
    if not r.parsed.question:
        return False
    if _kept_pain(turn, r, step):
        turn.aside(Reply(turn.msg("faq_unknown")))
        return True
    turn.say(Reply(turn.msg("faq_unknown")))
    turn.note(turn.msg("faq_resume"))
    return True


# A live chat's messages never come here: the engine passes them on whole, unread (``Engine._live_chat``).
POLICY: tuple[Handler, ...] = (
    command_word,
    other_language,  # never read as an answer (a Spanish "no…" must not clear a safety check)
    small_talk,
    warning_sign,  # safety before anything else the message may also say
    confirm_reply,  # "is this happening now?" answered
    sign_in_passing,  # a sign named in a message that reads as if nothing is wrong now: asked about first
    someone_elses_sign,
    second_reader,  # a warning sign the words did not name: a careful check
    contraindication,
    expected_answer,  # "after 5 tomorrow" at the call-back time is the time, not a question about soreness after
    faq_question,
    illness_first,
    step_answer,
    illness,
    faq_statement,
    acknowledgement,
    advice_stands,  # after a warning sign, anything else typed gets the advice again
    did_you_mean,
    unknown_question,
)


def decide(turn: Turn, r: Reading, step: Step) -> bool:
    """Run the handlers in order; whether the message was dealt with (a note counts)."""
    if not r.norm and r.hedge is None:
        return False
    mark = turn.mark()
    return any(handler(turn, r, step) for handler in POLICY) or turn.mark() != mark


def _question(content: Content, faq_id: str) -> str:
    entry = content.faq_entry(faq_id)
    return entry.question if entry is not None else faq_id
