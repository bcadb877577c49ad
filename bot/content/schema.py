"""What the content files may contain: levels, slots, allowed keys and names, id rules and limits.

Validation and the engine read these names, so a new message key or flow condition starts here.
"""

from __future__ import annotations

import re

LEVELS = ("emergency", "urgent", "doctor_first", "nmt_fit", "nmt_maybe", "not_a_fit")
"""Triage levels, most urgent first (the order matters: lower index wins)."""

RED_FLAG_LEVELS = ("emergency", "urgent", "doctor_first")

# Question slots the engine knows how to fill, and the vocabulary behind each.
SLOTS = {
    "region": "regions",
    "pain_type": "pain_types",
    "onset": "onsets",
    "duration": "durations",
    "severity": "severity",
}

EVENTS = ("booking_click",)  # funnel events a state may record when entered
INPUT_KINDS = ("phone", "note")  # what a typed-input state reads: a phone number, or a free note
# Triggers the engine handles itself: they need no transition in the flow.
RESERVED_TRIGGERS = ("back", "restart", "faq", "end_relay")
# Names a flow may use under conditions/unless/when; implemented in bot.flow.FlowModel.
CONDITION_NAMES = (
    "has_red_flags",
    "more_red_flags",
    "red_flag_found",
    "booking_allowed",
    "not_emergency",
    "may_be_sudden",
    "age_matters",
)
# Rules of knowledge/outcomes.yaml and the extra parameters each takes.
RULE_PARAMS: dict[str, tuple[str, ...]] = {
    "severe_pain": ("min_severity",),
    "fall_older_cannot_stand": ("min_age",),
    "injury_child": ("max_age",),
    "injury_older": ("min_age",),
    "recent_injury": (),
    "fragile_bones_sudden": (),
    "no_condition": (),
    "unsure_red_flag": (),
    "changed_red_flag": (),
    "sounds_urgent": (),
    "sounds_doctor_first": (),
}
FILLER_WORDS = frozenset({"really", "very", "quite", "so", "just", "properly", "bit", "slightly", "pretty", "totally", "completely", "literally", "kinda", "sort"})
"""Words skipped when reading a message ("my back is really sore" reads as "my back is sore"): a phrase
in a ``words:`` list holding one would match more than it says ("just noticed" would be "noticed")."""
# Message keys, with the runtime placeholders each may use besides practice.yaml keys.
LANGUAGES = ("es", "de", "fr", "it", "pt")
"""Languages told apart from English (messages.yaml ``language_<code>`` word groups, ISO 639-1 codes)."""
HISTORY_TAGS = (
    "cancer", "osteoporosis", "joint_replacement", "arthritis", "fibromyalgia", "surgery", "fracture", "pregnancy",
    "diabetes", "asthma", "blood_clot", "valve_replacement", "cast",
)  # fmt: skip
"""What a person may say of their past or background (messages.yaml ``history_<tag>`` word groups)."""
MESSAGE_KEYS: dict[str, tuple[str, ...]] = {
    "hello": (),
    "reply_thanks": (),
    "reply_hello": (),
    "reply_bye": (),
    "reply_ok": (),
    "hello_name": ("first_name",),
    "greeting": (),
    "source_noted": (),
    "progress": ("step", "total"),
    "safety_intro": (),
    "safety_progress": ("step", "total"),
    "safety_group": (),
    "understood": ("answer",),
    "not_sure": (),
    "yes": (),
    "no": (),
    "back": (),
    "restart_button": (),
    "didnt_understand": (),
    "other_illness": (),
    "resumed": (),
    "empty_input": (),
    "too_long": (),
    "stale_button": (),
    "help": (),
    "restarted": (),
    "first_question": (),
    "faq_intro": (),
    "faq_resume": (),
    "faq_more": (),
    "advice_stands": (),
    "list_explained": (),
    "yes_no_please": (),
    "other_language": (),
    **{f"other_language_{code}": () for code in LANGUAGES},
    **{f"other_language_emergency_{code}": () for code in LANGUAGES},
    "faq_back": (),
    "book_now": (),
    "book_not_yet": (),
    "why_heading": (),
    "next_heading": (),
    "trigger_points": (),
    "summary_heading": (),
    "summary_where": (),
    "summary_feels": (),
    "summary_started": (),
    "summary_duration": (),
    "summary_severity": (),
    "summary_checks_clear": (),
    "summary_flag_yes": ("question",),
    "summary_flag_unsure": ("question",),
    "summary_flag_said": ("item",),
    "summary_flag_said_unsure": ("item",),
    "summary_condition": ("condition",),
    "summary_outcome": ("outcome",),
    "summary_who": ("age",),
    "remaining": ("count",),
    "remaining_last": (),
    "summary_who_other": ("age",),
    "summary_background": ("items",),
    "background_recent": ("item",),
    "background_pregnancy_weeks": ("weeks",),
    **{f"background_{tag}": () for tag in HISTORY_TAGS},
    "finished": (),
    "unknown_command": ("command",),
    "phone_invalid": (),
    "severity_invalid": (),
    "welcome_back": (),
    "continue_button": (),
    "non_text": (),
    "group_pointer": ("bot_username",),
    "error": (),
    "privacy": (),
    "forget_confirm": (),
    "forget_yes": (),
    "forget_no": (),
    "forget_done": (),
    "forget_cancelled": (),
    "lead_heading": ("source",),
    "doctor_test": (),
    "lead_contact": ("name", "phone", "time"),
    "lead_note": ("note",),
    "relay_to_practice": ("name",),
    "relay_closed_by_person": ("name",),
    "stats_heading": ("days",),
    "stats_all_sources": (),
    "stats_no_source": (),
    "stats_empty": (),
    "stats_start": (),
    "stats_questions_done": (),
    "stats_recommendation": (),
    "stats_booking_click": (),
    "stats_lead": (),
    "leads_heading": (),
    "leads_none": (),
    "share_contact": (),
    "relay_sent": (),
    "relay_sent_again": (),
    "relay_from_practice": ("therapist",),
    "relay_ended": (),
    "talk_button": (),
    "privacy_line": (),
    "screen_none": (),
    "screen_which": (),
    "contra_none": (),
    "contra_more": (),
    "noted": ("items",),
    "someone_else_today": (),
    "someone_else_now": (),
    "summary_doubt": (),
    "summary_not_now": ("items",),
    "confirm_sign": ("items",),
    "confirm_not_now": (),
    "doubt_check": (),
    "summary_screen": ("item",),
    "summary_contra": ("item",),
    "lead_no_source": (),
    "console_hint": (),
    "console_bye": (),
    "did_you_mean": (),
    "faq_unknown": (),
    "menu_start": (),
    "menu_help": (),
    "menu_faq": (),
    "menu_book": (),
    "menu_restart": (),
    "menu_privacy": (),
    "menu_forget": (),
    "relay_not_open": (),
    "relay_failed": (),
    "lead_number": ("id",),
    "delete_lead_usage": (),
    "delete_lead_done": ("number",),
    "delete_lead_none": ("number",),
}
WORD_KEYS = (
    "yes", "no", "not_sure", "back", "restart", "help", "left", "right", "both", "negation", "correction", "cause", "effect", "human", "how_many_more",
    "thanks", "hello", "bye", "ok", "other_illness",
    # How a message is read beyond its answers: hedged replies, who it is about, sudden or not, history.
    "hedge_yes", "hedge_no", "hedge_unsure", "not_understood", "not_yet", "not_all", "others", "animals", "well_again", "for_other", "lately", "unchanged",
    "workout", "workout_figures", "only_if_sudden", "over_or_explained", "better_now",
    "not_signs",
    *(f"history_{tag}" for tag in HISTORY_TAGS),
    *(f"language_{code}" for code in LANGUAGES),
)  # fmt: skip

# What Telegram shows before a visitor presses Start (messages.yaml ``profile:``), with Telegram's
# limit on each, in characters.
PROFILE_LIMITS = {"name": 64, "short_description": 120, "description": 512}

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
# How soon "see a doctor first" means, most urgent first: every doctor_first finding names one.
TIMEFRAMES = ("within_24h", "few_days", "routine")
TIMED_LEVEL = "doctor_first"
GROUP_SIZE = 5  # items in one grouped safety check, unless red_flags.yaml says otherwise
MAX_GROUP_SIZE = 8  # more would not fit on a phone screen with "None of these" and "Not sure"
MAX_BUTTON_ID_BYTES = 48  # Telegram allows 64 bytes of callback_data; adapters add a prefix.
MAX_ID_LENGTH = 30  # so "rf.<id>.unsure", "faq.<id>", "<state>.<id>" all fit in MAX_BUTTON_ID_BYTES

# Keys of knowledge/practice.yaml; any of them may also appear as a {placeholder} in texts.
PRACTICE_REQUIRED = (
    "name", "therapist", "phone", "booking_url", "address", "hours", "emergency_number",
    "urgent_care", "prices", "session_length", "cancellation", "payment", "insurance",
)  # fmt: skip
PRACTICE_OPTIONAL = ("email", "parking", "retention_days", "lead_retention_days", "website", "latitude", "longitude")
