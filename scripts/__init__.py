"""Measurements and stress runs of the bot, each also a command (`.venv/bin/python scripts/NAME.py`);
the tests import what they check from here."""
