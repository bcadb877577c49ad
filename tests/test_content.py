"""The shipped content is complete and valid; broken content is reported as file:line: what is wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.content import PROFILE_LIMITS, Content, ContentError, load_content
from bot.flow import FlowMachine

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_f0810568cfe5b32d.txt"

FAQ_IDS = [
    "what_is_nmt", "when_used", "trigger_point", "referral_pain", "conditions_treated", "who_for",
    "does_it_hurt", "session_length", "what_to_wear", "how_many_sessions", "soreness_after", "prices",
    "insurance", "cancellation", "location_hours", "how_to_book",
]  # fmt: skip
CONDITION_IDS = [
    "lower_back_pain", "upper_back_pain", "carpal_tunnel_like", "sciatica_like", "hip_pain", "headache",
    "plantar_fasciitis", "calf_cramps", "tendonitis", "knee_pain", "it_band_syndrome", "jaw_pain", "tmj", "neck_pain",
]  # fmt: skip
REGION_IDS = [
    "head", "jaw", "neck", "shoulder", "upper_back", "lower_back", "hip", "buttock", "thigh", "knee",
    "calf", "foot", "arm_elbow", "wrist_hand", "chest", "abdomen",
]  # fmt: skip


def test_shipped_content_has_every_required_entry(content: Content) -> None:
    assert set(FAQ_IDS) <= {f.id for f in content.faq}
    assert [c.id for c in content.conditions] == CONDITION_IDS
    assert set(REGION_IDS) == {r.id for r in content.regions}
    assert set(content.levels) == {"emergency", "urgent", "doctor_first", "nmt_fit", "nmt_maybe", "not_a_fit"}
    assert not any(content.levels[lv].booking for lv in ("emergency", "urgent", "doctor_first"))
    for r in content.regions:
        assert any(f.applies_to(r.id) for f in content.red_flags), f"no safety question for {r.id}"
    FlowMachine(content)


def test_region_specific_red_flags_named_by_the_brief_exist(content: Content) -> None:
    def asked(region: str) -> str:
        return " ".join(f.question.lower() for f in content.red_flags if f.applies_to(region))

    assert ("genitals" in asked("lower_back") and "bladder" in asked("lower_back")) or "peeing" in asked("lower_back")
    assert "fever" in asked("lower_back") and "cancer" in asked("lower_back") and "fall" in asked("lower_back")
    assert "swollen" in asked("calf") and ("warm" in asked("calf") or "hot" in asked("calf"))
    assert "chest" in asked("jaw") and "chest" in asked("upper_back")
    assert "sudden" in asked("head") and "stiff neck" in asked("head")


def test_practice_values_are_filled_into_texts(content: Content) -> None:
    for entry in content.faq:
        assert "{" not in entry.answer, entry.id
    prices = content.faq_entry("prices")
    assert prices is not None and content.practice["prices"] in prices.answer


@pytest.mark.skipif(not SEED.is_file(), reason="the practice's page is not beside the repo")
def test_faq_covers_the_practice_page(content: Content) -> None:
    faq_text = " ".join(f"{f.question} {f.answer}" for f in content.faq).lower()
    # Each point of the page, in any of the wordings a plain-English rewrite may use.
    for concepts in [
        ("soft tissue",), ("trigger point",), ("referral", "referred"), ("stretch",), ("self-care", "self care"),
        ("nervous system", "nerves, muscles and skeleton"), ("posture", "postural"),
        ("nerve entrapment", "nerves trapped", "trapped nerve"), ("ischemia", "ischaemia"), ("overuse", "overload"),
        ("chronic", "long-standing"), ("acute",), ("relaxation",), ("nodule", "lump"), ("fascia",),
        ("periosteum",), ("tingling",), ("numbness",), ("sciatica",), ("carpal tunnel",), ("headache",),
        ("knots",), ("plantar fasciitis",), ("calf cramps",), ("tendonitis",), ("iliotibial",), ("tmj",),
        ("hip pain",), ("knee pain",), ("jaw pain",), ("anyone",),
    ]:  # fmt: skip
        assert any(c in faq_text for c in concepts), f"the FAQ never mentions {concepts[0]!r}"


def test_faq_answers_do_not_copy_the_page_verbatim(content: Content) -> None:
    if not SEED.is_file():
        pytest.skip("the practice's page is not beside the repo")
    page = " ".join(SEED.read_text(encoding="utf-8").split()).lower()
    for entry in content.faq:
        words = entry.answer.lower().split()
        for i in range(len(words) - 11):
            assert " ".join(words[i : i + 12]) not in page, f"{entry.id} copies the page"


# --------------------------------------------------------------------------- broken content


def _break(root: Path, rel: str, old: str, new: str, count: int = 1) -> int:
    """Replace ``old`` by ``new`` in a content file; return the 1-based line where ``new`` starts."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def _problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_content(root)
    return [str(p) for p in info.value.problems]


def _line_of(root: Path, rel: str, needle: str) -> int:
    text = (root / rel).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def test_bad_yaml_syntax(content_copy: Path) -> None:
    line = _break(content_copy, "flows/triage.yaml", "initial: screen", "initial: screen: onset")
    assert _problems(content_copy) == [f"flows/triage.yaml:{line}: bad YAML syntax: mapping values are not allowed here"]


def test_unknown_transition_target(content_copy: Path) -> None:
    line = _break(content_copy, "flows/triage.yaml", "dest: onset}", "dest: onsett}")
    assert f"flows/triage.yaml:{line}: transitions[5].dest: unknown state 'onsett' (did you mean 'onset'?)" in _problems(content_copy)


def test_unknown_transition_source(content_copy: Path) -> None:
    line = _break(content_copy, "flows/triage.yaml", "source: duration,", "source: durration,")
    assert f"flows/triage.yaml:{line}: transitions[7].source: unknown state 'durration'" in _problems(content_copy)


def test_duplicate_id(content_copy: Path) -> None:
    first = _line_of(content_copy, "knowledge/faq.yaml", "id: what_is_nmt")
    line = _break(content_copy, "knowledge/faq.yaml", "id: when_used", "id: what_is_nmt")
    assert _problems(content_copy) == [f"knowledge/faq.yaml:{line}: duplicate FAQ id 'what_is_nmt' (first used on line {first})"]


def test_duplicate_key(content_copy: Path) -> None:
    first = _line_of(content_copy, "knowledge/regions.yaml", "label: Lower back")
    line = _break(content_copy, "knowledge/regions.yaml", "label: Lower back", "label: Lower back\n    label: Low back")
    assert _problems(content_copy) == [f"knowledge/regions.yaml:{line + 1}: duplicate key 'label' (first given on line {first})"]


def test_condition_naming_an_unknown_region(content_copy: Path) -> None:
    line = _break(content_copy, "knowledge/conditions.yaml", "      - lower_back\n", "      - lower_bak\n")
    assert _problems(content_copy) == [f"knowledge/conditions.yaml:{line}: conditions[1].regions: unknown region 'lower_bak' (did you mean 'lower_back'?)"]


def test_button_with_no_transition(content_copy: Path) -> None:
    _break(content_copy, "flows/triage.yaml", "trigger: call_us\n", "trigger: phone_us\n")
    state_line = _line_of(content_copy, "flows/triage.yaml", "  recommendation:")
    assert _problems(content_copy) == [
        f"flows/triage.yaml:{state_line}: states.recommendation: button 'call' has trigger 'phone_us' but no transition with that trigger leaves 'recommendation'",
    ]


def test_unreachable_state(content_copy: Path) -> None:
    line = _break(content_copy, "flows/triage.yaml", "\ntransitions:", "  orphan:\n    kind: info\n    prompt: Nobody comes here.\n\ntransitions:")
    assert _problems(content_copy) == [f"flows/triage.yaml:{line}: states.orphan: unreachable: no transition leads here from 'screen'"]


def test_unknown_kind_names_the_registered_kinds(content_copy: Path) -> None:
    line = _break(content_copy, "flows/triage.yaml", "    kind: info\n    event: booking_click", "    kind: infoo\n    event: booking_click")
    problems = _problems(content_copy)
    assert any(p.startswith(f"flows/triage.yaml:{line}: states.book_online.kind: unknown kind 'infoo' (expected one of: ") and "question" in p for p in problems)


def test_a_state_may_not_take_a_button_prefix_as_its_name(content_copy: Path) -> None:
    line = _break(content_copy, "flows/triage.yaml", "\ntransitions:", "  faq:\n    kind: info\n    prompt: Hi.\n\ntransitions:")
    assert f"flows/triage.yaml:{line}: states.faq: 'faq' is reserved for the bot's own buttons; choose another state name" in _problems(content_copy)


def test_only_an_input_step_reads_typed_input(content_copy: Path) -> None:
    line = _break(content_copy, "flows/triage.yaml", "    slot: callback_time\n", "    slot: callback_time\n    input: note\n")
    assert _problems(content_copy) == [f"flows/triage.yaml:{line + 1}: states.callback_time.input: only a state of kind 'input' reads typed input"]


def test_missing_required_field(content_copy: Path) -> None:
    _break(content_copy, "flows/triage.yaml", "    prompt: How did it start?\n", "")
    line = _line_of(content_copy, "flows/triage.yaml", "  onset:")
    assert _problems(content_copy) == [f"flows/triage.yaml:{line}: states.onset: missing required field 'prompt'"]


def test_unknown_key_gets_a_suggestion(content_copy: Path) -> None:
    line = _break(content_copy, "flows/triage.yaml", "    prompt: How did it start?", "    promt: How did it start?")
    problems = _problems(content_copy)
    assert f"flows/triage.yaml:{line}: states.onset: unknown key 'promt' (did you mean 'prompt'?)" in problems


def test_unknown_placeholder(content_copy: Path) -> None:
    line = _break(content_copy, "knowledge/messages.yaml", "call {phone} ({hours}).\n  restarted", "call {phnoe} ({hours}).\n  restarted")
    help_line = _line_of(content_copy, "knowledge/messages.yaml", "  help:")
    assert line > help_line
    assert _problems(content_copy) == [f"knowledge/messages.yaml:{help_line}: texts.help: unknown placeholder '{{phnoe}}' (did you mean '{{phone}}'?)"]


def test_emergency_must_not_offer_booking(content_copy: Path) -> None:
    text = (content_copy / "knowledge/outcomes.yaml").read_text(encoding="utf-8")
    start = text.index("  emergency:")
    old = text[start:].split("booking: no", 1)[0] + "booking: no"
    line = _break(content_copy, "knowledge/outcomes.yaml", old, old.replace("booking: no", "booking: yes"))
    booking_line = line + old.count("\n")
    assert _problems(content_copy) == [f"knowledge/outcomes.yaml:{booking_line}: levels.emergency.booking: emergency must never offer booking; set it to no"]


def test_red_flag_needs_a_known_level(content_copy: Path) -> None:
    text = (content_copy / "knowledge/red_flags.yaml").read_text(encoding="utf-8")
    old = text[text.index("\nflags:") :].split("level: emergency", 1)[0] + "level: emergency"
    line = _break(content_copy, "knowledge/red_flags.yaml", old, old.replace("level: emergency", "level: later")) + old.count("\n")
    problems = _problems(content_copy)
    assert problems[0].startswith(f"knowledge/red_flags.yaml:{line}: flags[")
    assert problems[0].endswith("level: a red flag's level must be one of: emergency, urgent, doctor_first; got 'later'")


def test_missing_file_and_many_problems_at_once(content_copy: Path) -> None:
    (content_copy / "knowledge/faq.yaml").unlink()
    _break(content_copy, "flows/triage.yaml", "dest: onset}", "dest: onsett}")
    problems = _problems(content_copy)
    assert "knowledge/faq.yaml:1: file is missing" in problems
    assert any("unknown state 'onsett'" in p for p in problems)


def test_not_a_content_folder(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        load_content(tmp_path)
    assert "not a content folder" in str(info.value)


def test_unquoted_practice_numbers_are_refused(content_copy: Path) -> None:
    line = _break(content_copy, "knowledge/practice.yaml", 'emergency_number: "999"', "emergency_number: 000")
    assert _problems(content_copy) == [f'knowledge/practice.yaml:{line}: practice.emergency_number: put quotes around the value, e.g. emergency_number: "0"']


def test_a_file_saved_with_a_bom_still_loads(content_copy: Path) -> None:
    path = content_copy / "knowledge/regions.yaml"
    path.write_text("\ufeff" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_content(content_copy).regions


def test_flow_mistakes_that_would_misbehave_at_run_time(content_copy: Path) -> None:
    _break(content_copy, "flows/triage.yaml", "    step: 5\n", "")
    line = _break(content_copy, "knowledge/faq.yaml", "id: parking", "id: where_can_i_park_my_car_near_the_practice")
    problems = _problems(content_copy)
    severity_line = _line_of(content_copy, "flows/triage.yaml", "  severity:")
    assert f'flows/triage.yaml:{severity_line}: states.severity: a question needs a step (its number in "Question 2 of 5")' in problems
    assert any(p.startswith(f"knowledge/faq.yaml:{line}:") and "longer than 30 characters" in p for p in problems)


def test_a_red_flag_for_no_region_is_refused(content_copy: Path) -> None:
    text = (content_copy / "knowledge/red_flags.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: saddle_numbness")
    old = text[start:].split("regions:", 1)[0] + "regions:"
    line = _break(content_copy, "knowledge/red_flags.yaml", old, old + " []\n    old_regions:") + old.count("\n")
    problems = _problems(content_copy)
    assert any(p.startswith(f"knowledge/red_flags.yaml:{line}:") and "needs at least one region" in p for p in problems), problems


def test_small_talk_words_must_not_hide_an_answer(content_copy: Path) -> None:
    line = _break(content_copy, "knowledge/messages.yaml", "  ok: [ok, okay,", "  ok: [ok, nope, okay,")
    assert _problems(content_copy) == [f"knowledge/messages.yaml:{line}: words.ok: 'nope' is also in words.no; keep it in one group"]


def test_button_labels_get_the_practice_values(content: Content) -> None:
    labels = [b.label for s in content.flow.states.values() for b in s.buttons]
    assert f"💬 Talk to {content.practice['therapist']}" in labels
    assert not [label for label in labels if "{" in label]


# --------------------------------------------------------------------------- the bot's profile


def test_the_shipped_profile_fits_telegrams_limits(content: Content) -> None:
    profile = content.profile
    assert profile["name"] == content.practice["name"]
    assert content.practice["therapist"] in profile["description"] and "not a diagnosis" in profile["description"]
    for key, limit in PROFILE_LIMITS.items():
        assert 0 < len(profile[key].encode("utf-16-le")) // 2 <= limit, key
        assert "{" not in profile[key], key


def _set_profile(root: Path, key: str, value: str) -> int:
    """Give ``profile.<key>`` in messages.yaml one quoted line; return its line number."""
    rel = "knowledge/messages.yaml"
    text = (root / rel).read_text(encoding="utf-8")
    section = text.index("\nprofile:\n")
    entry = re.compile(rf"^  {key}: .*\n(?:    .*\n|\n(?=    ))*", re.MULTILINE).search(text, section)
    assert entry is not None, key
    (root / rel).write_text(text[: entry.start()] + f'  {key}: "{value}"\n' + text[entry.end() :], encoding="utf-8")
    return text[: entry.start()].count("\n") + 1


@pytest.mark.parametrize(("key", "limit"), list(PROFILE_LIMITS.items()))
def test_a_profile_text_over_telegrams_limit(content: Content, content_copy: Path, key: str, limit: int) -> None:
    # Short as written, long once {name} is filled in: the limit is on what Telegram shows.
    padding = limit - len(content.practice["name"]) - 1
    line = _set_profile(content_copy, key, "{name} " + "x" * padding)
    assert load_content(content_copy).profile[key].endswith(" " + "x" * padding), "exactly at the limit is fine"
    _set_profile(content_copy, key, "{name} " + "x" * (padding + 1))
    assert _problems(content_copy) == [
        f"knowledge/messages.yaml:{line}: profile.{key}: Telegram allows at most {limit} characters here; this one has {limit + 1} once the practice.yaml values are filled in"
    ]


def test_an_emoji_counts_twice_towards_a_profile_limit(content_copy: Path) -> None:
    line = _set_profile(content_copy, "short_description", "🙂" + "x" * 119)
    assert _problems(content_copy) == [f"knowledge/messages.yaml:{line}: profile.short_description: Telegram allows at most 120 characters here; this one has 121"]


def test_a_profile_key_telegram_does_not_have(content_copy: Path) -> None:
    line = _break(content_copy, "knowledge/messages.yaml", "profile:\n", "profile:\n  about: Hello\n") + 1
    assert _problems(content_copy) == [f"knowledge/messages.yaml:{line}: profile: unknown key 'about' (expected one of: name, short_description, description)"]


def test_the_safety_checks_structure_is_checked(content_copy: Path) -> None:
    """A check longer than a phone screen, a follow-up of a flag that does not exist, a "same as"
    naming no first-screen item, an impossible age: each named with its file and line."""
    rel = "knowledge/red_flags.yaml"
    size = _break(content_copy, rel, "group_size: 8", "group_size: 12")
    after = _break(content_copy, rel, "    after: [significant_injury,", "    after: [significant_injry,")
    twin = _break(content_copy, rel, "    same_as: chest_pain", "    same_as: chest_pains")
    age = _break(content_copy, rel, "    min_age: 50", "    min_age: 500")
    gradual = _break(content_copy, rel, "    gradual_with: [dvt_signs]", "    gradual_with: [dvt_sign]")
    problems = _problems(content_copy)
    assert f"{rel}:{size}: group_size: a whole number of items from 2 to 8 (what fits on a phone screen); got 12" in problems
    assert any(p.startswith(f"{rel}:{after}:") and "unknown red flag or first-screen item 'significant_injry' (did you mean 'significant_injury'?)" in p for p in problems)
    assert any(p.startswith(f"{rel}:{twin}:") and "unknown first-screen item 'chest_pains' (did you mean 'chest_pain'?)" in p for p in problems)
    assert any(p.startswith(f"{rel}:{age}:") and "min_age: an age from 1 to 120; got 500" in p for p in problems)
    assert f"{rel}:{gradual}: flag 'leg_pain_breathless': gradual_with: unknown red flag 'dvt_sign' (did you mean 'dvt_signs'?)" in problems


def test_words_in_another_language_name_a_known_language(content_copy: Path) -> None:
    """An emergency sign's ``other_words`` for a language the bot cannot tell apart, or not a list."""
    rel = "knowledge/red_flags.yaml"
    code = _break(content_copy, rel, "      pt: [dor no peito,", "      po: [dor no peito,")
    bare = _break(content_copy, rel, "      de: [keine luft,", "      de: keine luft\n      xx: [keine luft,")
    problems = _problems(content_copy)
    assert any(p.startswith(f"{rel}:{code}:") and "screen[1].other_words: unknown key 'po' (expected one of: es, de, fr, it, pt)" in p for p in problems), problems
    assert any(p.startswith(f"{rel}:{bare}:") and "other_words.de: expected a list of words or phrases" in p for p in problems), problems


def test_typed_regions_name_known_regions(content_copy: Path) -> None:
    rel = "knowledge/red_flags.yaml"
    line = _break(content_copy, rel, "    typed_regions: [knee, calf, foot]", "    typed_regions: [knee, calf, feet]")
    assert any(p.startswith(f"{rel}:{line}:") and "typed_regions: unknown region 'feet'" in p for p in _problems(content_copy))


def test_typed_regions_star_is_wherever_it_hurts(content: Content) -> None:
    jaundice = content.flag("jaundice")
    assert jaundice is not None and "*" in jaundice.typed_regions
    assert jaundice.fits_typed("chest") and not jaundice.applies_to("chest"), "counts when typed, asked only at the tummy"


def test_a_phrase_with_a_word_the_reading_skips_is_refused(content_copy: Path) -> None:
    """ "just noticed" would be read as "noticed": the therapist is told which word to leave out."""
    rel = "knowledge/answers.yaml"
    line = _break(content_copy, rel, "took a boot, went dead,", "took a boot, just noticed, went dead,")
    # Any messages.yaml group looked for inside a message too (not the whole replies such as "a bit").
    words = "knowledge/messages.yaml"
    group = _break(content_copy, words, " many questions, too many questions]", " so many questions, too many questions]")
    problems = _problems(content_copy)
    assert any(
        p.startswith(f"{rel}:{line}:") and "'just noticed': 'just' is skipped when reading a message, so this would match more than it says; write it without 'just'" in p
        for p in problems
    )
    assert any(p.startswith(f"{words}:{group}:") and "words.how_many_more[15]: 'so many questions': 'so' is skipped" in p for p in problems)
    assert not any("hedge_yes" in p for p in problems), "a whole reply keeps its small words"


def test_after_words_need_an_after(content_copy: Path) -> None:
    """A follow-up's after_words are read beside the sign it follows: a flag with none is refused."""
    rel = "knowledge/red_flags.yaml"
    _break(content_copy, rel, "    after: [significant_injury, serious_accident, head_injury]   # asked only after a fall, knock or accident\n", "")
    line = _break(content_copy, rel, "    after_words:\n", "    after_words:\n")
    assert any(p.startswith(f"{rel}:{line}:") and "after_words" in p and "no `after`" in p for p in _problems(content_copy))


def test_a_sign_read_by_meaning_is_an_emergency_with_no_words(content_copy: Path) -> None:
    """The sign the reader of meaning reads is never asked, has no words, and is an emergency (below it, the
    reader asks for a careful check and the questions go on)."""
    rel = "knowledge/red_flags.yaml"
    _break(content_copy, rel, "  - id: sounds_emergency\n    regions: []\n", "  - id: sounds_emergency\n    regions: []\n    words: [sounds bad]\n")
    _break(content_copy, rel, 'please ask)"\n    level: emergency', 'please ask)"\n    level: urgent')
    line = _line_of(content_copy, rel, "    meaning: yes\n")
    problems = _problems(content_copy)
    assert any(p.startswith(f"{rel}:{line}:") and "no words" in p for p in problems), problems
    assert any(p.startswith(f"{rel}:{line}:") and "is an emergency" in p and "this one is urgent" in p for p in problems), problems


def test_a_word_group_stands_for_each_of_its_words(content: Content) -> None:
    """ "<effort> + <eases_at_rest>" in red_flags.yaml is every pair of the two groups' words, said together."""
    words = next(f for f in content.red_flags if f.id == "exertion_pain").words
    assert {"carry* + sit down", "stairs + slow down", "hurry* + wears off"} <= set(words)
    assert not any("<" in w for w in words)


def test_an_unknown_word_group_names_the_file_the_line_and_the_groups_known(content_copy: Path) -> None:
    line = _break(content_copy, "knowledge/red_flags.yaml", "<effort> + <eases_at_rest>, briskly", "<efort> + <eases_at_rest>, briskly")
    problems = _problems(content_copy)
    assert len(problems) == 1 and problems[0].startswith(f"knowledge/red_flags.yaml:{line}: flags[")
    assert "unknown word group 'efort'; known: " in problems[0] and "effort" in problems[0]


def test_a_word_group_inside_a_part_is_refused_with_its_line(content_copy: Path) -> None:
    line = _break(content_copy, "knowledge/red_flags.yaml", "<effort> + <eases_at_rest>, briskly", "<effort> + then <eases_at_rest>, briskly")
    problems = _problems(content_copy)
    assert len(problems) == 1 and problems[0].startswith(f"knowledge/red_flags.yaml:{line}: ") and "a group is a whole part of its own" in problems[0]
