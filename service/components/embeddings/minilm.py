"""all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime, behind LangChain's ``Embeddings`` interface."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from langchain_core.embeddings import Embeddings

from service.components.embeddings._assets import MAX_SEQ_LENGTH, load_model_bytes, load_tokenizer

#: The id vectors from this model carry; a collection built with another model must not mix in.
MINILM_MODEL_ID = "all-minilm-l6-v2-int8"

_Int64Array = npt.NDArray[np.int64]
_Float32Array = npt.NDArray[np.float32]


class MiniLMEmbeddings(Embeddings):
    """Sentence embeddings from all-MiniLM-L6-v2, computed locally on the CPU.

    Reproduces sentence-transformers' pipeline: wordpieces truncated at 256, the transformer's
    last hidden state mean-pooled over real tokens, then L2-normalised to a 384-dim unit vector.
    The weights are int8, so vectors differ slightly from the fp32 original (cosine ~0.999).

    The model and tokenizer load in the constructor (under a second; nothing loads at import
    time). One instance is safe to share between threads: onnxruntime's ``run`` and the
    tokenizer's ``encode_batch`` are both thread-safe.

    Args:
        threads: onnxruntime intra-op threads; ``None`` lets onnxruntime use every core.
        batch_size: texts per inference call in :meth:`embed_documents`.
    """

    model_id: str = MINILM_MODEL_ID
    dimension: int = 384
    max_seq_length: int = MAX_SEQ_LENGTH

    def __init__(self, threads: int | None = None, batch_size: int = 32) -> None:
        if threads is not None and threads < 1:
            raise ValueError(f"threads must be at least 1 or None, got {threads}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.threads = threads
        self.batch_size = batch_size
        self._tokenizer = load_tokenizer()
        options = ort.SessionOptions()
        if threads is not None:
            options.intra_op_num_threads = threads
        self._session = ort.InferenceSession(
            load_model_bytes(), sess_options=options, providers=["CPUExecutionProvider"]
        )

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed ``texts``, in order, as unit-length 384-dim vectors."""
        if not texts:
            return []
        ids = self.token_ids(texts)
        # Batch texts of similar length together so padding to each batch's longest wastes
        # little work; attention masking makes a text's vector independent of its batch-mates.
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]), reverse=True)
        vectors = np.empty((len(ids), self.dimension), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            vectors[batch] = self._embed_batch([ids[i] for i in batch])
        rows: list[list[float]] = vectors.tolist()  # Python floats, as LangChain's stores expect
        return rows

    def embed_query(self, text: str) -> list[float]:
        """Embed one query; the same vector :meth:`embed_documents` gives the text."""
        return self.embed_documents([text])[0]

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """The wordpiece ids the model sees for each text: [CLS] ... [SEP], at most 256.

        A text longer than that is embedded from its first 254 wordpieces only, so chunkers can use
        ``len(token_ids([chunk])[0]) == max_seq_length`` to detect a chunk that gets cut.
        """
        return [encoding.ids for encoding in self._tokenizer.encode_batch(list(texts))]

    def _embed_batch(self, ids: Sequence[Sequence[int]]) -> _Float32Array:
        """Run the model on one batch of token ids and pool the output into unit vectors."""
        input_ids, attention_mask = _pad(ids)
        # BERT's segment ids: all zero for single-sentence input.
        token_type_ids = np.zeros_like(input_ids)
        (hidden,) = self._session.run(
            ["last_hidden_state"],
            {"input_ids": input_ids, "attention_mask": attention_mask, "token_type_ids": token_type_ids},
        )
        return _mean_pool_normalise(np.asarray(hidden, dtype=np.float32), attention_mask)


def _pad(ids: Sequence[Sequence[int]]) -> tuple[_Int64Array, _Int64Array]:
    """Right-pad to the longest sequence with [PAD] (id 0); return ids and attention mask."""
    width = max(len(seq) for seq in ids)
    input_ids = np.zeros((len(ids), width), dtype=np.int64)
    attention_mask = np.zeros((len(ids), width), dtype=np.int64)
    for row, seq in enumerate(ids):
        input_ids[row, : len(seq)] = seq
        attention_mask[row, : len(seq)] = 1
    return input_ids, attention_mask


def _mean_pool_normalise(hidden: _Float32Array, attention_mask: _Int64Array) -> _Float32Array:
    """Average token vectors over real tokens, then scale each to unit length.

    The clamps mirror sentence-transformers (1e-9 on the token count, 1e-12 on the norm): they only
    matter for degenerate input and keep it from dividing by zero.
    """
    mask = attention_mask[:, :, None].astype(np.float32)
    summed = (hidden * mask).sum(axis=1)
    counts = np.clip(mask.sum(axis=1), 1e-9, None)
    pooled = summed / counts
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    normalised: _Float32Array = pooled / np.clip(norms, 1e-12, None)
    return normalised
