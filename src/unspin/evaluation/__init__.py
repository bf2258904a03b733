"""Scoring unspin against public corpora (PolNeAR for quotes, PTC for techniques)."""
