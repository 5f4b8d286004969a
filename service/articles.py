"""The corpus: Markdown articles with YAML front matter, validated one file at a time.

Articles come from two places: the shipped ``corpus/`` directory, managed as files (its front matter
documents each date), and articles added over HTTP, kept as files of the same format under the data
directory, where only a title and the text are required.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from service import pickles

log = logging.getLogger(__name__)

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# libyaml's parser where PyYAML was built with it: 0.06 ms an article instead of 0.40 ms, which
# is seconds of start-up for an archive of tens of thousands of articles.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FrontMatterLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """SafeLoader that leaves dates as strings: pydantic validates them and names the field at fault.

    (SafeLoader builds ``datetime.date`` itself and raises a bare ValueError on "2025-13-45".)
    """


def _timestamp_as_text(loader: yaml.BaseLoader, node: yaml.Node) -> str:
    return str(node.value)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


Origin = Literal["corpus", "upload"]
CORPUS, UPLOAD = get_args(Origin)
Precision = Literal["day", "month", "year"]


class ArticleMeta(BaseModel):
    """The metadata block at the top of an article file; an uploaded article may leave dates out."""

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    published: dt.date | None = None
    date_precision: Precision = "day"
    date_note: str | None = None
    outlet: str | None = None
    url: str | None = None
    note: str | None = None

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError("must be a lowercase slug like 'shoigu-visit-pyongyang'")
        return value

    @field_validator("title", "date_note")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("must not be empty")
        return value.strip() if value is not None else None

    def byline(self) -> str:
        """Outlet and date, as a source header shows them ("Kestrel News, 2025-03-02")."""
        date = self.published.isoformat() if self.published else None
        return ", ".join(part for part in (self.outlet, date) if part)


class FrontMatter(ArticleMeta):
    """A shipped corpus file's front matter: it documents when the article appeared and how exactly."""

    published: dt.date
    date_precision: Precision
    date_note: str


@dataclass(frozen=True)
class Article:
    """One article. ``text`` is the body exactly as chunk offsets index it."""

    meta: ArticleMeta
    text: str
    path: Path
    origin: Origin = CORPUS

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def content_hash(self) -> str:
        """Hash of everything that ends up in the index: body and the metadata stored with chunks."""
        payload = self.meta.model_dump_json() + "\n" + self.text
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CorpusFileError:
    """Why one file was skipped: the file, the field at fault (if any) and a message."""

    path: Path
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}" + (f" [{self.field}]" if self.field else "")
        return f"{where}: {self.message}"


@dataclass
class Corpus:
    """The articles that loaded and the files that did not."""

    articles: list[Article] = field(default_factory=list)
    errors: list[CorpusFileError] = field(default_factory=list)

    def by_id(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}


def parse_article(path: Path, raw: str, origin: Origin = CORPUS) -> Article:
    """Parse one file's text; raises ``ArticleFileError`` naming the field at fault."""
    match = _FRONT_MATTER.match(raw.replace("\r\n", "\n"))
    if not match:
        raise ArticleFileError(None, "no YAML front matter: the file must start with a '---' block")
    try:
        data = yaml.load(match.group(1), Loader=_FrontMatterLoader)  # a SafeLoader subclass
    except (yaml.YAMLError, ValueError) as exc:
        raise ArticleFileError(None, f"front matter is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ArticleFileError(None, "front matter must be a mapping of fields")
    try:
        meta = (FrontMatter if origin == CORPUS else ArticleMeta).model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(p) for p in first["loc"]) or None
        raise ArticleFileError(name, first["msg"]) from exc
    if path.suffix == ".md" and meta.id != path.stem:
        # The file name is the id's home: otherwise a new file could silently take over an article.
        raise ArticleFileError("id", f"id {meta.id!r} must match the file name {path.name!r}")
    body = raw.replace("\r\n", "\n")[match.end() :].strip()
    if not body:
        raise ArticleFileError("body", "the article has no text after the front matter")
    return Article(meta=meta, text=body, path=path, origin=origin)


class ArticleFileError(ValueError):
    def __init__(self, field_name: str | None, message: str) -> None:
        super().__init__(message)
        self.field_name = field_name
        self.message = message


# Change when Article or ArticleMeta changes shape: an older parse cache is then ignored.
_PARSED_FORMAT = "articles/1"


def load_corpus(path: Path, origin: Origin = CORPUS, cache: Path | None = None) -> Corpus:
    """Load every ``*.md`` article under ``path`` (or the single file ``path``).

    A bad file is reported in ``Corpus.errors`` and skipped; the others still load. With ``cache``
    (a file in the data directory), articles parsed before are taken from it when their file's size
    and modification time are unchanged: parsing front matter was a quarter of a start-up over an
    archive of 35,000 articles, and a restart changes few files.
    """
    files = [path] if path.is_file() else sorted(p for p in path.glob("*.md") if p.name != "README.md")
    about = f"{path.resolve()}|{origin}"
    kept: dict[str, tuple[int, int, Article]] = {}
    if cache is not None:
        kept = pickles.load(cache, _PARSED_FORMAT, about) or {}
    parsed: dict[str, tuple[int, int, Article]] = {}
    corpus = Corpus()
    seen: dict[str, Path] = {}
    for file in files:
        try:
            stat = file.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
            entry = kept.get(file.name)
            if entry is not None and entry[:2] == stamp:
                article = entry[2]
            else:
                article = parse_article(file, file.read_text(encoding="utf-8"), origin)
            parsed[file.name] = (*stamp, article)
        except ArticleFileError as exc:
            corpus.errors.append(CorpusFileError(file, exc.field_name, exc.message))
            continue
        except (OSError, UnicodeDecodeError) as exc:
            corpus.errors.append(CorpusFileError(file, None, f"cannot read file: {exc}"))
            continue
        if article.id in seen:
            corpus.errors.append(
                CorpusFileError(file, "id", f"duplicate id, already used by {seen[article.id]}")
            )
            continue
        seen[article.id] = file
        corpus.articles.append(article)
    if cache is not None and parsed != kept:
        try:
            pickles.save(cache, _PARSED_FORMAT, about, parsed)
        except OSError as exc:  # a full disk costs the next start its speed, not this one
            log.warning("article parse cache not saved: %s", exc)
    return corpus
