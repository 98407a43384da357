"""``warlog reanalyse``: analyse stored articles again with this warlog.

An article's id is the hash of its text, so re-ingesting it after an upgrade is a no-op and
keeps the old analysis. Each stored article records the analysis version that produced it
(``warlog.pipeline.analysis_version``); this runs the pipeline again on the stored text of
every article analysed by another version (or of all, on request) and replaces its records,
one transaction per article, re-forming the incidents its events belonged to.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from warlog.ingest import PreparedArticle
from warlog.ingest.dateline import parse_dateline
from warlog.nlp import Language
from warlog.store.ingest import ProgressCallback, Rejection, _tick, analysed

if TYPE_CHECKING:
    from warlog.store.store import Store


@dataclass(slots=True)
class ReanalyseResult:
    reanalysed: list[str] = field(default_factory=list)
    failed: list[Rejection] = field(default_factory=list)
    current: int = 0  # articles already analysed by this version, left alone


def reanalyse(
    store: Store,
    *,
    everything: bool = False,
    nlp: Language | None = None,
    on_item: ProgressCallback | None = None,
) -> ReanalyseResult:
    """Analyse again the stored articles a previous warlog analysed (``everything``: all)."""
    stale = store.stale_articles(everything=everything)
    result = ReanalyseResult(current=store.article_count() - len(stale))

    def prepared() -> Iterator[PreparedArticle]:
        for article_id in stale:
            article = store.report(article_id).article
            yield PreparedArticle(
                article=article, dateline=parse_dateline(article.text), warnings=()
            )

    for report in analysed(prepared(), nlp, result.failed, on_item):
        store.replace_report(report)
        result.reanalysed.append(report.article.id)
        _tick(on_item, report.article.source or report.article.id)
    return result
