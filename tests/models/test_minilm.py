"""The encoder read without transformers gives exactly transformers' hidden states."""

from __future__ import annotations

import pytest
import torch

from unspin.models.encoder import encoder_path, quantize_encoder
from unspin.models.minilm import load

TEXT = ("The harbour authority raised ferry fares for the third time this year, officials "
        "said on Monday. More than 4,000 passengers a day now pay 12% more than in March.")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def both() -> tuple[object, object, object, object]:
    transformers = pytest.importorskip("transformers", reason="transformers is the reference")
    path = str(encoder_path())
    reference = transformers.AutoModel.from_pretrained(path, local_files_only=True).eval()
    tokenizer = transformers.AutoTokenizer.from_pretrained(path, local_files_only=True)
    ours_tokenizer, ours = load(encoder_path())
    return reference, tokenizer, ours, ours_tokenizer


def test_minilm_tokens_and_offsets_are_transformers(both: tuple) -> None:  # type: ignore[type-arg]
    _, tokenizer, _, ours_tokenizer = both
    theirs = tokenizer(TEXT, add_special_tokens=False, return_offsets_mapping=True)
    ids, offsets = ours_tokenizer.ids_and_offsets(TEXT)
    assert ids == theirs["input_ids"] and offsets.tolist() == [list(o) for o in
                                                               theirs["offset_mapping"]]


@pytest.mark.parametrize("quantize", [False, True])
def test_minilm_hidden_states_are_identical(both: tuple, quantize: bool) -> None:  # type: ignore[type-arg]
    reference, _, ours, ours_tokenizer = both
    if quantize:
        reference, ours = quantize_encoder(reference), quantize_encoder(ours)
    ids, _ = ours_tokenizer.ids_and_offsets(TEXT)
    window = torch.tensor([[ours_tokenizer.cls_token_id, *ids, ours_tokenizer.sep_token_id]])
    with torch.inference_mode():
        theirs = reference(input_ids=window, attention_mask=torch.ones_like(window),
                           output_hidden_states=True).hidden_states
        mine = ours(window, torch.ones_like(window))
    assert len(mine) == len(theirs) == 7
    assert all(torch.equal(a, b) for a, b in zip(mine, theirs))


def test_minilm_padded_batches_match_on_real_tokens(both: tuple) -> None:  # type: ignore[type-arg]
    reference, tokenizer, ours, ours_tokenizer = both
    texts = ["A short one.", TEXT, "Another sentence about ferries."]
    batch = tokenizer(texts, padding=True, truncation=True, max_length=256, return_tensors="pt")
    ids, mask = ours_tokenizer.batch(texts, 256)
    assert torch.equal(ids, batch["input_ids"]) and torch.equal(mask, batch["attention_mask"])
    with torch.inference_mode():
        theirs = reference(**batch).last_hidden_state
        mine = ours(ids, mask)[-1]
    real = mask.bool()
    assert torch.equal(mine[real], theirs[real])
