"""Answer prompts that reuse each article's evaluated state, in the local model's process.

On CPU, evaluating the evidence is most of an answer's wait. The evidence is sentences cut from a
few articles, and the same article's sentences come back question after question. So a chat request
may carry ``newsdesk_evidence``: its documents (an article's lead line and every sentence, in order)
and the evidence as segments whose text, joined, occurs once in the rendered prompt. A segment that
names a document sentence takes that sentence's KV cells from the document's state, evaluated once
after the prompt's opening and kept here; its positions are shifted into place (RoPE). Segments
without a document, the opening and everything after the evidence are evaluated as usual.

Reused cells attended to their own article, not to the rest of the prompt: the service sends the
sentences that best match the question as plain segments, so those are evaluated in full context.
Even so, the local model answered worse on the full eval, so the service sends the field only when
``NEWSDESK_ANSWER_FRESH_SENTENCES`` is set, and only then is this installed (``bench/RESULTS.md``,
"Reused article states").

Only greedy decoding (temperature 0) without tools, grammars or logprobs takes this path; any other
request, or evidence that does not match its prompt, goes to llama-cpp-python's own completion.
Imports nothing of the service: it runs in the model's process (``llama_entry``).
"""

from __future__ import annotations

import ctypes
import hashlib
import inspect
import logging
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import llama_cpp
import numpy as np
from llama_cpp.llama import Llama
from llama_cpp.llama_chat_format import Jinja2ChatFormatter

log = logging.getLogger("newsdesk.reuse")

WORK, SCRATCH = 1, 2  # sequence 0 stays llama-cpp-python's own
SEQUENCES = 3
# Reused cells are parked far beyond any prompt position before each is shifted into place, so a
# range moved forward never lands on cells still waiting to move.
_PARK = 1 << 20
_KEY = "newsdesk_evidence"


@dataclass
class _State:
    """One sequence's saved KV cells (llama.cpp's bytes) and what they hold."""

    data: bytes
    # Token range of each document sentence, as positions in the saved state.
    spans: list[tuple[int, int]] = field(default_factory=list)


class _States:
    """Saved states by key, least recently used dropped beyond ``limit_mb``."""

    def __init__(self, limit_mb: int) -> None:
        self.limit = limit_mb << 20
        self.items: OrderedDict[str, _State] = OrderedDict()
        self.size = 0

    def get(self, key: str) -> _State | None:
        state = self.items.get(key)
        if state is not None:
            self.items.move_to_end(key)
        return state

    def put(self, key: str, state: _State) -> None:
        old = self.items.pop(key, None)
        self.size -= len(old.data) if old else 0
        self.items[key] = state
        self.size += len(state.data)
        while self.size > self.limit and len(self.items) > 1:
            _, dropped = self.items.popitem(last=False)
            self.size -= len(dropped.data)


_states = _States(512)


def install(limit_mb: int) -> None:
    """Contexts get room for the working sequences in one shared cache; chat completions that carry
    ``newsdesk_evidence`` take the reuse path, keeping at most ``limit_mb`` of saved states."""
    _states.limit = limit_mb << 20
    if not log.handlers:  # the server's log file shows what each answer evaluated
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    stock_params = llama_cpp.llama_context_default_params

    def context_params() -> Any:
        params = stock_params()
        params.n_seq_max = SEQUENCES
        params.kv_unified = True  # otherwise each sequence gets only n_ctx / n_seq_max cells
        return params

    llama_cpp.llama_context_default_params = context_params
    import llama_cpp.llama as llama_module

    llama_module.llama_cpp.llama_context_default_params = context_params

    from llama_cpp.server import types

    types.CreateChatCompletionRequest.model_config["extra"] = "allow"
    types.CreateChatCompletionRequest.model_rebuild(force=True)

    stock = Llama.create_chat_completion
    # The request model now keeps fields it does not know: only the stock method's own go on.
    known = set(inspect.signature(stock).parameters)

    def create_chat_completion(self: Llama, *args: Any, **kwargs: Any) -> Any:
        evidence = kwargs.get(_KEY)
        limit = kwargs.get("max_tokens") or kwargs.get("max_completion_tokens")
        kwargs = {k: v for k, v in kwargs.items() if k in known}
        if evidence is not None and _greedy_plain(kwargs):
            plan = _plan(self, kwargs["messages"], evidence)
            if plan is not None:
                try:
                    started = _start(self, plan)
                except RuntimeError as exc:  # served as usual, slower
                    log.warning("evidence not reused: %s", exc)
                    return stock(self, *args, **kwargs)
                chunks = _generate(plan, started, limit, _stops(kwargs.get("stop")))
                return chunks if kwargs.get("stream") else _collect(chunks, plan)
        return stock(self, *args, **kwargs)

    Llama.create_chat_completion = create_chat_completion  # type: ignore[method-assign]


def _greedy_plain(kwargs: dict[str, Any]) -> bool:
    return (
        float(kwargs.get("temperature", 1.0)) == 0.0
        and not kwargs.get("tools")
        and not kwargs.get("functions")
        and not kwargs.get("grammar")
        and not kwargs.get("logprobs")
        and not kwargs.get("response_format")
    )


def _stops(stop: str | list[str] | None) -> list[str]:
    return [stop] if isinstance(stop, str) else list(stop or [])


@dataclass
class _Segment:
    ids: list[int]
    doc: str | None = None
    index: int = 0


@dataclass
class _Plan:
    opening: list[int]
    segments: list[_Segment]
    closing: list[int]
    docs: dict[str, tuple[str, list[str]]]
    evaluated: int = 0  # prompt tokens evaluated for this request (the rest were reused)
    completion: int = 0

    def prompt_tokens(self) -> int:
        return len(self.opening) + sum(len(s.ids) for s in self.segments) + len(self.closing)


def _tokens(llm: Llama, text: str) -> list[int]:
    return llm.tokenize(text.encode("utf-8"), add_bos=False, special=True) if text else []


def _plan(llm: Llama, messages: list[Any], evidence: dict[str, Any]) -> _Plan | None:
    """The prompt cut into opening, evidence segments and closing, or None if the evidence does not
    match the prompt the chat template renders (then the request is served as usual)."""
    try:
        template = llm.metadata["tokenizer.chat_template"]
        formatter = Jinja2ChatFormatter(
            template=template,
            eos_token=llm._model.token_get_text(llm.token_eos()),
            bos_token=llm._model.token_get_text(llm.token_bos()),
        )
        prompt = formatter(messages=messages).prompt
        parts = evidence["segments"]
        docs = {
            str(key): (str(doc.get("lead", "")), [str(s) for s in doc["sentences"]])
            for key, doc in evidence.get("documents", {}).items()
        }
        joined = "".join(str(p["text"]) for p in parts)
        named = [(str(p["text"]), p.get("document"), int(p.get("index", -1))) for p in parts]
    except (KeyError, TypeError, AttributeError, ValueError) as exc:  # a malformed field: served as usual
        log.warning("evidence not reused: %s", exc)
        return None
    at = prompt.find(joined)
    if not joined or at < 0 or prompt.find(joined, at + 1) >= 0:
        log.warning("evidence not reused: its text is not once in the prompt")
        return None
    segments = []
    for text, doc, index in named:
        reusable = doc in docs and 0 <= index < len(docs[doc][1]) and docs[doc][1][index] == text
        segments.append(_Segment(_tokens(llm, text), doc if reusable else None, index))
    return _Plan(_tokens(llm, prompt[:at]), segments, _tokens(llm, prompt[at + len(joined) :]), docs)


class _Context:
    """llama.cpp calls on the model's context, in positions and sequences."""

    def __init__(self, llm: Llama) -> None:
        self.llm = llm
        self.ctx = llm._ctx.ctx
        self.mem = llama_cpp.llama_get_memory(self.ctx)
        self.vocab = llama_cpp.llama_model_get_vocab(llm._model.model)

    def decode(self, ids: list[int], start: int, seq: int, logits: bool) -> np.ndarray | None:
        """Evaluate ``ids`` at positions ``start``… of ``seq``; the last token's logits if asked."""
        step = self.llm.n_batch
        for at in range(0, len(ids), step):
            part = ids[at : at + step]
            batch = llama_cpp.llama_batch_init(len(part), 0, 1)
            try:
                for j, token in enumerate(part):
                    batch.token[j] = token
                    batch.pos[j] = start + at + j
                    batch.n_seq_id[j] = 1
                    batch.seq_id[j][0] = seq
                    batch.logits[j] = logits and at + j == len(ids) - 1
                batch.n_tokens = len(part)
                if llama_cpp.llama_decode(self.ctx, batch) != 0:
                    raise RuntimeError("llama_decode failed")
            finally:
                llama_cpp.llama_batch_free(batch)
        if not logits:
            return None
        row = llama_cpp.llama_get_logits_ith(self.ctx, -1)
        return np.ctypeslib.as_array(row, shape=(self.llm.n_vocab(),))

    def save(self, seq: int) -> bytes:
        size = llama_cpp.llama_state_seq_get_size(self.ctx, seq)
        buffer = (ctypes.c_uint8 * size)()
        written = llama_cpp.llama_state_seq_get_data(self.ctx, buffer, size, seq)
        return ctypes.string_at(buffer, written)

    def load(self, data: bytes, seq: int) -> None:
        self.clear(seq)
        buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        if llama_cpp.llama_state_seq_set_data(self.ctx, buffer, len(data), seq) != len(data):
            raise RuntimeError("llama.cpp did not take the saved state")

    def clear(self, seq: int, start: int = -1, end: int = -1) -> None:
        llama_cpp.llama_memory_seq_rm(self.mem, seq, start, end)

    def shift(self, seq: int, start: int, end: int, delta: int) -> None:
        llama_cpp.llama_memory_seq_add(self.mem, seq, start, end, delta)

    def copy(self, src: int, dst: int, start: int, end: int) -> None:
        llama_cpp.llama_memory_seq_cp(self.mem, src, dst, start, end)


def _opening(ctx: _Context, opening: list[int]) -> str:
    """The prompt's opening into the work sequence (evaluated once, then restored); its key, which
    the states of documents evaluated after it carry too."""
    key = hashlib.sha256(np.asarray(opening, dtype=np.int32).tobytes()).hexdigest()
    state = _states.get("opening:" + key)
    if state is not None:
        ctx.load(state.data, WORK)
        return key
    ctx.clear(WORK)
    ctx.decode(opening, 0, WORK, logits=False)
    _states.put("opening:" + key, _State(ctx.save(WORK)))
    return key


def _document(ctx: _Context, plan: _Plan, opening_key: str, name: str) -> _State | None:
    """A document's state: its lead and sentences evaluated after the prompt's opening (which is in
    the work sequence). None for a document too long to hold beside a prompt."""
    lead, sentences = plan.docs[name]
    key = "doc:" + hashlib.sha256("\0".join([opening_key, lead, *sentences]).encode()).hexdigest()
    state = _states.get(key)
    if state is not None:
        return state
    ids = _tokens(ctx.llm, lead)
    spans = []
    for sentence in sentences:
        piece = _tokens(ctx.llm, sentence)
        start = len(plan.opening) + len(ids)
        spans.append((start, start + len(piece)))
        ids += piece
    if len(plan.opening) + len(ids) > ctx.llm.n_ctx() // 2:
        return None
    ctx.clear(SCRATCH)
    ctx.copy(WORK, SCRATCH, 0, len(plan.opening))
    started = time.perf_counter()
    ctx.decode(ids, len(plan.opening), SCRATCH, logits=False)
    # The opening's cells belong to the work sequence; the state keeps the document's own.
    ctx.clear(SCRATCH, 0, len(plan.opening))
    state = _State(ctx.save(SCRATCH), spans)
    ctx.clear(SCRATCH)
    log.info("evidence: document evaluated, %d tokens in %.1f s", len(ids), time.perf_counter() - started)
    _states.put(key, state)
    return state


def _assemble(ctx: _Context, plan: _Plan) -> tuple[np.ndarray, int]:
    """Build the prompt's cells in the work sequence; the last token's logits and the next
    position. Sets ``plan.evaluated``."""
    opening_key = _opening(ctx, plan.opening)
    documents = {s.doc: _document(ctx, plan, opening_key, s.doc) for s in plan.segments if s.doc is not None}
    position, pending, loaded = len(plan.opening), [], None
    for segment in plan.segments:
        state = documents.get(segment.doc) if segment.doc is not None else None
        if state is not None:
            start, end = state.spans[segment.index]
            if end - start != len(segment.ids):
                state = None  # tokenized apart differently: evaluate it
        if state is None:
            pending += segment.ids
            position += len(segment.ids)
            continue
        if pending:  # a batch must start right after the sequence's last cell
            ctx.decode(pending, position - len(pending), WORK, logits=False)
            plan.evaluated += len(pending)
            pending = []
        if loaded != segment.doc:
            ctx.load(state.data, SCRATCH)
            ctx.shift(SCRATCH, 0, -1, _PARK)
            loaded = segment.doc
        ctx.shift(SCRATCH, _PARK + start, _PARK + end, position - _PARK - start)
        ctx.copy(SCRATCH, WORK, position, position + end - start)
        ctx.clear(SCRATCH, position, position + end - start)
        position += end - start
    ctx.clear(SCRATCH)
    pending += plan.closing
    position += len(plan.closing)
    logits = ctx.decode(pending, position - len(pending), WORK, logits=True)
    plan.evaluated += len(pending)
    assert logits is not None
    return logits, position


def _start(llm: Llama, plan: _Plan) -> tuple[_Context, np.ndarray, int]:
    """The prompt assembled in the work sequence: the context, the last token's logits and the
    next position. Raises RuntimeError (the work sequence emptied) if llama.cpp refuses a step."""
    ctx = _Context(llm)
    # The stock path's own sequence is dropped: its cells are needed, and llama-cpp-python is told,
    # so it evaluates its next prompt from the start.
    ctx.clear(0)
    llm.n_tokens = 0
    started = time.perf_counter()
    try:
        logits, position = _assemble(ctx, plan)
    except BaseException:
        ctx.clear(WORK)
        ctx.clear(SCRATCH)
        raise
    log.info(
        "evidence: prompt %d tokens, %d evaluated in %.2f s",
        plan.prompt_tokens(),
        plan.evaluated,
        time.perf_counter() - started,
    )
    return ctx, logits.copy(), position


def _generate(
    plan: _Plan,
    started: tuple[_Context, np.ndarray, int],
    limit: int | None,
    stops: list[str],
) -> Iterator[dict[str, Any]]:
    """OpenAI chat-completion chunks, greedy; the work sequence is emptied however it ends (a
    stream the client dropped is closed by the server)."""
    ctx, logits, position = started
    llm = ctx.llm
    name = f"chatcmpl-{uuid.uuid4()}"
    created = int(time.time())

    def chunk(delta: dict[str, str], finish: str | None = None) -> dict[str, Any]:
        return {
            "id": name,
            "object": "chat.completion.chunk",
            "created": created,
            "model": "local",
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
        }

    try:
        yield chunk({"role": "assistant"})
        text, sent, raw = "", 0, b""
        held = max((len(s) for s in stops), default=1) - 1  # text that may yet begin a stop
        finish = "length"
        for _ in range(limit or llm.n_ctx() - position):
            token = int(np.argmax(logits))
            if llama_cpp.llama_vocab_is_eog(ctx.vocab, token):
                finish = "stop"
                break
            plan.completion += 1
            raw += llm.detokenize([token], special=False)
            try:
                text += raw.decode("utf-8")
                raw = b""
            except UnicodeDecodeError:
                pass  # a character split across tokens: wait for the rest
            cut = min((i for i in (text.find(s) for s in stops) if i >= 0), default=-1)
            if cut >= 0:
                text, finish = text[:cut], "stop"
                break
            ready = len(text) - held
            if ready > sent:
                yield chunk({"content": text[sent:ready]})
                sent = ready
            if position >= llm.n_ctx():
                break
            next_logits = ctx.decode([token], position, WORK, logits=True)
            assert next_logits is not None
            logits, position = next_logits, position + 1
        if len(text) > sent:
            yield chunk({"content": text[sent:]})
        yield chunk({}, finish)
    finally:
        ctx.clear(WORK)
        ctx.clear(SCRATCH)


def _collect(chunks: Iterator[dict[str, Any]], plan: _Plan) -> dict[str, Any]:
    """The chunks as one chat completion. (The server's response model has no field for reused
    tokens: the log line of each request says how many were evaluated.)"""
    content, finish, first = "", None, None
    for part in chunks:
        first = first or part
        choice = part["choices"][0]
        content += choice["delta"].get("content", "")
        finish = choice["finish_reason"] or finish
    assert first is not None
    prompt = plan.prompt_tokens()
    return {
        "id": first["id"],
        "object": "chat.completion",
        "created": first["created"],
        "model": "local",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "logprobs": None,
                "finish_reason": finish,
            }
        ],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": plan.completion,
            "total_tokens": prompt + plan.completion,
        },
    }
