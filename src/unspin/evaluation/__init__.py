"""Scoring unspin against public corpora (PolNeAR for quotes, PTC for techniques) and
against our own labels (numbers, the corpus ledger: docs/numbers-guidelines.md)."""
