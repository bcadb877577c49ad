"""Button ids: every id a conversation shows parses back to what it was built from."""

from __future__ import annotations

from bot import buttons
from bot.engine import Engine, Event


def test_ids_round_trip() -> None:
    assert buttons.parse(buttons.option("region", "lower_back")) == buttons.ButtonId("option", "region", "lower_back")
    assert buttons.parse(buttons.option("severity", 7)) == buttons.ButtonId("option", "severity", "7")
    assert buttons.parse(buttons.flag("saddle_numbness", "unsure")) == buttons.ButtonId("flag", "saddle_numbness", "unsure")
    assert buttons.parse(buttons.faq("prices")) == buttons.ButtonId("faq", value="prices")
    assert buttons.parse(buttons.RESTART) == buttons.ButtonId("nav", value="restart")
    here = buttons.step_id("red_flags", "chest_pain")
    assert buttons.parse(buttons.back(here)) == buttons.ButtonId("back", step="rf.chest_pain")
    assert buttons.parse(buttons.resume("pain_type")) == buttons.ButtonId("continue", step="pain_type")
    assert buttons.parse(buttons.group(2, "none")) == buttons.ButtonId("group", "2", "none")
    assert buttons.parse(buttons.back(buttons.step_id("red_flags", group_number=1))) == buttons.ButtonId("back", step="rfg.1")
    assert buttons.parse("garbage") == buttons.ButtonId("option", "garbage", "")


def test_every_shown_button_parses_to_a_known_kind(engine: Engine) -> None:
    state = None
    seen: set[str] = set()
    for event in (Event.command("start"), Event.button("screen.none"), Event.button("region.calf"), Event.command("faq"), Event.command("help"),
                  Event.button("pain_type.cramping"), Event.button("onset.overuse"), Event.button("duration.weeks"), Event.button("severity.4")):  # fmt: skip
        result = engine.handle(state, event)
        state = result.conversation
        seen.update(b.id for r in result.replies for b in r.buttons)
    kinds = {buttons.parse(bid).kind for bid in seen}
    assert kinds == {"option", "flag", "group", "faq", "nav", "back"}
    assert all(buttons.parse(bid).step in engine.steps or buttons.parse(bid).kind != "option" for bid in seen)
