"""A synthetic newsroom archive for the scale bench, made deterministically from the corpus's sentences.

Each archive article is a shuffled draw of the shipped articles' sentences, re-dated, re-titled and
*re-named*: every capitalised word after a sentence's first is swapped for an invented name and every
digit is permuted, both fixed per "variant" (one of ``VARIANTS`` fictional worlds). So the archive reads
like many outlets covering similar stories about other actors, with other figures — not like thousands
of verbatim copies of the planted articles, which no retriever could tell from the originals.

The eval corpora are planted inside unchanged, under their own ids, so their questions can be asked of
the archive and scored against the same questions on the corpora alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import random
import re
import shutil
from pathlib import Path

import yaml

from service.articles import load_corpus
from service.ingest.chunking import chunk_text
from service.text import sentence_spans

VARIANTS = 64
VERSION = "2"  # part of the cache key: change it when the generator changes
_NAME = re.compile(r"(?<![\w’'])[A-Z][A-Za-z’']+")
_WORD = re.compile(r"[A-Za-z’']+")
_SYLLABLES = "ka ro mi te lu va sen dor bri mal tho quin zer pel gan vo".split()
_OUTLETS = "Ledger Courier Sentinel Herald Dispatch Observer Chronicle Gazette".split()


def sentence_pool(corpus: Path) -> list[str]:
    """The distinct sentences of the articles under ``corpus``, in file order."""
    seen: dict[str, None] = {}
    for article in load_corpus(corpus).articles:
        for start, end in sentence_spans(article.text):
            sentence = article.text[start:end]
            if len(sentence.split()) >= 4:  # headings and datelines make poor filler
                seen.setdefault(sentence)
    return list(seen)


def _invented(word: str, variant: int) -> str:
    digest = hashlib.blake2b(f"{variant}:{word}".encode(), digest_size=3).digest()
    return "".join(_SYLLABLES[b % len(_SYLLABLES)] for b in digest).capitalize()


def _digits(variant: int) -> dict[int, str]:
    order = list("0123456789")
    random.Random(f"digits:{variant}").shuffle(order)
    return {ord(str(d)): order[d] for d in range(10)}


def common_words(pool: list[str]) -> frozenset[str]:
    """Words the pool also writes in lower case ("the", "according"): capitalised, they only start a
    sentence. Every other capitalised word is taken for a name."""
    return frozenset(w for s in pool for w in _WORD.findall(s) if w.islower())


def rewrite(sentence: str, variant: int, common: frozenset[str]) -> str:
    """``sentence`` in fictional world ``variant``: other names, other figures."""

    def rename(match: re.Match[str]) -> str:
        word = match.group(0)
        return word if word.lower() in common else _invented(word, variant)

    return _NAME.sub(rename, sentence).translate(_digits(variant))


def rewritten_pool(pool: list[str]) -> list[list[str]]:
    """``pool`` rewritten in every variant: ``[variant][sentence]``."""
    common = common_words(pool)
    return [[rewrite(s, v, common) for s in pool] for v in range(VARIANTS)]


def distractor(i: int, worlds: list[list[str]], seed: int = 7) -> tuple[str, str]:
    """Article ``i`` of the archive: its file name and its text (front matter + body)."""
    rng = random.Random(f"{seed}:{i}")
    variant = rng.randrange(VARIANTS)
    sentences = [worlds[variant][j] for j in rng.sample(range(len(worlds[variant])), rng.randint(6, 14))]
    paragraphs, k = [], 0
    while k < len(sentences):
        step = rng.randint(2, 3)
        paragraphs.append(" ".join(sentences[k : k + step]))
        k += step
    words = sentences[0].split()[:8]
    title = " ".join(words).rstrip(".,;:") or f"Report {i}"
    published = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
    article_id = f"archive-{i:06d}"
    meta = {
        "id": article_id,
        "title": title,
        "published": published.isoformat(),
        "date_precision": "day",
        "date_note": "synthetic archive article for the scale bench",
        "outlet": f"The {_invented('outlet', variant)} {_OUTLETS[variant % len(_OUTLETS)]}",
    }
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    return f"{article_id}.md", f"---\n{front}---\n\n" + "\n\n".join(paragraphs) + "\n"


def chunks_of(text: str) -> int:
    """How many chunks ingest makes of one article file's body (default chunking)."""
    body = text.split("\n---\n", 1)[1].strip()
    return len(chunk_text("x", body))


def build(dest: Path, n_chunks: int, pool_from: Path, planted: list[Path]) -> Path:
    """Write an archive of about ``n_chunks`` chunks into ``dest`` (reused if complete): the planted
    corpora's articles, then distractors until the chunk count is reached."""
    done = dest / ".complete"
    if done.exists():
        return dest
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    total = 0
    for corpus in planted:
        for article in load_corpus(corpus).articles:
            shutil.copyfile(article.path, dest / article.path.name)
            total += len(chunk_text(article.id, article.text))
    worlds = rewritten_pool(sentence_pool(pool_from))
    for i in itertools.count():
        if total >= n_chunks:
            break
        name, text = distractor(i, worlds)
        (dest / name).write_text(text, encoding="utf-8")
        total += chunks_of(text)
    done.write_text(f"{total}\n", encoding="utf-8")
    return dest


def cache_key(pool_from: Path, planted: list[Path]) -> str:
    """A digest of the generator and its inputs: a changed corpus or generator makes a new archive."""
    h = hashlib.sha256(VERSION.encode())
    for corpus in [pool_from, *planted]:
        for path in sorted(corpus.glob("*.md")):
            h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()[:12]
