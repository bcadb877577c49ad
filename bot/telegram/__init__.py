"""The Telegram adapter: the only part of the bot that imports python-telegram-bot.

- ``handlers``   what each kind of update gets, and the order the handlers are tried in
- ``pipeline``   one turn: saved state + event → engine → saved, recorded, replied, acted on
- ``conversations``, ``database``   a chat's saved state (phone and note kept in the leads table), and
  the store called from the event loop without blocking it
- ``messenger``  sending with retries, edits in place, closing old keyboards, "typing…"
- ``practice``   the practice's side: the outbox of call-back requests, the live chat, admin commands
- ``runtime``    per-chat ordering, rate limits, background tasks, jobs; the Application built and run
- ``render``     engine replies → HTML messages and keyboards
- ``botapi``, ``transport``, ``webhook``   the Bot API client, the HTTP client under it, webhook mode
"""

import os

# Durations such as RetryAfter.retry_after as timedelta, without deprecation warnings (PTB >= 22.2).
os.environ.setdefault("PTB_TIMEDELTA", "true")
