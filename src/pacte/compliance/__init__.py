"""Compliance: measures every commitment per case and per month."""
