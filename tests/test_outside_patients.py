"""Patients' own words from simulated doctor-patient interviews (outside data, ../shared/eval/
patient_language, CC BY 4.0): the bot copes with all of it, and is safe on whole conversations."""

from __future__ import annotations

import json

import pytest

from bot.engine import Engine, Event
from bot.state import Conversation
from scripts import patients

from .conftest import assert_filled

pytestmark = pytest.mark.skipif(not patients.DATA.is_dir(), reason="the interviews are not beside the repo")


def interviews() -> dict[str, dict[str, object]]:
    lines = (patients.DATA / "osce_fareez2022_msk_transcripts.jsonl").read_text(encoding="utf-8").splitlines()
    return {c["case_id"]: c for c in map(json.loads, lines)}


def test_every_thing_a_patient_said_gets_an_answer_and_a_declared_state(engine: Engine) -> None:
    states = set(engine.flow.states)
    said = 0
    for case in interviews().values():
        saved = Conversation().to_json()
        for text in patients.patient_turns(case):
            result = engine.handle(Conversation.from_json(saved), Event.text(text))
            assert result.replies and all(r.text.strip() for r in result.replies)
            for reply in result.replies:
                assert_filled(reply, text)
            assert result.conversation.state in states
            saved = result.conversation.to_json()
            said += 1
    assert said > 1000


def test_chest_pain_and_breathlessness_said_first_get_emergency_advice_at_once(engine: Engine) -> None:
    counts = patients.chief_complaints(engine)
    assert counts["CAR"]["warning"] == sum(counts["CAR"].values()) >= 5


def test_no_booking_when_the_clinician_label_says_today_or_now(engine: Engine) -> None:
    """Whole conversations: the patient's words, then truthful answers to the bot's questions."""
    cases = interviews()
    labels = [json.loads(line) for line in patients.LABELS.read_text(encoding="utf-8").splitlines()]
    assert len(labels) == len(cases) == 46
    offered = []
    for label in labels:
        level = patients.whole_conversation(engine, cases[label["case_id"]], label)
        assert level is not None, f"{label['case_id']}: no outcome reached"
        if label["level"] in ("emergency", "urgent") and level in patients.BOOKING:
            offered.append(f"{label['case_id']}: {level} ({label['why']})")
    assert not offered, "\n".join(offered)
