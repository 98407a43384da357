"""ingest -> nlp -> extract -> resolve, for one article or a stream of them. No store here."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache

from spacy.tokens import Doc

from warlog import errors, settings
from warlog.budget import OverBudget, time_budget
from warlog.errors import AnalysisError
from warlog.extract import EXTRACTORS
from warlog.extract.places import context_countries
from warlog.figures import drop_outsized
from warlog.ingest import PreparedArticle, RawArticle, prepare
from warlog.model import Evidence, Report
from warlog.nlp import Language, load_pipeline
from warlog.resolve import resolve_temporals
from warlog.resolve.actors import resolve_actors
from warlog.resolve.attribution import attribute
from warlog.resolve.denials import link_denials
from warlog.resolve.events import attach_casualties, place_sides, settle_events
from warlog.resolve.geocode import geocode
from warlog.resolve.own_acts import confirm_own_acts


@cache
def analysis_version() -> str:
    """What produced a stored analysis: warlog's version, the gazetteer's, and a digest of
    the rule data files. A store whose articles were analysed under another one can be
    brought up to date with ``warlog reanalyse``."""
    import hashlib
    from importlib import resources

    from warlog import __version__
    from warlog.geo.gazetteer import GAZETTEER_VERSION

    digest = hashlib.sha1()
    for item in sorted(resources.files("warlog").joinpath("data").iterdir(), key=str):
        if item.name.endswith(".json"):
            digest.update(item.name.encode())
            digest.update(item.read_bytes())
    return f"{__version__}+g{GAZETTEER_VERSION}.{digest.hexdigest()[:10]}"


def entity_labels(doc: Doc) -> Callable[[str, Evidence], str | None]:
    """The entity label of a name as the parse read it: the entity of that text nearest to a
    span, else the entity covering most of the span ("PERSON" for a speaker's name)."""
    entities: list[tuple[int, int, str, str]] = [
        (ent.start_char, ent.end_char, ent.label_, ent.text) for ent in doc.ents
    ]

    def label_of(name: str, span: Evidence) -> str | None:
        same = [e for e in entities if e[3] == name]
        if same:
            return min(same, key=lambda e: abs(e[0] - span.start))[2]
        best, best_overlap = None, 0
        for start, end, label, _text in entities:
            overlap = min(end, span.end) - max(start, span.start)
            if overlap > best_overlap:
                best, best_overlap = label, overlap
        return best if best_overlap * 2 >= span.end - span.start else None

    return label_of


def analyse(prepared: PreparedArticle, doc: Doc) -> Report:
    """Run every registered extractor on a parsed article, then resolve what they found."""
    article = prepared.article
    if len(doc) and not doc.has_annotation("SENT_START"):
        for token in doc:  # a pipeline without a parser: the text is one sentence
            token.is_sent_start = token.i == 0
    found = {name: tuple(extractor(doc, article)) for name, extractor in EXTRACTORS.items()}
    claims = link_denials(found.get("claims", ()))
    countries = context_countries(doc)
    places = geocode(found.get("places", ()), countries, article.text)
    temporals = resolve_temporals(found.get("temporals", ()), article.published)
    casualties = attribute(found.get("casualties", ()), claims, article.text)
    events = attach_casualties(
        settle_events(found.get("events", ()), places, temporals, claims, article, countries),
        casualties,
        article.text,
    )
    casualties = place_sides(casualties, events)
    claims, events = confirm_own_acts(claims, events)
    actors = resolve_actors(claims, events, casualties, entity_labels(doc))
    casualties, events, actors, dropped = drop_outsized(
        casualties, events, actors, article.source or article.id
    )
    return Report(
        article=article,
        places=places,
        temporals=temporals,
        casualties=casualties,
        claims=claims,
        events=events,
        actors=actors,
        warnings=prepared.warnings + dropped,
    )


def analyse_many(
    prepared: Iterable[PreparedArticle],
    nlp: Language | None = None,
    batch_size: int | None = None,
) -> Iterator[Report]:
    """Reports for a stream of prepared articles, parsed in batches with ``nlp.pipe``.

    Raises :class:`warlog.errors.AnalysisError` for an article the extractors fail on."""
    for report in analyse_each(prepared, nlp=nlp, batch_size=batch_size):
        if isinstance(report, AnalysisError):
            raise report
        yield report


def analyse_each(
    prepared: Iterable[PreparedArticle],
    nlp: Language | None = None,
    batch_size: int | None = None,
) -> Iterator[Report | AnalysisError]:
    """Like analyse_many, but an article the extractors fail on becomes an AnalysisError
    (reported and skipped by ingest) instead of stopping the run."""
    nlp = nlp if nlp is not None else load_pipeline()
    size = batch_size or settings.get_int("batch_size")
    batch: list[PreparedArticle] = []
    for item in prepared:
        batch.append(item)
        if len(batch) >= size:
            yield from _analyse_batch(nlp, batch, size)
            batch = []
    if batch:
        yield from _analyse_batch(nlp, batch, size)


BATCH_SECONDS_PER_ARTICLE = 5  # what a batch's parse may take beyond one article's budget


def _analyse_batch(
    nlp: Language, batch: list[PreparedArticle], size: int
) -> Iterator[Report | AnalysisError]:
    """One batch parsed with ``nlp.pipe`` within a time budget. When the parse fails or runs
    past it, each article of the batch is parsed alone, with its own budget, so only the one
    that fails (or is too slow) is lost."""
    budget = float(settings.get_int("analysis_seconds"))
    try:
        # one article's budget, and a few seconds for each other one: an ordinary batch
        # parses in a second or two, and one that overruns is only parsed again article by
        # article
        with time_budget(budget + BATCH_SECONDS_PER_ARTICLE * len(batch) if budget > 0 else 0):
            docs = list(nlp.pipe([item.article.text for item in batch], batch_size=size))
    except (Exception, OverBudget):
        for item in batch:
            try:
                with time_budget(budget):
                    doc = nlp(item.article.text)
            except OverBudget as over:
                yield _too_slow(item, over, "parsing")
                continue
            except Exception as exc:
                yield _analysis_error(item, exc)
                continue
            yield _analysed(item, doc)
        return
    for item, doc in zip(batch, docs, strict=True):
        yield _analysed(item, doc)


def _analysed(item: PreparedArticle, doc: Doc) -> Report | AnalysisError:
    try:
        with time_budget():
            return analyse(item, doc)
    except OverBudget as over:
        return _too_slow(item, over, "analysing")
    except Exception as exc:
        return _analysis_error(item, exc)


def _too_slow(item: PreparedArticle, over: OverBudget, doing: str) -> AnalysisError:
    return AnalysisError(
        item.article.source or item.article.id,
        f"{doing} it was stopped after {over.seconds:g} s, the budget for one article",
        code=errors.TOO_SLOW,
        hint="The other articles were analysed; raise WARLOG_ANALYSIS_SECONDS to allow "
        "more, or report the article if it is an ordinary one.",
    )


def _analysis_error(item: PreparedArticle, exc: Exception) -> AnalysisError:
    """The error for one article the pipeline failed on; with WARLOG_DEBUG set its traceback
    is printed to stderr."""
    source = item.article.source or item.article.id
    errors.debug_traceback(source, exc)
    detail = str(exc)
    detail = detail if len(detail) <= 200 else detail[:200] + "…"
    return AnalysisError(source, f"{type(exc).__name__}: {detail}")


def read(
    text: str,
    *,
    published: str | None = None,
    url: str | None = None,
    headline: str | None = None,
    outlet: str | None = None,
    nlp: Language | None = None,
) -> Report:
    """Everything warlog finds in one article's text, without touching a store.

    Raises :class:`warlog.errors.InputError` when the text is empty or the date unreadable.
    """
    raw = RawArticle(source="<text>", text=text, url=url, outlet=outlet, headline=headline)
    prepared = prepare(raw, published=published)
    return next(analyse_many([prepared], nlp=nlp))
