"""Expand what a user names (files, directories, globs, ``-``) into raw articles or rejects."""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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
    check_markup_limits,
    decode,
    looks_like_html,
)

Item = RawArticle | InputError

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Upload:
    """A file given as its name and bytes (a web upload) instead of a path: read as a file
    of that name is, with the same size limit, types and rejections."""

    name: str
    data: bytes


def iter_sources(
    names: Iterable[str | Path | Upload],
    *,
    encoding: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Item]:
    """Every raw article (or reject) from the named inputs, in a stable order."""
    for name in names:
        if isinstance(name, Upload):
            yield from _read_upload(name, encoding)
            continue
        text_name = str(name)
        if text_name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                yield from _read_stream(stream, "<stdin>", encoding)
            except Exception as exc:
                yield InputError(
                    "<stdin>",
                    f"could not be read ({type(exc).__name__}: {str(exc)[:200]})",
                    "Please report it with the input attached (WARLOG_DEBUG=1 prints the "
                    "traceback).",
                    errors.READ_FAILED,
                )
                errors.debug_traceback("<stdin>", exc)
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
        files = sorted(  # FIFOs, devices and broken links too: each is reported, not skipped
            (candidate for candidate in path.rglob("*") if not candidate.is_dir()),
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
    """The articles of one file; whatever goes wrong reading it is reported for it alone."""
    try:
        yield from _read_file_unguarded(path, encoding)
    except Exception as exc:  # a bug in a reader (or a library under it): this file only
        yield InputError(
            str(path),
            f"could not be read ({type(exc).__name__}: {str(exc)[:200]})",
            "The other inputs were read; please report it with the file attached "
            "(WARLOG_DEBUG=1 prints the traceback).",
            errors.READ_FAILED,
        )
        errors.debug_traceback(str(path), exc)


def _unsupported(source: str, suffix: str) -> InputError:
    return InputError(
        source,
        f"has the unsupported type '{suffix}'",
        "warlog reads .txt, .md, .html, .json, .jsonl and RSS/Atom feeds (.rss, .atom, "
        ".xml); convert it or leave it out.",
        errors.UNSUPPORTED,
    )


def _read_upload(upload: Upload, encoding: str | None) -> Iterator[Item]:
    """The articles of an uploaded file, as :func:`_read_file` reads a file of its name."""
    source = upload.name
    try:
        suffix = Path(source).suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES | FEED_SUFFIXES:
            yield _unsupported(source, suffix)
            return
        if suffix in JSONL_SUFFIXES:
            import io

            yield from _read_jsonl(io.BytesIO(upload.data), source)
            return
        limit = settings.get_int("max_article_bytes")
        if len(upload.data) > limit:
            yield _too_large(source, len(upload.data), limit)
            return
        yield from _read_bytes(upload.data, source, suffix, encoding)
    except Exception as exc:  # a bug in a reader: this upload only
        yield InputError(
            source,
            f"could not be read ({type(exc).__name__}: {str(exc)[:200]})",
            "The other inputs were read; please report it with the file attached "
            "(WARLOG_DEBUG=1 prints the traceback).",
            errors.READ_FAILED,
        )
        errors.debug_traceback(source, exc)


def _not_regular(source: str, mode: int) -> InputError | None:
    """A FIFO, a device or a socket: reading one may block forever or never end."""
    import stat

    if stat.S_ISREG(mode):
        return None
    what = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    return InputError(
        source,
        f"is {what}, which warlog does not read (it may block or never end)",
        "Save the article to a regular file, or pipe it to `warlog ingest -`.",
        errors.NOT_REGULAR,
    )


def _read_file_unguarded(path: Path, encoding: str | None) -> Iterator[Item]:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES | FEED_SUFFIXES:
        yield _unsupported(source, suffix)
        return
    try:
        info = path.stat()
        refusal = _not_regular(source, info.st_mode)
        if refusal is not None:
            yield refusal
            return
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                yield from _read_jsonl(stream, source)
            return
        limit = settings.get_int("max_article_bytes")
        if info.st_size > limit:
            yield _too_large(source, info.st_size, limit)
            return
        with path.open("rb") as stream:
            data = stream.read(limit + 1)  # the file may have grown since stat
        if len(data) > limit:
            yield _too_large(source, len(data), limit, more=True)
            return
    except OSError as exc:
        yield InputError(
            source,
            f"cannot be read ({exc.strerror or exc})",
            "Check its permissions, or that it is a regular file.",
            errors.UNREADABLE,
        )
        return
    yield from _read_bytes(data, source, suffix, encoding)


def _too_large(source: str, size: int, limit: int, more: bool = False) -> InputError:
    """``more``: only the first ``size`` bytes were read (a stream), so the size is a floor."""
    amount = f"more than {limit / 1e6:.1f} MB" if more else f"{size / 1e6:.1f} MB"
    return InputError(
        source,
        f"is {amount}, over the {limit / 1e6:.1f} MB limit for one article",
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
        try:
            check_markup_limits(text, source)
        except InputError as error:
            yield error
            return
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
    line_number = 0
    while True:
        line = stream.readline(limit + 1)  # a line with no end is read no further than this
        if not line:
            break
        line_number += 1
        if len(line) > limit:
            seen_any = True
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = stream.readline(1 << 20)
            yield _too_large(f"{source}:{line_number}", limit + 1, limit, more=True)
            continue
        if not line.strip():
            continue
        seen_any = True
        try:
            yield article_from_jsonl_line(line, source, line_number)
        except InputError as error:
            yield error
        except Exception as exc:  # a bug on this line: the next lines are still read
            errors.debug_traceback(f"{source}:{line_number}", exc)
            yield InputError(
                f"{source}:{line_number}",
                f"could not be read ({type(exc).__name__}: {str(exc)[:200]})",
                "The other lines were read; please report it with the line attached "
                "(WARLOG_DEBUG=1 prints the traceback).",
                errors.READ_FAILED,
            )
    if not seen_any:
        yield InputError(source, "is empty", "Give one JSON article object per line.", errors.EMPTY)


def _read_stream(stream: BinaryIO, source: str, encoding: str | None) -> Iterator[Item]:
    limit = settings.get_int("max_article_bytes")
    data = stream.read(limit + 1)
    if len(data) > limit:
        yield _too_large(source, len(data), limit, more=True)
        return
    stripped = data.lstrip()
    if stripped.startswith(b"{") and b"\n{" in stripped:
        import io

        yield from _read_jsonl(io.BytesIO(data), source)
    elif stripped.startswith((b"{", b"[")):
        yield from _read_bytes(data, source, ".json", encoding)
    else:
        yield from _read_bytes(data, source, ".txt", encoding)
