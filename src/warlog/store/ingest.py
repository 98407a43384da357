"""Ingest into a store: read, skip what is there already, analyse, store article by article."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from warlog import errors
from warlog.errors import AnalysisError, InputError, WarlogError
from warlog.ingest import PreparedArticle, Upload, iter_sources, parse_published, prepare
from warlog.model import Report
from warlog.nlp import Language
from warlog.pipeline import analyse_each

if TYPE_CHECKING:
    from warlog.store.store import Store


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that was reported and skipped."""

    source: str
    code: str
    reason: str
    hint: str

    @classmethod
    def from_error(cls, error: InputError) -> Rejection:
        return cls(error.source, error.code, error.reason, error.hint)

    def __str__(self) -> str:
        return f"[{self.code}] {self.source}: {self.reason}. {self.hint}"


@dataclass(frozen=True, slots=True)
class Unchanged:
    source: str
    article_id: str


@dataclass(frozen=True, slots=True)
class Added:
    """An article ingest added, as its summary shows it: the article's text and records
    stay in the store, so a long run holds a line per article, never its report."""

    id: str
    source: str | None
    headline: str | None
    published: str | None
    places: tuple[str, ...]  # the place names in text order
    dates: int  # its temporal expressions

    @classmethod
    def of(cls, report: Report) -> Added:
        article = report.article
        return cls(
            id=article.id,
            source=article.source,
            headline=article.headline,
            published=article.published.value if article.published else None,
            places=tuple(place.text for place in report.places),
            dates=len(report.temporals),
        )


@dataclass(slots=True)
class IngestResult:
    """What one ``ingest`` did, gathered as it goes: the articles added (a summary line
    each), unchanged articles, rejects (every one, for the user to see), warnings."""

    added: list[Added] = field(default_factory=list)
    unchanged: list[Unchanged] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


ProgressCallback = Callable[[str], None]


def ingest_summary(result: IngestResult) -> dict[str, Any]:
    """What an ingest did as JSON data (``warlog ingest --json``, the web app's upload)."""
    return {
        "added": [
            {
                "id": added.id,
                "source": added.source,
                "published": added.published,
                "places": list(added.places),
                "dates": added.dates,
            }
            for added in result.added
        ],
        "unchanged": [{"id": item.article_id, "source": item.source} for item in result.unchanged],
        "rejected": [
            {"source": r.source, "code": r.code, "reason": r.reason, "hint": r.hint}
            for r in result.rejected
        ],
        "warnings": list(result.warnings),
    }


def ingest(
    store: Store,
    sources: Iterable[str | Path | Upload],
    *,
    published: str | None = None,
    encoding: str | None = None,
    stdin: BinaryIO | None = None,
    nlp: Language | None = None,
    on_item: ProgressCallback | None = None,
) -> IngestResult:
    """Ingest every article the sources hold. Re-ingesting an article is a no-op.

    Each article is stored in its own transaction, so an interrupted run leaves whole
    articles only; a bad input is recorded in ``rejected`` and the run carries on.
    """
    if published is not None:
        parse_published(published, "--published")  # fail before reading anything
    result = IngestResult()
    seen: set[str] = set()

    def to_analyse() -> Iterator[PreparedArticle]:
        for item in iter_sources(sources, encoding=encoding, stdin=stdin):
            if isinstance(item, InputError):
                result.rejected.append(Rejection.from_error(item))
                _tick(on_item, item.source)
                continue
            try:
                prepared = prepare(item, published=published)
            except InputError as error:
                result.rejected.append(Rejection.from_error(error))
                _tick(on_item, item.source)
                continue
            except Exception as exc:  # a bug in cleaning: this article only
                result.rejected.append(_failure(item.source, "preparing it", exc))
                _tick(on_item, item.source)
                continue
            article_id = prepared.article.id
            if article_id in seen or store.has_article(article_id):
                result.unchanged.append(Unchanged(item.source, article_id))
                _tick(on_item, item.source)
                continue
            seen.add(article_id)
            yield prepared

    for report in analysed(to_analyse(), nlp, result.rejected, on_item):
        source = report.article.source or report.article.id
        try:
            stored = store.add_report(report)
        except Exception as exc:  # one article the store refused; the batch goes on
            result.rejected.append(_store_failure(source, exc))
            _tick(on_item, source)
            continue
        result.warnings.extend(report.warnings)
        if stored:
            result.added.append(Added.of(report))
        else:
            result.unchanged.append(Unchanged(report.article.source or "", report.article.id))
        _tick(on_item, source)
    return result


def _failure(source: str, doing: str, exc: BaseException) -> Rejection:
    """A rejection for an unexpected failure on one article (a bug): its type and message,
    the traceback kept in the log under WARLOG_DEBUG."""
    errors.debug_traceback(source, exc)
    return Rejection(
        source,
        AnalysisError.code,
        f"failed while {doing} ({type(exc).__name__}: {_short(exc)})",
        "The article was skipped; please report it with the article attached "
        "(WARLOG_DEBUG=1 prints the traceback).",
    )


def _store_failure(source: str, exc: BaseException) -> Rejection:
    """One article the store could not hold. A database error names only its kind: its
    text may quote the whole SQL statement with the article's values."""
    errors.debug_traceback(source, exc)
    if isinstance(exc, WarlogError):
        detail = exc.message
    else:
        orig = getattr(exc, "orig", None)
        detail = type(orig if orig is not None else exc).__name__
        if orig is not None:
            detail += f": {_short(orig).splitlines()[0] if _short(orig) else ''}"
    return Rejection(
        source,
        errors.STORE_FAILED,
        f"could not be stored ({detail})",
        "The other articles were stored; please report it with the article attached "
        "(WARLOG_DEBUG=1 prints the traceback).",
    )


def _short(exc: BaseException, size: int = 200) -> str:
    text = str(exc)
    return text if len(text) <= size else text[:size] + "…"


def analysed(
    prepared: Iterable[PreparedArticle],
    nlp: Language | None,
    failed: list[Rejection],
    on_item: ProgressCallback | None,
) -> Iterator[Report]:
    """The reports of prepared articles; an article the extractors fail on is added to
    ``failed`` (and ticked) instead."""
    if nlp is None:
        from warlog.nlp import load_pipeline

        nlp = load_pipeline()
    for report in analyse_each(prepared, nlp=nlp):
        if isinstance(report, AnalysisError):
            failed.append(Rejection(report.source, report.code, "analysis failed", report.message))
            _tick(on_item, report.source)
            continue
        yield report


def _tick(callback: ProgressCallback | None, source: str) -> None:
    if callback is not None:
        callback(source)
