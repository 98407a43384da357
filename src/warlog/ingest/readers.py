"""Turn bytes of one input (a file, a JSONL line, stdin) into raw articles.

Nothing here cleans text; it decodes, unpacks containers and keeps the metadata fields
(``url``, ``outlet``, ``headline``, ``published``) a user gave.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from warlog import errors
from warlog.errors import InputError

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES

# Field names accepted in JSON/JSONL articles, first match wins.
TEXT_FIELDS = ("text", "body", "content")
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "url": ("url", "link"),
    "outlet": ("outlet", "publisher", "site"),
    "headline": ("headline", "title"),
    "published": ("published", "date", "published_at", "publication_date"),
}

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3", "a SQLite database"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article as read, before cleaning. ``source`` names where it came from."""

    source: str
    text: str
    is_html: bool = False
    url: str | None = None
    outlet: str | None = None
    headline: str | None = None
    published: str | None = None


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Bytes to text: UTF-8 (or a BOM-marked UTF-16/32), else the encoding the user named
    (a fallback: a UTF-8 input beside the one it was meant for is still read as UTF-8). A
    rejection names the likely encoding (warlog.ingest.encodings) and ``--encoding``."""
    if not data.strip():
        raise InputError(
            source, "is empty", "Give a file that holds an article's text.", errors.EMPTY
        )
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(
                source,
                f"is {what}, not text",
                "Extract its text first (warlog reads .txt, .html, .json and .jsonl).",
                errors.BINARY,
            )
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(
                source,
                f"'{encoding}' is not an encoding Python knows",
                "Pass a name such as utf-8, cp1252 or latin-1 to --encoding.",
                errors.ENCODING,
            ) from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec, errors="strict")
            except UnicodeDecodeError as exc:
                raise InputError(
                    source,
                    f"starts with the byte-order mark of {codec} but is not valid {codec} "
                    f"({exc.reason} at offset {exc.start})",
                    "Save it again as UTF-8 (iconv -t utf-8), or repair the bytes at that offset.",
                    errors.ENCODING,
                ) from None
    has_nul = b"\x00" in data[:8192]
    if not has_nul:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if encoding is not None:  # a fallback: what is UTF-8 (or marked) was read as such above
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                source,
                f"is neither UTF-8 nor valid {encoding} (byte {data[exc.start]:#04x} at offset "
                f"{exc.start})",
                "Check the encoding you passed to --encoding.",
                errors.ENCODING,
            ) from None
    from warlog.ingest.encodings import guess_encoding, utf16_without_bom

    if has_nul:
        utf16 = utf16_without_bom(data)
        if utf16 is None:
            raise InputError(
                source,
                "holds NUL bytes, so it is binary, not text",
                "Give the article as plain text, HTML or JSON (text in UTF-16 without a "
                "byte-order mark: pass --encoding utf-16-le or utf-16-be).",
                errors.BINARY,
            )
        raise InputError(
            source,
            f"looks like {utf16} text without a byte-order mark, not UTF-8",
            f"Convert it (iconv -f {utf16} -t utf-8) or pass --encoding {utf16}.",
            errors.ENCODING,
        )
    invalid = _utf8_error(data)
    guess = guess_encoding(data)
    hint = (
        f"It looks like {guess}: convert it (iconv -f {guess} -t utf-8) or pass --encoding {guess}."
        if guess
        else "Convert it to UTF-8 or pass its encoding with --encoding."
    )
    raise InputError(
        source,
        f"is not valid UTF-8 (byte {data[invalid.start]:#04x} at offset {invalid.start})",
        hint,
        errors.ENCODING,
    )


def _utf8_error(data: bytes) -> UnicodeDecodeError:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc
    raise AssertionError("valid UTF-8")  # pragma: no cover - only called on invalid UTF-8


_JSON_TYPES = {
    bool: "true or false",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "an object",
}


def _first_str(obj: dict[str, Any], names: tuple[str, ...], source: str) -> str | None:
    """The first of ``names`` that holds text. A field of another type (``"url": 7``,
    ``"published": true``) is an error, not silently dropped; a year as a number
    (``"published": 2020``) is read as text."""
    for name in names:
        value = obj.get(name)
        if value is None:
            continue
        if isinstance(value, str):
            if value.strip():
                return value.strip()
            continue
        if isinstance(value, int) and not isinstance(value, bool) and name in _NUMBER_FIELDS:
            return str(value)
        what = _JSON_TYPES.get(type(value), type(value).__name__)
        raise InputError(
            source,
            f"has a '{name}' field that is {what} ({_preview(value)}), not a string",
            f'Give "{name}" as a JSON string, e.g. "{name}": "...", or leave it out.',
            errors.BAD_FIELD,
        )
    return None


_NUMBER_FIELDS = frozenset(FIELD_ALIASES["published"])


def _preview(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 40 else text[:40] + "…"


def article_from_object(obj: Any, source: str) -> RawArticle:
    """A JSON object with ``text`` (or ``body``/``content``) and optional metadata fields."""
    if not isinstance(obj, dict):
        raise InputError(
            source,
            f"is a JSON {type(obj).__name__}, not an object",
            'Give one object per article, e.g. {"text": "...", "published": "2020-10-04"}.',
            errors.BAD_JSON,
        )
    text = _first_str(obj, TEXT_FIELDS, source)
    if text is None:
        raise InputError(
            source,
            "has no 'text' field with the article's text",
            'Add a "text" field (or "body"/"content") holding the article.',
            errors.NO_TEXT,
        )
    return RawArticle(
        source=source,
        text=text,
        url=_first_str(obj, FIELD_ALIASES["url"], source),
        outlet=_first_str(obj, FIELD_ALIASES["outlet"], source),
        headline=_first_str(obj, FIELD_ALIASES["headline"], source),
        published=_first_str(obj, FIELD_ALIASES["published"], source),
    )


def articles_from_json(text: str, source: str) -> Iterator[RawArticle | InputError]:
    """A .json file: one article object or a list of them."""
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(
            source,
            f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})",
            "Fix the JSON, or save one article per line as .jsonl.",
            errors.BAD_JSON,
        )
        return
    items = parsed if isinstance(parsed, list) else [parsed]
    for index, item in enumerate(items):
        item_source = f"{source}[{index}]" if isinstance(parsed, list) else source
        try:
            yield article_from_object(item, item_source)
        except InputError as error:
            yield error


def article_from_jsonl_line(line: bytes, source: str, line_number: int) -> RawArticle:
    where = f"{source}:{line_number}"
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            where,
            f"line is not valid UTF-8 (byte {line[exc.start]:#04x})",
            "JSONL must be UTF-8; re-export the line or convert the file with iconv.",
            errors.ENCODING,
        ) from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            where,
            f"line is not valid JSON ({exc.msg} at column {exc.colno})",
            "Fix or remove that line; the other lines were read.",
            errors.BAD_JSON,
        ) from None
    return article_from_object(obj, where)


_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})[^<>]{0,4096}?(/?)>")
_VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


def check_markup_limits(markup: str, source: str) -> None:
    """Refuse, before any parser sees it, markup whose parsing would be unbounded work: more
    entity references than ``max_html_entities`` or tags nested deeper than
    ``max_html_depth``. One linear pass over the text."""
    from warlog import settings

    entities = markup.count("&")
    limit = settings.get_int("max_html_entities")
    if entities > limit:
        raise InputError(
            source,
            f"holds {entities:,} entity references ('&...;'), over the limit of {limit:,}",
            "Give the article's own page, or raise WARLOG_MAX_HTML_ENTITIES.",
            errors.TOO_COMPLEX,
        )
    depth_limit = settings.get_int("max_html_depth")
    depth = 0
    for match in _TAG_RE.finditer(markup):
        closing, name, self_closing = match.groups()
        if closing:
            depth = max(0, depth - 1)
        elif not self_closing and name.lower() not in _VOID_TAGS:
            depth += 1
            if depth > depth_limit:
                raise InputError(
                    source,
                    f"nests its markup more than {depth_limit:,} tags deep",
                    "Give the article's own page, or raise WARLOG_MAX_HTML_DEPTH.",
                    errors.TOO_COMPLEX,
                )


def article_from_html(html: str, source: str) -> RawArticle:
    """The main text of an HTML page (trafilatura), with its title, date and URL."""
    import trafilatura

    check_markup_limits(html, source)
    extracted = trafilatura.extract(
        html, output_format="json", with_metadata=True, include_comments=False
    )
    if not extracted:
        raise InputError(
            source,
            "is HTML with no article text that could be found",
            "Check that the page holds the article itself, not only a frame or script.",
            errors.NO_TEXT,
        )
    meta = json.loads(extracted)
    text: str = meta.get("text") or ""
    title = meta.get("title") or None
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        lines = lines[1:]
    return RawArticle(
        source=source,
        text="\n\n".join(line for line in lines if line.strip()),
        is_html=True,
        url=meta.get("source") or meta.get("url") or None,
        outlet=meta.get("sitename") or meta.get("hostname") or None,
        headline=title,
        published=meta.get("date") or None,
    )


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head
