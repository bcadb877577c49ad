"""The Telegram adapter: the only part of the bot that imports python-telegram-bot."""

import os

# Durations such as RetryAfter.retry_after as timedelta, without deprecation warnings (PTB >= 22.2).
os.environ.setdefault("PTB_TIMEDELTA", "true")
