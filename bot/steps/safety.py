"""The safety questions for the region given, the most urgent first: grouped checks ("Do any of
these apply?"), one question at a time for a group answered "Not sure", and follow-ups after a yes."""

from __future__ import annotations

from bot import buttons
from bot.buttons import FLAG_ANSWERS, NONE, ButtonId
from bot.flow import SafetyAsk, contraindications_state, next_safety, red_flag_queue
from bot.replies import Button, Reply, chunk
from bot.state import Conversation
from bot.summary import check_label
from bot.turn import Turn
from bot.understand import HISTORY_SIGNS, Reading
from bot.wording import worded

from .base import Step
from .checklist import answer_aside

UNSURE = "unsure"
CONTRA = "c-"  # a contraindication in Back's history ("red_flags:c-pregnancy"), beside flag ids


class SafetyQuestions(Step):
    kind = "red_flags"
    answered_by_trigger = True
    once = True
    in_place = True

    def _ask(self, conv: Conversation) -> SafetyAsk | None:
        return next_safety(self.content, conv)

    def step_id(self, conv: Conversation) -> str:
        ask = self._ask(conv)
        if ask is None or ask.single:
            return buttons.step_id(self.name, ask.flags[0] if ask else "")
        return buttons.step_id(self.name, group_number=ask.group)

    def pending(self, conv: Conversation) -> bool:
        ask = self._ask(conv)
        return ask is not None and all(self.content.flag(f) is not None for f in ask.flags)

    def options(self, conv: Conversation) -> list[Button]:
        ask, msg = self._ask(conv), self.content.msg
        if ask is None:
            return []
        if ask.single:
            fid = ask.flags[0]
            return [Button(buttons.flag(fid, "yes"), msg("yes")), Button(buttons.flag(fid, "no"), msg("no"))]
        items = [Button(buttons.flag(f.id, "yes"), f.label) for f in map(self.content.flag, ask.flags) if f is not None]
        state = contraindications_state(self.content) or ""
        items += [Button(buttons.option(state, c.id), c.label) for c in map(self.content.contraindication, ask.contra) if c is not None]
        return [*items, Button(buttons.group(ask.group, NONE), msg("screen_none"))]

    def extras(self, conv: Conversation) -> list[Button]:
        ask = self._ask(conv)
        unsure: list[Button] = []
        if ask is not None and ask.flags:  # a check of contraindications only: each is known or not, no "Not sure"
            bid = buttons.flag(ask.flags[0], UNSURE) if ask.single else buttons.group(ask.group, UNSURE)
            unsure = [Button(bid, self.content.msg("not_sure"))]
        return unsure + super().extras(conv)

    def rows(self, conv: Conversation) -> tuple[tuple[Button, ...], ...]:
        ask = self._ask(conv)
        columns = 3 if ask is None or ask.single else 1  # a group's items are read one per line
        rows = chunk(self.options(conv), columns)
        extras = self.extras(conv)
        return (*rows, tuple(extras)) if extras else tuple(rows)

    def prompt(self, turn: Turn) -> list[Reply]:
        conv, msg = turn.conv, self.content.msg
        ask = self._ask(conv)
        if ask is None:
            return []
        lines = [msg("safety_progress", step=ask.group, total=ask.groups)] if ask.group else []
        if conv.contra and ask.contra:
            lines.append(msg("noted", items=", ".join(check_label(self.content, c) for c in conv.contra)))
        flag = self.content.flag(ask.flags[0]) if ask.flags else None
        lines.append(flag.question if ask.single and flag is not None else msg("safety_group"))
        text = "\n".join(lines)
        if not conv.flags and not conv.singles:
            text = f"{msg('safety_intro')}\n\n{text}"
        return worded(conv, [Reply(text, self.rows(conv))])  # "Have they…?" when asking for someone else

    def arrive(self, turn: Turn) -> None:
        """A safety question the person already answered in their own words is not asked again: "I'm 38 weeks
        pregnant", then the tummy tapped for where it hurts, is tummy pain in pregnancy, said (as if typed
        together: "38 weeks pregnant, tummy pain")."""
        conv = turn.conv
        asked_here = red_flag_queue(self.content, conv.region, conv.places)
        for tag in conv.background:
            fid = HISTORY_SIGNS.get(tag)
            if fid is not None and fid in asked_here and fid not in conv.flags:
                conv.flags[fid] = "yes"
                conv.said.append(fid)

    # ------------------------------------------------------------------ answers

    def press(self, turn: Turn, pressed: ButtonId) -> None:
        if pressed.kind == "group":
            self.answer_group(turn, pressed.step, pressed.value)
        elif pressed.kind == "option":
            self.tick(turn, pressed.value)
        else:
            self.answer_flag(turn, pressed.step, pressed.value)

    def typed(self, turn: Turn, reading: Reading) -> bool:
        ask = self._ask(turn.conv)
        if ask is None:
            return False
        hedge = reading.hedge  # "a little" is a yes, "not really" a no: for a safety question a hedged yes is a yes
        if ask.single:
            if hedge is None:
                if reading.yes_no is None:
                    return False
                turn.note(self.content.msg("yes_no_please"))  # "no, I don't get it" answers nothing
                return True
            self.answer_flag(turn, ask.flags[0], hedge)
            return True
        if self.press_typed_label(turn, reading):
            return True
        if hedge == "yes":
            turn.note(self.content.msg("screen_which"))
        elif hedge == "unsure" and not ask.flags:
            turn.note(self.content.msg("screen_which"))  # contraindications only: tap the one that may apply
        elif hedge == "unsure":
            self.answer_group(turn, str(ask.group), UNSURE)
        elif hedge == "no" and reading.clears_list:
            answer_aside(turn, reading)
            self.answer_group(turn, str(ask.group), NONE)
        elif hedge is not None or reading.yes_no is not None:
            turn.note(self.content.msg("list_explained"))
        else:
            return False
        return True

    def answer_flag(self, turn: Turn, fid: str, answer: str) -> None:
        conv = turn.conv
        ask = self._ask(conv)
        if answer not in FLAG_ANSWERS or ask is None or fid not in ask.flags or (not ask.single and answer != "yes"):
            turn.stale()
            return
        conv.flags[fid] = answer
        if fid in conv.said:
            conv.said.remove(fid)  # answered to its own question now
        conv.history.append(f"{self.name}:{fid}")
        turn.fire("answer")

    def tick(self, turn: Turn, item: str) -> None:
        """A contraindication in the last check: noted, and the check shown again for anything else."""
        conv = turn.conv
        ask = self._ask(conv)
        if ask is None or item not in ask.contra:
            turn.stale()
            return
        conv.contra.append(item)
        conv.history.append(f"{self.name}:{CONTRA}{item}")
        turn.note(self.content.msg("contra_more"))

    def answer_group(self, turn: Turn, number: str, answer: str) -> None:
        """ "None of these" answers every item no; "Not sure" asks them one at a time."""
        conv = turn.conv
        ask = self._ask(conv)
        if ask is None or ask.single or number != str(ask.group) or answer not in (NONE, UNSURE) or (answer == UNSURE and not ask.flags):
            turn.stale()
            return
        if answer == NONE:
            for fid in ask.flags:
                conv.flags[fid] = "no"
            conv.cleared.extend(ask.contra)
            conv.history.append(f"{self.name}:{'+'.join([*ask.flags, *(CONTRA + c for c in ask.contra)])}")
            turn.fire("answer")
            return
        conv.singles.extend(f for f in ask.flags if f not in conv.singles)
        conv.history.append(f"{self.name}:?{'+'.join(ask.flags)}")

    def undo(self, conv: Conversation, item: str) -> None:
        super().undo(conv, item)
        if item.startswith("?"):
            conv.singles[:] = [f for f in conv.singles if f not in item[1:].split("+")]
        for fid in item.split("+") if item and not item.startswith("?") else ():
            if fid.startswith(CONTRA):
                cid = fid.removeprefix(CONTRA)
                for kept in (conv.contra, conv.cleared):
                    if cid in kept:
                        kept.remove(cid)
                continue
            if conv.flags.pop(fid, None) in ("yes", "unsure") and fid not in conv.retracted:
                conv.retracted.append(fid)  # a warning sign once reported still counts (see rules.changed_red_flag)
        conv.level = conv.condition = conv.timeframe = None
