"""Local sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime, no PyTorch, no downloads."""

from service.components.embeddings._assets import MAX_SEQ_LENGTH, ModelIntegrityError
from service.components.embeddings.minilm import MINILM_MODEL_ID, MiniLMEmbeddings

__all__ = ["MAX_SEQ_LENGTH", "MINILM_MODEL_ID", "MiniLMEmbeddings", "ModelIntegrityError"]
