"""From a raw article to a cleaned :class:`~warlog.model.Article` with its publication date."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from warlog import errors
from warlog.dates import MAX_YEAR, MIN_YEAR, full_dates_in, iso_year, parse_iso
from warlog.errors import InputError
from warlog.ingest.clean import clean_text, has_visible_text, scrub_surrogates
from warlog.ingest.dateline import parse_dateline, refine_with_text
from warlog.ingest.readers import RawArticle
from warlog.model import Article, Dateline, ResolvedDate


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """A cleaned article plus what cleaning noticed (for the ingest summary)."""

    article: Article
    dateline: Dateline | None
    warnings: tuple[str, ...]


def sha256(text: str) -> str:
    """The hex digest of a text's UTF-8; a lone surrogate (from a JSON escape) is hashed as
    its surrogate code, so no text fails to hash."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def parse_published(value: str, source: str) -> ResolvedDate:
    """A user-given publication date: ISO (``2020-10-04``, ``2020-10``, a timestamp) or a full
    written date ("October 4, 2020"). Anything else is a bad input."""
    parsed = parse_iso(value)
    year = iso_year(value)
    if parsed is None and year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError(
            source,
            f"has the publication date {value!r}, outside the years {MIN_YEAR}-{MAX_YEAR} "
            "warlog holds",
            "Give the date it was published (YYYY-MM-DD), or leave the field out.",
            errors.OUT_OF_RANGE,
        )
    if parsed is None:
        written = full_dates_in(value)
        if written:
            parsed = written[0][0]
    if parsed is None:
        raise InputError(
            source,
            f"has the publication date {value!r}, which is not a date warlog can read",
            "Give it as YYYY-MM-DD (or YYYY-MM), e.g. 2020-10-04.",
            errors.BAD_DATE,
        )
    return parsed


def prepare(raw: RawArticle, published: str | None = None) -> PreparedArticle:
    """Clean the text, parse the dateline, settle the publication date.

    The date the user gave (``published`` here, else the article's own ``published`` field)
    wins; else the dateline's, made day-precise by a full date in the text that fits it.
    """
    text = clean_text(raw.text)
    if not text:
        raise InputError(
            raw.source,
            "holds no text once web debris is removed",
            "Check that it holds the article itself.",
            errors.EMPTY,
        )
    if not has_visible_text(text):
        raise InputError(
            raw.source,
            "holds no letter or digit, only invisible characters, spaces or symbols",
            "Check that it holds the article itself.",
            errors.EMPTY,
        )
    dateline = parse_dateline(text)
    warnings: list[str] = []
    given = published or raw.published
    published_date: ResolvedDate | None
    if given:
        published_date = parse_published(given, raw.source)
        published_source = "given" if published else ("html" if raw.is_html else "field")
    elif dateline is not None and dateline.date is not None:
        published_date = refine_with_text(dateline.date, text)
        published_source = "dateline" if published_date == dateline.date else "dateline+text"
    else:
        published_date = None
        published_source = None
        warnings.append(
            f"{raw.source}: no publication date found, so relative dates ('on Sunday') stay "
            "unresolved; pass --published YYYY-MM-DD or a 'published' field"
        )
    article = Article(
        id=sha256(text),
        text=text,
        raw_hash=sha256(raw.text),
        url=_scrubbed(raw.url),
        outlet=_scrubbed(raw.outlet) or (dateline.agency if dateline else None),
        headline=_scrubbed(raw.headline),
        published=published_date,
        published_source=published_source,
        dateline_place=dateline.place if dateline else None,
        source=scrub_surrogates(raw.source),
    )
    return PreparedArticle(article=article, dateline=dateline, warnings=tuple(warnings))


def _scrubbed(value: str | None) -> str | None:
    return scrub_surrogates(value) if value is not None else None
