"""NMT triage bot."""
