"""Property-based: any sequence of events gets an answer, never an exception, and leaves a declared state."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine import Engine, Event
from bot.state import Conversation

from .conftest import assert_filled

PHRASES = [
    "no", "yes", "not sure", "none of these", "back", "restart", "help", "my lower back", "sharp pain since Monday",
    "about a 7", "how much is it?", "does it hurt?", "talk to a person", "I can't feel my inner thighs", "no numbness",
    "I'm pregnant", "07700 900123", "+44 (0)20 7946 0000", "morning", "skip", "where are you?", "/start ig_x", "/help",
    "/forget", "/book", "/faq", "/restart", "/privacy", "/nonsense arg", "/start " + "x" * 100,
]  # fmt: skip
ODD_TEXTS = st.one_of(
    st.text(max_size=300),
    st.just(""),
    st.just("x" * 10_000),
    st.just("😀🔥💪🏽👨‍👩‍👧" * 50),
    st.just("مرحبا، ظهري يؤلمني \u202e evil"),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), max_size=50),
    st.just("<b>bold</b> <script>alert(1)</script> & &amp;"),
    st.sampled_from(PHRASES),
)
COMMANDS = st.tuples(
    st.sampled_from(["start", "help", "faq", "book", "restart", "privacy", "forget", "stats", "", "x" * 80, "START"]),
    st.one_of(st.just(""), st.text(max_size=80), st.just("ig_reel_nov"), st.just("a" * 65)),
)


def event_strategy() -> st.SearchStrategy[tuple[str, object]]:
    return st.one_of(
        st.tuples(st.just("text"), ODD_TEXTS),
        st.tuples(st.just("shown"), st.integers(min_value=0, max_value=40)),  # a button from the last replies
        st.tuples(st.just("button"), st.one_of(st.text(max_size=70), st.sampled_from(
            ["region.knee", "rf.saddle_numbness.yes", "nav.back", "back.region", "nav.forget_yes", "nav.talk", "faq.prices",
             "recommendation.book", "contraindications.pregnancy", "screen.chest_pain", "human.end", "severity.11", "faq."]))),
        st.tuples(st.just("command"), COMMANDS),
    )  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(events=st.lists(event_strategy(), min_size=1, max_size=30))
def test_any_sequence_of_events_is_answered_safely(engine: Engine, events: list[tuple[str, object]]) -> None:
    saved = Conversation().to_json()
    shown: list[str] = []
    typed = ""
    states = set(engine.flow.states)
    for kind, value in events:
        if kind == "text":
            event = Event.text(str(value))
        elif kind == "shown":
            if not shown:
                continue
            event = Event.button(shown[int(value) % len(shown)])  # type: ignore[call-overload]
        elif kind == "button":
            event = Event.button(str(value))
        else:
            assert isinstance(value, tuple)
            event = Event.command(str(value[0]), str(value[1]))
        result = engine.handle(Conversation.from_json(saved), event)
        assert result.replies, f"no answer to {event}"
        assert all(r.text.strip() for r in result.replies)
        typed += f"{event.value} {event.args}\n"
        for reply in result.replies:
            assert_filled(reply, typed)
        # A declared state, or none yet (only /forget, before anything else or after deleting, leaves it unset).
        assert result.conversation.state in states or (result.conversation.state is None and (kind == "command" or event.value.startswith("nav.forget")))
        saved = result.conversation.to_json()
        assert len(saved.encode()) < 4096
        shown = [b.id for r in result.replies for b in r.buttons] or shown
        if result.conversation.level in ("emergency", "urgent", "doctor_first"):
            assert not {"recommendation.book", "recommendation.call", "recommendation.callback"} & set(shown)
