"""Expand what a user names (files, directories, globs, ``-``) into raw articles or rejects."""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from warlog import errors, settings
from warlog.errors import InputError
from warlog.ingest.feeds import FEED_SUFFIXES, articles_from_feed, looks_like_feed
from warlog.ingest.readers import (
    HTML_SUFFIXES,
    JSON_SUFFIXES,
    JSONL_SUFFIXES,
    SUPPORTED_SUFFIXES,
    RawArticle,
    article_from_html,
    article_from_jsonl_line,
    articles_from_json,
    decode,
    looks_like_html,
)

Item = RawArticle | InputError

_GLOB_CHARS = frozenset("*?[")


def iter_sources(
    names: Iterable[str | Path],
    *,
    encoding: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Item]:
    """Every raw article (or reject) from the named inputs, in a stable order."""
    for name in names:
        text_name = str(name)
        if text_name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(stream, "<stdin>", encoding)
        elif text_name.startswith(("http://", "https://")):
            yield InputError(
                text_name,
                "is a URL; fetching URLs is not supported yet",
                "Save the page and ingest the file.",
                errors.UNSUPPORTED,
            )
        else:
            yield from _read_path(text_name, encoding)


def _read_path(name: str, encoding: str | None) -> Iterator[Item]:
    path = Path(name)
    if path.is_dir():
        files = sorted(
            (candidate for candidate in path.rglob("*") if candidate.is_file()),
            key=lambda candidate: str(candidate),
        )
        if not files:
            yield InputError(
                name, "is a directory with no files", "Name a directory of articles.", errors.EMPTY
            )
        for file in files:
            yield from _read_file(file, encoding)
    elif path.exists():
        yield from _read_file(path, encoding)
    elif _GLOB_CHARS & set(name):
        matches = sorted(glob.glob(name, recursive=True))
        if not matches:
            yield InputError(
                name,
                "matches no file",
                "Check the pattern (quote it for the shell).",
                errors.NOT_FOUND,
            )
        for match in matches:
            yield from _read_path(match, encoding)
    else:
        yield InputError(name, "does not exist", "Check the path and try again.", errors.NOT_FOUND)


def _read_file(path: Path, encoding: str | None) -> Iterator[Item]:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES | FEED_SUFFIXES:
        yield InputError(
            source,
            f"has the unsupported type '{suffix}'",
            "warlog reads .txt, .md, .html, .json, .jsonl and RSS/Atom feeds (.rss, .atom, "
            ".xml); convert it or leave it out.",
            errors.UNSUPPORTED,
        )
        return
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                yield from _read_jsonl(stream, source)
            return
        size = path.stat().st_size
        limit = settings.get_int("max_article_bytes")
        if size > limit:
            yield _too_large(source, size, limit)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(
            source,
            f"cannot be read ({exc.strerror or exc})",
            "Check its permissions, or that it is a regular file.",
            errors.UNREADABLE,
        )
        return
    yield from _read_bytes(data, source, suffix, encoding)


def _too_large(source: str, size: int, limit: int) -> InputError:
    return InputError(
        source,
        f"is {size / 1e6:.1f} MB, over the {limit / 1e6:.1f} MB limit for one article",
        "Split it into articles (one per line as .jsonl) or raise WARLOG_MAX_ARTICLE_BYTES.",
        errors.TOO_LARGE,
    )


def _read_bytes(data: bytes, source: str, suffix: str, encoding: str | None) -> Iterator[Item]:
    try:
        text = decode(data, source, encoding)
    except InputError as error:
        yield error
        return
    if suffix in FEED_SUFFIXES or looks_like_feed(text):
        yield from articles_from_feed(data, source)
        return
    try:
        if suffix in JSON_SUFFIXES:
            yield from articles_from_json(text, source)
        elif suffix in HTML_SUFFIXES or looks_like_html(text):
            yield article_from_html(text, source)
        else:
            yield RawArticle(source=source, text=text)
    except InputError as error:
        yield error


def _read_jsonl(stream: BinaryIO, source: str) -> Iterator[Item]:
    limit = settings.get_int("max_article_bytes")
    seen_any = False
    for line_number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        seen_any = True
        if len(line) > limit:
            yield _too_large(f"{source}:{line_number}", len(line), limit)
            continue
        try:
            yield article_from_jsonl_line(line, source, line_number)
        except InputError as error:
            yield error
    if not seen_any:
        yield InputError(source, "is empty", "Give one JSON article object per line.", errors.EMPTY)


def _read_stream(stream: BinaryIO, source: str, encoding: str | None) -> Iterator[Item]:
    limit = settings.get_int("max_article_bytes")
    data = stream.read(limit + 1)
    if len(data) > limit:
        yield _too_large(source, len(data), limit)
        return
    stripped = data.lstrip()
    if stripped.startswith(b"{") and b"\n{" in stripped:
        import io

        yield from _read_jsonl(io.BytesIO(data), source)
    elif stripped.startswith((b"{", b"[")):
        yield from _read_bytes(data, source, ".json", encoding)
    else:
        yield from _read_bytes(data, source, ".txt", encoding)
