"""Reproducible training and evaluation of unspin's models on public corpora."""

from .techniques import evaluate_techniques, train_techniques

__all__ = ["evaluate_techniques", "train_techniques"]
