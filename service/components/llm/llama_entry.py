"""The local model server's entry point: llama-cpp-python's server with lean saved prompt states.

With ``--cache true`` the server saves the model's state after each reply and, for the next prompt,
restores the saved state that shares the longest token prefix, so only the rest of the prompt is
evaluated. With a lead window (``NEWSDESK_ANSWER_LEAD_WINDOW``), answer prompts open with a block
that depends only on an article (``service.grounding.packing``), so a question answered from it
before skips most of its prompt processing, which is ~90% of an answer's wait on CPU.

llama-cpp-python 0.3.x copies its logits buffer (``n_batch`` x vocabulary floats, ~311 MB for this
model) into every saved state although, without ``logits_all``, the buffer is never written and a
restored state never reads it; it counts only the llama.cpp bytes (the KV cells, ~28 KB a token)
against ``--cache_size``. A long eval run grew the server to 22 GB that way. Here a saved state keeps
no logits rows, so the cache's size limit is the memory it really holds.

Run as ``python -m service.components.llm.llama_entry`` with the server's own arguments. This module
imports nothing of the service beyond itself and ``reuse``: it runs in the model's process.
"""

from __future__ import annotations

import ctypes
import sys

import llama_cpp
import numpy as np
from llama_cpp.llama import Llama, LlamaState

from service.components.llm import reuse

_save_state = Llama.save_state
_load_state = Llama.load_state


def save_state(self: Llama) -> LlamaState:
    """The KV state and tokens, without the unused logits buffer (unless ``logits_all`` fills it)."""
    if self._logits_all:
        return _save_state(self)
    size = int(llama_cpp.llama_state_get_size(self._ctx.ctx))
    buffer = (ctypes.c_uint8 * size)()
    written = int(llama_cpp.llama_state_get_data(self._ctx.ctx, buffer, size))
    if written > size:
        raise RuntimeError("llama.cpp wrote more state than it asked room for")
    return LlamaState(
        input_ids=self.input_ids.copy(),
        scores=np.empty((0, self._n_vocab), dtype=np.single),
        n_tokens=self.n_tokens,
        llama_state=ctypes.string_at(buffer, written),
        llama_state_size=written,
        seed=self._seed,
    )


def load_state(self: Llama, state: LlamaState) -> None:
    """Restore a state saved by :func:`save_state` (others go to llama-cpp-python's own)."""
    if self._logits_all or state.scores.shape[0]:
        _load_state(self, state)
        return
    self.input_ids = state.input_ids.copy()
    self.n_tokens = state.n_tokens
    self._requires_eval = True
    self._seed = state.seed
    buffer = (ctypes.c_uint8 * state.llama_state_size).from_buffer_copy(state.llama_state)
    if (
        llama_cpp.llama_state_set_data(self._ctx.ctx, buffer, state.llama_state_size)
        != state.llama_state_size
    ):
        raise RuntimeError("llama.cpp did not take the whole saved state")


def install() -> None:
    """Make every ``Llama`` in this process save and restore lean states."""
    Llama.save_state = save_state  # type: ignore[method-assign]
    Llama.load_state = load_state  # type: ignore[method-assign]


REUSE_FLAG = "--newsdesk_reuse_mb"  # local.REUSE_FLAG: that module is not loaded in this process


def main() -> None:
    install()
    if REUSE_FLAG in sys.argv:  # ours, not the stock server's: take it off before that parses
        # Only then: it changes how the context is made (sequences, one shared cache).
        at = sys.argv.index(REUSE_FLAG)
        reuse.install(int(sys.argv[at + 1]))
        del sys.argv[at : at + 2]
    from llama_cpp.server.__main__ import main as serve

    serve()


if __name__ == "__main__":
    main()
