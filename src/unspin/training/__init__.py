"""Reproducible training and evaluation of unspin's models on public corpora."""

from .technique_run import train_techniques
from .techniques import evaluate_techniques

__all__ = ["evaluate_techniques", "train_techniques"]
