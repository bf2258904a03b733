"""Training pieces of the technique tagger: span-length loss weights and head averaging."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from unspin.models.techniques import HeadEnsemble, TaggerConfig, make_head, make_heads
from unspin.training.techniques import Article, mean_span_tokens, token_weights

TECHNIQUES = ["Loaded_Language", "Doubt"]
# Ten one-character tokens: token i covers characters [i, i + 1).
OFFSETS = np.array([[i, i + 1] for i in range(10)])


def _article(spans: list[tuple[int, int, str]]) -> Article:
    si = [(s, e, "") for s, e, _ in spans]
    return Article("1", "x" * 10, spans, si, offsets=OFFSETS)


def test_mean_span_tokens_per_output() -> None:
    a = _article([(0, 1, "Loaded_Language"), (2, 5, "Loaded_Language"), (4, 10, "Doubt")])
    # Loaded_Language: 1 and 3 tokens; Doubt: 6; "any technique" (the SI spans): 1, 3, 6.
    assert mean_span_tokens([a], TECHNIQUES).tolist() == pytest.approx([2.0, 6.0, 10 / 3])


def test_token_weights_even_out_long_and_short_spans() -> None:
    a = _article([(0, 1, "Loaded_Language"), (2, 5, "Loaded_Language")])
    mean = np.array([2.0, 6.0, 2.0])
    w = token_weights(OFFSETS, a, TECHNIQUES, mean, power=1.0).numpy()
    assert w[0, 0] == pytest.approx(2.0)  # 1-token span: 2 / 1
    assert w[2:5, 0] == pytest.approx([2 / 3] * 3)  # 3-token span: 2 / 3 each, 2 in all
    assert w[1, 0] == 1.0 and w[5:, 0].tolist() == [1.0] * 5  # negatives keep weight 1
    assert w[:, 1].tolist() == [1.0] * 10  # no Doubt span: all negatives
    plain = token_weights(OFFSETS, a, TECHNIQUES, mean, power=0.0).numpy()
    assert plain.tolist() == np.ones((10, 3)).tolist()


def test_token_weights_are_clipped_and_averaged_over_spans() -> None:
    a = _article([(0, 10, "Doubt"), (0, 1, "Doubt")])
    mean = np.array([1.0, 100.0, 1.0])
    w = token_weights(OFFSETS, a, TECHNIQUES, mean, power=1.0).numpy()
    assert w[0, 1] == pytest.approx(5.0)  # mean of 100/10 and 100/1, clipped to 5
    assert w[1:, 1] == pytest.approx([5.0] * 9)
    assert w[:, 2].min() == pytest.approx(0.2)  # SI: 1/10 clipped up to 0.2


def test_head_ensemble_averages_probabilities() -> None:
    torch.manual_seed(0)
    config = TaggerConfig(layers=[-1], heads=2, repetition_features=True, sentence_pool=True)
    first, second = make_head(config).eval(), make_head(config).eval()
    feats = torch.randn(1, 7, config.feature_dim)
    extra, sentences = torch.randn(1, 7, config.extra_dim), torch.zeros(1, 7, dtype=torch.long)
    with torch.no_grad():
        both = HeadEnsemble([first, second]).eval()(feats, extra, sentences)
        alone = [torch.sigmoid(h(feats, extra, sentences)) for h in (first, second)]
    assert torch.allclose(both, (alone[0] + alone[1]) / 2)
    assert len(make_heads(config).members) == 2


@pytest.mark.parametrize("option", [["--fold-heads", "0"], ["--heads", "0"], ["--folds", "1"]])
def test_train_techniques_refuses_counts_below_one_in_one_line(option: list[str], tmp_path,
                                                               capsys, monkeypatch) -> None:
    from ..clirun import run_cli

    (tmp_path / "train-articles").mkdir()
    code, out, err = run_cli(["train", "techniques", "--data", str(tmp_path), "--out",
                              str(tmp_path / "model"), *option], capsys, monkeypatch)
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and "--fold-heads" in err
    assert not (tmp_path / "model").exists()
