"""Token states: pooling by hand-computed cases, and reading in windows as the tagger does."""

from __future__ import annotations

import numpy as np
import pytest

from unspin.models.encoder import TokenStates


def _states() -> TokenStates:
    # Four tokens of "ab cd ef": "ab", "cd", "e", "f" (and a zero-width special at 0).
    offsets = np.array([(0, 0), (0, 2), (3, 5), (6, 7), (7, 8)])
    states = np.array([[9.0, 9.0], [3.0, 0.0], [0.0, 4.0], [1.0, 1.0], [1.0, 1.0]])
    return TokenStates(offsets, states)


def test_encoder_pool_averages_the_tokens_inside_each_span_to_unit_length() -> None:
    pooled = _states().pool([(0, 2), (0, 5), (6, 8), (2, 3), (0, 1)])
    assert np.allclose(pooled[0], [1.0, 0.0])  # "ab" alone; the zero-width token is not in it
    assert np.allclose(pooled[1], [0.6, 0.8])  # mean (1.5, 2) scaled to length 1
    assert np.allclose(pooled[2], np.sqrt([0.5, 0.5]))
    assert not pooled[3].any() and not pooled[4].any()  # no whole token inside: zeros


def test_encoder_pool_of_no_tokens_or_no_spans() -> None:
    empty = TokenStates(np.zeros((0, 2), dtype=np.int64), np.zeros((0, 3), dtype=np.float32))
    assert empty.pool([(0, 4)]).shape == (1, 3)
    assert _states().pool([]).shape == (0, 2)


@pytest.mark.slow
def test_encoder_reading_in_batches_matches_the_taggers_window_at_a_time_read() -> None:
    from unspin.models.checkworthy import CONTEXT_LAYERS
    from unspin.models.encoder import encode_texts
    from unspin.models.techniques import TechniqueTagger

    tagger = TechniqueTagger.from_pretrained(quantize=False)
    texts = ["Short one.", " ".join(f"Sentence {i} is here." for i in range(200)), ""]
    batched = encode_texts(tagger.encoder, tagger.tokenizer, texts, window=256, overlap=32,
                           layers=list(CONTEXT_LAYERS), batch_size=8)
    alone = tagger.tag(texts, state_layers=CONTEXT_LAYERS, head=False)
    for mine, (probs, theirs) in zip(batched, alone):
        assert probs.shape == (len(theirs.offsets), 0)
        assert np.array_equal(mine.offsets, theirs.offsets)
        assert np.allclose(mine.states, theirs.states, atol=1e-4)
